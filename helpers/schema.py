"""The data dictionary, derived from `datapackage.json`, and the mix of sources (never written by hand)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .data import Dataset, load_package, tabular_resources


def _constraint_text(fld: dict[str, Any]) -> str:
    cons = fld.get("constraints", {})
    parts = []
    if cons.get("required"):
        parts.append("required")
    if cons.get("unique"):
        parts.append("unique")
    if "enum" in cons:
        parts.append("one of: " + ", ".join(str(e) for e in cons["enum"]))
    if "pattern" in cons:
        parts.append(f"pattern `{cons['pattern']}`")
    if "minimum" in cons:
        parts.append(f"≥ {cons['minimum']}")
    if "maximum" in cons:
        parts.append(f"≤ {cons['maximum']}")
    if "x-list" in fld:
        spec = fld["x-list"]
        parts.append(f"'{spec['separator']}'-separated ids in " + " or ".join(spec["references"]))
    return "; ".join(parts)


def data_dictionary(package: dict[str, Any] | None = None) -> pd.DataFrame:
    """One row per field of every table: table, field, type, constraints, foreign key, description."""
    package = package or load_package()
    rows = []
    for res in tabular_resources(package):
        fks = {fk["fields"][0]: fk["reference"] for fk in res["schema"].get("foreignKeys", [])}
        for fld in res["schema"]["fields"]:
            ref = fks.get(fld["name"])
            rows.append({
                "table": res["name"],
                "field": fld["name"],
                "type": fld.get("type", "string"),
                "constraints": _constraint_text(fld),
                "references": f"{ref['resource'] or res['name']}.{ref['fields'][0]}" if ref else "",
                "description": fld.get("description", ""),
            })
    return pd.DataFrame(rows)


def data_dictionary_markdown(package: dict[str, Any] | None = None) -> str:
    """The data dictionary as Markdown, one section per table (used by data/README.md)."""
    package = package or load_package()
    table = data_dictionary(package)
    out = []
    for res in package["resources"]:
        out.append(f"### `{res['path']}` — {res['title']}\n\n{res['description']}\n")
        if res not in tabular_resources(package):
            sources = "; ".join(s["title"] for s in res.get("sources", []))
            licences = "; ".join(lic["title"] for lic in res.get("licenses", []))
            out.append(f"Format: {res.get('format', '')} ({res.get('mediatype', '')}). Sources: {sources}. "
                       f"Licences: {licences}.\n")
            continue
        out.append("| field | type | constraints | references | description |")
        out.append("|---|---|---|---|---|")
        for row in table[table["table"] == res["name"]].itertuples():
            cells = [f"`{row.field}`", row.type, row.constraints, row.references, row.description]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def source_mix(ds: Dataset) -> pd.DataFrame:
    """Pages per kind: by the outlet that publishes them, and by the outlet whose copy they carry."""
    origins = ds.source_outlets()
    kinds = ds.sources["outlet_kind"].cat.categories
    return pd.DataFrame({
        "kind": list(kinds),
        "publisher": [int((origins["kind"] == k).sum()) for k in kinds],
        "origin": [int((origins["origin_kind"] == k).sum()) for k in kinds],
    })


def source_mix_markdown(ds: Dataset) -> str:
    """The mix of sources as Markdown (used by data/README.md): counts, and the state outlets by country."""
    mix = source_mix(ds)
    origins = ds.source_outlets()
    copies = int(ds.sources["mirror_of"].notna().sum())
    state = origins[origins["origin_kind"] == "state_affiliated"]
    by_country = state.groupby("origin_country")["origin_id"].agg(["size", "nunique"]).sort_index()
    lines = [f"{len(ds.sources)} pages from {origins['outlet_id'].nunique()} outlets; {copies} of them carry another "
             "outlet's copy or report (`mirror_of`). Each column below counts every page once: by the outlet that "
             "publishes it, and by the outlet whose copy it is.", "",
             "| kind of outlet | pages, by publisher | pages, by origin of the copy |", "|---|---|---|"]
    lines += [f"| {r.kind} | {r.publisher} | {r.origin} |" for r in mix.itertuples()]
    lines += ["", "State-affiliated origins by country: " + "; ".join(
        f"{country} {row['size']} page{'s' if row['size'] != 1 else ''} ({row['nunique']} "
        f"outlet{'s' if row['nunique'] != 1 else ''})" for country, row in by_country.iterrows()) + "."]
    return "\n".join(lines) + "\n"
