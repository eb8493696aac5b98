"""Every kind of bad input gets a clear error naming file, line and column — all of them at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import helpers
from helpers import DataError


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        helpers.load_dataset(data_dir)
    assert isinstance(info.value, ValueError)
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


def test_goldstein_must_match_the_cameo_table(data_copy: Path) -> None:
    data = edit_cell(data_copy, "events.csv", 2, "goldstein", "9.9")
    found = problems_of(data)
    assert any(p.startswith("events.csv, line 2, column 'goldstein': 9.9 differs from GDELT's value") for p in found)


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
    found = problems_of(data_copy)
    assert any(p.startswith("actors.csv, line 5") and "quote" in p for p in found), found


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
