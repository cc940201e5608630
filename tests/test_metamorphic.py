"""The same content in every markup gets the same labels (python -m detector.evaluation.metamorphic)."""

from detector.evaluation.metamorphic import measure
from detector.training.render import MARKUPS


def test_every_markup_gets_the_labels_most_markups_give(detector):
    result = measure(detector, pages=6)  # the figure the README quotes
    assert set(result["per_markup"]) == set(MARKUPS)
    print({markup: f"{share:.3f}" for markup, share in result["per_markup"].items()})
    assert result["mean"] >= 0.95, result
    assert result["lowest"] >= 0.90, result
