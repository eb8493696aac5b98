"""Every message the importers give before reading a row, in its exact words, the same from both import paths.

Each file is made here, a few bytes long, so the reason for its message is plain from the test.
"""

from __future__ import annotations

import shutil
import zipfile
from collections import namedtuple
from pathlib import Path

import pytest

from helpers import DataError, external
from helpers.importers import codebooks
from helpers.importers.read import duckdb_reason

ACLED_HEADER = "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,fatalities\n"
GDELT_ROW = "\t".join(["1", "20241121", *["x"] * 59]) + "\n"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _messages(load, path: Path, **kwargs) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path, **kwargs)
    return [str(p) for p in info.value.problems]


BOTH = (external.load_events_csv, external.aggregate_events)


@pytest.mark.parametrize("load", BOTH, ids=["load", "aggregate"])
def test_files_that_are_not_csv_text(tmp_path: Path, load) -> None:
    cases = {
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
                    "old.xls: an Excel 97–2003 workbook (.xls), not CSV: save it as 'CSV UTF-8' and load that file"),
        "events.csv.gz": (b"\x1f\x8b\x08\x00rest",
                          "events.csv.gz: a gzip-compressed file: unpack it (or zip it) and load the CSV"),
        "nul.csv": (b"a,b\n1,\x002\n",
                    "nul.csv: a binary file (it holds NUL bytes), not CSV text: export the events as CSV (UTF-8)"),
        "blank.csv": (b"\n" + ACLED_HEADER.encode(),
                      "blank.csv, line 1: the first line is empty; expected a header row or GDELT's event rows"),
        "twice.csv": (b"a,b,a\n1,2,3\n",
                      "twice.csv, line 1: the header repeats column names ['a']: each column needs its own name"),
        "bad.zip": (b"PK\x03\x04 this is no zip archive",
                    "bad.zip: looks like a zip file but cannot be read as one"),
        # A zip's end record alone (an archive of nothing), and UTF-16 with its byte-order mark: each said as such,
        # not as 'a binary file (it holds NUL bytes)'.
        "empty.zip": (b"PK\x05\x06" + bytes(18),
                      "empty.zip: an empty zip archive: it holds no file; zip the CSV and load that"),
        "unicode.csv": ("event_date,actor1\n".encode("utf-16"),
                        "unicode.csv: UTF-16 text (Excel's 'Unicode text'), not UTF-8: save it as 'CSV UTF-8' and "
                        "load that file"),
        # Parquet's magic at both ends and nothing readable between: a clear error, not DuckDB's traceback with the
        # path of a temporary copy the reader never named.
        "broken.parquet": (b"PAR1garbagegarbagePAR1",
                           "broken.parquet: looks like a Parquet file but cannot be read as one (Invalid Input "
                           "Error: Footer length error)"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert _messages(load, path) == [message], name


@pytest.mark.parametrize("load", BOTH, ids=["load", "aggregate"])
def test_zips_that_do_not_hold_one_csv(tmp_path: Path, load) -> None:
    ods = _zip(tmp_path / "sheet.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    assert _messages(load, ods) == ["sheet.ods: an Excel or OpenDocument workbook, not CSV: save the sheet as "
                                    "'CSV UTF-8' and load that file"]
    for inner in ("events.parquet", "events.XLSX", "nested.zip", "e.csv.gz", "old.xls"):
        path = _zip(tmp_path / "one.zip", {f"folder/{inner}": b"a,b\n"})
        assert _messages(load, path) == [f"one.zip: the zip holds {inner!r}, not a CSV or TSV file"], inner
    parquet = _zip(tmp_path / "p.zip", {"data.csv": b"PAR1 not really"})
    assert _messages(load, parquet) == ["p.zip: the zip must hold a CSV or TSV file"]


def test_a_zip_too_big_for_the_disk_is_not_unpacked(tmp_path: Path, monkeypatch) -> None:
    path = _zip(tmp_path / "big.zip", {"big.csv": b"a" * 3000})
    usage = namedtuple("usage", "total used free")
    # 3,000 bytes unpacked against 5,000 free: more than half the free disk.
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(10_000, 5_000, 5_000))
    for load in BOTH:
        assert _messages(load, path) == ["big.zip: unzipped it would take 0.0 GB, more than half the free disk: "
                                         "unzip it yourself and load the CSV"]


@pytest.mark.parametrize("load", BOTH, ids=["load", "aggregate"])
def test_columns_that_name_no_layout(tmp_path: Path, load) -> None:
    path = tmp_path / "other.csv"
    path.write_text("date,what\n2024-11-21,x\n", encoding="utf-8")
    assert _messages(load, path) == [
        "other.csv, line 1: not a known layout: the header needs the columns of ACLED: event_date, event_type, "
        "sub_event_type, actor1; GDELT: SQLDATE, EventCode, GoldsteinScale (or pass layout= and "
        "mapping={our_name: your_column}). Raw GDELT files without a header are recognised by their 57, 58 or 61 "
        "tab-separated columns"]
    assert _messages(load, path, layout="cameo") == ["other.csv: layout must be 'auto', 'acled' or 'gdelt', "
                                                     "not 'cameo'"]
    twice = tmp_path / "case.csv"
    twice.write_text("EVENT_DATE,event_date \n1,2\n", encoding="utf-8")
    assert _messages(load, twice) == ["case.csv, line 1: columns ['EVENT_DATE', 'event_date '] all read as "
                                      "'event_date'; pass mapping={'event_date': …}"]


@pytest.mark.parametrize("load", BOTH, ids=["load", "aggregate"])
def test_a_raw_gdelt_file_read_as_acled(tmp_path: Path, load) -> None:
    assert len(GDELT_ROW.split("\t")) == len(codebooks.gdelt_columns("2.0")) == 61
    path = tmp_path / "20241121.export.CSV"
    path.write_text(GDELT_ROW, encoding="utf-8")
    assert _messages(load, path, layout="acled") == [
        "20241121.export.CSV, line 1: a raw GDELT 2.0 event file (no header, 61 tab-separated columns), not ACLED"]


def test_a_missing_file_is_named_with_its_path(tmp_path: Path) -> None:
    for load in BOTH:
        assert _messages(load, tmp_path / "nowhere.csv") == [f"{tmp_path / 'nowhere.csv'}: file not found"]


def test_duckdbs_reason_is_one_line_without_the_sandbox_path() -> None:
    raw = ("Invalid Input Error: Footer length error in file '/tmp/escalation-week-ab12/input.parquet'\n\n"
           "LINE 1: DESCRIBE SELECT * FROM read_parquet($p)")
    assert duckdb_reason(RuntimeError(raw)) == "Invalid Input Error: Footer length error"
    assert duckdb_reason(RuntimeError("")) == "RuntimeError"
    assert duckdb_reason(RuntimeError("Conversion Error: x")) == "Conversion Error: x"
