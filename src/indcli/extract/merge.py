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
    out = []
    for f in merged.values():
        basis = "|".join(map(str, (source,) + f.key()))
        f.fact_id = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        out.append(f)
    out.sort(key=lambda f: (f.line, f.char_start, f.metric, f.period_start))
    return out
