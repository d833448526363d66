"""What each query command shows: grouped facts in, a :class:`indcli.render.Result` out (records for csv/json, display
tables for the terminal and markdown, notes). No DuckDB here: :mod:`indcli.query` fetches, this module lays out.

E.g. ``compare_view(CompareData(...), "zh")`` gives one province × period table per measure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from . import names
from .facts import KIND_ORDER, MEASURES, Claim, Group, fact_order, group_facts, period_text, where_source
from .progress import Progress, is_rate, latest_actual, progress  # noqa: F401  (Progress: annotations)
from .render import Bar, Cell, Chart, Result, Table, display_unit, format_value, trim

LABELS = {
    "zh": {
        "measure": {"level": "总量", "growth": "增速", "cagr": "年均增速", "share": "占比", "rank": "排名",
                    "diff": "差距"},
        "kind": {"actual": "实际", "target": "目标", "forecast": "预计"},
        "period": "期间", "kind_h": "类型", "scope": "范围", "metric": "指标", "measure_h": "类型",
        "target": "目标值", "rate": "年均", "actual": "最新实际", "progress": "进度", "needed": "尚需年均",
        "source": "来源", "english": "English", "total": "合计", "cities": "城市", "field": "字段", "value": "内容",
        "targets": "目标", "targets_forecasts": "目标与预计",
    },
    "en": {
        "measure": {"level": "level", "growth": "growth", "cagr": "CAGR", "share": "share", "rank": "rank",
                    "diff": "difference"},
        "kind": {"actual": "actual", "target": "target", "forecast": "forecast"},
        "period": "period", "kind_h": "kind", "scope": "scope", "metric": "metric", "measure_h": "measure",
        "target": "target", "rate": "CAGR", "actual": "latest", "progress": "progress",
        "needed": "need/yr", "source": "source", "english": "English", "total": "total", "cities": "cities",
        "field": "field", "value": "value", "targets": "targets", "targets_forecasts": "targets and forecasts",
    },
}


def labels(lang: str) -> dict:
    """The words of the tables in ``lang`` (zh or en)."""
    return LABELS["en" if lang == "en" else "zh"]


def claim_text(c: Claim, unit: str, lang: str, measure: str = "") -> str:
    """A claimed value as a reader expects it: ≥7.5%, 约9000亿元 (and +7位 for a move in a ranking)."""
    return format_value(c.value, unit, c.comparator, lang, measure or c.facts[0].get("measure", "") if c.facts else measure)


def group_text(g: Group, lang: str = "zh") -> tuple[str, str]:
    """A group's cell text and style: 7.8% ×2 when two documents agree, 7.1% ≠ 7.3% when they disagree."""
    claims = g.claims
    if len(claims) > 1:
        return " ≠ ".join(claim_text(c, g.unit, lang) for c in claims), "conflict"
    text = claim_text(claims[0], g.unit, lang)
    n = g.n_sources
    if n > 1:
        text += f" ×{n}"
    return text, g.kind if g.kind in ("target", "forecast") else ""


def conflict_note(g: Group, lang: str) -> str:
    """One line naming the values and where each is stated, e.g. ≠ conflict, 湖北 … 2018年 增速: 7.1% in a:3; …"""
    where = "; ".join(f"{claim_text(c, g.unit, lang)} in {', '.join(where_source(f) for f in c.facts)}"
                      for c in g.claims)
    what = f"{names.province_label(g.province, lang)}{' ' + g.city if g.city else ''} {g.metric} " \
           f"{g.period_text(lang)} {labels(lang)['measure'].get(g.measure, g.measure)}"
    return f"≠ conflict, {what}: {where} (the documents disagree; `indcli show {g.fact_ids[0]}`)"


def scope_label(scope: str, lang: str) -> str:
    """What a rank or diff is measured against, in ``lang``: 全国 → national."""
    if not scope or lang != "en":
        return scope or ""
    fixed = {"全国": "national", "中部": "central China", "中部地区": "central China", "中部六省": "central China",
             "全球": "global", "世界": "world", "全省": "province", "工业大省": "major industrial provinces"}
    return fixed.get(scope) or names.english_gloss(scope) or scope


