"""Structure kept from the markup, and the sections found from it."""

from __future__ import annotations

import json

import pytest

from detector.page.extract import extract_page
from detector.page.structure import (
    attribute_words,
    find_sections,
    is_field_line,
    jsonld_types,
    load_vocabulary,
)

ARTICLE = "".join(
    f"<p>The council approved the ferry timetable change number {i} after a long consultation with residents.</p>"
    for i in range(4)
)


def sections_of(html: str) -> list[tuple[str, list[str]]]:
    page = extract_page(html, content_type="html")
    return [(s.kind, [page.blocks[i].text for i in s.blocks]) for s in page.sections]


def kinds_of(html: str) -> list[str]:
    return [kind for kind, _ in sections_of(html)]


def test_vocabulary_lists_every_kind_in_order():
    vocabulary = load_vocabulary()
    assert vocabulary.order[0] == "faq" and vocabulary.order[-1] == "article"
    assert vocabulary.words["people-also-ask"] == "faq"
    assert vocabulary.types["Person"] == "author"
    assert vocabulary.roles["contentinfo"] == "footer"


@pytest.mark.parametrize(
    ("value", "expected", "absent"),
    [
        ("schema-faq-section", {"schema", "faq", "section", "schema-faq", "faq-section"}, set()),
        ("peopleAlsoAsk", {"people", "also", "ask", "people-also-ask"}, set()),
        ("css-1q2w3e author_box", {"css", "author", "box", "author-box"}, {"1q2w3e"}),
        ("col-md-6 h2", {"col", "md"}, {"6", "h2"}),
    ],
)
def test_class_words(value, expected, absent):
    words = set(attribute_words(value))
    assert expected <= words and not absent & words


def test_attribute_words_are_bounded_on_a_huge_class_value():
    words = attribute_words(" ".join(f"w{i} author-box" for i in range(100_000)))
    assert len(words) <= 4 * 24


def test_field_lines():
    assert is_field_line("Birthday: 12 March 1990")
    assert is_field_line("Hobby: gardening, chess")
    assert not is_field_line("12:30 the ferry left")
    assert not is_field_line("no colon here")


@pytest.mark.parametrize(
    "faq",
    [
        # Yoast FAQ block
        '<div class="schema-faq wp-block-yoast-faq-block"><div class="schema-faq-section">'
        '<strong class="schema-faq-question">Who runs the ferry?</strong>'
        '<p class="schema-faq-answer">A regional operator runs it.</p></div>'
        '<div class="schema-faq-section"><strong class="schema-faq-question">Is it cheap?</strong>'
        '<p class="schema-faq-answer">Fares rose this year.</p></div></div>',
        # schema.org microdata without any class
        '<div itemscope itemtype="https://schema.org/FAQPage"><div itemscope itemprop="mainEntity" '
        'itemtype="https://schema.org/Question"><h3 itemprop="name">Who runs the ferry?</h3>'
        '<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer">'
        '<p itemprop="text">A regional operator runs it.</p></div></div></div>',
        # <details>/<summary>
        "<details><summary>Who runs the ferry?</summary><p>A regional operator runs it.</p></details>"
        "<details><summary>Is it cheap?</summary><p>Fares rose this year.</p></details>",
        # Bootstrap accordion: the question is the text of a <button>
        '<div class="accordion"><div class="accordion-item"><h2 class="accordion-header">'
        '<button class="accordion-button" aria-expanded="false">Who runs the ferry?</button></h2>'
        '<div class="accordion-collapse collapse"><div class="accordion-body">A regional operator.</div>'
        "</div></div></div>",
    ],
)
def test_an_faq_block_is_an_faq_section_in_every_markup(faq):
    found = sections_of(f"<html><body><article>{ARTICLE}{faq}</article></body></html>")
    faq_sections = [texts for kind, texts in found if kind == "faq"]
    assert len(faq_sections) == 1, found
    assert "Who runs the ferry?" in faq_sections[0]
    assert found[0][0] == "article"


