"""Every chart the notebooks draw reads fields its data has, and every tooltip line names its field and a title.

The charts are built here, in this process, from the notebooks' own code cells (so a change to a chart builder
shows), not read back from the saved outputs. A field that no row and no transform provides draws nothing, and
Vega says nothing about it: the mark is silently empty or the tooltip line blank.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import altair as alt
import pytest
from mutation_scope import shared_scope

from helpers import charts, sentiment, synthetic, widgets

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


def _explorer_charts(ds, label: str) -> list[tuple[str, dict]]:
    """The charts each explorer opens on."""
    quotes, tone, arms, claims = (widgets.quote_explorer(ds), widgets.sentiment_explorer(ds),
                                  widgets.weapon_explorer(ds), widgets.claims_explorer(ds))
    opened = {"quotes": quotes.chart, "tone": tone.chart, "index": tone.index_chart, "weapon": arms.chart,
              "claims": claims.chart}
    return [(f"{label}-{name}", chart.to_dict()) for name, chart in opened.items() if chart is not None]


@pytest.fixture(scope=shared_scope("module"))
def specs(ds) -> list[tuple[str, dict]]:
    """Every chart the notebooks draw, the explorers' charts, and the explorers' charts on 5,000 synthetic rows
    (where the builders count and bin instead of drawing one mark per row), and the charts of empty tables."""
    drawn = [(f"{p.name[:2]}-cell{i}", spec) for p in NOTEBOOKS for i, spec in _charts_of(p)]
    big = synthetic.dataset(5000, seed=4, base=ds)
    scored = sentiment.quotes_with_event_goldstein(big)
    binned = {"tone-by-side": charts.sentiment_by_side(scored), "measures": charts.measures_by_day(scored, big.events),
              "answers": charts.call_and_response(big), "capability": charts.capability_chart(big, "atacms")}
    none = sentiment.quotes_with_event_goldstein(ds).iloc[:0]
    empty = {"statements": charts.statements_by_day(ds.statements.iloc[:0]),
             "index": charts.escalation_index(sentiment.daily_index(ds.events.iloc[:0])),
             "measures": charts.measures_by_day(none, ds.events.iloc[:0]),
             "tone-by-side": charts.sentiment_by_side(none), "tone-scatter": charts.sentiment_vs_goldstein(none)}
    return [*drawn, *_explorer_charts(ds, "explorer"), *_explorer_charts(big, "5000-rows"),
            *((f"5000-rows-{name}", chart.to_dict()) for name, chart in binned.items()),
            *((f"empty-{name}", chart.to_dict()) for name, chart in empty.items())]


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


def _channels(specs):
    """(chart name, channel, field definition) for every encoding of every view of every chart."""
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for channel, item in _fields(view["encoding"]):
                yield name, channel, item


def test_the_notebooks_draw_charts(specs) -> None:
    assert len(specs) >= 15


def _data_fields(spec: dict, data: str) -> set[str]:
    """Every field some row of the named dataset has."""
    rows = spec["datasets"][data]
    return set().union(*(r.keys() for r in rows)) if rows else set()


def test_every_field_a_chart_reads_is_in_its_data(specs) -> None:
    missing = []
    for name, spec in specs:
        for view, data, made in _units(spec):
            if data is None:
                continue
            have = _data_fields(spec, data)
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


def _all_fields(spec: dict) -> set[str]:
    have: set[str] = set()
    for rows in spec.get("datasets", {}).values():
        have |= set().union(*(r.keys() for r in rows)) if rows else set()
    for _, _, made in _units(spec):
        have |= made
    return have


def _params(spec: dict):
    yield from spec.get("params", [])
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _params(sub)


def test_every_selection_picks_a_field_the_chart_has(specs) -> None:
    bad = []
    for name, spec in specs:
        have = _all_fields(spec)
        for param in _params(spec):
            select = param.get("select")
            for field in select.get("fields", []) if isinstance(select, dict) else []:
                if field not in have:
                    bad.append((name, param["name"], field))
    assert bad == []


POSITION = ("x", "y")
LEGENDS = ("color", "fill", "stroke", "shape", "size", "strokeDash", "opacity")


def _shared(spec: dict):
    """Groups of views that share their axes and legends: a layer's views, or one view on its own."""
    if "layer" in spec:
        views: list[dict] = []
        stack = list(spec["layer"])
        while stack:
            sub = stack.pop(0)
            stack[:0] = sub.get("layer", [])
            if "encoding" in sub:
                views.append(sub)
        yield [v for v in views] + ([spec] if "encoding" in spec else [])
        return
    if "encoding" in spec:
        yield [spec]
    for key in ("vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _shared(sub)


def _guides(views: list[dict]) -> dict[str, list[dict]]:
    """Channel → the field definitions the views give it (an axis or legend the views share)."""
    out: dict[str, list[dict]] = {}
    for view in views:
        for channel, item in view["encoding"].items():
            if isinstance(item, dict) and "field" in item and channel in POSITION + LEGENDS:
                out.setdefault(channel, []).append(item)
    return out


def test_no_axis_or_legend_falls_back_to_a_raw_field_name(specs) -> None:
    # Without a title, Vega-Lite titles an axis or legend with the field's name ("speaker", "to_km"); in a layer,
    # one explicit title names the shared axis.
    bad = []
    for name, spec in specs:
        for views in _shared(spec):
            for channel, items in _guides(views).items():
                guide = "axis" if channel in POSITION else "legend"
                if not any("title" in item or "title" in (item.get(guide) or {}) or item.get(guide, 0) is None
                           for item in items):
                    bad.append((name, channel, items[0]["field"]))
    assert bad == [], bad


def test_every_number_axis_has_a_title(specs) -> None:
    bad = []
    for name, spec in specs:
        for views in _shared(spec):
            for channel, items in _guides(views).items():
                if (channel in POSITION and items[0].get("type") == "quantitative"
                        and not any(item.get("title") or (item.get("axis") or {}).get("title")
                                    or item.get("axis", 0) is None for item in items)):
                    bad.append((name, channel, items[0]["field"]))
    assert bad == []


def test_every_side_colour_comes_from_the_one_side_palette(specs) -> None:
    from helpers.charts.theme import SIDE_COLORS, SIDE_LABELS, SIDES

    labels, colours = [SIDE_LABELS[s] for s in SIDES], [SIDE_COLORS[s] for s in SIDES]
    seen = 0
    for name, channel, item in _channels(specs):
        if channel in ("color", "fill", "stroke") and item.get("field") == "side":
            seen += 1
            scale = item.get("scale", {})
            assert scale.get("domain", [])[:4] == labels and scale.get("range", [])[:4] == colours, name
            assert item.get("title") == "Side" or item.get("legend", 0) is None, name
    assert seen >= 8


def test_every_text_mark_shows_something(specs) -> None:
    # A text mark with no text (an encoding without a field, or no encoding at all) draws nothing, silently.
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            mark = view.get("mark", {})
            text = view["encoding"].get("text")
            if isinstance(text, dict) and not ({"field", "value", "datum", "condition"} & set(text)):
                bad.append((name, text))
            if (mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text")) and text is None \
                    and not (isinstance(mark, dict) and "text" in mark):
                bad.append((name, "text mark without text"))
    assert bad == []


def _titles(spec: dict):
    """Axis, legend and tooltip titles."""
    for view, _, _ in _units(spec):
        for _, item in _fields(view["encoding"]):
            for title in (item.get("title"), (item.get("axis") or {}).get("title"),
                          (item.get("legend") or {}).get("title")):
                if isinstance(title, str):
                    yield title


ACRONYMS = {"GDELT", "ACLED", "VADER", "CAMEO", "ATACMS", "HIMARS", "URL", "ID"}


def test_no_title_shouts(specs) -> None:
    # Acronyms (GDELT, VADER) are capitals; any other title in capitals ("DATE", "CALL AND RESPONSE") reads as
    # shouting, on an axis, a legend, a tooltip or the chart itself.
    bad = [(name, t) for name, spec in specs for t in (*_titles(spec), *_chart_titles(spec))
           if t == t.upper() and t != t.lower() and (" " in t or t.strip("()") not in ACRONYMS)]
    assert bad == []


def test_axis_and_legend_titles_start_with_a_capital(specs) -> None:
    bad = [(name, t) for name, spec in specs for t in _titles(spec) if t and not (t[0].isupper() or t[0].isdigit())]
    assert bad == []


def _marks(spec: dict):
    mark = spec.get("mark")
    if mark is not None:
        yield mark if isinstance(mark, dict) else {"type": mark}
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _marks(sub)


def test_every_opacity_is_between_none_and_full(specs) -> None:
    bad = [(name, m) for name, spec in specs for m in _marks(spec)
           for key in ("opacity", "fillOpacity", "strokeOpacity") if not 0 <= m.get(key, 1) <= 1]
    # ... and so is every opacity an encoding gives (a selection's "picked" and "not picked" values).
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for key in ("opacity", "fillOpacity", "strokeOpacity"):
                for item in _fields({key: view["encoding"].get(key)}):
                    value = item[1].get("value")
                    if isinstance(value, int | float) and not 0 <= value <= 1:
                        bad.append((name, key, value))
    assert bad == []


# A colour Vega cannot parse draws the mark black or not at all, and says nothing. The charts write colours as hex
# codes or as one of these CSS names (worked out from the CSS Color Module's list, the ones a chart here may use).
CSS_NAMES = {"white", "black", "transparent", "none", "grey", "gray", "lightgray", "lightgrey", "darkgray", "red"}
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
COLOUR_KEYS = ("color", "fill", "stroke", "labelColor", "titleColor", "subtitleColor", "domainColor", "tickColor",
               "gridColor", "background")


def _colours(node: object, where: str = ""):
    """(key, value) of every colour a spec sets: on marks, axes, legends and titles, as encoding values and in
    scale ranges (the data itself is not a colour)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("datasets", "resolve"):  # rows of data; "shared"/"independent" scales
                continue
            if key in COLOUR_KEYS and isinstance(value, str):
                yield key, value
            elif key in COLOUR_KEYS and isinstance(value, dict) and isinstance(value.get("value"), str):
                yield key, value["value"]
            elif key == "range" and where in COLOUR_KEYS and isinstance(value, list):
                yield from ((where, v) for v in value if isinstance(v, str))
            yield from _colours(value, key if key in COLOUR_KEYS else where)
    elif isinstance(node, list):
        for item in node:
            yield from _colours(item, where)


def _valid_colour(value: str) -> bool:
    return bool(HEX.fullmatch(value)) or value.lower() in CSS_NAMES


def test_every_colour_is_one_vega_can_draw(specs) -> None:
    bad = {(name, key, value) for name, spec in specs for key, value in _colours(spec) if not _valid_colour(value)}
    assert bad == set()


def test_the_colour_check_would_see_a_misspelt_colour() -> None:
    spec = {"mark": {"type": "circle", "color": "XXwhiteXX"},
            "encoding": {"color": {"scale": {"range": ["#0072b2", "#e69f0"]}}, "stroke": {"value": "#00000"}}}
    assert sorted(v for _, v in _colours(spec) if not _valid_colour(v)) == ["#00000", "#e69f0", "XXwhiteXX"]
    assert all(_valid_colour(v) for v in ("#fff", "#0072b2", "#0072b2cc", "white", "none"))


def _formats(spec: object):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "format" and isinstance(value, str):
                yield value
            else:
                yield from _formats(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _formats(item)


def test_dates_read_day_month_year(specs) -> None:
    # "11/21/24" (%D, %m, %y) reads differently in every country; day, month in words and year do not.
    bad = [(name, f) for name, spec in specs for f in _formats(spec) if re.search(r"%-?[Dmy]", f)]
    assert bad == []
    assert any("%b" in f for _, spec in specs for f in _formats(spec))


def test_every_chart_has_a_title(specs) -> None:
    untitled = [name for name, spec in specs if not spec.get("title")]
    assert untitled == []


def test_every_bar_says_what_it_counts_on_hover(specs) -> None:
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            mark = view.get("mark")
            if (mark.get("type") if isinstance(mark, dict) else mark) == "bar" and "tooltip" not in view["encoding"]:
                bad.append(name)
    assert bad == []


def test_every_time_axis_is_in_utc(specs) -> None:
    # Days are stored as UTC midnights: on a local-time axis a reader west of Greenwich sees each one a day early.
    bad = []
    for name, spec in specs:
        for views in _shared(spec):
            for channel, items in _guides(views).items():
                utc = any((item.get("scale") or {}).get("type") == "utc"
                          or str(item.get("timeUnit", "")).startswith("utc") for item in items)
                if channel in POSITION and items[0].get("type") == "temporal" and not utc:
                    bad.append((name, channel))
    assert bad == []


def test_axis_ticks_run_in_order(specs) -> None:
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for channel in POSITION:
                values = ((view["encoding"].get(channel) or {}).get("axis") or {}).get("values")
                if isinstance(values, list) and all(isinstance(v, int | float) for v in values) and \
                        values != sorted(set(values)):
                    bad.append((name, channel, values))
    assert bad == []


def test_every_spec_is_plain_json(specs) -> None:
    # A NaN (a date-time built from a missing day, a mean of nothing) is not JSON: the browser's parser rejects
    # the whole spec and the chart is blank.
    bad = []
    for name, spec in specs:
        try:
            json.dumps(spec, allow_nan=False)
        except ValueError:
            bad.append(name)
    assert bad == []


def _stamp(dt: dict) -> tuple:
    return tuple(dt.get(k, 0) for k in ("year", "month", "date", "hours", "minutes", "seconds"))


def test_every_time_scale_runs_forward(specs) -> None:
    bad = []
    for name, channel, item in _channels(specs):
        domain = (item.get("scale") or {}).get("domain")
        dates = isinstance(domain, list) and domain and all(isinstance(d, dict) and "year" in d for d in domain)
        if dates and (len(domain) != 2 or not _stamp(domain[0]) < _stamp(domain[1])):
            bad.append((name, channel, domain))
    assert bad == []


def test_every_mark_has_a_place_on_both_axes(specs) -> None:
    # A box, dot or bar with no x (or no y) piles up at the chart's edge, and Vega says nothing.
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            mark = view.get("mark")
            kind = mark.get("type") if isinstance(mark, dict) else mark
            enc = view["encoding"]
            if kind in ("rule", "geoshape", "arc") or kind is None:
                continue  # a rule may span the plot; shapes and arcs are placed otherwise
            if kind == "rect" and ({"x", "x2"} <= set(enc) or {"y", "y2"} <= set(enc)):
                continue  # a band across the whole plot (a period shaded behind the marks)
            across = {"x", "longitude"} & set(enc) or (kind in ("bar", "rect", "tick") and "x2" in enc)
            up = {"y", "latitude"} & set(enc)
            if not (across and up):
                bad.append((name, kind, sorted(enc)))
    assert bad == []


def test_a_legend_that_fixes_its_keys_fixes_their_looks(specs) -> None:
    # A colour, shape or dash scale with a domain but no range falls back to Vega's defaults: the legend then
    # shows keys in looks the prose and the other charts do not use.
    bad = []
    for name, channel, item in _channels(specs):
        scale = item.get("scale") or {}
        if channel in ("color", "fill", "stroke", "shape", "strokeDash") and isinstance(
                scale.get("domain"), list) and "scheme" not in scale:
            rng = scale.get("range")
            if not isinstance(rng, list) or len(rng) < len(scale["domain"]):
                bad.append((name, channel, item.get("field")))
    assert bad == []


def _inline_rows(data: object) -> list[dict] | None:
    """The rows of a view's inline data (values given as a list, or as a JSON text the chart parses)."""
    if not isinstance(data, dict) or "values" not in data:
        return None
    values = data["values"]
    if isinstance(values, str):
        values = json.loads(values)
    return values if isinstance(values, list) and all(isinstance(r, dict) for r in values) else None


def _path(row: dict, field: str) -> bool:
    node: object = row
    for part in field.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def test_every_field_read_from_inline_values_is_there(specs) -> None:
    # The map's reach lines are GeoJSON features inside the spec: a tooltip reading `properties.side` from
    # features that name it otherwise shows a blank line.
    seen, bad = 0, []
    for name, spec in specs:
        for view, _, made in _units(spec):
            rows = _inline_rows(view.get("data"))
            if not rows:
                continue
            for channel, item in _fields(view["encoding"]):
                field = item.get("field")
                if isinstance(field, str) and field not in made:
                    seen += 1
                    if not all(_path(r, field) for r in rows):
                        bad.append((name, channel, field))
    assert bad == []
    assert seen >= 5


def test_an_outlined_dot_keeps_its_colour(specs) -> None:
    # Vega's default outline is 2 px: round a 9 px dot that leaves little of the side's colour to read.
    bad = [(name, m) for name, spec in specs for m in _marks(spec)
           if m.get("type") in ("circle", "point") and m.get("stroke") and not 0 < m.get("strokeWidth", 2) <= 1]
    assert bad == []


def _named(spec: object, key: str):
    """Every `name` given under `key` ("params" or views) anywhere in the spec."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == key and isinstance(v, list):
                yield from (p.get("name") for p in v if isinstance(p, dict))
            yield from _named(v, key)
    elif isinstance(spec, list):
        for item in spec:
            yield from _named(item, key)


def test_every_selection_and_slider_is_named(specs) -> None:
    # Altair numbers an unnamed parameter from a global counter ("param_7"): a notebook run twice would then
    # save different outputs, and a browser test could not find the slider by name.
    bad = [(name, n) for name, spec in specs for n in _named(spec, "params") if not n or re.fullmatch(r"param_\d+", n)]
    assert bad == []
    assert sum(1 for _, spec in specs for _ in _named(spec, "params")) >= 5


GEOMETRIES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def test_inline_geojson_features_are_valid(specs) -> None:
    # A feature Vega cannot read ("TYPE" for "type", coordinates missing) is skipped without a word: the line
    # it carries is simply not on the map.
    seen, bad = 0, []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for row in _inline_rows(view.get("data")) or []:
                if row.get("type") != "Feature" and "geometry" not in row:
                    continue
                seen += 1
                geometry = row.get("geometry") or {}
                if row.get("type") != "Feature" or geometry.get("type") not in GEOMETRIES or \
                        not geometry.get("coordinates") or not isinstance(row.get("properties"), dict):
                    bad.append((name, row.get("properties", {}).get("system")))
    assert bad == []
    assert seen >= 3



def test_every_channel_says_what_it_encodes(specs) -> None:
    # A colour with a scale but no field colours nothing: every mark takes the first colour, and Vega is silent.
    bad = []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for channel, item in view["encoding"].items():
                if isinstance(item, dict) and not ({"field", "value", "datum", "aggregate", "condition"} & set(item)):
                    bad.append((name, channel))
    assert bad == []


def test_every_side_axis_lists_the_sides_in_one_order(specs) -> None:
    from helpers.charts.theme import SIDE_LABELS, SIDES

    order, seen, bad = [SIDE_LABELS[s] for s in SIDES], 0, []
    for name, spec in specs:
        for view, _, _ in _units(spec):
            for channel in POSITION:
                item = view["encoding"].get(channel)
                if isinstance(item, dict) and item.get("field") == "side" and item.get("type") == "nominal":
                    seen += 1
                    if item.get("sort") != order:
                        bad.append((name, channel, item.get("sort")))
    assert bad == []
    assert seen >= 2


def _chart_titles(spec: dict):
    """The title of the chart and of every view inside it (layers, concatenations), as text."""
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    for t in text if isinstance(text, list) else [text]:
        if isinstance(t, str):
            yield t
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for view in spec.get(key, []):
            yield from _chart_titles(view)
    if isinstance(spec.get("spec"), dict):
        yield from _chart_titles(spec["spec"])


def test_every_chart_title_starts_with_a_capital(specs) -> None:
    bad = [(name, t) for name, spec in specs for t in _chart_titles(spec)
           if t and not (t[0].isupper() or t[0].isdigit())]
    assert bad == []


def test_no_title_has_a_capital_inside_a_word(specs) -> None:
    # 'XXSpeakerXX', 'sideLabel': a word with a capital after a small letter is a placeholder or a variable name,
    # not a word a reader knows.
    bad = [(name, t) for name, spec in specs for t in (*_titles(spec), *_chart_titles(spec))
           if re.search(r"[a-z][A-Z]", t)]
    assert bad == []


def test_every_legend_has_a_title(specs) -> None:
    # A colour, shape or dash that means something says what, above its keys.
    bad = []
    for name, channel, item in _channels(specs):
        if channel in ("color", "fill", "shape", "strokeDash", "size") and "field" in item \
                and item.get("legend", {}) is not None:
            title = (item.get("legend") or {}).get("title", item.get("title"))
            if not (isinstance(title, str) and title.strip()):
                bad.append((name, channel, item.get("field")))
    assert bad == []


def test_every_score_axis_spans_the_whole_scale(specs) -> None:
    # Goldstein and VADER ×10 both run from −10 to +10: an axis that fits the data instead would make a mild
    # week look like the extremes. Any view may fix the shared scale, but one must, and always to −10 … +10.
    from helpers.escalation import MEASURES

    bad = []
    for name, spec in specs:
        domains, scored = [], False
        for view, _, _ in _units(spec):
            for channel, item in _fields(view["encoding"]):
                title = item.get("title", (item.get("axis") or {}).get("title"))
                if channel in ("x", "y") and item.get("type") == "quantitative" and title in MEASURES.values():
                    scored = True
                    if "domain" in (item.get("scale") or {}):
                        domains.append(item["scale"]["domain"])
        if scored and (not domains or any(d != [-10, 10] for d in domains)):
            bad.append((name, domains))
    assert bad == []


def test_every_field_a_filter_reads_is_in_its_data(specs) -> None:
    # `datum.day <= map_day` on rows without `day` hides every row, silently (a label card that never shows).
    missing = []
    for name, spec in specs:
        for view, data, made in _units(spec):
            if data is None:
                continue
            have = _data_fields(spec, data)
            made = made | _outputs(view.get("transform", []))
            for t in view.get("transform", []):
                test = t.get("filter")
                if isinstance(test, str):
                    for field in re.findall(r"datum\.(\w+)|datum\[['\"]([^'\"]+)['\"]\]", test):
                        field = field[0] or field[1]
                        if have and field not in have | made:
                            missing.append((name, test, field))
    assert missing == []


def test_a_date_format_prints_no_stray_letters(specs) -> None:
    # Every letter of a time format is a directive ('%d %b %Y'); a bare letter would print as it stands ('XX19 Nov').
    bad = [(name, f) for name, spec in specs for f in _formats(spec) if "%" in f
           and re.search(r"[A-Za-z]", re.sub(r"%[-_0^#]?[A-Za-z]", "", f))]
    assert bad == []
