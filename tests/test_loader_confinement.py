"""A descriptor can name any path: only regular files inside the package folder are read, nothing else echoed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import helpers
from helpers import DataError

SECRET = "root:x:0:0:SECRET-FIRST-LINE"


def _point(data_copy: Path, resource: str, path: str) -> Path:
    desc = data_copy / "datapackage.json"
    package = json.loads(desc.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == resource:
            res["path"] = path
    desc.write_text(json.dumps(package), encoding="utf-8")
    return data_copy


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_dir)
    text = str(info.value)
    assert "SECRET" not in text, "content of a file outside the package was echoed"
    return [str(p) for p in info.value.problems]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid copy of actors.csv and a secret file, both outside the package folder."""
    out = tmp_path / "outside"
    out.mkdir()
    shutil.copy(helpers.DATA_DIR / "actors.csv", out / "actors.csv")
    (out / "secret.csv").write_text(SECRET + "\nmore\n", encoding="utf-8")
    return out


def test_an_absolute_path_is_refused_even_to_a_valid_table(data_copy, outside) -> None:
    found = _problems(_point(data_copy, "actors", str(outside / "actors.csv")))
    assert found == [f"datapackage.json: resource 'actors': path '{outside / 'actors.csv'}' must be a file inside "
                     "the package folder (no absolute path, no '..')"]


def test_a_path_that_climbs_out_is_refused(data_copy, outside) -> None:
    found = _problems(_point(data_copy, "actors", "../outside/secret.csv"))
    assert found == ["datapackage.json: resource 'actors': path '../outside/secret.csv' must be a file inside "
                     "the package folder (no absolute path, no '..')"]


def test_a_symlink_out_of_the_package_is_refused(data_copy, outside) -> None:
    os.symlink(outside / "secret.csv", data_copy / "linked.csv")
    found = _problems(_point(data_copy, "actors", "linked.csv"))
    assert found == ["linked.csv: is a link or lies outside the package folder; only files inside it are read"]


def test_a_folder_or_a_device_is_not_a_table(data_copy) -> None:
    (data_copy / "folder.csv").mkdir()
    assert _problems(_point(data_copy, "actors", "folder.csv")) == [
        "folder.csv: is not a regular file (a folder or a device)"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_reached_through_a_link_is_refused(data_copy) -> None:
    os.symlink("/dev/zero", data_copy / "zero.csv")
    assert _problems(_point(data_copy, "actors", "zero.csv")) == [
        "zero.csv: is a link or lies outside the package folder; only files inside it are read"]


def test_a_huge_table_is_refused_before_it_is_read(data_copy) -> None:
    with open(data_copy / "actors.csv", "r+b") as fh:
        fh.truncate(helpers.data.MAX_TABLE_BYTES + 1)  # sparse: costs no disk
    assert _problems(data_copy) == [
        f"actors.csv: is {helpers.data.MAX_TABLE_BYTES + 1:,} bytes; tables larger than "
        f"{helpers.data.MAX_TABLE_BYTES:,} bytes are not read"]


def test_a_missing_table_is_named(data_copy) -> None:
    (data_copy / "actors.csv").unlink()
    assert "actors.csv: file is missing" in _problems(data_copy)


def test_a_deeply_nested_descriptor_is_a_data_error(data_copy) -> None:
    (data_copy / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert _problems(data_copy) == ["datapackage.json: nested too deeply to be a package descriptor"]


@pytest.mark.parametrize("path", ["sub\\actors.csv", "~/actors.csv", "~actors.csv"])
def test_a_windows_or_home_path_is_refused(data_copy, path: str) -> None:
    assert _problems(_point(data_copy, "actors", path)) == [
        f"datapackage.json: resource 'actors': path {path!r} must be a file inside the package folder (no absolute "
        "path, no '..')"]


def test_a_link_inside_the_package_is_refused_too(data_copy) -> None:
    os.symlink("actors.csv", data_copy / "alias.csv")
    assert _problems(_point(data_copy, "actors", "alias.csv")) == [
        "alias.csv: is a link or lies outside the package folder; only files inside it are read"]


def test_a_table_of_exactly_the_limit_is_read(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (data_copy / "actors.csv").stat().st_size
    monkeypatch.setattr(helpers.data, "MAX_TABLE_BYTES", size)
    helpers.load_table("actors", data_copy)
    monkeypatch.setattr(helpers.data, "MAX_TABLE_BYTES", size - 1)
    with pytest.raises(DataError) as info:
        helpers.load_table("actors", data_copy)
    assert [str(p) for p in info.value.problems] == [
        f"actors.csv: is {size:,} bytes; tables larger than {size - 1:,} bytes are not read"]
