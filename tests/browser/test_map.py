"""The strike map, as committed, in a Lab server where no kernel can start.

The map must draw its borders, places and lines from the notebook file alone, its day slider must redraw
it in the browser, and nothing it draws may come from past the Lab server (no tile server, no CDN).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import new_context, start_lab
from jlab import NOTEBOOKS, SCREENSHOTS, Committed, NotebookPage, Traffic

MAP_NAME = "strike_map"
MAPPED = [p for p in NOTEBOOKS if p.name.startswith(("00_", "02_"))]

pytestmark = pytest.mark.skipif(not MAPPED, reason="no notebook with the map")


def map_cell(committed: Committed) -> int:
    """The index of the cell whose saved chart is the strike map."""
    for i, cell in enumerate(committed.cells):
        for out in cell.get("outputs", []):
            for key, spec in out.get("data", {}).items():
                named = isinstance(spec, dict) and spec.get("name") == MAP_NAME
                if key.startswith("application/vnd.vegalite") and named:
                    return i
    raise AssertionError(f"{committed.path.name}: no saved chart named {MAP_NAME!r}")


def pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit, non-interlaced PNG (what Chromium's screenshots are), row by row."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        (length,), kind = struct.unpack(">I", png[pos:pos + 4]), png[pos + 4:pos + 8]
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, out, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(len(raw) // (stride + 1)):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += [tuple(line[i:i + 3]) for i in range(0, stride, bpp)]
        prev = line
    return out


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from start_lab(tmp_path_factory, "lab-map", kernels=False)


@pytest.fixture(scope="module", params=MAPPED, ids=lambda p: p.stem)
def opened(request: pytest.FixtureRequest, browser: Any, lab: Any) -> Iterator[tuple[NotebookPage, int, Traffic]]:
    path: Path = request.param
    committed = Committed.read(path)
    context, traffic = new_context(browser, lab)
    page = NotebookPage(context, lab, f"notebooks/{path.name}", shot="-map")
    try:
        with page.step("open the notebook with no kernel"):
            page.open(len(committed.cells))
            page.page.locator(".jp-Dialog .jp-Dialog-button", has_text="No Kernel").click()
        page.settle(committed.chart_cells, [])
        yield page, map_cell(committed), traffic
    finally:
        context.close()


def _map(page: NotebookPage, cell: int) -> Any:
    loc = page.page.locator(".jp-Notebook .jp-Cell").nth(cell).locator(".vega-embed").first
    loc.scroll_into_view_if_needed()
    return loc


def test_the_map_is_drawn_with_its_borders(opened: tuple[NotebookPage, int, Traffic]) -> None:
    page, cell, _ = opened
    embed = _map(page, cell)
    marks = embed.locator("svg.marks, canvas.marks").first
    box = marks.bounding_box()
    assert box and box["width"] >= 600 and box["height"] >= 400, box
    # Russia's fill (#e4e4e4) covers a good part of the map only if the borders were drawn; without them the
    # map is sea (#e8eff5) with lines and dots on it.
    SCREENSHOTS.mkdir(exist_ok=True)
    embed.screenshot(path=SCREENSHOTS / f"{page.shot}.png")  # the map as a reader sees it, for a look
    px = pixels(marks.screenshot())
    russia = sum(1 for p in px if p == (0xE4, 0xE4, 0xE4)) / len(px)
    assert russia > 0.15, f"only {russia:.0%} of the map is Russia's fill: the borders are not drawn"


def test_the_day_slider_redraws_the_map(opened: tuple[NotebookPage, int, Traffic]) -> None:
    page, cell, _ = opened
    embed = _map(page, cell)
    slider = embed.locator(".vega-bindings input[type=range]")
    if slider.count() == 0:
        pytest.skip("this notebook's map has no slider (the glance map)")
    before = embed.locator("svg.marks, canvas.marks").first.screenshot()
    slider.first.fill("17")
    slider.first.dispatch_event("input")
    page.page.wait_for_timeout(500)
    after = embed.locator("svg.marks, canvas.marks").first.screenshot()
    assert before != after, "moving the day slider to 17 November left the map unchanged"


def test_the_map_reaches_nothing_past_the_lab_server(opened: tuple[NotebookPage, int, Traffic]) -> None:
    page, cell, traffic = opened
    _map(page, cell).hover()
    assert not traffic.attempts(), traffic.attempts()
