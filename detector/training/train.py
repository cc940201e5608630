"""Fit, cross-validate and save the paragraph classifier from the labelled seed corpus:
:func:`run_training`, which ``detector train`` and the checkout's ``python train.py`` run.

The committed model is exactly what training rebuilds from the repository: nothing here depends
on the clock, the machine or data outside the repository.

Writing the shipped model (``out`` left at ``models/``) also pins its digest in the package
(``detector/model/model_pin.json``): only a pinned model loads without ``--trust-model``. A model written
elsewhere is a custom model and the pin is left alone.
"""

from __future__ import annotations

import hashlib
import platform
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import joblib
import numpy as np
import sklearn
import trafilatura
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

from .. import __version__
from ..exceptions import CorpusError
from ..labels import LABELS, SPAM_LABELS, Label
from ..model.artifact import load_model, pin_model, resave_model, save_model
from ..model.compiled import CompiledClassifier
from ..model.estimator import ParagraphClassifier, main_text_judged, missing_labels
from ..model.features import fired_rules
from ..model.section_pass import Layout, SectionContext
from ..report.verdict import DEFAULT_VERDICT_THRESHOLDS
from ..scoring import extract_rows
from ..signals.rules import default_rules
from .corpus import LabelledPage, apply_feedback, corpus_sha256, label_files, load_corpus, read_decisions
from .params import (
    CAPTURE_WEIGHT,
    JOBS,
    MODEL_NAME,
    MODELS,
    PARAMS,
    ROOT,
    SEEDS,
    SPAM_THRESHOLDS,
    SYNTHETIC_PAGES,
    SYNTHETIC_SEED,
    SYNTHETIC_WEIGHT,
    ClassifierParams,
)


def sample_weights(
    groups,
    capture_weight: float = CAPTURE_WEIGHT,
    synthetic=None,
    synthetic_weight: float = SYNTHETIC_WEIGHT,
) -> np.ndarray:
    """Weight of each row: ``capture_weight`` for the captured seed pages, ``synthetic_weight`` for the
    rows of synthetic pages (``synthetic``: a boolean per row), 1 for the written ones."""
    weights = np.array([capture_weight if is_capture(g) else 1.0 for g in groups])
    if synthetic is not None:
        weights[np.asarray(synthetic, dtype=bool)] = synthetic_weight
    return weights


def batch_of(group: str) -> str:
    """The batch of a page group: its folder under ``seeds/pages/`` or ``seeds/blind/``, ``captures`` for
    the captured seed pages, else the page's own folder."""
    parts = Path(group).parts
    if len(parts) >= 3 and parts[0] == "seeds" and parts[1] in ("pages", "blind"):
        return parts[2]
    if is_capture(group):
        return "captures"
    return str(Path(group).parent)


def is_capture(group: str) -> bool:
    """Whether a page group names one of the captured seed pages (``seeds/*.txt``, not a page written for
    the project in a batch folder below ``seeds/``)."""
    return Path(group).parent == Path("seeds")


@dataclass
class Dataset:
    """The labelled paragraphs as the classifier's rows, and the pages they come from.

    X, y, groups, clear : each labelled paragraph's ``(text, features)`` row, label, page group and whether
        its label is clear.
    sources : ``(page group, block index)`` of each row, for printouts.
    page_paths : the corpus pages' paths.
    synthetic : whether each row comes from a synthetic page.
    pages : every block's row of each page (labelled or not), what the second reading reads.
    layouts : the :class:`~detector.model.section_pass.Layout` of each page.
    where : ``(page, block)`` of each row of ``X``: its page in ``pages`` and its block.
    page_groups : the group of each page.
    """

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    clear: np.ndarray
    sources: list
    page_paths: list[Path]
    synthetic: np.ndarray
    pages: list[np.ndarray]
    layouts: list[Layout]
    where: list[tuple[int, int]]
    page_groups: list[str]


