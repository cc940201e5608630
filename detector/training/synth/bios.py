"""Fabricated author bios and engagement blocks, made the way content farms make them: with Faker."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .grammar import fake_city
from .spec import Field, Line, Section
from .vocabulary import articled, capitalise, fake, fill, vocabulary

LABEL = "fabricated_author_bio"
#: The day the fake people's ages count from. Faker's ``date_of_birth`` counts from the day it runs, which
#: made the synthetic training pages, and so the model's reading of its corpus, change from day to day.
AGES_AS_OF = date(2026, 12, 7)

# Field keys with their schema.org Person property; the order is the seed's ("Kieth Sipes") order.
_ITEMPROPS = {
    "name": "name",
    "birthday": "birthDate",
    "address": "address",
    "phone": "telephone",
    "job": "jobTitle",
    "hobby": None,
    "education": "alumniOf",
    "email": "email",
    "website": "url",
    "experience": None,
}


def fake_person(rng: random.Random, locale: str) -> dict[str, str]:
    """The raw facts of one fake person, from Faker in ``locale``."""
    # ja_JP's names and addresses are in Japanese script; English-language farms romanise the name
    faker = fake("en_US" if locale == "ja_JP" else locale, rng)
    if locale == "ja_JP":
        japanese = fake("ja_JP", rng)
        first, last = japanese.first_romanized_name(), japanese.last_romanized_name()
    else:
        first, last = faker.first_name(), faker.last_name()
    words = vocabulary()["bio"]
    born = _date_of_birth(faker, minimum_age=19, maximum_age=70)
    birthday = rng.choice(
        [born.isoformat(), born.strftime("%d/%m/%Y"), born.strftime("%B %d, %Y"), f"{born:%Y-%m-%d}"]
    )
    hobbies = rng.sample(words["hobbies"], rng.randint(1, 7))
    return {
        "first": first,
        "name": f"{first} {last}",
        "birthday": birthday,
        "address": " ".join(faker.address().split()),
        "phone": rng.choice([faker.phone_number(), "+" + faker.msisdn()]),
        "job": faker.job(),
        "hobby": ", ".join(hobbies),
        "hobby_first": hobbies[0],
        "education": fill(
            # not this locale's faker.city(): some locales (it_IT) build their city list from a set, in an
            # order that changes with the interpreter's hash seed, and the synthetic pages must not
            rng.choice(words["education"]),
            {"city": fake_city(rng), "company": faker.last_name()},
            rng,
        ),
        "email": faker.email(),
        "website": faker.url(),
        "experience": f"{rng.randint(2, 25)} years",
    }


def _date_of_birth(faker, minimum_age: int, maximum_age: int) -> date:
    """Faker's ``date_of_birth`` as of :data:`AGES_AS_OF` instead of today (the same draws)."""
    start = AGES_AS_OF.replace(year=AGES_AS_OF.year - maximum_age - 1)  # no 29 February to move
    end = AGES_AS_OF.replace(year=AGES_AS_OF.year - minimum_age)
    born = faker.date_time_ad(start_datetime=start, end_datetime=end).date()
    return born if born != start else born + timedelta(days=1)


def _adjectives(rng: random.Random, count: int) -> list[str]:
    """``count`` personality adjectives, some with an adverb before them ("fiercely independent")."""
    table = vocabulary()["bio"]["adjectives"]
    return [
        f"{rng.choice(table['modifiers'])} {word}" if rng.random() < 0.25 else word
        for word in rng.sample(table["words"], count)
    ]


def _joined(words: list[str], rng: random.Random) -> str:
    """``a, b and c`` or ``a, b, c`` (both are common)."""
    if len(words) == 1:
        return words[0]
    if rng.random() < 0.5:
        return ", ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def introduction(rng: random.Random, person: dict[str, str], third_person: bool | None = None) -> str:
    """A personality-adjective introduction, in the first or the third person."""
    table = vocabulary()["bio"]["adjectives"]
    if third_person is None:
        third_person = rng.random() < 0.5
    adjectives = _adjectives(rng, rng.randint(3, 9))
    slots = {
        "name": person["name"],
        "first": person["first"],
        "adjs": ", ".join(adjectives),
        "adjs_and": _joined(adjectives, rng),
        "adj": adjectives[0],
        "hobby_lower": person["hobby_first"].lower(),
        "job_lower": person["job"].lower(),
        "topic": table["topics"],
        "years": lambda r: str(r.randint(2, 20)),
        "pronoun": ["she", "he"],  # the templates conjugate for the singular
        "persona": table["personas"],
    }
    return capitalise(articled(fill(rng.choice(table["third" if third_person else "first"]), slots, rng)))


