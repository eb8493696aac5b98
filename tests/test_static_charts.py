"""Charts visible everywhere: each saved chart carries a static SVG (drawn offline) and its description, so
GitHub, nbviewer, an LMS and `nbconvert --to html` show it; the package root loads no chart library."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data import DATA_DIR

ROOT = DATA_DIR.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
VEGALITE = "application/vnd.vegalite.v5+json"
NOT_ENABLED = "renderer has not been properly enabled"
MAX_BYTES = 400 * 1024


def _chart_outputs(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [o for c in cells for o in c.get("outputs", []) if VEGALITE in o.get("data", {})]


def test_import_of_the_data_loads_no_chart_or_widget_library() -> None:
    code = ("import sys, helpers, helpers.data; helpers.load_dataset(); "
            "print(sorted(m for m in ('altair', 'ipywidgets', 'vl_convert') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    code = "import helpers; helpers.setup_notebook(); import sys; print('altair' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "True"


def test_a_chart_bundle_holds_the_chart_an_svg_and_its_description(ds) -> None:
    from helpers import charts, notebook

    spec = charts.verdict_chart(ds.claims).to_dict()
    data, metadata = notebook.bundle(spec)
    assert data[VEGALITE] is spec
    assert metadata[VEGALITE]["embed_options"]["renderer"] == "svg"
    svg = data[notebook.SVG]
    assert svg.startswith("<svg") and 'role="img"' in svg.split(">", 1)[0]
    assert "<title>Chart: The article&#x27;s claims, by verdict. Bars count" in svg
    assert data["text/plain"].startswith("Chart: The article's claims, by verdict. Bars count ")
    assert NOT_ENABLED not in data["text/plain"]
    live, _ = notebook.live(charts.verdict_chart(ds.claims))._repr_mimebundle_()
    assert notebook.SVG not in live and VEGALITE in live


def test_alt_text_from_data_is_escaped_in_the_svg(ds) -> None:
    from helpers import notebook

    spec = {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}},
            "title": "<script>x</script>", "description": 'a "quoted" <b>word</b>'}
    svg = notebook.static_svg(spec)
    head = svg.split("<title>", 1)[0]
    assert "<script>" not in head and "&lt;script&gt;" in head and "&quot;quoted&quot;" in head


def test_alt_text_by_hand() -> None:
    from helpers.notebook import description

    assert description({"title": "T"}) == "Chart: T."
    assert description({"title": {"text": ["Two", "lines"]}, "description": " Bars. "}) == "Chart: Two lines. Bars."
    assert description({}) == "Chart."


def test_the_static_image_is_drawn_in_the_theme_s_font() -> None:
    from helpers.charts.theme import FONT
    from helpers.notebook import static_svg

    spec = {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    fonts = set(re.findall(r'font-family="([^"]*)"', static_svg(spec)))
    assert fonts == {FONT} and FONT.startswith("Arial")


def test_the_static_image_drops_per_mark_labels_and_rounds_coordinates() -> None:
    from helpers.notebook import LONG_PATH, _lean

    body = ('<g role="graphics-symbol" aria-roledescription="point" class="mark-symbol">'
            '<path d="M1.2345,2.3456L10.99,-4.5" transform="translate(10.567,20.04)"/></g>')
    # Short coordinates are cut (not rounded) to a tenth; labels, roles and classes go.
    assert _lean(body) == '<g><path d="M1.2,2.3L10.9,-4.5" transform="translate(10.5,20.0)"/></g>'
    long_d = "M1.6,-2.4" + "L10.5,3.25" * (LONG_PATH // 10)
    assert len(long_d) > LONG_PATH
    # A long path is rounded to whole pixels (half to even, as Python rounds); a long list of points is not.
    assert _lean(f'<path d="{long_d}"/>') == '<path d="M2,-2' + "L10,3" * (LONG_PATH // 10) + '"/>'
    long_points = "1.25,2.75 " * (LONG_PATH // 10)
    assert _lean(f'<polygon points="{long_points}"/>') == '<polygon points="' + "1.2,2.7 " * (LONG_PATH // 10) + '"/>'


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_saved_chart_has_a_static_image_and_a_description(path: Path) -> None:
    outputs = _chart_outputs(path)
    for out in outputs:
        data = out["data"]
        svg = "".join(data.get("image/svg+xml", ""))
        assert svg.startswith("<svg") and "<title>Chart: " in svg
        spec = data[VEGALITE]
        assert spec.get("description"), "every chart says what it shows"
        text = "".join(data["text/plain"])
        assert text.startswith("Chart: ") and NOT_ENABLED not in text
        assert out["metadata"][VEGALITE]["embed_options"]["renderer"] == "svg"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_size(path: Path) -> None:
    size = path.stat().st_size
    print(f"{path.name}: {size / 1024:.0f} KB")
    assert size <= MAX_BYTES, f"{path.name}: {size:,} bytes"


def test_nbconvert_html_shows_an_image_for_every_chart(tmp_path: Path) -> None:
    """What GitHub, nbviewer or an LMS get: `jupyter nbconvert --to html` of each committed notebook."""
    for path in NOTEBOOKS:
        subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output-dir", str(tmp_path), str(path)],
                       check=True, capture_output=True)
        page = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
        charts = len(_chart_outputs(path))
        # nbconvert 7 embeds an SVG output as a base64 <img>; each must be a chart with its description.
        images = [base64.b64decode(m).decode("utf-8")
                  for m in re.findall(r'<img[^>]*src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)]
        described = sum(1 for svg in images if "<title>Chart: " in svg)
        print(f"{path.name}: {charts} charts, {len(images)} images ({described} with their description), "
              f"{page.count(NOT_ENABLED)} 'not enabled' texts")
        assert len(images) == described == charts
        assert NOT_ENABLED not in page

