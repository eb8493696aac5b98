"""The map of the week: borders, the strikes and their launch sites, and how far each system reaches.

It reads the theme's side colours and the tables of `helpers/maps.py`. The projection is fixed (Mercator,
centred on the map's extent, a set scale), so the map is the same on every screen and label positions computed
here are where Vega draws them.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from .. import maps
from ..data import Dataset
from ..factcheck import source_links
from .theme import SIDE_LABELS, side_label, side_scale, text_width

MAP_WIDTH = 760
LABEL_FONT = 11
COUNTRY_FILL = {"Ukraine": "#ffffff", "Russia": "#e4e4e4", "Belarus": "#ececec"}
OTHER_FILL = "#f3f3f3"
BASIS_LABELS = {"system": "the weapon's own range", "class": "its missile class's range"}
SEA = "#e8eff5"
# Legends stack their entries, side by side under the map, so the chart is no wider than the map.
LEGEND = alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=260)  # one column: fits the map width
BASIS_DASH = {"system": [1, 0], "class": [2, 3]}
LAUNCH = "launch site"
MARKED_AT_CENTRE = "*"
WEAPON_SHAPES = ["circle", "square", "diamond", "triangle-up", "triangle-down", "triangle-right", "wedge"]
LAUNCH_SHAPE = "cross"
NOT_NAMED = "not named"


# --------------------------------------------------------------------------------------------
# The fixed projection, computed here as Vega computes it


def projection_params(width: int = MAP_WIDTH) -> dict[str, Any]:
    """Mercator centred on `maps.EXTENT`, scaled so the extent fills `width`; the height follows."""
    w, s, e, n = maps.EXTENT
    scale = width / math.radians(e - w)
    height = round(scale * (_merc(n) - _merc(s)))
    center = [(w + e) / 2, math.degrees(_inv_merc((_merc(s) + _merc(n)) / 2))]
    return {"scale": scale, "center": center, "width": width, "height": height}


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inv_merc(y: float) -> float:
    return 2 * math.atan(math.exp(y)) - math.pi / 2


def project(lon: float, lat: float, p: dict[str, Any]) -> tuple[float, float]:
    """Pixel position of a point on the map (origin top left)."""
    x = p["width"] / 2 + p["scale"] * math.radians(lon - p["center"][0])
    y = p["height"] / 2 - p["scale"] * (_merc(lat) - _merc(p["center"][1]))
    return x, y


def invert(x: float, y: float, p: dict[str, Any]) -> tuple[float, float]:
    lon = p["center"][0] + math.degrees((x - p["width"] / 2) / p["scale"])
    lat = math.degrees(_inv_merc(_merc(p["center"][1]) + (p["height"] / 2 - y) / p["scale"]))
    return lon, lat


# --------------------------------------------------------------------------------------------
# Labels that do not overlap


SPOTS = ((8, 0, "left"), (-8, 0, "right"), (0, -12, "center"), (0, 13, "center"),
         (8, -11, "left"), (-8, 11, "right"), (8, 11, "left"), (-8, -11, "right"),
         # a step further out, tried last: where lines crowd a marker, the nearer spots are all crossed
         (14, -11, "left"), (-14, -11, "right"), (14, 11, "left"), (-14, 11, "right"))


def label_size(text: str) -> tuple[float, float]:
    """The px a map label takes: its widest line, and a line's height per line ('\\n' breaks a line)."""
    lines = str(text).split("\n")
    return max(text_width(line, LABEL_FONT) for line in lines), (LABEL_FONT + 2) * len(lines)


