"""Escalation Week helpers: load the sourced dataset, chart it, explore it, check exercises.

Start every notebook with::

    import helpers
    ds = helpers.setup_notebook()

`import helpers` (or `helpers.data`) loads no chart or widget library: `setup_notebook` imports Altair when it
is first used.
"""

# Before numpy and pandas: in a Jupyter kernel, Altair's import (jsonschema builds a URI grammar when it
# loads) then takes about half as long. Measured in benchmarks/suite.py; the cause lies outside this project.
import jsonschema  # noqa: F401

from .data import DATA_DIR, DataError, Dataset, Problem, load_dataset, load_package, load_table

__all__ = [
    "DATA_DIR",
    "DataError",
    "Dataset",
    "Problem",
    "load_dataset",
    "load_package",
    "load_table",
    "setup_notebook",
]


def __getattr__(name: str):
    if name == "setup_notebook":
        from .notebook import setup_notebook

        return setup_notebook
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
