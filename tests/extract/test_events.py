"""End-to-end event extraction on short sentences written for these tests."""

from __future__ import annotations

import pytest

from rasid import extract_report
from rasid.model import Event, Extraction


def _events(text: str, **kw: object) -> list[Event]:
    return extract_report(text, **kw).events  # type: ignore[arg-type]


def _one(text: str, **kw: object) -> Event:
    events = _events(text, **kw)
    assert len(events) == 1, [(e.sub_event_type, e.location and e.location.text) for e in events]
    return events[0]


def test_reinforcement_with_force_and_destination() -> None:
    text = (
        "أرسلت الميليشيات الإيرانية تعزيزات عسكرية إلى بلدة حطلة في ريف دير الزور الشمالي. "
        "وتضم التعزيزات أربع سيارات دفع رباعي مزودة بمضادات أرضية عيار 23 ملم، و30 عنصراً من لواء فاطميون."
    )
    e = _one(text)
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Change to group/activity")
    assert e.actor1 is not None and e.actor1.text == "الميليشيات الإيرانية"
    assert e.location is not None and e.location.text == "حطلة"
    assert any(m.role == "destination" and m.location.text == "حطلة" for m in e.movement)
    by_kind = {(f.kind, f.count) for f in e.force}
    assert ("vehicle", 4) in by_kind
    assert ("personnel", 30) in by_kind
    assert any(f.calibre_mm == 23 for f in e.force)
    assert any(a.text.endswith("فاطميون") for a in e.assoc_actor_1)
    assert e.fatalities == 0


def test_several_places_struck_become_several_events() -> None:
    events = _events("قصفت القوات التركية بالمدفعية الثقيلة قرى تل طويل والعبوش وأم الكيف شمالي بلدة تل تمر.")
    assert len(events) == 3
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
    assert {e.location.text for e in events if e.location} == {"تل طويل", "العبوش", "أم الكيف"}
    assert all(e.actor1 and e.actor1.text == "القوات التركية" for e in events)


def test_air_strike_with_fatalities_and_date() -> None:
    e = _one("شنت طائرات حربية روسية، صباح أمس، غارات على مدينة سراقب شرقي إدلب، ما أدى إلى مقتل ثلاثة مدنيين.", published="2023-04-10")
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert e.location is not None and e.location.text == "سراقب"
    assert e.fatalities == 3
    assert e.event_date == "2023-04-09" and e.time_precision == 1


def test_ied_against_soldiers() -> None:
    e = _one("انفجرت عبوة ناسفة بسيارة عسكرية تابعة لقوات النظام قرب مدينة الصنمين شمالي درعا، ما أسفر عن مقتل عنصرين.")
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.location is not None and e.location.text == "الصنمين"
    assert e.fatalities == 2


def test_killing_of_civilian_is_an_attack_and_of_a_fighter_a_clash() -> None:
    civilian = _one("اغتال مسلحون مجهولون مدنياً في مدينة الميادين شرقي دير الزور.")
    assert (civilian.event_type, civilian.sub_event_type) == ("Violence against civilians", "Attack")
    fighter = _one("قُتل عنصر من قوات النظام برصاص مسلحين مجهولين في مدينة جاسم شمالي درعا.")
    assert (fighter.event_type, fighter.sub_event_type) == ("Battles", "Armed clash")
    assert fighter.fatalities == 1


def test_clash_between_two_sides() -> None:
    e = _one("اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش قرب مدينة السخنة في بادية حمص.")
    assert e.sub_event_type == "Armed clash"
    assert e.actor1 is not None and e.actor1.text == "قوات النظام"
    assert e.actor2 is not None and e.actor2.text == "تنظيم داعش"


def test_withdrawal_is_located_where_forces_left() -> None:
    e = _one("انسحبت القوات الروسية من مدينة منبج باتجاه مدينة الطبقة.")
    assert e.sub_event_type == "Change to group/activity"
    assert e.location is not None and e.location.text == "منبج"
    assert {m.role for m in e.movement} >= {"origin", "destination"}


