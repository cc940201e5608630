"""Saving and loading the trained model with its JSON sidecar.

Loading a joblib file runs code, so the sidecar is read first: the file's sha256, the
scikit-learn version and the feature version are checked **before** ``joblib.load``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import joblib
import sklearn

from .exceptions import ModelIntegrityError, ModelNotFoundError, ModelVersionError
from .features import FEATURE_VERSION

DEFAULT_MODEL_NAME = "detector"


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_dirs() -> list[Path]:
    """Where the default model is looked for: ``$DETECTOR_MODEL_DIR``, the installed copy, the source tree."""
    here = Path(__file__).resolve().parent
    dirs = []
    if os.environ.get("DETECTOR_MODEL_DIR"):
        dirs.append(Path(os.environ["DETECTOR_MODEL_DIR"]))
    dirs += [here / "_models", here.parent / "models"]
    return dirs


def find_model(name: str = DEFAULT_MODEL_NAME) -> Path:
    """Path of ``<name>.joblib`` in the first model directory that has it."""
    for folder in model_dirs():
        candidate = folder / f"{name}.joblib"
        if candidate.exists():
            return candidate
    searched = ", ".join(str(d) for d in model_dirs())
    raise ModelNotFoundError(f"no model {name!r} found (looked in {searched}); run `python train.py` to build it")


@dataclass(frozen=True)
class LoadedModel:
    """A model with the metadata of its sidecar."""

    estimator: object
    metadata: dict
    path: Path


def save_model(estimator, path: Path, metadata: dict) -> dict:
    """Write ``estimator`` to ``path`` and its sidecar ``path.with_suffix('.json')``; return the sidecar."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, path, compress=3)
    sidecar = {**metadata, "sha256": sha256_file(path), "sklearn_version": sklearn.__version__,
               "feature_version": FEATURE_VERSION}
    path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return sidecar


def read_sidecar(path: Path) -> dict:
    """The sidecar of a model file, or ModelNotFoundError."""
    sidecar = Path(path).with_suffix(".json")
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelNotFoundError(f"model sidecar {sidecar} is missing; refusing to load {path}") from exc
    except json.JSONDecodeError as exc:
        raise ModelIntegrityError(f"model sidecar {sidecar} is not valid JSON: {exc}") from exc


def load_model(path: str | Path | None = None) -> LoadedModel:
    """Verify and load a model.

    Raises
    ------
    ModelNotFoundError, ModelIntegrityError, ModelVersionError
    """
    path = Path(path) if path is not None else find_model()
    if not path.exists():
        raise ModelNotFoundError(f"model file {path} does not exist")
    meta = read_sidecar(path)
    actual = sha256_file(path)
    if actual != meta.get("sha256"):
        raise ModelIntegrityError(
            f"{path} has sha256 {actual}, but its sidecar records {meta.get('sha256')}: "
            "the file was changed or corrupted; refusing to load it"
        )
    if meta.get("sklearn_version") != sklearn.__version__:
        raise ModelVersionError(
            f"{path} was trained with scikit-learn {meta.get('sklearn_version')}, this is {sklearn.__version__}: "
            "install the matching version or retrain with `python train.py`"
        )
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ModelVersionError(
            f"{path} uses feature version {meta.get('feature_version')}, this package {FEATURE_VERSION}: retrain it"
        )
    return LoadedModel(estimator=joblib.load(path), metadata=meta, path=path)
