"""Execute notebooks in place from a clean kernel, so their committed outputs are current.

Usage: python tools/execute_notebooks.py notebooks/01_actor_statements.ipynb [...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 300) -> None:
    """Run every cell of `path` in a fresh kernel (working directory: the notebook's folder) and save."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    # Execution counts and timing metadata are noise in a diff.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"executing {arg}", flush=True)
        execute(Path(arg))
