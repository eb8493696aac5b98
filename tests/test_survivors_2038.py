"""Tests from a fresh draw of mutants (seed 2038) in the widgets, cards, statements, fact-check and importer modules.

Each oracle is worked out by hand from a small input or from the data rows named beside it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import DataError, cards, external, factcheck, maps, widgets
from helpers.importers import aggregate
from helpers.statements import responses, statements_per_side


def test_sides_are_counted_in_the_fixed_order_whatever_the_counts() -> None:
    # Two Ukrainian statements and one Russian: the table lists Russia & partners, Ukraine, Western partners,
    # Other (the fixed order), not the most frequent first, and a side with none gets 0.
    statements = pd.DataFrame({"side": ["ukraine", "ukraine", "russia_and_partners"]})
    table = statements_per_side(statements)
    assert table.to_dict("list") == {"side": ["Russia & partners", "Ukraine", "Western partners", "Other"],
                                     "statements": [1, 2, 0, 0]}


def test_a_figure_in_miles_carries_km_and_no_other_unit_does() -> None:
    # 190 mi × 1.609344 = 305.8 km; a count of missiles is no distance.
    assert factcheck.figure_label("atacms_range_reported", 190) == "190 mi (≈ 306 km)"
    assert factcheck.figure_label("atacms_fired", 6) == "6 missiles fired"
    assert factcheck.figure_label("missile_speed", 10) == "Mach 10"


def test_the_evidence_table_heads_its_columns_in_plain_words(ds: helpers.Dataset) -> None:
    table = cards.evidence_table(ds, "c02")
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert heads == ["row", "kind", "date", "who", "what, and who reported it"]


def test_a_word_with_a_curly_apostrophe_is_bold_where_only_one_rendering_has_it(ds: helpers.Dataset) -> None:
    # quotes.csv: q150 (Sputnik) prints "[US President Joe Biden’s]"; q151, the other rendering, has no Biden.
    card = cards.renderings_card(ds, "q150").data
    assert "<b>Biden’s</b>" in card


@pytest.mark.parametrize(("make", "control"), [(widgets.claims_explorer, "verdict"),
                                               (widgets.quote_explorer, "quote_type")])
def test_an_explorer_redraws_its_chart_without_a_blank_flash(ds: helpers.Dataset, monkeypatch, make,
                                                             control: str) -> None:
    # clear_output(wait=True) keeps the old chart until the new one is drawn: the explorer does not flicker.
    explorer = make(ds)
    calls = []
    monkeypatch.setattr(type(explorer.chart_out), "clear_output", lambda self, wait=False: calls.append(wait))
    w = getattr(explorer, control)
    w.value = next(v for v in w.options if v != w.value)
    assert calls and all(c is True for c in calls)


def test_the_quote_explorers_controls_are_labelled(ds: helpers.Dataset) -> None:
    explorer = widgets.quote_explorer(ds)
    assert [explorer.side.description, explorer.dates.description, explorer.quote_type.description,
            explorer.search.description] == ["Side", "Dates", "Type", "Search"]


def test_the_gdelt_actor_query_reads_the_country_only_where_the_file_has_it() -> None:
    full = aggregate.aggregation_sql("gdelt", "t")["actors"]
    assert "Actor1CountryCode AS country" in full and "NULL AS country" not in full
    columns = {n: n for n in ("SQLDATE", "GoldsteinScale", "Actor1Name")}
    bare = aggregate.aggregation_sql("gdelt", "t", columns=columns)["actors"]
    assert "NULL AS country" in bare and "Actor1CountryCode" not in bare


def test_an_acled_type_pair_that_does_not_go_together_is_counted_in_rows() -> None:
    # Both import paths check each row first ('not a sub-event type of …'); the aggregation checks its summed
    # groups again, and says how many events a bad pair holds: 3 in one group here, by hand.
    frames = {"daily": pd.DataFrame({"event_type": ["Battles"], "sub_event_type": ["Peaceful protest"],
                                     "events": [3]})}
    with pytest.raises(DataError) as info:
        aggregate._finish_acled(frames, "acled.csv", {})
    assert [str(p) for p in info.value.problems] == [
        "acled.csv, column 'sub_event_type': ('Battles', 'Peaceful protest') is not an ACLED event/sub-event type "
        "pair (3 rows)"]


def test_a_gdelt_day_that_is_no_date_is_named_with_its_rows() -> None:
    # 31 November does not exist; its group holds 2 events (by hand). The 20th is a date and is not named.
    frames = {"daily": pd.DataFrame({"day": [20241131, 20241120], "events": [2, 1], "coded": [2, 1],
                                     "goldstein_sum": [0.0, 1.0], "goldstein_min": [0.0, 1.0]})}
    with pytest.raises(DataError) as info:
        aggregate._finish_gdelt(frames, "gdelt.csv", {})
    assert [str(p) for p in info.value.problems] == [
        "gdelt.csv, column 'SQLDATE': not a date in GDELT's YYYYMMDD form: 20241131 (2 rows)"]


def test_a_sentence_with_no_lexicon_word_says_so(ds: helpers.Dataset) -> None:
    # 'the', 'of' and 'and' are in neither VADER's lexicon nor the domain one: no table of words, a sentence.
    explorer = widgets.sentiment_explorer(ds)
    explorer.sentence.value = "the of and"
    assert "No word of this sentence is in either lexicon." in explorer.scores.value
    assert "<table>" not in explorer.scores.value
    explorer.sentence.value = "war"
    assert "<table>" in explorer.scores.value and "No word" not in explorer.scores.value


def test_a_side_picked_redraws_each_chart_once(ds: helpers.Dataset, monkeypatch) -> None:
    # A widget answers at once: one change of the sides is one index and one scatter, not one per trait that
    # moves with it (a multiple choice also changes its 'index' and 'label').
    explorer = widgets.sentiment_explorer(ds)
    built = {"index": 0, "scatter": 0}
    real_index, real_scatter = widgets.charts.escalation_index, widgets.charts.sentiment_vs_goldstein
    monkeypatch.setattr(widgets.charts, "escalation_index",
                        lambda *a, **k: (built.__setitem__("index", built["index"] + 1), real_index(*a, **k))[1])
    monkeypatch.setattr(widgets.charts, "sentiment_vs_goldstein",
                        lambda *a, **k: (built.__setitem__("scatter", built["scatter"] + 1), real_scatter(*a, **k))[1])
    explorer.sides.value = explorer.sides.value[:1]
    assert built == {"index": 1, "scatter": 1}


def test_an_acled_file_without_notes_says_no_weapon_can_be_named(tmp_path) -> None:
    # ACLED names a weapon only in its notes; a file without that column says so in the import report.
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,event_type,sub_event_type,actor1,country,fatalities\n"
                    "UKR1,2024-11-21,Battles,Armed clash,A,Ukraine,0\n", encoding="utf-8")
    lacks = external.load_events_csv(path).package["x-import"]["lacks"]
    assert lacks == ["statements: an event file carries no quotes, so the statement explorers have nothing to list",
                     "weapon names: the file has no notes column to find them in"]


def test_the_answered_rows_carry_only_their_own_columns(ds: helpers.Dataset) -> None:
    # One row per answered event or statement: what the chart reads, and no leftover index column.
    assert list(responses(ds).triggers.columns) == ["id", "date", "actor", "side", "what", "answers", "last", "label"]


def test_a_circle_is_a_closed_ring_of_its_points() -> None:
    # 180 points round the circle and the first again to close it: 181, first == last.
    ring = maps.circle(50.0, 30.0, 100.0)
    assert len(ring) == 181 and ring[0] == ring[-1]
    assert len(maps.circle(50.0, 30.0, 100.0, points=4)) == 5


def test_a_contour_open_at_both_ends_is_one_line() -> None:
    # y = 1.5 + (x − 5)² / 2.5 on a 0…10 grid: a U that leaves the grid at its top edge on both sides. Found from
    # its bottom, it must be followed both ways: one line from edge to edge, not two halves.
    lons = lats = np.arange(0, 11.0)
    x, y = np.meshgrid(lons, lats)
    lines = maps._contour(lons, lats, y - (x - 5) ** 2 / 2.5, 1.5)
    assert len(lines) == 1
    assert {lines[0][0][1], lines[0][-1][1]} == {10.0}  # both ends on the top edge
    assert sorted([lines[0][0][0], lines[0][-1][0]]) == pytest.approx([0.417, 9.583], abs=0.001)


def test_a_weapon_card_names_each_row_and_says_how_a_range_is_known(ds: helpers.Dataset) -> None:
    # weapon_systems.csv: the Oreshnik's range is its class's (500–5,500 km) and has both speeds; HIMARS has no
    # lower bound ('up to 80 km'), stated for the weapon itself.
    def rows(card: str) -> dict[str, str]:
        return dict(re.findall(r"<th[^>]*>([^<]*)</th><td>([^<]*)</td>", card))

    oreshnik = rows(cards.weapon_card(ds, "oreshnik"))
    assert list(oreshnik) == ["Category", "Origin", "Operator", "Range", "Speed as claimed", "Speed as assessed"]
    assert oreshnik["Range"].startswith("500–5,500 km (typical of its class, not measured)")
    assert rows(cards.weapon_card(ds, "himars"))["Range"].startswith("up to 80 km (stated for this weapon)")


def test_an_event_lists_at_most_five_of_its_statements(ds: helpers.Dataset) -> None:
    # quotes.csv: seven statements belong to ev076 (event_id); its item shows five and says two more.
    event = ds.events[ds.events["id"] == "ev076"].iloc[0]
    quotes = ds.statements[ds.statements["event_id"] == "ev076"]
    assert len(quotes) == 7
    item = cards.mention_item(ds, event, quotes)
    assert item.count('<li style="margin-bottom:6px">') == 5
    assert "… and 2 more" in item


def test_the_claims_overview_has_one_row_per_claim_and_only_its_columns(ds: helpers.Dataset) -> None:
    overview = factcheck.claims_overview(ds)
    assert list(overview.columns) == ["id", "claim", "verdict", "reason", "evidence"]
    assert list(overview.index) == list(range(24))  # claims.csv holds 24 claims, c01 … c24
