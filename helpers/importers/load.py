"""The in-memory import: an ACLED or GDELT event file as a `Dataset` the explorers and charts take.

DuckDB reads the file (`read.open_source`) into a private in-memory table, `validate.check_rows` checks every
row, the weapon names in ACLED notes are found in the same pass (RE2, word-bounded), and the mapping onto our
schema is vectorised in pandas: nothing loops over rows in Python.

How each layout maps is documented in `helpers/importers/__init__.py` and the README; `package["x-import"]`
reports every column of the file (mapped, or ignored by name) and how many rows each rule placed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..assemble import dataset_from_frames, source_row
from ..data import DataError, Dataset, Problem, load_dataset
from .codebooks import _acled, _cameo
from .read import Source, open_source, quote, resolve, structure_problems
from .rules import (
    NAME_SIDE,
    NO_ACTOR,
    STATE_ACTOR,
    check_sides,
    gdelt_kind,
    side_of_country,
    weapon_ids,
    weapon_sql,
)
from .validate import check_rows, parse_dates

IMPORT_SOURCE = "import"
MAX_BYTES = 4 << 30  # an in-memory load of more than this is better aggregated out of core
PRECISION = {"": "day", "1": "day", "2": "week", "3": "month"}


def positions(source: Source, columns: dict[str, str]) -> dict[str, str]:
    """Our column name → the file column's positional name (c0, c1 …) in the reader."""
    return {ours: f"c{source.header.index(theirs)}" for ours, theirs in columns.items()}


def rejecting(source: Source, table: str) -> str:
    """The reader, keeping rows it cannot split in `table` instead of stopping at the first one."""
    if source.kind != "csv":
        return source.reader
    return source.reader[:-1] + f", store_rejects = true, rejects_table = '{table}', rejects_scan = '{table}_scan')"


# Columns with few distinct values come out of DuckDB as categoricals (an ENUM each): mapping then runs once per
# distinct value and is taken by code, and no Python string is made per row for them.
FEW_VALUES = {
    "acled": ["event_date", "event_type", "sub_event_type", "actor1", "time_precision", "location", "source"],
    "gdelt": ["SQLDATE", "EventCode", "Actor1Name", "Actor1Code", "Actor1CountryCode", "Actor2Name",
              "ActionGeo_FullName"],
}
NUMBERS = {"GoldsteinScale": "DOUBLE", "AvgTone": "DOUBLE", "NumMentions": "BIGINT", "fatalities": "BIGINT"}


def _order(names: set[str]) -> list[str]:
    return sorted(names, key=lambda c: int(c[1:]))


def _read(path: Path, layout: str, mapping: Mapping[str, str] | None, encoding: str, base: Dataset
          ) -> tuple[Source, str, dict[str, str], pd.DataFrame]:
    with open_source(path, encoding) as (con, source):
        layout, columns = resolve(source, layout, mapping)
        safe = positions(source, columns)
        picks = [f"coalesce({c}, '') AS {c}" for c in _order(set(safe.values()))]
        params: dict[str, object] = dict(source.params)
        if layout == "acled" and "notes" in safe:
            expr, found = weapon_sql(f"coalesce({safe['notes']}, '')", base.weapon_systems)
            picks.append(f"{expr} AS _weapon")
            params.update(found)
        # A table keeps the file's order: its rowid is the data row (less one).
        con.execute(f"CREATE TEMP TABLE raw AS SELECT {', '.join(picks)} FROM {rejecting(source, 'rejects')}", params)
        if source.kind == "csv":
            problems = structure_problems(con, source, "rejects")
            if problems:
                raise DataError(problems)
        if not con.execute("SELECT count(*) FROM raw").fetchall()[0][0]:
            raise DataError([Problem(source.file, source.header_lines or 1, None,
                                     "file has a header but no data rows" if source.has_header else "no data rows")])
        check_rows(con, source, layout, columns, safe, "raw", "(SELECT rowid + 1 AS _row, * FROM raw)", {})
        select = []
        few = [*[c for c in FEW_VALUES[layout] if c in safe], *(["_weapon"] if layout == "acled" and "notes" in safe
                                                                 else [])]
        for i, ours in enumerate(few):
            col = safe.get(ours, ours)
            con.execute(f"CREATE TYPE few{i} AS ENUM (SELECT DISTINCT {col} FROM raw WHERE {col} IS NOT NULL)")
            select.append(f"CAST({col} AS few{i}) AS {quote(ours)}")
        for ours, c in safe.items():
            if ours in NUMBERS:  # every value checked as text first: the cast cannot fail
                select.append(f"CAST(nullif({c}, '') AS {NUMBERS[ours]}) AS {quote(ours)}")
            elif ours == "GLOBALEVENTID":
                select.append(f"'gdelt' || {c} AS {quote(ours)}")
            elif ours not in few:
                select.append(f"{c} AS {quote(ours)}")
        frame = con.execute(f"SELECT {', '.join(select)} FROM raw", {}).df()  # a table keeps its order
    return source, layout, columns, frame


