"""Shared by the benchmark scripts: timing, memory, percentiles, the report line, explorer driving."""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(name: str, value: float | str, unit: str = "", target: str = "-", ok: bool | None = None) -> None:
    """One figure: name, value, unit, target, and whether the target is met (when it has one)."""
    shown = f"{value:>10.2f}" if isinstance(value, float | int) else f"{value:>10}"
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {name:<58} {shown} {unit:<6} target {target}{mark}", flush=True)


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def traced(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Result, seconds and peak Python-allocated MB while running `fn` (tracemalloc; numpy and pandas report
    their buffers to it)."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, elapsed, peak / 2**20


def max_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spec_bytes(chart: Any) -> int:
    """Bytes of the chart's JSON as the notebook would store it."""
    return len(json.dumps(chart.to_dict()))


def quiet() -> contextlib.AbstractContextManager:
    """Outside a kernel, display() prints a repr; keep the report readable."""
    return contextlib.redirect_stdout(io.StringIO())


# --------------------------------------------------------------------------------------------
# Explorers, found and driven generically


def explorers() -> dict[str, Callable]:
    """Every `*_explorer` function of helpers.widgets, by name."""
    from helpers import widgets

    return {name: fn for name, fn in inspect.getmembers(widgets, inspect.isfunction)
            if name.endswith("_explorer") and fn.__module__ == widgets.__name__}


WORDS = ["", "war", "missile", "escalation", "NATO", "peace", "strike"]


def controls(explorer: Any) -> list[Any]:
    """The explorer's value widgets (its public attributes that are ipywidgets controls with options or ranges)."""
    import ipywidgets as W

    kinds = (W.Dropdown, W.SelectMultiple, W.Select, W.ToggleButtons, W.SelectionRangeSlider, W.SelectionSlider,
             W.IntSlider, W.FloatSlider, W.IntRangeSlider, W.Text, W.Checkbox, W.RadioButtons)
    found = [w for name, w in vars(explorer).items() if not name.startswith("_") and isinstance(w, kinds)]
    # A choice with fewer than two options (e.g. no claims in synthetic data) cannot be changed.
    return [w for w in found if not hasattr(w, "_options_values") or len(w._options_values) > 1]


def random_value(w: Any, rng: random.Random) -> Any:
    import ipywidgets as W

    if isinstance(w, W.SelectMultiple):
        values = list(w._options_values)
        return tuple(rng.sample(values, rng.randint(0, min(3, len(values)))))
    if isinstance(w, W.SelectionRangeSlider):
        values = list(w._options_values)
        return tuple(sorted(rng.sample(values, 2), key=values.index))
    if isinstance(w, W.Dropdown | W.Select | W.ToggleButtons | W.SelectionSlider | W.RadioButtons):
        return rng.choice(list(w._options_values))
    if isinstance(w, W.IntSlider):
        return rng.randint(w.min, w.max)
    if isinstance(w, W.FloatSlider):
        return rng.uniform(w.min, w.max)
    if isinstance(w, W.IntRangeSlider):
        return tuple(sorted((rng.randint(w.min, w.max), rng.randint(w.min, w.max))))
    if isinstance(w, W.Checkbox):
        return not w.value
    return rng.choice(WORDS)


def charts_of(explorer: Any) -> dict[str, Any]:
    import altair as alt

    return {k: v for k, v in vars(explorer).items() if isinstance(v, alt.TopLevelMixin)}


def drive(explorer: Any, changes: int, seed: int = 7) -> tuple[list[float], int]:
    """Latency of `changes` random control changes, each from the default view; includes building the JSON of
    every chart the change redrew (as display would). Returns the times and how many charts were drawn."""
    from helpers.notebook import live

    rng = random.Random(seed)
    ctl = controls(explorer)
    if not ctl:
        raise ValueError("no control with options to change on this data")
    defaults = {w: w.value for w in ctl}
    times: list[float] = []
    drawn = 0
    attempts = 0
    with quiet():
        while len(times) < changes and attempts < changes * 20:
            attempts += 1
            w = rng.choice(ctl)
            value = random_value(w, rng)
            if value == w.value:
                continue
            before = {k: id(v) for k, v in charts_of(explorer).items()}
            start = time.perf_counter()
            w.value = value
            for k, chart in charts_of(explorer).items():
                if before.get(k) != id(chart):
                    live(chart)._repr_mimebundle_()  # what display sends to the page
                    drawn += 1
            times.append(time.perf_counter() - start)
            for c, v in defaults.items():  # untimed: back to the default view
                if c.value != v:
                    c.value = v
    return times, drawn


def median(values: list[float]) -> float:
    return statistics.median(values)
