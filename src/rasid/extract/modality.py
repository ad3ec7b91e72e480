"""Modality: whether the happening a frame tells happened, is planned, denied, conditional …

ACLED codes what happened. A report also tells plans and threats (تخطط لشن هجوم), fears
(مخاوف من اندلاع مواجهات), denials (نفت وقوع اشتباكات), conditions (في حال هاجم) and
general statements (تتعرض القرى باستمرار لقصف). Each of those is a named rule in
`rasid/lexicon/data/modality.yaml` that says which words, standing where, give which
modality; the first rule that fires decides, and a frame no rule fires on happened.
Each is registered as ``modality.<name>`` (`rasid rules`, `--disable`, `--explain`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rasid import rules
from rasid.extract.cues import forms_of
from rasid.extract.doc import Doc
from rasid.lexicon.entries import ModalityRule
from rasid.lexicon.load import load_modality_rules

REPORTED = frozenset({"happened", "ongoing"})
"""Modalities reported as events by default; the others only with `--all-modalities`."""


def rule_name(rule: ModalityRule) -> str:
    """The registry name of a modality rule."""
    return f"modality.{rule.name}"


for _rule in load_modality_rules():
    rules.declare(rule_name(_rule), _rule.note or _rule.name, fields=("modality",), home="lexicon/data/modality.yaml")

OPENING_WORDS = 6
"""How many words open a sentence, for rules that read its opening."""


@dataclass(frozen=True, slots=True)
class ModalityReading:
    """A frame's modality and the rule (with the words it read) that decided it."""

    modality: str
    rule: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Scope:
    """The stretches of text a frame's modality is read from (original offsets)."""

    trigger_start: int
    clause_start: int
    frame: tuple[int, int]
    sentence: tuple[int, int]


def read_modality(doc: Doc, scope: Scope, candidates: Sequence[ModalityRule] | None = None) -> ModalityReading:
    """The first enabled rule that fires on the scope decides; none fires: happened."""
    for rule in load_modality_rules() if candidates is None else candidates:
        if not rules.enabled(rule_name(rule)):
            continue
        found = _fires(doc, rule, scope)
        if found is not None:
            rules.fired(rule_name(rule), *found)
            return ModalityReading(rule.modality, rule.name, *found)
    return ModalityReading("happened")


def negated(doc: Doc, start: int, clause_start: int) -> bool:
    """Whether the word at `start` is negated (the `adjacent` denial rules: لم، دون وقوع …)."""
    scope = Scope(start, clause_start, (clause_start, start), (clause_start, start))
    return any(
        r.where == "adjacent" and r.modality == "denied" and rules.enabled(rule_name(r)) and _fires(doc, r, scope)
        for r in load_modality_rules()
    )


def _fires(doc: Doc, rule: ModalityRule, scope: Scope) -> tuple[int, int] | None:
    """The span of the rule's words where the rule's scope has them, or None."""
    if rule.where == "adjacent":
        tokens = doc.tokens_between(scope.clause_start, scope.trigger_start)
        return _phrase_at_end(tokens, _phrases(rule.words))
    if rule.where == "before":
        tokens = doc.tokens_between(scope.clause_start, scope.trigger_start)[-rule.span :]
    elif rule.where == "frame":
        tokens = doc.tokens_between(*scope.frame)
    elif rule.where == "opening":
        tokens = doc.tokens_between(*scope.sentence)[:OPENING_WORDS]
    else:
        tokens = doc.tokens_between(*scope.sentence)
    return _phrase_in(tokens, _phrases(rule.words))


@cache
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.split(" ")) for w in words)


def _matches(tokens: Sequence, i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the phrase stands at token i: its first word may carry proclitics, the rest as written."""
    if i + len(phrase) > len(tokens) or phrase[0] not in forms_of(tokens[i].norm):
        return False
    return all(tokens[i + k].norm == word for k, word in enumerate(phrase[1:], start=1))


def _phrase_in(tokens: Sequence, phrases: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    for i in range(len(tokens)):
        for phrase in phrases:
            if _matches(tokens, i, phrase):
                return tokens[i].start, tokens[i + len(phrase) - 1].end
    return None


def _phrase_at_end(tokens: Sequence, phrases: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    for phrase in phrases:
        i = len(tokens) - len(phrase)
        if i >= 0 and _matches(tokens, i, phrase):
            return tokens[i].start, tokens[-1].end
    return None
