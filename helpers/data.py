"""Load and validate the Escalation Week data package.

`data/datapackage.json` (a Frictionless Data Package) is the one description of the data: the
fields, their types, required values, enums, patterns, ranges, unique ids and foreign keys all come
from it. This module reads the CSVs with Python's `csv` module, checks every cell against that
descriptor, and only then builds typed pandas frames. Problems are collected, not raised one by one:
a `DataError` lists every problem found, each naming file, line (as an editor shows it) and column.

Nothing is dropped, trimmed, coerced or reordered: a value that does not fit is an error. In particular
a number has one plain spelling (ASCII digits, an optional leading minus and decimal point: no `1_000`,
no `+1`, no spaces around it, no other scripts' digits), and no cell may hold a control character
(NUL, tab, escape, any of C0 and C1) or a bidirectional formatting character (U+202A–U+202E,
U+2066–U+2069): they are invisible, and they can make a quote read differently from what it holds.

Bounds keep every answer quick, whatever the input: a descriptor of at most 1 MB, checked against a
strict schema first (`helpers.descriptor`); tables of at most 20 MB and 50,000 rows; cells of at most
5,000 characters; patterns compiled with bounds and matched within a time budget; and at most 20
problems listed per kind of problem and column, then how many more.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pandas as pd

from .descriptor import compile_pattern, descriptor_problems

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGE_FILE = "datapackage.json"

__all__ = [
    "DATA_DIR",
    "PHASES",
    "DataError",
    "Dataset",
    "Problem",
    "load_boundaries",
    "load_dataset",
    "load_package",
    "load_table",
    "outlet_for_host",
    "phase_of",
    "tabular_resources",
    "url_host",
]

# The periods a dated row falls in, defined once by `temporal` in datapackage.json:
# background < focus_start <= the week <= focus_end < the aftermath <= aftermath_end < later.
PHASES = ("background", "week", "aftermath", "later")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as it can be."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """Raised when the data does not match `datapackage.json`; lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data:\n{lines}")


