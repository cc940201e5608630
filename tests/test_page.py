"""Extraction: blocks in order, kinds, main text, hidden text, encodings, Q&A."""

import json

import pytest

from detector import BinaryInputError, EmptyInputError, InputTooLargeError, extract_page

ARTICLE = """<html><head><title>Rovers win the derby</title></head><body>
<nav><a href="/">Home</a> › <a href="/sport">Sport</a></nav>
<article><h1>Rovers win the derby</h1>
<p>Kingsbridge Rovers beat their neighbours 3-1 on Saturday in front of 40,000 fans, with two late goals
from the captain and a penalty save in stoppage time.</p>
<p>The coach said the squad had <b>worked hard</b> all week and deserved the points after a difficult run
of results this season.<br>It showed.</p>
<blockquote><p>We were ready for this one.</p></blockquote>
<ul><li>First goal: 12 minutes</li><li>Second goal: 81 minutes</li></ul>
<table><tr><td>Possession</td><td>58%</td></tr></table>
</article>
<div class="author-box"><p>Name: Kieth Sipes</p><p>Birthday: 2001-04-14</p><p>Hobby: Kayaking</p></div>
<div hidden>hidden text</div><p style="display: none">invisible</p><script>var x = "script text";</script>
</body></html>"""


def test_blocks_in_order_with_kinds():
    page = extract_page(ARTICLE, source="a.html")
    texts = [b.text for b in page.blocks]
    assert texts[0] == "Home › Sport"
    assert texts[1] == "Rovers win the derby" and page.blocks[1].kind == "heading"
    assert "worked hard all week" in texts[3] and "\nIt showed." in texts[3]
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["We were ready for this one."] == "quote"
    assert kinds["First goal: 12 minutes"] == "list_item"
    assert kinds["Possession | 58%"] == "table_row"
    assert not any("hidden" in t or "invisible" in t or "script" in t for t in texts)
    assert page.title == "Rovers win the derby"


def test_author_box_is_kept_outside_main_text():
    page = extract_page(ARTICLE, source="a.html")
    by_text = {b.text: b for b in page.blocks}
    assert page.main_text_found
    assert by_text["Name: Kieth Sipes"].in_main_text is False
    assert by_text["Home › Sport"].in_main_text is False
    assert "Kingsbridge Rovers beat" in next(
        b.text for b in page.blocks if b.in_main_text and b.kind == "paragraph"
    )


def test_plain_text_lines_and_questions():
    text = (
        "Big story title here\n\nThe lead paragraph explains what happened in detail today.\n\n"
        "Is it true? ›\nYes, it is.\nHow old is he? ›\nWhat year is it set in? ›\n2010.\n"
    )
    page = extract_page(text.encode(), source="t.txt")
    assert not page.is_html
    assert [b.text for b in page.blocks][:2] == [
        "Big story title here",
        "The lead paragraph explains what happened in detail today.",
    ]
    roles = {b.text: b.qa_role for b in page.blocks}
    assert roles["Is it true? ›"] == "question" and roles["Yes, it is."] == "answer"
    assert all(b.qa_run == 3 for b in page.blocks[2:])
    assert page.blocks[1].qa_role is None


@pytest.mark.parametrize(
    "top",
    [
        ["WESTHOLM GAZETTE - Local news for Westholm and the Coppice villages"],
        ["Home | News | Sport | Contact us", "We use cookies to make this site work for you OK"],
        ["Westholm Gazette", "By Ann Pryce, Local Democracy Reporter | 3 March 2025, 18:20"],
        ["Home › News › Libraries", "Last updated: May 2, 2024"],
    ],
)
def test_a_text_page_title_is_its_headline_not_its_masthead_menu_or_byline(top):
    headline = "Westholm libraries scrap overdue fines in six-week amnesty"
    deck = "Borrowers with overdue books can return them without paying a penny until the end of June"
    body = [
        "Westholm's six libraries will scrap overdue fines for six weeks, the council said on Monday.",
        "The amnesty on fines is meant to bring back borrowers who stayed away, the libraries' head said.",
        "Overdue books returned before June will be accepted at any of the libraries.",
        "Share this story",
    ]
    page = extract_page("\n".join([*top, headline, deck, *body]).encode(), source="t.txt")
    assert page.title == headline  # not the masthead, menu, byline or the longer deck


