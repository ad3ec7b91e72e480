"""Who did it to whom: the agent, the target and their associates in a frame.

The agent of a verb stands after it (VSO: أرسلت الميليشيات …) or before it (SVO); the agent
of a verbal noun follows as a genitive (قصف القوات التركية) or after من قبل / بإشراف; the
target follows استهدف/على/ضد or a casualty word (مقتل عنصر من قوات النظام). Speakers (قال
مصدر في …), patrons (الموالية لتركيا) and civilians outside crowds never act.
"""

from __future__ import annotations

from rasid.extract.cues import DEATH_WORDS, INJURY_WORDS, is_personnel, marker_before, stem_of
from rasid.extract.doc import Doc
from rasid.extract.frames import VIOLENT_TYPES, Frame
from rasid.lexicon.load import load_actors, load_grammar, load_nationalities
from rasid.model import Mention
from rasid.text.tokenize import strip_proclitics

GRAMMAR = load_grammar()

ARMED_KINDS = frozenset(
    {"state_forces", "foreign_forces", "militia", "rebel", "jihadist", "kurdish_forces", "coalition"}
)

# Words before an actor that make it the target, not the agent.
_TARGET_MARKERS = GRAMMAR["target_markers"]

# Words before an actor that say whose side something is on, not who acted: "الموالية لتركيا".
_AFFILIATION = GRAMMAR["affiliation"]

# Words before an actor that make it the speaker of a report, not a party to the event.
_SPEECH = GRAMMAR["speech"]

_PASSIVE_LEADS = GRAMMAR["passive_leads"]

_THAT = GRAMMAR["that"]

# Words right before an actor that make it the agent: "من قبل X", "مصدرها X", "نفذها X".
# "بإشراف مباشر من الحرس الثوري": who runs an operation is its actor.
_SUPERVISION = GRAMMAR["supervision"]

_AGENT_MARKERS = GRAMMAR["agent_markers"]


def _actors_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return doc.mentions_between("actor", start, end)


def is_armed(m: Mention | None) -> bool:
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
    """ "اعتقلت ثمانية إرهابيين": people counted after a verb are its object, not its subject."""
    return any(q.end <= m.start and m.start - q.end <= 2 and q.value is not None for q in doc.quantities)


_QUALIFIERS = GRAMMAR["qualifiers"]


_CRAFT = frozenset({"aircraft", "drone", "helicopter", "tank", "armoured_vehicle", "technical", "vehicle", "naval"})


def _nationality(doc: Doc, end: int) -> Mention | None:
    """ "قصف تركي", "رتل عسكري تركي", "طائرات F-16 العراقية": a nationality adjective right after
    a trigger noun or a weapon (past qualifiers and Latin model names) names the actor."""
    nationalities = load_nationalities()
    for token in doc.tokens_between(end, len(doc.text))[:4]:
        word = token.norm[2:] if token.norm.startswith("ال") else token.norm
        if word in nationalities:
            actor = load_actors()[nationalities[word]]
            return Mention(
                kind="actor",
                text=doc.text[token.start : token.end],
                start=token.start,
                end=token.end,
                canonical=actor.name,
                id=actor.id,
                attrs={"kind": actor.kind, "inter": actor.inter, "generic": False},
            )
        if word not in _QUALIFIERS and not word.isascii():
            return None
    return None


def _affiliated(doc: Doc, m: Mention) -> bool:
    """ "فصائل الموالية لتركيا", "مخزنا تابعا للحشد": the actor is named as someone's patron or owner."""
    words = doc.words_between(max(0, m.start - 40), m.start)[-2:]
    return any(
        w in _AFFILIATION or w.rstrip("ا") in _AFFILIATION or stem_of(w) in _AFFILIATION for w in words
    )


def _object_verb(doc: Doc, frame: Frame) -> bool:
    """ "عبوة ناسفة كانت تستهدف القوات": a weapon is the subject, so the actor after the verb is the object."""
    head = frame.hits[0]
    if not head.verbal:
        return False
    before = doc.words_between(max(frame.back, head.start - 20), head.start)[-1:]
    if before and before[0] in ("كان", "كانت", "كانوا", "وكانت", "وكان"):
        return True  # "كانت تستهدف القوات": the subject was named before the auxiliary
    lookback = max(frame.back, head.start - 40)
    return any(
        m.kind == "weapon"
        and (lookback <= m.start < head.start or 0 <= m.start - head.end <= 3)
        and not doc.occupied(m.start, m.end, ("actor",))
        for m in doc.mentions
    )


