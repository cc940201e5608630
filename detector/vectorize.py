"""Fast scoring-time equivalent of the fitted feature union: same matrix, a fraction of the work.

Character n-grams (``char_wb``) are computed word by word, so the vocabulary columns of each word
are cached: a word seen before costs one dictionary lookup instead of one per n-gram. Feature dicts
of plain numbers skip ``DictVectorizer``'s per-value type dispatch. The result is
the same sparse matrix the fitted ``ColumnTransformer`` returns (a test checks it bit for bit);
anything this module does not recognise falls back to the ``ColumnTransformer`` itself.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer


class CharNgramCounter:
    """``TfidfVectorizer(analyzer="char_wb")``'s ``transform``, with the n-grams of each word cached.

    Parameters
    ----------
    vectorizer : a fitted char_wb ``TfidfVectorizer`` (lowercase, no accent stripping, no custom
        preprocessor).
    max_words : the cache is emptied when it holds this many words, so memory stays bounded.
    """

    def __init__(self, vectorizer: TfidfVectorizer, max_words: int = 200_000):
        self.vectorizer = vectorizer
        self.max_words = max_words
        self._vocabulary = vectorizer.vocabulary_
        self._min_n, self._max_n = vectorizer.ngram_range
        self._white_spaces = vectorizer._white_spaces
        self._cache: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def supports(vectorizer) -> bool:
        """Whether ``vectorizer`` is a fitted char_wb TF-IDF this class reproduces exactly."""
        return (isinstance(vectorizer, TfidfVectorizer) and vectorizer.analyzer == "char_wb"
                and vectorizer.lowercase and vectorizer.strip_accents is None and vectorizer.preprocessor is None
                and vectorizer.input == "content" and not vectorizer.binary and hasattr(vectorizer, "vocabulary_"))

    def _word_columns(self, word: str) -> tuple[int, ...]:
        columns = []
        vocabulary = self._vocabulary
        w = " " + word + " "
        w_len = len(w)
        for n in range(self._min_n, self._max_n + 1):
            offset = 0
            column = vocabulary.get(w[0:n])
            if column is not None:
                columns.append(column)
            while offset + n < w_len:
                offset += 1
                column = vocabulary.get(w[offset:offset + n])
                if column is not None:
                    columns.append(column)
            if offset == 0:
                break
        return tuple(columns)

    def counts(self, texts) -> sp.csr_matrix:
        """The n-gram count matrix of ``texts``."""
        cache = self._cache
        if len(cache) > self.max_words:
            cache.clear()
        indices: list[int] = []
        indptr = [0]
        extend = indices.extend
        for text in texts:
            for word in self._white_spaces.sub(" ", text.lower()).split():
                columns = cache.get(word)
                if columns is None:
                    columns = cache[word] = self._word_columns(word)
                extend(columns)
            indptr.append(len(indices))
        # one entry per n-gram occurrence; summing the duplicates (in C) gives the counts
        matrix = sp.csr_matrix((np.ones(len(indices), dtype=np.intc), np.asarray(indices, dtype=np.int32),
                                np.asarray(indptr, dtype=np.int32)),
                               shape=(len(indptr) - 1, len(self._vocabulary)))
        matrix.sum_duplicates()
        return matrix.astype(self.vectorizer.dtype)

    def transform(self, texts) -> sp.csr_matrix:
        """The TF-IDF matrix of ``texts``, as the vectorizer's own ``transform`` returns it."""
        return self.vectorizer._tfidf.transform(self.counts(texts), copy=False)


class DictColumns:
    """``DictVectorizer.transform`` for dicts of numbers, without its per-value type dispatch.

    Values must be ``float``, ``int`` or ``bool``; a row with anything else goes through the
    ``DictVectorizer`` itself.
    """

    def __init__(self, vectorizer: DictVectorizer):
        self.vectorizer = vectorizer
        self._vocabulary = vectorizer.vocabulary_

    @staticmethod
    def supports(vectorizer) -> bool:
        """Whether ``vectorizer`` is a fitted, sorting ``DictVectorizer`` this class reproduces."""
        return isinstance(vectorizer, DictVectorizer) and vectorizer.sort and hasattr(vectorizer, "vocabulary_")

    def transform(self, dicts) -> sp.csr_matrix:
        vocabulary = self._vocabulary
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for row in dicts:
            for key, value in row.items():
                if type(value) not in (float, int, bool):
                    return self.vectorizer.transform(dicts)
                column = vocabulary.get(key)
                if column is not None:
                    indices.append(column)
                    values.append(value)
            indptr.append(len(indices))
        matrix = sp.csr_matrix((np.asarray(values, dtype=self.vectorizer.dtype), np.asarray(indices, dtype=np.int32),
                                np.asarray(indptr, dtype=np.int32)),
                               shape=(len(indptr) - 1, len(vocabulary)))
        matrix.sort_indices()
        return matrix


class FeatureUnion:
    """The fitted ``ColumnTransformer`` of a :class:`~detector.model.ParagraphClassifier`, faster.

    Parameters
    ----------
    features : the fitted ``ColumnTransformer`` (text in column 0, feature dicts in column 1).
    """

    def __init__(self, features: ColumnTransformer):
        self.features = features
        self._parts = self._plan(features)

    @staticmethod
    def _plan(features: ColumnTransformer):
        if getattr(features, "sparse_output_", False) is not True:
            return None
        weights = features.transformer_weights or {}
        parts = []
        for name, transformer, column in features.transformers_:
            if transformer == "drop" or transformer == "passthrough" or not isinstance(column, int):
                return None
            if CharNgramCounter.supports(transformer):
                transformer = CharNgramCounter(transformer)
            elif DictColumns.supports(transformer):
                transformer = DictColumns(transformer)
            parts.append((transformer, column, weights.get(name)))
        return parts

    def transform(self, rows: np.ndarray) -> sp.csr_matrix:
        """The feature matrix of ``rows`` (an object array of ``(text, features)``), in CSR."""
        if self._parts is None:
            return sp.csr_matrix(self.features.transform(rows))
        blocks = []
        for transformer, column, weight in self._parts:
            block = transformer.transform(rows[:, column])
            blocks.append(block if weight is None else block * weight)
        return sp.hstack(blocks).tocsr()
