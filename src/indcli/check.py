"""Verify a facts table against its sources: every quote still an exact substring of its text, every value
still re-parsed from the figure in its quote. ``indcli check`` prints the rows that fail."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .documents import read_document
from .errors import DataError, IndcliError
from .figures import find_figures
from .numbers import cn_int
from .text import normalise


@dataclass(frozen=True)
class Problem:
    """A row that does not verify. ``kind``: missing (its source is not at the path recorded), unreadable,
    changed (quote or value no longer verify) or incomplete (a required column is empty)."""

    fact_id: str
    source: str
    line: int | None
    reason: str
    kind: str = "changed"


def figure_value(figure_text: str) -> float | None:
    """The value a figure's text states (1.3万亿元 → 1.3e12, 第九 → 9, 前十 → 10), before sign and list rules."""
    m = re.fullmatch(r"[第前]?\s*(\d+|[一二三四五六七八九十]+)\s*[位名强]?", figure_text)
    if m:
        n = m.group(1)
        return float(n) if n.isdigit() else float(cn_int(n) or 0) or None
    if figure_text in ("万亿元", "千亿元", "百亿元"):
        return {"万亿元": 1e12, "千亿元": 1e11, "百亿元": 1e10}[figure_text]
    if figure_text in ("千万千瓦", "百万千瓦", "十万千瓦"):
        return {"千万千瓦": 1000.0, "百万千瓦": 100.0, "十万千瓦": 10.0}[figure_text]
    figs = find_figures(figure_text + "。")
    return figs[0].value if figs else None


def check_table(path: Path) -> tuple[int, list[Problem]]:
    """Verify the table at ``path``: its row count and problems. DataError when it lacks a required column (a
    table without ``metric`` is not verified, it is refused)."""
    from .contract import COLUMNS
    from .store import read_rows, table_columns

    columns = table_columns(path)
    missing = [c.name for c in COLUMNS if c.required and c.name not in columns]
    if missing:
        raise DataError(f"{path}: is not an indcli facts table (missing columns: {', '.join(missing)})",
                        hint="regenerate it with indcli ingest")
    rows = read_rows(path)
    return len(rows), check_rows(rows, path.parent)


REQUIRED = ("fact_id", "province", "metric", "measure", "value", "unit", "comparator", "period_start", "period_end",
            "kind", "source", "line", "quote")


def check_rows(rows: list[dict], base: Path) -> list[Problem]:
    """Problems with ``rows`` of a table whose folder is ``base``; [] when every row verifies."""
    problems: list[Problem] = []
    texts: dict[str, str | Problem] = {}
    for r in rows:
        problem = _check_row(r, base, texts)
        if problem is not None:
            problems.append(problem)
    return problems


def _problem(r: dict, reason: str, kind: str) -> Problem:
    return Problem(r.get("fact_id") or "", r.get("source") or "", r.get("line"), reason, kind)


def _source_text(rel: str, base: Path, texts: dict[str, str | Problem], r: dict) -> str | Problem:
    """The text a row's quote points into, read once per file; a Problem when it is not there or unreadable."""
    if rel not in texts:
        path = base / rel
        if not path.exists():
            texts[rel] = _problem(r, f"source not found at {path}", "missing")
        else:
            try:
                texts[rel] = read_document(path).text
            except IndcliError as e:
                texts[rel] = _problem(r, f"source cannot be read: {e}", "unreadable")
    found = texts[rel]
    return _problem(r, found.reason, found.kind) if isinstance(found, Problem) else found


def _check_row(r: dict, base: Path, texts: dict[str, str | Problem]) -> Problem | None:
    empty = [c for c in REQUIRED if r.get(c) is None]
    if empty:
        return _problem(r, f"required column(s) empty: {', '.join(empty)}", "incomplete")
    text = _source_text(r.get("text_path") or r["source"], base, texts, r)
    if isinstance(text, Problem):
        return text
    start, end = r.get("char_start"), r.get("char_end")
    if start is None or text[start:end] != r["quote"]:
        where = "elsewhere in the file" if r["quote"] in text else "nowhere in the file"
        return _problem(r, f"the quote is no longer at its offsets (found {where})", "changed")
    fig = r.get("figure_text") or ""
    if fig and fig not in normalise(r["quote"]).text.replace("\n", "") and not r.get("continued_from_line"):
        return _problem(r, f"the figure {fig!r} is not in the quote", "changed")
    value = figure_value(fig) if fig else None
    if value is not None and fig.startswith("前") and r.get("measure") == "rank" and 1 <= r["value"] <= value:
        return None  # 甲、乙、丙分列前三位: each place of the list, 1 to 3
    if value is None or abs(abs(value) - abs(r["value"])) > 1e-6 * max(1.0, abs(value)):
        return _problem(r, f"the value {r['value']:g} does not re-parse from {fig!r} (got {value})", "changed")
    return None


def summary(path: str, total: int, problems: list[Problem]) -> DataError:
    """The one-line error for a table that fails verification, saying why: sources moved away, or changed."""
    kinds = Counter(p.kind for p in problems)
    if set(kinds) == {"missing"}:
        files = len({p.reason for p in problems})
        return DataError(f"{path}: {len(problems)} of {total} rows cannot be verified: their sources are not where the "
                         f"table says ({files} file(s) not found; listed on stdout)",
                         hint="run check on the table beside its sources, or re-ingest them")
    words = {"missing": "source not found", "unreadable": "source unreadable", "changed": "changed",
             "incomplete": "incomplete"}
    parts = ", ".join(f"{n} {words[k]}" for k, n in kinds.most_common())
    hint = "regenerate the table with indcli ingest" if set(kinds) == {"incomplete"} else \
        "re-run indcli ingest if the sources changed"
    return DataError(f"{path}: {len(problems)} of {total} rows fail verification ({parts}; listed on stdout)", hint=hint)
