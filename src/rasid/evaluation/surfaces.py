"""How the scorer compares two surfaces: normalisation, clitic variants and head containment.

These are the measure's rules (FORMAT.md), not rasid's reading of text: rasid's own folding
in `rasid.text.normalize` may differ, the scorer must not. The words they use are data in
`scoring.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

MentionKind = Literal["place", "actor", "weapon"]
Span = tuple[int, int]

_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")  # diacritics and tatweel
_SPACES = re.compile(r"\s+")
_MIN_CLITIC_LENGTH = 4  # a clitic is stripped only from a word of four letters or more


@dataclass(frozen=True)
class ScoringWords:
    """The contents of `scoring.yaml`."""

    fold_table: dict[int, str]
    clitics: frozenset[str]
    article: str
    contracted_article: str
    dual_forms: dict[str, str]
    generic_words: frozenset[str]
    states: frozenset[str]
    demonyms: dict[str, str]
    force_suffixes: tuple[str, ...]
    synonyms: dict[str, str]


@cache
def words() -> ScoringWords:
    """The scoring word lists, read once."""
    raw = yaml.safe_load((Path(__file__).with_name("scoring.yaml")).read_text(encoding="utf-8"))
    table = {ord(a): b for a, b in raw["letter_folds"].items()}
    table.update({ord(c): " " for c in raw["punctuation"]})
    partial = ScoringWords(table, frozenset(raw["clitics"]), raw["article"], raw["contracted_article"],
                           dict(raw["dual_forms"]), frozenset(), frozenset(raw["states"]), dict(raw["demonyms"]),
                           tuple(raw["force_suffixes"]), dict(raw["synonyms"]))
    generic = frozenset(_normalise(w, partial) for w in raw["generic_words"])
    return ScoringWords(**{**partial.__dict__, "generic_words": generic})


def _normalise(s: str | None, w: ScoringWords) -> str:
    folded = _MARKS.sub("", s or "").translate(w.fold_table)
    return _SPACES.sub(" ", folded).strip()


def norm_surface(s: str | None) -> str:
    """FORMAT.md's surface normalisation: no diacritics or tatweel, one alif, ى→ي, ة→ه, no punctuation."""
    return _normalise(s, words())


def surface_variants(s: str | None) -> set[str]:
    """A normalised surface, without its leading clitic, with لل read as ال, and dual forms read singly (R3)."""
    w = words()
    s = norm_surface(s)
    out = {s}
    if len(s) >= _MIN_CLITIC_LENGTH and s[0] in w.clitics:
        out.add(s[1:])
    if s.startswith(w.contracted_article):
        out.add(w.article + s[len(w.contracted_article):])
    for variant in list(out):
        head, _, rest = variant.partition(" ")
        if rest and head in w.dual_forms:
            out.add(w.dual_forms[head] + " " + rest)
    return out


def same_surface(a: str | None, b: str | None) -> bool:
    """Equal surfaces after normalisation, up to a leading clitic."""
    return bool(surface_variants(a) & surface_variants(b))


def _token(t: str, w: ScoringWords) -> str:
    if len(t) >= _MIN_CLITIC_LENGTH and t.startswith(w.contracted_article):
        return w.article + t[len(w.contracted_article):]
    if len(t) >= _MIN_CLITIC_LENGTH and t[0] in w.clitics and not t.startswith(w.article):
        return t[1:]
    return t


def tokens(s: str | None) -> list[str]:
    """A surface's normalised words, each without its leading clitic."""
    w = words()
    return [_token(t, w) for t in norm_surface(s).split()]


def head_contains(a: str | None, b: str | None, kind: MentionKind) -> bool:
    """R2: one surface's words begin the other's (for weapons also end it), unless the shorter is one generic word."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb or ta == tb:
        return bool(ta) and ta == tb
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) == 1 and short[0] in words().generic_words:
        return False
    n = len(short)
    return long_[:n] == short or (kind == "weapon" and long_[-n:] == short)


def occurrences(text: str, surface: str | None) -> list[Span]:
    """Every (start, end) at which `surface` stands in `text`, overlapping ones included."""
    spans: list[Span] = []
    if not surface:
        return spans
    i = text.find(surface)
    while i >= 0:
        spans.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return spans


def overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlapping_occurrences(text: str, a: str | None, b: str | None) -> bool:
    """Some occurrence of `a` in the text overlaps some occurrence of `b`."""
    return any(overlap(x, y) for x in occurrences(text, a) for y in occurrences(text, b))
