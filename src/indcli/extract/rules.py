"""The extractor's special cases, each a named rule with an invented example, applied in a declared order.

A slot (a list of figures and the words before it) is read in four steps, each a table of rules below:
``MEASURE_RULES`` and ``PHRASE_RULES`` refine a ``Reading``; ``METRIC_RULES`` fix the metric of each item;
``FIGURE_RULES`` refine or drop each figure's ``Mention``. A rule returns the reading or mention unchanged when
its pattern does not match, a new one when it does, and (figure rules) None to drop a figure. Rules that look
across a sentence's mentions (由A增至B) are ``SEQUENCE_RULES``, applied as each mention joins the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..lexicon import cue_pattern, cue_words, metric_aliases, places, province_name_re, province_names
from ..metrics import SCOPES, canonical, strip_phrase, strip_rank_phrase
from ..periods import Period, months_period, year_period
from .frame import PLAN_MOOD
from .groups import listed_provinces
from .measure import measure_of
from .model import Context, Mention, ProvinceList, Reading
from .phrase import (
    BARE,
    count_phrase,
    metric_name,
    owned,
    previous_subject,
    share_phrase,
    subject_of_clause_before,
)
from .sentence import in_brackets_about
from .timing import BOUND_YEAR, FROM, any_kind_cue, not_over, states_result
from .values import evolve

ReadingRule = Callable[[Reading, Context], Reading]
FigureRule = Callable[[Mention, Reading, Context], "Mention | None"]

# ---------------------------------------------------------------- measure


def measure_of_last_years_value(r: Reading, c: Context) -> Reading:
    """与去年的6.5%持平: a bare percentage after 上年/去年 has the measure of the figure it is compared with."""
    g0 = r.slot.first
    last = c.frame.topic.measure_with("%")
    if r.cue_word or g0.unit != "%" or not last or not _LAST_YEARS.search(c.text[: g0.start]):
        return r
    return evolve(r, measure=last)


_LAST_YEARS = re.compile(rf"(?:{cue_pattern('period.last_year', 'period.the_year_before')})的?\s*$")
_SHARE_MARK = re.compile(cue_pattern("measure.share_marks"))


def bare_percent_goes_on_growing(r: Reading, c: Context) -> Reading:
    """增长6%左右，力争达到6.5%: a bare percentage goes on with the growth just stated."""
    g0 = r.slot.first
    wide = c.text[r.slot.clause : g0.start]
    if r.measure != "share" or r.cue_word or g0.unit != "%" or c.frame.topic.measure_with("%") != "growth" \
            or strip_phrase(c.text[r.slot.start : g0.start]) or _SHARE_MARK.search(wide):
        return r
    return evolve(r, measure="growth")


_RATE_OPENING = re.compile(rf"(?:^|[，,。；;\s])从(?:{cue_pattern('measure.speed_words')})(?:{cue_pattern('topic.looking')})[，,]")


def rate_the_sentence_opens_with(r: Reading, c: Context) -> Reading:
    """从增速来看，西藏以6.4%位居全国第一: a sentence that opens naming a rate as its topic reads a bare percentage
    as that rate (growth), not as a share."""
    g0 = r.slot.first
    if r.measure != "share" or r.cue_word or g0.unit != "%" or _SHARE_MARK.search(c.text[r.slot.clause : g0.start]) \
            or not _RATE_OPENING.search(c.text[: g0.start]):
        return r
    return evolve(r, measure="growth")


def rate_of_the_topic(r: Reading, c: Context) -> Reading:
    """从两年平均增速来看，…增速分别为6.8%、6.4%: under a topic that is an average, a rate said plainly is that average."""
    cue = c.frame.topic.rate_cue
    if not cue or r.slot.first.unit != "%" or r.measure not in ("growth", "share") or \
            r.cue_word not in ("", *cue_words("measure.plain_rate")):
        return r
    return evolve(r, measure="cagr", cue_word=cue)


_RATE_NAMED_AFTER = re.compile(rf"的\s*(?P<rate>{cue_pattern('measure.speed_words', 'measure.rate_words')})"
                               rf"|的\s*(?P<share>{cue_pattern('measure.share_names')})")


def measure_named_after_the_value(r: Reading, c: Context) -> Reading:
    """西藏以6.4%的增速领跑全国; 分别以6.2%、6.1%的增幅位列第二、第三: the measure is named after the value it
    reads (的增速 is growth, 的比重 a share), whatever words stand before it."""
    last = r.slot.figures[-1]
    m = _RATE_NAMED_AFTER.match(c.text, last.end)
    if last.unit != "%" or m is None or r.measure == "cagr":
        return r
    return evolve(r, measure="growth" if m.group("rate") else "share", cue_word=m.group(m.lastgroup or "rate"))


_MULTIPLE_OF = re.compile(rf"(?:{cue_pattern('comparison.multiple_of')})[^，,。；]{{0,12}}?的\s*$")


def multiple_of_a_base(r: Reading, c: Context) -> Reading:
    """营业收入达到3.6万亿元，是2000年的12倍: a multiple of a base value is a comparison with it (diff, in 倍)."""
    g0 = r.slot.first
    if g0.unit != "倍" or not _MULTIPLE_OF.search(c.text[: g0.start]):
        return r
    return evolve(r, measure="diff", cue_word="")


MEASURE_RULES: tuple[ReadingRule, ...] = (measure_of_last_years_value, bare_percent_goes_on_growing,
                                          measure_named_after_the_value, rate_the_sentence_opens_with,
                                          rate_of_the_topic, multiple_of_a_base)

# ---------------------------------------------------------------- phrase

_HEDGE = cue_pattern("hedge.about", "hedge.near", "hedge.over", "hedge.over_short")
_READS = cue_pattern("range.from", "change.reached", "verb.reaches", "verb.equals")
_POST_READING = re.compile(rf"(?:\d年的|{_READS})\s*(?:{_HEDGE})?\s*$")
_INCREMENT = re.compile(rf"(?:{cue_pattern('change.by')})\s*"
                        rf"(?:{cue_pattern('hedge.about', 'hedge.near', 'hedge.over')})?\s*$")


_RANKED_BY = re.compile(r"(?:分别)?以\s*$")
_RANK_VERB_AFTER = re.compile(rf"\s*(?:的(?P<named>[^，,。；、\d]{{1,10}}?))?(?:、[^，,。；]{{1,12}})?"
                              rf"(?:{cue_pattern('rank.verbs_after_value', 'rank.leads')})")


def value_it_ranks_by(r: Reading, c: Context) -> Reading:
    """浙江以6.2万亿元位居第四; 河南、四川分别以4.7万亿元、4.6万亿元位列第五、第六; 西藏以6.4%的增速领跑全国: the value
    a province ranks by is of the metric ranked (the topic, or the one named after 的), not of the words before 以."""
    g0, last = r.slot.first, r.slot.figures[-1]
    after = _RANK_VERB_AFTER.match(c.text, last.end)
    if not _RANKED_BY.search(c.text[: g0.start]) or not after:
        return r
    named = after.group("named") or ""
    if named and named not in cue_words("measure.words", "measure.speed_words", "measure.rate_words"):
        return evolve(r, phrase=named)  # 以10.3万亿元的增加值位居全国第一
    head = _RANKED_BY.sub("", r.phrase)
    listed = listed_provinces(head)
    rest = strip_phrase(listed.rest if listed else re.sub(rf"^(?:{province_name_re().pattern})", "", head))
    return evolve(r, phrase=head if listed else rest)


_NAMED_AFTER_DE = re.compile(r"的\s*([^，,。；、\d]{2,10})")


def metric_named_after_the_value(r: Reading, c: Context) -> Reading:
    """其以4.3万亿元的经济总量，站上新台阶: a value brought in with 以 is of the indicator named after it (的经济总量)
    when that is a known one."""
    g0, last = r.slot.first, r.slot.figures[-1]
    m = _NAMED_AFTER_DE.match(c.text, last.end)
    if not m or not _RANKED_BY.search(c.text[: g0.start]):
        return r
    known = next((m.group(1)[:k] for k in range(len(m.group(1)), 1, -1) if m.group(1)[:k] in metric_aliases()), "")
    return evolve(r, phrase=known) if known else r


def overtaking_leaves_phrase(r: Reading, c: Context) -> Reading:
    """甲GDP被乙反超了: who overtook it is no part of the metric's name."""
    cut = _OVERTAKEN.sub("", r.phrase)
    return evolve(r, phrase=cut) if cut != r.phrase else r


