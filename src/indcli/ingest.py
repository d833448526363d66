"""Ingest: documents in, facts out to Parquet. Reads files and folders one document at a time."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .documents import DOCUMENT_SUFFIXES, Document, document_meta, load_manifest, read_document
from .errors import DataError, IndcliError, UsageError
from .extract import Fact, extract_document


@dataclass
class IngestReport:
    """What an ingest did: documents read, facts per province and per document, warnings."""

    documents: int = 0
    facts: int = 0
    kept: int = 0  # rows carried over from the existing table with --append
    per_province: Counter = field(default_factory=Counter)
    per_document: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    out: Path | None = None


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the documents inside folders named, in a stable order."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES and not f.name.startswith(".") \
                        and not f.stem.isupper():  # README.md, SOURCES.md: notes about the folder, not documents
                    yield f
        elif p.is_file():
            yield p
        else:
            raise UsageError(f"{p}: no such file or folder", hint="give files or folders of documents")


def texts_dir(out: Path) -> Path:
    """Where the text of converted documents (HTML, PDF, Word) is kept beside a table."""
    return out.with_name(out.stem + ".texts")


def extract_file(path: Path, doc_date: date | None = None, manifest: dict | None = None,
                 warnings: list[str] | None = None, document: Document | None = None,
                 province: str | None = None) -> list[Fact]:
    """Facts of one document file, its date from the manifest, ``doc_date`` or the text; its province from the
    manifest, ``province`` or the text."""
    path = Path(path)
    doc = document or read_document(path)
    meta = document_meta(path, doc.text, doc_date, manifest)
    return extract_document(doc.text, source=path.name, doc_date=meta.date,
                            province=meta.province or province or None, warnings=warnings)


@dataclass
class _DocResult:
    path: Path
    rows: list[dict]
    warnings: list[str]
    error: IndcliError | None = None
    empty: bool = False


def _process(job: tuple[Path, date | None, dict, Path | None, str | None]) -> _DocResult:
    """Extract one document (runs in a worker process when --workers > 1)."""
    path, doc_date, manifest, out, province = job
    warns: list[str] = []
    try:
        doc = read_document(path)
        if not doc.text.strip():
            return _DocResult(path, [], [], empty=True)
        facts = extract_file(path, doc_date, manifest, warns, doc, province)
        text_path = _keep_text(doc, out) if out is not None else str(path)
    except IndcliError as e:
        return _DocResult(path, [], warns, error=e)
    rows = [dict(f.as_row(), text_path=text_path) for f in facts]
    rows.sort(key=lambda r: (r["line"], r["char_start"], r["fact_id"]))
    return _DocResult(path, rows, warns)


def _jobs(paths: list[Path], doc_date: date | None, out: Path | None, report: IngestReport,
          province: str | None) -> Iterator[tuple[Path, date | None, dict, Path | None, str | None]]:
    manifests: dict[Path, dict] = {}
    seen: dict[str, Path] = {}
    for path in iter_paths(paths):
        if path.name == "manifest.toml":
            continue
        if path.name in seen and seen[path.name] != path:
            report.warnings.append(f"{path}: has the same name as {seen[path.name]}; sources are told apart by file "
                                   "name, so it was skipped (rename one of them)")
            continue
        seen[path.name] = path
        if path.parent not in manifests:
            manifests[path.parent] = load_manifest(path.parent)
        yield path, doc_date, manifests[path.parent], out, province


def collect_rows(paths: list[Path], doc_date: date | None = None, strict: bool = False,
                 progress: Callable[[Path], None] | None = None, report: IngestReport | None = None,
                 out: Path | None = None, workers: int = 1, province: str | None = None) -> Iterator[dict]:
    """Table rows for every document under ``paths``, document by document in a stable order (streamed, so
    memory does not grow with the corpus). A bad file is a warning, or an error with ``strict``."""
    report = report if report is not None else IngestReport()
    jobs = _jobs(paths, doc_date, out, report, province)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_process, jobs, chunksize=4)
    else:
        pool, results = None, map(_process, jobs)
    try:
        for res in results:
            if progress:
                progress(res.path)
            if res.empty:
                report.warnings.append(f"{res.path}: is empty")
                continue
            if res.error is not None:
                if strict:
                    raise res.error
                report.warnings.append(str(res.error))
                continue
            report.warnings.extend(res.warnings)
            report.documents += 1
            report.per_document[res.path.name] = len(res.rows)
            report.facts += len(res.rows)
            for r in res.rows:
                report.per_province[r["province"]] += 1
            yield from res.rows
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if strict and report.warnings:
        raise DataError(f"{len(report.warnings)} warning(s) with --strict, nothing written: {report.warnings[0]}")


def _keep_text(doc: Document, out: Path) -> str:
    """The text path to record: the file itself, or for a converted document a UTF-8 copy beside the table."""
    target = doc.path
    if doc.converted:
        folder = texts_dir(out)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (doc.path.name + ".txt")
        target.write_text(doc.text, encoding="utf-8")
    return os.path.relpath(target.resolve(), out.resolve().parent)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ingest(paths: list[Path], out: Path, doc_date: date | None = None, strict: bool = False,
           progress: Callable[[Path], None] | None = None, append: bool = False, workers: int = 1,
           partitioned: Path | None = None, province: str | None = None) -> IngestReport:
    """Extract every document under ``paths`` and write the table to ``out`` atomically.

    With ``append``, rows of the existing table are kept except those of documents ingested again, which are
    replaced: re-adding a document never duplicates it. With ``partitioned``, also write a Hive-partitioned
    dataset (province=…/year=…) there.
    """
    from .store import read_rows, write_lock, write_parquet

    report = IngestReport(out=out)
    if not any(True for _ in iter_paths(paths)):
        raise UsageError(f"no documents under {', '.join(map(str, paths))}",
                         hint="give .txt, .md, .html, .pdf or .docx files, or folders holding them")
    with write_lock(out):
        rows: Iterator[dict] | list[dict] = collect_rows(paths, doc_date, strict, progress, report, out, workers,
                                                         province)
        if append and out.exists():
            new = list(rows)
            old = [r for r in read_rows(out) if r["source"] not in report.per_document]
            report.kept = len(old)
            rows = old + new
        write_parquet(rows, out)
    if partitioned is not None:
        from .store import write_partitioned

        write_partitioned(out, partitioned)
    return report