def _per_value(values: pd.Series, fn: Any, missing: Any = None) -> np.ndarray:
    """`fn` of each category of a categorical, taken for every row (`missing` where a row has none)."""
    cats = values.cat.categories
    out = np.empty(len(cats) + 1, dtype=object)
    for i, value in enumerate(cats):
        out[i] = fn(value)
    out[-1] = missing
    return out[values.cat.codes.to_numpy()]


def _codes(values: pd.Series | None, n: int) -> tuple[np.ndarray, pd.Index]:
    if values is None:
        return np.zeros(n, dtype=np.int64), pd.Index([""])
    return values.cat.codes.to_numpy().astype(np.int64), pd.Index(values.cat.categories)


def _combine(parts: list[tuple[np.ndarray, pd.Index]], fn: Any) -> tuple[np.ndarray, list[Any]]:
    """Codes of each row's combination of categorical values, and `fn(*values)` for each combination."""
    key = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, cats in parts:
        key = key * (len(cats) + 1) + codes + 1
    codes, uniques = pd.factorize(key)
    uniques = np.asarray(uniques, dtype=np.int64)
    columns = []
    for _, cats in reversed(parts):
        k = uniques % (len(cats) + 1) - 1
        uniques = uniques // (len(cats) + 1)
        values = np.append(np.asarray(cats, dtype=object), "")
        columns.append(values[k].tolist())  # k = -1 (no value) takes the "" appended last
    return codes, [fn(*v) for v in zip(*reversed(columns), strict=True)]


def _acled_side(name: str) -> tuple[str, str]:
    m = STATE_ACTOR.match(str(name))
    if not m:
        return "other", "other: not state forces"
    state = m.group(1).strip()
    return (NAME_SIDE[state], f"state forces of {state}") if state in NAME_SIDE else (
        "other", "other: state forces of a state outside the three groups")


