"""Issue 8, "Nothing lost": real faults and awkward inputs, each with its exact outcome. The README's "Bad input"
table lists the same cases. Every input here is written for the test, in our own words."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from indcli.errors import DataError, UsageError
from indcli.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "2023年，江西省规上工业增加值增长7.7%。\n"
OTHER = "2023年，湖南省工业投资增长9.1%。\n"
PAGE = "<html><body><p>江西省工业简报</p><p>2023年，江西省规上工业增加值增长7.7%。</p></body></html>"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def cli(*args: str, cwd: Path | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indcli.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, **kw)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (hidden ones too)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


# ---------------------------------------------------------------------------------------------------- data loss


def test_partitioned_refuses_a_folder_holding_the_users_files(tmp_path):
    doc = write(tmp_path / "a.txt", GOOD)
    mine = write(tmp_path / "pp" / "notes.txt", "my own notes")
    proc = cli("ingest", str(doc), "--out", str(tmp_path / "t.parquet"), "--partitioned", str(tmp_path / "pp"))
    assert proc.returncode == 2 and "holds files indcli did not write (notes.txt)" in proc.stderr
    assert mine.read_text(encoding="utf-8") == "my own notes" and not (tmp_path / "t.parquet").exists()


def test_partitioned_never_holds_the_table_it_has_just_written(tmp_path):
    doc = write(tmp_path / "a.txt", GOOD)
    table = tmp_path / "pp" / "t.parquet"
    assert cli("ingest", str(doc), "--out", str(table)).returncode == 0
    before = table.read_bytes()
    proc = cli("ingest", str(doc), "--out", str(table), "--partitioned", str(tmp_path / "pp"))
    assert proc.returncode == 2 and "would hold the table" in proc.stderr
    assert table.read_bytes() == before


def test_partitioned_replaces_only_a_dataset_indcli_wrote(tmp_path):
    doc = write(tmp_path / "a.txt", GOOD)
    out, ds = tmp_path / "t.parquet", tmp_path / "ds"
    ingest([doc], out, partitioned=ds)
    assert (ds / ".indcli-dataset").is_file() and list(ds.rglob("*.parquet"))
    write(doc, GOOD.replace("7.7", "8.8"))
    ingest([doc], out, partitioned=ds)  # its own dataset: replaced
    assert pq.read_table(ds).column("value").to_pylist() == [8.8]
    write(ds / "added-by-hand.csv", "x")
    with pytest.raises(UsageError, match="did not write"):
        ingest([doc], out, partitioned=ds)
    assert (ds / "added-by-hand.csv").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    ingest([doc], out, partitioned=empty)  # an empty folder is fine
    assert (empty / ".indcli-dataset").is_file()


def hold_lock(path: Path) -> subprocess.Popen:
    """A second process holding the flock on ``path`` until its stdin closes (as a running ingest does)."""
    code = ("import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_run_refused_by_the_lock_leaves_the_lock_in_place(tmp_path):
    """First run holds the lock; the second fails and must not delete the lock, so the third fails too."""
    doc = write(tmp_path / "a.txt", GOOD)
    out = tmp_path / "t.parquet"
    lock = tmp_path / "t.parquet.lock"
    first = hold_lock(lock)
    try:
        inode = lock.stat().st_ino
        for _ in ("second", "third"):
            proc = cli("ingest", str(doc), "--out", str(out), "--append")
            assert proc.returncode == 1 and "another ingest is writing it" in proc.stderr
            assert lock.stat().st_ino == inode and not out.exists()
    finally:
        first.communicate("")
    assert cli("ingest", str(doc), "--out", str(out), "--append").returncode == 0
    assert lock.exists() and lock.stat().st_ino == inode  # never deleted, so every run locks the same file


def test_append_tells_documents_apart_by_path_not_name(tmp_path):
    a = write(tmp_path / "a" / "report.txt", GOOD)
    b = write(tmp_path / "b" / "report.txt", OTHER)
    out = tmp_path / "t.parquet"
    assert cli("ingest", str(a), "--out", str(out)).returncode == 0
    assert cli("ingest", str(b), "--out", str(out), "--append").returncode == 0
    got = sorted((r["source"], r["source_path"], r["value"]) for r in rows(out))
    assert got == [("b/report.txt", "b/report.txt", 9.1), ("report.txt", "a/report.txt", 7.7)]
    assert len({r["fact_id"] for r in rows(out)}) == 2
    proc = cli("ingest", str(a), "--out", str(out), "--append")  # a again: only a's row is replaced
    assert proc.returncode == 0 and f"replaced 1 row(s) of {a}\n" in proc.stderr
    assert sorted(r["value"] for r in rows(out)) == [7.7, 9.1]


def test_a_symlink_keeps_its_name_but_is_the_same_document_as_its_target(tmp_path):
    real = write(tmp_path / "store" / "0001.txt", GOOD)
    link = tmp_path / "hubei-2024.txt"
    link.symlink_to(real)
    out = tmp_path / "t.parquet"
    ingest([link], out)
    assert [(r["source"], r["source_path"]) for r in rows(out)] == [("hubei-2024.txt", "store/0001.txt")]
    report = ingest([real], out, append=True)
    [row] = rows(out)
    assert row["source"] == "0001.txt" and row["source_path"] == "store/0001.txt" and sum(report.replaced.values()) == 1


def test_append_follows_a_document_that_moved(tmp_path):
    a = write(tmp_path / "old" / "report.txt", GOOD)
    out = tmp_path / "t.parquet"
    ingest([a], out)
    moved = tmp_path / "new" / "report.txt"
    moved.parent.mkdir()
    a.rename(moved)
    report = ingest([moved], out, append=True)
    assert report.replaced == {f"{tmp_path}/old/report.txt (moved to {tmp_path}/new/report.txt)": 1}
    assert [(r["source_path"], r["value"]) for r in rows(out)] == [("new/report.txt", 7.7)]


@pytest.mark.parametrize("append", [True, False])
def test_a_parquet_file_another_program_wrote_is_never_rewritten(tmp_path, append):
    out = tmp_path / "theirs.parquet"
    pq.write_table(pa.table({"source": ["x.txt"], "score": [0.5], "reviewer": ["someone"]}), out)
    before = out.read_bytes()
    doc = write(tmp_path / "a.txt", GOOD)
    proc = cli("ingest", str(doc), "--out", str(out), *(["--append"] if append else []))
    assert proc.returncode == 1 and "is not an indcli table" in proc.stderr and "score" in proc.stderr
    assert out.read_bytes() == before


def test_a_failed_strict_run_keeps_the_kept_texts(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "page.html", PAGE)
    out = tmp_path / "t.parquet"
    ingest([docs], out)
    assert cli("check", "--data", str(out)).returncode == 0
    before = snapshot(tmp_path / "t.texts")
    write(docs / "page.html", PAGE.replace("7.7", "6.6"))
    write(docs / "empty.txt", "")
    with pytest.raises(DataError, match="--strict"):
        ingest([docs], out, strict=True)
    assert snapshot(tmp_path / "t.texts") == before and temporaries(tmp_path) == []
    assert cli("check", "--data", str(out)).returncode == 0


def test_re_ingesting_the_folder_that_holds_the_table_skips_its_kept_texts(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "page.html", PAGE)
    out = docs / "t.parquet"
    first = ingest([docs], out)
    again = ingest([docs], out)
    assert first.documents == again.documents == 1 and len(rows(out)) == 1
    assert any("t.texts/: indcli's kept texts" in n for n in again.notes)


def test_kept_texts_no_row_refers_to_are_removed(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "page.html", PAGE)
    out = tmp_path / "t.parquet"
    ingest([docs], out)
    write(docs / "page.html", PAGE.replace("7.7", "6.6"))
    ingest([docs], out)
    kept = sorted(p.name for p in (tmp_path / "t.texts").iterdir())
    assert len(kept) == 2 and kept[0] == ".indcli-texts"  # the marker and the one text the table points into
    assert cli("check", "--data", str(out)).returncode == 0


# ---------------------------------------------------------------------------------------------------- silent skips


FURNITURE_LINES = [
    "2023年，江西省规上工业增加值增长7.7%，详见http://www.example.gov.cn/news/1.html。\n",
    "来源：江西省工信厅 2023年，江西省规上工业增加值增长7.7%。\n",
    "2023年，江西省规上工业增加值增长7.7%。咨询电话：0791-12345678\n",
    "2023年，江西省规上工业增加值增长7.7%。（责任编辑：某某）\n",
]


@pytest.mark.parametrize("line", FURNITURE_LINES, ids=["url", "source", "phone", "editor"])
def test_a_figure_beside_page_furniture_is_kept(line):
    from datetime import date

    from indcli.extract import extract_document

    assert [f.value for f in extract_document(line, source="x.txt", doc_date=date(2024, 1, 1))] == [7.7]


def test_a_document_without_line_breaks_keeps_its_figures():
    from datetime import date

    from indcli.extract import extract_document

    one_line = ("江西省工业简报 发布时间：2024-01-05 来源：省工信厅 " + GOOD.strip() + OTHER.strip()
                + "（责任编辑：某某）")
    facts = extract_document(one_line, source="x.txt", doc_date=date(2024, 1, 5))
    assert sorted(f.value for f in facts) == [7.7, 9.1]


def test_a_document_without_any_figure_gets_a_warning(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "good.txt", GOOD)
    write(docs / "prose.txt", "江西省召开工业工作会议，部署下一阶段重点任务。\n")
    report = ingest([docs], tmp_path / "t.parquet")
    assert report.documents == 2 and len(rows(tmp_path / "t.parquet")) == 1
    assert report.warnings == [f"{docs / 'prose.txt'}: no indicator figure found (24 characters on 1 line(s)), so "
                               "nothing of it is in the table"]


def test_a_run_that_finds_no_figure_exits_1_and_keeps_the_table(tmp_path):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "good.txt", GOOD)], out)
    before = out.read_bytes()
    prose = write(tmp_path / "prose.txt", "江西省召开工业工作会议。\n")
    proc = cli("ingest", str(prose), "--out", str(out))
    assert proc.returncode == 1 and "prose.txt: no indicator figure found" in proc.stderr
    assert "no indicator figure found in 1 document(s)" in proc.stderr and out.read_bytes() == before


def test_upper_case_names_are_documents_and_folder_notes_are_named(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "HUBEI_2024.txt", GOOD)
    write(docs / "README.md", "这个文件夹里是2023年的材料，共1份。\n")
    write(docs / "photo.png", "not an image either")
    report = ingest([docs], tmp_path / "t.parquet")
    assert report.documents == 1 and [r["source"] for r in rows(tmp_path / "t.parquet")] == ["HUBEI_2024.txt"]
    assert any("README.md: notes about the folder" in n for n in report.notes)
    assert any("1 file(s)" in n and "photo.png" in n for n in report.notes)


@linux_only
def test_a_file_name_that_is_not_utf8_is_ingested_and_checkable(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(GOOD.encode("utf-8"))
    out = tmp_path / "t.parquet"
    proc = cli("ingest", str(folder), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    [row] = rows(out)
    assert row["source"] == "caf\\xe9.txt" and row["text_path"].startswith("t.texts/")
    assert cli("check", "--data", str(out)).returncode == 0


def test_a_run_where_every_named_file_was_skipped_exits_1_and_keeps_the_table(tmp_path):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "good.txt", GOOD)], out)
    before, mtime = out.read_bytes(), out.stat().st_mtime_ns
    program = tmp_path / "a-program"
    program.write_bytes(bytes(range(256)) * 64)
    proc = cli("ingest", str(program), "--out", str(out), "--append")
    assert proc.returncode == 1 and "is binary" in proc.stderr and "nothing ingested" in proc.stderr
    assert out.read_bytes() == before and out.stat().st_mtime_ns == mtime


def big_corpus(tmp_path: Path, copies: int = 60) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(copies):
        for s in sorted((ROOT / "seeds").glob("*.txt")):
            (corpus / f"c{i:03d}_{s.name}").write_bytes(s.read_bytes())
    return corpus


def start_ingest(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    """An ingest in its own process group (as a shell runs it), once it has started writing its temporaries."""
    proc = subprocess.Popen([sys.executable, "-m", "indcli.cli", "ingest", str(corpus), "--out", str(out),
                             "--date", "2024-01-01", *extra], stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.indcli-")]:
        assert proc.poll() is None and time.monotonic() < deadline, "the ingest never started"
        time.sleep(0.05)
    return proc


@pytest.mark.parametrize("how,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupted_ingest_exits_with_the_signal_and_leaves_nothing_behind(tmp_path, how, code):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "good.txt", GOOD)], out)
    before = out.read_bytes()
    proc = start_ingest(big_corpus(tmp_path), out, "--workers", "2")
    sig = getattr(signal, how)
    if how == "SIGINT":
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground group, workers included
    else:
        proc.send_signal(sig)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == code and f"interrupted ({how})" in err and "Traceback" not in err
    assert out.read_bytes() == before and temporaries(tmp_path) == []


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@linux_only
def test_workers_die_with_a_killed_parent_and_the_next_run_removes_its_temporaries(tmp_path):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "good.txt", GOOD)], out)
    before = out.read_bytes()
    proc = start_ingest(big_corpus(tmp_path), out, "--workers", "2")
    deadline = time.monotonic() + 60
    while len(workers := children(proc.pid)) < 2:
        assert time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "workers outlived their parent"
    assert out.read_bytes() == before and temporaries(tmp_path)  # a killed run cannot clean up …
    ingest([tmp_path / "good.txt"], out)
    assert temporaries(tmp_path) == []  # … so the next run does, under the lock


def test_out_into_a_folder_that_does_not_exist(tmp_path):
    doc = write(tmp_path / "a.txt", GOOD)
    out = tmp_path / "new" / "sub" / "t.parquet"
    proc = cli("ingest", str(doc), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert rows(out)[0]["value"] == 7.7 and (out.parent / "t.parquet.lock").exists()


def test_the_readmes_append_example_works_in_an_empty_folder(tmp_path):
    empty = tmp_path / "empty"
    write(empty / "new-report.txt", GOOD)
    table = empty / "data" / "indicators.parquet"
    proc = cli("ingest", "new-report.txt", "--date", "2024-12-15", "--append", cwd=empty,
               env={"INDCLI_DATA": str(table)})
    assert proc.returncode == 0, proc.stderr
    assert [r["value"] for r in rows(table)] == [7.7]


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_umasks_mode(tmp_path, umask, mode):
    write(tmp_path / "docs" / "page.html", PAGE)
    out = tmp_path / "t.parquet"
    proc = cli("ingest", str(tmp_path / "docs"), "--out", str(out), "--partitioned", str(tmp_path / "ds"),
               umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_mode & 0o777 == mode
    [kept] = (tmp_path / "t.texts").glob("*.txt")
    assert kept.stat().st_mode & 0o777 == mode
    assert (tmp_path / "ds").stat().st_mode & 0o777 == mode | (0o111 & ~umask)


def null_table(tmp_path: Path) -> Path:
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "a.txt", GOOD), write(tmp_path / "b.txt", "2023年，江西省工业投资增长9.1%。\n")], out)
    table = pq.read_table(out).to_pylist()
    for r in table:
        if r["value"] == 7.7:
            r.update(metric=None, value=None, period_end=None)
    pq.write_table(pa.Table.from_pylist(table, schema=pq.read_schema(out)), out)
    return out


def test_nulls_in_required_columns_do_not_crash_compare_or_check(tmp_path):
    out = null_table(tmp_path)
    proc = cli("compare", "--metric", "工业投资", "--data", str(out), "--format", "csv")
    assert proc.returncode == 0 and "9.1" in proc.stdout, proc.stderr
    proc = cli("compare", "--metric", "规上工业增加值", "--data", str(out), "-p", "jiangxi")
    assert proc.returncode == 0 and "TypeError" not in proc.stderr
    proc = cli("check", "--data", str(out))
    assert proc.returncode == 1 and "required column(s) empty: metric, value, period_end" in proc.stdout
    assert "1 of 2 rows fail verification (1 incomplete" in proc.stderr and "TypeError" not in proc.stderr


def test_check_refuses_a_table_without_a_required_column(tmp_path):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "a.txt", GOOD)], out)
    pq.write_table(pq.read_table(out).drop(["metric"]), out)
    proc = cli("check", "--data", str(out))
    assert proc.returncode == 1 and "missing columns: metric" in proc.stderr and "verified" not in proc.stderr


def test_check_says_when_the_table_was_moved_away_from_its_sources(tmp_path):
    out = tmp_path / "t.parquet"
    ingest([write(tmp_path / "docs" / "a.txt", GOOD)], out)
    moved = tmp_path / "elsewhere" / "t.parquet"
    moved.parent.mkdir()
    out.rename(moved)
    proc = cli("check", "--data", str(moved))
    assert proc.returncode == 1 and "source not found at" in proc.stdout
    assert "their sources are not where the table says" in proc.stderr and "changed" not in proc.stderr


def test_sql_caps_a_huge_result_in_table_formats_with_a_note(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "tiny.parquet"
    proc = cli("sql", "SELECT * FROM range(20000000)", "--data", str(fixture), "--format", "markdown")
    assert proc.returncode == 0
    assert sum(line.startswith("| ") for line in proc.stdout.splitlines()) == 1 + 10_000  # header + rows
    assert "showed the first 10,000 rows; --limit 0 shows them all" in proc.stderr
    proc = cli("sql", "SELECT * FROM range(100)", "--data", str(fixture), "--format", "csv", "--limit", "5")
    assert proc.stdout.splitlines() == ["range", "0", "1", "2", "3", "4"] and "first 5 rows" in proc.stderr


def test_sql_streams_csv_so_a_reader_can_stop_early(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "tiny.parquet"
    proc = subprocess.Popen([sys.executable, "-m", "indcli.cli", "sql", "SELECT * FROM range(20000000)", "--data",
                             str(fixture), "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert [proc.stdout.readline() for _ in range(3)] == ["range\n", "0\n", "1\n"]  # before 20M rows exist
    proc.stdout.close()  # as `| head -3` does
    assert proc.wait(timeout=60) == 0 and proc.stderr.read() == ""


@pytest.mark.parametrize("value,message", [("2999-10-14", "is in the future"), ("1066-10-14", "before 1900")])
def test_an_impossible_date_is_a_usage_error(tmp_path, value, message):
    doc = write(tmp_path / "a.txt", GOOD)
    proc = cli("ingest", str(doc), "--out", str(tmp_path / "t.parquet"), "--date", value)
    assert proc.returncode == 2 and message in proc.stderr and not (tmp_path / "t.parquet").exists()


# ---------------------------------------------------------------------------------------------------- the write path


def test_a_run_leaves_only_the_table_its_texts_dataset_and_locks(tmp_path):
    write(tmp_path / "docs" / "page.html", PAGE)
    ingest([tmp_path / "docs"], tmp_path / "t.parquet", partitioned=tmp_path / "ds")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "ds", "ds.lock", "t.parquet", "t.parquet.lock",
                                                           "t.texts"]


def test_a_failure_at_the_last_step_leaves_table_texts_and_dataset_as_they_were(tmp_path, monkeypatch):
    write(tmp_path / "docs" / "page.html", PAGE)
    out, ds = tmp_path / "t.parquet", tmp_path / "ds"
    ingest([tmp_path / "docs"], out, partitioned=ds)
    before = snapshot(tmp_path)
    write(tmp_path / "docs" / "page.html", PAGE.replace("7.7", "6.6"))
    before["docs/page.html"] = (tmp_path / "docs" / "page.html").read_bytes()

    def fail(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("indcli.store.os.replace", fail)
    with pytest.raises(OSError):
        ingest([tmp_path / "docs"], out, partitioned=ds)
    assert snapshot(tmp_path) == before


def test_library_stale_cleanup_only_touches_indcli_temporaries(tmp_path):
    from indcli.store import remove_stale_temporaries

    target = tmp_path / "t.parquet"
    for name in [".t.parquet.indcli-abc.tmp", ".t.parquet.k2j4h5g6.tmp", ".t.parquet.backup", "t.parquet.tmp",
                 ".other.parquet.indcli-x.tmp"]:
        write(tmp_path / name, "x")
    (tmp_path / ".t.parquet.indcli-d.texts.tmp").mkdir()
    remove_stale_temporaries(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.parquet.indcli-x.tmp", ".t.parquet.backup",
                                                          "t.parquet.tmp"]


def test_the_lock_is_flocked_not_merely_present(tmp_path):
    """A lock file left by any earlier run is not a lock: only a live holder's flock is."""
    doc = write(tmp_path / "a.txt", GOOD)
    (tmp_path / "t.parquet.lock").write_text("")
    fd = os.open(tmp_path / "t.parquet.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody holds it
    finally:
        os.close(fd)
    assert cli("ingest", str(doc), "--out", str(tmp_path / "t.parquet")).returncode == 0
