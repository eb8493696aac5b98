"""Build data/boundaries.topojson: the borders the map draws, from Natural Earth via npm's `world-atlas`.

    python tools/build_boundaries.py          # needs npm; writes data/boundaries.topojson

What it does, in order (every step is on the integer grid of the source file, so a border two
countries share stays one line):

1. `npm pack world-atlas@2.0.2` into a temporary folder and read `countries-50m.json` from the tarball
   (Natural Earth 1:50m admin-0 countries, version 4.1.0, as TopoJSON). Nothing is installed for good.
2. Crimea: Natural Earth 4.1.0 draws it as part of Russia (its de facto rule). The map shows the
   internationally recognised border (UN General Assembly resolution 68/262), so the Crimean polygon is
   moved to Ukraine and the line between them at the Perekop isthmus is dissolved.
3. Keep every country with land inside the box BBOX (longitude 12–60° E, latitude 40–62° N): Ukraine,
   Russia's west to the Urals, Belarus, the Baltics, Poland, Moldova, Romania and their neighbours. Each
   ring is clipped to the box; rings smaller than MIN_AREA square degrees (small islands) are dropped.
4. Rebuild the topology (arcs shared between neighbours) and simplify each arc with Douglas–Peucker at
   TOLERANCE degrees (about 4 km), keeping the points where borders meet.
5. Write TopoJSON with the source file's quantisation (`transform`), one object `countries`, each
   geometry with `id` (ISO 3166 numeric, as world-atlas gives it) and `properties.name`.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
SOURCE_FILE = "package/countries-50m.json"
OUT = Path(__file__).resolve().parent.parent / "data" / "boundaries.topojson"
BBOX = (12.0, 40.0, 60.0, 62.0)  # west, south, east, north, degrees
TOLERANCE = 0.04  # degrees; Douglas–Peucker distance below which a point is dropped
MIN_AREA = 0.05  # square degrees; smaller rings (islands) are dropped
CRIMEA = (32.0, 44.0, 37.0, 46.5)  # box that holds the Crimean polygon and nothing else of Russia's

Point = tuple[int, int]


def fetch_source(workdir: Path) -> tuple[dict, str]:
    """The world-atlas countries file and its SHA-256, from the npm tarball."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(workdir)], check=True,
                   capture_output=True)
    (tgz,) = workdir.glob("world-atlas-*.tgz")
    with tarfile.open(tgz) as tar:
        member = tar.extractfile(SOURCE_FILE)
        assert member is not None, f"{SOURCE_FILE} missing from {tgz.name}"
        raw = member.read()
    return json.load(io.BytesIO(raw)), hashlib.sha256(raw).hexdigest()


def decode_arcs(topo: dict) -> list[list[Point]]:
    """Delta-decoded arcs on the file's integer grid."""
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x, y))
        out.append(pts)
    return out


def ring_points(arcs: list[list[Point]], ids: list[int]) -> list[Point]:
    pts: list[Point] = []
    for i in ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def polygons_of(geom: dict, arcs: list[list[Point]]) -> list[list[list[Point]]]:
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom["type"] == "Polygon" else []
    return [[ring_points(arcs, r) for r in poly] for poly in polys]


def to_grid(lon: float, lat: float, tf: dict) -> tuple[float, float]:
    (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
    return (lon - tx) / sx, (lat - ty) / sy


def to_lonlat(p: Point, tf: dict) -> tuple[float, float]:
    (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
    return p[0] * sx + tx, p[1] * sy + ty


def area2(ring: list[Point]) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))


def dissolve(rings: list[list[Point]]) -> list[list[Point]]:
    """Outer rings of one country merged where they share edges (each shared edge is walked both ways)."""
    edges: dict[tuple[Point, Point], int] = defaultdict(int)
    for ring in rings:
        for a, b in itertools.pairwise(ring):
            edges[a, b] += 1
    for (a, b) in list(edges):
        if (b, a) in edges and edges[a, b] and edges[b, a]:
            edges[a, b] = edges[b, a] = 0
    nxt: dict[Point, list[Point]] = defaultdict(list)
    for (a, b), n in edges.items():
        if n:
            nxt[a].append(b)
    out = []
    while any(nxt.values()):
        start = next(p for p, v in nxt.items() if v)
        ring, p = [start], start
        while True:
            q = nxt[p].pop()
            ring.append(q)
            p = q
            if p == start:
                break
        out.append(ring)
    return out


