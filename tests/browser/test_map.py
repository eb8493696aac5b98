"""The strike map, as committed, in a Lab server where no kernel can start.

The map must draw its borders, places and lines from the notebook file alone, its day slider must redraw
it in the browser, and nothing it draws may come from past the Lab server (no tile server, no CDN).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import new_context, start_lab
from jlab import NOTEBOOKS, Committed, NotebookPage, Traffic

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
    # Borders, lines and labels compress poorly; a blank or sea-only map of this size is a few kilobytes of PNG.
    shot = marks.screenshot()
    assert len(shot) > 30_000, f"the map's picture is only {len(shot)} bytes: borders and marks are missing"


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
