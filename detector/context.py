"""Page context: what each block says relative to the rest of its page.

Computed once per page and shared by the computed rule checks and the classifier's features:
similarity to the page's subject (title, lead, body), names that appear nowhere else in the
article, runs of ``Field: value`` lines, and whether a claim names its source.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .page import Page
from .prefilter import LiteralFilter, LiteralIndex, fold

_TOKEN = re.compile(r"[a-z][a-z'’]+[a-z]|[a-z]{3,}")
_NAME = re.compile(r"(?<![\w’'])[A-Z][a-z]+(?:[’'][a-z]+)?")

BIO_FIELDS = (
    "name", "full name", "real name", "author", "birthday", "born", "date of birth", "birth date", "age",
    "address", "location", "home town", "hometown", "phone", "phone number", "tel", "telephone", "mobile",
    "email", "e-mail", "job", "occupation", "profession", "job title", "hobby", "hobbies", "interests",
    "introduction", "about me", "bio", "biography", "education", "university", "experience", "gender",
    "nationality", "zodiac", "height", "weight", "net worth", "marital status", "website", "company",
)
_FIELD_LINE = re.compile(
    r"^\s*(" + "|".join(sorted((re.escape(f) for f in BIO_FIELDS), key=len, reverse=True)) + r")\s*[:：]\s*\S",
    re.IGNORECASE,
)
_NAMED_SOURCE = re.compile(
    r"""
      \b(?:told|tells|telling)\s+(?:the\s+)?[A-Z][\w&.]+
    | \bin\s+an?\s+(?:interview|statement|podcast|press\ release|filing|op-ed|post|email|letter)\s+(?:with|to|on|for)\s+(?:the\s+)?[A-Z]
    | \b(?i:according\ to)\s+(?!(?i:fans|rumou?rs|some|many|reports|sources|insiders|speculation|social\ media|the\ internet|online|people|gossip|whispers|those)\b)
        (?:(?i:court|police|the\ [A-Z]|a\ statement|documents|records|data|figures|filings|an?\ [a-z]+\ (?:report|study|survey|statement|filing)|official|his\ |her\ |their\ )|[A-Z])
    | \b(?:said|says|wrote|posted|confirmed|announced|denied|explained|added|revealed)\s+(?:in|on|to|at|during)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|their\s+)?
        (?:statement|interview|press|court|podcast|post|[A-Z])
    | \b(?:spokes(?:person|man|woman)|representative|publicist|lawyer|attorney|prosecutors?|police|investigators)\b[^.]{0,60}\b(?:said|says|confirmed|denied|told|allege[sd]?|stated)\b
    | \b(?i:court\ (?:documents|filings|records|papers)|the\ indictment|the\ lawsuit|the\ complaint|the\ filing)\b
    | ["“][^"”]{12,}[,.!?]["”]\s*,?\s*(?:he|she|they|the\s+[a-z]+(?:\s[a-z]+)?|[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\s+(?:said|says|told|added|wrote|explained|recalled)
    | \b(?:he|she|they)\s+(?:said|told|wrote|explained|added)\b
    | \b[A-Z][\w.]+(?:\s[A-Z][\w.]+)?\s+(?:reported|reports|has\ reported|first\ reported|confirmed|revealed)\b
    """,
    re.VERBOSE,
)


_NAMED_SOURCE_FILTER = LiteralFilter(_NAMED_SOURCE)
_NAMED_SOURCE_INDEX = LiteralIndex([_NAMED_SOURCE_FILTER])


def content_words(text: str) -> list[str]:
    """Lower-case word tokens of three letters or more, without English stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]


def names_in(text: str) -> list[str]:
    """Capitalised words that are not simply the first word of a sentence."""
    names = []
    for match in _NAME.finditer(text):
        word = match.group()
        if word.lower() in ENGLISH_STOP_WORDS:
            continue
        if len(word) < 4 and _at_sentence_start(text, match.start()):
            continue
        names.append(word)
    return names


_SENTENCE_PUNCTUATION = frozenset('.!?:;"“”‘’(')


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[:start]`` is empty or ends a sentence (punctuation, then only white space)."""
    prefix = text[:start]
    if prefix in ("", "\n"):
        return True
    stripped = prefix.rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_PUNCTUATION


def field_line(text: str) -> str | None:
    """Return the ``Field:`` prefix if ``text`` starts like a profile field line."""
    match = _FIELD_LINE.match(text)
    return match.group(1) if match else None


def named_source(text: str) -> str | None:
    """Return the words that name a source for the claim, if any."""
    return _source_words(_NAMED_SOURCE_FILTER.search(text))


def _source_words(match: re.Match | None) -> str | None:
    return match.group().strip() if match else None


@dataclass(slots=True)
class BlockContext:
    """What is known about one block from its page."""

    position: float
    sim_title: float
    sim_lead: float
    sim_body: float
    names: list[str]
    novel_names: list[str]
    field_name: str | None
    field_lines: int  # field lines in the block itself
    field_run: int  # consecutive blocks around this one that are field lines
    source: str | None
    after_main: bool
    before_main: bool
    n_words: int


@dataclass(slots=True)
class PageContext:
    """Context of every block of a page, in block order."""

    page: Page
    blocks: list[BlockContext]
    subject_names: frozenset[str] = frozenset()
    folded: list[str] = field(default_factory=list)  # each block's text, prefilter.fold-ed
    folded_page: str = ""  # the folded texts joined by NUL: a pattern's words absent here are absent everywhere
    _present: dict = field(default_factory=dict, repr=False)
    _found: dict = field(default_factory=dict, repr=False)  # LiteralIndex -> literals found on the page

    def __getitem__(self, index: int) -> BlockContext:
        return self.blocks[index]

    def index(self, literal_index: LiteralIndex) -> None:
        """Find all the literals of ``literal_index`` on the page in one pass, for :meth:`present`."""
        if literal_index not in self._found:
            self._found[literal_index] = literal_index.found(self.folded_page)

    def present(self, literal_filter: LiteralFilter) -> tuple[str, ...] | None:
        """The literals of ``literal_filter`` found anywhere on the page (None: the filter has none)."""
        key = id(literal_filter)
        if key not in self._present:
            if literal_filter.literals is None:
                self._present[key] = None
            else:
                found = next((found for index, found in self._found.items() if literal_filter in index.filters), None)
                self._present[key] = (literal_filter.present(self.folded_page) if found is None
                                      else tuple(lit for lit in literal_filter.literals if lit in found))
        return self._present[key]

    def could_match(self, literal_filter: LiteralFilter, index: int) -> bool:
        """Whether block ``index`` holds one of the words every match of the filter's pattern needs."""
        literals = self.present(literal_filter)
        if literals is None:
            return True
        folded = self.folded[index]
        return any(lit in folded for lit in literals)


