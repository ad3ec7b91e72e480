"""From trigger words, mentions, quantities and dates to ACLED events.

The rules follow how Arabic conflict news is written:
- a trigger (قصفت، تعزيزات، اعتقلت …) opens a *frame* that runs to the next trigger of
  another happening; words that report an outcome (مقتل، إصابة) or restate the same
  happening fold into the open frame instead of opening a new one;
- the agent of a verb stands after it (VSO: أرسلت الميليشيات …) or before it (SVO);
  the agent of a verbal noun follows as a genitive (قصف القوات التركية) or after ل/من قبل;
  the target follows استهدف/على/ضد or a casualty word (مقتل عنصر من قوات النظام);
- the location is the most specific place of the frame: the destination of a convoy,
  the origin of a withdrawal, the struck village rather than the district around it;
  several places struck in one frame become several events;
- later sentences that refer back (هذه التعزيزات، الرتل) or repeat a happening at the
  same place enrich the earlier event instead of adding one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cache

from rasid.extract.doc import Doc
from rasid.extract.places import location_of
from rasid.geo.embedded import km
from rasid.lexicon.entries import Trigger, TriggerRule
from rasid.lexicon.load import Lexicon, actors_compatible, load_actors, load_nationalities
from rasid.model import (
    SUB_EVENT_TYPES,
    ActorRef,
    Attribution,
    Event,
    Evidence,
    ForceItem,
    Mention,
    Movement,
)
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import strip_proclitics

ARMED_KINDS = frozenset(
    {"state_forces", "foreign_forces", "militia", "rebel", "jihadist", "kurdish_forces", "coalition"}
)
VIOLENT_TYPES = ("Explosions/Remote violence", "Battles", "Violence against civilians")
# Within one frame, the more specific kind of violence names the happening.
_VIOLENCE_RANK = {t: i for i, t in enumerate(VIOLENT_TYPES)}
_SUBTYPE_RANK = {
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

# Normalised words (without clitics) that report a death or an injury, not a happening of their own.
DEATH_WORDS = frozenset(
    ["مقتل", "قتل", "قتلت", "قتلوا", "قتلا", "قتلي", "قتيل", "قتيلا", "قتيلان", "قتيلين", "وفاه", "وفاته", "مصرع", "حتفه", "حتفهم", "استشهاد", "شهداء", "شهيد", "شهيدا", "جثه", "جثث", "حياه", "بحياه", "بحياة"]
)
INJURY_WORDS = frozenset(
    ["اصابه", "اصابات", "جرحي", "جريح", "جريحا", "جرحوا", "اصيب", "اصيبت", "اصيبوا", "مصاب", "مصابين", "مصابا", "بجروح", "جرح"]
)
# A singular person noun after a death word means one death (مقتل عنصر، وفاة شاب).
_PERSON_SINGULAR = frozenset(
    ["عنصر", "شاب", "جندي", "شرطي", "مدني", "طفل", "طفله", "امراه", "رجل", "شخص", "مقاتل", "مسلح", "قيادي", "ضابط", "عسكري", "مواطن", "مزارع", "راعي", "سائق", "عامل", "فتاه", "سيده", "مسن", "قائد"]
)
_PERSON_DUAL = frozenset(
    ["عنصرين", "عنصران", "شابين", "جنديين", "جنديان", "شرطيين", "مدنيين", "طفلين", "طفلان", "امراتين", "رجلين", "شخصين", "شخصان", "مقاتلين", "مسلحين", "ضابطين"]
)

# Prepositions before a place that give its role in a movement (normalised).
_DESTINATION = frozenset({"الي", "نحو", "باتجاه", "اتجاه", "صوب", "داخل", "لداخل", "حتي"})
_ORIGIN = frozenset({"من", "منطلقه", "قادمه", "قادما", "قادمين"})
_VIA = frozenset({"عبر", "مرورا", "خلال"})
_WITHDRAWAL_STEMS = ("انسحب", "انسحاب", "سحب", "غادر", "مغادره", "اخلاء", "اخلت", "اخلي", "تنسحب", "ينسحب")
# Words before an actor that make it the target, not the agent.
_TARGET_MARKERS = frozenset(
    {"علي", "ضد", "بحق", "استهداف", "مواقع", "نقاط", "صفوف",
     "عناصر", "عنصر", "مقاتلي", "مسلحي", "جنود", "افراد", "دوريه", "رتل", "رتلا", "ارتال", "سياره", "اليه",
     "مقر", "مقرا", "حاجز", "حاجزا", "تجمعات", "معاقل", "ثكنه", "قاعده", "اليات", "سيارات", "عربات",
     "مركبات", "حافله", "موقع", "موقعا", "نقطه", "مقرات", "مخزن", "مستودع", "خلايا", "خليه", "قافله", "شاحنه",
     "مرتبات", "منتسبي", "قاده", "قائد", "قيادي", "قياديا"}
)
# Words before an actor that say whose side something is on, not who acted: "الموالية لتركيا".
_AFFILIATION = frozenset(
    {"مواليه", "الموالية", "المواليه", "الموالي", "الموالين", "موالين", "موالي", "التابعه", "التابع", "تابعه",
     "تابع", "التابعين", "المدعومه", "مدعومه", "المدعوم", "مدعومين", "المقربه", "مقربه", "مقربين", "المقربين",
     "المحسوبه", "محسوبه", "لصالح", "المرتبطه", "مرتبطه", "المواليين", "مواليين", "بمسانده", "مسانده", "بدعم", "دعم",
     "تتبع", "يتبع", "تتبعان", "يتبعان", "تتبعها"}
)
# Words before an actor that make it the speaker of a report, not a party to the event.
_SPEECH = frozenset(
    {"قال", "قالت", "اكد", "اكدت", "افاد", "افادت", "ذكر", "ذكرت", "اوضح", "اوضحت", "اشار", "اشارت", "اضاف",
     "اضافت", "نقل", "نقلت", "بحسب", "حسب", "وفق", "وفقا", "نقلا", "مصدر", "مصادر", "اعلن", "اعلنت", "لفت",
     "كشف", "كشفت", "تحدث", "بيان", "متحدث", "المتحدث", "باسم"}
)
_PASSIVE_LEADS = frozenset({"تعرض", "تعرضت", "تعرضوا", "يتعرض", "تتعرض", "لتعرض"})
_THAT = frozenset({"انها", "انه", "انهم", "بانها", "بانه", "بانهم", "ان"})
_DIRECTIONS = frozenset(
    {"شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "شرقا", "غربا", "شمالا", "جنوبا", "كم"}
)
# Words right before an actor that make it the agent: "من قبل X", "مصدرها X", "نفذها X".
# "بإشراف مباشر من الحرس الثوري": who runs an operation is its actor.
_SUPERVISION = frozenset({"اشراف", "باشراف", "قياده", "بقياده"})
_AGENT_MARKERS = frozenset({"قبل", "مصدره", "مصدرها", "نفذه", "نفذها", "تبناه", "تبناها", "يد", "ايدي", "مخلفات"})
_FUTURE = ("سيتم", "سوف", "من المقرر", "تعتزم", "يعتزم", "تنوي", "ينوي", "تخطط", "يخطط", "تستعد", "يستعد")
_ONGOING = ("يتم بناء", "يتم بناؤه", "قيد الانشاء", "قيد البناء", "لا يزال", "لا تزال", "مستمر")
_BACKGROUND = ("ياتي ذلك", "وياتي ذلك", "وتاتي", "تاتي هذه", "يذكر ان", "ويذكر ان", "يشار الي", "ويشار الي")
_PLUPERFECT = ("كان", "كانت", "وكان", "وكانت")
_ANAPHORA = ("هذه التعزيزات", "التعزيزات", "الرتل", "هذا الرتل", "الشحنه", "هذه الشحنه", "القصف", "الغاره",
             "الهجوم", "الاستهداف", "الانفجار", "الاشتباكات", "الضربات", "العمليه")
_PLACE_ANAPHORA = {"البلده": ("town", "village", "city"), "القريه": ("village", "town"),
                   "المدينه": ("city", "town"), "المنطقه": None, "الحي": ("neighbourhood",)}
_FINE_KINDS = frozenset(
    {"town", "village", "city", "neighbourhood", "camp", "crossing", "base", "airport", "oil_field",
     "gas_field", "facility", "dam", "road", "locality"}
)
_LEVEL = {"country": 5, "governorate": 4, "badia": 3, "area": 3, "plain": 3, "river": 3, "district": 3,
          "mountain": 3, "subdistrict": 2, "city": 1}


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
    modality: str | None = None


@dataclass
class Draft:
    """An event being built, with the mentions behind each field."""

    event_type: str
    sub_event_type: str
    frames: list[Frame]
    location: Mention | None = None
    actor1: Mention | None = None
    actor2: Mention | None = None
    assoc1: list[Mention] = field(default_factory=list)
    assoc2: list[Mention] = field(default_factory=list)
    movement: list[tuple[str, Mention]] = field(default_factory=list)
    fatalities: int | None = None
    fatality_span: tuple[int, int] | None = None
    injuries: int | None = None
    force: list[ForceItem] = field(default_factory=list)
    modality: str = "happened"
    date: tuple[dt.date | None, int, tuple[int, int] | None] = (None, 3, None)


@cache
def _verb_keys(trigger: Trigger) -> frozenset[str]:
    return frozenset(normalize_key(v) for v in trigger.verbs)


# Words before a trigger that make it a description of a state, not a happening:
# "المناطق التي تسيطر عليها", "مناطق سيطرة", "تحت سيطرة".
_PROTEST_CAUSE = frozenset({"احتجاجا", "تنديدا", "رفضا", "استنكارا", "احتجاج"})
_RELATIVES = frozenset({"التي", "الذي", "اللتين", "الذين", "اللذين"})
_STATE_HEADS = frozenset({"مناطق", "منطقه", "تحت", "نفوذ", "خطوط", "خط"})


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
        near = [m for k in entity_kinds for m in doc.mentions_between(k, match.start - 200, match.end) if match.start < m.end]
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
        hit.event_type, hit.sub_event_type, hit.cued = _reading(doc, hit)
        doc.triggers.append(hit)


def _reading(doc: Doc, hit: TriggerHit) -> tuple[str, str, bool]:
    """Event type and sub-type of one trigger: its default, or the first rule whose cues the sentence has."""
    s_start, s_end = doc.sentence_of(hit.start)
    sentence_norm = " ".join(_words(doc, s_start, s_end))
    for rule in hit.trigger.rules:
        if _cue_pattern(rule).search(sentence_norm):
            return rule.event_type or SUB_EVENT_TYPES[rule.sub_event_type], rule.sub_event_type, True
    return hit.trigger.event_type, hit.trigger.sub_event_type, False


@cache
def _cue_pattern(rule: TriggerRule) -> re.Pattern[str]:
    """One regex per rule: any cue word, with proclitics or the article before and a suffix after."""
    keys = sorted({k for k in (normalize_key(c) for c in rule.cues) if k}, key=len, reverse=True)
    alternatives = "|".join(re.escape(k) for k in keys) or "(?!)"
    return re.compile(rf"(?:^| )(?:و|ف|ب|ل|ال|وال|بال|لل|وب|فال)?(?:{alternatives})(?=[ هياتنو]|$)")


def _words(doc: Doc, start: int, end: int) -> list[str]:
    """Normalised words of an original span."""
    return doc.words_between(start, end)


def _is_in(word: str, words: frozenset[str]) -> bool:
    """Whether a word, with or without its clitics (وأصيب، بمقتل، والقتلى), is one of `words`."""
    if word in words or _stem(word) in words:
        return True
    return word[:1] in "وف" and (word[1:] in words or _stem(word[1:]) in words)


@cache
def _stem(word: str) -> str:
    """A word without proclitics and article, for comparing with the word lists above."""
    w = strip_proclitics(word)
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


def _is_outcome(hit: TriggerHit) -> bool:
    return any(_stem(w) in DEATH_WORDS or w in DEATH_WORDS or _stem(w) in INJURY_WORDS for w in hit.form.split())


def _frames(doc: Doc) -> list[Frame]:
    """Group trigger hits into frames, one per happening told (see module docstring)."""
    frames: list[Frame] = []
    for sent_start, sent_end in doc.sentences:
        hits = [h for h in doc.triggers if sent_start <= h.start < sent_end]
        current: Frame | None = None
        for hit in hits:
            if current is not None and _folds(doc, current, hit):
                current.hits.append(hit)
                continue
            back = current.hits[-1].end if current else sent_start
            if current is not None:
                current.end = hit.start
            current = Frame([hit], hit.start, sent_end, back, (sent_start, sent_end))
            frames.append(current)
    for frame in frames:
        _classify(doc, frame)
    return frames


def _attempted(doc: Doc, hit: TriggerHit) -> bool:
    before = doc.norm.text[max(0, doc.norm.from_original(hit.start) - 20) : doc.norm.from_original(hit.start)].split()[-2:]
    return any(_stem(w).startswith(("حاول", "يحاول", "تحاول")) for w in before)


_CIRCUMSTANCE = frozenset({"خلال", "اثناء", "ضمن", "اثر", "جراء", "نتيجه", "اطار", "بعد", "بموجب", "وفق", "وفقا"})


def _folds(doc: Doc, frame: Frame, hit: TriggerHit) -> bool:
    """Whether `hit` restates or adds an outcome to the open frame rather than telling a new happening."""
    if _is_outcome(hit) or (all(_is_outcome(h) for h in frame.hits) and hit.event_type in VIOLENT_TYPES):
        return True  # "مقتل خمسة … بضربة جوية": the outcome told before its cause
    if _attempted(doc, hit) and any(h.sub_event_type == "Disrupted weapons use" for h in frame.hits):
        hit.event_type, hit.sub_event_type = "Strategic developments", "Disrupted weapons use"
        return True  # "أسقطت مسيرة حاولت استهداف القاعدة": the attempt is what was disrupted
    last = frame.hits[-1]
    between = doc.text[last.end : hit.start]
    gap_words = _words(doc, last.end, hit.start)
    new_actor = any(m.kind == "actor" and last.end <= m.start < hit.start for m in doc.mentions)
    new_place = any(m.kind == "place" and last.end <= m.start < hit.start for m in doc.mentions)
    same_type = hit.event_type == last.event_type or (hit.event_type in VIOLENT_TYPES and last.event_type in VIOLENT_TYPES)
    if len(gap_words) <= 3 and same_type:
        return True
    if last.verbal and not hit.verbal and hit.trigger.sub_event_type == last.trigger.sub_event_type and len(gap_words) <= 8:
        return True  # "أنشأ الجيش، اليوم، قاعدة": the noun is the verb's object
    before_hit = doc.norm.text[max(0, doc.norm.from_original(hit.start) - 20) : doc.norm.from_original(hit.start)].split()[-2:]
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


def _classify(doc: Doc, frame: Frame) -> None:
    """Event type and sub-type of a frame: the most specific reading its triggers allow."""
    best: tuple[int, int, TriggerHit] | None = None
    for hit in frame.hits:
        if _is_outcome(hit) and len(frame.hits) > 1:
            continue
        rank = (_VIOLENCE_RANK.get(hit.event_type, 9), _SUBTYPE_RANK.get(hit.sub_event_type, 99))
        if best is None or rank < best[:2]:
            best = (*rank, hit)
    hit = best[2] if best is not None else frame.hits[0]  # only outcome words: a killing
    frame.event_type, frame.sub_event_type, frame.sub_evidence = hit.event_type, hit.sub_event_type, hit
    frame.cued = hit.cued or hit.trigger.id not in GENERIC_VIOLENCE


# ---------------------------------------------------------------- places


# Nouns between a preposition and a place name: "من محيط بلدة X", "إلى ريف Y".
_LOCATIVE = frozenset(
    {"محيط", "اطراف", "وسط", "مدخل", "مداخل", "ضواحي", "مشارف", "تخوم", "منطقه", "مناطق", "بلده", "بلدات", "قريه",
     "قري", "مدينه", "مدن", "حي", "احياء", "ريف", "ريفي", "جوار", "ناحيه", "محافظه", "مخيم", "قضاء", "بادیه", "باديه",
     "مزرعه", "القسم", "الجزء", "مركز", "اهالي", "الاهالي", "سكان", "ابناء", "نازحي", "مهجري", "عشائر"}
)
_NEAR = frozenset({"قرب", "بالقرب", "القرب", "قريبا", "مقربه", "بمقربه"})
_COORDINATED = "and"


def _preposition(doc: Doc, mention: Mention) -> str | None:
    """The preposition governing a place, looking back over cue nouns (من محيط بلدة X → من).

    Returns "and" when the place is the next item of a list (وبلدة Y), so that it takes
    the role of the item before it.
    """
    before = _words(doc, max(0, mention.start - 50), mention.start)[-5:]
    attached = doc.text[mention.start - 1 : mention.start] if mention.start else ""
    if attached == "و":
        return _COORDINATED
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        w = strip_proclitics(word)
        if w == "من" or word == "من":
            return "قرب" if i and before[i - 1] in _NEAR else "من"
        for group in (_DESTINATION, _ORIGIN, _VIA):
            if word in group or w in group:
                return word if word in group else w
        if word in ("في", "داخل") or word in _NEAR:
            return word
        if word in _LOCATIVE or _stem(word) in _LOCATIVE or word.isdigit():
            continue
        if word[:1] in "وب" and (word[1:] in _LOCATIVE or _stem(word[1:]) in _LOCATIVE):
            if word[0] == "ب":
                return "في"  # ببلدة، بريف
            if i == len(before) - 1:
                return _COORDINATED  # وبلدة Y
            continue
        break
    if attached == "ب":
        return "في"
    return None


def _names_destination(doc: Doc, frame: Frame) -> bool:
    """Whether the frame says where forces went (إلى، نحو …), whatever follows."""
    return any(w in _DESTINATION for w in _words(doc, frame.start, frame.end)[:12])


def _roles(doc: Doc, places: list[Mention]) -> list[tuple[str | None, Mention]]:
    """Movement role of each place in text order; list items take the role of the item before."""
    out: list[tuple[str | None, Mention]] = []
    for m in places:
        prep = _preposition(doc, m)
        role = out[-1][0] if prep == _COORDINATED and out else _role(prep)
        out.append((role, m))
    return out


def _role(prep: str | None) -> str | None:
    if prep in _DESTINATION:
        return "destination"
    if prep in _ORIGIN:
        return "origin"
    if prep in _VIA:
        return "via"
    return None


_ADMIN_CUES = {"ناحيه": 2, "بناحيه": 2, "قضاء": 3, "بقضاء": 3, "منطقه": 2, "بمنطقه": 2, "محافظه": 4, "بمحافظه": 4}


def _level(place: Mention) -> int:
    """0 for a point (village, town, base …), higher for larger units; "ناحية X" is the subdistrict."""
    cue = normalize_key(place.attrs.get("cue") or "")
    if cue in _ADMIN_CUES:
        return _ADMIN_CUES[cue]
    kind = place.attrs.get("kind") or "town"
    return 0 if kind in _FINE_KINDS and kind != "city" else _LEVEL.get(kind, 1)


def _contains(outer: Mention, inner: Mention) -> bool:
    """Whether `outer` is an admin unit or area around `inner` (دير الزور around أبريهة)."""
    if outer is inner or _level(outer) <= _level(inner):
        return False
    # "في درعا" may mean the governorate as much as the city, unless the text says مدينة.
    as_region = outer.attrs.get("kind") in ("governorate", "district", "subdistrict", "area", "badia") or (
        outer.attrs.get("kind") == "city"
        and normalize_key(outer.attrs.get("cue") or "") not in ("مدينه", "بمدينه")
        and not normalize_key(outer.text).startswith("مدينه")
    )
    if as_region and any(inner.attrs.get(k) and inner.attrs.get(k) == outer.canonical for k in ("admin1", "admin2", "admin3")):
        return True
    if outer.attrs.get("kind") == "country" and inner.attrs.get("country") and inner.attrs.get("country") == outer.attrs.get("country"):
        return True
    if outer.attrs.get("admin1") and outer.attrs.get("admin1") == inner.attrs.get("admin1") and _level(outer) >= 3:
        return True
    return _km(outer, inner) < (60 if _level(outer) >= 3 else 15)


def _km(a: Mention, b: Mention) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    return km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _places_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return doc.mentions_between("place", start, end)


def _anaphoric_place(doc: Doc, frame: Frame) -> Mention | None:
    """"من البلدة" refers to the last named town before it."""
    words = _words(doc, frame.start, frame.end)
    for word in words:
        kinds = _PLACE_ANAPHORA.get(strip_proclitics(word), "missing")
        if kinds == "missing":
            continue
        earlier = [m for m in doc.mentions if m.kind == "place" and m.end <= frame.start]
        for m in reversed(earlier):
            if kinds is None or m.attrs.get("kind") in kinds or _level(m) == 0:
                return m
    return None


def _locations(doc: Doc, frame: Frame, withdrawal: bool, movement: bool) -> tuple[list[Mention], list[tuple[str, Mention]]]:
    """The places where the frame's happening took place, and the movement roles of the others."""
    forward = _places_in(doc, frame.start, frame.end)
    backward = _places_in(doc, frame.back, frame.start)
    candidates = forward + backward
    roles = _roles(doc, forward) + _roles(doc, backward)
    moves = [(r, m) for r, m in roles if r]
    if not candidates:
        anaphor = _anaphoric_place(doc, frame)
        return ([anaphor] if anaphor else []), []
    if movement:
        # Where forces went (or, for a withdrawal, where they left), told after the trigger first.
        wanted = "origin" if withdrawal else "destination"
        chosen = []
        if withdrawal and not [m for r, m in _roles(doc, forward) if r == "origin"]:
            anaphor = _anaphoric_place(doc, frame)  # "انسحاب … من البلدة"
            chosen = [anaphor] if anaphor else []
        for scope in () if chosen else (_roles(doc, forward), _roles(doc, backward)):
            chosen = [m for r, m in scope if r == wanted]
            if not chosen and not withdrawal and _names_destination(doc, frame):
                # "وصل … إلى منطقة النبع ذاتها": the destination is named, just not as a known place.
                anaphor = _anaphoric_place(doc, frame)
                chosen = [anaphor] if anaphor else []
                break
            chosen = chosen or [m for r, m in scope if r is None]
            if chosen:
                break
        if not chosen and withdrawal:
            anaphor = _anaphoric_place(doc, frame)
            chosen = [anaphor] if anaphor else []
        if not chosen or all(_too_vague(m) for m in chosen):
            # A shipment "من العراق عبر معبر السكك" is placed at its entry point.
            chosen = [m for r, m in roles if r == "via" and not _too_vague(m)] or [m for r, m in roles if r != "via"]
    else:
        # "شاب نازح من حطلة": where a victim comes from is not where the event happened;
        # but "تظاهر المئات من أهالي مدينة الباب" protest where they live.
        chosen = [m for r, m in roles if r != "origin"]
        if not chosen and frame.event_type in ("Protests", "Riots"):
            chosen = candidates
    # A country, or a direction of one (شرقي سوريا), is too vague to place an event.
    chosen = [m for m in chosen if not _too_vague(m)]
    if not chosen:
        return [], moves
    # "35 كم شرقي دير الزور": a place named to say where another lies is a reference point.
    chosen = [m for m in chosen if not _distance_reference(doc, m)] or chosen
    anchored = [m for m in chosen if not _after_direction(doc, m)]
    chosen = _between_list(doc, anchored or chosen)
    # Drop the areas and admin units that only say where the specific places lie.
    specific = [m for m in chosen if not any(_contains(m, other) for other in candidates if other is not m)]
    specific = specific or chosen
    finest = min(_level(m) for m in specific)
    specific = [m for m in specific if _level(m) == finest]
    # One place named twice is one place.
    unique: list[Mention] = []
    for m in specific:
        if not any(_same_place(m, u) for u in unique):
            unique.append(m)
    return unique, moves


