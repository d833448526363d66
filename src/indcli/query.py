"""The query commands as pure functions: (data file, arguments) → :class:`indcli.render.Result`.

Each opens the Parquet file with DuckDB (imported here, inside the functions, so `import indcli` stays light),
reads the ``facts`` view with bound parameters only — a user's value never becomes SQL text — groups the rows
(:mod:`indcli.facts`) and hands them to :mod:`indcli.views` to lay out. Names are resolved first
(:mod:`indcli.names`): an unknown province or metric is a UsageError.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import names
from .errors import DataError, UsageError
from .facts import GROUP_KEY, KINDS, MEASURES, Group, group_facts
from .render import Cell, Result, Table

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

    Optional contract columns missing from an older file read as NULL; a missing required column is a DataError,
    and a row with an empty required column (a table not written by indcli) is left out of the query commands.
    ``read_only_sql`` copies the table into memory and then turns external access off and locks the configuration,
    so a statement can reach no file (no COPY … TO, ATTACH, read_csv) and cannot turn access back on.
    """
    import duckdb

    from .console import early_connection
    from .contract import COLUMNS

    p = data_file(path)
    con = early_connection() or duckdb.connect(":memory:")
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
    if not read_only_sql:  # `sql` shows the table as it is, NULLs included
        rel = rel.filter(" AND ".join(f"{c.name} IS NOT NULL" for c in COLUMNS if c.required))
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
SMALL_FILE = 1 << 20  # a file under 1 MB holds fewer rows (each row's 16-character id alone takes over 5 bytes)


def _small(path: Path | None) -> bool:
    """Whether the table's file is so small that counting its rows is not worth a query."""
    try:
        return path is not None and os.path.getsize(path) < SMALL_FILE
    except OSError:
        return False


def _fetch_facts(con, where: str, params: dict[str, Any], path: Path | None = None) -> list[dict[str, Any]]:
    """Matching facts. From a small table they come row by row; from a large one (millions of rows) they are merged in
    DuckDB first into one row per distinct value of each fact, with its first source and how many more there
    are (``hidden_sources``), which is all the grouping and the cells need."""
    if _small(path) or con.execute("SELECT count(*) FROM facts").fetchone()[0] <= ROW_LIMIT:  # footer: no scan
        return _fetch(con, f"SELECT * FROM facts WHERE {where}", params)
    keys = ", ".join(GROUP_KEY + ("value", "comparator"))
    merged = _fetch(con, f"SELECT {keys}, min(fact_id) AS fact_id, any_value(period_label) AS period_label, "
                         f"min(doc_date) AS doc_date, "
                         f"min(line) AS line, any_value(quote) AS quote, any_value(metric_en) AS metric_en, "
                         f"any_value(metric_raw) AS metric_raw, min(source) AS source, "
                         f"count(DISTINCT source) - 1 AS hidden_sources "
                         f"FROM facts WHERE {where} GROUP BY {keys}", params)
    return merged


def _count(con, keys: str, where: str, params: dict[str, Any], small: bool) -> list[tuple]:
    """(*keys, count) rows of the facts matching ``where``. From a small table the rows are counted in Python:
    DuckDB's first aggregate in a process costs more (~3 ms) than the rows take to fetch."""
    if small:
        from collections import Counter

        counted = Counter(con.execute(f"SELECT {keys} FROM facts WHERE {where}", params).fetchall())
        return [(*k, n) for k, n in counted.items()]
    return con.execute(f"SELECT {keys}, count(*) FROM facts WHERE {where} GROUP BY ALL", params).fetchall()


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
    from .views import CompareData, compare_view

    _check_years(year_from, year_to)
    measures = _check_choices(measures, MEASURES, "measure")
    kinds = _check_choices(kinds, KINDS, "kind")
    provs = names.resolve_provinces(provinces)
    path = data_file(data)
    con = connect(path)
    try:
        known = known_metrics(con)
        name = names.resolve_metric(metric, known)
        where, params = _compare_filter(name, provs, measures, kinds, year_from, year_to)
        rows = _fetch_facts(con, where, params, path)
        province_rows = [r for r in rows if not r.get("city")]
        d = CompareData(name, known.get(name, ""), provs, group_facts(province_rows),
                        [r for r in rows if r.get("city")], filtered=bool(measures or kinds or year_from or year_to))
        empty = [p for p in provs if not any(r["province"] == p for r in province_rows)]
        if empty:
            _explain_empty(con, d, empty, _small(path))
    finally:
        con.close()
    return compare_view(d, lang)


