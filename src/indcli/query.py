"""The query commands as pure functions: (data file, arguments) → :class:`indcli.render.Result`.

Each opens the Parquet file with DuckDB (imported here, inside the functions, so `import indcli` stays light),
reads the ``facts`` view with bound parameters only — a user's value never becomes SQL text — and shapes the
rows for rendering. Names are resolved first (:mod:`indcli.names`): an unknown province or metric is a UsageError.

Grouping rule shared by every command: facts with the same province, city, metric, measure, unit, period, kind and
scope state the same thing. Several documents stating one value make one cell with its sources counted; different
values make a conflict, shown as such and never resolved.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from . import names
from .errors import DataError, UsageError
from .render import Bar, Cell, Chart, Result, Table, display_unit, format_value, trim

MEASURES = ("level", "growth", "cagr", "share", "rank", "diff")
KINDS = ("actual", "target", "forecast")
_KIND_ORDER = {"actual": 0, "forecast": 1, "target": 2}

LABELS = {
    "zh": {
        "measure": {"level": "总量", "growth": "增速", "cagr": "年均增速", "share": "占比", "rank": "排名",
                    "diff": "差距"},
        "kind": {"actual": "实际", "target": "目标", "forecast": "预计"},
        "period": "期间", "kind_h": "类型", "scope": "范围", "metric": "指标", "measure_h": "类型",
        "target": "目标值", "rate": "年均/增速", "actual": "实际值", "attainment": "完成情况", "source": "来源",
        "english": "English", "total": "合计", "cities": "城市", "field": "字段", "value": "内容",
    },
    "en": {
        "measure": {"level": "level", "growth": "growth", "cagr": "CAGR", "share": "share", "rank": "rank",
                    "diff": "difference"},
        "kind": {"actual": "actual", "target": "target", "forecast": "forecast"},
        "period": "period", "kind_h": "kind", "scope": "scope", "metric": "metric", "measure_h": "measure",
        "target": "target", "rate": "growth rate", "actual": "actual", "attainment": "attainment",
        "source": "source", "english": "English", "total": "total", "cities": "cities", "field": "field",
        "value": "value",
    },
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _labels(lang: str) -> dict:
    return LABELS["en" if lang == "en" else "zh"]


# ---------------------------------------------------------------------------------------------------- the data


def data_file(path: Path | str | None = None) -> Path:
    """The Parquet file to query: ``path`` (--data), else $INDCLI_DATA, else ./data/indicators.parquet, else the
    user's table, else the packaged one (:func:`indcli.store.resolve_data`). DataError naming a fix if absent."""
    from .store import resolve_data

    choice = resolve_data(path)
    p = choice.path
    if p.is_dir():
        raise DataError(f"{p} is a folder, not a Parquet file", hint="give the file, e.g. --data data/indicators.parquet")
    if not p.is_file():
        raise DataError(f"no data file at {p}", hint=_missing_table_hint(choice.origin, p))
    return p


def _missing_table_hint(origin: str, path: Path) -> str:
    """What to do when the table chosen does not exist, naming a command that works from here."""
    if origin == "--data":
        return f"check the path, or build it: indcli ingest DOCS --out {path}"
    if origin == "INDCLI_DATA":
        return f"build it with `indcli ingest DOCS --out {path}`, or unset INDCLI_DATA to read the default table"
    return "the packaged table is missing: reinstall indcli, or build one with `indcli ingest`"


def info(data: Path | str | None = None) -> Result:
    """The tables indcli considers, in resolution order, and which one a query reads (see ``indcli info``)."""
    from . import __version__
    from .store import data_choices, ingest_target, packaged_seeds, user_table

    choices = data_choices(data)
    rows, records = [], []
    order = {"--data": "--data", "INDCLI_DATA": "$INDCLI_DATA", "project": "./data/indicators.parquet",
             "user": "your table", "packaged": "packaged default"}
    for i, c in enumerate(choices):
        exists = c.path.is_file()
        records.append({"order": i + 1, "origin": c.origin, "path": str(c.path), "exists": exists, "used": i == 0})
        rows.append([Cell(str(i + 1)), Cell(order[c.origin], "key" if i == 0 else ""), Cell(str(c.path)),
                     Cell("yes" if exists else "missing", "" if exists else "bad")])
    title = f"indcli {__version__}: queries read the first table below"
    table = Table(title, ["#", "from", "path", "exists"], rows)
    footer = [f"indcli ingest writes {ingest_target().path} when not given --out.",
              f"your table (after `indcli ingest FILE --append` outside a project): {user_table()}",
              f"packaged seed documents: {packaged_seeds()}",
              "order: --data > $INDCLI_DATA > ./data/indicators.parquet > your table > the packaged default."]
    return Result(["order", "origin", "path", "exists", "used"], records, [table], footer=footer)


def _duckdb_message(e: Exception) -> str:
    """DuckDB's message on one line, without the LINE 1: … ^ pointer."""
    lines = []
    for line in str(e).splitlines():
        if line.startswith("LINE ") or not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines) or type(e).__name__


