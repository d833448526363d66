"""Domain knowledge loaded from the package's data files: provinces, places, metrics, industries, units, cue words."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (a comparison: compiling [\\u4e00-\\u9fff] costs over a ms)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


DATA = Path(__file__).parent / "data"  # installed as files with the package (importlib.resources costs a ms)


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file, comments and blank lines skipped."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Province(NamedTuple):
    short: str
    full: str
    pinyin: str
    abbreviation: str
    others: tuple[str, ...]


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    out = []
    for r in _rows("provinces.tsv"):
        r += [""] * (5 - len(r))
        out.append(Province(r[0], r[1], r[2], r[3], tuple(x for x in r[4].split("|") if x)))
    return tuple(out)


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Every way a province is written in running text (湖北, 湖北省) → short name. 全国 excluded."""
    names: dict[str, str] = {}
    for p in provinces():
        if p.short == "全国":
            continue
        names[p.short] = p.short
        names[p.full] = p.short
    return names


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str]]:
    """Place or landmark → (province, kind); kind 'city' marks figures about it as the city's."""
    return {r[0]: (r[1], r[2]) for r in _rows("places.tsv")}


class MetricInfo(NamedTuple):
    canonical: str
    aliases: tuple[str, ...]
    english: str


@lru_cache(maxsize=1)
def metrics() -> tuple[MetricInfo, ...]:
    out = []
    for r in _rows("metrics.tsv"):
        r += [""] * (3 - len(r))
        out.append(MetricInfo(r[0], tuple(x for x in r[1].split("|") if x), r[2]))
    return tuple(out)


@lru_cache(maxsize=1)
def metric_aliases() -> dict[str, str]:
    """Alias or canonical name → canonical name."""
    out: dict[str, str] = {}
    for m in metrics():
        out[m.canonical] = m.canonical
        for a in m.aliases:
            out[a] = m.canonical
    return out


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(written, expanded) pairs, longest written form first."""
    return tuple(sorted(((r[0], r[1]) for r in _rows("abbreviations.tsv")), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def industry_stems() -> dict[str, str]:
    """Stem (no 制造业/业) → official industry name, for names that contain 、和及."""
    names = [r[0] for r in _rows("industries.tsv")]
    return {re.sub(r"(?:制造业|业)$", "", n): n for n in names}


@lru_cache(maxsize=1)
def industry_names() -> tuple[str, ...]:
    """Official industry names that contain 、和及, with their stems, longest first."""
    found = set(industry_stems()) | set(industry_stems().values())
    return tuple(sorted((n for n in found if re.search(r"[、和及]", n)), key=len, reverse=True))


@lru_cache(maxsize=1)
def glossary() -> tuple[tuple[str, str], ...]:
    """(Chinese term, English) pairs, longest term first."""
    return tuple(sorted(((r[0], r[1]) for r in _rows("glossary.tsv")), key=lambda p: -len(p[0])))


class UnitInfo(NamedTuple):
    written: str
    canonical: str
    dimension: str


@lru_cache(maxsize=1)
def units() -> tuple[UnitInfo, ...]:
    """Units, longest written form first, so 个百分点 wins over 个."""
    return tuple(sorted((UnitInfo(*r[:3]) for r in _rows("units.tsv")), key=lambda u: -len(u.written)))


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue-word tables of cues.toml."""
    import tomllib

    return tomllib.loads((DATA / "cues.toml").read_text(encoding="utf-8"))


_JOINERS = {"及": "and", "和": "and", "与": "and", "、": "and", "的": ""}


@cache
def cue_words(*names: str) -> tuple[str, ...]:
    """The words of one or more tables of cues.toml, each once, longest first: ``cue_words("kind.target")`` →
    ("要着力实现", …, "力争", …); ``cue_words("rank.verbs", "rank.moves")`` → the words of both."""
    words: list[str] = []
    for name in names:
        table = cues()
        for part in name.split("."):
            table = table[part]
        words.extend(w for w in table if w not in words)
    return tuple(sorted(words, key=len, reverse=True))


@cache
def cue_pattern(*names: str) -> str:
    """A regex alternation of the words of one or more cue tables, longest first: ``cue_pattern("kind.forecast")``
    → "有希望|…". Put it in a group, (?:…), before joining it to anything."""
    return "|".join(map(re.escape, cue_words(*names)))


