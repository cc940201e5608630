"""A fast slice of the fuzz campaign (``python -m detector.benchmarks.fuzz`` runs the full one)."""

from detector.benchmarks import fuzz


def test_fuzz_slice_nothing_escapes_score():
    # Seeds only, so the test runs the same with or without ../shared; 400 inputs of every kind.
    summary = fuzz.run(400, seed=20, workers=1, corpora=None)
    assert summary["kinds"].keys() >= {"bytes", "str", "mutated", "charset", "rule_words"}
    assert summary["failures"] == [], fuzz.summary_line(summary)


def test_inputs_are_reproducible_from_their_number():
    pages, words, _ = fuzz._materials(None, fuzz.DEFAULT_SEEDS)
    first = [fuzz.make_input(n, 7, pages, words, 5_000_000) for n in range(50)]
    again = [fuzz.make_input(n, 7, pages, words, 5_000_000) for n in range(50)]
    assert first == again
    assert len({kind for kind, _, _ in first}) >= 4
