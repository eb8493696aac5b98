"""Build the handouts: a static, offline, interactive edition of the notebooks, with worksheets as PDF.

Run: `make handouts` (or `python tools/build_handouts.py [--out site] [--no-pdf]`). Nothing is executed:
each page is made from what the committed notebook holds. What the site holds:

    index.html                the map of the notebooks, the glossary, how to cite, the worksheets
    NN_name.html              one page per notebook: prose, tables, code (folded), every chart drawn by
                              Vega in the page (tooltips, legends and brushes work); print it for a worksheet
    pdf/NN_name.pdf           that worksheet: exercises as questions with room to answer, no solutions
    teacher/                  the teacher's edition: the same pages with each exercise's answer, an answer
                              key, and their PDFs (leave this folder out of what students get)
    assets/, vendor/          the page's stylesheet and script; Vega, Vega-Lite and vega-embed, copied
                              from the pinned npm packages in web/ (with their licences)

Everything shown comes from notebook or data text and is treated as untrusted: Markdown and HTML outputs
pass an allowlist sanitiser (nh3), plain text is escaped, chart specs travel as JSON data, and each page's
Content-Security-Policy allows only its own files (no inline script, no eval, no network).

Exercises are found in the code, not by executing it: an assignment `q1 = exercises.name(ds, "literal")` is
called through `helpers.exercises` on the loaded dataset (only literal arguments and the dataset), and the
answer key comes from the objects it returns (`solution()`, `hints`).
"""

from __future__ import annotations

import argparse
import ast
import copy
import html
import json
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nh3
from markdown_it import MarkdownIt

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT))

from add_navigation import NAV_MARK  # noqa: E402
from execute_notebooks import PLACEHOLDER, WIDGET_VIEW  # noqa: E402
from generate_contents import CONTENTS_NOTEBOOK, describe, notebook_files  # noqa: E402

WEB = ROOT / "web"
NODE_MODULES = WEB / "node_modules"
# The files each page loads, in order, from the pinned packages (UMD builds: they run from file://).
VENDOR = {
    "vega.min.js": ("vega", "build/vega.min.js"),
    "vega-lite.min.js": ("vega-lite", "build/vega-lite.min.js"),
    "vega-embed.min.js": ("vega-embed", "build/vega-embed.min.js"),
}
CHART = re.compile(r"application/vnd\.(vegalite|vega)\.v\d+\+json")
SITE_NAME = "Escalation Week"

# ------------------------------------------------------------------------------------------------
# Untrusted text: sanitising HTML, rendering Markdown


TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"title", "lang", "dir", "style"},
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "details": {"open"},
}
# Inline styles that outputs use for layout and colour; a value may hold only colours, lengths and words
# (no url(), no expression, nothing that loads or runs).
STYLE_PROPERTIES = {
    "background", "background-color", "border", "border-bottom", "border-collapse", "border-left",
    "border-radius", "border-right", "border-top", "color", "font-size", "font-style", "font-weight",
    "margin", "margin-bottom", "margin-left", "margin-right", "margin-top", "max-width", "min-width", "padding",
    "padding-bottom", "padding-left", "padding-right", "padding-top", "table-layout", "text-align",
    "vertical-align", "white-space", "width",
}
_STYLE_VALUE = re.compile(r"(?:[#\w\s.,%+-]|(?:rgba?|hsla?)\([\d\s.,%]+\))+")
_EMPTY_TH = re.compile(r"<th>\s*</th>")
_NOTEBOOK_LINK = re.compile(r"([0-9]{2}_[\w-]+)\.ipynb(#[\w-]*)?")


def _clean_style(value: str) -> str | None:
    kept = []
    for declaration in value.split(";"):
        name, sep, val = declaration.partition(":")
        name, val = name.strip().lower(), val.strip()
        if sep and name in STYLE_PROPERTIES and val and _STYLE_VALUE.fullmatch(val):
            kept.append(f"{name}:{val}")
    return ";".join(kept) or None


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "style":
        return _clean_style(value)
    if tag == "a" and name == "href":
        if value.startswith(("http://", "https://", "mailto:", "#")):
            return value
        link = _NOTEBOOK_LINK.fullmatch(value)
        # A link between notebooks becomes one between pages; any other relative link (a file of the
        # repository) has no page on the site, so it is dropped and its text kept.
        return f"{link.group(1)}.html{link.group(2) or ''}" if link else None
    return value


