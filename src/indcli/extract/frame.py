"""The frame: what a figure inherits when its own clause is silent — province, period, mode, topic.

Frames nest document → section → paragraph → sentence. Each is an immutable value; a stage that learns something
(a sentence states 2023年, a heading opens a plan's goals) returns a new frame instead of changing the old one.

>>> doc = DocumentFrame("a.txt", date(2025, 1, 20), True, "江西", report_year=2024, plan=None)
>>> paragraph_frame(doc, SectionFrame(), "江西", "document").year
2024
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lexicon import cue_pattern, metric_aliases
from ..metrics import canonical, expand
from ..periods import PLANS, Period, find_periods, reports_whole_year, span_period, year_period
from .sentence import Sentence, in_brackets_about
from .values import evolve


@dataclass(frozen=True)
class DocumentFrame:
    """What holds for the whole document: its source, the date periods are read against, its province, the
    year a January report reports on, and the plan period it sets out."""

    source: str
    date: date  # the document's date, or today's when it has none (``dated`` False)
    dated: bool
    province: str
    report_year: int | None = None
    plan: tuple[int, int] | None = None
    lead: Period | None = None  # the part of the year the title and lead report on (前三季度)
    title_topic: tuple[str, str] | None = None  # the indicator the title names (…前三季度GDP出炉 → 地区生产总值)


@dataclass(frozen=True)
class SectionFrame:
    """What holds under one heading: a plan item's name, a year in the heading, the plan period when the
    section is in a plan's goals part, and the period the section's text first speaks of."""

    heading: str = ""
    heading_year: int | None = None
    topic: tuple[str, str] | None = None  # (as written, canonical) of the indicator the heading names
    plan_span: Period | None = None
    in_plan_part: bool = False
    period: Period | None = None
    year: int = 0
    last_topic: Topic | None = None  # what the section's last paragraph ended speaking of


@dataclass(frozen=True)
class Topic:
    """What the text last spoke of: the metric, the first metric of this sentence, the metric and measure
    last seen with each unit, and the last list of values (metric_raw, metric, period)."""

    metric_raw: str = ""
    metric: str = ""
    sentence_metric: str = ""
    by_unit: tuple[tuple[str, tuple[str, str]], ...] = ()
    measure_by_unit: tuple[tuple[str, str], ...] = ()
    last_group: tuple[tuple[str, str, Period], ...] = ()
    rate_cue: str = ""  # an average the text said it speaks of (从两年平均增速来看 → 两年平均增长)
    whole: tuple[str, str] | None = None  # the whole a part named after 其中 belongs to (for after the sentence)

    def metric_with(self, unit: str) -> tuple[str, str] | None:
        """(metric_raw, metric) last seen with ``unit``: 企业…家 then 其中…家."""
        return dict(self.by_unit).get(unit)

    def measure_with(self, unit: str) -> str:
        return dict(self.measure_by_unit).get(unit, "")


@dataclass(frozen=True)
class Frame:
    """What a figure of a paragraph inherits: the paragraph's province, the year and period spoken of, whether
    the text speaks of goals (``plan_mood``), a plan's span, and the topic."""

    doc: DocumentFrame
    province: str
    method: str
    year: int
    heading: str = ""
    period: Period | None = None
    year_relative: bool = True  # ``year`` is the document's, not one the text stated
    inherited: bool = False  # ``period`` came from an earlier paragraph under the same heading
    last_span: Period | None = None
    first_period: Period | None = None  # the first period the paragraph's sentences use: the section's frame
    pending: bool = False  # no sentence has set a period yet: the paragraph's first stated one applies
    plan_mood: bool = False
    plan_span: Period | None = None
    doc_year: int = 0  # in a report on last year: the year the document was written (goals are for it)
    topic: Topic = Topic()
    previous: Topic | None = None  # what the paragraph before it (same section) ended speaking of

    @property
    def today(self) -> date:
        return self.doc.date


@lru_cache(maxsize=1)
def _known_metrics() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(metric_aliases(), key=len, reverse=True))))


_PLAN_TITLE = re.compile(cue_pattern("plan.titles"))
_PLAN_PART = re.compile(cue_pattern("plan.goal_parts"))
_REVIEW_PART = re.compile(cue_pattern("plan.review_parts"))
_REPORTED_YEAR = re.compile(rf"(?<!\d)((?:19|20)\d\d)年(?:全年)?(?:[,，]|{cue_pattern('place.own', 'place.own_city')})")
_ANNUAL_TITLE = re.compile(rf"(?<!\d)((?:19|20)\d\d)年(?:度)?[^，,。\n]{{0,16}}(?:{cue_pattern('plan.annual_titles')})")
_PAST_YEAR = re.compile(cue_pattern("period.past_year"))
_PLAN_SPAN = re.compile(rf"(?:{cue_pattern('plan.titles')})\s*[（(]\s*((?:19|20)\d\d)\s*[—–\-至到~]\s*"
                        r"((?:19|20)\d\d)\s*年?\s*[）)]")


