"""When a figure holds (its period) and whether it is a result, a goal or an estimate (its kind).

>>> from datetime import date
>>> from indcli.extract.sentence import parse_sentence
>>> s = parse_sentence("力争到2027年营收达到1万亿元")
>>> kind_of(s, s.figures[0].start, s.periods(2024, date(2024, 5, 1))[0], date(2024, 5, 1))
'target'
"""

from __future__ import annotations

import re
from datetime import date

from ..figures import Figure
from ..lexicon import cue_pattern, cue_words, yardstick_pattern
from ..numbers import cn_int
from ..periods import Period, months_period, plan_containing, relative_span_length, span_period, year_period
from .frame import Frame, speaks_of_goals
from .measure import last_cue
from .sentence import Sentence, in_brackets_about
from .values import evolve

_HEDGES = cue_pattern("hedge.about", "hedge.near", "hedge.over", "hedge.under")
FROM = re.compile(rf"(?:{cue_pattern('range.from')})\s*(?:\d{{4}}年的?)?\s*(?:{cue_pattern('comparison.regions')})?\s*"
                  rf"(?:{_HEDGES})?\s*$")
BOUND_YEAR = re.compile(rf"((?:19|20)\d\d)年(?:的|{cue_pattern('verb.equals', 'verb.is', 'verb.reaches', 'period.year_end')})?\s*"
                        rf"(?:{_HEDGES}|{cue_pattern('hedge.breaks')})?\s*$")
_STREAK = re.compile(r"连续(\d+|[两三四五六七八九十]+)年[^，,。；]{0,8}$")
_CUMULATIVE = re.compile(cue_pattern("stock.summed", "stock.over_years"))
_LAST_YEARS = re.compile(rf"(?:{cue_pattern('period.last_year', 'period.the_year_before')})(同期)?的?\s*$")
_CHANGE = re.compile(rf"(?:{cue_pattern('change.words')})(?!值)")  # 增加 is a change, 增加值 a noun


def _stock_at_end(p: Period, group: tuple[Figure, ...], measure: str, s: Sentence, before: str) -> bool:
    """A stock stated over a span (五年来…达到12个) is its end-year value, unless counted over it (累计, 由A…)."""
    return (len(group) == 1 and p.span and p.years_known and measure in ("level", "share", "rank")
            and not _CUMULATIVE.search(s.text) and not FROM.search(before) and "由" not in s.text
            and "从" not in s.text)


def _base_year_level(fig: Figure, s: Sentence, periods: list[Period], prior: list[Period]) -> Period | None:
    """相比2019年浙江经济总量6.2万亿元: a level right after a base year, with no change word, is that year's."""
    cstart = s.clause_start(fig.start)
    base_here = [p for p in periods if p.base and cstart <= p.pos and p.end_pos <= fig.start and not p.relative]
    if base_here and not [p for p in prior if p.pos >= cstart] and \
            not _CHANGE.search(s.text[base_here[-1].end_pos : fig.start]):
        return year_period(base_here[-1].end.year)
    return None


def _so_far(p: Period, s: Sentence, today: date) -> Period:
    """“十四五”以来 in a report written early in 2025: the plan's years so far, 2021—2024 (not 2025, barely begun)."""
    if p.span and p.end > today and today.month <= 3 and s.text[p.pos : p.end_pos].endswith("以来") and \
            p.start.year < today.year - 1:
        return span_period(p.start.year, today.year - 1, p.pos, p.end_pos)
    return p


def _year_before(s: Sentence, periods: list[Period], fig: Figure, frame: Frame, same_months: bool) -> Period:
    """The year before the one the sentence speaks of (its own period before the figure, else the frame's); with
    同期, the same months of that year (前三季度…由上年同期的12.6% → 1—9月 of the year before)."""
    stated = [p for p in periods if not p.base and not p.span and not p.point and p.end_pos <= fig.start]
    current = stated[-1] if stated else (frame.period if frame.period and not frame.period.span else None)
    year = (current.end.year if current else frame.year) - 1
    if same_months and current is not None:
        return months_period(year, current.start.month, current.end.month)
    return year_period(year)


_EVENT_AFTER = re.compile(rf"\s*(?:{cue_pattern('period.event_after')}|，|,|：|:)")


def _reading_of_the_day(p: Period, fig: Figure, s: Sentence) -> bool:
    """2月25日全省复工率超过90%: a day in the figure's own clause dates a reading taken that day (its month); a day
    of an event (3月1日召开…, 5月16日，…) dates nothing."""
    return s.clause_start(fig.start) <= p.pos and p.end_pos <= fig.start and not _EVENT_AFTER.match(s.text, p.end_pos)


