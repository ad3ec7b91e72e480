"""Importing fuller gazetteers the user downloads into the index under RASID_HOME.

Formats (detected from the file's header or shape; `--format` overrides):
- `shared-localities`, `shared-admin`, `shared-combined`, `shared-neighbourhoods`,
  `shared-syrianarchive`: the TSVs of `../shared/gazetteer/` (see its SOURCES.md);
- `geonames`: GeoNames dumps (`SY.txt`, `allCountries.txt`, or their `.zip`);
  `geonames-alternates`: `alternateNamesV2.txt` (Arabic names are added to GeoNames places);
  `geonames-admin`: `admin1CodesASCII.txt` / `admin2Codes.txt` (admin names for the dumps);
- `wof`: Who's On First GeoJSON (one feature, a FeatureCollection, or a directory of them)
  and WOF SQLite distributions (`*.db`);
- `pcodes`: OCHA/HDX P-code tables (CSV, TSV or .xlsx with admN name/P-code columns).

Every place gets a stable id from its source (wof:…, gn:…, osy:…, ocha:…, sa:…) and is
upserted by id, so importing a file again changes nothing, and importing the combined
file next to its parts adds no duplicates. Admin names are mapped onto rasid's own
governorate and district names (by Arabic name), so that context matching works
across sources.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from rasid.geo.embedded import admin_lookup
from rasid.geo.place import Place
from rasid.geo.region import ADMIN_KINDS, region, unit_names
from rasid.geo.store import PLACE_COLUMNS, Gazetteer, connect, index_path, place_from_row, upsert_places
from rasid.text.normalize import normalize_key

_ARABIC = re.compile(r"[\u0600-\u06FF]")
csv.field_size_limit(1 << 24)

FORMATS = ("shared-localities", "shared-admin", "shared-combined", "shared-neighbourhoods", "shared-syrianarchive",
           "geonames", "geonames-alternates", "geonames-admin", "wof", "pcodes")


class ImportFormatError(ValueError):
    """The file's format could not be recognised (or is not the one asked for)."""


@dataclass(frozen=True)
class ImportResult:
    """What one file did to the index."""

    path: str
    format: str
    rows: int
    written: int
    unchanged: int
    skipped_file: bool = False


# ---------------------------------------------------------------- reading helpers


def _open_text(path: Path) -> IO[str]:
    """A text stream of the file, or of the single data file inside a GeoNames .zip."""
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not names:
            raise ImportFormatError(f"{path}: no .txt inside the zip")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8")
    return path.open(encoding="utf-8", newline="")


def _first_line(path: Path) -> str:
    with _open_text(path) as f:
        return f.readline()


def _tsv(f: IO[str]) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _float(value: Any) -> float | None:
    try:
        return round(float(value), 6) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int:
    try:
        return int(float(value)) if value not in (None, "") else 0
    except (TypeError, ValueError):
        return 0


def _arabic(names: Iterable[str]) -> tuple[str, ...]:
    """Arabic-script names, deduplicated, in order."""
    out: dict[str, None] = {}
    for n in names:
        n = n.strip()
        if n and _ARABIC.search(n):
            out.setdefault(n, None)
    return tuple(out)


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def detect_format(path: Path) -> str:
    """Guess a file's format from its name and first line (see module docstring)."""
    if path.is_dir() or path.suffix.lower() in (".geojson", ".json", ".db", ".sqlite"):
        return "wof"
    if path.suffix.lower() == ".xlsx":
        header = next(_xlsx_rows(path), [])
        if any("pcode" in (h or "").lower() for h in header):
            return "pcodes"
        raise ImportFormatError(f"{path}: a workbook without P-code columns")
    head = _first_line(path).rstrip("\r\n")
    cols = head.split("\t") if "\t" in head else head.split(",")
    lower = [c.strip().lower() for c in cols]
    name = path.name.lower()
    if "alternatename" in name:
        return "geonames-alternates"
    if name.startswith(("admin1codes", "admin2codes")):
        return "geonames-admin"
    if "wof_id" in lower and "names_ar" in lower:
        return "shared-localities"
    if lower[:3] == ["level", "id", "pcode"]:
        return "shared-admin"
    if lower[:3] == ["source", "source_id", "place_type"]:
        return "shared-combined"
    if "community_pcode" in lower:
        return "shared-neighbourhoods"
    if lower[:4] == ["id", "name_en", "name_ar", "region"]:
        return "shared-syrianarchive"
    if any("pcode" in c for c in lower):
        return "pcodes"
    if len(cols) >= 19 and cols[0].isdigit():
        return "geonames"
    raise ImportFormatError(f"{path}: unknown gazetteer format (first line: {head[:80]!r})")


