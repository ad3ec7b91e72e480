"""Ingest: read → extract (in worker processes) → write (in the parent, one transaction per report).

Why this shape:
- *Idempotent.* A report is keyed by the hash of its whitespace-normalised text; the
  same content adds nothing, whatever file or feed it comes from again.
- *Transactional per report and resumable.* A report, its mentions, its events (fused
  or new), their sources and posture changes are written in one transaction, so a crash
  (even SIGKILL) leaves each report either wholly stored or not at all; re-running the
  same command skips what is stored (by hash, before extraction) and does the rest.
- *Parallel where it pays.* Extraction is CPU-bound and independent per report, so it
  runs in a process pool; writes stay in the parent, in input order, because fusion
  must see earlier reports' events and SQLite has one writer anyway.
- *Never blocked by one bad report.* A report that fails extraction is stored as failed
  with the reason (so it is not retried on every run); a source that cannot be read is
  counted as failed in the summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from rasid import model
from rasid.errors import InputError
from rasid.lexicon.load import ancestors, load_actors
from rasid.store import fusion
from rasid.store.neardup import NearDupIndex, signature
from rasid.store.posture_db import replace_changes
from rasid.store.records import IngestResult, IngestSummary
from rasid.store.schema import (
    Actor,
    Event,
    EventActor,
    EventSource,
    FusionKey,
    Mention,
    Place,
    Report,
    reports_fts,
)
from rasid.store.sources import RawReport, ReadFailure
from rasid.text.normalize import normalize, normalize_key

Extractor = Callable[..., model.Extraction]

# ISO 3166 of the countries rasid covers: ACLED's country name, numeric iso and the
# three-letter prefix of event_id_cnty. Keys are what a Location's `country` may hold.
COUNTRIES: dict[str, tuple[str, int, str]] = {
    "SY": ("Syria", 760, "SYR"),
    "IQ": ("Iraq", 368, "IRQ"),
    "LB": ("Lebanon", 422, "LBN"),
    "TR": ("Turkey", 792, "TUR"),
    "JO": ("Jordan", 400, "JOR"),
    "IR": ("Iran", 364, "IRN"),
    "IL": ("Israel", 376, "ISR"),
}
_COUNTRY_BY_NAME = {name.lower(): code for code, (name, _, _) in COUNTRIES.items()}
REGION = "Middle East"

# ACLED's disorder type of each event type (Mob violence is political violence, not a demonstration).
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def default_extractor(text: str, **kwargs: Any) -> model.Extraction:
    """rasid's extraction pipeline (imported late: it loads the lexicons and the gazetteer)."""
    from rasid.extract.pipeline import extract_report

    return extract_report(text, **kwargs)


def content_hash(text: str) -> str:
    """The identity of a report's content: NFC text with whitespace runs collapsed, SHA-256."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """An ISO date (or the date part of a timestamp); None when absent or not understood."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class Prepared:
    """A report ready to write: hash, normalised text, MinHash and extraction (or why it failed)."""

    raw: RawReport
    content_hash: str
    norm_text: str
    minhash: bytes | None
    extraction: model.Extraction | None
    error: str | None
    warnings: list[str]


def prepare(raw: RawReport, extractor: Extractor) -> Prepared:
    """Everything about one report that needs no database: runs in a worker process."""
    digest = content_hash(raw.text)
    norm = normalize(raw.text).text
    warnings: list[str] = []
    published = parse_date(raw.published)
    if raw.published and published is None:
        warnings.append(f"published date {raw.published!r} not understood; ignored")
    try:
        extraction = extractor(
            raw.text, published=published, outlet=raw.outlet, id=raw.id or digest[:16], url=raw.url
        )
    except InputError as exc:  # the report itself is unusable: empty, binary, not Arabic
        return Prepared(raw, digest, norm, None, None, str(exc) or type(exc).__name__, warnings)
    except Exception as exc:  # an extraction bug must not stop the other reports
        return Prepared(
            raw, digest, norm, None, None, f"extraction error: {type(exc).__name__}: {exc}", warnings
        )
    return Prepared(raw, digest, norm, signature(norm) if norm else None, extraction, None, warnings)


