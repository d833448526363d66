"""Time expressions: found in a sentence once (``scan_times``), resolved to dates against a year (``resolve_periods``).

The split follows the extractor/parser split of rule-based recognisers: the regex work is done once per sentence;
resolving 1—11月 or 今年 against the year the text is speaking of is cheap and may be redone as that year changes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from .lexicon import cue_pattern, cue_words
from .numbers import cn_int

PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
         "十五五": (2026, 2030)}
QUARTERS = {"前三季度": (1, 9), "一季度": (1, 3), "第一季度": (1, 3), "上半年": (1, 6), "二季度": (4, 6),
            "第二季度": (4, 6), "三季度": (7, 9), "第三季度": (7, 9), "四季度": (10, 12), "第四季度": (10, 12),
            "下半年": (7, 12), "前两季度": (1, 6), "前两月": (1, 2), "前2月": (1, 2), "一至三季度": (1, 9)}
DASH = "—–\\-－~～至到"
_QUARTER_ALT = "|".join(sorted(QUARTERS, key=len, reverse=True))
# 今年, 明年, 去年, 目前 …: read against the document's date
_RELATIVE_WORDS = cue_pattern("period.this_year", "period.next_year", "period.last_year", "period.the_year_before",
                              "period.past_year", "period.now")

# the characters a time expression can start with, checked first: most positions fail there at once
_STARTS = "".join(sorted({w[0] for w in (*QUARTERS, *cue_words(
    "period.this_year", "period.next_year", "period.last_year", "period.the_year_before", "period.past_year",
    "period.now", "period.recent_spans"))} | set("前近“\"一二两三四五六七八九十")))
_PERIOD = re.compile(
    rf"(?=[\d{re.escape(_STARTS)}])(?:"
    rf"(?P<day>(?:(?P<yd>(?:19|20)\d\d)\s*年\s*)?(?P<md>\d{{1,2}})\s*月\s*(?P<dd>\d{{1,2}})\s*日)"
    rf"|(?P<span>(?P<s1>(?:19|20)\d\d)\s*年?\s*[{DASH}]\s*(?P<s2>(?:19|20)\d\d)\s*年)"
    rf"|(?P<ym>(?P<y1>(?:19|20)\d\d)\s*年\s*(?P<m1>\d{{1,2}})\s*[{DASH}]\s*(?P<m2>\d{{1,2}})\s*月(?!\d{{0,2}}日))"
    rf"|(?P<yq>(?P<y2>(?:19|20)\d\d)\s*年\s*(?P<q1>{_QUARTER_ALT}))"
    rf"|(?P<yone>(?P<y3>(?:19|20)\d\d)\s*年\s*(?P<m3>\d{{1,2}})\s*月(?!\d{{0,2}}日|份?[{DASH}\d]))"
    rf"|(?P<year>(?P<y>(?:19|20)\d\d)\s*年(?:度|{cue_pattern('period.year_end')})?(?!\d{{1,2}}\s*月))"

    rf"|(?P<months>(?P<m4>\d{{1,2}})\s*[{DASH}]\s*(?P<m5>\d{{1,2}})\s*月(?![\d]{{0,2}}日))"
    rf"|(?P<firstn>前\s*(?P<fn>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*个?月)"
    rf"|(?P<month>(?P<m6>\d{{1,2}})\s*月(?:当月|份)?(?![\d]{{0,2}}日|\s*[{DASH}]))"
    rf"|(?P<cnmonths>(?P<cm1>[一二三四五六七八九十]{{1,2}})\s*[{DASH}]\s*(?P<cm2>[一二三四五六七八九十]{{1,3}})\s*月)"
    rf"|(?P<q>{_QUARTER_ALT})"
    rf"|(?P<plan>(?:“|\")?(?P<pn>十[一二三四五]五)(?:”|\")?(?:{cue_pattern('period.plan_after')})?)"
    rf"|(?P<rel>(?:{cue_pattern('period.last_year')})同期|{_RELATIVE_WORDS})"
    rf"|(?P<after>(?P<an>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})\s*年(?P<ad>{cue_pattern('period.years_from')}))"
    rf"|(?P<relspan>(?P<rn>[两三四五六七八九十]|\d)年"
    rf"(?:{cue_pattern('period.span_after')}|(?={cue_pattern('period.span_verbs')}))"
    rf"|近(?P<rn2>[两三四五六七八九十]|\d)年|{cue_pattern('period.recent_spans')}))"
)
# kinds of expression whose dates come from the year being spoken of, or the document's date
_RELATIVE_KINDS = frozenset({"months", "month", "cnmonths", "q", "rel", "relspan", "firstn", "after"})
# kinds that take the year of a year written just before them (2024年1—11月)
_MONTH_KINDS = frozenset({"months", "q", "cnmonths", "month", "firstn"})


@dataclass(frozen=True)
class Period:
    """A resolved period. ``base`` marks a comparison base (较2015年) that no figure belongs to."""

    start: date
    end: date
    label: str
    pos: int
    end_pos: int
    base: bool = False
    span: bool = False
    future: bool = False
    years_known: bool = True
    relative: bool = False  # resolved against the document's date or context year (今年, 1—11月 …)
    point: bool = False  # a day (2月25日): the month of a reading taken that day, never a frame for what follows
    since: int = 0  # for N年后: the year it is counted from

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


@dataclass(frozen=True)
class TimeExpression:
    """A time expression as written, before it is resolved: which kind (a named group of the pattern), where,
    and the match. ``base``: a comparison word stands right before it (比2020年)."""

    kind: str
    pos: int
    end_pos: int
    match: re.Match[str]
    base: bool

    def group(self, name: str) -> str:
        return self.match.group(name) or ""


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def year_period(y: int, pos: int = -1, end_pos: int = -1, label: str | None = None) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), label or f"{y}年", pos, end_pos)


def span_period(y1: int, y2: int, pos: int = -1, end_pos: int = -1) -> Period:
    return Period(date(y1, 1, 1), date(y2, 12, 31), f"{y1}—{y2}年", pos, end_pos, span=True)


def months_period(y: int, m1: int, m2: int, pos: int = -1, end_pos: int = -1) -> Period:
    if m1 == m2:
        label = f"{y}年{m1}月"
    elif m1 == 1 and m2 == 12:
        return year_period(y, pos, end_pos)
    else:
        label = f"{y}年{m1}—{m2}月"
    return Period(date(y, m1, 1), month_end(y, m2), label, pos, end_pos)


def plan_containing(y: int) -> tuple[int, int]:
    """The five-year plan period that contains year ``y`` (2025 → 2021–2025)."""
    start = ((y - 1) // 5) * 5 + 1
    return start, start + 4


_MAY_HAVE_PERIOD = re.compile(r"(?:19|20)\d\d|\d\s*月|\d\s*年|[一二两三四五六七八九十]年[以之]?[后前内新累培建引]|个月|"
                              rf"{_RELATIVE_WORDS}|{cue_pattern('period.hints')}|"
                              r"十[一二三四五]五|[一二三四五六七八九十]\s*[—–\-－~～至到]")


_MULTIPLE_AFTER = re.compile(r"\s*的\s*[\d.]+\s*倍")


def _after_comparison(sentence: str, pos: int, end: int = -1) -> bool:
    """A comparison word right before ``pos`` (较2015年, 比上年), or a multiple of it right after (是2000年的12倍):
    the expression is a base, not a period."""
    head = sentence[max(0, pos - 3) : pos]
    return head.endswith(cue_words("comparison.base")) or (end >= 0 and bool(_MULTIPLE_AFTER.match(sentence, end)))


def scan_times(sentence: str) -> tuple[TimeExpression, ...]:
    """Every time expression in ``sentence`` as written: 2016—2019年, 1—11月, 今年, 十四五 …"""
    if not _MAY_HAVE_PERIOD.search(sentence):
        return ()
    out = []
    for m in _PERIOD.finditer(sentence):
        if sentence.startswith("以来的", m.end()):
            continue  # 延续去年以来的向好态势: a time describing a trend, not the period of the figures
        # each alternative is one outer named group, which closes last: lastgroup names the kind
        out.append(TimeExpression(m.lastgroup or "", m.start(), m.end(), m,
                                  _after_comparison(sentence, m.start(), m.end())))
    return tuple(out)


def _num(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_int(text)


def _day(t: TimeExpression, year: int, today: date) -> Period | None:
    m, d = int(t.group("md")), int(t.group("dd"))
    y = int(t.group("yd")) if t.group("yd") else year
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return replace(months_period(y, m, m, t.pos, t.end_pos), point=True, relative=not t.group("yd"))


def _years_after(t: TimeExpression, year: int, today: date) -> Period | None:
    """20年后 (or 10年前) counted from the year being spoken of."""
    n = _num(t.group("an"))
    if not n:
        return None
    later = year + n if "后" in t.group("ad") else year - n
    return replace(year_period(later, t.pos, t.end_pos), since=year)


def _span(t: TimeExpression, year: int, today: date) -> Period | None:
    y1, y2 = int(t.group("s1")), int(t.group("s2"))
    return span_period(y1, y2, t.pos, t.end_pos) if y1 < y2 else None


def _year_months(t: TimeExpression, year: int, today: date) -> Period | None:
    y, m1, m2 = int(t.group("y1")), int(t.group("m1")), int(t.group("m2"))
    return months_period(y, m1, m2, t.pos, t.end_pos) if 1 <= m1 <= m2 <= 12 else None


def _year_quarter(t: TimeExpression, year: int, today: date) -> Period | None:
    q1, q2 = QUARTERS[t.group("q1")]
    return months_period(int(t.group("y2")), q1, q2, t.pos, t.end_pos)


def _year_month(t: TimeExpression, year: int, today: date) -> Period | None:
    y, m = int(t.group("y3")), int(t.group("m3"))
    return months_period(y, m, m, t.pos, t.end_pos) if 1 <= m <= 12 else None


def _year(t: TimeExpression, year: int, today: date) -> Period | None:
    return year_period(int(t.group("y")), t.pos, t.end_pos)


def _months(t: TimeExpression, year: int, today: date) -> Period | None:
    m1, m2 = int(t.group("m4")), int(t.group("m5"))
    return months_period(year, m1, m2, t.pos, t.end_pos) if 1 <= m1 < m2 <= 12 else None


def _first_months(t: TimeExpression, year: int, today: date) -> Period | None:
    k = _num(t.group("fn"))
    return months_period(year, 1, k, t.pos, t.end_pos) if k and 1 <= k <= 12 else None


def _month(t: TimeExpression, year: int, today: date) -> Period | None:
    m = int(t.group("m6"))
    return months_period(year, m, m, t.pos, t.end_pos) if 1 <= m <= 12 else None


def _cn_months(t: TimeExpression, year: int, today: date) -> Period | None:
    m1, m2 = cn_int(t.group("cm1")), cn_int(t.group("cm2"))
    return months_period(year, m1, m2, t.pos, t.end_pos) if m1 and m2 and 1 <= m1 < m2 <= 12 else None


def _quarter(t: TimeExpression, year: int, today: date) -> Period | None:
    q1, q2 = QUARTERS[t.group("q")]
    return months_period(year, q1, q2, t.pos, t.end_pos)


def _plan(t: TimeExpression, year: int, today: date) -> Period | None:
    name = t.group("pn")
    after = t.match.string[t.end_pos : t.end_pos + 3]
    if after.startswith("规划") and not after.startswith("规划期"):
        return None  # “十四五”规划目标任务: the plan's name, not a period of the figures
    y1, y2 = PLANS[name]
    return Period(date(y1, 1, 1), date(y2, 12, 31), f"“{name}”({y1}—{y2}年)", t.pos, t.end_pos, span=True)


def _relative_word(t: TimeExpression, year: int, today: date) -> Period | None:
    w = t.group("rel").removesuffix("同期")
    if w in cue_words("period.next_year"):
        return year_period(today.year + 1, t.pos, t.end_pos)
    if w in cue_words("period.last_year", "period.the_year_before"):
        return year_period(today.year - 1, t.pos, t.end_pos)
    if w in cue_words("period.past_year"):
        return _past_year(t, today)
    return year_period(year if w == "全年" else today.year, t.pos, t.end_pos)


def _past_year(t: TimeExpression, today: date) -> Period | None:
    """过去一年 in a report of January to June is last year; from October on it is this year; in between it is the
    last twelve months, which no calendar period names (left to the frame)."""
    if today.month <= 6:
        return year_period(today.year - 1, t.pos, t.end_pos)
    return year_period(today.year, t.pos, t.end_pos) if today.month >= 10 else None


def last_five_years(today: date) -> tuple[int, int]:
    """五年来 as of ``today``: in a plan's first year the plan just ended, else the five whole years before (from
    October on the current year counts as whole).

    >>> last_five_years(date(2021, 10, 22)), last_five_years(date(2023, 1, 16)), last_five_years(date(2025, 12, 1))
    ((2016, 2020), (2018, 2022), (2021, 2025))
    """
    first, last = plan_containing(today.year)
    if today.year == first:
        return first - 5, last - 5
    end = today.year if today.month >= 10 else today.year - 1
    return end - 4, end


def _relative_span(t: TimeExpression, year: int, today: date) -> Period | None:
    w = t.group("relspan")
    if w in cue_words("period.five_years") or w.startswith("五年"):
        return span_period(*last_five_years(today), t.pos, t.end_pos)
    k = _num(t.group("rn") or t.group("rn2"))
    if not k:
        return None
    # "三年间": how many years is known, which years is read from context later
    return Period(date(year, 1, 1), date(year, 12, 31), w, t.pos, t.end_pos, span=True, years_known=False)


_RESOLVERS = {"day": _day, "span": _span, "ym": _year_months, "yq": _year_quarter, "yone": _year_month, "year": _year,
              "months": _months, "firstn": _first_months, "month": _month, "cnmonths": _cn_months, "q": _quarter,
              "plan": _plan, "rel": _relative_word, "relspan": _relative_span, "after": _years_after}


def _joins_year(out: list[Period], t: TimeExpression) -> bool:
    """2024年 directly followed by 1—11月 or 一季度: one period, the months of that year."""
    if not out or t.kind not in _MONTH_KINDS:
        return False
    prev = out[-1]
    return not prev.span and prev.end_pos >= t.pos - 1 and prev.start.month == 1 and prev.end.month == 12


def resolve_periods(sentence: str, times: tuple[TimeExpression, ...], year: int, today: date) -> list[Period]:
    """The periods of a sentence's time expressions; month-only ones take ``year``, which a year written in the
    sentence replaces for what follows it (2023年…，1—3月…)."""
    out: list[Period] = []
    for t in times:
        joined = _joins_year(out, t)
        if joined:
            year = out[-1].start.year
        p = _RESOLVERS[t.kind](t, year, today)
        if p is None:
            continue
        if t.kind in _RELATIVE_KINDS:
            p = replace(p, relative=True)
        if t.base or t.group("rel").endswith("同期"):
            p = replace(p, base=True)  # 上年同期 is always what something is compared with
        if t.kind == "rel" and t.group("rel") == "全年" and out and out[-1].end_pos >= t.pos - 1 and not out[-1].span:
            continue  # 2024年全年: the year already covers it
        if joined:
            prev = out.pop()
            p = Period(p.start, p.end, p.label, prev.pos, p.end_pos, base=prev.base, relative=prev.relative)
            p = replace(p, base=p.base or _after_comparison(sentence, p.pos))
        elif not p.span and not p.base and p.start.year == p.end.year:
            year = p.start.year
        out.append(p)
    return out


def find_periods(sentence: str, context_year: int, doc_date: date) -> list[Period]:
    """Every time expression in ``sentence``, resolved; month-only expressions take ``context_year``.

    >>> [p.label for p in find_periods("2024年1—11月，…；今年以来…", 2024, date(2024, 12, 15))]
    ['2024年1—11月', '2024年']
    """
    return resolve_periods(sentence, scan_times(sentence), context_year, doc_date)


def relative_span_length(label: str) -> int | None:
    """三年间 → 3 (the number of years a relative span names)."""
    m = re.match(r"近?([两三四五六七八九十]|\d)年", label)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else cn_int(m.group(1))


# a year after these is a goal's horizon (力争到2025年, 目标2030年), not a year reported on
HORIZON_BEFORE = re.compile(rf"(?:{cue_pattern('period.horizon_to')}|[，,。；\s]|^)(?:{cue_pattern('change.to')})$|"
                            rf"(?:{cue_pattern('period.horizon_alone')})$")
_YEAR_WRITTEN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*[—\-至~]\s*\d)")
_WHOLE_YEAR_AFTER = re.compile(rf"\s*(?:,|，|{cue_pattern('period.whole_year_after')}|"
                               rf"[^\d]{{0,8}}(?:{cue_pattern('period.whole_year_figures')}))")
_PART_YEAR_AFTER = re.compile(rf"\s*(?:{cue_pattern('period.part_year')}|[一二三四]季度|第[一二三四]季度|"
                              r"\d{1,2}\s*[-—–~至]\s*\d{1,2}月|\d{1,2}月)")
_PLANNED = re.compile(cue_pattern("period.planned"))


def reports_whole_year(text: str, year: int) -> bool:
    """Whether the text reports year ``year`` as a whole (2023年，全省… / 2023年GDP增长…), not a goal for it or a
    part of it, anywhere it names it."""
    for m in _YEAR_WRITTEN.finditer(text):
        if int(m.group(1)) != year or HORIZON_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        after = text[m.end() : m.end() + 12]
        clause = re.split(r"[。；;!！?？\n]", text[m.end() : m.end() + 40])[0]
        if _WHOLE_YEAR_AFTER.match(after) and not _PART_YEAR_AFTER.match(after) and not _PLANNED.search(clause):
            return True
    return False