def _compare_filter(name: str, provs: list[str], measures: list[str], kinds: list[str], year_from: int | None,
                    year_to: int | None) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of compare and its bound parameters."""
    where = ["metric = $metric", "list_contains($provinces, province)"]
    params: dict[str, Any] = {"metric": name, "provinces": provs}
    for key, clause, value in (("measures", "list_contains($measures, measure)", measures),
                               ("kinds", "list_contains($kinds, kind)", kinds),
                               ("year_from", "year(period_end) >= $year_from", year_from),
                               ("year_to", "year(period_end) <= $year_to", year_to)):
        if value or (value is not None and key.startswith("year")):
            where.append(clause)
            params[key] = value
    return " AND ".join(where), params


def _explain_empty(con, d, empty: list[str], small: bool) -> None:
    """For provinces without a figure: how many of the metric's figures the filters hid, else related metrics."""
    counts = _count(con, "province, metric", "list_contains($p, province) AND coalesce(city, '') = ''",
                    {"p": empty}, small)
    for p in empty:
        avail = {m: n for prov, m, n in counts if prov == p}
        if avail.get(d.metric):
            d.unfiltered[p] = avail[d.metric]
        else:
            d.related[p] = [(m, avail[m]) for m in names.related_metrics(d.metric, avail)]


# ---------------------------------------------------------------------------------------------------- targets


def targets(data: Path | str | None, province: str, *, metric: str | None = None, year_from: int | None = None,
            year_to: int | None = None, forecasts: bool = False, lang: str = "zh", wide: bool = False) -> Result:
    """Every target of a province, grouped by horizon year (the year its period ends), with the growth rate that
    goes with it (a CAGR — or growth — target of the same metric and horizon), its source and the latest actual
    of the same metric, from any document: how far the target is, and the growth a year still needed. City
    figures are left out."""
    from .views import TargetsData, targets_view

    _check_years(year_from, year_to)
    prov = names.resolve_province(province)
    path = data_file(data)
    con = connect(path)
    try:
        name = names.resolve_metric(metric, known_metrics(con)) if metric else None
        goal_kinds = ["target", "forecast"] if forecasts else ["target"]
        rows = _fetch_facts(con, *_targets_filter(prov, name, goal_kinds, _small(path)), path)
    finally:
        con.close()
    groups = group_facts(rows)
    goals = [g for g in groups if g.kind in goal_kinds
             and (year_from is None or g.period_end.year >= year_from)
             and (year_to is None or g.period_end.year <= year_to)]
    shown, rates = attach_rates(goals)
    from .progress import actuals_by_key

    actuals = actuals_by_key([g for g in groups if g.kind == "actual"])
    return targets_view(TargetsData(prov, shown, rates, actuals, forecasts, name), lang, wide=wide)


