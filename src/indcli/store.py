"""Where the facts table lives (which one a command reads or writes, and why), and writing it safely: a temporary
file renamed into place, under a lock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import DataError

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


@contextlib.contextmanager
def write_lock(target: Path) -> Iterator[None]:
    """An exclusive lock beside ``target`` so two ingests never interleave their writes."""
    lock_path = target.with_name(target.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as e:
        raise DataError(f"{target.parent}: cannot write here ({e.strerror})", hint="choose another --out") from e
    try:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise DataError(f"{target}: another ingest is writing it", hint="wait for it to finish, then retry") from e
        yield
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock_path)


def read_rows(path: Path) -> list[dict]:
    """All rows of a facts table, or DataError naming the file when it cannot be read."""
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except (OSError, ValueError) as e:  # ArrowInvalid is a ValueError
        raise DataError(f"{path}: is not a readable indcli table ({e})",
                        hint="re-create it with indcli ingest, or point --data at another file") from e


def write_parquet(rows: Iterable[dict], target: Path, row_group_size: int = 50_000) -> int:
    """Write rows atomically: to a temporary file in the same folder, then renamed over ``target``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .contract import SCHEMA

    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataError(f"{target.parent}: cannot create the folder ({e.strerror})", hint="choose another --out") from e
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    count = 0
    try:
        with pq.ParquetWriter(tmp, SCHEMA, compression="zstd") as writer:
            batch: list[dict] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= row_group_size:
                    writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                    count += len(batch)
                    batch = []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                count += len(batch)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count


def write_partitioned(table_path: Path, folder: Path) -> None:
    """Write a Hive-partitioned copy (province=…/year=…) of a facts table that DuckDB, Spark and Trino read."""
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    table = pq.read_table(table_path)
    year = pc.year(table.column("period_end")).cast(pa.int32())
    table = table.append_column("year", year)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    ds.write_dataset(table, tmp, format="parquet", partitioning=["province", "year"], partitioning_flavor="hive",
                     existing_data_behavior="overwrite_or_ignore")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
