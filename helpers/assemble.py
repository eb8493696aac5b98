"""One place that assembles a `Dataset` from frames: the importers and the synthetic data both use it.

The reference tables not given stay the base dataset's (the bundled one); `sources` rows given are added to the
base's; quotes and claims not given are empty tables with the base's columns and dtypes, and there are no
quote checks (they record the bundled quotes only).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pandas as pd

from .data import Dataset, phase_of


def dataset_from_frames(base: Dataset, events: pd.DataFrame, *, name: str, title: str, temporal: dict[str, str],
                        sources: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
                        cameo: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                        claims: pd.DataFrame | None = None, extra: dict[str, Any] | None = None) -> Dataset:
    """A `Dataset` like `base` with these `events` (and whichever other tables are given).

    `temporal` is the package's span and focus period (`start`, `end`, `focus_start`, `focus_end`);
    `extra` adds keys to the package descriptor (such as `x-import`).
    """
    package = copy.deepcopy(base.package)
    package.update(name=name, title=title, temporal=dict(temporal), **(extra or {}))
    events = events.assign(phase=phase_of(events["date"], package["temporal"]))
    if quotes is not None and "date" in quotes:
        quotes = quotes.assign(phase=phase_of(quotes["date"], package["temporal"]))
    if sources is not None:
        sources = pd.concat([base.sources, sources.astype(base.sources.dtypes.to_dict())], ignore_index=True)
    return dataclasses.replace(
        base, events=events,
        actors=base.actors if actors is None else actors,
        cameo_goldstein=base.cameo_goldstein if cameo is None else cameo,
        quotes=base.quotes.iloc[:0].copy() if quotes is None else quotes,
        quote_checks=base.quote_checks.iloc[:0].copy(),  # checks belong to the bundled quotes only
        claims=base.claims.iloc[:0].copy() if claims is None else claims,
        sources=base.sources if sources is None else sources,
        package=package)


def source_row(base: Dataset, id: str, url: str, outlet: str, title: str, outlet_kind: str = "aggregator_mirror"
               ) -> pd.DataFrame:
    """One `sources` row with the schema's dtypes (no publication date: the rows are not an article)."""
    return pd.DataFrame({
        "id": pd.Series([id], dtype="string"), "url": pd.Series([url], dtype="string"),
        "outlet": pd.Series([outlet], dtype="string"), "published": pd.Series([pd.NaT], dtype="datetime64[s]"),
        "published_basis": pd.Categorical(["not_printed"], dtype=base.sources["published_basis"].dtype),
        "title": pd.Series([title], dtype="string"),
        "outlet_kind": pd.Categorical([outlet_kind], dtype=base.sources["outlet_kind"].dtype),
        "mirror_of": pd.Series([pd.NA], dtype="string"),
    })
