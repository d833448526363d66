"""indcli benchmark: query latency, ingest throughput and memory, and queries on 10 million rows.

Run from the project root with the project's venv:  .venv/bin/python bench/bench.py  [--quick]

Every figure is a median over repeated runs and is reported next to a baseline measured in the same run,
because these machines are noisy: the ratio is the number to watch. Budgets (issues 5 and 11):
  query latency   every query command (compare, targets, metrics, show, sql) with --format csv
                  ≤ 1.3 × the floor `python -c "import duckdb; duckdb.sql(…)"`, the two run in turn
  ingest          ≥ 5 MB/s of text per core, growing with --workers; peak RSS < 500 MB for 50 MB of text
  10M rows        compare and targets < 0.5 s
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# the console script users run (python -m indcli where there is none): it is the entry point that starts
# opening DuckDB while the command line is parsed
_SCRIPT = Path(PY).parent / "indcli"
INDCLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "indcli"]
QUERIES = {  # the query commands timed against the floor
    "compare": ["compare", "--metric", "规上工业增加值"],
    "targets": ["targets", "hubei"],
    "metrics": ["metrics"],
    "show": ["show", "c1cfe192"],
    "sql": ["sql", "SELECT province, count(*) FROM facts GROUP BY province"],
}
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}  # as users run it
COMPARE_SQL = ("SELECT province, period_label, measure, value, unit, kind FROM read_parquet('{path}') "
               "WHERE metric = '规模以上工业增加值' AND city IS NULL ORDER BY province, period_start")


def run(cmd: list[str], env: dict[str, str] | None = None, **kw) -> float:
    """Wall time of one command (in ``env``, else users' environment); raises if it fails."""
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV, cwd=ROOT, **kw)
    return time.perf_counter() - t


def paired_ratio(cmd: list[str], floor: list[str], repeats: int) -> dict[str, float]:
    """Median seconds of ``cmd`` and ``floor`` run in turn, and the median of the pairwise ratios (pairing keeps
    the ratio meaningful when the machine's speed drifts)."""
    run(cmd), run(floor)  # warm the page cache and bytecode
    pairs = [(run(cmd), run(floor)) for _ in range(repeats)]
    return {"s": statistics.median(a for a, _ in pairs), "floor_s": statistics.median(b for _, b in pairs),
            "ratio": statistics.median(a / b for a, b in pairs), "worst": max(a / b for a, b in pairs)}


def median_time(cmd: list[str], repeats: int) -> float:
    run(cmd)  # warm the page cache and bytecode
    return statistics.median(run(cmd) for _ in range(repeats))


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process) of a command run in a fresh child process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run({cmd!r}, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True, env=ENV, cwd=ROOT).stdout
    seconds, kb = out.split()
    return float(seconds), int(kb) / 1024


