"""The synthetic spam generators: deterministic, varied, and labelled as the label definitions say."""

import random
import re
from collections import Counter

import pytest

from detector.labels import LABELS
from detector.training.corpus import label_files, load_corpus
from detector.training.synth import (
    QA,
    Facts,
    Field,
    Line,
    article_of,
    author_bio,
    call_to_action,
    comment_thread,
    engagement_line,
    entity_kinds,
    faq_section,
    furniture,
    introduction,
    named_source_claim,
    namesake_aside,
    namesake_block,
    namesake_card,
    namesake_pair,
    on_subject_pair,
    page_specs,
    rumour,
    subject_of,
)
from detector.training.synth.bios import fake_person
from detector.training.synth.faq import on_subject_topics
from detector.training.synth.vocabulary import vocabulary

from .conftest import SEEDS

SUBJECT = "Rory Pike"


@pytest.fixture(scope="module")
def corpus_pages():
    return load_corpus(label_files(SEEDS / "pages" / "a"))


def draws(make, n=1000, seed=0):
    rng = random.Random(seed)
    return [make(rng) for _ in range(n)]


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda r: author_bio(r),
        lambda r: rumour(r, SUBJECT),
        lambda r: named_source_claim(r, SUBJECT),
        lambda r: call_to_action(r),
        lambda r: furniture(r, SUBJECT),
        lambda r: faq_section(r, Facts(SUBJECT, ("Rory Pike scored twice in the derby.",))),
    ],
    ids=["bio", "rumour", "named_source", "promo", "furniture", "faq"],
)
def test_same_seed_same_output_other_seed_other_output(make):
    assert draws(make, 20, seed=5) == draws(make, 20, seed=5)
    assert draws(make, 20, seed=5) != draws(make, 20, seed=6)


def test_page_specs_are_deterministic(corpus_pages):
    assert page_specs(corpus_pages, 6, 11) == page_specs(corpus_pages, 6, 11)
    assert page_specs(corpus_pages, 6, 11) != page_specs(corpus_pages, 6, 12)


def test_the_same_seed_gives_the_same_people_on_any_day(monkeypatch):
    # the training corpus must be a function of the repository and the seed: a fake birthday counted from
    # the day the corpus is built made the model's reading of it, and so its check, change every day
    import datetime as real

    import faker.providers.date_time as faker_dates

    def people_on(day: real.date) -> list[dict[str, str]]:
        class Clock(real.datetime):
            @classmethod
            def now(cls, tz=None):
                return cls(day.year, day.month, day.day, 12, tzinfo=tz)

        monkeypatch.setattr(faker_dates, "datetime", Clock)
        return [fake_person(random.Random(k), "en_GB") for k in range(20)]

    assert people_on(real.date(2026, 12, 7)) == people_on(real.date(2031, 6, 30))


# --- fabricated bios -----------------------------------------------------------------------------


def test_bios_carry_their_label_and_vary():
    bios = draws(author_bio, 300)
    assert all(item.label == "fabricated_author_bio" for bio in bios for item in bio.items)
    assert all(bio.heading_label == "fabricated_author_bio" for bio in bios)
    profiles = [bio for bio in bios if any(isinstance(item, Field) for item in bio.items)]
    assert len(profiles) >= 180  # the rest: a personality introduction without profile fields
    names = {
        item.value
        for bio in profiles
        for item in bio.items
        if isinstance(item, Field) and item.itemprop == "name"
    }
    assert len(names) >= 0.95 * len(profiles)
    # field labels and their order vary: the seed's "Name / Birthday / Address" is one layout among many
    layouts = {tuple(item.name for item in bio.items if isinstance(item, Field)) for bio in profiles}
    assert len(layouts) >= 0.8 * len(profiles)
    labels_used = {item.name for bio in bios for item in bio.items if isinstance(item, Field)}
    assert {"Name", "Birthday", "Address", "Phone", "Job"} <= labels_used
    assert len(labels_used) >= 30


def test_every_bio_names_its_person_first_among_fields_or_in_a_shuffled_place():
    for bio in draws(author_bio, 200):
        fields = [i for i in bio.items if isinstance(i, Field)]
        assert not fields or sum(i.itemprop == "name" for i in fields) == 1


