"""rules: each named rule on a sentence of our own — called directly on a first reading where it refines a
reading, and through ``read_sentence`` where its effect is the mentions."""

from __future__ import annotations

from datetime import date

import pytest
from stage_kit import first_reading, frame, growth_topic, mentions, summary

from indcli.extract import rules
from indcli.extract.frame import Topic
from indcli.extract.mentions import read_slot
from indcli.extract.model import ProvinceList
from indcli.extract.values import evolve
from indcli.periods import year_period

LAST_YEAR = frame(today=date(2025, 2, 1))


def test_every_rule_is_documented_and_declared_once():
    tables = rules.MEASURE_RULES + rules.PHRASE_RULES + rules.METRIC_RULES + rules.FIGURE_RULES
    assert len(set(tables)) == len(tables)
    assert all(rule.__doc__ for rule in tables)


# ---------------------------------------------------------------- measure


def test_measure_of_last_years_value():
    r, c = first_reading("全省工业投资增长5.8%，与去年的6.1%持平。", k=1, fr=frame(topic=growth_topic()))
    assert r.measure == "share" and rules.measure_of_last_years_value(r, c).measure == "growth"
    r, c = first_reading("全省工业投资增长5.8%，与去年的6.1%持平。", k=1)
    assert rules.measure_of_last_years_value(r, c) is r  # no measure to take


def test_bare_percent_goes_on_growing():
    text = "全省工业投资增长5.5%左右，力争达到6%。"
    r, c = first_reading(text, k=1, fr=frame(topic=growth_topic()))
    assert rules.bare_percent_goes_on_growing(r, c).measure == "growth"
    r, c = first_reading("全省工业投资增长5.5%左右，占比达到6%。", k=1, fr=frame(topic=growth_topic()))
    assert rules.bare_percent_goes_on_growing(r, c) is r


# ---------------------------------------------------------------- phrase


BRACKETS = "2023年，中部六省工业投资增速排名前三的依次为安徽（8.2%）、江西（7.9%）、湖北（7.1%）。"


def test_value_in_brackets_after_a_place():
    r, c = first_reading(BRACKETS, k=1)
    got = rules.value_in_brackets_after_a_place(r, c)
    assert (got.measure, got.phrase, got.per_province) == ("growth", "工业投资", ProvinceList(("江西",), "工业投资", ("",)))
    assert [(m.province, m.metric, m.value) for m in mentions(BRACKETS)] == [
        ("安徽", "工业投资", 8.2), ("江西", "工业投资", 7.9), ("湖北", "工业投资", 7.1)]


def test_values_in_brackets_with_no_words_are_skipped():
    r, c = first_reading("2023年，安徽（8.2%）、江西（7.9%）", k=0)
    assert rules.value_in_brackets_after_a_place(r, c).skip == "unnamed list"


def test_value_in_brackets_after_a_place_joined_by_he():
    got = mentions("2023年，西部六省工业投资增速排名前三的依次为四川（7.4%）、贵州（6.9%）和重庆（6.6%）。")
    assert [(m.province, m.value) for m in got] == [("四川", 7.4), ("贵州", 6.9), ("重庆", 6.6)]


def test_fall_word_leaves_phrase():
    r, c = first_reading("全省单位GDP能耗下降了3.1%。")
    assert (r.cue_word, r.phrase) == ("下降", "全省单位GDP能耗下降了")
    assert "下降" not in rules.fall_word_leaves_phrase(r, c).phrase
    assert summary(mentions("全省单位GDP能耗下降了3.1%。")) == [("单位GDP能耗", "growth", -3.1, "%", "2024年", "actual")]


def test_count_before_its_noun():
    r, c = first_reading("今年全省新建成18个数字化车间。")
    assert rules.count_before_its_noun(r, c).phrase == "数字化车间"
    r, c = first_reading("组织专家对21个县区开展评估。")
    assert rules.count_before_its_noun(r, c).skip == "label"


def test_threshold_is_no_figure():
    r, c = first_reading("全省有9个单品销售额过20亿元。", k=1)
    assert rules.threshold_is_no_figure(r, c).skip == "threshold"
    r, c = first_reading("全省单品销售额超过20亿元。")
    assert rules.threshold_is_no_figure(r, c) is r


