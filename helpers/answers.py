"""Reading a student's answer: counts, numbers, names, dates and choices, in the forms students type.

Each kind turns what was typed into one canonical value — or says, in a sentence, why it cannot. A kind
never raises on odd input: a Series, a list, a dict, None or a date where a number belongs all get a
message instead. `helpers.exercises` compares the canonical value with the reference answers.

    Count().read(" 6 ")           -> Reading(6)
    Count().read(10.9)            -> Reading(None, "A count is a whole number …")
    Names({...}).read("PUTIN")    -> Reading("Vladimir Putin")
    Day(2024).read("18.11.2024")  -> Reading(Timestamp("2024-11-18"))
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import math
import numbers
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .vocabulary import VERDICTS

# Markdown punctuation that can start a link, emphasis, code, a heading, a list, a table cell or an autolink;
# and '$', which opens TeX in JupyterLab's Markdown ('$x^2$' would render as maths).
_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")


def md_escape(value: Any) -> str:
    """`value` as text that Markdown shows literally: HTML made inert, Markdown punctuation backslash-escaped.

    Feedback and solutions are shown as Markdown, so every string that comes from the data or from the
    student goes through here: `[x](http://evil)`, `**bold**` and `<img onerror>` show as typed.
    """
    text = " ".join(str(value).split())  # a newline could start a new block (a heading, a list, code)
    return _MD_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


class _Escaping(string.Formatter):
    """str.format that escapes each filled-in value (after `!r` and the format spec) with `escape`."""

    def __init__(self, escape: Callable[[str], str]):
        self.escape = escape

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.escape(format(value, format_spec))


_AS_MARKDOWN, _AS_TEXT = _Escaping(md_escape), _Escaping(str)
_AS_HTML = _Escaping(lambda v: html.escape(" ".join(v.split())))


@dataclass(frozen=True)
class Msg:
    """A message: our own Markdown `template` with {slots} that `values` fill — values from the data or from
    the student, always shown literally. `markdown()` for notebooks, `text()` for plain output, `html()` for
    printed sheets."""

    template: str
    values: tuple[tuple[str, Any], ...] = ()

    def markdown(self) -> str:
        return _AS_MARKDOWN.vformat(self.template, (), dict(self.values))

    def text(self) -> str:
        # Our bold markup goes; a value's own '**' (a student's '**7**') stays as typed.
        return _AS_TEXT.vformat(self.template.replace("**", ""), (), dict(self.values))

    def html(self) -> str:
        # Our templates use only **bold**, *italic* and `code`. Each value stands in as a token while that markup
        # becomes HTML (so a * in the data is never read as markup), then goes in escaped.
        out, filled, values = [], [], dict(self.values)
        for literal, field, spec, conversion in string.Formatter().parse(self.template):
            out.append(html.escape(literal))
            if field is not None:
                slot = "{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
                filled.append(_AS_HTML.vformat(slot, (), values))
                out.append(f"\x00{len(filled) - 1}\x01")
        text = "".join(out)
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
        text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
        text = re.sub(r"(?<![*\w])\*([^*]+)\*(?![*\w])", r"<i>\1</i>", text)
        return re.sub(r"\x00(\d+)\x01", lambda m: filled[int(m.group(1))], text)

    def __add__(self, other: Msg) -> Msg:
        """Two messages as one, a space between (slots renamed so they cannot collide)."""
        renamed = other.template
        values = dict(self.values)
        for key, value in other.values:
            new = f"{key}_{len(values)}"
            renamed = re.sub(r"\{" + re.escape(key) + r"([!:}])", "{" + new + r"\1", renamed)
            values[new] = value
        return Msg(f"{self.template} {renamed}".strip(), tuple(values.items()))


def say(template: str, **values: Any) -> Msg:
    """A message from our Markdown `template`; every value is shown literally."""
    return Msg(template, tuple(values.items()))


@dataclass(frozen=True)
class Reading:
    """What an answer was read as: a canonical `value`, or None and the `problem`."""

    value: Any = None
    problem: Msg | None = None
    note: str = ""  # how a loose form was read, e.g. "read 'six' as 6"


def _problem(template: str, **values: Any) -> Reading:
    return Reading(None, say(template, **values))


# --------------------------------------------------------------------------------------------
# Text


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
                       "’": "'", "‘": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation to spaces: 'Radosław  Sikorski!' → 'radoslaw sikorski'."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("'", "")
    return " ".join(re.findall(r"[a-z0-9]+", plain))


# Transliterations of one name differ mostly in the last letters: Zelensky, Zelenskyy, Zelenskiy, Zelenskyi,
# Zelenskij; Dmitry, Dmitriy, Dmitri; Andrii, Andriy. Dropping a final run of i/y/j makes them one key.
def _translit(word: str) -> str:
    stem = re.sub(r"[iyj]+$", "", word)
    return stem if len(stem) >= 3 else word


def name_key(text: str) -> str:
    return " ".join(_translit(w) for w in fold(text).split())


_TITLES = frozenset({"president", "prime", "minister", "pm", "mr", "mrs", "ms", "dr", "chancellor", "secretary",
                     "spokesman", "spokeswoman", "spokesperson", "foreign", "defence", "defense", "general",
                     "ambassador", "king", "the"})


# Words that join a description to a name ('President of Ukraine', 'the Kremlin's spokesman').
_FILLERS = frozenset({"the", "of", "s", "mr", "mrs", "ms", "dr"})

# The usual English adjectives and short forms of the countries in the data, so 'Russian Foreign Minister Lavrov'
# and 'US President Joe Biden' read as the name they describe (tests hold every actor's country to this table).
DEMONYMS = {
    "China": ["Chinese", "PRC"], "European Union": ["EU", "European"], "France": ["French"],
    "G7": ["Group of Seven"], "Germany": ["German"], "Hungary": ["Hungarian"], "International": [],
    "Moldova": ["Moldovan"], "NATO": ["North Atlantic Alliance", "Alliance"], "Netherlands": ["Dutch"],
    "North Korea": ["North Korean", "DPRK"], "Norway": ["Norwegian"], "Poland": ["Polish"],
    "Russia": ["Russian", "Russian Federation"], "South Korea": ["South Korean", "ROK"],
    "Sweden": ["Swedish"], "Türkiye": ["Turkish", "Turkey"], "Ukraine": ["Ukrainian"],
    "United Kingdom": ["British", "UK", "Britain"], "United Nations": ["UN"],
    "United States": ["American", "US", "USA", "U.S."],
}


def _strip_titles(key: str) -> str:
    words = key.split()
    while len(words) > 1 and (words[0] in _TITLES or (len(words[0]) == 1 and words[0].isalpha())):
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Containers and other wrong shapes


def _shape(given: Any) -> str | None:
    """What kind of container `given` is, in words, or None for a single value."""
    if isinstance(given, pd.DataFrame):
        return "a table (DataFrame)"
    if isinstance(given, pd.Series):
        return "a Series"
    if isinstance(given, pd.Index):
        return "an Index"
    if isinstance(given, dict | Mapping):
        return "a dict"
    if isinstance(given, list):
        return "a list"
    if isinstance(given, tuple):
        return "a tuple"
    if isinstance(given, set | frozenset):
        return "a set"
    if type(given).__module__ == "numpy" and getattr(given, "ndim", 0) > 0:
        return "an array"
    return None


ROW_ITEMS = 20  # a Series this short with text labels is read as one row of a table


def items_of(given: Any) -> list[tuple[str, Any]]:
    """The single item of a one-item container, with how to take it out: [('.iloc[0]', 6)].

    A one-row Series also offers its label (`.index[0]`): `value_counts().head(1)` holds the name there. A table's
    row (a short Series labelled by column names) and a one-row table offer each column's value by its name.
    Anything else longer, or a dict, gives [] — there is no one item to look at.
    """
    if isinstance(given, pd.DataFrame):
        if len(given) != 1:
            return []
        # One row (`.head(1)`, a filter that kept one): each column's value, by its name.
        return [(f"[{str(col)!r}].iloc[0]", given[col].iloc[0]) for col in given.columns]
    if isinstance(given, pd.Series) and 1 < len(given) <= ROW_ITEMS and all(isinstance(i, str) for i in given.index):
        # A table's row (`.iloc[0]` of a sorted table): its values by column name; `row.iloc[0]` is the first column.
        return [(f"[{label!r}]", value) for label, value in given.items()]
    if isinstance(given, set | frozenset):
        return [(".pop()", next(iter(given)))] if len(given) == 1 else []
    if isinstance(given, Mapping):
        if len(given) != 1:
            return []
        ((key, value),) = given.items()
        return [("[key]", value), ("'s key", key)]
    if isinstance(given, pd.Series | pd.Index):
        if len(given) != 1:
            return []
        out = [(".iloc[0]" if isinstance(given, pd.Series) else "[0]", given.iloc[0] if isinstance(given, pd.Series)
                else given[0])]
        if isinstance(given, pd.Series) and not isinstance(given.index[0], numbers.Integral):
            out.append((".index[0]", given.index[0]))
        return out
    try:
        items = list(given)
    except TypeError:
        return []
    return [("[0]", items[0])] if len(items) == 1 else []


def container_problem(given: Any, what: str) -> str | None:
    """The shape of a container answer in words (None when `given` is a single value)."""
    shape = _shape(given)
    if shape is None:
        return None
    try:
        n = len(given)
    except TypeError:
        n = 0
    size = {1: "one item"}.get(n, f"{n} items")
    if isinstance(given, pd.DataFrame):
        rows, cols = given.shape
        size = f"{rows} row{'s' * (rows != 1)} and {cols} column{'s' * (cols != 1)}"
    elif n == 0:
        return "an empty " + shape.split(" ", 1)[1]  # 'an empty Series', not 'a Series with empty'
    return f"{shape} with {size}"


# --------------------------------------------------------------------------------------------
# Kinds


class Kind:
    """How to read and show one kind of answer. `what` names it in feedback ('a count', 'a name' …)."""

    what = "an answer"

    def read(self, given: Any) -> Reading:  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def show(self, value: Any) -> str:
        return str(value)

    def echo(self, value: Any) -> str:
        """A student's value as feedback quotes it: as read, not rounded to the answer's decimals."""
        if isinstance(value, numbers.Real) and abs(value) >= 1e12:
            return f"{value:.3g}"  # not 309 digits of 1e308
        return self.show(value)


_WORDS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def number_word(text: str) -> int | None:
    """'six' → 6, 'twenty-one' → 21, 'a hundred' → 100; None when `text` is not a number word."""
    words = fold(text).split()
    if words in (["a", "hundred"], ["one", "hundred"], ["hundred"]):
        return 100
    if len(words) == 1 and words[0] in _WORDS:
        return _WORDS[words[0]]
    if len(words) == 1 and words[0] in _TENS:
        return _TENS[words[0]]
    if len(words) == 2 and words[0] in _TENS and words[1] in _WORDS and 0 < _WORDS[words[1]] < 10:
        return _TENS[words[0]] + _WORDS[words[1]]
    return None


_NUMBER = re.compile(r"[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")  # [-+−]: three signs; [+-−] is a range


# Sentence punctuation typed after an answer ('6.', '2024-11-23;'): the answer ends before it.
_TRAILING = re.compile(r"\s*[.,;:!?]+$")


_QUOTED = re.compile(r'"(.*)"|\'(.*)\'|“(.*)”|‘(.*)’', re.DOTALL)  # a pair of quotes typed inside the quotes


def _unquoted(text: str) -> str:
    """'"7"' → '7': quotes typed inside the quotes; a lone quote stays (it is not a pair)."""
    t = text.strip()
    if quoted := _QUOTED.fullmatch(t):
        t = next(g for g in quoted.groups() if g is not None).strip()
    return t


_DASHES = str.maketrans({"−": "-", "–": "-", "‒": "-", "‐": "-", "﹣": "-", "－": "-"})


def number_from_text(text: str) -> float | int | None:
    """'7', '-2.25', '1,200', '(-2.25)', '– 2.25' (a dash for the minus, a space after it) → the number; else None."""
    t = _TRAILING.sub("", _unquoted(text)).translate(_DASHES).replace("\u202f", "").replace("\u00a0", "")
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    t = re.sub(r"^([+-])\s+(?=\d)", r"\1", t)
    if _NUMBER.fullmatch(t):
        t = t.replace(",", "")
        return float(t) if "." in t else int(t)
    return None


# Types a student meets by accident, in words (not 'a NAType' or 'a builtin_function_or_method').
_TYPE_WORDS = {"NAType": "pandas' missing value (NA)", "ndarray": "a NumPy array",
               "builtin_function_or_method": "a function (did you leave off its brackets?)",
               "function": "a function (did you leave off its brackets?)",
               "method": "a method (did you leave off its brackets?)"}


def _a_type(given: Any) -> str:
    """What `given` is, in words a student knows: 'a number', 'a yes/no value', 'a Timestamp' …"""
    if isinstance(given, bool):
        return "a yes/no value"
    if isinstance(given, complex):
        return "a complex number"  # 'That is a number, not a number' would puzzle anyone
    if isinstance(given, numbers.Number):
        return "a number"
    if isinstance(given, str):
        return "text"
    name = type(given).__name__
    if name in _TYPE_WORDS:
        return _TYPE_WORDS[name]
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _is_number(given: Any) -> bool:
    return isinstance(given, numbers.Number) and not isinstance(given, bool)


# '5 - 2', '-33.7/15': one sum of two numbers typed in quotes (a date, '2024-11-17', has two signs). Never
# evaluated; the student is told to drop the quotes.
_CALCULATION = re.compile(r"\s*[-−]?\d+(?:\.\d+)?\s*[-+*/×−]\s*\d+(?:\.\d+)?\s*")
# '23 - 17 + 1': a longer sum, for a count only (a date, '2024-11-17', is told apart first).
_SUM = re.compile(r"\s*\d+(?:\s*[-+*/×]\s*\d+){2,4}\s*")
_DATE_LIKE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*|\s*\d{1,2}-\d{1,2}-\d{2,4}\s*")
# '16 of 24', '16 out of 24', '51/405': a part of a whole, as a student says a count.
_PART_OF = re.compile(r"\s*(\d[\d,]*)\s*(?:(?:out\s+)?of|/)\s*(\d[\d,]*)((?:\s+[a-z]+)*)\s*[.!]?\s*", re.I)
# '51 websites', '6 rows', '7 days in total': a count and the words for what it counts.
_COUNT_AND_NOUN = re.compile(r"\s*(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+([a-z][a-z' ]*?)[\s.!]*", re.I)
# The words a student counts this project's rows in ('51 websites', '6 rows', '16 supported'), first after the
# number, then these or the fillers ('7 days in total'). Not any word: '6 apples', '7 A' or '3 in' is not an
# answer, and '48 hours' is not 48.
COUNT_NOUNS = frozenset({
    "row", "rows", "item", "items", "entry", "entries", "record", "records", "line", "lines", "result", "results",
    "quote", "quotes", "statement", "statements", "rendering", "renderings", "wording", "wordings", "text", "texts",
    "source", "sources", "page", "pages", "website", "websites", "site", "sites", "article", "articles", "link",
    "links", "url", "urls", "outlet", "outlets", "report", "reports", "reaction", "reactions", "response",
    "responses", "reply", "replies", "answer", "answers", "warning", "warnings", "event", "events", "strike",
    "strikes", "target", "targets", "place", "places", "claim", "claims", "flip", "flips", "change", "changes",
    "day", "days", "speaker", "speakers", "people", "actor", "actors", "system", "systems", "weapon", "weapons",
    "missile", "missiles", "russian", "ukrainian", "direct", *VERDICTS})  # '16 supported
# The nouns any count may carry ('6 rows'); a question with `units` takes these and its own words only, so that
# '8 unsupported' or '8 days' is not read as a count of supported claims.
GENERIC_COUNT_NOUNS = frozenset({"row", "rows", "item", "items", "entry", "entries", "record", "records", "line",
                                 "lines", "result", "results"})
COUNT_FILLERS = frozenset({"of", "them", "in", "total", "all", "altogether", "overall", "the", "week", "this", "that",
                           "were", "are", "there", "listed", "counted", "found"})
_HEDGE = re.compile(r"\s*(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|under|at\s+least|"
                    r"at\s+most|~)\s*(\S.*)", re.I)


_COUNT_THEN_REMARK = re.compile(r"\s*([^,;:(—]+?)\s*(?:[,;:—]|\()\s*([^()]*?)\)?[\s.!]*")
# Words that turn a remark into another answer or a doubt about this one.
_NOT_A_REMARK = frozenset({"or", "about", "around", "roughly", "approximately", "approx", "nearly", "almost",
                           "maybe", "perhaps", "probably", "plus", "minus", "more", "less", "fewer", "than", "times",
                           "each", "either", "over", "under", "least", "most", "between", "wait", "actually", "sure",
                           "unsure", "unclear", "dunno", "idk"})


def _a_remark(text: str) -> bool:
    words = fold(text).split()
    return len(words) >= 2 and not any(
        any(c.isdigit() for c in w) or w in _NOT_A_REMARK or w in MONTHS or w in WEEKDAYS
        or number_word(w) is not None for w in words)


def _calculation(given: str) -> Reading:
    as_python = given.strip().replace("−", "-").replace("×", "*")
    return _problem("{given!r} is a calculation written as text. Leave out the quotes, `check({code})`, and Python "
                    "works it out.", given=given.strip(), code=as_python)


class Count(Kind):
    """A whole number, compared exactly. 6, 6.0, '6', ' 6 ', '6.', 'six' all read as 6; 10.9 is not a count.
    With `units` (the nouns the question counts, e.g. `("days",)`), '6 days' and 'six days' read as 6 too."""

    what = "a count"

    def __init__(self, units: tuple[str, ...] = ()):
        self.units = tuple(units)

    def nouns(self) -> frozenset[str]:
        """The words a count may carry: the question's own (and their singulars) and the generic ones; without
        `units`, every noun of COUNT_NOUNS."""
        if not self.units:
            return COUNT_NOUNS
        own = {fold(w) for u in self.units for w in u.split()}
        return GENERIC_COUNT_NOUNS | own | {w.removesuffix("s") for w in own}

    def _without_unit(self, text: str) -> tuple[str, str]:
        """'7 days' → ('7', 'days') when the question counts days; else (text, '')."""
        for unit in sorted({*self.units, *(u.removesuffix("s") for u in self.units)}, key=len, reverse=True):
            m = re.fullmatch(r"(.+?)\s*" + re.escape(unit) + r"[\s.,;:!?]*", text.strip(), re.IGNORECASE)
            if m:
                return m.group(1), unit
        return text, ""

    def _in_days(self, given: Any) -> Reading | None:
        """For a question that counts days: a duration (`end - start` gives `Timedelta('2 days')`), or hours or
        weeks in words ('48 hours', '1 week'), as whole days. None when `given` is neither."""
        if not any(u.removesuffix("s") == "day" for u in self.units):
            return None
        if isinstance(given, pd.Timedelta | np.timedelta64 | dt.timedelta) and not isinstance(given, bool):
            td = pd.Timedelta(given)
            if td < pd.Timedelta(0):
                return _problem("A count of days cannot be negative ({given}). Did you subtract in the wrong order? "
                                "The later date comes first: `end - start`.", given=f"{td.days} days")
            if td != td.floor("D"):
                return _problem("That duration, {given}, is not a whole number of days. Take `.days` of it, or "
                                "count the days.", given=td)
            return Reading(td.days, note=f"read the duration {td} as {td.days} days")
        m = isinstance(given, str) and re.fullmatch(r"(.+?)\s*(hours?|hrs?|weeks?)[\s.,;:!?]*", given.strip(), re.I)
        if not m:
            return None
        amount = Reading(1) if m.group(1).lower() in ("a", "an") else Count().read(m.group(1))
        if amount.problem is not None:
            return None
        hours = amount.value * (1 if m.group(2).lower().startswith("h") else 7 * 24)
        if hours % 24:
            return _problem("{given!r} is not a whole number of days. The question counts days.", given=given.strip())
        return Reading(hours // 24, note=f"read '{given.strip()}' as {hours // 24} days")

    def _counted_words(self, text: str, first_noun: bool = True) -> bool:
        """Whether `text` only names what is counted: a noun first ('rows', or the question's own), then nouns or
        fillers ('in total'). Empty text passes when no noun is needed."""
        words = [fold(w) for w in text.split()]
        nouns = self.nouns()
        if not words:
            return not first_noun
        return (words[0] in nouns or not first_noun) and all(w in nouns | COUNT_FILLERS for w in words)

    def _worded(self, given: str) -> Reading | None:
        """A count as a student says it: '16 of 24' and '51/405' (the part), '6 rows' (the number), and '17-23',
        a range, told to count it. None when `given` is none of these."""
        text = given.translate(_DASHES)
        if (m := _HEDGE.fullmatch(text)) and Count().read(m.group(1)).problem is None:
            return _problem("{given!r} hedges. A count is exact: give the number alone, e.g. `12`.",
                            given=given.strip())
        if (m := _PART_OF.fullmatch(text)) and self._counted_words(m.group(3), first_noun=False):
            part, whole = (int(g.replace(",", "")) for g in m.groups()[:2])
            if part <= whole:
                return Reading(part, note=f"read '{given.strip()}' as {part}")
        if (m := re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", text)) and int(m.group(1)) < int(m.group(2)):
            return _problem("{given!r} reads as a range, from {a} to {b}. The question asks how many: one whole "
                            "number.", given=given.strip(), a=m.group(1), b=m.group(2))
        # '2, and the index did not move', '2 (the index stays the same)': a count, then a remark the notebook
        # invited. Only a remark with no other number, date or hedge in it: '2, or 3' and '2, roughly' stay out.
        if (m := _COUNT_THEN_REMARK.fullmatch(text)) and _a_remark(m.group(2)):
            inner = self.read(m.group(1))
            if inner.problem is None:
                return Reading(inner.value, note=f"read '{given.strip()}' as {inner.value}")
        m = _COUNT_AND_NOUN.fullmatch(text)
        if m and m.group(2).strip() and self._counted_words(m.group(2)):
            inner = Count().read(m.group(1))
            if inner.problem is None:
                return Reading(inner.value, note=f"read '{given.strip()}' as {inner.value}")
        if m and self.units and Count()._counted_words(m.group(2)) and Count().read(m.group(1)).problem is None:
            # A count of something else ('8 days', '8 unsupported'): not read as the question's count.
            return _problem("{given!r} counts {what}; the question counts {units}.", given=given.strip(),
                            what=m.group(2).strip(), units=self.units[0])
        return None

    def read(self, given: Any) -> Reading:
        if isinstance(given, bool):
            return _problem("`{given}` is a yes/no value, not a count. Answer with a whole number, e.g. `12`.",
                            given=given)
        days = self._in_days(given)
        if days is not None:
            return days
        if (led := _led_in(self, given)) is not None:
            return led
        if isinstance(given, str) and (worded := self._worded(given)) is not None:
            return worded
        if isinstance(given, str) and (_CALCULATION.fullmatch(given.translate(_DASHES))
                                       or _SUM.fullmatch(given.translate(_DASHES))) and not _DATE_LIKE.fullmatch(given):
            return _calculation(given.translate(_DASHES))
        if isinstance(given, str):
            bare, unit = self._without_unit(given)
            if unit:
                inner = self.read(bare)
                if inner.problem is None:
                    return Reading(inner.value, note=f"read '{given.strip()}' as {inner.value}")
            parsed = number_from_text(given)
            if parsed is None:
                word = number_word(given)
                if word is not None:
                    return Reading(word, note=f"read '{given.strip()}' as {word}")
                return _problem("{given!r} is not a number. Answer with a whole number, e.g. `12` (digits, or a "
                                "word such as `twelve`), and nothing else in the quotes.", given=given)
            given = parsed
        if isinstance(given, pd.Timestamp | pd.Timedelta):
            return _problem("That is a date or a duration, not a count. For days between two dates, take "
                            "`.days` of their difference.")
        if not _is_number(given):
            return _problem("That is {type}, not a number. Answer with a whole number, e.g. `12`.",
                            type=_a_type(given))
        if isinstance(given, complex) or not math.isfinite(float(given)):
            return _problem("{given} is not a count. Answer with a whole number, e.g. `12`.", given=given)
        if float(given) != int(float(given)):
            return _problem("A count is a whole number, and {given} is not one. Did you take a mean, or divide? "
                            "Count rows instead (`len(...)` or `.sum()` of a True/False column). Rounding or "
                            "cutting off the decimals would not make it right.", given=given)
        value = int(float(given))
        if value < 0:
            return _problem("A count cannot be negative ({given}). Did you subtract in the wrong order?",
                            given=value)
        return Reading(value)


_NUMBER_WORDS = re.compile(r"(?P<hedge>(?:about|around|roughly|approximately|approx\.?|circa|~|≈)\s*)?"
                           r"(?P<minus>(?:minus|negative)\s+)?(?P<number>[+-]?\s*[\d.,]+)"
                           r"(?P<unit>\s+(?:points?|pts\.?))?", re.I)


class Number(Kind):
    """A decimal number, right within ± `tolerance`. '−2.4', '-2,4' (a decimal comma) and 2.37 read as numbers."""

    what = "a number"

    def __init__(self, tolerance: float, decimals: int):
        self.tolerance = tolerance
        self.decimals = decimals

    def read(self, given: Any) -> Reading:
        if isinstance(given, bool):
            return _problem("`{given}` is a yes/no value, not a number.", given=given)
        if isinstance(given, str):
            text = given.strip().translate(_DASHES)
            # 'about −2.25' (a mean is rounded: 'about' is honest), 'minus 2.25', '−2.25 points' (the scale's unit).
            # Not 'over' or 'at least': those give a bound, not the value.
            worded = _NUMBER_WORDS.fullmatch(text)
            if worded and any(worded.group(g) for g in ("hedge", "minus", "unit")):
                text = ("-" if worded.group("minus") else "") + worded.group("number")
            if re.fullmatch(r"[+-]?\d+,\d+", text):  # a decimal comma: -2,4
                text = text.replace(",", ".")
            parsed = number_from_text(text)
            if parsed is not None and text != given.strip().translate(_DASHES):
                value = float(parsed)
                return Reading(value, note=f"read '{given.strip()}' as {self.echo(value)}")
            if parsed is None and _CALCULATION.fullmatch(given):
                return _calculation(given)
            if parsed is None:
                return _problem("{given!r} is not a number. Answer with digits, e.g. `-1.5`.", given=given)
            given = parsed
        if not _is_number(given) or isinstance(given, complex):
            return _problem("That is {type}, not a number. Answer with digits, e.g. `-1.5`.",
                            type=_a_type(given))
        if not math.isfinite(float(given)):
            return _problem("{given} is not a number you can compare. Answer with digits, e.g. `-1.5`.",
                            given=given)
        return Reading(float(given))

    def same(self, a: float, b: float) -> bool:
        return abs(a - b) <= self.tolerance + 1e-12

    def show(self, value: Any) -> str:
        return f"{value:.{self.decimals}f}".replace("-", "−")

    def echo(self, value: Any) -> str:
        return f"{value:.6g}".replace("-", "−")  # -2.25 stays −2.25: the student never typed −2.2


# Last words that end the name of a body, not a person's surname ('Ukrainian Foreign Ministry').
_BODIES = frozenset({"ministry", "government", "office", "council", "forces", "staff", "command", "administration",
                     "spokesperson", "service", "agency", "army", "navy", "committee", "commission"})


def _a_persons_name(name: str) -> bool:
    """'Dmitry Peskov' is; 'General Staff of Ukraine', 'UK government' and 'Ukrainian Foreign Ministry' are not:
    their last word is no surname ('Ukraine' alone must not read as the General Staff)."""
    words = name.split()
    return (all(w[:1].isupper() for w in words) and "of" not in words
            and fold(words[-1]) not in _BODIES)


# Words that only lead in to a name or a number: 'It was Putin.', 'The answer is 7'.
_LEAD_IN_ANSWER = re.compile(
    r"^\s*(?:(?:i\s+think|i\s+guess|i\s+get|i\s+got|i\s+count(?:ed)?)\s+(?:that\s+)?(?:(?:it|that)\s+(?:was|is)\s+"
    r"|it'?s\s+|the\s+answer\s+is\s+|there\s+(?:are|were)\s+)?"
    r"|(?:(?:it|that)\s+(?:was|is)|it'?s|the\s+answer\s+is|answer\s*:|there\s+(?:are|were|is|was)"
    r"|it\s+(?:spans|lasts|lasted|took|takes|covers))\s+)",
    re.IGNORECASE)


def _led_in(kind: Kind, given: Any) -> Reading | None:
    """`kind`'s reading of an answer written as a short sentence ('It was Putin.'), or None."""
    if not isinstance(given, str) or not (m := _LEAD_IN_ANSWER.match(given)):
        return None
    inner = kind.read(given[m.end():])
    if inner.problem is not None:
        return None
    return Reading(inner.value, note=f"read '{given.strip()}' as {kind.show(inner.value)}")


class Names(Kind):
    """A name among known `options` (canonical name → its other spellings): case, accents, titles, initials and
    the usual transliterations do not matter; a surname alone is enough when only one option has it."""

    what = "a name"

    def __init__(self, options: Mapping[str, Iterable[str]], noun: str = "name", surnames: bool = True,
                 prefixes: bool = False, example: str | None = None,
                 described: Mapping[str, Iterable[str]] | None = None):
        self.noun = noun
        self.options = list(options)
        # Words that may stand around an option's name, as news copy writes it: 'Kremlin spokesman Dmitry Peskov',
        # 'Lavrov, Russian foreign minister', 'Putin (Russia)'. Only these: 'Joe Zelensky' is not Zelensky.
        self.described = {o: {w for text in words for w in name_key(text).split()} | _FILLERS
                          for o, words in (described or {}).items()}
        self.prefixes = prefixes  # 'CBC' for 'CBC News': the first word(s) of one option only
        self.surnames = surnames  # people's names: an outlet or a weapon has no first name to vary
        self.example = example  # shown in feedback: never the answer
        self.keys: dict[str, set[str]] = {}
        for canonical, aliases in options.items():
            bracketed = [p.strip() for p in re.split(r"[()]", canonical) if p.strip()] if "(" in canonical else []
            for alias in (canonical, *aliases, *bracketed):
                key = _strip_titles(name_key(alias))
                if key:
                    self.keys.setdefault(key, set()).add(canonical)
                squeezed = key.replace(" ", "")
                if squeezed != key and any(c.isdigit() for c in key):  # codes: 'KN-23' and 'kn23'
                    self.keys.setdefault(squeezed, set()).add(canonical)
        if surnames:
            last: dict[str, set[str]] = {}
            for canonical in self.options:
                words = _strip_titles(name_key(canonical)).split()
                if 2 <= len(words) <= 4 and _a_persons_name(canonical):
                    last.setdefault(words[-1], set()).add(canonical)
            for word, owners in last.items():
                if len(owners) == 1 and word not in self.keys:
                    self.keys[word] = owners

    def _described(self, given: str) -> Reading | None:
        """The one option whose name (or surname) is in `given` with nothing around it but words describing that
        option: 'Kremlin spokesman Dmitry Peskov' → Dmitry Peskov (the longest name found wins). When the words
        around it describe someone else ('Zelensky (Russia)'), a problem that says so; None when nothing fits."""
        words = name_key(given).split()
        anyones = set().union(*self.described.values())
        misfit: tuple[str, list[str]] | None = None
        longest = max((len(k.split()) for k in self.keys), default=0)  # no name is longer: no need to look
        for length in range(min(len(words) - 1, longest), 0, -1):
            for start in range(len(words) - length + 1):
                owners = self.keys.get(" ".join(words[start:start + length]), set())
                around = words[:start] + words[start + length:]
                if len(owners) != 1 or not around:
                    continue
                (owner,) = owners
                own = self.described.get(owner, set())
                # A possessive folds into the word: "Russia's" is 'russias'.
                strange = [w for w in around if not (w in own or (w.endswith("s") and w[:-1] in own))]
                if not strange:
                    return Reading(owner)
                if misfit is None and all(w in anyones and w not in self.keys for w in strange):
                    misfit = (owner, strange)
        if misfit is None:
            return None
        owner, strange = misfit
        return _problem("{given!r} reads as {owner}, but '{words}' describes someone else. Give the {noun} alone, "
                        "or with that person's own role or country.", given=given.strip(), owner=owner,
                        words=" ".join(strange), noun=self.noun)

    def read(self, given: Any) -> Reading:
        if isinstance(given, bool) or _is_number(given):
            kind = "a number" if not isinstance(given, bool) else "a yes/no value"
        elif not isinstance(given, str):
            kind = _a_type(given)
        else:
            kind = ""
        if kind:
            how = f', e.g. "{self.example}"' if self.example else ""
            return _problem("That is {type}, not {noun}. Answer with the " + self.noun + " in quotes" + how + ".",
                            type=kind, noun=("an " if self.noun[0] in "aeiou" else "a ") + self.noun)
        key = _strip_titles(name_key(given))
        if not key and any(c.isalpha() for c in given):
            how = f', e.g. "{self.example}"' if self.example else ""
            return _problem("check() reads {noun}s in the Latin alphabet, as the data spells them" + how + ".",
                            noun=self.noun)
        if not key:
            return _problem("The answer is empty. Type the {noun} between the quotes.", noun=self.noun)
        squeezed = key.replace(" ", "")
        owners = self.keys.get(key) or (self.keys.get(squeezed) if any(c.isdigit() for c in key) else None)
        if not owners and 2 <= len(key.split()) <= 3:  # surname first: 'Lavrov Sergei'
            owners = self.keys.get(" ".join(reversed(key.split())))
        if not owners and self.prefixes:
            owners = {o for k, found in self.keys.items() if k.startswith(key + " ") for o in found}
        words = key.split()
        if (not owners and self.surnames and len(words) in (2, 3) and words[-1].isalpha()
                and len(self.keys.get(words[-1], ())) == 1
                and not any(w in self.keys for w in words[:-1])):
            # 'Vladimir Zelensky', 'Vladimir Vladimirovich Putin': one person's surname, a first name with the
            # same initial (another spelling, a patronymic added); 'Joe Zelensky' is not him, nor is 'Sam Biden
            # Lavrov' Lavrov alone.
            (owner,) = self.keys[words[-1]]
            if _strip_titles(name_key(owner)).split()[0][:1] == words[0][:1]:
                return Reading(owner, note=f"read '{given.strip()}' as {owner}")
        if not owners and (led := _led_in(self, given)) is not None:
            return led
        if not owners and self.described:
            described = self._described(given)
            if described is not None:
                return described
        if not owners and "(" in given:  # 'KN-23 (Hwasong-11)': a name with another of its names in brackets
            parts = [self.read(p) for p in re.split(r"[()]", given) if p.strip()]
            found = {r.value for r in parts}
            if len(parts) > 1 and all(r.problem is None for r in parts) and len(found) == 1:  # both parts, one name
                return Reading(found.pop())
        if owners and len(owners) == 1:
            return Reading(next(iter(owners)))
        if owners:
            return _problem("{given!r} fits more than one {noun} ({names}): give the full {noun}.",
                            given=given.strip(), names=", ".join(sorted(owners)), noun=self.noun)
        firsts = [o for o in self.options if len(words := _strip_titles(name_key(o)).split()) > 1 and words[0] == key]
        if firsts:  # 'Donald': a first name only (never read as one person, never listed: that could hint)
            shared = ", which more than one name in the data starts with" if len(firsts) > 1 else ""
            return _problem("{given!r} is only the first word of a name" + shared + ": give the full {noun}.",
                            given=given.strip(), noun=self.noun)
        if len(self.options) <= 6:
            return _problem("{given!r} is not one of the {noun}s this question is about: {options}.",
                            given=given.strip(), noun=self.noun, options="; ".join(self.options))
        close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.8)
        # A typo, not another model: 'Hwasong-12' is not a misspelt Hwasong-11 (and suggesting it would give it away).
        # Nor another body's name that looks alike ('Russian foreign minister' is not 'Ukrainian Foreign Ministry').
        if close and re.findall(r"\d+", close[0]) == re.findall(r"\d+", key) and close[0][:1] == key[:1]:
            return _problem("No {noun} in the data is spelled {given!r}. Did you mean {suggestion}?",
                            given=given.strip(), suggestion=sorted(self.keys[close[0]])[0], noun=self.noun)
        return _problem("No {noun} in the data matches {given!r}. Copy the {noun} as the data spells it.",
                        given=given.strip(), noun=self.noun)