# Worker-process state: the extractor, set once per worker by the pool initialiser.
_worker_extractor: Extractor = default_extractor


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor


def _prepare_in_worker(raw: RawReport) -> Prepared:
    return prepare(raw, _worker_extractor)


def _country(loc: model.Location | None) -> tuple[str, int | None, str]:
    code = (loc.country or "").strip() if loc else ""
    code = _COUNTRY_BY_NAME.get(code.lower(), code.upper())
    if code in COUNTRIES:
        return COUNTRIES[code]
    return (loc.country or "" if loc else ""), None, "XXX"


def _actor_name(ref: model.ActorRef | None) -> str:
    return (ref.canonical or ref.text).strip() if ref else ""


def _actor_key(ref: model.ActorRef) -> str:
    """Lexicon id, or a stable key from the name for actors the lexicon does not know."""
    return ref.id or f"x:{normalize_key(ref.canonical or ref.text)}"


def place_key(loc: model.Location) -> str:
    """Gazetteer id, or a stable key from the name (and governorate) for unresolved places."""
    return loc.id or f"x:{normalize_key(loc.name or loc.text)}|{loc.admin1 or ''}"


def _interaction(inter1: str, inter2: str) -> str:
    if inter1 and inter2:
        return f"{inter1}-{inter2}"
    return f"{inter1} only" if inter1 else ""


