"""The document's date from its own text: datelines in the forms scraped pages carry, else the year reported on."""

from __future__ import annotations

from datetime import date

import pytest

from indcli.documents import infer_date

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("line", [
    "Tue, 02 Nov 2021 03:15:00 GMT",
    "2 Nov 2021 11:15 +0800",
    "02.11.2021",
    "2021/11/02",
    "2021-11-02 08:30",
    "2021年11月02日 10:25",
])
def test_a_dateline_in_any_common_form_is_read(line):
    text = f"某报讯\n{line}\n前三季度，全省规上工业增加值增长8.4%。"
    assert infer_date(text, TODAY)[0] == date(2021, 11, 2)


def test_a_document_with_no_year_is_left_undated():
    assert infer_date("前三季度，全省规上工业增加值增长8.4%。今年以来新增企业300家。", TODAY) is None


def test_a_date_after_today_is_not_a_dateline():
    assert infer_date("2027-03-01 发布\n2025年，全省工业增长5%。", TODAY)[0] == date(2026, 1, 1)


def test_a_year_reported_whole_anywhere_means_the_next_year():
    # the first mention of 2025 is not a report on it; a later one is
    text = "2025年是规划收官之年。\n一、经济运行\n2025年全省地区生产总值增长5.3%。"
    when, basis = infer_date(text, TODAY)
    assert when.year == 2026 and "2025" in basis


def test_a_horizon_year_is_not_the_year_reported_on():
    assert infer_date("2023年，全省工业增长5%。力争到2027年营收翻番。", TODAY)[0].year == 2024
