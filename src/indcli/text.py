"""Normalise a document's text before extraction while keeping a map back to the original characters.

Traditional → Simplified (OpenCC), pinyin conversion debris (現(xiàn)代 → 现代), Chinese-numeral percentages
(百分之七点七 → 7.7%, 四成 → 40%, 三分之一 → 33.33%), full-width digits, markdown emphasis and literal "\\n" sequences. Every normalised
character records the span of the original it came from, so quotes always point into the source file.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import cue_lookbehind, cue_pattern
from .numbers import CN_DIGITS, cn_decimal

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
# (a) pinyin in brackets after a Han character, (b) Chinese-numeral percentages, (c) markdown emphasis,
# (d) a literal backslash-n left by a scraper, (e) full-width ASCII forms.
_SUBST = re.compile(
    # the characters an alternative can start with, checked first: most positions fail here at once (5× faster)
    r"(?=[(百一二两三四五六七八九十\d*\\\uff01-\uff5e])(?:"
    r"(?P<pinyin>(?<=[\u3400-\u9fff])\((?=[a-z" + _TONED + r"]*[" + _TONED + r"])[a-z" + _TONED + r"]{1,7}\))"
    r"|(?P<pct>百分之(?P<pctnum>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?))"
    rf"|(?P<cheng>{cue_lookbehind('text.before_tenths')}(?P<chengnum>[一二三四五六七八九])成"
    rf"(?={cue_pattern('text.after_tenths')}|[,，。;；、)）\s]|$))"
    rf"|(?P<frac>{cue_lookbehind('text.before_tenths')}(?P<fden>[二三四五六七八九十])分之(?P<fnum>[一二三四五六七八九])"
    rf"(?={cue_pattern('text.after_tenths')}|[,，。;；、)）\s]|$))"

    rf"|(?P<wan>(?<![\d.])(?P<wana>\d{{1,4}})万(?P<wanb>\d{{1,4}})(?=\s*(?:{cue_pattern('units.after_wan')})))"
    r"|(?P<cnbig>(?<![一二两三四五六七八九十零〇\d.])(?P<cnd>[一二两三四五六七八九])(?P<cnu>[千百])(?P<cnm>亿|万)"
    rf"(?={cue_pattern('units.after_big_numeral')}))"

    r"|(?P<bold>\*\*)"
    r"|(?P<bsn>\\n)"
    r"|(?P<wide>[\uff01-\uff5e]))"
)
_KEEP_WIDE = set("，。；：！？（）、")


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus a map back to the original characters.

    The map is sparse, a list of segments, so a 50 MB document does not cost hundreds of MB of offsets: a
    segment either copies the original one for one, or stands for a replaced span (百分之七点七 → 7.7%) whose
    every character maps to the whole original span.
    """

    text: str
    seg_norm: tuple[int, ...]  # where each segment starts in the normalised text
    seg_orig: tuple[int, ...]  # where it starts in the original
    seg_orig_end: tuple[int, ...]  # for a replaced span, where it ends in the original; -1 for a copy
    original: str

    def _segment(self, i: int) -> int:
        return bisect.bisect_right(self.seg_norm, i) - 1

    def start_of(self, i: int) -> int:
        """Original offset where normalised character ``i`` begins."""
        if i >= len(self.text):
            return len(self.original)
        k = self._segment(i)
        return self.seg_orig[k] if self.seg_orig_end[k] >= 0 else self.seg_orig[k] + (i - self.seg_norm[k])

    def end_of(self, i: int) -> int:
        """Original offset just after normalised character ``i``."""
        k = self._segment(i)
        return self.seg_orig_end[k] if self.seg_orig_end[k] >= 0 else self.seg_orig[k] + (i - self.seg_norm[k]) + 1

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of normalised [a, b)."""
        if b <= a:
            s = self.start_of(a)
            return s, s
        return self.start_of(a), self.end_of(b - 1)

    def original_slice(self, a: int, b: int) -> str:
        s, e = self.span(a, b)
        return self.original[s:e]


@lru_cache(maxsize=1)
def _t2s():
    """The OpenCC Traditional → Simplified converter, built once (it loads dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s")


def _wan(a: str, b: str, yi: bool) -> str:
    """The digits of A万B: 3万6000 before 亿 is 3.6万 (亿), else 3*10000 + 6000 = 36000. B is 0–9999."""
    if yi:
        return f"{int(a) + int(b) / 10000:g}万"
    return str(int(a) * 10000 + int(b))


def _replacement(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind in ("pinyin", "bold"):
        return ""
    if kind == "bsn":
        return "\n"
    if kind == "wide":
        ch = m.group()
        return ch if ch in _KEEP_WIDE else unicodedata.normalize("NFKC", ch)
    if kind == "cheng":  # 约占全国的四成 → 40%: tenths are a share
        return f"{cn_decimal(m.group('chengnum')):g}0%"
    if kind == "frac":  # 约占全国的十分之一 → 10%, 三分之一 → 33.33%: a fraction is a share
        return f"{round(100 * cn_decimal(m.group('fnum')) / cn_decimal(m.group('fden')), 2):g}%"
    if kind == "wan":  # 3万6000亿元 → 3.6万亿元, 1万5000家 → 15000家
        return _wan(m.group("wana"), m.group("wanb"), m.string[m.end() :].lstrip().startswith("亿"))
    if kind == "cnbig":  # 两千亿元 → 2000亿元
        return f"{CN_DIGITS[m.group('cnd')] * (1000 if m.group('cnu') == '千' else 100)}{m.group('cnm')}"
    if m.group("pctnum") is not None:
        value = cn_decimal(m.group("pctnum"))
        return m.group() if value is None else f"{value:g}%"
    return m.group()


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified one for one (length kept, so offsets stay valid)."""
    if not text or text.isascii():
        return text
    conv = _t2s().convert
    out = []
    for line in text.split("\n"):
        if line.isascii():
            out.append(line)
            continue
        c = conv(line)
        if len(c) != len(line):  # a phrase rule changed the length: fall back to character by character
            c = "".join(ch2 if len(ch2 := conv(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out)


_TERMINAL = set("。！？!?；;：:…")  # a closing quote or bracket often ends a wrapped line mid-sentence


def wrap_breaks(original: str) -> list[int]:
    """Offsets of line breaks that only wrap a paragraph, as in text taken from a PDF: lines filled to a common
    width that end mid-sentence. [] for ordinary text (one paragraph a line), so nothing changes there."""
    lines = original.split("\n")
    lengths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    if len(lengths) < 8:
        return []
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width < 16 or width > 120:
        return []
    full = [i for i, ln in enumerate(lines[:-1])
            if len(ln.strip()) >= width - 2 and ln.strip() and ln.strip()[-1] not in _TERMINAL and lines[i + 1].strip()]
    if len(full) < max(5, len(lengths) * 0.3):
        return []
    offsets, pos = [], 0
    breaks = set(full)
    for i, ln in enumerate(lines[:-1]):
        pos += len(ln)
        if i in breaks:
            offsets.append(pos)
        pos += 1
    return offsets


def _events(original: str, drop: list[int]):
    """Substitutions in order: the regular ones, and the line breaks to drop."""
    drops = iter(sorted(drop))
    nxt = next(drops, None)
    for m in _SUBST.finditer(original):
        while nxt is not None and nxt < m.start():
            yield nxt, nxt + 1, ""
            nxt = next(drops, None)
        while nxt is not None and nxt < m.end():
            nxt = next(drops, None)
        yield m.start(), m.end(), _replacement(m)
    while nxt is not None:
        yield nxt, nxt + 1, ""
        nxt = next(drops, None)


def normalise(original: str, unwrap: bool = True) -> Normalised:
    """Normalise ``original`` for extraction; see the module docstring for what changes. With ``unwrap``, line
    breaks that only wrap a paragraph (PDF text) are removed so sentences read whole."""
    pieces: list[str] = []
    seg_norm: list[int] = []
    seg_orig: list[int] = []
    seg_end: list[int] = []
    pos = npos = 0
    for start, end, rep in _events(original, wrap_breaks(original) if unwrap else []):
        if start > pos:
            pieces.append(original[pos:start])
            seg_norm.append(npos)
            seg_orig.append(pos)
            seg_end.append(-1)
            npos += start - pos
        if rep:
            pieces.append(rep)
            seg_norm.append(npos)
            seg_orig.append(start)
            seg_end.append(end)
            npos += len(rep)
        pos = end
    if pos < len(original) or not seg_norm:
        pieces.append(original[pos:])
        seg_norm.append(npos)
        seg_orig.append(pos)
        seg_end.append(-1)
    text = to_simplified("".join(pieces))
    return Normalised(text, tuple(seg_norm), tuple(seg_orig), tuple(seg_end), original)
