"""Chart builders: assert the spec (marks, encodings, selections, data size), and that it round-trips."""

from __future__ import annotations

import html
import json

import altair as alt
import nbformat
import numpy as np
import pandas as pd
import pytest

from helpers import charts, notebook, sentiment, statements
from helpers.charts import theme
from helpers.charts.escalation import GAP_Y, STEP_X, side_by_side
from helpers.charts.theme import text_width


def _views(spec: dict) -> list[dict]:
    out = []
    for key in ("vconcat", "hconcat", "layer", "concat"):
        for sub in spec.get(key, []):
            out.extend(_views(sub))
    if "mark" in spec:
        out.append(spec)
    return out


def _mark(view: dict) -> str:
    return view["mark"]["type"] if isinstance(view["mark"], dict) else view["mark"]


def _roundtrip(chart: alt.TopLevelMixin) -> dict:
    spec = chart.to_dict()
    again = alt.Chart.from_dict(spec) if "mark" in spec else type(chart).from_dict(spec)
    assert again.to_dict() == spec
    json.dumps(spec)
    return spec


def test_statements_by_day_spec(ds) -> None:
    week = ds.in_focus(ds.statements)
    spec = _roundtrip(charts.statements_by_day(week))
    dots, counts, bars = _views(spec)
    assert _mark(dots) == "point" and _mark(counts) == "text" and _mark(bars) == "bar"
    enc = dots["encoding"]
    assert enc["x"]["field"] == "day" and enc["color"]["field"] == "side" and enc["shape"]["field"] == "type"
    assert {t["field"] for t in enc["tooltip"]} == {"speaker", "side", "day", "outlet", "type", "quote"}
    assert enc["color"]["scale"]["range"] == list(charts.SIDE_COLORS.values())
    assert enc["color"]["title"] == "Side" and enc["shape"]["title"] == "Statement"
    names = {p["name"] for p in spec["params"]}
    assert names == {"pick_side", "pick_days"}
    days = next(p for p in spec["params"] if p["name"] == "pick_days")
    assert days["select"] == {"type": "point", "fields": ["day"]}
    assert {"filter": {"param": "pick_days"}} in bars["transform"]
    rows = spec["datasets"][dots["data"]["name"]] if "data" in dots else spec["datasets"][spec["data"]["name"]]
    assert len(rows) == len(week)
    per_day = {r["day"]: r["statements"] for d in spec["datasets"].values() for r in d if "statements" in r}
    n21 = int((week["date"] == "2024-11-21").sum())
    assert per_day["2024-11-21"] == n21 and f"21 Nov ({n21})" in spec["description"]
    # Every calendar day is on the axis, a day without a statement included, with its count: 0.
    gap = _roundtrip(charts.statements_by_day(week[week["date"].isin(pd.to_datetime(["2024-11-17", "2024-11-19"]))]))
    gap_days = {r["day"]: r["statements"] for d in gap["datasets"].values() for r in d if "statements" in r}
    assert gap_days["2024-11-18"] == 0


def test_the_day_piles_name_their_days_and_fit_their_tallest_pile(ds) -> None:
    # By hand: 7 days, one statement each but 13 on 21 Nov. A day takes 560 // 7 = 80 px, room for (80 − 4) // 12
    # = 6 dots a row, so 21 Nov's 13 dots take 3 rows; the view holds them and a row for the count: 54 px.
    week = ds.in_focus(ds.statements).sort_values("id")
    one_each = week.groupby(week["date"].dt.day).head(1)
    extra = week[(week["date"] == "2024-11-21") & ~week["id"].isin(one_each["id"])].head(12)
    spec = charts.statements_by_day(pd.concat([one_each, extra])).to_dict()
    dots = next(v for v in spec["vconcat"] if v.get("name") == "statement_dots")
    assert dots["height"] == (3 + 1) * 12 + 6
    axis = next(v for v in _views(spec) if _mark(v) == "point")["encoding"]["x"]["axis"]
    assert isinstance(axis, dict) and axis["labelExpr"]  # each day's name and date under its pile


def test_too_many_statements_for_dots_are_counted_even_in_a_week(ds) -> None:
    # 4 × the week's statements: more than MAX_POINTS (500) rows, in only 7 days. Bars count them per day.
    week = ds.in_focus(ds.statements)
    many = pd.concat([week.assign(id=week["id"] + f"_{k}") for k in range(4)])
    assert len(many) > 500 and many["date"].nunique() == 7
    spec = charts.statements_by_day(many).to_dict()
    assert max(len(rows) for rows in spec["datasets"].values()) < len(many)
    assert "point" not in {_mark(v) for v in _views(spec)}
    # Counted per day: the subtitle and the axis say so in words, and the view keeps its name and full width.
    assert spec["title"]["subtitle"] == (f"{len(many):,} statements from 17 Nov 2024 to 23 Nov 2024 (7 days), too many "
                                         "to draw one by one: bars count each side's statements per day.")
    top = next(v for v in spec["vconcat"] if v.get("name") == "statement_dots")
    assert top["width"] == 560  # the full-width chart's plotting area
    assert next(v for v in _views(top))["encoding"]["x"]["title"] == "Day"


