"""Readers: text, JSON, JSONL, HTML, directories, RSS/Atom feeds by file and by URL."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from store_fakes import fake_extract

from rasid.reports import ReadError, Report, read_sources
from rasid.store import Store

SHELLING = "قصف قوات النظام مدينة الميادين في 2021-05-03 ما أدى إلى مقتل 3 مدنيين."
CLASH = "اندلعت اشتباكات بين قوات النظام وتنظيم الدولة قرب تدمر في 2021-07-01."
PAGE = """<!doctype html><html lang="ar"><head><title>خبر</title>
<meta property="og:site_name" content="راصد المحلي"><meta name="date" content="2021-07-02"></head>
<body><nav>الرئيسية | أخبار | اتصل بنا</nav><article><h1>اشتباكات قرب تدمر</h1>
<p>{body}</p><p>وأفادت مصادر محلية بأن الاشتباكات استمرت ساعات عدة قبل أن تتوقف مع حلول المساء في المنطقة.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def _rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>شبكة الخابور</title>
<item><title>اشتباكات</title><link>{base}/clash.html</link><pubDate>Fri, 02 Jul 2021 08:00:00 GMT</pubDate></item>
<item><title>قصف</title><link>{base}/missing.html</link><description>{SHELLING}</description>
<pubDate>Tue, 04 May 2021 08:00:00 GMT</pubDate></item></channel></rss>"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A local web server with one article page and an RSS feed pointing at it (and at a missing page)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "clash.html").write_text(PAGE.format(body=CLASH), encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(_rss(base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(SHELLING, encoding="utf-8")
    (tmp_path / "a" / "two.json").write_text(
        json.dumps([{"id": "j1", "text": CLASH, "outlet": "SY24", "published": "2021-07-02"}, {"id": "j2"}]),
        encoding="utf-8",
    )
    (tmp_path / "a" / "page.html").write_text(PAGE.format(body=CLASH), encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(read_sources([tmp_path / "a", tmp_path / "missing.txt"]))
    reports = [i for i in items if isinstance(i, Report)]
    failures = [i for i in items if isinstance(i, ReadError)]
    assert [r.origin for r in reports] == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "a" / "page.html"),
        f"{tmp_path / 'a' / 'two.json'}[0]",
    ]
    assert reports[0].text == SHELLING and reports[0].id is None
    page = reports[1]
    assert CLASH in page.text and "جميع الحقوق" not in page.text and "اتصل بنا" not in page.text
    assert page.outlet == "راصد المحلي" and page.published == "2021-07-02"
    assert (reports[2].id, reports[2].outlet, reports[2].published) == ("j1", "SY24", "2021-07-02")
    assert {f.reason for f in failures} == {"no 'text' field", "no such file or directory"}


def test_feed_by_url_follows_items_to_their_pages(site: str) -> None:
    items = list(read_sources([f"{site}/feed.xml"]))
    assert all(isinstance(i, Report) for i in items)
    clash, shelling = items
    assert isinstance(clash, Report) and isinstance(shelling, Report)
    assert CLASH in clash.text and clash.url == f"{site}/clash.html"
    assert clash.outlet == "شبكة الخابور" and clash.published == "2021-07-02"
    # The second item's page is missing: its own text stands in.
    assert shelling.text == SHELLING and shelling.published == "2021-05-04"


def test_feed_file(site: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(site), encoding="utf-8")
    items = list(read_sources([feed]))
    assert len(items) == 2 and all(isinstance(i, Report) for i in items)


def test_unreachable_feed_is_a_clear_failure() -> None:
    (item,) = read_sources(["http://127.0.0.1:9/feed.xml"])
    assert isinstance(item, ReadError) and item.reason.startswith("unreachable:")


def test_ingest_a_feed_twice(store: Store, site: str) -> None:
    first = store.ingest_paths([f"{site}/feed.xml"], progress=False, extractor=fake_extract)
    assert (first.new, first.failed) == (2, 0)
    report = store.get_report(store.events()[0].sources[0].report_id)
    assert report is not None and report.url and report.outlet == "شبكة الخابور"
    second = store.ingest_paths([f"{site}/feed.xml"], progress=False, extractor=fake_extract)
    assert (second.new, second.duplicate) == (0, 2)
