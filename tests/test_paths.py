"""Which table a command reads and which it writes: --data > INDCLI_DATA > ./data/indicators.parquet > the user's
table (platformdirs) > the packaged default; `indcli ingest` writes INDCLI_DATA, the project's table or the
user's, and its hints name a command that works from where the user stands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indcli import UsageError, store
from indcli.cli import app
from indcli.query import data_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "tiny.parquet"


@pytest.fixture
def outside(tmp_path, monkeypatch) -> Path:
    """The current folder is no project, INDCLI_DATA is unset and the user's data folder is empty."""
    monkeypatch.delenv("INDCLI_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_the_packaged_default_is_the_checkouts_table():
    assert store.packaged_table().read_bytes() == (ROOT / "data" / "indicators.parquet").read_bytes()
    assert sorted(p.name for p in store.packaged_seeds().iterdir()) == sorted(
        p.name for p in (ROOT / "seeds").iterdir())


def test_resolution_order(outside, monkeypatch):
    assert store.resolve_data().origin == "packaged"
    user = store.user_table()
    assert user == outside.parent / "xdg" / "indcli" / "indicators.parquet"
    user.parent.mkdir(parents=True)
    shutil.copy(FIXTURE, user)
    assert store.resolve_data() == store.Choice(user, "user")
    (outside / "data").mkdir()
    shutil.copy(FIXTURE, outside / "data" / "indicators.parquet")
    assert store.resolve_data().origin == "project"
    monkeypatch.setenv("INDCLI_DATA", str(FIXTURE))
    assert store.resolve_data() == store.Choice(FIXTURE, "INDCLI_DATA")
    assert store.resolve_data("x.parquet") == store.Choice(Path("x.parquet"), "--data")
    assert [c.origin for c in store.data_choices("x.parquet")] == ["--data", "INDCLI_DATA", "project", "user",
                                                                   "packaged"]


def test_queries_answer_outside_a_project(outside):
    assert data_file() == store.packaged_table()
    result = CliRunner().invoke(app, ["compare", "--metric", "规上工业增加值", "--format", "csv"])
    assert result.exit_code == 0 and "规模以上工业增加值" in result.stdout


def test_ingest_writes_the_project_table_or_the_users(outside):
    assert store.ingest_target() == store.Choice(store.user_table(), "user")
    (outside / "seeds").mkdir()
    assert store.ingest_target() == store.Choice(outside / "data" / "indicators.parquet", "project")
    assert store.default_seeds_dir() == outside / "seeds"


def test_ingest_without_a_project_uses_the_packaged_seeds(outside):
    assert store.default_seeds_dir() == store.packaged_seeds()
    result = CliRunner().invoke(app, ["ingest", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert store.user_table().is_file() and store.resolve_data().origin == "user"


def test_hints_name_a_command_that_works_here(outside):
    (outside / "new.txt").write_text("到2030年，湖北算力规模达到50000P。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "new.txt"])
    assert isinstance(result.exception, UsageError)
    assert f"add --append to add them to {store.display_path(store.user_table())}" in str(result.exception)


def test_info_lists_the_order(outside):
    result = CliRunner().invoke(app, ["info", "--format", "table"])
    assert result.exit_code == 0
    assert "packaged default" in result.stdout and "your table" in result.stdout
    assert "--data > $INDCLI_DATA > ./data/indicators.parquet > your table > the packaged default" in result.stdout
    version = CliRunner().invoke(app, ["--version"])
    assert version.stdout.startswith("indcli ") and "(packaged;" in version.stdout


def test_the_console_opens_duckdb_early_only_for_a_query(monkeypatch):
    """`indcli compare …` starts connecting while typer loads (when a core is free); --help and ingest do not."""
    from indcli import console

    monkeypatch.setattr(console, "_spare_core", lambda: True)
    for argv in (["compare", "--help"], ["ingest"], ["--version"], []):
        monkeypatch.setattr(console, "_thread", None)
        console.start_connecting(argv)
        assert console.early_connection() is None, argv
    monkeypatch.setattr(console, "_thread", None)
    console.start_connecting(["compare", "-m", "GDP"])
    con = console.early_connection()
    assert con is not None and con.execute("SELECT 42").fetchone() == (42,)
    assert console.early_connection() is None  # handed out once
    con.close()


def test_python_dash_m_indcli_runs_the_cli(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "indcli", "compare", "-m", "规上工业增加值", "--data", str(FIXTURE)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("metric,"), proc.stderr