def test_faker_locales_vary():
    rng = random.Random(3)
    people = {
        locale: [fake_person(rng, locale) for _ in range(10)] for locale in vocabulary()["bio"]["locales"]
    }
    addresses = {locale: " ".join(p["address"] for p in persons) for locale, persons in people.items()}
    assert re.search(r"straße|str\.|weg\b|allee\b|ring\b", addresses["de_DE"], re.IGNORECASE)
    assert re.search(r"[ąćęłńóśźż]", addresses["pl_PL"] + " ".join(p["name"] for p in people["pl_PL"]))
    assert re.search(r"rue|avenue|boulevard|chemin|place", addresses["fr_FR"], re.IGNORECASE)
    # ja_JP names are romanised, as English-language farms print them
    assert all(p["name"].isascii() for p in people["ja_JP"])
    jobs = {locale: {p["job"] for p in persons} for locale, persons in people.items()}
    assert jobs["de_DE"].isdisjoint(jobs["en_US"])
    # a random draw picks among all locales
    texts = " ".join(i.text for bio in draws(author_bio, 300) for i in bio.items)
    assert re.search(r"[äöüß]", texts) and re.search(r"[ãçõ]", texts) and re.search(r"[łńś]", texts)


def test_introductions_in_the_first_and_the_third_person():
    rng = random.Random(1)
    person = fake_person(rng, "en_US")
    first = {introduction(rng, person, third_person=False) for _ in range(300)}
    third = {introduction(rng, person, third_person=True) for _ in range(300)}
    assert all(re.search(r"\b(I|I'm|My|my|me)\b", text) for text in first)
    assert not any(re.search(r"\b(I|I'm|my)\b", text) for text in third)
    assert all(person["first"] in text for text in third)
    assert len(first) >= 290 and len(third) >= 290
    assert not any(re.search(r"\ba [aeiou]", text) for text in first | third)  # "an enthusiastic"
    adjectives = set(vocabulary()["bio"]["adjectives"]["words"])
    assert all(sum(w.strip(",.:") in adjectives for w in text.split()) >= 3 for text in first | third)


def test_engagement_lines_hold_numbers_and_vary():
    lines = draws(engagement_line)
    assert all(re.search(r"\d", line) for line in lines)
    assert len(set(lines)) >= 900


# --- rumours and named sources -------------------------------------------------------------------


def test_rumours_vary_and_name_no_source():
    texts = draws(lambda r: rumour(r, SUBJECT))
    assert len(set(texts)) >= 950
    table = vocabulary()["rumour"]
    vague = [
        w.split("{")[0].strip().lower() for w in table["subjects_sg"] + table["subjects_pl"] + table["idioms"]
    ]
    vague += table["hedges"] + table["acquaintance_nouns"] + table["acquaintances_pl"]
    vague += [frame.split("{")[0].strip().lower() for frame in table["frames"]]
    assert all(SUBJECT in text for text in texts)
    assert all(any(v and v in text.lower() for v in vague) for text in texts)
    assert not any(
        re.search(r"\b(told reporters|in a statement|said in an interview|spokesperson)\b", t) for t in texts
    )
    # the forms vary: sentences start with the subject, a vague subject or an idiom
    openings = {text.split()[0] for text in texts}
    assert len(openings) >= 25


def test_rumours_are_sometimes_negated():
    texts = draws(lambda r: rumour(r, SUBJECT))
    assert sum(bool(re.search(r"\b(is|has|will|was) not\b", t)) for t in texts) >= 50
    assert sum(bool(re.search(r"refuse|doubt|don't believe|aren't convinced", t)) for t in texts) >= 30


def test_named_source_negatives_have_a_name():
    pairs = draws(lambda r: named_source_claim(r, SUBJECT))
    table = vocabulary()["rumour"]
    vague = {w.split()[-1] for w in table["subjects_sg"] + table["subjects_pl"]}
    for text, name in pairs:
        assert name in text
        # a person's full name or an organisation's, never a vague group
        assert name[0].isupper() and not vague & set(name.lower().split())
    assert sum(len(name.split()) >= 2 for _, name in pairs) >= 600
    assert len({text for text, _ in pairs}) >= 950
    assert sum(bool(re.search(r"\b(According to|said|confirmed|told)\b", t)) for t, _ in pairs) >= 700