# Countries whose places rasid codes events in; a capital far away (موسكو سحبت …) speaks for a state.
REGION = frozenset({"SY", "IQ", "LB", "JO", "TR", "IL", "PS", "IR", "SA", "YE", "LY", "EG", "KW"})


def _too_vague(m: Mention) -> bool:
    """A country, a part of one named by direction (شرقي سوريا، شمال العراق), or a place outside the region."""
    kind = m.attrs.get("kind")
    if kind == "country" or (m.attrs.get("country") and m.attrs["country"] not in REGION):
        return True
    name = m.canonical or ""
    return kind in ("area", "badia") and (not m.attrs.get("admin1") or name.endswith(("Syria", "Iraq")))


def _after_direction(doc: Doc, m: Mention) -> bool:
    before = _words(doc, max(0, m.start - 25), m.start)[-2:]
    return any(strip_proclitics(w) in _DIRECTIONS or w in _DIRECTIONS for w in before)


def _distance_reference(doc: Doc, m: Mention) -> bool:
    """"(370 كم شمال شرق دمشق)": a place given only to measure a distance from."""
    before = _words(doc, max(0, m.start - 40), m.start)[-5:]
    return any(w in ("كم", "كلم", "كيلو", "كيلومتر", "كيلومترا", "كيلومترات") for w in before) and _after_direction(doc, m) or (
        len(before) >= 2 and before[-1] in _DIRECTIONS and before[-2] in _DIRECTIONS and any(w in ("كم", "كلم") for w in before)
    )


