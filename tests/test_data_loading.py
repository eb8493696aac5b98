"""The loader returns typed tables and joins, and changes nothing on the way."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.data import DATA_DIR, tabular_resources


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
    assert pd.api.types.is_datetime64_any_dtype(ds.events["date"])
    assert pd.api.types.is_datetime64_any_dtype(ds.quotes["date"])
    assert isinstance(ds.quotes["quote_type"].dtype, pd.CategoricalDtype)
    assert list(ds.quotes["quote_type"].cat.categories) == ["direct", "paraphrase"]
    assert isinstance(ds.actors["side"].dtype, pd.CategoricalDtype)
    assert ds.events["goldstein"].dtype == "float64"
    assert pd.api.types.is_string_dtype(ds.events["cameo_code"])


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
    assert ds.statements["variant_of"].isna().all()
    assert len(ds.statements) == ds.quotes["statement_id"].nunique()


def test_period_is_the_declared_focus_week(ds: helpers.Dataset) -> None:
    start, end = ds.period
    assert start == pd.Timestamp("2024-11-17") and end == pd.Timestamp("2024-11-23")
    assert ds.aftermath == (pd.Timestamp("2024-11-24"), pd.Timestamp("2024-11-26"))
    assert ds.span_text() == "17–23 November 2024" and ds.span_text("aftermath") == "24–26 November 2024"


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
    with pytest.raises(KeyError, match="no table named 'nope'"):
        helpers.load_table("nope")


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
    with pytest.raises(KeyError, match="no statement 'q999'"):
        ds.renderings("q999")


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
