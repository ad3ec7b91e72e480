"""Opening a store: create, migrate, reopen; refuse what is not a rasid database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from rasid.store import Store, StoreError
from rasid.store.db import resolve_url


def test_open_creates_and_migrates(db_url: str) -> None:
    with Store.open(db_url) as store:
        tables = set(inspect(store.engine).get_table_names())
    assert {"reports", "mentions", "events", "event_sources", "event_actors", "actors", "places"} <= tables
    assert {"posture_changes", "fusion_keys", "alembic_version"} <= tables
    # Reopening an up-to-date database is a no-op.
    with Store.open(db_url) as store:
        assert store.count_events() == 0


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_default_path_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASID_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("RASID_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'rasid.db'}"
    assert resolve_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store.open(path)
    assert path.read_text() == "these are my notes, not a database\n"


def test_refuses_a_corrupt_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    with Store.open(path):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the magic, destroy the header and schema page
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="cannot open database|not a rasid database"):
        Store.open(path)


def test_refuses_someone_elses_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(StoreError, match="not rasid's"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"invoices"}


def test_refuses_a_database_from_a_newer_rasid(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with Store.open(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer rasid"):
        Store.open(path)


def test_refuses_a_missing_directory_and_a_bad_url(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "x.db")
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://x/y")


def test_migrations_match_the_models(db_url: str) -> None:
    """Alembic's head creates exactly the tables and indexes the ORM models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rasid.store.schema import Base

    with Store.open(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The full-text index is not an ORM table (FTS5 virtual table / pg_trgm index).
    assert [d for d in diff if "reports_fts" not in str(d) and "norm_text_trgm" not in str(d)] == []


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    from rasid.store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    migrate(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrate(engine)
    engine.dispose()
    with Store.open(tmp_path / "m.db") as store:
        assert store.count_events() == 0
