"""Scoring extraction output against gold annotations (`../shared/eval/FORMAT.md`).

The rules are FORMAT.md's, and the figures agree with the reference scorer
(`../shared/eval/score.py`, checked by a test): surfaces match by character overlap of
offsets, or by equal normalised text; geocoding is right within 10 km (50 km for
areas, districts, governorates, countries); events match on equal type and matching
location (same surface, overlapping occurrence, or within 15 km); optional gold events
neither count as missed nor turn a match into a false alarm; figures are micro-averaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasid.geo.embedded import km

_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_PUNCT = re.compile(r"[\"'“”«»()\[\]،,.:؛]")
_CLITICS = "وفبلك"
_AREA_KINDS = ("area", "governorate", "country", "district")
KINDS = {"place": "places", "actor": "actors", "weapon": "weapons"}


def norm_surface(s: str | None) -> str:
    """FORMAT.md's surface normalisation (no diacritics/tatweel, one alif, ى→ي, ة→ه)."""
    s = _DIACRITICS.sub("", s or "")
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    s = _PUNCT.sub(" ", s)
    return re.sub(r"\s+", " ", s).strip()


def surface_variants(s: str | None) -> set[str]:
    """A surface with and without a leading clitic, and لل read as ال."""
    s = norm_surface(s)
    out = {s}
    if len(s) > 3 and s[0] in _CLITICS:
        out.add(s[1:])
    if s.startswith("لل"):
        out.add("ال" + s[2:])
    return out


def same_surface(a: str | None, b: str | None) -> bool:
    return bool(surface_variants(a) & surface_variants(b))


def occurrences(text: str, surface: str | None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if not surface:
        return spans
    i = text.find(surface)
    while i >= 0:
        spans.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def text_of(x: Any) -> str | None:
    if x is None:
        return None
    if isinstance(x, dict):
        return x.get("text") or x.get("name")
    return str(x)


@dataclass
class Tally:
    """Counts for precision (system side) and recall (gold side)."""

    found: int = 0
    gold: int = 0
    right: int = 0
    system: int = 0

    def figures(self) -> dict[str, float | int]:
        r = self.found / self.gold if self.gold else 0.0
        p = self.right / self.system if self.system else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": self.gold, "system": self.system}


@dataclass
class Scores:
    """Everything `rasid eval` prints; `errors` lists each miss and false alarm."""

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

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: t.figures() for k, t in self.entities.items()}
        out["geocoding_accuracy"] = round(self.geo_ok / self.geo_n, 3) if self.geo_n else None
        out["geocoding_n"] = self.geo_n
        out["events"] = self.events.figures()
        out["sub_event_type_accuracy"] = round(self.sub_ok / self.matched, 3) if self.matched else None
        out["actor1_accuracy"] = round(self.actor_ok / self.matched, 3) if self.matched else None
        out["fatalities_accuracy"] = round(self.fat_ok / self.fat_n, 3) if self.fat_n else None
        return out


def _span_of(text: str, m: dict[str, Any]) -> tuple[int, int] | None:
    """A system mention's offsets, or the first occurrence of its text when it has none."""
    if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
        return m["start"], m["end"]
    occ = occurrences(text, m.get("text", ""))
    return occ[0] if occ else None


def _score_entities(scores: Scores, gold: dict[str, Any], mentions: list[dict[str, Any]]) -> None:
    text, rid = gold["text"], gold["id"]
    for kind, gold_field in KINDS.items():
        items = gold.get(gold_field) or []
        system = [m for m in mentions if m.get("kind") == kind]
        gold_spans = [occurrences(text, it["surface"]) for it in items]

        def hit(m: dict[str, Any], i: int, items: list[dict[str, Any]] = items, spans: list = gold_spans) -> bool:
            sp = _span_of(text, m)
            if sp and any(_overlap(sp, o) for o in spans[i]):
                return True
            return same_surface(m.get("text", ""), items[i]["surface"])

        tally = scores.entities[kind]
        for i, item in enumerate(items):
            hits = [m for m in system if hit(m, i)]
            tally.gold += 1
            if not hits:
                scores.errors.append(f"{rid} missed {kind}: {item['surface']}")
                continue
            tally.found += 1
            if kind == "place" and item.get("lat") is not None:
                scores.geo_n += 1
                radius = 50 if item.get("kind") in _AREA_KINDS else 10
                if any(km(m.get("lat"), m.get("lon"), item["lat"], item["lon"]) <= radius for m in hits):
                    scores.geo_ok += 1
                else:
                    got = [(m.get("lat"), m.get("lon")) for m in hits]
                    scores.errors.append(f"{rid} geo {item['surface']}: gold {item['lat']},{item['lon']} system {got}")
        for m in system:
            tally.system += 1
            if any(hit(m, i) for i in range(len(items))):
                tally.right += 1
            else:
                scores.errors.append(f"{rid} false {kind}: {m.get('text')}")


