"""An audit's cross-page signals: a scraped copy and its source found as near duplicates (and a distinct page
not), the estimate near the true similarity, sites rolled up by host, and the side file written by the CLI."""

import json
import random

from click.testing import CliRunner

from detector.audit.crosspage import FILES, analyse, analyse_file, shingles, site_of
from detector.audit.local import run_audit
from detector.cli import main

from .conftest import SEEDS

WORDS = [
    "harbour",
    "council",
    "ferry",
    "island",
    "tide",
    "vessel",
    "crew",
    "rescue",
    "fog",
    "channel",
    "hull",
    "breach",
    "salvage",
    "pilot",
]


def article(seed: int, n: int = 12) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(n)]


def row(source: str, paragraphs: list[str], verdict="credible", credibility=0.9, counts=None, boiler=()):
    paras = [{"text": t, "label": "credible"} for t in paragraphs] + [
        {"text": t, "label": "boilerplate"} for t in boiler
    ]
    return {
        "source": source,
        "verdict": verdict,
        "credibility": credibility,
        "counts": counts or {},
        "paragraphs": paras,
    }


def test_a_copy_with_other_furniture_is_a_near_duplicate_and_a_distinct_page_is_not():
    source = article(1)
    copy = source[:-1] + ["a paragraph the farm added about something else entirely and nothing more"]
    rows = [
        row("https://news.example/story", source, boiler=["Home | News | Sport"]),
        row(
            "https://farm-one.example/copied",
            copy,
            "spam",
            0.3,
            {"off_topic": 2},
            boiler=["Deals | Coupons | Login"],
        ),
        row("https://other.example/story", article(2)),
        row("https://farm-two.example/copied-again", source, "spam", 0.2, {"off_topic": 1}),
    ]
    result = analyse(rows)
    assert result.pages == 4 and result.compared == 4
    (cluster,) = result.clusters
    assert cluster.pages == [
        "https://news.example/story",
        "https://farm-one.example/copied",
        "https://farm-two.example/copied-again",
    ]
    true = len(shingles(source) & shingles(copy)) / len(shingles(source) | shingles(copy))
    assert abs(cluster.min_similarity - true) < 0.15 and cluster.mean_similarity >= cluster.min_similarity


def test_sites_are_rolled_up_by_host():
    rows = [
        row("https://farm.example/a <urn:uuid:1>", ["x"], "spam", 0.2, {"scraped_faq": 3, "off_topic": 1}),
        row("https://farm.example/b <urn:uuid:2>", ["y"], "suspicious", 0.4, {"off_topic": 5}),
        {
            "source": "https://farm.example/c",
            "verdict": None,
            "credibility": None,
            "error": {"type": "FetchError"},
        },
        row("pages/local.html", ["z"]),
    ]
    result = analyse(rows)
    farm = next(site for site in result.sites if site.host == "farm.example")
    assert (farm.pages, farm.not_scored, farm.verdicts) == (3, 1, {"spam": 1, "suspicious": 1})
    assert farm.mean_credibility == 0.3 and farm.top_spam_labels == ["off_topic", "scraped_faq"]
    assert [site.host for site in result.sites] == ["farm.example", FILES]
    assert site_of("not a url") == FILES and site_of("http://[bad") == FILES
    assert (
        site_of("https://www.farm.example/a <urn:uuid:1>")
        == site_of("http://farm.example/b")
        == "farm.example"
    )


def test_the_audit_writes_its_cross_page_signals_beside_its_rows(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    seed = sorted((SEEDS / "pages" / "a").glob("*.html"))[0]
    (pages / "original.html").write_bytes(seed.read_bytes())
    (pages / "copy.html").write_bytes(seed.read_bytes().replace(b"<body", b"<body data-farm='1'", 1))
    (pages / "other.html").write_bytes(sorted((SEEDS / "pages" / "b").glob("*.html"))[0].read_bytes())
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["audit", str(pages), "--out", str(out)])
    assert result.exit_code == 0, result.output
    side = json.loads((tmp_path / "results.crosspage.json").read_text("utf-8"))
    assert [sorted(c["pages"]) for c in side["clusters"]] == [
        sorted([str(pages / "copy.html"), str(pages / "original.html")])
    ]
    assert "Near-duplicate pages: 1 clusters" in result.output
    assert analyse_file(out).clusters[0].min_similarity > 0.9
    run_audit([pages], tmp_path / "again.jsonl")  # the library's audit writes no side file of its own
    assert not (tmp_path / "again.crosspage.json").exists()