def _cosine(a: Counter, b: Counter, norm_a: float, norm_b: float) -> float:
    """Cosine of two sparse vectors whose norms are known."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _norm(vector: Counter) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _cosine_without(own: Counter, total: Counter, total_sq: float) -> float:
    """cos(own, total - own) for ``own`` contained in ``total``, in O(len(own)) instead of O(len(total)).

    ``total_sq`` is the squared norm of ``total``.
    """
    if not own:
        return 0.0
    dot = own_sq = cross = 0.0
    for k, v in own.items():
        t = total.get(k, 0.0)
        rest = t - v
        if rest > 0:  # Counter subtraction keeps only positive counts
            dot += v * rest
        cross += t * t - (rest * rest if rest > 0 else 0.0)
        own_sq += v * v
    rest_sq = total_sq - cross
    return dot / math.sqrt(own_sq * rest_sq) if own_sq > 0 and rest_sq > 1e-12 else 0.0


def build_context(page: Page) -> PageContext:
    """Compute the context of every block of ``page``."""
    blocks = page.blocks
    n = len(blocks)
    folded = [fold(b.text) for b in blocks]
    context = PageContext(page=page, blocks=[], folded=folded, folded_page="\0".join(folded))
    context.index(_NAMED_SOURCE_INDEX)
    words = [content_words(b.text) for b in blocks]
    reference = [i for i, b in enumerate(blocks) if b.qa_run < 3 and (b.in_main_text or not page.main_text_found)]
    if not reference:
        reference = list(range(n))
    ref_set = set(reference)

    # term weights: within-page document frequency (a word on every line says little)
    df = Counter(w for ws in words for w in set(ws))
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    vectors = [Counter({w: c * idf[w] for w, c in Counter(ws).items()}) for ws in words]
    body = Counter()
    for i in reference:
        body.update(vectors[i])
    title_vec = Counter({w: idf.get(w, 1.0) for w in content_words(page.title or "")})
    lead_ids = [i for i in reference if blocks[i].kind != "heading" and len(words[i]) >= 8][:3]
    lead_vec = Counter(title_vec)
    for i in lead_ids:
        lead_vec.update(vectors[i])

    name_lists = [names_in(b.text) for b in blocks]
    name_counts = Counter(name for i in reference for name in set(name_lists[i]))
    title_names = set(names_in(page.title or ""))
    lower_words = set(_TOKEN.findall(" ".join(b.text for b in blocks).replace("’", "'")))

    main_ids = [i for i, b in enumerate(blocks) if b.in_main_text] if page.main_text_found else []
    first_main, last_main = (main_ids[0], main_ids[-1]) if main_ids else (-1, n)

    field_names = [field_line(b.text) for b in blocks]
    field_counts = [sum(1 for line in b.text.split("\n") if field_line(line)) for b in blocks]
    runs = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and field_names[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)

    norms = [_norm(vector) for vector in vectors]
    title_norm = _norm(title_vec)
    body_sq = sum(v * v for v in body.values())
    body_norm = math.sqrt(body_sq)
    lead_sq = sum(v * v for v in lead_vec.values())
    lead_norm = math.sqrt(lead_sq)
    contexts = []
    for i, block in enumerate(blocks):
        own = vectors[i]
        names = name_lists[i]
        own_names = set(names)
        novel = [
            name for name in dict.fromkeys(names)
            if name not in title_names
            and name_counts.get(name, 0) - (1 if i in ref_set and name in own_names else 0) <= 0
            and name.lower() not in lower_words
        ]
        contexts.append(BlockContext(
            position=i / max(n - 1, 1),
            sim_title=_cosine(own, title_vec, norms[i], title_norm),
            sim_lead=(_cosine_without(own, lead_vec, lead_sq) if i in lead_ids
                      else _cosine(own, lead_vec, norms[i], lead_norm)),
            sim_body=_cosine_without(own, body, body_sq) if i in ref_set else _cosine(own, body, norms[i], body_norm),
            names=names,
            novel_names=novel,
            field_name=field_names[i],
            field_lines=field_counts[i],
            field_run=runs[i],
            source=(_source_words(_NAMED_SOURCE.search(block.text))
                    if context.could_match(_NAMED_SOURCE_FILTER, i) else None),
            after_main=bool(main_ids) and i > last_main,
            before_main=bool(main_ids) and i < first_main,
            n_words=len(block.text.split()),
        ))
    context.blocks = contexts
    context.subject_names = frozenset(title_names | {name for name, count in name_counts.items() if count >= 2})
    return context

