"""Page context: what each block says relative to the rest of its page.

Computed once per page and shared by the computed rule checks and the classifier's features:
similarity to the page's subject (title, lead, body), names that appear nowhere else in the
article, runs of ``Field: value`` lines, and whether a claim names its source.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..page.extract import Page
from .hedges import weasel_sentences, weasel_starts
from .prefilter import LiteralFilter, LiteralIndex, fold

_TOKEN = re.compile(r"[a-z][a-z'’]+[a-z]|[a-z]{3,}")
_HAS_CAPITAL = re.compile(r"[A-Z]")
# a capitalised word not preceded by a word character or an apostrophe (the look-behind comes after the
# capital, so that ``re`` still tries capitals only)
_NAME = re.compile(r"[A-Z](?<![\w’'][A-Z])[a-z]+(?:[’'][a-z]+)?")
_CAPITALISED_STOP_WORDS = frozenset(word.capitalize() for word in ENGLISH_STOP_WORDS)

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
# the ways a sentence names its source, one regular expression each (tried in this order)
_NAMED_SOURCE_WAYS = (
    r"\b(?:told|tells|telling)\s+(?:the\s+)?[A-Z][\w&.]+",
    (
        r"\bin\s+an?\s+(?:interview|statement|podcast|press\ release|filing|op-ed|post|email|letter)\s+(?:with|to|on|for)"
        r"\s+(?:the\s+)?[A-Z]"
    ),
    (
        r"\b(?i:according\ to)\s+(?!(?i:fans|rumou?rs|some|many|reports|sources|insiders|speculation|social\ media|"
        r"the\ internet|online|people|gossip|whispers|those)\b)(?:(?i:court|police|the\ [A-Z]|a\ statement|documents|"
        r"records|data|figures|filings|an?\ [a-z]+\ (?:report|study|survey|statement|filing)|official|his\ |her\ |their\ )"
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
    # a name of one or two words of at most 61 characters each: a start inside a long run of capitals and
    # dots ("A.A.A.") would otherwise scan to the run's end again
    (
        r"\b[A-Z][\w.]{1,60}+(?:\s[A-Z][\w.]{1,60}+)?\s++"
        r"(?:reported|reports|has\ reported|first\ reported|confirmed|revealed)\b"
    ),
)
_NAMED_SOURCE = re.compile("|".join(f"(?:{way})" for way in _NAMED_SOURCE_WAYS))

#: The literal prefilter of named-source detection, one per way of naming a source (a rule set's
#: literal index includes them).
NAMED_SOURCE_FILTERS = tuple(LiteralFilter(re.compile(way)) for way in _NAMED_SOURCE_WAYS)
_NAMED_SOURCE_INDEX = LiteralIndex(NAMED_SOURCE_FILTERS)


def _search_source(text: str, index: int, context: PageContext) -> re.Match | None:
    """``_NAMED_SOURCE.search(text)`` for block ``index``, each way tried only where its words are: the
    leftmost match of the ways, the first way among those matching there (as the alternation picks)."""
    best = None
    for way in NAMED_SOURCE_FILTERS:
        if (
            context.could_match(way, index)
            and (found := way.pattern.search(text)) is not None
            and (best is None or found.start() < best.start())
        ):
            best = found
    return best


def content_words(text: str) -> list[str]:
    """Lower-case word tokens of three letters or more, without English stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]


def names_in(text: str) -> list[str]:
    """Capitalised words that are not simply the first word of a sentence."""
    names = []
    for match in _NAME.finditer(text):
        word = match.group()
        if word in _CAPITALISED_STOP_WORDS or (len(word) < 4 and _at_sentence_start(text, match.start())):
            continue
        names.append(word)
    return names


