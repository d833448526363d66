"""Ingest end to end: the committed table is what the seeds give, and a failed ingest loses nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from indcli.contract import COLUMN_NAMES, COLUMNS, SCHEMA
from indcli.errors import DataError
from indcli.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "data" / "indicators.parquet"


def rows(path: Path) -> list[dict]:
    """Rows with text_path and source_path resolved, since they are stored relative to the table's own folder."""
    out = pq.read_table(path).to_pylist()
    for r in out:
        for column in ("text_path", "source_path"):
            r[column] = str((path.parent / r[column]).resolve())
    return out


def test_ingest_regenerates_the_committed_table_row_for_row(tmp_path):
    out = tmp_path / "t.parquet"
    report = ingest([ROOT / "seeds"], out)
    assert report.documents == 5 and report.facts > 250
    assert rows(out) == rows(COMMITTED), "data/indicators.parquet is stale: run `indcli ingest` and commit it"


def test_table_has_the_contract_schema_and_required_columns(tmp_path):
    table = pq.read_table(COMMITTED)
    assert table.schema.equals(SCHEMA)
    required = [c.name for c in COLUMNS if c.required]
    assert required == ["fact_id", "province", "metric", "metric_raw", "measure", "value", "unit", "comparator",
                        "period_start", "period_end", "period_label", "kind", "source", "line", "quote", "mentions"]
    for r in table.to_pylist():
        assert r["measure"] in {"level", "growth", "cagr", "share", "rank", "diff"}
        assert r["kind"] in {"actual", "target", "forecast"}
        assert r["comparator"] in {"=", "~", ">", ">=", "<", "<="}
        assert r["period_start"] <= r["period_end"]
        source = (ROOT / "seeds" / r["source"]).read_text(encoding="utf-8")
        assert source[r["char_start"]:r["char_end"]] == r["quote"]


def test_repeated_paragraphs_are_one_fact_with_mentions():
    table = rows(COMMITTED)
    enterprises = [r for r in table if r["metric"] == "规模以上工业企业" and r["value"] == 15589]
    assert len(enterprises) == 1 and enterprises[0]["mentions"] >= 5 and enterprises[0]["province"] == "湖北"


def test_a_failed_ingest_leaves_the_old_table_byte_identical(tmp_path, monkeypatch):
    out = tmp_path / "t.parquet"
    ingest([ROOT / "seeds" / "004_3a7e888d9c6af0de.txt"], out)
    before = out.read_bytes()

    def boom(*_a, **_k):
        raise DataError("simulated failure mid-write")

    monkeypatch.setattr("indcli.store.os.replace", boom)
    with pytest.raises(DataError):
        ingest([ROOT / "seeds"], out)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_ingest_prints_a_summary_and_writes_the_file(tmp_path):
    out = tmp_path / "cli.parquet"
    proc = subprocess.run([sys.executable, "-m", "indcli.cli", "ingest", str(ROOT / "seeds"), "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ingested 5 document(s)" in proc.stderr and "湖北" in proc.stderr
    assert proc.stdout == ""
    assert set(pq.read_table(out).column_names) == set(COLUMN_NAMES)


def test_missing_input_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "indcli.cli", "ingest", str(tmp_path / "nope.txt"), "--out",
                           str(tmp_path / "x.parquet")], capture_output=True, text=True)
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
