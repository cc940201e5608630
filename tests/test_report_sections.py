"""The report's sections: label, credibility and reasons of each run of paragraphs."""

from __future__ import annotations

import json

import jsonschema

from detector.page.structure import Section as PageSection
from detector.report.schema import Paragraph, published_schema
from detector.report.sections import summarise_sections


def paragraph(index: int, label: str, credibility: float, text: str = "x" * 100) -> Paragraph:
    return Paragraph(
        index=index,
        text=text,
        kind="paragraph",
        in_main_text=True,
        credibility=credibility,
        label=label,
        flags=[],
    )


def test_a_section_takes_its_main_spam_label_when_spam_makes_half_its_text():
    paragraphs = [
        paragraph(0, "scraped_faq", 0.1),
        paragraph(1, "scraped_faq", 0.2),
        paragraph(2, "off_topic", 0.1),
        paragraph(3, "credible", 0.9),
        paragraph(4, "boilerplate", 0.95),
    ]
    [section] = summarise_sections(
        [PageSection(0, "faq", [0, 1, 2, 3, 4], ['class or id "faq"'])], paragraphs
    )
    assert section.label == "scraped_faq"
    assert section.credibility == round((0.1 + 0.2 + 0.1 + 0.9) / 4, 4)  # boilerplate left out
    assert section.paragraphs == [0, 1, 2, 3, 4]
    assert section.reasons[0] == 'class or id "faq"'
    assert "2 of 5 paragraphs: Scraped FAQ" in section.reasons


def test_a_mostly_credible_section_is_credible_and_a_boilerplate_one_counts_for_nothing():
    paragraphs = [
        paragraph(0, "credible", 0.9),
        paragraph(1, "credible", 0.8),
        paragraph(2, "promotional", 0.2),
    ]
    paragraphs += [paragraph(3, "boilerplate", 0.97), paragraph(4, "boilerplate", 0.99)]
    body, furniture = summarise_sections(
        [PageSection(0, "article", [0, 1, 2]), PageSection(1, "navigation", [3, 4])], paragraphs
    )
    assert body.label == "credible" and body.credibility is not None
    assert furniture.label == "boilerplate" and furniture.credibility is None


def test_scored_reports_carry_sections_that_cover_every_paragraph_and_match_the_schema(detector):
    html = (
        "<html><body><main><h1>Ferry timetable cut</h1>"
        + "".join(
            f"<p>The operator cut sailing number {i} from the winter timetable, it said on Monday.</p>"
            for i in range(5)
        )
        + '<div class="faq"><h2>People also ask</h2><p>Who runs the ferry?</p><p>A regional operator.</p>'
        "<p>Is the ferry cheap?</p><p>Fares rose this year.</p></div></main>"
        "<footer><p>© 2026 The Daily Ferry</p></footer></body></html>"
    )
    report = detector.score(html.encode(), source="page.html")
    covered = [i for section in report.sections for i in section.paragraphs]
    assert covered == [p.index for p in report.paragraphs]
    kinds = [section.kind for section in report.sections]
    assert "faq" in kinds and kinds[-1] == "footer"
    jsonschema.validate(json.loads(report.model_dump_json()), published_schema())


def test_the_terminal_opens_each_section_with_its_kind_and_reasons(detector):
    from detector.terminal import console, render_page

    html = '<html><body><main><p>The operator cut the timetable.</p></main><aside class="author-bio"><p>Name: Ada</p></aside></body></html>'
    report = detector.score(html.encode(), source="page.html")
    out = console(color="never")
    with out.capture() as captured:
        out.print(render_page(report))
    text = captured.get()
    assert "section 0: article" in text and "section 1: author" in text
    assert 'class or id "author-bio"' in text or 'class or id "author"' in text
