"""Reading reports: files, directories, stdin, web pages, RSS/Atom feeds and URLs.

Formats: `.txt` (one report per file; any file given by name with another suffix is read
as text too), `.json` (an object or a list of objects) and `.jsonl` (one object per line)
with `text` and optionally `id`, `published` (or `date`), `outlet` (or `source`), `url`;
`.html`/`.htm` (the main text via trafilatura, metadata from the page); RSS/Atom feeds
(`.xml`, `.rss`, `.atom`, or any http(s) URL that serves one), whose items are followed
to their pages. Directories are read recursively in name order.

Bad input never stops a batch: each unreadable report becomes a `ReadError` with the file
and line it came from (invalid UTF-8, binary data, malformed or absurdly nested JSON, text
that cannot be stored such as lone surrogates, an over-long id, an unreachable feed), and
the caller reports it and goes on. `report_problem` is the one check of what a report may
hold; the store applies it again to reports that reach it by other roads (API, library).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

MAX_FILE_BYTES = 50 * 1024 * 1024
"""A single file larger than this is refused before it is read into memory."""
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
TIMEOUT = 20.0
USER_AGENT = "rasid/0.1"
FIELD_LIMITS = {"id": 200, "outlet": 300, "url": 2000, "published": 100}
"""The longest value of each field accepted with a report (the store's columns hold these)."""


@dataclass(frozen=True, slots=True)
class Report:
    """A report as it arrives: its text and what is known about where it came from."""

    text: str
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str = "-"


@dataclass(frozen=True, slots=True)
class ReadError:
    """A report that could not be read, and why (with file and line)."""

    origin: str
    reason: str


Item = Report | ReadError
Fetcher = Callable[[str], "httpx.Response"]


def fetch(url: str) -> httpx.Response:
    """GET a page or feed (the one network call rasid makes, and only when given a URL)."""
    import httpx

    response = httpx.get(url, timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    response.raise_for_status()
    return response


def _decode(data: bytes, origin: str) -> str | ReadError:
    if b"\x00" in data[:8192]:
        return ReadError(origin, "binary file (NUL bytes), not UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return ReadError(origin, f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})")


def report_problem(report: Report) -> str | None:
    """Why `report` cannot be stored as it is, or None when it can.

    Text must be encodable as UTF-8 (a JSON `\\ud800` escape decodes to a lone surrogate
    that no database accepts) and free of NUL (PostgreSQL refuses it in text); the id and
    the metadata must fit their columns.
    """
    for name in ("text", "id", "published", "outlet", "url"):
        value = getattr(report, name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"'{name}' must be text, not {type(value).__name__}"
        if "\x00" in value:
            return f"'{name}' contains a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            return f"'{name}' is not valid Unicode (a lone surrogate at character {err.start})"
        limit = FIELD_LIMITS.get(name)
        if limit is not None and len(value) > limit:
            return f"'{name}' is {len(value):,} characters long; the limit is {limit:,}"
    return None


def _field(obj: dict[str, Any], *names: str) -> str | None:
    """The first of `names` present: strings as they are, numbers as text, anything else refused."""
    for name in names:
        value = obj.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"'{name}' must be a string or a number")
        return str(value)
    return None


def _from_json_object(obj: object, origin: str) -> Item:
    if not isinstance(obj, dict):
        return ReadError(origin, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(origin, "no 'text' field")
    try:
        report = Report(
            text,
            _field(obj, "id"),
            _field(obj, "published", "date"),
            _field(obj, "outlet", "source"),
            _field(obj, "url"),
            origin,
        )
    except ValueError as err:  # also int() → str() of a number past Python's digit limit
        return ReadError(origin, str(err))
    problem = report_problem(report)
    return ReadError(origin, problem) if problem else report


def _loads(text: str) -> Any:
    """`json.loads`, with nesting deeper than Python's recursion limit reported as malformed JSON."""
    try:
        return json.loads(text)
    except RecursionError as err:
        raise json.JSONDecodeError("nested too deeply", text, 0) from err


def parse_jsonl(text: str, name: str, first_line: int = 1) -> Iterator[Item]:
    """One report per non-empty line; a malformed line is an error with its line number."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            obj = _loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(origin, f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        except ValueError as err:  # a number longer than Python converts (4,300 digits)
            yield ReadError(origin, f"malformed JSON ({err})")
            continue
        yield _from_json_object(obj, origin)


def _jsonl_bytes(data: bytes, name: str) -> Iterator[Item]:
    """JSONL decoded line by line, so that one line of bad bytes loses only that line."""
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        line = _decode(raw, f"{name}:{number}")
        if isinstance(line, ReadError):
            yield line
        else:
            yield from parse_jsonl(line, name, first_line=number)


def parse_json(text: str, name: str) -> Iterator[Item]:
    """A .json file: one object, or an array of objects; falls back to JSONL."""
    try:
        data = _loads(text)
    except ValueError:  # JSONDecodeError included
        yield from parse_jsonl(text, name)
        return
    if isinstance(data, list):
        for i, obj in enumerate(data):
            yield _from_json_object(obj, f"{name}[{i}]")
    else:
        yield _from_json_object(data, name)


def from_html(html: str, origin: str, url: str | None = None, **known: str | None) -> Item:
    """Main text and metadata of a page; `known` (from a feed item) wins over the page's own."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        return ReadError(origin, "no main text found in the page")
    meta = trafilatura.extract_metadata(html)
    return Report(
        text=text,
        id=known.get("id"),
        published=known.get("published") or (meta.date if meta else None),
        outlet=known.get("outlet") or (meta.sitename if meta else None),
        url=url or (meta.url if meta else None),
        origin=origin,
    )


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _read_feed(feed: Any, origin: str, fetcher: Fetcher) -> Iterator[Item]:
    """Items of a parsed feed, each followed to its page; the item's own text when the page fails."""
    import httpx
    import trafilatura

    if feed.get("bozo") and not feed.entries:
        yield ReadError(origin, f"not an RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    outlet = feed.feed.get("title")
    for entry in feed.entries:
        link = entry.get("link")
        item_origin = f"{origin} → {link or entry.get('id') or entry.get('title')}"
        known = {"id": None, "published": _entry_date(entry), "outlet": outlet}
        page: Item | None = None
        if link:
            try:
                page = from_html(fetcher(link).text, item_origin, url=link, **known)
            except httpx.HTTPError as exc:
                page = ReadError(item_origin, f"item page unreachable: {exc}")
        if isinstance(page, Report):
            yield page
            continue
        body = entry.content[0].get("value", "") if entry.get("content") else ""
        body = body or entry.get("summary", "")
        if body:
            text = trafilatura.extract(f"<html><body><p>{body}</p></body></html>") or body
            yield Report(text=text, url=link, origin=item_origin, **known)
        else:
            yield page or ReadError(item_origin, "feed item has neither a page nor text")


def _read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    import feedparser
    import httpx

    try:
        response = fetcher(url)
    except httpx.HTTPError as exc:
        yield ReadError(url, f"unreachable: {exc}")
        return
    feed = feedparser.parse(response.content)
    if feed.entries or feed.get("version"):
        yield from _read_feed(feed, url, fetcher)
    else:
        yield from_html(response.text, url, url=url)


def read_path(path: Path, fetcher: Fetcher = fetch) -> Iterator[Item]:
    """Reports in a file or, recursively and in name order, a directory."""
    if path.is_dir():
        wanted = TEXT_SUFFIXES + JSON_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted):
            yield from read_path(child, fetcher)
        return
    name = str(path)
    if not path.exists():
        yield ReadError(name, "no such file or directory")
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        yield ReadError(name, f"file is {path.stat().st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        import feedparser

        yield from _read_feed(feedparser.parse(path.read_bytes()), name, fetcher)
        return
    data = path.read_bytes()
    if suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_bytes(data, name)
        return
    decoded = _decode(data, name)
    if isinstance(decoded, ReadError):
        yield decoded
    elif suffix == ".json":
        yield from parse_json(decoded, name)
    elif suffix in HTML_SUFFIXES:
        yield from_html(decoded, name)
    else:
        yield Report(decoded, origin=name)


def read_sources(inputs: Iterable[str | Path], fetcher: Fetcher = fetch) -> Iterator[Item]:
    """Every report in the given files, directories, feed files and URLs, in order."""
    for item in inputs:
        name = str(item)
        if name.startswith(("http://", "https://")):
            yield from _read_url(name, fetcher)
        else:
            yield from read_path(Path(name), fetcher)


def read_stream(stream: IO[bytes], name: str = "-") -> Iterator[Item]:
    """Standard input: JSONL when it starts with "{", else one plain-text report."""
    decoded = _decode(stream.read(MAX_FILE_BYTES + 1), name)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    if len(decoded.encode("utf-8")) > MAX_FILE_BYTES:
        yield ReadError(name, f"input exceeds {MAX_FILE_BYTES:,} bytes")
        return
    if decoded.lstrip().startswith("{"):
        yield from parse_jsonl(decoded, name)
    else:
        yield Report(decoded, origin=name)
