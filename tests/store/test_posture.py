"""Force posture from hand-built events.

The scenario (our own wording, modelled on the kind of report the seed holds): on 3 May
Iran-backed militias, with IRGC officers and Fatemiyoun fighters, bring about five 4x4
pickups mounting 23 mm anti-aircraft guns, one Grad launcher and some forty fighters into
Hatla, east of Deir ez-Zor. A day earlier most Russian troops left Hatla, keeping one
headquarters with a military-police detachment. Later a convoy is only *planned* for
Hatla, and a base is being built near Dibsi Faraj.
"""

from __future__ import annotations

from datetime import date

import pytest

from rasid.model import ActorRef, Event, Evidence, ForceItem, Location, Movement
from rasid.store.posture import (
    PostureChange,
    PostureRecord,
    Status,
    Strength,
    apply,
    as_of,
    change_kind,
    posture_updates,
)

HATLA = Location(
    text="حطلة", name="Hatla", id="sy-hatla", kind="town", lat=35.37, lon=40.19,
    admin1="Deir ez-Zor", admin2="Deir ez-Zor", geo_precision=1,
)  # fmt: skip
MAYADIN = Location(text="الميادين", name="Al-Mayadin", id="sy-mayadin", kind="city", lat=35.02, lon=40.45)
DIBSI = Location(
    text="دبسي فرج", name="Dibsi Faraj", id="sy-dibsi-faraj", kind="village", lat=35.98, lon=38.6
)

IRAN_MILITIAS = ActorRef(text="الميليشيات الإيرانية", canonical="Iran-backed militias", id="iran_militias")
IRGC = ActorRef(text="الحرس الثوري", canonical="Islamic Revolutionary Guard Corps (IRGC)", id="irgc")
FATEMIYOUN = ActorRef(text="لواء فاطميون", canonical="Fatemiyoun Brigade", id="fatemiyoun")
RUSSIA = ActorRef(text="القوات الروسية", canonical="Russian forces", id="russia")
REGIME = ActorRef(text="قوات النظام", canonical="Syrian regime forces", id="regime")


def _item(kind: str, name: str, count: int | None, approximate: bool = False) -> ForceItem:
    return ForceItem(kind=kind, name=name, count=count, approximate=approximate, text=name, start=0, end=1)


def reinforcement(day: str = "2021-05-03", modality: str = "happened") -> Event:
    return Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=IRAN_MILITIAS,
        assoc_actor_1=[IRGC, FATEMIYOUN],
        location=HATLA,
        event_date=day,
        time_precision=1,
        modality=modality,  # type: ignore[arg-type]
        force=[
            _item("vehicle", "4x4 technical", 5, approximate=True),
            _item("weapon", "ZU-23-2 23 mm AA gun", 5, approximate=True),
            _item("weapon", "BM-21 Grad MLRS", 1),
            _item("personnel", "fighters", 40),
        ],
        movement=[Movement(role="origin", location=MAYADIN), Movement(role="destination", location=HATLA)],
        evidence=[Evidence(field="trigger", text="تعزيزات عسكرية", start=10, end=25)],
    )


def russian_withdrawal(day: str = "2021-05-02") -> Event:
    return Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=RUSSIA,
        location=HATLA,
        event_date=day,
        time_precision=1,
        evidence=[
            Evidence(field="trigger", text="انسحبت معظم القوات الروسية", start=0, end=26),
            Evidence(field="notes", text="وأبقت على مقر واحد لمجموعتين من الشرطة العسكرية", start=40, end=85),
        ],
    )


def test_reinforcement_gives_every_named_actor_a_reinforced_record_with_strength() -> None:
    changes = posture_updates(reinforcement(), "r1", date(2021, 5, 4))
    assert {c.actor_key for c in changes} == {"iran_militias", "irgc", "fatemiyoun"}
    assert all(c.place_key == "sy-hatla" and c.status is Status.REINFORCED for c in changes)
    assert all(c.date == date(2021, 5, 3) and c.report_ids == ("r1",) for c in changes)
    strength = {s.name: s.count for s in changes[0].strength}
    assert strength == {"4x4 technical": 5, "ZU-23-2 23 mm AA gun": 5, "BM-21 Grad MLRS": 1, "fighters": 40}


