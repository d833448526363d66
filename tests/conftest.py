"""Shared fixtures: every test runs with INDCLI_DATA pointed at a temporary file, never at the user's data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch) -> Path:
    """Point INDCLI_DATA at a file under tmp_path so no test reads or writes the real table."""
    path = tmp_path / "indicators.parquet"
    monkeypatch.setenv("INDCLI_DATA", str(path))
    monkeypatch.setenv("NO_COLOR", "1")
    return path
