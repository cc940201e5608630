"""Measure the detector on every evaluation corpus and print one table.

    python -m detector.evaluate                      # every available corpus (seeds take ~90 s)
    python -m detector.evaluate --skip seeds         # everything but the leave-one-page-out CV
    python -m detector.evaluate --only weasel-sentences --limit 500 --verbose
    python -m detector.evaluate --json               # the same figures as JSON

Corpora (``detector/evaluation/``, one module each):

  seeds             the labelled training corpus, leave-one-page-out: P / R / F1 per label,
                    macro F1 over the spam labels (train.py's own functions)
  news-pages        real news pages: gold paragraphs flagged as spam (false positives) and lost
                    (labelled boilerplate or not found)
  extraction-pages  real web pages: main-text snippets kept, boilerplate snippets removed
  celebrity-news    fake vs legit stories: ROC AUC of page credibility (legit = positive)
  weasel-sentences  hedged Wikipedia sentences: F1 of label unsourced_rumour against uncertain = 1

The corpora other than seeds live in ``../shared/corpora`` (or ``--corpora DIR``); they are not
part of the repository, and an absent one is skipped with the reason printed. Issue 5's targets
are printed next to the figures with PASS / FAIL. ``--limit N`` scores at most N items per corpus
for a quick look: those are not the official figures. ``--verbose`` lists the worst false
positives and misses of each corpus.
"""

from __future__ import annotations

import sys

from .evaluation.runner import main as _main


def main(argv: list[str] | None = None) -> int:
    return _main(argv, description=__doc__)


if __name__ == "__main__":
    sys.exit(main())
