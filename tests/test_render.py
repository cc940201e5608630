"""The markup renderer: every markup shows every section, and its rows load as training loads them."""

import json
import random
import re
from collections import Counter

import lxml.html
import pytest

from detector import extract_page
from detector.labels import LABELS
from detector.training.corpus import label_files, load_corpus
from detector.training.render import (
    MARKUPS,
    RenderedPage,
    agreement,
    fold,
    main,
    render,
    render_all_markups,
    synthetic_pages,
    write_pages,
)
from detector.training.synth import (
    QA,
    SECTION_KINDS,
    Facts,
    Field,
    Line,
    PageSpec,
    Row,
    Section,
    author_bio,
    data_table,
    faq_section,
    namesake_card,
    page_specs,
)

from .conftest import SEEDS

# the label each kind of section gives its rows
SECTION_LABELS = {
    "header": {"boilerplate"},
    "nav": {"boilerplate"},
    "article": {"credible", "unsourced_rumour", "off_topic"},
    "faq": {"scraped_faq", "off_topic"},
    "author_bio": {"fabricated_author_bio"},
    "card": {"off_topic", "credible"},
    "promo": {"promotional"},
    "rumour": {"unsourced_rumour"},
    "comments": {"boilerplate", "credible", "unsourced_rumour", "promotional", "off_topic"},
    "footer": {"boilerplate"},
}


@pytest.fixture(scope="module")
def corpus_pages():
    return load_corpus(label_files(SEEDS / "pages" / "a"))


def full_spec(corpus_page_specs: list[PageSpec], i: int) -> PageSpec:
    """A generated page with every kind of section, each with its own labels."""
    spec = corpus_page_specs[i]
    rng = random.Random(i)
    kinds = {s.kind for s in spec.sections}
    sections = list(spec.sections)
    article = next(s for s in sections if s.kind == "article")
    # a rumour and a drifting pair on every spec, so that every label is there
    body = (
        *article.items,
        Line(f"Insiders whisper that {spec.subject} is secretly engaged.", "unsourced_rumour"),
    )
    sections[sections.index(article)] = Section("article", body, article.heading, article.heading_label)
    sections = [s for s in sections if s.kind != "faq"]
    sections.append(faq_section(rng, Facts(spec.subject, ()), pairs=5, drift=0.4))
    if "author_bio" not in kinds or not any(isinstance(i, Field) for i in spec.items("author_bio")):
        sections = [s for s in sections if s.kind != "author_bio"] + [author_bio(rng)]
    if "card" not in kinds:
        sections.append(namesake_card(rng, spec.subject))
    for kind, label, text in [
        ("header", "boilerplate", "Skip to main content"),
        ("nav", "boilerplate", "Home"),
        ("promo", "promotional", "Subscribe to our newsletter for the latest updates."),
        ("footer", "boilerplate", "© 2025 Daily Buzz. All rights reserved."),
    ]:
        if kind not in {s.kind for s in sections}:
            sections.append(Section(kind, (Line(text, label),)))
    if "rumour" not in {s.kind for s in sections}:
        lines = (
            Line(f"Regulars at the Anchor reckon {spec.subject} has already sold up.", "unsourced_rumour"),
        )
        sections.append(Section("rumour", lines, "What we're hearing", "unsourced_rumour"))
    if "comments" not in {s.kind for s in sections}:
        thread = (
            Line("Rosa_K said...", "boilerplate", heading=True),
            Line("Thanks for a balanced report, rare these days.", "credible"),
            Line("Reply", "boilerplate"),
            Line("Anonymous · 3 hours ago", "boilerplate", heading=True),
            Line(f"Heard from a mate that {spec.subject} is being sold off next.", "unsourced_rumour"),
        )
        sections.append(Section("comments", thread, "2 comments", "boilerplate"))
    sections.sort(key=lambda s: SECTION_KINDS.index(s.kind))
    return PageSpec(f"full{i}", spec.title, spec.subject, tuple(sections))


@pytest.fixture(scope="module")
def specs(corpus_pages):
    generated = page_specs(corpus_pages, 3, 5)
    return [full_spec(generated, i) for i in range(3)]


@pytest.fixture(scope="module")
def rendered(specs) -> list[dict[str, RenderedPage]]:
    return [render_all_markups(spec) for spec in specs]


