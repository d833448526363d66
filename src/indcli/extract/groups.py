"""Lists: figures that share one phrase (8%、7.4%和7.1%), the items a phrase lists (民间投资、技改投资分别增长…),
and provinces or cities listed before 分别, paired with the values in order.

>>> [item for item in list_items("民间投资、技改投资", 2)]
['民间投资', '技改投资']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..figures import Figure
from ..lexicon import (
    cue_pattern,
    cue_words,
    find_places,
    industry_names,
    industry_stems,
    places,
    province_name_re,
    province_names,
)
from ..periods import Period
from .model import Context, ProvinceList, Reading, Slot
from .phrase import BARE, swap_base
from .sentence import Sentence
from .values import evolve

_GROUP_SEP = re.compile(rf"^\s*(?:、|{cue_pattern('lists.joiners', 'lists.value_joiners')}|，|,)?\s*$")
_JOINER = cue_pattern("lists.joiners")
_JOINED = re.compile(rf"[^、]{{2,}}(?:{_JOINER})[^、]{{2,}}")
_JOINED_BEFORE_EACH = re.compile(rf"[^、]{{2,}}(?:{_JOINER})[^、]{{2,}}分别")
_HAS_JOINER = re.compile(_JOINER)
HEADS = cue_words("names.heads")


def _continues_list(s: Sentence, prev: Figure, f: Figure) -> bool:
    """Whether ``f`` is the next value of the list ``prev`` ends: joined by 、和及 (or a comma after 分别), of the
    same kind, and not a rank of another scope."""
    between = s.text[prev.end : f.start]
    same_kind = (prev.dimension == f.dimension or {prev.unit, f.unit} <= {"个", "百分点"}
                 or {prev.unit, f.unit} <= {"%", "倍"})
    if not _GROUP_SEP.match(between) or not same_kind or (f.unit == "位" and f.scope and f.scope != prev.scope):
        return False
    return between.strip() not in ("，", ",") or "分别" in s.text[: f.start]


def _shared_unit(group: list[Figure]) -> list[Figure]:
    """8.2个、10.4个、4.9个百分点: the last unit is the list's unit; a list of ranks shares its scope."""
    if group[-1].unit == "百分点":
        group = [evolve(f, unit="百分点", dimension="points") if f.unit == "个" else f for f in group]
    if group[0].unit == "位":
        group = [f if f.scope else evolve(f, scope=group[0].scope) for f in group]
    return group


def slots(s: Sentence) -> list[Slot]:
    """The sentence's figures grouped into lists, each with where its own words begin."""
    groups: list[list[Figure]] = []
    for f in s.figures:
        if groups and _continues_list(s, groups[-1][-1], f):
            groups[-1].append(f)
        else:
            groups.append([f])
    out: list[Slot] = []
    prev_end = 0
    for g in map(_shared_unit, groups):
        clause = s.clause_start(g[0].start)
        listed_after = s.text[prev_end : g[0].start].startswith("、") and bool(out)
        out.append(Slot(tuple(g), max(clause, prev_end), clause, listed_after))
        prev_end = g[-1].end
    return out


@lru_cache(maxsize=1)
def _industry_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in industry_names()))


def _split_list(text: str, seps: str) -> list[str]:
    kept = [m.span() for m in _industry_re().finditer(text)] if re.search(r"[、和及]", text) else []
    pieces, last = [], 0
    for m in re.finditer(seps, text):
        if not any(a <= m.start() < b for a, b in kept):
            pieces.append(text[last : m.start()])
            last = m.end()
    pieces.append(text[last:])
    return [x for x in pieces if x]


def list_items(text: str, n: int = 0) -> list[str]:
    """The items of a list joined by 、和及, keeping official industry names whole (酒、饮料和精制茶制造业); when
    splitting at 、 alone gives the ``n`` items wanted, 和/及 stay inside them (汽车及零部件产业)."""
    if n > 1:
        by_comma = _split_list(text, r"、")
        if len(by_comma) == n:
            return by_comma
    return _split_list(text, rf"、|{_JOINER}")


def _with_industry(item: str) -> str:
    """电子信息 → 电子信息产业, 装备制造增加值 → 装备制造产业增加值: the word a summary (三大产业) stood for."""
    head = next((h for h in HEADS if item.endswith(h) and len(item) > len(h)), "")
    stem = item[: len(item) - len(head)]
    return item if stem.endswith("业") or not stem else stem + "产业" + head


def _split_subject(phrase: str) -> tuple[str, str]:
    """The listed subject and what follows it: A、B占全省比重 → (A、B, 占全省比重); 分别/均 end the subject."""
    distributive = cue_words("lists.distributive")
    for sep in ("占", *distributive):
        i = phrase.find(sep)
        if i > 0:
            return phrase[:i], "" if sep in distributive else phrase[i:]
    return phrase, ""


