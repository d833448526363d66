"""The layout of a document: paragraphs, headings, page furniture, sentences broken by the layout, and the
province each paragraph is about.

Magazine scrapes break sentences and shuffle paragraphs: "…营收利润率由5.4%" may continue many lines later
at "升至6.3%". We join a dangling paragraph to the fragment that continues it only on evidence (a word that
spans the break, a figure that completes a "由A" or "分别增长", a list whose length matches), never by position
alone. Provinces come from the document, its section headings, and content: places and firms of the
gazetteer, duplicates of a paragraph printed in another section, and continuations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    abbreviations,
    cues,
    find_places,
    glossary,
    metric_aliases,
    places,
    province_name_re,
    province_names,
)

TERMINAL = set("。！？!?；;…”\"」』）)】:：")
_CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？!?]")
_FURNITURE = re.compile(
    r"(ICP备|版权所有|联系电话|电话[:：]|订刊|扫码|Powered by|http[s]?://|www\.|\.com|@\w+\.|定价\d|"
    r"责任编辑|责编|校对[:：]|一审[:：]|二审[:：]|三审[:：]|来源[:：]|稿件来源|打印本页|我要问|最新评论|相关报道|精彩推送|"
    r"^首页|^标签[:：]|阅读量|新闻中心>>)"
)
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.、](?!\d)|第[一二三四五六七八九十]+[章节]|●|■|◆|#)")
_CAPTION = re.compile(r"^(?:图为|图：|（图|\(图|【资料图】|\(相关资料图\)|（相关资料图）)")
_COMPARE_BEFORE = ("超越", "超过", "高于", "低于", "与", "比", "较", "赶上", "相比", "和", "同", "及", "、", "对", "向", "深化与")


@dataclass
class Paragraph:
    """One line of the source that holds text: its normalised span and what the layout says about it."""

    index: int
    line: int
    start: int  # offset in the normalised text
    end: int
    text: str
    heading_level: int = 0  # 1 for "# …" or a province section title, 2 for other headings
    furniture: bool = False
    province: str = ""
    method: str = ""
    continues: int | None = None  # index of the paragraph this one continues (a layout fragment)
    alt_province: str = ""  # copies of it stand as often in this other province's section
    continued_by: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.heading_level > 0


@dataclass
class Layout:
    paragraphs: list[Paragraph] = field(default_factory=list)
    doc_province: str = ""


@lru_cache(maxsize=1)
def _join_vocab() -> frozenset[str]:
    """Words whose halves may stand on either side of a layout break (项|目, 规模以|上)."""
    words: set[str] = set(metric_aliases())
    words.update(w for w, _ in abbreviations())
    words.update(e for _, e in abbreviations())
    words.update(zh for zh, _ in glossary())
    for table in cues()["kind"].values():
        words.update(table)
    words.update("项目 工业 企业 产业 制度 力争 互联网 规模以上 百分点 比重 营业 收入 利润 增加值 投资 经济 发展 "
                 "建设 技术 创新 数字 制造 服务 平台 集群 园区 基地 中心 中小企业 高质量 信息 装备 能源 材料 汽车 "
                 "综合 实力 市场 竞争 工程 示范 智能 网络 交易 成本 生产 要素 单位 能耗 全国 全省 我省".split())
    return frozenset(w for w in words if len(w) >= 2)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Each non-blank line is a paragraph; headings and furniture are marked."""
    paras: list[Paragraph] = []
    pos = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            p = Paragraph(len(paras), lineno, start, start + len(stripped), stripped)
            _classify(p)
            paras.append(p)
        pos += len(raw) + 1
    return paras


def _classify(p: Paragraph) -> None:
    t = p.text
    if t.startswith("#"):
        p.heading_level = 1 if not t.startswith("##") else 2
    elif re.fullmatch(r"\d{1,2}\.[^，,。；;：:\d]{2,24}。?", t):
        p.heading_level = 2  # a plan's numbered item title: 5.现代农产品加工。
    elif len(t) <= 30 and not _CAPTION.match(t) and not _CLAUSE_PUNCT.search(t) and not re.search(r"\d+(?:\.\d+)?\s*(?:%|亿|万|家|个)", t):
        p.heading_level = 2
    if _FURNITURE.search(t):
        p.furniture = True


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


_FROM_END = re.compile(r"(?:由|从)[^，,。；]*\d(?:\.\d+)?\s*(?:%|亿元|万亿元|万元|元|个|家|位)?$")
_TO_START = re.compile(r"^(?:升至|增至|提高到|提高至|提升至|提升到|降至|下降到|下降至|扩至|扩大到|增加到|增长到|达到)")
_NEEDS_VALUE_END = re.compile(r"(?:分别增长|分别下降|分别达到|分别为|分别是|同比增长|增长|下降|达到|为)$")
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
    subject = re.split(r"占|分别", clause)[0]
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


