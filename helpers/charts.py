"""Altair chart builders and the collection's one theme.

Every builder takes tidy pandas data, aggregates it in pandas first (so a chart's JSON stays small
whatever the row count) and returns an Altair chart. Builders that draw one mark per row switch to a
counted or binned view above `MAX_POINTS` rows, and time axes move from days to weeks or months above
`MAX_PERIODS` days; the subtitle then says what was aggregated, so nothing disappears unannounced.
Selections and params always carry an explicit `name=`: on Altair 5 unnamed ones take a process-wide
counter, and the spec would depend on what ran before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from .data import Dataset, load_dataset, tabular_resources

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


UNKNOWN_SIDE = "Not known"  # a speaker outside actors.csv (e.g. an anonymous official of unknown nationality)
UNKNOWN_COLOR = "#000000"  # Okabe–Ito black, distinct from every side's colour


def side_scale(unknown: bool = False) -> alt.Scale:
    """The fixed colour scale for sides, the same in every chart; `unknown` adds a colour for 'Not known'."""
    domain, colors = [SIDE_LABELS[s] for s in SIDES], [SIDE_COLORS[s] for s in SIDES]
    if unknown:
        domain, colors = [*domain, UNKNOWN_SIDE], [*colors, UNKNOWN_COLOR]
    return alt.Scale(domain=domain, range=colors)


def side_label(side: pd.Series) -> pd.Series:
    """Readable side names for chart legends."""
    return side.astype("string").map(SIDE_LABELS)


# --------------------------------------------------------------------------------------------
# Keeping charts small: a chart's data is embedded in the saved notebook.

MAX_POINTS = 500  # rows drawn one mark each; above this a builder counts or bins instead
MAX_PERIODS = 120  # positions on a time axis; above this days become weeks, months, quarters or years
MAX_LINKS = 300  # response links drawn; above this only the latest are
MAX_LABELS = 30  # key-event labels on the index chart
MAX_CELLS = 1200  # speaker × period cells of the counted statements chart
GRAINS = {"day": None, "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _starts(days: pd.Series, grain: str) -> pd.Series:
    freq = GRAINS[grain]
    if freq is None:
        return days
    if freq == "W":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days.dt.to_period(freq).dt.start_time.astype(days.dtype)


def grain_for(*dates: pd.Series, max_periods: int = MAX_PERIODS) -> str:
    """The finest of day, week, month, quarter, year giving at most `max_periods` periods for these dates."""
    days = pd.Series(pd.concat([pd.Series(d.unique()) for d in dates]).dt.normalize().unique())
    for grain in GRAINS:
        if _starts(days, grain).nunique() <= max_periods:
            return grain
    return "year"


def period_start(dates: pd.Series, grain: str) -> pd.Series:
    """Each date's first day of its period (a week starts on Monday); computed once per distinct date."""
    codes, uniques = pd.factorize(dates, sort=True)
    starts = _starts(pd.Series(uniques).dt.normalize(), grain).to_numpy()
    return pd.Series(starts[codes], index=dates.index)


def time_bins(dates: pd.Series, max_periods: int = MAX_PERIODS) -> tuple[pd.Series, str]:
    """Dates as ISO strings of their period's first day, at the finest grain with at most `max_periods` periods."""
    grain = grain_for(dates, max_periods=max_periods)
    codes, uniques = pd.factorize(period_start(dates, grain), sort=True)
    labels = pd.Series(uniques).dt.strftime("%Y-%m-%d").to_numpy()
    return pd.Series(labels[codes], index=dates.index, dtype=object), grain


