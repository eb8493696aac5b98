"""The classroom layer: navigation bars and the map of the notebooks (current, idempotent, following the glob),
and the notebook 00 charts by their spec (the exercises: test_exercises.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import charts
from helpers.data import tabular_resources

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import add_navigation
import generate_contents

# --------------------------------------------------------------------------------------------
# The committed notebooks and README are current


def test_navigation_is_current() -> None:
    stale = add_navigation.update(write=False)
    assert not stale, f"navigation bars are stale in {[p.name for p in stale]}: run `make navigation`"


def test_map_of_notebooks_is_current() -> None:
    stale = generate_contents.update(write=False)
    assert not stale, f"the map of the notebooks is stale in {[p.name for p in stale]}: run `make navigation`"


def test_every_notebook_states_objectives_questions_time_and_has_exercises() -> None:
    for path in generate_contents.notebook_files():
        info = generate_contents.describe(path)
        assert info.title.startswith(path.name[:2] + " · "), path.name
        assert len(info.questions) >= 3 and info.minutes, path.name
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "**By the end you will be able to**" in text, path.name
        assert "exercises." in text and ".check(...)" in text, path.name


# --------------------------------------------------------------------------------------------
# The tools, on a folder of small notebooks


def _notebook(path: Path, number: str, title: str, minutes: int = 30) -> None:
    intro = (f"# {number} · {title}\n\n**Time:** {minutes} minutes.\n\n**Questions**\n1. First question?\n"
             "2. A second question that goes on\n   over two lines?\n\nAfter the list.")
    nb = new_notebook(cells=[new_markdown_cell(intro), new_code_cell("1 + 1")])
    nbformat.write(nb, path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    _notebook(nbs / "00_start_here.ipynb", "00", "Start")
    front = nbformat.read(nbs / "00_start_here.ipynb", as_version=4)
    front.cells.append(new_markdown_cell(generate_contents.CELL_MARK + "\nold map"))
    nbformat.write(front, nbs / "00_start_here.ipynb")
    _notebook(nbs / "01_one.ipynb", "01", "One", 45)
    _notebook(nbs / "03_three.ipynb", "03", "Three", 20)
    (tmp_path / "README.md").write_text(
        f"# Title\n\n{generate_contents.README_BEGIN}\nold\n{generate_contents.README_END}\n\nEnd.\n", encoding="utf-8")
    return tmp_path


def _bars(path: Path) -> tuple[str, str]:
    nb = nbformat.read(path, as_version=4)
    return nb.cells[0].source, nb.cells[-1].source


def test_describe_reads_title_minutes_and_wrapped_questions(folder: Path) -> None:
    info = generate_contents.describe(folder / "notebooks" / "01_one.ipynb")
    assert info.title == "01 · One" and info.minutes == 45
    assert info.questions == ["First question?", "A second question that goes on over two lines?"]


def test_navigation_links_neighbours_and_a_second_run_changes_nothing(folder: Path) -> None:
    nbs = folder / "notebooks"
    assert len(add_navigation.update(nbs)) == 3
    top, bottom = _bars(nbs / "01_one.ipynb")
    assert top == bottom
    assert top.startswith(add_navigation.NAV_MARK)
    assert "< [00 · Start](00_start_here.ipynb)" in top and "[03 · Three](03_three.ipynb) >" in top
    assert "[Contents](00_start_here.ipynb)" in top
    assert "Contents" not in _bars(nbs / "00_start_here.ipynb")[0]  # the contents page does not link to itself
    assert "< [" not in _bars(nbs / "00_start_here.ipynb")[0] and " >" not in _bars(nbs / "03_three.ipynb")[0]
    before = {p.name: p.read_bytes() for p in nbs.iterdir()}
    assert add_navigation.update(nbs) == []
    assert {p.name: p.read_bytes() for p in nbs.iterdir()} == before
    nb = nbformat.read(nbs / "01_one.ipynb", as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "markdown", "code", "markdown"]
    assert nb.cells[0]["id"] == "navigation-top" and nb.cells[-1]["id"] == "navigation-bottom"


def test_a_notebook_added_later_is_linked_on_the_next_run(folder: Path) -> None:
    nbs = folder / "notebooks"
    add_navigation.update(nbs)
    _notebook(nbs / "02_two.ipynb", "02", "Two")
    changed = {p.name for p in add_navigation.update(nbs)}
    assert changed == {"01_one.ipynb", "02_two.ipynb", "03_three.ipynb"}
    assert "[02 · Two](02_two.ipynb) >" in _bars(nbs / "01_one.ipynb")[0]
    assert "< [02 · Two](02_two.ipynb)" in _bars(nbs / "03_three.ipynb")[1]
    assert add_navigation.update(nbs) == []


def test_map_lists_expected_notebooks_until_they_arrive(folder: Path) -> None:
    nbs, readme = folder / "notebooks", folder / "README.md"
    changed = generate_contents.update(nbs, readme)
    assert set(changed) == {nbs / "00_start_here.ipynb", readme}
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title") and text.endswith("\n\nEnd.\n")
    assert "| [01 · One](notebooks/01_one.ipynb) | First question? A second question" in text
    expected = generate_contents.EXPECTED[0]
    assert f"(notebooks/{expected.file}) *(in preparation)*" in text
    assert f"About {45 + 30 + 20 + expected.minutes} minutes" in text.replace("about", "About")
    assert generate_contents.update(nbs, readme) == []
    # The notebook arrives: it is read from its own file, and the mark goes.
    _notebook(nbs / expected.file, expected.file[:2], "Arrived", 40)
    generate_contents.update(nbs, readme)
    text = readme.read_text(encoding="utf-8")
    assert "Arrived" in text and "in preparation" not in text


def test_tools_report_what_is_missing(folder: Path) -> None:
    nbs, readme = folder / "notebooks", folder / "README.md"
    readme.write_text("# No markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"README\.md has no section"):
        generate_contents.update(nbs, readme)
    _notebook(nbs / "05_untitled.ipynb", "05", "x")
    nb = nbformat.read(nbs / "05_untitled.ipynb", as_version=4)
    nb.cells[0].source = "No heading here"
    nbformat.write(nb, nbs / "05_untitled.ipynb")
    with pytest.raises(ValueError, match=r"05_untitled\.ipynb: no markdown cell starting with a '# ' title"):
        add_navigation.update(nbs)


def test_the_real_notebooks_are_left_alone_by_a_dry_run(tmp_path: Path) -> None:
    copy = tmp_path / "notebooks"
    shutil.copytree(generate_contents.NOTEBOOK_DIR, copy)
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    add_navigation.update(copy, write=False)
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == before


# --------------------------------------------------------------------------------------------
# Notebook 00: charts and exercises


def _data(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def test_rows_per_table_spec(ds) -> None:
    spec = charts.rows_per_table(ds).to_dict()
    assert spec["name"] == "rows_per_table" and spec["layer"][0]["mark"]["type"] == "bar"
    rows = {r["table"]: r["rows"] for r in _data(spec)}
    assert list(rows) == [r["name"] for r in tabular_resources(ds.package)]
    assert rows["quotes"] == len(ds.quotes) and rows["contested"] == len(ds.contested)


def test_coverage_by_period_counts_every_row_once(ds) -> None:
    spec = charts.coverage_by_period(ds).to_dict()
    assert spec["name"] == "coverage_by_period"
    rows = _data(spec)
    assert sum(r["rows"] for r in rows if r["table"] == "events") == len(ds.events)
    assert sum(r["rows"] for r in rows if r["table"] == "statements") == len(ds.statements)
    by = {(r["period"], r["table"]): r["rows"] for r in rows}
    # The week is 17–23 November, the aftermath 24–26 November (worked out by hand from the definitions).
    week = ds.statements["date"].between("2024-11-17", "2024-11-23").sum()
    assert by[("The week (17–23 Nov)", "statements")] == week
    assert by[("The aftermath (24–26 Nov)", "statements")] == ds.statements["date"].between(
        "2024-11-24", "2024-11-26").sum()


def test_statements_per_side_spec(ds) -> None:
    spec = charts.statements_per_side(ds).to_dict()
    assert spec["name"] == "statements_per_side"
    counts = {r["side"]: r["statements"] for r in _data(spec)}
    assert list(counts) == [charts.SIDE_LABELS[s] for s in charts.SIDES]
    assert sum(counts.values()) == len(ds.statements)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == list(charts.SIDE_COLORS.values())


def test_sources_per_outlet_spec_and_grouping(ds) -> None:
    counts = charts.outlet_counts(ds.sources)
    assert counts["pages"].sum() == len(ds.sources)
    assert counts["pages"].is_monotonic_decreasing
    keys = counts["outlet"].str.replace(r"^the\s+", "", regex=True, case=False).str.casefold()
    assert not keys.duplicated().any(), "'The X' and 'X' must be one outlet"
    spec = charts.sources_per_outlet(ds, top=5).to_dict()
    assert spec["name"] == "sources_per_outlet"
    rows = _data(spec)
    assert [r["outlet"] for r in rows] == list(counts["outlet"].head(5))
    # Kinds in the legend in words: 'newspaper broadcaster', not the code 'newspaper_broadcaster'.
    assert {r["kind"] for r in rows} == {k.replace("_", " ") for k in counts["kind"].head(5)}
    assert not any("_" in r["kind"] for r in rows)
    rest = counts.iloc[5:]
    assert spec["title"]["subtitle"] == f"and {len(rest)} other outlets with {rest['pages'].sum()} pages"


def test_outlet_name_drops_the_bracketed_note() -> None:
    names = charts.outlet_name(pd.Series(["Geo News (Reuters)", "TASS", "O Dia (AFP, Portuguese)"]))
    assert list(names) == ["Geo News", "TASS", "O Dia"]
