"""Ingest: documents in, facts out to Parquet. Reads files and folders one document at a time.

A document is identified by its resolved path (stored relative to the table's folder in ``source_path``) and
the hash of its bytes (``source_sha256``): ``--append`` replaces the rows of a document ingested again from the
same path, or of the same bytes moved to a new path, and never those of another file that has the same name.
The write itself is :mod:`indcli.store`'s: staged, then swapped in only after the whole run succeeded.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .documents import (
    Document,
    document_meta,
    find_documents,
    load_manifest,
    name_is_utf8,
    printable,
    read_document,
)
from .errors import DataError, IndcliError, UsageError
from .extract import Fact, extract_document
from .store import TextKeeper


@dataclass
class IngestReport:
    """What an ingest did: documents read, facts per province and per document, rows replaced, warnings (which
    --strict turns into errors) and notes (files skipped on purpose, named)."""

    documents: int = 0
    facts: int = 0
    kept: int = 0  # rows carried over from the existing table with --append
    replaced: dict[str, int] = field(default_factory=dict)  # with --append: a document's path → its rows replaced
    per_province: Counter = field(default_factory=Counter)
    per_document: dict[str, int] = field(default_factory=dict)  # source_path → facts
    hashes: dict[str, str] = field(default_factory=dict)  # source_path → sha256 of every document read
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    out: Path | None = None


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """The documents under ``paths``, in a stable order (see :func:`indcli.documents.find_documents`)."""
    yield from find_documents(paths)[0]


def extract_file(path: Path, doc_date: date | None = None, manifest: dict | None = None,
                 warnings: list[str] | None = None, document: Document | None = None,
                 province: str | None = None, source: str | None = None) -> list[Fact]:
    """Facts of one document file, its date from the manifest, ``doc_date`` or the text; its province from the
    manifest, ``province`` or the text. ``source`` is the name stored for it (default: the file name)."""
    path = Path(path)
    doc = document or read_document(path)
    meta = document_meta(path, doc.text, doc_date, manifest)
    return extract_document(doc.text, source=source or printable(path.name), doc_date=meta.date,
                            province=meta.province or province or None, warnings=warnings)


@dataclass(frozen=True)
class Job:
    """One document to extract, with everything a worker process needs."""

    path: Path
    source: str  # the name stored in `source`: the file name, with folders when another document has that name
    source_path: str  # the resolved path, relative to the table's folder: the document's identity
    doc_date: date | None
    manifest: dict
    province: str | None
    texts: TextKeeper | None  # where converted texts are staged (None when no table is written)


@dataclass
class _DocResult:
    job: Job
    rows: list[dict]
    warnings: list[str]
    error: IndcliError | None = None
    empty: bool = False
    sha256: str = ""
    size: tuple[int, int] = (0, 0)  # characters, lines


def _process(job: Job) -> _DocResult:
    """Extract one document (runs in a worker process when --workers > 1)."""
    warns: list[str] = []
    try:
        doc = read_document(job.path)
        if not doc.text.strip():
            return _DocResult(job, [], [], empty=True)
        facts = extract_file(job.path, job.doc_date, job.manifest, warns, doc, job.province, job.source)
        text_path = _text_path(doc, job)
    except IndcliError as e:
        return _DocResult(job, [], warns, error=e)
    rows = [dict(f.as_row(), text_path=text_path, source_path=job.source_path, source_sha256=doc.sha256)
            for f in facts]
    rows.sort(key=lambda r: (r["line"], r["char_start"], r["fact_id"]))
    lines = doc.text.count("\n") + (not doc.text.endswith("\n"))
    return _DocResult(job, rows, warns, sha256=doc.sha256, size=(len(doc.text), lines))


def _text_path(doc: Document, job: Job) -> str:
    """The text the quotes point into, relative to the table's folder: the file itself, or a kept UTF-8 copy
    for a converted document or one whose name is not UTF-8 (a table cannot store that name)."""
    if job.texts is None:
        return printable(str(job.path))
    if doc.converted or not name_is_utf8(job.path):
        return job.texts.keep(job.path.name, doc.text)
    return job.source_path


# ---------------------------------------------------------------------------------------------------- planning


def relative_source_path(path: Path, out: Path) -> str:
    """A document's resolved path relative to the folder of the table ``out`` (printable): ../seeds/a.txt."""
    resolved = path.resolve()
    try:
        rel = os.path.relpath(resolved, out.resolve().parent)
    except ValueError:  # another drive (Windows)
        rel = str(resolved)
    return printable(rel)


