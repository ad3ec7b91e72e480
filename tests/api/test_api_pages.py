"""Server-rendered pages: every page answers, and a hostile report renders as text everywhere."""

from __future__ import annotations

import re

import pytest

PAGES = [
    "/",
    "/?type=Battles&since=2024-05-01&actor=iran&admin1=Idlib",
    "/events/SYR1",
    "/reports/hatla-reinforcement",
    "/reports/xss-report",
    "/actors",
    "/actors/irgc",
    "/actors/xss_actor",
    "/posture",
    "/posture?as_of=2024-05-06&actor=iran",
    "/paste",
    "/search",
    "/search?q=%D8%A7%D9%84%D8%B1%D9%82%D8%A9",
    "/api/docs",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="en" dir="ltr">' in html
    # No inline scripts at all: the CSP forbids them and the templates never need them.
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)


def _xss_event_id(client) -> str:
    events = client.get("/api/events", params={"admin1": "Raqqa"}).json()["events"]
    assert len(events) == 1
    return events[0]["event_id"]


def test_hostile_report_is_text_everywhere(client):
    urls = [
        "/",
        f"/events/{_xss_event_id(client)}",
        "/reports/xss-report",
        "/actors",
        "/actors/xss_actor",
        "/search?q=%D8%A7%D9%84%D8%B1%D9%82%D8%A9",
    ]
    for url in urls:
        html = client.get(url).text
        assert "window.__pwned" in html or url in ("/", "/actors/xss_actor"), url
        # Markup from the report never appears as markup ...
        assert "<script>window" not in html, url
        assert "<img src=x" not in html, url
        assert "<svg onload" not in html, url
        assert "<b>Evil" not in html, url
        assert "<b onmouseover" not in html, url
        assert 'href="javascript:' not in html, url
        # ... only as escaped text.
        if "__pwned" in html:
            assert "&lt;" in html, url


def test_report_page_highlights_every_mention(client):
    html = client.get("/reports/hatla-reinforcement").text
    marks = re.findall(
        r'<mark class="([^"]+)" data-kind="([^"]+)" title="([^"]*)" tabindex="0">([^<]*)</mark>', html
    )
    by_text = {text: (kind, title) for _cls, kind, title, text in marks}
    assert by_text["حطلة"] == ("place", "place: Hatla (35.3670, 40.1830)")
    assert by_text["فاطميون"][0] == "actor"
    assert "Fatemiyoun" in by_text["فاطميون"][1]
    assert by_text["راجمة صواريخ من نوع غراد"] == ("weapon", "weapon: BM-21 Grad")
    assert by_text["40"][0] == "quantity"
    # The report text is reproduced exactly, character for character.
    text = re.search(
        r'<div class="report-text" id="report-text" lang="ar" dir="rtl">(.*?)</div>', html, re.S
    ).group(1)
    plain = re.sub(r"<[^>]+>", "", text)
    report = client.get("/api/reports/hatla-reinforcement").json()
    assert plain == report["text"]


def test_event_page_highlights_evidence(client):
    events = client.get("/api/events", params={"actor": "iran"}).json()["events"]
    html = client.get(f"/events/{events[0]['event_id']}").text
    assert "sent reinforcements to Hatla" in html
    evidence = re.findall(r'<mark class="hl hl-evidence"[^>]*>([^<]*)</mark>', html)
    assert "أرسلت الميليشيات الإيرانية تعزيزات عسكرية" in evidence
    assert "راجمة صواريخ من نوع غراد" in evidence
    assert 'href="/reports/hatla-reinforcement"' in html


def test_missing_pages_are_html_404(client):
    for url in ("/events/NOPE", "/reports/nope", "/actors/nope", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("text/html")


def test_static_assets_are_local(client):
    for url in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/rasid.css",
        "/static/map.js",
    ):
        assert client.get(url).status_code == 200, url
    html = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html)


NASTY = [
    "",
    " ",
    "'",
    '"><script>alert(1)</script>',
    "%00",
    "\u202e\u200f",
    "حطلة OR 1=1 --",
    '"*:^-()NEAR AND',
    "x" * 300,
    "🙂",
    "../../etc/passwd",
]


@pytest.mark.parametrize("value", NASTY)
def test_pages_survive_odd_input(client, value):
    from urllib.parse import quote

    q = quote(value, safe="")
    for url in (
        f"/?since={q}&until={q}&type={q}&actor={q}&admin1={q}",
        f"/search?q={q}",
        f"/posture?as_of={q}&actor={q}",
        f"/events/{q or 'x'}",
        f"/reports/{q or 'x'}",
        f"/actors/{q or 'x'}",
        f"/api/search?q={q or 'x'}",
        f"/api/events?text={q}&place={q}&near={q}",
        f"/api/posture?actor={q}&admin1={q}",
    ):
        r = client.get(url)
        assert r.status_code < 500, (url, r.status_code, r.text[:300])
        if r.headers["content-type"].startswith("text/html"):
            assert "<script>alert(1)</script>" not in r.text


def test_map_offers_downloads_of_the_filtered_events(client):
    html = client.get("/?type=Battles").text
    m = re.search(r'href="(/api/events\?format=csv[^"]*)"', html)
    assert m
    url = m.group(1).replace("&amp;", "&")
    assert "type=Battles" in url
    rows = client.get(url).text.strip().splitlines()
    assert len(rows) == 2 and "Armed clash" in rows[1]


def test_event_page_links_its_actors(client):
    events = client.get("/api/events", params={"type": "Battles"}).json()["events"]
    html = client.get(f"/events/{events[0]['event_id']}").text
    assert 'href="/actors/sdf"' in html
    assert 'href="/actors/isis"' in html
