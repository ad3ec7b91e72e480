"""Scoring of place, actor and weapon mentions against a report's gold lists (and geocoding).

A gold item is found when a system mention of its kind overlaps one of its occurrences in the
text, has the same normalised surface, or (actors, weapons) head-matches it (R2); a mention's
other coreferent spans find it too (R1), for recall only. A system actor is right when it finds
a gold actor or when its canonical names the same state or group as one of them (R4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.evaluation.identity import actor_family
from rasid.evaluation.surfaces import MentionKind, Span, head_contains, occurrences, overlap, same_surface
from rasid.evaluation.tally import KINDS, Scores
from rasid.geo.embedded import km

_WIDE_PLACE_KINDS = ("area", "governorate", "country", "district")
_WIDE_RADIUS_KM, _NARROW_RADIUS_KM = 50, 10
_ALIAS_COVER = 0.5  # an alias span must cover half of a gold occurrence


@dataclass(frozen=True)
class _Gold:
    """One gold item with the places its surface stands in the text."""

    item: dict[str, Any]
    spans: list[Span]


def _mention_span(text: str, m: dict[str, Any]) -> Span | None:
    """A mention's offsets, or the first occurrence of its text when it has none."""
    if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
        return m["start"], m["end"]
    found = occurrences(text, m.get("text", ""))
    return found[0] if found else None


def _alias_spans(m: dict[str, Any]) -> list[Span]:
    """R1: the mention's other spans of the same entity (`spans` or `attrs.spans`)."""
    spans = m.get("spans") or (m.get("attrs") or {}).get("spans") or []
    return [(s[0], s[1]) for s in spans if isinstance(s, list | tuple) and len(s) == 2]


def _finds(text: str, kind: MentionKind, m: dict[str, Any], gold: _Gold) -> bool:
    """The mention itself finds the gold item (by overlap, equal surface, or R2 containment)."""
    span = _mention_span(text, m)
    if span and any(overlap(span, o) for o in gold.spans):
        return True
    if same_surface(m.get("text", ""), gold.item["surface"]):
        return True
    return kind != "place" and head_contains(m.get("text", ""), gold.item["surface"], kind)


def _alias_finds(text: str, kind: MentionKind, m: dict[str, Any], gold: _Gold) -> bool:
    """R1: one of the mention's alias spans covers half a gold occurrence, or head-matches the gold surface."""
    for s in _alias_spans(m):
        for o in gold.spans:
            if not overlap(s, o):
                continue
            cover = (min(s[1], o[1]) - max(s[0], o[0])) / (o[1] - o[0])
            if cover >= _ALIAS_COVER or (kind != "place" and head_contains(text[s[0]:s[1]], gold.item["surface"], kind)):
                return True
    return False


def _geocode(scores: Scores, rid: str, place: dict[str, Any], hits: list[dict[str, Any]]) -> None:
    """Geocoding of a found gold place with coordinates: right within the radius its kind allows."""
    scores.geo_n += 1
    radius = _WIDE_RADIUS_KM if place.get("kind") in _WIDE_PLACE_KINDS else _NARROW_RADIUS_KM
    if any(km(m.get("lat"), m.get("lon"), place["lat"], place["lon"]) <= radius for m in hits):
        scores.geo_ok += 1
    else:
        got = [(m.get("lat"), m.get("lon")) for m in hits]
        scores.errors.append(f"{rid} geo {place['surface']}: gold {place['lat']},{place['lon']} sys {got}")


def _score_kind(scores: Scores, gold_row: dict[str, Any], kind: MentionKind, mentions: list[dict[str, Any]]) -> None:
    text, rid = gold_row["text"], gold_row["id"]
    golds = [_Gold(it, occurrences(text, it["surface"])) for it in gold_row.get(KINDS[kind]) or []]
    system = [m for m in mentions if m.get("kind") == kind]
    found = 0
    for g in golds:
        hits = [m for m in system if _finds(text, kind, m, g)]
        if not hits and not any(_alias_finds(text, kind, m, g) for m in system):
            scores.errors.append(f"{rid} missed {kind}: {g.item['surface']}")
            continue
        found += 1
        if kind == "place" and g.item.get("lat") is not None and hits:
            _geocode(scores, rid, g.item, hits)
    gold_families = {actor_family(a.get("name")) for a in gold_row.get("actors") or []} - {None}

    def right(m: dict[str, Any]) -> bool:
        """The mention finds a gold item, or (R4) is an actor of the same family as a gold one."""
        if any(_finds(text, kind, m, g) for g in golds):
            return True
        return kind == "actor" and actor_family(m.get("canonical")) in gold_families

    wrong = [m for m in system if not right(m)]
    scores.errors.extend(f"{rid} false {kind}: {m.get('text')}" for m in wrong)
    scores.entities[kind].add(found, len(golds), len(system) - len(wrong), len(system))


def score_mentions(scores: Scores, gold_row: dict[str, Any], mentions: list[dict[str, Any]]) -> None:
    """Add one report's places, actors and weapons (and geocoding) to `scores`."""
    for kind in ("place", "actor", "weapon"):
        _score_kind(scores, gold_row, kind, mentions)