class Writer:
    """Writes prepared reports into the store, fusing their events with the stored ones."""

    def __init__(self, sessions: sessionmaker[Session], dialect: str) -> None:
        self._sessions = sessions
        self._dialect = dialect
        self._neardup: NearDupIndex | None = None
        self._lexicon = load_actors()
        self._known_actors: set[str] | None = None
        self._known_places: set[str] | None = None

    # -- lookups kept in memory for the length of a run --------------------------------------

    def known_hashes(self) -> dict[str, str]:
        """content hash → report id of every stored report that need not be read again (not failed)."""
        with self._sessions() as s:
            stmt = select(Report.content_hash, Report.id).where(Report.status != "failed")
            return {h: rid for h, rid in s.execute(stmt)}

    def _index(self, s: Session) -> NearDupIndex:
        if self._neardup is None:
            index = NearDupIndex()
            rows = s.execute(
                select(Report.id, Report.minhash).where(Report.minhash.is_not(None)).order_by(Report.pk)
            )
            for rid, sig in rows:
                index.add(rid, sig)
            self._neardup = index
        return self._neardup

    def _ensure_actor(self, s: Session, ref: model.ActorRef) -> str:
        if self._known_actors is None:
            self._known_actors = set(s.scalars(select(Actor.id)))
        key = _actor_key(ref)
        chain = [key]
        if ref.id and ref.id in self._lexicon:
            chain += ancestors(ref.id, self._lexicon)
        for aid in chain:
            if aid in self._known_actors:
                continue
            known = self._lexicon.get(aid)
            if known is not None:
                s.add(
                    Actor(id=aid, name=known.name, kind=known.kind, inter=known.inter, parent_id=known.parent)
                )
            else:
                s.add(Actor(id=aid, name=_actor_name(ref), inter=ref.inter))
            self._known_actors.add(aid)
        return key

    def _ensure_place(self, s: Session, loc: model.Location) -> str:
        if self._known_places is None:
            self._known_places = set(s.scalars(select(Place.id)))
        key = place_key(loc)
        if key not in self._known_places:
            s.add(
                Place(
                    id=key,
                    name=loc.name or loc.text,
                    norm_name=normalize_key(loc.text),
                    kind=loc.kind,
                    lat=loc.lat,
                    lon=loc.lon,
                    admin1=loc.admin1,
                    admin2=loc.admin2,
                    admin3=loc.admin3,
                    country=loc.country,
                )
            )
            s.flush()  # events refer to it by foreign key, without an ORM relationship to order the inserts
            self._known_places.add(key)
        return key

    # -- writing ---------------------------------------------------------------------------

    def write(self, prep: Prepared) -> IngestResult:
        """Store one prepared report in its own transaction.

        A unique-key violation from a concurrent writer storing the same content counts as
        a duplicate. Any other data error rolls the report back and stores it as failed
        with the reason, so one unstorable report never stops a run.
        """
        origin = prep.raw.origin
        try:
            with self._sessions.begin() as s:
                result = self._write(s, prep)
        except (IntegrityError, DataError, StatementError) as exc:
            self._forget()
            with self._sessions() as s:
                existing = s.scalar(select(Report.id).where(Report.content_hash == prep.content_hash))
            if existing is not None:
                return IngestResult(status="duplicate", report_id=existing, duplicate_of=existing, source=origin)
            reason = f"storage error: {type(exc.orig or exc).__name__}: {exc.orig or exc}".splitlines()[0]
            return self.write(replace(prep, extraction=None, error=reason, minhash=None))
        except BaseException:
            self._forget()
            raise
        if result.status in ("new", "near_duplicate") and prep.minhash and self._neardup is not None:
            self._neardup.add(result.report_id or "", prep.minhash)
        return result

    def _forget(self) -> None:
        """Drop the in-memory caches after a rollback: what they learnt may not have been stored."""
        self._known_actors = None
        self._known_places = None
        self._neardup = None

    def _report_id(self, s: Session, prep: Prepared) -> str:
        """The given id, or a content-hash prefix; a given id already used by other content gets the hash appended."""
        wanted = prep.raw.id or prep.content_hash[:16]
        if s.scalar(select(Report.pk).where(Report.id == wanted)) is None:
            return wanted
        return f"{wanted}-{prep.content_hash[:8]}"

    def _write(self, s: Session, prep: Prepared) -> IngestResult:
        raw, origin = prep.raw, prep.raw.origin
        existing = s.execute(
            select(Report.pk, Report.id, Report.status).where(Report.content_hash == prep.content_hash)
        ).first()
        if existing is not None and existing.status != "failed":
            return IngestResult(status="duplicate", report_id=existing.id, duplicate_of=existing.id, source=origin)
        if existing is not None:
            # A report that failed before is read again: the extractor may have been fixed since.
            if prep.extraction is None:
                s.execute(update(Report).where(Report.pk == existing.pk).values(reason=prep.error))
                return IngestResult(status="failed", report_id=existing.id, reason=prep.error, source=origin)
            s.execute(delete(Report).where(Report.pk == existing.pk))
            rid = existing.id
        else:
            rid = self._report_id(s, prep)
        extraction = prep.extraction
        report = Report(
            id=rid,
            content_hash=prep.content_hash,
            text=raw.text,
            norm_text=prep.norm_text,
            url=raw.url,
            outlet=raw.outlet,
            published=parse_date(raw.published),
            retrieved=dt.datetime.now(dt.UTC),
            origin=origin,
            status="ok",
            minhash=prep.minhash,
            warnings=prep.warnings + (extraction.warnings if extraction else []),
        )
        if extraction is None:
            report.status, report.reason = "failed", prep.error
            s.add(report)
            return IngestResult(status="failed", report_id=rid, reason=prep.error, source=origin)
        near = self._index(s).match(prep.minhash) if prep.minhash else None
        if near is not None:
            report.status, report.duplicate_of, report.similarity = (
                "near_duplicate",
                near[0],
                round(near[1], 3),
            )
        report.mentions = [
            Mention(
                kind=m.kind,
                text=m.text,
                start=m.start,
                end=m.end,
                canonical=m.canonical,
                ref_id=m.id,
                lat=m.lat,
                lon=m.lon,
                attrs=m.attrs,
            )
            for m in extraction.mentions
        ]
        s.add(report)
        s.flush()
        if self._dialect == "sqlite":
            s.execute(insert(reports_fts).values(rowid=report.pk, body=prep.norm_text))
        if near is not None:
            return IngestResult(status="near_duplicate", report_id=rid, duplicate_of=near[0], source=origin)
        created, merged = self._add_events(s, report, extraction.events)
        return IngestResult(
            status="new", report_id=rid, events_created=created, events_merged=merged, source=origin
        )

    def _add_events(self, s: Session, report: Report, events: Sequence[model.Event]) -> tuple[int, int]:
        """Fuse each event with a stored happening (`fusion.same_happening`) or start a new one."""
        src = _source_info(report)
        joined: set[int] = set()
        created = merged = 0
        for ordinal, ev in enumerate(events):
            fe = fusion.FusableEvent.from_event(ev, report.published)
            row = self._find(s, fe, joined)
            if row is None:
                row = Event(event_type=ev.event_type, sub_event_type=ev.sub_event_type)
                s.add(row)
                members, sources = [ev], [src]
                created += 1
            else:
                members = [model.Event.model_validate(old.extracted) for old in row.sources] + [ev]
                sources = [_source_info(old.report) for old in row.sources] + [src]
                merged += 1
            row.sources.append(EventSource(report=report, ordinal=ordinal, extracted=ev.model_dump(mode="json")))
            fused = fusion.fuse(members, sources, self._lexicon)
            self._fill(s, row, fused)
            s.flush()
            if row.event_id_cnty is None:
                row.event_id_cnty = f"{_country(fused.event.location)[2]}{row.pk}"
            replace_changes(
                s,
                row.pk,
                row.event_id_cnty,
                fused.event,
                [src.report_id for src in fused.sources],
                fusion.earliest_published(fused.sources),
            )
            s.execute(delete(FusionKey).where(FusionKey.event_pk == row.pk))
            view = fusion.FusableEvent.from_event(fused.event, fusion.earliest_published(fused.sources))
            keys = fusion.index_keys(view)
            if keys:
                s.execute(
                    insert(FusionKey),
                    [{"event_pk": row.pk, "event_type": t, "loc": loc, "bucket": b} for t, loc, b in keys],
                )
            joined.add(row.pk)
        return created, merged

    def _find(self, s: Session, fe: fusion.FusableEvent, exclude: set[int]) -> Event | None:
        """The earliest stored happening under one of `fe`'s blocking keys that is the same happening."""
        keys = fusion.candidate_keys(fe)
        if not keys:
            return None
        pks = s.scalars(
            select(FusionKey.event_pk)
            .where(tuple_(FusionKey.event_type, FusionKey.loc, FusionKey.bucket).in_(keys))
            .distinct()
            .order_by(FusionKey.event_pk)
        ).all()
        for pk in pks:
            if pk in exclude:
                continue
            row = s.get(Event, pk)
            if row is None:
                continue
            merged = model.Event.model_validate(row.detail)
            first = s.scalar(
                select(func.min(Report.published)).join(EventSource).where(EventSource.event_pk == pk)
            )
            if fusion.same_happening(fusion.FusableEvent.from_event(merged, first), fe, self._lexicon):
                return row
        return None

    def _fill(self, s: Session, row: Event, fused: fusion.FusedEvent) -> None:
        """Set the ACLED columns and structured fields of `row` from a (re)merged happening."""
        e = fused.event
        loc = e.location
        country, iso, _ = _country(loc)
        day = parse_date(e.event_date)
        precision = e.time_precision
        if day is None:
            # ACLED needs a date: an undated happening is dated by its first report, as "about then".
            day = fusion.earliest_published(fused.sources)
            precision = max(precision, 2)
        inter1 = (e.actor1.inter or "") if e.actor1 else ""
        inter2 = (e.actor2.inter or "") if e.actor2 else ""
        row.event_date = day
        row.year = day.year if day else None
        row.time_precision = precision
        row.disorder_type = DISORDER.get(e.event_type, "")
        row.event_type = e.event_type
        row.sub_event_type = e.sub_event_type
        row.actor1 = _actor_name(e.actor1)
        row.assoc_actor_1 = "; ".join(_actor_name(a) for a in e.assoc_actor_1)
        row.inter1 = inter1
        row.actor2 = _actor_name(e.actor2)
        row.assoc_actor_2 = "; ".join(_actor_name(a) for a in e.assoc_actor_2)
        row.inter2 = inter2
        row.interaction = _interaction(inter1, inter2)
        row.civilian_targeting = "Civilian targeting" if e.civilian_targeting else ""
        row.iso = iso
        row.region = REGION if iso else ""
        row.country = country
        row.admin1 = (loc.admin1 or "") if loc else ""
        row.admin2 = (loc.admin2 or "") if loc else ""
        row.admin3 = (loc.admin3 or "") if loc else ""
        row.location = (loc.name or loc.text) if loc else ""
        row.location_text = loc.text if loc else None
        row.latitude = loc.lat if loc else None
        row.longitude = loc.lon if loc else None
        row.geo_precision = loc.geo_precision if loc else None
        row.place_id = self._ensure_place(s, loc) if loc else None
        row.source = fused.source
        row.source_scale = fused.source_scale
        row.notes = e.notes
        row.fatalities = e.fatalities or 0
        row.tags = "" if e.modality == "happened" else f"modality={e.modality}"
        row.timestamp = int(time.time())
        row.actor1_id = _actor_key(e.actor1) if e.actor1 else None
        row.actor2_id = _actor_key(e.actor2) if e.actor2 else None
        row.injuries = e.injuries
        row.modality = e.modality
        row.confidence = e.confidence
        row.force = [f.model_dump(mode="json") for f in e.force]
        row.movement = [m.model_dump(mode="json") for m in e.movement]
        row.attribution = [a.model_dump(mode="json") for a in e.attribution]
        row.evidence = [ev.model_dump(mode="json") for ev in e.evidence]
        row.detail = e.model_dump(mode="json")
        roles = [("actor1", e.actor1), ("actor2", e.actor2)]
        roles += [("assoc_actor_1", a) for a in e.assoc_actor_1] + [
            ("assoc_actor_2", a) for a in e.assoc_actor_2
        ]
        row.actors = [
            EventActor(role=role, actor_id=self._ensure_actor(s, ref), name=_actor_name(ref))
            for role, ref in roles
            if ref is not None
        ]