def sanitise(markup: str) -> str:
    """`markup` with only allowlisted tags, attributes, styles and link targets; no script, no comment.

    An empty header cell (the corner of a pandas table) becomes a data cell: a header needs a name.
    """
    return _EMPTY_TH.sub("<td></td>", nh3.clean(markup, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer",
                     strip_comments=True))


_markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown(text: str) -> str:
    """Markdown to sanitised HTML (raw HTML in it is limited to the allowlist)."""
    return sanitise(_markdown.render(text))


def markdown_inline(text: str) -> str:
    return sanitise(_markdown.renderInline(text))


_REVEAL = re.compile(r"\b(solutions?|answers?|answer key)\b", re.IGNORECASE)


class _Details(HTMLParser):
    """Where each outermost <details> element starts and ends, and the text of its <summary>."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth = 0
        self.in_summary = False
        self.found: list[tuple[int, int, str]] = []
        self._start = 0
        self._summary: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "details":
            if self.depth == 0:
                self._start, self._summary = self._offset(), []
            self.depth += 1
        elif tag == "summary" and self.depth == 1:
            self.in_summary = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary":
            self.in_summary = False
        elif tag == "details" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.found.append((self._start, self._offset() + len("</details>"), "".join(self._summary)))

    def handle_data(self, data: str) -> None:
        if self.in_summary:
            self._summary.append(data)


def drop_solutions(markup: str) -> str:
    """Sanitised HTML without the <details> blocks whose summary names a solution or an answer."""
    if "<details" not in markup:
        return markup
    parser = _Details(markup)
    parser.feed(markup)
    parser.close()
    for start, end, summary in reversed(parser.found):
        if _REVEAL.search(summary):
            markup = markup[:start] + markup[end:]
    return markup


def text(value: str) -> str:
    return html.escape(value, quote=True)


def joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# ------------------------------------------------------------------------------------------------
# Exercises: found in the code, made through helpers.exercises, never by running a cell


@dataclass
class Exercise:
    """One exercise of a notebook: where it is, and the object `helpers.exercises` made for it (if it could)."""

    notebook: str
    variable: str
    function: str
    obj: Any = None
    problem: str = ""

    @property
    def question(self) -> str:
        return _plain(getattr(self.obj, "question", "") or "")

    def solution_html(self) -> str:
        """The answer as the exercise gives it, sanitised; a pointer to the notebook when there is none."""
        if self.obj is None:
            return f"<p>Run <code>{text(self.variable or 'the exercise')}.solution()</code> in the notebook.</p>"
        try:
            sol = self.obj.solution() if callable(getattr(self.obj, "solution", None)) else None
        except Exception as err:  # an exercise's own failure should not stop the other pages
            return f"<p>The solution could not be made: {text(repr(err))}</p>"
        if sol is not None:
            return render_value(sol)
        # No solution returned (shown some other way): the reference answer and its explanation, if it has them.
        parts = [_plain(v) for v in (getattr(self.obj, "answer", None), getattr(self.obj, "explanation", None))
                 if v is not None]
        return markdown(" — ".join(parts)) if parts else "<p>No solution given.</p>"

    def hints(self) -> list[str]:
        """The hints as Markdown: an exercise's own (data in them already escaped), else their text."""
        hints = getattr(self.obj, "hints", None)
        if not isinstance(hints, list | tuple):
            return []
        return [h.markdown() if callable(getattr(h, "markdown", None)) else str(h) for h in hints]


def _plain(value: Any) -> str:
    """A message as plain text: its own `text()` where it has one (exercise messages do), else `str()`."""
    return value.text() if callable(getattr(value, "text", None)) else str(value)


def _exercise_aliases(cells: list[dict]) -> tuple[set[str], set[str]]:
    """Names under which the notebook imports helpers.exercises, and names bound to the dataset."""
    modules, datasets = set(), set()
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        tree = _parse(joined(cell["source"]))
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.ImportFrom) and node.module == "helpers":
                modules |= {a.asname or a.name for a in node.names if a.name == "exercises"}
            elif isinstance(node, ast.Import):
                modules |= {a.asname for a in node.names if a.name == "helpers.exercises" and a.asname}
            elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                  and _dotted(node.value.func) in {"helpers.setup_notebook", "helpers.load_dataset",
                                                    "setup_notebook", "load_dataset"}):
                datasets |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return modules, datasets


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): not an exercise cell
        return None


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


