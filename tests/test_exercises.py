"""The exercise mechanism: reference answers pass, typical wrong answers fail with the right feedback."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import exercises


def test_most_direct_speaker_reference_passes(ds) -> None:
    ex = exercises.most_direct_speaker(ds, "2024-11-21")
    assert ex.check(ex.answer)
    assert ex.check(f"  {str(ex.answer).upper()} ")  # case and spaces do not matter
    assert str(ex.answer) in ex.solution()


def test_most_direct_speaker_matches_the_data(ds) -> None:
    ex = exercises.most_direct_speaker(ds, "2024-11-21")
    day = ds.statements[(ds.statements["date"] == pd.Timestamp("2024-11-21"))
                        & (ds.statements["quote_type"] == "direct")]
    top = day["speaker"].value_counts()
    assert top[ex.answer] == top.max()


def test_wrong_answers_fail_with_feedback(ds) -> None:
    ex = exercises.most_direct_speaker(ds, "2024-11-21")
    others = [s for s in ds.actors["name"] if s != ex.answer]
    result = ex.check(others[0])
    assert not result and "hint" in result.message
    assert not ex.check(...)
    assert "Replace `...`" in ex.check(...).message
    for wrong, message in ex.pitfalls.items():
        got = ex.check(wrong)
        assert not got and got.message == message


def test_no_direct_statement_day_is_a_clear_error(ds) -> None:
    with pytest.raises(ValueError, match="no direct statements on 2023-01-01"):
        exercises.most_direct_speaker(ds, "2023-01-01")


def test_count_exercise() -> None:
    ex = exercises.count_exercise("How many?", 7, ["Count them."], "Seven.", {6: "Off by one: the last day counts."})
    assert ex.check(7) and ex.check("7")
    assert ex.check(6).message == "Off by one: the last day counts."
    assert not ex.check("seven")
    assert ex.hint(5) == "Count them."
