"""Bring your own event data: ACLED and GDELT exports mapped onto this collection's schema.

`load_events_csv(path)` reads an export in memory and returns a `Dataset` whose `events` table has
the bundled schema (plus the joined columns the explorers read), so the escalation and weapon
explorers and the chart builders run on it. `aggregate_events(path)` does the same mapping with
DuckDB out of core — for files larger than memory, CSV or Parquet — and hands pandas only the small
daily and per-actor tables the charts draw. `aggregation_sql()` is that SQL, portable enough to run
unchanged where GDELT already lives (BigQuery's public `gdelt-bq.gdeltv2.events`, or MotherDuck).

How each layout maps (every choice is also in the README):

ACLED (columns `event_date`, `event_type`, `sub_event_type`, `actor1`; optional `notes`, `location`,
`time_precision`, `event_id_cnty`, `fatalities`, `source`):
  - `event_date` as YYYY-MM-DD (API) or "22 November 2024" (export tool). `time_precision` 1/2/3 → day/week/month.
  - (`event_type`, `sub_event_type`) → our `kind` and a CAMEO code through `helpers/mappings/acled_cameo.csv`,
    one documented row per ACLED sub-event type. Goldstein is GDELT's value for that code
    (`helpers/mappings/cameo_gdelt.csv`); five strategic-development types have no CAMEO equivalent and keep an
    empty Goldstein value rather than an invented one. An unknown pair is an error.
  - `actor1` → actor. State forces ("Military Forces of Russia (2000-)", "Police Forces of …", "Government of …")
    get their state's side; every other actor is `other` unless `sides=` places it.
  - `notes` → summary, and the first bundled weapon system named in it → `weapon_id` (aliases in `WEAPON_ALIASES`).
ACLED's terms forbid passing its rows on: load your own export, keep it out of the repository, cite ACLED.

GDELT 2.0 events (columns `SQLDATE`, `EventCode`, `GoldsteinScale`; optional `Actor1Name`, `Actor1Code`,
`Actor1CountryCode`, `Actor2Name`, `AvgTone`, `NumMentions`, `ActionGeo_FullName`, `GLOBALEVENTID`):
  - `SQLDATE` (YYYYMMDD) → date; `EventCode` (a string: "042" is not "42") → cameo_code; `GoldsteinScale` →
    goldstein, which must equal GDELT's value for the code. `kind` follows the CAMEO root (`GDELT_KINDS`).
  - `Actor1Name` (else `Actor1Code`, else "(no Actor1 named)") → actor; `Actor1CountryCode` → side.
  - GDELT's event table carries no text, so `weapon_id` stays empty; `AvgTone` and `NumMentions` are kept as
    `avg_tone` and `num_mentions`.

Nothing is dropped: a row that does not map raises `DataError` naming file, line and column (at most
`MAX_PROBLEMS` lines per problem, then how many more).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .data import DataError, Dataset, Problem, load_dataset

MAPPINGS = Path(__file__).resolve().parent / "mappings"
LAYOUTS = ("acled", "gdelt")
MAX_PROBLEMS = 20
IMPORT_SOURCE = "import"
NO_ACTOR = "(no Actor1 named)"
SIDES = ("russia_and_partners", "ukraine", "western_partners", "other")

REQUIRED = {
    "acled": ["event_date", "event_type", "sub_event_type", "actor1"],
    "gdelt": ["SQLDATE", "EventCode", "GoldsteinScale"],
}
OPTIONAL = {
    "acled": ["event_id_cnty", "time_precision", "notes", "location", "fatalities", "source"],
    "gdelt": ["GLOBALEVENTID", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Name", "AvgTone",
              "NumMentions", "ActionGeo_FullName"],
}

# Sides follow data/README.md: grouping by state and alliance membership, not by stance.
RUSSIA_AND_PARTNERS = {"RUS": "Russia", "BLR": "Belarus", "PRK": "North Korea"}
UKRAINE = {"UKR": "Ukraine"}
# The US and every NATO or EU member state (Hungary and Turkey included, whatever their stance).
WESTERN_PARTNERS = {
    "USA": "United States", "CAN": "Canada", "GBR": "United Kingdom", "FRA": "France", "DEU": "Germany",
    "ITA": "Italy", "ESP": "Spain", "PRT": "Portugal", "NLD": "Netherlands", "BEL": "Belgium",
    "LUX": "Luxembourg", "DNK": "Denmark", "NOR": "Norway", "ISL": "Iceland", "POL": "Poland", "CZE": "Czech Republic",
    "SVK": "Slovakia", "HUN": "Hungary", "ROU": "Romania", "BGR": "Bulgaria", "GRC": "Greece", "TUR": "Turkey",
    "EST": "Estonia", "LVA": "Latvia", "LTU": "Lithuania", "SVN": "Slovenia", "HRV": "Croatia", "ALB": "Albania",
    "MNE": "Montenegro", "MKD": "North Macedonia", "FIN": "Finland", "SWE": "Sweden", "AUT": "Austria",
    "IRL": "Ireland", "MLT": "Malta", "CYP": "Cyprus",
}
COUNTRY_SIDE = {**{c: "russia_and_partners" for c in RUSSIA_AND_PARTNERS}, **{c: "ukraine" for c in UKRAINE},
                **{c: "western_partners" for c in WESTERN_PARTNERS}}
NAME_SIDE = {name: COUNTRY_SIDE[code] for code, name in
             {**RUSSIA_AND_PARTNERS, **UKRAINE, **WESTERN_PARTNERS}.items()}
NAME_SIDE.update({"Czechia": "western_partners", "Türkiye": "western_partners", "United States of America":
                  "western_partners", "NATO": "western_partners", "European Union": "western_partners"})
STATE_ACTOR = re.compile(r"^(?:Military Forces|Police Forces|Government) of (.+?)(?: \(|$)")

# CAMEO code prefix → our kind for GDELT rows; the longest matching prefix wins.
GDELT_KINDS = {
    "01": "statement", "02": "statement", "03": "diplomacy", "04": "meeting", "05": "diplomacy",
    "06": "other", "07": "other", "072": "delivery", "08": "other", "09": "other",
    "10": "statement", "11": "statement", "12": "statement", "13": "warning", "14": "other",
    "15": "deployment", "16": "policy", "17": "other", "18": "other", "19": "other",
    "194": "strike", "195": "strike", "20": "other", "2042": "strike",
}

# Words in ACLED notes that name a bundled weapon system; systems not listed match their name up to " (".
WEAPON_ALIASES = {
    "himars": ["HIMARS", "GMLRS"], "atacms": ["ATACMS"], "storm_shadow": ["Storm Shadow", "SCALP"],
    "taurus": ["Taurus"], "ap_mines": ["anti-personnel mines?", "anti-personnel landmines?"],
    "oreshnik": ["Oreshnik"], "f16": ["F-16s?"], "kn23": ["KN-23", "KN-24", "Hwasong-11"],
    "patriot": ["Patriot"], "iskander": ["Iskander(?:-M)?"], "kh101": ["Kh-101"],
}


# --------------------------------------------------------------------------------------------
# Reference tables


@cache
def _cameo() -> pd.DataFrame:
    with open(MAPPINGS / "cameo_gdelt.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return pd.DataFrame({
        "code": pd.Series([r["code"] for r in rows], dtype="string"),
        "name": pd.Series([r["name"] for r in rows], dtype="string"),
        "goldstein": pd.Series([float(r["goldstein"]) for r in rows], dtype="float64"),
        "quad_class": pd.Series([int(r["quad_class"]) for r in rows], dtype="int64"),
    })


def cameo_table() -> pd.DataFrame:
    """GDELT's 311 CAMEO codes with names, Goldstein values and quad class (`helpers/mappings/cameo_gdelt.csv`)."""
    return _cameo().copy()


