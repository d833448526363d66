"""One renderer for every command and every format: table (rich), csv, tsv, json, jsonl, markdown, and charts.

A query returns a :class:`Result`: ``records`` (typed values, one dict per row, the machine view written by csv,
tsv, json and jsonl) and ``tables`` (display cells, the human view drawn by table and markdown), plus notes and
optional charts. Notes go below the tables in the human formats and to stderr in the machine ones, so piped data
stays clean. Value formatting (亿元, ≥7.5%, 约9000亿元, 第7位) lives here too.

rich is imported only when a table is drawn; this module imports nothing heavy at load time.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import sys
import unicodedata
from datetime import date, datetime
from numbers import Number
from typing import Any, NamedTuple, TextIO

from .errors import UsageError

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")
MACHINE = frozenset({"csv", "tsv", "json", "jsonl"})


# ---------------------------------------------------------------------------------------------------- the model


class Cell(NamedTuple):
    """A display cell. ``style`` is semantic (target, forecast, conflict, missing, dim, good, bad, key);
    ``mark`` is a [start, end) span of ``text`` to highlight (a figure inside its quote)."""

    text: str
    style: str = ""
    mark: tuple[int, int] | None = None


class Table(NamedTuple):
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    right: frozenset[int] = frozenset()  # column indexes aligned right (numbers)
    row_styles: list[str] | None = None
    nowrap: frozenset[int] = frozenset()  # columns as wide as their longest line on a terminal: the others wrap
    wide: bool = False  # drawn as wide as its content, however narrow the terminal (targets --wide)


class Bar(NamedTuple):
    group: str  # the period (and kind) the bar belongs to
    label: str  # the province
    value: float
    text: str  # the value as displayed
    style: str = ""


class Chart(NamedTuple):
    title: str
    bars: list[Bar]


class Result:
    """A query's answer: ``records`` (typed values, the machine view) under ``fields``, ``tables`` (display
    cells), ``notes`` (below the tables; on stderr in machine formats), ``charts`` and ``footer`` (legends and
    counts: human formats only). A plain class: a dataclass costs more to define than it saves."""

    def __init__(self, fields: list[str], records: list[dict[str, Any]], tables: list[Table],
                 notes: list[str] | None = None, charts: list[Chart] | None = None,
                 footer: list[str] | None = None) -> None:
        self.fields, self.records, self.tables = fields, records, tables
        self.notes, self.charts, self.footer = notes or [], charts or [], footer or []

    def shown_notes(self, limit: int = 12) -> list[str]:
        """The notes to print: at most ``limit``, then one line saying how many more there are."""
        if len(self.notes) <= limit:
            return self.notes
        return [*self.notes[:limit], f"… and {len(self.notes) - limit} more notes (use --format json to see all)"]


# ---------------------------------------------------------------------------------------------------- values

COMPARATOR_ZH = {"=": "", "~": "约", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}
COMPARATOR_EN = {"=": "", "~": "~", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def trim(x: float, places: int = 4) -> str:
    """A number with up to ``places`` decimals, trailing zeros dropped: 8.0 → '8', 7.70 → '7.7'."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return str(x)
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def money_unit(value: float, lang: str = "zh") -> str:
    """The unit a money amount is shown in: 万亿元, 亿元, 万元 or 元 (tn/bn/m yuan in English)."""
    a = abs(value)
    if lang == "en":
        return "tn yuan" if a >= 1e12 else "bn yuan" if a >= 1e9 else "m yuan" if a >= 1e6 else "yuan"
    return "万亿元" if a >= 1e12 else "亿元" if a >= 1e8 else "万元" if a >= 1e4 else "元"


def display_unit(value: float, unit: str, lang: str = "zh") -> str:
    """The unit named in a table header for a value: money scaled (亿元), the rest as stored."""
    if unit == "元":
        return money_unit(value, lang)
    if lang == "en":
        return {"百分点": "pp", "位": "rank", "倍": "times"}.get(unit, unit)
    return unit