def fall_word_leaves_phrase(r: Reading, c: Context) -> Reading:
    """单位能耗下降3%: the word that says a fall is not part of the metric's name."""
    if r.measure != "growth" or r.cue_word not in cue_words("negative.words") or r.phrase.endswith(r.cue_word):
        return r
    return evolve(r, phrase=r.phrase.replace(r.cue_word, "", 1))


def count_before_its_noun(r: Reading, c: Context) -> Reading:
    """建成15个智能工厂: a count written before its noun names that noun; 对16个市州考核 is no figure."""
    g0 = r.slot.first
    if not g0.prenominal or r.measure != "level" or _POST_READING.search(c.text[: g0.start]):
        return r
    phrase = count_phrase(c.sentence, r.slot.figures)
    return evolve(r, phrase=phrase) if phrase is not None else evolve(r, skip="label")


def threshold_is_no_figure(r: Reading, c: Context) -> Reading:
    """6个单品销售额过10亿元: the amount after 过 is a threshold the counted things pass, not a figure."""
    g0 = r.slot.first
    before = c.text[: g0.start]
    if g0.dimension != "money" or not before.endswith("过") or before.endswith("超过"):
        return r
    if any(f.prenominal and f.end <= g0.start and f.start >= r.slot.clause for f in c.sentence.figures):
        return evolve(r, skip="threshold")
    return r


