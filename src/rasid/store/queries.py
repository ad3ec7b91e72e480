"""Reading the store: event filters, records for events, reports and actors.

Filters are resolved against the small tables first (actors, places) and applied to
events as indexed `IN` conditions, so that a filter over 100,000 events stays an index
lookup: `--actor` becomes the set of actor ids at or below the named actor in the
hierarchy, `--place`/`--admin1` become place ids / admin1 values, `--near` a bounding box
refined by distance (both in SQL), `--text` the reports matching the full-text index.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from rasid.lexicon.load import ancestors, load_actors
from rasid.model import EVENT_TYPES, SUB_EVENT_TYPES, Evidence, Mention
from rasid.store import search as fts
from rasid.store.records import (
    ActorDetail,
    ActorRefLite,
    ActorSummary,
    DayCount,
    EventQuery,
    EventRecord,
    ReportRecord,
    ReportSummary,
    SourceRef,
)
from rasid.store.schema import Actor, Event, EventActor, EventSource, Place, Report
from rasid.text.normalize import normalize_key

KM_PER_DEG = 111.2


class QueryError(ValueError):
    """A filter that cannot be applied (an unknown place for --near); the message says which."""


# -- records -------------------------------------------------------------------------------


def sources_of(s: Session, event_pks: Sequence[int]) -> dict[int, list[SourceRef]]:
    """The sources of some events, with the evidence read from each report (not the report texts)."""
    out: dict[int, list[SourceRef]] = {pk: [] for pk in event_pks}
    stmt = (
        select(EventSource.event_pk, EventSource.extracted, Report.id, Report.outlet, Report.url, Report.published)
        .join(Report, Report.pk == EventSource.report_pk)
        .where(EventSource.event_pk.in_(event_pks))
        .order_by(EventSource.pk)
    )
    for event_pk, extracted, rid, outlet, url, published in s.execute(stmt):
        out[event_pk].append(
            SourceRef(
                report_id=rid,
                outlet=outlet,
                url=url,
                published=published,
                evidence=[Evidence.model_validate(e) for e in extracted.get("evidence", [])],
            )
        )
    return out


def event_record(row: Event, sources: list[SourceRef]) -> EventRecord:
    """An event row with its sources (see `sources_of`)."""
    return EventRecord(
        event_id=row.event_id_cnty or str(row.pk),
        event_id_cnty=row.event_id_cnty or str(row.pk),
        event_date=row.event_date,
        year=row.year,
        time_precision=row.time_precision,
        disorder_type=row.disorder_type,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        assoc_actor_1=row.assoc_actor_1,
        inter1=row.inter1,
        actor2=row.actor2,
        assoc_actor_2=row.assoc_actor_2,
        inter2=row.inter2,
        interaction=row.interaction,
        civilian_targeting=row.civilian_targeting,
        iso=row.iso,
        region=row.region,
        country=row.country,
        admin1=row.admin1,
        admin2=row.admin2,
        admin3=row.admin3,
        location=row.location,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        source=row.source,
        source_scale=row.source_scale,
        notes=row.notes,
        fatalities=row.fatalities,
        tags=row.tags,
        timestamp=row.timestamp,
        actor1_id=row.actor1_id,
        actor2_id=row.actor2_id,
        place_id=row.place_id,
        location_text=row.location_text,
        injuries=row.injuries,
        force=row.force,
        movement=row.movement,
        modality=row.modality,
        attribution=row.attribution,
        confidence=row.confidence,
        evidence=row.evidence,
        sources=sources,
    )


def report_record(s: Session, row: Report) -> ReportRecord:
    """A report with its mentions, the events it is a source of and its near-duplicates."""
    event_ids = s.scalars(
        select(Event.event_id_cnty)
        .join(EventSource, EventSource.event_pk == Event.pk)
        .where(EventSource.report_pk == row.pk)
        .order_by(EventSource.ordinal)
    ).all()
    near = s.scalars(select(Report.id).where(Report.duplicate_of == row.id).order_by(Report.pk)).all()
    return ReportRecord(
        report_id=row.id,
        text=row.text,
        outlet=row.outlet,
        published=row.published,
        url=row.url,
        retrieved=row.retrieved,
        content_hash=row.content_hash,
        status=row.status,  # type: ignore[arg-type]
        reason=row.reason,
        duplicate_of=row.duplicate_of,
        similarity=row.similarity,
        near_duplicates=list(near),
        mentions=[
            Mention(
                kind=m.kind,  # type: ignore[arg-type]
                text=m.text,
                start=m.start,
                end=m.end,
                canonical=m.canonical,
                id=m.ref_id,
                lat=m.lat,
                lon=m.lon,
                attrs=m.attrs,
            )
            for m in row.mentions
        ],
        event_ids=[e for e in event_ids if e],
        warnings=row.warnings,
    )


# -- resolving filters ----------------------------------------------------------------------


def actor_ids(s: Session, name: str) -> set[str]:
    """Ids of the actor called `name` (id, name or alias) and of every actor below it."""
    lexicon = load_actors()
    wanted, key = name.strip().lower(), normalize_key(name)
    roots = {
        aid
        for aid, a in lexicon.items()
        if aid.lower() == wanted or a.name.lower() == wanted or key in {normalize_key(x) for x in a.aliases}
    }
    roots |= set(
        s.scalars(
            select(Actor.id).where(or_(func.lower(Actor.id) == wanted, func.lower(Actor.name) == wanted))
        )
    )
    if not roots:
        return set()
    out = set(roots)
    out |= {aid for aid in lexicon if roots & set(ancestors(aid, lexicon))}
    # Actors the store knows but the lexicon does not (no lexicon parent chain).
    frontier = set(out)
    while frontier:
        children = set(s.scalars(select(Actor.id).where(Actor.parent_id.in_(frontier)))) - out
        out |= children
        frontier = children
    return out


def _places(s: Session, name: str) -> Select[tuple[Place]]:
    wanted = name.strip()
    return select(Place).where(
        or_(
            Place.id == wanted,
            func.lower(Place.name) == wanted.lower(),
            Place.norm_name == normalize_key(wanted),
        )
    )


def resolve_place(s: Session, name: str) -> Place | None:
    """A stored place with coordinates called `name`, the most used one first."""
    used = select(func.count(Event.pk)).where(Event.place_id == Place.id).correlate(Place).scalar_subquery()
    stmt = (
        _places(s, name).where(Place.lat.is_not(None), Place.lon.is_not(None)).order_by(used.desc(), Place.id)
    )
    return s.scalars(stmt.limit(1)).first()


def _canonical(value: str, names: Iterable[str]) -> str:
    """ACLED's spelling of a type name typed in any case."""
    for n in names:
        if n.lower() == value.strip().lower():
            return n
    return value.strip()