MONTHS = {m: i for i, names in enumerate(
    [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")]) for m in names}
WEEKDAYS = {d: i for i, names in enumerate(
    [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
     ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for d in names}


class Day(Kind):
    """A calendar day in any common spelling: 2024-11-18, 2024/11/18, 18.11.2024, 18/11/2024, 18 November 2024,
    18 Nov, Nov 18, November 18th, 2024 — and a Timestamp or date. A missing year is `year`. Text around the
    date ('2024-11-18 is my guess') is not read: the answer must be the date alone."""

    what = "a date"

    def __init__(self, year: int, week: tuple[pd.Timestamp, pd.Timestamp] | None = None):
        self.year = year
        self.week = week  # a question about one week also takes a weekday name: 'Saturday'

    def show(self, value: Any) -> str:
        return f"{value:%Y-%m-%d} ({value.day} {value:%B %Y})"

    def read(self, given: Any) -> Reading:
        if given is pd.NaT:
            return _problem("That is `NaT`, pandas' missing date: the row you took has no date.")
        if isinstance(given, pd.Period):
            given = given.start_time if given.freqstr == "D" else given
        if isinstance(given, pd.Timestamp) or (hasattr(given, "year") and hasattr(given, "month")):
            try:
                ts = pd.Timestamp(given)
            except (TypeError, ValueError):
                return _problem("That is not a date pandas can read.")
            if ts.tzinfo is not None and ts == ts.normalize():
                ts = ts.tz_localize(None)  # midnight in a time zone is still that day
            if ts.tzinfo is not None or ts != ts.normalize():
                return _problem("That has a time of day ({given}). Give the day only.", given=ts)
            return Reading(ts)
        if isinstance(given, bool):
            return _problem("`{given}` is a yes/no value, not a date. Write the date in quotes, e.g. "
                            "`\"2024-11-20\"`.", given=given)
        if _is_number(given):
            days = {d.day for d in pd.date_range(*self.week, freq="D")} if self.week is not None else set()
            if float(given).is_integer() and int(given) in days:  # `.dt.day` of a row: 23
                return self._day_of_month(str(int(given)), int(given))
            if float(given).is_integer() and self.week is not None:
                # Not a day of the week asked about: most likely the row label `.idxmin()` gives (6, the 7th row).
                return _problem("{given} is a number, not a date: a row's label, if it came from `.idxmin()` or "
                                "`.idxmax()`. Take that row's `date` (`table.loc[label, \"date\"]`), or write the "
                                "date in quotes, e.g. `\"2024-11-20\"`.", given=int(given))
            return _problem("{given} is a number, not a date. Write the date in quotes, e.g. `\"2024-11-20\"` or "
                            "`\"20 November 2024\"`.", given=given)
        if type(given).__name__ == "datetime64":
            return self.read(pd.Timestamp(given))
        if not isinstance(given, str):
            return _problem("That is {type}, not a date. Write the date in quotes, e.g. `\"2024-11-20\"`.",
                            type=_a_type(given))
        return self._parse(given)

    def _parse(self, given: str) -> Reading:
        text = _TRAILING.sub("", _unquoted(given)).casefold().replace(",", " ").replace("–", "-")
        text = re.sub(r"[()]", " ", text)  # '23 Nov (Saturday)'
        text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
        text = re.sub(r"\b(the|of)\b", " ", text)
        text = re.sub(r"\s+", " ", text).strip()
        text = re.sub(r"([a-z])\.", r"\1", text)  # 'Nov.' and 'Thu.'
        # '17-Nov-2024', '17NOV2024', '17/nov/24': a month word between a day and a year, with no spaces
        text = re.sub(r"^(\d{1,2})[-/ ]?([a-z]{3,9})[-/ ]?(\d{4}|\d{2})?$",
                      lambda m: " ".join(g for g in m.groups() if g), text)
        text = re.sub(r"[ t]00:00(:00)?$", "", text)  # str(Timestamp) and ISO with midnight
        weekday = None
        words = text.split(" ")
        named = [w for w in words if w in WEEKDAYS]
        if len(named) == 1:  # 'Saturday 23 Nov', '23 Nov Saturday', 'Saturday the 23rd'
            weekday, text = WEEKDAYS[named[0]], " ".join(w for w in words if w != named[0])
        if weekday is not None and not text:
            return self._weekday(given, weekday)
        if re.fullmatch(r"\d{1,2}", text):  # '23rd', 'the 23rd': a day of the month alone
            reading = self._day_of_month(given.strip(), int(text))
            if reading.problem is None and weekday is not None and reading.value.weekday() != weekday:
                return _problem("{day} was a {real}, not the weekday you wrote. Check the date.",
                                day=f"{reading.value.day} {reading.value:%B %Y}", real=f"{reading.value:%A}")
            return reading
        y = m = d = None
        if mt := re.fullmatch(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})", text):
            y, m, d = (int(g) for g in mt.groups())
        elif mt := re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?", text):
            a, sep, b, yy = mt.groups()
            a, b = int(a), int(b)
            y = self._year(yy)
            if sep == "." or a > 12:  # 18.11.2024 is European; 18/11 can only be day/month
                d, m = a, b
            elif b > 12:
                m, d = a, b
            elif a == b:
                d = m = a
            else:
                return _problem("{given!r} can be read two ways (day/month or month/day). Write the month as a "
                                "word, e.g. `\"5 November 2024\"`, or as `\"2024-11-05\"`.", given=given.strip())
        elif mt := re.fullmatch(r"(\d{1,2}) ([a-z]+)(?: (\d{4}|\d{2}))?", text):
            d, month, yy = int(mt.group(1)), mt.group(2), mt.group(3)
            if month not in MONTHS:
                return self._unreadable(given)
            m, y = MONTHS[month], self._year(yy)
        elif mt := re.fullmatch(r"([a-z]+) (\d{1,2})(?: (\d{4}|\d{2}))?", text):
            month, d, yy = mt.group(1), int(mt.group(2)), mt.group(3)
            if month not in MONTHS:
                return self._unreadable(given)
            m, y = MONTHS[month], self._year(yy)
        elif re.fullmatch(r"\d{8}", text):
            return _problem("{given!r} looks like a date without separators. Write it as `\"2024-11-20\"`.",
                            given=given.strip())
        else:
            return self._unreadable(given)
        try:
            ts = pd.Timestamp(year=y, month=m, day=d)
        except ValueError:
            return _problem("{given!r} is not a day of the calendar.", given=given.strip())
        if weekday is not None and ts.weekday() != weekday:
            return _problem("{day} was a {real}, not the weekday you wrote. Check the date.",
                            day=f"{ts.day} {ts:%B %Y}", real=f"{ts:%A}")
        return Reading(ts)

    def _day_of_month(self, given: str, day: int) -> Reading:
        """'23' alone: that day of the month the question's week falls in (the week's, where it spans two)."""
        if self.week is None:
            return _problem("{given!r} is a day of the month without its month. Write the date, e.g. "
                            "`\"2024-11-20\"`.", given=given)
        days = pd.date_range(*self.week, freq="D")
        in_week = [d for d in days if d.day == day]
        if in_week:
            found = in_week[0]
        else:
            try:
                found = pd.Timestamp(year=days[0].year, month=days[0].month, day=day)
            except ValueError:
                return _problem("{given!r} is not a day of {month}.", given=given, month=f"{days[0]:%B %Y}")
        return Reading(found, note=f"read '{given}' as {found.day} {found:%B %Y}")

    def _weekday(self, given: str, weekday: int) -> Reading:
        """'Saturday' alone: the day of that name in the question's week, or a request for the date."""
        if self.week is not None:
            days = [d for d in pd.date_range(*self.week, freq="D") if d.weekday() == weekday]
            if len(days) == 1:
                return Reading(days[0], note=f"read '{given.strip()}' as {days[0]:%A} {days[0].day} {days[0]:%B %Y}")
        return _problem("{given!r} is a day of the week, and more than one date has that name. Write the date, e.g. "
                        "`\"2024-11-20\"`.", given=given.strip())

    def _year(self, yy: str | None) -> int:
        if yy is None:
            return self.year
        return int(yy) + 2000 if len(yy) == 2 else int(yy)

    @staticmethod
    def _unreadable(given: str) -> Reading:
        return _problem("{given!r} is not a date this check can read. Write the date alone, e.g. `\"2024-11-20\"`"
                        " or `\"20 November 2024\"`.", given=given.strip())


# Words before a verdict that only introduce it ('it is imprecise', 'I think imprecise', 'the claim is …').
_LEAD_IN = frozenset({"i", "think", "would", "say", "id", "my", "answer", "verdict", "is", "it", "its", "the",
                      "claim", "this", "that", "was", "seems", "looks", "to", "be"})
_NEGATIONS = frozenset({"not", "no", "nor", "never", "isnt", "wasnt"})
# Where a verdict ends and its reason begins: punctuation, a dash, or a word that starts a reason.
_REASON = re.compile(r"\s*(?:[:;,.!?()\u2013\u2014]|\s-\s|\b(?:because|since|as|but|though|although)\b)", re.IGNORECASE)


_DEGREE = frozenset({"really", "quite", "entirely", "completely", "fully", "totally", "wholly"})


def _denied(words: list[str], i: int) -> bool:
    """Whether words[i] is denied: 'not unsupported', 'not really unsupported' (but not 'no wait, unsupported')."""
    before = words[max(0, i - 2):i]
    return bool(before) and (before[-1] in _NEGATIONS or (len(before) == 2 and before[0] in _NEGATIONS
                                                          and before[1] in _DEGREE))


def _spelt_as(word: str, options: list[str]) -> str | None:
    """The option a misspelt word stands for ('inprecise' → 'imprecise'), or None. Same first letter, and close
    only to that one: 'precise' and 'uncontested' say the opposite of 'imprecise' and 'contested', and stay unread."""
    score = {o: difflib.SequenceMatcher(None, word, o).ratio() for o in options if o[:1] == word[:1]}
    best = sorted(score.items(), key=lambda kv: -kv[1])
    if best and best[0][1] >= 0.85 and (len(best) == 1 or best[0][1] - best[1][1] >= 0.08):
        return best[0][0]
    return None


def _verdict_and_reason(given: str) -> tuple[str, str]:
    """'imprecise: the meetings came later' → ('imprecise', ': the meetings came later')."""
    m = _REASON.search(given.strip())
    return (given.strip(), "") if m is None else (given.strip()[:m.start()], given.strip()[m.start():])


class Choice(Names):
    """One of a few words (a verdict): exact after folding. A verdict followed by its reason ('imprecise: the
    meetings came later') is read as the verdict, whatever the reason says; a hedge between two verdicts, or a
    verdict with a bare 'not' or 'no' ('supported not'), is asked again."""

    what = "a choice"

    def __init__(self, options: Iterable[str], noun: str = "answer"):
        super().__init__({o: () for o in options}, noun=noun, surnames=False)

    def read(self, given: Any) -> Reading:
        if not isinstance(given, str):
            return _problem("That is {type}, not {noun}. Answer with one of these words, in quotes: {options}.",
                            type=_a_type(given),
                            noun=f"a {self.noun}", options=", ".join(self.options))
        if fold(given) in {"true", "false", "yes", "no", "right", "wrong", "correct",
                                                       "incorrect", "partly true", "half true", "mostly true"}:
            return _problem("A claim can be right at its core and wrong in a detail, so true or false is not "
                            "enough here. Answer with one of: {options}.", options=", ".join(self.options))
        verdict, reason = _verdict_and_reason(given)
        words = [w for w in fold(verdict).replace("/", " ").split()]
        while len(words) > 1 and words[0] in _LEAD_IN:  # 'it is imprecise', 'I think imprecise'
            words = words[1:]
        spelt = ""
        if len(words) == 1 and words[0] not in self.options and (near := _spelt_as(words[0], self.options)):
            spelt, words = words[0], [near]  # 'inprecise': a verdict is judged, not its spelling
        # A verdict the answer denies is not one it gives: 'it's not supported, it's imprecise'.
        named = list(dict.fromkeys(w for i, w in enumerate(words) if w in self.options and not _denied(words, i)))
        denied_first = not named and any(w in self.options and _denied(words, i) for i, w in enumerate(words))
        after = [w for w in re.split(r"[^\w']+", fold(reason)) if w]
        # Another verdict anywhere after the first is a second answer ('imprecise, unsupported', 'supported but
        # imprecise'), unless the reason denies it ('imprecise, not unsupported').
        named += [w for i, w in enumerate(after) if w in self.options and w not in named and not _denied(after, i)]
        if len(named) > 1:  # a hedge is not an answer: 'imprecise or unsupported'
            return _problem("{given!r} names {n} {noun}s ({names}). A claim gets one {noun}: give the one you would "
                            "defend, alone, in quotes.", given=given.strip(), noun=self.noun,
                            n={2: "two", 3: "three"}.get(len(named), str(len(named))),
                            names=" and ".join(named))
        negated = set(words) & _NEGATIONS or (after and set(after) <= _NEGATIONS | _DEGREE)
        if named and words[0] in self.options and negated:
            # 'supported not', 'imprecise, no': which does it say? (A 'not' in the reason is only a reason.)
            return _problem("{given!r} starts with a {noun} but has a 'not' or 'no' in it, so it can be read "
                            "two ways. Give the {noun} alone, e.g. `\"{first}\"`, and keep your reason for the "
                            "class discussion.", given=given.strip(), noun=self.noun, first=words[0])
        if named and words[0] in self.options and not negated:
            note = f"read '{spelt}' as '{words[0]}'" if spelt else "" if fold(given) == words[0] else \
                f"read as '{words[0]}'"
            return Reading(words[0], note=note)
        if denied_first and len(named) == 1:  # 'not supported, imprecise': the one verdict it gives
            return Reading(named[0], note=f"read as '{named[0]}'")
        if words and fold(given) not in self.options:
            return _problem("{given!r} is not one of the {noun}s this question takes: {options}.",
                            given=given.strip(), noun=self.noun, options=", ".join(self.options))
        return super().read(given)
