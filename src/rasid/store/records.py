"""What the store hands out: pydantic records, JSON-ready with `.model_dump(mode="json")`.

The web app, the CLI and the exports all read these, never the ORM rows, so that the
database layout can change (by migration) without changing what callers see.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from rasid.model import Attribution, Evidence, ForceItem, Mention, Movement

# ACLED's 31 columns in ACLED's order: the ACLED CSV export writes exactly these.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

IngestStatus = Literal["new", "duplicate", "near_duplicate", "failed"]
ReportStatus = Literal["ok", "near_duplicate", "failed"]


MAX_ROWS = 2**62
"""The largest limit or offset a query accepts: past 2**63 - 1 the databases' integers overflow."""


class EventQuery(BaseModel):
    """Filters for `Store.events`; every filter is optional and they combine with AND.

    `actor` matches the actor and every actor below it in the hierarchy (by lexicon id or
    name); `place` matches the location's name or surface; `near` + `within_km` match events
    within that distance of a known place; `text` matches events whose reports contain it.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None
    sub_type: str | None = None
    actor: str | None = None
    place: str | None = None
    near: str | None = None
    within_km: float = 10.0
    admin1: str | None = None
    text: str | None = None
    limit: int = Field(default=100, ge=0, le=MAX_ROWS)
    offset: int = Field(default=0, ge=0, le=MAX_ROWS)


class SourceRef(BaseModel):
    """One report behind an event, with the words each field was read from in that report."""

    report_id: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class EventRecord(BaseModel):
    """A stored (possibly fused) event: ACLED's 31 columns plus rasid's structured fields."""

    event_id: str
    event_id_cnty: str
    event_date: dt.date | None = None
    year: int | None = None
    time_precision: int = 3
    disorder_type: str = ""
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: str = ""
    interaction: str = ""
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int = 0
    # rasid's structured fields
    actor1_id: str | None = None
    actor2_id: str | None = None
    place_id: str | None = None
    location_text: str | None = None
    injuries: int | None = None
    force: list[ForceItem] = Field(default_factory=list)
    movement: list[Movement] = Field(default_factory=list)
    modality: str = "happened"
    attribution: list[Attribution] = Field(default_factory=list)
    confidence: float = 0.5
    evidence: list[Evidence] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    def acled_row(self) -> dict[str, object]:
        """The event as one ACLED CSV row (None for unknown cells)."""
        data = self.model_dump(mode="json", include=set(ACLED_COLUMNS))
        return {col: data[col] for col in ACLED_COLUMNS}


class ReportRecord(BaseModel):
    """A stored report with what was read from it."""

    report_id: str
    text: str
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    retrieved: dt.datetime | None = None
    content_hash: str
    status: ReportStatus
    reason: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    near_duplicates: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ReportSummary(BaseModel):
    """A report as listings show it: its id, provenance, status and the opening of its text."""

    report_id: str
    outlet: str | None = None
    published: dt.date | None = None
    status: ReportStatus
    opening: str = Field(description="The first characters of the report's text")


class SearchHit(BaseModel):
    """A report matching a full-text query.

    `snippet` is a stretch of the original report text with each match wrapped in «»;
    `highlights` gives the same matches as [start, end) offsets into the full report text.
    """

    report_id: str
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    snippet: str
    highlights: list[tuple[int, int]] = Field(default_factory=list)
    score: float


class IngestResult(BaseModel):
    """What ingesting one report did."""

    status: IngestStatus
    report_id: str | None = None
    events_created: int = 0
    events_merged: int = 0
    reason: str | None = None
    duplicate_of: str | None = None
    source: str | None = None


class IngestSummary(BaseModel):
    """The closing summary of an ingest run."""

    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    events_created: int = 0
    events_merged: int = 0
    failures: list[IngestResult] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def reports(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def add(self, result: IngestResult) -> None:
        """Count one report's result."""
        match result.status:
            case "new":
                self.new += 1
            case "duplicate":
                self.duplicate += 1
            case "near_duplicate":
                self.near_duplicate += 1
            case "failed":
                self.failed += 1
                self.failures.append(result)
        self.events_created += result.events_created
        self.events_merged += result.events_merged


class StrengthItem(BaseModel):
    """Latest known strength of a force at a place: personnel, a vehicle or a weapon type."""

    kind: str
    name: str
    count: int | None = None
    approximate: bool = False


class PostureChange(BaseModel):
    """One reported change of a force's posture at a place, with its sources."""

    date: dt.date | None = None
    status: str
    reduced: bool = False
    event_id: str | None = None
    report_ids: list[str] = Field(default_factory=list)
    strength: list[StrengthItem] = Field(default_factory=list)
    note: str = ""


class PostureRecord(BaseModel):
    """Who is where: an actor's posture at one place as of a date.

    `status` is present | reinforced | withdrawn | hq_under_construction | evacuated;
    `reduced` marks a presence left behind after most forces withdrew; `present` says
    whether the actor is at the place under that status; `sources` lists the reports
    behind the record, and `changes` each reported change in the order applied.
    """

    actor_id: str | None = None
    actor: str
    place_id: str | None = None
    place: str
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    status: str
    present: bool = True
    reduced: bool = False
    note: str = ""
    strength: list[StrengthItem] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    changes: list[PostureChange] = Field(default_factory=list)


class ActorSummary(BaseModel):
    """An actor with how often it appears in stored events."""

    actor_id: str
    name: str
    kind: str | None = None
    inter: str | None = None
    parent_id: str | None = None
    event_count: int = 0
    last_event_date: dt.date | None = None


class ActorRefLite(BaseModel):
    """An actor named in a hierarchy listing."""

    actor_id: str
    name: str


class DayCount(BaseModel):
    date: dt.date
    count: int


class ActorDetail(ActorSummary):
    """An actor with its place in the hierarchy, its activity over time and its positions."""

    ancestors: list[ActorRefLite] = Field(default_factory=list)
    children: list[ActorRefLite] = Field(default_factory=list)
    events_per_day: list[DayCount] = Field(default_factory=list)
    positions: list[PostureRecord] = Field(default_factory=list)