_SPAN_WORDS = frozenset({"بين", "يربط", "تربط", "الرابط", "الواصل", "يصل", "الفاصل"})


def _between_list(doc: Doc, places: list[Mention]) -> list[Mention]:
    """"بين بلدتي محجة والمجيدل", "طريق يربط الحارة ببلدة زمرين": a stretch is coded to its first end."""
    out: list[Mention] = []
    skip_next_after: Mention | None = None
    for m in places:
        gap = doc.text[skip_next_after.end : m.start] if skip_next_after is not None else ""
        joined = gap.strip(" \"'“”«»") in ("و", "-", "–", "—", "", "ب") or gap.strip().startswith(("و", "ب"))
        if skip_next_after is not None and 0 <= m.start - skip_next_after.end <= 12 and joined:
            skip_next_after = None
            continue
        skip_next_after = None
        before = _words(doc, max(0, m.start - 30), m.start)[-3:]
        if any(w in _SPAN_WORDS for w in before):
            skip_next_after = m
        out.append(m)
    return out


def _same_place(a: Mention, b: Mention) -> bool:
    if a.id and a.id == b.id:
        return True
    return normalize_key(strip_proclitics(a.text)) == normalize_key(strip_proclitics(b.text))


# ---------------------------------------------------------------- actors


def _actors_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return doc.mentions_between("actor", start, end)


