"""Self-checked exercises: `check(answer)`, `hint()`, `solution()`.

Each exercise computes its reference answers from the dataset, so a check compares with the data, not with
a number typed into the notebook. Answers are compared by kind (`helpers.answers`): counts exactly, decimal
numbers within a stated tolerance, names whatever their case, accents or transliteration, dates in any
common spelling; when several answers tie, each of them is right and the feedback says so. A Series, a
list, a table, a dict or None gets a sentence about what it is, never a traceback, and a typical wrong
answer gets feedback on what it probably counted instead.

    ex = exercises.most_direct_speaker(ds, "2024-11-21")
    ex.check("Putin")   # shows feedback at once; returns a Result (truthy when right)
    ex.hint()           # the first hint; run it again for the next
    ex.solution()       # the pandas code that gets the answer, what it gives, and why

In a notebook, check(), hint() and solution() show their text as soon as they run, so a cell that calls
two of them shows both.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .answers import (
    DEMONYMS,
    Choice,
    Count,
    Day,
    Kind,
    Msg,
    Names,
    Number,
    Reading,
    container_problem,
    items_of,
    md_escape,
    number_from_text,
    say,
)
from .data import Dataset, url_host
from .factcheck import VERDICT_MEANING, VERDICTS, claims_overview, hold_back, outlet_name
from .maps import strike_distances
from .sentiment import daily_index, domain_lexicon, score_quotes, speakers_words
from .weapons import RUSSIAN_WARNING, ranges, signals

__all__ = [
    "EXERCISES",
    "EXIT_TICKET",
    "EXIT_TICKET_CLAIM",
    "Exercise",
    "Result",
    "md_escape",
    "notebook_exercises",
]


class _Shows:
    """Shown the moment it is made (in IPython), so two calls in one cell both show; shown once only."""

    _shown = False

    def markdown(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:
        return self.text()

    def _ipython_display_(self) -> None:
        if not self._shown:
            self.show()

    def show(self) -> None:
        """Display now, when running in IPython (a notebook); elsewhere do nothing: the repr is the text."""
        try:
            from IPython import get_ipython  # here: 55 ms, and the teacher's kit builds without a kernel
        except ImportError:  # pragma: no cover - Jupyter always has IPython
            return
        if get_ipython() is None:
            return
        from IPython.display import display

        self._shown = True
        display({"text/markdown": self.markdown(), "text/plain": self.text()}, raw=True)


@dataclass(eq=False, repr=False)  # repr: the feedback's text (`_Shows`), not the fields
class Result(_Shows):
    """The outcome of a check: `bool(result)` is whether it passed; `tag` says which kind of feedback it got."""

    passed: bool
    feedback: Msg
    tag: str

    def __bool__(self) -> bool:
        return self.passed

    @property
    def message(self) -> str:
        """The feedback as plain text."""
        return self.feedback.text()

    def markdown(self) -> str:
        # Plain words, no emoji: they show in every font.
        return f"**{'Correct.' if self.passed else 'Not yet.'}** {self.feedback.markdown()}"

    def text(self) -> str:
        return f"{'Correct.' if self.passed else 'Not yet.'} {self.message}"


@dataclass(eq=False, repr=False)
class Shown(_Shows):
    """A hint or a solution, as Markdown and as plain text."""

    md: str
    plain: str

    def markdown(self) -> str:
        return self.md

    def text(self) -> str:
        return self.plain


def _fence(text: str, lang: str = "") -> str:
    """A fenced code block that `text` cannot close early."""
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text}\n{ticks}"


def shown(value: Any) -> str:
    """How a solution's result reads: numpy scalars as plain Python values, then their repr."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, list):
        value = [v.item() if isinstance(v, np.generic) else v for v in value]
    return repr(value)


def _yes_no_column(answer: Any) -> bool:
    return isinstance(answer, pd.Series | np.ndarray) and len(answer) > 1 and pd.api.types.is_bool_dtype(answer)


_TIPS = {
    "a count": "If the answer is how many rows it has, pass `len(...)` of it.",
    "a number": "Take the one value out of it, e.g. with `.iloc[0]`.",
    "a name": "Sort it and take the top one: the first label of a count is `.index[0]`, the first value of a "
              "column `.iloc[0]` — and look at the next rows too, in case of a tie.",
    "a date": "Take the one date out of it, e.g. with `.iloc[0]`.",
    "a choice": "Answer with one word, in quotes.",
}


def _tip(answer: Any, what: str) -> str:
    """How to get from a container to the one value a question asks for, as fits the container."""
    size = len(answer) if isinstance(answer, Sized) and not isinstance(answer, str | Mapping) else None
    if what == "a count":
        if _yes_no_column(answer):  # a mask: len() would count every row
            return "It is a True/False column: `.sum()` of it counts the True rows (`len(...)` would count them all)."
        if size == 2 and all(_is_moment(v) for v in answer):  # ds.period: len() of it is 2, whatever the span
            return ("Its two dates are a first and a last day: count the days from one to the other, both included "
                    "(`len(...)` of the pair is 2, whatever the span).")
    elif what in ("a number", "a date") and isinstance(answer, list | tuple):
        return ("Take the one value out of it, e.g. with `[0]`." if size == 1 else
                "The question asks for one of them: give only that one.")
    elif what in ("a number", "a date") and size is not None and size > 1:
        # '.iloc[0]' would be right only when the row wanted happens to come first.
        pick = ("the lowest with `.min()`, the highest with `.max()`" if what == "a number"
                else "the label of the lowest value with `.idxmin()`, of the highest with `.idxmax()`")
        return f"The question asks for one of them: pick it out ({pick}, a given row with `.loc[...]`)."
    return _TIPS.get(what, "")


def _is_moment(value: Any) -> bool:
    return isinstance(value, pd.Timestamp | dt.date | np.datetime64) or (
        isinstance(value, str) and Day(2024).read(value).problem is None)


# Hints seen, per question: a notebook cell builds its exercise again each time it runs ("run it again for the
# next hint"), so the count cannot live on the exercise alone.
_HINTS_SEEN: dict[str, int] = {}


def forget_hints() -> None:
    """Start every question's hints from the first again (a new student at the same kernel, or a test)."""
    _HINTS_SEEN.clear()


