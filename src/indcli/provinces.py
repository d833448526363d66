"""Every decision about which province (or city) a figure belongs to, in one place.

- The document's province: weighted mentions, the opening counting most (``guess_doc_province``).
- Each paragraph's: its section's heading (# 湖北：…), else content — places and firms of the gazetteer, copies
  of it printed in another section, the paragraph it continues, the block it stands in (``attribute_provinces``).
- Each figure's: a province or city named as the subject of its clause or sentence (``figure_subject``).
- After extraction: a paragraph printed as often in two sections goes where its figures do not contradict the
  section's own (``resolve_ambiguous``).

>>> guess_doc_province("湖北省经信厅：全省规上工业增加值增长7.7%")
'湖北'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .layout import Layout, Paragraph, copy_key
from .lexicon import cue_pattern, cue_words, find_places, places, province_name_re, province_names
from .metrics import EPITHET

if TYPE_CHECKING:
    from .extract.model import Fact
    from .extract.sentence import Sentence

# a province named right after these is compared with or related to, not the subject (高于湖北, 与湖南合作)
_COMPARE_BEFORE = cue_words("province.related", "province.compared")
# a place right after these is one the province deals with (赴长沙考察, 对接武汉), not its own
_PLACE_RELATED = re.compile(rf"(?:{cue_pattern('province.related', 'province.place_related')})$")
# a province right after these is no subject either (落户湖北, 被湖南超越, 仅次于广东)
_NOT_SUBJECT = re.compile(rf"(?:{cue_pattern('province.related', 'province.compared', 'province.object_of')})$")
_MIN_FOREIGN = 2  # one stray mention of another province's city never moves a paragraph


@dataclass(frozen=True)
class ParagraphProvince:
    """The province a paragraph is about, how that was decided, and (``alt``) the other province whose section
    holds as many copies of it."""

    province: str
    method: str
    alt: str = ""


def province_mentions(text: str) -> Counter[str]:
    """Provinces a text is about: its places and firms, and province names not used as a comparison."""
    votes: Counter[str] = Counter()
    names = province_names()
    for m in province_name_re().finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if before.endswith(_COMPARE_BEFORE):
            continue
        votes[names[m.group()]] += 2  # a province named outright counts as two mentions of its places
    table = places()
    for m in find_places(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if _PLACE_RELATED.search(before):
            continue  # 与武汉合作, 赴长沙考察: a relation with the place, not the place's own figure
        votes[table[m.group()][0]] += 1
    return votes


def guess_doc_province(text: str) -> str:
    """The province a document is mostly about: weighted mentions, the title and opening count most."""
    votes: Counter[str] = Counter()
    for prov, n in province_mentions(text[:400]).items():
        votes[prov] += 3 * n
    for prov, n in province_mentions(text).items():
        votes[prov] += n
    return votes.most_common(1)[0][0] if votes else ""


def _heading_province(text: str) -> str | None:
    head = text.lstrip("#").strip()[:12]
    for name, prov in province_names().items():
        if head.startswith(name):
            return prov
    return None


_NATIONAL_OPENING = re.compile(rf"^[^。；]{{0,24}}?(?:国内生产总值|全国(?:{cue_pattern('province.national_topics')}))")
_OWN = re.compile(cue_pattern("place.own", "place.own_city", "place.this_province", "place.own_region"))
_OWN_OPENING = re.compile(rf"^\s*(?:{cue_pattern('place.own', 'place.own_city', 'place.this_province')})")
_OWN_OR_NATION_OPENING = re.compile(rf"^\s*(?:{cue_pattern('place.own', 'place.own_city')}|全国)")


def national_paragraph(text: str) -> bool:
    """A paragraph about the nation: it opens with the nation's figures (国家统计局数据显示，前三季度国内生产总值…;
    全国规上工业增加值…) and names no province, place, or 全省 of its own."""
    return bool(_NATIONAL_OPENING.search(text)) and not province_mentions(text) and \
        not _OWN.search(text)


@dataclass(frozen=True)
class _Sections:
    """Per paragraph index: the province of the section it stands in and its block (the run of paragraphs
    under one heading); which blocks a subheading opened."""

    section_of: dict[int, str]
    block_of: dict[int, int]
    sub_blocks: frozenset[int]


def _sections(paras: tuple[Paragraph, ...], doc_province: str) -> _Sections:
    section, block = doc_province, 0
    section_of: dict[int, str] = {}
    block_of: dict[int, int] = {}
    sub_blocks: set[int] = set()  # blocks opened by a subheading (##), not by a province's own title
    for p in paras:
        if p.is_heading:
            prov = _heading_province(p.text) if p.heading_level == 1 or p.text.startswith("#") else None
            if prov and p.heading_level == 1:
                section = prov
            block += 1
            if p.heading_level == 2 and not prov:
                sub_blocks.add(block)
        section_of[p.index] = section
        block_of[p.index] = block
    return _Sections(section_of, block_of, frozenset(sub_blocks))


def _content(p: Paragraph) -> bool:
    return not p.is_heading and not p.furniture


def _by_places(p: Paragraph, home: str) -> tuple[ParagraphProvince | None, bool]:
    """A paragraph whose places name another province more often than its section's (武汉, 长江存储 in a Jiangxi
    section) is that province's; also whether its own section's places are named."""
    votes = province_mentions(p.text)
    foreign = [(n, prov) for prov, n in votes.items() if prov != home]
    if foreign:
        n, prov = max(foreign)
        if n >= _MIN_FOREIGN and n > votes.get(home, 0):
            place = next((k for k, (v, _) in places().items() if v == prov and k in p.text), prov)
            return ParagraphProvince(prov, f"gazetteer:{place}"), True
    return None, bool(votes.get(home, 0))


def _by_copies(current: ParagraphProvince, home: str, sections: Counter[str],
               n_copies: int) -> tuple[ParagraphProvince, bool]:
    """A paragraph printed in several sections goes where most copies stand; a tie keeps it home but names the
    other province (``alt``). Also whether that is evidence for the province it keeps."""
    if len(sections) > 1:
        prov, n = sections.most_common(1)[0]
        top = sections.most_common()
        if n > sections.get(home, 0):
            return ParagraphProvince(prov, "duplicate"), True
        if len(top) > 1 and top[0][1] == top[1][1]:
            return replace(current, alt=next(q for q, _ in top if q != home)), False
        return current, prov == home
    return current, n_copies > 1


def attribute_provinces(layout: Layout, doc_province: str) -> tuple[ParagraphProvince, ...]:
    """Decide each paragraph's province, by section, then by content, copies, continuations and blocks."""
    paras = layout.paragraphs
    sec = _sections(paras, doc_province)
    out = [ParagraphProvince(sec.section_of[p.index], "document" if sec.section_of[p.index] == doc_province
                             else "section") for p in paras]
    copies: dict[str, list[Paragraph]] = {}
    for p in filter(_content, paras):
        copies.setdefault(copy_key(p.text), []).append(p)
    evidence: dict[int, str] = {}
    for p in filter(_content, paras):
        home = sec.section_of[p.index]
        moved, named = _by_places(p, home)
        if moved:
            out[p.index], evidence[p.index] = moved, moved.province
            continue
        if named:
            evidence[p.index] = home
        group = copies[copy_key(p.text)]
        out[p.index], firm = _by_copies(out[p.index], home, Counter(sec.section_of[c.index] for c in group), len(group))
        if firm:
            evidence[p.index] = out[p.index].province
    for p in filter(_content, paras):  # 国家统计局数据显示，前三季度国内生产总值…: the nation's paragraph
        if p.index not in evidence and national_paragraph(p.text):
            out[p.index] = ParagraphProvince("全国", "national", out[p.index].alt)
            evidence[p.index] = "全国"
    _copies_follow_content(copies, out, evidence)
    for p in paras:  # continuations belong to the paragraph they continue
        if p.continues is not None:
            out[p.index] = ParagraphProvince(out[p.continues].province, "continuation", out[p.index].alt)
            evidence[p.index] = out[p.index].province
    _blocks_follow_evidence(paras, sec, out, evidence)
    return tuple(out)


