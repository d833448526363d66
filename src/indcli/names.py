"""Names typed by people, resolved: provinces (hubei, Hubei, 湖北, 湖北省, 鄂) and metrics (规上工业增加值,
規上工業增加值, an alias or the English gloss). Unknown names raise UsageError with "did you mean" suggestions.

Pure functions over the lexicon; no DuckDB, no typer, no rich.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .errors import UsageError

# The provinces the corpus is about: the columns of `indcli compare` unless --province says otherwise.
DEFAULT_PROVINCES: tuple[str, ...] = ("江西", "湖北", "湖南")

_LATIN = re.compile(r"[A-Za-z]")
_SUFFIXES_ZH = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_SUFFIXES_EN = ("province", "sheng", "shi", "municipality", "autonomousregion", "sar")


def clean(text: str) -> str:
    """What the user typed, normalised: trimmed, full-width forms folded (ＧＤＰ → GDP), Traditional → Simplified."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    if s.isascii():  # hubei, GDP: nothing to convert, and the text module (its regexes, OpenCC) stays unloaded
        return s
    from .text import to_simplified

    return to_simplified(s)


def _fold(text: str) -> str:
    """Latin text for comparison: accents dropped (Húběi), case folded, spaces, hyphens and dots removed."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[\s\-_.'’]+", "", s.casefold())


def _words(text: str) -> str:
    """English for comparison: case folded, runs of spaces collapsed."""
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------------------------------------------- provinces


@lru_cache(maxsize=1)
def _province_index() -> dict[str, str]:
    """Every accepted spelling → short name. Chinese forms as written, Latin forms folded."""
    from .lexicon import provinces

    index: dict[str, str] = {}
    for p in provinces():
        forms = [p.short, p.full, p.abbreviation, *p.others]
        for form in forms:
            if not form:
                continue
            key = _fold(form) if _LATIN.search(form) else form
            index.setdefault(key, p.short)
        index.setdefault(_fold(p.pinyin), p.short)
    return index


def resolve_province(text: str) -> str:
    """The short Chinese name of a province written any usual way; UsageError (exit 2) if there is none."""
    raw = text
    s = clean(text)
    index = _province_index()
    if not s:
        raise UsageError("empty province name", hint="e.g. hubei, 湖北 or 鄂")
    latin = bool(_LATIN.search(s))
    key = _fold(s) if latin else s
    if key in index:
        return index[key]
    for suffix in _SUFFIXES_EN if latin else _SUFFIXES_ZH:
        if key.endswith(suffix) and key[: -len(suffix)] in index:
            return index[key[: -len(suffix)]]
    raise UsageError(f"unknown province {raw!r}", hint=_did_you_mean(province_suggestions(s)) or
                     "write it as hubei, 湖北, 湖北省 or 鄂")


def province_suggestions(text: str, n: int = 3) -> list[str]:
    """Close province names, formatted 湖北 (Hubei)."""
    import difflib

    from .lexicon import provinces

    s = clean(text)
    labels = {p.short: f"{p.short} ({p.pinyin})" for p in provinces()}
    if _LATIN.search(s):
        cands = {_fold(p.pinyin): p.short for p in provinces()}
        key = _fold(s)
        for suffix in _SUFFIXES_EN:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
    else:
        cands = {}
        for p in provinces():
            cands.setdefault(p.short, p.short)
            cands.setdefault(p.full, p.short)
        key = s
    out: list[str] = []
    for m in difflib.get_close_matches(key, list(cands), n=n * 2, cutoff=0.5):
        if cands[m] not in out:
            out.append(cands[m])
    return [labels[x] for x in out[:n]]


def resolve_provinces(values: Iterable[str] | None) -> list[str]:
    """Repeated --province values (each may hold several, comma separated), resolved, order kept, duplicates dropped.

    None or nothing → the default provinces.
    """
    out: list[str] = []
    for v in values or ():
        for part in re.split(r"[,，、;；]", v):
            if part.strip():
                short = resolve_province(part)
                if short not in out:
                    out.append(short)
    return out or list(DEFAULT_PROVINCES)


@lru_cache(maxsize=64)
def province_label(short: str, lang: str = "zh") -> str:
    """How to print a province: its short Chinese name, or its pinyin name with --lang en."""
    if lang != "en":
        return short
    from .lexicon import provinces

    for p in provinces():
        if p.short == short:
            return p.pinyin
    return short


# ---------------------------------------------------------------------------------------------------- metrics


def english_gloss(metric: str, data_gloss: str | None = None) -> str:
    """The English gloss of a metric from the current lexicon (its table, else composed from the glossary), so a
    table ingested with an older lexicon reads as well; the gloss stored with the facts when it has none."""
    from .lexicon import gloss, has_han

    return gloss(metric) or ("" if has_han(metric) else data_gloss or "")


def metric_label(metric: str, lang: str = "zh", data_gloss: str | None = None) -> str:
    """How to print a metric: the Chinese name, or with --lang en the English gloss (Chinese kept in brackets)."""
    if lang != "en":
        return metric
    en = english_gloss(metric, data_gloss)
    return f"{en} ({metric})" if en else metric


def resolve_metric(text: str, known: Mapping[str, str]) -> str:
    """The canonical metric name for what the user typed.

    ``known`` maps the metrics present in the data to their English gloss. Accepted: the canonical name, an alias,
    an abbreviation (规上 → 规模以上), Traditional characters, the English gloss (case-insensitive). The lexicon's
    metrics are known even when the data has no figure for them. UsageError with suggestions otherwise.
    """
    from .lexicon import abbreviations, metric_aliases, metrics

    raw = text
    quick = unicodedata.normalize("NFKC", text or "").strip()
    aliases = metric_aliases()
    expanded = quick
    for short, long in abbreviations():  # 规上 → 规模以上: most names resolve here, without the name cleaner
        if short in expanded and long not in expanded:
            expanded = expanded.replace(short, long)
    for cand in (quick, expanded):
        if cand in aliases:
            return aliases[cand]
    from .metrics import canonical

    lexicon = {m.canonical for m in metrics()}
    if canonical(quick) in lexicon:  # without OpenCC or the data's metric list
        return canonical(quick)
    s = clean(text)
    if not s:
        raise UsageError("empty metric name", hint="e.g. 规上工业增加值; `indcli metrics` lists them")
    names = set(known) | lexicon
    if s in names:
        return s
    c = canonical(s)
    if c in names:
        return c
    hits = english_matches(s, known)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        shown = ", ".join(hits[:8]) + (" …" if len(hits) > 8 else "")
        raise UsageError(f"{raw!r} is the English gloss of {len(hits)} metrics: {shown}",
                         hint="give the Chinese name")
    raise UsageError(f"unknown metric {raw!r}",
                     hint=_did_you_mean(metric_suggestions(s, known)) or "`indcli metrics` lists the metrics known")


def english_matches(text: str, known: Mapping[str, str]) -> list[str]:
    """Metrics whose English gloss is exactly ``text`` (case and spacing ignored); lexicon metrics first."""
    from .lexicon import metrics

    q = _words(text)
    if not q or not _LATIN.search(q):
        return []
    lex = [m.canonical for m in metrics() if m.english and _words(m.english) == q]
    if lex:
        return lex
    return sorted(m for m, en in known.items() if en and _words(en) == q)


def metric_suggestions(text: str, known: Mapping[str, str], n: int = 5) -> list[str]:
    """Metrics close to ``text``: near spellings of names, aliases and glosses, then names containing it."""
    from .lexicon import has_han, metrics
    from .metrics import canonical

    s = clean(text)
    latin = bool(_LATIN.search(s)) and not has_han(s)
    cands: dict[str, str] = {}
    for m in metrics():
        cands.setdefault(m.canonical, m.canonical)
        for a in m.aliases:
            cands.setdefault(a, m.canonical)
        if m.english:
            cands.setdefault(_words(m.english), m.canonical)
    for m, en in known.items():
        cands.setdefault(m, m)
        if en:
            cands.setdefault(_words(en), m)
    out: list[str] = []

    def add(name: str) -> None:
        if name not in out:
            out.append(name)

    import difflib

    key = _words(s) if latin else canonical(s)
    pool = [c for c in cands if bool(_LATIN.search(c)) == latin or not latin]
    for m in difflib.get_close_matches(key, pool, n=n * 2, cutoff=0.55 if latin else 0.5):
        add(cands[m])
    if not latin and len(key) >= 2:
        contained = sorted((c for c in cands if key in c or (len(c) >= 3 and c in key)),
                           key=lambda c: (abs(len(c) - len(key)), c))
        for c in contained:
            add(cands[c])
    if latin:
        for c in sorted(c for c in cands if _LATIN.search(c) and key in c):
            add(cands[c])
    return out[:n]


def related_metrics(metric: str, available: Mapping[str, int], n: int = 5) -> list[str]:
    """Metrics of ``available`` (name → fact count) that share a good part of their name with ``metric``.

    规模以上工业增加值 relates to 工业增加值 and 工业增加值占GDP比重 (a common run of 4+ characters, or one name
    inside the other). Names ending alike come first (the head noun comes last in Chinese: …增加值), then the most
    similar, then the most stated.
    """
    import difflib

    scored = []
    for name, count in available.items():
        if name == metric:
            continue
        sm = difflib.SequenceMatcher(None, metric, name, autojunk=False)
        common = sm.find_longest_match(0, len(metric), 0, len(name)).size
        need = min(4, len(metric), len(name))
        if common >= need or (len(name) >= 2 and (name in metric or metric in name)):
            suffix = len(os.path.commonprefix([metric[::-1], name[::-1]]))
            scored.append((-min(suffix, 5), -round(sm.ratio(), 2), -count, len(name), name))
    return [t[-1] for t in sorted(scored)[:n]]


def _did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    if len(options) == 1:
        return f"did you mean {options[0]}?"
    return f"did you mean {', '.join(options[:-1])} or {options[-1]}?"
