"""The classroom figures, on the bundled data: imports, loading, the notebooks' run time, explorer latency, file sizes.

Run alone with `python benchmarks/suite.py`, or all benchmarks with `make bench`.
"""

from __future__ import annotations

import copy
import json
import shutil
import statistics
import subprocess
import sys
import time

from common import OUT, ROOT, drive, explorers, percentile, quiet, report, section, timed

CHART_MIMETYPES = ("application/vnd.vegalite.v5+json", "application/vnd.vega.v5+json")
IPC = OUT / "ipc"
FLOOR_SOURCE = "import pandas, altair, ipywidgets\nimport helpers\n\nhelpers.setup_notebook()"


def notebooks() -> list:
    return sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def _start(snippet: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
    return time.perf_counter() - start


def bench_imports(runs: int = 7) -> None:
    """Cold imports in fresh interpreters, interleaved so a busy moment on a shared machine hits both alike."""
    bare_code, ours_code = "import pandas, altair, ipywidgets", "import pandas, altair, ipywidgets, helpers"
    empty, bare, ours = [], [], []
    for _ in range(runs):
        empty.append(_start("pass"))
        bare.append(_start(bare_code))
        ours.append(_start(ours_code))
    base = statistics.median(empty)
    b, o = statistics.median(bare) - base, statistics.median(ours) - base
    report("cold import: pandas + altair + ipywidgets", b * 1000, "ms")
    report("cold import: the same + helpers", o * 1000, "ms")
    report(f"import ratio helpers / bare (medians of {runs})", o / b, "x", "<= 1.2", o / b <= 1.2)
    heavy = subprocess.run([sys.executable, "-c", "import sys, helpers; print(sorted(m for m in ('duckdb', "
                            "'pyarrow', 'vaderSentiment', 'vegafusion') if m in sys.modules))"],
                           capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    report("heavy modules loaded by `import helpers`", heavy, "", "[]", heavy == "[]")


def bench_load() -> None:
    import helpers

    helpers.load_dataset()  # warm the file cache
    times = [timed(helpers.load_dataset)[1] for _ in range(15)]
    value = statistics.median(times) * 1000
    report("load_dataset() median of 15", value, "ms", "<= 50 ms", value <= 50)


def _execute(nb, cwd) -> float:
    """Seconds to run `nb` in a new kernel, start-up included (IPC sockets: no TCP port to race for)."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    IPC.mkdir(parents=True, exist_ok=True)
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(IPC / "kernel"))
    start = time.perf_counter()
    NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def bench_suite(rounds: int = 3) -> None:
    """Every notebook from a clean kernel, against as many notebooks that only import and set up.

    Real and floor runs alternate, `rounds` times, and each notebook counts with its median: on a
    shared machine one slow run should not decide the ratio.
    """
    import nbformat

    paths = notebooks()
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    floor_nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    real: dict[str, list[float]] = {p.name: [] for p in paths}
    floor: dict[str, list[float]] = {p.name: [] for p in paths}
    try:
        for _ in range(rounds):
            for p in paths:
                real[p.name].append(_execute(nbformat.read(p, as_version=4), p.parent))
                floor[p.name].append(_execute(copy.deepcopy(floor_nb), p.parent))
    finally:
        shutil.rmtree(IPC, ignore_errors=True)
    for p in paths:
        report(f"  {p.name} from a clean kernel (median of {rounds})", statistics.median(real[p.name]), "s")
    total = sum(statistics.median(v) for v in real.values())
    base = sum(statistics.median(v) for v in floor.values())
    report(f"suite: {len(paths)} notebooks, each from a clean kernel", total, "s")
    report(f"floor: {len(paths)} notebooks that only import and set up", base, "s")
    report("suite / floor", total / base, "x", "<= 1.5", total / base <= 1.5)


def bench_explorers(changes: int = 60) -> None:
    import helpers

    ds = helpers.load_dataset()
    for name, make in explorers().items():
        try:
            with quiet():
                explorer, built = timed(lambda make=make: make(ds))
            times, drawn = drive(explorer, changes)
        except Exception as exc:  # a new explorer should be reported, not stop the run
            report(f"{name}: could not be driven", f"{type(exc).__name__}", "", "-", False)
            continue
        p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
        report(f"{name}: build", built * 1000, "ms")
        report(f"{name}: update p50 ({len(times)} changes, {drawn} charts drawn)", p50, "ms")
        report(f"{name}: update p95 ({len(times)} changes)", p95, "ms", "<= 50 ms", p95 <= 50)


def bench_sentiment(runs: int = 200) -> None:
    import helpers
    from helpers import sentiment

    quotes = helpers.load_dataset().quotes
    sentiment.score_quotes(quotes.head(5))  # build both analyzers once
    _, elapsed = timed(lambda: sentiment.score_quotes(quotes))
    report("quote scoring throughput (plain + domain)", len(quotes) / elapsed, "q/s")
    times = []
    for text in quotes["text"].sample(runs, replace=True, random_state=3):
        start = time.perf_counter()
        sentiment.compound(text)
        sentiment.compound(text, sentiment.domain_analyzer())
        sentiment.explain(text)
        times.append(time.perf_counter() - start)
    value = percentile(times, 95) * 1000
    report(f"score-your-own-sentence p95 ({runs} sentences)", value, "ms", "<= 20 ms", value <= 20)


def bench_files() -> None:
    for path in notebooks():
        kb = path.stat().st_size / 1024
        # Each chart is saved twice: the live spec and a static SVG for viewers without a renderer; the limit is
        # the one tests/test_static_charts.py holds.
        report(f"size of {path.name}", kb, "KB", "<= 400 KB", kb <= 400)
        nb = json.loads(path.read_text(encoding="utf-8"))
        n = 0
        for i, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                for mime in CHART_MIMETYPES:
                    if mime in out.get("data", {}):
                        n += 1
                        size = len(json.dumps(out["data"][mime])) / 1024
                        first = "".join(cell["source"]).strip().splitlines()[-1][:34]
                        report(f"  chart {n} (cell {i}: {first})", size, "KB", "<= 200 KB", size <= 200)


if __name__ == "__main__":
    section("Suite on the bundled data")
    bench_imports()
    bench_load()
    bench_suite()
    section("Explorers on the bundled data (random changes, each from the default view)")
    bench_explorers()
    bench_sentiment()
    section("Notebook files and the charts saved in them")
    bench_files()
