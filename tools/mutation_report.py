"""Killed and surviving mutants per module of helpers/, from the results `mutmut run` leaves in mutants/.

A mutant counts as caught when a test failed on it (killed), ran out of time on it (timeout: an endless
loop or an explosion is caught too) or was stopped by the type checker; not when its worker crashed. A
module's score is caught / (its mutants that were run, plus those no test reaches): every mutant's, once
`make mutants` has run them all, or those of the random sample `make mutants-sample` drew
(tools/mutation_sample.py), with a 95% interval. A module with neither has no score: mutmut runs its quickest
mutants first, so a partial run is no sample. Prints one line per module with its target, and exits with 1
when a module misses its target or has no score.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
SAMPLE = MUTANTS / "sample.json"  # written by tools/mutation_sample.py
# The loader and the exercises are held to more: a planted bug there gives students a wrong answer. `answers`
# reads what students type for every exercise, so it is part of the exercises.
TARGETS = {"data": 0.90, "descriptor": 0.90, "exercises": 0.90, "answers": 0.90}
DEFAULT_TARGET = 0.80

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          37: "type check", 24: "timeout", -24: "timeout", 152: "timeout", 255: "crashed", None: "not run"}
CAUGHT = ("killed", "timeout", "type check")
# mutmut files a worker that exited 255 under "timeout", but no time limit stopped it: the worker raised before any
# test ran (pytest found no test by an id it was given, as happened to ids pytest had escaped; see
# tests/mutation_scope.py). Nothing caught the mutant, so it is not counted as caught.


def counts(codes: dict[str, int | None]) -> Counter[str]:
    return Counter(STATUS.get(code, "suspicious") for code in codes.values())


def wilson(caught: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval for a score of caught/n from a random sample (Wilson's: sound at 0, n and small n)."""
    if n == 0:
        return 0.0, 1.0
    p = caught / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def module_name(meta: Path) -> str:
    """'mutants/helpers/charts/maps.py.meta' → 'charts.maps' (there is a `maps` in both places)."""
    return meta.relative_to(MUTANTS / "helpers").as_posix().removesuffix(".py.meta").replace("/", ".")


def main() -> int:
    metas = sorted(MUTANTS.glob("helpers/**/*.py.meta"))
    if not metas:
        print("no results in mutants/: run `make mutants` or `make mutants-sample` first")
        return 1
    drawn = json.loads(SAMPLE.read_text(encoding="utf-8"))["sample"] if SAMPLE.exists() else {}
    header = f"{'module':<20}{'mutants':>8}{'run':>7}{'killed':>8}{'timeout':>8}{'survived':>9}{'crashed':>8}" \
             f"{'no tests':>9}{'score':>8}{'95% interval':>15}{'target':>8}"
    print(header)
    print("-" * len(header))
    missed, unmeasured = [], []
    for meta in metas:
        module = module_name(meta)
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        target = TARGETS.get(module, DEFAULT_TARGET)
        complete = all(code is not None for code in codes.values())
        sampled = module in drawn and all(codes.get(name) is not None for name in drawn[module])
        if complete or not sampled:
            runs = {k: v for k, v in codes.items() if v is not None}
            how = "all" if complete else "partial"
        else:
            runs = {k: codes[k] for k in drawn[module]}
            how = "sample"
        c = counts(runs)
        counted = sum(n for status, n in c.items() if status != "skipped")
        if not counted or how == "partial":
            # A partial run is not a score: mutmut runs the quickest mutants first, not a random few.
            print(f"{module:<20}{len(codes):>8}{counted:>7}  no score yet (run `make mutants-sample`)")
            unmeasured.append(module)
            continue
        caught = sum(c[s] for s in CAUGHT)
        score = caught / counted
        interval = "exact" if how == "all" else "{:.0%}–{:.0%}".format(*wilson(caught, counted))
        flag = "" if score >= target else "  below target"
        if score < target:
            missed.append(module)
        print(f"{module:<20}{len(codes):>8}{counted:>7}{c['killed']:>8}{c['timeout']:>8}{c['survived']:>9}"
              f"{c['crashed']:>8}{c['no tests']:>9}{score:>8.0%}{interval:>15}{target:>8.0%}{flag}")
    print("-" * len(header))
    print("run: mutants with a result that the score counts (every one, or a random sample of the module's)")
    if unmeasured:
        print(f"no score yet: {', '.join(unmeasured)}")
    if missed:
        print(f"below target: {', '.join(missed)}; `mutmut browse` (in this folder) shows each survivor")
    return 1 if missed or unmeasured else 0


if __name__ == "__main__":
    sys.exit(main())