def owner_of_bare_amount(r: Reading, c: Context) -> Reading:
    """五大产业…，全年营收1.2万亿元: a bare 营收/利润/投资 belongs to what the text just named."""
    bare = strip_phrase(r.phrase)
    r = evolve(r, bare=bare)
    if r.measure not in ("level", "cagr", "growth") or bare not in BARE:
        return r
    return evolve(r, phrase=owned(bare, c.sentence, r.slot.start, c.frame.topic, c.frame.heading))


def increase_by(r: Reading, c: Context) -> Reading:
    """企业数增加了300家: a level after 增加/减少 is the change, not the stock."""
    if r.measure == "level" and _INCREMENT.search(c.text[: r.slot.first.start]):
        return evolve(r, increment=True)
    return r


def high_end_of_a_range(r: Reading, c: Context) -> Reading:
    """增速将保持在6%—7%区间: the high end of a range is of the low end's metric and measure."""
    g0 = r.slot.first
    prev = c.earlier[-1] if c.earlier else None
    if prev is None or g0.comparator != "<=" or prev.comparator != ">=" or \
            not re.fullmatch(r"\s*[~～—–\-至到]\s*", c.text[prev.figure.end : g0.start]):
        return r
    return evolve(r, phrase=prev.metric_raw, measure=prev.measure)


def subject_of_previous_clause(r: Reading, c: Context) -> Reading:
    """装备制造业增势良好，分别增长9%…; 区域创新能力连续三年位居第一方阵，2020年居全国第8位: a clause with no subject
    of its own speaks of the clause before."""
    own = strip_rank_phrase(r.phrase) if r.measure == "rank" else strip_phrase(r.phrase)
    if own or r.measure == "diff" or (r.measure == "rank" and c.frame.topic.metric):
        return r  # a rank with nothing before it is the topic's, when there is one
    subject = subject_of_clause_before(c.sentence, r.slot.start, c.frame.topic)
    return evolve(r, phrase=subject) if subject else r


def share_names_its_whole(r: Reading, c: Context) -> Reading:
    """约占全国 → 占全国; 占工业比重六成的传统产业 → 传统产业占工业比重."""
    if r.measure != "share":
        return r
    return evolve(r, phrase=share_phrase(r.phrase, c.sentence, r.slot.figures[-1]))


def share_of_the_subject_before(r: Reading, c: Context) -> Reading:
    """甲产业和乙产业增加值保持较快增长，占规上工业增加值比重分别为4.2%、2.7%: a share with no subject of its own is of
    the subject of the clause before, when that clause states no figure."""
    if r.measure != "share" or not strip_phrase(r.phrase).startswith("占"):
        return r
    before, _end = c.sentence.previous_clause(r.slot.clause)
    if any(before <= f.start < r.slot.clause for f in c.sentence.figures):
        return r
    subject = previous_subject(c.text, r.slot.start)
    return evolve(r, phrase=subject + strip_phrase(r.phrase)) if subject else r


def group_ranked_in_is_scope(r: Reading, c: Context) -> Reading:
    """在8个工业大省中位居第二: the group ranked in is the rank's scope, not part of its metric."""
    if r.measure != "rank" or not r.slot.first.scope:
        return r
    phrase = _GROUP_RANKED_IN.sub("", r.phrase)
    return evolve(r, phrase=phrase)


_GROUP_RANKED_IN = re.compile(rf"^[^，,]*?中(?=(?:{cue_pattern('rank.still')})?(?:{cue_pattern('rank.verbs_among')})$)")


@lru_cache(maxsize=1)
def _bracketed_list() -> re.Pattern[str]:
    """A list of places each followed by a value in brackets: 甲省（7.1%）、乙市（6.8%）和丙省（6.5%）."""
    cities = (c for c, (_p, kind) in places().items() if kind == "city")
    name = "|".join(map(re.escape, sorted((*province_names(), *cities), key=len, reverse=True)))
    item = rf"(?:{name})[（(][^（）()，,。；]{{1,16}}[）)]"
    return re.compile(rf"{item}(?:[、和及与]{item})*")