def place_labels(items: list[dict[str, Any]], p: dict[str, Any], taken: list[tuple[float, ...]] | None = None,
                 lines: np.ndarray | None = None) -> pd.DataFrame:
    """Put each label beside its point where it overlaps no earlier label, marker or map edge.

    `items` are dicts with lon, lat, text (in order of importance), and optionally `along`: other (lon, lat)
    anchors the label may move to, best first, and `outside`: a ring (lon, lat points) the label must not
    enter, for a label that tells on which side of its line something lies. `lines` are pixel points along the
    drawn lines (n × 2): a spot no line crosses is preferred, at the first anchor that has one, so no label
    reads as struck through. Returns lon/lat of the label's anchor, its alignment (left, right, center), whether
    a free spot was found (`placed`) and whether no line crosses it (`clear`; a label that is not is drawn on a
    white card that breaks the line).
    """
    boxes = list(taken or [])
    pts = np.empty((0, 2)) if lines is None else np.asarray(lines, dtype=float).reshape(-1, 2)
    rows = []
    for it in items:
        x, y = project(it["lon"], it["lat"], p)
        boxes.append((x - 5, y - 5, x + 5, y + 5))
    for it in items:
        x, y = project(it["lon"], it["lat"], p)
        w, h = label_size(it["text"])
        own = (x - 5, y - 5, x + 5, y + 5)
        first_free = clear = None
        for lon, lat in [(it["lon"], it["lat"]), *it.get("along", [])]:
            x, y = project(lon, lat, p)
            for dx, dy, align in SPOTS:
                ax, ay = x + dx, y + dy
                x0 = {"left": ax, "right": ax - w, "center": ax - w / 2}[align]
                box = (x0, ay - h / 2, x0 + w, ay + h / 2)
                inside = box[0] >= 2 and box[2] <= p["width"] - 2 and box[1] >= 2 and box[3] <= p["height"] - 2
                if inside and "outside" in it:
                    corners = [invert(cx, cy, p) for cx in (box[0], box[2]) for cy in (box[1], box[3])]
                    inside = not maps._inside(*np.array(corners).T, [[it["outside"]]]).any()
                if inside and not any(_overlap(box, b) for b in boxes if b != own):
                    first_free = first_free or (ax, ay, align, box)
                    if not _crossed(_grown(box), pts):
                        clear = (ax, ay, align, box)
                        break
            if clear or not len(pts):
                break
        # A line through a label beats no label: with no clear spot, the first free one.
        choice = clear or first_free
        placed = choice is not None
        if choice is None:
            x, y = project(it["lon"], it["lat"], p)
            choice = (x + 8, y, "left", (x + 8, y - h / 2, x + 8 + w, y + h / 2))
        boxes.append(choice[3])
        lon, lat = invert(choice[0], choice[1], p)
        rows.append({**it, "label_lon": round(lon, 4), "label_lat": round(lat, 4), "align": choice[2],
                     "placed": placed, "clear": not _crossed(_grown(choice[3]), pts)})
    return pd.DataFrame(rows)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grown(box: tuple[float, ...], by: float = 1.5) -> tuple[float, ...]:
    """A label's box with a margin: glyphs run a little past the width estimate, and a line drawn simplified runs
    up to `TOLERANCE_PX` off its points."""
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _crossed(box: tuple[float, ...], pts: np.ndarray) -> bool:
    """Whether a line passes through the box: one of its points (a few px apart) falls inside it."""
    if not len(pts):
        return False
    x, y = pts[:, 0], pts[:, 1]
    return bool(((x > box[0]) & (x < box[2]) & (y > box[1]) & (y < box[3])).any())


# --------------------------------------------------------------------------------------------
# Tables the layers draw


def _short_name(name: str) -> str:
    """'Taurus KEPD 350' → 'Taurus', 'Storm Shadow / SCALP-EG' → 'Storm Shadow': a label never reads as a range."""
    words = name.split(" (")[0].split(" /")[0].split()
    while len(words) > 1 and (words[-1].isdigit() or words[-1].isupper()):
        words.pop()
    return " ".join(words)


