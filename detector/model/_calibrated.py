"""Fast scoring-time ``predict_proba`` of the calibrated logistic regression: same numbers, less overhead.

``CalibratedClassifierCV.predict_proba`` validates its input and computes each fold's decision
function separately. Here the folds' coefficients are stacked, so one sparse product serves them all,
and each fold's sigmoid calibration and normalisation follow scikit-learn's arithmetic element by element
(a test checks the probabilities are equal, bit for bit). Anything else falls back to the estimator.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression


class CompiledCalibratedLinear:
    """``predict_proba`` of a fitted ``CalibratedClassifierCV`` of logistic regressions (sigmoid method).

    Parameters
    ----------
    calibrated : the fitted ``CalibratedClassifierCV``.
    """

    def __init__(self, calibrated: CalibratedClassifierCV):
        self.calibrated = calibrated
        sigmoids = self._sigmoids(calibrated)
        self._n_folds = 0 if sigmoids is None else len(sigmoids)  # 0: not a supported shape, fall back
        if sigmoids is not None:
            self._coef = np.hstack([fold.estimator.coef_.T for fold in calibrated.calibrated_classifiers_])
            self._intercept = np.hstack(
                [fold.estimator.intercept_ for fold in calibrated.calibrated_classifiers_]
            )
            # each fold's sigmoid parameters, class by class, in the order of the stacked scores' columns
            self._a = np.array([a for calibrators in sigmoids for a, _ in calibrators], dtype=np.float64)
            self._b = np.array([b for calibrators in sigmoids for _, b in calibrators], dtype=np.float64)

    @staticmethod
    def _sigmoids(calibrated) -> list[list[tuple[float, float]]] | None:
        """Each fold's ``(a, b)`` sigmoid parameters per class, or None when the shape is not supported."""
        classes = getattr(calibrated, "classes_", None)
        folds = getattr(calibrated, "calibrated_classifiers_", None)
        if classes is None or not folds or len(classes) < 3:
            return None
        for fold in folds:
            if (
                fold.method != "sigmoid"
                or not isinstance(fold.estimator, LogisticRegression)
                or list(fold.estimator.classes_) != list(classes)
                or fold.estimator.coef_.shape[0] != len(classes)
            ):
                return None
        return [[(c.a_, c.b_) for c in fold.calibrators] for fold in folds]

    def predict_proba(self, X: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes_`` order.

        Every fold's sigmoids are one ``expit`` over the stacked scores (element by element, so the same
        numbers as one call per class), then each fold is normalised and the folds averaged in order.
        """
        if not self._n_folds:
            return self.calibrated.predict_proba(X)
        n_classes, n_folds = len(self.calibrated.classes_), self._n_folds
        scores = np.asarray(X @ self._coef) + self._intercept
        proba = expit(-(self._a * scores + self._b)).reshape(X.shape[0], n_folds, n_classes)
        denominator = np.sum(proba, axis=2, keepdims=True)
        uniform = np.full_like(proba, 1 / n_classes)
        proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        # summed fold by fold, as scikit-learn does: proba.mean(axis=1) adds in another order (not bit-identical)
        mean_proba = np.zeros((X.shape[0], n_classes))
        for f in range(n_folds):
            mean_proba += proba[:, f]
        mean_proba /= n_folds
        return mean_proba
