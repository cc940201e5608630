"""Profile field lines ("Name: ...", "Birthday: ..."): the building blocks of templated author bios."""

from __future__ import annotations

import re

BIO_FIELDS = (
    "name",
    "full name",
    "real name",
    "author",
    "birthday",
    "born",
    "date of birth",
    "birth date",
    "age",
    "address",
    "location",
    "home town",
    "hometown",
    "phone",
    "phone number",
    "tel",
    "telephone",
    "mobile",
    "email",
    "e-mail",
    "job",
    "occupation",
    "profession",
    "job title",
    "hobby",
    "hobbies",
    "interests",
    "introduction",
    "about me",
    "bio",
    "biography",
    "education",
    "university",
    "experience",
    "gender",
    "nationality",
    "zodiac",
    "height",
    "weight",
    "net worth",
    "marital status",
    "website",
    "company",
)
_FIELD_LINE = re.compile(
    r"^\s*("
    + "|".join(sorted((re.escape(f) for f in BIO_FIELDS), key=len, reverse=True))
    + r")\s*[:：]\s*\S",
    re.IGNORECASE,
)


def field_line(text: str) -> str | None:
    """Return the ``Field:`` prefix if ``text`` starts like a profile field line."""
    if ":" not in text and "：" not in text:  # the colon every field line has
        return None
    match = _FIELD_LINE.match(text)
    return match.group(1) if match else None


def field_lines(text: str, first: str | None) -> int:
    """How many lines of ``text`` are profile field lines (``first``: the match of its first line)."""
    if "\n" not in text:
        return 1 if first else 0
    return sum(1 for line in text.split("\n") if field_line(line))


def field_runs(field_names: list[str | None]) -> list[int]:
    """For each block, the length of the run of consecutive field-line blocks it is part of (0 outside one);
    ``field_names``: the :func:`field_line` of each block."""
    n = len(field_names)
    runs = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and field_names[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    return runs
