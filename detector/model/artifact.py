"""Saving and loading the trained model with its JSON sidecar.

A model is three files beside its sidecar ``<name>.json``:

- ``<name>.npz`` and ``<name>.scoring.json``, the **data-only scoring form**
  (:class:`~detector.model.compiled.CompiledClassifier`): numpy arrays, read with ``allow_pickle=False``,
  and JSON (vocabularies, classes, thresholds, rule weights). :func:`load_model`, the scoring path,
  loads only these: no pickle, no joblib, no scikit-learn.
- ``<name>.joblib``, the fitted scikit-learn estimator, for training, ``train.py --check`` and tools
  that need it. Loading a joblib file **runs code from it** (it is a pickle), so it is loaded only when
  something asks for :attr:`LoadedModel.estimator`, and only after the same checks.

Nothing is read as a model before two checks pass:

1. **Integrity.** The sidecar records the sha256 of each file's bytes (``sha256`` for the joblib file,
   ``scoring`` for the other two) and its own ``digest``: the sha256 of its canonical JSON, every field
   but ``digest`` (:func:`sidecar_digest`). Since the files' sha256 are among those fields, the one
   digest covers every file: editing a threshold, the version, a label count or a byte of any file is
   detected.
2. **Authenticity.** Anyone can recompute a digest, so the digest of each shipped model is pinned in
   the package (``detector/model/model_pin.json``, written by ``train.py`` when it writes ``models/``). A
   model whose digest is not pinned is a *custom* model: it loads only with
   ``allow_custom_model=True`` (CLI: ``--trust-model``), and every report it writes says
   ``model.official: false``. The pin goes by content, not by path: a byte-identical copy of the
   shipped model is the shipped model; other contents at the shipped path are not.

Each file is opened once: the bytes that were hashed are the bytes loaded (from memory), so a file
cannot be swapped between the check and the load.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..exceptions import (
    ModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    ModelVersionError,
    UntrustedModelError,
)
from .compiled import FORM_VERSION, CompiledClassifier
from .features import FEATURE_VERSION

if TYPE_CHECKING:
    from .estimator import ParagraphClassifier

DEFAULT_MODEL_NAME = "detector"
#: The digests of the shipped models (``{"digests": {name: digest}}``); ``train.py`` writes it.
MODEL_PIN = Path(__file__).resolve().with_name("model_pin.json")
#: A sidecar is a few KB; a larger one is not what ``train.py`` writes.
MAX_SIDECAR_BYTES = 1 << 22

_Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
_Share = Annotated[float, Field(ge=0.0, le=1.0)]


class _Thresholds(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    labels: dict[str, _Share] = Field(default_factory=dict)
    verdict: dict[Literal["credible", "spam", "spam_share"], _Share] = Field(default_factory=dict)


class _ScoringFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    sha256: _Hex64


class _Scoring(BaseModel):
    """The data-only scoring form's files (``arrays``: the ``.npz``, ``data``: the JSON) and its version."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: int
    arrays: _ScoringFile
    data: _ScoringFile


class _Sidecar(BaseModel):
    """What loading and reporting read from a sidecar (other fields are kept as they are)."""

    model_config = ConfigDict(extra="allow", strict=True)

    name: str
    version: str
    sha256: _Hex64
    digest: _Hex64
    sklearn_version: str
    feature_version: int
    library_versions: dict[str, str] = Field(default_factory=dict)
    thresholds: _Thresholds = Field(default_factory=_Thresholds)
    label_counts: dict[str, int] = Field(default_factory=dict)
    cv: dict[str, Any] = Field(default_factory=dict)
    scoring: _Scoring | None = None


