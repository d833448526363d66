"""Finding and reading documents: which files under a folder are documents, bytes → text (encodings, HTML,
PDF, Word), and each document's metadata (manifest or inferred date)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import DataError, UsageError
from .periods import HORIZON_BEFORE, reports_whole_year

MANIFEST = "manifest.toml"
TEXT_SUFFIXES = {".txt", ".md", ".text", ".htm", ".html", ".xhtml"}
CONVERTED_SUFFIXES = {".htm", ".html", ".xhtml", ".pdf", ".docx"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}
MAX_BYTES = 200 * 1024 * 1024
# Notes about a folder, not documents in it (README.md, SOURCES.txt); matched on the name before its first dot.
FOLDER_NOTES = frozenset({"README", "SOURCES", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG", "CONTRIBUTING",
                          "AUTHORS", "COPYING"})


@dataclass(frozen=True)
class DocMeta:
    """What we know about a document besides its text."""

    source: str
    date: date | None
    date_basis: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    province: str = ""


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode a document's bytes: BOMs, UTF-8, UTF-16, GB18030 (GBK) and Big5; DataError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"%PDF"):
        raise DataError(f"{name}: is a PDF, not text", hint='install the extra with pip install "indcli[docs]"')
    if b"\x00" in data[:4096]:
        for enc in ("utf-16-le", "utf-16-be"):  # UTF-16 without a BOM: zero bytes in its ASCII characters
            try:
                text = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible_text(text):
                return text
        raise DataError(f"{name}: is binary, not text", hint="give a .txt, .html, .pdf or .docx file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_chinese(text):
            return text
    # truncated or damaged UTF-8: keep what decodes, mark the rest
    if utf8_error.start > len(data) - 4:
        return data.decode("utf-8", errors="replace")
    raise DataError(f"{name}: is not in a text encoding indcli knows (UTF-8, UTF-16, GBK/GB18030, Big5)",
                    hint="convert it to UTF-8 first, e.g. iconv -f ENCODING -t UTF-8")


def _plausible_text(text: str) -> bool:
    """Decoded text that reads as a document: some Chinese, almost no control characters."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    return _plausible_chinese(sample) and controls * 100 < len(sample)


def _plausible_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return han > 0 and odd * 20 < han


@dataclass(frozen=True)
class Document:
    """A document's text as extraction sees it; ``converted`` when it is not the file's own characters
    (HTML reduced to text, PDF or Word text layer), so its text is kept beside the table for checking.
    ``sha256`` is the hash of the file's bytes: with its resolved path, the document's identity."""

    path: Path
    text: str
    converted: bool
    sha256: str = ""


def printable(text: str) -> str:
    """A file name or path as text any output and Parquet can hold: bytes that are not UTF-8 as \\xNN.

    printable(os.fsdecode(b"caf\\xe9.txt")) == "caf\\\\xe9.txt"
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def name_is_utf8(path: Path) -> bool:
    """Whether the file's name is valid UTF-8 (so a table can store a path to it)."""
    return printable(str(path)) == str(path)


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: Path) -> Document:
    """Read one file: decode text (BOM, UTF-8/16, GBK, Big5), reduce HTML, extract PDF and .docx text."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError(f"{path}: is {size // 2**20} MB, more than indcli reads in one document "
                            f"({MAX_BYTES // 2**20} MB)", hint="split it into smaller files")
        if suffix == ".pdf":
            return Document(path, _pdf_text(path), True, _sha256_of_file(path))
        if suffix == ".docx":
            return Document(path, _docx_text(path), True, _sha256_of_file(path))
        data = path.read_bytes()
    except OSError as e:
        raise DataError(f"{path}: cannot be read ({e.strerror})") from e
    text = decode(data, str(path))
    sha256 = hashlib.sha256(data).hexdigest()
    if suffix in (".htm", ".html", ".xhtml") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        from .html import html_to_text

        return Document(path, html_to_text(text), True, sha256)
    return Document(path, text, False, sha256)


# ---------------------------------------------------------------------------------------------------- finding them


def find_documents(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The documents under ``paths`` in a stable order (each file once), and a note for everything skipped.

    A file named is read whatever its suffix. Inside a folder: .txt, .md, .html, .pdf and .docx files are
    documents; hidden files and folders (.git, indcli's temporaries) are passed over; folder notes (README.md,
    SOURCES.txt), indcli's own folders (<table>.texts/, a --partitioned dataset) and files of other kinds are
    skipped, each named in a note. UsageError for a path that does not exist.
    """
    docs: list[Path] = []
    notes: list[str] = []
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            found = _folder_documents(p, notes)
        elif p.is_file():
            found = [p]
        else:
            raise UsageError(f"{printable(str(p))}: no such file or folder", hint="give files or folders of documents")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                docs.append(f)
    return docs, notes


