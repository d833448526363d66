"""Write tests/fixtures/tiny.parquet: a handful of hand-written facts, so the query tests never depend on ingest.

    python tests/make_fixture.py

The rows mirror the real corpus (湖北's yearly 规上工业增加值 growth 2016–2020 and 1—11月 2024, 湖南's 1—11月 2019
figure and 2020 target) and add the cases the query commands must handle: a figure two documents agree on, one
they disagree on, a city figure, a national figure, targets with CAGRs, a target with its actual, actuals from
earlier years on the way to a target (and one after its horizon), a forecast, a province (江西) with only a
related metric, and two ids sharing a prefix. test_query checks the committed file
matches this script.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "tiny.parquet"

# Documents: source file → document date.
DOCS = {
    "000_review.txt": date(2020, 12, 1),  # 湖北 and 江西 look back on 2016–2019
    "001_hubei_2024.txt": date(2024, 12, 15),  # 湖北 1—11月 2024, forecasts for 2024, targets for 2025
    "003_plan.txt": date(2021, 11, 22),  # 湖北's 十四五 plan: 2016–2020 figures, 2025 targets
    "004_hunan.txt": date(2020, 1, 10),  # 湖南 1—11月 2019 and its 2020 targets
    "006_hubei_2019.txt": date(2019, 3, 1),  # 湖北's 2020 targets, set in 2019
    "007_hubei_2023.txt": date(2023, 1, 20),  # 湖北 looks back on 2022: actuals on the way to the 2025 targets
    "008_hubei_2024.txt": date(2024, 1, 25),  # 湖北 looks back on 2023
}

GROWTH_QUOTE = "2016—2019年，全省规模以上工业增加值分别增长8%、7.4%、7.1%、7.8%，分别高于全国2个、0.6个、0.9个、2.1个百分点。"
PLAN_QUOTE = "“十三五”期间，全省规上工业增加值分别增长8%、7.4%、7.3%、7.8%和-6.1%。"


def year(y: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, 12, 31), f"{y}年"


def months(y: int, m: int, end_day: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, m, end_day), f"{y}年1—{m}月"


def span(y1: int, y2: int) -> tuple[date, date, str]:
    return date(y1, 1, 1), date(y2, 12, 31), f"{y1}—{y2}年"


def fact(fact_id: str, province: str, metric: str, measure: str, value: float, unit: str, period, kind: str,
         source: str, line: int, quote: str, figure: str, *, comparator: str = "=", metric_raw: str | None = None,
         metric_en: str = "", city: str = "", scope: str = "", mentions: int = 1, method: str = "document",
         continued_from_line: int | None = None) -> dict:
    start, end, label = period
    assert figure in quote, (fact_id, figure)
    return {
        "fact_id": fact_id, "province": province, "metric": metric, "metric_raw": metric_raw or metric,
        "measure": measure, "value": float(value), "unit": unit, "comparator": comparator,
        "period_start": start, "period_end": end, "period_label": label, "kind": kind, "source": source,
        "line": line, "quote": quote, "mentions": mentions, "metric_en": metric_en, "city": city, "scope": scope,
        "province_method": method, "doc_date": DOCS[source], "char_start": line * 100, "char_end": line * 100 + len(quote),
        "figure_text": figure, "continued_from_line": continued_from_line,
    }


GVA = "规模以上工业增加值"
GVA_EN = "value added of industry above designated size"

ROWS = [
    # 湖北, 规上工业增加值 growth: 2016, 2017, 2019 stated by two documents alike; 2018 stated differently (conflict).
    fact("d0562a447e4e0610", "湖北", GVA, "growth", 8, "%", year(2016), "actual", "000_review.txt", 111, GROWTH_QUOTE,
         "8%", metric_en=GVA_EN),
    fact("c51ac14d1632d6c0", "湖北", GVA, "growth", 7.4, "%", year(2017), "actual", "000_review.txt", 111,
         GROWTH_QUOTE, "7.4%", metric_en=GVA_EN),
    fact("c446625731a31060", "湖北", GVA, "growth", 7.1, "%", year(2018), "actual", "000_review.txt", 111,
         GROWTH_QUOTE, "7.1%", metric_en=GVA_EN),
    fact("142cedc534523174", "湖北", GVA, "growth", 7.8, "%", year(2019), "actual", "000_review.txt", 111,
         GROWTH_QUOTE, "7.8%", metric_en=GVA_EN),
    fact("35561ae29156f131", "湖北", GVA, "growth", 8, "%", year(2016), "actual", "003_plan.txt", 184, PLAN_QUOTE,
         "8%", metric_raw="规上工业增加值", metric_en=GVA_EN),
    fact("8543f63d338ab7a8", "湖北", GVA, "growth", 7.4, "%", year(2017), "actual", "003_plan.txt", 184, PLAN_QUOTE,
         "7.4%", metric_raw="规上工业增加值", metric_en=GVA_EN),
    fact("add2a8937e5204af", "湖北", GVA, "growth", 7.3, "%", year(2018), "actual", "003_plan.txt", 184, PLAN_QUOTE,
         "7.3%", metric_raw="规上工业增加值", metric_en=GVA_EN),
    fact("bb15820a49726d66", "湖北", GVA, "growth", 7.8, "%", year(2019), "actual", "003_plan.txt", 184, PLAN_QUOTE,
         "7.8%", metric_raw="规上工业增加值", metric_en=GVA_EN),
    fact("211dc41d2b53be47", "湖北", GVA, "growth", -6.1, "%", year(2020), "actual", "003_plan.txt", 184, PLAN_QUOTE,
         "-6.1%", metric_raw="规上工业增加值", metric_en=GVA_EN),
    fact("c1cfe192079dbb5c", "湖北", GVA, "growth", 7.7, "%", months(2024, 11, 30), "actual", "001_hubei_2024.txt",
         11, "1—11月，全省规上工业增加值同比增长7.7%，高于全国1.9个百分点，增速居工业大省第4位。", "7.7%",
         metric_raw="规上工业增加值", metric_en=GVA_EN, mentions=2),
    # 湖北: diff and rank (two scopes in one year), a 2020 growth target it missed.
    fact("9d2e3d7dd98171a2", "湖北", GVA, "diff", 2, "百分点", year(2016), "actual", "000_review.txt", 111,
         GROWTH_QUOTE, "2个", metric_en=GVA_EN, scope="全国"),
    fact("ba8cd8f3490f928a", "湖北", GVA, "rank", 7, "位", year(2019), "actual", "000_review.txt", 112,
         "其中2019年增速居全国第7、中部第3位。", "第7", metric_en=GVA_EN, scope="全国"),
    fact("9fb9770ef2014742", "湖北", GVA, "rank", 3, "位", year(2019), "actual", "000_review.txt", 112,
         "其中2019年增速居全国第7、中部第3位。", "第3位", metric_en=GVA_EN, scope="中部"),
    fact("e6a0c3f1d2b40a17", "湖北", GVA, "growth", 7.5, "%", year(2020), "target", "006_hubei_2019.txt", 8,
         "2020年，全省规上工业增加值增长7.5%以上。", "7.5%", comparator=">=", metric_raw="规上工业增加值",
         metric_en=GVA_EN),
    # 湖南: 1—11月 2019 growth and rank, the 2020 target.
    fact("af5c8bfdf0dc7c7f", "湖南", GVA, "growth", 8.3, "%", months(2019, 11, 30), "actual", "004_hunan.txt", 5,
         "1—11月，全省规模以上工业增加值增长8.3%，增速居全国第4位。", "8.3%", metric_en=GVA_EN),
    fact("4ed35fb189b50bf2", "湖南", GVA, "rank", 4, "位", months(2019, 11, 30), "actual", "004_hunan.txt", 5,
         "1—11月，全省规模以上工业增加值增长8.3%，增速居全国第4位。", "第4位", metric_en=GVA_EN, scope="全国"),
    fact("e5d1f0acb394c801", "湖南", GVA, "growth", 7.5, "%", year(2020), "target", "004_hunan.txt", 6,
         "2020年，全省规模以上工业增加值增长7.5%以上，数字经济规模增长15%以上。", "7.5%", comparator=">=",
         metric_en=GVA_EN),
    fact("74e342a3912d7f2d", "湖南", "数字经济规模", "growth", 15, "%", year(2020), "target", "004_hunan.txt", 6,
         "2020年，全省规模以上工业增加值增长7.5%以上，数字经济规模增长15%以上。", "15%", comparator=">=",
         metric_en="size of the digital economy"),
    # A city figure (武汉) and a national one: neither belongs in a province column.
    fact("5b1e2c3d4f607182", "湖北", GVA, "growth", 8.5, "%", year(2019), "actual", "000_review.txt", 130,
         "武汉市规模以上工业增加值增长8.5%。", "8.5%", metric_en=GVA_EN, city="武汉", method="gazetteer:武汉"),
    fact("0a1b2c3d4e5f6071", "全国", GVA, "growth", 5.7, "%", year(2019), "actual", "000_review.txt", 140,
         "2019年全国规模以上工业增加值增长5.7%。", "5.7%", metric_en=GVA_EN, method="subject"),
    # 江西: no 规上工业增加值, only related metrics; a money level with 约.
    fact("7c8d9e0f1a2b3c4d", "江西", "工业增加值", "level", 9e11, "元", year(2019), "actual", "000_review.txt", 20,
         "2019年，全省工业增加值约9000亿元。", "9000亿元", comparator="~", metric_en="industrial value added"),
    fact("7c8d0000aaaa0001", "江西", "规模以上工业企业", "level", 12727, "家", year(2019), "actual", "000_review.txt",
         21, "规模以上工业企业达12727家。", "12727家", metric_en="industrial enterprises above designated size (count)"),
    # 湖北 targets for 2025, two with the CAGR that goes with them.
    fact("790039d10ba7b459", "湖北", "新一代信息技术产业营业收入", "level", 1.3e12, "元", year(2025), "target",
         "003_plan.txt", 246, "到2025年，新一代信息技术产业营业收入达到1.3万亿元，年均增长14%左右。", "1.3万亿元",
         metric_en="new-generation information technology industry operating revenue"),
    fact("de580105ffe2856c", "湖北", "新一代信息技术产业营业收入", "cagr", 14, "%", span(2021, 2025), "target",
         "003_plan.txt", 246, "到2025年，新一代信息技术产业营业收入达到1.3万亿元，年均增长14%左右。", "14%",
         comparator="~", metric_en="new-generation information technology industry operating revenue"),
    fact("2eceaeedc9d96911", "湖北", "汽车产业营业收入", "level", 1e12, "元", year(2025), "target", "003_plan.txt",
         250, "到2025年，汽车产业营业收入达到1万亿元，年均增长6.4%左右。", "1万亿元",
         metric_en="automotive industry operating revenue"),
    fact("34492f5ceddc944b", "湖北", "汽车产业营业收入", "cagr", 6.4, "%", span(2021, 2025), "target",
         "003_plan.txt", 250, "到2025年，汽车产业营业收入达到1万亿元，年均增长6.4%左右。", "6.4%", comparator="~",
         metric_en="automotive industry operating revenue"),
    fact("da609fa6678e10af", "湖北", "中高端钢产能占比", "share", 70, "%", year(2025), "target", "001_hubei_2024.txt",
         43, "到2025年，中高端钢产能占比达到70%以上。", "70%", comparator=">="),
    # Two documents set different 2025 targets for 算力规模: a conflict in `targets`.
    fact("cca4b811fbfa0c54", "湖北", "算力规模", "level", 12000, "PFLOPS", year(2025), "target", "001_hubei_2024.txt",
         47, "到2025年，算力规模超过12000P。", "12000P", comparator=">", metric_en="computing power"),
    fact("cca4000000000002", "湖北", "算力规模", "level", 10000, "PFLOPS", year(2025), "target", "003_plan.txt", 390,
         "到2025年，全省算力规模超过10000P。", "10000P", comparator=">", metric_en="computing power"),
    # A 2020 target with its actual (exceeded), and a forecast.
    fact("5a5a5a5a00000001", "湖北", "5G基站", "level", 50000, "个", year(2020), "target", "006_hubei_2019.txt", 9,
         "到2020年，全省5G基站达到5万个以上。", "5万个", comparator=">=", metric_en="5G base stations"),
    fact("5a5a5a5a00000002", "湖北", "5G基站", "level", 61000, "个", year(2020), "actual", "003_plan.txt", 190,
         "截至2020年底，全省建成5G基站6.1万个。", "6.1万个", metric_en="5G base stations"),
    # Actuals before the 2025 horizon, from other documents: how far each target is, what growth it still needs.
    fact("a0c7000000000001", "湖北", "汽车产业营业收入", "level", 8e11, "元", year(2022), "actual", "007_hubei_2023.txt",
         12, "2022年，全省汽车产业营业收入8000亿元。", "8000亿元", metric_en="automotive industry operating revenue"),
    fact("a0c7000000000002", "湖北", "新一代信息技术产业营业收入", "level", 1.1e12, "元", year(2023), "actual",
         "008_hubei_2024.txt", 7, "2023年，新一代信息技术产业营业收入1.1万亿元。", "1.1万亿元",
         metric_en="new-generation information technology industry operating revenue"),
    fact("a0c7000000000003", "湖北", "新一代信息技术产业营业收入", "level", 9e11, "元", year(2021), "actual",
         "007_hubei_2023.txt", 14, "2021年，新一代信息技术产业营业收入9000亿元。", "9000亿元",
         metric_en="new-generation information technology industry operating revenue"),
    fact("a0c7000000000004", "湖北", "中高端钢产能占比", "share", 62, "%", year(2023), "actual", "008_hubei_2024.txt",
         9, "2023年，中高端钢产能占比62%。", "62%"),
    # 5G基站 after the 2020 horizon: not the actual of the 2020 target.
    fact("a0c7000000000005", "湖北", "5G基站", "level", 78000, "个", year(2021), "actual", "007_hubei_2023.txt", 16,
         "2021年底，全省5G基站7.8万个。", "7.8万个", metric_en="5G base stations"),
    fact("5d135a9fd8eb25f4", "湖北", "数字经济规模", "level", 3e12, "元", year(2024), "forecast", "001_hubei_2024.txt",
         25, "预计全年数字经济规模达到3万亿元。", "3万亿元", metric_en="size of the digital economy",
         continued_from_line=24),
]


def table():
    import pyarrow as pa

    sys.path.insert(0, str(ROOT / "src"))
    from indcli.contract import SCHEMA

    return pa.Table.from_pylist(ROWS, schema=SCHEMA)


def main() -> None:
    import pyarrow.parquet as pq

    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table(), FIXTURE, compression="zstd")
    print(f"wrote {len(ROWS)} facts to {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
