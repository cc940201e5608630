"""Model files are verified before joblib runs them: integrity (both digests), authenticity (the pin)."""

import builtins
import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

import joblib
import pytest

from detector import (
    Detector,
    ModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    ModelVersionError,
    UntrustedModelError,
    load_model,
)
from detector.model.artifact import find_model, pinned_digests, scoring_paths, sidecar_digest

from .conftest import SEEDS

SPAM_SEED = SEEDS / "003_aafa888a740008f5.txt"


def copy_model(folder: Path) -> Path:
    """A byte-identical copy of the shipped model (joblib, scoring form and sidecar) in ``folder``."""
    source = find_model()
    target = folder / "detector.joblib"
    shutil.copy(source, target)
    shutil.copy(source.with_suffix(".json"), target.with_suffix(".json"))
    for made, copy in zip(scoring_paths(source), scoring_paths(target)):
        shutil.copy(made, copy)
    return target


def edit_sidecar(model: Path, *, reseal: bool, **fields) -> dict:
    """Change sidecar fields (``thresholds__verdict__spam=0.9`` reaches into nested ones); with
    ``reseal``, recompute its digest as anyone can."""
    sidecar = model.with_suffix(".json")
    meta = json.loads(sidecar.read_text())
    for key, value in fields.items():
        *parents, last = key.split("__")
        node = meta
        for parent in parents:
            node = node[parent]
        node[last] = value
    if reseal:
        meta["digest"] = sidecar_digest(meta)
    sidecar.write_text(json.dumps(meta, indent=2))
    return meta


def custom_model(folder: Path, version: str = "0.8.0+retrained-elsewhere") -> Path:
    """A genuine model that is not the shipped one: the shipped joblib with a resealed, edited sidecar."""
    model = copy_model(folder)
    edit_sidecar(model, reseal=True, version=version)
    return model


