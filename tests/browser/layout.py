"""What a reader of a chart meets on a 1366×768 laptop, measured in the page: does the chart fit its cell, do any
two of its text labels overlap, does every colour or shape that means something have a legend, does the chart
have an accessible name — and, for the page as a whole, what axe-core finds.

The legends a chart needs come from its committed Vega-Lite spec (`needed_legends`); the rest is read from the
SVG that Vega drew (the notebooks ask vega-embed for its SVG renderer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT = {"width": 1366, "height": 768}
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "size", "opacity")

# Every chart drawn in the notebook, in document order, with what the reader sees of it.
JS_LAYOUT = """() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  const hidden = el => {
    for (let e = el; e && e.tagName !== 'svg'; e = e.parentElement) {
      if (e.getAttribute('opacity') === '0' || e.style.opacity === '0' || e.getAttribute('visibility') === 'hidden')
        return true;
    }
    return false;
  };
  return [...document.querySelectorAll('.jp-Notebook .vega-embed')].map(embed => {
    const cell = cells.findIndex(c => c.contains(embed));
    const output = embed.closest('.jp-OutputArea-output');
    const area = output.getBoundingClientRect();
    const svg = embed.querySelector('svg.marks');
    const box = svg ? svg.getBoundingClientRect() : {left: 0, right: 0, width: 0, height: 0};
    const texts = svg ? [...svg.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && !hidden(t))
      .map(t => { const r = t.getBoundingClientRect();
                  return {text: t.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom}; })
      .filter(r => r.r > r.l && r.b > r.t) : [];
    const overlaps = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (w > 1 && h > 1) overlaps.push([a.text, b.text]);
      }
    // Vega labels the view's container with the spec's description (role graphics-document).
    const named = embed.matches('[aria-label]') ? embed : embed.querySelector('[aria-label][role="graphics-document"]');
    const legends = svg ? [...svg.querySelectorAll('.role-legend')].map(l => {
      const title = l.querySelector('.role-legend-title text');
      return title ? title.textContent.trim() : '';
    }) : [];
    return {
      cell, interactive: !!embed.closest('.jp-RenderedVegaLite'), inWidget: !!embed.closest('.widget-output'),
      outputWidth: Math.round(area.width), chartWidth: Math.round(box.width), chartHeight: Math.round(box.height),
      overflow: Math.max(0, Math.round(box.right - area.right), output.scrollWidth - output.clientWidth),
      overlaps, legends, name: named ? (named.getAttribute('aria-label') || '') : '',
      role: named ? (named.getAttribute('role') || '') : '', labels: texts.length,
    };
  });
}"""

JS_AXE = """async () => {
  const found = await axe.run({include: [['.jp-Notebook .jp-OutputArea']]},
                              {resultTypes: ['violations']});
  return found.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                     help: v.help, where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _units(spec: Any, data: str | None = None) -> list[tuple[dict, str | None]]:
    """Every view with a mark and an encoding, with the name of the dataset it reads."""
    out = []
    if isinstance(spec, dict):
        data = spec.get("data", {}).get("name", data) if isinstance(spec.get("data"), dict) else data
        if "mark" in spec and "encoding" in spec:
            out.append((spec, data))
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for sub in spec.get(key, []):
                out.extend(_units(sub, data))
    return out


def needed_legends(spec: dict) -> tuple[set[str], list[str]]:
    """The legend titles a chart must draw (colour or shape encoding a field with more than one value), and the
    encodings without one that are not named on an axis of their own view (breaches by construction)."""
    needed, unlabelled = set(), []
    datasets = spec.get("datasets", {})
    for unit, data in _units(spec):
        enc = unit["encoding"]
        on_axis = {enc.get(a, {}).get("field") for a in ("x", "y") if isinstance(enc.get(a), dict)}
        for channel in LEGEND_CHANNELS:
            e = enc.get(channel)
            if not isinstance(e, dict) or "field" not in e:
                continue
            rows = datasets.get(data, [])
            values = {r.get(e["field"]) for r in rows if e["field"] in r}
            if rows and values and len(values) < 2:
                continue  # one value: nothing to tell apart
            if e.get("legend", {}) is None:
                # The map's country shading is a background: each shaded country is named on the map itself
                # (tests/test_maps.py checks the names are drawn).
                if e["field"] not in on_axis and not (channel == "fill" and e["field"] == "shade"):
                    unlabelled.append(f"{channel} {e['field']}")
                continue
            needed.add(str(e.get("title", e["field"])))
    return needed, unlabelled


@dataclass
class ChartReport:
    cell: int
    overflow: int
    overlaps: list[list[str]]
    legends_missing: list[str]
    name: str
    interactive: bool
    width: int
    height: int
    in_widget: bool = False
    expected_name: str | None = None  # the committed spec's description, where there is one

    def breaches(self) -> list[str]:
        out = []
        if self.overflow > 0:
            out.append(f"overflows its cell by {self.overflow} px")
        if self.overlaps:
            out.append(f"{len(self.overlaps)} overlapping label pairs: {self.overlaps[:5]}")
        if self.legends_missing:
            out.append(f"no legend for {self.legends_missing}")
        if not self.name.strip():
            out.append("no accessible name")
        elif self.expected_name is not None and self.name.strip() != self.expected_name.strip():
            out.append(f"its accessible name is {self.name[:60]!r}, not its description")
        elif self.expected_name is None and len(self.name.split()) < 8:
            out.append(f"its accessible name {self.name!r} says nothing about the chart")
        if not self.interactive:
            out.append("not drawn as interactive Vega-Lite")
        return out

    def line(self) -> str:
        where = "explorer in cell" if self.in_widget else "cell"
        return (f"{where} {self.cell:>2}: {self.width}×{self.height} px, overflow {self.overflow} px, "
                f"overlapping label pairs {len(self.overlaps)}, legends missing {len(self.legends_missing)}, "
                f"accessible name {'yes' if self.name.strip() else 'NO'} ({len(self.name)} chars)"
                + ("" if self.interactive else ", NOT interactive"))


def measure(page: Any, specs: dict[int, list[dict]]) -> list[ChartReport]:
    """Every chart on the page, measured; `specs` maps a cell to its committed Vega-Lite specs (legends needed)."""
    reports = []
    seen: dict[int, int] = {}
    for c in page.evaluate(JS_LAYOUT):
        k = seen.get(c["cell"], 0)
        seen[c["cell"]] = k + 1
        missing: list[str] = []
        expected = None
        cell_specs = specs.get(c["cell"], [])
        if not c["inWidget"] and k < len(cell_specs):
            needed, unlabelled = needed_legends(cell_specs[k])
            missing = sorted(needed - set(c["legends"])) + unlabelled
            expected = str(cell_specs[k].get("description", ""))
        reports.append(ChartReport(c["cell"], c["overflow"], c["overlaps"], missing, c["name"], c["interactive"],
                                   c["chartWidth"], c["chartHeight"], c["inWidget"], expected))
    return reports


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations in the notebook's outputs (axe injected from the pinned npm package)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: `make test` installs it (npm ci in tests/browser)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(JS_AXE)
