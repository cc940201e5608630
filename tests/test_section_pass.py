"""The second reading: a paragraph reconsidered with what the first reading made of its section and page."""

import numpy as np
import pytest

from detector.labels import LABELS, SPAM_LABELS
from detector.model.section_pass import Layout, context_features, n_features
from detector.page.extract import extract_page

CLASSES = list(LABELS)
SPAM = np.array([label in SPAM_LABELS for label in CLASSES])


def _proba(rows: list[dict[str, float]], classes: list[str] = CLASSES) -> np.ndarray:
    """Probabilities (columns in ``classes`` order) from ``{label: p}`` rows, the rest of each row spread
    over the other labels."""
    out = np.zeros((len(rows), len(classes)))
    for i, row in enumerate(rows):
        rest = (1.0 - sum(row.values())) / (len(classes) - len(row))
        out[i] = [row.get(label, rest) for label in classes]
    return out


def test_the_features_read_the_section_without_the_block_its_neighbours_and_the_other_sections():
    proba = _proba(
        [
            {"credible": 0.9},
            {"credible": 0.6, "unsourced_rumour": 0.3},  # a heading over a rumour box
            {"unsourced_rumour": 0.9},
            {"unsourced_rumour": 0.7},
            {"promotional": 0.8},  # a section of its own
        ]
    )
    layout = Layout(np.array([0, 1, 1, 1, 2]), np.array([False, True, False, False, False]))
    features = context_features(proba, layout, SPAM)
    c, s = len(CLASSES), int(SPAM.sum())
    assert features.shape == (5, n_features(c, s))
    rumour, spam_rumour = (
        CLASSES.index("unsourced_rumour"),
        list(np.array(CLASSES)[SPAM]).index("unsourced_rumour"),
    )
    mean, best = features[:, c : 2 * c], features[:, 2 * c : 2 * c + s]
    assert mean[1, rumour] == pytest.approx((0.9 + 0.7) / 2)  # the heading's section, without the heading
    assert best[2, spam_rumour] == pytest.approx(0.7)  # the block holding the section's highest sees the next
    assert best[3, spam_rumour] == pytest.approx(0.9)
    assert not mean[0].any() and not best[0].any()  # alone in its section
    before, after = features[:, 2 * c + s : 3 * c + s], features[:, 3 * c + s : 4 * c + s]
    assert not before[0].any() and not after[4].any()  # the page's ends
    np.testing.assert_allclose(before[2], proba[1])
    np.testing.assert_allclose(after[2], proba[3])
    outside = features[:, 4 * c + s : 4 * c + 2 * s]
    promo = list(np.array(CLASSES)[SPAM]).index("promotional")
    assert outside[1, promo] == pytest.approx(0.8) and outside[4, spam_rumour] == pytest.approx(0.9)
    heading, size, company = features[:, -3], features[:, -2], features[:, -1]
    assert heading.tolist() == [1.0 if i == 1 else 0.0 for i in range(5)]
    assert size.tolist() == pytest.approx([0.0, 0.1, 0.1, 0.1, 0.0])
    assert company.tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]


def test_the_section_features_match_a_direct_reading_on_many_small_sections():
    """The grouping by one sort and the page's top two give what reading each section against every other
    gives, also with blocks in no section and sections of one block."""
    rng = np.random.default_rng(0)
    n = 60
    proba = rng.dirichlet(np.ones(len(CLASSES)), n)
    sections = rng.integers(-1, 25, n)
    features = context_features(proba, Layout(sections, np.zeros(n, dtype=bool)), SPAM)
    c, s = len(CLASSES), int(SPAM.sum())
    spam = proba[:, SPAM]
    for i in range(n):
        mine = [j for j in range(n) if sections[j] == sections[i] and j != i] if sections[i] >= 0 else []
        other_sections = {k for k in sections if k >= 0 and k != sections[i]}
        outside = [spam[sections == k].max(axis=0) for k in other_sections]
        expected_outside = np.max(outside, axis=0) if outside else np.zeros(s)
        np.testing.assert_array_equal(features[i, 4 * c + s : 4 * c + 2 * s], expected_outside)
        expected_best = spam[mine].max(axis=0) if mine else np.zeros(s)
        np.testing.assert_array_equal(features[i, 2 * c : 2 * c + s], expected_best)


def test_a_page_layout_follows_its_sections_and_headings():
    page = extract_page(
        "<html><body><h1>Ferry strike</h1><p>Crews walked out on Monday over pay, the union said.</p>"
        "<aside><h2>About the author</h2><p>Ann is a reporter.</p></aside></body></html>"
    )
    layout = Layout.of_page(page)
    assert len(layout) == len(page.blocks)
    assert (layout.sections >= 0).all()
    assert layout.headings.tolist() == [block.kind == "heading" for block in page.blocks]
    assert (
        len(context_features(np.zeros((0, len(CLASSES))), Layout(np.zeros(0, int), np.zeros(0, bool)), SPAM))
        == 0
    )


@pytest.fixture(scope="module")
def shipped():
    from detector.model.artifact import load_model

    return load_model()


def test_the_scoring_form_reads_a_page_a_second_time_as_the_estimator_does(shipped):
    from detector.scoring import extract_rows
    from detector.signals.rules import default_rules
    from detector.training.params import SEEDS

    form, estimator = shipped.classifier, shipped.estimator
    assert form.section is not None and estimator.section_trees_ is not None
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        page = extract_page(path.read_bytes(), source=path.name)
        rows = extract_rows(page, default_rules())
        layout = Layout.of_page(page)
        first = form.predict_proba(form.transform(rows))
        second = form.reconsider(first, layout)
        assert np.array_equal(second, estimator.reconsider(estimator.predict_proba(rows), layout))
        np.testing.assert_allclose(second.sum(axis=1), 1.0)
        assert not np.array_equal(second, first)


@pytest.mark.parametrize("label", sorted(SPAM_LABELS))
def test_a_borderline_paragraph_reads_as_its_section_does(shipped, label):
    """The same first reading of a paragraph (credible 0.5, ``label`` 0.45) weighs towards ``label`` in a
    section of confident ``label`` paragraphs and away from it in a clean section. A rumour and a call to
    action also come alone, slipped into a clean article (a newsletter line): there the second reading may
    lean towards them, but not as far as the label's threshold."""
    form = shipped.classifier
    borderline = {"credible": 0.5, label: 0.45}
    article = [{"credible": 0.95}] * 2
    spam = _proba(article + [{label: 0.95}, borderline, {label: 0.9}, {label: 0.95}], form.classes)
    clean = _proba(
        article + [{"credible": 0.95}, borderline, {"credible": 0.9}, {"credible": 0.95}], form.classes
    )
    layout = Layout(np.array([0, 0, 1, 1, 1, 1]), np.zeros(6, dtype=bool))
    k = form.classes.index(label)
    in_spam, in_clean = form.reconsider(spam, layout)[3, k], form.reconsider(clean, layout)[3, k]
    assert in_spam > in_clean
    if label in ("unsourced_rumour", "promotional"):
        assert in_clean < form.thresholds[label]
    else:
        assert in_clean < 0.45
