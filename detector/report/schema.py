"""The page report: the one data model every interface emits (Python, CLI JSON, HTTP, review report)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..labels import DOUBTFUL_CREDIBILITY, NOT_ASSESSED, NOT_SCORED, Label, Verdict, needs_review


class Flag(BaseModel):
    """One reason for or against a paragraph's label: a rule that fired, or the classifier's judgement."""

    model_config = ConfigDict(extra="forbid")

    category: Label = Field(description="The label this reason argues for (a rule's category).")
    rule: str | None = Field(
        description="Id of the rule that fired, or null for the classifier's own judgement."
    )
    score: float = Field(
        description="For the classifier: its probability of `category`. For a rule: the weight "
        "the model learned for it (log-odds; negative means it argues against)."
    )
    reason: str = Field(description="A sentence a moderator can read.")
    evidence: str = Field(description="The text that made the rule fire, or what the classifier relied on.")


class Paragraph(BaseModel):
    """One visible paragraph of the page, in page order."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    text: str = Field(description="The paragraph's visible text.")
    kind: str = Field(
        description="heading, paragraph, list_item, quote, table_cell, table_row (short cells "
        "of one row, separated by ' | '), term, definition, summary, caption, code "
        "or links (a list of links outside the main text, one per line)."
    )
    in_main_text: bool = Field(description="Whether the main-text extractor kept this block.")
    credibility: float = Field(ge=0, le=1, description="1 - the probability that the paragraph is spam.")
    label: Label
    decided_by: str | None = Field(
        default=None,
        description="The id of the rule (`decides = true` in rules.toml) "
        "that gave the label, overruling the classifier's credible or boilerplate; "
        "null when the label is the classifier's.",
    )
    flags: list[Flag] = Field(
        description="The evidence for the paragraph's label, strongest first: for a spam label, the rule "
        "that decided it (`decided_by`), the classifier's judgement and the rules of that label with a "
        "positive learned weight, highest first. Empty for a credible or boilerplate paragraph, unless "
        f"its credibility is below {DOUBTFUL_CREDIBILITY} (doubtful: the spam labels together are "
        "likelier than not): then the same evidence for its likeliest spam label. A rule with a negative "
        "weight is never here, the rule that decided the label aside (it overrules the model, whatever "
        "weight the model learned for it)."
    )
    language: str | None = Field(
        default=None,
        description="Set on a paragraph of an English page that is written in another language (ISO 639-1 "
        "code, e.g. a quotation in Spanish): the rules that read English words did not run on it.",
    )
    other_evidence: list[Flag] = Field(
        default_factory=list,
        description="Every other rule that fired, highest weight first: counter-evidence (rules of "
        "another label, and rules whose learned weight is zero or negative: in context they argue "
        "against their label) and, on a credible or boilerplate paragraph, the rules of its own label "
        "(no flag: they raise no doubt). Shown only on request (`detector score --verbose`, a closed "
        "disclosure in the review report); empty in reports older than this field.",
    )

    @property
    def needs_review(self) -> bool:
        """A spam label or a doubtful credibility (:func:`detector.labels.needs_review`)."""
        return needs_review(self.label, self.credibility)


class Section(BaseModel):
    """A run of paragraphs that belong together: the article body, an FAQ block, an author card ..."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    kind: str = Field(
        description="What the page's structure says the section is: article, faq, author, promo, "
        "comments, live, related, navigation, footer, sidebar or header (from its markup), card (a run "
        "of 'Label: value' lines), or body (paragraphs nothing marks)."
    )
    label: Label = Field(
        description="The section's label: its most frequent spam label when spam paragraphs make at least "
        "half of its text that is not boilerplate, else credible; boilerplate when all of it is."
    )
    credibility: float | None = Field(
        ge=0,
        le=1,
        description="Length-weighted mean credibility of its paragraphs that are not boilerplate; null "
        "for a boilerplate section, which counts neither for nor against the page.",
    )
    paragraphs: list[int] = Field(description="Indices of its paragraphs, in page order.")
    reasons: list[str] = Field(description="What made it a section, and what its paragraphs are.")


class ModelInfo(BaseModel):
    """Which model produced the report."""

    model_config = ConfigDict(extra="forbid")

    name: str
    version: str
    sha256: str = Field(description="sha256 of the model's joblib file.")
    digest: str = Field(
        default="",
        description="sha256 covering the joblib file and every field of its sidecar "
        "(thresholds, version...); empty in reports older than it.",
    )
    official: bool = Field(
        default=False,
        description="True only for a shipped model (its digest is pinned in the "
        "package); false for a custom model loaded with "
        "--trust-model, and in reports older than this field.",
    )

    def display_version(self) -> str:
        """The version as every human-facing view shows it: marked when the model is not a shipped one."""
        return self.version if self.official else f"{self.version} (unofficial model)"


class ErrorInfo(BaseModel):
    """Why a page could not be scored."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="The exception class, e.g. BinaryInputError.")
    message: str


