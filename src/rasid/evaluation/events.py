"""Scoring of events: pairing system events with gold events, then sub-type, actor1 and fatalities.

A system event can pair with a gold event of the same type whose location it matches (same
normalised surface, overlapping occurrence, or within 15 km of the gold place). Optional
"Same …" twins of one required event are folded into it as alternative locations (R6). Pairs
are chosen by a maximum-weight assignment (R5): required gold events first, then exact location
surfaces, then agreement on sub-type, actor1 and fatalities. Optional gold events neither count
as missed nor make their pair a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.evaluation.assignment import max_weight_assignment
from rasid.evaluation.identity import actor_family
from rasid.evaluation.surfaces import head_contains, norm_surface, overlapping_occurrences, same_surface
from rasid.evaluation.tally import EventOutcome, Scores
from rasid.geo.embedded import km

_LOCATION_RADIUS_KM = 15
# Pair weights (R5): any required pair outweighs every optional one and all tie-breaks together.
_REQUIRED, _OPTIONAL, _SAME_PLACE = 100_000, 60_000, 2_000
_SAME_SURFACE, _SAME_SUB_TYPE, _SAME_ACTOR1, _SAME_FATALITIES = 40, 20, 10, 5
_TWIN_PREFIX = "same"


def text_of(x: Any) -> str | None:
    """The text of an event field given as an object (`text` or `name`) or as a plain value."""
    if x is None:
        return None
    if isinstance(x, dict):
        return x.get("text") or x.get("name")
    return str(x)


def _sub_types(ge: dict[str, Any]) -> list[str]:
    subs = ge["sub_event_type"]
    return subs if isinstance(subs, list) else [subs]


def merge_twins(gold_events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """R6: an optional event summarised "Same …" whose one required twin has its type and actors
    becomes an alternative location of that twin (`alt_locations`)."""
    events = [dict(e) for e in gold_events]
    kept = []
    for e in events:
        if e.get("optional") and str(e.get("summary", "")).lower().startswith(_TWIN_PREFIX):
            twins = [r for r in events if not r.get("optional") and r["event_type"] == e["event_type"]
                     and r.get("actor1") == e.get("actor1") and r.get("actor2") == e.get("actor2")]
            if len(twins) == 1:
                twins[0]["alt_locations"] = [*twins[0].get("alt_locations", []), e.get("location")]
                continue
        kept.append(e)
    return kept


@dataclass(frozen=True)
class _Report:
    """One gold report's text, places by normalised surface and actors' English names."""

    text: str
    places: dict[str, dict[str, Any]]
    actor_names: dict[str, str | None]

    @classmethod
    def of(cls, gold_row: dict[str, Any]) -> _Report:
        places = {norm_surface(p["surface"]): p for p in gold_row.get("places") or []}
        names = {norm_surface(a["surface"]): a.get("name") for a in gold_row.get("actors") or []}
        return cls(gold_row["text"], places, names)

    def same_place(self, system: str, gold: str) -> bool:
        return same_surface(system, gold) or overlapping_occurrences(self.text, system, gold)

    def location_matches(self, se: dict[str, Any], gold_location: str | None) -> bool:
        """The system event's location is the gold one: same surface, overlapping text, or within 15 km."""
        if not gold_location:
            return not text_of(se.get("location"))
        location = se.get("location") or {}
        surface = text_of(location) or ""
        if surface and self.same_place(surface, gold_location):
            return True
        place = self.places.get(norm_surface(gold_location))
        if not place or place.get("lat") is None or not isinstance(location, dict):
            return False
        return km(location.get("lat"), location.get("lon"), place["lat"], place["lon"]) <= _LOCATION_RADIUS_KM

    def actor1_right(self, se: dict[str, Any], ge: dict[str, Any]) -> bool:
        """actor1 agrees: both absent, same or overlapping surface, head containment, or same identity (R4)."""
        gold, system = ge.get("actor1"), text_of(se.get("actor1"))
        if gold is None and system is None:
            return True
        if not (gold and system):
            return False
        if self.same_place(system, gold) or head_contains(system, gold, "actor"):
            return True
        actor = se.get("actor1")
        if not isinstance(actor, dict):
            return False
        ours = actor_family(actor.get("canonical") or actor.get("name"))
        theirs = actor_family(self.actor_names.get(norm_surface(gold)))
        return bool(ours and theirs and ours == theirs)


