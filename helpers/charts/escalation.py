"""Measuring escalation: the daily Goldstein index and the tone of statements (notebook 03)."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ..escalation import MEASURES, box_stats, daily_measures, scatter_cells, speaker_means
from ..labels import SIDE_LABELS, SIDES, plural, short, side_label
from .binning import MAX_LABELS, MAX_POINTS, coarsen_index, grain_for, period_start
from .theme import (
    PALETTE,
    WIDTH,
    day_axis,
    day_label,
    describe,
    nothing_to_draw,
    side_scale,
    text_width,
    titled,
    utc_days,
)

INDEX_TITLE = "Daily escalation index (Goldstein, −10 conflict … +10 cooperation)"
DAILY, ROLLING, LOWEST = "Daily mean", "Rolling mean, weighted by events", "Most conflictual event of the day"
# The measures, as lines: colour and dash both tell them apart.
MEASURE_COLOURS = {MEASURES["goldstein"]: "ink", MEASURES["vader10"]: "wine", MEASURES["vader_domain10"]: "sky"}
MEASURE_DASHES = {MEASURES["goldstein"]: [1, 0], MEASURES["vader10"]: [6, 3], MEASURES["vader_domain10"]: [2, 2]}


LISTED_DAYS = 14  # a fortnight's daily means are read out one by one in the alt text; a longer span by its lowest
MEAN_OF = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}


def _dated(day: pd.Timestamp, among: pd.Series) -> str:
    """'21 Nov' among dates of one year; '21 Nov 2024' among dates of several."""
    return day_label(day) if among.dt.year.nunique() <= 1 else f"{day_label(day)} {day.year}"


def _period(start: pd.Timestamp, grain: str) -> str:
    """'on 21 Nov', 'in the week from 18 Nov 2024', 'in November 2024', 'in Q4 2024', 'in 2024'."""
    return {"day": f"on {day_label(start)}", "week": f"in the week from {day_label(start)} {start.year}",
            "month": f"in {start:%B %Y}", "quarter": f"in Q{start.quarter} {start.year}",
            "year": f"in {start.year}"}[grain]


def _day_axis(grain: str, title: str | None = None) -> alt.Axis:
    if grain == "day":
        return day_axis(title)
    return alt.Axis(title=title, labelAngle=0, format="%b %Y", grid=False)


def index_axis(values: pd.Series) -> tuple[int, int]:
    """The stretch of the −10 … +10 scale the means need: one whole number past their lowest and their highest,
    zero always in. A week's means that all lie between −3 and 0 would fill a tenth of the full scale, where no day
    can be told from the next."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return -10, 10
    return max(-10, min(-1, math.floor(v.min()) - 1)), min(10, max(1, math.ceil(v.max()) + 1))


def _minus(value: float, decimals: int = 0) -> str:
    """A number as the axis and subtitle print it: with a real minus sign (−3, not -3)."""
    return f"{value:.{decimals}f}".replace("-", "−")


def index_scale(low: int, high: int) -> tuple[alt.Scale, list[int]]:
    """The y scale over `low` … `high` of the −10 … +10 scale and its ticks: whole points, every second or every
    fifth as the stretch grows, so the labels never crowd."""
    step = 1 if high - low <= 8 else 2 if high - low <= 16 else 5
    return alt.Scale(domain=[low, high], nice=False), [v for v in range(-10, 11) if low <= v <= high and v % step == 0]


