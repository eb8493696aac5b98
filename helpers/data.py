"""Load and validate the Escalation Week data package.

`data/datapackage.json` (a Frictionless Data Package) is the one description of the data: the
fields, their types, required values, enums, patterns, ranges, unique ids and foreign keys all come
from it. This module reads the CSVs with Python's `csv` module, checks every cell against that
descriptor, and only then builds typed pandas frames. Problems are collected, not raised one by one:
a `DataError` lists every problem found, each naming file, line (as an editor shows it) and column.

Nothing is dropped, trimmed, coerced or reordered: a value that does not fit is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pandas as pd

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
        return self.quotes[self.quotes["variant_of"].isna()]

    @property
    def period(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """"The week": first and last day of the focus period declared in the package (`temporal.focus_start`,
        `temporal.focus_end`). Every notebook, chart, exercise and document takes the week from here."""
        t = self.package["temporal"]
        return pd.Timestamp(t["focus_start"]), pd.Timestamp(t["focus_end"])

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


# --------------------------------------------------------------------------------------------
# Descriptor


def load_package(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Read `datapackage.json` from `data_dir` (the bundled `data/` when None)."""
    path = Path(data_dir or DATA_DIR) / PACKAGE_FILE
    try:
        if not path.is_file():
            raise FileNotFoundError(path)
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise DataError([Problem(PACKAGE_FILE, None, None, "the package descriptor is too large to be one")])
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, "the package descriptor is missing")]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(PACKAGE_FILE, None, None, "not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        raise DataError([Problem(PACKAGE_FILE, exc.lineno, None, f"not valid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise DataError([Problem(PACKAGE_FILE, None, None, "nested too deeply to be a package descriptor")]) from None


def tabular_resources(package: dict[str, Any]) -> list[dict[str, Any]]:
    """The package's tables (CSV resources with a schema); the boundaries file is not one of them."""
    return [r for r in package["resources"] if r.get("profile") == "tabular-data-resource"]


def _resource(package: dict[str, Any], name: str) -> dict[str, Any]:
    for res in package["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"no table named {name!r} in {PACKAGE_FILE}; known tables: {known}")


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------------------------
# Reading one CSV into checked string cells


@dataclass
class _Table:
    name: str
    file: str
    header: list[str]
    rows: list[list[str]]  # raw strings, one list per data row
    lines: list[int]  # editor line on which each row starts
    values: dict[str, list[Any]] = field(default_factory=dict)  # typed values per column


# Far above the bundled tables (the largest is under 100 KB), far below what would exhaust memory.
MAX_TABLE_BYTES = 20_000_000


def _confined(data_dir: Path, resource: dict[str, Any], problems: list[Problem]) -> Path | None:
    """The resource's file if it is a regular file inside `data_dir`; else a problem, and None.

    A descriptor can name any path; only files inside the package's own folder are read, so nothing
    outside it (`/etc/passwd`, `../secret.csv`, a symlink out, `/dev/zero`) is opened or echoed back.
    """
    rel = resource.get("path")
    name = str(resource.get("name"))
    if not isinstance(rel, str) or not rel:
        problems.append(Problem(PACKAGE_FILE, None, None, f"resource {name!r}: 'path' must be a file name"))
        return None
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


def _read_csv(path: Path, resource: dict[str, Any], problems: list[Problem]) -> _Table | None:
    file = path.name
    names = [f["name"] for f in resource["schema"]["fields"]]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(file, None, None, "file is missing"))
        return None
    if not raw.strip():
        problems.append(Problem(file, 1, None, f"file is empty; expected a header row: {','.join(names)}"))
        return None
    # surrogateescape keeps undecodable bytes visible so each can be located by line and column.
    text = raw.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark is valid; it is not part of the first name
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(
            Problem(file, start, None, f"malformed CSV ({exc}); look for an unbalanced double quote in this row")
        )
        return None

    head_line, header = records[0]
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        detail = []
        if missing:
            detail.append(f"missing {', '.join(missing)}")
        if extra:
            detail.append(f"unexpected {', '.join(repr(e) for e in extra)}")
        if not detail:
            detail.append("columns are out of order")
        problems.append(
            Problem(file, head_line, None, f"header does not match the schema ({'; '.join(detail)}); "
                    f"expected: {','.join(names)}")
        )
        return None
    table = _Table(resource["name"], file, header, [], [])
    for line, row in records[1:]:
        if not row:
            problems.append(Problem(file, line, None, "blank line; remove it"))
            continue
        if len(row) != len(header):
            more = "too many" if len(row) > len(header) else "too few"
            problems.append(
                Problem(file, line, None, f"{more} fields: {len(row)} instead of {len(header)} "
                        "(an unquoted comma, or a missing one?)")
            )
            continue
        table.rows.append(row)
        table.lines.append(line)
    if not records[1:]:
        problems.append(Problem(file, head_line, None, "file has a header but no data rows"))
    return table


# --------------------------------------------------------------------------------------------
# Checking cells against the Table Schema


def _parse(value: str, fld: dict[str, Any]) -> Any:
    """Parse a non-empty cell to the field's type; raise ValueError with a reader-friendly reason."""
    kind = fld.get("type", "string")
    if kind == "string":
        return value
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar date") from None
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"{value!r} is not a finite number")
        return number
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    raise ValueError(f"unsupported field type {kind!r} in {PACKAGE_FILE}")


