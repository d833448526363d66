"""Table-driven end-to-end cases: a sentence (or a few lines), the document's date and province in, every fact
out. Adding a rule's case is adding a row to cases.tsv.

Columns of cases.tsv (tab-separated; ``\\n`` in the text is a line break):
  name      what the row shows, in a few words
  date      the document's date (YYYY-MM-DD), or - for an undated document
  province  the document's province
  text      the input, written for this file (never copied from a real document)
  expect    every fact, separated by " ; " — each "province[/city] metric measure value unit comparator period kind"
            with the period as in the gold conventions (2024, 2024-01/2024-11, 2021/2025); - for no fact
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from indcli import extract_document

CASES = Path(__file__).with_name("cases.tsv")


def _rows() -> list[dict]:
    with CASES.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if not r["name"].startswith("#")]
    return rows


def _period(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{start.year}/{end.year}"
    if (start.month, end.month) == (1, 12):
        return str(start.year)
    return f"{start:%Y-%m}/{end:%Y-%m}"


def _value(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e7 else f"{v:.6g}"


def _fact(f) -> str:
    where = f.province + (f"/{f.city}" if f.city else "")
    return " ".join([where, f.metric, f.measure, _value(f.value), f.unit, f.comparator,
                     _period(f.period_start, f.period_end), f.kind])


def _normal(expect: str) -> list[str]:
    if expect.strip() == "-":
        return []
    out = []
    for fact in expect.split(" ; "):
        parts = fact.split()
        parts[3] = _value(float(parts[3]))
        out.append(" ".join(parts))
    return sorted(out)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["name"])
def test_case(row):
    when = None if row["date"] == "-" else date.fromisoformat(row["date"])
    text = row["text"].replace("\\n", "\n")
    got = extract_document(text, source="case.txt", doc_date=when, province=row["province"])
    assert sorted(_fact(f) for f in got) == _normal(row["expect"])


def test_the_table_is_well_formed():
    rows = _rows()
    assert len({r["name"] for r in rows}) == len(rows), "case names must be unique"
    for r in rows:
        for fact in _normal(r["expect"]):
            assert len(fact.split()) == 8, (r["name"], fact)
