"""Read endpoints over the corpus: events (JSON, GeoJSON, CSV), filters, pagination, records."""

from __future__ import annotations

import csv
import io

from rasid.api.convert import CSV_COLUMNS, events_csv


def test_events_json_paginates(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    assert first["total"] == 6
    assert len(first["events"]) == 2
    assert first["next_offset"] == 2
    rest = client.get("/api/events", params={"limit": 10, "offset": 2}).json()
    assert len(rest["events"]) == 4
    assert rest["next_offset"] is None
    ids = {e["event_id"] for e in first["events"]} | {e["event_id"] for e in rest["events"]}
    assert len(ids) == 6


def test_events_filters(client):
    def ids(**params):
        return sorted(e["location"] for e in client.get("/api/events", params=params).json()["events"])

    assert ids(type="Battles") == ["Dhiban"]
    assert ids(admin1="Idlib") == ["Kansafra"]
    assert ids(since="2024-05-06", until="2024-05-08") == ["As-Suwayda", "Hatla", "Hatla"]
    # The actor filter takes the hierarchy into account: Iran covers the IRGC and Fatemiyoun.
    assert ids(actor="iran") == ["Hatla"]
    assert ids(actor="sdf") == ["Dhiban"]


def test_events_geojson(client):
    r = client.get("/api/events", params={"format": "geojson"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    gj = r.json()
    assert gj["type"] == "FeatureCollection"
    assert len(gj["features"]) == 6
    hatla = [f for f in gj["features"] if f["properties"]["location"] == "Hatla"]
    assert hatla[0]["geometry"] == {"type": "Point", "coordinates": [40.183, 35.367]}
    assert hatla[0]["properties"]["event_type"] == "Strategic developments"


def test_events_csv(client):
    r = client.get("/api/events", params={"format": "csv", "type": "Protests"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert rows[0]["location"] == "As-Suwayda"
    assert rows[0]["sub_event_type"] == "Peaceful protest"


def test_csv_neutralises_formulas():
    out = events_csv([{"event_id": "X1", "notes": '=HYPERLINK("http://evil")', "location": "+1"}])
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["notes"].startswith("'=")
    assert row["location"] == "'+1"


def test_event_detail_has_sources_and_evidence(client):
    events = client.get("/api/events", params={"actor": "iran"}).json()["events"]
    event = client.get(f"/api/events/{events[0]['event_id']}").json()
    assert event["sources"][0]["report_id"] == "hatla-reinforcement"
    fields = {e["field"] for e in event["sources"][0]["evidence"]}
    assert "trigger" in fields


def test_report_detail(client):
    r = client.get("/api/reports/kansafra-shelling").json()
    assert r["outlet"] == "Enab Baladi"
    kinds = {m["kind"] for m in r["mentions"]}
    assert {"actor", "place", "weapon"} <= kinds
    assert len(r["event_ids"]) == 1


def test_not_found_is_json_404(client):
    for url in ("/api/events/NOPE", "/api/reports/nope", "/api/actors/nope"):
        r = client.get(url)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/json")
        assert "detail" in r.json()


def test_search(client):
    body = client.get("/api/search", params={"q": "حطلة"}).json()
    assert [h["report_id"] for h in body["hits"]] == ["hatla-reinforcement"]
    assert "«" in body["hits"][0]["snippet"]


def test_actors(client):
    actors = client.get("/api/actors").json()["actors"]
    by_id = {a["actor_id"]: a for a in actors}
    assert by_id["fatemiyoun"]["parent_id"] == "iran_backed_militias"
    detail = client.get("/api/actors/fatemiyoun").json()
    assert [a["actor_id"] for a in detail["ancestors"]] == ["iran_backed_militias", "irgc", "iran"]
    assert detail["positions"][0]["place"] == "Hatla"


def test_posture_as_of(client):
    now = client.get("/api/posture").json()["posture"]
    at_hatla = {p["actor_id"]: p for p in now if p["place"] == "Hatla"}
    assert at_hatla["irgc"]["status"] == "reinforced"
    assert at_hatla["irgc"]["group"] == "Iran"
    assert at_hatla["russian_forces"]["reduced"] is True
    before = client.get("/api/posture", params={"as_of": "2024-05-01"}).json()
    assert before["posture"] == []
    assert before["as_of"] == "2024-05-01"


def test_outlines_and_health(client):
    assert client.get("/api/health").json() == {"status": "ok"}
    gj = client.get("/api/outlines").json()
    assert gj["type"] == "FeatureCollection"


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in (
        "/api/extract",
        "/api/reports",
        "/api/events",
        "/api/events/{event_id}",
        "/api/reports/{report_id}",
        "/api/search",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/posture",
    ):
        assert p in paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/events/{event_id}" in docs.text
    assert "cdn" not in docs.text.lower()