class Exercises:
    """Makes the exercise objects of the notebooks through `helpers.exercises`, on one loaded dataset."""

    def __init__(self) -> None:
        self._module: Any = None
        self._dataset: Any = None
        self._problem = ""

    def _load(self) -> bool:
        if self._module is None and not self._problem:
            try:
                import helpers
                from helpers import exercises

                self._module, self._dataset = exercises, helpers.load_dataset()
            except Exception as err:
                self._problem = f"helpers could not load the dataset: {err!r}"
        return self._module is not None

    def in_cell(self, notebook: str, source: str, modules: set[str], datasets: set[str]) -> list[Exercise]:
        """The exercises a code cell makes (`q1 = exercises.fn(ds, literal, ...)`, or the call alone), in order."""
        tree = _parse(source)
        found = []
        for node in tree.body if tree else ():
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                variable, call = node.targets[0].id, node.value
            elif isinstance(node, ast.Expr):
                variable, call = "", node.value
            else:
                continue
            if not isinstance(call, ast.Call):
                continue
            owner, _, name = _dotted(call.func).rpartition(".")
            if name and (owner in modules or owner == "helpers.exercises"):
                found.append(self._make(notebook, variable, name, call, datasets, modules))
        return found

    def _make(self, notebook: str, variable: str, name: str, call: ast.Call, datasets: set[str],
              modules: set[str] = frozenset()) -> Exercise:
        ex = Exercise(notebook, variable, name)
        if name.startswith("_"):
            ex.problem = "a private function"
            return ex
        if not self._load():
            ex.problem = self._problem
            return ex
        fn = getattr(self._module, name, None)
        if not callable(fn):
            ex.problem = f"helpers.exercises has no function {name!r}"
            return ex
        try:
            args = [self._value(a, datasets, modules) for a in call.args]
            kwargs = {k.arg: self._value(k.value, datasets, modules) for k in call.keywords if k.arg}
            ex.obj = fn(*args, **kwargs)
        except Exception as err:
            ex.problem = f"{name}(...) could not be made: {err!r}"
        return ex

    def _value(self, node: ast.AST, datasets: set[str], modules: set[str] = frozenset()) -> Any:
        if isinstance(node, ast.Name) and node.id in datasets:
            return self._dataset
        # A constant the exercises module names (`exercises.EXIT_TICKET_CLAIM`): read, never run.
        if isinstance(node, ast.Attribute) and _dotted(node.value) in (*modules, "helpers.exercises"):
            value = getattr(self._module, node.attr, None)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return value
        return ast.literal_eval(node)  # anything but a literal raises: the exercise is then left unmade

    def answer_key(self) -> Any:
        """`helpers.exercises.answer_key(ds)` where the module has one, else None."""
        fn = getattr(self._module, "answer_key", None) if self._load() else None
        if not callable(fn):
            return None
        try:
            return fn(self._dataset)
        except Exception:
            return None


def render_value(value: Any) -> str:
    """An object as a notebook would show it: its HTML or Markdown, sanitised; else its text, escaped."""
    for method, render in (("_repr_html_", sanitise), ("_repr_markdown_", markdown)):
        shown = getattr(value, method, None)
        if callable(shown):
            out = shown()
            if out:
                return render(out)
    return f"<p>{text(str(value))}</p>"


# ------------------------------------------------------------------------------------------------
# Cells to HTML


STUDENT, TEACHER = "student", "teacher"


@dataclass
class Page:
    """What rendering one notebook found: its HTML, charts, exercises and explorers."""

    path: Path
    title: str
    body: str = ""
    charts: int = 0
    described: int = 0
    explorers: int = 0
    exercises: list[Exercise] = field(default_factory=list)


def chart_spec(spec: dict[str, Any]) -> tuple[dict[str, Any], str, bool]:
    """The spec to embed, its description, and whether the description is the chart's own.

    A chart without a `description` gets its title as one (Vega puts it on the SVG's aria-label).
    Embed options inside a spec are dropped: the page sets its own.
    """
    spec = copy.deepcopy(spec)
    usermeta = spec.get("usermeta")
    if isinstance(usermeta, dict):
        usermeta.pop("embedOptions", None)
    own = spec.get("description")
    if isinstance(own, str) and own.strip():
        return spec, own.strip(), True
    spec["description"] = "; ".join(_titles(spec)) or "Chart"
    return spec, spec["description"], False


