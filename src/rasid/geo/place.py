"""The place record every gazetteer source is turned into.

One flat, immutable record per place keeps the index simple: sources differ in what
they know (GeoNames has population, OCHA has P-codes, the curated file has crossings
and countryside areas), but the resolver only needs what is here.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "country", "governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood",
    "camp", "crossing", "base", "airport", "oil_field", "gas_field", "facility", "dam", "mountain",
    "plain", "area", "badia", "river", "road",
)
KIND_SET = frozenset(KINDS)
# Kinds that name a region rather than a point: resolving to them is ACLED precision 3.
REGION_KINDS = frozenset({"country", "governorate", "district", "subdistrict", "area", "badia", "plain",
                          "mountain", "river"})
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp"})


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: English name, kind, point, admin chain (English names), Arabic names, and
    Latin names where a source has no Arabic ones (matched through `rasid.geo.translit`)."""

    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str | None = None
    population: int = 0
    names_ar: tuple[str, ...] = ()
    source: str = ""
    names_latin: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KIND_SET:
            raise ValueError(f"place {self.id}: unknown kind {self.kind!r}")
