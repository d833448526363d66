"""The one render module: value formatting, every output format, CSV safety, highlighting, charts, light imports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date

import pytest

from indcli.render import (
    FORMATS,
    Bar,
    Cell,
    Chart,
    Result,
    Table,
    bar,
    chart_lines,
    default_format,
    format_value,
    neutralise,
    output,
    render,
    text_width,
)


@pytest.mark.parametrize("value, unit, comparator, expected", [
    (1.3e12, "元", "=", "1.3万亿元"),
    (9e11, "元", "~", "约9000亿元"),
    (4.58e11, "元", ">", ">4580亿元"),
    (3.5e6, "元", "=", "350万元"),
    (7.5, "%", ">=", "≥7.5%"),
    (-6.1, "%", "=", "-6.1%"),
    (8.0, "%", "=", "8%"),
    (1.9, "百分点", "=", "1.9个百分点"),
    (7, "位", "=", "第7位"),
    (1.08, "倍", "=", "1.08倍"),
    (12000, "PFLOPS", ">", ">12000 PFLOPS"),
    (163800, "个", "=", "16.38万个"),
    (12727, "家", "=", "12727家"),
    (20, "个", "<=", "≤20个"),
    (5, "个", "<", "<5个"),
])
def test_format_value_zh(value, unit, comparator, expected):
    assert format_value(value, unit, comparator) == expected


@pytest.mark.parametrize("value, unit, comparator, expected", [
    (1.3e12, "元", "=", "¥1.3tn"),
    (9e11, "元", "~", "~¥900bn"),
    (7.5, "%", ">=", "≥7.5%"),
    (7, "位", "=", "#7"),
    (1.9, "百分点", "=", "1.9pp"),
    (20000, "家", ">", ">20,000"),
    (3, "台(套)", "=", "3 台(套)"),
])
def test_format_value_en(value, unit, comparator, expected):
    assert format_value(value, unit, comparator, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("湖北", "湖北"), ("7.7%", "7.7%"), ("-6.1%", "-6.1%"), ("-6.1", "-6.1"), ("+1.5", "+1.5"),
    ("=", "="), ("", ""), ("a=b", "a=b"),
])
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def sample() -> Result:
    """A result with the awkward cases: Chinese, a formula-like text, a pipe, a newline, a null, a date, a list."""
    records = [
        {"province": "湖北", "value": 7.7, "display": "7.7%", "period_start": date(2024, 1, 1), "note": "=HYPERLINK(1)",
         "sources": 2, "conflict": False, "ids": ["a", "b"]},
        {"province": "湖南", "value": -6.1, "display": "-6.1%", "period_start": date(2020, 1, 1), "note": "a|b\nc",
         "sources": 1, "conflict": True, "ids": []},
        {"province": "江西", "value": None, "display": "—", "period_start": None, "note": "@x\tz", "sources": 0,
         "conflict": None, "ids": ["c"]},
    ]
    fields = list(records[0])
    table = Table("规模以上工业增加值 · 增速 (%)", ["期间", "湖北", "湖南"],
                  [[Cell("2024年1—11月"), Cell("7.7% ×2"), Cell("—", "missing")],
                   [Cell("2020年"), Cell("7.1% ≠ 7.3%", "conflict"), Cell("≥7.5%", "target")],
                   [Cell("quote"), Cell("全省增长7.7%，高于全国", mark=(4, 8)), Cell("a|b")]],
                  right=frozenset({1, 2}), row_styles=["", "target", ""])
    chart = Chart("增速", [Bar("2024年", "湖北", 7.7, "7.7%"), Bar("2020年", "湖北", -6.1, "-6.1%"),
                          Bar("2020年", "湖南", 7.5, "≥7.5%", "target")])
    return Result(fields, records, [table], notes=["a note"], charts=[chart], footer=["a legend"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_the_records_or_tables(fmt):
    text = render(sample(), fmt)
    assert text.endswith("\n")
    assert "\x1b[" not in text  # never colour unless a terminal
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["province"] for r in rows] == ["湖北", "湖南", "江西"]
        assert rows[0]["value"] == "7.7" and rows[1]["value"] == "-6.1" and rows[2]["value"] == ""
        assert rows[0]["period_start"] == "2024-01-01" and rows[0]["conflict"] == "false"
        assert rows[0]["note"] == "'=HYPERLINK(1)" and rows[2]["note"] == "'@x\tz"
        assert rows[1]["display"] == "-6.1%" and rows[1]["note"] == "a|b\nc"
        assert rows[0]["ids"] == "a; b"
        assert "a note" not in text and "a legend" not in text
    elif fmt == "tsv":
        lines = text.splitlines()
        assert len(lines) == 4 and all(len(line.split("\t")) == len(sample().fields) for line in lines)
        assert lines[2].split("\t")[4] == "a|b c"
    elif fmt == "json":
        data = json.loads(text)
        assert data[0]["province"] == "湖北" and data[0]["value"] == 7.7 and data[0]["period_start"] == "2024-01-01"
        assert data[0]["note"] == "=HYPERLINK(1)"  # JSON is data, not a spreadsheet: never altered
        assert data[2]["value"] is None and data[1]["conflict"] is True and data[0]["ids"] == ["a", "b"]
    elif fmt == "jsonl":
        data = [json.loads(line) for line in text.splitlines()]
        assert [d["province"] for d in data] == ["湖北", "湖南", "江西"]
    elif fmt == "markdown":
        assert "### 规模以上工业增加值 · 增速 (%)" in text
        assert "| 期间 | 湖北 | 湖南 |" in text and "|---|---:|---:|" in text
        assert "a\\|b" in text and "全省增长**7.7%**，高于全国" in text
        assert "- a legend" in text and "- a note" in text
    else:
        assert "规模以上工业增加值 · 增速 (%)" in text and "7.1% ≠ 7.3%" in text and "≥7.5%" in text
        assert "全省增长【7.7%】，高于全国" in text  # the highlight without styles
        assert "a legend" in text and "a note" in text


def test_raw_keeps_cells_as_stored():
    rows = list(csv.DictReader(io.StringIO(render(sample(), "csv", raw=True))))
    assert rows[0]["note"] == "=HYPERLINK(1)"
    assert render(sample(), "tsv", raw=True).splitlines()[1].split("\t")[4] == "=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_bom(fmt):
    text = render(sample(), fmt, bom=True)
    assert text.startswith("\ufeffprovince")
    assert not render(sample(), fmt).startswith("\ufeff")


def test_terminal_table_is_styled_and_no_color_drops_colour(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render(sample(), "table", terminal=True, width=100)
    assert "\x1b[" in coloured and "【" not in coloured
    assert "\x1b[31m" in coloured or "\x1b[1;31m" in coloured  # the conflict in red
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render(sample(), "table", terminal=True, width=100)
    assert "\x1b[31m" not in plain and "\x1b[36m" not in plain and "\x1b[1;31m" not in plain
    assert "\x1b[1;7m" in plain or "\x1b[7m" in plain or "\x1b[1m" in plain  # bold/reverse stay: no colour needed


def test_output_puts_notes_on_stderr_for_machine_formats():
    out, err = io.StringIO(), io.StringIO()
    output(sample(), "csv", stdout=out, stderr=err)
    assert out.getvalue().startswith("province,")
    assert err.getvalue() == "note: a note\n"
    out, err = io.StringIO(), io.StringIO()
    output(sample(), "table", stdout=out, stderr=err)
    assert "a note" in out.getvalue() and err.getvalue() == ""


def test_output_default_format_follows_the_stream():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert default_format(io.StringIO()) == "csv"
    assert default_format(Tty()) == "table"
    assert default_format(Tty(), bom=True) == "csv"
    out = io.StringIO()
    output(sample(), None, stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("province,")


def test_chart_beside_machine_data_goes_to_stderr():
    """`indcli compare … --chart > file.csv` is no error: the data to the file, the chart to the person."""
    result = sample()
    result.charts = [Chart("增速", [Bar("2019年", "湖北", 7.8, "7.8%")])]
    out, err = io.StringIO(), io.StringIO()
    output(result, "csv", chart=True, stdout=out, stderr=err)
    assert "█" not in out.getvalue() and out.getvalue().startswith(",".join(result.fields))
    assert "增速" in err.getvalue() and "█" in err.getvalue()


def test_chart_lines():
    lines = [line for line, _ in chart_lines(sample().charts, 80)]
    assert lines[0] == "增速"
    assert any("湖北" in line and "█" in line and line.endswith("7.7%") for line in lines)
    negative = next(line for line in lines if line.endswith("-6.1%"))
    assert "░" in negative and "█" not in negative
    assert bar(8, 8, 10) == "█" * 10 and bar(4, 8, 10) == "█" * 5 and bar(0, 8, 10) == ""
    md = render(sample(), "markdown", chart=True)
    assert "```" in md and "░" in md
    assert "░" in render(sample(), "table", chart=True)


def test_text_width_counts_wide_characters_twice():
    assert text_width("湖北") == 4 and text_width("Hubei") == 5 and text_width("2024年1—11月") == 12


def test_write_survives_a_non_utf8_stream():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    output(sample(), "csv", stdout=stream, stderr=io.StringIO())
    assert raw.getvalue().decode("utf-8").startswith("province,")
    assert "湖北".encode() in raw.getvalue()


@pytest.mark.parametrize("module, banned", [
    ("indcli", ("typer", "rich", "duckdb")),
    ("indcli.render", ("rich", "duckdb", "typer")),
    ("indcli.query", ("rich", "duckdb", "typer")),
    ("indcli.names", ("rich", "duckdb", "typer")),
    ("indcli.cli", ("rich", "duckdb", "pyarrow")),
])
def test_imports_stay_light(module, banned):
    code = f"import sys, {module}; print(' '.join(m for m in {banned!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"{module} imports {out}"


def test_a_move_in_a_ranking_reads_as_places_not_as_a_rank():
    from indcli.render import format_value

    assert format_value(7, "位", "=", "zh", "diff") == "+7位"
    assert format_value(-2, "位", "=", "en", "diff") == "-2 places"
    assert format_value(7, "位", "=", "zh", "rank") == "第7位"