def _targets_filter(prov: str, name: str | None, goal_kinds: list[str], small: bool) -> tuple[str, dict[str, Any]]:
    """Goals, and of the actuals only those that can be the latest before a goal: of a goal's metric, measure,
    unit and scope, ending no later, the last of them (chosen in DuckDB, so a large table sends few rows; from a
    small one every actual of the province comes, which is quicker than DuckDB's first aggregate)."""
    base = "province = $province AND coalesce(city, '') = ''" + (" AND metric = $metric" if name else "")
    params: dict[str, Any] = {"province": prov, "goal_kinds": goal_kinds, **({"metric": name} if name else {})}
    if small:
        return f"{base} AND (list_contains($goal_kinds, kind) OR kind = 'actual')", params
    # the kind of period: a span's start (a goal summed over years needs an actual from the same start), else a
    # year's mark; ASOF then finds, for each goal, the actual ending last but no later
    anchor = "CASE WHEN year(period_start) <> year(period_end) THEN period_start ELSE DATE '1900-01-01' END"
    key = f"metric, measure, unit, coalesce(scope, '') AS scope, {anchor} AS anchor, period_end"
    latest = (f"WITH k AS (SELECT DISTINCT kind, {key} FROM facts WHERE {base} AND (list_contains($goal_kinds, kind) "
              "OR kind = 'actual')), g AS (SELECT * FROM k WHERE kind <> 'actual'), a AS (SELECT * FROM k WHERE "
              "kind = 'actual') SELECT a.metric, a.measure, a.unit, a.scope, a.period_end FROM g ASOF JOIN a "
              "ON a.metric = g.metric AND a.measure = g.measure AND a.unit = g.unit AND a.scope = g.scope "
              "AND a.anchor = g.anchor AND g.period_end >= a.period_end")
    where = (f"{base} AND (list_contains($goal_kinds, kind) OR (kind = 'actual' AND (metric, measure, unit, "
             f"coalesce(scope, ''), period_end) IN ({latest})))")
    return where, params


def attach_rates(goals: list[Group]) -> tuple[list[Group], dict[int, list[Group]]]:
    """The goals to list, and for each level goal (by id) the rate goals that go with it — the CAGR goals of its
    metric and horizon, else its growth goals of the same period — which are then not listed apart."""
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
        chosen = [r for r in cands if r.measure == "cagr"] or [
            r for r in cands if r.measure == "growth" and r.period_start == g.period_start]
        if chosen:
            rate_of[id(g)] = chosen
            attached.update(id(r) for r in chosen)
    shown = [g for g in goals if id(g) not in attached]
    shown.sort(key=lambda g: (g.period_end.year, g.metric, MEASURES.index(g.measure) if g.measure in MEASURES else 9,
                              g.period_start, g.scope))
    return shown, rate_of


# ---------------------------------------------------------------------------------------------------- metrics


def metrics(data: Path | str | None, query: str | None = None, *, lang: str = "zh") -> Result:
    """The metrics in the data with fact counts per province (city figures counted apart); with ``query``, those
    matching it in Chinese (Traditional too), an alias or English — the lexicon's metrics without facts included.
    An English query matches word by word (industrial ~ industry), the most stated metric first."""
    from .views import metrics_view

    path = data_file(data)
    con = connect(path)
    try:
        rows = _count(con, "metric, province, coalesce(city, '') <> '' AS is_city, coalesce(metric_en, '')",
                      "true", {}, _small(path))
    finally:
        con.close()
    counts = _metric_counts(rows)
    searching = query is not None and bool(query.strip())
    # the lexicon's metrics without a fact are listed only when a search finds them (GDP → 地区生产总值, 0 facts)
    selected = sorted(set(counts.per) | set(counts.cities) | (set(counts.aliases) if searching else set()))
    if searching:
        selected = [m for m in selected if _metric_matches(m, names.english_gloss(m, counts.glosses.get(m)),
                                                           counts.aliases.get(m, ()), query)]
        if not selected:
            raise UsageError(f"no metric matches {query!r}",
                             hint=names._did_you_mean(names.metric_suggestions(query, counts.glosses))
                             or "`indcli metrics` with no query lists them all")
    selected.sort(key=lambda m: (-counts.total(m), m))
    return metrics_view(counts, selected, query, lang)


def _metric_counts(rows: list[tuple]):
    from .lexicon import metrics as lexicon_metrics
    from .views import MetricCounts

    counts = MetricCounts(defaultdict(lambda: defaultdict(int)), defaultdict(int), {},
                          {m.canonical: m.aliases for m in lexicon_metrics()})
    for m, p, is_city, en, n in rows:
        if not m:
            continue
        if is_city:
            counts.cities[m] += n
        else:
            counts.per[m][p] += n
        if en:
            counts.glosses[m] = en
    return counts


