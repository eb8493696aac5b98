"""Charts stay small at any size: sizes asserted on 10^5 synthetic rows (timings live in benchmarks/, not here)."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest
from mutation_scope import shared_scope

from helpers import charts, sentiment, synthetic
from helpers.charts import binning

LIMIT = 200 * 1024
N = 100_000


@pytest.fixture(scope=shared_scope("module"))
def big(ds):
    d = synthetic.dataset(N, seed=3, base=ds)
    return d, sentiment.quotes_with_event_goldstein(d)


def _spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()  # the default data transformer raises MaxRowsError above 5,000 rows


def _rows(spec: dict) -> list[list[dict]]:
    return list(spec["datasets"].values())


def _subtitle(spec: dict) -> str:
    titles = [spec.get("title")] + [v.get("title") for k in ("vconcat", "hconcat", "layer") for v in spec.get(k, [])]
    subs = [t["subtitle"] for t in titles if isinstance(t, dict) and "subtitle" in t]
    return " ".join(s if isinstance(s, str) else " ".join(s) for s in subs)


def test_every_chart_is_small_at_100k_rows(big) -> None:
    d, scored = big
    built = {
        "statements_by_day": charts.statements_by_day(d.statements),
        "call_and_response": charts.call_and_response(d),
        "escalation_index": charts.escalation_index(sentiment.daily_index(d.events, window=3), charts.key_events(d)),
        "measures_by_day": charts.measures_by_day(scored, d.events),
        "sentiment_vs_goldstein": charts.sentiment_vs_goldstein(scored),
        "sentiment_by_side": charts.sentiment_by_side(scored),
        "weapon_timeline": charts.weapon_timeline(d),
        "timeline_zoom": charts.timeline_zoom(d),
        "capability_chart": charts.capability_chart(d, "atacms"),
    }
    for name, chart in built.items():
        spec = _spec(chart)
        size = len(json.dumps(spec))
        assert size < LIMIT, f"{name}: {size:,} bytes"
        assert _subtitle(spec), f"{name} aggregated without saying so"


def test_counted_statements_add_up_to_every_statement(big) -> None:
    d, _ = big
    spec = _spec(charts.statements_by_day(d.statements))
    (rows,) = _rows(spec)
    assert sum(r["statements"] for r in rows) == len(d.statements)
    assert f"{len(d.statements):,} statements" in _subtitle(spec)
    counts = d.statements.groupby("speaker").size()
    drawn = pd.DataFrame(rows).groupby("speaker")["statements"].sum()
    assert drawn.to_dict() == counts.to_dict()


def test_binned_scatter_keeps_every_statement(big) -> None:
    _, scored = big
    spec = _spec(charts.sentiment_vs_goldstein(scored))
    rows = max(_rows(spec), key=len)
    with_event = scored["goldstein"].notna()
    assert sum(r["statements"] for r in rows) == with_event.sum()
    cells = {(r["goldstein"], r["score"], r["side"]) for r in rows}
    first = scored[with_event].iloc[0]
    key = (round(first["goldstein"]), int(np.rint(first["vader10"])), charts.SIDE_LABELS[first["side"]])
    assert key in cells


def test_box_statistics_are_the_data_quartiles(big) -> None:
    _, scored = big
    spec = _spec(charts.sentiment_by_side(scored))
    stats = next(r for r in _rows(spec) if "q1" in r[0])
    ukraine = next(s for s in stats if s["side"] == "Ukraine")
    values = scored.loc[scored["side"] == "ukraine", "vader_domain10"]
    assert ukraine["median"] == pytest.approx(values.median())
    assert (ukraine["low"], ukraine["high"]) == (values.min(), values.max())


def test_long_spans_become_months_and_labels_are_capped(big) -> None:
    d, _ = big
    index = sentiment.daily_index(d.events)
    spec = _spec(charts.escalation_index(index, charts.key_events(d)))
    weekly = pd.DataFrame(next(r for r in _rows(spec) if "events" in r[0] and "rolling" in r[0]))
    days = pd.to_datetime(weekly["day"])
    grain = charts.grain_for(index["date"])
    assert grain == "month", "1,011 days are 145 weeks, more than MAX_PERIODS"
    assert (days.dt.day == 1).all() and len(days) == index["date"].dt.to_period("M").nunique()
    assert f"One point per {grain}" in _subtitle(spec) and f"first {charts.MAX_LABELS}" in _subtitle(spec)
    assert weekly["events"].sum() == index["count"].sum()


def test_only_the_most_answered_are_drawn_and_the_title_says_so(big) -> None:
    from helpers import statements

    d, _ = big
    spec = _spec(charts.call_and_response(d))
    r = statements.responses(d, max_triggers=charts.statements.MAX_TRIGGERS)
    total = len(charts.response_links(d))
    assert len(r.triggers) == charts.statements.MAX_TRIGGERS and r.shown_links < total
    per_side = next(rows for rows in _rows(spec) if rows and "side" in rows[0] and "who" not in rows[0])
    assert sum(row["answers"] for row in per_side) == r.shown_links
    assert f"{r.shown_links:,} of {total:,} answers" in _subtitle(spec)


def test_time_bins_pick_the_finest_grain_that_fits() -> None:
    days = pd.Series(pd.date_range("2024-01-01", periods=100, freq="D"))
    labels, grain = charts.time_bins(days)
    assert grain == "day" and labels.tolist() == days.dt.strftime("%Y-%m-%d").tolist()
    longer = pd.Series(pd.date_range("2022-01-01", periods=700, freq="D"))
    labels, grain = charts.time_bins(longer)
    assert grain == "week" and labels.nunique() <= charts.MAX_PERIODS
    assert labels.iloc[0] == "2021-12-27", "a week starts on the Monday before"
    assert charts.time_bins(longer, max_periods=30)[1] == "month"
    # Labels keep the rows' own index; with no grain that fits, years are the coarsest there is.
    two = pd.Series(pd.to_datetime(["2023-06-01", "2024-06-01"]), index=[10, 20])
    labels, grain = charts.time_bins(two, max_periods=1)
    assert grain == "year" and labels.to_dict() == {10: "2023-01-01", 20: "2024-01-01"}


def _daily(days: int) -> pd.DataFrame:
    """A daily index from Monday 1 January 2024 with events on its first two days only."""
    index = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=days, freq="D"), "mean": np.nan,
                          "rolling_mean": np.nan, "min": np.nan, "count": 0})
    index.loc[0, ["mean", "rolling_mean", "min", "count"]] = [-2.0, -1.0, -5.0, 3]
    index.loc[1, ["mean", "rolling_mean", "min", "count"]] = [2.0, 1.0, 2.0, 1]
    return index


def test_a_daily_index_is_coarsened_by_hand() -> None:
    index = _daily(charts.MAX_PERIODS)
    same, grain = binning.coarsen_index(index)
    assert grain == "day" and same is index  # 120 days fit
    weekly, grain = binning.coarsen_index(_daily(charts.MAX_PERIODS + 1))
    # 121 days from Monday 1 Jan to Tuesday 30 Apr: 17 whole weeks and 29-30 April.
    assert grain == "week" and len(weekly) == 18
    assert weekly["date"].iloc[-1] == pd.Timestamp("2024-04-29")
    # Week 1 weighs its 4 events: mean (3 × -2 + 1 × 2) / 4 = -1, rolling (3 × -1 + 1 × 1) / 4 = -0.5.
    first = weekly.iloc[0]
    assert (first["date"], first["mean"], first["rolling_mean"], first["min"], first["count"]) == (
        pd.Timestamp("2024-01-01"), -1.0, -0.5, -5.0, 4)
    assert weekly["mean"].iloc[1:].isna().all() and (weekly["count"].iloc[1:] == 0).all()


def test_counted_capability_statements_add_up(big) -> None:
    from helpers import weapons

    d, _ = big
    spec = _spec(charts.capability_chart(d, "atacms"))
    (rows,) = _rows(spec)
    assert sum(r["count"] for r in rows) == len(weapons.capability_statements(d, "atacms"))
    assert {r["stance"] for r in rows} <= {weapons.CLAIMED, weapons.ASSESSED}


def _tooltips(spec: dict) -> list[list[tuple[str, str]]]:
    """Each view's hover lines as (field, title), in drawing order."""
    out = []
    for view in spec.get("layer", []):
        tips = view.get("encoding", {}).get("tooltip")
        if isinstance(tips, list):
            out.append([(t["field"], t["title"]) for t in tips])
    return out


