"""Ingest: read → extract (in worker processes) → write (in the parent, each report atomically).

Why this shape:
- *Idempotent.* A report is keyed by the hash of its whitespace-normalised text; the
  same content adds nothing, whatever file or feed it comes from again.
- *Transactional per report and resumable.* A report, its mentions, its events (fused
  or new), their sources and posture changes are written inside one savepoint, so each
  report is stored wholly or not at all; savepoints are committed in batches (64 reports
  or half a second), so a crash, even SIGKILL, loses at most the last batch, and re-running
  the same command skips what is stored (by hash, before extraction) and does the rest.
- *Parallel where it pays.* Extraction is CPU-bound and independent per report, so it
  runs in a process pool; writes stay in the parent, in input order, because fusion
  must see earlier reports' events and SQLite has one writer anyway.
- *Never blocked by one bad report.* A report that fails extraction (or whose rows the
  database refuses, whatever the error) is stored as failed with the reason; a later run
  reads it again, in case the extractor has been fixed. A source that cannot be read, or a
  report that cannot be stored at all (lone surrogates, an over-long id: see
  `rasid.reports.report_problem`), is counted as failed in the summary.
- *Writers queue, they do not fail.* Several writers (two ingests, an ingest and the API)
  may share a database. On SQLite each batch takes the write lock when it begins
  (`BEGIN IMMEDIATE`, see `rasid.store.db`), so a second writer waits its turn instead of
  failing on a stale snapshot; on PostgreSQL shared rows (actors, places) are upserts, and
  a batch that meets a deadlock, a serialisation failure or a lock timeout is rolled back
  and written again (`RETRIES`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import Connection, Dialect, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from rasid import model
from rasid.errors import InputError
from rasid.geo.region import region
from rasid.lexicon.load import ancestors, load_actors
from rasid.reports import ReadError as ReadFailure
from rasid.reports import Report as RawReport
from rasid.reports import report_problem
from rasid.store import fusion
from rasid.store.neardup import NearDupIndex, signature
from rasid.store.posture_db import DROP_CHANGES as _DROP_POSTURE
from rasid.store.posture_db import change_rows
from rasid.store.records import IngestResult, IngestSummary
from rasid.store.schema import (
    Actor,
    Event,
    EventActor,
    EventSource,
    FusionKey,
    Mention,
    Place,
    PostureChange,
    Report,
    reports_fts,
)
from rasid.text.normalize import normalize, normalize_key

Extractor = Callable[..., model.Extraction]


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
    # surrogatepass: a text with a lone surrogate is refused later, with its reason; hashing it must not raise.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


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
    """A report ready to write: hash, normalised text, MinHash and what extraction read (or why it failed).

    Mentions and events travel as JSON-ready dicts, not pydantic objects: unpickling
    nested models in the writer process costs several times more than validating the
    events again there, and the writer is the serial part of an ingest.
    """

    raw: RawReport
    content_hash: str
    norm_text: str
    minhash: bytes | None
    error: str | None
    warnings: list[str]
    mentions: list[dict[str, Any]] = field(default_factory=list)  # `mentions` rows, but report_pk
    events: list[dict[str, Any]] = field(default_factory=list)  # model.Event, dumped


def prepare(raw: RawReport, extractor: Extractor) -> Prepared:
    """Everything about one report that needs no database: runs in a worker process."""
    digest = content_hash(raw.text)
    problem = report_problem(raw)
    if problem is not None:
        return Prepared(raw, digest, "", None, problem, [])
    norm = ""
    warnings: list[str] = []
    published = parse_date(raw.published)
    if raw.published and published is None:
        warnings.append(f"published date {raw.published!r} not understood; ignored")
    try:
        norm = normalize(raw.text).text
        extraction = extractor(
            raw.text, published=published, outlet=raw.outlet, id=raw.id or digest[:16], url=raw.url
        )
    except InputError as exc:  # the report itself is unusable: empty, binary, not Arabic
        return Prepared(raw, digest, norm, None, str(exc) or type(exc).__name__, warnings)
    except Exception as exc:  # an extraction bug must not stop the other reports
        return Prepared(raw, digest, norm, None, f"extraction error: {type(exc).__name__}: {exc}", warnings)
    mentions = [
        {
            "kind": m.kind,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "canonical": m.canonical,
            "ref_id": m.id,
            "lat": m.lat,
            "lon": m.lon,
            "attrs": m.attrs,
        }
        for m in extraction.mentions
    ]
    return Prepared(
        raw,
        digest,
        norm,
        signature(norm) if norm else None,
        None,
        warnings + extraction.warnings,
        mentions,
        [ev.model_dump(mode="json") for ev in extraction.events],
    )


# Worker-process state: the extractor, set once per worker by the pool initialiser.
_worker_extractor: Extractor = default_extractor


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor


def _prepare_in_worker(raw: RawReport) -> Prepared:
    return prepare(raw, _worker_extractor)


def _country(loc: model.Location | None) -> tuple[str, int | None, str, str]:
    """ACLED's country name, numeric iso, event-id prefix and region for a location's country
    (the region model's entry; a country it does not know keeps its name, with no iso)."""
    found = region().lookup(loc.country) if loc else None
    if found is not None:
        return found.name, found.numeric or None, found.iso3 or "XXX", found.acled_region
    return (loc.country or "" if loc else ""), None, "XXX", ""


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


class _FastInsert:
    """An INSERT compiled once per database and column set, run on the driver's cursor.

    At hundreds of reports per second SQLAlchemy's per-execution bookkeeping costs more
    than the database itself, and the writer is the ingest's serial part. The hot inserts
    skip it: the SQL is SQLAlchemy's, compiled once; each value goes through the bind
    processor SQLAlchemy would apply (JSON, dates); omitted columns get their defaults.
    """

    def __init__(self, table: Table, *, returning: bool = False) -> None:
        self.table = table
        self.returning = returning
        self._compiled: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[str, Any, Any]]]] = {}

    def _compile(self, dialect: Dialect, keys: tuple[str, ...]) -> tuple[str, list[tuple[str, Any, Any]]]:
        cached = self._compiled.get((dialect.name, keys))
        if cached is None:
            # Named parameters on every driver, so rows can be passed as dicts.
            named = type(dialect)(paramstyle="named") if dialect.positional else dialect
            stmt = insert(self.table)
            if self.returning:
                stmt = stmt.returning(self.table.c.pk)
            compiled = stmt.compile(dialect=named, column_keys=list(keys))
            columns = []
            for name in compiled.binds:
                col = self.table.c[name]
                default = col.default.arg if col.default is not None else None
                columns.append((name, col.type.dialect_impl(dialect).bind_processor(dialect), default))
            cached = (str(compiled), columns)
            self._compiled[(dialect.name, keys)] = cached
        return cached

    def _params(self, columns: list[tuple[str, Any, Any]], row: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, process, default in columns:
            value = row[name] if name in row else default(None) if callable(default) else default
            out[name] = process(value) if process is not None else value
        return out

    def run(self, c: Connection, rows: list[dict[str, Any]]) -> int | None:
        """Insert `rows` (all with the same keys); with `returning`, one row and its new pk."""
        sql, columns = self._compile(c.dialect, tuple(rows[0]))
        cursor = c.connection.cursor()
        try:
            if self.returning:
                cursor.execute(sql, self._params(columns, rows[0]))
                return int(cursor.fetchone()[0])
            cursor.executemany(sql, [self._params(columns, row) for row in rows])
            return None
        except c.dialect.loaded_dbapi.Error as exc:
            # Raised as SQLAlchemy raises driver errors (IntegrityError, DataError, ...).
            raise DBAPIError.instance(sql, None, exc, c.dialect.loaded_dbapi.Error) from exc
        finally:
            cursor.close()


# Core tables and the statements the writer runs for every report, built once: at hundreds
# of reports per second, building and caching statements per call costs more than SQLite.
R, M, E = Report.__table__, Mention.__table__, Event.__table__
ES, EA, FK = EventSource.__table__, EventActor.__table__, FusionKey.__table__
PC = PostureChange.__table__
_BY_HASH = select(R.c.pk, R.c.id, R.c.status).where(R.c.content_hash == bindparam("h"))
_ID_TAKEN = select(R.c.pk).where(R.c.id == bindparam("rid"))
_INSERT_REPORT = _FastInsert(R, returning=True)
_INSERT_MENTIONS = _FastInsert(M)
_INSERT_FTS = _FastInsert(reports_fts)
# Plain IN lists on each key column walk the (event_type, loc, bucket) index as a few
# ranges; the rows are then checked against the exact keys (a row-value IN is slower here).
_CANDIDATES = select(FK.c.event_pk, FK.c.loc, FK.c.bucket).where(
    FK.c.event_type == bindparam("t"),
    FK.c.loc.in_(bindparam("locs", expanding=True)),
    FK.c.bucket.in_(bindparam("buckets", expanding=True)),
)
_MEMBERS = (
    select(ES.c.extracted, R.c.id, R.c.outlet, R.c.published, R.c.url)
    .join(R, R.c.pk == ES.c.report_pk)
    .where(ES.c.event_pk == bindparam("e"))
    .order_by(ES.c.pk)
)
_INSERT_EVENT = _FastInsert(E, returning=True)
_INSERT_MANY = {t.name: _FastInsert(t) for t in (ES, EA, FK, PC)}
_UPDATE_EVENT = update(E).where(E.c.pk == bindparam("e_pk"))
_EVENT_ID = select(E.c.event_id_cnty).where(E.c.pk == bindparam("e"))
_DROP_ACTORS = delete(EA).where(EA.c.event_pk == bindparam("e"))
_DROP_KEYS = delete(FK).where(FK.c.event_pk == bindparam("e"))


RETRIES = 6
"""How many times a batch is written before a conflict with another writer is given up on."""

# SQLSTATEs of conflicts between concurrent transactions that succeed when tried again:
# serialization_failure, deadlock_detected, lock_not_available.
_RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def retryable(exc: BaseException) -> bool:
    """Whether `exc` is another writer's doing (a lock, a deadlock), gone when the transaction is redone."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    message = str(orig or exc).lower()
    return isinstance(exc, OperationalError) and ("database is locked" in message or "busy" in message)


def _connection_lost(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def _storage_reason(exc: BaseException) -> str:
    """A one-line reason from a database or validation error, bounded in length."""
    orig = getattr(exc, "orig", None) or exc
    line = (str(orig).splitlines() or [""])[0]
    return f"storage error: {type(orig).__name__}: {line}"[:500]


def _insert_ignoring_existing(dialect: str, table: Table) -> Any:
    """INSERT that does nothing when the row's key is already there (another writer's row)."""
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    return insert(table)


@dataclass(slots=True)
class _Pending:
    """Rows of one report's happenings, inserted together once the report's events are fused."""

    keys: dict[int, list[fusion.BlockKey]] = field(default_factory=dict)
    members: dict[int, list[tuple[model.Event, fusion.SourceInfo]]] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    actors: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    changes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


class Writer:
    """Writes prepared reports into the store, fusing their events with the stored ones.

    Writes go through SQLAlchemy Core statements (not ORM unit-of-work): a report is a
    dozen small inserts, and at hundreds of reports per second the ORM's bookkeeping
    would cost more than the database. Small tables (actors, places) and each event's
    fusion view are cached in memory for the length of the writer's life and dropped
    whenever a transaction rolls back.
    """

    def __init__(self, sessions: sessionmaker[Session], dialect: str) -> None:
        self._sessions = sessions
        self._dialect = dialect
        self._lexicon = load_actors()
        self._neardup: NearDupIndex | None = None
        self._known_actors: set[str] | None = None
        self._known_places: set[str] | None = None
        self._views: dict[int, fusion.FusableEvent] = {}
        self._event_ids: dict[int, str] = {}

    def known_hashes(self) -> dict[str, str]:
        """content hash → report id of every stored report that need not be read again (not failed)."""
        with self._sessions() as s:
            stmt = select(Report.content_hash, Report.id).where(Report.status != "failed")
            return {h: rid for h, rid in s.execute(stmt)}

    def analyze(self) -> None:
        """Refresh the query planner's statistics after an ingest.

        Without them the planner guesses, and picks slow plans for `--actor` or `--text`
        filters that match thousands of events. SQLite samples (milliseconds); PostgreSQL's
        ANALYZE samples too, and autovacuum would only get to it later.
        """
        with self._sessions.begin() as s:
            c = s.connection()
            if self._dialect == "sqlite":
                c.exec_driver_sql("PRAGMA analysis_limit=1000")
            c.exec_driver_sql("ANALYZE")

    def _forget(self) -> None:
        """Drop the in-memory caches after a rollback: what they learnt may not have been stored."""
        self._neardup = None
        self._known_actors = None
        self._known_places = None
        self._views = {}
        self._event_ids = {}

    # -- transactions ----------------------------------------------------------------------

    def write(self, prep: Prepared) -> IngestResult:
        """Store one prepared report in its own transaction."""
        return next(iter(self.write_many([prep])))

    def write_many(
        self, preps: Iterable[Prepared], batch: int = 64, seconds: float = 0.5
    ) -> Iterator[IngestResult]:
        """Store reports, each atomically (a savepoint), committing every `batch` reports or `seconds`.

        Each report is all-or-nothing; a crash loses at most the last uncommitted batch,
        which a re-run stores again (each report exactly once: content hashes are unique).
        A report whose rows the database refuses is rolled back to its savepoint and
        stored as failed with the reason, so one unstorable report never stops a run.
        A batch is gathered before its transaction begins, so the write lock is held only
        while writing; a batch another writer got in the way of is written again.
        Results are yielded once their transaction has committed.
        """
        it = iter(preps)
        while True:
            chunk: list[Prepared] = []
            started = time.monotonic()
            for prep in it:
                chunk.append(prep)
                if len(chunk) >= batch or time.monotonic() - started > seconds:
                    break
            if not chunk:
                return
            yield from self._commit(chunk)

    def _commit(self, chunk: list[Prepared]) -> list[IngestResult]:
        """Write a batch in one transaction, again from the start when another writer got in the way."""
        for attempt in range(1, RETRIES + 1):
            try:
                with self._sessions.begin() as s:
                    return [self._write_atomic(s, prep) for prep in chunk]
            except BaseException as exc:
                self._forget()
                if attempt == RETRIES or not isinstance(exc, Exception) or not retryable(exc):
                    raise
                time.sleep(min(0.05 * 2**attempt, 2.0))
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _write_atomic(self, s: Session, prep: Prepared) -> IngestResult:
        """One report in its savepoint; whatever the database refuses, the report is recorded as failed."""
        problem = report_problem(prep.raw)
        if problem is not None:  # nothing of it can be stored: counted as failed, with why
            return IngestResult(status="failed", reason=problem, source=prep.raw.origin)
        try:
            try:
                result = self._savepoint(s, prep)
            except IntegrityError:
                # Another writer took the id this report was given, or a shared row: once more.
                self._forget()
                result = self._savepoint(s, prep)
        except Exception as exc:
            if retryable(exc) or _connection_lost(exc):
                raise
            self._forget()
            existing = s.scalar(select(Report.id).where(Report.content_hash == prep.content_hash))
            if existing is not None:  # another writer stored the same content meanwhile
                return IngestResult(
                    status="duplicate", report_id=existing, duplicate_of=existing, source=prep.raw.origin
                )
            return self._write_failed(s, prep, _storage_reason(exc))
        # Later reports of the same batch must see this one (a rollback drops the index).
        if result.status in ("new", "near_duplicate") and prep.minhash and self._neardup is not None:
            self._neardup.add(result.report_id or "", prep.minhash)
        return result

    def _savepoint(self, s: Session, prep: Prepared) -> IngestResult:
        with s.begin_nested():
            return self._write(s, prep)

    def _write_failed(self, s: Session, prep: Prepared, reason: str) -> IngestResult:
        """Record a report whose rows were refused as failed: the report alone, without what was read."""
        try:
            return self._savepoint(s, replace(prep, error=reason, minhash=None, mentions=[], events=[]))
        except Exception as exc:
            if retryable(exc) or _connection_lost(exc):
                raise
            self._forget()
            return IngestResult(status="failed", reason=f"{reason}; {_storage_reason(exc)}", source=prep.raw.origin)

    # -- one report ------------------------------------------------------------------------

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

    def _report_id(self, s: Session, prep: Prepared) -> str:
        """The given id, or a content-hash prefix; a given id already used by other content gets the hash appended."""
        wanted = prep.raw.id or prep.content_hash[:16]
        if s.connection().execute(_ID_TAKEN, {"rid": wanted}).first() is None:
            return wanted
        return f"{wanted}-{prep.content_hash[:8]}"

    def _write(self, s: Session, prep: Prepared) -> IngestResult:
        raw, origin = prep.raw, prep.raw.origin
        c = s.connection()
        existing = c.execute(_BY_HASH, {"h": prep.content_hash}).first()
        if existing is not None and existing.status != "failed":
            return IngestResult(
                status="duplicate", report_id=existing.id, duplicate_of=existing.id, source=origin
            )
        if existing is not None:
            # A report that failed before is read again: the extractor may have been fixed since.
            if prep.error is not None:
                s.execute(update(Report).where(Report.pk == existing.pk).values(reason=prep.error))
                return IngestResult(status="failed", report_id=existing.id, reason=prep.error, source=origin)
            c.execute(delete(R).where(R.c.pk == existing.pk))
            rid = existing.id
        else:
            rid = self._report_id(s, prep)
        published = parse_date(raw.published)
        values: dict[str, Any] = {
            "id": rid,
            "content_hash": prep.content_hash,
            "text": raw.text,
            "norm_text": prep.norm_text,
            "url": raw.url,
            "outlet": raw.outlet,
            "published": published,
            "retrieved": dt.datetime.now(dt.UTC),
            "origin": origin,
            "status": "ok",
            "reason": None,
            "duplicate_of": None,
            "similarity": None,
            "minhash": prep.minhash,
            "warnings": prep.warnings,
        }
        if prep.error is not None:
            values.update(status="failed", reason=prep.error)
            c.execute(insert(R), values)
            return IngestResult(status="failed", report_id=rid, reason=prep.error, source=origin)
        near = self._index(s).match(prep.minhash) if prep.minhash else None
        if near is not None:
            values.update(status="near_duplicate", duplicate_of=near[0], similarity=round(near[1], 3))
        report_pk = _INSERT_REPORT.run(c, [values])
        if prep.mentions:
            _INSERT_MENTIONS.run(c, [{"report_pk": report_pk, **m} for m in prep.mentions])
        if self._dialect == "sqlite":
            _INSERT_FTS.run(c, [{"rowid": report_pk, "body": prep.norm_text}])
        if near is not None:
            return IngestResult(status="near_duplicate", report_id=rid, duplicate_of=near[0], source=origin)
        src = fusion.SourceInfo(report_id=rid, outlet=raw.outlet, published=published, url=raw.url)
        created, merged = self._add_events(s, report_pk, src, prep.events)
        return IngestResult(
            status="new", report_id=rid, events_created=created, events_merged=merged, source=origin
        )

    # -- events ----------------------------------------------------------------------------

    def _add_events(
        self, s: Session, report_pk: int, src: fusion.SourceInfo, events: Sequence[dict[str, Any]]
    ) -> tuple[int, int]:
        """Fuse each event with a stored happening (`fusion.joins`) or start a new one.

        The rows that hang off each happening (its sources, actors, blocking keys and
        posture changes) are gathered per report and inserted together at the end; the
        blocking keys of this report's happenings are searched in memory meanwhile.
        """
        c = s.connection()
        joined: set[int] = set()
        pending = _Pending()
        created = merged = 0
        for ordinal, dumped in enumerate(events):
            ev = model.Event.model_validate(dumped)
            fe = fusion.FusableEvent.from_event(ev, src.published)
            pk = self._find(s, fe, joined, pending.keys)
            if pk is None:
                members, sources = [ev], [src]
                created += 1
            else:
                rows = c.execute(_MEMBERS, {"e": pk}).all()
                members = [model.Event.model_validate(r.extracted) for r in rows]
                sources = [
                    fusion.SourceInfo(report_id=r.id, outlet=r.outlet, published=r.published, url=r.url)
                    for r in rows
                ]
                # Members from this report are not stored yet.
                members += [m for m, _ in pending.members.get(pk, [])]
                sources += [x for _, x in pending.members.get(pk, [])]
                members.append(ev)
                sources.append(src)
                merged += 1
            fused = fusion.fuse(members, sources, self._lexicon)
            columns = self._columns(s, fused)
            if pk is None:
                pk = _INSERT_EVENT.run(c, [columns])
                event_id = f"{_country(fused.event.location)[2]}{pk}"
                c.execute(_UPDATE_EVENT, {"e_pk": pk, "event_id_cnty": event_id})
                self._event_ids[pk] = event_id
            else:
                c.execute(_UPDATE_EVENT, {"e_pk": pk, **columns})
                event_id = self._event_id(c, pk)
                if pk not in pending.keys:
                    # A stored happening re-merged: its actors, keys and posture are replaced.
                    for drop in (_DROP_ACTORS, _DROP_KEYS, _DROP_POSTURE):
                        c.execute(drop, {"e": pk})
            pending.members.setdefault(pk, []).append((ev, src))
            pending.sources.append(
                {
                    "event_pk": pk,
                    "report_pk": report_pk,
                    "ordinal": ordinal,
                    "extracted": dumped,
                }
            )
            pending.actors[pk] = self._actor_rows(s, pk, fused.event)
            first = fusion.earliest_published(fused.sources)
            pending.changes[pk] = change_rows(
                pk, event_id, fused.event, [x.report_id for x in fused.sources], first
            )
            view = fusion.FusableEvent.from_event(fused.event, first)
            pending.keys[pk] = fusion.index_keys(view)
            self._views[pk] = view
            joined.add(pk)
        for table, rows in (
            (ES, pending.sources),
            (EA, [r for per in pending.actors.values() for r in per]),
            (PC, [r for per in pending.changes.values() for r in per]),
            (
                FK,
                [
                    {"event_pk": pk, "event_type": t, "loc": loc, "bucket": b}
                    for pk, keys in pending.keys.items()
                    for t, loc, b in keys
                ],
            ),
        ):
            if rows:
                _INSERT_MANY[table.name].run(c, rows)
        return created, merged

    def _event_id(self, c: Connection, pk: int) -> str:
        event_id = self._event_ids.get(pk)
        if event_id is None:
            event_id = c.execute(_EVENT_ID, {"e": pk}).scalar() or str(pk)
            self._event_ids[pk] = event_id
        return event_id

    def _view(self, s: Session, pk: int) -> fusion.FusableEvent | None:
        """What a new event is compared against: the merged event, dated by its first report."""
        view = self._views.get(pk)
        if view is None:
            detail = s.scalar(select(Event.detail).where(Event.pk == pk))
            if detail is None:
                return None
            first = s.scalar(
                select(func.min(Report.published))
                .join(EventSource, EventSource.report_pk == Report.pk)
                .where(EventSource.event_pk == pk)
            )
            view = fusion.FusableEvent.from_event(model.Event.model_validate(detail), first)
            self._views[pk] = view
        return view

    def _find(
        self,
        s: Session,
        fe: fusion.FusableEvent,
        joined: set[int],
        pending: dict[int, list[fusion.BlockKey]],
    ) -> int | None:
        """The earliest stored happening under one of `fe`'s blocking keys that `fe` joins.

        `joined` holds the happenings this report already contributed to: another event of
        the same report joins one of them only at the same place (`fusion.joins`).
        `pending` holds the blocking keys of this report's happenings, not yet stored.
        """
        keys = fusion.candidate_keys(fe)
        if not keys:
            return None
        wanted = set(keys)
        rows = s.connection().execute(
            _CANDIDATES,
            {
                "t": fe.event_type,
                "locs": sorted({k[1] for k in keys}),
                "buckets": sorted({k[2] for k in keys}),
            },
        )
        found = {pk for pk, loc, b in rows if (fe.event_type, loc, b) in wanted and pk not in pending}
        found |= {pk for pk, own in pending.items() if wanted.intersection(own)}
        pks = sorted(found)
        for pk in pks:
            view = self._view(s, pk)
            if view is not None and fusion.joins(view, fe, same_report=pk in joined, actors=self._lexicon):
                return pk
        return None

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
                row = {
                    "id": aid,
                    "name": known.name,
                    "kind": known.kind,
                    "inter": known.inter,
                    "parent_id": known.parent,
                }
            else:
                row = {
                    "id": aid,
                    "name": _actor_name(ref),
                    "kind": None,
                    "inter": ref.inter,
                    "parent_id": None,
                }
            s.connection().execute(_insert_ignoring_existing(self._dialect, Actor.__table__), row)
            self._known_actors.add(aid)
        return key

    def _ensure_place(self, s: Session, loc: model.Location) -> str:
        if self._known_places is None:
            self._known_places = set(s.scalars(select(Place.id)))
        key = place_key(loc)
        if key not in self._known_places:
            s.connection().execute(
                _insert_ignoring_existing(self._dialect, Place.__table__),
                {
                    "id": key,
                    "name": loc.name or loc.text,
                    "norm_name": normalize_key(loc.text),
                    "kind": loc.kind,
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "admin1": loc.admin1,
                    "admin2": loc.admin2,
                    "admin3": loc.admin3,
                    "country": loc.country,
                },
            )
            self._known_places.add(key)
        return key

    def _actor_rows(self, s: Session, pk: int, e: model.Event) -> list[dict[str, Any]]:
        """The actor rows behind --actor: actor1, actor2 and the associated actors of the merged event."""
        roles = [("actor1", e.actor1), ("actor2", e.actor2)]
        roles += [("assoc_actor_1", a) for a in e.assoc_actor_1] + [
            ("assoc_actor_2", a) for a in e.assoc_actor_2
        ]
        rows = [
            {"event_pk": pk, "role": role, "actor_id": self._ensure_actor(s, ref), "name": _actor_name(ref)}
            for role, ref in roles
            if ref is not None
        ]
        return rows

    def _columns(self, s: Session, fused: fusion.FusedEvent) -> dict[str, Any]:
        """The ACLED columns and structured fields of a (re)merged happening."""
        e = fused.event
        loc = e.location
        country, iso, _, acled_region = _country(loc)
        day = parse_date(e.event_date)
        precision = e.time_precision
        if day is None:
            # ACLED needs a date: an undated happening is dated by its first report, as "about then".
            day = fusion.earliest_published(fused.sources)
            precision = max(precision, 2)
        inter1 = (e.actor1.inter or "") if e.actor1 else ""
        inter2 = (e.actor2.inter or "") if e.actor2 else ""
        return {
            "event_date": day,
            "year": day.year if day else None,
            "time_precision": precision,
            "disorder_type": DISORDER.get(e.event_type, ""),
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "actor1": _actor_name(e.actor1),
            "assoc_actor_1": "; ".join(_actor_name(a) for a in e.assoc_actor_1),
            "inter1": inter1,
            "actor2": _actor_name(e.actor2),
            "assoc_actor_2": "; ".join(_actor_name(a) for a in e.assoc_actor_2),
            "inter2": inter2,
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if e.civilian_targeting else "",
            "iso": iso,
            "region": acled_region,
            "country": country,
            "admin1": (loc.admin1 or "") if loc else "",
            "admin2": (loc.admin2 or "") if loc else "",
            "admin3": (loc.admin3 or "") if loc else "",
            "location": (loc.name or loc.text) if loc else "",
            "location_text": loc.text if loc else None,
            "latitude": loc.lat if loc else None,
            "longitude": loc.lon if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "place_id": self._ensure_place(s, loc) if loc else None,
            "source": fused.source,
            "source_scale": fused.source_scale,
            "notes": e.notes,
            "fatalities": e.fatalities or 0,
            "tags": "" if e.modality == "happened" else f"modality={e.modality}",
            "timestamp": int(time.time()),
            "actor1_id": _actor_key(e.actor1) if e.actor1 else None,
            "actor2_id": _actor_key(e.actor2) if e.actor2 else None,
            "injuries": e.injuries,
            "modality": e.modality,
            "confidence": e.confidence,
            "force": [f.model_dump(mode="json") for f in e.force],
            "movement": [m.model_dump(mode="json") for m in e.movement],
            "attribution": [a.model_dump(mode="json") for a in e.attribution],
            "evidence": [ev.model_dump(mode="json") for ev in e.evidence],
            "detail": e.model_dump(mode="json"),
        }


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
        problem = report_problem(item)
        if problem is not None:
            summary.add(IngestResult(status="failed", reason=problem, source=item.origin))
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
        for result in writer.write_many(_prepared(todo, extractor, workers)):
            summary.add(result)
            bar.update(
                task,
                advance=1,
                status=f"new {summary.new} · dup {summary.duplicate + summary.near_duplicate} · failed {summary.failed}",
            )
    if summary.new or summary.near_duplicate:
        writer.analyze()
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