def _map(raw: pd.DataFrame, layout: str, base: Dataset, sides: dict[str, str]
         ) -> tuple[dict[str, Any], dict[str, dict[str, int]]]:
    """Column arrays of the events table (before dtypes) and the row counts of each mapping rule."""
    n = len(raw)
    col = raw.get
    out: dict[str, Any] = {}
    rules: dict[str, dict[str, int]] = {}
    date_col = "event_date" if layout == "acled" else "SQLDATE"
    out["date"] = parse_dates(pd.Series(raw[date_col].cat.categories), layout).to_numpy()[
        raw[date_col].cat.codes.to_numpy()]
    location = col("ActionGeo_FullName" if layout == "gdelt" else "location")
    out["location"] = _per_value(location, lambda v: v or None) if location is not None else np.full(n, None)
    if layout == "acled":
        table = _acled()
        index = {pair: i for i, pair in enumerate(zip(table["event_type"], table["sub_event_type"], strict=True))}
        pair_codes, _ = _combine([_codes(raw["event_type"], n), _codes(raw["sub_event_type"], n)],
                                 lambda t, s: index[(t, s)])
        pair = np.asarray(_, dtype=np.int64)[pair_codes]
        out["kind"] = table["kind"].to_numpy()[pair]
        out["cameo_code"] = table["cameo_code"].astype(object).to_numpy()[pair]
        out["goldstein"] = table["goldstein"].to_numpy()[pair]
        out["id"] = (raw["event_id_cnty"].to_numpy() if "event_id_cnty" in raw
                     else np.char.add("row", np.arange(1, n + 1).astype(str)).astype(object))
        precision = raw.get("time_precision")
        out["date_precision"] = (_per_value(precision, PRECISION.get) if precision is not None
                                 else np.full(n, "day", dtype=object))
        notes = raw["notes"].to_numpy(dtype=object) if "notes" in raw else np.full(n, "", dtype=object)
        summary = notes.copy()
        empty = summary == ""
        if empty.any():
            codes, made = _combine([_codes(raw["sub_event_type"][empty], int(empty.sum())),
                                    _codes(raw["event_type"][empty], int(empty.sum())),
                                    _codes(raw["actor1"][empty], int(empty.sum()))],
                                   lambda s, t, a: f"{s} ({t}) by {a}")
            summary[empty] = np.asarray(made, dtype=object)[codes]
        out["summary"] = summary
        source = raw.get("source")
        out["note"] = (_per_value(source, lambda v: f"Sources (per ACLED): {v}" if v else None)
                       if source is not None else np.full(n, None))
        if "fatalities" in raw:
            out["fatalities"] = raw["fatalities"].astype("Int64").array
        weapon = raw.get("_weapon")
        out["weapon_id"] = (_per_value(weapon, lambda v: weapon_ids(pd.Series([v or None]), base.weapon_systems)[0])
                            if weapon is not None else np.full(n, None))
        actor_parts = [_codes(raw["actor1"], n)]
        country_parts = _codes(None, n)
        rules["time_precision"] = pd.Series(out["date_precision"]).value_counts().to_dict()
    else:
        cameo = _cameo().set_index("code")
        code = raw["EventCode"]
        out["cameo_code"] = _per_value(code, str)
        out["kind"] = _per_value(code, gdelt_kind)
        out["goldstein"] = raw["GoldsteinScale"].to_numpy(dtype="float64")
        out["id"] = (raw["GLOBALEVENTID"].to_numpy(dtype=object)
                     if "GLOBALEVENTID" in raw else np.char.add("row", np.arange(1, n + 1).astype(str)).astype(object))
        out["date_precision"] = np.full(n, "day", dtype=object)
        out["note"] = np.full(n, None)
        out["weapon_id"] = np.full(n, None)
        if "AvgTone" in raw:
            out["avg_tone"] = raw["AvgTone"].to_numpy(dtype="float64")
        if "NumMentions" in raw:
            out["num_mentions"] = raw["NumMentions"].astype("Int64").array
        actor_parts = [_codes(col("Actor1Name"), n), _codes(col("Actor1Code"), n)]
        country_parts = _codes(col("Actor1CountryCode"), n)
        target = _codes(col("Actor2Name"), n)
        names = cameo["name"].astype(str).to_dict()
        codes, made = _combine([_codes(code, n), *actor_parts, target], lambda c, a, b, t: (
            f"{names[c]} — {a or b or NO_ACTOR}" + (f" → {t}" if t else "")))
        out["summary"] = np.asarray(made, dtype=object)[codes]
    # Actors: each distinct (actor, country), named as the layout says, placed on a side once.
    gdelt = layout == "gdelt"
    codes, pairs = _combine([*actor_parts, country_parts], lambda *v: (
        ((v[0] or v[1] or NO_ACTOR) if gdelt else v[0]), v[-1]))
    placed = []
    for actor, country in pairs:
        side, rule = ((side_of_country(country), "Actor1CountryCode of a listed state" if side_of_country(country)
                       != "other" else "other: Actor1CountryCode empty or of another state") if gdelt
                      else _acled_side(actor))
        if actor in sides:
            side, rule = sides[actor], "placed by sides="
        placed.append((actor, country, side, rule))
    table = pd.DataFrame(placed, columns=["actor", "country", "side", "rule"])
    order = table.sort_values(["actor", "country"]).index.to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    out["_actor_code"] = rank[codes]
    out["_actors"] = table.iloc[order].reset_index(drop=True)
    counts = np.bincount(codes, minlength=len(pairs))
    rules["side"] = pd.Series(counts, index=table["rule"]).groupby(level=0).sum().to_dict()
    return out, rules