# ---------------------------------------------------------------------------------------------------- compare


class CompareData:
    """What `compare` fetched: the metric, the province columns, grouped province facts, city facts left out,
    and for each province without a figure: its figures of the metric without the filters, and related metrics."""

    def __init__(self, metric: str, metric_en: str, provinces: list[str], groups: list[Group], city_rows: list[dict],
                 filtered: bool = False) -> None:
        self.metric, self.metric_en, self.provinces, self.groups = metric, metric_en, provinces, groups
        self.city_rows, self.filtered = city_rows, filtered
        self.unfiltered: dict[str, int] = {}
        self.related: dict[str, list[tuple[str, int]]] = {}


def _row_key(g: Group) -> tuple:
    return (g.measure, g.period_end, -g.period_start.toordinal(), KIND_ORDER.get(g.kind, 9), g.scope, g.unit)


COMPARE_FIELDS = ["metric", "metric_en", "province", "measure", "period", "period_start", "period_end", "kind",
                  "scope", "comparator", "value", "unit", "display", "sources", "conflict", "fact_ids",
                  "source_files"]


def compare_view(d: CompareData, lang: str) -> Result:
    """A province × period table of one metric per measure, with records, charts and notes."""
    by_cell = {(_row_key(g), g.province): g for g in d.groups}
    rows_by_measure: dict[str, dict[tuple, list[Group]]] = defaultdict(lambda: defaultdict(list))
    for g in d.groups:
        rows_by_measure[g.measure][_row_key(g)].append(g)
    records: list[dict[str, Any]] = []
    tables, charts = [], []
    for measure in sorted(rows_by_measure, key=lambda m: MEASURES.index(m) if m in MEASURES else 99):
        table, bars = _measure_table(d, measure, rows_by_measure[measure], by_cell, records, lang)
        tables.append(table)
        if measure != "rank" and bars:
            charts.append(Chart(table.title, bars))
    footer = ["×n: the same figure stated by n documents."] if any(
        g.n_sources > 1 and not g.conflict for g in d.groups) else []
    return Result(COMPARE_FIELDS, records, tables, _compare_notes(d, lang), charts, footer)


def _measure_table(d: CompareData, measure: str, row_groups: dict[tuple, list[Group]],
                   by_cell: dict[tuple, Group], records: list[dict], lang: str) -> tuple[Table, list[Bar]]:
    """The table of one measure (rows: period, kind, scope; columns: provinces) and its chart's bars."""
    L = labels(lang)
    row_keys = sorted(row_groups)
    show_kind = any(k[3] != KIND_ORDER["actual"] for k in row_keys)
    show_scope = any(k[4] for k in row_keys)
    columns = [L["period"]] + ([L["kind_h"]] if show_kind else []) + ([L["scope"]] if show_scope else [])
    lead = len(columns)
    columns += [names.province_label(p, lang) for p in d.provinces]
    units: list[str] = []
    rows, styles, bars = [], [], []
    for rk in row_keys:
        any_g = row_groups[rk][0]
        period = period_text([f for g in row_groups[rk] for f in g.facts], any_g.period_start, any_g.period_end, lang)
        kind_label, scope = L["kind"].get(any_g.kind, any_g.kind), scope_label(any_g.scope, lang)
        row = [Cell(period)] + ([Cell(kind_label, any_g.kind if any_g.kind != "actual" else "")] if show_kind else [])
        row += [Cell(scope)] if show_scope else []
        bar_group = period + ("" if any_g.kind == "actual" else f" {kind_label}") + (f" {scope}" if scope else "")
        for p in d.provinces:
            g = by_cell.get((rk, p))
            row.append(_compare_cell(d, g, period, records, units, bars, bar_group, lang))
        rows.append(row)
        styles.append(any_g.kind if any_g.kind in ("target", "forecast") else "")
    title = f"{names.metric_label(d.metric, lang, d.metric_en)} · {L['measure'].get(measure, measure)}" + (
        f" ({', '.join(units)})" if units else "")
    return Table(title, columns, rows, right=frozenset(range(lead, len(columns))), row_styles=styles), bars


