"""Pipeline components that add mentions: actors, weapons, sources, quantities and dates.

Places come from `extract.places` (the gazetteer).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rasid import rules
from rasid.extract.doc import Doc
from rasid.geo import Gazetteer
from rasid.lexicon.entries import Actor, LocalName, Source, Weapon
from rasid.lexicon.load import (
    ActorShape,
    ActorShapes,
    Lexicon,
    load_actor_anaphora,
    load_actor_shapes,
    load_actors,
    load_grammar,
)
from rasid.lexicon.matcher import longest_non_overlapping
from rasid.model import Mention
from rasid.text.dates import find_dates
from rasid.text.normalize import normalize_key
from rasid.text.numbers import find_quantities
from rasid.text.tokenize import ARTICLE, CONTRACTED_ARTICLE_PREFIXES, Token, strip_proclitics

# A calibre written after a weapon: "من نوع 23 ملم", "عيار 14.5", "120 مم".
_CALIBRE = re.compile(
    r"^\s*(?:(?:من\s+)?(?:نوع|طراز|عيار)\s+)?(?:عيار\s+)?([0-9٠-٩]+(?:[.,٫][0-9٠-٩]+)?)\s*"
    r"(ملم|مم|ميليمتر|ملليمتر|ملي|mm)?"
)
_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩٫", "0123456789.")


def parse_calibre(after: str) -> tuple[float, int] | None:
    """A calibre at the start of `after` and the length it spans, e.g. " من نوع 23 ملم" → (23.0, 14).

    A bare number counts only after عيار/نوع/طراز or with a unit, so counts are not read as calibres.
    """
    m = _CALIBRE.match(after)
    if not m:
        return None
    has_keyword = bool(re.match(r"^\s*(?:من\s+)?(?:نوع|طراز|عيار)", after))
    if not (m.group(2) or has_keyword):
        return None
    value = float(m.group(1).translate(_INDIC).replace(",", "."))
    if not 5 <= value <= 406:
        return None
    return value, m.end()


_TRADE = load_grammar()["trade_words"]
_TANWEEN = "\u064b"  # ً: on a country's name it makes an adverb (تركياً "by Turkey")


def surface_key(text: str) -> str:
    """A mention's text as the lexicons spell names: normalised, leading clitics off, article kept."""
    return strip_proclitics(normalize_key(text))


def span_mention(doc: Doc, kind: str, start: int, end: int, **fields: Any) -> Mention:
    """A mention of the original text's span [start, end)."""
    return Mention(kind=kind, text=doc.text[start:end], start=start, end=end, **fields)  # type: ignore[arg-type]


def add_quantities(doc: Doc) -> None:
    """Quantities (numbers, number words, vague amounts) with the noun they count."""
    doc.quantities = find_quantities(doc.norm)
    for q in doc.quantities:
        if q.absurd:
            doc.warnings.append(f"a number of {len(q.text)} characters at {q.start} is no real count: kept as text")
        end = q.noun_end if q.noun_end is not None else q.end
        attrs = {"value": q.value, "low": q.low, "high": q.high, "approximate": q.approximate, "vague": q.vague, "noun": q.noun}
        canonical = None if q.value is None else f"{q.value:g}"
        doc.mentions.append(span_mention(doc, "quantity", q.start, end, canonical=canonical, attrs=attrs))


def add_dates(doc: Doc) -> None:
    """Date expressions, resolved against the publication date."""
    doc.dates = find_dates(doc.norm, doc.published)
    for d in doc.dates:
        attrs = {"precision": d.precision, "relative": d.relative, "part_of_day": d.part_of_day}
        canonical = d.date.isoformat() if d.date else None
        doc.mentions.append(span_mention(doc, "date", d.start, d.end, canonical=canonical, attrs=attrs))


