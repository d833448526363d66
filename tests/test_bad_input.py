"""Hostile input: each case with its exact outcome. The README's "Bad input" table lists the same cases."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from indcli.errors import DataError, UsageError
from indcli.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "2023年，江西省规上工业增加值增长7.7%。\n"  # a sentence of our own with one figure


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indcli.cli", *args], capture_output=True, text=True, cwd=cwd)


def run_ingest(tmp_path: Path, files: dict[str, bytes], **kw):
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "t.parquet"
    report = ingest([folder], out, **kw)
    return report, (pq.read_table(out).to_pylist() if out.exists() else [])


def values(rows):
    return sorted(r["value"] for r in rows)


@pytest.mark.parametrize("name,data", [
    ("bom.txt", b"\xef\xbb\xbf" + GOOD.encode("utf-8")),
    ("utf16.txt", GOOD.encode("utf-16")),  # with BOM
    ("utf16le.txt", GOOD.encode("utf-16-le")),  # without BOM
    ("gbk.txt", GOOD.encode("gbk")),
    ("gb18030.txt", GOOD.encode("gb18030")),
    ("big5.txt", "2023年，江西省規上工業增加值增長7.7%。\n".encode("big5")),
])
def test_encodings_are_detected_and_decoded(tmp_path, name, data):
    report, rows = run_ingest(tmp_path, {name: data})
    assert report.warnings == [] and values(rows) == [7.7]
    assert rows[0]["metric"] == "规模以上工业增加值"


def test_truncated_utf8_keeps_what_decodes(tmp_path):
    report, rows = run_ingest(tmp_path, {"cut.txt": (GOOD + "另有工业").encode("utf-8")[:-2]})
    assert values(rows) == [7.7]


@pytest.mark.parametrize("name,data,message", [
    ("blob.bin.txt", bytes(range(256)) * 40, "is binary"),
    ("fake.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "is a PDF"),
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b" \n\t\n  \n", "is empty"),
    ("latin1.txt", "Ingreso récord: año 2023 - ±7,7 % ÿþ".encode("latin-1") * 50, "not in a text encoding"),
])
def test_a_bad_file_is_skipped_with_a_warning_and_good_ones_still_ingested(tmp_path, name, data, message):
    report, rows = run_ingest(tmp_path, {name: data, "good.txt": GOOD.encode()})
    assert values(rows) == [7.7] and report.documents == 1
    assert len(report.warnings) == 1 and name in report.warnings[0] and message in report.warnings[0]


def test_pdf_without_the_docs_extra_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if the [docs] extra were not installed
    report, rows = run_ingest(tmp_path, {"report.pdf": b"%PDF-1.4\n", "good.txt": GOOD.encode()})
    assert values(rows) == [7.7] and 'pip install "indcli[docs]"' in report.warnings[0]


def test_a_word_document_is_read_through_its_text(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("江西省工业运行情况")
    d.add_paragraph(GOOD.strip())
    (tmp_path / "docs").mkdir()
    d.save(tmp_path / "docs" / "report.docx")
    report, rows = run_ingest(tmp_path, {})
    assert values(rows) == [7.7] and rows[0]["quote"] in (tmp_path / rows[0]["text_path"]).read_text(encoding="utf-8")
    assert cli("check", "--data", str(tmp_path / "t.parquet")).returncode == 0


def test_a_damaged_pdf_is_a_warning(tmp_path):
    pytest.importorskip("pypdf")
    report, rows = run_ingest(tmp_path, {"broken.pdf": b"%PDF-1.4\n1 0 obj<<>>\ntrailer<<>>", "good.txt": GOOD.encode()})
    assert values(rows) == [7.7]
    assert len(report.warnings) == 1 and "broken.pdf" in report.warnings[0]


def test_html_is_reduced_to_its_text_and_the_text_is_kept_for_checking(tmp_path):
    html = ("<!doctype html><html><head><title>t</title><style>p{color:red}</style>"
            "<script>var s='全省工业增加值增长9.9%';</script></head><body><div>导航 | 首页</div>"
            f"<p>{GOOD.strip()}</p></body></html>").encode()
    report, rows = run_ingest(tmp_path, {"page.html": html})
    assert values(rows) == [7.7]  # nothing from the script
    kept = tmp_path / rows[0]["text_path"]
    assert kept.parent.name == "t.texts" and rows[0]["quote"] in kept.read_text(encoding="utf-8")
    proc = cli("check", "--data", str(tmp_path / "t.parquet"))
    assert proc.returncode == 0, proc.stderr


def test_a_50_mb_file_is_read_in_bounded_time(tmp_path):
    big = (GOOD + " " * 50_000_000 + "\n2023年，全省5G基站达到8万个。\n").encode("utf-8")
    t = time.perf_counter()
    report, rows = run_ingest(tmp_path, {"big.txt": big})
    assert values(rows) == [7.7, 80000.0] and report.warnings == []
    assert time.perf_counter() - t < 60  # a sanity bound only; speed is measured by bench/bench.py


def test_a_folder_without_documents_is_a_usage_error_and_writes_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(UsageError, match="no documents"):
        ingest([tmp_path / "docs"], tmp_path / "t.parquet")
    assert not (tmp_path / "t.parquet").exists()


def test_strict_turns_a_warning_into_an_error_and_keeps_the_old_table(tmp_path):
    run_ingest(tmp_path, {"good.txt": GOOD.encode()})
    before = (tmp_path / "t.parquet").read_bytes()
    (tmp_path / "docs" / "empty.txt").write_bytes(b"")
    with pytest.raises(DataError, match="--strict"):
        ingest([tmp_path / "docs"], tmp_path / "t.parquet", strict=True)
    assert (tmp_path / "t.parquet").read_bytes() == before


def test_re_ingesting_gives_the_same_table_and_append_replaces_a_documents_rows(tmp_path):
    _, first = run_ingest(tmp_path, {"a.txt": GOOD.encode()})
    _, again = run_ingest(tmp_path, {"a.txt": GOOD.encode()})
    assert first == again
    out = tmp_path / "t.parquet"
    b = tmp_path / "b.txt"
    b.write_text("2023年，全省工业投资增长9.1%。\n", encoding="utf-8")
    ingest([b], out, append=True)
    ingest([b], out, append=True)  # the same document again: replaced, not duplicated
    rows = pq.read_table(out).to_pylist()
    assert sorted((r["source"], r["value"]) for r in rows) == [("a.txt", 7.7), ("b.txt", 9.1)]


def test_an_ingest_killed_mid_write_leaves_the_old_table_intact(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(60):
        for s in seeds:
            (corpus / f"c{i:03d}_{s.name}").write_bytes(s.read_bytes())
    out = tmp_path / "t.parquet"
    ingest([ROOT / "seeds" / "004_3a7e888d9c6af0de.txt"], out)
    before = out.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "indcli.cli", "ingest", str(corpus), "--out", str(out),
                             "--date", "2024-01-01", "--workers", "1"], stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".t.parquet.")]
    assert all(name.endswith(".tmp") for name in leftovers)  # a killed process cannot clean up its temporaries …
    ingest([ROOT / "seeds" / "004_3a7e888d9c6af0de.txt"], out)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".t.parquet.")]  # … the next run does


def test_two_ingests_at_once_do_not_interleave(tmp_path):
    out = tmp_path / "t.parquet"
    lock = os.open(str(out) + ".lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
        proc = cli("ingest", str(tmp_path / "a.txt"), "--out", str(out))
        assert proc.returncode == 1 and "another ingest is writing" in proc.stderr
        assert not out.exists()
    finally:
        os.close(lock)


def test_an_output_path_that_cannot_be_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "file").write_text("x")
    proc = cli("ingest", str(tmp_path / "a.txt"), "--out", str(tmp_path / "file" / "sub" / "t.parquet"))
    assert proc.returncode == 1 and "cannot" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args,code,message", [
    (["compare", "--metric", "x' OR 1=1 --"], 2, "unknown metric"),
    (["targets", "hubei'; DROP TABLE facts; --"], 2, "unknown province"),
    (["sql", "COPY facts TO 'leak.csv'"], 2, "only one SELECT"),
    (["sql", "SELECT 1; DELETE FROM facts"], 2, "only one SELECT"),
    (["compare", "--metric", "规上工业增加值", "--format", "xlsx"], 2, "xlsx"),
    (["ingest", "--date", "2024-13-40", "x.txt", "--out", "o.parquet"], 2, "not a date"),
])
def test_bad_requests_exit_2_with_a_message_and_nothing_on_stdout(tmp_path, args, code, message):
    fixture = ROOT / "tests" / "fixtures" / "tiny.parquet"
    extra = ["--data", str(fixture)] if args[0] in ("compare", "targets", "sql") else []
    proc = cli(*args, *extra, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr and proc.stdout == "" and "Traceback" not in proc.stderr
    assert not (tmp_path / "leak.csv").exists()


def test_a_corrupt_or_missing_data_file_exits_1(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    proc = cli("compare", "--metric", "规上工业增加值", "--data", str(bad))
    assert proc.returncode == 1 and "bad.parquet" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("targets", "hubei", "--data", str(tmp_path / "none.parquet"))
    assert proc.returncode == 1 and "indcli ingest" in proc.stderr


def test_check_lists_rows_whose_source_changed(tmp_path):
    doc = tmp_path / "docs" / "a.txt"
    run_ingest(tmp_path, {"a.txt": GOOD.encode()})
    doc.write_text(GOOD.replace("7.7", "8.8"), encoding="utf-8")
    proc = cli("check", "--data", str(tmp_path / "t.parquet"))
    assert proc.returncode == 1 and "a.txt" in proc.stdout and "1 of 1 rows fail" in proc.stderr
