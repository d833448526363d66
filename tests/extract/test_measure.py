"""measure: what a figure measures, the sign its words give it, and a difference's yardstick."""

from __future__ import annotations

import pytest

from indcli.extract.measure import (
    diff_scope,
    falls,
    frame_scope,
    last_cue,
    measure_of,
    scope_of,
    signed_value,
)
from indcli.figures import find_figures


def last_figure(text: str):
    return find_figures(text)[-1]


@pytest.mark.parametrize("text,cue_text,expected", [
    ("年均增长6.2%", "年均增长", ("cagr", "年均增长")),
    ("两年平均增长5.4%", "两年平均增长", ("cagr", "两年平均增长")),
    ("同比增长8.8%", "同比增长", ("growth", "同比增长")),
    ("增速为4.1%", "增速为", ("growth", "增速为")),
    ("增长1.8倍", "增长", ("growth", "增长")),
    ("是上年的2.3倍", "是上年的", ("growth", "")),
    ("增速保持在9%", "全省工业增速保持在", ("growth", "增速")),
    ("占比18%", "占比", ("share", "占比")),
    ("达到65%", "达到", ("share", "")),
    ("居全国第6位", "居全国", ("rank", "")),
    ("快于全国1.3个百分点", "快于全国", ("diff", "")),
    ("新增420家", "新增", ("level", "")),
    ("达到7800亿元", "达到", ("level", "")),
])
def test_measure_of(text, cue_text, expected):
    assert measure_of(last_figure(text), cue_text) == expected


@pytest.mark.parametrize("text,cue_text,value", [
    ("同比下降2.7%", "同比下降", -2.7),
    ("降幅为3%", "降幅为", -3.0),
    ("利润下降11%", "利润下降", -11.0),
    ("增长2.7%", "增长", 2.7),
    ("低于全国0.6个百分点", "低于全国", -0.6),
    ("高于全国0.6个百分点", "高于全国", 0.6),
    ("占比12%", "占比", 12.0),
])
def test_signed_value(text, cue_text, value):
    fig = last_figure(text)
    measure, cue = measure_of(fig, cue_text)
    assert signed_value(fig, measure, cue, cue_text) == value


def test_a_rate_that_fell_to_a_value_is_that_value():
    fig = last_figure("增速回落至4.8%")
    measure, cue = measure_of(fig, "全省工业增速回落至")
    assert (measure, signed_value(fig, measure, cue, "全省工业增速回落至")) == ("growth", 4.8)


def test_last_cue():
    assert last_cue("力争达到", ("kind.target",)) == ("target", "力争", 2)
    assert last_cue("已完成，预计", ("kind.target", "kind.forecast", "kind.actual")) == ("forecast", "预计", 6)
    assert last_cue("同比增长", ("measure.growth",)) == ("growth", "同比增长", 4)  # the longer word at a tie
    assert last_cue("增长", ("kind.target",)) is None


def test_falls():
    assert falls("营收同比下降") and falls("利润回落") and not falls("营收增长")


@pytest.mark.parametrize("text,weak,expected", [
    ("同比提高", True, "上年同期"),
    ("高于全国", True, "全国"),
    ("比中部平均高", True, "中部"),
    ("快于2019年", True, "2019年"),
    ("对全国的领先优势扩大到", True, "全国"),
    ("拉动全省", True, "全省"),
    ("拉动全省", False, ""),
])
def test_scope_of(text, weak, expected):
    assert scope_of(text, weak) == expected


def test_scope_of_a_fall_against_last_year():
    assert scope_of("增速比上年回落") == "上年"


def test_diff_scope_prefers_its_own_words_then_the_sentence_frame():
    assert diff_scope("高于全国", "", "") == "全国"
    assert frame_scope("与上年同期相比，增速下滑") == "上年同期"
    assert diff_scope("下滑", "下滑", "与上年同期相比，增速下滑") == "上年同期"
    assert diff_scope("提高", "全省提高", "") == "全省"  # the weak reading comes last