_LIST_VERB = re.compile(cue_pattern("lists.order_verbs"))
_BARE_MEASURE = re.compile(rf"\s*(?:{cue_pattern('measure.words')})\s*")


def value_in_brackets_after_a_place(r: Reading, c: Context) -> Reading:
    """甲省（7.1%）、乙省（6.8%）、丙省（6.5%）: a value in brackets right after a province or city is that
    place's; the words before the list (…增速排名前三的依次为), else after it (…增速位列前三), name the metric."""
    g0 = r.slot.first
    text = c.text
    if max(text.rfind("（", 0, g0.start), text.rfind("(", 0, g0.start)) <= max(text.rfind("）", 0, g0.start),
                                                                             text.rfind(")", 0, g0.start)):
        return r  # the value is in no open bracket
    span = next((m for m in _bracketed_list().finditer(text) if m.start() < g0.start < m.end()), None)
    if span is None or len(r.slot.figures) != 1:
        return r
    place = re.search(rf"({province_name_re().pattern})[（(][^（）()]*$", c.text[: g0.start]) or \
        re.search(r"([\u4e00-\u9fff]{2,4})[（(][^（）()]*$", c.text[: g0.start])  # 和重庆（6.6%）: 重庆, not 和重庆
    head = c.text[c.sentence.clause_start(span.start()) : span.start()]
    said = _LIST_VERB.split(head)[0] if strip_phrase(_LIST_VERB.split(head)[0]) else _LIST_VERB.split(
        c.text[span.end() : c.sentence.clause_end(span.end())])[0]
    words = re.sub(rf"^(?:{'|'.join(SCOPES)}|[一二三四五六七八九十两\d]+个?省份?)+", "", strip_phrase(said)) or \
        (said.strip() if _BARE_MEASURE.fullmatch(said) else "")
    if not place or not words:
        return evolve(r, skip="unnamed list")
    province, city = province_names().get(place.group(1), ""), ""
    if not province and place.group(1) in places():
        province, city = places()[place.group(1)][0], place.group(1)
    measure, cue = measure_of(g0, said)
    return evolve(r, measure=measure, cue_word=cue, phrase=words,
                  per_province=ProvinceList((province,), words, (city,)) if province else None)


PHRASE_RULES: tuple[ReadingRule, ...] = (value_in_brackets_after_a_place, value_it_ranks_by, metric_named_after_the_value,
                                         overtaking_leaves_phrase,
                                         fall_word_leaves_phrase, count_before_its_noun,
                                         threshold_is_no_figure,
                                         owner_of_bare_amount, increase_by, high_end_of_a_range, subject_of_previous_clause,
                                         share_names_its_whole, share_of_the_subject_before, group_ranked_in_is_scope)

# ---------------------------------------------------------------- metric

_BRACKETED_BASE = re.compile(rf"[（(]\s*(?:19|20)\d\d年(?:{cue_pattern('period.year_end')})?\s*"
                             rf"(?:{cue_pattern('verb.equals', 'verb.is', 'verb.reaches', 'hedge.about')})?\s*$")
_SUMMARY_NOUN = re.compile(rf"[一二三四五六七八九十两\d]+大"
                           rf"(?:{cue_pattern('names.sectors', 'names.clusters', 'lists.summary_nouns')})")


def bracketed_base_repeats_metric(r: Reading, c: Context) -> Reading:
    """达到8万亿元，年均增长5%（2020年为5.2万亿元）: the base year's value is of the metric last stated in its unit."""
    g0 = r.slot.first
    if len(r.slot.figures) != 1 or not _BRACKETED_BASE.search(c.text[: g0.start]):
        return r
    prev = next((m for m in reversed(c.earlier) if m.unit == g0.unit), None)
    if prev is None:
        return r
    return evolve(r, metrics=((prev.metric_raw, prev.metric),), measure=prev.measure)


def summary_names_the_group(r: Reading, c: Context) -> Reading:
    """A、B两大行业…，合计拉动2.5个百分点: the contribution is of both together (两大行业)."""
    if r.measure != "diff" or not _JOINTLY.search(c.text[r.slot.start : r.slot.first.start]) or \
            len(c.frame.topic.last_group) <= 1:
        return r
    whole = _SUMMARY_NOUN.findall(c.text[: r.slot.first.start])
    return evolve(r, metrics=((whole[-1], canonical(whole[-1])),)) if whole else evolve(r, skip="summary")


