"""Ingest: statuses, idempotence, near-duplicates, fusion on ingest, failures, parallel runs."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from store_fakes import CORPUS, fake_extract

from rasid.store import EventQuery, Store
from rasid.store.schema import Event, EventSource, Report


def _count(store: Store, model: type) -> int:
    with Session(store.engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_statuses_and_ids(store: Store) -> None:
    text = "قصف قوات النظام مدينة الميادين في 2021-05-03 ما أدى إلى مقتل 3 مدنيين."
    first = store.ingest_text(text, id="m1", outlet="SY24", published="2021-05-04", extractor=fake_extract)
    assert (first.status, first.report_id, first.events_created) == ("new", "m1", 1)
    # The same content again — even with other whitespace, id or outlet — adds nothing.
    again = store.ingest_text(" " + text.replace(" ", "  ") + "\n", id="m2", outlet="x", extractor=fake_extract)
    assert (again.status, again.report_id) == ("duplicate", "m1")
    # Without an id, the report id is a prefix of the content hash; a taken id is made unique.
    other = "قصف قوات النظام مدينة البوكمال في 2021-05-03."
    anon = store.ingest_text(other, extractor=fake_extract)
    assert anon.status == "new" and len(anon.report_id or "") == 16
    clash = store.ingest_text("قصف قوات النظام مدينة تدمر في 2021-05-03.", id="m1", extractor=fake_extract)
    assert clash.status == "new" and clash.report_id != "m1" and (clash.report_id or "").startswith("m1-")
    assert _count(store, Report) == 3


def test_failed_reports_are_recorded_with_reason_and_retried(store: Store) -> None:
    bad = store.ingest_text("Clashes near Palmyra.", id="en", extractor=fake_extract)
    assert bad.status == "failed" and "not in Arabic" in (bad.reason or "")
    rec = store.get_report("en")
    assert rec is not None and rec.status == "failed" and rec.reason == bad.reason

    def broken(text: str, **_: object) -> None:
        raise RuntimeError("lexicon not loaded")

    crash = store.ingest_text("قصف قوات النظام مدينة تدمر في 2021-05-03.", id="t1", extractor=broken)
    assert crash.status == "failed" and "RuntimeError: lexicon not loaded" in (crash.reason or "")
    # Once extraction works, the same report is read again and replaces the failed record.
    fixed = store.ingest_text("قصف قوات النظام مدينة تدمر في 2021-05-03.", id="t1", extractor=fake_extract)
    assert (fixed.status, fixed.report_id, fixed.events_created) == ("new", "t1", 1)
    assert _count(store, Report) == 2


def test_near_duplicate_is_linked_not_counted(store: Store) -> None:
    text = "قصف قوات النظام مدينة الميادين في 2021-05-03 ما أدى إلى مقتل 3 مدنيين وإصابة آخرين بجروح."
    store.ingest_text(text, id="orig", outlet="SY24", published="2021-05-04", extractor=fake_extract)
    edited = text.replace("3 مدنيين", "3 من المدنيين") + " المصدر: ناشطون."
    res = store.ingest_text(edited, id="copy", outlet="نورث برس", extractor=fake_extract)
    assert res.status == "near_duplicate" and res.duplicate_of == "orig" and res.events_created == 0
    assert store.count_events() == 1
    (event,) = store.events()
    assert [s.report_id for s in event.sources] == ["orig"] and event.source == "SY24"
    orig = store.get_report("orig")
    copy = store.get_report("copy")
    assert orig is not None and orig.near_duplicates == ["copy"]
    assert copy is not None and copy.status == "near_duplicate" and (copy.similarity or 0) >= 0.7


def test_fusion_on_ingest(loaded: Store) -> None:
    # 7 Arabic reports, 1 refused: Hatla reinforcement (2 reports), Hatla withdrawal,
    # al-Mayadin shelling (2 reports), its look-alike a week later, Palmyra clash.
    assert loaded.count_events() == 5
    shelling = loaded.events(EventQuery(place="Al-Mayadin", until="2021-05-05"))
    assert len(shelling) == 1
    ev = shelling[0]
    assert [s.report_id for s in ev.sources] == ["r-mayadin-1", "r-mayadin-2"]
    assert ev.source == "نورث برس; SY24" and ev.source_scale == "Subnational-National"
    assert ev.fatalities == 3  # ACLED's conservative rule: the lower of 3 and 4
    # Each source keeps its own evidence, with offsets into its own text.
    for src in ev.sources:
        report = loaded.get_report(src.report_id)
        assert report is not None
        for span in src.evidence:
            assert report.text[span.start : span.end] == span.text
    lookalike = loaded.events(EventQuery(place="Al-Mayadin", since="2021-05-08"))
    assert [s.report_id for e in lookalike for s in e.sources] == ["r-mayadin-3"]


def test_events_are_transactional_per_report(store: Store) -> None:
    def half(text: str, **kw: object):  # an extraction whose second event cannot be stored
        ex = fake_extract(text, **kw)
        ev = ex.events[0].model_copy(update={"event_type": None})
        return ex.model_copy(update={"events": [ex.events[0], ev]})

    text = "قصف قوات النظام مدينة الميادين في 2021-05-03."
    res = store.ingest_text(text, id="half", extractor=half)
    assert res.status == "failed" and (res.reason or "").startswith("storage error")
    # Nothing of the half-written report survives: only the failed record.
    assert _count(store, Report) == 1 and _count(store, Event) == 0 and _count(store, EventSource) == 0
    assert store.ingest_text(text, id="half", extractor=fake_extract).status == "new"
    assert _count(store, Report) == 1 and _count(store, Event) == 1


def _write_corpus(path: Path) -> None:
    lines = [
        json.dumps({"id": rid, "outlet": outlet, "published": published, "text": text}, ensure_ascii=False)
        for rid, outlet, published, text in CORPUS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ingest_paths_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    _write_corpus(tmp_path / "batch.jsonl")
    first = store.ingest_paths([tmp_path], workers=2, progress=False, extractor=fake_extract)
    assert (first.new, first.failed, first.events_created, first.events_merged) == (7, 1, 5, 2)
    assert first.failures[0].source == f"{tmp_path / 'batch.jsonl'}:8"
    out1 = tmp_path / "first.csv"
    store.export("acled", out1)
    second = store.ingest_paths([tmp_path / "batch.jsonl"], workers=2, progress=False, extractor=fake_extract)
    assert (second.new, second.duplicate, second.events_created, second.events_merged) == (0, 7, 0, 0)
    out2 = tmp_path / "second.csv"
    store.export("acled", out2)
    assert out1.read_bytes() == out2.read_bytes()
    assert _count(store, Report) == 8


def test_parallel_and_serial_ingest_agree(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "batch.jsonl")
    exports = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"w{workers}.db") as store:
            store.ingest_paths([tmp_path / "batch.jsonl"], workers=workers, progress=False, extractor=fake_extract)
            rows = [e.acled_row() for e in store.events(EventQuery(limit=100))]
        exports.append([{k: v for k, v in r.items() if k != "timestamp"} for r in rows])
    assert exports[0] == exports[1]


def test_threads_share_one_store(store: Store) -> None:
    """A web app ingests and reads from several threads through one Store."""
    import threading

    from store_fakes import synthetic_reports

    reports = synthetic_reports(60)
    errors: list[str] = []

    def work(chunk: list[dict[str, str]]) -> None:
        try:
            for r in chunk:
                res = store.ingest_text(
                    r["text"], id=r["id"], published=r["published"], outlet=r["outlet"], extractor=fake_extract
                )
                assert res.status in ("new", "near_duplicate"), res
                store.events(EventQuery(limit=5))
                store.search("قصف")
        except Exception as exc:  # noqa: BLE001 - reported below, with the thread's failure
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(reports[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _count(store, Report) == 60
