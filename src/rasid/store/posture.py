"""Force posture: who is where, with what, according to whom, as of a date.

Analysts ask "who holds Hatla now, with what?" more than anything else. The answer is a
fold over reported changes: each reinforcement, deployment, withdrawal, base/HQ or
handover event yields `PostureChange`s (one per actor and place), and `apply` folds them,
in date order, into one `PostureRecord` per (actor, place). Changes are the stored truth
and records are derived, so the store persists changes (one row each, with the event they
came from) and recomputes records for any date with `as_of`; a re-merged event simply
replaces its changes.

Pure functions over `rasid.model` objects and small dataclasses; no database here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from rasid.lang.ar import load
from rasid.model import ActorRef, Event, ForceItem, Location
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import ARTICLE, CONJUNCTIONS, CONTRACTED_ARTICLE_PREFIXES


class Status(StrEnum):
    """An actor's posture at a place. Reduced presence is PRESENT with `reduced` set, not a status."""

    PRESENT = "present"
    REINFORCED = "reinforced"
    WITHDRAWN = "withdrawn"
    HQ_UNDER_CONSTRUCTION = "hq_under_construction"
    EVACUATED = "evacuated"


#: Statuses under which the actor is at the place.
PRESENT_STATUSES = frozenset({Status.PRESENT, Status.REINFORCED, Status.HQ_UNDER_CONSTRUCTION})

#: Sub-types that can move forces. Change to group/activity needs a cue word to say which
#: movement it is (it also covers recruitment and shipments, which change no posture).
POSTURE_SUBTYPES = frozenset(
    {"Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory"}
)

# Cue words (lang/ar/data/evidence.yaml), folded as normalize_key folds, matched as word
# prefixes in the event's evidence and notes. English cues match notes written in English.
_EVIDENCE = load("evidence")
_CUES: dict[str, tuple[str, ...]] = _EVIDENCE["posture_cues"]
#: A shipment of weapons moves no troops: named so, or with weapons as its only force, and
#: without personnel, it changes no posture (the weapons are supplies until a force is seen
#: with them).
_SHIPMENT_CUES: tuple[str, ...] = _EVIDENCE["shipment_cues"]
#: Receiving a place (rather than handing it over): the subject is the one now present.
_RECEIVE_CUES: tuple[str, ...] = _EVIDENCE["receive_cues"]
#: Only part of the force left: the actor stays, reduced.
_PARTIAL_CUES: tuple[str, ...] = _EVIDENCE["partial_cues"]
#: Evidence fields that name the happening itself (its trigger), read before the rest.
_TRIGGER_FIELDS = frozenset({"trigger", "event_type", "sub_event_type"})


@dataclass(frozen=True, slots=True)
class Strength:
    """One line of a force's strength: personnel, a vehicle type or a weapon type, with its count."""

    kind: str
    name: str
    count: int | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class PostureChange:
    """One reported change of one actor's posture at one place, from one (fused) event.

    Flat and JSON-ready (`to_dict`/`from_dict`) so the store keeps one row per change;
    `event_key` names the event it came from, so a re-merged event replaces its changes.
    """

    actor_key: str
    actor: str
    place_key: str
    place: str
    status: Status
    date: date | None = None
    actor_id: str | None = None
    place_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    reduced: bool = False
    strength: tuple[Strength, ...] = ()
    report_ids: tuple[str, ...] = ()
    event_key: str | None = None
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.actor_key, self.place_key)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: dates as ISO strings, strength as a list of dicts."""
        return {
            "actor_key": self.actor_key,
            "actor": self.actor,
            "place_key": self.place_key,
            "place": self.place,
            "status": self.status.value,
            "date": self.date.isoformat() if self.date else None,
            "actor_id": self.actor_id,
            "place_id": self.place_id,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "reduced": self.reduced,
            "strength": [
                {"kind": s.kind, "name": s.name, "count": s.count, "approximate": s.approximate}
                for s in self.strength
            ],
            "report_ids": list(self.report_ids),
            "event_key": self.event_key,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PostureChange:
        """The inverse of `to_dict`."""
        raw_date = d.get("date")
        return cls(
            actor_key=d["actor_key"],
            actor=d["actor"],
            place_key=d["place_key"],
            place=d["place"],
            status=Status(d["status"]),
            date=date.fromisoformat(raw_date) if isinstance(raw_date, str) else raw_date,
            actor_id=d.get("actor_id"),
            place_id=d.get("place_id"),
            admin1=d.get("admin1"),
            admin2=d.get("admin2"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            reduced=bool(d.get("reduced", False)),
            strength=tuple(Strength(**s) for s in d.get("strength") or ()),
            report_ids=tuple(d.get("report_ids") or ()),
            event_key=d.get("event_key"),
            note=d.get("note") or "",
        )


@dataclass(slots=True)
class PostureRecord:
    """An actor's posture at one place: status, latest known strength and the changes behind it."""

    actor_key: str
    actor: str
    place_key: str
    place: str
    status: Status
    actor_id: str | None = None
    place_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    first_reported: date | None = None
    last_reported: date | None = None
    reduced: bool = False
    note: str = ""
    strength: list[Strength] = field(default_factory=list)
    changes: list[PostureChange] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.actor_key, self.place_key)

    @property
    def present(self) -> bool:
        return self.status in PRESENT_STATUSES

    @property
    def sources(self) -> list[str]:
        """Every report behind the record, in the order the changes were applied."""
        return list(dict.fromkeys(r for c in self.changes for r in c.report_ids))


