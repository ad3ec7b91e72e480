"""Governorate outlines for the offline map: the plain fallback when no tile server is set.

The polygons come from the shared gazetteer (Who's On First, attribution required) and are
read at run time, never committed. They are simplified once (coordinates rounded, points
closer than ~1 km dropped) so that the whole country is a few tens of KB for the browser.
Found via `RASID_OUTLINES`, then `RASID_SHARED/gazetteer/`, then `../shared/gazetteer/`
beside the working directory or the source checkout. Without them the map is a plain
background with the events on it.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("rasid.web")

FILENAME = "syria_adm1_adm2_boundaries_wof.geojson"
ATTRIBUTION = "Outlines: Who's On First (whosonfirst.org)"


def _candidates() -> list[Path]:
    out: list[Path] = []
    if os.environ.get("RASID_OUTLINES"):
        out.append(Path(os.environ["RASID_OUTLINES"]))
    if os.environ.get("RASID_SHARED"):
        out.append(Path(os.environ["RASID_SHARED"]) / "gazetteer" / FILENAME)
    out.append(Path.cwd().parent / "shared" / "gazetteer" / FILENAME)
    out.append(Path(__file__).resolve().parents[3].parent / "shared" / "gazetteer" / FILENAME)
    return out


def _simplify_ring(ring: list[list[float]], tol: float = 0.01) -> list[list[float]]:
    kept: list[list[float]] = []
    for pt in ring:
        if len(pt) < 2:
            continue
        p = [round(float(pt[0]), 3), round(float(pt[1]), 3)]
        if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= tol:
            kept.append(p)
    if kept and ring and len(kept) >= 3 and kept[0] != kept[-1]:
        kept.append(kept[0])
    return kept if len(kept) >= 4 else []


def _simplify_geometry(geom: dict[str, Any]) -> dict[str, Any] | None:
    kind = geom.get("type")
    if kind == "Polygon":
        rings = [r for r in (_simplify_ring(r) for r in geom.get("coordinates", [])) if r]
        return {"type": "Polygon", "coordinates": rings} if rings else None
    if kind == "MultiPolygon":
        polys = []
        for poly in geom.get("coordinates", []):
            rings = [r for r in (_simplify_ring(r) for r in poly) if r]
            if rings:
                polys.append(rings)
        return {"type": "MultiPolygon", "coordinates": polys} if polys else None
    return None


@lru_cache(maxsize=1)
def governorate_outlines() -> dict[str, Any]:
    """A FeatureCollection of governorates (name_en, name_ar, pcode); empty when not found."""
    for path in _candidates():
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("cannot read outlines %s: %s", path, exc)
            continue
        features = []
        for f in data.get("features", []):
            props = f.get("properties") or {}
            if props.get("level") != 1 or not isinstance(f.get("geometry"), dict):
                continue
            geom = _simplify_geometry(f["geometry"])
            if geom:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geom,
                        "properties": {k: props.get(k) for k in ("name_en", "name_ar", "pcode")},
                    }
                )
        return {"type": "FeatureCollection", "features": features, "attribution": ATTRIBUTION}
    return {"type": "FeatureCollection", "features": [], "attribution": ""}


def governorate_names() -> list[str]:
    """English governorate names for the filter list (outlines first, then a built-in list)."""
    names = {
        str(f["properties"]["name_en"])
        for f in governorate_outlines()["features"]
        if f["properties"].get("name_en")
    }
    names.update(SYRIA_GOVERNORATES)
    names.update(IRAQ_GOVERNORATES)
    return sorted(names)


SYRIA_GOVERNORATES = (
    "Aleppo",
    "Al-Hasakah",
    "As-Suwayda",
    "Damascus",
    "Daraa",
    "Deir ez-Zor",
    "Hama",
    "Homs",
    "Idlib",
    "Latakia",
    "Quneitra",
    "Raqqa",
    "Rif Dimashq",
    "Tartus",
)
IRAQ_GOVERNORATES = (
    "Al Anbar",
    "Babil",
    "Baghdad",
    "Basra",
    "Dhi Qar",
    "Diyala",
    "Duhok",
    "Erbil",
    "Karbala",
    "Kirkuk",
    "Maysan",
    "Muthanna",
    "Najaf",
    "Nineveh",
    "Qadisiyyah",
    "Salah al-Din",
    "Sulaymaniyah",
    "Wasit",
)
