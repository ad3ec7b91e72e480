"""Exports of stored events: ACLED CSV, GeoJSON, JSONL and Parquet.

- `acled`: ACLED's 31 columns in ACLED's order, one row per (fused) event, as ACLED
  publishes them: dates as YYYY-MM-DD, empty cells for unknowns, fatalities 0 when not
  stated, "; " between associated actors and between sources.
- `geojson`: a FeatureCollection of located events (points, WGS84 lon/lat), ACLED
  columns as properties: opens as a point layer in QGIS.
- `jsonl`: one `EventRecord` per line, everything (sources and evidence included).
- `parquet`: ACLED columns plus rasid's structured fields as nested columns (force,
  movement, attribution, evidence, sources), via pyarrow (the optional `parquet` extra).

Events are written in event-id order so that two exports of the same data are identical.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasid.errors import MissingExtraError
from rasid.store.queries import conditions, load_events
from rasid.store.records import ACLED_COLUMNS, EventQuery, EventRecord
from rasid.store.schema import Event

FORMATS = ("acled", "geojson", "jsonl", "parquet")
BATCH = 1000


def iter_events(s: Session, q: EventQuery | None) -> Iterator[EventRecord]:
    """Every event matching `q` (its filters; not its page), in pk order, loaded in batches."""
    q = q or EventQuery()
    cond = conditions(s, q)
    pks = s.scalars(select(Event.pk).where(*cond).order_by(Event.pk)).all()
    for i in range(0, len(pks), BATCH):
        chunk = pks[i : i + BATCH]
        yield from load_events(s, select(Event).where(Event.pk.in_(chunk)).order_by(Event.pk))
        s.expunge_all()


def _cell(value: object) -> object:
    return "" if value is None else value


def write_acled(events: Iterator[EventRecord], fh: IO[str]) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for ev in events:
        row = ev.acled_row()
        writer.writerow([_cell(row[c]) for c in ACLED_COLUMNS])
        n += 1
    return n


def write_geojson(events: Iterator[EventRecord], fh: IO[str]) -> int:
    features = []
    for ev in events:
        if ev.latitude is None or ev.longitude is None:
            continue
        props = ev.acled_row()
        props["event_id"] = ev.event_id
        props["modality"] = ev.modality
        props["confidence"] = ev.confidence
        props["report_ids"] = "; ".join(src.report_id for src in ev.sources)
        features.append(
            {
                "type": "Feature",
                "id": ev.event_id,
                "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
                "properties": props,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    fh.write("\n")
    return len(features)


def write_jsonl(events: Iterator[EventRecord], fh: IO[str]) -> int:
    n = 0
    for ev in events:
        fh.write(ev.model_dump_json() + "\n")
        n += 1
    return n


@cache
def parquet_schema() -> Any:
    """The Parquet schema (pyarrow is an optional extra: `rasid[parquet]`)."""
    pa = _pyarrow()
    strength = pa.struct([("kind", pa.string()), ("name", pa.string()), ("count", pa.int64())])
    place = pa.struct(
        [("role", pa.string()), ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())]
    )
    span = pa.struct([("field", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    source = pa.struct(
        [("report_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()), ("published", pa.date32())]
    )
    attribution = pa.struct([("kind", pa.string()), ("name", pa.string()), ("text", pa.string())])
    return pa.schema(
        [
            ("event_id_cnty", pa.string()),
            ("event_date", pa.date32()),
            ("year", pa.int32()),
            ("time_precision", pa.int8()),
            *[(c, pa.string()) for c in ACLED_COLUMNS[4:15]],
            ("iso", pa.int32()),
            *[(c, pa.string()) for c in ACLED_COLUMNS[16:22]],
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("geo_precision", pa.int8()),
            ("source", pa.string()),
            ("source_scale", pa.string()),
            ("notes", pa.string()),
            ("fatalities", pa.int32()),
            ("tags", pa.string()),
            ("timestamp", pa.int64()),
            ("actor1_id", pa.string()),
            ("actor2_id", pa.string()),
            ("place_id", pa.string()),
            ("injuries", pa.int32()),
            ("modality", pa.string()),
            ("confidence", pa.float64()),
            ("force", pa.list_(strength)),
            ("movement", pa.list_(place)),
            ("attribution", pa.list_(attribution)),
            ("evidence", pa.list_(span)),
            ("sources", pa.list_(source)),
        ]
    )


def _parquet_row(ev: EventRecord) -> dict[str, Any]:
    row: dict[str, Any] = {c: getattr(ev, c) for c in ACLED_COLUMNS}
    row.update(
        actor1_id=ev.actor1_id,
        actor2_id=ev.actor2_id,
        place_id=ev.place_id,
        injuries=ev.injuries,
        modality=ev.modality,
        confidence=ev.confidence,
        force=[{"kind": f.kind, "name": f.name, "count": f.count} for f in ev.force],
        movement=[
            {
                "role": m.role,
                "name": m.location.name or m.location.text,
                "lat": m.location.lat,
                "lon": m.location.lon,
            }
            for m in ev.movement
        ],
        attribution=[{"kind": a.kind, "name": a.name, "text": a.text} for a in ev.attribution],
        evidence=[{"field": e.field, "text": e.text, "start": e.start, "end": e.end} for e in ev.evidence],
        sources=[
            {"report_id": src.report_id, "outlet": src.outlet, "url": src.url, "published": src.published}
            for src in ev.sources
        ],
    )
    return row


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (pyarrow.parquet is a submodule to load)
    except ImportError as exc:
        raise MissingExtraError("Parquet export", "parquet") from exc
    return pyarrow


def write_parquet(events: Iterator[EventRecord], out: str | os.PathLike[str] | IO[bytes]) -> int:
    pa = _pyarrow()
    rows = [_parquet_row(ev) for ev in events]
    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    pa.parquet.write_table(table, out)
    return len(rows)


@contextmanager
def _text_out(out: str | os.PathLike[str] | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(out, str | os.PathLike):
        with Path(out).open("w", encoding="utf-8", newline="") as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def export(s: Session, fmt: str, out: str | os.PathLike[str] | IO[Any], q: EventQuery | None = None) -> int:
    """Write the events matching `q` in format `fmt` to a path or an open file; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    events = iter_events(s, q)
    if fmt == "parquet":
        return write_parquet(events, out)
    writer = {"acled": write_acled, "geojson": write_geojson, "jsonl": write_jsonl}[fmt]
    with _text_out(out) as fh:
        return writer(events, fh)