def _titles(spec: Any) -> list[str]:
    """The chart's title and subtitle; for a chart of stacked or layered views without one, theirs."""
    if not isinstance(spec, dict):
        return []
    title = spec.get("title")
    parts = [title.get("text", ""), title.get("subtitle", "")] if isinstance(title, dict) else [title or ""]
    words = " ".join(" ".join(map(str, p)) if isinstance(p, list) else str(p) for p in parts).strip()
    if words:
        return [words]
    return [t for key in ("vconcat", "hconcat", "concat", "layer") for view in spec.get(key, []) or []
            for t in _titles(view)]


def _json_for_script(value: Any) -> str:
    # Inside <script type="application/json"> nothing may close the element or open a comment.
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _is_navigation(source: str) -> bool:
    return source.startswith(NAV_MARK)


def _mentions_exercise(source: str) -> bool:
    return bool(re.search(r"\*\*Exercise\b|^#+ .*\bExercise", source, re.IGNORECASE | re.MULTILINE))


def explorer_note(notebook: str) -> str:
    return (f'<p class="explorer-note">Here the notebook has an interactive explorer; it needs Python running: '
            f"open <code>{text(notebook)}</code> in JupyterLab to use it.</p>")


class Renderer:
    """Turns one notebook's cells into the body of its page, for the students' or the teacher's edition."""

    def __init__(self, exercises: Exercises):
        self.exercises = exercises

    def page(self, path: Path, edition: str) -> Page:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb.get("cells", [])
        info = describe(path)
        page = Page(path, info.title)
        modules, datasets = _exercise_aliases(cells)
        parts: list[str] = []
        navs = 0
        last_markdown = ""
        for cell in cells:
            source = joined(cell.get("source", ""))
            if cell.get("cell_type") == "markdown":
                if _is_navigation(source):
                    navs += 1
                    where = "top" if navs == 1 else "bottom"
                    parts.append(f'<nav class="notebook-nav" aria-label="Previous and next notebook ({where})">'
                                 f"{markdown(source)}</nav>")
                    continue
                parts.append(f'<div class="md">{self._reveal(markdown(source), edition)}</div>')
                last_markdown = source
            elif cell.get("cell_type") == "code":
                markup, exercise = self._code(cell, source, page, edition, modules, datasets, last_markdown)
                if exercise and parts and parts[-1].startswith('<div class="md">'):
                    # The question and its answer space stay together on the printed page.
                    markup = f'<div class="exercise">{parts.pop()}\n{markup}</div>'
                parts.append(markup)
        page.body = "\n".join(p for p in parts if p)
        return page

    @staticmethod
    def _reveal(markup: str, edition: str) -> str:
        return drop_solutions(markup) if edition == STUDENT else markup

    def _code(self, cell: dict, source: str, page: Page, edition: str, modules: set[str], datasets: set[str],
              last_markdown: str) -> tuple[str, bool]:
        """The cell's folded code and its outputs; an exercise's output becomes its answer space (or answer)."""
        out = []
        if source.strip():
            out.append('<details class="code"><summary>Code</summary>'
                       f'<pre><code>{text(source)}</code></pre></details>')
        found = self.exercises.in_cell(page.path.name, source, modules, datasets)
        if found:
            page.exercises.extend(found)
            out.extend(self._answer(ex, edition, not _mentions_exercise(last_markdown)) for ex in found)
            return "\n".join(out), True
        for output in cell.get("outputs", []):
            out.append(self._output(output, page, edition))
        return "\n".join(o for o in out if o), False

    def _answer(self, ex: Exercise, edition: str, ask: bool) -> str:
        question = f'<p class="question">{text(ex.question)}</p>' if ask and ex.question else ""
        if edition == STUDENT:
            lines = "<span></span>" * 4
            return (f'<div class="answer">{question}<p class="label">Your answer:</p>'
                    f'<div class="answer-lines" aria-hidden="true">{lines}</div></div>')
        hints = ex.hints()
        hint_list = ('<div class="hints"><p>Hints, in order:</p><ol>'
                     + "".join(f"<li>{markdown_inline(h)}</li>" for h in hints) + "</ol></div>") if hints else ""
        return (f'<div class="answer answer-key">{question}<p class="label">Answer</p>'
                f"{ex.solution_html()}{hint_list}</div>")

    def _output(self, output: dict, page: Page, edition: str) -> str:
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") == "stderr":
                return ""  # warnings of the kernel, not content
            return f'<div class="output"><pre class="stream">{text(joined(output.get("text", "")))}</pre></div>'
        if kind == "error":
            trace = _ANSI.sub("", "\n".join(output.get("traceback", [])))
            return f'<div class="output"><pre class="error">{text(trace)}</pre></div>'
        data = output.get("data", {})
        if WIDGET_VIEW in data or joined(data.get("text/plain", "")) == PLACEHOLDER:
            page.explorers += 1
            return explorer_note(page.path.name)
        chart = next((k for k in data if CHART.fullmatch(k)), None)
        if chart:
            return self._chart(data[chart], page)
        if "text/html" in data:
            markup = self._reveal(sanitise(joined(data["text/html"])), edition)
            return f'<div class="output scroll">{markup}</div>'
        if "text/markdown" in data:
            markup = self._reveal(markdown(joined(data["text/markdown"])), edition)
            return f'<div class="output scroll">{markup}</div>'
        if "image/png" in data:
            alt = joined(data.get("text/plain", "")) or "Figure"
            src = "data:image/png;base64," + re.sub(r"\s", "", joined(data["image/png"]))
            return f'<div class="output"><img src="{text(src)}" alt="{text(alt)}"></div>'
        if "text/plain" in data:
            return f'<div class="output"><pre>{text(joined(data["text/plain"]))}</pre></div>'
        return ""

    @staticmethod
    def _chart(spec: dict, page: Page) -> str:
        spec, description, own = chart_spec(spec)
        page.charts += 1
        page.described += own
        n = page.charts
        caption = f'<figcaption class="vis-caption">{text(description)}</figcaption>' if own else ""
        label = f"Chart {n}: {description}"[:160]
        return (f'<figure class="vis" id="chart-{n}" data-label="{text(label)}"><div class="vis-scroll">'
                f'<div class="vis-chart" data-state="pending"></div></div>{caption}'
                f'<script type="application/json" class="vis-spec">{_json_for_script(spec)}</script></figure>')


