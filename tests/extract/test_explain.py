"""`--explain`: every field of every event with its evidence and the rules that set it."""

from __future__ import annotations

import pytest

from rasid import rules
from rasid.extract.explain import explain_report
from rasid.extract.pipeline import extract_report

_TEXT = "قصفت قوات النظام بلدة حطلة في ريف دير الزور أمس، ما أدى إلى مقتل ثلاثة مدنيين."


def test_each_field_has_its_value_and_evidence() -> None:
    extraction, explained = explain_report(_TEXT, published="2024-03-05")
    assert len(explained) == len(extraction.events) >= 1
    fields = {f.field: f for f in explained[0]}
    assert fields["location"].value.startswith("حطلة")
    assert any(ev.text == "حطلة" for ev in fields["location"].evidence)
    assert fields["event_date"].value.startswith("2024-03-04")
    assert fields["sub_event_type"].evidence  # the trigger word


def test_unknown_rule_name_is_refused() -> None:
    with pytest.raises(rules.UnknownRuleError):
        extract_report(_TEXT, disable=["no.such_rule"])


def test_quantity_rules_explain_the_toll_and_not_the_empty_fields() -> None:
    _, explained = explain_report("قصفت قوات النظام بلدة حطلة أمس، ما أدى إلى مقتل نحو 12 مدنيا.", published="2024-03-05")
    fields = {f.field: f for f in explained[0]}
    assert "numbers.hedge" in fields["fatalities"].rules
    assert "injuries" not in fields and "force" not in fields
