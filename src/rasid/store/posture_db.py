"""Force posture in the database: changes stored per fused event, records folded on demand.

`rasid.store.posture` reads changes from events and folds them (pure logic); this module
keeps one `posture_changes` row per change, replaces a fused event's changes whenever the
event is re-merged, and answers "who is where as of a date" by folding the stored changes
up to that date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select
from sqlalchemy.orm import Session

from rasid import model
from rasid.store import posture as logic
from rasid.store.queries import actor_ids
from rasid.store.records import PostureChange as ChangeRecord
from rasid.store.records import PostureRecord, StrengthItem
from rasid.store.schema import PostureChange

DROP_CHANGES = delete(PostureChange.__table__).where(PostureChange.__table__.c.event_pk == bindparam("e"))


def change_rows(
    event_pk: int,
    event_key: str,
    event: model.Event,
    report_ids: list[str],
    published: dt.date | None,
) -> list[dict[str, Any]]:
    """The `posture_changes` rows of one (re)merged event (the caller drops its old ones)."""
    return [
        {
            "event_pk": event_pk,
            "actor_key": ch.actor_key,
            "actor_id": ch.actor_id,
            "place_key": ch.place_key,
            "admin1": ch.admin1,
            "date": ch.date,
            "status": ch.status.value,
            "change": ch.to_dict(),
        }
        for ch in logic.posture_updates(event, report_ids, published, event_key=event_key)
    ]


def _strength(items: list[logic.Strength]) -> list[StrengthItem]:
    return [StrengthItem(kind=i.kind, name=i.name, count=i.count, approximate=i.approximate) for i in items]


def _record(rec: logic.PostureRecord) -> PostureRecord:
    return PostureRecord(
        actor_id=rec.actor_id,
        actor=rec.actor,
        place_id=rec.place_id,
        place=rec.place,
        admin1=rec.admin1,
        admin2=rec.admin2,
        latitude=rec.lat,
        longitude=rec.lon,
        first_reported=rec.first_reported,
        last_reported=rec.last_reported,
        status=rec.status.value,
        present=rec.present,
        reduced=rec.reduced,
        note=rec.note,
        strength=_strength(rec.strength),
        sources=rec.sources,
        changes=[
            ChangeRecord(
                date=c.date,
                status=c.status.value,
                reduced=c.reduced,
                event_id=c.event_key,
                report_ids=list(c.report_ids),
                strength=_strength(list(c.strength)),
                note=c.note,
            )
            for c in rec.changes
        ],
    )


def posture(
    s: Session, *, as_of: dt.date | None = None, actor: str | None = None, admin1: str | None = None
) -> list[PostureRecord]:
    """Posture records per (actor, place) as of a date; `actor` includes the actors below it."""
    stmt = select(PostureChange.change).order_by(PostureChange.pk)
    if as_of is not None:
        stmt = stmt.where(or_(PostureChange.date.is_(None), PostureChange.date <= as_of))
    if actor:
        ids = actor_ids(s, actor)
        wanted = actor.strip().lower()
        stmt = stmt.where(
            or_(
                PostureChange.actor_id.in_(ids),
                PostureChange.actor_key.in_(ids),
                func.lower(PostureChange.actor_key) == wanted,
            )
        )
    if admin1:
        stmt = stmt.where(func.lower(PostureChange.admin1) == admin1.strip().lower())
    changes = [logic.PostureChange.from_dict(d) for d in s.scalars(stmt)]
    return [_record(r) for r in logic.as_of(changes, as_of)]
