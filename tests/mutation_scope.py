"""The scope of a fixture whose value tests share: the whole session or module, except under mutmut.

mutmut runs, for each planted bug, only the tests that called the function it is in, and it learns which
those are by watching each test run. A shared value is built while the first test that asks for it runs, so
mutmut would tie the code that builds it (the loader, every exercise) to that one test alone, and a bug there
that another test would catch survives. While mutmut watches (`MUTANT_UNDER_TEST` is "stats") each test builds
its own value. While it runs a planted bug the value is shared again: the bug is live from the first test on, so
the shared value carries it, and each test does not pay again for building it (mutmut's time limits count only
the tests' own time).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest


def shared_scope(default: str) -> Callable[[str, pytest.Config], str]:
    def scope(fixture_name: str, config: pytest.Config) -> str:
        return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else default

    return scope
