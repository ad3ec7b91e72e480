"""Multi-pattern phrase matching over normalised Arabic text (Aho-Corasick, C-backed).

A phrase matches only on word boundaries. Before it, the word may carry the proclitics
Arabic attaches (و ف ب ل ك, the article where the phrase allows it, لل for ل+ال); after
it, pronoun suffixes where the phrase allows them. Matches are reported as spans of the
original text without the leading conjunction/preposition but with the article, the
"surface" of `../shared/eval/FORMAT.md`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from rasid import rules
from rasid.lang.ar import load
from rasid.text.normalize import NormText, normalize_key
from rasid.text.tokenize import (
    ARTICLE,
    CONTRACTED_ARTICLE_PREFIXES,
    NOMINAL_PREFIXES,
    PRONOUN_SUFFIXES,
    VERBAL_PREFIXES,
)

# First words that writers often fuse with a following article-word: ديرالزور، عبدالله.
_FUSING_HEADS = frozenset(load("spelling")["fusing_heads"])
_NOMINAL = frozenset(NOMINAL_PREFIXES)
_VERBAL = frozenset(VERBAL_PREFIXES)
_WITH_ARTICLE = frozenset(p + ARTICLE for p in NOMINAL_PREFIXES) | frozenset(CONTRACTED_ARTICLE_PREFIXES)
# The nisba ending is left out: after a noun it far more often makes an adjective (صاروخ → صاروخي) than "my".
_SUFFIXES = frozenset(PRONOUN_SUFFIXES) - frozenset(load("clitics")["nisba_ending"])


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase found in a text: original span (surface), normalised span and payloads."""

    start: int
    end: int
    nstart: int
    nend: int
    key: str
    payloads: tuple[Any, ...]

    @property
    def length(self) -> int:
        return self.nend - self.nstart


@dataclass(slots=True)
class _Entry:
    payloads: list[Any] = field(default_factory=list)
    article_optional: bool = False
    suffixes: bool = False
    verbal: bool = False


