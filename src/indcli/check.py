"""Verify a facts table against its sources: every quote still an exact substring of its text, every value
still re-parsed from the figure in its quote. ``indcli check`` prints the rows that fail."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .documents import read_document
from .errors import IndcliError
from .figures import find_figures
from .numbers import cn_int
from .text import normalise


@dataclass(frozen=True)
class Problem:
    fact_id: str
    source: str
    line: int
    reason: str


def figure_value(figure_text: str) -> float | None:
    """The value a figure's text states (1.3万亿元 → 1.3e12, 第九 → 9, 前十 → 10), before sign and list rules."""
    m = re.fullmatch(r"[第前]\s*(\d+|[一二三四五六七八九十]+)\s*[位名强]?", figure_text)
    if m:
        n = m.group(1)
        return float(n) if n.isdigit() else float(cn_int(n) or 0) or None
    if figure_text in ("万亿元", "千亿元", "百亿元"):
        return {"万亿元": 1e12, "千亿元": 1e11, "百亿元": 1e10}[figure_text]
    if figure_text in ("千万千瓦", "百万千瓦", "十万千瓦"):
        return {"千万千瓦": 1000.0, "百万千瓦": 100.0, "十万千瓦": 10.0}[figure_text]
    figs = find_figures(figure_text + "。")
    return figs[0].value if figs else None


def check_rows(rows: list[dict], base: Path) -> list[Problem]:
    """Problems with ``rows`` of a table whose folder is ``base``; [] when every row verifies."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for r in rows:
        rel = r.get("text_path") or r["source"]
        if rel not in texts:
            try:
                texts[rel] = read_document(base / rel).text
            except IndcliError as e:
                texts[rel] = None
                problems.append(Problem(r["fact_id"], r["source"], r["line"], f"source cannot be read: {e}"))
        text = texts[rel]
        if text is None:
            continue
        start, end = r.get("char_start"), r.get("char_end")
        if start is None or text[start:end] != r["quote"]:
            where = "elsewhere in the file" if r["quote"] in text else "nowhere in the file"
            problems.append(Problem(r["fact_id"], r["source"], r["line"],
                                    f"the quote is no longer at its offsets (found {where})"))
            continue
        fig = r.get("figure_text") or ""
        if fig and fig not in normalise(r["quote"]).text.replace("\n", "") and not r.get("continued_from_line"):
            problems.append(Problem(r["fact_id"], r["source"], r["line"], f"the figure {fig!r} is not in the quote"))
            continue
        value = figure_value(fig) if fig else None
        if value is None or abs(abs(value) - abs(r["value"])) > 1e-6 * max(1.0, abs(value)):
            problems.append(Problem(r["fact_id"], r["source"], r["line"],
                                    f"the value {r['value']:g} does not re-parse from {fig!r} (got {value})"))
    return problems
