"""Groups outside the lexicon, recognised by the shape of their names (sentences written for these tests)."""

from __future__ import annotations

from rasid import extract_report


def _unknown(text: str) -> list[tuple[str, str]]:
    return [
        (m.text, m.attrs["inter"])
        for m in extract_report(text).mentions
        if m.kind == "actor" and m.attrs.get("unknown")
    ]


def test_named_battalion_is_an_actor() -> None:
    assert ("كتيبة الفاروق", "Rebel group") in _unknown("هاجم مقاتلو كتيبة الفاروق حاجزا في مدينة حمص.")


def test_numbered_brigade_is_a_state_unit() -> None:
    assert ("لواء 74", "State forces") in _unknown("هاجم مسلحون نقطة تابعة للواء 74 في قرية صخر.")


def test_battalion_named_after_a_town() -> None:
    assert [t for t, _ in _unknown("اشتبك مقاتلو كتيبة مسكنة مع قوات النظام في ريف حلب الشرقي.")] == ["كتيبة مسكنة"]


def test_rank_before_a_person_is_no_group() -> None:
    assert _unknown("وصل اللواء محمد إلى مدينة حلب.") == []


def test_head_without_a_name_is_no_group() -> None:
    assert _unknown("أرسلت قوات كبيرة تعزيزات إلى مدينة حلب.") == []
    assert _unknown("انسحبت قوات الطرفين من مدينة الزاوية.") == []


def test_known_groups_are_not_unknown() -> None:
    assert _unknown("قصفت قوات النظام بلدة كفرنبل.") == []


def test_unknown_group_can_act() -> None:
    events = extract_report("دارت اشتباكات بين كتيبة الفاروق وقوات النظام في مدينة حمص.").events
    assert events and events[0].actor1 is not None and events[0].actor1.text == "كتيبة الفاروق"


def test_a_word_that_refers_back_is_no_name() -> None:
    assert _unknown("انسحبت قوات الحركة من مدينة الزاوية.") == []
