"""The metric a figure stands behind: the phrase before it, a count's noun after it, and the name resolved
from the phrase and the topic (pronouns such as 规模 or 增速 take the metric last spoken of).

>>> metric_name("全省规上工业增加值同比增长", "growth", Topic(), "%")
('规上工业增加值', '规模以上工业增加值')
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..figures import Figure
from ..lexicon import cue_pattern, cue_words, metric_aliases, province_names, yardstick_pattern
from ..metrics import PRONOUNS, canonical, expand, strip_phrase, strip_rank_phrase
from ..periods import Period
from .frame import Topic
from .sentence import Sentence, clause_start

BARE = frozenset(cue_words("names.bare"))
INDICATOR = re.compile(cue_pattern("names.indicator"))
_MID_CUE = re.compile(cue_pattern("kind.mid_sentence"))
_PROVINCE_ONLY = re.compile(r"[\u4e00-\u9fff]{2,3}省?")  # 全省, 我省, 湖北省: a province alone
_PREDICATE = re.compile(rf"{cue_pattern('names.predicates')}|\d")
_GENERIC = cue_pattern("names.generic")
_GENERIC_SUBJECT = re.compile(rf"^(?:{_GENERIC})(?:{cue_pattern('names.generic_amounts')})?"
                              rf"(?:{cue_pattern('names.generic_predicates')})")
_GENERIC_COUNT = frozenset(cue_words("names.generic", "names.generic_counted"))
_PLAN_STRUCTURE = re.compile(rf"^(?:{cue_pattern('names.plan_parts', 'names.plan_openers', 'place.groups')})|"
                             rf"(?:{cue_pattern('names.plan_parts', 'names.plan_qualities')})$")
_SELECTED = cue_pattern("names.selected_verbs")
_GENERIC_HEAD = re.compile(rf"^({cue_pattern('names.generic_heads')})"
                           rf"(?={cue_pattern('names.selected_verbs', 'names.selected_more')})")
_SELECTED_START = re.compile(_SELECTED)
_NOUN_END = re.compile(rf"[，,。；;、：:（）()]|{cue_pattern('names.noun_ends', 'names.selected_verbs')}")
_HEDGE = cue_pattern("hedge.about", "hedge.near", "hedge.over", "hedge.over_short")
_PREP_BEFORE = re.compile(rf"(?:(?:{cue_pattern('scope.before_count')})(?:{cue_pattern('scope.wholes')})?|等|“|"
                          rf"、[^，,。；、]{{1,6}})\s*(?:{_HEDGE})?\s*$")
_REACHES_COUNTED = re.compile(rf"(?:{cue_pattern('scope.reach_verbs')})(?:{cue_pattern('scope.wholes')})?\s*\d")
_SERVICE_VERB = re.compile(cue_pattern("scope.service_verbs"))
_SERVED = re.compile(rf"对\s*(?:{_HEDGE})?\s*$|对[^，,。；]*?(?:{cue_pattern('units.served')})"
                     rf"(?:{cue_pattern('scope.served_nouns')})?[^，,。；]{{0,8}}"

                     rf"(?:、|{cue_pattern('lists.joiners')})\s*(?:{cue_pattern('hedge.about', 'hedge.near')})?\s*$")

_SUBJECT_AFTER = re.compile(rf"的([\u4e00-\u9fff]{{2,10}}?)(?=[，,。；;、：:]|{cue_pattern('names.after_subject')}|$)")
_FROM_BEFORE = re.compile(rf"(?:{cue_pattern('range.from')})$")
_HORIZON_BEFORE = re.compile(rf"(?:(?:{cue_pattern('kind.horizon')})(?:{cue_pattern('change.to')})|"

                             rf"(?:^|(?<=[，,\s]))(?:{cue_pattern('period.until')}))$")
_BASE_BEFORE = re.compile(rf"(?:{cue_pattern('comparison.before_base', 'range.from')})$")


def phrase_before(cue_text: str, periods: list[Period], offset: int) -> str:
    """The metric phrase: the clause text before the figure with its time expressions removed."""
    t = cue_text
    for p in sorted(periods, key=lambda p: -p.pos):
        a, b = p.pos - offset, p.end_pos - offset
        if p.base and p.relative and not (0 <= a and _FROM_BEFORE.search(t[:a])):
            continue  # 比上年 stays: it is stripped with the cue it belongs to (比上年增长); 由上年同期的 goes
        if 0 <= a and b <= len(t) and a < b:
            lead = _HORIZON_BEFORE.search(t[:a])
            if lead:
                a = lead.start()  # 到2027年: the horizon goes with its preposition
            elif p.base and (cmp := _BASE_BEFORE.search(t[:a])):
                a = cmp.start()  # 单位增加值能耗比2020年下降14%: the base goes with its 比
            t = t[:a] + t[b:]
    parts = [x for x in re.split(r"[，,]", t) if x.strip()]
    return parts[-1] if parts else ""


def _served_count(s: Sentence, fig: Figure, clause_before: str) -> str:
    """For 对N家企业VERB…: the metric 'VERB…' + the counted noun (enterprises or people reached), else ''.

    Counts of places after 对 (对16个市州进行考核) are the scope of an assessment, not figures: only 家, 名, 户, 人.
    """
    if fig.unit not in cue_words("units.served") or not _SERVED.search(clause_before):
        return ""
    rest = re.split(r"[，,。；;：:]", s.text[fig.end :])[0]
    verb = _SERVICE_VERB.search(rest)
    if not verb or verb.start() == 0:
        return ""
    noun = _ITEM_SEP.split(rest[: verb.start()])[0]
    return rest[verb.start():] + noun if noun else ""


_BOUND_AFTER = re.compile(rf"^(?:{cue_pattern('comparator.after_bound')})")
_SPELLS_OUT = re.compile(rf"[“\"][\dA-Za-z+]{{1,8}}[”\"](?:{cue_pattern('names.spells_out')})")
_ITEM_SEP = re.compile(rf"、|{cue_pattern('lists.joiners')}")
_TIER_NOUN = re.compile(
rf"[一二三四五六七八九两]?(?:万亿|千亿|百亿|亿)元?级?[\u4e00-\u9fff]{{0,4}}?(?:{cue_pattern('names.tier_nouns')})")
_CODE = re.compile(r"[“\"「][\d+NnＮ]+[”\"」]|\d\+\d")  # “51020”, 2+6+N: counts that spell a programme's code


def noun_after(s: Sentence, fig: Figure) -> str:
    """The thing a count names when the count stands before it: 建成15个企业级平台 → 企业级平台."""
    rest = _BOUND_AFTER.sub("", s.text[fig.end :])
    head = _GENERIC_HEAD.match(rest)
    if head:  # 58家企业获批新一轮重点小巨人企业 → 获批新一轮重点小巨人企业
        clause = re.split(r"[，,。；;：:]", rest[head.end():])[0].replace("了", "")
        noun = head.group(1).lstrip("家个")
        return clause if clause.endswith(noun) else clause + noun
    tier = _TIER_NOUN.match(rest)
    if tier and not _CODE.search(s.text):
        return tier.group()  # 形成15个千亿元产业集群: the count of clusters of that size
    if re.match(r"^[一二三四五六七八九十两]?[万亿千百]", rest):
        return ""  # 2个万亿、6个五千亿: the parts of a plan's name
    m = _NOUN_END.search(rest)
    noun = rest[: m.start()] if m else rest
    if not noun and m and m.start() == 0 and _SELECTED_START.match(rest):
        clause = re.split(r"[，,。；;：:]", rest)[0].replace("了", "")
        return clause + ("企业" if fig.unit == "家" else "")
    noun = noun.strip().rstrip("了的")
    return "" if noun.endswith("中") else noun


def _labels_a_subject(phrase: str, s: Sentence, fig: Figure) -> bool:
    """A count that labels a subject or a plan's structure (全省20个产业链产值…, 12个重点产业) is not a figure."""
    after = fig.end + len(s.text[fig.end :]) - len(_BOUND_AFTER.sub("", s.text[fig.end :]))
    inner = [f for f in s.figures if f.start >= after and f.end <= after + len(phrase)]
    tiered = bool(_TIER_NOUN.fullmatch(phrase))  # 千亿元产业集群 is what is counted, not a label
    return (not phrase or phrase in _GENERIC_COUNT or bool(_GENERIC_SUBJECT.match(phrase)) or phrase.endswith("之一")
            or bool(_PLAN_STRUCTURE.search(phrase))
            or not tiered and bool(re.search(r"(?:[万千百十]亿|亿元|亿|万亿元)级", phrase))
            or any(not s.text[after : f.start].endswith("过") for f in inner))


