"""Figures and non-figures, on sentences written for these tests (not copied from any source)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indcli import extract_document
from indcli.figures import find_figures
from indcli.numbers import cn_decimal, cn_int, format_money, format_number, parse_number


def facts(text: str, when: date = date(2024, 12, 1), province: str | None = None):
    return extract_document(text, source="t.txt", doc_date=when, province=province)


@pytest.mark.parametrize(
    "sentence",
    [
        "本刊每期售价30元，全年共计360元。",
        "咨询热线：(027)87654321 87654322",
        "鄂ICP备12345678号-1",
        "发布时间：2023-06-18 10:20:30",
        "详见 https://example.gov.cn/2023/0618/123.html",
        "我省加快布局5G、6G和T5生产线，建设12.5代线项目。",
        "实施“41020”工程和“3+5+N”行动计划。",
        "1.新材料产业",
        "“十五五”开局之年，奋力开新局。",
        "连续15个月保持两位数增长。",
        "今年6月12日召开推进会。",
    ],
)
def test_non_figures_are_not_extracted(sentence):
    assert facts(sentence, province="湖北") == []


def test_tier_labels_are_names_but_their_counts_are_figures():
    got = facts("截至2023年，全省拥有百亿元级企业31家，其中过300亿元企业6家。", province="湖南")
    assert {(f.value, f.unit) for f in got} == {(31.0, "家"), (6.0, "家")}


@pytest.mark.parametrize(
    "text,value,unit,comparator",
    [
        ("全省数字经济规模达到2.6万亿元。", 2.6e12, "元", "="),
        ("营业收入突破3000亿元。", 3e11, "元", ">"),
        ("建成5G基站12.4万个。", 124000, "个", "="),
        ("新增企业1500家以上。", 1500, "家", ">="),
        ("投资增长约9%。", 9, "%", "~"),
        ("专精特新企业近4000家。", 4000, "家", "~"),
        ("培育示范项目300多个。", 300, "个", "~"),
        ("新建基站1.2万余个。", 12000, "个", "~"),
        ("算力规模达9000PFLOPS。", 9000, "PFLOPS", "="),
        ("力争算力总规模超15000P。", 15000, "PFLOPS", ">"),
        ("应用智能装备2.1万台（套）。", 21000, "台(套)", "="),
    ],
)
def test_units_multipliers_and_comparators(text, value, unit, comparator):
    (f,) = facts("2023年，全省" + text, province="江西")
    assert (f.value, f.unit, f.comparator) == (value, unit, comparator)


def test_falls_are_negative_growth():
    (f,) = facts("2022年全省规上工业增加值同比下降3.4%。", province="河南")
    assert (f.measure, f.value, f.metric) == ("growth", -3.4, "规模以上工业增加值")


def test_distributive_lists_pair_years_and_metrics():
    got = facts("2019—2021年，全省规模工业增加值分别增长6.5%、3.2%、7.9%。", province="湖南")
    assert [(f.period_start.year, f.value) for f in got] == [(2019, 6.5), (2020, 3.2), (2021, 7.9)]
    got = facts("2023年，全省工业投资、技改投资分别增长9.1%和14.2%。", province="湖南")
    assert {(f.metric, f.value) for f in got} == {("工业投资", 9.1), ("技术改造投资", 14.2)}


def test_diff_and_rank_take_the_metric_before_them():
    got = facts("1—9月，全省规上工业增加值增长6.8%，高于全国2.1个百分点，居全国第5位、中部第二。",
                when=date(2023, 10, 20), province="安徽")
    by = {(f.measure, f.scope): f for f in got}
    assert by[("diff", "全国")].value == 2.1
    assert by[("rank", "全国")].value == 5 and by[("rank", "中部")].value == 2
    assert all(f.metric == "规模以上工业增加值" for f in got)
    assert all(f.period_label == "2023年1—9月" for f in got)


def test_kinds_target_and_forecast():
    got = facts("力争到2027年，全省集成电路产业营业收入达到2000亿元。预计今年软件业务收入增长12%左右。",
                when=date(2024, 3, 1), province="湖北")
    kinds = {f.metric: (f.kind, f.period_label) for f in got}
    assert kinds["集成电路产业营业收入"] == ("target", "2027年")
    assert kinds["软件业务收入"] == ("forecast", "2024年")


def test_a_city_figure_is_kept_as_the_citys():
    (f,) = facts("2023年，宜昌化工产业产值突破2000亿元。", province="湖北")
    assert (f.province, f.city) == ("湖北", "宜昌")


def test_chinese_numeral_percentages_and_ranks():
    got = facts("前三季度全省工业增加值增长百分之六点五，增速居全国第九。", when=date(2025, 10, 30), province="湖北")
    assert {(f.measure, f.value) for f in got} == {("growth", 6.5), ("rank", 9.0)}


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_number_parser_round_trips_its_formatting(d):
    value = float(d)
    assert parse_number(format_number(value)) == value


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]))
def test_multipliers(n, mult):
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12}[mult]
    assert parse_number(f"{n}{mult}") == round(n * factor, 2)


def test_chinese_numerals():
    assert cn_int("九") == 9 and cn_int("十二") == 12 and cn_int("二十五") == 25 and cn_int("一百") == 100
    assert cn_decimal("七点七") == 7.7 and cn_decimal("二十五点三") == 25.3
    assert format_money(1.3e12) == "1.3万亿元" and format_money(4.58e11) == "4580亿元"


def test_find_figures_ignores_codes_inside_words():
    assert find_figures("京东方10.5代线和T4项目") == []


@given(st.text(max_size=300))
def test_extractor_never_raises_and_quotes_are_substrings(text):
    for f in facts(text, province="湖北"):
        assert f.quote in text