def _copies_follow_content(copies: dict[str, list[Paragraph]], out: list[ParagraphProvince],
                           evidence: dict[int, str]) -> None:
    """A copy of a paragraph takes the attribution its places decided for any copy."""
    for group in copies.values():
        decided = [c for c in group if out[c.index].method.startswith("gazetteer")]
        if decided:
            first = out[decided[0].index]
            for c in group:
                out[c.index] = ParagraphProvince(first.province, first.method, out[c.index].alt)
                evidence[c.index] = first.province


def _blocks_follow_evidence(paras: tuple[Paragraph, ...], sec: _Sections, out: list[ParagraphProvince],
                            evidence: dict[int, str]) -> None:
    """Paragraphs under a subheading whose only evidence points to one other province belong to it."""
    by_block: dict[int, list[Paragraph]] = {}
    for p in filter(_content, paras):
        by_block.setdefault(sec.block_of[p.index], []).append(p)
    for b, members in by_block.items():
        provs = {evidence[p.index] for p in members if p.index in evidence}
        if b not in sec.sub_blocks or len(provs) != 1:
            continue
        prov = provs.pop()
        for p in members:
            if p.index not in evidence and prov != sec.section_of[p.index]:
                out[p.index] = ParagraphProvince(prov, "block", out[p.index].alt)


