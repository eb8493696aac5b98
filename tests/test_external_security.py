"""No input reaches SQL as code: file names, headers and mappings given to the DuckDB path stay data."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from mutation_scope import shared_scope

from helpers import DataError, external, synthetic

# Each would run a second statement, read another file or write one if it were pasted into SQL.
INJECTIONS = [
    "x\"; COPY (SELECT 1) TO 'CANARY.csv'; --",
    "x'); COPY (SELECT * FROM read_csv('/etc/passwd')) TO 'CANARY.csv'; --",
    'SQLDATE" FROM read_csv(\'/etc/passwd\') --',
    "*",
    "a;b",
]


@pytest.fixture(scope=shared_scope("module"))
def gdelt(tmp_path_factory) -> Path:
    return synthetic.write_gdelt(tmp_path_factory.mktemp("sec") / "gdelt.csv", 60, seed=3)


def _no_canary(*folders: Path) -> None:
    for folder in (Path.cwd(), *folders):
        assert not list(folder.rglob("CANARY*")), f"a file was written in {folder}"


@pytest.mark.parametrize("header", INJECTIONS)
def test_a_header_mapped_to_a_required_column_is_a_name_not_code(gdelt, tmp_path, header) -> None:
    raw = pd.read_csv(gdelt, dtype=str, keep_default_na=False)
    path = tmp_path / "renamed.csv"
    raw.rename(columns={"SQLDATE": header}).to_csv(path, index=False)
    got = external.aggregate_events(path, mapping={"SQLDATE": header})
    want = external.aggregate_events(gdelt)
    pd.testing.assert_frame_equal(got.daily, want.daily)
    assert got.rows == 60
    _no_canary(tmp_path)


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_mapping_to_a_column_the_file_lacks_is_a_data_error(gdelt, tmp_path, value) -> None:
    with pytest.raises(DataError, match="mapping names a column the file does not have"):
        external.aggregate_events(gdelt, mapping={"SQLDATE": value})
    _no_canary(tmp_path)


@pytest.mark.parametrize("key", INJECTIONS)
def test_a_mapping_key_that_is_not_one_of_ours_is_a_data_error(gdelt, tmp_path, key) -> None:
    for load in (external.aggregate_events, external.load_events_csv):
        with pytest.raises(DataError, match="is not a column this loader knows"):
            load(gdelt, mapping={key: "SQLDATE"})
    _no_canary(tmp_path)


@pytest.mark.parametrize("name", ["week*.csv", "week?.csv", "gdelt[1].csv", "it's.csv", "a;COPY.csv",
                                  "x'); COPY (SELECT 1) TO 'CANARY.csv'; --.csv"])
def test_a_file_name_is_a_file_never_a_pattern(gdelt, tmp_path, name) -> None:
    # Neighbours that a glob would also match, each with more rows than the file asked for.
    for other in ("week1.csv", "weekX.csv", "gdelt1.csv", "its.csv"):
        synthetic.write_gdelt(tmp_path / other, 500, seed=4)
    target = tmp_path / name
    shutil.copy(gdelt, target)
    agg = external.aggregate_events(target)
    assert agg.rows == 60
    assert external.load_events_csv(target).events.shape[0] == 60
    _no_canary(tmp_path)


def test_parquet_names_and_headers_stay_data(tmp_path) -> None:
    path = synthetic.write_gdelt(tmp_path / "g*.parquet", 60, seed=3)
    synthetic.write_gdelt(tmp_path / "g1.parquet", 500, seed=4)
    assert external.aggregate_events(path).rows == 60
    frame = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'g1.parquet'}')").df()
    hostile = INJECTIONS[0]
    with duckdb.connect() as con:
        con.register("f", frame.rename(columns={"GoldsteinScale": hostile}))
        con.execute(f"COPY f TO '{tmp_path / 'h.parquet'}' (FORMAT PARQUET)")
    agg = external.aggregate_events(tmp_path / "h.parquet", mapping={"GoldsteinScale": hostile})
    assert agg.rows == 500
    _no_canary(tmp_path)


def test_the_connection_reads_only_its_file_and_writes_none(gdelt, tmp_path) -> None:
    with external._sandbox(gdelt) as (con, link):
        assert con.execute("SELECT count(*) FROM read_csv($p)", {"p": link}).fetchone()[0] == 60
        for sql in (f"COPY (SELECT 1) TO '{tmp_path / 'CANARY.csv'}'", "SELECT * FROM read_csv('/etc/passwd')",
                    f"COPY (SELECT 1) TO '{link}'", f"COPY (SELECT 1) TO '{gdelt}'",
                    "SET enable_external_access = true", f"ATTACH '{tmp_path / 'CANARY.db'}'"):
            with pytest.raises(duckdb.Error):
                con.execute(sql)
    assert len(gdelt.read_text().splitlines()) == 61
    _no_canary(tmp_path)


@pytest.mark.parametrize("name", ["odd'name*.csv", "x'); COPY (SELECT 1) TO 'CANARY.csv'; --.tsv"])
def test_synthetic_writer_writes_exactly_the_named_file(tmp_path, name) -> None:
    path = synthetic.write_gdelt(tmp_path / name, 10, seed=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert len(path.read_text().splitlines()) == 11
    _no_canary(tmp_path)
