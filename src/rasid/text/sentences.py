"""Sentence and clause boundaries of a report, as spans of the original text.

Event extraction looks for a trigger, its actors, place, date and counts close
together; the sentence (and inside it the clause) is the window that keeps the cues of
one event from leaking into the next. Arabic news punctuation is loose, so the rules
are conservative about what ends a sentence:

* ``.`` between digits is a decimal point or a date (23.5, 3.5.2021), never a boundary;
* ``.`` after a single letter is an abbreviation (د. doctor, م. / هـ. after a year,
  ص. page, U.S.), as is a short list of Latin abbreviations (Dr. Mr. etc.);
* ``.`` glued to a following Latin letter or digit is part of a name (example.com);
* a run of periods / ``…`` is one terminator; it ends a sentence only when whitespace
  (or the end of the text) follows, because mid-sentence "..." is common as a pause;
* ``؟ ! ?`` end a sentence, newlines always do;
* ``؛`` / ``;`` end a clause-sentence unless a causal connector follows (؛ لأن …),
  where Arabic uses the semicolon to mean "because";
* closing quotes and brackets right after the terminator stay with the sentence.

Everything works on the original string (one precompiled regex pass), so spans are
plain Python indices into the text the caller holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasid import rules
from rasid.lang.ar import load
from rasid.lang.ar.orthography import (
    DIACRITIC_OR_TATWEEL,
    DIACRITICS_RANGE,
    DIGIT_CLASS,
    TATWEEL,
    letter_variants,
)
from rasid.text.normalize import normalize_key

__all__ = ["split_sentences", "split_clauses"]

_DATA = load("sentences")
_TERMINATORS, _SEMICOLONS, _COMMAS = _DATA["terminators"], _DATA["semicolons"], _DATA["commas"]
# Candidate terminators: a run of periods/ellipses/!/?, a semicolon, or a newline.
_TERM = re.compile(f"[{re.escape(_TERMINATORS)}]+|[{re.escape(_SEMICOLONS)}]|\n")
_CLOSERS = "\"'”’»)]›"
_ALWAYS_CLOSE = "”’»)]›"
_DIACRITICS = DIACRITIC_OR_TATWEEL
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_LATIN_OR_DIGIT = re.compile(f"[A-Za-z{DIGIT_CLASS}]")
_DIGIT = re.compile(f"[{DIGIT_CLASS}]")
_WORD_CHAR = re.compile(r"\w")
_LATIN_ABBREV = frozenset(
    {"dr", "mr", "mrs", "ms", "st", "etc", "vs", "no", "gen", "col", "lt", "sgt", "capt", "maj", "jr", "sr", "e.g", "i.e"}
)
_VARIANTS = letter_variants()
_MARKS = f"[{DIACRITICS_RANGE}{TATWEEL}]*"
_CONJUNCTIONS = "".join(load("clitics")["conjunctions"])
_CONJUNCTION = f"(?:[{_CONJUNCTIONS}]{_MARKS})?"


def _flex(word: str) -> str:
    """A regex for a folded word that accepts its printed variants and diacritics after each letter."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s+")
        else:
            parts.append((f"[{_VARIANTS[ch]}]" if ch in _VARIANTS else re.escape(ch)) + _MARKS)
    return "".join(parts)


def _words_regex(words: Iterable[str]) -> str:
    """An alternation of the words' flexible regexes, longest first."""
    return "|".join(_flex(w) for w in sorted(words, key=len, reverse=True))


def _followed_by(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{_words_regex(words)})(?![^\W\d_])")


# After a semicolon these words mean the semicolon introduces a reason, not a new sentence.
_CAUSAL = re.compile(rf"\s*{_CONJUNCTION}(?:{_words_regex(_DATA['causal_connectors'])})(?![^\W\d_])")


def _prev_letters(text: str, pos: int) -> str:
    """The run of letters (diacritics and tatweel dropped) ending just before `pos`."""
    lo = max(0, pos - 12)
    chunk = _DIACRITICS.sub("", text[lo:pos])
    m = _LETTERS_BEFORE.search(chunk)
    return m.group() if m else ""


@rules.register("sentences.causal_semicolon")
def _causal_semicolon(text: str, after: int) -> bool:
    """A semicolon followed by "because" (؛ لأن …، ؛ مما …) joins its sentence instead of ending it."""
    return rules.enabled("sentences.causal_semicolon") and _CAUSAL.match(text, after) is not None


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    s, e = m.span()
    tok = m.group()
    n = len(text)
    nxt = text[e] if e < n else ""
    if tok == "\n":
        return True
    if tok in _SEMICOLONS:
        return not _causal_semicolon(text, e)
    if tok == ".":
        prev = text[s - 1] if s else ""
        if prev and nxt and _DIGIT.match(prev) and _DIGIT.match(nxt):
            return False  # 23.5, 3.5.2021
        word = _prev_letters(text, s)
        if word and (len(word) == 1 or word.lower() in _LATIN_ABBREV):
            # e.g./i.e.: the letter run before the last period is one letter too.
            return False
        # Glued to a Latin letter or digit: part of a name (example.com, v1.2).
        return not (nxt and _LATIN_OR_DIGIT.match(nxt))
    if set(tok) <= {".", "…"}:
        # Ellipsis: a pause inside a sentence unless whitespace or the end follows.
        return not nxt or nxt.isspace() or nxt in _CLOSERS
    return True  # ! ? ؟ and mixed runs like ?! or ؟..


