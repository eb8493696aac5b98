"""Fact-checking helpers: the seed article's claims, their evidence rows, contested facts, renderings.

Everything here is derived from the data package (`claims.csv`, `contested.csv` and the rows they
point at); nothing is typed in by hand. Text comes back as plain strings: whoever shows it as HTML
escapes it (see `helpers.widgets`).
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd

from . import vocabulary
from .data import Dataset

# The order runs from "the evidence bears it out" to "it does not".
VERDICTS = vocabulary.VERDICTS
VERDICT_MEANING = {
    "supported": "the evidence bears the claim out as stated",
    "imprecise": "the core is right, but a date, a scope or a word is off",
    "contested": "credible sources disagree, and the data cannot settle it",
    "unsupported": "the evidence contradicts the claim or gives it no ground",
}
KIND_OF_PREFIX = {"ev": "event", "q": "statement", "m": "milestone"}

__all__ = [
    "KIND_OF_PREFIX",
    "TOPIC_UNITS",
    "VERDICTS",
    "VERDICT_MEANING",
    "axis_title",
    "claims_overview",
    "compare_renderings",
    "contested_topics",
    "contested_versions",
    "evidence",
    "figure_label",
    "figures_by_event",
    "hold_back",
    "outlet_counts",
    "outlet_name",
    "source_links",
    "verdict_counts",
]


def _ids(cell: str) -> list[str]:
    return [i for i in str(cell).split(";") if i]


def claims_overview(ds: Dataset) -> pd.DataFrame:
    """One row per claim: id, claim, verdict, reason, and how many evidence rows back it."""
    c = ds.claims
    return pd.DataFrame({
        "id": c["id"].astype(str),
        "claim": c["claim"].astype(str),
        "verdict": pd.Categorical(c["verdict"].astype(str), categories=VERDICTS),
        "reason": c["reason"].astype(str),
        "evidence": c["evidence_ids"].map(lambda s: len(_ids(s))).astype(int),
    }).reset_index(drop=True)


def hold_back(ds: Dataset, *claim_ids: str) -> Dataset:
    """`ds` without the named claims: what a class sees before it judges those claims on its own.

    Charts, tables and explorers built on the result cannot give a held-back verdict away. Raises KeyError
    for an id that is not in `claims.csv`.
    """
    unknown = sorted(set(claim_ids) - set(ds.claims["id"].astype(str)))
    if unknown:
        raise KeyError(f"no claim {', '.join(map(repr, unknown))} in claims.csv")
    kept = ds.claims[~ds.claims["id"].astype(str).isin(claim_ids)].reset_index(drop=True)
    return dataclasses.replace(ds, claims=kept)


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict, every verdict listed (zero included), with the claim ids behind each count."""
    verdict = claims["verdict"].astype(str)
    rows = [{"verdict": v, "claims": int((verdict == v).sum()),
             "ids": ", ".join(claims.loc[verdict == v, "id"].astype(str))} for v in VERDICTS]
    return pd.DataFrame(rows)


# The last sources table seen, as id -> (outlet, url): cards and explorers look up many lists in one table.
# Kept with a copy of the three columns it was built from, so an edit in place is seen (a few µs per call).
_LOOKUP: list[tuple[pd.DataFrame, tuple[np.ndarray, ...], dict[str, tuple[str, str]]]] = []


def source_links(ds: Dataset, source_ids: str) -> list[tuple[str, str]]:
    """(outlet, url) for each id of a ';'-separated source list, in the order given.

    Raises KeyError for an id that is not in `ds.sources` (the loader never lets one through).
    """
    src = ds.sources
    columns = tuple(src[c].to_numpy(dtype=object) for c in ("id", "outlet", "url"))
    if not _LOOKUP or _LOOKUP[0][0] is not src or not all(
            len(a) == len(b) and (a == b).all() for a, b in zip(_LOOKUP[0][1], columns, strict=True)):
        ids, outlets, urls = ([str(v) for v in c] for c in columns)
        _LOOKUP[:] = [(src, tuple(c.copy() for c in columns), dict(zip(ids, zip(outlets, urls, strict=True),
                                                                      strict=True)))]
    table = _LOOKUP[0][2]
    return [table[i] for i in _ids(source_ids)]


def evidence(ds: Dataset, claim_id: str) -> pd.DataFrame:
    """The rows a claim rests on, in date order: id, kind, date, who, what, and their source ids.

    `what` is an event's summary, a statement's text (exact words when `quote_type` is direct) or a
    milestone with its note. Raises KeyError for an unknown claim id.
    """
    claims = ds.claims.set_index("id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim {claim_id!r} in claims.csv")
    events, quotes, milestones = (t.set_index("id") for t in (ds.events, ds.quotes, ds.milestones))
    rows = []
    for rid in _ids(claims.loc[claim_id, "evidence_ids"]):
        kind = KIND_OF_PREFIX[re.match(r"[a-z]+", rid).group(0)]
        if kind == "event":
            r = events.loc[rid]
            who, what = r["actor"], r["summary"]
        elif kind == "statement":
            r = quotes.loc[rid]
            who = r["speaker"]
            what = f"“{r['text']}”" if r["quote_type"] == "direct" else f"(paraphrase) {r['text']}"
        else:
            r = milestones.loc[rid]
            who = r["weapon"]
            label = str(r["milestone"]).replace("_", " ").replace("in russia", "inside Russia")
            what = f"{label} (date known to the {r['date_precision']})"
            if pd.notna(r["note"]):
                what += f": {r['note']}"
        rows.append({"id": rid, "kind": kind, "date": r["date"], "who": str(who), "what": str(what),
                     "source_ids": str(r["source_ids"])})
    return pd.DataFrame(rows).sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def contested_topics(ds: Dataset) -> pd.DataFrame:
    """One row per disputed fact: topic, question, how many versions, and the range of figures if any."""
    rows = []
    for topic, g in ds.contested.groupby("topic", sort=False):
        figures = g["number"].dropna()
        spread = f"{figures.min():g}–{figures.max():g}" if len(figures) else ""
        rows.append({"topic": topic, "question": g["question"].iloc[0], "versions": len(g), "figures": spread})
    return pd.DataFrame(rows)


