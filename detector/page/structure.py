"""What the markup around each block says: its containers, and the page's sections.

A content farm's filler comes in sections: a pasted "People also ask" block, a fake author card, a
newsletter box. Their wording varies from page to page; their shape does not. Each block keeps the
structure it sits in (:class:`Structure`: the tags of its containers, their class and id words,
ARIA roles, schema.org types and properties), and the page is grouped into :class:`Section` s by that
structure, with the evidence that named each. Plain text, and markup that says nothing, get the same
shapes from their lines: a run of question/answer pairs, a run of ``Label: value`` lines.

What marks a container of each kind is data, in ``structure.toml``.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice, pairwise
from typing import Any

#: Tags of a block's containers kept, nearest last.
MAX_PATH = 8
#: Class and id words kept per element, and per block (nearest containers first).
MAX_WORDS_PER_ELEMENT = 24
MAX_WORDS = 64
_MAX_VALUE = 256  # characters of one attribute value read (a page may hold megabytes of classes)
#: Characters of one JSON-LD script (or script template) read; a longer one is left unread.
MAX_SCRIPT_CHARS = 200_000
_MAX_JSONLD_TYPES = 64

_WORD = re.compile(r"[A-Z]?[a-z]++|[A-Z]+(?![a-z])")  # camelCase words; "HTMLParser": "HTML", "Parser"
# a part of a name: a run of letters and digits, kept when it holds no digit (a run of letters that no
# letter or digit touches); possessive, and the lookbehind is one character: linear
_PART = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]++(?![0-9])")
_FIELD_LINE = re.compile(r"[^\W\d_][\w'’.\- ]{0,30}:\s*+\S")  # "Birthday: 1990", "Job: ..."

#: Kinds of section that are short by nature, and the characters of main text past which such a section is
#: the article (``<article class="newsletter-post">``, a page whose article sits in a "widget" column).
SHORT_KINDS = frozenset({"promo", "author", "sidebar", "navigation", "header", "footer", "related"})
MAX_SHORT_SECTION = 2500
#: The kinds of section that plain-text shapes give: a run of Q&A pairs, a run of field lines.
SHAPE_KINDS = ("faq", "card")


@dataclass(slots=True, unsafe_hash=True)
class Structure:
    """The containers a block sits in (never changed once made: the walk shares one between blocks; not
    frozen only because a frozen dataclass costs three times as much to make, once per element).

    Attributes
    ----------
    path : tags of the block's containers, outermost first (the last :data:`MAX_PATH`).
    words : the class and id words of the containers that ``structure.toml`` knows (``"author-box"``
        gives ``author``; ``box`` and ``author-box`` are not evidence of anything); generated names such
        as ``css-1q2w3e`` give nothing.
    roles : ARIA roles of the containers.
    types : schema.org item types of the containers (``FAQPage``, ``Person``).
    props : schema.org item properties of the containers and the block's own inline elements.
    kind : the kind of the nearest container ``structure.toml`` names (``faq``, ``author``,
        ``promo`` ...), or None.
    anchor : identifies the section container the block is in (0: none); blocks with the same anchor
        in a row form one section.
    evidence : what named the section container (``class "schema-faq"``, ``itemtype FAQPage``).
    """

    path: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    props: frozenset[str] = frozenset()
    kind: str | None = None
    anchor: int = 0
    evidence: str | None = None

    def evidence_kinds(self) -> tuple[str, ...]:
        """Every kind of section some evidence of the block's containers names, sorted (an author card in
        a sidebar shows ``author`` and ``sidebar``)."""
        if self is NO_STRUCTURE:
            return ()
        return _evidence_kinds(self.words, self.roles, self.types, self.props, self.path)


NO_STRUCTURE = Structure()


@functools.lru_cache(maxsize=4096)
def _evidence_kinds(words, roles, types, props, path) -> tuple[str, ...]:
    # blocks of one container share their structure's sets: computed once per container
    return tuple(sorted(load_vocabulary().kinds_of(words, roles, types, props, path)))


@dataclass(frozen=True, slots=True)
class Section:
    """A run of consecutive blocks that belong together.

    Attributes
    ----------
    index : position in the page, from 0.
    kind : ``article``, ``faq``, ``author``, ``promo``, ``comments``, ``live``, ``related``,
        ``navigation``, ``footer``, ``sidebar``, ``header`` (from markup), ``card`` (a run of field lines),
        or ``body`` (blocks nothing marks).
    blocks : indices of its blocks.
    evidence : what made it a section (markup, or a shape of its lines).
    """

    index: int
    kind: str
    blocks: list[int]
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """``structure.toml``, indexed."""

    order: tuple[str, ...]
    descriptions: dict[str, str]
    words: dict[str, str]  # word or hyphenated phrase -> kind (the first kind in ``order`` that lists it)
    types: dict[str, str]
    props: dict[str, str]
    roles: dict[str, str]
    tags: dict[str, str]
    decisive: dict[str, str]  # "<tag>" or "role" -> kind
    #: finds any part of a known word in a lowercased class or id value: where it finds none, the value
    #: holds no known word (an alternation of literals: linear)
    word_parts: re.Pattern[str]

    def kind_of(self, words: Iterable[str], roles, types, props, tag: str | None) -> tuple[str, str] | None:
        """The kind an element's own evidence names, and that evidence; None when nothing does."""
        if tag and f"<{tag}>" in self.decisive:
            return self.decisive[f"<{tag}>"], f"<{tag}>"
        for role in roles:
            if role in self.decisive:
                return self.decisive[role], f"role {role}"
        best: tuple[int, str, str] | None = None
        for table, values, what in (
            (self.types, types, "itemtype {}"),
            (self.roles, roles, "role {}"),
            (self.props, props, "itemprop {}"),
            (self.words, words, 'class or id "{}"'),
            (self.tags, (tag,) if tag else (), "<{}>"),
        ):
            for value in values:
                kind = table.get(value)
                if kind is not None:
                    rank = self.order.index(kind)
                    if best is None or rank < best[0]:
                        best = (rank, kind, what.format(value))
        return None if best is None else (best[1], best[2])

    def kinds_of(self, words, roles, types, props, path: Sequence[str]) -> set[str]:
        """Every kind some evidence of a block's containers names."""
        found = {self.words[w] for w in words if w in self.words}
        found.update(self.roles[r] for r in roles if r in self.roles)
        found.update(self.types[t] for t in types if t in self.types)
        found.update(self.props[p] for p in props if p in self.props)
        found.update(self.tags[t] for t in path if t in self.tags)
        return found


