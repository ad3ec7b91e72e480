"""Cross-report event fusion: is a newly read event a happening we already hold, and if so, merge.

The same clash or strike is told by several outlets, in different words, on different days,
with different precision. ACLED counts it once, with every outlet in `source`. This module
decides sameness and merges, as pure functions over `rasid.model` objects and small
dataclasses, so the store can call it inside its ingest transaction and recompute a fused
event from its member events at any time (`merge` depends only on its inputs).

How the store is expected to use it:

1. For each extracted event, build a `FusableEvent` (`FusableEvent.from_event`), compute
   `candidate_keys(fe)` and fetch the fused events indexed under any of those keys (a
   `(event_type, loc, bucket)` key table with an index; each fused event is indexed under
   `index_keys(its FusableEvent)`).
2. Keep the first candidate (in creation order, as `fuse_all` does) that `fe` `joins`:
   `same_happening` with the candidate's merged view (`FusedEvent.view`), and at the
   same place if the candidate already holds an event of this report; else start a new
   fused event.
3. Re-merge the fused event from all its member events and their sources with `merge`,
   and store `evidence_by_source` alongside it; re-index it under its new keys.

`fuse_all` does exactly that in memory and is the reference the store's tests can compare to.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rasid.geo.embedded import km
from rasid.lang.ar import load
from rasid.lexicon.load import SOURCE_SCALES, actors_compatible, ancestors, load_actors, load_outlet_scales
from rasid.model import ActorRef, Attribution, Event, Evidence, Extraction, ForceItem, Location, Movement
from rasid.text.normalize import normalize_key

if TYPE_CHECKING:
    from rasid.lexicon.entries import Actor

# --- rule constants (each one is a documented rule of `same_happening`) -------------------

#: Two locations closer than this are the same place for fusion (issue 4: 10 km).
MAX_DISTANCE_KM = 10.0
#: Two exact dates this many days apart can still be the same happening (issue 4: ±2 days).
DATE_SLACK_DAYS = 2
#: A week-precision date (ACLED time_precision 2) stands for this many days either side; with
#: the slack above, an exact date within ±7 days of it matches.
WEEK_RADIUS_DAYS = 5
#: An event without a date happened on or shortly before its report was published.
UNDATED_LOOKBACK_DAYS = 2
#: Location kinds that name a region rather than a point: such a location matches any
#: point location inside the same district (admin2).
COARSE_KINDS = frozenset(
    {"country", "governorate", "district", "area", "region", "badia", "plain", "mountain", "river"}
)

#: Sub-types that one report may call by another name for the same happening. A vague report
#: says "قصف" (bombardment) where another names the aircraft (`BOMBARDMENT`, compatible only
#: when one of the two reports is vague about the means); a clash report becomes a takeover
#: report once the outcome is known; a car bomb is "suicide" in one outlet only; troops
#: arriving to set up a base are a base establishment in one report and a deployment
#: (change to group/activity) in another.
BOMBARDMENT = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
COMPATIBLE_SUBTYPES: tuple[frozenset[str], ...] = (
    BOMBARDMENT,
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    frozenset({"Change to group/activity", "Headquarters or base established"}),
)
_SUBTYPE_GROUP: dict[str, int] = {sub: i for i, group in enumerate(COMPATIBLE_SUBTYPES) for sub in group}

#: Event types whose two sides are interchangeable: "clashes between A and B" and "clashes
#: between B and A" are one happening, while "A shells B" and "B shells A" are two.
SYMMETRIC_TYPES = frozenset({"Battles"})

#: ACLED source_scale of an outlet, by the outlet's name as reports give it (lower-cased):
#: lexicon/data/outlets.yaml. Unknown outlets fall back to DEFAULT_SOURCE_SCALE: we cannot
#: tell their reach, and ACLED's catch-all is Other.
OUTLET_SCALES: dict[str, str] = load_outlet_scales()
DEFAULT_SOURCE_SCALE = "Other"
#: Order used to write a combined scale, narrowest reach first ("Subnational-National").
_SCALE_ORDER = SOURCE_SCALES


# --- inputs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The report an event was read from: what ACLED's `source` and the evidence tags need."""

    report_id: str
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    #: ACLED source_scale when the store knows it better than `OUTLET_SCALES`.
    scale: str | None = None