def strike_points(ds: Dataset) -> pd.DataFrame:
    """Each strike target and launch place of the focus period that the map can put at a point."""
    s = maps.strike_places(ds)
    s = s[s["on_map"]]
    outlets = _outlets(ds)
    marked = s["place_kind"].isin(["region", "country"])
    return pd.DataFrame({
        "event_id": s["event_id"].astype(str),
        "day": s["date"].dt.day.astype(int),
        "when": s["date"].dt.strftime("%d %b %Y"),
        "phase": s["phase"].astype(str),
        "side": side_label(s["side"]).astype(str),
        "weapon": [_short_name(w) if isinstance(w, str) else NOT_NAMED for w in s["weapon"]],
        "mark": [LAUNCH if r == "launch" else (_short_name(w) if isinstance(w, str) else NOT_NAMED)
                 for r, w in zip(s["role"], s["weapon"], strict=True)],
        "role": s["role"].astype(str),
        "place": s["place_name"].astype(str) + np.where(marked, MARKED_AT_CENTRE, ""),
        "placed": np.where(marked, "marked at " + s["place_placed_at"].fillna("").astype(str) + ": the sources "
                           "give only the " + s["place_kind"].astype(str), "the place itself"),
        "summary": s["summary"].astype(str).str.slice(0, 159),
        "sources": s["source_ids"].map(outlets),
        "lon": s["longitude"].astype(float), "lat": s["latitude"].astype(float),
    }).reset_index(drop=True)


def _outlets(ds: Dataset):
    return lambda ids: "; ".join(dict.fromkeys(outlet for outlet, _ in source_links(ds, ids)))[:120]


TOLERANCE_PX = 0.4  # a reach line keeps only the points that move it by more than this at map width