def country_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Normalised names of the countries the gazetteer knows (تركيا، إيران …), computed once per gazetteer."""

    def build() -> frozenset[str]:
        return frozenset(
            normalize_key(name) for p in gazetteer.places.values() if p.kind == "country" for name in p.names_ar
        )

    return gazetteer.memo("country_names", build)


def _actor_readings(payloads: tuple[Any, ...]) -> tuple[list[Actor], list[Actor]]:
    """The actors a matched name means anywhere, and those it means only where they operate."""
    named = [p for p in payloads if isinstance(p, Actor)]
    local = [p.actor for p in payloads if isinstance(p, LocalName)]
    return named, local


def find_entities(doc: Doc, lexicon: Lexicon, countries: frozenset[str] = frozenset()) -> None:
    """Actor and weapon mentions: the longest lexicon match wins where names overlap.

    A weapon inside an actor's name (طائرة مسيرة تركية, الطيران الروسي) is kept as well:
    the actor flew it, and it is still a weapon the report names. A name that is some actor's
    local alias keeps its readings for `resolve_local_names`, which knows the report's country.
    """
    every = lexicon.entities.find_all(doc.norm)
    chosen = longest_non_overlapping(every)
    actor_spans = [(m.nstart, m.nend) for m in chosen if any(_actor_readings(m.payloads))]
    inner_weapons = longest_non_overlapping(
        m for m in every
        if isinstance(m.payloads[0], Weapon) and any(s <= m.nstart and m.nend <= e for s, e in actor_spans)
    )
    for match in sorted(chosen + inner_weapons, key=lambda m: m.nstart):
        named, local = _actor_readings(match.payloads)
        entry = named[0] if named else local[0] if local else match.payloads[0]
        text = doc.text[match.start : match.end]
        if isinstance(entry, Actor) and entry.kind == "media":
            # Outlets and monitors are where information comes from, not parties to events.
            doc.mentions.append(
                span_mention(doc, "source", match.start, match.end, canonical=entry.name, id=entry.id, attrs={"kind": "media"})
            )
        elif isinstance(entry, Actor):
            is_country = surface_key(text) in countries
            if _TANWEEN in text and is_country:
                continue  # "المدعومة تركياً": an adverb, not the state
            mention = Mention(
                kind="actor",
                text=text,
                start=match.start,
                end=match.end,
                canonical=entry.name,
                id=entry.id,
                attrs={"kind": entry.kind, "inter": entry.inter, "generic": entry.generic, "country_name": is_country},
            )
            if local:
                mention.attrs[_READINGS] = [named[0].id if named else None, [a.id for a in local]]
            doc.mentions.append(mention)
        elif isinstance(entry, Weapon):
            before = doc.norm.text[max(0, match.nstart - 12) : match.nstart].split()
            if before and before[-1] in _TRADE:
                continue  # "تجار أسلحة": a trade named after the goods, not weapons in the story
            end, calibre = match.end, entry.calibre_mm
            parsed = parse_calibre(doc.text[end : end + 30])
            if parsed:
                calibre, length = parsed
                end += length
            doc.mentions.append(
                Mention(
                    kind="weapon",
                    text=doc.text[match.start : end].rstrip(),
                    start=match.start,
                    end=match.start + len(doc.text[match.start : end].rstrip()),
                    canonical=entry.name,
                    id=entry.id,
                    attrs={"category": entry.category, "calibre_mm": calibre},
                )
            )
    doc.mentions.sort(key=lambda m: m.start)


_READINGS = "readings"  # attrs key, set by find_entities and removed by resolve_local_names


_ABROAD = frozenset({"foreign_forces", "coalition", "media"})  # kinds of actor that say little about where a report is


def report_country(doc: Doc) -> str | None:
    """The country a report is about: its places' countries (two votes each) and the home countries of the
    local actors it names unambiguously (one vote each; foreign forces act abroad); the first named on a tie."""
    actors = load_actors()
    votes: Counter[str] = Counter()
    order: list[str] = []
    for m in doc.mentions:
        country, weight = None, 0
        if m.kind == "place":
            country, weight = m.attrs.get("country"), 2
        elif m.kind == "actor" and _READINGS not in m.attrs and m.id in actors:
            actor = actors[m.id]
            if not actor.generic and actor.kind not in _ABROAD:
                country, weight = actor.country, 1
        if country:
            votes[country] += weight
            order.append(country)
    if not votes:
        return None
    best = max(votes.values())
    return next(c for c in order if votes[c] == best)


def _local_reading(named: Actor | None, local: list[Actor], country: str | None) -> Actor | None:
    """The actor a name means in a report about `country`: an actor of that country whose local alias it
    is, else one that operates there, else what the name means everywhere (None: nobody)."""
    if country:
        for fits in (lambda a: a.country == country, lambda a: country in a.operates_in):
            found = [a for a in local if fits(a)]
            if found:
                return found[0]
    return named


LOCAL_ACTOR_NAME = "mentions.local_actor_name"


@rules.register(LOCAL_ACTOR_NAME, fields=("actor1", "actor2"))
def resolve_local_names(doc: Doc) -> None:
    """A local alias (الجيش الوطني، المقاومة الشعبية، القوات المسلحة) names the actor of the report's country.

    Outside the countries where it operates the name keeps the meaning it has everywhere; a local
    alias that means nobody in this report is no actor mention. Switched off, no name is local.
    """
    pending = [m for m in doc.mentions if m.kind == "actor" and _READINGS in m.attrs]
    if not pending:
        return
    country = report_country(doc) if rules.enabled(LOCAL_ACTOR_NAME) else None
    actors = load_actors()
    dropped = set()
    for m in pending:
        named_id, local_ids = m.attrs.pop(_READINGS)
        named = actors[named_id] if named_id else None
        actor = _local_reading(named, [actors[i] for i in local_ids], country)
        if actor is None:
            dropped.add(id(m))
            continue
        m.canonical, m.id = actor.name, actor.id
        m.attrs.update(kind=actor.kind, inter=actor.inter, generic=actor.generic)
        if actor is not named:
            m.attrs["rule"] = f"{LOCAL_ACTOR_NAME}:{country}"
            rules.fired(LOCAL_ACTOR_NAME, m.start, m.end)
    doc.mentions = [m for m in doc.mentions if id(m) not in dropped]


def country_places(doc: Doc, countries: frozenset[str]) -> None:
    """Country names among the places: an adverb in tanween (تركياً، إيرانياً) is no place at all;
    one the gazetteer could not place (وإسرائيل in a list) is that country, too vague to locate an event.
    """
    kept = []
    for m in doc.mentions:
        if m.kind == "place" and surface_key(m.text) in countries:
            if _TANWEEN in m.text:
                continue
            if m.id is None:
                m.attrs["kind"] = "country"
        kept.append(m)
    doc.mentions = kept


def find_sources(doc: Doc, lexicon: Lexicon) -> None:
    """Attribution mentions (مصادر خاصة، المرصد السوري …) outside actor names."""
    for match in lexicon.source_words.find(doc.norm):
        if doc.occupied(match.start, match.end, ("actor", "source")):
            continue
        src: Source = match.payloads[0]
        doc.mentions.append(
            span_mention(doc, "source", match.start, match.end, canonical=src.name, id=src.id, attrs={"kind": src.kind})
        )
    doc.mentions.sort(key=lambda m: m.start)


def _head_shape(token: Token, shapes: ActorShapes) -> tuple[ActorShape, int] | None:
    """The shape whose head word this token is (لواء، وقوات، للفرقة), and how many clitic letters precede it."""
    for reading in token.analyses:
        word = (ARTICLE if reading.article else "") + reading.stem
        if not reading.suffix and word in shapes.heads:
            contracted = reading.article and reading.prefix in CONTRACTED_ARTICLE_PREFIXES
            return shapes.heads[word], 0 if contracted else len(reading.prefix)
    return None


def _name_after(doc: Doc, tokens: list[Token], i: int, shape: ActorShape, shapes: ActorShapes) -> tuple[int, bool]:
    """Where the name after the head at `i` ends (a token index, == i when there is none), and
    whether it is a number (اللواء 74)."""
    j = i + 1
    if j < len(tokens) and shape.numbered and tokens[j].norm.isdigit():
        return j + 1, True
    while j < len(tokens) and j - i <= 3:
        token = tokens[j]
        place = next((m for m in doc.mentions_between("place", token.start, token.end)), None)
        if place is not None:
            while j < len(tokens) and tokens[j].start < place.end:
                j += 1
            break  # "كتيبة طولكرم": a place ends the name
        if (
            not token.norm.startswith(ARTICLE)
            or len(token.norm) < 4
            or token.norm in shapes.name_breaks
            or token.norm in shapes.heads  # "قوات اللواء": a rank or another head, not a name
            or token.norm in load_actor_anaphora()  # "قوات الحركة": a group named before, not a new one
            or doc.occupied(token.start, token.end, ("actor", "weapon", "source"))
        ):
            break
        j += 1
    return j, False


def find_unknown_actors(doc: Doc) -> None:
    """Groups outside the lexicon, recognised by the shape of their names (see actor_shapes.yaml):
    a head word (لواء، كتيبة، سرايا، قوات …) and a name with the article, a place or — for units —
    a number. Each is an actor with its surface as canonical and a guessed `inter`, marked
    `unknown` so that `rasid lexicon unknown` can list it for an analyst to add."""
    shapes = load_actor_shapes()
    tokens = doc.tokens
    found = []
    for i, token in enumerate(tokens):
        head = _head_shape(token, shapes)
        if head is None or doc.occupied(token.start, token.end, ("actor", "weapon", "place", "source")):
            continue
        shape, clitics = head
        end, numbered = _name_after(doc, tokens, i, shape, shapes)
        definite = token.norm.startswith((ARTICLE, *CONTRACTED_ARTICLE_PREFIXES))
        if end == i + 1 or (not numbered and definite and shape.numbered):
            continue  # a head alone, or "اللواء محمد …" (a rank before a person's name)
        start = doc.norm.to_original(token.nstart + clitics, token.nend)[0]
        stop = tokens[end - 1].end
        shape = shapes.numbered_unit if numbered else shape
        text = doc.text[start:stop]
        found.append(
            Mention(
                kind="actor", text=text, start=start, end=stop, canonical=text,
                id="unknown:" + surface_key(text),
                attrs={"kind": shape.kind, "inter": shape.inter, "generic": False, "unknown": True},
            )
        )
    doc.mentions = sorted(doc.mentions + found, key=lambda m: m.start)