def test_the_counted_box_plot_reads_the_same_on_hover(ds, big) -> None:
    # Above the point limit the box plot draws statistics computed in pandas; a student hovering a speaker's
    # tick reads the same two lines either way.
    _, scored = big
    small = _tooltips(_spec(charts.sentiment_by_side(sentiment.quotes_with_event_goldstein(ds))))
    large = _tooltips(_spec(charts.sentiment_by_side(scored)))
    speaker = [("speaker", "Speaker"), ("score", "Mean score")]
    assert small[-1] == speaker and large[-1] == speaker


def _dates(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days)))


def test_the_grain_counts_every_period_an_axis_spans() -> None:
    # Worked by hand: an axis spans every day from the first date to the last, not only the days with rows.
    assert charts.grain_for(_dates("2024-01-01", "2024-04-29")) == "day"  # 120 days
    assert charts.grain_for(_dates("2024-01-01", "2024-04-30")) == "week"  # 121 days; 18 weeks
    # Two rows a year apart: 366 days, but the 53 weeks from Monday 1 Jan to Monday 30 Dec fit.
    assert charts.grain_for(_dates("2024-01-01", "2024-12-31")) == "week"
    # 21 Jun 2022 to 26 Nov 2024: 128 weeks (from Monday 20 Jun 2022 to Monday 25 Nov 2024), 30 months.
    assert charts.grain_for(_dates("2022-06-21"), _dates("2024-11-26")) == "month"
    # Q2 2022 to Q4 2024: 3 + 4 + 4 = 11 quarters; 3 years.
    assert charts.grain_for(_dates("2022-06-21"), _dates("2024-11-26"), max_periods=11) == "quarter"
    assert charts.grain_for(_dates("2022-06-21"), _dates("2024-11-26"), max_periods=10) == "year"
    # Sunday 7 Jan and Monday 8 Jan 2024: two days, and two weeks (from Monday 1 Jan and Monday 8 Jan).
    assert charts.grain_for(_dates("2024-01-07", "2024-01-08"), max_periods=1) == "month"
    assert charts.grain_for(pd.Series(pd.to_datetime([]))) == "day"


