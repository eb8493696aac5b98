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
from .read import Source, open_source, resolve, structure_problems
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


def _read(path: Path, layout: str, mapping: Mapping[str, str] | None, encoding: str, base: Dataset
          ) -> tuple[Source, str, dict[str, str], pd.DataFrame]:
    with open_source(path, encoding) as (con, source):
        layout, columns = resolve(source, layout, mapping)
        safe = positions(source, columns)
        picks = ", ".join(f"coalesce({c}, '') AS {c}" for c in sorted(set(safe.values()), key=lambda c: int(c[1:])))
        con.execute(f"CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS _row, {picks} "
                    f"FROM {rejecting(source, 'rejects')}", source.params)
        if source.kind == "csv":
            problems = structure_problems(con, source, "rejects")
            if problems:
                raise DataError(problems)
        if not con.execute("SELECT count(*) FROM raw").fetchone()[0]:
            raise DataError([Problem(source.file, source.header_lines or 1, None,
                                     "file has a header but no data rows" if source.has_header else "no data rows")])
        check_rows(con, source, layout, columns, safe, "raw", "raw", {})
        select = [f"{c} AS {c}" for c in sorted(set(safe.values()), key=lambda c: int(c[1:]))]
        params: dict[str, object] = {}
        if layout == "acled" and "notes" in safe:
            expr, params = weapon_sql(safe["notes"], base.weapon_systems)
            select.append(f"{expr} AS _weapon")
        frame = con.execute(f"SELECT {', '.join(select)} FROM raw ORDER BY _row", params).df()
    frame = frame.rename(columns={c: ours for ours, c in safe.items()})
    for ours, c in safe.items():  # one file column mapped to two of ours
        if ours not in frame:
            frame[ours] = frame[next(o for o, cc in safe.items() if cc == c and o in frame)]
    return source, layout, columns, frame


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column] if column in frame else pd.Series("", index=frame.index, dtype="str")


def _by_value(values: pd.Series, fn: Any) -> pd.Series:
    """`fn` applied once per distinct value (actor names and codes repeat on thousands of rows)."""
    codes, uniques = pd.factorize(values)
    results = np.empty(len(uniques), dtype=object)
    for i, u in enumerate(uniques):
        results[i] = fn(u)
    return pd.Series(results[codes], index=values.index)


def _map_acled(raw: pd.DataFrame, base: Dataset) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    table = _acled()
    key = pd.MultiIndex.from_frame(table[["event_type", "sub_event_type"]])
    pos = key.get_indexer(pd.MultiIndex.from_frame(raw[["event_type", "sub_event_type"]]))
    pick = table.iloc[pos].reset_index(drop=True)
    notes = _text(raw, "notes")
    summary = notes.where(notes.ne(""), raw["sub_event_type"] + " (" + raw["event_type"] + ") by " + raw["actor1"])
    precision = _text(raw, "time_precision").map(PRECISION) if "time_precision" in raw else pd.Series(
        "day", index=raw.index)
    matched = raw["_weapon"].where(raw["_weapon"].ne("")) if "_weapon" in raw else pd.Series(pd.NA, index=raw.index)
    source = _text(raw, "source")
    out = pd.DataFrame({
        "id": raw["event_id_cnty"] if "event_id_cnty" in raw else "row" + pd.Series(np.arange(1, len(raw) + 1),
                                                                                   index=raw.index).astype(str),
        "date": parse_dates(raw["event_date"], "acled"),
        "date_precision": precision,
        "actor": raw["actor1"],
        "country": "",
        "location": _text(raw, "location").replace("", pd.NA),
        "kind": pick["kind"].to_numpy(),
        "weapon_id": weapon_ids(matched, base.weapon_systems).to_numpy(),
        "summary": summary,
        "cameo_code": pick["cameo_code"].to_numpy(),
        "goldstein": pick["goldstein"].to_numpy(),
        "note": ("Sources (per ACLED): " + source).where(source.ne("")) if "source" in raw else pd.NA,
    })
    if "fatalities" in raw:
        out["fatalities"] = pd.to_numeric(raw["fatalities"].replace("", pd.NA)).astype("Int64")

    def rule(name: str) -> tuple[str, str]:
        m = STATE_ACTOR.match(str(name))
        if not m:
            return "other", "other: not state forces"
        state = m.group(1).strip()
        return (NAME_SIDE[state], f"state forces of {state}") if state in NAME_SIDE else (
            "other", "other: state forces of a state outside the three groups")

    ruled = _by_value(out["actor"], rule)
    out["side"] = ruled.str[0]
    return out, {"side": ruled.str[1].value_counts().to_dict(),
                 "time_precision": precision.value_counts().to_dict()}


