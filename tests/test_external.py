"""Bring your own data: ACLED and GDELT files (tiny, made here) mapped onto the schema, errors, DuckDB aggregation."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from mutation_scope import shared_scope

from helpers import DataError, external, sentiment, synthetic, widgets


@pytest.fixture(scope=shared_scope("module"))
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("external")
    return {
        "acled": synthetic.write_acled_csv(d / "acled.csv", 400, seed=1),
        "acled_words": synthetic.write_acled_csv(d / "acled_words.csv", 400, seed=1, date_format="%d %B %Y"),
        "gdelt": synthetic.write_gdelt(d / "gdelt.csv", 400, seed=2),
        "gdelt_tsv": synthetic.write_gdelt(d / "gdelt.tsv", 400, seed=2),
        "gdelt_parquet": synthetic.write_gdelt(d / "gdelt.parquet", 400, seed=2),
    }


def _problems(exc: pytest.ExceptionInfo) -> list:
    return exc.value.problems


def _edit(path: Path, out: Path, change) -> Path:
    out.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def test_acled_rows_map_onto_the_events_schema(files, ds) -> None:
    imported = external.load_events_csv(files["acled"], base=ds)
    e = imported.events
    assert e[list(ds.events.columns)].dtypes.to_dict() == ds.events.dtypes.to_dict()
    raw = pd.read_csv(files["acled"], dtype=str, keep_default_na=False)
    assert len(e) == len(raw), "nothing dropped"
    table = external.acled_mapping().set_index(["event_type", "sub_event_type"])
    expected = table.loc[list(zip(raw["event_type"], raw["sub_event_type"], strict=True))]
    assert e["kind"].astype(str).tolist() == expected["kind"].tolist()
    pd.testing.assert_series_equal(e["goldstein"], expected["goldstein"].reset_index(drop=True), check_names=False)
    unmapped = expected["cameo_code"].isna()
    assert unmapped.any() and e["goldstein"].isna().sum() == unmapped.sum()
    assert imported.package["x-import"]["without_goldstein"] == unmapped.sum()
    # Weapons come from the notes: "ATACMS missiles were reported" names the bundled ATACMS row.
    named = raw["notes"].str.contains("ATACMS")
    assert (e.loc[named, "weapon_id"] == "atacms").all() and named.any()
    assert e.loc[raw["notes"].str.contains("Shahed"), "weapon_id"].isna().all(), "no bundled Shahed row"
    sides = dict(zip(e["actor"], e["side"].astype(str), strict=False))
    assert sides["Military Forces of Russia (2000-)"] == "russia_and_partners"
    assert sides["Government of Belarus (1994-)"] == "russia_and_partners"
    assert sides["Police Forces of Ukraine (2019-)"] == "ukraine"
    assert sides["Civilians (Ukraine)"] == "other", "non-state actors are not given a state's side"


def test_acled_export_tool_dates_read_the_same(files, ds) -> None:
    iso = external.load_events_csv(files["acled"], base=ds).events
    words = external.load_events_csv(files["acled_words"], base=ds).events
    written = pd.read_csv(files["acled_words"], dtype=str)["event_date"]
    assert written.str.fullmatch(r"\d{2} [A-Z][a-z]+ \d{4}").all()
    pd.testing.assert_series_equal(iso["date"], words["date"])


def test_sides_can_be_placed_by_hand(files, ds) -> None:
    e = external.load_events_csv(files["acled"], base=ds, sides={"Civilians (Ukraine)": "ukraine"}).events
    assert (e.loc[e["actor"] == "Civilians (Ukraine)", "side"] == "ukraine").all()
    with pytest.raises(ValueError, match="sides= values"):
        external.load_events_csv(files["acled"], base=ds, sides={"Civilians (Ukraine)": "friends"})


def test_gdelt_rows_keep_codes_as_strings_and_goldstein_as_gdelt_gives_it(files, ds) -> None:
    raw = pd.read_csv(files["gdelt"], dtype=str, keep_default_na=False)
    e = external.load_events_csv(files["gdelt"], base=ds).events
    assert e["cameo_code"].tolist() == raw["EventCode"].tolist()
    assert e["cameo_code"].str.startswith("0").any(), "leading zeros survive"
    assert e["goldstein"].tolist() == raw["GoldsteinScale"].astype(float).tolist()
    assert e["date"].dt.strftime("%Y%m%d").tolist() == raw["SQLDATE"].tolist()
    assert e["kind"].astype(str).tolist() == [external.gdelt_kind(c) for c in raw["EventCode"]]
    by_country = dict(zip(raw["Actor1CountryCode"], e["side"].astype(str), strict=True))
    assert by_country["RUS"] == "russia_and_partners" and by_country["UKR"] == "ukraine"
    assert by_country["DEU"] == "western_partners" and by_country["CHN"] == "other"
    assert (e.loc[raw["Actor1Name"] == "", "actor"] == external.NO_ACTOR).all()
    tsv = external.load_events_csv(files["gdelt_tsv"], base=ds).events
    pd.testing.assert_frame_equal(tsv, e)


def test_explorers_work_on_imported_data(files, ds) -> None:
    for key in ("acled", "gdelt"):
        imported = external.load_events_csv(files[key], base=ds)
        with contextlib.redirect_stdout(io.StringIO()):
            sx = widgets.sentiment_explorer(imported)
            sx.window.value = 3
        assert sx.index_chart is not None
        assert sx.index["count"].sum() == imported.events["goldstein"].notna().sum()
        with contextlib.redirect_stdout(io.StringIO()):
            wx = widgets.weapon_explorer(imported)
            wx.system.value = "atacms"
        named = imported.events["weapon_id"] == "atacms"
        assert named.any() or key == "gdelt", "ACLED notes name weapons; GDELT rows carry none"
        assert len(wx.events) == named.sum()
        assert f"<b>{named.sum()}</b> of {named.sum()} events" in wx.count.value
        wx.preset.value = "The week"
        assert len(wx.events) == (named & imported.events["date"].between(*imported.period)).sum()
        assert wx.chart is not None


def test_a_missing_column_is_named_with_file_and_line(files, tmp_path) -> None:
    broken = _edit(files["acled"], tmp_path / "no_sub.csv", lambda t: t.replace("sub_event_type", "subtype", 1))
    with pytest.raises(DataError) as exc:
        external.load_events_csv(broken, layout="acled")
    (p,) = _problems(exc)
    assert (p.file, p.line, p.column) == ("no_sub.csv", 1, "sub_event_type")
    renamed = external.load_events_csv(broken, mapping={"sub_event_type": "subtype"})
    assert len(renamed.events) == 400


def test_an_unknown_layout_says_what_it_needs(tmp_path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("date,who,what\n2024-11-21,someone,something\n", encoding="utf-8")
    with pytest.raises(DataError, match="event_date") as exc:
        external.load_events_csv(path)
    assert "SQLDATE" in str(exc.value)


def test_rows_that_do_not_map_are_named_by_line_and_column(files, tmp_path) -> None:
    lines = files["acled"].read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[1], "21/11/2024", 1)  # data row 3: a date in another form
    cells = lines[5].split(",")
    cells[5] = "Skirmish"  # data row 5: not an ACLED event type
    lines[5] = ",".join(cells)
    broken = tmp_path / "bad.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        external.load_events_csv(broken)
    found = {(p.line, p.column) for p in _problems(exc)}
    assert found == {(4, "event_date"), (6, "event_type")}
    assert "bad.csv, line 4, column 'event_date': '21/11/2024' is not a date" in str(exc.value)


def test_gdelt_codes_that_lost_a_zero_and_wrong_goldstein_values_are_errors(files, tmp_path) -> None:
    raw = pd.read_csv(files["gdelt"], dtype=str, keep_default_na=False)
    raw.loc[0, "EventCode"] = "42"  # "042" read as a number somewhere
    row = raw.index[raw["EventCode"] == "195"][0]
    raw.loc[row, "GoldsteinScale"] = "-3.0"
    path = tmp_path / "gdelt_bad.csv"
    raw.to_csv(path, index=False)
    with pytest.raises(DataError) as exc:
        external.load_events_csv(path)
    text = str(exc.value)
    assert "line 2, column 'EventCode': '42' is not a CAMEO code" in text and "leading zero" in text
    assert f"line {row + 2}, column 'GoldsteinScale': -3.0 differs from GDELT's value -10.0" in text


def test_many_bad_rows_are_summarised_not_dropped(files, tmp_path) -> None:
    raw = pd.read_csv(files["acled"], dtype=str, keep_default_na=False)
    raw.loc[:29, "event_date"] = "soon"
    path = tmp_path / "many.csv"
    raw.to_csv(path, index=False)
    with pytest.raises(DataError) as exc:
        external.load_events_csv(path)
    problems = _problems(exc)
    assert len(problems) == external.MAX_PROBLEMS + 1
    assert "… and 10 more rows with this problem" in problems[-1].message


def _same(a: external.EventAggregates, b: external.EventAggregates) -> None:
    for name in ("daily", "actors", "actor_daily"):
        x, y = getattr(a, name), getattr(b, name)
        cols = [c for c in y.columns if c in x.columns and c != "side"]
        pd.testing.assert_frame_equal(x[cols], y[cols], check_dtype=False)


@pytest.mark.parametrize("key", ["acled", "acled_words", "gdelt", "gdelt_tsv", "gdelt_parquet"])
def test_duckdb_aggregation_equals_pandas(files, ds, key) -> None:
    agg = external.aggregate_events(files[key], top_actors=5)
    source = files["gdelt"] if key == "gdelt_parquet" else files[key]
    events = external.load_events_csv(source, base=ds).events
    _same(agg, external.summarise(events, top_actors=5))
    assert agg.rows == len(events) and agg.actor_daily["actor"].nunique() == 5
    pd.testing.assert_frame_equal(external.index_from_daily(agg.daily, window=3),
                                  sentiment.daily_index(events, window=3), check_dtype=False)


def test_the_gdelt_sql_runs_unchanged_on_a_table(files) -> None:
    """The queries name only the table, so they run where GDELT already is (BigQuery, MotherDuck)."""
    queries = external.aggregation_sql("gdelt", "events")
    for sql in queries.values():
        assert "read_" not in sql and "::" not in sql and "strptime" not in sql
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{files['gdelt_parquet']}')")
        daily = con.execute(queries["daily"]).df().sort_values("day").reset_index(drop=True)
    agg = external.aggregate_events(files["gdelt_parquet"])
    assert daily["events"].tolist() == agg.daily["events"].tolist()
    assert daily["goldstein_min"].tolist() == agg.daily["min"].tolist()


def test_duckdb_path_names_bad_values(files, tmp_path) -> None:
    raw = pd.read_csv(files["gdelt"], dtype=str, keep_default_na=False)
    raw.loc[:2, "SQLDATE"] = "20241399"
    path = tmp_path / "bad_dates.csv"
    raw.to_csv(path, index=False)
    with pytest.raises(DataError) as exc:
        external.aggregate_events(path)
    assert [(p.line, p.column) for p in exc.value.problems] == [(2, "SQLDATE"), (3, "SQLDATE"), (4, "SQLDATE")]
    assert "bad_dates.csv, line 2, column 'SQLDATE': '20241399' is not a date in GDELT's YYYYMMDD form" \
        in str(exc.value)


def test_duckdb_path_follows_the_mapping(files, tmp_path) -> None:
    raw = pd.read_csv(files["gdelt"], dtype=str, keep_default_na=False)
    mapping = {"SQLDATE": "Day Date", "GoldsteinScale": "gold"}
    raw.rename(columns=mapping).to_csv(tmp_path / "renamed.csv", index=False)
    renamed = external.aggregate_events(tmp_path / "renamed.csv", mapping=mapping)
    pd.testing.assert_frame_equal(renamed.daily, external.aggregate_events(files["gdelt"]).daily)


def test_weapon_names_in_notes(ds) -> None:
    notes = pd.Series(["Two F-16s were seen", "an anti-personnel mine", "Iskander-M fired", "PATRIOT battery",
                       "a Kh-101 cruise missile", "no weapon named", "patriotic songs", "ATACMS and HIMARS"])
    found = external._weapons(notes, ds.weapon_systems).tolist()
    assert found == ["f16", "ap_mines", "iskander", "patriot", "kh101", pd.NA, pd.NA, "atacms"]


def test_imported_reference_tables_have_every_required_value(files, ds, required_missing) -> None:
    for key in ("acled", "gdelt"):
        imported = external.load_events_csv(files[key], base=ds)
        assert required_missing(imported, ["sources", "actors", "cameo_goldstein"]) == {}
