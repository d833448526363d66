"""timing: each figure's period, adjusted once its measure is known, and its kind."""

from __future__ import annotations

from datetime import date

import pytest
from stage_kit import TODAY, doc_frame, frame

from indcli.extract.frame import SectionFrame, next_section, paragraph_frame
from indcli.extract.groups import slots
from indcli.extract.sentence import parse_sentence
from indcli.extract.timing import adjusted_period, kind_of, periods_of, states_result
from indcli.periods import year_period


def labels(text: str, measure: str, k: int = 0, fr=None) -> list[str] | None:
    fr = fr or frame()
    s = parse_sentence(text)
    got = periods_of(s, slots(s)[k].figures, s.periods(fr.year, fr.today), fr, measure)
    return None if got is None else [p.label for p in got]


def kind(text: str, today: date = date(2024, 5, 1), k: int = -1, approx: bool = False) -> str:
    s = parse_sentence(text)
    own = [p for p in s.periods(today.year, today) if not p.base]
    return kind_of(s, s.figures[k].start, own[0] if own else year_period(today.year), today, approx)


# ---------------------------------------------------------------- periods


def test_a_list_over_a_span_takes_a_year_each():
    assert labels("2020—2023年，全省工业投资分别增长6%、9%、5%和8%。", "growth") == [
        "2020年", "2021年", "2022年", "2023年"]


def test_an_average_keeps_its_span():
    assert labels("2019—2023年，全省工业投资年均增长7%。", "cagr") == ["2019—2023年"]


def test_a_relative_span_with_nothing_to_resolve_it_gives_none():
    assert labels("四年间，全省工业投资分别增长6%、9%、5%和8%。", "growth") is None


def test_a_relative_span_takes_the_last_span_of_its_length():
    fr = frame(last_span=parse_sentence("2020—2022年").periods(2024, TODAY)[0])
    assert labels("三年间，全省工业投资分别增长6%、9%和5%。", "growth", fr=fr) == ["2020年", "2021年", "2022年"]


def test_a_stock_stated_over_a_span_is_its_end_year():
    assert labels("五年来，全省国家级绿色工厂达到86家。", "level", fr=frame(today=date(2021, 3, 1))) == ["2020年"]
    assert labels("2019—2023年，全省累计建成绿色工厂86家。", "level") == ["2019—2023年"]


def test_a_level_right_after_a_base_year_is_that_years():
    assert labels("相比2020年全省经济总量3.6万亿元。", "level") == ["2020年"]
    assert labels("相比2020年全省经济总量增加1.2万亿元。", "level") == ["2024年"]  # a change, not the base's


def test_a_level_of_value_added_right_after_a_base_year_is_that_years():
    assert labels("相比2020年全省工业增加值1.2万亿元。", "level") == ["2020年"]


def test_last_years_value_is_the_year_before():
    assert labels("工业投资增长7%，与去年的7.5%持平。", "growth", k=1) == ["2023年"]


def test_a_base_year_in_brackets_stays_there():
    assert labels("2023年工业投资增长7%（2022年为5%）。", "growth", k=1) == ["2022年"]
    assert labels("工业投资增长7%（2022年为5%）。", "growth", k=0) == ["2024年"]


def test_a_figure_with_no_period_takes_the_frames():
    assert labels("全省工业投资增长7%。", "growth") == ["2024年"]
    fr = frame(period=parse_sentence("1—11月").periods(2024, TODAY)[0])
    assert labels("全省工业投资增长7%。", "growth", fr=fr) == ["2024年1—11月"]


def test_a_goal_in_a_report_on_last_year_is_for_this_year():
    doc = doc_frame(today=date(2025, 1, 20), report_year=2024)
    fr = paragraph_frame(doc, SectionFrame(), "湖南", "document")
    assert labels("全省工业投资增长7%。", "growth", fr=fr) == ["2024年"]
    assert labels("要推动工业投资增长8%。", "growth", fr=fr) == ["2025年"]


# ---------------------------------------------------------------- adjusted


def test_a_streak_of_ranks_covers_its_years():
    assert adjusted_period(year_period(2023), "rank", "", "x", "连续6年居全国", [], frame()).label == "2018—2023年"


def test_growth_since_a_base_year_spans_from_it():
    got = adjusted_period(year_period(2023), "growth", "增长", "x", "较2018年增长", [year_period(2018)], frame())
    assert got.label == "2018—2023年"


def test_an_average_growth_spans_its_plan_or_two_years():
    assert adjusted_period(year_period(2024), "cagr", "年均增长", "x", "", [], frame()).label == "2021—2024年"
    assert adjusted_period(year_period(2024), "cagr", "两年平均增长", "x", "", [], frame()).label == "2023—2024年"


def test_additions_in_a_plans_goals_part_cover_the_plan():
    doc = doc_frame(today=date(2026, 3, 1), plan=(2026, 2030))
    fr = paragraph_frame(doc, next_section(SectionFrame(), "三、主要目标", doc), "湖南", "document")
    assert adjusted_period(year_period(2030), "level", "", "新增绿色工厂", "", [], fr).label == "2026—2030年"
    assert adjusted_period(year_period(2030), "level", "", "绿色工厂", "", [], fr).label == "2030年"


# ---------------------------------------------------------------- kind


@pytest.mark.parametrize("text,expected", [
    ("力争到2028年全省算力规模达到20EFLOPS", "target"),
    ("2023年全省工业投资达到5200亿元", "actual"),
    ("预计今年工业投资增长8%", "forecast"),
    ("会上预计，今年全省软件收入将突破900亿元", "forecast"),
    ("全年新开工项目420个", "target"),  # a whole-year figure before the year is out
    ("明年工业投资增长8%", "target"),
    ("2026年工业投资增长8%", "target"),
    ("已建成工业互联网平台65个", "actual"),
    ("有望突破500亿元", "forecast"),
    ("实际增速比目标高0.4个百分点", "actual"),  # a target named as a yardstick
])
def test_kind_of(text, expected):
    assert kind(text) == expected


def test_an_estimate_goes_on_after_a_comma():
    assert kind("预计二季度增加值增长6%左右，出口增长4%左右", k=-1, approx=True) == "forecast"


def test_an_actual_result_after_its_target_is_actual():
    assert kind("全年目标是增长5%，实际增长5.6%", today=date(2025, 2, 1)) == "actual"


def test_states_result():
    s = parse_sentence("要巩固成果，已完成改造项目40个")
    assert states_result(s, s.figures[0].start)
    s = parse_sentence("要巩固成果，完成改造项目40个")
    assert states_result(s, s.figures[0].start)
    s = parse_sentence("要巩固成果，建成改造项目40个")
    assert not states_result(s, s.figures[0].start)
