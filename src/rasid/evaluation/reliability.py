"""Reliability of event confidence: in each confidence bin, the share of events that are right.

An event is right when the scorer pairs it with a required gold event; events paired with an
optional gold event are neither right nor wrong (as in event precision) and are counted apart.
A well-calibrated confidence has a share close to the bin's mean confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rasid.evaluation.tally import EventOutcome

BIN_WIDTH = 0.1


@dataclass(frozen=True)
class ReliabilityBin:
    """Events whose confidence lies in [low, high)."""

    low: float
    high: float
    events: int
    right: int
    optional: int
    mean_confidence: float

    @property
    def share_right(self) -> float | None:
        """Right events among those scored (optional pairs left out)."""
        scored = self.events - self.optional
        return round(self.right / scored, 3) if scored else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"low": self.low, "high": self.high, "events": self.events, "right": self.right,
                "optional": self.optional, "mean_confidence": self.mean_confidence, "share_right": self.share_right}


def reliability_table(outcomes: Iterable[EventOutcome], width: float = BIN_WIDTH) -> list[ReliabilityBin]:
    """The non-empty bins of `width`, lowest first; events without a confidence are left out."""
    bins: dict[int, list[EventOutcome]] = {}
    for o in outcomes:
        if o.confidence is not None:
            index = min(int(o.confidence / width + 1e-9), round(1 / width) - 1)
            bins.setdefault(index, []).append(o)
    table = []
    for index in sorted(bins):
        members = bins[index]
        confidences = [o.confidence for o in members if o.confidence is not None]
        table.append(ReliabilityBin(
            low=round(index * width, 3),
            high=round((index + 1) * width, 3),
            events=len(members),
            right=sum(o.paired == "required" for o in members),
            optional=sum(o.paired == "optional" for o in members),
            mean_confidence=round(sum(confidences) / len(confidences), 3),
        ))
    return table