def name_after_the_figure(r: Reading, c: Context) -> Reading:
    """对比2019年8.1万亿元的GDP: the metric's name follows the figure."""
    named = re.match(r"的([^，,。；、\d]{2,8})", c.text[r.slot.figures[-1].end :])
    if len(r.slot.figures) != 1 or strip_phrase(r.phrase) or not named:
        return r
    name = _NAME_TAIL.sub("", named.group(1))
    return evolve(r, metrics=((name, canonical(name)),)) if canonical(name) in metric_aliases() else r


_TOTAL = re.compile(cue_pattern("stock.summed", "stock.total_nouns"))
_NAME_TAIL = re.compile(rf"(?:{cue_pattern('names.tail_noise')})$")
_AMOUNT_END = re.compile(rf"(?:{cue_pattern('names.amount_ends')})$")
_COUNTED_OR_TOTAL = re.compile(cue_pattern("stock.counted_over", "stock.total_start"))


def products_of_output(r: Reading, c: Context) -> Reading:
    """高端产品产量较快增长，其中光纤增长12%: products after an output clause's 其中 are output (光纤产量)."""
    if r.measure != "growth" or not re.search(r"产量[^。；;]*其中|产品(?:产量)?中[，,]", c.text[: r.slot.first.start]):
        return r
    metrics = tuple((raw, m + "产量") if m and not _AMOUNT_END.search(m) else (raw, m)
                    for raw, m in r.metrics)
    return evolve(r, metrics=metrics)


def additions_cover_the_list(r: Reading, c: Context) -> Reading:
    """新增A企业1.2万家、B企业800家: 新增 covers B too — but not a total named after it (新增900家、总数达5200家)."""
    if not r.slot.listed_after or not c.earlier or not c.earlier[-1].metric.startswith("新增") or \
            _TOTAL.search(c.text[r.slot.start : r.slot.first.start]):
        return r
    metrics = tuple((raw, "新增" + m if m and not _COUNTED_OR_TOTAL.match(m) else m) for raw, m in r.metrics)

    return evolve(r, metrics=metrics)


def increase_names_a_change(r: Reading, c: Context) -> Reading:
    """企业数增加了300家 → 企业数增量."""
    return evolve(r, metrics=tuple((raw, m + "增量") for raw, m in r.metrics)) if r.increment else r


@lru_cache(maxsize=1)
def _national_yardstick() -> re.Pattern[str]:
    before = cue_pattern("yardstick.before")
    average = cue_pattern("comparison.averages")
    return re.compile(rf"(?:(?:{before})(?:同期)?全国(?:[^，,。；\d（(]{{0,10}}?)(?:{average}|的)?\s*[（(]?|"
                      rf"[（(]\s*全国(?:平均)?(?:{cue_pattern('verb.equals', 'verb.is')})?)\s*$")


_NAMED_AFTER_RATE = re.compile(rf"的([^，,。；、\d（）()]{{1,12}}?)({cue_pattern('measure.rate_names')})")


def _compared_metric(r: Reading, c: Context) -> tuple[str, str, str] | None:
    """(metric_raw, metric, measure) a national yardstick is a value of: named after it (…的GDP同比增速), else the
    last rate the sentence stated, else the topic's."""
    named = _NAMED_AFTER_RATE.match(c.text, r.slot.figures[-1].end)
    if named and canonical(strip_phrase(named.group(1))):
        raw = strip_phrase(named.group(1))
        return raw, canonical(raw), "cagr" if "平均" in named.group(2) else "growth"
    prev = next((m for m in reversed(c.earlier) if m.unit == r.slot.first.unit and m.province != "全国"), None)
    if prev is not None:
        return prev.metric_raw, prev.metric, prev.measure
    topic = c.frame.topic
    return (topic.metric_raw, topic.metric, topic.measure_with(r.slot.first.unit)) if topic.metric else None


def national_value_as_yardstick(r: Reading, c: Context) -> Reading:
    """高于全国9.8%的GDP增速; 比全国（8.1%）快0.2个百分点; （全国为4%）: the national figure a province is measured
    against is a fact of 全国, of the metric compared — or no fact when that metric is not known."""
    g0 = r.slot.first
    if len(r.slot.figures) != 1 or g0.unit != "%" or not _national_yardstick().search(c.text[: g0.start]):
        return r
    compared = _compared_metric(r, c)
    if compared is None or not compared[1] or not compared[2]:
        return evolve(r, skip="yardstick")
    raw, metric, measure = compared
    return evolve(r, metrics=((raw, metric),), measure=measure, per_province=ProvinceList(("全国",), raw, ("",)))