def test_owner_of_bare_amount():
    r, c = first_reading("四大支柱产业保持较快增长，营收9300亿元。")
    got = rules.owner_of_bare_amount(r, c)
    assert (got.bare, got.phrase) == ("营收", "四大支柱产业营收")


def test_increase_by_and_its_name():
    r, c = first_reading("全省工业企业数量增加了620家。")
    assert rules.increase_by(r, c).increment
    assert [m.metric for m in mentions("全省工业企业数量增加了620家。")] == ["工业企业数量增量"]


def test_subject_of_previous_clause():
    r, c = first_reading("全省生物医药产业保持高速增长，增长21%。")
    assert rules.subject_of_previous_clause(r, c).phrase == "生物医药产业"


def test_share_names_its_whole():
    r, c = first_reading("全省光伏产业营收约占全国12%。")
    assert rules.share_names_its_whole(r, c).phrase == "全省光伏产业营收占全国"


def test_group_ranked_in_is_scope():
    text = "2023年，全省制造业增加值增长8%，在长江经济带省市中位居第二。"
    r, c = first_reading(text, k=1)
    assert rules.group_ranked_in_is_scope(r, c).phrase == "位居"
    (_growth, rank) = mentions(text)
    assert (rank.metric, rank.measure, rank.value, rank.scope) == ("制造业增加值", "rank", 2.0, "长江经济带省市")


@pytest.mark.xfail(strict=True, reason="the rule cuts everything up to 中, so a subject in the same clause as "
                                       "在…中位居 is cut with the group and the rank is lost")
def test_group_ranked_in_keeps_a_subject_in_the_same_clause():
    got = mentions("2023年，全省制造业增加值在长江经济带省市中位居第二。")
    assert [(m.metric, m.measure, m.value, m.scope) for m in got] == [("制造业增加值", "rank", 2.0, "长江经济带省市")]


# ---------------------------------------------------------------- metric


def test_bracketed_base_repeats_metric():
    text = "2024年，全省软件业务收入达到4200亿元，年均增长11%（2020年为2700亿元）。"
    earlier = tuple(mentions(text, LAST_YEAR)[:2])
    r, c = first_reading(text, k=2, fr=LAST_YEAR, earlier=earlier)
    got = rules.bracketed_base_repeats_metric(r, c)
    assert (got.metrics, got.measure) == ((("软件业务收入", "软件业务收入"),), "level")
    assert summary(mentions(text, LAST_YEAR))[2] == ("软件业务收入", "level", 2.7e11, "元", "2020年", "actual")


def test_summary_names_the_group():
    text = "2023年，汽车、电子两大行业增加值分别增长9%和7%，合计拉动全省工业增长2.1个百分点。"
    assert [(m.metric, m.measure, m.value) for m in mentions(text)][2] == ("两大行业", "diff", 2.1)
    topic = Topic(metric="x", last_group=(("a", "a", year_period(2023)), ("b", "b", year_period(2023))))
    r, c = first_reading("两者合计拉动全省工业增长2.1个百分点。", fr=frame(topic=topic))
    assert rules.summary_names_the_group(r, c).skip == "summary"  # no summary noun to name it


def test_name_after_the_figure():
    got = mentions("对比2021年3.9万亿元的GDP，全省经济总量稳步扩大。")
    assert summary(got) == [("地区生产总值", "level", 3.9e12, "元", "2021年", "actual")]


def test_products_of_output():
    got = mentions("全省主要工业产品产量较快增长，其中工业机器人增长18%，光缆增长9%。")
    assert [(m.metric, m.value) for m in got] == [("工业机器人产量", 18.0), ("光缆产量", 9.0)]


def test_additions_cover_the_list():
    got = mentions("2023年，全省新增科技型企业2600家、高新技术企业950家。")
    assert [(m.metric, m.value) for m in got] == [("新增科技型企业", 2600.0), ("新增高新技术企业", 950.0)]


def test_increase_names_a_change():
    r, c = first_reading("全省工业企业数量增加了620家。")
    r = evolve(r, increment=True, metrics=(("工业企业数量", "工业企业数量"),))
    assert rules.increase_names_a_change(r, c).metrics == (("工业企业数量", "工业企业数量增量"),)


# ---------------------------------------------------------------- figure


