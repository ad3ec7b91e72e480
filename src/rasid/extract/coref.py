"""Entity coreference: one mention per distinct actor or weapon, with its other spans attached.

A report names the same actor several ways (قوات سوريا الديمقراطية … قسد … قواتها).
Analysts and FORMAT.md list each distinct entity once, under its fullest name for actors
and its first name for weapons; rasid does the same in `mentions`, keeping every other
span of the entity in `attrs["spans"]` so that a reader can still highlight them all.
Generic actors (عناصر، مدنيون) are kept only where an event names them as its actor: on their
own, or as victims, they are descriptions of people, not parties. A state named by its
country's name (تركيا، إيران) is kept only where it acts; elsewhere it is a patron ("الموالية
لتركيا") or a place.
"""

from __future__ import annotations

from rasid.extract.doc import Doc
from rasid.model import ActorRef, Mention
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import strip_proclitics


def _surface_key(m: Mention) -> str:
    return normalize_key(strip_proclitics(normalize_key(m.text)))


def _representative(kind: str, group: list[Mention]) -> str:
    if kind == "actor":
        return max((_surface_key(m) for m in group), key=lambda k: (len(k.split()), len(k)))
    return _surface_key(group[0])


def resolve_coreference(doc: Doc) -> None:
    """Collapse actor and weapon mentions to one surface per entity; point events at it."""
    acting = {(e.actor1.start, e.actor1.end) for e in doc.events if e.actor1}
    in_events = {(a.start, a.end) for e in doc.events for a in [e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2] if a}
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in doc.mentions:
        if m.kind in ("actor", "weapon") and m.id:
            groups.setdefault((m.kind, m.id), []).append(m)
    keep: set[int] = set()
    representative: dict[tuple[str, str], Mention] = {}
    for (kind, _id), group in groups.items():
        if kind == "actor" and group[0].attrs.get("generic"):
            group = [m for m in group if (m.start, m.end) in acting]
        elif kind == "actor" and group[0].attrs.get("country_name"):
            group = [m for m in group if (m.start, m.end) in in_events]
        if not group:
            continue
        key = _representative(kind, group)
        # Hashtag spellings (#الجيش_التركي) are the same name; prefer the plain one.
        chosen = sorted((m for m in group if _surface_key(m) == key), key=lambda m: ("_" in m.text or "#" in m.text, m.start))
        others = [[m.start, m.end] for m in group if _surface_key(m) != key]
        if others:
            chosen[0].attrs["spans"] = others
        representative[(kind, _id)] = chosen[0]
        keep.update(id(m) for m in chosen)
    doc.mentions = [m for m in doc.mentions if m.kind not in ("actor", "weapon") or not m.id or id(m) in keep]
    for event in doc.events:
        event.actor1 = _rename(event.actor1, representative)
        event.actor2 = _rename(event.actor2, representative)
        event.assoc_actor_1 = [r for r in (_rename(a, representative) for a in event.assoc_actor_1) if r]
        event.assoc_actor_2 = [r for r in (_rename(a, representative) for a in event.assoc_actor_2) if r]


def _rename(ref: ActorRef | None, representative: dict[tuple[str, str], Mention]) -> ActorRef | None:
    """The event's actor under the entity's representative surface (evidence keeps the local span)."""
    if ref is None or not ref.id or ("actor", ref.id) not in representative:
        return ref
    rep = representative[("actor", ref.id)]
    return ref.model_copy(update={"text": rep.text, "start": rep.start, "end": rep.end})