@dataclass(frozen=True)
class Dataset:
    """The loaded package: one typed DataFrame per table, plus the obvious joins.

    `quotes` and `events` carry the joined columns (speaker name and side, actor and weapon
    names, Goldstein quad class); `statements` is `quotes` without the extra renderings
    (`variant_of` set), so counts do not double a statement that outlets worded differently.
    `contested` holds the versions of disputed facts, with the stating actor's side joined.
    Dated tables carry `phase` (background, week, aftermath), derived from `temporal` by `phase_of`.
    `outlets` lists the publishers of the sources; `source_outlets()` resolves each source to them.
    `quotes["check"]` is the outcome of the quote's check in `quote_checks` (empty when unchecked).
    `places` holds every place an event's location names and `event_places` links events to them (with the
    place's role: target, launch, venue, subject); `boundaries` is the TopoJSON of the borders the map draws.
    """

    sources: pd.DataFrame
    actors: pd.DataFrame
    weapon_systems: pd.DataFrame
    milestones: pd.DataFrame
    cameo_goldstein: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    quote_checks: pd.DataFrame
    claims: pd.DataFrame
    contested: pd.DataFrame
    package: dict[str, Any] = field(repr=False)
    outlets: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    places: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    event_places: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    boundaries: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def statements(self) -> pd.DataFrame:
        """Quotes with one row per statement (first rendering only)."""
        return first_renderings(self.quotes)

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """"The week": first and last day of the focus period declared in the package (`temporal.focus_start`,
        `temporal.focus_end`). Every notebook, chart, exercise and document takes the week from here."""
        return focus_week(self.package)

    @property
    def aftermath(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """"The aftermath": the day after the week to `temporal.aftermath_end`; None when the package has none."""
        end = self.package["temporal"].get("aftermath_end")
        if not end:
            return None
        return self.period[1] + pd.Timedelta(days=1), pd.Timestamp(end)

    def in_focus(self, frame: pd.DataFrame, aftermath: bool = False) -> pd.DataFrame:
        """The rows of `frame` (with a `date` column) inside the week; with `aftermath=True`, its aftermath too."""
        start, end = self.period
        if aftermath and self.aftermath is not None:
            end = self.aftermath[1]
        return frame[frame["date"].between(start, end)]

    def phase(self, dates: pd.Series) -> pd.Series:
        """Each date's place in the story: 'background' (before the week), 'week', 'aftermath' or 'later'."""
        return phase_of(dates, self.package["temporal"])

    def span_text(self, which: str = "week") -> str:
        """The week (or `which="aftermath"`) in words, e.g. '17–23 November 2024', for prose and subtitles."""
        if which not in ("week", "aftermath"):
            raise ValueError(f"which is 'week' or 'aftermath', not {which!r}")
        span = self.period if which == "week" else self.aftermath
        if span is None:
            raise ValueError(f"the package declares no {which}")
        a, b = span
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {b:%B %Y}"
        if a.year == b.year:
            return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
        return f"{a.day} {a:%B %Y} – {b.day} {b:%B %Y}"

    def renderings(self, statement_id: str) -> pd.DataFrame:
        """Every English rendering of one statement, side by side: speaker, date, outlet, text."""
        if statement_id not in set(self.quotes["statement_id"]):
            raise KeyError(f"no statement {statement_id!r} in quotes.csv")
        rows = self.quotes[self.quotes["statement_id"] == statement_id]
        return rows[["speaker", "date", "outlet", "text"]].reset_index(drop=True)

    def table(self, name: str) -> pd.DataFrame:
        """A table by its resource name."""
        return getattr(self, name)

    def source_outlets(self) -> pd.DataFrame:
        """Per source id: its outlet (the one whose domains hold the url's host) and its origin.

        The origin is the outlet whose copy the page carries (`mirror_of`), else the outlet itself;
        `kind`, `control` and `country` are given for both (`origin_kind`, ...).
        """
        outlets = self.outlets.set_index("id")
        owner = {d: oid for oid, domains in outlets["domains"].items() for d in str(domains).split()}
        own = self.sources["url"].map(lambda url: outlet_for_host(url_host(str(url)), owner))
        origin = self.sources["mirror_of"].fillna(own)
        out = pd.DataFrame({"outlet_id": own.to_numpy(), "origin_id": origin.to_numpy()},
                           index=pd.Index(self.sources["id"], name="id"))
        for col in ("kind", "control", "country"):
            out[col] = out["outlet_id"].map(outlets[col].astype(object))
            out[f"origin_{col}"] = out["origin_id"].map(outlets[col].astype(object))
        return out


def url_host(url: str) -> str:
    """The host of a web address, lower-cased and without a trailing dot ('' when it has none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".")


_V = TypeVar("_V")


def outlet_for_host(host: str, domains: Mapping[str, _V]) -> _V | None:
    """What `domains` holds for the host or its nearest parent domain ('news.yahoo.com' for 'ca.news.yahoo.com')."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found is not None:
            return found
    return None


def phase_of(dates: pd.Series, temporal: Mapping[str, str]) -> pd.Series:
    """Background, week, aftermath or later for each date, from the package's `temporal` dates.

    The week is `focus_start` … `focus_end`; the aftermath runs to `aftermath_end` (none when the package,
    like synthetic or imported data, declares no aftermath); anything after it is 'later'.
    """
    start, end = pd.Timestamp(temporal["focus_start"]), pd.Timestamp(temporal["focus_end"])
    last = pd.Timestamp(temporal.get("aftermath_end", temporal["focus_end"]))
    codes = (dates >= start).astype(int) + (dates > end).astype(int) + (dates > last).astype(int)
    return pd.Series(pd.Categorical.from_codes(codes.to_numpy(), categories=list(PHASES)), index=dates.index)


def first_renderings(quotes: pd.DataFrame) -> pd.DataFrame:
    """The rows of `quotes` that are a statement's first rendering (`variant_of` empty)."""
    return quotes[quotes["variant_of"].isna()]


def focus_week(package: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """`temporal.focus_start` and `focus_end` of a descriptor; DataError unless both are real dates."""
    t = package.get("temporal", {})
    days = [_iso_date(t.get(key)) for key in ("focus_start", "focus_end")]
    if None in days:
        raise DataError([Problem(PACKAGE_FILE, None, None, "temporal.focus_start and temporal.focus_end must be "
                                 f"dates in the form YYYY-MM-DD, not {_show(t.get('focus_start'))} and "
                                 f"{_show(t.get('focus_end'))}")])
    return pd.Timestamp(days[0]), pd.Timestamp(days[1])


# --------------------------------------------------------------------------------------------
# Descriptor


# Far above the bundled descriptor (about 40 KB), far below what would take long to check.
MAX_DESCRIPTOR_BYTES = 1_000_000


def load_package(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Read `datapackage.json` from `data_dir` (the bundled `data/` when None), checked before it is used.

    Raises `DataError` when it is missing, not strict JSON, or not a descriptor this loader can follow
    (see `helpers.descriptor`): the problems name the place in the descriptor.
    """
    text = _descriptor_text(Path(data_dir or DATA_DIR) / PACKAGE_FILE)
    problems = _checked(text)
    if problems:
        raise DataError([Problem(PACKAGE_FILE, None, None, message) for message in problems])
    return _parse_descriptor(text)  # a fresh dict each time: callers may change theirs


@lru_cache(maxsize=8)
def _checked(text: str) -> tuple[str, ...]:
    """The problems of a descriptor's text; remembered, since the schema check is the slow part of a load."""
    return tuple(descriptor_problems(_parse_descriptor(text)))


def _descriptor_text(path: Path) -> str:
    if not path.is_file():
        raise DataError([Problem(str(path), None, None, "the package descriptor is missing")])
    if path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"is {path.stat().st_size:,} bytes; a package "
                                 f"descriptor has at most {MAX_DESCRIPTOR_BYTES:,}")])
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(PACKAGE_FILE, None, None, "not UTF-8 text")]) from None
    except OSError as exc:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"cannot be read ({exc.strerror})")]) from None


class _NotStrictJSON(ValueError):
    """JSON that Python's parser accepts but the standard does not, or that would be read ambiguously."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _NotStrictJSON(f"the key {_show(key)} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _NotStrictJSON(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _NotStrictJSON(f"the number {_show(text)} is too large")
    return number


def _parse_descriptor(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(PACKAGE_FILE, exc.lineno, None, f"not valid JSON: {exc.msg}")]) from None
    except _NotStrictJSON as exc:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"not strict JSON: {exc}")]) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise DataError([Problem(PACKAGE_FILE, None, None, "not strict JSON: a number in it is too long")]) from None
    except RecursionError:
        raise DataError([Problem(PACKAGE_FILE, None, None, "nested too deeply to be a package descriptor")]) from None


def tabular_resources(package: dict[str, Any]) -> list[dict[str, Any]]:
    """The package's tables (CSV resources with a schema); the boundaries file is not one of them."""
    return [r for r in package["resources"] if r.get("format") != "topojson"]


