"""Find the figures in a sentence: number, multiplier, unit, comparator — and reject what only looks like one.

Not figures: years and dates, 1—11月, codes and names with digits (5G, T4, 10.5代线, "51020", 2+6+N), list
numbers, tier labels (千亿元级企业, 过500亿元的集群), prices, durations (连续11个月).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import cue_lookbehind, cue_pattern, cue_words, units
from .numbers import MULTIPLIERS, cn_int, parse_number


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence: [start, end) covers the number and its unit."""

    start: int
    end: int
    value: float
    unit: str
    dimension: str
    comparator: str
    text: str
    scope: str = ""
    prenominal: bool = False


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern[str]:
    unit_alt = "|".join(re.escape(u.written) for u in units())
    mult_alt = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
    return re.compile(
        r"(?P<sign>[-+－−])?(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<mult>{mult_alt})?(?P<approx>{cue_pattern('comparator.approx_inside')})?\s*(?P<unit>{unit_alt})?"
    )


_BARE_MULT = re.compile(rf"{cue_lookbehind('comparator.bare_amount', 'comparator.at_least')}"
                        r"(?P<mult>万亿|千亿|百亿)(?P<unit>元)")
_RANK = re.compile(
    r"第\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?P<wei>位|名)?"
    r"(?![批次届季度章节条款项个大种代阶段轮期年号梯队方阵]|\d)"
)
_RANK_SCOPE = re.compile(rf"({cue_pattern('rank_scope.words')}|\d+个工业大省)$")
_TOP = re.compile(rf"(?:(?P<scope>{cue_pattern('rank.top_scopes')})|{cue_lookbehind('rank.top_verbs')})"
                  r"(?P<top>前\s*(?P<n>\d{1,2}|[二三四五六七八九十]{1,2})(?:位|名|强)?)"
                  r"(?![\d个批家项季度月年天周期亿万%的])")  # 排名前三的省份: a description, not a rank
_DENIED = re.compile(cue_pattern("rank.negated"))
_SCOPES = rf"(?:{cue_pattern('rank_scope.words')}|\d+个工业大省)"
_FIRST_PLACE = re.compile(rf"(?:{cue_pattern('rank.leads')})(?P<lscope>{_SCOPES})(?:地区)?(?![\u4e00-\u9fff]{{0,4}}的)"
                          rf"|(?:{cue_pattern('rank.verbs_scoped')})(?P<fscope>{_SCOPES})?(?:{cue_pattern('rank.first_place')})")
_AMONG = re.compile(rf"在([^，,。；;\s]{{2,12}}?)中(?:{cue_pattern('rank.still')})?(?:{cue_pattern('rank.verbs_among')})$")
_RANK_VERBS = (*cue_words("rank.verbs_before_scope"), "、", "，", ",")
# what may follow a figure that is a tier label or part of a name, not a stated amount
# 千亿元级企业 is a tier label; 提升至7万亿级, (a class of magnitude ending the clause) is a level of at least it
_MAGNITUDE_AFTER = re.compile(r"^级(?=[，,。；;、\s]|$)")
_ATTRIBUTE_AFTER = re.compile(rf"^(?:以上的?|及以上的?|左右的)?(?:的(?!{cue_pattern('figures.named_after_de')})|"
                              rf"(?!级(?:[，,。；;、\s]|$))(?:{cue_pattern('figures.attribute_after')}))")
_NAME_AFTER = re.compile(rf"^(?:[A-Za-z]|\+|{cue_pattern('figures.name_after')})")
_DURATION_AFTER = re.compile(rf"^(?:{cue_pattern('figures.durations')})")
_PRENOMINAL_AFTER = re.compile(rf"^(?:{cue_pattern('comparator.after_bound')})?"
                               rf"(?!{cue_pattern('figures.not_noun_after', 'lists.joiners', 'lists.value_joiners')}"
                               r"|、)"
                               r"[\u4e00-\u9fff“\"《A-Za-z0-9]")
