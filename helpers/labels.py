"""Names shared by tables, charts and explorers: the sides and how they read, and text cut to a tooltip."""

from __future__ import annotations

import pandas as pd

from .vocabulary import SIDES as _SIDES

SIDES = list(_SIDES)
SIDE_LABELS = {
    "russia_and_partners": "Russia & partners",
    "ukraine": "Ukraine",
    "western_partners": "Western partners",
    "other": "Other",
}
TOOLTIP_CHARS = 160


def side_label(side: pd.Series) -> pd.Series:
    """Readable side names for chart legends."""
    return side.astype("string").map(SIDE_LABELS)


def plural(n: int, noun: str) -> str:
    """'1 event', '2 events', '1,200 events': a count and its noun (a regular plural in -s)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def short(text: pd.Series, limit: int = TOOLTIP_CHARS) -> pd.Series:
    """Text cut to a tooltip's length (the explorers' lists show it whole)."""
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")


def weapon_short(names: pd.Series) -> pd.Series:
    """A weapon's name without its long form or second name: 'ATACMS (Army Tactical Missile System)' → 'ATACMS',
    'Storm Shadow / SCALP-EG' → 'Storm Shadow'. A missing name stays missing."""
    return names.astype("string").str.split(r" [(/]", regex=True).str[0]
