"""statements.py on a handful of rows, each expected value worked out from the rows on paper."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from helpers import statements
from helpers.labels import weapon_short

LONG = "word " * 40  # 200 characters: more than a tooltip's 160


def _quotes(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "date", "speaker", "side", "responds_to", "text"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.assign(variant_of=None, quote_type="direct", outlet="Outlet", event_id=None)


def _events(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "date", "actor", "side", "summary"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_a_day_s_statements_stack_by_side_then_speaker_then_id() -> None:
    quotes = _quotes([
        ("q1", "2024-11-19", "A", "western_partners", None, "x"),
        ("q2", "2024-11-19", "Z", "ukraine", None, "x"),
        ("q3", "2024-11-19", "M", "russia_and_partners", None, "x"),
        ("q4", "2024-11-19", "B", "ukraine", None, "x"),
        ("q5", "2024-11-20", "A", "other", None, LONG),
    ])
    points = statements.statement_points(quotes)
    # Russia & partners, then Ukraine (B before Z), then Western partners; the next day starts a new pile.
    assert points["id"].tolist() == ["q3", "q4", "q2", "q1", "q5"]
    assert points["stack"].tolist() == [0, 1, 2, 3, 0]
    assert points["side"].tolist() == ["Russia & partners", "Ukraine", "Ukraine", "Western partners", "Other"]
    assert points["quote"].iloc[4] == LONG[:159] + "…"


def test_who_answered_whom(ds) -> None:
    events = _events([("ev1", "2024-11-19", "Country X", "ukraine", "A strike.")])
    quotes = _quotes([
        ("q2", "2024-11-21", "B", "western_partners", "q1", "Yes."),
        ("q1", "2024-11-20", "A", "russia_and_partners", "ev1", LONG),
        ("q0", "2024-11-18", "C", "other", None, "Unrelated."),
    ])
    links = statements.response_links(dataclasses.replace(ds, events=events, quotes=quotes))
    assert links.columns.tolist() == ["quote_id", "date", "speaker", "side", "answers_id", "answers_kind",
                                      "answers_date", "answers_actor", "answers_side", "answers_what"]
    # In date order: q1 answers the event, q2 answers q1, whose text is cut to a tooltip.
    assert links["quote_id"].tolist() == ["q1", "q2"]
    assert links["answers_kind"].tolist() == ["event", "statement"]
    assert links["answers_actor"].tolist() == ["Country X", "A"]
    assert links["answers_side"].tolist() == ["ukraine", "russia_and_partners"]
    assert links["answers_what"].tolist() == ["A strike.", LONG[:159] + "…"]
    assert links["answers_date"].tolist() == [pd.Timestamp("2024-11-19"), pd.Timestamp("2024-11-20")]


def test_an_answer_to_nothing_is_named(ds) -> None:
    quotes = _quotes([("q1", "2024-11-20", "A", "ukraine", "q99", "x"),
                      ("q2", "2024-11-20", "B", "ukraine", "ev9", "x")])
    with pytest.raises(KeyError) as info:
        statements.response_links(dataclasses.replace(ds, events=_events([]), quotes=quotes))
    assert info.value.args[0] == "responds_to names no event or quote: ev9, q99"


def test_a_later_period_shows_only_when_it_has_rows(ds) -> None:
    # The week is 17-23 November and the aftermath 24-26: one statement on 27 November is "later".
    quotes = _quotes([("q1", "2024-11-20", "A", "ukraine", None, "x")])
    events = _events([("ev1", "2024-11-01", "X", "ukraine", "x")])
    table = statements.rows_by_period(dataclasses.replace(ds, events=events, quotes=quotes))
    assert table.to_dict("list") == {
        "period": ["Background (before 17 Nov 2024)"] * 2 + ["The week (17–23 Nov)"] * 2
        + ["The aftermath (24–26 Nov)"] * 2,
        "table": ["events", "statements"] * 3,
        "rows": [1, 0, 0, 1, 0, 0],
    }
    later = _quotes([("q1", "2024-11-27", "A", "ukraine", None, "x")])
    table = statements.rows_by_period(dataclasses.replace(ds, events=events, quotes=later))
    assert table["period"].tolist()[-2:] == ["Later (after 26 Nov)"] * 2 and table["rows"].tolist()[-2:] == [0, 1]


def test_a_weapons_short_name_by_hand() -> None:
    names = pd.Series(["ATACMS (Army Tactical Missile System)", "Storm Shadow / SCALP-EG", "Oreshnik", None])
    assert weapon_short(names).tolist()[:3] == ["ATACMS", "Storm Shadow", "Oreshnik"]
    assert pd.isna(weapon_short(names).iloc[3])


def test_statements_are_counted_per_period_speaker_and_side_by_hand() -> None:
    from helpers.charts.statements import _per_period

    # Five statements in two months: March has Putin twice (Russia & partners) and Biden once; April has Biden
    # once and Zelensky once. Sorted by period, speaker, side; the sides named as the legend names them.
    period = pd.Series(["2024-03-01", "2024-03-01", "2024-04-01", "2024-03-01", "2024-04-01"])
    speaker = pd.Series(["Vladimir Putin", "Joe Biden", "Joe Biden", "Vladimir Putin", "Volodymyr Zelensky"],
                        dtype="string")
    side = pd.Series(["russia_and_partners", "western_partners", "western_partners", "russia_and_partners",
                      "ukraine"], dtype=pd.CategoricalDtype(["russia_and_partners", "ukraine", "western_partners",
                                                            "other"]))
    codes, names = pd.factorize(speaker)
    out = _per_period(period, speaker, side, codes, names)
    assert out.astype({"day": str, "speaker": str, "side": str}).to_dict("list") == {
        "day": ["2024-03-01", "2024-03-01", "2024-04-01", "2024-04-01"],
        "speaker": ["Joe Biden", "Vladimir Putin", "Joe Biden", "Volodymyr Zelensky"],
        "side": ["Western partners", "Russia & partners", "Western partners", "Ukraine"],
        "statements": [1, 2, 1, 1]}


@pytest.mark.parametrize("missing", [None, "side", "speaker"])
def test_the_coded_count_equals_a_groupby_of_the_texts(missing: str | None) -> None:
    import numpy as np

    from helpers.charts.statements import _per_period
    from helpers.labels import side_label

    # 2,000 random statements (with a missing side or speaker in three rows, which take the text path): the same
    # rows, counts, order and dtypes as pandas' own groupby of the texts.
    rng = np.random.default_rng(5)
    n = 2_000
    period = pd.Series(rng.choice(["2024-01-01", "2024-02-01", "2024-03-01"], n))
    speaker = pd.Series(rng.choice([f"Speaker {i}" for i in range(30)], n), dtype="string")
    side = pd.Series(rng.choice(["russia_and_partners", "ukraine", "western_partners", "other"], n),
                     dtype="category")
    if missing == "side":
        side.iloc[:3] = None
    elif missing == "speaker":
        speaker.iloc[:3] = None
    codes, names = pd.factorize(speaker)
    by_text = pd.DataFrame({"day": period.to_numpy(), "speaker": speaker.astype(str).to_numpy(),
                            "side": side_label(side).astype(str).to_numpy()})
    expected = by_text.groupby(["day", "speaker", "side"], observed=True).size().rename("statements").reset_index()
    out = _per_period(period, speaker, side, codes, names)
    assert out.equals(expected) and out.dtypes.to_dict() == expected.dtypes.to_dict()