def _marker_before(doc: Doc, mention: Mention, markers: frozenset[str], span: int = 3) -> bool:
    words = _words(doc, max(0, mention.start - 40), mention.start)[-span:]
    return any(
        w in markers or strip_proclitics(w) in markers or _stem(w) in markers or (w[:1] in "وفب" and w[1:] in markers)
        for w in words
    )


def _is_armed(m: Mention | None) -> bool:
    return m is not None and m.attrs.get("kind") in ARMED_KINDS


# Descriptions that say someone is a member, not whose member: never the actor of an event.
_DESCRIPTIONS = frozenset({"members_generic", "fighters_generic"})


def _can_act(m: Mention, frame: Frame) -> bool:
    """Civilians suffer violence rather than commit it; "عناصر" alone names nobody."""
    if m.id in _DESCRIPTIONS:
        return False
    if m.attrs.get("kind") == "civilians" and frame.event_type not in ("Protests", "Riots"):
        return False  # civilians suffer violence, looting and arrests; they act only as crowds
    return not (frame.event_type in ("Protests", "Riots") and m.attrs.get("inter") == "Civilians")


def _counted(doc: Doc, m: Mention) -> bool:
    """"اعتقلت ثمانية إرهابيين": people counted after a verb are its object, not its subject."""
    return any(q.end <= m.start and m.start - q.end <= 2 and q.value is not None for q in doc.quantities)


_QUALIFIERS = frozenset({"عسكري", "عسكريه", "جوي", "جويه", "مدفعي", "مدفعيه", "صاروخي", "صاروخيه", "بري", "بريه", "جديد", "جديده", "مكثف", "مكثفه", "عنيف", "عنيفه"})


def _nationality(doc: Doc, head: TriggerHit) -> Mention | None:
    """"قصف تركي", "رتل عسكري تركي": a nationality adjective on the trigger noun names the actor."""
    nationalities = load_nationalities()
    n = doc.norm.from_original(head.end)
    for token in [t for t in doc.tokens if t.nstart >= n][:3]:
        word = token.norm[2:] if token.norm.startswith("ال") else token.norm
        if word in nationalities:
            actor = load_actors()[nationalities[word]]
            return Mention(kind="actor", text=doc.text[token.start : token.end], start=token.start, end=token.end,
                           canonical=actor.name, id=actor.id, attrs={"kind": actor.kind, "inter": actor.inter, "generic": False})
        if word not in _QUALIFIERS:
            return None
    return None


def _affiliated(doc: Doc, m: Mention) -> bool:
    """"فصائل الموالية لتركيا", "مخزنا تابعا للحشد": the actor is named as someone's patron or owner."""
    words = _words(doc, max(0, m.start - 40), m.start)[-2:]
    return any(w in _AFFILIATION or w.rstrip("ا") in _AFFILIATION or _stem(w) in _AFFILIATION for w in words)


def _object_verb(doc: Doc, frame: Frame) -> bool:
    """"عبوة ناسفة كانت تستهدف القوات": a weapon is the subject, so the actor after the verb is the object."""
    head = frame.hits[0]
    if not head.verbal:
        return False
    lookback = max(frame.back, head.start - 40)
    return any(
        m.kind == "weapon"
        and (lookback <= m.start < head.start or 0 <= m.start - head.end <= 3)
        and not doc.occupied(m.start, m.end, ("actor",))
        for m in doc.mentions
    )


