"""Labelled page content rendered in the markups of the open web, with its label rows.

A :class:`~detector.training.synth.PageSpec` (sections of labelled lines, fields and Q/A pairs) is
laid out in one of :data:`MARKUPS`: plain ``<p>`` soup, WordPress blocks with Yoast or Rank Math FAQ
blocks, a Bootstrap accordion, ``<details>``, schema.org microdata, JSON-LD beside the visible HTML,
``<dl>``, tables, lists, headings, bold "Q." / "A." paragraphs, ``<br>``-joined lines, sidebar
cards, a framework's hashed class names, and plain text. The same content in every markup is what
a metamorphic test compares (:func:`render_all_markups`); many pages in cycled markups are what
training adds to the written pages (:func:`synthetic_pages`).

The label rows follow the detector's own segmentation: the page is run through
:func:`detector.extract_page`, each text the renderer wrote is found in the blocks in document order,
and a row is written per block, with the block's whole text as ``contains``. Text that segmentation
does not show (a question inside ``<button>``) gets no row, and a block holding texts of two labels
gets none either, so the rows load through :func:`~detector.training.corpus.load_corpus` as they are.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..page.extract import Page, extract_page
from .corpus import LabelledPage, label_files, load_corpus
from .synth.pages import page_specs
from .synth.spec import QA, Field, Item, Line, PageSpec, Row, Section

#: How many blocks after the last one placed the next written text is looked for. Every block of a
#: rendered page holds text the renderer wrote, so the next text is in the same block or a close one.
_WINDOW = 4


def fold(text: str) -> str:
    """Runs of white space folded to one space, as label rows are compared (seeds/README.md)."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Piece:
    """A text the renderer wrote into the page, with its label; ``shown`` is False where the
    segmentation is known not to show it today (text inside ``<button>``)."""

    text: str
    label: str
    shown: bool = True


@dataclass
class RenderedPage:
    """A rendered page: file name, content and label rows (unpacks as ``(file_name, text, rows)``).

    ``page`` is the page as the detector segments it; ``placements`` say in which of its blocks
    each written text landed (None: no block shows it), which is how the same content is followed
    from one markup to another; ``mixed`` are the blocks that hold texts of two labels, left
    without a row.
    """

    file_name: str
    text: str
    rows: list[dict]
    markup: str
    spec: PageSpec
    page: Page
    placements: list[tuple[Piece, int | None]] = field(default_factory=list)
    mixed: list[int] = field(default_factory=list)

    def __iter__(self) -> Iterator:
        return iter((self.file_name, self.text, self.rows))

    @property
    def pieces(self) -> list[Piece]:
        """Every text written into the page, in document order."""
        return [piece for piece, _ in self.placements]

    @property
    def unplaced(self) -> list[Piece]:
        """The written texts no block shows (``Piece.shown`` false, or a bug)."""
        return [piece for piece, at in self.placements if at is None]

    def as_labelled(self, folder: Path = Path(".")) -> LabelledPage:
        """The page with its rows applied as :func:`~detector.training.corpus.load_corpus` applies
        them (every block whose folded text holds a row's ``contains``), without writing files."""
        labelled = LabelledPage(path=Path(folder) / self.file_name, page=self.page)
        for row in self.rows:
            for block in self.page.blocks:
                if row["contains"] in fold(block.text):
                    labelled.labels[block.index] = (row["label"], row["clear"])
        return labelled


class _Doc:
    """The texts written so far, in document order, each escaped for the page's format."""

    def __init__(self, plain: bool) -> None:
        self.plain = plain
        self.pieces: list[Piece] = []

    def t(self, text: str, label: str, shown: bool = True) -> str:
        """``text`` for the page, noted as written with ``label``."""
        self.pieces.append(Piece(text, label, shown))
        return text if self.plain else html.escape(text, quote=False)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class _CommentEngine:
    """How a blog, newspaper or forum engine lays out a comment thread: each comment (``{header}``,
    ``{body}``, ``{actions}``), its reply links (``{actions}``), the thread (``{top}``, ``{comments}``) and
    its heading (``{heading}``)."""

    comment: str
    actions: str
    thread: str
    top: str


#: The comment-thread layouts :meth:`Markup.comments` draws from (in this order).
_COMMENT_ENGINES = {
    "blogger": _CommentEngine(
        "<dt class='comment-author'>{header}</dt><dd class='comment-body'><p>{body}</p>{actions}</dd>",
        "<span class='comment-actions'>{actions}</span>",
        "<div class='comments' id='comments'>{top}<dl id='comments-block'>\n{comments}\n</dl></div>",
        "<h4>{heading}</h4>",
    ),
    "wordpress": _CommentEngine(
        '<li class="comment"><article class="comment-body"><footer class="comment-meta">'
        '<div class="comment-author vcard"><b class="fn">{header}</b></div></footer>'
        '<div class="comment-content"><p>{body}</p></div>{actions}</article></li>',
        '<div class="reply">{actions}</div>',
        '<div id="comments" class="comments-area">{top}<ol class="comment-list">\n{comments}\n</ol></div>',
        '<h2 class="comments-title">{heading}</h2>',
    ),
    "forum": _CommentEngine(
        '<div class="topic-body crawler-post"><div class="crawler-post-meta">'
        '<span class="creator">{header}</span></div><div class="post"><p>{body}</p></div>{actions}</div>',
        '<div class="post-actions">{actions}</div>',
        "{top}{comments}",
        "<h3>{heading}</h3>",
    ),
    "plain": _CommentEngine(
        '<div class="comment"><p class="meta"><strong>{header}</strong></p><p>{body}</p>{actions}</div>',
        "<p>{actions}</p>",
        '<section class="reader-comments">{top}\n{comments}\n</section>',
        "<h3>{heading}</h3>",
    ),
    "disqus": _CommentEngine(
        '<li class="post"><div class="post-byline"><span class="author">{header}</span></div>'
        '<div class="post-message"><p>{body}</p></div>{actions}</li>',
        "<footer>{actions}</footer>",
        '<div id="disqus_thread">{top}<ul class="post-list">\n{comments}\n</ul></div>',
        "<h3>{heading}</h3>",
    ),
}


