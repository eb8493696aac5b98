"""What a reader types into the explorers: searched in every column it should be, scored once, and bounded."""

from __future__ import annotations

import dataclasses

import pytest

from helpers import sentiment, widgets


@pytest.fixture
def sx(ds):
    return widgets.sentiment_explorer(ds)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text VADER is asked to score, in order."""
    seen: list[str] = []
    real = sentiment.compound

    def counting(text: str, analyzer=None) -> float:
        seen.append(text)
        return real(text, analyzer)

    monkeypatch.setattr(sentiment, "compound", counting)
    return seen


def test_the_box_says_it_scores_on_enter_and_how_much(sx) -> None:
    assert sx.sentence.continuous_update is False  # one change when Enter is pressed, not one per keystroke
    assert sx.sentence.placeholder == "Type a sentence, then press Enter (at most 5,000 characters)…"
    assert sx.scores.value == "<i>Type a sentence and press Enter to see its plain and domain VADER scores.</i>"


def test_a_sentence_is_scored_once_per_change(sx, calls: list[str]) -> None:
    sx.sentence.value = "We will respond."
    assert calls == ["We will respond.", "We will respond."]  # once with plain VADER, once with the domain words
    sx.sentence.value = "We will respond."  # the same text again is no change
    assert len(calls) == 2
    sx.sentence.value = "   "
    assert len(calls) == 2 and "Type a sentence" in sx.scores.value


def test_a_text_past_the_cap_is_not_scored(sx, calls: list[str]) -> None:
    sx.sentence.value = "a" * 5001
    assert calls == []
    assert sx.scores.value == ("<p>This text is 5,001 characters long; the scorer takes at most 5,000 (VADER's time "
                               "grows with the square of the length).</p>")
    sx.sentence.value = "a" * 5000
    assert len(calls) == 2 and "Plain VADER: <b>+0.00</b>" in sx.scores.value


def test_the_cap_is_the_scorers() -> None:
    assert sentiment.MAX_TEXT_CHARS == 5_000
    sentiment.compound("a" * 5000)
    with pytest.raises(ValueError, match=r"^the text is 5,001 characters long"):
        sentiment.compound("a" * 5001)
    with pytest.raises(ValueError, match=r"^the text is 5,001 characters long"):
        sentiment.explain("a" * 5001)


def test_score_quotes_is_held_to_the_cap(ds) -> None:
    quotes = ds.quotes.head(2).copy()
    quotes["text"] = ["fine words", "b" * 5001]
    with pytest.raises(ValueError, match=r"^the text is 5,001 characters long"):
        sentiment.score_quotes(quotes)


# -- searching ------------------------------------------------------------------------------


@pytest.fixture
def three_claims(ds):
    """Three claims worked by hand: 'beta' is in c01's reason and c03's claim; 'alpha' in c01's claim and c02's
    reason."""
    claims = ds.claims.head(3).copy()
    claims["id"] = ["c01", "c02", "c03"]
    claims["claim"] = ["Alpha rises.", "Gamma falls.", "Beta holds."]
    claims["reason"] = ["Beta said so.", "Delta and ALPHA disagree.", "Nobody checked."]
    return dataclasses.replace(ds, claims=claims)


@pytest.mark.parametrize(("needle", "found"), [
    ("beta", ["c01", "c03"]),  # one in a reason, one in a claim
    ("ALPHA", ["c01", "c02"]),  # case does not matter
    ("  gamma ", ["c02"]),  # spaces around the word do not count
    ("checked.", ["c03"]),
    ("zzz", []),
    ("", ["c01", "c02", "c03"]),
])
def test_claims_search_reads_claim_and_reason(three_claims, needle: str, found: list[str]) -> None:
    cx = widgets.claims_explorer(three_claims)
    cx.search.value = needle
    assert cx.filtered["id"].tolist() == found
    assert cx.count.value == f"<b>{len(found)}</b> of 3 claims match."


def test_claims_search_and_verdict_together(three_claims) -> None:
    verdicts = dict(zip(three_claims.claims["id"], three_claims.claims["verdict"].astype(str), strict=True))
    cx = widgets.claims_explorer(three_claims)
    cx.search.value = "beta"
    cx.verdict.value = verdicts["c03"]
    assert cx.filtered["id"].tolist() == [c for c in ("c01", "c03") if verdicts[c] == verdicts["c03"]]


def test_quote_search_reads_the_speaker_too(ds) -> None:
    qx = widgets.quote_explorer(ds)
    qx.dates.value = (qx.dates.options[0], qx.dates.options[-1])
    qx.search.value = "putin"
    by_speaker = ds.statements[ds.statements["speaker"].str.casefold().str.contains("putin", regex=False)]
    assert not by_speaker["text"].str.casefold().str.contains("putin", regex=False).all(), \
        "the test needs a statement by Putin that does not name him"
    assert set(by_speaker["id"]) <= set(qx.filtered["id"])