_MONEY_CONTEXT = re.compile(cue_pattern("figures.money_context"))
_CN_POWER = re.compile(r"(?<![\d一二三四五六七八九十两百千万亿.])(千万|百万|十万)千瓦")
_PRICE_BEFORE = re.compile(rf"({cue_pattern('figures.price_words')}|全年\d+期)\s*$")
_MOVE_BEFORE = re.compile(rf"(?:{cue_pattern('rank.moves', 'rank.moves_more')})了?\s*$")
_MOVED = re.compile(rf"(?:{cue_pattern('rank.moves')})\s*$")
_RANK_VERB_UNSCOPED = re.compile(rf"({cue_pattern('rank.verbs_unscoped', 'rank.to_place')})$")
_RANK_VERB_SCOPED = re.compile(rf"({cue_pattern('rank.verbs_scoped', 'range.from')}|连续\S{{1,3}}年|、)\s*$")


def _comparator_before(before: str) -> str | None:
    """The comparator a cue word right before a figure gives it (突破5万家, 突破了5万家 → >)."""
    before = re.sub(r"了\s*$", "", before)
    if before.endswith(cue_words("comparator.at_least")):
        return ">="
    if before.endswith(cue_words("comparator.greater")):
        return ">"
    if before.endswith(cue_words("comparator.about")):
        return "~"
    if before.endswith(cue_words("comparator.less")):
        return "<"
    return None


def _comparator_after(after: str) -> str | None:
    if after.startswith(cue_words("comparator.after_ge")) or _MAGNITUDE_AFTER.match(after):
        return ">="
    if after.startswith(cue_words("comparator.after_le")):
        return "<="
    if after.startswith(cue_words("comparator.after_about")):
        return "~"
    return None


def _unit_info(written: str):
    for u in units():
        if u.written == written:
            return u
    return None


