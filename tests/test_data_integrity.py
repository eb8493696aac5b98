"""The data itself: sourced, within the counts we promise, and valid for an independent validator."""

from __future__ import annotations

import frictionless

import helpers
from helpers.data import DATA_DIR

SOURCED_TABLES = ["events", "quotes", "weapon_systems", "milestones", "contested"]


def test_frictionless_finds_the_package_valid() -> None:
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message}" for e in report.errors
    ]
    assert report.valid, "\n".join(errors[:20])


def test_counts(ds: helpers.Dataset) -> None:
    assert len(ds.events) >= 60
    assert len(ds.statements) >= 60
    assert (ds.statements["quote_type"] == "direct").sum() >= 35
    assert len(ds.actors) >= 15
    assert len(ds.weapon_systems) >= 8
    assert set(ds.actors["side"].astype(str)) == {"russia_and_partners", "ukraine", "western_partners", "other"}


def test_every_row_has_a_source_that_is_not_only_a_mirror(ds: helpers.Dataset) -> None:
    kind = ds.sources.set_index("id")["outlet_kind"].astype(str)
    for name in SOURCED_TABLES:
        for row in ds.table(name).itertuples():
            ids = row.source_ids.split(";")
            assert ids, (name, row.id)
            assert any(kind[i] != "aggregator_mirror" for i in ids), f"{name} {row.id} rests on mirrors only"


def test_every_source_is_used(ds: helpers.Dataset) -> None:
    used: set[str] = set()
    for name in SOURCED_TABLES:
        used.update(i for ids in ds.table(name)["source_ids"] for i in ids.split(";"))
    assert set(ds.sources["id"]) == used


def test_direct_quotes_name_their_rendering(ds: helpers.Dataset) -> None:
    direct = ds.quotes[ds.quotes["quote_type"] == "direct"]
    assert direct["rendering_source_id"].notna().all()
    paraphrase = ds.quotes[ds.quotes["quote_type"] == "paraphrase"]
    assert paraphrase["rendering_source_id"].isna().all(), "a paraphrase is our wording, not an outlet's"


def test_variants_render_the_same_statement(ds: helpers.Dataset) -> None:
    q = ds.quotes.set_index("id")
    for qid, row in q[q["variant_of"].notna()].iterrows():
        first = q.loc[row["variant_of"]]
        assert first["speaker_id"] == row["speaker_id"], qid
        assert first["date"] == row["date"], qid
        assert first["rendering_source_id"] != row["rendering_source_id"], qid


def test_every_speaker_and_actor_exists(ds: helpers.Dataset) -> None:
    actors = set(ds.actors["id"])
    assert set(ds.quotes["speaker_id"]) <= actors
    assert set(ds.events["actor_id"]) <= actors


def test_every_claim_has_evidence_that_exists(ds: helpers.Dataset) -> None:
    ids = set(ds.events["id"]) | set(ds.quotes["id"]) | set(ds.milestones["id"])
    assert len(ds.claims) >= 10
    for row in ds.claims.itertuples():
        evidence = row.evidence_ids.split(";")
        assert evidence and set(evidence) <= ids, row.id


def test_every_used_cameo_code_and_only_those_are_shipped(ds: helpers.Dataset) -> None:
    assert set(ds.cameo_goldstein["code"]) == set(ds.events["cameo_code"])


def test_focus_week_is_covered_day_by_day(ds: helpers.Dataset) -> None:
    start, end = ds.period
    week = ds.events[(ds.events["date"] >= start) & (ds.events["date"] <= end)]
    days = set(week["date"].dt.strftime("%Y-%m-%d"))
    for day in ["2024-11-17", "2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21", "2024-11-22"]:
        assert day in days, day


def test_source_dates_say_where_they_come_from(ds: helpers.Dataset) -> None:
    undated = ds.sources["published"].isna()
    assert (undated == (ds.sources["published_basis"] == "not_printed")).all()



def test_every_row_has_a_dated_source(ds: helpers.Dataset) -> None:
    dated = set(ds.sources.loc[ds.sources["published"].notna(), "id"])
    for name in SOURCED_TABLES:
        for row in ds.table(name).itertuples():
            assert set(row.source_ids.split(";")) & dated, f"{name} {row.id} has no dated source"


def test_every_row_has_one_source_that_is_dated_and_not_a_mirror(ds: helpers.Dataset) -> None:
    kind = ds.sources.set_index("id")["outlet_kind"].astype(str)
    dated = ds.sources.set_index("id")["published"].notna()
    firm = set(kind.index[(kind != "aggregator_mirror") & dated])
    for name in SOURCED_TABLES:
        for row in ds.table(name).itertuples():
            assert set(row.source_ids.split(";")) & firm, f"{name} {row.id}: every source is a mirror or undated"


def test_contested_topics_hold_versions_that_disagree(ds: helpers.Dataset) -> None:
    for topic, rows in ds.contested.groupby("topic"):
        assert len(rows) >= 2, f"{topic}: one version is not a disagreement"
        versions = rows["number"] if rows["number"].notna().all() else rows["value"]
        assert versions.nunique() >= 2, f"{topic}: every version says the same"
        assert rows["number"].notna().all() or rows["number"].isna().all(), f"{topic}: mixes figures and words"


def test_contested_versions_point_at_the_event_that_records_them(ds: helpers.Dataset) -> None:
    events = ds.events.set_index("id")
    for row in ds.contested.itertuples():
        assert events.loc[row.event_id, "date"] <= row.date, f"{row.id} is stated before its event"
