"""Opening a file of events the way both import paths read it: one reader, one set of checks.

What a file may be:
- CSV or TSV with a header (ACLED's exports, BigQuery's GDELT extracts), UTF-8 (or Latin-1 with
  `encoding="latin-1"`);
- a raw GDELT event file as GDELT distributes it: tab-separated, no header, 61 columns (GDELT 2.0,
  `*.export.CSV`) or 57/58 (GDELT 1.0 daily files; 57 before April 2013, without SOURCEURL). It is recognised
  by its shape — the column count, a numeric event id and a YYYYMMDD date in the first two fields — and its
  columns are named from `helpers/mappings/gdelt_columns.csv`;
- any of these inside a `.zip` holding that one file (GDELT's `*.export.CSV.zip`);
- Parquet.

Anything else (a spreadsheet, another binary file, text that is not UTF-8) raises one `DataError` naming the
file and what to do. DuckDB parses the file, through a fixed-name link in a private folder passed as a bound
parameter, on a connection that may read that link and nothing else and may write no file; columns are
renamed by position to c0, c1, …, so nothing from the file or the caller becomes SQL.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..data import DataError, Problem
from .codebooks import LAYOUTS, OPTIONAL, REQUIRED, gdelt_columns

MAX_PROBLEMS = 20
SNIFF_BYTES = 1 << 16
MAX_LINE_BYTES = 8 << 20  # one row (a note may be long; a 50 MB "row" is not an event)
ENCODINGS = ("utf-8", "latin-1")
_SAFE_PATH = re.compile(r"[A-Za-z0-9_./:\\ -]+")


def _error(file: str, message: str, line: int | None = None, column: str | None = None) -> DataError:
    return DataError([Problem(file, line, column, message)])


@dataclass
class Source:
    """A file opened for reading: its shape, and the DuckDB reader over it (SQL text plus bound parameters)."""

    path: Path
    file: str
    kind: str  # "csv" or "parquet"
    header: list[str]  # the file's column names (for a raw GDELT file, GDELT's names)
    has_header: bool
    delim: str = ","
    encoding: str = "utf-8"
    gdelt_raw: str | None = None  # "2.0" or "1.0" for a raw, header-less GDELT file
    link: str = ""
    reader: str = ""
    params: dict[str, object] = field(default_factory=dict)

    @property
    def header_lines(self) -> int:
        return 1 if self.has_header else 0


# --------------------------------------------------------------------------------------------
# What kind of file


def _sniff(path: Path, file: str, encoding: str) -> tuple[str, bytes]:
    """("zip" | "parquet" | "text", first bytes); a file we cannot read raises a DataError saying what to do."""
    if not path.exists():
        raise _error(str(path), "file not found")
    if not path.is_file():
        raise _error(file, "not a regular file")
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head:
        raise _error(file, "file is empty; expected a header row or GDELT's event rows", 1)
    if head.startswith(b"PK\x03\x04"):
        return "zip", head
    if head.startswith(b"PK\x05\x06"):  # a zip's end record and nothing before it: an archive of no file
        raise _error(file, "an empty zip archive: it holds no file; zip the CSV and load that")
    if head.startswith(b"PAR1"):
        return "parquet", head
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a byte-order mark of UTF-16 (Excel's 'Unicode text')
        raise _error(file, "UTF-16 text (Excel's 'Unicode text'), not UTF-8: save it as 'CSV UTF-8' and load that "
                           "file")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(file, "an Excel 97–2003 workbook (.xls), not CSV: save it as 'CSV UTF-8' and load that file")
    if head.startswith(b"\x1f\x8b"):
        raise _error(file, "a gzip-compressed file: unpack it (or zip it) and load the CSV")
    if b"\x00" in head:
        raise _error(file, "a binary file (it holds NUL bytes), not CSV text: export the events as CSV (UTF-8)")
    if encoding == "utf-8":
        _utf8(head, file, complete=len(head) < SNIFF_BYTES)
    return "text", head


def _utf8(head: bytes, file: str, complete: bool) -> None:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(head) - 3:
            return  # a character cut at the end of the sample
        line = head[: exc.start].count(b"\n") + 1
        byte = head[exc.start:exc.start + 1].hex().upper()
        raise _error(file, f"not UTF-8 text (byte 0x{byte} on this line); save the file as UTF-8 "
                           "('CSV UTF-8' in Excel), or pass encoding='latin-1' if it is Latin-1", line) from None


def _first_line(head: bytes, file: str, encoding: str) -> str:
    end = head.find(b"\n")
    if end < 0 and len(head) >= SNIFF_BYTES:
        raise _error(file, f"the first line is longer than {SNIFF_BYTES // 1024} KB: not a header or an event row", 1)
    line = head[: end if end >= 0 else len(head)].rstrip(b"\r")
    return line.decode(encoding, errors="replace").lstrip("\ufeff")


def _fields(line: str, delim: str) -> list[str]:
    csv.field_size_limit(max(len(line) + 1, 131072))
    return next(csv.reader([line], delimiter=delim), [])


def _raw_gdelt(fields: list[str]) -> str | None:
    """"2.0" or "1.0" when a tab-separated first row has the shape of GDELT's raw event rows."""
    if not (len(fields) >= 2 and fields[0].isdigit() and re.fullmatch(r"\d{8}", fields[1])):
        return None
    return {61: "2.0", 58: "1.0", 57: "1.0"}.get(len(fields))


