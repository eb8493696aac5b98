"""Run a random sample of each module's mutants, for a score per module in an hour instead of a day.

Usage: python tools/mutation_sample.py [--per-module K] [--seed S] [--list] [MODULE ...]

Reads the mutants `mutmut run` generated in mutants/ (`make mutants-sample` generates them first), draws K
of each module's mutants at random (all of them when a module has K or fewer), adds the draw to
mutants/sample.json (a module drawn again gets the new draw) and runs, with `mutmut run`, those of them that
have no result yet. A mutant that already has one (from an earlier full or sampled run) keeps it: the draw is
from every mutant of the module, run or not, so the sample stays uniform. `tools/mutation_report.py` then
gives each module its exact score when every mutant has a result, and otherwise the score of its sample with
a 95% interval.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
SAMPLE = MUTANTS / "sample.json"


def module_name(meta: Path) -> str:
    """'mutants/helpers/charts/maps.py.meta' → 'charts.maps'."""
    rel = meta.relative_to(MUTANTS / "helpers").as_posix().removesuffix(".py.meta")
    return rel.replace("/", ".")


def results(meta: Path) -> dict[str, int | None]:
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def draw(per_module: int, seed: int, only: list[str]) -> dict[str, list[str]]:
    """K mutant names per module, drawn with `seed` (the same draw every time for the same mutants)."""
    sample = {}
    for meta in sorted(MUTANTS.glob("helpers/**/*.py.meta")):
        module = module_name(meta)
        if only and module not in only:
            continue
        names = sorted(results(meta))
        rng = random.Random(f"{seed}:{module}")  # one stream per module: adding a module changes no other draw
        sample[module] = sorted(rng.sample(names, per_module)) if len(names) > per_module else names
    return sample


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-module", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--list", action="store_true", help="print the names left to run, run nothing")
    parser.add_argument("modules", nargs="*", help="e.g. data exercises charts.maps (default: every module)")
    args = parser.parse_args()
    if not any(MUTANTS.glob("helpers/**/*.py.meta")):
        print("no mutants in mutants/: `make mutants-sample` generates them first")
        return 1
    sample = draw(args.per_module, args.seed, args.modules)
    unknown = sorted(set(args.modules) - set(sample))
    if unknown:
        print(f"no such module in mutants/: {', '.join(unknown)}")
        return 1
    done: dict[str, int | None] = {}
    for meta in MUTANTS.glob("helpers/**/*.py.meta"):
        done.update(results(meta))
    todo = [name for names in sample.values() for name in names if done.get(name) is None]
    print(f"{sum(map(len, sample.values()))} mutants drawn from {len(sample)} modules; {len(todo)} to run")
    if args.list:  # a look only: the draw the report scores stays as it was
        print("\n".join(todo))
        return 0
    # Draws of other modules (another size, another day) stay: the report scores each module on its own draw.
    kept = json.loads(SAMPLE.read_text(encoding="utf-8"))["sample"] if SAMPLE.exists() else {}
    SAMPLE.write_text(json.dumps({"sample": {**kept, **sample}}, indent=1, sort_keys=True), encoding="utf-8")
    if not todo:
        return 0
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.call([str(mutmut), "run", *todo], cwd=ROOT, env=os.environ.copy())


if __name__ == "__main__":
    sys.exit(main())