def build_dataset(
    label_paths: list[Path],
    feedback: Sequence[Path] = (),
    base: Path | None = None,
    synthetic: int = 0,
    synthetic_seed: int = SYNTHETIC_SEED,
) -> Dataset:
    """Rows, labels, page groups and clear flags of every labelled paragraph, and the pages they come from.

    ``feedback``: moderators' ``decisions.jsonl`` files; their ``source`` paths are relative to ``base`` (default: the working folder).
    ``synthetic``: how many synthetic pages to add (:func:`detector.training.render.synthetic_pages`); each
    joins the group of the corpus page its article comes from, so that cross-validation never sees an
    article on both sides (``Dataset.synthetic`` says which rows are synthetic).
    """
    rules = default_rules()
    rows, y, groups, clear, sources, is_synthetic = [], [], [], [], [], []
    all_rows: list[np.ndarray] = []
    layouts: list[Layout] = []
    where: list[tuple[int, int]] = []
    page_groups: list[str] = []
    corpus = load_corpus(label_paths)
    for path in feedback:
        stats = apply_feedback(corpus, read_decisions(path), base or Path.cwd())
        print(
            f"{path}: {stats.decisions} decisions, {stats.in_page} placed in their page "
            f"({stats.overrides} overriding a corpus label), {stats.standalone} as standalone paragraphs"
        )

    def group_of(path: Path) -> str:
        return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name

    pages: list[tuple[LabelledPage, str, bool]] = [
        (labelled, group_of(labelled.path), False) for labelled in corpus
    ]
    if synthetic:
        from .render import synthetic_pages

        written = [labelled for labelled in corpus if not is_capture(group_of(labelled.path))]
        for rendered in synthetic_pages(written, synthetic, synthetic_seed):
            source = group_of(Path(rendered.spec.source))
            pages.append((rendered.as_labelled(), source, True))
    for labelled, name, made in pages:
        page_rows = extract_rows(labelled.page, rules)
        k = len(all_rows)
        all_rows.append(page_rows)
        layouts.append(Layout.of_page(labelled.page))
        page_groups.append(name)
        for index, (label, is_clear) in sorted(labelled.labels.items()):
            rows.append(page_rows[index])
            y.append(label)
            groups.append(name)
            clear.append(is_clear)
            sources.append((name if not made else f"{name} (synthetic {labelled.path.name})", index))
            is_synthetic.append(made)
            where.append((k, index))
    return Dataset(
        np.array(rows, dtype=object),
        np.array(y, dtype=object),
        np.array(groups),
        np.array(clear),
        sources,
        [labelled.path for labelled in corpus],
        np.array(is_synthetic, dtype=bool),
        all_rows,
        layouts,
        where,
        page_groups,
    )


#: Folds of the first reading's out-of-fold probabilities that the second reading is fitted on.
CONTEXT_FOLDS = 4


def _fold_probabilities(data: Dataset, train_rows, test_pages, params, weights) -> list[np.ndarray]:
    model = ParagraphClassifier(thresholds=SPAM_THRESHOLDS, **params).fit(
        data.X[train_rows],
        data.y[train_rows],
        data.groups[train_rows],
        None if weights is None else weights[train_rows],
    )
    return [model.predict_proba(data.pages[k]) for k in test_pages]


def context_fold_count(data: Dataset, folds: int = CONTEXT_FOLDS) -> int:
    """How many folds :func:`out_of_fold_context` fits: ``folds``, or fewer when there are fewer batches."""
    return min(folds, len({batch_of(g) for g in data.page_groups}))


def out_of_fold_context(
    data: Dataset,
    n_jobs: int,
    params: ClassifierParams = PARAMS,
    weights=None,
    folds: int = CONTEXT_FOLDS,
    on_fold: Callable[[int, int], None] | None = None,
) -> SectionContext:
    """The first reading's probabilities of every block of every page, each from a model fitted without
    the page's batch (:func:`batch_of`; ``folds`` folds of batches): what the second reading is fitted on,
    so that it learns from probabilities like those of a page whose writer the model never saw.
    ``on_fold(done, total)`` is called as each fold finishes."""
    batches = np.array([batch_of(g) for g in data.page_groups])
    n_folds = context_fold_count(data, folds)
    page_of_row = np.array([k for k, _ in data.where])
    if n_folds < 2:
        raise CorpusError("the second reading needs pages of at least two batches")
    splits = list(GroupKFold(n_splits=n_folds).split(batches, groups=batches))
    results = _counted(
        joblib.Parallel(n_jobs=n_jobs, return_as="generator")(
            joblib.delayed(_fold_probabilities)(
                data, np.flatnonzero(np.isin(page_of_row, train)), test, params, weights
            )
            for train, test in splits
        ),
        len(splits),
        on_fold,
    )
    proba: list[np.ndarray] = [np.empty(0)] * len(data.pages)
    for (_, test), probabilities in zip(splits, results, strict=True):
        for k, page_proba in zip(test, probabilities, strict=True):
            proba[k] = page_proba
    return SectionContext(proba, data.layouts, data.where)