def _map_gdelt(raw: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    code = raw["EventCode"]
    cameo = _cameo().set_index("code")
    name = _text(raw, "Actor1Name")
    if "Actor1Code" in raw:
        name = name.where(name.ne(""), raw["Actor1Code"])
    name = name.where(name.ne(""), NO_ACTOR)
    country = _text(raw, "Actor1CountryCode")
    target = _text(raw, "Actor2Name")
    summary = code.map(cameo["name"]).astype(str) + " — " + name + target.where(target.eq(""), " → " + target)
    out = pd.DataFrame({
        "id": ("gdelt" + raw["GLOBALEVENTID"]) if "GLOBALEVENTID" in raw
        else "row" + pd.Series(np.arange(1, len(raw) + 1), index=raw.index).astype(str),
        "date": parse_dates(raw["SQLDATE"], "gdelt"),
        "date_precision": "day",
        "actor": name,
        "country": country,
        "location": _text(raw, "ActionGeo_FullName").replace("", pd.NA),
        "kind": _by_value(code, gdelt_kind),
        "weapon_id": pd.NA,
        "summary": summary,
        "cameo_code": code,
        "goldstein": pd.to_numeric(raw["GoldsteinScale"]).astype("float64"),
        "note": pd.NA,
    })
    for ours, theirs in (("avg_tone", "AvgTone"), ("num_mentions", "NumMentions")):
        if theirs in raw:
            values = pd.to_numeric(raw[theirs].replace("", pd.NA))
            out[ours] = values.astype("Int64" if ours == "num_mentions" else "float64")
    out["side"] = _by_value(country, side_of_country)
    listed = out["side"].ne("other")
    rules = {"side": {"Actor1CountryCode of a listed state": int(listed.sum()),
                      "other: Actor1CountryCode empty or of another state": int((~listed).sum())}}
    return out, rules


def _events(mapped: pd.DataFrame, source: Source, base: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `events` table with the bundled dtypes and joined columns, and the file's `actors`."""
    ref = base.events
    keys = pd.MultiIndex.from_frame(mapped[["actor", "country", "side"]].astype(str))
    codes, uniques = pd.factorize(keys, sort=True)
    width = len(str(len(uniques)))
    actor_ids = pd.Series([f"ext_{k:0{width}d}" for k in range(1, len(uniques) + 1)], dtype="string")
    actors = pd.DataFrame({
        "id": actor_ids,
        "name": pd.Series(uniques.get_level_values(0), dtype="string"),
        "role": pd.Series(f"As named in {source.file}", index=range(len(uniques)), dtype="string"),
        "country": pd.Series(uniques.get_level_values(1), dtype="string"),
        "side": pd.Categorical(uniques.get_level_values(2), dtype=base.actors["side"].dtype),
    })
    cameo = _cameo().set_index("code")
    weapons = base.weapon_systems.set_index("id")["name"]
    n = len(mapped)
    events = pd.DataFrame({
        "id": mapped["id"].astype("string"),
        "date": mapped["date"],
        "date_precision": pd.Categorical(mapped["date_precision"], dtype=ref["date_precision"].dtype),
        "actor_id": pd.Series(pd.Categorical.from_codes(codes, categories=actor_ids), index=mapped.index
                              ).astype("string"),
        "location": mapped["location"].astype("string"),
        "kind": pd.Categorical(mapped["kind"], dtype=ref["kind"].dtype),
        "weapon_id": mapped["weapon_id"].astype("string"),
        "summary": mapped["summary"].astype("string"),
        "cameo_code": mapped["cameo_code"].astype("string"),
        "goldstein": mapped["goldstein"].astype("float64"),
        "source_ids": pd.Series(IMPORT_SOURCE, index=mapped.index, dtype="string"),
        "note": mapped["note"].astype("string") if isinstance(mapped["note"], pd.Series)
        else pd.Series(pd.NA, index=mapped.index, dtype="string"),
    })
    events["actor"] = mapped["actor"].astype("string")
    events["side"] = pd.Categorical(mapped["side"], dtype=ref["side"].dtype)
    events["weapon"] = events["weapon_id"].map(weapons).astype("string")
    events["quad_class"] = events["cameo_code"].map(cameo["quad_class"]).astype("Int64")
    events["cameo_name"] = events["cameo_code"].map(cameo["name"]).astype("string")
    for extra in ("fatalities", "avg_tone", "num_mentions"):
        if extra in mapped:
            events[extra] = mapped[extra].to_numpy()
    assert len(events) == n
    return events.reset_index(drop=True), actors


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
    mapped, rules = _map_acled(raw, base) if layout == "acled" else _map_gdelt(raw)
    if sides:
        hit = mapped["actor"].isin(list(sides))
        mapped.loc[hit, "side"] = mapped.loc[hit, "actor"].map(sides)
        rules["side"] = {**{k: v for k, v in rules["side"].items()}, "placed by sides=": int(hit.sum())}
        if hit.any():
            rules["side"]["(the rows above count before sides= was applied)"] = 0
    events, actors = _events(mapped, source, base)
    rules["kind"] = events["kind"].astype(str).value_counts().to_dict()
    rules["weapon"] = (events["weapon_id"].fillna("(none named)").value_counts().to_dict()
                       if layout == "acled" and "notes" in columns
                       else {"(no text to search: the file has no notes column)": len(events)})
    cameo = _cameo().set_index("code")
    used = cameo.loc[sorted(set(events["cameo_code"].dropna()))].reset_index()
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
