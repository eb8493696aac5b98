"""Explorers are tested without a browser: set a control's `.value`, check what changed."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from helpers import widgets


@pytest.fixture
def ex(ds):
    return widgets.quote_explorer(ds)


def test_starts_on_the_focus_week(ex, ds) -> None:
    start, end = ds.period
    assert ex.filtered["date"].between(start, end).all()
    week = ds.statements[ds.statements["date"].between(start, end)]
    assert len(ex.filtered) == len(week)
    assert ex.count.value == (f"<b>{len(week)}</b> of {len(ds.statements)} statements match, "
                              f"{start:%Y-%m-%d} – {end:%Y-%m-%d}.")


def test_side_filter(ex, ds) -> None:
    before = ex.chart.to_dict()
    ex.side.value = "ukraine"
    assert len(ex.filtered) > 0
    assert (ex.filtered["side"] == "ukraine").all()
    assert ex.chart.to_dict() != before
    assert f"<b>{len(ex.filtered)}</b>" in ex.count.value


def test_actor_filter_and_type(ex, ds) -> None:
    putin = "Vladimir Putin"
    ex.actors.value = (putin,)
    assert set(ex.filtered["speaker"]) == {putin}
    n_all = len(ex.filtered)
    ex.quote_type.value = "paraphrase"
    assert (ex.filtered["quote_type"] == "paraphrase").all()
    assert len(ex.filtered) < n_all


def test_date_range(ex) -> None:
    ex.dates.value = ("2024-11-21", "2024-11-21")
    assert (ex.filtered["date"] == pd.Timestamp("2024-11-21")).all()
    assert len(ex.filtered) > 0


def test_search_is_plain_text_and_case_insensitive(ex, ds) -> None:
    ex.dates.value = (ex.dates.options[0], ex.dates.options[-1])
    ex.search.value = "ORESHNIK"
    expected = ds.statements["text"].str.contains("oreshnik", case=False) | ds.statements["speaker"].str.contains(
        "oreshnik", case=False)
    assert len(ex.filtered) == expected.sum() > 0
    ex.search.value = "(["  # regex metacharacters are not a crash
    assert ex.count.value.startswith("<b>0</b>")
    assert ex.chart is None and "No statements match" in ex.quote_list.value


def test_list_escapes_html(ds) -> None:
    hostile = ds.statements.head(1).copy()
    hostile["text"] = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    hostile["url"] = "javascript:alert(3)"
    out = widgets.quote_cards(hostile)
    assert "<img" not in out and "<script" not in out and "javascript:" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_list_is_capped_and_says_so(ds) -> None:
    out = widgets.quote_cards(ds.statements, limit=3)
    assert out.count("<li") == 3
    assert f"and {len(ds.statements) - 3} more" in out


@pytest.fixture
def sx(ds):
    return widgets.sentiment_explorer(ds)


def test_sentiment_window_changes_the_index(sx) -> None:
    before = sx.index["rolling_mean"].tolist()
    spec = sx.index_chart.to_dict()
    sx.window.value = 3
    assert sx.index["rolling_mean"].tolist() != before
    assert sx.index_chart.to_dict() != spec


def test_sentiment_sides_filter_events_and_quotes(sx) -> None:
    sx.sides.value = ("ukraine",)
    assert sx.index["count"].sum() == (sx.events["side"] == "ukraine").sum()
    rows = [r for d in sx.chart.to_dict()["datasets"].values() for r in d if "side" in r]
    assert {r["side"] for r in rows} == {"Ukraine"}
    sx.sides.value = ()
    assert sx.index is None and sx.chart is None
    # An empty pick says so above the charts, not a blank.
    assert sx.note.value == "<p><i>No side picked: pick one or more in the list (Ctrl- or Cmd-click adds one).</i></p>"
    sx.sides.value = ("ukraine",)
    assert sx.note.value == ""


def test_a_side_with_events_but_no_quotes_says_so(ds) -> None:
    quotes = ds.quotes[ds.quotes["side"] != "other"]
    sx = widgets.sentiment_explorer(dataclasses.replace(ds, quotes=quotes))
    assert (sx.events["side"] == "other").any()
    sx.sides.value = ("other",)
    assert sx.index is not None and sx.chart is None
    assert sx.note.value == "<p><i>No direct quote of the sides picked.</i></p>"


def test_sentiment_measure_switches_the_y_field(sx) -> None:
    sx.measure.value = "vader_domain10"
    assert sx.chart.to_dict()["layer"][1]["encoding"]["y"]["title"] == "Domain VADER ×10 (quotes)"


def test_score_your_own_sentence_is_live_and_escaped(sx) -> None:
    sx.sentence.value = "Russia launched 120 missiles and 90 drones at Ukraine's energy grid."
    assert "Plain VADER: <b>+0.38</b>" in sx.scores.value
    assert "energy" in sx.scores.value and "Domain VADER: <b>-" in sx.scores.value
    sx.sentence.value = "<script>alert(1)</script> war"
    assert "<script>" not in sx.scores.value
    sx.sentence.value = ""
    assert "Type a sentence" in sx.scores.value


def _views(control) -> list:
    """A control's values to visit one at a time: every option of a choice, both ends and the middle of a range."""
    import ipywidgets as W

    if isinstance(control, W.SelectionRangeSlider):
        n = len(control.options)
        return [(control.options[0], control.options[0]), (control.options[n // 2], control.options[-1])]
    if isinstance(control, W.SelectMultiple):
        values = list(control._options_values)
        return [(), *[(v,) for v in values[:6]], tuple(values[:2])]
    if isinstance(control, W.Dropdown | W.ToggleButtons):
        return list(control._options_values)
    if isinstance(control, W.IntSlider):
        return [control.min, control.max]
    if isinstance(control, W.Text):
        return ["missile", "zzz-no-such-word"]
    return []


@pytest.mark.parametrize("make", ["quote_explorer", "sentiment_explorer", "weapon_explorer", "claims_explorer"])
def test_every_chart_an_explorer_shows_is_a_valid_vega_lite_spec(ds, make) -> None:
    """Explorers send their charts unchecked (`live`), for speed: the schema check is made here instead, on the
    spec as sent, in every view one control change away from the opening one."""
    import altair as alt
    from altair.utils.schemapi import validate_jsonschema

    from helpers.notebook import VEGALITE, live

    schema = alt.vegalite.v5.schema.core.load_schema()
    explorer = getattr(widgets, make)(ds)
    controls = [w for w in vars(explorer).values() if _views(w)]
    assert controls, "no control to change"
    checked = 0
    for control in controls:
        default = control.value
        for value in _views(control):
            control.value = value
            for chart in (c for c in vars(explorer).values() if isinstance(c, alt.TopLevelMixin)):
                spec = live(chart)._repr_mimebundle_()[0][VEGALITE]
                validate_jsonschema(spec, schema)  # Altair's own check, as `to_dict()` makes it
                checked += 1
            control.value = default
    assert checked >= 2 * len(controls)


def test_the_quote_explorer_title_counts_one_statement_in_the_singular(ds) -> None:
    qx = widgets.quote_explorer(ds)
    qx.side.value, qx.quote_type.value = "other", "paraphrase"
    assert len(qx.filtered) == 1 and qx.chart.to_dict()["title"]["text"] == "Who spoke: 1 statement"