def cross_validate(
    X,
    y,
    groups,
    n_jobs: int,
    params: ClassifierParams = PARAMS,
    weights=None,
    proba: list | None = None,
    data: Dataset | None = None,
    context: SectionContext | None = None,
    on_fold: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Out-of-fold labels with leave-one-page-out (a page never helps grade itself), deciding rules applied;
    ``on_fold(done, total)`` is called as each fold finishes.

    With ``data`` and ``context`` (:func:`out_of_fold_context`), each fold's model has a second reading
    too, fitted on the context of its training rows, and reads the held-out pages whole. (The context's
    probabilities of the training pages came from models that may have seen the held-out pages: a
    second-order leak, far smaller than the first reading's own.)

    With ``proba`` (a list), also appends each fold's ``(test rows, classes, probabilities, main-text
    flags, rule-decided labels)``, for :func:`threshold_sweep`."""
    splits = list(LeaveOneGroupOut().split(X, y, groups))

    rules = default_rules()

    def fold(train, test, params):  # params passed along: a worker process re-imports this module
        model = ParagraphClassifier(thresholds=SPAM_THRESHOLDS, **params).fit(
            X[train],
            y[train],
            groups[train],
            None if weights is None else weights[train],
            context=None if context is None else context.rows(train),
        )
        if data is None or context is None:
            probabilities = model.predict_proba(X[test])
        else:
            probabilities = _read_whole_pages(model, data, test)
        judged = main_text_judged(X[test])
        labels = model.decide(probabilities, judged)
        decided = rules.decided_labels(
            labels, [fired_rules(row[1]) for row in X[test]]
        )  # as Detector.score does
        return (
            test,
            [str(c) for c in model.classes_],
            probabilities,
            judged,
            decided,
            _overruled(labels, decided),
        )

    predicted = np.empty(len(y), dtype=object)
    for *details, labels in _counted(
        joblib.Parallel(n_jobs=n_jobs, return_as="generator")(
            joblib.delayed(fold)(tr, te, params) for tr, te in splits
        ),
        len(splits),
        on_fold,
    ):
        predicted[details[0]] = labels
        if proba is not None:
            proba.append(tuple(details))
    return predicted


def _counted(results: Iterable, total: int, on_fold: Callable[[int, int], None] | None) -> Iterator:
    """``results`` as they come, calling ``on_fold(done, total)`` after each."""
    for done, result in enumerate(results, 1):
        yield result
        if on_fold is not None:
            on_fold(done, total)


def _read_whole_pages(model: ParagraphClassifier, data: Dataset, rows) -> np.ndarray:
    """The probabilities of ``rows`` of ``data.X``, their pages read whole and a second time, as scoring does."""
    read: dict[int, np.ndarray] = {}
    out = []
    for r in rows:
        k, block = data.where[r]
        if k not in read:
            read[k] = model.reconsider(model.predict_proba(data.pages[k]), data.layouts[k])
        out.append(read[k][block])
    return np.array(out)


def _overruled(labels, decided) -> list:
    """``labels`` with the labels the deciding rules gave (``decided``; None where none decided) put in."""
    return [d or label for d, label in zip(decided, labels, strict=True)]


def threshold_sweep(
    y, folds: list, graded, minimums: Sequence[float] | None = None, only: str | None = None
) -> list[dict]:
    """Out-of-fold figures had every spam label (or the label ``only``) needed at least each of
    ``minimums`` (the shipped :data:`SPAM_THRESHOLDS` where they ask more; default: the lowest of them and
    four steps of 0.05 above it): what raising the bar costs in recall and buys in credible paragraphs
    flagged. (Never below the shipped bar: the trees split the spam share only of the paragraphs that reach
    it, so lower bars would be read from other probabilities than the model's.)"""
    from ..model.compiled import decide

    if minimums is None:
        lowest = min(SPAM_THRESHOLDS.get(label, 0.5) for label in SPAM_LABELS)
        minimums = [round(lowest + 0.05 * step, 2) for step in range(5)]
    rows = []
    for minimum in minimums:
        thresholds: dict[str, float] = {
            str(label): max(minimum, SPAM_THRESHOLDS.get(label, 0.5))
            if only in (None, label)
            else SPAM_THRESHOLDS.get(label, 0.5)
            for label in SPAM_LABELS
        }
        predicted = np.empty(len(y), dtype=object)
        for test, classes, probabilities, judged, decided in folds:
            predicted[test] = _overruled(decide(probabilities, classes, thresholds, judged), decided)
        gold, guess = y[graded], predicted[graded]
        metrics = metrics_table(gold, guess)
        cred = gold == "credible"
        rows.append(
            {
                "minimum": minimum,
                "macro_f1_spam": metrics["macro_f1_spam"],
                "recall": {label: metrics["per_label"][label]["recall"] for label in SPAM_LABELS},
                "credible_flagged": float(np.mean(np.isin(guess[cred], SPAM_LABELS))),
                "credible_flagged_as": {label: int(np.sum(guess[cred] == label)) for label in SPAM_LABELS},
            }
        )
    return rows


def metrics_table(y, predicted) -> dict:
    """Precision, recall, F1 and support per label, and macro F1 over the spam labels (those with support:
    a batch of clean pages has none)."""
    p, r, f, s = precision_recall_fscore_support(y, predicted, labels=list(LABELS), zero_division=0)
    per_label = {
        label: {
            "precision": round(float(p[i]), 3),
            "recall": round(float(r[i]), 3),
            "f1": round(float(f[i]), 3),
            "support": int(s[i]),
        }
        for i, label in enumerate(LABELS)
    }
    present = [label for label in SPAM_LABELS if per_label[label]["support"]] or list(SPAM_LABELS)
    spam_f1 = float(np.mean([per_label[label]["f1"] for label in present]))  # over the spam labels present
    return {
        "per_label": per_label,
        "macro_f1_spam": round(spam_f1, 3),
        "accuracy": round(float(np.mean(np.asarray(y) == np.asarray(predicted))), 3),
    }


def print_table(metrics: dict, out: TextIO | None = None) -> None:
    print(f"{'label':24} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}", file=out)
    for label, m in metrics["per_label"].items():
        print(
            f"{label:24} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['support']:8d}", file=out
        )
    print(
        f"macro F1 over spam labels: {metrics['macro_f1_spam']:.3f}   accuracy: {metrics['accuracy']:.3f}",
        file=out,
    )


def credible_captures_flagged(y, predicted, groups, clear) -> list[int]:
    """The rows of clear credible paragraphs of the captured seed pages that ``predicted`` flags as spam."""
    return [
        i
        for i in range(len(y))
        if is_capture(groups[i]) and clear[i] and y[i] == "credible" and predicted[i] in SPAM_LABELS
    ]


def leave_one_page_out(
    X,
    y,
    groups,
    clear,
    sources,
    n_jobs: int,
    params: ClassifierParams = PARAMS,
    weights=None,
    by: str = "page",
    synthetic=None,
    data: Dataset | None = None,
    context: SectionContext | None = None,
) -> dict:
    """Cross-validate, print the table and the clear credible seed paragraphs flagged; return the metrics.

    ``by="batch"`` holds out one batch of pages at a time (:func:`batch_of`) and also prints the table
    of each batch. Synthetic rows (``synthetic``) train but are not graded."""
    folds = np.array([batch_of(g) for g in groups]) if by == "batch" else groups
    details: list = []
    predicted = cross_validate(X, y, folds, n_jobs, params, weights, details, data, context)
    graded = np.ones(len(y), dtype=bool) if synthetic is None else ~np.asarray(synthetic, dtype=bool)
    texts = [row[0] for row, keep in zip(X, graded, strict=True) if keep]
    if by == "batch":  # printed with the batches' table below
        sweep = threshold_sweep(y, details, graded)
        label_sweeps = {label: threshold_sweep(y, details, graded, only=label) for label in SPAM_LABELS}
    y, predicted, groups, clear = y[graded], predicted[graded], groups[graded], clear[graded]
    sources = [s for s, keep in zip(sources, graded, strict=True) if keep]
    metrics = metrics_table(y, predicted)
    print(f"\nLeave-one-{by}-out cross-validation")
    print_table(metrics)
    if by == "batch":
        batches = np.array([batch_of(g) for g in groups])
        per_batch = {}
        for batch in sorted(set(batches)):
            mine = batches == batch
            per_batch[batch] = metrics_table(y[mine], predicted[mine])
            cred = y[mine] == "credible"
            flagged = float(np.mean(np.isin(predicted[mine][cred], SPAM_LABELS))) if cred.any() else 0.0
            recalls = " / ".join(
                f"{per_batch[batch]['per_label'][label]['recall']:.2f}" for label in SPAM_LABELS
            )
            print(
                f"  batch {batch:10} macro F1 {per_batch[batch]['macro_f1_spam']:.3f}  recall {recalls}  "
                f"credible flagged {flagged:.2%}"
            )
        shipped = ", ".join(f"{label} {value}" for label, value in SPAM_THRESHOLDS.items())
        print(f"  out of fold, had every spam label needed at least p (shipped: {shipped}):")
        for row in sweep:
            recalls = " / ".join(f"{row['recall'][label]:.2f}" for label in SPAM_LABELS)
            print(
                f"    p >= {row['minimum']:.2f}  macro F1 {row['macro_f1_spam']:.3f}  recall {recalls}  "
                f"credible flagged {row['credible_flagged']:.2%}"
            )
        print("  out of fold, had one spam label needed at least p (credible paragraphs flagged as it):")
        for label in SPAM_LABELS:
            cells = [
                f"{row['minimum']:.2f}: R {row['recall'][label]:.2f}, {row['credible_flagged_as'][label]}"
                for row in label_sweeps[label]
            ]
            print(f"    {label:22} " + "  ".join(cells))
        alarms = np.flatnonzero((y == "credible") & np.isin(predicted, SPAM_LABELS))
        print(f"  credible paragraphs flagged, out of fold ({len(alarms)}; 40 shown):")
        for i in alarms[:40]:
            name, index = sources[i]
            print(f"    {name} ¶{index} -> {predicted[i]}: {texts[i][:100]!r}")
    clear_credible_flagged = [sources[i] for i in credible_captures_flagged(y, predicted, groups, clear)]
    print(f"clear credible seed paragraphs flagged as spam (out of fold): {len(clear_credible_flagged)}")
    for name, index in clear_credible_flagged:
        print(f"  {name} paragraph {index}")
    return {
        "scheme": f"leave-one-{by}-out",
        **metrics,
        "clear_credible_seed_paragraphs_flagged": len(clear_credible_flagged),
    }


@dataclass
class TrainingOptions:
    """What to train on and where to write the model (the options of ``detector train``).

    extra : more ``labels*.jsonl`` files (rows name pages relative to their file).
    feedback : moderators' ``decisions.jsonl`` files exported from the review report; a decision
        overrides the corpus label of its paragraph.
    section_weight : weight of the second reading (0: none; :mod:`detector.model.section_pass`).
    tree_weight : weight of the boosted trees in choosing the spam label of a likely spam paragraph
        (0: the logistic regression alone).
    capture_weight : weight of a paragraph of a captured seed page against one of a written page.
    cv : cross-validate before fitting on everything.
    cv_by : hold out one ``"page"`` or one ``"batch"`` of pages at a time.
    synthetic : synthetic pages added to training; ``synthetic_seed`` makes them.
    check : retrain in memory and compare with the committed model's sidecar instead of writing
        (without ``cv``: its data hash, label counts and the label of every labelled paragraph).
    fit : with ``check``, whether to refit; without, the rebuilt corpus is compared with what the
        committed model recorded when it was trained (:func:`reading_fingerprint`), in under a minute.
    """

    extra: Sequence[Path] = ()
    seeds: Path = SEEDS
    out: Path = MODELS
    name: str = MODEL_NAME
    jobs: int = JOBS
    feedback: Sequence[Path] = ()
    tree_weight: float = PARAMS["tree_weight"]
    section_weight: float = PARAMS["section_weight"]
    capture_weight: float = CAPTURE_WEIGHT
    cv: bool = True
    cv_by: str = "page"
    synthetic: int = SYNTHETIC_PAGES
    synthetic_seed: int = SYNTHETIC_SEED
    check: bool = False
    fit: bool = True


def reading_fingerprint(form: CompiledClassifier, data: Dataset) -> str:
    """The sha256 of how the scoring form ``form`` reads every paragraph of the corpus: each page read
    twice, as scoring does, and each paragraph's probabilities in thousandths. Extraction, rules or features
    changed without retraining change it, and so does a changed corpus."""
    digest = hashlib.sha256()
    rows = np.concatenate(data.pages)  # one call: a paragraph's first reading is its own
    first = form.predict_proba(form.transform(rows))
    ends = np.cumsum([len(page) for page in data.pages])[:-1]
    for probabilities, layout in zip(np.split(first, ends), data.layouts, strict=True):
        second = form.reconsider(probabilities, layout)
        digest.update(np.rint(np.asarray(second) * 1000).astype(np.int64).tobytes())
    return digest.hexdigest()


def _check_without_fit(
    options: TrainingOptions, data: Dataset, data_sha: str, label_counts: Mapping[Label, int], shipped: bool
) -> bool:
    """Compare the rebuilt corpus with the committed model's sidecar without refitting: its data hash,
    label counts and :func:`reading_fingerprint` (and, for the ``shipped`` model, its pin)."""
    committed = load_model(options.out / f"{options.name}.joblib", allow_custom_model=True)
    recorded = committed.metadata
    same = {
        "training_data_sha256": data_sha == recorded.get("training_data_sha256"),
        "label_counts": label_counts == recorded.get("label_counts"),
        "reading_sha256": reading_fingerprint(committed.classifier, data) == recorded.get("reading_sha256"),
    }
    if shipped:
        same["pinned"] = committed.official
    print(f"\ncheck against committed model, not refitted: {same}")
    if not same["reading_sha256"] and "reading_sha256" not in recorded:
        print("the committed model records no reading_sha256: retrain it, or check with a refit")
    return all(same.values())


def run_training(options: TrainingOptions) -> bool:
    """Train, print the corpus, the cross-validation and what was written; with ``check``, compare
    instead of writing. Returns whether the check found the committed model reproduced (True
    without ``check``). Raises :class:`CorpusError` when a label has no paragraph."""
    params: ClassifierParams = {
        **PARAMS,
        "tree_weight": options.tree_weight,
        "section_weight": options.section_weight,
    }
    paths = label_files(options.seeds) + [p.resolve() for p in options.extra]
    feedback = [p.resolve() for p in options.feedback]
    data = build_dataset(paths, feedback, synthetic=options.synthetic, synthetic_seed=options.synthetic_seed)
    X, y, groups, clear, sources, page_paths, synthetic = (
        data.X,
        data.y,
        data.groups,
        data.clear,
        data.sources,
        data.page_paths,
        data.synthetic,
    )
    weights = sample_weights(groups, options.capture_weight, synthetic)
    missing = missing_labels(y)
    if missing:
        raise CorpusError(f"the corpus has no paragraph labelled {missing}")
    counts = Counter(y)
    print(
        f"{len(y)} labelled paragraphs from {len(set(groups))} pages"
        f" ({int(synthetic.sum())} of them on {options.synthetic} synthetic pages): "
        + ", ".join(f"{label} {counts[label]}" for label in LABELS)
    )

    data_sha = corpus_sha256(
        paths, ROOT, extra=feedback + [p for p in page_paths if feedback and p.is_file()]
    )
    label_counts = {label: counts[label] for label in LABELS}
    shipped = options.out.resolve() == MODELS.resolve()
    if options.check and not options.fit:
        return _check_without_fit(options, data, data_sha, label_counts, shipped)

    context = (
        out_of_fold_context(data, options.jobs, params, weights) if params["section_weight"] > 0 else None
    )
    if not options.cv:
        cv = {"scheme": "none (trained with --no-cv)"}
    else:
        cv = leave_one_page_out(
            X,
            y,
            groups,
            clear,
            sources,
            options.jobs,
            params,
            weights,
            by=options.cv_by,
            synthetic=synthetic,
            data=data,
            context=context,
        )

    model = ParagraphClassifier(thresholds=SPAM_THRESHOLDS, **params).fit(
        X, y, groups, weights, context=context
    )
    form = CompiledClassifier.from_estimator(model)
    metadata = {
        "name": options.name,
        "version": f"{__version__}+{data_sha[:12]}",
        "package_version": __version__,
        "library_versions": {
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "joblib": joblib.__version__,
            "trafilatura": trafilatura.__version__,
            "python": platform.python_version(),
        },
        "training_data_sha256": data_sha,
        "reading_sha256": reading_fingerprint(form, data),
        "feedback_files": [p.name for p in feedback],
        "label_counts": label_counts,
        "pages": len(set(groups)),
        "params": params,
        "capture_weight": options.capture_weight,
        "synthetic_pages": {
            "pages": options.synthetic,
            "seed": options.synthetic_seed,
            "weight": SYNTHETIC_WEIGHT,
        },
        "thresholds": {"labels": SPAM_THRESHOLDS, "verdict": DEFAULT_VERDICT_THRESHOLDS},
        "cv": cv,
        "rule_weights": {
            rid: w.get(default_rules().by_id[rid].category, 0.0)
            for rid, w in sorted(model.rule_weights_.items())
        },
    }
    if options.check:
        # the committed model is verified (digests) and, in models/, must be the pinned one
        committed = load_model(options.out / f"{options.name}.joblib", allow_custom_model=True)
        with tempfile.TemporaryDirectory() as tmp:
            sidecar = save_model(model, Path(tmp) / f"{options.name}.joblib", metadata, form)
        keys = ("training_data_sha256", "reading_sha256", "label_counts") + (
            () if not options.cv else ("cv",)
        )
        same = {key: sidecar[key] == committed.metadata.get(key) for key in keys}
        if shipped:
            same["pinned"] = committed.official
        if not options.cv:  # the labels both models give every labelled paragraph, instead of the CV figures
            labels = committed.estimator.predict(X)
            same["labels"] = bool(np.array_equal(labels, model.predict(X)))
            # and the committed data-only scoring form gives the committed estimator's probabilities
            form = committed.classifier
            same["scoring_form"] = bool(
                np.array_equal(form.predict_proba(form.transform(X)), committed.estimator.predict_proba(X))
            )
            # and both read every page a second time alike
            same["second_reading"] = all(
                np.array_equal(
                    committed.estimator.reconsider(committed.estimator.predict_proba(rows), layout),
                    model.reconsider(model.predict_proba(rows), layout),
                )
                for rows, layout in zip(data.pages, data.layouts, strict=True)
            )
        recorded = committed.metadata.get("scoring") or {}
        same_form = all(
            sidecar["scoring"][part]["sha256"] == recorded.get(part, {}).get("sha256")
            for part in ("arrays", "data")
        )
        print(
            f"\ncheck against committed model: {same}; joblib sha256 "
            f"{'identical' if sidecar['sha256'] == committed.metadata.get('sha256') else 'differs'}; scoring form "
            f"{'identical' if same_form else 'differs'}"
        )
        return all(same.values())
    sidecar = save_model(model, options.out / f"{options.name}.joblib", metadata, form)
    print(
        f"\nwrote {options.out / (options.name + '.joblib')} (sha256 {sidecar['sha256'][:16]}…) and its sidecar"
    )
    if shipped:
        pin_model(options.name, sidecar["digest"])
        print(
            f"pinned its digest {sidecar['digest'][:16]}… in detector/model/model_pin.json (commit it with the model)"
        )
    else:
        print("a custom model (not in models/): load it with --trust-model (allow_custom_model=True)")
    return True


def resave(out: Path = MODELS, name: str = MODEL_NAME) -> dict:
    """Write the data-only scoring form of the committed model ``out/name.joblib`` without retraining
    (:func:`detector.model.artifact.resave_model`) and, for the shipped model, pin its new digest."""
    shipped = out.resolve() == MODELS.resolve()
    sidecar = resave_model(out / f"{name}.joblib", allow_custom_model=not shipped)
    print(f"wrote the scoring form of {out / (name + '.joblib')} and resealed its sidecar")
    if shipped:
        pin_model(name, sidecar["digest"])
        print(
            f"pinned its digest {sidecar['digest'][:16]}… in detector/model/model_pin.json (commit it with the model)"
        )
    return sidecar
