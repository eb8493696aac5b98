"""The descriptor's own checks: the strict schema, and patterns compiled with bounds (helpers/descriptor.py).

Whole descriptors are tried in tests/hostile/; here are the pieces, each against answers worked out by hand.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

import helpers
from helpers import descriptor


def test_the_schema_is_a_valid_json_schema() -> None:
    schema = json.loads(descriptor.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_bundled_descriptor_passes() -> None:
    package = json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor.descriptor_problems(package) == []


@pytest.mark.parametrize("pattern", [
    "src[0-9]{3}(;src[0-9]{3})*",  # a fixed-length part repeated: linear
    "[a-z]{2,4}(_[a-z0-9_]+)?",  # '?' does not repeat
    "(ev|q|m)[0-9]{3}",
    "a{1000}",  # exactly the limit
    "(a{10}){100}",  # 10 × 100 = 1,000 copies: the limit
    "(?:ab)+",  # a fixed part repeated
    "(a|a)*",  # no nested repeat: left to the time budget
])
def test_patterns_that_are_accepted(pattern: str) -> None:
    assert descriptor.compile_pattern(pattern).fullmatch("src001") is None or pattern.startswith("src")


NESTED = ("repeats a part of variable length inside another repeat (as in (\\w+\\s?)+), which can take exponential "
          "time; rewrite it without the inner repeat")


@pytest.mark.parametrize(("pattern", "reason"), [
    ("(\\w+\\s?)+", NESTED),
    ("(a+)+", NESTED),
    ("(a*){2}", NESTED),  # a fixed count above one repeats too
    ("(a{1,3})*", NESTED),  # a counted range is of variable length
    ("(?:x|(a+))+", NESTED),  # inside an alternative
    ("(?:(?:a+)b)+", NESTED),  # inside a group inside the group
    ("(?=(a+)+)", NESTED),  # inside a lookahead
    ("(?>(a+)+)", NESTED),  # inside an atomic group
    ("(a)?(?(1)(b+)+|c)", NESTED),  # inside a conditional's yes branch
    ("(a)?(?(1)c|(b+)+)", NESTED),  # …and its no branch
    ("(a{100}){11}", "repeats too many times (1,100 copies); at most 1,000 are allowed"),
    ("a{1001}", "repeats too many times (1,001 copies); at most 1,000 are allowed"),
    ("(a{10}){10}{11}", "is not a valid regular expression (multiple repeat at position 11)"),
    ("((a{10}){10}){11}", "repeats too many times (1,100 copies); at most 1,000 are allowed"),
    ("(a{2}){2,}", None),  # an open repeat counts its minimum: accepted
    ("[a-z", "is not a valid regular expression (unterminated character set at position 0)"),
    ("\\X", "is not a valid regular expression (bad escape \\X at position 0)"),
    ("[[::]]", "is not a valid regular expression (unknown property at position 5)"),
    ("(" * 5000 + ")" * 5000, "is nested too deeply to be a regular expression"),
])
def test_patterns_that_are_refused(pattern: str, reason: str | None) -> None:
    if reason is None:
        descriptor.compile_pattern(pattern)
        return
    with pytest.raises(ValueError) as info:
        descriptor.compile_pattern(pattern)
    assert str(info.value) == reason


def test_structure_errors_are_capped_and_cut() -> None:
    errors = descriptor.structure_problems({"name": "x", "temporal": {"focus_start": "2024-11-17",
                                                                      "focus_end": "2024-11-18"},
                                            "resources": [{"name": f"t{i}"} for i in range(30)]})
    # each resource lacks path, title, description and schema: 120 errors, 20 listed
    assert len(errors) == 21
    assert errors[0] == "resources[0]: 'description' is a required property"  # by place, then by message
    assert errors[-1] == "… and 100 more problems in the descriptor's structure"
    long = descriptor.structure_problems({"name": "x" * 500})
    assert long == ["the descriptor: 'resources' is a required property",
                    "the descriptor: 'temporal' is a required property",
                    "name: '" + "x" * 59 + "… is too long"]
    huge = descriptor.structure_problems({"name": "ok", "resources": [], "temporal": "x" * 1000})
    assert huge == ["resources: [] should be non-empty", "temporal: '" + "x" * 59 + "… is not of type 'object'"]


def test_a_message_longer_than_the_limit_is_cut() -> None:
    assert descriptor._cut("a" * 300) == "a" * 300
    assert descriptor._cut("a" * 301) == "a" * 300 + "…"


def test_where_in_the_descriptor() -> None:
    assert descriptor._where(["resources", 2, "schema", "fields", 0]) == "resources[2].schema.fields[0]"
    assert descriptor._where([]) == "the descriptor"
    assert descriptor._where([3]) == "[3]"


def _bundled() -> dict:
    return json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_a_duplicate_name_anywhere_is_the_only_problem() -> None:
    package = _bundled()
    package["resources"].insert(1, dict(package["resources"][0]))  # a second 'sources' before every other table
    assert descriptor.descriptor_problems(package) == [
        "resources[1]: the name 'sources' is already the name of resources[0]; each table needs its own name"]


def test_equal_bounds_are_in_order() -> None:
    package = _bundled()
    package["temporal"].update(focus_start="2024-11-20", focus_end="2024-11-20", start="2024-11-20",
                               end="2024-11-20")
    assert descriptor.descriptor_problems(package) == []
    assert descriptor._ordered(5, 5, "x", "greater") == []
    assert descriptor._ordered(6, 5, "x", "greater") == ["x: 6 is greater than 5"]
    assert descriptor._ordered(None, 5, "x", "greater") == descriptor._ordered(6, None, "x", "greater") == []


def test_an_invalid_date_is_not_also_out_of_order() -> None:
    # '2024-11-31' sorts after '2024-11-26' as text; it is no date, so it is reported once, as no date
    package = _bundled()
    package["temporal"]["focus_start"] = "2024-11-31"
    assert descriptor.descriptor_problems(package) == ["temporal.focus_start: '2024-11-31' is not a real calendar date"]


def test_a_value_of_sixty_characters_is_quoted_whole() -> None:
    # repr of 58 characters is 60 with its quotes: shown whole; one more, and it is cut
    whole = descriptor.structure_problems({"name": "ok", "resources": [], "temporal": "x" * 58})
    assert whole[1] == "temporal: '" + "x" * 58 + "' is not of type 'object'"
    cut = descriptor.structure_problems({"name": "ok", "resources": [], "temporal": "x" * 59})
    assert cut[1] == "temporal: '" + "x" * 59 + "… is not of type 'object'"


def test_a_data_period_is_optional() -> None:
    package = _bundled()
    del package["temporal"]["start"], package["temporal"]["end"]
    assert descriptor.descriptor_problems(package) == []


def test_a_primary_key_given_as_one_name() -> None:
    package = _bundled()
    (actors,) = [r for r in package["resources"] if r["name"] == "actors"]
    actors["schema"]["primaryKey"] = "id"
    assert descriptor.descriptor_problems(package) == []
    actors["schema"]["primaryKey"] = "key"
    assert descriptor.descriptor_problems(package) == ["table 'actors': primaryKey 'key' is not one of its fields"]


def test_a_date_maximum_that_is_no_date() -> None:
    package = _bundled()
    (events,) = [r for r in package["resources"] if r["name"] == "events"]
    (date,) = [f for f in events["schema"]["fields"] if f["name"] == "date"]
    date["constraints"]["maximum"] = "2024-02-30"
    assert descriptor.descriptor_problems(package) == [
        "table 'events', field 'date': maximum '2024-02-30' is not a real calendar date"]


def test_exactly_twenty_structural_errors_are_all_listed() -> None:
    many = _bundled()
    many["resources"] = many["resources"][:9]  # nine tables
    for res in many["resources"][:4]:
        res["profile"] = "data-resource"
    for res in many["resources"][4:]:
        res["format"] = "tsv"
    for res in many["resources"]:
        res["encoding"] = "latin-1"
    for res in many["resources"][:2]:
        res["mediatype"] = "text/plain"
    # 4 + 5 + 9 + 2 = 20 errors: all listed, no count line
    errors = descriptor.structure_problems(many)
    assert len(errors) == 20 and not any(e.startswith("…") for e in errors)
