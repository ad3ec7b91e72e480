"""Fusion throughput: events per second fused through the blocking index, median of 3 runs.

Synthetic events, as the store sees them after extraction: a year of happenings spread over
Syria, each told by one to four reports that jitter the place (±3 km), the date (±1 day),
the actor (a child or the parent) and the sub-type (air strike vs shelling). The events are
fused greedily in report order with `rasid.store.fusion.fuse_all`, the reference the store
follows; the run also says how many fused events came out per true happening, so a fast but
wrong index would show.

    .venv/bin/python benchmarks/fusion.py [--events 100000] [--runs 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from rasid.lexicon.entries import Actor
from rasid.model import ActorRef, Event, Extraction, Location
from rasid.store.fusion import fuse_all

ACTORS = {
    a.id: a
    for a in (
        Actor("iran", "Iran", "state_forces", "External/Other forces", ()),
        Actor("irgc", "IRGC", "foreign_forces", "External/Other forces", (), parent="iran"),
        Actor("fatemiyoun", "Fatemiyoun", "militia", "Political militia", (), parent="irgc"),
        Actor("russia", "Russia", "foreign_forces", "External/Other forces", ()),
        Actor("regime", "Regime", "state_forces", "State forces", ()),
        Actor("sdf", "SDF", "kurdish_forces", "Rebel group", ()),
        Actor("isis", "ISIS", "jihadist", "Rebel group", ()),
    )
}
KINDS = (
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("regime", "russia")),
    ("Explosions/Remote violence", "Air/drone strike", ("russia", "regime")),
    ("Battles", "Armed clash", ("sdf", "isis", "regime")),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", ("isis",)),
    ("Strategic developments", "Arrests", ("sdf", "regime")),
    ("Strategic developments", "Change to group/activity", ("fatemiyoun", "irgc", "russia")),
)
START = date(2021, 1, 1)


def synthetic(n_events: int, seed: int) -> tuple[list[Extraction], int]:
    """About `n_events` single-event reports over a year and Syria's extent, and how many happenings."""
    rng = random.Random(seed)
    happenings = []
    while sum(h[-1] for h in happenings) < n_events:
        etype, sub, actors = rng.choice(KINDS)
        happenings.append(
            (
                etype,
                sub,
                rng.choice(actors),
                32.5 + rng.random() * 4.5,
                35.8 + rng.random() * 6.3,
                rng.randrange(365),
                rng.choice((1, 1, 2, 3, 4)),
            )
        )
    reports = []
    for h, (etype, sub, actor, lat, lon, day, copies) in enumerate(happenings):
        for c in range(copies):
            if etype == "Strategic developments" and actor == "fatemiyoun" and rng.random() < 0.5:
                actor = "irgc"
            told_sub = sub
            if sub == "Air/drone strike" and rng.random() < 0.3:
                told_sub = "Shelling/artillery/missile attack"
            jlat, jlon = lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02)
            when = START + timedelta(days=day + rng.choice((-1, 0, 0, 1)))
            event = Event(
                event_type=etype,
                sub_event_type=told_sub,
                actor1=ActorRef(text=actor, id=actor),
                location=Location(text=f"place-{h}", lat=jlat, lon=jlon, geo_precision=1),
                event_date=when.isoformat(),
                time_precision=1,
            )
            published = (when + timedelta(days=1)).isoformat()
            reports.append(
                Extraction(id=f"r{h}-{c}", outlet=f"outlet-{c}", published=published, events=[event])
            )
    rng.shuffle(reports)
    reports.sort(key=lambda r: r.published or "")
    return reports[:n_events], len(happenings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    reports, happenings = synthetic(args.events, args.seed)
    rates = []
    fused_count = 0
    for run in range(args.runs):
        started = time.perf_counter()
        fused = fuse_all(reports, ACTORS)
        seconds = time.perf_counter() - started
        rates.append(len(reports) / seconds)
        fused_count = len(fused)
        print(f"run {run + 1}: {len(reports):,} events in {seconds:.2f} s = {rates[-1]:,.0f} events/s")
    print(
        f"median: {statistics.median(rates):,.0f} events/s; "
        f"{fused_count:,} fused events for about {happenings:,} happenings"
    )


if __name__ == "__main__":
    main()