class Exercise:
    """One question with its reference answers (several when they tie), hints, solution code and pitfalls.

    `pitfalls` maps a typical wrong answer (as the kind reads it) to the feedback it deserves; an entry that
    equals a right answer is dropped, so a right answer is never told it is wrong.
    """

    def __init__(self, *, question: Msg, kind: Kind, accepted: Iterable[Any], explanation: Msg,
                 hints: Iterable[Msg], code: str, result: Any, pitfalls: Mapping[Any, Msg] | None = None,
                 tie: Msg | None = None, off_by_one: Msg | None = None):
        self.question = question
        self.kind = kind
        self.accepted = tuple(accepted)
        if not self.accepted:
            raise ValueError("an exercise needs at least one right answer")
        self.explanation = explanation
        self.hints = tuple(hints)
        self.code = code.strip()
        self.result = shown(result)
        self.pitfalls = {k: v for k, v in (pitfalls or {}).items() if not self._right(k)}
        self.tie = tie
        self.off_by_one = off_by_one

    @property
    def _next_hint(self) -> int:
        return _HINTS_SEEN.get(self.question.text(), 0)

    @_next_hint.setter
    def _next_hint(self, n: int) -> None:
        _HINTS_SEEN[self.question.text()] = n

    @property
    def answer(self) -> Any:
        """The first right answer (the only one unless answers tie)."""
        return self.accepted[0]

    def _same(self, a: Any, b: Any) -> bool:
        same = getattr(self.kind, "same", None)
        return bool(same(a, b)) if same else a == b

    def _right(self, value: Any) -> bool:
        return any(self._same(value, a) for a in self.accepted)

    # ----------------------------------------------------------------------------------------
    # check

    def check(self, answer: Any) -> Result:
        """Compare `answer` with the reference computed from the data; show the feedback and return it."""
        result = self.grade(answer)
        result.show()
        return result

    def grade(self, answer: Any) -> Result:
        """`check` without showing anything: the Result only."""
        if answer is Ellipsis:
            return Result(False, say("Replace `...` with your answer, then run the cell again."), "placeholder")
        if answer is None:
            return Result(False, say("check() got `None`. A function that prints (such as `print(...)`) gives back "
                                     "None: pass the value itself, e.g. `len(table)` rather than "
                                     "`print(len(table))`."), "none")
        if isinstance(answer, str) and len(answer) > MAX_TYPED:
            return Result(False, say("That text is {n} characters long: too long to be an answer. Give the answer "
                                     "alone, in quotes (a reason, where the question asks for one, in a sentence).",
                                     n=f"{len(answer):,}"), "too_long")
        shape = container_problem(answer, self.kind.what)
        if shape is not None:
            names = self._names_in(answer)
            several = self._several_names(names) if names else None
            return several if several is not None else self._container(answer, shape)
        try:
            reading = self.kind.read(answer)
        except Exception:  # whatever a student passes, the answer is a sentence, never a traceback
            reading = Reading(None, say("check() cannot read that as " + self.kind.what + ". Answer with one "
                                        "value, e.g. a number or text in quotes."))
        if reading.problem is not None and isinstance(answer, str):
            inner = unwrapped(answer)
            again = self.kind.read(inner) if inner != answer else None
            if again is not None and again.problem is None:  # '**8**', '<b>8</b>', '`8`': the answer inside
                reading = Reading(again.value, note=f"read '{answer.strip()}' as {self.kind.echo(again.value)}")
            else:
                several = self._several(answer)
                if several is not None:
                    return several
        return self._judge(reading, answer)

    def _names_in(self, answer: Any) -> list[str]:
        """The names in a list, set, tuple, Index or array of two or more texts (`….index.tolist()` of a tie)."""
        if not isinstance(self.kind, Names) or isinstance(self.kind, Choice):
            return []
        if isinstance(answer, pd.DataFrame | pd.Series | Mapping | str):
            return []
        try:
            items = list(answer)
        except TypeError:
            return []
        return [str(i) for i in items] if len(items) >= 2 and all(isinstance(i, str) for i in items) else []

    def _several(self, answer: str) -> Result | None:
        """'Putin and Zelensky' where the question has a tie: every name given is right, so the answer is.
        None when the answer is not a list of names this question knows."""
        if not isinstance(self.kind, Names) or isinstance(self.kind, Choice):
            return None
        answer = re.sub(r"^\s*(?:both|either)\s+", "", answer, flags=re.IGNORECASE)  # 'both Putin and Zelensky'
        parts = [p for p in re.split(r"\s*(?:,|;|&|\+|/|\band\b|\bor\b)\s*", answer.strip(), flags=re.IGNORECASE)
                 if p]
        return self._several_names(parts)

    def _several_names(self, parts: list[str]) -> Result | None:
        if len(parts) < 2:
            return None
        readings = [self.kind.read(p) for p in parts]
        if any(r.problem is not None for r in readings):
            return None
        names = list(dict.fromkeys(r.value for r in readings))
        wrong = [n for n in names if not self._right(n)]
        if not wrong:
            msg = self.tie if len(self.accepted) > 1 and self.tie is not None else self.explanation
            return Result(True, say("(Read {names}.)", names=" and ".join(names)) + msg, "correct")
        right = [n for n in names if self._right(n)]
        if right and len(names) > len(self.accepted):
            # Saying which are right would let a list of every candidate find the answer.
            has = "the question asks for one" if len(self.accepted) == 1 else "more than the answer has"
            return Result(False, say("That lists {n} {noun}s, " + has + ". Give only the " + self.kind.noun
                                     + " you have checked.", n=len(names), noun=self.kind.noun), "several")
        if right:
            verbs = ("is" if len(right) == 1 else "are", "is" if len(wrong) == 1 else "are")
            return Result(False, say("{right} " + verbs[0] + " right, but {wrong} " + verbs[1] + " not. Give only "
                                     "the answer you have checked.", right=" and ".join(right),
                                     wrong=" and ".join(wrong)), "several")
        return None

    def _container(self, answer: Any, shape: str) -> Result:
        # In the question's own word where it has one: 'a verdict', 'an outlet', not 'a choice', 'a name'.
        noun = getattr(self.kind, "noun", None)
        what = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}" if noun else self.kind.what
        intro = say("That is {shape}; check() takes one value, " + what + ".", shape=shape)
        items = items_of(answer)
        # Which item is right is said only of a table's row, whose columns hold values of different kinds (a date
        # beside numbers). Items all of the question's kind are candidates (a mean per weekday, a guess per label):
        # naming the right one would answer the question for whoever passes every guess at once.
        if len(items) > 1 and all(self.kind.read(item).problem is None for _, item in items):
            items = []
        for where, item in items:
            if container_problem(item, self.kind.what) is not None or item is None:
                continue
            inner = self.grade(item)
            if inner.passed:
                return Result(False, intro + say("The value inside is right: pass it on its own, `x" + where
                                                 + "` if your result is `x`."), "shape")
        return Result(False, intro + say(_tip(answer, self.kind.what)), "shape")

    def _judge(self, reading: Reading, answer: Any) -> Result:
        if reading.problem is not None:
            return Result(False, reading.problem, "unreadable")
        value = reading.value
        note = say("(Read {note}.)", note=reading.note.removeprefix("read ")) if reading.note else say("")
        if self._right(value):
            # A tie says so, in place of the explanation (which would name the tied answers again).
            msg = self.tie if len(self.accepted) > 1 and self.tie is not None else self.explanation
            return Result(True, note + msg, "correct")
        for wrong, msg in self.pitfalls.items():
            if self._same(value, wrong):
                return Result(False, note + msg, "pitfall")
        near = self._near(value)
        if near is not None:
            return Result(False, note + near[1], near[0])
        return Result(False, note + say("{given} is not it.", given=self.kind.echo(value)) + self._hint_pointer(),
                      "wrong")

    def _near(self, value: Any) -> tuple[str, Msg] | None:
        if isinstance(self.kind, Count) and any(abs(value - a) == 1 for a in self.accepted):
            return "off_by_one", self.off_by_one or say(
                "Close: {given} is off by one. Check the edges of your selection — is the first or the last row "
                "in or out? — and whether one row is counted twice.", given=value)
        if isinstance(self.kind, Number):
            for a in self.accepted:
                if abs(value + a) <= self.kind.tolerance and abs(a) > self.kind.tolerance:
                    return "sign", say("Check the sign: {given} is the right size but on the wrong side of zero.",
                                       given=self.kind.show(value))
                # One step in the last decimal: rounding, unless the answer has no digits past that place (−2.65
                # to two places), where no rounding or cutting gives a neighbour.
                has_more = abs(round(a, self.kind.decimals) - a) > 1e-9
                if has_more and abs(value - a) <= 10 ** -self.kind.decimals + 1e-12:
                    return "close", say("Close, but not within ±{tol} of the answer. Keep {d} decimal place(s), "
                                        "and round rather than cut off the digits after them.",
                                        tol=f"{self.kind.tolerance:g}", d=self.kind.decimals)
                if abs(value - a) <= 10 * self.kind.tolerance:
                    return "close", say("Close, but not within ±{tol} of the answer: check which rows went into "
                                        "your mean.", tol=f"{self.kind.tolerance:g}")
        week = getattr(self.kind, "week", None)
        if isinstance(self.kind, Day) and week is not None and not week[0] <= value <= week[1]:
            return "outside", say("{given} is not in the week ({first} to {last}): the answer is one of its days.",
                                  given=_day(value), first=_day(week[0]), last=_day(week[1]))
        if isinstance(self.kind, Day) and any(abs((value - a).days) == 1 for a in self.accepted):
            return "off_by_one", self.off_by_one or say("One day off: {given}. Read the `date` of the row you "
                                                        "picked again.", given=self.kind.show(value))
        return None

    def _hint_pointer(self) -> Msg:
        if self._next_hint < len(self.hints):
            return say("Run `.hint()` for a hint.")
        return say("You have seen every hint: `.solution()` shows the code that gets the answer.")

    # ----------------------------------------------------------------------------------------
    # hints and solution

    def hint(self, n: int | None = None) -> Shown:
        """The next hint (or hint `n`, counting from 1); says how many remain. Shown at once in a notebook."""
        total = len(self.hints)
        if isinstance(n, bool) or (n is not None and not isinstance(n, int | np.integer)):
            number = number_from_text(n) if isinstance(n, str) else n if isinstance(n, float) else None
            if number is None or float(number) != int(float(number)):
                return self._shown_now(Shown(f"`.hint()` takes a hint's number, 1 to {total}, e.g. `.hint(2)`; "
                                             "or nothing, for the next one.",
                                             f"hint() takes a hint's number, 1 to {total}, or nothing."))
            n = int(float(number))
        if n is None:
            i = min(self._next_hint, total - 1)
            self._next_hint = min(self._next_hint + 1, total)
        else:
            if not 1 <= n <= total:
                return self._shown_now(Shown(f"There are hints 1 to {total}: try `.hint({min(max(n, 1), total)})`.",
                                             f"There are hints 1 to {total}."))
            i = n - 1
            self._next_hint = max(self._next_hint, n)
        left = total - 1 - i
        if left:
            tail = f"Run `.hint()` again for the next one ({left} more)."
        else:
            tail = "That was the last hint; `.solution()` shows the code that gets the answer."
        text = self.hints[i]
        return self._shown_now(Shown(f"**Hint {i + 1} of {total}.** {text.markdown()} *{tail}*",
                                     f"Hint {i + 1} of {total}. {text.text()} {tail.replace('`', '')}"))

    def solution(self) -> Shown:
        """The pandas code that gets the answer from the data, what it gives, and why. Shown at once."""
        answers = " or ".join(self.kind.show(a) for a in self.accepted)
        md = (f"**Solution.** This code gets the answer from the data:\n\n{_fence(self.code, 'python')}\n\n"
              f"It gives:\n\n{_fence(self.result)}\n\n**Answer:** {md_escape(answers)}. "
              f"{self.explanation.markdown()}")
        plain = f"Solution.\n{self.code}\n# gives: {self.result}\nAnswer: {answers}. {self.explanation.text()}"
        return self._shown_now(Shown(md, plain))

    @staticmethod
    def _shown_now(item: Shown) -> Shown:
        item.show()
        return item

    def __repr__(self) -> str:
        return f"Exercise({self.question.text()!r})"


