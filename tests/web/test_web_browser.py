"""End to end in headless Chromium: the map, filters, timeline brushing, event, report, actor,
posture and paste pages over the test corpus, with screenshots and no request off the machine."""

from __future__ import annotations

import re

from api_corpus import XSS_TEXT

from rasid.web.outlines import governorate_outlines

LOAD = 15_000


def wait_loaded(page, selector: str = "#map") -> str:
    page.wait_for_selector(f"{selector}[data-loaded]", timeout=LOAD)
    return page.get_attribute(selector, "data-loaded")


def until(page, predicate, what: str, timeout_ms: int = LOAD) -> None:
    """Poll `predicate()` (Python, reading the page); the CSP forbids wait_for_function's eval."""
    waited = 0
    while not predicate():
        if waited > timeout_ms:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(50)
        waited += 50


def event_items(page) -> list[str]:
    return page.locator("#event-list li").all_inner_texts()


def test_map_page_shows_events_and_filters(page, shot):
    page.goto(page.base + "/")
    assert wait_loaded(page) == "6"
    assert len(event_items(page)) == 6
    # Markers (and clusters) are drawn; the offline map draws the governorates when their
    # outlines (read from ../shared at run time) are there.
    assert page.locator(".leaflet-marker-icon").count() >= 4
    if governorate_outlines()["features"]:
        page.wait_for_selector(
            "path.leaflet-interactive, .leaflet-overlay-pane path", state="attached", timeout=LOAD
        )
    assert page.locator(".timeline-svg rect.bar").count() >= 5
    shot(page, "map")

    page.select_option("select[name=type]", "Battles")
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=Battles"))
    assert wait_loaded(page) == "1"
    items = event_items(page)
    assert len(items) == 1 and "Armed clash" in items[0]

    page.goto(page.base + "/?admin1=Deir+ez-Zor&since=2024-05-02")
    assert wait_loaded(page) == "2"
    page.goto(page.base + "/?actor=iran")
    assert wait_loaded(page) == "1"


def test_timeline_brush_filters_the_map(page):
    page.goto(page.base + "/")
    wait_loaded(page)
    box = page.locator(".timeline-svg rect.overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    # Drag across the first ~40% of the days: 2024-05-01 to about 2024-05-04.
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.38, y, steps=5)
    page.mouse.up()
    label = page.inner_text("#brush-label")
    assert label.startswith("Showing 2024-05-01")
    items = event_items(page)
    assert 1 <= len(items) < 6
    assert any("Armed clash" in t for t in items)
    assert not any("Peaceful protest" in t for t in items)
    page.click("#brush-clear")
    assert len(event_items(page)) == 6


def test_open_an_event_from_the_map(page, shot):
    page.goto(page.base + "/?type=Protests")
    wait_loaded(page)
    page.locator(".leaflet-marker-icon.t-protests").first.click()
    link = page.locator(".leaflet-popup a.popup-link")
    link.wait_for(timeout=LOAD)
    assert link.inner_text() == "Peaceful protest"
    link.click()
    page.wait_for_url(re.compile(r"/events/"))
    assert "hundreds protested" in page.inner_text(".note")
    marks = page.locator(".report-text mark.hl-evidence").all_inner_texts()
    assert "تظاهر مئات المحتجين" in marks
    assert "مدينة السويداء" in marks

    page.goto(page.base + "/?actor=iran")
    wait_loaded(page)
    page.locator("#event-list a.event-link").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    marks = page.locator(".report-text mark.hl-evidence").all_inner_texts()
    assert "راجمة صواريخ من نوع غراد" in marks
    assert page.locator(".report-text").first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert wait_loaded(page, "#event-map") == "1"
    assert page.locator("#event-map .leaflet-tooltip").inner_text() == "Hatla"
    shot(page, "event")
    page.click("a.report-link")
    page.wait_for_url(re.compile(r"/reports/hatla-reinforcement"))


def test_report_page_highlights_mentions(page, shot):
    page.goto(page.base + "/reports/hatla-reinforcement")
    text = page.locator("#report-text")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("html").evaluate("el => getComputedStyle(el).direction") == "ltr"
    place = text.locator("mark.hl-place", has_text="حطلة")
    assert place.get_attribute("title") == "place: Hatla (35.3670, 40.1830)"
    kinds = {m.get_attribute("data-kind") for m in text.locator("mark").all()}
    assert {"place", "actor", "weapon", "quantity"} <= kinds
    actor = text.locator("mark.hl-actor", has_text="فاطميون")
    assert "Fatemiyoun" in actor.get_attribute("title")
    place.hover()
    # Highlighted spans are coloured by kind.
    colour = place.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".events-table a.event-link").count() == 2
    assert wait_loaded(page, "#report-map") == "2"
    shot(page, "report")
    # The report's events are on its map (both at Hatla: a cluster that spreads on click);
    # a marker leads to the event.
    page.locator("#report-map .marker-cluster").first.click()
    page.locator("#report-map .ev-marker").first.click()
    page.locator("#report-map .leaflet-popup a.popup-link").click()
    page.wait_for_url(re.compile(r"/events/"))