def test_few_statements_over_a_long_span_are_counted_for_the_span_not_their_number(ds) -> None:
    # Three statements on 1, 15 and 20 January: 20 days, more than the 16 drawn as piles. The subtitle gives that
    # reason; "too many to draw one by one" would be false for three.
    three = ds.statements.head(3).assign(date=pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-20"]))
    spec = charts.statements_by_day(three).to_dict()
    assert spec["title"]["subtitle"].startswith("3 statements from 1 Jan 2024 to 20 Jan 2024 (20 days), too long a "
                                                "span for a pile a day (16 days at most): bars count")
    one = ds.statements.head(1)
    spec = charts.statements_by_day(one).to_dict()
    day = charts.theme.day_label(one["date"].iloc[0])
    assert spec["description"].startswith(f"The one statement on {day} is a dot")
    bars = next(v for v in spec["vconcat"] if v.get("name") == "statement_speakers")
    assert bars["title"]["subtitle"] == "every speaker, most statements first"
    many = charts.statements_by_day(ds.in_focus(ds.statements)).to_dict()
    bars = next(v for v in many["vconcat"] if v.get("name") == "statement_speakers")
    assert bars["title"]["subtitle"] == ("the 12 speakers with the most statements, and every speaker tied with the "
                                         "last of them")


def test_a_tie_at_the_speaker_cut_is_kept_whole_as_drawn(ds) -> None:
    import vl_convert as vlc

    # Counted with pandas: in the week the 11th to 16th speakers have 3 statements each; the 12 most would cut
    # that tie by the alphabet. Drawn (Vega evaluates the ranking), every one of the six has a bar.
    week = ds.in_focus(ds.statements)
    counts = week["speaker"].astype(str).value_counts()
    tied = sorted(counts[counts == counts.iloc[11]].index)
    assert len(tied) == 6 and (counts > counts.iloc[11]).sum() == 10
    svg = vlc.vegalite_to_svg(charts.statements_by_day(week).to_dict())
    drawn = [name for name in counts.index if f">{html.escape(name)}</text>" in svg]
    assert sorted(set(drawn) & set(tied)) == tied and len(drawn) == 16


def test_the_period_bars_pick_whole_periods(ds) -> None:
    # Over the whole war (more than 16 days) a click on a bar picks its period: every statement of it, not one bar.
    spec = charts.statements_by_day(ds.statements).to_dict()
    days = next(p for p in spec["params"] if p["name"] == "pick_days")
    assert days["select"]["fields"] == ["day"]


def test_many_days_of_piles_get_smaller_day_labels(ds) -> None:
    # By hand: 16 days (the most drawn as piles) leave 560 // 16 = 35 px a day, under the 48 px two-line labels
    # need at 11 px: they drop to 10 px, where "17 Nov" takes (0.556 × 4 + 0.278 + 0.722 + 0.5) × 10 ≈ 37 px…
    # less the two digits' share: (2 × 0.556 + 0.278 + 0.722 + 0.556 + 0.5) × 10 = 31.7 px, inside 35 px. Not 9 px:
    # too small to read on a laptop. A week (80 px a day) keeps 11 px.
    week = ds.in_focus(ds.statements)
    spread = week.assign(date=pd.Timestamp("2024-11-01") + pd.to_timedelta([i % 16 for i in range(len(week))],
                                                                            unit="D"))
    assert spread["date"].nunique() == 16
    axis = next(v for v in _views(charts.statements_by_day(spread).to_dict()) if _mark(v) == "point")
    assert axis["encoding"]["x"]["axis"]["labelFontSize"] == 10
    assert charts.theme.text_width("17 Nov", 10) <= 560 // 16 - 3
    axis = next(v for v in _views(charts.statements_by_day(week).to_dict()) if _mark(v) == "point")
    assert axis["encoding"]["x"]["axis"]["labelFontSize"] == 11


def test_the_answer_circles_hold_a_two_digit_number_and_the_counts_are_whole(ds) -> None:
    # By hand: "16" at 10 px is 2 × 0.556 × 10 = 11.1 px wide; a circle around it with 2 px to spare has a
    # diameter of 15 px, an area of π × 7.5² ≈ 177 px² (Vega's size is the area).
    spec = charts.call_and_response(ds).to_dict()
    circles = [v for v in _views(spec) if _mark(v) == "circle"]
    assert circles and all(v["mark"]["size"] >= 177 for v in circles)
    bars = next(v for v in _views(spec) if _mark(v) == "bar")
    axis = bars["encoding"]["x"]["axis"]  # no half an answer on the axis: fractions' ticks, grid and labels hidden
    assert axis["tickMinStep"] == 1 and axis["format"] == "d"
    assert axis["labelExpr"] == "datum.value % 1 ? '' : datum.label"
    assert axis["tickOpacity"] == axis["gridOpacity"] == {"condition": {"test": "datum.value % 1 !== 0", "value": 0},
                                                          "value": 1}


def test_the_call_and_response_says_what_its_marks_are(ds) -> None:
    # Squares and circles carry no legend of their own: the panel's subtitle is their key.
    spec = charts.call_and_response(ds).to_dict()
    panel = next(v for v in spec["hconcat"] if v.get("title", {}).get("text") == "When the answers came")
    assert panel["title"]["subtitle"] == "■ what happened · ○ answers that day"
    marks = {_mark(v) for v in _views(panel)}
    assert {"square", "circle"} <= marks


def test_statement_points_stack_without_gaps(ds) -> None:
    pts = charts.statement_points(ds.statements)
    assert not pts.duplicated(["day", "stack"]).any()
    for _, day in pts.groupby("day"):
        assert sorted(day["stack"]) == list(range(len(day)))
    assert (pts["quote"].str.len() <= charts.TOOLTIP_CHARS).all()


def test_each_dot_of_a_day_has_its_own_cell(ds) -> None:
    spec = charts.statements_by_day(ds.in_focus(ds.statements)).to_dict()
    dots = pd.DataFrame(max(spec["datasets"].values(), key=len))
    # A day's pile wraps into rows of whole dots: column and row are whole numbers, one dot per cell.
    assert (dots["col"] == dots["col"].round()).all() and (dots["row"] == dots["row"].round()).all()
    assert not dots.duplicated(["day", "col", "row"]).any() and dots["row"].max() >= 1


def test_spec_is_deterministic(ds) -> None:
    a = charts.statements_by_day(ds.statements).to_dict()
    charts.call_and_response(ds).to_dict()  # building another chart in between must not change names
    b = charts.statements_by_day(ds.statements).to_dict()
    assert a == b


def test_response_links_follow_the_data(ds) -> None:
    links = charts.response_links(ds)
    answered = ds.statements["responds_to"].dropna()
    assert len(links) == len(answered)
    assert set(links["answers_id"]) == set(answered)
    assert (links["answers_date"] <= links["date"]).all(), "a response cannot come before what it answers"


def test_call_and_response_counts_every_answer(ds) -> None:
    spec = _roundtrip(charts.call_and_response(ds))
    timeline, _ = spec["hconcat"]
    assert [_mark(v) for v in timeline["layer"]] == ["rule", "circle", "text", "square"]
    per_day = [r for d in spec["datasets"].values() for r in d if "day" in r and "answers" in r and "who" not in r]
    assert sum(r["answers"] for r in per_day) == len(charts.response_links(ds))
    r = statements.responses(ds)
    # Biden's ATACMS decision (ev020) drew 24 answers, counted by hand from responds_to in quotes.csv.
    biden = r.triggers.set_index("id").loc["ev020"]
    assert biden["answers"] == (ds.statements["responds_to"] == "ev020").sum()
    assert (r.triggers["last"] >= r.triggers["date"]).all()
    assert "Every answer came on or after" in spec["description"]


def test_setup_notebook_enables_the_renderer_with_a_static_image(ds) -> None:
    loaded = charts.setup_notebook()
    assert alt.renderers.active == notebook.RENDERER
    assert alt.theme.active == charts.THEME
    assert len(loaded.quotes) == len(ds.quotes)


def test_escalation_index_spec(ds) -> None:
    idx = sentiment.daily_index(ds.in_focus(ds.events), window=2)
    spec = _roundtrip(charts.escalation_index(idx, charts.key_events(ds)))
    marks = [_mark(v) for v in _views(spec)]
    assert marks == ["rule", "line", "line", "point", "text", "rule", "text", "text"]
    legend = _views(spec)[1]["encoding"]["color"]["scale"]["domain"]
    assert legend == [charts.escalation.ROLLING, charts.escalation.DAILY, charts.escalation.LOWEST]
    # The thin daily line is drawn after (over) the thick rolling one: over a one-day window they coincide, and
    # the daily one, drawn first, would be hidden under it.
    series = [v["transform"][0]["as"] == "value" and v["transform"][1]["calculate"] for v in _views(spec)[1:3]]
    assert series == [f"'{charts.escalation.ROLLING}'", f"'{charts.escalation.DAILY}'"]
    # The day's own mean is the bold line; the rolling mean a thin dashed one.
    rolling, daily = (_views(spec)[i]["mark"] for i in (1, 2))
    assert (rolling["strokeWidth"], rolling["strokeDash"], daily["strokeWidth"]) == (1.5, [5, 3], 3)
    # The week's means run from −2.25 to −0.37 (rolling means between): the axis runs −4 … +1, a tick a point.
    y = _views(spec)[1]["encoding"]["y"]
    assert y["scale"] == {"domain": [-4, 1], "nice": False} and y["axis"]["values"] == [-4, -3, -2, -1, 0, 1]
    assert spec["title"]["subtitle"][0] == "The axis shows −4 … +1 of the −10 … +10 scale, to tell the days apart."
    assert len(charts.key_events(ds)) == charts.key_events(ds)["day"].nunique()


def test_measures_and_scatter_specs(ds) -> None:
    scored = sentiment.quotes_with_event_goldstein(ds)
    spec = _roundtrip(charts.measures_by_day(ds.in_focus(scored), ds.in_focus(ds.events)))
    assert spec["params"][0]["name"] == "pick_measure"
    (rows,) = spec["datasets"].values()
    assert {r["measure"] for r in rows} == set(charts.MEASURES.values())
    scatter = _roundtrip(charts.sentiment_vs_goldstein(scored))
    assert scatter["layer"][1]["encoding"]["x"]["field"] == "placed"
    pts = max(scatter["datasets"].values(), key=len)
    assert len(pts) == scored["goldstein"].notna().sum()


def test_the_index_reads_out_a_weeks_band_and_counts_without_naming_the_lowest_by_hand() -> None:
    # 17 Nov: -3 and +1 (mean -1); 18 Nov: -4 alone; 19 Nov: +2 three times. Notebook 03 asks for the lowest
    # day and its mean to two places, so over a week the text gives the band the line keeps to (-4 … 2, as read
    # on a -10 … +10 axis) and each day's events, and leaves the means to the reader's hover and code.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17"] * 2 + ["2024-11-18"] + ["2024-11-19"] * 3),
                           "goldstein": [-3.0, 1.0, -4.0, 2.0, 2.0, 2.0]})
    description = charts.escalation_index(sentiment.daily_index(events)).to_dict()["description"]
    assert description.startswith("Daily mean Goldstein value of 6 events, 17 Nov to 19 Nov, ")
    assert description.endswith("Every daily mean lies between −4 and 2; events per day: 17 Nov 2, 18 Nov 1, "
                                "19 Nov 3; the lowest single event scores −4.")
    assert "lowest daily" not in description and "-1.0" not in description
    # Means of -2.25 and -0.4 lie between -3 and 0: whole numbers outside them, no decimal to read off.
    week = pd.DataFrame({"date": pd.to_datetime(["2024-11-17"] * 4 + ["2024-11-18"] * 5),
                         "goldstein": [-4.0, -4.0, -1.0, 0.0, -2.0, 0.0, 0.0, 0.0, 0.0]})
    description = charts.escalation_index(sentiment.daily_index(week)).to_dict()["description"]
    assert "Every daily mean lies between −3 and 0; events per day: 17 Nov 4, 18 Nov 5;" in description