def conditions(s: Session, q: EventQuery) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if q.since:
        cond.append(Event.event_date >= q.since)
    if q.until:
        cond.append(Event.event_date <= q.until)
    if q.type:
        cond.append(Event.event_type == _canonical(q.type, EVENT_TYPES))
    if q.sub_type:
        cond.append(Event.sub_event_type == _canonical(q.sub_type, SUB_EVENT_TYPES))
    if q.actor:
        ids = actor_ids(s, q.actor)
        named = EventActor.name.ilike(fts.contains_pattern(q.actor.strip()), escape="\\")
        who = EventActor.actor_id.in_(ids) if ids else named
        cond.append(Event.pk.in_(select(EventActor.event_pk).where(who)))
    if q.place:
        ids = s.scalars(_places(s, q.place).with_only_columns(Place.id)).all()
        cond.append(Event.place_id.in_(ids))
    if q.admin1:
        values = s.scalars(
            select(Place.admin1).where(func.lower(Place.admin1) == q.admin1.strip().lower()).distinct()
        ).all()
        cond.append(Event.admin1.in_(set(values) | {q.admin1.strip()}))
    if q.near:
        place = resolve_place(s, q.near)
        if place is None or place.lat is None or place.lon is None:
            raise QueryError(
                f"unknown place {q.near!r}: no stored event location of that name has coordinates"
            )
        # Equirectangular distance, in SQL with arithmetic only (SQLite may lack trigonometry):
        # within 0.5 % of great-circle distance at the tens of km --within is used for.
        # The bounding box lets the (latitude, longitude) index narrow the rows first.
        dlat = q.within_km / KM_PER_DEG
        shrink = max(math.cos(math.radians(place.lat)), 0.01)
        dlon = dlat / shrink
        dy, dx = Event.latitude - place.lat, (Event.longitude - place.lon) * shrink
        cond += [
            Event.latitude.between(place.lat - dlat, place.lat + dlat),
            Event.longitude.between(place.lon - dlon, place.lon + dlon),
            dy * dy + dx * dx <= dlat * dlat,
        ]
    if q.text:
        reports = fts.matching_report_pks(s, q.text)
        if reports is None:
            cond.append(false())
        else:
            cond.append(Event.pk.in_(select(EventSource.event_pk).where(EventSource.report_pk.in_(reports))))
    return cond


