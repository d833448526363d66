"""Facts grouped by what they state. Pure functions over rows of the facts table; no DuckDB, no rendering.

Grouping rule shared by every command: facts with the same province, city, metric, measure, unit, period, kind and
scope state the same thing. Several documents stating one value make one :class:`Group` with one :class:`Claim`
and its sources counted; different values make a conflict (several claims), shown as such and never resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cached_property
from typing import Any

MEASURES = ("level", "growth", "cagr", "share", "rank", "diff")
KINDS = ("actual", "target", "forecast")
KIND_ORDER = {"actual": 0, "forecast": 1, "target": 2}
GROUP_KEY = ("province", "city", "metric", "measure", "unit", "period_start", "period_end", "kind", "scope")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def count_sources(facts: Iterable[dict[str, Any]]) -> int:
    """Documents stating these facts, including those merged away in a large table (``hidden_sources``)."""
    facts = list(facts)
    return len({f["source"] for f in facts}) + sum(f.get("hidden_sources") or 0 for f in facts)


class _Stated:
    """Something stated by ``facts``: the documents stating it, and how many there are."""

    facts: list[dict[str, Any]]

    @property
    def sources(self) -> list[str]:
        return sorted({f["source"] for f in self.facts})

    @property
    def n_sources(self) -> int:
        return count_sources(self.facts)

    @property
    def fact_ids(self) -> list[str]:
        return [f["fact_id"] for f in sorted(self.facts, key=fact_order)]


class Claim(_Stated):
    """One value (with its comparator) stated by one or more facts."""

    __slots__ = ("value", "comparator", "facts")

    def __init__(self, value: float, comparator: str, facts: list[dict[str, Any]]) -> None:
        self.value, self.comparator, self.facts = value, comparator, facts


class Group(_Stated):
    """Facts stating the same thing; ``claims`` holds one entry per distinct value. ``g.metric``, ``g.period_end``
    … are the fields of its key (GROUP_KEY). A plain class: a dataclass costs more to define than it saves."""

    def __init__(self, key: tuple, facts: list[dict[str, Any]] | None = None) -> None:
        self.key = key
        self.facts = facts if facts is not None else []
        for name, value in zip(GROUP_KEY, key, strict=True):  # province, metric, measure, unit, period_start …
            setattr(self, name, value)

    @property
    def first(self) -> dict[str, Any]:
        return self.facts[0]

    @cached_property
    def claims(self) -> list[Claim]:
        by: dict[tuple[float, str], Claim] = {}
        for f in sorted(self.facts, key=fact_order):
            k = (round(float(f["value"]), 6), f["comparator"] or "=")
            if k not in by:
                by[k] = Claim(float(f["value"]), f["comparator"] or "=", [])
            by[k].facts.append(f)
        return list(by.values())

    @property
    def conflict(self) -> bool:
        return len(self.claims) > 1

    @property
    def value(self) -> float | None:
        """The one value stated, or None when the documents disagree."""
        return None if self.conflict else self.claims[0].value

    def period_text(self, lang: str = "zh") -> str:
        return period_text(self.facts, self.period_start, self.period_end, lang)


def fact_order(f: dict[str, Any]) -> tuple:
    """Oldest document first, then file, line and id: the order sources are listed in."""
    return (f.get("doc_date") or date.min, f["source"], f.get("line") or 0, f["fact_id"])


def group_facts(rows: Iterable[dict[str, Any]]) -> list[Group]:
    """Facts grouped by what they state, in first-seen order."""
    groups: dict[tuple, Group] = {}
    for r in rows:
        key = tuple((r.get(k) or "") if k in ("city", "scope") else r.get(k) for k in GROUP_KEY)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key)
        g.facts.append(r)
    return list(groups.values())


def period_text(facts: Sequence[dict[str, Any]], start: date, end: date, lang: str = "zh") -> str:
    """The period as a reader says it: the shortest label the documents used (2016—2020年 rather than
    “十三五”(2016—2020年)), or in English 2019, 2016–2020, 2024 Jan–Nov."""
    if lang == "en":
        return period_en(start, end)
    labels = sorted({f.get("period_label") or "" for f in facts} - {""}, key=lambda s: (len(s), s))
    return labels[0] if labels else period_en(start, end)


def period_en(start: date, end: date) -> str:
    """A period in English: 2019, 2016–2020, 2024 Jan–Nov."""
    if start is None or end is None:
        return ""
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year and start.day == 1:
        m1, m2 = _MONTHS[start.month - 1], _MONTHS[end.month - 1]
        return f"{start.year} {m1}" if start.month == end.month else f"{start.year} {m1}–{m2}"
    return f"{start.isoformat()}–{end.isoformat()}"


def where_source(f: dict[str, Any]) -> str:
    """file:line of a fact."""
    return f"{f['source']}:{f['line']}" if f.get("line") else f["source"]
