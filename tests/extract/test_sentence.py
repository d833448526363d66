"""sentence: one sentence parsed once — its figures, time expressions and clause breaks."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indcli.extract.sentence import clause_start, in_brackets_about, parse_sentence, split_sentences

CJK_TEXT = st.text(alphabet="全省工业增加值增长下降占比重居第位家个亿元万年月分别和及、，。：（）()%.—0123456789 ",
                   max_size=60)


def test_figures_values_units_and_comparators():
    s = parse_sentence("2022年，全省工业投资增长11.3%，高于全国2.4个百分点，新增企业超过600家。")
    assert [(f.text, f.value, f.unit, f.comparator) for f in s.figures] == [
        ("11.3%", 11.3, "%", "="), ("2.4个百分点", 2.4, "百分点", "="), ("600家", 600.0, "家", ">")]
    assert all(s.text[f.start : f.end] == f.text for f in s.figures)


def test_money_is_scaled_to_yuan():
    (f,) = parse_sentence("全省软件业务收入达到3200亿元。").figures
    assert (f.value, f.unit, f.dimension) == (3.2e11, "元", "money")


def test_clause_starts_follow_commas_and_colons():
    text = "2022年，全省工业投资增长11.3%：其中技改投资增长9%。"
    s = parse_sentence(text)
    assert s.clause_starts == (text.index("，") + 1, text.index("：") + 1)
    assert s.clause_start(text.index("9%")) == text.index("：") + 1
    assert s.clause_start(2) == 0
    assert s.clause_end(text.index("11.3")) == text.index("：")
    assert s.clause_before(text.index("11.3")) == "全省工业投资增长"


def test_a_space_between_words_breaks_a_headline_into_clauses():
    text = "陕西工业稳中有进 规上工业增加值增长6.6%"
    s = parse_sentence(text)
    assert s.clause_start(text.index("6.6")) == text.index("规上")


def test_time_expressions_are_scanned_once_and_resolved_on_demand():
    s = parse_sentence("1—8月，全省规上工业增加值增长6.1%，比上年同期加快0.5个百分点。")
    assert [t.kind for t in s.times][0] == "months"
    (p, *_rest) = s.periods(2023, date(2023, 9, 20))
    assert (p.label, p.relative) == ("2023年1—8月", True)
    # another year read against the same parse
    assert s.periods(2021, date(2023, 9, 20))[0].label == "2021年1—8月"


def test_a_written_year_replaces_the_context_year_for_what_follows():
    s = parse_sentence("2022年全年增长5%，1—3月增长4%。")
    assert [p.label for p in s.periods(2024, date(2024, 5, 1))] == ["2022年", "2022年1—3月"]


def test_text_without_digits_has_no_figures_and_keeps_its_offset():
    s = parse_sentence("全省工业运行总体平稳。", start=40)
    assert s.figures == () and s.start == 40


def test_a_sentence_is_frozen():
    s = parse_sentence("增长5%。")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.text = "x"  # type: ignore[misc]


def test_split_sentences_keeps_end_marks_and_drops_blanks():
    text = "工业增长5%。服务业增长6%；  \n消费回暖"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["工业增长5%。", "服务业增长6%；", "  \n消费回暖"]
    assert split_sentences("   ") == []


def test_clause_start_in_any_text():
    text = "甲省工业增长，乙省服务业增长：丙"
    assert clause_start(text, text.index("乙")) == text.index("乙")
    assert clause_start(text, 1) == 0
    assert clause_start(text, len(text)) == text.index("丙")


@pytest.mark.parametrize("text,at,word,expected", [
    ("快于全国0.9个百分点（全国为4.2%）", "4.2", "全国", True),
    ("快于全国0.9个百分点(全国为4.2%)", "4.2", "全国", True),
    ("增长6%（2021年为5%）", "5%", "全国", False),
    ("增长6%（2021年为5%）", "5%", "", True),
    ("（全国为4.2%）快于全国0.9个百分点", "0.9", "全国", False),
])
def test_in_brackets_about(text, at, word, expected):
    assert in_brackets_about(text, text.index(at), word) is expected


@settings(max_examples=200, deadline=None)
@given(CJK_TEXT)
def test_parse_never_raises_and_figures_lie_inside_the_text(text):
    s = parse_sentence(text)
    for f in s.figures:
        assert 0 <= f.start < f.end <= len(text)
    assert [f.start for f in s.figures] == sorted(f.start for f in s.figures)
    assert all(0 < c <= len(text) for c in s.clause_starts)
    for t in s.times:
        assert 0 <= t.pos < t.end_pos <= len(text)


@settings(max_examples=200, deadline=None)
@given(CJK_TEXT)
def test_sentences_are_ordered_and_disjoint(text):
    spans = split_sentences(text)
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_a1, b1), (a2, _b2) in zip(spans, spans[1:], strict=False))
    assert all(text[a:b].strip() for a, b in spans)
