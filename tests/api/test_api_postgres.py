"""The API over PostgreSQL (when RASID_TEST_DATABASE_URL is set, as in CI): same answers as SQLite.

The test database is shared with the store's tests, so this module starts from an empty
schema and drops rasid's tables when it ends, as `tests/store/conftest.py` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from api_corpus import REPORTS, fixture_extractor
from fastapi.testclient import TestClient

from rasid.api import create_app

PG_URL = os.environ.get("RASID_TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="RASID_TEST_DATABASE_URL is not set")


def _reset(url: str) -> None:
    from sqlalchemy import inspect

    from rasid.store.db import make_engine, migrate

    engine = make_engine(url)
    try:
        if "alembic_version" in inspect(engine).get_table_names():
            migrate(engine, "base")
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def pg_client() -> Iterator[TestClient]:
    from rasid.store import Store

    assert PG_URL
    _reset(PG_URL)
    store = Store.open(PG_URL)
    try:
        for r in REPORTS:
            store.ingest_text(
                r["text"],
                id=r["id"],
                published=r["published"],
                outlet=r["outlet"],
                url=r["url"],
                extractor=fixture_extractor,
            )
        with TestClient(create_app(PG_URL, token="pg-token", store=store)) as c:
            yield c
    finally:
        store.close()
        _reset(PG_URL)


def test_events_and_filters(pg_client: TestClient):
    body = pg_client.get("/api/events", params={"limit": 2}).json()
    assert body["total"] == 6 and len(body["events"]) == 2
    assert [
        e["location"] for e in pg_client.get("/api/events", params={"type": "Battles"}).json()["events"]
    ] == ["Dhiban"]
    gj = pg_client.get("/api/events", params={"format": "geojson", "actor": "iran"}).json()
    assert [f["properties"]["location"] for f in gj["features"]] == ["Hatla"]


def test_pages_and_records(pg_client: TestClient):
    assert pg_client.get("/reports/hatla-reinforcement").status_code == 200
    assert "<script>window" not in pg_client.get("/reports/xss-report").text
    hits = pg_client.get("/api/search", params={"q": "حطلة"}).json()["hits"]
    assert [h["report_id"] for h in hits] == ["hatla-reinforcement"]
    posture = pg_client.get("/api/posture").json()["posture"]
    assert {p["actor_id"] for p in posture if p["place"] == "Hatla"} >= {
        "irgc",
        "fatemiyoun",
        "russian_forces",
    }


@pytest.mark.parametrize(
    "query", ["offset=99999999", "text=%00", "near=nowhere&within_km=3", "actor='; DROP TABLE events; --"]
)
def test_odd_queries(pg_client: TestClient, query: str):
    assert pg_client.get("/api/events?" + query).status_code < 500
