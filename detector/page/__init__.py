"""Stage 1, the page: bytes in, a :class:`~detector.page.extract.Page` of text blocks out.

``decoding`` turns bytes into text as a browser does; ``extract`` parses the markup within the
page limits and segments it into blocks (title, main text, boilerplate); ``maintext`` is
trafilatura's main-text extraction on the parsed tree, with ``_xpaths`` standing in for its XPath
selections; ``reading`` reads a page file (gunzipped, size-limited, never a pipe or device) and
spells its name; ``concealment`` finds the text a page hides from sight (for the hidden-text signal).
"""
