"""groups: figures grouped into slots, the items a phrase lists, provinces before 分别, and pairing."""

from __future__ import annotations

import dataclasses

import pytest
from stage_kit import first_reading, mentions

from indcli.extract.groups import list_items, phrase_items, province_list, slots
from indcli.extract.mentions import read_slot
from indcli.extract.model import ProvinceList
from indcli.extract.sentence import parse_sentence


def grouped(text: str) -> list[list[str]]:
    return [[f.text for f in slot.figures] for slot in slots(parse_sentence(text))]


def read(text: str):
    r, c = first_reading(text)
    return read_slot(r.slot, c)


def items(text: str, phrase: str, n: int) -> list[str]:
    s = parse_sentence(text)
    return phrase_items(phrase, n, s, s.figures[0].start)


# ---------------------------------------------------------------- slots


def test_a_list_joined_by_dun_and_he_is_one_slot():
    assert grouped("全省钢铁、有色、化工增加值分别增长4%、6.5%和9%。") == [["4%", "6.5%", "9%"]]


def test_figures_in_separate_clauses_are_separate_slots():
    text = "营收增长9%，利润增长12%。"
    got = slots(parse_sentence(text))
    assert [[f.text for f in g.figures] for g in got] == [["9%"], ["12%"]]
    assert (got[0].start, got[1].start, got[1].clause) == (0, text.index("利"), text.index("利"))


def test_a_comma_joins_a_list_only_after_fenbie():
    assert grouped("两项指标分别增长8%，5%。") == [["8%", "5%"]]
    assert grouped("工业增长8%，5%的企业亏损。") == [["8%"], ["5%"]]


def test_a_second_list_after_dun_begins_after_the_first():
    text = "新增科技型企业2600家、高新技术企业950家。"
    first, second = slots(parse_sentence(text))
    assert (first.listed_after, second.listed_after) == (False, True)
    assert second.start == text.index("2600家") + len("2600家")


def test_different_kinds_do_not_join():
    assert grouped("企业达到1200家、营收800亿元。") == [["1200家"], ["800亿元"]]


def test_the_last_unit_of_a_list_of_points_is_shared():
    (slot,) = slots(parse_sentence("分别提高1.2个、0.8个和2.5个百分点。"))
    assert [(f.value, f.unit, f.dimension) for f in slot.figures] == [
        (1.2, "百分点", "points"), (0.8, "百分点", "points"), (2.5, "百分点", "points")]


def test_a_list_of_ranks_shares_its_scope_but_ranks_of_other_scopes_stand_apart():
    (slot,) = slots(parse_sentence("两项指标分别居全国第4位、第9位。"))
    assert [f.scope for f in slot.figures] == ["全国", "全国"]
    assert grouped("增速居全国第6位和中部第2位。") == [["第6位"], ["第2位"]]


