"""A page as labelled sections: what the generators produce and the renderer lays out."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The kinds of section a page is made of (a ``card`` is a fact card or infobox about something other than
#: the author).
SECTION_KINDS = (
    "header",
    "nav",
    "article",
    "faq",
    "author_bio",
    "card",
    "promo",
    "rumour",
    "comments",
    "footer",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of text; ``heading`` marks a heading of the article (in a comment thread, the header
    that opens a comment), ``listed`` an item of a list in it (consecutive listed lines are one list)."""

    text: str
    label: str
    heading: bool = False
    listed: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """A ``name: value`` line of a profile or fact card."""

    name: str
    value: str
    label: str = "fabricated_author_bio"
    #: the schema.org ``Person`` property the value stands for, if any (``name``, ``birthDate`` ...)
    itemprop: str | None = None

    @property
    def text(self) -> str:
        return f"{self.name}: {self.value}"


@dataclass(frozen=True, slots=True)
class QA:
    """A question and its answer; both take ``label``."""

    question: str
    answer: str
    label: str


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a data table in the article (results, standings, figures); ``header`` marks the row of
    column names. Rendered as a table's row, it is one paragraph, its cells joined by " | "."""

    cells: tuple[str, ...]
    label: str = "credible"
    header: bool = False

    @property
    def text(self) -> str:
        return " | ".join(self.cells)


Item = Line | Field | QA | Row


@dataclass(frozen=True, slots=True)
class Section:
    """A run of items of one kind; ``heading`` (labelled ``heading_label``) opens it."""

    kind: str
    items: tuple[Item, ...]
    heading: str | None = None
    heading_label: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in SECTION_KINDS:
            raise ValueError(f"unknown section kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page to render: its title, the subject it is about and its sections in reading order.

    ``source`` names the corpus page its article comes from: pages built on the same article belong
    in the same cross-validation fold as that page.
    """

    name: str
    title: str
    subject: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    source: str = ""

    def items(self, kind: str | None = None) -> list[Item]:
        """Every item of the page (of sections of ``kind``), in order."""
        return [item for s in self.sections if kind in (None, s.kind) for item in s.items]
