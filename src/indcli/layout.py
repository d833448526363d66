"""The layout of a document: paragraphs, headings, page furniture, and passages that join sentences broken by
the layout.

Magazine scrapes break sentences and shuffle paragraphs: "…营收利润率由5.4%" may continue many lines later
at "升至6.3%". We join a dangling paragraph to the fragment that continues it only on evidence (a word that
spans the break, a figure that completes a "由A" or "分别增长", a list whose length matches), never by position
alone. Which province each paragraph is about is decided in ``indcli.provinces``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import abbreviations, cue_pattern, cue_words, glossary, metric_aliases

TERMINAL = set("。！？!?；;…”\"」』）)】:：")
_CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？!?]")
FURNITURE = re.compile(
    rf"({cue_pattern('layout.furniture')}|(?:{cue_pattern('layout.furniture_labels')})[:：]|"
    r"http[s]?://|www\.|\.com|@\w+\.|定价\d|^首页|^标签[:：])"
)
# pieces of a line: sentences, clauses and runs of spaces (来源：某厅 2023年，全省…)
_PIECE = re.compile(r"[。！？；;!?，,]|\s+")
_FIGURE_LIKE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|亿|万|家|个|元|位|倍|百分点)|百分之|第[一二三四五六七八九十\d]+位")


def is_furniture(text: str) -> bool:
    """Page furniture (来源：, 责任编辑, a web address, a phone number): a line with such a marker and no figure
    outside the pieces that hold the marker. A figure beside it (…增长7.7%。（责任编辑：某某）) keeps the line."""
    if not FURNITURE.search(text):
        return False
    return not any(_FIGURE_LIKE.search(p) for p in _PIECE.split(text) if p and not FURNITURE.search(p))
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.、](?!\d)|第[一二三四五六七八九十]+[章节]|●|■|◆|#)")
_CAPTION = re.compile(rf"^(?:{cue_pattern('layout.captions')})")


@dataclass(frozen=True)
class Paragraph:
    """One line of the source that holds text: its normalised span and what the layout says about it."""

    index: int
    line: int
    start: int  # offset in the normalised text
    end: int
    text: str
    heading_level: int = 0  # 1 for "# …" or a province section title, 2 for other headings
    furniture: bool = False
    continues: int | None = None  # index of the paragraph this one continues (a layout fragment)
    continued_by: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.heading_level > 0


@dataclass(frozen=True)
class Layout:
    """A document's paragraphs, in order, with headings, furniture and layout breaks decided."""

    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Passage:
    """A logical paragraph: one or more paragraphs joined across layout breaks, with where each part starts in
    the passage (``starts``) and, through the part itself, in the normalised document."""

    text: str
    starts: tuple[int, ...]
    parts: tuple[Paragraph, ...]

    @property
    def first(self) -> Paragraph:
        return self.parts[0]

    def part_index(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def offset(self, i: int) -> int:
        """Offset in the normalised document of passage character ``i``."""
        k = self.part_index(i)
        return self.parts[k].start + (i - self.starts[k])

    def quote_span(self, a: int, b: int, fa: int, fb: int) -> tuple[int, int]:
        """The sentence [a, b) around a figure at [a + fa, a + fb), cut to the part of the passage it stands in and
        without surrounding blanks, as offsets in the normalised document: a quote never crosses a layout break."""
        lo, hi = a + fa, a + fb - 1
        k_lo, k_hi = self.part_index(lo), self.part_index(hi)
        lo = max(a, self.starts[k_lo])
        part_end = self.starts[k_hi + 1] if k_hi + 1 < len(self.starts) else len(self.text)
        hi = min(b, part_end) - 1
        while lo <= hi and self.text[lo].isspace():
            lo += 1
        while hi >= lo and self.text[hi].isspace():
            hi -= 1
        return self.offset(lo), self.offset(hi) + 1


@lru_cache(maxsize=1)
def _join_vocab() -> frozenset[str]:
    """Words whose halves may stand on either side of a layout break (项|目, 规模以|上)."""
    words: set[str] = set(metric_aliases())
    words.update(w for w, _ in abbreviations())
    words.update(e for _, e in abbreviations())
    words.update(zh for zh, _ in glossary())
    words.update(cue_words("kind.target", "kind.forecast", "kind.actual", "layout.join_words"))
    return frozenset(w for w in words if len(w) >= 2)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Each non-blank line is a paragraph; headings and furniture are marked."""
    paras: list[Paragraph] = []
    pos = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            paras.append(Paragraph(len(paras), lineno, start, start + len(stripped), stripped,
                                   heading_level(stripped), is_furniture(stripped)))
        pos += len(raw) + 1
    return paras


def heading_level(t: str) -> int:
    """1 for a "# …" title, 2 for a "## …" one, a plan's numbered item (5.现代农产品加工。) or a short line with no
    punctuation and no figure; 0 for running text."""
    if t.startswith("#"):
        return 1 if not t.startswith("##") else 2
    if re.fullmatch(r"\d{1,2}\.[^，,。；;：:\d]{2,24}。?", t):
        return 2
    if len(t) <= 30 and not _CAPTION.match(t) and not _CLAUSE_PUNCT.search(t) and \
            not re.search(r"\d+(?:\.\d+)?\s*(?:%|亿|万|家|个)", t):
        return 2
    return 0


def _dangling(p: Paragraph) -> bool:
    return not p.is_heading and not p.furniture and len(p.text) >= 8 and p.text[-1] not in TERMINAL


def _lexical_join(head: str, tail: str) -> int:
    """Score a word spanning the break: 2, or 3 for a word of 4+ characters; 0 if none."""
    vocab = _join_vocab()
    best = 0
    for k in range(1, 4):
        for m in range(1, 4):
            w = head[-k:] + tail[:m]
            if w in vocab:
                best = max(best, 3 if len(w) >= 4 else 2)
    return best


_FROM_END = re.compile(rf"(?:{cue_pattern('range.from')})[^，,。；]*\d(?:\.\d+)?\s*(?:%|亿元|万亿元|万元|元|个|家|位)?$")
_TO_START = re.compile(rf"^(?:{cue_pattern('change.to_level', 'change.grew_to')})")
_NEEDS_VALUE_END = re.compile(rf"(?:{cue_pattern('layout.needs_value')})$")
_SUBJECT_END = re.compile(cue_pattern("layout.subject_ends"))
_FIGURE_START = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*(?:%|个|家|亿|万|倍)")
_FIGS = re.compile(r"[-+]?\d+(?:\.\d+)?\s*(?:%|个百分点|个|家|亿元|万亿元)")


def _expected_count(head: str) -> int | None:
    """How many values the broken sentence promises: items of a 、 list before 占/分别, or a span's years."""
    last = re.split(r"[。；;]", head)[-1]
    m = re.search(r"((?:19|20)\d\d)\s*[—–\-至~]\s*((?:19|20)\d\d)年", last)
    if "三年间" in last or "3年间" in last:
        return 3
    if m:
        return int(m.group(2)) - int(m.group(1)) + 1
    clause = re.split(r"[，,]", last)[-1]
    subject = _SUBJECT_END.split(clause)[0]

    if "、" in subject:
        return subject.count("、") + 1
    return None


@dataclass(frozen=True)
class _Head:
    """What a dangling paragraph promises its continuation (computed once per paragraph)."""

    text: str
    from_end: bool  # ends "由A": wants 升至B
    needs_value: bool  # ends 分别增长 / 达到: wants a figure
    last_clause: str
    open_share: bool  # an 占… with no 比重 yet
    expected: int | None  # how many values a list promises


@dataclass(frozen=True)
class _Tail:
    """What a candidate fragment offers (computed once per paragraph)."""

    text: str
    eligible: bool
    first_sentence: str
    n_figs: int
    to_start: bool
    figure_start: bool


def _head(d: Paragraph) -> _Head:
    last_clause = re.split(r"[，,。；;]", d.text)[-1]
    return _Head(d.text, bool(_FROM_END.search(d.text)), bool(_NEEDS_VALUE_END.search(d.text)), last_clause,
                 "占" in last_clause and "比重" not in last_clause, _expected_count(d.text))


def _tail(f: Paragraph) -> _Tail:
    eligible = not (f.is_heading or f.furniture or _LIST_START.match(f.text) or _CAPTION.match(f.text))
    first = re.split(r"[。；;]", f.text)[0]
    return _Tail(f.text, eligible, first, len(_FIGS.findall(first)), bool(_TO_START.match(f.text)),
                 bool(_FIGURE_START.match(f.text)))


def _join_score(d: _Head, f: _Tail, near: bool) -> int:
    if not f.eligible:
        return 0
    score = _lexical_join(d.text, f.text)
    if d.from_end and f.to_start:
        score += 3
    if d.needs_value and f.figure_start:
        score += 3
    if d.open_share and "比重" in f.first_sentence:
        score += 2
    if d.expected and f.n_figs > 1 and "分别" in (d.last_clause + f.first_sentence):
        score += 2 if d.expected == f.n_figs or (d.expected, f.n_figs) == (3, 6) else -2
    if score and near:
        score += 1
    return score


def _join_candidates(paras: list[Paragraph], uniq: list[Paragraph]) -> list[tuple[int, int, int, int]]:
    """(−score, distance, head, fragment) for every dangling paragraph and fragment with evidence they join."""
    candidates: list[tuple[int, int, int, int]] = []
    heads = [d for d in uniq if _dangling(d)]
    tails = {f.index: _tail(f) for f in uniq} if heads else {}
    for d in heads:
        nxt = _next_content(paras, d)
        head = _head(d)
        for f in uniq:
            if f is d or abs(f.index - d.index) > _JOIN_WINDOW:
                continue
            s = _join_score(head, tails[f.index], near=f is nxt)
            if s >= 2:
                candidates.append((-s, abs(f.index - d.index), d.index, f.index))
    return candidates


def stitch(paras: list[Paragraph]) -> list[Paragraph]:
    """Link each dangling paragraph to the fragment that continues it, best evidence first; each text once
    (every copy of a repeated paragraph gets the same link)."""
    content = [p for p in paras if not p.is_heading and not p.furniture]
    first_of: dict[str, Paragraph] = {}
    for p in content:
        first_of.setdefault(copy_key(p.text), p)
    used_d: dict[str, int] = {}
    used_f: dict[str, int] = {}
    for _neg, _dist, di, fi in sorted(_join_candidates(paras, list(first_of.values()))):
        dk, fk = copy_key(paras[di].text), copy_key(paras[fi].text)
        if dk in used_d or fk in used_f or dk == fk:
            continue
        used_d[dk] = fi
        used_f[fk] = di
    if not used_d:
        return paras
    out = []
    for p in paras:
        key = copy_key(p.text) if not p.is_heading and not p.furniture else None
        out.append(replace(p, continued_by=used_d.get(key, p.continued_by), continues=used_f.get(key, p.continues)))
    return out


_JOIN_WINDOW = 400  # paragraphs: a fragment is looked for this far from its head, so the work stays linear


def _next_content(paras: list[Paragraph], d: Paragraph) -> Paragraph | None:
    """The next paragraph after ``d``, skipping captions, sidebar bullets and short one-line notes."""
    for p in paras[d.index + 1 :]:
        if p.is_heading and p.heading_level == 1:
            return None
        if p.is_heading or p.furniture or _CAPTION.match(p.text) or p.text.startswith(("●", "■", "◆")):
            continue
        if len(p.text) <= 40 and p.text[-1] in "。！？":
            continue
        return p
    return None


def copy_key(text: str) -> str:
    """What makes two paragraphs copies of each other: the text without its list marker (一是/五是)."""
    return _LIST_START.sub("", text, count=1)


def analyse(text: str) -> Layout:
    """Paragraphs of ``text`` with headings, furniture and continuations decided."""
    return Layout(tuple(stitch(split_paragraphs(text))))


def passage(text: str, layout: Layout, para: Paragraph) -> Passage:
    """The passage a paragraph opens: it and the fragments that continue it, in order, as one text."""
    parts = [para]
    seen = {para.index}
    while parts[-1].continued_by is not None and parts[-1].continued_by not in seen:
        nxt = layout.paragraphs[parts[-1].continued_by]
        seen.add(nxt.index)
        parts.append(nxt)
    starts, n = [], 0
    for p in parts:
        starts.append(n)
        n += p.end - p.start
    return Passage("".join(text[p.start : p.end] for p in parts), tuple(starts), tuple(parts))
