"""Trigger readings and frames (extract/frames.py): each rule with a sentence it reads and one it spares."""

from __future__ import annotations

from rasid import extract_report


def _subtypes(text: str) -> list[str]:
    return [e.sub_event_type for e in extract_report(text).events]


def test_rule_weapon_words_speak_for_the_weapon() -> None:
    assert _subtypes("استهدفت طائرة مسيّرة انتحارية تركية سيارة عسكرية في بلدة عين عيسى أمس") == ["Air/drone strike"]
    assert _subtypes("فجر انتحاري حزاما ناسفا في سوق بلدة الشحيل أمس") == ["Suicide bomb"]


def test_rule_reading_needs_a_weapon() -> None:
    assert _subtypes("فككت فرق الهندسة عبوتين ناسفتين في بلدة الشحيل أمس") == ["Disrupted weapons use"]
    assert _subtypes("قامت قوات النظام بتفكيك مبنى المدرسة في بلدة حطلة أمس") == []
    assert _subtypes("ألقى مجهولون قنبلة يدوية على منزل في بلدة الشحيل أمس") == ["Grenade"]
    assert "Grenade" not in _subtypes("رمى مجهولون الجثة قرب دوار بلدة الشحيل أمس")


def test_engineers_blowing_up_a_found_device_is_a_disruption() -> None:
    text = "عثر الأهالي على عبوة ناسفة في بلدة الشحيل، وقامت فرق الهندسة بتفجيرها دون وقوع إصابات."
    assert _subtypes(text) == ["Disrupted weapons use"]


def test_rule_negated_outcome() -> None:
    events = extract_report("انفجرت عبوة ناسفة في بلدة الشحيل أمس دون وقوع إصابات").events
    assert [(e.sub_event_type, e.injuries) for e in events] == [("Remote explosive/landmine/IED", None)]
