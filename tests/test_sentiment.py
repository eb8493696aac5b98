"""Sentiment and escalation measures: plain VADER is the library's own, the domain lexicon moves words as
documented, and the index arithmetic is right on a frame small enough to check by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from helpers import sentiment

SENTENCES = [
    "Russia launched 120 missiles and 90 drones at Ukraine's energy grid.",
    "Russia will respond appropriately to any escalation.",
    "We are not seeking war.",
    "There will be no peace without justice.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_plain_vader_is_the_library(text: str) -> None:
    assert sentiment.compound(text) == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def test_the_energy_grid_sentence_flips_sign() -> None:
    text = SENTENCES[0]
    assert sentiment.compound(text) == pytest.approx(0.38, abs=0.01)
    assert sentiment.compound(text, sentiment.domain_analyzer()) < -0.3


def test_every_domain_word_moves_in_its_documented_direction() -> None:
    plain = sentiment.plain_analyzer().lexicon
    domain = sentiment.domain_analyzer()
    for row in sentiment.domain_lexicon().itertuples():
        text = f"They spoke about {row.word} today."
        delta = sentiment.compound(text, domain) - sentiment.compound(text)
        expected = row.valence - plain.get(row.word, 0.0)
        assert (delta > 0) == (expected > 0) and (delta < 0) == (expected < 0), row.word
        assert row.reason.strip(), f"{row.word} needs a reason"


def test_the_library_lexicon_is_untouched() -> None:
    sentiment.domain_analyzer((("peace", -3.0),))
    assert sentiment.plain_analyzer().lexicon["peace"] == SentimentIntensityAnalyzer().lexicon["peace"]
    assert "nuclear" not in sentiment.plain_analyzer().lexicon


def test_extra_words_change_the_score() -> None:
    text = "The doctrine was signed."
    assert sentiment.compound(text) == 0
    assert sentiment.compound(text, sentiment.domain_analyzer((("doctrine", -2.0),))) < 0


def test_explain_lists_the_driving_words() -> None:
    table = sentiment.explain(SENTENCES[0])
    assert set(table["word"]) >= {"launched", "missiles", "drones", "energy"}
    row = table.set_index("word").loc["energy"]
    assert row["plain"] == pytest.approx(1.1) and row["domain"] == 0.0


def test_score_quotes_adds_both_columns(ds) -> None:
    scored = sentiment.score_quotes(ds.quotes.head(10))
    assert scored["vader"].between(-1, 1).all() and scored["vader_domain"].between(-1, 1).all()
    assert scored["vader"].tolist() == [sentiment.compound(t) for t in ds.quotes.head(10)["text"]]


@pytest.fixture
def tiny() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-11-17", "2024-11-17", "2024-11-19"]),
        "goldstein": [-10.0, 2.0, -4.0],
    })


@pytest.fixture
def uneven() -> pd.DataFrame:
    """Three events on the 17th (mean −2, median 2), none on the 18th, one on the 19th."""
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-11-17 09:00", "2024-11-17 00:00", "2024-11-17 23:59", "2024-11-19 00:00"]),
        "goldstein": [-10.0, 2.0, 2.0, -4.0],
    })


def test_daily_index_by_hand(uneven: pd.DataFrame) -> None:
    idx = sentiment.daily_index(uneven, window=1)
    assert idx["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-11-17", "2024-11-18", "2024-11-19"]
    assert idx["count"].tolist() == [3, 0, 1]
    assert idx["mean"].iloc[0] == -2.0 and pd.isna(idx["mean"].iloc[1]) and idx["mean"].iloc[2] == -4.0
    assert idx["min"].iloc[0] == -10.0 and pd.isna(idx["min"].iloc[1]) and idx["min"].iloc[2] == -4.0
    # a one-day window is the day's own mean, and nothing on a day without events
    assert idx["rolling_mean"].iloc[0] == -2.0 and pd.isna(idx["rolling_mean"].iloc[1])
    assert list(idx.columns) == ["date", "count", "mean", "min", "rolling_mean"]


def test_rolling_mean_is_count_weighted(uneven: pd.DataFrame) -> None:
    idx = sentiment.daily_index(uneven, window=3)
    # (−10 + 2 + 2 − 4) / 4 events = −2.5; the mean of the daily means would be (−2 − 4) / 2 = −3
    assert idx["rolling_mean"].tolist() == [-2.0, -2.0, -2.5]
    idx2 = sentiment.daily_index(uneven, window=2)
    # the 18th looks back to the 17th (−6 / 3); the 19th to the empty 18th (−4 / 1)
    assert idx2["rolling_mean"].tolist() == [-2.0, -2.0, -4.0]
    with pytest.raises(ValueError, match="window must be at least 1 day, got 0"):
        sentiment.daily_index(uneven, window=0)
    assert sentiment.daily_index(uneven, window=1)["rolling_mean"].iloc[2] == -4.0


def test_bootstrap_interval(tiny: pd.DataFrame) -> None:
    a = sentiment.bootstrap_daily_mean(tiny, n_boot=500, seed=1)
    b = sentiment.bootstrap_daily_mean(tiny, n_boot=500, seed=1)
    pd.testing.assert_frame_equal(a, b)
    first = a.iloc[0]
    assert first["low"] <= first["mean"] <= first["high"] and first["low"] < first["high"]
    single = a.iloc[1]
    assert single["n"] == 1 and single["low"] == single["high"] == -4.0


def test_daily_index_on_the_data(ds) -> None:
    idx = sentiment.daily_index(ds.in_focus(ds.events))
    assert idx["count"].sum() == len(ds.in_focus(ds.events))
    assert (idx["min"].dropna() >= -10).all()


def test_disagreements_are_sorted_by_gap(ds) -> None:
    table = sentiment.disagreements(ds, top=5)
    assert len(table) == 5
    assert table["gap"].is_monotonic_decreasing  # the gap itself is worked by hand in test_sentiment_by_hand.py
