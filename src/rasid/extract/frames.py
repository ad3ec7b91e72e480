"""Trigger words and frames: the stretch of text one happening is told in.

A trigger (قصفت، تعزيزات، اعتقلت …) opens a frame that runs to the next trigger of another
happening; words that report an outcome (مقتل، إصابة) or restate the same happening fold
into the open frame instead. Each frame is read once for its ACLED type and sub-type (the
most specific reading its triggers and the cues of the sentence allow) and its modality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasid import rules
from rasid.extract.cues import DEATH_WORDS, INJURY_WORDS, stem_of
from rasid.extract.doc import Doc
from rasid.extract.modality import ModalityReading, Scope, negated, read_modality
from rasid.lexicon.entries import Trigger, TriggerRule
from rasid.lexicon.load import Lexicon, load_grammar
from rasid.model import SUB_EVENT_TYPES
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import Token, strip_proclitics

GRAMMAR = load_grammar()

VIOLENT_TYPES = ("Explosions/Remote violence", "Battles", "Violence against civilians")

# Within one frame, the more specific kind of violence names the happening.
_VIOLENCE_RANK = {t: i for i, t in enumerate(VIOLENT_TYPES)}

SUBTYPE_RANK = {
    sub: i
    for i, sub in enumerate(
        (
            "Suicide bomb",
            "Chemical weapon",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Air/drone strike",
            "Shelling/artillery/missile attack",
            "Non-state actor overtakes territory",
            "Government regains territory",
            "Armed clash",
            "Abduction/forced disappearance",
            "Sexual violence",
            "Attack",
            "Disrupted weapons use",
            "Non-violent transfer of territory",
            "Headquarters or base established",
            "Arrests",
            "Agreement",
            "Looting/property destruction",
            "Change to group/activity",
            "Excessive force against protesters",
            "Protest with intervention",
            "Peaceful protest",
            "Violent demonstration",
            "Mob violence",
            "Other",
        )
    )
}

# Triggers that say violence happened without saying which kind (استهدف، هجوم، مقتل): alone in a
# sentence after a specific event at the same place, they restate it.
GENERIC_VIOLENCE = frozenset({"target", "attack", "kill", "injure", "launch", "gunfire"})

_BACKGROUND = GRAMMAR["background"]

_PLUPERFECT = GRAMMAR["pluperfect"]

_PAST_PARTICLE = GRAMMAR["past_particle"]


@dataclass
class TriggerHit:
    """A trigger word in the text."""

    trigger: Trigger
    start: int
    end: int
    verbal: bool
    form: str
    event_type: str = ""
    sub_event_type: str = ""
    cued: bool = False


@dataclass
class Frame:
    """The stretch of text that one happening is told in, and what the rules read from it."""

    hits: list[TriggerHit]
    start: int
    end: int
    back: int
    sentence: tuple[int, int]
    event_type: str = ""
    sub_event_type: str = ""
    sub_evidence: TriggerHit | None = None
    cued: bool = False
    modality: ModalityReading | None = None
    before: Frame | None = None
    """The frame told just before this one in the same sentence."""


@cache
def _verb_keys(trigger: Trigger) -> frozenset[str]:
    return frozenset(normalize_key(v) for v in trigger.verbs)


# Words before a trigger that make it a description of a state, not a happening:
# "المناطق التي تسيطر عليها", "مناطق سيطرة", "تحت سيطرة".
_PROTEST_CAUSE = GRAMMAR["protest_cause"]

_RELATIVES = GRAMMAR["relatives"]

_STATE_HEADS = GRAMMAR["state_heads"]


def _descriptive(doc: Doc, match_nstart: int, form: str, verbal: bool) -> bool:
    """Whether a trigger describes a state, a time or a grievance rather than tells a happening."""
    before = doc.norm.text[max(0, match_nstart - 30) : match_nstart].split()[-2:]
    if verbal and form[:1] in "يت" and any(w in _RELATIVES for w in before):
        return True
    if before and before[-1] == "منذ":
        return True  # "منذ وصولها": a time reference, not a happening
    if before and strip_proclitics(before[-1]) in _STATE_HEADS:
        return True
    cause = doc.norm.text[max(0, match_nstart - 60) : match_nstart].split()[-6:]
    return any(strip_proclitics(w) in _PROTEST_CAUSE for w in cause)  # "احتجاجا على انتشار التفجيرات"


def find_triggers(doc: Doc, lexicon: Lexicon) -> None:
    """Trigger words, each read with the cues of its sentence.

    A trigger inside a name is part of the name and is dropped; a name inside a longer
    trigger phrase (مسيرة in مسيرة احتجاجية) is the trigger's word, and its mention goes.
    """
    entity_kinds = ("actor", "weapon", "place")
    for match in lexicon.trigger_words.find(doc.norm):
        near = [
            m
            for k in entity_kinds
            for m in doc.mentions_between(k, match.start - 200, match.end)
            if match.start < m.end
        ]
        inside = [m for m in near if match.start <= m.start and m.end <= match.end]
        if len(inside) != len(near):
            continue  # the trigger word is part of a name
        trigger: Trigger = match.payloads[0]
        form = doc.norm.text[match.nstart : match.nend]
        verbal = match.key in _verb_keys(trigger)
        if _descriptive(doc, match.nstart, form, verbal):
            continue
        if inside and any(m.end - m.start < match.end - match.start for m in inside):
            doc.mentions = [m for m in doc.mentions if m not in inside]
        hit = TriggerHit(trigger, match.start, match.end, verbal, form)
        if _negated_outcome(doc, hit):
            continue
        hit.event_type, hit.sub_event_type, hit.cued = _reading(doc, hit)
        if hit.event_type == "Strategic developments" and not verbal and _destroyed(doc, match.nstart):
            continue  # "دمرت تحصينات ومقرات": what was destroyed, not what was built
        doc.triggers.append(hit)


@rules.register("frames.negated_outcome", fields=("fatalities", "injuries", "event_type"))
def _negated_outcome(doc: Doc, hit: TriggerHit) -> bool:
    """A casualty word under negation (دون وقوع إصابات، لم يسفر عن قتلى) tells of no casualty at all."""
    if not rules.enabled("frames.negated_outcome") or not _is_outcome(hit):
        return False
    if negated(doc, hit.start, doc.sentence_of(hit.start)[0]):
        rules.fired("frames.negated_outcome", hit.start, hit.end)
        return True
    return False


CUE_WINDOW = 12
"""How many words on each side of a trigger its cues may stand (within the sentence)."""


# The sub-type a weapon of each category makes of an explosion or a strike (categories:
# `rasid.lexicon.entries.WEAPON_CATEGORIES`; sub-types: ACLED's).
WEAPON_SUBTYPES = {
    "drone": "Air/drone strike",
    "aircraft": "Air/drone strike",
    "helicopter": "Air/drone strike",
    "mortar": "Shelling/artillery/missile attack",
    "artillery": "Shelling/artillery/missile attack",
    "mlrs": "Shelling/artillery/missile attack",
    "rocket": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "ballistic_missile": "Shelling/artillery/missile attack",
    "cruise_missile": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "mine": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "chemical": "Chemical weapon",
}


def _reading(doc: Doc, hit: TriggerHit) -> tuple[str, str, bool]:
    """Event type and sub-type of one trigger: its default, or the first rule whose cues stand near it.

    The window keeps a cue of another happening in a long sentence ("… باتجاه الأراضي
    العراقية بعد تفكيك معداتها") from deciding this one. Rule `weapon-words-speak-for-the-weapon`:
    a cue word inside a weapon's name counts only for the sub-type that weapon makes
    (انتحارية in طائرة مسيرة انتحارية is a kamikaze drone, not a suicide bomber).
    """
    s_start, s_end = doc.sentence_of(hit.start)
    tokens = doc.tokens_between(s_start, hit.start)[-CUE_WINDOW:] + doc.tokens_between(hit.start, s_end)[: CUE_WINDOW + 1]
    if not tokens:
        return hit.trigger.event_type, hit.trigger.sub_event_type, False
    near = doc.mentions_between("weapon", tokens[0].start, tokens[-1].end)
    weapons = [(m.start, m.end, WEAPON_SUBTYPES[m.attrs["category"]]) for m in near if m.attrs.get("category") in WEAPON_SUBTYPES]
    reading = hit.trigger.event_type, hit.trigger.sub_event_type, False
    plain = " ".join(t.norm for t in tokens)
    for rule in hit.trigger.rules:
        masked = weapons and rule.sub_event_type in _EXPLOSIVE
        if _cue_pattern(rule).search(_cue_words(tokens, weapons, rule.sub_event_type) if masked else plain):
            reading = rule.event_type or SUB_EVENT_TYPES[rule.sub_event_type], rule.sub_event_type, True
            break
    if _needs_weapon(hit, reading) and not doc.mentions_between("weapon", tokens[0].start, s_end):
        rules.fired("frames.reading_needs_a_weapon", hit.start, hit.end)
        return "Strategic developments", "Other", True
    return reading


@rules.register("frames.reading_needs_a_weapon", fields=("event_type", "sub_event_type"))
def _needs_weapon(hit: TriggerHit, reading: tuple[str, str, bool]) -> bool:
    """A disruption, or a `needs_weapon` trigger's own reading, holds only with a weapon in the sentence.

    تفكيك مبنى is no defusal, رمي الجثة no grenade: without a weapon the trigger reads as Other.
    """
    if not rules.enabled("frames.reading_needs_a_weapon"):
        return False
    return reading[1] == "Disrupted weapons use" or (hit.trigger.needs_weapon and not reading[2])


_EXPLOSIVE = frozenset(WEAPON_SUBTYPES.values()) | {"Suicide bomb"}


@rules.register("frames.weapon_words_speak_for_the_weapon", fields=("sub_event_type",))
def _cue_words(tokens: list[Token], weapons: list[tuple[int, int, str]], sub_event_type: str) -> str:
    """A cue word inside a weapon's name counts only for the sub-type that weapon makes.

    انتحارية in طائرة مسيرة انتحارية names a kamikaze drone (an air strike), not a suicide bomber.
    """
    if sub_event_type not in _EXPLOSIVE or not rules.enabled("frames.weapon_words_speak_for_the_weapon"):
        return " ".join(t.norm for t in tokens)
    dropped = [(s, e) for s, e, sub in weapons if sub != sub_event_type]
    kept = [t.norm for t in tokens if not any(s <= t.start < e for s, e in dropped)]
    for s, e in dropped:
        rules.fired("frames.weapon_words_speak_for_the_weapon", s, e)
    return " ".join(kept)


@cache
def _cue_pattern(rule: TriggerRule) -> re.Pattern[str]:
    """One regex per rule: any cue word, with proclitics or the article before and a suffix after."""
    keys = sorted({k for k in (normalize_key(c) for c in rule.cues) if k}, key=len, reverse=True)
    alternatives = "|".join(re.escape(k) for k in keys) or "(?!)"
    return re.compile(rf"(?:^| )(?:و|ف|ب|ل|ال|وال|بال|لل|وب|فال)?(?:{alternatives})(?=[ هياتنو]|$)")


def _is_outcome(hit: TriggerHit) -> bool:
    return any(
        stem_of(w) in DEATH_WORDS or w in DEATH_WORDS or stem_of(w) in INJURY_WORDS for w in hit.form.split()
    )


def read_frames(doc: Doc) -> list[Frame]:
    """Group trigger hits into frames, one per happening told (see module docstring)."""
    frames: list[Frame] = []
    for sent_start, sent_end in doc.sentences:
        hits = [h for h in doc.triggers if sent_start <= h.start < sent_end]
        current: Frame | None = None
        for hit in hits:
            if current is not None and _folds(doc, current, hit):
                current.hits.append(hit)
                current.end = max(current.end, _clause_end(doc, hit.end, sent_end))
                continue
            back = current.hits[-1].end if current else sent_start
            if current is not None:
                current.end = min(current.end, hit.start)
            span = (hit.start, _clause_end(doc, hit.end, sent_end))
            current = Frame([hit], *span, back, (sent_start, sent_end), before=current)
            frames.append(current)
    for frame in frames:
        _classify(frame)
    return frames


_CLAUSE_BREAKS = GRAMMAR["clause_breaks"]
_DESTRUCTION = GRAMMAR["destruction"]


def _destroyed(doc: Doc, nstart: int) -> bool:
    """Whether a destruction verb earlier in the clause has this noun as its object."""
    before = doc.norm.text[max(0, nstart - 80) : nstart]
    return any(stem_of(w) in _DESTRUCTION or w in _DESTRUCTION for w in before.split()[-8:]) and not any(
        p in doc.text[doc.norm.to_original(max(0, nstart - 80), nstart)[0] : doc.norm.to_original(nstart, nstart)[0]]
        for p in "،,.؛"
    )


def _clause_end(doc: Doc, start: int, sent_end: int) -> int:
    """Where the clause that begins at `start` ends: the next فيما/بينما/في حين, or the sentence end."""
    for token in doc.tokens_between(start, sent_end):
        if token.norm in _CLAUSE_BREAKS or (token.norm[:1] in "وف" and token.norm[1:] in _CLAUSE_BREAKS):
            return token.start
    return sent_end


def _attempted(doc: Doc, hit: TriggerHit) -> bool:
    before = doc.norm.text[
        max(0, doc.norm.from_original(hit.start) - 20) : doc.norm.from_original(hit.start)
    ].split()[-2:]
    return any(stem_of(w).startswith(("حاول", "يحاول", "تحاول")) for w in before)


_CIRCUMSTANCE = GRAMMAR["circumstance"]


def _folds(doc: Doc, frame: Frame, hit: TriggerHit) -> bool:
    """Whether `hit` restates or adds an outcome to the open frame rather than telling a new happening."""
    if _is_outcome(hit):
        return True
    if all(_is_outcome(h) for h in frame.hits) and (
        hit.event_type in VIOLENT_TYPES or "،" not in doc.text[frame.hits[-1].end : hit.start]
    ):
        return True  # "مقتل خمسة … بضربة جوية", "مقتل مواطن برصاص مسلحين اقتحموا منزله": the cause
    if _attempted(doc, hit) and any(h.sub_event_type == "Disrupted weapons use" for h in frame.hits):
        hit.event_type, hit.sub_event_type = "Strategic developments", "Disrupted weapons use"
        return True  # "أسقطت مسيرة حاولت استهداف القاعدة": the attempt is what was disrupted
    last = frame.hits[-1]
    if _clause_end(doc, last.end, hit.start) < hit.start:
        return False  # "… فيما قصفت …": another happening told in its own clause
    between = doc.text[last.end : hit.start]
    gap_words = doc.words_between(last.end, hit.start)
    new_actor = any(m.kind == "actor" and last.end <= m.start < hit.start for m in doc.mentions)
    new_place = any(m.kind == "place" and last.end <= m.start < hit.start for m in doc.mentions)
    same_type = hit.event_type == last.event_type or (
        hit.event_type in VIOLENT_TYPES and last.event_type in VIOLENT_TYPES
    )
    if len(gap_words) <= 3 and same_type:
        return True
    if (
        last.verbal
        and not hit.verbal
        and hit.trigger.sub_event_type == last.trigger.sub_event_type
        and len(gap_words) <= 8
    ):
        return True  # "أنشأ الجيش، اليوم، قاعدة": the noun is the verb's object
    before_hit = doc.norm.text[
        max(0, doc.norm.from_original(hit.start) - 20) : doc.norm.from_original(hit.start)
    ].split()[-2:]
    if same_type and not hit.verbal and any(w in _CIRCUMSTANCE for w in before_hit):
        return True  # "اعتقلت … خلال عمليات مداهمة": the circumstance of the same happening
    if (
        last.event_type in VIOLENT_TYPES
        and hit.event_type == "Strategic developments"
        and not hit.verbal
        and len(gap_words) <= 12
    ):
        return True  # "قصفت رتلاً", "استهدفت مقراً": the convoy or base is what was struck
    if same_type and not new_actor and not new_place and "،" not in between and "," not in between:
        return True
    return same_type and not new_actor and hit.event_type in VIOLENT_TYPES and not new_place


def _classify(frame: Frame) -> None:
    """Event type and sub-type of a frame: the most specific reading its triggers allow.

    Among strategic developments a verb outranks the verbal nouns folded into its frame
    ("انسحبت القوات … بعد تفكيك معداتها" is a withdrawal, not a seizure).
    """
    best: tuple[int, int, int, TriggerHit] | None = None
    # Deaths told with a strike, a clash or a protest belong to it; with a raid they are the event.
    named = [h for h in frame.hits if not _is_outcome(h) and h.event_type != "Strategic developments"]
    for hit in frame.hits:
        if _is_outcome(hit) and named:
            continue
        nominal = int(hit.event_type == "Strategic developments" and not hit.verbal)
        rank = (_VIOLENCE_RANK.get(hit.event_type, 9), nominal, SUBTYPE_RANK.get(hit.sub_event_type, 99))
        if best is None or rank < best[:3]:
            best = (*rank, hit)
    hit = best[3] if best is not None else frame.hits[0]  # only outcome words: a killing
    frame.event_type, frame.sub_event_type, frame.sub_evidence = hit.event_type, hit.sub_event_type, hit
    frame.cued = hit.cued or hit.trigger.id not in GENERIC_VIOLENCE


def frame_modality(doc: Doc, frame: Frame) -> str:
    """Happened, ongoing, planned, denied, conditional or background (`rasid.extract.modality`)."""
    return _read_modality_once(doc, frame).modality


def _read_modality_once(doc: Doc, frame: Frame) -> ModalityReading:
    if frame.modality is None:
        frame.modality = _read_modality(doc, frame)
    return frame.modality


def _read_modality(doc: Doc, frame: Frame) -> ModalityReading:
    trigger = frame.hits[0]
    scope = Scope(trigger.start, max(frame.back, frame.sentence[0]), (frame.back, frame.end), frame.sentence)
    reading = read_modality(doc, scope)
    if reading.rule is None and _shares_modality(frame):
        return _read_modality_once(doc, frame.before)  # type: ignore[arg-type]
    if reading.modality == "background" and any(frame.start <= d.start < frame.end for d in doc.dates):
        return ModalityReading("happened")  # a dated happening, told with a habitual adverb
    return reading


@rules.register("frames.generic_violence_shares_modality", fields=("modality",))
def _shares_modality(frame: Frame) -> bool:
    """A generic trigger (يستهدف) after another frame of its sentence is told in that frame's mood.

    "قصف مستمر … يستهدف المناطق": the targeting is the continuing shelling.
    """
    if frame.cued or frame.before is None or not rules.enabled("frames.generic_violence_shares_modality"):
        return False
    rules.fired("frames.generic_violence_shares_modality", frame.start, frame.end)
    return True


def recalled(doc: Doc, frame: Frame) -> bool:
    """Whether the frame's sentence recalls an earlier happening (يذكر أن …، وكانت القوات قد …)."""
    s_start, s_end = frame.sentence
    text = " ".join(doc.words_between(s_start, s_end))
    first = text.split()[:6]
    return any(text.startswith(b) for b in _BACKGROUND) or bool(
        first and first[0] in _PLUPERFECT and not _PAST_PARTICLE.isdisjoint(first)
    )
