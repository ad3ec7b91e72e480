"""Actor mentions that depend on the report: local names (rule `local_actor_name`)."""

from __future__ import annotations

import pytest

from rasid import extract_report, rules


def _actors(text: str) -> dict[str, str | None]:
    """Surface → actor id of each actor mention."""
    return {m.text: m.id for m in extract_report(text).mentions if m.kind == "actor"}


@pytest.mark.parametrize(
    ("text", "surface", "actor_id"),
    [
        # fires: the report's places or its local actors say which country's army is meant
        ("هاجم الجيش الوطني مواقع للحوثيين في محافظة مأرب.", "الجيش الوطني", "yemen_national_army"),
        ("قصفت القوات المسلحة مواقع الدعم السريع قرب المدينة.", "القوات المسلحة", "saf"),
        ("أعلنت المقاومة الشعبية صد هجوم لقوات الدعم السريع.", "المقاومة الشعبية", "sudan_mobilised"),
        ("أعلنت المقاومة الشعبية صد هجوم لمليشيا الحوثي.", "المقاومة الشعبية", "yemen_popular_resistance"),
        ("انتشر الجيش في بلدات الجنوب بعد انسحاب حزب الله.", "الجيش", "lebanese_army"),
        # does not fire: elsewhere the name keeps its general meaning
        ("اشتبك الجيش الوطني مع قسد في ريف حلب الشمالي.", "الجيش الوطني", "sna"),
    ],
)
def test_local_name_is_the_reports_actor(text: str, surface: str, actor_id: str) -> None:
    assert _actors(text).get(surface) == actor_id


def test_local_name_without_a_country_names_nobody() -> None:
    """A bare local name with nothing to place the report (القوات المسلحة) is no actor mention."""
    assert "القوات المسلحة" not in _actors("قصفت القوات المسلحة مواقع المتمردين.")


def test_local_name_rule_can_be_switched_off() -> None:
    text = "هاجم الجيش الوطني مواقع للحوثيين في محافظة مأرب."
    assert "mentions.local_actor_name" in {r.name for r in rules.registered("mentions")}
    with rules.disabled(["mentions.local_actor_name"]):
        assert _actors(text).get("الجيش الوطني") == "sna"  # the name's general meaning