def _folder_documents(folder: Path, notes: list[str]) -> list[Path]:
    docs: list[Path] = []
    others: list[Path] = []
    pruned: list[Path] = []
    for f in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in f.relative_to(folder).parts) or \
                any(f.is_relative_to(d) for d in pruned):
            continue
        if f.is_dir():
            why = own_folder(f)
            if why:
                pruned.append(f)
                notes.append(f"skipped {printable(str(f))}/: {why}")
        elif not f.is_file() or f.name == MANIFEST:
            continue
        elif f.suffix.lower() not in DOCUMENT_SUFFIXES:
            others.append(f)
        elif f.name.split(".")[0].upper() in FOLDER_NOTES:
            notes.append(f"skipped {printable(str(f))}: notes about the folder, not a document (name the file to "
                         "read it)")
        else:
            docs.append(f)
    if others:
        shown = ", ".join(printable(o.name) for o in others[:3]) + (" …" if len(others) > 3 else "")
        notes.append(f"skipped {len(others)} file(s) in {printable(str(folder))} that are not documents by their "
                     f"suffix ({shown}); name a file to read it anyway")
    return docs


def own_folder(folder: Path) -> str:
    """Why ``folder`` is indcli's own output and not documents ('' when it is not): a table's kept texts or a
    partitioned dataset. Reading them back would count every converted document twice."""
    from .store import DATASET_MARKER, TEXTS_MARKER

    if (folder / TEXTS_MARKER).exists() or (folder.name.endswith(".texts")
                                            and folder.with_name(folder.name[:-6] + ".parquet").is_file()):
        return "indcli's kept texts of a table"
    if (folder / DATASET_MARKER).exists():
        return "a partitioned dataset indcli wrote"
    return ""


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as e:
        raise DataError(f"{path}: reading PDF needs the optional extra", hint='pip install "indcli[docs]"') from e
    try:
        reader = PdfReader(str(path))
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except Exception as e:  # pypdf raises many kinds of error on damaged files
        raise DataError(f"{path}: is not a readable PDF ({type(e).__name__}: {e})") from e


def _docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError as e:
        raise DataError(f"{path}: reading .docx needs the optional extra", hint='pip install "indcli[docs]"') from e
    try:
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    except Exception as e:
        raise DataError(f"{path}: is not a readable Word document ({type(e).__name__}: {e})") from e


def load_manifest(folder: Path) -> dict[str, dict]:
    """The folder's manifest.toml (one table per file name), or {} when there is none."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: is not valid TOML ({e})", hint="fix the manifest or remove it") from e


_FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])")  # 02.11.2021
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RFC822 = re.compile(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
                     r"Nov|Dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b", re.I)  # Tue, 02 Nov 2021 03:15:00 GMT
_MONTH_DAY = re.compile(r"(?<![\d—\-至~])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*[—\-至~]\s*\d)")


def _datelines(head: str) -> list[tuple[int, date, str]]:
    """(position, date, as written) of every date written out in full in ``head``: 2021-11-22, 2021年11月22日,
    2021/11/22, 22.11.2021 or Mon, 22 Nov 2021."""
    found: list[tuple[int, date, str]] = []
    for pattern, order in ((_FULL_DATE, (0, 1, 2)), (_DAY_FIRST, (2, 1, 0))):
        for m in pattern.finditer(head):
            y, mo, d = (int(m.group(i + 1)) for i in order)
            with contextlib.suppress(ValueError):
                found.append((m.start(), date(y, mo, d), m.group(0)))
    for m in _RFC822.finditer(head):
        with contextlib.suppress(ValueError):
            found.append((m.start(), date(int(m.group(3)), _MONTHS.index(m.group(2).lower()[:3]) + 1, int(m.group(1))),
                          m.group(0)))
    return sorted(found)


def infer_date(text: str, today: date | None = None) -> tuple[date, str] | None:
    """The document's date from its text: a dateline (2021-11-22 09:37, Tue, 02 Nov 2021), else the year it
    reports on. A text that reports a whole year Y (Y年，…) was written in Y+1. With no year at all: None.
    """
    today = today or date.today()
    for _pos, found, written in _datelines(text[:1500]):
        if found <= today:
            return found, f"dateline {written!r} in the text"
    years = [int(m.group(1)) for m in _YEAR.finditer(text)
             if not HORIZON_BEFORE.search(text[max(0, m.start() - 6) : m.start()]) and int(m.group(1)) <= today.year]
    if not years:
        return None
    y = max(years)
    basis = f"latest year stated ({y})"
    if reports_whole_year(text, y):
        y += 1
        basis = f"reports the whole of {y - 1}"
    mo, d = 1, 1
    md = _MONTH_DAY.search(text[:600])
    if md and 1 <= int(md.group(1)) <= 12:
        mo, d = int(md.group(1)), int(md.group(2))
        basis += f"; month and day from {md.group(0)!r}"
    try:
        return date(y, mo, d), basis
    except ValueError:
        return date(y, mo, 1), basis


def document_meta(path: Path, text: str, override: date | None = None, manifest: dict | None = None) -> DocMeta:
    """Metadata of a document: the manifest's entry, else ``override`` (--date), else inferred from its text."""
    manifest = load_manifest(path.parent) if manifest is None else manifest
    entry = manifest.get(path.name, {})
    when = entry.get("date")
    if isinstance(when, str):
        when = date.fromisoformat(when)
    basis = entry.get("date_basis", "manifest")
    if when is None and override is not None:
        when, basis = override, "--date"
    if when is None:
        inferred = infer_date(text)
        when, basis = inferred if inferred else (None, "unknown: no dateline and no year in the text")
    return DocMeta(path.name, when, basis, entry.get("title", ""), entry.get("publisher", ""), entry.get("url", ""),
                   entry.get("province", ""))