def _compare_cell(d: CompareData, g: Group | None, period: str, records: list[dict], units: list[str],
                  bars: list[Bar], bar_group: str, lang: str) -> Cell:
    """One province's cell of a row; its records, units and bar are collected on the way."""
    if g is None:
        return Cell("—", "missing")
    text, style = group_text(g, lang)
    gloss = names.english_gloss(d.metric, d.metric_en)
    for c in g.claims:
        u = display_unit(c.value, g.unit, lang)
        if u not in units:
            units.append(u)
        records.append({
            "metric": d.metric, "metric_en": gloss, "province": names.province_label(g.province, lang),
            "measure": g.measure, "period": period, "period_start": g.period_start, "period_end": g.period_end,
            "kind": g.kind, "scope": g.scope, "comparator": c.comparator, "value": c.value, "unit": g.unit,
            "display": claim_text(c, g.unit, lang), "sources": c.n_sources, "conflict": g.conflict,
            "fact_ids": c.fact_ids, "source_files": c.sources,
        })
    bars.append(Bar(bar_group, names.province_label(g.province, lang), g.claims[0].value, text,
                    "conflict" if g.conflict else (g.kind if g.kind != "actual" else "")))
    return Cell(text, style)


def _compare_notes(d: CompareData, lang: str) -> list[str]:
    """Conflicts; provinces without a figure — hidden by the filters (how many), or none at all (related metrics
    instead); city figures left out; nothing to show."""
    notes = [conflict_note(g, lang) for g in d.groups if g.conflict]
    for p in d.provinces:
        if p not in d.related and p not in d.unfiltered:
            continue
        label = names.province_label(p, lang)
        own, rel = d.unfiltered.get(p, 0), d.related.get(p, [])
        if own:
            notes.append(f"{label}: no {d.metric} figures with these filters; it has {own} without them.")
        elif rel:
            listed = ", ".join(f"{names.metric_label(m, lang)} ({n})" for m, n in rel)
            notes.append(f"{label}: no {d.metric} figures at all — related metrics it has: {listed}; "
                         f"try `indcli compare --metric {rel[0][0]}`.")
        else:
            notes.append(f"{label}: no {d.metric} figures and no related metric in the data.")
    if d.city_rows:
        cities = sorted({r["city"] for r in d.city_rows})
        notes.append(f"{len(d.city_rows)} city figure(s) left out of the province columns ({', '.join(cities)}); "
                     f"`indcli sql \"SELECT * FROM facts WHERE metric = '{d.metric}' AND city <> ''\"` lists them.")
    if not d.groups:
        notes.insert(0, f"no {d.metric} figures for {', '.join(names.province_label(p, lang) for p in d.provinces)}"
                        + (" with these filters." if d.filtered else "."))
    return notes


# ---------------------------------------------------------------------------------------------------- targets


def attainment(target: float, comparator: str, measure: str, unit: str, actual: float,
               lang: str = "zh") -> tuple[float | None, bool | None, str]:
    """(ratio, met, text) of an actual for the target's own period: ✓ 105% for an amount, ✗ -1.2个百分点 for a rate,
    ✓ alone for a rank. ≥, >, = and 约 read as floors; < and ≤ as ceilings."""
    from .progress import met

    ok = met(target, comparator, measure, actual)
    mark = "✓" if ok else "✗"
    if measure == "rank":
        return None, ok, mark
    if is_rate(measure, unit):
        return None, ok, f"{mark} {_points(actual - target, lang)}"
    if not target:
        return None, ok, mark
    return actual / target, ok, f"{mark} {trim(actual / target * 100, 1)}%"


def _points(gap: float, lang: str) -> str:
    sign = "+" if gap > 0 else ""
    return f"{sign}{trim(gap, 2)}{'pp' if lang == 'en' else '个百分点'}"