STORY = """<p>Coco Marchbanks will close her Halbury restaurant in March after seven years, she said.</p>
<p>The Halbury restaurant lost its lease, Marchbanks said, and the owners plan flats on the site.</p>
<p>Regulars of the restaurant said they would miss it; Marchbanks thanked them on Monday.</p>"""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a site's name as the page's title: the heading that names the story stands in for it
        ("Sugar &amp; Scoop Daily", "Coco Marchbanks to close her Halbury restaurant"),
        # the story's own title is kept, even where a heading repeats as many of its words
        (
            "Marchbanks closes Halbury restaurant after seven years",
            "Marchbanks closes Halbury restaurant after seven years",
        ),
    ],
)
def test_an_html_title_that_names_the_site_gives_way_to_the_story_heading(title, expected):
    html = (
        f'<html><head><meta property="og:title" content="{title}"></head><body><article>'
        f"<h1>Coco Marchbanks to close her Halbury restaurant</h1>{STORY}</article></body></html>"
    )
    assert extract_page(html.encode(), source="t.html").title == expected


TEXT = "Café crème brûlée, déjà vu: a naïve résumé for the façade of the old théâtre."


@pytest.mark.parametrize(
    "codec,declared",
    [("cp1252", "windows-1252"), ("latin-1", "iso-8859-1"), ("utf-8", "utf-8"), ("utf-16", "utf-16")],
)
def test_declared_encodings(codec, declared):
    html = f'<html><head><meta charset="{declared}"></head><body><p>{TEXT}</p></body></html>'
    page = extract_page(html.encode(codec), source="e.html")
    assert page.blocks[0].text == TEXT


def test_undeclared_latin1_is_sniffed():
    data = (
        "<html><body><p>"
        + "Le café était très animé ce soir-là, et la crème brûlée était délicieuse. " * 5
        + "</p></body></html>"
    ).encode("latin-1")
    assert "café était très" in extract_page(data).blocks[0].text


@pytest.mark.parametrize(
    "data,error",
    [
        (b"", EmptyInputError),
        (b"   \n\t ", EmptyInputError),
        (b"<html><body><div></div></body></html>", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInputError),
        (bytes(range(32)) * 50, BinaryInputError),
    ],
)
def test_bad_input_raises_input_errors(data, error):
    with pytest.raises(error):
        extract_page(data)


def test_size_limit():
    with pytest.raises(InputTooLargeError):
        extract_page(b"a" * 100, max_bytes=10)


def test_an_html_fragment_is_scored_like_a_browser_shows_it():
    page = extract_page(b"<p>The council met on Tuesday to approve the budget.</p><p>Second paragraph.</p>")
    assert [b.text for b in page.blocks] == [
        "The council met on Tuesday to approve the budget.",
        "Second paragraph.",
    ]


def test_text_given_as_str_that_is_mostly_control_characters_is_binary():
    with pytest.raises(BinaryInputError):
        extract_page("\x00\x01\x02\x03" * 50, content_type="html")


MENUS = """<html><head><title>Harbour ferry fares rise</title></head><body>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/news"><span>News</span></a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul>
<ul class="social"><li><a href="/fb">Facebook</a></li><li><a href="/x">X</a></li></ul>
<ul class="mixed"><li><a href="/a">Archive</a></li><li>Call us: 555 0100</li><li><a href="/b">Blog</a></li></ul>
<article><h1>Harbour ferry fares rise</h1>
<p>Ferry fares across the harbour will rise by twelve percent from March, the transport board said on
Tuesday, citing fuel costs and a new maintenance contract for the three older boats.</p>
<p>Commuters who cross twice a day will pay about eighty more a year, and the board said a weekly pass
would be introduced in the summer to soften the increase for regular travellers.</p>
</article>
<ul class="related"><li><a href="/s1">Bridge repairs to finish in May</a></li>
<li><a href="/s2">New bus lanes on the quay</a></li><li><a href="/s3">Ferry crew strike called off</a></li></ul>
</body></html>"""


def test_lists_of_links_outside_the_main_text_are_one_block():
    page = extract_page(MENUS, source="m.html")
    links = [b for b in page.blocks if b.kind == "links"]
    assert [b.text for b in links] == [
        "Home\nNews\nSport\nWeather",
        "Facebook\nX",  # a second list right after the first stays a block of its own
        "Bridge repairs to finish in May\nNew bus lanes on the quay\nFerry crew strike called off",
    ]
    assert not any(b.in_main_text for b in links)
    texts = [b.text for b in page.blocks]
    # a list with an item that is not a link keeps one block per item
    assert {"Archive", "Call us: 555 0100", "Blog"} <= set(texts)
    assert [b.index for b in page.blocks] == list(range(len(page.blocks)))