# ---------------------------------------------------------------- a figure's subject

# 全国 after a break or a time (2024年全国…) is the nation as a subject, not before these (全国平均, 全国第一)
_NATIONAL = re.compile(rf"(?:^|[，,。；]|{cue_pattern('province.national_after')})\s*全国"
                       rf"(?!{cue_pattern('province.national_not_before')})")
_WHEN = rf"(?:\d{{4}}年|\d{{1,2}}[-—–~至]\d{{1,2}}月|{cue_pattern('province.frame_times')}|[一二三四]季度)"
_REGION_FRAME = re.compile(rf"\s*(?:{_WHEN}[，,]?\s*)?(?:(?:{cue_pattern('province.region_frames')})(?:来)?看[，,：:]\s*)?"
                           rf"(?:{_WHEN}[，,]?\s*)?")


# a city introduced as the topic of what follows: 而位于皖北的宿州，…; 作为省会的某市，…
_INTRODUCED = re.compile(rf"(?:^|[，,。：:])\s*(?:{cue_pattern('province.introducer_openers')})?"
                         rf"(?:{cue_pattern('province.introducers')})[^，,。；]{{1,16}}的\s*$")
_GOES_ON = re.compile(cue_pattern("province.clause_goes_on"))


def city_subject(text: str, clause: str) -> tuple[str, str] | None:
    """The city an earlier clause of the sentence opened with, when ``clause`` goes on about the same thing (it
    repeats that clause's topic, 稀土产业…，稀土产业规模…) or has no subject of its own (…，高于全省1个百分点)."""
    table = places()
    found = None
    for m in find_places(text):
        p, kind = table[m.group()]
        if kind != "city" or not re.search(rf"(?:^|[，,。：:])\s*{EPITHET}?\s*$", text[: m.start()]) and \
                not _INTRODUCED.search(text[: m.start()]):
            continue
        topic = text[m.end() :]
        same = len(clause) >= 2 and topic.startswith(clause[:2]) and not re.match(r"[\d一二三四五六七八九十]", clause)
        opens = bool(_REGION_FRAME.fullmatch(text[: m.start()]))  # 分地区看，成都市…: the sentence is about the city
        introduced = bool(_INTRODUCED.search(text[: m.start()]))  # 而位于皖北的宿州，…: the city is the topic
        if same or opens or introduced or _GOES_ON.match(clause):
            found = (m.group(), p)
        else:
            found = None
    return found


