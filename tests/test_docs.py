"""The README's generated sections (columns, CLI reference, example outputs) match the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_generated_sections_are_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "docs.py"), "--check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr + " — run: .venv/bin/python scripts/docs.py"


def test_every_command_help_has_an_example():
    from typer.testing import CliRunner

    from indcli.cli import app

    for command in ["ingest", "compare", "targets", "metrics", "show", "sql", "check", "info"]:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "indcli " + command in result.output and "Example" in result.output


def test_version():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "indcli.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("indcli ")


def test_help_shows_every_argument_and_no_stray_escapes():
    """`indcli sql --help` says that - reads stdin; PROVINCE and FACT_ID are explained; no rich escape \\[ anywhere."""
    from typer.testing import CliRunner

    from indcli.cli import app

    expected = {"sql": "- reads it from stdin", "targets": "PROVINCE  The province", "show": "FACT_ID  The fact's id",
                "metrics": "[QUERY]  Text to look for", "ingest": "[PATHS]...  Files or folders"}
    for command in ["ingest", "compare", "targets", "metrics", "show", "sql", "check", "info", None]:
        output = CliRunner().invoke(app, [command, "--help"] if command else ["--help"]).output
        assert "\\[" not in output, command
        assert output.count("Arguments:") <= 1 and "Positional arguments" not in output, command
        if command in expected:
            assert expected[command] in output, command
    assert "\\[" not in (ROOT / "README.md").read_text(encoding="utf-8")
