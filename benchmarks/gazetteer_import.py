"""Import speed and idempotence of the shared Syria and Iraq gazetteer files.

Imports every file of ../shared/gazetteer into a fresh temporary RASID_HOME, then imports
them again (skipped: same content) and once more with `force` (every row re-read): the
index must not change. Target (issue 3): first import < 60 s.

    .venv/bin/python benchmarks/gazetteer_import.py
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "gazetteer"


def fingerprint(path: Path) -> str:
    """Hash of every place and name row, in id order."""
    h = hashlib.sha1()
    with sqlite3.connect(path) as conn:
        for row in conn.execute("SELECT * FROM place ORDER BY id"):
            h.update(repr(row).encode())
        for row in conn.execute("SELECT * FROM name ORDER BY key, place_id"):
            h.update(repr(row).encode())
    return h.hexdigest()


def main() -> None:
    from rasid.geo import Gazetteer
    from rasid.geo.importers import import_files

    files = sorted(SHARED.glob("*.tsv")) + sorted(SHARED.glob("*.geojson"))
    if not files:
        raise SystemExit(f"{SHARED} is not present: nothing to import")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = home / "gazetteer.sqlite"
        start = time.perf_counter()
        Gazetteer.open(db)
        embedded_s = time.perf_counter() - start
        before = fingerprint(db)
        start = time.perf_counter()
        first = import_files(files, home=home, progress=False)
        first_s = time.perf_counter() - start
        after_first = fingerprint(db)
        start = time.perf_counter()
        second = import_files(files, home=home, progress=False)
        second_s = time.perf_counter() - start
        start = time.perf_counter()
        forced = import_files(files, home=home, progress=False, force=True)
        forced_s = time.perf_counter() - start
        after_forced = fingerprint(db)
        start = time.perf_counter()
        gaz = Gazetteer.open(db)
        load_s = time.perf_counter() - start
    print(json.dumps({
        "files": [f.name for f in files],
        "embedded_build_s": round(embedded_s, 2),
        "first_import_s": round(first_s, 2), "rows": sum(r.rows for r in first),
        "written": sum(r.written for r in first), "changed_index": before != after_first,
        "second_import_s": round(second_s, 2), "second_skipped_files": sum(r.skipped_file for r in second),
        "forced_import_s": round(forced_s, 2), "forced_written": sum(r.written for r in forced),
        "index_unchanged_after_reimport": after_first == after_forced,
        "places": len(gaz.places), "index_load_s": round(load_s, 3), "target_first_import_s": 60,
    }, indent=1))


if __name__ == "__main__":
    main()
