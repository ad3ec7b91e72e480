"""Loading the knowledge files and compiling them into phrase matchers.

Knowledge is data (`data/*.yaml`), reviewed like code; this module only reads it,
checks it, and spells out the regular variants writers use (ميليشيا/مليشيا) so that
the data files list each name once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasid.lang.ar import load
from rasid.lexicon.entries import (
    ACLED_INTER,
    ACTOR_KINDS,
    MODALITIES,
    MODALITY_SCOPES,
    WEAPON_CATEGORIES,
    Actor,
    LocalName,
    ModalityRule,
    Source,
    Trigger,
    TriggerRule,
    Weapon,
)
from rasid.lexicon.matcher import PhraseMatcher

# Interchangeable spellings of common words in actor names, both directions.
_SPELLINGS = load("spelling")["interchangeable"]


class LexiconError(ValueError):
    """A knowledge file is malformed; the message names the file and the entry."""


def _read_yaml(name: str) -> Any:
    text = resources.files("rasid.lexicon").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _read_yaml_family(stem: str) -> list[tuple[str, Any]]:
    """`stem.yaml` and every `stem_*.yaml` beside it (one file per conflict), in name order."""
    names = sorted(
        f.name
        for f in resources.files("rasid.lexicon").joinpath("data").iterdir()
        if f.name == f"{stem}.yaml" or (f.name.startswith(f"{stem}_") and f.name.endswith(".yaml"))
    )
    return [(name, _read_yaml(name)) for name in names]


def spelling_variants(alias: str) -> set[str]:
    """An alias with each interchangeable spelling swapped."""
    out = {alias}
    for a, b in _SPELLINGS:
        for s in list(out):
            if a in s:
                out.add(s.replace(a, b))
            if b in s:
                out.add(s.replace(b, a))
    return out


def _require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if not entry.get(k)]
    if missing:
        raise LexiconError(f"{where}: entry {entry.get('id', '?')!r} lacks {', '.join(missing)}")


@cache
def load_actors() -> dict[str, Actor]:
    """All actors by id from `actors.yaml` and the per-conflict `actors_*.yaml`, parents checked to exist."""
    actors: dict[str, Actor] = {}
    for file, entries in _read_yaml_family("actors"):
        for raw in entries or []:
            actors[raw.get("id", "?")] = _actor(raw, file, actors)
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            raise LexiconError(f"actors files: {actor.id}: unknown parent {actor.parent!r}")
    return actors


def _actor(raw: dict[str, Any], file: str, known: Mapping[str, Actor]) -> Actor:
    """One checked entry of an actors file."""
    _require(raw, ("id", "name", "kind", "inter"), file)
    if raw["kind"] not in ACTOR_KINDS:
        raise LexiconError(f"{file}: {raw['id']}: unknown kind {raw['kind']!r}")
    if raw["inter"] not in ACLED_INTER:
        raise LexiconError(f"{file}: {raw['id']}: unknown inter {raw['inter']!r}")
    if raw["id"] in known:
        raise LexiconError(f"{file}: duplicate id {raw['id']!r}")
    if raw.get("local_aliases") and not (raw.get("operates_in") or raw.get("country")):
        raise LexiconError(f"{file}: {raw['id']}: local aliases need a country or operates_in")
    return Actor(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        inter=raw["inter"],
        aliases=tuple(raw.get("aliases") or ()),
        country=raw.get("country"),
        parent=raw.get("parent"),
        generic=bool(raw.get("generic", False)),
        source=raw.get("source"),
        local_aliases=tuple(raw.get("local_aliases") or ()),
        operates_in=tuple(raw.get("operates_in") or ([raw["country"]] if raw.get("country") else [])),
    )


def ancestors(actor_id: str, actors: Mapping[str, Actor] | None = None) -> list[str]:
    """The parent chain of an actor, nearest first (fatemiyoun → irgc → iran)."""
    actors = actors if actors is not None else load_actors()
    chain: list[str] = []
    current = actors[actor_id].parent if actor_id in actors else None
    while current and current not in chain:
        chain.append(current)
        current = actors[current].parent if current in actors else None
    return chain


def actors_compatible(x: str | None, y: str | None, actors: Mapping[str, Actor] | None = None) -> bool:
    """Two actor ids that may name the same party: equal, one inside the other, siblings, or generic.

    Fatemiyoun and IRGC (child and parent) may be one party as two sentences or outlets name
    it; so may two brigades of one parent; a generic or unknown actor ("gunmen") may be anyone.
    """
    if x is None or y is None or x == y:
        return True
    actors = actors if actors is not None else load_actors()
    ax, ay = actors.get(x), actors.get(y)
    if ax is None or ay is None or ax.generic or ay.generic:
        return True
    if ax.parent and ax.parent == ay.parent:
        return True
    return y in ancestors(x, actors) or x in ancestors(y, actors)


@cache
def load_weapons() -> dict[str, Weapon]:
    weapons: dict[str, Weapon] = {}
    for raw in _read_yaml("weapons.yaml") or []:
        _require(raw, ("id", "name", "category", "aliases"), "weapons.yaml")
        if raw["category"] not in WEAPON_CATEGORIES:
            raise LexiconError(f"weapons.yaml: {raw['id']}: unknown category {raw['category']!r}")
        if raw["id"] in weapons:
            raise LexiconError(f"weapons.yaml: duplicate id {raw['id']!r}")
        weapons[raw["id"]] = Weapon(
            id=raw["id"],
            name=raw["name"],
            category=raw["category"],
            aliases=tuple(raw["aliases"]),
            calibre_mm=raw.get("calibre_mm"),
            source=raw.get("source"),
        )
    return weapons


@cache
def load_triggers() -> dict[str, Trigger]:
    from rasid.model import SUB_EVENT_TYPES  # the ACLED taxonomy lives with the output contract

    triggers: dict[str, Trigger] = {}
    for raw in _read_yaml("triggers.yaml") or []:
        _require(raw, ("id", "event_type", "sub_event_type"), "triggers.yaml")
        rules = []
        for rule in raw.get("rules") or ():
            rules.append(
                TriggerRule(
                    cues=tuple(rule["cues"]),
                    sub_event_type=rule["sub_event_type"],
                    event_type=rule.get("event_type"),
                )
            )
        for sub in [raw["sub_event_type"]] + [r.sub_event_type for r in rules]:
            if sub not in SUB_EVENT_TYPES:
                raise LexiconError(f"triggers.yaml: {raw['id']}: unknown sub_event_type {sub!r}")
        if SUB_EVENT_TYPES[raw["sub_event_type"]] != raw["event_type"]:
            raise LexiconError(f"triggers.yaml: {raw['id']}: sub-type does not belong to {raw['event_type']}")
        if raw["id"] in triggers:
            raise LexiconError(f"triggers.yaml: duplicate id {raw['id']!r}")
        triggers[raw["id"]] = Trigger(
            id=raw["id"],
            event_type=raw["event_type"],
            sub_event_type=raw["sub_event_type"],
            verbs=tuple(raw.get("verbs") or ()),
            nouns=tuple(raw.get("nouns") or ()),
            rules=tuple(rules),
            note=raw.get("note"),
            needs_weapon=bool(raw.get("needs_weapon", False)),
        )
    return triggers


@cache
def load_nationalities() -> dict[str, str]:
    """Normalised nationality adjective → actor id (تركي → turkish_forces), checked against actors.yaml."""
    from rasid.text.normalize import normalize_key

    actors = load_actors()
    out: dict[str, str] = {}
    for raw in _read_yaml("nationalities.yaml") or []:
        if raw.get("actor") not in actors:
            raise LexiconError(f"nationalities.yaml: unknown actor {raw.get('actor')!r}")
        for adjective in raw.get("adjectives") or ():
            out[normalize_key(adjective)] = raw["actor"]
    return out


@dataclass(frozen=True)
class Grammar:
    """The closed-class words and set phrases of `grammar.yaml`, normalised for matching."""

    words: dict[str, frozenset[str]]
    admin_cues: dict[str, int]
    place_anaphora: dict[str, tuple[str, ...]]

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]


@cache
def load_grammar() -> Grammar:
    """Read `grammar.yaml` (the word lists the event rules read)."""
    from rasid.text.normalize import normalize_key

    raw = _read_yaml("grammar.yaml") or {}
    admin = raw.pop("admin_cues", {}) or {}
    anaphora = raw.pop("place_anaphora", {}) or {}
    words = {}
    for key, values in raw.items():
        if not isinstance(values, list):
            raise LexiconError(f"grammar.yaml: {key} must be a list")
        words[key] = frozenset(normalize_key(str(v)) for v in values if str(v).strip())
    return Grammar(
        words=words,
        admin_cues={normalize_key(k): int(v) for k, v in admin.items()},
        place_anaphora={normalize_key(k): tuple(v or ()) for k, v in anaphora.items()},
    )


SOURCE_SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
"""ACLED's source_scale values, narrowest reach first."""