def clip(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland–Hodgman against the box (grid units); crossings rounded to the grid, the same both ways."""
    x0, y0, x1, y1 = box

    def cut(pts: list[Point], inside, cross) -> list[Point]:
        out: list[Point] = []
        for i in range(len(pts)):
            a, b = pts[i - 1], pts[i]
            if inside(b):
                if not inside(a):
                    out.append(cross(a, b))
                out.append(b)
            elif inside(a):
                out.append(cross(a, b))
        return out

    def at_x(x):
        def cross(a, b):
            a, b = sorted((a, b))
            t = (x - a[0]) / (b[0] - a[0])
            return (round(x), round(a[1] + t * (b[1] - a[1])))
        return cross

    def at_y(y):
        def cross(a, b):
            a, b = sorted((a, b), key=lambda p: (p[1], p[0]))
            t = (y - a[1]) / (b[1] - a[1])
            return (round(a[0] + t * (b[0] - a[0])), round(y))
        return cross

    pts = ring[:-1]
    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        pts = cut(pts, inside, cross)
        if not pts:
            return []
    dedup = [p for i, p in enumerate(pts) if p != pts[i - 1]]
    return [*dedup, dedup[0]] if len(dedup) >= 3 else []


def build_topology(shapes: dict[str, list[list[list[Point]]]]) -> tuple[list[list[Point]], dict[str, list]]:
    """Cut rings at junctions into arcs shared between neighbours (the TopoJSON idea, in a few lines)."""
    neighbours: dict[Point, set[tuple[Point, Point]]] = defaultdict(set)
    for polys in shapes.values():
        for poly in polys:
            for ring in poly:
                n = len(ring) - 1
                for i in range(n):
                    a, b = ring[i - 1 if i else n - 1], ring[i + 1]
                    neighbours[ring[i]].add(tuple(sorted((a, b))))
    junction = {p for p, s in neighbours.items() if len(s) > 1}
    arcs: list[list[Point]] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc_id(pts: list[Point]) -> int:
        key, rev = tuple(pts), tuple(reversed(pts))
        if key in index:
            return index[key]
        if rev in index:
            return ~index[rev]
        index[key] = len(arcs)
        arcs.append(pts)
        return index[key]

    def canonical_closed(pts: list[Point]) -> list[Point]:
        body = pts[:-1]
        k = body.index(min(body))
        body = body[k:] + body[:k]
        fwd = [*body, body[0]]
        rev_body = list(reversed(body))
        k = rev_body.index(min(rev_body))
        rev_body = rev_body[k:] + rev_body[:k]
        rev = [*rev_body, rev_body[0]]
        return fwd if tuple(fwd) in index or tuple(rev) not in index else rev

    geoms: dict[str, list] = {}
    for key, polys in shapes.items():
        out_polys = []
        for poly in polys:
            out_rings = []
            for ring in poly:
                body = ring[:-1]
                cuts = [i for i, p in enumerate(body) if p in junction]
                if not cuts:
                    out_rings.append([arc_id(canonical_closed(ring))])
                    continue
                body = body[cuts[0]:] + body[:cuts[0]]
                cuts = [i - cuts[0] for i in cuts] + [len(body)]
                body = [*body, body[0]]
                out_rings.append([arc_id(body[a:b + 1]) for a, b in itertools.pairwise(cuts)])
            out_polys.append(out_rings)
        geoms[key] = out_polys
    return arcs, geoms


def douglas_peucker(pts: list[Point], tol: float) -> list[Point]:
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    if pts[0] == pts[-1]:  # a closed arc: also keep its farthest point, so it cannot collapse
        far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
        keep[far] = True
        stack = [(0, far), (far, len(pts) - 1)]
    else:
        stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        topo, sha = fetch_source(Path(tmp))
    tf = topo["transform"]
    arcs = decode_arcs(topo)
    x0, y0 = to_grid(BBOX[0], BBOX[1], tf)
    x1, y1 = to_grid(BBOX[2], BBOX[3], tf)
    cx0, cy0 = to_grid(CRIMEA[0], CRIMEA[1], tf)
    cx1, cy1 = to_grid(CRIMEA[2], CRIMEA[3], tf)
    # Kosovo has no ISO numeric id in world-atlas: such a country is keyed by its name.
    geoms = {g.get("id", g["properties"]["name"]): g for g in topo["objects"]["countries"]["geometries"]}
    polys = {gid: polygons_of(g, arcs) for gid, g in geoms.items()}

    def within(ring, a, b, c, d):
        return all(a <= x <= c and b <= y <= d for x, y in ring)

    crimea = [p for p in polys["643"] if within(p[0], cx0, cy0, cx1, cy1)]
    assert len(crimea) == 1, f"expected one Crimean polygon in Russia's geometry, found {len(crimea)}"
    polys["643"] = [p for p in polys["643"] if p is not crimea[0]]
    ukraine = [p[0] for p in polys["804"]] + [crimea[0][0]]
    holes = [h for p in polys["804"] for h in p[1:]] + crimea[0][1:]
    merged = dissolve(ukraine)
    polys["804"] = [[r] for r in merged] + ([[h] for h in holes] if holes else [])
    assert len(merged) == len(ukraine) - 1, "Crimea should merge with the mainland into one ring"

    shapes: dict[str, list[list[list[Point]]]] = {}
    for gid, plist in polys.items():
        kept = []
        for poly in plist:
            outer = clip(poly[0], (x0, y0, x1, y1))
            if not outer:
                continue
            (sx, sy) = tf["scale"]
            if abs(area2(outer)) / 2 * sx * sy < MIN_AREA:
                continue
            inner = [c for c in (clip(h, (x0, y0, x1, y1)) for h in poly[1:]) if c]
            kept.append([outer, *inner])
        if kept:
            shapes[gid] = kept
    topo_arcs, topo_geoms = build_topology(shapes)
    tol = TOLERANCE / min(tf["scale"])
    simple = [douglas_peucker(a, tol) for a in topo_arcs]

    def delta(pts: list[Point]) -> list[list[int]]:
        out, px, py = [], 0, 0
        for x, y in pts:
            out.append([x - px, y - py])
            px, py = x, y
        return out

    geometries = []
    for gid in sorted(topo_geoms, key=lambda g: geoms[g]["properties"]["name"]):
        p = topo_geoms[gid]
        geometries.append({"type": "MultiPolygon" if len(p) > 1 else "Polygon", "arcs": p if len(p) > 1 else p[0],
                           "id": gid, "properties": {"name": geoms[gid]["properties"]["name"]}})
    out = {
        "type": "Topology",
        "transform": tf,
        "bbox": list(BBOX),
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": [delta(a) for a in simple],
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(a) for a in simple)
    print(f"{PACKAGE} countries-50m.json sha256 {sha}")
    print(f"wrote {OUT.name}: {len(geometries)} countries, {len(simple)} arcs, {points} points, "
          f"{OUT.stat().st_size:,} bytes")
    print("countries:", ", ".join(g["properties"]["name"] for g in geometries))


if __name__ == "__main__":
    sys.exit(main())
