"""Statements as tables: what the statement charts draw, and who answered whom."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import Dataset, tabular_resources
from .labels import SIDE_LABELS, SIDES, short, side_label, weapon_short


def statement_points(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per statement with what the statements chart draws: day, speaker, side, tooltip, and `stack`,
    its place in its day's pile (sides in their fixed order, then speakers, then ids), so a day's dots stack
    into blocks of one colour."""
    side_order = {s: i for i, s in enumerate(SIDES)}
    df = statements.assign(_side=statements["side"].astype(str).map(side_order))
    df = df.sort_values(["date", "_side", "speaker", "id"])
    return pd.DataFrame({
        "id": df["id"].astype(str),
        "day": df["date"].dt.strftime("%Y-%m-%d"),
        "speaker": df["speaker"].astype(str),
        "side": side_label(df["side"]).astype(str),
        "stack": df.groupby(df["date"].dt.normalize()).cumcount(),
        "type": df["quote_type"].astype(str),
        "outlet": df["outlet"].astype(str),
        "quote": short(df["text"].astype(str)),
    }).reset_index(drop=True)


def statements_per_day(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per calendar day from the first to the last, days without any included (0)."""
    days = statements["date"].dt.normalize()
    counts = days.value_counts()
    every = pd.date_range(days.min(), days.max(), freq="D") if len(days) else pd.DatetimeIndex([])
    return pd.DataFrame({"day": every.strftime("%Y-%m-%d"),
                         "statements": counts.reindex(every, fill_value=0).to_numpy(dtype=int)})


def statements_per_side(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements per side, every side listed in the fixed order (zero included)."""
    counts = statements["side"].astype(str).value_counts().reindex(SIDES, fill_value=0)
    return pd.DataFrame({"side": [SIDE_LABELS[s] for s in SIDES], "statements": counts.to_numpy(dtype=int)})


def response_links(ds: Dataset) -> pd.DataFrame:
    """Who answered whom: one row per quote that `responds_to` an event or another quote.

    Columns: the responding quote (id, day, speaker, side) and what it answers (id, kind,
    day, actor, summary), in date order. Derived from the data, not drawn by hand.
    """
    q = ds.statements
    q = q[q["responds_to"].notna()].sort_values(["date", "id"])
    target = q["responds_to"].astype(str).to_numpy()
    events, quotes = ds.events, ds.quotes
    ev = pd.Index(events["id"].astype(str)).get_indexer(target)
    qu = pd.Index(quotes["id"].astype(str)).get_indexer(target)
    missing = sorted(set(target[(ev < 0) & (qu < 0)]))
    if missing:
        raise KeyError(f"responds_to names no event or quote: {', '.join(missing[:10])}")
    is_event = ev >= 0
    ev, qu = ev[is_event], qu[~is_event]

    def pick(ev_col: str, q_col: str, dtype: object = object) -> np.ndarray:
        out = np.empty(len(target), dtype=dtype)
        out[is_event] = events[ev_col].iloc[ev].to_numpy(dtype=dtype)
        out[~is_event] = quotes[q_col].iloc[qu].to_numpy(dtype=dtype)
        return out

    cols = ["quote_id", "date", "speaker", "side", "answers_id", "answers_kind", "answers_date",
            "answers_actor", "answers_side", "answers_what"]
    out = pd.DataFrame({
        "quote_id": q["id"].to_numpy(dtype=object),
        "date": q["date"].to_numpy(),
        "speaker": q["speaker"].to_numpy(dtype=object),
        "side": q["side"].astype(str).to_numpy(dtype=object),
        "answers_id": target,
        "answers_kind": np.where(is_event, "event", "statement").astype(object),
        "answers_date": pick("date", "date", events["date"].dtype),
        "answers_actor": pick("actor", "speaker"),
        "answers_side": pick("side", "side"),
        # Only the answered quotes' texts are shortened, not every quote's.
        "answers_what": pick("summary", "text"),
    }, columns=cols)
    quoted = ~is_event
    if quoted.any():
        out.loc[quoted, "answers_what"] = short(out.loc[quoted, "answers_what"].astype(str)).to_numpy()
    return out.astype({c: "str" for c in cols if c not in ("date", "answers_date")})


@dataclass(frozen=True)
class Responses:
    """What the call-and-response chart draws: one row per answered event or statement (`triggers`), its answers
    counted per day (`per_day`) and per answering side (`per_side`), and how many links there were in all."""

    triggers: pd.DataFrame
    per_day: pd.DataFrame
    per_side: pd.DataFrame
    links: int
    shown_links: int


def trigger_label(date: pd.Series, actor: pd.Series, what: pd.Series) -> pd.Series:
    """'19 Nov · Vladimir Putin — policy' : the day, who acted or spoke, and what it was."""
    day = date.dt.day.astype(str) + " " + date.dt.strftime("%b")
    return day + " · " + actor.astype(str) + " — " + what.astype(str)


def responses(ds: Dataset, max_triggers: int | None = None) -> Responses:
    """Who answered what, per answered event or statement, in the order they happened.

    With `max_triggers`, only the events and statements with the most answers are kept (ties: the later first),
    and `shown_links` says how many of the links they account for.
    """
    links = response_links(ds)
    events = ds.events.set_index(ds.events["id"].astype(str))
    is_event = links["answers_kind"] == "event"
    kind = links["answers_id"].map(events["kind"].astype(str)).where(is_event, "statement")
    weapon = links["answers_id"].map(weapon_short(events["weapon"]))
    what = kind.where(weapon.isna(), kind + ", " + weapon.fillna(""))
    links = links.assign(what=what.to_numpy(), answer_day=links["date"].dt.normalize())
    g = links.groupby("answers_id", sort=False)
    triggers = pd.DataFrame({
        "id": g["answers_id"].first(), "date": g["answers_date"].first(), "actor": g["answers_actor"].first(),
        "side": g["answers_side"].first(), "what": g["what"].first(), "answers": g.size(),
        "last": g["answer_day"].max(),
    }).reset_index(drop=True)
    if max_triggers is not None and len(triggers) > max_triggers:
        triggers = triggers.sort_values(["answers", "date"], ascending=False).head(max_triggers)
    triggers = triggers.sort_values(["date", "id"]).reset_index(drop=True)
    triggers["label"] = trigger_label(triggers["date"], triggers["actor"], triggers["what"])
    kept = links[links["answers_id"].isin(set(triggers["id"]))]
    label = kept["answers_id"].map(triggers.set_index("id")["label"])
    per_day = kept.groupby([label, kept["answer_day"]]).size().rename("answers").reset_index()
    per_day.columns = ["label", "day", "answers"]
    per_side = kept.groupby([label, kept["side"].astype(str)]).size().rename("answers").reset_index()
    per_side.columns = ["label", "side", "answers"]
    return Responses(triggers, per_day, per_side, len(links), len(kept))


# --------------------------------------------------------------------------------------------
# The dataset at a glance (notebook 00)

def periods(ds: Dataset) -> list[tuple[str, pd.Timestamp | None, pd.Timestamp | None]]:
    """(name, first day, last day) of the background, the week, the aftermath and anything later."""
    start, week_end = ds.period
    after = ds.aftermath
    end = after[1] if after is not None else week_end
    out = [(f"Background (before {start.day} {start:%b %Y})", None, start - pd.Timedelta(days=1)),
           (f"The week ({start.day}–{week_end.day} {week_end:%b})", start, week_end)]
    if after is not None:
        out.append((f"The aftermath ({after[0].day}–{end.day} {end:%b})", after[0], end))
    return [*out, (f"Later (after {end.day} {end:%b})", end + pd.Timedelta(days=1), None)]


def rows_by_period(ds: Dataset) -> pd.DataFrame:
    """Events and statements per period (background, the week, the aftermath, later): period, table, rows."""
    rows = []
    for name, lo, hi in periods(ds):
        for table, frame in (("events", ds.events), ("statements", ds.statements)):
            keep = pd.Series(True, index=frame.index)
            if lo is not None:
                keep &= frame["date"] >= lo
            if hi is not None:
                keep &= frame["date"] <= hi
            rows.append({"period": name, "table": table, "rows": int(keep.sum())})
    out = pd.DataFrame(rows)
    later = out["period"].str.startswith("Later")
    return out[~later | (out.groupby("period")["rows"].transform("sum") > 0)].reset_index(drop=True)


def rows_per_table(ds: Dataset) -> pd.DataFrame:
    """Rows in each table of the data package, in the package's order (tables only, not the borders)."""
    names = [r["name"] for r in tabular_resources(ds.package)]
    return pd.DataFrame({"table": names, "rows": [len(ds.table(n)) for n in names]})
