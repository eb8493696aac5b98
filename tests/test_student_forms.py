"""Answers a class typed, right and wrong, and what each was told: every case from a student's session, with the
answer and the slip worked out by hand from the data files (the row ids are named beside each)."""

from __future__ import annotations

import pandas as pd
import pytest
from mutation_scope import shared_scope

import helpers
from helpers import exercises, sentiment


@pytest.fixture(scope=shared_scope("module"))
def built(ds) -> dict[str, exercises.Exercise]:
    return {f"{i.notebook[:2]}-{i.label.split()[-1]}": i.exercise for i in exercises.notebook_exercises(ds)}


def _told(ex: exercises.Exercise, answer: object) -> tuple[bool, str]:
    result = ex.grade(answer)
    return result.passed, result.text()


def test_the_periods_two_dates_are_not_counted_with_len(built, ds: helpers.Dataset) -> None:
    # `len(ds.period)` is 2 whatever the span: the tip must not send a student there.
    passed, text = _told(built["00-1"], ds.period)
    assert not passed and "count the days from one to the other, both included" in text
    assert "pass `len(...)` of it" not in text


def test_a_series_of_means_is_told_to_pick_one_not_to_take_the_first(built, ds: helpers.Dataset) -> None:
    means = sentiment.daily_index(ds.in_focus(ds.events))["mean"]
    passed, text = _told(built["03-2"], means)
    # '.iloc[0]' is the first row's mean (17 November's), not the lowest (23 November's, the last row).
    assert not passed and "pick it out (the lowest with `.min()`" in text and ".iloc[0]" not in text
    passed, text = _told(built["03-2"], [-2.65, -2.25])
    assert not passed and "give only that one" in text and ".iloc" not in text
    passed, text = _told(built["03-1"], means.set_axis(pd.date_range("2024-11-17", periods=7)))
    assert not passed and "`.idxmin()`" in text
    # One value in a list: take it out with [0] (a list has no .iloc).
    passed, text = _told(built["03-2"], [-2.65])
    assert not passed and "`x[0]`" in text


def test_warnings_from_both_sides_of_the_week_are_named_as_such(built) -> None:
    # weapons.signals: Russian warnings on 12 Sep (before), six in 17–23 Nov, one on 26 Nov (aftermath). 7 is
    # the week and one side; 8 is every row.
    passed, text = _told(built["02-2"], 7)
    assert not passed and "the aftermath's (24–26 November 2024) or those from before it" in text
    passed, text = _told(built["02-2"], 8)
    assert not passed and "every Russian warning in the table" in text
    passed, text = _told(built["02-2"], 6)
    assert passed and "Maria Zakharova (twice)" in text and text.count("Zakharova") == 1


def test_a_statement_counted_through_any_rendering_is_explained(built) -> None:
    # quotes.csv: q114 (a rendering of Lavrov's q089, which answers ev020) and q151 (of Peskov's q150, which
    # answers ev065) are linked by their outlets to ev043. Counting statement ids over the renderings gives 12.
    passed, text = _told(built["01-2"], 12)
    assert not passed
    assert "Sergei Lavrov's answered ev020 and Dmitry Peskov's answered ev065" in text
    assert _told(built["01-2"], 10)[0]


def test_the_most_rendered_solution_names_both_tied_speakers(built, ds: helpers.Dataset) -> None:
    ex = built["01-3"]
    assert ex.result == repr(["Dmitry Peskov", "Sergei Lavrov"])
    assert "renderings == renderings.max()" in ex.code


@pytest.mark.parametrize("typed", ["minus 2.65", "negative 2.65", "about -2.65", "−2.65 points", "≈ −2.65",
                                   "~-2.65", "approximately -2.65 pts"])
def test_a_mean_in_words_students_use_is_read(built, typed: str) -> None:
    passed, text = _told(built["03-2"], typed)
    assert passed and "(Read " in text


@pytest.mark.parametrize(("typed", "says"), [("over -2.65", "is not a number"), ("-2.65 apples", "is not a number"),
                                             ("about 2.65", "Check the sign"), ("minus -2.65", "is not a number")])
def test_a_bound_or_a_wrong_unit_is_not_a_mean(built, typed: str, says: str) -> None:
    passed, text = _told(built["03-2"], typed)
    assert not passed and says in text


@pytest.mark.parametrize("typed", ["23NOV2024", "23-Nov-2024", "23/nov/24", "23 Nov. 2024"])
def test_a_day_month_year_without_spaces_is_read(built, typed: str) -> None:
    assert _told(built["03-1"], typed)[0]


@pytest.mark.parametrize("typed", ["Op India", "Op-India", "https://www.opindia.com/", "http://opindia.com"])
def test_an_outlet_spelt_as_readers_spell_it(built, typed: str) -> None:
    assert _told(built["04-4"], typed)[0]


def test_an_outlet_name_near_the_answer_is_not_it(built) -> None:
    assert not _told(built["04-4"], "Op Indian")[0]
    assert not _told(built["04-4"], "https://www.independent.co.uk/")[0]


@pytest.mark.parametrize("typed", ["Two, and the daily index did not move", "2, the index did not move",
                                   "2 (the index stays the same)", "2; the index cannot read words."])
