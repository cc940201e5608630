"""Sentence grammars: unsourced rumours and their named-source twins, calls to action, page furniture.

A rumour is a vague or collective subject ("insiders", "regulars at the Crown") or an idiom that
stands for one ("rumour has it"), an attribution or belief verb, and a claim about the page's
subject; its hard negative is the same claim vouched for by a named person, organisation or
document, which is credible.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .spec import Line, Section
from .vocabulary import Slot, capitalise, fake, fill, vocabulary

_NAME_LOCALES = ("en_US", "en_GB", "en_AU", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")


def fake_name(rng: random.Random) -> str:
    """A full name from Faker, in a random locale."""
    faker = fake(rng.choice(_NAME_LOCALES), rng)
    return f"{faker.first_name()} {faker.last_name()}"


def fake_city(rng: random.Random) -> str:
    """A town name from Faker (English-speaking locales)."""
    return str(fake(rng.choice(("en_US", "en_GB", "en_AU")), rng).city())


def _company(rng: random.Random) -> str:
    return str(fake(rng.choice(("en_US", "en_GB")), rng).company())


def _place(rng: random.Random) -> str:
    """A place regulars gather or word goes round: a venue or a town."""
    city = fake_city(rng)
    return rng.choice(
        [city, f"the {city} Arms", f"the {city} clubhouse", f"the {city} gym", f"{city} market"]
    )


def _negated(predicate: str) -> str:
    """``is dating`` -> ``is not dating``: "not" after the auxiliary every predicate starts with."""
    auxiliary, _, rest = predicate.partition(" ")
    return f"{auxiliary} not {rest}"


def _claim(rng: random.Random, subject: str, negate: bool = False) -> str:
    """A claim about ``subject`` in the present, perfect or future, maybe negated."""
    table = vocabulary()["rumour"]
    predicate = rng.choice(table[rng.choice(["present", "present", "past", "future"])])
    if negate:
        predicate = _negated(predicate)
    slots: dict[str, Slot] = {"other": fake_name, "place": fake_city, "pronoun_pos": ["her", "his", "their"]}
    return f"{subject} {fill(predicate, slots, rng)}"


def _acquaintance(rng: random.Random) -> str:
    """One unnamed person known by their tie to the writer: "my barber, who hears everything,"."""
    table = vocabulary()["rumour"]
    determiner = rng.choice(table["acquaintance_determiners"])
    return (
        f"{determiner} {rng.choice(table['acquaintance_nouns'])}{rng.choice(table['acquaintance_clauses'])}"
    )


def _rumour_slots(subject: str, place: str | None) -> dict[str, Slot]:
    """The slots of the rumour templates: places, vague subjects of either number, their verbs."""
    table = vocabulary()["rumour"]

    def who(plural: bool) -> Callable[[random.Random], str]:
        return lambda r: fill(r.choice(table["subjects_pl" if plural else "subjects_sg"]), slots, r)

    slots: dict[str, Slot] = {
        "subject": subject,
        "place": place or _place,
        "town": fake_city,
        "acquaintance": _acquaintance,
        "Acquaintance_cap": lambda r: capitalise(_acquaintance(r)),
        "overheard": table["overheard"],
        "acquaintances": table["acquaintances_pl"],
        "where": table["wheres"],
        "bettor": table["bettors"],
        "crowd": table["crowds"],
        "who_sg": who(False),
        "who_pl": who(True),
        "Who_sg": lambda r: capitalise(who(False)(r)),
        "verb_sg": lambda r: str(r.choice(table["verbs"])[0]),
        "small_n": table["small_ns"],
        "crowd_member": table["crowd_members_sv"],
        "Claim_cap": lambda r: capitalise(_claim(r, subject)),
        "condition": table["conditions"],
        "condition_were": table["conditions_were"],
        "condition_if": table["conditions_if"],
        "Condition_if_cap": lambda r: capitalise(r.choice(table["conditions_if"])),
    }
    return slots


def rumour_heading(rng: random.Random, subject: str) -> str:
    """The heading of a box of gossip ("What we're hearing on the High Street"): a rumour itself."""
    slots = _rumour_slots(subject, None)
    return capitalise(fill(rng.choice(vocabulary()["rumour"]["box_headings"]), slots, rng))


def rumour(rng: random.Random, subject: str, place: str | None = None) -> str:
    """An unsourced rumour about ``subject``: vague subject x attribution verb x claim, an idiom, or a
    move that carries a claim with nobody named (a bet, an insinuating question, a framing of hearsay)."""
    table = vocabulary()["rumour"]
    slots = _rumour_slots(subject, place)
    plural = rng.random() < 0.55
    who = fill(rng.choice(table["subjects_pl" if plural else "subjects_sg"]), slots, rng)
    verb = rng.choice(table["verbs"])[1 if plural else 0]
    claim = _claim(rng, subject, negate=rng.random() < 0.15)
    tail = rng.choice(table["tails"])
    hedge = rng.choice(table["hedges"][:4])
    form = rng.randrange(9)
    if form >= 7:
        text = fill(rng.choice(table["frames"]), {**slots, "claim": claim + tail}, rng)
    elif form == 0:
        text = f"{who} {verb} that {claim}{tail}."
    elif form == 1:
        text = f"{who} {verb} {claim}{tail}."
    elif form == 6:  # doubt is an attribution too: "fans refuse to accept that X has split ..."
        doubt = rng.choice(table["negated_verbs"])[1 if plural else 0]
        text = f"{who} {doubt} that {claim}{tail}."
    elif form == 2:
        text = f"{fill(rng.choice(table['idioms']), slots, rng)} {claim}{tail}."
    elif form == 3:
        text = f"{claim}{tail}, or so {who} {verb}."
    elif form == 4:
        auxiliary, _, rest = claim.removeprefix(subject + " ").partition(" ")
        text = f"{subject} {auxiliary} {hedge} {rest}{tail}, if {who} {'are' if plural else 'is'} to be believed."
    else:
        text = f"{subject}, {hedge}, {claim.removeprefix(subject + ' ')}{tail}. At least, that is what {who} {verb}."
    return capitalise(text)


def named_source_claim(rng: random.Random, subject: str) -> tuple[str, str]:
    """A claim vouched for by a named person, organisation or document (credible), with the name."""
    table = vocabulary()["named_source"]
    person, org = fake_name(rng), rng.choice([_company, _city_council])(rng)
    slots: dict[str, Slot] = {
        "subject": subject,
        "Subject": subject,
        "person": person,
        "org": org,
        "role": table["roles"],
        "outlet": lambda r: f"{fake_city(r)} {r.choice(table['outlets'])}",
        "weekday": table["weekdays"],
        "claim": lambda r: _claim(r, subject).removeprefix(subject + " "),
    }
    frame = rng.choice(table["frames"])
    name = person if "{person}" in frame else org
    return capitalise(fill(frame, slots, rng)), name


def _city_council(rng: random.Random) -> str:
    return f"{fake_city(rng)} {rng.choice(['City Council', 'Police', 'Magistrates Court', 'Football Club'])}"


def call_to_action(rng: random.Random, brand: str | None = None) -> str:
    """A call to action: subscribe, newsletter, app, coupon, affiliate, booking, follow."""
    table = vocabulary()["promo"]
    brand = brand or rng.choice(vocabulary()["boilerplate"]["outlets"])
    slots: dict[str, Slot] = {key: value for key, value in table.items() if isinstance(value, list)}
    slots.update(
        brand=brand,
        outlet=brand,
        sub_verb_lower=[v.lower() for v in table["sub_verb"]],
        shop_verb_lower=[v.lower() for v in table["shop_verb"]],
        code=lambda r: (
            "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(r.randint(4, 6)))
            + str(r.randint(5, 50))
        ),
        pct=lambda r: str(r.choice([5, 10, 15, 20, 25, 30, 40, 50])),
        big=lambda r: f"{r.randint(2, 500)},000",
        small=lambda r: str(r.choice([7, 14, 30])),
    )
    return capitalise(fill(rng.choice(table["frames"]), slots, rng))


def furniture(rng: random.Random, subject: str, outlet: str | None = None) -> str:
    """A line of page furniture: cookie notice, share bar, breadcrumb, copyright, "Advertisement", tags."""
    table = vocabulary()["boilerplate"]
    tags: Callable[[random.Random], str] = lambda r: r.choice(table["sections"]).lower()  # noqa: E731
    slots: dict[str, Slot] = {
        "subject": subject,
        "outlet": outlet or table["outlets"],
        "year": lambda r: str(r.randint(2018, 2026)),
        "section": table["sections"],
        "tag1": subject,
        "tag2": tags,
        "tag3": tags,
        "n": lambda r: str(r.randint(2, 400)),
        "date": lambda r: (
            f"{r.choice(['Jan', 'Mar', 'May', 'Aug', 'Oct', 'Dec'])} {r.randint(1, 28)}, {r.randint(2019, 2026)}"
        ),
    }
    return fill(rng.choice(table["lines"]), slots, rng)


def rumour_box(rng: random.Random, subject: str) -> Section:
    """A box of gossip: a heading and a few rumours, each a rumour."""
    lines = dict.fromkeys(rumour(rng, subject) for _ in range(rng.randint(2, 4)))
    items = tuple(Line(text, "unsourced_rumour") for text in lines)
    return Section("rumour", items, heading=rumour_heading(rng, subject), heading_label="unsourced_rumour")


def rumour_lines(rng: random.Random, subject: str, count: int) -> list[Line]:
    """``count`` rumour paragraphs (``unsourced_rumour``), some of two sentences."""
    lines = []
    for _ in range(count):
        text = rumour(rng, subject)
        if rng.random() < 0.3:
            text += " " + rumour(rng, subject)
        lines.append(Line(text, "unsourced_rumour"))
    return lines


def named_source_lines(rng: random.Random, subject: str, count: int) -> list[Line]:
    """``count`` credible paragraphs whose claim a named source vouches for."""
    return [Line(named_source_claim(rng, subject)[0], "credible") for _ in range(count)]
