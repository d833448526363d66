"""Metric names: clean the phrase a figure stands behind, expand abbreviations, resolve aliases, gloss in English."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import abbreviations, cue_words, cues, gloss, metric_aliases, places, province_names

# words a metric phrase may start or end with that are not part of the indicator's name
_LEADING = ("其中", "此外", "另外", "同时", "全省", "全市", "我省", "本省", "全区", "截至", "截止", "目前", "现已",
            "已经", "已", "共有", "共计", "累计", "今年", "全年", "年末", "年底", "年内", "力争", "预计", "有望", "以及",
            "及", "和", "与", "、", "，", ",", "—", "–", "~", "～", "-", "“", "”", "\"", "《", "》", "：", ":", "的", "实现", "完成", "达到", "当前",
            "现有", "全部规模以上", "也", "则", "均", "分别", "这一", "该", "期间", "时期", "以来", "首次", "继续", "持续",
            "稳步", "进一步", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "据初步核算", "初步核算",
            "统计显示", "数据显示", "按可比价格计算", "全社会", "但与", "但", "相比", "为企业", "依旧", "依然", "仍然",
            "当月", "单月", "帮助", "推动", "推进", "加快", "聚焦", "围绕", "大力", "支持", "●", "获批", "签约", "累计建成", "建成", "入围",
            "开展", "开通", "实施", "先后", "拥有", "带动", "成为", "较上年末", "比上年末", "比上年底", "较上年", "比上年", "上年同期", "上年的", "上年", "去年的", "去年", "较",
            "每年", "近几年", "创建", "较年初", "比年初", "年初",
            "认定", "培育形成", "培育", "筛选树立", "树立", "要着力实现", "着力实现", "要实现", "确保", "争取", "着力",
            "以上", "左右", "建设", "第一批", "第二批", "新一轮", "保持", "位居", "总量", "连续")
# single characters that begin many names (年产值, 再生资源, 并购, 共享, 居民, 在建) are only stripped by the
# patterns in strip_phrase, never as words
_TRAILING = ("同比增长", "比上年增长", "同比下降", "比上年下降", "增长了", "增长", "增速为", "增速达", "增幅达", "增幅", "下降",
             "降低", "提高", "达到了", "达到", "达", "为", "是", "实现", "突破", "超过", "超", "过", "破", "接近", "近", "约",
             "已", "有望", "可", "将", "力争", "跃上", "迈上", "保持", "稳定在", "分别", "均", "提高到", "提高至", "升至",
             "增至", "倍增至", "扩至", "降至", "累计", "共", "同比", "继续", "首次", "仍", "已达", "已经", "总计", "合计",
             "的", "，", ",", "、", "：", ":", "在", "了", "也", "则", "高达", "规模达", "稳居", "居", "列", "位居", "跃居",
             "排名", "由", "从", "大关", "逾", "不到", "不足", "至", "到", "要", "着力", "成功", "新建成",
             "建成", "完成", "新增加", "总量", "增加了", "提升至", "提升到", "提高至", "下降到", "下降至", "降低到", "降至", "扩大到", "增加到", "上升到", "上升至", "跃升至", "增加", "减少", "以上", "左右", "可突破", "预计可", "仍有希望冲击",
             "冲击", "有希望", "首次突破", "已突破", "连续", "年", "平均", "两年平均增长", "两年平均增速", "年均增长",
             "年均增速", "年平均增长", "同比增速", "增速", "依旧", "首", "首破", "数据", "方面", "来看", "下滑", "上升",
             "回升", "回落", "加快", "扩大", "缩小", "收窄", "降低率为", "降低率", "下降率", "方面来看",
             "净增", "净增加", "净减少", "双双", "暂", "暂居", "则", "处在", "处于", "处", "仅", "仅有", "仅为", "挺进", "跻身", "跨过", "跨越", "也均", "一度",
             "均为", "均达", "均超过")
SCOPES = cue_words("rank_scope.words")
PRONOUNS = {"", "数量", "规模", "增速", "总量", "产业规模", "总数", "总额", "体量", "全年", "增幅", "速度", "其", "上年",
            "比重", "占比", "水平", "数", "制造规模", "规模总量", "同期"}
_QUOTES = re.compile(r"[“”\"《》「」『』‘’*\s]")


@lru_cache(maxsize=1)
def _sorted(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


EPITHET = r"(?:省会|首府|[“\"]?(?:世界|中国|全国)?[\u4e00-\u9fff]{1,2}之?都[”\"]?)"


@lru_cache(maxsize=1)
def _strip_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One regex for every leading filler and one for every trailing cue word, longest first."""
    cities = tuple(k for k, (_p, kind) in places().items() if kind == "city")
    names = tuple(province_names()) + cities + tuple(c + "市" for c in cities)
    lead = _sorted(_LEADING + names)
    trail = _sorted(_TRAILING + tuple(cues()["kind"]["target"]) + tuple(cues()["kind"]["forecast"]))
    city_alt = "|".join(map(re.escape, _sorted(cities)))
    epithet = rf"(?:{EPITHET}(?=(?:{city_alt})))?"  # 省会南昌, “世界铜都”鹰潭市: the epithet goes with the city
    return (re.compile(f"^{epithet}(?:" + "|".join(map(re.escape, lead)) + ")"),
            re.compile("(?:" + "|".join(map(re.escape, trail)) + ")$"))


