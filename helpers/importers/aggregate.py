"""The out-of-core import: an ACLED or GDELT file of any size aggregated by DuckDB into the small tables the
charts draw.

The file is read by the same reader as `load_events_csv` and checked by the same `validate.check_rows` — a CSV
parsed once into a DuckDB table of the needed columns, which spills to disk past `memory_limit`; Parquet
streamed — so both paths accept and reject the same rows with the same messages. Values are cast only after
every row has passed, then three plain-SQL queries aggregate it; dates, sides and ACLED's Goldstein values are
mapped afterwards, in pandas, on the small result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data import DataError, Problem
from ..sentiment import index_from_daily as formula
from .codebooks import OPTIONAL, REQUIRED, _acled
from .load import positions, rejecting
from .read import duckdb_reason, open_source, quote, resolve, structure_problems
from .rules import NO_ACTOR, side_of_acled_actor, side_of_country
from .validate import check_rows, parse_dates


@dataclass(frozen=True)
class EventAggregates:
    """The small tables the charts draw, computed without loading the rows.

    - `daily`: date, events, coded (rows with a Goldstein value), mean, min (and `tone` for GDELT)
    - `actors`: actor, country, side, events, coded, mean — one row per actor
    - `actor_daily`: date, actor, events, coded, mean — for the `top_actors` most frequent actors
    """

    daily: pd.DataFrame
    actors: pd.DataFrame
    actor_daily: pd.DataFrame
    layout: str
    rows: int


def aggregation_sql(layout: str, source: str, top_actors: int = 20,
                    columns: Mapping[str, str] | None = None) -> dict[str, str]:
    """The three aggregation queries for `layout`, reading from `source` (a table name or a DuckDB reader).

    Plain SQL — GROUP BY, COUNT, SUM, MIN, COALESCE, a join on a ranked sub-query — so the GDELT queries run
    unchanged in BigQuery with `source` = `gdelt-bq.gdeltv2.events` (backquoted), or in MotherDuck on a table
    there. Dates, sides and (for ACLED) Goldstein values are mapped afterwards, in pandas, on the small result.
    `columns` ({our name: the file's column}) names the columns present; all of the layout's when None.
    """
    names = REQUIRED[layout] + OPTIONAL[layout]
    present = dict(columns) if columns is not None else {n: n for n in names}

    def col(name: str, prefix: str = "") -> str:
        # Plain names stay unquoted: BigQuery reads "x" as a string, DuckDB and BigQuery both read x as a column.
        real = present[name]
        return prefix + (real if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", real) else quote(real))

    if layout == "gdelt":
        def actor(prefix: str = "") -> str:
            have = [col(n, prefix) for n in ("Actor1Name", "Actor1Code") if n in present]
            return f"COALESCE({', '.join(have)})" if len(have) > 1 else (have[0] if have else "NULL")

        def measures(prefix: str = "") -> str:
            gold = col("GoldsteinScale", prefix)
            return (f"COUNT(*) AS events, COUNT({gold}) AS coded, SUM({gold}) AS goldstein_sum, "
                    f"MIN({gold}) AS goldstein_min")

        day = col("SQLDATE")
        country = col("Actor1CountryCode") if "Actor1CountryCode" in present else "NULL"
        tone = f"AVG({col('AvgTone')})" if "AvgTone" in present else "NULL"
        daily = f"SELECT {day} AS day, {measures()}, {tone} AS tone FROM {source} GROUP BY {day}"
        actors = (f"SELECT {actor()} AS actor, {country} AS country, {measures()} FROM {source} "
                  f"GROUP BY {actor()}, {country}")
        select = f"{col('SQLDATE', 'e.')} AS day, {actor('e.')} AS actor, {measures('e.')}"
        group = f"{col('SQLDATE', 'e.')}, {actor('e.')}"
    else:
        def actor(prefix: str = "") -> str:
            return col("actor1", prefix)

        day, etype, sub = col("event_date"), col("event_type"), col("sub_event_type")
        daily = (f"SELECT {day} AS day, {etype} AS event_type, {sub} AS sub_event_type, COUNT(*) AS events "
                 f"FROM {source} GROUP BY {day}, {etype}, {sub}")
        actors = (f"SELECT {actor()} AS actor, {etype} AS event_type, {sub} AS sub_event_type, COUNT(*) AS events "
                  f"FROM {source} GROUP BY {actor()}, {etype}, {sub}")
        keys = [col(n, "e.") for n in ("event_date", "actor1", "event_type", "sub_event_type")]
        select = (f"{keys[0]} AS day, {keys[1]} AS actor, {keys[2]} AS event_type, {keys[3]} AS sub_event_type, "
                  "COUNT(*) AS events")
        group = ", ".join(keys)
    top = (f"SELECT {actor()} AS top_actor FROM {source} WHERE {actor()} IS NOT NULL "
           f"GROUP BY {actor()} ORDER BY COUNT(*) DESC, top_actor LIMIT {int(top_actors)}")
    actor_daily = (f"SELECT {select} FROM {source} AS e JOIN ({top}) AS t ON {actor('e.')} = t.top_actor "
                   f"GROUP BY {group}")
    return {"daily": daily, "actors": actors, "actor_daily": actor_daily}


def _finish_gdelt(frames: dict[str, pd.DataFrame], file: str, columns: dict[str, str]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, f in frames.items():
        f = f.copy()
        day = pd.to_datetime(f["day"].astype("Int64").astype(str), format="%Y%m%d", errors="coerce") \
            if "day" in f else None  # every value was checked before the cast: none is missing
        if day is not None:
            bad = day.isna()
            if bad.any():
                values = ", ".join(f"{v!r} ({n:,} rows)" for v, n in zip(f.loc[bad, "day"], f.loc[bad, "events"],
                                                                          strict=True))
                raise DataError([Problem(file, None, columns.get("SQLDATE", "SQLDATE"),
                                         f"not a date in GDELT's YYYYMMDD form: {values}")])
            f.insert(0, "date", day.astype("datetime64[s]"))
            f = f.drop(columns="day")
        f["mean"] = f["goldstein_sum"] / f["coded"].where(f["coded"] > 0)
        f = f.rename(columns={"goldstein_min": "min"}).drop(columns="goldstein_sum")
        if "actor" in f:
            f["actor"] = f["actor"].fillna(NO_ACTOR)
        if "country" in f:
            f["country"] = f["country"].fillna("")
            f["side"] = f["country"].map(side_of_country)
        out[name] = f
    return out


def _finish_acled(frames: dict[str, pd.DataFrame], file: str, columns: dict[str, str]) -> dict[str, pd.DataFrame]:
    table = _acled()
    key = pd.MultiIndex.from_frame(table[["event_type", "sub_event_type"]])
    out = {}
    for name, f in frames.items():
        pos = key.get_indexer(pd.MultiIndex.from_frame(f[["event_type", "sub_event_type"]].fillna("")))
        if (pos < 0).any():
            bad = f[pos < 0].groupby(["event_type", "sub_event_type"], dropna=False)["events"].sum()
            raise DataError([Problem(file, None, columns.get("sub_event_type", "sub_event_type"),
                                     f"({t!r}, {s!r}) is not an ACLED event/sub-event type pair ({n:,} rows)")
                             for (t, s), n in bad.items()])
        gold = table["goldstein"].to_numpy()[pos]
        f = f.assign(coded=f["events"].where(pd.notna(gold), 0), goldstein_sum=f["events"] * gold,
                     goldstein_min=gold)
        keys = []
        if "day" in f:
            raw = f["day"].fillna("")
            day = parse_dates(raw, "acled")
            if day.isna().any():
                bad = f[day.isna()].groupby("day", dropna=False)["events"].sum()
                raise DataError([Problem(file, None, columns.get("event_date", "event_date"),
                                         f"{v!r} is not a date ({n:,} rows)") for v, n in bad.items()])
            f = f.assign(date=day)
            keys.append("date")
        if "actor" in f:
            keys.append("actor")
        g = f.groupby(keys, sort=True).agg(events=("events", "sum"), coded=("coded", "sum"),
                                           goldstein_sum=("goldstein_sum", "sum"), min=("goldstein_min", "min"))
        g = g.reset_index()
        g["mean"] = g["goldstein_sum"] / g["coded"].where(g["coded"] > 0)
        g = g.drop(columns="goldstein_sum")
        if name == "actors":
            g = g.drop(columns="min")
            g.insert(1, "country", "")
            g["side"] = g["actor"].map(side_of_acled_actor)
            g = g.sort_values(["events", "actor"], ascending=[False, True])
        out[name] = g.reset_index(drop=True)
    return out



def _cast(table: str, safe: dict[str, str], layout: str) -> str:
    """The rows with GDELT's numbers cast — only once every value has been checked as text."""
    if layout != "gdelt":
        return table
    casts = {"SQLDATE": "BIGINT", "GoldsteinScale": "DOUBLE", "AvgTone": "DOUBLE"}
    parts = [f"CAST(nullif({safe[c]}, '') AS {t}) AS {safe[c]}" for c, t in casts.items() if c in safe]
    return f"(SELECT * REPLACE ({', '.join(parts)}) FROM {table})"


def aggregate_events(path: str | Path, layout: str = "auto", mapping: Mapping[str, str] | None = None,
                     top_actors: int = 20, memory_limit: str = "1GB", threads: int | None = None,
                     temp_directory: str | Path | None = None, encoding: str = "utf-8") -> EventAggregates:
    """Aggregate an ACLED or GDELT file (the files `load_events_csv` reads) of any size with DuckDB, out of core.

    DuckDB streams the file and spills to `temp_directory` past `memory_limit`, so the file may be far
    larger than memory; pandas only receives the aggregates (a few rows a day). The checks and the mapping
    are the ones `load_events_csv` applies, so `daily` equals what `sentiment.daily_index` computes from the
    loaded events; `index_from_daily(agg.daily)` turns it into the index the escalation chart draws.
    """
    import duckdb  # here, not at the top: 80 ms to import, and loading the bundled data never needs it

    path = Path(path)
    # Insertion order kept: a failed check names rows by their position in the file.
    config: dict[str, object] = {"memory_limit": str(memory_limit), "preserve_insertion_order": True}
    if threads:
        config["threads"] = int(threads)
    if temp_directory:
        config["temp_directory"] = str(temp_directory)
    try:
        with open_source(path, encoding, config) as (con, source):
            layout, columns = resolve(source, layout, mapping)
            safe = positions(source, columns)
            if source.kind == "csv":
                # Parsed once into a table of the needed columns (DuckDB spills it to disk past memory_limit):
                # the checks and the three queries then read it, not the text again.
                needed = ", ".join(sorted(set(safe.values()), key=lambda c: int(c[1:])))
                con.execute(f"CREATE TEMP TABLE raw AS SELECT {needed} FROM {rejecting(source, 'rejects')}",
                            source.params)
                problems = structure_problems(con, source, "rejects")
                if problems:
                    raise DataError(problems)
                table, rows_src, params = "raw", "(SELECT rowid + 1 AS _row, * FROM raw)", {}
            else:
                table, params = source.reader, source.params
                rows_src = f"(SELECT row_number() OVER () AS _row, * FROM {source.reader})"
            rows = con.execute(f"SELECT count(*) FROM {table}", params).fetchall()[0][0]
            if not rows:
                raise DataError([Problem(source.file, source.header_lines or 1, None,
                                         "file has a header but no data rows" if source.has_header
                                         else "no data rows")])
            check_rows(con, source, layout, columns, safe, table, rows_src, params)
            queries = aggregation_sql(layout, _cast(table, safe, layout), top_actors, safe)
            frames = {name: con.execute(sql, params).df() for name, sql in queries.items()}
    except duckdb.Error as exc:
        raise DataError([Problem(path.name, None, None,
                                 f"DuckDB could not read the file: {duckdb_reason(exc)}")]) from None
    finish = _finish_gdelt if layout == "gdelt" else _finish_acled
    frames = finish(frames, source.file, columns)
    return EventAggregates(**_standard(frames), layout=layout, rows=int(frames["daily"]["events"].sum()))

def _standard(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Columns in one order and rows sorted, whichever way the tables were computed."""
    order = {
        "daily": (["date", "events", "coded", "mean", "min", "tone"], ["date"], [True]),
        "actors": (["actor", "country", "side", "events", "coded", "mean"], ["events", "actor"], [False, True]),
        "actor_daily": (["date", "actor", "events", "coded", "mean", "min"], ["date", "actor"], [True, True]),
    }
    out = {}
    for name, (cols, by, ascending) in order.items():
        f = frames[name]
        if name == "actors" and "country" in f:
            by, ascending = [*by, "country"], [*ascending, True]
        f = f[[c for c in cols if c in f]].sort_values(by, ascending=ascending, kind="stable")
        out[name] = f.astype({"events": "int64", "coded": "int64"}).reset_index(drop=True)
    return out


def summarise(events: pd.DataFrame, top_actors: int = 20) -> EventAggregates:
    """The daily, per-actor and top actors' daily tables of `aggregate_events`, from events in memory."""

    def measures(groups: pd.api.typing.DataFrameGroupBy) -> pd.DataFrame:
        return groups.agg(events=("goldstein", "size"), coded=("goldstein", "count"),
                          mean=("goldstein", "mean"), min=("goldstein", "min")).reset_index()

    e = events.assign(actor=events["actor"].astype(str), side=events["side"].astype(str))
    actors = measures(e.groupby(["actor", "side"]))
    named = actors[actors["actor"] != NO_ACTOR]
    top = named.sort_values(["events", "actor"], ascending=[False, True])["actor"].head(top_actors)
    frames = {"daily": measures(e.groupby("date")), "actors": actors,
              "actor_daily": measures(e[e["actor"].isin(top)].groupby(["date", "actor"]))}
    return EventAggregates(**_standard(frames), layout="memory", rows=len(events))


def index_from_daily(daily: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """`sentiment.daily_index` computed from daily aggregates (`aggregate_events(...).daily`), not from rows.

    One formula: `sentiment.index_from_daily`, which `sentiment.daily_index` also uses.
    """
    return formula(daily[["date", "coded", "mean", "min"]], window)
