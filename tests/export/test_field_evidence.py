"""Evidence for every field: each stored event points to the words its date, place, type,
actors and toll came from - counted over every example article run through the pipeline,
on each backend - and `export --format jsonl` carries those spans out and back in."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from marsad.config import Options
from marsad.errors import MarsadError
from marsad.export import export
from marsad.ingest import read_sources
from marsad.pipeline import Pipeline
from marsad.records import FIELD_ROLES
from marsad.store import Store
from marsad.store.importer import import_jsonl
from marsad.store.schema import documents, events, evidence

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from marsad.extract import Extractor

    return Extractor()                          # the built-in gazetteer only


@pytest.fixture
def examples_store(url: str, extractor) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """Every example article run through the pipeline into a database on each backend."""
    options = Options().with_(db=url)
    with Pipeline(options, extractor=extractor, store=Store.open(url)) as pipe:
        for item in read_sources([str(EXAMPLES)], options, allow_undated=True):
            assert not isinstance(item, MarsadError), str(item)
            pipe.process(item)
        yield pipe.store


def _stored(store: Store) -> tuple[list[dict[str, object]], dict[int, dict[str, list[dict[str, object]]]], dict[int, str]]:
    with store.engine.connect() as conn:
        evs = [dict(r._mapping) for r in conn.execute(select(events).order_by(events.c.id))]
        spans: dict[int, dict[str, list[dict[str, object]]]] = {}
        for r in conn.execute(select(evidence).order_by(evidence.c.id)):
            spans.setdefault(r.event_id, {}).setdefault(r.role, []).append(dict(r._mapping))
        texts = {d.id: d.text for d in conn.execute(select(documents.c.id, documents.c.text))}
    return evs, spans, texts


def _needed(e: dict[str, object]) -> list[str]:
    """The fields an event must have words for: date, place and type always; actors and a toll where set."""
    need = ["date", "type"] + (["place"] if e["location"] else [])
    return need + [f for f in ("actor1", "actor2", "fatalities") if e[f]]


def test_every_stored_event_has_words_for_each_field(examples_store: Store) -> None:
    evs, spans, texts = _stored(examples_store)
    assert len(evs) >= 20                                  # the examples report dozens of incidents
    missing = [(e["event_uid"], f) for e in evs for f in _needed(e) if not spans.get(e["id"], {}).get(f)]
    assert missing == [], f"{len(missing)} fields without evidence"
    assert all(e["location"] for e in evs)                # so "place" was required of every event
    for e in evs:                                         # the offsets index the stored article text
        for role, items in spans[e["id"]].items():
            for s in items:
                assert texts[e["document_id"]][s["start"]:s["end"]] == s["text"], (e["event_uid"], role)
    # the words say what the field says: a toll's words hold a number or a death, an actor's its name
    tolls = [s["text"] for e in evs for s in spans[e["id"]].get("fatalities", [])]
    assert tolls and all(any(ch.isdigit() for ch in t) or any(w in t.lower() for w in (
        "kill", "dead", "die", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "dozen", "body", "bodies")) for t in tolls)


def test_jsonl_export_carries_the_field_words_and_imports_them_back(examples_store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    export(examples_store.engine, "jsonl", out)
    lines = [json.loads(x) for x in out.getvalue().splitlines() if x.strip()]
    roles = {ev["role"] for rec in lines for rep in rec["reports"] for ev in rep["evidence"]}
    assert set(FIELD_ROLES) <= roles
    dump = tmp_path / "dump.jsonl"
    dump.write_text(out.getvalue(), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path}/back.db") as back:
        res = import_jsonl(back, dump)
        assert res.errors == [] and res.added == len(lines)
        again = io.StringIO()
        export(back.engine, "jsonl", again)
    assert again.getvalue() == out.getvalue()
