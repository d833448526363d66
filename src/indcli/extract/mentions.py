"""Mentions: every figure of a sentence read in full — metric, measure, period, kind, province — from its slot's
words and the frame, by the rules of ``rules.py`` in their declared order.

>>> from datetime import date
>>> from indcli.extract.frame import DocumentFrame, paragraph_frame, SectionFrame
>>> from indcli.extract.sentence import parse_sentence
>>> doc = DocumentFrame("a.txt", date(2024, 12, 15), True, "湖北")
>>> frame = paragraph_frame(doc, SectionFrame(), "湖北", "document")
>>> found, _frame, _warnings = read_sentence(parse_sentence("1—11月，全省规上工业增加值增长7.7%。"), frame)
>>> [(m.metric, m.value, m.period.label) for m in found]
[('规模以上工业增加值', 7.7, '2024年1—11月')]
"""

from __future__ import annotations

import re

from ..figures import Figure
from ..lexicon import cue_pattern, metric_aliases
from ..metrics import canonical, strip_phrase, strip_rank_phrase
from ..periods import Period
from ..provinces import figure_subject
from . import rules
from .checks import check
from .frame import Frame, Topic, after_sentence, with_stated_period
from .groups import distribute, phrase_items, province_list, slots
from .measure import diff_scope, measure_of, signed_value
from .model import Context, Mention, Reading, Slot
from .phrase import metric_name, phrase_before
from .sentence import Sentence
from .timing import adjusted_period, kind_of, periods_of
from .values import evolve

_TOPIC = re.compile(rf"(?:^|[，,。；;\s])从([^，,。；;\d]{{2,12}}?)(?:{cue_pattern('topic.looking')})[，,]")
_VEHICLES = re.compile(cue_pattern("names.vehicles"))


def _apply(table: tuple[rules.ReadingRule, ...], r: Reading, c: Context) -> Reading:
    for rule in table:
        if r.skip:
            break
        r = rule(r, c)
    return r


def _metrics(r: Reading, c: Context) -> Reading:
    """Provinces listed before 分别, the items the phrase lists, and the metric of each item."""
    slot = r.slot
    distributive = "分别" in c.text[slot.clause : slot.first.start + 1]
    per_province = r.per_province or province_list(r.phrase, len(slot.figures), distributive)
    phrase = per_province.rest if per_province else r.phrase
    items = phrase_items(strip_phrase(phrase) or phrase, len(slot.figures), c.sentence, slot.first.start)
    topic = c.frame.topic
    own = strip_rank_phrase if r.measure == "rank" else strip_phrase
    if not topic.metric and c.frame.previous is not None and \
            all(_MEASURE_WORD.fullmatch(own(i)) or r.measure == "rank" and not own(i) for i in items):
        topic = c.frame.previous  # 湖北增速居中部第一 in a paragraph after one about GDP: its growth's rank
    metrics = tuple(metric_name(item, r.measure, topic, slot.first.unit) for item in items)
    return evolve(r, phrase=phrase, per_province=per_province, metrics=metrics)


def read_slot(slot: Slot, c: Context) -> Reading:
    """A slot's reading: measure, phrase, metrics, periods and their pairing with its values."""
    g0 = slot.first
    measure, cue_word = measure_of(g0, c.text[slot.clause : g0.start])
    r = Reading(slot, measure, cue_word, phrase_before(c.text[slot.start : g0.start], list(c.periods), slot.start))
    r = _apply(rules.MEASURE_RULES, r, c)
    r = _apply(rules.PHRASE_RULES, r, c)
    if r.skip:
        return r
    r = _apply(rules.METRIC_RULES, _metrics(r, c), c)
    if r.skip:
        return r
    periods = periods_of(c.sentence, r.slot.figures, list(c.periods), c.frame, r.measure)  # a rule may re-slot
    if periods is None:
        return evolve(r, skip="periods", warning=f"skipped a list of {len(r.slot.figures)} values with no matching "
                                                  "periods or metrics")
    return distribute(evolve(r, periods=tuple(periods)), c)


