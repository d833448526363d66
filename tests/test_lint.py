"""The code stays ruff-clean (ruff is in the test extra, so CI checks it too)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    proc = subprocess.run([ruff, "check", "src", "tests", "bench", "scripts"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_functions_are_short_and_simple():
    """No function in src/ over 60 lines; McCabe complexity at most 15 (ruff C901, set in pyproject.toml, so the
    ruff test above enforces it too)."""
    import ast

    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py"))
    proc = subprocess.run([ruff, "check", "--select", "C901", "--config", "lint.mccabe.max-complexity=15", *files],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    long = []
    for f in files:
        for node in ast.walk(ast.parse((ROOT / f).read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 60:
                long.append(f"{f}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long, long
