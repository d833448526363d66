"""Normalise a document's text before extraction while keeping a map back to the original characters.

Traditional → Simplified (OpenCC), pinyin conversion debris (現(xiàn)代 → 现代), Chinese-numeral percentages
(百分之七点七 → 7.7%), full-width digits, markdown emphasis and literal "\\n" sequences. Every normalised
character records the span of the original it came from, so quotes always point into the source file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .numbers import cn_decimal

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
# (a) pinyin in brackets after a Han character, (b) Chinese-numeral percentages, (c) markdown emphasis,
# (d) a literal backslash-n left by a scraper, (e) full-width ASCII forms.
_SUBST = re.compile(
    r"(?P<pinyin>(?<=[\u3400-\u9fff])\((?=[a-z" + _TONED + r"]*[" + _TONED + r"])[a-z" + _TONED + r"]{1,7}\))"
    r"|(?P<pct>百分之(?P<pctnum>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?))"
    r"|(?P<bold>\*\*)"
    r"|(?P<bsn>\\n)"
    r"|(?P<wide>[\uff01-\uff5e])"
)
_KEEP_WIDE = set("，。；：！？（）、")


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the [start, end) span in the original text."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of normalised [a, b)."""
        if b <= a:
            return self.starts[a] if a < len(self.starts) else len(self.original), self.starts[a] if a < len(self.starts) else len(self.original)
        return self.starts[a], self.ends[b - 1]

    def original_slice(self, a: int, b: int) -> str:
        s, e = self.span(a, b)
        return self.original[s:e]


@lru_cache(maxsize=1)
def _t2s():
    """The OpenCC Traditional → Simplified converter, built once (it loads dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s")


def _replacement(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind in ("pinyin", "bold"):
        return ""
    if kind == "bsn":
        return "\n"
    if kind == "wide":
        ch = m.group()
        return ch if ch in _KEEP_WIDE else unicodedata.normalize("NFKC", ch)
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
        c = conv(line)
        if len(c) != len(line):  # a phrase rule changed the length: fall back to character by character
            c = "".join(ch2 if len(ch2 := conv(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out)


def normalise(original: str) -> Normalised:
    """Normalise ``original`` for extraction; see the module docstring for what changes."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SUBST.finditer(original):
        if m.start() > pos:
            chunk = original[pos : m.start()]
            pieces.append(chunk)
            starts.extend(range(pos, m.start()))
            ends.extend(range(pos + 1, m.start() + 1))
        rep = _replacement(m)
        pieces.append(rep)
        starts.extend([m.start()] * len(rep))
        ends.extend([m.end()] * len(rep))
        pos = m.end()
    if pos < len(original):
        pieces.append(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
    text = to_simplified("".join(pieces))
    return Normalised(text, tuple(starts), tuple(ends), original)
