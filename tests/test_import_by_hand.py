"""Two-row ACLED and GDELT files imported, each expected value read off the rows and GDELT's and ACLED's own
code tables (`helpers/mappings/`), not off the importer's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DataError, external

ACLED = ("event_id_cnty,event_date,event_type,sub_event_type,actor1\n"
         "UKR1,2024-11-21,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia\n"
         "UKR2,2024-11-22,Battles,Armed clash,Military Forces of Ukraine\n")
GDELT = ("SQLDATE,EventCode,GoldsteinScale,Actor1Name,Actor1Code,Actor2Name,NumMentions\n"
         "20241121,190,-10.0,,RUS,UKRAINE,4\n"
         "20241122,042,1.9,KYIV,UKR,,2\n")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_acled_file_keeps_its_ids_dates_and_names(tmp_path: Path, ds) -> None:
    d = external.load_events_csv(_write(tmp_path, "a.csv", ACLED), base=ds)
    assert d.events["id"].tolist() == ["UKR1", "UKR2"]
    assert d.package["title"] == "ACLED export from a.csv"
    assert d.claims.empty and d.quotes.empty and list(d.claims.columns) == list(ds.claims.columns)
    assert d.package["temporal"] == {"start": "2024-11-21", "end": "2024-11-22", "focus_start": "2024-11-21",
                                     "focus_end": "2024-11-22"}
    # Shelling is CAMEO 194 in ACLED's table; 194's Goldstein value in GDELT's is -10.
    assert d.events["cameo_code"].tolist()[0] == "194" and d.events["goldstein"].tolist()[0] == -10.0
    no_ids = external.load_events_csv(_write(tmp_path, "b.csv", ACLED.replace("event_id_cnty,", "")
                                             .replace("UKR1,", "").replace("UKR2,", "")), base=ds)
    assert no_ids.events["id"].tolist() == ["row1", "row2"]


def test_a_gdelt_file_names_actors_by_name_or_else_code(tmp_path: Path, ds) -> None:
    d = external.load_events_csv(_write(tmp_path, "g.csv", GDELT), base=ds)
    assert d.package["title"] == "GDELT events from g.csv"
    assert d.events["id"].tolist() == ["row1", "row2"]  # no GLOBALEVENTID column
    # 190 "Use conventional military force, not specified below" by RUS (no name, so the code) against UKRAINE;
    # 042 "Make a visit" by KYIV, against no one.
    assert d.events["summary"].tolist() == ["Use conventional military force, not specified below — RUS → UKRAINE",
                                            "Make a visit — KYIV"]
    assert d.events["actor"].tolist() == ["RUS", "KYIV"]
    assert d.events["num_mentions"].tolist() == [4, 2]


def test_mentions_must_be_whole_numbers(tmp_path: Path, ds) -> None:
    path = _write(tmp_path, "m.csv", GDELT.replace(",UKRAINE,4", ",UKRAINE,4.5"))
    for load in (external.load_events_csv, external.aggregate_events):
        with pytest.raises(DataError) as info:
            load(path)
        (problem,) = info.value.problems
        assert (problem.line, problem.column) == (2, "NumMentions"), load


def test_a_repeated_id_is_counted_once_per_repeat(tmp_path: Path) -> None:
    # One GDELT id on 25 rows: 24 repeats, 20 of them listed and "… and 4 more".
    rows = "7,20241121,190,-10.0\n" * 25
    path = _write(tmp_path, "r.csv", "GLOBALEVENTID,SQLDATE,EventCode,GoldsteinScale\n" + rows)
    for load in (external.load_events_csv, external.aggregate_events):
        with pytest.raises(DataError) as info:
            load(path)
        problems = info.value.problems
        assert [str(p) for p in problems[:2]] == [
            "r.csv, line 3, column 'GLOBALEVENTID': '7' repeats the GDELT event id of line 2: each event once "
            "(data row 2)",
            "r.csv, line 4, column 'GLOBALEVENTID': '7' repeats the GDELT event id of line 2: each event once "
            "(data row 3)"]
        assert len(problems) == 21 and problems[-1].message == "… and 4 more rows with this problem"
