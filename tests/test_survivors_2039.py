"""Tests from fresh draws of mutants: seed 2039 (cards, maps and widgets, and the first draw of assemble, the chart
theme, the importers' reading, rules and validation, the notebook setup, synthetic data and the vocabulary) and seed
2040 (widgets, exercises, answers and assemble again, after the tests for 2039).

Each oracle is worked out by hand from a small input or from the data rows named beside it.
"""

from __future__ import annotations

import dataclasses
import html
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import DataError, assemble, cards, exercises, external, maps, notebook, synthetic, vocabulary, widgets
from helpers.charts import theme
from helpers.importers import rules


def test_the_date_sliders_leave_both_dates_to_the_count_line(ds: helpers.Dataset) -> None:
    # The slider's own readout is too narrow for two dates: it is off, and the line under it says them.
    qx = widgets.quote_explorer(ds)
    assert qx.dates.readout is False
    lo, hi = qx.dates.value
    assert f", {lo} – {hi}." in qx.count.value
    wx = widgets.weapon_explorer(ds)
    assert wx.dates.readout is False
    start, end = wx.dates.value
    assert f"fall in {start} – {end}, with" in wx.count.value


def test_the_rolling_window_slider_names_its_unit(ds: helpers.Dataset) -> None:
    assert widgets.sentiment_explorer(ds).window.description == "Window (days)"


def test_the_weapon_card_and_its_mentions_share_the_row(ds: helpers.Dataset) -> None:
    wx = widgets.weapon_explorer(ds)
    assert (wx.card.layout.width, wx.mentions.layout.width) == ("45%", "55%")


def test_a_milestone_note_is_shown_in_the_weapon_card(ds: helpers.Dataset) -> None:
    # m002 (anti-personnel mines, 20 Nov 2024): "Defense Secretary Austin confirmed on Wednesday 20 Nov that the
    # US would provide 'nonpersistent' anti-personnel mines." — escaped, after the milestone's date.
    card = cards.weapon_card(ds, "ap_mines")
    note = html.escape("Defense Secretary Austin confirmed on Wednesday 20 Nov that the US would provide "
                       "'nonpersistent' anti-personnel mines.")
    assert f" — {note}<br>" in card


def test_a_reach_line_skips_a_country_the_map_does_not_hold(ds: helpers.Dataset) -> None:
    # "Atlantis" has no outline: the line is kept over Russia only, as if it had not been named.
    topo = ds.boundaries
    over_russia = maps.reach_line(topo, "Ukraine", 300, ("Russia",))
    assert over_russia
    assert maps.reach_line(topo, "Ukraine", 300, ("Russia", "Atlantis")) == over_russia


def test_an_assembled_dataset_is_named_and_its_sources_numbered_afresh(ds: helpers.Dataset) -> None:
    # Two rows added to the bundled sources: the table's index runs 0 … n+1 (no label twice), and the package
    # carries the name and title given.
    extra = pd.concat([assemble.source_row(ds, "x1", "https://example.org/a", "Example", "A"),
                       assemble.source_row(ds, "x2", "https://example.org/b", "Example", "B")], ignore_index=True)
    temporal = {"start": "2024-11-01", "end": "2024-11-30", "focus_start": "2024-11-17", "focus_end": "2024-11-23"}
    out = assemble.dataset_from_frames(ds, ds.events.iloc[:0], name="my-import", title="My import",
                                       temporal=temporal, sources=extra)
    assert (out.package["name"], out.package["title"]) == ("my-import", "My import")
    assert list(out.sources.index) == list(range(len(ds.sources) + 2))
    assert list(out.sources["id"].iloc[-2:]) == ["x1", "x2"]


def test_a_source_row_has_the_sources_tables_dtypes(ds: helpers.Dataset) -> None:
    row = assemble.source_row(ds, "x1", "https://example.org/a", "Example", "A", outlet_kind="newspaper_broadcaster")
    assert row.dtypes.to_dict() == ds.sources.dtypes.to_dict()
    assert len(row) == 1 and pd.isna(row["mirror_of"].iloc[0]) and pd.isna(row["published"].iloc[0])


def test_the_nothing_to_draw_line_is_italic_in_a_40_px_band() -> None:
    spec = theme.nothing_to_draw("Title", "rows").to_dict()
    assert spec["mark"]["fontStyle"] == "italic" and spec["height"] == 40
    assert spec["description"].startswith("Nothing to draw: no rows.")


def test_a_folder_given_to_the_importer_is_not_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "events.csv"
    folder.mkdir()
    with pytest.raises(DataError) as info:
        external.load_events_csv(folder)
    assert [str(p) for p in info.value.problems] == ["events.csv: not a regular file"]