def _label_of(section: Section) -> str:
    return section.heading_label or (section.items[0].label if section.items else "credible")


class Markup:
    """Plain ``<p>`` soup: every line a paragraph, no container says what a section is.

    Subclasses override how a kind of section is laid out; :meth:`page` writes them in order.
    """

    name = "p_soup"
    extension = "html"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.doc = _Doc(plain=self.extension == "txt")

    def t(self, text: str, label: str, shown: bool = True) -> str:
        return self.doc.t(text, label, shown)

    # -- the page -----------------------------------------------------------------------------

    def page(self, spec: PageSpec) -> str:
        head = f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{_e(spec.title)}</title>\n'
        head += self.head_extra(spec) + "</head>\n<body>\n"
        body = "\n".join(self.section(spec, section) for section in spec.sections)
        return head + self.wrap_body(body) + "\n</body>\n</html>\n"

    def head_extra(self, spec: PageSpec) -> str:
        return ""

    def wrap_body(self, body: str) -> str:
        return body

    def section(self, spec: PageSpec, section: Section) -> str:
        method: Callable[[Section], str] = getattr(self, section.kind)
        return method(section)

    # -- sections (defaults: paragraphs) --------------------------------------------------------

    def lines(self, section: Section, tag: str = "p", attrs: str = "") -> str:
        """Every item of ``section`` as a ``tag`` element, the heading first (bold, in a paragraph)."""
        out = []
        if section.heading:
            out.append(f"<{tag}{attrs}><b>{self.t(section.heading, _label_of(section))}</b></{tag}>")
        for item in section.items:
            out.extend(f"<{tag}{attrs}>{text}</{tag}>" for text in self.item_texts(item))
        return "\n".join(out)

    def item_texts(self, item: Item) -> list[str]:
        """An item's texts, each noted (a Q/A pair gives two)."""
        if isinstance(item, QA):
            return [self.t(item.question, item.label), self.t(item.answer, item.label)]
        return [self.t(item.text, item.label)]

    def header(self, section: Section) -> str:
        return self.lines(section)

    def nav(self, section: Section) -> str:
        links = " | ".join(
            f'<a href="#">{self.t(i.text, i.label)}</a>' for i in section.items if isinstance(i, Line)
        )
        return f"<p>{links}</p>"

    def article(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<p><b>{self.t(section.heading, _label_of(section))}</b></p>")
        for item in section.items:
            out.extend(f"<p>{text}</p>" for text in self.item_texts(item))
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        return self.lines(section)

    def author_bio(self, section: Section) -> str:
        return self.lines(section)

    def promo(self, section: Section) -> str:
        return self.lines(section)

    def card(self, section: Section) -> str:
        """A fact card or infobox, laid out as wikis, CMS widgets and themes lay one out, whatever the
        markup: a table of header and data cells, a definition list, a list, bold names or ``<br>`` lines."""
        fields = [item for item in section.items if isinstance(item, Field)]
        heading = self.t(section.heading, _label_of(section)) if section.heading else ""
        layout = self.rng.choice(["infobox", "dl", "list", "bold", "br"])
        cls = self.rng.choice(["infobox", "fact-card", "quick-facts", "widget facts", "card", "sidebar-box"])
        if layout == "infobox":
            rows = "".join(
                f'<tr><th scope="row">{self.t(f.name, f.label)}</th><td>{self.t(f.value, f.label)}</td></tr>'
                for f in fields
            )
            caption = f'<tr><th colspan="2" class="infobox-above">{heading}</th></tr>' if heading else ""
            return f'<table class="{cls}"><tbody>{caption}{rows}</tbody></table>'
        top = f"<h4>{heading}</h4>" if heading else ""
        if layout == "dl":
            rows = "".join(
                f"<dt>{self.t(f.name, f.label)}</dt><dd>{self.t(f.value, f.label)}</dd>" for f in fields
            )
            body = f"<dl>{rows}</dl>"
        elif layout == "list":
            body = "<ul>" + "".join(f"<li>{self.field_line(f, bold=False)}</li>" for f in fields) + "</ul>"
        elif layout == "bold":
            body = "".join(f"<p>{self.field_line(f)}</p>" for f in fields)
        else:
            body = "<p>" + "<br>".join(self.field_line(f, bold=False) for f in fields) + "</p>"
        tag = self.rng.choice(["aside", "div", "section"])
        return f'<{tag} class="{cls}">{top}{body}</{tag}>'

    def rumour(self, section: Section) -> str:
        """A box of gossip, laid out as sites lay out a sidebar or an aside, whatever the markup."""
        cls = self.rng.choice(
            ["gossip-box", "sidebar-widget", "widget_text", "talk-box", "aside", "box box--grey"]
        )
        tag = self.rng.choice(["aside", "div", "section"])
        heading = ""
        if section.heading:
            level = self.rng.choice(["h3", "h4", "p"])
            text = self.t(section.heading, _label_of(section))
            heading = f"<p><strong>{text}</strong></p>" if level == "p" else f"<{level}>{text}</{level}>"
        texts = [t for item in section.items for t in self.item_texts(item)]
        if self.rng.random() < 0.35:
            body = "<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>"
        else:
            body = "".join(f"<p>{t}</p>" for t in texts)
        return f'<{tag} class="{cls}">{heading}{body}</{tag}>'

    def comments(self, section: Section) -> str:
        """A thread of reader comments, laid out as a common blog, newspaper or forum engine lays one out,
        whatever the markup: a comment runs from its header line to the next one."""
        heading = self.t(section.heading, _label_of(section)) if section.heading else ""
        thread: list[tuple[str, list[str]]] = []
        for item in section.items:
            text = self.item_texts(item)[0]
            if (isinstance(item, Line) and item.heading) or not thread:
                thread.append((text, []))
            else:
                thread[-1][1].append(text)
        engine = _COMMENT_ENGINES[self.rng.choice(list(_COMMENT_ENGINES))]
        out = []
        for header, (body, *after) in ((h, rest or [""]) for h, rest in thread):
            actions = "".join(f'<a href="#">{a}</a> ' for a in after)
            shown = engine.actions.format(actions=actions) if actions else ""
            out.append(engine.comment.format(header=header, body=body, actions=shown))
        top = engine.top.format(heading=heading) if heading else ""
        return engine.thread.format(top=top, comments="\n".join(out))

    def footer(self, section: Section) -> str:
        return self.lines(section)

    # -- helpers for subclasses ------------------------------------------------------------------

    def semantic_article(self, section: Section, paragraph: str = "<p>{}</p>") -> str:
        """The article as ``<h1>``, ``<h2>`` headings and paragraphs in ``<article>``."""
        out = ["<article>"]
        if section.heading:
            out.append(f"<h1>{self.t(section.heading, _label_of(section))}</h1>")
        out.extend(self.article_body(section, paragraph))
        out.append("</article>")
        return "\n".join(out)

    def article_body(
        self, section: Section, paragraph: str = "<p>{}</p>", heading: str = "<h2>{}</h2>"
    ) -> list[str]:
        """The article's items in order: headings, paragraphs, and each run of listed lines as one
        ``<ul>`` or ``<ol>``."""
        out: list[str] = []
        items = list(section.items)
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, Line) and item.listed:
                run = []
                while i < len(items) and isinstance(items[i], Line) and items[i].listed:  # type: ignore[union-attr]
                    run.append(items[i])
                    i += 1
                tag = self.rng.choice(["ul", "ol"])
                out.append(
                    f"<{tag}>" + "".join(f"<li>{self.item_texts(line)[0]}</li>" for line in run) + f"</{tag}>"
                )
                continue
            if isinstance(item, Row):
                rows = []
                while i < len(items) and isinstance(items[i], Row):
                    rows.append(items[i])
                    i += 1
                out.append(self.data_table(rows))  # type: ignore[arg-type]
                continue
            if isinstance(item, Line) and item.heading:
                out.append(heading.format(self.t(item.text, item.label)))
            else:
                out.extend(paragraph.format(text) for text in self.item_texts(item))
            i += 1
        return out

    def data_table(self, rows: list[Row]) -> str:
        """A run of data rows as one ``<table>``, the header row in ``<thead>``. A row is noted whole, as the
        segmentation shows it: one paragraph, its cells joined by " | "."""
        cls = self.rng.choice(["", "data-table", "wp-block-table", "table table-striped", "results"])
        out = [f'<table class="{cls}">' if cls else "<table>"]
        body_open = False
        for row in rows:
            self.doc.t(row.text, row.label)
            if row.header and not body_open:
                out.append("<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in row.cells) + "</tr></thead>")
                continue
            if not body_open:
                out.append("<tbody>")
                body_open = True
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row.cells) + "</tr>")
        out.append(("</tbody>" if body_open else "") + "</table>")
        return "".join(out)

    def nav_list(self, section: Section, nav_attrs: str = "", ul_attrs: str = "", li_attrs: str = "") -> str:
        items = "".join(
            f'<li{li_attrs}><a href="/{_attr(i.text.lower())}">{self.t(i.text, i.label)}</a></li>'
            for i in section.items
            if isinstance(i, Line)
        )
        return f"<nav{nav_attrs}><ul{ul_attrs}>{items}</ul></nav>"

    def field_line(self, item: Field, bold: bool = True) -> str:
        """``Name: value`` as one text run (the name in ``<strong>``, or not)."""
        if bold:
            return f"<strong>{self.t(item.name + ':', item.label)}</strong> {self.t(item.value, item.label)}"
        return self.t(item.text, item.label)


