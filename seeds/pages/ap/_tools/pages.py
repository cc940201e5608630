"""Manifest of the ap batch: published file name -> (kind, subject)."""
PAGES = {
    "ap01_harbour_wall_collapse.html": ("farm", "Trevanna harbour wall collapses in winter swell"),
    "ap02_snooker_prodigy_turns_pro.html": ("farm", "Teenage snooker prodigy Owen Thackeray turns professional"),
    "ap03_bike_share_bankrupt.txt": ("farm", "Castlebury Gearjack bike-share scheme goes bankrupt"),
    "ap04_migraine_drug_approval.html": ("clean", "Halvergate Therapeutics migraine drug approved"),
    "ap05_mayor_no_confidence_vote.html": ("farm", "Mayor Edmund Varley faces no-confidence vote"),
    "ap06_airport_night_flight_ban.html": ("farm", "Ashcombe Airport bans night flights after noise ruling"),
    "ap07_smart_thermostat_bricked.html": ("farm", "Kelvara Pyrrhea smart thermostat bricked by update"),
    "ap08_school_spelling_bee.txt": ("clean", "Brookfield Lane Primary wins national spelling bee"),
    "ap09_rugby_referee_retires.html": ("farm", "Referee Gareth Penhallow retires after 300 tests"),
    "ap10_lost_locomotive_quarry.html": ("farm", "Heritage railway finds lost locomotive Kestrel Crown in quarry"),
    "ap11_delivery_platform_fined.html": ("farm", "Corvalis food-delivery platform fined over courier pay"),
    "ap12_pine_marten_reintroduction.html": ("clean", "Wildlife trust reintroduces pine martens"),
}
