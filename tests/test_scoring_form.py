"""The data-only scoring form: what scoring loads (numpy arrays and JSON, hashed in the sidecar), the same
numbers as the estimator bit for bit, no pickle and no scikit-learn, refused when altered."""

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector import ModelError, ModelIntegrityError, ModelNotFoundError, ModelVersionError, load_model
from detector.model.artifact import find_model, resave_model, save_model, scoring_paths, sidecar_digest
from detector.model.compiled import FORM_VERSION, CompiledClassifier
from detector.page.extract import extract_page
from detector.scoring import extract_rows

from .conftest import PAGE_STRIDE, SEEDS, seed_page_files
from .test_artifact import copy_model, edit_sidecar

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = SEEDS / "000_18f39fee607d5459.txt"

HOSTILE_TEXTS = [
    "",
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000",
    "\x00\x00 nul\x00bytes \x7f",
    "İstanbul İİİ ﬁﬂ ß ẞ Σίσυφος ΣΑΣ",  # lower-casing changes the length
    "e\u0301\u0301\u0301 combining ̈marks ̈",
    "zero\u200bwidth\u200c\u200d joiners\ufeff",
    "rtl \u202eevil\u202c עברית العربية",
    "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉🎉🎉 𠀀𠀁 😀a😀",
    "lone \ud800 surrogate \udfff here",
    "a" * 5000,
    " ".join(["spam"] * 3000),
    "x y z " * 500 + "click here buy now cheap " * 50,
    "ǅ ǈ ǋ ǲ titlecase \u0130\u0131",
    "tab\tseparated\tvalues\u00a0nbsp\u2009thin",
]


@pytest.fixture(scope="module")
def shipped():
    return load_model()


@pytest.fixture(scope="module")
def seed_rows(detector):
    paths = seed_page_files(stride=PAGE_STRIDE)
    return [extract_rows(extract_page(p.read_bytes(), source=str(p)), detector.rules) for p in paths]


def identical(a, b) -> bool:
    """The same CSR arrays (columns sorted in each row), dtypes included."""
    a, b = a.tocsr(), b.tocsr()
    a.sort_indices(), b.sort_indices()
    return a.shape == b.shape and all(
        x.dtype == y.dtype and np.array_equal(x, y)
        for x, y in ((a.indptr, b.indptr), (a.indices, b.indices), (a.data, b.data))
    )


def test_the_loaded_form_gives_the_estimators_matrix_and_probabilities_on_every_seed_page(shipped, seed_rows):
    estimator, form = shipped.estimator, shipped.classifier
    union = estimator.pipeline_.named_steps["features"]
    for rows in seed_rows:
        matrix = form.transform(rows)
        assert identical(matrix, union.transform(rows))
        assert np.array_equal(form.predict_proba(matrix), estimator.predict_proba(rows))
        # the main-text extractor's judgement, as scoring passes it: kept in the main text of an HTML page
        judged = np.array([bool(f.get("in_main_text")) and bool(f.get("page_is_html")) for f in rows[:, 1]])
        assert np.array_equal(form.decide(form.predict_proba(matrix), judged), estimator.predict(rows))


def test_the_loaded_form_holds_what_explanations_read(shipped):
    estimator, form = shipped.estimator, shipped.classifier
    assert form.classes == [str(c) for c in estimator.classes_]
    assert np.array_equal(form.coef, estimator.mean_coef())
    assert list(form.feature_names) == list(
        estimator.pipeline_.named_steps["features"].get_feature_names_out()
    )
    assert form.rule_weights == estimator.rule_weights_
    assert np.array_equal(form.spam_columns, estimator.spam_columns())


def _text_matrices(shipped, texts):
    union = shipped.estimator.pipeline_.named_steps["features"]
    parts = {name: part for name, part, _, _ in shipped.classifier.features.parts}
    texts = np.array(texts, dtype=object)
    return [
        (parts[name].transform(texts), union.named_transformers_[name].transform(texts))
        for name in ("words", "chars")
    ]


def test_text_vectorizers_match_scikit_learn_on_hostile_texts(shipped):
    for ours, theirs in _text_matrices(shipped, HOSTILE_TEXTS + [" ".join(HOSTILE_TEXTS)]):
        assert identical(ours, theirs)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(max_size=200), min_size=1, max_size=6))
