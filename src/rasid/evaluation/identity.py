"""R4: which state or group an English actor name stands for, so that two names can be compared.

"Military Forces of Turkey - drones", "Turkish forces" and "Turkey" are all the state Turkey
(`state:turkey`); a non-state name is itself, lower-cased, or its usual other name.
"""

from __future__ import annotations

import re
from functools import cache

from rasid.evaluation.surfaces import words

_PARENTHESES = re.compile(r"\([^)]*\)")
_DASH_TAIL = re.compile(r"\s+-\s+.*$")
_SPACES = re.compile(r"\s+")
_STATE_FORCES = (
    re.compile(r"^(?:military|police) forces of (?:the )?([a-z ]+)"),
    re.compile(r"^government of (?:the )?([a-z ]+)"),
)
_STATE_IN_PARENTHESES = re.compile(r"\((?:the )?military forces of (?:the )?([a-z ]+)\)")


@cache
def _force_suffix() -> re.Pattern[str]:
    return re.compile(" (?:" + "|".join(words().force_suffixes) + ")$")


def _state_of(name: str) -> str | None:
    """The state a bare name (Turkey, Turkish army, the Iraqi government) stands for, if any."""
    w = words()
    bare = _force_suffix().sub("", re.sub(r"^the ", "", name))
    bare = w.demonyms.get(bare, bare)
    return bare if bare in w.states else None


def actor_family(name: str | None) -> str | None:
    """The coarse identity of an actor name: `state:<country>` for a state's forces, else the name itself."""
    if not name:
        return None
    lowered = name.lower()
    plain = _DASH_TAIL.sub("", _PARENTHESES.sub(" ", name).lower())
    plain = _SPACES.sub(" ", plain).strip()
    for pattern in _STATE_FORCES:
        if m := pattern.match(plain):
            return "state:" + m.group(1).strip()
    if state := _state_of(plain):
        return "state:" + state
    m = _STATE_IN_PARENTHESES.search(lowered)
    if m and m.group(1).strip() in words().states:
        return "state:" + m.group(1).strip()
    return words().synonyms.get(plain, plain)