def test_lists_of_links_in_the_main_text_keep_one_block_per_item():
    from lxml.html import fragment_fromstring

    from detector.page.extract import Block, _merge_link_lists

    menu = fragment_fromstring('<ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul>')
    sources = fragment_fromstring(
        '<ul><li><a href="/m">Minutes of the board</a></li><li><a href="/c">Contract summary</a></li></ul>'
    )
    blocks = [
        Block(0, "Home", "list_item", in_main_text=False),
        Block(1, "Sport", "list_item", in_main_text=False),
        Block(2, "Minutes of the board", "list_item"),
        Block(3, "Contract summary", "list_item"),
    ]
    merged = _merge_link_lists(blocks, [menu[0], menu[1], sources[0], sources[1]])
    assert [(b.index, b.text, b.kind) for b in merged] == [
        (0, "Home\nSport", "links"),
        (1, "Minutes of the board", "list_item"),
        (2, "Contract summary", "list_item"),
    ]


def test_short_cells_of_a_table_row_are_one_block_and_layout_cells_keep_theirs():
    long_cell = "A long column of article text that a layout table holds in one cell. " * 3
    html = f"""<html><body>
    <table>
      <tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>
      <tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>
    </table>
    <table><tr><td>{long_cell}</td><td>Sidebar</td></tr></table>
    <table><tr><td><p>First paragraph of a cell.</p><p>Second paragraph.</p></td><td>Other cell</td></tr></table>
    <table><tr><td>Alone</td></tr></table>
    </body></html>"""
    page = extract_page(html, source="tables.html", content_type="html")
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Pos. | Driver | Points"] == "table_row"
    assert kinds["1 | Kyle Busch | 5040"] == "table_row"
    assert kinds[long_cell.strip()] == "table_cell" and kinds["Sidebar"] == "table_cell"
    assert kinds["First paragraph of a cell."] == "table_cell" and kinds["Other cell"] == "table_cell"
    assert kinds["Alone"] == "table_cell"
    assert [b.index for b in page.blocks] == list(range(len(page.blocks)))


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:title" content="Meta title"><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "JSON-LD headline"}</script>',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "JSON-LD headline"}</script>',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><title>Broken JSON</title>',
        "<title>Only a title element</title>",
    ],
)
def test_title_is_trafilatura_metadata_title(head):
    from trafilatura import extract_metadata

    from detector.page.extract import _load_html, _page_title

    html = f"<html><head>{head}</head><body><h1>Heading</h1><p>Some text of the page.</p></body></html>"
    assert _page_title(_load_html(html)) == extract_metadata(_load_html(html)).title


@pytest.mark.parametrize("tag", ["div", "b", "li"])
def test_deeply_nested_markup_is_segmented(tag):
    """Hostile nesting: the walk recurses once per level of the tree."""
    html = (
        f"<html><body>{f'<{tag}>' * 200}Deep text<p>and a paragraph</p>{f'</{tag}>' * 200}tail</body></html>"
    )
    assert [b.text for b in extract_page(html, source="deep.html").blocks] == [
        "Deep text",
        "and a paragraph",
        "tail",
    ]


def test_markup_nested_beyond_the_parser_limit_is_a_clear_error(detector):
    """libxml2 stops building the tree at 256 levels: text nested deeper is not seen (a known limit)."""
    html = f"<html><body>{'<div>' * 5000}Deep text{'</div>' * 5000}</body></html>"
    report = detector.score(html, source="deep.html")
    assert report.error is not None and report.error.type == "EmptyInputError"


_ARTICLE = " ".join(
    f"Paragraph {n} of the report says the council met on Monday and agreed the budget for the year."
    for n in range(12)
)


def _menu_page(extra: str) -> str:
    menu = "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(8))
    return (
        f"<html><body><nav><ul>{menu}</ul></nav><main>{extra}</main><footer>© Example</footer></body></html>"
    )


def test_an_article_in_a_script_template_is_read_when_the_page_shows_none():
    template = "".join(f"<p>{sentence}.</p>" for sentence in _ARTICLE.split(". "))
    page = extract_page(_menu_page(f"<script type='text/template'>{template}</script>"))
    texts = [block.text for block in page.blocks]
    assert any(text.startswith("Paragraph 0 of the report") for text in texts)
    assert texts.index(next(t for t in texts if t.startswith("Paragraph 0"))) < texts.index("© Example")
    assert any(block.in_main_text and "Paragraph 11" in block.text for block in page.blocks)


def test_a_template_that_still_needs_data_or_a_page_with_its_own_article_is_left_alone():
    placeholder = "<script type='text/template'><p>{{title}}</p>" + f"<p>{_ARTICLE}</p></script>"
    assert not any("Paragraph 0" in b.text for b in extract_page(_menu_page(placeholder)).blocks)
    own = f"<article>{''.join(f'<p>{_ARTICLE} ({n})</p>' for n in range(3))}</article>"
    widget = f"<script type='text/template'><p>Dialog text {_ARTICLE}</p></script>"
    assert not any("Dialog text" in b.text for b in extract_page(_menu_page(own + widget)).blocks)


