"""GDELT's and ACLED's own tables, as CSVs under `helpers/mappings/`, each checked when it is loaded.

- `cameo_gdelt.csv`: GDELT's 311 CAMEO codes with names (`CAMEO.eventcodes.txt`), Goldstein values
  (`CAMEO.goldsteinscale.txt`) and quad class.
- `cameo_quad_class.csv`: the quad class of each of the 20 CAMEO roots, as GDELT's own event rows give it
  (01–05 verbal cooperation, 06–09 material cooperation, 10–14 verbal conflict, 15–20 material conflict).
  Every code's quad class must be its root's: the loader refuses the table otherwise.
- `acled_cameo.csv`: ACLED's event and sub-event types (ACLED codebook) → our kind and a CAMEO code, with the reason.
- `gdelt_columns.csv`: the columns of GDELT's raw event files, in order: 61 for GDELT 2.0, 58 for GDELT 1.0
  (57 in daily files before April 2013, which lack SOURCEURL), from GDELT's codebooks.

A table that breaks its own rules raises `DataError` naming the mappings file, line and column.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pandas as pd

from ..data import DataError, Problem
from ..vocabulary import EVENT_KINDS

MAPPINGS = Path(__file__).resolve().parent.parent / "mappings"
LAYOUTS = ("acled", "gdelt")
KINDS = EVENT_KINDS

REQUIRED = {
    "acled": ["event_date", "event_type", "sub_event_type", "actor1"],
    "gdelt": ["SQLDATE", "EventCode", "GoldsteinScale"],
}
OPTIONAL = {
    "acled": ["event_id_cnty", "time_precision", "notes", "location", "fatalities", "source"],
    "gdelt": ["GLOBALEVENTID", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Name", "AvgTone",
              "NumMentions", "ActionGeo_FullName"],
}
# ACLED's columns since March 2023 (ACLED codebook): the ones not read above are reported as ignored by name.
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]


def _rows(name: str) -> list[dict[str, str]]:
    with open(MAPPINGS / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _check(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


@cache
def _quad_roots() -> dict[str, int]:
    name = "cameo_quad_class.csv"
    rows, problems = _rows(name), []
    for i, r in enumerate(rows, start=2):
        if not re.fullmatch(r"\d\d", r["root"]) or not 1 <= int(r["root"]) <= 20:
            problems.append(Problem(name, i, "root", f"{r['root']!r} is not a CAMEO root (01–20)"))
        if r["quad_class"] not in ("1", "2", "3", "4"):
            problems.append(Problem(name, i, "quad_class", f"{r['quad_class']!r} is not a quad class 1–4"))
    roots = [r["root"] for r in rows]
    if sorted(roots) != [f"{k:02d}" for k in range(1, 21)]:
        problems.append(Problem(name, None, "root", "must list each CAMEO root 01–20 exactly once"))
    _check(problems)
    return {r["root"]: int(r["quad_class"]) for r in rows}


@cache
def _cameo() -> pd.DataFrame:
    name = "cameo_gdelt.csv"
    rows, problems, seen = _rows(name), [], {}
    quad = _quad_roots()
    for i, r in enumerate(rows, start=2):
        code = r["code"]
        if not re.fullmatch(r"\d{2,4}", code) or code[:2] not in quad:
            problems.append(Problem(name, i, "code", f"{code!r} is not a CAMEO code (2–4 digits under a root 01–20)"))
            continue
        if code in seen:
            problems.append(Problem(name, i, "code", f"{code!r} repeats line {seen[code]}"))
        seen[code] = i
        if len(code) > 2 and code[:2] not in seen:
            problems.append(Problem(name, i, "code", f"{code!r} comes before its root {code[:2]!r}"))
        if not r["name"].strip():
            problems.append(Problem(name, i, "name", "required value is missing"))
        try:
            gold = float(r["goldstein"])
            if not -10 <= gold <= 10:
                raise ValueError
        except ValueError:
            problems.append(Problem(name, i, "goldstein", f"{r['goldstein']!r} is not a number from -10 to 10"))
        if r["quad_class"] != str(quad[code[:2]]):
            problems.append(Problem(name, i, "quad_class", f"{r['quad_class']!r} differs from the quad class of "
                                    f"root {code[:2]} in GDELT's rows ({quad[code[:2]]})"))
    _check(problems)
    return pd.DataFrame({
        "code": pd.Series([r["code"] for r in rows], dtype="string"),
        "name": pd.Series([r["name"] for r in rows], dtype="string"),
        "goldstein": pd.Series([float(r["goldstein"]) for r in rows], dtype="float64"),
        "quad_class": pd.Series([int(r["quad_class"]) for r in rows], dtype="int64"),
    })


def cameo_table() -> pd.DataFrame:
    """GDELT's 311 CAMEO codes with names, Goldstein values and quad class (`helpers/mappings/cameo_gdelt.csv`)."""
    return _cameo().copy()


def quad_class_of_root() -> dict[str, int]:
    """CAMEO root ("01" … "20") → GDELT's quad class (`helpers/mappings/cameo_quad_class.csv`)."""
    return dict(_quad_roots())


@cache
def _acled() -> pd.DataFrame:
    name = "acled_cameo.csv"
    rows, problems, seen = _rows(name), [], {}
    codes = set(_cameo()["code"])
    for i, r in enumerate(rows, start=2):
        key = (r["event_type"], r["sub_event_type"])
        if key in seen:
            problems.append(Problem(name, i, "sub_event_type", f"{key} repeats line {seen[key]}"))
        seen[key] = i
        if r["kind"] not in KINDS:
            problems.append(Problem(name, i, "kind", f"{r['kind']!r} is not one of: {', '.join(KINDS)}"))
        if r["cameo_code"] and r["cameo_code"] not in codes:
            problems.append(Problem(name, i, "cameo_code", f"{r['cameo_code']!r} is not in cameo_gdelt.csv"))
        if not r["reason"].strip():
            problems.append(Problem(name, i, "reason", "every mapping says why"))
    _check(problems)
    frame = pd.DataFrame(rows)
    cameo = _cameo().set_index("code")
    frame["cameo_code"] = frame["cameo_code"].replace("", pd.NA).astype("string")
    frame["goldstein"] = frame["cameo_code"].map(cameo["goldstein"]).astype("float64")
    frame["cameo_name"] = frame["cameo_code"].map(cameo["name"]).astype("string")
    return frame


def acled_mapping() -> pd.DataFrame:
    """ACLED (event_type, sub_event_type) → kind, CAMEO code, GDELT's Goldstein value and the reason."""
    return _acled().copy()


@cache
def _gdelt_columns() -> dict[str, tuple[str, ...]]:
    name = "gdelt_columns.csv"
    rows = _rows(name)
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r["version"], []).append(r["name"])
    problems = []
    for version, count in (("2.0", 61), ("1.0", 58)):
        names = out.get(version, [])
        if len(names) != count or len(set(names)) != count:
            problems.append(Problem(name, None, "name", f"GDELT {version} has {count} distinct columns, "
                                    f"the table lists {len(names)}"))
        for need in REQUIRED["gdelt"] + OPTIONAL["gdelt"]:
            if names and need not in names:
                problems.append(Problem(name, None, "name", f"GDELT {version} lacks {need!r}"))
    _check(problems)
    return {v: tuple(n) for v, n in out.items()}


def gdelt_columns(version: str = "2.0") -> list[str]:
    """The columns of a raw, header-less GDELT event file, in order ("2.0": 61; "1.0": 58 with SOURCEURL)."""
    return list(_gdelt_columns()[version])
