"""What an audit shows across its pages: near-duplicate pages, and a roll-up by site.

Content farms show themselves across pages: one scraped article on many sites, the same page under many
URLs. :func:`analyse` reads an audit's JSONL rows once, in order, and finds

- **near-duplicate pages**: pages whose main content (every paragraph not labelled boilerplate, as word
  5-gram shingles) is mostly the same (an estimated Jaccard similarity of at least :data:`THRESHOLD`:
  a copy with a paragraph or two changed, other furniture, another title), by MinHash signatures and
  locality-sensitive hashing (datasketch): clusters, each with the estimated similarity of its pages;
- **repeated templates**: sections whose *shape* repeats across pages: their words with names and numbers
  masked (:func:`shape`), as word 3-gram shingles, at an estimated Jaccard similarity of at least
  :data:`TEMPLATE_THRESHOLD`: the same fabricated-bio template with another name and birthday, the same
  "People also ask" block pasted on many pages. Spam sections of any kind are compared, and so are the
  sections of the kinds farms fill from templates (:data:`TEMPLATE_KINDS`) whatever their label; a
  template holds at least one spam section, and says on how many of its pages it was flagged: the pages
  where the model let a copy of a flagged template through are in it too;
- **sites**: for each host (from a URL or a web archive record's target URI; files are one group),
  the pages, their verdicts, mean credibility and most frequent spam labels.

It holds one small signature per page (``num_perm`` 64-bit values: 1 KB), never the pages' text, so an
audit of 100,000 pages costs about 100 MB here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeGuard

import numpy as np

from ..labels import SPAM_LABELS
from ..page.concealment import url_host
from ..report.output import JsonlFormat

#: Shingle size (words), the least shingles a page needs to be compared, and the similarity a cluster needs.
SHINGLE_WORDS = 5
MIN_SHINGLES = 20
THRESHOLD = 0.6
NUM_PERM = 128
#: Earlier pages a page is compared with, of those LSH finds (one match is enough to join a cluster).
MAX_CANDIDATES = 32
#: Hosts listed in the roll-up (the most pages first); the others are counted together.
MAX_HOSTS = 1000
#: The group of pages that came from files, not from a URL.
FILES = "(files)"
#: Repeated templates: shingle size (words of a section's shape), the least shingles a section needs, the
#: similarity a cluster needs, and the most sections of one page and words of one section read.
TEMPLATE_SHINGLE_WORDS = 3
TEMPLATE_MIN_SHINGLES = 6
TEMPLATE_THRESHOLD = 0.7
#: Section kinds compared whatever their label: where farms paste their templates.
TEMPLATE_KINDS = frozenset({"faq", "author", "promo", "card"})
_MAX_SECTIONS = 20
_MAX_SECTION_WORDS = 2_000
_WORD = re.compile(r"\w+")
#: datasketch's default MinHash scheme, named: a MinHash given its permutations must be told it.
_SCHEME = "affine32"
_MAX_WORDS = 20_000  # a page's first words make its signature: a bounded cost per page


@dataclass
class Cluster:
    """Near-duplicate pages: their sources (in audit order), and the lowest and mean estimated Jaccard
    similarity of the pairs that joined them."""

    pages: list[str]
    min_similarity: float
    mean_similarity: float


@dataclass
class Template:
    """Sections of one shape on several pages: their kind (of the first) and label (the most frequent spam
    label of its sections), each member as ``{"page": source, "section": index}`` in audit order, how
    many pages and on how many of them the section was flagged (labelled spam), the lowest and mean
    estimated similarity of the pairs that joined them, and the shape of the first (names ``N``, numbers
    ``0``)."""

    kind: str
    label: str
    members: list[dict]
    pages: int
    min_similarity: float
    mean_similarity: float
    shape: str
    flagged: int = 0


@dataclass
class Site:
    """One host's pages in the audit."""

    host: str
    pages: int = 0
    not_scored: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    mean_credibility: float | None = None
    top_spam_labels: list[str] = field(default_factory=list)


@dataclass
class CrossPage:
    """The cross-page signals of an audit (see the module's docstring)."""

    pages: int
    compared: int
    clusters: list[Cluster]
    sites: list[Site]
    other_hosts: int = 0
    templates: list[Template] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def site_of(source: str) -> str:
    """The site a page came from: its URL's host, without ``www.`` (a web archive record's ``source`` is
    its URI, a space and its record id), or :data:`FILES`."""
    first = source.split(" ", 1)[0]
    if first[:8].lower().startswith(("http://", "https://")):
        host = url_host(first)
        if host:
            return host[:253]
    return FILES


def shingles(texts: Iterable[str]) -> set[bytes]:
    """The word :data:`SHINGLE_WORDS`-grams of ``texts`` (lower case), at most :data:`_MAX_WORDS` words read."""
    words: list[str] = []
    for text in texts:
        words.extend(_WORD.findall(text.lower())[: _MAX_WORDS - len(words)])
        if len(words) >= _MAX_WORDS:
            break
    return _grams(words, SHINGLE_WORDS)


