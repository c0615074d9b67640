"""The words each field of a report came from: highlighted on the event page (inside the
evidence sentence, or alone when they stand in another sentence) and printed by `events show`."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from marsad.cli import main
from marsad.config import Options
from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store

TEXT = ("On Sunday, fighting resumed near Bakhmut. Wagner fighters attacked Ukrainian positions in Klishchiivka, "
        "killing <b>three</b> soldiers.")


def _w(words: str, role: str, nth: int = 0) -> Evidence:
    start = [m.start() for m in re.finditer(re.escape(words), TEXT)][nth]
    return Evidence(words, start, start + len(words), role)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fw') / 'fw.db'}"
    sentence = TEXT[TEXT.index("Wagner"):]
    ev = Event(doc_id="fw", event_type="Battles", sub_event_type="Armed clash", event_date=date(2023, 3, 5),
               actor1="Wagner Group", actor2="Military Forces of Ukraine", fatalities=3,
               place=Place(location="Klishchiivka", latitude=48.53, longitude=37.96, country="Ukraine",
                           country_code="UA", geo_precision=1),
               evidence=[_w(sentence, "trigger"), _w("Sunday", "date"), _w("Klishchiivka", "place"),
                         _w("Wagner fighters", "actor1"), _w("Ukrainian positions", "actor2"),
                         _w("killing <b>three</b> soldiers", "fatalities"), _w("attacked", "type")])
    with Store.open(url) as store:
        saved = store.save_article(Article(doc_id="fw", text=TEXT, published=date(2023, 3, 7)), [ev])
        with store.engine.connect() as conn:
            from sqlalchemy import select

            from marsad.store.schema import events
            canonical = conn.execute(select(events.c.canonical_id).where(
                events.c.id == saved.event_ids[0])).scalar_one()
    return url, canonical


@pytest.fixture(scope="module")
def client(db: tuple[str, int]) -> Iterator[TestClient]:
    from marsad.web.app import create_app

    with TestClient(create_app(db[0], Options(db=db[0], api_key=None, tile_url=None))) as c:
        yield c


def test_event_page_marks_each_field_inside_the_evidence(client: TestClient, db: tuple[str, int]) -> None:
    page = client.get(f"/events/{db[1]}").text
    (mark,) = re.findall(r'<mark class="evidence"[^>]*>(.*?)</mark>', page, re.DOTALL)
    assert re.search(r'<span class="field field-actor1 " title="actor1">Wagner fighters</span>', mark)
    assert re.search(r'title="type">attacked</span>', mark) and re.search(r'title="place">Klishchiivka</span>', mark)
    assert "&lt;b&gt;three&lt;/b&gt;" in mark and "<b>three</b>" not in page     # article text stays inert
    # the date's words stand in the sentence before: marked as the date, outside the evidence
    before = page[:page.index('<mark class="evidence"')]
    assert re.search(r'title="date">Sunday</span>', before)
    assert re.search(r"<dt>fatalities</dt><dd><span class=\"field field-fatalities\">killing &lt;b&gt;three", page)


def test_events_show_prints_the_words_of_each_field(db: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["events", "show", str(db[1]), "--db", db[0]])
    out = capsys.readouterr().out
    assert done.value.code == 0, out
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("      ") and ">>" in ln}
    assert set(lines) == {"date", "place", "actor1", "actor2", "fatalities", "type"}
    start = TEXT.index("Wagner fighters")
    assert f">>Wagner fighters<< ({start}-{start + 15})" in lines["actor1"]
