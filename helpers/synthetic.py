"""Synthetic data of any size, for benchmarks and tests — never for teaching or analysis.

Every table has the dataset's schema and dtypes, so any chart builder or explorer that takes a
`Dataset` runs on it, but no row is a real event or statement: summaries say "Synthetic …", every row
cites the one source `src000` ("Synthetic data — not a real source") and nothing here is written into
`data/`. Actors, weapon systems and CAMEO codes are drawn from the bundled reference tables, and each
event's Goldstein value is GDELT's value for its code, so the cross-table rules of the real data hold.

Generation is vectorised (numpy) and deterministic: the same `n` and `seed` give the same rows.
Ids keep the schema's prefixes (`ev…`, `q…`) but widen past three digits once `n` reaches 1,000,
the one way a large synthetic table departs from `datapackage.json`.

The `write_*` functions make small files in the layouts of external conflict data (ACLED, GDELT),
so the importers in `helpers.importers` can be tested without real rows: ACLED's terms forbid
passing its data on.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from .assemble import dataset_from_frames, source_row
from .data import Dataset, load_dataset, phase_of
from .importers.codebooks import acled_mapping, cameo_table

SOURCE_ID = "src000"
SOURCE_OUTLET = "Synthetic data — not a real source"
START, END = "2022-02-24", "2024-11-30"

# Share of each event kind; a plausible mix (statements and warnings dominate, as in the real data).
KIND_WEIGHTS = {"statement": 0.40, "warning": 0.12, "strike": 0.14, "policy": 0.08, "authorisation": 0.03,
                "delivery": 0.04, "deployment": 0.04, "meeting": 0.06, "diplomacy": 0.05, "test": 0.01,
                "other": 0.03}

# Quote text is drawn from a fixed pool of sentences built from these parts (600 distinct texts).
_SUBJECTS = ["The ministry", "The president", "Officials", "The spokesperson", "The government", "Our partners"]
_VERBS = ["warned about", "condemned", "welcomed", "rejected", "discussed", "supported", "called for",
          "threatened a response to", "praised", "denied"]
_OBJECTS = ["the missile strike", "new military aid", "peace talks", "the escalation", "the nuclear doctrine",
            "the drone attack", "sanctions", "a ceasefire", "the decision on long-range weapons",
            "the war"]


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _ids(prefix: str, n: int) -> pd.Series:
    width = max(3, len(str(n)))
    return pd.Series([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype="string")


def _days(rng: np.random.Generator, n: int, start: str, end: str) -> np.ndarray:
    lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
    offsets = rng.integers(0, int((hi - lo).astype(int)) + 1, size=n)
    return (lo + offsets).astype("datetime64[s]")


def _pick(rng: np.random.Generator, values: pd.Series, n: int) -> np.ndarray:
    """Positions into `values` drawn uniformly."""
    return rng.integers(0, len(values), size=n)


def _strings(values: pd.Series, codes: np.ndarray) -> pd.Series:
    """`values[codes]` as a string Series, cheaply: through a Categorical, not a Python loop."""
    inverse, uniques = pd.factorize(values.astype(str).to_numpy())
    return pd.Series(pd.Categorical.from_codes(inverse[codes], categories=uniques)).astype("string")


def _reference(base: Dataset | None) -> Dataset:
    return base if base is not None else load_dataset()


def events(n: int, seed: int = 0, start: str = START, end: str = END, base: Dataset | None = None) -> pd.DataFrame:
    """`n` synthetic events between `start` and `end`, with the columns and dtypes of `Dataset.events`."""
    ds = _reference(base)
    rng = _rng(seed)
    actors, weapons, cameo = ds.actors, ds.weapon_systems, ds.cameo_goldstein
    a = _pick(rng, actors, n)
    kinds = list(KIND_WEIGHTS)
    k = rng.choice(len(kinds), size=n, p=np.array(list(KIND_WEIGHTS.values())))
    c = _pick(rng, cameo, n)
    has_weapon = rng.random(n) < 0.35
    w = np.where(has_weapon, _pick(rng, weapons, n), -1)
    precision = rng.choice(3, size=n, p=[0.9, 0.07, 0.03])
    date_precision = pd.Categorical.from_codes(precision, dtype=ds.events["date_precision"].dtype)
    kind_codes = pd.Index(ds.events["kind"].cat.categories).get_indexer(np.array(kinds)[k])
    kind = pd.Categorical.from_codes(kind_codes, dtype=ds.events["kind"].dtype)
    names = actors["name"].astype(str).to_numpy()
    summary_cats = [f"Synthetic {kk} by {nm}." for kk in ds.events["kind"].cat.categories for nm in names]
    summary = pd.Series(pd.Categorical.from_codes(kind_codes * len(names) + a, categories=summary_cats)
                        ).astype("string")
    weapon_id = _strings(weapons["id"], np.where(w < 0, 0, w)).where(w >= 0)
    weapon = _strings(weapons["name"], np.where(w < 0, 0, w)).where(w >= 0)
    frame = pd.DataFrame({
        "id": _ids("ev", n),
        "date": _days(rng, n, start, end),
        "date_precision": date_precision,
        "actor_id": _strings(actors["id"], a),
        "location": pd.Series(pd.NA, index=range(n), dtype="string"),
        "kind": kind,
        "weapon_id": weapon_id,
        "summary": summary,
        "cameo_code": _strings(cameo["code"], c),
        "goldstein": cameo["goldstein"].to_numpy()[c],
        "source_ids": pd.Series(SOURCE_ID, index=range(n), dtype="string"),
        "note": pd.Series(pd.NA, index=range(n), dtype="string"),
        "actor": _strings(actors["name"], a),
        "side": pd.Categorical.from_codes(actors["side"].cat.codes.to_numpy()[a], dtype=actors["side"].dtype),
        "weapon": weapon,
        "cameo_name": _strings(cameo["name"], c),
    })
    frame.insert(frame.columns.get_loc("cameo_name"), "quad_class",
                 pd.array(cameo["quad_class"].to_numpy()[c], dtype="Int64"))
    # A date known only to the week or month is its first day, as the loader requires.
    days = frame["date"]
    monday = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    frame["date"] = days.mask(precision == 1, monday).mask(precision == 2, days.dt.to_period("M").dt.start_time)
    frame["date"] = frame["date"].astype(days.dtype)
    frame["phase"] = phase_of(frame["date"], ds.package["temporal"])
    return frame


def sentences() -> list[str]:
    """The pool synthetic quotes draw their text from (plain sentences with words VADER scores)."""
    return [f"{s} {v} {o}." for s in _SUBJECTS for v in _VERBS for o in _OBJECTS]


def quotes(n: int, seed: int = 0, event_table: pd.DataFrame | None = None, base: Dataset | None = None,
           start: str = START, end: str = END) -> pd.DataFrame:
    """`n` synthetic quotes with the columns and dtypes of `Dataset.quotes`.

    About 40% belong to an event of `event_table` and 20% respond to one (dated on or after it);
    the last 5% are second renderings (`variant_of`) of earlier quotes, as outlets' wordings are.
    """
    ds = _reference(base)
    rng = _rng(seed + 1)
    actors = ds.actors
    pool = pd.Series(sentences())
    s = _pick(rng, actors, n)
    dates = _days(rng, n, start, end)
    event_id = pd.Series(pd.NA, index=range(n), dtype="string")
    responds_to = pd.Series(pd.NA, index=range(n), dtype="string")
    if event_table is not None and len(event_table):
        role = rng.random(n)
        e = _pick(rng, event_table, n)
        ev_ids = event_table["id"].to_numpy()[e]
        ev_dates = event_table["date"].to_numpy()[e]
        belongs, answers = role < 0.4, (role >= 0.4) & (role < 0.6)
        event_id[belongs] = ev_ids[belongs]
        responds_to[answers] = ev_ids[answers]
        lag = rng.integers(0, 3, size=n).astype("timedelta64[D]")
        linked = belongs | answers
        dates = np.where(linked, np.minimum(ev_dates + np.where(answers, lag, 0),
                                            np.datetime64(end, "s")), dates).astype("datetime64[s]")
    ids = _ids("q", n)
    variant_of = pd.Series(pd.NA, index=range(n), dtype="string")
    first = n - n // 20
    if n // 20:
        parent = rng.integers(0, first, size=n - first)
        variant_of[first:] = ids.to_numpy()[parent]
        s[first:] = s[parent]
        dates[first:] = dates[parent]
        event_id[first:] = event_id.to_numpy()[parent]
        responds_to[first:] = responds_to.to_numpy()[parent]
    direct = rng.random(n) < 0.7
    quote_type = pd.Categorical.from_codes(np.where(direct, 0, 1), dtype=ds.quotes["quote_type"].dtype)
    n_ = range(n)
    frame = pd.DataFrame({
        "id": ids,
        "date": dates,
        "speaker_id": _strings(actors["id"], s),
        "text": _strings(pool, _pick(rng, pool, n)),
        "quote_type": quote_type,
        "language": pd.Series("en", index=n_, dtype="string"),
        "rendering_source_id": pd.Series(SOURCE_ID, index=n_, dtype="string").where(direct),
        "variant_of": variant_of,
        "event_id": event_id,
        "responds_to": responds_to,
        "source_ids": pd.Series(SOURCE_ID, index=n_, dtype="string"),
        "context": pd.Series("Synthetic statement, made by helpers.synthetic.", index=n_, dtype="string"),
        "speaker": _strings(actors["name"], s),
        "side": pd.Categorical.from_codes(actors["side"].cat.codes.to_numpy()[s], dtype=actors["side"].dtype),
        "country": _strings(actors["country"], s),
        "outlet": pd.Series(SOURCE_OUTLET, index=n_, dtype="string"),
        "url": pd.Series("synthetic:", index=n_, dtype="string"),
    })
    frame["statement_id"] = frame["variant_of"].fillna(frame["id"])
    frame["check"] = pd.Categorical([None] * n, dtype=ds.quotes["check"].dtype)  # synthetic rows are never checked
    frame["phase"] = phase_of(frame["date"], ds.package["temporal"])
    return frame


def dataset(n: int, seed: int = 0, n_quotes: int | None = None, start: str = START, end: str = END,
            base: Dataset | None = None) -> Dataset:
    """A `Dataset` with `n` synthetic events and `n_quotes` (default `n`) synthetic quotes.

    Reference tables (actors, weapon systems, milestones, CAMEO codes) are the bundled ones; sources
    gain the synthetic source `src000`; claims are empty. The focus period is the whole synthetic
    span, so explorers work on every row.
    """
    ds = _reference(base)
    ev = events(n, seed, start, end, base=ds)
    qu = quotes(n if n_quotes is None else n_quotes, seed, event_table=ev, base=ds, start=start, end=end)
    return dataset_from_frames(
        ds, ev, name=f"synthetic-{n}", title=f"Synthetic data: {n:,} events (not real; for benchmarks and tests)",
        temporal={"start": start, "end": end, "focus_start": start, "focus_end": end}, quotes=qu,
        sources=source_row(ds, SOURCE_ID, "synthetic:", SOURCE_OUTLET,
                           "Rows made by helpers.synthetic for benchmarks and tests"))


# --------------------------------------------------------------------------------------------
# External layouts, for testing the importers

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
ACLED_ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)",
                "Police Forces of Ukraine (2019-)", "Government of Belarus (1994-)", "Protesters (Russia)",
                "Civilians (Ukraine)", "Unidentified Armed Group (Ukraine)"]
ACLED_NOTE_WEAPONS = ["", "", "", " ATACMS missiles were reported.", " A Storm Shadow missile was reported.",
                      " Shahed drones were reported.", " An Iskander missile was reported."]

GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code",
                 "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                 "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
                 "ActionGeo_FullName", "SOURCEURL"]
GDELT_ACTORS = [("RUS", "RUSSIA", "RUS"), ("RUSMIL", "RUSSIAN MILITARY", "RUS"), ("UKR", "UKRAINE", "UKR"),
                ("UKRGOV", "KYIV", "UKR"), ("USA", "UNITED STATES", "USA"), ("USAGOV", "WHITE HOUSE", "USA"),
                ("DEU", "GERMANY", "DEU"), ("GBR", "UNITED KINGDOM", "GBR"), ("PRK", "NORTH KOREA", "PRK"),
                ("CHN", "CHINA", "CHN"), ("", "", "")]


def write_acled_csv(path: str | Path, n: int, seed: int = 0, date_format: str = "%Y-%m-%d") -> Path:
    """Write `n` synthetic rows in ACLED's export layout (columns as since March 2023) and return the path.

    `date_format` "%d %B %Y" gives ACLED's export-tool dates ("22 November 2024"). Event and sub-event
    types come from ACLED's codebook; actors, places and notes are synthetic.
    """
    rng = _rng(seed)
    pairs = acled_mapping()[["event_type", "sub_event_type"]]
    p = _pick(rng, pairs, n)
    a1, a2 = _pick(rng, pd.Series(ACLED_ACTORS), n), _pick(rng, pd.Series(ACLED_ACTORS), n)
    dates = pd.to_datetime(_days(rng, n, START, END))
    wn = rng.integers(0, len(ACLED_NOTE_WEAPONS), size=n)
    country = np.where(rng.random(n) < 0.8, "Ukraine", "Russia")
    location = np.array(["Kharkiv", "Dnipro", "Kursk", "Belgorod", "Kyiv", "Odesa"])[rng.integers(0, 6, size=n)]
    sub = pairs["sub_event_type"].to_numpy()[p]
    frame = pd.DataFrame({col: "" for col in ACLED_COLUMNS}, index=range(n))
    frame["event_id_cnty"] = [f"SYN{i}" for i in range(1, n + 1)]
    frame["event_date"] = dates.strftime(date_format)
    frame["year"] = dates.year
    frame["time_precision"] = rng.choice([1, 2, 3], size=n, p=[0.9, 0.07, 0.03])
    frame["disorder_type"] = "Political violence"
    frame["event_type"] = pairs["event_type"].to_numpy()[p]
    frame["sub_event_type"] = sub
    frame["actor1"] = np.array(ACLED_ACTORS)[a1]
    frame["actor2"] = np.array(ACLED_ACTORS)[a2]
    frame["country"] = country
    frame["location"] = location
    frame["latitude"] = np.round(rng.uniform(46, 52, size=n), 4)
    frame["longitude"] = np.round(rng.uniform(30, 38, size=n), 4)
    frame["source"] = "Synthetic source"
    frame["notes"] = ["Synthetic note: " + s.lower() + " near " + loc + "." + ACLED_NOTE_WEAPONS[w]
                      for s, loc, w in zip(sub, location, wn, strict=True)]
    frame["fatalities"] = rng.integers(0, 5, size=n)
    frame["timestamp"] = 1732000000 + np.arange(n)
    path = Path(path)
    frame.to_csv(path, index=False)
    return path


def _gdelt_sql(n: int, seed: int) -> str:
    """DuckDB SQL that makes `n` synthetic GDELT event rows, deterministically (hash-based, no RNG state)."""
    cameo = cameo_table()
    cameo = cameo[cameo["code"].str.len() >= 3]  # GDELT's EventCode is a full code, not a bare root
    codes = ", ".join(f"'{c}'" for c in cameo["code"])
    gold = ", ".join(f"{g:.1f}" for g in cameo["goldstein"])
    quad = ", ".join(str(q) for q in cameo["quad_class"])
    a_code = ", ".join(f"'{c}'" for c, _, _ in GDELT_ACTORS)
    a_name = ", ".join(f"'{nm}'" for _, nm, _ in GDELT_ACTORS)
    a_ctry = ", ".join(f"'{k}'" for _, _, k in GDELT_ACTORS)
    days = (pd.Timestamp(END) - pd.Timestamp(START)).days + 1

    def h(salt: int, mod: int) -> str:
        return f"CAST(hash(i, {seed}, {salt}) % {mod} AS BIGINT)"

    return f"""
        WITH r AS (SELECT range AS i FROM range({n})),
        p AS (
            SELECT i, {h(1, days)} AS d, 1 + {h(2, len(cameo))} AS c, 1 + {h(3, len(GDELT_ACTORS))} AS a1,
                   1 + {h(4, len(GDELT_ACTORS))} AS a2, {h(5, 2001)} AS tone, {h(6, 50)} AS mentions
            FROM r)
        SELECT
            i + 1 AS GLOBALEVENTID,
            CAST(strftime(DATE '{START}' + CAST(d AS INTEGER), '%Y%m%d') AS INTEGER) AS SQLDATE,
            NULLIF([{a_code}][a1], '') AS Actor1Code, NULLIF([{a_name}][a1], '') AS Actor1Name,
            NULLIF([{a_ctry}][a1], '') AS Actor1CountryCode,
            NULLIF([{a_code}][a2], '') AS Actor2Code, NULLIF([{a_name}][a2], '') AS Actor2Name,
            NULLIF([{a_ctry}][a2], '') AS Actor2CountryCode,
            1 AS IsRootEvent,
            [{codes}][c] AS EventCode, left([{codes}][c], 3) AS EventBaseCode, left([{codes}][c], 2) AS EventRootCode,
            [{quad}][c] AS QuadClass, [{gold}][c] AS GoldsteinScale,
            CAST(1 + mentions AS INTEGER) AS NumMentions, CAST(1 + mentions // 5 AS INTEGER) AS NumSources,
            CAST(1 + mentions // 2 AS INTEGER) AS NumArticles,
            round((tone - 1000) / 100.0, 2) AS AvgTone,
            'Synthetic place' AS ActionGeo_FullName,
            'synthetic:' || CAST(i + 1 AS VARCHAR) AS SOURCEURL
        FROM p
    """


def write_gdelt(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write `n` synthetic rows in GDELT 2.0's event layout (a subset of its 61 columns) and return the path.

    The format follows the suffix: `.csv` (comma, header, as BigQuery exports it), `.tsv` (tab, header) or
    `.parquet`. Rows are made by DuckDB in SQL, so even 10^7 of them need little memory. EventCode,
    GoldsteinScale and QuadClass are GDELT's own (from `helpers/mappings/cameo_gdelt.csv`); actors, dates,
    tone and counts are synthetic.
    """
    import duckdb  # here, not at the top: 80 ms to import, and loading the bundled data never needs it

    path = Path(path)
    options = {".csv": "FORMAT CSV, HEADER", ".tsv": "FORMAT CSV, HEADER, DELIMITER '\t'",
               ".parquet": "FORMAT PARQUET, COMPRESSION ZSTD"}
    if path.suffix not in options:
        raise ValueError(f"{path.name}: write .csv, .tsv or .parquet, not {path.suffix!r}")
    # DuckDB writes to a fixed name in a private folder (the user's path never enters the SQL, and a name with
    # `*` or `'` in it is just a name); the file is then moved into place.
    with tempfile.TemporaryDirectory(prefix="escalation-week-") as tmp:
        out = Path(tmp) / f"out{path.suffix}"
        if not re.fullmatch(r"[A-Za-z0-9_./:\\ -]+", str(out)):
            raise ValueError(f"the temporary folder {tmp!r} has characters SQL would misread; set TMPDIR")
        with duckdb.connect() as con:
            con.execute(f"COPY ({_gdelt_sql(int(n), int(seed))}) TO '{out}' ({options[path.suffix]})")
        shutil.move(out, path)
    return path
