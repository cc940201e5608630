"""Whole synthetic pages: an article of the labelled corpus padded with generated spam sections."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ...signals._names import content_words
from .bios import author_bio, credential_card, engagement_block
from .clean import data_table, editorial_faq, fact_card, interview, named_denial, roster, staff_card
from .comments import comment_thread
from .faq import Facts, faq_section, namesake_aside, namesake_block, namesake_card, sentences
from .grammar import call_to_action, furniture, named_source_lines, rumour_box, rumour_lines
from .spec import Item, Line, PageSpec, Row, Section
from .vocabulary import Slot, capitalise, fill, vocabulary

if TYPE_CHECKING:
    from ..corpus import LabelledPage

#: The share of synthetic pages that are clean: their FAQ, author card and hedged claims are honest twins
#: of the spam, in the same markup (:mod:`.clean`).
CLEAN_SHARE = 0.35

#: The share of pages, farm or clean, with a thread of reader comments after the article.
COMMENTS_SHARE = 0.35

#: The share of pages, farm or clean, whose article holds a data table (standings, results, figures).
TABLE_SHARE = 0.25
#: Of those, the share that are rosters ("Name: charges, bail" lines of a police log, award winners).
ROSTER_SHARE = 0.4

#: The share of farm pages whose article drifts to a namesake of its subject for a passage.
NAMESAKE_ASIDE_SHARE = 0.3

#: The share of pages, farm or clean, whose article holds a data table (standings, results, figures).
TABLE_SHARE = 0.25
#: Of those, the share that are rosters ("Name: charges, bail" lines of a police log, award winners).
ROSTER_SHARE = 0.4

#: The share of farm pages whose article drifts, for a few paragraphs, into another corpus article about
#: something else, its name swapped for the subject's: namesake drift in real prose, not in templates.
BORROWED_DRIFT_SHARE = 0.5

#: Most of the content words a borrowed paragraph may share with the article it is slipped into: a donor
#: on the same topic would be no drift at all.
BORROWED_OVERLAP = 0.08

#: The share of farm pages with a section about a namesake alone: a fact card or a Q/A block.
NAMESAKE_SECTION_SHARE = 0.25

#: The share of clean pages with an "at a glance" card of the article's own sentences.
FACT_CARD_SHARE = 0.2

#: The share of pages, farm or clean, whose article is a listicle: its paragraphs numbered "1.", "2." ...
LISTICLE_SHARE = 0.1

# Capitalised words that open titles and sentences without naming anything.
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "The",
        "How",
        "Why",
        "What",
        "When",
        "Where",
        "Who",
        "Is",
        "Are",
        "Was",
        "Were",
        "Do",
        "Does",
        "Did",
        "I",
        "We",
        "You",
        "He",
        "She",
        "It",
        "They",
        "My",
        "Our",
        "Your",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "And",
        "Or",
        "But",
        "In",
        "On",
        "At",
        "Of",
        "For",
        "To",
        "From",
        "With",
        "By",
        "After",
        "Before",
        "Review",
        "Update",
        "Latest",
        "News",
        "Live",
        "Watch",
        "Exclusive",
        "Inside",
        "Meet",
    ]
    # the attributes SEO titles list after a name ("Lena Falk Age, Height, Net Worth")
    + [
        "Age",
        "Height",
        "Husband",
        "Wife",
        "Net",
        "Worth",
        "Transfer",
        "Layoffs",
        "Share",
        "Price",
        "Stock",
        "Release",
        "Date",
        "Cast",
        "Salary",
        "Girlfriend",
        "Boyfriend",
        "Stats",
        "Bio",
        "Biography",
        "Career",
        "Titles",
        "Facts",
        "Classic",
        "Scientists",
        "Olympian",
        "Mayor",
    ]
)
# starts only where a word starts and never gives a word back: linear on any text
_CAPITALISED_RUN = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*+\s++){1,3}[A-Z][\w'’-]*+")


def subject_of(title: str, paragraphs: Sequence[str] = ()) -> str:
    """The name a page is about: the first run of two to four capitalised words of its title that
    is not made of title words, else the commonest such run of its paragraphs, else the title."""

    def names(text: str) -> list[str]:
        found = []
        for match in _CAPITALISED_RUN.finditer(text):
            words = match[0].split()
            while words and words[0] in _NOT_NAMES:
                words.pop(0)
            while words and words[-1] in _NOT_NAMES:
                words.pop()
            if len(words) >= 2:
                found.append(" ".join(words).rstrip(".:"))
        return found

    in_title = names(title)
    if in_title:
        return in_title[0]
    counted = Counter(name for p in paragraphs for name in names(p))
    return counted.most_common(1)[0][0] if counted else title


def article_of(labelled: LabelledPage) -> tuple[str, list[Line]]:
    """A corpus page's title and its ``credible`` paragraphs (headings kept as headings)."""
    page = labelled.page
    lines = [
        Line(block.text, "credible", heading=block.kind == "heading")
        for block in page.blocks
        if labelled.labels.get(block.index, ("", True))[0] == "credible" and block.text != page.title
    ]
    return page.title or (
        lines[0].text if lines else ""
    ), lines  # a page without either is left out by page_specs


