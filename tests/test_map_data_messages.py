"""The map's data rules, each with its exact message: the borders file, places, links, and the periods."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import DataError
from helpers.data import load_boundaries

# A smallest valid Topology, worked by hand: two arcs closing one ring of one country.
TINY = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0]], [[1, 0], [-1, 0]]],
        "objects": {"countries": {"type": "GeometryCollection",
                                  "geometries": [{"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "X"}}]}}}
GEOMETRY = "object 'countries', geometry 0 (X)"


def _borders(data_copy: Path, text: str) -> list[str]:
    (data_copy / "boundaries.topojson").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_boundaries(data_copy)
    return [str(p) for p in info.value.problems]


def _with(**changes: object) -> str:
    topo = json.loads(json.dumps(TINY))
    for key, value in changes.items():
        if value is None:
            del topo[key]
        else:
            topo[key] = value
    return json.dumps(topo)


def test_the_tiny_topology_is_valid(data_copy: Path) -> None:
    (data_copy / "boundaries.topojson").write_text(json.dumps(TINY), encoding="utf-8")
    assert load_boundaries(data_copy) == TINY


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply to be TopoJSON"),
    (json.dumps({"type": "FeatureCollection"}),
     'not TopoJSON: the top level must be an object with "type": "Topology"'),
    (_with(objects={}), "TopoJSON without 'objects': nothing to draw"),
    (_with(arcs=[[[0, 0]]]),
     "'arcs' must be a list of arcs, each at least two [x, y] pairs of whole numbers (quantised)"),
    (_with(transform=None), "'transform' must give 'scale' and 'translate', two numbers each"),
    (_with(objects={"countries": {"type": "GeometryCollection"}}),
     "object 'countries' must be a GeometryCollection with 'geometries'"),
    (_with(objects={"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [0, 0], "properties": {"name": "X"}}]}}),
     f"{GEOMETRY}: type must be Polygon or MultiPolygon"),
    (_with(objects={"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 9]], "properties": {"name": "X"}}]}}),
     f"{GEOMETRY}: arc index 9 is not one of the 2 arcs"),
    (_with(objects={"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [0, 1], "properties": {"name": "X"}}]}}),
     f"{GEOMETRY}: 'arcs' is not nested as a Polygon needs"),
])
def test_a_broken_borders_file_gets_its_exact_message(data_copy: Path, text: str, message: str) -> None:
    assert _borders(data_copy, text) == [f"boundaries.topojson: {message}"]


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_dir)
    return [str(p) for p in info.value.problems]


def test_a_place_and_where_it_is_drawn(edit_csv) -> None:
    # Line 2 is Kyiv, a city: it has coordinates of its own. Line 15 is Kursk region, placed at Kursk.
    def change(text: str) -> str:
        text = text.replace("kyiv,Kyiv,city,Ukraine,50.45466,30.5238,,", "kyiv,Kyiv,city,Ukraine,50.45466,30.5238,X,")
        return text.replace(",36.18457,Kursk,geonames:538560", ",36.18457,,geonames:538560")
    assert _problems(edit_csv("places.csv", change)) == [
        "places.csv, line 2, column 'placed_at': a city has coordinates of its own; placed_at is only for a region "
        "or a country",
        "places.csv, line 15, column 'placed_at': a region is drawn at one point: name it (its administrative centre "
        "or capital)",
    ]


def test_a_link_given_twice(edit_csv) -> None:
    # event_places.csv line 26 links ev024 (events.csv line 25) to Sumy; here it is written a second time.
    twice = _problems(edit_csv("event_places.csv", lambda t: t + "ev024,sumy,target,\n"))
    lines = len((helpers.DATA_DIR / "event_places.csv").read_text(encoding="utf-8").splitlines())
    assert twice == [f"event_places.csv, line {lines + 1}: the same link as line 26"]


def test_an_event_location_without_a_link(edit_csv) -> None:
    found = _problems(edit_csv("event_places.csv", lambda t: t.replace("ev024,sumy,target,\n", "")))
    assert found == ["events.csv, line 25, column 'location': ev024 names a location but no row of "
                     "event_places.csv links it to a place (or says it names none)"]


def test_the_aftermath_cannot_end_before_the_week(data_copy: Path) -> None:
    desc = data_copy / "datapackage.json"
    package = json.loads(desc.read_text(encoding="utf-8"))
    package["temporal"]["aftermath_end"] = "2024-11-20"
    desc.write_text(json.dumps(package), encoding="utf-8")
    assert _problems(data_copy) == [
        "datapackage.json: temporal.focus_end … aftermath_end: 2024-11-23 is later than 2024-11-20"]


def test_a_package_without_an_aftermath_says_so(ds: helpers.Dataset) -> None:
    package = {**ds.package, "temporal": {k: v for k, v in ds.package["temporal"].items() if k != "aftermath_end"}}
    bare = helpers.Dataset(**{**{f: getattr(ds, f) for f in ds.__dataclass_fields__}, "package": package})
    assert bare.aftermath is None
    with pytest.raises(ValueError) as info:
        bare.span_text("aftermath")
    assert str(info.value) == "the package declares no aftermath"
    assert bare.phase(pd.Series(pd.to_datetime(["2024-11-24"]))).tolist() == ["later"]
