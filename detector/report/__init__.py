"""Stage 4, the report: the page report every interface emits, why it says what it says, and its renderings.

``schema`` is the data model (:class:`~detector.report.schema.PageReport`; ``report.schema.json``
is its published JSON Schema); ``explain`` writes each paragraph's flags (the classifier's reason and
the rules that fired); ``verdict`` turns the paragraphs into the page's credibility and verdict, with
the rumour-register discount; ``output`` writes reports as JSONL or CSV rows; ``review`` builds the
moderators' HTML review report (``templates/``); ``display`` shows untrusted text safely.
"""
