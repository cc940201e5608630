"""Profile field lines ("Name: ...", "Birthday: ..."): the building blocks of templated author bios."""

from __future__ import annotations

import re

from ._wordlists import alternation, shipped_list

#: The names of profile fields ("Name", "Birthday"): the lists ``bio_fields`` and ``bio_fields_in_runs`` of
#: rules.toml.
BIO_FIELDS = shipped_list("bio_fields") + shipped_list("bio_fields_in_runs")
_FIELD_LINE = re.compile(
    r"^\s*(" + alternation(BIO_FIELDS) + r")\s*[:：]\s*\S",
    re.IGNORECASE,
)
# a table row's first cell names the field ("Birthday | 14 September 1986"): cells are joined by " | "
_FIELD_ROW = re.compile(r"^\s*(" + alternation(BIO_FIELDS) + r")\s*+[:：]?+\s*+\| \S", re.IGNORECASE)


def field_line(text: str, table_row: bool = False) -> str | None:
    """Return the ``Field:`` prefix if ``text`` starts like a profile field line (with ``table_row``, also
    a row whose first cell is the field's name)."""
    if table_row and "|" in text and (match := _FIELD_ROW.match(text)):
        return match.group(1)
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