def test_a_subtitle_counts_the_days_it_would_list_by_the_dozen() -> None:
    # Worked by hand: 1–10 Nov; statements on the 1st and 10th only (8 days without), events on all but the 5th.
    days = pd.date_range("2024-11-01", "2024-11-10", freq="D")
    scored = pd.DataFrame({"date": days[[0, -1]], "vader10": [1.0, 2.0], "vader_domain10": [1.0, 2.0]})
    events = pd.DataFrame({"date": days.delete(4), "goldstein": -1.0})
    spec = _spec(charts.measures_by_day(scored, events))
    # The axis: lowest mean −1 (−1 − 1 = −2), highest +2 (+2 + 1 = +3).
    assert spec["title"]["subtitle"] == ["No statements on 8 of the 10 days; no events on 5 Nov: the lines bridge "
                                         "those days.", "The axis shows −2 … +3 of the −10 … +10 scale."]
    # Means over the days: Goldstein -1.0 (every event), VADER ×10 (1 + 2) / 2 = 1.5.
    assert spec["description"].endswith("Average over the days: Goldstein (events) -1.0, VADER ×10 (quotes) +1.5, "
                                        "Domain VADER ×10 (quotes) +1.5.")


def test_a_subtitle_lists_five_gap_days_and_counts_six() -> None:
    # Worked by hand: events every day from 1 to 7 Nov; statements on 1 and 7 Nov (5 days without, each named),
    # then with events on every day to 8 Nov and statements on 1 and 8 Nov (6 of the 8 days without: counted).
    days = pd.date_range("2024-11-01", "2024-11-08", freq="D")
    scored = pd.DataFrame({"date": days[[0, 6]], "vader10": 0.0, "vader_domain10": 0.0})
    spec = _spec(charts.measures_by_day(scored, pd.DataFrame({"date": days[:7], "goldstein": 0.0})))
    # Every mean 0: the axis keeps a point each side of zero, −1 … +1.
    assert spec["title"]["subtitle"] == ["No statements on 2 Nov, 3 Nov, 4 Nov, 5 Nov, 6 Nov: the lines bridge "
                                         "those days.", "The axis shows −1 … +1 of the −10 … +10 scale."]
    scored = pd.DataFrame({"date": days[[0, 7]], "vader10": 0.0, "vader_domain10": 0.0})
    spec = _spec(charts.measures_by_day(scored, pd.DataFrame({"date": days, "goldstein": 0.0})))
    assert spec["title"]["subtitle"][0] == "No statements on 6 of the 8 days: the lines bridge those days."


