"""Crawl-scale benchmark: a synthetic WARC audited on a dask ``LocalCluster``, every record accounted for.

    python -m detector.benchmarks.crawl [--records 100000] [--workers 2] [--sample 5000] [--keep DIR]

1. **A synthetic crawl** is written as one gzipped WARC (record by record, as crawlers write): pages made
   of paragraphs drawn at random from the seed pages (and from ``../shared/corpora/news-pages`` when it
   is there), each with its own site's furniture; **planted duplicate groups** (a page copied to two to
   five other hosts, a paragraph of furniture changed, as a content farm copies an article); **planted
   templates** (other articles, each padded with a spam section from one of :data:`TEMPLATES`, with its
   own names and numbers, as a farm fills one bio card or FAQ block on every page); and the records a
   crawl holds besides pages: requests, images, redirects, 404 pages, plain-text pages, a few corrupt
   records and a truncated last record.
2. **The audit** of the whole WARC on a dask ``LocalCluster`` of ``--workers`` processes: prints records,
   rows, skipped records by reason and whether rows + skipped = records; pages/s; the peak RSS of this
   process and of each dask worker (target: at most 400 MB each).
3. **The same rows**: the first ``--sample`` records audited locally and on the cluster, compared byte
   for byte.
4. **Near duplicates and templates**: the audit's cross-page clusters against the planted duplicate
   groups, and its repeated templates against the pages of each planted template: pairwise precision
   and recall (target: both at least 0.95).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ._memory import peak_rss_bytes

TARGET_RSS_MB = 400
TARGET_CLUSTERS = 0.95
_PARAGRAPH = re.compile(rb"<p[^>]*>(.{80,1200}?)</p>", re.S)
_TAG = re.compile(r"<[^>]{0,300}>")


def paragraph_pool(limit: int = 60_000) -> tuple[list[str], list[str]]:
    """Paragraphs to build pages from: the seed pages' (and the news pages' when present), and the reasons
    a source was skipped."""
    pool, skipped = [], []
    sources = [CHECKOUT / "seeds" / "pages", DEFAULT_CORPORA / "news-pages"]
    for folder in sources:
        if not folder.is_dir():
            skipped.append(f"{folder} not found, skipped")
            continue
        for path in sorted(folder.rglob("*.htm*")):
            for match in _PARAGRAPH.finditer(path.read_bytes()[:2_000_000]):
                text = _TAG.sub("", match.group(1).decode("utf-8", "replace")).strip()
                if len(text.split()) >= 12:
                    pool.append(" ".join(text.split()))
            if len(pool) >= limit:
                break
    return list(dict.fromkeys(pool)), skipped


#: Spam sections a content farm fills in on every page (a fabricated author card, a Faker profile, a
#: "People also ask" block about a namesake, a byline of fake engagement), each filled with other names and
#: numbers per page: what the audit's repeated templates should find.
TEMPLATES = (
    "<aside class='author-box'><h4>About {name}</h4><p>{name} is a {a1}, {a2} and endlessly {a3} {job} who "
    "has been writing about everything under the sun for {n1} years.</p><p>{n2} articles · {n3}K followers · "
    "{n4}% of readers found this helpful</p><p>Verified Expert™, member since {year}</p></aside>",
    "<div class='profile'><p>Name: {name}</p><p>Birthday: {month} {day}, {year}</p><p>Address: {n1} {street} "
    "Street, {town}</p><p>Phone: +1-555-{n2}-{n4}</p><p>Job: {job}</p><p>Hobby: {hobby}</p><p>Introduction: My "
    "name is {name}, I am a {a1}, {a2}, {a3} person who loves sharing what I know with you.</p></div>",
    "<section class='faq'><h2>People also ask</h2><h3>Who is {name}?</h3><p>{name} is a {job} best known for a "
    "career spanning {n1} years and {n2} published works.</p><h3>How old is {name}?</h3><p>{name} was born on "
    "{month} {day}, {year}, which makes them {n3} years old today.</p><h3>What is the net worth of {name}?"
    "</h3><p>The net worth of {name} is estimated at {n4} million dollars by several celebrity sites.</p>"
    "<h3>Is {name} married?</h3><p>{name} prefers to keep their love life private and rarely talks about "
    "relationships in interviews.</p></section>",
    "<div class='byline'><p>By {name}, Senior {job} and Certified Trend Analyst</p><p>{n1}K views · {n2} "
    "shares · {n3} comments · rated {n4} out of 5 by readers</p><p>{name} has helped more than {n2},000 "
    "readers make smarter choices and is known as the most {a1} and {a2} voice on the web.</p></div>",
)
_FILL = {
    "a": (
        "zany",
        "warm",
        "courageous",
        "witty",
        "fearless",
        "curious",
        "tireless",
        "charming",
        "bold",
        "upbeat",
    ),
    "job": ("lifestyle blogger", "content strategist", "wellness coach", "tech enthusiast", "travel writer"),
    "month": ("January", "March", "May", "July", "September", "November"),
    "street": ("Maple", "Harbor", "Willow", "Cedar", "Lakeview", "Orchard"),
    "town": ("Port Ellen", "New Castor", "Brightwater", "Millbrook", "Easton Vale"),
    "hobby": ("Baking", "Kayaking", "Chess", "Gardening", "Photography", "Origami"),
}


def _name(rng: random.Random) -> str:
    syllables = ("ka", "ren", "mo", "li", "sa", "dor", "vel", "tan", "ri", "bel", "on", "mar", "is", "ta")
    return " ".join(
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2)
    )


def fill_template(rng: random.Random, which: int) -> str:
    """One page's copy of template ``which``: its own names, places, dates and numbers. The template's
    wording (its adjectives and job title) is the farm's own, the same on every page."""
    wording = random.Random(which)
    a1, a2, a3 = wording.sample(_FILL["a"], 3)
    return TEMPLATES[which].format(
        name=_name(rng),
        a1=a1,
        a2=a2,
        a3=a3,
        job=wording.choice(_FILL["job"]),
        month=rng.choice(_FILL["month"]),
        day=rng.randint(1, 28),
        year=rng.randint(1960, 2004),
        street=rng.choice(_FILL["street"]),
        town=rng.choice(_FILL["town"]),
        hobby=rng.choice(_FILL["hobby"]),
        n1=rng.randint(2, 99),
        n2=rng.randint(10, 999),
        n3=rng.randint(10, 99),
        n4=rng.randint(10, 99),
    )


