"""The rule registry: names, switches, and the trace `--explain` reads."""

from __future__ import annotations

import pytest

from rasid import rules


@rules.register("testing.sample", fields=("event_date",))
def _sample_rule(text: str) -> str | None:
    """Reads a sample word (a rule for these tests only)."""
    if not rules.enabled("testing.sample"):
        return None
    rules.fired("testing.sample", 0, len(text))
    return text


def test_registered_rule_has_name_doc_fields_and_home() -> None:
    rule = rules.get("testing.sample")
    assert rule.doc == "Reads a sample word (a rule for these tests only)."
    assert rule.fields == ("event_date",) and rule.stage == "testing"
    assert rule.home.endswith("_sample_rule")
    assert rule in rules.registered("testing")


def test_rule_is_switched_off_by_name_or_stage_only_inside_the_block() -> None:
    for name in ("testing.sample", "testing"):
        with rules.disabled([name]):
            assert _sample_rule("x") is None
        assert _sample_rule("x") == "x"


def test_unknown_rule_name_is_an_error() -> None:
    with pytest.raises(rules.UnknownRuleError, match="testing.sampel"), rules.disabled(["testing.sampel"]):
        pass


def test_trace_records_firings_only_while_tracing() -> None:
    _sample_rule("abc")
    with rules.tracing() as firings:
        _sample_rule("abcd")
    _sample_rule("abc")
    assert firings == [rules.Firing("testing.sample", ("event_date",), 0, 4)]


def test_registering_another_rule_under_a_taken_name_fails() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        rules.declare("testing.sample", "something else", home="elsewhere")