def report_year(text: str, doc_date: date) -> int | None:
    """The year a document written early in a year reports on: last year, when its title is an annual review
    (某省2021年统计公报, 2025年工业经济运行综述, published by June) or its opening reports last year whole
    (2019年，全省地区生产总值… / 2025年全省地区生产总值… / 过去一年，… in a January to March release). None
    otherwise."""
    last = doc_date.year - 1
    title = _ANNUAL_TITLE.search(text[:200])
    if title and int(title.group(1)) == last and doc_date.month <= 6:
        return last
    if doc_date.month > 3:
        return None
    m = re.search(r"(?<!\d)(?:19|20)\d\d年(?!\s*\d{1,2}\s*月\s*\d{1,2})", text[:400])  # not a dateline
    past = _PAST_YEAR.search(text[:400])
    if past and (m is None or past.start() < m.start()):
        return last  # 过去一年，全省地区生产总值增长5.4%: the review of last year comes first
    if m is None:
        return None
    r = _REPORTED_YEAR.match(text, m.start())
    if r and int(r.group(1)) == last:
        return last
    return last if int(m.group()[:4]) == last and reports_whole_year(text[:800], last) else None


def title_topic(text: str) -> tuple[str, str] | None:
    """The indicator a document's title (its first few lines) names: what a measure with no metric (从增速看) is of."""
    head = "\n".join([line for line in text.split("\n") if line.strip()][:3])[:200]
    return heading_topic(head)


def lead_period(text: str, doc_date: date) -> Period | None:
    """The part of the document's year its title and lead report on (今年前三季度, 1—8月), when it ended shortly
    before the document was written: the period of figures below that state none (a round-up's sub-heads reset
    the section, not what the whole piece reports on)."""
    head = "\n".join([line for line in text.split("\n") if line.strip()][:8])[:600]
    for p in find_periods(head, doc_date.year, doc_date):
        whole = (p.start.month, p.end.month) == (1, 12)
        if p.base or p.point or p.span or whole or p.start.year != doc_date.year or p.start.month != 1:
            continue
        if p.end <= doc_date and (doc_date - p.end).days <= 120:
            return p
    return None


def plan_period(text: str, doc_date: date) -> tuple[int, int] | None:
    """(first, last) year of the plan a document sets out, if its opening names a plan and a period still open."""
    head = text[:1500]
    if not _PLAN_TITLE.search(head):
        return None
    m = re.search(r"规划期(?:限)?为?\s*((?:19|20)\d\d)\s*[—–\-至到~]\s*((?:19|20)\d\d)", text) or \
        _PLAN_SPAN.search(head)  # 实施方案（2025—2027年）
    if m:
        first, last = int(m.group(1)), int(m.group(2))
    else:
        plan = re.search(r"“?(十[一二三四五]五)”?.{0,12}规划", head)  # “十四五”制造业规划

        if not plan:
            return None
        first, last = PLANS[plan.group(1)]
    return (first, last) if last >= doc_date.year else None


def next_section(section: SectionFrame, heading: str, doc: DocumentFrame) -> SectionFrame:
    """The frame under a new heading: its year, a plan item's name, and whether a plan's goals part begins
    (主要目标, 重点任务) or its review ends it (发展基础)."""
    m = re.search(r"((?:19|20)\d\d)年(?!\d{1,2}月)", heading)
    item = re.fullmatch(r"\d{1,2}\.([^，,。；;：:\d]{2,24})。?", heading)
    in_plan = section.in_plan_part
    if doc.plan and _PLAN_PART.search(heading):
        in_plan = True
    elif doc.plan and _REVIEW_PART.search(heading):
        in_plan = False
    span = span_period(*doc.plan) if doc.plan and in_plan else None
    return SectionFrame(heading=item.group(1) if item else "", heading_year=int(m.group(1)) if m else None,
                        topic=heading_topic(heading), plan_span=span, in_plan_part=in_plan)


def heading_topic(heading: str) -> tuple[str, str] | None:
    """The indicator a heading names, (as written, canonical): （二）地区生产总值稳步增长 → 地区生产总值. The figures
    under it that name no metric of their own (全年增长5.3%、总量达4.1万亿元) are about it."""
    found = [(m.start(), -len(m.group()), m.group()) for m in _known_metrics().finditer(expand(heading))]
    if not found:
        return None
    raw = min(found)[2]
    return raw, canonical(raw)


