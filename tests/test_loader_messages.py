"""Every message the loader can give is stated, word for word, by a test or a hostile case.

The texts are read from the source of `helpers/data.py` and `helpers/descriptor.py`: every string literal
outside a docstring (for an f-string, each literal part between its placeholders) that reads as words. Each
must appear in a string of a test module or of a case in `tests/hostile/`. A message that no test states is
a rule that no test checks: dropping it would go unnoticed.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutation_scope import shared_scope

ROOT = Path(__file__).resolve().parent.parent
LOADER = [ROOT / "helpers" / "data.py", ROOT / "helpers" / "descriptor.py"]
TESTS = Path(__file__).resolve().parent
# Under mutmut the source files hold every mutant's text next to the original; this test reads source, so it
# has nothing to say about a mutant and would only flag the mutants' strings.
pytestmark = pytest.mark.skipif("MUTANT_UNDER_TEST" in os.environ, reason="reads the source, which mutmut rewrites")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the nodes that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _literals(tree: ast.AST) -> Iterator[str]:
    """Every string literal, and every literal part of an f-string, outside docstrings."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value
        elif isinstance(node, ast.JoinedStr):
            yield from (v.value for v in node.values if isinstance(v, ast.Constant))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _wording(text: str) -> bool:
    """A literal that reads as words of a message, not a key, a regex or a file name."""
    return text.isprintable() and len(text.strip()) >= 12 and len(text.split()) >= 3


def _stated() -> str:
    said = []
    for path in TESTS.rglob("*.py"):
        if path.resolve() != Path(__file__).resolve():
            said += _literals(ast.parse(path.read_text(encoding="utf-8")))
    for path in (TESTS / "hostile").glob("*.json"):
        said += _strings(json.loads(path.read_text(encoding="utf-8")))
    return "\n".join(said)


MESSAGES = sorted({text for path in LOADER for text in _literals(ast.parse(path.read_text(encoding="utf-8")))
                   if _wording(text)})


def test_messages_are_found() -> None:
    assert len(MESSAGES) >= 60
    assert " does not match the pattern " in MESSAGES


@pytest.fixture(scope=shared_scope("module"))
def stated() -> str:
    return _stated()


@pytest.mark.parametrize("message", MESSAGES)
def test_every_loader_message_is_stated_by_a_test(message: str, stated: str) -> None:
    assert message in stated, f"no test states the loader's message part {message!r}"
