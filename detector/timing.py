"""Wall time per stage of the scoring pipeline, for benchmarks and profiling."""

from __future__ import annotations

import time
from collections import defaultdict

#: The stages in pipeline order, as :class:`StageTimes` names them.
STAGES = (
    "parse",
    "segmentation",
    "extraction",
    "language",
    "context",
    "rules",
    "features",
    "classifier",
    "report",
)


class StageTimes:
    """Accumulates the seconds spent in each stage over any number of pages.

    Pass one to :meth:`detector.Detector.score` as ``stages=``; each stage boundary calls :meth:`lap`,
    which charges the time since the previous boundary to the stage that just ended.

    Examples
    --------
    >>> stages = StageTimes()
    >>> report = detector.score(page, stages=stages)   # doctest: +SKIP
    >>> stages.seconds["rules"]                         # doctest: +SKIP
    """

    def __init__(self):
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._last = time.perf_counter()

    def start(self) -> None:
        """Mark the start of a page."""
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Charge the time since the last mark to ``stage``."""
        now = time.perf_counter()
        self.seconds[stage] += now - self._last
        self._last = now


def no_lap(stage: str) -> None:
    """A ``lap`` that records nothing (scoring without timing)."""


def lap_of(stages: StageTimes | None):
    """The ``lap`` function of ``stages``, or :func:`no_lap`."""
    return stages.lap if stages is not None else no_lap