@dataclass(frozen=True, slots=True)
class FusableEvent:
    """The few fields `same_happening` compares, flat so the store can build it from a row.

    Dates are day ordinals (`date.toordinal()`) of the window the event may have happened
    in: cheap to compare, and the store can keep them as two integer columns.
    """

    event_type: str
    sub_event_type: str
    day_lo: int | None
    day_hi: int | None
    lat: float | None = None
    lon: float | None = None
    place_id: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    coarse: bool = False
    side1: frozenset[str] = frozenset()
    side2: frozenset[str] = frozenset()
    planned: bool = False
    #: The sub-type is a guess: a bombardment whose words name neither aircraft nor guns.
    vague: bool = False

    @classmethod
    def from_event(cls, event: Event, published: date | None = None) -> FusableEvent:
        """The fusable view of an event, `published` being its report's date (for undated events)."""
        loc = event.location
        lo, hi = date_window(event.event_date, event.time_precision, published)
        return cls(
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            day_lo=lo,
            day_hi=hi,
            lat=loc.lat if loc else None,
            lon=loc.lon if loc else None,
            place_id=loc.id if loc else None,
            admin2=loc.admin2 if loc else None,
            admin3=loc.admin3 if loc else None,
            coarse=is_coarse(loc),
            side1=_side(event.actor1, event.assoc_actor_1),
            side2=_side(event.actor2, event.assoc_actor_2),
            planned=event.modality == "planned",
            vague=not names_its_means(event),
        )


# Words that say how a bombardment came (lang/ar/data/evidence.yaml, matched inside words), and
# the weapon categories that say it. Missiles fly from the ground and from the air, so a
# missile alone names the ground only when nothing names aircraft.
_AIR_WORDS: tuple[str, ...] = load("evidence")["air_means"]
_GROUND_WORDS: tuple[str, ...] = load("evidence")["ground_means"]
_AIR_CATEGORIES = frozenset({"aircraft", "drone", "helicopter"})
_GROUND_CATEGORIES = frozenset(
    {"artillery", "mortar", "mlrs", "rocket", "missile", "ballistic_missile", "tank"}
)


def names_its_means(event: Event) -> bool:
    """Whether an event's own words back its bombardment sub-type (always true for other sub-types).

    An air strike is named when aircraft or drones are; a shelling when guns, shells or
    rockets are and no aircraft. Read from the event's trigger, actors and force (not the
    whole sentence, which may tell of something else).
    """
    if event.sub_event_type not in BOMBARDMENT:
        return True
    words = [e.text for e in event.evidence if e.field != "sentence"]
    words += [a.text for a in (event.actor1, event.actor2) if a is not None]
    text = normalize_key(" ".join(words))
    categories = {f.category for f in event.force}
    air = any(w in text for w in _AIR_WORDS) or bool(categories & _AIR_CATEGORIES)
    if event.sub_event_type == "Air/drone strike":
        return air
    ground = any(w in text for w in _GROUND_WORDS) or bool(categories & _GROUND_CATEGORIES)
    return ground and not air


def is_coarse(loc: Location | None) -> bool:
    """A location that names a region, not a point: ACLED geo_precision 3, or a region kind
    when the precision is unknown. A subdistrict is not a region here: its centroid is
    usually the town it is named after, and the 10 km rule serves it better."""
    if loc is None:
        return False
    if loc.geo_precision is not None:
        return loc.geo_precision >= 3
    return (loc.kind or "") in COARSE_KINDS


def _side(main: ActorRef | None, assoc: Sequence[ActorRef]) -> frozenset[str]:
    """Actor ids on one side; actors the lexicon does not know tell nothing and are left out."""
    return frozenset(a.id for a in ([main] if main else []) + list(assoc) if a and a.id)


