"""Every notebook reopened as committed, in a fresh Lab server where no kernel can start, at 1366×768.

What a reader sees before running anything (or on a machine without the environment): the saved
static charts must draw from the notebook file alone — as interactive Vega-Lite, not as their static
image — each fits its cell with no overlapping labels, a legend wherever colour or shape means
something and an accessible name; axe-core finds no serious or critical violation; and each
explorer's saved placeholder says that it needs a running kernel.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import new_context, start_lab
from jlab import NOTEBOOKS, Committed, NotebookPage, Traffic, joined, placeholder
from layout import axe_violations, measure

pytestmark = pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks/NN_*.ipynb to open")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from start_lab(tmp_path_factory, "lab-committed", kernels=False)


@dataclass
class Opened:
    name: str
    page: NotebookPage
    committed: Committed
    traffic: Traffic


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def opened(request: pytest.FixtureRequest, browser: Any, lab: Any) -> Iterator[Opened]:
    path: Path = request.param
    committed = Committed.read(path)
    context, traffic = new_context(browser, lab)
    page = NotebookPage(context, lab, f"notebooks/{path.name}", shot="-committed")
    try:
        with page.step("open the notebook with no kernel"):
            page.open(len(committed.cells))
            # With no kernel to start, Lab asks which one to use: choose none.
            page.page.locator(".jp-Dialog .jp-Dialog-button", has_text="No Kernel").click()
            page.page.locator("#jp-main-statusbar").get_by_text("No Kernel").wait_for()
        page.settle(committed.chart_cells, [])
        page.screenshot()
        yield Opened(path.name, page, committed, traffic)
    finally:
        context.close()


def test_saved_charts_draw_without_a_kernel(opened: Opened) -> None:
    missing, undrawn = opened.page.chart_problems(opened.committed.chart_cells)
    assert not missing, f"{opened.name}: saved charts not drawn without a kernel, in cells {missing}"
    assert not undrawn, f"{opened.name}: charts not drawn (no svg/canvas in .vega-embed): {undrawn}"


def test_explorers_say_they_need_a_kernel(opened: Opened) -> None:
    text = opened.page.output_text()
    silent = [i for i in opened.committed.widget_cells if placeholder() not in text[i]]
    assert not silent, f"{opened.name}: cells {silent} show neither a widget nor the saved placeholder"


def test_every_chart_reads_on_a_laptop(opened: Opened) -> None:
    """Per chart: no horizontal overflow of its cell, no overlapping text labels, every legend it needs, an
    accessible name, drawn by JupyterLab's Vega (interactive), not as the static image saved beside it."""
    reports = measure(opened.page.page, opened.committed.chart_specs)
    print(f"{opened.name} at 1366×768, {len(reports)} charts:")
    for r in reports:
        print("  " + r.line())
    assert len(reports) == len(opened.committed.chart_cells), "every saved chart is drawn, once"
    breaches = [f"cell {r.cell}: {b}" for r in reports for b in r.breaches()]
    assert not breaches, f"{opened.name}: " + "; ".join(breaches)


def test_axe_finds_no_serious_violation(opened: Opened) -> None:
    violations = axe_violations(opened.page.page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    counts = {impact: sum(v["nodes"] for v in violations if v["impact"] == impact)
              for impact in ("critical", "serious", "moderate", "minor")}
    print(f"{opened.name}: axe-core violations in the outputs, by impact (elements): {counts}")
    for v in violations:
        print(f"  {v['impact']}: {v['id']} ({v['nodes']}) {v['help']} {v['where']}")
    assert not serious, f"{opened.name}: " + "; ".join(f"{v['id']} at {v['where']}" for v in serious)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_saved_output_needs_a_script(path: Path) -> None:
    # Lab runs no script in a notebook it does not trust, and offline a script from a CDN cannot
    # load: such an output (Altair's html renderer, for one) shows a reader nothing.
    cells = Committed.read(path).script_cells
    assert not cells, f"{path.name}: saved outputs in cells {cells} need a script to show"


def test_no_request_leaves_the_lab_server(opened: Opened) -> None:
    attempts = opened.traffic.attempts()
    assert not attempts, f"{opened.name}: the browser tried to reach past the Lab server: {attempts}"


def test_reveals_stay_folded_until_clicked(opened: Opened) -> None:
    """What a class judges first is folded away in the saved notebook, and one click opens it, with no kernel."""
    if not any("<details" in joined(c.get("source", "")) or "<details" in json.dumps(c.get("outputs", []))
               for c in opened.committed.cells):
        pytest.skip(f"{opened.name} has no reveal")
    page = opened.page.page
    folds = page.locator(".jp-Notebook details")
    assert folds.count() >= 1, f"{opened.name}: the reveals were not rendered"
    assert page.locator(".jp-Notebook details[open]").count() == 0, f"{opened.name}: a reveal opens by itself"
    first = folds.first
    inside = first.locator(":scope > :not(summary)").first
    first.locator("summary").scroll_into_view_if_needed()
    assert not inside.is_visible()
    first.locator("summary").click()
    assert inside.is_visible(), f"{opened.name}: clicking a reveal does not open it"
    first.locator("summary").click()  # leave the page as the other tests expect it
