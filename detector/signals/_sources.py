"""Named sources: whether a paragraph says where its claim comes from ("told Variety", "court filings show")."""

from __future__ import annotations

import re

from ._prefilter import LiteralFilter, LiteralIndex, WordIndex
from ._wordlists import alternation, shipped_list

#: What "according to" may credit a claim to without naming a source: rules.toml's unnamed crowds, and more.
_UNNAMED = shipped_list("unnamed_crowds") + (
    "reports",
    "speculation",
    "the internet",
    "online",
    "people",
    "whispers",
    "those",
)

# the ways a sentence names its source, one regular expression each (tried in this order)
_NAMED_SOURCE_WAYS = (
    r"\b(?:told|tells|telling)\s+(?:the\s+)?[A-Z][\w&.]+",
    (
        r"\bin\s+an?\s+(?:interview|statement|podcast|press\ release|filing|op-ed|post|email|letter)\s+(?:with|to|on|for)"
        r"\s+(?:the\s+)?[A-Z]"
    ),
    (
        r"\b(?i:according\ to)\s+(?!(?i:"
        + alternation(_UNNAMED)
        + r")\b)(?:(?i:court|police|the\ [A-Z]|a\ statement|documents|"
        r"records|data|figures|filings|an?\ [a-z]+\ (?:report|study|survey|statement|filing)|official|his\ |her\ |their\ "
        r"|an?\ [A-Z][\w&.-]{1,40}+\ (?:representative|spokes(?:person|man|woman)|official|statement|lawyer|report))"
        r"|[A-Z])"
    ),
    (
        r"\b(?:said|says|wrote|posted|confirmed|announced|denied|explained|added|revealed)\s+(?:in|on|to|at|during)\s+"
        r"(?:a\s+|an\s+|the\s+|his\s+|her\s+|their\s+)?(?:statement|interview|press|court|podcast|post|[A-Z])"
    ),
    (
        r"\b(?:spokes(?:person|man|woman)|representative|publicist|lawyer|attorney|prosecutors?|police|investigators)\b"
        r"[^.]{0,60}\b(?:said|says|confirmed|denied|told|allege[sd]?|stated)\b"
    ),
    r"\b(?i:court\ (?:documents|filings|records|papers)|the\ indictment|the\ lawsuit|the\ complaint|the\ filing)\b",
    # a quotation of 13 characters or more ending in , . ! or ?, then its speaker: the quotation runs to the next
    # quotation mark of any kind (an opening one ends it too), so that no opening mark is scanned past twice
    (
        r"[\"“][^\"“”]{13,}+(?<=[,.!?])[\"”]\s*+,?\s*+(?:he|she|they|the\s++[a-z]++(?:\s[a-z]++)?"
        r"|[A-Z][\w.]++(?:\s[A-Z][\w.]++)?)\s++(?:said|says|told|added|wrote|explained|recalled)"
    ),
    r"\b(?:he|she|they)\s+(?:said|told|wrote|explained|added)\b",
    # a named speaker, maybe their title, then a quotation: 'Dr Rachel Ekwueme, clinical director, said: "..."'
    (
        r"\b[A-Z][\w'’.-]{0,40}+(?:\ [A-Z][\w'’.-]{0,40}+){1,3},[^\"“.]{0,120}?\b(?:said|says|added|explained)"
        r"\s*+:\s*+[\"“]"
    ),
    # a name of one or two words of at most 61 characters each: a start inside a long run of capitals and
    # dots ("A.A.A.") would otherwise scan to the run's end again
    (
        r"\b(?!(?i:" + alternation(shipped_list("vague_subjects")) + r")\b)"
        r"[A-Z][\w.]{1,60}+(?:\s[A-Z][\w.]{1,60}+)?\s++"
        r"(?:reported|reports|has\ reported|first\ reported|confirmed|revealed)\b"
    ),
)
_NAMED_SOURCE = re.compile("|".join(f"(?:{way})" for way in _NAMED_SOURCE_WAYS))

#: The literal prefilter of named-source detection, one per way of naming a source (a rule set's
#: literal index includes them).
NAMED_SOURCE_FILTERS = tuple(LiteralFilter(re.compile(way)) for way in _NAMED_SOURCE_WAYS)
NAMED_SOURCE_INDEX = LiteralIndex(NAMED_SOURCE_FILTERS)


def _search_source(text: str, index: int, words: WordIndex) -> re.Match[str] | None:
    """``_NAMED_SOURCE.search(text)`` for block ``index``, each way tried only where its words are: the
    leftmost match of the ways, the first way among those matching there (as the alternation picks)."""
    best = None
    for way in NAMED_SOURCE_FILTERS:
        if (
            words.could_match(way, index)
            and (found := way.pattern.search(text)) is not None
            and (best is None or found.start() < best.start())
        ):
            best = found
    return best


def named_sources(texts: list[str], words: WordIndex) -> list[str | None]:
    """The words by which each of the page's blocks ``texts`` names its source, or None.

    ``words`` has indexed :data:`NAMED_SOURCE_INDEX` (or a literal index holding its filters)."""
    may_name = frozenset().union(
        *(
            range(len(texts)) if (found := words.candidates(way)) is None else found
            for way in NAMED_SOURCE_FILTERS
        )
    )  # the blocks where some way may match
    sources: list[str | None] = []
    for i, text in enumerate(texts):
        match = _search_source(text, i, words) if i in may_name else None
        sources.append(match.group().strip() if match else None)
    return sources
