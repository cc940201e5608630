"""The evaluation harness: metric functions on small invented inputs, and the runner end to end on a
tiny invented corpus folder with the real corpora's layout (the real corpora are never needed here)."""

import json
import re
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner

from detector.choices import EVALUATION_CORPORA
from detector.cli import evaluate
from detector.cli import main as cli
from detector.evaluation import CORPORA
from detector.evaluation._common import binary_prf, decided_by_rules, example, roc_auc
from detector.evaluation.celebrity_news import credibility_auc, files
from detector.evaluation.extraction_pages import locate, snippet_outcome
from detector.evaluation.news_pages import gold_outcomes
from detector.evaluation.runner import check_targets, render_examples
from detector.evaluation.seeds import batch_of, by_batch, errors
from detector.page.extract import fold

ARTICLE = [
    (
        "The harbour council voted on Tuesday to add three evening ferry crossings from next spring, "
        "the council said in a statement."
    ),
    (
        "Councillor Maria Jensen said the change followed a survey of 1,200 commuters, most of whom asked "
        "for a later last crossing."
    ),
    (
        "The extra crossings will cost about 40,000 euros a year, paid from the existing transport budget, "
        "according to the council's published figures."
    ),
]
PAGE = """<html><head><title>Harbour council approves new ferry timetable</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>Harbour council approves new ferry timetable</h1>
{paragraphs}
</article>
<footer><p>Copyright 2024 The Example Gazette. All rights reserved.</p></footer>
</body></html>"""

STORIES = {
    "legit": [
        (
            "Singer confirms autumn tour dates\nThe singer's publicist confirmed twelve concert dates in a "
            "statement on Monday, and tickets go on sale on Friday.\n"
        ),
        (
            "Actor's new film opens this week\nThe studio said the film opens in 900 cinemas on Friday, according "
            "to its release schedule.\n"
        ),
    ],
    "fake": [
        (
            "Singer secretly married, insiders claim\nSources say the singer reportedly married in a secret "
            "ceremony last night, an insider allegedly revealed.\n"
        ),
        (
            "Actor quits film after feud, rumours say\nIt is rumoured that the actor walked off the set after a "
            "furious row, according to unnamed sources.\n"
        ),
    ],
}


def para(text, label, index=0, credibility=1.0):
    return SimpleNamespace(text=text, label=label, index=index, credibility=credibility)


def make_corpora(root):
    """A tiny corpus folder with the layout of ../shared/corpora, every text invented here."""
    page = PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in ARTICLE))
    news = root / "news-pages"
    news.mkdir(parents=True)
    (news / "ferry.html").write_text(page, encoding="utf-8")
    (news / "ground-truth.json").write_text(
        json.dumps(
            [
                {"file": "ferry.html", "url": "https://example.org/ferry", "articleBody": "\n".join(ARTICLE)},
                {
                    "file": "absent.html",
                    "url": "https://example.org/absent",
                    "articleBody": "Not scored at all here.",
                },
            ]
        ),
        encoding="utf-8",
    )
    extraction = root / "extraction-pages"
    extraction.mkdir()
    (extraction / "ferry.html").write_text(page, encoding="utf-8")
    (extraction / "snippets.json").write_text(
        json.dumps(
            [
                {
                    "file": "ferry.html",
                    "url": "https://example.org/ferry",
                    "with": ["three evening ferry crossings", "survey of 1,200\n commuters"],
                    "without": ["All rights reserved", "a sentence found nowhere on the page"],
                }
            ]
        ),
        encoding="utf-8",
    )
    for cls, stories in STORIES.items():
        (root / "celebrity-news" / cls).mkdir(parents=True)
        for i, story in enumerate(stories, 1):
            (root / "celebrity-news" / cls / f"{i:03d}{cls}.txt").write_text(story, encoding="utf-8")
    weasel = root / "weasel-sentences"
    weasel.mkdir()
    (weasel / "sentences.csv").write_text(
        "text,uncertain\n"
        "The bridge opened to traffic in 1932.,0\n"
        '"Some critics say the bridge is, arguably, the finest in the region.",1\n'
        ",0\n"
        "It is widely believed that the tower was never finished.,1\n"
        "The river is 140 kilometres long.,0\n",
        encoding="utf-8",
    )
    return root


