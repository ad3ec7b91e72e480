"""Extraction throughput on one core: reports/s and peak RSS over ≥ 2,000 reports.

The shared evaluation reports (../shared/eval, cycled) are the workload when present,
else the bundled samples. Each run extracts the whole workload in a fresh process so
that peak RSS is that run's own; the figure reported is the median of the runs.

    .venv/bin/python benchmarks/throughput.py [--reports 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"


def workload() -> list[dict]:
    files = [SHARED / "dev.jsonl", SHARED / "seed.jsonl"]
    if not all(f.exists() for f in files):
        files = [REPO / "samples" / "reports.jsonl"]
    rows = []
    for f in files:
        rows += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def one_run(n: int) -> dict[str, float]:
    """Extract n reports in this single-threaded process (after a warm-up that loads lexicons and gazetteer)."""
    from rasid.extract.pipeline import extract_report

    rows = workload()
    t0 = time.perf_counter()
    extract_report(rows[0]["text"])
    load_s = time.perf_counter() - t0
    start = time.perf_counter()
    for i in range(n):
        row = rows[i % len(rows)]
        extract_report(row["text"], published=row.get("published"), outlet=row.get("outlet"))
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(rows[i % len(rows)]["text"]) for i in range(n))
    return {"reports_per_s": n / elapsed, "chars_per_s": chars / elapsed, "peak_rss_mb": peak_mb, "load_s": load_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.reports)))
        return
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--reports", str(args.reports)],
            check=True, capture_output=True, text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    summary = {k: round(statistics.median(r[k] for r in results), 2) for k in results[0]}
    summary.update(reports=args.reports, runs=args.runs, all_runs_reports_per_s=[round(r["reports_per_s"], 1) for r in results])
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
