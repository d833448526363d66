"""Find every indicator figure in a document and resolve its metric, measure, period, kind and province.

``extract_document(text, source=..., doc_date=...)`` is a pure function: text and metadata in, facts out.
It never guesses silently: a list of values it cannot pair with metrics or periods is skipped with a warning.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from .figures import Figure, find_figures
from .layout import Layout, Paragraph, analyse, guess_doc_province
from .lexicon import (
    cues,
    find_places,
    industry_names,
    industry_stems,
    metric_aliases,
    places,
    province_name_re,
    province_names,
)
from .metrics import EPITHET, PRONOUNS, canonical, english, expand, strip_phrase, strip_rank_phrase
from .numbers import cn_int
from .periods import Period, find_periods, plan_containing, relative_span_length, span_period, year_period
from .text import Normalised, normalise

_SENT_END = re.compile(r"[。！？!?；;]")
_CLAUSE = re.compile(r"[，,：:]|(?<=[\u4e00-\u9fff%])[ \u3000]+(?=[\u4e00-\u9fff])")
_GROUP_SEP = re.compile(r"^\s*(?:、|和|及|与|或|，|,)?\s*$")
_FROM_TO = re.compile(r"(?:增至|升至|提高到|提高至|提升至|提升到|扩至|增加到|倍增至|增长到|降至|下降到|下降至|跃升至|上升至|达到|缩小至|缩小到|扩大至|扩大到)\s*(?:\d{4}年的?)?\s*$")
_FROM = re.compile(r"(?:由|从)\s*(?:\d{4}年的?)?\s*(?:全国|中部|全省)?\s*(?:不到|超过|近|约)?\s*$")
_BOUND_YEAR = re.compile(r"((?:19|20)\d\d)年(?:的|为|是|达到|达|末|底)?\s*(?:超过|不到|近|约|突破)?\s*$")
_ACHIEVE = re.compile(r"(?:共建成|累计建成|新建成|建成|新建|培育形成|培育|形成|拥有|新增|认定|创建|获批|入选|引进|开通|累计|共有|现有|有)\s*$")
_PREP_BEFORE = re.compile(r"(?:(?:对|向|为|在|帮助|惠及|组织|带动|吸引|覆盖|贯通|围绕|以|进入|瞄准|聚焦)(?:全省|全国|全市|工信部)?|等|“|、[^，,。；、]{1,6})\s*(?:近|约|超|超过)?\s*$")
_POST_READING = re.compile(r"(?:\d年的|由|从|扩至|增至|升至|达到|达|为)\s*(?:近|约|超|超过)?\s*$")
_MID_CUE = re.compile(r"力争|争取|确保|预计|有望|计划|将")
_GENERIC_SUBJECT = re.compile(r"^(?:行业|大类行业|产品|城市|地区|市州)(?:增加值|产量|产值)?(?:保持|实现|增长|下降|均|都|中)")
_GENERIC_COUNT = {"行业", "大类行业", "产品", "城市", "地区", "市州", "县", "个", "家", "项"}
_PLAN_STRUCTURE = re.compile(r"^(?:是|重点产业|产业领域|领域|方面|行动|工程|任务|举措|环节|方向|省份|省区市|省市|城市|地区|市州)|(?:领域|方面|行动|工程|任务|举措|意识|自信|水平|能力|作用|效应)$")
_GENERIC_HEAD = re.compile(r"^(企业|项目|单位)(?=先后|获批|入选|上市|实施|成为|进入|通过|获得|被|荣获|列入|纳入|参与)")
_STREAK = re.compile(r"连续(\d+|[两三四五六七八九十]+)年[^，,。；]{0,8}$")
_INDICATOR = re.compile(r"差距|出口|进口|收入|产值|增加值|投资|规模|利润|额|总值|产量|数|量|率|比重|企业|基站|项目|平台|园区|基地|中心|集群|家|个|人|户|场景|产品|工厂|单位|机构|经费|资金|成本|指数|能力|销量|装机|节点|用户|人员|就业|税")
_PROVINCE_ONLY = re.compile(r"全省|全国|我省|[\u4e00-\u9fff]{2,3}省?")
_MULTI_SUBJECT = re.compile(r"\d+个(?:省份|省区市|省市|地区|城市|市州)|[粤苏鲁京津冀沪浙皖闽赣豫鄂湘桂琼渝川黔滇陕甘辽吉黑晋]{2,4}(?=经济|三省|两省|地区|GDP|合计)|[三两]省份?")
_CREATE = re.compile(r"打造|培育|建设|新建|挖掘|搭建|开发|新增|创建|建成|组建|引进|认定|推动|形成|布局|争创|力争|确保")
_CUMULATIVE = r"累计|累积|共计|合计|总计|共建成|共有|每年"
_BARE = {"营业收入", "营收", "产值", "收入", "利润", "利润总额", "利税", "税金", "增加值", "产业规模", "销售收入", "主营业务收入", "投资",
         "出口", "进口", "税收"}
_INCREMENT = re.compile(r"(?:增加了|增加|减少了|减少|增长了|多了)\s*(?:约|近|超过)?\s*$")
_NOUN_END = re.compile(r"[，,。；;、：:（）()]|和|及|与|的|先后|实施|入选|获批|上市|成为|落户|建成|进入|实现")


@dataclass
class Fact:
    """One fact as the data contract describes it (see ``indcli.contract``)."""

    province: str
    metric: str
    metric_raw: str
    measure: str
    value: float
    unit: str
    comparator: str
    period_start: date
    period_end: date
    period_label: str
    kind: str
    source: str
    line: int
    quote: str
    mentions: int = 1
    metric_en: str = ""
    city: str = ""
    scope: str = ""
    province_method: str = ""
    doc_date: date | None = None
    char_start: int = 0
    char_end: int = 0
    figure_text: str = ""
    continued_from_line: int | None = None
    fact_id: str = ""
    paragraph: int = field(default=-1, repr=False)
    relative: bool = field(default=False, repr=False)  # its period was read against the document's date

    def key(self) -> tuple:
        """What makes two statements the same fact within one document."""
        return (self.province, self.city, self.metric, self.measure, round(self.value, 6), self.unit,
                self.comparator, self.period_start, self.period_end, self.kind)

    def as_row(self) -> dict:
        from .contract import COLUMN_NAMES

        return {name: getattr(self, name, None) for name in COLUMN_NAMES}


@dataclass
class _Ctx:
    """What a paragraph has established so far: its year, last span, subject province, last metric."""

    year: int
    province: str
    method: str
    period: Period | None = None
    last_span: Period | None = None
    metric_raw: str = ""
    metric: str = ""
    last_group: list = field(default_factory=list)  # [(metric_raw, metric, period)] of the last list of values
    plan_mood: bool = False  # the paragraph speaks of what is to be done (要…, 力争…)
    year_relative: bool = True  # ctx.year is the document's year, not one the text stated
    plan_span: Period | None = None  # in a plan's goals part: the plan period (新增… over it)
    sentence_metric: str = ""  # the first metric named in the current sentence
    by_unit: dict = field(default_factory=dict)  # unit → (metric_raw, metric) last seen with it
    measure_by_unit: dict = field(default_factory=dict)  # unit → the measure last seen with it
    inherited: bool = False  # the period came from an earlier paragraph under the same heading
    pending_text: str = ""  # paragraph text whose first stated period is the context, if no sentence sets one
    cumulative: bool = False  # the paragraph counts totals over its span (累计…)
    first_period: Period | None = None  # the first period the paragraph states: the frame for its section
    heading: str = ""
    doc_year: int = 0  # the year the document was written, when ``year`` defaults to the year it reports on


@dataclass
class _Section:
    """What the paragraphs under one heading have established: the period last spoken of, the heading's name."""

    heading: str = ""
    period: Period | None = None
    year: int = 0
    plan_end: int = 0  # in the goals part of a plan document: the plan's last year
    plan_start: int = 0


