"""The counts a scoring run accumulates, and the figures `rasid eval` prints from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = {"place": "places", "actor": "actors", "weapon": "weapons"}  # mention kind → gold field


@dataclass
class Tally:
    """Counts for recall (gold side: found of gold) and precision (system side: right of system)."""

    found: int = 0
    gold: int = 0
    right: int = 0
    system: int = 0

    def add(self, found: int, gold: int, right: int, system: int) -> None:
        self.found += found
        self.gold += gold
        self.right += right
        self.system += system

    def figures(self) -> dict[str, float | int]:
        r = self.found / self.gold if self.gold else 0.0
        p = self.right / self.system if self.system else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": self.gold, "system": self.system}


@dataclass(frozen=True)
class EventOutcome:
    """What became of one system event: paired with a required gold event, an optional one, or none."""

    report_id: str
    index: int
    confidence: float | None
    paired: str | None  # "required", "optional" or None


@dataclass
class Scores:
    """Everything `rasid eval` prints; `errors` lists each miss and false alarm as score.py words them."""

    entities: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    events: Tally = field(default_factory=Tally)
    geo_ok: int = 0
    geo_n: int = 0
    matched: int = 0
    sub_ok: int = 0
    actor_ok: int = 0
    fat_ok: int = 0
    fat_n: int = 0
    errors: list[str] = field(default_factory=list)
    outcomes: list[EventOutcome] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The figures, keyed as the reference scorer keys them."""
        out: dict[str, Any] = {k: t.figures() for k, t in self.entities.items()}
        out["geocoding_accuracy"] = _share(self.geo_ok, self.geo_n)
        out["geocoding_n"] = self.geo_n
        out["events"] = self.events.figures()
        out["sub_event_type_accuracy"] = _share(self.sub_ok, self.matched)
        out["actor1_accuracy"] = _share(self.actor_ok, self.matched)
        out["fatalities_accuracy"] = _share(self.fat_ok, self.fat_n)
        return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
