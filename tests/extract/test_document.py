"""document: extract_document on arbitrary short texts — it never raises, and every quote is the input's own."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from indcli import extract_document

PIECES = st.sampled_from(["2023年", "1—9月", "全省", "湖北", "武汉", "规上工业增加值", "营收", "增长", "下降", "达到",
                          "分别", "占", "比重", "居全国第", "位", "高于全国", "个百分点", "由", "增至", "力争到2027年",
                          "家", "亿元", "万", "%", "、", "，", "。", "（", "）", "和", "\n", "# ", " "])
NUMBER = st.one_of(st.integers(0, 9999).map(str), st.decimals(0, 100, places=1).map(str))
CLAUSE = st.tuples(
    st.sampled_from(["", "2023年，", "1—9月", "今年", "“十四五”以来，", "力争到2027年", "其中"]),
    st.sampled_from(["", "全省", "湖北", "武汉", "甲、乙两省", "全国"]),
    st.sampled_from(["规上工业增加值", "营收", "高新技术企业", "工业投资", "增速", "占全国比重", "A、B产业营收"]),
    st.sampled_from(["增长", "同比下降", "达到", "分别增长", "居全国第", "高于全国", "由", "增至", "约占", "突破"]),
    NUMBER,
    st.sampled_from(["%", "亿元", "万家", "个百分点", "位", "倍", "", "%、", "%和"]),
    st.sampled_from(["，", "。", "；", "（", "）", "\n", "", " "]),
).map("".join)
TEXT = st.one_of(
    st.text(alphabet="全省工业增加值营收增长下降达到分别和占比重居第位家个亿元万年月、，。（）%.—\n 0123456789", max_size=80),
    st.lists(st.one_of(PIECES, NUMBER), max_size=25).map("".join),
    st.lists(CLAUSE, min_size=1, max_size=5).map("".join),
)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_never_raises_and_quotes_are_exact_substrings(text):
    for f in extract_document(text, source="h.txt", doc_date=date(2024, 12, 10), province="湖北"):
        assert f.quote and f.quote in text
        assert text[f.char_start : f.char_end] == f.quote


@settings(max_examples=50, deadline=None)
@given(TEXT)
def test_undated_documents_never_raise_either(text):
    warnings: list[str] = []
    for f in extract_document(text, source="h.txt", doc_date=None, warnings=warnings):
        assert f.doc_date is None and not f.relative