def engagement_line(rng: random.Random) -> str:
    """A fake engagement statistic ("92% of readers found this helpful", "Rating: 4.7/5 (312 votes)")."""
    day = date(2019, 1, 1).toordinal() + rng.randrange(2400)
    slots = {
        "n": lambda r: str(r.randint(150, 99999)),
        "small": lambda r: str(r.randint(3, 900)),
        "big": lambda r: rng.choice(
            [f"{r.randint(2, 900)},000", f"{r.randint(10, 999)}K", f"{r.randint(1, 9)}.{r.randint(1, 9)}M"]
        ),
        "pct": lambda r: str(r.randint(71, 99)),
        "rating": lambda r: f"{r.uniform(3.9, 5.0):.1f}",
        "votes": lambda r: str(r.randint(11, 4999)),
        "date": lambda r: date.fromordinal(day).strftime(r.choice(["%d/%m/%Y", "%Y-%m-%d", "%B %d, %Y"])),
    }
    return fill(rng.choice(vocabulary()["engagement"]["lines"]), slots, rng)


def author_bio(rng: random.Random, locale: str | None = None) -> Section:
    """A fabricated author profile: field lines in a varied order and wording, an introduction and
    engagement lines, each labelled ``fabricated_author_bio``."""
    words = vocabulary()["bio"]
    locale = locale or rng.choice(words["locales"])
    person = fake_person(rng, locale)
    if rng.random() < 0.3:  # no profile fields: a name line, or none, and a personality introduction
        short: list[Field | Line] = [Line(introduction(rng, person), LABEL)]
        if rng.random() < 0.5:
            short.insert(0, Line(person["name"], LABEL))
        if rng.random() < 0.4:
            short.append(Line(engagement_line(rng), LABEL))
        heading = rng.choice(words["headings"]) if rng.random() < 0.9 else None
        return Section(kind="author_bio", items=tuple(short), heading=heading, heading_label=LABEL)
    keys = ["name"] + rng.sample([k for k in _ITEMPROPS if k != "name"], rng.randint(3, 7))
    if rng.random() < 0.6:  # the seed's order (Name, Birthday, Address ...) is the most common one
        keys.sort(key=list(_ITEMPROPS).index)
    else:
        rng.shuffle(keys)
    items: list[Field | Line] = [
        Field(name=rng.choice(words["fields"][key]), value=person[key], itemprop=_ITEMPROPS[key])
        for key in keys
    ]
    if rng.random() < 0.85:
        items.insert(rng.randint(len(items) // 2, len(items)), Line(introduction(rng, person), LABEL))
    for _ in range(rng.choice([0, 1, 2, 3])):
        place = rng.choice([0, len(items)])
        items.insert(place, Line(engagement_line(rng), LABEL))
    heading = rng.choice(words["headings"]) if rng.random() < 0.8 else None
    return Section(kind="author_bio", items=tuple(items), heading=heading, heading_label=LABEL)


def engagement_block(rng: random.Random) -> Section:
    """Fake engagement statistics alone (views, rating, "readers found this helpful")."""
    lines = dict.fromkeys(engagement_line(rng) for _ in range(rng.randint(2, 4)))  # distinct, in order
    return Section(kind="author_bio", items=tuple(Line(text, LABEL) for text in lines))


def credential_card(rng: random.Random, locale: str | None = None) -> Section:
    """A fabricated expert's card: a name, then strung-together badges, credentials and follower counts."""
    words = vocabulary()["bio"]
    table = words["credentials"]
    person = fake_person(rng, locale or rng.choice(words["locales"]))
    topic = rng.choice(words["adjectives"]["topics"])

    def badges(r: random.Random) -> str:
        return r.choice(table["separators"]).join(r.sample(table["badges"], r.randint(2, 5)))

    slots = {
        "name": person["name"],
        "first": person["first"],
        "badges": badges,
        "badge_lower": lambda r: r.choice(table["badges"]).lower(),
        "topic": topic,
        "Topic": topic.title(),
        "job": person["job"],
        "relation": table["relations"],
        "role": table["roles"],
        "small": lambda r: str(r.randint(3, 40)),
        "n": lambda r: str(r.choice([50, 100, 200, 300, 500])),
        "years": lambda r: str(r.randint(3, 25)),
        "big": lambda r: r.choice(
            [f"{r.randint(10, 999)}K", f"{r.randint(1, 9)}.{r.randint(1, 9)}M", f"{r.randint(2, 90)},000"]
        ),
    }
    items: list[Line] = []
    if rng.random() < 0.6:
        items.append(Line(person["name"], LABEL))
    lines = dict.fromkeys(
        articled(fill(rng.choice(table["lines"]), slots, rng)) for _ in range(rng.randint(1, 3))
    )
    items.extend(Line(text, LABEL) for text in lines)
    if rng.random() < 0.4:
        items.append(Line(engagement_line(rng), LABEL))
    heading = fill(rng.choice(table["headings"]), slots, rng) if rng.random() < 0.5 else None
    return Section(kind="author_bio", items=tuple(items), heading=heading, heading_label=LABEL)
