"""Shared fixtures: a private copy of the bundled data that a test may break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mutation_scope import ascii_id, shared_scope

import helpers
from helpers.data import DATA_DIR


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    return ascii_id(val) if isinstance(val, str | bytes) else None


@pytest.fixture(scope=shared_scope("session"))
def ds() -> helpers.Dataset:
    return helpers.load_dataset()


@pytest.fixture(autouse=True)
def _hints_from_the_first() -> None:
    # Hints seen are kept per question for the whole kernel (a notebook re-runs the cell that builds its
    # exercise): every test starts from hint 1.
    from helpers.exercises import forget_hints

    forget_hints()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def edit_csv(data_copy: Path) -> Callable[[str, Callable[[str], str]], Path]:
    """Rewrite one CSV of the copy as text: `edit_csv("quotes.csv", lambda text: ...)`."""

    def edit(name: str, change: Callable[[str], str]) -> Path:
        path = data_copy / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")
        return data_copy

    return edit


@pytest.fixture
def required_missing() -> Callable[[helpers.Dataset, list[str]], dict[str, list[str]]]:
    """A check: {table: [required fields with a missing value]} for the named tables of a Dataset."""

    def check(d: helpers.Dataset, tables: list[str]) -> dict[str, list[str]]:
        out = {}
        for res in d.package["resources"]:
            if res["name"] not in tables:
                continue
            frame = d.table(res["name"])
            bad = [f["name"] for f in res["schema"]["fields"]
                   if f.get("constraints", {}).get("required") and frame[f["name"]].isna().any()]
            if bad:
                out[res["name"]] = bad
        return out

    return check