class Gutenberg(Markup):
    """WordPress block markup (``wp-block-*``) with the Yoast FAQ block (``schema-faq``)."""

    name = "gutenberg"

    def wrap_body(self, body: str) -> str:
        return f'<div class="wp-site-blocks">\n{body}\n</div>'

    def header(self, section: Section) -> str:
        paragraphs = "".join(
            f'<p class="has-small-font-size">{self.t(i.text, i.label)}</p>'
            for i in section.items
            if isinstance(i, Line)
        )
        return (
            f'<header class="wp-block-template-part"><div class="wp-block-group">{paragraphs}</div></header>'
        )

    def nav(self, section: Section) -> str:
        return self.nav_list(
            section,
            ' class="wp-block-navigation"',
            ' class="wp-block-navigation__container"',
            ' class="wp-block-navigation-item"',
        )

    def article(self, section: Section) -> str:
        out = ['<main class="wp-block-group"><div class="entry-content wp-block-post-content">']
        if section.heading:
            out.insert(
                0, f'<h1 class="wp-block-post-title">{self.t(section.heading, _label_of(section))}</h1>'
            )
        out.extend(self.article_body(section, heading='<h2 class="wp-block-heading">{}</h2>'))
        out.append("</div></main>")
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f'<h2 class="wp-block-heading">{self.t(section.heading, _label_of(section))}</h2>')
        out.append('<div class="schema-faq wp-block-yoast-faq-block">')
        for n, item in enumerate(section.items):
            if isinstance(item, QA):
                out.append(
                    f'<div class="schema-faq-section" id="faq-question-{1700000000000 + n}">'
                    f'<strong class="schema-faq-question">{self.t(item.question, item.label)}</strong> '
                    f'<p class="schema-faq-answer">{self.t(item.answer, item.label)}</p></div>'
                )
        out.append("</div>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = [
            '<div class="wp-block-media-text is-stacked-on-mobile">',
            '<figure class="wp-block-media-text__media"><img src="avatar.jpg" alt=""></figure>',
        ]
        out.append('<div class="wp-block-media-text__content">')
        if section.heading:
            out.append(f'<h3 class="wp-block-heading">{self.t(section.heading, _label_of(section))}</h3>')
        for item in section.items:
            text = self.field_line(item, bold=False) if isinstance(item, Field) else self.item_texts(item)[0]
            out.append(f"<p>{text}</p>")
        out.append("</div></div>")
        return "\n".join(out)

    def promo(self, section: Section) -> str:
        body = "".join(
            f'<p class="has-text-align-center">{t}</p>' for i in section.items for t in self.item_texts(i)
        )
        return f'<div class="wp-block-group has-background has-pale-cyan-blue-background-color">{body}</div>'

    def footer(self, section: Section) -> str:
        body = "".join(
            f'<p class="has-small-font-size">{t}</p>' for i in section.items for t in self.item_texts(i)
        )
        return f'<footer class="wp-block-template-part"><div class="wp-block-group">{body}</div></footer>'