def _locations(ge: dict[str, Any]) -> list[str | None]:
    return [ge.get("location"), *ge.get("alt_locations", [])]


def _fatalities_right(se: dict[str, Any], ge: dict[str, Any]) -> bool:
    """Equal tolls, reading null (not stated) as 0."""
    return se.get("fatalities") == ge.get("fatalities") or (se.get("fatalities") or 0) == (ge.get("fatalities") or 0)


def _pair_weight(report: _Report, se: dict[str, Any], ge: dict[str, Any]) -> int:
    """R5's weight of pairing `se` with `ge`; 0 when they cannot pair."""
    if se.get("event_type") != ge["event_type"] or not any(report.location_matches(se, gl) for gl in _locations(ge)):
        return 0
    surface = text_of(se.get("location") or {}) or ""
    weight = _OPTIONAL if ge.get("optional") else _REQUIRED
    if surface and any(gl and report.same_place(surface, gl) for gl in _locations(ge)):
        weight += _SAME_PLACE
    if surface and ge.get("location") and same_surface(surface, ge["location"]):
        weight += _SAME_SURFACE
    if se.get("sub_event_type") in _sub_types(ge):
        weight += _SAME_SUB_TYPE
    if report.actor1_right(se, ge):
        weight += _SAME_ACTOR1
    if ge.get("fatalities") is not None and _fatalities_right(se, ge):
        weight += _SAME_FATALITIES
    return weight


def pair_events(report: _Report, gold_events: list[dict[str, Any]], system: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs of the best pairing, sorted."""
    if not gold_events or not system:
        return []
    weights = [[_pair_weight(report, se, ge) for se in system] for ge in gold_events]
    return sorted(max_weight_assignment(weights))


def _score_pair(scores: Scores, rid: str, report: _Report, ge: dict[str, Any], se: dict[str, Any]) -> None:
    scores.matched += 1
    subs = _sub_types(ge)
    if se.get("sub_event_type") in subs:
        scores.sub_ok += 1
    else:
        scores.errors.append(f"{rid} subtype {se.get('sub_event_type')} not in {subs}")
    if report.actor1_right(se, ge):
        scores.actor_ok += 1
    else:
        scores.errors.append(f"{rid} actor1 {text_of(se.get('actor1'))!r} vs gold {ge.get('actor1')!r}")
    if ge.get("fatalities") is not None:
        scores.fat_n += 1
        if _fatalities_right(se, ge):
            scores.fat_ok += 1
        else:
            scores.errors.append(f"{rid} fatalities {se.get('fatalities')} vs gold {ge['fatalities']} @ {ge.get('location')}")


def score_events(scores: Scores, gold_row: dict[str, Any], system: list[dict[str, Any]]) -> None:
    """Add one report's events to `scores`, with an outcome per system event."""
    rid, report = gold_row["id"], _Report.of(gold_row)
    gold_events = merge_twins(gold_row.get("events") or [])
    pairs = pair_events(report, gold_events, system)
    partner = {si: gi for gi, si in pairs}
    required = [i for i, ge in enumerate(gold_events) if not ge.get("optional")]
    paired_required = [(gi, si) for gi, si in pairs if not gold_events[gi].get("optional")]
    optional_hits = len(pairs) - len(paired_required)
    scores.events.add(len(paired_required), len(required), len(paired_required), len(system) - optional_hits)
    for gi, si in paired_required:
        _score_pair(scores, rid, report, gold_events[gi], system[si])
    matched_gold = {gi for gi, _ in pairs}
    for i in required:
        if i not in matched_gold:
            ge = gold_events[i]
            scores.errors.append(f"{rid} missed event {ge['event_type']} @ {ge.get('location')}: {ge.get('summary', '')}")
    for si, se in enumerate(system):
        kind = None if si not in partner else "optional" if gold_events[partner[si]].get("optional") else "required"
        scores.outcomes.append(EventOutcome(rid, si, se.get("confidence"), kind))
        if kind is None:
            scores.errors.append(f"{rid} false event {se.get('event_type')} @ {text_of(se.get('location'))}")
