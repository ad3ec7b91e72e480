"""The document that flows through the extraction pipeline.

Like a spaCy `Doc`: the text and its normalised copy, then layers that components add
one at a time: sentences, entity mentions, quantities, dates, event triggers, events.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from rasid.model import Event, Mention
from rasid.text.normalize import NormText, normalize
from rasid.text.tokenize import Token, tokenize

_LONGEST_NAME = 200
"""No mention is longer than this many characters: bounds the look-back of `occupied`."""


@dataclass
class Doc:
    """One report on its way through the pipeline."""

    text: str
    published: dt.date | None = None
    outlet: str | None = None
    all_modalities: bool = False
    """Keep planned, denied, conditional and background happenings as events too."""
    norm: NormText = field(init=False)
    tokens: list[Token] = field(init=False)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Internal layers: text-level annotations the event rules read; not part of the output.
    quantities: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    triggers: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _token_starts: list[int] = field(init=False, repr=False)
    _index: dict[str, tuple[list[int], list[Mention]]] = field(default_factory=dict, init=False, repr=False)
    _index_key: tuple[int, int] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.norm = normalize(self.text)
        self.tokens = tokenize(self.norm)
        self._token_starts = [t.start for t in self.tokens]

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens that begin within the original span [start, end)."""
        return self.tokens[bisect_left(self._token_starts, start) : bisect_left(self._token_starts, end)]

    def words_between(self, start: int, end: int) -> list[str]:
        """Normalised words that begin within the original span [start, end)."""
        return [t.norm for t in self.tokens_between(start, end)]

    def mentions_of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def mentions_between(self, kind: str, start: int, end: int) -> list[Mention]:
        """Mentions of `kind` that begin within [start, end), from an index rebuilt when mentions change."""
        key = (id(self.mentions), len(self.mentions))
        if self._index_key != key:
            self._index = {}
            for m in sorted(self.mentions, key=lambda m: m.start):
                self._index.setdefault(m.kind, ([], []))
                self._index[m.kind][0].append(m.start)
                self._index[m.kind][1].append(m)
            self._index_key = key
        starts, mentions = self._index.get(kind, ([], []))
        return mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    def occupied(self, start: int, end: int, kinds: tuple[str, ...] = ("actor", "weapon", "place")) -> bool:
        """Whether an entity mention of `kinds` already overlaps the span."""
        return any(start < m.end for kind in kinds for m in self.mentions_between(kind, start - _LONGEST_NAME, end))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return 0, len(self.text)
