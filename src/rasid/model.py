"""The output contract: what `rasid extract` writes and `rasid.extract_report` returns.

Other tools score rasid with these field names (see `../shared/eval/FORMAT.md`), so they
stay stable: add fields, never rename or drop them. Offsets are Python string indices
into the report text.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MentionKind = Literal["place", "actor", "weapon", "quantity", "date", "source"]
Modality = Literal["happened", "planned", "ongoing", "background", "denied", "conditional"]
MovementRole = Literal["origin", "via", "destination"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the report text."""

    text: str
    start: int
    end: int


class Mention(_Model):
    """A thing the text names: a place, actor, weapon, quantity, date or source."""

    kind: MentionKind
    text: str
    start: int
    end: int
    canonical: str | None = None
    id: str | None = None
    lat: float | None = None
    lon: float | None = None
    attrs: dict[str, Any] = Field(default_factory=dict)


class ActorRef(_Model):
    """An actor taking part in an event, as named in the text and as rasid knows it."""

    text: str
    canonical: str | None = None
    id: str | None = None
    inter: str | None = None
    start: int | None = None
    end: int | None = None


class Location(_Model):
    """Where an event happened, resolved to the gazetteer (geo_precision as ACLED's 1/2/3)."""

    text: str
    start: int | None = None
    end: int | None = None
    name: str | None = None
    id: str | None = None
    kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str | None = None
    geo_precision: int | None = None


class ForceItem(_Model):
    """One line of a force composition: personnel, a vehicle type or a weapon type, with its count."""

    kind: Literal["personnel", "vehicle", "weapon"]
    name: str
    category: str | None = None
    count: int | None = None
    count_low: int | None = None
    count_high: int | None = None
    approximate: bool = False
    calibre_mm: float | None = None
    text: str
    start: int
    end: int


class Movement(_Model):
    """A place in a movement: where a convoy or shipment came from, passed through or went to."""

    role: MovementRole
    location: Location


class Attribution(_Model):
    """Who says so: the outlet, unnamed sources, a named monitor or an official."""

    kind: Literal["outlet", "unnamed_sources", "monitor", "official", "witness", "media"]
    name: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(_Model):
    """The words a field was read from."""

    field: str
    text: str
    start: int
    end: int
    rule: str | None = None
    """The named rule that read this evidence, where one did (`rasid extract --explain`)."""


class Event(_Model):
    """One happening, in ACLED's terms, with the evidence for each field."""

    event_type: str
    sub_event_type: str
    actor1: ActorRef | None = None
    assoc_actor_1: list[ActorRef] = Field(default_factory=list)
    actor2: ActorRef | None = None
    assoc_actor_2: list[ActorRef] = Field(default_factory=list)
    location: Location | None = None
    event_date: str | None = None
    time_precision: int = 3
    fatalities: int | None = None
    injuries: int | None = None
    force: list[ForceItem] = Field(default_factory=list)
    movement: list[Movement] = Field(default_factory=list)
    modality: Modality = "happened"
    attribution: list[Attribution] = Field(default_factory=list)
    civilian_targeting: bool = False
    confidence: float = 0.5
    notes: str = ""
    evidence: list[Evidence] = Field(default_factory=list)


class Extraction(_Model):
    """Everything rasid read from one report."""

    id: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """JSON schema of one output line (`rasid schema` prints it)."""
    return Extraction.model_json_schema()
