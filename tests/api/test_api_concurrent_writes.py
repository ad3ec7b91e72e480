"""API writes beside an ingest in another process, and reports the store refuses: 4xx, never 5xx.

Extraction is replaced by a small stand-in (one shelling at a place named in the text, with
the toll the text gives), so these tests are about the API and the store, not about reading Arabic.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import traceback
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasid.api import create_app
from rasid.model import Event, Extraction, Location
from rasid.store import Store

TOKEN = "concurrent-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TOWNS = ("حطلة", "تدمر", "الميادين", "البوكمال", "الموصل", "حلب", "إدلب", "الرقة")


def stand_in_extract(text: str, **_: Any) -> Extraction:
    """One event at the first known town in `text`, with the toll after the first "مقتل"."""
    town = next((t for t in TOWNS if t in text), TOWNS[0])
    toll = re.search(r"مقتل (\d+)", text)
    event = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        location=Location(text=town, name=town, id=f"t-{TOWNS.index(town)}", lat=35.0, lon=40.0, country="SY"),
        event_date="2024-05-01",
        fatalities=int(toll.group(1)) if toll else None,
    )
    return Extraction(id="x", events=[event])


@pytest.fixture()
def stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rasid.store.ingest.default_extractor", stand_in_extract)


def _report(i: int, tag: str) -> dict[str, str]:
    town = TOWNS[i % len(TOWNS)]
    return {"id": f"{tag}-{i}", "text": f"قصف على {town} أدى إلى مقتل {i % 7} في الحادثة رقم {i} من {tag}"}


def _ingest_in_child(db: str, path: str, out: Any) -> None:
    try:
        with Store.open(db) as store:
            summary = store.ingest_paths([path], progress=False, extractor=stand_in_extract)
        out.put(("ok", summary.new + summary.near_duplicate, summary.failed))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def test_api_writes_during_an_ingest_get_no_5xx(tmp_path: Path, stand_in: None) -> None:
    db = str(tmp_path / "busy.db")
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(_report(i, "cli"), ensure_ascii=False) for i in range(600)))
    Store.open(db).close()  # migrated before either writer starts
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_ingest_in_child, args=(db, str(path), out))
    codes = []
    with TestClient(create_app(db, token=TOKEN)) as client:
        child.start()
        for i in range(40):
            codes.append(client.post("/api/reports", json=_report(i, "api"), headers=AUTH).status_code)
        result = out.get(timeout=600)
        child.join(timeout=60)
    assert result[0] == "ok", result[1]
    assert result[1:] == (600, 0)
    assert set(codes) <= {200, 201}  # new or near-duplicate, every one stored
    with Store.open(db) as store:
        assert store.get_report("api-39") is not None and store.get_report("cli-599") is not None


def test_a_report_the_store_refuses_is_422_with_the_reason(tmp_path: Path, stand_in: None) -> None:
    with TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN)) as client:
        body = {"id": "toll", "text": "قصف على تدمر أدى إلى مقتل 99999999999999999999999"}
        r = client.post("/api/reports", json=body, headers=AUTH)
        assert r.status_code == 422, r.text
        assert r.json()["status"] == "failed" and "storage error" in r.json()["detail"]
        # The failure is recorded, and the next report is stored as usual.
        assert client.get("/api/reports/toll").json()["status"] == "failed"
        ok = client.post("/api/reports", json={"id": "next", "text": "قصف على حلب أدى إلى مقتل 2"}, headers=AUTH)
        assert ok.status_code == 201


def test_ids_with_a_slash_round_trip(tmp_path: Path, stand_in: None) -> None:
    with TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN)) as client:
        body = {"id": "sana/2024/05/123", "text": "قصف على الرقة أدى إلى مقتل 1"}
        assert client.post("/api/reports", json=body, headers=AUTH).status_code == 201
        r = client.get("/api/reports/sana%2F2024%2F05%2F123")
        assert r.status_code == 200 and r.json()["report_id"] == "sana/2024/05/123"
        assert client.get("/reports/sana%2F2024%2F05%2F123").status_code == 200
        assert client.get("/api/reports/sana%2F2024").status_code == 404


def test_read_answers_carry_an_etag_and_change_with_the_store(tmp_path: Path, stand_in: None) -> None:
    with TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN)) as client:
        client.post("/api/reports", json=_report(1, "a"), headers=AUTH)
        first = client.get("/api/events")
        tag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = client.get("/api/events", headers={"If-None-Match": tag})
        assert again.status_code == 304 and not again.content
        geo = client.get("/api/events?format=geojson", headers={"Accept-Encoding": "gzip"})
        assert geo.json()["total"] == 1 and geo.json()["features"][0]["properties"]["location"] == TOWNS[1]
        # A write moves the store's version: the old tag no longer matches, the new answer has its source.
        other = {"id": "b", "text": "اشتباكات عنيفة في الموصل منذ الصباح وحتى المساء أدت إلى مقتل 3 من المقاتلين"}
        assert client.post("/api/reports", json=other, headers=AUTH).status_code == 201
        fresh = client.get("/api/events", headers={"If-None-Match": tag})
        assert fresh.status_code == 200 and fresh.headers["etag"] != tag
        assert len(fresh.json()["events"][0]["sources"]) == 2  # the stand-in puts both at one place: fused
