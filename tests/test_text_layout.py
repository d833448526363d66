"""Normalisation (Traditional script, pinyin debris) and layout (broken sentences, provinces), in our own words."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from indcli import extract_document
from indcli.layout import analyse
from indcli.periods import find_periods
from indcli.text import normalise


def test_pinyin_debris_and_traditional_script_are_normalised_with_offsets():
    raw = "安徽製造業(yè)投資增長(zhǎng)百分之四点七"
    n = normalise(raw)
    assert n.text == "安徽制造业投资增长4.7%"
    i = n.text.index("4.7%")
    assert n.original_slice(i, i + 4) == "百分之四点七"
    assert n.original_slice(0, len(n.text)) == raw


def test_quotes_of_a_traditional_document_point_into_the_original():
    raw = "2022年,本省規(guī)上工業(yè)增加值比上年增長(zhǎng)6.4%。\n"
    (f,) = extract_document(raw, source="t.txt", doc_date=date(2023, 1, 20), province="湖南")
    assert f.metric == "规模以上工业增加值" and f.value == 6.4
    assert f.quote in raw and "規(guī)上" in f.quote


def test_a_sentence_broken_by_a_caption_is_joined_on_evidence():
    text = ("2023年，全省战略性新兴产业营业收入占规上工业比重由25.1%\n\n图为某企业生产线\n\n"
            "升至27.3%，再创新高。\n")
    got = extract_document(text, source="t.txt", doc_date=date(2024, 2, 1), province="湖北")
    assert sorted(f.value for f in got) == [25.1, 27.3]
    later = next(f for f in got if f.value == 27.3)
    assert later.continued_from_line == 1 and later.line == 5 and later.quote.startswith("升至27.3%")


def test_fragments_are_not_joined_by_position_alone():
    layout = analyse("全省推动工业互联网建设取得新进展和\n\n五年来工作扎实推进。\n")
    assert all(p.continues is None for p in layout.paragraphs)


def test_a_paragraph_about_another_province_is_attributed_by_its_places():
    text = ("# 江西：工业稳步发展\n\n2023年，全省规上工业增加值增长7.1%。\n\n"
            "2023年，武汉光谷新增企业300家，全省5G基站达到8.2万个。\n\n# 湖北：迈向制造强省\n\n"
            "2023年，全省规上工业增加值增长5.6%。\n")
    got = extract_document(text, source="t.txt", doc_date=date(2024, 1, 5), province="江西")
    by_value = {f.value: f for f in got}
    assert by_value[7.1].province == "江西"
    assert by_value[82000].province == "湖北" and by_value[82000].province_method.startswith("gazetteer")
    assert by_value[5.6].province == "湖北"


def test_comparisons_with_another_province_do_not_move_a_figure():
    (f,) = extract_document("2024年，全省规上工业营业收入首次超越湖北、上海，达到4.1万亿元。", source="t.txt",
                            doc_date=date(2025, 1, 28), province="江西")
    assert f.province == "江西"


def test_periods():
    when = date(2024, 12, 1)
    labels = [p.label for p in find_periods("2016—2019年，1—11月，今年前三季度，“十四五”期间，明年", 2024, when)]
    assert labels == ["2016—2019年", "2024年1—11月", "2024年1—9月", "“十四五”(2021—2025年)", "2025年"]
    (base,) = find_periods("较2015年提高", 2020, when)
    assert base.base


def test_import_indcli_loads_neither_typer_nor_rich():
    code = "import sys, indcli; indcli.extract_document; print(sorted(m for m in ('typer','rich','click') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
