"""Explorers: one ipywidgets container per theme, answering each change at once.

Every explorer keeps its current state in plain attributes (`filtered`, `chart`, `count`) so
tests can set a control's `.value` and check what changed without a browser. Text from the data
is untrusted: everything shown as HTML goes through `html.escape`, and links only keep http(s).
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

import altair as alt
import ipywidgets as W
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode
from IPython.display import HTML, display

from . import charts
from .data import Dataset

ALL = "All"
LIST_LIMIT = 40
CHART_CACHE = 64  # charts an explorer keeps, by the view that made them


def safe_link(url: str, label: str) -> str:
    """An escaped `<a>` for an http(s) URL; any other scheme is shown as plain escaped text."""
    if urlparse(url).scheme not in ("http", "https"):
        return html.escape(label)
    return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(label)}</a>")


def quote_cards(quotes: pd.DataFrame, limit: int = LIST_LIMIT) -> str:
    """Escaped HTML list of quotes: text, speaker, date, type and a link to the source."""
    items = []
    for r in quotes.head(limit).itertuples():
        mark = "“" + html.escape(str(r.text)) + "”" if r.quote_type == "direct" else html.escape(str(r.text))
        kind = "direct quote" if r.quote_type == "direct" else "paraphrase"
        items.append(
            '<li style="margin-bottom:6px">'
            f"<b>{html.escape(str(r.speaker))}</b> · {r.date:%d %b %Y} · <i>{kind}</i><br>{mark}<br>"
            f'<small>{safe_link(str(r.url), str(r.outlet))}</small></li>'
        )
    more = len(quotes) - limit
    tail = f"<p><i>… and {more} more; narrow the filters to see them.</i></p>" if more > 0 else ""
    return f'<ol style="padding-left:1.2em">{"".join(items)}</ol>{tail}' if items else "<p>No statements match.</p>"


class QuoteExplorer(W.VBox):
    """Filter the week's statements by actor, side, dates, quote type and text; chart and list follow."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.data = ds.statements.sort_values(["date", "id"]).reset_index(drop=True)
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
        self.quote_type = W.ToggleButtons(options=[ALL, "direct", "paraphrase"], value=ALL, description="Type")
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
        self.chart = charts.statements_by_day(self.filtered, title=f"Who spoke: {n} statements") if n else None
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            if self.chart is not None:
                display(self.chart)


def quote_explorer(ds: Dataset) -> QuoteExplorer:
    """The actor-statements explorer (notebook 01)."""
    return QuoteExplorer(ds)


class SentimentExplorer(W.VBox):
    """Pick a measure, a rolling window and sides; and score your own sentence with plain and domain VADER."""

    def __init__(self, ds: Dataset):
        from . import sentiment

        self._sentiment = sentiment
        self.ds = ds
        self.scored = ds.in_focus(sentiment.quotes_with_event_goldstein(ds))
        self.events = ds.in_focus(ds.events)
        self.window = W.IntSlider(value=1, min=1, max=5, description="Window (days)",
                                   style={"description_width": "initial"})
        self.sides = W.SelectMultiple(options=[(charts.SIDE_LABELS[s], s) for s in charts.SIDES],
                                      value=tuple(charts.SIDES), rows=4, description="Sides")
        quote_measures = [(label, key) for key, label in charts.MEASURES.items() if key != "goldstein"]
        self.measure = W.Dropdown(options=quote_measures, value="vader10", description="Quotes by")
        self.sentence = W.Text(value="", placeholder="Type a sentence to score…", description="Sentence",
                               continuous_update=True, layout=W.Layout(width="600px"))
        self.scores = W.HTML()
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
        super().__init__([W.HBox([self.sides, W.VBox([self.window, self.measure])]), self.index_out,
                          self.chart_out, self.sentence, self.scores])
        self._update_index()
        self._update_scatter()
        self._score_sentence()

    def _selected_events(self) -> pd.DataFrame:
        # Only the columns the index reads: copying every column of a large table would dominate.
        return self.events.loc[self.events["side"].isin(self.sides.value), ["date", "goldstein", "side"]]

    def _update_index(self, change: object = None) -> None:
        events = self._selected_events()
        self.index = self._sentiment.daily_index(events, window=self.window.value) if len(events) else None
        self.index_chart = charts.escalation_index(self.index) if self.index is not None else None
        with self.index_out:
            self.index_out.clear_output(wait=True)
            if self.index_chart is not None:
                display(self.index_chart)

    def _update_scatter(self, change: object = None) -> None:
        columns = ["goldstein", self.measure.value, "speaker", "side", "text"]
        scored = self.scored.loc[self.scored["side"].isin(self.sides.value), columns]
        self.chart = charts.sentiment_vs_goldstein(scored, self.measure.value) if len(scored) else None
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            if self.chart is not None:
                display(self.chart)

    def _score_sentence(self, change: object = None) -> None:
        text = self.sentence.value
        if not text.strip():
            self.scores.value = "<i>Type a sentence to see its plain and domain VADER scores.</i>"
            return
        s = self._sentiment
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


