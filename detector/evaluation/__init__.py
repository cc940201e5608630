"""Measuring the detector on every evaluation corpus: one module per corpus and a runner.

Each corpus module has ``NAME``, ``check(folder)`` (why it cannot run, or None),
``evaluate(run, folder)`` (its figures, with ``items`` and the worst ``examples``), ``rows(figures)``
and ``items(figures)`` (its lines of the summary table). ``detector evaluate`` (or
``python -m detector.evaluate``) runs them; the names below are the runner's, imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["CORPORA", "DEFAULT_CORPORA", "TARGETS", "EvaluationOptions", "render", "run_evaluation"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(".runner", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from .runner import CORPORA, DEFAULT_CORPORA, TARGETS, EvaluationOptions, render, run_evaluation
