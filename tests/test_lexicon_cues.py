"""The grammar's words live in data/cues.toml, read through the lexicon's cue functions: every table there is
read by some code path, each is a list of words, and no two tables hold the same words (a list used in two
places is one table)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from indcli.lexicon import cue_lookbehind, cue_pattern, cue_words, cues

SRC = Path(__file__).resolve().parents[1] / "src" / "indcli"
READERS = {"cue_words", "cue_pattern", "cue_lookbehind", "last_cue"}


def _tables() -> dict[str, list[str]]:
    return {f"{section}.{name}": words for section, tables in cues().items() for name, words in tables.items()}


def _strings(node: ast.AST, named: dict[str, tuple[str, ...]]) -> list[str]:
    """The table names an argument holds: a string, a tuple of strings, or a module constant naming such a tuple."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple):
        return [s for elt in node.elts for s in _strings(elt, named)]
    if isinstance(node, ast.Name):
        return list(named.get(node.id, ()))
    return []


def _module_tuples(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module-level NAME = ("a.b", "c.d") assignments (e.g. the kind tables last_cue is given)."""
    out: dict[str, tuple[str, ...]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Tuple):
            values = _strings(stmt.value, {})
            for target in stmt.targets:
                if isinstance(target, ast.Name) and values:
                    out[target.id] = tuple(values)
    return out


def _read_tables() -> set[str]:
    """Every table name given to cue_words, cue_pattern, cue_lookbehind or last_cue anywhere in src/indcli."""
    read: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = _module_tuples(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in READERS:
                for arg in node.args:
                    read.update(_strings(arg, named))
    return read


def test_every_cue_table_is_read_by_the_code():
    unread = sorted(set(_tables()) - _read_tables())
    assert not unread, f"tables in cues.toml that no code reads (read them or remove them): {unread}"


def test_every_table_the_code_reads_exists():
    tables = _tables()
    missing = sorted(name for name in _read_tables() if "." in name and name not in tables)
    assert not missing, f"tables the code reads that cues.toml lacks: {missing}"


@pytest.mark.parametrize("name", sorted(_tables()))
def test_each_table_is_a_list_of_words(name):
    words = _tables()[name]
    assert isinstance(words, list) and words and all(isinstance(w, str) and w for w in words), name
    assert len(set(words)) == len(words), f"{name} lists a word twice"


def test_no_two_tables_hold_the_same_words():
    seen: dict[frozenset[str], str] = {}
    for name, words in _tables().items():
        key = frozenset(words)
        assert key not in seen, f"{seen.get(key)} and {name} hold the same words: make them one table"
        seen[key] = name


def test_cue_functions():
    assert cue_words("kind.target")[0] == "要着力实现"  # longest first
    assert cue_words("hedge.over", "hedge.about", "hedge.near") == ("超过", "约", "近")  # longest first
    assert cue_words("stock.summed", "stock.counted_over") == ("累计", "总计", "共有", "共计", "合计", "新增")  # each once
    assert cue_pattern("range.from") == "由|从"
    assert cue_lookbehind("comparator.bare_amount", "comparator.at_least") == \
        "(?:(?<=跃上|迈上|站上|登上)|(?<=破|过|超|达))"
