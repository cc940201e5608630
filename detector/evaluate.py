"""``python -m detector.evaluate``: the ``detector evaluate`` command (same options, same output).

python -m detector.evaluate                      # every available corpus (the seeds' cross-validation takes long)
python -m detector.evaluate --quick              # no cross-validation: the seed pages scored, every other corpus
python -m detector.evaluate --skip seeds         # everything but the leave-one-page-out CV
python -m detector.evaluate --only weasel-sentences --limit 500 --verbose
python -m detector.evaluate --json               # the same figures as JSON
"""

from .cli import evaluate

if __name__ == "__main__":
    evaluate(prog_name="python -m detector.evaluate")
