"""The collection's one colour language, its theme, and what every chart carries for readers who cannot see it.

- **Side colours mean sides and nothing else** (`SIDE_COLORS`, Okabe–Ito). Every other category takes its colours
  from `PALETTE`, none of which is near a side colour, and where a chart needs more categories than the palette
  can tell apart, a shape tells them apart too.
- Colours a reader must tell apart in one chart stay at least `MIN_DISTANCE` apart in CAM02-UCS, for normal vision
  and under simulated deuteranopia and protanopia (tests/test_colours.py measures it with `colorspacious`).
- Text on a coloured background meets WCAG AA (4.5:1): `text_on(colour)` picks black or white.
- Every chart fits the notebook column of a 1366×768 laptop (`LAPTOP_COLUMN` px, legend included) and carries a
  `description` made from its data: its alt text, for screen readers and for the static image.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from ..labels import SIDE_LABELS, SIDES, TOOLTIP_CHARS, side_label

__all__ = [
    "FONT",
    "LAPTOP_COLUMN",
    "MIN_DISTANCE",
    "NEUTRAL",
    "PALETTE",
    "SIDES",
    "SIDE_COLORS",
    "SIDE_LABELS",
    "STATIC_CONFIG",
    "THEME",
    "TOOLTIP_CHARS",
    "UNKNOWN_SIDE",
    "WIDTH",
    "contrast",
    "describe",
    "nothing_to_draw",
    "palette_scale",
    "side_label",
    "side_scale",
    "text_on",
]

THEME = "escalation_week"

# Okabe–Ito for the three named sides; a light grey for "other", which stays apart from the bluish green under
# deuteranopia (Okabe–Ito's mid grey does not).
SIDE_COLORS = {
    "russia_and_partners": "#D55E00",
    "ukraine": "#0072B2",
    "western_partners": "#009E73",
    "other": "#B4B4B4",
}
# Everything that is not a side: indigo, sand, wine, sky, near-black (from Paul Tol's and Okabe–Ito's
# colour-blind-safe sets), each at least MIN_DISTANCE from every side colour and from each other.
PALETTE = {"indigo": "#332288", "sand": "#DDCC77", "wine": "#882255", "sky": "#56B4E9", "ink": "#222222"}
NEUTRAL = "#555555"  # one-colour marks that encode nothing (bars of a single series, rules, frames)
MIN_DISTANCE = 15.0  # CAM02-UCS ΔE between colours a reader must tell apart, under every simulated vision

# Arial's metrics everywhere: Liberation Sans (Linux, and vl-convert's own) and Arimo (ChromeOS) are metric
# copies of it, so labels measured in the tests take the same room on a school laptop.
FONT = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
LAPTOP_COLUMN = 860  # px: a notebook's output column in JupyterLab at 1366×768, file browser open
WIDTH = 560  # px: the plotting area of a full-width chart, leaving room for labels and a legend
# The static image names the same fonts: vl-convert measures its labels with Liberation Sans (it always has it, and
# Arial's metrics are the same), and whoever views the image draws them in Arial or one of its metric copies.
STATIC_CONFIG = {"font": FONT}

# Advance widths of Arial (= Helvetica = Liberation Sans) in thousandths of the font size, for printable ASCII
# from ' ' to '~' (the standard Helvetica AFM), so a label's box is as wide as its text: an average width made
# 'Kursk-Vostochny (Khalino) airbase' 40 px too wide and 'Kyiv' too narrow.
_WIDTHS = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
           556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
           1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
           667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
           333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
           556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]
_OTHER_WIDTHS = {"–": 556, "—": 1000, "·": 278, "×": 584, "’": 222, "‘": 222, "“": 333, "”": 333, "…": 1000}


def text_width(text: str, size: float) -> float:
    """The width in px of `text` set in the charts' font (regular or italic) at `size` px. An accented letter
    takes its base letter's width; any other character an average one."""
    total = 0
    for ch in str(text):
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        total += (_WIDTHS[ord(base) - 32] if " " <= base <= "~" else _OTHER_WIDTHS.get(ch, 556))
    return total * size / 1000


@alt.theme.register(THEME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # One name for the whole chart (its description, on Vega's container) instead of a label on every
            # mark and axis: a screen reader hears what the chart shows, and no mark is left with a role and no name.
            "aria": False,
            "mark": {"aria": False},
            "background": "white",
            "view": {"continuousWidth": WIDTH, "continuousHeight": 260, "stroke": None},
            "font": FONT,
            "title": {"anchor": "start", "fontSize": 15, "subtitleColor": "#444444", "subtitleFontSize": 12,
                      "limit": LAPTOP_COLUMN - 20},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6", "labelColor": "#333333",
                     "titleColor": "#222222"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "direction": "horizontal",
                       "labelLimit": 220, "columns": 4, "symbolStrokeWidth": 1.5},
        }
    }


