"""Normalisation of Arabic text for matching, with a map back to the original offsets.

Matching works on a normalised copy of the text: no diacritics or tatweel, one alif,
ى→ي, ة→ه, Persian letters folded to Arabic, presentation forms through NFKC, Western
digits, punctuation as spaces and single spaces between words (the folds are
`rasid.lang.ar.orthography`'s). Every character of the normalised copy remembers the
offset of the character it came from, so a match on the copy is reported as a span
of the original text (Python string indices), which is what the output contract promises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.lang.ar.orthography import ARABIC_LETTER, DROPPED, decimal_separators, fold_char

_DECIMAL = decimal_separators()


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised copy of `original`; `offsets[i]` is the original index of `text[i]`.

    `offsets` has one extra element, the original length, so that an end offset
    (exclusive) maps back as well.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the span of the original text it covers."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        stop = self.offsets[end - 1] + 1
        # Diacritics and tatweel after the last letter belong to the word.
        while stop < self.offsets[end] and DROPPED.match(self.original[stop]):
            stop += 1
        return self.offsets[start], stop

    def from_original(self, pos: int) -> int:
        """Index in the normalised text of the first character at or after original `pos`."""
        from bisect import bisect_left

        return bisect_left(self.offsets, pos, 0, len(self.text))


_FOLDED: dict[str, str] = {}
"""fold_char's answers, remembered: a report repeats a few dozen distinct characters."""


def _folded(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = _FOLDED[ch] = fold_char(ch)
    return folded


def normalize(text: str) -> NormText:
    """Normalise `text` for matching and keep the offsets map (see module docstring)."""
    out: list[str] = []
    offsets: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        folded = _FOLDED.get(ch)
        if folded is None:
            folded = _folded(ch)
        if ch in _DECIMAL and out and out[-1].isdigit() and i + 1 < n and _folded(text[i + 1]).isdigit():
            folded = "."
        if not folded:
            continue
        if len(folded) > 1:  # a ligature of the presentation forms (ﻻ → لا)
            for part in folded:
                if part != " " or (out and out[-1] != " "):
                    out.append(part)
                    offsets.append(i)
            continue
        if folded == " " and (not out or out[-1] == " "):
            continue
        out.append(folded)
        offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    offsets.append(n)
    return NormText(text, "".join(out), tuple(offsets))


@lru_cache(maxsize=1 << 16)
def normalize_key(text: str) -> str:
    """The normalised form of a lexicon or gazetteer string (no offsets kept)."""
    return normalize(text).text


_LETTER = re.compile(r"(?=[^\W\d_])[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script: tells an Arabic report from a foreign one."""
    letters = len(_LETTER.findall(text))
    return len(ARABIC_LETTER.findall(text)) / letters if letters else 0.0
