"""The handouts builder without a browser: what it lets through from notebook text, and what each edition shows.

Notebook and data text are untrusted: Markdown, HTML outputs and chart titles below carry script, event
handlers, `javascript:` links and CSS that loads from the network; none of it may reach a page as markup.
A scratch notebook in a temporary folder has one of everything a page shows (prose, a table, a chart, an
explorer, an exercise, a solution behind a reveal) and is built without PDFs.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_handouts", ROOT / "tools" / "build_handouts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_handouts"] = module
    spec.loader.exec_module(module)
    return module


bh = _load()


# ------------------------------------------------------------------------------------------------
# Sanitising


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<div onclick="alert(1)">x</div>',
    '<iframe src="https://example.invalid/"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<p style="background:url(https://example.invalid/x.png)">x</p>',
    '<form action="https://example.invalid/"><input name=q></form>',
    '<object data="https://example.invalid/x"></object>',
])
def test_hostile_markup_never_survives(hostile: str) -> None:
    for out in (bh.sanitise(hostile), bh.markdown(f"Some text {hostile} more text")):
        low = out.lower()
        for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "url(", "<form", "<input", "<object",
                    "<img", "<svg", "<math", "example.invalid"):
            assert bad not in low, f"{bad!r} got through: {out!r}"


def test_allowed_markup_and_styles_are_kept() -> None:
    out = bh.sanitise('<table><tr><th></th><th>a</th></tr><tr><td style="text-align:right;color:#000;'
                      'position:fixed">1</td></tr></table><details><summary>Hint</summary><b>b</b></details>')
    assert '<td style="text-align:right;color:#000">1</td>' in out  # position is not on the list
    assert "<details><summary>Hint</summary><b>b</b></details>" in out
    assert "<td></td><th>a</th>" in out  # an empty header cell names nothing: a data cell


def test_links_between_notebooks_become_pages_and_files_of_the_repo_are_dropped() -> None:
    out = bh.markdown("[next](01_actor_statements.ipynb#exercises) [data](../data/README.md) "
                      "[web](https://example.org/a)")
    assert 'href="01_actor_statements.html#exercises"' in out
    assert "README.md" not in out and ">data</a>" in out  # the text stays, as a link to nowhere
    assert 'href="https://example.org/a"' in out and 'rel="noopener noreferrer"' in out


def test_solution_reveals_are_dropped_for_students_only() -> None:
    markup = bh.markdown("Before\n\n<details><summary>Hint</summary>\n\nLook at the dates.\n\n</details>\n\n"
                         "<details><summary>Show the solution</summary>\n\nSECRET-ONE\n\n"
                         "<details><summary>more</summary>inner</details>\n\n</details>\n\n"
                         "<details><summary>Answer</summary>SECRET-TWO</details>\n\nAfter")
    student = bh.drop_solutions(markup)
    assert "SECRET" not in student and "inner" not in student
    assert "Look at the dates." in student and "Before" in student and "After" in student
    assert "SECRET-ONE" in markup and "SECRET-TWO" in markup


def test_chart_json_cannot_close_its_script_element() -> None:
    spec = {"title": "</script><script>alert(1)</script><!-- & -->", "mark": "bar"}
    raw = bh._json_for_script(spec)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == spec


# ------------------------------------------------------------------------------------------------
# Exercises are made through helpers.exercises, from literal arguments only


def test_exercises_are_made_from_literals_and_the_dataset_only(tmp_path: Path) -> None:
    sentinel = tmp_path / "ran"
    made = bh.Exercises()
    modules, datasets = {"exercises"}, {"ds"}
    ok = made.in_cell("x.ipynb", 'q1 = exercises.most_direct_speaker(ds, "2024-11-21")\nq1.check(...)',
                      modules, datasets)
    hostile = made.in_cell("x.ipynb", f"q2 = exercises.most_direct_speaker(ds, open({str(sentinel)!r}, 'w'))",
                           modules, datasets)
    private = made.in_cell("x.ipynb", "q3 = exercises._text(ds)", modules, datasets)
    missing = made.in_cell("x.ipynb", "q4 = exercises.no_such_exercise(ds)", modules, datasets)
    assert [e.variable for e in ok] == ["q1"] and ok[0].obj is not None and not ok[0].problem
    assert ok[0].question == exercises.most_direct_speaker(made._dataset, "2024-11-21").question.text()
    assert hostile[0].obj is None and hostile[0].problem
    assert not sentinel.exists(), "an argument was run instead of read as a literal"
    assert private[0].obj is None and missing[0].obj is None and "no function" in missing[0].problem


# ------------------------------------------------------------------------------------------------
# A whole build of a scratch notebook


def _need_web() -> None:
    if (bh.NODE_MODULES / "vega" / "build" / "vega.min.js").exists():
        return
    reason = "web/node_modules is missing: `make test` installs it (npm ci)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _cell(kind: str, source: str, outputs: list | None = None) -> dict:
    cell = {"cell_type": kind, "id": f"c{abs(hash(source)) % 10**8}", "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=1, outputs=outputs or [])
    return cell


HOSTILE_TITLE = "Chart </script><script>alert('title')</script>"
SCRATCH = [
    _cell("markdown", "<!--navigation-->\n[Contents](00_start_here.ipynb)"),
    _cell("markdown", "# 99 · Scratch\n\n**Time:** 5 minutes.\n\n**Questions this notebook answers**\n\n"
                      "1. Does it build?\n\nSome *prose* <script>alert('md')</script>."),
    _cell("code", "import helpers\nfrom helpers import exercises\n\nds = helpers.setup_notebook()"),
    _cell("code", "table()", [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {
        "text/html": '<table><tr><th>who</th></tr><tr><td>Hostile <img src=x onerror="alert(2)"></td></tr></table>',
        "text/plain": "table"}}]),
    _cell("code", "chart()", [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {
        "application/vnd.vegalite.v5+json": {"title": HOSTILE_TITLE, "mark": "bar",
                                             "data": {"values": [{"a": 1}]},
                                             "encoding": {"x": {"field": "a", "type": "quantitative"}},
                                             "usermeta": {"embedOptions": {"actions": True}}},
        "text/plain": "chart"}}]),
    _cell("code", "explorer()", [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                                  "data": {"text/plain": bh.PLACEHOLDER}}]),
    _cell("markdown", "## Exercises\n\n**Exercise 1.** How many days?\n\n"
                      "<details><summary>Solution</summary>\n\nREVEALED-SECRET\n\n</details>"),
    _cell("code", "q1 = exercises.focus_week_days(ds)\nq1.check(...)",
          [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/markdown": "**❌ Not yet.** Replace `...`", "text/plain": "Not yet"}}]),
]


@pytest.fixture(scope="module")
def scratch_site(tmp_path_factory: pytest.TempPathFactory):
    _need_web()
    base = tmp_path_factory.mktemp("handouts")
    nb = base / "notebooks" / "99_scratch.ipynb"
    nb.parent.mkdir()
    nb.write_text(json.dumps({"cells": SCRATCH, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                  encoding="utf-8")
    built = bh.build(base / "site", notebooks=[nb], pdf=False, log=lambda _: None)
    return built


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


class _Elements(HTMLParser):
    """Every element and attribute of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def test_pages_run_only_the_site_scripts(scratch_site) -> None:
    for path in scratch_site.files:
        page = path.read_text(encoding="utf-8")
        prefix = "../" if path.parent.name == "teacher" else ""
        expected = [f'<script src="{prefix}vendor/{n}" defer>' for n in bh.VENDOR]
        expected.append(f'<script src="{prefix}assets/handouts.js" defer>')
        charts = page.count('<script type="application/json" class="vis-spec">')
        assert _scripts(page) == expected + ['<script type="application/json" class="vis-spec">'] * charts, path
        elements = _Elements()
        elements.feed(page)
        assert not {"img", "iframe", "object", "embed", "svg", "math", "form", "input"} & set(elements.tags), path
        assert not [a for a in elements.attributes if a[0].startswith("on")], path
        assert not [a for a in elements.attributes if "javascript:" in a[1].lower()], path
        assert "Content-Security-Policy" in page and "script-src 'self';" in page


