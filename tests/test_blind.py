"""The scorer of held-out batches written blind (python -m detector.evaluation.blind)."""

import json

import pytest

from detector.evaluation import blind


def test_figures_count_exact_labels_spam_and_credible_flags():
    gold = ["credible", "credible", "scraped_faq", "scraped_faq", "off_topic", "promotional"]
    said = ["credible", "off_topic", "scraped_faq", blind.LOST, "scraped_faq", "promotional"]
    f = blind.figures(gold, said)
    assert (
        f["recall"]["scraped_faq"] == 0.5
        and f["recall"]["off_topic"] == 0.0
        and f["recall"]["promotional"] == 1.0
    )
    assert f["recall"]["unsourced_rumour"] is None  # no such paragraph: no recall, not a zero
    assert f["credible_flagged"] == 0.5 and f["lost"] == 1
    # spam vs not: 4 spam paragraphs, 3 said spam of which 3 right, 1 credible said spam -> P 3/4, R 3/4
    assert f["spam_f1"] == 0.75
    assert f["confusion"]["scraped_faq -> lost"] == 1


def test_a_batch_is_scored_row_by_row_and_a_row_the_report_lacks_is_lost(detector, tmp_path):
    batch = tmp_path / "z"
    batch.mkdir()
    (batch / "z01.txt").write_text(
        "Council approves the new harbour budget\n"
        "The council approved the harbour budget on Tuesday, the mayor said after the vote.\n"
        "Subscribe to our newsletter and follow us on Instagram for daily updates!\n",
        encoding="utf-8",
    )
    rows = [
        {"file": "z01.txt", "contains": "approved the harbour budget", "label": "credible"},
        {"file": "z01.txt", "contains": "Subscribe to our newsletter", "label": "promotional"},
        {"file": "z01.txt", "contains": "a line the page does not hold", "label": "scraped_faq"},
    ]
    (batch / blind.LABEL_FILE).write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert blind.batches(tmp_path) == [batch]
    result = blind.score_batch(detector, batch)
    assert result["pages"] == 1 and result["paragraphs"] == 3 and result["lost"] == 1
    assert [m["predicted"] for m in result["examples"]["misses"] if m["gold"] == "scraped_faq"] == [
        blind.LOST
    ]


def test_the_committed_batches_are_held_out_of_training():
    from detector.training.corpus import label_files

    held = blind.batches(blind.DEFAULT_FOLDER)
    assert held, "seeds/blind holds at least one batch"
    trained = {path.resolve() for path in label_files(blind.ROOT / "seeds")}
    assert not any(path.resolve().is_relative_to(batch.resolve()) for path in trained for batch in held)


@pytest.mark.parametrize("argv", [["--batch", "no-such-batch"]])
def test_no_batch_is_a_usage_error(argv, capsys):
    assert blind.main(argv) == 2 and "no batch" in capsys.readouterr().err
