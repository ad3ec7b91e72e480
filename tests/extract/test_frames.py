"""Trigger readings and frames (extract/frames.py): each rule with a sentence it reads and one it spares."""

from __future__ import annotations

from rasid import extract_report


def _subtypes(text: str) -> list[str]:
    return [e.sub_event_type for e in extract_report(text).events]


def test_rule_weapon_words_speak_for_the_weapon() -> None:
    assert _subtypes("استهدفت طائرة مسيّرة انتحارية تركية سيارة عسكرية في بلدة عين عيسى أمس") == ["Air/drone strike"]
    assert _subtypes("فجر انتحاري حزاما ناسفا في سوق بلدة الشحيل أمس") == ["Suicide bomb"]
