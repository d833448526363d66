"""Sentences and clauses of a passage, each parsed once: its figures and its time expressions.

>>> s = parse_sentence("2024年，全省规上工业增加值增长7.7%。")
>>> [f.text for f in s.figures], s.clause_start(s.text.index("7.7"))
(['7.7%'], 6)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..figures import Figure, find_figures
from ..layout import FURNITURE
from ..periods import Period, TimeExpression, resolve_periods, scan_times

_SENT_END = re.compile(r"[。！？!?；;]")
CLAUSE_BREAK = re.compile(r"[，,：:]|(?<=[\u4e00-\u9fff%])[ \u3000]+(?=[\u4e00-\u9fff])")
MAY_HAVE_FIGURE = re.compile(r"\d|[第前]\s*[一二三四五六七八九十]|[破过超达上][万千百]亿元|[千百十]万千瓦|百分之")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: its text, where it starts in the passage, and what it holds, parsed once."""

    text: str
    start: int
    figures: tuple[Figure, ...]
    times: tuple[TimeExpression, ...]
    clause_starts: tuple[int, ...]

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` begins (after the last ，,：: before it)."""
        i = bisect.bisect_right(self.clause_starts, pos) - 1
        return self.clause_starts[i] if i >= 0 else 0

    def clause_end(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends (the next ，,：: or the sentence's end)."""
        m = CLAUSE_BREAK.search(self.text, pos)
        return m.start() if m else len(self.text)

    def previous_clause(self, clause: int) -> tuple[int, int]:
        """[start, end) of the clause before the one that starts at ``clause`` (itself when it is the first)."""
        start = self.clause_start(max(0, clause - 1))
        return start, self.clause_end(start)

    def clause_before(self, pos: int) -> str:
        """The words of ``pos``'s clause before it."""
        return self.text[self.clause_start(pos) : pos]

    def periods(self, year: int, today: date) -> list[Period]:
        """The sentence's periods, month-only ones in ``year`` (a year the sentence writes replaces it)."""
        return resolve_periods(self.text, self.times, year, today)


def parse_sentence(text: str, start: int = 0) -> Sentence:
    """Figures, time expressions and clause breaks of one sentence; figures in a clause of page furniture
    (来源：…, 咨询电话：…) are none."""
    clauses = tuple(m.end() for m in CLAUSE_BREAK.finditer(text))
    figures = tuple(find_figures(text)) if MAY_HAVE_FIGURE.search(text) else ()
    if figures and FURNITURE.search(text):
        figures = tuple(f for f in figures if not _in_furniture(text, clauses, f))
    return Sentence(text, start, figures, scan_times(text), clauses)


def _in_furniture(text: str, clauses: tuple[int, ...], fig: Figure) -> bool:
    i = bisect.bisect_right(clauses, fig.start) - 1
    start = clauses[i] if i >= 0 else 0
    end = clauses[i + 1] if i + 1 < len(clauses) else len(text)
    return bool(FURNITURE.search(text[start:end]))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text``, its end mark included; blank ones left out."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


@lru_cache(maxsize=256)
def _clause_starts(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in CLAUSE_BREAK.finditer(text))


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins in any text (a part of a sentence, say)."""
    starts = _clause_starts(text)
    i = bisect.bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 else 0


def in_brackets_about(text: str, pos: int, word: str) -> bool:
    """Whether ``pos`` is inside an open bracket whose text so far names ``word`` (…（全国为3.8%）)."""
    opened = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    closed = max(text.rfind("）", 0, pos), text.rfind(")", 0, pos))
    return opened > closed and word in text[opened:pos]
