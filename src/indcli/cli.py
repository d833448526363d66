"""The command line: parse, call the library, render. Errors become one line on stderr and an exit code.

Exit codes: 0 success, 1 runtime failure (unreadable data file, failed write), 2 usage error (unknown metric or
province, bad option), 128 + the signal when interrupted (130 Ctrl-C, 143 SIGTERM). A traceback only with --debug.
"""


import functools
import inspect
import os
import signal
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import DataError, IndcliError, Interrupted, UsageError
from .facts import KINDS, MEASURES
from .render import FORMATS


def _plain_help() -> None:
    """Help as plain text, each argument's help shown once. typer 0.19 on a recent click gets this wrong: click's
    Parameter now stores ``help`` itself, wiping what typer set on an argument just before; click then lists the
    arguments a second time; and typer escapes [ for rich (\\[default: zh]) even with rich markup off."""
    import typer.core

    typer.core.HAS_RICH = False  # only decides rich formatting and that escaping; our markup mode is None
    typer.core.TyperCommand.format_arguments = lambda self, ctx, formatter: None  # typer lists them itself
    init = typer.core.TyperArgument.__init__
    if getattr(init, "keeps_help", False):
        return

    def __init__(self, *args, help=None, **kwargs):
        init(self, *args, help=help, **kwargs)
        self.help = help

    __init__.keeps_help = True
    typer.core.TyperArgument.__init__ = __init__


_plain_help()

app = typer.Typer(
    name="indcli",
    help="Turn Chinese provincial industrial-policy documents into queryable indicator figures.\n\n"
    "It answers from any folder, from the seed documents it ships with until you ingest your own "
    "(`indcli info` shows which table it reads):\n\n"
    "  indcli compare --metric 规上工业增加值\n\n"
    "  indcli targets hubei\n\n"
    "  indcli ingest report.txt --append",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


# Choices declared once, where they are defined: formats in render, measures and kinds with the facts.
Format = StrEnum("Format", {f: f for f in FORMATS})
Measure = StrEnum("Measure", {m: m for m in MEASURES})
Kind = StrEnum("Kind", {k: k for k in KINDS})


class Lang(StrEnum):
    """The language of names in the output: Chinese, or English glosses and pinyin province names."""

    zh = "zh"
    en = "en"


# Paths are taken as str: typer coerces Path through pydantic, which would cost every query 50 ms of imports.
OUTPUT_OPTIONS: dict[str, tuple[Any, Any]] = {  # parameter → (annotation, default): every query command has these
    "fmt": (Annotated[Format | None, typer.Option(
        "--format", "-f", help=f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}. Default: table on a terminal, csv when "
        "piped.", case_sensitive=False, show_default=False)], None),
    "data": (Annotated[str | None, typer.Option(
        "--data", help="The Parquet file to query (default: $INDCLI_DATA, else ./data/indicators.parquet, else your "
        "own table, else the one shipped with indcli; see indcli info).", show_default=False)], None),
    "lang": (Annotated[Lang, typer.Option(
        "--lang", help="zh (default) or en: English metric glosses and pinyin province names.",
        case_sensitive=False, show_default=False)], Lang.zh),
    "bom": (Annotated[bool, typer.Option(
        "--bom", help="Start CSV/TSV with a byte-order mark so Excel shows the Chinese intact (implies --format csv "
        "when no format is given).")], False),
    "raw": (Annotated[bool, typer.Option(
        "--raw", help="Write CSV/TSV cells exactly as stored, without the leading apostrophe that stops a "
        "spreadsheet executing a cell starting with =, +, - or @.")], False),
}
DataOption = OUTPUT_OPTIONS["data"][0]
FromOption = Annotated[
    int | None, typer.Option("--from", help="First year (the year a figure's period ends).", min=1900, max=2100,
                             show_default=False),
]
ToOption = Annotated[
    int | None, typer.Option("--to", help="Last year (the year a figure's period ends).", min=1900, max=2100,
                             show_default=False),
]


