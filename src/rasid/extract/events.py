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
from dataclasses import dataclass, field

from rasid import rules
from rasid.extract.counts import casualties, force_items, frame_date, no_deaths
from rasid.extract.cues import DEATH_WORDS, INJURY_WORDS, stem_of
from rasid.extract.doc import Doc
from rasid.extract.frames import SUBTYPE_RANK, VIOLENT_TYPES, Frame, frame_modality, read_frames, recalled
from rasid.extract.locate import (
    WITHDRAWAL_STEMS,
    km_apart,
    locations,
    place_contains,
    place_level,
    places_in,
    same_place,
    too_vague,
)
from rasid.extract.modality import REPORTED
from rasid.extract.places import location_of
from rasid.extract.roles import is_armed, read_roles
from rasid.lexicon.load import actors_compatible, load_grammar
from rasid.model import (
    ActorRef,
    Attribution,
    Event,
    Evidence,
    ForceItem,
    Mention,
    Movement,
)

GRAMMAR = load_grammar()

_ANAPHORA = GRAMMAR["anaphora"]

RESTATING_TRIGGERS = frozenset({"target", "attack", "kill", "injure", "launch"})
"""Triggers (triggers.yaml ids) that name violence without its kind; gunfire is a kind of its own."""

EXPLOSIONS = VIOLENT_TYPES[0]



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
    rules: dict[str, str] = field(default_factory=dict)


def headline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Headlines, sub-headings, datelines and captions: short lines that end without punctuation.

    They restate what the body tells, so their events join the body's instead of adding new ones.
    """
    spans = []
    pos = 0
    for line in doc.text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 160 and stripped[-1] not in '.؟!:”"»':
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def build_events(doc: Doc) -> None:
    """Turn frames into events, merge restatements, and attach attribution and evidence.

    Happenings that did not happen (planned, denied …) are kept apart from those that did,
    so that a threat never merges with the attack it names; they become events only when
    the document asks for every modality.
    """
    headlines = headline_spans(doc)
    headline: list[Draft] = []
    body: list[Draft] = []
    unreported: list[Draft] = []
    previous: Draft | None = None
    for frame in read_frames(doc):
        drafts = _drafts_for(doc, frame, previous)
        in_headline = any(s <= frame.start < e for s, e in headlines)
        reported = [d for d in drafts if _reportable(d)]
        (headline if in_headline else body).extend(reported)
        unreported.extend(d for d in drafts if not _reportable(d))
        previous = reported[-1] if reported else previous
    merged = _absorb_regions(_merge(doc, body))
    for h in _merge(doc, headline):
        _join_headline(merged, h)
    if doc.all_modalities:
        merged.extend(d for d in unreported if d.sub_event_type != "Other")
    merged.sort(key=lambda d: d.frames[0].start)
    doc.events = [_finish(doc, d) for d in merged]


def _join_headline(body: list[Draft], h: Draft) -> None:
    """A headline's event enriches the body's event it summarises, or stands alone."""
    same_type = [d for d in body if _family(d.event_type) == _family(h.event_type)]
    if not same_type:
        body.append(h)
        return
    place_match = [
        d
        for d in same_type
        if d.location
        and h.location
        and (same_place(d.location, h.location) or place_contains(h.location, d.location))
    ]
    _enrich((place_match or same_type)[0], h, keep_location=True, keep_actors=True)


def _family(event_type: str) -> str:
    """Headlines name violence or demonstrations loosely: a clash may be the body's air strike."""
    if event_type in VIOLENT_TYPES:
        return "violence"
    return "demonstration" if event_type in ("Protests", "Riots") else event_type


def _reportable(d: Draft) -> bool:
    """ACLED codes what happened: not plans, threats, denials or general statements, and not
    "continuing shelling" (violence still going on belongs to the happening that began it)."""
    return d.modality in REPORTED and not (d.modality == "ongoing" and d.event_type in VIOLENT_TYPES)


def _absorb_regions(drafts: list[Draft]) -> list[Draft]:
    """An event placed in a region that also has a same-type event at a place inside it is that event."""
    out: list[Draft] = []
    for d in drafts:
        if d.location is not None and place_level(d.location) > 0:
            finer = [
                e
                for e in drafts
                if e is not d
                and e.event_type == d.event_type
                and e.location is not None
                and place_contains(d.location, e.location)
                and _compatible_actor(e.actor1, d.actor1)
                and _compatible_dates(e, d)
            ]
            if finer:
                _enrich(finer[0], d, keep_location=True)
                continue
        out.append(d)
    return out


