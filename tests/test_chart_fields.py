"""Every chart the notebooks draw reads fields its data has, and every tooltip line names its field and a title.

The charts are built here, in this process, from the notebooks' own code cells (so a change to a chart builder
shows), not read back from the saved outputs. A field that no row and no transform provides draws nothing, and
Vega says nothing about it: the mark is silently empty or the tooltip line blank.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import altair as alt
import pytest
from mutation_scope import shared_scope

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _charts_of(path: Path) -> list[tuple[int, dict]]:
    """(cell, spec) for each cell of the notebook whose last line is a chart, run in one namespace."""
    from IPython.utils.capture import capture_output

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    scope: dict[str, Any] = {}
    out = []
    with capture_output():
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            tree = ast.parse("".join(cell["source"]))
            if not tree.body:
                continue
            last = tree.body[-1]
            head = ast.Module(body=tree.body[:-1] if isinstance(last, ast.Expr) else tree.body, type_ignores=[])
            exec(compile(head, f"{path.name}[{i}]", "exec"), scope)  # the notebook's own code
            if isinstance(last, ast.Expr):
                value = eval(compile(ast.Expression(last.value), f"{path.name}[{i}]", "eval"), scope)
                if isinstance(value, alt.TopLevelMixin):
                    out.append((i, value.to_dict()))
    return out


@pytest.fixture(scope=shared_scope("module"))
def specs() -> list[tuple[str, dict]]:
    return [(f"{p.name[:2]}-cell{i}", spec) for p in NOTEBOOKS for i, spec in _charts_of(p)]


def _outputs(transforms: list[dict]) -> set[str]:
    """Fields a view's transforms make."""
    made: set[str] = set()
    for t in transforms:
        for key in ("as", "groupby"):
            v = t.get(key)
            made |= {v} if isinstance(v, str) else set(v or [])
        for part in t.get("aggregate", []) + t.get("window", []) + t.get("joinaggregate", []):
            made.add(part.get("as", ""))
        if "fold" in t:
            made |= set(t.get("as", ["key", "value"]))
        if "timeUnit" in t:
            made.add(t["as"])
    return made


def _units(spec: dict, data: str | None = None, made: frozenset[str] = frozenset()):
    """(view, dataset name, fields made above it) for every view with an encoding."""
    if isinstance(spec.get("data"), dict) and "name" in spec["data"]:
        data = spec["data"]["name"]
    elif "data" in spec:
        data = None  # inline values, a sphere or a generator: not a table of rows to check against
    made = made | _outputs(spec.get("transform", []))
    if "encoding" in spec:
        yield spec, data, made
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _units(sub, data, made)


def _fields(enc: dict) -> list[tuple[str, dict]]:
    out = []
    for channel, value in enc.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                out.append((channel, item))
                if isinstance(item.get("condition"), dict):
                    out.append((channel, item["condition"]))
    return out


def test_the_notebooks_draw_charts(specs) -> None:
    assert len(specs) >= 15


def test_every_field_a_chart_reads_is_in_its_data(specs) -> None:
    missing = []
    for name, spec in specs:
        for view, data, made in _units(spec):
            if data is None:
                continue
            rows = spec["datasets"][data]
            have = set().union(*(r.keys() for r in rows)) if rows else set()
            for channel, item in _fields(view["encoding"]):
                field = item.get("field")
                if isinstance(field, str) and "." not in field and field not in have | made:
                    missing.append((name, channel, field))
    assert missing == []


def test_every_tooltip_line_names_a_field_and_a_title(specs) -> None:
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            tips = view["encoding"].get("tooltip", [])
            for tip in tips if isinstance(tips, list) else [tips]:
                if not isinstance(tip, dict) or tip.get("content"):
                    continue
                title = tip.get("title", "")
                if "field" not in tip or not title or not title[0].isupper():
                    bad.append((name, tip))
    assert bad == []


def test_the_field_check_would_see_a_misspelt_field() -> None:
    spec = {"datasets": {"d": [{"table": "events", "rows": 3}]},
            "data": {"name": "d"}, "mark": "bar",
            "encoding": {"x": {"field": "rows", "type": "quantitative"}, "y": {"field": "TABLE", "type": "nominal"}}}
    (view, data, made), = _units(spec)
    have = set(spec["datasets"][data][0])
    assert [f["field"] for _, f in _fields(view["encoding"]) if f["field"] not in have | made] == ["TABLE"]