# ------------------------------------------------------------------------------------------------
# Pages


# Only the site's own files: no inline script, no eval, no network (file:// and any static host).
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def document(title: str, body: str, *, prefix: str = "", edition: str = STUDENT, home: str = "index.html",
             scripts: bool = True) -> str:
    """A whole page: head (stylesheet, scripts, CSP), the site bar, `body` as the main content."""
    script_tags = "".join(f'<script src="{prefix}vendor/{name}" defer></script>' for name in VENDOR)
    script_tags += f'<script src="{prefix}assets/handouts.js" defer></script>'
    label = "Teacher's edition" if edition == TEACHER else "Handouts"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{text(title)}</title>
<link rel="stylesheet" href="{prefix}assets/handouts.css">
{script_tags if scripts else ""}
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><nav aria-label="Site"><a class="brand" href="{home}">{SITE_NAME}</a>
<span class="edition">{label}</span></nav></header>
<main id="main">
{body}
</main>
<footer class="foot"><p>{SITE_NAME}: a static edition of the notebooks, built from the committed files; it works
offline. <span class="screen-only">Print a page for a worksheet.</span></p></footer>
</body>
</html>
"""


def notebook_page(page: Page, edition: str) -> str:
    prefix = "../" if edition == TEACHER else ""
    banner = ""
    if edition == TEACHER:
        banner = (f'<p class="banner">Teacher\'s edition: each exercise shows its answer. The students\' page is '
                  f'<a href="../{page.path.stem}.html">{text(page.path.stem)}.html</a>.</p>')
    edition_name = " (teacher's edition)" if edition == TEACHER else ""
    return document(f"{page.title}{edition_name} — {SITE_NAME}", banner + page.body, prefix=prefix, edition=edition)


def _section(cells: list[dict], pattern: re.Pattern[str]) -> list[dict]:
    """The cells of the first section whose heading matches `pattern`, up to the next heading of its level."""
    out: list[dict] = []
    level = 0
    for cell in cells:
        source = joined(cell.get("source", ""))
        heading = re.match(r"(#{1,6})\s+(.*)", source.lstrip()) if cell.get("cell_type") == "markdown" else None
        if level:
            if heading and len(heading.group(1)) <= level:
                break
            out.append(cell)
        elif heading and pattern.search(heading.group(2)):
            level = len(heading.group(1))
            out.append(cell)
    return out


def front_sections(renderer: Renderer, front: Path | None) -> dict[str, str]:
    """The glossary and the citation sections of notebook 00, rendered, by name (empty where it has none)."""
    if front is None or not front.exists():
        return {}
    cells = json.loads(front.read_text(encoding="utf-8")).get("cells", [])
    found = {}
    for name, pattern in (("glossary", re.compile(r"\bglossary\b", re.I)), ("cite", re.compile(r"\bcit(e|ing)\b",
                                                                                                  re.I))):
        section = _section(cells, pattern)
        if section:
            page = Page(front, "")
            parts = []
            for cell in section:
                source = joined(cell.get("source", ""))
                if cell.get("cell_type") == "markdown":
                    parts.append(f'<div class="md">{drop_solutions(markdown(source))}</div>')
                else:
                    parts.extend(renderer._output(o, page, STUDENT) for o in cell.get("outputs", []))
            found[name] = f'<section id="{name}">' + "\n".join(p for p in parts if p) + "</section>"
    return found


def index_page(pages: list[Page], sections: dict[str, str], pdfs: bool) -> str:
    rows = []
    total = 0
    for page in pages:
        info = describe(page.path)
        total += info.minutes or 0
        questions = "".join(f"<li>{markdown_inline(q)}</li>" for q in info.questions)
        sheet = (f'<a href="pdf/{page.path.stem}.pdf">worksheet (PDF)</a>' if pdfs else "—")
        rows.append(f'<tr><td><a href="{page.path.stem}.html">{text(info.title)}</a></td>'
                    f"<td><ul>{questions}</ul></td><td>{info.minutes or '—'} min</td><td>{sheet}</td></tr>")
    table = ('<table class="map"><caption class="visually-hidden">The notebooks, in reading order</caption>'
             '<thead><tr><th scope="col">notebook</th><th scope="col">questions</th><th scope="col">time</th>'
             '<th scope="col">print</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    body = f"""<h1>{SITE_NAME}: handouts</h1>