def _grams(words: list[str], n: int) -> set[bytes]:
    """The word ``n``-grams of ``words``, as bytes (what MinHash hashes)."""
    return {" ".join(words[i : i + n]).encode("utf-8") for i in range(max(0, len(words) - n + 1))}


def shape(texts: Iterable[str]) -> list[str]:
    """A section's words with what a template fills in masked: a capitalised word (a name) is ``N``, a
    number ``0``; the rest lower case. At most :data:`_MAX_SECTION_WORDS` words."""
    words: list[str] = []
    for text in texts:
        for word in _WORD.findall(text)[: _MAX_SECTION_WORDS - len(words)]:
            words.append("0" if word.isdigit() else "N" if word[0].isupper() else word.lower())
        if len(words) >= _MAX_SECTION_WORDS:
            break
    return words


class _Clusters:
    """Union-find over MinHash LSH matches: items join a cluster when one earlier item is similar enough."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        from datasketch import MinHash, MinHashLSH

        self.threshold, self.num_perm = threshold, num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.signatures: dict[int, np.ndarray] = {}  # each item's hash values (num_perm uint64)
        self.parent: dict[int, int] = {}
        self.edges: list[tuple[int, int, float]] = []
        # MinHash(num_perm)'s permutations, drawn once: drawing them for every signature took a fifth of
        # the analysis (the signatures are the same)
        self.permutations: np.ndarray = MinHash(num_perm=num_perm).permutations

    def root(self, i: int) -> int:
        parent = self.parent
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    def add(self, i: int, grams: set[bytes]) -> None:
        from datasketch import MinHash

        signature = MinHash(num_perm=self.num_perm, permutations=self.permutations, scheme=_SCHEME)
        signature.update_batch(list(grams))
        for other in self.lsh.query(signature)[:MAX_CANDIDATES]:  # a page copied 10,000 times: bounded work
            similarity = (
                float(np.count_nonzero(signature.hashvalues == self.signatures[other])) / self.num_perm
            )
            if similarity >= self.threshold:
                self.edges.append((other, i, similarity))
                self.parent[self.root(i)] = self.root(other)
        self.lsh.insert(i, signature)
        self.signatures[i] = signature.hashvalues

    def groups(self) -> list[tuple[list[int], list[float]]]:
        """Each cluster's members (in order) and the similarities of the pairs that joined it."""
        members: dict[int, list[int]] = {}
        for i in sorted({j for edge in self.edges for j in edge[:2]}):
            members.setdefault(self.root(i), []).append(i)
        similarities: dict[int, list[float]] = {}
        for a, _, similarity in self.edges:
            similarities.setdefault(self.root(a), []).append(similarity)
        return [(group, similarities[top]) for top, group in members.items()]


class _Sites:
    def __init__(self) -> None:
        self.pages: Counter = Counter()
        self.not_scored: Counter = Counter()
        self.verdicts: dict[str, Counter] = {}
        self.credibility: dict[str, float] = {}
        self.scored: Counter = Counter()
        self.spam: dict[str, Counter] = {}

    def add(self, row: dict) -> None:
        host = site_of(str(row.get("source", "")))
        self.pages[host] += 1
        verdict, credibility = row.get("verdict"), row.get("credibility")
        if row.get("error") or verdict is None:
            self.not_scored[host] += 1
            return
        self.verdicts.setdefault(host, Counter())[str(verdict)] += 1
        if isinstance(credibility, int | float):
            self.credibility[host] = self.credibility.get(host, 0.0) + float(credibility)
            self.scored[host] += 1
        counts = row.get("counts") or {}
        self.spam.setdefault(host, Counter()).update(
            {label: int(counts.get(label) or 0) for label in SPAM_LABELS if counts.get(label)}
        )

    def result(self) -> tuple[list[Site], int]:
        hosts = [host for host, _ in self.pages.most_common()]
        sites = [
            Site(
                host=host,
                pages=self.pages[host],
                not_scored=self.not_scored[host],
                verdicts=dict(self.verdicts.get(host, {})),
                mean_credibility=round(self.credibility[host] / self.scored[host], 4)
                if self.scored[host]
                else None,
                top_spam_labels=[label for label, _ in self.spam.get(host, Counter()).most_common(3)],
            )
            for host in hosts[:MAX_HOSTS]
        ]
        return sites, max(0, len(hosts) - MAX_HOSTS)