def connect(path: Path | str | None = None, *, read_only_sql: bool = False):
    """A DuckDB connection with the facts table as ``facts``.

    Optional contract columns missing from an older file read as NULL; a missing required column is a DataError.
    ``read_only_sql`` copies the table into memory and then turns external access off and locks the configuration,
    so a statement can reach no file (no COPY … TO, ATTACH, read_csv) and cannot turn access back on.
    """
    import duckdb

    from .contract import COLUMNS

    p = data_file(path)
    con = duckdb.connect(":memory:")
    try:
        rel = con.read_parquet(str(p))
        present = set(rel.columns)
    except duckdb.Error as e:
        con.close()
        raise DataError(f"{p}: not a readable Parquet file ({_duckdb_message(e)})",
                        hint="regenerate it with `indcli ingest`") from e
    missing = [c.name for c in COLUMNS if c.required and c.name not in present]
    if missing:
        con.close()
        raise DataError(f"{p}: not an indcli facts table (missing columns: {', '.join(missing)})",
                        hint="regenerate it with `indcli ingest`")
    extra = [f"CAST(NULL AS {_SQL_TYPES.get(str(c.type), 'VARCHAR')}) AS {c.name}"
             for c in COLUMNS if c.name not in present]
    if extra:
        rel = rel.project(", ".join(["*", *extra]))
    try:
        if read_only_sql:
            rel.create("facts")
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        else:
            rel.create_view("facts")
    except duckdb.Error as e:
        con.close()
        raise DataError(f"{p}: cannot be read ({_duckdb_message(e)})", hint="regenerate it with `indcli ingest`") from e
    return con


_SQL_TYPES = {"string": "VARCHAR", "date32[day]": "DATE", "date32": "DATE", "int32": "INTEGER", "double": "DOUBLE",
              "float64": "DOUBLE"}


def _fetch(con, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or {})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


ROW_LIMIT = 200_000  # in a table larger than this, facts are merged in DuckDB before they reach Python


