"""Geoparsing speed: milliseconds per report for `find_places` (recognition + resolution).

Runs on the reports of ../shared/eval (dev + seed), with actor and weapon mentions found
first as the pipeline does, in a temporary RASID_HOME with the shared gazetteer imported
(`--embedded` for the default only). One warm-up pass compiles the matcher; the figure is
the median of three timed passes. Target (issue 3): < 2 ms per report on average.

    .venv/bin/python benchmarks/geoparse.py [--embedded] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedded", action="store_true", help="embedded default only (no shared import)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (median reported)")
    args = parser.parse_args()

    from rasid.extract.doc import Doc
    from rasid.extract.mentions import find_entities
    from rasid.extract.places import find_places
    from rasid.geo import Gazetteer
    from rasid.geo.importers import import_files
    from rasid.lexicon.load import load_lexicon

    if not (SHARED / "eval" / "dev.jsonl").exists():
        raise SystemExit(f"{SHARED / 'eval'} is not present: nothing to benchmark on")
    texts = [json.loads(line)["text"] for name in ("dev.jsonl", "seed.jsonl")
             for line in (SHARED / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as home:
        path = Path(home)
        if not args.embedded:
            files = sorted((SHARED / "gazetteer").glob("*.tsv")) + sorted((SHARED / "gazetteer").glob("*.geojson"))
            import_files(files, home=path, progress=False)
        start = time.perf_counter()
        gaz = Gazetteer.open(path / "gazetteer.sqlite")
        load_s = time.perf_counter() - start
        lexicon = load_lexicon()
        docs = []
        for text in texts:
            doc = Doc(text)
            find_entities(doc, lexicon)
            docs.append(doc)
        base = [list(d.mentions) for d in docs]
        start = time.perf_counter()
        for doc in docs:  # warm-up: compiles the matcher
            find_places(doc, gaz)
        warm_s = time.perf_counter() - start
        runs = []
        for _ in range(args.repeat):
            for doc, mentions in zip(docs, base, strict=True):
                doc.mentions = list(mentions)
            start = time.perf_counter()
            for doc in docs:
                find_places(doc, gaz)
            runs.append((time.perf_counter() - start) * 1000 / len(docs))
    print(json.dumps({
        "gazetteer": "embedded" if args.embedded else "embedded+shared",
        "places": len(gaz.places), "reports": len(docs), "index_load_s": round(load_s, 3),
        "first_pass_s (matcher compile)": round(warm_s, 3),
        "ms_per_report_runs": [round(r, 3) for r in runs], "ms_per_report_median": round(statistics.median(runs), 3),
        "target_ms": 2.0,
    }, indent=1))


if __name__ == "__main__":
    main()