<p>The notebooks of the collection as web pages that work anywhere — from a USB stick, a shared folder or a school
website, with no installation and no network. Charts are live: hover for details, click a legend to pick a group
out, drag across a timeline to zoom. The explorers need Python running and are left out; the notebooks themselves
have them.</p>
<p>To hand out a worksheet, print a page (or use its PDF): the exercises come as questions with room for the
answer, without code or navigation.</p>
<h2 id="map">The notebooks</h2>
<div class="scroll">{table}</div>
<p>All of them, in order: about {total} minutes.</p>
"""
    if "glossary" in sections:
        body += sections["glossary"]
    if "cite" in sections:
        body += sections["cite"]
    return document(f"{SITE_NAME}: handouts", body)


def teacher_index(pages: list[Page], key: Any, pdfs: bool) -> str:
    items = []
    for page in pages:
        sheet = (f' · <a href="pdf/{page.path.stem}-teacher.pdf">PDF</a> · students\' worksheet '
                 f'<a href="../pdf/{page.path.stem}.pdf">PDF</a>') if pdfs else ""
        items.append(f'<li><a href="{page.path.stem}.html">{text(page.title)}</a>{sheet}</li>')
    body = ["<h1>Teacher's edition</h1>",
            "<p>These pages are the notebooks' pages with each exercise's answer. Keep this folder for yourself: "
            "leave <code>teacher/</code> out of the copy you give students.</p>",
            "<ul>" + "".join(items) + "</ul>",
            '<h2 id="answer-key">Answer key</h2>']
    if pdfs:
        body.append('<p class="no-print">The answer key alone, to print: <a href="pdf/answer-key.pdf">PDF</a>.</p>')
    if key is not None:
        body.append(f'<div class="output scroll">{render_value(key)}</div>')
    for page in pages:
        if not page.exercises:
            continue
        body.append(f"<h3>{text(page.title)}</h3><ol>")
        for ex in page.exercises:
            q = f'<p class="question">{text(ex.question)}</p>' if ex.question else ""
            body.append(f'<li class="key-item">{q}{ex.solution_html()}</li>')
        body.append("</ol>")
    return document(f"Teacher's edition — {SITE_NAME}", "\n".join(body), prefix="../", edition=TEACHER)


# ------------------------------------------------------------------------------------------------
# The site


def copy_assets(out: Path) -> None:
    """The page's own script and stylesheet, and the pinned chart libraries with their licences."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for name in ("handouts.css", "handouts.js"):
        shutil.copyfile(WEB / name, out / "assets" / name)
    vendor = out / "vendor"
    vendor.mkdir(exist_ok=True)
    notice = ["The chart libraries these pages load, copied unchanged from their npm packages", ""]
    for name, (package, file) in VENDOR.items():
        src = NODE_MODULES / package / file
        if not src.exists():
            raise SystemExit(f"{src} is missing: run `make handouts`, which installs web/package-lock.json")
        shutil.copyfile(src, vendor / name)
        meta = json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))
        repo = meta.get("repository")
        repo = repo.get("url", "") if isinstance(repo, dict) else repo or ""
        line = f"{name}: {package} {meta['version']}, licence {meta.get('license', 'not stated')}, {repo}"
        licence = next((p for p in sorted((NODE_MODULES / package).glob("LICEN[CS]E*")) if p.is_file()), None)
        if licence:
            copy = f"{package}-{meta['version']}.LICENSE.txt"
            shutil.copyfile(licence, vendor / copy)
            line += f" (its licence text: {copy})"
        notice.append(line)
    (vendor / "README.txt").write_text("\n".join(notice) + "\n", encoding="utf-8")