# Movement words that mean a troop movement only when armed actors or military equipment move.
_NEEDS_FORCES = frozenset({"arrive"})


def _drafts_for(doc: Doc, frame: Frame, previous: Draft | None = None) -> list[Draft]:
    movement = (
        frame.sub_event_type == "Change to group/activity"
        or frame.sub_event_type == "Headquarters or base established"
    )
    withdrawal = any(any(stem_of(w).startswith(WITHDRAWAL_STEMS) for w in h.form.split()) for h in frame.hits)
    places, moves = locations(doc, frame, withdrawal, movement)
    if places and recalled(doc, frame):
        # Background is told in one breath: one event at the first place it names.
        firsts = [m for m in places_in(doc, frame.start, frame.end) if not too_vague(m)]
        places = firsts[:1] or places[:1]
    roles = read_roles(doc, frame)
    agent, target, assoc1, assoc2 = roles.agent, roles.target, roles.assoc1, roles.assoc2
    if (
        agent is None
        and previous is not None
        and previous.actor1 is not None
        and _continues(doc, previous, frame)
        and not (target is not None and target.id == previous.actor1.id)
    ):
        # "الجيش أطلق قنابل … بعد شنه غارات", or a next sentence telling more of the same
        # movement with no actor named: the subject carries over.
        agent = previous.actor1
        roles.rules["actor1"] = "events.subject_carries_over"
    etype, sub = frame.event_type, frame.sub_event_type
    if all(h.trigger.id in _NEEDS_FORCES for h in frame.hits) and not (
        is_armed(agent) or force_items(doc, frame.back, frame.end) or any(is_armed(m) for m in assoc1)
    ):
        return []  # "توافد الأهالي إلى الساحة": people arriving are not a troop movement
    if (
        not frame.cued
        and etype in VIOLENT_TYPES
        and previous is not None
        and previous.event_type in VIOLENT_TYPES
        and previous.frames[-1].sentence == frame.sentence
    ):
        etype, sub = (
            previous.event_type,
            previous.sub_event_type,
        )  # "قصف … يستهدف": the targeting is the shelling
    if sub == "Attack" and is_armed(target):
        etype, sub = "Battles", "Armed clash"
    if sub in ("Government regains territory", "Non-state actor overtakes territory") and agent is not None:
        sub = (
            "Government regains territory"
            if agent.attrs.get("kind") == "state_forces"
            else "Non-state actor overtakes territory"
        )
    fatalities, fat_span = casualties(doc, frame, DEATH_WORDS)
    injuries, _ = casualties(doc, frame, INJURY_WORDS)
    if fatalities is None and (
        etype in ("Strategic developments", "Protests") or no_deaths(doc, frame, injuries)
    ):
        fatalities = 0
    modality = frame_modality(doc, frame)
    date = frame_date(doc, frame)
    force = force_items(doc, frame.back, frame.end) if movement else []
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
                rules=dict(roles.rules),
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
    words = " ".join(doc.words_between(frame.sentence[0], frame.end))
    return any(a in words for a in _ANAPHORA)


def _compatible_dates(a: Draft, b: Draft) -> bool:
    """Two explicitly dated drafts on different days are different happenings."""
    return a.date[2] is None or b.date[2] is None or a.date[0] == b.date[0]


def _compatible_actor(a: Mention | None, b: Mention | None) -> bool:
    return a is None or b is None or actors_compatible(a.id, b.id)


def _associated(a: Draft, b: Draft) -> bool:
    """ "X وY moved to P", then "Y entered P": one draft's actor 1 is the other's associate, and
    both went the same way (a withdrawal and a reinforcement are two happenings)."""
    return _withdraws(a) == _withdraws(b) and any(
        x.actor1 is not None and any(m.id == x.actor1.id for m in y.assoc1) for x, y in ((a, b), (b, a))
    )


def _withdraws(d: Draft) -> bool:
    return any(stem_of(w).startswith(WITHDRAWAL_STEMS) for f in d.frames for h in f.hits for w in h.form.split())


