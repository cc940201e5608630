"""Scraped "People also ask" blocks: questions on the page's subject and answers pasted from facts,
mixed with namesake drift, pairs about a different entity that merely shares the subject's name."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from .grammar import fake_city, fake_name
from .spec import QA, Field, Section
from .vocabulary import Slot, articled, capitalise, fill, vocabulary

ON_SUBJECT = "scraped_faq"
DRIFT = "off_topic"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Facts:
    """What an on-subject answer may say about the subject.

    ``known_for`` are sentences about the subject (an article's sentences that name it); the other
    facts are made up when not given, as a content farm's are.
    """

    subject: str
    known_for: tuple[str, ...] = ()
    place: str | None = None
    age: int | None = None
    year: int = 2024
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_article(cls, subject: str, paragraphs: list[str], year: int = 2024) -> Facts:
        """Facts whose ``known_for`` are the sentences of ``paragraphs`` that name the subject."""
        words = [w for w in subject.split() if len(w) > 2]
        about = [s for s in sentences(paragraphs) if any(w in s for w in words) and 40 <= len(s) <= 260]
        return cls(subject=subject, known_for=tuple(about[:12]), year=year)


def sentences(paragraphs: list[str]) -> list[str]:
    """The sentences of ``paragraphs``, in order."""
    return [s.strip() for p in paragraphs for s in _SENTENCE.split(p)]


def entity_kinds() -> list[str]:
    """The kinds of namesake the vocabulary describes (company, place, fictional character ...)."""
    return [entry["kind"] for entry in vocabulary()["faq"]["namesakes"]]


def _name_parts(subject: str) -> dict[str, str]:
    words = subject.split()
    return {"full": subject, "first": words[0], "last": words[-1].removesuffix("'s")}


def on_subject_topics(facts: Facts) -> list[int]:
    """The on-subject question topics (age, fame, home ...) ``facts`` can answer, by index."""
    entries = vocabulary()["faq"]["on_subject"]
    # without sentences about the subject, only the made-up facts can answer
    return [i for i, e in enumerate(entries) if facts.known_for or "{known_for}" not in " ".join(e["a"])]


def on_subject_pair(rng: random.Random, facts: Facts, topic: int | None = None) -> QA:
    """A question about the subject on ``topic`` (default: any) and an answer built from ``facts``
    (``scraped_faq``)."""
    entries = vocabulary()["faq"]["on_subject"]
    entry = entries[topic if topic is not None else rng.choice(on_subject_topics(facts))]
    age = facts.age or rng.randint(19, 68)
    slots: dict[str, Slot] = {
        "subject": facts.subject,
        "known_for": list(facts.known_for) or [""],
        "place": facts.place or fake_city,
        "age": str(age),
        "year": str(facts.year),
        "birth_year": str(facts.year - age),
        "money": lambda r: str(r.choice([1, 2, 3, 5, 8, 12, 20, 45])),
        "height": lambda r: r.choice(
            [f"{r.randint(152, 201)} cm", f"5 ft {r.randint(1, 11)} in", f"6 ft {r.randint(0, 5)} in"]
        ),
        "nationality": [
            "British",
            "American",
            "Irish",
            "Canadian",
            "Australian",
            "Dutch",
            "German",
            "French",
        ],
        "start_year": lambda r: str(facts.year - r.randint(2, 25)),
        "followers": lambda r: r.choice(
            [f"{r.randint(2, 900)}K", f"{r.randint(1, 9)}.{r.randint(1, 9)} million"]
        ),
        **facts.extra,
    }
    return QA(fill(rng.choice(entry["q"]), slots, rng), fill(rng.choice(entry["a"]), slots, rng), ON_SUBJECT)


def namesake_pair(rng: random.Random, subject: str, kind: str | None = None) -> QA:
    """A pair about an entity of ``kind`` that shares ``subject``'s name (``off_topic``).

    The question is about the namesake, or asks about the subject in its own words while the
    answer is about the namesake: both are how drift looks in scraped blocks.
    """
    entry = _namesake_entry(rng, kind)
    slots = _namesake_slots(rng, subject, entry)
    question = fill(rng.choice(entry["q"]), slots, rng)
    return QA(question, articled(fill(rng.choice(entry["a"]), slots, rng)), DRIFT)


def namesake_aside(rng: random.Random, subject: str, kind: str | None = None) -> list[str]:
    """A digression about a namesake of ``subject`` (``off_topic``): a lead-in line ("A quick detour:
    ...", "Fun fact", "Did you know?") and one to three sentences about the namesake, or the sentences
    alone, the first opened by an aside ("Not to be confused with ..."). Content farms slip such fun
    facts into the article body, a sidebar or a comment, not only into FAQ blocks."""
    entry = _namesake_entry(rng, kind)
    slots = _namesake_slots(rng, subject, entry)
    words = vocabulary()["faq"]
    answers = list(entry["a"])
    rng.shuffle(answers)
    sentences = [capitalise(articled(fill(a, slots, rng))) for a in answers[: rng.randint(1, 3)]]
    slots = {**slots, "kind": _kind_words(entry)}
    if rng.random() < 0.5:
        return [capitalise(fill(rng.choice(words["aside_leads"]), slots, rng)), *sentences]
    opener = fill(rng.choice(words["aside_openers"]), slots, rng)
    return [opener + sentences[0], *sentences[1:]]


def namesake_card(rng: random.Random, subject: str, kind: str | None = None) -> Section:
    """A fact card or infobox about a namesake of ``subject`` (``off_topic``): a heading that names the
    namesake and three to six ``Field: value`` lines ("Instrument: trumpet", "Habitat: coastal wetlands").
    Its lines look like a profile card's; only what they are about sets them apart."""
    entry = _namesake_entry(rng, kind)
    slots = {**_namesake_slots(rng, subject, entry), "kind": _kind_words(entry)}
    templates = list(entry["card"])
    rng.shuffle(templates)
    fields = []
    for template in templates[: rng.randint(3, 6)]:
        name, _, value = fill(template, slots, rng).partition(": ")
        fields.append(Field(name, value, label=DRIFT))
    heading = fill(rng.choice(vocabulary()["faq"]["namesake_headings"]), slots, rng)
    return Section(kind="card", items=tuple(fields), heading=capitalise(heading), heading_label=DRIFT)


def namesake_block(rng: random.Random, subject: str, kind: str | None = None) -> Section:
    """A Q/A block about one namesake alone, its heading naming the namesake ("Saltmere in fiction"):
    every line ``off_topic``, however FAQ-shaped."""
    entry = _namesake_entry(rng, kind)
    slots = {**_namesake_slots(rng, subject, entry), "kind": _kind_words(entry)}
    questions, answers = list(entry["q"]), list(entry["a"])
    rng.shuffle(questions)
    rng.shuffle(answers)
    items = tuple(
        QA(fill(q, slots, rng), capitalise(articled(fill(a, slots, rng))), DRIFT)
        for q, a in zip(questions[: rng.randint(2, 4)], answers)
    )
    heading = fill(rng.choice(vocabulary()["faq"]["namesake_headings"]), slots, rng)
    return Section(kind="faq", items=items, heading=capitalise(heading), heading_label=DRIFT)


def _kind_words(entry: dict) -> str:
    return entry["kind"].replace("_", " ").replace("person namesake", "person")


def _namesake_entry(rng: random.Random, kind: str | None) -> dict:
    entries = vocabulary()["faq"]["namesakes"]
    return next(e for e in entries if e["kind"] == kind) if kind else rng.choice(entries)


def _namesake_slots(rng: random.Random, subject: str, entry: dict) -> dict[str, Slot]:
    """One draw of every slot of a namesake ``entry``, so that all that is said of it agrees."""
    parts = _name_parts(subject)
    year_old = str(rng.randint(1961, 2019))
    name = fill(rng.choice(entry["name"]), {**parts, "year_old": year_old}, rng)
    # one draw per slot for the pair, so that question and answer speak of the same series, gadget ...
    drawn = {
        key: rng.choice(value)
        for key, value in entry.items()
        if isinstance(value, list) and key not in ("q", "a", "name", "card")
    }
    slots: dict[str, Slot] = {
        **drawn,
        "subject": subject,
        "name": name,
        "name_cap": capitalise(name),
        "person": fake_name(rng),
        "city": fake_city(rng),
        "year_old": year_old,
        "staff": lambda r: str(r.choice([40, 120, 300, 850, 2400])),
        "price": lambda r: str(r.choice([49, 89, 129, 249, 499])),
        "colours": lambda r: str(r.randint(2, 6)),
        "hours": lambda r: str(r.randint(4, 40)),
        "pop": lambda r: f"{r.randint(2, 80)},{r.randint(100, 999)}",
        "season": lambda r: str(r.randint(1, 6)),
        "age2": lambda r: str(r.randint(23, 81)),
        "job": ["plumber", "dentist", "retired teacher", "estate agent", "firefighter", "accountant"],
    }
    return slots


def faq_section(
    rng: random.Random,
    facts: Facts,
    pairs: int | None = None,
    drift: float | None = None,
    kinds: list[str] | None = None,
) -> Section:
    """A scraped FAQ block: ``pairs`` Q/A pairs, a share ``drift`` of them about namesakes.

    The heading is labelled ``scraped_faq``, as the block's own furniture.
    """
    pairs = pairs if pairs is not None else rng.randint(3, 8)
    drift = drift if drift is not None else rng.choice([0.0, 0.25, 0.5, 0.75])
    kinds = kinds or [rng.choice(entity_kinds())]  # a block drifts to one or two namesakes, not to all
    if rng.random() < 0.3:
        kinds.append(rng.choice(entity_kinds()))
    # one age per block and each topic once, so that the block does not contradict itself
    facts = replace(facts, age=facts.age or rng.randint(19, 68))
    topics = on_subject_topics(facts)
    rng.shuffle(topics)
    items: list[QA] = []
    seen: set[str] = set()
    for _ in range(pairs * 4):  # drawn until distinct: a block never repeats a question
        if len(items) == pairs:
            break
        if topics and rng.random() >= drift:
            pair = on_subject_pair(rng, facts, topics.pop())
        elif drift > 0:
            pair = namesake_pair(rng, facts.subject, rng.choice(kinds))
        else:  # every topic asked, and no drift wanted: a shorter block
            break
        if pair.question not in seen and pair.answer not in {i.answer for i in items}:
            seen.add(pair.question)
            items.append(pair)
    heading = fill(rng.choice(vocabulary()["faq"]["headings"]), {"subject": facts.subject}, rng)
    return Section(kind="faq", items=tuple(items), heading=heading, heading_label=ON_SUBJECT)