def _vehicle(fig: Figure, c: Context) -> tuple[str, str]:
    """力争明年突破100万辆: vehicles named earlier in the sentence are what the count counts."""
    found = _VEHICLES.findall(c.text[: fig.start]) if fig.unit == "辆" else []
    return (found[-1] + "产量",) * 2 if found else ("", "")


def _mention(fig: Figure, pair: tuple[str, str], period: Period, r: Reading, c: Context) -> Mention | None:
    """One figure's mention before the figure rules: value, period, subject, kind and scope."""
    raw, metric = pair if pair[1] else _vehicle(fig, c)
    if not metric:
        return None
    s, frame = c.sentence, c.frame
    before = c.text[r.slot.start : fig.start]
    bases = [p for p in c.periods if p.base and not p.relative and p.end_pos <= fig.start and p.pos >= r.slot.start - 12]
    period = adjusted_period(period, r.measure, r.cue_word, metric, before, bases, frame)
    province, method, city = figure_subject(s, fig.start, frame.province, frame.method)
    scope = fig.scope if r.measure == "rank" else ""
    if r.measure == "diff":
        scope = diff_scope(before, s.clause_before(fig.start), c.text[: fig.start])
    return Mention(fig, raw, metric, r.measure, signed_value(fig, r.measure, r.cue_word, before), fig.comparator,
                   period, kind_of(s, fig.start, period, frame.today, approx=fig.comparator == "~"), province, method,
                   city, scope, period.relative, range_span=period if period.span and r.measure in ("level", "rank", "share")
                   else None)


def mentions_of(r: Reading, c: Context) -> list[Mention]:
    """The mentions of a read slot, each refined by the figure rules (which may drop it)."""
    out = []
    for k, (fig, pair, period) in enumerate(zip(r.figures, r.pairs, r.periods, strict=True)):
        m = _mention(fig, pair, period, r, c)
        m = evolve(m, position=k) if m is not None and k else m
        for rule in rules.FIGURE_RULES:
            if m is None:
                break
            m = rule(m, r, c)
        if m is not None:
            out.append(m)
    return out


def _join(earlier: tuple[Mention, ...], open_range: int | None, m: Mention, r: Reading,
          c: Context, own: list[Period]) -> tuple[tuple[Mention, ...], int | None]:
    """Add a mention to the sentence's, applying the rules that look across them (rank of an average, 由A增至B)."""
    single = len(r.figures) == 1
    m = rules.rank_of_an_average(m, earlier, own, c)
    if open_range is not None and single and rules.closes_a_range(c.text, m.figure.start):
        m, start = rules.from_a_to_b(m, earlier[open_range], r, c)
        earlier = earlier[:open_range] + (start,) + earlier[open_range + 1 :]
        open_range = None
    if single and rules.opens_a_range(c.text, m.figure.start):
        open_range = len(earlier)
    return earlier + (m,), open_range


def _topic_after(topic: Topic, found: list[Mention], r: Reading, c: Context) -> Topic:
    """What a slot's mentions leave as the topic: its last metric, the metric and measure of its unit, the list.
    A part named after 其中 does not replace the whole it is part of (…增长6.8%，其中电子信息…增长12.4%。陕西增长6.2%:
    陕西's is the whole's)."""
    raw, metric = found[-1].metric_raw, found[-1].metric
    whole = topic.whole
    if topic.metric and c.text[r.slot.clause :].lstrip().startswith("其中") and metric != topic.metric:
        whole = whole or (topic.metric_raw, topic.metric)  # the part is the topic until the sentence ends
    unit = r.figures[-1].unit
    by_unit = tuple((u, v) for u, v in topic.by_unit if u != unit) + ((unit, (raw, metric)),)
    measures = tuple((u, v) for u, v in topic.measure_by_unit if u != unit) + ((unit, r.measure),)
    last_group = tuple((m.metric_raw, m.metric, m.period) for m in found) if len(found) > 1 else topic.last_group
    return evolve(topic, metric_raw=raw, metric=metric, sentence_metric=topic.sentence_metric or metric,
                   by_unit=by_unit, measure_by_unit=measures, last_group=last_group, whole=whole)