# --- reading changes from events ---------------------------------------------------------------


def _with_article(prefix: str) -> str:
    """A clitic followed by the article, contracted where Arabic contracts it (ل + ال → لل)."""
    contracted = prefix + ARTICLE[1:]
    return contracted if contracted in CONTRACTED_ARTICLE_PREFIXES else prefix + ARTICLE


#: Clitics and the article that may stand before a cue word (وانسحبت, بالانسحاب, للتعزيز).
_PREFIXES = tuple(
    dict.fromkeys(
        form
        for p in ("",) + CONJUNCTIONS + load("clitics")["common_prepositions"]
        for form in (p, _with_article(p))
    )
)


def _has_cue(text: str, cues: Iterable[str]) -> bool:
    """Whether any cue starts a word of `text` (both normalised, lower-cased), after a clitic."""
    padded = f" {text} "
    return any(f" {p}{c}" in padded for c in cues for p in _PREFIXES)


def _texts(event: Event) -> tuple[str, str]:
    """The trigger's words and all the event's words (evidence and notes), normalised."""
    trigger = " ".join(e.text for e in event.evidence if e.field in _TRIGGER_FIELDS)
    everything = " ".join([*(e.text for e in event.evidence), event.notes])
    return normalize_key(trigger).lower(), normalize_key(everything).lower()


def change_kind(event: Event) -> str | None:
    """Which movement an event reports: handover, construction, hq, evacuation, withdrawal,
    reinforcement, deployment; or None when it changes no posture.

    The sub-type decides where it can (a handover is a non-violent transfer; a base is a
    base); for Change to group/activity the cue words of the trigger decide, then those of
    all the event's evidence and notes, in the order of `_CUES` (a withdrawal that mentions
    the earlier reinforcement is still a withdrawal).
    """
    if event.event_type != "Strategic developments" or event.sub_event_type not in POSTURE_SUBTYPES:
        return None
    if event.modality == "planned":
        return None
    trigger, everything = _texts(event)
    if event.sub_event_type == "Non-violent transfer of territory":
        return "handover"
    if event.sub_event_type == "Headquarters or base established":
        building = event.modality == "ongoing" or _has_cue(everything, _CUES["construction"])
        return "construction" if building else "hq"
    if _is_shipment(event, everything):
        return None
    for text in (trigger, everything):
        if not text:
            continue
        for kind in ("evacuation", "withdrawal", "reinforcement", "deployment", "construction"):
            if _has_cue(text, _CUES[kind]):
                return kind
    return None


def _is_shipment(event: Event, text: str) -> bool:
    """Weapons on the move without troops: a supply run, not a change of posture."""
    if any(f.kind == "personnel" for f in event.force):
        return False
    weapons_only = bool(event.force) and all(f.kind == "weapon" for f in event.force)
    return weapons_only or _has_cue(text, _SHIPMENT_CUES)