class RankMath(Gutenberg):
    """WordPress with the Rank Math FAQ block and a theme's author box."""

    name = "rank_math"

    def faq(self, section: Section) -> str:
        out = ['<div id="rank-math-faq" class="rank-math-block">']
        if section.heading:
            out.append(f'<h2 class="wp-block-heading">{self.t(section.heading, _label_of(section))}</h2>')
        out.append('<div class="rank-math-list">')
        for n, item in enumerate(section.items):
            if isinstance(item, QA):
                out.append(
                    f'<div id="faq-question-{n}" class="rank-math-list-item">'
                    f'<h3 class="rank-math-question">{self.t(item.question, item.label)}</h3>'
                    f'<div class="rank-math-answer"><p>{self.t(item.answer, item.label)}</p></div></div>'
                )
        out.append("</div></div>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = [
            '<div class="author-box"><div class="author-box-avatar"><img src="a.png" alt=""></div><div class="author-box-content">'
        ]
        if section.heading:
            out.append(f'<h4 class="author-box-title">{self.t(section.heading, _label_of(section))}</h4>')
        for item in section.items:
            if isinstance(item, Field):
                out.append(
                    f'<p><span class="author-label">{self.t(item.name + ":", item.label)}</span> {self.t(item.value, item.label)}</p>'
                )
            else:
                out.append(f'<p class="author-box-description">{self.item_texts(item)[0]}</p>')
        out.append("</div></div>")
        return "\n".join(out)