def row_identity(row: dict) -> str | None:
    """The document a stored row belongs to (its source_path); for a table written before source_path existed,
    the text its quote points into when that is the source file itself."""
    if row.get("source_path"):
        return row["source_path"]
    text_path = row.get("text_path") or ""
    return text_path if text_path and ".texts/" not in text_path else None


def source_names(docs: list[Path], keys: list[str], taken: dict[str, str]) -> list[str]:
    """The `source` of each document: its file name, or with as many of its folders as make the name unique in
    the table (b/report.txt beside a/report.txt), so two documents never share a name nor fact ids.
    ``taken`` maps the names in use to the identity of their document."""
    names = []
    for path, key in zip(docs, keys, strict=True):
        parts = [printable(p) for p in path.absolute().parts[1:]] or [printable(path.name)]  # names as given
        for n in range(1, len(parts) + 1):
            name = "/".join(parts[-n:])
            if taken.get(name, key) == key:
                break
        taken[name] = key
        names.append(name)
    return names


def plan_jobs(docs: list[Path], old_rows: list[dict], out: Path, texts: TextKeeper | None,
              doc_date: date | None = None, province: str | None = None) -> list[Job]:
    """One job per document: its identity, the name it is stored under, its folder's manifest."""
    keys = [relative_source_path(p, out) for p in docs]
    new = set(keys)
    taken: dict[str, str] = {}
    for r in old_rows:
        key = row_identity(r)
        if key not in new and r.get("source"):
            taken.setdefault(r["source"], key or "")
    manifests: dict[Path, dict] = {}
    jobs = []
    for path, key, name in zip(docs, keys, source_names(docs, keys, taken), strict=True):
        if path.parent not in manifests:
            manifests[path.parent] = load_manifest(path.parent)
        jobs.append(Job(path, name, key, doc_date, manifests[path.parent], province, texts))
    return jobs


# ---------------------------------------------------------------------------------------------------- extracting


def collect_rows(jobs: Iterable[Job], strict: bool = False, progress: Callable[[Path], None] | None = None,
                 report: IngestReport | None = None, workers: int = 1) -> Iterator[dict]:
    """Table rows for every job, document by document in a stable order (streamed, so memory does not grow with
    the corpus). A bad file, or one without any figure, is a warning, or an error with ``strict``."""
    from .store import signals_held

    report = report if report is not None else IngestReport()
    pool = _start_pool(workers) if workers > 1 else None
    with signals_held():  # workers are forked here: a signal waits until each has set its own handlers
        results = pool.map(_process, jobs, chunksize=4) if pool is not None else map(_process, jobs)
    finished = False
    try:
        for res in results:
            if progress:
                progress(res.job.path)
            yield from _account(res, strict, report)
        finished = True
    finally:
        if pool is not None:
            _stop_pool(pool, kill=not finished)
    if strict and report.warnings:
        raise DataError(f"{len(report.warnings)} warning(s) with --strict, nothing written: {report.warnings[0]}")


def _account(res: _DocResult, strict: bool, report: IngestReport) -> list[dict]:
    """Record one document's outcome in the report; its rows, or [] when it was skipped."""
    name = printable(str(res.job.path))
    if res.empty:
        report.warnings.append(f"{name}: is empty")
        return []
    if res.error is not None:
        if strict:
            raise res.error
        report.warnings.append(printable(str(res.error)))
        return []
    report.warnings.extend(res.warnings)
    if not res.rows:
        chars, lines = res.size
        report.warnings.append(f"{name}: no indicator figure found ({chars:,} characters on {lines:,} line(s)), so "
                               "nothing of it is in the table")
    report.documents += 1
    report.per_document[res.job.source_path] = len(res.rows)
    report.hashes[res.job.source_path] = res.sha256
    report.facts += len(res.rows)
    for r in res.rows:
        report.per_province[r["province"]] += 1
    return res.rows


