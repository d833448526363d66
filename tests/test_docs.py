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
