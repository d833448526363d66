"""One row per fact: repeats of a statement in one document are counted, not written twice; ids are stable.

>>> len(merge([], "a.txt"))
0
"""

from __future__ import annotations

import hashlib

from .model import Fact


def _without_comparator(f: Fact) -> tuple:
    """The fact's identity (``Fact.key``) whatever its comparator, with its scope."""
    return (f.province, f.city, f.metric, f.measure, round(f.value, 6), f.unit, "", f.period_start, f.period_end,
            f.kind, f.scope)


def _fold_plain_comparators(merged: dict[tuple, Fact]) -> None:
    """A headline's 达2万亿元 and the body's 迈上2万亿元 are one goal: a plain '=' statement folds into the same
    fact stated with a comparator, which says more."""
    with_cmp: dict[tuple, Fact] = {}
    for f in merged.values():
        if f.comparator != "=":
            with_cmp.setdefault(_without_comparator(f), f)
    for k, f in list(merged.items()):
        other = with_cmp.get(_without_comparator(f)) if f.comparator == "=" else None
        if other is not None:
            other.mentions += f.mentions
            del merged[k]


def _without_metric(f: Fact) -> tuple:
    """The fact's identity (``Fact.key``) whatever its metric's name."""
    return (f.province, f.city, f.measure, round(f.value, 6), f.unit, f.comparator, f.period_start, f.period_end,
            f.kind, f.scope)


def _fold_shorter_names(merged: dict[tuple, Fact]) -> None:
    """A lead's 工业增加值增长7.7% and the body's 规模以上工业增加值同比增长7.7% for the same period are one
    statement: a name that is the tail of a longer one with the same value folds into the longer, which says
    more (a different value keeps both)."""
    by_rest: dict[tuple, list[tuple]] = {}
    for k, f in merged.items():
        by_rest.setdefault(_without_metric(f), []).append(k)
    for keys in by_rest.values():
        for k in keys:
            f = merged.get(k)
            longer = next((merged[o] for o in keys if o != k and o in merged and
                           merged[o].metric.endswith(f.metric) and len(merged[o].metric) > len(f.metric)), None) \
                if f is not None else None
            if longer is not None:
                longer.mentions += f.mentions
                del merged[k]


def merge(facts: list[Fact], source: str) -> list[Fact]:
    """One row per fact: repeats of the same statement are counted in ``mentions``; ids are stable hashes."""
    merged: dict[tuple, Fact] = {}
    for f in facts:
        k = f.key()
        if k in merged:
            merged[k].mentions += 1
        else:
            merged[k] = f
    _fold_plain_comparators(merged)
    _fold_shorter_names(merged)
    out = []
    for f in merged.values():
        basis = "|".join(map(str, (source,) + f.key()))
        f.fact_id = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        out.append(f)
    out.sort(key=lambda f: (f.line, f.char_start, f.metric, f.period_start))
    return out