def date_window(
    event_date: str | None, time_precision: int, published: date | None
) -> tuple[int | None, int | None]:
    """The days (as ordinals) an event may have happened on, given how precise its date is.

    time_precision 1 → that day; 2 → ±WEEK_RADIUS_DAYS; 3 → the whole month. Without a date,
    the report's publication date stands in: the happening was on it or up to
    UNDATED_LOOKBACK_DAYS before. Without either, (None, None): such an event is never fused.
    """
    day: date | None = None
    if event_date:
        try:
            day = date.fromisoformat(event_date[:10])
        except ValueError:
            day = None
    if day is None:
        if published is None:
            return None, None
        return published.toordinal() - UNDATED_LOOKBACK_DAYS, published.toordinal()
    if time_precision <= 1:
        return day.toordinal(), day.toordinal()
    if time_precision == 2:
        return day.toordinal() - WEEK_RADIUS_DAYS, day.toordinal() + WEEK_RADIUS_DAYS
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first.toordinal(), nxt.toordinal() - 1


# --- the sameness rules -------------------------------------------------------------------


def subtypes_compatible(a: str, b: str, *, vague: bool = True) -> bool:
    """Same sub-type, or two sub-types one report may use for what another names differently.

    An air strike and a shelling are one happening only when one report is `vague` about
    the means: two reports that name aircraft and guns tell of two bombardments.
    """
    if a == b:
        return True
    ga, gb = _SUBTYPE_GROUP.get(a), _SUBTYPE_GROUP.get(b)
    if ga is None or ga != gb:
        return False
    return vague or a not in BOMBARDMENT


def dates_compatible(a: FusableEvent, b: FusableEvent) -> bool:
    """The two date windows come within DATE_SLACK_DAYS of each other; undatable → never."""
    if a.day_lo is None or a.day_hi is None or b.day_lo is None or b.day_hi is None:
        return False
    gap = max(a.day_lo, b.day_lo) - min(a.day_hi, b.day_hi)
    return gap <= DATE_SLACK_DAYS


def locations_compatible(a: FusableEvent, b: FusableEvent) -> bool:
    """Same place id, same admin3, within MAX_DISTANCE_KM, or a region containing the other's district.

    The last rule lets "the Deir ez-Zor countryside" of a vague report meet the village a
    precise report names (or another vague report of the same district), but only inside
    the same district (admin2), never across it.
    Two events without any location are not fused: nothing ties them to one place.
    """
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.admin3 and a.admin3 == b.admin3:
        return True
    if a.coarse or b.coarse:
        return bool(a.admin2) and a.admin2 == b.admin2
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= MAX_DISTANCE_KM


def sides_compatible(a: frozenset[str], b: frozenset[str], actors: Mapping[str, Actor] | None = None) -> bool:
    """One side unknown, or some actor named on one side may be some actor on the other."""
    if not a or not b:
        return True
    return any(actors_compatible(x, y, actors) for x in a for y in b)


def same_happening(a: FusableEvent, b: FusableEvent, actors: Mapping[str, Actor] | None = None) -> bool:
    """Whether two events, read from two reports, are one happening (issue 4's rules).

    All must hold: same event type; compatible sub-types (`COMPATIBLE_SUBTYPES`; an air strike and a
    shelling only when one report is vague about the means, `names_its_means`); both
    planned or both not (a threat is not the attack); dates within ±2 days after each
    date's precision is taken into account (`date_window`); locations within 10 km, in the
    same admin3 or the same place (`locations_compatible`); and compatible actors on each
    side (`sides_compatible`), sides swapped allowed for battles.
    """
    if a.event_type != b.event_type or a.planned != b.planned:
        return False
    if not subtypes_compatible(a.sub_event_type, b.sub_event_type, vague=a.vague or b.vague):
        return False
    if not dates_compatible(a, b) or not locations_compatible(a, b):
        return False
    if sides_compatible(a.side1, b.side1, actors) and sides_compatible(a.side2, b.side2, actors):
        return True
    return (
        a.event_type in SYMMETRIC_TYPES
        and sides_compatible(a.side1, b.side2, actors)
        and sides_compatible(a.side2, b.side1, actors)
    )


#: Two events of one report at points this close are at one place (one gazetteer entry, or
#: a neighbourhood and its town geocoded to the same point).
SAME_PLACE_KM = 1.0