# --------------------------------------------------------------------------------------------
# Names the data knows


# How news copy shortens a role before a name: 'FM Lavrov', 'UK PM Starmer'.
ROLE_ABBREVIATIONS = {"foreign minister": "FM", "prime minister": "PM"}
# Characters of text check() reads: a verdict with its reason fits many times over; a pasted table does not, and
# reading one name by name would keep the kernel busy.
MAX_TYPED = 1_000

# Markup a student may type around an answer copied from a Markdown cell or a web page: bold, italics, code.
_WRAPPED = re.compile(r"\*\*(.+)\*\*|__(.+)__|\*(.+)\*|_(.+)_|`(.+)`|<(b|strong|i|em|code)>(.+)</\6>",
                      re.DOTALL | re.IGNORECASE)


def unwrapped(text: str) -> str:
    """'**8**', '<b>8</b>', '`8`' → '8': the text inside markup wrapped around the whole answer (at most 3 layers)."""
    t = text.strip()
    for _ in range(3):
        m = _WRAPPED.fullmatch(t)
        if m is None:
            break
        t = next(g for i, g in enumerate(m.groups()) if g is not None and i != 5).strip()
    return t


def speaker_names(ds: Dataset) -> Names:
    """Every actor by name; ids, bracketed short names and surnames (where unique) read as the name too, and
    a name may come with the actor's own role or country around it ('Kremlin spokesman Peskov')."""
    options: dict[str, list[str]] = {}
    described: dict[str, list[str]] = {}
    for actor in ds.actors[["id", "name", "role", "country"]].astype(str).itertuples(index=False):
        options[actor.name] = [actor.id, *_parts(actor.name)]
        short = [abbr for role, abbr in ROLE_ABBREVIATIONS.items() if role in actor.role.lower()]
        described[actor.name] = [actor.role, actor.country, *DEMONYMS.get(actor.country, []), *short]
    return Names(options, noun="name", example="Joe Biden", described=described)


def _parts(name: str) -> list[str]:
    """'KN-23/KN-24 (Hwasong-11)' → ['KN-23/KN-24', 'KN-23', 'KN-24', 'Hwasong-11']."""
    out = []
    bracket = re.search(r"\(([^)]*)\)", name)
    head = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if head != name:
        out.append(head)
    if bracket:
        out.extend(p.strip() for p in bracket.group(1).split(",") if p.strip())
    if "/" in head:
        out.extend(p.strip() for p in head.split("/") if p.strip())
    return out


def _day(when: Any, year: bool = True) -> str:
    """'9 November 2024' (no leading zero), or '9 November'."""
    when = pd.Timestamp(when)
    return f"{when.day} {when:%B %Y}" if year else f"{when.day} {when:%B}"


def _names(values: Iterable[Any]) -> str:
    """'A, B and C'; a name that comes more than once is named once, with how often: 'B (twice)'."""
    counts = pd.Series([str(v) for v in values]).value_counts(sort=False)
    times = {2: " (twice)", 3: " (three times)"}
    values = [name + (times.get(n, f" ({n} times)") if n > 1 else "") for name, n in counts.items()]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


# --------------------------------------------------------------------------------------------
# Notebook 00: the dataset


def focus_week_days(ds: Dataset) -> Exercise:
    """How many calendar days does the week span, first and last day included?"""
    start, end = ds.period
    answer = (end - start).days + 1
    code = "start, end = ds.period\n(end - start).days + 1"
    return Exercise(
        question=say("How many days does the week ({span}) span, its first and last day included?",
                     span=ds.span_text()),
        kind=Count(units=("days",)), accepted=[answer], result=answer, code=code,
        explanation=say("{n} days: {first} to {last}, both days included.", n=answer, first=_day(start, year=False),
                        last=_day(end)),
        hints=[say("`ds.period` holds the first and last day of the week."),
               say("Subtracting two dates gives the time *between* them; `.days` turns it into a number of days."),
               say("The difference leaves out one end of the week. Both ends belong to it.")],
        pitfalls={answer - 1: say("That is the difference between the two dates, which leaves out one end. Count "
                                  "the first day too: the week includes both.")},
    )


def undated_sources(ds: Dataset) -> Exercise:
    """How many cited pages print no publication date at all?"""
    basis = ds.sources["published_basis"].astype(str)
    answer = int((basis == "not_printed").sum())
    not_on_page = int((basis != "page").sum())
    code = ('undated = ds.sources[ds.sources["published_basis"] == "not_printed"]\n'
            "len(undated)")
    return Exercise(
        question=say("How many of the cited pages carry no date at all: none printed on the page, none in "
                     "their web address or dateline?"),
        kind=Count(units=("pages", "sources", "websites", "sites", "articles", "links", "urls")),
        accepted=[answer], result=answer, code=code,
        explanation=say("{n} of {total} pages print no date; their `published` cell is left empty rather than "
                        "guessed.", n=answer, total=len(ds.sources)),
        hints=[say("The data dictionary describes `published_basis` in `sources`: where each page's date comes "
                   "from."),
               say("Keep the rows of `ds.sources` whose `published_basis` is `\"not_printed\"`."),
               say("Count the rows you kept with `len(...)`.")],
        pitfalls={not_on_page: say("That also counts pages dated from their URL or dateline "
                                   "(`dateline_or_url`): those have a date. Count only `not_printed`."),
                  len(ds.sources): say("That is every source. Keep only the undated ones first.")},
    )


# --------------------------------------------------------------------------------------------
# Notebook 01: statements


def most_direct_speaker(ds: Dataset, day: str) -> Exercise:
    """Who made the most direct statements on `day` (renderings of one statement count once)? Ties all count."""
    when = pd.Timestamp(day)
    on_day = ds.statements[ds.statements["date"] == when]
    counts = on_day[on_day["quote_type"] == "direct"]["speaker"].value_counts()
    if counts.empty:
        raise ValueError(f"no direct statements on {day}; pick another day")
    top = [str(s) for s in counts[counts == counts.max()].index]
    n = int(counts.max())
    pitfalls: dict[str, Msg] = {}
    every_rendering = ds.quotes[ds.quotes["date"] == when]
    every_rendering = every_rendering[every_rendering["quote_type"] == "direct"]["speaker"].value_counts()
    any_type = on_day["speaker"].value_counts()
    for name in any_type[any_type == any_type.max()].index:
        pitfalls[str(name)] = say("{name} leads only when paraphrases count too ({k} statements of any kind). "
                                  "Keep the rows whose `quote_type` is `\"direct\"`.", name=name,
                                  k=int(any_type.max()))
    for name in every_rendering[every_rendering == every_rendering.max()].index:
        pitfalls.setdefault(str(name), say(
            "{name} leads only if every English rendering counts. Start from `ds.statements`, which keeps one "
            "row per statement.", name=name))
    code = (f'day = ds.statements[ds.statements["date"] == "{when:%Y-%m-%d}"]\n'
            'direct = day[day["quote_type"] == "direct"]\n'
            'counts = direct["speaker"].value_counts()\n'
            "counts[counts == counts.max()].index.tolist()")
    return Exercise(
        question=say("Which speaker made the most direct statements on {day}? (A statement worded differently by "
                     "two outlets counts once; if speakers tie, any of them is right.)",
                     day=f"{when.day} {when:%B %Y}"),
        kind=speaker_names(ds), accepted=top, result=top, code=code,
        explanation=say("{names}: {n} direct statement(s) that day.", names=_names(top), n=n),
        tie=say("{names} tie, with {n} direct statements each: any of them is right.", names=_names(top), n=n),
        hints=[say("Start from `ds.statements` (one row per statement) and keep the rows of that day."),
               say("Then keep only the rows whose `quote_type` is `\"direct\"`."),
               say("`value_counts()` on the `speaker` column counts statements per speaker, most first. Look at "
                   "the top two rows: is there a tie?")],
        pitfalls=pitfalls,
    )


