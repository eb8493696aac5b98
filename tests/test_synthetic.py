"""Synthetic data: the dataset's schema and rules, deterministic by seed, and the external layouts."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import synthetic
from helpers.data import load_package


def _write_table(frame: pd.DataFrame, name: str, data_dir: Path) -> None:
    """Write `frame` as the package's CSV for table `name`: the schema's columns, ISO dates, empty for missing."""
    fields = next(r for r in load_package(data_dir)["resources"] if r["name"] == name)["schema"]["fields"]
    cols = [f["name"] for f in fields]
    frame[cols].to_csv(data_dir / f"{name}.csv", index=False, date_format="%Y-%m-%d", na_rep="")


def test_columns_and_dtypes_match_the_loaded_dataset(ds) -> None:
    events = synthetic.events(300, seed=4, base=ds)
    quotes = synthetic.quotes(300, seed=4, event_table=events, base=ds)
    assert events.dtypes.to_dict() == ds.events.dtypes.to_dict()
    assert quotes.dtypes.to_dict() == ds.quotes.dtypes.to_dict()
    assert list(events.columns) == list(ds.events.columns) and list(quotes.columns) == list(ds.quotes.columns)


def test_small_synthetic_tables_pass_every_check_of_the_loader(ds, data_copy: Path) -> None:
    """Below 1,000 rows the ids fit the schema's patterns, so the real loader (all rules, all keys) accepts them."""
    sized = synthetic.dataset(400, seed=9, base=ds)
    _write_table(sized.events, "events", data_copy)
    _write_table(sized.quotes, "quotes", data_copy)
    # The synthetic source exists only in this copy of the data, never in data/.
    with open(data_copy / "sources.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            [synthetic.SOURCE_ID, "synthetic:", synthetic.SOURCE_OUTLET, "", "not_printed", "synthetic rows",
             "aggregator_mirror", ""])
    loaded = helpers.load_dataset(data_copy)
    assert len(loaded.events) == 400 and len(loaded.quotes) == 400
    pd.testing.assert_series_equal(loaded.events["goldstein"], sized.events["goldstein"])
    assert (loaded.statements["variant_of"].isna()).all()
    assert len(loaded.statements) == 400 - 400 // 20


def test_rows_follow_the_reference_tables(ds) -> None:
    d = synthetic.dataset(2000, seed=5, base=ds)
    e, q = d.events, d.quotes
    gold = ds.cameo_goldstein.set_index("code")["goldstein"]
    assert (e["goldstein"] == e["cameo_code"].map(gold)).all()
    assert set(e["actor_id"]) <= set(ds.actors["id"]) and set(e["weapon_id"].dropna()) <= set(ds.weapon_systems["id"])
    answered = q.dropna(subset=["responds_to"])
    event_date = answered["responds_to"].map(e.set_index("id")["date"])
    assert (answered["date"] >= event_date).all(), "a response cannot come before the event it answers"
    assert e["summary"].str.startswith("Synthetic ").all()
    assert d.period == (pd.Timestamp(synthetic.START), pd.Timestamp(synthetic.END))


def test_same_seed_same_rows_other_seed_other_rows(ds) -> None:
    a, b = synthetic.dataset(500, seed=1, base=ds), synthetic.dataset(500, seed=1, base=ds)
    pd.testing.assert_frame_equal(a.events, b.events)
    pd.testing.assert_frame_equal(a.quotes, b.quotes)
    c = synthetic.dataset(500, seed=2, base=ds)
    assert not a.events["date"].equals(c.events["date"])


def test_ids_widen_past_999_rows(ds) -> None:
    e = synthetic.events(1500, seed=0, base=ds)
    assert e["id"].iloc[0] == "ev0001" and e["id"].iloc[-1] == "ev1500" and e["id"].is_unique


def test_external_layout_files_are_deterministic(tmp_path: Path) -> None:
    for name, write in (("acled.csv", synthetic.write_acled_csv), ("gdelt.csv", synthetic.write_gdelt)):
        one, two = write(tmp_path / f"1{name}", 50, seed=3), write(tmp_path / f"2{name}", 50, seed=3)
        assert one.read_bytes() == two.read_bytes()
        other = write(tmp_path / f"3{name}", 50, seed=4)
        assert other.read_bytes() != one.read_bytes()
    header = (tmp_path / "1acled.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == synthetic.ACLED_COLUMNS
    with pytest.raises(ValueError, match=r"not '\.json'"):
        synthetic.write_gdelt(tmp_path / "x.json", 5)


def test_every_required_value_is_present(ds, required_missing) -> None:
    d = synthetic.dataset(3000, seed=2, base=ds)
    assert required_missing(d, ["sources", "actors", "weapon_systems", "milestones", "cameo_goldstein", "events",
                                 "quotes"]) == {}
