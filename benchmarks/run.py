"""Print performance figures for Escalation Week (targets beside them; nothing is asserted).

Run: `make bench`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cold_import(code: str, runs: int = 5) -> float:
    """Median wall time of `python -c code` in a fresh interpreter, minus the bare interpreter's start."""

    def timed(snippet: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
        return time.perf_counter() - start

    base = statistics.median(timed("pass") for _ in range(runs))
    return statistics.median(timed(code) for _ in range(runs)) - base


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(name: str, value: float, unit: str, target: str) -> None:
    print(f"{name:<48} {value:>10.2f} {unit:<6} target {target}")


def bench_imports() -> None:
    bare = cold_import("import pandas, altair, ipywidgets")
    ours = cold_import("import pandas, altair, ipywidgets, helpers")
    report("cold import: pandas+altair+ipywidgets", bare * 1000, "ms", "-")
    report("cold import: the same + helpers", ours * 1000, "ms", "-")
    report("import ratio helpers / bare", ours / bare, "x", "<= 1.2")


def bench_load() -> None:
    import helpers

    helpers.load_dataset()  # warm the file cache
    times = []
    for _ in range(15):
        start = time.perf_counter()
        helpers.load_dataset()
        times.append(time.perf_counter() - start)
    report("load_dataset() median of 15", statistics.median(times) * 1000, "ms", "<= 50 ms")


if __name__ == "__main__":
    print(f"Escalation Week benchmarks (python {sys.version.split()[0]})")
    bench_imports()
    bench_load()