def test_button_text_is_visible():
    page = extract_page(
        "<div><h3><button>Is the ferry running today?</button></h3><p>Yes.</p></div>", content_type="html"
    )
    assert [b.text for b in page.blocks] == ["Is the ferry running today?", "Yes."]
    assert page.blocks[0].kind == "heading"


def test_author_card_sidebar_footer_and_promo_sections():
    html = (
        '<html><body><header role="banner"><p>The Daily Ferry</p></header><main>'
        + ARTICLE
        + '<div class="newsletter-signup"><p>Get the morning briefing in your inbox.</p></div>'
        '<div itemscope itemtype="https://schema.org/Person"><p><span itemprop="name">Ada Finch</span></p>'
        '<p><span itemprop="jobTitle">Senior writer</span></p></div></main>'
        "<aside><p>Weather today: sunny spells.</p></aside>"
        "<footer><p>© 2026 The Daily Ferry</p></footer></body></html>"
    )
    kinds = kinds_of(html)
    assert kinds == ["header", "article", "promo", "author", "sidebar", "footer"], kinds
    page = extract_page(html)
    author = page.blocks[page.sections[3].blocks[0]]
    assert "name" in author.structure.props and "Person" in author.structure.types


def test_main_is_the_article_whatever_its_id_says():
    html = f'<html><body><main id="skip-link-target">{ARTICLE}</main></body></html>'
    assert kinds_of(html) == ["article"]


def test_a_heading_opens_the_section_below_it():
    html = f"<html><body><article>{ARTICLE}<h2>People also ask</h2>" + (
        '<div class="faq"><p>Who runs it?</p><p>An operator.</p></div></article></body></html>'
    )
    found = sections_of(html)
    assert found[-1] == ("faq", ["People also ask", "Who runs it?", "An operator."])


def test_plain_text_shapes_make_sections():
    text = "\n".join(
        [
            "Ferry timetable cut for the winter months",
            "The operator said fewer sailings would run from November, citing falling demand on the route.",
            "Who runs the ferry?",
            "A regional operator runs the route.",
            "Is the ferry cheap?",
            "Fares rose by five percent this year.",
            "Name: Kieth Sipes",
            "Birthday: 1992-04-12",
            "Hobby: Fishing, chess",
            "Subscribe to our newsletter for more updates every single morning of the week.",
        ]
    )
    page = extract_page(text, content_type="text")
    kinds = [(s.kind, len(s.blocks)) for s in page.sections]
    assert ("faq", 4) in kinds and ("card", 3) in kinds, kinds
    assert all(s.evidence for s in page.sections if s.kind != "body")


def test_sections_cover_every_block_once_in_order(tmp_path):
    from pathlib import Path

    seeds = sorted(Path("seeds").glob("*.txt")) + sorted(Path("seeds/pages").rglob("*.html"))[:20]
    assert seeds
    for path in seeds:
        page = extract_page(path.read_bytes(), source=str(path))
        covered = [i for s in page.sections for i in s.blocks]
        assert covered == list(range(len(page.blocks))), path
        assert [s.index for s in page.sections] == list(range(len(page.sections)))


def test_jsonld_types_are_found_and_bounded():
    script = json.dumps(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "FAQPage", "mainEntity": [{"@type": "Question"}]},
                {"@type": ["Person", "https://schema.org/Author"]},
            ],
        }
    )
    assert set(jsonld_types([script])) == {"FAQPage", "Question", "Person", "Author"}
    assert jsonld_types(["{not json", "[" * 100_000]) == []
    many = json.dumps([{"@type": f"T{i}"} for i in range(1000)])
    assert len(jsonld_types([many])) == 64


def test_the_page_lists_its_jsonld_types():
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
        f"<body>{ARTICLE}</body></html>"
    )
    assert extract_page(html).types == ["NewsArticle"]


def test_find_sections_on_blocks_without_structure():
    from detector.page.extract import Block

    blocks = [Block(index=i, text=f"Paragraph {i} of a plain page.", kind="paragraph") for i in range(3)]
    sections = find_sections(blocks)
    assert [(s.kind, s.blocks) for s in sections] == [("body", [0, 1, 2])]
