"""The data dictionary is derived from datapackage.json, and data/README.md carries the current one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from helpers.data import load_package, tabular_resources
from helpers.schema import data_dictionary, data_dictionary_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_dictionary_has_one_row_per_field() -> None:
    package = load_package()
    table = data_dictionary(package)
    expected = [(r["name"], f["name"]) for r in tabular_resources(package) for f in r["schema"]["fields"]]
    assert list(zip(table["table"], table["field"], strict=True)) == expected
    row = table[(table["table"] == "quotes") & (table["field"] == "speaker_id")].iloc[0]
    assert row["references"] == "actors.id"
    assert "required" in row["constraints"]


def test_dictionary_follows_a_changed_descriptor() -> None:
    package = load_package()
    package["resources"][0]["schema"]["fields"][0]["description"] = "A changed description."
    assert "A changed description." in data_dictionary_markdown(package)


def test_data_readme_carries_the_generated_dictionary() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "tools" / "generate_data_dictionary.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert gen.render(text) == text, "data/README.md is stale: run `make data-dictionary`"


def test_dictionary_of_a_small_package_by_hand() -> None:
    package = {"resources": [
        {"name": "t", "path": "t.csv", "title": "T", "description": "D.", "schema": {
            "fields": [
                {"name": "a"},
                {"name": "b", "type": "integer", "description": "B | c",
                 "constraints": {"required": True, "unique": True, "enum": [1, 2], "minimum": 1, "maximum": 2}},
                {"name": "c", "type": "string", "constraints": {"pattern": "x[0-9]"},
                 "x-list": {"separator": ";", "references": ["t", "u"]}},
            ],
            "foreignKeys": [{"fields": ["c"], "reference": {"resource": "", "fields": ["a"]}}]}},
        {"name": "u", "path": "u.csv", "title": "U", "description": "E.", "schema": {
            "fields": [{"name": "id", "type": "date", "constraints": {"required": False}}],
            "foreignKeys": [{"fields": ["id"], "reference": {"resource": "t", "fields": ["b"]}}]}},
    ]}
    assert data_dictionary(package).to_dict("records") == [
        {"table": "t", "field": "a", "type": "string", "constraints": "", "references": "", "description": ""},
        {"table": "t", "field": "b", "type": "integer", "constraints": "required; unique; one of: 1, 2; ≥ 1; ≤ 2",
         "references": "", "description": "B | c"},
        {"table": "t", "field": "c", "type": "string", "constraints": "pattern `x[0-9]`; ';'-separated ids in t or u",
         "references": "t.a", "description": ""},
        {"table": "u", "field": "id", "type": "date", "constraints": "", "references": "t.b", "description": ""},
    ]
    assert data_dictionary_markdown(package) == (
        "### `t.csv` — T\n\nD.\n\n"
        "| field | type | constraints | references | description |\n"
        "|---|---|---|---|---|\n"
        "| `a` | string |  |  |  |\n"
        "| `b` | integer | required; unique; one of: 1, 2; ≥ 1; ≤ 2 |  | B \\| c |\n"
        "| `c` | string | pattern `x[0-9]`; ';'-separated ids in t or u | t.a |  |\n"
        "\n"
        "### `u.csv` — U\n\nE.\n\n"
        "| field | type | constraints | references | description |\n"
        "|---|---|---|---|---|\n"
        "| `id` | date |  | t.b |  |\n"
    )
