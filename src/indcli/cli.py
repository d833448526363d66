"""The command line: parse, call the library, render. Errors become one line on stderr and an exit code.

Exit codes: 0 success, 1 runtime failure (unreadable data file, failed write), 2 usage error (unknown metric or
province, bad option). A traceback only with --debug.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import IndcliError, UsageError

app = typer.Typer(
    name="indcli",
    help="Turn Chinese provincial industrial-policy documents into queryable indicator figures.\n\n"
    "Start with `indcli ingest` (reads seeds/, writes data/indicators.parquet), then ask:\n\n"
    "  indcli compare --metric 规上工业增加值\n\n"
    "  indcli targets hubei",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


class Format(str, Enum):
    """Output formats; ``table`` is the default on a terminal, ``csv`` when stdout is piped."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


# The one --format option, declared once and used by every command that prints data.
FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="table, csv, tsv, json, jsonl or markdown. Default: table on a terminal, "
                 "csv when piped.", case_sensitive=False, show_default=False),
]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="The Parquet file to query (default: $INDCLI_DATA, else data/indicators.parquet).",
                 show_default=False),
]


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback when something fails.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    if version:
        from . import __version__

        typer.echo(f"indcli {__version__}")
        raise typer.Exit(0)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise UsageError(f"--date {value!r}: not a date", hint="write it as YYYY-MM-DD, e.g. 2024-12-15") from e


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders of documents (default: seeds/).",
                                                        show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the table (default: "
                                             "data/indicators.parquet, or $INDCLI_DATA).", show_default=False)] = None,
    date_: Annotated[str | None, typer.Option("--date", help="Date of documents that have no manifest entry and "
                                              "no date in their text (YYYY-MM-DD).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat every warning (unreadable file, no date) as an "
                                         "error and write nothing.")] = False,
) -> None:
    """Read documents, extract every indicator figure, write the facts table (Parquet).

    With no arguments it reads seeds/ and writes data/indicators.parquet. A file that cannot be read is skipped
    with a warning; the table is written to a temporary file and renamed, so a failed ingest leaves the old one.

    Example:

      indcli ingest

      indcli ingest ../shared/corpus --out /tmp/corpus.parquet

      indcli ingest new-report.txt --date 2024-12-15 --out /tmp/new.parquet
    """
    from .ingest import ingest as run_ingest
    from .store import default_data_path, default_seeds_dir

    targets = list(paths) if paths else [default_seeds_dir()]
    out_path = out or (default_data_path() if paths is None else Path("data") / "indicators.parquet")
    if out is None and os.environ.get("INDCLI_DATA"):
        out_path = Path(os.environ["INDCLI_DATA"])
    progress = _progress_callback()
    report = run_ingest(targets, out_path, _parse_date(date_), strict=strict, progress=progress)
    _print_ingest_summary(report)


def _progress_callback():
    """A one-line progress display on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    count = {"n": 0}

    def tick(path: Path) -> None:
        count["n"] += 1
        sys.stderr.write(f"\r\033[2Kreading {count['n']}: {path.name[:60]}")
        sys.stderr.flush()

    return tick


def _print_ingest_summary(report) -> None:
    err = sys.stderr
    if err.isatty():
        err.write("\r\033[2K")
    per_prov = ", ".join(f"{p} {n}" for p, n in report.per_province.most_common())
    err.write(f"ingested {report.documents} document(s), {report.facts} facts → {report.out}\n")
    if per_prov:
        err.write(f"  by province: {per_prov}\n")
    for w in report.warnings:
        err.write(f"warning: {w}\n")


def main() -> None:
    """Console entry point: run the app with one error handler at the edge."""
    try:
        app(standalone_mode=False)
    except IndcliError as e:
        if _state["debug"]:
            raise
        sys.stderr.write(f"indcli: error: {e}\n")
        sys.exit(e.exit_code)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("indcli: interrupted\n")
        sys.exit(130)
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
