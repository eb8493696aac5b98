"""HTML cards: quotes, weapon systems, claims with their verdicts and evidence, renderings side by side.

Text from the data is untrusted: every value goes through `html.escape`, and links only keep http(s).
Coloured labels (the verdict badges) take black or white text, whichever meets WCAG AA on their colour.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlparse

import pandas as pd
from IPython.display import HTML

from .charts.factcheck import VERDICT_COLORS
from .charts.theme import NEUTRAL, text_on
from .data import Dataset
from .factcheck import compare_renderings, evidence, source_links
from .labels import plural
from .weapons import ASSESSED, CLAIMED, MILESTONE_LABELS, PRECISION_LABELS, capability_statements, resolve_weapon

LIST_LIMIT = 40


def safe_link(url: str, label: str) -> str:
    """An escaped `<a>` for an http(s) URL; any other scheme is shown as plain escaped text."""
    if urlparse(url).scheme not in ("http", "https"):
        return html.escape(label)
    return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(label)}</a>")


def _source_links(ds: Dataset, ids: str) -> str:
    """Escaped links to each source of a row, labelled by outlet."""
    return " · ".join(safe_link(url, outlet) for outlet, url in source_links(ds, ids))


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


def weapon_card(ds: Dataset, weapon_id: str) -> str:
    """Escaped HTML card for one weapon: what it is, its range and speed as sourced, its milestones."""
    weapon_id = resolve_weapon(ds, weapon_id)
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
    return (f"<h3 style='margin:4px 0;font-size:110%'>{e(str(w['name']))}</h3><table>"
            f"{row('Category', w['category'])}{row('Origin', w['origin'])}{row('Operator', w['operator'])}"
            f"{row('Range', reach)}{row('Speed as claimed', w['speed_claimed'])}"
            f"{row('Speed as assessed', w['speed_assessed'])}</table>"
            f"<p>{e(str(w['description']))}<br><small>Sources: {_source_links(ds, w['source_ids'])}</small></p>"
            f"<b>Dates</b>{dates}")


def capability_columns(ds: Dataset, weapon_id: str) -> str:
    """Escaped HTML: claims by the side that fired the weapon beside assessments by others, each sourced."""
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
    tail = f"<p><i>… and {plural(more, 'more event')}; narrow the dates to see them.</i></p>" if more > 0 else ""
    return f"<ul style='padding-left:1.2em'>{''.join(items)}</ul>{tail}"


def verdict_badge(verdict: str) -> str:
    """An escaped verdict label on its verdict's colour, in black or white text, whichever contrasts more."""
    color = VERDICT_COLORS.get(verdict, NEUTRAL)
    return (f'<span style="background:{color};color:{text_on(color)};border-radius:3px;padding:0 5px;'
            f'font-size:90%">{html.escape(verdict)}</span>')


def claim_cards(claims: pd.DataFrame, limit: int = LIST_LIMIT) -> str:
    """Escaped HTML list of claims: id, verdict badge, the claim in our words, and the reason."""
    items = [
        '<li style="margin-bottom:6px">'
        f"<b>{html.escape(str(r.id))}</b> {verdict_badge(str(r.verdict))} {html.escape(str(r.claim))}"
        f"<br><small><i>Why:</i> {html.escape(str(r.reason))}</small></li>"
        for r in claims.head(limit).itertuples()
    ]
    return f'<ul style="padding-left:1.2em">{"".join(items)}</ul>' if items else "<p>No claims match.</p>"


def evidence_table(ds: Dataset, claim_id: str) -> str:
    """Escaped HTML table of one claim's evidence rows, each with links to its sources."""
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


def claim_card(ds: Dataset, claim_id: str) -> HTML:
    """One claim as a static card: the claim in our words and its evidence table, then its verdict and reason
    folded away until the reader opens them (an HTML <details>, which opens without a kernel, in a saved
    notebook too): the reader judges the claim from the evidence first."""
    row = ds.claims.set_index("id").loc[claim_id]
    return HTML(f"<p><b>{html.escape(claim_id)}</b> {html.escape(str(row['claim']))}</p>"
                f"{evidence_table(ds, claim_id)}"
                f'<details style="margin-top:6px"><summary><b>Reveal the verdict</b> (judge the claim first)</summary>'
                f"<p>{verdict_badge(str(row['verdict']))} <i>Why:</i> {html.escape(str(row['reason']))}</p>"
                "</details>")


def renderings_card(ds: Dataset, statement_id: str) -> HTML:
    """The renderings of one statement side by side, each word that no other rendering uses in bold."""
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
