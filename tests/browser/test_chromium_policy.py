"""The browser tests never skip by accident: without Chromium they fail, unless explicitly opted out outside CI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from jlab import OPT_OUT, find_chromium, truthy, without_chromium

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", "anything"])
def test_true_values(value: str) -> None:
    assert truthy(value)


@pytest.mark.parametrize("value", [None, "", "0", "false", "FALSE", "no", "off", " "])
def test_false_values(value: str | None) -> None:
    assert not truthy(value)


@pytest.mark.parametrize(("env", "answer"), [
    ({}, "fail"),
    ({"CI": "1"}, "fail"),
    ({"CI": "true"}, "fail"),
    ({OPT_OUT: "1"}, "skip"),
    ({OPT_OUT: "yes", "CI": "false"}, "skip"),
    ({OPT_OUT: "1", "CI": "1"}, "fail"),  # CI always runs them
    ({OPT_OUT: "1", "CI": "yes"}, "fail"),
    ({OPT_OUT: "0"}, "fail"),
])
def test_without_chromium(env: dict[str, str], answer: str) -> None:
    assert without_chromium(env) == answer


def _executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_chromium_is_found_on_path(tmp_path: Path) -> None:
    assert find_chromium(str(tmp_path)) is None
    other = _executable(tmp_path / "chromium-browser")
    assert find_chromium(str(tmp_path)) == other
    debian = _executable(tmp_path / "chromium")
    assert find_chromium(str(tmp_path)) == debian  # Debian's name first


def test_ci_1_without_chromium_fails_rather_than_skips(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != OPT_OUT} | {"CI": "1", "PATH": str(tmp_path)}
    target = "test_notebooks_committed.py::test_saved_charts_draw_without_a_kernel"
    run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", target], cwd=HERE,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout[-2000:]
    assert "no Chromium on PATH" in run.stdout and " skipped" not in run.stdout
