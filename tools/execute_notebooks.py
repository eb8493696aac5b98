"""Execute notebooks in place from a clean kernel, so their committed outputs are current.

Usage: python tools/execute_notebooks.py notebooks/01_actor_statements.ipynb [...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLACEHOLDER = "[Interactive explorer: run this notebook in JupyterLab to use it.]"


def execute(path: Path, timeout: int = 300) -> None:
    """Run every cell of `path` in a fresh kernel (working directory: the notebook's folder) and save."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    # Widget state would store every explorer's data again; the explorers need a live kernel anyway.
    nb.metadata.pop("widgets", None)
    # Timing metadata is noise in a diff; so are widget model ids, new on every run. A saved widget
    # view cannot draw without its kernel anyway, so it is replaced by a sentence that says so.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            if WIDGET_VIEW in out.get("data", {}):
                out["data"] = {"text/plain": PLACEHOLDER}
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"executing {arg}", flush=True)
        execute(Path(arg))