class Output:
    """The output options of a query command, as the command receives them: ``out.show(result)`` prints."""

    def __init__(self, fmt: Format | None = None, data: str | None = None, lang: Lang = Lang.zh, bom: bool = False,
                 raw: bool = False) -> None:
        self.fmt, self.data, self.lang, self.bom, self.raw = fmt, data, lang, bom, raw

    def show(self, result, *, chart: bool = False) -> None:
        """Render to stdout; a reader that stops early (`| head`) ends the program quietly."""
        from .render import output

        try:
            output(result, self.fmt.value if self.fmt else None, bom=self.bom, raw=self.raw, chart=chart)
        except BrokenPipeError:
            _quiet_broken_pipe()


def query_command(*, options: tuple[str, ...] = tuple(OUTPUT_OPTIONS)):
    """Register a query command with the shared output options added to its parameters; the function takes
    ``out: Output`` in their place. ``options`` narrows them (sql has no --lang)."""

    def register(command):
        own = [p for p in inspect.signature(command).parameters.values() if p.name != "out"]
        shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=OUTPUT_OPTIONS[name][0],
                                    default=OUTPUT_OPTIONS[name][1]) for name in options]

        @functools.wraps(command)
        def run(**kwargs):
            out = Output(**{name: kwargs.pop(name) for name in options})
            return command(**kwargs, out=out)

        run.__signature__ = inspect.Signature(own + shared)
        run.__annotations__ = {p.name: p.annotation for p in own + shared}
        return app.command()(run)

    return register


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback when something fails.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=lambda v: _print_version() if v else None)] = False,
) -> None:
    _state["debug"] = debug


def _print_version() -> None:
    from . import __version__
    from .store import resolve_data

    choice = resolve_data()
    typer.echo(f"indcli {__version__}\ntable: {choice.path} ({choice.origin}; `indcli info` shows the order)")
    raise typer.Exit(0)


def _parse_date(value: str | None, today: date | None = None) -> date | None:
    """--date as a date: YYYY-MM-DD, not in the future (a document cannot be dated after today), not before 1900."""
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError as e:
        raise UsageError(f"--date {value!r}: not a date", hint="write it as YYYY-MM-DD, e.g. 2024-12-15") from e
    today = today or date.today()
    if parsed > today:
        raise UsageError(f"--date {value}: is in the future (today is {today.isoformat()})",
                         hint="give the date the documents were published")
    if parsed.year < 1900:
        raise UsageError(f"--date {value}: is before 1900", hint="give the date the documents were published")
    return parsed


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders of documents: .txt, .md, .html, and "
                                                        ".pdf/.docx with the [docs] extra (default: seeds/).",
                                                        show_default=False)] = None,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Where to write the table (default: "
                                             "$INDCLI_DATA, else the project's data/indicators.parquet, else your "
                                             "own table).", show_default=False)] = None,
    date_: Annotated[str | None, typer.Option("--date", help="Date of documents that have no manifest entry and "
                                              "no date in their text (YYYY-MM-DD).", show_default=False)] = None,
    province: Annotated[str | None, typer.Option("--province", help="Province of documents that have no manifest "
                                                 "entry and name none in their text (hubei, 湖北 …).",
                                                 show_default=False)] = None,
    append: Annotated[bool, typer.Option("--append", help="Add to the existing table instead of replacing it; a "
                                         "document ingested again replaces its own rows.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", min=0, help="Processes to extract with "
                                         "(default 0: one per core).")] = 0,
    partitioned: Annotated[str | None, typer.Option("--partitioned", help="Also write a Hive-partitioned "
                                                    "dataset (province=…/year=…) into this folder.",
                                                    show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat every warning (unreadable file, no date) as an "
                                         "error and write nothing.")] = False,
) -> None:
    """Read documents, extract every indicator figure, write the facts table (Parquet).

    The table goes to --out, else $INDCLI_DATA, else data/indicators.parquet in a project (a folder with seeds/ or
    data/), else your own table (`indcli info` shows where). With no arguments it reads ./seeds, else the seed
    documents shipped with indcli. Given files or folders, it needs --out or --append; your own table starts
    from the seeds. A file that cannot be read, or holds no figure, is a warning naming it; a run that reads
    nothing or finds no figure exits 1. The table, the kept texts and the dataset are staged and swapped in only
    after the whole run succeeded, so a failed or interrupted ingest leaves every earlier file as it was.

    Examples:

      indcli ingest

      indcli ingest ../shared/corpus --out /tmp/corpus.parquet

      indcli ingest new-report.txt --date 2024-12-15 --append
    """
    from .ingest import IngestReport, default_workers
    from .ingest import ingest as run_ingest

    targets, out_path = _ingest_paths(paths, out, append)
    prov = None
    if province:
        from .names import resolve_province

        prov = resolve_province(province)
    doc_date = _parse_date(date_)
    report = IngestReport()
    try:
        run_ingest(targets, out_path, doc_date, strict=strict, progress=_progress_callback(targets), append=append,
                   workers=workers or default_workers(), partitioned=Path(partitioned) if partitioned else None,
                   province=prov, report=report)
    except BaseException:
        _print_warnings(report)  # what was skipped explains the failure; the error line follows
        raise
    _print_ingest_summary(report)