def escalation_index(index: pd.DataFrame, annotations: pd.DataFrame | None = None,
                     title: str = INDEX_TITLE) -> alt.VConcatChart:
    """The daily index: mean (bold line), count-weighted rolling mean (thin dashed line), the day's most
    conflictual event (▼, with its score), with a legend; key events are numbered on the plot and listed, dated,
    below it. The axis is zoomed to the means (`index_axis`); a ▼ below it sits on the bottom edge, and the
    subtitle says so.

    Over more than `MAX_PERIODS` days, each point is a week (or month…): event-weighted means and the
    period's minimum; at most `MAX_LABELS` key events are listed. The subtitle says so.
    """
    if index.empty:
        return nothing_to_draw(title, "days with events", alt.vconcat)
    notes = []
    days = index["date"]  # the span in days, before they become weeks or months
    index, grain = coarsen_index(index)
    if grain != "day":
        notes.append(f"One point per {grain} (event-weighted means, the {grain}'s minimum): too many days to "
                     "show each.")
    if annotations is not None and len(annotations) > MAX_LABELS:
        notes.append(f"The first {MAX_LABELS} of {len(annotations)} key events are listed.")
        annotations = annotations.head(MAX_LABELS)
    day = index["date"].dt.strftime("%Y-%m-%d")
    base_rows = pd.DataFrame({"day": day, "events": index["count"], "mean": index["mean"],
                              "rolling": index["rolling_mean"], "min": index["min"]})
    # Over weeks or months a point is the period's mean and minimum, and the legend says so.
    mean_of, lowest = (DAILY, LOWEST) if grain == "day" else (f"Mean of the {grain}", f"Most conflictual event of "
                                                                                      f"the {grain}")
    # The daily mean in ink, as in the three-measures chart; the rolling mean a thin dashed blue under it, and
    # not drawn (nor in the legend) where it is the daily mean itself (a one-day window): it would hide under it.
    rolls = not np.allclose(base_rows["rolling"].to_numpy(float), base_rows["mean"].to_numpy(float), equal_nan=True)
    series = [ROLLING, mean_of, lowest] if rolls else [mean_of, lowest]
    colours = [PALETTE["sky"], PALETTE["ink"], PALETTE["wine"]][-len(series):]
    colour = alt.Color("series:N", title="Goldstein value", scale=alt.Scale(domain=series, range=colours))
    x = alt.X("day:T", scale=utc_days(index["date"].min(), index["date"].max()), axis=_day_axis(grain))
    low, high = index_axis(pd.concat([base_rows["mean"], base_rows["rolling"]]))
    scale, ticks = index_scale(low, high)
    y = alt.Y("value:Q", title="Goldstein value", scale=scale, axis=alt.Axis(values=ticks))
    # A day's most conflictual event below the axis is drawn on its bottom edge, its score written beside it.
    base_rows["min_at"] = base_rows["min"].clip(lower=low)
    if (low, high) != (-10, 10):
        notes += [f"The axis shows {low:+d} … {high:+d} of the −10 … +10 scale, to tell the {grain}s apart."
                  .replace("-", "−"),
                  f"▼ the {grain}'s most conflictual event, with its score: on the bottom edge when it lies lower."]
    tip = [alt.Tooltip("day:T", title="Day" if grain == "day" else f"{grain.capitalize()} from", format="%d %b %Y"),
           alt.Tooltip("events:Q", title="Events"), alt.Tooltip("mean:Q", format=".1f", title="Mean"),
           alt.Tooltip("rolling:Q", format=".1f", title="Rolling mean"),
           alt.Tooltip("min:Q", format=".1f", title="Most conflictual")]
    base = alt.Chart(base_rows)
    layers = [
        alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#888888", strokeDash=[4, 4]).encode(y="value:Q"),
        # The thin rolling mean under the bold daily one: the day's own mean is what the questions ask about.
        *([base.transform_calculate(value="datum.rolling", series=f"'{ROLLING}'").mark_line(
            strokeWidth=1.5, strokeDash=[5, 3]).encode(x=x, y=y, color=colour, tooltip=tip)] if rolls else []),
        base.transform_calculate(value="datum.mean", series=f"'{mean_of}'").mark_line(
            strokeWidth=3, point=alt.OverlayMarkDef(size=45, filled=True)).encode(x=x, y=y, color=colour,
                                                                                  tooltip=tip),
        base.transform_calculate(value="datum.min_at", series=f"'{lowest}'").mark_point(
            shape="triangle-down", filled=True, size=70, opacity=1).encode(x=x, y=y, color=colour, tooltip=tip),
        base.transform_filter("isValid(datum.min)").transform_calculate(
            value="datum.min_at", score="replace(format(datum.min, '.0f'), '-', '−')").mark_text(
            align="left", dx=7, baseline="middle", fontSize=10, color=PALETTE["wine"]).encode(
            x=x, y=y, text="score:N", tooltip=tip),
    ]
    listed = None
    if annotations is not None and len(annotations):
        ann = annotations.reset_index(drop=True).assign(n=lambda a: (a.index + 1).astype(str))
        when = pd.to_datetime(ann["day"])
        # Each key event is listed on its own date; on the plot, the events of one week (month…) share one
        # marker at the period's start, numbered "3–5", so no number hides another.
        ann["line"] = ann["n"] + ".  " + [_dated(d, days) for d in when] + ": " + ann["label"].astype(str)
        ann["at"] = (when if grain == "day" else period_start(when, grain)).dt.strftime("%Y-%m-%d")
        markers = ann.groupby("at", sort=True).agg(first=("n", "first"), last=("n", "last"),
                                                   line=("line", " · ".join)).reset_index()
        markers["n"] = markers["first"].where(markers["first"] == markers["last"],
                                              markers["first"] + "–" + markers["last"])
        marks = alt.Chart(markers[["at", "n", "line"]].rename(columns={"at": "day"}))
        layers.append(marks.mark_rule(color="#666666", strokeDash=[2, 3]).encode(x=alt.X("day:T")))
        layers.append(marks.mark_text(baseline="top", dy=2, fontSize=11, fontWeight="bold", color="#000000").encode(
            x=alt.X("day:T"), y=alt.value(2), text="n:N", tooltip=[alt.Tooltip("line:N", title="Key event")]))
        ann = ann.drop(columns="at")
        # Two columns when every line fits half the width; one otherwise, so no label is cut short.
        column = WIDTH // 2 + 20
        two = len(ann) > 1 and max(text_width(line, 11) for line in ann["line"]) <= column - 10
        half = (len(ann) + 1) // 2 if two else len(ann)
        ann["col"] = [0 if i < half else 1 for i in range(len(ann))]
        ann["row"] = [i if i < half else i - half for i in range(len(ann))]
        listed = alt.Chart(ann).mark_text(align="left", baseline="middle", fontSize=11, color="#222222",
                                          limit=column if two else WIDTH + 60).encode(
            x=alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0, align=0)),
            y=alt.Y("row:O", axis=None), text="line:N",
        ).properties(name="key_events", width=WIDTH + 60, height=alt.Step(16),
                     title=alt.Title("Key events (numbered on the chart)", fontSize=12))
    # Properties passed when built, not by `.properties()`: each composition deep-copies every layer again.
    plot = alt.layer(*layers, name="index_plot", width=WIDTH, height=230)
    rows = base_rows.dropna(subset=["mean"])
    worst = rows.sort_values(["mean", "day"]).iloc[0] if len(rows) else None
    span = f"{_dated(days.min(), days)} to {_dated(days.max(), days)}"
    if worst is None:
        point = "No day has an event"
    elif grain == "day" and len(rows) <= LISTED_DAYS:
        # The band the line keeps to, as the eye reads it on a −10 … +10 axis, and each day's events; not each
        # day's mean to a decimal, nor which is lowest: notebook 03 asks that.
        low, high = math.floor(rows["mean"].min()), math.ceil(rows["mean"].max())
        band = f"lies between {_minus(low)} and {_minus(high)}" if low != high else f"is {_minus(low)}"
        point = (f"Every daily mean {band}; events per day: "
                 + ", ".join(f"{_dated(pd.Timestamp(r.day), days)} {int(r.events)}" for r in rows.itertuples())
                 + f"; the lowest single event scores {_minus(rows['min'].min())}")
    else:
        point = (f"The lowest {MEAN_OF[grain]} mean is {_minus(worst['mean'], 1)} "
                 f"{_period(pd.Timestamp(worst['day']), grain)} ({plural(int(worst['events']), 'event')}); "
                 f"the lowest single event scores {_minus(rows['min'].min())}")
    desc = describe(f"{MEAN_OF[grain].capitalize()} mean Goldstein value of {int(index['count'].sum())} events, "
                    f"{span}, with a rolling mean and each {grain}'s most conflictual event, on a scale from −10 "
                    "(conflict) to +10 (cooperation)", point)
    if title == INDEX_TITLE and grain != "day":  # the default title names the grain the points have
        title = title.replace("Daily", MEAN_OF[grain].capitalize(), 1)
    top = titled(title, notes) if notes else title
    return alt.vconcat(*([plot, listed] if listed is not None else [plot]), spacing=10, title=top, description=desc)