_BREADTH = re.compile(rf"(?:发展)?(?:{cue_pattern('names.breadth')})$")


def count_phrase(s: Sentence, group: tuple[Figure, ...]) -> str | None:
    """The metric of a count written before its noun (建成15个平台), or None when the count is not a figure:
    the scope of an activity (对16个市州), a label (等4个, 全省20个产业链产值…), a plan's structure."""
    g0 = group[0]
    clause_before = s.clause_before(g0.start)
    served = _served_count(s, g0, clause_before)
    if served:  # 对1万多家企业开展质量管理活动: the enterprises an activity reached
        return served
    if _PREP_BEFORE.search(clause_before) or _REACHES_COUNTED.search(clause_before):
        return None
    if _SPELLS_OUT.search(clause_before):
        return None  # “5”就是建设5个园区: the count spells out a slogan's label
    phrase = noun_after(s, group[-1])
    if _BREADTH.search(phrase):
        return None  # 9个新兴产业发展提速: how many of them changed is no figure of the province
    return None if _labels_a_subject(phrase, s, group[-1]) else phrase


def share_phrase(raw_phrase: str, s: Sentence, fig: Figure) -> str:
    """A share's phrase without the adverb before 占 (约占全国 → 占全国), and with its subject when the subject
    follows the figure (占工业比重六成的传统产业 → 传统产业占工业比重)."""
    phrase = _ADVERB_OF_SHARE.sub("占", raw_phrase)
    after = _SUBJECT_AFTER.match(s.text, fig.end)
    if strip_phrase(phrase).startswith("占") and after:
        return after.group(1) + strip_phrase(phrase)
    return phrase


