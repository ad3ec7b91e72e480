"""Who did it to whom: the agent, the target and their associates in a frame.

The agent of a verb stands after it (VSO: أرسلت الميليشيات …) or before it (SVO); the agent
of a verbal noun follows as a genitive (قصف القوات التركية) or after من قبل / بإشراف; the
target follows استهدف/على/ضد or a casualty word (مقتل عنصر من قوات النظام). Speakers (قال
مصدر في …), patrons (الموالية لتركيا) and civilians outside crowds never act.

Each way of finding a role is a named rule (`rasid.extract.rules`): the agent rules are tried
in order and the first that finds an actor sets actor 1; then the target rules set actor 2.
`read_roles` returns the actors with the names of the rules that chose them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rasid.extract.cues import (
    DEATH_WORDS,
    INJURY_WORDS,
    casualty_word,
    is_one_of,
    is_personnel,
    marker_before,
    stem_of,
)
from rasid.extract.doc import Doc
from rasid.extract.frames import VIOLENT_TYPES, Frame, TriggerHit
from rasid.extract.rules import rule
from rasid.lexicon.load import load_actors, load_grammar, load_nationalities
from rasid.model import Mention
from rasid.rules import enabled, fired
from rasid.text.tokenize import ARTICLE, strip_proclitics

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

# "بإشراف مباشر من الحرس الثوري": who runs an operation is its actor.
_SUPERVISION = GRAMMAR["supervision"]

# Words right before an actor that make it the agent: "من قبل X", "مصدرها X", "نفذها X".
_AGENT_MARKERS = GRAMMAR["agent_markers"]

_AUXILIARIES = GRAMMAR["auxiliary_verbs"]
_OBLIQUE = GRAMMAR["oblique_target_prepositions"]
_BETWEEN = GRAMMAR["between_sides"]
_OPPONENT = GRAMMAR["battle_opponent_markers"]
_PARTITIVE = GRAMMAR["partitive"]
_AND = next(iter(GRAMMAR["conjunction"]))

_QUALIFIERS = GRAMMAR["qualifiers"]

_CRAFT = frozenset({"aircraft", "drone", "helicopter", "tank", "armoured_vehicle", "technical", "vehicle", "naval"})

# Descriptions that say someone is a member, not whose member: never the actor of an event.
_DESCRIPTIONS = frozenset({"members_generic", "fighters_generic"})

_CROWDS = ("Protesters", "Rioters")
_DEMONSTRATIONS = ("Protests", "Riots")


@dataclass
class Clause:
    """What the role rules read from one frame: its head trigger and the actors around it."""

    doc: Doc
    frame: Frame
    head: TriggerHit
    violent: bool
    after_all: list[Mention]
    after: list[Mention]
    before_all: list[Mention]
    before: list[Mention]


@dataclass
class Roles:
    """The actors of a frame, and the name of the rule that chose each."""

    agent: Mention | None = None
    target: Mention | None = None
    assoc1: list[Mention] = field(default_factory=list)
    assoc2: list[Mention] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)


def _actors_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return doc.mentions_between("actor", start, end)


def is_armed(m: Mention | None) -> bool:
    return m is not None and m.attrs.get("kind") in ARMED_KINDS


def _can_act(m: Mention, frame: Frame) -> bool:
    """Civilians suffer violence rather than commit it; "عناصر" alone names nobody."""
    if m.id in _DESCRIPTIONS:
        return False
    if m.attrs.get("kind") == "civilians" and frame.event_type not in _DEMONSTRATIONS:
        return False  # civilians suffer violence, looting and arrests; they act only as crowds
    return not (frame.event_type in _DEMONSTRATIONS and m.attrs.get("inter") == "Civilians")


def _counted(doc: Doc, m: Mention) -> bool:
    """ "اعتقلت ثمانية إرهابيين": people counted after a verb are its object, not its subject."""
    return any(q.end <= m.start and m.start - q.end <= 2 and q.value is not None for q in doc.quantities)


def _nationality(doc: Doc, end: int) -> Mention | None:
    """ "قصف تركي", "رتل عسكري تركي", "طائرات F-16 العراقية": a nationality adjective right after
    a trigger noun or a weapon (past qualifiers and Latin model names) names the actor."""
    nationalities = load_nationalities()
    for token in doc.tokens_between(end, len(doc.text))[:4]:
        word = token.norm.removeprefix(ARTICLE)
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
    if before and before[0] in _AUXILIARIES:
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


def _clause(doc: Doc, frame: Frame) -> Clause:
    """The head of a frame — the word that names the happening (قصف in "قتل مدنيان جراء قصف
    لقوات النظام"), not an outcome word that may come first — and the actors around it."""
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
    says_that = bool(lead) and lead[0] in _THAT
    before = [
        m
        for m in before_all
        if (says_that or not _is_speaker(doc, m))
        and not (
            violent
            and (_members_of(doc, m) or _is_death_context(doc, m) or marker_before(doc, m, _TARGET_MARKERS, 2))
        )
    ]
    return Clause(doc, frame, head, violent, after_all, after, before_all, before)


# --- agent rules, tried in order -------------------------------------------------------------


@rule("roles.agent_phrase", "actor1", "an actor after an agent phrase (min qibal, bi-rasas, bi-niran, naffadhaha, bi-ishraf) is the agent, after the head or before it")
def _agent_phrase(c: Clause) -> Mention | None:
    return next(
        (
            m
            for m in c.after + [m for m in c.before_all if not _is_speaker(c.doc, m)]
            if marker_before(c.doc, m, _AGENT_MARKERS, 1) or marker_before(c.doc, m, _SUPERVISION, 4)
        ),
        None,
    )


_CLAIM = GRAMMAR["claim_verbs"]


@rule("roles.claimant", "actor1", "the subject of a claim verb right before the happening's noun is its agent")
def _claimant(c: Clause) -> Mention | None:
    if c.head.verbal or any(casualty_word(w) for w in c.head.form.split()):
        return None  # "أعلنت الوزارة مقتل جندي": announcing a death is not causing it
    return next(
        (
            m
            for m in c.before_all
            if marker_before(c.doc, m, _CLAIM, 1) and len(c.doc.words_between(m.end, c.head.start)) <= 2
        ),
        None,
    )


# Weapons that are used by someone (not vehicles, which are more often what was hit).
_INSTRUMENTS = frozenset(
    {
        "aircraft", "drone", "helicopter", "artillery", "mlrs", "missile", "rocket", "mortar",
        "ballistic_missile", "cruise_missile", "tank", "naval", "atgm",
    }
)


@rule("roles.instrument_owner", "actor1", "the owner of the weapon used is the agent")
def _instrument_owner(c: Clause) -> Mention | None:
    doc, frame = c.doc, c.frame
    weapons = [w for w in doc.mentions_between("weapon", frame.back, frame.end) if w.attrs.get("category") in _INSTRUMENTS]
    for m in _actors_in(doc, frame.back, frame.end):
        if _affiliated(doc, m) and any(
            w.end <= m.start and len(doc.words_between(w.end, m.start)) <= 3 for w in weapons
        ):
            return m
    return None


@rule("roles.battle_sides", "actor1", "in a battle, the first named side after bayna (between) is actor 1")
def _battle_sides(c: Clause) -> Mention | None:
    if c.frame.event_type != "Battles":
        return None
    return next(
        (m for m in c.after if not m.attrs.get("generic") and _after_between(c.doc, m)),
        None,
    )


def _after_between(doc: Doc, m: Mention) -> bool:
    return any(is_one_of(w, _BETWEEN) for w in doc.words_between(max(0, m.start - 40), m.start)[-4:])


def _first_after(c: Clause) -> tuple[Mention | None, bool]:
    """The first actor after the head, looking past descriptions ("اعتقل عناصر من الأمن العسكري");
    and whether it was found past one."""
    first = c.after[0] if c.after else None
    if first is not None and (first.id in _DESCRIPTIONS or first.attrs.get("generic")):
        # A generic word never beats the named force it belongs to (مسلحون من تنظيم داعش، دورية للأمن العسكري).
        named = _named_group(c.doc, first, c.after, exclude=None)
        if named is not None:
            return named, True
    return first, False


@rule(
    "roles.verb_subject",
    "actor1",
    "the actor right after a verb (VSO, past a date or place) or after a verbal noun (its genitive) is the agent",
)
def _verb_subject(c: Clause) -> Mention | None:
    first, upgraded = _first_after(c)
    if first is None or _object_verb(c.doc, c.frame) or _counted(c.doc, first) or not _can_act(first, c.frame):
        return None
    between_words = c.doc.words_between(c.head.end, first.start)
    marked = any(is_one_of(w, _TARGET_MARKERS) for w in between_words[-2:]) or any(
        w in _OBLIQUE for w in between_words + c.head.form.split()[-1:]
    )  # "قضت على عدد من الإرهابيين": on whom, not by whom
    # After a verb the subject may wait for a date or a place (VSO); after a verbal noun
    # the agent is its genitive, right after it (قصف القوات التركية، قصف مدفعي لقوات النظام).
    reach = 6 if c.head.verbal else 2
    if len(between_words) <= reach and (upgraded or not marked) and not _is_death_context(c.doc, first):
        return first
    return None


@rule("roles.craft_nationality", "actor1", "a nationality adjective on a trigger noun or a craft names the state")
def _craft_nationality(c: Clause) -> Mention | None:
    frame, doc = c.frame, c.doc
    ends = [h.end for h in frame.hits]  # a verb is never followed by an adjective: "قصف تركي" is a noun
    ends += [m.end for m in doc.mentions_between("weapon", frame.back, frame.end) if m.attrs.get("category") in _CRAFT]
    return next((n for n in (_nationality(doc, e) for e in ends) if n), None)


@rule("roles.preceding_subject", "actor1", "the last actor before the head that is not a victim or a target is the subject (SVO)")
def _preceding_subject(c: Clause) -> Mention | None:
    if not c.before:
        return None
    cand = c.before[-1]
    acts_as_members = not c.violent and _members_of(c.doc, cand)  # "أقدم عناصر من فصيل X على …"
    if (acts_as_members or not marker_before(c.doc, cand, _TARGET_MARKERS, 2)) and _can_act(cand, c.frame):
        return cand
    return None


AGENT_RULES: tuple[tuple[str, Callable[[Clause], Mention | None]], ...] = (
    ("roles.agent_phrase", _agent_phrase),
    ("roles.claimant", _claimant),
    ("roles.instrument_owner", _instrument_owner),
    ("roles.battle_sides", _battle_sides),
    ("roles.verb_subject", _verb_subject),
    ("roles.craft_nationality", _craft_nationality),
    ("roles.preceding_subject", _preceding_subject),
)


@rule("roles.crowd", "actor1", "in a protest or riot the crowd acts, not the authorities it protests against")
def _crowd(c: Clause, agent: Mention | None) -> Mention | None:
    s_start, s_end = c.frame.sentence
    crowd = [m for m in _actors_in(c.doc, s_start, s_end) if m.attrs.get("inter") in _CROWDS]
    crowd = crowd or [m for m in c.doc.mentions if m.kind == "actor" and m.attrs.get("inter") in _CROWDS]
    if crowd:
        return crowd[0]
    return agent if agent is not None and agent.attrs.get("kind") == "civilians" else None


# --- target rules, tried in order ------------------------------------------------------------


@rule("roles.marked_target", "actor2", "an actor after a target marker (ala, didda, positions of), a casualty word or a count, or the second side of bayna X wa Y")
def _marked_target(c: Clause, agent: Mention | None) -> Mention | None:
    doc, frame = c.doc, c.frame
    markers = _TARGET_MARKERS | (_OPPONENT if frame.event_type == "Battles" else frozenset())  # "معارك مع X"
    for m in c.after:
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
            return m
    return None


@rule("roles.verb_object", "actor2", "after a verb and its subject, the next actor is the object")
def _verb_object(c: Clause, agent: Mention | None) -> Mention | None:
    if agent is None or not c.head.verbal or agent not in c.after:
        return None
    following = [m for m in c.after if m.start >= agent.end and not _coordinated(c.doc, agent, m)]
    if following and len(c.doc.words_between(agent.end, following[0].start)) <= 2:
        return following[0]
    return None


@rule("roles.victims_before", "actor2", "victims told before the strike are its target")
def _victims_before(c: Clause, agent: Mention | None) -> Mention | None:
    if not c.violent:
        return None
    return next(
        (
            m
            for m in reversed(c.before_all)
            if m is not agent and (_is_death_context(c.doc, m) or _members_of(c.doc, m))
        ),
        None,
    )


@rule("roles.second_side", "actor2", "the actor joined to the agent by bayna X wa Y is the other side")
def _second_side(c: Clause, agent: Mention | None) -> Mention | None:
    if agent is None:
        return None
    return next(
        (m for m in c.after if m is not agent and m.start > agent.end and _between_pair(c.doc, agent, m)),
        None,
    )


_OWNERSHIP = GRAMMAR["ownership"]


@rule("roles.owner_of_target", "actor2", "in violence, the owner of what was struck is the target")
def _owner_of_target(c: Clause, agent: Mention | None) -> Mention | None:
    if not c.violent:
        return None
    return next(
        (m for m in c.after_all if m is not agent and not _is_speaker(c.doc, m) and marker_before(c.doc, m, _OWNERSHIP, 2)),
        None,
    )


TARGET_RULES: tuple[tuple[str, Callable[[Clause, Mention | None], Mention | None]], ...] = (
    ("roles.marked_target", _marked_target),
    ("roles.verb_object", _verb_object),
    ("roles.owner_of_target", _owner_of_target),
    ("roles.victims_before", _victims_before),
    ("roles.second_side", _second_side),
)


@rule("roles.named_over_generic", "actor1", "a generic word gives way to the named group it belongs to")
def _named_over_generic(c: Clause, generic: Mention, exclude: Mention | None) -> Mention | None:
    return _named_group(c.doc, generic, c.after_all + c.before_all, exclude=exclude)


def read_roles(doc: Doc, frame: Frame) -> Roles:
    """Agent, target and their associates in a frame, each chosen by a named rule."""
    c = _clause(doc, frame)
    roles = Roles()
    for name, agent_rule in AGENT_RULES:
        if enabled(name) and (found := agent_rule(c)) is not None:
            roles.agent, roles.rules["actor1"] = found, name
            fired(name, found.start, found.end)
            break
    if frame.event_type in _DEMONSTRATIONS and enabled("roles.crowd"):
        crowd = _crowd(c, roles.agent)
        if crowd is not roles.agent:
            roles.rules["actor1"] = "roles.crowd"
        roles.agent = crowd
    for name, target_rule in TARGET_RULES:
        if enabled(name) and (found := target_rule(c, roles.agent)) is not None:
            roles.target, roles.rules["actor2"] = found, name
            fired(name, found.start, found.end)
            break
    if roles.target is not None and roles.agent is not None and roles.target.id == roles.agent.id:
        roles.target = None  # actor 2 is never actor 1
    _prefer_named(c, roles)
    roles.assoc1, roles.assoc2 = _associates(c, roles.agent, roles.target)
    return roles


def _prefer_named(c: Clause, roles: Roles) -> None:
    """ "عناصر من الأمن العسكري", "دورية تابعة للأمن العسكري", "33 جندياً تركياً": the named group
    (or the soldiers' state) stands for a generic agent or target."""
    if not enabled("roles.named_over_generic"):
        return
    if roles.agent is not None and roles.agent.attrs.get("generic"):
        named = _named_over_generic(c, roles.agent, roles.target)
        if named is not None:
            roles.agent, roles.rules["actor1"] = named, "roles.named_over_generic"
    if roles.target is not None and roles.target.attrs.get("generic"):
        named = _named_over_generic(c, roles.target, roles.agent) or _nationality(c.doc, roles.target.end)
        if named is not None:
            roles.target, roles.rules["actor2"] = named, "roles.named_over_generic"


def _associates(c: Clause, agent: Mention | None, target: Mention | None) -> tuple[list[Mention], list[Mention]]:
    """Actors joined to the agent or the target (X وY), and members brought along in a movement."""
    doc, frame = c.doc, c.frame
    assoc1 = [
        m
        for m in c.after
        if m is not agent
        and m is not target
        and not m.attrs.get("generic")
        and (
            (_members_of(doc, m) and frame.event_type == "Strategic developments")  # "40 عنصرا من فاطميون"
            or (agent is not None and _coordinated(doc, agent, m))
            or any(_coordinated(doc, a, m) for a in c.after if _members_of(doc, a))
        )
    ]
    assoc2 = [
        m for m in c.after if target is not None and m is not target and m is not agent and _coordinated(doc, target, m)
    ]
    return assoc1, assoc2


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
    return bool(words) and words[-1] in _PARTITIVE and any(is_personnel(w) for w in words[:-1])


def _is_death_context(doc: Doc, m: Mention) -> bool:
    """An actor named as the victims of a death or injury (مقتل عنصر من قوات النظام)."""
    words = doc.words_between(max(0, m.start - 60), m.start)[-5:]
    return any(stem_of(w) in DEATH_WORDS or stem_of(w) in INJURY_WORDS or w in DEATH_WORDS for w in words)


def _between_pair(doc: Doc, a: Mention, b: Mention) -> bool:
    """ "بين X و Y": two sides of a clash."""
    pre = doc.words_between(max(0, a.start - 30), a.start)[-3:]
    gap = doc.words_between(a.end, b.start)
    return (
        any(strip_proclitics(w) in _BETWEEN for w in pre)
        and len(gap) <= 4
        and any(
            w == _AND or w.startswith(_AND)
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
    attached = doc.text[b.start - 1 : b.start] == _AND
    return len(words) <= 2 and (attached or (bool(words) and words[0].startswith(_AND)))