class TargetsData(NamedTuple):
    """What `targets` fetched: the province, the goals to show, the rate goals attached to each level goal (by
    id), and the actuals that may be the latest before a goal (by metric, measure, unit and scope)."""

    province: str
    goals: list[Group]
    rates: dict[int, list[Group]]
    actuals: dict[tuple, list[Group]]
    forecasts: bool = False
    metric: str | None = None


TARGET_FIELDS = ["horizon", "province", "metric", "metric_en", "measure", "kind", "period", "period_start",
                 "period_end", "scope", "comparator", "value", "unit", "target", "rate", "rate_value", "status",
                 "actual", "actual_value", "actual_period", "actual_period_end", "actual_sources", "gap", "gap_value",
                 "progress_ratio", "years_left", "needed_rate", "needed", "rate_enough", "attainment",
                 "attainment_ratio", "met", "sources", "source", "conflict", "fact_ids"]

# the table's columns: key → label key; the short view at 80 columns leaves out measure, the period of a plain
# year, the actual's sources, and shortens sources to the start of the file name
TARGET_COLUMNS = ("metric", "measure_h", "target", "period", "rate", "actual", "progress", "needed", "source")
NARROW_COLUMNS = ("metric", "target", "rate", "actual", "progress", "needed", "source")


class _TargetLine(NamedTuple):
    """One goal's display cells (by column key), its records and notes."""

    cells: dict[str, Cell]
    records: list[dict[str, Any]]
    style: str
    notes: list[str]


def targets_view(d: TargetsData, lang: str, *, wide: bool = False) -> Result:
    """Every target of a province grouped by horizon year, each with its rate, latest actual and progress."""
    L = labels(lang)
    short = {} if wide else short_sources({f["source"] for g in d.goals for f in g.facts})
    by_year: dict[int, list[Group]] = defaultdict(list)
    for g in d.goals:
        by_year[g.period_end.year].append(g)
    records, tables, notes = [], [], []
    for year, goals in sorted(by_year.items()):
        lines = [_target_line(d, g, year, short, lang, wide) for g in goals]
        for line in lines:
            records += line.records
            notes += line.notes
        what = L["targets_forecasts"] if d.forecasts else L["targets"]
        title = (f"{names.province_label(d.province, lang)} {what} for {year} ({len(goals)})" if lang == "en"
                 else f"{d.province} {year}年{what} ({len(goals)})")
        tables.append(_targets_table(title, lines, year, lang, wide))
    if not d.goals:
        kinds = "targets or forecasts" if d.forecasts else "targets"
        notes.append(f"no {kinds} for {names.province_label(d.province, lang)}"
                     + (f" ({d.metric})" if d.metric else "") + " in the data"
                     + ("." if d.forecasts else "; `--forecasts` adds what documents expect (预计, 有望)."))
    return Result(TARGET_FIELDS, records, tables, notes, footer=_targets_footer(d, records, short, lang))


def _targets_table(title: str, lines: list[_TargetLine], year: int, lang: str, wide: bool) -> Table:
    """The table of one horizon year: the columns not empty for every row (all of them with ``wide``)."""
    L = labels(lang)
    keys = TARGET_COLUMNS if wide else NARROW_COLUMNS
    plain_year = {f"{year}年", str(year), ""}
    keep = [k for k in keys if k in ("metric", "target", "source")
            or any(line.cells[k].text not in (plain_year if k == "period" else ("", "—")) for line in lines)]
    rows = [[line.cells[k] for k in keep] for line in lines]
    right = frozenset(i for i, k in enumerate(keep) if k in ("target", "rate", "actual", "progress", "needed"))
    # figures never wrap: each column is as wide as its longest line, and the names wrap in what is left
    return Table(title, [L[k] for k in keep], rows, right=right, row_styles=[line.style for line in lines],
                 nowrap=frozenset(range(0 if wide else 1, len(keep))), wide=wide)


