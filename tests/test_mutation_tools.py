"""The figures `make mutants` and `make mutants-sample` print: a score per module, exact or from a random sample
with its interval, and no score from a partial run (mutmut runs the quickest mutants first: no sample)."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


report = _tool("mutation_report")
sample = _tool("mutation_sample")


def test_wilson_interval_by_hand() -> None:
    # 9 caught of 10: p = 0.9, z² = 3.8416; centre (0.9 + 0.19208) / 1.38416 = 0.78898;
    # half 1.96 · √(0.009 + 0.009604) / 1.38416 = 0.19314: 0.5958 to 0.9821.
    lo, hi = report.wilson(9, 10)
    assert (lo, hi) == (pytest.approx(0.5958, abs=1e-4), pytest.approx(0.9821, abs=1e-4))
    # All caught: the interval still opens below 1 (10/10: 0.7225 to 1).
    assert report.wilson(10, 10) == (pytest.approx(0.7225, abs=1e-4), 1.0)
    assert report.wilson(0, 0) == (0.0, 1.0)


def _mutants(tmp_path: Path, modules: dict[str, dict[str, int | None]]) -> Path:
    root = tmp_path / "mutants"
    for rel, codes in modules.items():
        meta = root / "helpers" / f"{rel}.py.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    return root


def _run_report(monkeypatch, capsys, root: Path) -> tuple[int, dict[str, str]]:
    monkeypatch.setattr(report, "MUTANTS", root)
    monkeypatch.setattr(report, "SAMPLE", root / "sample.json")
    code = report.main()
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    return code, lines


def test_report_scores_whole_runs_samples_and_no_partial_run(tmp_path, monkeypatch, capsys) -> None:
    # data: all 10 run, 9 caught (8 killed = exit 1, 1 timeout = 36), 1 survived (0): 90%, exact, on target.
    # charts/maps: 6 mutants, 4 run in a sample of 4 (3 caught): 75% from the sample, below 80%.
    # weapons: 2 of 4 run, no sample: no score.
    codes_data = {f"helpers.data.x_f__mutmut_{i}": 1 for i in range(8)}
    codes_data |= {"helpers.data.x_f__mutmut_8": 36, "helpers.data.x_f__mutmut_9": 0}
    maps = {f"helpers.charts.maps.x_g__mutmut_{i}": code for i, code in enumerate([1, 1, 0, 1, None, None])}
    weapons = {f"helpers.weapons.x_h__mutmut_{i}": code for i, code in enumerate([1, 1, None, None])}
    root = _mutants(tmp_path, {"data": codes_data, "charts/maps": maps, "weapons": weapons})
    (root / "sample.json").write_text(json.dumps({"sample": {"charts.maps": sorted(maps)[:4]}}), encoding="utf-8")
    code, lines = _run_report(monkeypatch, capsys, root)
    assert code == 1
    assert lines["data"].split()[1:9] == ["10", "10", "8", "1", "1", "0", "0", "90%"] and "exact" in lines["data"]
    assert "below" not in lines["data"]
    maps_line = lines["charts.maps"].split()
    assert maps_line[1:9] == ["6", "4", "3", "0", "1", "0", "0", "75%"] and "below target" in lines["charts.maps"]
    lo, hi = report.wilson(3, 4)
    assert f"{lo:.0%}–{hi:.0%}" in lines["charts.maps"]
    assert "no score yet" in lines["weapons"]


def test_a_sample_with_a_mutant_not_yet_run_is_no_score(tmp_path, monkeypatch, capsys) -> None:
    maps = {"helpers.maps.x_g__mutmut_1": 1, "helpers.maps.x_g__mutmut_2": None, "helpers.maps.x_g__mutmut_3": 1}
    root = _mutants(tmp_path, {"maps": maps})
    (root / "sample.json").write_text(json.dumps({"sample": {"maps": sorted(maps)[:2]}}), encoding="utf-8")
    code, lines = _run_report(monkeypatch, capsys, root)
    assert code == 1 and "no score yet" in lines["maps"]


def test_the_draw_is_uniform_repeatable_and_per_module(tmp_path, monkeypatch) -> None:
    names = {f"helpers.data.x_f__mutmut_{i}": None for i in range(100)}
    root = _mutants(tmp_path, {"data": names, "charts/maps": {"helpers.charts.maps.x_g__mutmut_1": 1}})
    monkeypatch.setattr(sample, "MUTANTS", root)
    first = sample.draw(10, seed=7, only=[])
    assert first == sample.draw(10, seed=7, only=[])
    assert len(first["data"]) == 10 and set(first["data"]) <= set(names)
    assert first["charts.maps"] == ["helpers.charts.maps.x_g__mutmut_1"]  # fewer than K: all of them
    assert sample.draw(10, seed=7, only=["data"]) == {"data": first["data"]}  # other modules change no draw
    assert sample.draw(10, seed=8, only=["data"])["data"] != first["data"]


def test_every_shared_fixture_is_per_test_while_mutmut_maps_tests() -> None:
    """A fixture shared by a module or a session, outside the browser tests (which mutmut does not run), takes its
    scope from `mutation_scope.shared_scope`: else mutmut ties the code that builds it to one test."""
    fixed = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, after in itertools.pairwise(lines):
            if re.search(r"@pytest\.fixture\(scope=[\"'](module|session|package)", line):
                fixed.append(f"{path.name}:{after.split('(')[0].removeprefix('def ')}")
    # The scratch site is built once by node from a notebook written on the spot: no code of helpers/ runs in it.
    assert fixed == ["test_handouts_build.py:scratch_site"]


def test_a_crashed_worker_is_not_a_caught_mutant(tmp_path, monkeypatch, capsys) -> None:
    # mutmut files exit 255 under "timeout"; here it is its own column and not caught: 3 killed of 4 is 75%.
    codes = {f"helpers.labels.x_f__mutmut_{i}": code for i, code in enumerate([1, 1, 1, 255])}
    root = _mutants(tmp_path, {"labels": codes})
    code, lines = _run_report(monkeypatch, capsys, root)
    assert lines["labels"].split()[1:9] == ["4", "4", "3", "0", "0", "1", "0", "75%"]
    assert code == 1 and "below target" in lines["labels"]


def test_test_ids_by_hand() -> None:
    from mutation_scope import ascii_id

    assert ascii_id("2024\u201311\u201323") == "2024-11-23"
    assert ascii_id("\u22122.4 \u2026 \u201cx\u201d") == '-2.4 ... "x"'
    assert ascii_id("\u041f\u0443") == "U+041FU+0443"
    assert ascii_id("a\\b\nc") == "aU+005CbU+000Ac"
    assert ascii_id(b"\x80ok\\") == "x80okx5C"


def test_every_test_id_can_be_given_back_to_pytest(request) -> None:
    # An escaped id selects nothing when mutmut gives it back to pytest, and the planted bug is filed as a crash.
    bad = [item.nodeid for item in request.session.items
           if not all(32 <= ord(c) < 127 for c in item.nodeid) or "\\" in item.nodeid]
    assert bad == []


def test_listing_what_is_left_changes_no_draw(tmp_path, monkeypatch, capsys) -> None:
    # `--list` is a look: the draws the report scores (here 3 of data's mutants) stay as they were.
    names = {f"helpers.data.x_f__mutmut_{i}": None for i in range(10)}
    root = _mutants(tmp_path, {"data": names})
    kept = {"sample": {"data": sorted(names)[:3]}}
    (root / "sample.json").write_text(json.dumps(kept), encoding="utf-8")
    monkeypatch.setattr(sample, "MUTANTS", root)
    monkeypatch.setattr(sample, "SAMPLE", root / "sample.json")
    monkeypatch.setattr("sys.argv", ["mutation_sample.py", "--per-module", "5", "--list"])
    assert sample.main() == 0
    assert "5 mutants drawn from 1 modules; 5 to run" in capsys.readouterr().out
    assert json.loads((root / "sample.json").read_text(encoding="utf-8")) == kept
