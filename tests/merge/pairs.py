"""Pairs of articles written for marsad's merge tests and bench (bench/merge_bench.py).

Each pair is two articles (or one article telling one or two incidents) with
the events an extractor should code from them, written by hand.  `same` says
whether the two reports are one real incident.  Places carry the coordinates
a gazetteer would give; the texts and figures are made up for the tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.records import Article, Event, Evidence, Place

SYRIA = {"country": "Syria", "iso": 760, "country_code": "SY"}
IRAQ = {"country": "Iraq", "iso": 368, "country_code": "IQ"}

# name -> (lat, lon, admin1, country fields, gazetteer id)
PLACES = {
    "Al-Sukhnah": (34.885, 38.871, "Homs", SYRIA, "g:sukhnah"),
    "Tadmur": (34.560, 38.267, "Homs", SYRIA, "g:tadmur"),
    "Al-Shuhayl": (35.126, 40.513, "Deir ez-Zor", SYRIA, "g:shuhayl"),
    "Diban": (35.089, 40.522, "Deir ez-Zor", SYRIA, "g:diban"),
    "Al-Busayrah": (35.155, 40.432, "Deir ez-Zor", SYRIA, "g:busayrah"),
    "Al-Mayadin": (35.019, 40.452, "Deir ez-Zor", SYRIA, "g:mayadin"),
    "Hajin": (34.692, 40.835, "Deir ez-Zor", SYRIA, "g:hajin"),
    "Al-Bahra": (34.726, 40.786, "Deir ez-Zor", SYRIA, "g:bahra"),
    "Al-Bukamal": (34.453, 40.918, "Deir ez-Zor", SYRIA, "g:bukamal"),
    "Deir ez-Zor": (35.336, 40.141, "Deir ez-Zor", SYRIA, "g:deir"),
    "Qamishli": (37.052, 41.227, "Al-Hasakah", SYRIA, "g:qamishli"),
    "Jasim": (32.992, 36.060, "Daraa", SYRIA, "g:jasim"),
    "Daraa": (32.618, 36.102, "Daraa", SYRIA, "g:daraa"),
    "Tafas": (32.737, 35.997, "Daraa", SYRIA, "g:tafas"),
    "Kafr Nabl": (35.614, 36.561, "Idlib", SYRIA, "g:kafrnabl"),
    "As-Suwayda": (32.709, 36.566, "As-Suwayda", SYRIA, "g:suwayda"),
    "Al-Kasrat": (35.910, 39.000, "Ar-Raqqa", SYRIA, "g:kasrat"),
    "Al-Hamidiyah (Homs)": (34.720, 36.560, "Homs", SYRIA, "g:hamidiyah1"),
    "Al-Hamidiyah (Hasakah)": (36.620, 40.850, "Al-Hasakah", SYRIA, "g:hamidiyah2"),
    "Douma": (33.572, 36.402, "Rif Dimashq", SYRIA, "g:douma"),
    "Tarmiyah": (33.670, 44.390, "Baghdad", IRAQ, "g:tarmiyah"),
    "Al-Qaim": (34.369, 41.094, "Al-Anbar", IRAQ, "g:qaim"),
}
# region-level places (geo_precision 3): the admin1's centre
REGIONS = {
    "Deir ez-Zor Governorate": (35.0, 40.5, "Deir ez-Zor", SYRIA),
    "Rif Dimashq Governorate": (33.5, 36.6, "Rif Dimashq", SYRIA),
}


def place(name: str, *, said: str | None = None, geo: int = 1, text: str = "") -> Place:
    """A gazetteer result for `name`, as the article spells it (`said`)."""
    if name in REGIONS:
        lat, lon, admin1, c = REGIONS[name]
        gid, geo = None, 3
    else:
        lat, lon, admin1, c, gid = PLACES[name]
    mention = said or name.split(" (")[0]
    start = text.find(mention) if text else -1
    return Place(location=mention if geo == 1 else name.split(" (")[0], latitude=lat, longitude=lon,
                 admin1=admin1, geo_precision=geo, gazetteer_id=gid, mention=mention,
                 start=start if start >= 0 else None, end=start + len(mention) if start >= 0 else None, **c)


@dataclass
class Doc:
    doc_id: str
    outlet: str
    published: date
    text: str
    events: list[dict] = field(default_factory=list)

    def build(self) -> tuple[Article, list[Event]]:
        art = Article(doc_id=self.doc_id, text=self.text, published=self.published,
                      url=f"https://example.org/{self.doc_id}", outlet=self.outlet, title=self.text[:60])
        evs = []
        for i, e in enumerate(self.events):
            quote = e["quote"]
            start = self.text.index(quote)
            evs.append(Event(
                doc_id=self.doc_id, index=i, event_type=e["type"], sub_event_type=e["sub"],
                event_date=e.get("date", self.published), time_precision=e.get("tp", 1),
                actor1=e.get("actor1", ""), actor2=e.get("actor2", ""),
                assoc_actor_1=e.get("assoc1", ""),
                place=place(e["place"], said=e.get("said"), geo=e.get("geo", 1), text=self.text),
                fatalities=e.get("fatalities"), injuries=e.get("injuries"),
                source=e.get("source", self.outlet), notes=quote,
                evidence=[Evidence(text=quote, start=start, end=start + len(quote))]))
        return art, evs


@dataclass
class Pair:
    name: str
    same: bool
    a: Doc
    b: Doc | None = None           # None: both reports come from `a` (its two events)
    known_miss: str = ""           # why marsad gets this pair wrong today (the test expects the miss)


D = date
ISIS, SDF, SAA = "ISIS", "Syrian Democratic Forces", "Military Forces of Syria"
UAG, CIV = "Unidentified Armed Group", "Civilians (Syria)"

PAIRS: list[Pair] = [
    # ---------------------------------------------------------------- one incident
    Pair("sukhnah-ambush", True,
         Doc("p1a", "SANA", D(2024, 3, 12),
             "Five soldiers were martyred on Tuesday when terrorists attacked a military bus near "
             "Al-Sukhnah in the eastern Homs desert, a military source told SANA.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": UAG, "actor2": SAA, "place": "Al-Sukhnah",
                   "fatalities": 5, "quote": "Five soldiers were martyred on Tuesday when terrorists attacked a "
                                       "military bus near Al-Sukhnah"}]),
         Doc("p1b", "Syrian Observatory", D(2024, 3, 13),
             "ISIS cells ambushed a bus carrying regime soldiers on the Sukhna road yesterday, killing "
             "nine of them and wounding others, the Observatory said.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Sukhnah", "said": "Sukhna",
                   "date": D(2024, 3, 12), "fatalities": 9,
                   "quote": "ISIS cells ambushed a bus carrying regime soldiers on the Sukhna road yesterday"}])),
    Pair("shuhayl-ied", True,
         Doc("p2a", "Deir ez-Zor 24", D(2024, 4, 2),
             "An explosive device went off under an SDF patrol vehicle in Al-Shuhayl this morning, "
             "killing two fighters.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": UAG, "actor2": SDF,
                   "place": "Al-Shuhayl", "fatalities": 2,
                   "quote": "An explosive device went off under an SDF patrol vehicle in Al-Shuhayl"}]),
         Doc("p2b", "North Press", D(2024, 4, 2),
             "Three members of the Syrian Democratic Forces were killed when a landmine planted by ISIS "
             "hit their car in Shheil, east of Deir ez-Zor.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": ISIS, "actor2": SDF,
                   "place": "Al-Shuhayl", "said": "Shheil", "fatalities": 3,
                   "quote": "Three members of the Syrian Democratic Forces were killed when a landmine"}])),
    Pair("qamishli-drone", True,
         Doc("p3a", "Hawar News", D(2024, 5, 3),
             "A Turkish drone struck a car in the city of Qamishli on Friday, killing three people "
             "inside it.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": "Military Forces of Turkey",
                   "actor2": SDF, "place": "Qamishli", "fatalities": 3,
                   "quote": "A Turkish drone struck a car in the city of Qamishli on Friday"}]),
         Doc("p3b", "Enab Baladi", D(2024, 5, 4),
             "Three SDF members died yesterday in a drone strike attributed to Turkey in the Qamishli "
             "countryside.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": "Military Forces of Turkey",
                   "actor2": SDF, "place": "Qamishli", "geo": 2, "date": D(2024, 5, 3), "fatalities": 3,
                   "quote": "Three SDF members died yesterday in a drone strike attributed to Turkey"}])),
    Pair("jasim-mukhtar", True,
         Doc("p4a", "Horan Free League", D(2024, 6, 10),
             "Unknown gunmen shot dead the mukhtar of Jasim in front of his house on Sunday evening.",
             [{"type": "Violence against civilians", "sub": "Attack", "actor1": UAG, "actor2": CIV, "place": "Jasim",
                   "date": D(2024, 6, 9), "fatalities": 1,
                   "quote": "Unknown gunmen shot dead the mukhtar of Jasim"}]),
         Doc("p4b", "Daraa 24", D(2024, 6, 10),
             "The mukhtar of the town of Jassem was assassinated by unidentified assailants today.",
             [{"type": "Violence against civilians", "sub": "Attack", "actor1": UAG, "actor2": CIV, "place": "Jasim",
                   "said": "Jassem", "fatalities": 1,
                   "quote": "The mukhtar of the town of Jassem was assassinated"}])),
    Pair("diban-clash-vs-explosion", True,
         Doc("p5a", "SDF Press Centre", D(2024, 7, 1),
             "Our forces repelled an attack by ISIS cells on a checkpoint in Diban, four of our "
             "fighters were martyred.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Diban", "fatalities": 4,
                   "quote": "Our forces repelled an attack by ISIS cells on a checkpoint in Diban"}]),
         Doc("p5b", "Euphrates Post", D(2024, 7, 1),
             "ISIS fighters fired rocket-propelled grenades at an SDF checkpoint in Thiban, killing three.",
             [{"type": "Explosions/Remote violence", "sub": "Shelling/artillery/missile attack", "actor1": ISIS,
                   "actor2": SDF, "place": "Diban", "said": "Thiban", "fatalities": 3,
                   "quote": "ISIS fighters fired rocket-propelled grenades at an SDF checkpoint in Thiban"}])),
    Pair("deir-region-vs-mayadin", True,
         Doc("p6a", "SANA", D(2024, 8, 20),
             "Six soldiers were martyred in a terrorist attack in the Deir ez-Zor countryside, SANA said.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": UAG, "actor2": SAA, "place": "Deir ez-Zor Governorate",
                   "fatalities": 6, "quote": "Six soldiers were martyred in a terrorist attack"}]),
         Doc("p6b", "Syrian Observatory", D(2024, 8, 20),
             "ISIS ambushed regime soldiers near Al-Mayadin today, killing seven of them.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Mayadin", "geo": 2,
                   "fatalities": 7, "quote": "ISIS ambushed regime soldiers near Al-Mayadin today"}])),
    Pair("hajin-told-twice", True,
         Doc("p7", "Sound and Picture", D(2024, 9, 5),
             "ISIS gunmen attacked an SDF position in Hajin at dawn, killing two fighters. "
             "Later, local sources said the attack on the Hajin position was carried out by four gunmen "
             "on motorcycles.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Hajin", "fatalities": 2,
                   "quote": "ISIS gunmen attacked an SDF position in Hajin at dawn"},
              {"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "place": "Hajin",
                   "quote": "the attack on the Hajin position was carried out by four gunmen"}])),
    Pair("tarmiyah-ied", True,
         Doc("p8a", "Iraqi News Agency", D(2024, 10, 14),
             "Two soldiers were killed when an improvised explosive device targeted an army patrol in "
             "Tarmiyah, north of Baghdad.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": UAG,
                   "actor2": "Military Forces of Iraq", "place": "Tarmiyah", "fatalities": 2,
                   "quote": "an improvised explosive device targeted an army patrol in Tarmiyah"}]),
         Doc("p8b", "Shafaq News", D(2024, 10, 14),
             "An IED blast hit an Iraqi army patrol in al-Tarmiya district, killing two soldiers; "
             "ISIS remnants are suspected.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": ISIS,
                   "actor2": "Military Forces of Iraq", "place": "Tarmiyah", "said": "al-Tarmiya", "fatalities": 2,
                   "quote": "An IED blast hit an Iraqi army patrol in al-Tarmiya district"}])),
    Pair("palmyra-abduction-week", True,
         Doc("p9a", "Palmyra Coordination", D(2024, 3, 9),
             "ISIS kidnapped three shepherds in the desert east of Palmyra last week, relatives said.",
             [{"type": "Violence against civilians", "sub": "Abduction/forced disappearance", "actor1": ISIS,
                   "actor2": CIV, "place": "Tadmur", "said": "Palmyra", "geo": 2, "date": D(2024, 3, 4), "tp": 2,
                   "quote": "ISIS kidnapped three shepherds in the desert east of Palmyra last week"}]),
         Doc("p9b", "Syria TV", D(2024, 3, 7),
             "Three shepherds were abducted near Tadmur on Wednesday by ISIS members.",
             [{"type": "Violence against civilians", "sub": "Abduction/forced disappearance", "actor1": ISIS,
                   "actor2": CIV, "place": "Tadmur", "geo": 2, "date": D(2024, 3, 6),
                   "quote": "Three shepherds were abducted near Tadmur on Wednesday"}])),
    Pair("kafr-nabl-airstrike", True,
         Doc("p10a", "Idlib Post", D(2024, 2, 15),
             "Russian warplanes struck the town of Kafr Nabl on Thursday, killing four civilians.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": "Military Forces of Russia",
                   "actor2": CIV, "place": "Kafr Nabl", "fatalities": 4,
                   "quote": "Russian warplanes struck the town of Kafr Nabl on Thursday"}]),
         Doc("p10b", "Civil Defence", D(2024, 2, 15),
             "Six civilians were killed in air strikes by regime and Russian aircraft on Kafranbel.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": SAA,
                   "assoc1": "Military Forces of Russia", "actor2": CIV, "place": "Kafr Nabl", "said": "Kafranbel",
                   "fatalities": 6, "quote": "Six civilians were killed in air strikes by regime and Russian aircraft"}])),
    Pair("suwayda-protest", True,
         Doc("p11a", "Suwayda 24", D(2024, 1, 19),
             "Hundreds protested in As-Suwayda city on Friday demanding the release of detainees.",
             [{"type": "Protests", "sub": "Peaceful protest", "actor1": "Protesters (Syria)", "place": "As-Suwayda",
                   "quote": "Hundreds protested in As-Suwayda city on Friday"}]),
         Doc("p11b", "Enab Baladi", D(2024, 1, 19),
             "Demonstrators gathered in the main square of Sweida today, chanting against the government.",
             [{"type": "Protests", "sub": "Peaceful protest", "actor1": "Protesters (Syria)", "place": "As-Suwayda",
                   "said": "Sweida", "quote": "Demonstrators gathered in the main square of Sweida today"}])),
    Pair("kasrat-arrests", True,
         Doc("p12a", "SDF Press Centre", D(2024, 11, 2),
             "Our units arrested five ISIS suspects in a security operation in Al-Kasrat on Saturday.",
             [{"type": "Strategic developments", "sub": "Arrests", "actor1": SDF, "actor2": ISIS, "place": "Al-Kasrat",
                   "quote": "Our units arrested five ISIS suspects in a security operation in Al-Kasrat"}]),
         Doc("p12b", "North Press", D(2024, 11, 3),
             "SDF raided Kasrat village south of Raqqa yesterday and detained several people accused of "
             "links to ISIS.",
             [{"type": "Strategic developments", "sub": "Arrests", "actor1": SDF, "actor2": ISIS, "place": "Al-Kasrat",
                   "said": "Kasrat", "date": D(2024, 11, 2),
                   "quote": "SDF raided Kasrat village south of Raqqa yesterday"}])),
    Pair("near-busayrah-vs-shuhayl", True,
         Doc("p13a", "Deir ez-Zor 24", D(2025, 3, 3),
             "ISIS cells attacked SDF fighters near Al-Busayrah on Monday, killing three of them.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Al-Busayrah", "geo": 2,
                   "fatalities": 3, "quote": "ISIS cells attacked SDF fighters near Al-Busayrah on Monday"}]),
         Doc("p13b", "SDF Press Centre", D(2025, 3, 3),
             "Five of our fighters were martyred repelling an ISIS attack on their post in Al-Shuhayl today.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Al-Shuhayl",
                   "fatalities": 5, "quote": "Five of our fighters were martyred repelling an ISIS attack"}])),
    # ---------------------------------------------------------------- two incidents
    Pair("hajin-vs-bahra", False,
         Doc("n1a", "Deir ez-Zor 24", D(2024, 4, 20),
             "ISIS gunmen attacked an SDF checkpoint in Hajin on Saturday, killing two fighters.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Hajin", "fatalities": 2,
                   "quote": "ISIS gunmen attacked an SDF checkpoint in Hajin on Saturday"}]),
         Doc("n1b", "Euphrates Post", D(2024, 4, 20),
             "Three SDF fighters were killed in an ISIS attack on their post in Al-Bahra on Saturday.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SDF, "place": "Al-Bahra", "fatalities": 3,
                   "quote": "Three SDF fighters were killed in an ISIS attack on their post in Al-Bahra"}])),
    Pair("shuhayl-vs-diban-ied", False,
         Doc("n2a", "North Press", D(2024, 5, 11),
             "A roadside bomb hit an SDF vehicle in Al-Shuhayl, wounding two fighters.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": UAG, "actor2": SDF,
                   "place": "Al-Shuhayl", "injuries": 2, "quote": "A roadside bomb hit an SDF vehicle in Al-Shuhayl"}]),
         Doc("n2b", "Hawar News", D(2024, 5, 11),
             "An IED exploded near an SDF patrol in Diban today without casualties.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": UAG, "actor2": SDF,
                   "place": "Diban", "quote": "An IED exploded near an SDF patrol in Diban today"}])),
    Pair("jasim-a-week-apart", False,
         Doc("n3a", "Daraa 24", D(2024, 6, 3),
             "Gunmen killed a former rebel commander in Jasim on Monday.",
             [{"type": "Violence against civilians", "sub": "Attack", "actor1": UAG, "actor2": CIV, "place": "Jasim",
                   "fatalities": 1, "quote": "Gunmen killed a former rebel commander in Jasim on Monday"}]),
         Doc("n3b", "Horan Free League", D(2024, 6, 9),
             "A young man was shot dead by unknown gunmen in Jasim on Sunday.",
             [{"type": "Violence against civilians", "sub": "Attack", "actor1": UAG, "actor2": CIV, "place": "Jasim",
                   "fatalities": 1, "quote": "A young man was shot dead by unknown gunmen in Jasim on Sunday"}])),
    Pair("daraa-protest-vs-clash", False,
         Doc("n4a", "Daraa 24", D(2024, 7, 5),
             "Dozens of people demonstrated in Daraa al-Balad on Friday against arrests.",
             [{"type": "Protests", "sub": "Peaceful protest", "actor1": "Protesters (Syria)", "place": "Daraa",
                   "quote": "Dozens of people demonstrated in Daraa al-Balad on Friday"}]),
         Doc("n4b", "Syrian Observatory", D(2024, 7, 5),
             "Clashes broke out in Daraa city on Friday between regime forces and local gunmen.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": SAA, "actor2": UAG, "place": "Daraa",
                   "quote": "Clashes broke out in Daraa city on Friday between regime forces and local gunmen"}])),
    Pair("one-article-two-villages", False,
         Doc("n5", "Sound and Picture", D(2024, 8, 8),
             "ISIS detonated a device on a vehicle near Al-Busayrah, and targeted an SDF vehicle in "
             "Al-Shuhayl with machine guns.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": ISIS,
                   "place": "Al-Busayrah", "quote": "ISIS detonated a device on a vehicle near Al-Busayrah"},
              {"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": ISIS, "actor2": SDF,
                   "place": "Al-Shuhayl", "quote": "targeted an SDF vehicle in Al-Shuhayl"}])),
    Pair("two-hamidiyahs", False,
         Doc("n6a", "SANA", D(2024, 9, 1),
             "Terrorists attacked army positions in Al-Hamidiyah in the Homs countryside.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": UAG, "actor2": SAA, "place": "Al-Hamidiyah (Homs)",
                   "quote": "Terrorists attacked army positions in Al-Hamidiyah"}]),
         Doc("n6b", "Hawar News", D(2024, 9, 1),
             "Unidentified gunmen attacked a regime checkpoint in al-Hamidiya village north of Hasakah.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": UAG, "actor2": SAA, "place": "Al-Hamidiyah (Hasakah)",
                   "said": "al-Hamidiya", "quote": "Unidentified gunmen attacked a regime checkpoint in al-Hamidiya"}])),
    Pair("rif-dimashq-israel-vs-clash", False,
         Doc("n7a", "SANA", D(2024, 10, 1),
             "Israeli aggression targeted sites in the Damascus countryside, killing three soldiers.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": "Military Forces of Israel",
                   "actor2": SAA, "place": "Rif Dimashq Governorate", "fatalities": 3,
                   "quote": "Israeli aggression targeted sites in the Damascus countryside"}]),
         Doc("n7b", "Syrian Observatory", D(2024, 10, 1),
             "Twelve people died in clashes between local gunmen and a tribal militia near Douma.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": "Tribal Militia (Syria)", "actor2": "Douma Local Gunmen",
                   "place": "Douma", "geo": 2, "fatalities": 12,
                   "quote": "Twelve people died in clashes between local gunmen and a tribal militia near Douma"}])),
    Pair("sukhnah-two-days", False,
         Doc("n8a", "Syrian Observatory", D(2024, 11, 10),
             "ISIS attacked a regime checkpoint in Al-Sukhnah on Sunday, killing four soldiers.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Sukhnah", "fatalities": 4,
                   "quote": "ISIS attacked a regime checkpoint in Al-Sukhnah on Sunday"}]),
         Doc("n8b", "Syrian Observatory", D(2024, 11, 13),
             "ISIS struck again in Al-Sukhnah on Wednesday, killing two soldiers at a checkpoint.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Sukhnah", "fatalities": 2,
                   "quote": "ISIS struck again in Al-Sukhnah on Wednesday"}])),
    Pair("qaim-vs-bukamal", False,
         Doc("n9a", "Iraqi News Agency", D(2024, 12, 2),
             "An air strike hit a weapons depot in Al-Qaim near the Syrian border.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": UAG,
                   "actor2": "Popular Mobilization Forces", "place": "Al-Qaim",
                   "quote": "An air strike hit a weapons depot in Al-Qaim"}]),
         Doc("n9b", "Deir ez-Zor 24", D(2024, 12, 2),
             "Unidentified aircraft bombed militia positions in Al-Bukamal at dawn.",
             [{"type": "Explosions/Remote violence", "sub": "Air/drone strike", "actor1": UAG,
                   "actor2": "Popular Mobilization Forces", "place": "Al-Bukamal",
                   "quote": "Unidentified aircraft bombed militia positions in Al-Bukamal"}])),
    Pair("mayadin-vs-busayrah", False,
         Doc("n10a", "Euphrates Post", D(2025, 1, 15),
             "SDF fighters clashed with ISIS cells in Al-Mayadin; two ISIS members were killed.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": SDF, "actor2": ISIS, "place": "Al-Mayadin", "fatalities": 2,
                   "quote": "SDF fighters clashed with ISIS cells in Al-Mayadin"}]),
         Doc("n10b", "North Press", D(2025, 1, 15),
             "Clashes between the SDF and ISIS in Al-Busayrah left two dead.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": SDF, "actor2": ISIS, "place": "Al-Busayrah", "fatalities": 2,
                   "quote": "Clashes between the SDF and ISIS in Al-Busayrah left two dead"}])),
    Pair("near-tafas-vs-near-daraa", False,
         Doc("n11a", "Horan Free League", D(2025, 2, 2),
             "Regime forces clashed with former rebels near Tafas, killing five.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": SAA, "actor2": "Former Rebels (Syria)", "place": "Tafas",
                   "geo": 2, "fatalities": 5, "quote": "Regime forces clashed with former rebels near Tafas"}]),
         Doc("n11b", "Daraa 24", D(2025, 2, 2),
             "An ISIS cell fought local gunmen near Daraa city, one person was killed.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": "Local Gunmen (Daraa)", "place": "Daraa",
                   "geo": 2, "fatalities": 1, "quote": "An ISIS cell fought local gunmen near Daraa city"}])),
    Pair("deir-region-vs-hajin-ied", False,
         Doc("n12a", "SANA", D(2025, 3, 20),
             "Two soldiers were martyred when terrorists attacked a military post in the Deir ez-Zor "
             "countryside.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": UAG, "actor2": SAA, "place": "Deir ez-Zor Governorate",
                   "fatalities": 2, "quote": "Two soldiers were martyred when terrorists attacked a military post"}]),
         Doc("n12b", "North Press", D(2025, 3, 20),
             "An ISIS bomb killed eight SDF fighters in Hajin on Thursday.",
             [{"type": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "actor1": ISIS,
                   "actor2": SDF, "place": "Hajin", "fatalities": 8, "quote": "An ISIS bomb killed eight SDF fighters in Hajin"}])),
    Pair("sukhnah-next-day", False,
         Doc("n13a", "Syrian Observatory", D(2025, 4, 6),
             "ISIS attacked a regime checkpoint at the entrance of Al-Sukhnah on Sunday, killing four "
             "soldiers.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Sukhnah", "fatalities": 4,
                   "quote": "ISIS attacked a regime checkpoint at the entrance of Al-Sukhnah on Sunday"}]),
         Doc("n13b", "Syria TV", D(2025, 4, 7),
             "Eleven regime soldiers were killed on Monday when ISIS ambushed a convoy near Al-Sukhnah.",
             [{"type": "Battles", "sub": "Armed clash", "actor1": ISIS, "actor2": SAA, "place": "Al-Sukhnah", "geo": 2,
                   "fatalities": 11, "quote": "Eleven regime soldiers were killed on Monday when ISIS ambushed a convoy"}]),
         known_miss="same actors, same town, one day apart: only the tolls (4 / 11) and the words "
                    "'checkpoint' / 'convoy' tell them apart, and marsad does not compare targets"),
]