def format_value(value: float, unit: str, comparator: str = "=", lang: str = "zh", measure: str = "") -> str:
    """A figure as a reader expects it: 1.3e12 元 → 1.3万亿元, '~' 9e11 元 → 约9000亿元, '>=' 7.5 % → ≥7.5%,
    7 位 → 第7位 (a move in a ranking, diff in 位: +7位), 163800 个 → 16.38万个. English: ¥1.3tn, ~¥900bn, #7,
    1.9pp, +7 places."""
    cmp = (COMPARATOR_EN if lang == "en" else COMPARATOR_ZH).get(comparator or "=", comparator or "")
    if value is None:
        return "—"
    if unit == "位" and measure == "diff":
        return f"{cmp}{value:+g} places" if lang == "en" else f"{cmp}{value:+g}位"
    if unit == "元":
        if lang == "en":
            a = abs(value)
            for factor, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
                if a >= factor:
                    return f"{cmp}¥{trim(value / factor)}{word}"
            return f"{cmp}¥{trim(value)}"
        from .numbers import format_money

        return f"{cmp}{format_money(value)}"
    if unit == "%":
        return f"{cmp}{trim(value)}%"
    if unit == "百分点":
        return f"{cmp}{trim(value)}pp" if lang == "en" else f"{cmp}{trim(value)}个百分点"
    if unit == "位":
        return f"{cmp}#{trim(value)}" if lang == "en" else f"{cmp}第{trim(value)}位"
    if unit == "倍":
        return f"{cmp}{trim(value)}×" if lang == "en" else f"{cmp}{trim(value)}倍"
    if unit and re.fullmatch(r"[A-Za-z]+", unit):  # PFLOPS and other Latin units: a space before the unit
        return f"{cmp}{trim(value)} {unit}"
    # counts: 家, 个, 人 … (10万 and above in 万, as Chinese texts write them)
    if lang == "en":  # a classifier (家, 个, 项) is dropped in English; a measuring unit (万千瓦, 台(套)) is kept
        n = f"{value:,.0f}" if value == int(value) else trim(value)
        return f"{cmp}{n}" + ("" if len(unit) <= 1 else f" {unit}")
    if abs(value) >= 1e5:
        return f"{cmp}{trim(value / 1e4)}万{unit}"
    return f"{cmp}{trim(value)}{unit}"


# ---------------------------------------------------------------------------------------------------- output


def default_format(stream: TextIO | None = None, bom: bool = False) -> str:
    """table when the stream is a terminal, csv when it is piped or redirected (and whenever --bom is asked for)."""
    stream = stream or sys.stdout
    if bom:
        return "csv"
    try:
        return "table" if stream.isatty() else "csv"
    except (AttributeError, ValueError):
        return "csv"


