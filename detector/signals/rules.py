"""The rule set: loading and validating ``rules.toml`` into a :class:`RuleSet`.

A rule has an ``id``, a ``category`` (one of the labels), a ``description`` a moderator reads, and
a regular expression ``pattern``, the name of a computed ``check`` (:mod:`detector.signals._checks`), or
both. ``weight`` is the hand-set prior; the weight the model actually uses is learned in training from
the labelled corpus. ``examples_hit`` and ``examples_miss`` are run as tests. :mod:`detector.signals._engine`
runs the rules over a page.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import RuleError
from ..labels import LABELS, NEUTRAL_LABELS, SPAM_LABELS
from ..page.extract import Block
from . import _engine
from ._checks import resolve
from ._engine import RuleHit
from ._prefilter import LiteralFilter, LiteralIndex
from ._sources import NAMED_SOURCE_FILTERS
from ._wordlists import SHIPPED_ORIGIN, expand, parse_lists, shipped_rule_file
from .context import PageContext

__all__ = ["Example", "Rule", "RuleHit", "RuleSet", "default_rules", "load_rules", "parse_rules"]

#: An example of ``rules.toml``: a paragraph, or a table ``{text, page}`` (the paragraph inside a page).
Example = str | dict[str, str]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the rule set."""

    id: str
    category: str
    description: str
    weight: float
    pattern: re.Pattern[str] | None = None
    check: str | None = None
    unless_source: bool = False
    decides: bool = False
    examples_hit: tuple[Example, ...] = ()
    examples_miss: tuple[Example, ...] = ()
    prefilter: LiteralFilter | None = None  # built from ``pattern``: skips blocks it cannot match
    #: ``"en"``: the rule reads English words, and does not run on a paragraph in another language;
    #: ``"any"``: it reads the page's structure only (positions, similarity, prices), in any language
    language: str = "en"

    def match(self, block: Block, ctx: PageContext) -> str | None:
        """Return the evidence if the rule fires on ``block``, else None."""
        return next((evidence for _, evidence in _engine.scan(self, [block], ctx)), None)


class RuleSet:
    """An ordered, validated collection of rules."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        #: rule id -> the label it gives, for the rules that decide (``decides = true``)
        self.decides = {r.id: r.category for r in rules if r.decides}
        self._index: LiteralIndex | None = None

    @property
    def index(self) -> LiteralIndex:
        """One automaton over the literal prefilters of every rule and of the page context's named-source
        detection."""
        if self._index is None:
            self._index = LiteralIndex(
                [r.prefilter for r in self.rules if r.prefilter is not None] + list(NAMED_SOURCE_FILTERS)
            )
        return self._index

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def apply(self, ctx: PageContext, foreign: Iterable[int] = ()) -> list[list[RuleHit]]:
        """Run every rule on every block of a page; return the hits per block, in rule order. On the blocks
        ``foreign`` (indices of paragraphs in another language than the rules'), only rules of language
        ``any`` count."""
        hits = _engine.apply(self, ctx)
        for index in foreign:
            hits[index] = [hit for hit in hits[index] if hit.rule.language == "any"]
        return hits

    def decided_labels(self, labels: Iterable[str], fired: Iterable[Iterable[str]]) -> list[str | None]:
        """The label a rule that decides (``decides = true``) gives each paragraph the model found no spam in.

        ``labels``: the model's label of each paragraph; ``fired``: the ids of the rules that fired on
        each. Returns, per paragraph, the category of the first rule that decides and fired on it when the
        model's label is ``credible`` or ``boilerplate``, else None (the model's label stands).
        """
        return [None if rid is None else self.decides[rid] for rid in self.decided_by(labels, fired)]

    def decided_by(self, labels: Iterable[str], fired: Iterable[Iterable[str]]) -> list[str | None]:
        """The id of the rule that decides each paragraph's label (see :meth:`decided_labels`), or None: a
        report's ``decided_by``."""
        decides = self.decides
        return [
            next((rid for rid in ids if rid in decides), None) if label in NEUTRAL_LABELS else None
            for label, ids in zip(labels, fired, strict=True)
        ]


_RULE_KEYS = {
    "id",
    "category",
    "description",
    "weight",
    "pattern",
    "check",
    "flags",
    "unless_source",
    "decides",
    "examples_hit",
    "examples_miss",
    "language",
}
#: The values of a rule's ``language``.
RULE_LANGUAGES = ("en", "any")
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def parse_rules(data: dict[str, Any], origin: str = "<rules>") -> RuleSet:
    """Validate the parsed TOML of a rule file and build a :class:`RuleSet`.

    Raises
    ------
    RuleError
        With the rule id and the problem, for any invalid rule.
    """
    lists = parse_lists(data, origin)
    items = data.get("rule")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{origin}: expected a non-empty array of [[rule]] tables")
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        rid = item.get("id", f"#{n}")
        where = f"{origin}: rule {rid}"
        unknown = set(item) - _RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("id", "category", "description"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise RuleError(f"{where}: '{key}' must be a non-empty string")
        if not re.fullmatch(r"[A-Z][A-Z0-9_]+", rid):
            raise RuleError(f"{where}: ids are UPPER_SNAKE_CASE")
        if rid in seen:
            raise RuleError(f"{where}: duplicate id")
        seen.add(rid)
        if item["category"] not in LABELS:
            raise RuleError(f"{where}: category {item['category']!r} is not one of {LABELS}")
        if not isinstance(item.get("weight"), (int, float)):
            raise RuleError(f"{where}: 'weight' must be a number")
        if "pattern" not in item and "check" not in item:
            raise RuleError(f"{where}: needs a 'pattern' or a 'check'")
        if "check" in item:
            try:
                resolve(item["check"])
            except RuleError as exc:
                raise RuleError(f"{where}: {exc}") from None
        if item.get("language", "en") not in RULE_LANGUAGES:
            raise RuleError(f"{where}: 'language' must be one of {RULE_LANGUAGES}")
        if not isinstance(item.get("decides", False), bool):
            raise RuleError(f"{where}: 'decides' must be true or false")
        if item.get("decides") and item["category"] not in SPAM_LABELS:
            raise RuleError(f"{where}: only a rule of a spam category can decide a label")
        pattern = None
        if "pattern" in item:
            flags = 0
            for f in item.get("flags", "i"):
                if f not in _FLAGS:
                    raise RuleError(f"{where}: unknown regex flag {f!r}")
                flags |= _FLAGS[f]
            try:
                pattern = re.compile(expand(item["pattern"], lists, where), flags)
            except re.error as exc:
                raise RuleError(f"{where}: bad pattern: {exc}") from exc
        hits, misses = item.get("examples_hit", []), item.get("examples_miss", [])
        if not hits or not misses:
            raise RuleError(f"{where}: needs at least one of examples_hit and of examples_miss")
        rules.append(
            Rule(
                id=rid,
                category=item["category"],
                description=item["description"].strip(),
                weight=float(item["weight"]),
                pattern=pattern,
                check=item.get("check"),
                prefilter=LiteralFilter(pattern) if pattern is not None else None,
                unless_source=bool(item.get("unless_source", False)),
                decides=item.get("decides", False),
                examples_hit=tuple(hits),
                examples_miss=tuple(misses),
                language=item.get("language", "en"),
            )
        )
    return RuleSet(rules)


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Load and validate a rule file (default: the ``rules.toml`` shipped in the package)."""
    if path is None:
        return default_rules()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc
    return parse_rules(data, str(path))


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rule set, loaded and validated once per process."""
    return parse_rules(shipped_rule_file(), SHIPPED_ORIGIN)