# ---------------------------------------------------------------- admin names


class AdminNames:
    """Maps a source's governorate/district names (Arabic preferred) onto rasid's names."""

    def __init__(self) -> None:
        self.gov, self.dist = admin_lookup()

    def admin1(self, ar: str | None, en: str | None) -> tuple[str | None, str | None]:
        """(rasid governorate name, ISO country) for a source's governorate."""
        for name in (ar, en):
            if name:
                hit = self.gov.get(normalize_key(name))
                if hit:
                    return hit[1], hit[0]
        return (en or None), None

    def admin2(self, admin1: str | None, ar: str | None, en: str | None) -> str | None:
        for name in (ar, en):
            if name:
                hit = self.dist.get((admin1, normalize_key(name)))
                if hit:
                    return hit
        return en or None


def _settlement_kind(feature_code: str, population: int, placetype: str = "") -> str:
    if placetype in ("neighbourhood", "microhood", "macrohood") or feature_code in ("PPLX",):
        return "neighbourhood"
    if placetype == "campus":
        return "facility"
    if feature_code in ("PPLC", "PPLA") or population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


# ---------------------------------------------------------------- shared TSVs


def _locality(row: dict[str, str], admin: AdminNames, default_country: str | None) -> Place | None:
    names = _arabic(_split(row.get("names_ar")) or [row.get("name_ar", "")])
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if not names or lat is None or lon is None:
        return None
    a1, country = admin.admin1(row.get("adm1_ar"), row.get("adm1_en"))
    pcode = row.get("adm1_pcode") or ""
    country = default_country or country or (pcode[:2] if pcode[:2].isalpha() else None)
    a2 = admin.admin2(a1, row.get("adm2_ar"), row.get("adm2_en"))
    pop = _int(row.get("population"))
    placetype = row.get("placetype", "")
    kind = ADMIN_KINDS.get(placetype) or _settlement_kind(row.get("feature_code", ""), pop, placetype)
    if kind == "governorate":
        a1, a2 = a1 or row.get("name_en"), None  # a region row is its own admin1
    return Place(f"wof:{row.get('wof_id') or row.get('source_id')}", row.get("name_en") or names[0], kind, lat, lon,
                 a1, a2, None, country, pop, unit_names(kind, names, country), "wof")


_LEVEL_KIND = {"1": "governorate", "2": "district", "3": "subdistrict"}
_LEVEL_PREFIX = {"1": ("محافظة",), "2": ("منطقة",), "3": ("ناحية",)}


def _admin_unit(row: dict[str, str], admin: AdminNames, names_by_pcode: dict[str, tuple[str, str]]) -> Place | None:
    level = row["level"]
    names = _arabic([row.get("name_ar", "")] + _split(row.get("aliases_ar")))
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if not names or level not in _LEVEL_KIND:
        return None
    prefixed = [f"{p} {n}" for n in names for p in _LEVEL_PREFIX[level] if not n.startswith(p)]
    gov_ar, gov_en = names_by_pcode.get(row.get("adm1_pcode", ""), ("", ""))
    a1, country = admin.admin1(gov_ar, gov_en)
    a2 = None
    if level == "2":
        a2 = admin.admin2(a1, row.get("name_ar"), row.get("name_en"))
    elif level == "3":
        d_ar, d_en = names_by_pcode.get(row.get("parent_pcode", ""), ("", ""))
        a2 = admin.admin2(a1, d_ar, d_en)
    a3 = row.get("name_en") if level == "3" else None
    name = a1 if level == "1" and a1 else row.get("name_en") or names[0]
    return Place(f"osy:{row['pcode']}", name, _LEVEL_KIND[level], lat, lon, a1, a2, a3, country or "SY",
                 _int(row.get("population")), _arabic(list(names) + prefixed), "opensyria_admin")