_ADVERB_OF_SHARE = re.compile(rf"(?:{cue_pattern('share.about', 'share.adverbs', 'share.only')})占")
_SUBJECT_MEASURE = re.compile(rf"(?:{cue_pattern('measure.subject_suffixes')})$")
_INDUSTRY_END = re.compile(rf"([^，,、。；等]{{2,12}}?"
                           rf"(?:{cue_pattern('names.sectors', 'names.clusters', 'names.firms')}))$")
_DEVELOP_LEAD = re.compile(rf"^(?:{cue_pattern('names.develop_verbs')})")
_HEADING_NOT_INDUSTRY = re.compile(rf"[，,；;：:、]|^第.{{1,3}}[章节]|{cue_pattern('names.heading_not_industry')}")


def previous_subject(sentence: str, start: int) -> str:
    """When a clause has no subject (…，分别增长8%…), the subject of the clause before it."""
    before = sentence[: clause_start(sentence, start)].rstrip("，,：: ")
    prev = before[clause_start(before, len(before)) :]
    prev = re.sub(r"(?:19|20)\d\d\s*(?:[—–\-至~]\s*(?:19|20)\d\d)?\s*年", "", prev)
    m = _PREDICATE.search(prev)
    head = prev[: m.start()] if m else (prev if len(prev) <= 24 else "")
    head = _SUBJECT_MEASURE.sub("", strip_phrase(head))
    if _PROVINCE_ONLY.fullmatch(head) or not (INDICATOR.search(expand(head)) or head.endswith("业")):
        return ""
    return head