def _period_from_frame(frame: Frame, measure: str, s: Sentence, before: str) -> Period:
    """The paragraph's period for a figure with none of its own; a span inherited from an earlier paragraph is
    its end year for a stock; with no period in the paragraph or section, the part of the year the document's
    lead reports on (not for a goal)."""
    p = frame.period
    lead = frame.doc.lead
    if p is None and lead is not None and frame.year_relative and frame.year == lead.end.year and \
            not speaks_of_goals(before):
        return lead
    if p is None:
        return evolve(year_period(frame.year), relative=frame.year_relative)
    if frame.inherited and p.span and measure in ("level", "share", "rank") and not _CUMULATIVE.search(s.text):
        return year_period(p.end.year)
    return p


def _figure_period(fig: Figure, group: tuple[Figure, ...], s: Sentence, periods: list[Period], frame: Frame,
                   measure: str) -> Period:
    """One figure's period: a year bound to it, the last period before it in the sentence, one after it in its
    clause, this year for a goal in a report on last year, else the frame's."""
    before = s.text[: fig.start]
    m = BOUND_YEAR.search(before)
    if m and len(group) == 1 and not any(p.base and p.pos == m.start() for p in periods):
        return year_period(int(m.group(1)))  # 2020年为8.1万亿元 (but not 是2000年的12倍: the base)
    last_year = _LAST_YEARS.search(before) if len(group) == 1 else None
    if last_year:  # 与去年的6.5%持平; 2021年…由上年的40.3%提高到41%: last year's value of the same thing
        return _year_before(s, periods, fig, frame, bool(last_year.group(1)))
    own = [p for p in periods if not p.base and (not p.point or _reading_of_the_day(p, fig, s))]
    prior = [p for p in own if p.end_pos <= fig.start  # (2020年为…) stays in its brackets
             and not (in_brackets_about(s.text, p.pos, "") and re.search(r"[）)]", s.text[p.end_pos : fig.start]))]
    if measure == "level" and len(group) == 1 and (base := _base_year_level(fig, s, periods, prior)):
        return base
    if prior:
        p = _so_far(prior[-1], s, frame.today)
        return year_period(p.end.year) if _stock_at_end(p, group, measure, s, before) else p
    later = [p for p in own if p.pos >= fig.end and not re.search(r"[（(]", s.text[fig.end : p.pos])]
    if later and later[0].pos < s.clause_end(fig.end):
        return later[0]  # a period after the figure in its clause, but not a base year in brackets
    if frame.doc_year and not frame.plan_span and speaks_of_goals(before):
        return evolve(year_period(frame.doc_year), relative=True)  # a goal in a report on last year: this year's
    return _period_from_frame(frame, measure, s, before)


def periods_of(s: Sentence, group: tuple[Figure, ...], periods: list[Period], frame: Frame,
               measure: str) -> list[Period] | None:
    """The period of each figure of a list; a list over one span of as many years takes a year each
    (2016—2019年…分别增长8%、7.4%、7.1%、7.8%). None when a relative span (三年间) cannot be resolved."""
    out = [_figure_period(fig, group, s, periods, frame, measure) for fig in group]
    n = len(group)
    if n > 1 and len({id(p) for p in out}) == 1:
        p = out[0]
        if p.span and not p.years_known and frame.last_span and \
                relative_span_length(p.label) == len(frame.last_span.years):
            p = frame.last_span
        if p.span and p.years_known and len(p.years) == n and measure not in ("cagr",):
            return [year_period(y) for y in p.years]
        if p.span and not p.years_known:
            return None
        return [p] * n
    if n == 1 and out[0].span and not out[0].years_known:
        for known in (frame.last_span, frame.plan_span):  # 三年新建5G基站3万个 in a 2025—2027 plan's goals
            if known and relative_span_length(out[0].label) == len(known.years):
                return [known]
        return [frame.period or year_period(frame.year)]
    return out


def adjusted_period(period: Period, measure: str, cue_word: str, metric: str, before: str,
                    bases: list[Period], frame: Frame) -> Period:
    """A figure's period once its measure is known: streaks of ranks, growth since a base year, additions over a
    plan period, and the span of an average growth rate."""
    streak = _STREAK.search(before) if measure == "rank" else None
    if streak and not period.span:  # 连续17年全国第一
        k = streak.group(1)
        k = int(k) if k.isdigit() else cn_int(k)
        if k:
            period = span_period(period.end.year - k + 1, period.end.year)
    if measure == "growth" and bases and not period.span and bases[-1].end.year < period.end.year:
        period = span_period(bases[-1].start.year, period.end.year)  # 较2016年…增长了2.16倍
    if measure == "growth" and period.since and period.since < period.end.year:
        period = span_period(period.since, period.end.year)  # 20年后…增长了12倍: over those years
    plan = frame.plan_span
    if plan and measure == "level" and metric.startswith(cue_words("stock.counted_over")) and \
            period.start == plan.end.replace(month=1, day=1) and period.end == plan.end:
        period = plan  # additions over the plan period, not in its last year alone
    if measure == "cagr" and not period.span:
        if plan and period.end == plan.end and not cue_word.startswith("两年"):
            return plan  # 年均增长15% in a plan's goals: over the plan's years
        return _average_span(period, cue_word)
    return period