def measures_by_day(scored: pd.DataFrame, events: pd.DataFrame,
                    title: str = "Three measures on one axis") -> alt.Chart:
    """Daily means of Goldstein (events), plain and domain VADER ×10 (quotes), one line each, every calendar
    day on the axis; the subtitle names the days a measure has no value (its line bridges them).

    Over more than `MAX_PERIODS` days, the means are per week (or month…), as the subtitle says.
    """
    if scored.empty and events.empty:
        return nothing_to_draw(title, "statements and no events")
    grain = grain_for(scored["date"], events["date"])
    if grain == "day":
        long = daily_measures(scored, events)
    else:
        long = daily_measures(scored, events, period_start(scored["date"], grain), period_start(events["date"], grain))
    first, last = long["day"].min(), long["day"].max()
    notes = [] if grain == "day" else [f"Means per {grain}: the data span too many days to show each."]
    # Every period from the first to the last, as on the axis; a measure without a row in one is bridged.
    calendar = pd.Series(pd.date_range(first, last, freq="D"))
    calendar = list(calendar if grain == "day" else period_start(calendar, grain).drop_duplicates())
    said = set(long[long["measure"] != MEASURES["goldstein"]]["day"])
    done = set(long[long["measure"] == MEASURES["goldstein"]]["day"])
    gaps = [(what, [p for p in calendar if p not in have]) for what, have in (("statements", said), ("events", done))]
    gaps = [f"no {what} {_some_periods(missing, grain, len(calendar))}" for what, missing in gaps if missing]
    if gaps:
        text = "; ".join(gaps) + f": the lines bridge those {grain}s."
        notes.append(text[0].upper() + text[1:])
    # The axis zoomed to the means, as in the daily index, so a day's measures can be told apart.
    low, high = index_axis(long["value"])
    scale, ticks = index_scale(low, high)
    if (low, high) != (-10, 10):
        notes.append(f"The axis shows {low:+d} … {high:+d} of the −10 … +10 scale.".replace("-", "−"))
    domain = list(MEASURE_COLOURS)
    pick = alt.selection_point(name="pick_measure", fields=["measure"], bind="legend")
    data = long.assign(day=long["day"].dt.strftime("%Y-%m-%d"))
    # Lines are drawn in the order their rows come: Goldstein first, so where two measures meet (Fri, Sat) the
    # word-list lines are drawn over it, not hidden under it.
    data = data.iloc[data["measure"].map({m: i for i, m in enumerate(domain)}).argsort(kind="stable")]
    chart = alt.Chart(data).mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=40, filled=True)).encode(
        x=alt.X("day:T", scale=utc_days(first, last), axis=_day_axis(grain)),
        y=alt.Y("value:Q", title="Score (−10 … +10)", scale=scale, axis=alt.Axis(values=ticks)),
        color=alt.Color("measure:N", title="Measure", scale=alt.Scale(
            domain=domain, range=[PALETTE[MEASURE_COLOURS[m]] for m in domain])),
        strokeDash=alt.StrokeDash("measure:N", title="Measure", scale=alt.Scale(
            domain=domain, range=[MEASURE_DASHES[m] for m in domain])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("day:T", title="Day", format="%d %b %Y"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("value:Q", format=".1f", title="Mean")],
    ).add_params(pick)
    means = data.groupby("measure")["value"].mean()
    # The span is the rows' own first and last day, not their periods' first days.
    dates = pd.concat([scored["date"], events["date"]]).dropna()
    since, until = (_dated(d, dates) for d in (dates.min(), dates.max()))
    desc = describe(
        f"Three {MEAN_OF[grain]} means from {since} to {until} on one axis of the −10 to +10 scale"
        + (f", shown from {low} to {high}".replace("-", "−") if (low, high) != (-10, 10) else "")
        + ": the Goldstein value of events and the plain and domain VADER score ×10 of statements",
        f"Average over the {grain}s: " + ", ".join(f"{m} {means[m]:+.1f}" for m in domain if m in means))
    subtitle = notes[0] if len(notes) == 1 else notes  # one note stays one string: the week's chart is unchanged
    return chart.properties(title=titled(title, subtitle) if notes else title, width=WIDTH, height=240,
                            description=desc)


LIST_DAYS = 5  # gap periods a subtitle names one by one; more are counted
GAP_NAMES = {"day": ("on ", day_label), "week": ("in the weeks from ", lambda p: f"{day_label(p)} {p.year}"),
             "month": ("in ", lambda p: f"{p:%B %Y}"), "quarter": ("in ", lambda p: f"Q{p.quarter} {p.year}"),
             "year": ("in ", lambda p: str(p.year))}


def _some_periods(periods: list[pd.Timestamp], grain: str, span: int) -> str:
    """'on 18 Nov, 20 Nov' or 'in March 2023, May 2023' for a few periods; 'on 40 of the 120 days' or 'in 12 of the
    30 months' for more (a subtitle line stays short)."""
    if len(periods) > LIST_DAYS:
        return f"{'on' if grain == 'day' else 'in'} {len(periods)} of the {span} {grain}s"
    prefix, name = GAP_NAMES[grain]
    if grain == "week" and len(periods) == 1:
        prefix = "in the week from "
    return prefix + ", ".join(name(p) for p in periods)


def _diagonal() -> alt.Chart:
    line = pd.DataFrame({"goldstein": [-10, 10], "score": [-10, 10]})
    return alt.Chart(line).mark_line(color="#888888", strokeDash=[4, 4], strokeWidth=1).encode(
        x="goldstein:Q", y="score:Q")


def sentiment_vs_goldstein(scored: pd.DataFrame, measure: str = "vader10",
                           title: str = "Does a statement's tone match the event it reacts to?") -> alt.LayerChart:
    """Scatter: each statement's VADER score (×10) against the Goldstein value of its event; the dashed diagonal
    is where tone would follow the event."""
    d = scored.dropna(subset=["goldstein"])
    if d.empty:
        return nothing_to_draw(title, "statements about an event with a Goldstein value", alt.layer)
    if len(d) > MAX_POINTS:
        return _binned_scatter(d, measure, title)
    data = pd.DataFrame({"goldstein": d["goldstein"], "score": d[measure], "speaker": d["speaker"].astype(str),
                         "side": side_label(d["side"]).astype(str), "quote": short(d["text"].astype(str))})
    data["placed"] = side_by_side(data["goldstein"], data["score"])
    x = alt.X("placed:Q", title="Goldstein value of the event (−10 conflict … +10 cooperation)",
              scale=alt.Scale(domain=[-10, 10]))
    y = alt.Y("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10]))
    dots = alt.Chart(data).mark_circle(size=60, opacity=0.8, stroke="white", strokeWidth=0.8).encode(
        x=x, y=y, color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("side:N", title="Side"),
                 alt.Tooltip("goldstein:Q", title="Goldstein"),
                 alt.Tooltip("score:Q", format=".1f", title="Score"), alt.Tooltip("quote:N", title="Text")])
    far = int(((data["score"] - data["goldstein"]).abs() > 5).sum())
    desc = describe(f"{len(data)} statements placed by the Goldstein value of their event and their "
                    f"{MEASURES[measure]} score, coloured by side",
                    f"{far} of {len(data)} lie more than 5 points from the diagonal where tone would follow events")
    note = "Dashed: where tone would follow the event. Dots that would hide each other are set a little apart."
    return alt.layer(_diagonal(), dots, title=titled(title, note), width=WIDTH, height=300,
                     description=desc)


# A dot is about 9 px across: 0.3 Goldstein points across the 560 px plot, 0.6 score points up its 300 px. Dots
# half a dot apart, outlined in white, both show, and a dot moves less far than a whole dot's width would take.
STEP_X, GAP_Y = 0.15, 0.3


def side_by_side(x: pd.Series, y: pd.Series, lo: float = -10, hi: float = 10) -> np.ndarray:
    """x positions for a scatter whose dots share x values: each dot keeps its x unless it would hide a dot
    already placed (less than `STEP_X` across and `GAP_Y` up); then it moves `STEP_X` to the right, the left,
    twice that, … (never past `lo` or `hi`). Dots are placed by x, then y, so the rows' order does not matter."""
    xs, ys = x.to_numpy(dtype=float), y.to_numpy(dtype=float)
    out = xs.copy()
    px, py = np.empty(len(xs)), np.empty(len(xs))  # the dots placed so far
    slots = [0, *(k for n in range(1, len(xs) + 1) for k in (n, -n))]
    for n, i in enumerate(np.lexsort((ys, xs))):
        near = np.abs(py[:n] - ys[i]) < GAP_Y
        for k in slots:
            at = round(xs[i] + k * STEP_X, 2)
            if lo <= at <= hi and not (np.abs(px[:n][near] - at) < STEP_X - 1e-9).any():
                break
        out[i] = px[n] = at
        py[n] = ys[i]
    return out


def _binned_scatter(d: pd.DataFrame, measure: str, title: str) -> alt.LayerChart:
    """`sentiment_vs_goldstein` for many statements: counts per side in cells one point wide on each axis."""
    data = scatter_cells(d, measure)
    note = (f"{len(d):,} statements, too many to draw one by one: each circle counts one side's statements "
            "in a cell one point wide on each axis.")
    dots = alt.Chart(data).mark_circle(opacity=0.6).encode(
        x=alt.X("goldstein:Q", title="Goldstein value of the event", scale=alt.Scale(domain=[-10, 10])),
        y=alt.Y("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10])),
        size=alt.Size("statements:Q", title="Statements"),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=[alt.Tooltip("side:N", title="Side"), alt.Tooltip("goldstein:Q", title="Goldstein (rounded)"),
                 alt.Tooltip("score:Q", title="Score (rounded)"), alt.Tooltip("statements:Q", title="Statements")])
    desc = describe(f"{len(d):,} statements counted per side in cells of Goldstein value and "
                    f"{MEASURES[measure]} score", f"{len(data):,} cells hold statements")
    return alt.layer(_diagonal(), dots, title=titled(title, note), width=WIDTH, height=300,
                     description=desc)


def _sides_point(stats: pd.DataFrame) -> str:
    order = [SIDE_LABELS[s] for s in SIDES]
    rows = stats.set_index("side").reindex([s for s in order if s in set(stats["side"])])
    return "Median by side: " + ", ".join(f"{s} {r['median']:+.1f}" for s, r in rows.iterrows())


BOX_PX, ROW_PX = 22, 34  # a box's height and its row's: the speakers' circles fit above and below the median
# The median is the box plot's point, so it is drawn boldest; speakers' means are hollow circles, another shape.
MEDIAN = {"color": PALETTE["ink"], "thickness": 3, "size": BOX_PX, "opacity": 1}
KEY = "Box: the middle half of the statements; bold line: median; whiskers: minimum to maximum; ○ a speaker's mean."


def _speaker_means(per_speaker: pd.DataFrame, x: alt.X, y: alt.Y) -> alt.Chart:
    return alt.Chart(per_speaker).mark_point(shape="circle", filled=False, color=PALETTE["ink"], size=30,
                                             strokeWidth=1, opacity=0.8).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("score:Q", format=".1f", title="Mean score")])