def _page(rng: random.Random, paragraphs: list[str], host: str, extra: str = "") -> bytes:
    nav = " | ".join(rng.sample(["Home", "News", "Sport", "Money", "Travel", "Deals", "Weather", "Login"], 5))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{paragraphs[0][:70]}</title></head><body>"
        f"<nav>{host} {nav}</nav><article><h1>{paragraphs[0][:70]}</h1>{body}</article>{extra}"
        f"<footer>© {host}</footer></body></html>"
    ).encode()


def write_crawl(path: Path, records: int, pool: list[str], seed: int = 7) -> dict:
    """Write the synthetic WARC; return what was planted: ``groups`` (lists of target URIs of the same
    page), ``templates`` (for each of :data:`TEMPLATES`, the target URIs of the pages that carry it) and
    ``kinds`` (records of each kind)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    kinds: dict[str, int] = {}
    groups: list[list[str]] = []
    templates: list[list[str]] = [[] for _ in TEMPLATES]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        n = 0
        while n < records - 1:
            kind = rng.choices(
                ["page", "copies", "template", "request", "image", "redirect", "missing", "text", "corrupt"],
                [56, 6, 4, 12, 8, 5, 4, 3, 2],
            )[0]
            host = f"site{rng.randrange(2000)}.example"
            uri = f"https://{host}/{n}"
            if kind in ("page", "copies"):
                paragraphs = rng.sample(pool, 12)
                response(uri, _page(rng, paragraphs, host), "text/html; charset=utf-8")
                if kind == "copies":
                    group = [uri]
                    for k in range(rng.randint(2, 5)):
                        if n + 1 + len(group) >= records - 1:
                            break
                        copy_host = f"farm{rng.randrange(500)}.example"
                        copy = [*paragraphs[:-1], rng.choice(pool)] if k % 2 else paragraphs
                        copy_uri = f"https://{copy_host}/copied/{n}-{k}"
                        response(copy_uri, _page(rng, copy, copy_host), "text/html")
                        group.append(copy_uri)
                    groups.append(group)
                    kinds["page"] = kinds.get("page", 0) + len(group)
                    n += len(group)
                    continue
            elif kind == "template":
                which = rng.randrange(len(TEMPLATES))
                extra = fill_template(rng, which)
                response(uri, _page(rng, rng.sample(pool, 10), host, extra), "text/html; charset=utf-8")
                templates[which].append(uri)
                kinds["page"] = kinds.get("page", 0) + 1
                n += 1
                continue
            elif kind == "request":
                writer.write_record(
                    writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                )
            elif kind == "image":
                response(uri + ".png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(200), "image/png")
            elif kind == "redirect":
                response(uri, b"", "text/html", "301 Moved Permanently")
            elif kind == "missing":
                response(uri, b"<p>Not found</p>", "text/html", "404 Not Found")
            elif kind == "text":
                response(uri + ".txt", "\n".join(rng.sample(pool, 8)).encode(), "text/plain; charset=utf-8")
            else:  # a gzip member holding no WARC record: a corrupt record, which gets an error row
                fh.write(gzip.compress(b"\x00\x01 not a WARC header\r\n\r\n" + rng.randbytes(64)))
            kinds[kind] = kinds.get(kind, 0) + 1
            n += 1
        # the last record cut short, as a crawl killed mid-write leaves it
        buffer = io.BytesIO()
        last = WARCWriter(buffer, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = _page(rng, rng.sample(pool, 12), "last.example")
        last.write_record(
            last.create_warc_record(
                "https://last.example/", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
        fh.write(buffer.getvalue()[:-120])
        kinds["truncated"] = 1
    return {"groups": groups, "templates": [uris for uris in templates if len(uris) > 1], "kinds": kinds}


def cluster_scores(clusters: list[list[str]], groups: list[list[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of ``clusters`` (lists of sources) against the planted ``groups``
    (both disjoint): pairs counted from the overlap of each cluster with each group, never listed, since
    a template on a thousand pages makes half a million pairs."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    group_of = {uri: g for g, members in enumerate(groups) for uri in members}
    found = together = 0
    for cluster in clusters:
        members = {source.split(" ", 1)[0] for source in cluster}
        found += pairs(len(members))
        overlap = Counter(group_of[uri] for uri in members if uri in group_of)
        together += sum(pairs(n) for n in overlap.values())
    planted = sum(pairs(len(set(members))) for members in groups)
    return (together / found if found else 1.0), (together / planted if planted else 1.0)


def _worker_peak() -> int:
    from detector.benchmarks._memory import peak_rss_bytes as peak

    return peak()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=5_000)
    parser.add_argument(
        "--keep", type=Path, default=None, help="write the WARC and the rows here, and keep them"
    )
    args = parser.parse_args(argv)

    from detector.audit.crosspage import analyse_file
    from detector.audit.dask_backend import dask_client
    from detector.audit.local import AuditOptions, run_audit

    pool, skipped = paragraph_pool()
    for reason in skipped:
        print(f"paragraphs: {reason}")
    print(f"paragraph pool: {len(pool):,}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="crawl-"))
    folder.mkdir(parents=True, exist_ok=True)
    crawl, sample = folder / "crawl.warc.gz", folder / "sample.warc.gz"
    planted = write_crawl(crawl, args.records, pool)
    write_crawl(sample, min(args.sample, args.records), pool, seed=11)
    print(f"wrote {crawl} ({crawl.stat().st_size / 1e6:.1f} MB): {json.dumps(planted['kinds'])}")
    failed = False
    # the local cluster `detector audit --backend dask --workers N` starts, connected to here to read
    # its workers' peak RSS
    with dask_client(None, args.workers) as client:
        options = AuditOptions(backend="dask", scheduler=client.scheduler.address)
        started = time.perf_counter()
        summary = run_audit([crawl], folder / "rows.jsonl", options)
        elapsed = time.perf_counter() - started
        skipped_records = sum(n for reason, n in summary.skipped.items())
        accounted = summary.pages + skipped_records == summary.archive_records == args.records
        print(
            f"records {summary.archive_records:,}: rows {summary.pages:,} + skipped {skipped_records:,} "
            f"({'PASS' if accounted else 'FAIL'}: every record accounted for)"
        )
        for reason, n in sorted(summary.skipped.items()):
            print(f"  skipped: {reason}: {n:,}")
        print(f"  errors: {dict(summary.errors)}")
        print(
            f"pages/s {summary.pages / elapsed:.1f} ({summary.pages:,} rows in {elapsed:.0f} s, start-up included)"
        )
        peaks = [peak_rss_bytes(), *client.run(_worker_peak).values()]
        for name, peak in zip(["this process", *(f"worker {i}" for i in range(len(peaks) - 1))], peaks):
            ok = peak <= TARGET_RSS_MB * 1e6
            failed |= not ok
            print(f"peak RSS {name}: {peak / 1e6:.0f} MB ({'PASS' if ok else 'FAIL'}: <= {TARGET_RSS_MB} MB)")
        failed |= not accounted
        run_audit([sample], folder / "sample-dask.jsonl", options)
        run_audit([sample], folder / "sample-local.jsonl", AuditOptions(workers=1))
        same = (folder / "sample-dask.jsonl").read_bytes() == (folder / "sample-local.jsonl").read_bytes()
        failed |= not same
        print(
            f"sample of {min(args.sample, args.records):,} records: the same rows locally and on dask: {'PASS' if same else 'FAIL'}"
        )
    started = time.process_time()
    result = analyse_file(folder / "rows.jsonl")
    print(f"cross-page analysis of the rows: {time.process_time() - started:.0f} s of CPU (in this process)")
    precision, recall = cluster_scores([c.pages for c in result.clusters], planted["groups"])
    ok = precision >= TARGET_CLUSTERS and recall >= TARGET_CLUSTERS
    failed |= not ok
    print(
        f"near-duplicate clusters {len(result.clusters):,} (planted groups {len(planted['groups']):,}): "
        f"pairwise precision {precision:.3f}, recall {recall:.3f} ({'PASS' if ok else 'FAIL'}: >= {TARGET_CLUSTERS})"
    )
    found_templates = [[m["page"] for m in t.members] for t in result.templates]
    precision, recall = cluster_scores(found_templates, planted["templates"])
    ok = precision >= TARGET_CLUSTERS and recall >= TARGET_CLUSTERS
    failed |= not ok
    print(
        f"repeated templates {len(result.templates):,} (planted {len(planted['templates']):,}, on "
        f"{sum(map(len, planted['templates'])):,} pages): pairwise precision {precision:.3f}, recall "
        f"{recall:.3f} ({'PASS' if ok else 'FAIL'}: >= {TARGET_CLUSTERS})"
    )
    for template in result.templates[: len(planted["templates"])]:  # the largest: the planted ones
        print(
            f"  {template.label} {template.kind} on {template.pages:,} pages, flagged on {template.flagged:,} "
            f"(the rest read otherwise by the model)"
        )
    print(f"files in {folder}" if args.keep else f"(temporary files in {folder})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
