"""Fixtures for the browser tests: Chromium through Playwright, and a Lab server per test module.

Outside CI the tests skip, saying why, when Debian's Chromium is missing; under CI=true that fails.
Playwright's own browser download is never used: Chromium comes from `apt-get install chromium`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from jlab import CHROMIUM, LabServer, Traffic, copy_repo, launch_browser
from layout import VIEWPORT


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM}: run `apt-get install chromium` (.ci/run does) to run the browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for one test module (closed before nbval runs the notebooks)."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_browser(p)
        try:
            yield chromium
        finally:
            chromium.close()


def start_lab(tmp_path_factory: pytest.TempPathFactory, name: str, **kwargs: Any) -> Iterator[LabServer]:
    base = tmp_path_factory.mktemp(name)
    server = LabServer(copy_repo(base / "repo"), base / "state", **kwargs)
    try:
        yield server.start()
    finally:
        server.stop()


def new_context(browser: Any, server: LabServer) -> tuple[Any, Traffic]:
    """A fresh browser context whose every request off the Lab server is aborted and recorded."""
    # A service worker's requests would bypass the routing that blocks and records them.
    # A school laptop's screen: every chart must fit and read at this size.
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(30_000)
    traffic = Traffic(server.origin)
    traffic.watch(context)
    return context, traffic