def simplify(line: list[Any], p: dict[str, Any], tolerance: float = TOLERANCE_PX) -> list[Any]:
    """The points of a line (lon, lat pairs) that Douglas–Peucker keeps in pixels: the same curve, drawn from
    far fewer points (a saved notebook stores each one twice, in the spec and in the static image)."""
    if len(line) < 3:
        return list(line)
    xy = np.array([project(lon, lat, p) for lon, lat in line], dtype=float)
    keep = np.zeros(len(xy), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(xy) - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        a, b = xy[i], xy[j]
        seg = b - a
        rel = xy[i + 1:j] - a
        norm = float(np.hypot(*seg))
        dist = (np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm if norm else np.hypot(rel[:, 0], rel[:, 1]))
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return [pt for pt, kept in zip(line, keep, strict=True) if kept]


def reach_features(reach_list: list[maps.Reach], p: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """GeoJSON line features, one per reach line, with what the tooltip and legend need."""
    p = p or projection_params()
    out = []
    for r in reach_list:
        for line in r.lines:
            drawn = simplify(line, p)
            out.append({"type": "Feature", "geometry": {"type": "LineString",
                                                        "coordinates": [[round(x, 2), round(y, 2)] for x, y in drawn]},
                        "properties": {"system": _short_name(r.weapon), "km": r.km,
                                       "side": SIDE_LABELS[r.side], "basis": BASIS_LABELS[r.basis],
                                       "from": r.origin, "wording": r.wording[:120]}})
    return out


def _reach_anchors(r: maps.Reach, every: int = 4) -> list[tuple[float, float]]:
    """Where a reach line's label may go, best first: its northernmost points inside the map (westernmost for
    lines measured from Russia), so the label sits at the line's outer edge; an empty list when none is inside."""
    pts = np.array([pt for line in r.lines for pt in line], dtype=float).reshape(-1, 2)  # a line may be empty
    w, s, e, n = maps.EXTENT
    pts = pts[(pts[:, 0] > w + 1) & (pts[:, 0] < e - 1) & (pts[:, 1] > s + 0.5) & (pts[:, 1] < n - 0.5)]
    if not len(pts):
        return []
    rank = -(pts[:, 1] - 0.02 * np.abs(pts[:, 0] - 34)) if r.side == "ukraine" else pts[:, 0]
    order = np.argsort(rank, kind="stable")
    return [(float(pts[k, 0]), float(pts[k, 1])) for k in [order[0], *order[1::every]]]


def country_labels(ds: Dataset) -> pd.DataFrame:
    """A label point inside each of the three countries of the story, as far from its borders as the map allows."""
    rings = maps.country_rings(ds.boundaries)
    rows = []
    w, s, e, n = maps.EXTENT
    lons, lats = np.meshgrid(np.arange(w + 1, e - 1, 0.5), np.arange(s + 1, n - 1, 0.5))
    for name in COUNTRY_FILL:  # every shaded country is named, so the shading needs no legend
        inside = maps._inside(lons.ravel(), lats.ravel(), rings[name])
        cand = np.column_stack([lats.ravel()[inside], lons.ravel()[inside]])
        d = maps.nearest_km(cand[:, 0], cand[:, 1], maps.border_points(rings[name], 25))
        k = int(np.argmax(d))
        rows.append({"text": name.upper(), "lon": float(cand[k, 1]), "lat": float(cand[k, 0])})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# The chart


def strike_map(ds: Dataset, title: str | None = None,
               reach: bool = True, slider: bool = True, width: int = MAP_WIDTH) -> alt.LayerChart:
    """The strikes of the week and its aftermath on a map of Ukraine, western Russia and their neighbours.

    Colour is the side (who struck; whose border a reach line is measured from), shape the weapon, a line's
    dash whether its range is the weapon's own or its class's. A place the sources give only as a region is
    marked at the region's centre, with a star. `slider` adds a day slider (over `maps.map_span`) that shows the
    strikes up to that day, in the browser; `reach=False` leaves out the reach lines (the glance map).
    """
    if title is None:
        title = "Where the strikes of the week and its aftermath fell, and how far each system reaches"
    p = projection_params(width)
    proj = {"type": "mercator", "scale": round(p["scale"], 3), "center": [round(c, 4) for c in p["center"]],
            "translate": [p["width"] / 2, p["height"] / 2]}
    points = dodge(strike_points(ds), p)
    # Geometry goes in as JSON text, which Vega parses: a saved notebook stores it as one compact string
    # instead of one indented line per coordinate (five times the size).
    countries = alt.Chart(alt.Data(values=_compact(ds.boundaries),
                                   format=alt.DataFormat(type="topojson", feature="countries"))).mark_geoshape(
        stroke="#9a9a9a", strokeWidth=0.6, clip=True).encode(
        fill=alt.Fill("shade:N", legend=None, scale=alt.Scale(
            domain=[*COUNTRY_FILL, "other"], range=[*COUNTRY_FILL.values(), OTHER_FILL])),
        tooltip=alt.Tooltip("properties.name:N", title="Country"),
    ).transform_calculate(
        shade=f"indexof({list(COUNTRY_FILL)}, datum.properties.name) >= 0 ? datum.properties.name : 'other'"
    ).project(**proj)
    sea = alt.Chart(alt.sphere()).mark_geoshape(fill=SEA, stroke=None).project(**proj)
    layers: list[alt.Chart] = [sea, countries]
    cl = country_labels(ds)
    layers.append(alt.Chart(cl).mark_text(fontSize=13, fontWeight="bold", color="#b0b0b0").encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N").project(**proj))

    taken: list[tuple[float, ...]] = []
    for c in cl.itertuples():  # country names are fixed obstacles for the place labels
        x, y = project(c.lon, c.lat, p)
        half = text_width(c.text, 13) * 1.1 / 2  # bold is about a tenth wider than regular
        taken.append((x - half, y - 9, x + half, y + 9))
    point_boxes = []
    for r in points.itertuples():
        x, y = project(r.lon, r.lat, p)
        point_boxes.append((x - 6, y - 6, x + 6, y + 6))
    reach_list = maps.reaches(ds) if reach else []
    # The Side legend lists the sides this map draws (a strike, a reach line), in the fixed order, no others.
    drawn = set(points["side"].astype(str)) | {SIDE_LABELS[r.side] for r in reach_list}
    side_legend = alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=260,
                             values=[label for label in side_scale().domain if label in drawn])
    paths = _flight_paths(points)
    # Every drawn line as pixel points a few px apart: labels are placed where no line strikes them through.
    polylines = [line for r in reach_list for line in r.lines]
    if len(paths):
        polylines += [g[["lon", "lat"]].to_numpy().tolist() for _, g in paths.groupby("event_id")]
    drawn_lines = _pixel_points(polylines, p)
    if reach_list:
        feats = reach_features(reach_list, p)
        layers.append(alt.Chart(alt.Data(values=_compact(feats), format=alt.DataFormat(type="json")))
                      .mark_geoshape(filled=False, strokeWidth=1.6, clip=True)
                      .encode(stroke=alt.Stroke("properties.side:N", scale=side_scale(), title="Side",
                                                legend=side_legend),
                              strokeDash=alt.StrokeDash("properties.basis:N", title="Reach line",
                                                        legend=alt.Legend(orient="bottom", direction="vertical",
                                                                          columns=1, symbolType="stroke",
                                                                          labelLimit=260),
                                                        scale=alt.Scale(domain=list(BASIS_LABELS.values()),
                                                                        range=list(BASIS_DASH.values()))),
                              tooltip=[alt.Tooltip("properties.system:N", title="System"),
                                       alt.Tooltip("properties.km:Q", title="Range (km)", format=",.0f"),
                                       alt.Tooltip("properties.from:N", title="Measured from"),
                                       alt.Tooltip("properties.basis:N", title="Range is the"),
                                       alt.Tooltip("properties.wording:N", title="Source's wording")])
                      .project(**proj))
        anchors = []
        for r in reach_list:
            along = _reach_anchors(r)
            if along:
                text = f"{_short_name(r.weapon)} {_reach_text(r)}"
                anchors.append({"lon": along[0][0], "lat": along[0][1], "text": text, "side": SIDE_LABELS[r.side],
                                "along": along[1:], **_beyond(r)})
        reach_labels = place_labels(anchors, p, taken + point_boxes, lines=drawn_lines).drop(
            columns=["along", "outside"], errors="ignore")
        for row in reach_labels.itertuples():
            x, y = project(row.label_lon, row.label_lat, p)
            w, h = label_size(row.text)
            x0 = {"left": x, "right": x - w, "center": x - w / 2}[row.align]
            taken.append((x0, y - h / 2, x0 + w, y + h / 2))
        layers += _text_layers(reach_labels, p, proj, color_field="side", italic=True, legend=side_legend)
    # The flight from a named launch place to its target, for the Oreshnik.
    if len(paths):
        layers.append(alt.Chart(paths).mark_line(strokeDash=[4, 3], strokeWidth=1.2, clip=True).encode(
            longitude="lon:Q", latitude="lat:Q", detail="event_id:N", order="k:Q",
            color=alt.Color("side:N", scale=side_scale(), title="Side", legend=side_legend)).project(**proj))

    day = alt.param(name="map_day", value=int(points["day"].max()) if len(points) else 26,
                    bind=alt.binding_range(min=17, max=26, step=1, name="Strikes up to this day of November: ")
                    ) if slider else None
    shown = alt.datum.day <= day if slider else alt.datum.day > 0
    marks = legend_marks(points["mark"])
    shapes = [*WEAPON_SHAPES[:len(marks) - 1], LAUNCH_SHAPE]
    dots = alt.Chart(points).mark_point(size=95, filled=True, stroke="black", strokeWidth=0.7, opacity=0.95).encode(
        longitude="lon:Q", latitude="lat:Q",
        color=alt.Color("side:N", scale=side_scale(), title="Side", legend=side_legend),
        shape=alt.Shape("mark:N", title="Weapon, or launch site", scale=alt.Scale(domain=marks, range=shapes),
                        legend=LEGEND),
        order=alt.Order("day:Q"),
        tooltip=[alt.Tooltip("event_id:N", title="Event"), alt.Tooltip("when:N", title="Date"),
                 alt.Tooltip("place:N", title="Place"), alt.Tooltip("placed:N", title="Marked at"),
                 alt.Tooltip("role:N", title="Role"), alt.Tooltip("weapon:N", title="Weapon"),
                 alt.Tooltip("summary:N", title="What happened"), alt.Tooltip("sources:N", title="Sources")],
    ).transform_filter(shown).project(**proj)
    if slider:
        dots = dots.add_params(day)
    layers.append(dots)
    # One label per place, placed clear of the others.
    firsts = points.sort_values(["day", "event_id"]).drop_duplicates("place")
    # A place's other markers (set beside its first by `dodge`) are obstacles for its label too.
    others = [point_boxes[i] for i in points.index.difference(firsts.index)]
    labels = place_labels([{"lon": r.lon, "lat": r.lat, "text": r.place, "day": r.day}
                           for r in firsts.itertuples()], p, taken + others, lines=drawn_lines)
    layers += _text_layers(labels, p, proj, filter_expr=shown)
    chart = alt.layer(*layers, data=pd.DataFrame(), name="strike_map", width=p["width"], height=p["height"],
                      title=alt.Title(title, subtitle=_subtitle(ds, reach_list)),
                      description=describe(ds, points, reach_list))
    return chart


DODGE_NEAR, DODGE_PX = 12.0, 7.0  # markers closer than this (px) are set this far from their common centre


def dodge(points: pd.DataFrame, p: dict[str, Any], near: float = DODGE_NEAR, radius: float = DODGE_PX) -> pd.DataFrame:
    """The points, with markers that would hide one another set side by side: each group of markers within `near`
    px of one another (two strikes on Odesa, Dnipro's ▼ and ◆) goes round its centre, `radius` px out, earliest
    on the left. A marker on its own keeps its place; the tooltip still names the place."""
    if len(points) < 2:
        return points
    xy = np.array([project(lon, lat, p) for lon, lat in zip(points["lon"], points["lat"], strict=True)], dtype=float)
    group = list(range(len(points)))  # each point's group: joined while any two are near (single linkage)

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, j in itertools.combinations(range(len(points)), 2):
        if np.hypot(*(xy[i] - xy[j])) < near:
            group[root(j)] = root(i)
    out = points.copy()
    roots = [root(i) for i in range(len(points))]
    for r in set(roots):
        members = [i for i in range(len(points)) if roots[i] == r]
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (points["day"].iloc[i], points["event_id"].iloc[i], i))
        cx, cy = xy[members].mean(axis=0)
        for k, i in enumerate(members):
            angle = math.pi + 2 * math.pi * k / len(members)
            lon, lat = invert(cx + radius * math.cos(angle), cy - radius * math.sin(angle), p)
            out.iloc[i, out.columns.get_loc("lon")] = round(lon, 4)
            out.iloc[i, out.columns.get_loc("lat")] = round(lat, 4)
    return out


def legend_marks(marks: Iterable[str]) -> list[str]:
    """The shape legend's keys: the named weapons in alphabetical order whatever their case, then "not named",
    then the launch site, last."""
    seen = set(marks)
    named = sorted(seen - {LAUNCH, NOT_NAMED}, key=lambda m: (m.casefold(), m))
    return [*named, *([NOT_NAMED] if NOT_NAMED in seen else []), LAUNCH]


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _text_layers(labels: pd.DataFrame, p: dict[str, Any], proj: dict[str, Any], color_field: str | None = None,
                 italic: bool = False, filter_expr: Any = None, legend: alt.Legend = LEGEND) -> list[alt.Chart]:
    out = []
    if labels.empty:
        return out  # nothing to name (data with no place on the map)
    crossed = labels[~labels["clear"]]
    if len(crossed):  # a white card under a label no spot kept clear of the lines: it breaks the line there
        out.append(_filtered(alt.Chart(_cards(crossed, p)).mark_rect(color="white").encode(
            longitude="w:Q", latitude="s:Q", longitude2="e:Q", latitude2="n:Q").project(**proj), filter_expr))
    keep = ["label_lon", "label_lat", "text", "day", color_field]  # what the marks read: a saved notebook stays small
    labels = labels[[c for c in labels if c in keep] + ["align"]].rename(
        columns={"label_lon": "lon", "label_lat": "lat"})
    for align, rows in labels.groupby("align"):
        mark = alt.Chart(rows.drop(columns="align")).mark_text(
            align=align, baseline="middle", fontSize=LABEL_FONT, lineBreak="\n",
            fontStyle="italic" if italic else "normal", color="#222222")
        enc = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "text:N"}
        if color_field:
            enc["color"] = alt.Color(f"{color_field}:N", scale=side_scale(), title="Side", legend=legend)
        out.append(_filtered(mark.encode(**enc).project(**proj), filter_expr))
    return out


