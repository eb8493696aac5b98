"""How cost grows with the number of rows: loaders, the daily index, explorers and every chart builder on synthetic
data of 10^3 … 10^6 rows, with time, peak memory and chart JSON size per size, and the slope (log-log).

Run alone with `python benchmarks/scale.py [max_exponent]`, or all benchmarks with `make bench`.
"""

from __future__ import annotations

import inspect
import math
import sys
from collections.abc import Callable
from typing import Any

from common import OUT, drive, explorers, percentile, quiet, report, section, spec_bytes

SIZES = [10**3, 10**4, 10**5, 10**6]
SPEC_LIMIT_KB = 200
EXPLORER_P95_MS = 250
CHANGES = 50


class Memory:
    """Peak memory of a step, the larger of two measures, both above the step's starting point:

    - resident memory: Linux's high-water mark (VmHWM, reset before the step) minus the resident size at
      the start — sees every allocation, DuckDB's included, but not memory freed earlier and reused;
    - Python and numpy allocations: tracemalloc's peak, from a second, traced run of the step (skipped for
      steps over `TRACE_LIMIT` seconds, whose fresh allocations the high-water mark already shows).

    Times come from the first, untraced run.
    """

    TRACE_LIMIT = 3.0

    def __init__(self) -> None:
        try:
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")
            self.ok = True
        except OSError:
            self.ok = False

    @staticmethod
    def _status(key: str) -> float:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
        return math.nan

    def measure(self, fn: Callable[[], Any]) -> tuple[Any, float, float]:
        import time
        import tracemalloc

        if self.ok:
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")
        start_rss = self._status("VmRSS:")
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
        peak = max(self._status("VmHWM:") - start_rss, 0.0) if self.ok else 0.0
        if elapsed <= self.TRACE_LIMIT:
            del result
            tracemalloc.start()
            try:
                result = fn()
                peak = max(peak, tracemalloc.get_traced_memory()[1] / 2**20)
            finally:
                tracemalloc.stop()
        return result, elapsed, peak


def slope(ns: list[int], values: list[float]) -> float:
    """Least-squares exponent b of value ≈ a·n^b (1.0 = linear); NaN with fewer than two positive points."""
    pts = [(math.log(n), math.log(v)) for n, v in zip(ns, values, strict=True) if v and v > 0 and math.isfinite(v)]
    if len(pts) < 2:
        return math.nan
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else math.nan


class Table:
    """Collects (step, n) → time, memory, bytes and prints one row per measurement and a slope per step."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[int, tuple[float, float, float | None]]] = {}

    def add(self, step: str, n: int, seconds: float, mb: float, kb: float | None = None,
            note: str = "") -> None:
        self.rows.setdefault(step, {})[n] = (seconds, mb, kb)
        size = f"{kb:9.1f} KB" if kb is not None else " " * 12
        mark = ""
        if kb is not None:
            mark = "  ok" if kb <= SPEC_LIMIT_KB else "  MISSED"
        target = f"spec <= {SPEC_LIMIT_KB} KB" if kb is not None else ""
        print(f"  {step:<40} n={n:>9,} {seconds * 1000:10.1f} ms {mb:8.1f} MB {size} {target}{mark}{note}",
              flush=True)

    def fail(self, step: str, n: int, why: str) -> None:
        self.rows.setdefault(step, {})
        print(f"  {step:<40} n={n:>9,}  not measured: {why}", flush=True)

    def slopes(self) -> None:
        section("Slopes: cost ≈ n^b between the smallest and largest size (b = 1 is linear)")
        for step, by_n in self.rows.items():
            ns = sorted(by_n)
            if len(ns) < 2:
                continue
            t = slope(ns, [by_n[n][0] for n in ns])
            m = slope(ns, [by_n[n][1] for n in ns])
            kbs = [by_n[n][2] for n in ns]
            k = slope(ns, kbs) if all(v is not None for v in kbs) else math.nan
            parts = [f"time b={t:5.2f}", f"memory b={m:5.2f}" if math.isfinite(m) else "memory b=  -  "]
            if math.isfinite(k):
                parts.append(f"spec bytes b={k:5.2f}")
            print(f"  {step:<40} " + "   ".join(parts), flush=True)


# --------------------------------------------------------------------------------------------
# Chart builders, found generically


def builders() -> dict[str, Callable]:
    """Public functions of helpers.charts that build a chart or a chart's frame from a Dataset or a frame."""
    from helpers import charts

    found = {}
    for name, fn in inspect.getmembers(charts, inspect.isfunction):
        if name.startswith("_") or not fn.__module__.startswith(charts.__name__ + "."):
            continue
        ret = str(inspect.signature(fn).return_annotation)
        params = list(inspect.signature(fn).parameters.values())
        takes_data = params and str(params[0].annotation) in ("Dataset", "pd.DataFrame")
        if takes_data and ("Chart" in ret or "DataFrame" in ret):
            found[name] = fn
    return found


