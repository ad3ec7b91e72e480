"""Word tokens with clitic analysis.

Arabic glues conjunctions, prepositions and the article to the word that follows
(وبالقرب = و + ب + ال + قرب) and pronouns to the word before them (قواتها = قوات + ها).
Lexicon entries are written without these, so every token carries the ways it can be
split; the matcher and the event rules pick the split that the lexicon confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.lang.ar import load
from rasid.text.normalize import NormText

_CLITICS = load("clitics")
CONJUNCTIONS: tuple[str, ...] = _CLITICS["conjunctions"]
PREPOSITIONS: tuple[str, ...] = _CLITICS["prepositions"]
ARTICLE: str = _CLITICS["article"][0]
PRONOUN_SUFFIXES: tuple[str, ...] = _CLITICS["pronoun_suffixes"]
# Proclitic sequences in the order Arabic allows them: conjunction, then preposition
# (or a verb particle on verbs), then the article.
NOMINAL_PREFIXES: tuple[str, ...] = ("",) + tuple(
    sorted({c + p for c in ("",) + CONJUNCTIONS for p in ("",) + PREPOSITIONS} - {""}, key=len)
)
VERBAL_PREFIXES: tuple[str, ...] = tuple(
    dict.fromkeys(c + p for c in ("",) + CONJUNCTIONS for p in ("",) + _CLITICS["verb_particles"])
)
CONTRACTED_ARTICLE_PREFIXES: tuple[str, ...] = tuple(
    c + a for a in _CLITICS["contracted_article"] for c in ("",) + CONJUNCTIONS
)
"""ل + ال contracts to لل (للنظام = ل + النظام), with an optional conjunction before it."""

_WORD = re.compile(r"[^\s]+")


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way to read a word: proclitics + (article) + stem + pronoun suffix."""

    prefix: str
    article: bool
    stem: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the normalised text with its span in the original text."""

    norm: str
    nstart: int
    nend: int
    start: int
    end: int

    @property
    def analyses(self) -> tuple[Analysis, ...]:
        return analyse(self.norm)


def analyse(word: str, min_stem: int = 2) -> tuple[Analysis, ...]:
    """All clitic splits of a normalised word whose stem keeps at least `min_stem` letters.

    The unsplit reading comes first; the caller decides which reading the lexicon supports.
    """
    readings: list[Analysis] = []
    seen: set[tuple[str, bool, str, str]] = set()

    def add(prefix: str, article: bool, rest: str) -> None:
        for suffix in ("",) + PRONOUN_SUFFIXES:
            if suffix and not rest.endswith(suffix):
                continue
            stem = rest[: len(rest) - len(suffix)] if suffix else rest
            if len(stem) < min_stem:
                continue
            key = (prefix, article, stem, suffix)
            if key not in seen:
                seen.add(key)
                readings.append(Analysis(prefix, article, stem, suffix))

    for prefix in NOMINAL_PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        add(prefix, False, rest)
        if rest.startswith(ARTICLE):
            add(prefix, True, rest[2:])
    for prefix in CONTRACTED_ARTICLE_PREFIXES:
        if word.startswith(prefix):
            add(prefix, True, word[len(prefix) :])
    return tuple(readings)


_LONGEST_FIRST = tuple(sorted(NOMINAL_PREFIXES, key=len, reverse=True))
_PARTICLES_LONGEST_FIRST = tuple(
    sorted({c + p for c in ("",) + CONJUNCTIONS for p in ("",) + _CLITICS["common_prepositions"]} - {""}, key=len, reverse=True)
)


@lru_cache(maxsize=1 << 16)
def strip_proclitics(word: str) -> str:
    """The word without conjunction/preposition clitics but with its article (FORMAT.md's surface)."""
    for prefix in CONTRACTED_ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return ARTICLE + word[len(prefix) :]
    for prefix in _LONGEST_FIRST:
        if prefix and word.startswith(prefix + ARTICLE):
            return word[len(prefix) :]
    return word


def tokenize(nt: NormText) -> list[Token]:
    """Split the normalised text on spaces (punctuation is already a space)."""
    to_original = nt.to_original
    return [Token(m.group(), m.start(), m.end(), *to_original(m.start(), m.end())) for m in _WORD.finditer(nt.text)]


@lru_cache(maxsize=1 << 16)
def strip_particles(word: str) -> str:
    """The word without a leading conjunction and/or preposition (وبحلب → حلب); the article stays.

    The longest such prefix that leaves at least two letters, with the common prepositions
    only (ب، ل; not ك, which begins كلم and كبير): callers compare the result with closed
    word lists, where a wrong split costs more than a missed one.
    """
    for prefix in _PARTICLES_LONGEST_FIRST:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix) :]
    return word


@lru_cache(maxsize=1 << 16)
def bare_noun(word: str) -> str:
    """A noun without proclitics or article (والعناصر → عناصر, للمدنيين → مدنيين).

    Single-letter proclitics are only removed together with the article, because
    without it they are indistinguishable from a root letter (بيوت, وحدات).
    """
    with_article = strip_proclitics(word)
    if with_article.startswith(ARTICLE) and len(with_article) > len(ARTICLE) + 1:
        return with_article[len(ARTICLE) :]
    return word


def split_conjunction(word: str) -> tuple[str, str]:
    """(conjunction, rest) when `word` starts with و/ف before at least two letters, else ("", word).

    For rules that ask "does this word join the one before?" (وزوجته، وفيما) without
    spelling the conjunction themselves.
    """
    for conjunction in CONJUNCTIONS:
        if word.startswith(conjunction) and len(word) > len(conjunction) + 1:
            return conjunction, word[len(conjunction) :]
    return "", word
