"""The data itself: sourced, within the counts we promise, and valid for an independent validator."""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import re

import frictionless
import pandas as pd

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
            assert any(kind[i] != "aggregator_mirror" for i in ids), f"{name} {row.id} rests on mirrors only"


def test_every_source_is_used(ds: helpers.Dataset) -> None:
    used: set[str] = set()
    for name in [*SOURCED_TABLES, "places"]:
        used.update(i for ids in ds.table(name)["source_ids"] for i in ids.split(";"))
    assert set(ds.sources["id"]) == used


def _reference_misuse(ds: helpers.Dataset) -> list[str]:
    """Rows that cite a gazetteer or encyclopaedia for what happened, and places that rest on anything else."""
    origin = ds.source_outlets()["origin_kind"]
    out = [f"{name} {row.id} cites reference work {i}" for name in SOURCED_TABLES
           for row in ds.table(name).itertuples() for i in row.source_ids.split(";") if origin[i] == "reference_work"]
    out += [f"places {row.id} rests on {i}, which is not a gazetteer or encyclopaedia"
            for row in ds.places.itertuples() for i in row.source_ids.split(";") if origin[i] != "reference_work"]
    return out


def test_reference_works_say_only_where_places_are(ds: helpers.Dataset) -> None:
    assert _reference_misuse(ds) == []


def test_a_reference_work_cited_for_an_event_is_caught(ds: helpers.Dataset) -> None:
    events = ds.events.copy()
    events.loc[events["id"] == "ev075", "source_ids"] = "src251;src381"
    places = ds.places.copy()
    places.loc[places["id"] == "kyiv", "source_ids"] = "src251"
    bad = dataclasses.replace(ds, events=events, places=places)
    assert _reference_misuse(bad) == ["events ev075 cites reference work src381",
                                      "places kyiv rests on src251, which is not a gazetteer or encyclopaedia"]


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


# -- one sourcing rule for every country's outlets --------------------------------------------


def test_an_outlets_kind_follows_who_controls_it(ds: helpers.Dataset) -> None:
    """State-owned or state-controlled: state_affiliated, whatever the country; state and public cite a basis."""
    assert outlet_rule_breaches(ds.outlets) == []


def test_the_outlet_rule_catches_a_state_agency_filed_as_a_wire(ds: helpers.Dataset) -> None:
    outlets = ds.outlets.copy()
    outlets["kind"] = outlets["kind"].astype(str)
    outlets.loc[outlets["id"] == "kuna", "kind"] = "wire_agency"
    outlets.loc[outlets["id"] == "bbc", "basis_url"] = pd.NA
    assert outlet_rule_breaches(outlets) == ["bbc: control public needs a basis_url",
                                             "kuna: control state but kind wire_agency"]


def test_every_outlet_publishes_or_is_copied_by_a_source(ds: helpers.Dataset) -> None:
    origins = ds.source_outlets()
    used = set(origins["outlet_id"]) | set(origins["origin_id"])
    assert set(ds.outlets["id"]) - used == set()


def test_state_media_records_only_its_own_officials(ds: helpers.Dataset) -> None:
    assert state_media_breaches(ds) == []


def test_the_state_media_rule_catches_rt_quoting_an_american(ds: helpers.Dataset) -> None:
    # As q072 once did: Waltz's words only in RT's rendering; and a US official's count resting on TASS alone
    # (TASS may record Putin's own claim, k12, but not what Washington said).
    quotes = ds.quotes.copy()
    row = quotes.index[quotes["id"] == "q071"][0]
    quotes.loc[row, ["source_ids", "rendering_source_id"]] = ["src118", "src118"]
    contested = ds.contested.copy()
    contested.loc[contested["id"].isin(["k02", "k12"]), "source_ids"] = "src279"
    planted = dataclasses.replace(ds, quotes=quotes, contested=contested)
    assert state_media_breaches(planted) == [
        "contested k02: no source other than mirrors and state media of another country",
        "quotes q071: no source other than mirrors and state media of another country",
        "quotes q071: rendered by state media of another country (src118, origin rt)",
    ]


def test_a_mirror_counts_as_the_outlet_it_copies(ds: helpers.Dataset) -> None:
    origins = ds.source_outlets()
    # news-pravda republishes RT; a newspaper page marked as Reuters copy is Reuters copy
    assert origins.loc["src278", ["kind", "origin_id", "origin_kind", "origin_country"]].tolist() == [
        "aggregator_mirror", "rt", "state_affiliated", "Russia"]
    assert origins.loc["src094", ["kind", "origin_id", "origin_kind"]].tolist() == [
        "newspaper_broadcaster", "reuters", "wire_agency"]


