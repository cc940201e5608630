"""The fast scoring-time feature union and calibrated classifier return exactly what scikit-learn does."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from detector.model._calibrated import CompiledCalibratedLinear
from detector.model._vectorize import (
    CharNgramCounter,
    CompiledColumnTransformer,
    DictColumns,
    WordNgramCounter,
)
from detector.model.features import FeatureTable, build_rows, build_table
from detector.page.extract import PageLimits, extract_page
from detector.scoring import extract_rows, find_hits

from .conftest import PAGE_STRIDE, seed_page_files

ODD_TEXTS = [
    "",
    " ",
    "\u00a0Ünïcödé  text\twith\ttabs\nand lines",
    "a",
    "I",
    "x" * 500,
    "ÉCOLE Straße İstanbul ﬁne",
    "emoji 🎉🎉 and CJK 漢字かな",
    "tabs\t\t\tonly",
    "word-with-hyphens and... dots",
]


def same(a, b) -> bool:
    a, b = a.tocsr(), b.tocsr()
    a.sort_indices(), b.sort_indices()
    return (
        a.shape == b.shape
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


@pytest.fixture(scope="module")
def features(detector):
    return detector.model.estimator.pipeline_.named_steps["features"]


@pytest.fixture(scope="module")
def seed_rows(detector):
    paths = seed_page_files(stride=PAGE_STRIDE)
    return [extract_rows(extract_page(p.read_bytes(), source=str(p)), detector.rules) for p in paths]


def test_feature_union_is_bit_identical_on_every_seed_page(features, seed_rows):
    fast = CompiledColumnTransformer.from_sklearn(features)
    assert all(same(fast.transform(rows), features.transform(rows)) for rows in seed_rows)


def identical(a, b) -> bool:
    """The same CSR arrays, dtypes and column order included."""
    return a.shape == b.shape and all(
        x.dtype == y.dtype and np.array_equal(x, y)
        for x, y in ((a.indptr, b.indptr), (a.indices, b.indices), (a.data, b.data))
    )


def test_a_page_transformed_from_its_feature_table_is_the_matrix_of_its_rows(detector, features):
    fast = CompiledColumnTransformer.from_sklearn(features)
    for path in seed_page_files(stride=PAGE_STRIDE):
        page = extract_page(path.read_bytes(), source=str(path))
        ctx, hits = find_hits(page, detector.rules)
        table = build_table(ctx, hits)
        rows = build_rows(ctx, hits)
        assert list(rows[:, 1]) == table.dicts()
        assert identical(fast.transform_page([b.text for b in page.blocks], table), fast.transform(rows))
        assert same(fast.transform_page(list(rows[:, 0]), table), features.transform(rows))


def test_dict_columns_build_a_feature_table_unknown_keys_left_out(features):
    columns = DictColumns.from_sklearn(features.named_transformers_["context"])
    table = FeatureTable(3)
    table.values("position", [0.0, 0.5, 1.0])
    table.onehot("kind", ["heading", "no_such_kind", "paragraph"])
    table.keyed([{"unknown_feature": 2.0, "rulecat=promotional": 2.0}], [1])
    table.values("prev_none", [1.0], [0])
    assert identical(columns.transform_table(table), columns.transform(table.dicts()))
    assert columns.transform_table(FeatureTable(0)).shape == (0, len(columns._vocabulary))


def test_char_ngrams_match_on_odd_text_and_after_the_cache_is_emptied(features):
    chars = features.named_transformers_["chars"]
    counter = CharNgramCounter.from_sklearn(chars, max_bytes=600)  # room for a few words
    texts = np.array(ODD_TEXTS * 2, dtype=object)
    for _ in range(3):  # the cache fills, is emptied, and fills again
        assert same(counter.transform(texts), chars.transform(texts))
    assert len(counter._cache) <= len(set(" ".join(ODD_TEXTS).lower().split()))


def test_word_ngrams_match_on_odd_text(features):
    words = features.named_transformers_["words"]
    counter = WordNgramCounter.from_sklearn(words)
    texts = np.array(ODD_TEXTS + ["the the the cat", "one", "one two", "Ünïcödé Ünïcödé text"], dtype=object)
    assert same(counter.transform(texts), words.transform(texts))


def test_feature_union_uses_the_fast_parts_for_the_shipped_model(features):
    kinds = {
        type(transformer).__name__
        for transformer, _, _ in CompiledColumnTransformer.from_sklearn(features)._parts
    }
    assert kinds == {"CharNgramCounter", "WordNgramCounter", "DictColumns"}


def test_dict_columns_read_strings_as_dict_vectorizer_does(features):
    vectorizer = features.named_transformers_["context"]
    columns = DictColumns.from_sklearn(vectorizer)
    rows = [{"in_main_text": 1.0, "kind=heading": 1.0, "unknown_feature": 3.0}, {"position": 0.0}]
    assert same(columns.transform(rows), vectorizer.transform(rows))
    with_text = rows + [{"kind": "heading"}]
    assert same(columns.transform(with_text), vectorizer.transform(with_text))


def test_calibrated_probabilities_are_bit_identical(detector, seed_rows):
    calibrated = detector.model.estimator.pipeline_.named_steps["classifier"]
    fast = CompiledCalibratedLinear.from_sklearn(calibrated)
    assert fast._n_folds == len(calibrated.calibrated_classifiers_)
    union = CompiledColumnTransformer.from_sklearn(detector.model.estimator.pipeline_.named_steps["features"])
    for rows in seed_rows:
        X = union.transform(rows)
        assert np.array_equal(fast.predict_proba(X), calibrated.predict_proba(X))


def test_the_detector_computes_the_estimators_probabilities(detector, seed_rows):
    estimator, compiled = detector.model.estimator, detector.classifier
    assert compiled.trees is not None and compiled.trees._plan is not None, (
        "the shipped trees take the fast path"
    )
    assert all(
        np.array_equal(compiled.predict_proba(compiled.transform(rows)), estimator.predict_proba(rows))
        for rows in seed_rows
    )


_WORDS = ["one", "two", "three", "I", "a", "Ünïcödé", "x-y", "..."]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join), min_size=1, max_size=8))
def test_word_ngrams_never_cross_texts(ngram_range, texts):
    """Bigrams of the last word of one text and the first of the next are no feature of either."""
    corpus = [" ".join(_WORDS), " ".join(reversed(_WORDS)), "one two three one", "three two one"]
    words = TfidfVectorizer(ngram_range=ngram_range, sublinear_tf=True).fit(corpus)
    texts = np.array(texts, dtype=object)
    assert same(WordNgramCounter.from_sklearn(words).transform(texts), words.transform(texts))


def _cache_bytes(counter) -> int:
    return sum(len(word) + len(row) + counter.CACHE_ENTRY_OVERHEAD for word, row in counter._cache.items())


def test_the_char_ngram_cache_stays_under_its_byte_cap(features):
    chars = features.named_transformers_["chars"]
    counter = CharNgramCounter.from_sklearn(chars, max_bytes=40_000)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [
        "".join(letters[(i * 7 + k * 3) % 26] for k in range(60)) + str(i) for i in range(1_500)
    ]  # long, distinct
    for start in range(0, len(words), 300):
        texts = np.array([" ".join(words[i : i + 30]) for i in range(start, start + 300, 30)], dtype=object)
        assert same(counter.transform(texts), chars.transform(texts))
        assert 0 < _cache_bytes(counter) == counter._cache_bytes <= 40_000


def test_very_long_words_are_not_cached(features):
    chars = features.named_transformers_["chars"]
    counter = CharNgramCounter.from_sklearn(chars)
    # 8,000-character words: 30 of them held 5 MB of cache (the cap in words let 200,000 in)
    texts = np.array([f"word{i} " + "ab" * 4_000 + str(i) for i in range(30)], dtype=object)
    assert same(counter.transform(texts), chars.transform(texts))
    assert _cache_bytes(counter) < 10_000 and all(
        len(word) <= counter.max_word_chars for word in counter._cache
    )


def test_a_long_page_is_transformed_a_chunk_at_a_time_into_the_same_matrix(detector):
    """A page of more blocks than two chunks (2,048 each, the last one shorter): the chunks stacked are
    the matrix of its rows built at once, dtypes and column order included; a slice of its feature
    table holds the features of the slice's blocks."""
    lines = [
        line
        for path in seed_page_files(suffixes=(".txt",), stride=1)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    text = "\n".join((lines * (5_000 // max(len(lines), 1) + 1))[:5_000])
    page = extract_page(text, content_type="text", limits=PageLimits(max_blocks=6_000, max_text_chars=10**7))
    assert len(page.blocks) > 2 * 2_048
    ctx, hits = find_hits(page, detector.rules)
    table = build_table(ctx, hits)
    rows = build_rows(ctx, hits)
    fast = detector.classifier.features
    assert identical(fast.transform_page([b.text for b in page.blocks], table), fast.transform(rows))
    dicts = table.dicts()
    for start, stop in ((0, 1), (2_040, 2_060), (len(dicts) - 3, len(dicts))):
        assert table.rows(start, stop).dicts() == dicts[start:stop]
