"""The escalation charts' tables: the measures on one axis and one key event a day to label."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import Dataset
from .labels import side_label, weapon_short

# The measures on one −10 … +10 axis, as legends name them.
MEASURES = {
    "goldstein": "Goldstein (events)",
    "vader10": "VADER ×10 (quotes)",
    "vader_domain10": "Domain VADER ×10 (quotes)",
}


def key_events(ds: Dataset) -> pd.DataFrame:
    """One event to label a day: its most conflictual authorisation, strike or policy change (lowest Goldstein),
    said so a student knows it without opening the table: 'ATACMS strike on Karachev · Ukrainian armed forces',
    'Strike on Sumy · Russian armed forces' (no weapon named), 'Policy on Oreshnik · Vladimir Putin'."""
    week = ds.in_focus(ds.events)
    picked = week[week["kind"].isin(["authorisation", "strike", "policy"])].sort_values(["date", "goldstein"])
    picked = picked.drop_duplicates("date")
    links = ds.event_places[ds.event_places["role"] == "target"]
    names = ds.places.set_index("id")["name"].astype(str)
    targets = links.assign(name=links["place_id"].map(names)).groupby("event_id", sort=False)["name"].agg(" and ".join)
    labels = []
    for r, weapon in zip(picked.itertuples(), weapon_short(picked["weapon"]).fillna(""), strict=True):
        target = targets.get(r.id)
        if r.kind == "strike":
            what = f"{weapon} strike" if weapon else "Strike"
            what += f" on {target}" if target else ""
        else:
            what = f"{str(r.kind).capitalize()} {'of' if r.kind == 'authorisation' else 'on'} {weapon}" if weapon \
                else str(r.kind).capitalize()
        labels.append(f"{what} · {r.actor}")
    return pd.DataFrame({"day": picked["date"].dt.strftime("%Y-%m-%d"), "label": labels})


def daily_measures(scored: pd.DataFrame, events: pd.DataFrame, starts: pd.Series | None = None,
                   event_starts: pd.Series | None = None) -> pd.DataFrame:
    """Mean Goldstein of the events and mean plain and domain VADER ×10 of the statements, per day (or per the
    period each row's `starts` gives), in long form: day, measure (its legend name), value."""
    q_key = scored["date"].dt.normalize() if starts is None else starts
    e_key = events["date"].dt.normalize() if event_starts is None else event_starts
    q = scored.groupby(q_key)[["vader10", "vader_domain10"]].mean()
    e = events.groupby(e_key)["goldstein"].mean()
    wide = q.join(e, how="outer")
    long = wide.reset_index(names="day").melt("day", var_name="measure", value_name="value").dropna()
    long["measure"] = long["measure"].map(MEASURES)
    return long.sort_values(["measure", "day"]).reset_index(drop=True)


def scatter_cells(scored: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Statements counted per side in cells one point wide on each axis: Goldstein and `measure`, rounded."""
    gx = np.rint(scored["goldstein"].to_numpy(dtype=float)).astype(int) + 10
    sy = np.rint(scored[measure].to_numpy(dtype=float)).astype(int) + 10
    side = scored["side"].cat.codes.to_numpy().astype(int)
    sides = scored["side"].cat.categories
    n_sides = len(sides)
    counts = np.bincount((gx * 21 + sy) * n_sides + side, minlength=21 * 21 * n_sides)
    cell = np.nonzero(counts)[0]
    return pd.DataFrame({"goldstein": cell // n_sides // 21 - 10, "score": cell // n_sides % 21 - 10,
                         "side": side_label(pd.Series(sides[cell % n_sides])).astype(str),
                         "statements": counts[cell]})


def box_stats(scored: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per side: minimum, quartiles, median, maximum of `measure`; and each speaker's mean, per side."""
    score = scored[measure].to_numpy(dtype=float)
    side = scored["side"].cat.codes.to_numpy()
    labels = side_label(pd.Series(scored["side"].cat.categories)).astype(str).to_numpy()
    stats = pd.Series(score).groupby(side).quantile([0, 0.25, 0.5, 0.75, 1]).unstack()
    stats.columns = ["low", "q1", "median", "q3", "high"]
    stats = stats.reset_index(names="code")
    stats["side"] = labels[stats["code"]]
    speaker_codes, speakers = pd.factorize(scored["speaker"].astype(str))
    means = pd.DataFrame({"s": speaker_codes, "side": side, "score": score}).groupby(["side", "s"])["score"].mean()
    per_speaker = pd.DataFrame({"side": labels[means.index.get_level_values(0)],
                                "speaker": speakers[means.index.get_level_values(1)], "score": means.to_numpy()})
    return stats.drop(columns="code"), per_speaker


def speaker_means(scored: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Each speaker's mean `measure`, with their side's readable name."""
    data = pd.DataFrame({"side": side_label(scored["side"]).astype(str), "speaker": scored["speaker"].astype(str),
                         "score": scored[measure]})
    return data.groupby(["side", "speaker"], as_index=False)["score"].mean()