def test_a_slot_is_frozen():
    (slot,) = slots(parse_sentence("增长5%。"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        slot.start = 3  # type: ignore[misc]


# ---------------------------------------------------------------- items


def test_list_items():
    assert list_items("民营投资、工业投资") == ["民营投资", "工业投资"]
    assert list_items("光伏及储能、锂电") == ["光伏", "储能", "锂电"]
    assert list_items("光伏及储能、锂电", 2) == ["光伏及储能", "锂电"]  # 及 stays when 、 gives the n wanted
    assert list_items("农副食品加工业、酒、饮料和精制茶制造业") == ["农副食品加工业", "酒、饮料和精制茶制造业"]


def test_phrase_items_share_the_head_noun_of_the_last():
    got = items("全省汽车制造业、电气机械制造业增加值分别增长11%和7%。", "汽车制造业、电气机械制造业增加值", 2)
    assert got == ["汽车制造业增加值", "电气机械制造业增加值"]


def test_phrase_items_without_a_list_are_the_phrase():
    assert items("全省工业投资增长8%。", "工业投资", 1) == ["工业投资"]


def test_a_summary_noun_belongs_to_no_single_item():
    got = items("全省有色、钢铁、石化三大产业增加值分别增长5%、3%和6%。", "有色、钢铁、石化三大产业增加值", 3)
    assert got == ["有色产业增加值", "钢铁产业增加值", "石化产业增加值"]


def test_a_summary_noun_before_yingshou_belongs_to_no_single_item():
    got = items("全省陶瓷、建材两大产业营收分别增长3%和4%。", "陶瓷、建材两大产业营收", 2)
    assert got == ["陶瓷产业营收", "建材产业营收"]


def test_a_qualifier_covers_every_item():
    got = items("限额以上家具类、建材类和通讯器材类零售额分别增长4%、2%和9%。",
                "限额以上家具类、建材类和通讯器材类零售额", 3)
    assert got == ["限额以上家具类零售额", "限额以上建材类零售额", "限额以上通讯器材类零售额"]


def test_items_before_deng_take_the_head_noun_after_it():
    got = items("全省粗钢、平板玻璃等产品产量分别增长2%和5%。", "粗钢、平板玻璃等产品产量", 2)
    assert got == ["粗钢产量", "平板玻璃产量"]


def test_an_official_industry_name_is_one_item():
    phrase = "计算机、通信和其他电子设备制造业"
    assert items("全省计算机、通信和其他电子设备制造业增长15%。", phrase, 1) == [phrase]


# ---------------------------------------------------------------- provinces before 分别


def test_province_list_pairs_provinces_with_values():
    assert province_list("广东、福建两省规上工业增加值", 2, True) == ProvinceList(("广东", "福建"), "规上工业增加值", ("", ""))
    assert province_list("广东、福建两省规上工业增加值", 2, False) is None  # no 分别
    assert province_list("广东、福建两省规上工业增加值", 3, True) is None  # as many as the values
    assert province_list("规上工业增加值", 2, True) is None


def test_province_list_of_cities_names_their_province():
    got = province_list("洛阳、开封两市规上工业增加值", 2, True)
    assert got == ProvinceList(("河南", "河南"), "规上工业增加值", ("洛阳", "开封"))


# ---------------------------------------------------------------- pairing


def test_distribute_pairs_one_metric_per_value():
    r = read("2023年，全省民营投资、工业投资分别增长6%和10%。")
    assert [(raw, f.value, p.label) for (raw, _m), f, p in zip(r.pairs, r.figures, r.periods, strict=True)] == [
        ("民营投资", 6.0, "2023年"), ("工业投资", 10.0, "2023年")]


def test_distribute_spreads_a_span_over_its_years():
    r = read("2020—2022年，全省工业增加值分别增长3%、8%和5%。")
    assert [p.label for p in r.periods] == ["2020年", "2021年", "2022年"]
    assert {m for _raw, m in r.pairs} == {"工业增加值"}


def test_distribute_skips_values_it_cannot_tell_apart():
    r = read("2023年，全省工业投资分别增长6%和10%。")
    assert r.skip == "unpaired" and "share one metric and period" in r.warning


def test_fenbie_pairs_values_with_the_list_before():
    got = mentions("2023年，有色营收增长5%、钢铁营收增长2%，增加值分别增长6%、3%。")
    assert [(m.metric, m.value) for m in got][2:] == [("有色增加值", 6.0), ("钢铁增加值", 3.0)]


def test_fenbie_pairs_two_metrics_joined_by_he():
    got = mentions("2023年，全省民营投资和工业投资分别增长6%和10%。")
    assert [(m.metric, m.value) for m in got] == [("民营投资", 6.0), ("工业投资", 10.0)]


def test_jun_gives_every_metric_every_value():
    got = mentions("2023年，全省工业投资、技改投资均增长9%。")
    assert sorted((m.metric, m.value) for m in got) == [("工业投资", 9.0), ("技术改造投资", 9.0)]