def test_a_zip_of_two_files_names_gdelts_own_layout(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.csv", "x\n")
        zf.writestr("b.csv", "y\n")
    with pytest.raises(DataError) as info:
        external.load_events_csv(path)
    assert [str(p) for p in info.value.problems] == [
        "two.zip: a zip holding 2 files; it must hold exactly one CSV/TSV (as GDELT's *.export.CSV.zip does)"]


def test_a_cameo_code_of_no_listed_root_is_other() -> None:
    # '21' is no CAMEO root (they run 01–20); '06' is listed (material cooperation: 'other' too, by the table).
    assert rules.gdelt_kind("2101") == "other" and rules.gdelt_kind("01") == "statement"


def test_a_weapon_without_aliases_is_found_by_its_name_before_the_bracket() -> None:
    # No alias for 'shahed': the name up to ' (' is the pattern, escaped ('-' stays literal), word-bounded.
    weapons = pd.DataFrame({"id": ["shahed"], "name": ["Shahed-136 (Geran-2)"]})
    assert rules.weapon_patterns(weapons) == {"shahed": r"\b(?:Shahed\-136)\b"}


def test_a_path_exactly_as_long_as_the_limit_keeps_its_tenths() -> None:
    # 2,000 characters is not longer than LONG_PATH: coordinates keep one decimal; one more character rounds them.
    d = "M1.25" + "L1.25" * ((notebook.LONG_PATH - 5) // 5)
    assert len(d) == notebook.LONG_PATH
    assert notebook._lean(f'<path d="{d}"/>') == '<path d="M1.2' + "L1.2" * ((notebook.LONG_PATH - 5) // 5) + '"/>'
    assert notebook._lean(f'<path d="{d}L1"/>').startswith('<path d="M1L1L1')


def test_the_notebook_setup_shows_forty_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    with pd.option_context("display.max_rows", 60, "display.max_colwidth", 50):
        notebook.setup_notebook()
        assert (pd.get_option("display.max_rows"), pd.get_option("display.max_colwidth")) == (40, 120)


def test_static_charts_are_drawn_with_the_vega_lite_altair_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    # The SVG must come from the same Vega-Lite as the spec (5.20 for Altair 5.5), not vl-convert's newest.
    seen = {}

    def fake(spec, vl_version=None, config=None):
        seen["vl_version"] = vl_version
        return "<svg></svg>"

    monkeypatch.setattr(notebook.vlc, "vegalite_to_svg", fake)
    notebook.static_svg({"description": "x", "mark": "point"})
    assert seen == {"vl_version": "5.20"} == {"vl_version": notebook.VL_VERSION}


def test_a_second_rendering_answers_what_its_first_answers(ds: helpers.Dataset) -> None:
    events = synthetic.events(50, seed=3)
    quotes = synthetic.quotes(200, seed=3, event_table=events)
    variants = quotes[quotes["variant_of"].notna()]
    assert len(variants) == 10  # the last 5%
    first = quotes.set_index("id").loc[variants["variant_of"]]
    assert variants["responds_to"].fillna("-").tolist() == first["responds_to"].fillna("-").tolist()
    assert first["responds_to"].notna().any()  # some first renderings answer an event, so the copy is seen


def test_synthetic_acled_rows_lie_over_ukraine_and_vary(tmp_path: Path) -> None:
    frame = pd.read_csv(synthetic.write_acled_csv(tmp_path / "acled.csv", 50, seed=1))
    assert frame["longitude"].between(30, 38).all() and frame["longitude"].nunique() > 40
    assert frame["latitude"].between(46, 52).all()


def test_the_vocabulary_reads_the_package_it_is_given() -> None:
    package = {"resources": [{"name": "claims", "schema": {"fields": [
        {"name": "verdict", "constraints": {"enum": ["yes", "no"]}}]}}, {"name": "notes", "schema": {}}]}
    assert vocabulary.enum("claims", "verdict", package) == ("yes", "no")
    with pytest.raises(LookupError, match=r"no enum for notes\.text"):
        vocabulary.enum("notes", "text", package)  # a schema without fields: not found, no TypeError


# --------------------------------------------------------------------------------------------
# Seed 2040

def test_assembled_quotes_get_their_phase_and_given_actors_are_kept(ds: helpers.Dataset) -> None:
    # Two quotes, one in the week (20 Nov) and one after the aftermath (30 Nov): phases read off `temporal`.
    temporal = {"start": "2024-11-01", "end": "2024-11-30", "focus_start": "2024-11-17", "focus_end": "2024-11-23",
                "aftermath_end": "2024-11-26"}
    quotes = ds.quotes.iloc[:2].assign(date=pd.to_datetime(["2024-11-20", "2024-11-30"]).astype("datetime64[s]"))
    actors = ds.actors.iloc[:3]
    out = assemble.dataset_from_frames(ds, ds.events.iloc[:0], name="x", title="x", temporal=temporal,
                                       quotes=quotes.drop(columns="phase"), actors=actors)
    assert out.quotes["phase"].astype(str).tolist() == ["week", "later"]
    assert out.actors["id"].tolist() == actors["id"].tolist()


def test_a_column_of_numbers_is_not_told_to_sum_its_true_rows(built_count: exercises.Exercise) -> None:
    # 00-2 counts pages: a True/False column gets `.sum()`; a column of numbers (the published years) does not.
    mask = pd.Series([True, False, True])
    assert "`.sum()` of it counts the True rows" in built_count.grade(mask).text()
    years = pd.Series([2024, 2023, 2024])
    assert "True rows" not in built_count.grade(years).text()


@pytest.fixture
def built_count(ds: helpers.Dataset) -> exercises.Exercise:
    return next(i.exercise for i in exercises.notebook_exercises(ds) if i.notebook.startswith("00")
                and i.label == "Exercise 2")


def test_a_hint_in_a_notebook_reads_as_markdown(ds: helpers.Dataset) -> None:
    exercises.forget_hints()
    ex = exercises.lowest_index_day(ds)
    hint = ex.hint()
    assert hint.markdown().startswith("**Hint 1 of 3.** ") and hint.text().startswith("Hint 1 of 3. ")
    assert hint.markdown().endswith("*Run `.hint()` again for the next one (2 more).*")
    exercises.forget_hints()


def test_the_quote_explorer_of_a_dataset_without_statements_says_so(ds: helpers.Dataset) -> None:
    empty = dataclasses.replace(ds, quotes=ds.quotes.iloc[:0])
    assert widgets.quote_explorer(empty).count.value == "<i>Nothing to explore: this dataset has no statements.</i>"


def test_the_sides_list_is_labelled(ds: helpers.Dataset) -> None:
    assert widgets.sentiment_explorer(ds).sides.description == "Sides"
