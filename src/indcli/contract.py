"""The data contract of ``indicators.parquet``, written once: the writer, the README table and the tests read it."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class Column(NamedTuple):
    """One column of the facts table: name, Arrow type name, whether the issue requires it, and its meaning.

    Types are names (string, float64, date32, int32) so that reading the contract never imports pyarrow.
    """

    name: str
    type: str
    required: bool
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("fact_id", "string", True, "stable id: the same input always gives the same id"),
    Column("province", "string", True, "short Chinese name (江西, 湖北, 湖南 …); 全国 for national figures"),
    Column("metric", "string", True, "canonical Chinese indicator name, e.g. 规模以上工业增加值"),
    Column("metric_raw", "string", True, "the name as written in the source"),
    Column("measure", "string", True, "level, growth, cagr, share, rank or diff"),
    Column("value", "float64", True, "the number in the canonical unit"),
    Column("unit", "string", True, "元 (money in yuan), %, 百分点, 位 (rank), 倍, PFLOPS or a count classifier (家, 个 …)"),
    Column("comparator", "string", True, "=, ~ (约/左右/多/余), > (超/突破/过), >= (以上), <, <="),
    Column("period_start", "date32", True, "first day of the first month covered"),
    Column("period_end", "date32", True, "last day of the last month covered"),
    Column("period_label", "string", True, "the period as a person reads it: 2024年1—11月"),
    Column("kind", "string", True, "actual, target or forecast"),
    Column("source", "string", True, "the document's file name (with its folder when another document in the table "
           "has the same name: b/report.txt)"),
    Column("line", "int32", True, "1-based line of the figure in the source file"),
    Column("quote", "string", True, "the sentence or clause stating the fact: an exact substring of the source file"),
    Column("mentions", "int32", True, "how many times this document states the fact"),
    Column("metric_en", "string", False, "English gloss of the metric"),
    Column("city", "string", False, "the city or county the figure is about, when it is not province-wide"),
    Column("scope", "string", False, "what a rank or diff is measured against (全国, 中部, 工业大省 …)"),
    Column("province_method", "string", False, "how the province was decided: document, section, gazetteer:<place>, subject, duplicate, continuation, block"),
    Column("doc_date", "date32", False, "the document's date (manifest, --date, or inferred from the text)"),
    Column("char_start", "int32", False, "0-based offset of the quote in the source text (characters)"),
    Column("char_end", "int32", False, "end offset (exclusive) of the quote in the source text"),
    Column("figure_text", "string", False, "the figure exactly as written, e.g. 1.3万亿元"),
    Column("continued_from_line", "int32", False, "for a sentence broken by the layout: the line where it starts"),
    Column("text_path", "string", False, "the text the quote points into, relative to the table's folder (the source "
           "file, or for HTML/PDF/Word a UTF-8 copy kept in <table>.texts/)"),
    Column("source_path", "string", False, "the document's resolved path relative to the table's folder: its identity, "
           "so --append replaces the rows of this file and of no other with the same name"),
    Column("source_sha256", "string", False, "SHA-256 of the document's bytes as ingested: tells a document that "
           "changed or moved"),
)

COLUMN_NAMES = tuple(c.name for c in COLUMNS)


@lru_cache(maxsize=1)
def arrow_schema():
    """The Arrow schema of the table (imports pyarrow on first use)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, getattr(pa, c.type)()) for c in COLUMNS])


def __getattr__(name: str):
    if name == "SCHEMA":  # kept as an attribute for callers that want the schema object
        return arrow_schema()
    raise AttributeError(name)


def markdown_table() -> str:
    """The README's table of columns, generated so it can never drift from the code."""
    rows = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        rows.append(f"| {c.name} | {c.type} | {'yes' if c.required else ''} | {c.meaning} |")
    return "\n".join(rows)
