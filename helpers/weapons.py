"""Weapon systems over time: milestones, warnings and decisions, claims against assessments.

Everything here is a plain pandas table built from the dataset, so the charts in `charts.py`, the
`weapon_explorer` and the exercises all read the same numbers.
"""

from __future__ import annotations

import re

import pandas as pd

from . import vocabulary
from .data import Dataset
from .factcheck import source_links

# Reading order of a weapon's life in this war, used to order legends and tables.
MILESTONES = list(vocabulary.MILESTONES)
MILESTONE_LABELS = {
    "requested": "requested",
    "announced": "announced",
    "authorised": "authorised",
    "restriction_eased": "restriction eased",
    "delivered": "delivered",
    "first_used": "first used",
    "first_used_in_russia": "first used inside Russia",
    "production_ordered": "production ordered",
}
# How a week- or month-precise date reads: the date stored is the first day of that period.
PRECISION_LABELS = {"day": "exact day", "week": "within that week", "month": "within that month"}

RUSSIAN_WARNING = "Russian warning"
WESTERN_DECISION = "Western decision"
# Event kinds that count as a decision by a Western government (as opposed to a comment on one).
DECISION_KINDS = ("authorisation", "policy")
# Event kinds that carry what an actor said about a weapon.
SAYING_KINDS = ("statement", "warning", "policy")

CLAIMED = "claimed by the side that fired it"
ASSESSED = "assessed by others"


def milestone_table(ds: Dataset) -> pd.DataFrame:
    """Every milestone with its weapon's name, a readable label and what its date precision means."""
    m = ds.milestones.copy()
    m["label"] = m["milestone"].astype(str).map(MILESTONE_LABELS)
    m["precision"] = m["date_precision"].astype(str).map(PRECISION_LABELS)
    m["order"] = m["milestone"].astype(str).map(MILESTONES.index)
    # The last day the date can stand for: the stored date is the first day of its week or month.
    precision = m["date_precision"].astype(str)
    m["date_to"] = m["date"].where(precision == "day", m["date"] + pd.Timedelta(days=6))
    m["date_to"] = m["date_to"].where(precision != "month", m["date"] + pd.offsets.MonthEnd(0))
    return m.sort_values(["date", "order", "id"]).reset_index(drop=True)


def system_order(ds: Dataset) -> list[str]:
    """Weapon names ordered by their first milestone; systems with none come last, by name."""
    first = ds.milestones.groupby("weapon_id", observed=True)["date"].min()
    w = ds.weapon_systems.assign(first=ds.weapon_systems["id"].map(first))
    return w.sort_values(["first", "name"], na_position="last")["name"].astype(str).tolist()


def spans(ds: Dataset) -> pd.DataFrame:
    """One row per weapon with milestones: its first and last milestone date and how many it has."""
    g = ds.milestones.groupby("weapon_id", observed=True)["date"]
    out = pd.DataFrame({"start": g.min(), "end": g.max(), "milestones": g.size()}).reset_index()
    names = ds.weapon_systems.set_index("id")["name"].astype(str)
    out["weapon"] = out["weapon_id"].astype(str).map(names)
    return out.sort_values(["start", "weapon"]).reset_index(drop=True)


def signals(ds: Dataset) -> pd.DataFrame:
    """Russian warnings and Western decisions, each event once, for the timeline's lower strip.

    A Russian warning is an event of kind `warning` by an actor on Russia's side; a Western decision
    is an `authorisation` or `policy` event by a Western actor. In the bundled data, which holds only events
    about this escalation, they need not name a weapon; in an imported file (GDELT's `policy` and `warning`
    rows are any news of sanctions or threats) only rows that name a weapon system are signals.
    """
    e = ds.events
    side = e["side"].astype(str)
    kind = e["kind"].astype(str)
    about = e["weapon_id"].notna() if "x-import" in ds.package else True
    warning = (side == "russia_and_partners") & (kind == "warning") & about
    decision = (side == "western_partners") & kind.isin(DECISION_KINDS) & about
    out = e[warning | decision].copy()
    out["signal"] = [RUSSIAN_WARNING if w else WESTERN_DECISION for w in warning[warning | decision]]
    outlets = _outlets(ds)
    out["outlets"] = out["source_ids"].map(lambda ids: outlets(ids))
    cols = ["id", "date", "signal", "side", "actor", "kind", "weapon_id", "weapon", "summary", "outlets"]
    return out[cols].sort_values(["date", "id"]).reset_index(drop=True)