@dataclass
class _Text:
    """A logical paragraph: one or more paragraphs joined across layout breaks, with where each part starts
    in the logical text (``starts``) and in the normalised document (the part's own ``start``)."""

    text: str
    starts: list[int]
    first: Paragraph
    parts: list[Paragraph]

    def part_index(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def offset(self, i: int) -> int:
        """Offset in the normalised document of logical character ``i``."""
        k = self.part_index(i)
        return self.parts[k].start + (i - self.starts[k])


def extract_document(text: str, *, source: str, doc_date: date | None, province: str | None = None,
                     warnings: list[str] | None = None) -> list[Fact]:
    """All facts of one document. ``province`` overrides the document's own (guessed from its text).

    With ``doc_date`` None, figures whose period depends on the date (今年, 前三季度 with no year) are left out
    with a warning instead of being guessed.
    """
    if doc_date is None:
        facts = extract_document(text, source=source, doc_date=date.today(), province=province, warnings=warnings)
        kept = [f for f in facts if not f.relative]
        if len(kept) < len(facts) and warnings is not None:
            warnings.append(f"{source}: no date in the text; {len(facts) - len(kept)} figure(s) whose period depends "
                            "on it were left out (give the date with --date YYYY-MM-DD)")
        for f in kept:
            f.doc_date = None
        return kept
    norm = normalise(text)
    doc_prov = province or guess_doc_province(norm.text)
    if not doc_prov and warnings is not None:
        warnings.append(f"{source}: names no province; its figures are stored with an empty province unless a "
                        "sentence names one (give it with --province)")
    layout = analyse(norm.text, doc_prov)
    warn = warnings if warnings is not None else []
    facts: list[Fact] = []
    heading_year: int | None = None
    section = _Section()
    line_starts = _line_starts(norm.original)
    plan = _plan_period(norm.text, doc_date)
    report_year = _report_year(norm.text, doc_date)
    in_plan_part = False  # past the plan's review of what was achieved
    for para in layout.paragraphs:
        if para.is_heading:
            m = re.search(r"((?:19|20)\d\d)年(?!\d{1,2}月)", para.text)
            heading_year = int(m.group(1)) if m else None
            item = re.fullmatch(r"\d{1,2}\.([^，,。；;：:\d]{2,24})。?", para.text)
            if plan and _PLAN_PART.search(para.text):
                in_plan_part = True
            elif plan and _REVIEW_PART.search(para.text):
                in_plan_part = False
            section = _Section(heading=item.group(1) if item else "", plan_end=plan[1] if plan and in_plan_part else 0,
                               plan_start=plan[0] if plan and in_plan_part else 0)
            continue
        if para.furniture or para.continues is not None:
            continue
        logical = _logical(norm.text, layout, para)
        facts.extend(_paragraph_facts(logical, norm, layout, source, doc_date, heading_year, warn, section,
                                      line_starts, None if heading_year else report_year))
    facts = _resolve_ambiguous(facts, layout)
    return _merge(facts, source, doc_date)


def _logical(text: str, layout: Layout, para: Paragraph) -> _Text:
    parts = [para]
    seen = {para.index}
    while parts[-1].continued_by is not None and parts[-1].continued_by not in seen:
        nxt = layout.paragraphs[parts[-1].continued_by]
        seen.add(nxt.index)
        parts.append(nxt)
    chars: list[str] = []
    starts: list[int] = []
    n = 0
    for p in parts:
        starts.append(n)
        chars.append(text[p.start : p.end])
        n += p.end - p.start
    return _Text("".join(chars), starts, para, parts)


def _sentences(t: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENT_END.finditer(t):
        out.append((start, m.end()))
        start = m.end()
    if start < len(t):
        out.append((start, len(t)))
    return [(a, b) for a, b in out if t[a:b].strip()]


_REPORTED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?:全年)?(?:[,，]|全省|我省|全市)")


_ANNUAL_TITLE = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?:度)?[^，,。\n]{0,16}(?:统计公报|经济运行情况|工作总结|年度报告|年报)")


def _report_year(text: str, doc_date: date) -> int | None:
    """The year a document written early in a year reports on: the whole of last year, stated before any other
    year near its start (2019年，全省地区生产总值达到… in a January release). None otherwise."""
    title = _ANNUAL_TITLE.search(text[:200])  # 河南省2021年国民经济和社会发展统计公报, published in the spring
    if title and int(title.group(1)) == doc_date.year - 1 and doc_date.month <= 6:
        return int(title.group(1))
    if doc_date.month > 3:
        return None
    m = re.search(r"(?<!\d)(?:19|20)\d\d年", text[:400])
    if m is None:
        return None
    r = _REPORTED_YEAR.match(text, m.start())
    return int(r.group(1)) if r and int(r.group(1)) == doc_date.year - 1 else None


def _paragraph_facts(lt: _Text, norm: Normalised, layout: Layout, source: str, doc_date: date,
                     heading_year: int | None, warn: list[str], section: _Section,
                     line_starts: list[int], report_year: int | None = None) -> list[Fact]:
    para = lt.first
    ctx = _Ctx(year=heading_year or report_year or doc_date.year, province=para.province, method=para.method)
    ctx.heading = section.heading
    if report_year:  # a January report on last year: what it states without a year is last year's, goals aside
        ctx.doc_year, ctx.year_relative = doc_date.year, False
    elif heading_year:
        ctx.period, ctx.year_relative = year_period(heading_year), False
    if section.plan_end:  # what a plan's goals part states without a year is for the plan's horizon
        ctx.period, ctx.year, ctx.year_relative, ctx.plan_mood = year_period(section.plan_end), section.plan_end, False, True
        ctx.plan_span = span_period(section.plan_start, section.plan_end)
    if section.period is not None and not heading_year:
        ctx.period, ctx.year, ctx.inherited = section.period, section.year, True
        ctx.year_relative = section.period.relative
    elif not heading_year:
        ctx.pending_text = lt.text  # the paragraph's first stated year is looked up only if a figure needs it
    out: list[Fact] = []
    if not _MAY_HAVE_FIGURE.search(lt.text):  # nothing to extract: only its period may frame the section
        if section.period is None and not heading_year:
            first = next((p for p in find_periods(lt.text, ctx.year, doc_date) if not p.base), None)
            if first is not None and first.start <= doc_date:
                section.period, section.year = first, first.end.year
        return out
    for a, b in _sentences(lt.text):
        sentence = lt.text[a:b]
        for raw in _sentence_facts(sentence, ctx, doc_date, warn, source):
            fa, fb = raw.pop("span")
            qa, qb = _quote_span(lt, a, b, fa, fb)
            oa, ob = norm.span(qa, qb)
            line = bisect.bisect_right(line_starts, norm.start_of(lt.offset(a + fa)))
            first_line = bisect.bisect_right(line_starts, norm.start_of(lt.offset(a)))
            fact = Fact(source=source, line=line, quote=norm.original[oa:ob], char_start=oa, char_end=ob,
                        doc_date=doc_date, paragraph=para.index,
                        continued_from_line=first_line if first_line != line else None, **raw)
            out.append(fact)
    fp = ctx.first_period
    if fp is not None and section.period is None and fp.start <= doc_date:
        section.period, section.year = ctx.first_period, ctx.first_period.end.year
    return out


