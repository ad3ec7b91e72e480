"""Cross-report fusion: the sameness rules, blocking, merging, and the same-happening corpus end to end.

The unit tests use hand-built events and their own small actor hierarchy, so they test
fusion alone, whatever the extractor and the lexicon do this week.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from rasid.lexicon.entries import Actor
from rasid.model import ActorRef, Event, Evidence, Extraction, ForceItem, Location
from rasid.store.fusion import (
    FusableEvent,
    SourceInfo,
    acled_source,
    candidate_keys,
    conservative_count,
    date_window,
    evidence_by_source,
    fuse_all,
    fused_confidence,
    index_keys,
    joins,
    merge,
    names_its_means,
    same_happening,
    same_place,
    source_scale,
)

CORPUS = Path(__file__).parent / "corpus" / "same_happening.jsonl"

ACTORS = {
    a.id: a
    for a in (
        Actor("iran", "Iran", "state_forces", "External/Other forces", ()),
        Actor("irgc", "IRGC", "foreign_forces", "External/Other forces", (), parent="iran"),
        Actor("fatemiyoun", "Fatemiyoun", "militia", "Political militia", (), parent="irgc"),
        Actor("zainabiyoun", "Zainabiyoun", "militia", "Political militia", (), parent="irgc"),
        Actor("russia", "Russian forces", "foreign_forces", "External/Other forces", ()),
        Actor("sdf", "SDF", "kurdish_forces", "Rebel group", ()),
        Actor("isis", "ISIS", "jihadist", "Rebel group", ()),
        Actor("gunmen", "Unidentified armed group", "other", "Political militia", (), generic=True),
    )
}

HATLA = Location(text="حطلة", name="Hatla", id="p-hatla", lat=35.37, lon=40.19, admin2="dz", admin3="dz-1")
HATLA_NEAR = Location(
    text="مراط", name="Marrat", id="p-marrat", lat=35.40, lon=40.13, admin2="dz", admin3="dz-2"
)
MAYADIN = Location(text="الميادين", name="Al-Mayadin", id="p-mayadin", lat=35.02, lon=40.45, admin2="my")
DZ_COUNTRYSIDE = Location(
    text="ريف دير الزور الشرقي", name="Deir ez-Zor countryside", kind="area", lat=35.2, lon=40.4,
    admin2="dz", geo_precision=3,
)  # fmt: skip


def ref(actor_id: str | None, text: str = "x") -> ActorRef:
    return ActorRef(text=text, id=actor_id, canonical=ACTORS[actor_id].name if actor_id else None)


def ev(
    sub: str = "Shelling/artillery/missile attack",
    *,
    etype: str | None = None,
    loc: Location | None = HATLA,
    day: str | None = "2021-05-03",
    precision: int = 1,
    a1: str | None = "irgc",
    a2: str | None = None,
    fatalities: int | None = None,
    confidence: float = 0.5,
    **kw: object,
) -> Event:
    from rasid.model import SUB_EVENT_TYPES

    return Event(
        event_type=etype or SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        actor1=ref(a1) if a1 else None,
        actor2=ref(a2) if a2 else None,
        location=loc,
        event_date=day,
        time_precision=precision,
        fatalities=fatalities,
        confidence=confidence,
        **kw,  # type: ignore[arg-type]
    )


def fe(event: Event, published: date | None = None) -> FusableEvent:
    return FusableEvent.from_event(event, published)


def same(a: Event, b: Event, pa: date | None = None, pb: date | None = None) -> bool:
    result = same_happening(fe(a, pa), fe(b, pb), ACTORS)
    assert result == same_happening(fe(b, pb), fe(a, pa), ACTORS), "the rule must be symmetric"
    return result


# --- same_happening ---------------------------------------------------------------------------


def test_identical_events_are_one_happening() -> None:
    assert same(ev(), ev())


def test_event_type_must_match() -> None:
    assert not same(ev("Shelling/artillery/missile attack"), ev("Armed clash", a2="sdf"))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Shelling/artillery/missile attack", "Air/drone strike", True),
        ("Armed clash", "Non-state actor overtakes territory", True),
        ("Remote explosive/landmine/IED", "Suicide bomb", True),
        ("Air/drone strike", "Remote explosive/landmine/IED", False),
        ("Arrests", "Change to group/activity", False),
        ("Disrupted weapons use", "Arrests", False),
    ],
)
def test_sub_type_compatibility(a: str, b: str, expected: bool) -> None:
    assert same(ev(a), ev(b)) is expected


def test_air_strike_and_shelling_are_one_only_when_a_report_is_vague() -> None:
    def bombard(sub: str, trigger: str) -> Event:
        return ev(sub, evidence=[Evidence(field="trigger", text=trigger, start=0, end=len(trigger))])

    air = bombard("Air/drone strike", "غارات جوية")
    guns = bombard("Shelling/artillery/missile attack", "قذائف المدفعية")
    vague = bombard("Shelling/artillery/missile attack", "قصف")
    assert names_its_means(air) and names_its_means(guns) and not names_its_means(vague)
    assert not same(air, guns), "aircraft and guns: two bombardments"
    assert same(air, vague) and same(guns, vague)
    drone = ev(
        "Air/drone strike",
        force=[ForceItem(kind="weapon", name="drone", category="drone", text="مسيرة", start=0, end=5)],
    )
    assert names_its_means(drone) and not same(drone, guns)


@pytest.mark.parametrize(
    ("day_a", "prec_a", "day_b", "prec_b", "expected"),
    [
        ("2021-05-03", 1, "2021-05-05", 1, True),  # ±2 days
        ("2021-05-03", 1, "2021-05-06", 1, False),  # three days apart: another day's strike
        ("2021-05-03", 2, "2021-05-10", 1, True),  # a week-precision date covers ±7 days
        ("2021-05-03", 2, "2021-05-12", 1, False),
        ("2021-05-15", 3, "2021-05-29", 1, True),  # month precision: any day of the month
        ("2021-05-15", 3, "2021-06-05", 1, False),
        ("2021-05-31", 1, "2021-06-01", 1, True),  # across a month boundary
    ],
)
def test_dates_respect_time_precision(
    day_a: str, prec_a: int, day_b: str, prec_b: int, expected: bool
) -> None:
    assert same(ev(day=day_a, precision=prec_a), ev(day=day_b, precision=prec_b)) is expected


def test_undated_events_fall_back_to_publication_dates() -> None:
    dated = ev(day="2021-05-03")
    undated = ev(day=None)
    assert same(dated, undated, pb=date(2021, 5, 4))
    assert not same(dated, undated, pb=date(2021, 5, 12))
    assert not same(dated, undated), "with neither a date nor a publication date, never fused"
    assert date_window(None, 1, None) == (None, None)


def test_locations_within_10_km_same_admin3_or_place() -> None:
    assert same(ev(loc=HATLA), ev(loc=HATLA_NEAR)), "about 6 km apart"
    assert not same(ev(loc=HATLA), ev(loc=MAYADIN)), "about 45 km apart"
    far_same_admin3 = MAYADIN.model_copy(update={"admin3": "dz-1", "id": "p-other"})
    assert same(ev(loc=HATLA), ev(loc=far_same_admin3))
    no_coords = Location(text="حطلة", id="p-hatla")
    assert same(ev(loc=HATLA), ev(loc=no_coords))
    assert not same(ev(loc=None), ev(loc=None)), "no place ties two unlocated events"


def test_a_region_matches_points_of_its_own_district_only() -> None:
    assert same(ev(loc=HATLA), ev(loc=DZ_COUNTRYSIDE))
    assert not same(ev(loc=MAYADIN), ev(loc=DZ_COUNTRYSIDE))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("irgc", "irgc", True),
        ("fatemiyoun", "irgc", True),  # child and parent
        ("fatemiyoun", "iran", True),  # grandchild
        ("fatemiyoun", "zainabiyoun", True),  # siblings under the IRGC
        ("gunmen", "isis", True),  # generic: anyone
        (None, "isis", True),  # unknown
        ("unknown-id", "isis", True),  # not in the lexicon
        ("russia", "irgc", False),
        ("sdf", "isis", False),
    ],
)
def test_actor_compatibility(a: str | None, b: str | None, expected: bool) -> None:
    ea = ev(a1=None) if a is None else ev(a1=None).model_copy(update={"actor1": ActorRef(text="x", id=a)})
    eb = ev(a1=b)
    assert same(ea, eb) is expected


def test_battle_sides_may_be_swapped_but_not_shelling_sides() -> None:
    assert same(ev("Armed clash", a1="sdf", a2="isis"), ev("Armed clash", a1="isis", a2="sdf"))
    assert not same(ev(a1="sdf", a2="isis"), ev(a1="isis", a2="sdf"))


def test_planned_and_happened_are_not_one_happening() -> None:
    assert not same(ev(modality="planned"), ev())


# --- blocking -----------------------------------------------------------------------------------


def test_blocking_keys_find_every_matching_pair() -> None:
    """Whenever two events are the same happening, one's candidate keys meet the other's index keys."""
    rng = random.Random(7)
    subs = ["Shelling/artillery/missile attack", "Air/drone strike", "Armed clash"]
    events = []
    for _ in range(600):
        lat, lon = 35.0 + rng.random() * 0.5, 40.0 + rng.random() * 0.5
        loc = Location(
            text="x", lat=lat, lon=lon, admin3=f"a3-{rng.randint(0, 5)}", admin2=f"a2-{rng.randint(0, 1)}",
            geo_precision=rng.choice([1, 1, 1, 2, 3]), id=rng.choice([None, None, "p1", "p2"]),
        )  # fmt: skip
        if rng.random() < 0.1:
            loc = loc.model_copy(update={"lat": None, "lon": None})
        day = date(2021, 5, 1).toordinal() + rng.randint(0, 40)
        events.append(
            fe(
                ev(
                    rng.choice(subs),
                    loc=loc,
                    day=date.fromordinal(day).isoformat() if rng.random() > 0.1 else None,
                    precision=rng.choice([1, 1, 2, 3]),
                    a1=None,
                ),
                date.fromordinal(day + 1),
            )
        )
    pairs = 0
    for i, a in enumerate(events):
        probes = set(candidate_keys(a))
        for b in events[i + 1 :]:
            if same_happening(a, b, ACTORS):
                pairs += 1
                assert probes & set(index_keys(b)), (a, b)
                assert set(candidate_keys(b)) & set(index_keys(a)), (a, b)
    assert pairs > 100


# --- merging ------------------------------------------------------------------------------------


SOURCES = [
    SourceInfo("r1", "Deir Ezzor 24", date(2021, 5, 4)),
    SourceInfo("r2", "SOHR", date(2021, 5, 4)),
    SourceInfo("r3", "Enab Baladi", date(2021, 5, 5)),
]


def test_merge_keeps_the_most_specific_and_the_conservative() -> None:
    events = [
        ev(
            "Shelling/artillery/missile attack",
            loc=DZ_COUNTRYSIDE,
            day="2021-05-15",
            precision=3,
            fatalities=5,
        ),
        ev("Air/drone strike", a1="fatemiyoun", fatalities=3, confidence=0.6),
        ev("Air/drone strike", a1="irgc", fatalities=None, day="2021-05-04", precision=1),
    ]
    merged = merge(events, SOURCES, ACTORS)
    assert merged.location == HATLA
    assert merged.event_date == "2021-05-03" and merged.time_precision == 1
    assert merged.fatalities == 3, "the lowest credible figure, not the sum"
    assert merged.sub_event_type == "Air/drone strike"
    assert merged.actor1 is not None and merged.actor1.id == "fatemiyoun", "the most specific actor"
    assert [a.id for a in merged.assoc_actor_1] == ["irgc"]
    assert merged.confidence > max(e.confidence for e in events)
    assert "Deir Ezzor 24; SOHR; Enab Baladi" in merged.notes


def test_merge_does_not_depend_on_the_members_order() -> None:
    events = [
        ev("Air/drone strike", loc=HATLA, a1="fatemiyoun", fatalities=4, notes="a"),
        ev(
            "Air/drone strike",
            loc=HATLA.model_copy(update={"text": "بلدة حطلة"}),
            a1="zainabiyoun",
            notes="b",
        ),
        ev("Shelling/artillery/missile attack", loc=HATLA_NEAR, a1="irgc", fatalities=6, notes="c"),
    ]
    fields = {"event_type", "sub_event_type", "actor1", "location", "event_date", "fatalities", "confidence"}
    first = merge(events, SOURCES, ACTORS).model_dump(include=fields)
    for order in ([2, 1, 0], [1, 0, 2], [1, 2, 0]):
        shuffled = merge([events[i] for i in order], [SOURCES[i] for i in order], ACTORS)
        assert shuffled.model_dump(include=fields) == first


def test_merge_unions_force_items_at_their_largest_count() -> None:
    def item(name: str, count: int) -> ForceItem:
        return ForceItem(kind="vehicle", name=name, count=count, text=name, start=0, end=3)

    a = ev("Change to group/activity", force=[item("technical", 3)])
    b = ev("Change to group/activity", force=[item("technical", 5), item("tank", 2)])
    merged = merge([a, b], SOURCES[:2], ACTORS)
    assert {(f.name, f.count) for f in merged.force} == {("technical", 5), ("tank", 2)}


def test_merge_drops_a_generic_line_another_report_names_precisely() -> None:
    def item(name: str, count: int | None, kind: str = "vehicle") -> ForceItem:
        return ForceItem(kind=kind, name=name, count=count, text=name, start=0, end=3)

    a = ev(
        "Change to group/activity",
        force=[item("military vehicles", 20), item("weapons (unspecified)", None, "weapon")],
    )
    b = ev(
        "Change to group/activity",
        force=[item("4x4 pickup trucks (technicals)", 20), item("BM-21 Grad MLRS", 1, "weapon")],
    )
    merged = merge([a, b], SOURCES[:2], ACTORS)
    assert {(f.name, f.count) for f in merged.force} == {
        ("4x4 pickup trucks (technicals)", 20),
        ("BM-21 Grad MLRS", 1),
    }
    c = ev("Change to group/activity", force=[item("military vehicles", 30), item("tanks", 5)])
    assert {f.name for f in merge([c, a], SOURCES[:2], ACTORS).force} == {
        "military vehicles",
        "tanks",
        "weapons (unspecified)",
    }


def test_battle_members_with_swapped_sides_merge_side_by_side() -> None:
    a = ev("Armed clash", a1="sdf", a2="isis", confidence=0.7)
    b = ev("Armed clash", a1="isis", a2="sdf")
    merged = merge([a, b], SOURCES[:2], ACTORS)
    assert merged.actor1 and merged.actor1.id == "sdf" and merged.actor2 and merged.actor2.id == "isis"
    assert merged.assoc_actor_1 == [] and merged.assoc_actor_2 == []


def test_conservative_count() -> None:
    assert conservative_count([None, None]) is None
    assert conservative_count([0, None]) == 0
    assert conservative_count([0, 4, 2]) == 2
    assert conservative_count([7]) == 7


def test_source_fields_and_tagged_evidence() -> None:
    assert acled_source([*SOURCES, SourceInfo("r4", "SOHR")]) == "Deir Ezzor 24; SOHR; Enab Baladi"
    assert source_scale(SOURCES[:1]) == "Subnational"
    assert source_scale(SOURCES[1:]) == "National-Other"
    assert source_scale([SourceInfo("r", "Some Blog")]) == "Other"
    assert source_scale([SourceInfo("r", "Some Blog", scale="Local")]) == "Local"
    events = [ev(evidence=[Evidence(field="location", text="حطلة", start=5, end=9)]) for _ in range(2)]
    tagged = evidence_by_source(events, SOURCES[:2])
    assert [t.report_id for t in tagged] == ["r1", "r2"]
    assert len(merge(events, SOURCES[:2], ACTORS).evidence) == 2


def test_confidence_counts_each_outlet_once() -> None:
    events = [ev(confidence=0.5), ev(confidence=0.5)]
    same_outlet = [SourceInfo("a", "SOHR"), SourceInfo("b", "SOHR")]
    assert fused_confidence(events, same_outlet) == 0.5
    assert fused_confidence(events, SOURCES[:2]) == 0.75


def test_fuse_all_groups_reports_and_keeps_one_reports_places_apart() -> None:
    extractions = [
        Extraction(id="r1", outlet="SOHR", published="2021-05-04", events=[ev(), ev(loc=HATLA_NEAR)]),
        Extraction(id="r2", outlet="Enab Baladi", published="2021-05-04", events=[ev("Air/drone strike")]),
        Extraction(id="r3", outlet="SY24", published="2021-05-09", events=[ev(day="2021-05-08")]),
    ]
    fused = fuse_all(extractions, ACTORS)
    assert [len(f.members) for f in fused] == [2, 1, 1], "Hatla and Marrat, 6 km apart, named apart by r1"
    assert fused[0].source == "SOHR; Enab Baladi"
    assert [s.report_id for s in fused[0].sources] == ["r1", "r2"]


def test_one_report_telling_one_happening_twice_fuses() -> None:
    quarter = Location(text="أحياء سكنية", lat=HATLA.lat, lon=HATLA.lon, admin2="dz", geo_precision=2)
    report = Extraction(
        id="r1",
        published="2021-05-04",
        events=[ev(loc=quarter, a1=None), ev(), ev(loc=DZ_COUNTRYSIDE), ev(loc=HATLA_NEAR)],
    )
    fused = fuse_all([report], ACTORS)
    assert [len(f.members) for f in fused] == [3, 1]
    assert fused[0].event.location == HATLA


def test_joins_and_same_place() -> None:
    hatla, near, region = fe(ev()), fe(ev(loc=HATLA_NEAR)), fe(ev(loc=DZ_COUNTRYSIDE))
    assert joins(hatla, near, actors=ACTORS) and not joins(hatla, near, same_report=True, actors=ACTORS)
    assert same_place(hatla, region) and not same_place(near, fe(ev(loc=MAYADIN)))
    assert not joins(hatla, fe(ev(day="2021-05-09")), same_report=True, actors=ACTORS)


# --- the corpus, end to end -----------------------------------------------------------------------


def _corpus() -> list[dict[str, str]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_corpus_is_well_formed() -> None:
    rows = _corpus()
    assert len({r["id"] for r in rows}) == len(rows)
    per = Counter(r["happening"] for r in rows)
    multi = [h for h, n in per.items() if n >= 3]
    singles = [h for h, n in per.items() if n == 1]
    assert len(multi) >= 10 and len(singles) >= 10
    for r in rows:
        assert r["text"] and r["outlet"] and date.fromisoformat(r["published"])
    for h in multi:
        assert len({r["outlet"] for r in rows if r["happening"] == h}) >= 2


def fusion_figures(
    rows: list[dict[str, str]], fused_groups: list[set[str]], events_per_report: dict[str, int]
):
    """Duplicate rate before/after fusion and the share of distinct happenings wrongly merged.

    Each fused event is labelled with the happenings of its member reports. Duplicate
    events of a happening = the fused events labelled with it, beyond the first; the rate is
    extra events / all events. A happening is wrongly merged when some fused event also
    holds another happening's report.
    """
    happenings = {r["happening"] for r in rows}
    label = {r["id"]: r["happening"] for r in rows}
    before_events = sum(events_per_report.values())
    before_extra = 0
    by_happening: dict[str, int] = defaultdict(int)
    for rid, n in events_per_report.items():
        by_happening[label[rid]] += n
    before_extra = sum(max(0, n - 1) for n in by_happening.values())
    after_by_happening: dict[str, int] = defaultdict(int)
    wrongly_merged: set[str] = set()
    for group in fused_groups:
        labels = {label[rid] for rid in group}
        for h in labels:
            after_by_happening[h] += 1
        if len(labels) > 1:
            wrongly_merged |= labels
    after_events = len(fused_groups)
    after_extra = sum(max(0, n - 1) for n in after_by_happening.values())
    return {
        "events_before": before_events,
        "duplicate_rate_before": before_extra / before_events if before_events else 0.0,
        "events_after": after_events,
        "duplicate_rate_after": after_extra / after_events if after_events else 0.0,
        "wrongly_merged_share": len(wrongly_merged) / len(happenings),
        "happenings_found": len(after_by_happening) / len(happenings),
    }


# What each corpus happening is, as an analyst would code it: (sub-type, place, lat, lon, date, actor1).
FACTS: dict[str, tuple[str, str, float, float, str, str | None]] = {
    "H01": ("Shelling/artillery/missile attack", "Sarmin", 35.904, 36.725, "2021-03-14", None),
    "H02": ("Air/drone strike", "Kansafra", 35.660, 36.485, "2021-06-10", "russia"),
    "H03": ("Armed clash", "Thiban", 35.015, 40.510, "2021-07-02", "sdf"),
    "H04": ("Remote explosive/landmine/IED", "Jasim", 32.992, 36.060, "2021-04-20", None),
    "H05": ("Arrests", "al-Busayrah", 35.156, 40.427, "2021-08-05", "sdf"),
    "H06": ("Change to group/activity", "al-Mayadin", 35.020, 40.450, "2021-05-03", "fatemiyoun"),
    "H07": ("Attack", "Tafas", 32.736, 36.067, "2021-09-12", "gunmen"),
    "H08": ("Air/drone strike", "Makhmur", 35.772, 43.589, "2021-08-17", None),
    "H09": ("Remote explosive/landmine/IED", "Baiji", 34.959, 43.490, "2021-11-02", None),
    "H10": ("Shelling/artillery/missile attack", "Tal Tamr", 36.656, 40.368, "2021-10-20", None),
    "L01": ("Shelling/artillery/missile attack", "Sarmin", 35.904, 36.725, "2021-03-21", None),
    "L02": ("Remote explosive/landmine/IED", "Saraqib", 35.864, 36.806, "2021-03-14", None),
    "L03": ("Shelling/artillery/missile attack", "al-Bara", 35.688, 36.539, "2021-03-14", None),
    "L04": ("Armed clash", "Thiban", 35.015, 40.510, "2021-07-09", "sdf"),
    "L05": ("Arrests", "al-Shaddadi", 36.055, 40.731, "2021-08-05", "sdf"),
    "L06": ("Change to group/activity", "al-Mayadin", 35.020, 40.450, "2021-05-04", "russia"),
    "L07": ("Attack", "Nawa", 32.890, 36.040, "2021-09-12", "gunmen"),
    "L08": ("Air/drone strike", "Makhmur", 35.772, 43.589, "2021-08-26", None),
    "L09": ("Armed clash", "Baiji", 34.959, 43.490, "2021-11-02", None),
    "L10": ("Shelling/artillery/missile attack", "Tal Tamr", 36.656, 40.368, "2021-10-27", None),
    "L11": ("Air/drone strike", "Kansafra", 35.660, 36.485, "2021-06-17", "russia"),
    "L12": ("Remote explosive/landmine/IED", "Jasim", 32.992, 36.060, "2021-04-28", None),
}


def test_corpus_fusion_with_gold_like_events() -> None:
    """Fusion alone: one hand-coded event per corpus report (`FACTS`), fused in report order.

    Reports that date the happening only by "أمس" get no date here, so the publication-date
    fallback is exercised. A miss in this test is fusion's, not the extractor's.
    """
    rows = _corpus()
    extractions = []
    for r in rows:
        sub, place, lat, lon, day, actor = FACTS[r["happening"]]
        event = ev(
            sub,
            loc=Location(text=place, name=place, id=f"p-{place}", lat=lat, lon=lon),
            day=None if "أمس" in r["text"] else day,
            a1=actor,
        )
        extractions.append(
            Extraction(id=r["id"], outlet=r["outlet"], published=r["published"], events=[event])
        )
    fused = fuse_all(extractions, ACTORS)
    figures = fusion_figures(
        rows, [{s.report_id for s in f.sources} for f in fused], {r["id"]: 1 for r in rows}
    )
    assert figures["duplicate_rate_after"] == 0.0, figures
    assert figures["wrongly_merged_share"] == 0.0, figures
    assert figures["duplicate_rate_before"] > 0.4


#: Below this share of corpus happenings with any extracted event, the figures would measure
#: the extractor's silence, not fusion.
MIN_HAPPENINGS_FOUND = 0.9


def test_corpus_end_to_end_with_the_extractor() -> None:
    """The issue's target on our corpus: ≤ 10 % duplicate events after fusion, ≤ 5 % of happenings merged.

    `pytest -s` prints the figures. The test is an expected failure only when the extractor
    finds too few of the happenings for the figures to mean anything.
    """
    from rasid import extract_report

    rows = _corpus()
    extractions = [
        extract_report(r["text"], published=r["published"], outlet=r["outlet"], id=r["id"]) for r in rows
    ]
    fused = fuse_all(extractions)
    figures = fusion_figures(
        rows, [{s.report_id for s in f.sources} for f in fused], {x.id: len(x.events) for x in extractions}
    )
    print("\nsame-happening corpus:", {k: round(v, 3) for k, v in figures.items()})
    if figures["happenings_found"] < MIN_HAPPENINGS_FOUND:
        pytest.xfail(
            f"extraction finds events for only {figures['happenings_found']:.0%} of happenings: {figures}"
        )
    assert figures["duplicate_rate_after"] <= 0.10, figures
    assert figures["wrongly_merged_share"] <= 0.05, figures