class BootstrapAccordion(Markup):
    """Bootstrap 5: an accordion FAQ (the question inside ``<button class="accordion-button">``),
    a card with a list group for the bio, an alert for the promotion."""

    name = "bootstrap_accordion"

    def wrap_body(self, body: str) -> str:
        return (
            f'<div class="container my-4"><div class="row"><div class="col-lg-8">\n{body}\n</div></div></div>'
        )

    def header(self, section: Section) -> str:
        return "\n".join(
            f'<div class="alert alert-secondary small">{self.t(i.text, i.label)}</div>'
            for i in section.items
            if isinstance(i, Line)
        )

    def nav(self, section: Section) -> str:
        return self.nav_list(
            section, ' class="navbar navbar-expand-lg"', ' class="navbar-nav"', ' class="nav-item"'
        )

    def article(self, section: Section) -> str:
        return self.semantic_article(
            section, '<p class="lead">{}</p>' if self.rng.random() < 0.2 else "<p>{}</p>"
        )

    def faq(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f'<h2 class="h4 mt-5">{self.t(section.heading, _label_of(section))}</h2>')
        out.append('<div class="accordion" id="faqAccordion">')
        for n, item in enumerate(section.items):
            if isinstance(item, QA):
                out.append(
                    f'<div class="accordion-item"><h2 class="accordion-header" id="h{n}">'
                    f'<button class="accordion-button collapsed" type="button" data-bs-toggle="collapse" '
                    f'data-bs-target="#c{n}" aria-expanded="false" aria-controls="c{n}">'
                    f"{self.t(item.question, item.label)}</button></h2>"
                    f'<div id="c{n}" class="accordion-collapse collapse" aria-labelledby="h{n}" data-bs-parent="#faqAccordion">'
                    f'<div class="accordion-body">{self.t(item.answer, item.label)}</div></div></div>'
                )
        out.append("</div>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = ['<div class="card mt-4"><div class="card-body">']
        if section.heading:
            out.append(f'<h5 class="card-title">{self.t(section.heading, _label_of(section))}</h5>')
        out.append('<ul class="list-group list-group-flush">')
        for item in section.items:
            text = self.field_line(item) if isinstance(item, Field) else self.item_texts(item)[0]
            out.append(f'<li class="list-group-item">{text}</li>')
        out.append("</ul></div></div>")
        return "\n".join(out)

    def promo(self, section: Section) -> str:
        return "\n".join(
            f'<div class="alert alert-primary" role="alert">{t}</div>'
            for i in section.items
            for t in self.item_texts(i)
        )

    def footer(self, section: Section) -> str:
        body = "".join(f'<p class="mb-1">{t}</p>' for i in section.items for t in self.item_texts(i))
        return f'<footer class="border-top py-3 text-muted small">{body}</footer>'


class DetailsSummary(Markup):
    """``<details>``/``<summary>`` disclosures for the FAQ and the bio."""

    name = "details_summary"

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def header(self, section: Section) -> str:
        return "<header>" + self.lines(section) + "</header>"

    def article(self, section: Section) -> str:
        return "<main>" + self.semantic_article(section) + "</main>"

    def faq(self, section: Section) -> str:
        out = ['<section class="faq">']
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f"<details><summary>{self.t(item.question, item.label)}</summary><p>{self.t(item.answer, item.label)}</p></details>"
                )
        out.append("</section>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = ["<details open>"]
        if section.heading:
            out.append(f"<summary>{self.t(section.heading, _label_of(section))}</summary>")
        for item in section.items:
            out.append(
                f"<p>{self.field_line(item) if isinstance(item, Field) else self.item_texts(item)[0]}</p>"
            )
        out.append("</details>")
        return "\n".join(out)

    def promo(self, section: Section) -> str:
        return '<aside class="cta">' + self.lines(section) + "</aside>"

    def footer(self, section: Section) -> str:
        return "<footer>" + self.lines(section) + "</footer>"


class Microdata(DetailsSummary):
    """schema.org microdata: ``FAQPage`` / ``Question`` / ``acceptedAnswer``, a ``Person`` card with
    its ``itemprop`` fields, a ``NewsArticle``."""

    name = "microdata"

    def article(self, section: Section) -> str:
        out = ['<article itemscope itemtype="https://schema.org/NewsArticle">']
        if section.heading:
            out.append(f'<h1 itemprop="headline">{self.t(section.heading, _label_of(section))}</h1>')
        out.append('<div itemprop="articleBody">')
        out.extend(self.article_body(section))
        out.append("</div></article>")
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        out = ['<div itemscope itemtype="https://schema.org/FAQPage">']
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    '<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">'
                    f'<h3 itemprop="name">{self.t(item.question, item.label)}</h3>'
                    '<div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer">'
                    f'<div itemprop="text"><p>{self.t(item.answer, item.label)}</p></div></div></div>'
                )
        out.append("</div>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = ['<div class="author" itemscope itemtype="https://schema.org/Person">']
        if section.heading:
            out.append(f"<h3>{self.t(section.heading, _label_of(section))}</h3>")
        for item in section.items:
            if isinstance(item, Field):
                prop = f' itemprop="{item.itemprop}"' if item.itemprop else ""
                out.append(
                    f"<p>{self.t(item.name + ':', item.label)} <span{prop}>{self.t(item.value, item.label)}</span></p>"
                )
            else:
                out.append(f'<p itemprop="description">{self.item_texts(item)[0]}</p>')
        out.append("</div>")
        return "\n".join(out)


class JsonLd(Markup):
    """JSON-LD (``Article``, ``FAQPage``, ``Person``) in the head, the same content visible below
    as headings and paragraphs."""

    name = "json_ld"

    def head_extra(self, spec: PageSpec) -> str:
        graph: list[dict] = [{"@type": "Article", "headline": spec.title}]
        for section in spec.sections:
            if section.kind == "faq":
                questions = [
                    {
                        "@type": "Question",
                        "name": i.question,
                        "acceptedAnswer": {"@type": "Answer", "text": i.answer},
                    }
                    for i in section.items
                    if isinstance(i, QA)
                ]
                graph.append({"@type": "FAQPage", "mainEntity": questions})
            if section.kind == "author_bio":
                person = {i.itemprop: i.value for i in section.items if isinstance(i, Field) and i.itemprop}
                if person:
                    graph.append({"@type": "Person", **person})
        data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=1)
        data = data.replace("</", "<\\/")  # a "</script>" in the text must not end the script
        return f'<script type="application/ld+json">{data}</script>\n'

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def faq(self, section: Section) -> str:
        out = ['<div class="faq-block">']
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f'<div class="faq-item"><p class="faq-q"><strong>{self.t(item.question, item.label)}</strong></p><p class="faq-a">{self.t(item.answer, item.label)}</p></div>'
                )
        out.append("</div>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = ['<div class="author-card">']
        if section.heading:
            out.append(f"<h3>{self.t(section.heading, _label_of(section))}</h3>")
        out.append("<ul>")
        for item in section.items:
            out.append(
                f"<li>{self.field_line(item, bold=False) if isinstance(item, Field) else self.item_texts(item)[0]}</li>"
            )
        out.append("</ul></div>")
        return "\n".join(out)


class DefinitionList(Markup):
    """``<dl>``: questions and field names as ``<dt>``, answers and values as ``<dd>``."""

    name = "definition_list"

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def _dl(self, section: Section, attrs: str) -> str:
        out = []
        if section.heading:
            out.append(f"<h3>{self.t(section.heading, _label_of(section))}</h3>")
        out.append(f"<dl{attrs}>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f"<dt>{self.t(item.question, item.label)}</dt><dd>{self.t(item.answer, item.label)}</dd>"
                )
            elif isinstance(item, Field):
                out.append(
                    f"<dt>{self.t(item.name, item.label)}</dt><dd>{self.t(item.value, item.label)}</dd>"
                )
            else:
                out.append(f"<dd>{self.t(item.text, item.label)}</dd>")
        out.append("</dl>")
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        return self._dl(section, ' class="faq"')

    def author_bio(self, section: Section) -> str:
        return self._dl(section, ' class="author-details"')


class Table(Markup):
    """Tables: a question or field name in ``<th>``, the answer or value in ``<td>``."""

    name = "table"

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def _table(self, section: Section, cls: str) -> str:
        out = [f'<table class="{cls}">']
        if section.heading:
            out.append(f"<caption>{self.t(section.heading, _label_of(section))}</caption>")
        if any(isinstance(item, QA) for item in section.items) and self.rng.random() < 0.5:
            label = _label_of(section)  # a header row belongs to the block it heads
            names = self.rng.choice([("Question", "Answer"), ("Q", "A"), ("Question", "Our answer")])
            out.append(
                "<thead><tr>" + "".join(f"<th>{self.t(n, label)}</th>" for n in names) + "</tr></thead>"
            )
        out.append("<tbody>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f"<tr><th>{self.t(item.question, item.label)}</th><td>{self.t(item.answer, item.label)}</td></tr>"
                )
            elif isinstance(item, Field):
                out.append(
                    f"<tr><th>{self.t(item.name, item.label)}</th><td>{self.t(item.value, item.label)}</td></tr>"
                )
            else:
                out.append(f'<tr><td colspan="2">{self.t(item.text, item.label)}</td></tr>')
        out.append("</tbody></table>")
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        return self._table(section, "faq-table")

    def author_bio(self, section: Section) -> str:
        return self._table(section, "author-table")


class ListItems(Markup):
    """``<ul>``/``<li>``: the question in ``<strong>`` and its answer in the same item."""

    name = "list_items"

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def faq(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        out.append('<ul class="faq-list">')
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f"<li><strong>{self.t(item.question, item.label)}</strong> {self.t(item.answer, item.label)}</li>"
                )
        out.append("</ul>")
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<h4>{self.t(section.heading, _label_of(section))}</h4>")
        out.append('<ul class="author-info">')
        for item in section.items:
            out.append(
                f"<li>{self.field_line(item) if isinstance(item, Field) else self.item_texts(item)[0]}</li>"
            )
        out.append("</ul>")
        return "\n".join(out)

    def promo(self, section: Section) -> str:
        return (
            '<ul class="promo">'
            + "".join(f"<li>{t}</li>" for i in section.items for t in self.item_texts(i))
            + "</ul>"
        )

    def footer(self, section: Section) -> str:
        return (
            "<footer><ul>"
            + "".join(f"<li>{t}</li>" for i in section.items for t in self.item_texts(i))
            + "</ul></footer>"
        )


class Headings(Markup):
    """Headings: each question an ``<h3>`` with its answer in paragraphs; bio fields as ``<h5>`` + ``<p>``."""

    name = "headings"

    def nav(self, section: Section) -> str:
        return self.nav_list(section)

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def faq(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f"<h3>{self.t(item.question, item.label)}</h3>\n<p>{self.t(item.answer, item.label)}</p>"
                )
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<h2>{self.t(section.heading, _label_of(section))}</h2>")
        for item in section.items:
            if isinstance(item, Field):
                out.append(f"<h5>{self.t(item.name, item.label)}</h5><p>{self.t(item.value, item.label)}</p>")
            else:
                out.append(f"<p>{self.item_texts(item)[0]}</p>")
        return "\n".join(out)


class BoldQA(Markup):
    """Bold "Q." / "A." paragraphs, or a bold question and its answer in one paragraph; bold field names."""

    name = "bold_qa"

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def faq(self, section: Section) -> str:
        q, a = self.rng.choice([("Q.", "A."), ("Q:", "A:"), ("Question:", "Answer:"), ("", "")])
        bold = self.rng.choice(["strong", "b"])
        out = []
        if section.heading:
            out.append(f"<p><strong>{self.t(section.heading, _label_of(section))}</strong></p>")
        for item in section.items:
            if isinstance(item, QA) and q:
                out.append(f"<p><strong>{q} {self.t(item.question, item.label)}</strong></p>")
                out.append(f"<p><strong>{a}</strong> {self.t(item.answer, item.label)}</p>")
            elif isinstance(item, QA):  # one paragraph: the question in bold, then its answer
                out.append(
                    f"<p><{bold}>{self.t(item.question, item.label)}</{bold}> {self.t(item.answer, item.label)}</p>"
                )
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        out = []
        if section.heading:
            out.append(f"<p><strong>{self.t(section.heading, _label_of(section))}</strong></p>")
        for item in section.items:
            out.append(
                f"<p>{self.field_line(item) if isinstance(item, Field) else self.item_texts(item)[0]}</p>"
            )
        return "\n".join(out)


class BrLines(Markup):
    """``<br>``-joined lines in one ``<div>``: a whole bio, a Q/A pair, a promo box in one block."""

    name = "br_lines"

    def article(self, section: Section) -> str:
        return self.semantic_article(section)

    def _joined(self, section: Section, cls: str) -> str:
        texts = [self.t(section.heading, _label_of(section))] if section.heading else []
        for item in section.items:
            texts.append(
                self.field_line(item, bold=False)
                if isinstance(item, Field)
                else "<br>".join(self.item_texts(item))
            )
        return f'<div class="{cls}">' + "<br>\n".join(texts) + "</div>"

    def faq(self, section: Section) -> str:
        out = [f"<h3>{self.t(section.heading, _label_of(section))}</h3>"] if section.heading else []
        for item in section.items:
            if isinstance(item, QA):
                # a pair per div: on-subject and drifting pairs never share a block
                out.append(
                    f'<div class="qa">{self.t(item.question, item.label)}<br>\n{self.t(item.answer, item.label)}</div>'
                )
        return "\n".join(out)

    def author_bio(self, section: Section) -> str:
        return self._joined(section, "author-info")

    def promo(self, section: Section) -> str:
        return self._joined(section, "promo-box")

    def footer(self, section: Section) -> str:
        return "<footer>" + self._joined(section, "footer-text") + "</footer>"


class SidebarCards(Markup):
    """A blog theme: bio, promotion and FAQ as widget cards in ``<aside>``, furniture in footer cards."""

    name = "sidebar_cards"

    def wrap_body(self, body: str) -> str:
        return f'<div class="site"><div class="site-content">\n{body}\n</div></div>'

    def nav(self, section: Section) -> str:
        return self.nav_list(section, ' class="main-navigation"', ' class="menu"', ' class="menu-item"')

    def article(self, section: Section) -> str:
        return '<main id="primary" class="site-main">' + self.semantic_article(section) + "</main>"

    def _card(self, section: Section, cls: str) -> str:
        out = [f'<aside class="widget-area"><section class="widget {cls}">']
        if section.heading:
            out.append(f'<h2 class="widget-title">{self.t(section.heading, _label_of(section))}</h2>')
        out.append('<div class="widget-content">')
        for item in section.items:
            if isinstance(item, QA):
                out.append(
                    f'<h4 class="widget-q">{self.t(item.question, item.label)}</h4><p>{self.t(item.answer, item.label)}</p>'
                )
            elif isinstance(item, Field):
                out.append(f"<p>{self.field_line(item)}</p>")
            else:
                out.append(f"<p>{self.t(item.text, item.label)}</p>")
        out.append("</div></section></aside>")
        return "\n".join(out)

    def faq(self, section: Section) -> str:
        return self._card(section, "widget_faq")

    def author_bio(self, section: Section) -> str:
        if self.rng.random() < 0.5:  # the article's own footer card is the other common place
            inner = (
                self._card(section, "author-bio")
                .removeprefix('<aside class="widget-area">')
                .removesuffix("</aside>")
            )
            return f'<footer class="entry-footer">{inner}</footer>'
        return self._card(section, "widget_author")

    def promo(self, section: Section) -> str:
        return self._card(section, "widget_newsletter")

    def footer(self, section: Section) -> str:
        cards = "".join(
            f'<div class="footer-card"><p>{t}</p></div>' for i in section.items for t in self.item_texts(i)
        )
        return f'<footer class="site-footer"><div class="footer-widgets">{cards}</div></footer>'


class HashedDivs(Markup):
    """A front-end framework's output: ``<div class="css-1q2w3e">`` everywhere, text directly in divs."""

    name = "hashed_divs"

    def _cls(self) -> str:
        return "css-" + "".join(
            self.rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(self.rng.randint(5, 7))
        )

    def _divs(self, texts: list[str], heading: str | None = None) -> str:
        inner = ""
        if heading is not None:
            inner += f'<div class="{self._cls()}" role="heading" aria-level="2">{heading}</div>'
        inner += "".join(f'<div class="{self._cls()}">{text}</div>' for text in texts)
        return f'<div class="{self._cls()}">{inner}</div>'

    def section(self, spec: PageSpec, section: Section) -> str:
        heading = self.t(section.heading, _label_of(section)) if section.heading else None
        if section.kind == "nav":
            links = "".join(
                f'<a class="{self._cls()}" href="#">{self.t(i.text, i.label)}</a> '
                for i in section.items
                if isinstance(i, Line)
            )
            return f'<div class="{self._cls()}">{links}</div>'
        texts: list[str] = []
        for item in section.items:
            if isinstance(item, QA):
                texts.append(
                    f'<div class="{self._cls()}">{self.t(item.question, item.label)}</div><div class="{self._cls()}">{self.t(item.answer, item.label)}</div>'
                )
            elif isinstance(item, Field):
                texts.append(
                    f'<span class="{self._cls()}">{self.t(item.name + ":", item.label)}</span> {self.t(item.value, item.label)}'
                )
            else:
                texts.append(self.t(item.text, item.label))
        return self._divs(texts, heading)

    def wrap_body(self, body: str) -> str:
        return f'<div id="__next"><div class="{self._cls()}">\n{body}\n</div></div>'


class PlainText(Markup):
    """Plain text: a paragraph per line, "Q:"/"A:" lines, "Label: value" lines."""

    name = "plain_text"
    extension = "txt"

    def page(self, spec: PageSpec) -> str:
        q, a = self.rng.choice([("Q: ", "A: "), ("Q. ", "A. "), ("", "")])
        lines: list[str] = []
        for section in spec.sections:
            if section.kind == "nav":
                lines.append(
                    " | ".join(self.t(i.text, i.label) for i in section.items if isinstance(i, Line))
                )
                continue
            if section.heading:
                lines.append(self.t(section.heading, _label_of(section)))
            for item in section.items:
                if isinstance(item, QA):
                    lines.append(q + self.t(item.question, item.label))
                    lines.append(a + self.t(item.answer, item.label))
                else:
                    lines.append(self.t(item.text, item.label))
        return "\n".join(lines) + "\n"


_MARKUP_CLASSES: tuple[type[Markup], ...] = (
    Markup,
    Gutenberg,
    RankMath,
    BootstrapAccordion,
    DetailsSummary,
    Microdata,
    JsonLd,
    DefinitionList,
    Table,
    ListItems,
    Headings,
    BoldQA,
    BrLines,
    SidebarCards,
    HashedDivs,
    PlainText,
)
_BY_NAME = {cls.name: cls for cls in _MARKUP_CLASSES}

#: The markups :func:`render` knows, by name.
MARKUPS: tuple[str, ...] = tuple(_BY_NAME)


def _rows(page: Page, pieces: list[Piece]) -> tuple[list[dict], list[tuple[Piece, int | None]], list[int]]:
    """Label rows for ``page`` as the detector segments it, the block each piece landed in, and
    the blocks holding pieces of two labels."""
    blocks = page.blocks
    folded = [fold(b.text) for b in blocks]
    labels: dict[int, set[str]] = {}
    placements: list[tuple[Piece, int | None]] = []
    cursor = 0
    for piece in pieces:
        needle = fold(piece.text)
        at = next((j for j in range(cursor, min(cursor + _WINDOW, len(blocks))) if needle in folded[j]), None)
        placements.append((piece, at))
        if at is not None:
            cursor = at
            labels.setdefault(at, set()).add(piece.label)
    mixed = sorted(j for j, found in labels.items() if len(found) > 1)
    rows: list[dict] = []
    seen: set[str] = set()
    for j, found in sorted(labels.items()):
        if len(found) > 1 or folded[j] in seen:
            continue
        (label,) = found
        # the row's text must not label a block that has another label, or none
        if any(folded[j] in folded[k] and labels.get(k) != {label} for k in range(len(blocks)) if k != j):
            continue
        seen.add(folded[j])
        rows.append({"file": page.source, "contains": folded[j], "label": label, "clear": True})
    return rows, placements, mixed


def render(page_spec: PageSpec, markup: str, rng: random.Random) -> RenderedPage:
    """``page_spec`` laid out in ``markup`` (one of :data:`MARKUPS`), with its label rows."""
    try:
        cls = _BY_NAME[markup]
    except KeyError:
        raise ValueError(f"unknown markup {markup!r}; one of {', '.join(MARKUPS)}") from None
    renderer = cls(rng)
    text = renderer.page(page_spec)
    file_name = f"{page_spec.name}_{markup}.{cls.extension}"
    page = extract_page(text, source=file_name)
    rows, placements, mixed = _rows(page, renderer.doc.pieces)
    return RenderedPage(file_name, text, rows, markup, page_spec, page, placements, mixed)


def render_all_markups(page_spec: PageSpec, seed: int = 0) -> dict[str, RenderedPage]:
    """The same content in every markup, for comparing what the detector says of each."""
    return {markup: render(page_spec, markup, random.Random(f"{seed}:{markup}")) for markup in MARKUPS}


def agreement(pages: dict[str, RenderedPage], block_labels: dict[str, Sequence[str]]) -> dict[str, float]:
    """Per markup, the share of its written texts whose block got the label most markups gave them.

    ``pages`` are one content's renderings (:func:`render_all_markups`), ``block_labels`` the label
    each block of each rendering got (by markup, in block order), e.g. from scoring the page. A
    text is followed through :attr:`RenderedPage.placements`; texts no block shows are left out.
    """
    by_text: dict[str, dict[str, str]] = {}
    for markup, page in pages.items():
        for piece, at in page.placements:
            if at is not None:
                by_text.setdefault(piece.text, {})[markup] = block_labels[markup][at]
    majority = {text: Counter(labels.values()).most_common(1)[0][0] for text, labels in by_text.items()}
    shares = {}
    for markup in pages:
        mine = [(text, labels[markup]) for text, labels in by_text.items() if markup in labels]
        shares[markup] = sum(label == majority[text] for text, label in mine) / len(mine) if mine else 1.0
    return shares


def synthetic_pages(corpus_pages: Sequence[LabelledPage], n: int, seed: int) -> list[RenderedPage]:
    """``n`` pages: corpus articles with generated spam sections, in the markups in turn."""
    rng = random.Random(seed)
    return [
        render(spec, MARKUPS[i % len(MARKUPS)], random.Random(rng.getrandbits(64)))
        for i, spec in enumerate(page_specs(corpus_pages, n, seed))
    ]


def write_pages(pages: Sequence[RenderedPage], folder: Path) -> Path:
    """Write ``pages`` and their rows (``labels.jsonl``) into ``folder``, ready for ``load_corpus``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for page in pages:
        (folder / page.file_name).write_text(page.text, encoding="utf-8")
        lines.extend(json.dumps(row, ensure_ascii=False) for row in page.rows)
    labels = folder / "labels.jsonl"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return labels


def main(argv: list[str] | None = None) -> int:
    """Write synthetic pages and their ``labels.jsonl`` into a folder, to look at or to train on."""
    parser = argparse.ArgumentParser(
        prog="python -m detector.training.render",
        description="Render corpus articles padded with generated spam sections in every markup, with label rows.",
    )
    parser.add_argument("out", type=Path, help="folder to write the pages and labels.jsonl into")
    parser.add_argument(
        "-n", type=int, default=len(MARKUPS), help="number of pages (default: one per markup)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("seeds/pages"),
        help="folder whose labels*.jsonl give the articles",
    )
    args = parser.parse_args(argv)
    corpus = load_corpus(label_files(args.corpus))
    pages = synthetic_pages(corpus, args.n, args.seed)
    labels = write_pages(pages, args.out)
    rows = sum(len(page.rows) for page in pages)
    print(f"{len(pages)} pages and {rows} label rows written to {labels.parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
