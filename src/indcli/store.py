"""Where the facts table lives (which one a command reads or writes, and why), and the one way indcli writes
anything (README: "How a table is written").

Everything an ingest writes — the table, the kept texts of converted documents, a partitioned dataset — is
staged under a temporary name beside its final place and moved there only after the whole run has succeeded,
under a lock file that is never deleted. A failed, interrupted or concurrent run leaves every earlier file as
it was; the temporaries of a run that was killed are removed by the next run, under the lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .errors import DataError, UsageError

ENV_DATA = "INDCLI_DATA"
TABLE_NAME = "indicators.parquet"
DEFAULT_RELATIVE = Path("data") / TABLE_NAME  # a project's table, relative to the project folder
PACKAGED = Path(__file__).resolve().parent / "_default"  # seeds and the table built from them, shipped in the package


class Choice(NamedTuple):
    """A table (or seeds folder) and why it was chosen: ``origin`` is --data, INDCLI_DATA, project, user or
    packaged, in the order they are tried."""

    path: Path
    origin: str


def packaged_table() -> Path:
    """The table built from the seed documents, shipped in the package: the default of last resort."""
    return PACKAGED / DEFAULT_RELATIVE


def packaged_seeds() -> Path:
    """The seed documents (and their manifest) shipped in the package."""
    return PACKAGED / "seeds"


def user_table() -> Path:
    """The user's own table, for documents ingested outside a project: ~/.local/share/indcli/indicators.parquet
    on Linux, the platform's user data folder elsewhere (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("indcli", appauthor=False) / TABLE_NAME


def project_table(cwd: Path | None = None) -> Path | None:
    """./data/indicators.parquet when the current folder is a project holding one, else None."""
    path = (cwd or Path.cwd()) / DEFAULT_RELATIVE
    return path if path.exists() else None


def data_choices(option: str | Path | None = None) -> list[Choice]:
    """Every table indcli would consider, in resolution order: --data, $INDCLI_DATA, ./data/indicators.parquet,
    the user's table, the packaged one. Only the ones that apply are listed (the first is the one used)."""
    out: list[Choice] = []
    if option:
        out.append(Choice(Path(option), "--data"))
    if os.environ.get(ENV_DATA):
        out.append(Choice(Path(os.environ[ENV_DATA]), ENV_DATA))
    local = project_table()
    if local is not None:
        out.append(Choice(local, "project"))
    user = user_table()
    if user.exists():
        out.append(Choice(user, "user"))
    out.append(Choice(packaged_table(), "packaged"))
    return out


def resolve_data(option: str | Path | None = None) -> Choice:
    """The table a query reads: --data > $INDCLI_DATA > ./data/indicators.parquet > the user's table > the
    packaged default. E.g. ``resolve_data().origin == "packaged"`` on a fresh install outside a project."""
    if option:
        return Choice(Path(option), "--data")
    if os.environ.get(ENV_DATA):
        return Choice(Path(os.environ[ENV_DATA]), ENV_DATA)
    local = project_table()
    if local is not None:
        return Choice(local, "project")
    user = user_table()
    return Choice(user, "user") if user.exists() else Choice(packaged_table(), "packaged")


def default_data_path() -> Path:
    """The path of the table a query reads by default (see :func:`resolve_data`)."""
    return resolve_data().path


def is_project(cwd: Path | None = None) -> bool:
    """A folder is a project when it holds a seeds/ folder or a data/indicators.parquet."""
    here = cwd or Path.cwd()
    return (here / "seeds").is_dir() or (here / DEFAULT_RELATIVE).exists()


def ingest_target() -> Choice:
    """Where `indcli ingest` writes without --out: $INDCLI_DATA, else the project's data/indicators.parquet,
    else the user's table (never the packaged one)."""
    if os.environ.get(ENV_DATA):
        return Choice(Path(os.environ[ENV_DATA]), ENV_DATA)
    if is_project():
        return Choice(Path.cwd() / DEFAULT_RELATIVE, "project")
    return Choice(user_table(), "user")


def default_seeds_dir() -> Path:
    """./seeds when the current folder has one, else the seed documents shipped in the package."""
    local = Path.cwd() / "seeds"
    return local if local.is_dir() else packaged_seeds()


