"""The look-alikes of spam that clean pages carry: a newsroom's own FAQ, a real staff card, a named denial.

A farm's FAQ block, author card and rumour have honest twins on honest pages. Trained only on farm
pages, a model learns that an accordion of questions is a scraped FAQ and a person card a fabricated
bio, whatever they say; these twins sit in the same markup and carry the ``credible`` label, so that
what decides is what the section says (answers taken from the article, a job and a beat instead of a
birthday, a phone number and hobbies), not the container.
"""

from __future__ import annotations

import random

from .grammar import fake_city, fake_name, named_source_claim
from .spec import QA, Field, Line, Row, Section
from .vocabulary import Slot, capitalise, fill, vocabulary

LABEL = "credible"


def editorial_faq(rng: random.Random, subject: str, answers: list[str]) -> Section:
    """A newsroom's Q&A on the story: editorial questions, each answered by one of the article's own
    paragraphs (``answers``, in order)."""
    words = vocabulary()["clean"]
    questions = rng.sample(words["questions"], len(answers))
    items = tuple(
        QA(capitalise(fill(question, {"subject": subject}, rng)), answer, LABEL)
        for question, answer in zip(questions, answers)
    )
    return Section("faq", items, heading=rng.choice(words["faq_headings"]), heading_label=LABEL)


def staff_card(rng: random.Random, outlet: str) -> Section:
    """A real reporter's card: name, job title and a sentence or two about the beat, no personal data."""
    words = vocabulary()["clean"]
    name = fake_name(rng)
    first = name.split()[0]
    beats = rng.sample(words["beats"], 2)
    slots: dict[str, Slot] = {
        "first": first,
        "outlet": outlet,
        "other_outlet": lambda r: r.choice(words["other_outlets"]),
        "beat": beats[0],
        "beat2": beats[1],
        "year": lambda r: str(r.randint(2004, 2023)),
        "n": lambda r: str(r.randint(3, 20)),
        "pronoun": ["she", "he", "they"],
    }
    sentences = [fill(t, slots, rng) for t in rng.sample(words["staff_bios"], rng.randint(1, 2))]
    items: list[Line] = [Line(name, LABEL), Line(rng.choice(words["staff_titles"]), LABEL)]
    if rng.random() < 0.5:
        items.append(Line(" ".join(sentences), LABEL))
    else:
        items.extend(Line(s, LABEL) for s in sentences)
    heading = rng.choice(words["staff_headings"]) if rng.random() < 0.6 else None
    return Section("author_bio", tuple(items), heading=heading, heading_label=LABEL)


def named_denial(rng: random.Random, subject: str) -> str:
    """A rumour named and denied by a named person or organisation: credible, though it repeats the rumour."""
    words = vocabulary()["clean"]
    _, name = named_source_claim(rng, subject)
    claim = fill(rng.choice(words["denied_claims"]), {"subject": subject}, rng)
    slots: dict[str, Slot] = {
        "subject": subject,
        "name": name,
        "claim": claim,
        "weekday": vocabulary()["named_source"]["weekdays"],
    }
    return capitalise(fill(rng.choice(words["denials"]), slots, rng))


def interview(rng: random.Random, subject: str) -> Section:
    """An interview printed as questions and answers: questions put to someone ("you"), answers in the
    first person. Credible, though it has the shape of an FAQ block."""
    words = vocabulary()["clean"]
    slots: dict[str, Slot] = {
        "subject": subject,
        "n": lambda r: str(r.randint(2, 30)),
        "season": ["summer", "autumn", "spring", "winter"],
    }
    count = rng.randint(3, 6)
    questions = rng.sample(words["interview_questions"], count)
    answers = rng.sample(words["interview_answers"], count)
    items = tuple(
        QA(capitalise(fill(q, slots, rng)), capitalise(fill(a, slots, rng)), LABEL)
        for q, a in zip(questions, answers)
    )
    marks = rng.choice([("", ""), ("Q: ", "A: "), ("Q. ", "A. ")])
    if marks[0]:
        items = tuple(QA(marks[0] + i.question, marks[1] + i.answer, LABEL) for i in items)
    heading = fill(rng.choice(words["interview_headings"]), slots, rng)
    return Section("faq", items, heading=heading, heading_label=LABEL)


def fact_card(rng: random.Random, sentences: list[str]) -> Section:
    """A newsroom's "at a glance" box: ``name: value`` lines whose values are the article's own sentences
    (``sentences``), the honest twin of a namesake's fact card."""
    words = vocabulary()["clean"]
    names = rng.sample(words["fact_names"], len(sentences))
    items = tuple(Field(name, sentence, label=LABEL) for name, sentence in zip(names, sentences))
    return Section("card", items, heading=rng.choice(words["fact_headings"]), heading_label=LABEL)


