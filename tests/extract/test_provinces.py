"""provinces: the document's province, each paragraph's, each figure's, and copies resolved after extraction."""

from __future__ import annotations

from datetime import date

from stage_kit import fact

from indcli.extract.sentence import parse_sentence
from indcli.layout import analyse
from indcli.provinces import (
    ParagraphProvince,
    attribute_provinces,
    city_subject,
    figure_subject,
    guess_doc_province,
    province_mentions,
    resolve_ambiguous,
)


def subject(text: str, at: str, province: str = "湖北") -> tuple[str, str, str]:
    s = parse_sentence(text)
    return figure_subject(s, text.index(at), province, "document")


def paragraph_provinces(text: str, doc_province: str) -> list[tuple[str, str, str]]:
    layout = analyse(text)
    return [(p.text, pp.province, pp.method) for p, pp in zip(layout.paragraphs, attribute_provinces(layout, doc_province),
                                                                strict=True)]


# ---------------------------------------------------------------- the document's


def test_guess_doc_province_weights_the_opening():
    assert guess_doc_province("福建省工信厅：全年工业平稳。后文提到广东、广东。") == "福建"
    assert guess_doc_province("全年工业运行平稳。") == ""


def test_province_mentions_leave_out_comparisons_and_relations():
    assert province_mentions("与湖北合作，赴长沙考察，株洲和湘潭工业增长。") == {"湖南": 2}
    assert province_mentions("浙江省数字经济增长") == {"浙江": 2}


# ---------------------------------------------------------------- each paragraph's


def test_paragraphs_follow_their_section_heading():
    got = paragraph_provinces("# 河南：稳中有进\n\n全省工业增长5%。\n\n# 山西：转型发展\n\n全省工业增长4%。\n", "河南")
    assert [(prov, method) for _t, prov, method in got] == [
        ("河南", "document"), ("河南", "document"), ("山西", "section"), ("山西", "section")]


def test_a_paragraph_about_another_provinces_places_moves_and_its_block_follows():
    text = ("# 江苏：智造强省\n\n全省规上工业增加值增长7%。\n\n## 区域协作\n\n"
            "2023年，合肥、芜湖新增企业300家。\n\n全年产值增长6%。\n")
    got = {t: (prov, method) for t, prov, method in paragraph_provinces(text, "江苏")}
    assert got["全省规上工业增加值增长7%。"] == ("江苏", "document")
    assert got["2023年，合肥、芜湖新增企业300家。"] == ("安徽", "gazetteer:合肥")
    assert got["全年产值增长6%。"] == ("安徽", "block")


def test_a_continuation_belongs_to_the_paragraph_it_continues():
    text = "2023年，全省工业企业利润率由5.2%\n\n图为车间一角\n\n升至6.1%，武汉、襄阳增长较快。\n"
    got = paragraph_provinces(text, "江西")
    assert got[-1][1:] == ("江西", "continuation")


def test_a_paragraph_printed_in_two_sections_names_the_other():
    text = ("# 河南：稳中有进\n\n全省规上工业企业达到2.6万家。\n\n# 山西：转型发展\n\n全省规上工业企业达到7000家。\n\n"
            "全省规上工业企业达到2.6万家。\n")
    layout = analyse(text)
    pps = attribute_provinces(layout, "河南")
    assert pps[1] == ParagraphProvince("河南", "document", "山西")
    assert pps[-1] == ParagraphProvince("山西", "section", "河南")


# ---------------------------------------------------------------- each figure's


def test_a_province_named_as_subject_owns_the_figure():
    assert subject("2023年，湖南规上工业增加值增长6%。", "6%", "湖北") == ("湖南", "subject", "")


def test_a_province_named_as_yardstick_does_not():
    assert subject("2023年，全省工业增速首次超越湖南，达到7%。", "7%") == ("湖北", "document", "")


def test_national_figures_are_the_nations():
    text = "2023年，全国规上工业增加值增长4.6%，全省增长7%。"
    assert subject(text, "4.6")[:2] == ("全国", "subject")
    assert subject(text, "7%") == ("湖北", "document", "")
    assert subject("2023年，全省工业增速高于全国2个百分点。", "2个") == ("湖北", "document", "")


def test_a_city_as_subject_keeps_its_province_and_name():
    text = "分地区看，襄阳市规上工业增加值增长8.1%，高于全省1.2个百分点。"
    assert subject(text, "8.1") == ("湖北", "subject", "襄阳")
    assert subject(text, "1.2") == ("湖北", "subject", "襄阳")  # the clause with no subject goes on about it
    assert subject("2023年，一批项目落户宜昌，投资超过300亿元。", "300") == ("湖北", "document", "")


def test_city_subject():
    assert city_subject("分地区看，黄石市", "规上工业增加值增长8%") == ("黄石", "湖北")
    assert city_subject("2023年，十堰汽车产业产值增长9%", "汽车产业规模居全省第二") == ("十堰", "湖北")
    assert city_subject("全省工业增长", "增长8%") is None


# ---------------------------------------------------------------- after extraction


def test_resolve_ambiguous_moves_a_contradicting_copy_to_the_other_section():
    text = ("# 河南：稳中有进\n\n全省规上工业企业达到2.6万家。\n\n# 山西：转型发展\n\n全省规上工业企业达到7000家。\n\n"
            "全省规上工业企业达到2.6万家。\n")
    layout = analyse(text)
    pps = attribute_provinces(layout, "河南")
    kw = dict(metric="规模以上工业企业", measure="level", unit="家")
    facts = [fact(province="河南", value=26000.0, paragraph=1, **kw), fact(province="山西", value=7000.0, paragraph=3, **kw),
             fact(province="山西", value=26000.0, paragraph=4, **kw)]
    got = resolve_ambiguous(facts, layout, pps)
    assert [(f.province, f.province_method) for f in got] == [
        ("河南", ""), ("山西", ""), ("河南", "duplicate:contradiction")]
    assert facts[2].province == "山西"  # a new fact, the old one is left as it was


def test_resolve_ambiguous_keeps_copies_that_agree():
    text = "# 河南：稳中有进\n\n全省规上工业企业达到2.6万家。\n\n# 山西：转型发展\n\n全省规上工业企业达到2.6万家。\n"
    layout = analyse(text)
    facts = [fact(province="河南", value=26000.0, paragraph=1), fact(province="山西", value=26000.0, paragraph=3)]
    assert resolve_ambiguous(facts, layout, attribute_provinces(layout, "河南")) == facts


def test_the_document_stage_applies_it():
    from indcli import extract_document

    text = ("# 河南：稳中有进\n\n2023年，全省规上工业企业达到2.6万家。\n\n# 山西：转型发展\n\n"
            "2023年，全省规上工业企业达到7000家。\n\n2023年，全省规上工业企业达到2.6万家。\n")
    got = extract_document(text, source="t.txt", doc_date=date(2024, 2, 1), province="河南")
    assert sorted((f.province, f.value, f.mentions) for f in got) == [("山西", 7000.0, 1), ("河南", 26000.0, 2)]