def analyse(rows: Iterable[dict], *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> CrossPage:
    """The cross-page signals of an audit's rows (page reports as dicts, in audit order)."""
    pages = _Clusters(threshold, num_perm)
    templates = _Clusters(TEMPLATE_THRESHOLD, num_perm)
    sources: list[str] = []
    # each section compared: its page, kind, label, index and the start of its shape (bounded: not its text)
    sections: list[tuple[int, str, str, int, str]] = []
    sites = _Sites()
    for i, row in enumerate(rows):
        sources.append(str(row.get("source", "")))
        sites.add(row)
        paragraphs = row.get("paragraphs") or ()
        texts = [p.get("text", "") for p in paragraphs if p.get("label") != "boilerplate"]
        grams = shingles(texts)
        if len(grams) >= MIN_SHINGLES:
            pages.add(i, grams)
        compared = [
            s
            for s in row.get("sections") or ()
            if s.get("label") in SPAM_LABELS
            or (s.get("kind") in TEMPLATE_KINDS and s.get("label") != "boilerplate")
        ][:_MAX_SECTIONS]
        by_index = {p.get("index"): p.get("text", "") for p in paragraphs} if compared else {}
        for section in compared:
            words = shape(by_index.get(k, "") for k in section.get("paragraphs") or ())
            section_grams = _grams(words, TEMPLATE_SHINGLE_WORDS)
            if len(section_grams) >= TEMPLATE_MIN_SHINGLES:
                templates.add(len(sections), section_grams)
                sections.append(
                    (
                        i,
                        str(section.get("kind", "")),
                        str(section.get("label", "")),
                        section.get("index", -1),
                        " ".join(words)[:200],
                    )
                )
    clusters = [
        Cluster(
            pages=[sources[m] for m in members],
            min_similarity=round(min(pair), 3),
            mean_similarity=round(sum(pair) / len(pair), 3),
        )
        for members, pair in pages.groups()
    ]
    clusters.sort(key=lambda c: (-len(c.pages), c.pages[0]))
    found = []
    for members, pair in templates.groups():
        first = sections[members[0]]
        on = {sections[m][0] for m in members}
        spam = [sections[m] for m in members if sections[m][2] in SPAM_LABELS]
        if len(on) < 2 or not spam:  # one page's own repeated block; a shape nobody flagged
            continue
        found.append(
            Template(
                kind=first[1],
                label=Counter(section[2] for section in spam).most_common(1)[0][0],
                members=[{"page": sources[sections[m][0]], "section": sections[m][3]} for m in members],
                pages=len(on),
                min_similarity=round(min(pair), 3),
                mean_similarity=round(sum(pair) / len(pair), 3),
                shape=first[4],
                flagged=len({section[0] for section in spam}),
            )
        )
    found.sort(key=lambda t: (-t.pages, t.members[0]["page"]))
    site_list, other_hosts = sites.result()
    return CrossPage(
        pages=len(sources),
        compared=len(pages.signatures),
        clusters=clusters,
        sites=site_list,
        other_hosts=other_hosts,
        templates=found,
    )


def side_file(results: Path) -> Path:
    """Where an audit's cross-page signals are written beside its JSONL rows: ``results.crosspage.json``."""
    return results.with_name(results.name.removesuffix(".jsonl") + ".crosspage.json")


#: Templates, and members of one, read back from a side file (it may have been edited: bounded all the same).
_MAX_READ_TEMPLATES = 10_000
_MAX_READ_MEMBERS = 100_000
#: A larger side file is not read (the review report then marks no template): it is parsed whole in memory.
_MAX_SIDE_FILE_BYTES = 256 * 2**20


def _is_count(value: object) -> TypeGuard[int]:
    """Whether a value read from JSON is a whole number (``true`` is not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def template_members(path: Path) -> dict[str, dict[int, tuple[int, int, int]]]:
    """The repeated templates of a side file written by :func:`analyse_file`, by member: for each page
    source, each of its sections in a template as ``{section: (template number from 1, pages, pages
    flagged)}`` (a side file from before ``flagged``, whose templates were all of spam sections: every
    page). An absent, unreadable or oversized file has none."""
    try:
        if path.stat().st_size > _MAX_SIDE_FILE_BYTES:
            return {}
        templates = json.loads(path.read_text(encoding="utf-8")).get("templates") or []
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(templates, list):
        return {}
    members: dict[str, dict[int, tuple[int, int, int]]] = {}
    read = 0
    for number, template in enumerate(templates[:_MAX_READ_TEMPLATES], start=1):
        if not isinstance(template, dict) or not isinstance(template.get("members"), list):
            continue
        pages = template.get("pages")
        pages = pages if _is_count(pages) else len(template["members"])
        flagged = template.get("flagged")
        flagged = flagged if _is_count(flagged) else pages
        for member in template["members"][: _MAX_READ_MEMBERS - read]:
            if isinstance(member, dict) and isinstance(member.get("page"), str):
                section = member.get("section")
                if _is_count(section):
                    members.setdefault(member["page"], {})[section] = (number, pages, flagged)
                    read += 1
    return members


def analyse_file(path: Path, out: Path | None = None) -> CrossPage:
    """:func:`analyse` of the audit JSONL at ``path``; written as JSON to ``out`` when given."""
    result = analyse(json.loads(record.text) for record in JsonlFormat().read_records(path))
    if out is not None:
        out.write_text(result.to_json() + "\n", encoding="utf-8")
    return result
