"""Reader comments: a thread under the article, as blogs, newspapers and forums show one.

Each comment is a header (who wrote it and when: page furniture), its words and maybe a reply link.
What the words say decides their label, not the thread they sit in: a reader's opinion is
``credible``, a rumour passed on in a comment ("heard from a mate that ...") is ``unsourced_rumour``,
a spam comment selling something is ``promotional``, and one about a namesake ("saw Elena Wyecross sing
Tosca last year") is ``off_topic``. Without such threads in training, a model
learns that whatever sits in a comments block is furniture, rumours included.
"""

from __future__ import annotations

import random

from .faq import namesake_aside
from .grammar import fake_city, rumour
from .spec import Line, Section
from .vocabulary import Slot, capitalise, fake, fill, vocabulary


def _user(rng: random.Random) -> str:
    """A commenter's handle: a user name, a first name and initial, or "Anonymous"."""
    faker = fake(rng.choice(("en_US", "en_GB", "en_AU", "en_IE")), rng)
    form = rng.random()
    if form < 0.45:
        return str(faker.user_name())
    if form < 0.85:
        return f"{faker.first_name()} {faker.last_name()[0]}."
    return "Anonymous"


def _slots(rng: random.Random, user: str) -> dict[str, Slot]:
    return {
        "user": user,
        "n": lambda r: str(r.randint(2, 60)),
        "hours": lambda r: str(r.randint(1, 23)),
        "date": lambda r: (
            f"{r.randint(1, 28)} {r.choice(['January', 'March', 'June', 'October'])} {r.randint(2021, 2026)}"
        ),
        "time": lambda r: f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(['am', 'pm'])}",
        "town": fake_city,
    }


def opinion(rng: random.Random, subject: str) -> str:
    """A reader's opinion of the story: credible, however casual."""
    words = vocabulary()["comments"]
    opener = rng.choice(words["openers"])
    said = fill(rng.choice(words["opinions"]), {"subject": subject}, rng)
    text = opener + (capitalise(said) if opener.endswith(". ") else said)
    if rng.random() < 0.3:
        text += " " + capitalise(fill(rng.choice(words["opinions"]), {"subject": subject}, rng))
    return capitalise(text)


def spam_comment(rng: random.Random) -> str:
    """A comment that sells something."""
    words = vocabulary()["comments"]
    slots: dict[str, Slot] = {
        "thing": words["things"],
        "site": words["sites"],
        "big": lambda r: f"{r.randint(2, 9)},{r.randint(0, 9)}00",
        "code": lambda r: "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(5)),
    }
    return fill(rng.choice(words["spam"]), slots, rng)


def comment_thread(rng: random.Random, subject: str, farm: bool) -> Section:
    """A thread of two to six comments; on a farm page (``farm``) some carry rumours or spam."""
    words = vocabulary()["comments"]
    items: list[Line] = []
    for _ in range(rng.randint(2, 6)):
        user = _user(rng)
        slots = _slots(rng, user)
        # the header opens a comment: the renderer groups a comment's lines from one header to the next
        items.append(Line(fill(rng.choice(words["headers"]), slots, rng), "boilerplate", heading=True))
        kind = rng.random() if farm else 1.0
        if kind < 0.4:
            # an opener that is a sentence of its own ("Not surprised."), so the rumour keeps its capitals
            openers = [o for o in words["openers"] if o.endswith(". ")]
            opener = rng.choice(openers) if rng.random() < 0.4 else ""
            items.append(Line(opener + rumour(rng, subject), "unsourced_rumour"))
        elif kind < 0.5:
            items.append(Line(spam_comment(rng), "promotional"))
        elif kind < 0.6:  # a reader who knows the name from something else
            items.append(Line(" ".join(namesake_aside(rng, subject)[-2:]), "off_topic"))
        else:
            items.append(Line(opinion(rng, subject), "credible"))
        if rng.random() < 0.45:
            items.append(Line(fill(rng.choice(words["after"]), slots, rng), "boilerplate"))
    heading = None
    if rng.random() < 0.75:
        heading = fill(rng.choice(words["headings"]), {"n": str(sum(line.heading for line in items))}, rng)
    return Section("comments", tuple(items), heading=heading, heading_label="boilerplate")
