"""What each block is about, beside the words it shares with its page: cosines of static word vectors.

Word overlap (:mod:`~detector.signals._similarity`) cannot tell a namesake's paragraph from an honest one
that happens to use other words: "Pinch out the growing tip when plants reach three pairs of leaves" and
"It was terrifying, she said" share nothing with a story about a ferry that ran aground. Meaning can: the
first is about gardening. Each block here is the sum of the vectors of its content words (the subject's
names left out, so a shared name says nothing), compared with the page's lead (its title and first
substantial blocks), its body, and with its neighbours and its section around it.

The vectors (``word_vectors.npz``, built by :mod:`detector.training.word_vectors`) hold about 22,500 English
words in 128 dimensions; they are read once per process, without pickle. A page costs one table lookup per
word and a few dot products per block.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ..page.extract import Block

#: The file of words and vectors, beside this module.
VECTORS_FILE = "word_vectors.npz"


@functools.cache
def word_vectors() -> tuple[dict[str, int], np.ndarray]:
    """The words (each to its row) and their unit vectors (float32), read once per process."""
    with resources.files("detector.signals").joinpath(VECTORS_FILE).open("rb") as fh:
        data = np.load(fh, allow_pickle=False)
        words, vectors = data["words"].tolist(), data["vectors"].astype(np.float32)
    return {word: row for row, word in enumerate(words)}, vectors


@dataclass(slots=True)
class Meanings:
    """Each block's cosine, in meaning, to its page's lead (``lead``), to the rest of the body (``body``),
    and of the block with its two neighbours (``window``) and of its section (``section``) to the lead."""

    lead: list[float]
    body: list[float]
    window: list[float]
    section: list[float]


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 1e-9 else vector * 0.0


def meaning_similarities(
    title_words: Sequence[str],
    block_words: Sequence[Sequence[str]],
    blocks: Sequence[Block],
    reference: Sequence[int],
    lead: Sequence[int],
    sections: np.ndarray,
    subject_words: set[str],
) -> Meanings:
    """The meaning similarities of each block (see :class:`Meanings`).

    ``title_words`` and ``block_words``: the content words of the title and of each block (lower case);
    ``reference``: the blocks that make the page's body; ``lead``: its first substantial blocks;
    ``sections``: the section of each block; ``subject_words``: the subject's names, left out.
    """
    index, table = word_vectors()
    n, dims = len(blocks), table.shape[1]
    sums = np.zeros((n, dims), dtype=np.float32)
    for i, words in enumerate(block_words):
        rows = [index[w] for w in words if w not in subject_words and w in index]
        if rows:
            sums[i] = table[rows].sum(axis=0)
    norms = np.linalg.norm(sums, axis=1)
    units = np.divide(sums, norms[:, None], out=np.zeros_like(sums), where=norms[:, None] > 1e-9)
    title_rows = [index[w] for w in title_words if w not in subject_words and w in index]
    title = _unit(table[title_rows].sum(axis=0)) if title_rows else np.zeros(dims, dtype=np.float32)
    in_lead = np.zeros(n, dtype=bool)
    in_lead[list(lead)] = True
    in_reference = np.zeros(n, dtype=bool)
    in_reference[list(reference)] = True
    lead_vector = title + units[in_lead].sum(axis=0)
    body_vector = sums[in_reference].sum(axis=0)
    # each block against the lead and the body without itself
    own_lead = lead_vector[None, :] - units * in_lead[:, None]
    own_body = body_vector[None, :] - sums * in_reference[:, None]
    padded = np.vstack([np.zeros((1, dims), np.float32), sums, np.zeros((1, dims), np.float32)])
    windows = padded[:-2] + padded[1:-1] + padded[2:]
    # each section against the lead without the section's own lead blocks (the whole lead when that
    # leaves nothing: the section that holds the lead is on the subject by definition)
    n_sections = int(sections.max()) + 1 if n else 0
    section_sums = np.zeros((n_sections, dims), np.float32)
    np.add.at(section_sums, sections, sums)
    section_leads = np.zeros((n_sections, dims), np.float32)
    np.add.at(section_leads, sections, units * in_lead[:, None])
    rest = lead_vector[None, :] - section_leads
    empty = np.linalg.norm(rest, axis=1) < 1e-6
    rest[empty] = lead_vector
    return Meanings(
        lead=_cosines(sums, own_lead),
        body=_cosines(sums, own_body),
        window=_cosines(windows, own_lead),
        section=np.asarray(_cosines(section_sums, rest))[sections].tolist() if n else [],
    )


def _cosines(a: np.ndarray, b: np.ndarray) -> list[float]:
    """Row-wise cosines of ``a`` and ``b`` (0 where either row is empty)."""
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    ok = (na > 1e-9) & (nb > 1e-9)
    dots = np.einsum("ij,ij->i", a, b)
    return np.divide(dots, na * nb, out=np.zeros(len(a)), where=ok).tolist()