def _is_speaker(doc: Doc, m: Mention) -> bool:
    """"قال مصدر في قيادة العمليات", "بحسب المرصد": an actor that only reports the event.

    After "أن" the actor is the subject of what was said ("وأضاف أن تحرير الشام استقدمت").
    """
    before = _words(doc, max(0, m.start - 40), m.start)[-3:]
    if before and before[-1] in _THAT:
        return False
    return _marker_before(doc, m, _SPEECH, 3)


def _actors(doc: Doc, frame: Frame) -> tuple[Mention | None, Mention | None, list[Mention], list[Mention]]:
    """Agent, target and their associates in a frame (see module docstring for the word-order rules).

    The head is the word that names the happening (قصف in "قتل مدنيان جراء قصف لقوات النظام"),
    not an outcome word that may come first.
    """
    head = frame.sub_evidence or frame.hits[0]
    violent = frame.event_type in VIOLENT_TYPES
    after_all = _actors_in(doc, head.end, frame.end)
    after = [m for m in after_all if not _is_speaker(doc, m) and not _affiliated(doc, m)]
    # "مخزن … تعرض للقصف": what stands before a passive lead is the target, not the agent.
    passive = bool(_words(doc, max(frame.back, head.start - 15), head.start)[-1:]) and _stem(
        _words(doc, max(frame.back, head.start - 15), head.start)[-1]
    ) in _PASSIVE_LEADS
    before_all = [] if passive else [m for m in _actors_in(doc, frame.back, head.start) if not _affiliated(doc, m)]
    last_word = _words(doc, max(frame.back, head.start - 12), head.start)[-1:]
    says_that = bool(last_word) and last_word[0] in _THAT
    before = [
        m for m in before_all
        if (says_that or not _is_speaker(doc, m))
        and not (violent and (_members_of(doc, m) or _is_death_context(doc, m) or _marker_before(doc, m, _TARGET_MARKERS, 2)))
    ]
    agent: Mention | None = None
    target: Mention | None = None
    for m in after:
        if _marker_before(doc, m, _AGENT_MARKERS, 1) or _marker_before(doc, m, _SUPERVISION, 4):
            agent = m
            break
    # VSO: the first actor after the verb, looking past descriptions ("اعتقل عناصر من الأمن العسكري").
    first = after[0] if after else None
    upgraded = first is not None and first.id in _DESCRIPTIONS and len(after) > 1 and _members_of(doc, after[1])
    if upgraded:
        first = after[1]
    if agent is None and first is not None and not _object_verb(doc, frame) and not _counted(doc, first) and _can_act(first, frame):
        between_words = _words(doc, head.end, first.start)
        marked = any(w in _TARGET_MARKERS or _stem(w) in _TARGET_MARKERS for w in between_words[-2:])
        # After a verb the subject may wait for a date or a place (VSO); after a verbal noun
        # the agent is its genitive, right after it (قصف القوات التركية، قصف مدفعي لقوات النظام).
        reach = 6 if head.verbal else 2
        if len(between_words) <= reach and (upgraded or not marked) and not _is_death_context(doc, first):
            agent = first
    if agent is None:
        agent = next((n for n in (_nationality(doc, h) for h in frame.hits if not h.verbal) if n), None)
    if agent is None and before:
        cand = before[-1]
        acts_as_members = not violent and _members_of(doc, cand)  # "أقدم عناصر من فصيل X على …"
        if (acts_as_members or not _marker_before(doc, cand, _TARGET_MARKERS, 2)) and _can_act(cand, frame):
            agent = cand
    if frame.event_type in ("Protests", "Riots"):
        # The crowd acts; the authorities it protests against do not.
        s_start, s_end = frame.sentence
        crowd = [m for m in _actors_in(doc, s_start, s_end) if m.attrs.get("inter") in ("Protesters", "Rioters")]
        crowd = crowd or [m for m in doc.mentions if m.kind == "actor" and m.attrs.get("inter") in ("Protesters", "Rioters")]
        agent = crowd[0] if crowd else (agent if agent is not None and agent.attrs.get("kind") == "civilians" else None)
    # "اشتباكات بين X و Y"
    markers = _TARGET_MARKERS | ({"مع"} if frame.event_type == "Battles" else frozenset())  # "معارك مع X"
    for m in after:
        if m is agent or (frame.event_type == "Strategic developments" and (_members_of(doc, m) or _counted(doc, m))):
            continue
        if _marker_before(doc, m, markers, 3) or _is_death_context(doc, m) or _counted(doc, m) or (agent is not None and _between_pair(doc, agent, m)):
            target = m
            break
    if target is None and agent is not None and head.verbal and agent in after:
        # VSO: "أعدم تنظيم داعش راعي أغنام" — the actor right after the subject is the object.
        following = [m for m in after if m.start >= agent.end and not _coordinated(doc, agent, m)]
        if following and len(_words(doc, agent.end, following[0].start)) <= 2:
            target = following[0]
    if target is None and violent:
        # "مقتل خمسة من عناصر داعش بضربة جوية": the victims told before the strike.
        target = next((m for m in reversed(before_all) if m is not agent and (_is_death_context(doc, m) or _members_of(doc, m))), None)
    if target is None and agent is not None:
        for m in after:
            if m is not agent and m.start > agent.end and _between_pair(doc, agent, m):
                target = m
                break
    if target is not None and agent is not None and target.id == agent.id:
        target = None
    if agent is not None and agent.attrs.get("generic"):
        # "عناصر من الأمن العسكري", "دورية تابعة للأمن العسكري": the named group acts.
        agent = _named_group(doc, agent, after_all + before_all, exclude=target) or agent
    if target is not None and target.attrs.get("generic"):
        target = _named_group(doc, target, after_all + before_all, exclude=agent) or target
    assoc1 = [
        m for m in after
        if m is not agent and m is not target and not m.attrs.get("generic")
        and (
            _members_of(doc, m)
            or (agent is not None and _coordinated(doc, agent, m))
            or any(_coordinated(doc, a, m) for a in after if _members_of(doc, a))
        )
    ]
    assoc2 = [m for m in after if target is not None and m is not target and m is not agent and _coordinated(doc, target, m)]
    return agent, target, assoc1, assoc2


def _named_group(doc: Doc, generic: Mention, candidates: list[Mention], exclude: Mention | None) -> Mention | None:
    """The named actor right after a generic one, as its members or its owner ("عناصر من X", "تابعة لـX")."""
    for m in candidates:
        if m is generic or m is exclude or m.attrs.get("generic") or m.start < generic.end:
            continue
        if m.start - generic.end <= 25 and (_members_of(doc, m) or _affiliated(doc, m)):
            return m
    return None


def _members_of(doc: Doc, m: Mention) -> bool:
    """"40 عنصرا من ميليشيا فاطميون": the actor the counted fighters belong to."""
    words = _words(doc, max(0, m.start - 40), m.start)[-3:]
    return bool(words) and words[-1] == "من" and any(_is_personnel(w) for w in words[:-1])


def _is_personnel(word: str) -> bool:
    """A noun for fighters or members, in any case ending (عنصر، عنصراً، العناصر، مقاتلين)."""
    stem = _stem(word)
    return any(x in _PERSONNEL_NOUNS for x in (word, stem, stem[:-1] if stem.endswith("ا") else stem))


