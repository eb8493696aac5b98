"""Every kind of bad input gets a clear error naming file, line and column — all of them at once."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

import helpers
from helpers import DataError


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_dir)
    return [str(p) for p in info.value.problems]


def replace_cell(text: str, line: int, column: int, value: str) -> str:
    """Replace one unquoted cell of a simple CSV (actors.csv has no quoted cells)."""
    lines = text.split("\n")
    cells = lines[line - 1].split(",")
    cells[column] = value
    lines[line - 1] = ",".join(cells)
    return "\n".join(lines)


def edit_cell(data_dir: Path, file: str, line: int, column: str, value: str) -> Path:
    """Set one cell with the csv module (cells may be quoted); `line` as an editor shows it."""
    path = data_dir / file
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return data_dir


def test_bundled_data_is_valid() -> None:
    helpers.load_dataset()


def test_enum_violation_names_file_line_column(edit_csv) -> None:
    data = edit_csv("actors.csv", lambda t: replace_cell(t, 3, 4, "neutral"))
    assert problems_of(data) == [
        "actors.csv, line 3, column 'side': 'neutral' is not one of: "
        "russia_and_partners, ukraine, western_partners, other"
    ]


def test_all_problems_are_reported_together(edit_csv) -> None:
    edit_csv("actors.csv", lambda t: replace_cell(replace_cell(t, 2, 4, "x"), 5, 1, ""))
    found = problems_of(edit_csv("events.csv", lambda t: t.replace(",2024-11-", ",2024-13-", 1)))
    assert any(p.startswith("actors.csv, line 2, column 'side'") for p in found)
    assert any(p.startswith("actors.csv, line 5, column 'name': required value is missing") for p in found)
    assert any(p.startswith("events.csv, line ") and "column 'date'" in p and "not a real calendar date" in p
               for p in found)


def test_wrong_date_format(data_copy: Path) -> None:
    data = edit_cell(data_copy, "sources.csv", 2, "published", "17/11/2024")
    found = problems_of(data)
    assert any(p.startswith("sources.csv, line 2, column 'published': '17/11/2024' is not a date") for p in found)


def test_date_outside_the_declared_period(edit_csv, ds) -> None:
    first_date = ds.quotes["date"].iloc[0].strftime("%Y-%m-%d")
    qid = ds.quotes["id"].iloc[0]
    data = edit_csv("quotes.csv", lambda t: t.replace(f"{qid},{first_date},", f"{qid},2025-03-01,", 1))
    assert "quotes.csv, line 2, column 'date': '2025-03-01' is after the maximum 2024-11-30" in problems_of(data)


def test_duplicate_id(edit_csv) -> None:
    lines_holder: dict[str, str] = {}

    def change(t: str) -> str:
        lines = t.split("\n")
        lines_holder["dup"] = lines[1].split(",")[0]
        lines[2] = lines[1]
        return "\n".join(lines)

    found = problems_of(edit_csv("actors.csv", change))
    assert f"actors.csv, line 3, column 'id': duplicate value '{lines_holder['dup']}' (first on line 2)" in found


def test_unknown_foreign_key(edit_csv, ds) -> None:
    speaker = ds.quotes["speaker_id"].iloc[0]
    qid = ds.quotes["id"].iloc[0]

    def change(t: str) -> str:
        head, first, *rest = t.split("\n")
        return "\n".join([head, first.replace(f",{speaker},", ",xx_nobody,", 1), *rest])

    found = problems_of(edit_csv("quotes.csv", change))
    assert "quotes.csv, line 2, column 'speaker_id': 'xx_nobody' is not an 'id' in actors.csv" in found, qid


def test_unknown_source_in_list(edit_csv) -> None:
    def change(t: str) -> str:
        head, first, *rest = t.split("\n")
        return "\n".join([head, first.replace(",src", ",src999;src", 1), *rest])

    found = problems_of(edit_csv("events.csv", change))
    assert "events.csv, line 2, column 'source_ids': 'src999' is not an id in sources.csv" in found


def test_goldstein_must_match_the_cameo_table(data_copy: Path, ds) -> None:
    code = ds.events["cameo_code"].iloc[0]
    gdelt = ds.cameo_goldstein.set_index("code").loc[code, "goldstein"]
    data = edit_cell(data_copy, "events.csv", 2, "goldstein", "9.9")
    assert problems_of(data) == [f"events.csv, line 2, column 'goldstein': 9.9 differs from GDELT's value {gdelt} for "
                                 f"CAMEO code {code}"]


def test_the_error_lists_every_problem_on_its_own_line() -> None:
    one = DataError([helpers.Problem("a.csv", 3, "x", "is wrong")])
    assert str(one) == "1 problem in the data:\n  - a.csv, line 3, column 'x': is wrong"
    two = DataError([helpers.Problem("a.csv", None, None, "is empty"), helpers.Problem("b.csv", 2, None, "blank")])
    assert str(two) == "2 problems in the data:\n  - a.csv: is empty\n  - b.csv, line 2: blank"
    assert two.problems[1].line == 2


def test_not_a_number(data_copy: Path) -> None:
    found = problems_of(edit_cell(data_copy, "cameo_goldstein.csv", 2, "goldstein", "minus two"))
    assert any(p.startswith("cameo_goldstein.csv, line 2, column 'goldstein': 'minus two' is not a number")
               for p in found)


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "claims.csv").write_bytes(b"")
    found = problems_of(data_copy)
    assert any(p.startswith("claims.csv, line 1: file is empty; expected a header row: id,claim,") for p in found)


def test_header_only_file(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    assert "claims.csv, line 1: file has a header but no data rows" in problems_of(data_copy)


def test_wrong_header(edit_csv) -> None:
    data = edit_csv("actors.csv", lambda t: t.replace("id,name,role,country,side", "id,name,title,country,side", 1))
    found = problems_of(data)
    assert any(p.startswith("actors.csv, line 1: header does not match the schema (missing role; "
                            "unexpected 'title')") for p in found)


def test_non_utf8_bytes_are_located(data_copy: Path) -> None:
    path = data_copy / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    cells = lines[3].split(b",")
    cells[1] = cells[1] + b" \xe9"  # a Latin-1 'é'
    lines[3] = b",".join(cells)
    path.write_bytes(b"\n".join(lines))
    assert ("actors.csv, line 4, column 'name': contains bytes that are not valid UTF-8; save the file as UTF-8"
            in problems_of(data_copy))


def test_unbalanced_quote(data_copy: Path) -> None:
    path = data_copy / "actors.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[4].split(",")
    cells[2] = '"' + cells[2]  # opens a quote that never closes
    lines[4] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems_of(data_copy) == ["actors.csv, line 5: malformed CSV (unexpected end of data); look for an "
                                      "unbalanced double quote in this row"]


def test_too_many_fields(edit_csv) -> None:
    def change(t: str) -> str:
        lines = t.split("\n")
        lines[2] = lines[2] + ",extra"
        return "\n".join(lines)

    assert ("actors.csv, line 3: too many fields: 6 instead of 5 (an unquoted comma, or a missing one?)"
            in problems_of(edit_csv("actors.csv", change)))


def test_too_few_fields(edit_csv) -> None:
    def change(t: str) -> str:
        lines = t.split("\n")
        lines[2] = lines[2].rsplit(",", 1)[0]
        return "\n".join(lines)

    assert ("actors.csv, line 3: too few fields: 4 instead of 5 (an unquoted comma, or a missing one?)"
            in problems_of(edit_csv("actors.csv", change)))


def test_blank_line_is_reported_not_skipped(edit_csv) -> None:
    def change(t: str) -> str:
        lines = t.split("\n")
        lines.insert(3, "")
        return "\n".join(lines)

    assert "actors.csv, line 4: blank line; remove it" in problems_of(edit_csv("actors.csv", change))


def test_direct_quote_needs_its_rendering_source(edit_csv, ds) -> None:
    row = ds.quotes[ds.quotes["quote_type"] == "direct"].iloc[0]
    line = int(ds.quotes.index[ds.quotes["id"] == row["id"]][0]) + 2

    def change(t: str) -> str:
        return t.replace(f"{row['language']},{row['rendering_source_id']},",
                         f"{row['language']},,", 1)

    found = problems_of(edit_csv("quotes.csv", change))
    assert (f"quotes.csv, line {line}, column 'rendering_source_id': a direct quote must name the source whose "
            "English wording it reproduces") in found


def test_leading_space_is_not_trimmed(edit_csv) -> None:
    found = problems_of(edit_csv("actors.csv", lambda t: replace_cell(t, 2, 4, " ukraine")))
    assert any(p.startswith("actors.csv, line 2, column 'side': ' ukraine' is not one of") for p in found)


def test_load_table_reports_with_file_line_column(edit_csv) -> None:
    data = edit_csv("actors.csv", lambda t: replace_cell(t, 3, 4, "neutral"))
    with pytest.raises(DataError, match=r"actors.csv, line 3, column 'side'"):
        helpers.load_table("actors", data)


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "actors.csv").unlink()
    assert any(p.startswith("actors.csv: file is missing") for p in problems_of(data_copy))


def test_a_range_needs_its_basis(data_copy: Path) -> None:
    # line 2 is HIMARS, which has a range
    found = problems_of(edit_cell(data_copy, "weapon_systems.csv", 2, "range_basis", ""))
    assert found == ["weapon_systems.csv, line 2, column 'range_basis': a range needs its basis: 'system' or 'class'"]


def test_range_minimum_above_maximum(data_copy: Path) -> None:
    found = problems_of(edit_cell(data_copy, "weapon_systems.csv", 3, "range_min_km", "900"))
    assert found == ["weapon_systems.csv, line 3, column 'range_min_km': 900 is more than range_max_km 300"]


def test_contested_topic_keeps_one_question(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 3, "question", "How many missiles were there?")
    assert problems_of(data_copy) == [
        "contested.csv, line 3, column 'question': differs from the question of topic 'atacms_fired' on line 2; "
        "every version of a topic answers the same question"
    ]


def test_contested_unknown_actor_and_event(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 2, "actor_id", "ru_nobody")
    edit_cell(data_copy, "contested.csv", 4, "event_id", "ev999")
    assert problems_of(data_copy) == [
        "contested.csv, line 2, column 'actor_id': 'ru_nobody' is not an 'id' in actors.csv",
        "contested.csv, line 4, column 'event_id': 'ev999' is not an 'id' in events.csv",
    ]


# -- outlets and dates ----------------------------------------------------------------------


def line_of(data_dir: Path, file: str, row_id: str) -> int:
    """The editor line of the row whose first cell is `row_id` (rows hold no line breaks)."""
    with open(data_dir / file, encoding="utf-8", newline="") as fh:
        return next(n for n, row in enumerate(csv.reader(fh), start=1) if row and row[0] == row_id)


def test_a_source_has_its_outlets_kind(data_copy: Path) -> None:
    # line 2 is src001, on chinadailyasia.com: the outlet china_daily, state_affiliated
    found = problems_of(edit_cell(data_copy, "sources.csv", 2, "outlet_kind", "wire_agency"))
    line = line_of(data_copy, "outlets.csv", "china_daily")
    assert found == [f"sources.csv, line 2, column 'outlet_kind': 'wire_agency' differs from 'state_affiliated', "
                     f"the kind of its outlet 'china_daily' (outlets.csv, line {line})"]


def test_a_subdomain_belongs_to_its_domain(data_copy: Path) -> None:
    # staging.rferl.org is RFE/RL's own host: the page has RFE/RL's kind, not a mirror's
    line = line_of(data_copy, "sources.csv", "src121")
    found = problems_of(edit_cell(data_copy, "sources.csv", line, "outlet_kind", "aggregator_mirror"))
    assert len(found) == 1 and "differs from 'newspaper_broadcaster', the kind of its outlet 'rferl'" in found[0]


def test_a_source_on_an_unknown_domain(data_copy: Path) -> None:
    found = problems_of(edit_cell(data_copy, "sources.csv", 2, "url", "https://www.example-news.test/a/1"))
    assert found == ["sources.csv, line 2, column 'url': no outlet in outlets.csv has the domain of "
                     "'www.example-news.test'; add it to its outlet's domains"]


def test_a_domain_belongs_to_one_outlet(data_copy: Path) -> None:
    first, rt = line_of(data_copy, "outlets.csv", "abc_news"), line_of(data_copy, "outlets.csv", "rt")
    edit_cell(data_copy, "outlets.csv", first, "domains", "abcnews.go.com abc7news.com rt.com")
    found = problems_of(data_copy)
    assert f"outlets.csv, line {rt}, column 'domains': 'rt.com' is also a domain of 'abc_news' (line {first})" in found


def test_mirror_of_names_an_outlet(data_copy: Path) -> None:
    found = problems_of(edit_cell(data_copy, "sources.csv", 2, "mirror_of", "nobody"))
    assert found == ["sources.csv, line 2, column 'mirror_of': 'nobody' is not an 'id' in outlets.csv"]


def test_a_week_precision_date_is_its_monday(data_copy: Path) -> None:
    # line 13 is ev012, known only to the week of Monday 7 October 2024
    found = problems_of(edit_cell(data_copy, "events.csv", 13, "date", "2024-10-09"))
    assert found == ["events.csv, line 13, column 'date': 2024-10-09 is known only to the week: "
                     "write the week's first day, 2024-10-07"]


def test_a_month_precision_date_is_its_first_day(data_copy: Path) -> None:
    # line 7 is m006, known only to February 2024
    found = problems_of(edit_cell(data_copy, "milestones.csv", 7, "date", "2024-02-15"))
    assert found == ["milestones.csv, line 7, column 'date': 2024-02-15 is known only to the month: "
                     "write the month's first day, 2024-02-01"]
# --------------------------------------------------------------------------------------------
# Every rule of the loader, each with its exact message. Rows are picked from the data by what they are
# (a variant, a direct quote), so the tests hold when rows are added; the line is the row's index + 2.


def _line(ds, table: str, row_id: str) -> int:
    frame = ds.table(table)
    return int(frame.index[frame["id"] == row_id][0]) + 2


def test_a_value_that_breaks_its_pattern(data_copy: Path) -> None:
    edit_cell(data_copy, "claims.csv", 2, "id", "C01")
    edit_cell(data_copy, "quotes.csv", 3, "language", "EN")
    assert problems_of(data_copy) == [
        "claims.csv, line 2, column 'id': 'C01' does not match the pattern c[0-9]{2}",
        "quotes.csv, line 3, column 'language': 'EN' does not match the pattern [a-z]{2}",
    ]


def test_a_pattern_must_match_the_whole_value(data_copy: Path) -> None:
    # 'c011' starts with a match of c[0-9]{2}; only the whole value counts
    edit_cell(data_copy, "claims.csv", 3, "id", "c011")
    assert problems_of(data_copy) == ["claims.csv, line 3, column 'id': 'c011' does not match the pattern c[0-9]{2}"]


def test_a_variant_of_a_variant(data_copy: Path, ds) -> None:
    variants = ds.quotes[ds.quotes["variant_of"].notna()]
    first, second = variants.iloc[0], variants[variants["id"] != variants.iloc[0]["id"]].iloc[0]
    line = _line(ds, "quotes", second["id"])
    edit_cell(data_copy, "quotes.csv", line, "variant_of", first["id"])
    assert problems_of(data_copy) == [f"quotes.csv, line {line}, column 'variant_of': '{first['id']}' must be a "
                                      "first rendering (its own variant_of empty)"]


def test_a_statement_that_is_its_own_variant(data_copy: Path, ds) -> None:
    parents = set(ds.quotes["variant_of"].dropna())
    alone = ds.quotes[ds.quotes["variant_of"].isna() & ~ds.quotes["id"].isin(parents)].iloc[0]
    line = _line(ds, "quotes", alone["id"])
    edit_cell(data_copy, "quotes.csv", line, "variant_of", alone["id"])
    assert problems_of(data_copy) == [f"quotes.csv, line {line}, column 'variant_of': '{alone['id']}' must be a "
                                      "first rendering (its own variant_of empty)"]


def test_a_variant_by_another_speaker(data_copy: Path, ds) -> None:
    variant = ds.quotes[ds.quotes["variant_of"].notna()].iloc[0]
    other = next(a for a in ds.actors["id"] if a != variant["speaker_id"])
    line = _line(ds, "quotes", variant["id"])
    edit_cell(data_copy, "quotes.csv", line, "speaker_id", other)
    assert problems_of(data_copy) == [f"quotes.csv, line {line}, column 'variant_of': '{variant['variant_of']}' has "
                                      "another speaker; variants render one statement"]


def test_the_rendering_source_is_one_of_the_row_sources(data_copy: Path, ds) -> None:
    direct = ds.quotes[(ds.quotes["quote_type"] == "direct") & ~ds.quotes["source_ids"].str.contains(";")].iloc[0]
    elsewhere = next(s for s in ds.sources["id"] if s != direct["source_ids"])
    line = _line(ds, "quotes", direct["id"])
    edit_cell(data_copy, "quotes.csv", line, "rendering_source_id", elsewhere)
    assert problems_of(data_copy) == [f"quotes.csv, line {line}, column 'rendering_source_id': '{elsewhere}' is not "
                                      "among this row's source_ids"]


def test_a_line_break_inside_a_cell(data_copy: Path) -> None:
    edit_cell(data_copy, "actors.csv", 3, "role", "officials\nand others")
    assert problems_of(data_copy) == ["actors.csv, line 3, column 'role': value spans several lines; a double quote "
                                      "is probably unbalanced here"]


def test_a_number_too_large_to_be_finite(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 2, "number", "9" * 309)  # 10^309 > the largest float, about 1.8e308
    assert problems_of(data_copy) == ["contested.csv, line 2, column 'number': '" + "9" * 59 + "…' (309 characters) "
                                      "is not a finite number"]


def test_a_large_but_finite_number_loads(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 2, "number", "9" * 308)  # about 1e308: still a float
    assert helpers.load_dataset(data_copy).contested["number"].iloc[0] == 1e308


def test_columns_out_of_order(edit_csv) -> None:
    data = edit_csv("actors.csv", lambda t: t.replace("id,name,role,country,side", "id,role,name,country,side", 1))
    assert problems_of(data) == ["actors.csv, line 1: header does not match the schema (columns are out of order); "
                                 "expected: id,name,role,country,side"]


def test_bounds_of_numbers_and_dates(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 2, "number", "-1")
    edit_cell(data_copy, "sources.csv", 2, "published", "2009-12-31")
    assert problems_of(data_copy) == [
        "contested.csv, line 2, column 'number': '-1' is below the minimum 0",
        "sources.csv, line 2, column 'published': '2009-12-31' is before the minimum 2010-01-01",
    ]


def test_a_bound_itself_is_allowed(data_copy: Path) -> None:
    edit_cell(data_copy, "contested.csv", 2, "number", "0")
    edit_cell(data_copy, "sources.csv", 2, "published", "2010-01-01")
    edit_cell(data_copy, "sources.csv", 3, "published", "2026-12-31")
    helpers.load_dataset(data_copy)


def test_above_a_number_maximum(data_copy: Path) -> None:
    desc = data_copy / "datapackage.json"
    package = json.loads(desc.read_text(encoding="utf-8"))
    (contested,) = [r for r in package["resources"] if r["name"] == "contested"]
    (number,) = [f for f in contested["schema"]["fields"] if f["name"] == "number"]
    number["constraints"]["maximum"] = 5000  # above every figure in the data
    desc.write_text(json.dumps(package), encoding="utf-8")
    edit_cell(data_copy, "contested.csv", 2, "number", "5001")
    edit_cell(data_copy, "contested.csv", 3, "number", "5000")
    assert problems_of(data_copy) == ["contested.csv, line 2, column 'number': '5001' is above the maximum 5000"]


def test_an_unreadable_table(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "claims.csv":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert problems_of(data_copy) == ["claims.csv: cannot be read (Permission denied)"]


def test_an_unreadable_descriptor(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_text(self: Path, encoding: str | None = None) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", read_text)
    assert problems_of(data_copy) == ["datapackage.json: cannot be read (Permission denied)"]


def test_a_missing_descriptor(data_copy: Path) -> None:
    (data_copy / "datapackage.json").unlink()
    assert problems_of(data_copy) == [f"{data_copy / 'datapackage.json'}: the package descriptor is missing"]


def test_the_whole_list_is_capped_too(edit_csv, ds, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers.data, "MAX_PROBLEMS", 3)
    # Two rows, each with four required values missing and a side that is no side: ten problems. Columns are
    # checked in order, so the three kept are id (both rows) and then name (first row).
    data = edit_csv("actors.csv", lambda t: t + ",,,,neutral\n,,,,neutral\n")
    n = len(ds.actors) + 2
    assert problems_of(data) == [f"actors.csv, line {n}, column 'id': required value is missing",
                                 f"actors.csv, line {n}, column 'name': required value is missing",
                                 f"actors.csv, line {n + 1}, column 'id': required value is missing",
                                 "(all files): … and 7 more problems; at most 3 are listed"]


def test_period_of_a_dataset_with_a_bad_descriptor(ds) -> None:
    bad = dataclasses.replace(ds, package={**ds.package, "temporal": {"focus_start": "2024-11-17",
                                                                       "focus_end": "26 Nov"}})
    with pytest.raises(DataError) as info:
        bad.period  # noqa: B018
    assert [str(p) for p in info.value.problems] == [
        "datapackage.json: temporal.focus_start and temporal.focus_end must be dates in the form YYYY-MM-DD, not "
        "'2024-11-17' and '26 Nov'"]
    none = dataclasses.replace(ds, package={k: v for k, v in ds.package.items() if k != "temporal"})
    with pytest.raises(DataError, match="not None and None"):
        none.period  # noqa: B018
    long = dataclasses.replace(ds, package={**ds.package, "temporal": {"focus_start": list(range(100))}})
    with pytest.raises(DataError, match=r"not \[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1… and "
                                        "None$"):
        long.period  # noqa: B018


@pytest.mark.parametrize("byte", [b"\x80", b"\xff"])  # the first and the last byte that is never UTF-8 alone
def test_every_undecodable_byte_is_found(data_copy: Path, byte: bytes) -> None:
    path = data_copy / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b",", b"," + byte, 1)
    path.write_bytes(b"\n".join(lines))
    assert problems_of(data_copy) == ["actors.csv, line 2, column 'name': contains bytes that are not valid UTF-8; "
                                      "save the file as UTF-8"]


def test_a_value_is_quoted_whole_up_to_sixty_characters() -> None:
    show = helpers.data._show
    assert show("a" * 58) == "'" + "a" * 58 + "'"  # 60 characters with its quotes: whole
    assert show("a" * 59) == "'" + "a" * 59 + "…' (59 characters)"
    assert show(12345) == "12345"


def test_names_are_listed_up_to_ten() -> None:
    listed = helpers.data._listed
    names = [f"n{i}" for i in range(11)]
    assert listed(names[:10]) == "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9"
    assert listed(names) == "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 1 more"


def test_problems_are_ordered_by_file_line_column_then_as_found(monkeypatch: pytest.MonkeyPatch) -> None:
    P = helpers.Problem
    problems = helpers.data._Problems()
    for p in [P("b.csv", 2, "role", "r"), P("b.csv", 2, "country", "c"), P("a.csv", 9, None, "late"),
              P("b.csv", 2, "country", "second, though 'a' < 'c'"), P("b.csv", None, None, "whole file"),
              P("a.csv", 3, "x", "early")]:
        problems.append(p)
    assert [str(p) for p in problems.sorted()] == [
        "a.csv, line 3, column 'x': early", "a.csv, line 9: late", "b.csv: whole file",
        "b.csv, line 2, column 'country': c", "b.csv, line 2, column 'country': second, though 'a' < 'c'",
        "b.csv, line 2, column 'role': r"]


def test_twenty_of_a_kind_are_listed_and_the_rest_counted() -> None:
    P = helpers.Problem
    problems = helpers.data._Problems()
    for line in range(2, 22):  # twenty: all listed, no count
        problems.append(P("t.csv", line, "side", f"v{line} is bad"), kind="bad side")
    assert len(problems.sorted()) == 20
    for line in range(22, 25):  # three more of that kind; and twenty-one of another column, in reverse
        problems.append(P("t.csv", line, "side", f"v{line} is bad"), kind="bad side")
    for line in range(30, 9, -1):
        problems.append(P("t.csv", line, "id", "missing"), kind="id missing")
    listed = [str(p) for p in problems.sorted()]
    assert len(listed) == 42
    assert listed[-2:] == ["t.csv, column 'id': … and 1 more rows with this problem: id missing",
                           "t.csv, column 'side': … and 3 more rows with this problem: bad side"]
    assert listed[0] == "t.csv, line 2, column 'side': v2 is bad"
    # the first twenty found are kept: lines 30 down to 11 of 'id'; line 10, found last, is counted
    assert listed[-3] == "t.csv, line 30, column 'id': missing"
    assert "t.csv, line 10, column 'id': missing" not in listed and "t.csv, line 11, column 'id': missing" in listed


# -- checks go on past a table that could not be read, and past a row that is incomplete ---------


def test_a_real_calendar_date(data_copy: Path) -> None:
    edit_cell(data_copy, "sources.csv", 2, "published", "2024-02-30")
    assert problems_of(data_copy) == ["sources.csv, line 2, column 'published': '2024-02-30' is not a real calendar "
                                      "date"]


def test_keys_into_a_missing_table_are_skipped_and_the_rest_checked(data_copy: Path) -> None:
    (data_copy / "actors.csv").unlink()
    edit_cell(data_copy, "quotes.csv", 2, "event_id", "ev999")  # quotes' key into actors comes first
    assert problems_of(data_copy) == ["actors.csv: file is missing",
                                      "quotes.csv, line 2, column 'event_id': 'ev999' is not an 'id' in events.csv"]


def test_tables_after_an_unreadable_one_are_checked(data_copy: Path) -> None:
    (data_copy / "claims.csv").write_bytes(b"")  # claims comes before contested
    edit_cell(data_copy, "contested.csv", 2, "actor_id", "ru_nobody")
    assert problems_of(data_copy) == [
        "claims.csv, line 1: file is empty; expected a header row: id,claim,verdict,reason,evidence_ids",
        "contested.csv, line 2, column 'actor_id': 'ru_nobody' is not an 'id' in actors.csv"]


def test_lists_into_a_missing_table_are_skipped_and_the_rest_checked(data_copy: Path, ds) -> None:
    (data_copy / "events.csv").write_bytes(b"")  # quotes.responds_to lists events, before quotes.source_ids
    first = ds.quotes.iloc[0]
    edit_cell(data_copy, "quotes.csv", 2, "source_ids", f"src999;{first['source_ids']}")
    assert problems_of(data_copy) == [
        "events.csv, line 1: file is empty; expected a header row: id,date,date_precision,actor_id,location,kind,"
        "weapon_id,summary,cameo_code,goldstein,source_ids,note",
        "quotes.csv, line 2, column 'source_ids': 'src999' is not an id in sources.csv"]


def test_a_list_into_two_tables_names_both(data_copy: Path) -> None:
    edit_cell(data_copy, "quotes.csv", 2, "responds_to", "ev999")
    assert problems_of(data_copy) == ["quotes.csv, line 2, column 'responds_to': 'ev999' is not an id in events.csv "
                                      "or quotes.csv"]


def test_rows_without_a_topic_are_left_out_of_the_topic_rule(data_copy: Path, ds) -> None:
    # Lines 2 and 3 lose their topic and get different questions: only the missing topics are problems. A later
    # pair that shares a topic still disagrees, and is still found.
    edit_cell(data_copy, "contested.csv", 2, "topic", "")
    edit_cell(data_copy, "contested.csv", 3, "topic", "")
    edit_cell(data_copy, "contested.csv", 3, "question", "Another question?")
    topics = ds.contested["topic"].tolist()
    last = max(i for i, t in enumerate(topics) if topics.count(t) >= 2 and i >= 2) + 2
    first = topics.index(topics[last - 2]) + 2
    edit_cell(data_copy, "contested.csv", last, "question", "Yet another question?")
    assert problems_of(data_copy) == [
        "contested.csv, line 2, column 'topic': required value is missing",
        "contested.csv, line 3, column 'topic': required value is missing",
        f"contested.csv, line {last}, column 'question': differs from the question of topic '{topics[last - 2]}' on "
        f"line {first}; every version of a topic answers the same question"]


def test_a_range_of_one_length_is_a_range(data_copy: Path) -> None:
    edit_cell(data_copy, "weapon_systems.csv", 3, "range_min_km", "300")  # ATACMS: 300 to 300 km
    helpers.load_dataset(data_copy)


def test_a_variant_of_a_statement_that_does_not_exist(data_copy: Path, ds) -> None:
    variant = ds.quotes[ds.quotes["variant_of"].notna()].iloc[0]
    line = _line(ds, "quotes", variant["id"])
    edit_cell(data_copy, "quotes.csv", line, "variant_of", "q999")
    assert problems_of(data_copy) == [f"quotes.csv, line {line}, column 'variant_of': 'q999' is not an 'id' in "
                                      "quotes.csv"]