def _top_furniture(rng: random.Random, subject: str, outlet: str) -> list[Section]:
    """A page's header lines and navigation links, each present or not."""
    sections: list[Section] = []
    if rng.random() < 0.8:
        sections.append(
            Section(
                "header",
                tuple(Line(furniture(rng, subject, outlet), "boilerplate") for _ in range(rng.randint(1, 2))),
            )
        )
    if rng.random() < 0.6:
        links = rng.sample(vocabulary()["boilerplate"]["nav"], rng.randint(4, 8))
        sections.append(Section("nav", tuple(Line(link, "boilerplate") for link in links)))
    return sections


def _add_footer(rng: random.Random, sections: list[Section], subject: str, outlet: str) -> None:
    """A page's footer lines, most of the time."""
    if rng.random() < 0.85:
        lines = dict.fromkeys(furniture(rng, subject, outlet) for _ in range(rng.randint(1, 3)))
        sections.append(Section("footer", tuple(Line(text, "boilerplate") for text in lines)))


def _place(rng: random.Random, sections: list[Section], extras: list[Section]) -> None:
    """Add ``extras`` to a page's ``sections`` in a random order, most after the article and some before it
    (a template whose sidebar comes first in the markup): where a section sits is no clue to what it is."""
    rng.shuffle(extras)
    article = next(i for i, section in enumerate(sections) if section.kind == "article")
    for extra in extras:
        if rng.random() < 0.25:
            sections.insert(article, extra)
            article += 1
        else:
            sections.append(extra)


def _asides(rng: random.Random, subject: str) -> list[Line]:
    """Now and then, the writer's asides to the reader ("Sound familiar?"), credible prose."""
    if rng.random() >= 0.35:
        return []
    asides = vocabulary()["clean"]["asides"]
    chosen = rng.sample(asides, rng.randint(1, 3))
    return [Line(fill(text, {"subject": subject}, rng), "credible") for text in chosen]


def _table(rng: random.Random) -> list[Line | Row]:
    """Now and then, a data table or a roster of the article's own: credible rows of names and numbers, or
    "Name: what the story says of them" lines."""
    if rng.random() >= TABLE_SHARE:
        return []
    return list(roster(rng)) if rng.random() < ROSTER_SHARE else data_table(rng)


def _guide(rng: random.Random) -> list[Line]:
    """Now and then, a how-to passage in the writer's own voice (steps, "you", questions the writer answers):
    credible prose, one line after another, that a reader of advice columns and business blogs meets."""
    if rng.random() >= 0.4:
        return []
    words = vocabulary()["clean"]["guide"]
    slots: dict[str, Slot] = {k: v for k, v in words.items() if k not in ("lines", "lead_ins", "items")}
    slots["n"] = lambda r: str(r.randint(1, 5))
    slots["Do"] = lambda r: capitalise(r.choice(words["do"]))
    slots["Doing"] = lambda r: capitalise(r.choice(words["doing"]))
    chosen = rng.sample(words["lines"], rng.randint(3, 6))
    lines = [Line(capitalise(fill(text, slots, rng)), "credible") for text in chosen]
    if rng.random() < 0.5:
        # a list of short steps in the article, led in by a line ending in a colon: article text,
        # however much its items look like a menu's
        items = dict.fromkeys(
            capitalise(fill(rng.choice(words["items"]), slots, rng)) for _ in range(rng.randint(3, 7))
        )
        lead = Line(capitalise(fill(rng.choice(words["lead_ins"]), slots, rng)), "credible")
        at = rng.randint(0, len(lines))
        lines[at:at] = [lead, *(Line(item, "credible", listed=True) for item in items)]
    return lines


def _namesake_digression(rng: random.Random, subject: str) -> list[Line]:
    """Now and then, a passage of the article that drifts to a namesake of the subject ("A quick detour:
    the Plexity Gambit", then what the chess opening is): ``off_topic``, one paragraph after another."""
    if rng.random() >= NAMESAKE_ASIDE_SHARE:
        return []
    lines = namesake_aside(rng, subject)
    lead_is_heading = len(lines) > 1 and not lines[0].endswith((".", "!", "?")) and rng.random() < 0.6
    return [Line(text, "off_topic", heading=lead_is_heading and i == 0) for i, text in enumerate(lines)]


