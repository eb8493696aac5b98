"""Prose the data could contradict, each sentence with the check that keeps it true.

Every guard names a sentence (as a reader sees it: links and emphasis dropped) and a check on the data. A guard fails
when the data stops supporting its sentence — and when the sentence is no longer there, so a rewrite brings its
guard along.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from mutation_scope import ascii_id

import helpers
from helpers import charts, factcheck, sentiment

ROOT = Path(__file__).resolve().parent.parent


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"</?(details|summary|b)>", " ", text)
    return " ".join(text.replace("*", "").replace("`", "").split())


def _read(where: str) -> str:
    path = ROOT / where
    if path.suffix == ".ipynb":
        return _plain("\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"))
    return _plain(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Guard:
    where: str
    sentence: str
    holds: Callable[[helpers.Dataset], bool]


def _languages(ds: helpers.Dataset) -> bool:
    lang = ds.in_focus(ds.statements)["language"].astype(str).value_counts()
    return lang.index[0] == "en" and lang.drop("en").sum() > lang.sum() / 2 and set(lang.index[1:3]) == {"ru", "uk"}


def _milestones_in_week(ds: helpers.Dataset) -> bool:
    m = ds.in_focus(ds.milestones)
    on = {(r.weapon_id, r.milestone): r.date.day for r in m.itertuples()}
    return (set(m["weapon_id"].astype(str)) == {"atacms", "ap_mines", "storm_shadow", "oreshnik"}
            and on.get(("atacms", "authorised")) == 17 and on.get(("atacms", "first_used_in_russia")) == 19
            and on.get(("storm_shadow", "first_used_in_russia")) == 20 and on.get(("oreshnik", "first_used")) == 21
            and on.get(("oreshnik", "production_ordered")) == 22)


def _storm_shadow_three_days_later(ds: helpers.Dataset) -> bool:
    m = ds.milestones.set_index(["weapon_id", "milestone"])["date"]
    return (m[("storm_shadow", "first_used_in_russia")] - m[("atacms", "authorised")].max()).days == 3


def _vader(ds: helpers.Dataset) -> bool:
    lex = sentiment.plain_analyzer().lexicon
    return (7400 <= len(lex) <= 7600 and not {"nuclear", "missile", "escalation"} & set(lex)
            and lex["launched"] > 0 and lex["energy"] > 0)


def _contested(ds: helpers.Dataset) -> bool:
    c = ds.contested

    def figure(topic: str, actor: str, who: str = "") -> float:
        rows = c[(c["topic"] == topic) & (c["actor_id"] == actor) & c["who"].str.contains(who, regex=False)]
        return float(rows["number"].iloc[0])

    return (figure("atacms_fired", "ru_mod"), figure("atacms_intercepted", "ru_mod"),
            figure("atacms_fired", "us_admin", "NPR"), figure("atacms_intercepted", "us_admin", "NPR")) == (6, 5, 7, 2)


def _missile_names(ds: helpers.Dataset) -> bool:
    names = ds.contested[ds.contested["topic"] == "missile_name"]
    return len(names) == 6 and (names["date"].max() - names["date"].min()).days <= 2


def _tie_on_21st(ds: helpers.Dataset) -> bool:
    day = ds.statements[(ds.statements["date"] == "2024-11-21") & (ds.statements["quote_type"] == "direct")]
    counts = day["speaker"].value_counts()
    return (counts == counts.max()).sum() == 2


def _two_warnings_on_18th(ds: helpers.Dataset) -> bool:
    from helpers import weapons

    s = weapons.signals(ds)
    russian = ds.in_focus(s[s["signal"] == weapons.RUSSIAN_WARNING])
    return (russian["date"] == "2024-11-18").sum() == 2


def _disagreements_are_direct(ds: helpers.Dataset) -> bool:
    table = sentiment.disagreements(ds, top=8)
    direct = set(sentiment.speakers_words(ds)["text"])
    return set(table["text"]) <= direct


GUARDS = [
    Guard("notebooks/00_start_here.ipynb", "Most rows fall in the week, 17–23 November 2024, and a few in its "
          "aftermath, 24–26 November",
          lambda ds: ds.span_text() == "17–23 November 2024" and ds.span_text("aftermath") == "24–26 November 2024"
          and len(ds.in_focus(ds.statements)) > len(ds.statements) / 2 and len(ds.in_focus(ds.events)) > len(
              ds.events) / 2 and (ds.phase(ds.statements["date"]) == "aftermath").any()),
    Guard("notebooks/00_start_here.ipynb", "most are newspapers and broadcasters, many of them printing wire copy, "
          "and official records are few",
          lambda ds: (ds.sources["outlet_kind"] == "newspaper_broadcaster").mean() > 0.5
          and ds.sources["mirror_of"].notna().sum() > 0.1 * len(ds.sources)
          and (ds.sources["outlet_kind"] == "official_record").mean() < 0.05),
    Guard("notebooks/01_actor_statements.ipynb", "Thursday 21 November — the day of the strike on Dnipro and Putin's "
          "televised address — stands out",
          lambda ds: pd.Timestamp("2024-11-21").day_name() == "Thursday"
          and ds.in_focus(ds.statements).groupby("date").size().idxmax() == pd.Timestamp("2024-11-21")),
    Guard("notebooks/01_actor_statements.ipynb", "most answers came on the same day as what they answered, or on the "
          "next",
          lambda ds: ((lambda lk: ((lk["date"] - lk["answers_date"]).dt.days <= 1).mean())(charts.response_links(ds))
                      > 0.5)),
    Guard("notebooks/01_actor_statements.ipynb", "English is the largest single one, but more than half were made in "
          "another language — Russian and Ukrainian above all", _languages),
    Guard("notebooks/04_fact_check_the_article.ipynb", "More than half of the week's statements were made in a "
          "language other than English, Russian and Ukrainian above all", _languages),
    Guard("data/README.md", "More than half of the week's statements were made in a language other than English, "
          "Russian and Ukrainian above all", _languages),
    Guard("data/README.md", "most pages are newspapers and broadcasters, many of them printing wire copy",
          lambda ds: (ds.sources["outlet_kind"] == "newspaper_broadcaster").mean() > 0.5
          and ds.sources["mirror_of"].notna().sum() > 0.1 * len(ds.sources)),
    Guard("notebooks/02_weapon_systems_timeline.ipynb", "Within one week, four systems passed a milestone: ATACMS "
          "(authorised, then fired into Russia for the first time), the anti-personnel mines (approved, then "
          "confirmed), Storm Shadow (first reported inside Russia on the 20th) and a new Russian missile, Oreshnik "
          "(first used on the 21st, production ordered on the 22nd)", _milestones_in_week),
    Guard("notebooks/02_weapon_systems_timeline.ipynb", "ATACMS after the reported decision of 17 November, Storm "
          "Shadow three days later", _storm_shadow_three_days_later),
    Guard("notebooks/03_escalation_sentiment.ipynb", "VADER scores text with a list of about 7,500 words rated from "
          "−4 to +4", _vader),
    Guard("notebooks/03_escalation_sentiment.ipynb", "nuclear, missile and escalation are not in it, and launched and "
          "energy are positive", _vader),
    Guard("notebooks/03_escalation_sentiment.ipynb", "Read the texts above — every one a speaker's own words",
          _disagreements_are_direct),
    Guard("notebooks/04_fact_check_the_article.ipynb", "Most claims hold up: the article got the outline of the week "
          "right", lambda ds: (factcheck.hold_back(ds, "c11").claims["verdict"] == "supported").mean() > 0.5),
    Guard("notebooks/04_fact_check_the_article.ipynb", "a \"first\" without saying first of what, a threat reported "
          "wider or milder than it was made, a mood that is the opposite of what the sources describe, a capability "
          "that rests on one side's word",
          lambda ds: ds.claims.set_index("id").loc[["c04", "c10", "c13", "c15", "c09"], "verdict"].tolist()
          == ["imprecise", "imprecise", "imprecise", "unsupported", "contested"]),
    Guard("notebooks/04_fact_check_the_article.ipynb", "19 November 2024 was the 1,000th day of the full-scale "
          "invasion", lambda ds: (pd.Timestamp("2024-11-19") - pd.Timestamp("2022-02-24")).days + 1 == 1000),
    Guard("notebooks/04_fact_check_the_article.ipynb", "Russia's Defence Ministry and a US official speaking to NPR "
          "gave different counts of the missiles fired and shot down", _contested),
    Guard("notebooks/04_fact_check_the_article.ipynb", "the 21 November missile was described in six ways within two "
          "days", _missile_names),
    Guard("data/claims.csv", "it met on 26 November, after the week the article describes",
          lambda ds: ds.period[1] < pd.Timestamp("2024-11-26") <= ds.aftermath[1]),
    Guard("docs/teaching.md", "17 to 23 November is seven days, not six",
          lambda ds: (ds.period[1] - ds.period[0]).days + 1 == 7),
    Guard("docs/teaching.md", "On 21 November two speakers tie for the most direct statements", _tie_on_21st),
    Guard("docs/teaching.md", "Two Russian warnings fall on 18 November and share one tick", _two_warnings_on_18th),
]


@pytest.mark.parametrize("guard", GUARDS, ids=lambda g: ascii_id(f"{Path(g.where).stem[:14]}: {g.sentence[:40]}"))
def test_the_sentence_is_there_and_the_data_supports_it(ds, guard: Guard) -> None:
    assert _plain(guard.sentence) in _read(guard.where), f"{guard.where} no longer says: {guard.sentence!r}"
    assert guard.holds(ds), f"the data no longer supports, in {guard.where}: {guard.sentence!r}"


def test_a_guard_fails_when_the_data_changes(data_copy: Path) -> None:
    """Swap the language of the week's English statements to Russian: the language guards must fail."""
    path = data_copy / "quotes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r",direct,en,", ",direct,ru,", text), encoding="utf-8")
    changed = helpers.load_dataset(data_copy)
    assert not _languages(changed)