def test_the_index_names_its_lowest_day_over_more_than_a_fortnight_by_hand() -> None:
    # 15 days from 1 Nov, one event each: -1 every day but -5 on 9 Nov. Too many to read out: the lowest is named.
    days = pd.date_range("2024-11-01", periods=15, freq="D")
    events = pd.DataFrame({"date": days, "goldstein": [-5.0 if d.day == 9 else -1.0 for d in days]})
    description = charts.escalation_index(sentiment.daily_index(events)).to_dict()["description"]
    assert description.endswith("The lowest daily mean is −5.0 on 9 Nov (1 event); the lowest single event "
                                "scores −5.")
    # A fortnight, one day fewer, is still read out day by day.
    short = charts.escalation_index(sentiment.daily_index(events[events["date"] < "2024-11-15"])).to_dict()
    assert "Every daily mean lies between −5 and −1; events per day: 1 Nov 1, " in short["description"]
    assert "14 Nov 1;" in short["description"] and "9 Nov" not in short["description"].split(";")[0]


def test_the_table_chart_names_the_largest_table(ds) -> None:
    sizes = {r["name"]: len(ds.table(r["name"])) for r in ds.package["resources"] if r["path"].endswith(".csv")}
    largest = max(sizes, key=sizes.get)
    description = charts.rows_per_table(ds).to_dict()["description"]
    assert f"The largest is {largest} with {sizes[largest]} rows" in description


