"""Altair chart builders and the collection's one theme.

Every builder takes tidy pandas data, aggregates it in pandas first (so a chart's JSON stays small
whatever the row count) and returns an Altair chart. Selections and params always carry an explicit
`name=`: on Altair 5 unnamed ones take a process-wide counter, and the spec would depend on what ran
before it.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from .data import Dataset, load_dataset

THEME = "escalation_week"

SIDES = ["russia_and_partners", "ukraine", "western_partners", "other"]
SIDE_LABELS = {
    "russia_and_partners": "Russia & partners",
    "ukraine": "Ukraine",
    "western_partners": "Western partners",
    "other": "Other",
}
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
SIDE_COLORS = {
    "russia_and_partners": "#D55E00",
    "ukraine": "#0072B2",
    "western_partners": "#009E73",
    "other": "#999999",
}


@alt.theme.register(THEME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "view": {"continuousWidth": 560, "continuousHeight": 260, "stroke": None},
            "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            "title": {"anchor": "start", "fontSize": 15, "subtitleColor": "#555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
        }
    }


def side_scale() -> alt.Scale:
    """The fixed colour scale for sides, the same in every chart."""
    return alt.Scale(domain=[SIDE_LABELS[s] for s in SIDES], range=[SIDE_COLORS[s] for s in SIDES])


def side_label(side: pd.Series) -> pd.Series:
    """Readable side names for chart legends."""
    return side.astype("string").map(SIDE_LABELS)


def setup_notebook(data_dir: str | Path | None = None) -> Dataset:
    """Prepare a notebook: offline chart renderer, the theme, display options; return the dataset.

    The `mimetype` renderer emits Vega-Lite 5 JSON that JupyterLab draws with its own bundled
    Vega, so charts need no network and still show when a saved notebook is reopened.
    """
    alt.renderers.enable("mimetype")
    alt.theme.enable(THEME)
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 40)
    return load_dataset(data_dir)


# --------------------------------------------------------------------------------------------
# Actor statements

TOOLTIP_CHARS = 160


def _short(text: pd.Series, limit: int = TOOLTIP_CHARS) -> pd.Series:
    """Quote text cut to a tooltip's length (the explorer's list shows it whole)."""
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")


def statement_points(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per statement with what the statements chart draws: day, speaker, side, slot, tooltip."""
    df = statements.sort_values(["date", "speaker", "id"])
    return pd.DataFrame({
        "id": df["id"].astype(str),
        "day": df["date"].dt.strftime("%Y-%m-%d"),
        "speaker": df["speaker"].astype(str),
        "side": side_label(df["side"]).astype(str),
        "slot": df.groupby(["date", "speaker"]).cumcount(),
        "type": df["quote_type"].astype(str),
        "outlet": df["outlet"].astype(str),
        "quote": _short(df["text"].astype(str)),
    })


def statements_by_day(statements: pd.DataFrame, title: str = "Who spoke, day by day") -> alt.VConcatChart:
    """Dots per statement (speaker × day, coloured by side) over a bar chart of statements per speaker.

    Clicking a side in the legend highlights it; dragging across days on the dots filters the bars
    below. Both selections run in the browser, so an exported notebook stays interactive.
    """
    data = statement_points(statements)
    pick_side = alt.selection_point(name="pick_side", fields=["side"], bind="legend")
    brush = alt.selection_interval(name="brush_days", encodings=["x"])
    base = alt.Chart(data)
    dots = base.mark_circle(size=90, stroke="white", strokeWidth=0.5).encode(
        x=alt.X("day:O", title="Day", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("slot:O"),
        y=alt.Y("speaker:N", title=None, sort=alt.EncodingSortField("side")),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        opacity=alt.condition(pick_side, alt.value(0.95), alt.value(0.12)),
        shape=alt.Shape("type:N", title="Quote", scale=alt.Scale(domain=["direct", "paraphrase"],
                                                                  range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("day:O", title="Date"),
                 alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("type:N", title="Quote"),
                 alt.Tooltip("quote:N", title="Text")],
    ).add_params(pick_side, brush).properties(name="statement_dots", title=title, height=alt.Step(18))
    bars = base.mark_bar().encode(
        x=alt.X("count():Q", title="Statements in the selected days"),
        y=alt.Y("speaker:N", title=None, sort="-x"),
        color=alt.Color("side:N", scale=side_scale(), legend=None),
    ).transform_filter(brush).transform_filter(pick_side).properties(height=alt.Step(14))
    return alt.vconcat(dots, bars).resolve_scale(color="shared")


def response_links(ds: Dataset) -> pd.DataFrame:
    """Who answered whom: one row per quote that `responds_to` an event or another quote.

    Columns: the responding quote (id, day, speaker, side) and what it answers (id, kind,
    day, actor, summary), in date order. Derived from the data, not drawn by hand.
    """
    q = ds.statements
    q = q[q["responds_to"].notna()]
    events = ds.events.set_index("id")
    quotes = ds.quotes.set_index("id")
    rows = []
    for r in q.sort_values(["date", "id"]).itertuples():
        target = r.responds_to
        if target in events.index:
            t = events.loc[target]
            rows.append((target, "event", t["date"], t["actor"], t["side"], t["summary"]))
        else:
            t = quotes.loc[target]
            rows.append((target, "statement", t["date"], t["speaker"], t["side"], _short(pd.Series([t["text"]]))[0]))
        rows[-1] = (r.id, r.date, r.speaker, r.side, *rows[-1])
    cols = ["quote_id", "date", "speaker", "side", "answers_id", "answers_kind", "answers_date",
            "answers_actor", "answers_side", "answers_what"]
    return pd.DataFrame(rows, columns=cols)


def call_and_response(ds: Dataset, title: str = "Call and response") -> alt.LayerChart:
    """Arrows in time: each statement (dot) linked by a line to the event or statement it answers."""
    links = response_links(ds)
    data = pd.DataFrame({
        "from_day": links["answers_date"].dt.strftime("%Y-%m-%d"),
        "from_actor": links["answers_actor"].astype(str),
        "to_day": links["date"].dt.strftime("%Y-%m-%d"),
        "to_actor": links["speaker"].astype(str),
        "side": side_label(links["side"]).astype(str),
        "answers": links["answers_what"].astype(str),
        "kind": links["answers_kind"].astype(str),
    })
    x = alt.X("from_day:O", title="Day", axis=alt.Axis(labelAngle=0))
    y = alt.Y("from_actor:N", title=None)
    base = alt.Chart(data)
    lines = base.mark_rule(strokeWidth=1.5, opacity=0.5).encode(
        x=x, x2="to_day", y=y, y2="to_actor", color=alt.Color("side:N", scale=side_scale(), title="Answering side"))
    starts = base.mark_square(size=70, color="#444").encode(
        x=x, y=y, tooltip=[alt.Tooltip("from_actor:N", title="Actor"), alt.Tooltip("kind:N", title="Kind"),
                           alt.Tooltip("answers:N", title="What")])
    ends = base.mark_circle(size=80).encode(
        x=alt.X("to_day:O"), y=alt.Y("to_actor:N"), color=alt.Color("side:N", scale=side_scale()),
        tooltip=[alt.Tooltip("to_actor:N", title="Answered by"), alt.Tooltip("to_day:O", title="On")])
    return alt.layer(lines, starts, ends).properties(title=title, height=alt.Step(20))
