"""The fact check: verdicts and contested figures (notebook 04)."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..factcheck import VERDICTS, axis_title, figure_label, verdict_counts
from ..labels import side_label
from .theme import LAPTOP_COLUMN, PALETTE, UNKNOWN_SIDE, WIDTH, count_axis, describe, side_scale

VERDICT_ORDER = list(VERDICTS)
# From the palette for everything that is not a side, so a verdict is never read as a side; dark to light
# and back, so the two verdicts read as trustworthy and the two that need care differ in lightness too.
VERDICT_COLORS = {v: PALETTE[c] for v, c in zip(VERDICT_ORDER, ["indigo", "sand", "sky", "wine"], strict=True)}


def verdict_scale() -> alt.Scale:
    """The fixed colour scale for verdicts."""
    return alt.Scale(domain=VERDICT_ORDER, range=[VERDICT_COLORS[v] for v in VERDICT_ORDER])


def verdict_chart(claims: pd.DataFrame, title: str = "The article's claims, by verdict") -> alt.LayerChart:
    """Bars of claims per verdict (every verdict shown, zero included); hover lists the claim ids.

    `claims` needs `id` and `verdict` columns (`ds.claims` or `factcheck.claims_overview(ds)`).
    Clicking a bar highlights it (selection `pick_verdict`).
    """
    data = verdict_counts(claims)
    pick = alt.selection_point(name="pick_verdict", fields=["verdict"])
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("claims:Q", title="Claims", axis=count_axis()),
        y=alt.Y("verdict:N", title=None, sort=VERDICT_ORDER),
        color=alt.Color("verdict:N", scale=verdict_scale(), legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.35)),
        tooltip=[alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("claims:Q", title="Claims"),
                 alt.Tooltip("ids:N", title="Which")],
    ).add_params(pick).properties(name="verdict_marks")  # a named view: no global counter in the spec
    counts = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12, color="#222222").encode(
        x="claims:Q", y=alt.Y("verdict:N", sort=VERDICT_ORDER), text="claims:Q")
    total = int(data["claims"].sum())
    point = ", ".join(f"{r.claims} {r.verdict}" for r in data.itertuples())
    return alt.layer(bars, counts, name="verdict_bars", title=title, width=WIDTH - 160,
                     height=alt.Step(28),
                     description=describe(f"Bars count {total} claims per verdict", point))


def contested_figures(contested: pd.DataFrame, topics: list[str] | None = None,
                      title: str = "Contested figures: who said how many") -> alt.VConcatChart:
    """For each numeric disputed fact, one dot per version: the figure (x) against who stated it (y).

    `contested` is `ds.contested`; `topics` defaults to every topic whose versions are figures. Each
    panel is titled with the topic's question and named `contested_<topic>`.
    """
    numeric = contested.groupby("topic", sort=False)["number"].apply(lambda s: s.notna().all())
    topics = topics or [t for t, ok in numeric.items() if ok]
    panels, points = [], []
    # The Side legend (one for every panel) lists the sides some panel draws, no others.
    drawn = set(side_label(contested[contested["topic"].isin(topics)]["side"]).fillna(UNKNOWN_SIDE).astype(str))
    legend = alt.Legend(columns=3, values=[s for s in side_scale(unknown=True).domain if s in drawn])
    for topic in topics:
        rows = contested[contested["topic"] == topic].sort_values(["date", "id"])
        data = pd.DataFrame({
            "who": rows["who"].astype(str), "figure": rows["number"],
            "side": side_label(rows["side"]).fillna(UNKNOWN_SIDE).astype(str),
            "said": rows["date"].dt.strftime("%Y-%m-%d"), "version": rows["value"].astype(str),
        })
        data["shown"] = [figure_label(topic, n) for n in data["figure"]]
        base = alt.Chart(data)
        x = alt.X("figure:Q", title=axis_title(topic),
                  scale=alt.Scale(zero=True, domainMax=float(data["figure"].max()) + 1), axis=count_axis())
        y = alt.Y("who:N", title=None, sort=list(data["who"]), axis=alt.Axis(labelLimit=LAPTOP_COLUMN - 380))
        dots = base.mark_circle(size=160, opacity=0.9).encode(
            x=x, y=y, color=alt.Color("side:N", scale=side_scale(unknown=True), title="Side", legend=legend),
            tooltip=[alt.Tooltip("who:N", title="Who"), alt.Tooltip("said:N", title="Said on"),
                     alt.Tooltip("version:N", title="Version")])
        labels = base.mark_text(
            dx=12, align="left", fontSize=12, color="#222222").encode(x=x, y=y, text=alt.Text("shown:N"))
        question = str(rows["question"].iloc[0])
        panels.append(alt.layer(dots, labels, name=f"contested_{topic}",
                                title=alt.Title(question, fontSize=13),
                                height=alt.Step(26), width=240))
        # Who, without the 'as reported by …' that follows a comma or opens a bracket (and would be left open).
        said = "; ".join(f"{re.split(r',| [(]', w)[0]}: {figure_label(topic, n)}"
                         for w, n in zip(data["who"], data["figure"], strict=True))
        points.append(f"{question} {said}")
    desc = describe(f"For {len(panels)} disputed facts, each version's figure against who stated it",
                    ". ".join(points))
    return alt.vconcat(*panels, title=title, description=desc,
                       resolve=alt.Resolve(scale=alt.ScaleResolveMap(x="independent")))