_ORDER = (Event.event_date.desc().nulls_last(), Event.pk.desc())


def load_events(s: Session, stmt: Select[tuple[Event]]) -> list[EventRecord]:
    """Records of the events `stmt` selects, in its order, with their sources."""
    rows = s.scalars(stmt).all()
    sources = sources_of(s, [row.pk for row in rows])
    return [event_record(row, sources[row.pk]) for row in rows]


def events(s: Session, q: EventQuery) -> list[EventRecord]:
    """Events matching every filter of `q`, newest first, one page (`limit`, `offset`).

    The page is chosen on narrow rows (pk and date) and only its events are loaded whole:
    when a filter matches thousands of events, sorting them with their JSON columns
    would cost more than the rest of the query.
    """
    cond = conditions(s, q)
    pks = s.scalars(select(Event.pk).where(*cond).order_by(*_ORDER).limit(q.limit).offset(q.offset)).all()
    if not pks:
        return []
    return load_events(s, select(Event).where(Event.pk.in_(pks)).order_by(*_ORDER))


# The flat columns maps, CSV and GeoJSON show, under the names of `EventRecord`.
SUMMARY_COLUMNS = (
    Event.event_id_cnty.label("event_id"),
    *(
        getattr(Event, name)
        for name in (
            "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
            "actor2", "assoc_actor_2", "country", "admin1", "admin2", "location", "latitude", "longitude",
            "geo_precision", "fatalities", "modality", "confidence", "source", "notes",
        )
    ),
)  # fmt: skip


def event_summaries(s: Session, q: EventQuery) -> list[dict[str, Any]]:
    """One page of matching events as flat, JSON-ready rows: no sources, no evidence, no JSON columns.

    What a map of thousands of events needs, at a fraction of the cost of whole records
    (which load every source's evidence).
    """
    stmt = select(*SUMMARY_COLUMNS).where(*conditions(s, q)).order_by(*_ORDER).limit(q.limit).offset(q.offset)
    rows = [dict(row._mapping) for row in s.execute(stmt)]
    for row in rows:
        row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    return rows


def recent_reports(s: Session, limit: int, opening: int = 300) -> list[ReportSummary]:
    """The newest reports that were read (not failed), newest publication first."""
    stmt = (
        select(Report.id, Report.outlet, Report.published, Report.status, func.substr(Report.text, 1, opening))
        .where(Report.status != "failed")
        .order_by(Report.published.desc().nulls_last(), Report.pk.desc())
        .limit(limit)
    )
    return [
        ReportSummary(report_id=rid, outlet=outlet, published=day, status=status, opening=text)  # type: ignore[arg-type]
        for rid, outlet, day, status, text in s.execute(stmt)
    ]


def version(s: Session) -> str:
    """A token that changes whenever the store's content does: the newest report key and the report count.

    Every write adds a report row (a new, failed, duplicate-of-failed or re-read report), so
    answers computed at one version hold until it moves. The count catches a writer on
    PostgreSQL that commits a lower key after a higher one.
    """
    newest, count = s.execute(select(func.max(Report.pk), func.count(Report.pk))).one()
    return f"{newest or 0}.{count}"


