"""sentiment.py on inputs small enough to work out by hand; VADER's own numbers come from the library."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from helpers import sentiment

LIBRARY = SentimentIntensityAnalyzer()
NEUTRAL = ("The table.", "A chair.", "The window.")  # no word of these is in either lexicon: compound 0


def test_neutral_sentences_are_neutral() -> None:
    for text in NEUTRAL:
        assert LIBRARY.polarity_scores(text)["compound"] == 0.0
        assert sentiment.compound(text, sentiment.domain_analyzer()) == 0.0


def test_domain_lexicon_reads_word_valence_reason(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.csv"
    path.write_text("word,valence,reason\nfoo,-2,because\nbar,1.5,why not\n", encoding="utf-8")
    frame = sentiment.domain_lexicon(path)
    assert frame.to_dict("records") == [{"word": "foo", "valence": -2.0, "reason": "because"},
                                        {"word": "bar", "valence": 1.5, "reason": "why not"}]
    assert frame["valence"].dtype == "float64"


def test_domain_analyzer_lays_words_over_a_copy() -> None:
    analyzer = sentiment.domain_analyzer((("Zorblat", -3),))
    assert analyzer.lexicon["zorblat"] == -3.0 and isinstance(analyzer.lexicon["zorblat"], float)
    for row in sentiment.domain_lexicon().itertuples():
        assert analyzer.lexicon[row.word] == row.valence
    assert "zorblat" not in sentiment.plain_analyzer().lexicon
    assert "zorblat" not in sentiment.domain_analyzer().lexicon
    assert sentiment.compound("zorblat", analyzer) < 0 == sentiment.compound("zorblat")


def test_explain_finds_words_inside_punctuation() -> None:
    table = sentiment.explain("“Peace!” (war) — attack. Zzzq table")
    assert table["word"].tolist() == ["peace", "war", "attack"]  # '—' strips to nothing; zzzq and table are no word
    assert table["plain"].tolist() == [LIBRARY.lexicon[w] for w in ("peace", "war", "attack")]
    domain = sentiment.domain_analyzer().lexicon
    assert table["domain"].tolist() == [domain[w] for w in ("peace", "war", "attack")]
    empty = sentiment.explain("The table.")
    assert empty.empty and list(empty.columns) == ["word", "plain", "domain"]
    assert sentiment.explain("energy").to_dict("records") == [{"word": "energy", "plain": LIBRARY.lexicon["energy"],
                                                               "domain": 0.0}]


def test_score_quotes_scores_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    quotes = pd.DataFrame({"id": ["a", "b", "c"], "text": ["war", "The table.", "war"]}, index=[7, 8, 9])
    seen: list[str] = []
    real = sentiment.compound
    monkeypatch.setattr(sentiment, "compound", lambda text, analyzer=None: seen.append(text) or real(text, analyzer))
    scored = sentiment.score_quotes(quotes)
    assert sorted(seen) == ["The table.", "The table.", "war", "war"]  # two texts, two analyzers
    war = LIBRARY.polarity_scores("war")["compound"]
    assert scored["vader"].tolist() == [war, 0.0, war]
    assert scored["vader"].dtype == "float64" and scored["vader_domain"].dtype == "float64"
    assert scored.index.tolist() == [7, 8, 9] and scored["id"].tolist() == ["a", "b", "c"]
    assert "vader" not in quotes  # the input is left as it was


def test_score_quotes_with_extra_words() -> None:
    quotes = pd.DataFrame({"text": ["The zorblat."]})
    plain = sentiment.score_quotes(quotes)
    extra = sentiment.score_quotes(quotes, (("zorblat", 3.0),))
    assert plain["vader"].iloc[0] == extra["vader"].iloc[0] == 0.0
    assert plain["vader_domain"].iloc[0] == 0.0 < extra["vader_domain"].iloc[0]


def test_bootstrap_of_two_values_by_hand() -> None:
    # Resampling (−10, 2) gives a mean of −10, −4 or 2 with chances 1/4, 1/2, 1/4: the 5% and 95% quantiles
    # are −10 and 2; the 30% and 70% quantiles both −4.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17 08:00", "2024-11-17 20:00", "2024-11-18 00:00"]),
                           "goldstein": [-10.0, 2.0, 5.0]})
    wide = sentiment.bootstrap_daily_mean(events, n_boot=2000, seed=3)
    assert wide[["n", "mean", "low", "high"]].iloc[0].tolist() == [2, -4.0, -10.0, 2.0]
    assert wide[["n", "mean", "low", "high"]].iloc[1].tolist() == [1, 5.0, 5.0, 5.0]
    assert wide["width"].tolist() == [12.0, 0.0]  # 2 − (−10); one event has no spread
    assert wide["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-11-17", "2024-11-18"]
    narrow = sentiment.bootstrap_daily_mean(events, n_boot=2000, seed=3, level=0.4)
    assert narrow[["low", "high"]].iloc[0].tolist() == [-4.0, -4.0]


def test_daily_index_of_one_day_and_a_wide_window() -> None:
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-20", "2024-11-20"]), "goldstein": [-1.0, -3.0]})
    idx = sentiment.daily_index(events, window=7)
    assert idx.to_dict("list") == {"date": [pd.Timestamp("2024-11-20")], "count": [2], "mean": [-2.0],
                                   "min": [-3.0], "rolling_mean": [-2.0]}


@pytest.fixture
def small(ds):
    # q7 is a paraphrase (our words) of an answer to ev1: tone measures leave it out.
    quotes = pd.DataFrame({
        "id": ["q1", "q2", "q3", "q4", "q5", "q6", "q7"],
        "date": pd.to_datetime(["2024-11-17"] * 7),
        "speaker": ["A", "B", "C", "D", "A", "E", "F"],
        "text": ["The table.", "A chair.", "The window.", "The table.", "A chair.", "The window.", "War war war."],
        "quote_type": ["direct"] * 6 + ["paraphrase"],
        "variant_of": [None, None, None, None, "q1", None, None],
        "event_id": ["ev1", None, None, None, "ev1", "ev3", "ev1"],
        "responds_to": [None, "ev2", "q1", None, None, None, None],
    })
    events = pd.DataFrame({"id": ["ev1", "ev2", "ev3"], "goldstein": [-4.0, 2.0, -4.0]})
    return dataclasses.replace(ds, quotes=quotes, events=events)


def test_each_statement_gets_its_event(small) -> None:
    scored = sentiment.quotes_with_event_goldstein(small)
    assert scored["id"].tolist() == ["q1", "q2", "q3", "q4", "q6"]  # q5 renders q1
    assert scored["event"].tolist()[:2] == ["ev1", "ev2"] and pd.isna(scored["event"].iloc[2])  # q3 answers a quote
    assert scored["goldstein"].tolist()[:2] == [-4.0, 2.0] and scored["goldstein"].iloc[4] == -4.0
    assert np.isnan(scored["goldstein"].iloc[3])
    assert (scored["vader10"] == scored["vader"] * 10).all()


def test_disagreements_by_hand(small) -> None:
    # every text is neutral (0), so the gap is the Goldstein value's size: q1 4, q6 4, q2 2; ties by id
    table = sentiment.disagreements(small, top=2)
    assert table["text"].tolist() == ["The table.", "The window."]
    assert table["gap"].tolist() == [4.0, 4.0]
    assert list(table.columns) == ["date", "speaker", "text", "vader", "vader_domain", "goldstein", "gap"]
    assert sentiment.disagreements(small)["speaker"].tolist() == ["A", "E", "B"]
    assert table.index.tolist() == [0, 1]