def _box_stats_by_side(scored: pd.DataFrame, measure: str, title: str) -> alt.LayerChart:
    """`sentiment_by_side` from statistics computed in pandas: whiskers min–max, box quartiles, median tick."""
    stats, per_speaker = box_stats(scored, measure)
    y = alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES])
    x = alt.X("low:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10]))
    color = alt.Color("side:N", scale=side_scale(), legend=None)
    base = alt.Chart(stats)
    whiskers = base.mark_rule(opacity=0.5).encode(x=x, x2="high:Q", y=y, color=color)
    boxes = base.mark_bar(opacity=0.5, size=BOX_PX).encode(
        x="q1:Q", x2="q3:Q", y=y, color=color,
        tooltip=[alt.Tooltip("side:N", title="Side"), alt.Tooltip("low:Q", format=".1f", title="Minimum"),
                 alt.Tooltip("q1:Q", format=".1f", title="First quartile"),
                 alt.Tooltip("median:Q", format=".1f", title="Median"),
                 alt.Tooltip("q3:Q", format=".1f", title="Third quartile"),
                 alt.Tooltip("high:Q", format=".1f", title="Maximum")])
    medians = base.mark_tick(**MEDIAN).encode(x="median:Q", y=y)
    means = _speaker_means(per_speaker, alt.X("score:Q"), y)
    note = [f"Box statistics of {len(scored):,} statements, computed before drawing.", KEY]
    desc = describe(f"Box plots of the {MEASURES[measure]} score of {len(scored):,} statements per side",
                    _sides_point(stats))
    return alt.layer(whiskers, boxes, medians, means, title=titled(title, note), width=WIDTH,
                     height=alt.Step(ROW_PX), description=desc)


def sentiment_by_side(scored: pd.DataFrame, measure: str = "vader_domain10",
                      title: str = "Tone of statements, by side and speaker") -> alt.LayerChart:
    """Box plot per side of a quote measure, with each speaker's mean as a tick.

    Above `MAX_POINTS` statements the box statistics are computed in pandas (the same min–max whiskers).
    """
    if scored.empty:
        return nothing_to_draw(title, "statements", alt.layer)
    if len(scored) > MAX_POINTS:
        return _box_stats_by_side(scored, measure, title)
    data = pd.DataFrame({"side": side_label(scored["side"]).astype(str), "score": scored[measure]})
    per_speaker = speaker_means(scored, measure)
    y = alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES])
    x = alt.X("score:Q", title=MEASURES[measure], scale=alt.Scale(domain=[-10, 10]))
    boxes = alt.Chart(data).mark_boxplot(opacity=0.5, extent="min-max", size=BOX_PX, median=MEDIAN).encode(
        x=x, y=y, color=alt.Color("side:N", scale=side_scale(), legend=None))
    means = _speaker_means(per_speaker, x, y)
    stats = data.groupby("side")["score"].median().rename("median").reset_index()
    desc = describe(f"Box plots of the {MEASURES[measure]} score of {len(data)} statements per side; a circle is "
                    "one speaker's mean", _sides_point(stats))
    return alt.layer(boxes, means, title=titled(title, KEY), width=WIDTH, height=alt.Step(ROW_PX),
                     description=desc)


__all__ = ["INDEX_TITLE", "escalation_index", "measures_by_day", "sentiment_by_side", "sentiment_vs_goldstein"]
