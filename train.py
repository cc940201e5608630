"""Train the paragraph classifier on the labelled seed corpus: ``python train.py --help``.

The same command as ``detector train`` (:func:`detector.training.train.run_training`), run from a checkout.
"""

from detector.cli import train

if __name__ == "__main__":
    train(prog_name="train.py")