def bio_card(name: str, born: str, phone: str, hobby: str) -> list[str]:
    return [
        f"Name: {name}",
        f"Birthday: {born}",
        f"Phone: {phone}",
        f"Hobby: {hobby}, reading and travel",
        f"Introduction: My name is {name}, I am a witty, gifted and cheerful person who loves writing and "
        "wants to share my knowledge and understanding with you.",
    ]


def page_with(source: str, article_seed: int, sections: list[tuple[str, str, list[str]]]) -> dict:
    """A report row whose article is ``article(article_seed)`` and then ``sections`` (kind, label, texts)."""
    texts = article(article_seed, 6)
    paragraphs = [{"index": i, "text": t, "label": "credible"} for i, t in enumerate(texts)]
    report_sections = [
        {"index": 0, "kind": "article", "label": "credible", "paragraphs": list(range(len(texts)))}
    ]
    for kind, label, lines in sections:
        start = len(paragraphs)
        paragraphs += [{"index": start + k, "text": t, "label": label} for k, t in enumerate(lines)]
        report_sections.append(
            {
                "index": len(report_sections),
                "kind": kind,
                "label": label,
                "paragraphs": list(range(start, len(paragraphs))),
            }
        )
    return {
        "source": source,
        "verdict": "spam",
        "credibility": 0.3,
        "counts": {},
        "paragraphs": paragraphs,
        "sections": report_sections,
    }


def test_one_bio_template_with_other_names_and_numbers_is_found_across_pages_and_other_sections_are_not():
    faq = [
        "People also ask",
        "Is the ferry safe?",
        "Yes, the harbour council says the hull was repaired last week.",
    ]
    rows = [
        page_with(
            "https://a.example/1",
            1,
            [
                (
                    "author",
                    "fabricated_author_bio",
                    bio_card("Kieth Sipes", "1970-03-02", "555-0199", "Fishing"),
                )
            ],
        ),
        page_with(
            "https://b.example/2",
            2,
            [
                (
                    "author",
                    "fabricated_author_bio",
                    bio_card("Maeve Dowd", "1988-11-23", "020 7946 0018", "Archery"),
                )
            ],
        ),
        page_with("https://c.example/3", 3, [("faq", "scraped_faq", faq)]),
        page_with(
            "https://d.example/4",
            4,
            [
                (
                    "author",
                    "fabricated_author_bio",
                    bio_card("Ola Nordmann", "1965-07-14", "+47 22 12 34 56", "Skiing"),
                )
            ],
        ),
        # a credible section of another kind never joins a template, however alike (an article's copies
        # are near duplicates)
        page_with(
            "https://e.example/5", 5, [("body", "credible", bio_card("Ann Lee", "1990-01-01", "1", "Golf"))]
        ),
        # the same card where the model let it through: an author section, so compared whatever its label
        page_with(
            "https://f.example/6",
            6,
            [("author", "credible", bio_card("Tove Lind", "1979-05-30", "555-0142", "Sailing"))],
        ),
    ]
    result = analyse(rows)
    (template,) = result.templates
    assert (template.kind, template.label, template.pages, template.flagged) == (
        "author",
        "fabricated_author_bio",
        4,
        3,
    )
    assert [m["page"] for m in template.members] == [
        "https://a.example/1",
        "https://b.example/2",
        "https://d.example/4",
        "https://f.example/6",
    ]
    assert all(m["section"] == 1 for m in template.members)
    assert template.min_similarity >= 0.7 and "Kieth" not in template.shape and "N N" in template.shape
    assert result.clusters == []  # the articles differ: no page is a near duplicate of another