def _named_province(head: str) -> tuple[int, str]:
    """(position, province) of the last province named before a figure as a subject, not as a yardstick."""
    best, prov = -1, ""
    names = province_names()
    for m in province_name_re().finditer(head):
        before = head[max(0, m.start() - 3) : m.start()]
        if _NOT_SUBJECT.search(before):
            continue
        if m.start() > best:
            best, prov = m.start(), names[m.group()]
    return best, prov


def _national_subject(s: Sentence, upto: int, best: int, clause: str) -> bool:
    """全国 as the subject of the figure's clause (全国工业增长4%), or of the sentence when the clause has none of
    its own (全国工业增长4%，国内生产总值增长5%)."""
    cs = s.clause_start(upto)
    m = _NATIONAL.search(s.text[cs : upto + 4])
    if m and m.end() > upto - cs:
        m = None
    if m and not _NATION_AS_YARDSTICK.search(clause) and m.start() >= best:
        return True
    own_subject = best >= cs or m is not None or _OWN_OPENING.search(clause)
    return bool(not own_subject and ("国内生产总值" in clause
                                     or any(n.start() >= best for n in _NATIONAL.finditer(s.text[:cs]))))


_NATION_AS_YARDSTICK = re.compile(rf"(?:{cue_pattern('province.nation_yardstick')})\s*全国")
_CITY_AS_OBJECT = re.compile(rf"(?:{cue_pattern('province.city_object')})$")


def _clause_city(clause: str) -> tuple[str, str] | None:
    """The city a clause is about: (city, province) of the last one named that is not an object (落户南昌)."""
    table = places()
    found = None
    for m in find_places(clause):
        p, kind = table[m.group()]
        if kind == "city" and "全省" not in clause[m.start():] and \
                not _CITY_AS_OBJECT.search(clause[: m.start()]):
            found = (m.group(), p)
    return found


def figure_subject(s: Sentence, upto: int, province: str, method: str) -> tuple[str, str, str]:
    """(province, method, city) for a figure at ``upto``: a province or city named as the subject before it,
    else the paragraph's ``province``."""
    head = s.text[:upto]
    cs = s.clause_start(upto)
    clause = head[cs:]
    best, named = _named_province(head)
    prov, city = (named, "") if named else (province, "")
    method = "subject" if named else method
    if _national_subject(s, upto, best, clause):
        prov, method = "全国", "subject"
    found = _clause_city(clause)
    if found:  # the clause is about this city: its figure is the city's, in the city's province
        return found[1], "subject", found[0]
    if not _OWN_OR_NATION_OPENING.search(clause) and not province_name_re().search(clause):

        earlier = city_subject(head[:cs], clause.lstrip())
        if earlier:  # 赣州稀土产业营收超800亿元，稀土产业规模居全国第一: the clause goes on about the city
            return earlier[1], "subject", earlier[0]
    return prov, method, city


# ---------------------------------------------------------------- after extraction


def resolve_ambiguous(facts: list[Fact], layout: Layout, provinces: tuple[ParagraphProvince, ...]) -> list[Fact]:
    """A paragraph printed as often in two sections goes to the other one when a figure of it contradicts a
    figure that its own section states elsewhere (15589 enterprises cannot be the 12727 stated elsewhere)."""
    paras = layout.paragraphs

    def stated(f: Fact) -> tuple:
        return (f.province, f.metric, f.measure, f.period_start, f.period_end, f.kind)

    firm: dict[tuple, set[float]] = {}
    for f in facts:
        if not provinces[f.paragraph].alt:
            firm.setdefault(stated(f), set()).add(f.value)
    move: set[tuple[str, str]] = set()
    for f in facts:
        pp = provinces[f.paragraph]
        vals = firm.get(stated(f)) if pp.alt and f.province == pp.province else None
        if vals and f.value not in vals:
            move.add((copy_key(paras[f.paragraph].text), pp.province))
    out = []
    for f in facts:
        pp = provinces[f.paragraph]
        if pp.alt and (copy_key(paras[f.paragraph].text), pp.province) in move and f.province == pp.province:
            f = replace(f, province=pp.alt, province_method="duplicate:contradiction")
        out.append(f)
    return out