def _extend_closers(text: str, e: int) -> int:
    """Move `e` past closing quotes/brackets that belong to the sentence just ended."""
    n = len(text)
    while e < n and text[e] in _CLOSERS:
        ch = text[e]
        if ch in _ALWAYS_CLOSE or e + 1 >= n or text[e + 1].isspace() or text[e + 1] in _CLOSERS:
            e += 1
        else:
            break
    return e


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, whitespace stripped, in order.

    Spans without a single word character (a stray "..." or "-") are dropped; every
    other character of the text lies in exactly one span or between spans.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _TERM.finditer(text):
        if m.start() < start or not _is_boundary(text, m):
            continue
        end = m.start() if m.group() == "\n" else _extend_closers(text, m.end())
        s, e = _strip(text, start, end)
        if e > s and _WORD_CHAR.search(text, s, e):
            spans.append((s, e))
        start = m.end() if m.group() == "\n" else end
    s, e = _strip(text, start, len(text))
    if e > s and _WORD_CHAR.search(text, s, e):
        spans.append((s, e))
    return spans


# Words that open a new clause inside a sentence (the split happens before them), and the
# words after which an opener means "in what"/"as" instead (فيما يتعلق، كما قال).
_OPENER = re.compile(rf"(?<![^\W\d_]){_CONJUNCTION}(?P<opener>{_words_regex(_DATA['clause_openers'])})(?![^\W\d_])")
_NOT_OPENER = {w: _followed_by(after) for w, after in _DATA["opener_exceptions"].items()}
_COMMA = re.compile(f"[{re.escape(_COMMAS + _SEMICOLONS)}]")  # a semicolon left inside a sentence still ends a clause


@rules.register("sentences.clause_opener")
def _is_opener(text: str, m: re.Match[str]) -> bool:
    """A clause opens before بينما، في حين، فيما، كما unless the next word keeps it inside (كما قال)."""
    if not rules.enabled("sentences.clause_opener"):
        return False
    core = normalize_key(m.group("opener"))
    exception = _NOT_OPENER.get(core)
    return exception is None or exception.match(text, m.end()) is None


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside the sentence text[start:end], whitespace and commas stripped.

    Splits at "،" / "," / "؛" (not inside 1,500) and before a clause opener (بينما، في حين،
    فيما، كما، with an optional و/ف), so "… قتل ثلاثة، فيما أصيب خمسة" gives two clauses
    and the counts stay with their own verbs. "كما قال …" / "فيما يتعلق …" are not split.
    """
    cuts: list[tuple[int, int]] = []  # (cut_start, resume_at)
    for m in _COMMA.finditer(text, start, end):
        i = m.start()
        if i > start and i + 1 < end and _DIGIT.match(text[i - 1]) and _DIGIT.match(text[i + 1]):
            continue
        cuts.append((i, i + 1))
    for m in _OPENER.finditer(text, start, end):
        if _is_opener(text, m):
            cuts.append((m.start(), m.start()))
    cuts.sort()
    # Segments with whether a comma (not an opener) bounds them on the left / right.
    segs: list[tuple[int, int, bool, bool]] = []
    pos, left_comma = start, False
    for cut, resume in cuts:
        if cut < pos:
            continue
        s, e = _strip(text, pos, cut)
        if e > s and _WORD_CHAR.search(text, s, e):
            segs.append((s, e, left_comma, resume > cut))
        pos, left_comma = resume, resume > cut
    s, e = _strip(text, pos, end)
    if e > s and _WORD_CHAR.search(text, s, e):
        segs.append((s, e, left_comma, False))
    # A short aside between two commas ("…، صباح أمس، …", "…، الأحد، …") is not a clause:
    # it stays with the clause around it, so an event keeps its date.
    spans: list[list[int]] = []
    glue_next = False
    for idx, (s, e, lc, rc) in enumerate(segs):
        aside = (
            lc and rc and 0 < idx < len(segs) - 1 and not glue_next
            and len(text[s:e].split()) <= 2 and text[s] not in _CONJUNCTIONS
        )
        if spans and (glue_next or aside):
            spans[-1][1] = e
        else:
            spans.append([s, e])
        glue_next = aside
    return [(s, e) for s, e in spans]