def run_json(*args):
    """``python -m detector.evaluate ARGS``: its exit code; its output goes to capsys."""
    with pytest.raises(SystemExit) as done:
        evaluate.main([str(a) for a in args], prog_name="python -m detector.evaluate")
    return done.value.code


# -- metric functions -------------------------------------------------------------------------------


def test_snippets_match_after_white_space_folding_inside_or_across_paragraphs():
    folded = [fold(t) for t in ["Alpha beta\u00a0gamma.", "Delta  epsilon", "zeta beta gamma."]]
    assert locate("beta gamma.", folded) == [(0, 0), (2, 2)]
    assert locate("beta\n   gamma.", folded) == [(0, 0), (2, 2)]
    assert locate("gamma. Delta epsilon zeta", folded) == [(0, 2)]
    assert locate("Beta gamma.", folded) == []  # case is not folded
    assert locate("", folded) == [] and locate("missing", folded) == []


def test_snippet_outcome_needs_an_occurrence_outside_boilerplate():
    paragraphs = [
        para("Menu Home News", "boilerplate", 0),
        para("The council voted on Tuesday.", "credible", 1),
        para("Buy now, great deals on everything.", "promotional", 2),
        para("Home News", "boilerplate", 3),
    ]
    assert snippet_outcome("voted on", paragraphs)[0] == "kept"
    assert snippet_outcome("great deals", paragraphs) == ("kept", [paragraphs[2]])  # kept, though flagged
    assert snippet_outcome("Home News", paragraphs)[0] == "boilerplate"
    assert (
        snippet_outcome("News The council", paragraphs)[0] == "boilerplate"
    )  # spans a boilerplate paragraph
    assert snippet_outcome("not here", paragraphs) == ("not_found", [])
    # one clean occurrence is enough
    assert snippet_outcome("Home", [para("Home", "boilerplate"), para("Home", "credible", 1)])[0] == "kept"