def test_at_least_ten_markups():
    assert len(MARKUPS) >= 10 and len(set(MARKUPS)) == len(MARKUPS)
    for name in ("p_soup", "gutenberg", "bootstrap_accordion", "details_summary", "microdata", "json_ld"):
        assert name in MARKUPS
    for name in ("definition_list", "table", "list_items", "headings", "bold_qa", "br_lines", "plain_text"):
        assert name in MARKUPS


def test_unknown_markup_is_refused(specs):
    with pytest.raises(ValueError, match="unknown markup"):
        render(specs[0], "frames", random.Random(0))


def test_render_unpacks_as_file_name_text_rows(specs):
    file_name, text, rows = render(specs[0], "table", random.Random(0))
    assert file_name.endswith("_table.html") and "<table" in text and rows


def test_every_markup_renders_every_section_kind(rendered):
    for pages in rendered:
        for markup, page in pages.items():
            labels = Counter(row["label"] for row in page.rows)
            for section in page.spec.sections:
                wanted = {item.label for item in section.items} & SECTION_LABELS[section.kind]
                assert wanted, (markup, section.kind)
                for label in wanted:
                    assert labels[label], (markup, section.kind, label)


def test_every_written_text_is_shown(rendered):
    for pages in rendered:
        for markup, page in pages.items():
            assert not page.unplaced, markup  # accordion questions inside <button> too
            assert not page.mixed, markup


def test_the_same_content_in_every_markup(rendered):
    """What the metamorphic test compares: every markup shows the answers, values and lines of the spec."""
    for pages in rendered:
        for markup, page in pages.items():
            shown = fold(" ".join(b.text for b in extract_page(page.text, source=page.file_name).blocks))
            for item in page.spec.items():
                texts = (
                    [item.answer]
                    if isinstance(item, QA)
                    else [item.value]
                    if isinstance(item, Field)
                    else [item.text]
                )
                for text in texts:
                    assert fold(text) in shown, (markup, text)


def test_rows_match_the_segmentation(rendered):
    for pages in rendered:
        for markup, page in pages.items():
            blocks = [fold(b.text) for b in extract_page(page.text, source=page.file_name).blocks]
            labelled: dict[int, set[str]] = {}
            for row in page.rows:
                assert set(row) == {"file", "contains", "label", "clear"} and row["file"] == page.file_name
                hits = [i for i, text in enumerate(blocks) if fold(row["contains"]) in text]
                assert hits, (markup, row)
                for i in hits:
                    labelled.setdefault(i, set()).add(row["label"])
            assert all(len(labels) == 1 for labels in labelled.values()), markup
            # rows are left out only where a block's text collides with another block's
            assert len(labelled) >= 0.9 * len(blocks), (markup, len(labelled), len(blocks))


def test_rendered_pages_load_as_training_loads_them(rendered, tmp_path):
    pages = [page for pages in rendered for page in pages.values()]
    labels = write_pages(pages, tmp_path)
    loaded = load_corpus([labels])
    assert len(loaded) == len(pages)
    assert {label for p in loaded for label, _ in p.labels.values()} == set(LABELS)


def test_render_is_deterministic(specs):
    for markup in MARKUPS:
        a = render(specs[1], markup, random.Random(9))
        b = render(specs[1], markup, random.Random(9))
        assert (a.file_name, a.text, a.rows) == (b.file_name, b.text, b.rows)
    assert (
        render(specs[1], "hashed_divs", random.Random(1)).text
        != render(specs[1], "hashed_divs", random.Random(2)).text
    )


def test_synthetic_pages_cycle_the_markups_and_are_deterministic(corpus_pages, tmp_path):
    pages = synthetic_pages(corpus_pages, len(MARKUPS) + 2, seed=8)
    assert [p.markup for p in pages] == [*MARKUPS, *MARKUPS[:2]]
    assert len({p.file_name for p in pages}) == len(pages)
    again = synthetic_pages(corpus_pages, len(MARKUPS) + 2, seed=8)
    assert [(p.text, p.rows) for p in pages] == [(p.text, p.rows) for p in again]
    assert load_corpus([write_pages(pages, tmp_path)])


# --- what each markup looks like -------------------------------------------------------------------


def tree(page: RenderedPage):
    return lxml.html.fromstring(page.text)


def test_wordpress_faq_blocks(rendered):
    yoast = tree(rendered[0]["gutenberg"])
    assert yoast.xpath('//div[contains(@class, "schema-faq")]//strong[@class="schema-faq-question"]')
    assert yoast.xpath('//*[contains(@class, "wp-block-")]')
    rank = tree(rendered[0]["rank_math"])
    assert rank.xpath('//div[@id="rank-math-faq"]//h3[@class="rank-math-question"]')
    assert rank.xpath('//div[@class="rank-math-answer"]/p')