def _line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` begin, so a line number is one bisection away."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


_PLAN_TITLE = re.compile(r"规划|行动计划|实施方案|工作方案|发展纲要")
_PLAN_PART = re.compile(r"主要目标|发展目标|总体目标|重点任务|主攻方向|发展重点|重点工程|保障措施|政策与保障|总体要求|空间布局")
_REVIEW_PART = re.compile(r"发展基础|发展现状|发展成就|回顾|主要成效|取得的成绩")


def _plan_period(text: str, doc_date: date) -> tuple[int, int] | None:
    """(first, last) year of the plan a document sets out, if its opening names a plan and a period still open."""
    head = text[:1500]
    if not _PLAN_TITLE.search(head):
        return None
    m = re.search(r"规划期(?:限)?为?\s*((?:19|20)\d\d)\s*[—–\-至到~]\s*((?:19|20)\d\d)", text)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
    else:
        plan = re.search(r"“?(十[一二三四五]五)”?(?:制造业|工业|.{0,12})?规划", head)
        if not plan:
            return None
        from .periods import PLANS

        first, last = PLANS[plan.group(1)]
    return (first, last) if last >= doc_date.year else None


def _first_period(text: str, doc_date: date) -> Period | None:
    """The first year or span a paragraph states: the context of its undated figures before it."""
    for p in find_periods(text, doc_date.year, doc_date):
        if _in_brackets_about(text, p.pos, ""):
            continue  # （2020年为5.2万亿元）: a base year aside, not the paragraph's period
        if not p.base and p.years_known and not p.relative and (p.span or (p.start.month, p.end.month) == (1, 12)) and p.end <= doc_date:
            return p
    return None


def _quote_span(lt: _Text, a: int, b: int, fa: int, fb: int) -> tuple[int, int]:
    """The sentence around a figure, cut to the part that is contiguous in the document (layout breaks)."""
    lo, hi = a + fa, a + fb - 1
    k_lo, k_hi = lt.part_index(lo), lt.part_index(hi)
    lo = max(a, lt.starts[k_lo])  # a quote never crosses a layout break: it must be a substring of the file
    part_end = lt.starts[k_hi + 1] if k_hi + 1 < len(lt.starts) else len(lt.text)
    hi = min(b, part_end) - 1
    text = lt.text
    while lo <= hi and text[lo].isspace():
        lo += 1
    while hi >= lo and text[hi].isspace():
        hi -= 1
    return lt.offset(lo), lt.offset(hi) + 1


# ---------------------------------------------------------------- sentence level


def _groups(sentence: str, figs: list[Figure]) -> list[list[Figure]]:
    """Figures that form a list (8%、7.4%和7.1%) share one metric phrase; ranks of other scopes stand apart."""
    groups: list[list[Figure]] = []
    for f in figs:
        if groups:
            prev = groups[-1][-1]
            between = sentence[prev.end : f.start]
            same_kind = (prev.dimension == f.dimension or {prev.unit, f.unit} <= {"个", "百分点"}
                         or {prev.unit, f.unit} <= {"%", "倍"})
            if _GROUP_SEP.match(between) and same_kind and not (f.unit == "位" and f.scope and f.scope != prev.scope):
                if between.strip() not in ("，", ",") or "分别" in sentence[: f.start]:
                    groups[-1].append(f)
                    continue
        groups.append([f])
    for g in groups:  # 8.2个、10.4个、4.9个百分点: the last unit is the list's unit
        if g[-1].unit == "百分点":
            for i, f in enumerate(g):
                if f.unit == "个":
                    g[i] = replace(f, unit="百分点", dimension="points")
        if g[0].unit == "位":
            for i, f in enumerate(g):
                if not f.scope:
                    g[i] = replace(f, scope=g[0].scope)
    return groups


@lru_cache(maxsize=64)
def _clause_starts(sentence: str) -> list[int]:
    return [m.end() for m in _CLAUSE.finditer(sentence)]


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last ，,：: before it)."""
    starts = _clause_starts(sentence)
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0 and starts[i] > pos:
        i -= 1
    return starts[i] if i >= 0 else 0


@lru_cache(maxsize=64)
def _cue_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _last_cue(text: str, table: dict[str, list[str]]) -> tuple[str, str, int] | None:
    """The cue word nearest the end of ``text``: (category, word, end position); longer wins at a tie."""
    best = None
    for cat, words in table.items():
        pat = _cue_re(tuple(words))
        for m in pat.finditer(text):
            w = m.group()
            cand = (m.end(), len(w), cat, w)
            if best is None or cand[:2] > best[:2]:
                best = cand
        # overlapping shorter words (降低 inside 降低率) end earlier and lose anyway
    return (best[2], best[3], best[0]) if best else None


def _measure(fig: Figure, cue_text: str) -> tuple[str, str]:
    """(measure, cue word) of a figure from its unit and the words before it."""
    if fig.unit == "位":
        return "rank", ""
    if fig.unit == "百分点":
        return "diff", ""
    if fig.unit in ("%", "倍"):
        table = {k: v for k, v in cues()["measure"].items() if k in ("cagr", "growth", "share")}
        c = _last_cue(cue_text[-16:], table)
        if c:
            return c[0], c[1]
        m = re.search(r"(增速|增幅|降幅|降低率|下降率)", cue_text)
        if m:
            return "growth", m.group(1)
        return ("share", "") if fig.unit == "%" else ("growth", "")
    return "level", ""


_PERIOD_WORD = re.compile(r"\d{4}年|\d+月|[一二三四]季度|上半年|下半年|全年|今年|明年|去年")
_YARDSTICK = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|比|较)[^，,。；]{0,4}$")


def _kind(sentence: str, pos: int, period: Period, doc_date: date, approx: bool = False) -> str:
    """target (a cue anywhere before in the sentence), forecast (a cue in the figure's clause), else by date."""
    k = cues()["kind"]
    clause = sentence[_clause_start(sentence, pos) : pos]
    c = _last_cue(clause, {"forecast": k["forecast"], "actual": k["actual"], "target": k["target"]})
    if c and c[0] != "actual" and _YARDSTICK.search(clause[: c[2] - len(c[1])]):
        return "actual"  # 比年初目标高0.5个百分点: the result measured against a goal
    if c and c[0] != "actual":
        return c[0]
    if c is None and re.search(r"(?:预计|预测)[，,：:]", sentence[:pos]):
        return "forecast"  # 会议预计，2024年数字经济规模将突破1.8万亿元: the frame says what follows is an estimate
    t = _last_cue(sentence[:pos], {"target": k["target"]})
    if c is None and t and not _YARDSTICK.search(sentence[: t[2] - len(t[1])]):
        return "target"
    f = _last_cue(sentence[:pos], {"forecast": k["forecast"], "actual": k["actual"]}) if c is None and approx else None
    if f and f[0] == "forecast" and not _PERIOD_WORD.search(clause):
        return "forecast"  # 预计一季度增加值增长5.5%左右，用电量增长7%左右: the estimate goes on
    if c is None and period.start.year > doc_date.year:
        return "target"
    if (c is None or c[1] == "完成") and (period.start, period.end) == (date(doc_date.year, 1, 1), date(doc_date.year, 12, 31)) \
            and re.search(r"全年(?!有望|预计|可望|将)", sentence[:pos]):
        return "target"  # 全年实施项目300个 written before the year is out: a goal, not a result
    if c is None and period.start > doc_date:
        return "forecast"
    return "actual"


_NATIONAL = re.compile(r"(?:^|[，,。；]|年|月)\s*全国(?!平均|水平|第|的|首|唯一|重要|领先|前列)")


def _subject(sentence: str, upto: int, ctx: _Ctx) -> tuple[str, str, str]:
    """(province, method, city) for a figure at ``upto``: a province or city named as the subject before it."""
    prov, method, city = ctx.province, ctx.method, ""
    head = sentence[:upto]
    clause = head[_clause_start(sentence, upto):]
    best = -1
    names = province_names()
    for m in province_name_re().finditer(head):
        before = head[max(0, m.start() - 3) : m.start()]
        if re.search(r"(超越|超过|高于|低于|与|比|较|赶上|相比|和|同|及|、|对|向|落户|在)$", before):
            continue
        if m.start() > best:
            best, prov, method = m.start(), names[m.group()], "subject"
    cs = _clause_start(sentence, upto)
    m = _NATIONAL.search(sentence[cs:upto + 4])
    if m and m.end() > upto - cs:
        m = None
    if m and not re.search(r"(高于|快于|低于|慢于|比|较|占|居|列|赶上|超过|与)\s*全国", clause):
        if m.start() >= best:
            prov, method = "全国", "subject"
    own_subject = best >= cs or m is not None or re.search(r"^\s*(?:全省|我省|全市|本省)", clause)
    if not own_subject and ("国内生产总值" in clause or any(n.start() >= best for n in _NATIONAL.finditer(head[:cs]))):
        prov, method = "全国", "subject"  # 全国工业增长4%，国内生产总值增长5%: still the nation
    table = places()
    for m in find_places(clause):
        name = m.group()
        p, kind = table[name]
        if kind != "city":
            continue
        i = m.start()
        if "全省" not in clause[i:] and not re.search(r"(落户|在|以|支持|推动|助力|向|对|与|同|赴|和|及|、)$", clause[:i]):
            city, prov = name, p  # the clause is about this city: its figure is the city's, in the city's province
            method = "subject"
    if not city and not re.search(r"^\s*(?:全省|全市|我省|全国)", clause) and not province_name_re().search(clause):
        earlier = _city_subject(head[:cs], clause.lstrip())
        if earlier:  # 赣州稀土产业营收超800亿元，稀土产业规模居全国第一: the clause goes on about the city
            city, prov, method = earlier[0], earlier[1], "subject"
    return prov, method, city


_WHEN = r"(?:\d{4}年|\d{1,2}[-—–~至]\d{1,2}月|上半年|前三季度|今年以来|[一二三四]季度)"
_REGION_FRAME = re.compile(rf"\s*(?:{_WHEN}[，,]?\s*)?(?:(?:分地区|从地区|分市州|从市州|分区域|从区域)(?:来)?看[，,：:]\s*)?"
                           rf"(?:{_WHEN}[，,]?\s*)?")


def _city_subject(text: str, clause: str) -> tuple[str, str] | None:
    """The city an earlier clause of the sentence opened with, when ``clause`` goes on about the same thing (it
    repeats that clause's topic, 稀土产业…，稀土产业规模…) or has no subject of its own (…，高于全省1个百分点)."""
    table = places()
    found = None
    for m in find_places(text):
        p, kind = table[m.group()]
        if kind != "city" or not re.search(rf"(?:^|[，,。：:])\s*{EPITHET}?\s*$", text[: m.start()]):
            continue
        topic = text[m.end() :]
        same = len(clause) >= 2 and topic.startswith(clause[:2]) and not re.match(r"[\d一二三四五六七八九十]", clause)
        opens = bool(_REGION_FRAME.fullmatch(text[: m.start()]))  # 分地区看，成都市…: the sentence is about the city
        if same or opens or re.match(r"(?:高于|快于|低于|慢于|比|较|同比|增长|增速|占)", clause):
            found = (m.group(), p)
        else:
            found = None
    return found


_SERVICE_VERB = re.compile(r"开展|推广|实施|进行|提供|给予|落实|培训|指导|帮扶|服务|监察|检查|评估|认定|奖励|补贴|支持")


def _served_count(sentence: str, fig: Figure, clause_before: str) -> str:
    """For 对N家企业VERB…: the metric 'VERB…' + the counted noun (enterprises or people reached), else ''.

    Counts of places after 对 (对16个市州进行考核) are the scope of an assessment, not figures: only 家, 名, 户, 人.
    """
    if fig.unit not in ("家", "名", "人", "户") or not re.search(
            r"对\s*(?:近|约|超|超过)?\s*$|对[^，,。；]*?[家名人户](?:企业|单位)?[^，,。；]{0,8}(?:和|、|及)\s*(?:近|约)?\s*$",
            clause_before):
        return ""
    rest = re.split(r"[，,。；;：:]", sentence[fig.end :])[0]
    verb = _SERVICE_VERB.search(rest)
    if not verb or verb.start() == 0:
        return ""
    noun = re.split(r"和|、|及", rest[: verb.start()])[0]
    return rest[verb.start():] + noun if noun else ""


def _noun_after(sentence: str, fig: Figure) -> str:
    """The thing a count names when the count stands before it: 建成15个企业级平台 → 企业级平台."""
    rest = sentence[fig.end :]
    rest = re.sub(r"^(?:以上|左右)", "", rest)
    head = _GENERIC_HEAD.match(rest)
    if head:  # 58家企业获批新一轮重点小巨人企业 → 获批新一轮重点小巨人企业
        clause = re.split(r"[，,。；;：:]", rest[head.end():])[0].replace("了", "")
        noun = head.group(1).lstrip("家个")
        return clause if clause.endswith(noun) else clause + noun
    if re.match(r"^[一二三四五六七八九十两]?[万亿千百]", rest):
        return ""  # 2个万亿、6个五千亿: the parts of a plan's name
    m = _NOUN_END.search(rest)
    noun = rest[: m.start()] if m else rest
    if not noun and m and m.start() == 0 and re.match(r"先后|实施|入选|获批|上市|成为|进入", rest):
        clause = re.split(r"[，,。；;：:]", rest)[0].replace("了", "")
        return clause + ("企业" if fig.unit == "家" else "")
    noun = noun.strip().rstrip("了的")
    return "" if noun.endswith("中") else noun


_PREDICATE = re.compile(r"始终|保持|持续|继续|实现|达到|高于|快于|低于|增长|下降|稳定|大幅|明显|不断|进一步|稳步|较快|首次|超越|超过|位居|跃居|迈上|突破|领跑|加速|加快|正在|快速|缩小|扩大|表现|同样|\d")


def _previous_subject(sentence: str, start: int) -> str:
    """When a clause has no subject (…，分别增长8%…), the subject of the clause before it."""
    before = sentence[: _clause_start(sentence, start)].rstrip("，,：: ")
    prev = before[_clause_start(before, len(before)) :]
    prev = re.sub(r"(?:19|20)\d\d\s*(?:[—–\-至~]\s*(?:19|20)\d\d)?\s*年", "", prev)
    m = _PREDICATE.search(prev)
    head = prev[: m.start()] if m else (prev if len(prev) <= 24 else "")
    head = re.sub(r"(增速|增幅|规模)$", "", strip_phrase(head))
    if _PROVINCE_ONLY.fullmatch(head) or not (_INDICATOR.search(expand(head)) or head.endswith("业")):
        return ""
    return head


def _owner(sentence: str, start: int) -> str:
    """For a bare 营收/产值: the industry named at the end of the clause before (…五大优势产业，全年营收…)."""
    subject = _previous_subject(sentence, start)
    if subject.endswith(("产业", "集群", "行业", "园区")):
        return subject
    before = sentence[:start].rstrip("，,、 ")
    m = re.search(r"([^，,、。；等]{2,12}?(?:产业|行业|集群|企业|平台))$", before)
    if m:
        return re.sub(r"^(?:突破性发展|发展|推动|加快|培育|做大做强|壮大)", "", m.group(1))
    return ""


def _heading_owner(heading: str) -> str:
    """A plan's section heading names the industry its bare 营业收入 belongs to (5.现代农产品加工 → …产业)."""
    h = re.sub(r"[（(].*?[）)]", "", heading).strip("“”\" 。.")
    if 2 <= len(h) <= 14 and not re.search(r"[，,；;：:、]|^第.{1,3}[章节]|发展|方向|任务|目标|重点", h):
        return h if h.endswith(("产业", "集群", "行业")) else h + "产业"
    return ""


_MAY_HAVE_FIGURE = re.compile(r"\d|第\s*[一二三四五六七八九十]|[破过超达上][万千百]亿元|[千百十]万千瓦|百分之")


def _sentence_facts(s: str, ctx: _Ctx, doc_date: date, warn: list[str], source: str) -> list[dict]:
    figs = find_figures(s) if _MAY_HAVE_FIGURE.search(s) else []
    periods = find_periods(s, ctx.year, doc_date)
    out: list[dict] = []
    # update the paragraph's period context from this sentence (for figures with no period of their own)
    own = [p for p in periods if not p.base]
    if figs and ctx.pending_text:
        first = _first_period(ctx.pending_text, doc_date)
        ctx.pending_text = ""
        if first is not None and ctx.period is None:
            ctx.period, ctx.year, ctx.inherited = first, first.end.year, True
            ctx.year_relative = False
    groups = _groups(s, figs)
    ctx.sentence_metric = ""
    topic = _TOPIC.search(s)
    if topic and canonical(strip_phrase(topic.group(1))) in metric_aliases().values():
        ctx.metric_raw, ctx.metric = topic.group(1), canonical(strip_phrase(topic.group(1)))  # 从经济总量看，江苏位居第二，为…
    prev_end = 0
    last_from: tuple[dict, Figure] | None = None
    used_own: Period | None = None
    for group in groups:
        g0 = group[0]
        start = max(_clause_start(s, g0.start), prev_end)
        listed_after = s[prev_end : g0.start].startswith("、") and bool(out)  # 新增A企业1.2万家、B企业800家
        cue_text = s[start : g0.start]
        wide_text = s[_clause_start(s, g0.start) : g0.start]
        prev_end = group[-1].end
        measure, cue_word = _measure(g0, wide_text)
        if not cue_word and g0.unit == "%" and re.search(r"(?:上年|去年|上一年)的?\s*$", s[: g0.start]) and \
                ctx.measure_by_unit.get("%"):
            measure = ctx.measure_by_unit["%"]  # 与去年的6.5%持平: the same measure as the figure it is compared with
        elif measure == "share" and not cue_word and g0.unit == "%" and ctx.measure_by_unit.get("%") == "growth" \
                and not strip_phrase(cue_text) and not re.search(r"比重|占|率|比例", wide_text):
            measure = "growth"  # 增长6%左右，力争达到6.5%: a bare percentage goes on with the growth just stated
        # the metric phrase
        raw_phrase = _phrase(cue_text, periods, start)
        if measure == "growth" and cue_word in cues()["negative"]["words"]:
            raw_phrase = raw_phrase.replace(cue_word, "", 1) if not raw_phrase.endswith(cue_word) else raw_phrase
        if g0.prenominal and measure == "level" and not _POST_READING.search(s[: g0.start]):
            raw_phrase = _prenominal_phrase(s, group)
            if raw_phrase is None:
                continue
        if g0.dimension == "money" and s[: g0.start].endswith("过") and not s[: g0.start].endswith("超过") and any(
                f.prenominal and f.end <= g0.start and f.start >= _clause_start(s, g0.start) for f in figs):
            continue  # 5个中药单品销售额过10亿元: the amount is a threshold, not a figure
        bare_now = strip_phrase(raw_phrase)
        if measure in ("level", "cagr", "growth") and bare_now in _BARE:
            raw_phrase = _owned(bare_now, s, start, ctx)
        increment = measure == "level" and bool(_INCREMENT.search(s[: g0.start]))
        if not strip_phrase(raw_phrase) and measure not in ("diff", "rank"):
            raw_phrase = _subject_from_clause_before(s, start, figs, ctx) or raw_phrase
        if measure == "share":
            raw_phrase = _share_phrase(raw_phrase, s, group[-1])
        if measure == "rank" and g0.scope:  # 在10个工业大省中位居第二: the group ranked in is the scope
            raw_phrase = re.sub(r"^[^，,]*?中(?=(?:继续|仍然|仍|依然|依旧|始终)?(?:保持|位居|居|排名|排|列|稳居|名列)$)", "",
                                raw_phrase)
        per_province = _province_list(raw_phrase, len(group), "分别" in s[_clause_start(s, g0.start) : g0.start + 1])
        if per_province:  # 甲、乙两省工业增速分别为…: one value per province
            raw_phrase = per_province[1]
        items = _items(strip_phrase(raw_phrase) or raw_phrase, len(group), s, g0.start)
        metric_pairs = [_metric_for(item, measure, ctx, g0.unit) for item in items]
        if out and len(group) == 1 and _BRACKETED_BASE.search(s[: g0.start]) and out[-1]["unit"] == g0.unit:
            metric_pairs = [(out[-1]["metric_raw"], out[-1]["metric"])]  # 达到8万亿元（2020年为5.2万亿元）
            measure = out[-1]["measure"]
        if measure == "diff" and re.search(r"合计|共同|合力", cue_text) and len(ctx.last_group) > 1:
            whole = _SUMMARY_NOUN.findall(s[: g0.start])  # A、B两大行业…，合计拉动2.5个百分点: all of them together
            if not whole:
                continue
            metric_pairs = [(whole[-1], canonical(whole[-1]))]
        named_after = re.match(r"的([^，,。；、\d]{2,8})", s[group[-1].end :])
        if len(group) == 1 and not strip_phrase(raw_phrase) and named_after:
            name = re.sub(r"(?:数据|的)$", "", named_after.group(1))
            if canonical(name) in metric_aliases():  # 对比2019年8.1万亿元的GDP
                metric_pairs = [(name, canonical(name))]
        if measure == "growth" and re.search(r"产量[^。；;]*其中|产品(?:产量)?中[，,]", s[: g0.start]):
            metric_pairs = [(r, m + "产量") if m and not re.search(r"(?:值|入|额|量|率|资|润|数|重|指数)$", m) else (r, m)
                            for r, m in metric_pairs]  # 高端产品产量较快增长，其中光纤增长12%
        if listed_after and out[-1]["metric"].startswith("新增"):  # 新增A 1.2万家、B 800家: 新增 covers B too
            metric_pairs = [(r, "新增" + m if m and not re.match(r"新增|累计|总", m) else m) for r, m in metric_pairs]
        if increment:
            metric_pairs = [(r, m + "增量") for r, m in metric_pairs]
        # periods for each figure
        fig_periods = _periods_for(s, group, periods, ctx, measure)
        if fig_periods is None:
            warn.append(f"{source}: skipped a list of {len(group)} values with no matching periods or metrics: "
                        f"{s.strip()[:60]}")
            continue
        # distribute
        n = len(group)
        if len(metric_pairs) == 1 and n == 1 and "均" in wide_text and len(ctx.last_group) > 1 and measure == "rank":
            pairs = [(r, m) for r, m, _p in ctx.last_group]  # A、B分别…，均列中部第一
            fig_periods = [p for _r, _m, p in ctx.last_group]
            group = group * len(pairs)
        elif len(metric_pairs) == n:
            pairs = metric_pairs
        elif len(metric_pairs) == 1:
            pairs = metric_pairs * n
            if n > 1 and len({p.label for p in fig_periods}) == 1 and not per_province:
                prior = [(r["metric_raw"], r["metric"], _row_period(r)) for r in out if r["measure"] not in ("diff", "rank")]
                source_group = ctx.last_group if len(ctx.last_group) == n else (prior[-n:] if len(prior) >= n else [])
                if source_group and ("分别" in s[: g0.start] or measure in ("diff", "rank")):
                    pairs = [(r, m) for r, m, _p in source_group]
                    if bare_now in _BARE or bare_now in ("增加值", "营业收入"):
                        pairs = [(r, _swap_base(m, bare_now)) for r, m in pairs]
                    own_here = [p for p in periods if not p.base and p.end_pos <= g0.start and p.pos >= start - 20]
                    fig_periods = [own_here[-1]] * n if own_here else [p for _r, _m, p in source_group]
                elif measure != "rank":
                    warn.append(f"{source}: skipped {n} values that share one metric and period: {s.strip()[:60]}")
                    continue
        elif n > 1 and "均" not in wide_text + raw_phrase:
            warn.append(f"{source}: skipped {n} values that do not pair with the {len(metric_pairs)} metrics named: "
                        f"{s.strip()[:60]}")
            continue
        else:  # 均: every metric takes every value
            pairs = [mp for mp in metric_pairs for _ in group]
            group = [f for _ in metric_pairs for f in group]
            fig_periods = [p for _ in metric_pairs for p in fig_periods]
        new_group = []
        for fig, (mraw, metric), period in zip(group, pairs, fig_periods, strict=True):
            if not metric and fig.unit == "辆":  # 力争明年突破100万辆: vehicles named earlier in the sentence
                vehicle = re.findall(r"新能源汽车|智能网联汽车|乘用车|商用车|专用车|汽车", s[: fig.start])
                if vehicle:
                    mraw = metric = vehicle[-1] + "产量"
            if not metric:
                continue
            value = _signed(fig, measure, cue_word, s[start : fig.start])
            period = _adjusted_period(period, fig, measure, cue_word, metric, s[start : fig.start],
                                      [p for p in periods if p.base and not p.relative and p.end_pos <= fig.start
                                       and p.pos >= start - 12], ctx)
            prov, method, city = _subject(s, fig.start, ctx)
            clause_text = s[_clause_start(s, fig.start) : fig.start]
            if per_province:
                k = group.index(fig)
                prov, method, city = per_province[0][k], "subject", per_province[2][k]
            elif _MULTI_SUBJECT.search(clause_text) or re.search(r"相加|加总|总和", clause_text) and \
                    _MULTI_SUBJECT.search(s[: fig.start]):
                continue  # 3个省份均增长8%, 粤苏鲁…GDP总量相加: figures about several provinces at once
            if fig.unit == "%" and re.search(r"(?:与|超过|高于|低于|比)全国[^，,。；\d]{0,10}$", clause_text) \
                    and s[fig.end : fig.end + 1] == "的":
                continue  # 与全国4.2%的增速相当: the national figure is only the yardstick
            if _in_brackets_about(s, fig.start, "全国"):
                continue  # 高于全国1.3个百分点（全国为3.8%）: an aside giving the yardstick
            kind = _kind(s, fig.start, period, doc_date, approx=fig.comparator == "~")
            mood = ctx.plan_mood or bool(_PLAN_MOOD.search(s[: fig.start]))
            if fig.prenominal and not _CREATE.search(s[_clause_start(s, fig.start) : fig.start]):
                mood = False  # 发挥12个产业园的作用: an existing stock, not a goal
            if kind == "actual" and mood and period.end >= doc_date and not _actual_cue(s, fig.start):
                kind = "target"
            scope = ""
            if measure == "rank":
                scope = fig.scope
            elif measure == "diff":  # the yardstick: in the words before it, its clause, or the sentence's frame
                scope = (_scope(s[start : fig.start], weak=False) or _scope(clause_text, weak=False)
                         or _frame_scope(s[: fig.start]) or _scope(s[start : fig.start]) or _scope(clause_text))
            comparator = fig.comparator
            if comparator == "=" and fig is not group[0] and group[0].comparator in (">", "~", "<") and \
                    re.fullmatch(r"\s*[、和及与]\s*", s[group[group.index(fig) - 1].end : fig.start]):
                comparator = group[0].comparator  # 分别接近3千亿元和2千亿元: the cue governs the whole list
            if measure == "share" and comparator == "=" and _ABOUT_SHARE.search(clause_text):
                comparator = "~"  # 约占全国三成
            row = dict(province=prov, metric=metric, metric_raw=mraw, measure=measure, value=value, unit=fig.unit,
                       comparator=comparator, period_start=period.start, period_end=period.end,
                       period_label=period.label, kind=kind, metric_en=english(metric), city=city, scope=scope,
                       province_method=method, figure_text=fig.text, span=(fig.start, fig.end), relative=period.relative)
            prev = out[-1] if out else None
            if measure == "rank" and prev and prev["measure"] == "cagr" and prev["metric"] == metric and not any(
                    prev["span"][1] <= q.pos < fig.start for q in own):  # 年均增长7.7%，居全国第4位: the average's rank
                row.update(period_start=prev["period_start"], period_end=prev["period_end"],
                           period_label=prev["period_label"], relative=prev["relative"])
            # 由A增至B: A belongs to the start, B to the end
            if last_from and _FROM_TO.search(s[: fig.start]) and len(group) == 1:
                a_row, _a_fig = last_from
                if metric == a_row["metric"] or not strip_phrase(raw_phrase):
                    row.update(metric=a_row["metric"], metric_raw=a_row["metric_raw"], metric_en=a_row["metric_en"],
                               measure=a_row["measure"])
                    if a_row["_span"] is not None and _BOUND_YEAR.search(s[: fig.start]) is None:
                        sp = a_row["_span"]
                        a_row.update(period_start=date(sp.start.year, 1, 1), period_end=date(sp.start.year, 12, 31),
                                     period_label=f"{sp.start.year}年")
                        row.update(period_start=date(sp.end.year, 1, 1), period_end=sp.end, period_label=f"{sp.end.year}年")
                last_from = None
            row["_span"] = period if period.span and measure in ("level", "rank", "share") else None
            if _FROM.search(s[: fig.start]) and len(group) == 1:
                last_from = (row, fig)
            out.append(row)
            if used_own is None and any(period is p for p in own):
                used_own = period  # the period this sentence's figures speak of, not one in a name before them
            new_group.append((mraw, metric, period))
        if new_group:
            ctx.metric_raw, ctx.metric = new_group[-1][0], new_group[-1][1]
            ctx.sentence_metric = ctx.sentence_metric or ctx.metric
            ctx.by_unit[group[-1].unit] = (ctx.metric_raw, ctx.metric)
            ctx.measure_by_unit[group[-1].unit] = measure
            if len(new_group) > 1:
                ctx.last_group = new_group
    for row in out:
        row.pop("_span", None)
    if _PLAN_MOOD.search(s) or _last_cue(s, {"target": cues()["kind"]["target"]}):
        ctx.plan_mood = True
    _carry_periods(ctx, [p for p in own if not _in_brackets_about(s, p.pos, "")], used_own)
    return out


def _carry_periods(ctx: _Ctx, own: list[Period], used: Period | None = None) -> None:
    """What a sentence's own periods leave for the sentences after it in the paragraph; the first one its figures
    use frames the section (从三季度经济形势分析会获悉，1-8月…增长6.6%: 1—8月)."""
    if not own:
        return
    ctx.inherited = False
    ctx.pending_text = ""
    ctx.first_period = ctx.first_period or used or own[0]
    last = own[-1]
    if last.span and last.years_known:
        ctx.last_span = last
    single_month = not last.span and last.start.month == last.end.month
    if (not last.span or last.years_known) and not single_month:  # 12月当月 is that figure's alone
        ctx.period = last
    if not last.span:
        ctx.year = last.start.year
        ctx.year_relative = last.relative


def _prenominal_phrase(s: str, group: list[Figure]) -> str | None:
    """The metric of a count written before its noun (建成15个平台), or None when the count is not a figure:
    the scope of an activity (对16个市州), a label (等4个, 全省20个产业链产值…), a plan's structure."""
    g0 = group[0]
    clause_before = s[_clause_start(s, g0.start) : g0.start]
    served = _served_count(s, g0, clause_before)
    if served:  # 对1万多家企业开展质量管理活动: the enterprises an activity reached
        return served
    if _PREP_BEFORE.search(clause_before) or re.search(r"(?:对|向|帮助|组织|贯通|覆盖)(?:全省|全国)?\s*\d", clause_before):
        return None
    if re.search(r"[“\"][\dA-Za-z+]{1,8}[”\"](?:就是|是指|即|指)", clause_before):
        return None  # “5”就是建设5个园区: the count spells out a slogan's label
    phrase = _noun_after(s, group[-1])
    if (not phrase or phrase in _GENERIC_COUNT or _GENERIC_SUBJECT.match(phrase) or phrase.endswith("之一")
            or _PLAN_STRUCTURE.search(phrase) or re.search(r"(?:[万千百十]亿|亿元|亿|万亿元)级", phrase)
            or any(not phrase[: f.start].endswith("过") for f in find_figures(phrase))):
        return None  # a count that labels a subject (全省20个产业链产值突破2万亿元) is not a figure
    return phrase


_TOPIC = re.compile(r"(?:^|[，,。；;\s])从([^，,。；;\d]{2,12}?)(?:来看|上看|方面看|看)[，,]")
_BRACKETED_BASE = re.compile(r"[（(]\s*(?:19|20)\d\d年(?:末|底)?\s*(?:为|是|达到|达|约)?\s*$")
_SUMMARY_NOUN = re.compile(r"[一二三四五六七八九十两\d]+大(?:行业|产业|领域|板块|集群)")
_ABOUT_SHARE = re.compile(r"(?:约|大约|近)占[^，,。；;\d]*$")
_SUBJECT_AFTER = re.compile(r"的([\u4e00-\u9fff]{2,10}?)(?=[，,。；;、：:]|仍|是|并|已|在|为|正|都|也|还|将|要|不|未|有|占|成为|$)")


def _share_phrase(raw_phrase: str, s: str, fig: Figure) -> str:
    """A share's phrase without the adverb before 占 (约占全国 → 占全国), and with its subject when the subject
    follows the figure (占工业比重六成的传统产业 → 传统产业占工业比重)."""
    phrase = re.sub(r"(?:约|大约|近|已|共|仅|只)占", "占", raw_phrase)
    after = _SUBJECT_AFTER.match(s, fig.end)
    if strip_phrase(phrase).startswith("占") and after:
        return after.group(1) + strip_phrase(phrase)
    return phrase


def _owned(bare: str, s: str, start: int, ctx: _Ctx) -> str:
    """A bare 营收/利润/投资 with its owner: a sibling metric's subject (园区营业收入…、利润 → 园区利润), the
    projects just named (技改项目…完成投资 → 技术改造投资), the clause before, or the plan section's industry."""
    near = ctx.sentence_metric or ctx.metric
    sibling = next((b for b in sorted(_BARE, key=len, reverse=True) if near.endswith(b)), "")
    project = re.search(r"(项目|工程|企业)$", near)
    if sibling and len(near) > len(sibling):
        return near[: -len(sibling)] + bare
    if project and bare == "投资" and project.start() >= 2:
        return near[: project.start()] + bare
    return (_owner(s, start) or _heading_owner(ctx.heading)) + bare


def _subject_from_clause_before(s: str, start: int, figs: list[Figure], ctx: _Ctx) -> str:
    """For a clause with no subject (…，分别增长8%…): the subject of the clause before, when that clause states
    no figure of its own (else the paragraph's last metric carries over)."""
    cut = _clause_start(s, start)
    subject = _previous_subject(s, start)
    prev_start = _clause_start(s, max(0, cut - 1))
    if subject and (not ctx.metric or not any(prev_start <= f.start and f.end <= cut for f in figs)):
        return subject
    return ""


def _signed(fig: Figure, measure: str, cue_word: str, before: str) -> float:
    """The figure's value with the sign its words give it (下降6.1% → -6.1, 低于…0.5个百分点 → -0.5)."""
    value = fig.value
    if measure == "growth" and fig.unit in ("%", "倍") and value > 0 and (
            cue_word in cues()["negative"]["words"] or _negative(before)):
        return -value
    if measure == "diff" and value > 0 and re.search(r"(低于|慢于|回落|下降|下滑|收窄|减少)", before):
        return -value
    return value


def _adjusted_period(period: Period, fig: Figure, measure: str, cue_word: str, metric: str, before: str,
                     bases: list[Period], ctx: _Ctx) -> Period:
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
    if ctx.plan_span and measure == "level" and metric.startswith(("新增", "累计")) and \
            period.start == ctx.plan_span.end.replace(month=1, day=1) and period.end == ctx.plan_span.end:
        period = ctx.plan_span  # additions over the plan period, not in its last year alone
    if measure == "cagr" and not period.span:
        if cue_word.startswith("两年"):
            period = span_period(period.end.year - 1, period.end.year)
        else:
            y1, _y2 = plan_containing(period.end.year)
            period = span_period(y1, period.end.year)
    return period


_PLAN_MOOD = re.compile(r"(?:^|[，,。；;：:\s])(?:要|将|计划|重点是)(?![求素闻点害件是么])")


def _actual_cue(sentence: str, pos: int) -> bool:
    clause = sentence[_clause_start(sentence, pos) : pos]
    return _last_cue(clause, {"actual": cues()["kind"]["actual"]}) is not None


@lru_cache(maxsize=1)
def _province_list_re() -> re.Pattern[str]:
    name = province_name_re().pattern
    return re.compile(rf"^(?:全国)?((?:{name})(?:[、和及与](?:{name}))+)"
                      r"(?:[两三四五六七八九十\d]个?省(?:份|市|区)?|等省份?)?(.*)$")


@lru_cache(maxsize=1)
def _city_list_re() -> re.Pattern[str]:
    name = "|".join(re.escape(c) for c, (_p, kind) in sorted(places().items(), key=lambda t: -len(t[0])) if kind == "city")
    return re.compile(rf"^((?:{name})市?(?:[、和及与](?:{name})市?)+)(?:[两三四五六七八九十\d]个?市|等市)?(.*)$")


def _province_list(phrase: str, n: int, distributive: bool) -> tuple[list[str], str, list[str]] | None:
    """([provinces], rest of the phrase, [cities]) when a phrase begins with a list of ``n`` provinces or cities
    and 分别 pairs them with ``n`` values in order (杭州、宁波两市…分别增长4.8%和6.4%)."""
    if n < 2 or not distributive:
        return None
    text = phrase.strip("，, ")
    m = _province_list_re().match(text)
    if m:
        names = province_names()
        provs = [names[p] for p in province_name_re().findall(m.group(1))]
        return (provs, m.group(2), [""] * n) if len(provs) == n and all(provs) else None
    m = _city_list_re().match(text)
    if m:
        cities = [x.group() for x in find_places(m.group(1))]
        if len(cities) == n:
            return [places()[c][0] for c in cities], m.group(2), cities
    return None


def _row_period(row: dict) -> Period:
    return Period(row["period_start"], row["period_end"], row["period_label"], -1, -1)


def _swap_base(metric: str, base: str) -> str:
    """有色金属营业收入 with 增加值 named instead → 有色金属增加值."""
    for b in sorted(_BARE | {"营业收入"}, key=len, reverse=True):
        if metric.endswith(b):
            return canonical(metric[: -len(b)] + base)
    return canonical(metric + base)


def _negative(text: str) -> bool:
    words = cues()["negative"]["words"]
    tail = text[-8:]
    return any(w in tail for w in words)


def _in_brackets_about(s: str, pos: int, word: str) -> bool:
    """Whether ``pos`` is inside an open bracket whose text so far names ``word`` (…（全国为3.8%）)."""
    opened = max(s.rfind("（", 0, pos), s.rfind("(", 0, pos))
    closed = max(s.rfind("）", 0, pos), s.rfind(")", 0, pos))
    return opened > closed and word in s[opened:pos]


def _frame_scope(sentence: str) -> str:
    """The yardstick a sentence opens with (与上年同期相比，…下滑1个百分点 → 上年同期)."""
    m = re.search(r"(?:^|[，,])\s*(?:与|和|同)([^，,。；;]{2,10}?)(?:相比|比较|环比看|对比)[，,]", sentence)
    return m.group(1) if m else ""


def _scope(text: str, weak: bool = True) -> str:
    """What a difference is measured against: a comparison the text makes, else (``weak``) a region it names."""
    if re.search(r"同比(?:提高|增长|下降|回落|加快|提升|增加|减少)", text):
        return "上年同期"
    m = re.search(r"(?:较|比|对|相对)([^\d，,。；的]{1,8})的?领先", text)  # 对全国的领先优势扩大到2个百分点
    if m:
        return m.group(1)
    m = re.search(r"(?:高于|快于|低于|慢于|高出|比|较|超过)\s*((?:19|20)\d\d年[^\d，,。；]{0,12}?|[^\d，,。；]{1,12}?)(?:平均水平|平均)?(?:高|快|低|慢|分别|提高|提升|回升|加快|$)", text)
    if m:
        return re.split(r"[的小大多少由]", m.group(1))[0]
    m = re.search(r"(全国|中部|全省)", text) if weak else None
    return m.group(1) if m else ""


def _phrase(cue_text: str, periods: list[Period], offset: int) -> str:
    """The metric phrase: the clause text before the figure with its time expressions removed."""
    t = cue_text
    for p in sorted(periods, key=lambda p: -p.pos):
        if p.base and p.relative:
            continue  # 比上年 stays: it is stripped with the cue it belongs to (比上年增长)
        a, b = p.pos - offset, p.end_pos - offset
        if 0 <= a and b <= len(t) and a < b:
            lead = re.search(r"(?:(?:力争|争取|计划)(?:到|至)|(?:^|(?<=[，,\s]))(?:到|至|截至|截止))$", t[:a])
            if lead:
                a = lead.start()  # 到2027年: the horizon goes with its preposition
            elif p.base and (cmp := re.search(r"(?:比|较|与|同|相比)$", t[:a])):
                a = cmp.start()  # 单位增加值能耗比2020年下降14%: the base goes with its 比
            t = t[:a] + t[b:]
    parts = [x for x in re.split(r"[，,]", t) if x.strip()]
    return parts[-1] if parts else ""


_HEADS = ("增加值", "营业收入", "零售额", "销售额", "出口额", "投资", "产业规模", "规模", "产值", "收入", "利润", "出口",
          "产量", "增速")


def _items(phrase: str, n: int, sentence: str, pos: int) -> list[str]:
    """Split a metric phrase that lists several metrics (民间投资、技改投资分别增长…) into one per value."""
    if "、" not in phrase and not re.search(r"[^、]{2,}(?:和|及)[^、]{2,}分别", phrase):
        return [phrase]
    clause = sentence[_clause_start(sentence, pos) : pos]
    distributive = "分别" in sentence[:pos] or "均" in phrase or "均" in clause
    if "等" in phrase:  # A、B、C等产品产量分别增长…: the items before 等, with the head noun after it
        before, _, after = phrase.partition("等")
        items = _list_items(before, n)
        head = next((h for h in _HEADS if after.endswith(h)), "")
        each = "均" in phrase or "均" in clause  # A、B等产品的产量均增长三成以上: every item has the value
        if head and len(items) > 1 and (distributive and len(items) == n or each and n == 1):
            return [x + head for x in items]
        if distributive and len(items) == n > 1 and all(x.endswith("业") for x in items):
            return items  # A业、B业等行业分别增长…: each industry is its own metric
        stem = re.sub(r"^(?:全省|我省)", "", before)
        if n == 1 and not distributive and stem in industry_stems() and re.search(r"制造业|产业|行业", after):
            return [industry_stems()[stem]]  # 计算机、通信和其他电子设备等行业增长…: the named industry
        return [phrase]
    subject, sep, rest = _split_subject(phrase)
    items = _list_items(subject, n)
    if len(items) < 2:
        return [phrase]
    # 纺织、建材两大产业营收: the summary noun (两大产业) belongs to no single item
    summary = re.search(r"[一二三四五六七八九十两\d]+大?(?:支柱|主导|优势|重点|新兴|传统)?(行业|产业|领域|板块)(?:增速)?"
                        r"(?=增加值|营业收入|产值|增速|$)", items[-1])
    if summary:
        items[-1] = items[-1][: summary.start()] + items[-1][summary.end() :]
        if summary.group(1) == "产业":  # 电子信息、装备制造三大支柱产业增加值 → 电子信息产业增加值, 装备制造产业增加值
            items = [_with_industry(x) for x in items]
    head = ""
    for suffix in _HEADS:  # a shared head noun on the last item (医药制造业、食品制造业增加值)
        if items[-1].endswith(suffix) and not items[0].endswith(suffix):
            head = suffix
            break
    qualifier = re.match(r"限额以上", items[0])
    if qualifier:  # 限额以上A类、B类和C零售额: the qualifier covers every item
        items = [x if x.startswith(qualifier.group()) else qualifier.group() + x for x in items]
    if n == 1 and not distributive and (re.search(r"和|及", subject) or not head):
        return [phrase]  # 计算机、通信和其他电子设备制造业 is one industry
    if not (len(items) == n or distributive or n == 1):
        return [phrase]
    return [(x if x.endswith(head) or not head else x + head) + sep + rest for x in items]


@lru_cache(maxsize=1)
def _industry_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in industry_names()))


def _list_items(text: str, n: int = 0) -> list[str]:
    """The items of a list joined by 、和及, keeping official industry names whole (酒、饮料和精制茶制造业); when
    splitting at 、 alone gives the ``n`` items wanted, 和/及 stay inside them (汽车及零部件产业)."""
    if n > 1:
        by_comma = _split_list(text, r"、")
        if len(by_comma) == n:
            return by_comma
    return _split_list(text, r"、|和|及")


def _split_list(text: str, seps: str) -> list[str]:
    kept = [m.span() for m in _industry_re().finditer(text)] if re.search(r"[、和及]", text) else []
    pieces, last = [], 0
    for m in re.finditer(seps, text):
        if not any(a <= m.start() < b for a, b in kept):
            pieces.append(text[last : m.start()])
            last = m.end()
    pieces.append(text[last:])
    return [x for x in pieces if x]


def _with_industry(item: str) -> str:
    """电子信息 → 电子信息产业, 装备制造增加值 → 装备制造产业增加值: the word a summary (三大产业) stood for."""
    head = next((h for h in _HEADS if item.endswith(h) and len(item) > len(h)), "")
    stem = item[: len(item) - len(head)]
    return item if stem.endswith("业") or not stem else stem + "产业" + head


def _split_subject(phrase: str) -> tuple[str, str, str]:
    for sep in ("占", "分别", "均"):
        i = phrase.find(sep)
        if i > 0:
            rest = phrase[i:]
            rest = "" if sep in ("分别", "均") else rest
            return phrase[:i], "", rest
    return phrase, "", ""


def _metric_for(item: str, measure: str, ctx: _Ctx, unit: str = "") -> tuple[str, str]:
    """(metric_raw, metric) for a phrase; pronouns (数量, 规模, 增速) and empty phrases take the last metric."""
    cut = _MID_CUE.split(item)
    if len(cut) > 1 and strip_phrase(cut[-1]):
        item = cut[-1]  # 全省工信系统将力争规上工业增加值: the metric is what follows the cue
    raw0 = strip_phrase(item)
    if (raw0 in ("总数", "总量", "总计", "") and re.search(r"累计|总数|总量|总计", item)
            and ctx.metric.startswith(("新增", "新认定", "新培育"))):
        stock = re.sub(r"^(?:新增|新认定|新培育)", "", ctx.metric)
        return stock, canonical(stock)  # 新增1860家，总数突破2.2万家: the total, not the additions
    raw = raw0 if raw0 in PRONOUNS else (strip_rank_phrase(item) if measure == "rank" else raw0)
    raw = re.sub(r"^(?:全省|我省)", "", raw)
    tier = re.fullmatch(r"(?:过|超过|超)([\d.]+|[千百十万亿]+)亿?元?(?:以上)?的?", raw)
    if measure == "level" and tier and ctx.metric:  # …过千亿元的集群2个，过500亿元的4个 → …过500亿元的集群
        m_tier = re.search(r"(?:过|超过|超)(?:[\d.]+|[千百十万亿]+)亿?元?(?:以上)?", ctx.metric)
        if m_tier:
            name = ctx.metric[: m_tier.start()] + raw.rstrip("的") + ctx.metric[m_tier.end():]
            return raw, canonical(name)
    if measure == "level" and unit == "元" and raw and ctx.metric and not _INDICATOR.search(expand(raw)):
        base = next((b for b in ("营业收入", "销售收入", "产值", "增加值") if ctx.metric.endswith(b)), "")
        if base:  # 其中现代化工7500亿元 under 现代化工及能源产业营业收入 → 现代化工营业收入
            raw = raw + base
    if measure in ("diff",) and ctx.metric:
        m_cmp = re.search(r"高于|快于|低于|慢于|高出|比|较|超过|拉动|拉升|带动", item)
        own = strip_phrase(item[: m_cmp.start()]) if m_cmp else ""
        own = re.sub(r"(?:增速|增幅|合计|年均)+$", "", own)
        if len(own) >= 4 and _INDICATOR.search(expand(own)) and canonical(own) != ctx.metric:
            return own, canonical(own)
        return ctx.metric_raw, ctx.metric
    if raw in PRONOUNS or re.fullmatch(r"(?:增速|数量|规模|总量)?(?:排名|排位|位次)?", raw):
        if raw in ("比重", "占比") and ctx.metric:
            return ctx.metric_raw + raw, canonical(ctx.metric + raw)
        if unit and unit in ctx.by_unit and measure == "level":
            return ctx.by_unit[unit]
        return (ctx.metric_raw, ctx.metric) if ctx.metric else ("", "")
    if measure == "level" and ctx.metric and re.fullmatch(r"(?:国家级|省级|市级|国家|全国|省级以上|国家和省级)", raw):
        return raw, canonical(re.sub(r"^.*?级(?:以上)?", raw, ctx.metric, count=1) if "级" in ctx.metric else raw + ctx.metric)
    if measure == "share" and re.search(r"(?:只|仅)?占$", raw) and len(raw) > 2:
        raw = re.sub(r"(?:只|仅)?占$", "", raw) + "占比"
        return raw, canonical(raw)
    if measure == "share" and re.search(r"占[^占]{1,16}$", raw) and not re.search(r"比重|占比|比例|率$", raw):
        raw = raw + "比重"  # 占全国, 占全市规上工业营收: a share of it
    if measure == "level" and unit == "元" and raw and not _INDICATOR.search(expand(raw)) and len(raw) <= 8 \
            and canonical(raw) not in metric_aliases():
        return raw, canonical(raw + ("产业规模" if not raw.endswith("产业") else "规模"))
    if measure == "share" and raw.startswith("对") and ctx.metric:
        owner = ctx.sentence_metric or ctx.metric
        return raw, canonical(owner + raw)
    if raw.startswith("占") and ctx.metric:
        return raw, canonical(ctx.metric + raw)
    if measure == "rank" and re.search(r"(增速|数量|规模)$", raw) and ctx.metric and len(raw) <= 4:
        return ctx.metric_raw, ctx.metric
    return raw, canonical(raw)


def _periods_for(s: str, group: list[Figure], periods: list[Period], ctx: _Ctx, measure: str) -> list[Period] | None:
    own = [p for p in periods if not p.base]
    out: list[Period] = []
    for fig in group:
        before = s[: fig.start]
        m = _BOUND_YEAR.search(before)
        if m and len(group) == 1:
            out.append(year_period(int(m.group(1))))
            continue
        if len(group) == 1 and re.search(r"(?:上年|去年|上一年)的?\s*$", before):
            out.append(year_period(ctx.year - 1))  # 与去年的6.5%持平: last year's value of the same thing
            continue
        prior = [p for p in own if p.end_pos <= fig.start  # (2020年为…) stays in its brackets
                 and not (_in_brackets_about(s, p.pos, "") and re.search(r"[）)]", s[p.end_pos : fig.start]))]
        cstart = _clause_start(s, fig.start)
        base_here = [p for p in periods if p.base and cstart <= p.pos and p.end_pos <= fig.start and not p.relative]
        if base_here and not [p for p in prior if p.pos >= cstart] and measure == "level" and len(group) == 1 \
                and not re.search(r"增加|减少|增长|下降|提高|降低", s[base_here[-1].end_pos : fig.start]):
            out.append(year_period(base_here[-1].end.year))  # 相比2019年浙江经济总量6.2万亿元
            continue
        if prior:
            p = prior[-1]
            if (len(group) == 1 and p.span and p.years_known and measure in ("level", "share", "rank")
                    and not ctx.cumulative and not re.search(_CUMULATIVE, s)
                    and not _FROM.search(before) and "由" not in s and "从" not in s):
                p = year_period(p.end.year)  # a stock stated over a span (五年来…达到12个) is its end-year value
            out.append(p)
        elif (later := [p for p in own if p.pos >= fig.end and not re.search(r"[（(]", s[fig.end : p.pos])]) \
                and later[0].pos < _sentence_clause_end(s, fig.end):
            out.append(later[0])  # a period after the figure in its clause, but not a base year in brackets
        elif ctx.doc_year and not ctx.plan_span and (
                _PLAN_MOOD.search(before) or _last_cue(before, {"target": cues()["kind"]["target"]})):
            out.append(replace(year_period(ctx.doc_year), relative=True))  # a goal in a report on last year: this year's
        elif ctx.period is not None:
            p = ctx.period
            if ctx.inherited and p.span and measure in ("level", "share", "rank") and not ctx.cumulative \
                    and not re.search(_CUMULATIVE, s):
                p = year_period(p.end.year)
            out.append(p)
        else:
            out.append(replace(year_period(ctx.year), relative=ctx.year_relative))
    n = len(group)
    if n > 1 and len({id(p) for p in out}) == 1:
        p = out[0]
        if p.span and not p.years_known:
            k = relative_span_length(p.label)
            if ctx.last_span and k == len(ctx.last_span.years):
                p = ctx.last_span
        if p.span and p.years_known and len(p.years) == n and measure not in ("cagr",):
            return [year_period(y) for y in p.years]
        if p.span and not p.years_known:
            return None
        return [p] * n
    if n == 1 and out[0].span and not out[0].years_known:
        k = relative_span_length(out[0].label)
        if ctx.last_span and k == len(ctx.last_span.years):
            return [ctx.last_span]
        return [ctx.period or year_period(ctx.year)]
    return out


def _sentence_clause_end(s: str, pos: int) -> int:
    m = _CLAUSE.search(s, pos)
    return m.start() if m else len(s)


# ---------------------------------------------------------------- document level


def _resolve_ambiguous(facts: list[Fact], layout: Layout) -> list[Fact]:
    """A paragraph printed as often in two sections goes to the other one when a figure of it contradicts a
    figure that its own section states elsewhere (seed 000: 15589 enterprises cannot be Jiangxi's 12727)."""
    paras = layout.paragraphs
    firm: dict[tuple, set[float]] = {}
    for f in facts:
        p = paras[f.paragraph]
        if not p.alt_province:
            firm.setdefault((f.province, f.metric, f.measure, f.period_start, f.period_end, f.kind), set()).add(f.value)
    from .layout import copy_key

    move: set[tuple[str, str]] = set()
    for f in facts:
        p = paras[f.paragraph]
        if p.alt_province and f.province == p.province:
            vals = firm.get((f.province, f.metric, f.measure, f.period_start, f.period_end, f.kind))
            if vals and f.value not in vals:
                move.add((copy_key(p.text), p.province))
    out = []
    for f in facts:
        p = paras[f.paragraph]
        if p.alt_province and (copy_key(p.text), p.province) in move and f.province == p.province:
            f = replace(f, province=p.alt_province, province_method="duplicate:contradiction")
        out.append(f)
    return out


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


def _without_comparator(f: Fact) -> tuple:
    """The fact's identity (``Fact.key``) whatever its comparator, with its scope."""
    return (*replace(f, comparator="").key(), f.scope)


def _merge(facts: list[Fact], source: str, doc_date: date) -> list[Fact]:
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
