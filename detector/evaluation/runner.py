"""Run the corpus evaluations, check each figure against its target, and print one table (or JSON)."""

from __future__ import annotations

import json
import operator
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..choices import DEFAULT_CORPORA
from ..report.display import clean
from ..report.schema import ModelInfo
from . import celebrity_news, extraction_pages, news_pages, seeds, weasel_sentences
from ._common import Run
from .flags import TARGET as CREDIBLE_FLAGGED

#: Every corpus's module, by name, in the order of :data:`~detector.choices.EVALUATION_CORPORA`.
CORPORA = {
    module.NAME: module for module in (seeds, news_pages, extraction_pages, celebrity_news, weasel_sentences)
}
#: The figures each corpus must reach: corpus -> [(metric, comparison, bound)].
TARGETS: dict[str, list[tuple[str, str, float]]] = {
    "seeds": [("macro_f1_spam", ">=", 0.90), ("credible_flagged_rate", "<", CREDIBLE_FLAGGED)],
    "news-pages": [
        ("false_positive_rate", "<=", 0.002),
        ("non_promotional_rate", "<=", 0.001),
        ("lost_rate", "<=", 0.015),
        ("credible_flagged_rate", "<", CREDIBLE_FLAGGED),
    ],
    "extraction-pages": [("with_kept_rate", ">=", 0.95)],
    "celebrity-news": [("auc", ">=", 0.80)],
    "weasel-sentences": [("f1", ">=", 0.62)],
}


@dataclass
class EvaluationOptions:
    """What to evaluate. ``only`` / ``skip``: corpus names; ``limit``: items per corpus (not official);
    ``quick``: no cross-validation of the seed corpus (its figures are not measured; the seed pages are
    still scored); ``language``: every page scored as written in it (``"en"``: the pages in other languages
    too) instead of the detected language; ``allow_custom_model``: allow a ``model`` that is not the shipped one (see
    :meth:`Detector.load`)."""

    corpora: Path = DEFAULT_CORPORA
    model: Path | None = None
    allow_custom_model: bool = False
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    limit: int | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    verbose: bool = False
    quick: bool = False
    language: str | None = None

    def selected(self, name: str) -> bool:
        return (not self.only or name in self.only) and name not in self.skip


def corpus_folder(name: str, corpora: Path) -> Path:
    return seeds.ROOT / "seeds" if name == "seeds" else corpora / name


_COMPARE = {">=": operator.ge, "<=": operator.le, "<": operator.lt}


def check_targets(name: str, result: dict) -> list[dict]:
    """Each target of corpus ``name`` with the figure and whether it passes (a missing figure fails, one
    that ``--quick`` did not measure is left unjudged: ``pass`` None)."""
    checks = []
    quick = str(result.get("scheme", "")).startswith("none")
    for metric, op, bound in TARGETS.get(name, []):
        value = result.get(metric)
        passed: bool | None = value is not None and _COMPARE[op](value, bound)
        if value is None and quick:
            passed = None
        shown = f"{bound * 100:g}%" if metric.endswith("_rate") else f"{bound:g}"
        checks.append({"metric": metric, "value": value, "target": f"{op} {shown}", "pass": passed})
    return checks


def run_evaluation(options: EvaluationOptions, progress: Callable[[str], None] | None = None) -> dict:
    """Evaluate every selected, available corpus; skipped ones get ``{"skipped": reason}``.

    Returns ``{"run": header, "corpora": {name: figures}}``; figures hold ``items``, ``seconds``,
    ``targets`` and, with ``verbose``, ``examples`` (the worst false positives and misses).
    """
    from ..scoring import Detector

    unknown = sorted((set(options.only) | set(options.skip)) - set(CORPORA))
    if unknown:
        raise ValueError(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    progress = progress or (lambda message: None)
    started = time.perf_counter()
    detector = Detector.load(options.model, allow_custom_model=options.allow_custom_model)
    run = Run(
        detector=detector,
        model_path=options.model,
        allow_custom_model=options.allow_custom_model,
        jobs=max(1, options.jobs),
        limit=options.limit,
        quick=options.quick,
        language=options.language,
    )
    header = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": detector.info.model_dump(),
        "corpora": str(options.corpora),
        "jobs": run.jobs,
        "limit": options.limit,
        "official": options.limit is None and not options.quick and detector.info.official,
        "quick": options.quick,
        "language": options.language,
    }
    results: dict[str, dict] = {}
    for name, module in CORPORA.items():
        folder = corpus_folder(name, options.corpora)
        if not options.selected(name):
            results[name] = {"skipped": "not selected (--only / --skip)"}
            continue
        reason = f"{folder} not found" if not folder.is_dir() else module.check(folder)
        if reason:
            results[name] = {"skipped": reason}
            progress(f"{name}: skipped, {reason}")
            continue
        progress(f"{name}: evaluating ..." + (SEEDS_CV_NOTE if name == "seeds" and not options.quick else ""))
        t0 = time.perf_counter()
        run.progress = _Progress(name, progress)
        figures = module.evaluate(run, folder)
        run.progress = None
        figures["seconds"] = round(time.perf_counter() - t0, 1)
        figures["targets"] = check_targets(name, figures)
        if not options.verbose:
            figures.pop("examples", None)
        results[name] = figures
        progress(f"{name}: {figures['items']} items in {figures['seconds']} s")
    header["seconds"] = round(time.perf_counter() - started, 1)
    header["evaluated"] = [name for name, figures in results.items() if "skipped" not in figures]
    return {"run": header, "corpora": results}