def _check_cells(table: _Table, resource: dict[str, Any], problems: list[Problem]) -> None:
    for col, fld in enumerate(resource["schema"]["fields"]):
        name = fld["name"]
        cons = fld.get("constraints", {})
        parsed: list[Any] = []
        first_seen: dict[Any, int] = {}
        for row, line in zip(table.rows, table.lines, strict=True):
            value = row[col]

            def bad(message: str, line: int = line, name: str = name) -> None:
                problems.append(Problem(table.file, line, name, message))

            if any("\udc80" <= ch <= "\udcff" for ch in value):
                bad("contains bytes that are not valid UTF-8; save the file as UTF-8")
                parsed.append(None)
                continue
            if "\n" in value or "\r" in value:
                bad("value spans several lines; a double quote is probably unbalanced here")
                parsed.append(None)
                continue
            if value == "":
                if cons.get("required"):
                    bad("required value is missing")
                parsed.append(None)
                continue
            try:
                typed = _parse(value, fld)
            except ValueError as exc:
                bad(str(exc))
                parsed.append(None)
                continue
            if "enum" in cons and typed not in cons["enum"]:
                bad(f"{value!r} is not one of: {', '.join(str(e) for e in cons['enum'])}")
            if "pattern" in cons and not _regex(cons["pattern"]).fullmatch(value):
                bad(f"{value!r} does not match the pattern {cons['pattern']}")
            for bound, ok in (("minimum", lambda a, b: a >= b), ("maximum", lambda a, b: a <= b)):
                if bound in cons:
                    limit = _parse(str(cons[bound]), fld)
                    if not ok(typed, limit):
                        bad(f"{value!r} is {'before' if bound == 'minimum' else 'after'} the "
                            f"{bound} {cons[bound]}" if fld.get("type") == "date"
                            else f"{value!r} is {'below' if bound == 'minimum' else 'above'} the "
                            f"{bound} {cons[bound]}")
            if cons.get("unique"):
                if typed in first_seen:
                    bad(f"duplicate value {value!r} (first on line {first_seen[typed]})")
                else:
                    first_seen[typed] = line
            parsed.append(typed)
        table.values[name] = parsed


def _check_references(tables: dict[str, _Table], package: dict[str, Any], problems: list[Problem]) -> None:
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
            for value, line in zip(table.values[local], table.lines, strict=True):
                if value is not None and value not in known:
                    problems.append(Problem(table.file, line, local,
                                            f"{value!r} is not an '{remote}' in {target}.csv"))
        for fld in res["schema"]["fields"]:
            spec = fld.get("x-list")
            if not spec:
                continue
            targets = [(t, key_set(t, "id")) for t in spec["references"]]
            if any(known is None for _, known in targets):
                continue
            for value, line in zip(table.values[fld["name"]], table.lines, strict=True):
                for item in (value or "").split(spec["separator"]) if value else []:
                    if not any(item in known for _, known in targets):
                        where = " or ".join(f"{t}.csv" for t, _ in targets)
                        problems.append(Problem(table.file, line, fld["name"], f"{item!r} is not an id in {where}"))


