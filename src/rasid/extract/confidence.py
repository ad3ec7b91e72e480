"""Event confidence: how likely an event is one a careful analyst would code, from cues it carries.

The chance is a logistic function of a few cues read off the finished event (how many
sentences tell it, whether it is set at a point, at a city or in a region, whether it is its
report's only event, whether a source is named, whether its sides and a toll are stated).
The weights are data (`confidence.yaml`), fitted on the tuning reports by
`scripts/fit_confidence.py`, so that an event of confidence 0.7 is right about seven times in
ten there; `rasid eval --reliability` shows how well that holds. Each cue is a rule
(`confidence.<cue>`): it can be switched off, and `--explain` lists the cues that fired.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import yaml

from rasid import rules
from rasid.extract.doc import Doc
from rasid.extract.locate import place_level
from rasid.model import Event, Mention

_MAX_EXTRA_SENTENCES = 2
_HOME = "rasid/extract/confidence.yaml"
_CUE_DOCS = {
    "supporting_sentences": "More sentences of the report tell the event: it is trusted more.",
    "point_place": "The event is set at a village, town, base or another point: it is trusted more.",
    "city": "The event is set at a city, often only a reference point: it is trusted less.",
    "sole_event": "The event is the only one its report yields: it is trusted more.",
    "attributed": "A source is named for the event (a monitor, an official, local sources): it is trusted more.",
    "actor1": "The side that acted is named: the event is trusted more.",
    "actor2": "The side acted upon is named: the event is trusted more.",
    "toll": "A death toll is stated for the event: it is trusted more.",
}
for _cue, _doc in _CUE_DOCS.items():
    rules.declare(f"confidence.{_cue}", _doc, fields=("confidence",), home=f"{_HOME}:{_cue}")


@dataclass(frozen=True)
class Cues:
    """What the confidence of one event is read from (see `confidence.yaml`)."""

    supporting_sentences: int
    point_place: bool
    city: bool
    sole_event: bool
    attributed: bool
    actor1: bool
    actor2: bool
    toll: bool


@dataclass(frozen=True)
class Model:
    """The fitted logistic model, and the confidence under which events are left out by default."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def chance(self, cues: Cues) -> float:
        z = self.bias + sum(self.weights[name] * float(value) for name, value in asdict(cues).items())
        return 1 / (1 + math.exp(-z))


def load_model(path: Path) -> Model:
    """A model file in `confidence.yaml`'s shape; every cue must have a weight, and no other name."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    weights = {str(k): float(v) for k, v in raw["weights"].items()}
    if set(weights) != set(Cues.__dataclass_fields__):
        raise ValueError(f"{path.name} weighs {sorted(weights)}, the cues are {sorted(Cues.__dataclass_fields__)}")
    return Model(float(raw["bias"]), weights, float(raw["threshold"]))


@cache
def model() -> Model:
    """The bundled model (`confidence.yaml`), read once."""
    return load_model(Path(__file__).with_name("confidence.yaml"))


def cues_of(event: Event, place: Mention | None, doc: Doc) -> Cues:
    """The cues of a finished event of `doc`; `place` is the place mention its location was read from."""
    sentences = sum(1 for e in event.evidence if e.field == "sentence")
    return Cues(
        supporting_sentences=min(max(sentences - 1, 0), _MAX_EXTRA_SENTENCES),
        point_place=place is not None and place_level(place) == 0,
        city=place is not None and place.attrs.get("kind") == "city",
        sole_event=len(doc.events) == 1,
        attributed=any(a.kind != "outlet" for a in event.attribution),
        actor1=event.actor1 is not None,
        actor2=event.actor2 is not None,
        toll=event.fatalities is not None,
    )


def _switched(cues: Cues, event: Event) -> Cues:
    """The cues, those whose rule is switched off set to 0; the others that hold are traced on the event's first sentence."""
    sentence = next(((e.start, e.end) for e in event.evidence if e.field == "sentence"), (0, 0))
    values = asdict(cues)
    for name, value in values.items():
        if not rules.enabled(f"confidence.{name}"):
            values[name] = 0
        elif value:
            rules.fired(f"confidence.{name}", *sentence)
    return Cues(**values)


def rate_events(doc: Doc) -> None:
    """Set each event's confidence from its cues."""
    places = {(m.start, m.end): m for m in doc.mentions if m.kind == "place"}
    for event in doc.events:
        loc = event.location
        place = places.get((loc.start, loc.end)) if loc is not None else None
        cues = _switched(cues_of(event, place, doc), event)
        event.confidence = round(model().chance(cues), 2)
