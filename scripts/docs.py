"""Regenerate the README's generated sections: the table of columns (from indcli.contract), the CLI reference
(from --help) and example outputs (real runs on the committed table).

    .venv/bin/python scripts/docs.py          # rewrite README.md
    .venv/bin/python scripts/docs.py --check  # exit 1 if README.md is stale (the test suite runs this)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ENV = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb",
       "INDCLI_DATA": str(ROOT / "data" / "indicators.parquet")}
COMMANDS = ["ingest", "compare", "targets", "metrics", "show", "sql", "check", "info"]


def indcli(*args: str, columns: int = 100) -> str:
    proc = subprocess.run([sys.executable, "-m", "indcli", *args], capture_output=True, text=True,
                          env={**ENV, "COLUMNS": str(columns)}, cwd=ROOT)
    return (proc.stdout + proc.stderr).rstrip()


def columns() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from indcli.contract import markdown_table

    return markdown_table()


def cli_reference() -> str:
    parts = ["```text\n$ indcli --help\n" + indcli("--help") + "\n```"]
    for c in COMMANDS:
        parts.append(f"### indcli {c}\n\n```text\n$ indcli {c} --help\n" + indcli(c, "--help") + "\n```")
    return "\n\n".join(parts)


def examples() -> str:
    fact = indcli("sql", "SELECT fact_id FROM facts WHERE province = '湖北' AND metric = '规模以上工业增加值' "
                  "AND measure = 'growth' AND period_label = '2024年1—11月'", "--format", "csv").splitlines()[1]
    runs = [
        ("indcli compare --metric 规上工业增加值 --format markdown", ["compare", "--metric", "规上工业增加值", "--format",
                                                                "markdown"]),
        ("indcli targets hubei --from 2025 --to 2025 --format markdown",
         ["targets", "hubei", "--from", "2025", "--to", "2025", "--format", "markdown"]),
        ("COLUMNS=80 indcli targets hubei --format table | head -24  # on an 80-column terminal",
         ["targets", "hubei", "--format", "table"]),
        ("indcli compare --metric 规上工业增加值 --province hubei --measure growth | head -4",
         ["compare", "--metric", "规上工业增加值", "--province", "hubei", "--measure", "growth", "--format", "csv"]),
        ("indcli metrics 投资 --format markdown", ["metrics", "投资", "--format", "markdown"]),
        (f"indcli show {fact[:8]}", ["show", fact[:8], "--format", "markdown"]),
        ("indcli sql \"SELECT province, count(*) AS facts FROM facts GROUP BY province ORDER BY facts DESC\" "
         "--format markdown",
         ["sql", "SELECT province, count(*) AS facts FROM facts GROUP BY province ORDER BY facts DESC", "--format",
          "markdown"]),
        ("indcli check", ["check"]),
    ]
    out = []
    for shown, args in runs:
        text = indcli(*args, columns=80 if shown.startswith("COLUMNS=80") else 100)
        head = re.search(r"\| head -(\d+)", shown)
        if head:
            text = "\n".join(line.rstrip() for line in text.splitlines()[:int(head.group(1))])
        out.append(f"```text\n$ {shown}\n{text}\n```")
    return "\n\n".join(out)


SECTIONS = {"columns": columns, "cli": cli_reference, "examples": examples}


def render(readme: str) -> str:
    for name, fn in SECTIONS.items():
        pattern = re.compile(rf"(<!-- BEGIN generated:{name} -->\n).*?(<!-- END generated:{name} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no generated:{name} section")
        body = fn()
        readme = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), readme)
    return readme


def main() -> None:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md is stale: run .venv/bin/python scripts/docs.py", file=sys.stderr)
            sys.exit(1)
        return
    README.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
