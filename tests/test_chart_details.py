"""Details a reader sees: some found by a fresh draw of mutants (seed 2035) in the map, overview and weapon charts.

Each oracle is worked out by hand from the data or the question, not read back from the chart code.
"""

from __future__ import annotations

import pandas as pd

import helpers
from helpers import charts, glossary, sentiment, weapons
from helpers.charts import maps as map_charts
from helpers.charts.escalation import index_scale


def test_the_map_alt_text_names_places_without_the_region_star(ds: helpers.Dataset) -> None:
    # The star marks a region's centre on the map; read aloud, the place is 'Kursk region', not 'Kursk region*'.
    text = map_charts.strike_map(ds).to_dict()["description"]
    assert "Ukraine: Karachev, Rylsk district, Kursk region, Kursk-Vostochny (Khalino) airbase." in text
    assert "*" not in text.split("Launch places")[0]


def test_the_map_draws_later_strikes_over_earlier_ones_and_names_its_tooltips(ds: helpers.Dataset) -> None:
    spec = map_charts.strike_map(ds).to_dict()
    dots = next(v for v in spec["layer"] if (v.get("mark") or {}).get("type") == "point")
    assert dots["encoding"]["order"] == {"field": "day", "type": "quantitative"}
    reach = next(v for v in spec["layer"] if "strokeDash" in v.get("encoding", {}))
    assert [t["title"] for t in reach["encoding"]["tooltip"]] == ["System", "Range (km)", "Measured from",
                                                                  "Range is the", "Source's wording"]


def test_the_coverage_chart_counts_the_week_and_aftermath_by_hand(ds: helpers.Dataset) -> None:
    # Counted with the loader's own period filter, not the chart: rows of events and statements from 17 to 26
    # November out of all of them.
    focus = len(ds.in_focus(ds.events, aftermath=True)) + len(ds.in_focus(ds.statements, aftermath=True))
    total = len(ds.events) + len(ds.statements)
    spec = charts.coverage_by_period(ds).to_dict()
    assert f". {focus} of {total} rows fall in the week and its aftermath;" in spec["description"]
    counts = spec["layer"][1]["mark"]
    assert (counts["dx"], counts["color"]) == (3, "#222222")
    side = charts.statements_per_side(ds).to_dict()["layer"][1]["mark"]
    assert (side["dx"], side["color"]) == (3, "#222222")


def test_the_outlet_chart_colours_by_kind_and_ends_its_alt_text_cleanly(ds: helpers.Dataset) -> None:
    spec = charts.sources_per_outlet(ds).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] and len(scale["range"]) == len(scale["domain"])
    assert spec["height"] == {"step": 16}
    every = charts.sources_per_outlet(ds, top=10_000).to_dict()["description"]
    assert every.endswith(" pages).")  # no outlet left over: no dangling '; '


def test_the_capability_chart_puts_claims_before_assessments(ds: helpers.Dataset) -> None:
    # Oreshnik: 4 claims by Russia, 6 assessments by others (hand count of the capability rows); claims first.
    spec = charts.capability_chart(ds, "oreshnik").to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "stance" in v[0])
    stances = [r["stance"] for r in rows]
    assert stances == [weapons.CLAIMED] * 4 + [weapons.ASSESSED] * 6
    x = next(v for v in spec["layer"] if v["encoding"]["x"]["field"] == "stance")["encoding"]["x"]
    assert x["sort"] == [weapons.CLAIMED, weapons.ASSESSED]
    assert spec["description"].endswith("figures given: Vladimir Putin: Mach 10; Ukrainian military intelligence "
                                        "(HUR): Mach 11.")


def test_the_range_bars_run_shortest_first(ds: helpers.Dataset) -> None:
    spec = charts.weapon_ranges(ds).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == {"field": "to_km", "order": "ascending"}


def test_key_events_say_what_happened_where(ds: helpers.Dataset) -> None:
    # Read off events.csv and event_places.csv by hand: ev024 (17 Nov) names no weapon and hits Sumy; ev034
    # (18 Nov) is an Iskander-M on Odesa; on 22 Nov the Shahed strike on Sumy (ev126, -10) outranks Putin's policy
    # on the Oreshnik (ev091, -7), and on 23 Nov the ATACMS strike (ev109, -10) outranks the debt law (ev127, -7.2).
    labels = dict(charts.key_events(ds).itertuples(index=False))
    assert labels["2024-11-17"] == "Strike on Sumy · Russian armed forces"
    assert labels["2024-11-18"] == "Iskander-M strike on Odesa · Russian armed forces"
    assert labels["2024-11-20"] == "Storm Shadow strike on Rylsk district · Ukrainian armed forces"
    assert labels["2024-11-22"] == "Strike on Sumy · Russian armed forces"
    assert labels["2024-11-23"] == "ATACMS strike on Kursk region · Ukrainian armed forces"


def test_key_events_too_long_for_two_columns_are_listed_in_one() -> None:
    events = pd.DataFrame({"date": pd.date_range("2024-11-17", periods=3, freq="D"), "goldstein": -2.0})
    index = sentiment.daily_index(events)

    def listing(labels: list[str]) -> list[tuple[int, int]]:
        notes = pd.DataFrame({"day": ["2024-11-17", "2024-11-18", "2024-11-19"], "label": labels})
        spec = charts.escalation_index(index, notes).to_dict()
        rows = next(d for d in spec["datasets"].values() if "col" in d[0])
        return [(r["col"], r["row"]) for r in rows]

    # Short lines: two columns, the first holding two of three. A line of 60 'W's (about 570 px at 11 px) would
    # be cut at half the width: all three go in one column.
    assert listing(["a", "b", "c"]) == [(0, 0), (0, 1), (1, 0)]
    assert listing(["a", "W" * 60, "c"]) == [(0, 0), (0, 1), (0, 2)]


def test_the_glossary_draws_whiskers_as_the_box_plots_do(ds: helpers.Dataset) -> None:
    # The box plots of notebook 03 stretch their whiskers from minimum to maximum; the glossary once described
    # the other convention (1.5 box lengths, points beyond), which a student then looked for in vain.
    boxes = charts.sentiment_by_side(sentiment.quotes_with_event_goldstein(ds)).to_dict()["layer"][0]["mark"]
    term = next(t for t in glossary.TERMS if t.anchor == "box-plot")
    assert boxes["extent"] == "min-max"
    assert "the whiskers reach the lowest and the highest value" in term.definition
    assert "these do not" in term.definition


def test_the_zoomed_index_axis_ticks_by_hand() -> None:
    # A stretch of 5 points: a tick a point; of 12: every second (even values only); the whole scale: every fifth.
    assert index_scale(-4, 1)[1] == [-4, -3, -2, -1, 0, 1]
    assert index_scale(-9, 3)[1] == [-8, -6, -4, -2, 0, 2]
    assert index_scale(-10, 10)[1] == [-10, -5, 0, 5, 10]
    assert index_scale(-4, 1)[0].to_dict() == {"domain": [-4, 1], "nice": False}
