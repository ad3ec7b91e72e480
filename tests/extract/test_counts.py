"""How tolls attach to events (extract/counts.py), on sentences written for these tests."""

from __future__ import annotations

import pytest

from rasid import extract_report


def _toll(text: str) -> tuple[int | None, int | None]:
    events = extract_report(text).events
    assert events, text
    return events[0].fatalities, events[0].injuries


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("أطلق مسلحون مجهولون النار على شاب في بلدة الشجرة، ما أدى إلى مقتله على الفور.", 1),
        ("اغتال مسلحون مجهولون شابا وشقيقه في بلدة تل شهاب، ما أدى لمقتلهما.", 2),
        ("قتل قيادي في تنظيم داعش واثنان من مرافقيه بغارة جوية قرب بلدة الباغوز.", 3),
        ("قتلت الشرطة محتجا في مدينة كربلاء.", 1),
        ("لقي ما لا يقل عن 21 مدنيا مصرعهم في قصف لقوات النظام على بلدة كفرنبل.", 21),
        ("أسفرت الغارة على بلدة كفركلا عن سقوط قتيل وثلاثة جرحى.", 1),
        ("قتل مواطن وزوجته بقصف على بلدة كفرنبل.", 2),
    ],
)
def test_deaths(text: str, dead: int) -> None:
    assert _toll(text)[0] == dead


def test_deaths_and_injuries_kept_apart() -> None:
    assert _toll("قتل ثلاثة مدنيين في قصف مدفعي على بلدة كفرنبل، وأصيب أربعة.") == (3, 4)
    assert _toll("قتل ثلاثة مدنيين وأصيب أربعة آخرون بقصف مدفعي على بلدة كفرنبل.") == (3, 4)


def test_a_plural_pronoun_counts_nobody() -> None:
    assert _toll("استهدف قصف مدفعي بلدة كفرنبل، ما أدى إلى مقتلهم.")[0] is None


def test_announcing_is_not_a_toll_of_the_wrong_kind() -> None:
    assert _toll("أسفرت الغارة على بلدة كفركلا عن سقوط ثلاثة جرحى.")[0] in (0, None)


def test_count_rules_can_be_switched_off() -> None:
    from rasid.rules import disabled

    with disabled(["counts.pronoun"]):
        assert _toll("أطلق مسلحون مجهولون النار على شاب في بلدة الشجرة، ما أدى إلى مقتله على الفور.")[0] is None
