"""Exercise feedback and solutions are Markdown: text from the data, or typed by a student, shows as typed.

A link, bold text and an HTML tag planted in the data must come out as literal characters, never as a live
link, emphasis or an element — whatever Markdown renderer the notebook front end uses.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import mistune
import pytest

import helpers
from helpers import exercises

PAYLOAD = "[x](http://evil) **bold** <img src=x onerror=alert(1)> http://evil.example"

# Raw HTML passes through, autolinks on: the most permissive renderer a front end could use before sanitising.
render = mistune.create_markdown(escape=False, plugins=["url", "strikethrough", "table"])


def _plant(data_dir: Path, file: str, column: str) -> None:
    path = data_dir / file
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row in rows:
        row[column] = f"{row[column]} {PAYLOAD}"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


@pytest.fixture
def planted(data_copy: Path) -> helpers.Dataset:
    _plant(data_copy, "claims.csv", "claim")
    _plant(data_copy, "claims.csv", "reason")
    _plant(data_copy, "actors.csv", "name")
    _plant(data_copy, "events.csv", "summary")
    _plant(data_copy, "sources.csv", "outlet")
    return helpers.load_dataset(data_copy)


def _visible(rendered: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def _shows_literally(markdown: str) -> str:
    rendered = render(markdown)
    assert "<img" not in rendered and "<a " not in rendered, rendered
    assert PAYLOAD in _visible(rendered), rendered
    return rendered


def test_the_payload_would_render_live_without_escaping() -> None:
    # The oracle can fail: unescaped, the renderer makes a link, bold text and an image of the payload.
    rendered = render(PAYLOAD)
    assert "<a href" in rendered and "<strong>bold</strong>" in rendered and "<img" in rendered


@pytest.mark.parametrize("hostile", [PAYLOAD, "# heading", "- item", "1. item", "| a | b |", "`code`",
                                     "a\n\n    indented code", "_under_", "~~struck~~",
                                     "<script>alert(1)</script>", "&amp; stays &amp;", "back\\slash", "$x^2$ costs $5"])
def test_md_escape_keeps_the_text_and_kills_the_markup(hostile: str) -> None:
    rendered = render(exercises.md_escape(hostile))
    assert _visible(rendered) == " ".join(hostile.split())
    assert not re.search(r"<(?!/?p>)", rendered), rendered


def test_a_dollar_sign_cannot_open_tex() -> None:
    # JupyterLab renders $…$ in Markdown as maths; an escaped dollar is a dollar.
    assert exercises.md_escape("$x^2$") == "\\$x^2\\$"


def test_claim_and_reason_show_as_typed_in_feedback_and_solution(planted: helpers.Dataset) -> None:
    ex = exercises.judge_claim(planted, "c11")
    rendered = _shows_literally(ex.check(ex.answer)._repr_markdown_())
    assert "<strong>bold" not in rendered
    _shows_literally(ex.solution()._repr_markdown_())


def test_speaker_names_show_as_typed(planted: helpers.Dataset) -> None:
    _shows_literally(exercises.most_direct_speaker(planted, "2024-11-21").solution()._repr_markdown_())
    _shows_literally(exercises.most_rendered_speaker(planted).solution()._repr_markdown_())


def test_event_summaries_and_outlets_show_as_typed(planted: helpers.Dataset) -> None:
    _shows_literally(exercises.answers_to_first_atacms_strike(planted).solution()._repr_markdown_())
    _shows_literally(exercises.rendering_without(planted, "q166", "countries").solution()._repr_markdown_())


def test_what_a_student_types_shows_as_typed(ds) -> None:
    ex = exercises.judge_claim(ds, "c11")
    _shows_literally(ex.check(PAYLOAD)._repr_markdown_())