def _neighbourhood(row: dict[str, str], admin: AdminNames, source_id: str) -> Place | None:
    names = _arabic(_split(row.get("names_ar")) or [row.get("name_ar", "")])
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if not names or lat is None or lon is None:
        return None
    names = _arabic(list(names) + [f"حي {n}" for n in names if not n.startswith("حي ")])
    return Place(f"ocha:{source_id}", row.get("name_en") or names[0], "neighbourhood", lat, lon, "Aleppo",
                 "Mount Simeon", None, "SY", 0, names, "ocha")


_SA_KINDS = (("حي", "neighbourhood"), ("دوار", "facility"), ("مشفى", "facility"), ("مستشفى", "facility"),
             ("سجن", "facility"), ("فرع", "facility"), ("جامع", "facility"), ("مسجد", "facility"),
             ("مدرسة", "facility"), ("مخيم", "camp"), ("مطار", "airport"), ("ساحة", "neighbourhood"),
             ("جسر", "facility"), ("كلية", "facility"), ("جامعة", "facility"), ("معبر", "crossing"))


def _archive_location(row: dict[str, str], admin: AdminNames, point_admin: Callable[..., Any],
                      source_id: str) -> Place | None:
    names = _arabic(_split(row.get("names_ar")) or [row.get("name_ar", "")])
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if not names or lat is None or lon is None:
        return None
    kind = next((k for prefix, k in _SA_KINDS if names[0].startswith(prefix)), "village")
    a1, a2 = point_admin("SY", lat, lon)
    return Place(f"sa:{source_id}", row.get("name_en") or names[0], kind, lat, lon, a1, a2, None, "SY", 0, names,
                 "syrianarchive")


def file_country(path: Path) -> str | None:
    """The country a shared file is about, from its name's first word (`ye_localities_wof.tsv`,
    `iraq_localities_wof.tsv`), when the region model knows it."""
    found = region().lookup(re.split(r"[_\-.]", path.name, maxsplit=1)[0])
    return found.iso if found else None


def _shared_rows(fmt: str, f: IO[str], path: Path) -> Iterator[Place | None]:
    from rasid.geo.embedded import point_admin

    admin = AdminNames()
    rows = _tsv(f)
    default_country = file_country(path)
    if fmt == "shared-localities":
        for row in rows:
            yield _locality(row, admin, default_country)
    elif fmt == "shared-admin":
        table = list(rows)
        by_pcode = {r["pcode"]: (r.get("name_ar", ""), r.get("name_en", "")) for r in table}
        for row in table:
            yield _admin_unit(row, admin, by_pcode)
    elif fmt == "shared-neighbourhoods":
        for row in rows:
            yield _neighbourhood(row, admin, row["pcode"])
    elif fmt == "shared-syrianarchive":
        for row in rows:
            yield _archive_location(row, admin, point_admin, row["id"])
    elif fmt == "shared-combined":
        table = list(rows)
        by_pcode = {r["pcode"]: (r.get("name_ar", ""), r.get("name_en", "")) for r in table
                    if r["source"] == "opensyria_admin"}
        levels = {"governorate": "1", "district": "2", "subdistrict": "3"}
        for row in table:
            src = row["source"]
            if src == "wof_admin_sy":
                yield _locality({**row, "wof_id": row["source_id"], "placetype": row["place_type"]}, admin, "SY")
            elif src == "opensyria_admin":
                parent = row.get("adm2_pcode") if row["place_type"] == "subdistrict" else row.get("adm1_pcode")
                unit = {**row, "level": levels.get(row["place_type"], ""), "aliases_ar": row.get("names_ar", ""),
                        "parent_pcode": parent or ""}
                yield _admin_unit(unit, admin, by_pcode)
            elif src == "ocha_city_neighbourhoods_aleppo":
                yield _neighbourhood(row, admin, row["source_id"])
            elif src == "syrianarchive_locations":
                yield _archive_location(row, admin, point_admin, row["source_id"])


