"""Train the paragraph classifier on the labelled seed corpus: ``python train.py --help``.

The training code is :mod:`detector.training.train`; this script runs it from a checkout.
"""

import sys

from detector.training.train import main

if __name__ == "__main__":
    sys.exit(main())
