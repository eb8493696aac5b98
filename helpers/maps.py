"""Where things happened: places, borders, distances and how far each system reaches, as plain tables.

Everything is computed on the sphere (radius 6,371 km) with numpy, from the data package: the borders
in `ds.boundaries` (TopoJSON), the places in `ds.places` and the links in `ds.event_places`. The map
builder in `charts/maps.py` and the exercises read these same tables.

A reach line is the set of points at a system's range from a country's *international border* — not from
a launcher, which sources do not locate, nor from the front line. Crimea lies inside Ukraine's border here.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .data import Dataset
from .weapons import ranges, user_sides

EARTH_KM = 6371.0088
# The area the map shows and the reach lines are computed over (degrees): west, south, east, north.
EXTENT = (21.0, 43.5, 50.5, 57.5)
# Grid of the distance field the reach lines are traced on (degrees); about 10 km.
GRID_STEP = 0.12
# Border points are spaced at most this far apart (km) before distances are measured to them.
BORDER_STEP_KM = 8.0

# Which border a system's reach is measured from, by the side whose forces fire it, and which countries'
# territory the line is drawn over (beyond that it adds nothing to the story of the week).
REACH_FROM = {"ukraine": ("Ukraine", ("Russia", "Belarus")), "russia_and_partners": ("Russia", ("Ukraine",))}
# Whose forces fire a system, read from `weapon_systems.operator` ("Ukraine (from June 2022)", "Russia")
# when no recorded strike shows it; Taurus was requested by Ukraine and never supplied.
OPERATOR_SIDES = {"Ukraine": "ukraine", "Russia": "russia_and_partners"}
INTENDED_USER = {"taurus": "ukraine"}

WEEK_ROLES = ("target", "launch")


# --------------------------------------------------------------------------------------------
# Geodesy


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Great-circle distance in km (broadcasts like numpy)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _unit(lat: Any, lon: Any) -> np.ndarray:
    p, la = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(p) * np.cos(la), np.cos(p) * np.sin(la), np.sin(p)], axis=-1)


def nearest_km(lat: Any, lon: Any, to: np.ndarray) -> np.ndarray:
    """Great-circle km from each point to the nearest of `to` ([[lat, lon], …]), via dot products of unit vectors."""
    a = _unit(np.atleast_1d(lat), np.atleast_1d(lon))
    b = _unit(to[:, 0], to[:, 1])
    best = np.concatenate([(a[i:i + 4096] @ b.T).max(axis=1) for i in range(0, len(a), 4096)])
    return EARTH_KM * np.arccos(np.clip(best, -1, 1))


def destination(lat: float, lon: float, bearing_deg: Any, km: float) -> tuple[np.ndarray, np.ndarray]:
    """The point `km` away from (lat, lon) along the initial bearing(s), in degrees (lat, lon)."""
    p, lam, th, d = np.radians(lat), np.radians(lon), np.radians(bearing_deg), km / EARTH_KM
    p2 = np.arcsin(np.sin(p) * np.cos(d) + np.cos(p) * np.sin(d) * np.cos(th))
    lam2 = lam + np.arctan2(np.sin(th) * np.sin(d) * np.cos(p), np.cos(d) - np.sin(p) * np.sin(p2))
    return np.degrees(p2), (np.degrees(lam2) + 540) % 360 - 180


def circle(lat: float, lon: float, km: float, points: int = 180) -> list[list[float]]:
    """A geodesic circle as a closed [lon, lat] ring."""
    la, lo = destination(lat, lon, np.linspace(0, 360, points + 1), km)
    return [[round(float(x), 3), round(float(y), 3)] for x, y in zip(lo, la, strict=True)]


# --------------------------------------------------------------------------------------------
# Borders


def country_rings(topo: dict[str, Any]) -> dict[str, list[list[np.ndarray]]]:
    """Each country's polygons as lists of [lon, lat] rings (outer ring first), decoded from TopoJSON."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([xy[:, 0] * sx + tx, xy[:, 1] * sy + ty]))

    def ring(ids: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in ids]
        return np.vstack([parts[0], *(p[1:] for p in parts[1:])])

    out: dict[str, list[list[np.ndarray]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        out[g["properties"]["name"]] = [[ring(r) for r in poly] for poly in polys]
    return out


def _inside(lon: np.ndarray, lat: np.ndarray, polygons: list[list[np.ndarray]]) -> np.ndarray:
    """Even–odd rule over every ring of the polygons (holes included)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    flags = np.zeros(lon.shape, dtype=bool)
    for poly in polygons:
        for r in poly:
            x1, y1, x2, y2 = r[:-1, 0], r[:-1, 1], r[1:, 0], r[1:, 1]
            for a, b, c, d in zip(x1, y1, x2, y2, strict=True):
                if b == d:
                    continue
                crosses = ((b > lat) != (d > lat)) & (lon < a + (lat - b) * (c - a) / (d - b))
                flags ^= crosses
    return flags


def country_at(topo: dict[str, Any], lat: float, lon: float) -> str | None:
    """The country of the boundaries file whose territory holds the point (None: sea or off the file)."""
    for name, polys in _rings(topo).items():
        if _inside(np.array([lon]), np.array([lat]), polys)[0]:
            return name
    return None


# Rings and distance grids of one topology, under a digest of its content (not its identity), so a topology
# edited in place is never served another's rings; the digest takes about half a millisecond.
_CACHE: dict[str, Any] = {}


def _key(topo: dict[str, Any]) -> str:
    return hashlib.blake2b(json.dumps(topo, separators=(",", ":"), sort_keys=True).encode(), digest_size=16).hexdigest()


def _cached(topo: dict[str, Any]) -> tuple[dict[str, list[list[np.ndarray]]], dict[str, Any]]:
    key = _key(topo)
    if key not in _CACHE:
        _CACHE.clear()  # one topology at a time: the bundled one, or a test's
        _CACHE[key] = (country_rings(topo), {})
    return _CACHE[key]


def _rings(topo: dict[str, Any]) -> dict[str, list[list[np.ndarray]]]:
    return _cached(topo)[0]


def border_points(rings: list[list[np.ndarray]], step_km: float = BORDER_STEP_KM) -> np.ndarray:
    """Points along every ring of a country, no two neighbours more than `step_km` apart: [[lat, lon], …]."""
    out = []
    for poly in rings:
        for r in poly:
            for (x1, y1), (x2, y2) in itertools.pairwise(r):
                n = max(1, int(np.ceil(haversine_km(y1, x1, y2, x2) / step_km)))
                t = np.arange(n) / n
                out.append(np.column_stack([y1 + (y2 - y1) * t, x1 + (x2 - x1) * t]))
    return np.vstack(out)


def distance_to_country_km(topo: dict[str, Any], country: str, lat: Any, lon: Any) -> np.ndarray:
    """Km from each point to the country's territory (0 inside it), measured to its border."""
    rings = _rings(topo)[country]
    lat, lon = np.atleast_1d(np.asarray(lat, dtype=float)), np.atleast_1d(np.asarray(lon, dtype=float))
    d = nearest_km(lat, lon, border_points(rings))
    d[_inside(lon, lat, rings)] = 0.0
    return d


# --------------------------------------------------------------------------------------------
# Reach lines: contours of the distance from a country's border


def _distance_grid(topo: dict[str, Any], country: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Km from the country's border on a grid over the map; computed once per country."""
    all_rings, grids = _cached(topo)
    if country in grids:
        return grids[country]
    rings = all_rings[country]
    lons = np.arange(EXTENT[0] - 1, EXTENT[2] + 1 + 1e-9, GRID_STEP)
    lats = np.arange(EXTENT[1] - 1, EXTENT[3] + 1 + 1e-9, GRID_STEP)
    pts = border_points(rings, 2 * BORDER_STEP_KM)
    # Border far from the map (Russia's Arctic coast) is never the nearest within the ranges drawn.
    near = ((pts[:, 0] > EXTENT[1] - 9) & (pts[:, 0] < EXTENT[3] + 9)
            & (pts[:, 1] > EXTENT[0] - 12) & (pts[:, 1] < EXTENT[2] + 12))
    pts = pts[near]
    glon, glat = np.meshgrid(lons, lats)
    field = nearest_km(glat.ravel(), glon.ravel(), pts).reshape(glon.shape)
    # Inside the country the field is the distance to the border too; `reach_line` keeps only the other side.
    grids[country] = (lons, lats, field)
    return lons, lats, field


def _contour(lons: np.ndarray, lats: np.ndarray, field: np.ndarray, level: float) -> list[list[tuple[float, float]]]:
    """Marching squares: polylines of [lon, lat] where the field crosses `level` (segments joined)."""
    above = field >= level
    segs: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def cut(i0: int, j0: int, i1: int, j1: int) -> tuple[float, float]:
        v0, v1 = field[i0, j0], field[i1, j1]
        t = (level - v0) / (v1 - v0)
        return (round(float(lons[j0] + t * (lons[j1] - lons[j0])), 3),
                round(float(lats[i0] + t * (lats[i1] - lats[i0])), 3))

    corners = (above[:-1, :-1].astype(int) + 2 * above[:-1, 1:] + 4 * above[1:, 1:] + 8 * above[1:, :-1])
    for i, j in zip(*np.nonzero((corners > 0) & (corners < 15)), strict=True):
        c = corners[i, j]
        edges = {"b": lambda i=i, j=j: cut(i, j, i, j + 1), "r": lambda i=i, j=j: cut(i, j + 1, i + 1, j + 1),
                 "t": lambda i=i, j=j: cut(i + 1, j, i + 1, j + 1), "l": lambda i=i, j=j: cut(i, j, i + 1, j)}
        pairs = {1: "lb", 2: "br", 3: "lr", 4: "rt", 5: "lbrt", 6: "bt", 7: "lt", 8: "lt", 9: "bt", 10: "lbrt",
                 11: "rt", 12: "lr", 13: "br", 14: "lb"}[c]
        for k in range(0, len(pairs), 2):
            segs.append((edges[pairs[k]](), edges[pairs[k + 1]]()))
    # Join segments end to end into polylines.
    by_end: dict[tuple[float, float], list[int]] = {}
    for n, (a, b) in enumerate(segs):
        by_end.setdefault(a, []).append(n)
        by_end.setdefault(b, []).append(n)
    used = [False] * len(segs)
    lines = []
    for n in range(len(segs)):
        if used[n]:
            continue
        used[n] = True
        line = list(segs[n])
        for forward in (True, False):
            while True:
                end = line[-1] if forward else line[0]
                nxt = next((m for m in by_end.get(end, []) if not used[m]), None)
                if nxt is None:
                    break
                used[nxt] = True
                a, b = segs[nxt]
                p = b if a == end else a
                if forward:
                    line.append(p)
                else:
                    line.insert(0, p)
        lines.append(line)
    return lines


def reach_line(topo: dict[str, Any], country: str, km: float, over: tuple[str, ...]) -> list[list[list[float]]]:
    """Points `km` from `country`'s border, kept where they lie over the `over` countries: [[lon, lat], …] lines."""
    rings = _rings(topo)
    lons, lats, field = _distance_grid(topo, country)
    keep_polys = [p for name in over for p in rings.get(name, [])]
    out = []
    for line in _contour(lons, lats, field, km):
        pts = np.asarray(line)
        mid = (pts[:-1] + pts[1:]) / 2
        ok = _inside(mid[:, 0], mid[:, 1], keep_polys)
        run: list[list[float]] = []
        for k, good in enumerate(ok):
            if good:
                if not run:
                    run.append(list(map(float, pts[k])))
                run.append(list(map(float, pts[k + 1])))
            elif run:
                out.append(run)
                run = []
        if run:
            out.append(run)
    return [r for r in out if len(r) >= 3]


# --------------------------------------------------------------------------------------------
# Tables the map and the exercises share


def places_of_events(ds: Dataset) -> pd.DataFrame:
    """One row per event–place link (not the locations that name no place), with the place's coordinates."""
    links = ds.event_places[ds.event_places["place_id"].notna()]
    places = ds.places.set_index("id")
    out = links.merge(ds.events[["id", "date", "kind", "actor", "side", "weapon_id", "weapon", "summary",
                                 "source_ids", "phase"]], left_on="event_id", right_on="id", how="left")
    out = out.drop(columns="id").rename(columns={"note": "link_note"})
    for col in ("name", "kind", "country", "latitude", "longitude", "placed_at"):
        out[f"place_{col}" if col in ("name", "kind", "country", "placed_at") else col] = \
            out["place_id"].map(places[col])
    return out.sort_values(["date", "event_id", "role", "place_id"]).reset_index(drop=True)


def map_span(ds: Dataset) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the map covers: the week and, where the package declares one, its aftermath."""
    start, end = ds.period
    return start, (ds.aftermath[1] if ds.aftermath is not None else end)


def strike_places(ds: Dataset, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Strikes' targets and launch sites between two dates (the week and its aftermath by default), one row per place.

    `on_map` is False for a place the sources give only as a whole country ('17 regions of Ukraine'):
    the map cannot put such a strike at a point and says so instead.
    """
    lo, hi = (pd.Timestamp(start), pd.Timestamp(end)) if start and end else map_span(ds)
    p = places_of_events(ds)
    p = p[(p["kind"] == "strike") & p["role"].isin(WEEK_ROLES) & p["date"].between(lo, hi)].copy()
    p["on_map"] = p["place_kind"] != "country"
    return p.reset_index(drop=True)


def strike_distances(ds: Dataset, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Each strike target outside the striking side's own country, with its distance (km) from that border.

    Ukraine's strikes into Russia are measured from Ukraine's border; Russia's into Ukraine from Russia's.
    Distances are to the point the map marks (a region at its centre), so they inherit its placing.
    """
    s = strike_places(ds, start, end)
    s = s[(s["role"] == "target") & s["on_map"] & s["side"].astype(str).isin(REACH_FROM)].copy()
    out = []
    for side, rows in s.groupby(s["side"].astype(str)):
        home, _ = REACH_FROM[side]
        d = distance_to_country_km(ds.boundaries, home, rows["latitude"], rows["longitude"])
        out.append(rows.assign(measured_from=home, km_from_border=np.round(d, 0)))
    if not out:
        return s.assign(measured_from=pd.Series(dtype=str), km_from_border=pd.Series(dtype=float))
    return pd.concat(out).sort_values(["date", "event_id"]).reset_index(drop=True)


def _crosses_extent(line: list[list[float]]) -> bool:
    lo, la = np.asarray(line).T
    return bool(((lo > EXTENT[0]) & (lo < EXTENT[2]) & (la > EXTENT[1]) & (la < EXTENT[3])).any())


@dataclass(frozen=True)
class Reach:
    """One system's reach as the map draws it."""

    weapon_id: str
    weapon: str
    km: float
    basis: str  # 'system' or 'class'
    side: str  # whose border (or launch site) it is measured from
    origin: str  # 'Ukraine's border', 'Russia's border', or a launch place's name
    wording: str
    lines: list[list[list[float]]]
    band: tuple[float, float] = (0.0, 0.0)  # a class range's nearest and farthest km, drawn at both edges


def reaches(ds: Dataset) -> list[Reach]:
    """Every system with a sourced range, as lines on the map.

    A system fired (or, for Taurus, requested) by Ukraine reaches from Ukraine's border over Russia and
    Belarus; one fired by Russia reaches from Russia's border over Ukraine; a system whose launch place the
    sources name (the Oreshnik: Astrakhan region) is a circle around that place. Ranges are the maxima the
    sources give (`weapons.ranges`).
    """
    launch = strike_places(ds)
    launch = launch[launch["role"] == "launch"]
    operators = ds.weapon_systems.set_index("id")["operator"].astype(str)
    out = []
    for r in ranges(ds).itertuples():
        first_word = operators[r.id].split(" ")[0]
        sides = (user_sides(ds, r.id) or ({INTENDED_USER[r.id]} if r.id in INTENDED_USER else set())
                 or ({OPERATOR_SIDES[first_word]} if first_word in OPERATOR_SIDES else set()))
        here = launch[launch["weapon_id"] == r.id]
        wording = str(r.range_wording) if pd.notna(r.range_wording) else ""
        if len(here):
            row = here.iloc[0]
            name = str(row["place_name"]) + (f" (placed at {row['place_placed_at']})"
                                             if pd.notna(row["place_placed_at"]) else "")
            # A class range is a band: its lower edge is drawn too (the upper may lie beyond the map).
            kms = [r.from_km, r.to_km] if r.range_basis == "class" and r.from_km > 0 else [r.to_km]
            for km in kms:
                ring = circle(float(row["latitude"]), float(row["longitude"]), float(km))
                if _crosses_extent(ring):
                    out.append(Reach(r.id, str(r.name), float(km), str(r.range_basis), str(row["side"]),
                                     name, wording, [ring], (float(r.from_km), float(r.to_km))))
            continue
        for side in sorted(sides & set(REACH_FROM)):
            home, over = REACH_FROM[side]
            lines = reach_line(ds.boundaries, home, float(r.to_km), over)
            if not any(len(line) for line in lines):
                continue  # the package's borders do not reach the map (data without them draws no line)
            out.append(Reach(r.id, str(r.name), float(r.to_km), str(r.range_basis), side, f"{home}'s border",
                             wording, lines))
    return out