def test_a_count_with_the_remark_the_notebook_invites_is_read(built, typed: str) -> None:
    # 03's Exercise 4 asks, after the count, whether the daily index moved: a student may say both.
    passed, text = _told(built["03-4"], typed)
    assert passed and "(Read " in text


@pytest.mark.parametrize(("typed", "says"), [
    ("2, or 3", "is not a number"), ("2, roughly speaking", "is not a number"), ("2 (maybe)", "is not a number"),
    ("2, not sure", "is not a number"), ("2, in Nov", "is not a number"),
    ("3, and the index did not move", "3 is off by one")])
def test_a_remark_that_doubts_or_changes_the_count_is_not_read_past(built, typed: str, says: str) -> None:
    passed, text = _told(built["03-4"], typed)
    assert not passed and says in text


# --------------------------------------------------------------------------------------------
# A second class, after the data for 22–23 Nov: 03-1 is 23 Nov, 03-2 −21.2 / 8 = −2.65, 04-2 is 8, 00-2 is 53,
# 04-1 (c11) is "imprecise".

@pytest.mark.parametrize(("key", "guesses"), [
    ("04-2", {str(i): i for i in range(20)}),                    # a guess per label: 8 is among them
    ("00-2", {str(i): i for i in range(40, 60)}),                # 53 is among them
    ("03-2", {"a": -2.6, "b": -2.65, "c": -2.7}),                # −2.65 is b
    ("04-1", {"a": "supported", "b": "imprecise", "c": "contested", "d": "unsupported"}),
])
def test_a_series_of_guesses_is_not_told_which_is_right(built, key: str, guesses: dict) -> None:
    passed, text = _told(built[key], pd.Series(guesses))
    assert not passed and "The value inside is right" not in text and "x['" not in text


def test_weekday_means_are_told_to_pick_one_not_which(built, ds: helpers.Dataset) -> None:
    # Ordinary code: a mean per weekday (23 Nov is the only Saturday). Naming `x['Saturday']` would answer 03-1.
    week = ds.in_focus(ds.events)
    means = week.groupby(week["date"].dt.day_name())["goldstein"].mean()
    passed, text = _told(built["03-2"], means)
    assert not passed and "Saturday" not in text and "pick it out (the lowest with `.min()`" in text


def test_a_row_label_from_idxmin_is_not_read_as_a_day(built, ds: helpers.Dataset) -> None:
    # The daily index has rows 0–6; the lowest mean is row 6 (23 Nov). 6 is its label, not 6 November.
    index = sentiment.daily_index(ds.in_focus(ds.events))
    passed, text = _told(built["03-1"], index["mean"].idxmin())
    assert not passed and "a row's label, if it came from `.idxmin()`" in text and "6 November" not in text


def test_the_whole_tables_lowest_mean_is_told_to_keep_the_week(built, ds: helpers.Dataset) -> None:
    # Without ds.in_focus the lowest daily mean is −10 (a day before the week with one strike), which is also the
    # week's lowest single event: told both, and to keep the week.
    assert sentiment.daily_index(ds.events)["mean"].min() == -10
    passed, text = _told(built["03-2"], -10)
    assert not passed and "keep `ds.in_focus(...)`" in text and "lowest daily mean of the week" in text


@pytest.mark.parametrize(("key", "typed"), [
    ("04-2", "**8**"), ("04-2", "<b>8</b>"), ("04-2", "`8`"), ("03-2", "**-2.65**"), ("03-1", "<b>Saturday</b>"),
    ("03-1", "_23 Nov_"), ("04-1", "**imprecise**"), ("00-2", "<strong>53</strong>"),
])
def test_an_answer_in_markup_is_read_inside_it_and_shown_as_typed(built, key: str, typed: str) -> None:
    result = built[key].grade(typed)
    assert result.passed, (typed, result.text())
    assert "<b>" not in result.markdown() and "<strong>" not in result.markdown()


@pytest.mark.parametrize("typed", ["<script>8</script>", "<b>8</i>", "*8", "**9**"])
def test_markup_around_something_else_is_not_a_right_answer(built, typed: str) -> None:
    assert not built["04-2"].grade(typed).passed


@pytest.mark.parametrize(("key", "typed", "says"), [
    ("04-2", "8 unsupported", "'8 unsupported' counts unsupported; the question counts claims."),
    ("04-2", "8 days", "'8 days' counts days; the question counts claims."),
    ("00-2", "53 claims", "'53 claims' counts claims; the question counts pages."),
])
def test_a_count_of_something_else_is_told_what_the_question_counts(built, key: str, typed: str, says: str) -> None:
    passed, text = _told(built[key], typed)
    assert not passed and text == f"Not yet. {says}"


@pytest.mark.parametrize(("key", "typed"), [("04-2", "8 supported"), ("04-2", "8 supported claims"),
                                            ("04-2", "8 rows"), ("00-2", "53 websites")])
def test_a_count_with_its_own_words_or_a_generic_one_is_read(built, key: str, typed: str) -> None:
    assert _told(built[key], typed)[0]