@functools.cache
def load_vocabulary() -> Vocabulary:
    """The packaged ``structure.toml``."""
    data = tomllib.loads(resources.files("detector.page").joinpath("structure.toml").read_text("utf-8"))
    order = tuple(data["order"])
    kinds = data["kinds"]
    if set(order) != set(kinds):
        raise ValueError("structure.toml: `order` must list every kind once")
    tables: dict[str, dict[str, str]] = {"words": {}, "types": {}, "props": {}, "roles": {}, "tags": {}}
    for kind in order:
        for name, table in tables.items():
            for value in kinds[kind].get(name, ()):
                table.setdefault(value.lower() if name == "words" else value, kind)
    decisive = {f"<{tag}>": kind for kind in order for tag in kinds[kind].get("decisive_tags", ())}
    decisive.update({role: kind for kind in order for role in kinds[kind].get("decisive_roles", ())})
    descriptions = {kind: kinds[kind]["description"] for kind in order}
    parts = sorted({part for word in tables["words"] for part in word.split("-")}, key=lambda p: (-len(p), p))
    word_parts = re.compile("|".join(map(re.escape, parts)))
    return Vocabulary(
        order=order, descriptions=descriptions, decisive=decisive, word_parts=word_parts, **tables
    )


def attribute_words(value: str) -> list[str]:
    """The words of a class or id value, with each run of two and three of them hyphenated.

    ``"schema-faq-section"`` gives ``schema``, ``faq``, ``section``, ``schema-faq``, ``faq-section``,
    ``schema-faq-section``; ``"peopleAlsoAsk"`` gives ``people``, ``also``, ``ask`` and their runs.
    A part with a digit in it (``css-1q2w3e``, ``col-md-6``, ``h2``) is generated or layout and gives
    nothing.
    """
    return list(_value_words(value[:_MAX_VALUE]))