def test_dots_that_would_hide_each_other_are_set_apart_by_hand() -> None:
    # Three dots on one spot: the first stays, the next go a step right, then left; at the left edge of the
    # axis a dot can only go right; a dot alone stays.
    x, y = pd.Series([0.0, 0.0, 0.0, -10.0, -10.0, 5.0]), pd.Series([0.0, 0.0, 0.0, 1.0, 1.0, 2.0])
    assert side_by_side(x, y).tolist() == [0.0, 0.15, -0.15, -10.0, -9.85, 5.0]
    # At the right edge, only left.
    assert side_by_side(pd.Series([10.0] * 3), pd.Series([0.0] * 3)).tolist() == [10.0, 9.85, 9.7]
    # Half a dot apart in y is apart enough; the rows' order does not change the places the dots take.
    assert side_by_side(pd.Series([1.0, 1.0]), pd.Series([0.0, 0.3])).tolist() == [1.0, 1.0]
    assert sorted(side_by_side(x[::-1], y[::-1])) == [-10.0, -9.85, -0.15, 0.0, 0.15, 5.0]


def test_no_statement_hides_another_in_the_scatter(ds) -> None:
    scored = sentiment.quotes_with_event_goldstein(ds)
    for measure in ("vader10", "vader_domain10"):
        spec = _roundtrip(charts.sentiment_vs_goldstein(scored, measure))
        pts = pd.DataFrame(max(spec["datasets"].values(), key=len))
        x, y = pts["placed"].to_numpy(), pts["score"].to_numpy()
        hidden = (abs(x[:, None] - x[None, :]) < STEP_X - 1e-9) & (abs(y[:, None] - y[None, :]) < GAP_Y)
        assert hidden.sum() == len(pts), measure  # each dot only with itself
        assert (abs(pts["placed"] - pts["goldstein"]) <= 1).all() and len(pts) > 100


def test_sentiment_by_side_spec(ds) -> None:
    scored = sentiment.quotes_with_event_goldstein(ds)
    spec = _roundtrip(charts.sentiment_by_side(scored))
    assert [_mark(v) for v in _views(spec)] == ["boxplot", "point"]
    box, means = (v["mark"] for v in _views(spec))
    # The median is what the prose compares, so it is drawn dark and opaque over the half-transparent box; the
    # speakers' means are another shape (hollow circles), not a second kind of line.
    assert box["median"]["color"] == "#222222" and box["median"]["opacity"] == 1 and box["opacity"] == 0.5
    assert box["median"]["thickness"] >= 3 and box["median"]["size"] == box["size"]
    assert means["shape"] == "circle" and means["filled"] is False
    assert {v["encoding"]["y"]["field"] for v in _views(spec)} == {"side"}
    ticks = [d for d in spec["datasets"].values() if "speaker" in d[0] and "quote" not in d[0] and len(d) < len(scored)]
    assert len(ticks[0]) == scored.groupby(["side", "speaker"], observed=True).ngroups


