"""Who said what, when, and in answer to what (notebook 01)."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ..data import Dataset
from ..labels import SIDE_LABELS, SIDES, plural
from ..statements import responses, statement_points, statements_per_day
from ..vocabulary import QUOTE_TYPES
from .binning import MAX_CELLS, MAX_LINKS, MAX_POINTS, time_bins
from .theme import (
    MAX_DAY_TICKS,
    NEUTRAL,
    PALETTE,
    WIDTH,
    count_axis,
    day_label,
    describe,
    nothing_to_draw,
    side_label,
    side_scale,
    titled,
    utc_domain,
)

UNIT_DAYS = 16  # up to this many days, each statement is a dot of its own; beyond, a bar counts each period
DOT = 12  # px a dot takes in a day's pile
TOP_SPEAKERS = 12
MAX_TRIGGERS = 20  # rows of the call-and-response chart
ROW = 30  # px a call-and-response row takes: two lines of label
# A day on a discrete axis, as two short lines ("Thu" over "21 Nov"), so a week of labels never collide.
# Both panels one colour scale (one legend). Given when a chart is built, not by `.resolve_scale()`, which
# deep-copies every panel again.
_SHARED_COLOUR = alt.Resolve(scale=alt.ScaleResolveMap(color="shared"))
TWO_LINE_DAY = ("[timeFormat(toDate(datum.value + 'T00:00:00'), '%a'), "
                "timeFormat(toDate(datum.value + 'T00:00:00'), '%-d %b')]")


def _loudest(per_day: pd.DataFrame) -> str:
    top = per_day.sort_values(["statements", "day"], ascending=[False, True]).iloc[0]
    return f"the most on {day_label(pd.Timestamp(top['day']))} ({top['statements']})"


def _side_totals(statements: pd.DataFrame) -> str:
    counts = statements["side"].astype(str).value_counts()
    return ", ".join(f"{SIDE_LABELS[s]} {counts.get(s, 0)}" for s in SIDES if counts.get(s, 0))


def _speaker_bars(base: alt.Chart, count: str, pick_days: alt.Parameter, pick_side: alt.Parameter,
                  what: str, speakers: int) -> alt.Chart:
    """The speakers with the most statements in the picked days and side, most first."""
    ranked = (f"the {TOP_SPEAKERS} speakers with the most statements, and every speaker tied with the last of them"
              if speakers > TOP_SPEAKERS else "every speaker, most statements first")
    # rank(), not row_number(): speakers tied on a count share a rank, so a tie at the cut is kept whole rather
    # than split by the alphabet (Lammy in, Lavrov out, on 3 statements each).
    return base.transform_filter(pick_days).transform_filter(pick_side).transform_aggregate(
        statements=count, groupby=["speaker", "side"],
    ).transform_window(rank="rank()", sort=[alt.SortField("statements", order="descending")]
    ).transform_filter(f"datum.rank <= {TOP_SPEAKERS}").mark_bar().encode(
        x=alt.X("statements:Q", title=f"Statements in the selected {what}", axis=count_axis()),
        y=alt.Y("speaker:N", title=None, sort="-x", axis=alt.Axis(labelLimit=240)),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("statements:Q", title="Statements")],
    ).properties(name="statement_speakers", width=WIDTH - 180, height=alt.Step(16),
                 title=alt.Title(f"Who spoke most in the selected {what}",
                                 subtitle=ranked, fontSize=13))


def statements_by_day(statements: pd.DataFrame, title: str = "Who spoke, day by day") -> alt.VConcatChart:
    """Each statement a dot in its day's pile, coloured by side (shape: direct quote or paraphrase), with the
    day's count on top; below, the speakers with the most statements in the days and side you pick.

    Click a side in the legend to pick it; click a day's pile to pick that day (shift-click for more days,
    double-click to clear). Both run in the browser, so an
    exported notebook stays interactive. Over more than `UNIT_DAYS` days or `MAX_POINTS` statements, bars
    count each side's statements per day (or week, month…) instead, as the subtitle says.
    """
    if statements.empty:
        return nothing_to_draw(title, "statements", alt.vconcat)
    per_day = statements_per_day(statements)
    if len(statements) > MAX_POINTS or len(per_day) > UNIT_DAYS:
        return _statements_by_period(statements, title)
    data = statement_points(statements)
    days = per_day["day"].tolist()
    step = max(DOT * 2, WIDTH // max(1, len(days)))
    per_row = max(1, (step - 4) // DOT)
    data["col"] = data["stack"] % per_row
    data["row"] = data["stack"] // per_row
    rows = max(1, math.ceil(int(per_day["statements"].max()) / per_row))
    pick_side = alt.selection_point(name="pick_side", fields=["side"], bind="legend")
    # Days are picked by clicking (shift-click for more): a point selection draws no brush of its own.
    pick_days = alt.selection_point(name="pick_days", fields=["day"])
    x = alt.X("day:O", title=None, scale=alt.Scale(domain=days),
              axis=alt.Axis(labelAngle=0, labelExpr=TWO_LINE_DAY, labelFontSize=11 if step >= 48 else 10))
    y = alt.Y("row:O", title=None, scale=alt.Scale(domain=list(range(rows + 1))[::-1]), axis=None)
    dots = alt.Chart(data).mark_point(size=DOT * 6, filled=True, strokeWidth=0).encode(
        x=x, xOffset=alt.XOffset("col:O", scale=alt.Scale(domain=list(range(per_row)))), y=y,
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        shape=alt.Shape("type:N", title="Statement", scale=alt.Scale(domain=list(QUOTE_TYPES),
                                                                      range=["circle", "triangle-up"])),
        opacity=alt.condition(pick_side & pick_days, alt.value(1.0), alt.value(0.15)),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("side:N", title="Side"),
                 alt.Tooltip("day:O", title="Date"), alt.Tooltip("outlet:N", title="Outlet"),
                 alt.Tooltip("type:N", title="Quote"), alt.Tooltip("quote:N", title="Text")],
    ).add_params(pick_side, pick_days).properties(name="statement_marks")  # named: no global counter in the spec
    counts = alt.Chart(per_day.assign(row=[min(rows, math.ceil(n / per_row)) for n in per_day["statements"]])
                       ).mark_text(dy=-2, baseline="bottom", fontSize=11, color="#222222").encode(
        x=x, y=y, text=alt.Text("statements:Q"))
    top = alt.layer(dots, counts, name="statement_dots", width=step * len(days),
                    height=(rows + 1) * DOT + 6)
    bars = _speaker_bars(alt.Chart(data), "count()", pick_days, pick_side, "days", statements["speaker"].nunique())
    first, last = (day_label(pd.Timestamp(d)) for d in (days[0], days[-1]))
    when = f"on {first}" if first == last else f"from {first} to {last}"
    each = "The one statement" if len(statements) == 1 else f"Each of {len(statements)} statements"
    desc = describe(
        f"{each} {when} is a dot in its day's pile, coloured by "
        f"the speaker's side; bars below rank the speakers with the most statements",
        f"The most statements came on {_loudest(per_day).split(' on ', 1)[1]}; by side: {_side_totals(statements)}")
    subtitle = "Each dot is one statement; the number above a day counts them."
    return alt.vconcat(top, bars, spacing=18, resolve=_SHARED_COLOUR, description=desc,
                       title=alt.Title(title, subtitle=subtitle))


def _per_period(period: pd.Series, speaker: pd.Series, side: pd.Series, speaker_codes: np.ndarray,
                speaker_names: pd.Index) -> pd.DataFrame:
    """Statements per period, speaker and side, sorted by the three: one row each, `statements` the count.

    Counted on integer codes (the speakers' and the sides' categories) combined into one key: grouping a million
    rows by their texts spent most of a quote explorer's update hashing the same strings again."""
    sides = side if isinstance(side.dtype, pd.CategoricalDtype) else side.astype("category")
    side_codes = sides.cat.codes.to_numpy().astype(np.int64)
    if (speaker_codes < 0).any() or (side_codes < 0).any():  # a missing speaker or side: counted by its text
        data = pd.DataFrame({"day": period.to_numpy(), "speaker": speaker.astype(str).to_numpy(),
                             "side": side_label(side).astype(str).to_numpy()})
        return data.groupby(["day", "speaker", "side"], observed=True).size().rename("statements").reset_index()
    day_codes, days = pd.factorize(period.to_numpy())
    n_speakers, n_sides = len(speaker_names), len(sides.cat.categories)
    keys, counts = np.unique((day_codes.astype(np.int64) * n_speakers + speaker_codes) * n_sides + side_codes,
                             return_counts=True)
    day_of, rest = np.divmod(keys, n_speakers * n_sides)
    speaker_of, side_of = np.divmod(rest, n_sides)
    # Plain arrays, as the text path gives them: the frame infers the same dtypes either way.
    data = pd.DataFrame({
        "day": np.asarray(days)[day_of],
        "speaker": np.asarray(speaker_names, dtype=object)[speaker_of].astype(str).astype(object),
        "side": side_label(pd.Series(sides.cat.categories[side_of])).astype(str).to_numpy(),
        "statements": counts.astype(np.int64)})
    return data.sort_values(["day", "speaker", "side"], kind="stable").reset_index(drop=True)


