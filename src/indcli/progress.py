"""How far a target is: the latest actual of the same metric, the gap, and the growth a year still needed.

Pure functions over :class:`indcli.facts.Group`; the wording of the results lives in :mod:`indcli.views`.
A target of 1万亿元 for 2025 with an actual of 8000亿元 in 2022 is at 80%, and needs (1e12/8e11)^(1/3) - 1 = 7.7% a
year for three years; a stated 年均 target of 约6.4% would not get there.
"""

from __future__ import annotations

from typing import NamedTuple

from .facts import Group

RATE_UNITS = frozenset({"%", "百分点"})
RATE_MEASURES = frozenset({"growth", "cagr", "share", "diff"})


def is_rate(measure: str, unit: str) -> bool:
    """A rate or share (compared by its gap in percentage points), not an amount (compared as a ratio)."""
    return unit in RATE_UNITS or measure in RATE_MEASURES


def met(target: float, comparator: str, measure: str, actual: float) -> bool:
    """Whether ``actual`` meets the target: ≥, >, = and 约 are floors; < and ≤ ceilings; a rank is met at or above."""
    if comparator in ("<", "<="):
        return actual < target if comparator == "<" else actual <= target
    if measure == "rank":
        return actual <= target
    return actual > target if comparator == ">" else actual >= target


def can_compare(goal: Group, actual: Group) -> bool:
    """An actual measures the same thing as a goal: same metric, measure, unit and scope, ending no later, and of
    the same kind of period (a goal summed over several years needs an actual over years from the same start)."""
    if (actual.metric, actual.measure, actual.unit, actual.scope) != (goal.metric, goal.measure, goal.unit, goal.scope):
        return False
    if actual.period_end > goal.period_end:
        return False
    goal_span = goal.period_start.year != goal.period_end.year
    actual_span = actual.period_start.year != actual.period_end.year
    return actual.period_start == goal.period_start if goal_span else not actual_span


def actuals_by_key(actuals: list[Group]) -> dict[tuple, list[Group]]:
    """Actuals by metric, measure, unit and scope, so each goal looks only at its own."""
    out: dict[tuple, list[Group]] = {}
    for a in actuals:
        out.setdefault((a.metric, a.measure, a.unit, a.scope), []).append(a)
    return out


def latest_actual(goal: Group, actuals: list[Group] | dict[tuple, list[Group]]) -> Group | None:
    """The actual of the goal's metric for the latest period ending no later than the goal's, from any document;
    of two ending together, the longer period (the whole year over 1—11月 is impossible; 2024年 over 2024年12月)."""
    if isinstance(actuals, dict):  # actuals_by_key(): only those of the goal's metric, measure, unit and scope
        actuals = actuals.get((goal.metric, goal.measure, goal.unit, goal.scope), [])
    fitting = [a for a in actuals if can_compare(goal, a)]
    if not fitting:
        return None
    return max(fitting, key=lambda a: (a.period_end, -a.period_start.toordinal(), a.n_sources))


def needed_rate(target: float, actual: float, years: int) -> float | None:
    """Growth a year, in %, that takes ``actual`` to ``target`` in ``years``; None when it has no meaning."""
    if years < 1 or target <= 0 or actual <= 0:
        return None
    return ((target / actual) ** (1 / years) - 1) * 100


class Progress(NamedTuple):
    """Where a target stands against the latest actual.

    ``status``: met or missed (the actual covers the target's own period), under way (an earlier actual), or none.
    ``gap``: actual minus target (percentage points for a rate); ``ratio``: actual / target for an amount;
    ``years``: from the actual's year to the horizon; ``needed``: growth a year still needed (%);
    ``rate_enough``: whether the stated 年均 rate reaches the target from the actual (None without one).
    """

    status: str
    actual: Group | None = None
    gap: float | None = None
    ratio: float | None = None
    met: bool | None = None
    years: int | None = None
    needed: float | None = None
    rate_enough: bool | None = None


def progress(goal: Group, target: float, comparator: str, actual: Group | None,
             stated_rate: float | None = None) -> Progress:
    """The progress of one claimed target value against ``actual`` (see :func:`latest_actual`).

    >>> # 5G基站 ≥5万个 for 2020, 6.1万个 at the end of 2020: Progress(status='met', ratio=1.22, met=True, …)
    """
    if actual is None:
        return Progress("none")
    if actual.value is None:  # the documents disagree on the actual
        return Progress("under way" if actual.period_end < goal.period_end else "unknown", actual)
    value = actual.value
    rate = is_rate(goal.measure, goal.unit)
    gap = value - target
    ratio = value / target if not rate and goal.measure != "rank" and target else None
    if (actual.period_start, actual.period_end) == (goal.period_start, goal.period_end):
        ok = met(target, comparator, goal.measure, value)
        return Progress("met" if ok else "missed", actual, gap, ratio, ok)
    years = goal.period_end.year - actual.period_end.year
    needed = None if rate or goal.measure == "rank" else needed_rate(target, value, years)
    enough = None
    if needed is not None and stated_rate is not None:
        ceiling = comparator in ("<", "<=")
        enough = stated_rate <= needed + 0.05 if ceiling else stated_rate >= needed - 0.05
    return Progress("under way", actual, gap, ratio, None, years, needed, enough)