def _check_rules(tables: dict[str, _Table], problems: list[Problem]) -> None:
    """Rules of this dataset that a Table Schema cannot express."""
    contested = tables.get("contested")
    if contested:
        first: dict[str, tuple[str, int]] = {}
        for topic, question, line in zip(contested.values["topic"], contested.values["question"], contested.lines,
                                         strict=True):
            if topic is None or question is None:
                continue
            if topic not in first:
                first[topic] = (question, line)
            elif question != first[topic][0]:
                problems.append(Problem(contested.file, line, "question",
                                        f"differs from the question of topic {topic!r} on line {first[topic][1]}; "
                                        "every version of a topic answers the same question"))
    events, cameo, quotes = tables.get("events"), tables.get("cameo_goldstein"), tables.get("quotes")
    if events and cameo:
        value_of = dict(zip(cameo.values["code"], cameo.values["goldstein"], strict=True))
        for code, gold, line in zip(events.values["cameo_code"], events.values["goldstein"], events.lines,
                                    strict=True):
            if code in value_of and gold is not None and gold != value_of[code]:
                problems.append(Problem(events.file, line, "goldstein",
                                        f"{gold} differs from GDELT's value {value_of[code]} for CAMEO code {code}"))
    weapons = tables.get("weapon_systems")
    if weapons:
        w = weapons.values
        for i, line in enumerate(weapons.lines):
            lo, hi, basis = w["range_min_km"][i], w["range_max_km"][i], w["range_basis"][i]
            if lo is not None and hi is not None and lo > hi:
                problems.append(Problem(weapons.file, line, "range_min_km", f"{lo:g} is more than range_max_km {hi:g}"))
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
                                        f"{rendering!r} is not among this row's source_ids"))
            parent = v["variant_of"][i]
            if parent is not None and parent in by_id:
                j = by_id[parent]
                if parent == v["id"][i] or v["variant_of"][j] is not None:
                    problems.append(Problem(quotes.file, line, "variant_of",
                                            f"{parent!r} must be a first rendering (its own variant_of empty)"))
                elif v["speaker_id"][j] != v["speaker_id"][i]:
                    problems.append(Problem(quotes.file, line, "variant_of",
                                            f"{parent!r} has another speaker; variants render one statement"))


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
            columns[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        elif kind == "number":
            columns[name] = pd.Series([math.nan if x is None else x for x in values], dtype="float64")
        elif kind == "integer" and enum is None:
            columns[name] = pd.Series(values, dtype="Int64")
        elif enum is not None:
            columns[name] = pd.Categorical(values, categories=enum)
        else:
            columns[name] = pd.Series(values, dtype="string")
    return pd.DataFrame(columns)


def _read_tables(names: Iterable[str], data_dir: Path, package: dict[str, Any]) -> tuple[dict[str, _Table],
                                                                                        list[Problem]]:
    problems: list[Problem] = []
    tables: dict[str, _Table] = {}
    for name in names:
        res = _resource(package, name)
        path = _confined(data_dir, res, problems)
        table = _read_csv(path, res, problems) if path is not None else None
        if table is not None:
            _check_cells(table, res, problems)
            tables[name] = table
    return tables, problems


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load one table, checked against its own schema (foreign keys to other tables are not checked).

    Use `load_dataset()` for the whole package with every cross-table check and the joins.
    """
    data_dir = Path(data_dir or DATA_DIR)
    package = load_package(data_dir)
    tables, problems = _read_tables([name], data_dir, package)
    if problems:
        raise DataError(sorted(problems, key=_problem_order))
    return _frame(tables[name], _resource(package, name))


def _problem_order(p: Problem) -> tuple[str, int, str]:
    return (p.file, p.line or 0, p.column or "")


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate every table of the package in `data_dir` (the bundled `data/` when None).

    Raises `DataError` listing every problem (file, line, column) when anything does not fit.
    """
    data_dir = Path(data_dir or DATA_DIR)
    package = load_package(data_dir)
    names = [r["name"] for r in tabular_resources(package)]
    tables, problems = _read_tables(names, data_dir, package)
    _check_references(tables, package, problems)
    _check_rules(tables, problems)
    _check_places(tables, problems)
    _check_outlets(tables, problems)
    _check_date_precision(tables, problems)
    topologies = {r["name"]: _read_topology(data_dir, r, problems) for r in package["resources"]
                  if r.get("format") == "topojson"}
    if problems:
        raise DataError(sorted(problems, key=_problem_order))
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