def test_chart_spec_travels_as_data(scratch_site) -> None:
    page = (scratch_site.out / "99_scratch.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" class="vis-spec">(.*?)</script>', page, re.S).group(1)
    spec = json.loads(raw)
    assert spec["title"] == HOSTILE_TITLE
    assert spec["description"] == HOSTILE_TITLE  # no description of its own: the title stands in
    assert "embedOptions" not in spec["usermeta"]  # the page, not the spec, sets vega-embed's options
    assert scratch_site.pages[0].charts == 1


def test_explorer_becomes_a_note_and_navigation_links_pages(scratch_site) -> None:
    page = (scratch_site.out / "99_scratch.html").read_text(encoding="utf-8")
    assert page.count('class="explorer-note"') == 1 and "99_scratch.ipynb" in page
    assert bh.PLACEHOLDER not in page
    assert 'href="00_start_here.html"' in page


def test_students_get_room_to_answer_and_no_solution(scratch_site, ds) -> None:
    student = (scratch_site.out / "99_scratch.html").read_text(encoding="utf-8")
    teacher = (scratch_site.out / "teacher" / "99_scratch.html").read_text(encoding="utf-8")
    key = (scratch_site.out / "teacher" / "index.html").read_text(encoding="utf-8")
    explanation = html.escape(exercises.focus_week_days(ds).explanation.text(), quote=False)
    assert student.count('class="answer"') == 1 and "Your answer" in student
    assert "REVEALED-SECRET" not in student and "Not yet" not in student
    assert "answer-key" not in student and explanation not in student
    assert "REVEALED-SECRET" in teacher
    for page in (teacher, key):
        assert explanation in page  # the explanation, as helpers.exercises gives it


def test_index_maps_the_notebooks(scratch_site) -> None:
    index = (scratch_site.out / "index.html").read_text(encoding="utf-8")
    assert 'href="99_scratch.html"' in index and "Does it build?" in index and "5 min" in index
    assert "teacher/" not in index  # the teacher's edition is not offered to students


def test_a_folder_that_is_not_a_build_is_never_emptied(tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit, match="holds no earlier handouts build"):
        bh.build(tmp_path, notebooks=[], pdf=False, log=lambda _: None)
    assert keep.read_text(encoding="utf-8") == "mine"


def test_a_chart_without_description_or_title_is_named_by_its_views() -> None:
    spec = {"vconcat": [{"title": "Who spoke", "mark": "point"}, {"title": {"text": ["By side"], "subtitle": "all"},
                                                                   "mark": "bar"}]}
    assert bh.chart_spec(spec)[1:] == ("Who spoke; By side all", False)
    assert bh.chart_spec({"mark": "bar"})[1] == "Chart"
    assert bh.chart_spec({"description": "Dots per day", "title": "T", "mark": "bar"})[1:] == ("Dots per day", True)