def test_text_vectorizers_match_scikit_learn_on_any_text(shipped, texts):
    for ours, theirs in _text_matrices(shipped, texts):
        assert identical(ours, theirs)


def test_the_form_round_trips_through_its_bytes(shipped):
    npz, document = shipped.classifier.to_bytes()
    again = CompiledClassifier.from_bytes(npz, document)
    assert again.to_bytes() == (npz, document)  # written the same way every time


# -- no pickle, no scikit-learn ------------------------------------------------------------------------

_PROBE = """
import json, pickle, sys
def refuse(*args, **kwargs):
    raise AssertionError("pickle was used")
pickle.load = pickle.loads = refuse
pickle.Unpickler = refuse
{prelude}
from detector import Detector
report = Detector.load().score(open({page!r}, "rb").read(), source="page")
print(json.dumps({{"modules": sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "joblib")),
                   "paragraphs": len(report.paragraphs)}}))
"""


def _probe(prelude: str = "") -> dict:
    code = _PROBE.format(prelude=prelude, page=str(SEED_PAGE))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_packaged_stop_words_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as sklearn_words

    from detector.signals._names import ENGLISH_STOP_WORDS

    assert sklearn_words == ENGLISH_STOP_WORDS


def test_scoring_a_page_imports_neither_scikit_learn_nor_joblib():
    probe = _probe()
    assert probe["paragraphs"] > 0 and probe["modules"] == []


# -- a missing or altered scoring form is refused --------------------------------------------------------


@pytest.fixture()
def model_copy(tmp_path):
    return copy_model(tmp_path)


@pytest.mark.parametrize("which", [0, 1], ids=["arrays", "json"])
def test_a_tampered_scoring_file_is_refused(model_copy, which):
    target = scoring_paths(model_copy)[which]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_model(model_copy)


@pytest.mark.parametrize("which", [0, 1], ids=["arrays", "json"])
def test_a_missing_scoring_file_is_refused(model_copy, which):
    scoring_paths(model_copy)[which].unlink()
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        load_model(model_copy)


def test_a_model_without_a_scoring_form_is_refused_with_the_way_to_add_it(model_copy):
    meta = json.loads(model_copy.with_suffix(".json").read_text())
    del meta["scoring"]
    meta["digest"] = sidecar_digest(meta)
    model_copy.with_suffix(".json").write_text(json.dumps(meta))
    with pytest.raises(ModelVersionError, match=r"no data-only scoring form.*--resave"):
        load_model(model_copy, allow_custom_model=True)


@pytest.mark.parametrize(
    "fields",
    [
        {"scoring__arrays__sha256": "0" * 64},
        {"scoring__format": FORM_VERSION + 1},
        {"scoring__data__file": "other.json"},
    ],
)
def test_an_edited_scoring_entry_is_refused(model_copy, fields):
    edit_sidecar(model_copy, reseal=False, **fields)
    with pytest.raises(ModelIntegrityError, match="edited"):
        load_model(model_copy)


def test_a_resealed_scoring_entry_pointing_elsewhere_is_refused(model_copy):
    edit_sidecar(model_copy, reseal=True, scoring__data__file="detector.json")
    with pytest.raises(ModelIntegrityError, match="scoring files"):
        load_model(model_copy, allow_custom_model=True)
    edit_sidecar(model_copy, reseal=True, scoring__data__file="../detector.scoring.json")
    with pytest.raises(ModelIntegrityError, match="malformed"):
        load_model(model_copy, allow_custom_model=True)


def _reseal_form(model: Path, npz: bytes | None = None, document: bytes | None = None) -> None:
    """Replace scoring files and record their sha256 in a resealed sidecar (a custom model)."""
    arrays_path, data_path = scoring_paths(model)
    if npz is not None:
        arrays_path.write_bytes(npz)
    if document is not None:
        data_path.write_bytes(document)
    edit_sidecar(
        model,
        reseal=True,
        scoring__arrays__sha256=hashlib.sha256(arrays_path.read_bytes()).hexdigest(),
        scoring__data__sha256=hashlib.sha256(data_path.read_bytes()).hexdigest(),
    )