def _merge(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """One event per happening: restatements of an earlier event at the same place enrich it."""
    out: list[Draft] = []
    for d in drafts:
        if d.sub_event_type == "Other":
            continue  # ACLED's residual category: too vague to code from a rule
        target = None
        restates = d.event_type in VIOLENT_TYPES and (not d.frames[0].cued or _told_generically(d))
        for e in reversed(out):
            same_kind = e.event_type == d.event_type or (
                e.event_type in VIOLENT_TYPES and (restates or (_told_generically(e) and d.event_type in VIOLENT_TYPES))
            )
            if not same_kind or not _compatible_dates(e, d):
                continue
            if not (
                _compatible_actor(e.actor1, d.actor1)
                or _associated(e, d)
                or (restates and d.actor2 is not None and e.actor1 is not None and d.actor2.id == e.actor1.id)
            ):
                continue
            if d.location is not None and e.location is not None:
                if same_place(d.location, e.location) or (
                    d.location.id and e.location.id and km_apart(d.location, e.location) < 3
                ):
                    target = e
                    break
            elif (
                d.location is None
                and _refers_back(doc, d.frames[0])
                and (_same_trigger(e, d.frames[0]) or not any(_same_trigger(x, d.frames[0]) for x in out))
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


@rules.register("events.generic_violence_restates", fields=("event_type", "sub_event_type"))
def _told_generically(d: Draft) -> bool:
    """Violence named only by a word that fits any kind (استهدف، مقتل، هجوم) restates a specific one.

    Its sub-type was read off the target alone; at the place and day of a specific happening
    (قصف، غارة) it is that happening and takes its kind.
    """
    return (
        rules.enabled("events.generic_violence_restates")
        and d.event_type != EXPLOSIONS  # a weapon cue (استهدفت المدفعية) gave it a kind
        and all(f.sub_evidence is not None and f.sub_evidence.trigger.id in RESTATING_TRIGGERS for f in d.frames)
    )


def _enrich(e: Draft, d: Draft, keep_location: bool = False, keep_actors: bool = False) -> None:
    """Fold draft `d` into `e`: fields `e` lacks, the finer place, casualties, force, movement.

    Headlines (`keep_actors`) compress grammar too much to trust their roles. A happening
    first told generically takes the kind a later, specific telling gives it.
    """
    if _told_generically(e) and not _told_generically(d) and d.event_type in VIOLENT_TYPES:
        e.event_type, e.sub_event_type = d.event_type, d.sub_event_type
    e.frames.extend(d.frames)
    if d.event_type == e.event_type and SUBTYPE_RANK.get(d.sub_event_type, 99) < SUBTYPE_RANK.get(
        e.sub_event_type, 99
    ):
        e.sub_event_type = d.sub_event_type
    if not keep_actors:
        for role in ("actor1", "actor2"):
            if getattr(e, role) is None and getattr(d, role) is not None:
                setattr(e, role, getattr(d, role))
                e.rules[role] = d.rules.get(role, "")
    if (
        not keep_location
        and d.location is not None
        and e.location is not None
        and place_level(d.location) < place_level(e.location)
    ):
        e.location = d.location
    for m in (
        []
        if keep_actors
        else ([d.actor1] if d.actor1 and e.actor1 and d.actor1.id != e.actor1.id else []) + d.assoc1
    ):
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
    return ActorRef(
        text=m.text, canonical=m.canonical, id=m.id, inter=m.attrs.get("inter"), start=m.start, end=m.end
    )


def _finish(doc: Doc, d: Draft) -> Event:
    from rasid.extract.notes import write_note

    evidence = [
        Evidence(field="trigger", text=doc.text[h.start : h.end], start=h.start, end=h.end)
        for f in d.frames
        for h in f.hits
    ]
    for f in d.frames:
        s, e = f.sentence
        evidence.append(Evidence(field="sentence", text=doc.text[s:e], start=s, end=e))
        if f.modality is not None and f.modality.rule is not None:
            ms, me = f.modality.start, f.modality.end
            evidence.append(Evidence(field="modality", text=doc.text[ms:me], start=ms, end=me, rule=f.modality.rule))
    named = [("location", d.location), ("actor1", d.actor1), ("actor2", d.actor2)]
    named += [("assoc_actor_1", m) for m in d.assoc1] + [("assoc_actor_2", m) for m in d.assoc2]
    named += [(f"movement.{role}", m) for role, m in d.movement]
    for name, m in named:
        if m is not None:
            evidence.append(Evidence(field=name, text=m.text, start=m.start, end=m.end, rule=d.rules.get(name)))
    if d.fatality_span:
        s, e = d.fatality_span
        evidence.append(Evidence(field="fatalities", text=doc.text[s:e], start=s, end=e))
    date, precision, date_span = d.date
    if date_span:
        evidence.append(
            Evidence(
                field="event_date",
                text=doc.text[date_span[0] : date_span[1]],
                start=date_span[0],
                end=date_span[1],
            )
        )
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
                out.append(
                    Attribution(
                        kind=m.attrs.get("kind", "media"),
                        name=m.canonical,
                        text=m.text,
                        start=m.start,
                        end=m.end,
                    )
                )
    return out