@cache
def _acled() -> pd.DataFrame:
    with open(MAPPINGS / "acled_cameo.csv", encoding="utf-8", newline="") as fh:
        frame = pd.DataFrame(list(csv.DictReader(fh)))
    cameo = _cameo().set_index("code")
    frame["cameo_code"] = frame["cameo_code"].replace("", pd.NA).astype("string")
    frame["goldstein"] = frame["cameo_code"].map(cameo["goldstein"]).astype("float64")
    frame["cameo_name"] = frame["cameo_code"].map(cameo["name"]).astype("string")
    return frame


def acled_mapping() -> pd.DataFrame:
    """ACLED (event_type, sub_event_type) → kind, CAMEO code, GDELT's Goldstein value and the reason."""
    return _acled().copy()


def side_of_country(code: str | None) -> str:
    """Side of an ISO 3166 alpha-3 (CAMEO) country code, as `actors.side` groups states."""
    return COUNTRY_SIDE.get(str(code or "").upper(), "other")


def side_of_acled_actor(name: str) -> str:
    """Side of an ACLED actor: its state's side for state forces, `other` for anyone else."""
    m = STATE_ACTOR.match(str(name))
    return NAME_SIDE.get(m.group(1).strip(), "other") if m else "other"


def gdelt_kind(code: str) -> str:
    """Our event kind for a CAMEO code, by the longest prefix listed in `GDELT_KINDS`."""
    for length in (4, 3, 2):
        if code[:length] in GDELT_KINDS:
            return GDELT_KINDS[code[:length]]
    return "other"