def display_path(path: Path | str) -> str:
    """A path as a user reads it: relative to the current folder when it lies inside it, ~ for the home folder."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        pass
    try:
        return "~/" + str(p.resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(p)


# ---------------------------------------------------------------------------------------------------- files

TEXTS_MARKER = ".indcli-texts"  # inside <table>.texts/: the folder is indcli's, its unreferenced files are pruned
DATASET_MARKER = ".indcli-dataset"  # inside a --partitioned folder indcli wrote: it may be replaced
_HELD_LOCKS: set[int] = set()  # descriptors of the locks this process holds (closed in forked workers)


def texts_dir(out: Path) -> Path:
    """Where the text of converted documents (HTML, PDF, Word) is kept beside a table: t.parquet → t.texts/."""
    return out.with_name(out.stem + ".texts")


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents, or DataError naming it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataError(f"{folder}: cannot create the folder ({e.strerror})", hint="choose another --out") from e


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(folder: bool = False) -> int:
    """The mode ``open()`` (or ``mkdir()``) gives a new file (folder) under the umask, e.g. 0o644 (0o755) under
    umask 022; mkstemp and mkdtemp give 0o600 and 0o700 whatever the umask."""
    return (0o777 if folder else 0o666) & ~current_umask()


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's data and entry to disk (best effort where the file system refuses)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) * path.is_dir())
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.indcli-"


def _is_temporary_of(name: str, target: Path) -> bool:
    """A temporary indcli gives a name beside ``target`` (.t.parquet.indcli-….tmp; older: .t.parquet.XXXXXXXX.tmp)."""
    return re.fullmatch(rf"\.{re.escape(target.name)}\.(?:indcli-.*|\w{{8}})\.tmp", name) is not None


def remove_path(path: Path) -> None:
    """Remove a file or a whole folder; a path already gone is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporaries a killed run left beside ``target``. Call it only under ``target``'s lock: no live
    run is writing them then."""
    stale = [p for p in target.parent.iterdir() if _is_temporary_of(p.name, target)]
    for p in stale:
        remove_path(p)
    return stale


@contextlib.contextmanager
def write_lock(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``target``: ``<target>.lock``, made once beside it (its folder made first) and
    never deleted, so every run locks the same file. Under it, a killed run's temporaries are removed first."""
    make_folder(target.parent)
    lock_path = target.with_name(target.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as e:
        raise DataError(f"{lock_path}: cannot create the lock file ({e.strerror})", hint="choose another --out") from e
    try:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise DataError(f"{target}: another ingest is writing it", hint="wait for it to finish, then retry") from e
        _HELD_LOCKS.add(fd)
        remove_stale_temporaries(target)
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)  # releases the lock; the file stays, so a waiting run and a new one lock the same inode


def close_inherited_locks() -> None:
    """In a forked worker: close the parent's lock descriptors, so a worker can never keep a table locked."""
    for fd in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP while files are swapped into place, so a signal cannot stop the swap
    half-way; a signal that came meanwhile is acted on afterwards."""
    import signal
    import threading

    held = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# ---------------------------------------------------------------------------------------------------- tables


def table_columns(path: Path) -> list[str]:
    """The column names of a Parquet file, read from its footer; DataError when it is not Parquet."""
    import pyarrow.parquet as pq

    try:
        return list(pq.read_schema(path).names)
    except (OSError, ValueError) as e:
        raise DataError(f"{path}: exists and is not a Parquet file; indcli will not overwrite it ({e})",
                        hint="move it away, or choose another --out") from e


def check_replaceable(out: Path) -> None:
    """Refuse to replace or rewrite ``out`` unless it is absent or a table indcli wrote: a Parquet file another
    program wrote (other columns) is never overwritten, with or without --append."""
    from .contract import COLUMN_NAMES, COLUMNS

    if out.is_dir():
        raise UsageError(f"--out {out}: is a folder", hint=f"give a file name, e.g. {out / 'indicators.parquet'}")
    if not out.exists():
        return
    columns = table_columns(out)
    foreign = [c for c in columns if c not in COLUMN_NAMES]
    missing = [c.name for c in COLUMNS if c.required and c.name not in columns]
    if foreign or missing:
        what = f"columns indcli does not write: {', '.join(foreign[:5])}" if foreign else \
            f"missing columns: {', '.join(missing[:5])}"
        raise DataError(f"{out}: is not an indcli table ({what}); indcli will not overwrite it",
                        hint="choose another --out, or move the file away")


def read_rows(path: Path) -> list[dict]:
    """All rows of a facts table, or DataError naming the file when it cannot be read."""
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except (OSError, ValueError) as e:  # ArrowInvalid is a ValueError
        raise DataError(f"{path}: is not a readable indcli table ({e})",
                        hint="re-create it with indcli ingest, or point --data at another file") from e


def stage_parquet(rows: Iterable[dict], target: Path, row_group_size: int = 50_000) -> tuple[Path, int]:
    """Write rows to a temporary file beside ``target`` (fsynced, with the mode a new file gets under the
    umask); returns it and the row count. The caller renames it over ``target`` or removes it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .contract import SCHEMA

    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp, count = Path(name), 0
    try:
        with pq.ParquetWriter(tmp, SCHEMA, compression="zstd") as writer:
            batch: list[dict] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= row_group_size:
                    writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                    count, batch = count + len(batch), []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                count += len(batch)
        os.chmod(tmp, new_file_mode())
        fsync_path(tmp)
    except BaseException:
        remove_path(tmp)
        raise
    return tmp, count