def _unzip(path: Path, file: str, folder: Path) -> Path:
    """The one data file inside a zip, copied out to `folder` (its own name is never used as a path)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i for i in zf.infolist() if not i.is_dir()]
            if any(i.filename in ("[Content_Types].xml", "mimetype") or i.filename.startswith("xl/") for i in names):
                raise _error(file, "an Excel or OpenDocument workbook, not CSV: save the sheet as 'CSV UTF-8' "
                                   "and load that file")
            if len(names) != 1:
                raise _error(file, f"a zip holding {len(names)} files; it must hold exactly one CSV/TSV "
                                   "(as GDELT's *.export.CSV.zip does)")
            info = names[0]
            if info.filename.lower().endswith((".xlsx", ".xls", ".parquet", ".zip", ".gz")):
                raise _error(file, f"the zip holds {Path(info.filename).name!r}, not a CSV or TSV file")
            free = shutil.disk_usage(folder).free
            if info.file_size > free // 2:
                raise _error(file, f"unzipped it would take {info.file_size / 2**30:.1f} GB, more than half the "
                                   "free disk: unzip it yourself and load the CSV")
            out = folder / "unzipped.csv"
            with zf.open(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            return out
    except zipfile.BadZipFile:
        raise _error(file, "looks like a zip file but cannot be read as one") from None


# --------------------------------------------------------------------------------------------
# Columns


def resolve(source: Source, layout: str, mapping: Mapping[str, str] | None) -> tuple[str, dict[str, str]]:
    """The layout and, for each of its columns present, the file's column (after `mapping`).

    The file's names match ours exactly or, failing that, ignoring case and surrounding spaces ("EVENT_DATE");
    a mapping key is one of our names, its value one of the file's.
    """
    file, header = source.file, source.header
    mapping = dict(mapping or {})
    ours_known = {c for name in LAYOUTS for c in REQUIRED[name] + OPTIONAL[name]}
    foreign = [ours for ours in mapping if ours not in ours_known]
    if foreign:
        raise DataError([Problem(file, None, None, f"mapping key {ours!r} is not a column this loader knows; "
                                 "keys are our column names (e.g. 'SQLDATE', 'event_date'), values are yours")
                         for ours in foreign])
    unknown = [theirs for theirs in mapping.values() if theirs not in header]
    if unknown:
        raise DataError([Problem(file, 1, c, "mapping names a column the file does not have") for c in unknown])
    if layout not in ("auto", *LAYOUTS):
        raise _error(file, f"layout must be 'auto', 'acled' or 'gdelt', not {layout!r}")
    if source.gdelt_raw:
        if layout == "acled":
            raise _error(file, f"a raw GDELT {source.gdelt_raw} event file (no header, "
                               f"{len(header)} tab-separated columns), not ACLED", 1)
        layout = "gdelt"

    def match(layout_: str) -> dict[str, str]:
        found = {}
        folded: dict[str, list[str]] = {}
        for h in header:
            folded.setdefault(h.strip().casefold(), []).append(h)
        taken = set(mapping.values())
        for ours in REQUIRED[layout_] + OPTIONAL[layout_]:
            if ours in mapping:
                found[ours] = mapping[ours]
            elif ours in header and ours not in taken:
                found[ours] = ours
            else:
                same = [h for h in folded.get(ours.casefold(), []) if h not in taken]
                if len(same) > 1:
                    raise _error(file, f"columns {same} all read as {ours!r}; pass mapping={{{ours!r}: …}}", 1)
                if same:
                    found[ours] = same[0]
        return found

    if layout == "auto":
        for name in LAYOUTS:
            if set(REQUIRED[name]) <= set(match(name)):
                layout = name
                break
        else:
            expect = "; ".join(f"{name.upper()}: {', '.join(REQUIRED[name])}" for name in LAYOUTS)
            raise _error(file, "not a known layout: the header needs the columns of " + expect +
                         " (or pass layout= and mapping={our_name: your_column}). Raw GDELT files without a "
                         "header are recognised by their 57, 58 or 61 tab-separated columns", 1)
    columns = match(layout)
    missing = [c for c in REQUIRED[layout] if c not in columns]
    if missing:
        raise DataError([Problem(file, 1, c, f"missing column required by the {layout.upper()} layout; "
                                 "pass mapping={'" + c + "': 'your column'} if it has another name")
                         for c in missing])
    return layout, columns


# --------------------------------------------------------------------------------------------
# DuckDB


@contextmanager
def sandbox(path: Path, config: Mapping[str, object] | None = None, suffix: str = ".csv"
            ) -> Iterator[tuple[object, str]]:
    """A DuckDB connection that may read `path` (through a link it is given) and no other file, and write none."""
    import duckdb  # here, not at the top: 80 ms to import, and loading the bundled data never needs it

    with tempfile.TemporaryDirectory(prefix="escalation-week-") as tmp:
        link = Path(tmp) / f"input{suffix}"
        if not _SAFE_PATH.fullmatch(str(link)):
            raise _error(path.name, f"the temporary folder {tmp!r} has characters DuckDB would read as a pattern; "
                                    "set TMPDIR to a plain folder name")
        try:
            link.symlink_to(path.resolve())
        except OSError:
            os.link(path.resolve(), link)  # where symbolic links are not allowed (Windows without the privilege)
        spill = Path(tmp) / "spill"
        spill.mkdir()
        settings = {"temp_directory": str(spill), **(config or {})}
        con = duckdb.connect(config=settings)
        try:
            con.execute("SET allowed_paths = $paths", {"paths": [str(link)]})
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
            yield con, str(link)
        finally:
            con.close()


def duckdb_reason(exc: BaseException) -> str:
    """DuckDB's reason in one line, without the path of the sandbox's link (a temporary file the reader never
    named) or the SQL it was running: 'Invalid Input Error: Footer length error'."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"\s*(?:in|of)? ?(?:file )?'[^']*escalation-week-[^']*'", "", first).strip()


def quote(identifier: str) -> str:
    """A SQL identifier, double-quoted with embedded quotes doubled: always one name, never code."""
    return '"' + identifier.replace('"', '""') + '"'


@contextmanager
def open_source(path: str | Path, encoding: str = "utf-8", config: Mapping[str, object] | None = None
                ) -> Iterator[tuple[object, Source]]:
    """Sniff `path`, unzip it if it is a zip, and yield a sandboxed connection with the file's reader."""
    path = Path(path)
    file = path.name
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    kind, head = _sniff(path, file, encoding)
    with tempfile.TemporaryDirectory(prefix="escalation-week-zip-") as unpacked:
        data = path
        if kind == "zip":
            data = _unzip(path, file, Path(unpacked))
            kind, head = _sniff(data, file, encoding)
            if kind != "text":
                raise _error(file, "the zip must hold a CSV or TSV file")
        suffix = ".parquet" if kind == "parquet" else ".csv"
        with sandbox(data, config, suffix) as (con, link):
            if kind == "parquet":
                import duckdb  # as in `sandbox`: 80 ms to import, and the bundled data never needs it

                try:
                    header = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet($p)",
                                                        {"p": link}).fetchall()]
                except duckdb.Error as exc:  # a truncated or corrupt file: its footer or schema cannot be read
                    raise _error(file, "looks like a Parquet file but cannot be read as one "
                                       f"({duckdb_reason(exc)})") from None
                source = Source(path, file, "parquet", header, True, link=link)
                picks = ", ".join(f"CAST({quote(h)} AS VARCHAR) AS c{i}" for i, h in enumerate(header))
                source.reader = f"(SELECT {picks} FROM read_parquet($path))"
                source.params = {"path": link}
            else:
                source = _csv_source(path, file, head, encoding, link)
            yield con, source


