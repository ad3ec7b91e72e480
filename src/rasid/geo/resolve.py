"""Choosing the place a name means, from its candidates and the report's other places.

Pure functions over `Place` records: the recogniser (`rasid.extract.places`) gathers the
candidates and the context, this module ranks them. The score adds up, in this order of
weight: a place the text itself ties the name to ("X بريف Y", "X شرقي Y"), the
governorates the report names, closeness to the report's other places (reports are
local), administrative level and population, and the region model's prior for its country.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rasid.geo.place import REGION_KINDS, SETTLEMENT_KINDS, Place
from rasid.geo.region import region
from rasid.text.normalize import normalize_key

KIND_WEIGHT = {
    "country": 6.0, "governorate": 3.5, "city": 4.0, "town": 3.0, "district": 1.3, "subdistrict": 1.2,
    "area": 3.0, "badia": 3.0, "crossing": 3.0, "airport": 3.0, "base": 3.0, "oil_field": 3.0,
    "gas_field": 3.0, "dam": 3.0, "mountain": 2.5, "plain": 2.5, "river": 2.5, "road": 2.0,
    "camp": 2.5, "facility": 2.0, "neighbourhood": 1.5, "village": 1.5,
}
SOURCE_WEIGHT = {"rasid": 1.0, "opensyria_admin": 0.6, "embedded": 0.5, "geonames": 0.4, "wof": 0.3}
# Cue words before a name and the kinds they announce (keys as the normaliser writes them).
_CUE_KINDS = {
    "مدينة": ("city", "town"), "بلدة": ("town", "village"), "قرية": ("village", "town"),
    "حي": ("neighbourhood",), "مخيم": ("camp",), "معبر": ("crossing",), "مطار": ("airport",),
    "قاعدة": ("base", "airport"), "حقل": ("oil_field", "gas_field"), "سد": ("dam",), "جبل": ("mountain",),
    "ناحية": ("subdistrict", "town"), "منطقة": ("district", "area"), "محافظة": ("governorate",),
}
CUE_KINDS = {normalize_key(k): v for k, v in _CUE_KINDS.items()}
# Cues and prepositions that place the event near, not at, the named place (ACLED precision 2).
NEAR_CUES = frozenset(normalize_key(w) for w in ("قرب", "محيط", "أطراف", "شرق", "غرب", "شمال", "جنوب", "شرقي",
                                                  "غربي", "شمالي", "جنوبي", "ريف", "مشارف", "ضواحي", "نواحي"))


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a fraction of a percent at these distances, and cheap."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(lat2 - lat1, x)


def prominence(p: Place) -> float:
    """How likely a bare mention of the name means this place, context aside."""
    people = math.log10((p.population or 0) + 1) * 0.5 if p.kind in SETTLEMENT_KINDS else 0.0
    return KIND_WEIGHT.get(p.kind, 1.0) + SOURCE_WEIGHT.get(p.source, 0.3) + people + region().prior(p.country)


def dedupe(candidates: Iterable[Place], radius_km: float = 6.0) -> list[Place]:
    """One representative per cluster of same-named records within `radius_km` (sources overlap:
    WOF, OpenSyria and the embedded towns often list the same town): curated first, then the most
    prominent."""
    out: list[Place] = []
    # Curated records represent their cluster: they carry rasid's names, kinds and admin chain.
    for p in sorted(candidates, key=lambda p: (p.source == "rasid", prominence(p)), reverse=True):
        if p.lat is None or p.lon is None:
            if not any(q.name == p.name and q.kind == p.kind for q in out):
                out.append(p)
            continue
        if any(q.lat is not None and q.lon is not None and q.kind not in REGION_KINDS and p.kind not in REGION_KINDS
               and approx_km(p.lat, p.lon, q.lat, q.lon) <= radius_km for q in out):
            continue
        out.append(p)
    return out


@dataclass
class Context:
    """What the report says about where it is: governorates, countries and resolved points."""

    admin1: dict[str, float] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)

    def copy(self) -> Context:
        return Context(dict(self.admin1), dict(self.countries), list(self.points))

    def add(self, p: Place, weight: float = 1.0) -> None:
        if p.kind != "country" and p.admin1:
            self.admin1[p.admin1] = self.admin1.get(p.admin1, 0.0) + weight
        if p.country:
            self.countries[p.country] = self.countries.get(p.country, 0.0) + weight
        # Region centroids are too vague to pull a namesake towards them.
        if p.lat is not None and p.lon is not None and p.kind not in REGION_KINDS and p.kind != "road":
            self.points.append((p.lat, p.lon))


def score(p: Place, ctx: Context, cue: str | None = None, anchor: Place | None = None) -> float:
    """Context score of one candidate (higher is better)."""
    s = prominence(p)
    if p.admin1 and p.admin1 in ctx.admin1:
        weight = ctx.admin1[p.admin1]
        s += 2.5 * min(weight, 1.0) + min(weight, 3.0) * 0.3
    if p.country and p.country in ctx.countries:
        s += 0.8 * min(ctx.countries[p.country], 1.0)
    if p.lat is not None and p.lon is not None and ctx.points:
        nearest = min(approx_km(p.lat, p.lon, lat, lon) for lat, lon in ctx.points)
        s += 2.0 if nearest < 25 else 1.2 if nearest < 60 else 0.5 if nearest < 150 else 0.0
    if cue and cue in CUE_KINDS:
        s += 1.5 if p.kind in CUE_KINDS[cue] else 0.0
    if anchor is not None and anchor.lat is not None and p.lat is not None and p.lon is not None:
        d = approx_km(p.lat, p.lon, anchor.lat, anchor.lon)
        s += 5.0 if d < 60 else 2.0 if d < 120 else -1.0
        if anchor.admin1 and p.admin1 == anchor.admin1:
            s += 1.0
    return s


def best(candidates: Sequence[Place], ctx: Context, cue: str | None = None, anchor: Place | None = None) -> Place:
    """The highest-scoring candidate (ties: the more prominent)."""
    return max(candidates, key=lambda p: (score(p, ctx, cue, anchor), prominence(p)))


def geo_precision(p: Place, near: bool = False) -> int:
    """ACLED geo-precision: 1 the named town, 2 near it or part of a region coded to a town,
    3 a larger region coded to its centroid."""
    if p.kind in REGION_KINDS or p.kind == "road":
        return 3
    return 2 if near else 1