UNKNOWN_SIDE = "Not known"  # a speaker outside actors.csv (e.g. an anonymous official of unknown nationality)


def side_scale(unknown: bool = False) -> alt.Scale:
    """The fixed colour scale for sides, the same in every chart; `unknown` adds near-black for 'Not known'."""
    domain, colours = [SIDE_LABELS[s] for s in SIDES], [SIDE_COLORS[s] for s in SIDES]
    if unknown:
        domain, colours = [*domain, UNKNOWN_SIDE], [*colours, PALETTE["ink"]]
    return alt.Scale(domain=domain, range=colours)


# A tick, grid line or label at a fraction of a count ('0.5 claims') is hidden: `tickMinStep` only caps how many
# ticks Vega asks for, and over a count of 2 d3 still picks a step of 0.5.
_WHOLE = {"condition": {"test": "datum.value % 1 !== 0", "value": 0}, "value": 1}


def count_axis() -> alt.Axis:
    """An axis of whole counts: ticks, grid lines and labels (without decimals) at whole numbers only."""
    return alt.Axis(tickMinStep=1, format="d", labelExpr="datum.value % 1 ? '' : datum.label", tickOpacity=_WHOLE,
                    gridOpacity=_WHOLE)


MAX_DAY_TICKS = 31  # a span of up to this many days gets a labelled tick a day (a month)


def day_axis(title: str | None = None) -> alt.Axis:
    """A time axis with a tick a day, each labelled on two lines ('Sat' over '23 Nov'): no hour ticks
    ('12 PM') between days, and which day of the week it was without counting."""
    return alt.Axis(title=title, labelAngle=0, tickCount={"interval": "day", "step": 1}, grid=False,
                    labelExpr="[utcFormat(datum.value, '%a'), utcFormat(datum.value, '%-d %b')]")


def utc_days(first: pd.Timestamp, last: pd.Timestamp) -> alt.Scale:
    """A UTC time scale from half a day before `first` to half a day after `last`, so no mark sits on an edge."""
    lo, hi = first - pd.Timedelta(hours=12), last + pd.Timedelta(hours=12)
    return alt.Scale(type="utc", domain=utc_domain(lo, hi))


def utc_domain(*moments: str | pd.Timestamp) -> list[alt.DateTime]:
    """A time scale's domain as Vega-Lite date-times in UTC, not as date strings: Vega's expression interpreter
    (the handouts draw with it, so their pages need no `eval`) does not parse a string domain, and every mark
    of the chart then lands at NaN."""
    out = []
    for moment in moments:
        t = pd.Timestamp(moment)
        t = t.tz_convert("UTC").tz_localize(None) if t.tzinfo is not None else t
        out.append(alt.DateTime(year=t.year, month=t.month, date=t.day, hours=t.hour, minutes=t.minute,
                                seconds=t.second, utc=True))
    return out


def palette_scale(domain: list[str], colours: list[str]) -> alt.Scale:
    """A colour scale for a category that is not a side: `colours` are names in `PALETTE`."""
    return alt.Scale(domain=domain, range=[PALETTE[c] for c in colours])


# --------------------------------------------------------------------------------------------
# Contrast (WCAG 2.x)


def _luminance(colour: str) -> float:
    h = colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours, from 1 (none) to 21 (black on white)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on `background`."""
    return "#000000" if contrast("#000000", background) >= contrast("#ffffff", background) else "#ffffff"


# --------------------------------------------------------------------------------------------
# Alt text


def describe(what: str, point: str) -> str:
    """A chart's description (its alt text): what it shows, then its main point, both from its data."""
    what, point = what.strip().rstrip("."), point.strip().rstrip(".")
    return f"{what}. {point}." if point else f"{what}."


def day_label(day: pd.Timestamp) -> str:
    """'21 Nov' — a day as the charts and their descriptions say it."""
    return f"{day.day} {day:%b}"


def nothing_to_draw(title: str | alt.Title, what: str, wrap: Callable[[alt.Chart], Any] | None = None) -> Any:
    """The chart for a table with no rows to draw: its title, and a line in words where the marks would be
    (an empty frame, a filter that matched nothing), instead of empty axes or a traceback from deep inside.
    `wrap` (`alt.vconcat`, `alt.layer`) gives it the kind of chart the builder promises."""
    line = f"Nothing to draw: no {what}. Check the filter: it matched no rows."
    mark = alt.Chart(pd.DataFrame({"line": [line]})).mark_text(
        align="left", baseline="middle", fontSize=13, fontStyle="italic", color="#222222").encode(
        x=alt.value(0), y=alt.value(20), text="line:N").properties(name="nothing_to_draw", width=WIDTH, height=40)
    return (wrap(mark) if wrap else mark).properties(title=title, description=describe(line, ""))


def titled(title: str, note: str | list[str]) -> alt.Title:
    """A title with a subtitle that says what was aggregated or left out (a list: one line each)."""
    return alt.Title(title, subtitle=note)