def _owner(sentence: str, start: int) -> str:
    """For a bare 营收/产值: the industry named at the end of the clause before (…五大优势产业，全年营收…)."""
    subject = previous_subject(sentence, start)
    if subject.endswith(cue_words("names.sectors", "names.clusters", "names.parks")):
        return subject
    before = sentence[:start].rstrip("，,、 ")
    m = _INDUSTRY_END.search(before)
    if m:
        return _DEVELOP_LEAD.sub("", m.group(1))
    return ""


def heading_owner(heading: str) -> str:
    """A plan's section heading names the industry its bare 营业收入 belongs to (5.现代农产品加工 → …产业)."""
    h = re.sub(r"[（(].*?[）)]", "", heading).strip("“”\" 。.")
    if 2 <= len(h) <= 14 and not _HEADING_NOT_INDUSTRY.search(h):
        return h if h.endswith(cue_words("names.sectors", "names.clusters")) else h + "产业"
    return ""


def owned(bare: str, s: Sentence, start: int, topic: Topic, heading: str) -> str:
    """A bare 营收/利润/投资 with its owner: a sibling metric's subject (园区营业收入…、利润 → 园区利润), the
    projects just named (技改项目…完成投资 → 技术改造投资), the clause before, or the plan section's industry."""
    near = topic.sentence_metric or topic.metric
    sibling = next((b for b in cue_words("names.bare") if near.endswith(b)), "")
    project = _PROJECT_END.search(near)
    if sibling and len(near) > len(sibling):
        return near[: -len(sibling)] + bare
    if project and bare == "投资" and project.start() >= 2:
        return near[: project.start()] + bare
    return (_owner(s.text, start) or heading_owner(heading)) + bare


_PROJECT_END = re.compile(rf"({cue_pattern('names.projects')})$")


def subject_of_clause_before(s: Sentence, start: int, topic: Topic) -> str:
    """For a clause with no subject (…，分别增长8%…): the subject of the clause before, when that clause states
    no figure of its own (else the paragraph's last metric carries over)."""
    cut = s.clause_start(start)
    subject = previous_subject(s.text, start)
    prev_start = clause_start(s.text, max(0, cut - 1))
    if subject and (not topic.metric or not any(prev_start <= f.start and f.end <= cut for f in s.figures)):
        return subject
    return ""


def swap_base(metric: str, base: str) -> str:
    """有色金属营业收入 with 增加值 named instead → 有色金属增加值."""
    for b in cue_words("names.bare"):  # 营业收入 among them

        if metric.endswith(b):
            return canonical(metric[: -len(b)] + base)
    return canonical(metric + base)


# ---------------------------------------------------------------- naming rules, in the order they apply
# Each takes (raw name, the item as written, measure, topic, unit) and returns a final (metric_raw, metric), a
# new raw name for the rules after it, or None when it does not apply.

NameRule = Callable[[str, str, str, Topic, str], "tuple[str, str] | str | None"]


