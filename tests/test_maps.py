"""Places, borders and the map: the boundary file validates, every location resolves, coordinates fall where the
sources say, distances are right on hand-worked cases, and the map spec stays small and readable."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import exercises, maps
from helpers.charts import maps as map_charts
from helpers.charts.theme import text_width
from helpers.data import DATA_DIR, DataError, load_boundaries


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


# --------------------------------------------------------------------------------------------
# The boundary file


def test_the_boundary_file_is_a_small_topology_with_the_countries_of_the_story(ds: helpers.Dataset) -> None:
    topo = ds.boundaries
    assert topo["type"] == "Topology" and set(topo["transform"]) == {"scale", "translate"}
    names = {g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"Ukraine", "Russia", "Belarus", "Poland", "Moldova", "Romania", "Lithuania", "Latvia", "Estonia",
            "Slovakia", "Hungary", "Kazakhstan"} <= names
    assert (DATA_DIR / "boundaries.topojson").stat().st_size <= 150_000


def test_crimea_is_inside_ukraines_border(ds: helpers.Dataset) -> None:
    # Simferopol (44.95 N, 34.10 E) and Sevastopol (44.60 N, 33.52 E); Belgorod (50.60 N, 36.59 E) for contrast.
    assert maps.country_at(ds.boundaries, 44.95, 34.10) == "Ukraine"
    assert maps.country_at(ds.boundaries, 44.60, 33.52) == "Ukraine"
    assert maps.country_at(ds.boundaries, 50.60, 36.59) == "Russia"


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: {**t, "type": "FeatureCollection"}, "not TopoJSON"),
    (lambda t: {k: v for k, v in t.items() if k != "transform"}, "'transform' must give"),
    (lambda t: {**t, "arcs": t["arcs"][:5]}, "is not one of the 5 arcs"),
    (lambda t: {**t, "objects": {}}, "without 'objects'"),
])
def test_a_broken_boundary_file_is_a_data_error_naming_it(data_copy: Path, change, message: str) -> None:
    path = data_copy / "boundaries.topojson"
    path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_boundaries(data_copy)
    assert any(p.file == "boundaries.topojson" and message in p.message for p in info.value.problems), \
        info.value.problems
    with pytest.raises(DataError):
        helpers.load_dataset(data_copy)


def test_a_boundary_file_that_is_not_json_names_the_line(data_copy: Path) -> None:
    (data_copy / "boundaries.topojson").write_text('{"type": "Topology",\n  "arcs": [,]}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_boundaries(data_copy)
    (problem,) = info.value.problems
    assert problem.file == "boundaries.topojson" and problem.line == 2 and "not valid JSON" in problem.message


# --------------------------------------------------------------------------------------------
# Places and links


def test_every_event_location_resolves_to_a_place(ds: helpers.Dataset) -> None:
    located = set(ds.events.loc[ds.events["location"].notna(), "id"])
    linked = set(ds.event_places["event_id"])
    assert located <= linked
    links = ds.event_places
    assert links.loc[links["role"] == "not_a_place", "place_id"].isna().all()
    assert links.loc[links["role"] != "not_a_place", "place_id"].notna().all()


def test_an_unlinked_location_is_a_data_error_at_its_event(data_copy: Path) -> None:
    path = data_copy / "event_places.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("ev024,")), encoding="utf-8")
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_copy)
    (problem,) = info.value.problems
    assert (problem.file, problem.column) == ("events.csv", "location") and "ev024" in problem.message


def test_a_link_without_a_place_or_a_place_without_a_link_reason_is_caught(data_copy: Path) -> None:
    path = data_copy / "event_places.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("ev024,sumy,target,", "ev024,,target,").replace(",,not_a_place,", ",kyiv,not_a_place,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_copy)
    messages = sorted(p.message for p in info.value.problems)
    assert messages == ["a location that names no place has no place_id", "a target needs a place"]


def test_a_region_must_say_where_it_is_marked(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",Kursk,geonames:538560", ",,geonames:538560"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_copy)
    (problem,) = info.value.problems
    assert (problem.file, problem.column) == ("places.csv", "placed_at")


def test_coordinates_fall_inside_the_country_the_source_names(ds: helpers.Dataset) -> None:
    # The boundary file covers its bbox (12–60° E, 40–62° N); every place inside it must lie in its country.
    w, s, e, n = ds.boundaries["bbox"]
    checked = 0
    for p in ds.places.itertuples():
        if not (w <= p.longitude <= e and s <= p.latitude <= n):
            continue  # Washington, Vladivostok, Rio …: beyond the borders the file holds
        assert maps.country_at(ds.boundaries, p.latitude, p.longitude) == p.country, p.id
        checked += 1
    assert checked >= 25


def test_the_country_check_catches_swapped_coordinates(ds: helpers.Dataset) -> None:
    kursk = ds.places.set_index("id").loc["kursk"]
    # Latitude and longitude swapped: 36.18 N, 51.73 E is in Iran, south of the file; no country of it holds it.
    assert maps.country_at(ds.boundaries, kursk["longitude"], kursk["latitude"]) != "Russia"
    # A sign slip puts Kharkiv at 36.25 W, in the Atlantic.
    assert maps.country_at(ds.boundaries, 49.98, -36.25) is None


def test_a_region_or_country_sits_where_its_centre_does(ds: helpers.Dataset) -> None:
    places = ds.places.set_index("name")
    for p in ds.places[ds.places["kind"].isin(["region", "country"])].itertuples():
        centre = places.loc[p.placed_at] if p.placed_at in places.index else None
        if centre is not None:
            assert (centre["latitude"], centre["longitude"]) == (p.latitude, p.longitude), p.id


def test_every_strike_of_the_week_is_on_the_map_or_named_in_its_subtitle(ds: helpers.Dataset) -> None:
    strikes = ds.in_focus(ds.events, aftermath=True)  # the map covers the week and its aftermath
    strikes = set(strikes.loc[strikes["kind"] == "strike", "id"])
    s = maps.strike_places(ds)
    assert set(s["event_id"]) == strikes
    spec = map_charts.strike_map(ds).to_dict()
    drawn = {r["event_id"] for rows in spec["datasets"].values() for r in rows if isinstance(r, dict)
             and "event_id" in r and "role" in r}
    off = set(s.loc[~s["on_map"], "event_id"])
    assert drawn | off == strikes and off == {"ev118"}
    assert any("ev118" in line for line in spec["title"]["subtitle"])


# --------------------------------------------------------------------------------------------
# Geodesy, worked by hand


def test_a_degree_of_latitude_is_111_km() -> None:
    # 2 * pi * 6371.0088 / 360 = 111.195 km along any meridian.
    assert maps.haversine_km(50, 30, 51, 30) == pytest.approx(111.195, abs=0.01)
    # Along the equator, a degree of longitude is the same.
    assert maps.haversine_km(0, 10, 0, 11) == pytest.approx(111.195, abs=0.01)


def test_destination_goes_where_the_bearing_points() -> None:
    lat, lon = maps.destination(50.0, 30.0, 0.0, 111.195)
    assert (float(lat), float(lon)) == (pytest.approx(51.0, abs=1e-3), pytest.approx(30.0, abs=1e-9))
    ring = maps.circle(48.0, 35.0, 300.0)
    assert all(maps.haversine_km(48.0, 35.0, y, x) == pytest.approx(300.0, abs=0.5) for x, y in ring)


def test_distance_to_a_square_country_by_hand() -> None:
    # A one-degree square country at the equator (quantised by 0.001°); a point 1° east of its east edge is
    # 111.2 km away, a point inside it is 0 km away.
    topo = {"type": "Topology", "transform": {"scale": [0.001, 0.001], "translate": [0, 0]},
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Square"}}]}},
            "arcs": [[[0, 0], [1000, 0], [0, 1000], [-1000, 0], [0, -1000]]]}
    d = maps.distance_to_country_km(topo, "Square", [0.5, 0.5], [2.0, 0.5])
    assert d[0] == pytest.approx(111.2, abs=0.6) and d[1] == 0.0
    assert maps.country_at(topo, 0.5, 0.5) == "Square" and maps.country_at(topo, 0.5, 1.5) is None


def test_a_point_on_a_border_belongs_to_one_side_of_it() -> None:
    # The even-odd rule counts an edge crossed strictly to the east of the point, so a point on a square's
    # west edge is inside it and one on its east edge is not: on a shared border, the eastern country has it.
    square = [[np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])]]
    inside = maps._inside(np.array([0.5, 0.0, 1.0, 1.5]), np.array([0.5, 0.5, 0.5, 0.5]), square)
    assert inside.tolist() == [True, True, False, False]


def _segments(lines: list) -> set[frozenset]:
    return {frozenset(map(tuple, line)) for line in lines}


def test_saddle_cells_are_cut_into_two_lines_by_hand() -> None:
    # A 2 x 2 grid with the high corners diagonal: the level 0.5 crosses all four edges at their middles. An
    # ambiguous cell is always read the same way: one line cuts off the bottom-left corner, one the top-right,
    # whether those corners are the high ones or the low ones.
    lons, lats = np.array([0.0, 1.0]), np.array([0.0, 1.0])
    five = maps._contour(lons, lats, np.array([[1.0, 0.0], [0.0, 1.0]]), 0.5)
    assert _segments(five) == {frozenset({(0.0, 0.5), (0.5, 0.0)}), frozenset({(1.0, 0.5), (0.5, 1.0)})}
    ten = maps._contour(lons, lats, np.array([[0.0, 1.0], [1.0, 0.0]]), 0.5)
    assert _segments(ten) == _segments(five)


def test_a_reach_without_the_source_s_words_says_none(ds: helpers.Dataset) -> None:
    import dataclasses

    systems = ds.weapon_systems.copy()
    systems.loc[systems["id"] == "atacms", "range_wording"] = pd.NA
    reach = {r.weapon_id: r for r in maps.reaches(dataclasses.replace(ds, weapon_systems=systems))}
    assert reach["atacms"].wording == "" and reach["storm_shadow"].wording


def test_a_reach_line_lies_at_its_range_from_the_border(ds: helpers.Dataset) -> None:
    (atacms,) = [r for r in maps.reaches(ds) if r.weapon_id == "atacms"]
    pts = [pt for line in atacms.lines for pt in line]
    d = maps.distance_to_country_km(ds.boundaries, "Ukraine", [y for _, y in pts], [x for x, _ in pts])
    assert abs(d - 300).max() < 15  # the grid is 0.12°, about 10 km
    assert all(maps.country_at(ds.boundaries, y, x) in ("Russia", "Belarus") for x, y in pts[::10])


def test_strike_distances_by_hand(ds: helpers.Dataset) -> None:
    d = maps.strike_distances(ds).groupby("place_id")["km_from_border"].first()  # Odesa was struck twice
    # Rylsk lies about 25 km from the Ukrainian border; Karachev, north-east of Bryansk, over 100 km.
    assert d["rylsk_district"] < 40 and d["karachev"] > 100
    # Sumy is about 30 km from Russia's border, Odesa (with Crimea in Ukraine) several hundred.
    assert d["sumy"] < 40 and d["odesa"] > 400


# --------------------------------------------------------------------------------------------
# The chart


def test_the_map_spec_is_small_fixed_and_described(ds: helpers.Dataset) -> None:
    chart = map_charts.strike_map(ds)
    spec = chart.to_dict()
    size = len(json.dumps(spec))
    assert size <= 200_000, size
    assert spec["name"] == "strike_map" and spec["width"] <= 800
    projections = [layer["projection"] for layer in spec["layer"]]
    assert all(p["type"] == "mercator" and "scale" in p for p in projections)
    assert len({json.dumps(p, sort_keys=True) for p in projections}) == 1, "every layer shares one projection"
    assert "Dnipro" in spec["description"] and "ATACMS 300 km" in spec["description"]
    assert spec["params"][0]["bind"]["input"] == "range"
    assert spec["title"]["subtitle"][0] == ("Strikes of the week (17–23 November 2024) and its aftermath "
                                            "(24–26 November 2024), by side and weapon.")


def test_the_map_uses_side_colours_for_sides_only(ds: helpers.Dataset) -> None:
    from helpers.charts import SIDE_COLORS

    spec = map_charts.strike_map(ds).to_dict()
    side = set(SIDE_COLORS.values())
    for layer in spec["layer"]:
        for channel, enc in layer.get("encoding", {}).items():
            rng = (enc.get("scale") or {}).get("range", []) if isinstance(enc, dict) else []
            if channel not in ("color", "stroke") and isinstance(rng, list):
                assert not side & {r for r in rng if isinstance(r, str)}, channel
            if channel in ("color", "stroke") and rng:
                assert enc.get("title") == "Side"


def test_labels_do_not_overlap_at_laptop_width(ds: helpers.Dataset) -> None:
    p = map_charts.projection_params()
    items = [{"lon": lon, "lat": lat, "text": t} for t, lon, lat in
             [("Kursk region*", 36.18, 51.73), ("Kursk-Vostochny (Khalino) airbase", 36.30, 51.75),
              ("Rylsk district*", 34.68, 51.57), ("Sumy", 34.80, 50.92)]]
    labels = map_charts.place_labels(items, p)
    assert labels["placed"].all()
    boxes = []
    for r in labels.itertuples():
        x, y = map_charts.project(r.label_lon, r.label_lat, p)
        w = text_width(r.text, map_charts.LABEL_FONT)
        x0 = {"left": x, "right": x - w, "center": x - w / 2}[r.align]
        boxes.append((x0, y - 6, x0 + w, y + 6))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not map_charts._overlap(a, b), (a, b)


def _label_boxes(spec: dict) -> list[tuple[str, tuple[float, ...]]]:
    """(text, pixel box) of every place and reach label the map draws, read back from its spec."""
    p = map_charts.projection_params()
    out = []
    for layer in spec["layer"]:
        mark = layer.get("mark")
        if not (isinstance(mark, dict) and mark.get("type") == "text" and "align" in mark):
            continue  # country names are centred on no point and carry no alignment
        for row in spec["datasets"][layer["data"]["name"]]:
            x, y = map_charts.project(row["lon"], row["lat"], p)
            # A label of several lines (broken at '\n', which the mark must be told) is a block centred on y.
            lines = row["text"].split("\n")
            assert len(lines) == 1 or mark.get("lineBreak") == "\n"
            w = max(text_width(line, map_charts.LABEL_FONT) for line in lines)
            half = 5 + (len(lines) - 1) * (map_charts.LABEL_FONT + 2) / 2  # the glyphs' height, not the line's
            x0 = {"left": x, "right": x - w, "center": x - w / 2}[mark["align"]]
            out.append((row["text"], (x0, y - half, x0 + w, y + half)))
    return out


def _drawn_lines(spec: dict) -> np.ndarray:
    """Every reach line and flight path the map draws, as pixel points a few px apart."""
    lines = []
    for layer in spec["layer"]:
        data = layer.get("data", {})
        if isinstance(data.get("values"), str) and '"LineString"' in data["values"]:
            lines += [f["geometry"]["coordinates"] for f in json.loads(data["values"])]
        elif layer.get("mark", {}) == "line" or (isinstance(layer.get("mark"), dict)
                                                 and layer["mark"].get("type") == "line"):
            rows = spec["datasets"][data["name"]]
            for eid in {r["event_id"] for r in rows}:
                lines.append([[r["lon"], r["lat"]] for r in sorted(rows, key=lambda r: r["k"]) if r["event_id"] == eid])
    assert lines, "the map draws no line: the test would pass on nothing"
    return map_charts._pixel_points(lines, map_charts.projection_params())


def test_no_line_strikes_a_label_through(ds: helpers.Dataset) -> None:
    """Reach lines and the flight path run beside the labels, never through one (it reads as struck out)."""
    spec = map_charts.strike_map(ds).to_dict()
    pts = _drawn_lines(spec)
    boxes = _label_boxes(spec)
    assert {"Taurus 500 km", "Iskander-M 500 km", "Dnipro", "Odesa"} <= {t for t, _ in boxes}
    crossed = [t for t, box in boxes if map_charts._crossed(box, pts)]
    # The two Kursk targets sit side by side where four lines meet: no spot beside them is clear, so their labels
    # are drawn on white cards that break the lines under them, as is any other label a line runs through (the
    # Oreshnik's, on its flight path). A card is drawn first (under the text) and covers its label's box.
    assert {"Kursk region*", "Kursk-Vostochny (Khalino) airbase"} <= set(crossed) and len(crossed) <= 3
    cards = [(i, row) for i, layer in enumerate(spec["layer"]) if isinstance(layer.get("mark"), dict)
             and layer["mark"].get("type") == "rect" for row in spec["datasets"][layer["data"]["name"]]]
    p = map_charts.projection_params()
    carded = []
    for _i, card in cards:
        x0, y0 = map_charts.project(card["w"], card["n"], p)
        x1, y1 = map_charts.project(card["e"], card["s"], p)
        carded += [t for t, b in boxes if x0 <= b[0] and b[2] <= x1 and y0 <= b[1] and b[3] <= y1]
    assert sorted(carded) == sorted(crossed)  # every label a line runs through is on a card, and only those
    for (i, card), text in zip(cards, [t for t in carded], strict=True):
        assert spec["layer"][i]["mark"]["color"] == "white"
        x0, y0 = map_charts.project(card["w"], card["n"], p)
        x1, y1 = map_charts.project(card["e"], card["s"], p)
        box = dict(boxes)[text]
        assert x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1
        later = [row["text"] for layer in spec["layer"][i + 1:] if "data" in layer and "name" in layer["data"]
                 for row in spec["datasets"][layer["data"]["name"]] if isinstance(row, dict) and "text" in row]
        assert text in later  # the label itself is drawn over its card


def test_the_line_check_sees_a_line_through_a_box() -> None:
    # Worked by hand: a horizontal line at y = 5 crosses the box 0..10 × 0..10; one at y = 12 does not.
    line = np.array([[x, 5.0] for x in range(-5, 20, 3)])
    assert map_charts._crossed((0, 0, 10, 10), line)
    assert not map_charts._crossed((0, 0, 10, 10), line + np.array([0, 7]))
    assert not map_charts._crossed((0, 0, 10, 10), np.empty((0, 2)))


def test_simplify_keeps_the_corners_and_drops_the_straight_runs() -> None:
    p = {"width": 100, "height": 100, "center": [0.0, 0.0], "scale": 180 / math.pi}  # 1 px per degree at the equator
    # Worked by hand: five points on one straight line need only their ends; a V keeps its apex too.
    straight = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]
    assert map_charts.simplify(straight, p) == [[0, 0], [4, 0]]
    vee = [[0, 0], [1, -1], [2, -2], [3, -1], [4, 0]]
    assert map_charts.simplify(vee, p) == [[0, 0], [2, -2], [4, 0]]
    # A bump of 0.3 px is within the tolerance (0.4 px) and goes; one of 0.5 px stays.
    assert map_charts.simplify([[0, 0], [2, 0.3], [4, 0]], p) == [[0, 0], [4, 0]]
    assert map_charts.simplify([[0, 0], [2, 0.5], [4, 0]], p) == [[0, 0], [2, 0.5], [4, 0]]
    assert map_charts.simplify([[0, 0], [1, 1]], p) == [[0, 0], [1, 1]]


def test_reach_lines_are_drawn_within_the_tolerance_of_their_points(ds: helpers.Dataset) -> None:
    """Every computed point of a reach line lies within 0.4 px of the drawn line, from a fraction of the points."""
    p = map_charts.projection_params()
    reach_list = maps.reaches(ds)
    feats = map_charts.reach_features(reach_list, p)
    lines = [line for r in reach_list for line in r.lines]
    assert len(feats) == len(lines)
    kept = sum(len(f["geometry"]["coordinates"]) for f in feats)
    assert kept < sum(map(len, lines)) / 3
    # Coordinates are stored to 0.01°: up to 0.005° off, 0.13 px across and, at 57.5° N (the map's top), 0.24 px
    # up or down: 0.27 px at most, on top of the tolerance.
    n = maps.EXTENT[3]
    across = p["scale"] * math.radians(0.005)
    slack = math.hypot(across, across / math.cos(math.radians(n)))
    for f, line in zip(feats, lines, strict=True):
        drawn = map_charts._pixel_points([f["geometry"]["coordinates"]], p, step=0.1)
        for lon, lat in line:
            x, y = map_charts.project(lon, lat, p)
            assert np.hypot(drawn[:, 0] - x, drawn[:, 1] - y).min() <= map_charts.TOLERANCE_PX + slack + 0.05


def test_the_label_placer_would_see_an_overlap() -> None:
    # Planted: two boxes sharing a corner region overlap; side by side they do not.
    assert map_charts._overlap((0, 0, 10, 10), (5, 5, 15, 15))
    assert not map_charts._overlap((0, 0, 10, 10), (10, 0, 20, 10))


def test_projection_round_trips(ds: helpers.Dataset) -> None:
    p = map_charts.projection_params()
    x, y = map_charts.project(35.04, 48.47, p)
    lon, lat = map_charts.invert(x, y, p)
    assert (lon, lat) == (pytest.approx(35.04), pytest.approx(48.47))
    w, s, e, n = maps.EXTENT
    assert map_charts.project(w, n, p) == (pytest.approx(0, abs=1e-6), pytest.approx(0, abs=0.5))  # height rounded
    assert map_charts.project(e, s, p)[0] == pytest.approx(p["width"])
    assert math.isclose(map_charts.project(e, s, p)[1], p["height"], abs_tol=1)


# --------------------------------------------------------------------------------------------
# The exercise


def test_strikes_beyond_reach_counts_by_hand(ds: helpers.Dataset) -> None:
    ex = exercises.strikes_beyond_reach(ds, "himars")
    # Ukraine's strikes inside Russia, 17–26 Nov: Karachev (19th), Rylsk district (20th), Kursk region (23rd),
    # Khalino (25th). Beyond 80 km of the border: all but Rylsk.
    assert ex.answer == 3 and ex.check(3) and ex.check("3")
    assert not ex.check(4) and "every strike" in ex.check(4).message
    assert not ex.check(1) and "within 80 km" in ex.check(1).message
    assert exercises.strikes_beyond_reach(ds, "atacms").answer == 0
    with pytest.raises(KeyError):
        exercises.strikes_beyond_reach(ds, "patriot")


def test_every_shaded_country_is_named_on_the_map(ds: helpers.Dataset) -> None:
    """The shading has no legend (it is a background), so each shaded country carries its name, drawn inside it."""
    spec = map_charts.strike_map(ds).to_dict()
    fill = next(layer["encoding"]["fill"] for layer in spec["layer"] if "fill" in layer.get("encoding", {}))
    shaded = [c for c in fill["scale"]["domain"] if c != "other"]
    names = map_charts.country_labels(ds)
    assert sorted(names["text"]) == sorted(c.upper() for c in shaded) == ["BELARUS", "RUSSIA", "UKRAINE"]
    rings = maps.country_rings(ds.boundaries)
    for row in names.itertuples():
        inside = maps._inside(np.array([row.lon]), np.array([row.lat]), rings[row.text.title()])
        assert inside[0], row.text
    texts = [layer for layer in spec["layer"] if layer.get("mark", {}) == "text"
             or (isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text")]
    assert any("BELARUS" in json.dumps(spec["datasets"][t["data"]["name"]]) for t in texts if "data" in t)


def test_the_map_draws_data_without_places_or_a_week() -> None:
    """Imported or synthetic data names no places and spans years: the map still draws, and says 'period'."""
    from helpers import synthetic

    ds = synthetic.dataset(1000, seed=1)
    spec = map_charts.strike_map(ds).to_dict()
    assert spec["title"]["subtitle"][0].startswith("Strikes of the period (")
    assert spec["width"] <= 800


def test_an_edited_topology_is_not_served_the_old_rings(ds: helpers.Dataset) -> None:
    """The rings are cached by the topology's content: moving a country's points moves its answer."""
    import copy

    topo = copy.deepcopy(ds.boundaries)
    assert maps.country_at(topo, 50.45, 30.52) == "Ukraine"  # Kyiv
    topo["objects"]["countries"]["geometries"] = [g for g in topo["objects"]["countries"]["geometries"]
                                                  if g.get("properties", {}).get("name") != "Ukraine"]
    assert maps.country_at(topo, 50.45, 30.52) is None


# A map 1 px per degree at the equator, centred on (0, 0): a point at (lon, 0) sits at x = width / 2 + lon and
# y = height / 2. Labels are 13 px high (the 11 px font and 2 px) and 6.3 px per character wide.
def _flat(width: int, height: int) -> dict:
    return {"width": width, "height": height, "center": [0.0, 0.0], "scale": 180 / math.pi}


def test_a_label_that_just_fits_inside_the_margin_is_placed_there() -> None:
    # Worked by hand: on a 17 px high map a point at (0, 0) sits at y 8.5. The first spot, 8 px to its right,
    # gives a box from y 2 to 15: exactly the 2 px margin at the top and at the bottom.
    row = map_charts.place_labels([{"lon": 0, "lat": 0, "text": "Kyiv"}], _flat(200, 17)).iloc[0]
    assert row["placed"] and row["align"] == "left"
    assert (row["label_lon"], row["label_lat"]) == (pytest.approx(8), pytest.approx(0))


@pytest.mark.parametrize("lat", [1, -1])
def test_a_label_a_pixel_over_the_margin_is_not_placed(lat: int) -> None:
    # Worked by hand: 1° up (or down) moves the point 1 px; each spot's box then crosses the top (bottom) margin,
    # and every other spot is 11 px or more further up or down, off a 17 px map.
    row = map_charts.place_labels([{"lon": 0, "lat": lat, "text": "Kyiv"}], _flat(200, 17)).iloc[0]
    assert not row["placed"]


def test_a_label_at_the_left_edge_moves_to_the_first_spot_inside() -> None:
    # Worked by hand: a point at x = -10 (lon -110 on a 200 px map, 60 px high: y 30). Every spot up to the eighth
    # starts left of the 2 px margin (x + 8 = -2 at best); the ninth, 14 px right and 11 px up, starts at x 4.
    row = map_charts.place_labels([{"lon": -110, "lat": 0, "text": "Kyiv"}], _flat(200, 60)).iloc[0]
    assert row["placed"] and row["align"] == "left"
    assert row["label_lon"] == pytest.approx(-96)
    assert row["label_lat"] == pytest.approx(math.degrees(2 * math.atan(math.exp(math.radians(11))) - math.pi / 2),
                                              abs=1e-4)


def test_a_label_at_the_right_edge_goes_to_the_left_of_its_point() -> None:
    # Worked by hand: a point at x 190 of 200: right of it the box would end at 223; left of it, it runs from
    # 182 - 25.2 to 182.
    row = map_charts.place_labels([{"lon": 90, "lat": 0, "text": "Kyiv"}], _flat(200, 17)).iloc[0]
    assert row["placed"] and row["align"] == "right"
    assert row["label_lon"] == pytest.approx(82)


def test_the_shape_legend_lists_weapons_then_not_named_then_launch_sites() -> None:
    order = map_charts.legend_marks(["not named", "launch site", "drones", "ATACMS", "Storm Shadow", "ATACMS"])
    assert order == ["ATACMS", "drones", "Storm Shadow", "not named", "launch site"]
    assert map_charts.legend_marks(["Oreshnik"]) == ["Oreshnik", "launch site"]
    assert map_charts.legend_marks([]) == ["launch site"]


def test_the_map_s_shape_legend_matches_its_shapes(ds: helpers.Dataset) -> None:
    spec = map_charts.strike_map(ds).to_dict()
    scale, = [layer["encoding"]["shape"]["scale"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    assert scale["domain"][-2:] == ["not named", "launch site"]
    assert scale["domain"][0] == "ATACMS" and scale["range"][0] == "circle" and scale["range"][-1] == "cross"
    assert len(scale["range"]) == len(scale["domain"])


@pytest.mark.parametrize("name, short", [
    ("Taurus KEPD 350", "Taurus"), ("Storm Shadow / SCALP-EG", "Storm Shadow"), ("Patriot (MIM-104)", "Patriot"),
    ("ATACMS (Army Tactical Missile System)", "ATACMS"), ("KN-23/KN-24 (Hwasong-11)", "KN-23/KN-24"),
    ("F-16 Fighting Falcon", "F-16 Fighting Falcon"), ("Iskander M missile", "Iskander M missile"),
    ("ATACMS", "ATACMS"),
])
def test_a_label_names_a_system_without_its_model_codes(name: str, short: str) -> None:
    # Worked by hand: trailing codes (all capitals or digits) and anything after " (" or " /" go; a last word
    # in lower case stops the trimming.
    assert map_charts._short_name(name) == short


def test_the_oreshnik_flies_from_its_launch_site_to_its_target() -> None:
    # Worked by hand: a launch at (0, 0) and a target at (0, 10) on one meridian: 24 points 10/23° apart, north.
    points = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "role": ["launch", "target", "target"],
                           "lon": [0.0, 0.0, 5.0], "lat": [0.0, 10.0, 5.0], "side": ["Russia", "Russia", "Ukraine"]})
    path = map_charts._flight_paths(points)
    assert len(path) == 24 and set(path["event_id"]) == {"e1"} and set(path["side"]) == {"Russia"}
    assert path["k"].tolist() == list(range(24))
    assert path["lat"].tolist() == pytest.approx([round(10 * k / 23, 3) for k in range(24)], abs=1e-9)
    assert path["lon"].abs().max() == pytest.approx(0, abs=1e-9)


def test_a_strike_known_only_by_its_region_says_so(ds: helpers.Dataset) -> None:
    points = map_charts.strike_points(ds).set_index(["event_id", "place"])
    kursk = points.loc[("ev109", "Kursk region" + map_charts.MARKED_AT_CENTRE)]
    assert kursk["placed"] == "marked at Kursk: the sources give only the region"
    assert points.loc[("ev043", "Karachev"), "placed"] == "the place itself"


def test_the_map_keeps_its_size_shading_labels_and_slider(ds: helpers.Dataset) -> None:
    p = map_charts.projection_params()
    spec = map_charts.strike_map(ds).to_dict()
    assert (spec["width"], spec["height"]) == (p["width"], p["height"])  # the projection fills exactly this box
    shaded = [v for v in spec["layer"] if (v.get("encoding") or {}).get("fill", {}).get("field") == "shade"]
    assert len(shaded) == 1 and shaded[0]["encoding"]["fill"]["scale"]["domain"][-1] == "other"
    texts = [v for v in spec["layer"] if (v.get("mark") or {}).get("type") == "text"]
    # Labels are placed as boxes centred on their anchor: drawn with another baseline they would overlap.
    assert all(v["mark"]["baseline"] == "middle" for v in texts if "align" in v["mark"])
    assert spec["params"][0]["name"] == "map_day"
    flights = [v for v in spec["layer"] if (v.get("mark") or {}).get("strokeDash") == [4, 3]]
    assert len(flights) == 1 and len(spec["datasets"][flights[0]["data"]["name"]]) == 24
    dashes = [v["encoding"]["strokeDash"] for v in spec["layer"] if "strokeDash" in v.get("encoding", {})]
    assert dashes and all(d["legend"]["symbolType"] == "stroke" for d in dashes)


def test_the_map_is_centred_and_draws_its_countries_and_cards(ds: helpers.Dataset) -> None:
    p = map_charts.projection_params()
    spec = map_charts.strike_map(ds).to_dict()
    for layer in spec["layer"]:
        assert layer["projection"]["translate"] == [p["width"] / 2, p["height"] / 2]
        fmt = (layer.get("data") or {}).get("format") or {}
        if fmt.get("type") == "topojson":
            assert fmt["feature"] in ds.boundaries["objects"]
        if (layer.get("mark") or {}).get("type") == "rect":  # the white card under a crossed label: all four sides
            assert {"longitude", "latitude", "longitude2", "latitude2"} <= set(layer["encoding"])


def test_boxes_that_only_touch_do_not_overlap_either_way_round() -> None:
    assert not map_charts._overlap((10, 0, 20, 10), (0, 0, 10, 10))
    assert not map_charts._overlap((0, 10, 10, 20), (0, 0, 10, 10))
    assert map_charts._overlap((9.9, 9.9, 20, 20), (0, 0, 10, 10))


def test_country_names_are_grey_behind_the_strike_labels(ds: helpers.Dataset) -> None:
    # RUSSIA, UKRAINE, BELARUS set the scene in light grey, bold 13 px; the strikes' labels are dark over them.
    spec = map_charts.strike_map(ds).to_dict()
    names = [layer["mark"] for layer in spec["layer"] if (layer.get("mark") or {}).get("type") == "text"
             and layer["mark"].get("fontWeight") == "bold"]
    assert names == [{"type": "text", "fontSize": 13, "fontWeight": "bold", "color": "#b0b0b0"}]


def test_a_label_card_is_the_labels_box_two_pixels_wider_all_round() -> None:
    # Worked by hand: "Kyiv" is (667 + 500 + 222 + 500) / 1000 × 11 = 20.779 px wide and 11 px high; its card runs
    # 2 px beyond on every side: 24.779 px wide and 15 px high, from the label's anchor leftwards, rightwards or
    # both ways by its alignment.
    p = map_charts.projection_params()
    x, y = 300.0, 200.0
    lon, lat = map_charts.invert(x, y, p)
    labels = pd.DataFrame({"label_lon": [lon] * 3, "label_lat": [lat] * 3, "text": ["Kyiv"] * 3,
                           "align": ["left", "right", "center"], "day": [19, 20, 21]})
    cards = map_charts._cards(labels, p)
    boxes = [(*map_charts.project(c.w, c.n, p), *map_charts.project(c.e, c.s, p)) for c in cards.itertuples()]
    expected = [(298.0, 192.5, 322.779, 207.5), (277.221, 192.5, 302.0, 207.5), (287.6105, 192.5, 312.3895, 207.5)]
    for box, want in zip(boxes, expected, strict=True):
        assert box == pytest.approx(want, abs=0.05)
    assert cards["day"].tolist() == [19, 20, 21]


def test_text_width_by_hand() -> None:
    # Helvetica/Arial advance widths, worked by hand: K 667 + y 500 + i 222 + v 500 = 1889 thousandths of 11 px.
    assert text_width("Kyiv", 11) == pytest.approx(20.779)
    # 'Sumy*': S 667 + u 556 + m 833 + y 500 + * 389 = 2945 → 29.45 px at 10 px; accents take their letter's width.
    assert text_width("Sumy*", 10) == pytest.approx(29.45)
    assert text_width("Sumý*", 10) == pytest.approx(29.45)
    assert text_width("", 11) == 0
    # A narrow and a wide word of the same length no longer take the same room.
    assert text_width("illi", 11) < text_width("MWMW", 11) / 3



def test_a_class_range_ring_says_on_which_side_its_band_lies(ds: helpers.Dataset) -> None:
    """A ring at a class's nearer edge (500 km for an IRBM) bounds where it cannot reach: read as a usual range ring,
    it would say the Oreshnik could not reach Dnipro, the strike drawn beside it."""
    ring = maps.Reach("w", "Aardvark (AV-1)", 500.0, "class", "ru", "X region", "", [], (500.0, 5500.0))
    assert map_charts._reach_text(ring) == "class: 500–5,500 km,\nbeyond this line"
    assert map_charts._reach_words(ring) == "class range 500–5,500 km (the ring marks its nearer edge)"
    far = maps.Reach("w", "Aardvark (AV-1)", 5500.0, "class", "ru", "X region", "", [], (500.0, 5500.0))
    assert map_charts._reach_text(far) == map_charts._reach_words(far) == "class: up to 5,500 km"
    own = maps.Reach("h", "Hopper", 80.0, "system", "ua", "Ukraine's border", "", [])
    assert map_charts._reach_text(own) == "80 km"
    spec = map_charts.strike_map(ds).to_dict()
    labels = dict(_label_boxes(spec))
    # On two lines, the label stays near its ring: on one it ran 230 px west, to Odesa's marker (x ≈ 250).
    x0, y0, x1, y1 = labels["Oreshnik class: 500–5,500 km,\nbeyond this line"]
    assert x1 - x0 < 160 and x0 > 350
    # And outside the ring, on the side it says the band lies: inside, "beyond this line" would point inwards.
    ring = next(r for r in maps.reaches(ds) if r.weapon == "Oreshnik")
    pts = np.array([pt for line in ring.lines for pt in line])
    p = map_charts.projection_params()
    corners = np.array([map_charts.invert(x, y, p) for x in (x0, x1) for y in (y0, y1)])
    assert not maps._inside(corners[:, 0], corners[:, 1], [[np.vstack([pts, pts[:1]])]]).any()
    assert "Oreshnik class range 500–5,500 km (the ring marks its nearer edge) from Astrakhan" in spec["description"]


def test_the_side_legend_lists_only_the_sides_the_map_draws(ds: helpers.Dataset) -> None:
    # Every strike of the week and its aftermath was Russian or Ukrainian (events.csv, kind 'strike'): a legend
    # entry for Western partners or Other would send the reader looking for marks that are not there.
    assert set(ds.events.loc[ds.events["kind"] == "strike", "side"].astype(str)) == {"russia_and_partners", "ukraine"}
    spec = map_charts.strike_map(ds).to_dict()
    legends = [enc[ch]["legend"] for layer in spec["layer"] for enc in [layer.get("encoding", {})]
               for ch in ("color", "stroke") if ch in enc and enc[ch].get("title") == "Side"]
    assert legends and all(lg["values"] == ["Russia & partners", "Ukraine"] for lg in legends)


def test_the_map_subtitle_alt_text_and_label_styles_as_written(ds: helpers.Dataset) -> None:
    spec = map_charts.strike_map(ds).to_dict()
    assert spec["title"]["subtitle"][2:4] == [
        "Reach lines: each system's range from the firing side's international border, not from a launcher",
        "or the front line (sources give neither); the Oreshnik's from the region it was launched from."]
    assert " Reach lines: HIMARS 80 km from Ukraine's border; " in spec["description"]
    # Place names upright, reach labels in italics: the two kinds of label read apart.
    styles = {row["text"]: layer["mark"]["fontStyle"] for layer in spec["layer"]
              if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text" and "data" in layer
              and "name" in layer["data"] for row in spec["datasets"][layer["data"]["name"]]
              if isinstance(row, dict) and "text" in row and "fontStyle" in layer["mark"]}
    assert styles["Dnipro"] == "normal" and styles["Taurus 500 km"] == "italic"


def test_reach_features_default_to_the_map_projection(ds: helpers.Dataset) -> None:
    reach = maps.reaches(ds)
    assert map_charts.reach_features(reach) == map_charts.reach_features(reach, map_charts.projection_params())


def test_a_reach_label_goes_at_the_line_s_outer_edge_inside_the_map() -> None:
    # Worked by hand on the map's extent (21–50.5° E, 43.5–57.5° N): a point within 1° of the west edge is left
    # out; for a line measured from Ukraine the northernmost point comes first, and of two at one latitude the one
    # nearer 34° E (0.02 per degree: 55 − 0 against 55 − 0.12); from Russia, the westernmost.
    line = [[21.5, 50.0], [30.0, 52.0], [34.0, 55.0], [40.0, 55.0]]
    reach = maps.Reach("w1", "Test missile", 500.0, "system", "ukraine", "Ukraine's border", "", [line])
    assert map_charts._reach_anchors(reach, every=1) == [(34.0, 55.0), (40.0, 55.0), (30.0, 52.0)]
    russian = maps.Reach("w2", "Test missile", 500.0, "system", "russia", "Russia's border", "", [line])
    assert map_charts._reach_anchors(russian, every=1) == [(30.0, 52.0), (34.0, 55.0), (40.0, 55.0)]
    outside = maps.Reach("w3", "Test missile", 500.0, "system", "ukraine", "", "", [[[21.5, 50.0], [50.2, 57.3]]])
    assert map_charts._reach_anchors(outside) == []


def test_a_flight_that_lands_where_it_started_stays_at_its_point() -> None:
    # At (44.37° N, 25.48° E) a unit vector's dot with itself rounds to 1.0000000000000002: the arc must not
    # fail on acos, nor divide by sin(0).
    assert map_charts._slerp(44.37, 25.48, 44.37, 25.48, 0.5) == (25.48, 44.37)
    lon, lat = map_charts._slerp(50.0, 30.0, 50.0, 40.0, 0.0)
    assert (lon, lat) == pytest.approx((30.0, 50.0))


def test_a_crossed_label_s_white_card_follows_the_day_slider_with_its_label() -> None:
    # A card drawn for every day would leave a white patch on the map where a later strike's label is not yet shown.
    p = map_charts.projection_params()
    labels = pd.DataFrame({"label_lon": [30.5], "label_lat": [50.4], "text": ["Kyiv"], "align": ["left"],
                           "day": [21], "clear": [False]})
    shown = alt.datum.day <= alt.param(name="map_day", value=26)
    layers = [layer.to_dict() for layer in map_charts._text_layers(labels, p, {"type": "mercator"}, filter_expr=shown)]
    assert [layer["mark"]["type"] for layer in layers] == ["rect", "text"]
    assert all(layer.get("transform") == [{"filter": "(datum.day <= map_day)"}] for layer in layers)


def test_a_place_label_keeps_off_the_country_names(ds: helpers.Dataset, monkeypatch) -> None:
    """A strike 8 px above a country's name: its label, beside the point, would cover the name's upper half, so
    it moves. The name's capitals are about 9.4 px tall at 13 px (0.72 of the size): 5 px each way of its centre."""
    p = map_charts.projection_params()
    names = map_charts.country_labels(ds)
    russia = names[names["text"] == "RUSSIA"].iloc[0]
    x, y = map_charts.project(russia["lon"], russia["lat"], p)
    lon, lat = map_charts.invert(x, y - 8, p)
    points = map_charts.strike_points(ds)
    one = points[points["role"] == "target"].head(1).assign(lon=lon, lat=lat, place="Testplace")
    monkeypatch.setattr(map_charts, "strike_points", lambda _ds: one.reset_index(drop=True))
    spec = map_charts.strike_map(ds, reach=False).to_dict()
    half = text_width("RUSSIA", 13) / 2  # regular weight: the bold name is at least this wide
    name_box = (x - half, y - 5, x + half, y + 5)
    boxes = dict(_label_boxes(spec))
    assert "Testplace" in boxes
    assert not map_charts._overlap(boxes["Testplace"], name_box), (boxes["Testplace"], name_box)