# ---------------------------------------------------------------- GeoNames


_GN_KINDS = {
    "PPLX": "neighbourhood", "ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict", "PCLI": "country",
    "AIRB": "airport", "AIRP": "airport", "AIRF": "airport", "AIRH": "airport", "INSM": "base", "DAM": "dam",
    "DAMSB": "dam", "STM": "river", "STMI": "river", "WAD": "river", "MT": "mountain", "MTS": "mountain",
    "HLL": "mountain", "HLLS": "mountain", "PK": "mountain", "RDGE": "mountain", "PLN": "plain", "PLAT": "plain",
    "OILF": "oil_field", "GASF": "gas_field", "OILW": "oil_field", "PSTB": "crossing", "PSTC": "crossing",
    "CMPRF": "camp", "CMP": "camp", "AREA": "area", "RGN": "area", "DSRT": "badia", "RD": "road", "BDG": "facility",
    "PRN": "facility", "HSP": "facility", "OILR": "facility", "PS": "facility", "PSN": "facility",
}


def _geonames_rows(f: IO[str], conn: Any) -> Iterator[Place | None]:
    from rasid.geo.embedded import gn_admin1, point_admin

    codes = dict(conn.execute("SELECT code, name FROM admin_code").fetchall())
    alts: dict[str, list[str]] = {}
    for gid, name in conn.execute("SELECT geonameid, name FROM alt_name"):
        alts.setdefault(gid, []).append(name)
    admin = AdminNames()
    for line in f:
        c = line.rstrip("\n").split("\t")
        if len(c) < 19:
            continue
        fclass, fcode, cc = c[6], c[7], c[8]
        kind = _GN_KINDS.get(fcode)
        pop = _int(c[14])
        if fclass == "P":
            kind = kind or _settlement_kind(fcode, pop)
        if kind is None:
            continue
        names = _arabic(c[3].split(",") + alts.get(c[0], []))
        if not names:
            continue
        a1 = gn_admin1(cc, c[10]) or codes.get(f"{cc}.{c[10]}")
        a1 = admin.admin1(None, a1)[0] if a1 else None
        a2 = codes.get(f"{cc}.{c[10]}.{c[11]}") or None
        lat, lon = _float(c[4]), _float(c[5])
        if a1 is None and lat is not None and lon is not None:
            a1, a2 = point_admin(cc, lat, lon)
        yield Place(f"gn:{c[0]}", c[1], kind, lat, lon, a1, a2, None, cc, pop, names, "geonames")


def _geonames_admin(f: IO[str], conn: Any) -> int:
    rows = [(c[0], c[1]) for c in (line.rstrip("\n").split("\t") for line in f) if len(c) >= 2]
    conn.executemany("INSERT OR REPLACE INTO admin_code VALUES (?, ?)", rows)
    return len(rows)


def _geonames_alternates(f: IO[str], conn: Any) -> tuple[int, int]:
    """Store Arabic alternate names; add them to GeoNames places already in the index."""
    rows: list[tuple[str, str]] = []
    for line in f:
        c = line.rstrip("\n").split("\t")
        if len(c) >= 4 and (c[2] == "ar" or (c[2] in ("", "fa", "ur", "ku", "ckb") and _ARABIC.search(c[3]))):
            if c[2] in ("fa", "ur"):
                continue
            rows.append((c[1], c[3]))
    conn.executemany("INSERT OR IGNORE INTO alt_name VALUES (?, ?)", rows)
    by_place: dict[str, list[str]] = {}
    for gid, name in rows:
        by_place.setdefault(gid, []).append(name)
    updated: list[Place] = []
    for gid, names in by_place.items():
        row = conn.execute(f"SELECT {PLACE_COLUMNS} FROM place WHERE id = ?", (f"gn:{gid}",)).fetchone()
        if row:
            p = place_from_row(row)
            merged = _arabic(list(p.names_ar) + names)
            if merged != p.names_ar:
                updated.append(replace(p, names_ar=merged))
    written, _ = upsert_places(conn, updated)
    return len(rows), written


