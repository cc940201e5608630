"""Training: the labelled corpus (``corpus``) and fitting, cross-validating and saving the model
(``train``; the repository's ``train.py`` runs it)."""
