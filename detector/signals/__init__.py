"""Stage 2, the signals: what the rules and the page context say about each block of a page.

``context`` builds the page context: per-block facts (``_similarity``: closeness to the page's subject;
``_names``: names, novel names, homonyms; ``_fields``: profile field lines; ``_sources``: named sources)
and the page's word index (``_prefilter``: literal prefilters, so that one pass over a page finds every
rule's candidate blocks). ``rules`` loads and validates the rule set in ``rules.toml`` (with its word
lists, ``_wordlists``); ``_engine`` runs it over a page, and ``_checks`` holds the computed checks a rule
names. ``hedges`` finds weasel and rumour-register wording. ``page_signals`` finds the SEO-spam
techniques a page shows as a whole (hidden text, keyword stuffing).
"""
