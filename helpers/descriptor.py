"""Checks on the package descriptor itself, before any table is read.

`datapackage.json` is checked in three steps, each only when the one before it passed:

1. its structure, against `schemas/datapackage.schema.json` — a strict profile of the Frictionless
   Data Package (v1) with Table Schema that admits only what `helpers.data` reads and checks, so a
   missing `resources`, a misspelt constraint or an unsupported field type is named, not ignored;
2. the links inside it: unique table and field names, keys and list references that name real
   tables and fields, real calendar dates in order;
3. its patterns, compiled with bounds (`compile_pattern`): a pattern must be a valid regular
   expression in Python's syntax, may not nest one open-ended repeat inside another (`(\\w+\\s?)+`
   backtracks without end) and may not expand to more than `MAX_PATTERN_EXPANSION` copies of
   anything. Matching then runs with a time budget (`helpers.data` passes `timeout=`), which also
   stops patterns such as `(a|a)*` that no static rule catches.

Every function here returns plain messages (or raises `ValueError`); `helpers.data` turns them into
`DataError` problems located in `datapackage.json`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from re import _constants as sre  # the opcodes of the parse tree below
from re import _parser as sre_parse  # Python's own regex parser; it builds a tree without expanding repeats
from typing import Any

import jsonschema
import regex

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "datapackage.schema.json"
MAX_MESSAGES = 20  # structural errors listed before "… and N more"
MAX_MESSAGE_CHARS = 300  # a message quotes the offending value; a huge one is cut
MAX_VALUE_CHARS = 60
MAX_PATTERN_EXPANSION = 1_000  # product of the counts of nested fixed repeats, e.g. (a{10}){100}

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: Iterator[Any]) -> str:
    """A JSON location as a reader writes it: `resources[2].schema.fields[0]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the descriptor"


def _cut(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + "…"


def _message(error: jsonschema.ValidationError) -> str:
    """The validator's message, with the offending value it starts with cut short when it is long."""
    shown = repr(error.instance)
    if len(shown) > MAX_VALUE_CHARS and error.message.startswith(shown):
        return shown[:MAX_VALUE_CHARS] + "…" + error.message[len(shown):]
    return error.message


def structure_problems(package: Any) -> list[str]:
    """What in the descriptor's structure the strict profile refuses, at most `MAX_MESSAGES` and a count."""
    errors = sorted(_validator().iter_errors(package), key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    out = [_cut(f"{_where(e.absolute_path)}: {_message(e)}") for e in errors[:MAX_MESSAGES]]
    if len(errors) > MAX_MESSAGES:
        out.append(f"… and {len(errors) - MAX_MESSAGES:,} more problems in the descriptor's structure")
    return out


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _ordered(low: Any, high: Any, where: str, word: str) -> list[str]:
    """A problem when `low` lies beyond `high`; None (not given, or no date) is never out of order."""
    if low is not None and high is not None and low > high:
        return [f"{where}: {low} is {word} than {high}"]
    return []


def link_problems(package: dict[str, Any]) -> list[str]:
    """Names, keys, references, dates and patterns that do not fit together (the structure is valid)."""
    out: list[str] = []
    fields_of: dict[str, list[str]] = {}
    for i, res in enumerate(package["resources"]):
        name = res["name"]
        if name in fields_of:
            first = next(j for j, r in enumerate(package["resources"]) if r["name"] == name)
            out.append(f"resources[{i}]: the name {name!r} is already the name of resources[{first}]; "
                       "each table needs its own name")
            continue
        if "schema" not in res:  # a geographic resource (TopoJSON): no fields to link
            fields_of[name] = []
            continue
        names = [f["name"] for f in res["schema"]["fields"]]
        fields_of[name] = names
        for j, field_name in enumerate(names):
            if field_name in names[:j]:
                out.append(f"table {name!r}: the field name {field_name!r} appears twice")
    temporal = package["temporal"]
    for key, value in temporal.items():
        if _date(value) is None:
            out.append(f"temporal.{key}: {value!r} is not a real calendar date")
    out += _ordered(_maybe_date(temporal.get("start")), _maybe_date(temporal.get("end")), "temporal.start … end",
                    "later")
    out += _ordered(_date(temporal["focus_start"]), _date(temporal["focus_end"]), "temporal.focus_start … focus_end",
                    "later")
    if "aftermath_end" in temporal:
        out += _ordered(_date(temporal["focus_end"]), _date(temporal["aftermath_end"]),
                        "temporal.focus_end … aftermath_end", "later")
    for res in package["resources"]:
        if "schema" in res:
            out += _table_links(res, fields_of)
    return out


def _maybe_date(text: str | None) -> dt.date | None:
    return None if text is None else _date(text)


def _table_links(res: dict[str, Any], fields_of: dict[str, list[str]]) -> list[str]:
    name, schema = res["name"], res["schema"]
    own = fields_of[name]
    out = []
    key = schema.get("primaryKey")
    for k in [key] if isinstance(key, str) else key or []:
        if k not in own:
            out.append(f"table {name!r}: primaryKey {k!r} is not one of its fields")
    for fk in schema.get("foreignKeys", []):
        (local,), target, (remote,) = fk["fields"], fk["reference"]["resource"] or name, fk["reference"]["fields"]
        if local not in own:
            out.append(f"table {name!r}: the foreign key's field {local!r} is not one of its fields")
        if target not in fields_of:
            out.append(f"table {name!r}: the foreign key of {local!r} points at {target!r}, which is not a table "
                       "of this package")
        elif remote not in fields_of[target]:
            out.append(f"table {name!r}: the foreign key of {local!r} points at {target}.{remote}, which is not "
                       "a field")
    for fld in schema["fields"]:
        where = f"table {name!r}, field {fld['name']!r}"
        cons = fld.get("constraints", {})
        for ref in fld.get("x-list", {}).get("references", []):
            if "id" not in fields_of.get(ref, []):
                out.append(f"{where}: x-list refers to {ref!r}, which is not a table with an 'id' field")
        if fld.get("type") == "date":
            for bound in ("minimum", "maximum"):
                if bound in cons and _date(cons[bound]) is None:
                    out.append(f"{where}: {bound} {cons[bound]!r} is not a real calendar date")
            out += _ordered(_maybe_date(cons.get("minimum")), _maybe_date(cons.get("maximum")),
                            f"{where}: minimum … maximum", "later")
        else:
            out += _ordered(cons.get("minimum"), cons.get("maximum"), f"{where}: minimum … maximum", "greater")
        if "pattern" in cons:
            try:
                compile_pattern(cons["pattern"])
            except ValueError as exc:
                out.append(_cut(f"{where}: pattern {cons['pattern']!r} {exc}"))
    return out


def descriptor_problems(package: Any) -> list[str]:
    """Everything wrong with a parsed descriptor, structure first; empty when the loader can use it."""
    return structure_problems(package) or link_problems(package)


# --------------------------------------------------------------------------------------------
# Patterns


def _subpatterns(op: Any, av: Any) -> list[Any]:
    """The parts of one parsed regex node that hold further nodes."""
    if op in _REPEATS:
        return [av[2]]
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op is sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _check_tree(nodes: Any, repeated: bool, expansion: int) -> None:
    """Raise ValueError for a part of variable length inside a repeat, or too many nested fixed copies."""
    for op, av in nodes:
        if op in _REPEATS:
            low, high = av[0], av[1]
            if low != high and repeated:
                raise ValueError("repeats a part of variable length inside another repeat (as in (\\w+\\s?)+), "
                                 "which can take exponential time; rewrite it without the inner repeat")
            count = expansion * (low if high == sre.MAXREPEAT else high)
            if count > MAX_PATTERN_EXPANSION:
                raise ValueError(f"repeats too many times ({count:,} copies); at most {MAX_PATTERN_EXPANSION:,} "
                                 "are allowed")
            _check_tree(av[2], repeated or high > 1, max(count, 1))
        else:
            for sub in _subpatterns(op, av):
                _check_tree(sub, repeated, expansion)


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """The compiled pattern, or ValueError saying why it is refused (invalid, nested repeats, too large)."""
    try:
        with warnings.catch_warnings():  # re warns of sets it may read differently one day; the regex module decides
            warnings.simplefilter("ignore", FutureWarning)
            tree = sre_parse.parse(pattern)
    except re.error as exc:
        raise ValueError(f"is not a valid regular expression ({exc})") from None
    except RecursionError:
        raise ValueError("is nested too deeply to be a regular expression") from None
    _check_tree(tree, False, 1)
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"is not a valid regular expression ({exc})") from None
