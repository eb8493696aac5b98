"""The loader returns typed tables and joins, and changes nothing on the way."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.data import DATA_DIR, tabular_resources


@pytest.fixture
def ds() -> helpers.Dataset:
    """A fresh load for each test here: these tests are about the loader, so each one runs it (a shared load
    would run it in whichever test came first, and a mutation tool would credit that test alone)."""
    return helpers.load_dataset()


def test_every_table_is_loaded_with_all_rows(ds: helpers.Dataset) -> None:
    for res in tabular_resources(ds.package):
        with open(DATA_DIR / res["path"], encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        frame = ds.table(res["name"])
        assert len(frame) == len(rows), res["name"]
        # ids keep their order and their exact text: nothing dropped or reordered
        key = res["schema"].get("primaryKey", [res["schema"]["fields"][0]["name"]])[0]
        assert frame[key].tolist() == [r[key] for r in rows]


def test_types_follow_the_descriptor(ds: helpers.Dataset) -> None:
    assert ds.events["date"].dtype == "datetime64[s]" and ds.quotes["date"].dtype == "datetime64[s]"
    with open(DATA_DIR / "events.csv", encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert ds.events["date"].iloc[0] == pd.Timestamp(first["date"])
    assert isinstance(ds.quotes["quote_type"].dtype, pd.CategoricalDtype)
    assert list(ds.quotes["quote_type"].cat.categories) == ["direct", "paraphrase"]
    assert isinstance(ds.actors["side"].dtype, pd.CategoricalDtype)
    assert ds.events["goldstein"].dtype == "float64" and ds.events["goldstein"].iloc[0] == float(first["goldstein"])
    assert ds.events["cameo_code"].dtype == "string" and ds.events["note"].dtype == "string"
    assert list(ds.cameo_goldstein["quad_class"].cat.categories) == [1, 2, 3, 4]


def _edit_field(data_dir: Path, table: str, field: str, change) -> None:
    desc = data_dir / "datapackage.json"
    package = json.loads(desc.read_text(encoding="utf-8"))
    (res,) = [r for r in package["resources"] if r["name"] == table]
    (fld,) = [f for f in res["schema"]["fields"] if f["name"] == field]
    change(fld)
    desc.write_text(json.dumps(package), encoding="utf-8")


def test_a_field_without_a_type_is_text(data_copy: Path) -> None:
    _edit_field(data_copy, "actors", "role", lambda f: f.pop("type"))
    actors = helpers.load_table("actors", data_copy)
    assert actors["role"].dtype == "string"
    assert actors["role"].tolist() == helpers.load_table("actors")["role"].tolist()


def test_an_integer_without_an_enum_is_a_nullable_integer(data_copy: Path) -> None:
    _edit_field(data_copy, "cameo_goldstein", "quad_class", lambda f: f["constraints"].pop("enum"))
    path = data_copy / "cameo_goldstein.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].rsplit(",", 1)[0] + ","  # one empty value (the field stays required: one problem)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(helpers.DataError):
        helpers.load_table("cameo_goldstein", data_copy)
    _edit_field(data_copy, "cameo_goldstein", "quad_class", lambda f: f["constraints"].pop("required"))
    table = helpers.load_table("cameo_goldstein", data_copy)
    assert table["quad_class"].dtype == "Int64"
    assert pd.isna(table["quad_class"].iloc[0]) and table["quad_class"].iloc[1:].isin([1, 2, 3, 4]).all()


def test_an_empty_number_column_is_still_numbers(data_copy: Path) -> None:
    path = data_copy / "contested.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "number": ""} for r in rows)
    contested = helpers.load_table("contested", data_copy)
    assert contested["number"].dtype == "float64" and contested["number"].isna().all()


def test_cameo_codes_stay_strings_with_leading_zeros(ds: helpers.Dataset) -> None:
    codes = set(ds.cameo_goldstein["code"])
    assert all(isinstance(c, str) for c in codes)
    assert any(c.startswith("0") for c in codes), "expected codes such as '010' or '072'"


def test_quote_text_is_loaded_unchanged(ds: helpers.Dataset) -> None:
    with open(DATA_DIR / "quotes.csv", encoding="utf-8", newline="") as fh:
        raw = {r["id"]: r["text"] for r in csv.DictReader(fh)}
    assert ds.quotes.set_index("id")["text"].to_dict() == raw


def test_joins_are_ready(ds: helpers.Dataset) -> None:
    q = ds.quotes
    assert q["speaker"].notna().all() and q["side"].notna().all() and q["outlet"].notna().all()
    e = ds.events
    assert e["actor"].notna().all() and e["quad_class"].notna().all()
    with_weapon = e["weapon_id"].notna()
    assert e.loc[with_weapon, "weapon"].notna().all()
    # A quote's side is its speaker's side.
    sides = ds.actors.set_index("id")["side"].astype(str)
    assert (q["side"].astype(str) == q["speaker_id"].map(sides)).all()


def test_statements_count_each_statement_once(ds: helpers.Dataset) -> None:
    # Worked by hand: q2 and q4 render q1; q3 stands alone. Two statements, in the order given.
    quotes = pd.DataFrame({"id": ["q1", "q2", "q3", "q4"], "variant_of": [None, "q1", None, "q1"]})
    assert dataclasses.replace(ds, quotes=quotes).statements["id"].tolist() == ["q1", "q3"]
    # On the data, read straight from the CSV: a row is a statement when its variant_of cell is empty.
    with open(DATA_DIR / "quotes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert ds.statements["id"].tolist() == [r["id"] for r in rows if r["variant_of"] == ""]
    assert ds.quotes["statement_id"].tolist() == [r["variant_of"] or r["id"] for r in rows]


def test_period_is_the_declared_focus_week(ds: helpers.Dataset) -> None:
    start, end = ds.period
    assert start == pd.Timestamp("2024-11-17") and end == pd.Timestamp("2024-11-23")
    assert ds.aftermath == (pd.Timestamp("2024-11-24"), pd.Timestamp("2024-11-26"))
    assert ds.span_text() == "17–23 November 2024" and ds.span_text("aftermath") == "24–26 November 2024"
    # A misspelt span is an error, not quietly the aftermath.
    with pytest.raises(ValueError) as info:
        ds.span_text("afermath")
    assert str(info.value) == "which is 'week' or 'aftermath', not 'afermath'"


def test_phase_and_in_focus_follow_the_declared_days(ds: helpers.Dataset) -> None:
    days = pd.Series(pd.to_datetime(["2024-11-16", "2024-11-17", "2024-11-23", "2024-11-24", "2024-11-26",
                                     "2024-11-27"]))
    assert list(ds.phase(days)) == ["background", "week", "week", "aftermath", "aftermath", "later"]
    frame = pd.DataFrame({"date": days})
    assert list(ds.in_focus(frame)["date"].dt.day) == [17, 23]
    assert list(ds.in_focus(frame, aftermath=True)["date"].dt.day) == [17, 23, 24, 26]


def test_a_package_without_an_aftermath(data_copy: Path) -> None:
    import json

    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["temporal"]["aftermath_end"]
    path.write_text(json.dumps(package), encoding="utf-8")
    d = helpers.load_dataset(data_copy)
    assert d.aftermath is None
    assert list(d.phase(pd.Series(pd.to_datetime(["2024-11-24"])))) == ["later"]
    with pytest.raises(ValueError, match="no aftermath"):
        d.span_text("aftermath")


def test_load_table_loads_one_table(ds: helpers.Dataset) -> None:
    actors = helpers.load_table("actors")
    pd.testing.assert_frame_equal(actors, ds.actors)
    with pytest.raises(KeyError) as info:
        helpers.load_table("nope")
    assert info.value.args[0] == ("no table named 'nope' in datapackage.json; known tables: sources, outlets, "
                                  "actors, weapon_systems, milestones, cameo_goldstein, events, places, "
                                  "event_places, quotes, quote_checks, claims, contested, boundaries")


def test_bom_and_crlf_load_the_same(data_copy: Path, ds: helpers.Dataset) -> None:
    path = data_copy / "quotes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    again = helpers.load_dataset(data_copy)
    pd.testing.assert_frame_equal(again.quotes, ds.quotes)


def test_html_and_formulas_are_data(edit_csv, ds: helpers.Dataset) -> None:
    first = ds.quotes["text"].iloc[0]
    hostile = '<img src=x onerror=alert(1)> =HYPERLINK("http://x") <script>alert(2)</script>'
    data_dir = edit_csv("quotes.csv", lambda t: t.replace(_csv_cell(first), _csv_cell(hostile), 1))
    loaded = helpers.load_dataset(data_dir)
    assert loaded.quotes["text"].iloc[0] == hostile


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


def test_in_focus_keeps_the_week_only(ds: helpers.Dataset) -> None:
    week = ds.in_focus(ds.statements)
    start, end = ds.period
    assert week["date"].between(start, end).all()
    assert len(week) == int(((ds.statements["date"] >= start) & (ds.statements["date"] <= end)).sum())
    assert len(week) < len(ds.statements), "the data also holds background before the week"


def test_renderings_show_every_wording_of_one_statement(ds: helpers.Dataset) -> None:
    sid = ds.quotes["statement_id"].value_counts().index[0]
    table = ds.renderings(sid)
    assert len(table) == (ds.quotes["statement_id"] == sid).sum() > 1
    assert table["speaker"].nunique() == 1 and table["text"].nunique() == len(table)
    assert list(table.columns) == ["speaker", "date", "outlet", "text"]
    assert table.index.tolist() == list(range(len(table)))  # numbered afresh, the old row numbers dropped
    with pytest.raises(KeyError) as info:
        ds.renderings("q999")
    assert info.value.args[0] == "no statement 'q999' in quotes.csv"


def test_phase_follows_the_packages_periods() -> None:
    temporal = {"focus_start": "2024-11-17", "focus_end": "2024-11-23", "aftermath_end": "2024-11-26"}
    days = pd.Series(pd.to_datetime(["2022-02-24", "2024-11-16", "2024-11-17", "2024-11-23", "2024-11-24",
                                     "2024-11-26", "2024-11-27"]))
    got = helpers.data.phase_of(days, temporal)
    assert got.tolist() == ["background", "background", "week", "week", "aftermath", "aftermath", "later"]
    assert list(got.cat.categories) == ["background", "week", "aftermath", "later"]
    # Without an aftermath (synthetic or imported data), the day after the week is already later.
    no_after = helpers.data.phase_of(days, {"focus_start": "2024-11-17", "focus_end": "2024-11-23"})
    assert no_after.tolist()[4:] == ["later", "later", "later"]


def test_every_dated_row_carries_its_phase(ds: helpers.Dataset) -> None:
    for name in ("events", "quotes", "milestones", "contested"):
        frame = ds.table(name)
        assert frame["phase"].notna().all(), name
        before = frame["date"] < pd.Timestamp(ds.package["temporal"]["focus_start"])
        assert (before == (frame["phase"] == "background")).all(), name
    events = ds.events.set_index("id")["phase"]
    assert (events["ev008"], events["ev020"], events["ev100"]) == ("background", "week", "aftermath")


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_joined_columns_follow_the_raw_tables(ds: helpers.Dataset) -> None:
    """Each joined value looked up by hand in the raw CSVs: a quote's outlet is its rendering source's, else
    its first source's; an event's actor, side, weapon and CAMEO name come from their own tables."""
    actors = {r["id"]: r for r in _rows("actors.csv")}
    sources = {r["id"]: r for r in _rows("sources.csv")}
    weapons = {r["id"]: r["name"] for r in _rows("weapon_systems.csv")}
    cameo = {r["code"]: r for r in _rows("cameo_goldstein.csv")}
    quotes = _rows("quotes.csv")
    cited = [r["rendering_source_id"] or r["source_ids"].split(";")[0] for r in quotes]
    q = ds.quotes
    assert q["speaker"].tolist() == [actors[r["speaker_id"]]["name"] for r in quotes]
    assert q["side"].astype(str).tolist() == [actors[r["speaker_id"]]["side"] for r in quotes]
    assert q["country"].tolist() == [actors[r["speaker_id"]]["country"] for r in quotes]
    assert q["outlet"].tolist() == [sources[c]["outlet"] for c in cited]
    assert q["url"].tolist() == [sources[c]["url"] for c in cited]
    events = _rows("events.csv")
    e = ds.events
    assert e["actor"].tolist() == [actors[r["actor_id"]]["name"] for r in events]
    assert e["side"].astype(str).tolist() == [actors[r["actor_id"]]["side"] for r in events]
    assert e["weapon"].fillna("").tolist() == [weapons.get(r["weapon_id"], "") for r in events]
    assert e["quad_class"].tolist() == [int(cameo[r["cameo_code"]]["quad_class"]) for r in events]
    assert e["cameo_name"].tolist() == [cameo[r["cameo_code"]]["name"] for r in events]
    milestones = _rows("milestones.csv")
    assert ds.milestones["weapon"].tolist() == [weapons[r["weapon_id"]] for r in milestones]
    contested = _rows("contested.csv")
    assert ds.contested["side"].astype("string").fillna("").tolist() == [
        actors[r["actor_id"]]["side"] if r["actor_id"] else "" for r in contested]
    # some quotes name no rendering source and take the first of several sources' outlet
    assert any(not r["rendering_source_id"] and ";" in r["source_ids"] for r in quotes)
    assert list(q["side"].cat.categories) == ["russia_and_partners", "ukraine", "western_partners", "other"]