def write_parquet(rows: Iterable[dict], target: Path, row_group_size: int = 50_000) -> int:
    """Write rows to ``target`` atomically: staged (see :func:`stage_parquet`), renamed over it, folder fsynced."""
    target = Path(target)
    make_folder(target.parent)
    tmp, count = stage_parquet(rows, target, row_group_size)
    try:
        os.replace(tmp, target)
    except BaseException:
        remove_path(tmp)
        raise
    fsync_path(target.parent)
    return count


# ---------------------------------------------------------------------------------------------------- kept texts


def _safe_name(name: str) -> str:
    """A file name that any file system and Parquet string holds: undecodable bytes as \\xNN, at most ~120 bytes."""
    from .documents import printable

    safe = printable(name).replace("/", "_")
    return safe.encode("utf-8")[:120].decode("utf-8", "ignore")


@dataclass(frozen=True)
class TextKeeper:
    """Where a worker stages the UTF-8 text of a converted document (or one whose name is not UTF-8), and the
    folder name it will have beside the table. Files are named by content (page.html.1f2e3d4c5b6a7988.txt), so
    moving them in never changes an earlier file: the same name always holds the same text."""

    stage: Path
    folder: str  # e.g. "t.texts"

    def keep(self, name: str, text: str) -> str:
        """Stage ``text``; return its path relative to the table's folder (t.texts/page.html.<hash>.txt)."""
        data = text.encode("utf-8", "surrogatepass")
        file = f"{_safe_name(name)}.{hashlib.sha256(data).hexdigest()[:16]}.txt"
        path = self.stage / file
        with open(path, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        return f"{self.folder}/{file}"


# ---------------------------------------------------------------------------------------------------- datasets


def check_dataset_folder(folder: Path, out: Path) -> None:
    """UsageError unless ``folder`` may receive a partitioned dataset: new, empty, or one indcli wrote (its
    marker and partition folders only), and holding neither the table nor its kept texts."""
    f, o = folder.resolve(), out.resolve()
    for own, what in ((o, "the table"), (texts_dir(o), "the table's kept texts")):
        if own == f or f in own.parents:
            raise UsageError(f"--partitioned {folder}: would hold {what} ({own})",
                             hint="give the dataset a folder of its own")
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"--partitioned {folder}: is a file", hint="give a new or empty folder")
    entries = sorted(folder.iterdir())
    ours = (folder / DATASET_MARKER).is_file() and all(e.name == DATASET_MARKER or (e.is_dir() and "=" in e.name)
                                                       for e in entries)
    if entries and not ours:
        shown = ", ".join(e.name for e in entries[:3]) + (" …" if len(entries) > 3 else "")
        raise UsageError(f"--partitioned {folder}: holds files indcli did not write ({shown}); they would be "
                         "replaced", hint="give a new or empty folder, or one indcli wrote a dataset into")