def test_hostile_report_renders_as_text(page):
    for path in ("/", "/reports/xss-report", "/actors", "/actors/xss_actor", "/search?q=الرقة", "/posture"):
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        if path == "/":
            wait_loaded(page)
            page.locator("#event-list a.event-link", has_text="Air/drone strike").click()
            page.wait_for_url(re.compile(r"/events/"))
            wait_loaded(page, "#event-map")
            body = page.inner_text("body")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator('img[src="x"]').count() == 0
            assert '"><img src=x onerror="window.__pwned=13">' in body
            assert "<script>window.__pwned=14</script>" in body
            page.go_back()
            wait_loaded(page)
            page.locator(".leaflet-marker-icon.t-explosions").last.click()
            page.locator(".leaflet-popup").wait_for(timeout=LOAD)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator('img[src="x"], svg[onload], b[onmouseover]').count() == 0, path
    page.goto(page.base + "/reports/xss-report")
    assert wait_loaded(page, "#report-map") == "1"
    page.locator("#report-map .leaflet-marker-icon").first.click()
    page.locator("#report-map .leaflet-popup").wait_for(timeout=LOAD)
    assert "<script>window.__pwned=14</script>" in page.inner_text("#report-map .leaflet-popup")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert XSS_TEXT in page.inner_text("#report-text")
    assert page.locator("a[href^='javascript:']").count() == 0

    page.goto(page.base + "/paste")
    page.fill("#paste-text", XSS_TEXT)
    page.wait_for_selector("#paste-highlight[data-done]", timeout=LOAD)
    assert page.inner_text("#paste-highlight") == XSS_TEXT
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_actor_page(page, shot):
    page.goto(page.base + "/actors")
    page.click("a.actor-link:text('Islamic Revolutionary Guard Corps (IRGC)')")
    page.wait_for_url(re.compile(r"/actors/irgc"))
    hierarchy = page.inner_text("#hierarchy")
    assert "Iran" in hierarchy and "Iran-backed militias" in hierarchy
    assert wait_loaded(page) == "1"
    page.wait_for_selector("#positions li")
    assert "Hatla" in page.inner_text("#positions")
    assert page.locator(".timeline-svg rect.bar").count() >= 1
    shot(page, "actor")


def test_posture_slider(page, shot):
    page.goto(page.base + "/posture")
    wait_loaded(page)
    items = page.locator("#posture-list li").all_inner_texts()
    assert len(items) == 4
    assert any("Military Forces of Russia" in t and "reduced" in t for t in items)
    assert any("Fatemiyoun Brigade" in t and "reinforced" in t for t in items)
    shot(page, "posture")
    # Back before the reports: nobody there.
    page.eval_on_selector("#asof", "el => { el.value = 0; el.dispatchEvent(new Event('input')); }")
    until(page, lambda: page.inner_text("#status").startswith("0 positions"), "no positions")
    page.eval_on_selector("#asof", "el => { el.value = el.max; el.dispatchEvent(new Event('input')); }")
    until(page, lambda: page.locator("#posture-list li").count() == 4, "4 positions")
    # One actor group: Iran (the IRGC and Fatemiyoun are under it in the lexicon).
    page.select_option("#group", label="Iran")
    until(page, lambda: "Russia" not in page.inner_text("#posture-list"), "Iran's positions only")
    listed = page.inner_text("#posture-list")
    assert "Fatemiyoun Brigade" in listed and "(IRGC)" in listed


def test_paste_page_extracts_live(page, shot):
    page.goto(page.base + "/paste")
    text = "أرسلت الميليشيات الإيرانية تعزيزات عسكرية إلى بلدة حطلة في ريف دير الزور الشمالي."
    page.fill("#paste-text", text)
    page.fill("#paste-published", "2024-05-06")
    page.wait_for_selector("#paste-highlight[data-done]", timeout=LOAD)
    assert page.inner_text("#paste-highlight") == text
    assert re.search(r"\d+ mentions?, \d+ events?", page.inner_text("#paste-status"))
    shot(page, "paste")


def test_search_finds_the_report(page, shot):
    page.goto(page.base + "/")
    page.fill(".quicksearch input", "حطلة")
    page.press(".quicksearch input", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("ol.hits mark.hl-match", has_text="حطلة").count() == 1
    page.click("ol.hits a.report-link")
    page.wait_for_url(re.compile(r"/reports/hatla-reinforcement"))
    shot(page, "search-to-report")