@app.command()
def check(
    data: DataOption = None,
) -> None:
    """Verify the table against its sources: every quote still an exact substring, every value re-parsed.

    Exits 1 and lists the failing rows (fact id, source, line, reason) when any fails; prints a one-line
    summary on stderr otherwise.

    Example:

      indcli check

      indcli check --data /tmp/corpus.parquet
    """
    from .check import check_table, summary
    from .query import data_file
    from .store import display_path

    path = data_file(data)
    total, problems = check_table(path)
    for p in problems:
        sys.stdout.write(f"{p.fact_id}\t{p.source}\t{p.line if p.line is not None else ''}\t{p.reason}\n")
    if problems:
        raise summary(display_path(path), total, problems)
    sys.stderr.write(f"{display_path(path)}: all {total} rows verified against their sources\n")


def _ingest_paths(paths: list[str] | None, out: str | None, append: bool) -> tuple[list[Path], Path]:
    """The documents to read and the table to write. Without --out: $INDCLI_DATA, the project's table, else the
    user's; a user's table that does not exist yet starts from the packaged seeds, so appending adds to them."""
    from .store import ENV_DATA, default_seeds_dir, display_path, ingest_target, packaged_seeds

    choice = ingest_target()
    target = Path(out) if out else choice.path
    if paths and not out and not append and not os.environ.get(ENV_DATA):
        raise UsageError("say where to write the facts of these documents",
                         hint=f"add --append to add them to {display_path(target)}, or --out FILE for a table of "
                              "their own")
    docs = [Path(p) for p in paths] if paths else [default_seeds_dir()]
    if not out and choice.origin == "user":
        try:
            target.parent.mkdir(parents=True, exist_ok=True)  # the platform's data folder for indcli: ours to make
        except OSError as e:
            raise DataError(f"{target.parent}: cannot create the folder ({e.strerror})", hint="give --out FILE") from e
        if paths and append and not target.exists():
            sys.stderr.write(f"note: starting your table {display_path(target)} from the packaged seed documents\n")
            docs.insert(0, packaged_seeds())
    return docs, target


