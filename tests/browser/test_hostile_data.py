"""Hostile quote text in the explorers: shown as text, never run as HTML or script.

A copy of the dataset has quotes whose text is an `<img onerror>` payload, a `<script>` tag and a
spreadsheet formula (all valid for the loader: the `text` field is free text). A scratch notebook
in a temporary copy of the repo displays both explorers and a renderings table from that data;
a reader then types the same payloads into the explorers' text boxes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import new_context
from jlab import LabServer, NotebookPage, Traffic, WidgetProber, copy_repo

HOSTILE = [
    "Hostile one <img src=x onerror=alert(1)> end",
    "Hostile two <script>alert(2)</script> end",
    '=HYPERLINK("https://example.invalid/","Hostile three")',
]

SCRATCH_CELLS = [
    "import helpers\nfrom helpers import widgets\n\nds = helpers.setup_notebook()",
    "widgets.quote_explorer(ds)",
    "widgets.sentiment_explorer(ds)",
    "ds.renderings({first!r})",
]


def make_hostile(data: Path) -> list[str]:
    """Put the hostile texts into the first statements of the focus week (first in the explorer's
    list); return their ids."""
    path = data / "quotes.csv"
    raw = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    temporal = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["temporal"]
    week = sorted((r for r in rows if not r["variant_of"]
                   and temporal["focus_start"] <= r["date"] <= temporal["focus_end"]),
                  key=lambda r: (r["date"], r["id"]))
    for row, text in zip(week, HOSTILE, strict=False):
        row["text"] = text
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n" if "\r\n" in raw else "\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return [r["id"] for r in week[: len(HOSTILE)]]


def scratch_notebook(first_id: str) -> str:
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
              "source": src.format(first=first_id)} for i, src in enumerate(SCRATCH_CELLS)]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


@dataclass
class Seen:
    page: NotebookPage
    traffic: Traffic
    list_text: str  # the quote explorer's list, as the reader sees it
    search_text: str  # the same list after searching for "Hostile"
    table_text: str  # the renderings table
    requests: list[str]


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Seen]:
    base = tmp_path_factory.mktemp("lab-hostile")
    repo = copy_repo(base / "repo")
    ids = make_hostile(repo / "data")
    (repo / "notebooks" / "hostile_data.ipynb").write_text(scratch_notebook(ids[0]), encoding="utf-8")
    server = LabServer(repo, base / "state")
    try:
        server.start()
        context, traffic = new_context(browser, server)
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        page = NotebookPage(context, server, "notebooks/hostile_data.ipynb")
        with page.step("open the scratch notebook and start its kernel"):
            page.open(len(SCRATCH_CELLS))
            page.wait_for_kernel()
        with page.step("Restart Kernel and Run All"):
            page.restart_and_run_all(len(SCRATCH_CELLS))
        page.settle([], [1, 2])
        explorer = page.page.locator(".jp-Notebook .jp-Cell").nth(1)
        quote_list = explorer.locator(".widget-html-content").last
        list_text = quote_list.inner_text()
        prober = WidgetProber(page.page)
        with page.step("type into the explorers' text boxes"):
            before = prober.settle(15)
            explorer.locator(".widget-text input").fill("Hostile")
            prober.settle(15, differ_from=before)
            search_text = quote_list.inner_text()
            sentence = page.page.locator(".jp-Notebook .jp-Cell").nth(2).locator(".widget-text input")
            empty = prober.settle(15)
            for text in HOSTILE:  # each from an empty box, so each answer differs from the last
                sentence.fill(text)
                sentence.press("Enter")  # the scorer scores once per change, on Enter
                prober.settle(15, differ_from=empty)
                sentence.fill("")
                sentence.press("Enter")
                prober.settle(15, equal_to=empty)
        table_text = page.page.locator(".jp-Notebook .jp-Cell").nth(3).locator(".jp-OutputArea-output").inner_text()
        page.screenshot()
        yield Seen(page, traffic, list_text, search_text, table_text, requests)
        context.close()
    finally:
        server.stop()


def test_no_dialog_and_no_script_runs(seen: Seen) -> None:
    dialogs, page_errors = seen.page.log.dialogs, seen.page.log.page_errors
    assert not dialogs, f"hostile quote text opened a dialog: {dialogs}"
    assert not page_errors, f"uncaught errors in the page: {page_errors}"
    injected = seen.page.page.evaluate("""() => [
        ...[...document.querySelectorAll('.jp-Notebook img')].filter(i => i.getAttribute('src') === 'x')
            .map(i => i.outerHTML),
        ...[...document.querySelectorAll('.jp-Notebook .jp-OutputArea script')].map(s => s.outerHTML)]""")
    assert not injected, f"quote text became live HTML elements: {injected}"
    broken_image = [u for u in seen.requests if u.split("?")[0].endswith("/x")]
    assert not broken_image, f"the injected <img src=x> was loaded: {broken_image}"


@pytest.mark.parametrize("text", HOSTILE, ids=["img-onerror", "script", "formula"])
def test_quote_text_shows_literally(seen: Seen, text: str) -> None:
    shown, searched = seen.list_text, seen.search_text
    assert text in shown, f"the quote explorer's list does not show {text!r} as text:\n{shown[:600]}"
    assert text in searched, f"after searching 'Hostile', the list does not show {text!r} as text:\n{searched[:600]}"


def test_renderings_table_shows_text_literally(seen: Seen) -> None:
    table = seen.table_text
    assert HOSTILE[0] in table, f"the renderings table does not show the hostile quote as text:\n{table[:600]}"


def test_no_request_leaves_the_lab_server(seen: Seen) -> None:
    attempts = seen.traffic.attempts()
    assert not attempts, f"the browser tried to reach past the Lab server: {attempts}"