def test_provinces_listed_in_order():
    got = mentions("2023年，陕西、甘肃两省规上工业增加值分别增长7.2%和6.3%。")
    assert [(m.province, m.method, m.value) for m in got] == [("陕西", "subject", 7.2), ("甘肃", "subject", 6.3)]


@pytest.mark.parametrize("text", ["2023年，这4个省份工业投资均增长6%以上。", "2023年，苏皖两省经济总量合计超过18万亿元。"])
def test_several_provinces_at_once(text):
    assert mentions(text) == []


def test_national_value_as_yardstick():
    got = mentions("2023年，全省工业增加值增长6.1%，高于全国4.6%的水平。")
    assert [(m.province, m.metric, m.measure, m.value) for m in got][1:] == [("全国", "工业增加值", "growth", 4.6)]


def test_national_value_in_brackets():
    got = mentions("2023年，全省规上工业增加值增长7%，高于全国2.4个百分点（全国为4.6%）。")
    assert [(m.measure, m.value) for m in got] == [("growth", 7.0), ("diff", 2.4), ("growth", 4.6)]
    assert got[-1].province == "全国"


def test_an_aside_about_the_nation_in_another_unit_is_no_ones():
    got = mentions("2023年，全省规上工业营收达到4万亿元（全国为130万亿元）。")
    assert [m.value for m in got] == [4e12]


@pytest.mark.parametrize("text,expected", [
    ("要加快推进数字化转型，建成25个智能工厂。", "target"),
    ("要充分发挥18个产业园的作用。", "actual"),  # a count of what exists
    ("要巩固成果，已完成改造项目40个。", "actual"),  # a stated result
])
def test_goal_in_a_paragraph_of_goals(text, expected):
    (m,) = mentions(text, frame(today=date(2024, 3, 1)))
    assert m.kind == expected


def test_comparator_governs_the_list():
    got = mentions("2023年，全省光伏、储能产业营业收入分别接近900亿元和500亿元。")
    assert [(m.value, m.comparator) for m in got] == [(9e10, "~"), (5e10, "~")]


def test_approximate_share():
    (m,) = mentions("2023年，全省稀土产业营收约占全国18%。")
    assert (m.measure, m.comparator, m.metric) == ("share", "~", "稀土产业营业收入占全国比重")


# ---------------------------------------------------------------- sequence


def test_rank_of_an_average():
    cagr, rank = mentions("2024年，全省工业投资年均增长8.8%，居全国第5位。", LAST_YEAR)
    assert rank.period == cagr.period and rank.period.label == "2021—2024年"
    assert rules.rank_of_an_average(rank, (), [], None) is rank  # nothing before it
    _cagr, rank = mentions("2024年，全省工业投资年均增长8.8%，2024年居全国第5位。", LAST_YEAR)
    assert rank.period.label == "2024年"  # a period of its own stands between


def test_from_a_to_b_over_a_span():
    a, b = mentions("2020—2024年，全省数字化车间占比由12%提高到18%。", LAST_YEAR)
    assert (a.metric, a.period.label, a.value) == ("数字化车间占比", "2020年", 12.0)
    assert (b.metric, b.period.label, b.value) == ("数字化车间占比", "2024年", 18.0)


def test_from_a_to_b_with_years_bound():
    a, b = mentions("全省数字化车间占比由2020年的12%提高到2024年的18%。", LAST_YEAR)
    assert (a.period.label, b.period.label, b.metric) == ("2020年", "2024年", "数字化车间占比")


@pytest.mark.xfail(strict=True, reason="B takes the last period before it, the base year of 由2020年的A, instead "
                                       "of the sentence's own year")
def test_from_a_to_b_ends_in_the_sentences_year():
    a, b = mentions("2023年，全省规上工业企业由2020年的1.5万家增至2.1万家。")
    assert (a.period.label, b.period.label) == ("2020年", "2023年")


def test_opens_and_closes_a_range():
    assert rules.opens_a_range("占比由2020年的", 9) and rules.opens_a_range("从约", 2)
    assert not rules.opens_a_range("占比达", 3)
    assert rules.closes_a_range("提高到2024年的", 9) and rules.closes_a_range("增至", 2)
    assert not rules.closes_a_range("增长", 2)


def test_read_slot_stops_at_a_skip():
    r, c = first_reading("组织专家对21个县区开展评估。")
    got = read_slot(r.slot, c)
    assert got.skip == "label" and got.metrics == () and got.pairs == ()
