"""Answers of read endpoints, cached per store version and revalidated with ETags.

A listing of thousands of events costs tens of milliseconds to query and serialise and
more to compress; between two writes it is the same bytes for every client. So each
answer is kept, under the store's version (`Store.version`, which moves with every write)
and the request's path and query, together with its gzip form; the ETag names that key,
so a client that sends it back in `If-None-Match` gets a bodiless 304 for the price of
the version lookup. `Cache-Control: no-cache` makes browsers revalidate every time: an
answer is never served after the store has changed.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

DEFAULT_BUDGET = 64 * 1024 * 1024
"""Bytes of answers kept (plain and compressed); the least recently used go first."""
MIN_GZIP = 2048
"""Smaller answers are sent as they are (as the GZip middleware does)."""
KEPT_HEADERS = ("content-disposition",)


@dataclass(slots=True)
class _Entry:
    body: bytes
    media_type: str | None
    headers: dict[str, str]
    gzipped: bytes | None = None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


def _tags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header, without W/ and quotes."""
    return {t.strip().removeprefix("W/").strip('"') for t in header.split(",") if t.strip()}


class ResponseCache:
    """A byte-bounded LRU of read answers; safe to share between the server's threads."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _get(self, key: str) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def _put(self, key: str, entry: _Entry) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes -= old.size if old else 0
            if entry.size > self.budget:
                return
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size

    def respond(self, request: Request, version: str, make: Callable[[], Response]) -> Response:
        """The answer to `request` at store `version`: a 304, a kept answer, or `make()` (then kept).

        Only 200 answers are kept; an error raised or returned by `make` reaches the client as is.
        """
        query = "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
        key = f"{version} {request.url.path}?{query}"
        tag = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        wants_gzip = "gzip" in request.headers.get("accept-encoding", "").lower()
        headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if {t.removesuffix("-gz") for t in _tags(request.headers.get("if-none-match", ""))} & {tag}:
            return Response(status_code=304, headers={**headers, "ETag": f'"{tag}"'})
        entry = self._get(key)
        if entry is None:
            made = make()
            if made.status_code != 200:
                return made
            kept = {k: v for k, v in made.headers.items() if k in KEPT_HEADERS}
            entry = _Entry(bytes(made.body), made.media_type, kept)
            self._put(key, entry)
        body, etag = entry.body, f'"{tag}"'
        if wants_gzip and len(entry.body) >= MIN_GZIP:
            if entry.gzipped is None:
                entry.gzipped = gzip.compress(entry.body, compresslevel=6)
                self._put(key, entry)
            body, etag = entry.gzipped, f'"{tag}-gz"'  # another representation, another tag
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type=entry.media_type, headers={**headers, **entry.headers, "ETag": etag})