def test_bootstrap_accordion_puts_questions_in_buttons(rendered):
    page = rendered[0]["bootstrap_accordion"]
    questions = [i.question for i in page.spec.items("faq") if isinstance(i, QA)]
    buttons = [b.text_content() for b in tree(page).xpath('//button[contains(@class, "accordion-button")]')]
    assert buttons == questions
    assert tree(page).xpath('//div[contains(@class, "accordion-collapse")]/div[@class="accordion-body"]')


def test_microdata_faq_page_and_person(rendered):
    page = tree(rendered[0]["microdata"])
    assert page.xpath(
        '//*[@itemtype="https://schema.org/FAQPage"]//*[@itemprop="mainEntity"]//*[@itemprop="acceptedAnswer"]'
    )
    person = page.xpath('//*[@itemtype="https://schema.org/Person"]')
    assert person and person[0].xpath('.//*[@itemprop="name"]')


def test_json_ld_beside_visible_html(rendered):
    page = rendered[0]["json_ld"]
    (script,) = tree(page).xpath('//script[@type="application/ld+json"]')
    graph = json.loads(script.text)["@graph"]
    types = {node["@type"] for node in graph}
    assert {"Article", "FAQPage", "Person"} <= types
    faq = next(node for node in graph if node["@type"] == "FAQPage")
    questions = [i.question for i in page.spec.items("faq") if isinstance(i, QA)]
    assert [q["name"] for q in faq["mainEntity"]] == questions
    assert all(fold(q) in fold(page.text) for q in questions)  # and visible too


def test_json_ld_script_cannot_be_closed_by_page_text(specs):
    spec = specs[0]
    evil = Section(
        "faq", (QA("Is </script><p>x</p> a question?", "Yes.", "scraped_faq"),), "FAQ", "scraped_faq"
    )
    page = render(
        PageSpec("evil", spec.title, spec.subject, (*spec.sections, evil)), "json_ld", random.Random(0)
    )
    (script,) = tree(page).xpath('//script[@type="application/ld+json"]')
    assert json.loads(script.text)


def test_list_table_dl_and_line_markups(rendered):
    pages = rendered[0]
    assert tree(pages["definition_list"]).xpath("//dl/dt") and tree(pages["definition_list"]).xpath("//dl/dd")
    assert tree(pages["table"]).xpath("//table//tr/th") and tree(pages["table"]).xpath("//table//tr/td")
    assert tree(pages["list_items"]).xpath('//ul[@class="faq-list"]/li/strong')
    assert tree(pages["headings"]).xpath("//h3/following-sibling::p")
    # the prefix and the bold tag are drawn per page: one of the pages shows a bold "Q." style prefix
    assert any(re.search(r"<(strong|b)>(Q\.|Q:|Question:) ", p["bold_qa"].text) for p in rendered)
    assert tree(pages["br_lines"]).xpath('//div[@class="author-info"]/br')
    assert tree(pages["sidebar_cards"]).xpath('//section[contains(@class, "widget")]')
    assert tree(pages["details_summary"]).xpath("//details/summary")
    assert re.search(r'class="css-[0-9a-z]{5,7}"', pages["hashed_divs"].text)


def test_plain_text_is_lines(rendered):
    page = rendered[0]["plain_text"]
    assert page.file_name.endswith(".txt") and "<" not in page.text
    field = next(i for i in page.spec.items("author_bio") if isinstance(i, Field))
    assert f"{field.name}: {field.value}\n" in page.text
    qa = next(i for i in page.spec.items("faq") if isinstance(i, QA))
    assert re.search(rf"^(Q: |Q\. |){re.escape(qa.question)}$", page.text, re.MULTILINE)


def test_text_is_escaped(specs):
    spec = specs[0]
    promo = Section("promo", (Line("Use code <b>&amp; SAVE10</b> now!", "promotional"),))
    page = render(
        PageSpec("esc", spec.title, spec.subject, (*spec.sections, promo)), "p_soup", random.Random(0)
    )
    assert "&lt;b&gt;&amp;amp; SAVE10&lt;/b&gt;" in page.text
    assert any(row["contains"] == "Use code <b>&amp; SAVE10</b> now!" for row in page.rows)


