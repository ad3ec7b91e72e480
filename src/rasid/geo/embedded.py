"""The embedded default gazetteer: the region model, shipped YAML and derived open data.

Works on a fresh machine with no downloads. Four layers:
- `data/regions.yaml` (via `rasid.geo.region`): the countries;
- `data/admin.yaml`: governorates/provinces, districts and their seat towns;
- `data/curated.yaml`: what reports name and gazetteers miss (crossings, bases, fields,
  dams, mountains, plains, regions, well-known towns and villages), one source per entry,
  and the centres whose countryside (ريف X الشرقي …) and badia areas are generated here;
- `data/places.tsv`, derived by `rasid.geo.build` from Who's On First and GeoNames (see
  ATTRIBUTION.md): the region's admin units and larger towns (Arabic names, or Latin ones
  where sources have no Arabic), and world cities (capitals stand for governments: طهران).
Everything is computed from those files, so `embedded_version()` (a hash of them) tells
the index when to rebuild.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasid.geo.place import KIND_SET, Place
from rasid.geo.region import region

_ARABIC = re.compile(r"[\u0600-\u06FF]")
PLACES_FILE = "places.tsv"

# The governorates a group of curated towns lies in (the nearest district seat is looked
# up among them only: nearest-seat alone errs near borders, Busra al-Sham is in Daraa).
TOWN_GROUP_GOVERNORATES = {
    "deir-ez-zor": ("Deir ez-Zor",), "raqqa": ("Raqqa",), "hasakah": ("Al-Hasakah",), "aleppo": ("Aleppo",),
    "idlib": ("Idlib",), "hama": ("Hama",), "homs": ("Homs",), "latakia": ("Latakia",),
    "damascus-rif": ("Damascus", "Rif Dimashq"), "daraa": ("Daraa",), "suwayda": ("As-Suwayda",),
    "tartus-quneitra": ("Tartus", "Quneitra"),
}
DIRECTIONS = {
    # adjective (masc., fem.), English, bearing in degrees
    "north": ("الشمالي", "الشمالية", 0),
    "east": ("الشرقي", "الشرقية", 90),
    "south": ("الجنوبي", "الجنوبية", 180),
    "west": ("الغربي", "الغربية", 270),
    "north-east": ("الشمالي الشرقي", "الشمالية الشرقية", 45),
    "north-west": ("الشمالي الغربي", "الشمالية الغربية", 315),
    "south-east": ("الجنوبي الشرقي", "الجنوبية الشرقية", 135),
    "south-west": ("الجنوبي الغربي", "الجنوبية الغربية", 225),
}


@cache
def _read(name: str) -> Any:
    """A data file, parsed once per process (the C loader when PyYAML has it)."""
    text = resources.files("rasid.geo").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def embedded_version() -> str:
    """Hash of everything the embedded layer is computed from (this module, data files,
    the region file in use, the derived towns), so the index rebuilds exactly
    when one of them changes."""
    return _embedded_version(region().path)


@cache
def _embedded_version(region_path: str) -> str:
    h = hashlib.sha1(Path(__file__).read_bytes())  # this module computes the layer: its changes count
    for name in ("admin.yaml", "curated.yaml", PLACES_FILE):
        h.update(resources.files("rasid.geo").joinpath("data", name).read_bytes())
    if region_path == "regions.yaml":
        h.update(resources.files("rasid.geo").joinpath("data", region_path).read_bytes())
    else:
        h.update(Path(region_path).read_bytes())
    return h.hexdigest()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float:
    """Great-circle distance in kilometres; infinite when a coordinate is missing."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return math.inf
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def offset(lat: float, lon: float, bearing: float, distance_km: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) on `bearing` (flat-earth; fine at these scales)."""
    rad = math.radians(bearing)
    dlat = distance_km * math.cos(rad) / 111.0
    dlon = distance_km * math.sin(rad) / (111.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def with_l(name: str) -> str:
    """`name` with the preposition ل attached (الرقة → للرقة, حمص → لحمص)."""
    return "لل" + name[2:] if name.startswith("ال") else "ل" + name


MAX_SEAT_KM = 120.0


class _AdminIndex:
    """Seats of districts by country, to give curated places and towns their admin chain."""

    def __init__(self) -> None:
        self.seats: dict[str, list[tuple[float, float, str, str | None]]] = {}
        self.by_gn: dict[tuple[str, str], str] = {}
        self.detailed: set[str] = set()  # countries whose district seats are listed

    def add_seat(self, country: str, lat: float, lon: float, admin1: str, admin2: str | None) -> None:
        self.seats.setdefault(country, []).append((lat, lon, admin1, admin2))

    def admin_of(self, country: str | None, lat: float | None, lon: float | None,
                 within: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
        """(governorate, district) of the nearest seat, among governorates `within` if given."""
        if not country or lat is None or lon is None or country not in self.seats:
            return None, None
        seats = [s for s in self.seats[country] if not within or s[2] in within] or self.seats[country]
        scale = math.cos(math.radians(lat)) ** 2  # equirectangular: enough to rank nearby seats
        best = min(seats, key=lambda s: (s[0] - lat) ** 2 + (s[1] - lon) ** 2 * scale)
        if not within and country not in self.detailed and km(lat, lon, best[0], best[1]) > MAX_SEAT_KM:
            return None, None  # only governorate seats are listed: far from all of them is unknown
        return best[2], best[3]


def _admin_places(admin: _AdminIndex) -> Iterator[Place]:
    data = _read("admin.yaml")
    world = region()
    for c in world.countries.values():
        yield Place(f"rasid:{c.id}", c.name, "country", c.lat, c.lon, country=c.iso,
                    names_ar=c.ar, source="rasid", population=10_000_000)
    detailed = {iso for iso in data["districts"] if iso != "source"}
    govs: dict[str, dict[str, Any]] = {}
    for iso, items in data["governorates"].items():
        if iso == "source":
            continue
        words = world.unit_words(iso, 1)
        for g in items:
            govs[g["id"]] = {**g, "iso": iso}
            # "*": the bare name is also a common word (وان، معان، العقبة): only "محافظة X" names it.
            # Where districts are listed, the bare name is the capital (a district seat), unless `bare`.
            ar = [n.rstrip("*") for n in g["ar"]]
            names = [f"{w} {n}" for n in ar for w in words]
            if g.get("bare") or iso not in detailed:
                names += [n for n in g["ar"] if not n.endswith("*")]
            if g.get("gn"):
                admin.by_gn[(iso, g["gn"])] = g["name"]
            yield Place(f"rasid:gov-{iso.lower()}-{g['id']}", g["name"], "governorate", g["lat"], g["lon"],
                        admin1=g["name"], country=iso, names_ar=tuple(dict.fromkeys(names)), source="rasid",
                        population=1_000_000)
            if iso not in detailed:
                admin.add_seat(iso, g["lat"], g["lon"], g["name"], None)
    for iso, by_gov in data["districts"].items():
        if iso == "source":
            continue
        words = world.unit_words(iso, 2)
        admin.detailed.add(iso)
        for gov_id, items in by_gov.items():
            gov = govs[gov_id]
            for d in items:
                district = d.get("district", d["name"])
                d_names = [f"{w} {n}" for n in _names(d["ar"]) for w in words] + d.get("district_ar", [])
                yield Place(f"rasid:dist-{iso.lower()}-{slug(district)}", district, "district", d["lat"], d["lon"],
                            admin1=gov["name"], admin2=district, country=iso,
                            names_ar=tuple(dict.fromkeys(d_names)), source="rasid", population=d.get("pop", 0))
                admin.add_seat(iso, d["lat"], d["lon"], gov["name"], district)
                if d.get("seatless"):
                    continue
                pop = d.get("pop", 0)
                kind = d.get("kind") or ("city" if pop >= 100_000 else "town")
                yield Place(f"rasid:{iso.lower()}-{slug(d['name'])}", d["name"], kind, d["lat"], d["lon"],
                            admin1=gov["name"], admin2=district, country=iso, population=pop,
                            names_ar=_names(d["ar"]), source="rasid")


def _names(names: list[str]) -> tuple[str, ...]:
    """Arabic names without the "needs a cue" marker (see `cue_names`)."""
    return tuple(n.rstrip("*").strip() for n in names)


def _curated_places(admin: _AdminIndex) -> Iterator[Place]:
    data = _read("curated.yaml")
    for group, items in data.items():
        if group == "centres":
            continue
        if group == "towns":
            world = region()
            for group_name, gov_items in items.items():
                found = world.lookup(group_name)  # a group named after a country (iraq), else Syria's
                country = found.iso if found else "SY"
                within = TOWN_GROUP_GOVERNORATES.get(group_name, ())
                for name, ar, lat, lon, kind, *rest in gov_items:
                    # [.., wp, ISO]: a trailing two-letter code overrides the group's country
                    cc = rest[-1] if len(rest) > 1 and re.fullmatch(r"[A-Z]{2}", str(rest[-1])) else country
                    a1, a2 = admin.admin_of(cc, lat, lon, within)
                    yield Place(f"rasid:{slug(name)}", name, kind, lat, lon, admin1=a1, admin2=a2,
                                country=cc, names_ar=_names(ar), source="rasid")
            continue
        for e in items:
            kind = e.get("kind") or group.rstrip("s")
            if kind not in KIND_SET:
                raise ValueError(f"curated.yaml: {e.get('id')}: unknown kind {kind!r}")
            if not (e.get("wp") or e.get("src")):
                raise ValueError(f"curated.yaml: {e.get('id')}: no source")
            country = e.get("cc", "SY")
            within = (e["admin1"],) if e.get("admin1") else ()
            a1, a2 = admin.admin_of(country, e.get("lat"), e.get("lon"), within)
            yield Place(f"rasid:{e['id']}", e["name"], kind, e.get("lat"), e.get("lon"),
                        admin1=e.get("admin1", a1), admin2=e.get("admin2", a2), country=country,
                        population=e.get("pop", 0), names_ar=_names(e["ar"]), source="rasid")
    yield from _countryside(data.get("centres") or [], admin)


@cache
def cue_names() -> frozenset[str]:
    """Curated names that are also common words or people's names (marked `*` or `cue: true`):
    the recogniser accepts them only with a supporting cue."""
    from rasid.text.normalize import normalize_key

    data = _read("curated.yaml")
    out: set[str] = set()
    for by_gov in _read("admin.yaml")["districts"].values():
        for items in by_gov.values() if isinstance(by_gov, dict) else ():
            out.update(normalize_key(n.rstrip("*")) for d in items for n in d["ar"] if n.endswith("*"))
    for group, items in data.items():
        if group == "centres":
            continue
        entries = [{"ar": row[1]} for rows in items.values() for row in rows] if group == "towns" else items
        for e in entries:
            for n in e["ar"]:
                if n.endswith("*") or e.get("cue"):
                    out.add(normalize_key(n.rstrip("*")))
    return frozenset(out)


def _countryside(centres: list[dict[str, Any]], admin: _AdminIndex) -> Iterator[Place]:
    """ريف/بادية areas around each centre, in the spellings reports use, with centroids."""
    for c in centres:
        country = c.get("cc", "SY")
        a1, a2 = admin.admin_of(country, c["lat"], c["lon"])
        a1 = c.get("admin1", a1)
        base = c["id"]
        dist = c.get("km", 30)
        for ar in c["ar"]:
            if not _ARABIC.search(ar):
                raise ValueError(f"curated.yaml centre {base}: bad name {ar!r}")
        names = c["ar"]
        heads = [(n, "") for n in names] + [(n, "محافظة ") for n in names if c.get("governorate")] + \
                [(n, "مدينة ") for n in names if not c.get("governorate")]
        plain = {f"ريف {p}{n}" for n, p in heads} | {f"ريفي {p}{n}" for n, p in heads} | {f"أرياف {n}" for n in names}
        yield Place(f"rasid:area-{base}", f"{c['name']} countryside", "area", c["lat"], c["lon"], admin1=a1,
                    admin2=None if c.get("governorate") else a2, country=country, names_ar=tuple(sorted(plain)),
                    source="rasid")
        badia = {f"بادية {p}{n}" for n, p in heads}
        blat, blon = c.get("badia") or (c["lat"], c["lon"])
        yield Place(f"rasid:badia-{base}", f"{c['name']} Badia", "badia", blat, blon,
                    admin1=a1, country=country, names_ar=tuple(sorted(badia)), source="rasid")
        overrides = c.get("dirs") or {}
        for key, (masc, fem, bearing) in DIRECTIONS.items():
            # A town's countryside hugs the town: reports that say "ريف X الشمالي" often mean
            # villages a few kilometres out, and X itself is the usual reference point.
            reach = dist if c.get("governorate") else min(8.0, dist * 0.5)
            lat, lon = overrides.get(key) or offset(c["lat"], c["lon"], bearing, reach * (0.8 if "-" in key else 1))
            rural = set()
            for n, p in heads:
                rural |= {f"ريف {p}{n} {masc}", f"ريفي {p}{n} {masc}", f"الريف {masc} {with_l(p + n)}"}
            yield Place(f"rasid:area-{base}-{key}", f"{key.replace('-', ' ')}ern {c['name']} countryside",
                        "area", lat, lon, admin1=a1, country=country, names_ar=tuple(sorted(rural)), source="rasid")
            desert = set()
            for n, p in heads:
                desert |= {f"بادية {p}{n} {fem}", f"البادية {fem} {with_l(p + n)}"}
            blat, blon = overrides.get(f"badia-{key}") or offset(c["lat"], c["lon"], bearing, dist * 1.5)
            yield Place(f"rasid:badia-{base}-{key}", f"{key.replace('-', ' ')}ern {c['name']} Badia", "badia",
                        blat, blon, admin1=a1, country=country, names_ar=tuple(sorted(desert)), source="rasid")


def _derived_places() -> Iterator[Place]:
    """The region's admin units and larger towns derived from open data (`rasid.geo.build`)."""
    from rasid.geo.build import read_places

    with resources.files("rasid.geo").joinpath("data", PLACES_FILE).open(encoding="utf-8") as f:
        yield from read_places(f)