def _is_death_context(doc: Doc, m: Mention) -> bool:
    """An actor named as the victims of a death or injury (مقتل عنصر من قوات النظام)."""
    words = _words(doc, max(0, m.start - 60), m.start)[-5:]
    return any(_stem(w) in DEATH_WORDS or _stem(w) in INJURY_WORDS or w in DEATH_WORDS for w in words)


def _between_pair(doc: Doc, a: Mention, b: Mention) -> bool:
    """"بين X و Y": two sides of a clash."""
    pre = _words(doc, max(0, a.start - 30), a.start)[-3:]
    gap = _words(doc, a.end, b.start)
    return any(strip_proclitics(w) in ("بين", "بينه", "فصيلي") for w in pre) and len(gap) <= 4 and any(
        w == "و" or w.startswith("و") for w in gap + [doc.norm.text[doc.norm.from_original(b.start) - 1 : doc.norm.from_original(b.start)]]
    )


def _coordinated(doc: Doc, a: Mention, b: Mention) -> bool:
    """"X وY", "X وميليشيا Y": actors joined by و with at most two words between and no comma."""
    if b.start < a.end:
        return False
    gap = doc.text[a.end : b.start]
    if "،" in gap or "," in gap:
        return False
    words = _words(doc, a.end, b.start)
    attached = doc.text[b.start - 1 : b.start] == "و"
    return len(words) <= 2 and (attached or (bool(words) and words[0].startswith("و")))


# ---------------------------------------------------------------- counts and dates


def _quantity_at(doc: Doc, start: int, end: int) -> list:
    return [q for q in doc.quantities if start <= q.start < end]


def _casualties(doc: Doc, frame: Frame, words_set: frozenset[str]) -> tuple[int | None, tuple[int, int] | None]:
    """Deaths (or injuries) told in a frame: a number next to a death word, or one or two for a named victim.

    The number is looked for just before the word (11 قتيلا) or after it (مقتل ستة مدنيين),
    never across the other kind of casualty ("قتل مدنيان وأصيب ثلاثة").
    """
    other = INJURY_WORDS if words_set is DEATH_WORDS else DEATH_WORDS
    figures: list[tuple[int, tuple[int, int]]] = []
    tokens = doc.tokens_between(frame.back, frame.end)
    for i, tok in enumerate(tokens):
        if not _is_in(tok.norm, words_set):
            continue
        window = tokens[max(0, i - 2) : i]
        for t in tokens[i + 1 : i + 5]:
            if _is_in(t.norm, other):
                break
            window.append(t)
        best = None
        for q in doc.quantities:
            if any(t.start <= q.start < t.end for t in window) and q.value is not None and not q.vague:
                noun = q.noun or ""
                if noun.startswith(("كم", "كلم", "كيلو", "متر", "عام", "ساع", "يوم", "ايام", "سن", "شهر", "اسبوع")):
                    continue
                best = (int(q.value), (q.start, q.end))
                break
        if best is None and i + 1 < len(tokens):
            nxt = _stem(tokens[i + 1].norm)
            if nxt in _PERSON_SINGULAR:
                best = (1, (tok.start, tokens[i + 1].end))
            elif tokens[i + 1].norm in _PERSON_DUAL or any(
                nxt.endswith(end) and nxt[: -len(end)] in _PERSON_SINGULAR for end in ("ان", "ين")
            ):
                best = (2, (tok.start, tokens[i + 1].end))
        if best:
            figures.append(best)
    if not figures:
        return None, None
    # Several figures in one frame are usually sub-totals of the same dead: the largest stands.
    value, span = max(figures, key=lambda f: f[0])
    return value, span


_NO_DEATHS = ("اقتصرت الاضرار", "الاضرار الماديه", "اضرار ماديه", "دون وقوع اصابات", "دون اصابات", "لم تسفر عن",
              "دون ورود انباء عن اصابات", "دون ورود انباء عن ضحايا", "دون تسجيل اصابات",
              "لم يسفر عن", "دون وقوع ضحايا", "لم تقع اصابات", "لم يصب احد")


def _no_deaths(doc: Doc, frame: Frame, injuries: int | None) -> bool:
    """Only injuries, or only material damage: ACLED codes zero fatalities."""
    s_start, s_end = frame.sentence
    rest = doc.norm.text[doc.norm.from_original(frame.back) :]
    if any(p in rest for p in _NO_DEATHS):
        return True
    sentence = _words(doc, s_start, s_end)
    return injuries is not None and not any(_stem(w) in DEATH_WORDS or w in DEATH_WORDS for w in sentence)


def _frame_date(doc: Doc, frame: Frame) -> tuple[dt.date | None, int, tuple[int, int] | None]:
    """The date expression nearest the trigger within its sentence, else the publication date."""
    s_start, s_end = frame.sentence
    inside = [d for d in doc.dates if s_start <= d.start < s_end and d.date is not None]
    if inside:
        head = frame.hits[0].start
        d = min(inside, key=lambda d: abs(d.start - head))
        return d.date, d.precision, (d.start, d.end)
    if doc.published:
        return doc.published, 2, None
    return None, 3, None


def _modality(doc: Doc, frame: Frame) -> str:
    """Happened, planned (سيتم، تعتزم), ongoing (يتم بناؤه، لا يزال) or background (يذكر أن)."""
    if frame.modality is None:
        frame.modality = _read_modality(doc, frame)
    return frame.modality


def _read_modality(doc: Doc, frame: Frame) -> str:
    s_start, s_end = frame.sentence
    text = " ".join(_words(doc, s_start, s_end))
    around = " ".join(_words(doc, frame.back, frame.end))
    if any(f in around for f in _FUTURE):
        return "planned"
    if any(o in around for o in _ONGOING):
        return "ongoing"
    first = text.split()[:6]
    if any(text.startswith(b) for b in _BACKGROUND) or (first and first[0] in _PLUPERFECT and "قد" in first):
        return "background"  # "يذكر أن …", "وكانت القوات قد …": told as background to the news
    return "happened"


def _force(doc: Doc, start: int, end: int) -> list[ForceItem]:
    """Force composition in a span: weapons and vehicles with their counts, and personnel."""
    items: list[ForceItem] = []
    weapons = [m for m in doc.mentions if m.kind == "weapon" and start <= m.start < end]
    quantities = [q for q in doc.quantities if start <= q.start < end]
    used: set[int] = set()
    for w in weapons:
        count = None
        approx = False
        low = high = None
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            noun_start = getattr(q, "noun_start", None)
            if (noun_start is not None and w.start <= noun_start < w.end) or (0 <= w.start - q.end <= 12):
                count = int(q.value) if q.value is not None else None
                approx = bool(q.approximate) or bool(getattr(q, "vague", None))
                low, high = getattr(q, "low", None), getattr(q, "high", None)
                used.add(qi)
                break
        if count is None and _singular_article_less(doc, w):
            count = 1
        vehicle = w.attrs.get("category") in ("technical", "vehicle", "armoured_vehicle", "tank")
        items.append(
            ForceItem(
                kind="vehicle" if vehicle else "weapon",
                name=w.canonical or w.text,
                category=w.attrs.get("category"),
                count=count,
                count_low=int(low) if low is not None else None,
                count_high=int(high) if high is not None else None,
                approximate=approx,
                calibre_mm=w.attrs.get("calibre_mm"),
                text=w.text,
                start=w.start,
                end=w.end,
            )
        )
    for qi, q in enumerate(quantities):
        if qi in used or q.value is None and not getattr(q, "vague", None):
            continue
        noun = getattr(q, "noun", None) or ""
        if _is_personnel(noun):
            items.append(
                ForceItem(
                    kind="personnel",
                    name="fighters",
                    count=int(q.value) if q.value is not None else None,
                    count_low=int(q.low) if getattr(q, "low", None) is not None else None,
                    count_high=int(q.high) if getattr(q, "high", None) is not None else None,
                    approximate=bool(q.approximate) or bool(getattr(q, "vague", None)),
                    text=doc.text[min(q.start, q.noun_start or q.start) : max(q.end, q.noun_end or q.end)],
                    start=min(q.start, q.noun_start or q.start),
                    end=max(q.end, q.noun_end or q.end),
                )
            )
    return items


