"""Bring your own data at scale: import throughput, weapon-name precision and recall, explorers on imported rows.

- `load_events_csv` and `aggregate_events` on 10^6-row ACLED and GDELT CSV files (synthetic rows in their
  layouts: ACLED's terms forbid shipping real ones), in rows per second, target >= 200,000 (10^6 rows <= 5 s);
- weapon detection against `tests/fixtures/weapon_notes.csv`, hand-labelled notes written for this purpose
  (real names, false friends such as "Patriot Front", and lower-case words): precision and recall;
- the escalation and weapon explorers on the 10^6 imported ACLED rows: p50/p95 of random changes, target
  p95 <= 250 ms.

Run alone with `python benchmarks/importers.py [rows]`, or all benchmarks with `make bench`.
"""

from __future__ import annotations

import sys

from common import OUT, ROOT, drive, percentile, quiet, report, section, timed

ROWS = 10**6
RATE_TARGET = 200_000
EXPLORER_P95_MS = 250
CHANGES = 50


def weapon_scores() -> tuple[float, float, int]:
    """Precision and recall of the weapon ids found in the labelled notes, and how many notes there are."""
    import pandas as pd

    import helpers
    from helpers.importers import find_weapons

    sample = pd.read_csv(ROOT / "tests" / "fixtures" / "weapon_notes.csv", dtype=str, keep_default_na=False)
    found = find_weapons(sample["note"], helpers.load_dataset().weapon_systems).fillna("")
    want = sample["weapon_id"]
    hits = ((found == want) & want.ne("")).sum()
    precision = hits / max(found.ne("").sum(), 1)
    recall = hits / max(want.ne("").sum(), 1)
    return float(precision), float(recall), len(sample)


def main(rows: int = ROWS) -> None:
    import helpers
    from helpers import external, synthetic, widgets

    OUT.mkdir(parents=True, exist_ok=True)
    base = helpers.load_dataset()
    section(f"Bring your own data: {rows:,}-row files (synthetic rows in ACLED's and GDELT's layouts)")
    files = {
        "ACLED CSV": synthetic.write_acled_csv(OUT / f"import_acled_{rows}.csv", rows, seed=2),
        "GDELT CSV": synthetic.write_gdelt(OUT / f"import_gdelt_{rows}.csv", rows, seed=3),
    }
    imported = {}
    for label, path in files.items():
        ds, seconds = timed(lambda path=path: external.load_events_csv(path, base=base))
        imported[label] = ds
        rate = rows / seconds
        report(f"load_events_csv, {label}: rows per second", f"{rate:,.0f}", "rows/s", f">= {RATE_TARGET:,}",
               rate >= RATE_TARGET)
        report(f"  ({seconds:.2f} s for {rows:,} rows)", seconds, "s", "<= 5 s" if rows == 10**6 else "-",
               seconds <= 5 if rows == 10**6 else None)
        _, seconds = timed(lambda path=path: external.aggregate_events(path))
        rate = rows / seconds
        report(f"aggregate_events (DuckDB), {label}: rows per second", f"{rate:,.0f}", "rows/s",
               f">= {RATE_TARGET:,}", rate >= RATE_TARGET)
    for path in files.values():
        path.unlink()

    precision, recall, n = weapon_scores()
    report(f"weapon names in notes: precision ({n} hand-labelled notes)", precision, "", ">= 0.95", precision >= 0.95)
    report("weapon names in notes: recall", recall, "", ">= 0.95", recall >= 0.95)

    ds = imported["ACLED CSV"]
    for name in ("sentiment_explorer", "weapon_explorer"):
        make = getattr(widgets, name)
        with quiet():
            explorer, seconds = timed(lambda make=make: make(ds))
        report(f"{name} on {rows:,} imported ACLED rows: build", seconds * 1000, "ms")
        times, _ = drive(explorer, CHANGES)
        p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
        report(f"{name} on {rows:,} imported ACLED rows: p50 / p95", f"{p50:.0f} / {p95:.0f}", "ms",
               f"<= {EXPLORER_P95_MS} ms", p95 <= EXPLORER_P95_MS)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
