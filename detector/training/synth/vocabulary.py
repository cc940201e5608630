"""The generators' vocabulary (``vocabulary.toml``) and the filling of its templates."""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.toml")
_SLOT = re.compile(r"\{(\w+)\}")

#: A slot's value: a fixed string, a list drawn from, or a function of the generator.
Slot = str | list[str] | tuple[str, ...] | Callable[[random.Random], str]


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary file (read once)."""
    with VOCABULARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


def fill(template: str, slots: Mapping[str, Slot], rng: random.Random) -> str:
    """``template`` with each ``{slot}`` replaced by its value; values may hold slots themselves.

    A slot with no value is left as it is, so a missing filler shows in the output instead of
    raising halfway through a page.
    """

    def value(match: re.Match[str]) -> str:
        slot = slots.get(match[1])
        if slot is None:
            return match[0]
        if callable(slot):
            return slot(rng)
        if isinstance(slot, str):
            return slot
        return rng.choice(slot)

    for _ in range(4):  # fillers may name other slots ("regulars at {place}"): a few passes resolve them
        filled = _SLOT.sub(value, template)
        if filled == template:
            break
        template = filled
    return template


_ARTICLE = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")


def articled(text: str) -> str:
    """``a elegant`` -> ``an elegant``: the article of a word the generators drew."""
    return _ARTICLE.sub(lambda m: m[1] + "n ", text)


def capitalise(text: str) -> str:
    """``text`` with its first letter upper-cased (the rest untouched, unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


@cache
def _faker(locale: str) -> Faker:
    # Faker is a training-time dependency: imported on first use, so the package imports without it;
    # building a Faker costs tens of milliseconds, so there is one per locale, reseeded for every use
    from faker import Faker

    return Faker(locale)


def fake(locale: str, rng: random.Random) -> Faker:
    """Faker in ``locale``, seeded from ``rng`` (the same draws of ``rng`` give the same fakes)."""
    faker = _faker(locale)
    faker.seed_instance(rng.getrandbits(32))
    return faker
