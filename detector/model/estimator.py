"""The paragraph classifier: a scikit-learn estimator over text, rule hits and page context."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from ..labels import LABELS
from . import compiled
from .compiled import CompiledClassifier
from .features import RULE_FEATURE
from .section_pass import Layout, SectionContext, reconsider

_RULE_COLUMN = "context__" + RULE_FEATURE  # the rule features' columns in the fitted feature union


class ParagraphClassifier(ClassifierMixin, BaseEstimator):
    """Label paragraphs from their text, the rules they hit and their page context.

    A ``Pipeline`` of a ``ColumnTransformer`` (word and character TF-IDF of the text, and a
    ``DictVectorizer`` of rule-hit and context features) and a logistic regression calibrated
    with ``CalibratedClassifierCV`` on page-grouped folds. The rule features' coefficients are
    the rules' learned weights (``rule_weights_``).

    Beside it, shallow gradient-boosted trees over the rule and context features alone
    (``trees_``) learn what a linear model cannot: how the context features combine (a question
    in a pasted FAQ block is ``scraped_faq`` while it shares the page's subject, ``off_topic`` once
    it shares only a name). They help choose *which* spam label, never *whether*: the logistic
    regression, which reads the text, keeps the spam share of every paragraph (so its credibility),
    and where that share reaches the lowest spam threshold, it is split among the spam labels by
    a weighted average of both models' splits (see :meth:`blend`).

    Given the first reading's out-of-fold probabilities of the training pages (``context``), ``fit`` also
    fits a second reading (``section_trees_``, :mod:`detector.model.section_pass`): boosted trees over
    those probabilities for the paragraph, its section, its neighbours and the page's other sections.
    :meth:`reconsider` averages its probabilities with the first reading's, page by page.

    Parameters
    ----------
    C : inverse regularisation strength of the logistic regression.
    context_weight : scale of the rule and context block relative to the text blocks.
    calibration_folds : folds for probability calibration (grouped by page when groups are given).
    char_ngram_range : ``(min_n, max_n)`` of the character (``char_wb``) TF-IDF block, or ``None`` for no
        character block.
    thresholds : minimum probability for each spam label; below it a paragraph falls back to the
        likelier of ``credible`` and ``boilerplate``. Missing labels use 0.5.
    tree_weight : weight of the trees' split of the spam share (0: the logistic regression alone).
    tree_iterations, tree_depth : boosting iterations and maximum depth of each tree.
    section_weight : weight of the second reading in :meth:`reconsider` (0: no second reading).
    section_iterations, section_depth : boosting iterations and maximum depth of the second reading's trees.
    random_state : seed for every random step.

    Attributes
    ----------
    pipeline_ : the fitted ``Pipeline``.
    classes_ : the labels, in the order of ``predict_proba``'s columns.
    rule_weights_ : learned weight (log-odds coefficient) of each rule's feature, per label.
    trees_ : the fitted ``HistGradientBoostingClassifier``, or ``None`` when ``tree_weight`` is 0.
    tree_columns_ : the columns of the feature union's output that the trees read (the context block).
    section_trees_ : the second reading's ``HistGradientBoostingClassifier``, or ``None`` (fitted without
        ``context``, or ``section_weight`` 0).
    """

    pipeline_: Pipeline
    classes_: np.ndarray
    rule_weights_: dict[str, dict[str, float]]
    trees_: HistGradientBoostingClassifier | None
    tree_columns_: np.ndarray
    section_trees_: HistGradientBoostingClassifier | None

    def __init__(
        self,
        C: float = 30.0,
        context_weight: float = 1.0,
        calibration_folds: int = 3,
        thresholds: dict[str, float] | None = None,
        random_state: int = 0,
        char_ngram_range: tuple[int, int] | None = (2, 4),
        tree_weight: float = 0.5,
        tree_iterations: int = 40,
        tree_depth: int = 3,
        section_weight: float = 0.5,
        section_iterations: int = 150,
        section_depth: int = 3,
    ):
        self.C = C
        self.context_weight = context_weight
        self.calibration_folds = calibration_folds
        self.char_ngram_range = char_ngram_range
        self.thresholds = thresholds
        self.random_state = random_state
        self.tree_weight = tree_weight
        self.tree_iterations = tree_iterations
        self.tree_depth = tree_depth
        self.section_weight = section_weight
        self.section_iterations = section_iterations
        self.section_depth = section_depth

    def _pipeline(self, cv: list[tuple[np.ndarray, np.ndarray]] | StratifiedKFold) -> Pipeline:
        parts = [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=20000), 0)
        ]
        weights = {"words": 1.0}
        if self.char_ngram_range is not None:
            parts.append(
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=tuple(self.char_ngram_range),
                        min_df=3,
                        sublinear_tf=True,
                        max_features=30000,
                    ),
                    0,
                )
            )
            weights["chars"] = 1.0
        parts.append(("context", DictVectorizer(), 1))
        weights["context"] = self.context_weight
        features = ColumnTransformer(parts, transformer_weights=weights)
        clf = LogisticRegression(
            C=self.C, class_weight="balanced", max_iter=5000, random_state=self.random_state
        )
        return Pipeline(
            [("features", features), ("classifier", CalibratedClassifierCV(clf, method="sigmoid", cv=cv))]
        )

    def fit(
        self,
        X: np.ndarray,
        y: ArrayLike,
        groups: Sequence[Hashable] | np.ndarray | None = None,
        sample_weight: ArrayLike | None = None,
        context: SectionContext | None = None,
    ) -> ParagraphClassifier:
        """Fit on rows of ``(text, features)``; ``groups`` (page ids) keep a page in one fold;
        ``sample_weight`` (one per row, optional) weighs rows in both the logistic regression and the trees;
        ``context`` (optional): the first reading's out-of-fold probabilities of the training pages, for the
        second reading. Runs on one thread (OpenMP and BLAS): the boosted trees' sums, and so the model,
        would otherwise depend on the machine's core count."""
        with threadpool_limits(limits=1):  # the same model on any machine: no thread-count-dependent sums
            self._fit(X, np.asarray(y), groups, sample_weight)
            self._fit_second_reading(np.asarray(y), sample_weight, context)
            return self

    def _fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        groups: Sequence[Hashable] | np.ndarray | None,
        sample_weight: ArrayLike | None,
    ) -> ParagraphClassifier:
        if groups is not None and len(set(groups)) >= self.calibration_folds:
            cv = list(GroupKFold(n_splits=self.calibration_folds).split(X, y, groups))
        else:
            cv = StratifiedKFold(
                n_splits=self.calibration_folds, shuffle=True, random_state=self.random_state
            )
        pipeline = self._pipeline(cv)
        features, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        matrix = features.fit_transform(X, y)  # fitted step by step, so the trees reuse the matrix
        classifier.fit(matrix, y, sample_weight=sample_weight)
        classifier.cv = self.calibration_folds  # keep the artefact free of indices
        self.pipeline_ = pipeline
        self.classes_ = classifier.classes_
        self.rule_weights_ = self._rule_weights()
        context = features.output_indices_["context"]
        self.tree_columns_ = np.arange(context.start, context.stop)
        self.trees_ = None
        if self.tree_weight > 0:
            self.trees_ = HistGradientBoostingClassifier(
                max_iter=self.tree_iterations,
                max_depth=self.tree_depth,
                max_leaf_nodes=2**self.tree_depth,
                learning_rate=0.1,
                l2_regularization=1.0,
                class_weight="balanced",
                early_stopping=False,
                random_state=self.random_state,
            ).fit(matrix[:, self.tree_columns_].toarray(), y, sample_weight=sample_weight)
        return self

    def _fit_second_reading(
        self, y: np.ndarray, sample_weight: ArrayLike | None, context: SectionContext | None
    ) -> None:
        self.section_trees_ = None
        if context is None or self.section_weight <= 0:
            return
        if len(context.where) != len(y):
            raise ValueError("the section context must place every training row")
        self.section_trees_ = HistGradientBoostingClassifier(
            max_iter=self.section_iterations,
            max_depth=self.section_depth,
            max_leaf_nodes=2**self.section_depth,
            learning_rate=0.08,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=self.random_state,
        ).fit(context.matrix(self.spam_columns()), y, sample_weight=sample_weight)
        if [str(c) for c in self.section_trees_.classes_] != [str(c) for c in self.classes_]:
            raise ValueError("the second reading's classes are not the classifier's")

    def reconsider(self, proba: np.ndarray, layout: Layout) -> np.ndarray:
        """A page's probabilities (``proba``: :meth:`predict_proba` of all its blocks, in order) read a second
        time with what the rest of the page shows (:mod:`detector.model.section_pass`); unchanged without a
        second reading."""
        trees = getattr(self, "section_trees_", None)
        predict = None if trees is None else trees.predict_proba
        return reconsider(proba, layout, self.spam_columns(), predict, self.section_weight)

    def compiled(self) -> CompiledClassifier:
        """The fitted classifier's scoring-time form: the same feature matrix and probabilities, bit for
        bit, by faster paths and from plain data (:class:`~detector.model.compiled.CompiledClassifier`).

        Raises
        ------
        ModelError
            A part of the estimator has a shape the compiled form does not reproduce.
        """
        return CompiledClassifier.from_estimator(self)

    def mean_coef(self) -> np.ndarray:
        """Coefficients of the logistic regression (classes x features), averaged over calibration folds."""
        calibrated = self.pipeline_.named_steps["classifier"].calibrated_classifiers_
        return np.mean([c.estimator.coef_ for c in calibrated], axis=0)

    def _rule_weights(self) -> dict[str, dict[str, float]]:
        names = self.pipeline_.named_steps["features"].get_feature_names_out()
        coef = self.mean_coef() * self.context_weight
        return {
            name.removeprefix(_RULE_COLUMN): {
                label: round(float(coef[k, col]), 4) for k, label in enumerate(self.classes_)
            }
            for col, name in enumerate(names)
            if name.startswith(_RULE_COLUMN)
        }

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability of each label (columns in ``classes_`` order): the calibrated logistic regression's,
        with the spam share of the likely spam split with the trees' help (:meth:`blend`)."""
        matrix = self.pipeline_.named_steps["features"].transform(X)
        linear = self.pipeline_.named_steps["classifier"].predict_proba(matrix)
        rows = self.rows_for_trees(linear)
        if not rows.size:
            return linear
        assert self.trees_ is not None  # rows_for_trees gives rows only when there are trees
        return self.blend(
            linear, rows, self.trees_.predict_proba(matrix[rows][:, self.tree_columns_].toarray())
        )

    def spam_columns(self) -> np.ndarray:
        """Boolean mask of the spam labels among ``classes_`` (the columns whose sum is the spam share)."""
        return compiled.spam_columns([str(label) for label in self.classes_])

    def rows_for_trees(self, linear: np.ndarray) -> np.ndarray:
        """The rows whose label the trees may change (:func:`detector.model.compiled.rows_for_trees`)."""
        has_trees = getattr(self, "trees_", None) is not None
        classes = [str(label) for label in self.classes_]
        return compiled.rows_for_trees(linear, classes, self.thresholds, self.tree_weight, has_trees)

    def blend(self, linear: np.ndarray, rows: np.ndarray, trees: np.ndarray) -> np.ndarray:
        """``linear`` with the spam share of ``rows`` split with the trees' help
        (:func:`detector.model.compiled.blend`)."""
        return compiled.blend(linear, rows, trees, [str(label) for label in self.classes_], self.tree_weight)

    def decide(self, proba: np.ndarray, in_main_text: np.ndarray | None = None) -> np.ndarray:
        """Turn probabilities into labels, applying the spam thresholds: a spam label below its threshold
        gives way to the likelier neutral label, and a paragraph of the main text needs to be likely
        boilerplate to be called so (:func:`detector.model.compiled.decide`)."""
        return compiled.decide(proba, [str(label) for label in self.classes_], self.thresholds, in_main_text)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The label of each row (``X``: ``(text, features)`` rows, whose ``in_main_text`` feature counts on
        HTML pages)."""
        return self.decide(self.predict_proba(X), main_text_judged(X))


def main_text_judged(X: np.ndarray) -> np.ndarray:
    """Whether each ``(text, features)`` row is a paragraph the main-text extractor kept on an HTML page:
    the rows :meth:`ParagraphClassifier.decide` calls boilerplate only when the model is fairly sure."""
    return np.array(
        [bool(row[1].get("in_main_text")) and bool(row[1].get("page_is_html")) for row in X], dtype=bool
    )


def missing_labels(y: Iterable[str]) -> list[str]:
    """Labels of :data:`LABELS` that ``y`` lacks (training needs every one)."""
    present = set(y)
    return [label for label in LABELS if label not in present]