def test_arrests() -> None:
    e = _one("اعتقلت قوات سوريا الديمقراطية خمسة أشخاص خلال حملة مداهمة في بلدة الشحيل بريف دير الزور الشرقي.")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")
    assert e.actor1 is not None and e.actor1.text == "قوات سوريا الديمقراطية"


def test_evidence_spans_point_into_the_text() -> None:
    text = "قصفت قوات النظام بقذائف الهاون بلدة كفرنبل جنوبي إدلب."
    result: Extraction = extract_report(text)
    assert result.events
    for ev in result.events:
        assert ev.notes and ev.notes[0].isupper()
        for span in ev.evidence:
            assert text[span.start : span.end] == span.text
    for m in result.mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("bad", ["", "   \n", "The army shelled the town yesterday.", "x\x00y"])
def test_bad_input_is_refused_with_a_reason(bad: str) -> None:
    from rasid import InputError

    with pytest.raises(InputError):
        extract_report(bad)


def test_outcome_before_cause_and_dual_victims() -> None:
    e = _one("قُتل مدنيان وأصيب ثلاثة آخرون، مساء أمس السبت، جراء قصف مدفعي لقوات النظام استهدف بلدة سرمين شرقي إدلب.")
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.actor1 is not None and e.actor1.text == "قوات النظام"
    assert (e.fatalities, e.injuries) == (2, 3)
    strike = _one("أعلن جهاز مكافحة الإرهاب العراقي مقتل خمسة من عناصر داعش بضربة جوية لطيران التحالف الدولي في وادي الشاي جنوبي كركوك.")
    assert strike.sub_event_type == "Air/drone strike" and strike.fatalities == 5
    assert strike.actor2 is not None and "داعش" in strike.actor2.text


def test_generic_actor_gives_way_to_the_named_group() -> None:
    e = _one("اعتقلت دورية تابعة للأمن العسكري ثلاثة شبان في مدينة نوى بريف درعا الغربي.")
    assert e.sub_event_type == "Arrests"
    assert e.actor1 is not None and e.actor1.canonical and "Military Intelligence" in e.actor1.canonical


def test_nationality_adjective_names_the_actor() -> None:
    e = _one("دخل رتل عسكري تركي مؤلف من 30 آلية عبر معبر كفرلوسين الحدودي، واتجه نحو ريف حلب الغربي.")
    assert e.sub_event_type == "Change to group/activity"
    assert e.actor1 is not None and e.actor1.id == "turkish_forces"


def test_a_grievance_is_not_an_event() -> None:
    events = _events("تظاهر المئات من أهالي مدينة الباب، اليوم الجمعة، احتجاجاً على انتشار التفجيرات في المدينة.")
    assert [e.event_type for e in events] == ["Protests"]


def test_victims_listed_before_the_verb_are_added_up() -> None:
    e = _one("أفاد مصدر محلي بأن امرأة وثلاثة أطفال قتلوا بانفجار لغم أرضي قرب مدينة الرقة.")
    assert e.sub_event_type == "Remote explosive/landmine/IED" and e.fatalities == 4
    assert _one("مدنيان قتلا بقصف مدفعي على بلدة سرمين.").fatalities == 2


def test_rule_generic_violence_restates() -> None:
    text = (
        "قصفت طائرات حربية إسرائيلية سيارة في بلدة كفركلا أمس. "
        "وقال مصدر محلي إن الاستهداف طال سيارة مدنية في بلدة كفركلا ما أدى إلى مقتل مدنيين اثنين."
    )
    events = _events(text, published="2023-11-21")
    assert [(e.sub_event_type, e.location and e.location.text) for e in events] == [("Air/drone strike", "كفركلا")]
    assert events[0].fatalities == 2


def test_generic_violence_at_another_place_stays_apart() -> None:
    text = "قصفت طائرات حربية إسرائيلية سيارة في بلدة كفركلا أمس. وهاجم مسلحون حاجزا للجيش في بلدة الشحيل."
    assert len(_events(text, published="2023-11-21")) == 2
