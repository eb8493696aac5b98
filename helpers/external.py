"""Bring your own event data — kept under this name for notebooks, the README and the benchmarks.

The importers live in `helpers.importers` (`codebooks`, `read`, `validate`, `rules`, `load`, `aggregate`);
this module re-exports their public names.
"""

from .importers import *  # noqa: F403
from .importers import __all__  # noqa: F401
from .importers.read import quote as _quote  # noqa: F401
from .importers.read import sandbox as _sandbox  # noqa: F401
from .importers.rules import find_weapons as _weapons  # noqa: F401