def _target_line(d: TargetsData, g: Group, year: int, short: dict[str, str], lang: str, wide: bool) -> _TargetLine:
    """The cells and records of one goal (one record per value claimed when documents disagree)."""
    L = labels(lang)
    rate_groups = d.rates.get(id(g), [])
    stated = rate_groups[0].value if rate_groups else None
    actual = latest_actual(g, d.actuals)
    records, progresses = [], []
    for c in g.claims:
        p = progress(g, c.value, c.comparator, actual, stated)
        progresses.append(p)
        records.append(_target_record(g, c, year, rate_groups, p, lang))
    first = progresses[0]
    target_text, target_style = group_text(g, lang)
    target_text = target_text.replace(" ≠ ", " ≠\n") if not wide else target_text
    period = g.period_text(lang)
    if not wide and period not in (f"{year}年", str(year)):
        target_text += f"\n{period}"
    metric_text = g.metric
    if lang == "en":
        metric_text = names.english_gloss(g.metric, g.first.get("metric_en")) or g.metric
        metric_text += f" ({g.metric})" if wide else ""
    if g.kind == "forecast":
        metric_text += f" ({L['kind']['forecast']})"
    cells = {
        "metric": Cell(metric_text), "measure_h": Cell(L["measure"].get(g.measure, g.measure)),
        "target": Cell(target_text, target_style), "period": Cell(period),
        "rate": Cell("; ".join(_rate_text(r, lang, wide) for r in rate_groups)),
        "actual": _actual_cell(first, lang, wide), "progress": _progress_cell(g, progresses, lang),
        "needed": _needed_cell(first, lang), "source": Cell(_source_text(g, short, wide), "dim"),
    }
    return _TargetLine(cells, records, "forecast" if g.kind == "forecast" else "",
                       [conflict_note(g, lang)] if g.conflict else [])


def _rate_text(r: Group, lang: str, wide: bool) -> str:
    text = group_text(r, lang)[0]
    return text + (f" ({r.period_text(lang)})" if wide and r.measure == "cagr" else "")


def _actual_cell(p: Progress, lang: str, wide: bool) -> Cell:
    """The latest actual and, on a second line, its period (— when the data has none)."""
    if p.actual is None:
        return Cell("—", "missing")
    text = group_text(p.actual, lang)[0]
    if p.status in ("met", "missed"):
        return Cell(text)
    return Cell(f"{text}\n{p.actual.period_text(lang)}" + (f"\n{_first_source(p.actual)}" if wide else ""))


def _progress_cell(g: Group, ps: list[Progress], lang: str) -> Cell:
    """✓ 122% / ✗ -13.6个百分点 for a target's own period; an amount's share of the target, a rate's gap, before."""
    texts = [progress_text(g, p, lang) for p in ps]
    joined = " / ".join(t for t in texts if t)
    style = "good" if joined.startswith("✓") and "✗" not in joined else "bad" if "✗" in joined else ""
    return Cell(joined, style)


def progress_text(g: Group, p: Progress, lang: str) -> str:
    """How far a target is, in words of the table: ✓ 122%, ✗ -1.2个百分点, 67% (of the target), ? (actuals disagree)."""
    if p.actual is None:
        return ""
    if p.actual.value is None:
        return "? (actuals disagree)"
    if p.status in ("met", "missed"):
        mark = "✓" if p.met else "✗"
        if p.ratio is not None:
            return f"{mark} {trim(p.ratio * 100, 1)}%"
        return mark if g.measure == "rank" else f"{mark} {_points(p.gap, lang)}"
    if p.ratio is not None:
        return f"{trim(p.ratio * 100, 1)}%"
    return _points(p.gap, lang) if p.gap is not None and g.measure != "rank" else ""


def _needed_cell(p: Progress, lang: str) -> Cell:
    """+7.7% (a year, from the latest actual); ✓ or ✗ says whether the stated 年均 rate gets there."""
    if p.needed is None:
        return Cell("")
    text = f"{'+' if p.needed > 0 else ''}{trim(p.needed, 1)}%"
    if p.rate_enough is None:
        return Cell(text)
    return Cell(f"{text} {'✓' if p.rate_enough else '✗'}", "good" if p.rate_enough else "bad")


def _first_source(g: Group) -> str:
    return where_source(sorted(g.facts, key=fact_order)[0])