def output(result: Result, fmt: str | None = None, *, bom: bool = False, raw: bool = False, chart: bool = False,
           stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
    """Render ``result`` and write it to stdout (flushed); in machine formats the notes go to stderr."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    fmt = (fmt or default_format(out, bom)).lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
    terminal = _isatty(out)
    text = render(result, fmt, bom=bom, raw=raw, chart=chart and fmt not in MACHINE, terminal=terminal)
    write(text, out)
    if chart and fmt in MACHINE and result.charts:  # the data goes to a file or a pipe, the chart to the person
        write(charts_text(result.charts, terminal=_isatty(err)), err)
    if fmt in MACHINE and result.notes:
        err.write("".join(f"note: {n}\n" for n in result.shown_notes()))
        err.flush()


def render(result: Result, fmt: str, *, bom: bool = False, raw: bool = False, chart: bool = False,
           terminal: bool = False, width: int | None = None) -> str:
    """The text of ``result`` in ``fmt``. ``terminal`` turns on styles (colour unless NO_COLOR)."""
    if fmt == "csv":
        return ("\ufeff" if bom else "") + to_csv(result, raw=raw)
    if fmt == "tsv":
        return ("\ufeff" if bom else "") + to_tsv(result, raw=raw)
    if fmt in ("json", "jsonl"):
        import json
    if fmt == "json":
        return json.dumps([_json_record(r, result.fields) for r in result.records], ensure_ascii=False, indent=2,
                          default=_json_default) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(_json_record(r, result.fields), ensure_ascii=False, default=_json_default) + "\n"
                       for r in result.records)
    if fmt == "markdown":
        return to_markdown(result, chart=chart)
    return to_rich(result, chart=chart, terminal=terminal, width=width)


def write(text: str, stream: TextIO | None = None) -> None:
    """Write and flush, as UTF-8 even when the stream's locale encoding cannot hold Chinese."""
    stream = stream or sys.stdout
    enc = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    buffer = getattr(stream, "buffer", None)
    if enc not in ("utf-8", "utf8") and buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
    stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------------- csv, tsv

_NUMERIC = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?%?")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet would execute (=, +, -, @, tab or CR first) gets a leading apostrophe.

    A plain number such as -6.1 or -6.1% and the bare comparator = are left alone: they cannot execute, and an
    apostrophe would corrupt them for every other reader of the file.
    """
    if text.startswith(_DANGEROUS) and text != "=" and not _NUMERIC.fullmatch(text):
        return "'" + text
    return text


def plain(value: Any) -> str:
    """A value as text for csv/tsv: '' for null, true/false, ISO dates, floats without exponent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        from .numbers import format_number

        return format_number(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(plain(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _cells(record: dict[str, Any], fields: list[str], raw: bool) -> list[str]:
    out = []
    for f in fields:
        v = record.get(f)
        s = plain(v)
        if not raw and not isinstance(v, (Number, date, datetime)) and v is not None:
            s = neutralise(s)
        out.append(s)
    return out


def to_csv(result: Result, *, raw: bool = False, header: bool = True) -> str:
    """RFC 4180 CSV: a header row, then one row per record; no decoration."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(result.fields)
    for r in result.records:
        w.writerow(_cells(r, result.fields, raw))
    return buf.getvalue()


def to_tsv(result: Result, *, raw: bool = False, header: bool = True) -> str:
    """Tab-separated values (IANA): tabs and line breaks inside a value become spaces, no quoting."""

    def clean(s: str) -> str:
        return re.sub(r"[\t\r\n]+", " ", s)

    lines = ["\t".join(clean(f) for f in result.fields)] if header else []
    lines += ["\t".join(clean(c) for c in _cells(r, result.fields, raw)) for r in result.records]
    return "\n".join(lines) + "\n" if lines else ""


STREAMING = frozenset({"csv", "tsv", "jsonl"})


def write_stream(fields: list[str], batches, fmt: str, *, bom: bool = False, raw: bool = False,
                 stdout: TextIO | None = None) -> None:
    """Write rows that arrive in batches (lists of tuples) as csv, tsv or jsonl, batch by batch, so memory
    stays flat however many rows there are."""
    out = stdout or sys.stdout
    first = True
    for batch in batches:
        result = Result(fields, [dict(zip(fields, row, strict=True)) for row in batch], [])
        if fmt == "jsonl":
            text = render(result, "jsonl")
        else:
            text = ("\ufeff" if bom and first else "") + (to_csv if fmt == "csv" else to_tsv)(result, raw=raw,
                                                                                          header=first)
        write(text, out)
        first = False
    if first and fmt != "jsonl":  # no rows: the header alone
        write(("\ufeff" if bom else "") + (to_csv if fmt == "csv" else to_tsv)(Result(fields, [], []), raw=raw), out)


# ---------------------------------------------------------------------------------------------------- json


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Number):  # Decimal from DuckDB sums
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _json_record(record: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    out = {}
    for f in fields:
        v = record.get(f)
        if isinstance(v, float) and not math.isfinite(v):
            v = None
        out[f] = v
    return out


# ---------------------------------------------------------------------------------------------------- markdown


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _md_cell(cell: Cell) -> str:
    text = cell.text
    if cell.mark:
        a, b = cell.mark
        return _md_escape(text[:a]) + "**" + _md_escape(text[a:b]) + "**" + _md_escape(text[b:])
    return _md_escape(text)


def to_markdown(result: Result, *, chart: bool = False) -> str:
    """GitHub-flavoured markdown: a heading and a pipe table per table, the notes as a list."""
    parts: list[str] = []
    for t in result.tables:
        lines = []
        if t.title:
            lines.append(f"### {_md_escape(t.title)}")
            lines.append("")
        lines.append("| " + " | ".join(_md_escape(c) for c in t.columns) + " |")
        lines.append("|" + "|".join("---:" if i in t.right else "---" for i in range(len(t.columns))) + "|")
        for row in t.rows:
            lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        parts.append("\n".join(lines))
    if chart and result.charts:
        parts.append("```\n" + "\n".join(line for line, _style in chart_lines(result.charts, 100)) + "\n```")
    if result.notes or result.footer:
        parts.append("\n".join(f"- {_md_escape(n)}" for n in [*result.footer, *result.shown_notes()]))
    return "\n\n".join(parts) + "\n" if parts else ""


# ---------------------------------------------------------------------------------------------------- rich

STYLES = {
    "target": "cyan",
    "forecast": "magenta",
    "conflict": "bold red",
    "missing": "dim",
    "dim": "dim",
    "good": "green",
    "bad": "red",
    "key": "bold",
}
MARK_STYLE = "bold reverse"
MARK_OPEN, MARK_CLOSE = "【", "】"  # the highlight when styles are off (piped --format table)


def _width(terminal: bool) -> int:
    if terminal:
        import shutil  # only to draw on a terminal

        return shutil.get_terminal_size((120, 24)).columns
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 120


def _column_width(t: Table, i: int) -> int:
    """The longest line in column ``i``, its header included."""
    return max([text_width(t.columns[i])] + [text_width(part) for row in t.rows for part in row[i].text.split("\n")])


def _content_width(t: Table) -> int:
    """The width a table takes when no cell wraps (two cells between columns)."""
    return sum(_column_width(t, i) for i in range(len(t.columns))) + 2 * len(t.columns)


def _fixed_widths(t: Table, width: int, narrowest: int = 16) -> dict[int, int]:
    """Widths for the table's no-wrap columns (their longest line) that leave every other column ``narrowest``
    cells (two cells between columns): the widest are let go until the rest fit, and wrap like the others."""
    fixed = {i: _column_width(t, i) for i in t.nowrap}
    while fixed:
        free = len(t.columns) - len(fixed)
        if sum(fixed.values()) + 2 * len(t.columns) + free * narrowest <= width:
            break
        del fixed[max(fixed, key=fixed.get)]
    return fixed


def to_rich(result: Result, *, chart: bool = False, terminal: bool = False, width: int | None = None) -> str:
    """The tables drawn by rich. Styled only for a terminal; NO_COLOR keeps bold and reverse, drops colour."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buf = io.StringIO()
    width = max([width or _width(terminal)] + [_content_width(t) for t in result.tables if t.wide])
    console = Console(file=buf, force_terminal=terminal, color_system="auto" if terminal else None,
                      no_color=True if os.environ.get("NO_COLOR") else None, width=width,
                      highlight=False, emoji=False, markup=False, legacy_windows=False, soft_wrap=False)

    def text(cell: Cell) -> Text:
        style = STYLES.get(cell.style, "") if terminal else ""
        if not cell.mark:
            return Text(cell.text, style=style)
        a, b = cell.mark
        if terminal:
            t = Text(cell.text, style=style)
            t.stylize(MARK_STYLE, a, b)
            return t
        return Text(cell.text[:a] + MARK_OPEN + cell.text[a:b] + MARK_CLOSE + cell.text[b:])

    for i, t in enumerate(result.tables):
        table = RichTable(title=Text(t.title, style="bold" if terminal else "") if t.title else None,
                          title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                          padding=(0, 1, 0, 0), header_style="bold" if terminal else "")
        fixed = _fixed_widths(t, console.width)
        for j, c in enumerate(t.columns):
            table.add_column(Text(c), justify="right" if j in t.right else "left", overflow="fold",
                             width=fixed.get(j))
        for k, row in enumerate(t.rows):
            row_style = (t.row_styles[k] if t.row_styles else "") or ""
            table.add_row(*(text(c) for c in row), style=STYLES.get(row_style, "") if terminal else None)
        if i:
            console.print()
        console.print(table)
    if chart and result.charts:
        console.print()
        _print_charts(console, result.charts, terminal)
    if result.notes or result.footer:
        console.print()
        for n in [*result.footer, *result.shown_notes()]:
            console.print(Text(n, style="dim" if terminal else ""))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------- charts


def _print_charts(console, charts: list[Chart], terminal: bool) -> None:
    from rich.text import Text

    for line, style in chart_lines(charts, console.width):
        console.print(Text(line, style=STYLES.get(style, "") if terminal else ""), overflow="ignore", crop=False)


def charts_text(charts: list[Chart], *, terminal: bool = False, width: int | None = None) -> str:
    """The bar charts alone, styled for a terminal: what --chart writes to stderr beside CSV or JSON data."""
    if not terminal:
        return "".join(line + "\n" for line, _style in chart_lines(charts, width or _width(False)))
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, no_color=True if os.environ.get("NO_COLOR") else None,
                      width=width or _width(True), highlight=False, emoji=False, markup=False, soft_wrap=False)
    _print_charts(console, charts, True)
    return buf.getvalue()

_EIGHTHS = " ▏▎▍▌▋▊▉"


def text_width(s: str) -> int:
    """Columns a string takes on a terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - text_width(s))


def bar(value: float, scale: float, width: int) -> str:
    """A horizontal bar of |value| / scale × width cells, in eighths of a cell."""
    if scale <= 0 or not math.isfinite(value):
        return ""
    eighths = round(abs(value) / scale * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "") or ("▏" if value else "")


def chart_lines(charts: list[Chart], width: int = 100) -> list[tuple[str, str]]:
    """Horizontal bar charts as (line, style) pairs; a negative value is drawn in ░ and styled bad."""
    out: list[tuple[str, str]] = []
    for n, ch in enumerate(charts):
        if n:
            out.append(("", ""))
        out.append((ch.title, "key"))
        if not ch.bars:
            continue
        gw = max(text_width(b.group) for b in ch.bars)
        lw = max(text_width(b.label) for b in ch.bars)
        tw = max(text_width(b.text) for b in ch.bars)
        room = max(10, min(50, width - gw - lw - tw - 8))
        scale = max(abs(b.value) for b in ch.bars) or 1.0
        previous = None
        for b in ch.bars:
            group = b.group if b.group != previous else ""
            previous = b.group
            drawn = bar(b.value, scale, room)
            if b.value < 0:
                drawn = drawn.replace("█", "░")
            style = "bad" if b.value < 0 else b.style
            out.append((f"  {_pad(group, gw)}  {_pad(b.label, lw)} {_pad(drawn, room)} {b.text}".rstrip(), style))
    return out
