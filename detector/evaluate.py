"""``python -m detector.evaluate``: the ``detector evaluate`` command (same options, same output).

python -m detector.evaluate                      # every available corpus (seeds take ~90 s)
python -m detector.evaluate --skip seeds         # everything but the leave-one-page-out CV
python -m detector.evaluate --only weasel-sentences --limit 500 --verbose
python -m detector.evaluate --json               # the same figures as JSON
"""

from .cli import evaluate

if __name__ == "__main__":
    evaluate(prog_name="python -m detector.evaluate")