# --- calls to action and furniture ---------------------------------------------------------------


def test_calls_to_action_vary_and_cover_every_kind():
    texts = draws(call_to_action)
    assert len(set(texts)) >= 600
    joined = "\n".join(texts).lower()
    for cue in ("subscribe", "newsletter", "app", "code", "amazon", "book your", "follow us"):
        assert cue in joined, cue


def test_furniture_varies():
    texts = draws(lambda r: furniture(r, SUBJECT))
    assert len(set(texts)) >= 100
    assert any("cookie" in t for t in texts) and any("©" in t for t in texts) and any("›" in t for t in texts)


# --- scraped FAQ and namesake drift --------------------------------------------------------------


FACTS = Facts(SUBJECT, ("Rory Pike scored twice for Ashford Town in the derby on Saturday.",))


def test_on_subject_pairs_ask_about_the_subject():
    pairs = draws(lambda r: on_subject_pair(r, FACTS), 300)
    assert all(pair.label == "scraped_faq" and SUBJECT in pair.question for pair in pairs)
    assert len({pair.question for pair in pairs}) >= 15


@pytest.mark.parametrize("kind", entity_kinds())
def test_namesake_pairs_of_every_kind_drift(kind):
    pairs = draws(lambda r: namesake_pair(r, SUBJECT, kind), 100)
    assert all(pair.label == "off_topic" for pair in pairs)
    # the answer speaks of a namesake: it shares a part of the name, never the article's facts
    assert all(re.search(r"Rory|Pike", pair.answer) for pair in pairs)
    assert not any(fact in pair.answer for pair in pairs for fact in FACTS.known_for)
    assert len({pair.answer for pair in pairs}) >= 30


def test_entity_kinds_cover_the_namesakes_the_issue_names():
    assert {
        "company",
        "product",
        "place",
        "fictional_character",
        "species",
        "song",
        "film",
        "person_namesake",
    } <= set(entity_kinds())


def test_faq_sections_mix_drift_as_asked():
    rng = random.Random(4)
    none = faq_section(rng, FACTS, pairs=6, drift=0.0)
    every = faq_section(rng, FACTS, pairs=6, drift=1.0)
    assert {i.label for i in none.items} == {"scraped_faq"}
    assert {i.label for i in every.items} == {"off_topic"}
    assert none.heading_label == "scraped_faq" and none.heading
    for section in draws(lambda r: faq_section(r, FACTS), 100):
        questions = [i.question for i in section.items]
        assert len(questions) == len(set(questions))
        assert all(isinstance(i, QA) for i in section.items)


def test_a_block_asks_each_topic_once_and_never_drifts_unasked():
    for section in draws(lambda r: faq_section(r, Facts(SUBJECT), pairs=8, drift=0.0), 200):
        assert {i.label for i in section.items} == {"scraped_faq"}
        ages = [i for i in section.items if re.search(r"How old|age\?|born\?", i.question)]
        assert len(ages) <= 1
        assert len(section.items) == len(on_subject_topics(Facts(SUBJECT)))


def test_facts_from_an_article_are_its_sentences_about_the_subject():
    paragraphs = [
        "Rory Pike joined Ashford Town in the summer after a long saga. The fee was not disclosed.",
        "The club's chairman said the deal was done on Friday night after medical checks.",
    ]
    facts = Facts.from_article(SUBJECT, paragraphs)
    assert facts.known_for == ("Rory Pike joined Ashford Town in the summer after a long saga.",)


# --- pages from the corpus -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Lena Falk Age, Husband, Net Worth, Height – Everything About the Cycling Star", "Lena Falk"),
        ("Rory Pike Transfer News: Is He Leaving Ashford Town? Girlfriend, Salary & More", "Rory Pike"),
        ("How Olympian Hollis Crane Trains for a Marathon", "Hollis Crane"),
    ],
)
def test_subject_of_a_title(title, subject):
    assert subject_of(title) == subject


