"""A page's language: English pages are scored, pages in other languages are reported as not assessed,
paragraphs in another language on an English page keep their language and no English-only rule."""

import json

import pytest
from click.testing import CliRunner

from detector import Detector, RuleError, ScoreOptions, extract_page
from detector.audit.local import AuditOptions, run_audit
from detector.cli import main
from detector.report.output import CsvFormat, JsonlFormat
from detector.signals import language
from detector.signals.context import build_context
from detector.signals.rules import default_rules, parse_rules

GERMAN = """<html lang="de"><head><title>Stadtrat beschließt den Haushalt</title></head><body><article>
<h1>Stadtrat beschließt den Haushalt</h1>
<p>Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr mit sieben zu zwei Stimmen beschlossen.
Die Bürgermeisterin sprach von einem wichtigen Tag für die Stadt und ihre Schulen.</p>
<p>Die Opposition kritisierte, dass die Mittel für die Bibliotheken gekürzt werden sollen, und kündigte an,
das Thema im Frühjahr erneut auf die Tagesordnung zu bringen.</p>
<p>Nach Angaben der Verwaltung steigen die Ausgaben für Schulen und Kindergärten um vier Prozent.</p>
</article></body></html>"""

SPANISH_QUOTE = (
    "El alcalde dijo que la nueva biblioteca abrirá sus puertas en primavera y que los vecinos podrán "
    "usar las salas de estudio todos los días de la semana."
)

