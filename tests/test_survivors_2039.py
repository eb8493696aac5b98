"""Tests from a fresh draw of mutants (seed 2039) in the cards, maps and widgets modules.

Each oracle is worked out by hand from a small input or from the data rows named beside it.
"""

from __future__ import annotations

import html

import helpers
from helpers import cards, maps, widgets


def test_the_date_sliders_leave_both_dates_to_the_count_line(ds: helpers.Dataset) -> None:
    # The slider's own readout is too narrow for two dates: it is off, and the line under it says them.
    qx = widgets.quote_explorer(ds)
    assert qx.dates.readout is False
    lo, hi = qx.dates.value
    assert f", {lo} – {hi}." in qx.count.value
    wx = widgets.weapon_explorer(ds)
    assert wx.dates.readout is False
    start, end = wx.dates.value
    assert f"fall in {start} – {end}, with" in wx.count.value


def test_the_rolling_window_slider_names_its_unit(ds: helpers.Dataset) -> None:
    assert widgets.sentiment_explorer(ds).window.description == "Window (days)"


def test_the_weapon_card_and_its_mentions_share_the_row(ds: helpers.Dataset) -> None:
    wx = widgets.weapon_explorer(ds)
    assert (wx.card.layout.width, wx.mentions.layout.width) == ("45%", "55%")


def test_a_milestone_note_is_shown_in_the_weapon_card(ds: helpers.Dataset) -> None:
    # m002 (anti-personnel mines, 20 Nov 2024): "Defense Secretary Austin confirmed on Wednesday 20 Nov that the
    # US would provide 'nonpersistent' anti-personnel mines." — escaped, after the milestone's date.
    card = cards.weapon_card(ds, "ap_mines")
    note = html.escape("Defense Secretary Austin confirmed on Wednesday 20 Nov that the US would provide "
                       "'nonpersistent' anti-personnel mines.")
    assert f" — {note}<br>" in card


def test_a_reach_line_skips_a_country_the_map_does_not_hold(ds: helpers.Dataset) -> None:
    # "Atlantis" has no outline: the line is kept over Russia only, as if it had not been named.
    topo = ds.boundaries
    over_russia = maps.reach_line(topo, "Ukraine", 300, ("Russia",))
    assert over_russia
    assert maps.reach_line(topo, "Ukraine", 300, ("Russia", "Atlantis")) == over_russia