_EACH = re.compile(cue_pattern("lists.each"))
_TOGETHER = re.compile(cue_pattern("lists.together", "lists.jointly", "lists.added_up"))
_JOINTLY = re.compile(cue_pattern("lists.jointly"))
_ADDED_UP = re.compile(cue_pattern("lists.added_up"))


def one_value_for_each_listed_province(r: Reading, c: Context) -> Reading:
    """甲、乙GDP双双突破8万亿元; 丙、丁、戊增速均为4.5%; 己、庚处在2万亿元量级: one value said of every province of
    a list is each one's — not when the value is theirs together (甲、乙出口额合计超过5万亿元)."""
    g0 = r.slot.first
    clause = c.sentence.clause_before(g0.start)
    said_of_each = _EACH.search(clause) or c.text[g0.end :].lstrip().startswith("量级")
    if len(r.slot.figures) != 1 or r.per_province is not None or not said_of_each or \
            _TOGETHER.search(clause):
        return r
    listed = listed_provinces(r.phrase) or listed_provinces(clause)
    if listed is None:
        return r
    rest = _EACH_LEAD.sub("", strip_phrase(listed.rest))
    metric = metric_name(rest or listed.rest, r.measure, c.frame.topic, g0.unit)
    return evolve(r, per_province=listed, metrics=(metric,)) if metric[1] else r


_EACH_LEAD = re.compile(rf"^(?:{cue_pattern('lists.each', 'lists.also')})+")


def values_of_a_list_in_the_clause_before(r: Reading, c: Context) -> Reading:
    """甲、乙紧随其后，增速分别为12.8%、10.7%; 丙、丁分别实现4.1万亿元和3.9万亿元，分别增长5.3%、4.6%: values paired by
    分别 with the provinces a clause of the sentence opened with, when they are as many."""
    n = len(r.slot.figures)
    g0 = r.slot.first
    if n < 2 or r.per_province is not None or "分别" not in c.text[r.slot.clause : g0.start + 1]:
        return r
    for start, end in ((r.slot.clause, c.sentence.clause_end(r.slot.clause)), c.sentence.previous_clause(r.slot.clause)):
        listed = listed_provinces(c.text[start:end])
        if listed is not None and len(listed.provinces) == n:
            return evolve(r, per_province=listed)
    return r


def positions_in_a_list(r: Reading, c: Context) -> Reading:
    """甲、乙、丙分列前三位; 甲（7.1%）、乙（6.8%）、丙（6.5%）增速位列前三: the provinces of a list of N before 前N
    hold the places 1…N in their order (with no list of N, 位列前三 is a rank of at most 3)."""
    g0 = r.slot.first
    if g0.dimension != "rank_top" or len(r.slot.figures) != 1:
        return r
    own = c.sentence.clause_before(g0.start)
    listed = listed_provinces(_IN_BRACKETS.sub("", own))
    if listed is None and not strip_rank_phrase(own):  # 甲、乙、丙分别增长8%、7%、6%，居中部前三
        start, end = c.sentence.previous_clause(r.slot.clause)
        listed = listed_provinces(c.text[start:end])
    if listed is None or len(listed.provinces) != int(g0.value):
        return r
    places_ = tuple(evolve(g0, value=float(i + 1), comparator="=") for i in range(len(listed.provinces)))
    rest = re.split(r"\d", listed.rest)[0]  # 规上工业增加值分别增长8.1%、…: the name before the values
    metric = metric_name(_POSITIONS_VERB.sub("", rest), "rank", c.frame.topic, g0.unit)
    return evolve(r, slot=evolve(r.slot, figures=places_), per_province=listed, metrics=(metric,))


_IN_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_POSITIONS_VERB = re.compile(rf"(?:{cue_pattern('rank.verbs_of_positions')})$")


METRIC_RULES: tuple[ReadingRule, ...] = (national_value_as_yardstick, positions_in_a_list,
                                         one_value_for_each_listed_province,
                                         values_of_a_list_in_the_clause_before, bracketed_base_repeats_metric, summary_names_the_group, name_after_the_figure,
                                         products_of_output, additions_cover_the_list, increase_names_a_change)

# ---------------------------------------------------------------- figure

_MULTI_SUBJECT = re.compile(rf"\d+个(?:{cue_pattern('place.groups')})|[粤苏鲁京津冀沪浙皖闽赣豫鄂湘桂琼渝川黔滇陕甘辽吉黑晋]{{2,4}}"
                            rf"(?=(?:{cue_pattern('place.after_abbreviations')}))|[三两]省份?")
