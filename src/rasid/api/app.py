"""The web application: one FastAPI process serving the HTTP API under `/api` and the web UI.

Modelled on Datasette: `create_app(store_url)` turns a database into a browsable app. The
store is opened lazily, so `POST /api/extract` and the "paste a report" page work even with
no database at all.

Security stance (everything in a report is untrusted):
- no CORS headers unless origins are configured explicitly;
- a Content-Security-Policy that forbids inline scripts, so even a templating slip cannot
  execute a report's `<script>`; tiles are the only allowed foreign origin, and only when
  `RASID_TILES` names one;
- request bodies are capped (`RASID_MAX_BODY`, default 2 MiB: room for a 200,000-character report sent as JSON escapes) before they are parsed.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasid import __version__
from rasid.api.cache import ResponseCache

log = logging.getLogger("rasid.api")

DEFAULT_MAX_BODY = 2 * 1024 * 1024
WEB_DIR = Path(__file__).resolve().parent.parent / "web"


class StoreUnavailable(RuntimeError):
    """The database could not be opened (missing store package, bad path, foreign file)."""


class AppState:
    """What the routes share: configuration and the lazily opened store.

    The store is opened on first use, under a lock, so that creating the app never touches
    the database and a bad `--db` becomes one clear 503 instead of a crash at start.
    """

    def __init__(
        self,
        store_url: str | None,
        token: str | None,
        tiles: str | None,
        tiles_attribution: str,
        store: Any = None,
    ) -> None:
        self.store_url = store_url
        self.token = token or None
        self.tiles = tiles or None
        self.tiles_attribution = tiles_attribution
        self._store = store
        self._lock = threading.Lock()
        self.responses = ResponseCache()

    def store(self) -> Any:
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                try:
                    from rasid.store import Store
                except ImportError as exc:  # pragma: no cover - store package always ships
                    raise StoreUnavailable(f"store not available: {exc}") from exc
                try:
                    self._store = Store.open(self.store_url)
                except Exception as exc:
                    log.error("cannot open store %r: %s", self.store_url, exc)
                    raise StoreUnavailable(f"cannot open the database: {exc}") from exc
        return self._store


class BodyLimitMiddleware:
    """Refuse request bodies larger than `limit` bytes with a 413 JSON error.

    Reads the body up front (it is small by construction) and replays it, so that neither a
    lying Content-Length nor a chunked upload can push more than `limit` bytes into a parser.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, {"detail": "invalid Content-Length"})
                    return
                if declared > self.limit:
                    await _send_json(send, 413, {"detail": f"request body larger than {self.limit} bytes"})
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await _send_json(send, 413, {"detail": f"request body larger than {self.limit} bytes"})
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class SecurityHeadersMiddleware:
    """Add CSP and friends to every response; see the module docstring for why."""

    def __init__(self, app: ASGIApp, tiles: str | None) -> None:
        self.app = app
        img = "'self' data:"
        if tiles:
            parts = urlsplit(tiles.replace("{s}", "a"))
            if parts.scheme in ("http", "https") and parts.netloc:
                host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
                img += f" {parts.scheme}://{host}"
        csp = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'"
        )
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in self.headers if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    import json

    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    *,
    store: Any = None,
    tiles: str | None = None,
    max_body: int | None = None,
    cors_origins: list[str] | None = None,
) -> FastAPI:
    """Build the app. Unset arguments fall back to the environment.

    store_url: SQLite path or SQLAlchemy URL (`None`: the store's own default, `RASID_DB`).
    token: bearer token for writes (`RASID_API_TOKEN`); without one, writes are refused.
    store: an already opened store (tests, embedding).
    tiles: XYZ tile URL template (`RASID_TILES`); unset means the offline map (outlines only).
    cors_origins: origins allowed cross-origin access (`RASID_CORS_ORIGINS`, comma-separated).
    """
    from rasid.api.routes import router as api_router
    from rasid.web.pages import router as web_router

    if token is None:
        token = os.environ.get("RASID_API_TOKEN") or None
    if tiles is None:
        tiles = os.environ.get("RASID_TILES") or None
    if max_body is None:
        try:
            max_body = int(os.environ.get("RASID_MAX_BODY", DEFAULT_MAX_BODY))
        except ValueError:
            max_body = DEFAULT_MAX_BODY
    if cors_origins is None:
        cors_origins = [o.strip() for o in os.environ.get("RASID_CORS_ORIGINS", "").split(",") if o.strip()]

    app = FastAPI(
        title="rasid",
        version=__version__,
        description=(
            "Arabic conflict reports → structured, geolocated ACLED-style events. "
            "Reads are open; `POST /api/reports` needs `Authorization: Bearer $RASID_API_TOKEN`."
        ),
        # Swagger UI and ReDoc load their code from a CDN; rasid's own docs page at /api/docs
        # renders the same OpenAPI schema server-side, with nothing fetched from elsewhere.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.rasid = AppState(
        store_url=store_url,
        token=token,
        tiles=tiles,
        tiles_attribution=os.environ.get("RASID_TILES_ATTRIBUTION", ""),
        store=store,
    )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StoreUnavailable)
    async def _no_store(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Any:
        if not request.url.path.startswith("/api") and exc.status_code == 404:
            from rasid.web.pages import not_found_page

            return not_found_page(request, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    app.include_router(api_router, prefix="/api")
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    # The map loads up to 5,000 events as GeoJSON (~0.5 KB each): compressed, ~10x smaller.
    # No cookies or secrets are ever in a response, so compression leaks nothing (BREACH).
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeadersMiddleware, tiles=tiles)
    app.add_middleware(BodyLimitMiddleware, limit=max_body)
    return app