def _unit_specs(spec: object):
    """Every dict in a Vega-Lite spec that has both a mark and an encoding."""
    if isinstance(spec, dict):
        if "mark" in spec and "encoding" in spec:
            yield spec
        for value in spec.values():
            yield from _unit_specs(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _unit_specs(value)


def test_saved_charts_only_encode_shape_on_point_marks() -> None:
    # Vega drops a shape encoding on circle or square marks without an error: the legend would lie.

    from helpers.data import DATA_DIR

    checked = 0
    for path in sorted((DATA_DIR.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get("application/vnd.vegalite.v5+json")
                for unit in _unit_specs(spec):
                    if "shape" in unit["encoding"]:
                        mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
                        assert mark == "point", f"{path.name}: shape encoded on a {mark!r} mark"
                        checked += 1
    assert checked >= 3


def _temporal_domains(spec: object):
    """Every explicit domain, and every list of axis ticks, of a temporal x or y encoding in a spec."""
    if isinstance(spec, dict):
        for channel in ("x", "y"):
            enc = spec.get("encoding", {}).get(channel) if isinstance(spec.get("encoding"), dict) else None
            if isinstance(enc, dict) and enc.get("type") == "temporal":
                if "domain" in (enc.get("scale") or {}):
                    yield enc["scale"]["domain"]
                if "values" in (enc.get("axis") or {}):
                    yield enc["axis"]["values"]
        for value in spec.values():
            yield from _temporal_domains(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _temporal_domains(value)


def test_every_saved_time_domain_and_tick_list_is_date_times_not_strings() -> None:
    """Vega's expression interpreter (the handouts draw with it) leaves a string domain unparsed: every mark
    then lands at NaN and the chart draws empty."""
    from pathlib import Path

    found = 0
    for path in sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for out in cell.get("outputs", []):
                for domain in _temporal_domains(out.get("data", {}).get("application/vnd.vegalite.v5+json", {})):
                    found += 1
                    assert all(isinstance(v, dict) and v.get("utc") is True for v in domain), (path.name, i, domain)
    assert found >= 3


def test_utc_domain_by_hand() -> None:
    lo, hi = charts.utc_domain("2024-11-16T12:00:00Z", pd.Timestamp("2024-11-24"))
    assert lo.to_dict() == {"year": 2024, "month": 11, "date": 16, "hours": 12, "minutes": 0, "seconds": 0,
                            "utc": True}
    assert hi.to_dict() == {"year": 2024, "month": 11, "date": 24, "hours": 0, "minutes": 0, "seconds": 0,
                            "utc": True}


def test_call_and_response_stays_in_the_column_over_a_long_span() -> None:
    """Data over years (synthetic here) gets Vega's own ticks and the usual width, not a tick and 26 px a day."""
    from helpers import synthetic

    spec = charts.call_and_response(synthetic.dataset(1000, seed=1)).to_dict()
    days = next(v for v in spec["hconcat"] if v.get("name") == "response_days")
    assert days["width"] == theme.WIDTH
    axes = [layer["encoding"]["x"].get("axis", {}) for layer in days["layer"]]
    assert axes and all("values" not in axis for axis in axes)
    assert all("format" not in axis for axis in axes)  # a bare day number ('%-d') would not say which month
    assert len(json.dumps(spec)) < 60_000


@pytest.mark.parametrize("build, what", [
    (lambda ds, none: charts.statements_by_day(ds.statements.iloc[:0]), "no statements"),
    (lambda ds, none: charts.escalation_index(sentiment.daily_index(ds.events.iloc[:0]), charts.key_events(ds)),
     "no days with events"),
    (lambda ds, none: charts.measures_by_day(none, ds.events.iloc[:0]), "no statements and no events"),
    (lambda ds, none: charts.sentiment_by_side(none), "no statements"),
    (lambda ds, none: charts.sentiment_vs_goldstein(none), "no statements about an event with a Goldstein value"),
], ids=["statements", "index", "measures", "tone-by-side", "tone-scatter"])
def test_a_filter_that_matches_nothing_draws_a_sentence_not_a_traceback(ds, build, what) -> None:
    # A student's filter with a typo ("Puttin") leaves an empty table: the chart keeps its title and says so.
    spec = build(ds, sentiment.quotes_with_event_goldstein(ds).iloc[:0]).to_dict()
    title = spec["title"]
    assert (title if isinstance(title, str) else title["text"])[0].isupper()
    rows = [r for rows in spec["datasets"].values() for r in rows]
    assert rows == [{"line": f"Nothing to draw: {what}. Check the filter: it matched no rows."}]
    assert spec["description"] == rows[0]["line"]


def test_an_index_of_no_events_is_an_empty_table_with_its_columns(ds) -> None:
    index = sentiment.daily_index(ds.events.iloc[:0], window=3)
    assert index.empty and list(index.columns) == ["date", "count", "mean", "min", "rolling_mean"]
    assert str(index["date"].dtype).startswith("datetime64")


def test_a_week_index_reads_day_by_day_by_hand() -> None:
    # Worked by hand: three days, 17–19 Nov. The axis runs from noon on 16 Nov to noon on 19 Nov (UTC), so the
    # first and last points sit half a day in from the edges; each tick reads "Sun" over "17 Nov".
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17", "2024-11-18", "2024-11-19"]),
                           "goldstein": [-3.0, -4.0, 2.0]})
    spec = charts.escalation_index(sentiment.daily_index(events)).to_dict()
    assert spec["title"]["text"] == charts.INDEX_TITLE  # days shown as days: no subtitle about weeks
    assert not any("week" in line for line in spec["title"]["subtitle"])
    x = spec["vconcat"][0]["layer"][1]["encoding"]["x"]
    first, last = x["scale"]["domain"]
    assert (first["date"], first["hours"], last["date"], last["hours"]) == (16, 12, 19, 12)
    assert x["scale"]["type"] == "utc"
    assert x["axis"]["labelExpr"] == "[utcFormat(datum.value, '%a'), utcFormat(datum.value, '%-d %b')]"


def test_the_tone_scatter_colours_by_side_and_says_what_it_moved(ds) -> None:
    spec = charts.sentiment_vs_goldstein(sentiment.quotes_with_event_goldstein(ds)).to_dict()
    dots = spec["layer"][1]
    assert dots["encoding"]["color"]["field"] == "side" and dots["encoding"]["color"]["title"] == "Side"
    assert spec["title"]["subtitle"] == ("Dashed: where tone would follow the event. Dots that would hide each "
                                         "other are set a little apart.")


def test_the_counted_box_plot_marks_its_median_across_the_box() -> None:
    # Above the point limit: a dark, opaque median tick as tall as the 22 px box, so it reads as a line across it.
    scored = pd.DataFrame({"side": pd.Categorical(["ukraine"] * 501, categories=charts.SIDES),
                           "speaker": "A", "vader_domain10": np.linspace(-5, 5, 501)})
    spec = charts.sentiment_by_side(scored).to_dict()
    boxes, medians = spec["layer"][1], spec["layer"][2]
    assert (medians["mark"]["color"], medians["mark"]["size"]) == ("#222222", boxes["mark"]["size"]) == ("#222222", 22)
    assert medians["mark"]["opacity"] == 1 and boxes["mark"]["opacity"] == 0.5
    rows = next(d for d in spec["datasets"].values() if "q1" in d[0])
    assert (rows[0]["low"], rows[0]["median"], rows[0]["high"]) == (-5.0, 0.0, 5.0)


def test_the_statement_piles_say_what_a_dot_and_a_number_are(ds) -> None:
    spec = charts.statements_by_day(ds.in_focus(ds.statements)).to_dict()
    assert spec["title"]["subtitle"] == "Each dot is one statement; the number above a day counts them."


def test_statements_per_side_writes_each_count_at_its_bar(ds) -> None:
    spec = charts.statements_per_side(ds).to_dict()
    bars, counts = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert counts["mark"]["type"] == "text" and counts["encoding"]["text"]["field"] == "statements"
    rows = next(iter(spec["datasets"].values()))
    assert sum(r["statements"] for r in rows) == len(ds.statements)


def test_the_tone_boxes_reach_from_minimum_to_maximum(ds) -> None:
    # The subtitle says "whiskers: minimum to maximum": Vega-Lite's default stops them at 1.5 × the box's width.
    spec = charts.sentiment_by_side(sentiment.quotes_with_event_goldstein(ds)).to_dict()
    assert spec["layer"][0]["mark"]["extent"] == "min-max"
    assert "whiskers: minimum to maximum" in spec["title"]["subtitle"]


def test_the_index_lists_at_most_its_cap_of_key_events() -> None:
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    events = pd.DataFrame({"date": days, "goldstein": 1.0})
    annotations = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "label": [f"e{i}" for i in range(40)]})
    spec = charts.escalation_index(sentiment.daily_index(events), annotations).to_dict()
    listed = next(d for d in spec["datasets"].values() if "col" in d[0])
    assert [r["line"].split(":")[-1].strip() for r in listed] == [f"e{i}" for i in range(charts.MAX_LABELS)]
    assert spec["title"]["subtitle"][0] == f"The first {charts.MAX_LABELS} of 40 key events are listed."