# ---------------------------------------------------------------- Who's On First


_WOF_KINDS = {"country": "country", "region": "governorate", "county": "district", "localadmin": "subdistrict",
              "locality": "town", "neighbourhood": "neighbourhood", "microhood": "neighbourhood",
              "macrohood": "neighbourhood", "campus": "facility", "borough": "neighbourhood"}


def _centroid(geometry: dict[str, Any] | None) -> tuple[float | None, float | None]:
    if not geometry:
        return None, None
    coords: list[list[float]] = []

    def walk(x: Any) -> None:
        if isinstance(x, list) and x and isinstance(x[0], (int, float)):
            coords.append(x)
        elif isinstance(x, list):
            for y in x:
                walk(y)

    walk(geometry.get("coordinates"))
    if not coords:
        return None, None
    return (round(sum(c[1] for c in coords) / len(coords), 6), round(sum(c[0] for c in coords) / len(coords), 6))


def _wof_features(path: Path) -> Iterator[dict[str, Any]]:
    """Features of a WOF GeoJSON file, a directory of them (a WOF repository or bundle), or a
    WOF SQLite distribution (its `geojson` table)."""
    if path.suffix.lower() in (".db", ".sqlite"):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            for (body,) in conn.execute("SELECT body FROM geojson"):
                yield json.loads(body)
        return
    files = sorted(path.rglob("*.geojson")) if path.is_dir() else [path]
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("type") == "FeatureCollection":
            yield from data.get("features") or []
        elif data.get("type") == "Feature":
            yield data


def _wof_rows(path: Path) -> Iterator[Place | None]:
    from rasid.geo.embedded import point_admin

    admin = AdminNames()
    for feat in _wof_features(path):
        props = feat.get("properties") or {}
        if "wof:id" in props:
            if props.get("mz:is_current") == 0 or props.get("wof:superseded_by"):
                continue
            names = _arabic(list(props.get("name:ara_x_preferred") or []) + list(props.get("name:ara_x_variant") or []))
            kind = _WOF_KINDS.get(props.get("wof:placetype", ""))
            if not names or not kind:
                yield None
                continue
            lat, lon = _float(props.get("geom:latitude")), _float(props.get("geom:longitude"))
            if lat is None:
                lat, lon = _centroid(feat.get("geometry"))
            cc = props.get("wof:country") or props.get("iso:country")
            pop = _int(props.get("gn:population") or props.get("wof:population"))
            if kind == "town":
                kind = _settlement_kind("", pop)
            a1, a2 = point_admin(cc, lat, lon) if lat is not None else (None, None)
            if kind == "governorate":
                a1 = admin.admin1(names[0], props.get("wof:name"))[0]
            yield Place(f"wof:{props['wof:id']}", props.get("wof:name") or names[0], kind, lat, lon, a1, a2, None,
                        cc, pop, names, "wof")
        else:  # the shared boundaries file: name_ar/name_en/level/pcode
            names = _arabic([props.get("name_ar") or ""])
            level = str(props.get("level", ""))
            if not names or level not in ("1", "2"):
                yield None
                continue
            lat, lon = _centroid(feat.get("geometry"))
            prefixed = _arabic([f"{_LEVEL_PREFIX[level][0]} {n}" for n in names])
            a1, cc = admin.admin1(names[0] if level == "1" else None, props.get("name_en") if level == "1" else None)
            if level == "2" and lat is not None:
                a1, _ = point_admin("SY", lat, lon)
                cc = "SY"
            yield Place(f"wof:{props.get('wof_id') or props.get('pcode')}", props.get("name_en") or names[0],
                        _LEVEL_KIND[level], lat, lon, a1, props.get("name_en") if level == "2" else None, None,
                        cc or "SY", 0, prefixed, "wof")


