"""What the loader promises about the tables it returns and the order of its messages, each worked out by hand.

Written for the bugs `make mutants` planted in `helpers/data.py` and `helpers/descriptor.py` that no test saw:
a joined side column that loses the sides nobody in it has, a text column read as Python objects, messages in
another order, the boundaries read from the bundled folder whatever folder was asked for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import descriptor
from helpers.data import DataError, Problem, _Problems, load_boundaries

# From data/datapackage.json, read by eye: the actors' side enum and the quote checks' outcome enum, in order.
SIDES = ["russia_and_partners", "ukraine", "western_partners", "other"]
OUTCOMES = ["verbatim", "outlet_translation", "not_refound", "differs"]


def test_joined_sides_keep_every_side_in_the_descriptors_order(ds: helpers.Dataset) -> None:
    # Charts colour sides by these categories: a side with no row in a table must still be one, in place.
    for table in (ds.quotes, ds.events, ds.contested):
        assert list(table["side"].cat.categories) == SIDES


def test_a_side_no_row_has_stays_a_category(edit_csv) -> None:
    # Worked by hand: actors.csv gives every 'other' actor's side; make each of them 'ukraine' and no quote,
    # event or contested figure is 'other' any more, yet 'other' stays a category with a count of 0.
    def no_other(text: str) -> str:
        return re.sub(r",other(\r?\n)", r",ukraine\1", text)  # side is the last column

    d = helpers.load_dataset(edit_csv("actors.csv", no_other))
    for table in (d.quotes, d.events, d.contested):
        assert list(table["side"].cat.categories) == SIDES
        assert table["side"].value_counts()["other"] == 0


def test_quote_checks_keep_every_outcome(ds: helpers.Dataset) -> None:
    # No quote of the bundled data 'differs' from its source; the outcome is still counted, as 0.
    assert list(ds.quotes["check"].cat.categories) == OUTCOMES
    assert ds.quotes["check"].value_counts()["differs"] == 0


def test_text_columns_are_pandas_strings_and_integers_nullable(ds: helpers.Dataset) -> None:
    # pandas' "string" dtype, whose missing value is pd.NA (a bare Series of str would be "str", missing NaN).
    for column in (ds.events["summary"], ds.events["note"], ds.quotes["text"], ds.sources["url"]):
        assert isinstance(column.dtype, pd.StringDtype) and column.dtype.na_value is pd.NA, column.name
    assert ds.events["note"].isna().any()
    assert ds.events["note"][ds.events["note"].isna()].iloc[0] is pd.NA
    assert ds.events["quad_class"].dtype == "Int64"  # like every integer column the loader reads


def test_source_outlets_are_indexed_by_source_id(ds: helpers.Dataset) -> None:
    outlets = ds.source_outlets()
    assert outlets.index.name == "id"
    assert list(outlets.index) == list(ds.sources["id"])


def test_boundaries_are_read_from_the_folder_asked_for(data_copy: Path) -> None:
    # The copy names its boundaries file differently: only its own descriptor says where they are.
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    (res,) = [r for r in package["resources"] if r["name"] == "boundaries"]
    res["path"] = "borders.topojson"
    (data_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    (data_copy / "boundaries.topojson").rename(data_copy / "borders.topojson")
    assert load_boundaries(data_copy) == load_boundaries()
    (data_copy / "borders.topojson").write_text('{"type": "FeatureCollection"}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_boundaries(data_copy)
    assert "borders.topojson" in str(err.value)


def _problems(*items: tuple[str, int | None, str | None, str]) -> list[tuple]:
    found = _Problems()
    for file, line, column, message in items:
        found.append(Problem(file, line, column, message))
    return [(p.file, p.line, p.column, p.message) for p in found.sorted()]


def test_problems_come_by_file_then_line_then_column_and_ties_keep_their_order() -> None:
    # By hand: a.csv before b.csv; in a.csv the problem with no line (the whole file) first, then line 1, then
    # line 2, where the problem of no column (the whole row) comes before column 'Date'; two problems in the
    # same cell keep the order they were found in.
    # (The two in one cell are found in the reverse of their alphabetical order: found order, not the text's.)
    assert _problems(("b.csv", 3, "x", "b3"), ("a.csv", 2, "Date", "value is not a date"), ("a.csv", 1, "a", "a1"),
                     ("a.csv", 2, None, "row 2"), ("a.csv", None, "z", "the file"),
                     ("a.csv", 2, "Date", "required value is missing")) == [
        ("a.csv", None, "z", "the file"), ("a.csv", 1, "a", "a1"), ("a.csv", 2, None, "row 2"),
        ("a.csv", 2, "Date", "value is not a date"), ("a.csv", 2, "Date", "required value is missing"),
        ("b.csv", 3, "x", "b3")]


def test_the_counts_of_rows_left_out_follow_their_files_rows_by_column() -> None:
    # 21 rows with one problem in a.csv's whole rows (no column) and 21 in its column 'Date': 20 of each are
    # listed, then one "… and 1 more" line for each, the whole-row one first; b.csv's rows come after both.
    found = _Problems()
    for line in range(2, 23):
        found.append(Problem("a.csv", line, None, f"row {line} is short"), kind="short row")
        found.append(Problem("a.csv", line, "Date", f"bad date on {line}"), kind="bad date")
    found.append(Problem("b.csv", 2, "x", "b2"))
    out = found.sorted()
    assert len(out) == 20 + 20 + 2 + 1
    tail = [(p.file, p.line, p.column, p.message) for p in out[-3:]]
    assert tail == [("a.csv", None, None, "… and 1 more rows with this problem: short row"),
                    ("a.csv", None, "Date", "… and 1 more rows with this problem: bad date"),
                    ("b.csv", 2, "x", "b2")]


def _bundled() -> dict:
    return json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_a_foreign_key_into_the_boundaries_is_a_message_not_a_crash() -> None:
    # The boundaries are a TopoJSON file with no fields: a key pointing into them names a field that is not there.
    package = _bundled()
    (events,) = [r for r in package["resources"] if r["name"] == "events"]
    events["schema"]["foreignKeys"][0]["reference"]["resource"] = "boundaries"
    assert descriptor.descriptor_problems(package) == [
        "table 'events': the foreign key of 'actor_id' points at boundaries.id, which is not a field"]


# --------------------------------------------------------------------------------------------
# Edges, worked out by hand

# Two arcs closing one ring (as in test_map_data_messages.TINY). TopoJSON counts arcs backwards with negative
# indices: ~i = -i - 1, so with 2 arcs the indices -2 … 1 are arcs and -3 and 2 are not.
def _topology(ring: list, arcs: list | None = None, transform: dict | None = None) -> str:
    return json.dumps({"type": "Topology", "transform": transform or {"scale": [1, 1], "translate": [0, 0]},
                       "arcs": arcs or [[[0, 0], [1, 0]], [[1, 0], [-1, 0]]],
                       "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                           {"type": "Polygon", "arcs": [ring], "properties": {"name": "X"}}]}}})


def _border_problems(data_copy: Path, text: str) -> list[str]:
    (data_copy / "boundaries.topojson").write_text(text, encoding="utf-8")
    try:
        load_boundaries(data_copy)
    except DataError as err:
        return [str(p) for p in err.problems]
    return []


def test_every_arc_index_from_minus_n_to_n_minus_one_is_an_arc(data_copy: Path) -> None:
    assert _border_problems(data_copy, _topology([-2, -1])) == []
    assert _border_problems(data_copy, _topology([0, 1])) == []
    geometry = "boundaries.topojson: object 'countries', geometry 0 (X)"
    assert _border_problems(data_copy, _topology([-3, 0])) == [f"{geometry}: arc index -3 is not one of the 2 arcs"]
    assert _border_problems(data_copy, _topology([0, 2])) == [f"{geometry}: arc index 2 is not one of the 2 arcs"]


def test_an_arc_point_is_two_whole_numbers(data_copy: Path) -> None:
    message = ("boundaries.topojson: 'arcs' must be a list of arcs, each at least two [x, y] pairs of whole numbers "
               "(quantised)")
    for arcs in ([[[0, 0, 0], [1, 0]], [[1, 0], [-1, 0]]],  # three numbers
                 [[[0, 0], 5], [[1, 0], [-1, 0]]],  # a number, not a pair
                 [[[0, 0.5], [1, 0]], [[1, 0], [-1, 0]]]):  # not whole
        assert _border_problems(data_copy, _topology([0, 1], arcs=arcs)) == [message], arcs


def test_a_transform_is_two_scales_and_two_shifts(data_copy: Path) -> None:
    message = "boundaries.topojson: 'transform' must give 'scale' and 'translate', two numbers each"
    assert _border_problems(data_copy, _topology([0, 1], transform={"scale": [1, 1], "translate": [0.5, 2]})) == []
    for tf in ({"scale": [1, 1, 1], "translate": [0, 0]}, {"scale": [1, 1], "translate": ["0", 0]},
               {"scale": [1, 1]}, {"scale": 1, "translate": [0, 0]}):
        assert _border_problems(data_copy, _topology([0, 1], transform=tf)) == [message], tf


def test_a_descriptor_of_exactly_the_limit_loads(data_copy: Path) -> None:
    from helpers.data import MAX_DESCRIPTOR_BYTES, load_package

    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8").rstrip()
    path.write_bytes((text + " " * (MAX_DESCRIPTOR_BYTES - len(text.encode("utf-8")))).encode("utf-8"))
    assert path.stat().st_size == 1_000_000
    assert load_package(data_copy)["name"]
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(DataError) as err:
        load_package(data_copy)
    assert str(err.value.problems[0]) == ("datapackage.json: is 1,000,001 bytes; a package descriptor has at most "
                                          "1,000,000")


def test_a_field_of_the_wrong_type_names_both_types(data_copy: Path) -> None:
    # events.goldstein is a number; declared as an integer, the message names what it is and what it must be.
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    (events,) = [r for r in package["resources"] if r["name"] == "events"]
    (gold,) = [f for f in events["schema"]["fields"] if f["name"] == "goldstein"]
    gold["type"] = "integer"
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    with pytest.raises(DataError) as err:
        helpers.load_dataset(data_copy)
    assert [str(p) for p in err.value.problems] == [
        "datapackage.json: table 'events', field 'goldstein' must be of type number, not integer"]


def test_a_field_with_no_type_is_named_as_a_string(data_copy: Path) -> None:
    # Frictionless reads a field with no `type` as a string: the message says so, not a placeholder. (Its
    # minimum and maximum go too: a string field may not have them.)
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    (events,) = [r for r in package["resources"] if r["name"] == "events"]
    (gold,) = [f for f in events["schema"]["fields"] if f["name"] == "goldstein"]
    del gold["type"], gold["constraints"]["minimum"], gold["constraints"]["maximum"]
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    with pytest.raises(DataError) as err:
        helpers.load_dataset(data_copy)
    assert [str(p) for p in err.value.problems] == [
        "datapackage.json: table 'events', field 'goldstein' must be of type number, not string"]


def test_in_focus_keeps_the_week_and_with_aftermath_its_aftermath_too(ds: helpers.Dataset) -> None:
    # The week is 17–23 November 2024, its aftermath 24–26 November (datapackage.json, temporal).
    frame = pd.DataFrame({"date": pd.to_datetime(["2024-11-16", "2024-11-17", "2024-11-23", "2024-11-24",
                                                  "2024-11-26", "2024-11-27"])})
    assert ds.in_focus(frame)["date"].dt.day.tolist() == [17, 23]
    assert ds.in_focus(frame, aftermath=True)["date"].dt.day.tolist() == [17, 23, 24, 26]


def test_the_package_names_setup_notebook_and_nothing_it_lacks() -> None:
    import helpers.charts
    from helpers.notebook import setup_notebook

    assert helpers.setup_notebook is setup_notebook and helpers.charts.setup_notebook is setup_notebook
    with pytest.raises(AttributeError) as err:
        helpers.setup_notebooks  # noqa: B018 - a typo a student makes
    assert str(err.value) == "module 'helpers' has no attribute 'setup_notebooks'"
    with pytest.raises(AttributeError) as err:
        helpers.charts.strike_maps  # noqa: B018
    assert str(err.value) == "module 'helpers.charts' has no attribute 'strike_maps'"