def _cards(labels: pd.DataFrame, p: dict[str, Any]) -> pd.DataFrame:
    """The box each label takes, 2 px wider all round, as the lon/lat of its corners (and the label's day)."""
    rows = []
    for r in labels.itertuples():
        x, y = project(r.label_lon, r.label_lat, p)
        w, h = label_size(r.text)
        x0 = {"left": x, "right": x - w, "center": x - w / 2}[r.align]
        west, north = invert(x0 - 2, y - h / 2 - 1, p)
        east, south = invert(x0 + w + 2, y + h / 2 + 1, p)
        rows.append({"w": round(west, 4), "s": round(south, 4), "e": round(east, 4), "n": round(north, 4),
                     **({"day": r.day} if "day" in labels else {})})
    return pd.DataFrame(rows)


def _filtered(chart: alt.Chart, filter_expr: Any) -> alt.Chart:
    return chart if filter_expr is None else chart.transform_filter(filter_expr)


def _pixel_points(polylines: list[Any], p: dict[str, Any], step: float = 3.0) -> np.ndarray:
    """Points along each polyline (lon, lat pairs), in pixels, no more than `step` px apart."""
    out = [np.empty((0, 2))]
    for line in polylines:
        xy = np.array([project(lon, lat, p) for lon, lat in line], dtype=float).reshape(-1, 2)
        for a, b in itertools.pairwise(xy):
            n = max(int(np.hypot(*(b - a)) // step), 1)
            out.append(a + (b - a) * np.linspace(0, 1, n + 1)[:, None])
        out.append(xy)
    return np.vstack(out)


def _flight_paths(points: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for eid, g in points.groupby("event_id"):
        launch, target = g[g["role"] == "launch"], g[g["role"] == "target"]
        if len(launch) and len(target):
            a, b = launch.iloc[0], target.iloc[0]
            for k, t in enumerate(np.linspace(0, 1, 24)):
                lon, lat = _slerp(a["lat"], a["lon"], b["lat"], b["lon"], t)
                rows.append({"event_id": eid, "k": k, "lon": round(lon, 3), "lat": round(lat, 3), "side": a["side"]})
    return pd.DataFrame(rows)


def _slerp(lat1: float, lon1: float, lat2: float, lon2: float, t: float) -> tuple[float, float]:
    a, b = maps._unit(lat1, lon1), maps._unit(lat2, lon2)
    om = math.acos(float(np.clip(a @ b, -1, 1)))  # rounding can put a point's dot with itself over 1
    if om < 1e-12:
        return lon1, lat1  # a launch place that is its target: no arc to follow (sin(om) would be 0)
    v = (math.sin((1 - t) * om) * a + math.sin(t * om) * b) / math.sin(om)
    return math.degrees(math.atan2(v[1], v[0])), math.degrees(math.asin(v[2]))


def _span(ds: Dataset) -> str:
    """The days the map covers, in words: the week, and its aftermath where the package has one."""
    start, end = ds.period
    week = f"the {'week' if (end - start).days == 6 else 'period'} ({ds.span_text()})"  # other data, other spans
    return f"{week} and its aftermath ({ds.span_text('aftermath')})" if ds.aftermath is not None else week


def _subtitle(ds: Dataset, reach_list: list[maps.Reach]) -> list[str]:
    s = maps.strike_places(ds)
    off = s[~s["on_map"]]
    lines = [f"Strikes of {_span(ds)}, by side and weapon.",
             f"{MARKED_AT_CENTRE} Marked at the region's centre: the sources name only the region."]
    if reach_list:
        lines += ["Reach lines: each system's range from the firing side's international border, not from a launcher",
                  "or the front line (sources give neither); the Oreshnik's from the region it was launched from."]
    if len(off):
        lines.append("Not on the map: " + "; ".join(f"{r.event_id} ({r.date:%d %b}): " + str(r.link_note or
                     r.place_name) for r in off.itertuples()))
    return lines


def _beyond(r: maps.Reach) -> dict[str, Any]:
    """For a ring at a class's nearer edge, whose label says the band lies beyond it: the ring, closed, for the
    label to stay outside (inside the ring, 'beyond this line' would point the wrong way)."""
    if r.basis != "class" or not r.band[0] > 0 or r.km != r.band[0]:
        return {}
    ring = np.array([pt for line in r.lines for pt in line], dtype=float).reshape(-1, 2)
    return {"outside": np.vstack([ring, ring[:1]])} if len(ring) > 2 else {}


def _reach_text(r: maps.Reach) -> str:
    """What a reach line marks. A class range is a band: a ring at its nearer edge bounds where the class
    cannot reach (too close), not where it can, so the label says on which side of the line the band lies."""
    if r.basis != "class":
        return f"{r.km:,.0f} km"
    near, far = r.band
    if near > 0 and r.km == near:
        # On two lines: on one, the label ran 230 px from the ring's edge to the next city's marker (Odesa).
        return f"class: {near:,.0f}–{far:,.0f} km,\nbeyond this line"
    return f"class: up to {r.km:,.0f} km"


def _reach_words(r: maps.Reach) -> str:
    """`_reach_text` for the alt text, which has no line to point at."""
    near, far = r.band
    if r.basis == "class" and near > 0 and r.km == near:
        return f"class range {near:,.0f}–{far:,.0f} km (the ring marks its nearer edge)"
    return _reach_text(r)


def describe(ds: Dataset, points: pd.DataFrame, reach_list: list[maps.Reach]) -> str:
    """Alt text for the map, written from the data it draws."""
    lo, hi = maps.map_span(ds)
    targets = points[points["role"] == "target"]
    by_side = "; ".join(f"{side}: " + ", ".join(dict.fromkeys(g["place"].str.rstrip(MARKED_AT_CENTRE)))
                        for side, g in targets.groupby("side"))
    launches = points[points["role"] == "launch"]
    text = (f"Map of Ukraine, western Russia and their neighbours with {targets['event_id'].nunique()} strikes "
            f"between {lo:%d %B} and {hi:%d %B %Y}, by the side that struck — {by_side}.")
    if len(launches):
        text += " Launch places the sources name: " + ", ".join(
            f"{r.place.rstrip(MARKED_AT_CENTRE)} ({r.weapon})" for r in launches.itertuples()) + "."
    if reach_list:
        text += " Reach lines: " + "; ".join(f"{_short_name(r.weapon)} {_reach_words(r)} from {r.origin}"
                                            for r in reach_list) + "."
    return text
