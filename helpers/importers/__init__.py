"""Bring your own event data: ACLED and GDELT files mapped onto this collection's schema.

`load_events_csv(path)` reads a file in memory and returns a `Dataset` whose `events` table has the bundled
schema (plus the joined columns the explorers read), so the escalation and weapon explorers and the chart
builders run on it. `aggregate_events(path)` reads the same files with DuckDB out of core — for files larger
than memory — and hands pandas only the small daily and per-actor tables the charts draw. `aggregation_sql()`
is that SQL, portable enough to run unchanged where GDELT already lives (BigQuery's public
`gdelt-bq.gdeltv2.events`, or MotherDuck).

Modules: `codebooks` (GDELT's and ACLED's tables, checked as they load), `read` (what a file is and how DuckDB
reads it), `validate` (the one set of checks both paths run), `rules` (sides, kinds, weapon names), `load` (in
memory), `aggregate` (DuckDB, out of core). `helpers.external` re-exports the public names.

Files: CSV or TSV with a header; raw GDELT event files without a header, as GDELT distributes them (61
tab-separated columns for GDELT 2.0, 57 or 58 for GDELT 1.0, recognised by their shape); a `.zip` holding one
such file; Parquet. Anything else gets one `DataError` naming the file and what to do.

ACLED (columns `event_date`, `event_type`, `sub_event_type`, `actor1`; optional `notes`, `location`,
`time_precision`, `event_id_cnty`, `fatalities`, `source`; names match ignoring case):
  - `event_date` as YYYY-MM-DD (API) or "22 November 2024" (export tool). `time_precision` 1/2/3 → day/week/month.
  - (`event_type`, `sub_event_type`) → our `kind` and a CAMEO code through `helpers/mappings/acled_cameo.csv`,
    one documented row per ACLED sub-event type. Goldstein is GDELT's value for that code
    (`helpers/mappings/cameo_gdelt.csv`); five strategic-development types have no CAMEO equivalent and keep an
    empty Goldstein value rather than an invented one. An unknown pair is an error.
  - `actor1` → actor. State forces ("Military Forces of Russia (2000-)", "Military Forces of the United States
    (2021-)", "Police Forces of …", "Government of …") get their state's side; every other actor is `other`
    unless `sides=` places it.
  - `notes` → summary, and the first bundled weapon system named in it → `weapon_id` (`rules.WEAPON_ALIASES`,
    word-bounded and case-aware, with `rules.FALSE_FRIENDS` taken out first).
ACLED's terms forbid passing its rows on: load your own export, keep it out of the repository, cite ACLED.

GDELT events (columns `SQLDATE`, `EventCode`, `GoldsteinScale`; optional `Actor1Name`, `Actor1Code`,
`Actor1CountryCode`, `Actor2Name`, `AvgTone`, `NumMentions`, `ActionGeo_FullName`, `GLOBALEVENTID`):
  - `SQLDATE` (YYYYMMDD) → date; `EventCode` (a string: "042" is not "42") → cameo_code; `GoldsteinScale` →
    goldstein, which must equal GDELT's value for the code. `kind` follows the CAMEO root (`GDELT_KINDS`);
    quad class is GDELT's for the code's root (`helpers/mappings/cameo_quad_class.csv`).
  - `Actor1Name` (else `Actor1Code`, else "(no Actor1 named)") → actor; `Actor1CountryCode` → side.
  - GDELT's event table carries no text, so `weapon_id` stays empty; `AvgTone` and `NumMentions` are kept as
    `avg_tone` and `num_mentions`.

Nothing is dropped or changed silently: a row that does not map raises `DataError` naming file, line and column
(at most `MAX_PROBLEMS` lines per problem, then how many more), and `package["x-import"]` names every column of
the file — mapped, or ignored — and counts the rows each rule placed (sides, kinds, weapons, time precision).
"""

from .aggregate import EventAggregates, aggregate_events, aggregation_sql, index_from_daily, summarise
from .codebooks import (
    ACLED_COLUMNS,
    LAYOUTS,
    MAPPINGS,
    OPTIONAL,
    REQUIRED,
    acled_mapping,
    cameo_table,
    gdelt_columns,
    quad_class_of_root,
)
from .load import IMPORT_SOURCE, load_events_csv
from .read import MAX_PROBLEMS, sandbox
from .rules import (
    COUNTRY_SIDE,
    FALSE_FRIENDS,
    GDELT_KINDS,
    NAME_SIDE,
    NO_ACTOR,
    SIDES,
    STATE_ACTOR,
    WEAPON_ALIASES,
    find_weapons,
    gdelt_kind,
    side_of_acled_actor,
    side_of_country,
)

__all__ = [
    "ACLED_COLUMNS", "COUNTRY_SIDE", "FALSE_FRIENDS", "GDELT_KINDS", "IMPORT_SOURCE", "LAYOUTS", "MAPPINGS",
    "MAX_PROBLEMS", "NAME_SIDE", "NO_ACTOR", "OPTIONAL", "REQUIRED", "SIDES", "STATE_ACTOR", "WEAPON_ALIASES",
    "EventAggregates", "acled_mapping", "aggregate_events", "aggregation_sql", "cameo_table",
    "find_weapons", "gdelt_columns", "gdelt_kind", "index_from_daily", "load_events_csv", "quad_class_of_root",
    "sandbox", "side_of_acled_actor", "side_of_country", "summarise",
]