def _csv_source(path: Path, file: str, head: bytes, encoding: str, link: str) -> Source:
    first = _first_line(head, file, encoding)
    if not first.strip():
        raise _error(file, "the first line is empty; expected a header row or GDELT's event rows", 1)
    delim = "\t" if first.count("\t") > first.count(",") else ","
    fields = _fields(first, delim)
    raw = _raw_gdelt(fields) if delim == "\t" else None
    if raw:
        header = gdelt_columns(raw)
    else:
        header = fields
        if len(set(header)) != len(header):
            dupes = sorted({h for h in header if header.count(h) > 1})
            raise _error(file, f"the header repeats column names {dupes}: each column needs its own name", 1)
    source = Source(path, file, "csv", header, raw is None, delim, encoding, raw, link)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    # Raw GDELT files are not quoted (a '"' is part of a name or URL); CSV exports quote with '"'.
    quoting = "quote = '', escape = ''" if raw else "quote = '\"', escape = '\"'"
    # GDELT 1.0 daily files before April 2013 lack the last column (SOURCEURL): padded with NULL.
    padding = "true" if raw == "1.0" else "false"
    source.reader = (f"read_csv($path, auto_detect = false, header = $header, delim = $delim, {quoting}, "
                     f"columns = {columns}, encoding = $encoding, max_line_size = {MAX_LINE_BYTES}, "
                     f"null_padding = {padding}, strict_mode = true)")
    source.params = {"path": link, "header": raw is None, "delim": delim,
                     "encoding": "latin-1" if encoding == "latin-1" else "utf-8"}
    return source


