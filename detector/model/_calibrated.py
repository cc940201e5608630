"""Fast scoring-time ``predict_proba`` of the calibrated logistic regression: same numbers, less overhead.

``CalibratedClassifierCV.predict_proba`` validates its input and computes each fold's decision
function separately. Here the folds' coefficients are stacked, so one sparse product serves them all,
and each fold's sigmoid calibration and normalisation follow scikit-learn's arithmetic element by element
(a test checks the probabilities are equal, bit for bit). The parameters are plain arrays, read off the
fitted estimator by :meth:`CompiledCalibratedLinear.from_sklearn` (which raises :class:`ModelError` for a
shape it does not reproduce) and written and read as the model's data-only scoring form.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..exceptions import ModelError

Arrays = dict[str, np.ndarray]


def _exp(value: float) -> float:
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


def expit(x: np.ndarray) -> np.ndarray:
    """``scipy.special.expit``, ``1 / (1 + exp(-x))`` with the C library's ``exp`` (numpy's own vectorised
    ``exp`` differs in the last bit for some values), without importing ``scipy.special``."""
    flat = np.ravel(x)
    exp = np.fromiter(map(_exp, (-flat).tolist()), dtype=np.float64, count=flat.size)
    return (1.0 / (1.0 + exp)).reshape(np.shape(x))


class CompiledCalibratedLinear:
    """``predict_proba`` of a fitted ``CalibratedClassifierCV`` of logistic regressions (sigmoid method).

    Parameters
    ----------
    coef : features x (folds x classes): each fold's coefficients, transposed, side by side.
    intercept : (folds x classes) intercepts, in the same order.
    a, b : each fold's sigmoid parameters per class, in the same order.
    n_classes : the number of classes.
    """

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, a: np.ndarray, b: np.ndarray, n_classes: int):
        self._coef, self._intercept, self._a, self._b = coef, intercept, a, b
        self.n_classes = n_classes
        self._n_folds = len(a) // n_classes
        if not (
            n_classes >= 3 and self._n_folds >= 1 and len(a) == len(b) == len(intercept) == coef.shape[1]
        ):
            raise ModelError("the calibrated classifier's arrays do not have matching shapes")
        if len(a) != self._n_folds * n_classes:
            raise ModelError("the calibrated classifier's arrays do not hold whole folds")

    @classmethod
    def from_sklearn(cls, calibrated) -> CompiledCalibratedLinear:
        """The compiled form of a fitted ``CalibratedClassifierCV`` of ``LogisticRegression`` folds with
        sigmoid calibration and at least three classes; :class:`ModelError` for any other."""
        from sklearn.linear_model import LogisticRegression

        classes = getattr(calibrated, "classes_", None)
        folds = getattr(calibrated, "calibrated_classifiers_", None)
        if classes is None or not folds:
            raise ModelError("the calibrated classifier is not fitted")
        if len(classes) < 3:
            raise ModelError("a calibrated classifier of fewer than three classes is not reproduced")
        for fold in folds:
            if (
                fold.method != "sigmoid"
                or not isinstance(fold.estimator, LogisticRegression)
                or list(fold.estimator.classes_) != list(classes)
                or fold.estimator.coef_.shape[0] != len(classes)
            ):
                raise ModelError(
                    "only sigmoid-calibrated logistic regressions over every class are reproduced at scoring time"
                )
        sigmoids = [[(c.a_, c.b_) for c in fold.calibrators] for fold in folds]
        return cls(
            np.hstack([fold.estimator.coef_.T for fold in folds]),
            np.hstack([fold.estimator.intercept_ for fold in folds]),
            np.array([a for calibrators in sigmoids for a, _ in calibrators], dtype=np.float64),
            np.array([b for calibrators in sigmoids for _, b in calibrators], dtype=np.float64),
            len(classes),
        )

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        arrays.update(
            {
                f"{prefix}.coef": self._coef,
                f"{prefix}.intercept": self._intercept,
                f"{prefix}.a": self._a,
                f"{prefix}.b": self._b,
            }
        )
        return {"n_classes": self.n_classes}

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> CompiledCalibratedLinear:
        return cls(
            arrays[f"{prefix}.coef"],
            arrays[f"{prefix}.intercept"],
            arrays[f"{prefix}.a"],
            arrays[f"{prefix}.b"],
            int(data["n_classes"]),
        )

    def predict_proba(self, X: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes_`` order.

        Every fold's sigmoids are one ``expit`` over the stacked scores (element by element, so the same
        numbers as one call per class), then each fold is normalised and the folds averaged in order.
        """
        n_classes, n_folds = self.n_classes, self._n_folds
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
