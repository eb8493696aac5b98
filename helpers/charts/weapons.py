"""Weapon systems over time, their reach, and what was claimed and assessed about them (notebook 02)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from ..data import Dataset
from ..factcheck import figures_by_event
from ..labels import short, side_label
from ..weapons import (
    ASSESSED,
    CLAIMED,
    MILESTONE_LABELS,
    capability_statements,
    milestone_table,
    no_range,
    ranges,
    resolve_weapon,
    signals,
    spans,
    system_order,
)
from .binning import MAX_POINTS, _counted
from .theme import (
    MAX_DAY_TICKS,
    NEUTRAL,
    PALETTE,
    WIDTH,
    day_axis,
    day_label,
    describe,
    nothing_to_draw,
    palette_scale,
    side_scale,
    titled,
    utc_days,
    utc_domain,
)

# A milestone's colour is its stage (decided, delivered, used, used inside Russia, produced) and its shape is its
# own, so no two milestones look alike and none takes a side's colour.
MILESTONE_STYLE = {
    "requested": ("indigo", "circle"),
    "announced": ("indigo", "square"),
    "authorised": ("indigo", "diamond"),
    "restriction eased": ("indigo", "triangle-down"),
    "delivered": ("sky", "triangle-up"),
    "first used": ("sand", "triangle-right"),
    "first used inside Russia": ("wine", "M0,-1L0.29,-0.4L0.95,-0.31L0.47,0.15L0.59,0.81L0,0.5L-0.59,0.81L-0.47,0.15"
                                         "L-0.95,-0.31L-0.29,-0.4Z"),  # a star
    "production ordered": ("ink", "cross"),
}
MILESTONE_COLORS = [PALETTE[colour] for colour, _ in MILESTONE_STYLE.values()]
MILESTONE_SHAPES = [shape for _, shape in MILESTONE_STYLE.values()]
def _own_legends(**scales: str) -> alt.Resolve:
    """Each panel its own colour and shape legend. Given when a chart is built, not by `.resolve_scale()`, which
    deep-copies every panel again (a redraw of an explorer pays for each copy)."""
    return alt.Resolve(scale=alt.ScaleResolveMap(color="independent", shape="independent", **scales))


PRECISION_NOTE = "A bar through a mark spans the week or month to which its source dates it."
# Dates are ISO strings read as UTC, so no viewer's time zone moves an event to the day before.
UTC = alt.Scale(type="utc")


def _iso(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d")


def milestone_points(ds: Dataset) -> pd.DataFrame:
    """What the timeline draws per milestone: weapon, date, label, precision, note, highlighted or not."""
    m = milestone_table(ds)
    return pd.DataFrame({
        "id": m["id"].astype(str),
        "weapon_id": m["weapon_id"].astype(str),
        "weapon": m["weapon"].astype(str),
        "date": _iso(m["date"]),
        "when": m["date"].dt.strftime("%d %b %Y"),
        "milestone": m["label"].astype(str),
        "precision": m["precision"].astype(str),
        "date_to": _iso(m["date_to"]),
        "note": short(m["note"].fillna("").astype(str)),
        "focus": True,
    })


def signal_points(ds: Dataset) -> pd.DataFrame:
    """What the timeline's lower strip draws: Russian warnings and Western decisions with their sources."""
    s = signals(ds)
    return pd.DataFrame({
        "id": s["id"].astype(str),
        "date": _iso(s["date"]),
        "when": s["date"].dt.strftime("%d %b %Y"),
        "signal": s["signal"].astype(str),
        "side": side_label(s["side"]).astype(str),
        "actor": s["actor"].astype(str),
        "weapon": s["weapon"].fillna("—").astype(str),
        "summary": short(s["summary"].astype(str)),
        "outlets": short(s["outlets"].astype(str), 80),
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
    return TimelineTables(milestone_points(ds), signal_points(ds), spans(ds), system_order(ds))


def _iso_within(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """Rows whose ISO `date` string lies in [start, end] (ISO strings sort as dates do)."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["date"] >= start
    if end is not None:
        keep &= frame["date"] <= end
    return frame[keep]


NUDGE_NEAR, NUDGE_PX = 10.0, 10.0  # marks of one system closer than this (px) step this far up and down


def nudges(points: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp, width: float,
           padding: float = 0.0, near: float = NUDGE_NEAR, step: float = NUDGE_PX) -> pd.Series:
    """A vertical offset (px) per milestone, so marks of one system that the time axis puts on one spot stand
    apart: in each run of marks closer than `near` px (from `first` to `last` over `width` px, `padding` px in
    at each end), the first stays on the line, the next goes `step` px up, the next `step` down, and so on."""
    out = pd.Series(0.0, index=points.index)
    span = (last - first).total_seconds() or 1.0
    px = padding + (pd.to_datetime(points["date"]) - first).dt.total_seconds() / span * (width - 2 * padding)
    for _, row in points.assign(px=px).sort_values(["weapon", "px"], kind="stable").groupby("weapon", sort=False):
        run: list = []
        for i, at in zip(row.index, row["px"], strict=True):
            run = [*run, i] if run and at - px[run[-1]] < near else [i]
            k = len(run) - 1
            out[i] = 0.0 if k == 0 else (-step if k % 2 else step) * ((k + 1) // 2)
    return out


def _milestone_layers(tables: TimelineTables, points: pd.DataFrame, x: alt.X) -> alt.LayerChart:

    order = tables.order
    lines = tables.spans
    lines = lines[lines["weapon"].isin(points["weapon"])]
    # The first milestone goes in `date`, the field the shared x encoding reads.
    span_data = pd.DataFrame({"weapon": lines["weapon"], "date": _iso(lines["start"]), "end": _iso(lines["end"])})
    y = alt.Y("weapon:N", title=None, sort=order, axis=alt.Axis(labelLimit=230))
    span = alt.Chart(span_data).mark_rule(color="#bbbbbb", strokeWidth=3, clip=True).encode(x=x, x2="end:T", y=y)
    # Colour and shape share field, title and place, so Vega draws one legend of both.
    legend = alt.Legend(orient="top", columns=4, symbolStrokeColor="black", symbolStrokeWidth=0.5)
    colour = alt.Color("milestone:N", title="Milestone", legend=legend,
                       scale=alt.Scale(domain=list(MILESTONE_STYLE), range=MILESTONE_COLORS))
    shape = alt.Shape("milestone:N", title="Milestone", legend=legend,
                      scale=alt.Scale(domain=list(MILESTONE_STYLE), range=MILESTONE_SHAPES))
    opacity = alt.condition("datum.focus", alt.value(1.0), alt.value(0.2))
    # Vega draws marks in data order: the milestone the lesson turns on (first use inside Russia) goes last, on top
    # of a mark a few days from it that the whole war's scale puts in the same place (HIMARS, May 2024).
    points = points.sort_values("milestone", key=lambda m: m.astype(str).eq(MILESTONE_LABELS["first_used_in_russia"]),
                                kind="stable")
    # The week or month a vaguely dated milestone may fall in: a dark bar on the system's grey line.
    # Only the vaguely dated rows, with the columns the bar reads: the marks carry the rest (a saved notebook
    # would otherwise store every milestone twice).
    vague_rows = points.loc[points["date_to"] != points["date"], ["weapon", "date", "date_to", "focus"]]
    vague = alt.Chart(vague_rows).transform_filter("datum.date_to != datum.date").mark_rule(
        strokeWidth=4, strokeCap="round", color=NEUTRAL, clip=True).encode(x=x, x2="date_to:T", y=y, opacity=opacity)
    tip = [alt.Tooltip("weapon:N", title="System"), alt.Tooltip("milestone:N", title="Milestone"),
           alt.Tooltip("when:N", title="Date"), alt.Tooltip("precision:N", title="Date known to"),
           alt.Tooltip("note:N", title="Note")]
    # Each mark's offset (px) read from its row: marks the axis puts on one spot stand apart (`nudges`).
    keep = ["weapon", "milestone", "date", "when", "precision", "note", "focus", "nudge"]  # what the marks read
    rows = points.assign(nudge=points.get("nudge", 0.0))
    dots = [alt.Chart(rows[[c for c in keep if c in rows]]).mark_point(
        size=120, filled=True, stroke="black", strokeWidth=0.5, clip=True,
        yOffset=alt.ExprRef("datum.nudge")).encode(x=x, y=y, color=colour, shape=shape, opacity=opacity, tooltip=tip)]
    return alt.layer(span, vague, *dots)



def _signal_strip(points: pd.DataFrame, x: alt.X) -> alt.Chart:
    # The Side legend lists the sides the strip draws (Russia's warnings, Western decisions), no others.
    drawn = set(points["side"].astype(str)) if "side" in points else set()
    side = alt.Color("side:N", scale=side_scale(), title="Side",
                     legend=alt.Legend(values=[s for s in side_scale().domain if s in drawn]))
    if len(points) > MAX_POINTS:
        counted, note = _counted(points, ["signal", "side"], "warnings and decisions")
        return alt.Chart(counted).mark_tick(thickness=3, size=22, clip=True).encode(
            x=x, y=alt.Y("signal:N", title=None),
            color=side,
            opacity=alt.Opacity("count:Q", title="How many", scale=alt.Scale(range=[0.3, 1])),
            tooltip=[alt.Tooltip("signal:N", title="What"), alt.Tooltip("side:N", title="Side"),
                     alt.Tooltip("date:T", title="From", format="%d %b %Y"), alt.Tooltip("count:Q", title="How many")],
        ).properties(title=alt.Title("", subtitle=note))
    return alt.Chart(points).mark_tick(thickness=3, size=22, clip=True).encode(
        x=x,
        y=alt.Y("signal:N", title=None),
        color=side,
        tooltip=[alt.Tooltip("signal:N", title="What"), alt.Tooltip("actor:N", title="Who"),
                 alt.Tooltip("when:N", title="Date"), alt.Tooltip("weapon:N", title="System"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("outlets:N", title="Sources")],
    )


TIMELINE_WIDTH = WIDTH - 40


LISTED_DAYS = 12  # up to this many days of warnings (decisions) are named one by one; more are counted


def _days_of(dates: pd.Series) -> str:
    """'in 2024: 17 Nov, 18 Nov (2) and 21 Nov': each day once, with how many fall on it when more than one.

    A day's second tick hides under its first, so the text names the days the ticks mark and how many each
    holds, as a reader hovering over them finds, rather than a total the strip does not show.
    """
    per_day = pd.to_datetime(dates).value_counts().sort_index()
    one_year = per_day.index.year.nunique() == 1
    named = [day_label(d) + ("" if one_year else f" {d.year}") + (f" ({n})" if n > 1 else "")
             for d, n in per_day.items()]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (f"in {per_day.index[0].year}: " if one_year else ": ") + listed


def _signals_said(sig: pd.DataFrame) -> str:
    """'Russian warnings in 2024: 17 Nov and 18 Nov (2); Western decisions: …', or counts over many days."""
    parts = []
    for what, dates in sig.groupby("signal", sort=True)["date"]:
        if dates.nunique() <= LISTED_DAYS:
            parts.append(f"{what}{'s' if len(dates) != 1 else ''} {_days_of(dates)}".replace(" :", ":"))
        else:
            parts.append(f"{len(dates):,} {what}s on {dates.nunique():,} days")
    return "; ".join(parts)


def _timeline_description(points: pd.DataFrame, sig: pd.DataFrame) -> str:
    if points.empty:
        return describe("No milestone of any weapon system falls in this window", "")
    first, last = (day_label(pd.Timestamp(d)) + f" {pd.Timestamp(d):%Y}" for d in (points["date"].min(),
                                                                                  points["date"].max()))
    inside = points[points["milestone"] == "first used inside Russia"].sort_values("date")
    point = ("First use inside Russia: " + ", ".join(f"{r.weapon} ({r.when})" for r in inside.itertuples())
             if len(inside) else "No system was first used inside Russia in this window")
    said = _signals_said(sig)
    return describe(f"{len(points)} milestones of {points['weapon'].nunique()} weapon systems from {first} to "
                    f"{last}" + (f"; below them, {said}" if said else ""), point)


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
    # Where the axis puts each mark, to set apart those of one system that would hide each other.
    if start and end:
        lo, hi, pad = pd.Timestamp(start) - pd.Timedelta(hours=12), pd.Timestamp(end) + pd.Timedelta(hours=12), 0.0
    else:
        shown = pd.to_datetime(pd.concat([points["date"], points["date_to"], sig["date"],
                                          tables.spans["end"].astype(str)]), errors="coerce").dropna()
        lo, hi, pad = (shown.min(), shown.max(), 12.0) if len(shown) else (pd.Timestamp(0), pd.Timestamp(0), 12.0)
    points = points.assign(nudge=nudges(points, lo, hi, TIMELINE_WIDTH, pad) if len(points) else 0.0)
    note = [PRECISION_NOTE]
    if start and end:
        window = _window_words(start, end)
        if points.empty and sig.empty:
            return nothing_to_draw(title, f"milestone, warning or decision {window}", alt.vconcat)
        if highlight and not points["focus"].any():
            named = tables.points.loc[tables.points["weapon_id"] == highlight, "weapon"]
            note.append(f"No milestone of {named.iloc[0] if len(named) else highlight} falls {window}.")
        first, last = pd.Timestamp(start), pd.Timestamp(end)
        # A week or a month is drawn day by day, the last day whole (its marks are not cut at the edge).
        daily = (last - first).days < MAX_DAY_TICKS
        x = alt.X("date:T", title=None, scale=utc_days(first, last), axis=day_axis() if daily else alt.Undefined)
    else:
        x = alt.X("date:T", title=None, scale=alt.Scale(type="utc", padding=12))
    top = _milestone_layers(tables, points, x).properties(name="weapon_milestones", width=TIMELINE_WIDTH,
                                                          height=alt.Step(34 if points["nudge"].any() else 22))
    bottom = _signal_strip(sig, x).properties(name="weapon_signals", width=TIMELINE_WIDTH, height=alt.Step(28))
    return alt.vconcat(top, bottom, spacing=6, resolve=_own_legends(x="shared"),
                       title=titled(title, note if len(note) > 1 else PRECISION_NOTE),
                       description=_timeline_description(points, sig))


def _window_words(start: str, end: str) -> str:
    """'on 4 Jan 2024', 'between 17 Nov and 23 Nov 2024', 'between 1 Jun 2022 and 26 Nov 2024'."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if first == last:
        return f"on {day_label(first)} {first.year}"
    return (f"between {day_label(first)}{'' if first.year == last.year else f' {first.year}'} and "
            f"{day_label(last)} {last.year}")


def timeline_zoom(ds: Dataset, start: str | None = None, end: str | None = None) -> alt.VConcatChart:
    """An overview strip of the whole war above a detailed timeline that opens on `start`–`end` (the focus week
    and a day either side by default) and zooms in the browser: drag it sideways, scroll or pinch to zoom,
    double-click to go back. The zoom (`zoom_window`, bound to the scales) works in a saved notebook too; the
    strip shades the window the timeline opens on.
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
    opened = pd.DataFrame({"date": [lo], "end": [hi], "label": ["the timeline below →"]})
    ticks = alt.Chart(every).mark_tick(thickness=2, size=16).encode(
        x=alt.X("date:T", title="Boxed: the days the timeline below opens on", scale=UTC),
        y=alt.Y("what:N", title=None), color=alt.value(NEUTRAL))
    # A week is a few px of a war's strip: an outlined box drawn over the ticks, and named, so it is seen.
    box = alt.Chart(opened).mark_rect(fill=PALETTE["sky"], fillOpacity=0.35, stroke=PALETTE["ink"],
                                      strokeWidth=1.5).encode(x=alt.X("date:T", scale=UTC), x2="end:T")
    named = alt.Chart(opened).mark_text(align="right", baseline="bottom", dx=-2, dy=-2, fontSize=11,
                                        color=PALETTE["ink"]).encode(
        x=alt.X("date:T", scale=UTC), y=alt.value(0), text="label:N")
    strip = alt.layer(ticks, box, named, name="zoom_overview", width=TIMELINE_WIDTH, height=alt.Step(18),
                      title=alt.Title("The whole war: milestones, warnings and decisions", fontSize=13))
    # Zooming by the scales draws no brush: nothing on the chart but the data takes a role of its own.
    zoom = alt.selection_interval(name="zoom_window", encodings=["x"], bind="scales")
    scale = alt.Scale(type="utc", domain=utc_domain(lo, hi))
    # Set apart as the timeline opens (on `lo`–`hi`): marks of one system on one day stand 10 px apart.
    opening = points.assign(nudge=nudges(points, pd.Timestamp(lo), pd.Timestamp(hi), TIMELINE_WIDTH))
    detail = _milestone_layers(tables, opening, alt.X("date:T", title=None, scale=scale))
    detail.layer[0] = detail.layer[0].add_params(zoom).properties(name="zoom_spans")
    detail = detail.properties(name="zoom_detail", width=TIMELINE_WIDTH,
                               height=alt.Step(34 if opening["nudge"].any() else 22))
    x = alt.X("date:T", title="Drag sideways to move, scroll or pinch to zoom, double-click to go back", scale=scale)
    sig_detail = _signal_strip(sig, x).properties(name="zoom_signals", width=TIMELINE_WIDTH, height=alt.Step(28))
    window = _iso_within(points, lo, hi)
    when = f"{day_label(pd.Timestamp(lo))} to {day_label(pd.Timestamp(hi))} {pd.Timestamp(hi):%Y}"
    desc = describe(f"An overview of the whole war above a timeline that zooms, open on {when}",
                    _timeline_description(window, _iso_within(sig, lo, hi)))
    zoomed = alt.vconcat(detail, sig_detail, spacing=6, resolve=_own_legends(x="shared"))
    return alt.vconcat(strip, zoomed, spacing=10, resolve=_own_legends(),
                       title=titled("Zoom from the war to the week", PRECISION_NOTE), description=desc)


def _ranges_said(data: pd.DataFrame, of_class: str) -> str:
    """Each bar as the eye reads it, shortest first: 'HIMARS up to 80 km; Iskander-M 50–500 km; …'.

    The bars are listed rather than ranked: which one reaches furthest is for the reader to find, as on
    the chart (notebook 02 asks it), and a class range must not be mistaken for a weapon's own.
    """
    def said(r: pd.Series) -> str:
        reach = (f"up to {r['to_km']:,.0f} km" if r["reach"] == "up to"
                 else f"{r['from_km']:,.0f}–{r['to_km']:,.0f} km")
        return f"{r['weapon']} {reach}" + (f" ({of_class})" if r["basis"] == of_class else "")

    rows = data.sort_values(["to_km", "weapon"], kind="stable")
    point = "; ".join(said(r) for _, r in rows.iterrows())
    return point + (". Every other range is stated for the weapon itself" if (rows["basis"] == of_class).any()
                    else "")


def range_cut(to_km: pd.Series, step: float = 250.0) -> float | None:
    """Where the range axis stops when one bar is far longer than the rest: a quarter past the next-longest
    bar's end, rounded up to `step` km. None unless the longest bar is over twice that long (a cut must win room).

    One 5,500 km class range would otherwise squeeze 80–700 km into an eighth of the axis, where 250 and
    300 km look alike."""
    ends = sorted(to_km.dropna().astype(float), reverse=True)
    if len(ends) < 2:
        return None
    cut = math.ceil(ends[1] * 1.25 / step) * step
    return cut if ends[0] > 2 * cut else None


def _range_label(r: pd.Series, cut: float | None) -> str:
    span = f"{r['to_km']:,.0f}" if r["reach"] == "up to" else f"{r['from_km']:,.0f}–{r['to_km']:,.0f}"
    return f"{span} km (bar cut at {cut:,.0f})" if cut is not None and r["to_km"] > cut else span


def weapon_ranges(ds: Dataset, title: str = "How far each system reaches, as sources state it") -> alt.LayerChart:
    """Range bars from minimum (0 when a source gives only a maximum) to maximum, in km, each labelled with its
    figures.

    A bar for a class range (a missile type's typical reach, not measured for that weapon) is pale
    with an outline, and the subtitle names the systems no source gives a range for. A bar far longer than the
    rest is cut where the axis stops (`range_cut`), and says so in its label, the subtitle and the alt text.
    """
    r = ranges(ds)
    basis = {"system": "stated for this weapon", "class": "typical of its class, not measured"}
    data = pd.DataFrame({
        "weapon": r["name"].astype(str),
        "from_km": r["from_km"],
        "to_km": r["to_km"],
        "basis": r["range_basis"].astype(str).map(basis),
        "reach": ["up to" if only else "from–to" for only in r["only_maximum"]],
        "wording": short(r["range_wording"].fillna("").astype(str)),
    })
    cut = range_cut(data["to_km"])
    data["drawn_to"] = data["to_km"] if cut is None else data["to_km"].clip(upper=cut)
    data["label"] = [_range_label(row, cut) for _, row in data.iterrows()]
    data["cut"] = cut is not None and data["to_km"] > cut
    lines = []
    missing = no_range(ds)
    if missing:
        lines.append("No source gives a range for: " + ", ".join(missing) + ".")
    cut_note = ""
    if cut is not None:
        long = data.loc[data["cut"], "weapon"].tolist()
        cut_note = (f"The axis stops at {cut:,.0f} km so the shorter bars can be told apart: "
                    f"{' and '.join(long)} runs on beyond it (its figures are on the bar).")
        lines.append(cut_note)
    y = alt.Y("weapon:N", title=None, sort=alt.EncodingSortField("to_km", order="ascending"),
              axis=alt.Axis(labelLimit=230))
    tooltip = [alt.Tooltip("weapon:N", title="System"), alt.Tooltip("from_km:Q", title="From (km)"),
               alt.Tooltip("to_km:Q", title="To (km)"), alt.Tooltip("basis:N", title="Range is"),
               alt.Tooltip("wording:N", title="Source's wording")]
    x_scale = alt.Scale(domain=[0, cut], nice=False) if cut is not None else alt.Undefined
    bars = alt.Chart(data).mark_bar(height=14).encode(
        x=alt.X("from_km:Q", title="Range (km)", scale=x_scale),
        x2="drawn_to:Q", y=y,
        color=alt.Color("basis:N", title="Range is", scale=palette_scale(list(basis.values()), ["indigo", "sand"])),
        stroke=alt.value(PALETTE["ink"]), strokeWidth=alt.value(0.5),
        tooltip=tooltip,
    )
    # A label beside the end of its bar; a cut bar ends at the axis's edge, so its label sits inside it.
    outside = alt.Chart(data).transform_filter("!datum.cut").mark_text(
        align="left", dx=4, fontSize=11, color="#333333").encode(x="drawn_to:Q", y=y, text="label:N",
                                                                  tooltip=tooltip)
    layers = [bars, outside]
    if cut is not None:
        layers.append(alt.Chart(data).transform_filter("datum.cut").mark_text(
            align="right", dx=-4, fontSize=11, color="#222222").encode(x="drawn_to:Q", y=y, text="label:N",
                                                                       tooltip=tooltip))
    desc = describe(f"Range bars in km for {len(data)} weapon systems, from minimum to maximum as sources state "
                    "them, shortest first", _ranges_said(data, basis["class"]) + (f". {cut_note}" if cut_note
                                                                                  else ""))
    return alt.layer(*layers, name="weapon_ranges", width=WIDTH - 80, height=alt.Step(24),
                     title=alt.Title(title, subtitle=lines or alt.Undefined), description=desc)


def capability_chart(ds: Dataset, weapon_id: str, title: str | None = None) -> alt.LayerChart:
    """Who said what about one weapon: a row per statement (date and speaker), claims by the side that fired it
    above others' assessments, coloured by side and shaped by stance, with the figures each gave beside it.

    Hover a mark for what was said and by which outlet; the HTML columns below the chart give it in full.
    """
    weapon_id = resolve_weapon(ds, weapon_id)
    s = capability_statements(ds, weapon_id)
    name = ds.weapon_systems.set_index("id").loc[weapon_id, "name"]
    stance = alt.Shape("stance:N", title="Stance", legend=alt.Legend(orient="right", direction="vertical"),
                       scale=alt.Scale(domain=[CLAIMED, ASSESSED], range=["circle", "square"]))
    colour = alt.Color("side:N", scale=side_scale(), title="Side")
    heading = title or f"{name}: claimed and assessed"
    if len(s) > MAX_POINTS:
        counted, note = _counted(pd.DataFrame({"date": _iso(s["date"]), "stance": s["stance"].astype(str),
                                               "side": side_label(s["side"]).astype(str)}),
                                 ["stance", "side"], "statements")
        desc = describe(f"{len(s):,} statements about {name}, counted per period, stance and side",
                        f"{int((s['stance'] == CLAIMED).sum()):,} claims, {int((s['stance'] == ASSESSED).sum()):,} "
                        "assessments")
        return alt.Chart(counted).mark_point(strokeWidth=2, filled=True).encode(
            x=alt.X("date:T", title=None, scale=UTC), y=alt.Y("stance:N", title=None, sort=[CLAIMED, ASSESSED]),
            color=colour, shape=stance, size=alt.Size("count:Q", title="Statements"),
            tooltip=[alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("side:N", title="Side"),
                     alt.Tooltip("date:T", title="From", format="%d %b %Y"),
                     alt.Tooltip("count:Q", title="Statements")],
        ).properties(name="capability_statements", height=alt.Step(40), width=WIDTH - 100,
                     title=titled(heading, note), description=desc)
    figures = figures_by_event(ds)
    order = {CLAIMED: 0, ASSESSED: 1}
    s = s.assign(_o=s["stance"].map(order)).sort_values(["_o", "date", "id"])
    data = pd.DataFrame({
        "row": [f"{day_label(d)} · {a}" for d, a in zip(s["date"], s["actor"].astype(str), strict=True)],
        "when": s["date"].dt.strftime("%d %b %Y"), "stance": s["stance"].astype(str),
        "side": side_label(s["side"]).astype(str), "actor": s["actor"].astype(str),
        "summary": short(s["summary"].astype(str)), "outlets": short(s["outlets"].astype(str), 80),
        "figure": s["id"].astype(str).map(figures).fillna(""),
    })
    # The same speaker on the same day twice keeps two rows.
    data["row"] = data["row"] + data.groupby("row").cumcount().map(lambda k: "" if k == 0 else f" ({k + 1})")
    y = alt.Y("row:N", title=None, sort=list(data["row"]), axis=alt.Axis(labelLimit=300))
    tip = [alt.Tooltip("actor:N", title="Who"), alt.Tooltip("when:N", title="Date"),
           alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("summary:N", title="Said"),
           alt.Tooltip("outlets:N", title="Sources")]
    marks = alt.Chart(data).mark_point(size=150, filled=True, opacity=1).encode(
        x=alt.X("stance:N", title=None, sort=[CLAIMED, ASSESSED],
                axis=alt.Axis(labelAngle=0, orient="top", labelLimit=200,
                              labelExpr="datum.value == '" + CLAIMED + "' ? 'claim' : 'assessment'")),
        y=y, color=colour, shape=stance, tooltip=tip)
    text = alt.Chart(data).mark_text(align="left", dx=12, fontSize=11, color="#222222").encode(
        x=alt.X("stance:N", sort=[CLAIMED, ASSESSED]), y=y, text="figure:N", tooltip=tip)
    claims, assessments = (int((data["stance"] == st).sum()) for st in (CLAIMED, ASSESSED))
    with_figures = data[data["figure"] != ""]
    point = (f"{claims} claims by the side that fired it, {assessments} assessments by others"
             + ("; figures given: " + "; ".join(f"{r.actor}: {r.figure}" for r in with_figures.itertuples())
                if len(with_figures) else ""))
    desc = describe(f"What was said about {name}, statement by statement, {data['when'].iloc[0]} to "
                    f"{data['when'].iloc[-1]}" if len(data) else f"No statement about {name}", point)
    return alt.layer(marks, text, name="capability_statements", width=260, height=alt.Step(24), description=desc,
                     title=titled(heading, "A row per statement; figures as the speaker gave them. "
                                           "Hover for what was said."))
