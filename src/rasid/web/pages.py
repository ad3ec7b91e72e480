"""The web UI's pages, served by the same process as the API.

Pages are rendered by Jinja2 with autoescaping forced on, from the same store records the
API returns. Interactive parts (map, timeline, posture slider, live extraction) are static
JS files that fetch `/api/...` and build the DOM with `textContent`; the Content-Security-
Policy set in `rasid.api.app` forbids inline scripts, so pages pass configuration to them in
`data-` attributes only.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from rasid.api.convert import actor_name, actor_names, dump, event_summary, location_of
from rasid.model import EVENT_TYPES
from rasid.web.highlight import evidence_spans, mention_spans, segments
from rasid.web.outlines import governorate_names

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["actor_name"] = actor_name
_env.filters["actor_names"] = actor_names
_env.filters["pathq"] = lambda v: quote(str(v), safe="")
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)

TYPE_CODES = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions",
    "Violence against civilians": "vac",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic",
}
_env.globals["type_code"] = lambda t: TYPE_CODES.get(str(t), "other")
_env.globals["EVENT_TYPES"] = EVENT_TYPES


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_match) pieces; the store wraps matches in «».

    The markers are recognised, never rendered as markup: the pieces are printed as escaped
    text, so a report that itself contains `<b>` or `<script>` shows those characters only.
    A « with no closing » is ordinary text (Arabic prose uses these quotes too).
    """
    parts: list[tuple[str, bool]] = []
    rest = str(snippet)
    while rest:
        i = rest.find("«")
        j = rest.find("»", i + 1) if i >= 0 else -1
        if i < 0 or j < 0:
            parts.append((rest, False))
            break
        if i:
            parts.append((rest[:i], False))
        if j > i + 1:
            parts.append((rest[i + 1 : j], True))
        rest = rest[j + 1 :]
    return parts


_env.globals["snippet_parts"] = snippet_parts


def _store(request: Request) -> Any:
    return request.app.state.rasid.store()


def _render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    state = request.app.state.rasid
    ctx.setdefault("tiles", state.tiles or "")
    ctx.setdefault("tiles_attribution", state.tiles_attribution or "")
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def not_found_page(request: Request, detail: str) -> HTMLResponse:
    return _render(request, "error.html", status_code=404, title="Not found", detail=detail)


def _safe_id(value: str) -> str:
    if not value or len(value) > 200 or any(ord(c) < 32 for c in value):
        raise HTTPException(404, "not found")
    return value


def _get(getter: Any, key: str) -> dict[str, Any] | None:
    try:
        return dump(getter(key))
    except (ValueError, TypeError, LookupError):
        return None


@router.get("/", response_class=HTMLResponse)
def map_page(
    request: Request,
    since: Annotated[str, Query(max_length=20)] = "",
    until: Annotated[str, Query(max_length=20)] = "",
    type: Annotated[str, Query(max_length=200)] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    admin1: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """The map of events with filters and the timeline; the filters live in the URL."""
    filters = {"since": since, "until": until, "type": type, "actor": actor, "admin1": admin1}
    return _render(
        request,
        "map.html",
        title="Map of events",
        filters=filters,
        api_query=urlencode({k: v for k, v in filters.items() if v}),
        governorates=governorate_names(),
        recent_reports=_recent_reports(request),
    )


def _recent_reports(request: Request, limit: int = 15) -> list[dict[str, Any]]:
    """Newest reports for the home page, so a newcomer can start from a report (one indexed query)."""
    try:
        return dump(_store(request).list_reports(limit=limit))
    except (ValueError, LookupError):
        return []


def _source_report_id(src: dict[str, Any]) -> str | None:
    rid = src.get("report_id") or src.get("report") or src.get("id")
    return str(rid) if rid is not None else None


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request) -> HTMLResponse:
    """An event: its fields, the English note, and each source's text with the evidence lit."""
    store = _store(request)
    ev = _get(store.get_event, _safe_id(event_id))
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r}")
    summary = event_summary(ev)
    sources = []
    raw_sources = ev.get("sources") or []
    for src in raw_sources[:20]:
        if not isinstance(src, dict):
            src = {"report_id": src}
        rid = _source_report_id(src)
        report = _get(store.get_report, rid) if rid else None
        evidence = src.get("evidence")
        if evidence is None and len(raw_sources) == 1:
            evidence = ev.get("evidence")
        text = (report or {}).get("text") or ""
        sources.append(
            {
                "report_id": rid,
                "outlet": src.get("outlet") or (report or {}).get("outlet"),
                "published": src.get("published") or (report or {}).get("published"),
                "url": _http_url(src.get("url") or (report or {}).get("url")),
                "segments": segments(text, evidence_spans(evidence or [])),
                "evidence": evidence or [],
                "found": report is not None,
            }
        )
    return _render(
        request,
        "event.html",
        title=f"{summary['sub_event_type'] or summary['event_type'] or 'Event'}",
        ev=ev,
        s=summary,
        loc=location_of(ev),
        sources=sources,
        fields=_event_fields(ev, summary),
        actor_links=[
            (label, ev.get(key), name)
            for label, key, name in (
                ("Actor 1", "actor1_id", summary["actor1"]),
                ("Actor 2", "actor2_id", summary["actor2"]),
            )
            if ev.get(key)
        ],
    )


