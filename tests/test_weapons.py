"""Weapon systems: the tables behind notebook 02, its chart specs, its explorer and its exercises."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from helpers import charts, exercises, weapons, widgets

HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>=HYPERLINK("http://x")'


def spec(chart) -> dict:
    return chart.to_dict()


def datasets(chart) -> list[list[dict]]:
    return list(spec(chart)["datasets"].values())


# -- tables ---------------------------------------------------------------------------------


def test_milestone_table_keeps_every_milestone_in_date_order(ds) -> None:
    m = weapons.milestone_table(ds)
    assert len(m) == len(ds.milestones)
    assert m["date"].is_monotonic_increasing
    assert set(m["label"]) <= set(weapons.MILESTONE_LABELS.values())
    assert m["label"].notna().all() and m["precision"].notna().all()


def test_system_order_starts_with_the_earliest_milestone(ds) -> None:
    order = weapons.system_order(ds)
    assert sorted(order) == sorted(ds.weapon_systems["name"])
    first = ds.milestones.sort_values("date").iloc[0]["weapon"]
    assert order[0] == first
    without = set(ds.weapon_systems["id"]) - set(ds.milestones["weapon_id"])
    names = ds.weapon_systems.set_index("id")["name"]
    assert set(order[-len(without):]) == {names[w] for w in without}


def test_spans_run_from_first_to_last_milestone(ds) -> None:
    s = weapons.spans(ds).set_index("weapon_id")
    atacms = ds.milestones[ds.milestones["weapon_id"] == "atacms"]["date"]
    assert s.at["atacms", "start"] == atacms.min() and s.at["atacms", "end"] == atacms.max()
    assert s.at["atacms", "milestones"] == len(atacms)


def test_signals_are_russian_warnings_and_western_decisions_only(ds) -> None:
    sig = weapons.signals(ds)
    assert set(sig["signal"]) == {weapons.RUSSIAN_WARNING, weapons.WESTERN_DECISION}
    rw = sig[sig["signal"] == weapons.RUSSIAN_WARNING]
    assert (rw["side"] == "russia_and_partners").all() and (rw["kind"] == "warning").all()
    wd = sig[sig["signal"] == weapons.WESTERN_DECISION]
    assert (wd["side"] == "western_partners").all() and wd["kind"].isin(weapons.DECISION_KINDS).all()
    # a warning by someone else (e.g. the US embassy's) is not a Russian warning
    other_warnings = ds.events[(ds.events["kind"] == "warning") & (ds.events["side"] != "russia_and_partners")]
    assert len(other_warnings) and not set(other_warnings["id"]) & set(sig["id"])
    assert sig["outlets"].str.len().gt(0).all()


def test_oreshnik_claims_come_from_russia_and_assessments_from_others(ds) -> None:
    said = weapons.capability_statements(ds, "oreshnik")
    assert weapons.user_sides(ds, "oreshnik") == {"russia_and_partners"}
    claims = said[said["stance"] == weapons.CLAIMED]
    others = said[said["stance"] == weapons.ASSESSED]
    assert len(claims) and len(others)
    assert (claims["side"] == "russia_and_partners").all()
    assert (others["side"] != "russia_and_partners").all()
    assert "ev076" in set(claims["id"]) and "ev079" in set(others["id"])


def test_capability_statements_of_an_unknown_weapon_is_a_clear_error(ds) -> None:
    with pytest.raises(KeyError, match="no weapon system 'zircon'; known ids: ap_mines"):
        weapons.capability_statements(ds, "zircon")


def test_mentions_follow_the_date_window(ds) -> None:
    all_events, all_quotes = weapons.mentions(ds, "oreshnik")
    assert len(all_events) == int((ds.events["weapon_id"] == "oreshnik").sum())
    assert set(all_quotes["event_id"]) == set(ds.statements["event_id"]) & set(all_events["id"])
    events, quotes = weapons.mentions(ds, "oreshnik", "2024-11-22", "2024-11-22")
    assert len(events) < len(all_events)
    assert (events["date"] == pd.Timestamp("2024-11-22")).all()
    assert set(quotes["event_id"]) <= set(events["id"])
    assert quotes["id"].is_unique and quotes["variant_of"].isna().all()


def test_ranges_name_what_is_left_out(ds) -> None:
    r = weapons.ranges(ds)
    missing = weapons.no_range(ds)
    assert len(r) + len(missing) == len(ds.weapon_systems)
    assert (r["from_km"] <= r["to_km"]).all()
    atacms = r.set_index("id").loc["atacms"]
    assert (atacms["from_km"], atacms["to_km"], atacms["only_maximum"]) == (165, 300, False)
    assert r.set_index("id").at["himars", "only_maximum"]


def test_days_between_milestones(ds) -> None:
    assert weapons.days_between(ds, "m010", "m011") == 2
    with pytest.raises(KeyError, match="m999"):
        weapons.days_between(ds, "m010", "m999")


# -- charts ---------------------------------------------------------------------------------


def test_weapon_timeline_spec(ds) -> None:
    s = spec(charts.weapon_timeline(ds))
    top, bottom = s["vconcat"]
    assert top["name"] == "weapon_milestones" and bottom["name"] == "weapon_signals"
    span, vague, dots = top["layer"]
    assert span["mark"]["type"] == "rule" and dots["mark"]["type"] == "point" and vague["mark"]["type"] == "rule"
    assert dots["mark"]["yOffset"] == {"expr": "datum.nudge"}  # each mark's own offset, in px
    assert dots["encoding"]["x"]["scale"]["type"] == "utc"
    assert dots["encoding"]["color"]["scale"]["domain"] == list(weapons.MILESTONE_LABELS.values())
    # Colour and shape together tell every milestone apart: no two share both.
    styles = list(zip(dots["encoding"]["color"]["scale"]["range"], dots["encoding"]["shape"]["scale"]["range"],
                      strict=True))
    assert len(set(styles)) == len(styles) == len(weapons.MILESTONES)
    assert not set(dots["encoding"]["color"]["scale"]["range"]) & set(charts.SIDE_COLORS.values())
    rows = s["datasets"][dots["data"]["name"]]
    assert len(rows) == len(ds.milestones)
    assert {r["id"] for r in s["datasets"][bottom["data"]["name"]]} == set(weapons.signals(ds)["id"])
    # Storm Shadow's announcement, delivery and first use (May 2023) fall within days: the axis puts them on one
    # spot, so they stand 10 px apart, the first on the line.
    offsets = {r["milestone"]: r["nudge"] for r in rows if r["weapon"] == "Storm Shadow / SCALP-EG"
               and r["date"].startswith("2023-05")}
    assert sorted(offsets.values()) == [-10, 0, 10]
    assert bottom["encoding"]["color"]["legend"]["values"] == ["Russia & partners", "Western partners"]


def test_marks_that_would_hide_each_other_step_up_and_down_by_hand() -> None:
    from helpers.charts import weapons as weapon_charts

    # 100 days over 100 px: A's marks on days 0, 5 and 8 are one run (5 and 3 px apart): 0, −10, +10; day 50 is
    # alone: 0. B's mark on day 5 is another system's: 0.
    first = pd.Timestamp("2024-01-01")
    points = pd.DataFrame({"weapon": ["A", "A", "A", "A", "B"],
                           "date": [(first + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for d in (0, 5, 8, 50, 5)]})
    got = weapon_charts.nudges(points, first, first + pd.Timedelta(days=100), 100.0)
    assert got.tolist() == [0.0, -10.0, 10.0, 0.0, 0.0]


def test_weapon_timeline_window_and_highlight(ds) -> None:
    s = spec(charts.weapon_timeline(ds, "2024-11-17", "2024-11-26", highlight="atacms"))
    dots = s["vconcat"][0]["layer"][2]
    # From noon on the day before the first to noon on the day after the last, so the 26th is drawn whole (a string
    # domain ended at its midnight, on the edge, and Vega's expression interpreter does not read one at all).
    noon = [{"year": 2024, "month": 11, "date": d, "hours": 12, "minutes": 0, "seconds": 0, "utc": True}
            for d in (16, 26)]
    assert dots["encoding"]["x"]["scale"]["domain"] == noon
    # Ten days: a tick a day, on two lines ('Sun' over '17 Nov'), not Vega's '12 PM' between days.
    axis = dots["encoding"]["x"]["axis"]
    assert axis["tickCount"] == {"interval": "day", "step": 1}
    assert axis["labelExpr"] == "[utcFormat(datum.value, '%a'), utcFormat(datum.value, '%-d %b')]"
    rows = s["datasets"][dots["data"]["name"]]
    assert rows and all("2024-11-17" <= r["date"] <= "2024-11-26" for r in rows)
    assert {r["focus"] for r in rows if r["weapon"].startswith("ATACMS")} == {True}
    assert {r["focus"] for r in rows if not r["weapon"].startswith("ATACMS")} == {False}


def test_a_timeline_window_says_what_it_lacks(ds) -> None:
    # No milestone, warning or decision in the window: a line in words, not two bare axes.
    empty = spec(charts.weapon_timeline(ds, "2024-01-04", "2024-01-04", title="T"))
    assert empty["vconcat"][0]["name"] == "nothing_to_draw"
    line = next(iter(empty["datasets"].values()))[0]["line"]
    assert line.startswith("Nothing to draw: no milestone, warning or decision on 4 Jan 2024.")
    # The picked system has no milestone here (ATACMS on 21 Nov; the Oreshnik has one): the subtitle says so.
    s = spec(charts.weapon_timeline(ds, "2024-11-21", "2024-11-21", highlight="atacms"))
    assert s["title"]["subtitle"][1] == "No milestone of ATACMS (Army Tactical Missile System) falls on 21 Nov 2024."
    s = spec(charts.weapon_timeline(ds, "2024-11-21", "2024-11-21", highlight="oreshnik"))
    assert isinstance(s["title"]["subtitle"], str)
    # Over more than a month, Vega's own ticks: a tick a day would not fit.
    s = spec(charts.weapon_timeline(ds, "2024-10-01", "2024-11-26"))
    assert "axis" not in s["vconcat"][0]["layer"][2]["encoding"]["x"]
    assert charts.weapons._window_words("2024-11-17", "2024-11-23") == "between 17 Nov and 23 Nov 2024"
    assert charts.weapons._window_words("2022-06-01", "2024-11-26") == "between 1 Jun 2022 and 26 Nov 2024"


def test_timeline_zoom_opens_on_the_week_and_zooms_by_its_scales(ds) -> None:
    s = spec(charts.timeline_zoom(ds))
    strip, zoomed = s["vconcat"]
    detail, signals = zoomed["vconcat"]
    assert strip["name"] == "zoom_overview" and detail["name"] == "zoom_detail"
    (zoom,) = s["params"]
    assert zoom["name"] == "zoom_window" and zoom["bind"] == "scales" and zoom["select"]["encodings"] == ["x"]
    assert zoom["views"] == ["zoom_spans"]
    # The week (17–23 November 2024) and a day either side: 16 to 24 November, on the detail and the signals alike.
    opens = [{"year": 2024, "month": 11, "date": d, "hours": 0, "minutes": 0, "seconds": 0, "utc": True}
             for d in (16, 24)]
    assert detail["layer"][2]["encoding"]["x"]["scale"]["domain"] == opens
    assert signals["encoding"]["x"]["scale"]["domain"] == opens
    assert zoomed["resolve"]["scale"]["x"] == "shared"
    assert all(layer["mark"]["clip"] for layer in detail["layer"])
    # The strip boxes those days: a week is ~4 px of a 2½-year strip, so the box is outlined and named, and drawn
    # over the ticks (after them), or the dense ticks of November 2024 hide it.
    kinds = [layer["mark"]["type"] for layer in strip["layer"]]
    assert kinds == ["tick", "rect", "text"]
    box, named = strip["layer"][1], strip["layer"][2]
    assert box["mark"]["stroke"] and box["mark"]["strokeWidth"] >= 1
    assert s["datasets"][box["data"]["name"]] == [{"date": "2024-11-16", "end": "2024-11-24",
                                                   "label": "the timeline below →"}]
    assert named["encoding"]["text"]["field"] == "label"


def test_weapon_ranges_mark_class_ranges_and_name_the_missing(ds) -> None:
    s = spec(charts.weapon_ranges(ds))
    assert all(name in s["title"]["subtitle"][0] for name in weapons.no_range(ds))
    bars = s["layer"][0]
    rows = s["datasets"][s["data"]["name"]]
    by_name = {r["weapon"]: r for r in rows}
    assert by_name["Oreshnik"]["basis"] == "typical of its class, not measured"
    assert by_name["ATACMS (Army Tactical Missile System)"]["basis"] == "stated for this weapon"
    assert bars["encoding"]["x2"]["field"] == "drawn_to"


def test_capability_chart_separates_claims_from_assessments(ds) -> None:
    s = spec(charts.capability_chart(ds, "oreshnik"))
    enc = s["layer"][0]["encoding"]
    assert enc["x"]["field"] == "stance" and enc["shape"]["scale"]["range"] == ["circle", "square"]
    assert enc["shape"]["title"] == "Stance" and enc["color"]["title"] == "Side"
    rows = next(iter(s["datasets"].values()))
    assert {r["stance"] for r in rows} == {weapons.CLAIMED, weapons.ASSESSED}
    assert "Oreshnik" in s["title"]["text"]
    # The figures each side gave are on the chart, with their unit (Putin's Mach 10, HUR's Mach 11).
    assert {r["figure"] for r in rows} == {"", "Mach 10", "Mach 11"}


def test_weapon_charts_round_trip(ds) -> None:
    for chart in (charts.weapon_timeline(ds), charts.timeline_zoom(ds), charts.weapon_ranges(ds),
                  charts.capability_chart(ds, "oreshnik")):
        text = chart.to_json()
        assert "vega-lite/v5" in json.loads(text)["$schema"]
        assert type(chart).from_json(text).to_dict() == chart.to_dict()


# -- explorer -------------------------------------------------------------------------------


@pytest.fixture
def wx(ds):
    return widgets.weapon_explorer(ds)


def test_explorer_starts_on_the_whole_war(wx, ds) -> None:
    assert wx.dates.value == (wx.days[0], wx.days[-1])
    assert wx.system.value == "atacms"
    assert len(wx.events) == int((ds.events["weapon_id"] == "atacms").sum())
    assert "ATACMS" in wx.card.value


def test_picking_a_system_changes_card_list_and_chart(wx, ds) -> None:
    before = (wx.card.value, wx.mentions.value, spec(wx.chart))
    wx.system.value = "oreshnik"
    assert "Oreshnik" in wx.card.value and "Mach 10" in wx.card.value
    assert set(wx.events["weapon_id"]) == {"oreshnik"}
    assert wx.mentions.value != before[1]
    dots = spec(wx.chart)["datasets"]
    focus = {r["weapon"] for rows in dots.values() for r in rows if r.get("focus") is True}
    assert focus == {"Oreshnik"}
    assert spec(wx.chart) != before[2]
    # The title says which system stands out, and over which days, in words (the slider shows no dates).
    title = spec(wx.chart)["title"]["text"]
    assert title == f"Oreshnik against the others, {_words(wx.days[0])} to {_words(wx.days[-1])}"
    wx.dates.value = ("2024-11-21", "2024-11-23")
    assert spec(wx.chart)["title"]["text"] == "Oreshnik against the others, 21 Nov 2024 to 23 Nov 2024"


def _words(iso: str) -> str:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {months[month - 1]} {year}"


def test_week_preset_moves_the_window_and_whole_war_brings_it_back(wx, ds) -> None:
    wx.system.value = "taurus"  # Scholz's refusals run from 2023 into the week
    n_all = len(wx.events)
    wx.preset.value = "The week"
    start, end = (d.strftime("%Y-%m-%d") for d in ds.period)
    assert start <= wx.dates.value[0] and wx.dates.value[1] <= end
    assert wx.events["date"].between(*ds.period).all()
    assert 0 < len(wx.events) < n_all
    first, last = spec(wx.chart)["vconcat"][0]["layer"][1]["encoding"]["x"]["scale"]["domain"]
    # The window's days from noon before the first to noon after the last (17 to 23 November here).
    assert (first["date"], first["hours"], last["date"], last["hours"]) == (16, 12, 23, 12)
    assert wx.dates.value == ("2024-11-17", "2024-11-23")
    wx.preset.value = "Whole war"
    assert len(wx.events) == n_all


def test_dates_slider_filters_mentions(wx) -> None:
    wx.system.value = "oreshnik"
    wx.dates.value = ("2024-11-22", "2024-11-22")
    assert (wx.events["date"] == pd.Timestamp("2024-11-22")).all()
    assert f"<b>{len(wx.events)}</b> of" in wx.count.value
    wx.dates.value = (wx.days[0], "2024-11-20")
    assert wx.events.empty and wx.statements.empty
    assert "No event in this window" in wx.mentions.value


def test_weapon_html_is_escaped(ds) -> None:
    hostile_weapons = ds.weapon_systems.copy()
    hostile_weapons.loc[hostile_weapons["id"] == "oreshnik", "description"] = HOSTILE
    hostile_events = ds.events.copy()
    hostile_events.loc[hostile_events["id"] == "ev076", "summary"] = HOSTILE
    hostile_sources = ds.sources.copy()
    hostile_sources.loc[hostile_sources.index[0], "url"] = "javascript:alert(1)"
    bad = dataclasses.replace(ds, weapon_systems=hostile_weapons, events=hostile_events, sources=hostile_sources)
    out = widgets.weapon_card(bad, "oreshnik") + widgets.capability_columns(bad, "oreshnik")
    events, statements = weapons.mentions(bad, "oreshnik")
    out += widgets.mention_list(bad, events, statements)
    assert "<img" not in out and "<script" not in out and "javascript:" not in out
    assert out.count("&lt;img src=x onerror=alert(1)&gt;") == 3
    assert "=HYPERLINK(&quot;http://x&quot;)" in out or '=HYPERLINK("http://x")' in out


def test_capability_columns_count_each_stance(ds) -> None:
    out = widgets.capability_columns(ds, "oreshnik")
    said = weapons.capability_statements(ds, "oreshnik")
    for stance, n in said["stance"].value_counts().items():
        assert f"{stance.capitalize()} ({n})" in out


# -- exercises ------------------------------------------------------------------------------


def test_authorisation_to_first_strike(ds) -> None:
    ex = exercises.authorisation_to_first_strike(ds)
    assert ex.check(2) and ex.check("2")
    assert not ex.check(3) and "both end days" in ex.check(3).message
    # The 2023 authorisation (m003, week of Monday 18 September 2023) to 19 November 2024: 428 days.
    assert not ex.check(428) and "earlier authorisation" in ex.check(428).message
    with pytest.raises(ValueError, match="no 'first_used_in_russia'"):
        exercises.authorisation_to_first_strike(ds, "patriot")


def test_russian_warnings_in_week(ds) -> None:
    ex = exercises.russian_warnings_in_week(ds)
    sig = weapons.signals(ds)
    expected = len(ds.in_focus(sig[sig["signal"] == weapons.RUSSIAN_WARNING]))
    assert ex.check(expected)
    every_side = int((ds.in_focus(ds.events)["kind"] == "warning").sum())
    assert not ex.check(every_side) and "every side" in ex.check(every_side).message
    assert not ex.check(expected + 1)


def test_longest_stated_range(ds) -> None:
    ex = exercises.longest_stated_range(ds)
    assert ex.check("kn23") and ex.check("KN-23/KN-24 (Hwasong-11)")
    result = ex.check("Oreshnik")
    assert not result and "class" in result.message
    assert "700" in ex.solution().text()


def test_explorer_agrees_with_mentions_for_every_system_and_window(wx, ds) -> None:
    windows = [(wx.days[0], wx.days[-1]), ("2024-11-17", "2024-11-26"), ("2024-11-19", "2024-11-21")]
    for weapon in ds.weapon_systems["id"]:
        wx.system.value = weapon
        for window in windows:
            wx.dates.value = window
            events, statements = weapons.mentions(ds, weapon, *window)
            assert wx.events["id"].tolist() == events["id"].tolist(), (weapon, window)
            assert wx.statements["id"].tolist() == statements["id"].tolist(), (weapon, window)


def test_explorer_reuses_the_chart_of_a_view_it_has_drawn(wx) -> None:
    first = wx.chart
    wx.system.value = "oreshnik"
    assert wx.chart is not first
    wx.system.value = "atacms"
    assert wx.chart is first and wx.chart.to_dict() == first.to_dict()
    for i in range(widgets.CHART_CACHE + 1):  # the cache stays bounded
        wx.dates.value = (wx.days[i % 5], wx.days[-1 - i // 5])
    assert len(wx._charts) <= widgets.CHART_CACHE


def test_the_weapon_helpers_take_a_name_as_well_as_an_id(ds) -> None:
    # A student types what the notebook prints ("ATACMS", "Storm Shadow"), not the id column.
    assert charts.capability_chart(ds, "Oreshnik").to_dict()["title"]["text"] == "Oreshnik: claimed and assessed"
    assert widgets.weapon_card(ds, "ATACMS") == widgets.weapon_card(ds, "atacms")
    assert widgets.capability_columns(ds, "Storm Shadow") == widgets.capability_columns(ds, "storm_shadow")
    by_name, by_id = weapons.mentions(ds, "Storm Shadow"), weapons.mentions(ds, "storm_shadow")
    assert len(by_name[0]) == len(by_id[0]) > 0


# -- text alternatives: what the marks show, not the answers notebook 02 asks for ----------------


def test_the_signal_strip_is_read_out_day_by_day_by_hand() -> None:
    from helpers.charts import weapons as weapon_charts

    # Two warnings share 18 Nov (one tick on the strip); one decision on 17 Nov of another year.
    sig = pd.DataFrame({"date": ["2024-11-18", "2024-11-17", "2024-11-18", "2023-11-17"],
                        "signal": ["Russian warning", "Russian warning", "Russian warning", "Western decision"]})
    assert weapon_charts._signals_said(sig) == ("Russian warnings in 2024: 17 Nov and 18 Nov (2); "
                                                "Western decision in 2023: 17 Nov")
    # Over several years each day carries its own year.
    sig.loc[1, "date"] = "2023-01-05"
    assert weapon_charts._signals_said(sig).startswith("Russian warnings: 5 Jan 2023 and 18 Nov 2024 (2);")
    # More days than are read out one by one: a count of rows and of days.
    many = pd.DataFrame({"date": [f"2024-01-{d:02d}" for d in range(1, 14)] + ["2024-01-13"],
                         "signal": "Russian warning"})
    assert weapon_charts._signals_said(many) == "14 Russian warnings on 13 days"


def test_the_range_chart_lists_every_bar_and_ranks_none_by_hand() -> None:
    from helpers.charts import weapons as weapon_charts

    cls = "typical of its class, not measured"
    data = pd.DataFrame({"weapon": ["Long", "Short", "Mid"], "from_km": [500.0, 0.0, 50.0],
                         "to_km": [5500.0, 80.0, 500.0], "basis": [cls, "stated for this weapon", "stated for this "
                                                                   "weapon"],
                         "reach": ["from–to", "up to", "from–to"]})
    assert weapon_charts._ranges_said(data, cls) == ("Short up to 80 km; Mid 50–500 km; Long 500–5,500 km (typical of "
                                                     "its class, not measured). Every other range is stated for the "
                                                     "weapon itself")
    stated_only = data[data["basis"] != cls]
    assert weapon_charts._ranges_said(stated_only, cls) == "Short up to 80 km; Mid 50–500 km"


def test_the_ranges_and_timelines_of_notebook_02_leave_its_answers_to_the_reader(ds) -> None:
    ranges = charts.weapon_ranges(ds).to_dict()["description"]
    assert "longest" not in ranges.lower() and "KN-23/KN-24 (Hwasong-11) up to 700 km;" in ranges
    zoom = charts.timeline_zoom(ds).to_dict()["description"]
    # Worked out from the signal table: warnings on 17, 18 (two), 19, 21 and 22 November; no count of them.
    assert "Russian warnings in 2024: 17 Nov, 18 Nov (2), 19 Nov, 21 Nov and 22 Nov;" in zoom
    assert "6 Russian" not in zoom


def test_first_use_inside_russia_is_drawn_on_top(ds) -> None:
    # Over the whole war a pixel is about two days: HIMARS's star (first used inside Russia) and its 'restriction
    # eased' triangle share a place. Vega draws in data order, so the stars come last, above the rest.
    s = spec(charts.weapon_timeline(ds))
    dots = s["vconcat"][0]["layer"][2]
    order = [r["milestone"] == "first used inside Russia" for r in s["datasets"][dots["data"]["name"]]]
    assert any(order) and order == sorted(order)


@pytest.mark.parametrize(("ends", "cut"), [
    # The next-longest end plus a quarter, rounded up to 250 km: 700 × 1.25 = 875 → 1,000.
    ([80, 250, 300, 500, 500, 700, 5500], 1000.0),
    ([100, 150], None),  # 100 × 1.25 = 125 → 250: 150 is not over twice 250, nothing to cut
    ([100, 500], None),  # exactly twice: still drawn whole
    ([100, 260], None),  # cutting 10 km off would win no room
    ([100, 501], 250.0),
    ([5500, 80, 5000], None),  # two long bars: the next-longest is one of them
    ([400], None),
    ([], None),
])
def test_the_range_axis_is_cut_only_for_a_bar_far_longer_than_the_rest_by_hand(ends, cut) -> None:
    from helpers.charts import weapons as weapon_charts

    assert weapon_charts.range_cut(pd.Series(ends, dtype=float)) == cut


def test_the_oreshnik_s_class_bar_is_cut_so_the_stated_ranges_can_be_told_apart(ds) -> None:
    s = spec(charts.weapon_ranges(ds))
    rows = {r["weapon"]: r for r in s["datasets"][s["data"]["name"]]}
    bars, beside, inside = s["layer"]
    assert bars["encoding"]["x"]["scale"] == {"domain": [0, 1000.0], "nice": False}
    assert bars["encoding"]["x2"]["field"] == "drawn_to"
    assert (rows["Oreshnik"]["drawn_to"], rows["Oreshnik"]["to_km"]) == (1000.0, 5500.0)
    assert rows["Oreshnik"]["label"] == "500–5,500 km (bar cut at 1,000)"
    assert (rows["ATACMS (Army Tactical Missile System)"]["label"], rows["Taurus KEPD 350"]["label"]) == (
        "165–300", "500")
    assert [r["weapon"] for r in rows.values() if r["cut"]] == ["Oreshnik"]
    assert beside["transform"] == [{"filter": "!datum.cut"}] and beside["mark"]["align"] == "left"
    assert inside["transform"] == [{"filter": "datum.cut"}] and inside["mark"]["align"] == "right"
    note = ("The axis stops at 1,000 km so the shorter bars can be told apart: Oreshnik runs on beyond it (its "
            "figures are on the bar).")
    assert s["title"]["subtitle"][-1] == note and s["description"].endswith(note)


def test_ranges_of_one_scale_are_drawn_whole(ds) -> None:
    import dataclasses

    w = ds.weapon_systems.copy()
    w.loc[w["id"].astype(str) == "oreshnik", "range_max_km"] = None  # the one far longer bar
    s = spec(charts.weapon_ranges(dataclasses.replace(ds, weapon_systems=w)))
    rows = s["datasets"][s["data"]["name"]]
    assert len(rows) == 6 and all(r["drawn_to"] == r["to_km"] and not r["cut"] for r in rows)
    assert len(s["layer"]) == 2 and "scale" not in s["layer"][0]["encoding"]["x"]
    assert "axis stops" not in s["description"] and len(s["title"]["subtitle"]) == 1