# --------------------------------------------------------------------------------------------
# Reading a file


def _delimiter(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    return "\t" if first.count("\t") > first.count(",") else ","


def _header(path: Path) -> list[str]:
    if path.suffix == ".parquet":
        import duckdb

        with duckdb.connect() as con:
            return [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{_sql_path(path)}')").fetchall()]
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh, delimiter=_delimiter(path)), [])


def detect_layout(columns: list[str]) -> str | None:
    """'acled' or 'gdelt' when `columns` hold that layout's required columns, else None."""
    for layout in LAYOUTS:
        if set(REQUIRED[layout]) <= set(columns):
            return layout
    return None


def _resolve(path: Path, layout: str, mapping: Mapping[str, str] | None) -> tuple[str, dict[str, str]]:
    """The layout and, for each of its column names, the file's column (after `mapping`)."""
    if not path.exists():
        raise DataError([Problem(str(path), None, None, "file not found")])
    header = _header(path)
    if not header:
        raise DataError([Problem(path.name, 1, None, "file is empty; expected a header row")])
    mapping = dict(mapping or {})
    unknown = [theirs for theirs in mapping.values() if theirs not in header]
    if unknown:
        raise DataError([Problem(path.name, 1, c, "mapping names a column the file does not have") for c in unknown])
    inverse = {theirs: ours for ours, theirs in mapping.items()}
    seen = [inverse.get(h, h) for h in header]
    if layout == "auto":
        found = detect_layout(seen)
        if found is None:
            expect = "; ".join(f"{name.upper()}: {', '.join(REQUIRED[name])}" for name in LAYOUTS)
            raise DataError([Problem(path.name, 1, None, "not a known layout; the header needs the columns of "
                                     f"{expect} (or pass layout= and mapping={{our_name: your_column}})")])
        layout = found
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be 'auto', 'acled' or 'gdelt', not {layout!r}")
    missing = [c for c in REQUIRED[layout] if c not in seen]
    if missing:
        raise DataError([Problem(path.name, 1, c, f"missing column required by the {layout.upper()} layout; "
                                 "pass mapping={'" + c + "': 'your column'} if it has another name")
                         for c in missing])
    columns = {ours: mapping.get(ours, ours) for ours in REQUIRED[layout] + OPTIONAL[layout] if ours in seen}
    return layout, columns


