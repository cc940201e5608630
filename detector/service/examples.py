"""Request and response examples shown in the OpenAPI document (illustrative, not real model output).

FastAPI drops ``null`` values from the OpenAPI document, so the examples avoid them (``error`` is
optional in the report)."""

from __future__ import annotations

from ..labels import LABELS

EXAMPLE_HTML = (
    "<html><head><title>Council approves budget</title></head><body><article>"
    "<p>The council approved the budget on Tuesday, the mayor's office said.</p>"
    "<p>Buy cheap followers now at our shop, use code SAVE20!</p></article></body></html>"
)

EXAMPLE_TEXT = (
    "The council approved the budget on Tuesday.\nBuy cheap followers now at our shop, use code SAVE20!"
)

_COUNTS = {**dict.fromkeys(LABELS, 0), "credible": 1, "promotional": 1}

EXAMPLE_REPORT = {
    "source": "https://example.com/budget",
    "sha256": "9f2c8a0c3d8e5b7f1e6a4d2c0b9a8f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d",
    "title": "Council approves budget",
    "credibility": 0.58,
    "verdict": "spam",
    "counts": _COUNTS,
    "paragraphs": [
        {
            "index": 0,
            "text": "The council approved the budget on Tuesday, the mayor's office said.",
            "kind": "paragraph",
            "in_main_text": True,
            "credibility": 0.99,
            "label": "credible",
            "flags": [],
            "other_evidence": [
                {
                    "category": "credible",
                    "rule": "CRED_NAMED_SOURCE",
                    "score": 1.07,
                    "reason": "The claim names its source ('told Variety', 'in an interview with Digital "
                    "Spy', 'according to court documents', a quote with its speaker).",
                    "evidence": "the mayor's office said",
                }
            ],
        },
        {
            "index": 1,
            "text": "Buy cheap followers now at our shop, use code SAVE20!",
            "kind": "paragraph",
            "in_main_text": True,
            "credibility": 0.08,
            "label": "promotional",
            "flags": [
                {
                    "category": "promotional",
                    "rule": "PROMO_OFFER",
                    "score": 1.84,
                    "reason": "A sales or sign-up offer: discount codes, newsletters, limited-time deals.",
                    "evidence": "use code SAVE20",
                }
            ],
            "other_evidence": [],
        },
    ],
    "model": {
        "name": "detector",
        "version": "0.2.0",
        "sha256": "1d6acf6ae835f0d2ec3571e6947c7bbf3d74ae0c92f7520cc1212770d224e2d1",
        "digest": "6f0c3e55d2b7a1e94c8f3a0b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80",
        "official": True,
    },
}
