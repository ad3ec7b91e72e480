"""Modality rules (lexicon/data/modality.yaml): each rule's own sentences, written for these tests."""

from __future__ import annotations

import pytest

from rasid import extract_report, rules
from rasid.extract import modality
from rasid.lexicon.load import load_modality_rules

RULES = load_modality_rules()


def _modality_rules_fired(text: str) -> set[str | None]:
    events = extract_report(text, all_modalities=True).events
    return {ev.rule for e in events for ev in e.evidence if ev.field == "modality"}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_fires_on_its_sentence(rule) -> None:
    events = extract_report(rule.fires, all_modalities=True).events
    assert events, rule.fires
    assert any(e.modality == rule.modality for e in events)
    assert rule.name in _modality_rules_fired(rule.fires)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_spares_its_counter_sentence(rule) -> None:
    events = extract_report(rule.spares, all_modalities=True).events
    assert events, rule.spares
    assert rule.name not in _modality_rules_fired(rule.spares)
    assert any(e.modality == "happened" for e in events)


def test_only_happenings_are_events_by_default() -> None:
    text = "تخطط القوات التركية لشن هجوم على بلدة تل تمر"
    assert extract_report(text).events == []
    assert [e.modality for e in extract_report(text, all_modalities=True).events] == ["planned"]


def test_a_rule_switched_off_no_longer_decides() -> None:
    rule = next(r for r in RULES if r.name == "planned_threat_or_fear")
    events = extract_report(rule.fires, all_modalities=True, disable=[modality.rule_name(rule)]).events
    assert rule.name not in {ev.rule for e in events for ev in e.evidence}


def test_modality_rules_are_registered_and_explained() -> None:
    from rasid.extract.explain import explain_report

    assert all(rules.get(modality.rule_name(r)).fields == ("modality",) for r in RULES)
    rule = next(r for r in RULES if r.name == "planned_future_marker")
    _, explained = explain_report(rule.fires, all_modalities=True)
    assert any(modality.rule_name(rule) in str(field) for event in explained for field in event)


def test_a_dated_happening_with_a_habitual_adverb_happened() -> None:
    events = extract_report("قصفت القوات التركية باستمرار قرية تل طويل أمس", published="2024-03-02").events
    assert [e.modality for e in events] == ["happened"]


def test_rule_generic_violence_shares_modality() -> None:
    text = "تشهد قرى ريف حلب الشرقي قصفا تركيا مستمرا يستهدف المناطق السكنية في بلدة تل تمر"
    assert extract_report(text).events == []
    assert extract_report("قصفت القوات التركية بلدة تل تمر أمس واستهدفت المناطق السكنية فيها").events