def test_a_subtitle_names_the_months_a_line_bridges() -> None:
    # Worked by hand: events on 21 Jun 2022 and the 1st of every month from July 2022 to November 2024 but March
    # 2023 and August 2024; statements on 21 Jun 2022 and 26 Nov 2024 only. 128 weeks, so 30 months (June 2022 to
    # November 2024): events miss 2 of them, statements the 28 between their two.
    months = pd.date_range("2022-07-01", "2024-11-01", freq="MS")
    events = pd.DataFrame({"date": [pd.Timestamp("2022-06-21"),
                                    *months.drop(pd.to_datetime(["2023-03-01", "2024-08-01"]))], "goldstein": -1.0})
    scored = pd.DataFrame({"date": pd.to_datetime(["2022-06-21", "2024-11-26"]), "vader10": [1.0, 3.0],
                           "vader_domain10": [1.0, 3.0]})
    spec = _spec(charts.measures_by_day(scored, events))
    assert spec["title"]["subtitle"] == [
        "Means per month: the data span too many days to show each.",
        "No statements in 28 of the 30 months; no events in March 2023, August 2024: the lines bridge those months.",
        "The axis shows −2 … +4 of the −10 … +10 scale."]  # means −1 … +3, a point past each
    # The span is the rows' (21 Jun 2022 to 26 Nov 2024), not their months' first days; means over 2 and 28 months.
    assert spec["description"] == (
        "Three monthly means from 21 Jun 2022 to 26 Nov 2024 on one axis of the −10 to +10 scale, shown from −2 to 4: "
        "the Goldstein value of events and the plain and domain VADER score ×10 of statements. Average over the "
        "months: Goldstein (events) -1.0, VADER ×10 (quotes) +2.0, Domain VADER ×10 (quotes) +2.0.")


