"""Print performance figures for Escalation Week (targets beside them; nothing is asserted).

Run: `make bench`.
"""

from __future__ import annotations

import contextlib
import io
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


def bench_quote_explorer(changes: int = 60, seed: int = 7) -> None:
    """Latency of one explorer update, including building the chart's JSON as display would."""
    import random

    import helpers
    from helpers import widgets

    ds = helpers.load_dataset()
    with contextlib.redirect_stdout(io.StringIO()):
        ex = widgets.quote_explorer(ds)
    rng = random.Random(seed)
    speakers = list(ex.actors.options)
    days = list(ex.dates.options)
    moves = [
        lambda: setattr(ex.side, "value", rng.choice([v for _, v in ex.side.options])),
        lambda: setattr(ex.actors, "value", tuple(rng.sample(speakers, rng.randint(0, 3)))),
        lambda: setattr(ex.quote_type, "value", rng.choice(ex.quote_type.options)),
        lambda: setattr(ex.search, "value", rng.choice(["", "war", "missile", "escalation", "NATO"])),
        lambda: setattr(ex.dates, "value", tuple(sorted(rng.sample(days, 2)))),
    ]
    times: list[float] = []
    drawn = 0
    # Outside a kernel, display() prints a repr; keep the report readable.
    with contextlib.redirect_stdout(io.StringIO()):
        defaults = {c: c.value for c in (ex.side, ex.actors, ex.quote_type, ex.search, ex.dates)}
        while len(times) < changes:
            for control, value in defaults.items():  # untimed: each sample is one change from the start view
                control.value = value
            before = ex.filtered
            start = time.perf_counter()
            rng.choice(moves)()
            if ex.filtered is before:
                continue  # the value did not change, so no update ran: not a sample
            if ex.chart is not None:
                ex.chart.to_dict()
                drawn += 1
            times.append(time.perf_counter() - start)
    print(f"  ({drawn} of {changes} updates drew a chart; the rest matched no statement)")
    report(f"quote explorer update p50 ({changes} changes)", percentile(times, 50) * 1000, "ms", "-")
    report(f"quote explorer update p95 ({changes} changes)", percentile(times, 95) * 1000, "ms", "<= 50 ms")


def bench_sentiment(runs: int = 200) -> None:
    import helpers
    from helpers import sentiment

    quotes = helpers.load_dataset().quotes
    sentiment.score_quotes(quotes.head(5))  # build both analyzers once
    start = time.perf_counter()
    sentiment.score_quotes(quotes)
    elapsed = time.perf_counter() - start
    report("quote scoring throughput (plain + domain)", len(quotes) / elapsed, "q/s", "-")
    sentences = list(quotes["text"].sample(runs, replace=True, random_state=3))
    times = []
    for text in sentences:
        start = time.perf_counter()
        sentiment.compound(text)
        sentiment.compound(text, sentiment.domain_analyzer())
        sentiment.explain(text)
        times.append(time.perf_counter() - start)
    report(f"score-your-own-sentence p95 ({runs} sentences)", percentile(times, 95) * 1000, "ms", "<= 20 ms")


def bench_claims_explorer(changes: int = 40, seed: int = 11) -> None:
    """Latency of one claims-explorer update: filter, cards, chart JSON and the evidence table."""
    import random

    import helpers
    from helpers import widgets

    ds = helpers.load_dataset()
    with contextlib.redirect_stdout(io.StringIO()):
        ex = widgets.claims_explorer(ds)
        rng = random.Random(seed)
        times: list[float] = []
        for _ in range(changes):
            ex.verdict.value, ex.search.value = "All", ""  # untimed: each sample is one change from the start
            start = time.perf_counter()
            if rng.random() < 0.5:
                ex.verdict.value = rng.choice(ex.verdict.options[1:])
            else:
                ex.claim.value = rng.choice([v for _, v in ex.claim.options if v != ex.claim.value])
            if ex.chart is not None:
                ex.chart.to_dict()
            times.append(time.perf_counter() - start)
    report(f"claims explorer update p95 ({changes} changes)", percentile(times, 95) * 1000, "ms", "<= 50 ms")


def bench_notebook_sizes() -> None:
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        report(f"size of {path.name}", path.stat().st_size / 1024, "KB", "<= 300 KB")


if __name__ == "__main__":
    print(f"Escalation Week benchmarks (python {sys.version.split()[0]})")
    bench_imports()
    bench_load()
    bench_quote_explorer()
    bench_sentiment()
    bench_claims_explorer()
    bench_notebook_sizes()
