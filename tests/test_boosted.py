"""The optional boosted-trees stage: fitted beside the logistic regression, and compiled for scoring
into a vectorised form that returns exactly what scikit-learn does."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.ensemble import HistGradientBoostingClassifier

from detector.exceptions import ModelError
from detector.labels import LABELS, SPAM_LABELS
from detector.model._boosted import CompiledTrees
from detector.model._vectorize import CompiledColumnTransformer
from detector.model.estimator import ParagraphClassifier
from detector.page.extract import extract_page
from detector.scoring import extract_rows

from .conftest import SEEDS


@pytest.fixture(scope="module")
def rows_and_labels(detector):
    """Rows of the seed pages labelled by the shipped model: enough of every label to fit on quickly."""
    rows = [
        row
        for path in sorted((SEEDS / "pages").rglob("*.html"))[:30]
        for row in extract_rows(extract_page(path.read_bytes(), source=str(path)), detector.rules)
    ]
    rows = np.array(rows, dtype=object)
    labels = detector.model.estimator.predict(rows)
    assert set(labels) == set(LABELS), "every label must be present to fit"
    return rows, labels


@pytest.fixture(scope="module")
def with_trees(rows_and_labels):
    rows, labels = rows_and_labels
    return ParagraphClassifier(char_ngram_range=(3, 4), tree_weight=0.5, tree_iterations=15).fit(rows, labels)


def test_trees_read_the_context_block(with_trees):
    model = with_trees
    assert list(model.trees_.classes_) == list(model.classes_)
    features = model.pipeline_.named_steps["features"]
    names = features.get_feature_names_out()[model.tree_columns_]
    assert len(names) == len(features.named_transformers_["context"].feature_names_)
    assert all(name.startswith("context__") for name in names)


def test_trees_split_the_spam_share_of_likely_spam_and_change_nothing_else(with_trees, rows_and_labels):
    rows, _ = rows_and_labels
    model = with_trees
    matrix = model.pipeline_.named_steps["features"].transform(rows)
    linear = model.pipeline_.named_steps["classifier"].predict_proba(matrix)
    proba = model.predict_proba(rows)
    spam = np.array([label in SPAM_LABELS for label in model.classes_])
    share = linear[:, spam].sum(axis=1)
    likely = share >= 0.5
    assert 0 < likely.sum() < len(rows)
    np.testing.assert_allclose(proba[:, spam].sum(axis=1), share)  # every credibility is the linear model's
    assert np.array_equal(proba[~likely], linear[~likely])  # below the threshold nothing changes
    assert np.array_equal(proba[:, ~spam], linear[:, ~spam])
    trees = model.trees_.predict_proba(matrix[likely][:, model.tree_columns_].toarray())[:, spam]
    expected = share[likely, None] * (
        0.5 * linear[likely][:, spam] / share[likely, None] + 0.5 * trees / trees.sum(axis=1, keepdims=True)
    )
    np.testing.assert_allclose(proba[likely][:, spam], expected)
    assert not np.allclose(proba[likely], linear[likely]), "the trees must change some split"


def test_no_trees_without_tree_weight(rows_and_labels):
    rows, labels = rows_and_labels
    model = ParagraphClassifier(char_ngram_range=(3, 4), tree_weight=0.0).fit(rows[:400], labels[:400])
    assert model.trees_ is None and model.rows_for_trees(np.ones((3, len(model.classes_)))).size == 0
    assert np.array_equal(model.predict_proba(rows[:50]), model.pipeline_.predict_proba(rows[:50]))


def test_compiled_trees_are_bit_identical(with_trees, rows_and_labels):
    rows, _ = rows_and_labels
    model = with_trees
    compiled = CompiledTrees.from_sklearn(model.trees_, model.tree_columns_)
    assert compiled._plan is not None, "depth-3 trees must take the compiled path"
    matrix = CompiledColumnTransformer.from_sklearn(model.pipeline_.named_steps["features"]).transform(rows)
    expected = model.trees_.predict_proba(matrix[:, model.tree_columns_].toarray())
    assert np.array_equal(compiled.predict_proba(matrix), expected)
    assert np.array_equal(compiled.predict_proba(matrix[:1]), expected[:1])
    for subset in (
        np.array([0]),
        np.arange(1, len(rows), 7),
        np.array([len(rows) - 1, 3, 3]),
    ):  # rows of the CSR
        assert np.array_equal(compiled.predict_proba(matrix, subset), expected[subset])
    assert np.array_equal(compiled.predict_proba(matrix.toarray(), np.array([2, 5])), expected[[2, 5]])


def test_compiled_trees_handle_shallow_and_single_leaf_trees():
    rng = np.random.default_rng(0)
    X = rng.random((300, 6))
    y = np.where(X[:, 0] > 0.5, "a", np.where(X[:, 1] > 0.7, "b", "c"))
    for depth in (1, 2, 3):
        trees = HistGradientBoostingClassifier(max_iter=10, max_depth=depth, random_state=0).fit(X, y)
        compiled = CompiledTrees.from_sklearn(trees, np.arange(6))
        assert compiled._plan is not None
        assert np.array_equal(compiled.predict_proba(X), trees.predict_proba(X))
    stump = HistGradientBoostingClassifier(max_iter=3, min_samples_leaf=200, random_state=0).fit(
        X[:250], y[:250]
    )
    compiled = CompiledTrees.from_sklearn(stump, np.arange(6))
    assert compiled._plan["used"].size == 0
    for matrix in (X, sp.csr_matrix(X)):  # trees that never split read no feature
        assert np.array_equal(compiled.predict_proba(matrix), stump.predict_proba(X))


def test_many_rows_are_scored_a_chunk_at_a_time_with_the_same_numbers():
    """A page of more rows than two chunks (the rows split in chunks of 256, the last one longer), with
    missing values, in two and in three classes: scikit-learn's probabilities bit for bit."""
    rng = np.random.default_rng(2)
    X = rng.random((1_300, 5))
    X[::11, 1] = np.nan
    for y in (
        np.where(X[:, 0] > 0.5, "a", np.where(X[:, 2] > 0.6, "b", "c")),
        np.where(X[:, 0] + X[:, 3] > 1, "a", "b"),
    ):
        trees = HistGradientBoostingClassifier(max_iter=20, max_depth=3, random_state=0).fit(X, y)
        compiled = CompiledTrees.from_sklearn(trees, np.arange(5))
        assert compiled._plan is not None
        for n in (513, 767, 1_300):
            assert np.array_equal(compiled.predict_proba(X[:n]), trees.predict_proba(X[:n]))
        rows = np.arange(0, 1_300, 2)
        assert np.array_equal(compiled.predict_proba(sp.csr_matrix(X), rows), trees.predict_proba(X[rows]))