def test_an_object_array_in_the_scoring_form_is_never_unpickled(model_copy, tmp_path):
    marker = tmp_path / "pickle-ran"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, archive.open("linear.a.npy", "w") as member:
        np.lib.format.write_array(member, np.array([Marker(marker)], dtype=object), allow_pickle=True)
    _reseal_form(model_copy, npz=buffer.getvalue())
    with pytest.raises(ModelError, match="scoring arrays cannot be read"):
        load_model(model_copy, allow_custom_model=True)
    assert not marker.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format=FORM_VERSION + 1),
        lambda d: d.pop("linear"),
        lambda d: d["features"][0].update(kind="pickle"),
        lambda d: d["features"][0].update(vocabulary=[1, 2]),
        lambda d: d.update(classes=["credible"]),
    ],
    ids=["format", "missing part", "unknown kind", "bad vocabulary", "classes"],
)
def test_an_altered_scoring_document_is_a_clear_model_error(model_copy, change):
    data = json.loads(scoring_paths(model_copy)[1].read_bytes())
    change(data)
    _reseal_form(model_copy, document=json.dumps(data).encode())
    with pytest.raises(ModelError, match=r"scoring form|classes|vocabulary"):
        load_model(model_copy, allow_custom_model=True)


def test_altered_arrays_are_a_clear_model_error(model_copy):
    with np.load(scoring_paths(model_copy)[0]) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["trees.left"] = arrays["trees.left"] + 10**6  # children outside the forest
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    _reseal_form(model_copy, npz=buffer.getvalue())
    with pytest.raises(ModelError, match="outside the forest"):
        load_model(model_copy, allow_custom_model=True)


class Marker:
    """A pickle that, when loaded, creates the directory ``path``."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return os.mkdir, (self.path,)


# -- a model the scoring form cannot reproduce is refused when saved ------------------------------------


def test_an_uncompilable_model_is_refused_at_save_time_and_nothing_is_written(shipped, tmp_path):
    import copy

    estimator = copy.deepcopy(shipped.estimator)
    estimator.pipeline_.named_steps["features"].named_transformers_["words"].binary = True
    target = tmp_path / "detector.joblib"
    with pytest.raises(ModelError, match="binary"):
        save_model(estimator, target, {"name": "detector", "version": "x"})
    assert not any(tmp_path.iterdir())


def test_resave_adds_the_form_to_a_model_without_retraining(model_copy):
    """What ``python train.py --resave`` does: the verified joblib file's estimator gives the form, the
    joblib file is left as it is, the sidecar is resealed."""
    joblib_bytes = model_copy.read_bytes()
    for made in scoring_paths(model_copy):
        made.unlink()
    meta = json.loads(model_copy.with_suffix(".json").read_text())
    del meta["scoring"]
    meta["digest"] = sidecar_digest(meta)
    model_copy.with_suffix(".json").write_text(json.dumps(meta))
    sidecar = resave_model(model_copy, allow_custom_model=True)
    assert model_copy.read_bytes() == joblib_bytes and sidecar["digest"] == sidecar_digest(sidecar)
    for made, shipped_file in zip(scoring_paths(model_copy), scoring_paths(find_model())):
        assert made.read_bytes() == shipped_file.read_bytes()  # the form is the same bytes every time
    assert load_model(model_copy, allow_custom_model=True).classifier.classes


def test_a_main_text_paragraph_is_boilerplate_only_when_the_model_is_fairly_sure():
    from detector.model.compiled import MAIN_TEXT_BOILERPLATE, decide

    classes = ["boilerplate", "credible", "scraped_faq"]
    proba = np.array(
        [
            [MAIN_TEXT_BOILERPLATE - 0.05, 0.4, 0.05],  # likelier boilerplate, but not sure enough
            [MAIN_TEXT_BOILERPLATE + 0.05, 0.3, 0.05],
            [0.2, 0.1, 0.7],  # spam is untouched
        ]
    )
    in_main = np.array([True, True, True])
    assert decide(proba, classes, None).tolist() == ["boilerplate", "boilerplate", "scraped_faq"]
    assert decide(proba, classes, None, in_main).tolist() == ["credible", "boilerplate", "scraped_faq"]
    # outside the main text the model alone decides
    assert decide(proba, classes, None, ~in_main).tolist() == ["boilerplate", "boilerplate", "scraped_faq"]
