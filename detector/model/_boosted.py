"""Fast scoring-time ``predict_proba`` of the boosted trees over the context features: same numbers, vectorised.

``HistGradientBoostingClassifier.predict_proba`` validates its input and walks each of its trees
(iterations x classes) over the rows in turn. Its trees are shallow (depth 3 at most), so here each
one is laid out as a complete tree of 7 tests and 8 leaves (a leaf above the last level fills the
leaves below it, and the tests under it always pass). Then, for all rows at once:

1. each distinct test (feature, threshold, where a missing value goes) of the forest is one vectorised
   comparison;
2. each tree's 7 outcomes are gathered from those and packed into a byte (bit ``p`` is set when test
   ``p`` of the tree passes), integer work that needs no BLAS call (a multithreaded BLAS product was
   slow whenever other processes kept the cores busy);
3. a table per tree maps that byte to the leaf's value.

Deeper trees are walked level by level, all rows and trees at once. A missing value (NaN) goes the way
the tree sends it (``missing_go_to_left``), as in scikit-learn. The values are summed iteration by
iteration in scikit-learn's order and go through the loss's inverse link (softmax, or the logistic
function for two classes) with scikit-learn's arithmetic, so the probabilities are equal bit for bit (a
test checks them). The trees are plain node arrays, read off the fitted estimator by
:meth:`CompiledTrees.from_sklearn` (:class:`ModelError` for categorical splits) and written and read as
the model's data-only scoring form.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from ..exceptions import ModelError
from ._calibrated import expit

MAX_DEPTH = 3  # 7 tests per tree: their outcomes fit one byte, and each tree's table has 128 entries
_TESTS = 2**MAX_DEPTH - 1
_CHUNK_ROWS = 256  # rows scored at once: their work arrays (a few MB) stay in the caches
#: The node arrays of the forest, every tree's nodes one after the other (``left`` and ``right`` index
#: the whole forest's nodes).
NODE_FIELDS = ("feature", "threshold", "missing_left", "left", "right", "is_leaf", "value")

Arrays = dict[str, np.ndarray]


def _leaf_of_outcomes() -> np.ndarray:
    """For each byte of test outcomes (bit ``p`` set: test ``p`` passed, go left), the leaf reached."""
    outcomes = np.arange(2**_TESTS)
    position = np.zeros_like(outcomes)
    for _ in range(MAX_DEPTH):
        passed = (outcomes >> position) & 1
        position = 2 * position + 2 - passed
    return position - _TESTS


def softmax(raw: np.ndarray) -> np.ndarray:
    """``sklearn.utils.extmath.softmax`` (the multinomial loss's inverse link), the same operations."""
    x = np.array(raw, copy=True)
    x -= np.max(x, axis=1).reshape(-1, 1)
    np.exp(x, out=x)
    x /= np.sum(x, axis=1).reshape(-1, 1)
    return x


class CompiledTrees:
    """``predict_proba`` of a fitted ``HistGradientBoostingClassifier`` over numeric features.

    Parameters
    ----------
    nodes : the forest's node arrays (:data:`NODE_FIELDS`).
    roots : the index of each tree's root, iteration by iteration, each iteration's trees in class order.
    baseline : the classifier's ``_baseline_prediction`` (1 x trees per iteration).
    columns : the columns of the scoring matrix that the classifier's features are (its feature ``j``
        is column ``columns[j]``); only those the trees split on are read.
    """

    def __init__(self, nodes: Arrays, roots: np.ndarray, baseline: np.ndarray, columns: np.ndarray):
        if set(nodes) != set(NODE_FIELDS) or len({len(nodes[f]) for f in NODE_FIELDS}) != 1:
            raise ModelError("the trees' node arrays are incomplete")
        self.nodes = {name: np.asarray(nodes[name]) for name in NODE_FIELDS}
        self.roots = np.asarray(roots, dtype=np.intp)
        self.baseline = np.asarray(baseline, dtype=np.float64).reshape(1, -1)
        self.per_iteration = self.baseline.shape[1]
        self.columns = np.asarray(columns, dtype=np.intp)
        if not self.roots.size or self.roots.size % self.per_iteration:
            raise ModelError("the trees do not make whole iterations")
        self._walk = self._walkable()
        self._plan = self._compile()
        used = self._used()
        first = int(self.columns[used].min()) if used.size else 0
        slot = np.full(int(self.columns[used].max()) + 1 - first if used.size else 0, -1, dtype=np.intp)
        slot[self.columns[used] - first] = np.arange(used.size)
        self._used_features, self._first_column, self._slot = used, first, slot

    @classmethod
    def from_sklearn(cls, trees, columns: np.ndarray) -> CompiledTrees:
        """The compiled form of a fitted ``HistGradientBoostingClassifier`` (:class:`ModelError` for
        categorical features, which are not reproduced)."""
        predictors = getattr(trees, "_predictors", None)
        if not predictors:
            raise ModelError("the boosted trees are not fitted")
        categorical = getattr(trees, "is_categorical_", None)
        if categorical is not None and np.any(categorical):
            raise ModelError("boosted trees over categorical features are not reproduced at scoring time")
        flat = [predictor.nodes for iteration in predictors for predictor in iteration]
        if any(nodes["is_categorical"].any() for nodes in flat):
            raise ModelError("boosted trees with categorical splits are not reproduced at scoring time")
        offsets = np.cumsum([0] + [len(nodes) for nodes in flat[:-1]])
        nodes = {
            "feature": np.concatenate([n["feature_idx"] for n in flat]).astype(np.int64),
            "threshold": np.concatenate([n["num_threshold"] for n in flat]).astype(np.float64),
            "missing_left": np.concatenate([n["missing_go_to_left"] for n in flat]).astype(bool),
            "left": np.concatenate([n["left"].astype(np.int64) + o for n, o in zip(flat, offsets)]),
            "right": np.concatenate([n["right"].astype(np.int64) + o for n, o in zip(flat, offsets)]),
            "is_leaf": np.concatenate([n["is_leaf"] for n in flat]).astype(bool),
            "value": np.concatenate([n["value"] for n in flat]).astype(np.float64),
        }
        return cls(nodes, offsets, np.asarray(trees._baseline_prediction), np.asarray(columns))

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        arrays.update({f"{prefix}.{name}": self.nodes[name] for name in NODE_FIELDS})
        arrays.update({f"{prefix}.roots": self.roots, f"{prefix}.baseline": self.baseline})
        arrays[f"{prefix}.columns"] = self.columns
        return {"per_iteration": self.per_iteration}

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> CompiledTrees:
        trees = cls(
            {name: arrays[f"{prefix}.{name}"] for name in NODE_FIELDS},
            arrays[f"{prefix}.roots"],
            arrays[f"{prefix}.baseline"],
            arrays[f"{prefix}.columns"],
        )
        if trees.per_iteration != data["per_iteration"]:
            raise ModelError("the trees' baseline does not match their iterations")
        return trees

    def _walkable(self) -> int:
        """Check that every node index is inside the forest and every tree is acyclic; return the depth."""
        nodes, n = self.nodes, len(self.nodes["value"])
        inner = ~nodes["is_leaf"]
        children = np.concatenate([nodes["left"][inner], nodes["right"][inner]])
        if (children < 0).any() or (children >= n).any() or (self.roots < 0).any() or (self.roots >= n).any():
            raise ModelError("the trees' node arrays point outside the forest")
        depth, frontier = 0, self.roots
        while True:  # level by level, every tree at once: the depth of the deepest leaf
            frontier = frontier[~nodes["is_leaf"][frontier]]
            if not frontier.size:
                break
            depth += 1
            frontier = np.concatenate([nodes["left"][frontier], nodes["right"][frontier]])
            if frontier.size > n:  # a level holds more nodes than the forest: some node is reached twice
                raise ModelError("the trees' node arrays are not trees")
        if (nodes["feature"][inner] < 0).any() or (nodes["feature"][inner] >= len(self.columns)).any():
            raise ModelError("the trees split on features they do not have")
        return depth

    def _used(self) -> np.ndarray:
        """The features the trees split on."""
        return np.unique(self.nodes["feature"][~self.nodes["is_leaf"]])

    def _complete(self, root: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """One tree laid out as a complete tree in heap order: whether each of the 7 tests is real (not
        under a leaf, where it always passes), its feature, threshold and missing-value direction, and
        the value of each of the 8 leaves."""
        nodes = self.nodes
        real = np.zeros(_TESTS, dtype=bool)
        feature = np.zeros(_TESTS, dtype=np.intp)
        threshold = np.full(_TESTS, np.inf)
        missing_left = np.ones(_TESTS, dtype=bool)
        value = np.zeros(_TESTS + 1)

        def fill(node: int, position: int) -> None:
            if position >= _TESTS:
                value[position - _TESTS] = nodes["value"][node]
            elif nodes["is_leaf"][node]:
                fill(node, 2 * position + 1)
                fill(node, 2 * position + 2)
            else:
                real[position] = True
                feature[position] = nodes["feature"][node]
                threshold[position] = nodes["threshold"][node]
                missing_left[position] = nodes["missing_left"][node]
                fill(int(nodes["left"][node]), 2 * position + 1)
                fill(int(nodes["right"][node]), 2 * position + 2)

        fill(int(root), 0)
        return real, feature, threshold, missing_left, value

    def _compile(self) -> dict[str, Any] | None:
        """The byte-table plan of trees of depth 3 at most (``None`` for deeper trees, which are walked)."""
        if self._walk > MAX_DEPTH:
            return None
        real, features, thresholds, missing, values = (
            np.stack(part) for part in zip(*map(self._complete, self.roots))
        )  # trees x tests
        used, test_feature = np.unique(features[real], return_inverse=True)  # the features split on
        tests, test_of = np.unique(
            np.stack([test_feature, thresholds[real], missing[real]]), axis=1, return_inverse=True
        )
        # each tree's tests as indices of the distinct tests; a last index for the tests that always pass
        tree_tests = np.full(real.shape, tests.shape[1], dtype=np.intp)
        tree_tests[real] = test_of.ravel()
        table = np.take(values, _leaf_of_outcomes(), axis=1)  # trees x outcome bytes
        return {
            "used": used,
            "feature": tests[0].astype(np.intp),
            "threshold": tests[1],
            "missing_left": tests[2].astype(bool),
            "tree_tests": tree_tests,
            "table": table.ravel(),
            "table_offset": np.arange(len(self.roots)) * table.shape[1],
        }

    def predict_proba(self, matrix: sp.csr_matrix | np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Probabilities (columns in ``classes_`` order) of ``rows`` (default: all) of ``matrix``, a CSR
        or dense matrix whose columns ``columns`` are the trees' features."""
        if rows is None:
            rows = np.arange(matrix.shape[0])
        if len(rows) <= 2 * _CHUNK_ROWS:
            return self._predict_rows(matrix, rows)
        # Rows a chunk at a time: the work arrays hold every tree of every row (rows x trees x tests), over
        # 50 MB per 1,000 rows for a forest of a thousand trees, so a page of many blocks would need GBs
        # at once, and arrays that outgrow the caches are slower per row too. Each row's numbers are the
        # same in any chunk (every step works row by row; the sum over the iterations runs along the first
        # axis, in order, whenever a chunk has more than one value per iteration, as every chunk here does).
        stops = list(range(_CHUNK_ROWS, len(rows) - _CHUNK_ROWS + 1, _CHUNK_ROWS)) + [len(rows)]
        return np.concatenate(
            [self._predict_rows(matrix, rows[start:stop]) for start, stop in zip([0, *stops[:-1]], stops)]
        )

    def _predict_rows(self, matrix: sp.csr_matrix | np.ndarray, rows: np.ndarray) -> np.ndarray:
        """:meth:`predict_proba` of ``rows``, all at once."""
        dense = self._used_columns(
            matrix, rows
        )  # the used features' values, in the order of self._used_features
        values = self._leaf_values(dense) if self._plan is not None else self._walk_values(dense)
        n_rows, k = dense.shape[0], self.per_iteration
        stacked = np.empty((values.shape[1] // k + 1, n_rows, k))  # baseline, then each iteration's trees
        stacked[0] = self.baseline
        stacked[1:] = values.reshape(n_rows, -1, k).transpose(1, 0, 2)
        raw = np.add.reduce(stacked, axis=0)  # summed in sklearn's order
        if k > 1:
            return softmax(raw)
        proba = np.empty((n_rows, 2))
        proba[:, 1] = expit(raw[:, 0])
        proba[:, 0] = 1 - proba[:, 1]
        return proba

    def _leaf_values(self, dense: np.ndarray) -> np.ndarray:
        """rows x trees: each tree's leaf value, by the byte table (trees of depth 3 at most).

        The work runs test by test (tests x rows): each tree's outcomes are then whole rows gathered from
        the outcomes of the distinct tests, shifted to their bit and or-ed into its byte, which costs a
        sixth of packing a (rows x trees x 7) array with ``np.packbits`` along its short last axis.
        """
        plan = self._plan
        assert plan is not None
        n_rows = dense.shape[0]
        passed = np.ones((len(plan["feature"]) + 1, n_rows), dtype=bool)  # a last test that always passes
        slots = np.searchsorted(self._used_features, plan["used"])[plan["feature"]]
        x = dense.T[slots]
        with np.errstate(invalid="ignore"):  # False where x is missing
            np.less_equal(x, plan["threshold"][:, None], out=passed[:-1])
        missing = np.isnan(x)
        if missing.any():
            passed[:-1] = np.where(missing, plan["missing_left"][:, None], passed[:-1])
        # trees x rows, each a byte of outcomes (bit p: the tree's test p passed), or-ed as bytes and
        # widened to table positions once
        tree_tests, bits = plan["tree_tests"], passed.view(np.uint8)
        outcomes = bits[tree_tests[:, 0]]
        for p in range(1, _TESTS):
            outcomes |= bits[tree_tests[:, p]] << p
        positions = outcomes.astype(np.intp)
        positions += plan["table_offset"][:, None]
        return plan["table"][positions].T

    def _walk_values(self, dense: np.ndarray) -> np.ndarray:
        """rows x trees: each tree's leaf value, walking every tree level by level."""
        nodes = self.nodes
        slot_of_feature = np.zeros(len(self.columns), dtype=np.intp)
        slot_of_feature[self._used_features] = np.arange(self._used_features.size)
        at = np.broadcast_to(self.roots, (dense.shape[0], self.roots.size)).copy()
        row = np.arange(dense.shape[0])[:, None]
        for _ in range(self._walk):
            leaf = nodes["is_leaf"][at]
            x = dense[row, slot_of_feature[nodes["feature"][at]]] if dense.shape[1] else np.zeros(at.shape)
            with np.errstate(invalid="ignore"):
                left = np.where(np.isnan(x), nodes["missing_left"][at], x <= nodes["threshold"][at])
            at = np.where(leaf, at, np.where(left, nodes["left"][at], nodes["right"][at]))
        return nodes["value"][at]

    def _used_columns(self, matrix, rows: np.ndarray) -> np.ndarray:
        """The dense values of the features the trees split on, for ``rows``. From a CSR matrix they
        are gathered straight from its arrays (scipy's row and column indexing cost more than the trees)."""
        used = self._used_features
        if not used.size:  # trees that never split
            return np.zeros((len(rows), 0))
        if not (sp.issparse(matrix) and matrix.format == "csr"):
            return np.asarray(matrix[rows][:, self.columns[used]], dtype=np.float64)
        starts = matrix.indptr[rows]
        counts = matrix.indptr[rows + 1] - starts
        entries = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        columns = matrix.indices[entries] - self._first_column
        inside = (columns >= 0) & (columns < len(self._slot))
        slot = np.where(inside, self._slot[np.where(inside, columns, 0)], -1)
        kept = slot >= 0
        dense = np.zeros((len(rows), len(used)))
        dense[np.repeat(np.arange(len(rows)), counts)[kept], slot[kept]] = matrix.data[entries[kept]]
        return dense