def _source_links(ds: Dataset, ids: str) -> str:
    """Escaped links to each source of a row, labelled by outlet."""
    from .factcheck import source_links

    return " · ".join(safe_link(url, outlet) for outlet, url in source_links(ds, ids))


def weapon_card(ds: Dataset, weapon_id: str) -> str:
    """Escaped HTML card for one weapon: what it is, its range and speed as sourced, its milestones."""
    from .weapons import MILESTONE_LABELS, PRECISION_LABELS

    w = ds.weapon_systems.set_index("id").loc[weapon_id]
    e = html.escape

    def row(label: str, value: object) -> str:
        return f"<tr><th style='text-align:left;padding-right:1em'>{label}</th><td>{e(str(value))}</td></tr>" \
            if pd.notna(value) and str(value) else ""

    if pd.notna(w["range_max_km"]):
        lo = f"{w['range_min_km']:,.0f}–" if pd.notna(w["range_min_km"]) else "up to "
        basis = "typical of its class, not measured" if w["range_basis"] == "class" else "stated for this weapon"
        reach = f"{lo}{w['range_max_km']:,.0f} km ({basis}); the source's words: “{w['range_wording']}”"
    else:
        reach = "no source in the data gives a range"
    ms = ds.milestones[ds.milestones["weapon_id"] == weapon_id].sort_values(["date", "id"])
    items = "".join(
        f"<li>{m.date:%d %b %Y} — {e(MILESTONE_LABELS[str(m.milestone)])} "
        f"<small>({e(PRECISION_LABELS[str(m.date_precision)])})</small>"
        f"{' — ' + e(str(m.note)) if pd.notna(m.note) else ''}<br><small>{_source_links(ds, m.source_ids)}</small></li>"
        for m in ms.itertuples())
    dates = f"<ol style='padding-left:1.2em'>{items}</ol>" if items else "<p><i>No milestones recorded.</i></p>"
    return (f"<h4 style='margin:4px 0'>{e(str(w['name']))}</h4><table>"
            f"{row('Category', w['category'])}{row('Origin', w['origin'])}{row('Operator', w['operator'])}"
            f"{row('Range', reach)}{row('Speed as claimed', w['speed_claimed'])}"
            f"{row('Speed as assessed', w['speed_assessed'])}</table>"
            f"<p>{e(str(w['description']))}<br><small>Sources: {_source_links(ds, w['source_ids'])}</small></p>"
            f"<b>Dates</b>{dates}")


