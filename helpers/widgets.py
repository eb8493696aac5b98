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
from IPython.display import display

from . import charts
from .data import Dataset

ALL = "All"
LIST_LIMIT = 40


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
        self.dates = W.SelectionRangeSlider(options=days, index=(days.index(in_week[0]), days.index(in_week[-1])),
                                            description="Dates", layout=W.Layout(width="520px"))
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
        self.count.value = f"<b>{n}</b> of {total} statements match."
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
        self.window = W.IntSlider(value=1, min=1, max=5, description="Window (days)")
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