def test_a_block_of_two_labels_gets_no_row(specs, tmp_path):
    spec = specs[0]
    mixed = Section(
        "promo",
        (Line("Follow us on TikTok for daily updates.", "promotional"), Line("Advertisement", "boilerplate")),
    )
    page = render(
        PageSpec("mixed", spec.title, spec.subject, (*spec.sections, mixed)), "br_lines", random.Random(0)
    )
    assert len(page.mixed) == 1
    assert not any("TikTok" in row["contains"] or row["contains"] == "Advertisement" for row in page.rows)
    assert load_corpus([write_pages([page], tmp_path)])


def test_a_row_that_would_label_another_block_is_left_out(specs, tmp_path):
    """An article sentence pasted as a FAQ answer: the paragraph's whole text is inside the answer's block."""
    spec = specs[0]
    sentence = "Rory Pike scored twice for Ashford Town on Saturday."
    article = Section(
        "article",
        (Line(sentence, "credible"), Line("The match ended 2-1.", "credible")),
        spec.title,
        "credible",
    )
    faq = Section(
        "faq",
        (QA("Who is Rory Pike?", f"Rory Pike is a footballer. {sentence}", "scraped_faq"),),
        "FAQ",
        "scraped_faq",
    )
    page = render(PageSpec("pasted", spec.title, "Rory Pike", (article, faq)), "p_soup", random.Random(0))
    assert {row["contains"]: row["label"] for row in page.rows}.get(sentence) is None
    assert {row["contains"]: row["label"] for row in page.rows}[
        f"Rory Pike is a footballer. {sentence}"
    ] == "scraped_faq"
    assert load_corpus([write_pages([page], tmp_path)])


def test_as_labelled_agrees_with_load_corpus(rendered, tmp_path):
    pages = list(rendered[1].values())
    loaded = {p.path.name: p.labels for p in load_corpus([write_pages(pages, tmp_path)])}
    for page in pages:
        assert page.as_labelled(tmp_path).labels == loaded[page.file_name]


def test_placements_follow_the_same_content_across_markups(rendered):
    """The metamorphic test's lookup: each written text, in each markup, to the block holding it."""
    for pages in rendered:
        answers = {i.answer: i.label for i in pages["p_soup"].spec.items("faq") if isinstance(i, QA)}
        for markup, page in pages.items():
            labels = page.as_labelled().labels
            placed = {piece.text: at for piece, at in page.placements}
            for answer, label in answers.items():
                block = placed[answer]
                assert block is not None and answer in page.page.blocks[block].text
                assert labels[block][0] == label, markup


def test_agreement_across_markups(rendered):
    pages = rendered[0]
    true = {
        m: [p.as_labelled().labels.get(b.index, ("?",))[0] for b in p.page.blocks] for m, p in pages.items()
    }
    assert set(agreement(pages, true).values()) == {1.0}
    # one markup calling its FAQ answers credible disagrees with all the others there, and only there
    answers = {i.answer for i in pages["table"].spec.items("faq") if isinstance(i, QA)}
    wrong = dict(true)
    wrong["table"] = [
        "credible" if any(a in b.text for a in answers) else label
        for b, label in zip(pages["table"].page.blocks, true["table"], strict=True)
    ]
    shares = agreement(pages, wrong)
    assert shares["table"] < 0.95
    assert all(share == 1.0 for markup, share in shares.items() if markup != "table")


def test_main_writes_pages_and_labels(tmp_path, capsys):
    assert (
        main([str(tmp_path / "out"), "-n", "3", "--seed", "2", "--corpus", str(SEEDS / "pages" / "a")]) == 0
    )
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 4 and "labels.jsonl" in written
    assert load_corpus([tmp_path / "out" / "labels.jsonl"])
    assert "3 pages" in capsys.readouterr().err


def test_a_data_table_is_a_table_whose_rows_are_credible_paragraphs():
    rows = data_table(random.Random(4))
    table = [item for item in rows if isinstance(item, Row)]
    body = (Line("The count ended at dawn, the returning officer said.", "credible"), *rows)
    spec = PageSpec(name="t", title="Count ends", subject="Count", sections=(Section("article", body),))
    for markup in MARKUPS:
        page = render(spec, markup, random.Random(1))
        assert not page.unplaced and not page.mixed, markup
        labelled = {row["contains"]: row["label"] for row in page.rows}
        for row in table:
            assert labelled.get(fold(row.text)) == "credible", (markup, row.text)  # one paragraph per row
        if markup not in ("p_soup", "plain_text", "hashed_divs"):
            tree = lxml.html.fromstring(page.text)
            assert len(tree.xpath("//table//tr")) == len(table), markup
