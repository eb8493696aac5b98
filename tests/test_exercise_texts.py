"""What students read around the exercises: sentences, code they can type, and counts read with their noun.

Every hint, question, explanation and piece of feedback is a sentence (a capital or a figure first, a full stop or
a question mark last); every name it puts in code font exists — a helper, a pandas method, a column or a value of
the data — so a hint never sends a student to a function that is not there. The cases are written by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from mutation_scope import shared_scope

import helpers
from helpers import answers, exercises, factcheck, maps, sentiment, weapons


@pytest.fixture(scope=shared_scope("module"))
def built(ds) -> dict[str, exercises.Exercise]:
    return {f"{i.notebook[:2]}-{i.label.split()[-1]}": i.exercise for i in exercises.notebook_exercises(ds)}


def _texts(ex: exercises.Exercise) -> list[exercises.Msg]:
    return [ex.question, ex.explanation, *ex.hints, *ex.pitfalls.values(),
            *(m for m in (ex.tie, ex.off_by_one) if m is not None)]


def test_every_text_around_an_exercise_is_a_sentence(built) -> None:
    for key, ex in built.items():
        for msg in _texts(ex):
            text = msg.text()
            assert re.match(r"[A-Z0-9`\"“(*−]", text), (key, text[:60])
            assert text[-1] in ".?!)", (key, text[-60:])
            # ... and none shouts: a run of three capitalised words is not a sentence ('SUBTRACT THE NPR …')
            assert not re.search(r"\b[A-Z]{2,}\b\W+\b[A-Z]{2,}\b\W+\b[A-Z]{2,}\b", re.sub(r"`[^`]*`", "", text)), \
                (key, text[:60])


# --------------------------------------------------------------------------------------------
# Code font names something that exists

MODULES = {"factcheck": factcheck, "maps": maps, "sentiment": sentiment, "weapons": weapons}
OPERATORS = {"!=", ">", ">=", "&", "|", "~", "ascending=False", "len(...)", "ds.in_focus(...)"}


def _known_names(ds: helpers.Dataset) -> set[str]:
    """The tables' names, the columns of every table and of every frame a hint tells students to make, and the
    values of their text columns (verdicts, topics, kinds …)."""
    frames = [ds.table(r["name"]) for r in ds.package["resources"] if "schema" in r]
    words = sentiment.speakers_words(ds)
    frames += [ds.statements, weapons.signals(ds), weapons.ranges(ds), weapons.milestone_table(ds),
               maps.strike_distances(ds), sentiment.score_quotes(words), sentiment.daily_index(ds.in_focus(ds.events)),
               factcheck.contested_versions(ds, "atacms_intercepted"), factcheck.evidence(ds, "c11"),
               ds.renderings("q166"), factcheck.claims_overview(ds)]
    names = {r["name"] for r in ds.package["resources"]}  # "the `sources` table"
    for f in frames:
        names |= {str(c) for c in f.columns}
        for c in f.columns:
            if f[c].dtype == "string" or isinstance(f[c].dtype, pd.CategoricalDtype) or f[c].dtype == object:
                values = f[c].dropna().astype(str)
                if values.nunique() <= 60:
                    names |= set(values)
    return names


def _assigned_in(notebook: str) -> set[str]:
    """The names notebook `notebook` ('04') assigns in its code cells (`shown = ...`): a hint may name them."""
    path = next(Path(__file__).resolve().parent.parent.glob(f"notebooks/{notebook}_*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {name for c in cells if c["cell_type"] == "code"
            for name in re.findall(r"^(\w+)\s*=(?!=)", "".join(c["source"]), re.M)}


def _exists(code: str, ds: helpers.Dataset, known: set[str]) -> bool:
    if code in OPERATORS or code.strip('"') in known:
        return True
    code = code.removeprefix("words = ")
    call = re.match(r"(\w+)\.(\w+)", code)
    if call and call.group(1) == "ds":
        return hasattr(ds, call.group(2))
    if call and call.group(1) in MODULES:
        # Every call inside it too: sentiment.score_quotes(sentiment.speakers_words(ds)).
        return all(hasattr(MODULES[m], f) for m, f in re.findall(r"\b(\w+)\.(\w+)\(", code) if m in MODULES)
    method = re.fullmatch(r"\.?(\w+)(?:\.(\w+))?(\(.*\)|\[0\])?", code)
    if method:
        first, second = method.group(1), method.group(2)
        if first == "str":
            return second is not None and hasattr(pd.Series.str, second)
        return any(hasattr(kind, first) for kind in (pd.DataFrame, pd.Series, pd.Timedelta))
    return False


def test_every_name_in_code_font_exists(ds, built) -> None:
    known = _known_names(ds)
    missing = []
    for key, ex in built.items():
        names = known | _assigned_in(key[:2])
        for msg in _texts(ex):
            for code in re.findall(r"`([^`]+)`", msg.markdown()):
                if not _exists(code.replace("\\", ""), ds, names):
                    missing.append((key, code))
    assert missing == []


def test_the_name_check_would_see_a_misspelt_helper(ds) -> None:
    known = _known_names(ds)
    assert _exists("weapons.signals(ds)", ds, known) and _exists(".iloc[0]", ds, known)
    assert _exists('.str.contains("countries", case=False)', ds, known) and _exists("responds_to", ds, known)
    for wrong in ("WEAPONS.SIGNALS(DS)", "weapons.signal(ds)", "ds.rendering('q1')", ".ILOC[0]",
                  'SORT_VALUES("DATE")', "respond_to", "sentiment.score_quotes(sentiment.speaker_words(ds))",
                  ".str.contain(...)"):
        assert not _exists(wrong, ds, known), wrong
    # A notebook's own variable exists in that notebook only: `shown` (the claims section 3 shows) in 04.
    assert _exists("shown", ds, known | _assigned_in("04")) and not _exists("shown", ds, known | _assigned_in("03"))


# --------------------------------------------------------------------------------------------
# A count may carry the noun its question counts, as students write it

# Worked out by hand from each question (the noun it counts) and its answer (the walkthrough of the notebooks).
WITH_NOUN = {
    "00-1": ["7 days"],
    "00-2": ["53 pages", "53 sources"],
    "01-2": ["10 statements", "10 answers"],
    "02-1": ["2 days"],
    "02-2": ["6 warnings", "6 Russian warnings"],
    "02-4": ["3 strikes"],
    "03-3": ["9 quotes", "9 direct quotes"],
    "03-4": ["2 quotes", "2 direct quotes"],
    "04-2": ["8 claims", "8 supported claims"],
    "04-3": ["3 missiles", "3 ATACMS", "3 more"],
}


def test_every_count_question_is_listed(built) -> None:
    assert sorted(k for k, ex in built.items() if isinstance(ex.kind, answers.Count)) == sorted(WITH_NOUN)


@pytest.mark.parametrize("key", sorted(WITH_NOUN))
def test_a_count_with_the_noun_of_its_question_is_right(built, key) -> None:
    ex = built[key]
    for typed in WITH_NOUN[key]:
        result = ex.grade(typed)
        assert result.passed and result.tag == "correct", (typed, result.text())
    n = int(WITH_NOUN[key][0].split()[0])
    assert not ex.grade(f"{n + 5} {WITH_NOUN[key][0].split(' ', 1)[1]}").passed


def test_the_solution_shows_what_its_code_gives(built) -> None:
    # By hand: the doctrine question's code gives 2 (the answer above), and the solution shows it. 00-2: sources.csv
    # has 53 rows with published_basis not_printed (src917, src918, … src927 and src930 among them).
    assert "It gives:\n\n```\n2\n```" in built["03-4"].solution().markdown()
    assert "It gives:\n\n```\n53\n```" in built["00-2"].solution().markdown()


# --------------------------------------------------------------------------------------------
# Names: the parts a name is also known by


def test_the_parts_of_a_name_by_hand() -> None:
    assert exercises._parts("KN-23/KN-24 (Hwasong-11)") == ["KN-23/KN-24", "Hwasong-11", "KN-23", "KN-24"]
    assert exercises._parts("Storm Shadow / SCALP-EG") == ["Storm Shadow", "SCALP-EG"]
    assert exercises._parts("Ukrainian military intelligence (HUR)") == ["Ukrainian military intelligence", "HUR"]
    assert exercises._parts("Vladimir Putin") == []  # nothing more than the name itself


def test_an_answer_that_is_no_speakers_name_says_what_check_reads(built) -> None:
    # The question asks for a speaker: a number is called a number, not a name, with a name as the example.
    ex = built["01-1"]
    assert ex.grade(12).text() == ('Not yet. That is a number, not a name. Answer with the name in quotes, e.g. '
                                   '"Joe Biden".')
    assert ex.grade("Bob Smith").text() == ("Not yet. No name in the data matches 'Bob Smith'. Copy the name as "
                                            "the data spells it.")


# --------------------------------------------------------------------------------------------
# Messages students meet, word for word


def test_none_gets_the_print_message(built) -> None:
    assert built["00-1"].grade(None).text() == (
        "Not yet. check() got `None`. A function that prints (such as `print(...)`) gives back None: pass the value "
        "itself, e.g. `len(table)` rather than `print(len(table))`.")


def test_close_means_within_ten_tolerances_of_the_answer(built) -> None:
    # 03-2: answer −21.2 / 8 = −2.65, tolerance 0.005, so ten tolerances is 0.05. −2.69 is 0.04 off: "close";
    # −2.71 is 0.06 off: not. (−2.6 and −2.7, one decimal place, have their own feedback.)
    ex = built["03-2"]
    assert ex.grade(-2.69).tag == "close"
    assert "±0.005" in ex.grade(-2.69).text()
    assert ex.grade(-2.71).tag == "wrong" and ex.grade(-2.59).tag == "wrong"
    assert ex.grade(-2.61).tag == "close"


def test_a_list_of_candidates_is_not_told_which_is_right(built) -> None:
    # Three names for a tie of two: saying which are right would let a list of every speaker find the answer.
    ex = built["01-1"]
    result = ex.grade(["Volodymyr Zelensky", "Vladimir Putin", "Dmitry Peskov"])
    assert not result and result.message == ("That lists 3 names, more than the answer has. Give only the name you "
                                             "have checked.")
    assert "Zelensky" not in ex.grade("Zelensky, Putin, Peskov, Lavrov").message
    one = built["04-4"].grade(["The Independent", "OpIndia", "The Express Tribune (AFP)"])
    assert not one and one.message == ("That lists 3 outlets, the question asks for one. Give only the outlet you "
                                       "have checked.")


def test_a_pasted_table_is_too_long_to_be_an_answer(built) -> None:
    result = built["01-1"].grade("x" * 100_000)
    assert not result and result.message == ("That text is 100,000 characters long: too long to be an answer. Give "
                                             "the answer alone, in quotes (a reason, where the question asks for "
                                             "one, in a sentence).")
    assert built["01-1"].grade("Putin" + " " * 990)  # 995 characters: still read


def test_a_hint_number_in_any_form_and_a_result_printed(built) -> None:
    ex = built["01-1"]
    assert ex.hint("2").text().startswith("Hint 2 of 3.") and ex.hint(1.0).text().startswith("Hint 1 of 3.")
    for odd in ["x", True, 2.5, [1]]:
        assert ex.hint(odd).text() == "hint() takes a hint's number, 1 to 3, or nothing.", odd
    assert repr(ex.grade("Putin")) == ex.grade("Putin").text()
    assert repr(ex.solution()) == ex.solution().text()


def test_what_a_one_item_container_or_a_yes_no_value_is_told(built) -> None:
    # Worked out by hand from the question: 00-1 counts 7 days; 01-1 names a speaker; 04-1 takes a verdict.
    index = built["00-1"].grade(pd.Index([7]))
    assert not index and index.message == ("That is an Index with one item; check() takes one value, a count. The "
                                           "value inside is right: pass it on its own, `x[0]` if your result is `x`.")
    one = built["01-1"].grade({"Putin"})
    assert not one and one.message == ("That is a set with one item; check() takes one value, a name. The value "
                                       "inside is right: pass it on its own, `x.pop()` if your result is `x`.")
    assert built["04-1"].grade(True).message == ("That is a yes/no value, not a verdict. Answer with one of these "
                                                 "words, in quotes: supported, imprecise, contested, unsupported.")


def test_a_hedge_and_an_empty_verdict_are_told_so_in_full(built) -> None:
    ex = built["04-1"]
    assert ex.grade("imprecise or unsupported").message == (
        "'imprecise or unsupported' names two verdicts (imprecise and unsupported). A claim gets one verdict: give "
        "the one you would defend, alone, in quotes.")
    # Nothing but punctuation: an empty answer, not a verdict this question does not take.
    assert ex.grade("?!").message == "The answer is empty. Type the verdict between the quotes."


def test_the_sign_flips_question_says_which_quotes_and_names_both_slips(built) -> None:
    # 9 flips over one wording per statement; the week alone gives 8, every outlet's wording 14 (both counted with
    # the exercise's own rule on the two other frames a student might score).
    ex = built["03-3"]
    assert "every direct quote in the data, one wording per statement" in ex.question.text()
    assert ex.grade(8).message.startswith("That counts the week's quotes only.")
    assert ex.grade(14).message.startswith("That counts every outlet's wording")


@pytest.mark.parametrize(("key", "typed"), [("01-2", "10 responses"), ("01-2", "10 replies"), ("02-4", "3 events"),
                                            ("03-3", "9 flips"), ("03-4", "2 statements")])
def test_a_count_with_a_usual_noun_for_what_it_counts(built, key: str, typed: str) -> None:
    # The nouns a student uses for what the question counts (answers are 10, 3, 9 and 2: the answer key).
    assert built[key].grade(typed), typed


def test_a_container_is_told_the_questions_own_word_for_the_answer(built) -> None:
    for key, word in [("04-1", "a verdict"), ("04-4", "an outlet"), ("02-3", "a weapon system"), ("01-1", "a name")]:
        assert built[key].grade(pd.Series(["x"])).message.startswith(
            f"That is a Series with one item; check() takes one value, {word}."), key