def answers_to_first_atacms_strike(ds: Dataset) -> Exercise:
    """How many statements answer the first ATACMS strike on Russian territory (`responds_to`)?"""
    strikes = ds.events[(ds.events["kind"] == "strike") & (ds.events["weapon_id"] == "atacms")]
    event = strikes.sort_values("date").iloc[0]
    answering = ds.statements[ds.statements["responds_to"] == event["id"]]
    answer = len(answering)
    pitfalls = {
        len(ds.quotes[ds.quotes["responds_to"] == event["id"]]): say(
            "That counts every English rendering. Use `ds.statements`, so a statement worded differently by two "
            "outlets counts once."),
        len(ds.statements[ds.statements["event_id"] == event["id"]]): say(
            "That counts statements that belong to the event (`event_id`). The question is about statements that "
            "answer it: `responds_to`."),
    }
    # Outlets disagree on what some remarks answered: a statement counted when any of its renderings names the
    # strike takes in remarks that, as first reported, answered something else.
    linked = ds.quotes[ds.quotes["responds_to"] == event["id"]]
    elsewhere = ds.statements[ds.statements["id"].isin(linked["statement_id"])
                              & (ds.statements["responds_to"] != event["id"])]
    if len(elsewhere) and linked["statement_id"].nunique() not in pitfalls:
        pitfalls[linked["statement_id"].nunique()] = say(
            "That counts a statement when any one of its renderings is linked to the strike. Outlets disagree on "
            "what some remarks answered: as first reported, {which}. `ds.statements` keeps each statement's link "
            "as first reported: count its rows.",
            which=_names(f"{who}'s answered {other}" for who, other in zip(
                elsewhere["speaker"].astype(str), elsewhere["responds_to"].astype(str), strict=True)))
    code = ('strikes = ds.events[(ds.events["kind"] == "strike") & (ds.events["weapon_id"] == "atacms")]\n'
            'first = strikes.sort_values("date")["id"].iloc[0]\n'
            'answers = ds.statements[ds.statements["responds_to"] == first]\n'
            "len(answers)")
    return Exercise(
        question=say("How many statements in the data answer the first ATACMS strike on Russian territory? Use the "
                     "`responds_to` links."),
        kind=Count(units=("statements", "answers", "responses", "replies", "reactions", "quotes")),
        accepted=[answer], result=answer,
        code=code,
        explanation=say("{n} statements answer {id}: {summary}", n=answer, id=event["id"], summary=event["summary"]),
        hints=[say("Find the strike first: in `ds.events`, keep `kind` `\"strike\"` and `weapon_id` `\"atacms\"`, "
                   "and take the earliest (`sort_values(\"date\")`, then `.iloc[0]`)."),
               say("A statement that answers something names it in its `responds_to` column."),
               say("Keep the rows of `ds.statements` whose `responds_to` is that event's `id`, and count them.")],
        pitfalls=pitfalls,
    )


def most_rendered_speaker(ds: Dataset) -> Exercise:
    """Whose single statement reached English in the most different wordings? Ties all count."""
    sizes = ds.quotes["statement_id"].value_counts()
    top_ids = sizes[sizes == sizes.max()].index
    speakers = ds.quotes[ds.quotes["id"].isin(top_ids)]["speaker"].astype(str)
    top = list(dict.fromkeys(speakers))
    most_quoted = ds.quotes["speaker"].value_counts()
    pitfalls = {str(name): say("{name} has the most rendering rows overall. The question is about one statement: "
                               "count rows per `statement_id` first.", name=name)
                for name in most_quoted[most_quoted == most_quoted.max()].index}
    code = ('renderings = ds.quotes["statement_id"].value_counts()\n'
            "top = renderings[renderings == renderings.max()].index  # all of them, in case of a tie\n"
            'ds.quotes[ds.quotes["id"].isin(top)]["speaker"].tolist()')
    return Exercise(
        question=say("Which speaker's statement reached English in the most different wordings? (If statements "
                     "tie, any of their speakers is right.)"),
        kind=speaker_names(ds), accepted=top, result=top, code=code,
        explanation=say("{names}: {n} English renderings of one statement.", names=_names(top), n=int(sizes.max())),
        tie=say("Statements by {names} tie, with {n} renderings each: any of them is right.", names=_names(top),
                n=int(sizes.max())),
        hints=[say("Every rendering of a statement shares its `statement_id`; `ds.quotes` has one row per "
                   "rendering."),
               say("`value_counts()` on `statement_id` counts renderings per statement, most first."),
               say("The labels with the top count are statements' ids, each also the `id` of the statement's first "
                   "rendering: look up those rows' `speaker`. Look past the first label, in case of a tie.")],
        pitfalls=pitfalls,
    )


# --------------------------------------------------------------------------------------------
# Notebook 02: weapon systems


def authorisation_to_first_strike(ds: Dataset, weapon_id: str = "atacms") -> Exercise:
    """Days from the last reported authorisation of a weapon to its first use inside Russia."""
    m = ds.milestones[ds.milestones["weapon_id"] == weapon_id]
    used = m[m["milestone"] == "first_used_in_russia"]
    if used.empty:
        raise ValueError(f"{weapon_id!r} has no 'first_used_in_russia' milestone")
    strike = used.sort_values("date").iloc[0]
    before = m[(m["milestone"] == "authorised") & (m["date"] <= strike["date"])].sort_values("date")
    last = before.iloc[-1]
    answer = int((strike["date"] - last["date"]).days)
    pitfalls = {answer + 1: say("That counts both end days. The question asks how many days *passed*: subtract "
                                "the dates.")}
    if answer > 1:  # the days strictly between the two (18 November for 17 and 19 November)
        pitfalls[answer - 1] = say("That counts only the days in between. The question asks how many days *passed* "
                                   "from one date to the other: subtract the dates.")
    for earlier in before.iloc[:-1].itertuples():
        pitfalls[int((strike["date"] - earlier.date).days)] = say(
            "That starts from an earlier authorisation ({when}). The question is about the last one before the "
            "strike.", when=_day(earlier.date))
    name = ds.weapon_systems.set_index("id").at[weapon_id, "name"]
    code = ("table = weapons.milestone_table(ds)\n"
            f'm = table[table["weapon_id"] == {weapon_id!r}]\n'
            'used = m[m["milestone"] == "first_used_in_russia"]["date"].min()\n'
            'authorised = m[(m["milestone"] == "authorised") & (m["date"] <= used)]["date"].max()\n'
            "(used - authorised).days")
    return Exercise(
        question=say("How many days passed between the last reported authorisation of {name} and its first use "
                     "inside Russia's internationally recognised territory?", name=name),
        kind=Count(units=("days",)), accepted=[answer], result=answer, code=code,
        explanation=say("{n} days: authorised {a} ({a_id}), first used inside Russia {b} ({b_id}).", n=answer,
                        a=_day(last['date']), a_id=last["id"], b=_day(strike['date']),
                        b_id=strike["id"]),
        hints=[say("`weapons.milestone_table(ds)` (the table under the timeline) has one row per milestone; keep "
                   "the rows of this weapon (`weapon_id`)."),
               say("The first use inside Russia is the row whose `milestone` is `\"first_used_in_russia\"`. There "
                   "are several `\"authorised\"` rows: take the latest one on or before that date (`.max()`)."),
               say("Subtract the two dates and take `.days`.")],
        pitfalls=pitfalls,
    )


