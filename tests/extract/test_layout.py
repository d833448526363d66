"""layout: paragraphs, headings, furniture, passages joined across layout breaks on evidence only."""

from __future__ import annotations

import dataclasses

import pytest

from indcli.layout import analyse, copy_key, heading_level, passage, split_paragraphs, stitch


def linked(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(p.text, p.continues, p.continued_by) for p in analyse(text).paragraphs]


def test_split_paragraphs_keeps_lines_and_offsets():
    text = "甲省工业增长。\n\n\n  乙省工业增长。  \n来源：某报"
    paras = split_paragraphs(text)
    assert [(p.index, p.line, p.text) for p in paras] == [(0, 1, "甲省工业增长。"), (1, 4, "乙省工业增长。"), (2, 5, "来源：某报")]
    assert all(text[p.start : p.end] == p.text for p in paras)
    assert [p.furniture for p in paras] == [False, False, True]


@pytest.mark.parametrize("line,level", [
    ("# 河北：制造强省", 1),
    ("## 产业集群", 2),
    ("3.智能网联汽车", 2),
    ("（一）产业规模持续扩大", 2),
    ("图为工人在生产线上作业", 0),  # a caption
    ("全省企业达到3000家", 0),  # a figure
    ("全省工业平稳增长，企业效益改善", 0),  # running text
])
def test_heading_level(line, level):
    assert heading_level(line) == level


def test_copy_key_drops_a_list_marker():
    assert copy_key("二是全省工业稳步增长。") == copy_key("全省工业稳步增长。") == "全省工业稳步增长。"
    assert copy_key("3、全省工业稳步增长。") == "全省工业稳步增长。"


def test_a_word_spanning_the_break_joins_across_a_sidebar():
    text = "2023年，全省工业企业数字化转型加快，规模以\n\n●相关链接\n\n上工业企业关键工序数控化率达到62%。\n"
    assert linked(text) == [(text.split("\n")[0], None, 2), ("●相关链接", None, None),
                            ("上工业企业关键工序数控化率达到62%。", 0, None)]


def test_a_list_that_promises_values_joins_the_fragment_with_as_many():
    text = "2021—2023年，全省工业投资分别增长\n\n某企业负责人表示，前景可期。\n\n9%、7%和11%，稳中有进。\n"
    got = linked(text)
    assert (got[0][2], got[2][1], got[1][1:]) == (2, 0, (None, None))


def test_no_join_by_position_alone():
    assert all(c is None and b is None for _t, c, b in linked("全省推进一批重大项目落\n\n天气晴朗，气温适宜。\n"))


def test_stitch_leaves_paragraphs_without_dangling_text_alone():
    paras = split_paragraphs("全省工业增长。\n\n全省服务业增长。\n")
    assert stitch(paras) == paras


def test_a_passage_joins_the_parts_and_maps_offsets_back():
    text = "2023年，全省工业企业利润率由5.2%\n\n图为车间一角\n\n升至6.1%，创新高。\n"
    layout = analyse(text)
    p = passage(text, layout, layout.paragraphs[0])
    assert p.text == "2023年，全省工业企业利润率由5.2%升至6.1%，创新高。"
    assert p.starts == (0, len("2023年，全省工业企业利润率由5.2%"))
    assert [q.index for q in p.parts] == [0, 2] and p.first.index == 0
    i = p.text.index("6.1")
    assert text[p.offset(i) : p.offset(i) + 3] == "6.1"


def test_a_quote_never_crosses_a_layout_break():
    text = "2023年，全省工业企业利润率由5.2%\n\n图为车间一角\n\n升至6.1%，创新高。\n"
    layout = analyse(text)
    p = passage(text, layout, layout.paragraphs[0])
    i = p.text.index("6.1%")
    a, b = p.quote_span(0, len(p.text), i, i + 4)
    assert text[a:b] == "升至6.1%，创新高。"
    i = p.text.index("5.2%")
    a, b = p.quote_span(0, len(p.text), i, i + 4)
    assert text[a:b] == "2023年，全省工业企业利润率由5.2%"


def test_a_quote_is_trimmed_of_blanks():
    text = "全省工业增长5%。  服务业增长6%。\n"
    layout = analyse(text)
    p = passage(text, layout, layout.paragraphs[0])
    a = p.text.index("。") + 1  # the second sentence begins with its blanks
    i = p.text.index("6%")
    qa, qb = p.quote_span(a, len(p.text), i - a, i - a + 2)
    assert text[qa:qb] == "服务业增长6%。"


def test_layout_values_are_frozen():
    layout = analyse("全省工业增长5%。\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.paragraphs[0].text = "x"  # type: ignore[misc]