def test_subject_of_a_lower_case_title_comes_from_the_paragraphs():
    assert subject_of("council passes budget", ["Mayor Jane Carver said so.", "Jane Carver added more."]) == (
        "Jane Carver"
    )


def test_articles_are_the_credible_paragraphs_of_corpus_pages(corpus_pages):
    for labelled in corpus_pages:
        title, lines = article_of(labelled)
        assert title == labelled.page.title  # the page keeps its title
        assert title not in {line.text for line in lines}
        credible = {
            labelled.page.blocks[i].text for i, (label, _) in labelled.labels.items() if label == "credible"
        }
        assert {line.text for line in lines} <= credible
        assert all(line.label == "credible" for line in lines)


def test_page_specs_hold_every_label_and_keep_the_article(corpus_pages):
    specs = page_specs(corpus_pages, 40, 2)
    labels = {item.label for spec in specs for item in spec.items()}
    assert labels == set(LABELS)
    articles = {tuple(line.text for line in article_of(p)[1]) for p in corpus_pages}
    sources = {str(p.path): p for p in corpus_pages}
    for spec in specs:
        # the page the article comes from is named, for keeping both in one cross-validation fold
        assert article_of(sources[spec.source])[0] == spec.title
        # a listicle numbers its paragraphs: the article is there under the numbers
        body = [
            re.sub(r"^(?:#\d+ |\d+(?:\.|\)|:| –) )", "", i.text)
            for i in spec.items("article")
            if isinstance(i, Line) and i.label == "credible"
        ]
        # a clean page's Q&A answers with paragraphs of its article
        answers = [i.answer for i in spec.items("faq") if isinstance(i, QA) and i.label == "credible"]
        assert any(set(article) <= set(body) | set(answers) for article in articles)
        inserted = [i for i in spec.items("article") if i.label == "unsourced_rumour"]
        assert all(spec.subject in i.text for i in inserted)


def test_clean_pages_carry_honest_twins_of_spam_in_the_same_sections(corpus_pages):
    specs = page_specs(corpus_pages, 60, 3)
    clean = [s for s in specs if {i.label for i in s.items()} <= {"credible", "boilerplate", "promotional"}]
    assert 0.15 * len(specs) <= len(clean) <= 0.6 * len(specs)
    faqs = [s for spec in clean for s in spec.sections if s.kind == "faq"]
    cards = [s for spec in clean for s in spec.sections if s.kind == "author_bio"]
    assert faqs and cards
    assert all(item.label == "credible" for section in faqs + cards for item in section.items)
    for spec in clean:
        assert sum(item.label == "promotional" for item in spec.items()) <= 1  # one newsletter line at most
        article = {i.text for i in spec.items("article") if isinstance(i, Line)}
        # the newsroom's answers are the article's own paragraphs, moved out of the body
        for qa in (i for i in spec.items("faq") if isinstance(i, QA)):
            assert qa.answer not in article
    # a reporter's card holds no personal data: no field lines, no birthday or phone
    assert not any(isinstance(item, Field) for section in cards for item in section.items)


def test_comment_threads_open_each_comment_with_its_header_and_label_words_by_what_they_say():
    farm = draws(lambda r: comment_thread(r, SUBJECT, farm=True), n=300)
    clean = draws(lambda r: comment_thread(r, SUBJECT, farm=False), n=300)
    for thread in farm + clean:
        assert thread.kind == "comments" and thread.items[0].heading
        assert all(line.label == "boilerplate" for line in thread.items if line.heading)
        # every comment has its words right after its header
        for line, after in zip(thread.items, thread.items[1:]):
            if line.heading:
                assert not after.heading and after.label != "boilerplate"
    said = Counter(line.label for thread in farm for line in thread.items if not line.heading)
    assert said["credible"] and said["unsourced_rumour"] > said["promotional"] > 0 and said["off_topic"] > 0
    assert {line.label for thread in clean for line in thread.items} == {"boilerplate", "credible"}
    rumours = [line.text for thread in farm for line in thread.items if line.label == "unsourced_rumour"]
    assert all(SUBJECT in text for text in rumours) and len(set(rumours)) > 0.9 * len(rumours)


