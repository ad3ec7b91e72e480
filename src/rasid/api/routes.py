"""HTTP API routes, mounted under `/api`.

Every input is bounded and validated here, before it reaches the extractor or the store:
string lengths, numeric ranges (an offset past 2**63 would overflow SQLite), no control
characters and no lone surrogates (which cannot be stored as UTF-8). Invalid input is a 4xx
JSON answer; a store that rejects a query (an unknown `near` place, say) is a 400.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rasid.api.app import AppState
from rasid.api.convert import dump, events_csv, events_geojson

log = logging.getLogger("rasid.api")

router = APIRouter()

MAX_TEXT = 200_000
MAX_LIMIT = 5000
_NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"

ShortStr = Annotated[str | None, Query(max_length=200, pattern=_NO_CONTROL)]
IdPath = Annotated[str, Path(min_length=1, max_length=200, pattern=_NO_CONTROL)]


def _state(request: Request) -> AppState:
    return request.app.state.rasid


def _store(request: Request) -> Any:
    return _state(request).store()


def _cached(request: Request, make: Callable[[], Response]) -> Response:
    """`make()`'s answer, kept until the store changes and revalidated by ETag (see `rasid.api.cache`)."""
    state = _state(request)
    return state.responses.respond(request, state.store().version(), make)


def _clean(value: str | None) -> str | None:
    """Reject text that cannot be stored (NUL, lone surrogates) with a 422, not a 500."""
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text (no lone surrogates)") from exc
    return value


def _iso_date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError("must be an ISO 8601 date, e.g. 2024-05-01 or 2024-05-01T10:00:00") from exc
    return value


class ReportIn(BaseModel):
    """One report: the Arabic text and what is known about where it came from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The report's text (Arabic).")
    id: str | None = Field(default=None, min_length=1, max_length=200, pattern=_NO_CONTROL)
    published: str | None = Field(default=None, max_length=40, description="ISO 8601 publication date.")
    outlet: str | None = Field(default=None, max_length=200, pattern=_NO_CONTROL)
    url: str | None = Field(default=None, max_length=2000, pattern=_NO_CONTROL)

    @field_validator("text", "id", "outlet", "url")
    @classmethod
    def _text_ok(cls, v: str | None) -> str | None:
        return _clean(v)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty or whitespace")
        return v

    @field_validator("published")
    @classmethod
    def _published(cls, v: str | None) -> str | None:
        return _iso_date(_clean(v))


def _extractor() -> Any:
    try:
        from rasid import extract_report  # type: ignore[attr-defined]

        return extract_report
    except ImportError:
        pass
    try:
        from rasid.extract.pipeline import extract_report

        return extract_report
    except ImportError as exc:
        raise HTTPException(503, "the extractor is not available in this build") from exc


@router.post("/extract", tags=["extract"], summary="Extract events from a report (nothing is stored)")
def extract(report: ReportIn) -> JSONResponse:
    """Run the extractor on one report and return its mentions and events (`rasid.model.Extraction`)."""
    extract_report = _extractor()
    try:
        result = extract_report(
            report.text, published=report.published, outlet=report.outlet, id=report.id, url=report.url
        )
    except (ValueError, TypeError) as exc:
        raise HTTPException(422, f"cannot extract: {exc}") from exc
    except Exception as exc:
        # Same policy as the store's ingest: a text the extractor trips on is that text's
        # failure (logged with its traceback for the developers), never a 500 for the client.
        log.exception("extraction failed on a %d-character text", len(report.text))
        raise HTTPException(422, f"cannot extract: {type(exc).__name__}: {exc}") from exc
    return JSONResponse(dump(result))


_bearer = HTTPBearer(auto_error=False, description="The server's RASID_API_TOKEN")


def require_token(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writes need the configured token; with none configured, writes are off altogether."""
    expected = _state(request).token
    if not expected:
        raise HTTPException(403, "writes are disabled: the server has no RASID_API_TOKEN")
    given = creds.credentials if creds is not None else ""
    if not hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


@router.post(
    "/reports",
    tags=["reports"],
    status_code=201,
    summary="Ingest one report (needs the bearer token)",
    dependencies=[Depends(require_token)],
)
def ingest_report(report: ReportIn, request: Request) -> JSONResponse:
    """Store one report, extract its events and fuse them with the events already known.

    Idempotent: the same text again is a `duplicate` and adds nothing. 201 when the report
    was added; 200 when it was already known (duplicate); 422 when it could not be read or
    stored (it is then recorded as failed): the body's `status` and `reason` say which.
    """
    store = _store(request)
    try:
        result = store.ingest_text(
            report.text, id=report.id, published=report.published, outlet=report.outlet, url=report.url
        )
    except (ValueError, TypeError) as exc:
        raise HTTPException(422, f"cannot ingest: {exc}") from exc
    body = dump(result)
    status = body.get("status")
    code = 201 if status == "new" else 422 if status == "failed" else 200
    if status == "failed":
        body["detail"] = f"cannot ingest: {body.get('reason')}"
    return JSONResponse(body, status_code=code)


def _event_query(**filters: Any) -> Any:
    from rasid.store import EventQuery

    try:
        return EventQuery(**{k: v for k, v in filters.items() if v is not None})
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]) from exc


def query_events(store: Any, q: Any, *, flat: bool = False) -> tuple[list[dict[str, Any]], int]:
    """Events (whole records, or `flat` rows for maps and tables) and the total count for a query.

    A query the store refuses is the caller's error (400).
    """
    try:
        events = store.event_summaries(q) if flat else dump(store.events(q))
        total = store.count_events(q)
    except (ValueError, LookupError) as exc:
        raise HTTPException(400, f"bad query: {exc}") from exc
    return events, total


