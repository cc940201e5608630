"""The second reading of a page: each paragraph reconsidered with what the first reading made of the rest.

A content farm's filler comes in sections: a fake author card is a heading, a name, a credentials line
and a row of engagement counts; a pasted FAQ is a heading and a run of questions and answers; a rumour
box is a catchy heading over three items of hearsay. The first reading judges each paragraph from its
own text, its rules and features of its surroundings, and often gets most of a section right and its
weaker members (the heading, a short line, an item in other words) wrong. The second reading sees the
first reading's probabilities of the paragraph, of the rest of its section, of its two neighbours and of
the page's other sections, and learns how those combine: the stacking of Wolpert's *stacked
generalisation* applied along the page (Cohen and Carvalho's *stacked sequential learning*).

Its training input must look like what it meets when scoring, so it is fitted on **out-of-fold**
first-reading probabilities: each training page's probabilities come from a first-pass model that was
fitted without the page's whole batch (pages written by the same hands), the way a page from the open
web is read by a model that never saw its writer (:func:`detector.training.train.out_of_fold_context`).

Its probabilities are averaged with the first reading's (``weight``), so it can tip a paragraph that the
rest of its section shows to be spam, but it cannot overturn a confident first reading alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..page.extract import Page

_FLOOR = 1e-4  # the smallest probability whose logarithm the features use


@dataclass(frozen=True)
class Layout:
    """Where each block of a page stands: its section (``-1``: in none) and whether it is a heading."""

    sections: np.ndarray
    headings: np.ndarray

    @classmethod
    def of_page(cls, page: Page) -> Layout:
        sections = np.full(len(page.blocks), -1, dtype=np.intp)
        for k, section in enumerate(page.sections):
            sections[list(section.blocks)] = k
        headings = np.array([block.kind == "heading" for block in page.blocks], dtype=bool)
        return cls(sections, headings)

    def __len__(self) -> int:
        return len(self.sections)


def n_features(n_classes: int, n_spam: int) -> int:
    """The width of :func:`context_features`' matrix."""
    return 4 * n_classes + 2 * n_spam + 3


def context_features(proba: np.ndarray, layout: Layout, spam: np.ndarray) -> np.ndarray:
    """The second reading's input, one row per block of a page (``proba``: the first reading's, blocks x
    classes; ``spam``: boolean mask of the spam columns).

    Columns: the block's log-probabilities; the mean probabilities of the other blocks of its section and
    their highest spam probabilities; the probabilities of the blocks before and after it (0 at the
    page's ends); the highest spam probabilities in the page's other sections; whether it is a heading;
    its section's size (blocks other than itself, /20, at most 1); whether its section has other blocks.
    """
    n, c = proba.shape
    spam_proba = proba[:, spam]
    s = spam_proba.shape[1]
    out = np.zeros((n, n_features(c, s)))
    if n == 0:
        return out
    out[:, :c] = np.log(np.clip(proba, _FLOOR, 1.0))
    col = c
    section_mean, section_max = out[:, col : col + c], out[:, col + c : col + c + s]
    col += c + s
    out[1:, col : col + c] = proba[:-1]
    out[:-1, col + c : col + 2 * c] = proba[1:]
    col += 2 * c
    outside = out[:, col : col + s]
    col += s
    out[:, col] = layout.headings
    # the blocks of each section, ascending, by one sort (a page may have as many sections as blocks)
    order = np.argsort(layout.sections, kind="stable")
    keys = layout.sections[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    members_of = [
        members for key, members in zip(keys[starts], np.split(order, starts[1:]), strict=True) if key >= 0
    ]
    if not members_of:
        return out
    best = np.array([spam_proba[members].max(axis=0) for members in members_of])
    # the highest of the other sections: the page's highest, or its second highest for the section holding it
    ranked = np.sort(best, axis=0)
    top, runner_up = ranked[-1], ranked[-2] if len(best) > 1 else np.zeros(s)
    for members, own in zip(members_of, best, strict=True):
        m = len(members)
        if len(best) > 1:
            outside[members] = np.where(own >= top, runner_up, top)
        out[members, col + 1] = min(m - 1, 20) / 20
        if m < 2:
            continue
        out[members, col + 2] = 1.0
        total = proba[members].sum(axis=0)
        section_mean[members] = (total - proba[members]) / (m - 1)
        # the highest of the others: the section's highest, or its second highest for the block that holds it
        ordered = np.sort(spam_proba[members], axis=0)
        section_max[members] = np.where(spam_proba[members] >= ordered[-1], ordered[-2], ordered[-1])
    outside[layout.sections < 0] = top
    return out


def average(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """The probabilities the page report uses: the second reading's with ``weight``, the first's with the rest."""
    return weight * second + (1.0 - weight) * first


def reconsider(
    proba: np.ndarray,
    layout: Layout,
    spam: np.ndarray,
    predict_proba: Callable[[np.ndarray], np.ndarray] | None,
    weight: float,
) -> np.ndarray:
    """A page's first-reading probabilities read a second time: ``predict_proba`` (the second reading's
    trees, ``None`` for none) of their :func:`context_features`, averaged in with ``weight``. The
    estimator and its compiled form both read pages through here."""
    if predict_proba is None or not len(proba):
        return proba
    return average(proba, predict_proba(context_features(proba, layout, spam)), weight)


@dataclass(frozen=True)
class SectionContext:
    """What the second reading is fitted on: the first reading's out-of-fold probabilities of every block
    of the training pages, and where each training row is.

    proba : one array per page (blocks x classes, columns in the classifier's ``classes_`` order).
    layouts : the :class:`Layout` of each page.
    where : for each row of the training matrix, ``(page, block)``: its page in ``proba`` and its block.
    """

    proba: Sequence[np.ndarray]
    layouts: Sequence[Layout]
    where: Sequence[tuple[int, int]]

    def rows(self, keep: np.ndarray) -> SectionContext:
        """The context of the training rows ``keep`` (indices or a mask)."""
        where = [self.where[i] for i in np.arange(len(self.where))[keep]]
        return SectionContext(self.proba, self.layouts, where)

    def matrix(self, spam: np.ndarray) -> np.ndarray:
        """:func:`context_features` of each training row."""
        pages = sorted({k for k, _ in self.where})
        features = {k: context_features(self.proba[k], self.layouts[k], spam) for k in pages}
        if not self.where:
            c = self.proba[0].shape[1] if len(self.proba) else len(spam)
            return np.zeros((0, n_features(c, int(spam.sum()))))
        return np.array([features[k][i] for k, i in self.where])
