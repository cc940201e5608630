"""The scoring-time form of a fitted :class:`~detector.model.estimator.ParagraphClassifier`, as plain data.

:meth:`CompiledClassifier.from_estimator` (what ``ParagraphClassifier.compiled()`` returns) reads the
fitted estimator's numbers into the parts of ``_vectorize`` (the feature union), ``_calibrated`` (the
calibrated logistic regression) and ``_boosted`` (the trees, and the second reading's trees): the estimator's feature matrix and
``predict_proba``, the same numbers bit for bit (tests check them), with numpy, ``scipy.sparse`` and the
standard library only. A shape they do not reproduce is a :class:`~detector.exceptions.ModelError` when
the form is built (so at save time), never a fallback to scikit-learn at scoring time.

:meth:`CompiledClassifier.to_data` / :meth:`~CompiledClassifier.from_data` write and read it as numpy
arrays (saved in an ``.npz`` read with ``allow_pickle=False``) and a JSON document (vocabularies,
feature names, classes, thresholds, rule weights): the data-only scoring form that
:func:`detector.model.artifact.load_model` loads, with no pickle and no scikit-learn.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from ..exceptions import ModelError
from ..labels import NEUTRAL_LABELS, SPAM_LABELS
from ._boosted import CompiledTrees
from ._calibrated import CompiledCalibratedLinear
from ._vectorize import CompiledColumnTransformer
from .section_pass import Layout, n_features, reconsider

if TYPE_CHECKING:
    from .estimator import ParagraphClassifier
    from .features import FeatureTable

#: The version of the data-only form: a loader refuses any other.
FORM_VERSION = 2  # 2: the second reading (section trees)

Arrays = dict[str, np.ndarray]


def spam_columns(classes: list[str]) -> np.ndarray:
    """Boolean mask of the spam labels among ``classes`` (the columns whose sum is the spam share)."""
    return np.array([str(label) in SPAM_LABELS for label in classes])


def rows_for_trees(
    linear: np.ndarray,
    classes: list[str],
    thresholds: dict[str, float] | None,
    tree_weight: float,
    trees: bool,
) -> np.ndarray:
    """The rows whose label the trees may change: those whose spam share reaches the lowest spam
    threshold (below it, the paragraph is credible or boilerplate whatever its kind of spam)."""
    if not trees or tree_weight <= 0:
        return np.zeros(0, dtype=np.intp)
    thresholds = thresholds or {}
    lowest = min(thresholds.get(label, 0.5) for label in SPAM_LABELS)
    share = linear[:, spam_columns(classes)].sum(axis=1)
    return np.flatnonzero((share >= lowest) & (share > 0))


def blend(
    linear: np.ndarray, rows: np.ndarray, trees: np.ndarray, classes: list[str], tree_weight: float
) -> np.ndarray:
    """``linear`` with the spam share of each of ``rows`` split among the spam labels by the weighted
    average of the linear split and the trees' split (``trees``: the trees' probabilities of ``rows``).
    Every row keeps its spam share and its split between the neutral labels."""
    spam = spam_columns(classes)
    proba = linear.copy()
    linear_spam, trees_spam = linear[np.ix_(rows, spam)], trees[:, spam]
    share = linear_spam.sum(axis=1, keepdims=True)
    split = (1.0 - tree_weight) * linear_spam / share + tree_weight * trees_spam / trees_spam.sum(
        axis=1, keepdims=True
    )
    proba[np.ix_(rows, spam)] = share * split
    return proba


#: The spam labels' summed probability past which a paragraph is spam even when no spam label alone reaches
#: its threshold. Set on the news pages of ``../shared/corpora`` and seed 003's pasted FAQ answers; real
#: articles get split spam mass below it. Model 0.15.0: at 0.9 two clear off-topic answers of seed 003
#: (spam share 0.81 and 0.88) fell to boilerplate; at 0.8 the news pages' gold paragraphs flagged other than
#: promotional stay at 1, the extraction pages' main-text snippets flagged go from 3 to 4 of 235.
SPAM_SHARE_DECIDES = 0.8


#: The probability of ``boilerplate`` a paragraph of the main text needs to be called page furniture. The
#: main-text extractor has judged it part of the article; the classifier overrules that only when it is
#: fairly sure. Set on the news pages of ``../shared/corpora`` (model 0.15.0): at 0.6, 37 of their 2,352 gold
#: paragraphs were lost as boilerplate, at 0.7 31 (short plain list items and lead-in lines of a how-to
#: blog among them); the extraction pages paid one boilerplate snippet kept (72.5% removed against 73.0%).
MAIN_TEXT_BOILERPLATE = 0.7


def decide(
    proba: np.ndarray,
    classes: list[str],
    thresholds: dict[str, float] | None,
    in_main_text: np.ndarray | None = None,
) -> np.ndarray:
    """Turn probabilities into labels, applying the spam thresholds: a spam label below its threshold
    gives way to the likelier neutral label, unless the spam labels together are all but certain
    (:data:`SPAM_SHARE_DECIDES`: a paragraph 99.7% likely to be spam, split 0.50 / 0.49 between a
    scraped FAQ and an off-topic answer, is spam and takes the likelier of the two). A paragraph the
    main-text extractor kept (``in_main_text``, a boolean per row; on HTML pages) is boilerplate only past
    :data:`MAIN_TEXT_BOILERPLATE`, and credible otherwise."""
    thresholds = thresholds or {}
    neutral = [classes.index(lab) for lab in NEUTRAL_LABELS if lab in classes]
    spam = [classes.index(lab) for lab in SPAM_LABELS if lab in classes]
    best = np.argmax(proba, axis=1)
    minimum = np.array([thresholds.get(lab, 0.5) if lab in SPAM_LABELS else -np.inf for lab in classes])
    rows = np.arange(len(best))
    spam_share = proba[:, spam].sum(axis=1) if spam else np.zeros(len(best))
    demoted = (proba[rows, best] < minimum[best]) & (spam_share < SPAM_SHARE_DECIDES)
    if demoted.any() and neutral:
        best[demoted] = np.asarray(neutral)[np.argmax(proba[np.ix_(demoted, neutral)], axis=1)]
    if in_main_text is not None and "boilerplate" in classes and "credible" in classes:
        boilerplate = classes.index("boilerplate")
        kept = in_main_text & (best == boilerplate) & (proba[:, boilerplate] < MAIN_TEXT_BOILERPLATE)
        best[kept] = classes.index("credible")
    return np.array(classes, dtype=object)[best]


class CompiledClassifier:
    """A fitted ``ParagraphClassifier``'s feature matrix, probabilities and labels, fast, from plain data.

    Attributes
    ----------
    classes : the labels, in the order of :meth:`predict_proba`'s columns.
    spam_columns : boolean mask of the spam labels among ``classes``.
    coef : the logistic regression's coefficients (classes x features), averaged over calibration folds.
    feature_names : the name of each column of the feature matrix.
    rule_weights : the estimator's ``rule_weights_``.
    thresholds : the estimator's ``thresholds`` (minimum probability of each spam label).
    tree_weight : the weight of the trees' split of the spam share.
    section : the second reading's trees (:mod:`detector.model.section_pass`), or ``None``.
    section_weight : the second reading's weight in :meth:`reconsider`.
    """

    def __init__(
        self,
        features: CompiledColumnTransformer,
        linear: CompiledCalibratedLinear,
        trees: CompiledTrees | None,
        classes: list[str],
        rule_weights: dict[str, dict[str, float]],
        thresholds: dict[str, float] | None,
        tree_weight: float,
        section: CompiledTrees | None = None,
        section_weight: float = 0.0,
    ):
        self.features, self.linear, self.trees = features, linear, trees
        self.classes = [str(label) for label in classes]
        if len(self.classes) != linear.n_classes or (
            trees is not None and trees.per_iteration != len(classes)
        ):
            raise ModelError("the classifier's parts do not agree on the number of classes")
        self.spam_columns: np.ndarray = spam_columns(self.classes)
        self.coef: np.ndarray = self._mean_coef(linear)
        self.feature_names: np.ndarray = np.array(features.feature_names(), dtype=object)
        if self.coef.shape[1] != len(self.feature_names):
            raise ModelError("the classifier's coefficients do not match its features")
        self.rule_weights = rule_weights
        self.thresholds = thresholds
        self.tree_weight = float(tree_weight)
        self.section, self.section_weight = section, float(section_weight)
        if section is not None and (
            section.per_iteration != len(self.classes)
            or len(section.columns) != n_features(len(self.classes), int(self.spam_columns.sum()))
        ):
            raise ModelError("the second reading's trees do not fit the classifier's classes")

    @staticmethod
    def _mean_coef(linear: CompiledCalibratedLinear) -> np.ndarray:
        """``ParagraphClassifier.mean_coef``: the folds' coefficients averaged (``np.mean`` over the folds of a
        folds x classes x features array, as the estimator computes it)."""
        folds = linear._coef.T.reshape(linear._n_folds, linear.n_classes, -1)
        return np.mean(np.ascontiguousarray(folds), axis=0)

    @classmethod
    def from_estimator(cls, estimator: ParagraphClassifier) -> CompiledClassifier:
        """The compiled form of a fitted ``ParagraphClassifier``; :class:`ModelError` when a part of it is of
        a shape the compiled parts do not reproduce."""
        pipeline = estimator.pipeline_
        union = pipeline.named_steps["features"]
        features = CompiledColumnTransformer.from_sklearn(union)
        linear = CompiledCalibratedLinear.from_sklearn(pipeline.named_steps["classifier"])
        classes = [str(label) for label in estimator.classes_]
        trees_ = getattr(estimator, "trees_", None)  # absent from a model fitted without trees
        trees = None
        if trees_ is not None:
            if [str(label) for label in trees_.classes_] != classes:
                raise ModelError("the boosted trees' classes are not the classifier's")
            trees = CompiledTrees.from_sklearn(trees_, estimator.tree_columns_)
        section_trees = getattr(estimator, "section_trees_", None)
        section = None
        if section_trees is not None:
            if [str(label) for label in section_trees.classes_] != classes:
                raise ModelError("the second reading's classes are not the classifier's")
            section = CompiledTrees.from_sklearn(section_trees, np.arange(section_trees.n_features_in_))
        compiled = cls(
            features,
            linear,
            trees,
            classes,
            {
                rule: {label: float(w) for label, w in weights.items()}
                for rule, weights in estimator.rule_weights_.items()
            },
            None if estimator.thresholds is None else {k: float(v) for k, v in estimator.thresholds.items()},
            float(estimator.tree_weight),
            section,
            float(estimator.section_weight) if section is not None else 0.0,
        )
        if list(compiled.feature_names) != [str(name) for name in union.get_feature_names_out()]:
            raise ModelError("the compiled feature names are not the feature union's")
        return compiled

    # -- the data-only form --------------------------------------------------------------------------

    def to_data(self) -> tuple[Arrays, dict[str, Any]]:
        """The arrays and the JSON document of the data-only form."""
        arrays: Arrays = {}
        data = {
            "format": FORM_VERSION,
            "classes": self.classes,
            "thresholds": self.thresholds,
            "tree_weight": self.tree_weight,
            "rule_weights": self.rule_weights,
            "features": self.features.to_data("features", arrays),
            "linear": self.linear.to_data("linear", arrays),
            "trees": None if self.trees is None else self.trees.to_data("trees", arrays),
            "section": None if self.section is None else self.section.to_data("section", arrays),
            "section_weight": self.section_weight,
        }
        return arrays, data

    @classmethod
    def from_data(cls, arrays: Arrays, data: dict[str, Any]) -> CompiledClassifier:
        """The classifier of a data-only form (:class:`ModelError` for a malformed or other-version one)."""
        if not isinstance(data, dict) or data.get("format") != FORM_VERSION:
            found = data.get("format") if isinstance(data, dict) else None
            raise ModelError(f"the scoring form is version {found!r}, this package reads {FORM_VERSION}")
        try:
            return cls(
                CompiledColumnTransformer.from_data("features", data["features"], arrays),
                CompiledCalibratedLinear.from_data("linear", data["linear"], arrays),
                None if data["trees"] is None else CompiledTrees.from_data("trees", data["trees"], arrays),
                list(data["classes"]),
                dict(data["rule_weights"]),
                None if data["thresholds"] is None else dict(data["thresholds"]),
                float(data["tree_weight"]),
                None
                if data["section"] is None
                else CompiledTrees.from_data("section", data["section"], arrays),
                float(data["section_weight"]),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise ModelError(f"the scoring form is malformed: {type(exc).__name__}: {exc}") from exc

    def to_bytes(self) -> tuple[bytes, bytes]:
        """The ``.npz`` bytes (every array, in a zip written the same way every time) and the JSON bytes."""
        arrays, data = self.to_data()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(arrays):
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
        text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
        return buffer.getvalue(), text.encode("ascii")

    @classmethod
    def from_bytes(cls, npz: bytes, document: bytes) -> CompiledClassifier:
        """:meth:`from_data` of the bytes :meth:`to_bytes` wrote (no pickle: object arrays are refused)."""
        try:
            with np.load(io.BytesIO(npz), allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
        except (ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError(f"the scoring arrays cannot be read: {type(exc).__name__}: {exc}") from exc
        try:
            data = json.loads(document)
        except (ValueError, RecursionError) as exc:
            raise ModelError(f"the scoring form's JSON cannot be read: {exc}") from exc
        return cls.from_data(arrays, data)

    # -- scoring ---------------------------------------------------------------------------------------

    def transform_page(self, texts: list[str], table: FeatureTable) -> sp.csr_matrix:
        """The feature matrix of a page's blocks, given as their texts and the page's feature table."""
        return self.features.transform_page(texts, table)

    def transform(self, rows: np.ndarray) -> sp.csr_matrix:
        """The feature matrix of ``rows`` (an object array of ``(text, features)``)."""
        return self.features.transform(rows)

    def predict_proba(self, matrix: sp.csr_matrix) -> np.ndarray:
        """The estimator's ``predict_proba`` of a feature ``matrix`` (from :meth:`transform_page`)."""
        proba = self.linear.predict_proba(matrix)
        rows = rows_for_trees(proba, self.classes, self.thresholds, self.tree_weight, self.trees is not None)
        if self.trees is not None and rows.size:
            proba = blend(proba, rows, self.trees.predict_proba(matrix, rows), self.classes, self.tree_weight)
        return proba

    def reconsider(self, proba: np.ndarray, layout: Layout) -> np.ndarray:
        """A page's probabilities read a second time (:meth:`ParagraphClassifier.reconsider`)."""
        predict = None if self.section is None else self.section.predict_proba
        return reconsider(proba, layout, self.spam_columns, predict, self.section_weight)

    def decide(self, proba: np.ndarray, in_main_text: np.ndarray | None = None) -> np.ndarray:
        """The label of each row of ``proba`` (:meth:`ParagraphClassifier.decide`)."""
        return decide(proba, self.classes, self.thresholds, in_main_text)
