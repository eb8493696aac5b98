"""Larger than memory: 10^7 GDELT-layout rows in Parquet, aggregated by DuckDB out of core.

Each step runs in its own interpreter, so its peak resident memory (ru_maxrss) is its own. The in-memory
size is what pandas needs for the same rows (measured on 10^6 of them, scaled).

Run alone with `python benchmarks/out_of_core.py [rows]`, or all benchmarks with `make bench`.
"""

from __future__ import annotations

import json
import subprocess
import sys

from common import OUT, ROOT, report, section

ROWS = 10**7
MEMORY_LIMIT = "512MB"
SAMPLE = 10**6
RATIO_TARGET = 0.25  # "well under": a quarter of the in-memory size at most

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
step, path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
import helpers
from helpers import charts, external, synthetic
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = {{"base_mb": base}}
start = time.perf_counter()
if step == "generate":
    synthetic.write_gdelt(path, rows, seed=11)
elif step == "in_memory":
    import duckdb
    frame = duckdb.sql(f"SELECT * FROM read_parquet('{{path}}') LIMIT {{rows}}").df()
    out["bytes"] = int(frame.memory_usage(deep=True).sum())
    out["rows"] = len(frame)
elif step == "aggregate":
    agg = external.aggregate_events(path, memory_limit={limit!r}, threads=2, temp_directory={tmp!r})
    out["rows"] = agg.rows
    out["days"] = len(agg.daily)
    out["actors"] = len(agg.actors)
    out["actor_daily"] = len(agg.actor_daily)
    out["aggregate_seconds"] = time.perf_counter() - start
    index = external.index_from_daily(agg.daily, window=7)
    chart = charts.escalation_index(index)
    out["spec_bytes"] = len(json.dumps(chart.to_dict()))
out["seconds"] = time.perf_counter() - start
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(step: str, path: str, rows: int) -> dict:
    code = CHILD.format(root=str(ROOT), limit=MEMORY_LIMIT, tmp=str(OUT / "duckdb_tmp"))
    done = subprocess.run([sys.executable, "-c", code, step, path, str(rows)], capture_output=True, text=True,
                          cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"{step} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def parquet_rows(path) -> int | None:
    if not path.exists():
        return None
    import duckdb

    try:
        return duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
    except duckdb.Error:  # an unfinished file from an interrupted run: make it again
        return None


def main(rows: int = ROWS) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"gdelt_{rows}.parquet"
    section(f"Larger than memory: {rows:,} GDELT-layout rows in Parquet, DuckDB memory_limit {MEMORY_LIMIT}")
    if parquet_rows(path) == rows:
        print(f"  (reusing {path.relative_to(ROOT)}; delete it to time the generation again)")
    else:
        gen = child("generate", str(path), rows)
        report("generate the Parquet file (DuckDB SQL, vectorised)", gen["seconds"], "s")
        report("  peak memory while generating", gen["peak_mb"], "MB")
    report("Parquet file size on disk", path.stat().st_size / 2**20, "MB")

    mem = child("in_memory", str(path), SAMPLE)
    in_memory = mem["bytes"] / mem["rows"] * rows / 2**20
    report(f"in-memory size in pandas (measured on {mem['rows']:,} rows, scaled)", in_memory, "MB")

    agg = child("aggregate", str(path), rows)
    report("aggregate_events: rows read", f"{agg['rows']:,}", "", f"{rows:,}", agg["rows"] == rows)
    report("aggregate_events: time (daily, per-actor, top-20 actors' daily)", agg["aggregate_seconds"], "s")
    report("  tables handed to pandas: days / actors / actor-days",
           f"{agg['days']:,} / {agg['actors']:,} / {agg['actor_daily']:,}", "rows")
    report("  interpreter with helpers imported, before the query", agg["base_mb"], "MB")
    report("aggregate_events: peak resident memory of the whole process", agg["peak_mb"], "MB")
    ratio = agg["peak_mb"] / in_memory
    report("peak memory / in-memory size of the rows", ratio, "x", f"<= {RATIO_TARGET}", ratio <= RATIO_TARGET)
    kb = agg["spec_bytes"] / 1024
    report("escalation index chart of all rows: spec", kb, "KB", "<= 200 KB", kb <= 200)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