def _strength(items: Sequence[ForceItem]) -> tuple[Strength, ...]:
    """Force items as strength lines, one per (kind, name), at the largest count given.

    A report names the same convoy again ("the reinforcements, 40 fighters ...") far more
    often than two separate groups of one kind, so repeated lines are not added up.
    """
    out: dict[tuple[str, str], Strength] = {}
    for item in items:
        count = item.count if item.count is not None else item.count_low
        prev = out.get((item.kind, item.name))
        if prev is not None and (count is None or (prev.count is not None and prev.count >= count)):
            continue
        out[(item.kind, item.name)] = Strength(item.kind, item.name, count, item.approximate)
    return tuple(out.values())


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def actor_key(ref: ActorRef) -> str:
    """An actor's record key: its lexicon id, else its normalised name."""
    return ref.id or normalize_key(ref.canonical or ref.text)


def place_key(loc: Location) -> str:
    """A place's record key: its gazetteer id, else its normalised name."""
    return loc.id or normalize_key(loc.name or loc.text)


def _for(
    refs: Sequence[ActorRef],
    loc: Location,
    status: Status,
    base: dict[str, Any],
) -> list[PostureChange]:
    return [
        PostureChange(
            actor_key=actor_key(r),
            actor=r.canonical or r.text,
            actor_id=r.id,
            place_key=place_key(loc),
            place=loc.name or loc.text,
            place_id=loc.id,
            admin1=loc.admin1,
            admin2=loc.admin2,
            lat=loc.lat,
            lon=loc.lon,
            status=status,
            **base,
        )
        for r in refs
    ]


