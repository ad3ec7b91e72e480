"""Issue 4's check on the shared reports: ingesting dev + seed twice adds nothing the second time.

Reads `../shared/eval/*.jsonl` (skipped when the shared material is absent); the texts
stay there, nothing of them is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rasid.store import Store
from rasid.store.records import ACLED_COLUMNS


def test_ingest_twice_adds_nothing_and_exports_identically(shared_eval: Path, db_url: str, tmp_path: Path) -> None:
    inputs = [shared_eval / "seed.jsonl", shared_eval / "dev.jsonl"]
    with Store.open(db_url) as store:
        first = store.ingest_paths(inputs, workers=2, progress=False)
        assert first.failed == 0, first.failures
        assert first.new + first.near_duplicate == 21 and first.events_created > 0
        store.export("acled", tmp_path / "first.csv")
        events = store.count_events()

        second = store.ingest_paths(inputs, workers=2, progress=False)
        assert (second.new, second.near_duplicate, second.failed, second.duplicate) == (0, 0, 0, 21)
        assert (second.events_created, second.events_merged) == (0, 0)
        store.export("acled", tmp_path / "second.csv")
        assert store.count_events() == events

        seed = store.get_report("seed")
        assert seed is not None and seed.outlet == "SY24" and seed.event_ids
    assert (tmp_path / "first.csv").read_bytes() == (tmp_path / "second.csv").read_bytes()
    df = pd.read_csv(tmp_path / "first.csv")
    assert list(df.columns) == list(ACLED_COLUMNS) and len(df) == events