def data_table(rng: random.Random) -> list[Line | Row]:
    """A data table of the article's own (standings, election results, yearly figures, fixtures), under a
    heading or not: rows of names and numbers that share no words with the lead and are still the story,
    the honest twin of a namesake's fact table."""
    words = vocabulary()["clean"]["tables"]
    kind = rng.choice(["standings", "election", "finance", "schedule"])
    n = rng.randint(3, 14)
    if kind == "standings":
        extras = rng.sample(words["standings_extra"], rng.randint(1, 4))
        header = [
            "Pos",
            rng.choice(words["standings_people"]),
            rng.choice(words["standings_points"]),
            *extras,
        ]
        points = sorted((rng.randint(0, 5000) for _ in range(n)), reverse=True)
        rows = [
            [str(i + 1), fake_name(rng), str(p), *(str(rng.randint(0, 30)) for _ in extras)]
            for i, p in enumerate(points)
        ]
    elif kind == "election":
        header = ["Candidate", "Party", "Votes", "Share"]
        votes = sorted((rng.randint(40, 30000) for _ in range(min(n, 8))), reverse=True)
        total = sum(votes)
        rows = [
            [fake_name(rng), rng.choice(words["parties"]), f"{v:,}", f"{100 * v / total:.1f}%"] for v in votes
        ]
    elif kind == "finance":
        columns = rng.sample(words["finance_columns"], rng.randint(1, 3))
        header = ["Year", *columns]
        start = rng.randint(2008, 2020)
        rows = [[str(start + i), *(f"{rng.uniform(1, 900):,.1f}" for _ in columns)] for i in range(min(n, 8))]
    else:
        columns = rng.sample(words["schedule_columns"], rng.randint(1, 3))
        header = ["Date", *columns]
        rows = [
            [
                f"{rng.randint(1, 28)} {rng.choice(['Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan'])}",
                *(
                    fake_city(rng)
                    if c in ("Opponent", "Venue")
                    else f"{rng.randint(0, 5)}-{rng.randint(0, 5)}"
                    if c in ("Result", "Score")
                    else f"{rng.randint(12, 20)}:{rng.choice(['00', '15', '30', '45'])}"
                    if c in ("Kick-off", "Time")
                    else f"{rng.randint(800, 60000):,}"
                    for c in columns
                ),
            ]
            for _ in range(n)
        ]
    table: list[Line | Row] = []
    if rng.random() < 0.6:
        heading = fill(rng.choice(words["headings"]), {"n": lambda r: str(r.randint(2, 30))}, rng)
        table.append(Line(heading, LABEL, heading=True))
    if rng.random() < 0.85:
        table.append(Row(tuple(header), LABEL, header=True))
    table.extend(Row(tuple(cells), LABEL) for cells in rows)
    return table


def roster(rng: random.Random) -> list[Line]:
    """A run of roster lines of the article's own, under a heading or not: one person a line, "Name: what
    the story says of them" (a police log, court results, award winners, a cast or a squad). Credible lines
    shaped like a fabricated profile's fields or a scraped block's questions and answers."""
    words = vocabulary()["clean"]["rosters"]
    kind = rng.choice(["charges", "awards", "roles"])
    slots: dict[str, Slot] = {
        "bail": lambda r: f"{r.randint(1, 400) * 500:,}",
        "fine": lambda r: f"{r.randint(2, 300) * 10:,}",
        "n": lambda r: str(r.randint(2, 30)),
        "month": ["January", "March", "May", "June", "September", "November"],
        "day": lambda r: str(r.randint(1, 28)),
    }
    lines = []
    for _ in range(rng.randint(3, 10)):
        name = fake_name(rng)
        if kind == "charges":
            who = rng.choice([name, f"{name}, {rng.randint(18, 70)}, of {fake_city(rng)}"])
            charges = ", ".join(rng.sample(words["charges"], rng.randint(1, 3)))
            text = f"{who}: {capitalise(charges)}, {fill(rng.choice(words['outcomes']), slots, rng)}."
        elif kind == "awards":
            text = f"{rng.choice(words['awards'])}: {name}" + rng.choice(["", f" ({fake_city(rng)})"])
        else:
            text = f"{name}: {capitalise(rng.choice(words['roles']))}"
        lines.append(Line(text, LABEL))
    if rng.random() < 0.6:
        lines.insert(0, Line(rng.choice(words[f"headings_{kind}"]), LABEL, heading=True))
    return lines
