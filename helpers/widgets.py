"""Explorers: one ipywidgets container per theme, answering each change at once.

Every explorer keeps its current state in plain attributes (`filtered`, `chart`, `count`) so
tests can set a control's `.value` and check what changed without a browser. Text from the data
is untrusted: everything shown as HTML goes through `html.escape`, and links only keep http(s).
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as W
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode
from IPython.display import display

from . import charts, sentiment
from .cards import (  # noqa: F401
    # The cards are part of what explorers and notebooks call `widgets.`: they stay reachable here.
    LIST_LIMIT,
    capability_columns,
    claim_card,
    claim_cards,
    evidence_table,
    mention_item,
    mention_list,
    quote_cards,
    renderings_card,
    safe_link,
    weapon_card,
)
from .charts.theme import day_label
from .data import Dataset
from .factcheck import VERDICTS, claims_overview
from .labels import plural
from .notebook import live
from .vocabulary import QUOTE_TYPES
from .weapons import system_order

ALL = "All"
CHART_CACHE = 64  # charts an explorer keeps, by the view that made them
AGGREGATE_ABOVE = 100_000  # events above which the escalation explorer redraws from per-day sums


def import_lacks(ds: Dataset, topic: str) -> str:
    """The line of an imported dataset's `x-import` report saying what it lacks for `topic` ("" if nothing)."""
    lines = ds.package.get("x-import", {}).get("lacks", [])
    return next((line for line in lines if line.startswith(topic)), "")


