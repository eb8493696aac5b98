"""The dataset at a glance (notebook 00)."""

from __future__ import annotations

import altair as alt

from ..data import Dataset
from ..factcheck import outlet_counts
from ..labels import SIDE_LABELS, SIDES
from ..statements import rows_by_period
from ..statements import rows_per_table as table_rows
from ..statements import statements_per_side as side_counts
from .theme import NEUTRAL, WIDTH, count_axis, describe, palette_scale, side_scale

KIND_COLOURS = ["indigo", "sand", "wine", "sky", "ink"]

def _small(chart: alt.Chart, name: str, title: str) -> alt.Chart:
    return chart.properties(name=name, title=title, width=260)


def rows_per_table(ds: Dataset, title: str = "Rows per table") -> alt.LayerChart:
    """Bars: how many rows each table of the data package holds (resource order), each with its count."""
    data = table_rows(ds)
    names = data["table"].tolist()
    y = alt.Y("table:N", title=None, sort=names)
    bars = alt.Chart(data).mark_bar(color=NEUTRAL).encode(
        x=alt.X("rows:Q", title="Rows"), y=y,
        tooltip=[alt.Tooltip("table:N", title="Table"), alt.Tooltip("rows:Q", title="Rows")])
    counts = alt.Chart(data).mark_text(align="left", dx=3, fontSize=10, color="#222222").encode(
        x="rows:Q", y=y, text="rows:Q")
    top = data.sort_values("rows", ascending=False).iloc[0]
    desc = describe(f"Bars: rows in each of the {len(data)} tables of the data package",
                    f"The largest is {top['table']} with {top['rows']} rows; {int(data['rows'].sum())} rows in all")
    return alt.layer(bars, counts, name="rows_per_table", title=title, width=260, height=alt.Step(18),
                     description=desc)


def coverage_by_period(ds: Dataset, title: str = "Events and statements, by period") -> alt.LayerChart:
    """Bars: events and statements in the background, the week and the aftermath, each with its count."""
    data = rows_by_period(ds)
    order = list(dict.fromkeys(data["period"]))
    y = alt.Y("period:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    y_offset = alt.YOffset("table:N", sort=["events", "statements"])
    bars = alt.Chart(data).mark_bar(height=12).encode(
        x=alt.X("rows:Q", title="Rows"), y=y, yOffset=y_offset,
        color=alt.Color("table:N", title="Table", scale=palette_scale(["events", "statements"], ["indigo", "sand"])),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("table:N", title="Table"),
                 alt.Tooltip("rows:Q", title="Rows")])
    counts = alt.Chart(data).mark_text(align="left", dx=3, fontSize=11, color="#222222").encode(
        x="rows:Q", y=y, yOffset=y_offset, text="rows:Q")
    total = data.groupby("period", sort=False)["rows"].sum()
    focus = total[[p for p in total.index if not p.startswith(("Background", "Later"))]].sum()
    desc = describe("Bars: events and statements in the background, the week and the aftermath",
                    f"{focus} of {total.sum()} rows fall in the week and its aftermath; " + "; ".join(
                        f"{period}: " + ", ".join(f"{r.table} {r.rows}" for r in rows.itertuples())
                        for period, rows in data.groupby("period", sort=False)))
    return alt.layer(bars, counts, name="coverage_by_period", title=title, width=WIDTH - 200,
                     height=alt.Step(30), description=desc)


coverage_by_month = coverage_by_period  # the name notebook 00 used before the chart counted periods


def statements_per_side(ds: Dataset, title: str = "Statements per side") -> alt.LayerChart:
    """Bars: statements (one row per statement) per side, in the collection's side colours, with counts."""
    data = side_counts(ds.statements)
    y = alt.Y("side:N", title=None, sort=[SIDE_LABELS[s] for s in SIDES])
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("statements:Q", title="Statements"), y=y,
        color=alt.Color("side:N", scale=side_scale(), legend=None),
        tooltip=[alt.Tooltip("side:N", title="Side"), alt.Tooltip("statements:Q", title="Statements")])
    counts = alt.Chart(data).mark_text(align="left", dx=3, fontSize=11, color="#222222").encode(
        x="statements:Q", y=y, text="statements:Q")
    desc = describe(f"Bars: {int(data['statements'].sum())} statements per side",
                    ", ".join(f"{r.side} {r.statements}" for r in data.itertuples()))
    return alt.layer(bars, counts, name="statements_per_side", title=title, width=260,
                     height=alt.Step(22), description=desc)


def sources_per_outlet(ds: Dataset, top: int = 12, title: str = "Sources per outlet") -> alt.Chart:
    """Bars: the `top` outlets by number of pages cited, coloured by kind; the subtitle counts the rest."""
    counts = outlet_counts(ds.sources)
    head, rest = counts.head(top), counts.iloc[top:]
    # The legend in words ('state affiliated'), each still the `outlet_kind` value a filter takes, bar its '_'.
    head = head.assign(kind=head["kind"].astype(str).str.replace("_", " "))
    kinds = sorted(head["kind"].unique())
    subtitle = f"and {len(rest)} other outlets with {int(rest['pages'].sum())} pages" if len(rest) else ""
    chart = alt.Chart(head).mark_bar().encode(
        x=alt.X("pages:Q", title="Pages cited", axis=count_axis()),
        y=alt.Y("outlet:N", title=None, sort=list(head["outlet"])),
        color=alt.Color("kind:N", title="Kind of outlet", scale=palette_scale(kinds, KIND_COLOURS[:len(kinds)]),
                        legend=alt.Legend(columns=2)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("pages:Q", title="Pages"),
                 alt.Tooltip("kind:N", title="Kind")])
    desc = describe(f"Bars: pages cited from the {len(head)} outlets cited most, coloured by kind of outlet",
                    f"Most cited: {head.iloc[0]['outlet']} ({head.iloc[0]['pages']} pages); {subtitle}".rstrip("; "))
    return chart.properties(name="sources_per_outlet", width=260, height=alt.Step(16),
                            title=alt.TitleParams(title, subtitle=subtitle), description=desc)