@functools.lru_cache(maxsize=16384)
def _known_words(value: str) -> tuple[str, ...]:
    """The words of a class or id value that ``structure.toml`` names (no other word is evidence of
    anything, so a block keeps no other). A page repeats its class values on many elements, and a site
    its ids on every page: computed once per value."""
    vocabulary = load_vocabulary()
    if vocabulary.word_parts.search(value.lower()) is None:  # most values: no known word can be in them
        return ()
    return tuple(word for word in _value_words(value) if word in vocabulary.words)


def _value_words(value: str) -> tuple[str, ...]:
    found: list[str] = []
    for name in islice(value.split(), MAX_WORDS_PER_ELEMENT):
        words = []
        for part in _PART.findall(name):
            if part.islower():
                words.append(part)
            else:
                words.extend(word.lower() for word in _WORD.findall(part))
        found.extend(words)
        if len(words) >= 2:
            found.extend([f"{a}-{b}" for a, b in pairwise(words)])
            found.extend([f"{a}-{b}-{c}" for a, b, c in zip(words, words[1:], words[2:])])
    return tuple(found)


def item_type(value: str) -> list[str]:
    """schema.org type names of an ``itemtype`` value (``https://schema.org/FAQPage`` gives ``FAQPage``)."""
    return [url.rstrip("/").rsplit("/", 1)[-1] for url in islice(value[:_MAX_VALUE].split(), 4)]


class Walker:
    """Builds the :class:`Structure` of each element as a tree is walked from the root down."""

    __slots__ = ("_anchors", "_vocabulary")

    def __init__(self) -> None:
        self._vocabulary = load_vocabulary()
        self._anchors = 0

    def enter(self, el: Any, parent: Structure, block_tag: bool) -> Structure:
        """The structure inside element ``el`` (whose parent's is ``parent``). Only a block-level
        element (``block_tag``) adds its tag to the path; any element adds its attributes."""
        tag = el.tag
        get = el.get
        classes, ident, role, itemtype, itemprop = (
            get("class"),
            get("id"),
            get("role"),
            get("itemtype"),
            get("itemprop"),
        )
        if not (classes or ident or role or itemtype or itemprop):
            if not block_tag:
                return parent
            if tag not in self._vocabulary.tags:
                return _deeper(parent, tag)
        # most class and id values name nothing structure.toml knows: their known words key the cache
        words, roles, types, props, named = _own_evidence(
            tag if block_tag else None,
            _known_words(classes[:_MAX_VALUE]) if classes else (),
            _known_words(ident[:_MAX_VALUE]) if ident else (),
            role[:_MAX_VALUE] if role else None,
            itemtype[:_MAX_VALUE] if itemtype else None,
            itemprop[:_MAX_VALUE] if itemprop else None,
        )
        if not (words or roles or types or props or named):
            if not block_tag:
                return parent
            return _deeper(parent, tag)
        kind, anchor, evidence = parent.kind, parent.anchor, parent.evidence
        if named is not None and named[0] != parent.kind:
            self._anchors += 1
            kind, anchor, evidence = named[0], self._anchors, named[1]
        return Structure(
            parent.path[-(MAX_PATH - 1) :] + (tag,) if block_tag else parent.path,
            _bounded_union(parent.words, words),
            parent.roles.union(roles) if roles else parent.roles,
            parent.types.union(types) if types else parent.types,
            parent.props.union(props) if props else parent.props,
            kind,
            anchor,
            evidence,
        )


