"""What a block is about, in meaning: a namesake's paragraph that shares only the subject's name reads as far
from the lead, an honest paragraph in other words as near; the word vectors load without pickle."""

import numpy as np

from detector.page.extract import extract_page
from detector.signals._meaning import word_vectors
from detector.signals.context import build_context

PAGE = """<html><head><title>Corran Star ferry runs aground off Kelsay island</title></head><body>
<article>
<h1>Corran Star ferry runs aground off Kelsay island</h1>
<p>The passenger ferry Corran Star ran aground on rocks off Kelsay island early on Tuesday, and coastguard
crews took all 212 passengers and crew ashore in lifeboats before the tide turned.</p>
<p>The harbour master said the vessel had left the main channel in thick fog, and divers found a breach in
its hull near the bow. The operator has cancelled sailings for the rest of the week.</p>
<p>Marine accident investigators will board the ship once salvage teams have pumped out its flooded
compartments, a spokesperson for the investigation branch said.</p>
<p>"It was terrifying, the whole deck lurched and the lights went out," said one passenger.</p>
<h2>The sweet pea of the same name</h2>
<p>Corran Star is also a sweet pea, loved by gardeners for its scented lavender blooms; sow the seeds in
autumn, pinch out the growing tip when the plants reach three pairs of leaves, and pick the flowers often.</p>
<p>Island residents said replacement sailings would be needed quickly, because the ferry carries food
supplies, post and patients travelling to the mainland hospital.</p>
</article></body></html>"""


def test_the_word_vectors_are_unit_vectors_of_many_english_words():
    index, vectors = word_vectors()
    assert len(index) > 20_000 and vectors.shape == (len(index), 128) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=0.01)
    assert {"ferry", "harbour", "garden", "flower", "hospital"} <= set(index)

    def cosine(a: str, b: str) -> float:
        return float(vectors[index[a]] @ vectors[index[b]])

    # meaning, not spelling: a ship is nearer a ferry than a flower is
    assert cosine("ferry", "ship") > cosine("ferry", "flower") + 0.2
    assert cosine("garden", "flower") > cosine("garden", "lifeboat") + 0.2


def test_a_namesake_paragraph_is_far_from_the_subject_in_meaning():
    page = extract_page(PAGE.encode(), source="ferry.html")
    ctx = build_context(page)
    texts = [b.text for b in page.blocks]
    at = {
        key: next(i for i, t in enumerate(texts) if t.startswith(key))
        for key in ("Corran Star is", '"It was', "Island", "Marine")
    }
    namesake, quote, residents, investigators = (
        ctx[at[k]] for k in ("Corran Star is", '"It was', "Island", "Marine")
    )
    # it shares the subject's name, not its meaning; the honest paragraphs in other words are near
    assert namesake.meaning_lead < 0.3 < min(residents.meaning_lead, investigators.meaning_lead)
    assert namesake.meaning_lead < quote.meaning_lead
    assert namesake.meaning_body < min(residents.meaning_body, investigators.meaning_body)
    # its section (the sub-heading and the paragraph) is far as a whole
    assert namesake.meaning_section < investigators.meaning_section
    assert all(-1.0 <= c.meaning_window <= 1.0 for c in ctx.blocks)
