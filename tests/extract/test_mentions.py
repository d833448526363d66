"""mentions: a sentence read in full — its mentions, the frame it leaves, and warnings for what it skipped."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from stage_kit import first_reading, frame, summary

from indcli.extract.mentions import mentions_of, read_sentence, read_slot
from indcli.extract.sentence import parse_sentence


def read(text: str, fr=None, passage: list[str] | None = None):
    return read_sentence(parse_sentence(text), fr or frame(),
                         [parse_sentence(t) for t in passage] if passage else None)


def test_read_sentence_gives_every_figure_in_full():
    found, _frame, warnings = read("2023年，全省工业投资增长8%，高于全国2.6个百分点。")
    assert summary(found) == [("工业投资", "growth", 8.0, "%", "2023年", "actual"),
                              ("工业投资", "diff", 2.6, "百分点", "2023年", "actual")]
    assert [(m.province, m.method, m.scope) for m in found] == [("湖南", "document", ""), ("湖南", "document", "全国")]
    assert warnings == []


def test_the_frame_left_for_the_next_sentence():
    before = frame()
    _found, after, _w = read("2023年，全省工业投资增长8%，技改投资增长12%。", before)
    assert (after.period.label, after.year, after.year_relative) == ("2023年", 2023, False)
    assert (after.topic.metric, after.topic.sentence_metric) == ("技术改造投资", "工业投资")
    assert after.topic.measure_with("%") == "growth"
    assert before.topic.metric == "" and before.period is None  # the frame passed in is unchanged
    found, _after, _w = read("增速居全国第4位。", after)
    assert summary(found) == [("技术改造投资", "rank", 4.0, "位", "2023年", "actual")]


def test_the_topic_remembers_the_metric_of_each_unit():
    _found, after, _w = read("2023年，全省高新技术企业达到1.2万家，营收增长9%。")
    assert after.topic.metric_with("家") == ("高新技术企业", "高新技术企业")


def test_a_sentence_opening_with_a_metric_as_topic():
    found, _frame, _w = read("从地区生产总值来看，全省居全国第9位。")
    assert [(m.metric, m.measure, m.value) for m in found] == [("地区生产总值", "rank", 9.0)]


def test_vehicles_named_earlier_are_what_a_count_of_vehicles_counts():
    found, _frame, _w = read("全省新能源汽车快速发展，力争明年突破60万辆。")
    assert [(m.metric, m.comparator, m.kind, m.period.label) for m in found] == [
        ("新能源汽车产量", ">", "target", "2025年")]


def test_a_skipped_list_gives_a_warning_naming_the_source():
    found, _frame, warnings = read("2023年，全省工业投资分别增长6%和10%。")
    assert found == [] and len(warnings) == 1
    assert warnings[0].startswith("t.txt: skipped 2 values that share one metric and period")


def test_the_paragraphs_first_stated_year_frames_figures_before_it():
    found, after, _w = read("全省规上工业增加值增长7%。", passage=["全省规上工业增加值增长7%。", "2023年，工业投资增长8%。"])
    assert [m.period.label for m in found] == ["2023年"]
    assert not after.pending
    found, _after, _w = read("全省规上工业增加值增长7%。")
    assert [m.period.label for m in found] == ["2024年"]


def test_a_january_report_reads_undated_figures_as_last_years():
    from indcli.extract.frame import DocumentFrame, SectionFrame, paragraph_frame

    doc = DocumentFrame("t.txt", date(2025, 1, 15), True, "湖南", report_year=2024)
    fr = paragraph_frame(doc, SectionFrame(), "湖南", "document")
    found, _after, _w = read("全省规上工业增加值增长6%，要推动增长6.5%。", fr)
    assert [(m.period.label, m.kind) for m in found] == [("2024年", "actual"), ("2025年", "target")]


def test_read_slot_and_mentions_of():
    r, c = first_reading("2023年，全省光伏、储能产业营业收入分别接近900亿元和500亿元。")
    got = read_slot(r.slot, c)
    assert [m for _raw, m in got.pairs] == ["光伏产业营业收入", "储能产业营业收入"]  # the head 产业营业收入 is shared
    assert [p.label for p in got.periods] == ["2023年", "2023年"]
    assert [(m.value, m.comparator) for m in mentions_of(got, c)] == [(9e10, "~"), (5e10, "~")]


def test_mentions_are_frozen():
    (m,) = read("2023年，全省工业投资增长8%。")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.value = 9.0  # type: ignore[misc]
