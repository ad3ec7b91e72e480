"""rasid's scorer follows FORMAT.md's rules; each rule is checked on tiny hand-written rows.

Where ../shared is present the figures must also agree with score.py (see test_eval_regression.py).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from rasid.evaluation import EventOutcome, same_surface, score
from rasid.evaluation.assignment import max_weight_assignment
from rasid.evaluation.identity import actor_family
from rasid.evaluation.reliability import reliability_table
from rasid.evaluation.selection import group_by_prefix, id_prefix, report_countries, select_reports
from rasid.evaluation.surfaces import head_contains

GOLD = {
    "id": "t1",
    "text": "قصفت القوات التركية قرية أم الكيف وقرية الطويلة بريف الحسكة.",
    "places": [
        {"surface": "أم الكيف", "kind": "village", "lat": 36.6, "lon": 40.3},
        {"surface": "الطويلة", "kind": "village", "lat": 36.7, "lon": 40.4},
        {"surface": "ريف الحسكة", "kind": "area", "lat": 36.5, "lon": 40.7},
    ],
    "actors": [{"surface": "القوات التركية", "name": "Turkey"}],
    "weapons": [],
    "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": ["Shelling/artillery/missile attack"],
         "actor1": "القوات التركية", "location": "أم الكيف", "fatalities": None, "optional": False},
        {"event_type": "Explosions/Remote violence", "sub_event_type": ["Shelling/artillery/missile attack"],
         "actor1": "القوات التركية", "location": "الطويلة", "fatalities": 0, "optional": False},
    ],
}
SHELLING = {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}


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


def _row(text: str, **gold: Any) -> dict[str, Any]:
    """A gold row over `text` with empty lists where `gold` gives none."""
    return {"id": "r", "text": text, "places": [], "actors": [], "weapons": [], "events": [], **gold}


def _figures(gold: dict[str, Any], mentions: list[dict[str, Any]] = (), events: list[dict[str, Any]] = ()) -> dict[str, Any]:
    return score([gold], [{"id": gold["id"], "mentions": list(mentions), "events": list(events)}]).as_dict()


def _event(location: str | None, **fields: Any) -> dict[str, Any]:
    return {**SHELLING, "actor1": None, "location": location and {"text": location}, "fatalities": None, **fields}


def _gold_event(location: str | None, **fields: Any) -> dict[str, Any]:
    return {**SHELLING, "sub_event_type": [SHELLING["sub_event_type"]], "actor1": None, "location": location,
            "fatalities": None, "optional": False, **fields}


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


def test_errors_name_each_miss_and_false_alarm() -> None:
    errors = score([GOLD], [_system()]).errors
    assert "t1 missed place: الطويلة" in errors and "t1 false place: كفرنبل" in errors
    assert "t1 false event Battles @ None" in errors
    assert any(e.startswith("t1 missed event Explosions/Remote violence @ الطويلة") for e in errors)


# R1: a mention's other spans of the same entity find gold items, for recall only.
def test_r1_alias_span_finds_a_gold_actor_for_recall_only() -> None:
    text = "هاجم الجيش التركي القرية ثم انسحبت القوات التركية منها."
    gold = _row(text, actors=[{"surface": "القوات التركية", "name": "Turkey"}])
    at = text.index("القوات التركية")
    mention = {"kind": "actor", "text": "الجيش التركي", "start": 5, "end": 17}
    assert _figures(gold, [mention])["actor"]["recall"] == 0.0
    aliased = {**mention, "attrs": {"spans": [[at, at + len("القوات التركية")]]}}
    assert _figures(gold, [aliased])["actor"] == {"precision": 0.0, "recall": 1.0, "f1": 0.0, "gold": 1, "system": 1}


def test_r1_alias_span_covering_little_of_the_gold_surface_finds_nothing() -> None:
    text = "انسحبت القوات التركية من القرية."
    gold = _row(text, actors=[{"surface": "القوات التركية", "name": "Turkey"}])
    at = text.index("التركية") + 4  # the last three letters: under half of the gold occurrence
    mention = {"kind": "actor", "text": "قرية", "start": 0, "end": 0, "attrs": {"spans": [[at, at + 3]]}}
    assert _figures(gold, [mention])["actor"]["recall"] == 0.0


# R2: head containment for actors and weapons (weapons also by tail), never by a lone generic word.
def test_r2_head_containment() -> None:
    assert head_contains("القوات التركية", "القوات التركية المتمركزة", "actor")
    assert head_contains("طائرة مسيرة", "مسيرة", "weapon")
    assert not head_contains("طائرة مسيرة", "مسيرة", "actor")  # a tail counts for weapons only
    assert not head_contains("قوات", "قوات النظام", "actor")  # a lone generic word
    assert not head_contains("صواريخ", "صواريخ غراد", "weapon")


def test_r2_containment_matches_actor_mentions_without_offsets() -> None:
    gold = _row("انتشرت القوات التركية المتمركزة في القاعدة.", actors=[{"surface": "القوات التركية المتمركزة"}])
    assert _figures(gold, [{"kind": "actor", "text": "والقوات التركية"}])["actor"]["f1"] == 1.0
    assert _figures(gold, [{"kind": "actor", "text": "وقوات"}])["actor"]["f1"] == 0.0  # not in the text; generic


def test_r2_does_not_apply_to_places() -> None:
    gold = _row("وصلت الدورية إلى ريف حلب.", places=[{"surface": "ريف حلب", "kind": "area"}])
    assert _figures(gold, [{"kind": "place", "text": "ريف حلب الشمالي"}])["place"]["recall"] == 0.0


# R3: the dual ريفي X is read as ريف X.
def test_r3_dual_countryside() -> None:
    assert same_surface("ريفي حلب", "ريف حلب")
    assert same_surface("بريفي حلب", "ريف حلب")
    assert not same_surface("ريفي حلب", "ريف إدلب")
    gold = _row("دارت اشتباكات في ريف حلب.", places=[{"surface": "ريف حلب", "kind": "area"}])
    assert _figures(gold, [{"kind": "place", "text": "ريفي حلب"}])["place"]["f1"] == 1.0


# R4: actor identity by canonical family.
def test_r4_actor_families() -> None:
    turkey = actor_family("Turkey")
    assert turkey == "state:turkey"
    assert actor_family("Military Forces of Turkey - drones") == turkey
    assert actor_family("Turkish Armed Forces") == turkey
    assert actor_family("Government of the United States") == actor_family("American forces") == "state:united states"
    assert actor_family("Syrian Arab Army (2000-)") == "state:syria"
    assert actor_family("Houthi Movement") == actor_family("Houthis")
    assert actor_family("Iran-backed militias") != actor_family("Iran")
    assert actor_family(None) is None


def test_r4_actor1_and_actor_precision_by_canonical() -> None:
    text = "قصفت طائرة مسيرة موقعا للجيش التركي في قرية أم الكيف."
    gold = _row(text, actors=[{"surface": "الجيش التركي", "name": "Turkey"}],
                events=[_gold_event("أم الكيف", actor1="الجيش التركي")])
    drone = {"text": "طائرة مسيرة", "canonical": "Military Forces of Turkey - drones"}
    assert _figures(gold, events=[_event("أم الكيف", actor1=drone)])["actor1_accuracy"] == 1.0
    syria = {**drone, "canonical": "Military Forces of Syria"}
    assert _figures(gold, events=[_event("أم الكيف", actor1=syria)])["actor1_accuracy"] == 0.0
    mention = {"kind": "actor", "text": "طائرة مسيرة", "start": 5, "end": 16, "canonical": drone["canonical"]}
    assert _figures(gold, [mention])["actor"]["precision"] == 1.0
    assert _figures(gold, [{**mention, "canonical": syria["canonical"]}])["actor"]["precision"] == 0.0


# R5: pairs are chosen to match as many events as possible.
def test_r5_optimal_pairing_beats_first_come() -> None:
    text = "قصف على قرية أم الكيف وقرية الطويلة."
    places = [{"surface": "أم الكيف", "kind": "village", "lat": 36.6, "lon": 40.3},
              {"surface": "الطويلة", "kind": "village", "lat": 36.65, "lon": 40.35}]
    gold = _row(text, places=places, events=[_gold_event("أم الكيف"), _gold_event("الطويلة")])
    # The first system event lies within 15 km of both places; the second names only أم الكيف.
    near_both = {**_event(None), "location": {"text": "الريف", "lat": 36.62, "lon": 40.32}}
    assert _figures(gold, events=[near_both, _event("أم الكيف")])["events"]["recall"] == 1.0
    battle = {**_event("الطويلة"), "event_type": "Battles"}
    assert _figures(gold, events=[battle, _event("أم الكيف")])["events"]["recall"] == 0.5


def test_r5_required_gold_events_win_over_optional_ones() -> None:
    gold = _row("قصف على قرية أم الكيف.", events=[_gold_event("أم الكيف", optional=True), _gold_event("أم الكيف")])
    assert _figures(gold, events=[_event("أم الكيف")])["events"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "system": 1}


def test_r5_ties_prefer_the_agreeing_pair() -> None:
    gold = _row("قصف على قرية أم الكيف.", events=[_gold_event("أم الكيف", fatalities=2)])
    wrong, right = _event("أم الكيف", fatalities=1), _event("أم الكيف", fatalities=2)
    assert _figures(gold, events=[wrong, right])["fatalities_accuracy"] == 1.0


# R6: an optional "Same …" twin of one required event is an alternative location of it.
def test_r6_same_twin_is_an_alternative_location() -> None:
    text = "قصفت القوات قرية أم الكيف وقرية الطويلة."
    twin = _gold_event("الطويلة", optional=True, summary="Same shelling, on Tawila")
    gold = _row(text, events=[_gold_event("أم الكيف"), twin])
    assert _figures(gold, events=[_event("الطويلة")])["events"]["recall"] == 1.0
    unrelated = {**twin, "summary": "Shelling of Tawila"}
    gold_without_twin = _row(text, events=[_gold_event("أم الكيف"), unrelated])
    assert _figures(gold_without_twin, events=[_event("الطويلة")])["events"]["recall"] == 0.0


def test_null_fatalities_are_zero() -> None:
    gold = _row("قصف على قرية أم الكيف.", events=[_gold_event("أم الكيف", fatalities=0)])
    assert _figures(gold, events=[_event("أم الكيف", fatalities=None)])["fatalities_accuracy"] == 1.0
    gold_two = _row("قصف على قرية أم الكيف.", events=[_gold_event("أم الكيف", fatalities=2)])
    assert _figures(gold_two, events=[_event("أم الكيف", fatalities=None)])["fatalities_accuracy"] == 0.0


def test_assignment_maximises_the_summed_weight() -> None:
    assert sorted(max_weight_assignment([[5, 4], [4, 0]])) == [(0, 1), (1, 0)]
    assert max_weight_assignment([[0, 3, 0]]) == [(0, 1)]
    assert max_weight_assignment([[0], [0]]) == []
    assert max_weight_assignment([]) == []


def test_selection_by_id_pattern_country_and_prefix() -> None:
    rows = [
        {"id": "s2_01", "places": [{"country": "SY"}, {"country": "SY"}, {"country": "IQ"}]},
        {"id": "a2_01", "places": [{"country": "YE"}, {"country": "SA"}]},
        {"id": "d01", "places": []},
    ]
    assert report_countries(rows[0]) == {"SY"} and report_countries(rows[1]) == {"YE", "SA"}
    assert [r["id"] for r in select_reports(rows, ["s2_*"])] == ["s2_01"]
    assert [r["id"] for r in select_reports(rows, ["s2_*", "d*"])] == ["s2_01", "d01"]
    assert [r["id"] for r in select_reports(rows, country="sa")] == ["a2_01"]
    assert select_reports(rows, ["s2_*"], country="IQ") == []
    assert id_prefix("d3a_04") == "d3a_" and id_prefix("d01") == ""
    assert list(group_by_prefix(rows)) == ["s2_", "a2_", ""]


def test_agrees_with_reference_scorer(shared_eval: Path) -> None:
    spec = importlib.util.spec_from_file_location("reference_score", shared_eval / "score.py")
    assert spec and spec.loader
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    gold = [json.loads(line) for line in (shared_eval / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    system = [_system()]
    gold.append(GOLD)
    errors: list[str] = []
    assert score(gold, system).as_dict() == reference.score(gold, system, errors)
    assert score(gold, system).errors == errors


def test_reliability_bins_share_right_events() -> None:
    outcomes = [
        EventOutcome("r", 0, 0.05, None),
        EventOutcome("r", 1, 0.3, "required"),  # 0.3 lies in the 0.3–0.4 bin despite float rounding
        EventOutcome("r", 2, 0.35, None),
        EventOutcome("r", 3, 0.38, "optional"),
        EventOutcome("r", 4, 1.0, "required"),
        EventOutcome("r", 5, None, "required"),
    ]
    table = reliability_table(outcomes)
    assert [(b.low, b.events, b.right, b.optional) for b in table] == [(0.0, 1, 0, 0), (0.3, 3, 1, 1), (0.9, 1, 1, 0)]
    assert [b.share_right for b in table] == [0.0, 0.5, 1.0]
    assert table[1].mean_confidence == pytest.approx(0.343, abs=1e-3)


def test_outcomes_follow_the_pairing() -> None:
    gold = _row("قصف على قرية أم الكيف.", events=[_gold_event("أم الكيف")])
    battle = {**_event("أم الكيف"), "event_type": "Battles", "confidence": 0.4}
    outcomes = score([gold], [{"id": "r", "mentions": [], "events": [battle, {**_event("أم الكيف"), "confidence": 0.9}]}]).outcomes
    assert [(o.index, o.confidence, o.paired) for o in outcomes] == [(0, 0.4, None), (1, 0.9, "required")]