def structure_problems(con: object, source: Source, rejects: str) -> list[Problem]:
    """Rows DuckDB could not split into the header's columns (read with `store_rejects`), as problems."""
    rows = con.execute(f"SELECT line, error_type, column_idx, csv_line, error_message FROM {rejects} "
                       "ORDER BY line").fetchall()
    if not rows:
        return []
    width = len(source.header)
    sep = "tab" if source.delim == "\t" else "comma"
    what = {
        "TOO MANY COLUMNS": lambda r: f"{r[3].count(source.delim) + 1} fields where the header has {width} "
                                      f"(an unquoted {sep} inside a value?)",
        "MISSING COLUMNS": lambda r: f"{r[3].count(source.delim) + 1} fields where the header has {width}",
        "UNQUOTED VALUE": lambda r: "a quote mark that does not close (or text after a closing quote)",
        "LINE SIZE OVER MAXIMUM": lambda r: f"a row longer than {MAX_LINE_BYTES // 2**20} MB: not an event record",
        "INVALID ENCODING": lambda r: ("not UTF-8 text; save the file as UTF-8 ('CSV UTF-8' in Excel), or pass "
                                       "encoding='latin-1' if it is Latin-1"),
    }
    groups: dict[str, list[tuple]] = {}
    for r in rows:
        groups.setdefault(str(r[1]), []).append(r)
    problems = []
    for kind, items in groups.items():
        describe = what.get(kind, lambda r: f"DuckDB could not read this row ({r[4]})")
        for r in items[:MAX_PROBLEMS]:
            problems.append(Problem(source.file, int(r[0]), None, describe(r)))
        if len(items) > MAX_PROBLEMS:
            problems.append(Problem(source.file, None, None,
                                    f"… and {len(items) - MAX_PROBLEMS:,} more rows with this problem"))
    return problems