def _average_span(period: Period, cue_word: str) -> Period:
    """An average growth rate's span: 两年平均 ends where the reporting period ends (前三季度 stays 1—9月; a whole
    year Y is Y−1…Y); any other average runs from its plan period's first year."""
    part_of_year = (period.start.month, period.end.month) != (1, 12)
    if part_of_year:
        return period
    if cue_word.startswith("两年"):
        return span_period(period.end.year - 1, period.end.year)
    y1, _y2 = plan_containing(period.end.year)
    return span_period(y1, period.end.year) if y1 < period.end.year else period


_PERIOD_WORD = re.compile(rf"\d{{4}}年|\d+月|[一二三四]季度|{cue_pattern('period.named')}")
_WHOLE_YEAR = re.compile(rf"全年(?!{cue_pattern('kind.estimate_words')})")
_ESTIMATE_FRAME = re.compile(rf"(?:{cue_pattern('kind.estimate_frame')})[，,：:]")
_YARDSTICK = re.compile(rf"{yardstick_pattern()}[^，,。；]{{0,4}}$")
_KINDS = ("kind.forecast", "kind.actual", "kind.target")
_SO_FAR_CUE = re.compile(cue_pattern("kind.so_far"))


def _whole_year_goal(c: tuple[str, str, int] | None, s: Sentence, pos: int, period: Period, today: date) -> bool:
    """全年实施项目300个 written before the year is out: a goal, not a result."""
    whole_year = (period.start, period.end) == (date(today.year, 1, 1), date(today.year, 12, 31))
    return (c is None or c[1] == "完成") and whole_year and bool(_WHOLE_YEAR.search(s.text[:pos]))


def kind_of(s: Sentence, pos: int, period: Period, today: date, approx: bool = False) -> str:
    """target (a cue anywhere before in the sentence), forecast (a cue in the figure's clause), else by date."""
    text = s.text
    clause = s.clause_before(pos)
    c = last_cue(clause, _KINDS)
    if c and c[0] != "actual":
        return "actual" if _YARDSTICK.search(clause[: c[2] - len(c[1])]) else c[0]  # 比目标高0.5个百分点
    if c is None and _ESTIMATE_FRAME.search(text[:pos]):

        return "forecast"  # 会议预计，2024年数字经济规模将突破1.8万亿元: the frame says what follows is an estimate
    t = last_cue(text[:pos], ("kind.target",))
    if c is None and t and not _YARDSTICK.search(text[: t[2] - len(t[1])]):
        return "target"
    f = last_cue(text[:pos], ("kind.forecast", "kind.actual")) if c is None and approx else None
    if f and f[0] == "forecast" and not _PERIOD_WORD.search(clause):
        return "forecast"  # 预计一季度增加值增长5.5%左右，用电量增长7%左右: the estimate goes on
    if (c is None or c[1] == "完成") and (period.start.year > today.year or period.span and
                                          period.end.year > today.year and not _SO_FAR_CUE.search(text[:pos])):
        return "target"  # 到2027年…完成投资500亿元, or 年均增长10% to 2025, written in 2023: not yet reached, a goal
    if _whole_year_goal(c, s, pos, period, today):
        return "target"
    if c is None and period.start > today:
        return "forecast"
    return "actual"


def not_over(period: Period, today: date) -> bool:
    """A whole year or span of years that ends more than six weeks after the document was written: nothing in it
    can be reported as a result yet."""
    whole = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    return whole and period.start <= today and (period.end - today).days > 45


def any_kind_cue(s: Sentence, pos: int) -> bool:
    """A kind cue of any sort (力争, 预计, 已 …) in the figure's clause: the clause says what kind it is."""
    return last_cue(s.clause_before(pos), _KINDS) is not None


def states_result(s: Sentence, pos: int) -> bool:
    """An actual cue (已, 完成, 截至 …) in the figure's clause: a result even in a paragraph about goals."""
    return last_cue(s.clause_before(pos), ("kind.actual",)) is not None