def _numbered(rng: random.Random, body: list[Item]) -> list[Item]:
    """Now and then, the article as a listicle: its credible paragraphs after the first numbered in order
    ("4. Penn spoke about ...", bylines and short lines left be), article text however much a number makes them look like a list's items."""
    if rng.random() >= LISTICLE_SHARE:
        return body
    style = rng.choice(["{n}. ", "{n}) ", "#{n} ", "{n} – ", "{n}: "])
    numbered: list[Item] = []
    n = 0
    for i, item in enumerate(body):
        if i and isinstance(item, Line) and item.label == "credible" and len(item.text) >= 60 and n < 12:
            n += 1
            item = replace(item, text=style.format(n=n) + item.text)
        numbered.append(item)
    return numbered


def _borrowed_drift(
    rng: random.Random, subject: str, article: list[Line], donors: Sequence[tuple[str, list[Line]]]
) -> list[Line]:
    """Now and then, one to three paragraphs of another corpus article, on another topic, whose name is
    swapped for the subject's (``off_topic``): what a farm's namesake drift is, a passage about a different
    entity that merely shares the name, in prose the generator's templates do not write."""
    if not donors or rng.random() >= BORROWED_DRIFT_SHARE:
        return []
    own = {w for line in article for w in content_words(line.text)}
    last = subject.split()[-1]
    for _ in range(12):  # a donor on another topic, whose name can be swapped for the subject's
        title, lines = donors[rng.randrange(len(donors))]
        paragraphs = [line.text for line in lines if not line.heading and len(line.text) >= 60]
        if not paragraphs:
            continue
        start = rng.randrange(len(paragraphs))
        chosen = paragraphs[start : start + rng.randint(1, 3)]
        words = {w for text in chosen for w in content_words(text)}
        swapped = [_swap_name(text, subject_of(title, paragraphs), subject) for text in chosen]
        if len(words & own) <= BORROWED_OVERLAP * len(words) and any(last in text for text in swapped):
            drift = [Line(text, "off_topic") for text in swapped]
            if rng.random() < 0.5:  # under its own sub-heading, as a farm's "The other X" section
                template = rng.choice(
                    [t for t in vocabulary()["faq"]["namesake_headings"] if "{kind}" not in t]
                )
                heading = template.replace("{name_cap}", subject).replace("{name}", subject)
                drift.insert(0, Line(heading, "off_topic", heading=True))
            return drift
    return []


def _swap_name(text: str, old: str, new: str) -> str:
    """``text`` with the name ``old`` (or its last word) written as ``new`` (or its last word)."""
    text = text.replace(old, new)
    old_last, new_last = old.split()[-1], new.split()[-1]
    return re.sub(rf"\b{re.escape(old_last)}\b", new_last, text) if len(old_last) > 3 else text


def _insert(rng: random.Random, body: list[Item], lines: list[Line], run: Sequence[Item]) -> None:
    """Slip ``lines`` one by one into ``body`` (after its first item) and ``run`` there as one passage."""
    for line in lines:
        body.insert(rng.randint(min(1, len(body)), len(body)), line)
    if run:
        at = rng.randint(min(1, len(body)), len(body))
        body[at:at] = run


def page_spec(
    rng: random.Random,
    title: str,
    article: list[Line],
    name: str,
    donors: Sequence[tuple[str, list[Line]]] = (),
) -> PageSpec:
    """A page: the article with rumours and named-source claims slipped in, a scraped FAQ, a
    fabricated bio, calls to action, reader comments and furniture, each present or not, in varied places;
    ``donors`` (other articles, as titles and lines) lend passages for namesake drift."""
    paragraphs = [line.text for line in article if not line.heading]
    subject = subject_of(title, paragraphs)
    outlet = rng.choice(vocabulary()["boilerplate"]["outlets"])
    body: list[Item] = list(article)
    inserted = (
        rumour_lines(rng, subject, rng.choice([0, 1, 2, 3]))
        + named_source_lines(rng, subject, rng.choice([0, 1, 2]))
        + _asides(rng, subject)
    )
    _insert(rng, body, inserted, _guide(rng))
    _insert(rng, body, [], _table(rng))
    _insert(rng, body, [], _namesake_digression(rng, subject))
    _insert(rng, body, [], _borrowed_drift(rng, subject, article, donors))
    body = _numbered(rng, body)
    sections = _top_furniture(rng, subject, outlet)
    sections.append(Section("article", tuple(body), heading=title, heading_label="credible"))
    extras: list[Section] = []
    if rng.random() < 0.85:
        facts = Facts.from_article(subject, paragraphs)
        extras.append(faq_section(rng, facts))
    if rng.random() < 0.7:
        kind = rng.random()
        extras.append(
            author_bio(rng) if kind < 0.6 else credential_card(rng) if kind < 0.85 else engagement_block(rng)
        )
    if rng.random() < 0.3:
        extras.append(rumour_box(rng, subject))
    if rng.random() < NAMESAKE_SECTION_SHARE:
        extras.append((namesake_card if rng.random() < 0.6 else namesake_block)(rng, subject))
    if rng.random() < 0.7:
        lines = dict.fromkeys(call_to_action(rng, outlet) for _ in range(rng.randint(1, 3)))
        extras.append(Section("promo", tuple(Line(text, "promotional") for text in lines)))
    _place(rng, sections, extras)
    if rng.random() < COMMENTS_SHARE:
        sections.append(comment_thread(rng, subject, farm=True))
    _add_footer(rng, sections, subject, outlet)
    return PageSpec(name=name, title=title, subject=subject, sections=tuple(sections))


