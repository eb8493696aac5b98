"""Chart builders: assert the spec (marks, encodings, selections, data size), and that it round-trips."""

from __future__ import annotations

import json

import altair as alt

from helpers import charts


def _views(spec: dict) -> list[dict]:
    out = []
    for key in ("vconcat", "hconcat", "layer", "concat"):
        for sub in spec.get(key, []):
            out.extend(_views(sub))
    if "mark" in spec:
        out.append(spec)
    return out


def _mark(view: dict) -> str:
    return view["mark"]["type"] if isinstance(view["mark"], dict) else view["mark"]


def _roundtrip(chart: alt.TopLevelMixin) -> dict:
    spec = chart.to_dict()
    again = alt.Chart.from_dict(spec) if "mark" in spec else type(chart).from_dict(spec)
    assert again.to_dict() == spec
    json.dumps(spec)
    return spec


def test_statements_by_day_spec(ds) -> None:
    spec = _roundtrip(charts.statements_by_day(ds.statements))
    dots, bars = _views(spec)
    assert _mark(dots) == "point" and _mark(bars) == "bar"
    enc = dots["encoding"]
    assert enc["x"]["field"] == "day" and enc["y"]["field"] == "speaker" and enc["color"]["field"] == "side"
    assert {t["field"] for t in enc["tooltip"]} == {"speaker", "day", "outlet", "type", "quote"}
    assert enc["color"]["scale"]["range"] == list(charts.SIDE_COLORS.values())
    names = {p["name"] for p in spec["params"]}
    assert names == {"pick_side", "brush_days"}
    brush = next(p for p in spec["params"] if p["name"] == "brush_days")
    assert brush["select"]["type"] == "interval"
    assert {"filter": {"param": "brush_days"}} in bars["transform"]
    (rows,) = spec["datasets"].values()
    assert len(rows) == len(ds.statements)


def test_statement_points_slots_do_not_overlap(ds) -> None:
    pts = charts.statement_points(ds.statements)
    assert not pts.duplicated(["day", "speaker", "slot"]).any()
    assert (pts["quote"].str.len() <= charts.TOOLTIP_CHARS).all()


def test_spec_is_deterministic(ds) -> None:
    a = charts.statements_by_day(ds.statements).to_dict()
    charts.call_and_response(ds).to_dict()  # building another chart in between must not change names
    b = charts.statements_by_day(ds.statements).to_dict()
    assert a == b


def test_response_links_follow_the_data(ds) -> None:
    links = charts.response_links(ds)
    answered = ds.statements["responds_to"].dropna()
    assert len(links) == len(answered)
    assert set(links["answers_id"]) == set(answered)
    assert (links["answers_date"] <= links["date"]).all(), "a response cannot come before what it answers"


def test_call_and_response_spec(ds) -> None:
    spec = _roundtrip(charts.call_and_response(ds))
    marks = [_mark(v) for v in _views(spec)]
    assert marks == ["rule", "square", "circle"]
    rule = _views(spec)[0]["encoding"]
    assert {"x", "x2", "y", "y2"} <= set(rule)
    (rows,) = spec["datasets"].values()
    assert len(rows) == len(charts.response_links(ds))


def test_setup_notebook_enables_the_offline_renderer(ds) -> None:
    loaded = charts.setup_notebook()
    assert alt.renderers.active == "mimetype"
    assert alt.theme.active == charts.THEME
    assert len(loaded.quotes) == len(ds.quotes)


def test_escalation_index_spec(ds) -> None:
    from helpers import sentiment

    idx = sentiment.daily_index(ds.in_focus(ds.events), window=2)
    spec = _roundtrip(charts.escalation_index(idx, charts.key_events(ds)))
    marks = [_mark(v) for v in _views(spec)]
    assert marks == ["rule", "line", "line", "point", "rule", "text"]
    assert _views(spec)[2]["encoding"]["y"]["field"] == "rolling"
    assert len(charts.key_events(ds)) == charts.key_events(ds)["day"].nunique()


def test_measures_and_scatter_specs(ds) -> None:
    from helpers import sentiment

    scored = sentiment.quotes_with_event_goldstein(ds)
    spec = _roundtrip(charts.measures_by_day(ds.in_focus(scored), ds.in_focus(ds.events)))
    assert spec["params"][0]["name"] == "pick_measure"
    (rows,) = spec["datasets"].values()
    assert {r["measure"] for r in rows} == set(charts.MEASURES.values())
    scatter = _roundtrip(charts.sentiment_vs_goldstein(scored))
    assert scatter["encoding"]["x"]["field"] == "goldstein"
    (pts,) = scatter["datasets"].values()
    assert len(pts) == scored["goldstein"].notna().sum()


def test_sentiment_by_side_spec(ds) -> None:
    from helpers import sentiment

    scored = sentiment.quotes_with_event_goldstein(ds)
    spec = _roundtrip(charts.sentiment_by_side(scored))
    assert [_mark(v) for v in _views(spec)] == ["boxplot", "tick"]
    ticks = [d for d in spec["datasets"].values() if "speaker" in d[0] and "quote" not in d[0] and len(d) < len(scored)]
    assert len(ticks[0]) == scored.groupby(["side", "speaker"], observed=True).ngroups


def _unit_specs(spec: object):
    """Every dict in a Vega-Lite spec that has both a mark and an encoding."""
    if isinstance(spec, dict):
        if "mark" in spec and "encoding" in spec:
            yield spec
        for value in spec.values():
            yield from _unit_specs(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _unit_specs(value)


def test_saved_charts_only_encode_shape_on_point_marks() -> None:
    # Vega drops a shape encoding on circle or square marks without an error: the legend would lie.
    import nbformat

    from helpers.data import DATA_DIR

    checked = 0
    for path in sorted((DATA_DIR.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get("application/vnd.vegalite.v5+json")
                for unit in _unit_specs(spec):
                    if "shape" in unit["encoding"]:
                        mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
                        assert mark == "point", f"{path.name}: shape encoded on a {mark!r} mark"
                        checked += 1
    assert checked >= 3
