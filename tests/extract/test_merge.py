"""merge: one row per fact — repeats counted, a plain statement folded into the same one with a comparator."""

from __future__ import annotations

import re
from datetime import date

from stage_kit import fact

from indcli.extract.merge import merge


def test_repeats_are_counted_not_written_twice():
    got = merge([fact(line=1), fact(line=9, quote="又增长7%")], "t.txt")
    assert len(got) == 1 and got[0].mentions == 2 and got[0].line == 1


def test_a_plain_statement_folds_into_the_same_fact_with_a_comparator():
    got = merge([fact(value=2e12, unit="元", measure="level", comparator="="),
                 fact(value=2e12, unit="元", measure="level", comparator=">", line=4)], "t.txt")
    assert [(f.comparator, f.mentions, f.line) for f in got] == [(">", 2, 4)]


def test_repeats_of_the_plain_statement_all_fold():
    plain = [fact(comparator="=", line=n) for n in (1, 2, 3)]
    got = merge([*plain, fact(comparator="~", line=5)], "t.txt")
    assert [(f.comparator, f.mentions) for f in got] == [("~", 4)]


def test_different_facts_stay_apart():
    facts = [fact(), fact(value=7.5), fact(period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)),
             fact(kind="target"), fact(province="湖北"), fact(comparator=">"), fact(comparator="~")]
    got = merge(facts, "t.txt")
    # the plain 7% folds into one of the two with a comparator; the rest stay apart
    assert len(got) == len(facts) - 1 and sum(f.mentions for f in got) == len(facts)


def test_a_plain_statement_in_another_scope_does_not_fold():
    got = merge([fact(measure="diff", unit="百分点", scope="全国"),
                 fact(measure="diff", unit="百分点", scope="中部", comparator=">")], "t.txt")
    assert len(got) == 2


def test_ids_are_stable_short_hashes_of_source_and_key():
    a = merge([fact()], "t.txt")[0].fact_id
    assert re.fullmatch(r"[0-9a-f]{16}", a)
    assert merge([fact()], "t.txt")[0].fact_id == a
    assert merge([fact()], "u.txt")[0].fact_id != a
    assert merge([fact(value=8.0)], "t.txt")[0].fact_id != a


def test_rows_are_ordered_by_where_they_stand():
    got = merge([fact(line=3, value=1.0), fact(line=1, char_start=9, value=2.0), fact(line=1, char_start=2, value=3.0)],
                "t.txt")
    assert [f.value for f in got] == [3.0, 2.0, 1.0]


def test_nothing_in_nothing_out():
    assert merge([], "t.txt") == []


def test_ranks_in_different_scopes_are_different_facts():
    got = merge([fact(measure="rank", unit="位", value=2.0, scope="全国"),
                 fact(measure="rank", unit="位", value=2.0, scope="中部", char_start=8)], "t.txt")
    assert sorted(f.scope for f in got) == ["中部", "全国"]


def test_a_shorter_name_with_the_same_value_folds_into_the_longer():
    lead = fact(metric="工业增加值", metric_raw="工业增加值", line=2)
    body = fact(line=7)  # 规模以上工业增加值, same value, period and kind
    got = merge([lead, body], "t.txt")
    assert [(f.metric, f.mentions, f.line) for f in got] == [("规模以上工业增加值", 2, 7)]


def test_a_shorter_name_with_another_value_stays():
    got = merge([fact(metric="工业增加值", value=6.1), fact()], "t.txt")
    assert sorted(f.metric for f in got) == ["工业增加值", "规模以上工业增加值"]
