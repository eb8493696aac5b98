"""How `helpers.answers` reads dates and decimal numbers, and what it says when it cannot: each case worked out by
hand (the day, the weekday, the number), each message the exact sentence a student sees."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers import answers

DAY = answers.Day(2024)
SAT_23 = pd.Timestamp("2024-11-23")  # 23 November 2024 was a Saturday
TYPE_IT = ' or `"20 November 2024"`.'


@pytest.mark.parametrize("typed", [
    "23 Nov. 2024", "Sat. 23 November 2024", "saturday, 23rd of November 2024", "2024-11-23T00:00",
    "2024-11-23 00:00:00", "2024–11–23", "23/11/24", "23.11.24", "11/23/2024", "23-11-2024", "November 23",
    "23 November", "Nov 23, 2024", np.datetime64("2024-11-23"), dt.date(2024, 11, 23), dt.datetime(2024, 11, 23),
])
def test_days_read_by_hand(typed) -> None:
    reading = DAY.read(typed)
    assert reading.problem is None and reading.value == SAT_23, typed


@pytest.mark.parametrize(("typed", "day"), [("13/11/2024", 13), ("11/13/2024", 13), ("11/11/2024", 11),
                                            ("5.11.2024", 5)])
def test_day_and_month_order_by_hand(typed: str, day: int) -> None:
    # A first number above 12 is a day; a second above 12 is a day; a dot is European order; equal is either.
    assert DAY.read(typed).value == pd.Timestamp(2024, 11, day)


@pytest.mark.parametrize(("typed", "message"), [
    ("12/11/2024", "'12/11/2024' can be read two ways (day/month or month/day). Write the month as a word, e.g. "
                   '`"5 November 2024"`, or as `"2024-11-05"`.'),
    ("20241123", "'20241123' looks like a date without separators. Write it as `\"2024-11-20\"`."),
    ("31 November 2024", "'31 November 2024' is not a day of the calendar."),
    ("Monday 23 November 2024", "23 November 2024 was a Saturday, not the weekday you wrote. Check the date."),
    ("banana", "'banana' is not a date this check can read. Write the date alone, e.g. `\"2024-11-20\"`" + TYPE_IT),
    ("23 Novembre 2024", "'23 Novembre 2024' is not a date this check can read. Write the date alone, e.g. "
                         '`"2024-11-20"`' + TYPE_IT),
    ("Frimaire 3", "'Frimaire 3' is not a date this check can read. Write the date alone, e.g. `\"2024-11-20\"`"
                   + TYPE_IT),
    (pd.NaT, "That is `NaT`, pandas' missing date: the row you took has no date."),
    (23, '23 is a number, not a date. Write the date in quotes, e.g. `"2024-11-20"`' + TYPE_IT),
    (True, '`True` is a yes/no value, not a date. Write the date in quotes, e.g. `"2024-11-20"`.'),
    (object(), 'That is an object, not a date. Write the date in quotes, e.g. `"2024-11-20"`.'),
])
def test_what_a_date_that_cannot_be_read_gets(typed, message: str) -> None:
    reading = DAY.read(typed)
    assert reading.value is None and reading.problem.text() == message


def test_a_time_of_day_is_not_a_day() -> None:
    reading = DAY.read(pd.Timestamp("2024-11-23 14:30"))
    assert reading.problem.text() == "That has a time of day (2024-11-23 14:30:00). Give the day only."
    assert DAY.read(pd.Timestamp("2024-11-23", tz="UTC")).problem is not None


def test_two_digit_years_are_this_century() -> None:
    assert DAY.read("1/12/25").problem is not None  # 1 December or 12 January: two ways
    assert DAY.read("13/12/25").value == pd.Timestamp("2025-12-13")
    assert answers.Day(2022).read("24 February").value == pd.Timestamp("2022-02-24")


NUMBER = answers.Number(0.05, 1)


@pytest.mark.parametrize(("typed", "value"), [("−2.4", -2.4), ("-2,4", -2.4), ("+3", 3.0), ("1,234.5", 1234.5),
                                              (" 6 ", 6.0), ("6.", 6.0), (np.float32(2.5), 2.5), (7, 7.0)])
def test_numbers_read_by_hand(typed, value: float) -> None:
    reading = NUMBER.read(typed)
    assert reading.problem is None and reading.value == pytest.approx(value)


@pytest.mark.parametrize(("typed", "message"), [
    (True, "`True` is a yes/no value, not a number."),
    ("abc", "'abc' is not a number. Answer with digits, e.g. `-1.5`."),
    ("inf", "'inf' is not a number. Answer with digits, e.g. `-1.5`."),
    (float("nan"), "nan is not a number you can compare. Answer with digits, e.g. `-1.5`."),
    (float("-inf"), "-inf is not a number you can compare. Answer with digits, e.g. `-1.5`."),
    (complex(1, 2), "That is a complex number, not a number. Answer with digits, e.g. `-1.5`."),
    (pd.Timestamp("2024-11-23"), "That is a Timestamp, not a number. Answer with digits, e.g. `-1.5`."),
])
def test_what_a_number_that_cannot_be_read_gets(typed, message: str) -> None:
    reading = NUMBER.read(typed)
    assert reading.value is None and reading.problem.text() == message


def test_a_number_is_right_within_its_tolerance_and_shown_with_a_true_minus() -> None:
    assert NUMBER.same(-6.0, -6.05) and not NUMBER.same(-6.0, -6.051)
    assert NUMBER.show(-6.0) == "−6.0" and answers.Number(0.005, 2).show(2.5) == "2.50"