def _source_text(g: Group, short: dict[str, str], wide: bool) -> str:
    first = sorted(g.facts, key=fact_order)[0]
    name = short.get(first["source"], first["source"])
    text = f"{name}:{first['line']}" if first.get("line") else name
    return text + (f"{' ' if wide else chr(10)}(+{g.n_sources - 1})" if g.n_sources > 1 else "")


def short_sources(sources: Iterable[str], most: int = 20) -> dict[str, str]:
    """Source file names cut to the shortest start that still tells them apart, at a _ - . or space:
    {003_9c7dc09de9196e7c.txt: 003, 001_6daa8bd49938eb0b.txt: 001}. Past ``most`` sources a legend would be
    longer than the table: then none is cut ({})."""
    names = sorted(set(sources))
    if len(names) > most:
        return {}
    out = {}
    for i, s in enumerate(names):
        neighbours = names[max(0, i - 1): i] + names[i + 1: i + 2]  # sorted: a shared start is a neighbour's
        for cut in [m.start() for m in re.finditer(r"[_\-. ]", s)] + [len(s)]:
            head = s[:cut]
            if head and not any(o.startswith(head) for o in neighbours):
                out[s] = head if len(head) <= 12 else head[:11] + "…"
                break
    return out


def _target_record(g: Group, c: Claim, year: int, rate_groups: list[Group], p: Progress,
                   lang: str) -> dict[str, Any]:
    """The machine view of one claimed target: the target, its rate, the latest actual and the progress."""
    a = p.actual
    same_period = p.status in ("met", "missed")
    return {
        "horizon": year, "province": names.province_label(g.province, lang), "metric": g.metric,
        "metric_en": names.english_gloss(g.metric, g.first.get("metric_en")), "measure": g.measure,
        "kind": g.kind, "period": g.period_text(lang), "period_start": g.period_start, "period_end": g.period_end,
        "scope": g.scope, "comparator": c.comparator, "value": c.value, "unit": g.unit,
        "target": claim_text(c, g.unit, lang), "rate": "; ".join(_rate_text(r, lang, True) for r in rate_groups),
        "rate_value": rate_groups[0].value if rate_groups else None,
        "status": {"none": "no actual in the data"}.get(p.status, p.status),
        "actual": group_text(a, lang)[0] if a else "", "actual_value": a.value if a else None,
        "actual_period": a.period_text(lang) if a else "", "actual_period_end": a.period_end if a else None,
        "actual_sources": [where_source(f) for f in sorted(a.facts, key=fact_order)] if a else [],
        "gap": progress_text(g, p, lang), "gap_value": p.gap, "progress_ratio": p.ratio, "years_left": p.years,
        "needed_rate": p.needed, "needed": _needed_cell(p, lang).text, "rate_enough": p.rate_enough,
        "attainment": progress_text(g, p, lang) if same_period else "",
        "attainment_ratio": p.ratio if same_period else None, "met": p.met,
        "sources": c.n_sources, "source": [where_source(f) for f in c.facts], "conflict": g.conflict,
        "fact_ids": c.fact_ids,
    }


def _targets_footer(d: TargetsData, records: list[dict], short: dict[str, str], lang: str) -> list[str]:
    """The legend: what the columns mean, the short source names."""
    L = labels(lang)
    out = []
    if any(r["actual"] for r in records):
        out.append(f"{L['actual']}: the latest actual of the metric (any document) up to the horizon; — none in the "
                   f"data. {L['progress']}: ✓/✗ for the target's own period, else the actual as a share of the "
                   f"target (an amount) or its gap (a rate).")
    if any(r["needed_rate"] is not None for r in records):
        out.append(f"{L['needed']}: growth a year still needed to reach the target by the horizon; ✓/✗: whether "
                   f"the stated {L['rate']} rate gets there.")
    if any(g.n_sources > 1 for g in d.goals):
        out.append("(+n): n more documents state the same target.")
    used = sorted({r["source"][0].rsplit(":", 1)[0] for r in records if r["source"]} & set(short))
    if used:
        out.append("sources: " + ", ".join(f"{short[s]} = {s}" for s in used) + " (--wide shows them whole).")
    return out