def _location_matches(text: str, places: dict[str, dict[str, Any]], se: dict[str, Any], ge: dict[str, Any]) -> bool:
    sl = se.get("location") or {}
    gl = ge.get("location")
    if not gl:
        return not text_of(se.get("location"))
    st = text_of(sl) or ""
    if st and same_surface(st, gl):
        return True
    if st and any(_overlap(a, b) for a in occurrences(text, st) for b in occurrences(text, gl)):
        return True
    gp = places.get(norm_surface(gl))
    if gp and gp.get("lat") is not None:
        return km(sl.get("lat"), sl.get("lon"), gp["lat"], gp["lon"]) <= 15
    return False


def _score_events(scores: Scores, gold: dict[str, Any], events: list[dict[str, Any]]) -> None:
    text, rid = gold["text"], gold["id"]
    places = {norm_surface(p["surface"]): p for p in gold.get("places") or []}
    gold_events = gold.get("events") or []
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, ge in enumerate(gold_events):
        for si, se in enumerate(events):
            if si not in used and se.get("event_type") == ge["event_type"] and _location_matches(text, places, se, ge):
                used.add(si)
                pairs.append((gi, si))
                break
    matched_gold = {gi for gi, _ in pairs}
    required = [i for i, ge in enumerate(gold_events) if not ge.get("optional")]
    optional_sys = {si for gi, si in pairs if gold_events[gi].get("optional")}
    scores.events.gold += len(required)
    scores.events.found += sum(1 for i in required if i in matched_gold)
    scores.events.system += len(events) - len(optional_sys)
    scores.events.right += sum(1 for gi, _ in pairs if not gold_events[gi].get("optional"))
    for gi, si in pairs:
        ge, se = gold_events[gi], events[si]
        if ge.get("optional"):
            continue
        scores.matched += 1
        subs = ge["sub_event_type"] if isinstance(ge["sub_event_type"], list) else [ge["sub_event_type"]]
        if se.get("sub_event_type") in subs:
            scores.sub_ok += 1
        else:
            scores.errors.append(f"{rid} subtype {se.get('sub_event_type')} not in {subs}")
        ga, sa = ge.get("actor1"), text_of(se.get("actor1"))
        if (ga is None and sa is None) or (
            ga and sa and (same_surface(ga, sa) or any(_overlap(a, b) for a in occurrences(text, sa) for b in occurrences(text, ga)))
        ):
            scores.actor_ok += 1
        else:
            scores.errors.append(f"{rid} actor1 {sa!r} vs gold {ga!r}")
        if ge.get("fatalities") is not None:
            scores.fat_n += 1
            if se.get("fatalities") == ge["fatalities"]:
                scores.fat_ok += 1
            else:
                scores.errors.append(f"{rid} fatalities {se.get('fatalities')} vs gold {ge['fatalities']}")
    for i in required:
        if i not in matched_gold:
            ge = gold_events[i]
            scores.errors.append(f"{rid} missed event {ge['event_type']} @ {ge.get('location')}: {ge.get('summary', '')}")
    for si, se in enumerate(events):
        if si not in used:
            scores.errors.append(f"{rid} false event {se.get('event_type')} / {se.get('sub_event_type')} @ {text_of(se.get('location'))}")


def score(gold_rows: Iterable[dict[str, Any]], system_rows: Iterable[dict[str, Any]]) -> Scores:
    """Score system output (dicts in the output contract) against gold rows."""
    by_id = {row.get("id"): row for row in system_rows}
    scores = Scores()
    for gold in gold_rows:
        out = by_id.get(gold["id"], {"mentions": [], "events": []})
        _score_entities(scores, gold, out.get("mentions") or [])
        _score_events(scores, gold, out.get("events") or [])
    return scores
