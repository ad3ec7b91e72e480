"""Typed entries of the knowledge files in `rasid/lexicon/data/` (see `data/README.md`)."""

from __future__ import annotations

from dataclasses import dataclass, field

# FORMAT.md's actor kinds and ACLED's `inter` categories.
ACTOR_KINDS = frozenset(
    {
        "state_forces", "foreign_forces", "militia", "rebel", "jihadist", "kurdish_forces",
        "coalition", "civilians", "institution", "media", "other",
    }
)
ACLED_INTER = frozenset(
    {
        "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
        "Protesters", "Civilians", "External/Other forces",
    }
)
WEAPON_CATEGORIES = frozenset(
    {
        "small_arms", "machine_gun", "sniper_rifle", "grenade", "mortar", "artillery", "mlrs", "rocket",
        "missile", "ballistic_missile", "cruise_missile", "aa_gun", "atgm", "manpads", "air_defence",
        "drone", "aircraft", "helicopter", "armoured_vehicle", "tank", "technical", "vehicle",
        "ied", "mine", "explosives", "ammunition", "chemical", "naval",
    }
)


@dataclass(frozen=True, slots=True)
class Actor:
    """An armed or political actor: who it is, what kind, and whose it is (parent chain).

    `local_aliases` name the actor only in a report about one of the `operates_in` countries
    (الجيش الوطني is Yemen's army in Yemen, Syria's opposition army in Syria); `aliases` name it anywhere.
    """

    id: str
    name: str
    kind: str
    inter: str
    aliases: tuple[str, ...]
    country: str | None = None
    parent: str | None = None
    generic: bool = False
    source: str | None = None
    local_aliases: tuple[str, ...] = ()
    operates_in: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LocalName:
    """A matcher payload: `actor` named by one of its local aliases (valid only where it operates)."""

    actor: Actor


@dataclass(frozen=True, slots=True)
class Weapon:
    """A weapon, munition or military vehicle type."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    calibre_mm: float | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """When one of `cues` stands in the same clause, the trigger means this sub-type instead."""

    cues: tuple[str, ...]
    sub_event_type: str
    event_type: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that announce an event of an ACLED type, with the cues that pick the sub-type."""

    id: str
    event_type: str
    sub_event_type: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    rules: tuple[TriggerRule, ...] = field(default_factory=tuple)
    note: str | None = None
    needs_weapon: bool = False
    """Its own reading (no cue) holds only with a weapon in the sentence (رمي قنبلة, not رمي الجثة)."""


MODALITIES = ("happened", "ongoing", "planned", "denied", "conditional", "background")
MODALITY_SCOPES = frozenset({"before", "adjacent", "frame", "sentence", "opening"})


@dataclass(frozen=True, slots=True)
class ModalityRule:
    """Words that, standing where `where` says, tell that a happening did not (simply) happen.

    `fires` and `spares` are the rule's own example sentences: one it must read, one it must not.
    """

    name: str
    modality: str
    where: str
    words: tuple[str, ...]
    span: int = 1
    note: str | None = None
    fires: str = ""
    spares: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """Who a report attributes information to: unnamed sources, a monitor, an official, media."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    source: str | None = None