def _start_pool(workers: int):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),))


def _stop_pool(pool, kill: bool) -> None:
    """Shut the workers down; after a failure or an interrupt, kill them first rather than wait for them."""
    if kill:
        stop_all = getattr(pool, "kill_workers", None)  # Python 3.14+
        if stop_all is not None:
            stop_all()
        else:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _worker_init(parent: int) -> None:
    """In each worker: leave Ctrl-C and SIGTERM to the parent, drop its locks, and die with it (kill -9 too)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stops = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}
    for signum in stops:  # the parent's handlers raise Interrupted; a worker just ends
        signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held signals back (see collect_rows)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, *stops})
    from .store import close_inherited_locks

    close_inherited_locks()
    if not _kill_me_with_parent():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the above took effect
        os._exit(1)


def _kill_me_with_parent() -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import signal

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Elsewhere: exit as soon as the parent is gone (the worker is re-parented)."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------------- writing


def merge_appended(old_rows: list[dict], new_rows: list[dict], report: IngestReport, out: Path) -> list[dict]:
    """The appended table: old rows except those of the documents ingested again — by path, or by hash when
    the old path no longer exists (the document moved) — then the new rows. Counts what was replaced."""
    from .store import display_path

    by_hash = {h: key for key, h in report.hashes.items() if h}
    base = out.resolve().parent

    def shown(key: str) -> str:
        return printable(display_path(base / key))

    kept = []
    for r in old_rows:
        key = row_identity(r)
        if key in report.hashes:
            whose = shown(key)
        elif r.get("source_sha256") in by_hash and key and not (base / key).exists():
            whose = f"{shown(key)} (moved to {shown(by_hash[r['source_sha256']])})"
        else:
            kept.append(r)
            continue
        report.replaced[whose] = report.replaced.get(whose, 0) + 1
    report.kept = len(kept)
    return kept + new_rows


def _refuse_empty_run(report: IngestReport, docs: list[Path], out: Path) -> None:
    """A run that read nothing, or found no fact at all, writes nothing and fails."""
    if report.documents == 0:
        named = printable(str(docs[0])) + (f" and {len(docs) - 1} more" if len(docs) > 1 else "")
        raise DataError(f"nothing ingested: {named} could not be read ({len(report.warnings)} warning(s)); "
                        f"{out} is left as it was", hint="see the warnings above")
    if report.facts == 0:
        raise DataError(f"no indicator figure found in {report.documents} document(s); {out} is left as it was",
                        hint="see the warnings above")


def ingest(paths: list[Path], out: Path, doc_date: date | None = None, strict: bool = False,
           progress: Callable[[Path], None] | None = None, append: bool = False, workers: int = 1,
           partitioned: Path | None = None, province: str | None = None,
           report: IngestReport | None = None) -> IngestReport:
    """Extract every document under ``paths`` and write the table to ``out``, staged and swapped in only when
    the whole run succeeded (with its kept texts and, with ``partitioned``, a Hive-partitioned dataset).

    With ``append``, rows of the existing table are kept except those of documents ingested again, which are
    replaced: re-adding a document never duplicates it. A run that reads no document or finds no fact fails
    and writes nothing. ``report`` (made if not given) collects what happened, also when the run fails.
    """
    from .store import check_dataset_folder, read_rows, staged_write

    report = report if report is not None else IngestReport()
    report.out = out
    docs, notes = find_documents(paths)
    report.notes.extend(notes)
    if not docs:
        raise UsageError(f"no documents under {', '.join(printable(str(p)) for p in paths)}",
                         hint="give .txt, .md, .html, .pdf or .docx files, or folders holding them")
    if partitioned is not None:
        check_dataset_folder(partitioned, out)
    with staged_write(out, partitioned) as write:
        old = read_rows(out) if append and out.exists() else []
        jobs = plan_jobs(docs, old, out, write.texts, doc_date, province)
        rows: Iterable[dict] = collect_rows(jobs, strict, progress, report, workers)
        if append:
            rows = merge_appended(old, list(rows), report, out)
        write.write_table(rows)
        _refuse_empty_run(report, docs, out)
        write.commit()
    return report