def russian_warnings_in_week(ds: Dataset) -> Exercise:
    """How many Russian warnings does the data list for the week? (The timeline draws two on one day as one.)"""
    sig = signals(ds)
    russian = sig[sig["signal"] == RUSSIAN_WARNING]
    in_week = ds.in_focus(russian)
    answer = len(in_week)
    week_events = ds.in_focus(ds.events)
    days = int(in_week["date"].nunique())
    shared = in_week[in_week["date"].duplicated(keep=False)]
    pitfalls: dict[int, Msg] = {}
    if days != answer:
        pitfalls[days] = say(
            "That is the number of ticks you can see. On {day}, {who} warned on the same day, and their ticks are "
            "drawn on one spot. Count the rows, not the ticks.",
            day=_day(shared['date'].iloc[0], year=False), who=_names(shared["actor"].astype(str)))
    pitfalls[int((week_events["kind"] == "warning").sum())] = say(
        "That counts warnings from every side. Keep the Russian ones only: `signal` is `\"Russian warning\"`.")
    # Warnings outside the week, on either side of it: a slip may keep one side or both, and where the two sides
    # hold as many, one count has two causes and its note names both.
    before = int((russian["date"] < ds.period[0]).sum())
    after = len(ds.in_focus(russian, aftermath=True)) - answer
    aftermath = ds.span_text("aftermath")
    outside: dict[int, Msg] = {}
    if before and after and before == after:
        outside[answer + before] = say(
            "That keeps warnings from outside the week: the aftermath's ({span}) or those from before it. Keep the "
            "week only: `ds.in_focus(...)` drops both.", span=aftermath)
    else:
        if before:
            outside[answer + before] = say("That counts warnings from before the week too. Keep only the week: "
                                           "`ds.in_focus(...)`.")
        if after:
            outside[answer + after] = say("That counts the aftermath too ({span}). Keep the week only.",
                                          span=aftermath)
    if len(russian) not in outside:
        outside[len(russian)] = say("That counts every Russian warning in the table, from before the week and from "
                                    "after it. Keep only the week: `ds.in_focus(...)`.")
    pitfalls.update({n: msg for n, msg in outside.items() if n != answer and n not in pitfalls})
    code = ("signals = weapons.signals(ds)\n"
            'russian = signals[signals["signal"] == "Russian warning"]\n'
            "len(ds.in_focus(russian))")
    return Exercise(
        question=say("How many Russian warnings does the data list for the week ({span})? The timeline's lower "
                     "strip shows them; look closely at days with more than one.", span=ds.span_text()),
        kind=Count(units=("warnings", "Russian warnings")), accepted=[answer], result=answer, code=code,
        explanation=say("{n} Russian warnings in the week, by {who}.", n=answer,
                        who=_names(in_week["actor"].astype(str))),
        hints=[say("`weapons.signals(ds)` lists Russian warnings and Western decisions; its `signal` column says "
                   "which."),
               say("Keep the rows whose `signal` is `\"Russian warning\"`, then `ds.in_focus(...)` keeps the week."),
               say("Count rows with `len(...)`. On the chart, two warnings on the same day share one tick.")],
        pitfalls=pitfalls,
    )


def longest_stated_range(ds: Dataset) -> Exercise:
    """Which system has the longest range that a source states for the weapon itself (not its class)?"""
    r = ranges(ds)
    own = r[r["range_basis"] == "system"]
    best = own[own["to_km"] == own["to_km"].max()]
    top = [str(n) for n in best["name"]]
    overall = r[r["to_km"] == r["to_km"].max()]
    pitfalls = {str(n): say("{name}'s bar is pale for a reason: its range is the typical range of its missile "
                            "class, not a figure any source gives for this weapon.", name=n)
                for n in overall["name"] if n not in top}
    options = {str(n): [str(i), *_parts(str(n))] for i, n in zip(ds.weapon_systems["id"], ds.weapon_systems["name"],
                                                                  strict=True)}
    code = ("r = weapons.ranges(ds)\n"
            'own = r[r["range_basis"] == "system"]\n'
            'own.sort_values("to_km", ascending=False)["name"].iloc[0]')
    first = str(own.sort_values("to_km", ascending=False)["name"].iloc[0])
    row = best.iloc[0]
    return Exercise(
        question=say("Which weapon system has the longest range that a source states for the weapon itself? "
                     "Answer with its id (e.g. `\"atacms\"`) or its name."),
        kind=Names(options, noun="weapon system", described=weapon_descriptions(ds)), accepted=top, result=first,
        code=code,
        explanation=say("{name}: {km} km, in the source's words “{wording}”.", name=row["name"],
                        km=f"{row['to_km']:,.0f}", wording=row["range_wording"]),
        tie=say("{names} tie: any of them is right.", names=_names(top)),
        hints=[say("`weapons.ranges(ds)` has `to_km` and `range_basis` for each weapon."),
               say("Keep `range_basis` `\"system\"`: a range given for the weapon itself, not for its class."),
               say("Sort by `to_km`, largest first (`ascending=False`), and read the first `name`.")],
        pitfalls=pitfalls,
    )


# --------------------------------------------------------------------------------------------
# Notebook 03: measures


def lowest_index_day(ds: Dataset) -> Exercise:
    """On which day of the week was the mean Goldstein value of events lowest?"""
    idx = daily_index(ds.in_focus(ds.events)).dropna(subset=["mean"])
    lowest = idx[idx["mean"] == idx["mean"].min()]["date"]
    top = [pd.Timestamp(d) for d in lowest]
    pitfalls: dict[pd.Timestamp, Msg] = {}
    lowest_min = idx[idx["min"] == idx["min"].min()]["date"]
    if len(lowest_min) == 1:
        pitfalls[pd.Timestamp(lowest_min.iloc[0])] = say(
            "That day has the single most conflictual event (the lowest minimum, ▼). The question asks for the "
            "lowest *mean*.")
    # Days whose mean comes close to the lowest: on the chart they look as low; the table's means tell them apart.
    # No mean in figures: Exercise 2 asks for the lowest to two places, and a near day's would narrow it down.
    near = idx[(idx["mean"] > idx["mean"].min()) & (idx["mean"] <= idx["mean"].min() + 0.3)]
    for d in near["date"]:
        pitfalls[pd.Timestamp(d)] = say("{day}'s mean is close to the lowest, but another day's is lower. Compare "
                                        "the `mean` column of `sentiment.daily_index(...)`, not the line on the "
                                        "chart.", day=_day(pd.Timestamp(d)))
    for d in idx[idx["count"] == 1]["date"]:
        pitfalls[pd.Timestamp(d)] = say("That day has a single event, so its mean is that one event's value — and "
                                        "it is not the lowest mean of the week.")
    code = ("index = sentiment.daily_index(ds.in_focus(ds.events))\n"
            'index.sort_values("mean")["date"].iloc[0]')
    first = pd.Timestamp(idx.sort_values("mean")["date"].iloc[0])
    return Exercise(
        question=say("On which day of the week was the mean Goldstein value of events lowest?"),
        kind=Day(top[0].year, week=ds.period), accepted=top, result=first, code=code,
        # Not the mean itself: that is Exercise 2's answer, asked next.
        explanation=say("{day}: the lowest daily mean of the week, over {n} events.", day=_day(top[0]),
                        n=int(idx[idx["date"] == top[0]]["count"].iloc[0])),
        tie=say("Those days tie: any of them is right."),
        off_by_one=say("That is the day next to it. Sort `sentiment.daily_index(...)` by `mean` and read the "
                       "`date` of the first row."),
        hints=[say("`sentiment.daily_index(ds.in_focus(ds.events))` has one row per day, with a `mean` column."),
               say("Sort it by `mean`: the smallest comes first."),
               say("Read the `date` of the first row (`.iloc[0]`). Any usual spelling of the date works.")],
        pitfalls=pitfalls,
    )


