"""The query commands — compare, targets, metrics, show, sql — on the tiny fixture (tests/make_fixture.py), never on
the ingested table: as pure functions, through typer's CliRunner in every format, through ``indcli.cli.main`` for
exit codes, and as a real subprocess writing to a pipe (so the default is CSV) or a pseudo-terminal (a table)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from indcli import DataError, UsageError
from indcli.cli import app, main
from indcli.query import compare, connect, metrics, show, sql, targets
from indcli.render import FORMATS, render
from indcli.views import attainment, figure_span

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "tiny.parquet"
GVA = "规模以上工业增加值"
HOSTILE = "x' OR 1=1 --"


@pytest.fixture
def data(monkeypatch) -> Path:
    """INDCLI_DATA pointed at the fixture (conftest points it at a missing file by default)."""
    monkeypatch.setenv("INDCLI_DATA", str(FIXTURE))
    return FIXTURE


def by(records, **match):
    return [r for r in records if all(r.get(k) == v for k, v in match.items())]


def table_text(result, fmt="table") -> str:
    return render(result, fmt, width=160)


# ---------------------------------------------------------------------------------------------------- fixture


def test_fixture_matches_its_script():
    import make_fixture

    stored = pq.read_table(FIXTURE).to_pylist()
    assert len(stored) == len(make_fixture.ROWS)
    for got, want in zip(stored, make_fixture.ROWS, strict=True):
        assert {k: got[k] for k in want if k in got} == {k: want[k] for k in want if k in got}


# ---------------------------------------------------------------------------------------------------- compare


def test_compare_the_users_example():
    """湖北's yearly growth 2016–2020 and 1—11月 2024, 湖南's 1—11月 2019 figure and 2020 target, side by side."""
    res = compare(FIXTURE, "规上工业增加值")
    growth = by(res.records, measure="growth")
    hubei = [(r["period"], r["kind"], r["value"]) for r in by(growth, province="湖北")]
    assert hubei == [("2016年", "actual", 8.0), ("2017年", "actual", 7.4), ("2018年", "actual", 7.1),
                     ("2018年", "actual", 7.3), ("2019年", "actual", 7.8), ("2020年", "actual", -6.1),
                     ("2020年", "target", 7.5), ("2024年1—11月", "actual", 7.7)]
    hunan = [(r["period"], r["kind"], r["comparator"], r["value"]) for r in by(growth, province="湖南")]
    assert hunan == [("2019年1—11月", "actual", "=", 8.3), ("2020年", "target", ">=", 7.5)]
    text = table_text(res)
    lines = text.splitlines()
    row_2020_target = next(line for line in lines if line.startswith("2020年") and "目标" in line)
    assert row_2020_target.count("≥7.5%") == 2  # 湖北's and 湖南's targets in one row
    row_2019_11 = next(line for line in lines if line.startswith("2019年1—11月") and "8.3%" in line)
    assert "—" in row_2019_11
    assert any(line.startswith("2024年1—11月") and "7.7%" in line for line in lines)


def test_compare_one_table_per_measure_units_in_the_title():
    res = compare(FIXTURE, GVA)
    assert [t.title for t in res.tables] == [f"{GVA} · 增速 (%)", f"{GVA} · 排名 (位)", f"{GVA} · 差距 (百分点)"]
    assert res.tables[0].columns == ["期间", "类型", "江西", "湖北", "湖南"]
    assert res.tables[1].columns == ["期间", "范围", "江西", "湖北", "湖南"]  # ranks keep their scope
    ranks = table_text(res)
    assert "第7位" in ranks and "第3位" in ranks and "中部" in ranks


def test_compare_counts_sources_of_the_same_fact():
    res = compare(FIXTURE, GVA, provinces=["hubei"], measures=["growth"])
    r2016 = by(res.records, period="2016年")
    assert len(r2016) == 1 and r2016[0]["sources"] == 2 and r2016[0]["conflict"] is False
    assert r2016[0]["fact_ids"] == ["d0562a447e4e0610", "35561ae29156f131"]
    assert "8% ×2" in table_text(res)


def test_json_keeps_lists_as_lists():
    """fact_ids is a list beside source_files in compare and targets, never a space-joined string."""
    for result in (compare(FIXTURE, GVA, provinces=["hubei"]), targets(FIXTURE, "hubei")):
        for record in json.loads(render(result, "json")):
            assert isinstance(record["fact_ids"], list) and all(isinstance(i, str) for i in record["fact_ids"])
    row = next(r for r in csv.DictReader(io.StringIO(render(compare(FIXTURE, GVA, provinces=["hubei"]), "csv")))
               if r["period"] == "2016年")
    assert row["fact_ids"] == "d0562a447e4e0610; 35561ae29156f131"  # a list cell, as source_files


def test_compare_shows_a_conflict_never_resolves_it():
    res = compare(FIXTURE, GVA, provinces=["hubei"], measures=["growth"])
    r2018 = by(res.records, period="2018年")
    assert sorted(r["value"] for r in r2018) == [7.1, 7.3] and all(r["conflict"] for r in r2018)
    assert [r["source_files"] for r in r2018] == [["000_review.txt"], ["003_plan.txt"]]
    assert "7.1% ≠ 7.3%" in table_text(res)
    note = next(n for n in res.notes if n.startswith("≠"))
    assert "000_review.txt:111" in note and "003_plan.txt:184" in note


def test_compare_leaves_city_figures_out_and_says_so():
    res = compare(FIXTURE, GVA)
    assert not [r for r in res.records if r["value"] == 8.5]
    assert any("武汉" in n and "city" in n for n in res.notes)


def test_compare_keeps_an_empty_province_and_names_related_metrics():
    res = compare(FIXTURE, GVA)
    jiangxi = res.tables[0].columns.index("江西")
    assert all(row[jiangxi].text == "—" for t in res.tables for row in t.rows)
    note = next(n for n in res.notes if n.startswith("江西"))
    assert "工业增加值 (1)" in note and "indcli compare --metric 工业增加值" in note


def test_notes_stay_true_under_filters():
    """With --kind forecast, 湖南 has no forecast of the metric but three figures: the note says so, and does not
    claim it has no related metric."""
    notes = compare(FIXTURE, GVA, kinds=["forecast"]).notes
    hunan = next(n for n in notes if n.startswith("湖南"))
    assert hunan == "湖南: no 规模以上工业增加值 figures with these filters; it has 3 without them."
    jiangxi = next(n for n in notes if n.startswith("江西"))
    assert "no 规模以上工业增加值 figures at all — related metrics it has: 工业增加值 (1)" in jiangxi


def test_compare_money_in_yi_with_its_comparator():
    res = compare(FIXTURE, "工业增加值", provinces=["赣"])
    assert res.tables[0].title == "工业增加值 · 总量 (亿元)"
    assert by(res.records, province="江西")[0]["display"] == "约9000亿元"
    assert "约9000亿元" in table_text(res)


def test_compare_filters():
    only_hubei = compare(FIXTURE, GVA, provinces=["Hubei"])
    assert {r["province"] for r in only_hubei.records} == {"湖北"}
    assert only_hubei.tables[0].columns[-1] == "湖北"
    ranks = compare(FIXTURE, GVA, measures=["rank"])
    assert {r["measure"] for r in ranks.records} == {"rank"} and len(ranks.tables) == 1
    tgts = compare(FIXTURE, GVA, kinds=["target"])
    assert {(r["province"], r["period"]) for r in tgts.records} == {("湖北", "2020年"), ("湖南", "2020年")}
    years = compare(FIXTURE, GVA, measures=["growth"], year_from=2017, year_to=2019)
    assert {r["period"] for r in years.records} == {"2017年", "2018年", "2019年", "2019年1—11月"}
    national = compare(FIXTURE, GVA, provinces=["全国"])
    assert [r["value"] for r in national.records] == [5.7]


def test_compare_bad_filters_are_usage_errors():
    with pytest.raises(UsageError):
        compare(FIXTURE, GVA, year_from=2020, year_to=2019)
    with pytest.raises(UsageError) as e:
        compare(FIXTURE, GVA, measures=["grwoth"])
    assert "growth" in str(e.value)
    with pytest.raises(UsageError):
        compare(FIXTURE, GVA, kinds=["plan"])


def test_compare_in_english():
    res = compare(FIXTURE, GVA, lang="en")
    assert res.tables[0].columns == ["period", "kind", "Jiangxi", "Hubei", "Hunan"]
    assert res.tables[0].title.startswith("value added of industry above designated size")
    assert {r["period"] for r in by(res.records, province="Hunan")} == {"2019 Jan–Nov", "2020"}
    assert "target" in table_text(res)


def test_compare_a_known_metric_without_figures():
    res = compare(FIXTURE, "GDP")
    assert res.tables == [] and res.records == []
    assert res.notes[0].startswith("no 地区生产总值 figures")


def test_compare_chart():
    res = compare(FIXTURE, GVA, measures=["growth"])
    assert len(res.charts) == 1
    text = render(res, "table", chart=True, width=120)
    assert "█" in text and "░" in text  # 2020's -6.1% drawn apart


# ---------------------------------------------------------------------------------------------------- targets


def test_targets_hubei():
    res = targets(FIXTURE, "hubei")
    assert [t.title for t in res.tables] == ["湖北 2020年目标 (2)", "湖北 2025年目标 (4)"]
    ict = by(res.records, metric="新一代信息技术产业营业收入")
    assert len(ict) == 1  # the CAGR goes with the level target, not on a row of its own
    assert ict[0]["target"] == "1.3万亿元" and ict[0]["rate"] == "约14% (2021—2025年)" and ict[0]["rate_value"] == 14
    assert ict[0]["source"] == ["003_plan.txt:246"] and ict[0]["horizon"] == 2025
    g5 = by(res.records, metric="5G基站")[0]
    assert (g5["actual_value"], g5["met"], round(g5["attainment_ratio"], 2)) == (61000, True, 1.22)
    assert g5["attainment"] == "✓ 122%"
    gva = by(res.records, metric=GVA)[0]
    assert gva["met"] is False and gva["attainment"] == "✗ -13.6个百分点"
    compute = by(res.records, metric="算力规模")
    assert sorted(r["value"] for r in compute) == [10000, 12000] and all(r["conflict"] for r in compute)
    text = table_text(res)
    assert ">10000 PFLOPS ≠" in text and ">12000 PFLOPS" in text and "✓ 122%" in text and "≥70%" in text
    assert any(n.startswith("≠") and "算力规模" in n for n in res.notes)


def test_targets_hunan_and_filters():
    res = targets(FIXTURE, "湘")
    assert {(r["metric"], r["target"]) for r in res.records} == {(GVA, "≥7.5%"), ("数字经济规模", "≥15%")}
    assert [r["metric"] for r in targets(FIXTURE, "hubei", metric="汽车产业营业收入").records] == ["汽车产业营业收入"]
    assert {r["horizon"] for r in targets(FIXTURE, "hubei", year_from=2021).records} == {2025}
    assert {r["horizon"] for r in targets(FIXTURE, "hubei", year_to=2020).records} == {2020}


def test_targets_forecasts_and_none():
    assert not by(targets(FIXTURE, "hubei").records, kind="forecast")
    fc = by(targets(FIXTURE, "hubei", forecasts=True).records, kind="forecast")
    assert [(r["metric"], r["target"]) for r in fc] == [("数字经济规模", "3万亿元")]
    none = targets(FIXTURE, "jiangxi")
    assert none.records == [] and none.tables == [] and "no targets for 江西" in none.notes[0]


def test_targets_in_english():
    res = targets(FIXTURE, "鄂", lang="en")
    assert res.tables[1].title == "Hubei targets for 2025 (4)"
    assert by(res.records, metric="汽车产业营业收入")[0]["target"] == "¥1tn"


def test_targets_show_progress_from_the_latest_earlier_actual():
    """The latest actual of the same metric from any document, how far it is, the growth a year still needed,
    and whether the stated 年均 rate gets there; a target without an actual says so."""
    res = targets(FIXTURE, "hubei")
    car = by(res.records, metric="汽车产业营业收入")[0]
    assert (car["actual_value"], car["actual_period"], car["status"], car["years_left"]) == (8e11, "2022年",
                                                                                          "under way", 3)
    assert car["actual_sources"] == ["007_hubei_2023.txt:12"] and car["progress_ratio"] == pytest.approx(0.8)
    assert car["needed_rate"] == pytest.approx(7.72, abs=0.01) and car["rate_enough"] is False
    assert car["needed"] == "+7.7% ✗"
    ict = by(res.records, metric="新一代信息技术产业营业收入")[0]  # 2023 is later than 2021: it is the one used
    assert (ict["actual_value"], ict["needed_rate"], ict["rate_enough"]) == (1.1e12, pytest.approx(8.71, abs=0.01),
                                                                             True)
    steel = by(res.records, metric="中高端钢产能占比")[0]  # a share: the gap in points, no growth rate
    assert (steel["gap_value"], steel["gap"], steel["needed_rate"]) == (-8, "-8个百分点", None)
    g5 = by(res.records, metric="5G基站")[0]  # the 2021 figure is after the 2020 horizon
    assert (g5["actual_value"], g5["status"], g5["attainment"]) == (61000, "met", "✓ 122%")
    compute = by(res.records, metric="算力规模")
    assert {r["status"] for r in compute} == {"no actual in the data"} and not any(r["actual"] for r in compute)
    hunan = targets(FIXTURE, "hunan").records
    assert by(hunan, metric="数字经济规模")[0]["status"] == "no actual in the data"


def test_targets_fit_80_columns():
    """No column empty for every row, short sources with their legend, names within three lines."""
    from indcli.render import text_width

    res = targets(FIXTURE, "hubei")
    text = render(res, "table", width=80)
    assert all(text_width(line) <= 80 for line in text.splitlines())
    for t in res.tables:
        for i, column in enumerate(t.columns):
            assert any(row[i].text not in ("", "—") for row in t.rows), (t.title, column)
    assert "003_plan.txt" not in text.split("sources:")[0] and "003 = 003_plan.txt" in text
    names = [line[:16] for line in text.splitlines()]
    assert "最新实际" in text and "尚需年均" in text and "+7.7% ✗" in text
    assert len([n for n in names if n.strip()]) > 0
    ict_lines = [i for i, line in enumerate(text.splitlines()) if line.startswith("新一代")]
    follow = text.splitlines()[ict_lines[0] + 1: ict_lines[0] + 4]
    assert sum(1 for line in follow if line[:16].strip() and not line.startswith("汽车")) <= 2  # ≤ 3 lines


def test_targets_wide_shows_everything():
    res = targets(FIXTURE, "hubei", wide=True)
    text = render(res, "table", width=200)
    assert "003_plan.txt:250" in text and "约6.4% (2021—2025年)" in text and "类型" in text
    assert "sources:" not in text


def test_targets_progress_cli_json():
    r = runner.invoke(app, ["targets", "hubei", "--format", "json", "--data", str(FIXTURE)])
    car = next(x for x in json.loads(r.stdout) if x["metric"] == "汽车产业营业收入")
    assert car["actual_sources"] == ["007_hubei_2023.txt:12"] and car["fact_ids"] == ["2eceaeedc9d96911"]


@pytest.mark.parametrize("target, cmp, measure, unit, actual, met, text", [
    (50000, ">=", "level", "个", 61000, True, "✓ 122%"),
    (100, "=", "level", "元", 95, False, "✗ 95%"),
    (7.5, ">=", "growth", "%", 7.5, True, "✓ 0个百分点"),
    (7.5, ">", "growth", "%", 7.5, False, "✗ 0个百分点"),
    (13.5, "<=", "growth", "%", 12, True, "✓ -1.5个百分点"),
    (5, "=", "rank", "位", 3, True, "✓"),
    (5, "=", "rank", "位", 7, False, "✗"),
])
def test_attainment(target, cmp, measure, unit, actual, met, text):
    assert attainment(target, cmp, measure, unit, actual)[1:] == (met, text)


# ---------------------------------------------------------------------------------------------------- metrics


def test_metrics_counts_per_province():
    res = metrics(FIXTURE)
    gva = by(res.records, metric=GVA)[0]
    assert (gva["江西"], gva["湖北"], gva["湖南"], gva["全国"], gva["cities"], gva["total"]) == (0, 14, 3, 1, 1, 19)
    assert res.records[0]["metric"] == GVA  # the most stated first
    assert "地区生产总值" not in {r["metric"] for r in res.records}  # lexicon-only metrics need a search


@pytest.mark.parametrize("query, expected", [("增加值", {GVA, "工业增加值"}), ("規上工業", {GVA}), ("GDP", {"地区生产总值"}),
                                             ("computing", {"算力规模"}), ("5G", {"5G基站"}), ("规上", {GVA})])
def test_metrics_search(query, expected):
    found = {r["metric"] for r in metrics(FIXTURE, query).records}
    assert expected <= found


def test_metrics_search_english_lang():
    res = metrics(FIXTURE, "digital economy", lang="en")
    assert "Hubei" in res.fields and by(res.records, metric="数字经济规模")[0]["Hunan"] == 1


@pytest.mark.parametrize("query", ["zzzz", HOSTILE])
def test_metrics_search_without_match(query):
    with pytest.raises(UsageError) as e:
        metrics(FIXTURE, query)
    assert "no metric matches" in str(e.value)


# ---------------------------------------------------------------------------------------------------- show


def test_show_by_prefix_highlights_the_figure():
    res = show(FIXTURE, "c1cfe1")
    rec = res.records[0]
    assert rec["fact_id"] == "c1cfe192079dbb5c" and rec["display"] == "7.7%"
    assert rec["quote"][rec["figure_offset"]:].startswith("7.7%")
    text = table_text(res)
    assert "【7.7%】" in text and "001_hubei_2024.txt:11" in text and "2024-12-15" in text
    assert "**7.7%**" in render(res, "markdown")


def test_show_names_the_other_documents_and_conflicts():
    agree = show(FIXTURE, "d0562a44").records[0]
    assert agree["conflict"] is False and agree["also_stated_by"] == ["003_plan.txt:184 8% (35561ae29156f131)"]
    conflict = show(FIXTURE, "C4466257")  # ids are case-insensitive
    assert conflict.records[0]["conflict"] is True
    assert "003_plan.txt:184 7.3%" in conflict.records[0]["also_stated_by"][0]
    assert conflict.notes and conflict.notes[0].startswith("≠")


def test_show_figure_after_the_metric_name():
    quote = "2019年增长8%，其中规上工业增加值增长8%。"
    assert figure_span(quote, "8%", "规上工业增加值") == (quote.rindex("8%"), quote.rindex("8%") + 2)
    assert figure_span(quote, "8%") == (quote.index("8%"), quote.index("8%") + 2)
    assert figure_span(quote, "9%") is None


@pytest.mark.parametrize("prefix, message", [("cca4", "matches several facts"), ("ffff", "no fact with id"),
                                             (HOSTILE, "no fact with id"), ("%", "no fact with id"),
                                             ("_", "no fact with id"), ("", "give a fact id")])
def test_show_errors(prefix, message):
    with pytest.raises(UsageError) as e:
        show(FIXTURE, prefix)
    assert message in str(e.value)


def test_show_reads_the_manifest_and_text_path(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "manifest.toml").write_text(
        '["001_hubei_2024.txt"]\ntitle = "湖北统筹推进“五大工程”"\npublisher = "《新型工业化》杂志"\n'
        'date = 2024-12-15\ndate_basis = "inferred"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rec = show(FIXTURE, "c1cfe192").records[0]
    assert rec["title"] == "湖北统筹推进“五大工程”" and rec["date_basis"] == "inferred"
    # a table that records where its texts are (text_path, relative to the table's folder)
    rows = pq.read_table(FIXTURE).to_pylist()
    for r in rows:
        r["text_path"] = f"texts/{r['source']}"
    table = tmp_path / "t" / "facts.parquet"
    table.parent.mkdir()
    pq.write_table(pa.Table.from_pylist(rows), table)
    (table.parent / "texts").mkdir()
    (table.parent / "texts" / "001_hubei_2024.txt").write_text("…", encoding="utf-8")
    rec = show(table, "c1cfe192").records[0]
    assert rec["document_path"] == str(table.parent / "texts" / "001_hubei_2024.txt")


# ---------------------------------------------------------------------------------------------------- sql


def test_sql_select_and_friends():
    res = sql(FIXTURE, "SELECT province, count(*) AS n FROM facts GROUP BY province ORDER BY province")
    assert res.fields == ["province", "n"]
    assert {r["province"]: r["n"] for r in res.records} == {"全国": 1, "江西": 2, "湖北": 30, "湖南": 4}
    for statement in ["DESCRIBE facts", "SHOW TABLES", "SUMMARIZE facts", "EXPLAIN SELECT * FROM facts",
                      "WITH t AS (SELECT value FROM facts) SELECT max(value) FROM t", "FROM facts LIMIT 1",
                      "SELECT 1;", "  select count(*) from facts  "]:
        assert sql(FIXTURE, statement).fields, statement
    assert sql(FIXTURE, "SELECT 1 AS a, 2 AS a").fields == ["a", "a_2"]


@pytest.mark.parametrize("statement", [
    "COPY facts TO '{tmp}/x.csv'",
    "COPY (SELECT 1) TO '{tmp}/x.csv'",
    "ATTACH '{tmp}/x.db' AS x",
    "CREATE TABLE t AS SELECT * FROM facts",
    "CREATE VIEW v AS SELECT 1",
    "INSERT INTO facts SELECT * FROM facts",
    "DELETE FROM facts",
    "UPDATE facts SET value = 0",
    "DROP TABLE facts",
    "SELECT 1; SELECT 2",
    "SELECT 1; COPY facts TO '{tmp}/x.csv'",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "PRAGMA version",
    "CALL pragma_version()",
    "INSTALL httpfs",
    "LOAD httpfs",
    "EXPLAIN ANALYZE COPY facts TO '{tmp}/x.csv'",
    "EXPORT DATABASE '{tmp}/dump'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM '/etc/hostname'",
    "SELECT * FROM read_parquet('{fixture}')",
    "SELECT * FROM glob('/*')",
    "",
    "SELEC 1",
])
def test_sql_is_read_only(statement, tmp_path):
    before = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    with pytest.raises(UsageError):
        sql(FIXTURE, statement.format(tmp=tmp_path, fixture=FIXTURE))
    assert list(tmp_path.iterdir()) == []
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == before


def test_sql_error_is_one_line():
    with pytest.raises(UsageError) as e:
        sql(FIXTURE, "SELECT nope FROM facts")
    assert "\n" not in str(e.value) and "nope" in str(e.value)


# ---------------------------------------------------------------------------------------------------- the data file


def test_no_data_file(tmp_path):
    missing = tmp_path / "none.parquet"
    with pytest.raises(DataError) as e:
        compare(missing, GVA)
    assert str(e.value) == f"no data file at {missing} (check the path, or build it: indcli ingest DOCS --out {missing})"
    with pytest.raises(DataError):
        metrics(tmp_path)  # a folder


def test_default_data_is_the_env_var(data):
    assert metrics(None).records


def test_unreadable_and_foreign_files(tmp_path):
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet", encoding="utf-8")
    with pytest.raises(DataError) as e:
        metrics(junk)
    assert "not a readable Parquet file" in str(e.value)
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"a": [1]}), other)
    with pytest.raises(DataError) as e:
        metrics(other)
    assert "missing columns" in str(e.value)


def test_a_table_without_the_optional_columns_still_reads(tmp_path):
    from indcli.contract import COLUMNS

    required = [c.name for c in COLUMNS if c.required]
    old = tmp_path / "old.parquet"
    pq.write_table(pq.read_table(FIXTURE).select(required), old)
    res = compare(old, GVA)
    assert by(res.records, province="湖北", period="2016年")[0]["sources"] == 2
    assert show(old, "c1cfe192").records[0]["figure_text"] is None


def test_connect_binds_the_path_not_sql(tmp_path):
    odd = tmp_path / "it's a \"quote\"; DROP.parquet"
    odd.write_bytes(FIXTURE.read_bytes())
    con = connect(odd)
    assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 37
    con.close()


# ---------------------------------------------------------------------------------------------------- CliRunner

runner = CliRunner()
COMMANDS = [
    ["compare", "--metric", "规上工业增加值"],
    ["compare", "-m", "規上工業增加值", "-p", "hubei", "-p", "湘", "--measure", "growth", "--kind", "actual",
     "--from", "2016", "--to", "2024", "--lang", "en"],
    ["targets", "hubei"],
    ["targets", "Hunan", "--forecasts", "--lang", "en"],
    ["metrics"],
    ["metrics", "增加值"],
    ["show", "c1cfe192"],
    ["sql", "SELECT province, count(*) AS n FROM facts GROUP BY 1 ORDER BY 1"],
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_in_every_format(args, fmt):
    r = runner.invoke(app, [*args, "--format", fmt, "--data", str(FIXTURE)])
    assert r.exit_code == 0, (r.stdout, r.stderr, r.exception)
    out = r.stdout
    assert out.strip() and "\x1b[" not in out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and all(None not in row for row in rows)
    elif fmt == "tsv":
        lines = out.splitlines()
        assert len(lines) >= 2 and len({len(line.split("\t")) for line in lines}) == 1
    elif fmt == "json":
        assert isinstance(json.loads(out), list) and json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "markdown":
        assert "| --- |" not in out and "|---" in out
    else:
        assert "─" in out


def test_cli_default_is_csv_when_not_a_terminal():
    r = runner.invoke(app, ["compare", "--metric", "规上工业增加值", "--data", str(FIXTURE)])
    assert r.exit_code == 0
    assert r.stdout.startswith("metric,metric_en,province,measure,period")
    assert "江西" in r.stderr  # the notes, apart from the data


def test_cli_env_var_data(data):
    r = runner.invoke(app, ["targets", "hubei", "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["province"] == "湖北"


def test_cli_bom_and_raw():
    r = runner.invoke(app, ["sql", "SELECT '=1+2' AS f, '湖北' AS p", "--bom", "--data", str(FIXTURE)])
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbff,p\n") and "'=1+2,湖北" in r.stdout
    r = runner.invoke(app, ["sql", "SELECT '=1+2' AS f", "--raw", "-f", "csv", "--data", str(FIXTURE)])
    assert r.stdout == "f\n=1+2\n"


def test_cli_chart():
    r = runner.invoke(app, ["compare", "-m", GVA, "--chart", "-f", "table", "--data", str(FIXTURE)])
    assert r.exit_code == 0 and "█" in r.stdout


def test_chart_with_stdout_redirected_goes_to_stderr(tmp_path):
    with open(tmp_path / "out.csv", "wb") as f:
        p = subprocess.run([sys.executable, "-m", "indcli.cli", "compare", "-m", GVA, "--chart"], stdout=f,
                           stderr=subprocess.PIPE, env={**os.environ, "INDCLI_DATA": str(FIXTURE)}, timeout=60)
    assert p.returncode == 0, p.stderr.decode()
    data = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert data.startswith("metric,") and "█" not in data
    assert "█".encode() in p.stderr and "规模以上工业增加值 · 增速".encode() in p.stderr


def test_cli_sql_from_stdin():
    r = runner.invoke(app, ["sql", "-", "-f", "csv", "--data", str(FIXTURE)], input="SELECT 42 AS answer")
    assert r.stdout == "answer\n42\n"


@pytest.mark.parametrize("command", ["compare", "targets", "metrics", "show", "sql"])
def test_help_has_an_example(command):
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example:" in r.stdout and f"indcli {command}" in r.stdout
    for option in ("--format", "--data", "--bom", "--raw"):
        assert option in r.stdout


# ---------------------------------------------------------------------------------------------------- main(): exit codes


def run_main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["indcli", *args])
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code or 0
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args, words", [
    (["compare", "--metric", "规上工业增加值", "--province", "hubie"], ["unknown province 'hubie'", "湖北 (Hubei)"]),
    (["targets", "hunen"], ["unknown province 'hunen'", "湖南 (Hunan)"]),
    (["compare", "--metric", "规上工业增加"], ["unknown metric '规上工业增加'", "did you mean", GVA]),
    (["compare", "--metric", "valu added of industry above designated size"], ["did you mean", GVA]),
    (["compare", "--metric", HOSTILE], ["unknown metric"]),
    (["compare", "--metric", GVA, "--province", HOSTILE], ["unknown province"]),
    (["targets", HOSTILE], ["unknown province"]),
    (["targets", "hubei", "--metric", HOSTILE], ["unknown metric"]),
    (["show", HOSTILE], ["no fact with id"]),
    (["metrics", HOSTILE], ["no metric matches"]),
    (["sql", "COPY facts TO '/tmp/indcli-should-not-exist.csv'"], ["COPY statements are not allowed"]),
    (["compare", "--metric", GVA, "--from", "2020", "--to", "2019"], ["--from 2020 is after --to 2019"]),
    (["compare", "--metric", GVA, "--measure", "speed"], ["speed"]),
    (["compare", "--metric", GVA, "--format", "xml"], ["xml"]),
    (["compare"], ["--metric"]),
])
def test_usage_errors_exit_2_with_nothing_on_stdout(monkeypatch, capsys, data, args, words):
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    for w in words:
        assert w in err
    assert not Path("/tmp/indcli-should-not-exist.csv").exists()


def test_missing_data_exits_1(monkeypatch, capsys, isolated_data):
    code, out, err = run_main(monkeypatch, capsys, "compare", "--metric", GVA)
    assert (code, out) == (1, "")
    assert err == (f"indcli: error: no data file at {isolated_data} (build it with `indcli ingest DOCS --out "
                   f"{isolated_data}`, or unset INDCLI_DATA to read the default table)\n")


def test_main_success(monkeypatch, capsys, data):
    code, out, err = run_main(monkeypatch, capsys, "targets", "鄂", "-f", "jsonl")
    assert code == 0 and len(out.splitlines()) == 7  # 6 targets, one stated with two values
    assert err.startswith("note: ≠ conflict, 湖北 算力规模") and err.count("\n") == 1  # notes apart from the data


# ---------------------------------------------------------------------------------------------------- subprocesses


def indcli(*args, cwd=None, env=None, input=None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "INDCLI_DATA": str(FIXTURE), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "indcli.cli", *args], capture_output=True, cwd=cwd, env=full_env,
                          input=input, timeout=60)


def test_pipe_compare_user_example_into_csv_reader(tmp_path):
    p = indcli("compare", "--metric", "规上工业增加值", cwd=tmp_path)
    assert p.returncode == 0, p.stderr.decode()
    text = p.stdout.decode("utf-8")
    assert "\x1b" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    growth = [(r["province"], r["period"], r["kind"], r["display"]) for r in rows if r["measure"] == "growth"]
    for expected in [("湖北", "2016年", "actual", "8%"), ("湖北", "2020年", "actual", "-6.1%"),
                     ("湖北", "2024年1—11月", "actual", "7.7%"), ("湖南", "2019年1—11月", "actual", "8.3%"),
                     ("湖南", "2020年", "target", "≥7.5%")]:
        assert expected in growth
    assert {r["period"] for r in rows if r["province"] == "湖北" and r["measure"] == "growth"} >= {
        "2016年", "2017年", "2018年", "2019年", "2020年", "2024年1—11月"}
    assert "note: 江西" in p.stderr.decode()


def test_pipe_targets_hubei():
    p = indcli("targets", "hubei")
    assert p.returncode == 0
    rows = list(csv.DictReader(io.StringIO(p.stdout.decode())))
    assert {r["metric"] for r in rows} >= {"新一代信息技术产业营业收入", "5G基站", "算力规模"}
    assert next(r for r in rows if r["metric"] == "5G基站")["attainment"] == "✓ 122%"


def test_subprocess_from_another_folder_with_data_option(tmp_path):
    p = indcli("metrics", "--data", str(FIXTURE), "-f", "json", cwd=tmp_path, env={"INDCLI_DATA": ""})
    assert p.returncode == 0 and json.loads(p.stdout)[0]["metric"] == GVA


def test_subprocess_errors(tmp_path):
    p = indcli("compare", "--metric", "规上工业增加", cwd=tmp_path)
    assert p.returncode == 2 and p.stdout == b""
    assert b"did you mean" in p.stderr and GVA.encode() in p.stderr and b"Traceback" not in p.stderr
    p = indcli("targets", "hubie")
    assert p.returncode == 2 and p.stdout == b"" and "湖北 (Hubei)".encode() in p.stderr
    missing = tmp_path / "nothing.parquet"
    p = indcli("targets", "hubei", env={"INDCLI_DATA": str(missing)})
    assert p.returncode == 1 and p.stdout == b""
    assert p.stderr.decode().startswith(f"indcli: error: no data file at {missing} (build it with `indcli ingest")


def test_subprocess_bom():
    p = indcli("compare", "-m", GVA, "--bom")
    assert p.stdout.startswith(b"\xef\xbb\xbfmetric,")
    assert "规模以上工业增加值".encode() in p.stdout


def test_head_closes_the_pipe_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "indcli.cli", "sql", "SELECT range AS n, 'x' || range AS s "
                             "FROM range(300000)"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "INDCLI_DATA": str(FIXTURE)})
    assert proc.stdout.readline() == b"n,s\n"
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("no_color", [True, False])
def test_terminal_gets_a_table(no_color):
    master, slave = os.openpty()
    env = {**os.environ, "INDCLI_DATA": str(FIXTURE), "COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "indcli.cli", "compare", "--metric", GVA], stdout=slave,
                            stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    out = b"".join(chunks).decode("utf-8")
    assert "─" in out and "≥7.5%" in out and "metric,metric_en" not in out
    colour = any(code in out for code in ("\x1b[31m", "\x1b[1;31m", "\x1b[36m", "\x1b[2m"))
    assert "\x1b[31m" not in out and "\x1b[36m" not in out if no_color else colour


def test_a_large_table_is_merged_in_duckdb_with_the_same_answers(monkeypatch):
    """Above ROW_LIMIT rows, facts are merged in DuckDB first: the cells, counts and progress stay the same."""
    import indcli.query as q

    small_compare = compare(FIXTURE, GVA)
    small_targets = targets(FIXTURE, "hubei")
    small_show = [show(FIXTURE, "d0562a4").records, show(FIXTURE, "add2a89").records]
    small_metrics = metrics(FIXTURE).records
    monkeypatch.setattr(q, "ROW_LIMIT", 0)
    monkeypatch.setattr(q, "SMALL_FILE", 0)
    assert [show(FIXTURE, "d0562a4").records, show(FIXTURE, "add2a89").records] == small_show
    assert metrics(FIXTURE).records == small_metrics
    with pytest.raises(UsageError, match="matches several facts"):
        show(FIXTURE, "cca4")
    keys = ("province", "period", "kind", "scope", "display", "sources", "conflict")
    assert [[r[k] for k in keys] for r in compare(FIXTURE, GVA).records] == [
        [r[k] for k in keys] for r in small_compare.records]
    keys = ("metric", "target", "actual", "gap", "needed", "status", "sources")
    assert [[r[k] for k in keys] for r in targets(FIXTURE, "hubei").records] == [
        [r[k] for k in keys] for r in small_targets.records]