def _deeper(parent: Structure, tag: str) -> Structure:
    """``parent`` inside a block-level element ``tag`` that says nothing of its own: only the path grows."""
    return Structure(
        parent.path[-(MAX_PATH - 1) :] + (tag,),
        parent.words,
        parent.roles,
        parent.types,
        parent.props,
        parent.kind,
        parent.anchor,
        parent.evidence,
    )


@functools.lru_cache(maxsize=16384)
def _own_evidence(
    tag: str | None,
    class_words: tuple[str, ...],
    id_words: tuple[str, ...],
    role: str | None,
    itemtype: str | None,
    itemprop: str | None,
) -> tuple[tuple[str, ...], list[str], list[str], list[str], tuple[str, str] | None]:
    """An element's own known words, roles, types, properties and the kind they name: computed once per
    distinct set of values (each at most 256 characters, so the cache stays within a few megabytes)."""
    words = class_words + id_words if id_words else class_words
    roles = role.lower().split()[:4] if role else []
    types = item_type(itemtype) if itemtype else []
    props = itemprop.split()[:4] if itemprop else []
    return words, roles, types, props, load_vocabulary().kind_of(words, roles, types, props, tag)


def _bounded_union(kept: frozenset[str], new: Sequence[str]) -> frozenset[str]:
    if not new or len(kept) >= MAX_WORDS or kept.issuperset(new):
        return kept
    return kept.union(islice(dict.fromkeys(new), MAX_WORDS - len(kept)))


def with_inline(structure: Structure, inline: Structure) -> Structure:
    """``structure`` with the item properties and words that an inline element inside the block adds."""
    props = structure.props | inline.props
    words = _bounded_union(
        structure.words, sorted(inline.words - structure.words)
    )  # sorted: the same words kept in every run
    if props == structure.props and words == structure.words:
        return structure
    return Structure(
        structure.path,
        words,
        structure.roles,
        structure.types,
        props,
        structure.kind,
        structure.anchor,
        structure.evidence,
    )


def parse_jsonld(script: str) -> Any:
    """A JSON-LD script's data (None if it is longer than :data:`MAX_SCRIPT_CHARS` or not JSON)."""
    if len(script) > MAX_SCRIPT_CHARS:
        return None
    try:
        return json.loads(script)
    except (ValueError, RecursionError):
        return None


def jsonld_nodes(data: Any) -> Iterator[Any]:
    """Every object and array of parsed JSON-LD ``data``, depth first (a caller bounds how many it reads)."""
    stack = [data]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))


def jsonld_types(scripts: Iterable[str]) -> list[str]:
    """The ``@type`` values of a page's JSON-LD scripts (bounded: a script of over 200,000 characters
    is not read, and at most 64 types are listed)."""
    found: dict[str, None] = {}
    for script in scripts:
        for item in jsonld_nodes(parse_jsonld(script)):
            if len(found) >= _MAX_JSONLD_TYPES:
                break
            if isinstance(item, dict):
                kind = item.get("@type")
                for name in kind if isinstance(kind, list) else [kind]:
                    if isinstance(name, str) and len(name) <= 64:
                        found.setdefault(name.rsplit("/", 1)[-1], None)
    return list(found)[:_MAX_JSONLD_TYPES]


def is_field_line(text: str) -> bool:
    """Whether a line reads ``Label: value`` (a short label, a colon, a value)."""
    return len(text) <= 200 and bool(_FIELD_LINE.match(text))