def stitch(paras: list[Paragraph]) -> None:
    """Link each dangling paragraph to the fragment that continues it, best evidence first; each text once."""
    content = [p for p in paras if not p.is_heading and not p.furniture]
    first_of: dict[str, Paragraph] = {}
    for p in content:
        first_of.setdefault(copy_key(p.text), p)
    uniq = list(first_of.values())
    candidates: list[tuple[int, int, int, int]] = []
    heads = [d for d in uniq if _dangling(d)]
    if not heads:
        return
    tails = {f.index: _tail(f) for f in uniq}
    for d in heads:
        nxt = _next_content(paras, d)
        head = _head(d)
        for f in uniq:
            if f is d or abs(f.index - d.index) > _JOIN_WINDOW:
                continue
            s = _join_score(head, tails[f.index], near=f is nxt)
            if s >= 2:
                candidates.append((-s, abs(f.index - d.index), d.index, f.index))
    used_d: set[str] = set()
    used_f: set[str] = set()
    for _neg, _dist, di, fi in sorted(candidates):
        d, f = paras[di], paras[fi]
        dk, fk = copy_key(d.text), copy_key(f.text)
        if dk in used_d or fk in used_f or dk == fk:
            continue
        used_d.add(dk)
        used_f.add(fk)
        for p in content:
            if copy_key(p.text) == dk:
                p.continued_by = fi
            if copy_key(p.text) == fk:
                p.continues = di


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


_MIN_FOREIGN = 2  # one stray mention of another province's city never moves a paragraph


def province_mentions(text: str) -> Counter[str]:
    """Provinces a text is about: its places and firms, and province names not used as a comparison."""
    votes: Counter[str] = Counter()
    names = province_names()
    for m in province_name_re().finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if any(before.endswith(w) for w in _COMPARE_BEFORE):
            continue
        votes[names[m.group()]] += 2  # a province named outright counts as two mentions of its places
    table = places()
    for m in find_places(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if re.search(r"(?:与|同|跟|对|向|赴|到|联合|携手|对接|相比|比|较|超越|超过)$", before):
            continue  # 与武汉合作, 赴长沙考察: a relation with the place, not the place's own figure
        votes[table[m.group()][0]] += 1
    return votes


def copy_key(text: str) -> str:
    """What makes two paragraphs copies of each other: the text without its list marker (一是/五是)."""
    return _LIST_START.sub("", text, count=1)


def _heading_province(text: str) -> str | None:
    head = text.lstrip("#").strip()[:12]
    for name, prov in province_names().items():
        if head.startswith(name):
            return prov
    return None


def attribute_provinces(paras: list[Paragraph], doc_province: str) -> None:
    """Decide each paragraph's province; see the module docstring for the evidence used, in order."""
    section = doc_province
    section_of: dict[int, str] = {}
    block_of: dict[int, int] = {}
    block = 0
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
        p.province, p.method = section, "document" if section == doc_province else "section"
    copies: dict[str, list[Paragraph]] = {}
    for p in paras:
        if not p.is_heading and not p.furniture:
            copies.setdefault(copy_key(p.text), []).append(p)
    evidence: dict[int, str] = {}
    for p in paras:
        if p.is_heading or p.furniture:
            continue
        home = section_of[p.index]
        votes = province_mentions(p.text)
        foreign = [(n, prov) for prov, n in votes.items() if prov != home]
        if foreign:
            n, prov = max(foreign)
            if n >= _MIN_FOREIGN and n > votes.get(home, 0):
                place = next((k for k, (v, _) in places().items() if v == prov and k in p.text), prov)
                p.province, p.method = prov, f"gazetteer:{place}"
                evidence[p.index] = prov
                continue
        if votes.get(home, 0):
            evidence[p.index] = home
        sections = Counter(section_of[c.index] for c in copies[copy_key(p.text)])
        if len(sections) > 1:
            prov, n = sections.most_common(1)[0]
            top = sections.most_common()
            if n > sections.get(home, 0):
                p.province, p.method = prov, "duplicate"
                evidence[p.index] = prov
            elif len(top) > 1 and top[0][1] == top[1][1]:
                p.alt_province = next(q for q, _ in top if q != home)
            elif prov == home:
                evidence[p.index] = home
        elif len(copies[copy_key(p.text)]) > 1:
            evidence.setdefault(p.index, home)
    # a copy of a paragraph takes the attribution decided by content for any copy
    for group in copies.values():
        decided = [c for c in group if c.method.startswith("gazetteer")]
        if decided:
            for c in group:
                c.province, c.method = decided[0].province, decided[0].method
                evidence[c.index] = c.province
    # continuations belong to the paragraph they continue
    for p in paras:
        if p.continues is not None:
            head = paras[p.continues]
            p.province, p.method = head.province, "continuation"
            evidence[p.index] = head.province
    # a block whose only evidence points to one other province belongs to it
    by_block: dict[int, list[Paragraph]] = {}
    for p in paras:
        if not p.is_heading and not p.furniture:
            by_block.setdefault(block_of[p.index], []).append(p)
    for b, members in by_block.items():
        if b not in sub_blocks:
            continue
        provs = {evidence[p.index] for p in members if p.index in evidence}
        if len(provs) == 1:
            prov = provs.pop()
            for p in members:
                if p.index not in evidence and prov != section_of[p.index]:
                    p.province, p.method = prov, "block"


def analyse(text: str, doc_province: str) -> Layout:
    """Paragraphs of ``text`` with headings, furniture, continuations and provinces decided."""
    paras = split_paragraphs(text)
    stitch(paras)
    attribute_provinces(paras, doc_province)
    return Layout(paras, doc_province)


def guess_doc_province(text: str) -> str:
    """The province a document is mostly about: weighted mentions, the title and opening count most."""
    votes: Counter[str] = Counter()
    head = text[:400]
    for prov, n in province_mentions(head).items():
        votes[prov] += 3 * n
    for prov, n in province_mentions(text).items():
        votes[prov] += n
    return votes.most_common(1)[0][0] if votes else ""
