"""Measuring escalation: VADER lexicon sentiment of quotes, a documented domain extension, and a
daily Goldstein index of events.

VADER (`vaderSentiment`) ships its lexicon and runs offline. The domain extension lives in
`helpers/lexicon/domain_lexicon.csv` — word, valence, reason — and is applied to a separate
analyzer's copy of the lexicon: the library's own file is never edited.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .data import Dataset

DOMAIN_LEXICON = Path(__file__).resolve().parent / "lexicon" / "domain_lexicon.csv"
# VADER's time grows with the square of a text's length (5,000 characters: about 0.1 s; 40,000: 2 s); the
# loader holds no cell longer than this, so every quote can be scored.
MAX_TEXT_CHARS = 5_000


def _bounded(text: str) -> str:
    """`text` itself, or ValueError when it is longer than VADER scores in reasonable time."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"the text is {len(text):,} characters long; it is scored only up to "
                         f"{MAX_TEXT_CHARS:,} characters (VADER's time grows with the square of the length)")
    return text


def domain_lexicon(path: str | Path = DOMAIN_LEXICON) -> pd.DataFrame:
    """The domain words with their valence (−4 … +4) and the reason for each."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    frame = pd.DataFrame(rows)
    frame["valence"] = frame["valence"].astype(float)
    return frame


@cache
def plain_analyzer() -> SentimentIntensityAnalyzer:
    """VADER exactly as shipped."""
    return SentimentIntensityAnalyzer()


def domain_analyzer(extra: tuple[tuple[str, float], ...] = ()) -> SentimentIntensityAnalyzer:
    """VADER with the domain lexicon (and any `extra` (word, valence) pairs) laid over a copy of its lexicon."""
    return _domain_analyzer(extra)


@cache
def _domain_analyzer(extra: tuple[tuple[str, float], ...]) -> SentimentIntensityAnalyzer:
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon = dict(analyzer.lexicon)
    for row in domain_lexicon().itertuples():
        analyzer.lexicon[row.word] = row.valence
    for word, valence in extra:
        analyzer.lexicon[word.lower()] = float(valence)
    return analyzer


def compound(text: str, analyzer: SentimentIntensityAnalyzer | None = None) -> float:
    """VADER's compound score (−1 … +1) of `text`; plain VADER unless an analyzer is given.

    Raises ValueError for a text longer than `MAX_TEXT_CHARS`.
    """
    return (analyzer or plain_analyzer()).polarity_scores(_bounded(text))["compound"]


def speakers_words(ds: Dataset) -> pd.DataFrame:
    """The statements whose text is the speaker's own words (direct quotes), one row per statement.

    Tone is measured on these only: a paraphrase is our wording ("Sikorski wrote that …"), and scoring it
    would rate our sentences, not the speaker's. (A direct quote of a statement made in another language is
    still one outlet's English translation.)
    """
    return ds.statements[ds.statements["quote_type"] == "direct"]


def score_quotes(quotes: pd.DataFrame, extra: tuple[tuple[str, float], ...] = ()) -> pd.DataFrame:
    """`quotes` with two new columns: `vader` (plain) and `vader_domain` (with the domain lexicon).

    Each distinct text is scored once: VADER is the slow part, and repeated wordings are common.
    """
    domain = domain_analyzer(extra)
    out = quotes.copy()
    texts = pd.unique(quotes["text"].astype(str))
    plain = {t: compound(t) for t in texts}
    with_domain = {t: compound(t, domain) for t in texts}
    out["vader"] = quotes["text"].astype(str).map(plain).astype("float64")
    out["vader_domain"] = quotes["text"].astype(str).map(with_domain).astype("float64")
    return out


def explain(text: str, extra: tuple[tuple[str, float], ...] = ()) -> pd.DataFrame:
    """Which words drove the scores: each token found in either lexicon, with its plain and domain valence."""
    plain, domain = plain_analyzer().lexicon, domain_analyzer(extra).lexicon
    rows = []
    for token in _bounded(text).split():
        word = token.strip(".,;:!?\"'“”‘’()[]—–-").lower()
        if word and (word in plain or word in domain):
            rows.append({"word": word, "plain": plain.get(word, 0.0), "domain": domain.get(word, 0.0)})
    return pd.DataFrame(rows, columns=["word", "plain", "domain"])


def index_from_daily(daily: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """The daily Goldstein index from per-day aggregates: the one formula of the index.

    `daily` has `date`, `coded` (events with a Goldstein value), `mean` and `min`, and may have `sum` (else
    mean × coded). Days without events are added (count 0, mean NaN) so a rolling window spans calendar days;
    `rolling_mean` is the count-weighted mean over `window` days.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 day, got {window}")
    if daily.empty:  # no events: no days to span
        return pd.DataFrame({"date": pd.DatetimeIndex([]), "count": pd.Series(dtype=int), "mean": [], "min": [],
                             "rolling_mean": []}).astype({"mean": float, "min": float, "rolling_mean": float})
    d = daily.set_index("date")
    total = d["sum"] if "sum" in d else (d["mean"] * d["coded"]).fillna(0.0)
    out = pd.DataFrame({"count": d["coded"], "sum": total, "mean": d["mean"], "min": d["min"]})
    out = out.reindex(pd.date_range(d.index.min(), d.index.max(), freq="D")).fillna({"count": 0, "sum": 0.0})
    rolling_sum = out["sum"].rolling(window, min_periods=1).sum()
    rolling_n = out["count"].rolling(window, min_periods=1).sum()
    out["rolling_mean"] = rolling_sum / rolling_n.where(rolling_n > 0)
    out.index.name = "date"
    return out.drop(columns="sum").astype({"count": int}).reset_index()


