"""Declarative token patterns over the normalised words of a text, in the manner of spaCy's Matcher.

A pattern is a list of token specs written in a data file; each spec accepts one word:

* ``word: [...]`` — the word is one of these (folded as the text is folded);
* ``stem: [...]`` — one of the word's clitic readings (`rasid.text.tokenize.analyse`) has
  this stem, so ``stem: [قبل]`` accepts قبل، وقبل، بقبل;
* ``digit: true`` — the word is written in digits (with or without a clitic);
* ``op`` — ``"?"`` optional, ``"*"`` any number, ``"+"`` one or more (default exactly one).

A list may name a data list instead of spelling words out: ``"@file.key"`` reads
`rasid.lang.ar.load("file")["key"]`. The matcher returns the longest match at a position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.lang.ar import LanguageDataError, load
from rasid.lang.ar.orthography import fold_word
from rasid.text.tokenize import analyse

_OPS = frozenset({"1", "?", "*", "+"})


def _word_set(value: Any, where: str) -> frozenset[str]:
    items = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for item in items:
        if isinstance(item, str) and item.startswith("@"):
            file, _, key = item[1:].partition(".")
            data = load(file)
            if key not in data:
                raise LanguageDataError(f"{where}: {item!r} names no data list")
            listed = data[key]
            out.update(listed if not isinstance(listed, Mapping) else listed.keys())
        elif isinstance(item, str | int) and str(item).strip():
            out.add(fold_word(str(item)))
        else:
            raise LanguageDataError(f"{where}: expected words, got {item!r}")
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """What one word of a pattern must be (see module docstring)."""

    words: frozenset[str] | None = None
    stems: frozenset[str] | None = None
    digit: bool = False
    op: str = "1"

    @classmethod
    def from_data(cls, raw: Mapping[str, Any], where: str) -> TokenSpec:
        unknown = set(raw) - {"word", "stem", "digit", "op"}
        op = str(raw.get("op", "1"))
        if unknown or op not in _OPS or not ({"word", "stem", "digit"} & set(raw)):
            raise LanguageDataError(f"{where}: a token spec needs word/stem/digit and op in {sorted(_OPS)}: {raw!r}")
        return cls(
            words=_word_set(raw["word"], where) if "word" in raw else None,
            stems=_word_set(raw["stem"], where) if "stem" in raw else None,
            digit=bool(raw.get("digit", False)),
            op=op,
        )

    def accepts(self, word: str) -> bool:
        if self.words is not None and word in self.words:
            return True
        if self.digit and word[-1:].isdigit():
            return True
        if self.stems is not None:
            return any(a.stem in self.stems for a in analyse(word))
        return False


@dataclass(frozen=True, slots=True)
class TokenPattern:
    """A named sequence of token specs."""

    name: str
    specs: tuple[TokenSpec, ...]

    @classmethod
    def from_data(cls, name: str, raw: Sequence[Mapping[str, Any]]) -> TokenPattern:
        if not isinstance(raw, list) or not raw:
            raise LanguageDataError(f"pattern {name}: expected a non-empty list of token specs")
        return cls(name, tuple(TokenSpec.from_data(spec, f"pattern {name}[{i}]") for i, spec in enumerate(raw)))

    def match_at(self, words: Sequence[str], i: int) -> int | None:
        """The end of the longest match starting at words[i], or None."""
        return _match(self.specs, 0, words, i)


def _match(specs: tuple[TokenSpec, ...], k: int, words: Sequence[str], i: int) -> int | None:
    if k == len(specs):
        return i
    spec = specs[k]
    if spec.op == "1":
        return _match(specs, k + 1, words, i + 1) if i < len(words) and spec.accepts(words[i]) else None
    run = i
    while run < len(words) and spec.accepts(words[run]) and (spec.op in "*+" or run == i):
        run += 1
    least = i + (1 if spec.op == "+" else 0)
    for stop in range(run, least - 1, -1):  # greedy first, then give words back
        end = _match(specs, k + 1, words, stop)
        if end is not None:
            return end
    return None


def find_all(patterns: Sequence[TokenPattern], words: Sequence[str]) -> list[tuple[str, int, int]]:
    """Non-overlapping matches (name, start, end) left to right; at a position the longest wins."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        best: tuple[str, int, int] | None = None
        for pattern in patterns:
            end = pattern.match_at(words, i)
            if end is not None and end > i and (best is None or end > best[2]):
                best = (pattern.name, i, end)
        if best is None:
            i += 1
        else:
            out.append(best)
            i = best[2]
    return out