def capability_columns(ds: Dataset, weapon_id: str) -> str:
    """Escaped HTML: claims by the side that fired the weapon beside assessments by others, each sourced."""
    from .weapons import ASSESSED, CLAIMED, capability_statements

    said = capability_statements(ds, weapon_id)
    cols = []
    for stance, tint in ((CLAIMED, "#fbe9df"), (ASSESSED, "#e3f0f9")):
        part = said[said["stance"] == stance]
        items = "".join(
            f"<li style='margin-bottom:6px'><b>{html.escape(str(r.actor))}</b> · {r.date:%d %b %Y}<br>"
            f"{html.escape(str(r.summary))}<br><small>{_source_links(ds, r.source_ids)}</small></li>"
            for r in part.itertuples()) or "<li><i>Nothing recorded.</i></li>"
        cols.append(f"<div style='flex:1;background:{tint};padding:6px 10px;border-radius:4px'>"
                    f"<b>{html.escape(stance.capitalize())} ({len(part)})</b>"
                    f"<ul style='padding-left:1.1em'>{items}</ul></div>")
    return f"<div style='display:flex;gap:12px'>{''.join(cols)}</div>"


def mention_item(ds: Dataset, event: pd.Series, quotes: pd.DataFrame) -> str:
    """Escaped HTML `<li>` for one event: date, actor, kind, summary, sources and its statements (`quotes`)."""
    said = quote_cards(quotes, limit=5) if len(quotes) else ""
    return (f"<li style='margin-bottom:8px'><b>{event['date']:%d %b %Y}</b> · {html.escape(str(event['actor']))} · "
            f"<i>{html.escape(str(event['kind']))}</i><br>{html.escape(str(event['summary']))}<br>"
            f"<small>{_source_links(ds, event['source_ids'])}</small>{said}</li>")


def mention_list(ds: Dataset, events: pd.DataFrame, statements: pd.DataFrame, limit: int = LIST_LIMIT,
                 cache: dict[str, str] | None = None) -> str:
    """Escaped HTML list of the events that name a weapon, each with its statements and sources.

    An explorer passes a `cache` (event id → item) so redrawing a window does not rebuild every item.
    """
    if events.empty:
        return "<p>No event in this window names this system.</p>"
    cache = {} if cache is None else cache
    shown = events.head(limit)
    # One pass to keep the statements of the shown events, not one scan per event.
    statements = statements[statements["event_id"].isin(set(shown["id"]) - set(cache))]
    by_event = {k: g for k, g in statements.groupby("event_id", observed=True, sort=False)}
    items = []
    for _, event in shown.iterrows():
        if event["id"] not in cache:
            cache[event["id"]] = mention_item(ds, event, by_event.get(event["id"], statements.iloc[:0]))
        items.append(cache[event["id"]])
    more = len(events) - limit
    tail = f"<p><i>… and {more} more events; narrow the dates to see them.</i></p>" if more > 0 else ""
    return f"<ul style='padding-left:1.2em'>{''.join(items)}</ul>{tail}"


class WeaponExplorer(W.VBox):
    """Pick a weapon system and a date window: the timeline zooms, the card and the mentions follow."""

    def __init__(self, ds: Dataset):
        from .weapons import system_order

        self.ds = ds
        names = ds.weapon_systems.set_index("name")["id"].astype(str)
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
        self.count.value = (f"<b>{len(self.events)}</b> of {total} events naming this system fall in "
                            f"{start} – {end}, with <b>{len(self.statements)}</b> statements.")
        self.mentions.value = mention_list(self.ds, self.events, self.statements, cache=self._items)
        key = (weapon, start, end)
        if key not in self._charts:
            if len(self._charts) >= CHART_CACHE:
                self._charts.pop(next(iter(self._charts)))  # the oldest: flipping between a few views stays instant
            # Altair checks every part of a chart as it is built and again when it is drawn; once is enough here.
            with debug_mode(False):
                self._charts[key] = charts.weapon_timeline(self.ds, start, end, highlight=weapon,
                                                           title=f"{start} to {end}", tables=self._tables)
        self.chart = self._charts[key]
        with self.chart_out:
            self.chart_out.clear_output(wait=True)
            display(self.chart)


def weapon_explorer(ds: Dataset) -> WeaponExplorer:
    """The weapon-systems explorer (notebook 02)."""
    return WeaponExplorer(ds)


# --------------------------------------------------------------------------------------------
# Fact check (notebook 04)


