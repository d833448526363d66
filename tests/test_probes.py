"""Documents written and annotated by a second reader who never saw the extractor (tests/probes/).

Nine documents in styles the seeds lack: other provinces, a statistical communiqué, a plan's goals section, a
Traditional-script repost with pinyin debris, a January work report, an article alternating two provinces.
The annotations follow the reader's own conventions, so a few rows differ by convention (增长1.4倍 kept in 倍,
a rate read as a share, a headline merged with its repeat); the bars below leave room for exactly those and
no more, and a figure given to the wrong province fails outright.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indcli.ingest import extract_file

PROBES = Path(__file__).parent / "probes"


def _expected() -> list[dict]:
    with (PROBES / "expected.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def extracted() -> dict[str, list]:
    return {p.name: extract_file(p) for p in sorted(PROBES.glob("*.txt"))}


def _match(row: dict, facts: list, used: set[int]) -> int | None:
    """The fact that states the annotated figure: same value, unit and measure, on its line if possible."""
    value = float(row["value"])
    found = [i for i, f in enumerate(facts) if i not in used and f.unit == row["unit"] and f.measure == row["measure"]
             and abs(f.value - value) <= 1e-6 * max(1.0, abs(value))]
    found.sort(key=lambda i: facts[i].line != int(row["line"]))
    return found[0] if found else None


def test_second_readers_figures_are_found_in_their_provinces(extracted):
    rows = _expected()
    used: dict[str, set[int]] = {name: set() for name in extracted}
    missed, wrong_province, wrong_kind = [], [], []
    for row in rows:
        facts = extracted[row["file"]]
        i = _match(row, facts, used[row["file"]])
        if i is None:
            missed.append(row)
            continue
        used[row["file"]].add(i)
        if facts[i].province != row["province"]:
            wrong_province.append((row, facts[i].province))
        if facts[i].kind != row["kind"]:
            wrong_kind.append((row, facts[i].kind))
    assert wrong_province == []
    assert len(rows) == 321
    assert len(missed) <= 5, [(r["file"], r["line"], r["metric"], r["value"]) for r in missed]
    assert len(wrong_kind) <= 1, [(r["file"], r["line"], r["metric"], k) for r, k in wrong_kind]


def test_second_readers_cities_and_periods_mostly_agree(extracted):
    rows = _expected()
    used: dict[str, set[int]] = {name: set() for name in extracted}
    city, period = [], []
    for row in rows:
        facts = extracted[row["file"]]
        i = _match(row, facts, used[row["file"]])
        if i is None:
            continue
        used[row["file"]].add(i)
        if (facts[i].city or "") != row["city"]:
            city.append((row["file"], row["line"], row["metric"], facts[i].city))
        if facts[i].period_label.replace("“十四五”(", "").rstrip(")") != row["period"].replace("末", ""):
            period.append((row["file"], row["line"], row["metric"], facts[i].period_label, row["period"]))
    assert len(city) <= 3, city  # 光谷 is not mapped to 武汉
    assert len(period) <= 4, period  # 年末 stocks, a share kept over 十四五, a fall from 2020
