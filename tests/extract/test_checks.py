"""checks: a mention becomes a fact only with a name that names an indicator, a fitting unit and its own period."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stage_kit import frame, growth_topic, mentions

from indcli.extract.checks import base_problem, check, metric_problem, unit_problem
from indcli.extract.model import Context
from indcli.extract.sentence import parse_sentence
from indcli.extract.values import evolve
from indcli.periods import year_period


def one(text: str = "2023年，全省规上工业增加值增长6.7%。", fr=None):
    (m,) = mentions(text, fr)
    s = parse_sentence(text)
    fr = fr or frame()
    return m, Context(s, tuple(s.periods(fr.year, fr.today)), fr)


@pytest.mark.parametrize("name,problem", [
    ("规模以上工业增加值", ""),
    ("占比", ""),
    ("计算机、通信和其他电子设备制造业增加值", ""),  # an official name keeps its 、
    ("降低融资成本、物流成本等", ""),  # a total over a list
    ("营", "too short to name an indicator"),
    ("", "too short to name an indicator"),
    ("增速比全国（", "punctuation in the name"),
    ("工业投资，", "punctuation in the name"),
    ("钢铁、建材", "a fragment of a list"),
    ("②营业收入", "a citation marker in the name"),
    ("2022年产值", "a date in the name"),
    ("增速高于", "ends in a relation word"),
    ("工业投资比", "ends in a relation word"),
])
def test_metric_problem(name, problem):
    assert metric_problem(name) == problem


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_metric_problem_is_a_str_for_any_string(name):
    assert isinstance(metric_problem(name), str)


def test_unit_problem():
    m, _c = one("2023年，全省高新技术企业达到1.2万家。")
    assert unit_problem(m) == ""
    assert unit_problem(evolve(m, figure=evolve(m.figure, unit="元"))) == "an amount of money for a count (高新技术企业)"
    money = evolve(m, metric="营业收入")
    assert unit_problem(money) == "a count for an amount of money (营业收入)"
    assert unit_problem(evolve(money, measure="growth")) == ""  # only levels carry a unit to check


def test_base_problem():
    text = "全省技改投资较2019年增长45%。"
    m, c = one(text)
    assert m.period.label == "2019—2024年" and base_problem(m, c) == ""
    assert base_problem(evolve(m, period=year_period(2019)), c) == "its period 2019年 is the base it is compared with"
    assert base_problem(evolve(m, period=year_period(2019), measure="level"), c) == ""


def test_check_passes_a_good_mention_unchanged():
    m, c = one()
    got = check(m, c)
    assert got.mention is m and got.warning == ""


def test_check_skips_a_bad_name_with_a_warning():
    m, c = one()
    got = check(evolve(m, metric="增速高于"), c)
    assert got.mention is None
    assert got.warning == "skipped 6.7%: '增速高于' does not name an indicator (ends in a relation word)"


def test_check_resolves_residue_from_the_topic():
    m, c = one(fr=frame(topic=growth_topic()))
    got = check(evolve(m, metric="）、", metric_raw="）、"), c)
    assert got.mention is not None and got.mention.metric == "规模以上工业增加值"


def test_check_skips_a_unit_that_does_not_fit():
    m, c = one("2023年，全省高新技术企业达到1.2万家。")
    got = check(evolve(m, metric="营业收入"), c)
    assert got.mention is None and "a count for an amount of money" in got.warning


def test_a_share_of_the_provinces_own_total_with_no_part_named_is_skipped():
    from indcli.extract.checks import scope_problem
    m, _c = one("2023年，全省电子信息产业营业收入占全省比重达到12%。")
    assert scope_problem(m) == ""  # an industry's share of the province
    whole = evolve(m, metric="营业收入占全省比重")
    assert scope_problem(whole) == "a share of the province's own total (营业收入占全省比重) with no part named"
    assert scope_problem(evolve(whole, city="南昌")) == ""  # a city's share