@cache
def load_outlet_scales() -> dict[str, str]:
    """Outlet name (lower-cased, as written) → ACLED source_scale, from outlets.yaml."""
    out: dict[str, str] = {}
    for scale, names in (_read_yaml("outlets.yaml") or {}).items():
        if scale not in SOURCE_SCALES:
            raise LexiconError(f"outlets.yaml: unknown source scale {scale!r}")
        for name in names or ():
            key = str(name).strip().lower()
            if key in out:
                raise LexiconError(f"outlets.yaml: outlet {name!r} listed twice")
            out[key] = scale
    return out


@cache
def load_modality_rules() -> tuple[ModalityRule, ...]:
    """Read `modality.yaml`: the named rules that tell planned, denied … happenings from happened ones."""
    from rasid.text.normalize import normalize_key

    rules = []
    for raw in _read_yaml("modality.yaml") or []:
        _require(raw, ("name", "modality", "where", "words", "fires", "spares"), "modality.yaml")
        if raw["modality"] not in MODALITIES or raw["where"] not in MODALITY_SCOPES:
            raise LexiconError(f"modality.yaml: {raw['name']}: unknown modality or scope")
        words = tuple(sorted({normalize_key(str(w)) for w in raw["words"]} - {""}))
        rules.append(
            ModalityRule(
                raw["name"], raw["modality"], raw["where"], words, int(raw.get("span", 1)),
                raw.get("note"), raw["fires"], raw["spares"],
            )
        )
    if len({r.name for r in rules}) != len(rules):
        raise LexiconError("modality.yaml: rule names must be unique")
    return tuple(rules)