class QuoteExplorer(W.VBox):
    """Filter the week's statements by actor, side, dates, quote type and text; chart and list follow."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.data = ds.statements.sort_values(["date", "id"]).reset_index(drop=True)
        if self.data.empty:  # an imported event file: say so in one line instead of drawing empty controls
            self.filtered, self.chart = self.data, None
            why = import_lacks(ds, "statements") or "this dataset has no statements"
            self.count = W.HTML(f"<i>Nothing to explore: {html.escape(why)}.</i>")
            super().__init__([self.count])
            return
        days = sorted(self.data["date"].dt.strftime("%Y-%m-%d").unique())
        start, end = (d.strftime("%Y-%m-%d") for d in ds.period)
        in_week = [d for d in days if start <= d <= end] or days
        speakers = sorted(self.data["speaker"].astype(str).unique())

        self.actors = W.SelectMultiple(options=speakers, value=(), rows=8, description="Actors",
                                       layout=W.Layout(width="320px"))
        self.side = W.Dropdown(options=[(ALL, ALL)] + [(charts.SIDE_LABELS[s], s) for s in charts.SIDES],
                               value=ALL, description="Side")
        # The slider's own readout is too narrow for two dates; the count line says them instead.
        self.dates = W.SelectionRangeSlider(options=days, index=(days.index(in_week[0]), days.index(in_week[-1])),
                                            description="Dates", readout=False, layout=W.Layout(width="520px"))
        self.quote_type = W.ToggleButtons(options=[ALL, *QUOTE_TYPES], value=ALL, description="Type")
        self.search = W.Text(value="", placeholder="a word in the quote…", description="Search",
                             continuous_update=True)
        self.count = W.HTML()
        self.chart_out = W.Output()
        self.quote_list = W.HTML()
        self.filtered = self.data
        self.chart: alt.TopLevelMixin | None = None
        # Searched once per distinct text, casefolded up front: a search then costs one pass over the
        # distinct texts, however many rows repeat them.
        self._texts = [pd.factorize(self.data[col].astype(str)) for col in ("text", "speaker")]
        self._folded = [pd.Series(uniques).str.casefold() for _, uniques in self._texts]

        for control in (self.actors, self.side, self.dates, self.quote_type, self.search):
            control.observe(self._update, names="value")
        controls = W.HBox([self.actors, W.VBox([self.side, self.quote_type, self.search, self.dates])])
        super().__init__([controls, self.count, self.chart_out, self.quote_list])
        self._update()

    def select(self) -> pd.DataFrame:
        """The statements that match the current controls."""
        d = self.data
        keep = pd.Series(True, index=d.index)
        if self.actors.value:
            keep &= d["speaker"].isin(self.actors.value)
        if self.side.value != ALL:
            keep &= d["side"] == self.side.value
        lo, hi = self.dates.value
        keep &= (d["date"] >= pd.Timestamp(lo)) & (d["date"] < pd.Timestamp(hi) + pd.Timedelta(days=1))
        if self.quote_type.value != ALL:
            keep &= d["quote_type"] == self.quote_type.value
        needle = self.search.value.strip().casefold()
        if needle:
            found = np.zeros(len(d), dtype=bool)
            for (codes, _), folded in zip(self._texts, self._folded, strict=True):
                found |= folded.str.contains(needle, regex=False).to_numpy(dtype=bool)[codes]
            keep &= found
        return d[keep]

    def _update(self, change: object = None) -> None:
        self.filtered = self.select()
        n, total = len(self.filtered), len(self.data)
        lo, hi = self.dates.value
        self.count.value = f"<b>{n}</b> of {total} statements match, {lo} – {hi}."
        self.quote_list.value = quote_cards(self.filtered)
        with debug_mode(False):  # Altair checks the chart once as it is drawn; not every part as it is built too
            title = f"Who spoke: {plural(n, 'statement')}"
            self.chart = charts.statements_by_day(self.filtered, title=title) if n else None
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            if self.chart is not None:
                display(live(self.chart))


def quote_explorer(ds: Dataset) -> QuoteExplorer:
    """The actor-statements explorer (notebook 01)."""
    return QuoteExplorer(ds)


class SentimentExplorer(W.VBox):
    """Pick a measure, a rolling window and sides; and score your own sentence with plain and domain VADER."""

    def __init__(self, ds: Dataset):
        self._sentiment = sentiment
        self.ds = ds
        self.scored = ds.in_focus(sentiment.quotes_with_event_goldstein(ds))
        self.events = ds.in_focus(ds.events)
        # Per day and side, once: a change of sides or window then sums a few rows a day, not every event.
        e = self.events
        self._by_side = e.groupby([e["date"].dt.normalize().rename("date"), e["side"].astype(str).rename("side")]
                                  )["goldstein"].agg(["count", "sum", "min"])
        self.window = W.IntSlider(value=1, min=1, max=5, description="Window (days)",
                                   style={"description_width": "initial"})
        self.sides = W.SelectMultiple(options=[(charts.SIDE_LABELS[s], s) for s in charts.SIDES],
                                      value=tuple(charts.SIDES), rows=4, description="Sides")
        quote_measures = [(label, key) for key, label in charts.MEASURES.items() if key != "goldstein"]
        self.measure = W.Dropdown(options=quote_measures, value="vader10", description="Quotes by")
        # Scored once per change, when Enter is pressed or the box is left, not at every keystroke.
        self.sentence = W.Text(value="", placeholder=f"Type a sentence, then press Enter (at most "
                               f"{sentiment.MAX_TEXT_CHARS:,} characters)…", description="Sentence",
                               continuous_update=False, layout=W.Layout(width="600px"))
        self.scores = W.HTML()
        self.note = W.HTML()
        self.chart_out = W.Output()
        self.index_out = W.Output()
        self.index: pd.DataFrame | None = None
        self.chart: alt.TopLevelMixin | None = None
        self.index_chart: alt.TopLevelMixin | None = None
        for control in (self.window, self.sides):
            control.observe(self._update_index, names="value")
        for control in (self.sides, self.measure):
            control.observe(self._update_scatter, names="value")
        self.sentence.observe(self._score_sentence, names="value")
        super().__init__([W.HBox([self.sides, W.VBox([self.window, self.measure])]), self.note, self.index_out,
                          self.chart_out, self.sentence, self.scores])
        self._update_index()
        self._update_scatter()
        self._score_sentence()

    def _selected_events(self) -> pd.DataFrame:
        # Only the columns the index reads: copying every column of a large table would dominate.
        return self.events.loc[self.events["side"].isin(self.sides.value), ["date", "goldstein", "side"]]

    def _update_index(self, change: object = None) -> None:
        if len(self.events) <= AGGREGATE_ABOVE:
            events = self._selected_events()
            self.index = self._sentiment.daily_index(events, window=self.window.value) if len(events) else None
        else:
            self.index = self._index_from_sides()
        with debug_mode(False):  # checked once, as it is drawn
            self.index_chart = charts.escalation_index(self.index) if self.index is not None else None
        with self.index_out:
            self.index_out.clear_output(wait=True)
            if self.index_chart is not None:
                display(live(self.index_chart))
        self._say_what_is_empty()

    def _index_from_sides(self) -> pd.DataFrame | None:
        """The index from the per-day, per-side sums (equal to `daily_index` up to rounding in the last digit)."""
        by_side = self._by_side[self._by_side.index.get_level_values("side").isin(self.sides.value)]
        if len(by_side):
            daily = by_side.groupby(level="date").agg(coded=("count", "sum"), sum=("sum", "sum"), min=("min", "min"))
            daily["mean"] = daily["sum"] / daily["coded"].where(daily["coded"] > 0)
            return self._sentiment.index_from_daily(daily.reset_index(), window=self.window.value)
        return None

    def _update_scatter(self, change: object = None) -> None:
        columns = ["goldstein", self.measure.value, "speaker", "side", "text"]
        scored = self.scored.loc[self.scored["side"].isin(self.sides.value), columns]
        with debug_mode(False):  # checked once, as it is drawn
            self.chart = charts.sentiment_vs_goldstein(scored, self.measure.value) if len(scored) else None
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            if self.chart is not None:
                display(live(self.chart))
        self._say_what_is_empty()

    def _say_what_is_empty(self) -> None:
        """A chart with nothing to draw is not drawn: the note says why instead of leaving a blank."""
        empty = [what for what, chart in (("event", self.index_chart), ("direct quote", self.chart)) if chart is None]
        if not self.sides.value:
            self.note.value = ("<p><i>No side picked: pick one or more in the list (Ctrl- or Cmd-click adds one)."
                               "</i></p>")
        elif empty:
            self.note.value = f"<p><i>No {' and no '.join(empty)} of the sides picked.</i></p>"
        else:
            self.note.value = ""

    def _score_sentence(self, change: object = None) -> None:
        text = self.sentence.value
        s = self._sentiment
        if not text.strip():
            self.scores.value = "<i>Type a sentence and press Enter to see its plain and domain VADER scores.</i>"
            return
        if len(text) > s.MAX_TEXT_CHARS:
            self.scores.value = (f"<p>This text is {len(text):,} characters long; the scorer takes at most "
                                 f"{s.MAX_TEXT_CHARS:,} (VADER's time grows with the square of the length).</p>")
            return
        plain, domain = s.compound(text), s.compound(text, s.domain_analyzer())
        words = s.explain(text)
        rows = "".join(f"<tr><td>{html.escape(r.word)}</td><td>{r.plain:+.1f}</td><td>{r.domain:+.1f}</td></tr>"
                       for r in words.itertuples())
        table = (f"<table><tr><th>word</th><th>plain</th><th>domain</th></tr>{rows}</table>" if rows
                 else "<p>No word of this sentence is in either lexicon.</p>")
        self.scores.value = (f"<p>Plain VADER: <b>{plain:+.2f}</b> · Domain VADER: <b>{domain:+.2f}</b></p>"
                             f"{table}")


def sentiment_explorer(ds: Dataset) -> SentimentExplorer:
    """The escalation-sentiment explorer (notebook 03)."""
    return SentimentExplorer(ds)


# --------------------------------------------------------------------------------------------
# Weapon systems (notebook 02)







class WeaponExplorer(W.VBox):
    """Pick a weapon system and a date window: the timeline zooms, the card and the mentions follow."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        names = ds.weapon_systems.set_index("name")["id"].astype(str)
        self._names = {w: n for n, w in names.items()}
        order = system_order(ds)
        days = sorted(set(ds.milestones["date"].dt.strftime("%Y-%m-%d"))
                      | set(ds.events["date"].dt.strftime("%Y-%m-%d")))
        self.days = days
        self.week = tuple(d.strftime("%Y-%m-%d") for d in ds.period)
        self.system = W.Dropdown(options=[(n, names[n]) for n in order], value="atacms", description="System",
                                 layout=W.Layout(width="460px"))
        self.preset = W.ToggleButtons(options=["Whole war", "The week"], value="Whole war", description="Zoom")
        self.dates = W.SelectionRangeSlider(options=days, index=(0, len(days) - 1), description="Dates",
                                            readout=False, layout=W.Layout(width="620px"))
        self.count = W.HTML()
        self.chart_out = W.Output()
        self.card = W.HTML()
        self.mentions = W.HTML()
        self.chart: alt.TopLevelMixin | None = None
        self._tables = charts.timeline_tables(ds)
        self._items: dict[str, str] = {}
        self._charts: dict[tuple[str, str, str], alt.TopLevelMixin] = {}
        # Per weapon, its events and their statements, split once: an update then filters only one weapon's rows.
        named = ds.events[ds.events["weapon_id"].notna()].sort_values(["date", "id"])
        self._events = {str(w): g for w, g in named.groupby("weapon_id", observed=True, sort=False)}
        said = ds.statements
        self._no_events, self._no_statements = named.iloc[:0], said.iloc[:0]
        said = said.merge(named[["id", "weapon_id"]].rename(columns={"id": "event_id", "weapon_id": "_weapon"}),
                          on="event_id").sort_values(["date", "id"])
        self._statements = {str(w): g.drop(columns="_weapon") for w, g in said.groupby("_weapon", observed=True,
                                                                                          sort=False)}
        # Each system's card and first page of mentions, made up front (at most LIST_LIMIT items a system,
        # whatever the data's size): picking a system then only joins ready HTML.
        self._cards = {w: weapon_card(ds, w) for w in ds.weapon_systems["id"].astype(str)}
        for w, events in self._events.items():
            mention_list(ds, events, self._statements.get(w, self._no_statements), cache=self._items)
        self.events = ds.events.iloc[:0]
        self.statements = ds.statements.iloc[:0]
        self.preset.observe(self._apply_preset, names="value")
        self.system.observe(self._update_card, names="value")
        for control in (self.system, self.dates):
            control.observe(self._update, names="value")
        super().__init__([W.HBox([self.system, self.preset]), self.dates, self.count, self.chart_out,
                          W.HBox([self.card, self.mentions], layout=W.Layout(align_items="flex-start"))])
        self.card.layout.width = "45%"
        self.mentions.layout.width = "55%"
        self._update_card()
        self._update()

    def _apply_preset(self, change: object = None) -> None:
        if self.preset.value == "The week":
            inside = [d for d in self.days if self.week[0] <= d <= self.week[1]]
            self.dates.value = (inside[0], inside[-1])
        else:
            self.dates.value = (self.days[0], self.days[-1])

    def _update_card(self, change: object = None) -> None:
        self.card.value = self._cards[self.system.value]

    def _update(self, change: object = None) -> None:
        start, end = self.dates.value
        weapon = self.system.value
        events = self._events.get(weapon, self._no_events)
        total = len(events)
        events = events[events["date"].between(pd.Timestamp(start), pd.Timestamp(end))].reset_index(drop=True)
        said = self._statements.get(weapon, self._no_statements)
        self.events = events
        self.statements = said[said["event_id"].isin(set(events["id"]))].reset_index(drop=True)
        lacks = import_lacks(self.ds, "weapon names") if not self._events else ""
        self.count.value = (f"<b>{len(self.events)}</b> of {total} events naming this system fall in "
                            f"{start} – {end}, with <b>{len(self.statements)}</b> statements."
                            + (f"<br><i>{html.escape(lacks)}.</i>" if lacks else ""))
        self.mentions.value = mention_list(self.ds, self.events, self.statements, cache=self._items)
        key = (weapon, start, end)
        if key not in self._charts:
            if len(self._charts) >= CHART_CACHE:
                self._charts.pop(next(iter(self._charts)))  # the oldest: flipping between a few views stays instant
            # Altair checks every part of a chart as it is built and again when it is drawn; once is enough here.
            with debug_mode(False):
                self._charts[key] = charts.weapon_timeline(self.ds, start, end, highlight=weapon,
                                                           title=self._title(weapon, start, end),
                                                           tables=self._tables)
        self.chart = self._charts[key]
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            display(live(self.chart))

    def _title(self, weapon: str, start: str, end: str) -> str:
        """'ATACMS (Army Tactical Missile System) against the others, 1 Jun 2022 to 26 Nov 2024'."""
        name = self._names.get(weapon, weapon)
        when = " to ".join(dict.fromkeys(f"{day_label(d)} {d:%Y}" for d in (pd.Timestamp(start), pd.Timestamp(end))))
        return f"{name} against the others, {when}"


