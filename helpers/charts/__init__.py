"""Altair chart builders and the collection's one theme, by theme of the notebooks.

Builders are pure spec builders: they take tables the domain modules (`statements`, `sentiment`, `weapons`,
`factcheck`) prepared, and return an Altair chart with a `description` made from its data. Above `MAX_POINTS`
rows or `MAX_PERIODS` days they draw what `binning` counted or binned, and the subtitle says so.
Selections and params always carry an explicit `name=`: on Altair 5 unnamed ones take a process-wide
counter, and the spec would depend on what ran before it.

- `theme`: colours (sides, the palette for everything else), the theme, contrast, alt text
- `binning`: the >500-row / >120-day aggregation policy
- `statements`, `escalation`, `weapons`, `factcheck`, `overview`: the charts of notebooks 01, 03, 02, 04, 00
- `maps`: the strike map of notebooks 00 and 02
"""

from ..escalation import MEASURES, key_events
from ..factcheck import outlet_counts, outlet_name
from ..statements import response_links, statement_points
from .binning import (
    GRAINS,
    MAX_CELLS,
    MAX_LABELS,
    MAX_LINKS,
    MAX_PERIODS,
    MAX_POINTS,
    grain_for,
    period_start,
    time_bins,
)
from .escalation import INDEX_TITLE, escalation_index, measures_by_day, sentiment_by_side, sentiment_vs_goldstein
from .factcheck import VERDICT_COLORS, VERDICT_ORDER, contested_figures, verdict_chart, verdict_scale
from .maps import strike_map
from .overview import coverage_by_month, coverage_by_period, rows_per_table, sources_per_outlet, statements_per_side
from .statements import call_and_response, statements_by_day
from .theme import (
    FONT,
    LAPTOP_COLUMN,
    MIN_DISTANCE,
    NEUTRAL,
    PALETTE,
    SIDE_COLORS,
    SIDE_LABELS,
    SIDES,
    STATIC_CONFIG,
    THEME,
    TOOLTIP_CHARS,
    contrast,
    describe,
    palette_scale,
    side_label,
    side_scale,
    text_on,
    utc_domain,
)
from .weapons import (
    MILESTONE_COLORS,
    MILESTONE_SHAPES,
    MILESTONE_STYLE,
    UTC,
    TimelineTables,
    capability_chart,
    milestone_points,
    signal_points,
    timeline_tables,
    timeline_zoom,
    weapon_ranges,
    weapon_timeline,
)

__all__ = [
    "FONT",
    "GRAINS",
    "INDEX_TITLE",
    "LAPTOP_COLUMN",
    "MAX_CELLS",
    "MAX_LABELS",
    "MAX_LINKS",
    "MAX_PERIODS",
    "MAX_POINTS",
    "MEASURES",
    "MILESTONE_COLORS",
    "MILESTONE_SHAPES",
    "MILESTONE_STYLE",
    "MIN_DISTANCE",
    "NEUTRAL",
    "PALETTE",
    "SIDES",
    "SIDE_COLORS",
    "SIDE_LABELS",
    "STATIC_CONFIG",
    "THEME",
    "TOOLTIP_CHARS",
    "UTC",
    "VERDICT_COLORS",
    "VERDICT_ORDER",
    "TimelineTables",
    "call_and_response",
    "capability_chart",
    "contested_figures",
    "contrast",
    "coverage_by_month",
    "coverage_by_period",
    "describe",
    "escalation_index",
    "grain_for",
    "key_events",
    "measures_by_day",
    "milestone_points",
    "outlet_counts",
    "outlet_name",
    "palette_scale",
    "period_start",
    "response_links",
    "rows_per_table",
    "sentiment_by_side",
    "sentiment_vs_goldstein",
    "setup_notebook",
    "side_label",
    "side_scale",
    "signal_points",
    "sources_per_outlet",
    "statement_points",
    "statements_by_day",
    "statements_per_side",
    "strike_map",
    "text_on",
    "time_bins",
    "timeline_tables",
    "timeline_zoom",
    "utc_domain",
    "verdict_chart",
    "verdict_scale",
    "weapon_ranges",
    "weapon_timeline",
]


def __getattr__(name: str):
    # `charts.setup_notebook` as before; imported on first use, since the notebook module imports the theme.
    if name == "setup_notebook":
        from ..notebook import setup_notebook

        return setup_notebook
    raise AttributeError(f"module 'helpers.charts' has no attribute {name!r}")
