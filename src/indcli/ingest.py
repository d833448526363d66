"""Ingest: documents in, facts out to Parquet. Reads files and folders, one document at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .documents import TEXT_SUFFIXES, decode, document_meta, load_manifest
from .errors import DataError, IndcliError, UsageError
from .extract import Fact, extract_document


@dataclass
class IngestReport:
    """What an ingest did: documents read, facts per province and per document, warnings."""

    documents: int = 0
    facts: int = 0
    per_province: Counter = field(default_factory=Counter)
    per_document: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    out: Path | None = None


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the text files inside folders named, in a stable order."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith(".") \
                        and not f.stem.isupper():  # README.md, SOURCES.md: notes about the folder, not documents
                    yield f
        elif p.is_file():
            yield p
        else:
            raise UsageError(f"{p}: no such file or folder", hint="give files or folders of documents")


def read_document(path: Path) -> str:
    """The text of one document file (decoded; HTML reduced to its text)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataError(f"{path}: cannot be read ({e.strerror})") from e
    text = decode(data, str(path))
    if path.suffix.lower() in (".htm", ".html", ".xhtml") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        from .html import html_to_text

        text = html_to_text(text)
    return text


def extract_file(path: Path, doc_date: date | None = None, manifest: dict | None = None,
                 warnings: list[str] | None = None) -> list[Fact]:
    """Facts of one document file, its date from the manifest, ``doc_date`` or the text."""
    path = Path(path)
    text = read_document(path)
    meta = document_meta(path, text, doc_date, manifest)
    return extract_document(text, source=path.name, doc_date=meta.date, province=meta.province or None,
                            warnings=warnings)


def collect(paths: list[Path], doc_date: date | None = None, strict: bool = False,
            progress: Callable[[Path], None] | None = None, report: IngestReport | None = None) -> Iterator[Fact]:
    """Facts of every document under ``paths``; a bad file is a warning (an error with ``strict``)."""
    report = report if report is not None else IngestReport()
    manifests: dict[Path, dict] = {}
    for path in iter_paths(paths):
        if path.name == "manifest.toml":
            continue
        if progress:
            progress(path)
        manifest = manifests.setdefault(path.parent, load_manifest(path.parent))
        try:
            warns: list[str] = []
            facts = extract_file(path, doc_date, manifest, warns)
        except IndcliError as e:
            if strict or isinstance(e, UsageError) and doc_date is None and "no date" in e.message and strict:
                raise
            report.warnings.append(str(e))
            continue
        if not facts and not read_document(path).strip():
            report.warnings.append(f"{path}: is empty")
        report.warnings.extend(warns)
        report.documents += 1
        report.per_document[path.name] = len(facts)
        for f in facts:
            report.per_province[f.province] += 1
        report.facts += len(facts)
        yield from facts
    if strict and report.warnings:
        raise DataError(f"{len(report.warnings)} warning(s) with --strict: {report.warnings[0]}")


def ingest(paths: list[Path], out: Path, doc_date: date | None = None, strict: bool = False,
           progress: Callable[[Path], None] | None = None) -> IngestReport:
    """Extract every document under ``paths`` and write the table to ``out`` atomically."""
    from .store import write_lock, write_parquet

    report = IngestReport(out=out)
    with write_lock(out):
        facts = list(collect(paths, doc_date, strict, progress, report))
        facts.sort(key=lambda f: (f.source, f.line, f.char_start, f.fact_id))
        write_parquet((f.as_row() for f in facts), out)
    return report