def _progress_callback(targets: list[Path]):
    """A progress bar on stderr when it is a terminal and the work is long; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    from .documents import find_documents

    try:
        total = len(find_documents(targets)[0])
    except IndcliError:
        return None
    if total < 20:
        return None
    from .documents import printable

    count = {"n": 0}

    def tick(path: Path) -> None:
        count["n"] += 1
        done = count["n"] * 30 // total
        sys.stderr.write(f"\r\033[2K[{'#' * done}{' ' * (30 - done)}] {count['n']}/{total} {printable(path.name)[:40]}")
        sys.stderr.flush()

    return tick


def _print_warnings(report) -> None:
    """Notes (files skipped on purpose) and warnings of an ingest, one line each, on stderr."""
    err = sys.stderr
    if err.isatty():
        err.write("\r\033[2K")
    for n in report.notes:
        err.write(f"note: {n}\n")
    for w in report.warnings:
        err.write(f"warning: {w}\n")


def _print_ingest_summary(report) -> None:
    from .store import display_path

    err = sys.stderr
    _print_warnings(report)
    per_prov = ", ".join(f"{p} {n}" for p, n in report.per_province.most_common())
    kept = f" (+{report.kept} kept from the table)" if report.kept else ""
    err.write(f"ingested {report.documents} document(s), {report.facts} facts{kept} → {display_path(report.out)}\n")
    if per_prov:
        err.write(f"  by province: {per_prov}\n")
    for whose, n in sorted(report.replaced.items()):
        err.write(f"  replaced {n} row(s) of {whose}\n")


@query_command(options=("fmt", "data"))
def info(*, out: Output) -> None:
    """Show the version and which table the query commands read, with the order the tables are looked for.

    Order: --data, then $INDCLI_DATA, then ./data/indicators.parquet in the current folder, then your own table
    (written by `indcli ingest FILE --append` outside a project), then the table shipped with indcli.

    Example:

      indcli info
    """
    from .query import info as run

    out.show(run(out.data))


@query_command()
def compare(
    metric: Annotated[str, typer.Option("--metric", "-m", help="The indicator: Chinese name, alias, abbreviation "
                                        "(规上工业增加值), Traditional characters or English gloss.",
                                        show_default=False)],
    province: Annotated[list[str] | None, typer.Option("--province", "-p", help="A province column (repeatable "
                        "or comma separated): hubei, 湖北, 湖北省 or 鄂. Default: 江西, 湖北, 湖南.",
                        show_default=False)] = None,
    measure: Annotated[list[Measure] | None, typer.Option("--measure", help="Only this measure (repeatable).",
                       case_sensitive=False, show_default=False)] = None,
    kind: Annotated[list[Kind] | None, typer.Option("--kind", help="Only actual, target or forecast figures "
                    "(repeatable).", case_sensitive=False, show_default=False)] = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    chart: Annotated[bool, typer.Option("--chart", help="Also draw a bar chart of each table (on stderr when the "
                                        "data goes to a file or a pipe).")] = False,
    *,
    out: Output,
) -> None:
    """Compare one metric across provinces: a province × period table per measure.

    One table per measure found (growth, level, rank …), units in the title, money in 亿元/万亿元. Targets and
    forecasts are rows of their own; ≥7.5% and 约9000亿元 keep their comparators. A figure several documents
    state is one cell (×2 = two documents); documents that disagree show both values (7.1% ≠ 7.3%). A province
    with no figure keeps its column (—) and a note names related metrics it has. City figures are left out.

    Example:

      indcli compare --metric 规上工业增加值

      indcli compare -m 规上工业增加值 --measure growth --from 2016 --to 2020 --chart

      indcli compare -m 規上工業增加值 -p hubei,hunan --lang en

      indcli compare -m 规上工业增加值 --bom > compare.csv
    """
    from .query import compare as run

    result = run(out.data, metric, provinces=province, measures=[m.value for m in measure or []],
                 kinds=[k.value for k in kind or []], year_from=year_from, year_to=year_to, lang=out.lang.value)
    out.show(result, chart=chart)


@query_command()
def targets(
    province: Annotated[str, typer.Argument(help="The province: hubei, 湖北, 湖北省 or 鄂.", show_default=False)],
    metric: Annotated[str | None, typer.Option("--metric", "-m", help="Only this metric.", show_default=False)] = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    forecasts: Annotated[bool, typer.Option("--forecasts", help="Also list forecasts (预计, 有望).")] = False,
    wide: Annotated[bool, typer.Option("--wide", "-w", help="Every column, whole source file names and the rate's "
                                       "span, however wide the terminal.")] = False,
    *,
    out: Output,
) -> None:
    """Every target of a province, grouped by horizon year, with the latest actual and what is still needed.

    Each target shows its value and comparator (≥70%, 1.3万亿元), the 年均 rate stated with it, and the latest
    actual of the same metric from any document up to the horizon: the progress (✓ 122% when the actual is for
    the target's own period; else 67% of an amount, or a rate's gap) and the growth a year still needed to reach
    it (✓ when the stated 年均 rate gets there). Sources are file:line, cut short unless --wide.

    Example:

      indcli targets hubei

      indcli targets 湖南 --from 2020 --to 2020

      indcli targets 鄂 --metric 汽车产业营业收入 --format json
    """
    from .query import targets as run

    out.show(run(out.data, province, metric=metric, year_from=year_from, year_to=year_to, forecasts=forecasts,
                 lang=out.lang.value, wide=wide))


@query_command()
def metrics(
    query: Annotated[str | None, typer.Argument(help="Text to look for in the name (Chinese, Traditional too), an "
                                                "alias or the English gloss, word by word.",
                                                show_default=False)] = None,
    *,
    out: Output,
) -> None:
    """List the metrics known, with fact counts per province, the most stated first.

    Example:

      indcli metrics

      indcli metrics 增加值

      indcli metrics "industrial value added" --lang en
    """
    from .query import metrics as run

    out.show(run(out.data, query, lang=out.lang.value))


@query_command()
def show(
    fact_id: Annotated[str, typer.Argument(help="The fact's id, or enough of its first characters to be unique.",
                                           show_default=False)],
    *,
    out: Output,
) -> None:
    """Show one fact with everything known about it: source, line, document, the quote with the figure marked.

    Ids are in the fact_ids column of `indcli compare --format csv` and in `indcli sql`.

    Example:

      indcli show c1cfe192

      indcli show c1cfe192079dbb5c --format json
    """
    from .query import show as run

    out.show(run(out.data, fact_id, lang=out.lang.value))


SQL_LIMIT = 10_000  # rows shown by `sql` in table, markdown and json unless --limit says otherwise


@query_command(options=("fmt", "data", "bom", "raw"))
def sql(
    statement: Annotated[str, typer.Argument(metavar="SQL", help="One SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE, "
                                             "EXPLAIN) statement over the table `facts`; - reads it from stdin.",
                                             show_default=False)],
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows; 0 for all. Default: "
                                              f"{SQL_LIMIT:,} in table, markdown and json; csv, tsv and jsonl "
                                              "stream every row.", show_default=False)] = None,
    *,
    out: Output,
) -> None:
    """Run read-only DuckDB SQL against the `facts` table, for anything the other commands don't cover.

    The statement sees an in-memory copy of the data with DuckDB's file access turned off: COPY, ATTACH,
    CREATE, INSERT, SET and reading other files are refused. Columns: see DESCRIBE facts. Rows are streamed:
    csv, tsv and jsonl write every row as it comes; table, markdown and json stop at --limit, with a note.

    Example:

      indcli sql "SELECT province, count(*) AS facts FROM facts GROUP BY province ORDER BY facts DESC"

      indcli sql "SELECT period_label, value FROM facts WHERE metric = '规模以上工业增加值' AND measure = 'growth'"

      echo "DESCRIBE facts" | indcli sql -
    """
    from .query import first_rows, sql_result, sql_rows
    from .render import STREAMING, default_format

    if statement == "-":
        statement = sys.stdin.read()
    fields, batches = sql_rows(out.data, statement)
    chosen = out.fmt.value if out.fmt else default_format(sys.stdout, out.bom)
    cap = (limit or None) if limit is not None else (None if chosen in STREAMING else SQL_LIMIT)
    if chosen in STREAMING:
        more = _stream_sql(fields, batches, chosen, cap, bom=out.bom, raw=out.raw)
    else:
        rows, more = first_rows(batches, cap)
        out.show(sql_result(fields, rows))
    if more:
        stream = "" if chosen in STREAMING else ", and --format csv streams any number of rows"
        sys.stderr.write(f"note: showed the first {cap:,} rows; --limit 0 shows them all{stream}\n")


def _stream_sql(fields: list[str], batches, fmt: str, cap: int | None, *, bom: bool, raw: bool) -> bool:
    """Write the rows batch by batch (at most ``cap``); whether more were left out."""
    from .render import write_stream

    left_out = []

    def capped():
        written = 0
        for chunk in batches:
            if cap is not None and written + len(chunk) > cap:
                yield chunk[: cap - written]
                left_out.append(True)
                batches.close()
                return
            written += len(chunk)
            yield chunk

    try:
        write_stream(fields, capped(), fmt, bom=bom, raw=raw)
    except BrokenPipeError:
        _quiet_broken_pipe()
    return bool(left_out)


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: when the command is known, one holding only that command, so typer builds one
    command's parser instead of all of them (a few ms on every query). `indcli --help` gets the full app."""
    words = [a for a in argv if not a.startswith("-")]
    if not words:
        return app
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        if name == words[0] and all(a == "--debug" for a in argv[: argv.index(words[0])]):
            slim = typer.Typer(name=app.info.name, help=app.info.help, no_args_is_help=True,
                               add_completion=False, rich_markup_mode=None, context_settings=app.info.context_settings)
            slim.registered_callback = app.registered_callback
            slim.registered_commands = [info]
            return slim
    return app


