"""The arithmetic of progress towards a target, on open input (hypothesis): the growth a year still needed takes
the actual to the target, a later actual is never taken for an earlier target, met reads comparators right."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indcli.facts import group_facts
from indcli.progress import latest_actual, met, needed_rate, progress


def fact(kind: str, value: float, year: int, *, measure: str = "level", unit: str = "元", start: int | None = None,
         end_month: int = 12, fid: str = "f") -> dict:
    return {"fact_id": f"{fid}{kind}{year}{value}", "province": "湖北", "city": "", "metric": "汽车产业营业收入",
            "measure": measure, "unit": unit, "period_start": date(start or year, 1, 1),
            "period_end": date(year, end_month, 30 if end_month == 11 else 31), "kind": kind, "scope": "",
            "value": value, "comparator": "=", "source": f"{kind}{year}.txt", "line": 1}


@given(st.floats(1, 1e13), st.floats(1e-3, 1e3), st.integers(1, 30))
def test_needed_rate_takes_the_actual_to_the_target(target, share, years):
    actual = target * share
    rate = needed_rate(target, actual, years)
    assert actual * (1 + rate / 100) ** years == pytest.approx(target, rel=1e-6)


@given(st.lists(st.tuples(st.integers(2015, 2030), st.floats(1, 1e12)), min_size=1, max_size=8),
       st.integers(2018, 2030))
def test_the_latest_actual_ends_no_later_than_the_target(actuals, horizon):
    goal = group_facts([fact("target", 1e12, horizon)])[0]
    groups = group_facts([fact("actual", v, y, fid=str(i)) for i, (y, v) in enumerate(actuals)])
    chosen = latest_actual(goal, groups)
    before = [y for y, _ in actuals if y <= horizon]
    if not before:
        assert chosen is None
    else:
        assert chosen.period_end.year == max(before)


def test_a_whole_year_is_not_a_span_and_a_span_needs_its_start():
    span_goal = group_facts([fact("target", 5e12, 2025, start=2021)])[0]
    year_actual = group_facts([fact("actual", 1e12, 2023)])
    span_actual = group_facts([fact("actual", 3e12, 2023, start=2021)])
    assert latest_actual(span_goal, year_actual) is None
    assert latest_actual(span_goal, span_actual) is span_actual[0]
    assert latest_actual(group_facts([fact("target", 1e12, 2025)])[0], span_actual) is None


def test_progress_under_way_and_met():
    goal = group_facts([fact("target", 1e12, 2025)])[0]
    actual = group_facts([fact("actual", 8e11, 2022)])[0]
    p = progress(goal, 1e12, "=", actual, stated_rate=6.4)
    assert (p.status, round(p.ratio, 2), p.years, round(p.needed, 2), p.rate_enough) == ("under way", 0.8, 3, 7.72,
                                                                                         False)
    same = group_facts([fact("actual", 1.05e12, 2025)])[0]
    assert progress(goal, 1e12, ">=", same).status == "met"
    assert progress(goal, 1e12, "=", None).status == "none"


@given(st.floats(-100, 100), st.floats(-100, 100))
def test_met_reads_floors_and_ceilings(target, actual):
    assert met(target, ">=", "growth", actual) == (actual >= target)
    assert met(target, "<=", "growth", actual) == (actual <= target)
    assert met(target, "=", "rank", actual) == (actual <= target)
