"""A second probe set in the genres users feed: January work reports, year-end reviews (one in Traditional script
with pinyin debris), quarterly round-ups of many provinces, an action plan and a news piece with tricky numbers
(tests/probes2/). Written and annotated by a reader who never saw the extractor, in the gold conventions of
docs/ANNOTATION.md's successor (one JSON object a line: province, metric, measure, value, unit, period, kind, core).

A gold fact is found when a row of the same document has its province, unit, value, period end and
actual-vs-plan, and a metric name that overlaps it (a substring either way, or half the character pairs). The bars
are today's figures less a little room; a figure given to the wrong province fails outright.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indcli.documents import load_manifest
from indcli.ingest import extract_file

PROBES = Path(__file__).parent / "probes2"


def _gold() -> list[dict]:
    return [json.loads(line) for p in sorted((PROBES / "gold").glob("*.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rows() -> dict[str, list]:
    manifest = load_manifest(PROBES)
    return {p.name: extract_file(p, None, manifest) for p in sorted(PROBES.glob("*.txt"))}


def _pairs(s: str) -> set[str]:
    s = re.sub(r"[\s“”\"《》]|全省|我省", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def _names_meet(gold: dict, fact) -> bool:
    for g in [gold["metric"], *gold.get("aliases", [])]:
        for p in (fact.metric, fact.metric_raw):
            if g and p and (g in p or p in g or len(_pairs(g) & _pairs(p)) >= 0.4 * len(_pairs(g) | _pairs(p))):
                return True
    return False


def _period_meets(gold: str, fact) -> bool:
    end = gold.split("/")[-1]
    year, _, month = end.partition("-")
    if int(year) != fact.period_end.year:
        return False
    return fact.period_end.month == 12 if not month or month == "12" else fact.period_end.month == int(month)


def _unit(u: str) -> str:
    return {"台（套）": "台(套)"}.get(u, u)


def _same(gold: dict, fact) -> bool:
    plan = gold["kind"] != "actual"
    return (fact.unit == _unit(gold["unit"]) and abs(fact.value - gold["value"]) <= max(1e-9, 1e-3 * abs(gold["value"]))
            and _period_meets(gold["period"], fact) and (fact.kind != "actual") == plan and not fact.city)


def _score(rows: dict[str, list]) -> tuple[list, list, set]:
    """(found pairs, missed gold facts, ids of rows used)."""
    found, missed, used = [], [], set()
    for g in sorted(_gold(), key=lambda g: not g.get("core", True)):
        cands = [f for f in rows[g["doc"]] if id(f) not in used and _same(g, f)]
        best = next((f for f in cands if f.province == g["province"] and _names_meet(g, f)), None)
        if best is None:
            missed.append((g, cands))
        else:
            used.add(id(best))
            found.append((g, best))
    return found, missed, used


def test_the_second_readers_figures_are_found_with_few_wrong_rows(rows):
    found, missed, used = _score(rows)
    core = [g for g in _gold() if g.get("core", True)]
    core_found = [g for g, _f in found if g.get("core", True)]
    assert len(core) == 407
    assert len(core_found) / len(core) >= 0.98, [(g["doc"], g["metric"], g["value"]) for g, _c in missed
                                                 if g.get("core", True)]
    scored = [f for facts in rows.values() for f in facts if not f.city and f.unit in {_unit(g["unit"]) for g in _gold()}]
    assert len([f for f in scored if id(f) in used]) / len(scored) >= 0.94


def test_no_figure_of_one_province_is_given_to_another(rows):
    _found, missed, _used = _score(rows)
    wrong = [(g["doc"], g["province"], g["value"], [f.province for f in cands]) for g, cands in missed
             if g.get("core", True) and cands and all(f.province != g["province"] for f in cands)
             and any(_names_meet(g, f) for f in cands)]
    assert wrong == []
