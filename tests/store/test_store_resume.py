"""A SIGKILLed ingest of 2,000 reports, re-run, stores every report exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_fakes import synthetic_reports

HERE = Path(__file__).resolve().parent
N = 2000

SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from store_fakes import fake_extract
from rasid.store import Store
with Store.open({db!r}) as store:
    summary = store.ingest_paths([{src!r}], workers=2, progress=False, extractor=fake_extract)
print(summary.model_dump_json(exclude={{"failures"}}))
"""


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _ingest(db: Path, src: Path) -> subprocess.Popen[str]:
    code = SCRIPT.format(here=str(HERE), db=str(db), src=str(src))
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True, env=os.environ
    )


def test_sigkill_and_resume(tmp_path: Path) -> None:
    src = tmp_path / "reports.jsonl"
    reports = synthetic_reports(N)
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reports) + "\n", encoding="utf-8")
    db = tmp_path / "resume.db"
    kill_at = random.Random().randint(50, N - 300)

    proc = _ingest(db, src)
    deadline = time.monotonic() + 300
    while _stored(db) < kill_at and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its extraction workers, mid-write
    proc.wait()
    killed_with = _stored(db)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < killed_with < N

    rerun = _ingest(db, src)
    out, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["new"] + summary["near_duplicate"] + summary["failed"] == N - killed_with
    assert summary["duplicate"] == killed_with

    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM reports")]
        hashes = {r[0] for r in conn.execute("SELECT content_hash FROM reports")}
        orphans = conn.execute(
            "SELECT count(*) FROM event_sources WHERE report_pk NOT IN (SELECT pk FROM reports)"
        ).fetchone()[0]
        empty = conn.execute("SELECT count(*) FROM events WHERE pk NOT IN (SELECT event_pk FROM event_sources)").fetchone()[0]
        status = dict(conn.execute("SELECT status, count(*) FROM reports GROUP BY status").fetchall())
    assert sorted(ids) == sorted(r["id"] for r in reports)  # every report, exactly once
    assert len(hashes) == N and orphans == 0 and empty == 0
    assert status.get("failed", 0) == 0