_SENTENCE_PUNCTUATION = frozenset('.!?:;"“”‘’(')


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[:start]`` is empty or ends a sentence (punctuation, then only white space).

    Looks back from ``start`` over the white space only: copying the prefix would make :func:`names_in`
    quadratic in the length of the text."""
    if start == 0 or (start == 1 and text[0] == "\n"):
        return True
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_PUNCTUATION


def field_line(text: str) -> str | None:
    """Return the ``Field:`` prefix if ``text`` starts like a profile field line."""
    if ":" not in text and "：" not in text:  # the colon every field line has
        return None
    match = _FIELD_LINE.match(text)
    return match.group(1) if match else None


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
    sim_window: float = 0.0  # the block and its two neighbours together, to the rest of the page's body
    sim_section: float = 0.0  # the blocks under the same heading together, to the rest of the page's body
    sim_unnamed: float = 0.0  # the block to the rest of the body, the subject's names left out of both
    sim_window_unnamed: float = 0.0  # the block and its two neighbours, the subject's names left out of both
    subject_as_word: bool = False  # a name of the page's subject written here in lower case ("pelicans")
    subject_homonym_only: bool = False  # the subject's names here are only those the page also uses as words

    @property
    def sim_max(self) -> float:
        """The block's closest similarity to the page's subject: to the title, the lead or the body."""
        return max(self.sim_title, self.sim_lead, self.sim_body)


@dataclass(slots=True)
class PageContext:
    """Context of every block of a page, in block order."""

    page: Page
    blocks: list[BlockContext]
    subject_names: frozenset[str] = frozenset()
    folded: list[str] = field(default_factory=list)  # each block's text, prefilter.fold-ed
    folded_page: str = ""  # the folded texts joined by NUL: a literal found here lies inside one block
    _blocks_of: dict = field(default_factory=dict, repr=False)  # indexed literal -> blocks it occurs in
    _indexed: set = field(default_factory=set, repr=False)  # the filters whose literals were indexed
    _candidates: dict = field(default_factory=dict, repr=False)  # id(filter) -> frozenset of block indices
    _weasel_share: dict = field(default_factory=dict, repr=False)  # minimum -> share or None

    def __getitem__(self, index: int) -> BlockContext:
        return self.blocks[index]

    def index(self, literal_index: LiteralIndex) -> None:
        """Find where the literals of ``literal_index`` occur on the page, in one pass, for :meth:`candidates`."""
        if literal_index.filters <= self._indexed:
            return
        starts = list(itertools.accumulate((len(f) + 1 for f in self.folded[:-1]), initial=0))
        blocks_of = self._blocks_of
        for end, literal in literal_index.occurrences(self.folded_page):
            blocks_of.setdefault(literal, set()).add(bisect.bisect_right(starts, end) - 1)
        self._indexed |= literal_index.filters

    def candidates(self, literal_filter: LiteralFilter) -> frozenset[int] | None:
        """The blocks holding one of the words every match of the filter's pattern needs (None: no filter)."""
        if literal_filter.literals is None:
            return None
        key = id(literal_filter)
        found = self._candidates.get(key)
        if found is None:
            if literal_filter in self._indexed:
                blocks_of, literals = self._blocks_of, literal_filter.literals
                if len(blocks_of) < len(literals):  # walk the smaller side: usually the few literals found
                    found = frozenset().union(
                        *(blocks for lit, blocks in blocks_of.items() if lit in literals)
                    )
                else:
                    found = frozenset().union(*(blocks_of.get(lit, ()) for lit in literals))
            else:
                literals = literal_filter.present(self.folded_page)
                found = frozenset(
                    i for i, text in enumerate(self.folded) if any(lit in text for lit in literals)
                )
            self._candidates[key] = found
        return found

    def weasel_register(self, minimum: float) -> float | None:
        """The share of the sentences of the page's main text (every block when none is in the main text;
        lists of links left out) that hold a weasel word (:func:`detector.signals.hedges.weasel_sentences`) when it
        is at least ``minimum`` (> 0), else None.

        The weasel words of those blocks are found in one pass. A block holds at least one sentence
        and at most as many weasel sentences as weasel words, so the sentences are counted only when
        that bound lets the share reach ``minimum``.
        """
        if minimum not in self._weasel_share:
            self._weasel_share[minimum] = self._weasel_register(minimum)
        return self._weasel_share[minimum]

    def _weasel_register(self, minimum: float) -> float | None:
        blocks = [b for b in self.page.blocks if b.kind != "links"]
        blocks = [b for b in blocks if b.in_main_text] or blocks
        texts = [self.folded[b.index] for b in blocks]
        starts = weasel_starts(texts)
        most = sum(map(len, starts))  # weasel sentences, at most
        if not most or most < minimum * (most + sum(not s for s in starts)):
            return None
        found = n = 0
        for text, text_starts in zip(texts, starts, strict=True):
            f, k = weasel_sentences(text, text_starts)
            found, n = found + f, n + k
        return found / n if found >= minimum * n else None

    def could_match(self, literal_filter: LiteralFilter, index: int) -> bool:
        """Whether block ``index`` holds one of the words every match of the filter's pattern needs."""
        found = self.candidates(literal_filter)
        return found is None or index in found