def _verdict_badge(verdict: str) -> str:
    color = charts.VERDICT_COLORS.get(verdict, "#777")
    return (f'<span style="background:{color};color:#fff;border-radius:3px;padding:0 5px;font-size:90%">'
            f"{html.escape(verdict)}</span>")


def claim_cards(claims: pd.DataFrame, limit: int = LIST_LIMIT) -> str:
    """Escaped HTML list of claims: id, verdict badge, the claim in our words, and the reason."""
    items = [
        '<li style="margin-bottom:6px">'
        f"<b>{html.escape(str(r.id))}</b> {_verdict_badge(str(r.verdict))} {html.escape(str(r.claim))}"
        f"<br><small><i>Why:</i> {html.escape(str(r.reason))}</small></li>"
        for r in claims.head(limit).itertuples()
    ]
    return f'<ul style="padding-left:1.2em">{"".join(items)}</ul>' if items else "<p>No claims match.</p>"


def evidence_table(ds: Dataset, claim_id: str) -> str:
    """Escaped HTML table of one claim's evidence rows, each with links to its sources."""
    from .factcheck import evidence

    # JupyterLab right-aligns table cells by default; prose reads better left-aligned and top-aligned.
    td = '<td style="text-align:left;vertical-align:top;padding:3px 6px">'
    rows = []
    for r in evidence(ds, claim_id).itertuples():
        links = _source_links(ds, r.source_ids)
        rows.append(f"<tr>{td}{html.escape(r.id)}</td>{td}{html.escape(r.kind)}</td>{td}{r.date:%d %b %Y}</td>"
                    f"{td}{html.escape(r.who)}</td>{td}{html.escape(r.what)}<br><small>{links}</small></td></tr>")
    head = "".join(f'<th style="text-align:left">{h}</th>' for h in ("row", "kind", "date", "who",
                                                                      "what, and who reported it"))
    return f'<table style="border-collapse:collapse"><tr>{head}</tr>{"".join(rows)}</table>'


class ClaimsExplorer(W.VBox):
    """Filter the article's claims by verdict or a word; pick one to read its evidence and sources."""

    def __init__(self, ds: Dataset):
        from .factcheck import VERDICTS, claims_overview

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
                display(self.chart)
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


def claim_card(ds: Dataset, claim_id: str) -> HTML:
    """One claim as a static card: the claim in our words and its evidence table, then its verdict and reason
    folded away until the reader opens them (an HTML <details>, which opens without a kernel, in a saved
    notebook too): the reader judges the claim from the evidence first."""
    row = ds.claims.set_index("id").loc[claim_id]
    return HTML(f"<p><b>{html.escape(claim_id)}</b> {html.escape(str(row['claim']))}</p>"
                f"{evidence_table(ds, claim_id)}"
                f'<details style="margin-top:6px"><summary><b>Reveal the verdict</b> (judge the claim first)</summary>'
                f"<p>{_verdict_badge(str(row['verdict']))} <i>Why:</i> {html.escape(str(row['reason']))}</p>"
                "</details>")


def renderings_card(ds: Dataset, statement_id: str) -> HTML:
    """The renderings of one statement side by side, each word that no other rendering uses in bold."""
    import re

    from .factcheck import compare_renderings

    cells = []
    for r in compare_renderings(ds, statement_id).itertuples():
        own = set(filter(None, r.only_here.split(", ")))
        # Split into words and the rest, escape each piece, and bold the words only this rendering has.
        pieces = re.split(r"([A-Za-z]+(?:['’][A-Za-z]+)?)", str(r.text))
        text = "".join(f"<b>{html.escape(p)}</b>" if p.casefold().replace("’", "'") in own else html.escape(p)
                       for p in pieces)
        cells.append(f'<td style="text-align:left;vertical-align:top;padding:6px;border:1px solid #ddd">'
                     f"<small>{html.escape(str(r.outlet))}</small><br>“{text}”</td>")
    return HTML(f'<table style="border-collapse:collapse;table-layout:fixed"><tr>{"".join(cells)}</tr></table>')