def test_call_and_response_calendar_starts_on_its_first_square_and_says_so(ds) -> None:
    spec = _roundtrip(charts.call_and_response(ds))
    timeline = spec["hconcat"][0]
    x = timeline["layer"][0]["encoding"]["x"]
    start, end = (pd.Timestamp(year=d["year"], month=d["month"], day=d["date"], hour=d.get("hours", 0))
                  for d in x["scale"]["domain"])
    squares = [r for d in spec["datasets"].values() for r in d if "who" in r]
    answers = [r for d in spec["datasets"].values() for r in d if "answers" in r and "day" in r and "who" not in r]
    first = min(pd.Timestamp(r["day"]) for r in squares)
    last = max(pd.Timestamp(r["day"][:10]) for r in answers)
    # The axis opens 8 hours before the first square's day and closes at the end of the last answer's day.
    assert (start, end) == (first - pd.Timedelta(hours=8), last + pd.Timedelta(days=1))
    assert f"from {first.day} {first:%b} to {last.day} {last:%b}:" in spec["description"]
    same_month = first.month == last.month
    assert x["axis"]["title"] == (f"Day of {first:%B %Y}" if same_month else "Day")


def test_the_tone_scatters_diagonal_is_where_tone_equals_the_event(ds) -> None:
    # The dashed line joins (−10, −10) and (+10, +10): a statement on it has the tone of its event's Goldstein value.
    spec = _roundtrip(charts.sentiment_vs_goldstein(sentiment.quotes_with_event_goldstein(ds)))
    diagonal = spec["layer"][0]
    assert diagonal["mark"]["type"] == "line" and diagonal["mark"]["strokeDash"] == [4, 4]
    assert spec["datasets"][diagonal["data"]["name"]] == [{"goldstein": -10, "score": -10},
                                                          {"goldstein": 10, "score": 10}]


def test_call_and_response_rows_line_up_across_its_two_halves(ds) -> None:
    # The split by side (right) has no axis of its own: its rows must come in the timeline's order, row for row.
    spec = _roundtrip(charts.call_and_response(ds))
    timeline, split = spec["hconcat"]
    order = timeline["layer"][0]["encoding"]["y"]["sort"]
    assert order == statements.responses(ds, max_triggers=charts.statements.MAX_TRIGGERS).triggers["label"].tolist()
    for layer in split["layer"]:
        assert layer["encoding"]["y"]["sort"] == order and layer["encoding"]["y"]["axis"] is None


def test_the_speaker_bars_count_each_speaker_and_side(ds) -> None:
    # One bar per speaker (and side, for its colour), ranked by count: grouped by both before ranking.
    spec = _roundtrip(charts.statements_by_day(ds.statements[ds.statements["date"] >= "2024-11-17"]))
    bars = spec["vconcat"][1]
    aggregate = next(t for t in bars["transform"] if "aggregate" in t)
    assert aggregate["groupby"] == ["speaker", "side"]
    window = next(t for t in bars["transform"] if "window" in t)
    # Ranked by count alone (rank(), not row_number()): speakers on one count share a rank, so a tie stays whole.
    assert window["sort"] == [{"field": "statements", "order": "descending"}]
    assert [w["op"] for w in window["window"]] == ["rank"]