def clean_page_spec(
    rng: random.Random,
    title: str,
    article: list[Line],
    name: str,
    donors: Sequence[tuple[str, list[Line]]] = (),
) -> PageSpec:
    """A clean page: the article with claims its sources vouch for and maybe a named denial, a newsroom Q&A
    whose answers are the article's own paragraphs, a reporter's card, at most one newsletter line and
    furniture, each present or not."""
    paragraphs = [line.text for line in article if not line.heading]
    subject = subject_of(title, paragraphs)
    outlet = rng.choice(vocabulary()["boilerplate"]["outlets"])
    body: list[Item] = list(article)
    movable = [i for i, line in enumerate(body) if i >= 2 and isinstance(line, Line) and not line.heading]
    answers: list[str] = []
    if len(movable) >= 2 and rng.random() < 0.65:
        taken = sorted(rng.sample(movable, min(len(movable), rng.randint(2, 4))))
        answers = [body[i].text for i in taken]  # type: ignore[union-attr]
        moved = set(taken)
        body = [line for i, line in enumerate(body) if i not in moved]
    inserted = named_source_lines(rng, subject, rng.choice([0, 1, 2, 3])) + _asides(rng, subject)
    if rng.random() < 0.4:
        inserted.append(Line(named_denial(rng, subject), "credible"))
    _insert(rng, body, inserted, _guide(rng))
    _insert(rng, body, [], _table(rng))
    body = _numbered(rng, body)
    sections = _top_furniture(rng, subject, outlet)
    sections.append(Section("article", tuple(body), heading=title, heading_label="credible"))
    extras: list[Section] = []
    if answers:
        extras.append(editorial_faq(rng, subject, answers))
    if rng.random() < 0.25:
        extras.append(interview(rng, subject))
    if rng.random() < 0.6:
        extras.append(staff_card(rng, outlet))
    facts = [s for s in sentences(paragraphs) if 30 <= len(s) <= 200]
    if len(facts) >= 3 and rng.random() < FACT_CARD_SHARE:
        extras.append(fact_card(rng, rng.sample(facts, rng.randint(3, min(5, len(facts))))))
    if rng.random() < 0.5:
        extras.append(Section("promo", (Line(call_to_action(rng, outlet), "promotional"),)))
    _place(rng, sections, extras)
    if rng.random() < COMMENTS_SHARE:
        sections.append(comment_thread(rng, subject, farm=False))
    _add_footer(rng, sections, subject, outlet)
    return PageSpec(name=name, title=title, subject=subject, sections=tuple(sections))


def page_specs(corpus_pages: Sequence[LabelledPage], n: int, seed: int) -> list[PageSpec]:
    """``n`` page specs, each the article of a corpus page (cycled in a shuffled order) with spam, or, for a
    share :data:`CLEAN_SHARE` of them, with the honest twins of spam."""
    rng = random.Random(seed)
    articles = [(str(p.path), *article_of(p)) for p in corpus_pages]
    articles = [article for article in articles if sum(not line.heading for line in article[2]) >= 2]
    if not articles:
        raise ValueError("no corpus page has two credible paragraphs to serve as an article")
    order = list(range(len(articles)))
    rng.shuffle(order)
    specs = []
    for i in range(n):
        source, title, lines = articles[order[i % len(order)]]
        make = clean_page_spec if rng.random() < CLEAN_SHARE else page_spec
        donors = [(t, ls) for s, t, ls in articles if s != source]
        spec = make(random.Random(rng.getrandbits(64)), title, lines, f"synth_{seed}_{i:05d}", donors)
        specs.append(replace(spec, source=source))
    return specs
