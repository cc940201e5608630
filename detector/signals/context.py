"""Page context: what each block says relative to the rest of its page.

Computed once per page and shared by the computed rule checks and the classifier's features:
similarity to the page's subject (title, lead, body; :mod:`~detector.signals._similarity`), names that
appear nowhere else in the article and homonyms of the subject (:mod:`~detector.signals._names`), runs of
``Field: value`` lines (:mod:`~detector.signals._fields`), and whether a claim names its source
(:mod:`~detector.signals._sources`). Beside those facts, a :class:`PageContext` holds the page's word index
(:class:`~detector.signals._prefilter.WordIndex`), where the rule engine looks up the blocks a pattern can
match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..page.extract import Page
from ._fields import field_line, field_lines, field_runs
from ._meaning import meaning_similarities
from ._names import content_words, page_names
from ._prefilter import LiteralIndex, WordIndex
from ._similarity import heading_sections, lead_blocks, subject_similarities
from ._sources import NAMED_SOURCE_INDEX, named_sources
from .hedges import weasel_sentences, weasel_starts


@dataclass(slots=True)
class BlockContext:
    """What is known about one block from its page."""

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
    # what the block is about (static word vectors, the subject's names left out): to the lead, to the rest
    # of the body, with its two neighbours to the lead, and its section to the lead (see signals._meaning)
    meaning_lead: float = 0.0
    meaning_body: float = 0.0
    meaning_window: float = 0.0
    meaning_section: float = 0.0

    @property
    def sim_max(self) -> float:
        """The block's closest similarity to the page's subject: to the title, the lead or the body."""
        return max(self.sim_title, self.sim_lead, self.sim_body)


@dataclass(slots=True)
class PageContext:
    """Context of every block of a page, in block order, and the page's word index."""

    page: Page
    blocks: list[BlockContext]
    words: WordIndex  # where the prefilters' literals occur, block by block
    subject_names: frozenset[str] = frozenset()
    _weasel_share: dict[float, float | None] = field(default_factory=dict, repr=False)  # minimum -> share

    def __getitem__(self, index: int) -> BlockContext:
        return self.blocks[index]

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
        texts = [self.words.folded[b.index] for b in blocks]
        starts = weasel_starts(texts)
        most = sum(map(len, starts))  # weasel sentences, at most
        if not most or most < minimum * (most + sum(not s for s in starts)):
            return None
        found = n = 0
        for text, text_starts in zip(texts, starts, strict=True):
            f, k = weasel_sentences(text, text_starts)
            found, n = found + f, n + k
        return found / n if found >= minimum * n else None


def _reference_blocks(page: Page) -> list[int]:
    """The blocks that make the page's body: those of the main text (every block when none was found), Q&A
    runs of three or more left out; every block when that leaves none."""
    reference = [
        i for i, b in enumerate(page.blocks) if b.qa_run < 3 and (b.in_main_text or not page.main_text_found)
    ]
    return reference or list(range(len(page.blocks)))


def build_context(page: Page, index: LiteralIndex | None = None) -> PageContext:
    """Compute the context of every block of ``page``.

    ``index``: the literal index to find on the page, if it holds the named-source filters (as a rule set's
    :attr:`~detector.signals.rules.RuleSet.index` does): one pass over the page serves the rules too.
    """
    blocks = page.blocks
    n = len(blocks)
    texts = [b.text for b in blocks]
    words = WordIndex(texts)
    words.index(
        index if index is not None and NAMED_SOURCE_INDEX.filters <= index.filters else NAMED_SOURCE_INDEX
    )
    reference = _reference_blocks(page)
    names = page_names(page.title, texts, reference)
    block_words = [content_words(text) for text in texts]
    similarity = subject_similarities(page.title, blocks, reference, names.subject_words, block_words)
    meaning = meaning_similarities(
        content_words(page.title or ""),
        block_words,
        blocks,
        reference,
        lead_blocks(blocks, reference, block_words),
        heading_sections(blocks),
        names.subject_words,
    )
    field_names = [field_line(b.text, table_row=b.kind == "table_row") for b in blocks]
    runs = field_runs(field_names)
    sources = named_sources(texts, words)
    main_ids = [i for i, b in enumerate(blocks) if b.in_main_text] if page.main_text_found else []
    first_main, last_main = (main_ids[0], main_ids[-1]) if main_ids else (-1, n)
    contexts = [
        BlockContext(
            sim_title=similarity.title[i],
            sim_lead=similarity.lead[i],
            sim_body=similarity.body[i],
            names=names.of_block[i],
            novel_names=names.novel[i],
            field_name=field_names[i],
            field_lines=field_lines(text, field_names[i]),
            field_run=runs[i],
            source=sources[i],
            after_main=bool(main_ids) and i > last_main,
            before_main=bool(main_ids) and i < first_main,
            n_words=len(text.split()),
            sim_window=similarity.window[i],
            sim_unnamed=similarity.unnamed[i],
            sim_window_unnamed=similarity.window_unnamed[i],
            sim_section=similarity.section[i],
            subject_as_word=bool(names.as_words[i]),
            subject_homonym_only=names.homonym_only[i],
            meaning_lead=meaning.lead[i],
            meaning_body=meaning.body[i],
            meaning_window=meaning.window[i],
            meaning_section=meaning.section[i],
        )
        for i, text in enumerate(texts)
    ]
    return PageContext(page=page, blocks=contexts, words=words, subject_names=names.subject_names)
