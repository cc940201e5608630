"""Stage 4, the report: the page report every interface emits, and its renderings.

``schema`` is the data model (:class:`~detector.report.schema.PageReport`; ``report.schema.json``
is its published JSON Schema); ``output`` writes reports as JSONL or CSV rows; ``review`` builds the
moderators' HTML review report (``templates/``); ``display`` shows untrusted text and file names
safely.
"""