def weapon_explorer(ds: Dataset) -> WeaponExplorer:
    """The weapon-systems explorer (notebook 02)."""
    return WeaponExplorer(ds)


# --------------------------------------------------------------------------------------------
# Fact check (notebook 04)



class ClaimsExplorer(W.VBox):
    """Filter the article's claims by verdict or a word; pick one to read its evidence and sources."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.data = claims_overview(ds)
        self.verdict = W.ToggleButtons(options=[ALL, *VERDICTS], value=ALL, description="Verdict")
        self.search = W.Text(value="", placeholder="a word in the claim or reason…", description="Search",
                             continuous_update=True)
        self.claim = W.Dropdown(options=[], description="Evidence for", layout=W.Layout(width="640px"))
        self.count = W.HTML()
        self.chart_out = W.Output()
        self.cards = W.HTML()
        self.evidence = W.HTML()
        self.filtered = self.data
        self.chart: alt.TopLevelMixin | None = None
        for control in (self.verdict, self.search):
            control.observe(self._update, names="value")
        self.claim.observe(self._show_evidence, names="value")
        super().__init__([W.VBox([self.verdict, self.search]), self.count, self.chart_out, self.cards,
                          self.claim, self.evidence])
        self._update()

    def select(self) -> pd.DataFrame:
        """The claims that match the current controls."""
        d = self.data
        keep = pd.Series(True, index=d.index)
        if self.verdict.value != ALL:
            keep &= d["verdict"] == self.verdict.value
        needle = self.search.value.strip()
        if needle:
            keep &= (d["claim"].str.contains(needle, case=False, regex=False)
                     | d["reason"].str.contains(needle, case=False, regex=False))
        return d[keep]

    def _update(self, change: object = None) -> None:
        self.filtered = self.select()
        n = len(self.filtered)
        self.count.value = f"<b>{n}</b> of {len(self.data)} claims match."
        self.cards.value = claim_cards(self.filtered)
        self.chart = charts.verdict_chart(self.filtered, title=f"{n} claims, by verdict") if n else None
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            if self.chart is not None:
                display(live(self.chart))
        # New options reset the pick: the evidence follows the first match, or clears when none is left.
        ids = list(self.filtered["id"])
        self.claim.options = [(f"{r.id} · {r.claim[:80]}", r.id) for r in self.filtered.itertuples()]
        self.claim.value = ids[0] if ids else None
        self._show_evidence()

    def _show_evidence(self, change: object = None) -> None:
        cid = self.claim.value
        self.evidence.value = evidence_table(self.ds, cid) if cid else "<p><i>No claim selected.</i></p>"


def claims_explorer(ds: Dataset) -> ClaimsExplorer:
    """The fact-check explorer (notebook 04): claims by verdict, with evidence rows and their sources."""
    return ClaimsExplorer(ds)

