"""Entity coreference: one mention per distinct actor or weapon, with its other spans attached.

A report names the same actor several ways (قوات سوريا الديمقراطية … قسد … قواتها).
Analysts and FORMAT.md list each distinct entity once, under its fullest name for actors
and its first name for weapons; rasid does the same in `mentions`, keeping every other
span of the entity in `attrs["spans"]` so that a reader can still highlight them all.
Before events, `resolve_anaphora` links "الميليشيا", "التنظيم" … to the group they refer to.
Generic actors (عناصر، مدنيون) are kept only where an event names them as its actor: on their
own, or as victims, they are descriptions of people, not parties. A state named by its
country's name (تركيا، إيران) is kept only where it acts; elsewhere it is a patron ("الموالية
لتركيا") or a place.
"""

from __future__ import annotations

from rasid.extract.cues import is_personnel
from rasid.extract.doc import Doc
from rasid.extract.mentions import surface_key
from rasid.lexicon.load import load_actor_anaphora, load_grammar
from rasid.model import ActorRef, Mention
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import strip_proclitics

# A definite head noun standing alone refers back to the last actor of its sort:
# "الميليشيا" to the militia just named, "التنظيم" to the jihadist group (anaphora.yaml).
_ANAPHORS = load_actor_anaphora()
_MILITIA_HEADS = frozenset(h for kinds, heads in _ANAPHORS.values() if "militia" in kinds for h in heads)

GRAMMAR = load_grammar()
_PARTITIVE = GRAMMAR["partitive"]
_BY = GRAMMAR["by_agent"]
_AND = next(iter(GRAMMAR["conjunction"]))


def _hashtag(m: Mention) -> bool:
    return "_" in m.text or "#" in m.text


def _representative(kind: str, group: list[Mention]) -> str:
    if kind == "actor":
        return max((surface_key(m.text) for m in group), key=lambda k: (len(k.split()), len(k)))
    return surface_key(group[0].text)


def _named_as_members(doc: Doc, m: Mention) -> bool:
    """"35 مقاتلا من ميليشيا فاطميون": the actor appears as the origin of counted members."""
    before = doc.words_between(max(0, m.start - 40), m.start)
    before = [w for w in before if w not in _MILITIA_HEADS][-3:]
    return len(before) >= 2 and before[-1] in _PARTITIVE and any(
        w[:1].isdigit() or is_personnel(w) for w in before[:-1]
    )


def resolve_anaphora(doc: Doc) -> None:
    """Actor mentions for "الميليشيا", "التنظيم", "الفصائل" … pointing at the actor they refer back to.

    A generic mention on the same word (الفصائل as "factions" in general) gives way to it.
    """
    actors = [m for m in doc.mentions if m.kind == "actor" and not m.attrs.get("generic")]
    if not actors:
        return
    added, replaced = [], []
    for token in doc.tokens:
        head = strip_proclitics(token.norm)
        if head not in _ANAPHORS:
            continue
        here = [m for k in ("actor", "weapon", "place") for m in doc.mentions_between(k, token.start - 200, token.end) if token.start < m.end]
        if any(not m.attrs.get("generic") for m in here):
            continue
        referent = _referent(doc, actors, token.start, *_ANAPHORS[head])
        if referent is not None:
            start = token.start + (len(token.norm) - len(head) if not token.norm.startswith(head) else 0)
            added.append(referent.model_copy(update={"text": doc.text[start : token.end], "start": start, "end": token.end,
                                                     "attrs": {**referent.attrs, "anaphor": True}}))
            replaced.extend(here)
    kept = [m for m in doc.mentions if not any(m is r for r in replaced)]
    doc.mentions = sorted(kept + added, key=lambda m: m.start)


def _referent(doc: Doc, actors: list[Mention], pos: int, kinds: frozenset[str], heads: tuple[str, ...]) -> Mention | None:
    """The last actor before `pos` named with one of `heads` (ميليشيا فاطميون), else the last of `kinds`.

    The group named as the subject comes before the members it brought along ("35 مقاتلا من …").
    """
    earlier = [a for a in actors if a.end <= pos]
    leading = [a for a in earlier if not _named_as_members(doc, a)] or earlier
    named = [m for m in leading if any(h in normalize_key(doc.text[max(0, m.start - 10) : m.end]) for h in heads)]
    return next((m for m in reversed(named or leading) if named or m.attrs.get("kind") in kinds), None)


def _named_as_agent(doc: Doc, m: Mention) -> bool:
    """ "من قبل الولايات المتحدة وإسرائيل": a state named as the one who acted, not as a patron."""
    before = doc.words_between(max(0, m.start - 60), m.start)[-4:]
    return bool(before) and (
        before[-1] in _BY or (not _BY.isdisjoint(before) and doc.text[m.start - 1 : m.start] == _AND)
    )


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
            group = [m for m in group if (m.start, m.end) in in_events or _named_as_agent(doc, m)]
        if not group:
            continue
        key = _representative(kind, group)
        # Hashtag spellings (#الجيش_التركي) are the same name: listed as spans of the plain one.
        same = sorted((m for m in group if surface_key(m.text) == key), key=lambda m: (_hashtag(m), m.start))
        chosen = [m for m in same if not _hashtag(m)] or same[:1]
        others = [[m.start, m.end] for m in group if m not in chosen]
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