#: What the seed corpus's cross-validation costs, said before it starts.
SEEDS_CV_NOTE = (
    " (leave-one-page-out cross-validation: one model per page, many minutes on 2 CPUs; "
    "--quick skips it, --skip seeds leaves the corpus out)"
)

#: How to get the corpora other than seeds, said when none of the selected ones was found.
GET_CORPORA = (
    "the evaluation corpora are not part of the repository: put the corpora folder (news-pages, "
    "extraction-pages, celebrity-news, weasel-sentences) at ../shared/corpora beside the checkout, or "
    "name its folder with --corpora"
)


class _Progress:
    """Reports ``done of total`` for one corpus with an estimate of the time left from the pace so far,
    at most every :attr:`every` seconds (and at the end)."""

    every = 10.0

    def __init__(self, name: str, say: Callable[[str], None]) -> None:
        self.name, self.say = name, say
        self.started = self.last = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        left = (now - self.started) / max(done, 1) * (total - done)
        self.say(
            f"{self.name}: {done} of {total} done"
            + (f", about {_duration(left)} left" if done < total else "")
        )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


# -- output --------------------------------------------------------------------------------------


def render_table(results: dict) -> str:
    """The header and one table: a block of rows per corpus, targets marked PASS / FAIL."""
    run = results["run"]
    model = run["model"]
    shown = ModelInfo.model_validate(model).display_version()
    title = (
        f"detector evaluation  {run['date']}  model {model['name']} {shown} (sha256 {model['sha256'][:12]})"
    )
    lines = [title, f"corpora {run['corpora']}   jobs {run['jobs']}   total {run['seconds']} s"]
    if run["limit"] is not None:
        lines.append(f"--limit {run['limit']}: a quick run on part of each corpus, NOT the official figures")
    if run.get("language"):
        lines.append(
            f"--language {run['language']}: every page scored as written in it, whatever its language"
        )
    if run.get("quick"):
        lines.append("--quick: the seed corpus was not cross-validated, NOT the official figures")
    widths = (17, 32, 40, 44, 8, 6, 7)
    head = ("corpus", "items", "metric", "value", "target", "result", "time")
    table = [head, tuple("-" * w for w in widths)]
    for name, figures in results["corpora"].items():
        if "skipped" in figures:
            table.append((name, "-", f"skipped: {figures['skipped']}", "", "", "", ""))
            continue
        targets = {t["metric"]: t for t in figures["targets"]}
        first = (name, CORPORA[name].items(figures))
        for metric, label, value in CORPORA[name].rows(figures):
            target = targets.get(metric) or {"target": "", "pass": None}
            result = {True: "PASS", False: "FAIL", None: ""}[target["pass"]]
            seconds = f"{figures['seconds']:.1f} s" if first[0] else ""
            table.append((*first, label, value, target["target"], result, seconds))
            first = ("", "")
    for row in table:
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths)]
        lines.append(clean(" ".join(cells).rstrip()))
    return "\n".join(lines)


def render_examples(results: dict) -> str:
    """The worst errors of each corpus, page text made safe for a terminal."""
    lines = []
    for name, figures in results["corpora"].items():
        examples = figures.get("examples")
        if not examples:
            continue
        for kind, title in (("false_positives", "false positives"), ("misses", "misses")):
            lines.append(f"\n{name}: worst {title} ({len(examples[kind])} shown)")
            for ex in examples[kind]:
                lines.append(f"  {clean(ex['source'])}  [{clean(ex['detail'])}]")
                lines.append(f"      {clean(ex['text'])}")
    return "\n".join(lines)


def render(results: dict, as_json: bool = False) -> str:
    if as_json:  # ASCII: page text in the examples cannot smuggle control characters to a terminal
        return json.dumps(results, indent=2)
    text = render_table(results)
    examples = render_examples(results)
    return text + ("\n" + examples if examples else "")
