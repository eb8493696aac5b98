"""Keeping charts small: above `MAX_POINTS` rows a builder counts or bins, above `MAX_PERIODS` days a time
axis moves to weeks, months, quarters or years; the subtitle says so each time."""

from __future__ import annotations

import pandas as pd

MAX_POINTS = 500  # rows drawn one mark each; above this a builder counts or bins instead
MAX_PERIODS = 120  # positions on a time axis; above this days become weeks, months, quarters or years
MAX_LINKS = 300  # response links drawn; above this only the latest are
MAX_LABELS = 30  # key-event labels on the index chart
MAX_CELLS = 1200  # speaker × period cells of the counted statements chart
GRAINS = {"day": None, "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _starts(days: pd.Series, grain: str) -> pd.Series:
    freq = GRAINS[grain]
    if freq is None:
        return days
    if freq == "W":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days.dt.to_period(freq).dt.start_time.astype(days.dtype)


def grain_for(*dates: pd.Series, max_periods: int = MAX_PERIODS) -> str:
    """The finest of day, week, month, quarter, year giving at most `max_periods` periods from the first of these
    dates to the last: a time axis spans every period in between, not only those that have rows."""
    days = pd.concat([pd.Series(d.unique()) for d in dates])
    days = pd.to_datetime(days).dropna()
    if days.empty:
        return "day"
    lo, hi = days.min().normalize(), days.max().normalize()
    weeks = (hi - pd.Timedelta(days=hi.day_of_week) - (lo - pd.Timedelta(days=lo.day_of_week))).days // 7
    periods = {"day": (hi - lo).days + 1, "week": weeks + 1,
               "month": (hi.year - lo.year) * 12 + hi.month - lo.month + 1,
               "quarter": (hi.year - lo.year) * 4 + hi.quarter - lo.quarter + 1, "year": hi.year - lo.year + 1}
    return next((grain for grain in GRAINS if periods[grain] <= max_periods), "year")


def period_start(dates: pd.Series, grain: str) -> pd.Series:
    """Each date's first day of its period (a week starts on Monday); computed once per distinct date."""
    codes, uniques = pd.factorize(dates, sort=True)
    starts = _starts(pd.Series(uniques).dt.normalize(), grain).to_numpy()
    return pd.Series(starts[codes], index=dates.index)


def time_bins(dates: pd.Series, max_periods: int = MAX_PERIODS) -> tuple[pd.Series, str]:
    """Dates as ISO strings of their period's first day, at the finest grain with at most `max_periods` periods."""
    grain = grain_for(dates, max_periods=max_periods)
    codes, uniques = pd.factorize(period_start(dates, grain), sort=True)
    labels = pd.Series(uniques).dt.strftime("%Y-%m-%d").to_numpy()
    return pd.Series(labels[codes], index=dates.index, dtype=object), grain


def _counted(frame: pd.DataFrame, keys: list[str], what: str) -> tuple[pd.DataFrame, str]:
    """Rows counted per `keys` and period (ISO `date` → its day, week, month…), and a subtitle saying so."""
    period, grain = time_bins(pd.to_datetime(frame["date"]))
    counted = frame.assign(date=period).groupby(["date", *keys], observed=True).size().reset_index(name="count")
    return counted, f"{len(frame):,} {what}, too many to draw one by one: counted per {grain}."


def coarsen_index(index: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """A daily index (`sentiment.daily_index`) per week, month… when it spans more than `MAX_PERIODS` days:
    event-weighted means and each period's minimum. Returns the index unchanged and "day" otherwise."""
    if len(index) <= MAX_PERIODS:
        return index, "day"
    grain = grain_for(index["date"])
    start = period_start(index["date"], grain)
    w = index["count"].astype(float)
    g = pd.DataFrame({"start": start, "w": w, "wm": index["mean"].fillna(0) * w,
                      "wr": index["rolling_mean"].fillna(0) * w, "min": index["min"]}).groupby("start")
    sums = g[["w", "wm", "wr"]].sum()
    n = sums["w"].where(sums["w"] > 0)
    return pd.DataFrame({"date": sums.index, "mean": (sums["wm"] / n).to_numpy(),
                         "rolling_mean": (sums["wr"] / n).to_numpy(), "min": g["min"].min().to_numpy(),
                         "count": sums["w"].astype(int).to_numpy()}), grain