def find_figures(sentence: str) -> list[Figure]:
    """All figures in ``sentence`` in order, each with its canonical value, unit and comparator."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in _figure_re().finditer(sentence):
        fig = _arabic_figure(sentence, m)
        if fig:
            found.append(fig)
            taken.append((fig.start, fig.end))
    for m in _BARE_MULT.finditer(sentence):
        after = sentence[m.end():]
        if _ATTRIBUTE_AFTER.match(after):
            continue
        value = MULTIPLIERS[m.group("mult")]
        comp = _comparator_before(sentence[: m.start()]) or _comparator_after(after) or "="
        found.append(Figure(m.start(), m.end(), value, "元", "money", comp, m.group()))
    for m in _CN_POWER.finditer(sentence):  # 新增新能源装机千万千瓦以上: a capacity in Chinese numerals
        after = sentence[m.end():]
        if after.startswith("级"):
            continue
        value = {"千万": 1000.0, "百万": 100.0, "十万": 10.0}[m.group(1)]
        comp = _comparator_after(after) or _comparator_before(sentence[: m.start()]) or "="
        found.append(Figure(m.start(), m.end(), value, "万千瓦", "other", comp, m.group()))
    for m in _TOP.finditer(sentence):  # 跻身全国前十: a rank of at most 10
        n = m.group("n")
        value = int(n) if n.isdigit() else cn_int(n)
        if value and value > 1 and not any(a <= m.start() < b for a, b in taken) and \
                not _DENIED.search(sentence[max(0, m.start() - 6) : m.start("top")]):
            found.append(Figure(m.start("top"), m.end(), float(value), "位", "rank_top", "<=", m.group("top"),
                                m.group("scope") or ""))
    for m in _FIRST_PLACE.finditer(sentence):  # 领跑全国, 居全国首位: first place in a scope
        found.append(Figure(m.start(), m.end(), 1.0, "位", "rank", "=", m.group(), m.group("lscope") or
                            m.group("fscope") or ""))
    for m in _RANK.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        fig = _rank_figure(sentence, m, found)
        if fig:
            found.append(fig)
    found.sort(key=lambda f: f.start)
    return _ranges(sentence, _unit_shared_back(sentence, found))


_BARE_BEFORE = re.compile(r"(?<![\d.\-－A-Za-z第])(\d+(?:\.\d+)?)\s*([、和及])\s*$")


def _unit_shared_back(s: str, found: list[Figure]) -> list[Figure]:
    """分别增长9.1、7.6%; 分别提高1.9、1.5个百分点; 分别为1200、150家: numbers listed before a figure with no unit of
    their own take its unit and multiplier (the list's last item carries it for all)."""
    out: list[Figure] = []
    for f in found:
        added: list[Figure] = []
        end = f.start
        while f.dimension != "rank" and (m := _BARE_BEFORE.search(s[:end])) and not any(
                g.start < end <= g.end for g in found if g is not f):
            digits = re.match(r"[\d.,]+", f.text)
            scale = f.value / parse_number(digits.group()) if digits and parse_number(digits.group()) else 1.0
            value = round(parse_number(m.group(1)) * scale, 6)
            comp = _comparator_before(s[: m.start(1)]) or "="
            added.insert(0, Figure(m.start(1), m.end(1), value, f.unit, f.dimension, comp, m.group(1), f.scope,
                                   f.prenominal))
            end = m.start(1)
        out.extend(added)
        out.append(f)
    return out


_RANGE_LOW = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?\s*[~～—–\-至到]\s*$")


def _ranges(s: str, found: list[Figure]) -> list[Figure]:
    """6%—7% or 6—7% or 1~3家: a range is two figures, its low end (>=) and its high end (<=)."""
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        between = s[prev.end : f.start] if prev else ""
        if prev and prev.unit == f.unit and re.fullmatch(r"\s*[~～—–\-至到]\s*", between) and prev.value <= f.value:
            out[-1] = replace(prev, comparator=">=", text=s[prev.start : f.end], prenominal=f.prenominal)
            out.append(replace(f, comparator="<="))
            continue
        low = _RANGE_LOW.search(s[: f.start]) if f.dimension in ("percent", "count", "money") else None
        if low and f.comparator == "=" and not (prev and prev.end > low.start()):
            try:
                lo = parse_number(low.group(1) + (low.group(2) or ""))
            except ValueError:
                lo = None
            if lo is not None and not low.group(2):  # 5000—6000亿元: the low end takes the high end's multiplier
                digits = re.match(r"[\d.,]+", f.text)
                lo *= f.value / parse_number(digits.group()) if digits and parse_number(digits.group()) else 1.0
            elif lo is not None and f.dimension == "money" and f.unit == "元":
                lo = lo  # 5000亿—6000亿元: 亿 already scales it to yuan
            if lo is not None and lo < f.value and not re.search(r"\d\s*[—–\-至到~～]\s*$", s[: low.start()]):
                end = low.start(1) + len(low.group(1) + (low.group(2) or ""))
                # its text is the whole range, so re-reading it (indcli check) finds the same low end
                out.append(Figure(low.start(1), end, round(lo, 6), f.unit, f.dimension, ">=", s[low.start(1) : f.end],
                                  f.scope, f.prenominal))
                out.append(replace(f, comparator="<="))
                continue
        out.append(f)
    return out


def _written_unit(s: str, m: re.Match[str]) -> str | None:
    """The unit a number is written with; for 突破1.5万亿 (元 left out, as headlines do) 元 when what comes before
    names an amount of money; None for a number inside a code, a date or a rank (2024-05-10, T4, 第7)."""
    a, unit_w = m.start(), m.group("unit")
    prev = s[a - 1] if a else ""
    if prev.isdigit() or prev in ".-" and a >= 2 and s[a - 2].isdigit() or prev.isascii() and prev.isalpha() or \
            prev == "第":
        return None
    if unit_w:
        return unit_w
    after = s[m.end() :]
    for bound in cue_words("comparator.after_bound"):  # 左右, then 以上

        after = after.replace(bound, "")

    if m.group("mult") in ("亿", "万亿") and _MONEY_CONTEXT.search(s[max(0, a - 24) : a]) and \
            (not re.match(r"^[\u4e00-\u9fffA-Za-z%]", after) or _MAGNITUDE_AFTER.match(after)):
        return "元"
    return None


def _arabic_figure(s: str, m: re.Match[str]) -> Figure | None:
    a, b = m.start(), m.end()
    num, unit_w = m.group("num"), _written_unit(s, m)
    if unit_w is None:
        return None
    after = s[b:]
    if unit_w == "P" and not re.match(r"^(?![A-Za-z])", after):
        return None
    if _NAME_AFTER.match(after) or _DURATION_AFTER.match(after):
        return None
    u = _unit_info(unit_w)
    if u is not None and u.canonical == "位":
        return _rank_move(s, m)  # a rank is written 第7位 (handled apart); 较一季度提升7位 is a move in the ranking
    if u is None:
        return None
    if u.dimension.startswith("money") and _ATTRIBUTE_AFTER.match(after):
        return None
    if u.dimension == "money" and _PRICE_BEFORE.search(s[:a]):
        return None
    try:
        value = parse_number(num + (m.group("mult") or ""))
    except ValueError:
        return None
    if unit_w in ("万亿元", "亿元", "万元", "亿美元", "万美元", "亿千瓦时"):
        value = round(value * {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "亿美元": 1e8, "万美元": 1e4,
                               "亿千瓦时": 1e8}[unit_w], 2)
    if unit_w == "EFLOPS":
        value *= 1000
    sign = m.group("sign")
    if sign and sign != "+" and (a == 0 or not s[a - 1].isdigit()):
        value = -value
    comp = None
    if m.group("approx"):
        comp = "~"
    comp = comp or _comparator_after(after) or _comparator_before(s[:a]) or "="
    prenominal = u.dimension == "count" and bool(_PRENOMINAL_AFTER.match(after))
    return Figure(a, b, value, u.canonical, u.dimension, comp, s[a:b], "", prenominal)


def _rank_move(s: str, m: re.Match[str]) -> Figure | None:
    """较一季度提升7位, 比上年后退2位: a move of N places in a ranking (measured as a difference, in 位)."""
    if m.group("mult") or m.group("sign") or not _MOVE_BEFORE.search(s[: m.start()]):
        return None
    value = parse_number(m.group("num"))
    return Figure(m.start(), m.end(), value, "位", "rank_move", "=", s[m.start() : m.end()])


def _rank_figure(s: str, m: re.Match[str], found: list[Figure]) -> Figure | None:
    n = m.group("n")
    value = int(n) if n.isdigit() else cn_int(n)
    if not value:
        return None
    before = s[: m.start()]
    scope_m = _RANK_SCOPE.search(before)
    scope = scope_m.group(1) if scope_m else ""
    head = before[: scope_m.start()] if scope_m else before
    among = None if scope_m else _AMONG.search(before)
    if among:  # 在10个工业大省中位居第二
        scope, head = among.group(1), ""
    if _MOVED.search(before):
        return None  # 提升7位: a move in the ranking, not a rank
    if not scope and not _RANK_VERB_UNSCOPED.search(head) and not re.search(r"第\S{1,3}[、和及]$", before):
        return None
    if scope and not (head.endswith(_RANK_VERBS) or head == "" or _RANK_VERB_SCOPED.search(head)):

        # "全国第一批" is excluded by the regex; accept 全国第九 after a figure or a comma
        if not re.search(r"[、，,\d个家%]\s*$", head):
            return None
    comp = "="
    return Figure(m.start(), m.end(), float(value), "位", "rank", comp, s[m.start():m.end()], scope)