_ABOUT_SHARE = re.compile(rf"(?:{cue_pattern('share.about')})占[^，,。；;\d]*$")
_CREATE = re.compile(cue_pattern("plan.create"))


def provinces_listed_in_order(m: Mention, r: Reading, c: Context) -> Mention | None:
    """甲、乙两省工业增速分别为5%和6%: each value belongs to the province listed in its place."""
    if r.per_province is None:
        return m
    k = m.position
    return evolve(m, province=r.per_province.provinces[k], method="subject", city=r.per_province.cities[k])


def several_provinces_at_once(m: Mention, r: Reading, c: Context) -> Mention | None:
    """3个省份均增长8%以上; 甲乙丙GDP总量相加超30万亿元: a figure about several provinces at once is no one's."""
    if r.per_province is not None:
        return m
    clause = c.sentence.clause_before(m.figure.start)
    if _MULTI_SUBJECT.search(clause) or _ADDED_UP.search(clause) and \
            _MULTI_SUBJECT.search(c.text[: m.figure.start]):
        return None
    return m


_AREA_SUBJECT = re.compile(rf"\d+\s*公里|{cue_pattern('place.area_words')}|"
                           rf"[^，,。；]{{0,6}}(?:{cue_pattern('place.regions')})")
_COVERS = re.compile(cue_pattern("place.covers"))


def share_covered_by_an_area(m: Mention, r: Reading, c: Context) -> Mention | None:
    """周边500公里范围覆盖全国近30%的人口: a share of the nation an area around the province covers is no fact of
    the province."""
    head = c.text[: m.figure.start]
    if m.measure == "share" and _AREA_SUBJECT.search(head) and _COVERS.search(head):
        return None
    return m


_PROVINCES_COUNTED = re.compile(rf"(?:{cue_pattern('place.groups')}|个省)"
                                rf"(?:{cue_pattern('verb.has', 'verb.reaches', 'verb.equals')})?\s*$")


def count_of_provinces(m: Mention, r: Reading, c: Context) -> Mention | None:
    """GDP超过4万亿元的省份共有6个: a count of the provinces that meet a condition is no one province's."""
    if m.measure == "level" and m.unit == "个" and _PROVINCES_COUNTED.search(c.sentence.clause_before(m.figure.start)):
        return None
    return m


_OVERTAKEN = re.compile(rf"被[^，,。；\d]{{1,8}}(?:{cue_pattern('relation.overtake')})了?\s*$")


def overtaken_by_another(m: Mention, r: Reading, c: Context) -> Mention | None:
    """甲GDP被乙反超了255亿元: the gap by which another province overtook it is neither province's amount (but the
    text goes on speaking of 甲's GDP)."""
    return evolve(m, silent=True) if _OVERTAKEN.search(c.text[: m.figure.start]) else m


def national_aside_in_brackets(m: Mention, r: Reading, c: Context) -> Mention | None:
    """（全国为3.8万亿元）: an aside about the nation that was not read as 全国's own figure is no one's."""
    return None if m.province != "全国" and in_brackets_about(c.text, m.figure.start, "全国") else m


def goal_in_a_paragraph_of_goals(m: Mention, r: Reading, c: Context) -> Mention | None:
    """要…，建成20个智能工厂: in a paragraph that sets goals, a figure not yet reached is a target — but a count
    of what exists (发挥12个产业园的作用) or a stated result (已完成) is not."""
    fig = m.figure
    mood = c.frame.plan_mood or bool(PLAN_MOOD.search(c.text[: fig.start]))
    if fig.prenominal and not _CREATE.search(c.sentence.clause_before(fig.start)):
        mood = False
    if m.kind == "actual" and mood and m.period.end >= c.frame.today and not states_result(c.sentence, fig.start):
        return evolve(m, kind="target")
    return m


_SO_FAR = re.compile(cue_pattern("kind.so_far"))


def period_not_over_is_a_goal(
m: Mention, r: Reading, c: Context) -> Mention | None:
    """2025年，地区生产总值增长5.5%左右 in a January 2025 report: a year (or span of years) far from over holds no
    result yet — unless the words say so far (今年以来, 截至目前, 已) or the count is of what exists already
    (发挥12个产业园的作用). A year assumed for a figure with no goal word, early in the year, is last year."""
    fig = m.figure
    if m.kind != "actual" or not not_over(m.period, c.frame.today) or any_kind_cue(c.sentence, fig.start) or \
            _SO_FAR.search(c.text[: fig.start]):
        return m  # a cue in its clause decided (高于年度目标1.2个百分点 is a result measured against a goal)
    stated = m.period is c.frame.period or any(m.period is p for p in c.periods)
    if not stated and c.frame.today.month > 3:
        return m  # a year assumed for a figure that states none, in a piece written well into it: no evidence
    if fig.prenominal and not _CREATE.search(c.sentence.clause_before(fig.start)):
        return m
    if not stated:  # 全省新增高新技术企业1200家 in a February piece, no goal word: last year's result, not a goal
        return evolve(m, period=year_period(c.frame.today.year - 1, m.period.pos, m.period.end_pos))
    return evolve(m, kind="target")


