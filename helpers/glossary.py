"""The glossary: every term a notebook uses without explaining it, defined once.

`tools/link_glossary.py` writes the glossary into notebook 00 and links each term where it first appears in
every notebook; `make navigation` runs it, and a test fails when a link or the glossary is out of date.
The spans of the week and its aftermath come from `data/datapackage.json`, like everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .data import Dataset


@dataclass(frozen=True)
class Term:
    anchor: str  # the glossary entry's id: glossary-<anchor>
    term: str  # as the glossary shows it
    definition: str  # Markdown; {week} and {aftermath} are filled in from the data
    pattern: str  # regex for the term in prose (first match is linked)
    case: bool = False  # match case (acronyms)


TERMS: tuple[Term, ...] = (
    # The story's calendar
    Term("week", "the week",
         "{week}: the week of escalation this collection is about, from the US permission for ATACMS strikes "
         "inside Russia to the days after the Oreshnik strike. Every notebook, chart and exercise takes it from "
         "`temporal` in `data/datapackage.json` (`ds.period`).",
         r"\bthe week\b"),
    Term("aftermath", "aftermath",
         "{aftermath}: the days right after the week, when its decisions were answered (for example the "
         "NATO–Ukraine Council of 26 November). `ds.aftermath`; `ds.in_focus(frame, aftermath=True)` keeps the "
         "week and its aftermath.",
         r"\baftermath\b"),
    Term("background", "background",
         "Everything before the week (from 2022): the requests, permissions, deliveries and warnings that make "
         "the week readable.",
         r"\bbackground\b"),
    # What the data holds
    Term("statement", "statement",
         "One thing one speaker said on one day. `ds.statements` has one row per statement; the same statement "
         "can reach English in several renderings.",
         r"\bstatements?\b"),
    Term("rendering", "rendering",
         "One outlet's English wording of a statement. `ds.quotes` has one row per rendering; "
         "`ds.renderings(id)` shows them side by side.",
         r"\brenderings?\b"),
    Term("direct-quote", "direct quote",
         "An outlet's exact English words for what a speaker said (for a statement made in another language, "
         "the outlet's translation). Tone measures use direct quotes only.",
         r"\bdirect quotes?\b"),
    Term("paraphrase", "paraphrase",
         "A statement in our own words, where no outlet printed the speaker's exact words. Paraphrases are "
         "drawn as triangles and left out of every tone measure: they are our wording, not the speaker's.",
         r"\bparaphrases?\b"),
    Term("side", "side",
         "The grouping of a speaker by state and alliance membership, not by stance: Russia and partners "
         "(Russia, Belarus, North Korea), Ukraine, Western partners (the US, EU and NATO members), other.",
         r"\bsides?\b"),
    Term("data-package", "data package",
         "The dataset's format (Frictionless Data Package): CSV tables plus `datapackage.json`, which describes "
         "every column, its type and allowed values. The loader checks every row against it.",
         r"\bdata package\b"),
    Term("data-dictionary", "data dictionary",
         "The list of every table and column with its type, its constraints and what it means, generated from "
         "`datapackage.json` (in notebook 00 and `data/README.md`).",
         r"\bdata dictionary\b"),
    # Weapons
    Term("atacms", "ATACMS",
         "Army Tactical Missile System: a US ballistic missile fired from HIMARS and similar launchers, with a "
         "range of up to about 300 km.",
         r"\bATACMS\b", case=True),
    Term("storm-shadow", "Storm Shadow",
         "A British–French air-launched cruise missile (SCALP-EG in France), with a range of about 250 km as "
         "exported.",
         r"\bStorm Shadow\b", case=True),
    Term("himars", "HIMARS",
         "High Mobility Artillery Rocket System: a US truck-mounted launcher for GMLRS rockets (about 80 km) and "
         "ATACMS missiles.",
         r"\bHIMARS\b", case=True),
    Term("oreshnik", "Oreshnik",
         "The Russian intermediate-range ballistic missile first fired at Dnipro on 21 November 2024; the name is "
         "Putin's. What it can do is claimed by Russia and assessed by others (notebook 02).",
         r"\bOreshnik\b", case=True),
    Term("icbm", "ICBM, IRBM",
         "Intercontinental ballistic missile (range over 5,500 km) and intermediate-range ballistic missile "
         "(about 3,000–5,500 km).",
         r"\b(?:ICBMs?|intercontinental ballistic missiles?|IRBMs?|intermediate-range ballistic missiles?)\b"),
    Term("hypersonic", "hypersonic",
         "Faster than five times the speed of sound (Mach 5). Weapons analysts usually mean a missile that also "
         "manoeuvres at that speed; ballistic warheads of this range fall that fast anyway.",
         r"\bhypersonic\b"),
    Term("mach", "Mach",
         "Speed as a multiple of the speed of sound (about 1,200 km/h near the ground): Mach 10 is ten times it.",
         r"\bMach\b", case=True),
    Term("red-line", "red line",
         "A limit a government says must not be crossed, with a warning of what would follow.",
         r"\bred lines?\b"),
    Term("recognised-territory", "internationally recognised territory",
         "Russia within the borders most states recognise: without occupied Ukrainian land and Crimea.",
         r"\binternationally recognised territory\b"),
    # Measures
    Term("cameo", "CAMEO",
         "Conflict and Mediation Event Observations: a scheme of about 300 codes for the type of action a news "
         "event reports, from 01 *make public statement* to 19 *fight* and 20 *mass violence*.",
         r"\bCAMEO\b", case=True),
    Term("gdelt", "GDELT",
         "The Global Database of Events, Language and Tone: it codes news reports from around the world into "
         "CAMEO events, each with a Goldstein value. Its tables are where our Goldstein values come from.",
         r"\bGDELT\b", case=True),
    Term("goldstein", "Goldstein value",
         "A score from −10 (most conflictual, e.g. *fight*) to +10 (most cooperative) given to each CAMEO type "
         "of action, after Joshua Goldstein's 1992 scale. It depends on the type of action only: a large strike "
         "and a small one get the same value.",
         r"\bGoldstein\b", case=True),
    Term("vader", "VADER",
         "Valence Aware Dictionary and sEntiment Reasoner: a list of about 7,500 English words rated from −4 "
         "(most negative) to +4, with rules for negation, capitals, *but* and words such as *very*. It was made "
         "for social-media posts.",
         r"\bVADER\b", case=True),
    Term("lexicon", "lexicon",
         "A word list with a rating for each word. Our domain lexicon adds a few war words VADER lacks, each with "
         "a reason (`helpers/lexicon/domain_lexicon.csv`).",
         r"\blexicon\b"),
    Term("compound-score", "compound score",
         "VADER's one-number summary of a text's tone: the ratings of its words, adjusted by the rules, added up "
         "and squeezed into −1 … +1. From 0.05 up counts as positive, from −0.05 down as negative, in between "
         "as neutral.",
         r"\bcompound\b"),
    Term("bootstrap", "bootstrap interval",
         "A range for a day's mean found by resampling: draw that day's events again at random (the same event "
         "may come twice), take the mean, repeat 1,000 times, and keep the middle 90% of those means. Wide when "
         "a day has few events; a day with one event has no spread at all.",
         r"\bbootstrap\b"),
    Term("rolling-mean", "count-weighted rolling mean",
         "A mean over a window of days (here two): all events of the window added up and divided by their "
         "number, so a busy day weighs more than a quiet one.",
         r"\brolling mean\b"),
    Term("box-plot", "box plot",
         "A chart of how values spread: the box runs from the first to the third quartile (the middle half of "
         "the values), the line inside is the median, and the whiskers reach the lowest and the highest value. "
         "(Many box plots stop the whiskers at 1.5 box lengths and draw values beyond as points; these do not.)",
         r"\bbox plots?\b"),
    # The fact check
    Term("verdict", "verdict",
         "One of four judgements of a claim against the evidence: *supported*, *imprecise* (the core is right, a "
         "date, scope or word is off), *contested* (credible sources disagree) or *unsupported*.",
         r"\bverdicts?\b"),
    Term("contested-fact", "contested fact",
         "A fact the sources disagree on and the public record cannot settle. The data keeps every version with "
         "who gave it and when (`contested.csv`).",
         r"\bcontested facts?\b"),
    # Working in a notebook
    Term("kernel", "kernel",
         "The Python process behind a notebook that runs its cells. Saved charts show without one; explorers "
         "and exercises need it.",
         r"\bkernel\b"),
    Term("explorer", "explorer",
         "An interactive widget (drop-downs, sliders, a search box) that filters the data and redraws a chart. It "
         "needs a running kernel.",
         r"\bexplorers?\b"),
    Term("dataframe", "DataFrame",
         "pandas' table: rows and named columns. `ds.statements` is one.",
         r"\bDataFrames?\b", case=True),
    Term("series", "Series",
         "One column of a DataFrame (or any labelled list of values): `ds.statements[\"speaker\"]` is one. Its "
         "labels are its index.",
         r"\bSeries\b", case=True),
)

NOTEBOOK = "00_start_here.ipynb"
CELL_MARK = "<!-- glossary: generated by tools/link_glossary.py from helpers/glossary.py; do not edit -->"


def anchor(term: Term) -> str:
    return f"glossary-{term.anchor}"


def glossary_markdown(ds: Dataset) -> str:
    """The glossary cell of notebook 00: every term with an anchor a link can point at."""
    spans = {"week": ds.span_text(), "aftermath": ds.span_text("aftermath") if ds.aftermath else ""}
    lines = [CELL_MARK, "## Glossary", "",
             "Words the notebooks use without stopping to explain them. Each notebook links a term to its entry "
             "here where the term first appears (if this notebook opens at its top, click the link again).", ""]
    for t in sorted(TERMS, key=lambda t: t.term.casefold().removeprefix("the ")):
        # With no aftermath declared, its entry opens on the definition instead of an empty span.
        text = t.definition.format(**spans).removeprefix(": ")
        lines.append(f'- <a id="{anchor(t)}"></a>**{t.term}** — {text}')
    return "\n".join(lines)


def compiled(term: Term) -> re.Pattern[str]:
    return re.compile(term.pattern, 0 if term.case else re.IGNORECASE)