class Marker:
    """A pickle that, when loaded, creates the directory ``path``: proof that joblib ran it."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return os.mkdir, (self.path,)


def forge_model(model: Path, marker: Path) -> None:
    """Replace ``model`` with a code-running pickle and give it a sidecar whose digests match."""
    joblib.dump(Marker(marker), model, compress=3)
    edit_sidecar(model, reseal=True, sha256=hashlib.sha256(model.read_bytes()).hexdigest())


@pytest.fixture()
def model_copy(tmp_path):
    return copy_model(tmp_path)


@pytest.fixture()
def no_joblib(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("joblib.load was called before the checks")

    monkeypatch.setattr(joblib, "load", refuse)


def test_the_shipped_model_is_official():
    loaded = load_model()
    assert loaded.official and loaded.digest in pinned_digests().values()
    assert pinned_digests()["detector"] == json.loads(find_model().with_suffix(".json").read_text())["digest"]


def test_a_byte_identical_copy_is_the_shipped_model(model_copy):
    loaded = load_model(model_copy)
    assert loaded.official and loaded.metadata["sha256"] and hasattr(loaded.estimator, "predict_proba")


def test_tampered_model_is_refused_before_loading(model_copy, no_joblib):
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    loaded = load_model(model_copy)  # scoring reads only the scoring form, which is intact
    with pytest.raises(ModelIntegrityError, match="sha256"):
        _ = loaded.estimator


def test_other_sklearn_version_is_refused_for_the_estimator(model_copy, no_joblib):
    edit_sidecar(model_copy, reseal=True, sklearn_version="0.0.1")
    loaded = load_model(model_copy, allow_custom_model=True)  # the scoring form needs no scikit-learn
    with pytest.raises(ModelVersionError, match=r"scikit-learn 0\.0\.1"):
        _ = loaded.estimator


def test_a_model_trained_on_another_trafilatura_is_refused(model_copy, no_joblib):
    # its features read trafilatura's main text: another release marks other blocks as main text
    edit_sidecar(model_copy, reseal=True, library_versions__trafilatura="0.0.1")
    with pytest.raises(ModelVersionError, match=r"trafilatura 0\.0\.1"):
        load_model(model_copy, allow_custom_model=True)


def test_missing_sidecar_is_refused(model_copy, no_joblib):
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(ModelNotFoundError, match="sidecar"):
        load_model(model_copy)


def test_missing_model(tmp_path):
    with pytest.raises(ModelNotFoundError):
        load_model(tmp_path / "nope.joblib")


def test_sidecar_records_what_training_promised():
    meta = json.loads(find_model().with_suffix(".json").read_text())
    for key in (
        "version",
        "library_versions",
        "training_data_sha256",
        "label_counts",
        "cv",
        "thresholds",
        "sha256",
        "digest",
    ):
        assert key in meta
    assert meta["cv"]["scheme"] == "leave-one-batch-out"  # the shipped model is graded batch by batch
    assert meta["digest"] == sidecar_digest(meta)


# -- authenticity: a forged model with matching digests ----------------------------------------------


def test_forged_model_with_a_matching_sidecar_is_refused_before_unpickling(model_copy, tmp_path):
    marker = tmp_path / "pickle-ran"
    forge_model(model_copy, marker)
    with pytest.raises(UntrustedModelError, match="not the shipped model"):
        load_model(model_copy)
    with pytest.raises(ModelError, match="--trust-model"):
        Detector.load(model_copy)
    assert not marker.exists()
    # scoring never unpickles: allowed, the model loads and scores without running the file
    loaded = load_model(model_copy, allow_custom_model=True)
    assert not marker.exists()
    # the refusal is what kept it from running: asked for the estimator, the same file runs its code
    with pytest.raises(ModelError, match="not a ParagraphClassifier"):
        _ = loaded.estimator
    assert marker.exists()


def test_forged_model_at_the_default_location_is_refused(tmp_path, monkeypatch):
    model = copy_model(tmp_path)
    forge_model(model, tmp_path / "pickle-ran")
    monkeypatch.setenv("DETECTOR_MODEL_DIR", str(tmp_path))
    with pytest.raises(UntrustedModelError):
        load_model()
    assert not (tmp_path / "pickle-ran").exists()


def test_a_custom_model_loads_only_when_allowed_and_its_reports_say_so(tmp_path):
    model = custom_model(tmp_path)
    with pytest.raises(UntrustedModelError):
        Detector.load(model)
    detector = Detector.load(model, allow_custom_model=True)
    report = detector.score(SPAM_SEED.read_bytes())
    assert report.model.official is False and report.model.version == "0.8.0+retrained-elsewhere"
    assert (
        report.model.digest == detector.model.digest and report.model.digest not in pinned_digests().values()
    )
    assert report.model.display_version() == "0.8.0+retrained-elsewhere (unofficial model)"
    official = Detector.load().score(SPAM_SEED.read_bytes()).model
    assert official.official is True and official.display_version() == official.version


# -- integrity: every sidecar field is covered ---------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"thresholds__verdict__spam": 0.01},
        {"thresholds__verdict__credible": 0.0},
        {"version": "0.9.0"},
        {"name": "official"},
        {"label_counts__credible": 1},
        {"cv__accuracy": 0.999},
    ],
)
def test_an_edited_sidecar_is_refused(model_copy, no_joblib, fields):
    edit_sidecar(model_copy, reseal=False, **fields)
    with pytest.raises(ModelIntegrityError, match="edited"):
        load_model(model_copy)


def test_a_resealed_sidecar_is_a_custom_model(model_copy):
    edit_sidecar(model_copy, reseal=True, thresholds__verdict__spam=0.01, thresholds__verdict__spam_share=1.0)
    with pytest.raises(UntrustedModelError):
        load_model(model_copy)
    detector = Detector.load(model_copy, allow_custom_model=True)
    assert detector.verdict_thresholds["spam"] == 0.01
    assert detector.score(SPAM_SEED.read_bytes()).model.official is False


# -- the bytes hashed are the bytes loaded ---------------------------------------------------------------


def test_the_model_file_is_read_once_so_it_cannot_be_swapped_after_the_check(
    model_copy, tmp_path, monkeypatch
):
    marker = tmp_path / "pickle-ran"
    forged = tmp_path / "forged" / "detector.joblib"
    forged.parent.mkdir()
    joblib.dump(Marker(marker), forged, compress=3)
    real_open, opened = builtins.open, []

    def swapping_open(file, *args, **kwargs):
        handle = real_open(file, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and Path(file) == model_copy:
            opened.append(file)
            if len(opened) == 1:  # an attacker replaces the file right after the first read began
                os.replace(forged, model_copy)
        return handle

    monkeypatch.setattr(builtins, "open", swapping_open)
    loaded = load_model(model_copy)
    estimator = loaded.estimator
    assert not marker.exists()
    assert len(opened) == 1 and loaded.official and hasattr(estimator, "predict_proba")


def test_a_fifo_is_refused_without_waiting(model_copy):
    model_copy.unlink()
    os.mkfifo(model_copy)
    outcome = []

    def load():
        try:
            _ = load_model(model_copy).estimator
        except ModelError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(10)
    assert outcome and "not a regular file" in str(outcome[0])


# -- a malformed sidecar is a ModelError ---------------------------------------------------------------

MALFORMED = {
    "not JSON": b"{not json",
    "not UTF-8": b"\xff\xfe{\x00",
    "a list": b"[1, 2]",
    "a string": b'"detector"',
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("content", list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_malformed_sidecar_is_a_model_error(model_copy, no_joblib, content):
    model_copy.with_suffix(".json").write_bytes(content)
    with pytest.raises(ModelIntegrityError, match="sidecar"):
        load_model(model_copy)


@pytest.mark.parametrize(
    "fields",
    [
        {"thresholds": [0.5]},
        {"thresholds__verdict": "high"},
        {"thresholds__verdict__spam": "0.6"},
        {"thresholds__verdict__spam": 7},
        {"thresholds__labels__promotional": None},
        {"sha256": 12},
        {"sha256": "not hex"},
        {"name": ["detector"]},
        {"feature_version": "6"},
        {"label_counts": {"credible": "many"}},
        {"cv": []},
        {"thresholds__verdict": {"\x1b]0;pwned\x07": 0.5}},
    ],
)
def test_a_sidecar_with_wrong_types_is_a_model_error(model_copy, no_joblib, fields):
    edit_sidecar(model_copy, reseal=True, **fields)
    with pytest.raises(ModelIntegrityError, match="malformed") as refused:
        load_model(model_copy)
    assert "\x1b" not in str(refused.value)  # a sidecar's keys are escaped before they reach a terminal


@pytest.mark.parametrize(
    "field", ["name", "version", "sha256", "digest", "sklearn_version", "feature_version"]
)
def test_a_sidecar_without_a_required_field_is_a_model_error(model_copy, no_joblib, field):
    sidecar = model_copy.with_suffix(".json")
    meta = json.loads(sidecar.read_text())
    del meta[field]
    if field != "digest":
        meta["digest"] = sidecar_digest(meta)
    sidecar.write_text(json.dumps(meta))
    with pytest.raises(ModelIntegrityError, match=field if field != "digest" else "no digest"):
        load_model(model_copy)
