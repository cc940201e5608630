"""The block and page context an example of ``rules.toml`` describes, for the tests that run the examples."""

from __future__ import annotations

from detector import RuleError
from detector.page.extract import Block, Page, extract_page, fold
from detector.signals.context import PageContext, build_context
from detector.signals.rules import Example


def example_context(example: Example) -> tuple[Block, PageContext]:
    """Build the block and page context an example of ``rules.toml`` describes.

    A string is one paragraph on a page of its own; a table ``{text, page}`` is the paragraph
    ``text`` inside ``page`` (HTML, or plain text with one paragraph per line).
    """
    if isinstance(example, str):
        page = Page(source="<example>", blocks=[Block(index=0, text=example, kind="paragraph")], title=None)
        ctx = build_context(page)
        return page.blocks[0], ctx
    page = extract_page(example["page"], source="<example>")
    ctx = build_context(page)
    wanted = fold(example["text"])
    for block in page.blocks:
        if fold(block.text) == wanted:
            return block, ctx
    raise RuleError(f"example text not found as a paragraph of its page: {example['text']!r}")