def _tier_of_topic(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """…过千亿元的集群2个，过500亿元的4个 → 过500亿元的集群: a tier stands for the topic's noun."""
    tier = _TIER_NAME.fullmatch(raw)
    m_tier = _TIER_IN_NAME.search(topic.metric) if tier else None
    if measure != "level" or not m_tier:
        return None
    return raw, canonical(topic.metric[: m_tier.start()] + raw.rstrip("的") + topic.metric[m_tier.end():])


_TIER_NAME = re.compile(rf"(?:{cue_pattern('names.tier_over')})([\d.]+|[千百十万亿]+)亿?元?(?:以上)?的?")
_TIER_IN_NAME = re.compile(rf"(?:{cue_pattern('names.tier_over')})(?:[\d.]+|[千百十万亿]+)亿?元?(?:以上)?")


def _part_of_topic_amount(raw: str, item: str, measure: str, topic: Topic, unit: str) -> str | None:
    """其中现代化工7500亿元 under 现代化工及能源产业营业收入 → 现代化工营业收入: a part takes the whole's measure."""
    if measure != "level" or unit != "元" or not raw or not topic.metric or INDICATOR.search(expand(raw)):
        return None
    base = next((b for b in cue_words("names.part_bases") if topic.metric.endswith(b)), "")
    return raw + base if base else None


_CHANGED_SHARE = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{2,16}}?(?:{cue_pattern('measure.changed_share')})")
_DIFF_WORD = re.compile(rf"{yardstick_pattern()}|{cue_pattern('comparison.pull')}")
_DIFF_SUFFIXES = re.compile(rf"(?:{cue_pattern('measure.diff_suffixes')})+$")
_PRONOUN_OF_RANK = re.compile(rf"(?:{cue_pattern('measure.ranked')})?(?:{cue_pattern('measure.rank_words')})?")
_LEVEL = re.compile(cue_pattern("names.levels"))
_TAKEN = re.compile(rf"(?:{cue_pattern('share.only')})?占$")
_SHARE_NAMED = re.compile(rf"{cue_pattern('measure.share_names')}|率$")
_NOT_INDUSTRY = re.compile(rf"\d|{cue_pattern('names.not_industry')}")
_RANK_OF = re.compile(rf"(?:{cue_pattern('measure.rank_of')})$")
_OWN_NAME = re.compile(rf"^(?:{cue_pattern('place.own')})")