def unnamed_copies(ds: helpers.Dataset) -> list[str]:
    """Aggregator pages whose outlet name says whose copy they carry ("MENAFN (Ukrinform)") without `mirror_of`:
    the state-media rule would count them as the aggregator, not as the agency behind them."""
    names = {str(n).casefold(): i for i, n in zip(ds.outlets["id"], ds.outlets["name"], strict=True)}
    names.update({str(i).casefold(): i for i in ds.outlets["id"]})
    out = []
    for row in ds.sources.itertuples():
        carried = re.fullmatch(r".+\((.+)\)", str(row.outlet))
        origin = names.get(carried.group(1).strip().casefold()) if carried else None
        copied = "" if pd.isna(row.mirror_of) else str(row.mirror_of)
        if str(row.outlet_kind) == "aggregator_mirror" and origin and copied != origin:
            out.append(f"{row.id}: {row.outlet} but mirror_of {copied or 'empty'}")
    return out


def test_an_aggregator_page_names_the_outlet_it_copies(ds: helpers.Dataset) -> None:
    assert unnamed_copies(ds) == []


def test_the_copy_rule_catches_an_agency_page_left_unnamed(ds: helpers.Dataset) -> None:
    sources = ds.sources.copy()
    sources["mirror_of"] = sources["mirror_of"].astype(object)
    sources.loc[sources["id"] == "src314", "mirror_of"] = pd.NA  # MENAFN (Ukrinform)
    sources.loc[sources["id"] == "src030", "mirror_of"] = "ukrinform"  # MENAFN (KUNA)
    assert unnamed_copies(dataclasses.replace(ds, sources=sources)) == [
        "src030: MENAFN (KUNA) but mirror_of ukrinform", "src314: MENAFN (Ukrinform) but mirror_of empty"]


def outlet_rule_breaches(outlets: pd.DataFrame) -> list[str]:
    out = []
    for row in outlets.itertuples():
        kind, control = str(row.kind), str(row.control)
        state, official = control == "state", control == "official"
        if state != (kind == "state_affiliated") or official != (kind == "official_record"):
            out.append(f"{row.id}: control {control} but kind {kind}")
        if control in ("state", "public") and pd.isna(row.basis_url):
            out.append(f"{row.id}: control {control} needs a basis_url")
    return out


def state_media_breaches(ds: helpers.Dataset) -> list[str]:
    """Rows that rest on state media of another country (or on mirrors), and quotes worded by it.

    A page counts as the outlet whose copy it carries (`mirror_of`). State media may record its own
    country's officials (a contested version is its actor's statement); it is never the only basis of a
    weapon, a milestone or a version no named actor stated.
    """
    origins = ds.source_outlets()
    country = ds.actors.set_index("id")["country"].astype(str)

    def foreign_state(sid: str, home: str | None) -> bool:
        return origins.at[sid, "origin_kind"] == "state_affiliated" and origins.at[sid, "origin_country"] != home

    out = []
    for name, who in [("contested", "actor_id"), ("events", "actor_id"), ("milestones", None), ("quotes", "speaker_id"),
                      ("weapon_systems", None)]:
        for row in ds.table(name).itertuples():
            speaker = getattr(row, who) if who else None
            home = country[speaker] if isinstance(speaker, str) else None
            usable = [s for s in row.source_ids.split(";")
                      if origins.at[s, "kind"] != "aggregator_mirror" and not foreign_state(s, home)]
            if not usable:
                whose = " of another country" if who else ""
                out.append(f"{name} {row.id}: no source other than mirrors and state media{whose}")
            rendering = getattr(row, "rendering_source_id", None)
            if isinstance(rendering, str) and foreign_state(rendering, home):
                out.append(f"{name} {row.id}: rendered by state media of another country "
                           f"({rendering}, origin {origins.at[rendering, 'origin_id']})")
    return out


# -- notes cite rows that exist; statements are entered once ----------------------------------

NOTE_COLUMNS = {"events": ["summary", "note"], "quotes": ["context"], "milestones": ["note"],
                "claims": ["claim", "reason"], "contested": ["who", "value"],
                "weapon_systems": ["description", "speed_claimed", "speed_assessed"]}
