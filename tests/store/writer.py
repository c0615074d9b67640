"""Made-up articles for store tests, and a writer process for the kill test.

    python writer.py URL FIRST LAST [GO_FILE]
        saves articles FIRST..LAST-1, printing "i created" for each; with GO_FILE,
        prints "ready" once open and waits for GO_FILE to exist before saving
"""
from __future__ import annotations

import sys
from datetime import date, timedelta

from marsad.records import Article, Event, Evidence, Place

PLACES = [("Kafr Nabl", 35.61, 36.56, "Idlib"), ("Al-Mayadin", 35.02, 40.45, "Deir ez-Zor"),
          ("Tal Abyad", 36.69, 38.95, "Ar-Raqqa")]


def article(i: int, n_events: int = 3) -> tuple[Article, list[Event]]:
    """Article number i with n_events events, each with two evidence spans."""
    name, lat, lon, adm1 = PLACES[i % len(PLACES)]
    sentences = [f"Report {i}, part {k}: fighters clashed near {name} and {k + 1} people died."
                 for k in range(n_events)]
    text = " ".join(sentences)
    doc_id = f"test-{i}"
    art = Article(doc_id=doc_id, text=text, published=date(2024, 1, 1) + timedelta(days=i % 300),
                  url=f"https://news.example.org/{i}", outlet="Example News", title=f"Clashes {i}")
    events, pos = [], 0
    for k, s in enumerate(sentences):
        place_at = s.index(name)
        events.append(Event(
            doc_id=doc_id, index=k, event_type="Battles", sub_event_type="Armed clash",
            event_date=art.published, actor1="Military Forces of Syria (2000-)", actor2="ISIS",
            place=Place(name, lat, lon, "Syria", 760, "SY", adm1, geo_precision=1,
                        gazetteer_id="geonames:1"), fatalities=k + 1, source="Example News",
            notes=s, evidence=[Evidence(s, pos, pos + len(s)),
                               Evidence(name, pos + place_at, pos + place_at + len(name), "place")]))
        pos += len(s) + 1
    return art, events


if __name__ == "__main__":
    from marsad.store import Store

    url, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = Store.open(url)
    if len(sys.argv) > 4:                 # a start signal: wait until the file exists
        import time
        from pathlib import Path
        print("ready", flush=True)
        while not Path(sys.argv[4]).exists():
            time.sleep(0.01)
    for i in range(first, last):
        res = store.save_article(*article(i))
        print(i, int(res.created), flush=True)
    store.close()