def lowest_index_value(ds: Dataset) -> Exercise:
    """How low was that day's mean Goldstein value, to two decimal places?

    Two places: asked to one, a student who rounds −2.25 again would give −2.3 for a mean of −2.247. No wrong
    answer is told the right one."""
    idx = daily_index(ds.in_focus(ds.events)).dropna(subset=["mean"])
    value = float(idx["mean"].min())
    kind = Number(tolerance=0.005, decimals=2)
    # Scaled and rounded to nine places first: −2.65 × 100 is −264.99999999999997 in binary, and a mean that has
    # only two places must not be told that −2.64 "cuts the digits off".
    truncated = math.trunc(round(value * 100, 9)) / 100
    pitfalls = {}
    if abs(truncated - value) > kind.tolerance:
        pitfalls[truncated] = say("That cuts the digits off instead of rounding: round to the nearest hundredth.")
    # One decimal place, either way it was rounded: the mean's own (−2.2), or the table's −2.25 rounded again.
    # The tooltip's tenth is the binary mean's own: −2.65 is −2.6499… in binary and shows as −2.6.
    rounded = round(value, 1)
    tenths = sorted({math.floor(round(value * 10, 9)) / 10, math.ceil(round(value * 10, 9)) / 10})
    for tenth in tenths:
        if abs(tenth - value) <= kind.tolerance:
            continue
        if len(tenths) == 2 and abs(abs(tenths[0] - value) - abs(tenths[1] - value)) <= 1e-9:
            # Halfway (−2.65): either tenth is the mean rounded, by one rule or the other. Neither is told how it
            # was rounded (that, told of both, would give the answer away), only that it has one place.
            pitfalls[tenth] = say("That has one decimal place, as the chart's tooltip shows the mean; the question "
                                  "asks for two." if tenth == rounded else
                                  "That has one decimal place; the question asks for two.")
        elif tenth == rounded:
            pitfalls[tenth] = say("That is the mean rounded to one decimal place (as the chart's tooltip shows "
                                  "it); the question asks for two.")
        else:
            pitfalls[tenth] = say("That rounds the mean twice, to two decimal places and then to one; the question "
                                  "asks for two places, rounded once from the mean itself.")
    # The lowest single event; and the lowest daily mean of every row, when `ds.in_focus` is left out — a day
    # before the week with one event of the most conflictual kind gives the same figure.
    lowest_event, whole = float(idx["min"].min()), float(daily_index(ds.events)["mean"].min())
    if abs(whole - lowest_event) <= 1e-9:
        pitfalls[lowest_event] = say("That is the most conflictual single event's value (the minimum) — or the mean "
                                     "of a day outside the week with one such event: keep `ds.in_focus(...)`. The "
                                     "question asks for the lowest daily mean of the week.")
    else:
        pitfalls[lowest_event] = say("That is the most conflictual single event (the minimum), not a day's mean.")
        if abs(whole - value) > kind.tolerance:
            pitfalls[whole] = say("That is the lowest daily mean of every row, not of the week: keep "
                                  "`ds.in_focus(ds.events)`.")
    # The notebook's chart draws a two-day rolling mean over the daily means: named as its legend names them.
    rolling = daily_index(ds.in_focus(ds.events), window=2)
    on_day = float(rolling[rolling["date"] == idx.loc[idx["mean"].idxmin(), "date"]]["rolling_mean"].iloc[0])
    pitfalls[on_day] = say("That is the two-day rolling mean on that day (the line the legend calls the rolling "
                           "mean). The question asks for the day's own mean (the daily mean).")
    code = ("index = sentiment.daily_index(ds.in_focus(ds.events))\n"
            'index["mean"].min()')
    return Exercise(
        question=say("What was that lowest daily mean? Give it to two decimal places (answers within ±0.005 "
                     "count)."),
        kind=kind, accepted=[value], result=value, code=code,
        explanation=say("{v}, or {r} to two decimal places: on the −10 … +10 scale, a day of mostly conflictual "
                        "events.", v=f"{value:.4f}".replace("-", "−"), r=kind.show(value)),
        hints=[say("The same table as in Exercise 1: `sentiment.daily_index(ds.in_focus(ds.events))`."),
               say("`.min()` of the `mean` column gives the smallest mean."),
               say("Round to two decimal places: −2.374 becomes −2.37 (the answer is negative).")],
        pitfalls=pitfalls,
    )


def sign_flips(ds: Dataset) -> Exercise:
    """How many direct quotes change sign (VADER's ±0.05 thresholds) when the domain lexicon is added?"""

    def flipped(frame: pd.DataFrame) -> int:
        """How many of `frame`'s texts are positive by one analyser and negative by the other."""
        s = score_quotes(frame)
        a, b = s["vader"], s["vader_domain"]
        return int((((a >= 0.05) & (b <= -0.05)) | ((a <= -0.05) & (b >= 0.05))).sum())

    def label(x: pd.Series) -> pd.Series:
        return np.where(x >= 0.05, "pos", np.where(x <= -0.05, "neg", "neu"))

    words = speakers_words(ds)
    flips = flipped(words)
    scored = score_quotes(words)
    changed = int((label(scored["vader"]) != label(scored["vader_domain"])).sum())
    flips_all = flipped(ds.statements)  # paraphrases scored too

    slips = {  # the two likeliest other readings of "direct quotes", each told what it counted
        flipped(ds.in_focus(words)): say("That counts the week's quotes only. The question takes every direct quote "
                                         "in the data, before and after the week too."),
        flipped(ds.quotes[ds.quotes["quote_type"].astype(str) == "direct"]): say(
            "That counts every outlet's wording: a statement rendered by several outlets is one statement. "
            "`sentiment.speakers_words(ds)` keeps one wording for each."),
    }
    code = ("scored = sentiment.score_quotes(sentiment.speakers_words(ds))\n"
            'plain, domain = scored["vader"], scored["vader_domain"]\n'
            "flips = ((plain >= 0.05) & (domain <= -0.05)) | ((plain <= -0.05) & (domain >= 0.05))\n"
            "flips.sum()")
    return Exercise(
        question=say("Score the speakers' own words (every direct quote in the data, one wording per statement) "
                     "with VADER, with and without the domain lexicon. How many flip between positive and "
                     "negative?"),
        kind=Count(units=("quotes", "direct quotes", "statements", "flips", "changes", "texts")),
        accepted=[flips], result=flips,
        code=code,
        explanation=say("{n} direct quotes flip sign; {k} change label at all (neutral included).", n=flips,
                        k=changed),
        hints=[say("`sentiment.score_quotes(sentiment.speakers_words(ds))` gives `vader` and `vader_domain` for "
                   "each direct quote."),
               say("VADER calls a score positive from 0.05 up and negative from −0.05 down; in between is "
                   "neutral."),
               say("A flip is positive in one column and negative in the other. Combine the conditions with `&` "
                   "and `|`, and `.sum()` the True values.")],
        pitfalls={changed: say("That counts every change of label, neutral included. Count only positive ↔ "
                               "negative."),
                  flips_all: say("That scores paraphrases too, which are our wording, not the speakers'. Use "
                                 "`sentiment.speakers_words(ds)`.")}
        | {n: msg for n, msg in slips.items() if n not in (flips, changed, flips_all)},
    )


def word_that_fixes(ds: Dataset, word: str = "doctrine", valence: float = -2.0) -> Exercise:
    """Add a word to the domain lexicon: how many direct quotes change their domain score?"""
    words = speakers_words(ds)
    # The word goes in as an extra, not into the lexicon file. Had the file been given it (a student doing as the
    # question once seemed to say), scoring it at 0 stands in for its absence, so the answer does not drop to 0.
    in_file = word.lower() in set(domain_lexicon()["word"].astype(str).str.lower())
    before = score_quotes(words, ((word, 0.0),) if in_file else ())["vader_domain"]
    after = score_quotes(words, ((word, valence),))["vader_domain"]
    answer = int((before != after).sum())
    contains = int(words["text"].str.contains(word, case=False, regex=False).sum())
    all_before = score_quotes(ds.statements, ((word, 0.0),) if in_file else ())["vader_domain"]
    all_after = score_quotes(ds.statements, ((word, valence),))["vader_domain"]
    code = ("words = sentiment.speakers_words(ds)\n"
            'before = sentiment.score_quotes(words)["vader_domain"]\n'
            f'after = sentiment.score_quotes(words, (({word!r}, {valence!r}),))["vader_domain"]\n'
            "(before != after).sum()")
    return Exercise(
        question=say("Score the direct quotes again with *{word}* given the valence {valence}: pass it to "
                     "`sentiment.score_quotes` as an extra word, and leave the lexicon file as it is. How many direct "
                     "quotes change their domain score?", word=word, valence=f"{valence:+g}".replace("-", "−")),
        kind=Count(units=("quotes", "direct quotes", "statements", "texts")),
        accepted=[answer], result=answer, code=code,
        explanation=say("{n} direct quotes change: those where '{word}' stands as a whole word that VADER reads.",
                        n=answer, word=word),
        hints=[say("Score the direct quotes twice: `sentiment.score_quotes(words)` and "
                   "`sentiment.score_quotes(words, ((\"{word}\", {valence}),))`, with "
                   "`words = sentiment.speakers_words(ds)`.", word=word, valence=valence),
               say("Compare the two `vader_domain` columns with `!=`."),
               say("`.sum()` of the True/False result counts the rows that changed.")],
        pitfalls={**({0: say("The domain lexicon file already gives '{word}' a valence (was it edited?), so both "
                             "scorings agree. Take the word out of the file, restart the kernel, and pass it as an "
                             "extra word instead.", word=word)} if in_file else {}),
                  contains: say("That counts texts with the letters anywhere (inside longer words too); VADER "
                                "reads whole words."),
                  int((all_before != all_after).sum()): say("That scores paraphrases too. Use "
                                                             "`sentiment.speakers_words(ds)`.")},
    )


# --------------------------------------------------------------------------------------------
# Notebook 04: the fact check


WELL_EVIDENCED = 4  # pieces of evidence: 04-2 asks for supported claims that rest on at least this many


