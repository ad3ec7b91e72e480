"""The web app under load: N concurrent clients on loopback for a bounded time, p50/p95 per endpoint.

A store of synthesised events (as `benchmarks/query.py` makes them, each with evidence in
the event and in its source, as ingest leaves them) is served by `rasid serve` in its own
process on 127.0.0.1; N client threads then request, for `--seconds`, a mix of what a team
browsing the app asks: the event list (first pages, later pages, filtered by type,
governorate, actor and dates), the map page and the map's GeoJSON, an event, the actors.
Clients revalidate with the ETag they were given, as browsers do. Every request counts:
any status other than 200/304, or a transport error, is an error. Issue 12 asks, with 20
clients and > 10,000 events, for `/api/events` p95 < 250 ms, the map page p95 < 500 ms and
no errors.

    .venv/bin/python benchmarks/api_load.py [--clients 20] [--seconds 30] [--events 12000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from query import synthesise
from sqlalchemy import bindparam, update

from rasid.store import Store
from rasid.store.schema import Event, EventSource

TARGETS_MS = {"/api/events": 250.0, "map page": 500.0}
TYPES = ("Battles", "Explosions/Remote violence", "Strategic developments", "Violence against civilians")
GOVERNORATES = ("Aleppo", "Idlib", "Deir ez-Zor", "Homs", "Daraa", "Raqqa")


def _evidence(pk: int) -> list[dict[str, object]]:
    """Evidence spans as the extractor leaves them: a few fields, each with its words and offsets."""
    return [
        {"field": field, "text": "قصفت قوات النظام", "start": 10 * i, "end": 10 * i + 16}
        for i, field in enumerate(("trigger", "actor1", "location", "event_date", "fatalities")[: 3 + pk % 3])
    ]


def build(path: Path, n_events: int) -> None:
    """A SQLite store of `n_events` events with their evidence, and a fifth as many reports."""
    with Store.open(path) as store:
        synthesise(store, n_events, max(n_events // 5, 100))
        with store.engine.begin() as c:
            rows = [{"e": pk, "ev": _evidence(pk)} for pk in range(1, n_events + 1)]
            c.execute(update(Event).where(Event.pk == bindparam("e")).values(evidence=bindparam("ev")), rows)
            c.execute(
                update(EventSource)
                .where(EventSource.event_pk == bindparam("e"))
                .values(extracted=bindparam("x")),
                [{"e": r["e"], "x": {"evidence": r["ev"]}} for r in rows],
            )
        store.writer.analyze()


def requests(rng: random.Random) -> tuple[str, str]:
    """One request of the mix: (endpoint name for the figures, path and query)."""
    roll = rng.random()
    if roll < 0.45:
        params = rng.choice(
            (
                "",
                f"offset={rng.randrange(0, 5000, 100)}",
                f"type={rng.choice(TYPES)}",
                f"admin1={rng.choice(GOVERNORATES)}",
                f"since={dt.date(2019 + rng.randrange(6), rng.randint(1, 12), 1)}&until=2025-12-31",
                "actor=Iran",
            )
        )
        return "/api/events", f"/api/events?{params}"
    if roll < 0.70:
        return "map page", "/" + rng.choice(("", f"?admin1={rng.choice(GOVERNORATES)}", f"?type={rng.choice(TYPES)}"))
    if roll < 0.82:
        q = rng.choice(("", f"&admin1={rng.choice(GOVERNORATES)}", f"&type={rng.choice(TYPES)}"))
        return "map data (GeoJSON, 5000)", f"/api/events?format=geojson&limit=5000{q}"
    if roll < 0.94:
        return "/api/events/{id}", f"/api/events/SYR{rng.randint(1, 10_000)}"
    return "/api/actors", "/api/actors"


def client(base: str, until: float, seed: int, timings: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    etags: dict[str, str] = {}
    with httpx.Client(base_url=base, timeout=30, headers={"Accept-Encoding": "gzip"}) as http:
        while time.monotonic() < until:
            name, path = requests(rng)
            headers = {"If-None-Match": etags[path]} if path in etags else {}
            t0 = time.perf_counter()
            try:
                r = http.get(path, headers=headers)
                r.read()
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
                continue
            timings[name].append((time.perf_counter() - t0) * 1000)
            if r.status_code not in (200, 304):
                errors.append(f"{path}: HTTP {r.status_code}")
            elif "etag" in r.headers:
                etags[path] = r.headers["etag"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[str]:
    """`rasid serve` on loopback, once it answers."""
    cmd = [sys.executable, "-c", "from rasid.cli import main; main()", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"rasid serve did not come up: {proc.communicate(timeout=10)[1][-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--events", type=int, default=12_000)
    parser.add_argument("--db", type=Path, help="serve this SQLite store instead of synthesising one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            t0 = time.perf_counter()
            build(db, args.events)
            print(f"synthesised {args.events} events in {time.perf_counter() - t0:.1f}s")
        port = _free_port()
        proc = serve(db, port)
        try:
            timings: dict[str, list[float]] = defaultdict(list)
            errors: list[str] = []
            until = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=client, args=(f"http://127.0.0.1:{port}", until, i, timings, errors))
                for i in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    total = sum(len(v) for v in timings.values())
    load = os.getloadavg()
    print(f"{args.clients} clients, {args.seconds:.0f} s: {total} requests ({total / args.seconds:.1f}/s), "
          f"{len(errors)} errors; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip
    print("     n    p50 ms   p95 ms  endpoint")
    ok = not errors
    for name, values in sorted(timings.items()):
        p50 = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("  ok" if p95 < target else f"  ABOVE TARGET ({target:.0f})")
        ok = ok and (target is None or p95 < target)
        print(f"{len(values):6d} {p50:9.1f} {p95:8.1f}  {name}{verdict}")
    for e in errors[:10]:
        print("error:", e)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
