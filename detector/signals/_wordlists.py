"""The named word lists of ``rules.toml`` (its ``[lists]`` table).

A rule's pattern uses a list as ``{name}``: any one of its words or phrases, as written. The page context
reads some of the shipped lists too (profile field names, the unnamed crowds a claim may be credited to),
so that each list has one home.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from ..exceptions import RuleError

#: Where a pattern names a list: ``{name}`` (a quantifier ``{m,n}`` holds digits, never a name).
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any one of ``words`` as written, the longest tried first.

    The words are laid out as a trie (``insider(?:s|)``, ``a(?: little bird| birdie|...)``): ``re`` tries
    the alternatives of a group one after the other at every position it searches, so a flat list of a
    hundred phrases costs a hundred tests per position, a trie a test per distinct first letter. Words that
    part at some letter cannot both match at one position, and along one path the longer word comes first:
    the match is the one the flat list, longest first, gives.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    def depth(child: dict[str, dict]) -> int:
        return max((depth(grandchild) + 1 for key, grandchild in child.items() if key), default=0)

    branches = [
        re.escape(char) + _trie_pattern(child)
        for char, child in sorted(
            ((char, child) for char, child in node.items() if char), key=lambda item: -depth(item[1])
        )
    ]
    if "" in node:  # a word ends here: the empty branch, tried last
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def parse_lists(data: Mapping[str, Any], origin: str) -> dict[str, tuple[str, ...]]:
    """The ``[lists]`` table of a parsed rule file, validated: each a non-empty array of non-empty strings."""
    lists = data.get("lists", {})
    if not isinstance(lists, dict):
        raise RuleError(f"{origin}: [lists] must be a table of word lists")
    for name, words in lists.items():
        if not _PLACEHOLDER.fullmatch(f"{{{name}}}"):
            raise RuleError(f"{origin}: list {name!r}: names are lower_snake_case")
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise RuleError(f"{origin}: list {name!r}: expected a non-empty array of non-empty strings")
    return {name: tuple(words) for name, words in lists.items()}


def expand(pattern: str, lists: Mapping[str, tuple[str, ...]], where: str) -> str:
    """``pattern`` with each ``{name}`` replaced by the :func:`alternation` of the list ``name``."""

    def words_of(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in lists:
            raise RuleError(f"{where}: unknown list {{{name}}}; known: {sorted(lists)}")
        return alternation(lists[name])

    return _PLACEHOLDER.sub(words_of, pattern)


@functools.cache
def shipped_rule_file() -> dict[str, Any]:
    """The parsed ``rules.toml`` shipped in the package (read once per process)."""
    text = resources.files("detector.signals").joinpath("rules.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def shipped_list(name: str) -> tuple[str, ...]:
    """The word list ``name`` of the shipped ``rules.toml``."""
    return parse_lists(shipped_rule_file(), SHIPPED_ORIGIN)[name]


#: How errors name the shipped rule file.
SHIPPED_ORIGIN = "detector/signals/rules.toml"