def test_namesake_asides_speak_of_the_namesake_not_the_subject():
    asides = draws(lambda r: namesake_aside(r, SUBJECT), n=400)
    assert all(1 <= len(lines) <= 4 and all(line.strip() for line in lines) for lines in asides)
    assert len({tuple(lines) for lines in asides}) > 0.9 * len(asides)
    leads = Counter(len(lines) > 1 and not lines[0].endswith(".") for lines in asides)
    assert leads[True] and leads[False]  # with a lead-in line, or opened inside the first sentence
    # every aside names the namesake (the subject's name, or a part of it), never vouches for the subject
    assert all(any(part in " ".join(lines) for part in ("Rory", "Pike")) for lines in asides)


@pytest.mark.parametrize("kind", entity_kinds())
def test_namesake_cards_are_field_lines_about_the_namesake(kind):
    cards = draws(lambda r: namesake_card(r, SUBJECT, kind), n=60)
    assert all(card.kind == "card" and card.heading and card.heading_label == "off_topic" for card in cards)
    assert all(3 <= len(card.items) <= 6 for card in cards)
    assert all(
        isinstance(f, Field) and f.label == "off_topic" and f.name and f.value for c in cards for f in c.items
    )
    # a field says something of the namesake, never one of the article's facts
    assert not any(fact in f.value for c in cards for f in c.items for fact in FACTS.known_for)
    assert len({tuple(f.text for f in card.items) for card in cards}) > 0.8 * len(cards)


def test_namesake_blocks_are_about_one_namesake_under_its_own_heading():
    blocks = draws(lambda r: namesake_block(r, SUBJECT), n=200)
    assert all(b.kind == "faq" and b.heading_label == "off_topic" and 2 <= len(b.items) <= 4 for b in blocks)
    assert all(
        isinstance(i, QA) and i.label == "off_topic" and not i.answer[0].islower()
        for b in blocks
        for i in b.items
    )
    # one draw of the namesake per block: every answer names the same namesake
    for block in blocks:
        assert len({i.question for i in block.items}) == len(block.items)
        assert all(re.search(r"Rory|Pike", i.answer) for i in block.items)


def test_farm_articles_drift_into_other_articles_under_the_subjects_name(corpus_pages):
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = text.split()
        return {tuple(words[k : k + 5]) for k in range(len(words) - 4)}

    specs = page_specs(corpus_pages, 60, 3)
    sources = {
        str(p.path): {s for line in article_of(p)[1] for s in shingles(line.text)} for p in corpus_pages
    }
    drifted = 0
    for spec in specs:
        for line in (i for i in spec.items("article") if isinstance(i, Line) and i.label == "off_topic"):
            # five words running of another corpus article: prose borrowed, not a template's
            donors = [src for src, known in sources.items() if shingles(line.text) & known]
            if donors:
                assert spec.source not in donors
                drifted += 1
    assert drifted >= 5


def test_personality_bios_come_with_adverbs_personas_and_without_profile_fields():
    rng = random.Random(2)
    person = fake_person(rng, "en_GB")
    texts = [introduction(rng, person, third_person=True) for _ in range(300)]
    modifiers = vocabulary()["bio"]["adjectives"]["modifiers"]
    assert sum(any(f"{m} " in text for m in modifiers) for text in texts) >= 100  # "fiercely independent"
    bios = [author_bio(random.Random(k)) for k in range(200)]
    short = [b for b in bios if not any(isinstance(i, Field) for i in b.items)]
    assert 30 <= len(short) <= 90  # about three in ten
    assert all(i.label == "fabricated_author_bio" for b in short for i in b.items)


def test_rosters_are_credible_name_value_lines_of_the_articles_own():
    from detector.training.synth.clean import roster

    rosters = [roster(random.Random(k)) for k in range(60)]
    lines = [line for r in rosters for line in r if not line.heading]
    assert all(line.label == "credible" for r in rosters for line in r)
    assert all(re.match(r"^[^:]{3,80}: \S", line.text) for line in lines)  # "Name: ...", a field's shape
    assert any("bond" in line.text or "bail" in line.text for line in lines)  # a police log among them
    assert len({line.text for line in lines}) == len(lines)