def same_place(a: FusableEvent, b: FusableEvent) -> bool:
    """Whether two events of one report are at one place: stricter than `locations_compatible`.

    Across reports, 10 km absorbs the geocoding of one place by two writers; within one
    report the writer names places apart, so two named places 5 km apart are two
    locations (ACLED codes one event per location and day). One place: the same gazetteer
    id, points within SAME_PLACE_KM, or a region and a point of the same district (the
    report naming the area and then the village).
    """
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.coarse != b.coarse:
        return bool(a.admin2) and a.admin2 == b.admin2
    if a.coarse or a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def joins(
    existing: FusableEvent,
    new: FusableEvent,
    *,
    same_report: bool = False,
    actors: Mapping[str, Actor] | None = None,
) -> bool:
    """Whether `new` joins the stored happening `existing` (its merged view).

    `same_happening`, and, when the report of `new` already contributed to `existing`
    (`same_report`), `same_place` too. A report that tells of one strike twice ("shelling
    hit residential quarters ... the shelling of Sarmin"), or whose reading splits one
    happening in two, fuses; a report that tells of strikes on two villages does not.
    """
    if not same_happening(existing, new, actors):
        return False
    return not same_report or same_place(existing, new)


# --- blocking -----------------------------------------------------------------------------

#: Size of a spatial cell in degrees of latitude; longitude cells are as many degrees, and
#: the probe widens in longitude where a cell is narrower than MAX_DISTANCE_KM.
CELL_DEG = 0.1
#: Days per time bucket of a blocking key.
BUCKET_DAYS = 7

