"""Turning store records into JSON, GeoJSON and CSV for the API and the pages.

The store's records are pydantic models; everything here works on their JSON dumps
(plain dicts) and reads fields defensively, so that the API keeps answering when the
store adds fields, and so that one odd record cannot turn a listing into a 500.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from typing import Any

CSV_COLUMNS = [
    "id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "modality",
    "confidence",
    "source",
    "notes",
]


def dump(obj: Any) -> Any:
    """A JSON-ready dict (or list) from a pydantic model, dataclass, dict or list of them."""
    if obj is None:
        return None
    if isinstance(obj, list | tuple):
        return [dump(o) for o in obj]
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dump(dataclasses.asdict(obj))
    if isinstance(obj, dict):
        return {str(k): dump(v) for k, v in obj.items()}
    return obj


def actor_name(ref: Any) -> str | None:
    """English name of an actor reference, whatever shape the record gives it."""
    if ref is None:
        return None
    if isinstance(ref, str):
        return ref or None
    if isinstance(ref, dict):
        return ref.get("canonical") or ref.get("name") or ref.get("text") or None
    return str(ref)


def actor_names(refs: Any) -> list[str]:
    if not refs:
        return []
    if isinstance(refs, str):
        return [r for r in refs.split(";") if r.strip()]
    return [n for n in (actor_name(r) for r in refs) if n]


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def location_of(ev: dict[str, Any]) -> dict[str, Any]:
    loc = ev.get("location")
    return loc if isinstance(loc, dict) else {}


def event_point(ev: dict[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of an event, or None when it has no usable coordinates."""
    loc = location_of(ev)
    lat = _num(ev.get("latitude", ev.get("lat")))
    lon = _num(ev.get("longitude", ev.get("lon")))
    if lat is None or lon is None:
        lat, lon = _num(loc.get("lat")), _num(loc.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def event_summary(ev: dict[str, Any]) -> dict[str, Any]:
    """The flat view of an event used by GeoJSON properties, CSV rows and the map's popups."""
    loc = location_of(ev)
    point = event_point(ev)
    sources = ev.get("sources") or []
    outlets = ev.get("source")
    if not outlets and isinstance(sources, list):
        outlets = ";".join(
            sorted({str(s.get("outlet")) for s in sources if isinstance(s, dict) and s.get("outlet")})
        )
    location_name = ev.get("location_name") or loc.get("name") or loc.get("text")
    if isinstance(ev.get("location"), str):
        location_name = ev["location"]
    return {
        "id": ev.get("id", ev.get("event_id")),
        "event_date": ev.get("event_date"),
        "time_precision": ev.get("time_precision"),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": actor_name(ev.get("actor1")),
        "assoc_actor_1": ";".join(actor_names(ev.get("assoc_actor_1"))),
        "actor2": actor_name(ev.get("actor2")),
        "assoc_actor_2": ";".join(actor_names(ev.get("assoc_actor_2"))),
        "country": ev.get("country") or loc.get("country"),
        "admin1": ev.get("admin1") or loc.get("admin1"),
        "admin2": ev.get("admin2") or loc.get("admin2"),
        "location": location_name,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "geo_precision": ev.get("geo_precision") or loc.get("geo_precision"),
        "fatalities": ev.get("fatalities"),
        "modality": ev.get("modality"),
        "confidence": ev.get("confidence"),
        "source": outlets or None,
        "notes": ev.get("notes"),
    }


def events_geojson(events: list[dict[str, Any]], total: int | None = None) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (others are counted, not drawn)."""
    features = []
    for ev in events:
        s = event_summary(ev)
        if s["latitude"] is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": s["id"],
                "geometry": {"type": "Point", "coordinates": [s["longitude"], s["latitude"]]},
                "properties": s,
            }
        )
    out: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    out["unlocated"] = len(events) - len(features)
    if total is not None:
        out["total"] = total
    return out


def _csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: report text must not run in the analyst's Excel."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def events_csv(events: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow({k: _csv_cell(v) for k, v in event_summary(ev).items()})
    return buf.getvalue()
