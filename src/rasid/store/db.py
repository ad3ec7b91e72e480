"""Opening a store: SQLite file (default, WAL) or PostgreSQL by URL, migrated on open.

`Store.open` refuses anything that is not a rasid database — a file that is not SQLite,
a damaged file, a database with someone else's tables, or one written by a newer rasid
— with a `StoreError` whose message says which, instead of a traceback or, worse,
creating rasid's tables inside someone else's database.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from rasid.reports import Fetcher, Report, read_sources
from rasid.store import export, ingest, queries, search
from rasid.store import posture_db as store_posture
from rasid.store.ingest import Extractor, Writer, prepare
from rasid.store.records import (
    ActorDetail,
    ActorSummary,
    EventQuery,
    EventRecord,
    IngestResult,
    IngestSummary,
    PostureRecord,
    ReportRecord,
    ReportSummary,
    SearchHit,
)

DEFAULT_PATH = "rasid.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
WRITER = "rasid_writer"
"""Execution option of connections that write: on SQLite their transactions begin IMMEDIATE."""
MIGRATION_LOCK = 7_361_837_001
"""PostgreSQL advisory lock key held while migrating, so two processes opening a new database take turns."""


class StoreError(Exception):
    """The database cannot be used; the message says why in the user's terms."""


def resolve_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """None → $RASID_DB or ./rasid.db; a URL (with ://) as given; anything else is a SQLite path."""
    target = os.fspath(url_or_path) if url_or_path is not None else os.environ.get("RASID_DB") or DEFAULT_PATH
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: directory {path.parent} does not exist")
        return
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a rasid database (not an SQLite file); refusing to touch it")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app) read while an ingest writes; NORMAL sync is safe under WAL.

    The driver's own transaction handling is switched off (SQLAlchemy emits BEGIN, see
    `_sqlite_begin`) so that SAVEPOINTs work — each report is written in one — and
    migrations' DDL is transactional.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # A larger page cache and memory-mapped reads: filters over 100,000 events touch
    # thousands of rows, and the default 2 MB cache makes each of them a read() call.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    """Readers BEGIN (deferred: WAL lets them read beside a writer); writers BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between (its snapshot is stale; waiting cannot
    help, so the busy timeout does not apply). Taking the write lock at BEGIN makes a
    second writer wait its turn (up to the busy timeout) instead.
    """
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER) else "BEGIN")


def writer_engine(engine: Engine) -> Engine:
    """The same engine (and pool) with its transactions marked as writes; see `_sqlite_begin`."""
    return engine.execution_options(**{WRITER: True})


def make_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite tuned for one writer and many readers."""
    try:
        if url.startswith("sqlite"):
            database = url.split(":///", 1)[1] if ":///" in url else ""
            if database and database != ":memory:":
                _check_sqlite_file(Path(database))
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {url!r}: {exc}") from exc


def alembic_config() -> Config:
    """Alembic configured from the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", "rasid.store:migrations")
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` ("head" on open; "base" drops everything rasid made)."""
    cfg = alembic_config()
    with writer_engine(engine).begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        cfg.attributes["connection"] = conn
        if revision == "base":
            command.downgrade(cfg, revision)
        else:
            command.upgrade(cfg, revision)


def _check_ours(engine: Engine, where: str) -> None:
    """Refuse a database that holds other tables than rasid's, or rasid's from a newer version."""
    tables = set(inspect(engine).get_table_names())
    if not tables:
        return
    if "alembic_version" not in tables or ("reports" not in tables and tables != {"alembic_version"}):
        raise StoreError(f"{where} holds tables that are not rasid's; refusing to use it")
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        current = MigrationContext.configure(conn).get_current_heads()
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise StoreError(
            f"{where} was written by a newer rasid (schema revision {', '.join(unknown)}); upgrade rasid"
        )


def open_engine(url_or_path: str | os.PathLike[str] | None) -> tuple[Engine, sessionmaker[Session]]:
    """Open, check and migrate the database; return its engine and a session factory."""
    url = resolve_url(url_or_path)
    engine = make_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        _check_ours(engine, where)
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        raise StoreError(f"cannot open database {where}: {reason}") from exc
    return engine, sessionmaker(engine, expire_on_commit=False)


