"""Event filters over 100,000 stored events: milliseconds per `rasid events` query, median of runs.

The events are synthesised straight into a fresh database (extraction would take far
longer than the benchmark): six years, three hundred places spread over Syria's
governorates, the lexicon's actors, 20,000 reports (with the full-text index) as their
sources. Each filter is answered as `rasid events` answers it — the first page of 100
records with their sources, and the total count — through `Store.events` and
`Store.count_events`. Issue 4 asks for < 50 ms per filter.

    .venv/bin/python benchmarks/query.py [--events 100000] [--runs 5] [--db URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from rasid.lexicon.load import load_actors
from rasid.model import EVENT_TYPES
from rasid.store import EventQuery, Store
from rasid.store.schema import Actor, Event, EventActor, EventSource, Place, Report, reports_fts
from rasid.text.normalize import normalize

TARGET_MS = 50.0
GOVERNORATES = (
    ("Aleppo", 36.2, 37.2), ("Idlib", 35.9, 36.6), ("Raqqa", 35.9, 39.0), ("Deir ez-Zor", 35.3, 40.1),
    ("Hasakah", 36.5, 40.7), ("Homs", 34.7, 37.5), ("Hama", 35.1, 36.8), ("Daraa", 32.7, 36.1),
    ("As-Sweida", 32.7, 36.6), ("Rural Damascus", 33.5, 36.5), ("Lattakia", 35.5, 35.8), ("Tartous", 34.9, 35.9),
)  # fmt: skip
# Report words: pseudo-words drawn with a Zipf-like law (a newsroom vocabulary is heavy-tailed),
# plus conflict words at the share of reports that carry them (one report in five mentions
# shelling, one in twenty reinforcements, ...), so that full-text queries select as in life.
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
TERMS = {"قصف": 0.20, "اشتباكات": 0.15, "تعزيزات": 0.05, "رتل": 0.03, "انسحاب": 0.02, "طائرة مسيرة": 0.02}


def _vocabulary(rng: random.Random, n: int = 5000) -> list[str]:
    return ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7))) for _ in range(n)]


def _text(rng: random.Random, vocabulary: list[str], i: int) -> str:
    words = [vocabulary[min(int(rng.paretovariate(1.1)) - 1, len(vocabulary) - 1)] for _ in range(120)]
    words += [term for term, share in TERMS.items() if rng.random() < share]
    rng.shuffle(words)
    return " ".join(words) + f" بلدة {i % 300}"


def synthesise(store: Store, n_events: int, n_reports: int, seed: int = 1) -> None:
    """Rows straight into the tables, as the ingest would leave them (minus the JSON detail)."""
    rng = random.Random(seed)
    lexicon = load_actors()
    actor_ids = sorted(lexicon)
    places = []
    for i in range(300):
        gov, lat, lon = GOVERNORATES[i % len(GOVERNORATES)]
        places.append(
            {
                "id": f"bench-{i}",
                "name": f"Town {i}",
                "norm_name": f"بلده {i}",
                "kind": "town",
                "lat": lat + rng.uniform(-0.4, 0.4),
                "lon": lon + rng.uniform(-0.4, 0.4),
                "admin1": gov,
                "admin2": gov,
                "admin3": f"{gov}-{i % 7}",
                "country": "SY",
            }
        )
    subtypes = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
    start = dt.date(2019, 1, 1)
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as c:
        c.execute(insert(Place.__table__), places)
        c.execute(
            insert(Actor.__table__),
            [
                {"id": a.id, "name": a.name, "kind": a.kind, "inter": a.inter, "parent_id": a.parent}
                for a in lexicon.values()
            ],
        )
        reports = []
        vocabulary = _vocabulary(rng)
        for i in range(n_reports):
            text = _text(rng, vocabulary, i)
            reports.append(
                {
                    "pk": i + 1, "id": f"bench-r{i}", "content_hash": f"{i:064d}", "text": text,
                    "norm_text": normalize(text).text, "url": None, "outlet": rng.choice(("SY24", "عنب بلدي")),
                    "published": start + dt.timedelta(days=rng.randrange(6 * 365)), "retrieved": now,
                    "origin": None, "status": "ok", "reason": None, "duplicate_of": None, "similarity": None,
                    "minhash": None, "warnings": [],
                }
            )  # fmt: skip
        c.execute(insert(Report.__table__), reports)
        if store.engine.dialect.name == "sqlite":
            c.execute(insert(reports_fts), [{"rowid": r["pk"], "body": r["norm_text"]} for r in reports])
        for lo in range(0, n_events, 10_000):
            events, actors, sources = [], [], []
            for pk in range(lo + 1, min(lo + 10_000, n_events) + 1):
                place = rng.choice(places)
                etype, sub = rng.choice(subtypes)
                day = start + dt.timedelta(days=rng.randrange(6 * 365))
                a1, a2 = rng.choice(actor_ids), rng.choice(actor_ids)
                events.append(
                    {
                        "pk": pk, "event_id_cnty": f"SYR{pk}", "event_date": day, "year": day.year,
                        "time_precision": 1, "disorder_type": "", "event_type": etype, "sub_event_type": sub,
                        "actor1": lexicon[a1].name, "actor2": lexicon[a2].name, "inter1": lexicon[a1].inter,
                        "inter2": lexicon[a2].inter, "iso": 760, "region": "Middle East", "country": "Syria",
                        "admin1": place["admin1"], "admin2": place["admin2"], "admin3": place["admin3"],
                        "location": place["name"], "latitude": place["lat"] + rng.uniform(-0.02, 0.02),
                        "longitude": place["lon"] + rng.uniform(-0.02, 0.02), "geo_precision": 1,
                        "source": "SY24", "source_scale": "National", "notes": f"{sub} at {place['name']}",
                        "fatalities": rng.choice((0, 0, 0, 1, 2, 5)), "timestamp": 0, "actor1_id": a1,
                        "actor2_id": a2, "place_id": place["id"], "modality": "happened", "confidence": 0.6,
                        "force": [], "movement": [], "attribution": [], "evidence": [], "detail": {},
                    }
                )  # fmt: skip
                actors += [
                    {"event_pk": pk, "role": "actor1", "actor_id": a1, "name": lexicon[a1].name},
                    {"event_pk": pk, "role": "actor2", "actor_id": a2, "name": lexicon[a2].name},
                ]
                sources.append(
                    {"event_pk": pk, "report_pk": rng.randrange(n_reports) + 1, "ordinal": 0, "extracted": {}}
                )
            c.execute(insert(Event.__table__), events)
            c.execute(insert(EventActor.__table__), actors)
            c.execute(insert(EventSource.__table__), sources)


def timed(store: Store, q: EventQuery, runs: int) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds of (first page + count), the page size and the count.

    CPU time (SQLite runs in this process) is what the query costs; wall time is what a
    user waits, and exceeds it when other processes compete for the machine.
    """
    store.events(q), store.count_events(q)  # warm the caches, as a running server has them
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        page, total = store.events(q), store.count_events(q)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), len(page), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an empty database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db or Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        synthesise(store, args.events, args.reports)
        store.writer.analyze()  # as every ingest run ends
        print(f"synthesised {args.events} events, {args.reports} reports in {time.perf_counter() - t0:.1f}s")
        queries = {
            "--since/--until (one month)": EventQuery(since=dt.date(2021, 3, 1), until=dt.date(2021, 3, 31)),
            "--type Battles": EventQuery(type="Battles"),
            "--sub-type 'Air/drone strike'": EventQuery(sub_type="Air/drone strike"),
            "--actor 'Iran-backed militias' (+children)": EventQuery(actor="Iran-backed militias"),
            "--actor Iran (+descendants)": EventQuery(actor="Iran"),
            "--place 'Town 7'": EventQuery(place="Town 7"),
            "--near 'Town 7' --within 25": EventQuery(near="Town 7", within_km=25),
            "--admin1 'Deir ez-Zor'": EventQuery(admin1="Deir ez-Zor"),
            "--text 'تعزيزات رتل' (both words)": EventQuery(text="تعزيزات رتل"),
            "--text قصف (one report in five)": EventQuery(text="قصف"),
            "--type Battles --admin1 Idlib --since 2023-01-01": EventQuery(
                type="Battles", admin1="Idlib", since=dt.date(2023, 1, 1)
            ),
            "(no filter)": EventQuery(),
        }
        worst = worst_cpu = 0.0
        print("   wall     cpu   page  matches  filter")
        for name, q in queries.items():
            ms, cpu, page, total = timed(store, q, args.runs)
            worst, worst_cpu = max(worst, ms), max(worst_cpu, cpu)
            print(f"{ms:7.1f} {cpu:7.1f}   {page:4d} {total:8d}  {name}")
        store.close()
    verdict = "ok" if worst < TARGET_MS else "ABOVE TARGET"
    print(
        f"query: worst median {worst:.1f} ms wall, {worst_cpu:.1f} ms CPU over {args.events} events "
        f"(target < {TARGET_MS:.0f} ms) {verdict}"
    )
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
