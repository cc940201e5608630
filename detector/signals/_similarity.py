"""How close each block of a page is to the page's subject: cosines of TF-IDF vectors over the page's
own words, to the title, the lead and the rest of the body, alone, with its neighbours and in its
section, and with the subject's names left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..page.extract import Block
from ._names import content_words


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


def heading_sections(blocks: Sequence[Block]) -> np.ndarray:
    """The section of each block: a heading starts one and belongs to it."""
    ids = np.cumsum([block.kind == "heading" for block in blocks], dtype=np.int64)
    return ids - ids[0] if len(ids) else ids


@dataclass(slots=True)
class Similarities:
    """Each block's cosine similarity to the page's subject (see :class:`~detector.signals.context.BlockContext`)."""

    title: list[float]
    lead: list[float]
    body: list[float]
    window: list[float]
    section: list[float]
    unnamed: list[float]
    window_unnamed: list[float]


def lead_blocks(
    blocks: Sequence[Block], reference: Sequence[int], words: Sequence[Sequence[str]]
) -> list[int]:
    """The page's lead: the first three blocks of ``reference`` that are not headings and hold eight content
    words or more (``words``: each block's content words)."""
    return [i for i in reference if blocks[i].kind != "heading" and len(words[i]) >= 8][:3]


def subject_similarities(
    title_text: str | None,
    blocks: list[Block],
    reference: list[int],
    subject_words: set[str],
    words: Sequence[Sequence[str]] | None = None,
) -> Similarities:
    """The similarities of each of ``blocks`` to the page's subject: its title ``title_text``, its lead
    (:func:`lead_blocks`) and its body (the blocks ``reference``); ``subject_words``: the subject's names, in
    lower case, left out of the unnamed similarities; ``words``: each block's content words, if known."""
    n = len(blocks)
    # blocks as tf-idf vectors over the page's content words; idf is the within-page document
    # frequency (a word on every line says little)
    if words is None:
        words = [content_words(block.text) for block in blocks]
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

    title = _title_vector(title_text, vocabulary, idf)
    in_ref = np.zeros(n, dtype=bool)
    in_ref[reference] = True
    lead_ids = lead_blocks(blocks, reference, words)
    in_lead = np.zeros(n, dtype=bool)
    in_lead[lead_ids] = True
    body = np.bincount(vectors.indices, weights=vectors.data * in_ref[rows], minlength=m + 1)
    lead = title + np.bincount(vectors.indices, weights=vectors.data * in_lead[rows], minlength=m + 1)
    sim_title = _cosines(vectors, rows, own_sq, title, np.zeros(n, dtype=bool))
    sim_lead = _cosines(vectors, rows, own_sq, lead, in_lead)
    sim_body = _cosines(vectors, rows, own_sq, body, in_ref)
    windows = _group_entries(vectors, rows, np.arange(n), n, in_ref, spread=1)
    sim_window = _group_cosines(windows, n, body)
    section_of = heading_sections(blocks)
    n_sections = int(section_of[-1]) + 1 if n else 0
    sections = _group_entries(vectors, rows, section_of, n_sections, in_ref)
    sim_section = _group_cosines(sections, n_sections, body)[section_of].tolist()

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
    return Similarities(
        title=sim_title.tolist(),
        lead=sim_lead.tolist(),
        body=sim_body.tolist(),
        window=sim_window.tolist(),
        section=sim_section,
        unnamed=sim_unnamed.tolist(),
        window_unnamed=sim_window_unnamed.tolist(),
    )


def _title_vector(title_text: str | None, vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """The title as a vector over the page's words plus one more dimension: the norm of its words found
    nowhere on the page (they count in its length, never in a dot product)."""
    m = len(vocabulary)
    title = np.zeros(m + 1)
    for w in dict.fromkeys(content_words(title_text or "")):
        column = vocabulary.get(w)
        if column is None:
            title[m] += 1.0
        else:
            title[column] = idf[column]
    title[m] = np.sqrt(title[m])
    return title