# ---------------------------------------------------------------- OCHA / HDX P-codes


def _table_rows(path: Path) -> tuple[list[str], Iterator[dict[str, str]]]:
    """Header and rows of a CSV/TSV table or of the first sheet of an .xlsx workbook."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
        header = [h or "" for h in next(rows, [])]
        return header, (dict(zip(header, r, strict=False)) for r in rows)
    with _open_text(path) as f:  # P-code tables are small: read whole, close the file
        first = f.readline()
        f.seek(0)
        reader = csv.DictReader(f, delimiter="\t" if "\t" in first else ",")
        rows = list(reader)
        return list(reader.fieldnames or []), iter(rows)


_XL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    """Cell values of the first worksheet, row by row (stdlib only: HDX ships P-codes as .xlsx)."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as zf:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in zf.namelist():
            root = ET.fromstring(zf.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{_XL}t")) for si in root.iter(f"{_XL}si")]
        sheet = sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))[0]
        root = ET.fromstring(zf.read(sheet))
    for row in root.iter(f"{_XL}row"):
        values: dict[int, str] = {}
        for cell in row.iter(f"{_XL}c"):
            ref = re.match(r"[A-Z]+", cell.get("r", "A"))
            col = 0
            for ch in ref.group(0) if ref else "A":
                col = col * 26 + ord(ch) - 64
            v = cell.find(f"{_XL}v")
            text = v.text if v is not None else "".join(t.text or "" for t in cell.iter(f"{_XL}t"))
            values[col - 1] = shared[int(text)] if cell.get("t") == "s" and text is not None else (text or "")
        yield [values.get(i, "") for i in range(max(values) + 1)] if values else []


def _pcode_rows(path: Path) -> Iterator[Place | None]:
    admin = AdminNames()
    fields, reader = _table_rows(path)
    low = {h.lower().replace(" ", "").replace("-", "_"): h for h in fields}

    def col(*patterns: str) -> str | None:
        for pat in patterns:
            for key, orig in low.items():
                if re.fullmatch(pat, key):
                    return orig
        return None

    levels = {}
    for n in range(5):
        en = col(rf"adm(in)?{n}_?(name)?_?en", rf"adm(in)?{n}_?name", rf"adm(in)?{n}_?ref_?name")
        ar = col(rf"adm(in)?{n}_?(name)?_?ar")
        pc = col(rf"adm(in)?{n}_?p_?code")
        if en or ar:
            levels[n] = (en, ar, pc)
    lat_c = col(r"lat(itude)?(_y)?", r"y", r"latitude_y")
    lon_c = col(r"lon(g|gitude)?(_x)?", r"x", r"longitude_x")
    if not levels:
        raise ImportFormatError("P-code table without admN name columns")
    deepest = max(levels)
    kind = {0: "country", 1: "governorate", 2: "district", 3: "subdistrict", 4: "village"}[deepest]
    for row in reader:
        en_c, ar_c, pc_c = levels[deepest]
        names = _arabic([row.get(ar_c or "", "") or ""])
        if not names:
            yield None
            continue
        pcode = (row.get(pc_c or "", "") or "").strip()
        g = levels.get(1, (None, None, None))
        a1, cc = admin.admin1(row.get(g[1] or "", None), row.get(g[0] or "", None))
        d = levels.get(2, (None, None, None))
        a2 = admin.admin2(a1, row.get(d[1] or "", None), row.get(d[0] or "", None)) if 2 in levels else None
        s = levels.get(3, (None, None, None))
        a3 = row.get(s[0] or "", None) if 3 in levels else None
        if kind in _LEVEL_PREFIX_KIND:
            names = _arabic(list(names) + [f"{_LEVEL_PREFIX_KIND[kind]} {n}" for n in names])
        yield Place(f"ocha:{pcode or normalize_key(names[0])}", row.get(en_c or "", "") or names[0], kind,
                    _float(row.get(lat_c or "", None)), _float(row.get(lon_c or "", None)), a1, a2, a3,
                    cc or (pcode[:2] if pcode[:2].isalpha() else None), 0, names, "ocha")


