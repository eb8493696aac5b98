"""Self-checked exercises: `check(answer)`, `hint()`, `solution()`.

Each exercise computes its reference answer from the dataset, so a check compares with the data,
not with a number typed into the notebook. Feedback is specific: a typical wrong answer gets a
message that says what it probably counted instead.

    ex = exercises.most_direct_speaker(ds, "2024-11-21")
    ex.check("Vladimir Putin")   # prints feedback, returns True or False
    ex.hint()
    ex.solution()                 # reveals the reference answer only when asked
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .data import Dataset


@dataclass
class Result:
    """The outcome of a check: `bool(result)` is whether it passed."""

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def _repr_markdown_(self) -> str:
        mark = "✅ Correct" if self.passed else "❌ Not yet"
        return f"**{mark}.** {self.message}"

    def __repr__(self) -> str:
        return f"{'Correct' if self.passed else 'Not yet'}: {self.message}"


@dataclass
class Exercise:
    """One question with a reference answer and known pitfalls.

    `pitfalls` maps a wrong answer (normalised) to the feedback it deserves.
    """

    question: str
    answer: Any
    hints: list[str]
    explanation: str
    pitfalls: dict[Any, str] = field(default_factory=dict)
    normalise: Callable[[Any], Any] = field(default=lambda x: x)

    def check(self, answer: Any) -> Result:
        """Compare `answer` with the reference computed from the data."""
        if answer is None or answer is Ellipsis:
            return Result(False, "Replace `...` with your answer, then run the cell again.")
        given = self.normalise(answer)
        if given == self.normalise(self.answer):
            return Result(True, self.explanation)
        if given in self.pitfalls:
            return Result(False, self.pitfalls[given])
        return Result(False, f"{answer!r} is not it. Try `.hint()`.")

    def hint(self, n: int = 0) -> str:
        """The n-th hint (0 first); later hints say more."""
        return self.hints[min(n, len(self.hints) - 1)]

    def solution(self) -> Any:
        """The reference answer, with how to get it."""
        return SolutionText(f"{self.answer!r} — {self.explanation}")


class SolutionText(str):
    """A string that shows as Markdown in a notebook."""

    def _repr_markdown_(self) -> str:
        return f"**Solution:** {self}"


def _text(x: Any) -> str:
    return str(x).strip().casefold()


def most_direct_speaker(ds: Dataset, day: str) -> Exercise:
    """Which speaker made the most direct statements on `day` (renderings of one statement count once)?"""
    when = pd.Timestamp(day)
    on_day = ds.statements[ds.statements["date"] == when]
    direct = on_day[on_day["quote_type"] == "direct"]
    counts = direct["speaker"].value_counts()
    if counts.empty:
        raise ValueError(f"no direct statements on {day}; pick another day")
    answer = counts.index[0]
    all_quotes = ds.quotes[(ds.quotes["date"] == when)]["speaker"].value_counts()
    any_type = on_day["speaker"].value_counts()
    pitfalls = {}
    if all_quotes.index[0] != answer:
        pitfalls[_text(all_quotes.index[0])] = (
            "That speaker leads if every rendering counts. Use `ds.statements`, which keeps one row per "
            "statement, and keep only direct quotes.")
    if any_type.index[0] != answer:
        pitfalls[_text(any_type.index[0])] = (
            "That speaker leads when paraphrases count too. Keep only rows whose quote_type is 'direct'.")
    return Exercise(
        question=f"Which speaker made the most direct statements on {when:%d %B %Y}?",
        answer=answer,
        hints=[
            "Start from `ds.statements` (one row per statement) and filter on the date.",
            "Then keep `quote_type == 'direct'` and use `value_counts()` on the `speaker` column.",
        ],
        explanation=f"{answer} made {counts.iloc[0]} direct statement(s) that day.",
        pitfalls=pitfalls,
        normalise=_text,
    )


def count_exercise(question: str, answer: int, hints: list[str], explanation: str,
                   pitfalls: dict[int, str] | None = None) -> Exercise:
    """An exercise whose answer is a whole number."""

    def to_int(x: Any) -> Any:
        try:
            return int(x)
        except (TypeError, ValueError):
            return x

    return Exercise(question, int(answer), hints, explanation, pitfalls or {}, to_int)


def answers_to_first_atacms_strike(ds: Dataset) -> Exercise:
    """How many statements answer the first ATACMS strike on Russian territory (`responds_to`)?"""
    strikes = ds.events[(ds.events["kind"] == "strike") & (ds.events["weapon_id"] == "atacms")]
    event = strikes.sort_values("date").iloc[0]
    answering = ds.statements[ds.statements["responds_to"] == event["id"]]
    with_variants = ds.quotes[ds.quotes["responds_to"] == event["id"]]
    by_event_id = ds.statements[ds.statements["event_id"] == event["id"]]
    pitfalls = {}
    if len(with_variants) != len(answering):
        pitfalls[len(with_variants)] = ("That counts every English rendering. Use `ds.statements` so a statement "
                                        "worded differently by two outlets counts once.")
    if len(by_event_id) != len(answering):
        pitfalls[len(by_event_id)] = ("That counts statements that belong to the event (`event_id`). The question is "
                                      "about statements that answer it: `responds_to`.")
    return count_exercise(
        question=f"How many statements answer the first ATACMS strike on Russian territory ({event['id']})?",
        answer=len(answering),
        hints=["Statements that answer something name it in their `responds_to` column.",
               f"Count rows of `ds.statements` whose `responds_to` is '{event['id']}'."],
        explanation=f"{len(answering)} statements answer {event['id']}: {event['summary']}",
        pitfalls=pitfalls,
    )


def most_rendered_speaker(ds: Dataset) -> Exercise:
    """Whose statement reached English in the most different wordings (the earliest, when several tie)?"""
    sizes = ds.quotes.groupby("statement_id").size()
    top = sizes[sizes == sizes.max()].index
    firsts = ds.quotes.set_index("id").loc[top].sort_values("date")
    answer = firsts["speaker"].iloc[0]
    most_quoted = ds.quotes["speaker"].value_counts().index[0]
    pitfalls = {}
    for other in firsts["speaker"].iloc[1:]:
        if _text(other) != _text(answer):
            pitfalls[_text(other)] = ("That statement ties for the most wordings, but another of the tied statements "
                                      "was made earlier. Sort the tied statements by date.")
    if _text(most_quoted) != _text(answer) and _text(most_quoted) not in pitfalls:
        pitfalls[_text(most_quoted)] = ("That speaker has the most quote rows overall. The question is about one "
                                        "statement: group by `statement_id` first.")
    tie = f" ({len(top)} statements tie; this one came first)" if len(top) > 1 else ""
    return Exercise(
        question="Which statement reached English in the most wordings? If several tie, name the speaker of the "
                 "earliest.",
        answer=answer,
        hints=["Every rendering of a statement shares its `statement_id`.",
               "`ds.quotes.groupby('statement_id').size()` counts renderings; look up the speaker of the largest "
               "(the earliest by date, if several tie)."],
        explanation=f"{answer}'s statement has {sizes.max()} English renderings in the data{tie}.",
        pitfalls=pitfalls,
        normalise=_text,
    )


def lowest_index_day(ds: Dataset) -> Exercise:
    """On which day of the focus week was the mean Goldstein value lowest?"""
    from .sentiment import daily_index

    idx = daily_index(ds.in_focus(ds.events)).dropna(subset=["mean"])
    answer = idx.loc[idx["mean"].idxmin(), "date"].strftime("%Y-%m-%d")
    lowest_min = idx.loc[idx["min"].idxmin(), "date"].strftime("%Y-%m-%d")
    pitfalls = {}
    if lowest_min != answer:
        pitfalls[lowest_min] = ("That day has the single most conflictual event (the minimum); "
                                "the question asks for the mean.")
    return Exercise(
        question="On which day of the week was the mean Goldstein value of events lowest? (YYYY-MM-DD)",
        answer=answer,
        hints=["`sentiment.daily_index(ds.in_focus(ds.events))` has a `mean` column per day.",
               "Find the row with the smallest `mean` and read its `date`."],
        explanation=f"{answer} had the lowest mean Goldstein value of the week.",
        pitfalls=pitfalls,
        normalise=lambda x: str(x).strip()[:10],
    )


def sign_flips(ds: Dataset) -> Exercise:
    """How many statements change sign (positive ↔ negative, by VADER's ±0.05 thresholds) with the domain lexicon?"""
    from .sentiment import score_quotes

    scored = score_quotes(ds.statements)

    def label(x: pd.Series) -> pd.Series:
        return pd.cut(x, [-1.01, -0.05, 0.05, 1.01], labels=["neg", "neu", "pos"], right=False)

    plain, domain = label(scored["vader"]), label(scored["vader_domain"])
    flips = int((((plain == "pos") & (domain == "neg")) | ((plain == "neg") & (domain == "pos"))).sum())
    changed = int((plain != domain).sum())
    return count_exercise(
        question="How many statements flip between positive and negative when the domain lexicon is added?",
        answer=flips,
        hints=["`sentiment.score_quotes(ds.statements)` gives `vader` and `vader_domain` per statement.",
               "Positive is ≥ 0.05, negative ≤ −0.05 (VADER's README). Count rows that go from one to the other."],
        explanation=f"{flips} statements flip sign; {changed} change label at all (neutral included).",
        pitfalls={changed: "That counts every change of label, neutral included. Count only positive ↔ negative."}
        if changed != flips else {},
    )


def word_that_fixes(ds: Dataset, word: str = "doctrine", valence: float = -2.0) -> Exercise:
    """Add a word to the domain lexicon: how many statements change their domain score?"""
    from .sentiment import score_quotes

    before = score_quotes(ds.statements)["vader_domain"]
    after = score_quotes(ds.statements, ((word, valence),))["vader_domain"]
    answer = int((before != after).sum())
    contains = int(ds.statements["text"].str.contains(word, case=False, regex=False).sum())
    return count_exercise(
        question=f"Give '{word}' the valence {valence} in the domain lexicon. How many statements change score?",
        answer=answer,
        hints=[f"Score twice: `sentiment.score_quotes(ds.statements)` and with `(('{word}', {valence}),)`.",
               "Compare the two `vader_domain` columns and count the rows that differ."],
        explanation=f"{answer} statements change: those where '{word}' stands as a whole word.",
        pitfalls={contains: "That counts texts containing the letters anywhere (e.g. inside longer words); VADER "
                            "matches whole words."} if contains != answer else {},
    )


# --------------------------------------------------------------------------------------------
# Weapon systems (notebook 02)


def authorisation_to_first_strike(ds: Dataset, weapon_id: str = "atacms") -> Exercise:
    """Days from the last reported authorisation of a weapon to its first use inside Russia."""
    m = ds.milestones[ds.milestones["weapon_id"] == weapon_id]
    used = m[m["milestone"] == "first_used_in_russia"]
    if used.empty:
        raise ValueError(f"{weapon_id!r} has no 'first_used_in_russia' milestone")
    strike = used.sort_values("date").iloc[0]
    before = m[(m["milestone"] == "authorised") & (m["date"] <= strike["date"])].sort_values("date")
    last, first = before.iloc[-1], before.iloc[0]
    answer = int((strike["date"] - last["date"]).days)
    pitfalls = {answer + 1: "That counts both end days. Subtract the dates: the difference is the answer."}
    if first["id"] != last["id"]:
        pitfalls[int((strike["date"] - first["date"]).days)] = (
            "That starts from the first authorisation, in another year. The question is about the last one "
            "before the strike.")
    name = ds.weapon_systems.set_index("id").at[weapon_id, "name"]
    return count_exercise(
        question=f"How many days passed between the last reported authorisation of {name} and its first use "
                 "inside Russia's internationally recognised territory?",
        answer=answer,
        hints=[f"`ds.milestones` has a row per milestone; keep `weapon_id == '{weapon_id}'`.",
               "Take the latest 'authorised' date before the 'first_used_in_russia' date, and subtract."],
        explanation=f"{answer} days: authorised {last['date']:%d %b %Y} ({last['id']}), first used inside Russia "
                    f"{strike['date']:%d %b %Y} ({strike['id']}).",
        pitfalls=pitfalls,
    )


def russian_warnings_in_week(ds: Dataset) -> Exercise:
    """How many Russian warnings does the timeline's lower strip show in the focus week?"""
    from .weapons import RUSSIAN_WARNING, signals

    sig = signals(ds)
    russian = sig[sig["signal"] == RUSSIAN_WARNING]
    answer = len(ds.in_focus(russian))
    week_events = ds.in_focus(ds.events)
    any_side = int((week_events["kind"] == "warning").sum())
    pitfalls = {}
    if any_side != answer:
        pitfalls[any_side] = ("That counts warnings from every side. Keep the Russian side only: "
                              "`signal == 'Russian warning'`.")
    if len(russian) != answer:
        pitfalls[len(russian)] = "That counts warnings from before the week too. Keep only the focus week."
    start, end = ds.period
    return count_exercise(
        question=f"How many Russian warnings fall between {start:%d} and {end:%d %B %Y}?",
        answer=answer,
        hints=["`weapons.signals(ds)` lists Russian warnings and Western decisions; its `signal` column says which.",
               "Keep the Russian warnings, then `ds.in_focus(...)` keeps the focus week."],
        explanation=f"{answer} Russian warnings in the week: " + ", ".join(ds.in_focus(russian)["actor"].astype(str)),
        pitfalls=pitfalls,
    )


def longest_stated_range(ds: Dataset) -> Exercise:
    """Which system has the longest range that a source states for the weapon itself (not its class)?"""
    from .weapons import ranges

    r = ranges(ds)
    own = r[r["range_basis"] == "system"].sort_values("to_km")
    answer = str(own.iloc[-1]["id"])
    overall = str(r.sort_values("to_km").iloc[-1]["id"])
    ids = {str(n).casefold(): str(i) for i, n in zip(ds.weapon_systems["id"], ds.weapon_systems["name"],
                                                       strict=True)}

    def to_id(x: Any) -> str:
        text = str(x).strip().casefold()
        return ids.get(text, text)

    pitfalls = {}
    if overall != answer:
        pitfalls[overall] = ("That bar is pale for a reason: its range is the typical range of its missile class, "
                             "not a figure any source gives for this weapon.")
    return Exercise(
        question="Which weapon system has the longest range that a source states for the weapon itself? "
                 "(its id or its name)",
        answer=answer,
        hints=["`weapons.ranges(ds)` has `to_km` and `range_basis` per weapon.",
               "Keep `range_basis == 'system'` before you look for the largest `to_km`."],
        explanation=f"{own.iloc[-1]['name']}: {own.iloc[-1]['to_km']:,.0f} km, in the source's words "
                    f"“{own.iloc[-1]['range_wording']}”",
        pitfalls=pitfalls,
        normalise=to_id,
    )


# --------------------------------------------------------------------------------------------
# Notebook 00: the dataset


def focus_week_days(ds: Dataset) -> Exercise:
    """How many calendar days does the focus week span, first and last day included?"""
    start, end = ds.period
    answer = (end - start).days + 1
    return count_exercise(
        question=f"How many days does the focus period ({start:%d %B} to {end:%d %B %Y}) span?",
        answer=answer,
        hints=["`ds.period` gives the first and last day as timestamps.",
               "Subtracting them gives the days *between*; both ends belong to the period."],
        explanation=f"{answer} days: from {start:%d} to {end:%d %B}, both days included.",
        pitfalls={answer - 1: "That is the difference between the two dates. Count the first day too: the period "
                              "includes both ends."},
    )


def undated_sources(ds: Dataset) -> Exercise:
    """How many cited pages print no publication date at all?"""
    basis = ds.sources["published_basis"].astype(str)
    answer = int((basis == "not_printed").sum())
    not_on_page = int((basis != "page").sum())
    pitfalls = {}
    if not_on_page != answer:
        pitfalls[not_on_page] = ("That also counts pages dated from their URL or dateline (`dateline_or_url`); those "
                                 "have a date. Count only `not_printed`.")
    pitfalls[len(ds.sources)] = "That is every source. Filter on `published_basis` first."
    return count_exercise(
        question="How many of the cited pages print no publication date?",
        answer=answer,
        hints=["Look at the `published_basis` column of `ds.sources` (the data dictionary explains its values).",
               "`(ds.sources['published_basis'] == 'not_printed').sum()`"],
        explanation=f"{answer} of {len(ds.sources)} pages print no date; their `published` cell is left empty "
                    "rather than guessed.",
        pitfalls=pitfalls,
    )


# --------------------------------------------------------------------------------------------
# Notebook 04: the fact check


def supported_claims(ds: Dataset) -> Exercise:
    """How many of the article's claims does the evidence support as stated?"""
    verdict = ds.claims["verdict"].astype(str)
    answer = int((verdict == "supported").sum())
    loose = int(verdict.isin(["supported", "imprecise"]).sum())
    pitfalls = {len(ds.claims): "That is every claim. Count only the verdict 'supported'."}
    if loose != answer:
        pitfalls[loose] = ("That counts the imprecise claims too. Imprecise means a date, a scope or a word is off: "
                           "not supported *as stated*.")
    return count_exercise(
        question="How many of the article's claims does the evidence support as stated?",
        answer=answer,
        hints=["Each claim in `ds.claims` has a `verdict`.",
               "`(ds.claims['verdict'] == 'supported').sum()`"],
        explanation=f"{answer} of {len(ds.claims)} claims are supported as stated; {loose - answer} more are right "
                    "at the core but imprecise.",
        pitfalls=pitfalls,
    )


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
    pitfalls = {fired_gap: "That compares the numbers *fired*. The question is about missiles shot down: use the "
                           "topic 'atacms_intercepted'."}
    if "damaged" in ministry["value"]:
        pitfalls[answer + 1] = ("Did you count the damaged missile as shot down? The ministry says five were shot "
                                "down and a sixth was damaged.")
    return count_exercise(
        question="How many more ATACMS did Russia's Defence Ministry say it shot down than the US official who "
                 "spoke to NPR?",
        answer=answer,
        hints=["`factcheck.contested_versions(ds, 'atacms_intercepted')` lists each version with its figure.",
               "Subtract the NPR official's figure from the ministry's."],
        explanation=f"{ministry['number']:g} − {npr['number']:g} = {answer}. Neither figure can be checked "
                    "independently: the data keeps both, with who said them.",
        pitfalls=pitfalls,
    )


def rendering_without(ds: Dataset, statement_id: str, word: str) -> Exercise:
    """Which outlet's rendering of a statement is the only one without `word` (a whole word, any case)?"""
    import re

    rows = ds.renderings(statement_id)
    has = rows["text"].str.contains(rf"\b{re.escape(word)}\b", case=False, regex=True)
    if (~has).sum() != 1:
        raise ValueError(f"{(~has).sum()} renderings of {statement_id} lack {word!r}; the question needs exactly one")
    answer = str(rows.loc[~has, "outlet"].iloc[0])
    pitfalls = {_text(o): f"{o}'s wording does say '{word}'. Read the renderings side by side."
                for o in rows.loc[has, "outlet"]}
    speaker = rows["speaker"].iloc[0]
    return Exercise(
        question=f"{speaker}'s statement {statement_id} reached English in {len(rows)} wordings. "
                 f"Which outlet's wording is the only one without '{word}'?",
        answer=answer,
        hints=[f"`ds.renderings('{statement_id}')` shows every wording with its outlet.",
               f"Look for the rendering where the word '{word}' does not appear."],
        explanation=f"{answer}'s wording does without '{word}': whom the threat covers depends on whose "
                    "translation you read.",
        pitfalls=pitfalls,
        normalise=_text,
    )


def judge_claim(ds: Dataset, claim_id: str) -> Exercise:
    """Judge one claim of the article: supported, imprecise, contested or unsupported?"""
    from .factcheck import VERDICT_MEANING, VERDICTS

    claims = ds.claims.set_index("id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim {claim_id!r} in claims.csv")
    row = claims.loc[claim_id]
    answer = str(row["verdict"])
    evidence = row["evidence_ids"].replace(";", ", ")
    pitfalls = {v: f"The dataset does not call it {v}: that would mean {VERDICT_MEANING[v]}. Read the evidence "
                   f"rows again ({evidence}) and ask what exactly the claim says."
                for v in VERDICTS if v != answer}
    for word in ("true", "false", "yes", "no", "correct", "wrong"):
        pitfalls[word] = f"Answer with one of the four verdicts: {', '.join(VERDICTS)}."
    return Exercise(
        question=f"Claim {claim_id}: “{row['claim']}” Supported, imprecise, contested or unsupported?",
        answer=answer,
        hints=[f"`factcheck.evidence(ds, '{claim_id}')` lists the rows the verdict rests on, with dates.",
               "Compare each detail of the claim (who, what, when) with the rows: is the core right, and are "
               "the details?"],
        explanation=f"The dataset's verdict is **{answer}** ({VERDICT_MEANING[answer]}): {row['reason']}",
        pitfalls=pitfalls,
        normalise=_text,
    )


# --------------------------------------------------------------------------------------------
# Notebook 02: the map


def strikes_beyond_reach(ds: Dataset, weapon_id: str = "himars") -> Exercise:
    """How many of Ukraine's strikes inside Russia (17–26 November) lay beyond a system's range from the border?"""
    from .maps import strike_distances

    ranges = ds.weapon_systems.set_index("id")["range_max_km"]
    if weapon_id not in ranges.index or pd.isna(ranges[weapon_id]):
        raise KeyError(f"no sourced range for {weapon_id!r}")
    km = float(ranges[weapon_id])
    name = str(ds.weapon_systems.set_index("id").loc[weapon_id, "name"]).split(" (")[0]
    d = strike_distances(ds)
    ukraine = d[d["side"].astype(str) == "ukraine"]
    beyond = ukraine[ukraine["km_from_border"] > km]
    events_beyond = beyond["event_id"].nunique()
    pitfalls = {ukraine["event_id"].nunique(): "That is every strike of Ukraine's inside Russia. Keep those whose "
                                               f"distance from the border is more than {km:,.0f} km."}
    within = ukraine["event_id"].nunique() - events_beyond
    if within != events_beyond:
        pitfalls.setdefault(within, f"Those are the strikes within {km:,.0f} km. The question asks for the ones "
                                    "beyond it.")
    return count_exercise(
        question=f"On the map, how many of Ukraine's strikes inside Russia (17–26 November) lay beyond "
                 f"{name}'s {km:,.0f} km from Ukraine's border?",
        answer=events_beyond,
        hints=[f"Find the {km:,.0f} km line on the map, or use `maps.strike_distances(ds)`: it gives each strike's "
               "distance from the border of the side that fired it.",
               "Keep the rows whose side is Ukraine, then count those with `km_from_border` above the range."],
        explanation=f"{events_beyond}: " + ", ".join(f"{r.place_name} ({r.km_from_border:,.0f} km)"
                                                     for r in beyond.itertuples())
                    + ". A region is marked at its centre, so its distance is the centre's.",
        pitfalls=pitfalls,
    )
