"""A document from text to facts, stage by stage: normalise → layout → provinces → sections and passages →
sentences → mentions → checks → facts → merge.

>>> from datetime import date
>>> [f.value for f in extract_document("全省规上工业增加值增长7.7%。", source="a.txt", doc_date=date(2024, 12, 1),
...                                     province="湖北")]
[7.7]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..layout import Passage, analyse, passage
from ..metrics import english
from ..provinces import ParagraphProvince, attribute_provinces, guess_doc_province, resolve_ambiguous
from ..text import Normalised, normalise
from .frame import (
    DocumentFrame,
    SectionFrame,
    first_period,
    lead_period,
    next_section,
    paragraph_frame,
    plan_period,
    report_year,
    section_after_paragraph,
    title_topic,
)
from .mentions import read_sentence
from .merge import merge
from .model import Fact, Mention
from .sentence import MAY_HAVE_FIGURE, Sentence, parse_sentence, split_sentences


@dataclass(frozen=True)
class _Located:
    """Where a passage stands in the source: the normalised text with its map back, and where lines begin."""

    norm: Normalised
    line_starts: tuple[int, ...]

    def fact(self, m: Mention, s: Sentence, p: Passage, doc: DocumentFrame) -> Fact:
        """The fact a mention states, with its quote, line and offsets in the original file."""
        a, b = s.start, s.start + len(s.text)
        qa, qb = p.quote_span(a, b, m.figure.start, m.figure.end)
        oa, ob = self.norm.span(qa, qb)
        line = bisect.bisect_right(self.line_starts, self.norm.start_of(p.offset(a + m.figure.start)))
        first_line = bisect.bisect_right(self.line_starts, self.norm.start_of(p.offset(a)))
        return Fact(province=m.province, metric=m.metric, metric_raw=m.metric_raw, measure=m.measure, value=m.value,
                    unit=m.unit, comparator=m.comparator, period_start=m.period.start, period_end=m.period.end,
                    period_label=m.period.label, kind=m.kind, source=doc.source, line=line,
                    quote=self.norm.original[oa:ob], metric_en=english(m.metric), city=m.city, scope=m.scope,
                    province_method=m.method, doc_date=doc.date, char_start=oa, char_end=ob,
                    figure_text=m.figure.text, continued_from_line=first_line if first_line != line else None,
                    paragraph=p.first.index, relative=m.relative)


def read_passage(p: Passage, doc: DocumentFrame, section: SectionFrame, where: ParagraphProvince,
                 located: _Located, warnings: list[str]) -> tuple[list[Fact], SectionFrame]:
    """The facts of one passage, and the section frame it leaves (the first period it speaks of)."""
    frame = paragraph_frame(doc, section, where.province, where.method)
    if not MAY_HAVE_FIGURE.search(p.text):  # nothing to extract: only its period may frame the section
        if section.period is None and not section.heading_year:
            sentences = [parse_sentence(p.text[a:b], a) for a, b in split_sentences(p.text)]
            section = section_after_paragraph(section, first_period(sentences, frame.year, doc.date), doc.date)
        return [], section
    sentences = [parse_sentence(p.text[a:b], a) for a, b in split_sentences(p.text)]
    facts: list[Fact] = []
    for s in sentences:
        found, frame, warns = read_sentence(s, frame, sentences)
        warnings.extend(warns)
        facts.extend(located.fact(m, s, p, doc) for m in found)
    return facts, section_after_paragraph(section, frame.first_period, doc.date, frame.topic)


def _undated(facts: list[Fact], source: str, warnings: list[str]) -> list[Fact]:
    """Without a date, figures whose period depends on it (今年, 前三季度) are left out, not guessed."""
    kept = [f for f in facts if not f.relative]
    if len(kept) < len(facts):
        warnings.append(f"{source}: no date in the text; {len(facts) - len(kept)} figure(s) whose period depends "
                        "on it were left out (give the date with --date YYYY-MM-DD)")
    for f in kept:
        f.doc_date = None
    return kept


def extract_document(text: str, *, source: str, doc_date: date | None, province: str | None = None,
                     warnings: list[str] | None = None) -> list[Fact]:
    """All facts of one document. ``province`` overrides the document's own (guessed from its text).

    With ``doc_date`` None, figures whose period depends on the date (今年, 前三季度 with no year) are left out
    with a warning instead of being guessed.
    """
    warn = warnings if warnings is not None else []
    norm = normalise(text)
    today = doc_date or date.today()
    doc_prov = province or guess_doc_province(norm.text)
    if not doc_prov:
        warn.append(f"{source}: names no province; its figures are stored with an empty province unless a "
                    "sentence names one (give it with --province)")
    layout = analyse(norm.text)
    provinces = attribute_provinces(layout, doc_prov)
    doc = DocumentFrame(source, today, doc_date is not None, doc_prov, report_year(norm.text, today),
                        plan_period(norm.text, today), lead_period(norm.text, today), title_topic(norm.text))
    located = _Located(norm, tuple([0] + [m.end() for m in re.finditer("\n", norm.original)]))
    facts: list[Fact] = []
    section = SectionFrame()
    for para in layout.paragraphs:
        if para.is_heading:
            section = next_section(section, para.text, doc)
        elif not para.furniture and para.continues is None:
            found, section = read_passage(passage(norm.text, layout, para), doc, section, provinces[para.index],
                                          located, warn)
            facts.extend(found)
    facts = merge(resolve_ambiguous(facts, layout, provinces), source)
    return facts if doc.dated else _undated(facts, source, warn)
