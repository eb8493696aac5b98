"""The lesson as a class meets it: questions as the exercises ask them, every move taught before it is needed,
activities before answers, a glossary linked where each term first appears, one definition of the week, no
editorial placeholder and no emoji glyph, and a teacher's kit that matches the data."""

from __future__ import annotations

import ast
import csv
import dataclasses
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import exercises, glossary
from helpers.data import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))

import link_glossary  # noqa: E402
import teacher_kit  # noqa: E402


def _nb(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def _plain(text: str) -> str:
    """Markdown as words: links to their text, emphasis and code marks dropped, whitespace collapsed."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("*", "").replace("`", "").split())


def _exercise_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and re.search(r"= exercises\.\w+\(", c.source)]


# --------------------------------------------------------------------------------------------
# Questions and moves


@pytest.mark.parametrize("stem", list(exercises.EXERCISES))
def test_each_notebook_asks_the_questions_its_exercises_check(ds, stem) -> None:
    nb = _nb(stem)
    cells = _exercise_cells(nb)
    listed = [i for i in exercises.notebook_exercises(ds) if i.notebook == stem]
    assert len(cells) == len(listed), f"{stem}: {len(cells)} exercise cells, {len(listed)} exercises listed"
    for cell_index, item in zip(cells, listed, strict=True):
        before = next(nb.cells[j] for j in range(cell_index - 1, -1, -1) if nb.cells[j].cell_type == "markdown")
        assert f"**{item.label}" in before.source, (stem, item.label)
        assert _plain(item.exercise.question.text()) in _plain(before.source), (stem, item.label)


def _moves(code: str) -> set[str]:
    """What a piece of code does, as names: attributes and methods, called functions, keywords, operators."""
    tree = ast.parse(code)
    assigned = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign) for tgt in node.targets
                for t in ast.walk(tgt) if isinstance(t, ast.Name)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            out.add("." + node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in assigned:
            out.add(node.func.id + "()")
        elif isinstance(node, ast.keyword) and node.arg:
            out.add(node.arg + "=")
        elif isinstance(node, ast.BinOp | ast.UnaryOp | ast.BoolOp):
            out.add(type(node.op).__name__)
        elif isinstance(node, ast.Compare):
            out.update(type(op).__name__ for op in node.ops)
    return out


def test_moves_reads_code_as_expected() -> None:
    assert _moves('t = ds.x[ds.x["a"] != 1]\nlen(t)') == {".x", "NotEq", "len()"}
    assert _moves("s.sort_values('a', ascending=False).iloc[0] + 1") == {".sort_values", "ascending=", ".iloc",
                                                                          "Add"}


def test_every_exercise_uses_only_moves_shown_before_it(ds) -> None:
    shown: set[str] = set()
    for stem in exercises.EXERCISES:
        nb = _nb(stem)
        listed = iter(i for i in exercises.notebook_exercises(ds) if i.notebook == stem)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if i in _exercise_cells(nb):
                item = next(listed)
                missing = _moves(item.exercise.code) - shown
                assert not missing, f"{stem} {item.label}: the solution uses {sorted(missing)} before any cell shows it"
                continue
            shown |= _moves(cell.source)


# --------------------------------------------------------------------------------------------
# Activities before answers


def _shown_text(cell: nbformat.NotebookNode) -> str:
    """Everything a reader sees of a cell without opening a reveal: source of markdown, outputs of code."""
    if cell.cell_type == "markdown":
        text = cell.source
    else:
        parts = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for kind in ("text/html", "text/markdown", "text/plain"):
                if kind in data:
                    parts.append("".join(data[kind]))
                    break
            for key, value in data.items():
                if "vegalite" in key:
                    parts.append(json.dumps(value))
            if "text" in out:
                parts.append("".join(out["text"]))
        text = "\n".join(parts)
    return re.sub(r"<details>.*?</details>|<details [^>]*>.*?</details>", "", text, flags=re.DOTALL)


VERDICT_WORD = re.compile(r"\b(supported|imprecise|contested|unsupported)\b(?! facts?\b)")


def test_the_exit_ticket_is_answered_nowhere_before_it_is_asked(ds) -> None:
    nb = _nb("04_fact_check_the_article")
    claim = exercises.EXIT_TICKET_CLAIM
    ask = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and f"Claim {claim}" in c.source)
    reason = ds.claims.set_index("id").at[claim, "reason"]
    for cell in nb.cells[:ask]:
        seen = _shown_text(cell) + ("\n" + cell.source if cell.cell_type == "code" else "")
        assert reason[:40] not in seen, cell.get("id")
        # The claim may be listed (section 1 lists every claim), but never beside a verdict.
        assert claim not in seen or not VERDICT_WORD.search(seen), cell.get("id")
    # The reasoning the article got wrong (the meeting after the week) is not given away in prose either.
    for cell in nb.cells[:ask]:
        if cell.cell_type == "markdown":
            assert not re.search(r"meeting (moved|in the wrong week|after the week)", _shown_text(cell)), cell.id


# The ways a text would give each exercise's answer away, worked out by hand from the answers (the walkthrough of
# the notebooks: 00-2 is 53, 02-2 six warnings, 02-3 the KN-23, 03-1/03-2 −2.65 on 23 Nov …). A chart may show
# what the exercise asks a student to read off it; its words may not draw the conclusion for them.
GIVEAWAYS = {
    "00-1": [r"\b(7|seven)[- ]days?\b"],
    "00-2": [r"\b53 (undated )?(pages|sources)\b"],
    "01-1": [r"most direct[^.;]*\b(Zelensky|Putin)", r"\b(Zelensky|Putin)\b[^.;]*most direct"],
    "01-2": [r"\(10 answers\)", r"\b10 (statements|answers) (to|answer)"],
    "01-3": [r"most (different )?(renderings|wordings)[^.;]*\b(Peskov|Lavrov)"],
    "02-1": [r"\b(2|two) days (after|later|between)", r"authorised on the 17th[^.;]*19th"],
    "02-2": [r"\b(6|six) Russian warnings\b", r"\b(6|six) warnings\b"],
    "02-3": [r"longest[^.;]*(KN-23|Hwasong)", r"(KN-23|Hwasong)[^.;]*longest"],
    "02-4": [r"\b(3|three) (of Ukraine's )?strikes[^.;]*(beyond|HIMARS)"],
    "03-1": [r"lowest[^.;]*23 Nov", r"23 Nov[^.;]*lowest", r"lowest[^.;]*Saturday", r"Saturday[^.;]*lowest"],
    "03-2": [r"lowest[^.;]*[-−]2\.[67]", r"[-−]2\.65\b"],
    "03-3": [r"\b(9|nine) (direct )?(quotes|statements)[^.;]*flip", r"flip[^.;]*\b(9|nine)\b"],
    "03-4": [r"doctrine[^.;]*\b(2|two) (direct )?quotes"],
    # 04-2: 8 claims supported as stated on four or more pieces of evidence (the verdict chart before it shows the
    # 16 supported of all sizes, which is no longer the question).
    "04-2": [r"\b(8|eight) (supported )?claims\b", r"\b(8|eight) of (the article's |the )?2[34]\b"],
    "04-3": [r"\b(3|three) more\b"],
    "04-4": [r"only[^.;]*CBC", r"CBC[^.;]*only"],
}


def _words_shown(cell: nbformat.NotebookNode) -> list[str]:
    """A cell's prose (markdown outside reveals) and its charts' words: titles, subtitles, text alternatives."""
    if cell.cell_type == "markdown":
        return [_shown_text(cell)]
    words: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "subtitle", "description") and isinstance(value, (str, list)):
                    words.extend([value] if isinstance(value, str) else [v for v in value if isinstance(v, str)])
                elif key != "datasets":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for out in cell.get("outputs", []):
        data = out.get("data", {})
        for key, spec in data.items():
            if "vegalite" in key:
                walk(spec)
        if "text/html" in data and "text/plain" in data:  # a table: its printed numbers are shown too
            words.append("".join(data["text/plain"]))
    return words


def _giveaways_before_their_exercises(ds, notebooks: dict[str, nbformat.NotebookNode]) -> list[tuple]:
    found = []
    listed = exercises.notebook_exercises(ds)
    for stem, nb in notebooks.items():
        items = [i for i in listed if i.notebook == stem]
        for cell_index, item in zip(_exercise_cells(nb), items, strict=True):
            key = f"{stem[:2]}-{item.label.split()[-1]}"
            shown = [w for cell in nb.cells[:cell_index] for w in _words_shown(cell)]
            found += [(key, pattern, text[:80]) for pattern in GIVEAWAYS.get(key, [])
                      for text in shown if re.search(pattern, text, flags=re.IGNORECASE)]
    return found


def test_no_exercise_is_answered_in_words_before_it_is_asked(ds) -> None:
    stems = list(exercises.EXERCISES)
    keys = [f"{i.notebook[:2]}-{i.label.split()[-1]}" for i in exercises.notebook_exercises(ds)]
    # Every exercise has its giveaways listed, but the exit ticket, which has a test of its own (above).
    assert sorted(GIVEAWAYS) == sorted(k for k in keys if k != "04-1")
    assert _giveaways_before_their_exercises(ds, {stem: _nb(stem) for stem in stems}) == []


def test_the_giveaway_check_sees_a_chart_that_states_an_answer(ds) -> None:
    # Plant the alt text the weapon-range chart had ("longest stated for the weapon itself: KN-23 …") and the
    # warnings' count the zoom had, into copies of notebook 02: each is found, before its own exercise only.
    nb = _nb("02_weapon_systems_timeline")
    charts = [c for c in nb.cells if c.cell_type == "code" and c.get("outputs")
              and any("vegalite" in k for o in c.outputs for k in o.get("data", {}))]
    spec = next(v for o in charts[0].outputs for k, v in o["data"].items() if "vegalite" in k)
    spec["description"] = ("Range bars in km. Longest: Oreshnik, up to 5,500 km; longest stated for the weapon "
                           "itself: KN-23/KN-24 (Hwasong-11), 700 km. Above 6 Russian warnings and 4 decisions.")
    found = _giveaways_before_their_exercises(ds, {"02_weapon_systems_timeline": nb})
    assert sorted({key for key, *_ in found}) == ["02-2", "02-3"]


def test_claims_judged_in_class_keep_their_verdicts_folded(ds) -> None:
    nb = _nb("04_fact_check_the_article")
    verdicts = ds.claims.set_index("id")["verdict"].astype(str)
    for cid in teacher_kit.JUDGED_IN_CLASS:
        cards = [c for c in nb.cells if c.cell_type == "code" and f'claim_card(ds, "{cid}")' in c.source]
        assert cards, f"no card for {cid}"
        html = "".join(cards[0].outputs[0]["data"]["text/html"])
        assert "<details" in html and "Reveal the verdict" in html
        assert verdicts[cid] not in _shown_text(cards[0]).split("</table>")[-1], cid
        # and no verdict at all is shown by any output before the card (the claims are listed without them)
        first_card = nb.cells.index(cards[0])
        for cell in nb.cells[:first_card]:
            if cell.cell_type == "code":
                shown = _shown_text(cell)
                assert not VERDICT_WORD.search(shown), (cid, cell.id)
    # every discussion that states a verdict in bold is inside a reveal
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\*\*(imprecise|contested|unsupported|supported)\*\*", _shown_text(cell)) or \
                cell.id == "c9ab97a5", cell.id  # the table that defines the four verdicts


def test_a_reveal_opens_in_markdown_without_a_kernel() -> None:
    nb = _nb("04_fact_check_the_article")
    reveals = [c for c in nb.cells if c.cell_type == "markdown" and "<details>" in c.source]
    assert len(reveals) >= 5
    for c in reveals:
        # A blank line after <summary> lets the Markdown inside render; the fold closes in the same cell.
        assert re.search(r"</summary>\n\n", c.source) and c.source.count("<details>") == c.source.count("</details>")


# --------------------------------------------------------------------------------------------
# Glossary


def test_glossary_and_its_links_are_current() -> None:
    stale = link_glossary.update(write=False)
    assert not stale, f"glossary links are stale in {[p.name for p in stale]}: run `make navigation`"


def test_every_glossary_term_is_linked_somewhere_and_the_measures_are_explained() -> None:
    text = "\n".join(c.source for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells
                     if c.cell_type == "markdown")
    for term in glossary.TERMS:
        assert f"#{glossary.anchor(term)})" in text, f"glossary term {term.term!r} is never linked"
    for needed in ("cameo", "gdelt", "goldstein", "vader", "compound-score", "bootstrap", "rolling-mean", "box-plot"):
        assert any(t.anchor == needed for t in glossary.TERMS)


def _entry(markdown: str, anchor: str) -> str:
    return next(line for line in markdown.splitlines() if f'id="glossary-{anchor}"' in line)


def test_the_glossary_fills_in_the_week_and_its_aftermath(ds) -> None:
    text = glossary.glossary_markdown(ds)
    assert _entry(text, "week").startswith('- <a id="glossary-week"></a>**the week** — 17–23 November 2024: the week')
    assert _entry(text, "aftermath").startswith(
        '- <a id="glossary-aftermath"></a>**aftermath** — 24–26 November 2024: the days right after the week')
    # Without an aftermath, its entry opens on the definition, not on an empty span.
    temporal = {k: v for k, v in ds.package["temporal"].items() if k != "aftermath_end"}
    bare = dataclasses.replace(ds, package={**ds.package, "temporal": temporal})
    assert _entry(glossary.glossary_markdown(bare), "aftermath").startswith(
        '- <a id="glossary-aftermath"></a>**aftermath** — the days right after the week')


def test_a_glossary_term_matches_case_only_when_it_says_so() -> None:
    terms = {t.anchor: glossary.compiled(t) for t in glossary.TERMS}
    assert terms["atacms"].search("ATACMS strikes") and not terms["atacms"].search("atacms strikes")
    assert terms["week"].search("The week began")


def test_a_glossary_link_goes_to_its_first_appearance(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 05 · Title\n\n1. Is VADER in a question?"),
        nbformat.v4.new_markdown_cell("Code `VADER` is not prose; [VADER](x.html) is a link already. Here VADER "
                                      "counts, and this VADER does not."),
    ])
    link_glossary.link_terms(nb, "05_x.ipynb")
    assert "1. Is VADER in a question?" in nb.cells[0].source
    assert nb.cells[1].source.count("(00_start_here.ipynb#glossary-vader)") == 1
    assert "Here [VADER](00_start_here.ipynb#glossary-vader) counts" in nb.cells[1].source
    before = nb.cells[1].source
    link_glossary.link_terms(nb, "05_x.ipynb")
    assert nb.cells[1].source == before


# --------------------------------------------------------------------------------------------
# One week, no placeholders, no emoji


def _all_prose() -> dict[str, str]:
    texts = {p.name: "\n".join(c.source + "\n" + _shown_text(c) for c in nbformat.read(p, as_version=4).cells)
             for p in NOTEBOOKS}
    for path in [ROOT / "README.md", ROOT / "data" / "README.md", *(ROOT / "docs").rglob("*.md"),
                 *(ROOT / "docs").rglob("*.html")]:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    texts["datapackage.json"] = (DATA_DIR / "datapackage.json").read_text(encoding="utf-8")
    return texts


def test_every_span_of_days_is_the_week_or_its_aftermath(ds) -> None:
    (start, end), (a_start, a_end) = ds.period, ds.aftermath
    allowed = {(start.day, end.day), (a_start.day, a_end.day)}
    # A span the data itself names (a contested question's own window, say) may show wherever the data is shown.
    allowed |= {(int(a), int(b)) for path in DATA_DIR.glob("*.csv")
                for a, b in re.findall(r"\b(\d{1,2})\s*[–-]\s*(\d{1,2}) November", path.read_text(encoding="utf-8"))}
    for name, text in _all_prose().items():
        for m in re.finditer(r"\b(\d{1,2})\s*[–-]\s*(\d{1,2}) November", text):
            span = (int(m.group(1)), int(m.group(2)))
            assert span in allowed, f"{name}: '{m.group(0)}' is neither the week nor its aftermath"
        assert "focus period" not in text and "focus week" not in text, name


PLACEHOLDERS = re.compile(
    r"name (them|him|her) in context|in excerpt|headline not shown|not shown in the excerpt|\bTODO\b|\bTBD\b|"
    r"\bFIXME\b|\bXXX\b|lorem ipsum|\?\?\?|\[citation needed\]|not in your copy|in preparation|to be (added|written)",
    re.IGNORECASE)


def test_no_editorial_placeholder_reaches_a_reader() -> None:
    for path in sorted(DATA_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.reader(fh), start=1):
                for cell in row:
                    assert not PLACEHOLDERS.search(cell), f"{path.name}, line {line}: {cell!r}"
    for name, text in _all_prose().items():
        m = PLACEHOLDERS.search(text)
        assert not m, f"{name}: {text[max(0, m.start() - 60):m.end() + 60]!r}"


def test_the_placeholder_check_can_fail() -> None:
    for planted in ("Russian Federation Council members (upper house; name them in context)",
                    "(headline not shown in excerpt; URL slug: x)", "If 02 is not in your copy yet"):
        assert PLACEHOLDERS.search(planted)


def _emoji(text: str) -> list[str]:
    emoji = {0xFE0F, 0x2B50, 0x2B55}
    return sorted({c for c in text if 0x2600 <= ord(c) <= 0x27BF or ord(c) >= 0x1F000 or ord(c) in emoji})


def test_no_glyph_needs_an_emoji_font() -> None:
    for name, text in _all_prose().items():
        assert not _emoji(text), f"{name}: {_emoji(text)}"
    for path in (ROOT / "helpers").glob("*.py"):
        assert not _emoji(path.read_text(encoding="utf-8")), path.name
    assert _emoji("✅ ❌") == ["✅", "❌"]


# --------------------------------------------------------------------------------------------
# The teacher's kit


def test_the_teachers_kit_matches_the_exercises_and_the_data() -> None:
    stale = teacher_kit.update(write=False)
    assert not stale, f"stale: {[str(p.relative_to(ROOT)) for p in stale]}: run `make teacher-kit`"


def test_the_kit_holds_every_answer_and_a_sheet_per_notebook(ds) -> None:
    key = teacher_kit.answer_key(ds)
    for item in exercises.notebook_exercises(ds):
        ex = item.exercise
        assert ex.code in key
        for a in ex.accepted:
            assert exercises.md_escape(ex.kind.show(a)) in key
    for stem in exercises.EXERCISES:
        sheet = teacher_kit.worksheet(ds, stem)
        assert sheet.count('class="q"') >= len(exercises.EXERCISES[stem])
        assert "<script" not in sheet and "http" not in sheet.replace("http-equiv", "")
    ticket = teacher_kit.exit_ticket(ds)
    assert ticket.count('class="ticket"') == 4
    assert str(ds.claims.set_index("id").at[exercises.EXIT_TICKET_CLAIM, "verdict"]) not in ticket.split(
        "Our verdict:")[0]


def test_worksheets_escape_the_data(ds) -> None:
    import dataclasses

    claims = ds.claims.copy()
    claims.loc[claims["id"] == "c04", "claim"] = "<img src=x onerror=alert(1)>"
    sheet = teacher_kit.worksheet(dataclasses.replace(ds, claims=claims), "04_fact_check_the_article")
    assert "<img" not in sheet and "&lt;img src=x onerror=alert(1)&gt;" in sheet


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_numbered_sections_run_one_two_three(path) -> None:
    """A notebook's numbered sections count up by one, each number once (a merged cell once repeated '## 4')."""
    numbers = [int(m.group(1)) for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
               for m in re.finditer(r"^## (\d+)\. ", c.source, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1)), (path.name, numbers)