def embedded_places() -> tuple[Place, ...]:
    """Every place of the embedded default (admin units first, then curated, then towns);
    computed once per process and region file."""
    return _embedded_places(region().path)


@cache
def _embedded_places(region_path: str) -> tuple[Place, ...]:
    admin = _AdminIndex()
    places = list(_admin_places(admin))
    places += _curated_places(admin)
    places += _derived_places()
    seen: dict[str, Place] = {}
    for p in places:
        if p.id in seen:
            raise ValueError(f"embedded gazetteer: duplicate id {p.id}")
        seen[p.id] = p
    return tuple(places)


@cache
def _admin_index() -> _AdminIndex:
    admin = _AdminIndex()
    for _ in _admin_places(admin):
        pass
    return admin


def point_admin(country: str | None, lat: float, lon: float) -> tuple[str | None, str | None]:
    """(governorate, district) of the nearest district seat in `country`: a fallback admin
    chain for sources that give none."""
    return _admin_index().admin_of(country, lat, lon)


def gn_admin1(country: str, code: str) -> str | None:
    """rasid's governorate name for a GeoNames admin1 code (Syria and Iraq)."""
    return _admin_index().by_gn.get((country, code))


# Spellings other sources use for governorates (OCHA, WOF, GeoNames ASCII).
_GOV_ALIASES = {
    "Deir ez-Zor": ("Deir-ez-Zor", "Dayr az Zawr", "Deir Ezzor"), "Al-Hasakah": ("Al-Hasakeh", "Hasakah", "Al Hasakah"),
    "Raqqa": ("Ar-Raqqa", "Ar Raqqah", "Al-Raqqa"), "Daraa": ("Dar'a", "Dar`a", "Dara"),
    "As-Suwayda": ("As-Sweida", "As Suwayda'", "Sweida", "Suwayda"), "Latakia": ("Lattakia", "Al Ladhiqiyah"),
    "Idlib": ("Idleb",), "Rif Dimashq": ("Rural Damascus", "Rif-Dimashq", "Damascus Countryside"),
    "Tartus": ("Tartous", "Tartouss"), "Hama": ("Hamah", "Hamā"), "Homs": ("Hims",), "Quneitra": ("Al Qunaytirah",),
    "Damascus": ("Dimashq",), "Aleppo": ("Halab",), "Salah al-Din": ("Sala ad-Din", "Salah ad Din", "Saladin"),
    "Nineveh": ("Ninawa", "Ninewa", "Nineveh Governorate"), "Erbil": ("Arbil", "Irbil"), "Duhok": ("Dihok", "Dohuk"),
    "Al Muthanna": ("Al-Muthannia", "Muthanna"), "Karbala": ("Karbala'", "Kerbala"), "Najaf": ("An-Najaf", "An Najaf"),
    "Basra": ("Al-Basrah", "Basrah", "Al Basrah"), "Sulaymaniyah": ("As-Sulaymaniyah", "Sulaimaniya"),
    "Dhi Qar": ("Dhi-Qar", "Thi-Qar"), "Al-Qadisiyyah": ("Al-Qadisiyah", "Qadisiyah", "Diwaniya"),
    "Al Anbar": ("Al-Anbar", "Anbar"), "Diyala": ("Diyala Governorate",), "Wasit": ("Wassit",),
    "Maysan": ("Missan",), "Babil": ("Babylon",), "Baghdad": ("Baghdad Governorate",), "Kirkuk": ("Tameem", "At-Ta'mim"),
}


