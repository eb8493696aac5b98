"""One validation contract for both import paths.

`load_events_csv` (in memory) and `aggregate_events` (DuckDB, out of core) read a file through the same
reader (`read.open_source`) and check it with the same function, `check_rows`, over the same SQL: the same rows
are accepted, the same rows rejected, with the same messages — file, line, column, the value — the first
`MAX_PROBLEMS` rows of each problem and how many more.

Two kinds of check:
- a predicate on each row, in SQL (a number's form, an empty required value, a time precision);
- a check of each distinct value (or pair of values), in Python on the few distinct values DuckDB groups:
  dates, CAMEO codes, a Goldstein value against its code, ACLED's type pairs, repeated event ids.
Rows are found again, for their line numbers, only when a check fails. Values are compared as text, never cast
before they pass, so a bad value is named, not a `ConversionException` raised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..data import DataError, Problem
from .codebooks import _acled, _cameo
from .read import MAX_PROBLEMS, Source

NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
WHOLE = r"[0-9]+"
SEP = "\x1f"
ACLED_DATES = ("%Y-%m-%d", "%d %B %Y")
TIME_PRECISIONS = ("1", "2", "3")


@dataclass
class _Found:
    """A failed check: which column, how many rows, how to find them and what to say about each."""

    column: str
    count: int
    where: str  # SQL predicate over the row source
    params: dict[str, object]
    needs: list[str]  # our column names the message reads
    message: Callable[[dict[str, str]], str]
    order: str = ""  # extra SQL (a QUALIFY) for repeated ids


def _col(safe: dict[str, str], name: str) -> str:
    return f"coalesce({safe[name]}, '')"


def _dates(values: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    out = pd.to_datetime(values, format=formats[0], errors="coerce")
    for fmt in formats[1:]:
        todo = out.isna() & values.ne("")
        if todo.any():
            out[todo] = pd.to_datetime(values[todo], format=fmt, errors="coerce")
    return out


def parse_dates(values: pd.Series, layout: str) -> pd.Series:
    """Dates as each layout writes them (GDELT YYYYMMDD; ACLED YYYY-MM-DD or "22 November 2024"); NaT if not."""
    return _dates(values, ("%Y%m%d",) if layout == "gdelt" else ACLED_DATES).astype("datetime64[s]")


class _Checker:
    def __init__(self, con: object, src: str, params: dict[str, object], safe: dict[str, str]):
        self.con, self.src, self.params, self.safe = con, src, params, safe
        self.found: list[_Found] = []
        self._n = 0

    def _name(self) -> str:
        self._n += 1
        return f"bad{self._n}"

    def predicates(self, checks: list[tuple[str, Callable[[str], str], Callable[[dict[str, str]], str]]]) -> None:
        """Row checks: (column, SQL predicate of a bad row given the column, message); counted in one pass."""
        checks = [(c, where(_col(self.safe, c)), message) for c, where, message in checks if c in self.safe]
        if not checks:
            return
        counts = self.con.execute("SELECT " + ", ".join(f"count_if({where})" for _, where, _ in checks) +
                                  f" FROM {self.src}", self.params).fetchone()
        for (column, where, message), n in zip(checks, counts, strict=True):
            if n:
                self.found.append(_Found(column, int(n), where, {}, [column], message))

    def values(self, columns: list[str], bad: Callable[[pd.DataFrame], list[tuple[str, Callable]]]) -> None:
        """Distinct-value checks: `bad(distinct)` gives, per failing column, a boolean mask name and message."""
        if not all(c in self.safe for c in columns):
            return
        keys = ", ".join(f"{_col(self.safe, c)} AS {self.safe[c]}" for c in columns)
        distinct = self.con.execute(f"SELECT {keys}, count(*) AS n FROM {self.src} GROUP BY ALL",
                                    self.params).df()
        distinct.columns = [*columns, "n"]
        distinct[columns] = distinct[columns].astype(str)
        for column, mask, message in bad(distinct):
            rows = distinct[mask]
            if rows.empty:
                continue
            name = self._name()
            key = f" || '{SEP}' || ".join(_col(self.safe, c) for c in columns)
            joined = rows[columns].agg(SEP.join, axis=1).tolist()
            self.found.append(_Found(column, int(rows["n"].sum()), f"list_contains(${name}, {key})",
                                     {name: joined}, columns, message))

    def repeats(self, column: str, what: str) -> None:
        if column not in self.safe:
            return
        c = _col(self.safe, column)
        dupes = self.con.execute(f"SELECT {c} AS id, count(*) AS n FROM {self.src} WHERE {c} <> '' "
                                 "GROUP BY ALL HAVING count(*) > 1", self.params).df()
        if dupes.empty:
            return
        name = self._name()
        ids = dupes["id"].astype(str).tolist()
        self.found.append(_Found(
            column, int((dupes["n"] - 1).sum()), f"list_contains(${name}, {c})", {name: ids}, [column],
            lambda v: f"{v[column]!r} repeats the {what} of line {v['_first']}: each event once",
            order=f"QUALIFY _row > min(_row) OVER (PARTITION BY {c})"))


def check_rows(con: object, source: Source, layout: str, columns: dict[str, str], safe: dict[str, str],
               src: str, rows_src: str, params: dict[str, object]) -> None:
    """Raise `DataError` for every row of `src` that the layout's mapping cannot take.

    `columns`: our name → the file's; `safe`: our name → its positional name (c0, c1 …) in `src`;
    `rows_src`: the same rows with `_row`, their 1-based position in the file.
    """
    ck = _Checker(con, src, params, safe)

    if layout == "gdelt":
        cameo = _cameo().set_index("code")
        ck.predicates([
            ("GoldsteinScale", lambda c: f"NOT regexp_full_match({c}, '{NUMBER}')",
             lambda v: f"{v['GoldsteinScale']!r} is not a number"),
            ("AvgTone", lambda c: f"{c} <> '' AND NOT regexp_full_match({c}, '{NUMBER}')",
             lambda v: f"{v['AvgTone']!r} is not a number"),
            ("NumMentions", lambda c: f"{c} <> '' AND NOT regexp_full_match({c}, '{WHOLE}')",
             lambda v: f"{v['NumMentions']!r} is not a whole number"),
            ("GLOBALEVENTID", lambda c: f"NOT regexp_full_match({c}, '{WHOLE}')",
             lambda v: f"{v['GLOBALEVENTID']!r} is not a GDELT event id (digits)"),
        ])

        def bad_dates(d: pd.DataFrame) -> list:
            ok = d["SQLDATE"].str.fullmatch(r"\d{8}") & parse_dates(d["SQLDATE"], "gdelt").notna()
            return [("SQLDATE", ~ok, lambda v: f"{v['SQLDATE']!r} is not a date in GDELT's YYYYMMDD form")]

        def bad_codes(d: pd.DataFrame) -> list:
            code, raw = d["EventCode"], d["GoldsteinScale"]
            known = code.isin(cameo.index)
            gold = pd.to_numeric(raw.where(raw.str.fullmatch(NUMBER)), errors="coerce")
            expected = code.map(cameo["goldstein"]).astype("float64")
            differs = known & gold.notna() & (gold - expected).abs().gt(1e-9)

            def unknown(v: dict[str, str]) -> str:
                hint = " (codes are strings: was a leading zero lost?)" if "0" + v["EventCode"] in cameo.index else ""
                return f"{v['EventCode']!r} is not a CAMEO code in GDELT's table{hint}"

            def wrong(v: dict[str, str]) -> str:
                return (f"{float(v['GoldsteinScale'])} differs from GDELT's value "
                        f"{cameo.at[v['EventCode'], 'goldstein']} for CAMEO code {v['EventCode']}")

            return [("EventCode", ~known, unknown), ("GoldsteinScale", differs, wrong)]

        ck.values(["SQLDATE"], bad_dates)
        ck.values(["EventCode", "GoldsteinScale"], bad_codes)
        ck.repeats("GLOBALEVENTID", "GDELT event id")
    else:
        table = _acled()
        pairs = set(zip(table["event_type"], table["sub_event_type"], strict=True))
        types = sorted(set(table["event_type"]))
        precision = ", ".join(f"'{p}'" for p in ("", *TIME_PRECISIONS))
        ck.predicates([
            ("actor1", lambda c: f"{c} = ''", lambda v: "required value is missing"),
            ("time_precision", lambda c: f"{c} NOT IN ({precision})",
             lambda v: f"{v['time_precision']!r} is not one of ACLED's time precisions 1, 2, 3"),
            ("fatalities", lambda c: f"{c} <> '' AND NOT regexp_full_match({c}, '{WHOLE}')",
             lambda v: f"{v['fatalities']!r} is not a whole number of fatalities"),
            ("event_id_cnty", lambda c: f"{c} = ''",
             lambda v: "required value is missing (ACLED gives every event an id)"),
        ])

        def bad_dates(d: pd.DataFrame) -> list:
            ok = parse_dates(d["event_date"], "acled").notna()
            return [("event_date", ~ok,
                     lambda v: f"{v['event_date']!r} is not a date (YYYY-MM-DD or e.g. 22 November 2024)")]

        def bad_types(d: pd.DataFrame) -> list:
            known_pair = pd.Series([p in pairs for p in zip(d["event_type"], d["sub_event_type"], strict=True)],
                                   index=d.index, dtype=bool)
            known_type = d["event_type"].isin(types)
            return [
                ("event_type", ~known_pair & ~known_type,
                 lambda v: f"{v['event_type']!r} is not an ACLED event type; known: " + ", ".join(types)),
                ("sub_event_type", ~known_pair & known_type,
                 lambda v: f"{v['sub_event_type']!r} is not a sub-event type of {v['event_type']!r} "
                           "in ACLED's codebook"),
            ]

        ck.values(["event_date"], bad_dates)
        ck.values(["event_type", "sub_event_type"], bad_types)
        ck.repeats("event_id_cnty", "ACLED event id")
    _raise(ck, source, columns, rows_src, params)


def _raise(ck: _Checker, source: Source, columns: dict[str, str], rows_src: str, params: dict[str, object]) -> None:
    if not ck.found:
        return
    problems = []
    for f in ck.found:
        needs = ", ".join(f"{_col(ck.safe, c)} AS {ck.safe[c]}" for c in f.needs)
        first = f", min(_row) OVER (PARTITION BY {_col(ck.safe, f.column)}) AS _first" if f.order else ""
        rows = ck.con.execute(f"SELECT _row, {needs}{first} FROM {rows_src} WHERE {f.where} {f.order} "
                              f"ORDER BY _row LIMIT {MAX_PROBLEMS}", {**params, **f.params}).fetchall()
        name = columns.get(f.column, f.column)
        for r in rows:
            values = dict(zip(f.needs, r[1:1 + len(f.needs)], strict=True))
            if f.order:
                values["_first"] = str(int(r[-1]) + source.header_lines)
            row = int(r[0])
            where = f" (data row {row})" if source.has_header else ""
            problems.append(Problem(source.file, row + source.header_lines, name, f"{f.message(values)}{where}"))
        if f.count > MAX_PROBLEMS:
            problems.append(Problem(source.file, None, name,
                                    f"… and {f.count - MAX_PROBLEMS:,} more rows with this problem"))
    raise DataError(problems)
