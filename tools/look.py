"""Render every chart of every notebook to PNG, as a reader sees it, and one contact sheet of them all.

Usage: python tools/look.py [--out build/look] [--sheet contact-sheet.png] [notebooks/NN_*.ipynb ...]

Charts come from the committed notebooks (what a reader opens) and from each explorer's first view
(built from the data, as the explorer draws it). Each PNG is drawn offline by vl-convert at its
real size; the contact sheet shows them all at half size on a frame of the notebook column of a
1366×768 laptop, and marks any chart wider than that column in red. Look at it before committing
a chart.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VEGALITE = re.compile(r"application/vnd\.vegalite\.v5\+json")
THUMB = 0.5  # contact-sheet scale
GAP = 24


def notebook_charts(path: Path) -> list[tuple[str, dict]]:
    """(name, spec) for every chart saved in a notebook, named by notebook and cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells):
        for out in cell.get("outputs", []):
            for key, spec in out.get("data", {}).items():
                if VEGALITE.fullmatch(key):
                    found.append((f"{path.stem[:2]}-cell{i:02d}", spec))
    return found


def explorer_charts() -> list[tuple[str, dict]]:
    """The first chart each explorer draws (they are not saved in the notebooks)."""
    import contextlib
    import io

    import helpers
    from helpers import widgets

    ds = helpers.setup_notebook()
    found = []
    quiet = contextlib.redirect_stdout(io.StringIO())  # outside a kernel, an explorer prints what it displays
    explorers = (("quote", widgets.quote_explorer, ["chart"]),
                 ("sentiment", widgets.sentiment_explorer, ["index_chart", "chart"]),
                 ("weapon", widgets.weapon_explorer, ["chart"]),
                 ("claims", widgets.claims_explorer, ["chart"]))
    with quiet:
        built = [(name, make(ds), attrs) for name, make, attrs in explorers]
    for name, explorer, attrs in built:
        for attr in attrs:
            chart = getattr(explorer, attr)
            if chart is not None:
                found.append((f"explorer-{name}-{attr}", chart.to_dict()))
    return found


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def contact_sheet(shots: list[tuple[str, bytes]], column: int) -> bytes:
    """One PNG: every chart at half size, each on a frame as wide as the laptop's notebook column."""
    import vl_convert as vlc

    frame = int(column * THUMB)
    per_row = 3
    cell_w = frame + GAP
    x, y, row_h = 0, GAP, 0
    placed = []
    for i, (name, png) in enumerate(shots):
        w, h = png_size(png)
        tw, th = int(w * THUMB), int(h * THUMB)
        if i and i % per_row == 0:
            y += row_h + 3 * GAP
            row_h = 0
        x = GAP + (i % per_row) * cell_w
        placed.append((name, png, x, y, tw, th, w))
        row_h = max(row_h, th)
    height = y + row_h + 3 * GAP
    width = GAP + per_row * cell_w
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             f'width="{width}" height="{height}"><rect width="100%" height="100%" fill="#f4f4f4"/>']
    for name, png, x, y, tw, th, w in placed:
        wide = w > column
        parts.append(f'<rect x="{x}" y="{y + 16}" width="{frame}" height="{th}" fill="white" '
                     f'stroke="{"#c00" if wide else "#bbb"}" stroke-width="{3 if wide else 1}"/>')
        label = f"{name} · {w}×{png_size(png)[1]} px" + (f" · WIDER THAN THE {column} px COLUMN" if wide else "")
        parts.append(f'<text x="{x}" y="{y + 11}" font-family="Liberation Sans" font-size="12" '
                     f'fill="{"#c00" if wide else "#222"}">{html.escape(label)}</text>')
        data = base64.b64encode(png).decode()
        parts.append(f'<image x="{x}" y="{y + 16}" width="{tw}" height="{th}" '
                     f'xlink:href="data:image/png;base64,{data}"/>')
    parts.append("</svg>")
    return vlc.svg_to_png("".join(parts))


def main() -> None:
    import vl_convert as vlc

    from helpers.charts.theme import LAPTOP_COLUMN, STATIC_CONFIG

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "look")
    parser.add_argument("--sheet", default="contact-sheet.png")
    parser.add_argument("--no-explorers", action="store_true")
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    args.out.mkdir(parents=True, exist_ok=True)
    charts = [c for p in paths for c in notebook_charts(p)]
    if not args.no_explorers:
        charts += explorer_charts()
    shots = []
    for name, spec in charts:
        png = vlc.vegalite_to_png(spec, vl_version="5.20", config=STATIC_CONFIG)
        (args.out / f"{name}.png").write_bytes(png)
        w, h = png_size(png)
        print(f"{name:<36} {w:>5} × {h:<5} px{'   wider than the column' if w > LAPTOP_COLUMN else ''}")
        shots.append((name, png))
    sheet = args.out / args.sheet
    sheet.write_bytes(contact_sheet(shots, LAPTOP_COLUMN))
    print(f"{len(shots)} charts in {args.out}; contact sheet {sheet}")


if __name__ == "__main__":
    main()