_LEVEL_PREFIX_KIND = {"governorate": "محافظة", "district": "منطقة", "subdistrict": "ناحية"}


# ---------------------------------------------------------------- driver


def _sha1(path: Path) -> str:
    h = hashlib.sha1()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        with file.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


_ORDER = {"geonames-admin": 0, "geonames-alternates": 1, "geonames": 2}


def import_files(paths: Iterable[Path], fmt: str | None = None, home: Path | None = None,
                 progress: bool = True, force: bool = False) -> list[ImportResult]:
    """Import gazetteer files into the index (created with the embedded default if missing).

    A file whose content was imported before is skipped (unless `force`); rows are upserted
    by id either way, so a repeat changes nothing.
    """
    path = index_path(home)
    Gazetteer.open(path)  # make sure the index and its embedded default exist
    jobs = sorted(((Path(p), fmt or detect_format(Path(p))) for p in paths), key=lambda j: _ORDER.get(j[1], 3))
    results = []
    bar_ctx: Any = nullcontext(None)
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar_ctx = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                           transient=False)
    with bar_ctx as bar, connect(path) as conn:
        conn.executescript("CREATE TABLE IF NOT EXISTS admin_code (code TEXT PRIMARY KEY, name TEXT);"
                           "CREATE TABLE IF NOT EXISTS alt_name (geonameid TEXT, name TEXT, "
                           "PRIMARY KEY (geonameid, name)) WITHOUT ROWID;")
        for file, kind in jobs:
            if kind not in FORMATS:
                raise ImportFormatError(f"{file}: unknown format {kind!r} (one of {', '.join(FORMATS)})")
            digest = _sha1(file)
            if not force and conn.execute("SELECT 1 FROM import_log WHERE sha1 = ? AND format = ?",
                                          (digest, kind)).fetchone():
                results.append(ImportResult(str(file), kind, 0, 0, 0, skipped_file=True))
                continue
            task = bar.add_task(f"{file.name} ({kind})", total=None) if bar else None
            rows = written = unchanged = 0
            if kind == "geonames-admin":
                with _open_text(file) as f:
                    rows = _geonames_admin(f, conn)
            elif kind == "geonames-alternates":
                with _open_text(file) as f:
                    rows, written = _geonames_alternates(f, conn)
            else:
                stream = None
                source: Iterator[Place | None]
                if kind == "wof":
                    source = _wof_rows(file)
                elif kind == "pcodes":
                    source = _pcode_rows(file)
                else:
                    stream = _open_text(file)
                    source = _geonames_rows(stream, conn) if kind == "geonames" else _shared_rows(kind, stream, file)
                batch: list[Place] = []
                try:
                    for place in source:
                        rows += 1
                        if place is not None:
                            batch.append(place)
                        if len(batch) >= 2000:
                            w, u = upsert_places(conn, batch)
                            written, unchanged, batch = written + w, unchanged + u, []
                            if bar:
                                bar.update(task, completed=rows)
                    w, u = upsert_places(conn, batch)
                    written, unchanged = written + w, unchanged + u
                finally:
                    if stream is not None:
                        stream.close()
            if bar:
                bar.update(task, completed=rows, total=rows)
            conn.execute("INSERT OR REPLACE INTO import_log VALUES (?, ?, ?, ?, ?)",
                         (str(file.resolve()), digest, kind, rows, datetime.now(UTC).isoformat(timespec="seconds")))
            results.append(ImportResult(str(file), kind, rows, written, unchanged))
    Gazetteer.forget_default()
    return results
