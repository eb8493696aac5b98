"""Hostile input: every case in `tests/hostile/` gets a `DataError` naming what is wrong, or a bounded answer.

Each case is one JSON file: what makes the input hostile (`about`), the edits that build it from a copy of
the bundled data (`steps`), the csv module's process-wide field limit to run under (`field_size_limit`),
and what must come back — the exact problems (`problems`), or lines the problems must contain
(`includes`) and how many there are (`count`), or for text typed into the scorer the error or the
answer (`error`, `answer`) — within `seconds`. The expectations were written by hand from the rules in
`helpers/data.py`, `helpers/descriptor.py` and `helpers/sentiment.py`.

Steps (each takes `file`, a name inside the package folder):
- `cell`: set the cell at an editor `line` and `column` (written back with the csv module);
- `json`: edit the descriptor at `path` (keys, list indexes, or {"name": ...} to pick a table or field):
  `value` sets, `delete` removes, `append` adds to a list;
- `replace`: replace the first `old` in the file's text with `new`; `append`: add `text` at the end (in
  `encoding`, UTF-8 unless given);
  `write`: replace the whole file with `text`; `bytes`: write the bytes given in `hex`.
A text may be {"repeat": s, "times": n, "prefix": p, "suffix": q} instead of a string.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pytest
from mutation_scope import shared_scope

import helpers
from helpers import DataError, sentiment, widgets

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = sorted(HOSTILE.glob("*.json"))
TEXT_TARGETS = ("compound", "explain", "sentence_box")
MAX_MESSAGE_CHARS = 100_000  # a DataError this long is no longer something a reader can use


def _case(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(spec: str | dict[str, Any]) -> str:
    if isinstance(spec, str):
        return spec
    return spec.get("prefix", "") + spec["repeat"] * spec["times"] + spec.get("suffix", "")


def _select(node: Any, key: Any) -> Any:
    """A list index for {"name": ...} (the table or field of that name); any other key as it is."""
    if isinstance(key, dict):
        (index,) = [i for i, item in enumerate(node) if item.get("name") == key["name"]]
        return index
    return key


def _edit_descriptor(data_dir: Path, step: dict[str, Any]) -> None:
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    *parents, last = step["path"]
    node = package
    for key in parents:
        node = node[_select(node, key)]
    last = _select(node, last)
    if step.get("delete"):
        del node[last]
    elif "append" in step:
        node[last].append(step["append"])
    else:
        node[last] = step["value"]
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")


def _set_cell(data_dir: Path, step: dict[str, Any]) -> None:
    path = data_dir / step["file"]
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[step["line"] - 1][rows[0].index(step["column"])] = _text(step["value"])
    with open(path, "w", encoding="utf-8", newline="") as fh:  # every cell quoted: a lone \r stays in its cell
        csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)


def build(data_dir: Path, steps: list[dict[str, Any]]) -> None:
    for step in steps:
        op = step["op"]
        path = data_dir / step.get("file", "datapackage.json")
        if op == "cell":
            _set_cell(data_dir, step)
        elif op == "json":
            _edit_descriptor(data_dir, step)
        elif op == "replace":
            text = path.read_text(encoding="utf-8")
            assert step["old"] in text, f"{step['old']!r} is not in {path.name}"
            path.write_text(text.replace(step["old"], _text(step["new"]), 1), encoding="utf-8", newline="")
        elif op == "append":
            with open(path, "a", encoding=step.get("encoding", "utf-8"), newline="") as fh:
                fh.write(_text(step["text"]))
        elif op == "write":
            path.write_text(_text(step["text"]), encoding="utf-8", newline="")
        elif op == "bytes":
            path.write_bytes(bytes.fromhex(step["hex"]))
        else:
            raise ValueError(f"unknown step {op!r}")


LOADER_CASES = [c for c in CASES if _case(c).get("target", "dataset") not in TEXT_TARGETS]
TEXT_CASES = [c for c in CASES if _case(c).get("target") in TEXT_TARGETS]


def test_the_corpus_is_there() -> None:
    assert len(LOADER_CASES) >= 60 and len(TEXT_CASES) >= 5
    for path in CASES:
        case = _case(path)
        assert case["about"].strip(), path.name
        assert {"problems", "includes", "error", "answer"} & case.keys(), f"{path.name} expects nothing"


@pytest.mark.parametrize("path", LOADER_CASES, ids=lambda p: p.stem)
def test_hostile_data_is_a_data_error(path: Path, data_copy: Path) -> None:
    case = _case(path)
    build(data_copy, case.get("steps", []))
    load = {"dataset": helpers.load_dataset, "package": helpers.load_package,
            "table": lambda d: helpers.load_table(case["table"], d)}[case.get("target", "dataset")]
    before = csv.field_size_limit(case.get("field_size_limit", csv.field_size_limit()))
    start = time.perf_counter()
    try:
        with pytest.raises(DataError) as info:
            load(data_copy)
    finally:
        assert csv.field_size_limit(before) == case.get("field_size_limit", before), "the loader left it changed"
    elapsed = time.perf_counter() - start
    found = [str(p) for p in info.value.problems]
    if "problems" in case:
        assert found == case["problems"]
    for line in case.get("includes", []):
        assert any(line in p for p in found), f"no problem contains {line!r}; found: {found[:5]}"
    if "count" in case:
        assert len(found) == case["count"], found[:5]
    assert elapsed <= case.get("seconds", 10), f"took {elapsed:.1f} s"
    assert len(str(info.value)) <= MAX_MESSAGE_CHARS


@pytest.fixture(scope=shared_scope("module"))
def box(ds: helpers.Dataset) -> widgets.SentimentExplorer:
    return widgets.sentiment_explorer(ds)


@pytest.mark.parametrize("path", TEXT_CASES, ids=lambda p: p.stem)
def test_hostile_text_is_refused_or_scored_quickly(path: Path, box: widgets.SentimentExplorer) -> None:
    case = _case(path)
    text = _text(case["text"])
    start = time.perf_counter()
    if case["target"] == "sentence_box":
        box.sentence.value = text
        answer = box.scores.value
        box.sentence.value = ""
        for part in case["answer"]:
            assert part in answer, answer[:300]
        for part in case.get("absent", []):
            assert part not in answer
    else:
        call = sentiment.compound if case["target"] == "compound" else sentiment.explain
        if "error" in case:
            with pytest.raises(ValueError) as info:
                call(text)
            assert str(info.value) == case["error"]
        else:
            call(text)
    elapsed = time.perf_counter() - start
    assert elapsed <= case.get("seconds", 5), f"took {elapsed:.1f} s"
