"""Fixtures for the browser tests: Chromium through Playwright, and a Lab server per test module.

Chromium is found on PATH (`chromium`, as Debian's `apt-get install chromium` installs it, or `chromium-browser`).
Without it the browser tests fail, saying how to install it, unless `SKIP_BROWSER_TESTS` is set to a true value
(`1`, `true`, `yes`); then they skip, saying so. Under CI (`CI` set to any true value) they always fail without it.
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from jlab import CHROMIUM_NAMES, OPT_OUT, LabServer, Traffic, copy_repo, find_chromium, launch_browser, without_chromium
from layout import VIEWPORT


def _need_chromium() -> None:
    if find_chromium() is not None:
        return
    reason = (f"no Chromium on PATH (looked for {', '.join(CHROMIUM_NAMES)}): run `apt-get install chromium` "
              f"(.ci/run does), or set {OPT_OUT}=1 to skip the browser tests")
    if without_chromium(dict(os.environ)) == "fail":
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