def test_markers_on_one_spot_are_set_side_by_side_earliest_left_by_hand() -> None:
    # On a flat map 1 px a degree: two strikes on (10, 0) and one 3 px off it (13, 0) are one group, centre
    # (11, 0): three markers 7 px out at 180°, 300° and 60° — (4, 0), (14.5, 6.06) and (14.5, −6.06) in degrees,
    # y up, as x = 11 + 7 cos a, y = 7 sin a. A point 40 px away keeps its place.
    p = _flat(400, 200)
    points = pd.DataFrame({"event_id": ["ev2", "ev1", "ev3", "ev4"], "day": [18, 17, 19, 17],
                           "lon": [10.0, 10.0, 13.0, 50.0], "lat": [0.0, 0.0, 0.0, 0.0]})
    out = map_charts.dodge(points, p)
    got = [(round(lon, 1), round(lat, 1)) for lon, lat in zip(out["lon"], out["lat"], strict=True)]
    # ev1 (17 Nov) first: left; ev2 (18th) at 300°; ev3 (19th) at 60°. Latitude in Mercator: small angles ≈ degrees.
    assert got[1] == (4.0, 0.0) and got[0] == (14.5, pytest.approx(-6.1, abs=0.1)) and got[2] == (
        14.5, pytest.approx(6.1, abs=0.1))
    assert got[3] == (50.0, 0.0)
    assert map_charts.dodge(points.iloc[[3]], p).equals(points.iloc[[3]])


