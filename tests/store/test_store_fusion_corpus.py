"""The store fuses like the reference: ingesting the same-happening corpus gives `fusion.fuse_all`'s groups.

`rasid.store.fusion.fuse_all` fuses in memory, in report order; the store does the same
incrementally, through its blocking-key table, one transaction per report. Both must
agree on every happening's group of reports, and the figures of issue 4 hold on the store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from rasid import extract_report
from rasid.model import Extraction
from rasid.store import EventQuery, Store
from rasid.store.fusion import fuse_all

CORPUS = Path(__file__).parent / "corpus" / "same_happening.jsonl"


def _figures(rows: list[dict[str, str]], groups: list[list[str]]) -> dict[str, float]:
    """Duplicate rate (extra events of a happening / all events) and share of happenings wrongly merged."""
    label = {r["id"]: r["happening"] for r in rows}
    per_happening: dict[str, int] = defaultdict(int)
    wrongly: set[str] = set()
    for group in groups:
        labels = {label[rid] for rid in group}
        for h in labels:
            per_happening[h] += 1
        if len(labels) > 1:
            wrongly |= labels
    extra = sum(n - 1 for n in per_happening.values())
    return {
        "duplicate_rate": extra / len(groups),
        "wrongly_merged_share": len(wrongly) / len({r["happening"] for r in rows}),
    }


def test_store_fusion_matches_the_reference(db_url: str) -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    extractions: dict[str, Extraction] = {
        r["id"]: extract_report(r["text"], published=r["published"], outlet=r["outlet"], id=r["id"]) for r in rows
    }
    with Store.open(db_url) as store:
        for r in rows:
            res = store.ingest_text(
                r["text"], id=r["id"], published=r["published"], outlet=r["outlet"],
                extractor=lambda *_a, _x=extractions[r["id"]], **_k: _x,
            )  # fmt: skip
            assert res.status in ("new", "near_duplicate"), res
        stored = store.events(EventQuery(limit=10_000))
        near = {r["id"] for r in rows if (rec := store.get_report(r["id"])) and rec.status == "near_duplicate"}
    reference = fuse_all([x for rid, x in extractions.items() if rid not in near])
    expected = sorted(sorted(s.report_id for s in f.sources) for f in reference)
    got = sorted(sorted(s.report_id for s in e.sources) for e in stored)
    assert got == expected
    before = _figures(rows, [[rid] for rid, x in extractions.items() for _ in x.events])
    after = _figures(rows, got)
    print(f"store fusion on {CORPUS.name}: before {before}, after {after}")
    assert after["duplicate_rate"] <= 0.10 and after["wrongly_merged_share"] <= 0.05