def test_auc_rewards_legit_pages_scoring_higher():
    classes = ["legit", "legit", "fake", "fake"]
    assert credibility_auc(classes, [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert credibility_auc(classes, [0.1, 0.2, 0.8, 0.9]) == 0.0
    assert credibility_auc(classes, [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert credibility_auc(["legit", "legit"], [0.1, 0.9]) is None
    assert roc_auc([True, False, True, False], [0.9, 0.1, 0.4, 0.6]) == 0.75


def test_labels_decided_by_rules_are_counted_from_the_reports_decided_by():
    def paragraph(decided_by=None):
        return SimpleNamespace(label="unsourced_rumour" if decided_by else "credible", decided_by=decided_by)

    decided = paragraph("RUMOUR_WEASEL_REGISTER")
    reports = [
        SimpleNamespace(paragraphs=[decided, paragraph(), decided]),
        SimpleNamespace(paragraphs=[paragraph()]),
        SimpleNamespace(paragraphs=[paragraph("RUMOUR_HEDGED_PRIVATE_CLAIM")]),
    ]
    assert decided_by_rules(reports) == {"paragraphs": 3, "pages": 2}


def test_weasel_f1_counts_the_positive_class():
    figures = binary_prf([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0])
    assert (figures["true_positives"], figures["false_positives"], figures["false_negatives"]) == (2, 1, 1)
    assert figures["precision"] == figures["recall"] == figures["f1"] == round(2 / 3, 4)
    assert binary_prf([1, 0], [0, 0]) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "true_positives": 0,
        "false_positives": 0,
        "false_negatives": 1,
    }


def test_gold_paragraphs_count_once_as_kept_spam_boilerplate_or_not_found():
    paragraphs = [
        para("Site menu: Home, World, Business, Sport", "boilerplate", 0),
        para("The mayor opened the new library on Saturday morning.", "credible", 1),
        para("Subscribe today and save forty percent on every order.", "promotional", 2),
        para("Share this article with your friends and family.", "boilerplate", 3),
    ]
    gold = [
        "The mayor opened the new library on Saturday morning.",
        "Subscribe today and save forty percent on every order.",
        "Share this article with your friends and family.",
        "A quoted line that the page does not contain anywhere.",
    ]
    outcomes = [(outcome, p.index if p else None) for _, outcome, p in gold_outcomes(gold, paragraphs)]
    assert outcomes == [("kept", 1), ("spam", 2), ("boilerplate", 3), ("not_found", None)]
    # most of the words is enough to match a reworded paragraph
    assert gold_outcomes(["The mayor opened the new library on Saturday."], paragraphs)[0][1] == "kept"


def test_targets_pass_and_fail_at_their_bounds():
    checks = check_targets(
        "news-pages",
        {
            "false_positive_rate": 0.002,
            "non_promotional_rate": 0.0011,
            "lost_rate": 0.015,
            "credible_flagged_rate": 0.05,
        },
    )
    assert [(c["metric"], c["pass"], c["target"]) for c in checks] == [
        ("false_positive_rate", True, "<= 0.2%"),
        ("non_promotional_rate", False, "<= 0.1%"),
        ("lost_rate", True, "<= 1.5%"),
        ("credible_flagged_rate", False, "< 5%"),
    ]
    assert check_targets("celebrity-news", {"auc": None})[0]["pass"] is False
    assert check_targets("weasel-sentences", {"f1": 0.62})[0]["pass"] is True


def test_seed_errors_separate_false_positives_from_misses():
    y = np.array(["credible", "credible", "promotional", "off_topic", "off_topic"], dtype=object)
    predicted = np.array(["promotional", "credible", "credible", "scraped_faq", "off_topic"], dtype=object)
    sources = [("seeds/a.txt", i) for i in range(5)]
    found = errors(y, predicted, sources, [f"text {i}" for i in range(5)], [True] * 5)
    assert [e["detail"] for e in found["false_positives"]] == ["gold credible, predicted promotional"]
    assert [e["detail"] for e in found["misses"]] == [
        "gold promotional, predicted credible",
        "gold off_topic, predicted scraped_faq",
    ]


def test_seed_figures_by_batch_of_pages():
    assert batch_of("seeds/003_aafa.txt") == "original" and batch_of("seeds/pages/f/f01_x.html") == "pages/f"
    groups = ["seeds/000.txt"] * 3 + ["seeds/pages/g/g01.html"] * 2 + ["seeds/pages/g/g02.html"]
    y = ["credible", "off_topic", "off_topic", "credible", "credible", "boilerplate"]
    predicted = ["credible", "off_topic", "credible", "promotional", "credible", "boilerplate"]
    found = by_batch(y, predicted, groups)
    assert found["original"] == {
        "pages": 1,
        "paragraphs": 3,
        "accuracy": 0.667,
        "macro_f1_spam": 0.667,
        "non_spam_flagged": 0,
    }
    assert found["pages/g"] == {
        "pages": 2,
        "paragraphs": 3,
        "accuracy": 0.667,
        "macro_f1_spam": None,
        "non_spam_flagged": 1,
    }


def test_examples_are_cut_and_printed_without_control_characters():
    ex = example("page\x1b[2J.html", "Breaking \x1b]0;pwned\x07 news \u202eevil " + "word " * 60, "credible")
    assert len(ex["text"]) == 160 and ex["text"].endswith("…")
    shown = render_examples(
        {"corpora": {"news-pages": {"examples": {"false_positives": [ex], "misses": []}}}}
    )
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\\x1b" in shown and "\\u202e" in shown


def test_celebrity_limit_takes_both_classes(tmp_path):
    make_corpora(tmp_path)
    assert [cls for _, cls in files(tmp_path / "celebrity-news", 2)] == ["legit", "fake"]
    assert len(files(tmp_path / "celebrity-news", None)) == 4


# -- the runner ---------------------------------------------------------------------------------------


def test_every_corpus_module_is_one_of_the_choices_in_order():
    assert tuple(CORPORA) == EVALUATION_CORPORA


def test_absent_corpora_are_skipped_with_the_reason_and_nothing_evaluated_says_how_to_get_them(
    tmp_path, capsys
):
    assert run_json("--corpora", tmp_path / "nowhere", "--skip", "seeds", "--jobs", 1) == 0
    out = capsys.readouterr()
    assert out.out.startswith("nothing evaluated:")
    for name in ("news-pages", "extraction-pages", "celebrity-news", "weasel-sentences"):
        line = next(line for line in out.out.splitlines() if line.strip().startswith(name))
        assert "skipped" in line and "nowhere" in line and "not found" in line
    assert "../shared/corpora" in out.out and "--corpora" in out.out
    assert "skipped" in out.err  # the progress lines say so as well


def test_quick_scores_the_seed_pages_without_cross_validation(tmp_path, capsys):
    assert (
        run_json("--corpora", tmp_path / "nowhere", "--only", "seeds", "--quick", "--limit", 2, "--jobs", 1)
        == 0
    )
    out = capsys.readouterr()
    assert "not run (--quick)" in out.out and "--quick" in out.out and "NOT the official figures" in out.out
    not_run = next(line for line in out.out.splitlines() if "not run (--quick)" in line)
    assert "2 seed pages" in out.out and "FAIL" not in not_run and "PASS" not in not_run
    assert "cross-validation" not in out.err  # the long step was not announced: it did not run
    assert (
        run_json(
            "--corpora",
            tmp_path / "nowhere",
            "--only",
            "seeds",
            "--quick",
            "--limit",
            2,
            "--jobs",
            1,
            "--json",
        )
        == 0
    )
    seeds = json.loads(capsys.readouterr().out)["corpora"]["seeds"]
    assert "macro_f1_spam" not in seeds and seeds["seed_pages"] == 2
    judged = {t["metric"]: t["pass"] for t in seeds["targets"]}
    assert judged["macro_f1_spam"] is None and judged["credible_flagged_rate"] is not None


def test_progress_says_done_of_total_and_estimates_the_time_left():
    from detector.evaluation._common import Run
    from detector.evaluation.runner import _Progress

    said = []
    progress = _Progress("news-pages", said.append)
    progress.every = 0.0
    run = Run(detector=None, jobs=1, progress=progress)
    assert run.map(lambda detector, chunk: [x * 2 for x in chunk], list(range(20))) == [
        x * 2 for x in range(20)
    ]
    assert len(said) >= 2 and said[-1] == "news-pages: 20 of 20 done"
    assert all(re.fullmatch(r"news-pages: \d+ of 20 done, about \d+ s left", m) for m in said[:-1])


def test_tiny_corpus_end_to_end_as_json(tmp_path, capsys):
    make_corpora(tmp_path / "corpora")
    assert (
        run_json("--corpora", tmp_path / "corpora", "--skip", "seeds", "--json", "--verbose", "--jobs", 1)
        == 0
    )
    results = json.loads(capsys.readouterr().out)
    assert results["run"]["model"]["version"] and results["run"]["date"] and results["run"]["official"]
    assert list(results["corpora"]) == list(CORPORA)
    assert results["corpora"]["seeds"] == {"skipped": "not selected (--only / --skip)"}
    news = results["corpora"]["news-pages"]
    assert news["items"] == 1 and news["gold_paragraphs"] == 3
    assert news["flagged_as_spam"] + news["labelled_boilerplate"] + news["not_found"] <= 3
    extraction = results["corpora"]["extraction-pages"]
    assert (extraction["items"], extraction["with_snippets"], extraction["without_snippets"]) == (1, 2, 2)
    assert extraction["with_kept"] == 2  # both article snippets are in the article's paragraphs
    assert extraction["without_removed"] >= 1  # the one found nowhere counts as removed
    celebrity = results["corpora"]["celebrity-news"]
    assert celebrity["items"] == 4 and celebrity["auc"] is not None
    assert set(celebrity["decided_by_rules"]) == {"paragraphs", "pages"}
    assert sum(celebrity["classes"]["fake"]["verdicts"].values()) == 2
    weasel = results["corpora"]["weasel-sentences"]
    assert (weasel["items"], weasel["uncertain"], weasel["empty_sentences_left_out"]) == (4, 2, 1)
    assert weasel["probability_mismatches"] == 0 and weasel["auc"] is not None
    assert set(weasel["lexicon_alone"]) >= {"precision", "recall", "f1"}
    assert news["with_weasel_words"] <= news["gold_paragraphs"]
    for name in ("news-pages", "extraction-pages", "celebrity-news", "weasel-sentences"):
        figures = results["corpora"][name]
        assert (
            figures["targets"]
            and "seconds" in figures
            and set(figures["examples"]) == {"false_positives", "misses"}
        )


def test_table_marks_targets_and_limit(tmp_path, capsys):
    make_corpora(tmp_path)
    assert (
        run_json(
            "--corpora",
            tmp_path,
            "--only",
            "weasel-sentences",
            "--only",
            "celebrity-news",
            "--limit",
            2,
            "--jobs",
            1,
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "NOT the official figures" in out and "model detector" in out
    assert "2 sentences" in out and "2 pages (1 legit, 1 fake)" in out
    assert ">= 0.62" in out and ("PASS" in out or "FAIL" in out)
    assert "news-pages" in out and "not selected" in out


def test_cli_evaluate_is_the_same_command(tmp_path):
    make_corpora(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "evaluate",
            "--corpora",
            str(tmp_path),
            "--skip",
            "seeds",
            "--json",
            "--jobs",
            "1",
            "--only",
            "news-pages",
        ],
    )
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)
    assert (
        results["corpora"]["news-pages"]["items"] == 1 and "examples" not in results["corpora"]["news-pages"]
    )
    bad = CliRunner().invoke(cli, ["evaluate", "--only", "no-such-corpus"])
    assert bad.exit_code == 2


def test_a_custom_model_is_evaluated_only_with_trust_model_and_never_official(tmp_path, capsys):
    from .test_artifact import custom_model

    make_corpora(tmp_path / "corpora")
    model = custom_model(tmp_path, version="0.8.0+mine")
    args = ("--corpora", tmp_path / "corpora", "--only", "weasel-sentences", "--jobs", 1, "--model", model)
    assert run_json(*args, "--json") == 2
    assert "--trust-model" in capsys.readouterr().err
    assert run_json(*args, "--json", "--trust-model") == 0
    run = json.loads(capsys.readouterr().out)["run"]
    assert run["model"]["official"] is False and run["official"] is False
    assert run_json(*args, "--trust-model") == 0
    assert "0.8.0+mine (unofficial model)" in capsys.readouterr().out
    result = CliRunner().invoke(cli, ["evaluate", *map(str, args), "--trust-model", "--json"])
    assert result.exit_code == 0 and '"official": false' in result.output


def test_python_m_detector_evaluate_is_the_evaluate_command():
    import subprocess
    import sys

    from .conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "detector.evaluate", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert done.stdout.startswith("Usage: python -m detector.evaluate [OPTIONS]")
    for name in EVALUATION_CORPORA:
        assert name in done.stdout


# -- credible paragraphs with a displayed flag (issue 23) -----------------------------------------------


def test_credible_flag_figures_count_the_model_credible_paragraphs_that_show_a_flag():
    from detector.evaluation.flags import credible_flag_figures

    rule = SimpleNamespace(rule="OFFTOPIC_SUBJECT_DRIFT", category="off_topic")
    judged = SimpleNamespace(rule=None, category="off_topic")

    def p(label, flags=(), other=()):
        return SimpleNamespace(label=label, flags=list(flags), other_evidence=list(other))

    reports = [
        SimpleNamespace(
            paragraphs=[p("credible"), p("credible", other=[rule]), p("off_topic", [judged, rule])]
        ),
        SimpleNamespace(paragraphs=[p("credible", [judged, rule]), p("boilerplate", other=[rule])]),
    ]
    f = credible_flag_figures(reports)
    assert (f["credible_paragraphs"], f["credible_flagged"], f["credible_flagged_rate"]) == (3, 1, 0.3333)
    assert f["credible_flagged_top"] == [("classifier (off_topic)", 1), ("OFFTOPIC_SUBJECT_DRIFT", 1)]
    assert (f["credible_any_rule"], f["credible_any_rule_rate"]) == (2, 0.6667)


def test_credible_flag_target_is_checked_for_seeds_and_news_pages():
    for name in ("seeds", "news-pages"):
        checks = {
            c["metric"]: c for c in check_targets(name, {"credible_flagged_rate": 0.0499, "macro_f1_spam": 1})
        }
        assert checks["credible_flagged_rate"]["pass"] and checks["credible_flagged_rate"]["target"] == "< 5%"
        over = check_targets(name, {"credible_flagged_rate": 0.05})
        assert next(c for c in over if c["metric"] == "credible_flagged_rate")["pass"] is False


def test_evaluate_prints_credible_paragraphs_with_a_displayed_flag(tmp_path, capsys):
    make_corpora(tmp_path)
    assert run_json("--corpora", tmp_path, "--only", "news-pages", "--jobs", 1) == 0
    line = next(
        line
        for line in capsys.readouterr().out.splitlines()
        if "credible paragraphs with a displayed flag" in line
    )
    assert re.search(r"\d+\.\d\d% \(\d+ of \d+\)\s+< 5%\s+(PASS|FAIL)", line)
    assert run_json("--corpora", tmp_path, "--only", "news-pages", "--jobs", 1, "--json") == 0
    news = json.loads(capsys.readouterr().out)["corpora"]["news-pages"]
    assert news["credible_paragraphs"] >= 3 and news["credible_flagged"] == 0  # a plain article shows none
    assert any(t["metric"] == "credible_flagged_rate" and t["pass"] for t in news["targets"])


def test_python_m_flags_measures_each_corpus_or_says_why_not(tmp_path, capsys):
    from detector.evaluation import flags

    make_corpora(tmp_path)
    seeds = tmp_path / "seeds"
    (seeds / "pages" / "z").mkdir(parents=True)
    (seeds / "pages" / "z" / "z01.txt").write_text("\n".join(ARTICLE) + "\n", encoding="utf-8")
    (seeds / "pages" / "z" / "labels.jsonl").write_text(
        json.dumps({"file": "z01.txt", "contains": "ferry", "label": "credible"}) + "\n", encoding="utf-8"
    )
    assert flags.main(["--seeds", str(seeds), "--news", str(tmp_path / "news-pages")]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"seeds: 3 credible paragraphs, 0 with a displayed flag: 0\.00% \(target < 5%: PASS\)", out
    )
    assert re.search(r"news-pages: \d+ credible paragraphs, 0 with a displayed flag", out)
    assert flags.main(["--seeds", str(tmp_path / "nowhere"), "--news", str(tmp_path / "nowhere")]) == 0
    out = capsys.readouterr().out
    assert "seeds: skipped" in out and "news-pages: skipped" in out and "nowhere" in out