def _resource(package: dict[str, Any], name: str) -> dict[str, Any]:
    for res in package["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"no table named {name!r} in {PACKAGE_FILE}; known tables: {known}")


@cache
def _bundled_package() -> dict[str, Any]:
    return load_package(DATA_DIR)


def _contract() -> dict[str, dict[str, tuple[str, bool]]]:
    """What `load_dataset` builds on: the bundled tables, each field's type and whether it has an enum."""
    return {res["name"]: {f["name"]: (f.get("type", "string"), "enum" in f.get("constraints", {}))
                          for f in res["schema"]["fields"]}
            for res in tabular_resources(_bundled_package())}


def _contract_problems(package: dict[str, Any]) -> list[Problem]:
    """The tables and fields the joins and rules read, missing or of another type in `package`."""
    needed = _contract()
    have = {res["name"]: res for res in tabular_resources(package)}
    out = []
    for name in have.keys() - needed.keys():
        out.append(f"table {name!r} is not one this loader knows (it reads: {', '.join(needed)})")
    for name, fields in needed.items():
        if name not in have:
            out.append(f"the package has no table {name!r}; it needs: {', '.join(needed)}")
            continue
        declared = {f["name"]: f for f in have[name]["schema"]["fields"]}
        for fname, (kind, categorical) in fields.items():
            fld = declared.get(fname)
            if fld is None:
                out.append(f"table {name!r} has no field {fname!r}; the loader reads it")
            elif fld.get("type", "string") != kind:
                out.append(f"table {name!r}, field {fname!r} must be of type {kind}, not {fld.get('type', 'string')}")
            elif categorical and "enum" not in fld.get("constraints", {}):
                out.append(f"table {name!r}, field {fname!r} needs its list of allowed values (enum)")
    return [Problem(PACKAGE_FILE, None, None, message) for message in sorted(out)]


def _iso_date(text: Any) -> dt.date | None:
    """A date written YYYY-MM-DD in ASCII digits, or None."""
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _show(value: Any, limit: int = 60) -> str:
    """`repr` of a value quoted in a message, cut to `limit` characters so a huge cell stays readable."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…' ({len(value):,} characters)" if isinstance(value, str) else text[:limit] + "…"


# --------------------------------------------------------------------------------------------
# Problems, collected with a bound

MAX_PER_PROBLEM = 20  # rows listed for one kind of problem in one column; then how many more
MAX_PROBLEMS = 1_000  # listed in all, whatever the kinds


class _Problems:
    """Problems found so far: the first `MAX_PER_PROBLEM` of each kind (per file and column), then a count.

    `kind` names the problem without the value ("required value is missing"), so ten thousand rows
    with the same fault give twenty lines and "… and 9,980 more", not ten thousand lines.
    """

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.seen: Counter[tuple[str, str | None, str]] = Counter()

    def append(self, problem: Problem, kind: str | None = None) -> None:
        key = (problem.file, problem.column, kind or problem.message)
        self.seen[key] += 1
        if self.seen[key] <= MAX_PER_PROBLEM and len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)

    def __bool__(self) -> bool:
        return bool(self.kept)

    def sorted(self) -> list[Problem]:
        """Every kept problem by file, line and column; after each file's rows, the counts of those left out."""
        rows = [(p.file, p.line or 0, p.column or "", p) for p in self.kept]
        for (file, column, kind), n in self.seen.items():
            if n > MAX_PER_PROBLEM:
                more = f"… and {n - MAX_PER_PROBLEM:,} more rows with this problem: {kind}"
                rows.append((file, math.inf, column or "", Problem(file, None, column, more)))
        ordered = [r[-1] for r in sorted(rows, key=lambda r: r[:3])]
        unlisted = sum(min(n, MAX_PER_PROBLEM) for n in self.seen.values()) - len(self.kept)
        if unlisted:
            ordered.append(Problem("(all files)", None, None, f"… and {unlisted:,} more problems; at most "
                                   f"{MAX_PROBLEMS:,} are listed"))
        return ordered


# --------------------------------------------------------------------------------------------
# Reading one CSV into checked string cells


@dataclass
class _Table:
    file: str
    rows: list[list[str]]  # raw strings, one list per data row
    lines: list[int]  # editor line on which each row starts
    values: dict[str, list[Any]] = field(default_factory=dict)  # typed values per column


# Far above the bundled tables (the largest is under 100 KB and 400 rows), far below what would exhaust
# memory or take long to check.
MAX_TABLE_BYTES = 20_000_000
MAX_ROWS = 50_000
MAX_CELL_CHARS = 5_000


def _confined(data_dir: Path, resource: dict[str, Any], problems: _Problems) -> Path | None:
    """The resource's file if it is a regular file inside `data_dir`; else a problem, and None.

    A descriptor can name any path; only files inside the package's own folder are read, so nothing
    outside it (`/etc/passwd`, `../secret.csv`, a symlink out, `/dev/zero`) is opened or echoed back.
    """
    rel, name = resource["path"], resource["name"]  # the descriptor check made both non-empty strings
    parts = Path(rel).parts
    if Path(rel).is_absolute() or "\\" in rel or ".." in parts or rel.startswith("~"):
        problems.append(Problem(PACKAGE_FILE, None, None, f"resource {name!r}: path {rel!r} must be a file inside "
                                "the package folder (no absolute path, no '..')"))
        return None
    root = data_dir.resolve()
    path = data_dir / rel
    try:
        real = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):  # RuntimeError: a symlink loop
        problems.append(Problem(rel, None, None, "file is missing"))
        return None
    if path.is_symlink() or root not in real.parents:
        problems.append(Problem(rel, None, None, "is a link or lies outside the package folder; only files inside "
                                "it are read"))
        return None
    if not real.is_file():
        problems.append(Problem(rel, None, None, "is not a regular file (a folder or a device)"))
        return None
    if real.stat().st_size > MAX_TABLE_BYTES:
        problems.append(Problem(rel, None, None, f"is {real.stat().st_size:,} bytes; tables larger than "
                                f"{MAX_TABLE_BYTES:,} bytes are not read"))
        return None
    return real