def _read(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """The needed columns as strings, exactly as written (nothing trimmed or coerced)."""
    try:
        raw = pd.read_csv(path, sep=_delimiter(path), dtype=str, keep_default_na=False, usecols=list(columns.values()),
                          encoding="utf-8-sig")
    except pd.errors.ParserError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise DataError([Problem(path.name, int(m.group(1)) if m else None, None,
                                 f"malformed CSV: {exc}")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(path.name, None, None, f"not UTF-8 text ({exc.reason}); save the file as UTF-8")]
                        ) from None
    return raw.rename(columns={theirs: ours for ours, theirs in columns.items()})


class _Problems:
    """Collects problems per (column, message), keeping the first `MAX_PROBLEMS` lines of each."""

    def __init__(self, file: str, columns: dict[str, str]):
        self.file, self.columns, self.items = file, columns, []

    def rows(self, bad: pd.Series, column: str, message: object) -> None:
        """Add one problem per row where `bad` is true; `message` is a string or a function of the value."""
        where = bad.to_numpy().nonzero()[0]
        if not len(where):
            return
        name = self.columns.get(column, column)
        for i in where[:MAX_PROBLEMS]:
            text = message(i) if callable(message) else message
            # Line as an editor shows it, with the header on line 1 (a note spanning lines shifts later ones).
            self.items.append(Problem(self.file, int(i) + 2, name, f"{text} (data row {int(i) + 1})"))
        if len(where) > MAX_PROBLEMS:
            self.items.append(Problem(self.file, None, name,
                                      f"… and {len(where) - MAX_PROBLEMS:,} more rows with this problem"))

    def raise_any(self) -> None:
        if self.items:
            raise DataError(self.items)


def _dates(raw: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    out = pd.to_datetime(raw, format=formats[0], errors="coerce")
    for fmt in formats[1:]:
        todo = out.isna() & raw.ne("")
        if todo.any():
            out[todo] = pd.to_datetime(raw[todo], format=fmt, errors="coerce")
    return out.astype("datetime64[s]")


def _literal_prefix(pattern: str) -> str:
    """The lower-case text every match of an alias pattern contains: its start, up to the first optional part."""
    m = re.search(r"[?(\\[]", pattern)
    if m is None:
        return pattern.lower()
    end = m.start() - 1 if m.group() == "?" else m.start()  # "mines?": the "s" is optional
    return pattern[:end].lower()


def _weapons(notes: pd.Series, weapons: pd.DataFrame) -> pd.Series:
    """The id of the first bundled weapon system a note names (by `WEAPON_ALIASES`), else missing."""
    ids = weapons["id"].astype(str).tolist()
    groups, literals = [], []
    for k, wid in enumerate(ids):
        names = WEAPON_ALIASES.get(wid)
        if names is None:
            plain = str(weapons.iloc[k]["name"]).split(" (")[0]
            names, literals = [re.escape(plain)], [*literals, plain.lower()]
        else:
            literals += [_literal_prefix(n) for n in names]
        groups.append(f"(?P<w{k}>\\b(?:{'|'.join(names)})\\b)")
    search = re.compile("|".join(groups), flags=re.IGNORECASE).search
    by_group = {f"w{k}": wid for k, wid in enumerate(ids)}
    out = []
    for note in notes.astype(str):
        low = note.lower()
        # A plain substring test first: most notes name no weapon, and the regex is the slow part.
        m = search(note) if any(word in low for word in literals) else None
        out.append(by_group[m.lastgroup] if m else pd.NA)
    return pd.Series(out, index=notes.index, dtype="string")


# --------------------------------------------------------------------------------------------
# In memory: a Dataset


def _map_acled(raw: pd.DataFrame, problems: _Problems, base: Dataset) -> pd.DataFrame:
    date = _dates(raw["event_date"], ("%Y-%m-%d", "%d %B %Y"))
    problems.rows(date.isna(), "event_date",
                  lambda i: f"{raw['event_date'].iat[i]!r} is not a date (YYYY-MM-DD or e.g. 22 November 2024)")
    table = _acled()
    key = pd.MultiIndex.from_frame(table[["event_type", "sub_event_type"]])
    pos = key.get_indexer(pd.MultiIndex.from_frame(raw[["event_type", "sub_event_type"]]))
    known_types = set(table["event_type"])
    problems.rows(pd.Series(pos < 0) & ~raw["event_type"].isin(known_types).to_numpy(), "event_type",
                  lambda i: f"{raw['event_type'].iat[i]!r} is not an ACLED event type; known: "
                            + ", ".join(sorted(known_types)))
    problems.rows(pd.Series(pos < 0) & raw["event_type"].isin(known_types).to_numpy(), "sub_event_type",
                  lambda i: f"{raw['sub_event_type'].iat[i]!r} is not a sub-event type of "
                            f"{raw['event_type'].iat[i]!r} in ACLED's codebook")
    problems.rows(raw["actor1"].eq(""), "actor1", "required value is missing")
    precision = raw.get("time_precision", pd.Series("1", index=raw.index)).replace("", "1")
    problems.rows(~precision.isin(["1", "2", "3"]), "time_precision",
                  lambda i: f"{precision.iat[i]!r} is not one of ACLED's time precisions 1, 2, 3")
    problems.raise_any()
    pick = table.iloc[pos].reset_index(drop=True)
    notes = raw.get("notes", pd.Series("", index=raw.index))
    summary = notes.where(notes.ne(""), raw["sub_event_type"] + " (" + raw["event_type"] + ") by " + raw["actor1"])
    out = pd.DataFrame({
        "id": raw["event_id_cnty"] if "event_id_cnty" in raw else "row" + pd.Series(range(1, len(raw) + 1)).astype(str),
        "date": date,
        "date_precision": precision.map({"1": "day", "2": "week", "3": "month"}),
        "actor": raw["actor1"],
        "country": "",
        "location": raw.get("location", pd.Series("", index=raw.index)).replace("", pd.NA),
        "kind": pick["kind"].to_numpy(),
        "weapon_id": _weapons(notes, base.weapon_systems),
        "summary": summary,
        "cameo_code": pick["cameo_code"].to_numpy(),
        "goldstein": pick["goldstein"].to_numpy(),
        "note": ("Sources (per ACLED): " + raw["source"]).where(raw["source"].ne("")) if "source" in raw else pd.NA,
    })
    if "fatalities" in raw:
        out["fatalities"] = pd.to_numeric(raw["fatalities"].replace("", pd.NA), errors="coerce").astype("Int64")
    out["side"] = out["actor"].map(_memo(side_of_acled_actor))
    return out


def _memo(fn):
    """`fn` applied once per distinct value (actor names repeat on thousands of rows)."""
    cache_: dict[str, str] = {}

    def apply(value: str) -> str:
        if value not in cache_:
            cache_[value] = fn(value)
        return cache_[value]

    return apply


def _map_gdelt(raw: pd.DataFrame, problems: _Problems) -> pd.DataFrame:
    date = _dates(raw["SQLDATE"], ("%Y%m%d",))
    problems.rows(date.isna(), "SQLDATE", lambda i: f"{raw['SQLDATE'].iat[i]!r} is not a date in GDELT's YYYYMMDD form")
    code = raw["EventCode"]
    cameo = _cameo().set_index("code")
    known = code.isin(cameo.index)
    problems.rows(~known, "EventCode", lambda i: f"{code.iat[i]!r} is not a CAMEO code in GDELT's table"
                  + (" (codes are strings: was a leading zero lost?)" if ("0" + code.iat[i]) in cameo.index else ""))
    gold_raw = raw["GoldsteinScale"]
    gold = pd.to_numeric(gold_raw, errors="coerce")
    problems.rows(gold.isna(), "GoldsteinScale", lambda i: f"{gold_raw.iat[i]!r} is not a number")
    expected = code.map(cameo["goldstein"]).astype("float64")
    problems.rows(known & gold.notna() & (gold - expected).abs().gt(1e-9), "GoldsteinScale",
                  lambda i: f"{gold.iat[i]} differs from GDELT's value {expected.iat[i]} for CAMEO code {code.iat[i]}")
    problems.raise_any()
    name = raw.get("Actor1Name", pd.Series("", index=raw.index))
    if "Actor1Code" in raw:
        name = name.where(name.ne(""), raw["Actor1Code"])
    name = name.where(name.ne(""), NO_ACTOR)
    country = raw.get("Actor1CountryCode", pd.Series("", index=raw.index))
    target = raw.get("Actor2Name", pd.Series("", index=raw.index))
    cname = code.map(cameo["name"])
    summary = cname + " — " + name + target.where(target.eq(""), " → " + target)
    kinds = pd.Series(pd.unique(code))
    out = pd.DataFrame({
        "id": ("gdelt" + raw["GLOBALEVENTID"]) if "GLOBALEVENTID" in raw
        else "row" + pd.Series(range(1, len(raw) + 1)).astype(str),
        "date": date,
        "date_precision": "day",
        "actor": name,
        "country": country,
        "location": raw.get("ActionGeo_FullName", pd.Series("", index=raw.index)).replace("", pd.NA),
        "kind": code.map(dict(zip(kinds, kinds.map(gdelt_kind), strict=True))),
        "weapon_id": pd.NA,
        "summary": summary,
        "cameo_code": code,
        "goldstein": gold,
        "note": pd.NA,
    })
    for ours, theirs in (("avg_tone", "AvgTone"), ("num_mentions", "NumMentions")):
        if theirs in raw:
            out[ours] = pd.to_numeric(raw[theirs].replace("", pd.NA), errors="coerce")
    out["side"] = out["country"].map(_memo(side_of_country))
    return out


def _sides_override(frame: pd.DataFrame, sides: Mapping[str, str] | None) -> None:
    if not sides:
        return
    bad = {a: s for a, s in sides.items() if s not in SIDES}
    if bad:
        raise ValueError(f"sides= values must be one of {', '.join(SIDES)}; got {bad}")
    hit = frame["actor"].isin(list(sides))
    frame.loc[hit, "side"] = frame.loc[hit, "actor"].map(sides)


def _dataset(mapped: pd.DataFrame, path: Path, layout: str, base: Dataset,
             period: tuple[str, str] | None) -> Dataset:
    """Assemble a Dataset around the mapped events, with the bundled dtypes and reference tables."""
    ref = base.events
    keys = pd.MultiIndex.from_frame(mapped[["actor", "country", "side"]].astype(str))
    codes, uniques = pd.factorize(keys, sort=True)
    width = len(str(len(uniques)))
    actor_ids = pd.Series([f"ext_{k:0{width}d}" for k in range(1, len(uniques) + 1)], dtype="string")
    side_dtype = base.actors["side"].dtype
    actors = pd.DataFrame({
        "id": actor_ids,
        "name": pd.Series(uniques.get_level_values(0), dtype="string"),
        "role": pd.Series(f"As named in {path.name}", index=range(len(uniques)), dtype="string"),
        "country": pd.Series(uniques.get_level_values(1), dtype="string"),
        "side": pd.Categorical(uniques.get_level_values(2), dtype=side_dtype),
    })
    cameo_all = _cameo().set_index("code")
    weapons = base.weapon_systems.set_index("id")["name"]
    events = pd.DataFrame({
        "id": mapped["id"].astype("string"),
        "date": mapped["date"],
        "date_precision": pd.Categorical(mapped["date_precision"], dtype=ref["date_precision"].dtype),
        "actor_id": actor_ids.to_numpy()[codes],
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
    events["actor_id"] = events["actor_id"].astype("string")
    events["actor"] = mapped["actor"].astype("string")
    events["side"] = pd.Categorical(mapped["side"], dtype=ref["side"].dtype)
    events["weapon"] = events["weapon_id"].map(weapons).astype("string")
    events["quad_class"] = events["cameo_code"].map(cameo_all["quad_class"]).astype("Int64")
    events["cameo_name"] = events["cameo_code"].map(cameo_all["name"]).astype("string")
    for extra in ("fatalities", "avg_tone", "num_mentions"):
        if extra in mapped:
            events[extra] = mapped[extra]

    used = cameo_all.loc[sorted(set(events["cameo_code"].dropna()))].reset_index()
    cameo = used.astype({"code": "string", "name": "string", "goldstein": "float64"})
    cameo["quad_class"] = pd.Categorical(cameo["quad_class"], dtype=base.cameo_goldstein["quad_class"].dtype)

    kind = "ACLED export" if layout == "acled" else "GDELT events"
    source = pd.DataFrame({
        "id": pd.Series([IMPORT_SOURCE], dtype="string"), "url": pd.Series([str(path)], dtype="string"),
        "outlet": pd.Series([f"{kind}: {path.name}"], dtype="string"),
        "published": pd.Series([pd.NaT], dtype="datetime64[s]"),
        "published_basis": pd.Categorical(["not_printed"], dtype=base.sources["published_basis"].dtype),
        "title": pd.Series([path.name], dtype="string"),
        # Required by the schema; a file of others' reports is closest to an aggregator.
        "outlet_kind": pd.Categorical(["aggregator_mirror"], dtype=base.sources["outlet_kind"].dtype),
    })
    first, last = events["date"].min(), events["date"].max()
    start, end = period or (f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}")
    package = copy.deepcopy(base.package)
    package.update(name=f"import-{path.stem}", title=f"{kind} from {path.name}")
    package["temporal"] = {"start": f"{first:%Y-%m-%d}", "end": f"{last:%Y-%m-%d}",
                           "focus_start": start, "focus_end": end}
    package["x-import"] = {
        "file": str(path), "layout": layout, "rows": len(events),
        "without_goldstein": int(events["goldstein"].isna().sum()),
        "with_weapon": int(events["weapon_id"].notna().sum()),
        "note": "Reference tables (weapon systems, milestones, CAMEO codes) are the bundled ones; "
                "quotes and claims are empty.",
    }
    return dataclasses.replace(
        base, events=events, actors=actors, cameo_goldstein=cameo, quotes=base.quotes.iloc[:0].copy(),
        quote_checks=base.quote_checks.iloc[:0].copy(),
        claims=base.claims.iloc[:0].copy(), sources=pd.concat([base.sources, source], ignore_index=True),
        package=package)


def load_events_csv(path: str | Path, layout: str = "auto", mapping: Mapping[str, str] | None = None,
                    sides: Mapping[str, str] | None = None, period: tuple[str, str] | None = None,
                    base: Dataset | None = None) -> Dataset:
    """Load an ACLED or GDELT event export (CSV or TSV with a header) as a `Dataset`.

    - `layout`: "auto" (from the header), "acled" or "gdelt".
    - `mapping`: {our column name: the file's column}, for exports whose columns are named otherwise,
      e.g. `{"event_date": "EVENT_DATE"}`.
    - `sides`: {actor name: side} to place actors the automatic rule leaves in `other`.
    - `period`: the focus period ("YYYY-MM-DD", "YYYY-MM-DD"); the file's whole span when None.

    The result's `events` has the bundled schema plus the joined columns; `actors` are the file's
    actors; weapon systems, milestones and sources are the bundled ones (sources gain one row,
    `import`, for the file); quotes and claims are empty. `package["x-import"]` says how many rows
    have no Goldstein value and how many name a weapon. Raises `DataError` (file, line, column)
    for a missing column or a row that does not map.
    """
    path = Path(path)
    layout, columns = _resolve(path, layout, mapping)
    raw = _read(path, columns)
    problems = _Problems(path.name, columns)
    if raw.empty:
        raise DataError([Problem(path.name, 1, None, "file has a header but no data rows")])
    base = base or load_dataset()
    mapped = _map_acled(raw, problems, base) if layout == "acled" else _map_gdelt(raw, problems)
    _sides_override(mapped, sides)
    return _dataset(mapped, path, layout, base, period)


# --------------------------------------------------------------------------------------------
# Out of core: DuckDB down to small tables


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
        return prefix + (real if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", real) else f'"{real}"')

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


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _reader(path: Path) -> str:
    if path.suffix == ".parquet":
        return f"read_parquet('{_sql_path(path)}')"
    delim = "\\t" if _delimiter(path) == "\t" else ","
    # Every column as text, as the in-memory loader reads it: "042" stays "042".
    return f"read_csv('{_sql_path(path)}', header=true, delim=E'{delim}', all_varchar=true)"


def _typed(layout: str, reader: str, columns: Mapping[str, str]) -> str:
    """For GDELT in CSV, the numeric columns cast back from text (Parquet keeps its own types)."""
    if layout != "gdelt" or reader.startswith("read_parquet"):
        return reader
    casts = {"SQLDATE": "BIGINT", "GoldsteinScale": "DOUBLE", "AvgTone": "DOUBLE"}
    parts = [f'TRY_CAST("{columns[c]}" AS {t}) AS "{columns[c]}"' for c, t in casts.items() if c in columns]
    return f"(SELECT * REPLACE ({', '.join(parts)}) FROM {reader})"


def _finish_gdelt(frames: dict[str, pd.DataFrame], file: str, columns: dict[str, str]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, f in frames.items():
        f = f.copy()
        day = pd.to_datetime(f["day"].astype("Int64").astype(str), format="%Y%m%d", errors="coerce") \
            if "day" in f else None
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
            day = _dates(raw, ("%Y-%m-%d", "%d %B %Y"))
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


def aggregate_events(path: str | Path, layout: str = "auto", mapping: Mapping[str, str] | None = None,
                     top_actors: int = 20, memory_limit: str = "1GB", threads: int | None = None,
                     temp_directory: str | Path | None = None) -> EventAggregates:
    """Aggregate an ACLED or GDELT file (CSV, TSV or Parquet) of any size with DuckDB, out of core.

    DuckDB streams the file and spills to `temp_directory` past `memory_limit`, so the file may be far
    larger than memory; pandas only receives the aggregates (a few rows a day). The mapping is the
    one `load_events_csv` applies, so `daily` equals what `sentiment.daily_index` computes from the
    loaded events; `index_from_daily(agg.daily)` turns it into the index the escalation chart draws.
    """
    import duckdb

    path = Path(path)
    layout, columns = _resolve(path, layout, mapping)
    source = _typed(layout, _reader(path), columns)
    queries = aggregation_sql(layout, source, top_actors, columns)
    config = {"memory_limit": memory_limit, "preserve_insertion_order": False}
    if threads:
        config["threads"] = threads
    if temp_directory:
        config["temp_directory"] = str(temp_directory)
    with duckdb.connect(config=config) as con:
        frames = {name: con.execute(sql).df() for name, sql in queries.items()}
    finish = _finish_gdelt if layout == "gdelt" else _finish_acled
    frames = finish(frames, path.name, columns)
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
    """`sentiment.daily_index` computed from daily aggregates (`aggregate_events(...).daily`), not from rows."""
    if window < 1:
        raise ValueError(f"window must be at least 1 day, got {window}")
    d = daily.set_index("date")
    days = pd.date_range(d.index.min(), d.index.max(), freq="D")
    total = (d["mean"] * d["coded"]).fillna(0.0)
    out = pd.DataFrame({"count": d["coded"], "sum": total, "mean": d["mean"], "min": d["min"]}).reindex(days)
    out = out.fillna({"count": 0, "sum": 0.0})
    rolling_n = out["count"].rolling(window, min_periods=1).sum()
    out["rolling_mean"] = out["sum"].rolling(window, min_periods=1).sum() / rolling_n.where(rolling_n > 0)
    out.index.name = "date"
    return out.drop(columns="sum").astype({"count": int}).reset_index()