def _items_before_deng(phrase: str, n: int, distributive: bool, each: bool) -> list[str]:
    """A、B、C等产品产量分别增长…: the items before 等, with the head noun after it."""
    before, _, after = phrase.partition("等")
    items = list_items(before, n)
    head = next((h for h in HEADS if after.endswith(h)), "")
    if head and len(items) > 1 and (distributive and len(items) == n or each and n == 1):
        return [x + head for x in items]
    if distributive and len(items) == n > 1 and all(x.endswith("业") for x in items):
        return items  # A业、B业等行业分别增长…: each industry is its own metric
    stem = _OWN_NAME.sub("", before)
    if n == 1 and not distributive and stem in industry_stems() and _INDUSTRY_KIND.search(after):
        return [industry_stems()[stem]]  # 计算机、通信和其他电子设备等行业增长…: the named industry
    return [phrase]


_OWN_NAME = re.compile(rf"^(?:{cue_pattern('place.own')})")
_INDUSTRY_KIND = re.compile(cue_pattern("names.sectors", "names.manufacturing"))
_SUMMARY = re.compile(rf"[一二三四五六七八九十两\d]+大?(?:{cue_pattern('lists.summary_kinds')})?"
                      rf"({cue_pattern('names.sectors', 'lists.summary_nouns')})(?:增速)?"
                      rf"(?={cue_pattern('lists.summary_heads')}|$)")


def _without_summary(items: list[str]) -> list[str]:
    """纺织、建材两大产业营收: the summary noun (两大产业) belongs to no single item; 三大产业 stands for 产业."""
    summary = _SUMMARY.search(items[-1])
    if not summary:
        return items
    items = items[:-1] + [items[-1][: summary.start()] + items[-1][summary.end() :]]
    return [_with_industry(x) for x in items] if summary.group(1) == "产业" else items


def phrase_items(phrase: str, n: int, s: Sentence, pos: int) -> list[str]:
    """Split a metric phrase that lists several metrics (民间投资、技改投资分别增长…) into one per value."""
    clause = s.clause_before(pos)
    each = "均" in phrase or "均" in clause
    distributive = "分别" in s.text[:pos] or each
    joined = _JOINED.search(phrase) and (n > 1 and "分别" in clause or _JOINED_BEFORE_EACH.search(phrase))
    if "、" not in phrase and not joined:
        return [phrase]
    if "等" in phrase:
        return _items_before_deng(phrase, n, distributive, each)
    subject, rest = _split_subject(phrase)
    items = list_items(subject, n)
    if len(items) < 2:
        return [phrase]
    items = _without_summary(items)
    # a shared head noun on the last item (医药制造业、食品制造业增加值; 电子信息和石油化工产业增加值)
    head = next((h for h in HEADS if items[-1].endswith(h) and not items[0].endswith(h)), "")
    if head and items[-1][: -len(head)].endswith(cue_words("names.sectors")) and not items[0].endswith("业"):
        head = items[-1][-len(head) - 2 :]
    qualifier = re.match(r"限额以上", items[0])
    if qualifier:  # 限额以上A类、B类和C零售额: the qualifier covers every item
        items = [x if x.startswith(qualifier.group()) else qualifier.group() + x for x in items]
    if n == 1 and not distributive and (_HAS_JOINER.search(subject) or not head):

        return [phrase]  # 计算机、通信和其他电子设备制造业 is one industry
    if not (len(items) == n or distributive or n == 1):
        return [phrase]
    return [(x if x.endswith(head) or not head else x + head) + rest for x in items]


@lru_cache(maxsize=1)
def _province_list_re() -> re.Pattern[str]:
    name = province_name_re().pattern
    return re.compile(rf"^(?:全国)?((?:{name})(?:[、和及与](?:{name}))+)"
                      r"(?:[两三四五六七八九十\d]个?省(?:份|市|区)?|等省份?)?(.*)$")


@lru_cache(maxsize=1)
def _city_list_re() -> re.Pattern[str]:
    name = "|".join(re.escape(c) for c, (_p, kind) in sorted(places().items(), key=lambda t: -len(t[0])) if kind == "city")
    return re.compile(rf"^((?:{name})市?(?:[、和及与](?:{name})市?)+)(?:[两三四五六七八九十\d]个?市|等市)?(.*)$")


_OPENING = re.compile(rf"^(?:{cue_pattern('lists.openers')}|从[^，,]{{1,8}}看)?[，,]?\s*")