def _http_url(url: Any) -> str | None:
    """Only http(s) links are made clickable: a `javascript:` URL from a report stays text."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _event_fields(ev: dict[str, Any], s: dict[str, Any]) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = [
        ("Event type", s["event_type"]),
        ("Sub-event type", s["sub_event_type"]),
        ("Date", f"{s['event_date'] or '?'} (time precision {s['time_precision'] or '?'})"),
        ("Actor 1", s["actor1"]),
        ("Associated with actor 1", s["assoc_actor_1"]),
        ("Actor 2", s["actor2"]),
        ("Associated with actor 2", s["assoc_actor_2"]),
        ("Location", s["location"]),
        ("Governorate / district", " / ".join(x for x in (s["admin1"], s["admin2"]) if x)),
        ("Country", s["country"]),
        (
            "Coordinates",
            f"{s['latitude']:.4f}, {s['longitude']:.4f} (geo precision {s['geo_precision'] or '?'})"
            if s["latitude"] is not None
            else None,
        ),
        ("Fatalities", s["fatalities"]),
        ("Injuries", ev.get("injuries")),
        ("Modality", s["modality"]),
        ("Civilian targeting", "yes" if ev.get("civilian_targeting") else None),
        ("Confidence", f"{s['confidence']:.2f}" if isinstance(s["confidence"], int | float) else None),
        ("Sources", s["source"]),
    ]
    force = ev.get("force") or []
    if force:
        rows.append(("Force", "; ".join(_force_line(f) for f in force if isinstance(f, dict))))
    movement = ev.get("movement") or []
    if movement:
        rows.append(
            (
                "Movement",
                "; ".join(
                    f"{m.get('role')}: {(m.get('location') or {}).get('name') or (m.get('location') or {}).get('text')}"
                    for m in movement
                    if isinstance(m, dict)
                ),
            )
        )
    attribution = ev.get("attribution") or []
    if attribution:
        rows.append(
            (
                "Attribution",
                "; ".join(
                    f"{a.get('kind')}: {a.get('name') or a.get('text') or ''}".strip(": ")
                    for a in attribution
                    if isinstance(a, dict)
                ),
            )
        )
    return [(k, v) for k, v in rows if v not in (None, "", [])]


def _force_line(f: dict[str, Any]) -> str:
    count = f.get("count")
    if count is None and f.get("count_low") is not None:
        count = f"{f.get('count_low')}–{f.get('count_high')}"
    approx = "~" if f.get("approximate") else ""
    mm = f.get("calibre_mm")
    calibre = f" ({mm:g} mm)" if isinstance(mm, int | float) and mm else ""
    head = f"{approx}{count} × " if count is not None else ""
    return f"{head}{f.get('name')}{calibre}"


@router.get("/reports/{report_id:path}", response_class=HTMLResponse)
def report_page(report_id: str, request: Request) -> HTMLResponse:
    """A report with every mention highlighted by kind, and the events read from it."""
    store = _store(request)
    report = _get(store.get_report, _safe_id(report_id))
    if report is None:
        raise HTTPException(404, f"no report {report_id!r}")
    text = report.get("text") or ""
    events = []
    for e in (report.get("events") or report.get("event_ids") or [])[:100]:
        ev = e if isinstance(e, dict) else _get(store.get_event, str(e))
        if ev:
            events.append(event_summary(ev))
    kinds = sorted({str(m.get("kind")) for m in report.get("mentions") or [] if isinstance(m, dict)})
    return _render(
        request,
        "report.html",
        title=f"Report {report.get('report_id') or report_id}",
        report=report,
        url=_http_url(report.get("url")),
        segments=segments(text, mention_spans(report.get("mentions") or [])),
        events=events,
        kinds=kinds,
        # For the report's map: passed as JSON in a data- attribute (escaped by Jinja, read
        # with JSON.parse), since the CSP allows no inline script.
        events_json=json.dumps(
            [
                {
                    k: e[k]
                    for k in (
                        "id",
                        "event_type",
                        "sub_event_type",
                        "event_date",
                        "location",
                        "actor1",
                        "notes",
                        "latitude",
                        "longitude",
                    )
                }
                for e in events
            ],
            ensure_ascii=False,
        ),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    actors = dump(_store(request).actors())
    names = {a.get("actor_id"): a.get("name") for a in actors}
    return _render(request, "actors.html", title="Actors", actors=actors, names=names)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(actor_id: str, request: Request) -> HTMLResponse:
    """An actor: where it sits in the hierarchy, its events over time, its positions."""
    actor = _get(_store(request).get_actor, _safe_id(actor_id))
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    known = _lexicon_actor(actor_id)
    return _render(
        request,
        "actor.html",
        title=actor.get("name") or actor_id,
        actor=actor,
        actor_id=actor.get("actor_id") or actor_id,
        aliases=list(getattr(known, "aliases", ()) or ())[:12],
        country=getattr(known, "country", None),
    )


def _lexicon_actor(actor_id: str) -> Any:
    """The lexicon's entry for an actor (Arabic aliases, country), or None."""
    try:
        from rasid.lexicon.load import load_actors

        return load_actors().get(actor_id)
    except Exception:  # the lexicon is optional decoration here; the page works without it
        return None


