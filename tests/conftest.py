"""Shared fixtures: a private copy of the bundled data that a test may break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import helpers
from helpers.data import DATA_DIR


@pytest.fixture(scope="session")
def ds() -> helpers.Dataset:
    return helpers.load_dataset()


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