class Discount(BaseModel):
    """Why the page's credibility is lower than its paragraphs' own: the register it is written in."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(description="A sentence a moderator can read.")
    cues_per_sentence: float = Field(
        ge=0,
        description="Rumour-register cues (weasel attributions, gossip words, "
        "exclamation marks) per sentence of the page.",
    )
    share: float = Field(ge=0, le=1, description="The share of the paragraphs' credibility the page lost.")
    paragraphs_credibility: float = Field(ge=0, le=1, description="The page credibility before the discount.")
    evidence: list[str] = Field(
        description="The cues found, most frequent first (at most 8), with their counts."
    )


class PageSignal(BaseModel):
    """An SEO-spam technique the page shows as a whole (not a paragraph's label), with its evidence."""

    model_config = ConfigDict(extra="forbid")

    name: Literal["hidden_text", "keyword_stuffing"] = Field(
        description="hidden_text: text hidden from readers (CSS, the hidden attribute) that carries a keyword "
        "list, links to other sites or a large amount of text; keyword_stuffing: a term repeated far beyond "
        "what the page's prose supports, or a long list of keywords."
    )
    reason: str = Field(description="A sentence a moderator can read, with what the signal cost the page.")
    evidence: str = Field(
        max_length=240,
        description="A short excerpt: the hidden keywords or links, or the stuffed term and its count.",
    )
    penalty: float = Field(
        ge=0,
        le=1,
        description="The share of the page's credibility this signal took away (see `credibility`).",
    )


class PageReport(BaseModel):
    """Credibility of a page, paragraph by paragraph, with the reasons."""

    model_config = ConfigDict(extra="forbid")

    source: str
    sha256: str | None = Field(
        default=None,
        description="SHA-256 of the input bytes (UTF-8 for text input); null "
        "when the input could not be read.",
    )
    title: str | None
    credibility: float | None = Field(
        ge=0,
        le=1,
        description="Length-weighted mean credibility of the paragraphs that are not boilerplate, lowered by "
        "the `discount` and by each of the `signals`; null when the page could not be scored (`error` is set).",
    )
    verdict: Verdict | None = Field(
        description="credible, suspicious or spam; null when the page could not be scored (`error` is set): "
        "an unreadable page is no evidence about its content, so it gets no verdict (shown as 'not scored'); "
        "null too for a page in a language the model was not trained for (`not_assessed`)."
    )
    counts: dict[Label, int] = Field(description="Paragraphs per label.")
    discount: Discount | None = Field(
        default=None,
        description="Set when the page's register lowered its credibility below its paragraphs' own.",
    )
    signals: list[PageSignal] = Field(
        default_factory=list,
        description="SEO-spam techniques the page shows as a whole (hidden text, keyword stuffing), each with its "
        "evidence and the share of credibility it cost; empty when it shows none, for a page that could "
        "not be scored, and in reports older than this field. Never a paragraph's label.",
    )
    paragraphs: list[Paragraph]
    sections: list[Section] = Field(
        default_factory=list,
        description="The paragraphs grouped by the page's structure; empty for a page that could not be scored.",
    )
    model: ModelInfo
    error: ErrorInfo | None = Field(
        default=None,
        description="Why the page could not be scored (empty, binary, unreadable ...); then `verdict` and "
        "`credibility` are null and there are no paragraphs.",
    )
    truncated: str | None = Field(
        default=None,
        description="Set when the page was over a limit of what one page "
        "may cost and was cut short: which limit, its value and how to raise it. The "
        "paragraphs cover the page up to the cut.",
    )
    language: str | None = Field(
        default=None,
        description="The language the page is written in (ISO 639-1 code, e.g. en, de), as detected or as "
        "given (`--language`); null when there is too little text to tell, when the page could not be "
        "scored, and in reports older than this field.",
    )
    not_assessed: str | None = Field(
        default=None,
        description="Set when the page is in a language the model was not trained for: why it was not "
        "assessed (e.g. 'not assessed for language de: the rules and the model read English'). "
        "Then `verdict` and `credibility` are null and there are no paragraphs: guessing would be "
        "worse than saying so. `--language en` scores such a page anyway.",
    )

    @property
    def scored(self) -> bool:
        """Whether the page was scored: false for a report with ``error`` (its verdict and credibility are
        null; reports written before they were had ``suspicious`` and 0.0, which mean nothing either) and
        for a page in a language the model was not trained for (``not_assessed``)."""
        return self.error is None and self.not_assessed is None

    @property
    def outcome(self) -> str:
        """What every human-facing view shows for the page: its verdict, "not scored" (``error``) or
        "not assessed (de)" (``not_assessed``)."""
        if self.not_assessed is not None:
            return f"{NOT_ASSESSED} ({self.language})"
        return self.verdict if self.scored and self.verdict is not None else NOT_SCORED


def text_sha256(text: str) -> str:
    """SHA-256 hex digest of a paragraph's text encoded as UTF-8: how review decisions name a paragraph."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_schema() -> dict:
    """The JSON Schema of :class:`PageReport` as generated from the model."""
    return PageReport.model_json_schema()


def published_schema() -> dict:
    """The JSON Schema shipped in the package (``detector/report/report.schema.json``)."""
    return json.loads(
        resources.files("detector.report").joinpath("report.schema.json").read_text(encoding="utf-8")
    )