def find_sections(blocks: Sequence[Any]) -> list[Section]:
    """Group a page's blocks into sections.

    Blocks follow their section container (:attr:`Structure.anchor`): a run of blocks in one container
    is one section, named by the container's kind. Where markup names nothing (plain text, bare
    ``<p>`` soup, or inside the article body), a run of question/answer pairs is an ``faq`` section and
    a run of three or more ``Label: value`` lines a ``card``; the rest is ``body``, or ``article`` inside
    an article container. Neighbouring sections of one kind are one section (sibling ``<details>``; the
    "Frequently asked questions" heading of a Q&A run above the FAQ container), and a heading just above
    a section of another kind opens it ("People also ask" above the block it names).
    """
    vocabulary = load_vocabulary()
    fields = _field_runs(blocks)
    qa_starts = _qa_run_starts(blocks)
    runs: list[_Run] = []
    # a promotion box, an author card or a sidebar is short: a container of that name holding an article's
    # worth of main text is the article
    chars: Counter[int] = Counter()
    for block in blocks:
        if getattr(block, "in_main_text", True):
            chars[(getattr(block, "structure", None) or NO_STRUCTURE).anchor] += len(block.text)
    for i, block in enumerate(blocks):
        structure: Structure = getattr(block, "structure", None) or NO_STRUCTURE
        marked = structure.kind
        if marked in SHORT_KINDS and chars[structure.anchor] > MAX_SHORT_SECTION:
            marked = "article"
        key: tuple[str, int]
        evidence: str | None
        field_run = fields[i]
        if marked in (None, "article") and field_run is not None:
            key, kind, evidence = ("shape", field_run), "card", "a run of 'Label: value' lines"
        elif marked in (None, "article") and block.qa_run >= 2:
            key, kind, evidence = ("shape", -1 - qa_starts[i]), "faq", "a run of question/answer pairs"
        else:
            key, kind = ("anchor", structure.anchor), marked or "body"
            evidence = (
                f"{structure.evidence} ({vocabulary.descriptions[marked]})"
                if marked == structure.kind and marked and structure.evidence
                else f"{structure.evidence}, but too long for a {structure.kind} section"
                if marked and structure.evidence
                else None
            )
        if runs and runs[-1].key == key:
            runs[-1].add(i, evidence)
        else:
            runs.append(_Run(key, kind, [i], [evidence] if evidence else []))
    merged: list[_Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last is not None and last.kind == run.kind:
            # one kind of section in a row is one section (sibling <details>, a shape and its container)
            last.absorb(run)
        elif (
            last is not None
            and last.kind in ("body", "article")
            and run.kind not in ("body", "article")
            and blocks[last.blocks[-1]].kind == "heading"
        ):
            heading = last.blocks.pop()
            run.blocks.insert(0, heading)
            if not last.blocks:
                merged.pop()
            merged.append(run)
        else:
            merged.append(run)
    return [
        Section(index=n, kind=run.kind, blocks=run.blocks, evidence=run.evidence)
        for n, run in enumerate(merged)
    ]


@dataclass(slots=True)
class _Run:
    key: tuple[str, int]
    kind: str
    blocks: list[int]
    evidence: list[str]

    def add(self, i: int, evidence: str | None) -> None:
        self.blocks.append(i)
        if evidence and evidence not in self.evidence:
            self.evidence.append(evidence)

    def absorb(self, other: _Run) -> None:
        self.blocks.extend(other.blocks)
        self.evidence.extend(e for e in other.evidence if e not in self.evidence)
        if self.key[0] == "shape":
            self.key = other.key


def _qa_run_starts(blocks: Sequence[Any]) -> list[int]:
    """For each block, where the stretch of question/answer blocks it is in starts (one pass: walking back
    from every block of a long run would cost its length squared)."""
    starts: list[int] = []
    for i in range(len(blocks)):
        starts.append(starts[i - 1] if i and blocks[i - 1].qa_run else i)
    return starts


def _field_runs(blocks: Sequence[Any]) -> list[int | None]:
    """For each block, the start of the run of three or more field-line blocks it is in (else None). A
    block of several ``<br>`` lines counts when most of its lines are field lines."""
    flags = []
    for block in blocks:
        lines = block.text.split("\n")
        flags.append(
            block.qa_role != "question"
            and len(lines) <= 40
            and sum(map(is_field_line, lines)) * 2 > len(lines)
        )
    runs: list[int | None] = [None] * len(blocks)
    i = 0
    while i < len(blocks):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and flags[j]:
            j += 1
        multi = j - i == 1 and blocks[i].text.count("\n") >= 2
        if j - i >= 3 or multi:
            for k in range(i, j):
                runs[k] = i
        i = j
    return runs