def paragraph_frame(doc: DocumentFrame, section: SectionFrame, province: str, method: str) -> Frame:
    """The frame a paragraph starts with: the heading's year, else the year reported on, else the document's;
    a plan's horizon in its goals part; the period an earlier paragraph of the section spoke of."""
    heading_year = section.heading_year
    reported = None if heading_year else doc.report_year
    previous = section.last_topic or (Topic(*doc.title_topic) if doc.title_topic else None)
    frame = Frame(doc=doc, province=province, method=method, year=heading_year or reported or doc.date.year,
                  heading=section.heading, topic=Topic(*section.topic) if section.topic else Topic(),
                  previous=previous)
    if reported:  # a January report on last year: what it states without a year is last year's, goals aside
        frame = evolve(frame, doc_year=doc.date.year, year_relative=False)
    elif heading_year:
        frame = evolve(frame, period=year_period(heading_year), year_relative=False)
    if section.plan_span is not None:  # what a plan's goals part states without a year is for the plan's horizon
        end = section.plan_span.end.year
        frame = evolve(frame, period=year_period(end), year=end, year_relative=False, plan_mood=True,
                        plan_span=section.plan_span)
    if section.period is not None and not heading_year:
        return evolve(frame, period=section.period, year=section.year, inherited=True,
                       year_relative=section.period.relative)
    return evolve(frame, pending=not heading_year)


def section_after_paragraph(section: SectionFrame, first: Period | None, today: date,
                            topic: Topic | None = None) -> SectionFrame:
    """The first period a section's text speaks of frames the paragraphs after it (unless in the future); what
    a paragraph ended speaking of is remembered for the next one."""
    if topic is not None and topic.metric:
        section = evolve(section, last_topic=topic)
    if first is None or section.period is not None or first.start > today:
        return section
    return evolve(section, period=first, year=first.end.year)


def stated_period(sentences: list[Sentence], today: date) -> Period | None:
    """The first year or span a paragraph states: the context of its undated figures before it."""
    for s in sentences:
        for p in s.periods(today.year, today):
            if in_brackets_about(s.text, p.pos, ""):
                continue  # （2020年为5.2万亿元）: a base year aside, not the paragraph's period
            if not p.base and not p.point and p.years_known and not p.relative and \
                    (p.span or (p.start.month, p.end.month) == (1, 12)) \
                    and p.end <= today:
                return p
    return None


def first_period(sentences: list[Sentence], year: int, today: date) -> Period | None:
    """The first period, of any kind, a paragraph without figures speaks of (it frames the section)."""
    for s in sentences:
        for p in s.periods(year, today):
            if not p.base and not p.point:
                return p
    return None


def with_stated_period(frame: Frame, sentences: list[Sentence]) -> Frame:
    """When a paragraph's first figure comes before any sentence set a period, the paragraph's first stated
    year or span is its period (…。2023年…: the undated figures before it speak of 2023 too)."""
    if not frame.pending:
        return frame
    first = stated_period(sentences, frame.today)
    if first is None or frame.period is not None:
        return evolve(frame, pending=False)
    return evolve(frame, pending=False, period=first, year=first.end.year, inherited=True, year_relative=False)


# 要/将/计划 opening a clause (not 要求, 将要素 …): the text sets goals
PLAN_MOOD = re.compile(rf"(?:^|[，,。；;：:\s])(?:{cue_pattern('plan.mood')})(?![求素闻点害件是么])")


def speaks_of_goals(text: str) -> bool:
    """Whether words before a figure set a goal: 要/将/计划 opening a clause, or a target cue (力争, 确保 …)."""
    return bool(PLAN_MOOD.search(text) or _TARGET.search(text))


_TARGET = re.compile(cue_pattern("kind.target"))


def after_sentence(frame: Frame, sentence: Sentence, own: list[Period], used: Period | None) -> Frame:
    """What a sentence leaves for the sentences after it: a goal mood, and its own periods — the last frames
    what follows, the first its figures use frames the section (从分析会获悉，1-8月…增长6.6%: 1—8月)."""
    if speaks_of_goals(sentence.text):
        frame = evolve(frame, plan_mood=True)
    own = [p for p in own if not in_brackets_about(sentence.text, p.pos, "")]
    if not own:
        return frame
    last = own[-1]
    changes: dict = {"inherited": False, "pending": False, "first_period": frame.first_period or used or own[0]}
    if last.span and last.years_known:
        changes["last_span"] = last
    single_month = not last.span and last.start.month == last.end.month
    if (not last.span or last.years_known) and not single_month:  # 12月当月 is that figure's alone
        changes["period"] = last
    if not last.span:
        changes["year"] = last.start.year
        changes["year_relative"] = last.relative
    return evolve(frame, **changes)
