"""The scoring-time form of a fitted :class:`~detector.model.estimator.ParagraphClassifier`.

:meth:`ParagraphClassifier.compiled <detector.model.estimator.ParagraphClassifier.compiled>` returns a
:class:`CompiledClassifier`: the estimator's feature matrix and ``predict_proba``, the same numbers bit
for bit (tests check them), computed by the fast paths of ``_vectorize`` (the feature union),
``_calibrated`` (the calibrated logistic regression) and ``_boosted`` (the trees). Each falls back to
the fitted scikit-learn object for a shape it does not reproduce.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ._boosted import CompiledTrees
from ._calibrated import CompiledCalibratedLinear
from ._vectorize import CompiledColumnTransformer

if TYPE_CHECKING:
    from .estimator import ParagraphClassifier
    from .features import FeatureTable


class CompiledClassifier:
    """A fitted ``ParagraphClassifier``'s feature matrix, probabilities and labels, fast.

    Parameters
    ----------
    estimator : the fitted classifier.

    Attributes
    ----------
    classes : the labels, in the order of :meth:`predict_proba`'s columns.
    spam_columns : boolean mask of the spam labels among ``classes``.
    coef : the logistic regression's coefficients (classes x features), averaged over calibration folds.
    feature_names : the name of each column of the feature matrix.
    rule_weights : the estimator's ``rule_weights_``.
    """

    def __init__(self, estimator: ParagraphClassifier):
        self.estimator = estimator
        pipeline = estimator.pipeline_
        features = pipeline.named_steps["features"]
        self.features = CompiledColumnTransformer(features)
        self.linear = CompiledCalibratedLinear(pipeline.named_steps["classifier"])
        trees = getattr(estimator, "trees_", None)  # absent from a model fitted without trees
        self.trees = CompiledTrees(trees, estimator.tree_columns_) if trees is not None else None
        self.classes: list[str] = [str(label) for label in estimator.classes_]
        self.spam_columns: np.ndarray = estimator.spam_columns()
        self.coef: np.ndarray = estimator.mean_coef()
        self.feature_names: np.ndarray = features.get_feature_names_out()
        self.rule_weights: dict[str, dict[str, float]] = estimator.rule_weights_

    def transform_page(self, texts: list[str], table: FeatureTable) -> sp.csr_matrix:
        """The feature matrix of a page's blocks, given as their texts and the page's feature table."""
        return self.features.transform_page(texts, table)

    def transform(self, rows: np.ndarray) -> sp.csr_matrix:
        """The feature matrix of ``rows`` (an object array of ``(text, features)``)."""
        return self.features.transform(rows)

    def predict_proba(self, matrix: sp.csr_matrix) -> np.ndarray:
        """The estimator's ``predict_proba`` of a feature ``matrix`` (from :meth:`transform_page`)."""
        proba = self.linear.predict_proba(matrix)
        if self.trees is not None and (rows := self.estimator.rows_for_trees(proba)).size:
            proba = self.estimator.blend(proba, rows, self.trees.predict_proba(matrix, rows))
        return proba

    def decide(self, proba: np.ndarray) -> np.ndarray:
        """The label of each row of ``proba`` (:meth:`ParagraphClassifier.decide`)."""
        return self.estimator.decide(proba)