def test_no_two_strike_markers_on_the_map_hide_each_other(ds: helpers.Dataset) -> None:
    # Odesa and Dnipro were each struck twice, the two Kursk targets lie 3 px apart: every marker now keeps at
    # least 11 px (its own width) from every other.
    p = map_charts.projection_params()
    spec = map_charts.strike_map(ds).to_dict()
    dots = next(v for v in spec["layer"] if (v.get("mark") or {}).get("type") == "point")
    xy = np.array([map_charts.project(r["lon"], r["lat"], p) for r in spec["datasets"][dots["data"]["name"]]])
    gaps = [np.hypot(*(a - b)) for i, a in enumerate(xy) for b in xy[i + 1:]]
    assert min(gaps) >= 11, min(gaps)


def test_a_place_label_keeps_off_every_marker_of_its_place(ds: helpers.Dataset) -> None:
    # Odesa's two markers stand side by side: its label goes beside them, over neither (a marker is 11 px wide).
    p = map_charts.projection_params()
    spec = map_charts.strike_map(ds).to_dict()
    dots = next(v for v in spec["layer"] if (v.get("mark") or {}).get("type") == "point")
    boxes = dict(_label_boxes(spec))
    for place in ("Odesa", "Dnipro"):
        markers = [r for r in spec["datasets"][dots["data"]["name"]] if r["place"] == place]
        assert len(markers) == 2
        for r in markers:
            x, y = map_charts.project(r["lon"], r["lat"], p)
            assert not map_charts._overlap(boxes[place], (x - 5.5, y - 5.5, x + 5.5, y + 5.5)), (place, r["mark"])
