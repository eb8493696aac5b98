"""The mapping rules of the importers: sides, kinds and weapon names. Each rule is counted in `x-import`.

Sides follow data/README.md: a grouping by state and alliance membership, not by stance.

Weapon names are found word-bounded and case-aware: a designation ("ATACMS", "F-16", "Kh-101") or a proper
name ("Patriot", "Storm Shadow") matches as written (or in capitals), never inside another word and never in
lower case ("patriotic", "a patriot"); generic terms ("anti-personnel mines") match in any case. Known false
friends — names that contain a system's name but are not the system ("Patriot Front", "Ford Taurus") — are
taken out first (`FALSE_FRIENDS`). Matching runs in DuckDB's regular-expression engine (RE2), over all notes
at once; the patterns use only syntax that RE2 and Python's `re` read alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from ..vocabulary import SIDES

NO_ACTOR = "(no Actor1 named)"

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
                  "western_partners", "NATO": "western_partners", "European Union": "western_partners",
                  "UK": "western_partners", "USA": "western_partners", "US": "western_partners"})
# ACLED's names for state forces: "Military Forces of Russia (2000-)", "Military Forces of the United States
# (2021-)", "Police Forces of Ukraine (2019-) Border Guard", "Government of Belarus (1994-)", "Naval Forces of …".
STATE_ACTOR = re.compile(
    r"^(?:(?:Military|Police|Naval|Air|Armed|Security|Special|Border|Intelligence) Forces?|Government|"
    r"Presidency|Ministry of [A-Z][a-z]+(?: [A-Z][a-z]+)*) of (?:the )?(.+?)(?: \(|$)")

# CAMEO code prefix → our kind for GDELT rows; the longest matching prefix wins.
GDELT_KINDS = {
    "01": "statement", "02": "statement", "03": "diplomacy", "04": "meeting", "05": "diplomacy",
    "06": "other", "07": "other", "072": "delivery", "08": "other", "09": "other",
    "10": "statement", "11": "statement", "12": "statement", "13": "warning", "14": "other",
    "15": "deployment", "16": "policy", "17": "other", "18": "other", "19": "other",
    "194": "strike", "195": "strike", "20": "other", "2042": "strike",
}

# Names of each bundled weapon system as reports write them. Proper names and designations are case-aware;
# (?i:…) marks a generic term. Systems not listed here match their bundled name up to " (" as written.
WEAPON_ALIASES = {
    "himars": [r"HIMARS", r"Himars", r"M142", r"GMLRS"],
    "atacms": [r"ATACMS", r"Atacms", r"MGM-140"],
    "storm_shadow": [r"Storm Shadows?", r"STORM SHADOW", r"SCALP(?:-EG)?"],
    "taurus": [r"Taurus(?: KEPD(?: 350)?)?", r"TAURUS"],
    "ap_mines": [r"(?i:anti-?personnel (?:land)?mines?)"],
    "oreshnik": [r"Oreshnik", r"ORESHNIK"],
    "f16": [r"F-16s?", r"F16s?"],
    "kn23": [r"KN-2[34]", r"Hwasong-11[A-Za-z]*"],
    "patriot": [r"Patriot", r"PATRIOT", r"MIM-104"],
    "iskander": [r"Iskander(?:-[MK])?", r"ISKANDER(?:-[MK])?"],
    "kh101": [r"Kh-101", r"KH-101", r"Kh101"],
}
# Names that contain a system's name but are not the system: removed before matching.
FALSE_FRIENDS = [
    r"Patriot Front", r"Patriot Liaison Committee", r"Patriot Prayer", r"Patriot Act", r"Patriot Party",
    r"Patriot Movement", r"Patriot Union", r"Patriots? of [A-Z][a-z]+", r"Ford Taurus", r"Taurus Armas",
    r"Taurus (?:pistols?|revolvers?|handguns?)", r"Oreshnik (?:village|settlement)",
]


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


def check_sides(sides: Mapping[str, str] | None) -> dict[str, str]:
    bad = {a: s for a, s in (sides or {}).items() if s not in SIDES}
    if bad:
        raise ValueError(f"sides= values must be one of {', '.join(SIDES)}; got {bad}")
    return dict(sides or {})


# --------------------------------------------------------------------------------------------
# Weapons


def weapon_patterns(weapons: pd.DataFrame) -> dict[str, str]:
    """Weapon id → one pattern (alternatives, word-bounded) for each bundled weapon system."""
    out = {}
    for wid, name in zip(weapons["id"].astype(str), weapons["name"].astype(str), strict=True):
        names = WEAPON_ALIASES.get(wid) or [re.escape(name.split(" (")[0])]
        out[wid] = r"\b(?:" + "|".join(names) + r")\b"
    return out


def weapon_sql(column: str, weapons: pd.DataFrame) -> tuple[str, dict[str, str]]:
    """A DuckDB expression giving the first weapon name in `column` (text matched, '' when none), and its
    parameters (the patterns are bound, never pasted into the SQL)."""
    pattern = "|".join(f"(?:{p})" for p in weapon_patterns(weapons).values())
    friends = r"\b(?:" + "|".join(FALSE_FRIENDS) + r")\b"
    expr = (f"regexp_extract(regexp_replace(coalesce({column}, ''), $false_friends, ' ', 'g'), "
            "$weapon_names, 0)")
    return expr, {"false_friends": friends, "weapon_names": pattern}


def weapon_ids(matched: pd.Series, weapons: pd.DataFrame) -> pd.Series:
    """The weapon id of each matched text from `weapon_sql` (missing where nothing matched)."""
    patterns = {wid: re.compile(p) for wid, p in weapon_patterns(weapons).items()}
    found = {}
    for text in pd.unique(matched.dropna()):
        found[text] = next((wid for wid, p in patterns.items() if text and p.fullmatch(text)), None)
    return matched.map(found).astype("string")


def find_weapons(notes: pd.Series, weapons: pd.DataFrame) -> pd.Series:
    """The id of the first bundled weapon system each note names, else missing (as the importers find it)."""
    import duckdb  # here, not at the top: 80 ms to import, and loading the bundled data never needs it

    expr, params = weapon_sql("note", weapons)
    frame = pd.DataFrame({"note": notes.astype("string").to_numpy()})
    with duckdb.connect() as con:
        con.register("notes", frame)
        matched = con.execute(f"SELECT {expr} AS m FROM notes", params).df()["m"]
    out = weapon_ids(matched.where(matched.ne(""), None), weapons)
    out.index = notes.index
    return out
