"""Writes and hostile input: the bearer token, body limits, validation as 4xx JSON, CORS, headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasid.api import create_app

TOKEN = "s3cret-token-42"


@pytest.fixture()
def fresh(tmp_path: Path) -> TestClient:
    """An app over an empty database that accepts writes with TOKEN."""
    with TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN, max_body=64 * 1024)) as c:
        yield c


def test_writes_refused_without_configured_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("RASID_API_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "w.db"))) as c:
        r = c.post("/api/reports", json={"text": "نص"}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403
        assert "RASID_API_TOKEN" in r.json()["detail"]


def test_token_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RASID_API_TOKEN", "from-env")
    with TestClient(create_app(str(tmp_path / "w.db"))) as c:
        assert (
            c.post("/api/reports", json={"text": "x"}, headers={"Authorization": "Bearer nope"}).status_code
            == 401
        )


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer"},
    ],
)
def test_wrong_or_missing_token_is_401(fresh: TestClient, headers: dict[str, str]):
    r = fresh.post("/api/reports", json={"text": "قصفت طائرة مسيرة بلدة"}, headers=headers)
    assert r.status_code == 401
    assert r.headers.get("www-authenticate") == "Bearer"


def test_non_ascii_authorization_header_is_401(fresh: TestClient):
    r = fresh.post(
        "/api/reports",
        json={"text": "نص"},
        headers={"Authorization": "Bearer \u00fc\u00ff".encode("latin-1")},
    )
    assert r.status_code == 401


def test_ingest_with_token(fresh: TestClient):
    """Goes through the real extractor; a report it cannot read is stored as failed, not a 5xx."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {
        "text": "تظاهر مئات المحتجين في ساحة الكرامة وسط مدينة السويداء",
        "id": "r1",
        "outlet": "X",
        "published": "2024-05-08",
    }
    r = fresh.post("/api/reports", json=body, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "new"
    again = fresh.post("/api/reports", json=body, headers=auth)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert fresh.get("/api/reports/r1").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   \n "},
        {"text": 5},
        {"text": "نص", "published": "yesterday"},
        {"text": "نص", "id": "a\x00b"},
        {"text": "a\x00b"},
        {"text": "\ud800"},
        {"text": "نص", "extra": 1},
        {"text": "x" * 200_001},
    ],
)
def test_bad_bodies_are_422_json(fresh: TestClient, body: dict):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for url in ("/api/extract", "/api/reports"):
        raw = json.dumps(body)  # ensure_ascii: a lone surrogate travels as the JSON escape \\ud800
        r = fresh.post(url, content=raw, headers={**auth, "Content-Type": "application/json"})
        assert r.status_code in (413, 422), (url, body, r.status_code, r.text[:200])
        assert r.headers["content-type"].startswith("application/json")


def test_malformed_json_is_422(fresh: TestClient):
    r = fresh.post("/api/extract", content=b'{"text": "', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    r = fresh.post("/api/extract", content=b"\xff\xfe\x00", headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422)


def test_body_limit(fresh: TestClient):
    big = {"text": "ن" * 40_000}  # 80 KB of UTF-8, over the 64 KiB limit of this app
    r = fresh.post("/api/extract", json=big)
    assert r.status_code == 413
    assert r.json()["detail"].startswith("request body larger")

    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    r = fresh.post("/api/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=100000",
        "offset=-1",
        "offset=99999999999999999999999",
        "since=2024-13-45",
        "since=2024-05-09&until=2024-05-01",
        "within_km=-3",
        "within_km=nan",
        "format=xml",
        "type=" + "x" * 500,
        "actor=%00",
        "place=a%01b",
    ],
)
def test_bad_event_queries_are_4xx(client: TestClient, query: str):
    r = client.get("/api/events?" + query)
    assert 400 <= r.status_code < 500, (query, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")


def test_unknown_near_place_is_not_a_500(client: TestClient):
    r = client.get("/api/events", params={"near": "مكان غير موجود", "within_km": 5})
    assert r.status_code in (200, 400)


def test_search_validation(client: TestClient):
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": " "}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "limit": 1000}).status_code == 422
    assert client.get("/api/search", params={"q": '"*) OR 1=1 --'}).status_code in (200, 400)


def test_posture_validation(client: TestClient):
    assert client.get("/api/posture", params={"as_of": "not-a-date"}).status_code == 422


def test_no_cors_by_default(client: TestClient):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}
    pre = client.options(
        "/api/reports", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in {k.lower() for k in pre.headers}


def test_cors_opt_in(tmp_path: Path):
    app = create_app(str(tmp_path / "c.db"), cors_origins=["https://analyst.example"])
    with TestClient(app) as c:
        r = c.get("/api/health", headers={"Origin": "https://analyst.example"})
        assert r.headers["access-control-allow-origin"] == "https://analyst.example"


def test_security_headers(client: TestClient):
    for url in ("/", "/api/events"):
        h = client.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"


def test_tiles_origin_allowed_in_csp(tmp_path: Path):
    app = create_app(str(tmp_path / "t.db"), tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        csp = c.get("/").headers["content-security-policy"]
        assert "https://*.tiles.example.org" in csp
        assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in c.get("/").text


def test_bad_database_is_503_not_a_traceback(tmp_path: Path):
    bogus = tmp_path / "not-a-db.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with TestClient(create_app(str(bogus))) as c:
        r = c.get("/api/events")
        assert r.status_code == 503
        assert "database" in r.json()["detail"]
        # Extraction needs no database.
        assert c.post("/api/extract", json={"text": "نص"}).status_code in (200, 422)
