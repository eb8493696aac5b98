"""Write the glossary into notebook 00 and link each glossary term where it first appears in every notebook.

The terms and their definitions live in `helpers/glossary.py`. In every numbered notebook, the first time a
term appears in prose (not in a heading, code, a link or an HTML tag) it becomes a link to its entry in
notebook 00; earlier glossary links are taken out first, so a second run changes nothing and a link follows
the term when the prose moves. Code cells and outputs are never touched.

Run: `make navigation` (or `python tools/link_glossary.py [--check]`). With `--check` nothing is written;
the exit status is 1 and the stale notebooks are named when a run would change something.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate_contents import CELL_MARK as CONTENTS_MARK
from generate_contents import NOTEBOOK_DIR, notebook_files

from helpers import load_dataset
from helpers.glossary import CELL_MARK, NOTEBOOK, TERMS, anchor, compiled, glossary_markdown

NAV_MARK = "<!--navigation-->"
OLD_LINK = re.compile(r"\[([^\]]+)\]\((?:" + re.escape(NOTEBOOK) + r")?#glossary-[a-z0-9-]+\)")
# Text a link must not go into: fenced code, code spans, links and images, HTML tags, headings, bare URLs, and
# numbered lists (a notebook's questions, which the map of the notebooks copies into the README).
PROTECTED = re.compile(r"```.*?```|`[^`\n]*`|!?\[[^\]]*\]\([^)]*\)|<[^>\n]+>|^#[^\n]*$|^\d+\. [^\n]*$|"
                       r"https?://\S+", re.DOTALL | re.MULTILINE)


def _prose_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "markdown" and not c.source.startswith(
        (NAV_MARK, CONTENTS_MARK, CELL_MARK))]


def _free(text: str, start: int, end: int) -> bool:
    return not any(m.start() < end and start < m.end() for m in PROTECTED.finditer(text))


def link_terms(nb: nbformat.NotebookNode, name: str) -> None:
    """Relink every term at its first appearance in `nb` (in place)."""
    cells = _prose_cells(nb)
    for cell in cells:
        cell.source = OLD_LINK.sub(r"\1", cell.source)
    target = "" if name == NOTEBOOK else NOTEBOOK
    for term in TERMS:
        pattern = compiled(term)
        for cell in cells:
            hit = next((m for m in pattern.finditer(cell.source) if _free(cell.source, m.start(), m.end())), None)
            if hit is not None:
                link = f"[{hit.group(0)}]({target}#{anchor(term)})"
                cell.source = cell.source[:hit.start()] + link + cell.source[hit.end():]
                break


def update(directory: Path = NOTEBOOK_DIR, write: bool = True) -> list[Path]:
    """Refresh the glossary cell and the term links of every numbered notebook; return those that change."""
    ds = load_dataset()
    changed = []
    for path in notebook_files(directory):
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        if path.name == NOTEBOOK:
            cells = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(CELL_MARK)]
            if not cells:
                raise ValueError(f"{path.name}: no glossary cell (a markdown cell starting with {CELL_MARK!r})")
            cells[0].source = glossary_markdown(ds)
        link_terms(nb, path.name)
        if [c.source for c in nb.cells] != before:
            changed.append(path)
            if write:
                nbformat.write(nb, path)
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = update(write=not check)
    for path in stale:
        print(f"{'stale' if check else 'updated'}: {path.name}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
