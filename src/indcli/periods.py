"""Time expressions: find them in a sentence and resolve them to dates against a document's date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from .lexicon import cues
from .numbers import cn_int

PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
         "十五五": (2026, 2030)}
QUARTERS = {"前三季度": (1, 9), "一季度": (1, 3), "第一季度": (1, 3), "上半年": (1, 6), "二季度": (4, 6),
            "第二季度": (4, 6), "三季度": (7, 9), "第三季度": (7, 9), "四季度": (10, 12), "第四季度": (10, 12),
            "下半年": (7, 12), "前两季度": (1, 6), "前两月": (1, 2), "前2月": (1, 2), "一至三季度": (1, 9)}
DASH = "—–\\-－~～至到"

_PERIOD = re.compile(
    rf"(?P<span>(?P<s1>(?:19|20)\d\d)\s*年?\s*[{DASH}]\s*(?P<s2>(?:19|20)\d\d)\s*年)"
    rf"|(?P<ym>(?P<y1>(?:19|20)\d\d)\s*年\s*(?P<m1>\d{{1,2}})\s*[{DASH}]\s*(?P<m2>\d{{1,2}})\s*月(?!\d{{0,2}}日))"
    rf"|(?P<yq>(?P<y2>(?:19|20)\d\d)\s*年\s*(?P<q1>{'|'.join(sorted(QUARTERS, key=len, reverse=True))}))"
    rf"|(?P<yone>(?P<y3>(?:19|20)\d\d)\s*年\s*(?P<m3>\d{{1,2}})\s*月(?!\d{{0,2}}日|份?[{DASH}\d]))"
    r"|(?P<year>(?P<y>(?:19|20)\d\d)\s*年(?:度|末|底)?(?!\d{1,2}\s*月))"
    rf"|(?P<months>(?P<m4>\d{{1,2}})\s*[{DASH}]\s*(?P<m5>\d{{1,2}})\s*月(?![\d]{{0,2}}日))"
    rf"|(?P<firstn>前\s*(?P<fn>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*个?月)"
    rf"|(?P<month>(?P<m6>\d{{1,2}})\s*月(?:当月|份)?(?![\d]{{0,2}}日|\s*[{DASH}]))"
    rf"|(?P<cnmonths>(?P<cm1>[一二三四五六七八九十]{{1,2}})\s*[{DASH}]\s*(?P<cm2>[一二三四五六七八九十]{{1,3}})\s*月)"
    rf"|(?P<q>{'|'.join(sorted(QUARTERS, key=len, reverse=True))})"
    r"|(?P<plan>(?:“|\")?(?P<pn>十[一二三四五]五)(?:”|\")?(?:期间|时期|以来|末)?)"
    r"|(?P<rel>今年|全年|本年|明年|去年|上年|上一年|目前|现已|当前|截至目前)"
    r"|(?P<relspan>(?P<rn>[两三四五六七八九十]|\d)年(?:间|来)|近(?P<rn2>[两三四五六七八九十]|\d)年|五年来|近几年)"
)
_BASE_BEFORE = ("较", "比", "相比", "与", "同比", "环比", "较上年", "比上年", "和")


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

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


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


_MAY_HAVE_PERIOD = re.compile(r"(?:19|20)\d\d|\d\s*月|\d\s*年|个月|今年|全年|本年|明年|去年|上年|上一年|目前|现已|当前|季度|半年|前两月|五年|年间|年来|"
                              r"近几年|十[一二三四五]五|[一二三四五六七八九十]\s*[—–\-－~～至到]")


def find_periods(sentence: str, context_year: int, doc_date: date) -> list[Period]:
    """Every time expression in ``sentence``; month-only expressions take ``context_year``."""
    out: list[Period] = []
    if not _MAY_HAVE_PERIOD.search(sentence):
        return out
    year_now = doc_date.year
    for m in _PERIOD.finditer(sentence):
        a = m.start()
        merge = bool(out) and not out[-1].span and out[-1].end_pos >= a - 1 and out[-1].start.month == 1 \
            and out[-1].end.month == 12 and (m.group("months") or m.group("q") or m.group("cnmonths")
                                             or m.group("month") or m.group("firstn"))
        if merge:
            context_year = out[-1].start.year
        b = m.end()
        g = m.lastgroup
        p: Period | None = None
        if m.group("span"):
            y1, y2 = int(m.group("s1")), int(m.group("s2"))
            if y1 < y2:
                p = span_period(y1, y2, a, b)
        elif m.group("ym"):
            y, m1, m2 = int(m.group("y1")), int(m.group("m1")), int(m.group("m2"))
            if 1 <= m1 <= m2 <= 12:
                p = months_period(y, m1, m2, a, b)
        elif m.group("yq"):
            y = int(m.group("y2"))
            q1, q2 = QUARTERS[m.group("q1")]
            p = months_period(y, q1, q2, a, b)
        elif m.group("yone"):
            y, m3 = int(m.group("y3")), int(m.group("m3"))
            if 1 <= m3 <= 12:
                p = months_period(y, m3, m3, a, b)
        elif m.group("year"):
            p = year_period(int(m.group("y")), a, b)
        elif m.group("months"):
            m1, m2 = int(m.group("m4")), int(m.group("m5"))
            if 1 <= m1 < m2 <= 12:
                p = months_period(context_year, m1, m2, a, b)
        elif m.group("firstn"):
            fn = m.group("fn")
            k = int(fn) if fn.isdigit() else cn_int(fn)
            if k and 1 <= k <= 12:
                p = months_period(context_year, 1, k, a, b)
        elif m.group("month"):
            m6 = int(m.group("m6"))
            if 1 <= m6 <= 12:
                p = months_period(context_year, m6, m6, a, b)
        elif m.group("cnmonths"):
            m1, m2 = cn_int(m.group("cm1")), cn_int(m.group("cm2"))
            if m1 and m2 and 1 <= m1 < m2 <= 12:
                p = months_period(context_year, m1, m2, a, b)
        elif m.group("q"):
            q1, q2 = QUARTERS[m.group("q")]
            p = months_period(context_year, q1, q2, a, b)
        elif m.group("plan"):
            y1, y2 = PLANS[m.group("pn")]
            p = Period(date(y1, 1, 1), date(y2, 12, 31), f"“{m.group('pn')}”({y1}—{y2}年)", a, b, span=True)
        elif m.group("rel"):
            w = m.group("rel")
            words = cues()["period"]
            if w in words["next_year"]:
                p = year_period(year_now + 1, a, b)
            elif w in words["last_year"]:
                p = year_period(year_now - 1, a, b)
            elif w == "全年":
                p = year_period(context_year, a, b)
            else:
                p = year_period(year_now, a, b)
        elif g in ("relspan", "rn", "rn2"):
            w = m.group("relspan")
            if w in ("五年来", "近五年", "近几年") or w.startswith("五年"):
                y1, y2 = plan_containing(year_now)
                if y2 > year_now or (y2 == year_now and doc_date.month < 10):
                    y1, y2 = y1 - 5, y2 - 5
                p = span_period(y1, y2, a, b)
            else:
                n = m.group("rn") or m.group("rn2")
                k = int(n) if n and n.isdigit() else cn_int(n or "")
                if k:  # "三年间": the span is read from context later
                    p = Period(date(context_year, 1, 1), date(context_year, 12, 31), w, a, b, span=True,
                               years_known=False)
        if p is None:
            continue
        if m.group("months") or m.group("month") or m.group("cnmonths") or m.group("q") or m.group("rel") or \
                m.group("relspan") or m.group("firstn"):
            p = replace(p, relative=True)
        if any(sentence[max(0, a - 3) : a].endswith(w) for w in _BASE_BEFORE):
            p = replace(p, base=True)
        if m.group("rel") == "全年" and out and out[-1].end_pos >= a - 1 and not out[-1].span:
            continue  # 2024年全年: the year already covers it
        if merge:
            prev = out.pop()
            p = Period(p.start, p.end, p.label, prev.pos, p.end_pos, base=prev.base, relative=prev.relative)
            a = prev.pos
        elif not p.span and not p.base and p.start.year == p.end.year:
            context_year = p.start.year
        before = sentence[max(0, a - 3) : a]
        if any(before.endswith(w) for w in _BASE_BEFORE):
            p = replace(p, base=True)
        out.append(p)
    return out


def relative_span_length(label: str) -> int | None:
    """三年间 → 3 (the number of years a relative span names)."""
    m = re.match(r"近?([两三四五六七八九十]|\d)年", label)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else cn_int(m.group(1))
