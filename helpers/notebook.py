"""Notebook setup: the chart renderer, the theme, display options; then the dataset.

Every chart a cell shows goes out as one output bundle with three parts:

- `application/vnd.vegalite.v5+json`: the interactive chart, which JupyterLab 4 draws with the Vega it bundles
  (no network), with the SVG renderer so screen readers get the chart's name;
- `image/svg+xml`: the same chart drawn offline by vl-convert, with the description as its title and label, for
  everything that does not run Vega: GitHub's and nbviewer's previews, `jupyter nbconvert --to html`, a
  learning-management system;
- `text/plain`: the description, so even a text-only view says what the chart shows.

Charts inside an explorer are redrawn on every change and need the kernel anyway: `live(chart)` shows only the
interactive part, without the cost of drawing an image, and without checking the spec against the Vega-Lite schema
again: that check took three quarters of a redraw, and the tests make it on every explorer's charts as they change.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from .charts.theme import STATIC_CONFIG, THEME
from .data import Dataset, load_dataset

RENDERER = "escalation_week"
VEGALITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
VL_VERSION = "5.20"  # the Vega-Lite that Altair 5.5 writes
# The SVG renderer, so the text of a chart is in the page (readable, measurable); no actions menu: its button has
# no accessible name (axe: summary-name), and its editor link needs the network. The static SVG is the export.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}


def description(spec: dict[str, Any]) -> str:
    """The chart's alt text: its title and its `description` (every builder sets one)."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    text = str(spec.get("description", "")).strip()
    return f"Chart: {title}. {text}".strip() if title else f"Chart. {text}".strip()


def static_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG image, drawn offline, labelled with its description for screen readers."""
    svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, config=STATIC_CONFIG)
    alt_text = html.escape(description(spec), quote=True)
    head = re.match(r"<svg\b[^>]*>", svg)
    if head is None:
        raise ValueError("vl-convert returned no <svg> element")
    tag = head.group(0)[:-1] + f' role="img" aria-label="{alt_text}">'
    return tag + f"<title>{alt_text}</title>" + _lean(svg[head.end():])


LONG_PATH = 2000  # characters: a border or a dense line, whose points a whole pixel places well enough


def _lean(body: str) -> str:
    """The drawing without what only the interactive chart needs: one label for the whole image, not one per
    mark (Vega's ARIA roles and labels, class names), and coordinates to a tenth of a pixel (a whole pixel in
    long paths such as a map's borders). A third the size."""
    body = re.sub(r'\s(?:role|aria-[a-z]+|class)="[^"]*"', "", body)

    def coords(m: re.Match[str]) -> str:
        text = m.group(2)
        if m.group(1) == "d" and len(text) > LONG_PATH:
            text = re.sub(r"-?\d+\.\d+", lambda n: str(round(float(n.group(0)))), text)
        else:
            text = re.sub(r"(\d+\.\d)\d+", r"\1", text)
        return f' {m.group(1)}="{text}"'

    return re.sub(r'\s(d|transform|points)="([^"]*)"', coords, body)


def bundle(spec: dict[str, Any], static: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The output bundle (data, metadata) for one Vega-Lite spec."""
    data: dict[str, Any] = {VEGALITE: spec, "text/plain": description(spec)}
    metadata: dict[str, Any] = {VEGALITE: {"embed_options": dict(EMBED_OPTIONS)}}
    if static:
        data[SVG] = static_svg(spec)
    return data, metadata


def _render(spec: dict[str, Any], **_: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return bundle(spec)


alt.renderers.register(RENDERER, _render)


class live:
    """A chart shown interactive only (an explorer redraws it on every change and needs the kernel anyway)."""

    def __init__(self, chart: alt.TopLevelMixin):
        self.chart = chart

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        return bundle(self.chart.to_dict(validate=False), static=False)


def setup_notebook(data_dir: str | Path | None = None) -> Dataset:
    """Prepare a notebook: the chart renderer, the theme, display options; return the dataset.

    Charts are Vega-Lite 5 JSON that JupyterLab draws with its own bundled Vega — no network, still shown when
    a saved notebook is reopened — together with a static SVG and the chart's description for every other viewer.
    """
    alt.renderers.enable(RENDERER)
    alt.theme.enable(THEME)
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 40)
    return load_dataset(data_dir)