@cache
def admin_lookup() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    """Name maps onto rasid's admin names: normalised governorate name (Arabic or Latin) →
    (ISO country, governorate), and (governorate, normalised district name) → district."""
    from rasid.text.normalize import normalize_key

    data = _read("admin.yaml")
    gov: dict[str, tuple[str, str]] = {}
    by_id: dict[str, str] = {}
    for iso, items in data["governorates"].items():
        if iso == "source":
            continue
        words = region().unit_words(iso, 1)
        for g in items:
            by_id[g["id"]] = g["name"]
            for n in [*(a.rstrip("*") for a in g["ar"]), g["name"], *_GOV_ALIASES.get(g["name"], ())]:
                gov.setdefault(normalize_key(n), (iso, g["name"]))
                for w in words:
                    gov.setdefault(normalize_key(f"{w} {n}"), (iso, g["name"]))
    dist: dict[tuple[str, str], str] = {}
    for iso, by_gov in data["districts"].items():
        if iso == "source":
            continue
        words = tuple(normalize_key(w) + " " for w in region().unit_words(iso, 2))
        for gov_id, items in by_gov.items():
            a1 = by_id[gov_id]
            for d in items:
                name = d.get("district", d["name"])
                for n in [*d["ar"], *d.get("district_ar", []), d["name"], name]:
                    key = normalize_key(n.rstrip("*"))
                    key = next((key[len(w):] for w in words if key.startswith(w)), key)
                    dist.setdefault((a1, key), name)
    return gov, dist
