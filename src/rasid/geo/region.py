"""The region model: which countries rasid codes events in, and what it knows of each.

One data file (`data/regions.yaml`, or the file `$RASID_REGIONS` names) answers every
"which countries" question: the gazetteer's country places, admin words and priors, the
recogniser's standalone threshold, where events are coded below country level, and the
ACLED export's iso/region/country columns. Adding a country is an entry in that file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasid.text.normalize import normalize_key

# Context outweighs priors; a country outside the region gets none, a covered one without
# a stated prior this much.
DEFAULT_PRIOR = 0.2
DEFAULT_STANDALONE_POPULATION = 100_000


@dataclass(frozen=True)
class AdminLevel:
    """One administrative level of a country: its English word and the Arabic words before a name."""

    level: int
    en: str
    ar: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    """A country as rasid codes it (ISO codes, ACLED region, names, and, if covered, its admin levels)."""

    id: str
    iso: str
    iso3: str
    numeric: int
    name: str
    acled_region: str
    ar: tuple[str, ...]
    lat: float
    lon: float
    covered: bool = False
    adjectives: tuple[str, ...] = ()
    prior: float = 0.0
    standalone_population: int = DEFAULT_STANDALONE_POPULATION
    transliterate: bool = False
    provinces: tuple[str, ...] = ()
    admin_levels: tuple[AdminLevel, ...] = ()

    def admin_words(self, level: int) -> tuple[str, ...]:
        """The Arabic words before a unit of `level` (محافظة for 1 in Syria, ولاية in Sudan)."""
        return next((a.ar for a in self.admin_levels if a.level == level), ())


@dataclass(frozen=True)
class Region:
    """The countries of one region file, by ISO code, covered ones first."""

    countries: dict[str, Country]
    path: str = ""
    generic_admin_words: dict[int, tuple[str, ...]] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def get(self, iso: str | None) -> Country | None:
        return self.countries.get((iso or "").upper())

    def covered(self, iso: str | None) -> bool:
        """Whether events in this country are coded below country level."""
        c = self.get(iso)
        return bool(c and c.covered)

    @property
    def covered_isos(self) -> frozenset[str]:
        return frozenset(iso for iso, c in self.countries.items() if c.covered)

    def prior(self, iso: str | None) -> float:
        c = self.get(iso)
        return c.prior if c else 0.0

    def standalone_population(self, iso: str | None) -> int:
        c = self.get(iso)
        return c.standalone_population if c and c.covered else DEFAULT_STANDALONE_POPULATION

    def transliterated(self) -> frozenset[str]:
        """Countries whose Latin-only gazetteer names are matched through the transliteration key."""
        return frozenset(iso for iso, c in self.countries.items() if c.transliterate)

    def lookup(self, name: str | None) -> Country | None:
        """A country by ISO2/ISO3 code or by English or Arabic name (any spelling the normaliser folds)."""
        if not name:
            return None
        key = name.strip()
        return self.get(key) or self.get(self._by_name.get(key.lower()) or self._by_name.get(normalize_key(key)))

    def unit_words(self, iso: str | None, level: int) -> tuple[str, ...]:
        """The Arabic words before the name of a unit of `level` in a country: the generic ones
        (محافظة، منطقة), then the country's own (ولاية in Sudan, مديرية in Yemen)."""
        c = self.get(iso)
        own = c.admin_words(level) if c else ()
        return tuple(dict.fromkeys((*self.generic_admin_words.get(level, ()), *own)))

    def admin_words(self) -> dict[str, int]:
        """Normalised Arabic admin word → the lowest level it names in any covered country."""
        out: dict[str, int] = {}
        levels = [(lv, words) for lv, words in self.generic_admin_words.items()]
        levels += [(a.level, a.ar) for c in self.countries.values() for a in c.admin_levels]
        for level, words in levels:
            for word in words:
                key = normalize_key(word)
                out[key] = min(out.get(key, level), level)
        return out


def _country(raw: dict[str, Any], covered: bool) -> Country:
    levels = tuple(
        AdminLevel(int(level), str(spec["en"]), tuple(spec.get("ar") or ()))
        for level, spec in sorted((raw.get("admin_levels") or {}).items(), key=lambda kv: int(kv[0]))
    )
    iso = str(raw["iso"]).upper()
    return Country(
        id=str(raw.get("id") or iso.lower()), iso=iso, iso3=str(raw.get("iso3") or ""),
        numeric=int(raw.get("numeric") or 0), name=str(raw["name"]), acled_region=str(raw.get("acled_region") or ""),
        ar=tuple(raw.get("ar") or ()), lat=float(raw["lat"]), lon=float(raw["lon"]), covered=covered,
        adjectives=tuple(raw.get("adjectives") or ()),
        prior=float(raw.get("prior", DEFAULT_PRIOR if covered else 0.0)),
        standalone_population=int(raw.get("standalone_population", DEFAULT_STANDALONE_POPULATION)),
        transliterate=bool(raw.get("transliterate")), provinces=tuple(raw.get("provinces") or ()),
        admin_levels=levels,
    )


def load_region(path: Path | str | None = None) -> Region:
    """Read a region file (the shipped one by default); errors name the file and the entry."""
    if path is None:
        text = resources.files("rasid.geo").joinpath("data", "regions.yaml").read_text(encoding="utf-8")
        where = "regions.yaml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    raw = yaml.safe_load(text) or {}
    countries: dict[str, Country] = {}
    for group, covered in (("covered", True), ("other", False)):
        for entry in raw.get(group) or ():
            try:
                c = _country(entry, covered)
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{where}: bad country entry {entry!r}: {exc}") from exc
            if c.iso in countries:
                raise ValueError(f"{where}: country {c.iso} listed twice")
            countries[c.iso] = c
    by_name: dict[str, str] = {}
    for c in countries.values():
        by_name.setdefault(c.name.lower(), c.iso)
        by_name.setdefault(c.iso3.lower(), c.iso)
        for n in c.ar:
            by_name.setdefault(normalize_key(n), c.iso)
    generic = {int(k): tuple(v or ()) for k, v in (raw.get("generic_admin_words") or {}).items()}
    return Region(countries, where, generic, by_name)


@cache
def _region_at(path: str) -> Region:
    return load_region(path or None)


def region() -> Region:
    """The region in use: the file `$RASID_REGIONS` names, else the shipped one (read once per file)."""
    return _region_at(os.environ.get("RASID_REGIONS", ""))


# Who's On First placetypes of admin units and the kinds rasid gives them.
ADMIN_KINDS = {"region": "governorate", "county": "district", "localadmin": "subdistrict"}
_KIND_LEVEL = {"governorate": 1, "district": 2, "subdistrict": 3}


def unit_names(kind: str, names: tuple[str, ...], iso: str | None) -> tuple[str, ...]:
    """An admin unit's names and the same with the words reports put before them in its country
    (ولاية الجزيرة, مديرية أرحب); other kinds' names as they are."""
    level = _KIND_LEVEL.get(kind)
    if level is None:
        return names
    words = region().unit_words(iso, level)
    prefixed = [f"{w} {n}" for n in names for w in words if not n.startswith(w)]
    return tuple(dict.fromkeys([*names, *prefixed]))
