"""Insert or refresh a navigation bar (< previous | Contents | next >) at the top and bottom of every notebook.

The notebooks are the glob `notebooks/[0-9][0-9]_*.ipynb` in name order, so a notebook added later is
linked on the next run, and a missing one is simply not linked. A bar is a markdown cell that starts
with `<!--navigation-->`: a second run finds the bars and leaves them as they are, so it changes
nothing. Code cells and outputs are never touched. Modelled on the Python Data Science Handbook's
`tools/add_navigation.py`.

Run: `make navigation` (or `python tools/add_navigation.py [--check]`). With `--check` nothing is
written; the exit status is 1 and the stale notebooks are named when a run would change something.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_contents import CONTENTS_NOTEBOOK, NOTEBOOK_DIR, describe, main, notebook_files

NAV_MARK = "<!--navigation-->"
# Fixed ids keep a fresh insert reproducible; nbformat would otherwise draw random ones.
TOP_ID, BOTTOM_ID = "navigation-top", "navigation-bottom"


def navbar(previous: Path | None, current: Path, following: Path | None) -> str:
    """The bar's markdown: links to the previous notebook, the contents (notebook 00) and the next one."""
    parts = []
    if previous is not None:
        parts.append(f"< [{describe(previous).title}]({previous.name})")
    if current.name != CONTENTS_NOTEBOOK:
        parts.append(f"[Contents]({CONTENTS_NOTEBOOK})")
    if following is not None:
        parts.append(f"[{describe(following).title}]({following.name}) >")
    return f"{NAV_MARK}\n" + " | ".join(parts)


def _is_bar(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "markdown" and cell.source.startswith(NAV_MARK)


def with_navigation(nb: nbformat.NotebookNode, bar: str) -> bool:
    """Put `bar` first and last in `nb` (in place); return whether anything changed."""
    changed = False
    for position, cell_id in ((0, TOP_ID), (-1, BOTTOM_ID)):
        cell = nb.cells[position] if nb.cells else None
        if cell is not None and _is_bar(cell):
            if cell.source != bar:
                cell.source = bar
                changed = True
            continue
        new = new_markdown_cell(source=bar)
        new["id"] = cell_id
        if position == 0:
            nb.cells.insert(0, new)
        else:
            nb.cells.append(new)
        changed = True
    return changed


def update(directory: Path = NOTEBOOK_DIR, write: bool = True) -> list[Path]:
    """Refresh the bars of every numbered notebook in `directory`; return the notebooks that change."""
    paths = notebook_files(directory)
    changed = []
    for i, path in enumerate(paths):
        previous = paths[i - 1] if i > 0 else None
        following = paths[i + 1] if i + 1 < len(paths) else None
        nb = nbformat.read(path, as_version=4)
        if with_navigation(nb, navbar(previous, path, following)):
            changed.append(path)
            if write:
                nbformat.write(nb, path)
    return changed


if __name__ == "__main__":
    main(update)