@lru_cache(maxsize=65536)
def strip_phrase(phrase: str) -> str:
    """Remove leading fillers (全省, 其中, 一是 …) and trailing verbs and cue words (同比增长, 达到 …)."""
    s = re.sub(r"^\d+(?:\.\d+)?[个家项条]", "", phrase.strip())
    s = re.sub(r"\d{1,2}月\d{1,2}日|不到\d+天|\d+天内|^有(?=[万千百])|^(?:规模以上工业|规上工业|全省|工业)中(?=\S)", "", s)
    s = re.sub(r"^在(.{2,12}?)方面(?:来看)?$|^从(.{2,12}?)(?:来看|看)$", lambda m: m.group(1) or m.group(2), s)
    s = re.sub(r"^(?:据|到|至|共|在|比|再|还|并|更|居)(?=[全本我省今年各])", "", s)
    lead, trail = _strip_patterns()
    while s:
        t = lead.sub("", s, count=1)
        t = trail.sub("", t, count=1)
        if t == s:
            break
        s = t
    return "" if s in _FUNCTION_WORDS else s


_FUNCTION_WORDS = {"比", "较", "与", "和", "及", "在", "从", "为", "是", "上", "共", "有", "由", "对"}


_COMPARED = re.compile(r"(?:高于|快于|低于|慢于|领先于?|超过|好于)(?:全国|全省|中部|西部|东部)?(?:平均水平|平均)?[、，,和及]?$")


@lru_cache(maxsize=65536)
def strip_rank_phrase(phrase: str) -> str:
    """A rank's phrase without its scope and verb: 数量居全国 → 数量, 总量保持全国 → ''."""
    s = strip_phrase(phrase)
    changed = True
    while changed and s:
        changed = False
        if s in PRONOUNS:
            return ""
        for w in sorted(SCOPES + ("居", "列", "位居", "保持", "稳居", "跃居", "排名", "排", "总量", "均", "均居", "均列",
                                  "继续", "名列", "增速排名", "增速", "已", "仍", "全国领先", "领先",
                                  "居全国领先", "跻身", "进入", "挤进", "入围", "首次", "迈入", "位于", "分列", "位列", "分居",
                                  "依次位列", "依次", "挺进"), key=len, reverse=True):
            if s.endswith(w):
                s = s[: -len(w)]
                changed = True
                break
        m = _COMPARED.search(s)  # 增速高于全国、中部第2: the comparison with no number is not the rank's name
        if m:
            s = s[: m.start()]
            changed = True
        m = re.search(r"连续(?:\d+|[两三四五六七八九十]+)年?$|(?:\d+|[两三四五六七八九十]+)年$", s)
        if m:
            s = s[: m.start()]
            changed = True
        t = strip_phrase(s)
        changed = changed or t != s
        s = t
    return "" if re.fullmatch(r"\d+|[两三四五六七八九十]+", s) else s


def expand(name: str) -> str:
    """Expand abbreviations (规上工业 → 规模以上工业, 技改 → 技术改造, 营收 → 营业收入)."""
    out = name
    for short, long in abbreviations():
        if short in out:  # every occurrence that is not already inside the long form
            inside = [(m.start(), m.end()) for m in re.finditer(re.escape(long), out)]
            out = re.sub(re.escape(short),
                         lambda m, inside=inside, long=long: m.group() if any(a <= m.start() < b for a, b in inside)
                         else long, out)
    return out


@lru_cache(maxsize=65536)
def canonical(raw: str) -> str:
    """The canonical name of a metric as written: quotes dropped, abbreviations expanded, aliases resolved."""
    name = _QUOTES.sub("", raw)
    name = re.sub(r"[（(][^）)]{0,12}[）)]", "", name)
    name = re.sub(r"(?:实现|完成)(?=营业收入|销售收入|主营业务收入|增加值|利润|投资)", "", name)
    name = re.sub(r"的(?=比重|贡献率|比例|占比)", "", name)
    name = name.replace("占全省GDP比重", "占GDP比重")
    name = re.sub(r"(?<=[^\W\d_])合计(?=占)", "", name)  # 六大产业合计占…比重
    name = expand(name)
    name = re.sub(r"占全省(?:生产总值|地区生产总值|GDP)", "占地区生产总值", name)
    name = re.sub(r"占全[省市](?=规模以上)", "占", name)  # …占全省规上工业增加值的比重
    aliases = metric_aliases()
    if name in aliases:
        return aliases[name]
    # an alias as the head of a longer name: 规模以上工业企业营业收入利润率 keeps its own words
    return name


@lru_cache(maxsize=65536)
def english(metric: str) -> str:
    return gloss(metric)
