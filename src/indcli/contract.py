"""The data contract of ``indicators.parquet``, written once: the writer, the README table and the tests read it."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    """One column of the facts table: name, Arrow type, whether the issue requires it, and its meaning."""

    name: str
    type: pa.DataType
    required: bool
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("fact_id", pa.string(), True, "stable id: the same input always gives the same id"),
    Column("province", pa.string(), True, "short Chinese name (江西, 湖北, 湖南 …); 全国 for national figures"),
    Column("metric", pa.string(), True, "canonical Chinese indicator name, e.g. 规模以上工业增加值"),
    Column("metric_raw", pa.string(), True, "the name as written in the source"),
    Column("measure", pa.string(), True, "level, growth, cagr, share, rank or diff"),
    Column("value", pa.float64(), True, "the number in the canonical unit"),
    Column("unit", pa.string(), True, "元 (money in yuan), %, 百分点, 位 (rank), 倍, PFLOPS or a count classifier (家, 个 …)"),
    Column("comparator", pa.string(), True, "=, ~ (约/左右/多/余), > (超/突破/过), >= (以上), <, <="),
    Column("period_start", pa.date32(), True, "first day of the first month covered"),
    Column("period_end", pa.date32(), True, "last day of the last month covered"),
    Column("period_label", pa.string(), True, "the period as a person reads it: 2024年1—11月"),
    Column("kind", pa.string(), True, "actual, target or forecast"),
    Column("source", pa.string(), True, "the document's file name"),
    Column("line", pa.int32(), True, "1-based line of the figure in the source file"),
    Column("quote", pa.string(), True, "the sentence or clause stating the fact: an exact substring of the source file"),
    Column("mentions", pa.int32(), True, "how many times this document states the fact"),
    Column("metric_en", pa.string(), False, "English gloss of the metric"),
    Column("city", pa.string(), False, "the city or county the figure is about, when it is not province-wide"),
    Column("scope", pa.string(), False, "what a rank or diff is measured against (全国, 中部, 工业大省 …)"),
    Column("province_method", pa.string(), False, "how the province was decided: document, section, gazetteer:<place>, subject, duplicate, continuation, block"),
    Column("doc_date", pa.date32(), False, "the document's date (manifest, --date, or inferred from the text)"),
    Column("char_start", pa.int32(), False, "0-based offset of the quote in the source text (characters)"),
    Column("char_end", pa.int32(), False, "end offset (exclusive) of the quote in the source text"),
    Column("figure_text", pa.string(), False, "the figure exactly as written, e.g. 1.3万亿元"),
    Column("continued_from_line", pa.int32(), False, "for a sentence broken by the layout: the line where it starts"),
    Column("text_path", pa.string(), False, "the text the quote points into, relative to the table's folder (the source "
           "file, or for HTML/PDF/Word a UTF-8 copy kept in <table>.texts/)"),
)

SCHEMA = pa.schema([pa.field(c.name, c.type) for c in COLUMNS])
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def markdown_table() -> str:
    """The README's table of columns, generated so it can never drift from the code."""
    rows = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        rows.append(f"| {c.name} | {c.type} | {'yes' if c.required else ''} | {c.meaning} |")
    return "\n".join(rows)
