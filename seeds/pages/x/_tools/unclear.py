PAA = "Heading of an auto-generated People-also-ask block: labelled scraped_faq (part of the block) rather than boilerplate."
UNCLEAR = {
    ("x06_castlebridge-dravik-arena-naming-deal.html", "6.8K"): "Medium-like clap/response/save counters: real platforms show these too; labelled fabricated_author_bio as a fake engagement block on a farm page.",
    ("x09_vortex-console-shortage-restock.html", "Free UK delivery on orders"): "Shop announcement bar: an offer ending in 'shop now'; labelled promotional rather than boilerplate.",
    ("x03_marcus-tavian-hygiene-row-thread.html", "I work two doors down"): "Anonymous forum comment with a first-hand observation (no hedge, no rumour); labelled credible.",
    ("x10_brackwater-chronicle-closure.txt", "Cllr Amina Qureshi said she had also heard"): "Hedged 'heard suggestions' but attributed to a named councillor and answered by a named denial; labelled credible.",
    ("x01_solvara-energy-price-cap-breach.html", "One former call-centre worker we spoke to"): "Anonymous source quoted by the farm page; no named source, so unsourced_rumour, though real outlets also use anonymous sources.",
    ("x08_dunmere-valley-railway-reopens.html", "Name: Derek Amblecote"): "Webmaster box on a small-town site: could be a real volunteer, but it is the Name/Born/Address/Tel/Job/Hobby template with a made-up diploma; labelled fabricated_author_bio.",
    ("x01_solvara-energy-price-cap-breach.html", "People Also Ask"): PAA,
    ("x02_ashcombe-zoo-panda-loan-ends.html", "People also ask"): PAA,
    ("x03_marcus-tavian-hygiene-row-thread.html", "Related questions"): PAA,
    ("x05_halden-scooter-battery-fires.html", "Frequently asked questions"): PAA,
    ("x06_castlebridge-dravik-arena-naming-deal.html", "People also ask"): PAA,
    ("x08_dunmere-valley-railway-reopens.html", "People Also Ask"): PAA,
    ("x09_vortex-console-shortage-restock.html", "People also ask"): PAA,
    ("x11_brackenridge-mrt-record-callouts.txt", "People Also Ask"): PAA,
    ("x12_lorrimer-jessa-vaughn-perfume.html", "People also ask"): PAA,
}