def _is_speaker(doc: Doc, m: Mention) -> bool:
    """ "قال مصدر في قيادة العمليات", "بحسب المرصد": an actor that only reports the event.

    After "أن" the actor is the subject of what was said ("وأضاف أن تحرير الشام استقدمت").
    """
    before = doc.words_between(max(0, m.start - 40), m.start)[-3:]
    if before and before[-1] in _THAT:
        return False
    return marker_before(doc, m, _SPEECH, 3)


def read_roles(doc: Doc, frame: Frame) -> tuple[Mention | None, Mention | None, list[Mention], list[Mention]]:
    """Agent, target and their associates in a frame (see module docstring for the word-order rules).

    The head is the word that names the happening (قصف in "قتل مدنيان جراء قصف لقوات النظام"),
    not an outcome word that may come first.
    """
    head = frame.sub_evidence or frame.hits[0]
    violent = frame.event_type in VIOLENT_TYPES
    after_all = _actors_in(doc, head.end, frame.end)
    after = [m for m in after_all if not _is_speaker(doc, m) and not _affiliated(doc, m)]
    # "مخزن … تعرض للقصف": what stands before a passive lead is the target, not the agent.
    lead = doc.words_between(max(frame.back, head.start - 15), head.start)[-1:]
    passive = bool(lead) and stem_of(lead[0]) in _PASSIVE_LEADS
    before_all = (
        [] if passive else [m for m in _actors_in(doc, frame.back, head.start) if not _affiliated(doc, m)]
    )
    last_word = doc.words_between(max(frame.back, head.start - 12), head.start)[-1:]
    says_that = bool(last_word) and last_word[0] in _THAT
    before = [
        m
        for m in before_all
        if (says_that or not _is_speaker(doc, m))
        and not (
            violent
            and (
                _members_of(doc, m) or _is_death_context(doc, m) or marker_before(doc, m, _TARGET_MARKERS, 2)
            )
        )
    ]
    agent: Mention | None = None
    target: Mention | None = None
    for m in after:
        if marker_before(doc, m, _AGENT_MARKERS, 1) or marker_before(doc, m, _SUPERVISION, 4):
            agent = m
            break
    if agent is None and frame.event_type == "Battles":
        # "اشتباكات بين عناصر من X ومسلحين من Y": the first side named is actor 1.
        sides = [m for m in after if "بين" in doc.words_between(max(0, m.start - 40), m.start)[-4:] and not m.attrs.get("generic")]
        agent = sides[0] if sides else None
    # VSO: the first actor after the verb, looking past descriptions ("اعتقل عناصر من الأمن العسكري").
    first = after[0] if after else None
    upgraded = (
        first is not None and first.id in _DESCRIPTIONS and len(after) > 1 and _members_of(doc, after[1])
    )
    if upgraded:
        first = after[1]
    if (
        agent is None
        and first is not None
        and not _object_verb(doc, frame)
        and not _counted(doc, first)
        and _can_act(first, frame)
    ):
        between_words = doc.words_between(head.end, first.start)
        marked = any(w in _TARGET_MARKERS or stem_of(w) in _TARGET_MARKERS for w in between_words[-2:]) or any(
            w in ("علي", "ضد", "بحق") for w in between_words + head.form.split()[-1:]
        )  # "قضت على عدد من الإرهابيين": on whom, not by whom
        # After a verb the subject may wait for a date or a place (VSO); after a verbal noun
        # the agent is its genitive, right after it (قصف القوات التركية، قصف مدفعي لقوات النظام).
        reach = 6 if head.verbal else 2
        if len(between_words) <= reach and (upgraded or not marked) and not _is_death_context(doc, first):
            agent = first
    if agent is None:
        ends = [h.end for h in frame.hits if not h.verbal]
        ends += [m.end for m in doc.mentions_between("weapon", frame.back, frame.end) if m.attrs.get("category") in _CRAFT]
        agent = next((n for n in (_nationality(doc, e) for e in ends) if n), None)
    if agent is None and before:
        cand = before[-1]
        acts_as_members = not violent and _members_of(doc, cand)  # "أقدم عناصر من فصيل X على …"
        if (acts_as_members or not marker_before(doc, cand, _TARGET_MARKERS, 2)) and _can_act(cand, frame):
            agent = cand
    if frame.event_type in ("Protests", "Riots"):
        # The crowd acts; the authorities it protests against do not.
        s_start, s_end = frame.sentence
        crowd = [
            m for m in _actors_in(doc, s_start, s_end) if m.attrs.get("inter") in ("Protesters", "Rioters")
        ]
        crowd = crowd or [
            m for m in doc.mentions if m.kind == "actor" and m.attrs.get("inter") in ("Protesters", "Rioters")
        ]
        agent = (
            crowd[0]
            if crowd
            else (agent if agent is not None and agent.attrs.get("kind") == "civilians" else None)
        )
    # "اشتباكات بين X و Y"
    markers = _TARGET_MARKERS | ({"مع"} if frame.event_type == "Battles" else frozenset())  # "معارك مع X"
    for m in after:
        if m is agent or (
            frame.event_type == "Strategic developments" and (_members_of(doc, m) or _counted(doc, m))
        ):
            continue
        if (
            marker_before(doc, m, markers, 3)
            or _is_death_context(doc, m)
            or _counted(doc, m)
            or (agent is not None and _between_pair(doc, agent, m))
        ):
            target = m
            break
    if target is None and agent is not None and head.verbal and agent in after:
        # VSO: "أعدم تنظيم داعش راعي أغنام" — the actor right after the subject is the object.
        following = [m for m in after if m.start >= agent.end and not _coordinated(doc, agent, m)]
        if following and len(doc.words_between(agent.end, following[0].start)) <= 2:
            target = following[0]
    if target is None and violent:
        # "مقتل خمسة من عناصر داعش بضربة جوية": the victims told before the strike.
        target = next(
            (
                m
                for m in reversed(before_all)
                if m is not agent and (_is_death_context(doc, m) or _members_of(doc, m))
            ),
            None,
        )
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
        # "عناصر من قوات النظام", "33 جندياً تركياً": the named group, or the state of the soldiers.
        target = _named_group(doc, target, after_all + before_all, exclude=agent) or _nationality(doc, target.end) or target
    assoc1 = [
        m
        for m in after
        if m is not agent
        and m is not target
        and not m.attrs.get("generic")
        and (
            (_members_of(doc, m) and frame.event_type == "Strategic developments")  # "40 عنصرا من فاطميون"
            or (agent is not None and _coordinated(doc, agent, m))
            or any(_coordinated(doc, a, m) for a in after if _members_of(doc, a))
        )
    ]
    assoc2 = [
        m
        for m in after
        if target is not None and m is not target and m is not agent and _coordinated(doc, target, m)
    ]
    return agent, target, assoc1, assoc2


