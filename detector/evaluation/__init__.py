"""Measuring the detector on every evaluation corpus: one module per corpus and a runner.

Each corpus module has ``NAME``, ``check(folder)`` (why it cannot run, or None),
``evaluate(run, folder)`` (its figures, with ``items`` and the worst ``examples``), ``rows(figures)``
and ``items(figures)`` (its lines of the summary table).
"""

from .runner import (
    CORPORA,
    DEFAULT_CORPORA,
    TARGETS,
    EvaluationOptions,
    main,
    render,
    run_evaluation,
)

__all__ = ["CORPORA", "DEFAULT_CORPORA", "TARGETS", "EvaluationOptions", "main", "render", "run_evaluation"]