def test_deeper_trees_and_missing_values_are_reproduced_without_scikit_learn():
    rng = np.random.default_rng(1)
    X = rng.random((400, 4))
    y = np.where(X[:, 0] + X[:, 1] > 1, "a", np.where(X[:, 2] > 0.5, "b", "c"))
    deep = HistGradientBoostingClassifier(max_iter=5, max_depth=6, random_state=0).fit(X, y)
    compiled = CompiledTrees.from_sklearn(deep, np.arange(4))
    assert compiled._plan is None  # walked level by level
    assert np.array_equal(compiled.predict_proba(X), deep.predict_proba(X))
    X_missing = X.copy()
    X_missing[::7, 0] = np.nan
    X_missing[::5, 2] = np.nan
    assert np.array_equal(compiled.predict_proba(X_missing), deep.predict_proba(X_missing))
    shallow = HistGradientBoostingClassifier(max_iter=5, max_depth=2, random_state=0).fit(X, y)
    assert np.array_equal(
        CompiledTrees.from_sklearn(shallow, np.arange(4)).predict_proba(X_missing),
        shallow.predict_proba(X_missing),
    )
    # trees fitted on missing values send them the way they learnt
    trained_missing = HistGradientBoostingClassifier(max_iter=8, max_depth=3, random_state=0).fit(
        X_missing, y
    )
    compiled = CompiledTrees.from_sklearn(trained_missing, np.arange(4))
    assert compiled._plan is not None
    for rows in (X, X_missing, np.full((3, 4), np.nan)):
        assert np.array_equal(compiled.predict_proba(rows), trained_missing.predict_proba(rows))


def test_two_class_trees_are_reproduced():
    rng = np.random.default_rng(3)
    X = rng.random((300, 3))
    y = np.where(X[:, 0] > 0.5, "a", "b")
    trees = HistGradientBoostingClassifier(max_iter=6, max_depth=3, random_state=0).fit(X, y)
    assert np.array_equal(
        CompiledTrees.from_sklearn(trees, np.arange(3)).predict_proba(X), trees.predict_proba(X)
    )


def test_categorical_trees_are_refused_when_compiled():
    rng = np.random.default_rng(4)
    X = np.column_stack([rng.integers(0, 4, 300), rng.random(300)]).astype(float)
    y = np.where(X[:, 0] == 2, "a", "b")
    trees = HistGradientBoostingClassifier(max_iter=3, categorical_features=[0], random_state=0).fit(X, y)
    with pytest.raises(ModelError, match="categorical"):
        CompiledTrees.from_sklearn(trees, np.arange(2))


def test_columns_map_the_trees_features_into_a_wider_matrix():
    rng = np.random.default_rng(2)
    X = rng.random((200, 3))
    y = np.where(X[:, 2] > 0.4, "a", "b")
    trees = HistGradientBoostingClassifier(max_iter=4, max_depth=3, random_state=0).fit(X, y)
    wide = np.hstack(
        [rng.random((200, 5)), X]
    )  # the trees' features are columns 5, 6 and 7 of the wider matrix
    assert np.array_equal(
        CompiledTrees.from_sklearn(trees, np.arange(5, 8)).predict_proba(wide), trees.predict_proba(X)
    )


def test_sample_weight_reaches_both_models(rows_and_labels):
    """Rows weighted heavily are fitted harder, by the logistic regression and by the trees alike."""
    rows, labels = rows_and_labels
    relabelled = labels.copy()
    moved = np.flatnonzero(labels == "credible")[:12]
    relabelled[moved] = "promotional"
    weights = np.ones(len(rows))
    weights[moved] = 25.0
    params = {"char_ngram_range": (3, 4), "tree_weight": 0.5, "tree_iterations": 15}
    plain = ParagraphClassifier(**params).fit(rows, relabelled)
    heavy = ParagraphClassifier(**params).fit(rows, relabelled, sample_weight=weights)
    k = list(plain.classes_).index("promotional")

    def linear(model):
        return model.pipeline_.predict_proba(rows[moved])[:, k].mean()

    def trees(model):
        matrix = model.pipeline_.named_steps["features"].transform(rows[moved])
        return model.trees_.predict_proba(matrix[:, model.tree_columns_].toarray())[:, k].mean()

    assert linear(heavy) > linear(plain) + 0.05
    assert trees(heavy) > trees(plain) + 0.05
