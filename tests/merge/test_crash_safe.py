"""Nothing lost, nothing doubled: saving an article and merging its reports are one
transaction, so a process killed between the two leaves nothing half done; and
candidates that are themselves one incident are one match, not an ambiguity."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import sqlalchemy as sa

from marsad.config import Options
from marsad.merge import merge_new
from marsad.pipeline import Pipeline
from marsad.store.schema import canonical_events, documents, events
from tests.merge.conftest import make_store
from tests.merge.pairs import PAIRS, Doc


class HandCoded:
    """An extractor that returns the events written by hand in tests/merge/pairs.py."""

    def __init__(self, docs: list[Doc]):
        self.events = {d.doc_id: d.build()[1] for d in docs}

    def prepare(self, article):
        return article

    def extract(self, article):
        return self.events[article.doc_id]


def _counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                     for t in (documents, events, canonical_events))


def _pair(name: str):
    return next(p for p in PAIRS if p.name == name)


def test_a_kill_between_save_and_merge_leaves_nothing_and_the_rerun_merges(tmp_path):
    """The child saves the second article of a pair and is SIGKILLed inside the merge
    step; before, the article stayed saved and unmerged for good."""
    pair = _pair("sukhnah-ambush")
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    store = make_store(url)
    with Pipeline(Options(db=url), extractor=HandCoded([pair.a, pair.b]), store=store) as pipe:
        pipe.process(pair.a.build()[0])
    child = textwrap.dedent(f"""
        import os, signal
        import marsad.merge
        from marsad.config import Options
        from marsad.pipeline import Pipeline
        from marsad.store import Store
        from marsad.store.engine import create
        from tests.merge.pairs import PAIRS
        from tests.merge.test_crash_safe import HandCoded
        real = marsad.merge.merge_new
        def merge_then_die(conn, ids, **kw):
            real(conn, ids, **kw)
            os.kill(os.getpid(), signal.SIGKILL)
        marsad.merge.merge_new = merge_then_die
        pair = next(p for p in PAIRS if p.name == "sukhnah-ambush")
        store = Store(create({url!r}), {url!r})
        with Pipeline(Options(db={url!r}), extractor=HandCoded([pair.a, pair.b]), store=store) as pipe:
            pipe.process(pair.b.build()[0])
    """)
    proc = subprocess.run([sys.executable, "-c", child], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    assert _counts(store) == (1, 1, 1)          # the killed article left nothing behind
    with Pipeline(Options(db=url), extractor=HandCoded([pair.a, pair.b]), store=store) as pipe:
        res = pipe.process(pair.b.build()[0])
    assert res.created
    assert _counts(store) == (2, 2, 1)          # stored again, and merged into the first report's incident


def test_a_failing_merge_rolls_the_article_back(store):
    pair = _pair("shuhayl-ied")
    art, evs = pair.a.build()

    def fail(conn, ids):
        raise RuntimeError("merge failed")

    try:
        store.save_article(art, evs, then=fail)
    except RuntimeError:
        pass
    assert _counts(store) == (0, 0, 0)
    assert store.save_article(art, evs).created


def test_candidates_that_are_one_incident_are_one_match(store):
    """Two reports of one incident left unmerged (an older run was killed between saving
    and merging); a third report matches both equally well: it joins them, and they join."""
    first = _pair("sukhnah-ambush").a
    twin = Doc("p1a-reprint", "Al-Watan", first.published, first.text + " (Al-Watan)", first.events)
    third = Doc("p1a-again", "Sham FM", first.published, first.text + " (Sham FM)", first.events)
    for doc in (first, twin):
        store.save_article(*doc.build())            # saved, never merged
    assert _counts(store) == (2, 2, 2)
    art, evs = third.build()
    res = store.save_article(art, evs)
    with store.begin() as conn:
        decisions = merge_new(conn, res.event_ids)
    assert decisions[0].merged, decisions[0].reasons
    assert _counts(store) == (3, 3, 1)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(canonical_events.c.n_sources)).scalar_one() == 3


def test_remerge_heals_a_database_left_unmerged_by_an_older_marsad(store):
    """Three reports of one incident and one of another, saved without merging (as a
    killed ingest of an older marsad left them): remerge makes them two incidents."""
    from marsad.merge import remerge_alone

    first = _pair("sukhnah-ambush").a
    copies = [Doc(f"copy-{i}", f"Outlet {i}", first.published, f"{first.text} ({i})", first.events)
              for i in range(2)]
    other = _pair("shuhayl-ied").a
    for doc in (first, *copies, other):
        store.save_article(*doc.build())
    assert _counts(store) == (4, 4, 4)
    with store.begin() as conn:
        merged = remerge_alone(conn)
    assert _counts(store) == (4, 4, 2) and merged
    with store.begin() as conn:
        assert remerge_alone(conn) == []              # nothing left to do