def test_a_subtitle_names_the_weeks_a_line_bridges() -> None:
    # Worked by hand: Mondays 1 Jan to 29 Apr 2024 are 18 weeks (121 days with Tuesday 30 Apr: too many to show
    # each). Events every Monday but 8 Jan; statements every Monday but 15 and 22 Jan.
    mondays = pd.date_range("2024-01-01", "2024-04-29", freq="W-MON")
    events = pd.DataFrame({"date": [*mondays.drop(pd.Timestamp("2024-01-08")), pd.Timestamp("2024-04-30")],
                           "goldstein": 0.0})
    scored = pd.DataFrame({"date": mondays.drop(pd.to_datetime(["2024-01-15", "2024-01-22"])), "vader10": 0.0,
                           "vader_domain10": 0.0})
    assert len(mondays) == 18
    spec = _spec(charts.measures_by_day(scored, events))
    assert spec["title"]["subtitle"][1] == ("No statements in the weeks from 15 Jan 2024, 22 Jan 2024; no events in "
                                            "the week from 8 Jan 2024: the lines bridge those weeks.")
    assert spec["description"].startswith("Three weekly means from 1 Jan to 30 Apr on one")


def test_key_events_keep_their_own_dates_when_days_become_weeks() -> None:
    # Worked by hand: 121 days from Monday 1 Jan 2024 are 18 weeks. Key events on 2 and 3 Jan share the week of
    # 1 Jan and one marker, "1–2"; the one on 20 Jan has the week of 15 Jan to itself.
    annotations = pd.DataFrame({"day": ["2024-01-02", "2024-01-03", "2024-01-20"], "label": ["a", "b", "c"]})
    spec = _spec(charts.escalation_index(_daily(charts.MAX_PERIODS + 1), annotations))
    plot, listing = spec["vconcat"]
    markers = next(spec["datasets"][v["data"]["name"]] for v in plot["layer"] if v["mark"]["type"] == "text"
                   and v["encoding"]["text"]["field"] == "n")
    assert [(m["day"], m["n"]) for m in markers] == [("2024-01-01", "1–2"), ("2024-01-15", "3")]
    lines = [r["line"] for r in spec["datasets"][listing["data"]["name"]]]
    assert lines == ["1.  2 Jan: a", "2.  3 Jan: b", "3.  20 Jan: c"]
    legend = plot["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert legend[1:] == ["Mean of the week", "Most conflictual event of the week"]
    assert spec["title"]["text"] == "Weekly escalation index (Goldstein, −10 conflict … +10 cooperation)"
    assert spec["title"]["subtitle"][0].startswith("One point per week")
    # Week 1: (3 × -2 + 1 × 2) / 4 = -1.0 over its 4 events; the span is the days', not the weeks'.
    assert spec["description"].startswith("Weekly mean Goldstein value of 4 events, 1 Jan to 30 Apr, with a "
                                          "rolling mean and each week's most conflictual event")
    assert "The lowest weekly mean is −1.0 in the week from 1 Jan 2024 (4 events)" in spec["description"]


def test_a_period_start_keeps_the_rows_index() -> None:
    # Worked by hand: Wednesday 3 Jan and Sunday 14 Jan 2024 start the weeks of Monday 1 and Monday 8 Jan.
    dates = pd.Series(pd.to_datetime(["2024-01-14", "2024-01-03"]), index=[7, 3])
    starts = binning.period_start(dates, "week")
    assert starts.to_dict() == {7: pd.Timestamp("2024-01-08"), 3: pd.Timestamp("2024-01-01")}


def test_weeks_are_counted_from_monday_to_monday_at_the_limit() -> None:
    # Worked by hand: from Monday 1 Jan 2024, the 120th week starts on Monday 13 Apr 2026 (119 × 7 = 833 days on)
    # and ends on Sunday 19 Apr 2026: exactly 120 weeks, so weeks. Monday 20 Apr 2026 opens a 121st: months.
    assert charts.grain_for(_dates("2024-01-01", "2026-04-19")) == "week"
    assert charts.grain_for(_dates("2024-01-01", "2026-04-20")) == "month"
    # The same from a Sunday: Sunday 7 Jan 2024 is in the week of Monday 1 Jan, so the same count.
    assert charts.grain_for(_dates("2024-01-07", "2026-04-19")) == "week"
    assert charts.grain_for(_dates("2024-01-07", "2026-04-20")) == "month"
