"""Stage 3, the model: block features, the paragraph classifier, and the verified model file.

``features`` turns a page's blocks, rule hits and context into classifier rows; ``estimator`` is
the scikit-learn ``ParagraphClassifier`` that training fits; its ``compiled()`` method returns a
``compiled.CompiledClassifier``, its scoring-time form (the same numbers, bit for bit, faster, by the
private ``_vectorize``, ``_calibrated`` and ``_boosted``), made of plain data and saved as numpy arrays and
JSON; ``artifact`` saves a model and loads it verified against ``model_pin.json``: scoring loads only that
data-only form (no pickle, no scikit-learn), the joblib file only when the estimator is asked for.
"""


def __getattr__(name: str):
    # The shipped model's pickle names its class ``detector.model.ParagraphClassifier``: unpickling
    # looks it up here (models saved from ``detector.model.estimator`` name that module instead).
    # Imported on demand, so that importing ``detector.model.features`` does not import scikit-learn.
    if name == "ParagraphClassifier":
        from .estimator import ParagraphClassifier

        return ParagraphClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
