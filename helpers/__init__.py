"""Escalation Week helpers: load the sourced dataset, chart it, explore it, check exercises.

Start every notebook with::

    import helpers
    ds = helpers.setup_notebook()
"""

# Before numpy and pandas: in a Jupyter kernel, Altair's import (jsonschema builds a URI grammar when it
# loads) then takes about half as long. Measured in benchmarks/suite.py; the cause lies outside this project.
import jsonschema  # noqa: F401

from .charts import setup_notebook
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
