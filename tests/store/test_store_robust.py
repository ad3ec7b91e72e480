"""Ingest under abuse: one bad report never loses the others, and concurrent writers queue.

Every test runs on SQLite and, when RASID_TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import json
import multiprocessing
import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from store_fakes import fake_extract, synthetic_reports

from rasid.store import Store
from rasid.store.schema import Report

GOOD = synthetic_reports(12, seed=5)
# Each line is wrong in its own way; none may cost a good report.
BAD_LINES = [
    '{"id": "surrogate", "text": "\\ud800 قصف قوات النظام مدينة تدمر"}',
    '{"id": "nul", "text": "قصف قوات النظام\\u0000 مدينة تدمر"}',
    "[" * 1000 + "]" * 1000,
    '{"text": ' + "[" * 1000 + "]" * 1000 + "}",
    '{"id": ' + "9" * 5000 + ', "text": "قصف قوات النظام مدينة تدمر"}',
    json.dumps({"id": "x" * 100_000, "text": "قصف قوات النظام مدينة الميادين"}, ensure_ascii=False),
    json.dumps({"id": {"nested": 1}, "text": "قصف قوات النظام مدينة حطلة"}, ensure_ascii=False),
    json.dumps({"id": "o", "outlet": "y" * 1000, "text": "قصف قوات النظام مدينة البوكمال"}, ensure_ascii=False),
    '{"id": "truncated", "text": "قصف',
]
# Extraction reads a toll above 2**63 - 1: the database refuses the number, not the batch.
HUGE_TOLL = {"id": "huge-toll", "text": "قصف قوات النظام مدينة الميادين ما أدى إلى مقتل 99999999999999999999999."}


def _count(store: Store, **where: str) -> int:
    with Session(store.engine) as s:
        stmt = select(func.count()).select_from(Report)
        for column, value in where.items():
            stmt = stmt.where(getattr(Report, column) == value)
        return s.scalar(stmt) or 0


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n\xff\xfe bad bytes\n")
    return path


def test_every_good_report_survives_every_bad_line(store: Store, tmp_path: Path) -> None:
    lines = [json.dumps(GOOD[0], ensure_ascii=False)]
    for bad, good in zip(BAD_LINES, GOOD[1:], strict=False):
        lines += [bad, json.dumps(good, ensure_ascii=False)]
    lines.insert(3, json.dumps(HUGE_TOLL, ensure_ascii=False))
    path = _write_jsonl(tmp_path / "mixed.jsonl", lines)
    summary = store.ingest_paths([path], progress=False, extractor=fake_extract)
    goods = GOOD[: len(BAD_LINES) + 1]
    assert summary.new + summary.near_duplicate == len(goods)
    assert summary.failed == len(BAD_LINES) + 2  # and the huge toll, and the line of bad bytes
    for good in goods:
        report = store.get_report(good["id"])
        assert report is not None and report.status != "failed"
    toll = store.get_report("huge-toll")
    assert toll is not None and toll.status == "failed" and "storage error" in (toll.reason or "")
    reasons = " | ".join(r.reason or "" for r in summary.failures)
    for expected in ("lone surrogate", "NUL", "nested too deeply", "100,000 characters", "outlet", "UTF-8"):
        assert expected in reasons


def test_a_refused_report_in_a_batch_keeps_the_batch(store: Store) -> None:
    """Written one by one or in one batch, the reports around an unstorable one are stored."""
    before = store.ingest_text("قصف قوات النظام مدينة تدمر في 2021-05-01.", id="a", extractor=fake_extract)
    toll = store.ingest_text(HUGE_TOLL["text"], id="b", extractor=fake_extract)
    after = store.ingest_text("اشتباكات قرب حطلة في 2021-06-02.", id="c", extractor=fake_extract)
    assert (before.status, toll.status, after.status) == ("new", "failed", "new")
    surrogate = store.ingest_text("قصف \ud800 تدمر", id="d", extractor=fake_extract)
    assert surrogate.status == "failed" and "surrogate" in (surrogate.reason or "")
    assert _count(store, status="ok") == 2 and _count(store, status="failed") == 1


def _ingest_in_child(url: str, path: str, out: Any) -> None:
    try:
        with Store.open(url) as store:
            summary = store.ingest_paths([path], progress=False, extractor=fake_extract)
        out.put(("ok", summary.new + summary.near_duplicate, summary.duplicate, summary.failed))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def _concurrent_ingests(url: str, paths: list[Path]) -> list[tuple[Any, ...]]:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    children = [ctx.Process(target=_ingest_in_child, args=(url, str(p), out)) for p in paths]
    for child in children:
        child.start()
    results = [out.get(timeout=600) for _ in children]
    for child in children:
        child.join(timeout=60)
    return results


def test_two_concurrent_ingests_store_everything(db_url: str, tmp_path: Path) -> None:
    """Two ingests of one new database at once: both finish, every report once, nothing failed."""
    reports = synthetic_reports(360, seed=11)
    shared = reports[:60]  # both files hold these: one ingest stores each, the other sees a duplicate
    paths = []
    for name, own in (("a", reports[60:210]), ("b", reports[210:])):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in shared + own), encoding="utf-8")
        paths.append(path)
    results = _concurrent_ingests(db_url, paths)
    assert all(r[0] == "ok" for r in results), [r[1] for r in results if r[0] != "ok"]
    assert sum(r[3] for r in results) == 0
    assert sum(r[1] for r in results) == len(reports)
    with Store.open(db_url) as store:
        assert _count(store) == len(reports) and _count(store, status="failed") == 0