def _distinct(refs: Iterable[ActorRef | None]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for r in refs:
        if r is not None:
            seen.setdefault(actor_key(r), r)
    return list(seen.values())


def _places(event: Event, role: str) -> list[Location]:
    """The distinct places of a movement role, else the event's location."""
    found = {place_key(m.location): m.location for m in event.movement if m.role == role}
    if found:
        return list(found.values())
    return [event.location] if event.location else []


def posture_updates(
    event: Event,
    report_id: str | Sequence[str],
    published: date | None,
    *,
    event_key: str | None = None,
) -> list[PostureChange]:
    """The posture changes an event reports, for actor1 and every associated actor.

    - planned movements change nothing (a threat to reinforce is not a reinforcement);
    - reinforcement/deployment: the actors are reinforced/present at the destination (or the
      event's location), with the event's force items as strength;
    - withdrawal/evacuation: withdrawn/evacuated from the origin (or the location), present at
      a named destination; when only part left ("most", "leaving a post") the actors stay
      present there, `reduced`, with a note;
    - base/HQ: present, or hq_under_construction while being built;
    - handover: the giver withdrawn and the receiver present (actor1 is the receiver when the
      words say it received, else the giver).

    The change's date is the event date, else the publication date. `report_id` may list
    several reports for a fused event.
    """
    kind = change_kind(event)
    if kind is None:
        return []
    day = _event_day(event) or published
    reports = (report_id,) if isinstance(report_id, str) else tuple(report_id)
    side1 = _distinct([event.actor1, *event.assoc_actor_1])
    side2 = _distinct([event.actor2, *event.assoc_actor_2])
    strength = _strength(event.force)
    base: dict[str, Any] = {"date": day, "report_ids": reports, "event_key": event_key}
    trigger, everything = _texts(event)
    out: list[PostureChange] = []
    if kind in ("reinforcement", "deployment"):
        status = Status.REINFORCED if kind == "reinforcement" else Status.PRESENT
        for loc in _places(event, "destination"):
            out += _for(side1, loc, status, {**base, "strength": strength})
    elif kind in ("withdrawal", "evacuation"):
        partial = _has_cue(everything, _PARTIAL_CUES)
        origins = _places(event, "origin")
        if partial:
            note = "reduced: most forces withdrew, a residual presence remains"
            for loc in origins:
                out += _for(side1, loc, Status.PRESENT, {**base, "reduced": True, "note": note})
        else:
            status = Status.EVACUATED if kind == "evacuation" else Status.WITHDRAWN
            for loc in origins:
                out += _for(side1, loc, status, base)
        origin_keys = {place_key(o) for o in origins}
        for m in event.movement:
            if m.role == "destination" and place_key(m.location) not in origin_keys:
                out += _for(side1, m.location, Status.PRESENT, {**base, "strength": strength})
    elif kind in ("hq", "construction"):
        status = Status.HQ_UNDER_CONSTRUCTION if kind == "construction" else Status.PRESENT
        for loc in _places(event, "destination"):
            out += _for(side1, loc, status, {**base, "strength": strength})
    elif kind == "handover":
        receiving = _has_cue(trigger or everything, _RECEIVE_CUES)
        giver, receiver = (side2, side1) if receiving else (side1, side2)
        for loc in _places(event, "origin"):
            out += _for(giver, loc, Status.WITHDRAWN, {**base, "note": "handed over"})
            out += _for(receiver, loc, Status.PRESENT, {**base, "note": "took over", "strength": strength})
    return out


def _event_day(event: Event) -> date | None:
    if not event.event_date:
        return None
    try:
        return date.fromisoformat(event.event_date[:10])
    except ValueError:
        return None


# --- folding changes into records ----------------------------------------------------------------


def _merge_strength(old: Sequence[Strength], new: Sequence[Strength], *, add: bool) -> list[Strength]:
    """Strength after a change: reinforcements add to what was there; other reports replace the lines they name."""
    out = {(s.kind, s.name): s for s in old}
    for s in new:
        prev = out.get((s.kind, s.name))
        if add and prev is not None:
            out[(s.kind, s.name)] = Strength(
                s.kind, s.name, _add(prev.count, s.count), prev.approximate or s.approximate
            )
        else:
            out[(s.kind, s.name)] = s
    return list(out.values())


def apply(records: dict[tuple[str, str], PostureRecord], change: PostureChange) -> None:
    """Fold one change into the records, in place: the change's status, dates, strength and source.

    Strength: reinforced adds the new forces to the known ones; present/HQ replaces the lines
    it names; withdrawn or evacuated clears it; reduced keeps only what the change names
    (what stays behind is usually unknown).
    """
    rec = records.get(change.key)
    if rec is None:
        rec = PostureRecord(
            actor_key=change.actor_key,
            actor=change.actor,
            actor_id=change.actor_id,
            place_key=change.place_key,
            place=change.place,
            place_id=change.place_id,
            admin1=change.admin1,
            admin2=change.admin2,
            lat=change.lat,
            lon=change.lon,
            status=change.status,
        )
        records[change.key] = rec
    if change.date is not None:
        rec.first_reported = min(rec.first_reported or change.date, change.date)
        rec.last_reported = max(rec.last_reported or change.date, change.date)
    for attr in ("admin1", "admin2", "lat", "lon", "place_id", "actor_id"):
        if getattr(rec, attr) is None and getattr(change, attr) is not None:
            setattr(rec, attr, getattr(change, attr))
    if change.status in (Status.WITHDRAWN, Status.EVACUATED) or change.reduced:
        rec.strength = list(change.strength) if change.reduced else []
    else:
        rec.strength = _merge_strength(rec.strength, change.strength, add=change.status == Status.REINFORCED)
    rec.status = change.status
    rec.reduced = change.reduced
    rec.note = change.note
    rec.changes.append(change)


def _order(change: PostureChange) -> tuple[int, str, str]:
    """Changes fold in date order (undated first); ties by event, so a recompute is deterministic."""
    return (change.date.toordinal() if change.date else 0, change.event_key or "", change.status.value)


def as_of(changes: Iterable[PostureChange], day: date | None = None) -> list[PostureRecord]:
    """The records every change up to `day` (all of them without a day) adds up to.

    Undated changes count at any date: they were reported, and we cannot place them later.
    Records come sorted by actor, then place.
    """
    records: dict[tuple[str, str], PostureRecord] = {}
    chosen = [c for c in changes if day is None or c.date is None or c.date <= day]
    for change in sorted(chosen, key=_order):
        apply(records, change)
    return sorted(records.values(), key=lambda r: (r.actor, r.place))