def sidecar_digest(sidecar: dict) -> str:
    """The sha256 of a sidecar's canonical JSON: every field but ``digest``, keys sorted, no spaces, ASCII.

    It is computed from the parsed fields, so it covers exactly what loading uses (a duplicated key or
    reformatted file hashes as what it parses to).
    """
    body = {key: value for key, value in sidecar.items() if key != "digest"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def pinned_digests(pin: Path | None = None) -> dict[str, str]:
    """``{model name: digest}`` of the shipped models (default pin file: :data:`MODEL_PIN`); empty when
    the pin file is absent."""
    pin = pin or MODEL_PIN
    try:
        data = json.loads(pin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ModelIntegrityError(f"the model pin {pin} cannot be read: {exc}") from exc
    digests = data.get("digests") if isinstance(data, dict) else None
    if not isinstance(digests, dict) or not all(isinstance(v, str) for v in digests.values()):
        raise ModelIntegrityError(
            f'the model pin {pin} is malformed: expected {{"digests": {{name: digest}}}}'
        )
    return digests


def pin_model(name: str, digest: str, pin: Path | None = None) -> None:
    """Record ``digest`` as the shipped model ``name`` (``train.py`` calls this when it writes ``models/``)."""
    pin = pin or MODEL_PIN
    digests = {**pinned_digests(pin), name: digest}
    text = (
        json.dumps(
            {
                "about": "Digest (detector.model.artifact.sidecar_digest) of each shipped model, written by "
                "train.py. A model whose digest is not here loads only with "
                "allow_custom_model=True / --trust-model.",
                "digests": dict(sorted(digests.items())),
            },
            indent=2,
        )
        + "\n"
    )
    pin.write_text(text, encoding="utf-8")


def model_dirs() -> list[Path]:
    """Where the default model is looked for: ``$DETECTOR_MODEL_DIR``, the installed copy, the source tree."""
    package = Path(__file__).resolve().parent.parent  # detector/ (this module is detector/model/artifact.py)
    dirs = []
    if os.environ.get("DETECTOR_MODEL_DIR"):
        dirs.append(Path(os.environ["DETECTOR_MODEL_DIR"]))
    dirs += [package / "_models", package.parent / "models"]
    return dirs


def find_model(name: str = DEFAULT_MODEL_NAME) -> Path:
    """Path of ``<name>.joblib`` in the first model directory that has it."""
    for folder in model_dirs():
        candidate = folder / f"{name}.joblib"
        if candidate.exists():
            return candidate
    searched = ", ".join(str(d) for d in model_dirs())
    raise ModelNotFoundError(
        f"no model {name!r} found (looked in {searched}); run `python train.py` to build it"
    )


def scoring_paths(path: Path) -> tuple[Path, Path]:
    """The files of the data-only scoring form of the model file ``path`` (``<name>.joblib``): the arrays
    (``<name>.npz``) and the JSON (``<name>.scoring.json``)."""
    path = Path(path)
    return path.with_suffix(".npz"), path.with_suffix(".scoring.json")


@dataclass(frozen=True)
class LoadedModel:
    """A verified model's data-only scoring form, with the metadata of its sidecar.

    ``classifier`` is what scoring uses; ``estimator``, the fitted scikit-learn ``ParagraphClassifier``,
    is loaded from the joblib file on first use (after checking its sha256 against the verified sidecar and
    the scikit-learn version). ``digest`` covers every file and the sidecar (:func:`sidecar_digest`);
    ``official``: the digest is pinned in the package, i.e. this is a shipped model.
    """

    classifier: CompiledClassifier
    metadata: dict
    path: Path
    digest: str = ""
    official: bool = False
    _estimator: list = field(default_factory=list, repr=False, compare=False)

    @property
    def estimator(self) -> ParagraphClassifier:
        """The fitted estimator (loaded from the joblib file, verified, on first use)."""
        if not self._estimator:
            self._estimator.append(load_estimator(self.path, self.metadata))
        return self._estimator[0]


def _write_sidecar(path: Path, sidecar: dict) -> None:
    path.write_text(json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _seal(path: Path, sidecar: dict) -> dict:
    sidecar.pop("digest", None)
    sidecar["digest"] = sidecar_digest(sidecar)
    _write_sidecar(path.with_suffix(".json"), sidecar)
    return sidecar


def write_scoring_form(estimator: ParagraphClassifier, path: Path) -> dict:
    """Write the data-only scoring form of ``estimator`` beside the model file ``path``; return the
    sidecar's ``scoring`` field (the files and their sha256).

    Raises
    ------
    ModelError
        The estimator has a part of a shape the scoring form does not reproduce (nothing is written).
    """
    return _write_form(path, *CompiledClassifier.from_estimator(estimator).to_bytes())


def _write_form(path: Path, npz: bytes, document: bytes) -> dict:
    arrays_path, data_path = scoring_paths(path)
    arrays_path.write_bytes(npz)
    data_path.write_bytes(document)
    return {
        "format": FORM_VERSION,
        "arrays": {"file": arrays_path.name, "sha256": hashlib.sha256(npz).hexdigest()},
        "data": {"file": data_path.name, "sha256": hashlib.sha256(document).hexdigest()},
    }


def save_model(estimator, path: Path, metadata: dict, form: CompiledClassifier | None = None) -> dict:
    """Write ``estimator`` to ``path`` (joblib), its data-only scoring form (:func:`write_scoring_form`) and
    its sidecar ``path.with_suffix('.json')``; return the sidecar.

    ``form``: the estimator's scoring form when the caller has built it already (training reads its corpus
    with it for ``reading_sha256``); built here otherwise.

    The sidecar records the sha256 of every file and its own ``digest`` (:func:`sidecar_digest`).

    Raises
    ------
    ModelError
        The estimator cannot be compiled into the scoring form (raised before anything is written).
    """
    import joblib
    import sklearn

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if form is None:
        form = CompiledClassifier.from_estimator(estimator)  # an uncompilable model: nothing written
    form_bytes = form.to_bytes()
    joblib.dump(estimator, path, compress=3)
    sidecar = {
        **metadata,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sklearn_version": sklearn.__version__,
        "feature_version": FEATURE_VERSION,
        "scoring": _write_form(path, *form_bytes),
    }
    return _seal(path, sidecar)


def resave_model(path: str | Path, *, allow_custom_model: bool = False) -> dict:
    """Add (or rewrite) the data-only scoring form of the model at ``path`` without retraining: its joblib
    file is verified against its sidecar (digest, pin unless ``allow_custom_model``, sha256, versions) and
    loaded, its scoring form written, and its sidecar updated and resealed. Returns the new sidecar (its
    new ``digest`` is what to pin for a shipped model)."""
    path, meta, _, _ = check_model(path, allow_custom_model=allow_custom_model, scoring=False)
    estimator = load_estimator(path, meta)
    return _seal(path, {**meta, "scoring": write_scoring_form(estimator, path)})


def _read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, through one open; a FIFO or device is refused, never waited on."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | nonblocking)) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ModelIntegrityError(f"{path} is not a regular file; refusing to read it")
            data = fh.read() if limit is None else fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise ModelNotFoundError(f"{path} does not exist") from exc
    except OSError as exc:
        raise ModelNotFoundError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if limit is not None and len(data) > limit:
        raise ModelIntegrityError(f"{path} is larger than {limit} bytes; a model sidecar is a few KB")
    return data


def _problem(exc: ValidationError) -> str:
    """The first problem, with the field's path escaped (a sidecar's keys reach the terminal)."""
    error = exc.errors()[0]
    where = (
        ".".join(str(part).encode("unicode_escape").decode("ascii") for part in error["loc"])
        or "the top level"
    )
    more = exc.error_count() - 1
    return f"{where}: {error['msg']}" + (f" (and {more} more)" if more else "")


def read_sidecar(path: Path) -> dict:
    """The checked fields of the sidecar of a model file (its digest is not compared here).

    Raises
    ------
    ModelNotFoundError
        The sidecar is missing or unreadable.
    ModelIntegrityError
        It is not a JSON object with the fields ``train.py`` writes, of their types.
    """
    sidecar = Path(path).with_suffix(".json")
    try:
        data = _read_file(sidecar, MAX_SIDECAR_BYTES)
    except ModelNotFoundError as exc:
        raise ModelNotFoundError(
            f"model sidecar {sidecar} is missing or unreadable ({exc}); refusing to load {path}"
        ) from exc
    try:
        meta = json.loads(data)
    except (ValueError, RecursionError) as exc:  # ValueError: not JSON, not UTF-8; RecursionError: too deep
        raise ModelIntegrityError(f"model sidecar {sidecar} is not valid JSON: {exc}") from exc
    if isinstance(meta, dict) and "digest" not in meta:
        raise ModelIntegrityError(
            f"model sidecar {sidecar} records no digest (written by an older version); "
            "retrain with `python train.py`"
        )
    try:
        _Sidecar.model_validate(meta)
    except ValidationError as exc:
        raise ModelIntegrityError(f"model sidecar {sidecar} is malformed: {_problem(exc)}") from exc
    return meta


def check_model(
    path: str | Path | None = None, *, allow_custom_model: bool = False, scoring: bool = True
) -> tuple[Path, dict, str, bool]:
    """Every check of :func:`load_model` that needs only the sidecar: its form, its digest, the pin, the
    trafilatura and feature versions, and (``scoring``) that it lists a data-only scoring form this package
    reads. Returns the model path, the sidecar, its digest and whether it is official.

    Raises
    ------
    ModelNotFoundError, ModelIntegrityError, ModelVersionError, UntrustedModelError
    """
    path = Path(path) if path is not None else find_model()
    if not path.exists():
        raise ModelNotFoundError(f"model file {path} does not exist")
    meta = read_sidecar(path)
    digest = sidecar_digest(meta)
    if digest != meta["digest"]:
        raise ModelIntegrityError(
            f"the sidecar of {path} was edited after training: its fields hash to {digest}, it records "
            f"{meta['digest']}; refusing to load it"
        )
    official = digest in pinned_digests().values()
    if not official and not allow_custom_model:
        raise UntrustedModelError(
            f"{path} is not the shipped model (digest {digest[:16]}… is not pinned); a model decides what "
            "every report says, and its joblib file runs code when loaded: allow it (--trust-model, "
            "DETECTOR_ALLOW_CUSTOM_MODEL=1, allow_custom_model=True) only for a model you trained or trust"
        )
    trained_on = meta.get("library_versions", {}).get("trafilatura")
    installed = importlib.metadata.version("trafilatura")
    if trained_on is not None and trained_on != installed:  # the model learnt from this release's main text
        raise ModelVersionError(
            f"{path} was trained on the main text of trafilatura {trained_on}, this is {installed}: install "
            f"trafilatura=={trained_on} (the version pyproject pins) or retrain with `python train.py`"
        )
    if meta["feature_version"] != FEATURE_VERSION:
        raise ModelVersionError(
            f"{path} uses feature version {meta['feature_version']}, this package {FEATURE_VERSION}: retrain it"
        )
    if not scoring:
        return path, meta, digest, official
    form = meta.get("scoring")
    if form is None:
        raise ModelVersionError(
            f"{path} has no data-only scoring form (saved by an older version): add it without retraining "
            "with `python train.py --resave` (or retrain)"
        )
    if form["format"] != FORM_VERSION:
        raise ModelVersionError(
            f"{path}'s scoring form is version {form['format']}, this package reads {FORM_VERSION}: retrain it"
        )
    expected = [p.name for p in scoring_paths(path)]
    if [form["arrays"]["file"], form["data"]["file"]] != expected:
        raise ModelIntegrityError(
            f"the sidecar of {path} lists scoring files {form['arrays']['file']!r} and {form['data']['file']!r}, "
            f"not {expected[0]!r} and {expected[1]!r}"
        )
    return path, meta, digest, official


def _verified(path: Path, sha256: str, what: str) -> bytes:
    """The bytes of ``path`` (one read) when their sha256 is ``sha256``; :class:`ModelIntegrityError` otherwise."""
    data = _read_file(path)
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise ModelIntegrityError(
            f"{path} ({what}) has sha256 {actual}, but its sidecar records {sha256}: "
            "the file was changed or corrupted; refusing to load it"
        )
    return data


def load_model(path: str | Path | None = None, *, allow_custom_model: bool = False) -> LoadedModel:
    """Verify and load a model's data-only scoring form (default: the shipped model).

    The sidecar must be well formed, its ``digest`` must match its fields, the digest must be pinned in
    the package unless ``allow_custom_model`` (a model you trained or trust; its reports say
    ``model.official: false``), and the sha256 of the scoring form's ``.npz`` and JSON files must match
    the sidecar's. Each file is read once and loaded from those bytes; the arrays are read with
    ``allow_pickle=False``. Neither joblib nor scikit-learn is imported: the estimator is loaded from the
    joblib file only when :attr:`LoadedModel.estimator` is asked for.

    Raises
    ------
    ModelNotFoundError, ModelIntegrityError, ModelVersionError, UntrustedModelError
        ModelNotFoundError also when a scoring file is missing.
    ModelError
        The scoring form's files are authentic but not a scoring form this package reads.
    """
    path, meta, digest, official = check_model(path, allow_custom_model=allow_custom_model)
    arrays_path, data_path = scoring_paths(path)
    form = meta["scoring"]
    npz = _verified(arrays_path, form["arrays"]["sha256"], "the scoring arrays")
    document = _verified(data_path, form["data"]["sha256"], "the scoring data")
    try:
        classifier = CompiledClassifier.from_bytes(npz, document)
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from exc
    return LoadedModel(classifier=classifier, metadata=meta, path=path, digest=digest, official=official)


def load_estimator(path: Path, meta: dict) -> ParagraphClassifier:
    """The fitted estimator in the joblib file ``path``, whose sidecar ``meta`` was verified
    (:func:`check_model`): the file's sha256 must match the sidecar's and scikit-learn's version the one it
    was saved with. The file is read once and unpickled from those bytes.

    Raises
    ------
    ModelIntegrityError, ModelVersionError, ModelError
    """
    import joblib
    import sklearn

    from .estimator import ParagraphClassifier

    data = _verified(path, meta["sha256"], "the estimator")
    if meta["sklearn_version"] != sklearn.__version__:
        raise ModelVersionError(
            f"{path} was trained with scikit-learn {meta['sklearn_version']}, this is {sklearn.__version__}: "
            "install the matching version or retrain with `python train.py`"
        )
    try:
        estimator = joblib.load(io.BytesIO(data))
    except Exception as exc:  # verified bytes that this package cannot unpickle: another code version
        raise ModelVersionError(
            f"{path} cannot be loaded by this version: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(estimator, ParagraphClassifier):
        raise ModelError(f"{path} holds a {type(estimator).__name__}, not a ParagraphClassifier")
    return estimator
