"""Country and first-level outlines for the offline map: the plain fallback when no tile server is set.

Shipped with rasid (`outlines.json`, ~140 KB): the region's country outlines and first-level
units (governorates, states, provinces), simplified by `rasid.geo.build.build_outlines` from
the shared Who's On First boundaries (`arab_world_admin1_wof.geojson`; attribution in
`rasid/geo/ATTRIBUTION.md`), countries first so that units draw over them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

FILENAME = "outlines.json"
ATTRIBUTION = "Outlines: Who's On First (whosonfirst.org), incl. Quattroshapes and GeoNames (CC BY)"


@lru_cache(maxsize=1)
def governorate_outlines() -> dict[str, Any]:
    """A FeatureCollection of country and admin1 outlines (level, iso, name_en, name_ar), with its credit."""
    data = json.loads(resources.files("rasid.web").joinpath(FILENAME).read_text(encoding="utf-8"))
    return {"type": "FeatureCollection", "features": data["features"], "attribution": ATTRIBUTION}


def governorate_names() -> list[str]:
    """English governorate names for the filter list (outlines first, then a built-in list)."""
    names = {
        str(f["properties"]["name_en"])
        for f in governorate_outlines()["features"]
        if f["properties"].get("name_en") and f["properties"].get("level") == "admin1"
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
