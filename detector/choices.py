"""The choices and defaults of the library's options, importable without the scoring stack.

The command line builds its help and checks its arguments from these (no scikit-learn, numpy, lxml
or trafilatura is imported for that); the modules that act on a choice import it from here.
"""

from __future__ import annotations

from pathlib import Path

#: The repository checkout holding the package: the seed corpus and ``models/`` are in it, the
#: evaluation corpora beside it.
CHECKOUT = Path(__file__).resolve().parents[1]

#: The values of ``content_type``: sniff the input, or read it as HTML or as plain text.
CONTENT_TYPES = ("auto", "html", "text")

#: Where an audit scores its pages: this machine, or a dask.distributed cluster.
BACKENDS = ("local", "dask")

#: The ``workers`` of an audit that lets it choose its number of processes from its pages and the cores.
AUTO_WORKERS = "auto"

#: The languages the rules and the model read (the labelled corpus is English): a page detected in another
#: language is reported as not assessed, unless the caller gives its language.
ASSESSED_LANGUAGES = ("en",)

#: What a language given by the caller must look like: a lower-case ISO 639 code ("en", "de", "fil").
LANGUAGE_CODE = r"[a-z]{2,3}"

#: An audit's output formats: one page report per line, or one row per paragraph.
OUTPUT_FORMATS = ("jsonl", "csv")

#: Pages the review report shows in full by default: the report of a crawl stays small enough for a
#: browser to open (a page takes some 50 kB of HTML); the summary still counts every page.
DEFAULT_MAX_PAGES = 1000

#: Every evaluation corpus, in the order they run; ``seeds`` lives in the checkout, the others in
#: the corpora folder.
EVALUATION_CORPORA = ("seeds", "news-pages", "extraction-pages", "celebrity-news", "weasel-sentences")

#: The folder holding the evaluation corpora other than ``seeds``.
DEFAULT_CORPORA = CHECKOUT.parent / "shared" / "corpora"
