"""The HTML cards, written out by hand for two or three rows: what a reader sees, escaped, in order."""

from __future__ import annotations

import re

import pandas as pd

from helpers import cards

LINK = ' target="_blank" rel="noopener noreferrer"'


def _quotes() -> pd.DataFrame:
    return pd.DataFrame({
        "text": ['We will "act"', "Said no"],
        "quote_type": ["direct", "paraphrase"],
        "speaker": ["A & B", "C"],
        "date": pd.to_datetime(["2024-11-21", "2024-11-22"]),
        "url": ["https://e.org/x?a=1&b=2", "javascript:alert(1)"],
        "outlet": ["Outlet", "Bad <i>"],
    })


FIRST = ('<li style="margin-bottom:6px"><b>A &amp; B</b> · 21 Nov 2024 · <i>direct quote</i><br>'
         '“We will &quot;act&quot;”<br><small><a href="https://e.org/x?a=1&amp;b=2"' + LINK + '>Outlet</a>'
         '</small></li>')
SECOND = ('<li style="margin-bottom:6px"><b>C</b> · 22 Nov 2024 · <i>paraphrase</i><br>Said no<br>'
          '<small>Bad &lt;i&gt;</small></li>')


def test_quote_cards_by_hand() -> None:
    assert cards.quote_cards(_quotes()) == f'<ol style="padding-left:1.2em">{FIRST}{SECOND}</ol>'
    assert cards.quote_cards(_quotes(), limit=1) == (
        f'<ol style="padding-left:1.2em">{FIRST}</ol><p><i>… and 1 more; narrow the filters to see them.</i></p>')
    assert cards.quote_cards(_quotes().iloc[:0]) == "<p>No statements match.</p>"


def test_claim_cards_by_hand() -> None:
    claims = pd.DataFrame({"id": ["C1"], "verdict": ["supported"], "claim": ["x < y"], "reason": ["R & D"]})
    out = cards.claim_cards(claims)
    assert out.startswith('<ul style="padding-left:1.2em"><li style="margin-bottom:6px"><b>C1</b> <span ')
    assert out.endswith(">supported</span> x &lt; y<br><small><i>Why:</i> R &amp; D</small></li></ul>")
    assert cards.claim_cards(claims.iloc[:0]) == "<p>No claims match.</p>"


def test_mention_list_counts_what_it_leaves_out(ds) -> None:
    events = ds.events.sort_values("id").head(3)
    none = ds.statements.iloc[:0]
    one_left = cards.mention_list(ds, events, none, limit=2)
    assert one_left.count("<li ") == 2
    assert one_left.endswith("</ul><p><i>… and 1 more event; narrow the dates to see them.</i></p>")
    assert cards.mention_list(ds, events, none, limit=1).endswith(
        "</ul><p><i>… and 2 more events; narrow the dates to see them.</i></p>")
    assert cards.mention_list(ds, events, none, limit=3).endswith("</li></ul>")
    assert cards.mention_list(ds, events.iloc[:0], none) == "<p>No event in this window names this system.</p>"


def test_capability_columns_are_two_lists_of_items(ds) -> None:
    out = cards.capability_columns(ds, "oreshnik")
    # Two columns, each a list whose items follow one another with nothing between them.
    assert out.count("<ul ") == 2
    for items in re.findall(r"<ul style='padding-left:1.1em'>(.*?)</ul>", out):
        assert re.fullmatch(r"(<li[ >](?:(?!</li>).)*</li>)+", items), items[:200]