class Store:
    """rasid's memory: reports, their events fused across reports, search, exports and posture.

    Open with `Store.open(...)`; every method opens its own session, so one `Store` can
    serve a web app's threads while an ingest runs in another process (SQLite WAL).
    """

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self.engine = engine
        self._sessions = sessions
        self._writer: Writer | None = None
        # One writer at a time per Store: its caches (near-duplicate index, fusion views)
        # follow the transactions it commits, and a web app may call from several threads.
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str] | None = None) -> Store:
        """Open (creating and migrating as needed) the store at a path or URL; see `resolve_url`."""
        engine, sessions = open_engine(url_or_path)
        return cls(engine, sessions)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            sessions = sessionmaker(writer_engine(self.engine), expire_on_commit=False)
            self._writer = Writer(sessions, self.engine.dialect.name)
        return self._writer

    # -- ingest -------------------------------------------------------------------------------

    def ingest_text(
        self,
        text: str,
        *,
        id: str | None = None,  # noqa: A002 - the report's id, as in the output contract
        published: str | dt.date | None = None,
        outlet: str | None = None,
        url: str | None = None,
        extractor: Extractor | None = None,
    ) -> IngestResult:
        """Extract and store one report (one transaction); the same content twice adds nothing."""
        day = published.isoformat() if isinstance(published, dt.date) else published
        raw = Report(text=text, id=id, published=day, outlet=outlet, url=url)
        prepared = prepare(raw, extractor or ingest.default_extractor)
        with self._write_lock:
            return self.writer.write(prepared)

    def ingest_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        workers: int = 1,
        progress: bool = True,
        *,
        extractor: Extractor | None = None,
        fetch: Fetcher | None = None,
    ) -> IngestSummary:
        """Ingest files, directories, feeds and URLs (see `rasid.reports`)."""
        items = read_sources([os.fspath(p) for p in paths], **({"fetcher": fetch} if fetch else {}))
        with self._write_lock:
            return ingest.run(
                self.writer,
                items,
                extractor=extractor or ingest.default_extractor,
                workers=workers,
                progress=progress,
            )

    # -- reading ------------------------------------------------------------------------------

    def events(self, q: EventQuery | None = None) -> list[EventRecord]:
        with self._sessions() as s:
            return queries.events(s, q or EventQuery())

    def event_summaries(self, q: EventQuery | None = None) -> list[dict[str, Any]]:
        """Flat rows of the events matching `q` (see `queries.event_summaries`): for maps and tables."""
        with self._sessions() as s:
            return queries.event_summaries(s, q or EventQuery())

    def list_reports(self, limit: int = 20) -> list[ReportSummary]:
        """The newest stored reports (not failed), with the opening of their text."""
        with self._sessions() as s:
            return queries.recent_reports(s, limit)

    def version(self) -> str:
        """Changes whenever the content does: a key for caching answers (see `queries.version`)."""
        with self._sessions() as s:
            return queries.version(s)

    def count_events(self, q: EventQuery | None = None) -> int:
        with self._sessions() as s:
            return queries.count_events(s, q or EventQuery())

    def get_event(self, event_id: str) -> EventRecord | None:
        with self._sessions() as s:
            return queries.get_event(s, event_id)

    def get_report(self, report_id: str) -> ReportRecord | None:
        with self._sessions() as s:
            return queries.get_report(s, report_id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Reports containing every word of `query`; snippets wrap matches in «» (see `SearchHit`)."""
        with self._sessions() as s:
            return search.search(s, query, limit)

    def actors(self) -> list[ActorSummary]:
        with self._sessions() as s:
            return queries.actors(s)

    def get_actor(self, actor_id: str) -> ActorDetail | None:
        with self._sessions() as s:
            detail = queries.get_actor(s, actor_id)
        if detail is not None:
            detail.positions = self.posture(actor=actor_id)
        return detail

    def posture(
        self, as_of: dt.date | None = None, actor: str | None = None, admin1: str | None = None
    ) -> list[PostureRecord]:
        """Who is where as of a date (default: everything stored), per (actor, place)."""
        with self._sessions() as s:
            return store_posture.posture(s, as_of=as_of, actor=actor, admin1=admin1)

    def export(self, fmt: str, out: str | os.PathLike[str] | IO[Any], q: EventQuery | None = None) -> int:
        """Write the events matching `q` (all by default) as acled|geojson|jsonl|parquet; returns the count."""
        with self._sessions() as s:
            return export.export(s, fmt, out, q)