def _source_info(report: Report) -> fusion.SourceInfo:
    return fusion.SourceInfo(
        report_id=report.id, outlet=report.outlet, published=report.published, url=report.url
    )


def run(
    writer: Writer,
    items: Iterable[RawReport | ReadFailure],
    *,
    extractor: Extractor = default_extractor,
    workers: int = 1,
    progress: bool = True,
    console: Console | None = None,
) -> IngestSummary:
    """Ingest every item, extracting in `workers` processes and writing in this one, in input order."""
    started = time.perf_counter()
    summary = IngestSummary()
    known = writer.known_hashes()
    todo: list[RawReport] = []
    for item in items:
        if isinstance(item, ReadFailure):
            summary.add(IngestResult(status="failed", reason=item.reason, source=item.origin))
            continue
        digest = content_hash(item.text)
        if digest in known:
            summary.add(IngestResult(status="duplicate", report_id=known[digest], source=item.origin))
            continue
        todo.append(item)
    bar = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        disable=not progress,
        transient=False,
    )
    with bar:
        task = bar.add_task("ingest", total=len(todo), status="")
        for prep in _prepared(todo, extractor, workers):
            summary.add(writer.write(prep))
            bar.update(
                task,
                advance=1,
                status=f"new {summary.new} · dup {summary.duplicate + summary.near_duplicate} · failed {summary.failed}",
            )
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _prepared(todo: list[RawReport], extractor: Extractor, workers: int) -> Iterable[Prepared]:
    if workers <= 1 or len(todo) < 2:
        for raw in todo:
            yield prepare(raw, extractor)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(extractor,)) as pool:
        yield from pool.imap(_prepare_in_worker, todo, chunksize=8)
