"""Normalisation of Arabic text for matching, with a map back to the original offsets.

Matching works on a normalised copy of the text: no diacritics or tatweel, one alif,
ى→ي, ة→ه, Persian letters folded to Arabic, Western digits, punctuation as spaces and
single spaces between words. Every character of the normalised copy remembers the
offset of the character it came from, so a match on the copy is reported as a span
of the original text (Python string indices), which is what the output contract promises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Harakat, Quranic marks, superscript alif and tatweel: dropped.
_DROP = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c-\u200f\u202a-\u202e\ufeff]")

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ٶ": "ؤ", "ٸ": "ئ",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _FOLD[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _FOLD[_d] = str(_i)

# Punctuation that separates words. "." and "," and "٫" between digits stay a decimal point.
_PUNCT = set("\"'“”„‘’‚‛«»‹›()[]{}<>،,؛;:؟?!.…/\\|-–—_*#~`^=+&@%$٪")
_DECIMAL = set(".,٫")


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
        while stop < self.offsets[end] and _DROP.match(self.original[stop]):
            stop += 1
        return self.offsets[start], stop

    def from_original(self, pos: int) -> int:
        """Index in the normalised text of the first character at or after original `pos`."""
        from bisect import bisect_left

        return bisect_left(self.offsets, pos, 0, len(self.text))


def fold_char(ch: str) -> str:
    """Fold one character the way the matcher sees it ('' when dropped, ' ' for punctuation)."""
    if _DROP.match(ch):
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch in _PUNCT or ch.isspace():
        return " "
    low = ch.lower()
    # A few letters lower-case to two characters (İ → i + combining dot); one character
    # per original character keeps the offsets map aligned.
    return low if len(low) == 1 else low[0]


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


_ARABIC_LETTER = re.compile(r"(?=[^\W\d_])[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script: tells an Arabic report from a foreign one."""
    letters = len(_LETTER.findall(text))
    return len(_ARABIC_LETTER.findall(text)) / letters if letters else 0.0
