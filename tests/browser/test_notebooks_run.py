"""Every notebook, run in JupyterLab as a reader would: Restart Kernel and Run All, then look.

Per notebook: no error output; every chart drawn; every widget drawn; each widget control, changed,
changes what the widget shows (chart pixels or HTML, not the DOM's size); and the browser never
reached past the Lab server. A full-notebook screenshot lands in tests/browser/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import new_context, start_lab
from jlab import NOTEBOOKS, RUN_TIMEOUT_S, Committed, NotebookPage, Traffic, WidgetProber
from layout import measure

pytestmark = pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks/NN_*.ipynb to run")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from start_lab(tmp_path_factory, "lab-run")


@dataclass
class Run:
    name: str
    page: NotebookPage
    committed: Committed
    state: dict[str, int]
    traffic: Traffic


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def ran(request: pytest.FixtureRequest, browser: Any, lab: Any) -> Iterator[Run]:
    """The notebook after Restart Kernel and Run All (one page, one kernel, per notebook)."""
    path: Path = request.param
    committed = Committed.read(path)
    context, traffic = new_context(browser, lab)
    page = NotebookPage(context, lab, f"notebooks/{path.name}")
    try:
        with page.step("open the notebook and start its kernel"):
            page.open(len(committed.cells))
            page.wait_for_kernel()
        with page.step(f"Restart Kernel and Run All (limit {RUN_TIMEOUT_S} s)"):
            state = page.restart_and_run_all(committed.code_cells)
        page.settle(committed.chart_cells, committed.widget_cells)
        page.screenshot()
        yield Run(path.name, page, committed, state, traffic)
    finally:
        context.close()


def test_runs_without_error_output(ran: Run) -> None:
    errors = ran.page.errors()
    assert not errors, f"{ran.name}: error output after Run All:\n" + "\n".join(
        f"cell {e['cell']}: {e['text']}" for e in errors)
    done, expected = ran.state["done"], ran.committed.code_cells
    assert done == expected, f"{ran.name}: {done} of {expected} code cells ran"
    page_errors = ran.page.log.page_errors
    assert not page_errors, f"{ran.name}: uncaught errors in the page: {page_errors}"


def test_every_chart_is_drawn(ran: Run) -> None:
    missing, undrawn = ran.page.chart_problems(ran.committed.chart_cells)
    assert not missing, f"{ran.name}: no chart drawn in cells {missing}, which hold a chart in the committed notebook"
    assert not undrawn, f"{ran.name}: charts not drawn (no svg/canvas in .vega-embed): {undrawn}"


def test_every_chart_reads_on_a_laptop_after_a_run(ran: Run) -> None:
    """The explorers' charts too (they are drawn only with a kernel): fit, labels apart, legends, a name."""
    reports = measure(ran.page.page, ran.committed.chart_specs)
    print(f"{ran.name} after Run All at 1366×768, {len(reports)} charts:")
    for r in reports:
        print("  " + r.line())
    breaches = [f"cell {r.cell}: {b}" for r in reports for b in r.breaches()]
    assert not breaches, f"{ran.name}: " + "; ".join(breaches)


def test_every_widget_is_drawn(ran: Run) -> None:
    widgets = ran.page.widgets()
    missing = [i for i in ran.committed.widget_cells if not any(w["drawn"] for w in widgets[i])]
    assert not missing, f"{ran.name}: no widget drawn in cells {missing}, which display one: " + repr(
        [ran.page.output_text()[i][:200] for i in missing])
    undrawn = [(i, w["text"]) for i, cell in enumerate(widgets) for w in cell if not w["drawn"]]
    assert not undrawn, f"{ran.name}: widgets not drawn: {undrawn}"
    shown = [i for i, cell in enumerate(widgets) if cell]
    assert shown == ran.committed.widget_cells, (
        f"{ran.name}: widgets shown in cells {shown}, but the committed notebook has them in "
        f"{ran.committed.widget_cells}; run `make notebooks`")


def test_every_control_changes_what_it_drives(ran: Run) -> None:
    probes = WidgetProber(ran.page.page).probe_all()
    if ran.committed.widget_cells:
        assert probes, f"{ran.name}: widgets are displayed, but no control was found to change"
    for p in probes:
        print(f"cell {p.cell}, {p.kind} {p.label!r}: {'changed' if p.changed else 'NO CHANGE'} after "
              f"{', '.join(p.tried)} ({p.seconds:.1f} s)")
    dead = "; ".join(f"cell {p.cell}, {p.kind} {p.label!r} (tried {', '.join(p.tried)})"
                     for p in probes if not p.changed)
    assert not dead, f"{ran.name}: changing these controls changed no chart or HTML output: {dead}"


def test_no_request_leaves_the_lab_server(ran: Run) -> None:
    attempts = ran.traffic.attempts()
    assert not attempts, f"{ran.name}: the browser tried to reach past the Lab server: {attempts}"