ENGLISH = f"""<html><head><title>Town approves library budget</title></head><body><article>
<h1>Town approves library budget</h1>
<p>The town council approved the budget for the new library on Tuesday by seven votes to two, the mayor said.</p>
<p>The library will open in the spring, and its study rooms will be open to residents every day of the week.</p>
<blockquote><p>{SPANISH_QUOTE}</p></blockquote>
<p>Opposition councillors said the money should have gone to the schools, and they will raise it again in May.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def detector():
    return Detector.load()


def test_english_is_decided_by_its_function_words_without_the_identifier():
    code, confidence, method = language.identify(
        "The council approved the budget on Tuesday by seven votes to two, the mayor said in a statement."
    )
    assert (code, confidence, method) == ("en", None, "English function words")
    assert language.identify("Kit Connor Joe Locke") == (None, None, "too little text")


def test_other_languages_are_named_by_the_identifier():
    code, confidence, method = language.identify(SPANISH_QUOTE)
    assert code == "es" and method == "identifier" and confidence >= language.MIN_CONFIDENCE
    german = extract_page(GERMAN.encode(), source="de.html")
    assert language.page_language(german).code == "de"


def test_a_page_in_another_language_is_not_assessed(detector):
    report = detector.score(GERMAN.encode(), source="de.html")
    assert report.language == "de" and report.not_assessed and "language de" in report.not_assessed
    assert report.verdict is None and report.credibility is None and report.error is None
    assert report.paragraphs == [] and not report.scored and report.outcome == "not assessed (de)"
    assert report.title == "Stadtrat beschließt den Haushalt"


def test_language_given_scores_the_page_as_written_in_it(detector):
    forced = detector.score(GERMAN.encode(), source="de.html", language="en")
    assert forced.language == "en" and forced.not_assessed is None and forced.verdict is not None
    assert forced.paragraphs
    options = Detector.load(options=ScoreOptions(language="en")).score(GERMAN.encode(), source="de.html")
    assert options.verdict == forced.verdict
    with pytest.raises(ValueError, match="ISO 639"):
        ScoreOptions(language="German")
    with pytest.raises(ValueError, match="ISO 639"):
        detector.score(GERMAN.encode(), language="EN")


def test_a_paragraph_in_another_language_on_an_english_page_keeps_its_language(detector):
    report = detector.score(ENGLISH.encode(), source="en.html")
    assert report.language == "en" and report.not_assessed is None and report.verdict is not None
    by_text = {p.text: p for p in report.paragraphs}
    assert by_text[SPANISH_QUOTE].language == "es"
    assert all(p.language is None for p in report.paragraphs if p.text != SPANISH_QUOTE)


def test_english_only_rules_do_not_run_on_a_paragraph_in_another_language():
    rules = default_rules()
    page = extract_page(
        b"<p>The club's owner said on Monday that the stadium would be sold to a developer.</p>"
        b"<p>Der Trainer hat reportedly den Verein verlassen, sagen Insider aus dem Umfeld der Mannschaft.</p>",
        source="mixed.html",
    )
    ctx = build_context(page, rules.index)
    english = {hit.rule.id for hit in rules.apply(ctx)[1]}
    assert "RUMOUR_HEDGE" in english  # the English word fires the English rule ...
    foreign = rules.apply(ctx, foreign=[1])[1]
    assert all(hit.rule.language == "any" for hit in foreign)  # ... not on a paragraph in German
    assert "RUMOUR_HEDGE" not in {hit.rule.id for hit in foreign}
    assert {r.id for r in rules if r.language == "any"} >= {
        "BOILER_OUTSIDE_ARTICLE",
        "OFFTOPIC_SUBJECT_DRIFT",
    }


def test_a_rule_language_is_en_or_any():
    rule = {
        "id": "X_RULE",
        "category": "promotional",
        "description": "A test rule.",
        "weight": 1.0,
        "pattern": "buy now",
        "examples_hit": ["Buy now!"],
        "examples_miss": ["Hello."],
    }
    assert next(iter(parse_rules({"rule": [rule]}))).language == "en"
    assert next(iter(parse_rules({"rule": [{**rule, "language": "any"}]}))).language == "any"
    with pytest.raises(RuleError, match="language"):
        parse_rules({"rule": [{**rule, "language": "de"}]})


def test_english_pages_never_load_the_identifier(detector, monkeypatch):
    def refuse():
        raise AssertionError("the identifier was loaded for an English page")

    monkeypatch.setattr(language, "_identifier", refuse)
    page = ENGLISH.replace(f"<blockquote><p>{SPANISH_QUOTE}</p></blockquote>", "")
    assert detector.score(page.encode(), source="en.html").language == "en"


def test_the_command_line_says_not_assessed_and_exits_0(tmp_path):
    page = tmp_path / "de.html"
    page.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(page), "--color", "never"])
    assert result.exit_code == 0 and "not assessed (de)" in result.output
    forced = CliRunner().invoke(main, ["score", str(page), "--language", "en", "--json"])
    assert forced.exit_code == 0 and json.loads(forced.output)["verdict"] in (
        "credible",
        "suspicious",
        "spam",
    )
    bad = CliRunner().invoke(main, ["score", str(page), "--language", "German"])
    assert bad.exit_code == 2 and "--language" in bad.output
    failing = CliRunner().invoke(main, ["score", str(page), "--fail-on", "suspicious"])
    assert failing.exit_code == 0  # no verdict: nothing for --fail-on to match


def test_an_audit_counts_pages_not_assessed_by_language_and_resumes_them(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "de.html").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "pages" / "en.html").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    summary = run_audit([tmp_path / "pages"], out, AuditOptions())
    assert (
        summary.not_assessed == {"de": 1}
        and summary.errors_total == 0
        and sum(summary.verdicts.values()) == 1
    )
    assert [page["source"].endswith("en.html") for page in summary.most_suspicious()] == [True]
    records = list(JsonlFormat().read_records(out))
    assert {r.facts.not_assessed for r in records} == {"de", None}
    resumed = run_audit([tmp_path / "pages"], out, AuditOptions(resume=True))
    assert resumed.resumed == 2 and resumed.not_assessed == {"de": 1}
    csv_out = tmp_path / "rows.csv"
    run_audit([tmp_path / "pages"], csv_out, AuditOptions(format="csv"))
    header = csv_out.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",language,not_assessed,section,section_kind,section_label,page_signals")
    assert {r.facts.not_assessed for r in CsvFormat().read_records(csv_out)} == {"de", None}


def test_the_cost_of_detection_is_bounded_on_a_hostile_page(monkeypatch):
    """A page of thousands of long paragraphs in another language: the identifier reads at most the page's
    sample and MAX_CHECKED_PARAGRAPHS paragraphs, each cut to PARAGRAPH_CHARS characters."""
    calls: list[int] = []
    real = language.identify
    monkeypatch.setattr(language, "identify", lambda text: calls.append(len(text)) or real(text))
    spanish = (SPANISH_QUOTE + " ") * 40
    english_lead = (
        "<p>The council said on Tuesday that the new library will open in the spring, the mayor said.</p>"
    )
    page = extract_page(
        ("<html><body>" + english_lead * 400 + f"<p>{spanish}</p>" * 3000 + "</body></html>").encode(),
        source="hostile.html",
    )
    found = language.page_language(page)
    assert found.code == "en"  # the main text's sample is English
    assert len(calls) <= language.MAX_CHECKED_PARAGRAPHS + 1
    assert max(calls) <= max(language.SAMPLE_CHARS + 10, language.PARAGRAPH_CHARS)
    assert 0 < len(found.paragraphs) <= language.MAX_CHECKED_PARAGRAPHS
