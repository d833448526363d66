"""Small builders shared by the per-stage tests: frames, a slot's first reading, a sentence read in full."""

from __future__ import annotations

from datetime import date

from indcli.extract.frame import DocumentFrame, Frame, SectionFrame, Topic, paragraph_frame
from indcli.extract.groups import slots
from indcli.extract.measure import measure_of
from indcli.extract.mentions import read_sentence
from indcli.extract.model import Context, Fact, Mention, Reading
from indcli.extract.phrase import phrase_before
from indcli.extract.sentence import parse_sentence
from indcli.extract.values import evolve

TODAY = date(2024, 12, 10)


def doc_frame(province: str = "湖南", today: date = TODAY, **kw) -> DocumentFrame:
    return DocumentFrame("t.txt", today, True, province, **kw)


def frame(province: str = "湖南", today: date = TODAY, topic: Topic | None = None,
          section: SectionFrame | None = None, **changes) -> Frame:
    """A paragraph's frame in a plain document, with a topic or other fields set when given."""
    f = paragraph_frame(doc_frame(province, today), section or SectionFrame(), province, "document")
    if topic is not None:
        f = evolve(f, topic=topic)
    return evolve(f, **changes) if changes else f


def growth_topic(raw: str = "规上工业增加值", metric: str = "规模以上工业增加值") -> Topic:
    """A topic left by a growth rate just stated."""
    return Topic(metric_raw=raw, metric=metric, by_unit=(("%", (raw, metric)),), measure_by_unit=(("%", "growth"),))


def first_reading(text: str, k: int = 0, fr: Frame | None = None,
                  earlier: tuple[Mention, ...] = ()) -> tuple[Reading, Context]:
    """Slot ``k`` of ``text`` as ``read_slot`` first reads it (measure, cue, phrase), before any rule."""
    fr = fr or frame()
    s = parse_sentence(text)
    c = Context(s, tuple(s.periods(fr.year, fr.today)), fr, earlier)
    slot = slots(s)[k]
    measure, cue = measure_of(slot.first, text[slot.clause : slot.first.start])
    return Reading(slot, measure, cue, phrase_before(text[slot.start : slot.first.start], list(c.periods),
                                                     slot.start)), c


def mentions(text: str, fr: Frame | None = None) -> list[Mention]:
    return read_sentence(parse_sentence(text), fr or frame())[0]


def summary(ms: list[Mention]) -> list[tuple]:
    """(metric, measure, value, unit, period label, kind) of each mention."""
    return [(m.metric, m.measure, m.value, m.unit, m.period.label, m.kind) for m in ms]


def fact(**kw) -> Fact:
    """A fact with plain defaults, for the merge stage."""
    base = dict(province="湖南", metric="规模以上工业增加值", metric_raw="规上工业增加值", measure="growth", value=7.0,
                unit="%", comparator="=", period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
                period_label="2023年", kind="actual", source="t.txt", line=1, quote="增长7%")
    base.update(kw)
    return Fact(**base)