def write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


@dataclass
class Built:
    out: Path
    pages: list[Page]
    files: list[Path]
    pdfs: list[Path]
    seconds: float = 0.0

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())


def build(out: Path, notebooks: Iterable[Path] | None = None, pdf: bool = True,
          log: Callable[[str], None] = print, browser: Any = None) -> Built:
    """Write the site to `out` (emptied first); return what was written. PDFs are printed in `browser`
    (a Playwright Chromium) when given, else in a Chromium of their own."""
    start = time.perf_counter()
    paths = sorted(notebooks) if notebooks is not None else notebook_files()
    if out.exists() and any(out.iterdir()):
        # Only ever empty a folder that holds an earlier build: a mistyped --out must not cost a folder.
        if not (out / "assets" / "handouts.js").is_file():
            raise SystemExit(f"{out} is not empty and holds no earlier handouts build: choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    exercises = Exercises()
    renderer = Renderer(exercises)
    student = [renderer.page(p, STUDENT) for p in paths]
    teacher = [renderer.page(p, TEACHER) for p in paths]
    files = []
    for page in student:
        files.append(out / f"{page.path.stem}.html")
        write(files[-1], notebook_page(page, STUDENT))
    for page in teacher:
        files.append(out / "teacher" / f"{page.path.stem}.html")
        write(files[-1], notebook_page(page, TEACHER))
    front = next((p for p in paths if p.name == CONTENTS_NOTEBOOK), None)
    write(out / "index.html", index_page(student, front_sections(renderer, front), pdf))
    write(out / "teacher" / "index.html", teacher_index(teacher, exercises.answer_key(), pdf))
    files[:0] = [out / "index.html", out / "teacher" / "index.html"]
    for page in teacher:
        for ex in page.exercises:
            if ex.problem:
                log(f"  note: {page.path.name}, {ex.variable} = exercises.{ex.function}(...): {ex.problem}")
    pdfs = []
    if pdf:
        from handouts_pdf import print_pdfs

        jobs = [(out / f"{p.path.stem}.html", out / "pdf" / f"{p.path.stem}.pdf") for p in student]
        jobs += [(out / "teacher" / f"{p.path.stem}.html", out / "teacher" / "pdf" / f"{p.path.stem}-teacher.pdf")
                 for p in teacher]
        jobs.append((out / "teacher" / "index.html", out / "teacher" / "pdf" / "answer-key.pdf"))
        pdfs = print_pdfs(jobs, browser)
    return Built(out, student, files, pdfs, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="folder to write (emptied first)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (no browser needed)")
    args = parser.parse_args(argv)
    built = build(args.out, pdf=not args.no_pdf)
    charts = sum(p.charts for p in built.pages)
    described = sum(p.described for p in built.pages)
    exercises = sum(len(p.exercises) for p in built.pages)
    print(f"handouts: {len(built.pages)} notebooks -> {len(built.files)} pages, {len(built.pdfs)} PDFs; "
          f"{charts} charts ({described} with their own description), {exercises} exercises, "
          f"{sum(p.explorers for p in built.pages)} explorers noted")
    print(f"handouts: {built.size / 2**20:.2f} MB in {built.seconds:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