def _lookup(values: Any, table: Mapping[str, Any], dtype: str) -> pd.Series:
    """`table[value]` for each row, looked up once per distinct value (missing where the value is or has none)."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    found = pd.array([table.get(u) for u in uniques] + [None], dtype=dtype)
    return pd.Series(found[codes])


def _events(out: dict[str, Any], source: Source, base: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `events` table with the bundled dtypes and joined columns, and the file's `actors`."""
    ref = base.events
    table = out["_actors"]
    width = len(str(len(table)))
    actor_ids = pd.Index([f"ext_{k:0{width}d}" for k in range(1, len(table) + 1)])
    actors = pd.DataFrame({
        "id": pd.Series(actor_ids, dtype="string"),
        "name": table["actor"].astype("string"),
        "role": pd.Series(f"As named in {source.file}", index=table.index, dtype="string"),
        "country": table["country"].astype("string"),
        "side": pd.Categorical(table["side"], dtype=base.actors["side"].dtype),
    })
    code = out["_actor_code"]
    cameo = _cameo().set_index("code")
    weapons = base.weapon_systems.set_index("id")["name"].astype(str)

    def text(values: Any) -> pd.Series:
        return pd.Series(pd.array(values, dtype="string"))

    def few(values: Any) -> pd.Series:  # repeated values: through a categorical, so each string is checked once
        return pd.Series(pd.Categorical(values)).astype("string")


    events = pd.DataFrame({
        "id": text(out["id"]),
        "date": pd.Series(out["date"]).astype("datetime64[s]"),
        "date_precision": pd.Categorical(out["date_precision"], dtype=ref["date_precision"].dtype),
        "actor_id": pd.Series(pd.Categorical.from_codes(code, categories=actor_ids)).astype("string"),
        "location": few(out["location"]),
        "kind": pd.Categorical(out["kind"], dtype=ref["kind"].dtype),
        "weapon_id": few(out["weapon_id"]),
        "summary": text(out["summary"]),
        "cameo_code": few(out["cameo_code"]),
        "goldstein": pd.Series(out["goldstein"], dtype="float64"),
        "source_ids": pd.Series(pd.Categorical.from_codes(np.zeros(len(code), dtype=np.int8), categories=[
            IMPORT_SOURCE])).astype("string"),
        "note": few(out["note"]),
    })
    events["actor"] = pd.Series(pd.Categorical.from_codes(code, categories=table["actor"])).astype("string")
    events["side"] = pd.Categorical.from_codes(
        pd.Categorical(table["side"], dtype=ref["side"].dtype).codes[code], dtype=ref["side"].dtype)
    events["weapon"] = _lookup(out["weapon_id"], weapons.to_dict(), "string")
    events["quad_class"] = _lookup(out["cameo_code"], cameo["quad_class"].to_dict(), "Int64")
    events["cameo_name"] = _lookup(out["cameo_code"], cameo["name"].astype(str).to_dict(), "string")
    for extra in ("fatalities", "avg_tone", "num_mentions"):
        if extra in out:
            events[extra] = out[extra]
    return events, actors


