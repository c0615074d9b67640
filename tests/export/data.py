"""A small database with every kind of row the exports must carry: articles with
evidence, an article in Arabic, a merged incident (two reports, a merge link),
a split pair (merge block), an ACLED-imported row and an event with no place."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, update

from marsad.cli import main
from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store
from marsad.store.importer import import_acled_csv
from marsad.store.schema import canonical_events, events, merge_blocks, merge_links
from tests.store.writer import article

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
                "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
                "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
                "source,source_scale,notes,fatalities,tags,timestamp")


def acled_line(eid: str, day: str, lat: str = "36.2", lon: str = "37.1", fatalities: str = "2",
               country: str = "Syria", iso: str = "760", notes: str = "Made-up note.") -> str:
    return (f"{eid},{day},2023,1,Political violence,Explosions/Remote violence,Air/drone strike,"
            f"Military Forces of Russia (2000-),,8,Civilians (Syria),,7,78,Civilian targeting,"
            f"{iso},Middle East,{country},Aleppo,Jebel Saman,,Aleppo,{lat},{lon},1,"
            f"Local Source,Subnational,\"{notes}\",{fatalities},,1690000000")


def build(store: Store, tmp: Path) -> None:
    for i in range(3):
        store.save_article(*article(i))
    text = "قصفت طائرات مسيّرة قرية الغدفة جنوب إدلب، وقتل شخصان."
    art = Article(doc_id="ar-1", text=text, published=date(2024, 3, 2), url="https://example.org/ar/1",
                  outlet="وكالة مثال", title="غارة", language="ar")
    ev = Event(doc_id="ar-1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               event_date=date(2024, 3, 1), actor1="Unidentified Armed Group (Syria)",
               place=Place("Al-Ghadfa", 35.5, 36.7, "Syria", 760, "SY", "Idlib", "Maarrat An-Nu'man", 1,
                           "geonames:2", "الغدفة", 17, 23), fatalities=2, injuries=4,
               evidence=[Evidence(text, 0, len(text)), Evidence("الغدفة", 17, 23, "place")])
    nowhere = Event(doc_id="ar-1", index=1, event_type="Strategic developments",
                    sub_event_type="Looting/property destruction", event_date=None, time_precision=3)
    store.save_article(art, [ev, nowhere])
    csv_path = tmp / "acled.csv"
    csv_path.write_text(ACLED_HEADER + "\n" + acled_line("SYR9001", "2023-07-01") + "\n", encoding="utf-8")
    import_acled_csv(store, csv_path)
    # merge report test-1:0 into the incident of test-0:0, as the merge step would
    with store.begin() as conn:
        ids = dict(conn.execute(select(events.c.event_uid, events.c.id)).all())
        canon = dict(conn.execute(select(events.c.event_uid, events.c.canonical_id)).all())
        conn.execute(update(events).where(events.c.id == ids["test-1:0"]).values(canonical_id=canon["test-0:0"]))
        conn.execute(delete(canonical_events).where(canonical_events.c.id == canon["test-1:0"]))
        conn.execute(update(canonical_events).where(canonical_events.c.id == canon["test-0:0"])
                     .values(n_sources=2, fatalities_low=1, fatalities_high=1, source="Example News; Other"))
        when = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
        conn.execute(insert(merge_links).values(
            canonical_id=canon["test-0:0"], event_id=ids["test-1:0"], matched_event_id=ids["test-0:0"],
            score=0.87, reasons=json.dumps(["same day", "3 km apart"]), decided_at=when, undone=False))
        conn.execute(insert(merge_blocks).values(event_a=ids["test-2:0"], event_b=ids["test-2:1"],
                                                 created_at=when))


def marsad(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err