def listed_provinces(text: str) -> ProvinceList | None:
    """The provinces a text opens with, when it opens with a list of two or more (甲、乙和丙…), and the rest."""
    m = _province_list_re().match(_OPENING.sub("", text.strip("，, ")))
    if not m:
        return None
    names = province_names()
    provs = tuple(names[p] for p in province_name_re().findall(m.group(1)))
    return ProvinceList(provs, m.group(2), ("",) * len(provs)) if len(provs) >= 2 and all(provs) else None


def province_list(phrase: str, n: int, distributive: bool) -> ProvinceList | None:
    """The provinces or cities a phrase begins with, when they are ``n`` and 分别 pairs them with ``n`` values in
    order (杭州、宁波两市…分别增长4.8%和6.4%)."""
    if n < 2 or not distributive:
        return None
    text = phrase.strip("，, ")
    m = _province_list_re().match(text)
    if m:
        names = province_names()
        provs = tuple(names[p] for p in province_name_re().findall(m.group(1)))
        return ProvinceList(provs, m.group(2), ("",) * n) if len(provs) == n and all(provs) else None
    m = _city_list_re().match(text)
    if m:
        cities = tuple(x.group() for x in find_places(m.group(1)))
        if len(cities) == n:
            return ProvinceList(tuple(places()[c][0] for c in cities), m.group(2), cities)
    return None


# ---------------------------------------------------------------- pairing values with metrics and periods


def _over_last_list(r: Reading, c: Context) -> Reading:
    """A、B分别…，均列中部第一: one rank stated with 均 after a list holds for each item of that list."""
    last = c.frame.topic.last_group
    pairs = tuple((raw, m) for raw, m, _p in last)
    return evolve(r, pairs=pairs, periods=tuple(p for *_x, p in last), figures=r.slot.figures * len(pairs))


def _values_of_earlier_list(r: Reading, c: Context) -> Reading:
    """Several values with one metric and one period: 分别 pairs them with the metrics of the list before
    (A营收…、B营收…，增加值分别增长5%、6%); otherwise they cannot be told apart and are skipped."""
    n = len(r.slot.figures)
    g0 = r.slot.first
    topic = c.frame.topic
    prior = [(m.metric_raw, m.metric, Period(m.period.start, m.period.end, m.period.label, -1, -1))
             for m in c.earlier if m.measure not in ("diff", "rank")]
    source = topic.last_group if len(topic.last_group) == n else (tuple(prior[-n:]) if len(prior) >= n else ())
    if source and ("分别" in c.text[: g0.start] or r.measure in ("diff", "rank")):
        pairs = tuple((raw, m) for raw, m, _p in source)
        if r.bare in BARE:

            pairs = tuple((raw, swap_base(m, r.bare)) for raw, m in pairs)
        own_here = [p for p in c.periods if not p.base and p.end_pos <= g0.start and p.pos >= r.slot.start - 20]
        periods = (own_here[-1],) * n if own_here else tuple(p for *_x, p in source)
        return evolve(r, pairs=pairs, periods=periods)
    if r.measure != "rank":
        return evolve(r, skip="unpaired", warning=f"skipped {n} values that share one metric and period")
    return r


def distribute(r: Reading, c: Context) -> Reading:
    """Pair each value of a slot with a metric and a period: one each, one metric for all (over the list of
    periods, or 分别 over an earlier list), or with 均 every metric with every value."""
    n, k = len(r.slot.figures), len(r.metrics)
    wide = c.text[r.slot.clause : r.slot.first.start]
    if k == 1 and n == 1 and r.per_province and len(r.per_province.provinces) > 1:
        each = len(r.per_province.provinces)  # 甲、乙、丙增速均为4.5%: the one value is each province's
        return evolve(r, pairs=r.metrics * each, figures=r.slot.figures * each, periods=r.periods * each)
    if k == 1 and n == 1 and "均" in wide and len(c.frame.topic.last_group) > 1 and r.measure == "rank":
        return _over_last_list(r, c)
    if k == n:
        return evolve(r, pairs=r.metrics, figures=r.slot.figures)
    if k == 1:
        r = evolve(r, pairs=r.metrics * n, figures=r.slot.figures)
        if n > 1 and len({p.label for p in r.periods}) == 1 and r.per_province is None:
            return _values_of_earlier_list(r, c)
        return r
    if n > 1 and "均" not in wide + r.phrase:
        return evolve(r, skip="unpaired", warning=f"skipped {n} values that do not pair with the {k} metrics named",
                      figures=r.slot.figures)
    return evolve(r, pairs=tuple(mp for mp in r.metrics for _ in r.slot.figures),  # 均: every metric, every value
                   figures=tuple(f for _ in r.metrics for f in r.slot.figures),
                   periods=tuple(p for _ in r.metrics for p in r.periods))
