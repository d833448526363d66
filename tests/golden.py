"""Compare extracted facts with a hand-annotated expected-facts file (tests/expected/*.tsv).

Used by the golden tests and by ``python tests/golden.py SEED`` during development to print the differences.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected"
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class Row:
    line: int
    province: str
    city: str
    metric: str
    measure: str
    value: float
    unit: str
    comparator: str
    period_start: date
    period_end: date
    kind: str
    note: str = ""

    @property
    def known_miss(self) -> bool:
        return self.note.startswith("KNOWN MISS")

    @property
    def known_extra(self) -> bool:
        return self.note.startswith("KNOWN EXTRA")

    def loose(self) -> tuple:
        return (self.province, self.city, self.measure, round(self.value, 4), self.unit, self.comparator,
                self.period_start, self.period_end, self.kind)

    def full(self) -> tuple:
        return self.loose() + (self.metric,)


def load_expected(stem: str) -> list[Row]:
    path = EXPECTED / f"{stem}.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = []
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append(Row(int(rec["line"]), rec["province"], rec["city"] or "", rec["metric"], rec["measure"],
                        float(rec["value"]), rec["unit"], rec["comparator"], date.fromisoformat(rec["period_start"]),
                        date.fromisoformat(rec["period_end"]), rec["kind"], rec.get("note") or ""))
    return rows


def as_rows(facts) -> list[Row]:
    return [Row(f.line, f.province, f.city or "", f.metric, f.measure, f.value, f.unit, f.comparator,
                f.period_start, f.period_end, f.kind) for f in facts]


def compare(expected: list[Row], got: list[Row]):
    """(matched, metric_differs, missing, extra): full matches, same fact under another metric name, misses, extras."""
    exp, act = list(expected), list(got)
    matched, differs = [], []
    for e in list(exp):
        for a in act:
            if a.full() == e.full():
                matched.append((e, a))
                exp.remove(e)
                act.remove(a)
                break
    for e in list(exp):
        cands = [a for a in act if a.loose() == e.loose()]
        if cands:
            a = min(cands, key=lambda a: abs(a.line - e.line))
            differs.append((e, a))
            exp.remove(e)
            act.remove(a)
    return matched, differs, exp, act


def check(stem: str) -> list[str]:
    """Problems with the extraction of one seed against its file: [] when the output is exactly as annotated.

    Rows marked KNOWN MISS must stay missing and KNOWN EXTRA rows must still be produced, so fixing or
    regressing either shows up here and the file gets updated with it.
    """
    expected = load_expected(stem)
    got = as_rows(extract_seed(stem))
    want = [e for e in expected if not e.known_miss]
    problems = []
    m, d, missing, extra = compare(want, got)
    problems += [f"metric differs at line {e.line}: expected {e.metric}, got {a.metric}" for e, a in d]
    problems += [f"missing: line {e.line} {e.province} {e.metric} {e.measure} {e.value:g}{e.unit} "
                 f"{e.period_start}..{e.period_end} {e.kind}" for e in missing]
    problems += [f"unexpected: line {a.line} {a.province} {a.metric} {a.measure} {a.value:g}{a.unit} "
                 f"{a.period_start}..{a.period_end} {a.kind}" for a in extra]
    got_loose = {a.loose() for a in got}
    problems += [f"a KNOWN MISS is now found (update the file): line {e.line} {e.metric} {e.value:g}"
                 for e in expected if e.known_miss and e.loose() in got_loose and e.loose() not in {w.loose() for w in want}]
    return problems


def extract_seed(stem: str):
    from indcli.ingest import extract_file

    return extract_file(SEEDS / f"{stem}.txt")


def main(stems: list[str]) -> None:
    for stem in stems or sorted(p.stem for p in EXPECTED.glob("*.tsv")):
        got = as_rows(extract_seed(stem))
        m, d, miss, extra = compare(load_expected(stem), got)
        print(f"== {stem}: expected {len(m) + len(d) + len(miss)}, got {len(got)}; exact {len(m)}, "
              f"metric-name differs {len(d)}, missing {len(miss)}, extra {len(extra)}")
        for e, a in d:
            print(f"  ~ L{e.line} {e.metric}  <>  {a.metric}   [{e.measure} {e.value:g}{e.unit} {e.period_start}]")
        for e in miss:
            print(f"  - L{e.line} {e.province} {e.city} {e.metric} {e.measure} {e.value:g} {e.unit} {e.comparator} "
                  f"{e.period_start}..{e.period_end} {e.kind}")
        for a in extra:
            print(f"  + L{a.line} {a.province} {a.city} {a.metric} {a.measure} {a.value:g} {a.unit} {a.comparator} "
                  f"{a.period_start}..{a.period_end} {a.kind}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main(sys.argv[1:])