@router.get("/events", tags=["events"], summary="Events, filtered and paginated (JSON, GeoJSON or CSV)")
def list_events(
    request: Request,
    since: Annotated[dt.date | None, Query(description="First event date (inclusive)")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date (inclusive)")] = None,
    type: Annotated[
        str | None, Query(max_length=200, pattern=_NO_CONTROL, description="ACLED event type")
    ] = None,
    sub_type: ShortStr = None,
    actor: Annotated[
        str | None,
        Query(max_length=200, pattern=_NO_CONTROL, description="Actor id or name; includes its sub-groups"),
    ] = None,
    place: ShortStr = None,
    near: Annotated[str | None, Query(max_length=200, pattern=_NO_CONTROL, description="Place name")] = None,
    within_km: Annotated[float | None, Query(gt=0, le=2000)] = None,
    admin1: Annotated[
        str | None, Query(max_length=200, pattern=_NO_CONTROL, description="Governorate")
    ] = None,
    text: ShortStr = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    format: Annotated[Literal["json", "geojson", "csv"], Query()] = "json",
) -> Response:
    """The filters of `rasid events`. `total` counts all matches; page with `limit` and `offset`."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    q = _event_query(
        since=since,
        until=until,
        type=type,
        sub_type=sub_type,
        actor=actor,
        place=place,
        near=near,
        within_km=within_km,
        admin1=admin1,
        text=text,
        limit=limit,
        offset=offset,
    )

    def answer() -> Response:
        # GeoJSON and CSV show flat columns only: read as flat rows, without sources or evidence.
        events, total = query_events(_store(request), q, flat=format != "json")
        if format == "geojson":
            return JSONResponse(events_geojson(events, total), media_type="application/geo+json")
        if format == "csv":
            return Response(
                events_csv(events),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="rasid-events.csv"'},
            )
        next_offset = offset + len(events) if offset + len(events) < total else None
        return JSONResponse(
            {"total": total, "limit": limit, "offset": offset, "next_offset": next_offset, "events": events}
        )

    return _cached(request, answer)


def _get_or_404(getter: Any, key: str, what: str) -> dict[str, Any]:
    try:
        record = getter(key)
    except (ValueError, TypeError, LookupError):
        record = None
    if record is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return dump(record)


@router.get("/events/{event_id}", tags=["events"], summary="One event with its sources and evidence")
def get_event(event_id: IdPath, request: Request) -> Response:
    return _cached(request, lambda: JSONResponse(_get_or_404(_store(request).get_event, event_id, "event")))


# `:path`: a report id may hold "/" (ids come from outlets); a client sends it percent-encoded.
@router.get("/reports/{report_id:path}", tags=["reports"], summary="One report: text, mentions, events")
def get_report(report_id: IdPath, request: Request) -> JSONResponse:
    return JSONResponse(_get_or_404(_store(request).get_report, report_id, "report"))


@router.get("/search", tags=["reports"], summary="Full-text search over reports (Arabic)")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, pattern=_NO_CONTROL)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    if not q.strip():
        raise HTTPException(422, "q must not be blank")
    try:
        hits = _store(request).search(q, limit=limit)
    except ValueError as exc:
        raise HTTPException(400, f"bad search: {exc}") from exc
    return JSONResponse({"query": q, "hits": dump(hits)})


@router.get("/actors", tags=["actors"], summary="Actors seen in events, with counts")
def list_actors(request: Request) -> Response:
    return _cached(request, lambda: JSONResponse({"actors": dump(_store(request).actors())}))


@router.get("/actors/{actor_id}", tags=["actors"], summary="One actor: hierarchy, events, positions")
def get_actor(actor_id: IdPath, request: Request) -> JSONResponse:
    return JSONResponse(_get_or_404(_store(request).get_actor, actor_id, "actor"))


@router.get("/posture", tags=["posture"], summary="Who is where, with what, as of a date")
def posture(
    request: Request,
    as_of: Annotated[dt.date | None, Query(description="Date of the snapshot (default: latest)")] = None,
    actor: ShortStr = None,
    admin1: ShortStr = None,
) -> Response:
    def answer() -> Response:
        try:
            records = _store(request).posture(as_of=as_of, actor=actor, admin1=admin1)
        except (ValueError, LookupError) as exc:
            raise HTTPException(400, f"bad posture query: {exc}") from exc
        out = dump(records)
        for rec in out:
            rec["group_id"], rec["group"] = actor_group(rec.get("actor_id"), rec.get("actor"))
        return JSONResponse({"as_of": as_of.isoformat() if as_of else None, "posture": out})

    return _cached(request, answer)


def actor_group(actor_id: str | None, name: str | None) -> tuple[str | None, str | None]:
    """The top of an actor's hierarchy (Fatemiyoun → IRGC → Iran: Iran), for grouping on maps."""
    try:
        from rasid.lexicon.load import ancestors, load_actors

        actors = load_actors()
        if actor_id and actor_id in actors:
            chain = ancestors(actor_id, actors)
            top = chain[-1] if chain else actor_id
            return top, actors[top].name
    except Exception:  # grouping is a convenience; without the lexicon each actor is its own group
        log.debug("no lexicon for grouping", exc_info=True)
    return actor_id, name


@router.get("/outlines", tags=["map"], summary="Governorate outlines for the offline map")
def outlines() -> JSONResponse:
    """Simplified admin-1 polygons from the shared gazetteer; an empty collection when absent."""
    from rasid.web.outlines import governorate_outlines

    return JSONResponse(governorate_outlines(), media_type="application/geo+json")


@router.get("/health", tags=["meta"], summary="Liveness")
def health() -> dict[str, str]:
    return {"status": "ok"}