# ---------------------------------------------------------------------------------------------------- metrics


class MetricCounts(NamedTuple):
    """Fact counts per metric and province (city figures apart), the glosses stored with them, lexicon aliases."""

    per: dict[str, dict[str, int]]
    cities: dict[str, int]
    glosses: dict[str, str]
    aliases: dict[str, Sequence[str]]

    def total(self, m: str) -> int:
        return sum(self.per.get(m, {}).values()) + self.cities.get(m, 0)

    def provinces(self) -> list[str]:
        """The default provinces first, then the others by fact count."""
        totals: dict[str, int] = defaultdict(int)
        for counts in self.per.values():
            for p, n in counts.items():
                totals[p] += n
        provs = [p for p in names.DEFAULT_PROVINCES if p in totals]
        return provs + sorted((p for p in totals if p not in provs), key=lambda p: (-totals[p], p))


def metrics_view(counts: MetricCounts, selected: list[str], query: str | None, lang: str) -> Result:
    """The metrics (most stated first) with their English gloss and fact counts per province."""
    L = labels(lang)
    provs = counts.provinces()
    plabels = [names.province_label(p, lang) for p in provs]
    show_cities = any(counts.cities.get(m) for m in selected)
    fields = ["metric", "metric_en", "aliases", *plabels] + (["cities"] if show_cities else []) + ["total"]
    records, rows = [], []
    for m in selected:
        gloss = names.english_gloss(m, counts.glosses.get(m))
        rec: dict[str, Any] = {"metric": m, "metric_en": gloss, "aliases": list(counts.aliases.get(m, ()))}
        cells = [Cell(m), Cell(gloss, "dim")]
        numbers = [counts.per.get(m, {}).get(p, 0) for p in provs]
        rec.update(zip(plabels, numbers, strict=True))
        if show_cities:
            rec["cities"] = counts.cities.get(m, 0)
            numbers.append(rec["cities"])
        cells += [Cell(str(n) if n else "—", "" if n else "missing") for n in numbers]
        rec["total"] = counts.total(m)
        cells.append(Cell(str(rec["total"]), "key"))
        records.append(rec)
        rows.append(cells)
    columns = [L["metric"], L["english"], *plabels] + ([L["cities"]] if show_cities else []) + [L["total"]]
    title = f"{len(selected)} metric(s)" + (f" matching {query!r}" if query and query.strip() else "")
    table = Table(title, columns, rows, right=frozenset(range(2, len(columns))))
    footer = ["a metric with total 0 is known to the lexicon but has no facts yet."] if any(
        counts.total(m) == 0 for m in selected) else []
    return Result(fields, records, [table], footer=footer)


# ---------------------------------------------------------------------------------------------------- show


def figure_span(quote: str, figure: str, metric_raw: str = "") -> tuple[int, int] | None:
    """Where the figure sits in its quote: the first occurrence after the metric's name, else the first."""
    if not quote or not figure or figure not in quote:
        return None
    starts = [m.start() for m in re.finditer(re.escape(figure), quote)]
    if metric_raw and metric_raw in quote:
        after = quote.index(metric_raw) + len(metric_raw)
        later = [s for s in starts if s >= after]
        if later:
            return later[0], later[0] + len(figure)
    return starts[0], starts[0] + len(figure)


SHOW_EXTRA_FIELDS = ["display", "title", "publisher", "url", "date_basis", "document_path", "figure_offset",
                     "also_stated_by", "conflict"]