def test_most_forces_withdrawing_with_a_residual_post_stays_present_reduced() -> None:
    [change] = posture_updates(russian_withdrawal(), "r1", date(2021, 5, 4))
    assert change.status is Status.PRESENT and change.reduced
    assert "reduced" in change.note


def test_full_withdrawal_is_withdrawn_and_clears_strength() -> None:
    full = russian_withdrawal().model_copy(
        update={"evidence": [Evidence(field="trigger", text="انسحبت القوات الروسية", start=0, end=20)]}
    )
    deploy = Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=RUSSIA,
        location=HATLA,
        event_date="2021-04-01",
        force=[_item("personnel", "soldiers", 60)],
        evidence=[Evidence(field="trigger", text="انتشار قوات روسية", start=0, end=15)],
    )
    changes = posture_updates(deploy, "r0", None) + posture_updates(full, "r1", None)
    [record] = as_of(changes)
    assert record.status is Status.WITHDRAWN and not record.present
    assert record.strength == []
    assert record.first_reported == date(2021, 4, 1) and record.last_reported == date(2021, 5, 2)
    assert record.sources == ["r0", "r1"]


def test_planned_movement_changes_nothing() -> None:
    assert posture_updates(reinforcement(modality="planned"), "r1", None) == []


def test_events_that_move_no_forces_change_nothing() -> None:
    strike = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", location=HATLA)
    shipment = Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=IRGC,
        location=HATLA,
        force=[_item("weapon", "ATGM", None)],
        evidence=[Evidence(field="trigger", text="دخلت شحنة أسلحة", start=0, end=14)],
    )
    weapons_only = shipment.model_copy(
        update={"evidence": [Evidence(field="trigger", text="تعزيزات من الأسلحة والذخائر", start=0, end=20)]}
    )
    assert change_kind(strike) is None and posture_updates(strike, "r1", None) == []
    assert change_kind(shipment) is None
    assert change_kind(weapons_only) is None


def test_a_force_named_twice_in_one_event_counts_once() -> None:
    event = reinforcement()
    event = event.model_copy(update={"force": [*event.force, _item("personnel", "fighters", 40)]})
    [change, *_] = posture_updates(event, "r1", None)
    assert {s.name: s.count for s in change.strength}["fighters"] == 40


def test_a_place_named_twice_as_destination_counts_once() -> None:
    event = reinforcement()
    event = event.model_copy(
        update={"movement": [*event.movement, Movement(role="destination", location=HATLA)]}
    )
    changes = posture_updates(event, "r1", None)
    assert len(changes) == 3
    rec = {r.key: r for r in as_of(changes)}[("irgc", "sy-hatla")]
    assert {s.name: s.count for s in rec.strength}["fighters"] == 40


def test_hatla_seed_like_scenario_as_of_dates() -> None:
    """Iran-backed militias (IRGC, Fatemiyoun) reinforced with the listed equipment; Russians mostly gone."""
    changes = (
        posture_updates(russian_withdrawal(), "sy24-1", date(2021, 5, 3), event_key="e2")
        + posture_updates(reinforcement(), "sy24-1", date(2021, 5, 3), event_key="e1")
        + posture_updates(reinforcement("2021-06-10", modality="planned"), "sy24-9", None, event_key="e9")
    )
    records = {r.key: r for r in as_of(changes, date(2021, 5, 31))}
    for actor in ("iran_militias", "irgc", "fatemiyoun"):
        rec = records[(actor, "sy-hatla")]
        assert rec.status is Status.REINFORCED and rec.present
        assert {(s.name, s.count) for s in rec.strength} >= {
            ("4x4 technical", 5),
            ("ZU-23-2 23 mm AA gun", 5),
            ("BM-21 Grad MLRS", 1),
            ("fighters", 40),
        }
        assert rec.sources == ["sy24-1"]
    russia = records[("russia", "sy-hatla")]
    assert russia.status is Status.PRESENT and russia.reduced and russia.present
    # Before either report's date nothing was known.
    assert as_of(changes, date(2021, 5, 1)) == []
    # Only the Russian withdrawal had happened on 2 May.
    assert [r.actor_key for r in as_of(changes, date(2021, 5, 2))] == ["russia"]


