"""Where the facts table lives, and writing it safely: a temporary file renamed into place, under a lock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import DataError

ENV_DATA = "INDCLI_DATA"
DEFAULT_RELATIVE = Path("data") / "indicators.parquet"


def project_root() -> Path | None:
    """The source checkout this package runs from (an editable install), if any."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "pyproject.toml").is_file() else None


def display_path(path: Path | str) -> str:
    """A path as a user reads it: relative to the current folder when it lies inside it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def default_data_path() -> Path:
    """$INDCLI_DATA, else ./data/indicators.parquet, else the checkout's data/indicators.parquet."""
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    local = Path.cwd() / DEFAULT_RELATIVE
    if local.exists():
        return local
    root = project_root()
    if root is not None and (root / DEFAULT_RELATIVE).exists():
        return root / DEFAULT_RELATIVE
    return local


def default_seeds_dir() -> Path:
    """./seeds when it exists, else the checkout's seeds/."""
    local = Path.cwd() / "seeds"
    if local.is_dir():
        return local
    root = project_root()
    if root is not None and (root / "seeds").is_dir():
        return root / "seeds"
    return local


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
