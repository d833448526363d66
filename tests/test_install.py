"""indcli installed from its wheel (not editable) answers from any folder: the seeds and the table built from them
ship in the package, a user's own table goes to the platform's data folder, and --version/info say which is read.

The wheel is built offline from a copy of the checkout (--no-build-isolation --no-index, the test venv's
setuptools) and installed with --no-deps into a fresh venv that borrows the test venv's dependencies through a
.pth file, so the test needs no network and takes a few seconds.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _copy_checkout(dest: Path) -> Path:
    """The files a build needs, symlinks kept (src/indcli/_default points at data/ and seeds/)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("src", "data", "seeds"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.lock"))
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv holding indcli installed from a freshly built wheel; returns its bin/ folder."""
    tmp = tmp_path_factory.mktemp("install")
    src = _copy_checkout(tmp / "checkout")
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                    "--no-index", "-q", "-w", str(wheels)], check=True, capture_output=True, text=True)
    target = tmp / "venv"
    venv.create(target, with_pip=False)
    py = target / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # the dependencies (duckdb, typer …) come from the test venv, after the wheel's own indcli
    (Path(purelib) / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    wheel = next(wheels.glob("indcli-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, text=True)
    return target / "bin"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> dict[str, str]:
    """An environment outside any project: a fresh home and data folder, no INDCLI_DATA."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("INDCLI_DATA", "PYTHONPATH")}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "NO_COLOR": "1",
                "COLUMNS": "80"})
    return env


def _run(bin_dir: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "indcli"), *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=60)


def test_the_users_examples_from_another_folder(installed, elsewhere, tmp_path):
    compare = _run(installed, "compare", "--metric", "规上工业增加值", "--format", "table", env=elsewhere, cwd=tmp_path)
    assert compare.returncode == 0, compare.stderr
    assert "规模以上工业增加值 · 增速" in compare.stdout and "7.7%" in compare.stdout
    targets = _run(installed, "targets", "hubei", "--format", "table", env=elsewhere, cwd=tmp_path)
    assert targets.returncode == 0, targets.stderr
    assert "湖北 2025年目标" in targets.stdout
    assert all(len(line) <= 80 for line in targets.stdout.splitlines())


def test_the_packaged_table_is_the_checkouts_table(installed, elsewhere, tmp_path):
    proc = _run(installed, "info", "--format", "csv", env=elsewhere, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[1].split(",")
    assert first[1] == "packaged" and "site-packages" in first[2]
    assert Path(first[2]).read_bytes() == (ROOT / "data" / "indicators.parquet").read_bytes()
    version = _run(installed, "--version", env=elsewhere, cwd=tmp_path)
    assert version.stdout.startswith("indcli ") and "packaged" in version.stdout
    check = _run(installed, "check", env=elsewhere, cwd=tmp_path)  # quotes point into the packaged seeds
    assert check.returncode == 0, check.stdout + check.stderr


def test_append_outside_a_project_goes_to_the_users_table(installed, elsewhere, tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("湖北省2030年工作要点\n到2030年，全省算力规模达到50000P。\n", encoding="utf-8")
    plain = _run(installed, "ingest", "report.txt", "--date", "2026-01-05", env=elsewhere, cwd=tmp_path)
    assert plain.returncode == 2 and "--append" in plain.stderr and ".local/share/indcli" in plain.stderr
    added = _run(installed, "ingest", "report.txt", "--date", "2026-01-05", "--append", env=elsewhere, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    user = Path(elsewhere["XDG_DATA_HOME"]) / "indcli" / "indicators.parquet"
    assert user.is_file()
    info = _run(installed, "info", "--format", "csv", env=elsewhere, cwd=tmp_path)
    assert info.stdout.splitlines()[1].split(",")[1:3] == ["user", str(user)]
    targets = _run(installed, "targets", "hubei", "--format", "csv", env=elsewhere, cwd=tmp_path)
    assert "2030" in targets.stdout and "2025" in targets.stdout  # the seeds are still there