def comparator_governs_the_list(m: Mention, r: Reading, c: Context) -> Mention | None:
    """分别接近3千亿元和2千亿元: the comparator before a list governs each value in it."""
    first = r.figures[0]
    fig = m.figure
    if m.comparator != "=" or m.position == 0 or fig is first or first.comparator not in (">", "~", "<"):
        return m
    prev = r.figures[m.position - 1]
    return evolve(m, comparator=first.comparator) if re.fullmatch(r"\s*[、和及与]\s*", c.text[prev.end : fig.start]) else m


def nation_named_before_its_metric(m: Mention, r: Reading, c: Context) -> Mention | None:
    """前三季度全国GDP增长9.8%: when the nation is the subject, 全国 is not part of the metric's name."""
    if m.province != "全国" or not m.metric.startswith("全国") or len(m.metric) <= 3:
        return m
    raw = re.sub(r"^全国", "", m.metric_raw)
    return evolve(m, metric_raw=raw, metric=canonical(m.metric[2:]))


def approximate_share(m: Mention, r: Reading, c: Context) -> Mention | None:
    """约占全国三成: a share stated with 约 is approximate."""
    if m.measure == "share" and m.comparator == "=" and _ABOUT_SHARE.search(c.sentence.clause_before(m.figure.start)):
        return evolve(m, comparator="~")
    return m


FIGURE_RULES: tuple[FigureRule, ...] = (provinces_listed_in_order, several_provinces_at_once,
                                        national_aside_in_brackets, share_covered_by_an_area, count_of_provinces,
                                        overtaken_by_another, goal_in_a_paragraph_of_goals, period_not_over_is_a_goal,
                                        comparator_governs_the_list, approximate_share, nation_named_before_its_metric)

# ---------------------------------------------------------------- sequence

_FROM_TO = re.compile(rf"(?:{cue_pattern('change.to_level', 'change.jumped_to', 'change.grew_to', 'change.narrowed_to')})\s*(?:\d{{4}}年的?)?\s*$")
_SAME_MONTHS_BEFORE = re.compile(cue_pattern("comparison.year_on_year"))


def rank_of_an_average(m: Mention, earlier: tuple[Mention, ...], own: list[Period], c: Context) -> Mention:
    """年均增长7.7%，居全国第4位: the rank of an average growth rate covers the average's span."""
    prev = earlier[-1] if earlier else None
    if m.measure != "rank" or prev is None or prev.measure != "cagr" or prev.metric != m.metric or \
            any(prev.figure.end <= q.pos < m.figure.start for q in own):
        return m
    return evolve(m, period=prev.period, relative=prev.relative)


def from_a_to_b(m: Mention, start: Mention, r: Reading, c: Context) -> tuple[Mention, Mention]:
    """由2020年的12%提高到2025年的18%: B is the same metric as A; over a span, A is its first year, B its last."""
    if m.metric != start.metric and strip_phrase(r.phrase):
        return m, start
    m = evolve(m, metric=start.metric, metric_raw=start.metric_raw, measure=start.measure)
    sp = start.range_span
    if sp is not None and BOUND_YEAR.search(c.text[: m.figure.start]) is None:
        start = evolve(start, period=year_period(sp.start.year))
        m = evolve(m, period=Period(sp.end.replace(month=1, day=1), sp.end, f"{sp.end.year}年", -1, -1))
    elif (start.period.start, start.period.end) == (m.period.start, m.period.end) and not start.period.span and \
            _SAME_MONTHS_BEFORE.search(c.text[: start.figure.start]):

        p = start.period  # 与上年同期相比，…由3.1个百分点扩大到3.5个百分点: A is of the same months a year before
        start = evolve(start, period=months_period(p.start.year - 1, p.start.month, p.end.month))
    return m, start


def opens_a_range(text: str, pos: int) -> bool:
    """由/从 right before a figure: it starts a 由A增至B."""
    return bool(FROM.search(text[:pos]))


def closes_a_range(text: str, pos: int) -> bool:
    """增至/提高到 … right before a figure: it ends a 由A增至B."""
    return bool(_FROM_TO.search(text[:pos]))
