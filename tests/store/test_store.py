from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from marsad.errors import StoreError
from marsad.records import Article, Event, Evidence, Place
from marsad.store import Store
from marsad.store.schema import canonical_events, documents, events, evidence, feed_items
from tests.store.writer import article

WRITER = Path(__file__).with_name("writer.py")


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def assert_consistent(store: Store) -> None:
    """Every document has exactly its events, every report its canonical event and evidence."""
    with store.engine.connect() as conn:
        bad_docs = conn.execute(text(
            "SELECT d.doc_id FROM documents d LEFT JOIN events e ON e.document_id = d.id "
            "GROUP BY d.id, d.doc_id, d.n_events HAVING COUNT(e.id) != d.n_events")).all()
        assert bad_docs == []
        assert conn.execute(text("SELECT COUNT(*) FROM events WHERE canonical_id IS NULL")).scalar_one() == 0
        orphans = conn.execute(text(
            "SELECT COUNT(*) FROM canonical_events c WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.canonical_id = c.id)")).scalar_one()
        assert orphans == 0
        no_evidence = conn.execute(text(
            "SELECT COUNT(*) FROM events e WHERE e.origin = 'marsad' AND NOT EXISTS "
            "(SELECT 1 FROM evidence v WHERE v.event_id = e.id)")).scalar_one()
        assert no_evidence == 0


def test_save_article_writes_everything_in_one_go(store: Store) -> None:
    art, evs = article(1)
    res = store.save_article(art, evs)
    assert res.created and len(res.event_ids) == 3
    assert count(store, documents) == 1 and count(store, events) == 3
    assert count(store, evidence) == 6 and count(store, canonical_events) == 3
    with store.engine.connect() as conn:
        rows = conn.execute(select(events).order_by(events.c.id)).mappings().all()
        assert [r["event_uid"] for r in rows] == ["test-1:0", "test-1:1", "test-1:2"]
        assert [r["id"] for r in rows] == res.event_ids
        assert all(r["document_id"] == res.document_id and r["origin"] == "marsad" for r in rows)
        assert rows[1]["evidence_text"] == evs[1].evidence[0].text
        assert rows[1]["evidence_start"] == evs[1].evidence[0].start
        c = conn.execute(select(canonical_events).where(canonical_events.c.id == rows[2]["canonical_id"])
                         ).mappings().one()
        assert (c["fatalities"], c["fatalities_low"], c["fatalities_high"], c["n_sources"]) == (3, 3, 3, 1)
        assert c["date_low"] == c["date_high"] == c["event_date"] == art.published
        assert (c["location"], c["latitude"], c["iso"], c["country_code"]) == ("Al-Mayadin", 35.02, 760, "SY")
        assert c["actor1"] == "Military Forces of Syria (2000-)" and c["gazetteer_id"] == "geonames:1"
        spans = conn.execute(select(evidence.c.start, evidence.c.end, evidence.c.role)
                             .where(evidence.c.event_id == rows[0]["id"]).order_by(evidence.c.id)).all()
        assert [tuple(s) for s in spans] == [(e.start, e.end, e.role) for e in evs[0].evidence]
        assert conn.execute(select(documents.c.n_events)).scalar_one() == 3
    assert_consistent(store)


def test_same_article_again_writes_nothing(store: Store) -> None:
    art, evs = article(2)
    first = store.save_article(art, evs)
    # the same doc_id; the same url under another id; the same text re-spaced under another id and url
    again = [
        (art, evs),
        (Article(doc_id="other-1", text="A different text.", url=art.url), []),
        (Article(doc_id="other-2", text="  " + art.text.replace(" ", "\n  ") + "\n"), []),
    ]
    for a, e in again:
        res = store.save_article(a, e)
        assert (res.document_id, res.created, res.event_ids) == (first.document_id, False, [])
    assert count(store, documents) == 1 and count(store, events) == 3 and count(store, evidence) == 6
    assert count(store, canonical_events) == 3


def test_find_document(store: Store) -> None:
    art, evs = article(3)
    doc = store.save_article(art, evs).document_id
    assert store.find_document(doc_id="test-3") == doc
    assert store.find_document(url=art.url) == doc
    assert store.find_document(content_hash=art.content_hash) == doc
    assert store.find_document(doc_id="nope", url="https://nope.example") is None
    with pytest.raises(ValueError):
        store.find_document()


def test_article_without_events_or_url(store: Store) -> None:
    a = Article(doc_id="quiet", text="Nothing happened today.")
    b = Article(doc_id="quiet-2", text="Nothing happened today either.")
    ra, rb = store.save_article(a, []), store.save_article(b, [])
    assert ra.created and rb.created and ra.event_ids == [] and ra.document_id != rb.document_id
    assert count(store, documents) == 2           # two NULL urls do not collide


def test_unique_constraints_hold(store: Store) -> None:
    art, evs = article(4)
    store.save_article(art, evs)
    now = date(2024, 1, 1)
    dup_doc = {"doc_id": "test-4", "content_hash": "x" * 64, "text": "t", "n_events": 0,
               "ingested_at": now}
    cases = [
        (documents, dup_doc),
        (documents, {**dup_doc, "doc_id": "new", "url": art.url}),
        (documents, {**dup_doc, "doc_id": "new", "content_hash": art.content_hash}),
        (events, {"event_uid": "test-4:0", "event_type": "Battles", "sub_event_type": "Armed clash",
                  "created_at": now}),
    ]
    for table, row in cases:
        with pytest.raises(IntegrityError), store.begin() as conn:
            conn.execute(insert(table), row)
    with store.begin() as conn:
        conn.execute(insert(feed_items), {"feed_url": "f", "item_key": "k", "seen_at": now})
    with pytest.raises(IntegrityError), store.begin() as conn:
        conn.execute(insert(feed_items), {"feed_url": "f", "item_key": "k", "seen_at": now})


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.begin() as conn:
        conn.execute(insert(evidence), {"event_id": 12345, "start": 0, "end": 1, "text": "x"})