def daily_index(events: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """Goldstein per day: event count, mean, minimum, and a count-weighted rolling mean over `window` days.

    Days without events are kept (count 0, mean NaN) so a rolling window spans calendar days.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 day, got {window}")
    daily = events.groupby(events["date"].dt.normalize())["goldstein"].agg(["count", "sum", "mean", "min"])
    daily = daily.rename(columns={"count": "coded"}).rename_axis("date").reset_index()
    return index_from_daily(daily, window)


def bootstrap_daily_mean(events: pd.DataFrame, n_boot: int = 1000, seed: int = 0,
                         level: float = 0.9) -> pd.DataFrame:
    """Bootstrap interval of each day's mean Goldstein value (a day with one event has no spread), and its width
    (`high − low`): how far the day's mean could move if other events of the same kinds had been coded."""
    rng = np.random.default_rng(seed)
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    for day, values in events.groupby(events["date"].dt.normalize())["goldstein"]:
        v = values.to_numpy()
        means = rng.choice(v, size=(n_boot, len(v)), replace=True).mean(axis=1)
        rows.append({"date": day, "n": len(v), "mean": v.mean(),
                     "low": np.quantile(means, lo_q), "high": np.quantile(means, hi_q)})
    out = pd.DataFrame(rows, columns=["date", "n", "mean", "low", "high"])
    return out.assign(width=out["high"] - out["low"])


def quotes_with_event_goldstein(ds: Dataset, extra: tuple[tuple[str, float], ...] = ()) -> pd.DataFrame:
    """Direct quotes scored by VADER, each with the Goldstein value of the event it belongs to or answers.

    Paraphrases are left out (see `speakers_words`). The event is `event_id`, or else `responds_to` when that
    names an event. VADER's −1 … +1 is also given ×10 (`vader10`, `vader_domain10`) so it shares the Goldstein
    −10 … +10 axis.
    """
    scored = score_quotes(speakers_words(ds), extra)
    gold = ds.events.set_index("id")["goldstein"]
    event = scored["event_id"].fillna(scored["responds_to"].where(scored["responds_to"].str.startswith("ev")))
    scored["event"] = event
    scored["goldstein"] = event.map(gold)
    scored["vader10"] = scored["vader"] * 10
    scored["vader_domain10"] = scored["vader_domain"] * 10
    return scored


def disagreements(ds: Dataset, top: int = 10) -> pd.DataFrame:
    """The direct quotes where plain VADER (×10) and their event's Goldstein value disagree most."""
    scored = quotes_with_event_goldstein(ds).dropna(subset=["goldstein"])
    scored["gap"] = (scored["vader10"] - scored["goldstein"]).abs()
    cols = ["date", "speaker", "text", "vader", "vader_domain", "goldstein", "gap"]
    return scored.sort_values(["gap", "id"], ascending=[False, True])[cols].head(top).reset_index(drop=True)