def show_view(fact: dict[str, Any], same: list[dict[str, Any]], doc: dict[str, Any], lang: str) -> Result:
    """One fact with everything known about it; ``doc`` is its document's metadata (title, publisher, path …)."""
    from .contract import COLUMN_NAMES

    g = group_facts([fact, *same])[0]
    span = figure_span(fact.get("quote") or "", fact.get("figure_text") or "", fact.get("metric_raw") or "")
    others = [f"{where_source(f)} {format_value(float(f['value']), f['unit'], f['comparator'], lang, f.get('measure') or '')} "
              f"({f['fact_id']})" for f in same]
    record = {c: fact.get(c) for c in COLUMN_NAMES}
    record.update({"display": format_value(float(fact["value"]), fact["unit"], fact["comparator"], lang,
                                           fact.get("measure") or ""),
                   "figure_offset": span[0] if span else None, "also_stated_by": others, "conflict": g.conflict})
    record.update({k: doc.get(k, "") for k in ("title", "publisher", "url", "date_basis", "document_path")})
    rows = _show_fact_rows(fact, record["display"], lang) + _show_document_rows(fact, doc)
    rows.append(("quote", Cell(fact.get("quote") or "", mark=span)))
    rows += _show_note_rows(fact)
    if same:
        rows.append(("also stated by", Cell("\n".join(others), "conflict" if g.conflict else "")))
    L = labels(lang)
    table = Table(f"{fact['fact_id']}", [L["field"], L["value"]], [[Cell(k, "key"), v] for k, v in rows])
    return Result([*COLUMN_NAMES, *SHOW_EXTRA_FIELDS], [record], [table],
                  [conflict_note(g, lang)] if g.conflict else [])


def _show_fact_rows(fact: dict[str, Any], display: str, lang: str) -> list[tuple[str, Cell]]:
    L = labels(lang)
    gloss = names.english_gloss(fact["metric"], fact.get("metric_en"))
    city = f" · {fact['city']}" if fact.get("city") else ""
    rows = [("id", Cell(fact["fact_id"])), ("province", Cell(names.province_label(fact["province"], lang) + city)),
            ("metric", Cell(fact["metric"] + (f"  ({gloss})" if gloss else "")))]
    if fact.get("metric_raw") and fact["metric_raw"] != fact["metric"]:
        rows.append(("as written", Cell(fact["metric_raw"])))
    kind = L["kind"].get(fact["kind"], fact["kind"])
    period = period_text([fact], fact["period_start"], fact["period_end"], lang)
    rows += [
        ("figure", Cell(f"{display}  [{L['measure'].get(fact['measure'], fact['measure'])}, {kind}]",
                        fact["kind"] if fact["kind"] != "actual" else "key")),
        ("value", Cell(f"{trim(float(fact['value']), 6)} {fact['unit']} (comparator {fact['comparator']})")),
        ("period", Cell(f"{period}  ({fact['period_start']} – {fact['period_end']})")),
    ]
    if fact.get("scope"):
        rows.append(("scope", Cell(scope_label(fact["scope"], lang) or fact["scope"])))
    return rows


def _show_document_rows(fact: dict[str, Any], doc: dict[str, Any]) -> list[tuple[str, Cell]]:
    from .store import display_path

    where = where_source(fact)
    if fact.get("continued_from_line"):
        where += f" (sentence starts on line {fact['continued_from_line']})"
    rows = [("source", Cell(where))]
    rows += [(k, Cell(doc[k])) for k in ("title", "publisher") if doc.get(k)]
    if fact.get("doc_date"):
        basis = f"  ({doc['date_basis']})" if doc.get("date_basis") else ""
        rows.append(("document date", Cell(str(fact["doc_date"]) + basis)))
    if doc.get("url"):
        rows.append(("url", Cell(doc["url"])))
    if doc.get("document_path"):
        rows.append(("file", Cell(display_path(doc["document_path"]), "dim")))
    return rows


def _show_note_rows(fact: dict[str, Any]) -> list[tuple[str, Cell]]:
    rows = [("as printed", Cell(fact["figure_text"]))] if fact.get("figure_text") else []
    extra = []
    if fact.get("mentions") and fact["mentions"] > 1:
        extra.append(f"stated {fact['mentions']} times in this document")
    if fact.get("province_method"):
        extra.append(f"province from {fact['province_method']}")
    if fact.get("char_start") is not None and fact.get("char_end") is not None:
        extra.append(f"characters {fact['char_start']}–{fact['char_end']}")
    if extra:
        rows.append(("notes", Cell("; ".join(extra), "dim")))
    return rows