def _difference_of(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """A gap (高于全国1.9个百分点) is a difference in the metric its clause names, else the topic's."""
    if measure != "diff" or not topic.metric:
        return None
    m_cmp = _DIFF_WORD.search(item)
    own = strip_phrase(item[: m_cmp.start()]) if m_cmp else ""
    if not m_cmp and _CHANGED_SHARE.fullmatch(strip_phrase(item)):
        own = strip_phrase(item)  # …，数字经济核心产业增加值占比提高1.1个百分点: the clause names what changed
    own = _DIFF_SUFFIXES.sub("", own)
    if len(own) >= 4 and INDICATOR.search(expand(own)) and canonical(own) != topic.metric:
        return own, canonical(own)
    return topic.metric_raw, topic.metric


def _pronoun(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """规模, 增速, 比重 and the like stand for the metric last spoken of (with the same unit, for a level)."""
    if raw not in PRONOUNS and not _PRONOUN_OF_RANK.fullmatch(raw):
        return None
    if raw in cue_words("measure.share_pronouns") and topic.metric:
        return topic.metric_raw + raw, canonical(topic.metric + raw)
    by_unit = topic.metric_with(unit) if unit else None
    if by_unit and measure == "level":
        return by_unit
    sized = [named for u, named in topic.by_unit if u not in ("%", "百分点", "位")]
    named = (raw or item).lstrip("，,的")
    if measure == "rank" and named.startswith(cue_words("measure.size_words", "measure.ranked")) and \
            not named.startswith(cue_words("measure.speed_words")) and sized:
        return sized[-1]  # 5G基站32.5万个，占全国的7.8%，数量居全国第一: the count's rank, not the share's
    return (topic.metric_raw, topic.metric) if topic.metric else ("", "")


def _level_of_topic(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """国家级 after 专精特新企业…: the national-level ones of the topic's kind."""
    if measure != "level" or not topic.metric or not _LEVEL.fullmatch(raw):
        return None
    metric = topic.metric
    return raw, canonical(re.sub(r"^.*?级(?:以上)?", raw, metric, count=1) if "级" in metric else raw + metric)


def _share_taken(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """传统产业仅占 → 传统产业占比."""
    if measure != "share" or not _TAKEN.search(raw) or len(raw) <= 2:
        return None
    raw = _TAKEN.sub("", raw) + "占比"
    return raw, canonical(raw)


def _share_of_whole(raw: str, item: str, measure: str, topic: Topic, unit: str) -> str | None:
    """占全国, 占全市规上工业营收: a share of it (…比重)."""
    if measure == "share" and re.search(r"占[^占]{1,16}$", raw) and not _SHARE_NAMED.search(raw):
        return raw + "比重"
    return None


def _industry_size(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """An amount of money after an industry's bare name (新材料1200亿元) is the size of that industry; after words
    that name no industry (最高可得888元, 处在2万亿元量级) it names nothing: no metric, no fact."""
    if measure != "level" or unit != "元" or not raw or INDICATOR.search(expand(raw)) or len(raw) > 8 \
            or canonical(raw) in metric_aliases():
        return None
    if raw in cue_words("names.economy"):
        return raw, canonical("经济总量")  # 全省经济突破5万亿元: the size of the economy
    if len(raw) < 2 or _NOT_INDUSTRY.search(raw):
        return "", ""
    return raw, canonical(raw + ("产业规模" if not raw.endswith("产业") else "规模"))


def _contribution_of_topic(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """对全省工业增长的贡献率 after a metric: that metric's contribution."""
    if measure == "share" and raw.startswith("对") and topic.metric:
        return raw, canonical((topic.sentence_metric or topic.metric) + raw)
    return None


def _share_of_topic(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """占全国比重 with no subject: the topic's share."""
    return (raw, canonical(topic.metric + raw)) if raw.startswith("占") and topic.metric else None


def _rank_of_topic(raw: str, item: str, measure: str, topic: Topic, unit: str) -> tuple[str, str] | None:
    """增速居全国第3 after a metric: that metric's rank."""
    if measure == "rank" and _RANK_OF.search(raw) and topic.metric and len(raw) <= 4:
        return topic.metric_raw, topic.metric
    return None


NAME_RULES: tuple[NameRule, ...] = (_tier_of_topic, _part_of_topic_amount, _difference_of, _pronoun, _level_of_topic,
                                    _share_taken, _share_of_whole, _industry_size, _contribution_of_topic,
                                    _share_of_topic, _rank_of_topic)


def _stock_after_additions(raw: str, item: str, topic: Topic) -> tuple[str, str] | None:
    """新增1860家，总数突破2.2万家; 新建基站2.1万个，累计建成10.5万个: the total, not the additions."""
    additions = cue_words("stock.additions")
    if raw in ("", *cue_words("stock.summed", "stock.total_nouns")) and _TOTAL.search(item) and \
            topic.metric.startswith(additions):
        stock = _ADDITIONS.sub("", topic.metric)
        return stock, canonical(stock)
    return None


_TOTAL = re.compile(cue_pattern("stock.summed", "stock.total_nouns"))
_ADDITIONS = re.compile(rf"^(?:{cue_pattern('stock.additions')})")


def metric_name(item: str, measure: str, topic: Topic, unit: str = "") -> tuple[str, str]:
    """(metric_raw, metric) for a phrase; pronouns (数量, 规模, 增速) and empty phrases take the last metric."""
    cut = _MID_CUE.split(item)
    if len(cut) > 1 and strip_phrase(cut[-1]):
        item = cut[-1]  # 全省工信系统将力争规上工业增加值: the metric is what follows the cue
    raw = strip_phrase(item)
    stock = _stock_after_additions(raw, item, topic)
    if stock:
        return stock
    raw = raw if raw in PRONOUNS else (strip_rank_phrase(item) if measure == "rank" else raw)
    raw = _OWN_NAME.sub("", raw)

    if raw == "全国" or raw in province_names():
        raw = ""  # 全国为5.2%: the subject alone names no metric; the topic's is meant
    for rule in NAME_RULES:
        result = rule(raw, item, measure, topic, unit)
        if isinstance(result, tuple):
            return result
        if result is not None:
            raw = result
    return raw, canonical(raw)