def main() -> None:
    """Console entry point: run the app with one error handler at the edge.

    Exit codes: 0 success, 1 runtime failure, 2 usage error, 130 Ctrl-C (SIGINT), 143 SIGTERM, 129 SIGHUP; a
    signal stops the run through the same clean-up as an error, so no temporary or lock is left behind.
    """
    _stop_on_signals()
    try:
        code = _app_for(sys.argv[1:])(prog_name="indcli", standalone_mode=False)
    except IndcliError as e:
        if _state["debug"]:
            raise
        sys.stderr.write(f"indcli: error: {e}\n")
        sys.exit(e.exit_code)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        _exit_interrupted(signal.SIGINT)
    except Interrupted as e:
        _exit_interrupted(e.signum)
    except _click_exceptions() as e:  # usage errors from the parser: exit 2 with click's message
        e.show()
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:  # an unexpected failure: one line unless --debug
        if _state["debug"]:
            raise
        sys.stderr.write(f"indcli: error: {type(e).__name__}: {e} (run with --debug for the traceback)\n")
        sys.exit(1)
    if code == 128 + signal.SIGINT:  # typer turns Ctrl-C into exit code 130 and returns it
        _exit_interrupted(signal.SIGINT)
    sys.exit(code if isinstance(code, int) else 0)


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP raise :class:`Interrupted`, so the run stops through its clean-up (unless ignored,
    as under nohup)."""

    def stop(signum, _frame):
        raise Interrupted(signum)

    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, stop)


def _exit_interrupted(signum: int) -> None:
    sys.stderr.write(f"\nindcli: interrupted ({signal.Signals(signum).name})\n")
    sys.exit(128 + signum)


def _click_exceptions():
    """The parser's usage-error class (typer vendors click in recent releases)."""
    try:
        from typer._click import exceptions as ce
    except ImportError:  # older typer depends on click itself
        from click import exceptions as ce
    return (ce.ClickException,)


def _quiet_broken_pipe() -> None:
    """`indcli … | head` closed the pipe: exit quietly, as csvkit does."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