def test_an_article_only_in_json_ld_is_read_in_paragraphs_of_sentences():
    data = json.dumps({"@type": "NewsArticle", "headline": "Budget", "articleBody": _ARTICLE})
    page = extract_page(_menu_page(f"<script type='application/ld+json'>{data}</script><p>Loading…</p>"))
    body = [block for block in page.blocks if block.text.startswith("Paragraph")]
    assert len(body) > 1 and all(len(block.text) < 800 for block in body)
    assert " ".join(block.text for block in body) == _ARTICLE


def test_blocks_holding_a_question_and_its_answer_are_pairs_only_in_company():
    article = "<p>The board met on Monday and accepted the resignation of the chief executive.</p>" * 3
    faq = (
        "<p><strong>Who is the new chief executive?</strong> Mairead Quinlan, the finance chief, for now.</p>"
        "<p><b>Why did he resign?</b> The company has not given a reason for it.</p>"
        "<p>Q. Are the shares down? A. Yes, by four per cent on the day.</p>"
    )
    blocks = extract_page(f"<html><body><h1>Halden chief quits</h1>{article}{faq}</body></html>").blocks
    pairs = [block for block in blocks if block.qa_role == "pair"]
    assert [block.text[:9] for block in pairs] == ["Who is th", "Why did h", "Q. Are th"]
    assert all(block.qa_run == 3 for block in pairs)
    prose = (
        "<p>So why did nobody see it coming? The board had warned of losses all year.</p>"
        "<p>Pinpoint your ideal customer: who will your business serve? Write it down first.</p>"
        "<p>Then the article goes on, with no question in it at all, for a while.</p>"
    )
    blocks = extract_page(f"<html><body><h1>Halden chief quits</h1>{article}{prose}</body></html>").blocks
    assert not any(block.qa_role for block in blocks)


def test_numbered_questions_and_quoted_blocks_marked_q_are_pairs_but_a_quoted_question_is_not():
    article = "<p>The canal embankment gave way late on Thursday and flooded the lane below it.</p>" * 3
    numbered = (
        "<p>1. What caused the breach? A section of embankment collapsed after days of rain.</p>"
        "<p>2. Is the towpath open? No, the stretch by the lock stays shut until it is surveyed.</p>"
    )
    blocks = extract_page(f"<html><body><h1>Canal breach</h1>{article}{numbered}</body></html>").blocks
    assert [b.text[:4] for b in blocks if b.qa_role == "pair"] == ["1. W", "2. I"]
    quoted = (
        "<blockquote>Q. Where does the river rise?<br>In peat bogs on the fell above the town.</blockquote>"
        "<blockquote>Q. Can you fish in it?<br>The middle reaches are known for brown trout and grayling.</blockquote>"
    )
    blocks = extract_page(f"<html><body><h1>Canal breach</h1>{article}{quoted}</body></html>").blocks
    assert [b.text[:4] for b in blocks if b.qa_role == "pair"] == ["Q. W", "Q. C"]
    said = (
        "<blockquote>Why would we close it now? We have only just repaired the lock gates ourselves.</blockquote>"
        "<blockquote>Who pays for it all? The trust does, and it will ask the council for its share.</blockquote>"
    )
    blocks = extract_page(f"<html><body><h1>Canal breach</h1>{article}{said}</body></html>").blocks
    assert not any(block.qa_role == "pair" for block in blocks)


@pytest.mark.parametrize("reference", ["&#18;", "&#x12;", "&#18", "&#0000011;", "&#xC", "&#xFFFE;"])
def test_a_reference_to_a_character_a_tree_cannot_hold_costs_no_main_text(reference):
    """The parser puts such a character in the tree and trafilatura then failed on the whole page: one
    reference in the title took the page's main text and title away. A control is dropped, as the parser
    drops the literal character (so it splits no word); a noncharacter is U+FFFD."""
    page = extract_page(
        ARTICLE.replace("Rovers win the derby", f"Rovers win{reference} the derby")
        .replace("two late goals", f"two la{reference}te goals")
        .encode()
    )
    control = "" if reference != "&#xFFFE;" else "\ufffd"
    assert page.title == f"Rovers win{control} the derby" and page.main_text_found
    kickoff = next(block for block in page.blocks if "Kingsbridge" in block.text)
    assert kickoff.in_main_text and f"two la{control}te goals" in kickoff.text
    assert not any(char < " " and char not in "\t\n\r" for block in page.blocks for char in block.text)


def test_a_tab_or_a_character_past_the_basic_plane_is_left_to_the_parser():
    page = extract_page(ARTICLE.replace("two late goals", "two&#9;late &#x1F600; goals").encode())
    kickoff = next(block for block in page.blocks if "Kingsbridge" in block.text)
    assert "two late \U0001f600 goals" in kickoff.text and page.main_text_found
