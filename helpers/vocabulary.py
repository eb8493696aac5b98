"""The project's vocabulary — sides, verdicts, kinds, milestones — read once from `data/datapackage.json`.

The descriptor's `enum` constraints are the one list of each; every module that names the values (legends,
explorers, importers, exercises) takes them, in the descriptor's order, from here.
"""

from __future__ import annotations

import json
from pathlib import Path

DESCRIPTOR = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"


def enum(resource: str, field: str, package: dict | None = None) -> tuple[str, ...]:
    """The allowed values of one field of one resource, in the descriptor's order."""
    package = _PACKAGE if package is None else package
    for res in package["resources"]:
        if res.get("name") == resource:
            for f in res.get("schema", {}).get("fields", []):
                if f.get("name") == field:
                    values = f.get("constraints", {}).get("enum")
                    if values:
                        return tuple(str(v) for v in values)
    raise LookupError(f"datapackage.json: no enum for {resource}.{field}")


_PACKAGE = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


SIDES = enum("actors", "side")
VERDICTS = enum("claims", "verdict")
EVENT_KINDS = enum("events", "kind")
MILESTONES = enum("milestones", "milestone")
QUOTE_TYPES = enum("quotes", "quote_type")
OUTLET_KINDS = enum("outlets", "kind")
PLACE_KINDS = enum("places", "kind")
CHECK_OUTCOMES = enum("quote_checks", "outcome")

__all__ = ["CHECK_OUTCOMES", "DESCRIPTOR", "EVENT_KINDS", "MILESTONES", "OUTLET_KINDS", "PLACE_KINDS", "QUOTE_TYPES",
           "SIDES", "VERDICTS", "enum"]