def _fetch_facts(con, where: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Matching facts. From a small table they come row by row; from a large one (millions of rows) they are merged in
    DuckDB first into one row per distinct value of each fact, with its first source and how many more there
    are (``hidden_sources``), which is all the grouping and the cells need."""
    n = con.execute("SELECT count(*) FROM facts").fetchone()[0]  # from the Parquet footer: no scan
    if n <= ROW_LIMIT:
        return _fetch(con, f"SELECT * FROM facts WHERE {where}", params)
    keys = ", ".join(_GROUP_KEY + ("value", "comparator"))
    merged = _fetch(con, f"SELECT {keys}, min(fact_id) AS fact_id, any_value(period_label) AS period_label, "
                         f"min(line) AS line, any_value(quote) AS quote, any_value(metric_en) AS metric_en, "
                         f"any_value(metric_raw) AS metric_raw, min(source) AS source, "
                         f"count(DISTINCT source) - 1 AS hidden_sources "
                         f"FROM facts WHERE {where} GROUP BY {keys}", params)
    return merged


def _count_sources(facts: Iterable[dict[str, Any]]) -> int:
    """Documents stating these facts, including those merged away in a large table."""
    facts = list(facts)
    return len({f["source"] for f in facts}) + sum(f.get("hidden_sources") or 0 for f in facts)


def known_metrics(con) -> Mapping[str, str]:
    """Metric → English gloss, for every metric in the data; queried only when first needed (a GROUP BY over a
    large table costs more than the rest of a query, and most names resolve from the lexicon alone)."""
    return _KnownMetrics(con)


class _KnownMetrics(Mapping):
    def __init__(self, con) -> None:
        self._con = con
        self._data: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._data is None:
            rows = self._con.execute("SELECT metric, max(coalesce(metric_en, '')) FROM facts GROUP BY metric").fetchall()
            self._data = {m: en for m, en in rows if m}
        return self._data

    def __getitem__(self, key: str) -> str:
        return self._load()[key]

    def __iter__(self):
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def get(self, key, default=None):
        if self._data is None:
            from .lexicon import gloss, metric_aliases

            if key in metric_aliases():
                return gloss(key)
        return self._load().get(key, default)


# ---------------------------------------------------------------------------------------------------- grouping


class _Stated:
    """Something stated by ``facts``: the documents stating it, and how many there are."""

    facts: list[dict[str, Any]]

    @property
    def sources(self) -> list[str]:
        return sorted({f["source"] for f in self.facts})

    @property
    def n_sources(self) -> int:
        return _count_sources(self.facts)


@dataclass
class Claim(_Stated):
    """One value (with its comparator) stated by one or more facts."""

    value: float
    comparator: str
    facts: list[dict[str, Any]]


@dataclass
class Group(_Stated):
    """Facts stating the same thing (see the module docstring); ``claims`` holds one entry per distinct value."""

    key: tuple
    facts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first(self) -> dict[str, Any]:
        return self.facts[0]

    def __post_init__(self) -> None:  # province, metric, measure, unit, period_start … of the group
        for name, value in zip(_GROUP_KEY, self.key, strict=True):
            setattr(self, name, value)

    @cached_property
    def claims(self) -> list[Claim]:
        by: dict[tuple[float, str], Claim] = {}
        for f in sorted(self.facts, key=_fact_order):
            k = (round(float(f["value"]), 6), f["comparator"] or "=")
            if k not in by:
                by[k] = Claim(float(f["value"]), f["comparator"] or "=", [])
            by[k].facts.append(f)
        return list(by.values())

    @property
    def conflict(self) -> bool:
        return len(self.claims) > 1

    @property
    def fact_ids(self) -> list[str]:
        return [f["fact_id"] for f in sorted(self.facts, key=_fact_order)]

    def period_text(self, lang: str = "zh") -> str:
        return period_text(self.facts, self.period_start, self.period_end, lang)


_GROUP_KEY = ("province", "city", "metric", "measure", "unit", "period_start", "period_end", "kind", "scope")


def _fact_order(f: dict[str, Any]) -> tuple:
    return (f.get("doc_date") or date.min, f["source"], f.get("line") or 0, f["fact_id"])


def group_facts(rows: Iterable[dict[str, Any]]) -> list[Group]:
    """Facts grouped by what they state, in first-seen order."""
    groups: dict[tuple, Group] = {}
    for r in rows:
        key = tuple((r.get(k) or "") if k in ("city", "scope") else r.get(k) for k in _GROUP_KEY)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key)
        g.facts.append(r)
    return list(groups.values())


def period_text(facts: Sequence[dict[str, Any]], start: date, end: date, lang: str = "zh") -> str:
    """The period as a reader says it: the shortest label the documents used (2016—2020年 rather than
    “十三五”(2016—2020年)), or in English 2019, 2016–2020, 2024 Jan–Nov."""
    if lang == "en":
        return period_en(start, end)
    labels = sorted({f.get("period_label") or "" for f in facts} - {""}, key=lambda s: (len(s), s))
    return labels[0] if labels else period_en(start, end)


def period_en(start: date, end: date) -> str:
    if start is None or end is None:
        return ""
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year and start.day == 1:
        m1, m2 = _MONTHS[start.month - 1], _MONTHS[end.month - 1]
        return f"{start.year} {m1}" if start.month == end.month else f"{start.year} {m1}–{m2}"
    return f"{start.isoformat()}–{end.isoformat()}"


def _where_source(f: dict[str, Any]) -> str:
    return f"{f['source']}:{f['line']}" if f.get("line") else f["source"]


def _claim_text(c: Claim, unit: str, lang: str) -> str:
    return format_value(c.value, unit, c.comparator, lang)


def group_text(g: Group, lang: str = "zh") -> tuple[str, str]:
    """A group's cell text and style: 7.8% ×2 when two documents agree, 7.1% ≠ 7.3% when they disagree."""
    claims = g.claims
    if len(claims) > 1:
        return " ≠ ".join(_claim_text(c, g.unit, lang) for c in claims), "conflict"
    text = _claim_text(claims[0], g.unit, lang)
    n = g.n_sources
    if n > 1:
        text += f" ×{n}"
    return text, g.kind if g.kind in ("target", "forecast") else ""


def _conflict_note(g: Group, lang: str) -> str:
    where = "; ".join(f"{_claim_text(c, g.unit, lang)} in {', '.join(_where_source(f) for f in c.facts)}"
                      for c in g.claims)
    what = f"{names.province_label(g.province, lang)}{' ' + g.city if g.city else ''} {g.metric} " \
           f"{g.period_text(lang)} {_labels(lang)['measure'].get(g.measure, g.measure)}"
    return f"≠ conflict, {what}: {where} (the documents disagree; `indcli show {g.fact_ids[0]}`)"


def _check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise UsageError(f"--from {year_from} is after --to {year_to}", hint="give the earlier year to --from")


def _check_choices(values: Iterable[str] | None, allowed: Sequence[str], what: str) -> list[str]:
    import difflib

    out = []
    for v in values or ():
        v = str(getattr(v, "value", v)).strip().lower()
        if v not in allowed:
            hint = difflib.get_close_matches(v, allowed, n=1)
            raise UsageError(f"unknown {what} {v!r}",
                             hint=(f"did you mean {hint[0]}? " if hint else "") + f"one of {', '.join(allowed)}")
        if v not in out:
            out.append(v)
    return out


# ---------------------------------------------------------------------------------------------------- compare


def compare(data: Path | str | None, metric: str, *, provinces: Iterable[str] | None = None,
            measures: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
            year_from: int | None = None, year_to: int | None = None, lang: str = "zh") -> Result:
    """A province × period table of one metric, one table per measure (see ``indcli compare --help``).

    Years filter on the year a figure's period ends. City figures are left out of the province columns.
    """
    _check_years(year_from, year_to)
    measures = _check_choices(measures, MEASURES, "measure")
    kinds = _check_choices(kinds, KINDS, "kind")
    provs = names.resolve_provinces(provinces)
    con = connect(data)
    try:
        known = known_metrics(con)
        name = names.resolve_metric(metric, known)
        where = ["metric = $metric", "list_contains($provinces, province)"]
        params: dict[str, Any] = {"metric": name, "provinces": provs}
        if measures:
            where.append("list_contains($measures, measure)")
            params["measures"] = measures
        if kinds:
            where.append("list_contains($kinds, kind)")
            params["kinds"] = kinds
        if year_from is not None:
            where.append("year(period_end) >= $year_from")
            params["year_from"] = year_from
        if year_to is not None:
            where.append("year(period_end) <= $year_to")
            params["year_to"] = year_to
        rows = _fetch_facts(con, " AND ".join(where), params)
        province_rows = [r for r in rows if not r.get("city")]
        city_rows = [r for r in rows if r.get("city")]
        empty = [p for p in provs if not any(r["province"] == p for r in province_rows)]
        related = {}
        if empty:
            counts = con.execute(
                "SELECT province, metric, count(*) FROM facts WHERE list_contains($p, province) "
                "AND coalesce(city, '') = '' GROUP BY ALL", {"p": empty}).fetchall()
            for p in empty:
                avail = {m: n for prov, m, n in counts if prov == p}
                related[p] = [(m, avail[m]) for m in names.related_metrics(name, avail)]
        en = known.get(name, "")
    finally:
        con.close()
    return _compare_result(name, en, provs, group_facts(province_rows), city_rows, related, lang,
                           filtered=bool(measures or kinds or year_from or year_to))


def _row_key(g: Group) -> tuple:
    return (g.measure, g.period_end, -g.period_start.toordinal(), _KIND_ORDER.get(g.kind, 9), g.scope, g.unit)


def _compare_result(metric: str, metric_en: str, provs: list[str], groups: list[Group], city_rows: list[dict],
                    related: dict[str, list[tuple[str, int]]], lang: str, filtered: bool) -> Result:
    L = _labels(lang)
    title_metric = names.metric_label(metric, lang, metric_en)
    fields = ["metric", "metric_en", "province", "measure", "period", "period_start", "period_end", "kind", "scope",
              "comparator", "value", "unit", "display", "sources", "conflict", "fact_ids", "source_files"]
    records: list[dict[str, Any]] = []
    tables: list[Table] = []
    charts: list[Chart] = []
    notes: list[str] = []
    by_cell: dict[tuple, Group] = {}
    rows_by_measure: dict[str, dict[tuple, list[Group]]] = defaultdict(lambda: defaultdict(list))
    for g in groups:
        rk = _row_key(g)
        by_cell[(rk, g.province)] = g
        rows_by_measure[g.measure][rk].append(g)
    gloss = names.english_gloss(metric, metric_en)
    for measure in sorted(rows_by_measure, key=lambda m: MEASURES.index(m) if m in MEASURES else 99):
        row_keys = sorted(rows_by_measure[measure])
        row_groups = rows_by_measure[measure]
        show_kind = any(k[3] != _KIND_ORDER["actual"] for k in row_keys)
        show_scope = any(k[4] for k in row_keys)
        columns = [L["period"]] + ([L["kind_h"]] if show_kind else []) + ([L["scope"]] if show_scope else [])
        lead = len(columns)
        columns += [names.province_label(p, lang) for p in provs]
        units: list[str] = []
        table_rows: list[list[Cell]] = []
        row_styles: list[str] = []
        bars: list[Bar] = []
        for rk in row_keys:
            any_g = row_groups[rk][0]
            period = period_text([f for g in row_groups[rk] for f in g.facts], any_g.period_start,
                                 any_g.period_end, lang)
            kind_label = L["kind"].get(any_g.kind, any_g.kind)
            scope = any_g.scope
            scope_label = _scope_label(scope, lang)
            row = [Cell(period)]
            if show_kind:
                row.append(Cell(kind_label, any_g.kind if any_g.kind != "actual" else ""))
            if show_scope:
                row.append(Cell(scope_label))
            for p in provs:
                g = by_cell.get((rk, p))
                if g is None:
                    row.append(Cell("—", "missing"))
                    continue
                text, style = group_text(g, lang)
                row.append(Cell(text, style))
                for c in g.claims:
                    u = display_unit(c.value, g.unit, lang)
                    if u not in units:
                        units.append(u)
                    records.append({
                        "metric": metric, "metric_en": gloss, "province": names.province_label(p, lang),
                        "measure": measure, "period": period, "period_start": g.period_start,
                        "period_end": g.period_end, "kind": g.kind, "scope": scope, "comparator": c.comparator,
                        "value": c.value, "unit": g.unit, "display": _claim_text(c, g.unit, lang),
                        "sources": c.n_sources, "conflict": g.conflict,
                        "fact_ids": " ".join(f["fact_id"] for f in c.facts), "source_files": c.sources,
                    })
                group_label = period + ("" if any_g.kind == "actual" else f" {kind_label}") + \
                    (f" {scope_label}" if scope else "")
                bars.append(Bar(group_label, names.province_label(p, lang), g.claims[0].value, text,
                                "conflict" if g.conflict else (g.kind if g.kind != "actual" else "")))
            table_rows.append(row)
            row_styles.append(any_g.kind if any_g.kind in ("target", "forecast") else "")
        unit_text = ", ".join(units)
        title = f"{title_metric} · {L['measure'].get(measure, measure)}" + (f" ({unit_text})" if unit_text else "")
        tables.append(Table(title, columns, table_rows, right=frozenset(range(lead, len(columns))),
                            row_styles=row_styles))
        if measure != "rank" and bars:
            charts.append(Chart(title, bars))
    footer = ["×n: the same figure stated by n documents."] if any(
        g.n_sources > 1 and not g.conflict for g in groups) else []
    for g in groups:
        if g.conflict:
            notes.append(_conflict_note(g, lang))
    for p in provs:
        if p not in related:
            continue
        label = names.province_label(p, lang)
        rel = related[p]
        what = "with these filters " if filtered else ""
        if rel:
            listed = ", ".join(f"{names.metric_label(m, lang)} ({n})" for m, n in rel)
            notes.append(f"{label}: no {metric} figures {what}— related metrics it has: {listed}; "
                         f"try `indcli compare --metric {rel[0][0]}`.")
        else:
            notes.append(f"{label}: no {metric} figures {what}and no related metric in the data.")
    if city_rows:
        cities = sorted({r["city"] for r in city_rows})
        notes.append(f"{len(city_rows)} city figure(s) left out of the province columns ({', '.join(cities)}); "
                     f"`indcli sql \"SELECT * FROM facts WHERE metric = '{metric}' AND city <> ''\"` lists them.")
    if not groups:
        notes.insert(0, f"no {metric} figures for {', '.join(names.province_label(p, lang) for p in provs)}"
                        + (" with these filters." if filtered else "."))
    return Result(fields, records, tables, notes, charts, footer)


def _scope_label(scope: str, lang: str) -> str:
    if not scope or lang != "en":
        return scope or ""
    from .lexicon import gloss

    fixed = {"全国": "national", "中部": "central China", "中部地区": "central China", "中部六省": "central China",
             "全球": "global", "世界": "world", "全省": "province", "工业大省": "major industrial provinces"}
    return fixed.get(scope) or gloss(scope) or scope


# ---------------------------------------------------------------------------------------------------- targets


def attainment(target: float, comparator: str, measure: str, unit: str, actual: float,
               lang: str = "zh") -> tuple[float | None, bool | None, str]:
    """(ratio, met, text) of an actual against its target.

    A level compares as a ratio (actual / target: ✓ 105%); a rate (%, 百分点) by its gap (✗ -1.2个百分点); a rank
    is met when the actual rank is at or above it. ≥, >, = and 约 read as floors; < and ≤ as ceilings.
    """
    if comparator in ("<", "<="):
        met = actual < target if comparator == "<" else actual <= target
    elif measure == "rank":
        met = actual <= target
    elif comparator == ">":
        met = actual > target
    else:
        met = actual >= target
    mark = "✓" if met else "✗"
    if measure == "rank":
        return None, met, mark
    if unit in ("%", "百分点") or measure in ("growth", "cagr", "share", "diff"):
        gap = actual - target
        sign = "+" if gap > 0 else ""
        unit_text = "pp" if lang == "en" else "个百分点"
        return None, met, f"{mark} {sign}{trim(gap, 2)}{unit_text}"
    if not target:
        return None, met, mark
    ratio = actual / target
    return ratio, met, f"{mark} {trim(ratio * 100, 1)}%"


def targets(data: Path | str | None, province: str, *, metric: str | None = None, year_from: int | None = None,
            year_to: int | None = None, forecasts: bool = False, lang: str = "zh") -> Result:
    """Every target of a province, grouped by horizon year (the year its period ends), with the growth rate that
    goes with it (a CAGR — or growth — target of the same metric and horizon), the source and, where the data has
    an actual for the same metric and period, the actual and the attainment. City figures are left out."""
    _check_years(year_from, year_to)
    prov = names.resolve_province(province)
    con = connect(data)
    try:
        name = names.resolve_metric(metric, known_metrics(con)) if metric else None
        where = ["province = $province", "coalesce(city, '') = ''"]
        params: dict[str, Any] = {"province": prov}
        if name:
            where.append("metric = $metric")
            params["metric"] = name
        goal_kinds = ("target", "forecast") if forecasts else ("target",)
        params["goal_kinds"] = list(goal_kinds)
        base = " AND ".join(where)
        # goals, and only the actuals that can sit beside a goal (same metric and period)
        cond = (f"{base} AND (list_contains($goal_kinds, kind) OR (kind = 'actual' AND (metric, period_start, "
                f"period_end) IN (SELECT metric, period_start, period_end FROM facts WHERE {base} "
                f"AND list_contains($goal_kinds, kind))))")
        rows = _fetch_facts(con, cond, params)
    finally:
        con.close()
    groups = group_facts(rows)
    goals = [g for g in groups if g.kind in goal_kinds
             and (year_from is None or g.period_end.year >= year_from)
             and (year_to is None or g.period_end.year <= year_to)]
    actuals: dict[tuple, Group] = {}
    for g in groups:
        if g.kind == "actual":
            actuals.setdefault((g.metric, g.measure, g.unit, g.period_start, g.period_end, g.scope), g)
    rates: dict[tuple, list[Group]] = defaultdict(list)
    for g in goals:
        if g.measure in ("cagr", "growth"):
            rates[(g.metric, g.period_end.year, g.kind)].append(g)
    attached: set[int] = set()
    rate_of: dict[int, list[Group]] = {}
    for g in goals:
        if g.measure != "level":
            continue
        cands = rates.get((g.metric, g.period_end.year, g.kind), [])
        cagr = [r for r in cands if r.measure == "cagr"]
        growth = [r for r in cands if r.measure == "growth" and r.period_start == g.period_start]
        chosen = cagr or growth
        if chosen:
            rate_of[id(g)] = chosen
            attached.update(id(r) for r in chosen)
    shown = [g for g in goals if id(g) not in attached]
    shown.sort(key=lambda g: (g.period_end.year, g.metric, MEASURES.index(g.measure) if g.measure in MEASURES else 9,
                              g.period_start, g.scope))
    return _targets_result(prov, shown, rate_of, actuals, lang, forecasts, name)


def _targets_result(prov: str, shown: list[Group], rate_of: dict[int, list[Group]], actuals: dict[tuple, Group],
                    lang: str, forecasts: bool, metric: str | None) -> Result:
    L = _labels(lang)
    plabel = names.province_label(prov, lang)
    fields = ["horizon", "province", "metric", "metric_en", "measure", "kind", "period", "period_start", "period_end",
              "scope", "comparator", "value", "unit", "target", "rate", "rate_value", "actual", "actual_value",
              "attainment", "attainment_ratio", "met", "sources", "source", "conflict", "fact_ids"]
    records: list[dict[str, Any]] = []
    tables: list[Table] = []
    notes: list[str] = []
    by_year: dict[int, list[Group]] = defaultdict(list)
    for g in shown:
        by_year[g.period_end.year].append(g)
    for year, goals in sorted(by_year.items()):
        rows: list[list[Cell]] = []
        styles: list[str] = []
        for g in goals:
            gloss = names.english_gloss(g.metric, g.first.get("metric_en"))
            rate_groups = rate_of.get(id(g), [])
            rate_text = "; ".join(
                f"{group_text(r, lang)[0]}" + (f" ({r.period_text(lang)})" if r.measure == "cagr" else "")
                for r in rate_groups)
            rate_value = rate_groups[0].claims[0].value if rate_groups and not rate_groups[0].conflict else None
            actual = actuals.get((g.metric, g.measure, g.unit, g.period_start, g.period_end, g.scope))
            actual_text = group_text(actual, lang)[0] if actual else ""
            target_text, target_style = group_text(g, lang)
            src = g.facts and _where_source(sorted(g.facts, key=_fact_order)[0])
            src_text = src + (f" (+{g.n_sources - 1})" if g.n_sources > 1 else "")
            att_cells = []
            for c in g.claims:
                ratio, met, att = (None, None, "")
                if actual is not None:
                    if actual.conflict:
                        att = "? (actuals disagree)"
                    else:
                        ratio, met, att = attainment(c.value, c.comparator, g.measure, g.unit,
                                                     actual.claims[0].value, lang)
                att_cells.append(att)
                records.append({
                    "horizon": year, "province": plabel, "metric": g.metric, "metric_en": gloss,
                    "measure": g.measure, "kind": g.kind, "period": g.period_text(lang),
                    "period_start": g.period_start, "period_end": g.period_end, "scope": g.scope,
                    "comparator": c.comparator, "value": c.value, "unit": g.unit,
                    "target": _claim_text(c, g.unit, lang), "rate": rate_text, "rate_value": rate_value,
                    "actual": actual_text, "actual_value": (actual.claims[0].value if actual and not actual.conflict
                                                            else None),
                    "attainment": att, "attainment_ratio": ratio, "met": met, "sources": c.n_sources,
                    "source": [_where_source(f) for f in c.facts], "conflict": g.conflict,
                    "fact_ids": " ".join(f["fact_id"] for f in c.facts),
                })
            att_text = " / ".join(a for a in att_cells if a)
            att_style = "good" if att_text.startswith("✓") and "✗" not in att_text else "bad" if "✗" in att_text else ""
            metric_text = names.metric_label(g.metric, lang, gloss) if lang == "en" else g.metric
            if g.kind == "forecast":
                metric_text += f" ({L['kind']['forecast']})"
            rows.append([Cell(metric_text), Cell(L["measure"].get(g.measure, g.measure)),
                         Cell(target_text, target_style), Cell(g.period_text(lang)), Cell(rate_text),
                         Cell(actual_text), Cell(att_text, att_style), Cell(src_text, "dim")])
            styles.append("forecast" if g.kind == "forecast" else "")
            if g.conflict:
                notes.append(_conflict_note(g, lang))
        what = ("目标与预计" if forecasts else "目标") if lang != "en" else ("targets and forecasts" if forecasts
                                                                         else "targets")
        title = (f"{plabel} {year}年{what} ({len(goals)})" if lang != "en" else
                 f"{plabel} {what} for {year} ({len(goals)})")
        columns = [L["metric"], L["measure_h"], L["target"], L["period"], L["rate"], L["actual"], L["attainment"],
                   L["source"]]
        plain_year = {f"{year}年", str(year)}
        keep = [i for i in range(len(columns))
                if (i == 3 and any(r[3].text not in plain_year for r in rows))
                or (i in (4, 5, 6) and any(r[i].text for r in rows)) or i in (0, 1, 2, 7)]
        tables.append(Table(title, [columns[i] for i in keep], [[r[i] for i in keep] for r in rows],
                            right=frozenset(n for n, i in enumerate(keep) if i in (2, 4, 5)), row_styles=styles))
    if not shown:
        kinds = "targets or forecasts" if forecasts else "targets"
        notes.append(f"no {kinds} for {plabel}" + (f" ({metric})" if metric else "") + " in the data"
                     + ("." if forecasts else "; `--forecasts` adds what documents expect (预计, 有望)."))
    footer = ["(+n): n more documents state the same target."] if any(g.n_sources > 1 for g in shown) else []
    return Result(fields, records, tables, notes, footer=footer)


# ---------------------------------------------------------------------------------------------------- metrics


def metrics(data: Path | str | None, query: str | None = None, *, lang: str = "zh") -> Result:
    """The metrics in the data with fact counts per province (city figures counted apart); with ``query``, those
    matching it in Chinese (Traditional too), an alias or English — the lexicon's metrics without facts included."""
    from .lexicon import metrics as lexicon_metrics

    con = connect(data)
    try:
        counts = con.execute(
            "SELECT metric, province, coalesce(city, '') <> '' AS is_city, count(*), max(coalesce(metric_en, '')) "
            "FROM facts GROUP BY ALL").fetchall()
    finally:
        con.close()
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cities: dict[str, int] = defaultdict(int)
    glosses: dict[str, str] = {}
    province_totals: dict[str, int] = defaultdict(int)
    for m, p, is_city, n, en in counts:
        if not m:
            continue
        if is_city:
            cities[m] += n
        else:
            per[m][p] += n
            province_totals[p] += n
        if en:
            glosses[m] = en
    aliases = {m.canonical: m.aliases for m in lexicon_metrics()}
    searching = query is not None and bool(query.strip())
    # the lexicon's metrics without a fact are listed only when a search finds them (GDP → 地区生产总值, 0 facts)
    selected = sorted(set(per) | set(cities) | (set(aliases) if searching else set()))
    if searching:
        selected = [m for m in selected if _metric_matches(m, names.english_gloss(m, glosses.get(m)),
                                                           aliases.get(m, ()), query)]
        if not selected:
            raise UsageError(f"no metric matches {query!r}",
                             hint=names._did_you_mean(names.metric_suggestions(query, glosses))
                             or "`indcli metrics` with no query lists them all")
    provs = [p for p in names.DEFAULT_PROVINCES if p in province_totals]
    provs += sorted((p for p in province_totals if p not in provs), key=lambda p: (-province_totals[p], p))
    show_cities = any(cities.get(m) for m in selected)

    def total(m: str) -> int:
        return sum(per[m].values()) + cities.get(m, 0)

    selected.sort(key=lambda m: (-total(m), m))
    L = _labels(lang)
    plabels = [names.province_label(p, lang) for p in provs]
    fields = ["metric", "metric_en", "aliases", *plabels] + (["cities"] if show_cities else []) + ["total"]
    records, rows = [], []
    for m in selected:
        gloss = names.english_gloss(m, glosses.get(m))
        rec: dict[str, Any] = {"metric": m, "metric_en": gloss, "aliases": list(aliases.get(m, ()))}
        cells = [Cell(m), Cell(gloss, "dim")]
        for p, label in zip(provs, plabels, strict=True):
            n = per[m].get(p, 0)
            rec[label] = n
            cells.append(Cell(str(n) if n else "—", "" if n else "missing"))
        if show_cities:
            rec["cities"] = cities.get(m, 0)
            cells.append(Cell(str(cities.get(m, 0) or "—"), "" if cities.get(m) else "missing"))
        rec["total"] = total(m)
        cells.append(Cell(str(total(m)), "key"))
        records.append(rec)
        rows.append(cells)
    columns = [L["metric"], L["english"], *plabels] + ([L["cities"]] if show_cities else []) + [L["total"]]
    title = f"{len(selected)} metric(s)" + (f" matching {query!r}" if query and query.strip() else "")
    table = Table(title, columns, rows, right=frozenset(range(2, len(columns))))
    footer = ["a metric with total 0 is known to the lexicon but has no facts yet."] if any(
        total(m) == 0 for m in selected) else []
    return Result(fields, records, [table], footer=footer)


def _metric_matches(metric: str, gloss: str, aliases: Sequence[str], query: str) -> bool:
    from .metrics import canonical, expand

    q = names.clean(query)
    if not q:
        return True
    if re.search(r"[\u4e00-\u9fff]", q):
        forms = {q, expand(q), canonical(q)}
        texts = [metric, *aliases]
        return any(f and f in t for f in forms for t in texts)
    fq = " ".join(q.casefold().split())
    return any(fq in t.casefold() for t in (metric, gloss, *aliases) if t)


# ---------------------------------------------------------------------------------------------------- show


def show(data: Path | str | None, fact_id: str, *, lang: str = "zh") -> Result:
    """One fact with everything known about it: the columns, its document's metadata (from the manifest beside
    the source documents, when there is one), the quote with the figure highlighted, and the other documents
    that state the same fact. A unique prefix of the id is enough."""
    import difflib

    prefix = (fact_id or "").strip().lower()
    if not prefix:
        raise UsageError("give a fact id (or its first characters)", hint="ids are in the fact_ids column of "
                         "`indcli compare --format csv`")
    con = connect(data)
    try:
        rows = _fetch(con, "SELECT * FROM facts WHERE starts_with(fact_id, $p) ORDER BY fact_id LIMIT 6",
                      {"p": prefix})
        if not rows:
            ids = [r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()]
            close = difflib.get_close_matches(prefix, [i[: max(len(prefix), 8)] for i in ids], n=3, cutoff=0.6)
            raise UsageError(f"no fact with id {fact_id!r}",
                             hint=names._did_you_mean(close) or "ids are in the fact_ids column of "
                             "`indcli compare --format csv` and in `indcli sql \"SELECT fact_id FROM facts\"`")
        if len(rows) > 1:
            listed = ", ".join(f"{r['fact_id']} ({r['province']} {r['metric']} {r['period_label']})" for r in rows[:5])
            more = " …" if len(rows) > 5 else ""
            raise UsageError(f"{fact_id!r} matches several facts: {listed}{more}", hint="give more characters of the id")
        fact = rows[0]
        key_cols = [c for c in _GROUP_KEY if c not in ("city", "scope")]
        where = " AND ".join(f"{c} IS NOT DISTINCT FROM ${c}" for c in key_cols)
        same = _fetch(con, f"SELECT * FROM facts WHERE {where} AND coalesce(city, '') = $city "
                           f"AND coalesce(scope, '') = $scope AND fact_id <> $id ORDER BY source, line",
                      {**{c: fact[c] for c in key_cols}, "city": fact.get("city") or "", "scope": fact.get("scope") or "",
                       "id": fact["fact_id"]})
    finally:
        con.close()
    return _show_result(fact, same, lang, data_file(data))


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


def document_info(source: str, data_path: Path | None = None, text_path: str | None = None) -> dict[str, Any]:
    """What is known about a source document besides the table: its manifest entry (title, publisher, url,
    date_basis) and the file the quote points into — ``text_path`` relative to the table's folder when the table
    has it, else the file of that name in the seeds folder. {} when nothing is found."""
    from .documents import load_manifest
    from .store import default_seeds_dir

    folders: list[Path] = []
    found: Path | None = None
    if text_path and data_path is not None:
        candidate = Path(os.path.normpath(Path(data_path).parent / text_path))
        if candidate.is_file():
            found = candidate
            folders.append(candidate.parent)
    seeds = default_seeds_dir()
    if seeds.is_dir():
        folders.append(seeds)
        if found is None and (seeds / source).is_file():
            found = seeds / source
    info: dict[str, Any] = {}
    for folder in folders:
        try:
            entry = load_manifest(folder).get(source)
        except (DataError, OSError):
            entry = None
        if entry:
            info.update({k: str(entry[k]) for k in ("title", "publisher", "url", "date_basis") if entry.get(k)})
            break
    if found is not None:
        info["document_path"] = str(found)
    return info


def _show_result(fact: dict[str, Any], same: list[dict[str, Any]], lang: str, data_path: Path | None = None) -> Result:
    from .contract import COLUMN_NAMES

    L = _labels(lang)
    g = group_facts([fact, *same])[0]
    doc = document_info(fact["source"], data_path, fact.get("text_path"))
    span = figure_span(fact.get("quote") or "", fact.get("figure_text") or "", fact.get("metric_raw") or "")
    display = format_value(float(fact["value"]), fact["unit"], fact["comparator"], lang)
    others = [f"{_where_source(f)} {format_value(float(f['value']), f['unit'], f['comparator'], lang)} "
              f"({f['fact_id']})" for f in same]
    record = {c: fact.get(c) for c in COLUMN_NAMES}
    record.update({"display": display, "title": doc.get("title", ""), "publisher": doc.get("publisher", ""),
                   "url": doc.get("url", ""), "date_basis": doc.get("date_basis", ""),
                   "document_path": doc.get("document_path", ""),
                   "figure_offset": span[0] if span else None, "also_stated_by": others, "conflict": g.conflict})
    fields = [*COLUMN_NAMES, "display", "title", "publisher", "url", "date_basis", "document_path", "figure_offset",
              "also_stated_by", "conflict"]
    gloss = names.english_gloss(fact["metric"], fact.get("metric_en"))
    kind = L["kind"].get(fact["kind"], fact["kind"])
    period = f"{period_text([fact], fact['period_start'], fact['period_end'], lang)}  " \
             f"({fact['period_start']} – {fact['period_end']})"
    where = _where_source(fact)
    if fact.get("continued_from_line"):
        where += f" (sentence starts on line {fact['continued_from_line']})"
    rows: list[tuple[str, Cell]] = [
        ("id", Cell(fact["fact_id"])),
        ("province", Cell(names.province_label(fact["province"], lang) + (f" · {fact['city']}" if fact.get("city")
                                                                         else ""))),
        ("metric", Cell(fact["metric"] + (f"  ({gloss})" if gloss else ""))),
    ]
    if fact.get("metric_raw") and fact["metric_raw"] != fact["metric"]:
        rows.append(("as written", Cell(fact["metric_raw"])))
    rows += [
        ("figure", Cell(f"{display}  [{L['measure'].get(fact['measure'], fact['measure'])}, {kind}]",
                        fact["kind"] if fact["kind"] != "actual" else "key")),
        ("value", Cell(f"{trim(float(fact['value']), 6)} {fact['unit']} (comparator {fact['comparator']})")),
        ("period", Cell(period)),
    ]
    if fact.get("scope"):
        rows.append(("scope", Cell(_scope_label(fact["scope"], lang) or fact["scope"])))
    rows.append(("source", Cell(where)))
    if doc.get("title"):
        rows.append(("title", Cell(doc["title"])))
    if doc.get("publisher"):
        rows.append(("publisher", Cell(doc["publisher"])))
    if fact.get("doc_date"):
        rows.append(("document date", Cell(str(fact["doc_date"]) + (f"  ({doc['date_basis']})"
                                                                     if doc.get("date_basis") else ""))))
    if doc.get("url"):
        rows.append(("url", Cell(doc["url"])))
    if doc.get("document_path"):
        from .store import display_path

        rows.append(("file", Cell(display_path(doc["document_path"]), "dim")))
    rows.append(("quote", Cell(fact.get("quote") or "", mark=span)))
    if fact.get("figure_text"):
        rows.append(("as printed", Cell(fact["figure_text"])))
    extra = []
    if fact.get("mentions") and fact["mentions"] > 1:
        extra.append(f"stated {fact['mentions']} times in this document")
    if fact.get("province_method"):
        extra.append(f"province from {fact['province_method']}")
    if fact.get("char_start") is not None and fact.get("char_end") is not None:
        extra.append(f"characters {fact['char_start']}–{fact['char_end']}")
    if extra:
        rows.append(("notes", Cell("; ".join(extra), "dim")))
    if same:
        rows.append(("also stated by", Cell("\n".join(others), "conflict" if g.conflict else "")))
    notes = [_conflict_note(g, lang)] if g.conflict else []
    table = Table(f"{fact['fact_id']}", [L["field"], L["value"]],
                  [[Cell(k, "key"), v] for k, v in rows])
    return Result(fields, [record], [table], notes)


# ---------------------------------------------------------------------------------------------------- sql

READ_ONLY_HINT = "only one SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN statement is allowed"


def check_read_only(con, statement: str) -> str:
    """The single read-only statement in ``statement``; UsageError for anything else (several statements,
    COPY, ATTACH, CREATE, INSERT, SET, PRAGMA, CALL, EXPLAIN ANALYZE of a write …)."""
    import duckdb

    text = statement.strip().rstrip(";").strip()
    if not text:
        raise UsageError("empty SQL statement", hint='e.g. indcli sql "SELECT province, count(*) FROM facts GROUP BY 1"')
    try:
        stmts = con.extract_statements(text)
    except duckdb.Error as e:
        raise UsageError(f"SQL: {_duckdb_message(e)}") from e
    if len(stmts) != 1:
        raise UsageError(f"{len(stmts)} SQL statements given", hint=READ_ONLY_HINT)
    kind = stmts[0].type.name
    if kind == "EXPLAIN":
        inner = re.sub(r"^\s*explain\s+(?:analy[sz]e\s+)?", "", text, flags=re.IGNORECASE)
        if inner == text:
            raise UsageError("SQL: cannot read this EXPLAIN", hint=READ_ONLY_HINT)
        check_read_only(con, inner)
        return text
    if kind != "SELECT":
        raise UsageError(f"SQL: {kind} statements are not allowed (the data is read-only)", hint=READ_ONLY_HINT)
    return text


def sql(data: Path | str | None, statement: str, *, lang: str = "zh") -> Result:
    """Run one read-only statement against the ``facts`` table (an in-memory copy of the Parquet file, with
    DuckDB's external access turned off and its configuration locked)."""
    import duckdb

    con = connect(data, read_only_sql=True)
    try:
        text = check_read_only(con, statement)
        try:
            cur = con.execute(text)
            desc = cur.description or []
            rows = cur.fetchall() if desc else []
        except duckdb.Error as e:
            raise UsageError(f"SQL: {_duckdb_message(e)}") from e
    finally:
        con.close()
    fields: list[str] = []
    for d in desc:
        name, n = str(d[0]), 2
        while name in fields:
            name = f"{d[0]}_{n}"
            n += 1
        fields.append(name)
    records = [dict(zip(fields, r, strict=True)) for r in rows]
    right = frozenset(i for i, f in enumerate(fields)
                      if any(isinstance(r[f], (int, float)) and not isinstance(r[f], bool) for r in records))
    from .render import plain

    table_rows = [[Cell("NULL", "dim") if r[f] is None else Cell(plain(r[f])) for f in fields] for r in records]
    footer = [f"{len(records)} row(s)"] if len(records) != 1 else []
    return Result(fields, records, [Table("", fields, table_rows, right=right)], footer=footer)