def _fold(text: str) -> str:
    """'Storm Shadow', 'storm_shadow', 'STORM-SHADOW' → 'stormshadow'."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _names(name: str) -> list[str]:
    """The ways a system's name may be typed: 'KN-23/KN-24 (Hwasong-11)' → the name, 'KN-23', 'KN-24',
    'Hwasong-11'; 'Taurus KEPD 350' → the name, 'Taurus' (its first word)."""
    short = name.split(" (")[0]
    inside = re.findall(r"\(([^)]*)\)", name)
    return [name, short, *(part.strip() for text in [short, *inside] for part in text.split("/")),
            short.split()[0] if short.split() else ""]


def resolve_weapon(ds: Dataset, weapon: str) -> str:
    """The id of a weapon system given by its id or its name, in any case, with or without spaces and hyphens:
    "atacms", "ATACMS", "Storm Shadow", "storm shadow", "F-16", "Taurus" all name their system."""
    ids = ds.weapon_systems["id"].astype(str).tolist()
    if weapon in ids:
        return weapon
    forms: dict[str, set[str]] = {}
    for wid, name in zip(ids, ds.weapon_systems["name"].astype(str), strict=True):
        for form in [wid, *_names(name)]:
            if _fold(form):
                forms.setdefault(_fold(form), set()).add(wid)
    found = forms.get(_fold(weapon), set()) if isinstance(weapon, str) else set()
    if len(found) == 1:
        return found.pop()
    raise KeyError(f"no weapon system {weapon!r}; known ids: {', '.join(sorted(ids))}"
                   + (f" ({' and '.join(sorted(found))} both match)" if found else ""))


def user_sides(ds: Dataset, weapon_id: str) -> set[str]:
    """The sides whose forces fired this weapon in a recorded strike (empty when none is recorded)."""
    e = ds.events
    strikes = e[(e["kind"] == "strike") & (e["weapon_id"] == weapon_id)]
    return set(strikes["side"].astype(str))


def capability_statements(ds: Dataset, weapon_id: str) -> pd.DataFrame:
    """What each side said about one weapon, split into claims and assessments.

    A statement by the side that fired the weapon is a claim about its own weapon; a statement by anyone
    else is an assessment. With no recorded strike, every statement counts as an assessment.
    """
    weapon_id = resolve_weapon(ds, weapon_id)
    e = ds.events
    said = e[(e["weapon_id"] == weapon_id) & e["kind"].astype(str).isin(SAYING_KINDS)].copy()
    users = user_sides(ds, weapon_id)
    said["stance"] = [CLAIMED if s in users else ASSESSED for s in said["side"].astype(str)]
    outlets = _outlets(ds)
    said["outlets"] = said["source_ids"].map(lambda ids: outlets(ids))
    cols = ["id", "date", "stance", "side", "actor", "kind", "summary", "source_ids", "outlets"]
    return said[cols].sort_values(["date", "id"]).reset_index(drop=True)


def mentions(ds: Dataset, weapon_id: str, start: str | pd.Timestamp | None = None,
             end: str | pd.Timestamp | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events that name the weapon, and the statements that belong to those events, between two dates.

    Statements are one row per statement (`ds.statements`), so a quote worded twice counts once.
    """
    e = ds.events[ds.events["weapon_id"] == resolve_weapon(ds, weapon_id)]
    if start is not None:
        e = e[e["date"] >= pd.Timestamp(start)]
    if end is not None:
        e = e[e["date"] <= pd.Timestamp(end)]
    q = ds.statements[ds.statements["event_id"].isin(set(e["id"]))]
    return e.sort_values(["date", "id"]).reset_index(drop=True), q.sort_values(["date", "id"]).reset_index(drop=True)


def ranges(ds: Dataset) -> pd.DataFrame:
    """Weapons with a sourced range: from (0 when only a maximum is given) and to, in km, with the wording.

    Weapons without a range are not rows here; `no_range(ds)` names them so a chart can say so.
    """
    w = ds.weapon_systems[ds.weapon_systems["range_max_km"].notna()].copy()
    w["from_km"] = w["range_min_km"].fillna(0.0)
    w["only_maximum"] = w["range_min_km"].isna()
    cols = ["id", "name", "from_km", "range_max_km", "only_maximum", "range_basis", "range_wording", "source_ids"]
    return w[cols].rename(columns={"range_max_km": "to_km"}).sort_values("to_km").reset_index(drop=True)


def no_range(ds: Dataset) -> list[str]:
    """Names of weapons for which no source gives a range."""
    w = ds.weapon_systems
    return sorted(w.loc[w["range_max_km"].isna(), "name"].astype(str))


def days_between(ds: Dataset, first: str, second: str) -> int:
    """Whole days from milestone `first` to milestone `second` (ids such as 'm010')."""
    dates = ds.milestones.set_index("id")["date"]
    for mid in (first, second):
        if mid not in dates.index:
            raise KeyError(f"no milestone {mid!r} in milestones.csv")
    return int((dates[second] - dates[first]).days)


def _outlets(ds: Dataset):
    """A function turning 'src001;src002' into 'Reuters; AP' (each outlet once, in order)."""
    return lambda ids: "; ".join(dict.fromkeys(outlet for outlet, _ in source_links(ds, ids)))