def supported_claims(ds: Dataset, at_least: int = WELL_EVIDENCED,
                     held_back: Iterable[str] | None = None) -> Exercise:
    """How many claims does the evidence support as stated, on at least `at_least` pieces of evidence?

    Not the plain count of supported claims: the verdict chart before the exercise shows that count by its bar.
    Two conditions make it a question of the table: the verdict, and how much evidence backs it. Asked of the
    claims section 3 shows (`held_back`, by default the exit ticket's claim, stays out), so that pointing the
    student at a table does not give Exercise 1's verdict away."""
    every = claims_overview(ds)
    held = [c for c in ((EXIT_TICKET_CLAIM,) if held_back is None else held_back)
            if c in set(every["id"].astype(str))]  # a table without the claim has nothing to hold back
    o = claims_overview(hold_back(ds, *held)) if held else every
    count = _count_supported(o, at_least)
    answer = count["answer"]
    pitfalls: dict[int, Msg] = {}
    everything = _count_supported(every, at_least)
    also = say("Count the claims of `shown`, too: Exercise 1's is held back.")
    if everything["answer"] != answer:
        pitfalls[everything["answer"]] = say("That counts Exercise 1's claim too: count the claims of `shown`.")
    # The usual slips, each told once; a count that two slips share is told the first (the likelier) one. The
    # same slips made on every claim (`ds` instead of `shown`) are told so as well.
    for slips, more in ((count, None), (everything, also)):
        for key, msg in (
            ("supported", say("That counts every supported claim. Keep only those with {n} or more pieces of "
                              "evidence.", n=at_least)),
            ("more_than", say("That keeps more than {n} pieces of evidence (`>`); the question says {n} or more "
                              "(`>=`).", n=at_least)),
            ("or_imprecise", say("That counts the imprecise claims too. Imprecise means a date, a scope or a word "
                                 "is off: not supported *as stated*.")),
            ("any_verdict", say("That counts every claim with enough evidence, whatever its verdict. Keep the "
                                "verdict `supported` too.")),
            ("all", say("That is every claim. Keep the verdict `supported` and {n} or more pieces of evidence.",
                        n=at_least)),
        ):
            if slips[key] != answer and slips[key] not in pitfalls:
                pitfalls[slips[key]] = msg if more is None else msg + more
    table = "shown" if held else "ds"
    code = (f"overview = factcheck.claims_overview({table})\n"
            f'well_backed = overview[(overview["verdict"] == "supported") & (overview["evidence"] >= {at_least})]\n'
            "len(well_backed)")
    which = (say("How many of the {k} claims of section 3 (`shown`: every claim but the one Exercise 1 asks you to "
                 "judge)", k=len(o)) if held else say("How many of the article's {total} claims", total=len(o)))
    return Exercise(
        question=which + say("does the evidence support *as stated*, with {n} or more pieces of evidence each? "
                             f"`factcheck.claims_overview({table})` gives each claim's `verdict` and its `evidence` "
                             "count.", n=at_least),
        kind=Count(units=("claims", "supported claims")), accepted=[answer], result=answer, code=code,
        explanation=say("{n} claims: supported as stated, each on {k} or more pieces of evidence. A verdict is only "
                        "as strong as what backs it.", n=answer, k=at_least),
        hints=[say(f"`factcheck.claims_overview({table})` has one row per claim, with `verdict` and `evidence` "
                   "columns."),
               say("Keep the rows where `verdict` is `\"supported\"` *and* `evidence` is {n} or more: put each "
                   "condition in brackets and join them with `&`.", n=at_least),
               say("Count the rows that are left with `len(...)`. *Imprecise* is not *supported as stated*.")],
        pitfalls=pitfalls,
    )


def _count_supported(overview: pd.DataFrame, at_least: int) -> dict[str, int]:
    """04-2's answer and the counts its usual slips give, on one claims overview."""
    verdict, evidence = overview["verdict"].astype(str), overview["evidence"].astype(int)
    enough = evidence >= at_least
    return {"answer": int(((verdict == "supported") & enough).sum()),
            "supported": int((verdict == "supported").sum()),
            "more_than": int(((verdict == "supported") & (evidence > at_least)).sum()),
            "or_imprecise": int((verdict.isin(["supported", "imprecise"]) & enough).sum()),
            "any_verdict": int(enough.sum()), "all": len(overview)}


def _version(ds: Dataset, topic: str, actor_id: str, who_contains: str = "") -> pd.Series:
    rows = ds.contested[(ds.contested["topic"] == topic) & (ds.contested["actor_id"] == actor_id)]
    rows = rows[rows["who"].str.contains(who_contains, regex=False)]
    if len(rows) != 1:
        raise ValueError(f"expected one version of {topic!r} by {actor_id!r} ({who_contains!r}), found {len(rows)}")
    return rows.iloc[0]


def intercept_gap(ds: Dataset) -> Exercise:
    """How many more ATACMS did Russia's Defence Ministry say it shot down than the US official who spoke to NPR?"""
    ministry = _version(ds, "atacms_intercepted", "ru_mod")
    npr = _version(ds, "atacms_intercepted", "us_admin", "NPR")
    answer = int(ministry["number"] - npr["number"])
    fired_gap = int(abs(_version(ds, "atacms_fired", "ru_mod")["number"]
                        - _version(ds, "atacms_fired", "us_admin", "NPR")["number"]))
    pitfalls = {fired_gap: say("That compares the numbers *fired*. The question is about missiles shot down: the "
                               "topic `atacms_intercepted`.")}
    for figure, whose in ((npr["number"], "the US official's own figure"), (ministry["number"], "the ministry's own "
                                                                          "figure")):
        pitfalls.setdefault(int(figure), say("That is " + whose + ". The question asks how many *more* the ministry "
                                             "claimed: subtract the official's figure from the ministry's."))
    if "damaged" in str(ministry["value"]):
        pitfalls[answer + 1] = say("Did you count the damaged missile as shot down? The ministry says five were "
                                   "shot down and a sixth was damaged.")
    code = ('versions = factcheck.contested_versions(ds, "atacms_intercepted")\n'
            'ministry = versions[versions["who"].str.contains("Defence Ministry")]["figure"].iloc[0]\n'
            'npr = versions[versions["who"].str.contains("NPR")]["figure"].iloc[0]\n'
            "int(ministry - npr)")
    return Exercise(
        question=say("How many more ATACMS did Russia's Defence Ministry say it shot down than the US official who "
                     "spoke to NPR?"),
        kind=Count(units=("missiles", "ATACMS", "more")), accepted=[answer], result=answer, code=code,
        explanation=say("{a} − {b} = {n}. Neither figure can be checked independently: the data keeps both, with "
                        "who said them.", a=f"{ministry['number']:g}", b=f"{npr['number']:g}", n=answer),
        hints=[say("`factcheck.contested_versions(ds, \"atacms_intercepted\")` lists each version with its "
                   "`figure`."),
               say("Find the ministry's row and the NPR official's row with `.str.contains(...)` on `who`."),
               say("Subtract the NPR official's figure from the ministry's.")],
        pitfalls=pitfalls,
    )


def weapon_descriptions(ds: Dataset) -> dict[str, list[str]]:
    """The words that may stand around a weapon's name: its category and its origin with the origin's adjective
    ('North Korean KN-23', 'KN-23 ballistic missile', 'the British Storm Shadow')."""
    out = {}
    for w in ds.weapon_systems[["name", "category", "origin"]].astype(str).itertuples(index=False):
        adjectives = [a for country, names in DEMONYMS.items() if country in w.origin for a in names]
        out[w.name] = [w.category, w.origin, *adjectives]
    return out


def _web_addresses(ds: Dataset, outlet: str) -> list[str]:
    """The sites an outlet's pages in the data come from, as a reader names them: 'cbc.ca' for CBC News."""
    urls = ds.sources.loc[ds.sources["outlet"].astype(str) == outlet, "url"].astype(str)
    hosts = (url_host(u) for u in urls)
    sites = {re.sub(r"^(www|amp|m|mobile)\.", "", h) for h in hosts if h}
    bare = sites | {f"www.{site}" for site in sites}
    return sorted(bare | {f"{scheme}://{host}" for scheme in ("http", "https") for host in bare})