_STOP_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "to", "for", "by", "per"})


def english_stems(text: str) -> set[str]:
    """The words of an English text, cut to five letters so industrial ~ industry, enterprises ~ enterprise."""
    return {w[:5] for w in re.findall(r"[a-z0-9&]+", text.casefold()) if w not in _STOP_WORDS}


def _metric_matches(metric: str, gloss: str, aliases: Sequence[str], query: str) -> bool:
    from .lexicon import has_han
    from .metrics import canonical, expand

    q = names.clean(query)
    if not q:
        return True
    if has_han(q):
        forms = {q, expand(q), canonical(q)}
        texts = [metric, *aliases]
        return any(f and f in t for f in forms for t in texts)
    wanted = english_stems(q)
    have = english_stems(" ".join(t for t in (metric, gloss, *aliases) if t))
    return bool(wanted) and wanted <= have


# ---------------------------------------------------------------------------------------------------- show


def show(data: Path | str | None, fact_id: str, *, lang: str = "zh") -> Result:
    """One fact with everything known about it: the columns, its document's metadata (from the manifest beside
    the source documents, when there is one), the quote with the figure highlighted, and the other documents
    that state the same fact. A unique prefix of the id is enough."""
    from .views import show_view

    prefix = (fact_id or "").strip().lower()
    if not prefix:
        raise UsageError("give a fact id (or its first characters)", hint="ids are in the fact_ids column of "
                         "`indcli compare --format csv`")
    path = data_file(data)
    con = connect(path)
    try:
        if _small(path):  # one query, the rest in Python: quicker than two on a small table
            rows = _fetch(con, "SELECT * FROM facts ORDER BY fact_id")
            fact = _one_fact([r for r in rows if r["fact_id"].startswith(prefix)][:6], fact_id, con)
            key = _same_key(fact)
            same = sorted((r for r in rows if _same_key(r) == key and r["fact_id"] != fact["fact_id"]),
                          key=lambda r: (r["source"], r.get("line") or 0))
        else:
            fact = _one_fact(_fetch(con, "SELECT * FROM facts WHERE starts_with(fact_id, $p) ORDER BY fact_id "
                                         "LIMIT 6", {"p": prefix}), fact_id, con)
            same = _same_facts(con, fact)
    finally:
        con.close()
    return show_view(fact, same, document_info(fact["source"], path, fact.get("text_path")), lang)


def _same_key(f: dict[str, Any]) -> tuple:
    return tuple((f.get(k) or "") if k in ("city", "scope") else f.get(k) for k in GROUP_KEY)


def _same_facts(con, fact: dict[str, Any]) -> list[dict[str, Any]]:
    """The other facts stating what ``fact`` states (same province, city, metric, measure, unit, period, kind …)."""
    key_cols = [c for c in GROUP_KEY if c not in ("city", "scope")]
    where = " AND ".join(f"{c} IS NOT DISTINCT FROM ${c}" for c in key_cols)
    return _fetch(con, f"SELECT * FROM facts WHERE {where} AND coalesce(city, '') = $city "
                       f"AND coalesce(scope, '') = $scope AND fact_id <> $id ORDER BY source, line",
                  {**{c: fact[c] for c in key_cols}, "city": fact.get("city") or "", "scope": fact.get("scope") or "",
                   "id": fact["fact_id"]})