def test_second_reinforcement_adds_to_known_strength() -> None:
    changes = posture_updates(reinforcement("2021-05-03"), "r1", None, event_key="e1") + posture_updates(
        reinforcement("2021-05-20"), "r2", None, event_key="e2"
    )
    rec = {r.key: r for r in as_of(changes)}[("iran_militias", "sy-hatla")]
    assert {s.name: s.count for s in rec.strength}["fighters"] == 80
    assert len(rec.changes) == 2 and rec.last_reported == date(2021, 5, 20)


def test_base_under_construction_and_handover() -> None:
    base = Event(
        event_type="Strategic developments",
        sub_event_type="Headquarters or base established",
        actor1=IRAN_MILITIAS,
        location=DIBSI,
        modality="ongoing",
        evidence=[Evidence(field="trigger", text="تبني مقرا عسكريا جديدا", start=0, end=20)],
    )
    [c] = posture_updates(base, "r5", date(2021, 5, 3))
    assert c.status is Status.HQ_UNDER_CONSTRUCTION and c.date == date(2021, 5, 3)

    handover = Event(
        event_type="Strategic developments",
        sub_event_type="Non-violent transfer of territory",
        actor1=RUSSIA,
        actor2=REGIME,
        location=HATLA,
        event_date="2021-05-05",
        evidence=[Evidence(field="trigger", text="سلمت القوات الروسية مواقعها", start=0, end=25)],
    )
    by_actor = {c.actor_key: c.status for c in posture_updates(handover, "r6", None)}
    assert by_actor == {"russia": Status.WITHDRAWN, "regime": Status.PRESENT}
    received = handover.model_copy(
        update={"evidence": [Evidence(field="trigger", text="تسلمت قوات النظام مواقع", start=0, end=20)]}
    )
    by_actor = {c.actor_key: c.status for c in posture_updates(received, "r7", None)}
    assert by_actor == {"russia": Status.PRESENT, "regime": Status.WITHDRAWN}


def test_withdrawal_to_a_destination_makes_the_actor_present_there() -> None:
    event = Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=FATEMIYOUN,
        location=HATLA,
        event_date="2021-05-07",
        movement=[Movement(role="origin", location=HATLA), Movement(role="destination", location=MAYADIN)],
        evidence=[Evidence(field="trigger", text="وانسحب عناصر فاطميون", start=0, end=18)],
    )
    by_place = {c.place_key: c.status for c in posture_updates(event, "r8", None)}
    assert by_place == {"sy-hatla": Status.WITHDRAWN, "sy-mayadin": Status.PRESENT}


@pytest.mark.parametrize("text", ["أخلت القوات الروسية مواقعها", "إخلاء النقطة"])
def test_evacuation(text: str) -> None:
    event = russian_withdrawal().model_copy(
        update={"evidence": [Evidence(field="trigger", text=text, start=0, end=5)]}
    )
    [c] = posture_updates(event, "r1", None)
    assert c.status is Status.EVACUATED


def test_changes_round_trip_through_dicts_and_apply_in_place() -> None:
    changes = posture_updates(reinforcement(), "r1", date(2021, 5, 4), event_key="e1")
    restored = [PostureChange.from_dict(c.to_dict()) for c in changes]
    assert restored == changes
    records: dict[tuple[str, str], PostureRecord] = {}
    for c in restored:
        apply(records, c)
    assert len(records) == 3
    assert Strength("personnel", "fighters", 40) in restored[0].strength