def _stage_dataset(table_file: Path, folder: Path) -> Path:
    """Write the Hive-partitioned copy (province=…/year=…) of a table into a temporary folder beside ``folder``."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    stage = Path(tempfile.mkdtemp(prefix=_temp_prefix(folder), suffix=".tmp", dir=folder.parent))
    table = pq.read_table(table_file)
    table = table.append_column("year", pc.year(table.column("period_end")).cast(pa.int32()))
    ds.write_dataset(table, stage, format="parquet", partitioning=["province", "year"], partitioning_flavor="hive",
                     existing_data_behavior="overwrite_or_ignore")
    (stage / DATASET_MARKER).write_text("written by indcli ingest --partitioned; indcli may replace this folder\n",
                                        encoding="utf-8")
    os.chmod(stage, new_file_mode(folder=True))
    for path in sorted(stage.rglob("*"), reverse=True):
        fsync_path(path)
    fsync_path(stage)
    return stage


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in_folder(stage: Path, target: Path) -> None:
    """Put the folder ``stage`` at ``target`` and remove what was there: exchanged in one step where the system
    can, else moved aside and replaced (the moved-aside copy is a temporary the next run removes)."""
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        os.replace(stage, target)  # rename(2) replaces an empty folder
    elif _exchange(stage, target):
        remove_path(stage)  # now holds the old folder
    else:
        aside = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent))
        os.replace(target, aside)
        os.replace(stage, target)
        remove_path(aside)
    fsync_path(target.parent)


# ---------------------------------------------------------------------------------------------------- one write


class StagedWrite:
    """One ingest's output, staged beside its final places and swapped in by :meth:`commit`.

    Made by :func:`staged_write`, which holds the locks; leaving it without ``commit()`` removes everything
    staged, so the table, its kept texts and the dataset stay as they were.
    """

    def __init__(self, out: Path, dataset: Path | None = None) -> None:
        self.out, self.dataset = out, dataset
        stage = Path(tempfile.mkdtemp(prefix=_temp_prefix(out), suffix=".texts.tmp", dir=out.parent))
        self.texts = TextKeeper(stage, texts_dir(out).name)
        self._staged: list[Path] = [stage]
        self._table: Path | None = None
        self._referenced: set[str] = set()
        self.rows = 0

    def write_table(self, rows: Iterable[dict]) -> int:
        """Stage the table (rows streamed through, their kept texts noted for pruning); returns the row count."""

        def noted(rows: Iterable[dict]) -> Iterator[dict]:
            for r in rows:
                if r.get("text_path"):
                    self._referenced.add(r["text_path"])
                yield r

        self._table, self.rows = stage_parquet(noted(rows), self.out)
        self._staged.append(self._table)
        return self.rows

    def commit(self) -> None:
        """Swap everything in: kept texts added, then the table renamed into place (the moment the run takes
        effect), then the dataset swapped, then kept texts no row refers to any more removed."""
        assert self._table is not None, "write_table() first"
        dataset = None
        if self.dataset is not None:
            dataset = _stage_dataset(self._table, self.dataset)
            self._staged.append(dataset)
            check_dataset_folder(self.dataset, self.out)  # again: the user may have put files there meanwhile
        with signals_held():
            self._add_texts()
            os.replace(self._table, self.out)
            fsync_path(self.out.parent)
            if self.dataset is not None and dataset is not None:
                swap_in_folder(dataset, self.dataset)
            self._prune_texts()
        self._staged = [self.texts.stage]

    def _add_texts(self) -> None:
        staged = sorted(self.texts.stage.iterdir())
        if not staged:
            return
        folder = texts_dir(self.out)
        make_folder(folder)
        marker = folder / TEXTS_MARKER
        if not marker.exists():
            marker.write_text("indcli's UTF-8 copies of converted documents, for indcli check\n", encoding="utf-8")
        for path in staged:
            if (folder / path.name).exists():  # named by content: it already holds this text
                path.unlink()
            else:
                os.replace(path, folder / path.name)
        fsync_path(folder)

    def _prune_texts(self) -> None:
        folder = texts_dir(self.out)
        if not (folder / TEXTS_MARKER).is_file():
            return  # not a folder indcli made: never remove from it
        keep = {TEXTS_MARKER} | {Path(p).name for p in self._referenced if p.startswith(folder.name + "/")}
        for path in folder.iterdir():
            if path.name not in keep and path.is_file():
                path.unlink()
        if len(keep) == 1:
            (folder / TEXTS_MARKER).unlink()
            with contextlib.suppress(OSError):
                folder.rmdir()

    def discard(self) -> None:
        """Remove whatever was staged and not committed."""
        for path in self._staged:
            remove_path(path)
        self._staged = []


@contextlib.contextmanager
def staged_write(out: Path, dataset: Path | None = None) -> Iterator[StagedWrite]:
    """Lock ``out`` (and ``dataset``), check neither is someone else's file, and stage one run's output there.

    with staged_write(Path("data/t.parquet")) as w:
        w.write_table(rows)
        w.commit()
    """
    with contextlib.ExitStack() as stack:
        stack.enter_context(write_lock(out))
        check_replaceable(out)
        if dataset is not None:
            stack.enter_context(write_lock(dataset))
            check_dataset_folder(dataset, out)
        write = StagedWrite(out, dataset)
        try:
            yield write
        finally:
            write.discard()
