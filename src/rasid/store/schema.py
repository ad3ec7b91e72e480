"""The database tables (SQLAlchemy 2 typed ORM). Alembic migrations create and evolve them.

One row per report (raw and normalised text, provenance, content hash, status), its
mentions, the (fused) events with every ACLED column plus rasid's structured fields, the
event ↔ report links that keep each source's evidence, the actors and places events
refer to, and posture changes read from reinforcement / deployment / withdrawal events.
Nested structures that are read whole (force composition, movement, attribution,
evidence) are JSON columns; everything a query filters on is a plain indexed column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so that migrations can refer to them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Report(Base):
    """One ingested report. Failed and near-duplicate reports are kept too, with why."""

    __tablename__ = "reports"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    norm_text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300), index=True)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    retrieved: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    origin: Mapped[str | None] = mapped_column(Text)  # the file or feed it was read from
    status: Mapped[str] = mapped_column(String(20), index=True)  # ok | near_duplicate | failed
    reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String(200), index=True)
    similarity: Mapped[float | None] = mapped_column(Float)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    warnings: Mapped[list[Any]] = mapped_column(default=list)

    mentions: Mapped[list[Mention]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Mention.start"
    )
    sources: Mapped[list[EventSource]] = relationship(back_populates="report")


class Mention(Base):
    """A thing a report names (place, actor, weapon, quantity, date, source) with its offsets."""

    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_pk: Mapped[int] = mapped_column(ForeignKey("reports.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    canonical: Mapped[str | None] = mapped_column(Text)
    ref_id: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    attrs: Mapped[dict[str, Any]] = mapped_column(default=dict)

    report: Mapped[Report] = relationship(back_populates="mentions")


class Actor(Base):
    """An actor events refer to: a lexicon actor (its id) or a name rasid does not know yet."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(40))
    inter: Mapped[str | None] = mapped_column(String(60))
    parent_id: Mapped[str | None] = mapped_column(String(200), index=True)


class Place(Base):
    """A place events happened at, as resolved by the gazetteer (or a name when unresolved)."""

    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    norm_name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin3: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(80))


class Event(Base):
    """One happening, fused across the reports that tell of it."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_date", "event_type", "event_date"),
        Index("ix_events_sub_type_date", "sub_event_type", "event_date"),
        Index("ix_events_admin1_date", "admin1", "event_date"),
        Index("ix_events_lat_lon", "latitude", "longitude"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id_cnty: Mapped[str | None] = mapped_column(String(40), unique=True)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int] = mapped_column(Integer, default=3)
    disorder_type: Mapped[str] = mapped_column(String(60), default="")
    event_type: Mapped[str] = mapped_column(String(60))
    sub_event_type: Mapped[str] = mapped_column(String(80))
    actor1: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_1: Mapped[str] = mapped_column(Text, default="")
    inter1: Mapped[str] = mapped_column(String(60), default="")
    actor2: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_2: Mapped[str] = mapped_column(Text, default="")
    inter2: Mapped[str] = mapped_column(String(60), default="")
    interaction: Mapped[str] = mapped_column(String(120), default="")
    civilian_targeting: Mapped[str] = mapped_column(String(40), default="")
    iso: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(60), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    admin1: Mapped[str] = mapped_column(String(200), default="")
    admin2: Mapped[str] = mapped_column(String(200), default="")
    admin3: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(300), default="", index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, default="")
    source_scale: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    tags: Mapped[str] = mapped_column(Text, default="")
    timestamp: Mapped[int] = mapped_column(Integer, default=0)
    # rasid's structured fields
    actor1_id: Mapped[str | None] = mapped_column(String(200))
    actor2_id: Mapped[str | None] = mapped_column(String(200))
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    location_text: Mapped[str | None] = mapped_column(Text)
    injuries: Mapped[int | None] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(String(20), default="happened")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    force: Mapped[list[Any]] = mapped_column(default=list)
    movement: Mapped[list[Any]] = mapped_column(default=list)
    attribution: Mapped[list[Any]] = mapped_column(default=list)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the fused model.Event, whole

    sources: Mapped[list[EventSource]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSource.pk"
    )
    actors: Mapped[list[EventActor]] = relationship(back_populates="event", cascade="all, delete-orphan")


class EventActor(Base):
    """An actor's part in an event (actor1, assoc_actor_1, actor2, assoc_actor_2): the --actor filter."""

    __tablename__ = "event_actors"
    __table_args__ = (
        Index("ix_event_actors_actor", "actor_id", "event_pk"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)

    event: Mapped[Event] = relationship(back_populates="actors")


class EventSource(Base):
    """A report behind an event, with the event exactly as read from that report."""

    __tablename__ = "event_sources"
    __table_args__ = (
        UniqueConstraint("event_pk", "report_pk", "ordinal", name="uq_event_sources_link"),
        # Covering (report → event) for --text, which goes from matching reports to their
        # events without reading the rows and their JSON.
        Index("ix_event_sources_report_event", "report_pk", "event_pk"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    report_pk: Mapped[int] = mapped_column(ForeignKey("reports.pk", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # the event's index in that report's extraction
    extracted: Mapped[dict[str, Any]] = mapped_column(default=dict)  # model.Event from this report

    event: Mapped[Event] = relationship(back_populates="sources")
    report: Mapped[Report] = relationship(back_populates="sources")


class FusionKey(Base):
    """A blocking key an event is indexed under (`fusion.index_keys`): finds fusion candidates fast."""

    __tablename__ = "fusion_keys"
    __table_args__ = (Index("ix_fusion_keys_key", "event_type", "loc", "bucket"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(60))
    loc: Mapped[str] = mapped_column(String(300))
    bucket: Mapped[int] = mapped_column(Integer)


class PostureChange(Base):
    """A reported change of an actor's posture at a place, from one fused event (`posture.PostureChange`).

    Changes are the stored truth and posture records are folded from them for any date,
    so a re-merged event simply replaces its changes. The whole change is kept as JSON;
    the columns that queries filter on are copied out and indexed.
    """

    __tablename__ = "posture_changes"
    __table_args__ = (Index("ix_posture_actor_place", "actor_key", "place_key", "date"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    actor_key: Mapped[str] = mapped_column(String(300))
    actor_id: Mapped[str | None] = mapped_column(String(200), index=True)
    place_key: Mapped[str] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(40))
    change: Mapped[dict[str, Any]] = mapped_column(default=dict)


# SQLite's full-text index over normalised report text (created by the migration as an
# FTS5 virtual table; rowid = reports.pk). Declared here, outside the ORM metadata, so
# that queries can name it without building SQL from strings.
reports_fts = Table(
    "reports_fts",
    MetaData(),
    Column("rowid", Integer, primary_key=True),
    Column("body", Text),
    Column("rank", Float),  # FTS5's hidden column: bm25 score of a MATCH, lower is better
)
