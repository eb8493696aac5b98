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


# A test id is printable ASCII without a backslash. pytest escapes any other character ("\u2014", "\x80") in the
# ids it reports, and a report's escaped id, given back to pytest to run that test alone (as mutmut does for each
# planted bug), selects nothing: pytest stops with a usage error and mutmut files the bug as a crash.
_PLAIN = {"\u2013": "-", "\u2014": "--", "\u2212": "-", "\u2026": "...", "\u2018": "'", "\u2019": "'",
          "\u201c": '"', "\u201d": '"'}


def ascii_id(value: str | bytes) -> str:
    """`value` as a test id: dashes, quotes and ellipses as ASCII; any other character as U+XXXX."""
    if isinstance(value, bytes):
        return "".join(chr(b) if 32 <= b < 127 and b != 0x5C else f"x{b:02X}" for b in value)
    out = []
    for c in value:
        c = _PLAIN.get(c, c)
        out.append(c if all(32 <= ord(ch) < 127 and ch != "\\" for ch in c) else f"U+{ord(c):04X}")
    return "".join(out)
