"""Cutting a report's text into highlighted segments for the templates.

Spans may nest or overlap (an actor inside an evidence span, two events citing the same
words), so instead of nesting tags the text is cut at every span boundary: each piece
carries every span that covers it. The templates then print each piece as escaped text
inside one `<mark>` — no HTML is ever built from the report, so nothing in it can run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """A stretch of the text to highlight: its kind (CSS class) and hover text."""

    start: int
    end: int
    kind: str
    title: str = ""
    ref: str = ""


@dataclass
class Segment:
    """A piece of the text and the spans that cover it (none: plain text)."""

    text: str
    start: int
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.spans})

    @property
    def kind(self) -> str:
        """The innermost (shortest) covering span's kind decides the colour."""
        return min(self.spans, key=lambda s: s.end - s.start).kind if self.spans else ""

    @property
    def title(self) -> str:
        seen: list[str] = []
        for s in sorted(self.spans, key=lambda s: s.end - s.start):
            if s.title and s.title not in seen:
                seen.append(s.title)
        return " · ".join(seen)

    @property
    def css(self) -> str:
        """CSS classes: `hl` plus one `hl-KIND` per covering kind (kinds are our own words)."""
        return " ".join(["hl"] + [f"hl-{_css_word(k)}" for k in self.kinds])


def _css_word(kind: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in kind.lower()) or "x"


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at span boundaries. Spans outside the text or empty are dropped, not fatal."""
    n = len(text)
    valid = []
    for s in spans:
        try:
            start, end = max(0, int(s.start)), min(n, int(s.end))
        except (TypeError, ValueError):
            continue
        if start < end:
            valid.append(Span(start, end, s.kind, s.title, s.ref))
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = [s for s in valid if s.start <= a and b <= s.end]
        if out and not covering and not out[-1].spans:
            out[-1].text += text[a:b]
        else:
            out.append(Segment(text[a:b], a, covering))
    return out


def mention_spans(mentions: list[dict[str, Any]]) -> list[Span]:
    """Spans for a report's mentions; hover shows the canonical name, and place coordinates."""
    out = []
    for m in mentions or []:
        if not isinstance(m, dict):
            continue
        kind = str(m.get("kind") or "mention")
        canonical = m.get("canonical") or m.get("name")
        title = f"{kind}: {canonical}" if canonical else kind
        lat, lon = m.get("lat"), m.get("lon")
        if kind == "place" and isinstance(lat, int | float) and isinstance(lon, int | float):
            title += f" ({lat:.4f}, {lon:.4f})"
        if m.get("start") is None or m.get("end") is None:
            continue
        out.append(Span(m["start"], m["end"], kind, title, str(m.get("id") or "")))
    return out


def evidence_spans(evidence: list[dict[str, Any]]) -> list[Span]:
    """Spans for an event's evidence; hover names the field each stretch supports."""
    out = []
    for e in evidence or []:
        if not isinstance(e, dict) or e.get("start") is None or e.get("end") is None:
            continue
        field = str(e.get("field") or "event")
        kind = "context" if field in CONTEXT_FIELDS else "evidence"
        out.append(Span(e["start"], e["end"], kind, f"evidence for {field}"))
    return out


#: Evidence fields that cite a whole sentence: shown lightly, so the words behind each
#: specific field (trigger, actor, place, force) stand out within it.
CONTEXT_FIELDS = frozenset({"sentence", "context", "clause"})