def arguments(fn: Callable, inputs: dict[str, Any]) -> dict[str, Any]:
    """Arguments for `fn` by parameter name (else a Dataset table of that name); a required one we cannot
    supply raises KeyError."""
    args = {}
    ds = inputs["ds"]
    for p in inspect.signature(fn).parameters.values():
        if p.name in inputs:
            args[p.name] = inputs[p.name]() if callable(inputs[p.name]) else inputs[p.name]
        elif isinstance(getattr(type(ds), p.name, None), property) or p.name in getattr(ds, "__dataclass_fields__", {}):
            args[p.name] = getattr(ds, p.name)
        elif p.default is inspect.Parameter.empty:
            raise KeyError(p.name)
    return args


def run_size(n: int, table: Table, mem: Memory, base: Any) -> None:
    import altair as alt

    from helpers import charts, external, sentiment, synthetic

    ds, t, m = mem.measure(lambda: synthetic.dataset(n, seed=1, base=base))
    table.add("synthetic.dataset (events + quotes)", n, t, m)

    acled = synthetic.write_acled_csv(OUT / f"acled_{n}.csv", n, seed=2)
    gdelt = synthetic.write_gdelt(OUT / f"gdelt_{n}.csv", n, seed=3)
    _, t, m = mem.measure(lambda: external.load_events_csv(acled, base=base))
    table.add("load_events_csv (ACLED layout)", n, t, m)
    imported, t, m = mem.measure(lambda: external.load_events_csv(gdelt, base=base))
    table.add("load_events_csv (GDELT layout)", n, t, m)
    _, t, m = mem.measure(lambda: external.aggregate_events(gdelt))
    table.add("aggregate_events (DuckDB, GDELT CSV)", n, t, m)
    for path in (acled, gdelt):
        path.unlink()

    index, t, m = mem.measure(lambda: sentiment.daily_index(ds.events, window=3))
    table.add("sentiment.daily_index", n, t, m)
    scored, t, m = mem.measure(lambda: sentiment.quotes_with_event_goldstein(ds))
    table.add("sentiment.quotes_with_event_goldstein", n, t, m,
              note=f"  ({ds.quotes['text'].nunique()} distinct texts scored)")

    inputs: dict[str, Any] = {
        "ds": ds, "statements": ds.statements, "events": ds.events, "scored": scored, "index": index,
        "annotations": lambda: charts.key_events(ds), "weapon_id": lambda: str(ds.weapon_systems["id"].iloc[0]),
    }
    for name, fn in builders().items():
        try:
            args = arguments(fn, inputs)
        except KeyError as exc:
            table.fail(f"charts.{name}", n, f"needs an argument '{exc.args[0]}' the benchmark cannot make")
            continue

        def build(fn: Callable = fn, args: dict = args) -> Any:
            out = fn(**args)
            return (out, spec_bytes(out)) if isinstance(out, alt.TopLevelMixin) else (out, None)

        try:
            (_, size), t, m = mem.measure(build)
        except Exception as exc:  # reported, so a builder that does not scale shows up instead of stopping the run
            table.fail(f"charts.{name}", n, f"{type(exc).__name__}: {str(exc).splitlines()[0][:90]}")
            continue
        table.add(f"charts.{name}", n, t, m, None if size is None else size / 1024)

    # The imported GDELT file must work in the escalation explorer too (the weapon explorer where present).
    for name, make in explorers().items():
        for label, data in ((name, ds), (f"{name} on imported GDELT", imported)):
            if "imported" in label and name not in ("sentiment_explorer", "weapon_explorer"):
                continue
            try:
                with quiet():
                    explorer, t, m = mem.measure(lambda make=make, data=data: make(data))
                table.add(f"{label}: build", n, t, m)
                times, _ = drive(explorer, CHANGES)
            except Exception as exc:
                table.fail(label, n, f"{type(exc).__name__}: {str(exc).splitlines()[0][:90]}")
                continue
            p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
            target = f"<= {EXPLORER_P95_MS} ms" if n == SIZES[-1] else "-"
            report(f"{label}: p50 / p95 of {len(times)} changes at n={n:,}", f"{p50:.0f} / {p95:.0f}", "ms",
                   target, p95 <= EXPLORER_P95_MS if n == SIZES[-1] else None)
            table.rows.setdefault(f"{label}: update p95", {})[n] = (p95 / 1000, math.nan, None)


def main(max_exp: int = 6) -> None:
    import helpers

    OUT.mkdir(parents=True, exist_ok=True)
    base = helpers.load_dataset()
    mem = Memory()
    table = Table()
    sizes = [n for n in SIZES if n <= 10**max_exp]
    section(f"Scale: synthetic data at {', '.join(f'{n:,}' for n in sizes)} rows "
            "(time, peak memory above the step's start, chart JSON)")
    if not mem.ok:
        print("  (peak memory not measured: /proc/self/clear_refs is not writable here)")
    for n in sizes:
        print(f"\n  -- n = {n:,}", flush=True)
        run_size(n, table, mem, base)
    table.slopes()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