def make_corpus(folder: Path, target_mb: float) -> int:
    """Copies of the seeds, each with its own file name and manifest entry, up to ``target_mb`` of text."""
    import tomllib

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    manifest = tomllib.loads((ROOT / "seeds" / "manifest.toml").read_text(encoding="utf-8"))
    total, i, entries = 0, 0, []
    while total < target_mb * 1e6:
        for s in seeds:
            name = f"copy{i:05d}_{s.name}"
            data = s.read_bytes()
            (folder / name).write_bytes(data)
            entries.append(f'["{name}"]\ndate = {manifest[s.name]["date"]}\n')
            total += len(data)
        i += 1
    (folder / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    return total


def baseline_scan(folder: Path) -> float:
    """Seconds for a plain Python pass over the same text (read, decode, find every number): the floor."""
    import re

    number = re.compile(r"\d+(?:\.\d+)?")
    t = time.perf_counter()
    for p in sorted(folder.glob("*.txt")):
        sum(1 for _ in number.finditer(p.read_bytes().decode("utf-8")))
    return time.perf_counter() - t


def hash_key(*parts: object) -> int:
    """A stable small hash of a fact's identity."""
    import zlib

    return zlib.crc32("|".join(map(str, parts)).encode("utf-8"))


def make_big_table(path: Path, rows: int) -> None:
    """A synthetic facts table of ``rows`` rows with the real schema, written in row groups."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(ROOT / "src"))
    import random

    from indcli.contract import SCHEMA

    rnd = random.Random(20261125)
    provinces = ["江西", "湖北", "湖南", "安徽", "河南", "山西", "广东", "江苏", "山东", "浙江", "四川", "福建", "河北",
                 "陕西", "重庆", "云南", "贵州", "广西", "辽宁", "吉林", "黑龙江", "内蒙古", "新疆", "甘肃", "宁夏",
                 "青海", "海南", "西藏", "北京", "天津", "上海", "全国"]
    # a long tail of metrics, as in real documents: a few very common, most rare
    metrics = ["规模以上工业增加值", "工业投资", "技术改造投资", "规模以上工业营业收入", "5G基站", "数字经济规模",
               "高技术制造业增加值", "地区生产总值"] + [f"指标{i}" for i in range(1992)]
    weights = [1.0 / (rank + 1) for rank in range(len(metrics))]
    measures = ["growth", "level", "rank", "diff", "share", "cagr"]
    kinds = ["actual"] * 17 + ["target"] * 2 + ["forecast"]  # 85% actual, 10% target, 5% forecast
    chunk = 500_000
    with pq.ParquetWriter(path, SCHEMA, compression="zstd") as w:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            idx = range(start, start + n)
            years = [2000 + (i * 7) % 30 for i in idx]
            metric_of = rnd.choices(metrics, weights, k=n)
            cols = {
                "fact_id": [f"{i:016x}" for i in idx],
                "province": [provinces[i % len(provinces)] for i in idx],
                "metric": metric_of,
                "metric_raw": metric_of,
                "measure": [measures[i % 6] for i in idx],
                # the same fact gets the same value in every document that states it (no false conflicts)
                "value": [float((hash_key(provinces[i % len(provinces)], m, i % 6, years[k], i % 20)) % 1000) / 10
                          for k, (i, m) in enumerate(zip(idx, metric_of, strict=True))],
                "unit": ["%" for _ in idx],
                "comparator": ["=" for _ in idx],
                "period_start": [dt.date(y, 1, 1) for y in years],
                "period_end": [dt.date(y, 12, 31) for y in years],
                "period_label": [f"{y}年" for y in years],
                "kind": [kinds[i % 20] for i in idx],
                "source": [f"doc{i // 50:07d}.txt" for i in idx],
                "line": [i % 500 + 1 for i in idx],
                "quote": ["全省规上工业增加值增长7.7%。" for _ in idx],
                "mentions": [1 for _ in idx],
            }
            table = pa.table({f.name: cols.get(f.name, pa.nulls(n, f.type)) for f in SCHEMA}, schema=SCHEMA)
            w.write_table(table)


def bench_queries(repeats: int) -> dict[str, dict[str, float]]:
    """Each query command on the committed table against the DuckDB floor, the two run in turn."""
    data = ROOT / "data" / "indicators.parquet"
    floor_cmd = [PY, "-c", f"import duckdb; duckdb.sql({COMPARE_SQL.format(path=data)!r}).fetchall()"]
    return {name: paired_ratio(INDCLI + words + ["--format", "csv", "--data", str(data)], floor_cmd, repeats)
            for name, words in QUERIES.items()}


def bench_ingest(work: Path, corpus_mb: float, cores: int) -> dict:
    """Ingest throughput and peak memory on the seeds copied to ``corpus_mb``, with 1 and all workers."""
    corpus = work / "corpus"
    corpus.mkdir()
    size = make_corpus(corpus, corpus_mb)
    base = statistics.median(baseline_scan(corpus) for _ in range(3))
    ingest = {"corpus_mb": size / 1e6, "baseline_scan_mb_s": size / 1e6 / base}
    for workers in sorted({1, cores}):
        out = work / f"out{workers}.parquet"
        cmd = INDCLI + ["ingest", str(corpus), "--out", str(out), "--workers", str(workers)]
        seconds, rss = peak_rss_mb(cmd)
        ingest[f"workers_{workers}"] = {"seconds": seconds, "mb_s": size / 1e6 / seconds,
                                        "mb_s_per_core": size / 1e6 / seconds / workers, "peak_rss_mb": rss,
                                        "vs_baseline_scan": (size / 1e6 / seconds) / (size / 1e6 / base)}
    return ingest


_OLD_ENTRY = ("import sys\ntry:\n    from indcli.console import main\nexcept ImportError:\n    from indcli.cli import main\n"
              "sys.argv[0] = 'indcli'\nmain()")


def bench_ingest_vs(work: Path, other: Path, corpus_mb: float, repeats: int) -> dict:
    """Ingest (--workers 1) of this checkout against another one's ``src`` (an earlier release), run in turn on
    the same corpus: the before/after of an extraction change as a ratio from one run."""
    corpus = work / "corpus_vs"
    corpus.mkdir()
    make_corpus(corpus, corpus_mb)
    new = INDCLI + ["ingest", str(corpus), "--out", str(work / "new.parquet"), "--workers", "1"]
    old = [PY, "-c", _OLD_ENTRY, "ingest", str(corpus), "--out", str(work / "old.parquet"), "--workers", "1"]
    old_env = ENV | {"PYTHONPATH": str(other / "src")}
    run(new), run(old, old_env)
    pairs = [(run(new), run(old, old_env)) for _ in range(repeats)]
    return {"other": str(other), "s": statistics.median(a for a, _ in pairs),
            "other_s": statistics.median(b for _, b in pairs), "ratio": statistics.median(a / b for a, b in pairs)}


def bench_big(work: Path, rows: int, repeats: int) -> dict:
    """compare and targets on a synthetic table of ``rows`` rows."""
    big = work / "big.parquet"
    t = time.perf_counter()
    make_big_table(big, rows)
    big_floor_cmd = [PY, "-c", f"import duckdb; duckdb.sql({COMPARE_SQL.format(path=big)!r}).fetchall()"]
    return {
        "rows": rows, "build_s": time.perf_counter() - t,
        "floor_s": median_time(big_floor_cmd, repeats),
        "compare_s": median_time(INDCLI + ["compare", "--metric", "规上工业增加值", "--format", "csv",
                                           "--data", str(big)], repeats),
        "targets_s": median_time(INDCLI + ["targets", "hubei", "--format", "csv", "--data", str(big)], repeats),
        "budget_s": 0.5,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="5 MB corpus, 1M rows, 3 repeats: a smoke run")
    ap.add_argument("--queries", action="store_true", help="only the query commands against the floor (a minute)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    ap.add_argument("--readme", action="store_true", help="also write the table into README.md's Performance section")
    ap.add_argument("--ingest-vs", type=Path, metavar="CHECKOUT",
                    help="also time ingest against another checkout of indcli (an earlier release), in turn")
    args = ap.parse_args()
    repeats = 3 if args.quick else 7
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    results: dict[str, object] = {"machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}",
                                  "date": time.strftime("%Y-%m-%d")}
    results["query"] = bench_queries(repeats if args.quick else 15)
    if not args.queries:
        work = Path(tempfile.mkdtemp(prefix="indcli-bench-"))
        try:
            results["ingest"] = bench_ingest(work, 5 if args.quick else 50, cores)
            results["big"] = bench_big(work, 1_000_000 if args.quick else 10_000_000, repeats)
            if args.ingest_vs:
                results["ingest_vs"] = bench_ingest_vs(work, args.ingest_vs.resolve(), 2 if args.quick else 5,
                                                       repeats)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results))
    if args.readme:
        write_readme(report(results), args.quick)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


def write_readme(table: str, quick: bool) -> None:
    """Put the latest figures into README.md between the performance markers."""
    import re

    readme = ROOT / "README.md"
    body = (f"{table}\n\nReproduce: `.venv/bin/python bench/bench.py{' --quick' if quick else ''} --readme` "
            "(with `--ingest-vs CHECKOUT` for the row against an earlier release: a `git worktree` of it) "
            "(about four minutes on 2 cores; run it on an otherwise idle machine — the ratios are the figures to "
            "compare across machines). The corpus is the seeds copied to about 50 MB, each copy with its own file "
            "name and manifest entry; the 10M-row table is synthetic (32 provinces, 2,000 metrics with a long "
            "tail, 10% targets).")
    text = readme.read_text(encoding="utf-8")
    text = re.sub(r"(<!-- BEGIN performance -->\n).*?(<!-- END performance -->)",
                  lambda m: m.group(1) + body + "\n" + m.group(2), text, flags=re.S)
    readme.write_text(text, encoding="utf-8")


def report(r: dict) -> str:
    q, i, b = r["query"], r.get("ingest"), r.get("big")
    lines = [f"indcli benchmark — {r['date']} — {r['machine']}", "",
             "| measure | value | baseline (same run) | ratio | budget |", "|---|---|---|---|---|"]
    for name, t in q.items():
        lines.append(f"| query: {name} --format csv | {t['s'] * 1000:.0f} ms | duckdb floor {t['floor_s'] * 1000:.0f} ms "
                     f"| {t['ratio']:.2f}× (worst pair {t['worst']:.2f}×) | ≤ 1.3× |")
    if i is None or b is None:
        return "\n".join(lines)
    for key in sorted(k for k in i if k.startswith("workers_")):
        w = i[key]
        n = key.split("_")[1]
        lines.append(f"| ingest {i['corpus_mb']:.0f} MB, --workers {n} | {w['mb_s']:.2f} MB/s "
                     f"({w['mb_s_per_core']:.2f} per core) | plain scan {i['baseline_scan_mb_s']:.0f} MB/s "
                     f"| {w['vs_baseline_scan']:.3f}× | ≥ 5 MB/s per core |")
        lines.append(f"| ingest peak RSS, --workers {n} | {w['peak_rss_mb']:.0f} MB | — | — | < 500 MB |")
    lines.append(f"| compare on {b['rows']:,} rows | {b['compare_s'] * 1000:.0f} ms | duckdb floor "
                 f"{b['floor_s'] * 1000:.0f} ms | {b['compare_s'] / b['floor_s']:.2f}× | < 500 ms |")
    lines.append(f"| targets on {b['rows']:,} rows | {b['targets_s'] * 1000:.0f} ms | duckdb floor "
                 f"{b['floor_s'] * 1000:.0f} ms | {b['targets_s'] / b['floor_s']:.2f}× | < 500 ms |")
    v = r.get("ingest_vs")
    if v:
        lines.append(f"| ingest 5 MB, --workers 1, this checkout | {v['s']:.2f} s | earlier release "
                     f"{v['other_s']:.2f} s | {v['ratio']:.2f}× | ≤ 1.0× |")
    return "\n".join(lines)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    main()