def test_the_call_and_response_marks_as_drawn(ds) -> None:
    spec = charts.call_and_response(ds).to_dict()
    views = list(_views(spec))
    rule = next(v for v in views if _mark(v) == "rule")
    circle = next(v for v in views if _mark(v) == "circle")
    square = next(v for v in views if _mark(v) == "square")
    # The line to the last answer is thicker than a hairline; the day circles are white under their black numbers.
    assert rule["mark"]["strokeWidth"] == 1.5
    assert circle["mark"]["color"] == "white" and circle["mark"]["stroke"] == "#222222"
    # Row labels are long ('Anti-personnel landmines …'): 270 px of them at 11 px, and no grid across the calendar.
    y = square["encoding"]["y"]["axis"]
    assert (y["labelLimit"], y["labelFontSize"]) == (270, 11)
    assert square["encoding"]["x"]["axis"]["grid"] is False
    # Who on one line, what on the next ('18 Nov · Joe Biden' over 'authorisation, Anti-personnel landmines'):
    # each line then fits the limit, where the whole label did not (it was cut to '… Anti-personnel l…').
    assert y["labelExpr"] == "split(datum.label, ' — ')"
    labels = [r["label"] for d in spec["datasets"].values() for r in d if "who" in r]
    assert "18 Nov · Joe Biden — authorisation, Anti-personnel landmines" in labels
    lines = [line for label in labels for line in label.split(" — ")]
    assert max(text_width(line, 11) for line in lines) <= 270 < max(text_width(label, 11) for label in labels)
    # Every tooltip on a day's count says which day, as a date.
    numbers = next(v for v in views if _mark(v) == "text" and "tooltip" in v["encoding"])
    rows = spec["datasets"][numbers["data"]["name"]]
    assert all(isinstance(r["on"], str) and r["on"].endswith(" 2024") for r in rows)


def test_a_statement_dot_is_a_circle_when_quoted_and_a_triangle_when_paraphrased(ds) -> None:
    spec = charts.statements_by_day(ds.in_focus(ds.statements)).to_dict()
    dots = next(v for v in _views(spec) if _mark(v) == "point")
    scale = dots["encoding"]["shape"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {"direct": "circle", "paraphrase": "triangle-up"}
    period = charts.statements_by_day(ds.statements).to_dict()
    assert next(v for v in period["vconcat"] if v.get("name") == "statement_dots")["height"] == 160


def test_call_and_response_names_every_most_answered_row(ds) -> None:
    # 25 statements answer ev020 (Biden's ATACMS authorisation) and 25 answer ev075 (the Oreshnik strike), counted
    # with `value_counts()` of `responds_to`: a tie, so the text names both, not the earlier one alone.
    assert ds.statements["responds_to"].value_counts().head(2).to_dict() == {"ev020": 25, "ev075": 25}
    desc = charts.call_and_response(ds).to_dict()["description"]
    assert ("Most answered, with 25 answers each: 17 Nov · Joe Biden — authorisation, ATACMS; 21 Nov · Russian "
            "armed forces — strike, Oreshnik.") in desc


@pytest.mark.parametrize(("values", "axis"), [
    ([-2.25, -0.37], (-4, 1)),  # one whole number past −3 and 0
    ([-2.0, -1.0], (-3, 1)),  # zero stays in: −2 − 1 = −3; 0 … +1 above
    ([1.5, 3.0], (-1, 4)),  # all above zero: −1 below it
    ([-9.5, 9.5], (-10, 10)),  # never past the scale
    ([], (-10, 10)),
])
def test_the_index_axis_covers_the_means_and_zero_by_hand(values, axis) -> None:
    assert charts.escalation.index_axis(pd.Series(values, dtype=float)) == axis


def test_a_days_most_conflictual_event_below_the_axis_sits_on_its_edge_with_its_score() -> None:
    # 17 Nov: −9 and −1 (mean −5); 18 Nov: −2 alone. Axis: −6 … +1 (−5 − 1; −2 + 1 → 1 with zero in); −9 lies
    # below: its ▼ sits at −6 with "−9" beside it; 18 Nov's −2 is drawn where it is.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17", "2024-11-17", "2024-11-18"]),
                           "goldstein": [-9.0, -1.0, -2.0]})
    spec = charts.escalation_index(sentiment.daily_index(events)).to_dict()
    rows = next(rows for rows in spec["datasets"].values() if "min_at" in rows[0])
    assert [(r["min"], r["min_at"]) for r in rows] == [(-9.0, -6.0), (-2.0, -2.0)]
    plot = spec["vconcat"][0]["layer"]
    assert plot[1]["encoding"]["y"]["scale"]["domain"] == [-6, 1]
    score = next(v for v in plot if (v["encoding"].get("text") or {}).get("field") == "score")
    assert score["mark"]["type"] == "text" and score["encoding"]["text"]["field"] == "score"
    assert {"calculate": "replace(format(datum.min, '.0f'), '-', '−')", "as": "score"} in score["transform"]


