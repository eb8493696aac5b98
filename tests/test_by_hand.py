"""weapons.py and factcheck.py on a dataset small enough to work out every answer by hand.

Four weapons, four milestones, nine events, four sources, three quotes, two claims, three contested
versions. Every expected value below was worked out from these rows on paper, not from the code.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers import factcheck, weapons

NAN = np.nan


def _frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns.split())
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def tiny(ds):
    weapon_systems = _frame("id name range_min_km range_max_km range_basis range_wording source_ids", [
        ("w1", "Bravo", NAN, 80.0, "system", "up to 80 km", "s1"),
        ("w2", "Charlie", 165.0, 300.0, "system", "165 to 300 km", "s2"),
        ("w3", "Alpha", NAN, NAN, None, None, "s1"),
        ("w4", "Aardvark", NAN, 5500.0, "class", "up to 5,500 km", "s3"),
    ])
    milestones = _frame("id weapon_id milestone date date_precision source_ids note weapon", [
        ("m1", "w1", "delivered", "2024-01-10", "day", "s1", None, "Bravo"),
        ("m2", "w1", "requested", "2024-01-10", "week", "s2", "Asked.", "Bravo"),
        ("m3", "w2", "first_used_in_russia", "2023-05-01", "month", "s1;s2", None, "Charlie"),
        ("m4", "w2", "authorised", "2024-01-10", "day", "s3", None, "Charlie"),
    ])
    events = _frame("id date side kind actor weapon_id weapon summary source_ids", [
        ("ev1", "2024-01-05", "russia_and_partners", "warning", "Ru", "w1", "Bravo", "A warning.", "s1"),
        ("ev2", "2024-01-03", "western_partners", "authorisation", "West", None, None, "Allowed.", "s1;s2"),
        ("ev3", "2024-01-04", "western_partners", "policy", "West", None, None, "A policy.", "s1;s3"),
        ("ev4", "2024-01-02", "western_partners", "warning", "Embassy", None, None, "Leave.", "s2"),
        ("ev5", "2024-01-06", "russia_and_partners", "policy", "Ru", None, None, "Doctrine.", "s2"),
        ("ev6", "2024-01-06", "ukraine", "strike", "Ua", "w1", "Bravo", "A strike.", "s3"),
        ("ev7", "2024-01-07", "russia_and_partners", "statement", "Ru", "w1", "Bravo", "Said.", "s1"),
        ("ev8", "2024-01-08", "western_partners", "statement", "West", "w1", "Bravo", "Noted.", "s2"),
        ("ev9", "2024-01-09", "ukraine", "statement", "Ua", "w1", "Bravo", "Claimed.", "s3;s1"),
    ])
    sources = _frame("id outlet url", [
        ("s1", "Out1", "https://one.example/1"), ("s2", "Out2", "https://two.example/2"),
        ("s3", "Out1", "https://one.example/3"), ("s4", "Out4", "https://four.example/4"),
    ])
    quotes = _frame("id date speaker text quote_type variant_of event_id statement_id outlet source_ids", [
        ("q1", "2024-01-06", "Ua", "The missiles hit the base.", "direct", None, "ev6", "q1", "Out1", "s3"),
        ("q2", "2024-01-06", "Ua", "The rockets hit a base today.", "direct", "q1", "ev6", "q1", "Out2", "s2"),
        ("q3", "2024-01-09", "Ua", "We did it.", "paraphrase", None, "ev9", "q3", "Out1", "s1"),
    ])
    claims = _frame("id claim verdict reason evidence_ids", [
        ("c1", "It was allowed.", "supported", "It was.", "ev2;q1;m2"),
        ("c2", "A missile flew.", "contested", "Unclear.", "q3;m3;ev1"),
    ])
    contested = _frame("id topic question date who value number side source_ids", [
        ("k1", "t1", "How many?", "2024-01-05", "Ru", "Five.", 5.0, "russia_and_partners", "s1"),
        ("k2", "t1", "How many?", "2024-01-04", "West", "Seven.", 7.0, "western_partners", "s2;s3"),
        ("k3", "t2", "Which?", "2024-01-06", "Ua", "That one.", NAN, "ukraine", "s4"),
    ])
    return dataclasses.replace(ds, weapon_systems=weapon_systems, milestones=milestones, events=events,
                               sources=sources, quotes=quotes, claims=claims, contested=contested)


# -- weapons --------------------------------------------------------------------------------


def test_milestones_in_date_then_reading_order(tiny) -> None:
    m = weapons.milestone_table(tiny)
    assert m["id"].tolist() == ["m3", "m2", "m4", "m1"]  # 2023 first; on 10 Jan requested < authorised < delivered
    assert m["label"].tolist() == ["first used inside Russia", "requested", "authorised", "delivered"]
    assert m["precision"].tolist() == ["within that month", "within that week", "exact day", "exact day"]
    assert m["order"].tolist() == [6, 0, 2, 4]


def test_systems_by_first_milestone_then_name(tiny) -> None:
    assert weapons.system_order(tiny) == ["Charlie", "Bravo", "Aardvark", "Alpha"]


def test_spans(tiny) -> None:
    s = weapons.spans(tiny)
    assert s["weapon_id"].tolist() == ["w2", "w1"] and s["weapon"].tolist() == ["Charlie", "Bravo"]
    assert s["start"].dt.strftime("%Y-%m-%d").tolist() == ["2023-05-01", "2024-01-10"]
    assert s["end"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-10", "2024-01-10"]
    assert s["milestones"].tolist() == [2, 2]


def test_signals(tiny) -> None:
    sig = weapons.signals(tiny)
    assert sig["id"].tolist() == ["ev2", "ev3", "ev1"]
    assert sig["signal"].tolist() == [weapons.WESTERN_DECISION, weapons.WESTERN_DECISION, weapons.RUSSIAN_WARNING]
    assert sig["outlets"].tolist() == ["Out1; Out2", "Out1", "Out1"]  # each outlet once, in order
    assert list(sig.columns) == ["id", "date", "signal", "side", "actor", "kind", "weapon_id", "weapon", "summary",
                                 "outlets"]


def test_claims_and_assessments(tiny) -> None:
    assert weapons.user_sides(tiny, "w1") == {"ukraine"}
    assert weapons.user_sides(tiny, "w2") == set()
    said = weapons.capability_statements(tiny, "w1")
    assert said["id"].tolist() == ["ev1", "ev7", "ev8", "ev9"]
    assert said["stance"].tolist() == [weapons.ASSESSED, weapons.ASSESSED, weapons.ASSESSED, weapons.CLAIMED]
    assert said["outlets"].tolist() == ["Out1", "Out1", "Out2", "Out1"]
    assert weapons.capability_statements(tiny, "w2").empty
    with pytest.raises(KeyError) as info:
        weapons.capability_statements(tiny, "zz")
    assert info.value.args[0] == "no weapon system 'zz'; known ids: w1, w2, w3, w4"


def test_mentions_in_a_window(tiny) -> None:
    events, statements = weapons.mentions(tiny, "w1", "2024-01-06", "2024-01-08")
    assert events["id"].tolist() == ["ev6", "ev7", "ev8"]  # both ends included
    assert statements["id"].tolist() == ["q1"]  # q2 renders q1; q3 belongs to e9, outside
    every, said = weapons.mentions(tiny, "w1")
    assert every["id"].tolist() == ["ev1", "ev6", "ev7", "ev8", "ev9"] and said["id"].tolist() == ["q1", "q3"]
    after, _ = weapons.mentions(tiny, "w1", start="2024-01-08")
    before, _ = weapons.mentions(tiny, "w1", end="2024-01-05")
    assert after["id"].tolist() == ["ev8", "ev9"] and before["id"].tolist() == ["ev1"]


def test_ranges(tiny) -> None:
    r = weapons.ranges(tiny)
    assert r["id"].tolist() == ["w1", "w2", "w4"]
    assert r["from_km"].tolist() == [0.0, 165.0, 0.0] and r["to_km"].tolist() == [80.0, 300.0, 5500.0]
    assert r["only_maximum"].tolist() == [True, False, True]
    assert weapons.no_range(tiny) == ["Alpha"]


def test_days_between(tiny) -> None:
    assert weapons.days_between(tiny, "m3", "m1") == 254  # 1 May 2023 to 10 January 2024
    assert weapons.days_between(tiny, "m1", "m3") == -254
    assert weapons.days_between(tiny, "m1", "m2") == 0
    with pytest.raises(KeyError) as info:
        weapons.days_between(tiny, "m9", "m1")
    assert info.value.args[0] == "no milestone 'm9' in milestones.csv"
    with pytest.raises(KeyError, match="'m8'"):
        weapons.days_between(tiny, "m1", "m8")


# -- fact check -----------------------------------------------------------------------------


def test_claims_overview_and_verdict_counts(tiny) -> None:
    overview = factcheck.claims_overview(tiny)
    assert overview["evidence"].tolist() == [3, 3]
    assert list(overview["verdict"].cat.categories) == list(factcheck.VERDICTS)
    counts = factcheck.verdict_counts(overview)
    assert counts.to_dict("records") == [
        {"verdict": "supported", "claims": 1, "ids": "c1"}, {"verdict": "imprecise", "claims": 0, "ids": ""},
        {"verdict": "contested", "claims": 1, "ids": "c2"}, {"verdict": "unsupported", "claims": 0, "ids": ""},
    ]


def test_source_links(tiny) -> None:
    assert factcheck.source_links(tiny, "s2;s1") == [("Out2", "https://two.example/2"),
                                                     ("Out1", "https://one.example/1")]
    assert factcheck.source_links(tiny, "") == []
    with pytest.raises(KeyError):
        factcheck.source_links(tiny, "s9")
    other = dataclasses.replace(tiny, sources=tiny.sources.assign(outlet=["A", "B", "C", "D"]))
    assert factcheck.source_links(other, "s1") == [("A", "https://one.example/1")]  # a new table, a new lookup


def test_evidence_of_a_claim(tiny) -> None:
    ev = factcheck.evidence(tiny, "c1")
    assert ev.to_dict("list") == {
        "id": ["ev2", "q1", "m2"],
        "kind": ["event", "statement", "milestone"],
        "date": list(pd.to_datetime(["2024-01-03", "2024-01-06", "2024-01-10"])),
        "who": ["West", "Ua", "Bravo"],
        "what": ["Allowed.", "“The missiles hit the base.”", "requested (date known to the week): Asked."],
        "source_ids": ["s1;s2", "s3", "s2"],
    }
    ev2 = factcheck.evidence(tiny, "c2")
    assert ev2["id"].tolist() == ["m3", "ev1", "q3"]
    assert ev2["what"].tolist() == ["first used inside Russia (date known to the month)", "A warning.",
                                    "(paraphrase) We did it."]
    with pytest.raises(KeyError) as info:
        factcheck.evidence(tiny, "c9")
    assert info.value.args[0] == "no claim 'c9' in claims.csv"


def test_contested_topics_and_versions(tiny) -> None:
    topics = factcheck.contested_topics(tiny)
    assert topics.to_dict("records") == [
        {"topic": "t1", "question": "How many?", "versions": 2, "figures": "5–7"},
        {"topic": "t2", "question": "Which?", "versions": 1, "figures": ""},
    ]
    v = factcheck.contested_versions(tiny, "t1")
    assert v["id"].tolist() == ["k2", "k1"]  # in the order stated
    assert v["version"].tolist() == ["Seven.", "Five."] and v["figure"].tolist() == [7.0, 5.0]
    assert v["reported_by"].tolist() == ["Out2; Out1", "Out1"]
    assert v["who"].tolist() == ["West", "Ru"] and v["side"].tolist() == ["western_partners", "russia_and_partners"]
    with pytest.raises(KeyError) as info:
        factcheck.contested_versions(tiny, "t9")
    assert info.value.args[0] == "no topic 't9' in contested.csv; known topics: t1, t2"


def test_renderings_compared_word_by_word(tiny) -> None:
    cmp = factcheck.compare_renderings(tiny, "q1")
    assert cmp.to_dict("list") == {
        "outlet": ["Out1", "Out2"],
        "text": ["The missiles hit the base.", "The rockets hit a base today."],
        "only_here": ["missiles", "rockets, today"],  # 'the' and 'a' are filler; 'hit' and 'base' are shared
    }
    # "u.s.'s" splits at each full stop: 'u', 's', 's'; "it's", 'the' and 'it' are filler
    assert factcheck._words("It's THE U.S.’s doctrine — isn't it?") == {"u", "s", "doctrine", "isn't"}


@pytest.fixture
def named(ds):
    systems = pd.DataFrame({"id": ["ss", "kn", "tau", "sb"],
                            "name": ["Storm Shadow / SCALP-EG", "KN-23/KN-24 (Hwasong-11)", "Taurus KEPD 350",
                                     "Storm Breaker"]})
    return dataclasses.replace(ds, weapon_systems=systems)


@pytest.mark.parametrize("typed, wid", [
    ("ss", "ss"), ("storm shadow", "ss"), ("STORM-SHADOW", "ss"), ("Storm Shadow / SCALP-EG", "ss"),
    ("scalp eg", "ss"), ("KN", "kn"), ("kn 24", "kn"), ("Hwasong 11", "kn"), ("taurus", "tau"),
    ("Taurus KEPD 350", "tau"), ("storm breaker", "sb"),
])
def test_a_weapon_is_found_by_any_way_of_typing_its_name(named, typed: str, wid: str) -> None:
    assert weapons.resolve_weapon(named, typed) == wid


def test_a_weapon_name_that_fits_two_systems_or_none_is_a_clear_error(named) -> None:
    with pytest.raises(KeyError) as info:
        weapons.resolve_weapon(named, "Storm")  # the first word of two names
    assert info.value.args[0] == "no weapon system 'Storm'; known ids: kn, sb, ss, tau (sb and ss both match)"
    with pytest.raises(KeyError) as info:
        weapons.resolve_weapon(named, "zircon")
    assert info.value.args[0] == "no weapon system 'zircon'; known ids: kn, sb, ss, tau"