ID_TOKEN = re.compile(r"\b(?:ev\d{3}|q\d{3}|m\d{3}|src\d{3}|c\d{2}|k\d{2})\b")
RETIRED_ID = re.compile(r"\b[a-z]{1,2}[A-Z]\d{0,3}\b")  # the old 'sB07', 'eA02', 'qD20' style


def test_ids_in_notes_name_rows_that_exist(ds: helpers.Dataset) -> None:
    assert stale_ids(ds) == []


def test_stale_ids_are_caught(ds: helpers.Dataset) -> None:
    events = ds.events.copy()
    events["note"] = events["note"].astype(object)
    events.loc[events["id"] == "ev020", "note"] = "See sB07 and ev999; ev021 exists."
    assert stale_ids(dataclasses.replace(ds, events=events)) == ["events ev020 note: sB07", "events ev020 note: ev999"]


def stale_ids(ds: helpers.Dataset) -> list[str]:
    known = set().union(*(set(ds.table(n)["id"]) for n in NOTE_COLUMNS), set(ds.sources["id"]))
    out = []
    for name, columns in NOTE_COLUMNS.items():
        for row in ds.table(name).itertuples():
            for col in columns:
                text = getattr(row, col)
                if not isinstance(text, str):
                    continue
                for match in sorted([*RETIRED_ID.finditer(text), *ID_TOKEN.finditer(text)], key=lambda m: m.start()):
                    if RETIRED_ID.fullmatch(match.group()) or match.group() not in known:
                        out.append(f"{name} {row.id} {col}: {match.group()}")
    return out


def test_a_statement_entered_twice_is_linked(ds: helpers.Dataset) -> None:
    assert unlinked_renderings(ds.quotes) == []


def test_an_unlinked_rendering_is_caught(ds: helpers.Dataset) -> None:
    quotes = ds.quotes.copy()
    row = quotes.index[quotes["id"] == "q037"][0]
    quotes.loc[row, "statement_id"] = "q037"  # as before: ABC's rendering of q029's address, not linked
    assert unlinked_renderings(quotes) == ["q029 and q037 (ua_zelensky, 2024-11-17)",
                                           "q030 and q037 (ua_zelensky, 2024-11-17)"]


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]", " ", text.casefold()).split()


def unlinked_renderings(quotes: pd.DataFrame) -> list[str]:
    """Pairs of one speaker on one day, in different statements, whose texts are near copies.

    Near copies: a difflib ratio of 0.8 or more, or 80% of the shorter text's words in the other.
    """
    out = []
    for (speaker, day), group in quotes.groupby(["speaker_id", "date"]):
        rows = list(group.itertuples())
        for a, b in itertools.combinations(rows, 2):
            if a.statement_id == b.statement_id:
                continue
            wa, wb = _words(a.text), _words(b.text)
            ratio = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
            shared = len(set(wa) & set(wb)) / min(len(set(wa)), len(set(wb)))
            if ratio >= 0.8 or shared >= 0.8:
                out.append(f"{a.id} and {b.id} ({speaker}, {day:%Y-%m-%d})")
    return out


# -- a row whose sources all predate it says why --------------------------------------------


def test_a_row_whose_sources_all_predate_it_says_why(ds: helpers.Dataset) -> None:
    assert unexplained_early_sources(ds) == []


def test_an_unexplained_early_source_is_caught(ds: helpers.Dataset) -> None:
    events = ds.events.copy()
    events.loc[events["id"] == "ev017", "date"] = pd.Timestamp("2024-11-14")  # its one source is dated 13 Nov
    assert unexplained_early_sources(dataclasses.replace(ds, events=events)) == [
        "events ev017: 2024-11-14, sources up to 2024-11-13"]


def unexplained_early_sources(ds: helpers.Dataset) -> list[str]:
    """Rows dated after every dated source they cite, without 'published before' in the note saying why."""
    published = ds.sources.set_index("id")["published"]
    out = []
    for name, col in [("events", "note"), ("milestones", "note"), ("quotes", "context"), ("contested", "value")]:
        for row in ds.table(name).itertuples():
            dates = published[row.source_ids.split(";")].dropna()
            explained = "published before" in str(getattr(row, col))
            if not dates.empty and dates.max() < row.date and not explained:
                out.append(f"{name} {row.id}: {row.date:%Y-%m-%d}, sources up to {dates.max():%Y-%m-%d}")
    return out
