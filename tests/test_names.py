"""Names as people type them: provinces and metrics resolved, unknown ones refused with suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from indcli import UsageError
from indcli.names import (
    DEFAULT_PROVINCES,
    english_matches,
    metric_label,
    metric_suggestions,
    province_label,
    related_metrics,
    resolve_metric,
    resolve_province,
    resolve_provinces,
)

ROOT = Path(__file__).resolve().parents[1]
GVA = "规模以上工业增加值"
KNOWN = {GVA: "value added of industry above designated size", "工业增加值": "industrial value added",
         "开通5G基站": "base stations", "上云企业": "enterprises", "上链企业": "enterprises"}


@pytest.mark.parametrize("text", ["hubei", "Hubei", "HUBEI", " hubei ", "湖北", "湖北省", "鄂", "Húběi", "Hubei Province",
                                  "ｈｕｂｅｉ"])
def test_province_spellings(text):
    assert resolve_province(text) == "湖北"


@pytest.mark.parametrize("text, short", [("廣東", "广东"), ("廣東省", "广东"), ("Inner Mongolia", "内蒙古"),
                                         ("neimenggu", "内蒙古"), ("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"),
                                         ("Shaanxi", "陕西"), ("Shanxi", "山西"), ("湘", "湖南"), ("赣", "江西"),
                                         ("jiangxi", "江西"), ("national", "全国"), ("全国", "全国"), ("上海市", "上海"),
                                         ("Hong Kong", "香港")])
def test_other_provinces(text, short):
    assert resolve_province(text) == short


@pytest.mark.parametrize("text, suggestion", [("hubie", "湖北 (Hubei)"), ("hunen", "湖南 (Hunan)"), ("湖被", "湖北"),
                                              ("jiangxy", "江西 (Jiangxi)")])
def test_unknown_province_suggests(text, suggestion):
    with pytest.raises(UsageError) as e:
        resolve_province(text)
    assert e.value.exit_code == 2
    assert "unknown province" in str(e.value)
    assert suggestion in str(e.value) and "did you mean" in str(e.value)


@pytest.mark.parametrize("text", ["x' OR 1=1 --", "", "   ", "'; DROP TABLE facts; --"])
def test_hostile_or_empty_province_is_a_usage_error(text):
    with pytest.raises(UsageError):
        resolve_province(text)


def test_resolve_provinces_splits_dedupes_and_defaults():
    assert resolve_provinces(None) == list(DEFAULT_PROVINCES)
    assert resolve_provinces([]) == list(DEFAULT_PROVINCES)
    assert resolve_provinces(["hubei,湖南", "鄂", "Jiangxi"]) == ["湖北", "湖南", "江西"]
    assert resolve_provinces(["湖北、湖南"]) == ["湖北", "湖南"]


def test_province_label():
    assert province_label("湖北") == "湖北"
    assert province_label("湖北", "en") == "Hubei"
    assert province_label("全国", "en") == "National"


@pytest.mark.parametrize("text", [GVA, "规上工业增加值", "規上工業增加值", "規模以上工業增加值", "规模以上工业增加值增速",
                                  "规模工业增加值", "value added of industry above designated size",
                                  "Value Added of Industry  above designated SIZE", " 规上工业增加值 "])
def test_metric_spellings(text):
    assert resolve_metric(text, KNOWN) == GVA


def test_metric_from_lexicon_without_data_and_from_data_only():
    assert resolve_metric("GDP", KNOWN) == "地区生产总值"  # in the lexicon, no facts: still a known metric
    assert resolve_metric("开通5G基站", KNOWN) == "开通5G基站"  # only in the data


def test_english_gloss_shared_by_several_metrics_is_ambiguous():
    assert english_matches("enterprises", KNOWN) == ["上云企业", "上链企业"]
    with pytest.raises(UsageError) as e:
        resolve_metric("enterprises", KNOWN)
    assert "2 metrics" in str(e.value) and "上云企业" in str(e.value)


@pytest.mark.parametrize("text, expected", [("规上工业增加", GVA), ("规模以上工业增值", GVA), ("工业增加", "工业增加值"),
                                            ("value added of industry above designated", GVA),
                                            ("industrial valu added", "工业增加值")])
def test_unknown_metric_suggests(text, expected):
    with pytest.raises(UsageError) as e:
        resolve_metric(text, KNOWN)
    assert e.value.exit_code == 2
    assert f"unknown metric {text!r}" in str(e.value)
    assert "did you mean" in str(e.value) and expected in str(e.value)
    assert expected in metric_suggestions(text, KNOWN)


@pytest.mark.parametrize("text", ["x' OR 1=1 --", "", "'; DROP TABLE facts; --"])
def test_hostile_or_empty_metric_is_a_usage_error(text):
    with pytest.raises(UsageError):
        resolve_metric(text, KNOWN)


def test_metric_label():
    assert metric_label(GVA) == GVA
    assert metric_label(GVA, "en") == f"value added of industry above designated size ({GVA})"
    assert metric_label("没有的指标", "en", "") in ("没有的指标",) or metric_label("没有的指标", "en").endswith("(没有的指标)")


def test_related_metrics_prefers_close_names():
    available = {"工业增加值": 1, "规模以上工业企业": 2, "上云企业": 3, "装备制造业增加值占规模以上工业增加值比重": 2}
    rel = related_metrics(GVA, available)
    assert rel[0] == "工业增加值"
    assert "上云企业" not in rel
    assert set(rel) == {"工业增加值", "规模以上工业企业", "装备制造业增加值占规模以上工业增加值比重"}
    assert related_metrics(GVA, {GVA: 3}) == []


def test_english_glosses_read_as_english():
    """A占B比重 reads 'A as a share of B'; no gloss repeats a word or ends '… share of … share'; a name with a
    part the glossary lacks gets no gloss rather than a wrong one."""
    import re

    import pyarrow.parquet as pq

    from indcli.lexicon import gloss

    assert gloss("数字经济增加值占GDP比重") == "value added of the digital economy as a share of GDP"
    assert gloss("工业增加值占GDP比重") == "industrial value added as a share of GDP"
    assert gloss("新建5G基站") == "newly built 5G base stations"
    assert gloss("孚能科技三元软包动力电池装机量") == ""  # not 'science and technology power batteries …'
    table = ROOT / "data" / "indicators.parquet"
    for metric in set(pq.read_table(table, columns=["metric"]).column("metric").to_pylist()):
        en = gloss(metric)
        words = en.split()
        assert not any(a == b for a, b in zip(words, words[1:], strict=False)), (metric, en)
        assert not re.search(r"share of .* share$", en), (metric, en)


def test_an_english_query_finds_the_metric_meant():
    from indcli.query import metrics

    listed = [r["metric"] for r in metrics(ROOT / "data" / "indicators.parquet", "industrial value added").records]
    assert listed[0] == "规模以上工业增加值" and "工业增加值" in listed
    assert metrics(ROOT / "data" / "indicators.parquet", "enterprise").records  # enterprises ~ enterprise
