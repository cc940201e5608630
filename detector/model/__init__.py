"""Stage 3, the model: block features, the paragraph classifier, and the verified model file.

``features`` turns a page's blocks, rule hits and context into classifier rows; ``estimator`` is
the scikit-learn ``ParagraphClassifier`` that training fits; its ``compiled()`` method returns a
``compiled.CompiledClassifier``, its scoring-time form (the same numbers, bit for bit, faster, by the
private ``_vectorize``, ``_calibrated`` and ``_boosted``); ``artifact`` saves and loads a model file, verified against ``model_pin.json`` before joblib runs it.
"""


def __getattr__(name: str):
    # The shipped model's pickle names its class ``detector.model.ParagraphClassifier``: unpickling
    # looks it up here (models saved from ``detector.model.estimator`` name that module instead).
    # Imported on demand, so that importing ``detector.model.features`` does not import scikit-learn.
    if name == "ParagraphClassifier":
        from .estimator import ParagraphClassifier

        return ParagraphClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