def test_a_one_day_window_draws_no_rolling_line_to_hide_under_the_daily_one() -> None:
    # A window of one day makes the rolling mean the daily mean, point for point: no second line, no legend entry.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17", "2024-11-18"]), "goldstein": [-3.0, -1.0]})
    spec = charts.escalation_index(sentiment.daily_index(events, window=1)).to_dict()
    layers = spec["vconcat"][0]["layer"]
    assert [v["mark"]["type"] for v in layers if isinstance(v["mark"], dict)].count("line") == 1
    assert layers[1]["encoding"]["color"]["scale"]["domain"] == [charts.escalation.DAILY, charts.escalation.LOWEST]
    two = charts.escalation_index(sentiment.daily_index(events, window=2)).to_dict()["vconcat"][0]["layer"]
    assert two[1]["encoding"]["color"]["scale"]["domain"][0] == charts.escalation.ROLLING


def test_escalation_chart_details_as_drawn_by_hand(ds) -> None:
    # Found by a fresh draw of mutants (seed 2035): each a detail a reader sees. The zero line is a grey dashed
    # rule; every ▼ answers a hover; key-event numbers hang from the top edge; the two listing columns touch.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17", "2024-11-18"]), "goldstein": [-3.0, -1.0]})
    annotations = pd.DataFrame({"day": ["2024-11-17", "2024-11-18"], "label": ["a", "b"]})
    spec = charts.escalation_index(sentiment.daily_index(events, window=2), annotations).to_dict()
    plot, listing = spec["vconcat"]
    zero = plot["layer"][0]
    assert zero["mark"] == {"type": "rule", "color": "#888888", "strokeDash": [4, 4]}
    lowest = next(v for v in plot["layer"] if v["mark"].get("shape") == "triangle-down")
    assert [t["title"] for t in lowest["encoding"]["tooltip"]] == ["Day", "Events", "Mean", "Rolling mean",
                                                                   "Most conflictual"]
    numbers = next(v for v in plot["layer"] if (v["encoding"].get("text") or {}).get("field") == "n")
    assert (numbers["mark"]["baseline"], numbers["mark"]["dy"]) == ("top", 2)
    assert listing["encoding"]["x"]["scale"] == {"paddingInner": 0, "paddingOuter": 0, "align": 0}
    # A title of one's own is kept as given, whatever the grain.
    weekly = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=charts.MAX_PERIODS + 1, freq="D"),
                           "goldstein": -1.0})
    own = charts.escalation_index(sentiment.daily_index(weekly), title="Daily tone").to_dict()
    assert own["title"]["text"] == "Daily tone"


def test_the_three_measures_chart_keeps_the_full_scale_and_its_hover_by_hand(ds) -> None:
    scored = sentiment.quotes_with_event_goldstein(ds)
    spec = charts.measures_by_day(ds.in_focus(scored), ds.in_focus(ds.events)).to_dict()
    # By hand from the week's means: the lowest, domain VADER on Thu, is −4.03 (−5 − 1 = −6); the highest, plain
    # VADER on Fri, +0.77 (+1 + 1 = +2): the axis runs −6 … +2, a tick a point, and says it is a part of the scale.
    y = spec["encoding"]["y"]
    assert (y["title"], y["scale"]["domain"]) == ("Score (−10 … +10)", [-6, 2])
    assert y["axis"]["values"] == [-6, -5, -4, -3, -2, -1, 0, 1, 2]
    assert "The axis shows −6 … +2 of the −10 … +10 scale." in spec["title"]["subtitle"]
    assert "on one axis of the −10 to +10 scale, shown from −6 to 2:" in spec["description"]
    # Goldstein's rows come first, so the word-list lines are drawn over it where they meet.
    rows = next(iter(spec["datasets"].values()))
    assert rows[0]["measure"] == charts.MEASURES["goldstein"] and rows[-1]["measure"] != charts.MEASURES["goldstein"]
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Day", "Measure", "Mean"]


def test_the_many_statements_scatter_keeps_its_diagonal(ds) -> None:
    # Over MAX_POINTS statements the scatter counts cells; the dashed diagonal (tone follows event) stays.
    scored = sentiment.quotes_with_event_goldstein(ds).dropna(subset=["goldstein"])
    many = pd.concat([scored] * (charts.MAX_POINTS // len(scored) + 1), ignore_index=True)
    spec = charts.sentiment_vs_goldstein(many).to_dict()
    diagonal = spec["layer"][0]
    assert diagonal["mark"]["strokeDash"] == [4, 4]
    assert spec["datasets"][diagonal["data"]["name"]] == [{"goldstein": -10, "score": -10},
                                                          {"goldstein": 10, "score": 10}]


def test_escalation_details_from_a_second_draw_by_hand(ds) -> None:
    # Seed 2036: key events numbered 1, 2 … whatever index they come with; their list in dark grey; the measures'
    # days as ISO dates on an axis that is not rounded out; month axes upright.
    events = pd.DataFrame({"date": pd.to_datetime(["2024-11-17", "2024-11-18"]), "goldstein": [-3.0, -1.0]})
    annotations = pd.DataFrame({"day": ["2024-11-17", "2024-11-18"], "label": ["a", "b"]}, index=[5, 9])
    spec = charts.escalation_index(sentiment.daily_index(events, window=2), annotations).to_dict()
    listing = spec["vconcat"][1]
    rows = spec["datasets"][listing["data"]["name"]]
    assert [r["n"] for r in rows] == ["1", "2"] and "index" not in rows[0]
    assert listing["mark"]["color"] == "#222222"
    scored = sentiment.quotes_with_event_goldstein(ds)
    measures = charts.measures_by_day(ds.in_focus(scored), ds.in_focus(ds.events)).to_dict()
    days = {r["day"] for r in next(iter(measures["datasets"].values()))}
    assert min(days) == "2024-11-17" and max(days) == "2024-11-23"
    assert measures["encoding"]["y"]["scale"]["nice"] is False
    assert charts.escalation._day_axis("month").to_dict()["labelAngle"] == 0
