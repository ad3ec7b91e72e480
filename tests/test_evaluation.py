"""rasid's scorer follows FORMAT.md; where ../shared is present it must agree with score.py."""

import importlib.util
import json
from pathlib import Path

from rasid.evaluation import same_surface, score

GOLD = {
    "id": "t1",
    "text": "قصفت القوات التركية قرية أم الكيف وقرية الطويلة بريف الحسكة.",
    "places": [
        {"surface": "أم الكيف", "kind": "village", "lat": 36.6, "lon": 40.3},
        {"surface": "الطويلة", "kind": "village", "lat": 36.7, "lon": 40.4},
        {"surface": "ريف الحسكة", "kind": "area", "lat": 36.5, "lon": 40.7},
    ],
    "actors": [{"surface": "القوات التركية"}],
    "weapons": [],
    "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": ["Shelling/artillery/missile attack"],
         "actor1": "القوات التركية", "location": "أم الكيف", "fatalities": None, "optional": False},
        {"event_type": "Explosions/Remote violence", "sub_event_type": ["Shelling/artillery/missile attack"],
         "actor1": "القوات التركية", "location": "الطويلة", "fatalities": 0, "optional": False},
    ],
}


def _system() -> dict:
    text = GOLD["text"]
    s = text.index("أم الكيف")
    return {
        "id": "t1",
        "mentions": [
            {"kind": "place", "text": "أم الكيف", "start": s, "end": s + 8, "lat": 36.61, "lon": 40.31},
            {"kind": "place", "text": "الحسكة", "start": text.index("الحسكة"), "end": text.index("الحسكة") + 6, "lat": 36.5, "lon": 40.74},
            {"kind": "actor", "text": "القوات التركية", "start": 5, "end": 19},
            {"kind": "place", "text": "كفرنبل", "start": 0, "end": 0, "lat": 35.6, "lon": 36.5},
        ],
        "events": [
            {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
             "actor1": {"text": "القوات التركية"}, "location": {"text": "أم الكيف", "lat": 36.61, "lon": 40.31}, "fatalities": None},
            {"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None, "location": None, "fatalities": None},
        ],
    }


def test_surface_normalisation_and_clitics() -> None:
    assert same_surface("وقوات النظام", "قوات النظام")
    assert same_surface("للنظام", "النظام")
    assert same_surface("إدلب", "ادلب")
    assert not same_surface("حلب", "حماة")


def test_hand_computed_figures() -> None:
    s = score([GOLD], [_system()]).as_dict()
    # places: أم الكيف found; ريف الحسكة found by overlap with الحسكة; الطويلة missed; كفرنبل is false.
    assert s["place"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667, "gold": 3, "system": 3}
    assert s["geocoding_accuracy"] == 1.0 and s["geocoding_n"] == 2
    assert s["actor"]["f1"] == 1.0
    assert s["events"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "system": 2}
    assert s["sub_event_type_accuracy"] == 0.0
    assert s["actor1_accuracy"] == 1.0
    assert s["fatalities_accuracy"] is None


def test_agrees_with_reference_scorer(shared_eval: Path) -> None:
    spec = importlib.util.spec_from_file_location("reference_score", shared_eval / "score.py")
    assert spec and spec.loader
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    gold = [json.loads(line) for line in (shared_eval / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    system = [_system()]
    gold.append(GOLD)
    assert score(gold, system).as_dict() == reference.score(gold, system)
