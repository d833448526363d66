"""What a figure measures (level, growth, cagr, share, rank, diff), its sign, and a difference's yardstick.

>>> from indcli.figures import find_figures
>>> measure_of(find_figures("年均增长7.5%")[0], "年均增长")
('cagr', '年均增长')
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..figures import Figure
from ..lexicon import cue_pattern, cue_words, yardstick_pattern


@lru_cache(maxsize=64)
def _cue_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def last_cue(text: str, tables: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The cue word of the named cues.toml tables nearest the end of ``text``: (table's last name part, word,
    end position); the longer word wins at a tie. ``last_cue("力争达到", ("kind.target",))`` → ("target", "力争", 2)."""
    best = None
    for name in tables:
        for m in _cue_re(cue_words(name)).finditer(text):
            cand = (m.end(), len(m.group()), name.rsplit(".", 1)[-1], m.group())
            if best is None or cand[:2] > best[:2]:
                best = cand
    return (best[2], best[3], best[0]) if best else None


_RATE_MEASURES = ("measure.cagr", "measure.growth", "measure.share")


def measure_of(fig: Figure, cue_text: str) -> tuple[str, str]:
    """(measure, cue word) of a figure from its unit and the words before it."""
    if fig.unit == "位":
        return ("diff", "") if fig.dimension == "rank_move" else ("rank", "")
    if fig.unit == "百分点":
        return "diff", ""
    if fig.unit in ("%", "倍"):
        c = last_cue(cue_text[-16:], _RATE_MEASURES)
        if c:
            return c[0], c[1]
        m = _RATE_WORD.search(cue_text)
        if m:
            return "growth", m.group(1)
        return ("share", "") if fig.unit == "%" else ("growth", "")
    return "level", ""


_RATE_WORD = re.compile(f"({cue_pattern('measure.rate_words')})")
_TO_A_LEVEL = re.compile(rf"(?:{cue_pattern('change.to')})\s*(?:{cue_pattern('hedge.about', 'hedge.near')})?\s*$")
_LOWER_THAN = re.compile(rf"(?:{cue_pattern('comparison.than')})[^，,。；;\d]{{0,12}}?"
                         rf"(?:{cue_pattern('comparison.lower')})\s*(?:了)?\s*$")
_DIFF_DOWN = re.compile(f"({cue_pattern('change.diff_down')})")


def falls(text: str) -> bool:
    """Whether the last words of ``text`` say a fall (下降, 回落 …) — not a fall to a level (回落至4.8%)."""
    tail = text[-8:]
    return not _TO_A_LEVEL.search(tail) and any(w in tail for w in cue_words("negative.words"))


def signed_value(fig: Figure, measure: str, cue_word: str, before: str) -> float:
    """The figure's value with the sign its words give it (下降6.1% → -6.1, 低于…0.5个百分点 → -0.5)."""
    value = fig.value
    if measure == "growth" and fig.unit in ("%", "倍") and value > 0 and not _TO_A_LEVEL.search(before) and (
            cue_word in cue_words("negative.words") or falls(before)):
        return -value
    if measure == "diff" and value > 0 and (_DIFF_DOWN.search(before)
                                            or _LOWER_THAN.search(before)):
        return -value  # 低于全国0.5个百分点; 比上年同期低0.4个百分点
    return value


def frame_scope(sentence: str) -> str:
    """The yardstick a sentence opens with (与上年同期相比，…下滑1个百分点 → 上年同期)."""
    m = _FRAME_SCOPE.search(sentence)
    return m.group(1) if m else ""


_FRAME_SCOPE = re.compile(rf"(?:^|[，,])\s*(?:{cue_pattern('comparison.with')})([^，,。；;]{{2,10}}?)"
                          rf"(?:{cue_pattern('comparison.compared')})[，,]")
_YOY = re.compile(rf"同比(?:{cue_pattern('change.yoy_verbs')})")
_LEAD_OVER = re.compile(rf"(?:{cue_pattern('comparison.lead_over')})([^\d，,。；的]{{1,8}})的?领先")
_MULTIPLE_OF_YEAR = re.compile(rf"(?:{cue_pattern('comparison.multiple_of')})((?:19|20)\d\d年)的\s*$")
_MEASURED_AGAINST = re.compile(rf"{yardstick_pattern()}\s*((?:19|20)\d\d年[^\d，,。；]{{0,12}}?|[^\d，,。；]{{1,12}}?)"
                               rf"(?:{cue_pattern('comparison.averages')})?"
                               rf"(?:{cue_pattern('comparison.diff_ends')}|$)")
_REGION = re.compile(f"({cue_pattern('comparison.regions')})")


def scope_of(text: str, weak: bool = True) -> str:
    """What a difference is measured against: a comparison the text makes, else (``weak``) a region it names."""
    if _YOY.search(text):
        return "上年同期"
    m = _LEAD_OVER.search(text)  # 对全国的领先优势扩大到2个百分点
    if m:
        return m.group(1)
    m = _MULTIPLE_OF_YEAR.search(text)  # 是2000年的12倍
    if m:
        return m.group(1)
    m = _MEASURED_AGAINST.search(text)
    if m:
        return re.split(r"[的小大多少由]", m.group(1))[0]
    m = _REGION.search(text) if weak else None

    return m.group(1) if m else ""


def diff_scope(before: str, clause: str, sentence_head: str) -> str:
    """A difference's yardstick: in the words before it, its clause, or the sentence's opening frame."""
    return (scope_of(before, weak=False) or scope_of(clause, weak=False) or frame_scope(sentence_head)
            or scope_of(before) or scope_of(clause))
