"""Model files are verified before joblib runs them."""

import json
import shutil

import joblib
import pytest

from detector import (
    ModelIntegrityError,
    ModelNotFoundError,
    ModelVersionError,
    load_model,
)
from detector.artifact import find_model


@pytest.fixture()
def model_copy(tmp_path):
    source = find_model()
    target = tmp_path / "detector.joblib"
    shutil.copy(source, target)
    shutil.copy(source.with_suffix(".json"), target.with_suffix(".json"))
    return target


@pytest.fixture()
def no_joblib(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("joblib.load was called before the checks")
    monkeypatch.setattr(joblib, "load", refuse)


def test_intact_copy_loads(model_copy):
    loaded = load_model(model_copy)
    assert loaded.metadata["sha256"] and hasattr(loaded.estimator, "predict_proba")


def test_tampered_model_is_refused_before_loading(model_copy, no_joblib):
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_model(model_copy)


def test_other_sklearn_version_is_refused(model_copy, no_joblib):
    sidecar = model_copy.with_suffix(".json")
    meta = json.loads(sidecar.read_text())
    meta["sklearn_version"] = "0.0.1"
    sidecar.write_text(json.dumps(meta))
    with pytest.raises(ModelVersionError, match="scikit-learn 0.0.1"):
        load_model(model_copy)


def test_missing_sidecar_is_refused(model_copy, no_joblib):
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(ModelNotFoundError, match="sidecar"):
        load_model(model_copy)


def test_missing_model(tmp_path):
    with pytest.raises(ModelNotFoundError):
        load_model(tmp_path / "nope.joblib")


def test_sidecar_records_what_training_promised():
    meta = json.loads(find_model().with_suffix(".json").read_text())
    for key in ("version", "library_versions", "training_data_sha256", "label_counts", "cv", "thresholds", "sha256"):
        assert key in meta
    assert meta["cv"]["scheme"] == "leave-one-page-out"
