"""Where a happening took place (extract/locate.py), on sentences written for these tests."""

from __future__ import annotations

from rasid import extract_report


def _places(text: str) -> list[str]:
    return [e.location.text for e in extract_report(text).events if e.location]


def test_the_place_struck_not_the_base_fired_from() -> None:
    assert _places("قصفت قوات النظام من مواقعها في مدينة خان شيخون قرية التح بريف إدلب.") == ["التح"]
    assert _places("سقطت قذائف مصدرها مواقع قوات النظام في بلدة كفرنبل على قرية التح.") == ["التح"]


def test_positions_struck_are_where_it_happened() -> None:
    assert _places("استهدفت القوات التركية مواقع قسد في قرية أم الكيف.") == ["أم الكيف"]


def test_near_positions_is_where_not_whence() -> None:
    assert _places("استهدف تنظيم داعش آليات لقوات النظام بالقرب من مناطق سد عويرض في بادية حمص.") != []


def test_the_village_not_the_countryside_of_a_town() -> None:
    assert _places("قصفت القوات التركية قرية أم الكيف بريف تل تمر.") == ["أم الكيف"]


def test_the_countryside_alone_still_places_the_event() -> None:
    assert _places("قصفت القوات التركية ريف تل تمر.") != []


def test_fired_from_can_be_switched_off() -> None:
    from rasid.rules import disabled

    with disabled(["locate.fired_from"]):
        assert "خان شيخون" in _places("قصفت قوات النظام من مواقعها في مدينة خان شيخون قرية التح بريف إدلب.")


def test_road_towns_only_say_where_along_the_road() -> None:
    assert _places("استهدفت طائرة مسيرة تركية سيارة قرب قرية دوكركا على طريق القامشلي – المالكية.") == ["دوكركا"]


def test_a_road_alone_still_places_the_event() -> None:
    assert _places("انفجرت عبوة ناسفة على طريق الحسكة - الشدادي.") != []


def test_a_capital_that_speaks_is_no_place() -> None:
    assert "أنقرة" not in _places("تتعرض قرى ريف حلب لقصف تركي تقول أنقرة إنه يستهدف مواقع حزب العمال الكردستاني.")


def test_a_town_that_is_struck_is_a_place() -> None:
    assert _places("قصفت القوات التركية مدينة تل رفعت.") == ["تل رفعت"]
