"""The values extraction passes from stage to stage: a slot (a list of figures with the words before it), a
reading of its words, a mention (one figure fully resolved, not yet checked) and the fact written to the table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..figures import Figure
from ..periods import Period
from .frame import Frame
from .sentence import Sentence


@dataclass
class Fact:
    """One fact as the data contract describes it (see ``indcli.contract``)."""

    province: str
    metric: str
    metric_raw: str
    measure: str
    value: float
    unit: str
    comparator: str
    period_start: date
    period_end: date
    period_label: str
    kind: str
    source: str
    line: int
    quote: str
    mentions: int = 1
    metric_en: str = ""
    city: str = ""
    scope: str = ""
    province_method: str = ""
    doc_date: date | None = None
    char_start: int = 0
    char_end: int = 0
    figure_text: str = ""
    continued_from_line: int | None = None
    fact_id: str = ""
    paragraph: int = field(default=-1, repr=False)
    relative: bool = field(default=False, repr=False)  # its period was read against the document's date

    def key(self) -> tuple:
        """What makes two statements the same fact within one document."""
        key = (self.province, self.city, self.metric, self.measure, round(self.value, 6), self.unit,
               self.comparator, self.period_start, self.period_end, self.kind)
        return key + (self.scope,) if self.scope else key  # 居全国第2位、中部第2位 are two facts

    def as_row(self) -> dict:
        from ..contract import COLUMN_NAMES

        return {name: getattr(self, name, None) for name in COLUMN_NAMES}


@dataclass(frozen=True)
class Slot:
    """Figures that share one metric phrase (8%、7.4%和7.1%), with where their own words begin.

    ``start`` is the start of the clause, or the end of the list before it in the same clause; ``listed_after``
    says the list follows another after a 、 (新增A企业1.2万家、B企业800家).
    """

    figures: tuple[Figure, ...]
    start: int
    clause: int
    listed_after: bool

    @property
    def first(self) -> Figure:
        return self.figures[0]


@dataclass(frozen=True)
class ProvinceList:
    """Provinces or cities listed before 分别, one per value: 甲、乙两省…分别增长5%和6% → (甲, 乙)."""

    provinces: tuple[str, ...]
    rest: str
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """What the words before a slot say, built up rule by rule: measure, metric phrase, metric per item and
    period per figure. ``skip`` names why the slot gives no fact ('' while it still may)."""

    slot: Slot
    measure: str
    cue_word: str
    phrase: str = ""
    bare: str = ""
    increment: bool = False
    per_province: ProvinceList | None = None
    metrics: tuple[tuple[str, str], ...] = ()
    periods: tuple[Period, ...] = ()
    figures: tuple[Figure, ...] = ()  # after distribution: one per fact
    pairs: tuple[tuple[str, str], ...] = ()  # after distribution: (metric_raw, metric) per figure
    skip: str = ""
    warning: str = ""


@dataclass(frozen=True)
class Mention:
    """One figure read in full, before the check stage: every field a fact needs except where it stands."""

    figure: Figure
    metric_raw: str
    metric: str
    measure: str
    value: float
    comparator: str
    period: Period
    kind: str
    province: str
    method: str
    city: str
    scope: str
    relative: bool
    position: int = 0  # its place among the reading's figures (after distribution)
    silent: bool = False  # not a fact, but its metric is what the text goes on speaking of
    opens_range: bool = False  # stands after 由/从: the start of 由A增至B
    range_span: Period | None = None  # the span 由A增至B is read over, if any

    @property
    def unit(self) -> str:
        return self.figure.unit


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the reading itself: the sentence, its periods (resolved once), the frame
    as it stood when the slot was reached, and the mentions the sentence has given so far."""

    sentence: Sentence
    periods: tuple[Period, ...]
    frame: Frame
    earlier: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text
