"""Ingest throughput on SQLite: reports per second through `Store.ingest_paths`, median of runs.

Synthetic Arabic reports written for rasid's tests (`tests/store/store_fakes.py`: shelling,
clashes and reinforcements at some fifty Syrian and Iraqi towns over three years, with
filler sentences; three event sentences per report, as the shared dev reports average),
a JSONL file of them ingested into a fresh SQLite database with the real extraction
pipeline, in `--workers` processes. Issue 4 asks for ≥ 200 reports/s with 2 workers. The
pipeline (lexicons, gazetteer) is loaded before the clock starts, as in a long ingest.

    .venv/bin/python benchmarks/ingest.py [--reports 2000] [--workers 2] [--sentences 3] [--years 3] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "store"))

from store_fakes import TOWNS, synthetic_reports  # noqa: E402

from rasid.extract.pipeline import default_pipeline  # noqa: E402
from rasid.store import Store  # noqa: E402

TARGET = 200.0


def run_once(src: Path, workers: int, tmp: Path, n: int) -> tuple[float, dict[str, int]]:
    db = tmp / f"bench-{n}.db"
    with Store.open(db) as store:
        summary = store.ingest_paths([src], workers=workers, progress=False)
    counts = summary.model_dump(include={"new", "near_duplicate", "failed", "events_created", "events_merged"})
    return summary.reports / summary.seconds, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=3, help="event sentences per report")
    parser.add_argument("--years", type=int, default=3, help="years the reports' dates spread over")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    default_pipeline()  # loaded once in the parent; forked workers share it
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        src = tmp / "reports.jsonl"
        reports = synthetic_reports(args.reports, sentences=args.sentences, places=TOWNS, years=args.years)
        src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reports) + "\n", encoding="utf-8")
        chars = statistics.mean(len(r["text"]) for r in reports)
        rates = []
        for i in range(args.runs):
            rate, counts = run_once(src, args.workers, tmp, i)
            rates.append(rate)
            print(f"run {i + 1}: {rate:.0f} reports/s  {counts}")
    median = statistics.median(rates)
    verdict = "ok" if median >= TARGET else "BELOW TARGET"
    print(
        f"ingest: {args.reports} reports of ~{chars:.0f} chars, {args.workers} workers, SQLite: "
        f"median {median:.0f} reports/s (target ≥ {TARGET:.0f}) {verdict}"
    )
    return 0 if median >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
