"""The audit trail of direct quotes: each one checked once, none left standing on a failed check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import helpers

FAILED = {"not_refound", "differs"}


def audit_problems(d: helpers.Dataset) -> list[str]:
    """What is wrong with the quote checks of `d`, one line per problem (empty when all is well)."""
    direct = d.quotes.loc[d.quotes["quote_type"] == "direct"]
    rows = d.quote_checks["quote_id"].value_counts()
    problems = [f"{q}: {rows.get(q, 0)} check rows" for q in direct["id"] if rows.get(q, 0) != 1]
    problems += [f"{r.id}: direct but its check is {r.check}" for r in direct.itertuples() if r.check in FAILED]
    found = d.quote_checks.loc[~d.quote_checks["outcome"].isin(FAILED)]
    problems += [
        f"{r.quote_id}: {r.outcome} without found_in" for r in found.itertuples() if not isinstance(r.found_in, str)
    ]
    return problems


def test_every_direct_quote_has_one_passed_check(ds: helpers.Dataset) -> None:
    assert audit_problems(ds) == []


def test_the_check_column_is_the_outcome(ds: helpers.Dataset) -> None:
    outcome = ds.quote_checks.set_index("quote_id")["outcome"]
    for row in ds.quotes.itertuples():
        assert (row.check if isinstance(row.check, str) else None) == outcome.get(row.id), row.id


def test_verbatim_is_for_english_statements_and_translation_for_the_rest(ds: helpers.Dataset) -> None:
    lang = ds.quotes.set_index("id")["language"].astype(str)
    for row in ds.quote_checks.itertuples():
        if row.outcome == "verbatim":
            assert lang[row.quote_id] == "en", row.quote_id
        if row.outcome == "outlet_translation":
            assert lang[row.quote_id] != "en", row.quote_id


def _first_direct(d: helpers.Dataset) -> str:
    return str(d.quotes.loc[d.quotes["quote_type"] == "direct", "id"].iloc[0])


def test_a_missing_check_is_caught(ds: helpers.Dataset, edit_csv: Callable[[str, Callable[[str], str]], Path]) -> None:
    qid = _first_direct(ds)

    def drop(text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(f"{qid},"))

    assert audit_problems(helpers.load_dataset(edit_csv("quote_checks.csv", drop))) == [f"{qid}: 0 check rows"]


def test_a_failed_check_on_a_direct_quote_is_caught(
    ds: helpers.Dataset, edit_csv: Callable[[str, Callable[[str], str]], Path]
) -> None:
    qid = _first_direct(ds)
    outcome = ds.quote_checks.set_index("quote_id").loc[qid, "outcome"]

    def fail(text: str) -> str:
        return text.replace(f"{qid},{outcome},", f"{qid},differs,", 1)

    problems = audit_problems(helpers.load_dataset(edit_csv("quote_checks.csv", fail)))
    assert problems == [f"{qid}: direct but its check is differs"]