def _named_group(
    doc: Doc, generic: Mention, candidates: list[Mention], exclude: Mention | None
) -> Mention | None:
    """The named actor right after a generic one: its members, its owner or its genitive
    ("عناصر من X", "دورية تابعة لـX", "دورية للجيش العراقي")."""
    for m in candidates:
        if m is generic or m is exclude or m.attrs.get("generic") or m.start < generic.end:
            continue
        gap = doc.text[generic.end : m.start]
        if not gap.strip() or (m.start - generic.end <= 25 and (_members_of(doc, m) or _affiliated(doc, m))):
            return m
    return None


def _members_of(doc: Doc, m: Mention) -> bool:
    """ "40 عنصرا من ميليشيا فاطميون": the actor the counted fighters belong to."""
    words = doc.words_between(max(0, m.start - 40), m.start)[-3:]
    return bool(words) and words[-1] == "من" and any(is_personnel(w) for w in words[:-1])


def _is_death_context(doc: Doc, m: Mention) -> bool:
    """An actor named as the victims of a death or injury (مقتل عنصر من قوات النظام)."""
    words = doc.words_between(max(0, m.start - 60), m.start)[-5:]
    return any(stem_of(w) in DEATH_WORDS or stem_of(w) in INJURY_WORDS or w in DEATH_WORDS for w in words)


def _between_pair(doc: Doc, a: Mention, b: Mention) -> bool:
    """ "بين X و Y": two sides of a clash."""
    pre = doc.words_between(max(0, a.start - 30), a.start)[-3:]
    gap = doc.words_between(a.end, b.start)
    return (
        any(strip_proclitics(w) in ("بين", "بينه", "فصيلي") for w in pre)
        and len(gap) <= 4
        and any(
            w == "و" or w.startswith("و")
            for w in gap
            + [doc.norm.text[doc.norm.from_original(b.start) - 1 : doc.norm.from_original(b.start)]]
        )
    )


def _coordinated(doc: Doc, a: Mention, b: Mention) -> bool:
    """ "X وY", "X وميليشيا Y": actors joined by و with at most two words between and no comma."""
    if b.start < a.end:
        return False
    gap = doc.text[a.end : b.start]
    if "،" in gap or "," in gap:
        return False
    words = doc.words_between(a.end, b.start)
    attached = doc.text[b.start - 1 : b.start] == "و"
    return len(words) <= 2 and (attached or (bool(words) and words[0].startswith("و")))