def contested_versions(ds: Dataset, topic: str) -> pd.DataFrame:
    """Every version of one disputed fact, in the order stated: date, who, version, figure, outlets."""
    rows = ds.contested[ds.contested["topic"] == topic]
    if rows.empty:
        known = ", ".join(ds.contested["topic"].unique())
        raise KeyError(f"no topic {topic!r} in contested.csv; known topics: {known}")
    rows = rows.sort_values(["date", "id"], kind="stable")
    outlets = rows["source_ids"].map(lambda s: "; ".join(o for o, _ in source_links(ds, s)))
    return pd.DataFrame({
        "id": rows["id"].astype(str).to_numpy(),
        "date": rows["date"].to_numpy(),
        "who": rows["who"].astype(str).to_numpy(),
        "version": rows["value"].astype(str).to_numpy(),
        "figure": rows["number"].to_numpy(),
        "side": rows["side"].astype("string").to_numpy(),
        "reported_by": outlets.to_numpy(),
    })


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Articles and auxiliaries change no meaning between renderings; pronouns and prepositions can, so they stay.
_FILLER = frozenset({"a", "an", "the", "that", "and", "is", "are", "was", "it", "its", "it's", "there", "has",
                     "have", "been"})


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold().replace("’", "'"))) - _FILLER


def compare_renderings(ds: Dataset, statement_id: str) -> pd.DataFrame:
    """The English renderings of one statement side by side, each with the words no other rendering uses.

    `only_here` lists, alphabetically, the words of a rendering that appear in none of the others —
    where a translation adds, drops or changes meaning (articles and auxiliaries left out). Raises
    KeyError for an unknown statement.
    """
    renderings = ds.renderings(statement_id)
    words = [_words(t) for t in renderings["text"]]
    only = []
    for i, own in enumerate(words):
        others = set().union(*(w for j, w in enumerate(words) if j != i))
        only.append(", ".join(sorted(own - others)))
    out = renderings[["outlet", "text"]].copy()
    out["only_here"] = only
    return out


# --------------------------------------------------------------------------------------------
# Who the sources are

def outlet_name(outlet: pd.Series) -> pd.Series:
    """The publisher without the bracketed wire or language note: 'Geo News (Reuters)' → 'Geo News'."""
    return outlet.astype(str).str.replace(r"\s*\(.*\)\s*$", "", regex=True)


def outlet_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Pages cited per publisher, most first: outlet, pages, kind (the kind most of its pages have).

    Names are grouped without the bracketed note and a leading 'The' ('The Kyiv Independent' and
    'Kyiv Independent' are one outlet); each group shows its most frequent spelling.
    """
    name = outlet_name(sources["outlet"])
    key = name.str.replace(r"^the\s+", "", regex=True, case=False).str.casefold()
    s = pd.DataFrame({"key": key, "name": name, "kind": sources["outlet_kind"].astype(str)})
    rows = []
    for _, g in s.groupby("key", sort=True):
        rows.append({"outlet": g["name"].value_counts().index[0], "pages": len(g),
                     "kind": g["kind"].value_counts().index[0]})
    out = pd.DataFrame(rows)
    return out.sort_values(["pages", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Figures and their units

# What a contested figure counts, by topic: `contested.csv` keeps the number, its question says what of.
TOPIC_UNITS = {
    "atacms_fired": ("Missiles fired", "missiles fired"),
    "atacms_intercepted": ("Missiles shot down", "shot down"),
    "missile_speed": ("Speed (Mach: times the speed of sound)", "Mach"),
    "sumy_injured": ("People injured", "injured"),
    # Reported in miles; the kilometres beside them are what every other range in the collection is given in.
    "atacms_range_reported": ("Range reported (miles)", "mi"),
}
KM_PER_MILE = 1.609344


def axis_title(topic: str) -> str:
    """The axis title of a contested figure: what it counts, and in which unit."""
    return TOPIC_UNITS.get(topic, ("Figure as stated", ""))[0]


def figure_label(topic: str, number: float) -> str:
    """A figure with its unit: 'Mach 10', '6 missiles fired', '190 mi (≈ 306 km)'."""
    unit = TOPIC_UNITS.get(topic, ("", ""))[1]
    if unit == "Mach":
        return f"Mach {number:g}"
    if unit == "mi":
        return f"{number:g} mi (≈ {number * KM_PER_MILE:,.0f} km)"
    return f"{number:g} {unit}".strip()


def figures_by_event(ds: Dataset) -> dict[str, str]:
    """Event id → the contested figures its statement gave, with units ('Mach 10')."""
    c = ds.contested[ds.contested["number"].notna() & ds.contested["event_id"].notna()]
    out: dict[str, list[str]] = {}
    for r in c.itertuples():
        out.setdefault(str(r.event_id), []).append(figure_label(str(r.topic), float(r.number)))
    return {k: "; ".join(v) for k, v in out.items()}
