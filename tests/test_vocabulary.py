"""One vocabulary: sides, verdicts, kinds and milestones come from datapackage.json's enums, and nowhere else."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import charts, factcheck, vocabulary, weapons
from helpers.charts import weapons as weapon_charts
from helpers.data import DATA_DIR, load_dataset
from helpers.importers import codebooks, rules
from helpers.labels import SIDE_LABELS, SIDES, plural, short, side_label

HELPERS = Path(vocabulary.__file__).resolve().parent


def test_enum_keeps_the_descriptor_order() -> None:
    package = {"resources": [{"name": "t", "schema": {"fields": [
        {"name": "a", "constraints": {"enum": ["zeta", "alpha", "mid"]}}, {"name": "b"}]}}]}
    assert vocabulary.enum("t", "a", package) == ("zeta", "alpha", "mid")
    with pytest.raises(LookupError, match=r"no enum for t\.b"):
        vocabulary.enum("t", "b", package)
    with pytest.raises(LookupError, match=r"no enum for u\.a"):
        vocabulary.enum("u", "a", package)


def test_the_vocabulary_is_the_shipped_descriptor() -> None:
    # Read here with plain json, by field, as a reader of datapackage.json would.
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f.get("constraints", {}).get("enum")
              for r in package["resources"] for f in r.get("schema", {}).get("fields", [])}
    assert list(vocabulary.SIDES) == fields["actors", "side"]
    assert list(vocabulary.VERDICTS) == fields["claims", "verdict"]
    assert list(vocabulary.EVENT_KINDS) == fields["events", "kind"]
    assert list(vocabulary.MILESTONES) == fields["milestones", "milestone"]
    assert list(vocabulary.QUOTE_TYPES) == fields["quotes", "quote_type"]


def test_every_module_takes_the_vocabulary_from_one_place() -> None:
    assert list(vocabulary.SIDES) == SIDES and rules.SIDES is vocabulary.SIDES
    assert factcheck.VERDICTS is vocabulary.VERDICTS and list(vocabulary.VERDICTS) == charts.VERDICT_ORDER
    assert codebooks.KINDS is vocabulary.EVENT_KINDS
    assert list(vocabulary.MILESTONES) == weapons.MILESTONES


def test_every_table_keyed_by_a_vocabulary_names_each_value_once() -> None:
    assert list(SIDE_LABELS) == list(vocabulary.SIDES)
    assert list(charts.SIDE_COLORS) == list(vocabulary.SIDES)
    assert list(factcheck.VERDICT_MEANING) == list(vocabulary.VERDICTS)
    assert list(charts.VERDICT_COLORS) == list(vocabulary.VERDICTS)
    assert list(weapons.MILESTONE_LABELS) == list(vocabulary.MILESTONES)
    assert list(weapon_charts.MILESTONE_STYLE) == [weapons.MILESTONE_LABELS[m] for m in vocabulary.MILESTONES]


def _literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and node.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            yield node.lineno, {e.value for e in node.elts}


def test_no_module_spells_a_whole_vocabulary_out() -> None:
    """A literal list holding every value of a vocabulary is a second copy of it (a subset is a choice)."""
    vocabularies = {"sides": vocabulary.SIDES, "verdicts": vocabulary.VERDICTS, "event kinds": vocabulary.EVENT_KINDS,
                    "milestones": vocabulary.MILESTONES, "outlet kinds": vocabulary.OUTLET_KINDS,
                    "place kinds": vocabulary.PLACE_KINDS, "check outcomes": vocabulary.CHECK_OUTCOMES}
    copies = []
    for path in sorted(HELPERS.rglob("*.py")):
        for line, values in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            copies += [f"{path.relative_to(HELPERS)}:{line} spells out the {name}"
                       for name, vocab in vocabularies.items() if set(vocab) <= values]
    assert not copies, copies


def test_source_links_see_an_edit_made_in_place() -> None:
    ds = load_dataset()
    first = str(ds.sources["id"].iloc[0])
    outlet, url = factcheck.source_links(ds, first)[0]
    assert url != "https://example.org/edited"
    ds.sources.loc[ds.sources["id"] == first, "url"] = "https://example.org/edited"
    assert factcheck.source_links(ds, first) == [(outlet, "https://example.org/edited")]
    ds.sources.loc[ds.sources["id"] == first, "outlet"] = "Edited outlet"
    assert factcheck.source_links(ds, first) == [("Edited outlet", "https://example.org/edited")]


def test_side_labels_and_tooltip_cuts_by_hand() -> None:
    labels = side_label(pd.Series(["ukraine", "russia_and_partners", None]))
    assert labels[:2].tolist() == ["Ukraine", "Russia & partners"] and labels.isna()[2]
    # limit 5: four characters stay, five stay, six become four and an ellipsis (five in all).
    cut = short(pd.Series(["abcd", "abcde", "abcdef"]), limit=5)
    assert cut.tolist() == ["abcd", "abcde", "abcd…"]


def test_a_count_and_its_noun() -> None:
    assert [plural(n, "event") for n in (0, 1, 2, 1200)] == ["0 events", "1 event", "2 events", "1,200 events"]