def test_unicode_and_huge_text_round_trip(store: Store) -> None:
    arabic = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ٣ مدنيين. 🚀 "
    text_ = arabic * 25_000 + "end\x00with NUL"          # ~2 MB, and a NUL PostgreSQL would refuse
    art = Article(doc_id="عربي-١", text=text_, title="عنوان", url="https://example.org/خبر")
    ev = Event(doc_id=art.doc_id, event_type="Explosions/Remote violence",
               sub_event_type="Shelling/artillery/missile attack", actor1="قوات النظام",
               place=Place("كفرنبل", 35.61, 36.56, "Syria", 760, "SY"),
               evidence=[Evidence(arabic[:40], 0, 40), Evidence("\x00", len(text_) - 9, len(text_) - 8)])
    res = store.save_article(art, [ev])
    assert res.created
    with store.engine.connect() as conn:
        stored = conn.execute(select(documents.c.text, documents.c.doc_id)).one()
        assert len(stored.text) == len(text_)             # offsets still index the same characters
        assert stored.text == text_.replace("\x00", "\ufffd") and stored.doc_id == "عربي-١"
        assert conn.execute(select(events.c.actor1)).scalar_one() == "قوات النظام"
    assert store.find_document(content_hash=art.content_hash) == res.document_id
    assert not store.save_article(art, [ev]).created


def test_too_long_value_is_refused_and_nothing_written(store: Store) -> None:
    art, evs = article(5)
    evs[2].actor1 = "x" * 301
    with pytest.raises(StoreError, match=r"events\[2\]\.actor1 is 301 characters"):
        store.save_article(art, evs)
    evs[2].actor1 = "ok"
    evs[1].evidence[0].role = "a role name far too long"
    with pytest.raises(StoreError, match=r"events\[1\]\.evidence\.role"):
        store.save_article(art, evs)
    with pytest.raises(StoreError, match="same event_id"):
        store.save_article(art, [evs[0], evs[0]])
    assert count(store, documents) == 0 and count(store, events) == 0


def test_event_id_taken_by_another_document_rolls_back(store: Store) -> None:
    art, evs = article(6)
    store.save_article(art, evs)
    other = Article(doc_id="test-6-copy", text="Another text entirely.")
    with pytest.raises(StoreError, match="event_id"):
        store.save_article(other, evs)                 # events still say doc_id test-6
    assert count(store, documents) == 1 and count(store, events) == 3
    assert count(store, canonical_events) == 3
    assert_consistent(store)


def test_killed_writer_leaves_a_consistent_database(url: str) -> None:
    Store.open(url).close()                          # migrate first: the kill should hit the saves
    proc = subprocess.Popen([sys.executable, str(WRITER), url, "0", "100000"],
                            stdout=subprocess.PIPE, text=True)
    saved = 0
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    for line in proc.stdout:
        saved += 1
        if saved >= 25 or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert saved >= 25
    with Store.open(url) as store:
        n_docs = count(store, documents)
        assert n_docs >= saved                        # everything reported saved was committed
        assert_consistent(store)
        # re-running the whole batch saves only what was missing
        first = n_docs + 5
        for i in range(first):
            store.save_article(*article(i))
        assert count(store, documents) == first and count(store, events) == 3 * first
        assert_consistent(store)


def test_two_writers_saving_the_same_articles(url: str, tmp_path: Path) -> None:
    Store.open(url).close()
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(WRITER), url, "0", "20", str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:                                     # both open, then both start at once
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    created = [int(line.split()[1]) for out, _ in outs for line in out.splitlines()]
    assert len(created) == 40 and sum(created) == 20      # each article created exactly once
    with Store.open(url) as store:
        assert count(store, documents) == 20 and count(store, events) == 60
        assert_consistent(store)


def test_sqlite_settings(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path}/s.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_bare_path_and_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    with Store.open() as store:
        assert store.save_article(*article(7)).created
    assert (tmp_path / "env.db").exists()


def test_open_errors_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist.*mkdir"):
        Store.open(f"sqlite:///{tmp_path}/no/such/dir/x.db")
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not a database, just some notes " * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(str(junk))
    with pytest.raises(StoreError, match="start PostgreSQL"):
        Store.open("postgresql://nobody:secret@127.0.0.1:1/nothing")
    try:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/nothing")
    except StoreError as e:
        assert "secret" not in str(e)


@pytest.mark.postgres
def test_postgres_missing_database() -> None:
    from sqlalchemy.engine import make_url

    from tests.store.backends import pg_base_url
    url = make_url(pg_base_url()).set(database="marsad_no_such_db").render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="createdb"):
        Store.open(url)


def test_close_and_context_manager(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/c.db")
    with store:
        store.save_article(*article(8))
    assert "c.db" in repr(store)
    with Store.open(f"sqlite:///{tmp_path}/c.db") as again:
        assert again.find_document(doc_id="test-8") is not None
    os.remove(tmp_path / "c.db")