@cache
def cue_lookbehind(*names: str) -> str:
    """A regex that holds right after any word of the named cue tables (a lookbehind for each word length, as
    Python's lookbehinds must be of one width): ``cue_lookbehind("rank.top_verbs")`` → "(?:(?<=位居|…)|(?<=居))"."""
    by_len: dict[int, list[str]] = {}
    for w in cue_words(*names):
        by_len.setdefault(len(w), []).append(re.escape(w))
    return "(?:" + "|".join(f"(?<={'|'.join(ws)})" for ws in by_len.values()) + ")"


@cache
def yardstick_pattern() -> str:
    """A regex alternation of the words that measure against a yardstick, 比 included but not the 比 of 比重,
    比例 or 占比: ``re.search(yardstick_pattern(), "高技术制造业占比")`` is None."""
    return rf"(?:{cue_pattern('comparison.yardstick')}|(?<!占)比(?!重|例))"


@cache
def _share_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A占B(的)比重: A as a share of B; A占比: the share of A."""
    return (re.compile(rf"(.+?)占(.+?)的?(?:{cue_pattern('measure.share_of')})"),
            re.compile(rf"(.+?)(?:{cue_pattern('measure.share_names')})"))


@lru_cache(maxsize=65536)
def gloss(metric: str) -> str:
    """English gloss of a metric name: the metrics table's (aliases too), else composed from the glossary —
    数字经济增加值占GDP比重 → value added of the digital economy as a share of GDP. '' when a part of the name has
    no English: no gloss rather than a wrong one."""
    exact = dict(glossary()).get(metric)
    if exact:
        return exact
    canonical = metric_aliases().get(metric)
    if canonical:
        for m in metrics():
            if m.canonical == canonical and m.english:
                return m.english
    share_of, own_share = _share_patterns()
    share = share_of.fullmatch(metric)
    if share:
        part, whole = gloss(share.group(1)), gloss(share.group(2))
        whole = "industry" if whole == "industrial" else whole  # 占工业比重: of industry
        return f"{part} as a share of {whole}" if part and whole else ""
    own = own_share.fullmatch(metric)

    if own:
        part = gloss(own.group(1))
        return f"{part} share" if part else ""
    return _word_gloss(metric)


@lru_cache(maxsize=1)
def _gloss_terms() -> dict[str, list[tuple[str, str]]]:
    """The glossary's terms and the metrics table's names and aliases with their English, by first character,
    longest first."""
    terms = dict(glossary())
    for m in metrics():
        for name in (m.canonical, *m.aliases):
            if m.english and has_han(name):
                terms.setdefault(name, m.english.removesuffix(" (count)"))
    index: dict[str, list[tuple[str, str]]] = {}
    for zh, en in sorted(terms.items(), key=lambda p: -len(p[0])):
        index.setdefault(zh[0], []).append((zh, en))
    return index


def _word_gloss(text: str) -> str:
    """Glossary terms (longest first) and Latin runs (5G, R&D) in order; '' if a Chinese character is left over."""
    words: list[str] = []
    i = 0
    terms = _gloss_terms()
    while i < len(text):
        hit = next(((zh, en) for zh, en in terms.get(text[i], ()) if text.startswith(zh, i)), None)
        latin = re.match(r"[A-Za-z0-9][A-Za-z0-9&+.]*", text[i:]) if hit is None else None
        if hit is not None:
            word, i = hit[1], i + len(hit[0])
        elif latin is not None:
            word, i = latin.group(), i + latin.end()
        elif text[i] in _JOINERS:
            word, i = _JOINERS[text[i]], i + 1
        else:
            return ""
        if word and (not words or words[-1] != word):
            words.append(word)
    return " ".join(words)


@lru_cache(maxsize=1)
def province_name_re():
    """One regex matching any way a province is written (longest first)."""
    import re

    return re.compile("|".join(map(re.escape, sorted(province_names(), key=len, reverse=True))))


@lru_cache(maxsize=1)
def place_re():
    """One regex matching any place or landmark of the gazetteer, or a province name (longest first).

    Province names are in it so that a place is never read across one: 湖南充分 holds no 南充, 江西安全 no 西安."""
    import re

    names = sorted(set(places()) | set(province_names()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=512)
def find_places(text: str) -> tuple:
    """The gazetteer's places in ``text`` as regex matches, in order (province names are skipped over)."""
    table = places()
    return tuple(m for m in place_re().finditer(text) if m.group() in table)
