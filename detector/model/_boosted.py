"""Fast scoring-time ``predict_proba`` of the boosted trees over the context features: same numbers, vectorised.

``HistGradientBoostingClassifier.predict_proba`` validates its input and walks each of its trees
(iterations x classes) over the rows in turn. Its trees are shallow (depth 3 at most), so here each
one is laid out as a complete tree of 7 tests and 8 leaves (a leaf above the last level fills the
leaves below it, and the tests under it always pass). Then, for all rows at once:

1. each distinct test (feature, threshold) of the forest is one vectorised comparison;
2. each tree's 7 outcomes are gathered from those and packed into a byte (``np.packbits``: bit ``p``
   is set when test ``p`` of the tree passes), integer work that needs no BLAS call (a multithreaded
   BLAS product was slow whenever other processes kept the cores busy);
3. a table per tree maps that byte to the leaf's value.

The values are summed iteration by iteration in scikit-learn's order and go through the estimator's
own link function, so the probabilities are equal bit for bit (a test checks them). Anything else
falls back to the estimator.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.ensemble import HistGradientBoostingClassifier

MAX_DEPTH = 3  # 7 tests per tree: their outcomes fit one byte, and each tree's table has 128 entries
_TESTS = 2**MAX_DEPTH - 1


def _complete(nodes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One tree's nodes laid out as a complete tree in heap order: the feature and threshold of each
    of the 7 tests (a test under a leaf always passes) and the value of each of the 8 leaves."""
    feature = np.zeros(_TESTS, dtype=np.intp)
    threshold = np.full(_TESTS, np.inf)
    value = np.zeros(_TESTS + 1)

    def fill(node: int, position: int) -> None:
        if position >= _TESTS:
            value[position - _TESTS] = nodes["value"][node]
        elif nodes["is_leaf"][node]:
            fill(node, 2 * position + 1)
            fill(node, 2 * position + 2)
        else:
            feature[position] = nodes["feature_idx"][node]
            threshold[position] = nodes["num_threshold"][node]
            fill(nodes["left"][node], 2 * position + 1)
            fill(nodes["right"][node], 2 * position + 2)

    fill(0, 0)
    return feature, threshold, value


def _leaf_of_outcomes() -> np.ndarray:
    """For each byte of test outcomes (bit ``p`` set: test ``p`` passed, go left), the leaf reached."""
    outcomes = np.arange(2**_TESTS)
    position = np.zeros_like(outcomes)
    for _ in range(MAX_DEPTH):
        passed = (outcomes >> position) & 1
        position = 2 * position + 2 - passed
    return position - _TESTS


class CompiledTrees:
    """``predict_proba`` of a fitted ``HistGradientBoostingClassifier`` (numeric features, no missing values).

    Parameters
    ----------
    trees : the fitted classifier.
    columns : the columns of the scoring matrix that the classifier's features are (its feature ``j``
        is column ``columns[j]``); only those the trees split on are read.
    """

    def __init__(self, trees: HistGradientBoostingClassifier, columns: np.ndarray):
        self.trees = trees
        self.columns = np.asarray(columns)
        self._plan = self._compile(trees)
        if (
            self._plan is not None and self._plan["used"].size
        ):  # where each scoring column goes among the used
            used_columns = self.columns[self._plan["used"]]
            first = int(used_columns.min())
            slot = np.full(int(used_columns.max()) + 1 - first, -1, dtype=np.intp)
            slot[used_columns - first] = np.arange(used_columns.size)
            self._plan.update(first_column=first, slot=slot)

    @staticmethod
    def _compile(trees):
        predictors = getattr(trees, "_predictors", None)
        if not predictors or getattr(trees, "is_categorical_", None) is not None:
            return None
        flat = [predictor.nodes for iteration in predictors for predictor in iteration]
        if any(nodes["is_categorical"].any() or nodes["depth"].max() > MAX_DEPTH for nodes in flat):
            return None
        features, thresholds, values = (
            np.stack(part) for part in zip(*map(_complete, flat))
        )  # trees x tests
        real = np.isfinite(thresholds)
        used, test_feature = np.unique(features[real], return_inverse=True)  # the features split on
        tests, test_of = np.unique(np.stack([test_feature, thresholds[real]]), axis=1, return_inverse=True)
        # each tree's tests as indices of the distinct tests; a last index for the tests that always pass
        tree_tests = np.full(real.shape, tests.shape[1], dtype=np.intp)
        tree_tests[real] = test_of.ravel()
        table = np.take(values, _leaf_of_outcomes(), axis=1)  # trees x outcome bytes
        return {
            "used": used,
            "feature": tests[0].astype(np.intp),
            "threshold": tests[1],
            "tree_tests": tree_tests,
            "table": table.ravel(),
            "table_offset": np.arange(len(flat)) * table.shape[1],
            "per_iteration": len(predictors[0]),
        }

    def predict_proba(self, matrix: sp.csr_matrix | np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Probabilities (columns in ``classes_`` order) of ``rows`` (default: all) of ``matrix``, a CSR
        or dense matrix whose columns ``columns`` are the trees' features."""
        if rows is None:
            rows = np.arange(matrix.shape[0])
        if self._plan is None:
            return self._fallback(matrix, rows)
        plan = self._plan
        dense = self._used_columns(matrix, rows)
        if np.isnan(dense).any():  # the trees send missing values their own way
            return self._fallback(matrix, rows)
        n_rows = dense.shape[0]
        passed = np.ones((n_rows, len(plan["feature"]) + 1), dtype=bool)
        passed[:, :-1] = dense[:, plan["feature"]] <= plan["threshold"]
        # rows x trees, each a byte of outcomes (bit p: the tree's test p passed)
        outcomes = np.packbits(passed[:, plan["tree_tests"]], axis=-1, bitorder="little")[:, :, 0].astype(
            np.intp
        )
        values = plan["table"][outcomes + plan["table_offset"]]
        k = plan["per_iteration"]
        stacked = np.empty((values.shape[1] // k + 1, n_rows, k))  # baseline, then each iteration's trees
        stacked[0] = self.trees._baseline_prediction
        stacked[1:] = values.reshape(n_rows, -1, k).transpose(1, 0, 2)
        return self.trees._loss.predict_proba(np.add.reduce(stacked, axis=0))  # summed in sklearn's order

    def _used_columns(self, matrix, rows: np.ndarray) -> np.ndarray:
        """The dense values of the features the trees split on, for ``rows``. From a CSR matrix they
        are gathered straight from its arrays (scipy's row and column indexing cost more than the trees)."""
        plan = self._plan
        if not plan["used"].size:  # trees that never split
            return np.zeros((len(rows), 0))
        if not (sp.issparse(matrix) and matrix.format == "csr"):
            return np.asarray(matrix[rows][:, self.columns[plan["used"]]], dtype=np.float64)
        starts = matrix.indptr[rows]
        counts = matrix.indptr[rows + 1] - starts
        entries = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        columns = matrix.indices[entries] - plan["first_column"]
        inside = (columns >= 0) & (columns < len(plan["slot"]))
        slot = np.where(inside, plan["slot"][np.where(inside, columns, 0)], -1)
        kept = slot >= 0
        dense = np.zeros((len(rows), len(plan["used"])))
        dense[np.repeat(np.arange(len(rows)), counts)[kept], slot[kept]] = matrix.data[entries[kept]]
        return dense

    def _fallback(self, matrix, rows: np.ndarray) -> np.ndarray:
        dense = matrix[rows][:, self.columns]
        return self.trees.predict_proba(dense.toarray() if sp.issparse(dense) else np.asarray(dense))
