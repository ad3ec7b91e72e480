"""Why each field of an event has its value: the rules that set it and the words they read.

`explain_report` runs extraction with the rule trace on (`rasid.rules.tracing`) and pairs
every field of every event with its evidence (the spans the event layer keeps in
`Event.evidence`) and the rules that fired on the event's sentences for that field.
`rasid extract --explain` prints the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid import rules
from rasid.model import Event, Evidence, Extraction

_EVIDENCE_FIELD = {"event_type": "trigger", "sub_event_type": "trigger"}
"""Fields whose evidence the event layer files under another name."""
_FIELDS = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location",
    "event_date", "fatalities", "injuries", "force", "movement", "modality", "attribution", "confidence",
)


@dataclass(frozen=True, slots=True)
class FieldExplanation:
    """One field of an event: its value, the words it came from, the rules that set it."""

    field: str
    value: str
    evidence: tuple[Evidence, ...]
    rules: tuple[str, ...]


def _value(event: Event, field: str) -> str:
    value: Any = getattr(event, field)
    if value is None or value == []:
        return ""
    if field.startswith(("actor", "assoc_actor")):
        refs = value if isinstance(value, list) else [value]
        return "; ".join(f"{r.text} → {r.canonical or '?'}" for r in refs)
    if field == "location":
        return f"{value.text} → {value.name or '?'}"
    if field == "force":
        return "; ".join(f"{f.count if f.count is not None else '?'} {f.name}" for f in value)
    if field == "movement":
        return "; ".join(f"{m.role}: {m.location.text}" for m in value)
    if field == "attribution":
        return "; ".join(a.name or a.text or a.kind for a in value)
    if field == "event_date":
        return f"{value} (precision {event.time_precision})"
    return str(value)


def _overlaps(firing: rules.Firing, spans: list[tuple[int, int]]) -> bool:
    return any(firing.start < e and s < firing.end for s, e in spans)


def explain_event(event: Event, firings: list[rules.Firing]) -> list[FieldExplanation]:
    """Each field of `event` that has a value or evidence, with the rules that fired on it."""
    sentences = [(ev.start, ev.end) for ev in event.evidence if ev.field == "sentence"]
    out: list[FieldExplanation] = []
    for field in _FIELDS:
        name = _EVIDENCE_FIELD.get(field, field)
        evidence = tuple(ev for ev in event.evidence if ev.field == name or ev.field.startswith(f"{name}."))
        spans = [(ev.start, ev.end) for ev in evidence] or sentences
        value = _value(event, field)
        if not (value or evidence):
            continue  # a field the event leaves empty: no rule set it
        names = tuple(dict.fromkeys(f.rule for f in firings if field in f.fields and _overlaps(f, spans)))
        out.append(FieldExplanation(field, value, evidence, names))
    return out


def explain_report(text: str, **options: Any) -> tuple[Extraction, list[list[FieldExplanation]]]:
    """Extract `text` (options as `extract_report`'s) and explain every event's fields."""
    from rasid.extract.pipeline import extract_report

    with rules.tracing() as firings:
        extraction = extract_report(text, **options)
    return extraction, [explain_event(event, firings) for event in extraction.events]