_MEASURE_WORD = re.compile(rf"(?:{cue_pattern('measure.words', 'measure.rank_words')})")
_MEASURE_ONLY = re.compile(rf"({cue_pattern('measure.averages')})?(?:{cue_pattern('measure.speed_words')})|"
                           rf"({cue_pattern('measure.size_words')})")


def _opening_topic(s: Sentence, topic: Topic, previous: Topic | None) -> Topic:
    """从经济总量看，甲省位居第二: a sentence that opens with a known metric as its topic speaks of it; one that opens
    with a measure alone (从两年平均增速来看) speaks of that measure of what the paragraph before spoke of."""
    m = _TOPIC.search(s.text)
    named = next((canonical(x) for x in (m.group(1), strip_phrase(m.group(1))) if canonical(x) in metric_aliases().values()),
                 "") if m else ""
    if named:
        return evolve(topic, metric_raw=m.group(1), metric=named, sentence_metric="")
    only = _MEASURE_ONLY.fullmatch(m.group(1)) if m else None
    if only and not topic.metric and previous is not None:
        measure = ("cagr" if only.group(1) else "growth") if not only.group(2) else ""
        measures = tuple((u, v) for u, v in previous.measure_by_unit if u != "%") + ((("%", measure),) if measure else ())
        return evolve(previous, sentence_metric="", measure_by_unit=measures, last_group=(),
                      rate_cue=f"{only.group(1)}增长" if only.group(1) else "")
    return evolve(topic, sentence_metric="") if topic.sentence_metric else topic


def _checked(mentions: list[Mention], c: Context, warnings: list[str]) -> list[Mention]:
    """The mentions that pass the check stage (resolved where they could be); a warning for each that does not."""
    out = []
    for m in mentions:
        checked = check(m, c)
        if checked.warning and not m.silent:
            warnings.append(f"{c.frame.doc.source}: {checked.warning}: {c.text.strip()[:60]}")
        if checked.mention is not None:
            out.append(checked.mention)
    return out


def read_sentence(s: Sentence, frame: Frame, passage: list[Sentence] | None = None) -> tuple[list[Mention], Frame, list[str]]:
    """The mentions of one sentence, the frame it leaves for the next, and warnings for lists it had to skip."""
    # in a paragraph of goals in a report on last year, 全年 is this year (预计全年营收将突破4.8万亿元)
    year = frame.doc_year if frame.doc_year and frame.plan_mood else frame.year
    periods = tuple(s.periods(year, frame.today))
    if s.figures:
        frame = with_stated_period(frame, passage or [s])
    topic = _opening_topic(s, frame.topic, frame.previous)
    if topic is not frame.topic:
        frame = evolve(frame, topic=topic)
    own = [p for p in periods if not p.base and not p.point]  # a day frames nothing after it
    earlier: tuple[Mention, ...] = ()
    open_range: int | None = None
    used: Period | None = None
    warnings: list[str] = []
    for slot in slots(s):
        c = Context(s, periods, frame, earlier)
        r = read_slot(slot, c)
        if r.warning:
            warnings.append(f"{frame.doc.source}: {r.warning}: {s.text.strip()[:60]}")
        spoken = _checked(mentions_of(r, c) if not r.skip else [], c, warnings)
        found = [m for m in spoken if not m.silent]
        for m in found:
            earlier, open_range = _join(earlier, open_range, m, r, c, own)
            if used is None and any(m.period is p for p in own):
                used = m.period  # the period this sentence's figures speak of, not one in a name before them
        if spoken:
            frame = evolve(frame, topic=_topic_after(frame.topic, spoken, r, c))
    if frame.topic.whole:  # a part named after 其中 was the topic of its sentence only
        raw, metric = frame.topic.whole
        frame = evolve(frame, topic=evolve(frame.topic, metric_raw=raw, metric=metric, whole=None))
    return list(earlier), after_sentence(frame, s, own, used), warnings