def phrase_variants(phrase: str) -> set[str]:
    """Normalised spellings of a phrase: as written, and with a fused head (دير الزور → ديرالزور)."""
    key = normalize_key(phrase)
    variants = {key} if key else set()
    words = key.split(" ")
    for i in range(len(words) - 1):
        if words[i] in _FUSING_HEADS and words[i + 1].startswith(ARTICLE):
            variants.add(" ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :]))
    return variants


class PhraseMatcher:
    """Collects phrases with payloads, then finds them in normalised texts.

    `article_optional`: the phrase (written without ال) may also stand with the article
    (هاون / الهاون). `suffixes`: a pronoun suffix may follow (قوات / قواتها).
    `verbal`: verb prefixes (س، ل) are allowed before it instead of nominal ones.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def add(
        self,
        phrase: str,
        payload: Any,
        *,
        article_optional: bool = False,
        suffixes: bool = False,
        verbal: bool = False,
    ) -> None:
        for key in phrase_variants(phrase):
            entry = self._entries.setdefault(key, _Entry())
            if payload not in entry.payloads:
                entry.payloads.append(payload)
            entry.article_optional |= article_optional
            entry.suffixes |= suffixes
            entry.verbal |= verbal
        self._automaton = None

    def add_many(self, phrases: Iterable[str], payload: Any, **flags: bool) -> None:
        for phrase in phrases:
            self.add(phrase, payload, **flags)

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for key, entry in self._entries.items():
            automaton.add_word(key, (key, False, entry))
            # ل + ال contracts to لل: store the article-less form, accepted only after لل.
            if key.startswith(ARTICLE) and len(key) > 3:
                bare = key[2:]
                if bare not in self._entries:
                    automaton.add_word(bare, (key, True, entry))
        automaton.make_automaton()
        return automaton

    def find_all(self, nt: NormText) -> list[PhraseMatch]:
        """Every occurrence on word boundaries, overlapping ones included, in text order."""
        if self._automaton is None:
            self._automaton = self._build()
        if not self._entries:
            return []
        text = nt.text
        n = len(text)
        matches: list[PhraseMatch] = []
        # Most hits of a large gazetteer fall inside longer words: the cheap end-of-word test
        # comes first, the prefix analysis only for hits that do not start a word.
        for last, (key, contracted, entry) in self._automaton.iter(text):
            nend = last + 1
            if nend < n and text[nend] != " ":
                if not entry.suffixes:
                    continue
                word_end = n if (found := text.find(" ", nend)) < 0 else found
                if text[nend:word_end] not in _SUFFIXES or _folded_in_print(nt, nend, word_end):
                    continue  # قوة is not قو + ه: a pronoun suffix is printed as one
            nstart = nend - (len(key) - 2 if contracted else len(key))
            if nstart == 0 or text[nstart - 1] == " ":
                if contracted:
                    continue
                surface_start = nstart
            else:
                word_start = text.rfind(" ", 0, nstart) + 1
                prefix = text[word_start:nstart]
                if not contracted and prefix in CONTRACTED_ARTICLE_PREFIXES and ARTICLE + key in self._entries:
                    # للمدنيين: the bare word is an entry too, but after لل it is the article form.
                    key, contracted, entry = ARTICLE + key, True, self._entries[ARTICLE + key]
                surface_start = self._surface_start(prefix, key, contracted, entry, word_start, nstart)
                if surface_start is None or (surface_start == nstart and _pronoun_reading(nt, key, nend)):
                    continue
            start, end = nt.to_original(surface_start, nend)
            matches.append(PhraseMatch(start, end, surface_start, nend, key, tuple(entry.payloads)))
        matches.sort(key=lambda m: (m.nstart, -m.length))
        return matches

    @staticmethod
    def _surface_start(
        prefix: str, key: str, contracted: bool, entry: _Entry, word_start: int, nstart: int
    ) -> int | None:
        """Where the surface begins, or None when `prefix` cannot stand before the phrase."""
        if contracted:
            return word_start if prefix in CONTRACTED_ARTICLE_PREFIXES else None
        if prefix in _NOMINAL or (entry.verbal and prefix in _VERBAL):
            return nstart
        if entry.article_optional and not key.startswith(ARTICLE) and prefix in _WITH_ARTICLE:
            if prefix in CONTRACTED_ARTICLE_PREFIXES:
                return word_start
            return nstart - 2
        return None

    def find(self, nt: NormText) -> list[PhraseMatch]:
        """Longest non-overlapping matches, leftmost first."""
        return longest_non_overlapping(self.find_all(nt))


@rules.register("matcher.printed_suffix")
def _folded_in_print(nt: NormText, nstart: int, nend: int) -> bool:
    """A pronoun suffix is printed as one: a letter that reads as ه only after folding (ة) is none.

    قوة is not قو + ه (ألقوه "they threw it").
    """
    return rules.enabled("matcher.printed_suffix") and any(nt.original[nt.offsets[i]] != nt.text[i] for i in range(nstart, nend))


_TA_MARBUTA_FOLD = normalize_key(chr(0x0629))
"""How the matcher sees a ta marbuta (the letter ة after folding)."""


@rules.register("matcher.ta_marbuta_not_pronoun")
def _pronoun_reading(nt: NormText, key: str, nend: int) -> bool:
    """A name ending in ة, after a proclitic where the text prints ه, is a word with a pronoun suffix.

    فرقه "its teams" is not ف + رقة. Only where the word ends there and the name has no
    article (an article never takes a suffix).
    """
    at_word_end = nend == len(nt.text) or nt.text[nend] == " "
    return (
        rules.enabled("matcher.ta_marbuta_not_pronoun")
        and at_word_end
        and " " not in key  # the proclitic and the ending are on one word (not بصاروخ موجه)
        and key.endswith(_TA_MARBUTA_FOLD)
        and not key.startswith(ARTICLE)
        and not _folded_in_print(nt, nend - 1, nend)
    )


def longest_non_overlapping(matches: Iterable[PhraseMatch]) -> list[PhraseMatch]:
    """Keep the longest of overlapping matches (earliest on ties), in text order."""
    chosen: list[PhraseMatch] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-m.length, m.nstart)):
        if any(m.nstart < e and s < m.nend for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.nstart, m.nend))
    chosen.sort(key=lambda m: m.nstart)
    return chosen