@router.get("/posture", response_class=HTMLResponse)
def posture_page(
    request: Request,
    actor: Annotated[str, Query(max_length=200)] = "",
    as_of: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """Who is where as of a date: a slider over time, one colour per actor group."""
    try:
        as_of_date = dt.date.fromisoformat(as_of).isoformat() if as_of else ""
    except ValueError:
        as_of_date = ""
    return _render(request, "posture.html", title="Force posture", actor=actor, as_of=as_of_date)


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    """Paste a report and watch the extraction, live; nothing is stored."""
    return _render(request, "paste.html", title="Paste a report")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    error = ""
    query = q.replace("\x00", "").strip()
    if query:
        try:
            hits = dump(_store(request).search(query, limit=50))
        except ValueError as exc:
            error = str(exc)
    latest = [] if query else _recent_reports(request, limit=50)
    return _render(request, "search.html", title="Reports", q=query, hits=hits, error=error, latest=latest)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's documentation, rendered from its OpenAPI schema (no CDN, unlike Swagger UI)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                sch = p.get("schema", {})
                kinds = [sch] + sch.get("anyOf", [])
                typ = " | ".join(
                    str(k.get("type")) + (f" ({k['format']})" if k.get("format") else "")
                    for k in kinds
                    if k.get("type") and k.get("type") != "null"
                )
                for k in kinds[1:]:
                    sch = {**k, **sch}
                if sch.get("enum"):
                    typ += " (" + ", ".join(map(str, sch["enum"])) + ")"
                limits = ", ".join(
                    f"{k} {v}"
                    for k, v in sch.items()
                    if k in ("minimum", "maximum", "exclusiveMinimum", "maxLength", "minLength", "default")
                )
                params.append(
                    {
                        "name": p.get("name"),
                        "in": p.get("in"),
                        "required": p.get("required", False),
                        "type": typ or "string",
                        "limits": limits,
                        "description": p.get("description") or sch.get("description") or "",
                    }
                )
            body = (
                (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema", {})
            )
            body_ref = str(body.get("$ref", "")).rsplit("/", 1)[-1]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": body_ref,
                    "auth": bool(op.get("security")),
                    "tag": (op.get("tags") or [""])[0],
                }
            )
    models = {
        name: [
            (
                field,
                (spec.get("type") or " | ".join(str(a.get("type")) for a in spec.get("anyOf", []))),
                field in m.get("required", []),
            )
            for field, spec in m.get("properties", {}).items()
        ]
        for name, m in schema.get("components", {}).get("schemas", {}).items()
        if name in {o["body"] for o in operations}
    }
    return _render(
        request,
        "api_docs.html",
        title="HTTP API",
        info=schema.get("info", {}),
        operations=operations,
        models=models,
    )