BlockKey = tuple[str, str, int]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _buckets(fe: FusableEvent) -> range:
    """Time buckets of the window widened by half the slack on each side.

    Two windows within DATE_SLACK_DAYS of each other overlap once each is widened by
    ceil(slack / 2) days, so they share at least one bucket.
    """
    if fe.day_lo is None or fe.day_hi is None:
        return range(0)
    half = (DATE_SLACK_DAYS + 1) // 2
    return range((fe.day_lo - half) // BUCKET_DAYS, (fe.day_hi + half) // BUCKET_DAYS + 1)


def blocking_key(fe: FusableEvent) -> BlockKey | None:
    """The primary key of an event's block: (event type, spatial cell or place, week bucket).

    Handy as one indexed column for listings; fusion itself needs `index_keys`/`candidate_keys`,
    since a happening near a cell border or a week boundary sits in more than one block.
    """
    keys = index_keys(fe)
    return keys[0] if keys else None


def _loc_keys(fe: FusableEvent) -> list[str]:
    """The location parts an event is indexed under: its cell, admin3 and place id."""
    out: list[str] = []
    if fe.lat is not None and fe.lon is not None and not fe.coarse:
        cy, cx = _cell(fe.lat, fe.lon)
        out.append(f"c:{cy}:{cx}")
    if fe.admin3:
        out.append(f"a3:{fe.admin3}")
    if fe.place_id:
        out.append(f"p:{fe.place_id}")
    if fe.admin2:
        # Point events are found by regions of their district, and regions by points ("r:" vs "d:").
        out.append(f"r:{fe.admin2}" if fe.coarse else f"d:{fe.admin2}")
    return out


@lru_cache(maxsize=65536)
def _neighbour_cells(cy: int, cx: int) -> tuple[str, ...]:
    """Cell keys within MAX_DISTANCE_KM of any point of cell (cy, cx); longitude cells narrow poleward."""
    dy = math.ceil(MAX_DISTANCE_KM / (111.2 * CELL_DEG))
    poleward = max(abs(cy), abs(cy + 1)) * CELL_DEG + dy * CELL_DEG
    km_per_lon_cell = 111.2 * CELL_DEG * max(math.cos(math.radians(min(poleward, 89.0))), 0.01)
    dx = math.ceil(MAX_DISTANCE_KM / km_per_lon_cell)
    return tuple(f"c:{cy + i}:{cx + j}" for i in range(-dy, dy + 1) for j in range(-dx, dx + 1))


def _probe_loc_keys(fe: FusableEvent) -> list[str]:
    """The location parts to look up: neighbouring cells within MAX_DISTANCE_KM, admin3, place, district."""
    out: list[str] = []
    if fe.lat is not None and fe.lon is not None and not fe.coarse:
        out.extend(_neighbour_cells(*_cell(fe.lat, fe.lon)))
    if fe.admin3:
        out.append(f"a3:{fe.admin3}")
    if fe.place_id:
        out.append(f"p:{fe.place_id}")
    if fe.admin2:
        out.append(f"r:{fe.admin2}")
        if fe.coarse:
            out.append(f"d:{fe.admin2}")
    return out


def index_keys(fe: FusableEvent) -> list[BlockKey]:
    """Every key a (fused) event is indexed under; an event with none can never be fused."""
    return [(fe.event_type, loc, b) for loc in _loc_keys(fe) for b in _buckets(fe)]


def candidate_keys(fe: FusableEvent) -> list[BlockKey]:
    """Every key to look up for `fe`: any event `same_happening` with it is indexed under one.

    Sub-type compatibility never crosses event types, so the event type is part of the key.
    """
    return [(fe.event_type, loc, b) for loc in _probe_loc_keys(fe) for b in _buckets(fe)]


# --- merging --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourcedEvidence:
    """An evidence span and the report its offsets point into."""

    report_id: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One happening: the merged event, its member events, and their sources (aligned lists).

    Built by `fuse`, never edited: a happening that gains a report is fused anew.
    """

    event: Event
    members: list[Event] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)
    evidence: list[SourcedEvidence] = field(default_factory=list)
    #: What a new event is compared against: the merged event, dated by its first report.
    view: FusableEvent | None = None

    @property
    def source(self) -> str:
        """ACLED's `source`: the distinct outlets, "; "-joined."""
        return acled_source(self.sources)

    @property
    def source_scale(self) -> str:
        """ACLED's `source_scale` of the outlets."""
        return source_scale(self.sources)


def earliest_published(sources: Iterable[SourceInfo]) -> date | None:
    """The first publication date among the sources, for undated merged events."""
    days = [s.published for s in sources if s.published]
    return min(days) if days else None


def acled_source(sources: Iterable[SourceInfo]) -> str:
    """ACLED's `source`: distinct outlets in order of first appearance, "; "-joined."""
    seen: dict[str, None] = {}
    for s in sources:
        if s.outlet and s.outlet.strip():
            seen.setdefault(s.outlet.strip(), None)
    return "; ".join(seen)


def outlet_scale(source: SourceInfo) -> str:
    """A source's scale: the store's own value, else `OUTLET_SCALES`, else `DEFAULT_SOURCE_SCALE`."""
    if source.scale:
        return source.scale
    return OUTLET_SCALES.get((source.outlet or "").strip().lower(), DEFAULT_SOURCE_SCALE)


def source_scale(sources: Iterable[SourceInfo]) -> str:
    """ACLED's `source_scale` for a set of sources.

    One scale → it; two → ACLED's "A-B" form, narrowest first ("Subnational-National");
    more than two → the narrowest and the widest ("Local-International"), since ACLED's
    field names at most two.
    """
    scales = {outlet_scale(s) for s in sources}
    if not scales:
        return ""
    ordered = sorted(scales, key=lambda s: _SCALE_ORDER.index(s) if s in _SCALE_ORDER else len(_SCALE_ORDER))
    if len(ordered) == 1:
        return ordered[0]
    return f"{ordered[0]}-{ordered[-1]}"


def _actor_key(a: ActorRef) -> str:
    return a.id or (a.canonical or a.text).strip()


def _most_specific_actor(refs: Sequence[ActorRef], actors: Mapping[str, Actor]) -> ActorRef | None:
    """The actor1 to keep: not generic, deepest in the hierarchy, then most often named."""
    if not refs:
        return None
    counts = Counter(_actor_key(r) for r in refs)

    def rank(r: ActorRef) -> tuple[int, int, int, str, str]:
        known = actors.get(r.id) if r.id else None
        generic = 1 if (known is None and not r.canonical) or (known is not None and known.generic) else 0
        depth = len(ancestors(r.id, actors)) if known else -1
        return (-generic, depth, counts[_actor_key(r)], _actor_key(r), r.text)

    return max(refs, key=rank)


def _union_refs(
    refs: Iterable[ActorRef], exclude: ActorRef | None, actors: Mapping[str, Actor]
) -> list[ActorRef]:
    """The associated actors: every actor any report puts on the side, but actor1 and generic ones.

    A generic name ("gunmen") that one report uses for the side another names precisely
    adds nothing to the side; a named parent (IRGC beside Fatemiyoun) does, and stays.
    """
    out: dict[str, ActorRef] = {}
    skip = _actor_key(exclude) if exclude else None
    for r in refs:
        k = _actor_key(r)
        known = actors.get(r.id) if r.id else None
        if k != skip and not (known is not None and known.generic):
            out.setdefault(k, r)
    return list(out.values())


def _location_key(loc: Location) -> str:
    return loc.id or (loc.name or loc.text).strip()


def _pick_location(events: Sequence[Event]) -> Location | None:
    """The most specific location: a point before a region, lowest geo_precision (unknown counts
    as 2), a gazetteer place before an unresolved phrase, one with coordinates, then the one
    most reports name (ties by name, so the members' order does not matter)."""
    locs = [e.location for e in events if e.location is not None]
    if not locs:
        return None
    counts = Counter(_location_key(loc) for loc in locs)
    return min(
        locs,
        key=lambda loc: (
            1 if is_coarse(loc) else 0,
            loc.geo_precision if loc.geo_precision is not None else 2,
            0 if loc.id else 1,
            0 if loc.lat is not None else 1,
            -counts[_location_key(loc)],
            _location_key(loc),
            loc.text,
        ),
    )


def _pick_date(events: Sequence[Event]) -> tuple[str | None, int]:
    """The most precise date (lowest time_precision), then the most reported, then the earliest."""
    dated = [(e.time_precision, e.event_date[:10]) for e in events if e.event_date]
    if not dated:
        return None, max((e.time_precision for e in events), default=3)
    best = min(p for p, _ in dated)
    counts = Counter(d for p, d in dated if p == best)
    day = min(counts, key=lambda d: (-counts[d], d))
    return day, best


def conservative_count(values: Iterable[int | None]) -> int | None:
    """ACLED's conservative rule: the lowest reported figure when sources disagree, never a sum.

    A source silent on the figure (None) does not count. A zero counts only when no source
    reports a positive figure: "no casualties" beside "three killed" is nearly always a
    report that did not mention them (or an early one), and the toll is the lowest
    positive figure.
    """
    known = [v for v in values if v is not None]
    if not known:
        return None
    positive = [v for v in known if v > 0]
    return min(positive) if positive else 0


def _force_size(item: ForceItem) -> int:
    for v in (item.count, item.count_high, item.count_low):
        if v is not None:
            return v
    return 0


#: Lexicon weapons that name no type ("آليات", "أسلحة"): what another report names precisely.
GENERIC_FORCE_IDS = ("military_vehicle", "weapons_generic")


@cache
def _generic_force_names() -> frozenset[str]:
    from rasid.lexicon.load import load_weapons

    weapons = load_weapons()
    return frozenset(weapons[i].name for i in GENERIC_FORCE_IDS if i in weapons)


def _union_force(events: Sequence[Event]) -> list[ForceItem]:
    """Force items of all reports, one per (kind, name), at the largest count any report gives.

    Items are the same forces seen by several reports, so counts are not added; the largest
    figure is kept because reports that list fewer usually mention only part of a convoy.
    A generic line ("20 military vehicles") is dropped when a specific line of its kind
    counts at least as many ("20 4x4 technicals"): the same vehicles, named twice.
    """
    best: dict[tuple[str, str], ForceItem] = {}
    for e in events:
        for item in e.force:
            key = (item.kind, item.name)
            if key not in best or _force_size(item) > _force_size(best[key]):
                best[key] = item
    generic = _generic_force_names()
    specific_max: dict[str, int] = {}
    for (kind, name), item in best.items():
        if name not in generic:
            specific_max[kind] = max(specific_max.get(kind, -1), _force_size(item))
    return [
        item
        for (kind, name), item in best.items()
        if name not in generic or kind not in specific_max or specific_max[kind] < _force_size(item)
    ]


def _union_movement(events: Sequence[Event]) -> list[Movement]:
    out: dict[tuple[str, str], Movement] = {}
    for e in events:
        for m in e.movement:
            out.setdefault((m.role, _location_key(m.location)), m)
    return list(out.values())


def _union_attribution(events: Sequence[Event]) -> list[Attribution]:
    out: dict[tuple[str, str], Attribution] = {}
    for e in events:
        for a in e.attribution:
            out.setdefault((a.kind, (a.name or a.text or "").strip()), a)
    return list(out.values())


def fused_confidence(events: Sequence[Event], sources: Sequence[SourceInfo]) -> float:
    """Confidence raised by independent sources: 1 − Π(1 − c) over distinct outlets, capped at 0.99.

    Reports from one outlet are not independent of each other, so each outlet counts once,
    with its most confident report. Reports without an outlet count as their own source.
    """
    per_outlet: dict[str, float] = {}
    for e, s in zip(events, sources, strict=True):
        key = (s.outlet or "").strip().lower() or f"report:{s.report_id}"
        per_outlet[key] = max(per_outlet.get(key, 0.0), e.confidence)
    doubt = 1.0
    for c in per_outlet.values():
        doubt *= 1.0 - min(max(c, 0.0), 1.0)
    return round(min(0.99, 1.0 - doubt), 4)


def merge(
    events: Sequence[Event], sources: Sequence[SourceInfo], actors: Mapping[str, Actor] | None = None
) -> Event:
    """One event from the reports of one happening; `sources[i]` is the report of `events[i]`.

    The merged event's evidence is every member's evidence in member order; its offsets
    point into different reports, so read them through `evidence_by_source`. The notes say
    which outlets told it, since ACLED's notes are where analysts look first.
    """
    if not events:
        raise ValueError("merge needs at least one event")
    if len(events) != len(sources):
        raise ValueError("merge needs one source per event")
    if len(events) == 1:
        return events[0]
    actors = actors if actors is not None else load_actors()
    primary = max(events, key=lambda e: (_specificity(e), e.notes))
    events = [_aligned(e, primary, actors) for e in events]
    sub = Counter(e.sub_event_type for e in events)
    # The most specific sub-type wins over a vague one: "air strike" over "bombardment".
    sub_event_type = max(sub, key=lambda s: (sub[s], s != "Shelling/artillery/missile attack", s))
    actor1 = _most_specific_actor([e.actor1 for e in events if e.actor1], actors)
    actor2 = _most_specific_actor([e.actor2 for e in events if e.actor2], actors)
    assoc1 = _union_refs(
        [r for e in events for r in ([e.actor1] if e.actor1 else []) + e.assoc_actor_1], actor1, actors
    )
    assoc2 = _union_refs(
        [r for e in events for r in ([e.actor2] if e.actor2 else []) + e.assoc_actor_2], actor2, actors
    )
    event_date, precision = _pick_date(events)
    modalities = [e.modality for e in events]
    outlets = acled_source(sources)
    note = primary.notes.strip()
    if outlets:
        note = f"{note} [{len(events)} reports: {outlets}]".strip()
    return Event(
        event_type=primary.event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        location=_pick_location(events),
        event_date=event_date,
        time_precision=precision,
        fatalities=conservative_count(e.fatalities for e in events),
        injuries=conservative_count(e.injuries for e in events),
        force=_union_force(events),
        movement=_union_movement(events),
        modality="happened" if "happened" in modalities else Counter(modalities).most_common(1)[0][0],
        attribution=_union_attribution(events),
        civilian_targeting=any(e.civilian_targeting for e in events),
        confidence=fused_confidence(events, sources),
        notes=note,
        evidence=[ev for e in events for ev in e.evidence],
    )


def _specificity(e: Event) -> tuple[float, int, int]:
    """Which member leads the merge (its type and notes): most confident, then best located and dated."""
    geo = e.location.geo_precision if e.location and e.location.geo_precision else 9
    return (e.confidence, -geo, -e.time_precision if e.event_date else -9)


def _aligned(e: Event, primary: Event, actors: Mapping[str, Actor]) -> Event:
    """A battle member with its sides swapped to match the primary's, so actor1s merge with actor1s."""
    if e.event_type not in SYMMETRIC_TYPES or e is primary:
        return e
    s1, s2 = _side(e.actor1, e.assoc_actor_1), _side(e.actor2, e.assoc_actor_2)
    p1, p2 = _side(primary.actor1, primary.assoc_actor_1), _side(primary.actor2, primary.assoc_actor_2)
    straight = sides_compatible(s1, p1, actors) and sides_compatible(s2, p2, actors)
    if straight or not (sides_compatible(s1, p2, actors) and sides_compatible(s2, p1, actors)):
        return e
    return e.model_copy(
        update={
            "actor1": e.actor2,
            "assoc_actor_1": e.assoc_actor_2,
            "actor2": e.actor1,
            "assoc_actor_2": e.assoc_actor_1,
        }
    )


def evidence_by_source(events: Sequence[Event], sources: Sequence[SourceInfo]) -> list[SourcedEvidence]:
    """Every member's evidence tagged with the report its offsets point into."""
    return [
        SourcedEvidence(s.report_id, ev) for e, s in zip(events, sources, strict=True) for ev in e.evidence
    ]


def fuse(
    members: Sequence[Event], sources: Sequence[SourceInfo], actors: Mapping[str, Actor] | None = None
) -> FusedEvent:
    """A `FusedEvent` recomputed from its members: what the store stores for a happening."""
    event = merge(members, sources, actors)
    return FusedEvent(
        event=event,
        members=list(members),
        sources=list(sources),
        evidence=evidence_by_source(members, sources),
        view=FusableEvent.from_event(event, earliest_published(sources)),
    )


def source_of(extraction: Extraction) -> SourceInfo:
    """The `SourceInfo` of an extraction (its published date parsed, if any)."""
    published = None
    if extraction.published:
        try:
            published = date.fromisoformat(extraction.published[:10])
        except ValueError:
            published = None
    return SourceInfo(
        report_id=extraction.id, outlet=extraction.outlet, published=published, url=extraction.url
    )


def fuse_all(
    extractions: Iterable[Extraction], actors: Mapping[str, Actor] | None = None
) -> list[FusedEvent]:
    """Greedy fusion in report order: each event joins the first earlier happening it matches.

    The reference for the store's incremental fusion: candidates come from the blocking
    index, the comparison is against each fused event's merged view (`FusedEvent.view`),
    and a fused event is re-merged and re-indexed whenever it gains a member. Two events of
    one report fuse only at the same place (`joins`).
    """
    actors = actors if actors is not None else load_actors()
    fused: list[FusedEvent] = []
    index: dict[BlockKey, list[int]] = {}
    for extraction in extractions:
        src = source_of(extraction)
        joined: set[int] = set()
        for event in extraction.events:
            fe = FusableEvent.from_event(event, src.published)
            target = _find(fe, fused, index, joined, actors)
            if target is None:
                fused.append(fuse([event], [src], actors))
                target = len(fused) - 1
            else:
                f = fused[target]
                fused[target] = fuse([*f.members, event], [*f.sources, src], actors)
            joined.add(target)
            for key in index_keys(_view(fused[target])):
                bucket = index.setdefault(key, [])
                if target not in bucket:
                    bucket.append(target)
    return fused


def _view(f: FusedEvent) -> FusableEvent:
    return f.view or FusableEvent.from_event(f.event, earliest_published(f.sources))


def _find(
    fe: FusableEvent,
    fused: Sequence[FusedEvent],
    index: Mapping[BlockKey, list[int]],
    joined: set[int],
    actors: Mapping[str, Actor],
) -> int | None:
    candidates = sorted({i for key in candidate_keys(fe) for i in index.get(key, ())})
    for i in candidates:
        if joins(_view(fused[i]), fe, same_report=i in joined, actors=actors):
            return i
    return None