def _one_fact(rows: list[dict[str, Any]], fact_id: str, con) -> dict[str, Any]:
    """The one fact of ``rows`` (those whose id starts with what was typed); UsageError with close ids when there
    is none, or a list when there are several."""
    prefix = fact_id.strip().lower()
    if not rows:
        import difflib

        ids = [r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()]
        close = difflib.get_close_matches(prefix, [i[: max(len(prefix), 8)] for i in ids], n=3, cutoff=0.6)
        raise UsageError(f"no fact with id {fact_id!r}",
                         hint=names._did_you_mean(close) or "ids are in the fact_ids column of "
                         "`indcli compare --format csv` and in `indcli sql \"SELECT fact_id FROM facts\"`")
    if len(rows) > 1:
        listed = ", ".join(f"{r['fact_id']} ({r['province']} {r['metric']} {r['period_label']})" for r in rows[:5])
        more = " …" if len(rows) > 5 else ""
        raise UsageError(f"{fact_id!r} matches several facts: {listed}{more}", hint="give more characters of the id")
    return rows[0]


def _manifest(folder: Path) -> dict[str, dict]:
    """The manifest.toml beside source documents, {} when it is missing or unreadable (show only reads it)."""
    import tomllib

    try:
        return tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def document_info(source: str, data_path: Path | None = None, text_path: str | None = None) -> dict[str, Any]:
    """What is known about a source document besides the table: its manifest entry (title, publisher, url,
    date_basis) and the file the quote points into — ``text_path`` relative to the table's folder when the table
    has it, else the file of that name in the seeds folder. {} when nothing is found."""
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
        entry = _manifest(folder).get(source)
        if entry:
            info.update({k: str(entry[k]) for k in ("title", "publisher", "url", "date_basis") if entry.get(k)})
            break
    if found is not None:
        info["document_path"] = str(found)
    return info


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


def sql_rows(data: Path | str | None, statement: str, batch_size: int = 10_000):
    """The statement's column names (made unique: a, a_2) and its rows in batches of tuples, streamed from DuckDB
    so that memory stays flat however many rows there are; the connection closes when the batches end."""
    import duckdb

    con = connect(data, read_only_sql=True)
    try:
        cur = con.execute(check_read_only(con, statement))
        desc = cur.description or []
    except duckdb.Error as e:
        con.close()
        raise UsageError(f"SQL: {_duckdb_message(e)}") from e
    except BaseException:
        con.close()
        raise
    fields: list[str] = []
    for d in desc:
        name, n = str(d[0]), 2
        while name in fields:
            name = f"{d[0]}_{n}"
            n += 1
        fields.append(name)

    def batches():
        try:
            while desc:
                try:
                    chunk = cur.fetchmany(batch_size)
                except duckdb.Error as e:
                    raise UsageError(f"SQL: {_duckdb_message(e)}") from e
                if not chunk:
                    return
                yield chunk
        finally:
            con.close()

    return fields, batches()


def first_rows(batches, limit: int | None) -> tuple[list[tuple], bool]:
    """At most ``limit`` rows of ``batches`` (all when None), and whether more were left out."""
    rows: list[tuple] = []
    for chunk in batches:
        rows.extend(chunk)
        if limit is not None and len(rows) > limit:
            batches.close()
            return rows[:limit], True
    return rows, False


def sql_result(fields: list[str], rows: list[tuple]) -> Result:
    """The rows of a statement as a Result (numbers aligned right, NULL shown dim)."""
    records = [dict(zip(fields, r, strict=True)) for r in rows]
    right = frozenset(i for i, f in enumerate(fields)
                      if any(isinstance(r[f], (int, float)) and not isinstance(r[f], bool) for r in records))
    from .render import plain

    table_rows = [[Cell("NULL", "dim") if r[f] is None else Cell(plain(r[f])) for f in fields] for r in records]
    footer = [f"{len(records)} row(s)"] if len(records) != 1 else []
    return Result(fields, records, [Table("", fields, table_rows, right=right)], footer=footer)


def sql(data: Path | str | None, statement: str, *, lang: str = "zh", limit: int | None = None) -> Result:
    """Run one read-only statement against the ``facts`` table (an in-memory copy of the Parquet file, with
    DuckDB's external access turned off and its configuration locked); at most ``limit`` rows when given."""
    fields, batches = sql_rows(data, statement)
    rows, _more = first_rows(batches, limit)
    return sql_result(fields, rows)
