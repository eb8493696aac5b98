"""One colour language: sides only in side colours; colours a reader must tell apart stay apart under simulated
deuteranopia and protanopia (colorspacious, CAM02-UCS); text on coloured backgrounds meets WCAG AA."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from colorspacious import cspace_convert

from helpers import cards, charts
from helpers.data import DATA_DIR

VISIONS = ("normal", "deuteranomaly", "protanomaly")
VEGALITE = "application/vnd.vegalite.v5+json"


def _ucs(colour: str, vision: str) -> np.ndarray:
    h = colour.lstrip("#")
    rgb = np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255
    if vision != "normal":
        rgb = np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def distance(a: str, b: str) -> float:
    """The smallest CAM02-UCS distance between two colours, over normal vision and full dichromacy."""
    return min(float(np.linalg.norm(_ucs(a, v) - _ucs(b, v))) for v in VISIONS)


def test_the_simulation_can_tell_a_confusable_pair() -> None:
    # Red and green of equal lightness are the textbook deuteranope confusion; black and white are not.
    assert distance("#CC3333", "#669900") < charts.MIN_DISTANCE < distance("#000000", "#FFFFFF")
    # Okabe–Ito's mid grey and bluish green, the old "other" and "Western partners", fall together too.
    assert distance("#999999", "#009E73") < charts.MIN_DISTANCE


def test_side_colours_stay_apart() -> None:
    for a, b in itertools.combinations(charts.SIDE_COLORS.values(), 2):
        assert distance(a, b) >= charts.MIN_DISTANCE, (a, b, distance(a, b))


def test_the_palette_stays_apart_and_away_from_every_side() -> None:
    for a, b in itertools.combinations(charts.PALETTE.values(), 2):
        assert distance(a, b) >= charts.MIN_DISTANCE, (a, b, distance(a, b))
    for colour in charts.PALETTE.values():
        for side in charts.SIDE_COLORS.values():
            assert distance(colour, side) >= charts.MIN_DISTANCE, (colour, side, distance(colour, side))


def _scales(spec: object):
    """(field, encoding channel, scale) for every colour or shape encoding with a fixed range in a spec."""
    if isinstance(spec, dict):
        enc = spec.get("encoding", {})
        for channel in ("color", "fill", "stroke", "shape"):
            e = enc.get(channel)
            if isinstance(e, dict) and "scale" in e and "range" in e["scale"]:
                yield e.get("field") or e.get("datum"), channel, e, enc
        for value in spec.values():
            yield from _scales(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _scales(value)


def _saved_specs():
    for path in sorted((DATA_DIR.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get(VEGALITE)
                if spec:
                    yield f"{path.stem} cell {i}", spec


def test_every_saved_chart_keeps_the_colour_language() -> None:
    """Side colours only on the side field; every other pair in one scale distinguishable by colour or shape."""
    sides = set(charts.SIDE_COLORS.values())
    checked = 0
    for where, spec in _saved_specs():
        for field, channel, enc, unit in _scales(spec):
            if channel == "shape":
                continue
            if channel == "fill" and enc.get("legend", "") is None and field == "shade":
                continue  # the map's country shading: a background, every country named on the map itself
            colours = enc["scale"]["range"]
            if field in ("side", "properties.side"):  # the map's reach lines are GeoJSON features
                # Sides in their colours; a version by a speaker outside actors.csv is "Not known", in near-black.
                assert colours in (list(charts.SIDE_COLORS.values()),
                                   [*charts.SIDE_COLORS.values(), charts.PALETTE["ink"]]), where
                continue
            assert not sides & set(colours), f"{where}: {field} uses a side's colour"
            shapes = unit.get("shape", {}).get("scale", {}).get("range") if unit.get("shape", {}).get(
                "field") == field else None
            for i, j in itertools.combinations(range(len(colours)), 2):
                if shapes and shapes[i] != shapes[j]:
                    continue  # told apart by shape
                assert distance(colours[i], colours[j]) >= charts.MIN_DISTANCE, (where, field, colours[i], colours[j])
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize("background", [*charts.VERDICT_COLORS.values(), *charts.PALETTE.values()])
def test_text_on_a_coloured_background_meets_wcag_aa(background: str) -> None:
    assert charts.contrast(charts.text_on(background), background) >= 4.5


def test_contrast_follows_the_wcag_formula() -> None:
    # Worked out by hand: white on black is 21:1; #777777 on white is 4.48:1, just below AA.
    assert charts.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert charts.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert charts.contrast("#ffffff", "#E69F00") < 4.5  # the old badge: white on orange


def test_verdict_badges_use_readable_text() -> None:
    import re

    for verdict, colour in charts.VERDICT_COLORS.items():
        badge = cards.verdict_badge(verdict)
        bg, fg = re.search(r"background:(#\w+);color:(#\w+)", badge).groups()
        assert bg == colour and charts.contrast(fg, bg) >= 4.5, (verdict, fg, bg)
    assert "&lt;b&gt;" in cards.verdict_badge("<b>")
