"""The database schema (SQLAlchemy Core), shared by SQLite and PostgreSQL.

    documents          one row per article (unique by doc_id, by url and by text hash)
    events             one row per *report*: an event as one article (or one
                       imported ACLED row) tells it, with its own date, place and numbers
    evidence           the spans of the article that support a report
    canonical_events   one row per real-world incident; every report points to one
                       (a report nobody merged has a canonical event of its own)
    merge_links        why a report joined a canonical event (score, reasons), undoable
    merge_blocks       pairs of reports an analyst split: never merged again
    feed_items         RSS/Atom items already seen by `marsad watch`
    user_places        places users added (GeoNames dumps, event datasets)
    user_aliases       alias -> place names users added

Migrations live in marsad/store/migrations (Alembic); `schema_migrations`
is Alembic's own version table.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(300), nullable=False, unique=True),
    Column("url", String(2000), nullable=True, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("outlet", String(300)),
    Column("title", Text),
    Column("published", Date),
    Column("origin", String(2000)),              # path, URL or feed it was read from
    Column("language", String(8), default="en"),
    Column("text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

# The columns an event and a canonical event share (ACLED's, plus marsad's own).
def _event_columns() -> list[Column]:
    return [
        Column("event_date", Date, index=True),
        Column("time_precision", Integer, nullable=False, default=1),
        Column("event_type", String(60), nullable=False, index=True),
        Column("sub_event_type", String(80), nullable=False),
        Column("actor1", String(300), nullable=False, default="", index=True),
        Column("assoc_actor_1", String(300), nullable=False, default=""),
        Column("actor2", String(300), nullable=False, default="", index=True),
        Column("assoc_actor_2", String(300), nullable=False, default=""),
        Column("country", String(100), nullable=False, default="", index=True),
        Column("iso", Integer),
        Column("country_code", String(2), nullable=False, default=""),
        Column("admin1", String(200), nullable=False, default="", index=True),
        Column("admin2", String(200), nullable=False, default=""),
        Column("location", String(300), nullable=False, default=""),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("geo_precision", Integer),
        Column("gazetteer_id", String(100)),
        Column("fatalities", Integer, nullable=False, default=0),
        Column("injuries", Integer),
        Column("source", Text, nullable=False, default=""),
        Column("notes", Text, nullable=False, default=""),
    ]


canonical_events = Table(
    "canonical_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_event_columns(),
    Column("date_low", Date),                    # earliest date any source gives
    Column("date_high", Date),                   # latest date any source gives
    Column("fatalities_low", Integer, nullable=False, default=0),
    Column("fatalities_high", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_canonical_events_lat_lon", canonical_events.c.latitude, canonical_events.c.longitude)
# Read side (marsad.store.queries, the API and dashboard): counts by week, type,
# admin1 and actor read only these indexes; a country's newest events come in date order.
_ce = canonical_events.c
Index("ix_canonical_events_date_type_fatalities", _ce.event_date, _ce.event_type, _ce.fatalities)
Index("ix_canonical_events_type_date_fatalities", _ce.event_type, _ce.event_date, _ce.fatalities)
Index("ix_canonical_events_admin1_fatalities", _ce.admin1, _ce.fatalities)
Index("ix_canonical_events_actor1_fatalities", _ce.actor1, _ce.fatalities)
Index("ix_canonical_events_actor2_actor1_fatalities", _ce.actor2, _ce.actor1, _ce.fatalities)
# a country's events by date, carrying every counted column (migration 0003)
Index("ix_canonical_events_country_date_covering", _ce.country, _ce.event_date, _ce.event_type, _ce.admin1,
      _ce.actor1, _ce.actor2, _ce.fatalities)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_uid", String(400), nullable=False, unique=True),   # "doc_id:index" or "acled:<id>"
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True),
    Column("origin", String(20), nullable=False, default="marsad"),  # marsad | acled-import
    Column("canonical_id", Integer, ForeignKey("canonical_events.id"), index=True),
    *_event_columns(),
    Column("evidence_text", Text, nullable=False, default=""),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # an imported ACLED row: the columns marsad does not model (inter1, region, tags...), JSON (0004)
    Column("acled_extra", Text),
)
# merge.py's blocking: coarse (week/month) reports within a date window
Index("ix_events_time_precision_event_date", events.c.time_precision, events.c.event_date)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("role", String(20), nullable=False, default="trigger"),
)

merge_links = Table(
    "merge_links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_id", Integer, ForeignKey("canonical_events.id"), nullable=False, index=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("matched_event_id", Integer, ForeignKey("events.id", ondelete="CASCADE")),
    Column("score", Float, nullable=False),
    Column("reasons", Text, nullable=False, default="[]"),           # JSON list of strings
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("undone", Boolean, nullable=False, default=False),
)

merge_blocks = Table(
    "merge_blocks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_a", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("event_b", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("event_a", "event_b"),
)

feed_items = Table(
    "feed_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_url", String(2000), nullable=False),
    Column("item_key", String(2000), nullable=False),                # guid, else link
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False, default="ok"),      # ok | failed
    UniqueConstraint("feed_url", "item_key"),
)

user_places = Table(
    "user_places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("norm_name", String(300), nullable=False, index=True),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("country_code", String(2), nullable=False, default=""),
    Column("admin1", String(200), nullable=False, default=""),
    Column("admin2", String(200), nullable=False, default=""),
    Column("feature_code", String(10), nullable=False, default=""),
    Column("population", Integer, nullable=False, default=0),
    Column("geonameid", Integer),
    Column("source", String(300), nullable=False),                   # e.g. "geonames:SY.txt", "ucdp:ged.csv"
    Column("added_at", DateTime(timezone=True), nullable=False),
)

user_aliases = Table(
    "user_aliases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alias", String(300), nullable=False),
    Column("norm_alias", String(300), nullable=False, index=True),
    Column("place", String(300), nullable=False),                    # the name the alias stands for
    Column("country_code", String(2), nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("source", String(300), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)


# -- the fields of a row, for writers and readers of files (export and import) -------------
# ACLED columns marsad has no column for: kept from an imported row as JSON in events.acled_extra
ACLED_EXTRA = ("disorder_type", "inter1", "inter2", "interaction", "civilian_targeting", "region", "admin3",
               "source_scale", "tags", "timestamp")
CANONICAL_FIELDS = tuple(c.name for c in canonical_events.columns if c.name != "id")
REPORT_FIELDS = tuple(c.name for c in events.columns
                      if c.name not in ("id", "document_id", "canonical_id"))
DOCUMENT_FIELDS = tuple(c.name for c in documents.columns if c.name != "id")
