"""Store fixtures: every database test runs on SQLite and, when RASID_TEST_DATABASE_URL is set, PostgreSQL.

PostgreSQL tests share one database, so each one starts from an empty schema and drops
every table rasid made when it ends (Alembic downgrade to base).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from rasid.store import Store
from rasid.store.db import make_engine, migrate


def _reset_pg(url: str) -> None:
    engine = make_engine(url)
    try:
        if "alembic_version" in inspect(engine).get_table_names():
            migrate(engine, "base")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in a tmp dir, or the test PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "rasid.db")
        return
    pg_url = os.environ.get("RASID_TEST_DATABASE_URL")  # read late: tests/services.py may set it at start-up
    if not pg_url:
        pytest.skip("RASID_TEST_DATABASE_URL is not set")
    _reset_pg(pg_url)
    yield pg_url
    _reset_pg(pg_url)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture
def loaded(store: Store) -> Store:
    """A store holding CORPUS, read with the stand-in extractor."""
    from store_fakes import CORPUS, fake_extract

    for rid, outlet, published, text in CORPUS:
        store.ingest_text(text, id=rid, outlet=outlet, published=published, extractor=fake_extract)
    return store
