"""Fast scoring-time equivalent of the fitted feature union: same matrix, a fraction of the work, no
scikit-learn.

Character n-grams (``char_wb``) are computed word by word, so the n-gram counts of each word are
cached: a word seen before costs one dictionary lookup instead of one per n-gram, and a page's
count matrix is one sparse product of its texts' word counts and its words' n-gram counts. Feature dicts
of plain numbers skip ``DictVectorizer``'s per-value type dispatch. The result is
the same sparse matrix the fitted ``ColumnTransformer`` returns (a test checks it bit for bit).

Each part is built from plain data (vocabularies, idf weights, options): ``from_sklearn`` reads them off
the fitted scikit-learn object (importing scikit-learn only then) and raises :class:`ModelError` for a
configuration this module does not reproduce; ``to_data`` / ``from_data`` write and read them as JSON
and numpy arrays (the model's data-only scoring form, :mod:`detector.model.compiled`).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..exceptions import ModelError
from .features import FeatureTable

Arrays = dict[str, np.ndarray]


@dataclass(frozen=True)
class Tfidf:
    """``TfidfTransformer.transform(counts, copy=False)`` of a float64 CSR count matrix: sublinear tf, idf,
    row norm, in that order and with scikit-learn's arithmetic (rows normalised by a sequential sum)."""

    sublinear_tf: bool
    idf: np.ndarray | None
    norm: str | None

    @classmethod
    def from_sklearn(cls, vectorizer) -> Tfidf:
        transformer = vectorizer._tfidf
        if transformer.norm not in (None, "l1", "l2"):
            raise ModelError(f"TF-IDF norm {transformer.norm!r} is not reproduced at scoring time")
        idf = np.asarray(transformer.idf_, dtype=np.float64) if hasattr(transformer, "idf_") else None
        return cls(bool(transformer.sublinear_tf), idf, transformer.norm)

    def __call__(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        if self.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        if self.idf is not None:
            counts.data *= self.idf[counts.indices]
        if self.norm is not None:
            values = counts.data * counts.data if self.norm == "l2" else np.abs(counts.data)
            # csr_matvec adds each row's entries one after the other from 0.0, as sklearn's normalisation does
            sums = sp.csr_matrix((values, counts.indices, counts.indptr), shape=counts.shape) @ np.ones(
                counts.shape[1]
            )
            if self.norm == "l2":
                sums = np.sqrt(sums)
            lengths = np.diff(counts.indptr)
            keep = np.repeat(sums != 0.0, lengths)
            counts.data[keep] /= np.repeat(sums, lengths)[keep]
        return counts

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        if self.idf is not None:
            arrays[f"{prefix}.idf"] = self.idf
        return {"sublinear_tf": self.sublinear_tf, "norm": self.norm, "idf": self.idf is not None}

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> Tfidf:
        return cls(bool(data["sublinear_tf"]), arrays[f"{prefix}.idf"] if data["idf"] else None, data["norm"])


def _check_text_vectorizer(vectorizer, analyzer: str) -> None:
    """Raise :class:`ModelError` unless ``vectorizer`` is a fitted TF-IDF of ``analyzer`` that this module
    reproduces."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    problems = []
    if not isinstance(vectorizer, TfidfVectorizer):
        problems.append(f"a {type(vectorizer).__name__}, not a TfidfVectorizer")
    else:
        if vectorizer.analyzer != analyzer:
            problems.append(f"analyzer {vectorizer.analyzer!r}")
        if not vectorizer.lowercase:
            problems.append("lowercase=False")
        if vectorizer.strip_accents is not None:
            problems.append("strip_accents")
        if vectorizer.preprocessor is not None:
            problems.append("a custom preprocessor")
        if vectorizer.input != "content":
            problems.append(f"input={vectorizer.input!r}")
        if vectorizer.binary:
            problems.append("binary=True")
        if np.dtype(vectorizer.dtype) != np.float64:
            problems.append(f"dtype {np.dtype(vectorizer.dtype)}")
        if not hasattr(vectorizer, "vocabulary_"):
            problems.append("not fitted")
    if problems:
        raise ModelError("text vectorizer not reproduced at scoring time: " + ", ".join(problems))


def _terms(vocabulary: dict[str, int]) -> list[str]:
    """The terms of ``vocabulary`` in column order (its columns are 0 .. len - 1)."""
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return terms


def _vocabulary(terms: list[str]) -> dict[str, int]:
    if not all(isinstance(t, str) for t in terms) or len(set(terms)) != len(terms):
        raise ModelError("the scoring form's vocabulary is not a list of distinct strings")
    return {term: column for column, term in enumerate(terms)}


_INT32 = array("i").itemsize


class CharNgramCounter:
    """``TfidfVectorizer(analyzer="char_wb")``'s ``transform``, with the n-grams of each word cached.

    Parameters
    ----------
    vocabulary : the vectorizer's ``vocabulary_`` (term -> column).
    ngram_range : its ``(min_n, max_n)``.
    tfidf : its weighting (:class:`Tfidf`).
    max_bytes : the cache is emptied before it would hold more than about this many bytes (a word's
        entry counts its characters, its row's bytes and :data:`CACHE_ENTRY_OVERHEAD`), so memory
        stays bounded whatever the words.
    max_word_chars : longer words are not cached (a long word is rarely seen twice, and its row grows
        with its length): their n-grams are counted each time.
    """

    #: Bytes a cache entry costs beyond its word's characters and its row's bytes: the dictionary slot and
    #: the two objects' headers (an approximation, as is counting one byte per character).
    CACHE_ENTRY_OVERHEAD = 120

    def __init__(
        self,
        vocabulary: dict[str, int],
        ngram_range: tuple[int, int],
        tfidf: Tfidf,
        max_bytes: int = 32_000_000,
        max_word_chars: int = 64,
    ):
        self.max_bytes = max_bytes
        self.max_word_chars = max_word_chars
        self.tfidf = tfidf
        self._vocabulary = vocabulary
        self._min_n, self._max_n = ngram_range
        self._cache: dict[str, bytes] = {}
        self._cache_bytes = 0
        self._tables = self._key_tables() if self._min_n <= 3 and self._max_n <= 4 else None

    def _key_tables(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """For each n, the vocabulary's n-grams of BMP characters as sorted 16-bit-per-character keys,
        and their columns: an n-gram is found by one ``searchsorted`` instead of a dictionary lookup."""
        tables = {}
        for n in range(self._min_n, self._max_n + 1):
            terms = [
                (t, c) for t, c in self._vocabulary.items() if len(t) == n and max(map(ord, t)) < 0x10000
            ]
            keys = np.zeros(len(terms), dtype=np.uint64)
            for k in range(n):
                keys = (keys << np.uint64(16)) | np.fromiter(
                    (ord(t[k]) for t, _ in terms), np.uint64, len(terms)
                )
            order = np.argsort(keys, kind="stable")
            tables[n] = (keys[order], np.fromiter((c for _, c in terms), np.int32, len(terms))[order])
        return tables

    @classmethod
    def from_sklearn(cls, vectorizer, **options) -> CharNgramCounter:
        """The counter of a fitted char_wb ``TfidfVectorizer`` (:class:`ModelError` for another kind)."""
        _check_text_vectorizer(vectorizer, "char_wb")
        return cls(
            vectorizer.vocabulary_, tuple(vectorizer.ngram_range), Tfidf.from_sklearn(vectorizer), **options
        )

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        return {
            "kind": "char_wb",
            "ngram_range": [self._min_n, self._max_n],
            "tfidf": self.tfidf.to_data(prefix, arrays),
            "vocabulary": _terms(self._vocabulary),
        }

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> CharNgramCounter:
        min_n, max_n = data["ngram_range"]
        return cls(
            _vocabulary(data["vocabulary"]), (min_n, max_n), Tfidf.from_data(prefix, data["tfidf"], arrays)
        )

    def _word_row(self, word: str) -> bytes:
        """The vocabulary columns of ``word``'s n-grams as int32 bytes (a column occurs as often as its n-gram).

        The n-grams are those of scikit-learn's ``_char_wb_ngrams``: the word padded with a space on
        each side, every n from min_n to max_n, and the whole padded word once when it is shorter.
        """
        w = " " + word + " "
        w_len = len(w)
        grams = []
        for n in range(self._min_n, self._max_n + 1):
            if w_len <= n:
                grams.append(w)
                break
            grams.extend([w[i : i + n] for i in range(w_len - n + 1)])
        return array("i", [c for c in map(self._vocabulary.get, grams) if c is not None]).tobytes()

    def _word_rows(self, words: list[str]) -> list[bytes]:
        """:meth:`_word_row` of each of ``words``, vectorised: the padded words' characters become one
        array, each n-gram window a 16-bit-per-character key looked up in :meth:`_key_tables`. Words
        with characters beyond the BMP (whose keys would not fit) take the per-word path."""
        if self._tables is None:
            return [self._word_row(word) for word in words]
        padded = "".join([f" {word} " for word in words])
        chars = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if chars.size and chars.max() >= 0x10000:
            wide = {w for w in words if max(map(ord, w)) >= 0x10000}
            narrow = [w for w in words if w not in wide]
            rows = dict(zip(narrow, self._word_rows(narrow)))
            return [rows[w] if w in rows else self._word_row(w) for w in words]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
        ends = np.cumsum(lengths)
        word_of = np.repeat(np.arange(len(words)), lengths)
        position = np.arange(chars.size)
        room = ends[word_of] - position  # characters left in the word from each position
        keys = chars.astype(np.uint64)
        found_words, found_columns = [], []
        for n in range(1, self._max_n + 1):
            if n > 1:
                keys = (keys[:-1] << np.uint64(16)) | chars[n - 1 :]
            if n < self._min_n:
                continue
            starts = np.flatnonzero(room[: keys.size] >= n)
            table_keys, table_columns = self._tables[n]
            if not table_keys.size or not starts.size:
                continue
            wanted = keys[starts]
            at = np.minimum(np.searchsorted(table_keys, wanted), table_keys.size - 1)
            hit = table_keys[at] == wanted
            found_words.append(word_of[starts[hit]])
            found_columns.append(table_columns[at[hit]])
        if not found_words:
            return [b""] * len(words)
        owners = np.concatenate(found_words)
        columns = np.concatenate(found_columns).astype(np.intc)
        order = np.argsort(owners, kind="stable")
        columns = columns[order]
        bounds = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owners, minlength=len(words)), out=bounds[1:])
        return [columns[bounds[k] : bounds[k + 1]].tobytes() for k in range(len(words))]

    def counts(self, texts) -> sp.csr_matrix:
        """The n-gram count matrix of ``texts``.

        Computed as (texts × words) @ (words × n-grams): the first counts each distinct word of the
        page per text, the second stacks each word's cached n-gram columns; both are built and
        multiplied in C.
        """
        cache = self._cache
        text_words_list = [text.lower().split() for text in texts]  # as after _white_spaces.sub(" ", ...)
        flat = list(chain.from_iterable(text_words_list))
        word_ids = {word: j for j, word in enumerate(dict.fromkeys(flat))}  # in order of first appearance
        occurrences = list(map(word_ids.__getitem__, flat))
        indptr = np.zeros(len(text_words_list) + 1, dtype=np.int64)
        np.cumsum(
            np.fromiter(map(len, text_words_list), dtype=np.int64, count=len(text_words_list)), out=indptr[1:]
        )
        n_words = len(word_ids)
        dtype = np.float64  # counts are small integers: exact in floating point, no cast after
        text_words = sp.csr_matrix(
            (
                np.ones(len(occurrences), dtype=dtype),
                np.asarray(occurrences, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32),
            ),
            shape=(len(indptr) - 1, n_words),
        )
        new = [word for word in word_ids if word not in cache]
        found = dict(zip(new, self._word_rows(new))) if new else {}
        rows = [cache[word] if word in cache else found[word] for word in word_ids]
        self._remember(found)
        word_indptr = np.zeros(n_words + 1, dtype=np.int32)
        np.cumsum(np.fromiter(map(len, rows), dtype=np.int32, count=n_words), out=word_indptr[1:])
        word_indptr //= _INT32
        columns = np.frombuffer(b"".join(rows), dtype=np.intc).astype(np.int32, copy=False)
        # duplicate columns in a word's row (an n-gram occurring twice) are summed by the product
        word_ngrams = sp.csr_matrix(
            (np.ones(len(columns), dtype=dtype), columns, word_indptr), shape=(n_words, len(self._vocabulary))
        )
        # the product's columns come unsorted; a round trip through CSC sorts them in two linear passes,
        # cheaper than sorting each row
        return (text_words @ word_ngrams).tocsc().tocsr()

    def _remember(self, rows: dict[str, bytes]) -> None:
        """Cache the rows of words no longer than ``max_word_chars``, emptying the cache first whenever an
        entry would take it past ``max_bytes``."""
        cache, overhead = self._cache, self.CACHE_ENTRY_OVERHEAD
        for word, row in rows.items():
            if len(word) > self.max_word_chars:
                continue
            size = len(word) + len(row) + overhead
            if self._cache_bytes + size > self.max_bytes:
                cache.clear()
                self._cache_bytes = 0
                if size > self.max_bytes:
                    continue
            cache[word] = row
            self._cache_bytes += size

    def transform(self, texts) -> sp.csr_matrix:
        """The TF-IDF matrix of ``texts``, as the vectorizer's own ``transform`` returns it."""
        return self.tfidf(self.counts(texts))


class WordNgramCounter:
    """``TfidfVectorizer(analyzer="word")``'s ``transform`` without scikit-learn's per-feature Python loop.

    Tokens are made exactly as scikit-learn makes them (lower-case, the default ``token_pattern``).
    Each token is looked up once, as an integer id among the tokens of the vocabulary's n-grams; an
    n-gram is then the integer key of its tokens' ids, found among the vocabulary's keys by one
    ``searchsorted``, instead of a string joined and looked up per n-gram.

    Parameters
    ----------
    vocabulary : the ``vocabulary_`` of a fitted word TF-IDF (lowercase, no accent stripping, no stop
        words, no custom preprocessor or tokenizer, the default token pattern).
    ngram_range : its ``(min_n, max_n)``.
    tfidf : its weighting (:class:`Tfidf`).
    """

    #: scikit-learn's default token pattern: its tokens are runs of word characters, never holding the
    #: space that joins the tokens of an n-gram, so a term of the vocabulary splits back into its tokens
    TOKEN_PATTERN = r"(?u)\b\w\w+\b"

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int], tfidf: Tfidf):
        self.tfidf = tfidf
        self._vocabulary = vocabulary
        self._min_n, self._max_n = ngram_range
        if not self._keys_fit(vocabulary, self._max_n):
            raise ModelError("the word vocabulary is too large for 64-bit n-gram keys")
        # \b\w\w+\b finds the same tokens as \w\w+ (a maximal run of two or more word characters), which
        # ``re`` scans faster
        self._tokens = re.compile(r"\w\w+").findall
        self._token_ids: dict[str, int] = {}
        for term in self._vocabulary:
            for token in term.split(" "):
                self._token_ids.setdefault(token, len(self._token_ids))
        self._tables = self._key_tables()

    def _key_tables(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """For each n, the vocabulary's n-grams as sorted integer keys (their tokens' ids as the digits of a
        number in base ``len(self._token_ids)``) and their columns."""
        base = len(self._token_ids)
        terms: dict[int, list[tuple[int, int]]] = {n: [] for n in range(self._min_n, self._max_n + 1)}
        for term, column in self._vocabulary.items():
            key = 0
            tokens = term.split(" ")
            for token in tokens:
                key = key * base + self._token_ids[token]
            terms[len(tokens)].append((key, column))
        tables = {}
        for n, pairs in terms.items():
            pairs.sort()
            tables[n] = (
                np.array([k for k, _ in pairs], dtype=np.int64),
                np.array([c for _, c in pairs], dtype=np.int64),
            )
        return tables

    @classmethod
    def from_sklearn(cls, vectorizer) -> WordNgramCounter:
        """The counter of a fitted word ``TfidfVectorizer`` (:class:`ModelError` for another kind)."""
        _check_text_vectorizer(vectorizer, "word")
        problems = [
            what
            for what, wrong in (
                ("a custom tokenizer", vectorizer.tokenizer is not None),
                ("stop words", vectorizer.stop_words is not None),
                (
                    f"token pattern {vectorizer.token_pattern!r}",
                    vectorizer.token_pattern != cls.TOKEN_PATTERN,
                ),
            )
            if wrong
        ]
        if problems:
            raise ModelError("word vectorizer not reproduced at scoring time: " + ", ".join(problems))
        return cls(vectorizer.vocabulary_, tuple(vectorizer.ngram_range), Tfidf.from_sklearn(vectorizer))

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        return {
            "kind": "word",
            "ngram_range": [self._min_n, self._max_n],
            "tfidf": self.tfidf.to_data(prefix, arrays),
            "vocabulary": _terms(self._vocabulary),
        }

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> WordNgramCounter:
        min_n, max_n = data["ngram_range"]
        return cls(
            _vocabulary(data["vocabulary"]), (min_n, max_n), Tfidf.from_data(prefix, data["tfidf"], arrays)
        )

    @staticmethod
    def _keys_fit(vocabulary: dict[str, int], max_n: int) -> bool:
        """Whether every n-gram key fits 64 bits: an n-gram is up to ``max_n`` token ids written in base
        (ids + 1), and at most ``max_n`` times as many distinct tokens as terms can occur."""
        return (max_n * len(vocabulary) + 1) ** max_n < 2**63

    def counts(self, texts) -> sp.csr_matrix:
        """The n-gram count matrix of ``texts``.

        The whole page is looked up at once: every text's tokens as ids in one array, then for each n
        the keys of the runs of n tokens that lie in one text and hold no token unknown to the
        vocabulary (scikit-learn's ``_word_ngrams``), found in that n's table. Column order within
        a row does not matter: duplicates are summed and sorted.
        """
        token_lists = [self._tokens(text.lower()) for text in texts]
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        base = len(self._token_ids)  # also the id of the tokens the vocabulary does not hold
        ids = np.fromiter(
            map(self._token_ids.get, chain.from_iterable(token_lists), repeat(base)),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        rows = np.repeat(np.arange(len(token_lists)), lengths)
        found_rows, found_columns = [], []
        keys, usable = ids, ids < base
        for n in range(1, self._max_n + 1):
            if n > 1:  # runs of n tokens: not across two texts, no unknown token
                if len(ids) < n:
                    break
                keys = keys[:-1] * base + ids[n - 1 :]
                usable = usable[:-1] & (ids[n - 1 :] < base) & (rows[n - 1 :] == rows[: len(rows) - n + 1])
            if n < self._min_n or not self._tables[n][0].size:
                continue
            table_keys, table_columns = self._tables[n]
            starts = np.flatnonzero(usable)
            wanted = keys[starts]
            at = np.minimum(np.searchsorted(table_keys, wanted), table_keys.size - 1)
            hit = table_keys[at] == wanted
            found_rows.append(rows[starts[hit]])
            found_columns.append(table_columns[at[hit]])
        rows = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.int64)
        columns = np.concatenate(found_columns) if found_columns else np.zeros(0, dtype=np.int64)
        # one key per (text, column), sorted: the CSR matrix with duplicates summed, built directly
        keys, counts = np.unique(rows * len(self._vocabulary) + columns, return_counts=True)
        indptr = np.zeros(len(token_lists) + 1, dtype=np.int32)
        np.cumsum(np.bincount(keys // len(self._vocabulary), minlength=len(token_lists)), out=indptr[1:])
        return sp.csr_matrix(
            (counts.astype(np.float64), (keys % len(self._vocabulary)).astype(np.int32), indptr),
            shape=(len(token_lists), len(self._vocabulary)),
        )

    def transform(self, texts) -> sp.csr_matrix:
        """The TF-IDF matrix of ``texts``, as the vectorizer's own ``transform`` returns it."""
        return self.tfidf(self.counts(texts))


class DictColumns:
    """``DictVectorizer.transform`` for dicts of numbers, without its per-value type dispatch.

    Values are ``float``, ``int`` or ``bool``, or strings (one-hot: the key ``f"{name}{separator}{value}"``
    with the value 1, as ``DictVectorizer`` does); anything else is a ``TypeError``.

    Parameters
    ----------
    vocabulary : the ``vocabulary_`` of a fitted, sorting ``DictVectorizer`` (feature name -> column).
    separator : its ``separator``.
    """

    def __init__(self, vocabulary: dict[str, int], separator: str = "="):
        self._vocabulary = vocabulary
        self.separator = separator

    @classmethod
    def from_sklearn(cls, vectorizer) -> DictColumns:
        """The columns of a fitted ``DictVectorizer`` (:class:`ModelError` for one this class does not reproduce)."""
        from sklearn.feature_extraction import DictVectorizer

        if not (isinstance(vectorizer, DictVectorizer) and hasattr(vectorizer, "vocabulary_")):
            raise ModelError(
                f"feature dicts vectorised by a {type(vectorizer).__name__}, not a fitted DictVectorizer"
            )
        if not vectorizer.sort or np.dtype(vectorizer.dtype) != np.float64:
            raise ModelError(
                "a DictVectorizer with sort=False or another dtype is not reproduced at scoring time"
            )
        return cls(vectorizer.vocabulary_, vectorizer.separator)

    def to_data(self, prefix: str, arrays: Arrays) -> dict[str, Any]:
        return {"kind": "dict", "separator": self.separator, "vocabulary": _terms(self._vocabulary)}

    @classmethod
    def from_data(cls, prefix: str, data: dict[str, Any], arrays: Arrays) -> DictColumns:
        return cls(_vocabulary(data["vocabulary"]), str(data["separator"]))

    def transform(self, dicts) -> sp.csr_matrix:
        keys: list[str] = []
        values: list = []
        indptr = [0]
        for row in dicts:
            keys.extend(row)
            values.extend(row.values())
            indptr.append(len(keys))
        if not set(map(type, values)) <= _NUMBERS:
            keys, values = self._one_hot(keys, values)
        columns = np.fromiter(map(self._vocabulary.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
        known = columns >= 0
        kept = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(known, out=kept[1:])
        matrix = sp.csr_matrix(
            (
                np.asarray(values, dtype=np.float64)[known],
                columns[known].astype(np.int32),
                kept[indptr].astype(np.int32),
            ),
            shape=(len(indptr) - 1, len(self._vocabulary)),
        )
        matrix.sort_indices()
        return matrix

    def _one_hot(self, keys: list[str], values: list) -> tuple[list[str], list]:
        """String values as ``DictVectorizer`` reads them: the key ``name=value`` set to 1."""
        new_keys, new_values = [], []
        for key, value in zip(keys, values):
            if isinstance(value, str):
                new_keys.append(f"{key}{self.separator}{value}")
                new_values.append(1.0)
            elif type(value) in _NUMBERS:
                new_keys.append(key)
                new_values.append(value)
            else:
                raise TypeError(
                    f"feature {key!r} has a {type(value).__name__} value; numbers and strings only"
                )
        return new_keys, new_values

    def transform_table(self, table: FeatureTable) -> sp.csr_matrix:
        """:meth:`transform` of ``table.dicts()``, built from the table's parts without the dicts (the
        table holds numbers only).

        The parts that set a known key of every block (most of them) become ``(parts, blocks)`` arrays
        of columns and values in one conversion each; the others are gathered as entries, column -1
        for the keys the vectorizer does not know (left out).
        """
        vocabulary, n = self._vocabulary, table.n
        every = range(n)
        full_columns: list[int] = []  # a column per part that sets it on every block, its values below
        full_values: list[Sequence[float]] = []
        onehot_columns: list[list[int]] = []  # a column per block for each one-hot part of every block
        rows: list[int] = []  # the entries of the other parts
        columns: list[int] = []
        values: list[float] = []
        for kind, name, where, part in table.parts:
            if kind == FeatureTable.VALUES:
                column = vocabulary.get(name, -1)
                if column >= 0 and where == every:
                    full_columns.append(column)
                    full_values.append(part)
                else:
                    rows.extend(where)
                    columns.extend(repeat(column, len(where)))
                    values.extend(part)
            elif kind == FeatureTable.ONEHOT:
                of = {category: vocabulary.get(f"{name}={category}", -1) for category in set(part)}
                found = list(map(of.__getitem__, part))
                if where == every and min(of.values(), default=0) >= 0:
                    onehot_columns.append(found)
                else:
                    rows.extend(where)
                    columns.extend(found)
                    values.extend(repeat(1.0, len(found)))
            else:
                for i, features in zip(where, part):
                    rows.extend(repeat(i, len(features)))
                    columns.extend(map(vocabulary.get, features, repeat(-1)))
                    values.extend(features.values())
        dtype, k = np.float64, len(full_columns) + len(onehot_columns)
        other_columns = np.asarray(columns, dtype=np.int64)
        known = other_columns >= 0
        return self._csr(
            n,
            np.concatenate(
                [np.tile(np.arange(n, dtype=np.int64), k), np.asarray(rows, dtype=np.int64)[known]]
            ),
            np.concatenate(
                [
                    np.repeat(np.asarray(full_columns, dtype=np.int64), n),
                    np.asarray(onehot_columns, dtype=np.int64).ravel(),
                    other_columns[known],
                ]
            ),
            np.concatenate(
                [
                    np.asarray(full_values, dtype=dtype).ravel(),
                    np.ones(len(onehot_columns) * n, dtype=dtype),
                    np.asarray(values, dtype=dtype)[known],
                ]
            ),
        )

    def _csr(self, n: int, rows: np.ndarray, columns: np.ndarray, values: np.ndarray) -> sp.csr_matrix:
        """The ``n``-row CSR matrix of the entries ``(rows, columns, values)`` (no two at the same place),
        its columns sorted in each row as :meth:`transform` leaves them."""
        order = np.argsort(rows * len(self._vocabulary) + columns, kind="stable")
        indptr = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        return sp.csr_matrix(
            (values[order], columns[order].astype(np.int32), indptr), shape=(n, len(self._vocabulary))
        )


_NUMBERS = frozenset({float, int, bool})


_PARTS: dict[str, Any] = {"char_wb": CharNgramCounter, "word": WordNgramCounter, "dict": DictColumns}


class CompiledColumnTransformer:
    """The fitted ``ColumnTransformer`` of a :class:`~detector.model.estimator.ParagraphClassifier`, faster.

    Parameters
    ----------
    parts : ``(name, part, column, weight)`` of each transformer in order: a :class:`CharNgramCounter` or
        :class:`WordNgramCounter` of column 0 (the text) or a :class:`DictColumns` of column 1 (the feature
        dicts), and its weight (``None``: 1).
    """

    def __init__(self, parts: list[tuple[str, Any, int, float | None]]):
        self.parts = parts
        self._parts = [(part, column, weight) for _, part, column, weight in parts]

    @classmethod
    def from_sklearn(cls, features) -> CompiledColumnTransformer:
        """The compiled form of a fitted ``ColumnTransformer`` (:class:`ModelError` for one it does not reproduce:
        dense output, dropped or passed-through columns, another kind of transformer)."""
        if getattr(features, "sparse_output_", False) is not True:
            raise ModelError("the feature union's output is not sparse: not reproduced at scoring time")
        weights = features.transformer_weights or {}
        parts: list[tuple[str, Any, int, float | None]] = []
        for name, transformer, column in features.transformers_:
            if isinstance(transformer, str) or not isinstance(column, int):
                raise ModelError(f"feature part {name!r} ({transformer!r} of {column!r}) is not reproduced")
            analyzer = getattr(transformer, "analyzer", None)
            part: Any
            if column == 0 and analyzer == "char_wb":
                part = CharNgramCounter.from_sklearn(transformer)
            elif column == 0 and analyzer == "word":
                part = WordNgramCounter.from_sklearn(transformer)
            elif column == 1:
                part = DictColumns.from_sklearn(transformer)
            else:
                raise ModelError(f"feature part {name!r} ({type(transformer).__name__}) is not reproduced")
            weight = weights.get(name)
            parts.append((name, part, column, None if weight is None else float(weight)))
        return cls(parts)

    def to_data(self, prefix: str, arrays: Arrays) -> list[dict[str, Any]]:
        return [
            {"name": name, "column": column, "weight": weight, **part.to_data(f"{prefix}.{name}", arrays)}
            for name, part, column, weight in self.parts
        ]

    @classmethod
    def from_data(cls, prefix: str, data: list[dict[str, Any]], arrays: Arrays) -> CompiledColumnTransformer:
        parts: list[tuple[str, Any, int, float | None]] = []
        for entry in data:
            kind, name, column, weight = entry["kind"], entry["name"], entry["column"], entry["weight"]
            if kind not in _PARTS or column != (1 if kind == "dict" else 0):
                raise ModelError(f"the scoring form's feature part {name!r} is of unknown kind {kind!r}")
            part = _PARTS[kind].from_data(f"{prefix}.{name}", entry, arrays)
            parts.append((str(name), part, int(column), None if weight is None else float(weight)))
        return cls(parts)

    def feature_names(self) -> list[str]:
        """``get_feature_names_out()`` of the ``ColumnTransformer``: each part's names, prefixed with its name."""
        return [f"{name}__{term}" for name, part, _, _ in self.parts for term in _terms(part._vocabulary)]

    def transform_page(self, texts: list[str], table: FeatureTable) -> sp.csr_matrix:
        """:meth:`transform` of the rows of a page given as its texts and its feature table, without
        building the feature dicts, :data:`_CHUNK_ROWS` blocks at a time.

        A whole page at once would hold, for a page of tens of thousands of blocks, the word lists, keys
        and products of all its texts, the entries of all its features and three copies of the matrix
        (the parts, their concatenation, the stacked result). Each row is computed from its own block
        alone (its n-gram counts, TF-IDF weights and norm; its features), so the chunks stacked are the
        same matrix.
        """
        n = len(texts)
        if n <= _CHUNK_ROWS:
            return self._transform_rows(texts, table)
        stack = _RowStack(n)
        for start in range(0, n, _CHUNK_ROWS):
            stop = min(start + _CHUNK_ROWS, n)
            stack.append(self._transform_rows(texts[start:stop], table.rows(start, stop)))
        return stack.matrix()

    def _transform_rows(self, texts: list[str], table: FeatureTable) -> sp.csr_matrix:
        """:meth:`transform_page` of all of ``texts`` and ``table`` at once."""
        return sp.hstack(
            [
                _weighted(t.transform(texts) if column == 0 else t.transform_table(table), weight)
                for t, column, weight in self._parts
            ],
            format="csr",
        )

    def transform(self, rows: np.ndarray) -> sp.csr_matrix:
        """The feature matrix of ``rows`` (an object array of ``(text, features)``), in CSR."""
        blocks = [_weighted(t.transform(rows[:, column]), weight) for t, column, weight in self._parts]
        return sp.hstack(blocks, format="csr")  # CSR blocks side by side, in C (scipy's minor-axis stack)


#: blocks whose feature rows are built at once (:meth:`CompiledColumnTransformer.transform_page`)
_CHUNK_ROWS = 2048


class _RowStack:
    """A CSR matrix of ``n`` rows built from chunks of rows in turn: ``sp.vstack``'s matrix, index type
    included, without holding the chunks.

    Each chunk is copied in as it comes and let go, so its memory serves the next one. The entries go to
    arrays sized, after the first chunk, for half as many entries again as the page would have at that
    chunk's density: pages of an array that are never written are never resident, and a denser page
    grows them (a copy) only when they fill.
    """

    def __init__(self, n: int):
        self.n = n
        self.width = 0
        self.rows = self.entries = 0
        self.data = np.empty(0)
        self.indices = np.empty(0, dtype=np.int64)
        self.indptr = np.zeros(n + 1, dtype=np.int64)

    def append(self, chunk: sp.csr_matrix) -> None:
        rows, k, at = chunk.shape[0], chunk.nnz, self.entries
        if self.rows == 0:
            self.width = chunk.shape[1]
            self.data = np.empty(0, dtype=chunk.dtype)
            self._grow(k + (3 * k * (self.n - rows)) // (2 * rows) + 1)
        elif at + k > self.data.size:
            self._grow(max(2 * self.data.size, at + k))
        self.data[at : at + k] = chunk.data
        self.indices[at : at + k] = chunk.indices
        self.indptr[self.rows + 1 : self.rows + rows + 1] = chunk.indptr[1:] + at
        self.rows, self.entries = self.rows + rows, at + k

    def _grow(self, size: int) -> None:
        # int32 column indices, as scipy gives any matrix whose columns and entries it can count in them
        index = sp.get_index_dtype(maxval=max(self.width - 1, size))
        data, indices = np.empty(size, dtype=self.data.dtype), np.empty(size, dtype=index)
        data[: self.entries] = self.data[: self.entries]
        indices[: self.entries] = self.indices[: self.entries]
        self.data, self.indices = data, indices

    def matrix(self) -> sp.csr_matrix:
        """The rows appended, all ``n`` of them."""
        assert self.rows == self.n
        index = sp.get_index_dtype(maxval=max(self.width - 1, self.entries))
        return sp.csr_matrix(
            (
                self.data[: self.entries],
                self.indices[: self.entries].astype(index, copy=False),
                self.indptr.astype(index, copy=False),
            ),
            shape=(self.n, self.width),
        )


def _weighted(block: sp.csr_matrix, weight: float | None) -> sp.csr_matrix:
    return block if weight is None or weight == 1 else block * weight