def _outlet_spellings(name: str) -> list[str]:
    """Other ways a reader writes an outlet's name: 'Op India' or 'Op-India' for OpIndia."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return [spaced] if spaced != name else []


def rendering_without(ds: Dataset, statement_id: str, word: str,
                      point: str = "whom the threat covers depends on whose translation you read") -> Exercise:
    """Which outlet's rendering of a statement is the only one without `word`? `point` is what the missing word
    teaches, said in the explanation."""
    rows = ds.renderings(statement_id)
    has = rows["text"].str.contains(word, case=False, regex=False)
    if (~has).sum() != 1:
        raise ValueError(f"{(~has).sum()} renderings of {statement_id} lack {word!r}; the question needs exactly one")
    answer = str(rows.loc[~has, "outlet"].iloc[0])
    options = {str(o): [str(n), *_outlet_spellings(str(n)), *_web_addresses(ds, str(o))]
               for o, n in zip(rows["outlet"], outlet_name(rows["outlet"]), strict=True)}
    pitfalls = {str(o): say("{outlet}'s wording does say '{word}'. Read the renderings side by side.", outlet=o,
                            word=word) for o in rows.loc[has, "outlet"]}
    speaker = rows["speaker"].iloc[0]
    code = (f"r = ds.renderings({statement_id!r})\n"
            f'r[~r["text"].str.contains({word!r}, case=False)]["outlet"].iloc[0]')
    return Exercise(
        question=say("{speaker}'s statement of {day} reached English in {n} wordings. Which outlet's wording is "
                     "the only one without the word *{word}*? Answer with the outlet's name.", speaker=speaker,
                     day=_day(rows['date'].iloc[0], year=False), n=len(rows), word=word),
        kind=Names(options, noun="outlet", surnames=False, prefixes=True), accepted=[answer], result=answer, code=code,
        explanation=say("{outlet}'s wording does without '{word}': {point}.", outlet=answer, word=word, point=point),
        hints=[say("`ds.renderings({sid})` shows every wording with its outlet.", sid=repr(statement_id)),
               say("`.str.contains(\"{word}\", case=False)` is True where the text has the word; `~` turns True "
                   "into False.", word=word),
               say("Keep the row where the word is missing and read its `outlet`.")],
        pitfalls=pitfalls,
    )


def fragment_without_its_target(ds: Dataset) -> Exercise:
    """Which wording of Peskov's 18 November remark leaves out whom he accused (the only one without 'Washington')?

    Not q166, whose wordings notebook 04 sets side by side, and discusses, before its exercises."""
    return rendering_without(ds, "q046", "Washington",
                             point="it quotes only a fragment of the sentence, which drops whom Peskov accused; "
                                   "quote the whole sentence, and say whose translation it is")


def judge_claim(ds: Dataset, claim_id: str) -> Exercise:
    """Judge one claim of the article: supported, imprecise, contested or unsupported?"""
    claims = ds.claims.set_index("id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim {claim_id!r} in claims.csv")
    row = claims.loc[claim_id]
    answer = str(row["verdict"])
    evidence = str(row["evidence_ids"]).replace(";", ", ")
    pitfalls = {v: say("The dataset does not call it {v}: that would mean {meaning}. Read the evidence rows again "
                       "({evidence}) and ask what exactly the claim says: who, what, and *when*.", v=v,
                       meaning=VERDICT_MEANING[v], evidence=evidence) for v in VERDICTS if v != answer}
    code = f'ds.claims[ds.claims["id"] == {claim_id!r}]["verdict"].iloc[0]'
    return Exercise(
        question=say("Claim {cid}: “{claim}” Supported, imprecise, contested or unsupported?", cid=claim_id,
                     claim=row["claim"]),
        kind=Choice(VERDICTS, noun="verdict"), accepted=[answer], result=answer, code=code,
        explanation=say("The dataset's verdict is **{v}** ({meaning}): {reason}", v=answer,
                        meaning=VERDICT_MEANING[answer], reason=row["reason"]),
        hints=[say("`factcheck.evidence(ds, \"{cid}\")` lists the rows the verdict rests on, with their dates.",
                   cid=claim_id),
               say("Compare each detail of the claim — who, what, when — with the rows: is the core right? Are the "
                   "details?"),
               say("Check every date against the week, {span}.", span=ds.span_text())],
        pitfalls=pitfalls,
    )


# --------------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------------
# Notebook 02: the map


def strikes_beyond_reach(ds: Dataset, weapon_id: str = "himars") -> Exercise:
    """How many of Ukraine's strikes inside Russia lay beyond a system's range from the border?"""
    ranges = ds.weapon_systems.set_index("id")["range_max_km"]
    if weapon_id not in ranges.index or pd.isna(ranges[weapon_id]):
        raise KeyError(f"no sourced range for {weapon_id!r}")
    km = float(ranges[weapon_id])
    name = str(ds.weapon_systems.set_index("id").loc[weapon_id, "name"]).split(" (")[0]
    d = strike_distances(ds)
    ukraine = d[d["side"].astype(str) == "ukraine"]
    beyond = ukraine[ukraine["km_from_border"] > km]
    answer = int(beyond["event_id"].nunique())
    every = int(ukraine["event_id"].nunique())
    pitfalls = {every: say("That is every strike of Ukraine's inside Russia. Keep those more than {km} km from the "
                           "border.", km=f"{km:,.0f}")}
    in_week = int(ds.in_focus(beyond)["event_id"].nunique())
    pitfalls.setdefault(in_week, say("That leaves out the aftermath (24–26 November): the map shows it too, so "
                                     "count every strike on it."))
    if every - answer != answer:
        pitfalls.setdefault(every - answer, say("Those are the strikes within {km} km. The question asks for the "
                                                "ones beyond it.", km=f"{km:,.0f}"))
    code = ("d = maps.strike_distances(ds)\n"
            'ukraine = d[d["side"] == "ukraine"]\n'
            f'beyond = ukraine[ukraine["km_from_border"] > {km:g}]\n'
            'beyond["event_id"].nunique()')
    return Exercise(
        # The scope in the question itself: a worksheet prints the question without the notebook's prose.
        question=say("On the map ({scope}), how many of Ukraine's strikes inside Russia lay beyond {name}'s {km} km "
                     "from Ukraine's border?", name=name, km=f"{km:,.0f}",
                     scope=(f"the week and its aftermath, to {ds.aftermath[1].day} {ds.aftermath[1]:%B}"
                            if ds.aftermath is not None else "the week")),
        kind=Count(units=("strikes", "events", "targets", "places")), accepted=[answer], result=answer, code=code,
        explanation=say("{n}: {where}. A region is marked at its centre, so its distance is the centre's.",
                        n=answer, where=", ".join(f"{r.place_name} ({r.km_from_border:,.0f} km)"
                                                  for r in beyond.drop_duplicates("event_id").itertuples())),
        hints=[say("Find the {km} km line on the map, or use `maps.strike_distances(ds)`: it gives each strike's "
                   "distance from the border of the side that fired it.", km=f"{km:,.0f}"),
               say("Keep the rows whose `side` is `\"ukraine\"`."),
               say("Of those, keep the rows whose `km_from_border` is above the range, and count the distinct "
                   "`event_id` values (`.nunique()`).")],
        pitfalls=pitfalls,
    )


# Every exercise of every notebook, in order: the answer key, the worksheets and the tests read this list.

EXERCISES: dict[str, list[tuple[str, Callable[[Dataset], Exercise]]]] = {
    "00_start_here": [
        ("Exercise 1", focus_week_days),
        ("Exercise 2", undated_sources),
    ],
    "01_actor_statements": [
        ("Exercise 1", lambda ds: most_direct_speaker(ds, "2024-11-21")),
        ("Exercise 2", answers_to_first_atacms_strike),
        ("Exercise 3", most_rendered_speaker),
    ],
    "02_weapon_systems_timeline": [
        ("Exercise 1", lambda ds: authorisation_to_first_strike(ds, "atacms")),
        ("Exercise 2", russian_warnings_in_week),
        ("Exercise 3", longest_stated_range),
        ("Exercise 4", strikes_beyond_reach),
    ],
    "03_escalation_sentiment": [
        ("Exercise 1", lowest_index_day),
        ("Exercise 2", lowest_index_value),
        ("Exercise 3", sign_flips),
        ("Exercise 4", lambda ds: word_that_fixes(ds, "doctrine", -2.0)),
    ],
    "04_fact_check_the_article": [
        # The exit ticket comes first: no other exercise's answer narrows it down before it is asked.
        ("Exercise 1", lambda ds: judge_claim(ds, EXIT_TICKET_CLAIM)),
        ("Exercise 2", supported_claims),
        ("Exercise 3", intercept_gap),
        ("Exercise 4", fragment_without_its_target),
    ],
}

# The claim students judge on their own in notebook 04 (the 45-minute lesson's exit ticket), and where it is asked.
EXIT_TICKET_CLAIM = "c11"
EXIT_TICKET = ("04_fact_check_the_article", "Exercise 1")


@dataclass
class _Listed:
    notebook: str
    label: str
    exercise: Exercise = field(repr=False)


def notebook_exercises(ds: Dataset) -> list[_Listed]:
    """Every exercise, built on `ds`, in notebook order."""
    return [_Listed(nb, label, make(ds)) for nb, items in EXERCISES.items() for label, make in items]
