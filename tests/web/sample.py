"""A small database of hand-written articles and events for the web tests.

Texts are written for these tests.  One article is hostile: it carries
markup that must stay inert wherever it is shown.
"""
from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select, update

from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store
from marsad.store.schema import canonical_events, events, merge_links

HOSTILE = '<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">'
HOSTILE_ACTOR = 'Militia "><img src=x onerror="window.__pwned = 3">'


def _place(name: str, lat: float, lon: float, admin1: str, country: str = "Syria", precision: int = 1) -> Place:
    return Place(location=name, latitude=lat, longitude=lon, country=country, admin1=admin1,
                 geo_precision=precision, country_code="SY" if country == "Syria" else "IQ")


def _event(article: Article, index: int, sentence: str, **kw: object) -> Event:
    start = article.text.index(sentence)
    return Event(doc_id=article.doc_id, index=index, evidence=[Evidence(sentence, start, start + len(sentence))],
                 **kw)  # type: ignore[arg-type]


def articles() -> list[tuple[Article, list[Event]]]:
    out: list[tuple[Article, list[Event]]] = []

    a = Article(doc_id="t-hajin", published=date(2024, 5, 7), outlet="Euphrates Monitor",
                url="https://example.org/hajin",
                text="DEIR EZ-ZOR, May 7\n\nGunmen of the Islamic State attacked a checkpoint of the Syrian "
                     "Democratic Forces near Hajin on Monday, killing four fighters. Local sources said the "
                     "attackers fled towards the desert.")
    out.append((a, [_event(a, 0, "Gunmen of the Islamic State attacked a checkpoint of the Syrian Democratic "
                                 "Forces near Hajin on Monday, killing four fighters.",
                           event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 5, 6),
                           actor1="Islamic State", actor2="Syrian Democratic Forces",
                           place=_place("Hajin", 34.69, 40.83, "Deir ez-Zor"), fatalities=4,
                           source="Euphrates Monitor")]))

    b = Article(doc_id="t-hajin-2", published=date(2024, 5, 8), outlet="Valley Post",
                url="https://example.net/news/hajin-checkpoint",
                text="An SDF checkpoint outside Hajin came under attack by Islamic State cells late on "
                     "Monday. Five SDF members were killed, a commander told Valley Post.")
    out.append((b, [_event(b, 0, "An SDF checkpoint outside Hajin came under attack by Islamic State cells late "
                                 "on Monday.",
                           event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 5, 6),
                           actor1="Islamic State", actor2="Syrian Democratic Forces",
                           place=_place("Hajin", 34.70, 40.84, "Deir ez-Zor", precision=2), fatalities=5,
                           source="Valley Post")]))

    c = Article(doc_id="t-idlib", published=date(2024, 4, 20), outlet="North Desk",
                url="https://example.com/idlib-shelling",
                text="Government artillery shelled the outskirts of Sarmin in Idlib countryside on Friday. "
                     "Two civilians were killed and six wounded, according to rescuers.")
    out.append((c, [_event(c, 0, "Government artillery shelled the outskirts of Sarmin in Idlib countryside on "
                                 "Friday.",
                           event_type="Explosions/Remote violence",
                           sub_event_type="Shelling/artillery/missile attack", event_date=date(2024, 4, 19),
                           actor1="Military Forces of Syria", actor2="Civilians (Syria)",
                           place=_place("Sarmin", 35.90, 36.72, "Idlib"), fatalities=2, injuries=6,
                           source="rescuers")]))

    d = Article(doc_id="t-kirkuk", published=date(2024, 3, 3), outlet="Tigris Wire",
                text="Protesters gathered in central Kirkuk on Sunday to demand jobs and electricity. "
                     "The gathering ended peacefully.")
    out.append((d, [_event(d, 0, "Protesters gathered in central Kirkuk on Sunday to demand jobs and "
                                 "electricity.",
                           event_type="Protests", sub_event_type="Peaceful protest", event_date=date(2024, 3, 3),
                           actor1="Protesters (Iraq)",
                           place=_place("Kirkuk", 35.47, 44.39, "Kirkuk", country="Iraq"), fatalities=0,
                           source="Tigris Wire")]))

    e = Article(doc_id="t-hostile", published=date(2024, 5, 1), outlet="Odd Outlet " + HOSTILE,
                url="javascript:window.__pwned=4", title="Raid " + HOSTILE,
                text="Masked men raided a farm near Busayrah on Tuesday " + HOSTILE + " and abducted a "
                     "shepherd. Nobody was killed.")
    out.append((e, [_event(e, 0, "Masked men raided a farm near Busayrah on Tuesday " + HOSTILE + " and "
                                 "abducted a shepherd.",
                           event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
                           event_date=date(2024, 4, 30), actor1=HOSTILE_ACTOR, actor2="Civilians (Syria)",
                           place=_place("Busayrah " + HOSTILE, 35.15, 40.43, "Deir ez-Zor"), fatalities=0,
                           source="Odd Outlet " + HOSTILE, notes="notes " + HOSTILE)]))
    return out


def build(url: str) -> dict[str, int]:
    """Store the sample articles at `url` and merge the two Hajin reports by
    hand.  Returns canonical ids by name: hajin, idlib, kirkuk, hostile."""
    store = Store.open(url)
    try:
        ids: dict[str, list[int]] = {}
        for art, evs in articles():
            ids[art.doc_id] = store.save_article(art, evs).event_ids
        with store.begin() as conn:
            def canon(report_id: int) -> int:
                return conn.execute(select(events.c.canonical_id).where(events.c.id == report_id)).scalar_one()
            keep, gone = canon(ids["t-hajin"][0]), canon(ids["t-hajin-2"][0])
            conn.execute(update(events).where(events.c.id == ids["t-hajin-2"][0]).values(canonical_id=keep))
            conn.execute(delete(canonical_events).where(canonical_events.c.id == gone))
            conn.execute(update(canonical_events).where(canonical_events.c.id == keep).values(
                n_sources=2, fatalities_low=4, fatalities_high=5))
            conn.execute(insert(merge_links).values(
                canonical_id=keep, event_id=ids["t-hajin-2"][0], matched_event_id=ids["t-hajin"][0], score=0.91,
                reasons=json.dumps(["same day", "places 1.4 km apart", "same actors"]),
                decided_at=datetime.now(UTC), undone=False))
            return {"hajin": keep, "idlib": canon(ids["t-idlib"][0]), "kirkuk": canon(ids["t-kirkuk"][0]),
                    "hostile": canon(ids["t-hostile"][0])}
    finally:
        store.close()
