"""The handouts: how long `make handouts` takes to build the site, and how large the site is.

The build runs as `make handouts` runs it, in its own interpreter (start-up, imports and Chromium printing
the PDFs included), into benchmarks/out/site. Run alone with `python benchmarks/handouts.py`, or all
benchmarks with `make bench`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, report, section

SITE = OUT / "site"
BUILD_TARGET_S = 60
SIZE_TARGET_MB = 5


def _mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def bench_build() -> None:
    if not (ROOT / "web" / "node_modules" / "vega").exists():
        report("handouts build", "not measured", "", "web/node_modules missing: run `make handouts` once", False)
        return
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_handouts.py"), "--out", str(SITE)],
                          cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        report("handouts build", "not measured", "", f"it failed: {proc.stderr.strip()[-300:]}", False)
        return
    files = [p for p in SITE.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    vendor = [p for p in files if p.parent.name == "vendor"]
    report(f"handouts build: {len(pages)} pages, {len(pdfs)} PDFs (make handouts)", elapsed, "s",
           f"<= {BUILD_TARGET_S} s", elapsed <= BUILD_TARGET_S)
    total = _mb(files)
    report("  pages (HTML, charts inlined)", _mb(pages), "MB")
    report("  PDFs (worksheets and teacher's edition)", _mb(pdfs), "MB")
    report("  Vega, Vega-Lite, vega-embed (vendor/)", _mb(vendor), "MB")
    report("handouts site size", total, "MB", f"<= {SIZE_TARGET_MB} MB", total <= SIZE_TARGET_MB)


if __name__ == "__main__":
    section("Handouts: the static, offline site")
    bench_build()