def _row_sums(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Per-row sums of the entries ``values`` of rows ``rows`` (empty rows sum to 0)."""
    return np.bincount(rows, weights=values, minlength=n)


def _cosines(
    vectors: sp.csr_matrix, rows: np.ndarray, own_sq: np.ndarray, other: np.ndarray, without: np.ndarray
) -> np.ndarray:
    """Cosine of each row of ``vectors`` with the dense vector ``other``; for rows where ``without`` is
    true, with ``other`` minus the row itself (the row is part of ``other``: the rest of the page)."""
    n = vectors.shape[0]
    v, t = vectors.data, other[vectors.indices]
    other_sq = float(other @ other)
    rest = np.maximum(t - v, 0.0)  # what the rest of the page holds of each of the row's words
    dot = _row_sums(v * np.where(without[rows], rest, t), rows, n)
    rest_sq = np.where(without, other_sq - _row_sums(t * t - rest * rest, rows, n), other_sq)
    ok = (own_sq > 0) & (rest_sq > 1e-12)
    denominator = np.sqrt(np.where(ok, own_sq * rest_sq, 1.0))
    return np.divide(dot, denominator, out=np.zeros(n), where=ok)


def _group_entries(
    vectors: sp.csr_matrix,
    rows: np.ndarray,
    groups: np.ndarray,
    n_groups: int,
    in_ref: np.ndarray,
    spread: int = 0,
) -> tuple[np.ndarray, ...]:
    """Each group of blocks as entries ``(group, word, together, own)``: its vectors summed, and the sum over
    its reference blocks alone (what it puts in the page's body).

    ``rows``: the row of each stored entry of ``vectors``; ``groups``: the group of each block, or with
    ``spread`` > 0 the middle one of the ``2 * spread + 1`` consecutive groups each block belongs to (block
    ``i`` in the windows ``i - spread`` to ``i + spread``). Done on the entries with numpy: a page's groups
    are small, and sparse products would cost more in overhead than in arithmetic.
    """
    m = vectors.shape[1]
    group, column, value = groups[rows], vectors.indices, vectors.data
    if spread:
        offsets = np.arange(-spread, spread + 1)
        group = (group[np.newaxis, :] + offsets[:, np.newaxis]).ravel()
        keep = (group >= 0) & (group < n_groups)
        group, column, value = (
            group[keep],
            np.tile(column, len(offsets))[keep],
            np.tile(value, len(offsets))[keep],
        )
        rows = np.tile(rows, len(offsets))[keep]
    keys, at = np.unique(group * m + column, return_inverse=True)  # one entry per (group, word)
    together = np.bincount(at, weights=value, minlength=len(keys))
    own = np.bincount(at, weights=value * in_ref[rows], minlength=len(keys))
    return keys // m, keys % m, together, own


def _group_cosines(
    entries: tuple[np.ndarray, ...], n_groups: int, body: np.ndarray, left_out: np.ndarray | None = None
) -> np.ndarray:
    """Cosine of each group of :func:`_group_entries` with the page's body minus what the group's own
    reference blocks put in it (the rest of the page); ``left_out``: words left out of both."""
    of, word, together, own = entries
    if left_out is not None:
        body = np.where(left_out, 0.0, body[: len(left_out)])
        together = np.where(left_out[word], 0.0, together)
    total = body[word]
    rest = np.maximum(total - own, 0.0)  # own is within the body, so below it
    together_sq = np.bincount(of, weights=together * together, minlength=n_groups)
    dot = np.bincount(of, weights=together * rest, minlength=n_groups)
    rest_sq = float(body @ body) - np.bincount(of, weights=total * total - rest * rest, minlength=n_groups)
    ok = (together_sq > 0) & (rest_sq > 1e-12)
    denominator = np.sqrt(np.where(ok, together_sq * rest_sq, 1.0))
    return np.divide(dot, denominator, out=np.zeros(n_groups), where=ok)


def _sections(blocks) -> np.ndarray:
    """The section of each block: a heading starts one and belongs to it."""
    ids = np.cumsum([block.kind == "heading" for block in blocks], dtype=np.int64)
    return ids - ids[0] if len(ids) else ids


def _field_lines(text: str, first: str | None) -> int:
    """How many lines of ``text`` are profile field lines (``first``: the match of its first line)."""
    if "\n" not in text:
        return 1 if first else 0
    return sum(1 for line in text.split("\n") if field_line(line))


def _written_as_words(text: str, words: set[str]) -> set[str]:
    """Those of the lower-case ``words`` that ``text`` holds as whole lower-case words (not after a word
    character, an apostrophe or a hyphen, and before no lower-case letter)."""
    found = set()
    for word in words:
        start = text.find(word)
        while start >= 0:
            before, end = text[start - 1 : start], start + len(word)
            if (
                not (before and (before.isalnum() or before in "_’'-"))
                and not "a" <= text[end : end + 1] <= "z"
            ):
                found.add(word)
                break
            start = text.find(word, start + 1)
    return found


#: a title word the page writes in lower case in more than this many times as many blocks as it writes it
#: as a name is a common word the title capitalised, not a name (a homonym drift of a few paragraphs
#: repeats its namesake, but not that often)
COMMON_WORD_RATIO = 3


def _common_words(title_names: set[str], name_counts: Counter, as_words: list[set[str]]) -> set[str]:
    """The subject words (and their plurals) that are common words of the page: see :data:`COMMON_WORD_RATIO`."""
    lower_counts = Counter(
        word for found in as_words for word in {w.removesuffix("s") for w in found} | found
    )
    common = set()
    for name in title_names:
        word = name.lower()
        if lower_counts[word] > COMMON_WORD_RATIO * name_counts.get(name, 0):
            common |= {word, word + "s"}
    return common


def _homonym_only(names: list[str], as_words: set[str], subject_words: set[str], homonyms: set[str]) -> bool:
    """Whether a block names the subject only by words the page also writes as common words ("Pelicans
    use the pouch..." on a page about Pelican Mutual), with no other name of the subject."""
    if not homonyms:
        return False
    named = {name.lower() for name in names}.intersection(subject_words)
    return bool(as_words or named & homonyms) and not (named - homonyms)


def build_context(page: Page, index: LiteralIndex | None = None) -> PageContext:
    """Compute the context of every block of ``page``.

    ``index``: the literal index to find on the page, if it holds :data:`NAMED_SOURCE_FILTERS` (as a rule
    set's :attr:`~detector.signals.rules.RuleSet.index` does): one pass over the page serves the rules too.
    """
    blocks = page.blocks
    n = len(blocks)
    texts = [b.text for b in blocks]
    folded = [fold(text) for text in texts]
    context = PageContext(page=page, blocks=[], folded=folded, folded_page="\0".join(folded))
    context.index(
        index if index is not None and _NAMED_SOURCE_INDEX.filters <= index.filters else _NAMED_SOURCE_INDEX
    )
    reference = [
        i for i, b in enumerate(blocks) if b.qa_run < 3 and (b.in_main_text or not page.main_text_found)
    ]
    if not reference:
        reference = list(range(n))
    ref_set = set(reference)

    # blocks as tf-idf vectors over the page's content words; idf is the within-page document
    # frequency (a word on every line says little)
    words = [content_words(text) for text in texts]
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in ws]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(ws) for ws in words], out=indptr[1:])
    m = len(vocabulary)
    vectors = sp.csr_matrix(
        (np.ones(len(columns)), np.asarray(columns, dtype=np.int64), indptr), shape=(n, m)
    )
    vectors.sum_duplicates()
    idf = np.log(1 + n / np.maximum(np.bincount(vectors.indices, minlength=m), 1))
    vectors.data *= idf[vectors.indices]
    rows = np.repeat(np.arange(n), np.diff(vectors.indptr))
    own_sq = _row_sums(vectors.data * vectors.data, rows, n)

    # the title as a vector over the page's words plus one more dimension: the norm of its words
    # found nowhere on the page (they count in its length, never in a dot product)
    title = np.zeros(m + 1)
    for w in dict.fromkeys(content_words(page.title or "")):
        column = vocabulary.get(w)
        if column is None:
            title[m] += 1.0
        else:
            title[column] = idf[column]
    title[m] = np.sqrt(title[m])
    in_ref = np.zeros(n, dtype=bool)
    in_ref[reference] = True
    lead_ids = [i for i in reference if blocks[i].kind != "heading" and len(words[i]) >= 8][:3]
    in_lead = np.zeros(n, dtype=bool)
    in_lead[lead_ids] = True
    body = np.bincount(vectors.indices, weights=vectors.data * in_ref[rows], minlength=m + 1)
    lead = title + np.bincount(vectors.indices, weights=vectors.data * in_lead[rows], minlength=m + 1)
    sim_title = _cosines(vectors, rows, own_sq, title, np.zeros(n, dtype=bool))
    sim_lead = _cosines(vectors, rows, own_sq, lead, in_lead)
    sim_body = _cosines(vectors, rows, own_sq, body, in_ref)
    windows = _group_entries(vectors, rows, np.arange(n), n, in_ref, spread=1)
    sim_window = _group_cosines(windows, n, body)
    section_of = _sections(blocks)
    n_sections = int(section_of[-1]) + 1 if n else 0
    sections = _group_entries(vectors, rows, section_of, n_sections, in_ref)
    sim_section = _group_cosines(sections, n_sections, body)[section_of].tolist()

    name_lists = [names_in(text) if _HAS_CAPITAL.search(text) else [] for text in texts]
    name_counts = Counter(name for i in reference for name in set(name_lists[i]))
    title_names = set(names_in(page.title or ""))
    lower_words: set[str] | None = (
        None  # words written in lower case somewhere on the page, when first needed
    )

    main_ids = [i for i, b in enumerate(blocks) if b.in_main_text] if page.main_text_found else []
    first_main, last_main = (main_ids[0], main_ids[-1]) if main_ids else (-1, n)

    # the title's names that the page writes as names at least twice, in lower case (and their plurals);
    # those the page also writes as common words somewhere may be homonyms ("pelicans" on a page about
    # Pelican Mutual)
    subject_words = {name.lower() for name in title_names if name_counts.get(name, 0) >= 2}
    subject_words |= {word + "s" for word in subject_words}
    joined = "\0".join(texts)
    lower = {word for word in subject_words if word in joined}  # those that may be written in lower case
    as_words = [_written_as_words(text, lower) if lower else set() for text in texts]
    common = _common_words(title_names, name_counts, as_words)
    if common:  # words the title capitalised ("Business Focus: ..."), not names
        subject_words -= common
        as_words = [found - common for found in as_words]
    homonyms = set().union(*as_words)

    # the same similarities with the subject's names left out: a paragraph that shares only a name with
    # the page ("Storm petrels nest in burrows" on a page about Petrel Air) drops to nothing
    named = np.zeros(m, dtype=bool)
    named[[vocabulary[word] for word in subject_words if word in vocabulary]] = True
    if named.any():
        unnamed = vectors.copy()
        unnamed.data[named[unnamed.indices]] = 0.0
        unnamed_body = np.where(np.append(named, False), 0.0, body)
        sim_unnamed = _cosines(
            unnamed, rows, _row_sums(unnamed.data * unnamed.data, rows, n), unnamed_body, in_ref
        )
        sim_window_unnamed = _group_cosines(windows, n, body, left_out=named)
    else:
        sim_unnamed, sim_window_unnamed = sim_body, sim_window
    sim_window, sim_unnamed, sim_window_unnamed = (
        x.tolist() for x in (sim_window, sim_unnamed, sim_window_unnamed)
    )

    field_names = [field_line(text) for text in texts]
    field_counts = [_field_lines(text, name) for text, name in zip(texts, field_names)]
    runs = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and field_names[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)

    sources = frozenset().union(
        *(range(n) if (found := context.candidates(way)) is None else found for way in NAMED_SOURCE_FILTERS)
    )  # the blocks where some way may match
    contexts = []
    for i, (text, names, s_title, s_lead, s_body) in enumerate(
        zip(texts, name_lists, sim_title.tolist(), sim_lead.tolist(), sim_body.tolist())
    ):
        novel = []
        if names:
            own_names = set(names)
            for name in dict.fromkeys(names):
                if (
                    name not in title_names
                    and name_counts.get(name, 0) - (1 if i in ref_set and name in own_names else 0) <= 0
                ):
                    if lower_words is None:
                        lower_words = set(_TOKEN.findall(" ".join(texts).replace("’", "'")))
                    if name.lower() not in lower_words:
                        novel.append(name)
        contexts.append(
            BlockContext(
                position=i / max(n - 1, 1),
                sim_title=s_title,
                sim_lead=s_lead,
                sim_body=s_body,
                names=names,
                novel_names=novel,
                field_name=field_names[i],
                field_lines=field_counts[i],
                field_run=runs[i],
                source=_source_words(_search_source(text, i, context)) if i in sources else None,
                after_main=bool(main_ids) and i > last_main,
                before_main=bool(main_ids) and i < first_main,
                n_words=len(text.split()),
                sim_window=sim_window[i],
                sim_unnamed=sim_unnamed[i],
                sim_window_unnamed=sim_window_unnamed[i],
                sim_section=sim_section[i],
                subject_as_word=bool(as_words[i]),
                subject_homonym_only=_homonym_only(names, as_words[i], subject_words, homonyms),
            )
        )
    context.blocks = contexts
    context.subject_names = frozenset(
        title_names | {name for name, count in name_counts.items() if count >= 2}
    )
    return context