@cache
def load_actor_anaphora() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """`anaphora.yaml`: definite head noun → (actor kinds it refers to, words that mark that sort)."""
    from rasid.text.normalize import normalize_key

    out: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    for raw in _read_yaml("anaphora.yaml") or []:
        _require(raw, ("word", "kinds", "heads"), "anaphora.yaml")
        unknown = set(raw["kinds"]) - ACTOR_KINDS
        if unknown:
            raise LexiconError(f"anaphora.yaml: {raw['word']}: unknown kinds {sorted(unknown)}")
        out[normalize_key(raw["word"])] = (frozenset(raw["kinds"]), tuple(normalize_key(h) for h in raw["heads"]))
    return out


@dataclass(frozen=True)
class ActorShape:
    """A head word of group names (لواء، كتيبة، قوات …) and the kind and `inter` guessed for its groups."""

    kind: str
    inter: str
    numbered: bool


@dataclass(frozen=True)
class ActorShapes:
    """`actor_shapes.yaml`, normalised: head word → shape, and the words around names."""

    heads: dict[str, ActorShape]
    numbered_unit: ActorShape
    so_called: frozenset[str]
    name_breaks: frozenset[str]


@cache
def load_actor_shapes() -> ActorShapes:
    """Read `actor_shapes.yaml` (how names of groups outside actors.yaml look), checked on loading."""
    from rasid.text.normalize import normalize_key

    raw = _read_yaml("actor_shapes.yaml") or {}

    def shape(item: dict[str, Any], numbered: bool) -> ActorShape:
        if item.get("kind") not in ACTOR_KINDS or item.get("inter") not in ACLED_INTER:
            raise LexiconError(f"actor_shapes.yaml: bad kind or inter in {item!r}")
        return ActorShape(item["kind"], item["inter"], numbered)

    heads = {
        normalize_key(word): shape(item, bool(item.get("numbered")))
        for item in raw.get("heads") or ()
        for word in item.get("words") or ()
    }
    return ActorShapes(
        heads=heads,
        numbered_unit=shape(raw.get("numbered_unit") or {}, True),
        so_called=frozenset(normalize_key(w) for w in raw.get("so_called") or ()),
        name_breaks=frozenset(normalize_key(w) for w in raw.get("name_breaks") or ()),
    )


SOURCE_KINDS = frozenset({"unnamed_sources", "monitor", "official", "witness", "media"})


@cache
def load_sources() -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for raw in _read_yaml("sources.yaml") or []:
        _require(raw, ("id", "name", "kind", "aliases"), "sources.yaml")
        if raw["kind"] not in SOURCE_KINDS:
            raise LexiconError(f"sources.yaml: {raw['id']}: unknown kind {raw['kind']!r}")
        sources[raw["id"]] = Source(raw["id"], raw["name"], raw["kind"], tuple(raw["aliases"]), raw.get("source"))
    return sources


@dataclass(frozen=True)
class Lexicon:
    """The knowledge files compiled for matching: one matcher for entities, one for triggers."""

    actors: dict[str, Actor]
    weapons: dict[str, Weapon]
    triggers: dict[str, Trigger]
    sources: dict[str, Source]
    entities: PhraseMatcher
    trigger_words: PhraseMatcher
    source_words: PhraseMatcher


@cache
def load_lexicon() -> Lexicon:
    """Read and compile every knowledge file once per process."""
    actors, weapons, triggers = load_actors(), load_weapons(), load_triggers()
    entities = PhraseMatcher()
    for actor in actors.values():
        for alias in actor.aliases:
            entities.add_many(spelling_variants(alias), actor, suffixes=True)
        for alias in actor.local_aliases:
            entities.add_many(spelling_variants(alias), LocalName(actor), suffixes=True)
    for weapon in weapons.values():
        for alias in weapon.aliases:
            entities.add(alias, weapon, article_optional=True, suffixes=True)
    trigger_words = PhraseMatcher()
    for trigger in triggers.values():
        trigger_words.add_many(trigger.verbs, trigger, verbal=True, suffixes=True)
        trigger_words.add_many(trigger.nouns, trigger, article_optional=True, suffixes=True)
    sources = load_sources()
    source_words = PhraseMatcher()
    for src in sources.values():
        source_words.add_many(src.aliases, src)
    return Lexicon(actors, weapons, triggers, sources, entities, trigger_words, source_words)