def _aggregated(title: str, note: str) -> alt.Title:
    return alt.Title(title, subtitle=note)


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
    if len(statements) > MAX_POINTS:
        return _statements_by_period(statements, title)
    data = statement_points(statements)
    pick_side = alt.selection_point(name="pick_side", fields=["side"], bind="legend")
    brush = alt.selection_interval(name="brush_days", encodings=["x"])
    base = alt.Chart(data)
    dots = base.mark_point(size=90, filled=True, stroke="white", strokeWidth=0.5).encode(
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


def _statements_by_period(statements: pd.DataFrame, title: str) -> alt.VConcatChart:
    """`statements_by_day` for many rows: a dot per speaker and period, sized by its statement count."""
    speaker_codes, speakers = pd.factorize(statements["speaker"].astype(str))
    period, grain = time_bins(statements["date"], max(1, MAX_CELLS // max(1, len(speakers))))
    period_codes, periods = pd.factorize(period)
    sides = statements["side"].cat.categories
    side_codes = statements["side"].cat.codes.to_numpy().astype(np.int64)
    n_sp, n_si = len(speakers), len(sides)
    key = (period_codes * n_sp + speaker_codes) * n_si + side_codes
    counts = np.bincount(key, minlength=len(periods) * n_sp * n_si)
    cell = np.nonzero(counts)[0]
    data = pd.DataFrame({
        "day": periods[cell // (n_sp * n_si)],
        "speaker": speakers[cell // n_si % n_sp],
        "side": side_label(pd.Series(sides[cell % n_si])).astype(str).to_numpy(),
        "statements": counts[cell],
    }).sort_values(["day", "speaker"], kind="stable")
    pick_side = alt.selection_point(name="pick_side", fields=["side"], bind="legend")
    brush = alt.selection_interval(name="brush_days", encodings=["x"])
    base = alt.Chart(data)
    when = "Day" if grain == "day" else f"{grain.capitalize()} from"
    note = (f"{len(statements):,} statements, too many to draw one by one: each dot counts a speaker's "
            f"statements in one {grain}.")
    dots = base.mark_circle(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("day:O", title=when, axis=alt.Axis(labelAngle=-90 if len(periods) > 12 else 0)),
        y=alt.Y("speaker:N", title=None, sort=alt.EncodingSortField("side")),
        size=alt.Size("statements:Q", title="Statements"),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        opacity=alt.condition(pick_side, alt.value(0.95), alt.value(0.12)),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("day:O", title=when),
                 alt.Tooltip("statements:Q", title="Statements")],
    ).add_params(pick_side, brush).properties(name="statement_dots", title=_aggregated(title, note),
                                              height=alt.Step(18))
    bars = base.mark_bar().encode(
        x=alt.X("sum(statements):Q", title="Statements in the selected periods"),
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
    q = q[q["responds_to"].notna()].sort_values(["date", "id"])
    target = q["responds_to"].astype(str).to_numpy()
    events, quotes = ds.events, ds.quotes
    ev = pd.Index(events["id"].astype(str)).get_indexer(target)
    qu = pd.Index(quotes["id"].astype(str)).get_indexer(target)
    missing = sorted(set(target[(ev < 0) & (qu < 0)]))
    if missing:
        raise KeyError(f"responds_to names no event or quote: {', '.join(missing[:10])}")
    is_event = ev >= 0
    ev, qu = ev[is_event], qu[~is_event]

    def pick(ev_col: str, q_col: str, dtype: object = object) -> np.ndarray:
        out = np.empty(len(target), dtype=dtype)
        out[is_event] = events[ev_col].iloc[ev].to_numpy(dtype=dtype)
        out[~is_event] = quotes[q_col].iloc[qu].to_numpy(dtype=dtype)
        return out

    cols = ["quote_id", "date", "speaker", "side", "answers_id", "answers_kind", "answers_date",
            "answers_actor", "answers_side", "answers_what"]
    out = pd.DataFrame({
        "quote_id": q["id"].to_numpy(dtype=object),
        "date": q["date"].to_numpy(),
        "speaker": q["speaker"].to_numpy(dtype=object),
        "side": q["side"].astype(str).to_numpy(dtype=object),
        "answers_id": target,
        "answers_kind": np.where(is_event, "event", "statement").astype(object),
        "answers_date": pick("date", "date", events["date"].dtype),
        "answers_actor": pick("actor", "speaker"),
        "answers_side": pick("side", "side"),
        # Only the answered quotes' texts are shortened, not every quote's.
        "answers_what": pick("summary", "text"),
    }, columns=cols)
    quoted = ~is_event
    if quoted.any():
        out.loc[quoted, "answers_what"] = _short(out.loc[quoted, "answers_what"].astype(str)).to_numpy()
    return out.astype({c: "str" for c in cols if c not in ("date", "answers_date")})


def call_and_response(ds: Dataset, title: str = "Call and response") -> alt.LayerChart:
    """Arrows in time: each statement (dot) linked by a line to the event or statement it answers."""
    links = response_links(ds)
    total = len(links)
    if total > MAX_LINKS:
        links = links.tail(MAX_LINKS)  # in date order, so these are the latest
        title = _aggregated(title, f"The latest {MAX_LINKS} of {total:,} responses, from "
                                   f"{links['date'].iloc[0]:%d %b %Y}: too many to draw all.")
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


# --------------------------------------------------------------------------------------------
# Escalation

MEASURES = {
    "goldstein": "Goldstein (events)",
    "vader10": "VADER ×10 (quotes)",
    "vader_domain10": "Domain VADER ×10 (quotes)",
}


def key_events(ds: Dataset) -> pd.DataFrame:
    """The week's turning points to annotate: authorisations, strikes and policy changes, one label a day."""
    week = ds.in_focus(ds.events)
    picked = week[week["kind"].isin(["authorisation", "strike", "policy"])].sort_values(["date", "goldstein"])
    picked = picked.drop_duplicates("date")
    return pd.DataFrame({"day": picked["date"].dt.strftime("%Y-%m-%d"),
                         "label": picked["weapon"].str.split(" [(/]", regex=True).str[0]
                         .fillna(picked["kind"].astype(str)).astype(str) + " · " + picked["actor"].astype(str)})


DAY_AXIS_WIDTH = 560
INDEX_TITLE = "Daily escalation index (Goldstein, −10 conflict … +10 cooperation)"


def escalation_index(index: pd.DataFrame, annotations: pd.DataFrame | None = None,
                     title: str = INDEX_TITLE) -> alt.LayerChart:
    """The daily index: mean (line), count-weighted rolling mean (thick line), minimum (points), key events.

    Over more than `MAX_PERIODS` days, each point is a week (or month…): event-weighted means and the
    period's minimum; at most `MAX_LABELS` key events are labelled. The subtitle says so.
    """
    notes = []
    if len(index) > MAX_PERIODS:
        grain = grain_for(index["date"])
        start = period_start(index["date"], grain)
        w = index["count"].astype(float)
        g = pd.DataFrame({"start": start, "w": w, "wm": index["mean"].fillna(0) * w,
                          "wr": index["rolling_mean"].fillna(0) * w, "min": index["min"]}).groupby("start")
        sums = g[["w", "wm", "wr"]].sum()
        n = sums["w"].where(sums["w"] > 0)
        index = pd.DataFrame({"date": sums.index, "mean": (sums["wm"] / n).to_numpy(),
                              "rolling_mean": (sums["wr"] / n).to_numpy(), "min": g["min"].min().to_numpy(),
                              "count": sums["w"].astype(int).to_numpy()})
        notes.append(f"{len(start):,} days: one point per {grain} (event-weighted means, the {grain}'s minimum).")
        if annotations is not None and len(annotations):
            day = period_start(pd.to_datetime(annotations["day"]), grain).dt.strftime("%Y-%m-%d")
            annotations = pd.DataFrame({"day": day, "label": annotations["label"]}).drop_duplicates("day")
    if annotations is not None and len(annotations) > MAX_LABELS:
        notes.append(f"The first {MAX_LABELS} of {len(annotations)} key events are labelled.")
        annotations = annotations.head(MAX_LABELS)
    if notes:
        title = _aggregated(title, " ".join(notes))
    data = pd.DataFrame({"day": index["date"].dt.strftime("%Y-%m-%d"), "mean": index["mean"],
                         "rolling": index["rolling_mean"], "min": index["min"], "events": index["count"]})
    x = alt.X("day:O", title="Day", axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data)
    tip = [alt.Tooltip("day:O", title="Day"), alt.Tooltip("events:Q", title="Events"),
           alt.Tooltip("mean:Q", format=".1f", title="Mean"), alt.Tooltip("min:Q", format=".1f", title="Minimum")]
    layers = [
        alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999", strokeDash=[4, 4]).encode(y="y:Q"),
        base.mark_line(color="#bbb").encode(
            x=x, y=alt.Y("mean:Q", title="Goldstein", scale=alt.Scale(domain=[-10, 10]))),
        base.mark_line(color="#D55E00", strokeWidth=3).encode(x=x, y="rolling:Q", tooltip=tip),
        base.mark_point(color="#D55E00", shape="triangle-down", filled=True).encode(x=x, y="min:Q", tooltip=tip),
    ]
    if annotations is not None and len(annotations):
        ann = alt.Chart(annotations)
        layers.append(ann.mark_rule(color="#444", opacity=0.4).encode(x="day:O"))
        # Read downwards from the top edge, inside the plot, so long labels do not push the chart aside.
        layers.append(ann.mark_text(angle=270, align="right", dx=-4, dy=-4, fontSize=10, color="#444").encode(
            x="day:O", y=alt.value(4), text="label:N"))
    # A discrete axis is sized by its step (20 px a day): give the week the theme's full width instead.
    return alt.layer(*layers).properties(title=title, width=DAY_AXIS_WIDTH)


def measures_by_day(scored: pd.DataFrame, events: pd.DataFrame,
                    title: str = "Three measures on one axis") -> alt.Chart:
    """Daily means of Goldstein (events), plain and domain VADER ×10 (quotes), one line each.

    Over more than `MAX_PERIODS` days, the means are per week (or month…), as the subtitle says.
    """
    grain = grain_for(scored["date"], events["date"])
    q = scored.groupby(period_start(scored["date"], grain))[["vader10", "vader_domain10"]].mean()
    e = events.groupby(period_start(events["date"], grain))["goldstein"].mean()
    q.index, e.index = q.index.strftime("%Y-%m-%d"), e.index.strftime("%Y-%m-%d")
    if grain != "day":
        title = _aggregated(title, f"Means per {grain}: the data span too many days to show each.")
    wide = q.join(e, how="outer")
    long = wide.reset_index(names="day").melt("day", var_name="measure", value_name="value").dropna()
    long["measure"] = long["measure"].map(MEASURES)
    pick = alt.selection_point(name="pick_measure", fields=["measure"], bind="legend")
    return alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("day:O", title="Day" if grain == "day" else f"{grain.capitalize()} from",
                axis=alt.Axis(labelAngle=0 if grain == "day" else -90)),
        y=alt.Y("value:Q", title="Score (−10 … +10)", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("measure:N", title="Measure"),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("day:O", title="Day"), "measure:N", alt.Tooltip("value:Q", format=".1f")],
    ).add_params(pick).properties(title=title, width=DAY_AXIS_WIDTH)


def sentiment_vs_goldstein(scored: pd.DataFrame, measure: str = "vader10",
                           title: str = "Does a statement's tone match the event it reacts to?") -> alt.Chart:
    """Scatter: each statement's VADER score (×10) against the Goldstein value of its event."""
    d = scored.dropna(subset=["goldstein"])
    if len(d) > MAX_POINTS:
        return _binned_scatter(d, measure, title)
    data = pd.DataFrame({"goldstein": d["goldstein"], "score": d[measure], "speaker": d["speaker"].astype(str),
                         "side": side_label(d["side"]).astype(str), "quote": _short(d["text"].astype(str))})
    return alt.Chart(data).mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("goldstein:Q", title="Goldstein value of the event", scale=alt.Scale(domain=[-10, 10])),
        y=alt.Y("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=["speaker:N", "side:N", alt.Tooltip("goldstein:Q", title="Goldstein"),
                 alt.Tooltip("score:Q", format=".1f", title="Score"), alt.Tooltip("quote:N", title="Text")],
    ).properties(title=title)


def _binned_scatter(d: pd.DataFrame, measure: str, title: str) -> alt.Chart:
    """`sentiment_vs_goldstein` for many statements: counts per side in cells one point wide on each axis."""
    gx = np.rint(d["goldstein"].to_numpy(dtype=float)).astype(int) + 10
    sy = np.rint(d[measure].to_numpy(dtype=float)).astype(int) + 10
    side = d["side"].cat.codes.to_numpy().astype(int)
    n_sides = len(d["side"].cat.categories)
    counts = np.bincount((gx * 21 + sy) * n_sides + side, minlength=21 * 21 * n_sides)
    cell = np.nonzero(counts)[0]
    sides = d["side"].cat.categories
    data = pd.DataFrame({"goldstein": cell // n_sides // 21 - 10, "score": cell // n_sides % 21 - 10,
                         "side": side_label(pd.Series(sides[cell % n_sides])).astype(str),
                         "statements": counts[cell]})
    note = (f"{len(d):,} statements, too many to draw one by one: each circle counts one side's statements "
            "in a cell one point wide on each axis.")
    return alt.Chart(data).mark_circle(opacity=0.6).encode(
        x=alt.X("goldstein:Q", title="Goldstein value of the event", scale=alt.Scale(domain=[-10, 10])),
        y=alt.Y("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10])),
        size=alt.Size("statements:Q", title="Statements"),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=["side:N", alt.Tooltip("goldstein:Q", title="Goldstein (rounded)"),
                 alt.Tooltip("score:Q", title="Score (rounded)"), alt.Tooltip("statements:Q", title="Statements")],
    ).properties(title=_aggregated(title, note))


def _box_stats_by_side(scored: pd.DataFrame, measure: str, title: str) -> alt.LayerChart:
    """`sentiment_by_side` from statistics computed in pandas: whiskers min–max, box quartiles, median tick."""
    score = scored[measure].to_numpy(dtype=float)
    side = scored["side"].cat.codes.to_numpy()
    labels = side_label(pd.Series(scored["side"].cat.categories)).astype(str).to_numpy()
    by_side = pd.Series(score).groupby(side)
    stats = by_side.quantile([0, 0.25, 0.5, 0.75, 1]).unstack()
    stats.columns = ["low", "q1", "median", "q3", "high"]
    stats = stats.reset_index(names="code")
    stats["side"] = labels[stats["code"]]
    speaker_codes, speakers = pd.factorize(scored["speaker"].astype(str))
    means = pd.DataFrame({"s": speaker_codes, "side": side, "score": score}).groupby(["side", "s"])["score"].mean()
    per_speaker = pd.DataFrame({"side": labels[means.index.get_level_values(0)],
                                "speaker": speakers[means.index.get_level_values(1)], "score": means.to_numpy()})
    y = alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES])
    x = alt.X("low:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10]))
    color = alt.Color("side:N", scale=side_scale(), legend=None)
    base = alt.Chart(stats.drop(columns="code"))
    whiskers = base.mark_rule(opacity=0.5).encode(x=x, x2="high:Q", y=y, color=color)
    boxes = base.mark_bar(opacity=0.5, size=14).encode(
        x="q1:Q", x2="q3:Q", y=y, color=color,
        tooltip=["side:N", alt.Tooltip("low:Q", format=".1f", title="Minimum"),
                 alt.Tooltip("q1:Q", format=".1f", title="First quartile"),
                 alt.Tooltip("median:Q", format=".1f", title="Median"),
                 alt.Tooltip("q3:Q", format=".1f", title="Third quartile"),
                 alt.Tooltip("high:Q", format=".1f", title="Maximum")])
    medians = base.mark_tick(color="white", thickness=2, size=14).encode(x="median:Q", y=y)
    ticks = alt.Chart(per_speaker).mark_tick(color="#222", thickness=1.5).encode(
        x="score:Q", y=y, tooltip=["speaker:N", alt.Tooltip("score:Q", format=".1f", title="Mean score")])
    note = f"Box statistics of {len(scored):,} statements, computed before drawing (whiskers: minimum to maximum)."
    return alt.layer(whiskers, boxes, medians, ticks).properties(title=_aggregated(title, note))


def sentiment_by_side(scored: pd.DataFrame, measure: str = "vader_domain10",
                      title: str = "Tone of statements, by side and speaker") -> alt.Chart:
    """Box plot per side of a quote measure, with each speaker's mean as a tick.

    Above `MAX_POINTS` statements the box statistics are computed in pandas (the same min–max whiskers).
    """
    if len(scored) > MAX_POINTS:
        return _box_stats_by_side(scored, measure, title)
    data = pd.DataFrame({"side": side_label(scored["side"]).astype(str), "speaker": scored["speaker"].astype(str),
                         "score": scored[measure]})
    per_speaker = data.groupby(["side", "speaker"], as_index=False)["score"].mean()
    y = alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES])
    x = alt.X("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10]))
    boxes = alt.Chart(data).mark_boxplot(opacity=0.5, extent="min-max").encode(
        x=x, y=y, color=alt.Color("side:N", scale=side_scale(), legend=None))
    ticks = alt.Chart(per_speaker).mark_tick(color="#222", thickness=1.5).encode(
        x=x, y=y, tooltip=["speaker:N", alt.Tooltip("score:Q", format=".1f", title="Mean score")])
    return alt.layer(boxes, ticks).properties(title=title)


# --------------------------------------------------------------------------------------------
# Weapon systems

# Okabe–Ito again, one colour per milestone in reading order.
MILESTONE_COLORS = ["#999999", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#E69F00", "#D55E00", "#CC79A7"]
PRECISION_SHAPES = {"exact day": "circle", "within that week": "square", "within that month": "diamond"}
# Dates are ISO strings read as UTC, so no viewer's time zone moves an event to the day before.
UTC = alt.Scale(type="utc")


def _iso(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d")


def milestone_points(ds: Dataset) -> pd.DataFrame:
    """What the timeline draws per milestone: weapon, date, label, precision, note, highlighted or not."""
    from .weapons import milestone_table

    m = milestone_table(ds)
    return pd.DataFrame({
        "id": m["id"].astype(str),
        "weapon_id": m["weapon_id"].astype(str),
        "weapon": m["weapon"].astype(str),
        "date": _iso(m["date"]),
        "when": m["date"].dt.strftime("%d %b %Y"),
        "milestone": m["label"].astype(str),
        "precision": m["precision"].astype(str),
        "note": _short(m["note"].fillna("").astype(str)),
        "focus": True,
    })


def signal_points(ds: Dataset) -> pd.DataFrame:
    """What the timeline's lower strip draws: Russian warnings and Western decisions with their sources."""
    from .weapons import signals

    s = signals(ds)
    return pd.DataFrame({
        "id": s["id"].astype(str),
        "date": _iso(s["date"]),
        "when": s["date"].dt.strftime("%d %b %Y"),
        "signal": s["signal"].astype(str),
        "side": side_label(s["side"]).astype(str),
        "actor": s["actor"].astype(str),
        "weapon": s["weapon"].fillna("—").astype(str),
        "summary": _short(s["summary"].astype(str)),
        "outlets": _short(s["outlets"].astype(str), 80),
    })


@dataclass(frozen=True)
class TimelineTables:
    """Everything the weapon timeline draws, computed once per dataset (an explorer redraws it often)."""

    points: pd.DataFrame
    signals: pd.DataFrame
    spans: pd.DataFrame
    order: list[str]


def timeline_tables(ds: Dataset) -> TimelineTables:
    """The weapon timeline's tables for the whole dataset; `weapon_timeline` narrows them to a window."""
    from .weapons import spans, system_order

    return TimelineTables(milestone_points(ds), signal_points(ds), spans(ds), system_order(ds))


def _iso_within(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """Rows whose ISO `date` string lies in [start, end] (ISO strings sort as dates do)."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["date"] >= start
    if end is not None:
        keep &= frame["date"] <= end
    return frame[keep]


def _milestone_layers(tables: TimelineTables, points: pd.DataFrame, x: alt.X) -> alt.LayerChart:
    from .weapons import MILESTONE_LABELS

    order = tables.order
    lines = tables.spans
    lines = lines[lines["weapon"].isin(points["weapon"])]
    # The first milestone goes in `date`, the field the shared x encoding reads.
    span_data = pd.DataFrame({"weapon": lines["weapon"], "date": _iso(lines["start"]), "end": _iso(lines["end"])})
    y = alt.Y("weapon:N", title=None, sort=order, axis=alt.Axis(labelLimit=280))
    span = alt.Chart(span_data).mark_rule(color="#bbbbbb", strokeWidth=3, clip=True).encode(x=x, x2="end:T", y=y)
    dots = alt.Chart(points).mark_point(size=110, filled=True, stroke="black", strokeWidth=0.4, clip=True).encode(
        x=x, y=y,
        color=alt.Color("milestone:N", title="Milestone",
                        scale=alt.Scale(domain=list(MILESTONE_LABELS.values()), range=MILESTONE_COLORS)),
        shape=alt.Shape("precision:N", title="Date known to",
                        scale=alt.Scale(domain=list(PRECISION_SHAPES), range=list(PRECISION_SHAPES.values()))),
        opacity=alt.condition("datum.focus", alt.value(1.0), alt.value(0.2)),
        tooltip=[alt.Tooltip("weapon:N", title="System"), alt.Tooltip("milestone:N", title="Milestone"),
                 alt.Tooltip("when:N", title="Date"), alt.Tooltip("precision:N", title="Date known to"),
                 alt.Tooltip("note:N", title="Note")],
    )
    return alt.layer(span, dots)


def _counted(frame: pd.DataFrame, keys: list[str], what: str) -> tuple[pd.DataFrame, str]:
    """Rows counted per `keys` and period (ISO `date` → its day, week, month…), and a subtitle saying so."""
    period, grain = time_bins(pd.to_datetime(frame["date"]))
    counted = frame.assign(date=period).groupby(["date", *keys], observed=True).size().reset_index(name="count")
    return counted, f"{len(frame):,} {what}, too many to draw one by one: counted per {grain}."


def _signal_strip(points: pd.DataFrame, x: alt.X) -> alt.Chart:
    if len(points) > MAX_POINTS:
        counted, note = _counted(points, ["signal", "side"], "warnings and decisions")
        return alt.Chart(counted).mark_tick(thickness=3, size=22, clip=True).encode(
            x=x, y=alt.Y("signal:N", title=None),
            color=alt.Color("side:N", scale=side_scale(), title="Side"),
            opacity=alt.Opacity("count:Q", title="How many", scale=alt.Scale(range=[0.3, 1])),
            tooltip=[alt.Tooltip("signal:N", title="What"), alt.Tooltip("side:N", title="Side"),
                     alt.Tooltip("date:T", title="From", format="%d %b %Y"), alt.Tooltip("count:Q", title="How many")],
        ).properties(title=alt.Title("", subtitle=note))
    return alt.Chart(points).mark_tick(thickness=3, size=22, clip=True).encode(
        x=x,
        y=alt.Y("signal:N", title=None),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=[alt.Tooltip("signal:N", title="What"), alt.Tooltip("actor:N", title="Who"),
                 alt.Tooltip("when:N", title="Date"), alt.Tooltip("weapon:N", title="System"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("outlets:N", title="Sources")],
    )


def weapon_timeline(ds: Dataset, start: str | None = None, end: str | None = None, highlight: str | None = None,
                    title: str = "Weapon systems: from request to first use",
                    tables: TimelineTables | None = None) -> alt.VConcatChart:
    """Each system's milestones on one time axis, above the Russian warnings and Western decisions.

    A grey line spans a system's first to last milestone; colour is the milestone, shape how precisely
    its date is known. `start`/`end` (YYYY-MM-DD) zoom in; `highlight` (a weapon id) fades the others.
    Pass `tables=timeline_tables(ds)` when drawing it repeatedly.
    """
    tables = tables or timeline_tables(ds)
    points = _iso_within(tables.points, start, end)
    points = points.assign(focus=(points["weapon_id"] == highlight) if highlight else True)
    sig = _iso_within(tables.signals, start, end)
    domain = [start, end] if start and end else alt.Undefined
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc", domain=domain, padding=12))
    top = _milestone_layers(tables, points, x).properties(
        name="weapon_milestones", title=title, height=alt.Step(22))
    bottom = _signal_strip(sig, x).properties(name="weapon_signals", height=alt.Step(28))
    return alt.vconcat(top, bottom, spacing=6).resolve_scale(x="shared", color="independent")


def timeline_zoom(ds: Dataset, start: str | None = None, end: str | None = None) -> alt.VConcatChart:
    """An overview strip of the whole war with a date brush that zooms the detailed timeline below.

    The brush (`zoom_window`) opens on `start`–`end` (the focus week and a day either side by default); drag it or
    draw a new one on the strip. It runs in the browser, so the zoom works in a saved notebook too.
    """
    if start is None or end is None:
        # A day either side, so the week's first and last marks are not cut in half at the edges.
        lo, hi = ((d + pd.Timedelta(days=k)).strftime("%Y-%m-%d") for d, k in zip(ds.period, (-1, 1), strict=True))
    else:
        lo, hi = start, end
    tables = timeline_tables(ds)
    points, sig = tables.points, tables.signals
    every = pd.concat([points[["date"]].assign(what="milestone"), sig[["date"]].assign(what="warning or decision")])
    if len(every) > MAX_POINTS:
        every = every.drop_duplicates()  # one tick per day and kind: the overview shows when, not how many

    def utc_day(day: str) -> alt.DateTime:
        t = pd.Timestamp(day)
        return alt.DateTime(year=t.year, month=t.month, date=t.day, utc=True)

    brush = alt.selection_interval(name="zoom_window", encodings=["x"], value={"x": [utc_day(lo), utc_day(hi)]})
    strip = alt.Chart(every).mark_tick(thickness=2, size=16).encode(
        x=alt.X("date:T", title="Drag across the strip to zoom the timeline below", scale=UTC),
        y=alt.Y("what:N", title=None),
        color=alt.value("#555555"),
    ).add_params(brush).properties(name="zoom_overview", height=alt.Step(18),
                                   title="The whole war: milestones, warnings and decisions")
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc", domain={"param": "zoom_window"}, padding=12))
    detail = _milestone_layers(tables, points, x).properties(name="zoom_detail", height=alt.Step(22))
    sig_detail = _signal_strip(sig, x).properties(name="zoom_signals", height=alt.Step(28))
    return alt.vconcat(strip, detail, sig_detail, spacing=6).resolve_scale(color="independent")


def weapon_ranges(ds: Dataset, title: str = "How far each system reaches, as sources state it") -> alt.LayerChart:
    """Range bars from minimum (0 when a source gives only a maximum) to maximum, in km.

    A bar for a class range (a missile type's typical reach, not measured for that weapon) is pale
    with an outline, and the subtitle names the systems no source gives a range for.
    """
    from .weapons import no_range, ranges

    r = ranges(ds)
    basis = {"system": "stated for this weapon", "class": "typical of its class, not measured"}
    data = pd.DataFrame({
        "weapon": r["name"].astype(str),
        "from_km": r["from_km"],
        "to_km": r["to_km"],
        "basis": r["range_basis"].astype(str).map(basis),
        "reach": ["up to" if only else "from–to" for only in r["only_maximum"]],
        "wording": _short(r["range_wording"].fillna("").astype(str)),
    })
    missing = no_range(ds)
    subtitle = ("No source gives a range for: " + ", ".join(missing) + ".") if missing else alt.Undefined
    y = alt.Y("weapon:N", title=None, sort=alt.EncodingSortField("to_km", order="ascending"),
              axis=alt.Axis(labelLimit=280))
    tooltip = [alt.Tooltip("weapon:N", title="System"), alt.Tooltip("from_km:Q", title="From (km)"),
               alt.Tooltip("to_km:Q", title="To (km)"), alt.Tooltip("basis:N", title="Range is"),
               alt.Tooltip("wording:N", title="Source's wording")]
    bars = alt.Chart(data).mark_bar(height=14).encode(
        x=alt.X("from_km:Q", title="Range (km)"),
        x2="to_km:Q", y=y,
        color=alt.Color("basis:N", title="Range is", scale=alt.Scale(domain=list(basis.values()),
                                                                      range=["#0072B2", "#cfe3f2"])),
        stroke=alt.value("#0072B2"),
        tooltip=tooltip,
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(
        x="to_km:Q", y=y, text=alt.Text("to_km:Q", format=",.0f"), tooltip=tooltip)
    return alt.layer(bars, labels).properties(
        name="weapon_ranges", height=alt.Step(24), title=alt.Title(title, subtitle=subtitle))


def capability_chart(ds: Dataset, weapon_id: str, title: str | None = None) -> alt.Chart:
    """Who said what about one weapon, day by day: claims by the side that fired it against others' assessments.

    The two stances differ in row, colour and mark (filled circle for a claim, open square for an
    assessment), so they cannot be read as one voice.
    """
    from .weapons import ASSESSED, CLAIMED, capability_statements

    s = capability_statements(ds, weapon_id)
    name = ds.weapon_systems.set_index("id").loc[weapon_id, "name"]
    if len(s) > MAX_POINTS:
        counted, note = _counted(pd.DataFrame({"date": _iso(s["date"]), "stance": s["stance"].astype(str),
                                               "side": side_label(s["side"]).astype(str)}),
                                 ["stance", "side"], "statements")
        return alt.Chart(counted).mark_point(strokeWidth=2, filled=True).encode(
            x=alt.X("date:T", title=None, scale=UTC), y=alt.Y("stance:N", title=None, sort=[CLAIMED, ASSESSED]),
            color=alt.Color("side:N", scale=side_scale(), title="Side"),
            size=alt.Size("count:Q", title="Statements"),
            tooltip=[alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("side:N", title="Side"),
                     alt.Tooltip("date:T", title="From", format="%d %b %Y"),
                     alt.Tooltip("count:Q", title="Statements")],
        ).properties(name="capability_statements", height=alt.Step(40), width=420,
                     title=alt.Title(title or f"{name}: claimed and assessed", subtitle=note))
    data = pd.DataFrame({
        "id": s["id"].astype(str), "date": _iso(s["date"]), "when": s["date"].dt.strftime("%d %b %Y"),
        "stance": s["stance"].astype(str), "side": side_label(s["side"]).astype(str),
        "actor": s["actor"].astype(str), "summary": _short(s["summary"].astype(str)),
        "outlets": _short(s["outlets"].astype(str), 80),
        "slot": s.groupby([s["date"], s["stance"]]).cumcount(),
    })
    return alt.Chart(data).mark_point(size=160, strokeWidth=2).encode(
        x=alt.X("when:O", title=None, sort=alt.EncodingSortField("date"), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("slot:O"),
        y=alt.Y("stance:N", title=None, sort=[CLAIMED, ASSESSED]),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        shape=alt.Shape("stance:N", title=None, scale=alt.Scale(domain=[CLAIMED, ASSESSED],
                                                                range=["circle", "square"]), legend=None),
        fill=alt.condition(f"datum.stance == '{CLAIMED}'", alt.Color("side:N", scale=side_scale(), legend=None),
                           alt.value("white")),
        tooltip=[alt.Tooltip("actor:N", title="Who"), alt.Tooltip("when:N", title="Date"),
                 alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("summary:N", title="Said"),
                 alt.Tooltip("outlets:N", title="Sources")],
    ).properties(name="capability_statements", height=alt.Step(40), width=420,
                 title=title or f"{name}: claimed and assessed")


# --------------------------------------------------------------------------------------------
# Fact check (notebook 04)

VERDICT_ORDER = ["supported", "imprecise", "contested", "unsupported"]
# Okabe–Ito again; none of these is a side's colour, so a verdict is never read as a side.
VERDICT_COLORS = {"supported": "#009E73", "imprecise": "#E69F00", "contested": "#56B4E9", "unsupported": "#CC79A7"}


def verdict_scale() -> alt.Scale:
    """The fixed colour scale for verdicts."""
    return alt.Scale(domain=VERDICT_ORDER, range=[VERDICT_COLORS[v] for v in VERDICT_ORDER])


def verdict_chart(claims: pd.DataFrame, title: str = "The article's claims, by verdict") -> alt.Chart:
    """Bars of claims per verdict (every verdict shown, zero included); hover lists the claim ids.

    `claims` needs `id` and `verdict` columns (`ds.claims` or `factcheck.claims_overview(ds)`).
    Clicking a bar highlights it (selection `pick_verdict`).
    """
    from .factcheck import verdict_counts

    data = verdict_counts(claims)
    pick = alt.selection_point(name="pick_verdict", fields=["verdict"])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("verdict:N", title=None, sort=VERDICT_ORDER),
        color=alt.Color("verdict:N", scale=verdict_scale(), legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.35)),
        tooltip=[alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("claims:Q", title="Claims"),
                 alt.Tooltip("ids:N", title="Which")],
    ).add_params(pick).properties(name="verdict_bars", title=title, height=alt.Step(28))


def contested_figures(contested: pd.DataFrame, topics: list[str] | None = None,
                      title: str = "Contested figures: who said how many") -> alt.VConcatChart:
    """For each numeric disputed fact, one dot per version: the figure (x) against who stated it (y).

    `contested` is `ds.contested`; `topics` defaults to every topic whose versions are figures. Each
    panel is titled with the topic's question and named `contested_<topic>`.
    """
    numeric = contested.groupby("topic", sort=False)["number"].apply(lambda s: s.notna().all())
    topics = topics or [t for t, ok in numeric.items() if ok]
    panels = []
    for topic in topics:
        rows = contested[contested["topic"] == topic].sort_values(["date", "id"])
        data = pd.DataFrame({
            "who": rows["who"].astype(str), "figure": rows["number"],
            "side": side_label(rows["side"]).fillna(UNKNOWN_SIDE).astype(str),
            "said": rows["date"].dt.strftime("%Y-%m-%d"), "version": rows["value"].astype(str),
        })
        base = alt.Chart(data)
        x = alt.X("figure:Q", title=None, scale=alt.Scale(zero=True, domainMax=float(data["figure"].max()) + 1),
                  axis=alt.Axis(tickMinStep=1))
        y = alt.Y("who:N", title=None, sort=list(data["who"]), axis=alt.Axis(labelLimit=480))
        dots = base.mark_circle(size=160, opacity=0.9).encode(
            x=x, y=y, color=alt.Color("side:N", scale=side_scale(unknown=True), title="Side",
                            legend=alt.Legend(columns=3)),
            tooltip=[alt.Tooltip("who:N", title="Who"), alt.Tooltip("said:N", title="Said on"),
                     alt.Tooltip("version:N", title="Version")])
        labels = base.mark_text(dx=12, align="left", fontSize=12).encode(x=x, y=y, text=alt.Text("figure:Q"))
        question = str(rows["question"].iloc[0])
        panels.append(alt.layer(dots, labels).properties(name=f"contested_{topic}", title=question,
                                                         height=alt.Step(26), width=320))
    return alt.vconcat(*panels).properties(title=title).resolve_scale(x="independent")


# --------------------------------------------------------------------------------------------
# The dataset at a glance (notebook 00)

def _small(chart: alt.Chart, name: str, title: str) -> alt.Chart:
    return chart.properties(name=name, title=title, width=260)


def rows_per_table(ds: Dataset, title: str = "Rows per table") -> alt.Chart:
    """Bars: how many rows each table of the data package holds (resource order)."""
    names = [r["name"] for r in tabular_resources(ds.package)]
    data = pd.DataFrame({"table": names, "rows": [len(ds.table(n)) for n in names]})
    chart = alt.Chart(data).mark_bar(color="#555").encode(
        x=alt.X("rows:Q", title="Rows"), y=alt.Y("table:N", title=None, sort=names),
        tooltip=["table:N", "rows:Q"])
    return _small(chart, "rows_per_table", title).properties(height=alt.Step(18))


def coverage_by_month(ds: Dataset, title: str = "Events and statements per month") -> alt.Chart:
    """Stacked bars per month: events and statements; the focus week's month is where they pile up."""
    frames = []
    for label, frame in (("events", ds.events), ("statements", ds.statements)):
        month = frame["date"].dt.to_period("M").dt.start_time
        frames.append(pd.DataFrame({"month": month.dt.strftime("%Y-%m-%d"), "what": label}))
    data = pd.concat(frames).groupby(["month", "what"], as_index=False).size()
    # A time axis keeps the empty months visible: the gaps are part of the picture.
    chart = alt.Chart(data).mark_bar(width=6).encode(
        x=alt.X("yearmonth(month):T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        y=alt.Y("size:Q", title="Rows"),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=["#555", "#aaa"])),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"), alt.Tooltip("what:N", title="What"),
                 alt.Tooltip("size:Q", title="Rows")])
    return _small(chart, "coverage_by_month", title).properties(width=560, height=160)


def statements_per_side(ds: Dataset, title: str = "Statements per side") -> alt.Chart:
    """Bars: statements (one row per statement) per side, in the collection's side colours."""
    data = ds.statements["side"].astype(str).value_counts().reindex(SIDES, fill_value=0)
    data = pd.DataFrame({"side": [SIDE_LABELS[s] for s in data.index], "statements": data.to_numpy()})
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("statements:Q", title="Statements"),
        y=alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES]),
        color=alt.Color("side:N", scale=side_scale(), legend=None), tooltip=["side:N", "statements:Q"])
    return _small(chart, "statements_per_side", title).properties(height=alt.Step(22))


def outlet_name(outlet: pd.Series) -> pd.Series:
    """The publisher without the bracketed wire or language note: 'Geo News (Reuters)' → 'Geo News'."""
    return outlet.astype(str).str.replace(r"\s*\(.*\)\s*$", "", regex=True)


def outlet_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Pages cited per publisher, most first: outlet, pages, kind (the kind most of its pages have).

    Names are grouped without the bracketed note and a leading 'The' ('The Kyiv Independent' and
    'Kyiv Independent' are one outlet); each group shows its most frequent spelling.
    """
    name = outlet_name(sources["outlet"])
    key = name.str.replace(r"^the\s+", "", regex=True, case=False).str.casefold()
    s = pd.DataFrame({"key": key, "name": name, "kind": sources["outlet_kind"].astype(str)})
    rows = []
    for _, g in s.groupby("key", sort=True):
        rows.append({"outlet": g["name"].value_counts().index[0], "pages": len(g),
                     "kind": g["kind"].value_counts().index[0]})
    out = pd.DataFrame(rows)
    return out.sort_values(["pages", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sources_per_outlet(ds: Dataset, top: int = 12, title: str = "Sources per outlet") -> alt.Chart:
    """Bars: the `top` outlets by number of pages cited, coloured by kind; the subtitle counts the rest."""
    counts = outlet_counts(ds.sources)
    head, rest = counts.head(top), counts.iloc[top:]
    subtitle = f"and {len(rest)} other outlets with {int(rest['pages'].sum())} pages" if len(rest) else ""
    chart = alt.Chart(head).mark_bar().encode(
        x=alt.X("pages:Q", title="Pages cited", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("outlet:N", title=None, sort=list(head["outlet"])),
        color=alt.Color("kind:N", title="Kind of outlet"),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("pages:Q", title="Pages"),
                 alt.Tooltip("kind:N", title="Kind")])
    return chart.properties(name="sources_per_outlet", width=260, height=alt.Step(16),
                            title=alt.TitleParams(title, subtitle=subtitle))
