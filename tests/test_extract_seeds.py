"""Golden tests: the extraction of every seed against its hand-annotated expected facts."""

from __future__ import annotations

import pytest

from golden import EXPECTED, SEEDS, check, extract_seed

STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_every_seed_has_an_expected_file():
    assert STEMS, "no seeds found"
    assert {p.stem for p in EXPECTED.glob("*.tsv")} == set(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_seed_matches_annotation(stem):
    problems = check(stem)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", STEMS)
def test_quotes_are_exact_substrings_of_the_source(stem):
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    for f in extract_seed(stem):
        assert f.quote, f
        assert text[f.char_start : f.char_end] == f.quote
        assert f.figure_text and (f.figure_text in f.quote or f.continued_from_line), f
        # the figure's own line holds the start of its quote or the figure
        assert f.quote[:1] in lines[f.line - 1] or f.figure_text[:2] in lines[f.line - 1]


@pytest.mark.parametrize("stem", STEMS)
def test_fact_ids_are_unique_and_stable(stem):
    a = [f.fact_id for f in extract_seed(stem)]
    b = [f.fact_id for f in extract_seed(stem)]
    assert a == b
    assert len(set(a)) == len(a)
