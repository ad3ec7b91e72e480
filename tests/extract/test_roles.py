"""The role rules of `rasid.extract.roles`, each with a sentence where it fires and one where it must not.

The sentences are written for these tests. `_roles` returns the first event's actors with the
names of the rules that chose them (the evidence `rasid extract --explain` shows).
"""

from __future__ import annotations

import pytest

from rasid import extract_report, rules
from rasid.rules import disabled, enabled


def _roles(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    events = extract_report(text, min_confidence=0).events  # roles, whatever the event's confidence
    assert events, text
    e = events[0]
    rules = {ev.field: ev.rule for ev in e.evidence}
    return (
        e.actor1.text if e.actor1 else None,
        rules.get("actor1"),
        e.actor2.text if e.actor2 else None,
        rules.get("actor2"),
    )


def test_agent_phrase_fires_after_burst_of_fire() -> None:
    assert _roles("قتل مدني برصاص قوات النظام في بلدة طفس بريف درعا.")[:2] == ("قوات النظام", "roles.agent_phrase")


def test_agent_phrase_needs_its_marker() -> None:
    assert _roles("قصفت قوات النظام بلدة كفرنبل جنوبي إدلب.")[1] != "roles.agent_phrase"


def test_battle_sides_first_side_after_between() -> None:
    a1, rule1, a2, _ = _roles("دارت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في بادية حمص الشرقية.")
    assert (a1, rule1) == ("قوات النظام", "roles.battle_sides")
    assert a2 == "تنظيم داعش"


def test_battle_sides_only_in_battles() -> None:
    assert _roles("قصفت القوات التركية مواقع بين قرية العريمة وقرية الدندنية.")[1] != "roles.battle_sides"


def test_verb_subject_after_the_verb() -> None:
    assert _roles("قصفت القوات التركية قرية أم الكيف شمالي تل تمر.")[:2] == ("القوات التركية", "roles.verb_subject")


def test_verb_subject_not_when_a_weapon_is_the_subject() -> None:
    a1, _, a2, _ = _roles("استهدفت عبوة ناسفة دورية لقوات النظام قرب مدينة الصنمين.")
    assert a1 is None and a2 == "قوات النظام"


def test_generic_word_gives_way_to_the_named_force() -> None:
    assert _roles("هاجم مسلحون من تنظيم داعش قرية صخر في قضاء المقدادية.")[:2] == ("تنظيم داعش", "roles.verb_subject")
    a1, _, a2, _ = _roles("داهمت دورية للأمن العسكري منزلا في مدينة جاسم.")
    assert a1 == "للأمن العسكري" and a2 is None


def test_craft_nationality_names_the_state() -> None:
    a1, _, _, _ = _roles("قصف مدفعي تركي على قرية أم الكيف شمالي تل تمر.")
    assert a1 is not None


def test_craft_without_nationality_names_nobody() -> None:
    assert _roles("استهدفت طائرة مسيرة سيارة قرب مدينة القامشلي.")[0] is None


def test_preceding_subject_in_svo() -> None:
    assert _roles("قوات النظام تقصف بلدة كفرنبل جنوبي إدلب.")[:2] == ("قوات النظام", "roles.preceding_subject")


def test_preceding_victims_are_not_the_subject() -> None:
    a1, _, a2, rule2 = _roles("مقتل عنصر من قوات النظام بقصف على بلدة كفرنبل جنوبي إدلب.")
    assert a1 is None and (a2, rule2) == ("قوات النظام", "roles.victims_before")


def test_crowd_acts_in_a_protest() -> None:
    assert _roles("خرج المتظاهرون في مدينة السويداء للمطالبة بإسقاط النظام.")[:2] == ("المتظاهرون", "roles.crowd")


def test_marked_target_after_a_target_noun() -> None:
    _, _, a2, rule2 = _roles("شنت القوات التركية هجوما على مواقع قوات سوريا الديمقراطية في قرية العريمة.")
    assert (a2, rule2) == ("قوات سوريا الديمقراطية", "roles.marked_target")


def test_verb_object_after_the_subject() -> None:
    a1, _, a2, rule2 = _roles("أعدم تنظيم داعش راعي أغنام في بادية حمص.")
    assert a1 == "تنظيم داعش" and rule2 == "roles.verb_object" and a2 is not None


def test_unmarked_second_actor_of_a_list_is_not_a_target() -> None:
    _, _, a2, _ = _roles("أرسلت الميليشيات الإيرانية وحزب الله تعزيزات إلى بلدة حطلة.")
    assert a2 is None


def test_named_group_stands_for_its_patrol() -> None:
    a1, rule1, _, _ = _roles("اعتقلت دورية تابعة للأمن العسكري شابا في مدينة جاسم.")
    assert a1 is not None and a1.endswith("لأمن العسكري") and rule1 == "roles.named_over_generic"


def test_generic_agent_without_a_named_group_stays() -> None:
    assert _roles("اعتقل عناصر شابا في مدينة جاسم.")[1] != "roles.named_over_generic"


def test_a_rule_switched_off_does_not_fire() -> None:
    text = "قتل مدني برصاص قوات النظام في بلدة طفس بريف درعا."
    with disabled(["roles.agent_phrase"]):
        assert not enabled("roles.agent_phrase")
        assert _roles(text)[1] != "roles.agent_phrase"
    assert enabled("roles.agent_phrase")


def test_unknown_rule_names_are_refused() -> None:
    with pytest.raises(rules.UnknownRuleError), disabled(["roles.no_such_rule"]):
        pass


def test_every_role_rule_is_registered() -> None:
    from rasid.extract.roles import AGENT_RULES, TARGET_RULES

    for name, _ in AGENT_RULES + TARGET_RULES:
        assert rules.get(name).doc and rules.get(name).fields


def test_agent_phrase_before_the_head() -> None:
    a1, rule1, _, _ = _roles("وأسفرت العملية، التي نفذها الجيش العراقي قرب قرية صخر، عن مقتل عنصرين من تنظيم داعش.")
    assert (a1, rule1) == ("الجيش العراقي", "roles.agent_phrase")


def test_instrument_owner_is_the_agent() -> None:
    a1, rule1, _, _ = _roles("قتل خمسة أشخاص إثر قصف جوي شنته طائرة مسيرة تابعة لقوات النظام على مدينة سراقب.")
    assert (a1, rule1) == ("قوات النظام", "roles.instrument_owner")


def test_owner_of_a_vehicle_is_not_the_agent() -> None:
    a1, _, a2, rule2 = _roles("استهدفت طائرة مسيرة تركية عجلة تابعة لحزب العمال الكردستاني قرب قرية ميسكا.")
    assert a1 != "حزب العمال الكردستاني"
    assert (a2, rule2) == ("حزب العمال الكردستاني", "roles.owner_of_target")


def test_owner_of_target_only_in_violence() -> None:
    assert _roles("أنشأت قوات النظام نقطة تابعة للفرقة الرابعة في بلدة خراب الشحم.")[3] != "roles.owner_of_target"


def test_claimant_of_an_attack_is_its_agent() -> None:
    a1, rule1, _, _ = _roles("أعلنت كتيبة الفاروق استهداف حاجز لقوات النظام في مدينة حمص.")
    assert (a1, rule1) == ("كتيبة الفاروق", "roles.claimant")


def test_announcing_a_death_is_not_causing_it() -> None:
    assert _roles("أعلنت وزارة الدفاع التركية مقتل جندي في قصف على قاعدة قرب مدينة الباب.")[1] != "roles.claimant"


def test_the_ministry_refers_back_to_the_ministry_named() -> None:
    from rasid.extract.doc import Doc
    from rasid.extract.pipeline import default_pipeline

    text = "أعلنت وزارة الداخلية السورية ضبط مستودع أسلحة في بلدة كفر عبد. وصادرت الوزارة أمس مستودعا آخر في بلدة تلبيسة."
    doc = Doc(text)
    for name, component in default_pipeline().components():
        if name == "anaphora":
            component(doc)
            break
        component(doc)
    anaphor = [m for m in doc.mentions if m.kind == "actor" and m.attrs.get("anaphor")]
    assert [m.text for m in anaphor] == ["الوزارة"] and anaphor[0].canonical == doc.mentions_of("actor")[0].canonical


def test_a_ministry_word_without_a_ministry_named_refers_to_nobody() -> None:
    events = extract_report("وصادرت الوزارة أمس مستودعا للأسلحة في بلدة تلبيسة.").events
    assert events and events[0].actor1 is None


def test_the_factions_refer_back_to_the_factions_named() -> None:
    text = "سيطرت فصائل المعارضة السورية على بلدة قبتان بعد اشتباكات مع قوات النظام. وأعلنت الفصائل السيطرة على بلدة كفرنبل."
    events = extract_report(text).events
    assert len(events) == 2 and events[1].actor1 is not None
    assert events[1].actor1.canonical == events[0].actor1.canonical


def test_the_factions_with_no_group_named_stay_generic() -> None:
    assert _roles("قصفت الفصائل بلدة كفرنبل.")[0] == "الفصائل"