def load_events_csv(path: str | Path, layout: str = "auto", mapping: Mapping[str, str] | None = None,
                    sides: Mapping[str, str] | None = None, period: tuple[str, str] | None = None,
                    base: Dataset | None = None, encoding: str = "utf-8", max_bytes: int = MAX_BYTES) -> Dataset:
    """Load an ACLED or GDELT event file as a `Dataset`.

    The file may be a CSV or TSV with a header (ACLED, BigQuery's GDELT extracts), a raw header-less GDELT 2.0
    or 1.0 event file, a `.zip` holding one of these, or Parquet.

    - `layout`: "auto" (from the header, or the shape of a raw GDELT file), "acled" or "gdelt".
    - `mapping`: {our column name: the file's column}, for exports whose columns are named otherwise,
      e.g. `{"event_date": "Date"}`; names that differ only in case are matched without one.
    - `sides`: {actor name: side} to place actors the automatic rule leaves in `other`.
    - `period`: the focus period ("YYYY-MM-DD", "YYYY-MM-DD"); the file's whole span when None.
    - `encoding`: "utf-8" (default) or "latin-1".
    - `max_bytes`: a larger file raises `DataError` pointing to `aggregate_events`, which reads out of core.

    The result's `events` has the bundled schema plus the joined columns; `actors` are the file's actors;
    weapon systems, milestones and sources are the bundled ones (sources gain one row, `import`, for the
    file); quotes and claims are empty. `package["x-import"]` lists every column (mapped or ignored) and
    counts the rows of each mapping rule. Raises `DataError` (file, line, column) for anything that does
    not map — the same rows, with the same messages, as `aggregate_events`.
    """
    path = Path(path)
    sides = check_sides(sides)
    if path.is_file() and path.stat().st_size > max_bytes:
        raise DataError([Problem(path.name, None, None, f"{path.stat().st_size / 2**30:.1f} GB is more than "
                                 f"load_events_csv holds in memory ({max_bytes / 2**30:.1f} GB): use "
                                 "aggregate_events(path), which reads it out of core, or raise max_bytes=")])
    base = base or load_dataset()
    source, layout, columns, raw = _read(path, layout, mapping, encoding, base)
    mapped, rules = _map(raw, layout, base, sides)
    events, actors = _events(mapped, source, base)
    rules["kind"] = {str(k): int(v) for k, v in events["kind"].value_counts().items() if v}
    rules["weapon"] = (events["weapon_id"].fillna("(none named)").value_counts().to_dict()
                       if layout == "acled" and "notes" in columns
                       else {"(no text to search: the file has no notes column)": len(events)})
    cameo = _cameo().set_index("code")
    used = cameo.loc[sorted(events["cameo_code"].dropna().unique())].reset_index()
    cameo_used = used.astype({"code": "string", "name": "string", "goldstein": "float64"})
    cameo_used["quad_class"] = pd.Categorical(cameo_used["quad_class"],
                                              dtype=base.cameo_goldstein["quad_class"].dtype)
    kind = "ACLED export" if layout == "acled" else (f"GDELT {source.gdelt_raw} raw events" if source.gdelt_raw
                                                     else "GDELT events")
    first, last = events["date"].min(), events["date"].max()
    start, end = period or (f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}")
    report = {
        "file": str(path), "layout": layout, "format": _format(source), "rows": len(events),
        "without_goldstein": int(events["goldstein"].isna().sum()),
        "with_weapon": int(events["weapon_id"].notna().sum()),
        "columns": {"mapped": dict(columns), "ignored": [h for h in source.header if h not in columns.values()]},
        "rules": {k: {str(a): int(b) for a, b in v.items()} for k, v in rules.items()},
        "lacks": _lacks(layout, columns),
        "note": "Reference tables (weapon systems, milestones, CAMEO codes) are the bundled ones; "
                "quotes and claims are empty.",
    }
    return dataset_from_frames(
        base, events, name=f"import-{path.stem}", title=f"{kind} from {path.name}",
        temporal={"start": f"{first:%Y-%m-%d}", "end": f"{last:%Y-%m-%d}", "focus_start": start, "focus_end": end},
        sources=source_row(base, IMPORT_SOURCE, str(path), f"{kind}: {path.name}", path.name),
        actors=actors, cameo=cameo_used, extra={"x-import": report})


def _format(source: Source) -> str:
    if source.kind == "parquet":
        return "Parquet"
    fmt = f"GDELT {source.gdelt_raw} raw (no header)" if source.gdelt_raw else (
        "TSV with a header" if source.delim == "\t" else "CSV with a header")
    return fmt + (", from a zip" if source.path.suffix.lower() == ".zip" else "")


def _lacks(layout: str, columns: dict[str, str]) -> list[str]:
    """What the explorers cannot show from this import, one line each."""
    out = ["statements: an event file carries no quotes, so the statement explorers have nothing to list"]
    if layout == "gdelt":
        out.append("weapon names: GDELT's event table has no text, so no event names a weapon system")
    elif "notes" not in columns:
        out.append("weapon names: the file has no notes column to find them in")
    return out
