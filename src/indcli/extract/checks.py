"""The check stage: a mention becomes a fact only if its metric names an indicator, its unit fits that metric,
and its period is not a comparison's base. A mention that fails is resolved from the frame when the frame
holds the evidence, else skipped with a warning that names it — never written with a made-up name.

>>> metric_problem("增速比全国（")
'punctuation in the name'
>>> metric_problem("规模以上工业增加值")
''
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import cue_pattern, cue_words, industry_names
from .model import Context, Mention
from .phrase import INDICATOR
from .sentence import in_brackets_about
from .values import evolve

_PUNCTUATION = re.compile(r"[，,。；;：:“”\"'（）()《》【】\[\]！？!?…—·]")
_CITATION = re.compile(r"\[\d+\]|[①②③④⑤⑥⑦⑧⑨⑩]|^注")
_DATE_IN_NAME = re.compile(r"(?:19|20)\d\d年|\d{1,2}月\d{1,2}日")


@lru_cache(maxsize=1)
def _relation_ends() -> re.Pattern[str]:
    """A name that ends in a comparison or relation word is the left half of a relation, not an indicator."""
    return re.compile(rf"(?:{cue_pattern('check.relation_words')}|(?<!占)比)$")


@lru_cache(maxsize=1)
def _industry_list_names() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, industry_names())) or r"(?!)")


def metric_problem(metric: str) -> str:
    """Why ``metric`` does not name an indicator ('' when it does): punctuation or a list's separator left in
    it, a citation marker, a date, a relation word at its end, or nothing but a function word."""
    name = _industry_list_names().sub("", metric)  # 计算机、通信和其他电子设备制造业 keeps its 、
    if len(metric) < 2:
        return "too short to name an indicator"
    if metric in cue_words("check.not_names"):
        return "a word that names no indicator"
    if _PUNCTUATION.search(name):
        return "punctuation in the name"
    if "、" in name and not name.endswith("等"):  # 降低A成本、B成本等: a total over the whole list is one figure
        return "a fragment of a list"
    if _CITATION.search(name):
        return "a citation marker in the name"
    if _DATE_IN_NAME.search(name):
        return "a date in the name"
    if _relation_ends().search(name):
        return "ends in a relation word"
    return ""


_MONEY_NAME = re.compile(rf"(?:{cue_pattern('names.money')})$")
_COUNT_NAME = re.compile(rf"(?:{cue_pattern('names.counted')})$")
_COUNT_UNITS = frozenset(cue_words("units.counts"))



def unit_problem(m: Mention) -> str:
    """Why a level's unit does not fit its metric ('' when it does): money for a count (高新技术企业 1.2万亿元),
    or a count for an amount of money (营业收入 300家)."""
    if m.measure != "level":
        return ""
    if m.unit == "元" and _COUNT_NAME.search(m.metric):
        return f"an amount of money for a count ({m.metric})"
    if m.unit in _COUNT_UNITS and _MONEY_NAME.search(m.metric):
        return f"a count for an amount of money ({m.metric})"
    return ""


_AMONG_CITIES = re.compile(cue_pattern("rank.among_cities"))


_OWN_TOTAL_SHARE = re.compile(rf"^(?:{cue_pattern('check.province_totals')})占全省")


def scope_problem(m: Mention) -> str:
    """A rank among a province's cities (在全省16个地市中居第7位) is a city's, never the province's; so is a share
    of the province's own total (营业收入占全省53%) whose part goes unnamed."""
    if m.measure == "rank" and not m.city and _AMONG_CITIES.search(m.scope):
        return f"a rank among cities ({m.scope}) with no city named"
    if m.measure == "share" and not m.city and _OWN_TOTAL_SHARE.search(m.metric):
        return f"a share of the province's own total ({m.metric}) with no part named"
    return ""


def base_problem(m: Mention, c: Context) -> str:
    """A change (growth, average growth, difference) is never of its comparison's base year: 较2015年增长30%
    is not 2015's growth. (A base read against the document's date, 比上年, says nothing of the figure's year.)"""
    if m.measure not in ("growth", "cagr", "diff") or m.period.span:
        return ""
    for p in c.periods:
        if p.base and not p.relative and (p.start, p.end) == (m.period.start, m.period.end) and not any(
                not q.base and (q.start, q.end) == (p.start, p.end) for q in c.periods):
            return f"its period {p.label} is the base it is compared with"
    return ""


@dataclass(frozen=True)
class Checked:
    """A mention that passed (possibly resolved from the frame), or the reason it was skipped."""

    mention: Mention | None
    warning: str = ""


def _from_topic(m: Mention, c: Context) -> Mention | None:
    """A name that is only residue (no indicator word in it) takes the topic's metric last seen with the same
    unit: 甲省（7.1%）、乙省（6.8%） under a paragraph about GDP growth."""
    topic = c.frame.topic
    same = topic.metric_with(m.unit) if m.measure == "level" else None
    if INDICATOR.search(m.metric) or not topic.metric or topic.measure_with(m.unit) != m.measure or \
            in_brackets_about(c.text, m.figure.start, ""):
        return None  # a figure in brackets restates or gives a yardstick: it is not the topic's value
    raw, metric = same or (topic.metric_raw, topic.metric)
    return evolve(m, metric_raw=raw, metric=metric)


def check(m: Mention, c: Context) -> Checked:
    """The mention as it may be written, or why it may not."""
    problem = metric_problem(m.metric)
    if problem:
        resolved = _from_topic(m, c)
        if resolved is not None and not metric_problem(resolved.metric):
            m = resolved
        else:
            return Checked(None, f"skipped {m.figure.text}: '{m.metric}' does not name an indicator ({problem})")
    problem = unit_problem(m) or scope_problem(m) or base_problem(m, c)
    if problem:
        return Checked(None, f"skipped {m.figure.text}: {problem}")
    return Checked(m)
