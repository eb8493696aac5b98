"""Print handout pages to PDF with headless Chromium (Playwright's `page.pdf`), using their print stylesheet.

Each page is opened from file:// with every request off the local files refused, waits until its charts
are drawn, and is printed on A4 with page numbers. A page whose chart fails, or that asks for anything
off the site, stops the build: a worksheet must be what the page shows, offline.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

# Headless as root on a small machine; and no traffic of Chromium's own (updates, safe browsing, metrics).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only", "--mute-audio",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
]
LOCAL = ("file:", "data:", "blob:", "about:")
CHART_TIMEOUT_MS = 60_000
FOOTER = ('<div style="font-size:8px;width:100%;padding:0 12mm;color:#444;display:flex;'
          'justify-content:space-between"><span class="title"></span>'
          '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def chromium() -> str:
    """Chromium's executable: `chromium` on PATH, else Debian's."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    raise SystemExit("no Chromium found: `apt-get install chromium` (or build with --no-pdf)")


def print_pdfs(jobs: list[tuple[Path, Path]], browser: Any = None) -> list[Path]:
    """Print each (page, pdf) pair, in `browser` (a Playwright Chromium) or a new one; return the PDFs written."""
    if browser is not None:
        return _print(browser, jobs)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            return _print(own, jobs)
        finally:
            own.close()


def _print(browser: Any, jobs: list[tuple[Path, Path]]) -> list[Path]:
    written = []
    blocked: list[str] = []

    def route(r: Any) -> None:  # a Playwright Route
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for html_path, pdf_path in jobs:
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.wait_for_function("document.documentElement.dataset.charts === 'done'", timeout=CHART_TIMEOUT_MS)
            failed = page.locator(".vis-chart[data-state=failed]").count()
            if failed or errors or blocked:
                raise SystemExit(f"{html_path}: {failed} charts failed, page errors {errors}, "
                                 f"requests off the site {blocked}")
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(pdf_path), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER,
                     margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            written.append(pdf_path)
    finally:
        context.close()
    return written