def test_a_shape_repeated_across_pages_but_flagged_on_none_is_not_a_template():
    rows = [
        page_with(
            f"https://{host}.example/{i}", i, [("author", "credible", bio_card(name, born, "1", "Golf"))]
        )
        for i, (host, name, born) in enumerate(
            [("a", "Ann Lee", "1990-01-01"), ("b", "Bo Ek", "1981-02-03"), ("c", "Cy Ho", "1972-04-05")],
            start=1,
        )
    ]
    assert analyse(rows).templates == []
    rows[1]["sections"][1]["label"] = "fabricated_author_bio"
    (template,) = analyse(rows).templates
    assert (template.pages, template.flagged, template.label) == (3, 1, "fabricated_author_bio")


def test_a_block_repeated_on_one_page_only_is_not_a_template():
    card = bio_card("Kieth Sipes", "1970-03-02", "555-0199", "Fishing")
    rows = [page_with("https://a.example/1", 1, [("author", "fabricated_author_bio", card)] * 2)]
    assert analyse(rows).templates == []


def test_a_side_file_gives_its_templates_by_member_and_a_bad_one_gives_none(tmp_path, monkeypatch):
    from detector.audit import crosspage
    from detector.audit.crosspage import side_file, template_members

    rows = [
        page_with(
            f"https://{host}.example/{i}",
            i,
            [("author", "fabricated_author_bio", bio_card(name, born, phone, hobby))],
        )
        for i, (host, name, born, phone, hobby) in enumerate(
            [
                ("a", "Kieth Sipes", "1970-03-02", "555-0199", "Fishing"),
                ("b", "Maeve Dowd", "1988-11-23", "020 7946 0018", "Archery"),
                ("c", "Ola Nordmann", "1965-07-14", "+47 22 12 34 56", "Skiing"),
            ],
            start=1,
        )
    ]
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    side = side_file(results)
    assert side.name == "results.crosspage.json"
    analyse_file(results, side)
    assert template_members(side) == {
        "https://a.example/1": {1: (1, 3, 3)},
        "https://b.example/2": {1: (1, 3, 3)},
        "https://c.example/3": {1: (1, 3, 3)},
    }
    older = json.loads(side.read_text(encoding="utf-8"))  # before `flagged`: templates of spam sections only
    for template in older["templates"]:
        template["pages"], template["flagged"] = 4, "many"
    side.write_text(json.dumps(older), encoding="utf-8")
    assert template_members(side)["https://a.example/1"] == {1: (1, 4, 4)}  # a bad count: the pages
    for template in older["templates"]:
        del template["flagged"]
    side.write_text(json.dumps(older), encoding="utf-8")
    assert template_members(side)["https://a.example/1"] == {1: (1, 4, 4)}  # absent: every page
    monkeypatch.setattr(crosspage, "_MAX_SIDE_FILE_BYTES", side.stat().st_size - 1)
    assert template_members(side) == {}  # too large to parse whole: not read
    monkeypatch.undo()
    for bad in ("", "[]", '{"templates": 5}', '{"templates": [{"members": [{"page": 1, "section": true}]}]}'):
        side.write_text(bad, encoding="utf-8")
        assert template_members(side) == {}
    assert template_members(tmp_path / "absent.json") == {}


def test_the_terminal_says_on_how_many_pages_a_template_was_flagged():
    from rich.console import Console

    from detector.terminal import render_cross_page

    rows = [
        page_with(f"https://{host}.example/{i}", i, [("author", label, bio_card(name, born, "1", "Golf"))])
        for i, (host, name, born, label) in enumerate(
            [
                ("a", "Ann Lee", "1990-01-01", "fabricated_author_bio"),
                ("b", "Bo Ek", "1981-02-03", "credible"),
                ("c", "Cy Ho", "1972-04-05", "fabricated_author_bio"),
            ],
            start=1,
        )
    ]
    terminal = Console(width=200, record=True)
    terminal.print(render_cross_page(analyse(rows), "results.crosspage.json"))
    assert "fabricated_author_bio author on 3 pages (flagged on 2)" in terminal.export_text()
