"""Print every performance figure of Escalation Week, with its target beside it (nothing is asserted).

Run: `make bench`. Three parts, each in its own interpreter so one does not skew the next:

- `suite.py`        the classroom: imports, loading, the notebooks' run time, explorer latency, file sizes
- `scale.py`        synthetic data of 10^3 … 10^6 rows: time, memory, chart size and slope of every step
- `importers.py`    bring your own data: import rows per second, weapon-name precision/recall, explorers at 10^6
- `out_of_core.py`  10^7 rows in Parquet, aggregated by DuckDB within a fixed memory limit
- `handouts.py`     `make handouts`: the static site's build time and size

Generated files go to `benchmarks/out/` (git-ignored). The run ends with the list of missed targets.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ["suite.py", "scale.py", "importers.py", "out_of_core.py", "handouts.py"]


def main() -> int:
    print(f"Escalation Week benchmarks (python {sys.version.split()[0]})", flush=True)
    missed: list[str] = []
    failed: list[str] = []
    start = time.perf_counter()
    for part in PARTS:
        proc = subprocess.Popen([sys.executable, "-u", str(HERE / part)], cwd=HERE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if "MISSED" in line or "not measured" in line or "could not be driven" in line:
                missed.append(f"{part}: {' '.join(line.split())}")
        stderr = proc.stderr.read() if proc.stderr else ""
        if proc.wait():
            failed.append(part)
            print(f"\n{part} stopped with exit code {proc.returncode}:\n{stderr[-3000:]}", flush=True)
    print(f"\n== Summary ({time.perf_counter() - start:.0f} s)")
    for line in missed:
        print(f"  {line}")
    for part in failed:
        print(f"  {part} did not finish")
    if not missed and not failed:
        print("  every target met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
