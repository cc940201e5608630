"""Stage 2, the signals: what the rules and the page context say about each block of a page.

``context`` builds the page context (per-block facts and the word index rules search);
``rules`` is the rule engine over ``rules.toml`` with its computed checks; ``hedges`` finds weasel
and rumour-register wording; ``prefilter`` holds the literal prefilters that let one pass over a
page skip the rules that cannot match.
"""