def count_events(s: Session, q: EventQuery) -> int:
    """How many events match every filter of `q` (ignoring `limit`/`offset`)."""
    others = (q.since, q.until, q.type, q.sub_type, q.actor, q.place, q.near, q.admin1)
    if q.text and not any(others):
        # Text alone: count the events of the matching reports without visiting the events.
        reports = fts.matching_report_pks(s, q.text)
        if reports is None:
            return 0
        stmt = select(func.count(func.distinct(EventSource.event_pk))).where(EventSource.report_pk.in_(reports))
        return s.scalar(stmt) or 0
    cond = conditions(s, q)
    return s.scalar(select(func.count(Event.pk)).where(*cond)) or 0


def get_event(s: Session, event_id: str) -> EventRecord | None:
    stmt = select(Event).where(Event.event_id_cnty == event_id)
    records = load_events(s, stmt)
    return records[0] if records else None


def get_report(s: Session, report_id: str) -> ReportRecord | None:
    row = s.scalars(
        select(Report).where(Report.id == report_id).options(selectinload(Report.mentions))
    ).first()
    return report_record(s, row) if row else None


# -- actors ---------------------------------------------------------------------------------


def _counts(s: Session) -> dict[str, tuple[int, dt.date | None]]:
    rows = s.execute(
        select(
            EventActor.actor_id, func.count(func.distinct(EventActor.event_pk)), func.max(Event.event_date)
        )
        .join(Event, Event.pk == EventActor.event_pk)
        .group_by(EventActor.actor_id)
    )
    return {aid: (n, last) for aid, n, last in rows if aid}


def actors(s: Session) -> list[ActorSummary]:
    """Every actor the stored events name (and their ancestors), most active first."""
    counts = _counts(s)
    out = [
        ActorSummary(
            actor_id=a.id,
            name=a.name,
            kind=a.kind,
            inter=a.inter,
            parent_id=a.parent_id,
            event_count=counts.get(a.id, (0, None))[0],
            last_event_date=counts.get(a.id, (0, None))[1],
        )
        for a in s.scalars(select(Actor))
    ]
    return sorted(out, key=lambda a: (-a.event_count, a.name))


def get_actor(s: Session, actor_id: str) -> ActorDetail | None:
    """An actor with its ancestors, children, events per day (itself and below) — positions added by the caller."""
    lexicon = load_actors()
    row = s.get(Actor, actor_id)
    if row is None and actor_id not in lexicon:
        return None
    known = lexicon.get(actor_id)
    name = known.name if known else row.name if row else actor_id
    parent = known.parent if known else row.parent_id if row else None
    names = {a.id: a.name for a in s.scalars(select(Actor))} | {aid: a.name for aid, a in lexicon.items()}
    chain = ancestors(actor_id, lexicon) if known else ([parent] if parent else [])
    children = {aid for aid, a in lexicon.items() if a.parent == actor_id}
    children |= set(s.scalars(select(Actor.id).where(Actor.parent_id == actor_id)))
    ids = actor_ids(s, actor_id) | {actor_id}
    per_day = s.execute(
        select(Event.event_date, func.count(func.distinct(Event.pk)))
        .join(EventActor, EventActor.event_pk == Event.pk)
        .where(EventActor.actor_id.in_(ids), Event.event_date.is_not(None))
        .group_by(Event.event_date)
        .order_by(Event.event_date)
    )
    days = [DayCount(date=d, count=n) for d, n in per_day]
    n, last = _counts(s).get(actor_id, (0, None))
    return ActorDetail(
        actor_id=actor_id,
        name=name,
        kind=known.kind if known else row.kind if row else None,
        inter=known.inter if known else row.inter if row else None,
        parent_id=parent,
        event_count=n,
        last_event_date=last,
        ancestors=[ActorRefLite(actor_id=a, name=names.get(a, a)) for a in chain],
        children=[ActorRefLite(actor_id=c, name=names.get(c, c)) for c in sorted(children)],
        events_per_day=days,
    )
