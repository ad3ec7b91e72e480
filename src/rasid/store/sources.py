"""Readers: turn files, directories, feeds and URLs into raw reports to ingest.

Formats: `.txt` (one report per file), `.json` (an object or a list of objects) and
`.jsonl` (one object per line) with at least `text` and optionally `id`, `url`,
`outlet`, `published`; `.html`/`.htm` (the main text via trafilatura, metadata from the
page); RSS/Atom feeds (`.xml`, `.rss`, `.atom`, or any http(s) URL that serves a feed),
whose items are followed to their pages. Directories are read recursively in name order.

A source that cannot be read yields a `ReadFailure` with the reason instead of
stopping the run, so that one bad file or an unreachable feed never blocks the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import feedparser
import httpx
import trafilatura

REPORT_SUFFIXES = {".txt", ".json", ".jsonl", ".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TIMEOUT = 20.0
USER_AGENT = "rasid/0.1 (+https://github.com/rasid)"


@dataclass(frozen=True, slots=True)
class RawReport:
    """One report's text and provenance, before extraction."""

    text: str
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str | None = None  # the file (with line) or feed it came from


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A source that could not be read, and why."""

    origin: str
    reason: str


Item = RawReport | ReadFailure
Fetcher = Callable[[str], httpx.Response]


def _fetch(url: str) -> httpx.Response:
    response = httpx.get(url, timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    response.raise_for_status()
    return response


def _str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _from_object(obj: object, origin: str) -> Item:
    if not isinstance(obj, dict):
        return ReadFailure(origin, "not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadFailure(origin, "no 'text' field")
    return RawReport(
        text=text,
        id=_str(obj.get("id")),
        published=_str(obj.get("published") or obj.get("date")),
        outlet=_str(obj.get("outlet") or obj.get("source")),
        url=_str(obj.get("url")),
        origin=origin,
    )


def _read_json(path: Path) -> Iterator[Item]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield ReadFailure(str(path), f"unreadable JSON: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        yield _from_object(obj, f"{path}[{i}]" if isinstance(data, list) else str(path))


def _read_jsonl(path: Path) -> Iterator[Item]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield ReadFailure(str(path), f"unreadable file: {exc}")
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(origin, f"invalid JSON line: {exc.msg}")
            continue
        yield _from_object(obj, origin)


def _from_html(html: str, origin: str, url: str | None = None, **known: str | None) -> Item:
    """Main text and metadata of a page; `known` (from a feed item) wins over the page's own."""
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        return ReadFailure(origin, "no main text found in the page")
    meta = trafilatura.extract_metadata(html)
    return RawReport(
        text=text,
        id=known.get("id"),
        published=known.get("published") or (meta.date if meta else None),
        outlet=known.get("outlet") or (meta.sitename if meta else None),
        url=url or (meta.url if meta else None),
        origin=origin,
    )


def _read_html(path: Path) -> Iterator[Item]:
    try:
        html = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        yield ReadFailure(str(path), f"unreadable file: {exc}")
        return
    yield _from_html(html, str(path))


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _read_feed(feed: feedparser.FeedParserDict, origin: str, fetch: Fetcher) -> Iterator[Item]:
    """Items of a parsed feed, each followed to its page; the item's own text when the page fails."""
    if feed.get("bozo") and not feed.entries:
        yield ReadFailure(origin, f"not an RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    outlet = feed.feed.get("title")
    for entry in feed.entries:
        link = entry.get("link")
        item_origin = f"{origin} → {link or entry.get('id') or entry.get('title')}"
        known = {"id": None, "published": _entry_date(entry), "outlet": outlet}
        page: Item | None = None
        if link:
            try:
                page = _from_html(fetch(link).text, item_origin, url=link, **known)
            except httpx.HTTPError as exc:
                page = ReadFailure(item_origin, f"item page unreachable: {exc}")
        if isinstance(page, RawReport):
            yield page
            continue
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if body:
            text = trafilatura.extract(f"<html><body><p>{body}</p></body></html>") or body
            yield RawReport(text=text, url=link, origin=item_origin, **known)
        else:
            yield page or ReadFailure(item_origin, "feed item has neither a page nor text")


def _read_url(url: str, fetch: Fetcher) -> Iterator[Item]:
    try:
        response = fetch(url)
    except httpx.HTTPError as exc:
        yield ReadFailure(url, f"unreachable: {exc}")
        return
    body = response.content
    feed = feedparser.parse(body)
    if feed.entries or feed.get("version"):
        yield from _read_feed(feed, url, fetch)
    else:
        yield _from_html(response.text, url, url=url)


def _read_path(path: Path, fetch: Fetcher) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        try:
            yield RawReport(text=path.read_text(encoding="utf-8"), origin=str(path))
        except (OSError, UnicodeDecodeError) as exc:
            yield ReadFailure(str(path), f"unreadable file: {exc}")
    elif suffix == ".json":
        yield from _read_json(path)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif suffix in {".html", ".htm"}:
        yield from _read_html(path)
    elif suffix in FEED_SUFFIXES:
        yield from _read_feed(feedparser.parse(str(path)), str(path), fetch)
    else:
        yield ReadFailure(str(path), f"unsupported file type {suffix or '(none)'}")


def read_sources(inputs: Iterable[str | Path], fetch: Fetcher = _fetch) -> Iterator[Item]:
    """Every report in the given files, directories, feed files and URLs, in order."""
    for item in inputs:
        name = str(item)
        if name.startswith(("http://", "https://")):
            yield from _read_url(name, fetch)
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in REPORT_SUFFIXES | FEED_SUFFIXES:
                    yield from _read_path(child, fetch)
        elif path.is_file():
            yield from _read_path(path, fetch)
        else:
            yield ReadFailure(name, "no such file or directory")
