"""Details a reader sees, found by a fresh draw of mutants (seed 2035) in the map, overview and weapon charts.

Each oracle is worked out by hand from the data or the question, not read back from the chart code.
"""

from __future__ import annotations

import helpers
from helpers import charts, weapons
from helpers.charts import maps as map_charts


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