def _listed(items: list[str], limit: int = 10) -> str:
    """Names for a message: the first `limit`, then how many more."""
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit:,} more" if len(items) > limit else "")


def _read_csv(path: Path, resource: dict[str, Any], problems: _Problems) -> _Table | None:
    file = path.name
    names = [f["name"] for f in resource["schema"]["fields"]]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(file, None, None, f"cannot be read ({exc.strerror})"))
        return None
    # surrogateescape keeps undecodable bytes visible so each can be located by line and column.
    text = raw.decode(errors="surrogateescape")  # UTF-8
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark is valid; it is not part of the first name
        text = text[1:]
    if not text.strip():
        problems.append(Problem(file, 1, None, f"file is empty; expected a header row: {','.join(names)}"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    # The csv module's field limit is one setting for the whole process (other libraries change it); while
    # reading, it is the table's own limit, so a long cell is reported the same way whoever ran before.
    limit = csv.field_size_limit(MAX_TABLE_BYTES)
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
            if len(records) > MAX_ROWS + 1:  # the header, then more rows than a table may hold
                problems.append(Problem(file, start - 1, None, f"has more than {MAX_ROWS:,} data rows; larger "
                                        "tables are not read"))
                return None
    except csv.Error as exc:
        problems.append(
            Problem(file, start, None, f"malformed CSV ({exc}); look for an unbalanced double quote in this row")
        )
        return None
    finally:
        csv.field_size_limit(limit)

    head_line, header = records[0]
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [_show(h) for h in header if h not in names]
        detail = []
        if missing:
            detail.append(f"missing {_listed(missing)}")
        if extra:
            detail.append(f"unexpected {_listed(extra)}")
        if not detail:
            detail.append("columns are out of order")
        problems.append(
            Problem(file, head_line, None, f"header does not match the schema ({'; '.join(detail)}); "
                    f"expected: {','.join(names)}")
        )
        return None
    table = _Table(file, [], [])
    for line, row in records[1:]:
        if not row:
            problems.append(Problem(file, line, None, "blank line; remove it"))
            continue
        if len(row) != len(header):
            more = "too many" if len(row) > len(header) else "too few"
            problems.append(
                Problem(file, line, None, f"{more} fields: {len(row)} instead of {len(header)} "
                        "(an unquoted comma, or a missing one?)"), kind=f"{more} fields")
            continue
        table.rows.append(row)
        table.lines.append(line)
    if not records[1:]:
        problems.append(Problem(file, head_line, None, "file has a header but no data rows"))
    return table


# --------------------------------------------------------------------------------------------
# Checking cells against the Table Schema

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
# Characters a cell may not hold: undecodable bytes (kept as lone surrogates), line breaks, every other
# control character (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates.
INVISIBLE = "control and bidirectional formatting characters"
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
# A pattern may spend this long on one value, and all patterns together this long in one load.
PATTERN_TIMEOUT_S = 0.2
PATTERN_BUDGET_S = 2.0


def _parse(value: str, fld: dict[str, Any]) -> Any:
    """Parse a non-empty cell of a date, number or integer field; ValueError with a reader-friendly reason."""
    kind = fld["type"]
    if kind == "date":
        if not _DATE.fullmatch(value):
            raise ValueError(f"{_show(value)} is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{_show(value)} is not a real calendar date") from None
    if kind == "number":
        if not _NUMBER.fullmatch(value):
            raise ValueError(f"{_show(value)} is not a number written plainly: digits 0-9, with an optional "
                             "leading minus and decimal point (as in -4.5)")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{_show(value)} is not a finite number")
        return number
    # An integer: the descriptor check allows no other type.
    if not _INTEGER.fullmatch(value):
        raise ValueError(f"{_show(value)} is not a whole number written plainly: digits 0-9, with an optional "
                         "leading minus (as in -4)")
    try:
        return int(value)
    except ValueError:  # more digits than Python converts
        raise ValueError(f"{_show(value)} has too many digits to be a whole number") from None


def _bad_character(value: str, found: re.Match[str]) -> tuple[str, str]:
    """(kind, message) for a cell holding a character it may not hold; `found` is the first such."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        message = "contains bytes that are not valid UTF-8; save the file as UTF-8"
        return message, message
    if "\n" in value or "\r" in value:
        message = "value spans several lines; a double quote is probably unbalanced here"
        return message, message
    ch = found.group()
    name = unicodedata.name(ch, "a control character")
    return INVISIBLE, (f"contains U+{ord(ch):04X} ({name}) at character {found.start() + 1}; {INVISIBLE} are not "
                       "allowed")


class _PatternClock:
    """Time spent matching patterns in one load, so no pattern, however it backtracks, runs for long."""

    def __init__(self) -> None:
        self.left = PATTERN_BUDGET_S

    def fullmatch(self, pattern: Any, value: str) -> bool:
        start = time.perf_counter()
        try:
            return pattern.fullmatch(value, timeout=min(PATTERN_TIMEOUT_S, max(self.left, 0.001))) is not None
        finally:
            self.left -= time.perf_counter() - start


def _limits(fld: dict[str, Any]) -> list[tuple[str, Any]]:
    """The field's minimum and maximum as typed values (the descriptor check made them valid)."""
    cons = fld.get("constraints", {})
    parse = dt.date.fromisoformat if fld.get("type") == "date" else (lambda x: x)
    return [(bound, parse(cons[bound])) for bound in ("minimum", "maximum") if bound in cons]


def _check_cells(table: _Table, resource: dict[str, Any], problems: _Problems,
                 clock: _PatternClock | None = None) -> None:
    clock = clock or _PatternClock()
    for col, fld in enumerate(resource["schema"]["fields"]):
        table.values[fld["name"]] = _check_column(table, col, fld, problems, clock)


def _check_column(table: _Table, col: int, fld: dict[str, Any], problems: _Problems,
                  clock: _PatternClock) -> list[Any]:
    """The typed values of one column (None where empty or wrong); a problem for every cell that does not fit."""
    name = fld["name"]
    cons = fld.get("constraints", {})
    typed_field = fld.get("type", "string") != "string"
    enum = set(cons["enum"]) if "enum" in cons else None
    pattern = compile_pattern(cons["pattern"]) if "pattern" in cons else None
    limits = _limits(fld)
    before, after = ("before", "after") if fld.get("type") == "date" else ("below", "above")
    first_seen: dict[Any, int] | None = {} if cons.get("unique") else None
    parsed: list[Any] = []

    def bad(line: int, kind: str, message: str) -> None:
        problems.append(Problem(table.file, line, name, message), kind=kind)

    for i, line in enumerate(table.lines):
        value = table.rows[i][col]
        parsed.append(None)
        found = _SUSPECT.search(value)
        if found:
            bad(line, *_bad_character(value, found))
            continue
        if len(value) > MAX_CELL_CHARS:
            bad(line, "too long", f"value is {len(value):,} characters long; a cell holds at most {MAX_CELL_CHARS:,}")
            continue
        if value == "":
            if cons.get("required"):
                bad(line, "required value is missing", "required value is missing")
            continue
        typed: Any = value
        if typed_field:
            try:
                typed = _parse(value, fld)
            except ValueError as exc:
                bad(line, f"not a {fld['type']}", str(exc))
                continue
        if enum is not None and typed not in enum:
            bad(line, "not one of the allowed values",
                f"{_show(value)} is not one of: {', '.join(str(e) for e in cons['enum'])}")
        if pattern is not None:
            try:
                if not clock.fullmatch(pattern, value):
                    bad(line, "does not match the pattern",
                        f"{_show(value)} does not match the pattern {cons['pattern']}")
            except TimeoutError:  # reported once: the rest of the column is not matched
                slow = (f"matching the pattern {cons['pattern']} took too long (more than {PATTERN_TIMEOUT_S:g} s on "
                        f"one value, or {PATTERN_BUDGET_S:g} s for every pattern in all); the rest of this column is "
                        "not matched; simplify the pattern")
                bad(line, slow, slow)
                pattern = None
        for bound, limit in limits:
            if bound == "minimum" and typed < limit:
                bad(line, "below the minimum", f"{_show(value)} is {before} the minimum {cons[bound]}")
            if bound == "maximum" and typed > limit:
                bad(line, "above the maximum", f"{_show(value)} is {after} the maximum {cons[bound]}")
        if first_seen is not None:
            if typed in first_seen:
                bad(line, "duplicate value", f"duplicate value {_show(value)} (first on line {first_seen[typed]})")
            else:
                first_seen[typed] = line
        parsed[-1] = typed
    return parsed


def _check_references(tables: dict[str, _Table], package: dict[str, Any], problems: _Problems) -> None:
    keys: dict[tuple[str, str], set[Any]] = {}

    def key_set(resource: str, fieldname: str) -> set[Any] | None:
        if resource not in tables:
            return None
        if (resource, fieldname) not in keys:
            keys[resource, fieldname] = {v for v in tables[resource].values[fieldname] if v is not None}
        return keys[resource, fieldname]

    for res in package["resources"]:
        table = tables.get(res["name"])
        if table is None:
            continue
        for fk in res["schema"].get("foreignKeys", []):
            (local,) = fk["fields"]
            target = fk["reference"]["resource"] or res["name"]
            (remote,) = fk["reference"]["fields"]
            known = key_set(target, remote)
            if known is None:
                continue
            for i, line in enumerate(table.lines):
                value = table.values[local][i]
                if value is not None and value not in known:
                    problems.append(Problem(table.file, line, local, f"{_show(value)} is not an '{remote}' in "
                                            f"{target}.csv"), kind=f"not an '{remote}' in {target}.csv")
        for fld in res["schema"]["fields"]:
            spec = fld.get("x-list")
            if not spec:
                continue
            targets = [(t, key_set(t, "id")) for t in spec["references"]]
            if any(known is None for _, known in targets):
                continue
            where = " or ".join(f"{t}.csv" for t, _ in targets)
            for i, line in enumerate(table.lines):
                value = table.values[fld["name"]][i]
                for item in value.split(spec["separator"]) if value else []:
                    if not any(item in known for _, known in targets):
                        problems.append(Problem(table.file, line, fld["name"], f"{_show(item)} is not an id in "
                                                f"{where}"), kind=f"not an id in {where}")


def _check_rules(tables: dict[str, _Table], problems: _Problems) -> None:
    """Rules of this dataset that a Table Schema cannot express."""
    contested = tables.get("contested")
    if contested:
        first: dict[str, tuple[str, int]] = {}
        for i, line in enumerate(contested.lines):
            topic, question = contested.values["topic"][i], contested.values["question"][i]
            if topic is None or question is None:
                continue
            if topic not in first:
                first[topic] = (question, line)
            elif question != first[topic][0]:
                problems.append(Problem(contested.file, line, "question",
                                        f"differs from the question of topic {_show(topic)} on line "
                                        f"{first[topic][1]}; every version of a topic answers the same question"),
                                kind="differs from the question of its topic")
    events, cameo, quotes = tables.get("events"), tables.get("cameo_goldstein"), tables.get("quotes")
    if events and cameo:
        codes = cameo.values["code"]
        value_of = {codes[i]: cameo.values["goldstein"][i] for i in range(len(codes))}
        for i, line in enumerate(events.lines):
            code, gold = events.values["cameo_code"][i], events.values["goldstein"][i]
            if code in value_of and gold is not None and gold != value_of[code]:
                problems.append(Problem(events.file, line, "goldstein",
                                        f"{gold} differs from GDELT's value {value_of[code]} for CAMEO code {code}"),
                                kind="differs from GDELT's value for its CAMEO code")
    weapons = tables.get("weapon_systems")
    if weapons:
        w = weapons.values
        for i, line in enumerate(weapons.lines):
            lo, hi, basis = w["range_min_km"][i], w["range_max_km"][i], w["range_basis"][i]
            if lo is not None and hi is not None and lo > hi:
                problems.append(Problem(weapons.file, line, "range_min_km", f"{lo:g} is more than range_max_km {hi:g}"),
                                kind="more than range_max_km")
            if (lo is not None or hi is not None) and basis is None:
                problems.append(Problem(weapons.file, line, "range_basis",
                                        "a range needs its basis: 'system' or 'class'"))
    if quotes:
        v = quotes.values
        by_id = {qid: i for i, qid in enumerate(v["id"]) if qid is not None}
        for i, line in enumerate(quotes.lines):
            sources = (v["source_ids"][i] or "").split(";")
            rendering = v["rendering_source_id"][i]
            if v["quote_type"][i] == "direct" and rendering is None:
                problems.append(Problem(quotes.file, line, "rendering_source_id",
                                        "a direct quote must name the source whose English wording it reproduces"))
            if rendering is not None and rendering not in sources:
                problems.append(Problem(quotes.file, line, "rendering_source_id",
                                        f"{_show(rendering)} is not among this row's source_ids"),
                                kind="not among the row's source_ids")
            parent = v["variant_of"][i]
            if parent is not None and parent in by_id:
                j = by_id[parent]
                if parent == v["id"][i] or v["variant_of"][j] is not None:
                    problems.append(Problem(quotes.file, line, "variant_of",
                                            f"{_show(parent)} must be a first rendering (its own variant_of empty)"),
                                    kind="not a first rendering")
                elif v["speaker_id"][j] != v["speaker_id"][i]:
                    problems.append(Problem(quotes.file, line, "variant_of",
                                            f"{_show(parent)} has another speaker; variants render one statement"),
                                    kind="has another speaker")


def _check_places(tables: dict[str, _Table], problems: list[Problem]) -> None:
    """Every event location resolves to a place; a link has a place unless it says the location names none."""
    links, places, events = tables.get("event_places"), tables.get("places"), tables.get("events")
    if places:
        p = places.values
        for kind, placed, line in zip(p["kind"], p["placed_at"], places.lines, strict=True):
            if kind in ("region", "country") and placed is None:
                problems.append(Problem(places.file, line, "placed_at", f"a {kind} is drawn at one point: name it "
                                        "(its administrative centre or capital)"))
            if kind not in ("region", "country", None) and placed is not None:
                problems.append(Problem(places.file, line, "placed_at", f"a {kind} has coordinates of its own; "
                                        "placed_at is only for a region or a country"))
    if not links:
        return
    v = links.values
    seen: dict[tuple[Any, Any, Any], int] = {}
    for event, place, role, line in zip(v["event_id"], v["place_id"], v["role"], links.lines, strict=True):
        if role == "not_a_place" and place is not None:
            problems.append(Problem(links.file, line, "place_id", "a location that names no place has no place_id"))
        if role not in ("not_a_place", None) and place is None:
            problems.append(Problem(links.file, line, "place_id", f"a {role} needs a place"))
        key = (event, place, role)
        if key in seen:
            problems.append(Problem(links.file, line, None, f"the same link as line {seen[key]}"))
        else:
            seen[key] = line
    if events:
        linked = {e for e in v["event_id"] if e is not None}
        for eid, location, line in zip(events.values["id"], events.values["location"], events.lines, strict=True):
            if location is not None and eid not in linked:
                problems.append(Problem(events.file, line, "location",
                                        f"{eid} names a location but no row of event_places.csv links it to a "
                                        "place (or says it names none)"))


def _check_outlets(tables: dict[str, _Table], problems: list[Problem]) -> None:
    """Every web source belongs to the outlet whose domains hold its host and has that outlet's kind."""
    sources, outlets = tables.get("sources"), tables.get("outlets")
    if not sources or not outlets:
        return
    o = outlets.values
    owner: dict[str, int] = {}
    for i, (domains, line) in enumerate(zip(o["domains"], outlets.lines, strict=True)):
        for domain in (domains or "").split():
            if domain in owner:
                problems.append(Problem(outlets.file, line, "domains",
                                        f"{domain!r} is also a domain of {o['id'][owner[domain]]!r} "
                                        f"(line {outlets.lines[owner[domain]]})"))
            else:
                owner[domain] = i
    for url, kind, line in zip(sources.values["url"], sources.values["outlet_kind"], sources.lines, strict=True):
        host = url_host(url or "")
        if not host:
            continue
        i = outlet_for_host(host, owner)
        if i is None:
            problems.append(Problem(sources.file, line, "url", f"no outlet in outlets.csv has the domain of "
                                                               f"{host!r}; add it to its outlet's domains"))
        elif kind is not None and kind != o["kind"][i]:
            problems.append(Problem(sources.file, line, "outlet_kind",
                                    f"{kind!r} differs from {o['kind'][i]!r}, the kind of its outlet {o['id'][i]!r} "
                                    f"(outlets.csv, line {outlets.lines[i]})"))


def _check_date_precision(tables: dict[str, _Table], problems: list[Problem]) -> None:
    """A date known only to the week is that week's Monday; one known only to the month, its first day."""
    for name in ("events", "milestones"):
        table = tables.get(name)
        if not table:
            continue
        for date, precision, line in zip(table.values["date"], table.values["date_precision"], table.lines,
                                         strict=True):
            if date is None:
                continue
            first = {"week": date - dt.timedelta(days=date.weekday()), "month": date.replace(day=1)}.get(precision)
            if first is not None and first != date:
                problems.append(Problem(table.file, line, "date",
                                        f"{date} is known only to the {precision}: write the {precision}'s first day, "
                                        f"{first}"))


# --------------------------------------------------------------------------------------------
# Typed frames


def _frame(table: _Table, resource: dict[str, Any]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for fld in resource["schema"]["fields"]:
        name, kind = fld["name"], fld.get("type", "string")
        values = table.values[name]
        enum = fld.get("constraints", {}).get("enum")
        if kind == "date":
            columns[name] = pd.Series(values, dtype="datetime64[s]")
        elif kind == "number":
            columns[name] = pd.Series(values, dtype="float64")  # None, an empty cell, becomes NaN
        elif kind == "integer" and enum is None:
            columns[name] = pd.Series(values, dtype="Int64")
        elif enum is not None:
            columns[name] = pd.Categorical(values, categories=enum)
        else:
            columns[name] = pd.Series(values, dtype="string")
    return pd.DataFrame(columns)


def _read_tables(names: Iterable[str], data_dir: Path, package: dict[str, Any],
                 problems: _Problems) -> dict[str, _Table]:
    tables: dict[str, _Table] = {}
    clock = _PatternClock()
    for name in names:
        res = _resource(package, name)
        path = _confined(data_dir, res, problems)
        table = _read_csv(path, res, problems) if path is not None else None
        if table is not None:
            _check_cells(table, res, problems, clock)
            tables[name] = table
    return tables


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load one table, checked against its own schema (foreign keys to other tables are not checked).

    Use `load_dataset()` for the whole package with every cross-table check and the joins.
    """
    data_dir = Path(data_dir or DATA_DIR)
    package = load_package(data_dir)
    problems = _Problems()
    tables = _read_tables([name], data_dir, package, problems)
    if problems:
        raise DataError(problems.sorted())
    return _frame(tables[name], _resource(package, name))


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate every table of the package in `data_dir` (the bundled `data/` when None).

    Raises `DataError` listing every problem (file, line, column) when anything does not fit.
    """
    data_dir = Path(data_dir or DATA_DIR)
    package = load_package(data_dir)
    contract = _contract_problems(package)
    if contract:
        raise DataError(contract)
    names = [r["name"] for r in tabular_resources(package)]
    problems = _Problems()
    tables = _read_tables(names, data_dir, package, problems)
    _check_references(tables, package, problems)
    _check_rules(tables, problems)
    _check_places(tables, problems)
    _check_outlets(tables, problems)
    _check_date_precision(tables, problems)
    topologies = {r["name"]: _read_topology(data_dir, r, problems) for r in package["resources"]
                  if r.get("format") == "topojson"}
    if problems:
        raise DataError(problems.sorted())
    frames = {n: _frame(tables[n], _resource(package, n)) for n in names}
    return Dataset(**_join(frames, package["temporal"]), package=package,
                   boundaries=topologies.get("boundaries") or {})


def load_boundaries(data_dir: str | Path | None = None) -> dict[str, Any]:
    """The package's boundaries file (TopoJSON), checked to be a Topology; `DataError` naming the file if not."""
    data_dir = Path(data_dir or DATA_DIR)
    package = load_package(data_dir)
    problems: list[Problem] = []
    topo = _read_topology(data_dir, _resource(package, "boundaries"), problems)
    if problems:
        raise DataError(problems)
    return topo or {}


def _read_topology(data_dir: Path, resource: dict[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """A TopoJSON file of the package: a Topology with objects, arcs and a transform, every arc index in range.

    The map draws it as it is; this only makes sure it is what it says, so a wrong file fails here, by name,
    and not as an empty map.
    """
    path = _confined(data_dir, resource, problems)
    if path is None:
        return None
    file = path.name

    def bad(message: str, line: int | None = None) -> None:
        problems.append(Problem(file, line, None, message))

    try:
        topo = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        bad("not UTF-8 text")
        return None
    except json.JSONDecodeError as exc:
        bad(f"not valid JSON: {exc.msg}", exc.lineno)
        return None
    except RecursionError:
        bad("nested too deeply to be TopoJSON")
        return None
    if not isinstance(topo, dict) or topo.get("type") != "Topology":
        bad("not TopoJSON: the top level must be an object with \"type\": \"Topology\"")
        return None
    arcs, objects, tf = topo.get("arcs"), topo.get("objects"), topo.get("transform")
    if not isinstance(objects, dict) or not objects:
        bad("TopoJSON without 'objects': nothing to draw")
    if not isinstance(arcs, list) or not all(
            isinstance(a, list) and len(a) >= 2 and all(isinstance(p, list) and len(p) == 2
                                                         and all(isinstance(v, int) for v in p) for p in a)
            for a in arcs):
        bad("'arcs' must be a list of arcs, each at least two [x, y] pairs of whole numbers (quantised)")
        arcs = None
    if not (isinstance(tf, dict) and all(isinstance(tf.get(k), list) and len(tf[k]) == 2
                                         and all(isinstance(v, int | float) for v in tf[k])
                                         for k in ("scale", "translate"))):
        bad("'transform' must give 'scale' and 'translate', two numbers each")
    if not isinstance(objects, dict) or arcs is None:
        return None
    for name, obj in objects.items():
        geoms = obj.get("geometries") if isinstance(obj, dict) else None
        if not isinstance(geoms, list):
            bad(f"object {name!r} must be a GeometryCollection with 'geometries'")
            continue
        for k, g in enumerate(geoms):
            label = f"object {name!r}, geometry {k} ({(g.get('properties') or {}).get('name', 'unnamed')})" \
                if isinstance(g, dict) else f"object {name!r}, geometry {k}"
            if not isinstance(g, dict) or g.get("type") not in ("Polygon", "MultiPolygon"):
                bad(f"{label}: type must be Polygon or MultiPolygon")
                continue
            depth = 3 if g["type"] == "MultiPolygon" else 2
            stack = [(g.get("arcs"), depth)]
            while stack:
                item, d = stack.pop()
                if d == 0:
                    if not isinstance(item, int) or not -len(arcs) <= item < len(arcs):
                        bad(f"{label}: arc index {item!r} is not one of the {len(arcs)} arcs")
                        break
                elif isinstance(item, list):
                    stack.extend((x, d - 1) for x in item)
                else:
                    bad(f"{label}: 'arcs' is not nested as a {g['type']} needs")
                    break
    return topo


def _join(f: dict[str, pd.DataFrame], temporal: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    actors = f["actors"].set_index("id")
    sources = f["sources"].set_index("id")
    weapons = f["weapon_systems"].set_index("id")
    cameo = f["cameo_goldstein"].set_index("code")

    quotes = f["quotes"].copy()
    quotes["speaker"] = quotes["speaker_id"].map(actors["name"])
    quotes["side"] = pd.Categorical(quotes["speaker_id"].map(actors["side"]),
                                    categories=actors["side"].cat.categories)
    quotes["country"] = quotes["speaker_id"].map(actors["country"])
    first_source = quotes["source_ids"].str.split(";").str[0]
    cited = quotes["rendering_source_id"].fillna(first_source)
    quotes["outlet"] = cited.map(sources["outlet"])
    quotes["url"] = cited.map(sources["url"])
    quotes["statement_id"] = quotes["variant_of"].fillna(quotes["id"])
    # The audit trail of each direct quote (quote_checks.csv), shown beside the text.
    outcome = f["quote_checks"].set_index("quote_id")["outcome"]
    quotes["check"] = pd.Categorical(quotes["id"].map(outcome.astype("object")),
                                     categories=outcome.cat.categories)

    events = f["events"].copy()
    events["actor"] = events["actor_id"].map(actors["name"])
    events["side"] = pd.Categorical(events["actor_id"].map(actors["side"]),
                                    categories=actors["side"].cat.categories)
    events["weapon"] = events["weapon_id"].map(weapons["name"])
    events["quad_class"] = events["cameo_code"].map(cameo["quad_class"]).astype("Int64")
    events["cameo_name"] = events["cameo_code"].map(cameo["name"])

    milestones = f["milestones"].copy()
    milestones["weapon"] = milestones["weapon_id"].map(weapons["name"])

    contested = f["contested"].copy()
    contested["side"] = pd.Categorical(contested["actor_id"].map(actors["side"]),
                                       categories=actors["side"].cat.categories)
    for frame in (quotes, events, milestones, contested):
        frame["phase"] = phase_of(frame["date"], temporal)
    return {**f, "quotes": quotes, "events": events, "milestones": milestones, "contested": contested}
