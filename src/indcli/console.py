"""The console entry point: for a query command, DuckDB is imported first and a connection opened in a thread
while typer loads and parses the command line, so the ~20 ms a connection takes (spent outside the GIL) overlap
them — when a core is free to do it. ``indcli …`` runs this."""

from __future__ import annotations

import os
import sys
import threading

QUERY_COMMANDS = frozenset({"compare", "targets", "metrics", "show", "sql"})
_early: dict[str, object] = {}
_thread: threading.Thread | None = None


def _open(duckdb) -> None:
    try:
        _early["connection"] = duckdb.connect(":memory:")
    except Exception:  # noqa: BLE001 — the query connects itself and reports the failure
        pass


def _spare_core() -> bool:
    """Whether another core is idle enough to open the connection (on a busy machine the thread only competes)."""
    try:
        cores = len(os.sched_getaffinity(0))
        return cores > 1 and os.getloadavg()[0] < cores - 0.5
    except (AttributeError, OSError):
        return False


def start_connecting(argv: list[str]) -> None:
    """Open a DuckDB connection in a thread when ``argv`` names a query command (not for --help) and a core is
    free: ``start_connecting(["compare", "-m", "GDP"])``."""
    global _thread
    words = [a for a in argv if not a.startswith("-")]
    if _thread is None and words and words[0] in QUERY_COMMANDS and not {"-h", "--help"} & set(argv) \
            and _spare_core():
        import duckdb  # here, not in the thread: importing holds the GIL, connecting does not

        _thread = threading.Thread(target=_open, args=(duckdb,), name="indcli-duckdb")
        _thread.start()


def early_connection():
    """The connection opened early, at most once; None when there is none (the caller connects itself)."""
    if _thread is None:
        return None
    _thread.join()
    return _early.pop("connection", None)


def main() -> None:
    """Run indcli: start connecting for a query command, then load the CLI."""
    start_connecting(sys.argv[1:])
    from .cli import main as run

    run()
