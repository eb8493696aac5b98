"""Escalation Week helpers: load the sourced dataset, chart it, explore it, check exercises.

Start every notebook with::

    import helpers
    ds = helpers.setup_notebook()
"""

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