def _statements_by_period(statements: pd.DataFrame, title: str) -> alt.VConcatChart:
    """`statements_by_day` for many days or rows: bars count each side's statements per period."""
    # Speakers × periods stay under MAX_CELLS, so the chart's data stays small however many rows there are.
    speaker_codes, speaker_names = pd.factorize(statements["speaker"])
    speakers = max(1, len(speaker_names))
    period, grain = time_bins(statements["date"], max(1, MAX_CELLS // speakers))
    data = _per_period(period, statements["speaker"], statements["side"], speaker_codes, speaker_names)
    pick_side = alt.selection_point(name="pick_side", fields=["side"], bind="legend")
    # Days are picked by clicking (shift-click for more): a point selection draws no brush of its own.
    pick_days = alt.selection_point(name="pick_days", fields=["day"])
    when = "Day" if grain == "day" else f"{grain.capitalize()} from"
    base = alt.Chart(data)
    top = base.mark_bar().encode(
        x=alt.X("day:T", title=when, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
        y=alt.Y("sum(statements):Q", title="Statements"),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        opacity=alt.condition(pick_side & pick_days, alt.value(1.0), alt.value(0.15)),
        tooltip=[alt.Tooltip("day:T", title=when, format="%d %b %Y"), alt.Tooltip("side:N", title="Side"),
                 alt.Tooltip("sum(statements):Q", title="Statements")],
    ).add_params(pick_side, pick_days).properties(name="statement_dots", width=WIDTH, height=160)
    what = "days" if grain == "day" else f"{grain}s"
    bars = _speaker_bars(base, "sum(statements)", pick_days, pick_side, what, speakers)
    first, last = statements["date"].min(), statements["date"].max()
    span = (last.normalize() - first.normalize()).days + 1
    # Say which limit was passed: a few statements over a long span are drawn as bars for the span's sake.
    why = ("too many to draw one by one" if len(statements) > MAX_POINTS
           else f"too long a span for a pile a day ({UNIT_DAYS} days at most)")
    note = (f"{plural(len(statements), 'statement')} from {day_label(first)} {first.year} to {day_label(last)} "
            f"{last.year} ({span:,} days), {why}: bars count each side's statements per {grain}.")
    desc = describe(f"Bars count {len(statements):,} statements per {grain}, by side; bars below rank the speakers "
                    "with the most statements", f"By side: {_side_totals(statements)}")
    return alt.vconcat(top, bars, spacing=18, resolve=_SHARED_COLOUR, title=titled(title, note), description=desc)


def call_and_response(ds: Dataset, title: str = "Call and response") -> alt.HConcatChart:
    """One row per event or statement that drew answers, in date order.

    Left, on a calendar: a square on the day it happened, in its side's colour, a line to the last answer, and
    on each day the number of answers given that day — every answer lies on or right of its square. Right: the
    answers split by the answering side, with their total.
    """
    r = responses(ds, max_triggers=MAX_TRIGGERS)
    t = r.triggers
    days = pd.date_range(t["date"].min(), t["last"].max(), freq="D")
    order = t["label"].tolist()
    # Who on one line, what on the next: one line of both was cut short ('Russian Ministry of Defence — statement, …').
    y = alt.Y("label:N", title=None, sort=order,
              axis=alt.Axis(labelLimit=270, labelFontSize=11, labelExpr="split(datum.label, ' — ')"))
    # A calendar in UTC: what happened sits at the start of its day, that day's answers in its middle.
    # One tick a day, labelled with its number, over a few weeks; over a longer span Vega picks the ticks (a tick
    # per day would not fit, and would make the spec grow with the span).
    daily = len(days) <= MAX_DAY_TICKS
    noon = utc_domain(*(d + pd.Timedelta(hours=12) for d in days)) if daily else alt.Undefined
    x = alt.X("day:T", scale=alt.Scale(type="utc", domain=utc_domain(days[0] - pd.Timedelta(hours=8),
                                                                     days[-1] + pd.Timedelta(days=1))),
              axis=alt.Axis(values=noon, format="%-d" if daily else alt.Undefined, labelAngle=0, grid=False,
                            title=f"Day of {days[0]:%B %Y}" if days[0].month == days[-1].month else "Day"))
    tri = pd.DataFrame({"label": t["label"], "day": t["date"].dt.strftime("%Y-%m-%d"),
                        "last": t["last"].dt.strftime("%Y-%m-%dT12:00:00Z"), "side": side_label(t["side"]).astype(str),
                        "answers": t["answers"], "who": t["actor"].astype(str), "what": t["what"].astype(str),
                        "on": t["date"].dt.strftime("%d %b %Y")})
    per_day = r.per_day.assign(day=r.per_day["day"].dt.strftime("%Y-%m-%dT12:00:00Z"),
                               on=r.per_day["day"].dt.strftime("%d %b %Y"))
    span = alt.Chart(tri).mark_rule(color=NEUTRAL, strokeWidth=1.5).encode(x=x, x2="last:T", y=y)
    squares = alt.Chart(tri).mark_square(size=80, opacity=1).encode(
        x=x, y=y, color=alt.Color("side:N", scale=side_scale(), title="Side"),
        tooltip=[alt.Tooltip("who:N", title="Who"), alt.Tooltip("what:N", title="What"),
                 alt.Tooltip("on:N", title="On"), alt.Tooltip("answers:Q", title="Answers")])
    circles = alt.Chart(per_day).mark_circle(size=250, color="white", stroke=PALETTE["ink"], strokeWidth=1,
                                             opacity=1).encode(x=x, y=y)
    numbers = alt.Chart(per_day).mark_text(fontSize=10, color="#000000").encode(
        x=x, y=y, text=alt.Text("answers:Q"),
        tooltip=[alt.Tooltip("label:N", title="Answering"), alt.Tooltip("on:N", title="On"),
                 alt.Tooltip("answers:Q", title="Answers that day")])
    timeline = alt.layer(span, circles, numbers, squares, name="response_days",
                         width=26 * len(days) if daily else WIDTH, height=alt.Step(ROW),
                         title=alt.Title("When the answers came", subtitle="■ what happened · ○ answers that day",
                                         fontSize=13))
    per_side = r.per_side.assign(side=side_label(r.per_side["side"]).astype(str))
    side_rank = {SIDE_LABELS[s]: i for i, s in enumerate(SIDES)}
    per_side["order"] = per_side["side"].map(side_rank)
    bars = alt.Chart(per_side).mark_bar(height=14).encode(
        x=alt.X("sum(answers):Q", title="Answers, by the answering side", axis=count_axis()),
        y=alt.Y("label:N", title=None, sort=order, axis=None),
        color=alt.Color("side:N", scale=side_scale(), title="Side"),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("label:N", title="Answering"), alt.Tooltip("side:N", title="Answering side"),
                 alt.Tooltip("answers:Q", title="Answers")])
    totals = alt.Chart(tri).mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        x=alt.X("answers:Q"), y=alt.Y("label:N", sort=order, axis=None), text=alt.Text("answers:Q"))
    split = alt.layer(bars, totals, name="response_sides", width=150, height=alt.Step(ROW),
                      title=alt.Title("Who answered", subtitle="answers per side; the total at the end", fontSize=13))
    most = t[t["answers"] == t["answers"].max()].sort_values("date")["label"].tolist()
    top = (f": {most[0]} ({t['answers'].max()} answers)" if len(most) == 1  # labels hold commas: ';' between
           else f", with {t['answers'].max()} answers each: {'; '.join(most)}")
    same = r.per_side.merge(t[["label", "side"]].rename(columns={"side": "own"}), on="label")
    own = int(same.loc[same["side"] == same["own"], "answers"].sum())
    late = int((t["last"] < t["date"]).sum())
    desc = describe(
        f"{r.shown_links} answers to {len(t)} events and statements from {day_label(days[0])} to "
        f"{day_label(days[-1])}: for each, the day it happened, the days its answers came, and the answering sides",
        f"Most answered{top}. {r.shown_links - own} of {r.shown_links} answers "
        f"came from another side than the one that acted. "
        + ("Every answer came on or after the day of what it answers" if not late else
           f"{late} rows have an answer dated before what it answers"))
    if r.shown_links < r.links:
        title = titled(title, f"The {len(t)} events and statements with the most answers: {r.shown_links:,} of "
                              f"{r.links:,} answers; too many to draw all.")
    return alt.hconcat(timeline, split, spacing=8, resolve=_SHARED_COLOUR, title=title, description=desc)


__all__ = ["MAX_LINKS", "MAX_TRIGGERS", "call_and_response", "statements_by_day"]
