"""A page's sections as the report shows them: each with its label, credibility and reasons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..labels import LABEL_WORDING, SPAM_LABELS, Label
from ..page.structure import Section as PageSection
from .schema import Paragraph, Section

#: The share of a section's text (boilerplate left out) that spam paragraphs must reach for the
#: section to take a spam label.
SPAM_SHARE = 0.5


def summarise_sections(sections: Sequence[PageSection], paragraphs: Sequence[Paragraph]) -> list[Section]:
    """The report's sections: each page section with the label and credibility of its paragraphs."""
    found = []
    for section in sections:
        members = [paragraphs[i] for i in section.blocks]
        weight: Counter[str] = Counter()
        for p in members:
            weight[p.label] += len(p.text)
        assessed = [p for p in members if p.label != "boilerplate"]
        total = sum(len(p.text) for p in assessed)
        spam = sum(weight[label] for label in SPAM_LABELS)
        label: Label
        if not assessed:
            label, credibility = "boilerplate", None
        else:
            credibility = round(sum(p.credibility * len(p.text) for p in assessed) / max(total, 1), 4)
            if spam and spam >= SPAM_SHARE * total:
                label = max(SPAM_LABELS, key=lambda name: (weight[name], -SPAM_LABELS.index(name)))
            else:
                label = "credible"
        counts = Counter(p.label for p in members)
        reasons = list(section.evidence)
        reasons.extend(
            f"{n} of {len(members)} paragraphs: {LABEL_WORDING[name].title}"
            for name, n in counts.most_common()
        )
        found.append(
            Section(
                index=section.index,
                kind=section.kind,
                label=label,
                credibility=credibility,
                paragraphs=[p.index for p in members],
                reasons=reasons,
            )
        )
    return found