_PERSONNEL_NOUNS = frozenset(
    ["عنصر", "عناصر", "مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "جندي", "جنود", "جنديا", "مسلح", "مسلحين", "مسلحون", "عسكري", "عسكريين", "عسكريا", "متطوع", "متطوعين", "متطوعا", "مجند", "مجندين", "فرد", "افراد", "شخص", "اشخاص"]
)


def _singular_article_less(doc: Doc, w: Mention) -> bool:
    """"وراجمة صواريخ" names one launcher: a singular indefinite weapon noun counts one."""
    first = normalize_key(w.text).split()[0] if w.text else ""
    return bool(first) and not first.startswith("ال") and first.endswith("ه") and w.attrs.get("category") in (
        "mlrs", "tank", "armoured_vehicle", "technical", "vehicle", "artillery", "aa_gun", "drone", "aircraft", "helicopter"
    )


# ---------------------------------------------------------------- assembling


def headline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Headlines, sub-headings, datelines and captions: short lines that end without punctuation.

    They restate what the body tells, so their events join the body's instead of adding new ones.
    """
    spans = []
    pos = 0
    for line in doc.text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 160 and stripped[-1] not in ".؟!:”\"»":
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def build_events(doc: Doc, lexicon: Lexicon) -> None:
    """Turn frames into events, merge restatements, and attach attribution and evidence."""
    headlines = headline_spans(doc)
    headline: list[Draft] = []
    body: list[Draft] = []
    previous: Draft | None = None
    for frame in _frames(doc):
        drafts = [d for d in _drafts_for(doc, frame, previous) if _reportable(doc, d)]
        in_headline = any(s <= frame.start < e for s, e in headlines)
        (headline if in_headline else body).extend(drafts)
        previous = drafts[-1] if drafts else previous
    merged = _merge(doc, body)
    merged = _absorb_regions(merged)
    for h in _merge(doc, headline):
        same_type = [d for d in merged if _family(d.event_type) == _family(h.event_type)]
        if not same_type:
            merged.append(h)
            continue
        place_match = [d for d in same_type if d.location and h.location and (_same_place(d.location, h.location) or _contains(h.location, d.location))]
        _enrich((place_match or same_type)[0], h, keep_location=True, keep_actors=True)
    merged.sort(key=lambda d: d.frames[0].start)
    doc.events = [_finish(doc, d) for d in merged]


def _family(event_type: str) -> str:
    """Headlines name violence or demonstrations loosely: a clash may be the body's air strike."""
    if event_type in VIOLENT_TYPES:
        return "violence"
    return "demonstration" if event_type in ("Protests", "Riots") else event_type


def _reportable(doc: Doc, d: Draft) -> bool:
    """ACLED codes what happened: not plans or threats of violence, not "continuing shelling"."""
    return not (d.modality in ("planned", "ongoing") and d.event_type in VIOLENT_TYPES)


def _absorb_regions(drafts: list[Draft]) -> list[Draft]:
    """An event placed in a region that also has a same-type event at a place inside it is that event."""
    out: list[Draft] = []
    for d in drafts:
        if d.location is not None and _level(d.location) > 0:
            finer = [
                e for e in drafts
                if e is not d and e.event_type == d.event_type and e.location is not None
                and _contains(d.location, e.location) and _compatible_actor(e.actor1, d.actor1) and _compatible_dates(e, d)
            ]
            if finer:
                _enrich(finer[0], d, keep_location=True)
                continue
        out.append(d)
    return out


# Movement words that mean a troop movement only when armed actors or military equipment move.
_NEEDS_FORCES = frozenset({"arrive"})


def _drafts_for(doc: Doc, frame: Frame, previous: Draft | None = None) -> list[Draft]:
    movement = frame.sub_event_type == "Change to group/activity" or frame.sub_event_type == "Headquarters or base established"
    withdrawal = any(any(_stem(w).startswith(_WITHDRAWAL_STEMS) for w in h.form.split()) for h in frame.hits)
    places, moves = _locations(doc, frame, withdrawal, movement)
    if places and _modality(doc, frame) == "background":
        # Background is told in one breath: one event at the first place it names.
        firsts = [m for m in _places_in(doc, frame.start, frame.end) if not _too_vague(m)]
        places = firsts[:1] or places[:1]
    agent, target, assoc1, assoc2 = _actors(doc, frame)
    if agent is None and previous is not None and previous.actor1 is not None and _continues(doc, previous, frame) and not (
        target is not None and target.id == previous.actor1.id
    ):
        # "الجيش أطلق قنابل … بعد شنه غارات", or a next sentence telling more of the same
        # movement with no actor named: the subject carries over.
        agent = previous.actor1
    etype, sub = frame.event_type, frame.sub_event_type
    if all(h.trigger.id in _NEEDS_FORCES for h in frame.hits) and not (
        _is_armed(agent) or _force(doc, frame.back, frame.end) or any(_is_armed(m) for m in assoc1)
    ):
        return []  # "توافد الأهالي إلى الساحة": people arriving are not a troop movement
    if (
        not frame.cued and etype in VIOLENT_TYPES and previous is not None
        and previous.event_type in VIOLENT_TYPES and previous.frames[-1].sentence == frame.sentence
    ):
        etype, sub = previous.event_type, previous.sub_event_type  # "قصف … يستهدف": the targeting is the shelling
    if sub == "Attack" and _is_armed(target):
        etype, sub = "Battles", "Armed clash"
    if sub in ("Government regains territory", "Non-state actor overtakes territory") and agent is not None:
        sub = "Government regains territory" if agent.attrs.get("kind") == "state_forces" else "Non-state actor overtakes territory"
    if etype == "Violence against civilians" and target is None:
        pass
    fatalities, fat_span = _casualties(doc, frame, DEATH_WORDS)
    injuries, _ = _casualties(doc, frame, INJURY_WORDS)
    if fatalities is None and (etype in ("Strategic developments", "Protests") or _no_deaths(doc, frame, injuries)):
        fatalities = 0
    modality = _modality(doc, frame)
    date = _frame_date(doc, frame)
    force = _force(doc, frame.back, frame.end) if movement else []
    if not places:
        places_or_none: list[Mention | None] = [None]
    else:
        places_or_none = list(places)
    drafts = []
    for place in places_or_none:
        drafts.append(
            Draft(
                event_type=etype,
                sub_event_type=sub,
                frames=[frame],
                location=place,
                actor1=agent,
                actor2=target,
                assoc1=list(assoc1),
                assoc2=list(assoc2),
                movement=list(moves),
                fatalities=fatalities if len(places_or_none) == 1 or fatalities == 0 else None,
                fatality_span=fat_span,
                injuries=injuries if len(places_or_none) == 1 else None,
                force=force,
                modality=modality,
                date=date,
            )
        )
    return drafts


def _continues(doc: Doc, previous: Draft, frame: Frame) -> bool:
    """Whether a frame goes on with the previous draft's happening.

    In the same sentence, a chained verb keeps its subject. In the next sentences only the
    same kind of word does ("أرسلت … تعزيزات" then "وضمت التعزيزات"), not any word of the type.
    """
    prev_sentence = previous.frames[-1].sentence
    if prev_sentence == frame.sentence:
        return True
    if not _same_trigger(previous, frame):
        return False
    following = [s for s in doc.sentences if prev_sentence[0] <= s[0] <= frame.sentence[0]]
    return len(following) <= 2


def _same_trigger(draft: Draft, frame: Frame) -> bool:
    ids = {h.trigger.id for f in draft.frames for h in f.hits}
    return any(h.trigger.id in ids for h in frame.hits)


def _refers_back(doc: Doc, frame: Frame) -> bool:
    words = " ".join(_words(doc, frame.sentence[0], frame.end))
    return any(a in words for a in _ANAPHORA)


def _compatible_dates(a: Draft, b: Draft) -> bool:
    """Two explicitly dated drafts on different days are different happenings."""
    return a.date[2] is None or b.date[2] is None or a.date[0] == b.date[0]


def _compatible_actor(a: Mention | None, b: Mention | None) -> bool:
    return a is None or b is None or actors_compatible(a.id, b.id)


def _merge(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """One event per happening: restatements of an earlier event at the same place enrich it."""
    out: list[Draft] = []
    for d in drafts:
        if d.sub_event_type == "Other":
            continue  # ACLED's residual category: too vague to code from a rule
        target = None
        restates = not d.frames[0].cued and d.event_type in VIOLENT_TYPES
        for e in reversed(out):
            same_kind = e.event_type == d.event_type or (restates and e.event_type in VIOLENT_TYPES)
            if not same_kind or not _compatible_dates(e, d):
                continue
            if not (_compatible_actor(e.actor1, d.actor1) or (restates and d.actor2 is not None and e.actor1 is not None and d.actor2.id == e.actor1.id)):
                continue
            if d.location is not None and e.location is not None:
                if _same_place(d.location, e.location) or (d.location.id and e.location.id and _km(d.location, e.location) < 3):
                    target = e
                    break
            elif d.location is None and _refers_back(doc, d.frames[0]) and (
                _same_trigger(e, d.frames[0]) or not any(_same_trigger(x, d.frames[0]) for x in out)
            ):
                target = e  # "وضمت التعزيزات": the latest reinforcement, not the latest event
                break
        if target is None and d.location is None:
            # An unlocated happening that does not refer back: keep only if nothing else is known.
            continue
        if target is None:
            out.append(d)
            continue
        _enrich(target, d)
    return out


def _enrich(e: Draft, d: Draft, keep_location: bool = False, keep_actors: bool = False) -> None:
    """Fold draft `d` into `e`: fields `e` lacks, the finer place, casualties, force, movement.

    Headlines (`keep_actors`) compress grammar too much to trust their roles.
    """
    e.frames.extend(d.frames)
    if d.event_type == e.event_type and _SUBTYPE_RANK.get(d.sub_event_type, 99) < _SUBTYPE_RANK.get(e.sub_event_type, 99):
        e.sub_event_type = d.sub_event_type
    if not keep_actors:
        e.actor1 = e.actor1 or d.actor1
        e.actor2 = e.actor2 or d.actor2
    if not keep_location and d.location is not None and e.location is not None and _level(d.location) < _level(e.location):
        e.location = d.location
    for m in [] if keep_actors else ([d.actor1] if d.actor1 and e.actor1 and d.actor1.id != e.actor1.id else []) + d.assoc1:
        if all(m.id != x.id for x in e.assoc1) and (e.actor1 is None or m.id != e.actor1.id):
            e.assoc1.append(m)
    if d.fatalities is not None and (e.fatalities is None or (e.fatalities == 0 and d.fatalities > 0)):
        e.fatalities, e.fatality_span = d.fatalities, d.fatality_span
    if d.injuries is not None and e.injuries is None:
        e.injuries = d.injuries
    e.force.extend(f for f in d.force if all(f.start != g.start for g in e.force))
    e.movement.extend(mv for mv in d.movement if all(mv[1].start != x[1].start for x in e.movement))
    if e.date[2] is None and d.date[2] is not None:
        e.date = d.date


def _actor_ref(m: Mention) -> ActorRef:
    return ActorRef(text=m.text, canonical=m.canonical, id=m.id, inter=m.attrs.get("inter"), start=m.start, end=m.end)


def _finish(doc: Doc, d: Draft) -> Event:
    from rasid.extract.notes import write_note

    evidence = [Evidence(field="trigger", text=doc.text[h.start : h.end], start=h.start, end=h.end) for f in d.frames for h in f.hits]
    for f in d.frames:
        s, e = f.sentence
        evidence.append(Evidence(field="sentence", text=doc.text[s:e], start=s, end=e))
    named = [("location", d.location), ("actor1", d.actor1), ("actor2", d.actor2)]
    named += [("assoc_actor_1", m) for m in d.assoc1] + [("assoc_actor_2", m) for m in d.assoc2]
    named += [(f"movement.{role}", m) for role, m in d.movement]
    for name, m in named:
        if m is not None:
            evidence.append(Evidence(field=name, text=m.text, start=m.start, end=m.end))
    if d.fatality_span:
        s, e = d.fatality_span
        evidence.append(Evidence(field="fatalities", text=doc.text[s:e], start=s, end=e))
    date, precision, date_span = d.date
    if date_span:
        evidence.append(Evidence(field="event_date", text=doc.text[date_span[0] : date_span[1]], start=date_span[0], end=date_span[1]))
    for item in d.force:
        evidence.append(Evidence(field="force", text=item.text, start=item.start, end=item.end))
    attribution = _attribution(doc, d)
    event = Event(
        event_type=d.event_type,
        sub_event_type=d.sub_event_type,
        actor1=_actor_ref(d.actor1) if d.actor1 else None,
        assoc_actor_1=[_actor_ref(m) for m in d.assoc1],
        actor2=_actor_ref(d.actor2) if d.actor2 else None,
        assoc_actor_2=[_actor_ref(m) for m in d.assoc2],
        location=location_of(d.location) if d.location else None,
        event_date=date.isoformat() if date else None,
        time_precision=precision,
        fatalities=d.fatalities,
        injuries=d.injuries,
        force=d.force,
        movement=[Movement(role=r, location=location_of(m)) for r, m in d.movement if r],  # type: ignore[arg-type]
        modality=d.modality,  # type: ignore[arg-type]
        attribution=attribution,
        civilian_targeting=d.event_type == "Violence against civilians"
        or (d.actor2 is not None and d.actor2.attrs.get("kind") == "civilians"),
        confidence=_confidence(d),
        evidence=evidence,
    )
    event.notes = write_note(event)
    return event


def _attribution(doc: Doc, d: Draft) -> list[Attribution]:
    out = []
    if doc.outlet:
        out.append(Attribution(kind="outlet", name=doc.outlet))
    seen = set()
    for f in d.frames:
        s, e = f.sentence
        for m in doc.mentions:
            if m.kind == "source" and s <= m.start < e and m.id not in seen:
                seen.add(m.id)
                out.append(Attribution(kind=m.attrs.get("kind", "media"), name=m.canonical, text=m.text, start=m.start, end=m.end))
    return out


def _confidence(d: Draft) -> float:
    score = 0.4
    score += 0.2 if d.location is not None and _level(d.location) == 0 else 0.1 if d.location else 0
    score += 0.15 if d.actor1 is not None else 0
    score += 0.1 if len(d.frames) > 1 else 0
    score += 0.1 if d.frames[0].hits[0].verbal else 0
    score -= 0.2 if d.modality in ("planned", "background") else 0
    return round(max(0.05, min(0.95, score)), 2)
