"""Metric names: clean the phrase a figure stands behind, expand abbreviations, resolve aliases, gloss in English."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import abbreviations, cue_pattern, cue_words, gloss, metric_aliases, places, province_names

# punctuation a metric phrase may start or end with; the words are cues.toml's phrase.leading and phrase.trailing
_LEADING_MARKS = ("、", "，", ",", "—", "–", "~", "～", "-", "“", "”", "\"", "《", "》", "：", ":", "●")
_TRAILING_MARKS = ("，", ",", "、", "：", ":")
SCOPES = cue_words("rank_scope.words")
PRONOUNS = frozenset(("", *cue_words("phrase.pronouns")))
_QUOTES = re.compile(r"[“”\"《》「」『』‘’*\s]")


def _sorted(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


EPITHET = (rf"(?:{cue_pattern('place.capital_epithets')}|[“\"]?(?:{cue_pattern('place.epithet_scopes')})?"
           r"[\u4e00-\u9fff]{1,2}之?都[”\"]?)")


@lru_cache(maxsize=1)
def _strip_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One regex for every leading filler and one for every trailing cue word, longest first."""
    cities = tuple(k for k, (_p, kind) in places().items() if kind == "city")
    names = tuple(province_names()) + cities + tuple(c + "市" for c in cities)
    lead = _sorted(_LEADING_MARKS + cue_words("phrase.leading", "place.own", "place.own_city", "place.this_province", "place.own_region") + names)
    trail = _sorted(_TRAILING_MARKS + cue_words("phrase.trailing", "change.to_level", "change.jumped_to", "change.phrase_to", "kind.target",
                                              "kind.forecast"))
    city_alt = "|".join(map(re.escape, _sorted(cities)))
    epithet = rf"(?:{EPITHET}(?=(?:{city_alt})))?"  # 省会南昌, “世界铜都”鹰潭市: the epithet goes with the city
    return (re.compile(f"^{epithet}(?:" + "|".join(map(re.escape, lead)) + ")"),
            re.compile("(?:" + "|".join(map(re.escape, trail)) + ")$"))


_DATES_AND_AMONG = re.compile(r"\d{1,2}月\d{1,2}日|不到\d+天|\d+天内|^有(?=[万千百])|"
                              rf"^(?:{cue_pattern('phrase.among_wholes')})中(?=\S)")
_ASPECT = re.compile(rf"^在(.{{2,12}}?)方面(?:来看)?$|^从(.{{2,12}}?)(?:{cue_pattern('phrase.looking')})$")
_LEADING_CHAR = re.compile(rf"^(?:{cue_pattern('phrase.leading_chars')})(?=[全本我省今年各])")


@lru_cache(maxsize=65536)
def strip_phrase(
phrase: str) -> str:
    """Remove leading fillers (全省, 其中, 一是 …) and trailing verbs and cue words (同比增长, 达到 …)."""
    s = re.sub(r"^\d+(?:\.\d+)?[个家项条]", "", phrase.strip())
    s = _DATES_AND_AMONG.sub("", s)
    s = _ASPECT.sub(lambda m: m.group(1) or m.group(2), s)
    s = _LEADING_CHAR.sub("", s)
    lead, trail = _strip_patterns()
    while s:
        t = lead.sub("", s, count=1)
        t = trail.sub("", t, count=1)
        if t == s:
            break
        s = t
    return "" if s in _FUNCTION_WORDS else s


_FUNCTION_WORDS = frozenset(cue_words("phrase.function_words"))
_COMPARED = re.compile(rf"(?:{cue_pattern('rank.compared')})"
                       rf"(?:{cue_pattern('comparison.regions', 'comparison.other_regions')})?"
                       rf"(?:{cue_pattern('comparison.averages')})?[、，,和及]?$")
_RANK_PHRASE_ENDS = cue_words("rank_scope.words", "rank.phrase_ends")


@lru_cache(maxsize=65536)
def _known_name_ranked(phrase: str) -> str:
    """的经济总量位居全国 → 经济总量: a known indicator's name before the rank's words, kept whole (its last word, 总量
    or 增速, is part of the name); '' when there is none."""
    s = phrase
    while s:
        if s.lstrip("的") in metric_aliases():
            return s.lstrip("的")
        end = next((w for w in _RANK_PHRASE_ENDS if s.endswith(w)), "")
        if not end:
            return ""
        s = s[: -len(end)]
    return ""


@lru_cache(maxsize=65536)
def strip_rank_phrase(phrase: str) -> str:
    """A rank's phrase without its scope and verb: 数量居全国 → 数量, 总量保持全国 → '', 的增速位列 → ''."""
    s = phrase.strip()  # the rank's words end it (位列), so they go before the cleaner trims a verb's last character
    known = _known_name_ranked(s)
    if known:
        return known
    changed = True
    while changed and s:
        changed = False
        if s in PRONOUNS:
            return ""
        for w in _RANK_PHRASE_ENDS:
            if s.endswith(w):
                s = s[: -len(w)]
                changed = True
                break
        m = _COMPARED.search(s)  # 增速高于全国、中部第2: the comparison with no number is not the rank's name
        if m:
            s = s[: m.start()]
            changed = True
        m = re.search(r"连续(?:\d+|[两三四五六七八九十]+)年?$|(?:\d+|[两三四五六七八九十]+)年$", s)
        if m:
            s = s[: m.start()]
            changed = True
        t = strip_phrase(s)
        changed = changed or t != s
        s = t
    return "" if re.fullmatch(r"\d+|[两三四五六七八九十]+", s) else s


def expand(name: str) -> str:
    """Expand abbreviations (规上工业 → 规模以上工业, 技改 → 技术改造, 营收 → 营业收入)."""
    out = name
    for short, long in abbreviations():
        if short in out:  # every occurrence that is not already inside the long form
            inside = [(m.start(), m.end()) for m in re.finditer(re.escape(long), out)]
            out = re.sub(re.escape(short),
                         lambda m, inside=inside, long=long: m.group() if any(a <= m.start() < b for a, b in inside)
                         else long, out)
    return out


_ACHIEVED = re.compile(rf"(?:{cue_pattern('names.achieved')})(?={cue_pattern('names.achieved_amounts')})")
_OF_SHARE = re.compile(rf"的(?={cue_pattern('names.share_heads')})")
_OF_PROVINCE_GDP = re.compile(rf"占全省(?:{cue_pattern('names.gdp')})")


@lru_cache(maxsize=65536)
def canonical(raw: str) -> str:
    """The canonical name of a metric as written: quotes dropped, abbreviations expanded, aliases resolved."""
    name = _QUOTES.sub("", raw)
    name = re.sub(r"[（(][^）)]{0,12}[）)]", "", name)
    name = _ACHIEVED.sub("", name)
    name = _OF_SHARE.sub("", name)
    name = name.replace("占全省GDP比重", "占GDP比重")
    name = re.sub(r"(?<=[^\W\d_])合计(?=占)", "", name)  # 六大产业合计占…比重
    name = expand(name)
    name = _OF_PROVINCE_GDP.sub("占地区生产总值", name)
    name = re.sub(r"占全[省市](?=规模以上)", "占", name)  # …占全省规上工业增加值的比重
    aliases = metric_aliases()
    if name in aliases:
        return aliases[name]
    # an alias as the head of a longer name: 规模以上工业企业营业收入利润率 keeps its own words
    return name


@lru_cache(maxsize=65536)
def english(metric: str) -> str:
    return gloss(metric)
