"""Numbers and counted quantities in Arabic reports.

Fatality counts, force sizes ("40 عنصراً", "عشرات العناصر") and vehicle counts
("5 سيارات", "مقر واحد") are written in digits or in words, often hedged ("نحو",
"أكثر من", "ما لا يقل عن") or given as ranges ("بين 10 و15"). This module reads them
off the normalised text (see `rasid.text.normalize`) and reports original spans.

What `find_quantities` returns and what it leaves out:

* returned: cardinal numbers in digits or words, with their hedge, range and counted
  noun; vague quantities (عدة، عشرات، مئات، آلاف، بضعة، بعض، عدد من، العديد من) with
  ``value None`` and a ``vague`` label;
* left out, because they are never counts of people or things: calibres (23 ملم،
  عيار 14.5), years (عام 2019، آذار 2021، 2019م، منذ 2011), day-of-month numbers
  (12 آذار، 12 من شباط), numeric dates (15/3/2021، 2021-03-15، 3.5.2021), clock
  times (10:30، الساعة 3) and percentages (50%، 30 بالمئة، 30 في المئة).

Bounds: an exact number has ``low == high == value``; "نحو/حوالي/قرابة" set
``approximate`` and leave the bounds None; "أكثر من / ما لا يقل عن / على الأقل" set
``low``; "أقل من / ما لا يزيد عن / على الأكثر" set ``high``; a range sets both,
``approximate`` and ``value = low`` (ACLED codes the lower figure when reports differ).
A vague quantity has ``value``, ``low`` and ``high`` None; its ``vague`` label is one of
several, few, some, many, dozens, hundreds, thousands, millions, billions,
tens of thousands, hundreds of thousands.

The counted noun normally follows the number (optionally after من) and is not taken
across punctuation; with a postposed واحد/اثنان or an article cardinal (مقر واحد،
عنصران اثنان، العناصر الخمسة) it precedes it, so ``noun_end <= start`` there.
Durations, ages and distances (3 أيام، 20 عاماً، 10 كلم) are returned with their
noun; callers filter them by noun.

A number above `MAX_VALUE` (a 26-digit "toll", a 309-digit string) is no count of anything
a report describes: it is kept as text (``value None``) with ``absurd`` set, so callers can
warn, and is never turned into a number that overflows a database column.

Each decision is a named rule (``numbers.hedge``, ``numbers.calibre`` …; `rasid rules
numbers` lists them); the words each reads live in `rasid/lang/ar/data/numbers.yaml` and
`quantities.yaml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rasid import rules
from rasid.lang.ar import load
from rasid.lang.ar.orthography import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_THOUSANDS_SEPARATOR,
    ARABIC_WORD,
    DIGIT_CLASS,
    DIGITS_TO_WESTERN,
)
from rasid.text.dates import MONTH_WORDS, TWO_WORD_MONTH_HEADS
from rasid.text.normalize import NormText, normalize
from rasid.text.tokenize import (
    ARTICLE,
    CONJUNCTIONS,
    CONTRACTED_ARTICLE_PREFIXES,
    PREPOSITIONS,
    bare_noun,
    strip_particles,
)

__all__ = ["MAX_VALUE", "Quantity", "parse_number", "find_quantities", "dual_count", "strip_noun"]

MAX_VALUE = 1e9
"""Above this a number is no count a report makes (kept as text, `absurd`, never a value)."""

strip_noun = bare_noun
"""A normalised noun without proclitics or article (the tokenizer's reading): والعناصر → عناصر."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count in the text: its span, value or vague label, hedge, and the noun it counts.

    `start`/`end` cover the hedge, the number and a range's second number, not the noun;
    `noun_start`/`noun_end` are the original span of the counted noun's token and `noun`
    its normalised form without proclitics or article ("العناصر" → "عناصر"). `absurd` marks
    a number above `MAX_VALUE`, kept with ``value None``.
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    vague: str | None
    noun_start: int | None
    noun_end: int | None
    noun: str | None
    absurd: bool = False


_NUM = load("numbers")
_Q = load("quantities")

# --- number words ----------------------------------------------------------------

_UNIT, _TEN, _TENS, _HUNDRED, _MULT, _PLURAL_MULT, _VAGUE = range(1, 8)
# _TEN: عشر/عشرة, 10 alone or +10 after a unit; _MULT: ألف/مليون multiply what precedes;
# _PLURAL_MULT: آلاف/ملايين multiply after a number, vague on their own.
_AND = frozenset(_Q["and_word"])
_OF = frozenset(_Q["of_words"])
_HUNDRED_WORDS = frozenset(_NUM["hundred"])


@dataclass(frozen=True, slots=True)
class _Word:
    kind: int
    value: float
    base: str
    conj: bool  # carries the conjunction و (joins a compound: خمسة وعشرين)
    article: bool
    label: str | None = None
    lead: int = 0  # length of the leading clitic (و، ب، وب…), left out of spans


def _joins(preposition: str) -> bool:
    """False for a preposition that contracts with the article (ل + ال → لل)."""
    return not preposition or not any(c.startswith(preposition) for c in load("clitics")["contracted_article"])


_PREFIXES: tuple[str, ...] = tuple(
    dict.fromkeys(c + p for c in ("",) + CONJUNCTIONS for p in ("",) + load("clitics")["common_prepositions"])
)
"""Proclitics a number word may carry (وخمسة، بخمسة، لثلاثة)."""
_ARTICLE_PREFIXES: tuple[str, ...] = tuple(
    c + p + ARTICLE for c in ("",) + CONJUNCTIONS for p in ("",) + load("clitics")["common_prepositions"] if _joins(p)
) + CONTRACTED_ARTICLE_PREFIXES
_ARTICLE_STARTS: tuple[str, ...] = tuple(
    c + p + ARTICLE for c in ("",) + CONJUNCTIONS for p in ("",) + PREPOSITIONS if _joins(p)
) + CONTRACTED_ARTICLE_PREFIXES


def _entries() -> list[tuple[str, int, float, str | None]]:
    """(word, kind, value, label) of every number word in numbers.yaml."""
    hundreds = {w: 100.0 for w in _HUNDRED_WORDS}
    hundreds |= {stem + h: v * 100.0 for stem, v in _NUM["hundred_stems"].items() for h in _HUNDRED_WORDS}
    hundreds |= {w: 200.0 for w in _NUM["two_hundred"]}
    labels = _NUM["plural_multiplier_labels"]
    return (
        [(w, _UNIT, float(v), None) for w, v in _NUM["units"].items()]
        + [(w, _TEN, 10.0, None) for w in _NUM["ten"]]
        + [(w, _TENS, float(v), None) for w, v in _NUM["tens"].items()]
        + [(w, _HUNDRED, v, None) for w, v in hundreds.items()]
        + [(w, _MULT, v, None) for w, v in _NUM["multipliers"].items()]
        + [(w, _MULT, v, "dual") for w, v in _NUM["dual_multipliers"].items()]
        + [(w, _PLURAL_MULT, v, labels[w]) for w, v in _NUM["plural_multipliers"].items()]
        + [(w, _VAGUE, 0.0, label) for w, label in _NUM["vague"].items()]
    )


def _build_lexicon() -> dict[str, _Word]:
    lex: dict[str, _Word] = {}
    no_article = frozenset(_NUM["no_article"]) | _HUNDRED_WORDS  # بالمئة / في المئة: percent
    for base, kind, value, label in _entries():
        for p in _PREFIXES:
            lex.setdefault(p + base, _Word(kind, value, base, p[:1] in _AND, False, label, len(p)))
        if base in no_article:
            continue
        for p in _ARTICLE_PREFIXES:
            lex.setdefault(p + base, _Word(kind, value, base, p[:1] in _AND, True, label, len(p) - len(ARTICLE)))
    return lex


_LEX = _build_lexicon()
_TS, _DS = ARABIC_THOUSANDS_SEPARATOR, ARABIC_DECIMAL_SEPARATOR
_DIGIT_TOKEN = re.compile(
    "^(" + "|".join(sorted((p for p in _PREFIXES + _ARTICLE_PREFIXES if p), key=len, reverse=True))
    + rf")?(\d+(?:[.{_TS}]\d+)*)$"
)
_WORD = re.compile(r"\S+")
_THOUSANDS = re.compile(rf"^\d{{1,3}}(?:[,{_TS}]\d{{3}})+(?:[.{_DS}]\d+)?$")


def _digits_value(orig: str) -> float | None:
    """Value of a digit string as written in the original (1,500 / 1٬500 / 23.5 / ٢٣٫٥)."""
    s = orig.translate(DIGITS_TO_WESTERN).strip()
    if _THOUSANDS.match(s):
        s = s.replace(",", "").replace(_TS, "")
    s = s.replace(_DS, ".").replace(_TS, "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _absurd(value: float | None) -> bool:
    return value is not None and (not math.isfinite(value) or value > MAX_VALUE)


# --- compound number phrases -------------------------------------------------------


def _magnitude(kind: int, value: float) -> float:
    if kind == _UNIT:
        return 1
    if kind in (_TEN, _TENS):
        return 10
    if kind == _HUNDRED:
        return 100
    return value


@dataclass(slots=True)
class _Compound:
    """A number-word phrase being read: the total so far and what the last word was."""

    total: float
    cur: float
    last_kind: int
    last_value: float
    mag: float

    def join(self, nxt: _Word) -> bool:
        """Add a word written without و (أحد عشر، ثلاث مئة، خمسة آلاف); False if it does not fit."""
        if nxt.kind == _TEN and self.last_kind == _UNIT:
            self.cur += 10  # أحد عشر، خمسة عشر
            self.last_kind, self.mag = _TEN, 10
        elif nxt.kind == _HUNDRED and nxt.base in _HUNDRED_WORDS and self.last_kind == _UNIT and self.last_value >= 3:
            self.cur += self.last_value * 99  # ثلاث مئة
            self.last_kind, self.mag = _HUNDRED, 100
        elif nxt.kind in (_MULT, _PLURAL_MULT) and self.cur > 0 and nxt.label != "dual":
            if nxt.kind == _PLURAL_MULT and self.cur < 3:
                return False  # آلاف follows 3..10 (ثلاثة آلاف), never one or two
            self.total += self.cur * nxt.value
            self.cur, self.last_kind, self.mag = 0.0, _MULT, nxt.value
        else:
            return False
        return True

    def join_and(self, nxt: _Word) -> bool:
        """Add a word joined by و: units before tens (خمسة وعشرون), else smaller after larger."""
        if nxt.kind == _TENS and self.last_kind == _UNIT and self.mag == 1:
            self.cur += nxt.value  # خمسة وعشرون
            self.last_kind, self.mag = _TENS, 10
        elif nxt.kind in (_UNIT, _TEN, _TENS, _HUNDRED) and _magnitude(nxt.kind, nxt.value) < self.mag:
            self.cur += nxt.value
            self.last_kind, self.last_value, self.mag = nxt.kind, nxt.value, _magnitude(nxt.kind, nxt.value)
        else:
            return False
        return True


def _parse_words(words: list[str], i: int) -> tuple[float, int] | None:
    """Read a number-word phrase at words[i]; (value, index after it) or None.

    Arabic orders compounds unit + و + tens (خمسة وعشرون) and otherwise from large to
    small (ألف ومئتان وخمسون); a و-joined part must be smaller than what precedes it,
    so "خمسة وعشرة" is two numbers, not fifteen.
    """
    n = len(words)
    w = _LEX.get(words[i])
    if w is None or w.kind in (_VAGUE, _PLURAL_MULT):
        return None
    c = _Compound(0.0, w.value, w.kind, w.value, _magnitude(w.kind, w.value))
    if w.kind == _MULT:  # ألف، ألفين، مليون: a multiplier standing alone counts itself
        c.total, c.cur, c.mag = w.value, 0.0, w.value
    j = i + 1
    while j < n:
        standalone_conj = words[j] in _AND and j + 1 < n
        nxt = _LEX.get(words[j + 1]) if standalone_conj else _LEX.get(words[j])
        if nxt is None or nxt.kind == _VAGUE or nxt.article:
            break
        if not (c.join_and(nxt) if standalone_conj or nxt.conj else c.join(nxt)):
            break
        c.last_value = nxt.value if c.last_kind == _UNIT else c.last_value
        j += 2 if standalone_conj else 1
    return c.total + c.cur, j


def parse_number(words: str) -> float | None:
    """The value of a number written in digits ("23.5", "1,500", "٢٣") or Arabic words.

    Accepts all common spellings, genders and cases (ثلاث/ثلاثة، اثنان/اثنين،
    مئة/مائة، ثلاثمئة/ثلاث مئة، ألف/آلاف/ألفين) and compounds ("خمسة وعشرين",
    "مئة وخمسون", "ثلاثة آلاف وخمسمئة", "2.5 مليون"), with a leading clitic
    (وخمسة). Returns None for anything else, including vague words (عشرات) and numbers
    above `MAX_VALUE`.
    """
    nt = normalize(words)
    toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(nt.text)]
    if not toks:
        return None
    words_only = [t[0] for t in toks]
    m = _DIGIT_TOKEN.match(words_only[0])
    if m:
        s, e = nt.to_original(toks[0][1] + m.start(2), toks[0][1] + m.end(2))
        value = _digits_value(nt.original[s:e])
        j = 1
        if value is not None and j < len(words_only):
            w = _LEX.get(words_only[j])
            if w is None or w.kind not in (_MULT, _PLURAL_MULT) or w.conj:
                return None
            value *= w.value
            j += 1
        return value if value is not None and j == len(words_only) and not _absurd(value) else None
    parsed = _parse_words(words_only, 0)
    if parsed is None or parsed[1] != len(words_only):
        return None
    return parsed[0]


# --- counted nouns ---------------------------------------------------------------

_FEMININE = _NUM["feminine_ending"][0]


def dual_count(word: str) -> str | None:
    """The singular stem if `word` looks like a dual (ـتين/ـتان → ـه, ـين/ـان → stem), else None.

    Arabic writes "two groups" as one word (مجموعتين); the caller should confirm the
    returned stem against its lexicon before counting 2, because many words just end
    in ان/ين (مكان، لبنان). Words ending in ـيين are refused: they are far more often
    the plural of a nisba adjective (مدنيين civilians) than its dual.
    """
    w = bare_noun(normalize(word).text) if not word.isascii() else word
    if " " in w:
        return None
    for ending in _NUM["dual_endings_feminine"]:
        if w.endswith(ending) and len(w) - len(ending) >= 2:
            return w[: -len(ending)] + _FEMININE
    if w.endswith(_NUM["nisba_plural_ending"]):
        return None
    for ending in _NUM["dual_endings"]:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return None


# --- finding quantities ----------------------------------------------------------

_APPROX, _LOW, _HIGH, _RANGE = "approx", "low", "high", "range"
_FIELDS = ("fatalities", "injuries", "force")
"""What a count can become in an event."""


def _first_word_table(phrases: tuple[tuple[tuple[str, ...], str], ...]) -> dict[str, list[tuple[tuple[str, ...], str, int]]]:
    """First word (with any proclitic: بحوالي، ونحو) → [(rest of the phrase, label, clitic length)]."""
    table: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    for seq, label in phrases:
        for p in _PREFIXES:
            table.setdefault(p + seq[0], []).append((seq[1:], label, len(p)))
    return table


_HEDGE_FIRST = _first_word_table(_Q["hedges"])
_VAGUE_FIRST = _first_word_table(_Q["vague_phrases"])
_AFTER_HEDGES = {seq: label for seq, label in _Q["after_hedges"]}
_AFTER_APPROX = frozenset(_Q["after_approx"])
_RANGE_JOINERS = frozenset(_Q["range_joiners"])
_RISE_JOINERS = frozenset(_Q["rise_joiners"])
_RISE = frozenset(_Q["rise"])
_DASHES = frozenset("-–—")
_NOUN_STOP = frozenset(_Q["noun_stop"])
_NOT_NOUN_BEFORE = frozenset(_Q["not_noun_before"])
_OTHERS = frozenset(_Q["others"])
_NEGATION = frozenset(_Q["negation"])
_ANYONE = frozenset(_NUM["anyone"])
_ACCUSATIVE = _NUM["accusative_ending"][0]
_KEEPS_ACCUSATIVE = _NUM["keeps_accusative"]
_SENTENCE_PUNCTUATION = "".join(load("sentences")[k] for k in ("terminators", "commas", "semicolons"))
_PUNCT_GAP = re.compile(f"[{re.escape(_SENTENCE_PUNCTUATION)}:()\\[\\]{{}}/\\\\|\\-–—]")
_DATE_NUMERIC = re.compile(
    rf"[{DIGIT_CLASS}]{{1,4}}\s?[/\-.]\s?[{DIGIT_CLASS}]{{1,2}}\s?[/\-.]\s?[{DIGIT_CLASS}]{{2,4}}"
    rf"|[{DIGIT_CLASS}]{{1,2}}:[{DIGIT_CLASS}]{{2}}"
)


def _is_month(words: list[str], j: int) -> bool:
    if not 0 <= j < len(words):
        return False
    return words[j] in MONTH_WORDS or strip_particles(words[j]) in MONTH_WORDS


def _is_noun(word: str) -> bool:
    """Could `word` be the counted noun (an Arabic word that is not a particle or number)?"""
    return (
        word not in _NOUN_STOP
        and ARABIC_WORD.match(word) is not None
        and strip_particles(word) not in _NOUN_STOP
        and word not in _LEX
        and word not in _HEDGE_FIRST
    )


def _split(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words of a normalised text and their spans (normalised text has single spaces)."""
    words = text.split(" ") if text else []
    spans = []
    pos = 0
    for w in words:
        end = pos + len(w)
        spans.append((pos, end))
        pos = end + 1
    return words, spans


class _Reader:
    """One text's words and the lookups the quantity rules share."""

    def __init__(self, nt: NormText) -> None:
        self.nt = nt
        self.original = nt.original
        self.words, self.toks = _split(nt.text)
        self.n = len(self.words)
        self._blocked: list[tuple[int, int]] | None = None  # numeric dates and clock times

    def word(self, j: int) -> str:
        return self.words[j] if 0 <= j < self.n else ""

    def orig_span(self, a: int, b: int) -> tuple[int, int]:
        """Original span of tokens a..b-1."""
        return self.nt.to_original(self.toks[a][0], self.toks[b - 1][1])

    def punct_between(self, a: int) -> bool:
        """Punctuation between token a and the next one in the original text."""
        return _PUNCT_GAP.search(self.original, self.orig_span(a, a + 1)[1], self.orig_span(a + 1, a + 2)[0]) is not None

    def in_blocked(self, span: tuple[int, int]) -> bool:
        if self._blocked is None:
            self._blocked = [m.span() for m in _DATE_NUMERIC.finditer(self.original)]
        return any(s < span[1] and span[0] < e for s, e in self._blocked)

    def number_at(self, j: int) -> tuple[float, int, bool] | None:
        """(value, index after, written in digits) for a number starting at words[j]."""
        if j >= self.n:
            return None
        m = _DIGIT_TOKEN.match(self.words[j])
        if not m:
            parsed = _parse_words(self.words, j)
            return None if parsed is None else (parsed[0], parsed[1], False)
        s, e = self.nt.to_original(self.toks[j][0] + m.start(2), self.toks[j][0] + m.end(2))
        if self.in_blocked((s, e)):
            return None
        value = _digits_value(self.original[s:e])
        if value is None:
            return None
        k = j + 1
        w = _LEX.get(self.word(k))
        if w is not None and w.kind in (_MULT, _PLURAL_MULT) and not w.conj and not w.article:
            value *= w.value
            k += 1
        return value, k, True

    def lead_of(self, j: int) -> int:
        """Length of the leading clitic of words[j] when it starts a number or vague word."""
        w = _LEX.get(self.words[j])
        if w is not None:
            return w.lead
        m = _DIGIT_TOKEN.match(self.words[j])
        if m:
            p = m.group(1) or ""
            return len(p) - len(ARTICLE) if p.endswith(ARTICLE) or p in CONTRACTED_ARTICLE_PREFIXES else len(p)
        return len(self.words[j]) - len(strip_particles(self.words[j]))

    def noun_of(self, j: int) -> tuple[int, int, str]:
        """Original span (clitic left out, article kept) and bare form of the noun words[j]."""
        w, (ts, te) = self.words[j], self.toks[j]
        bare = bare_noun(w)
        if bare == w:
            return (*self.nt.to_original(ts, te), w)
        art = len(w) - len(bare) - len(ARTICLE)  # where the article (or لل) starts
        # آلية، أسرى: an alif with hamza or madda is a root letter, not the article.
        if w[art] == ARTICLE[0] and self.original[self.nt.offsets[ts + art]] not in _Q["article_alifs"]:
            return (*self.nt.to_original(ts, te), w)
        return (*self.nt.to_original(ts + art, te), bare)


@dataclass(slots=True)
class _Draft:
    """A quantity being read: token indices, bounds and what the rules decided so far."""

    start_tok: int
    j: int  # where the number (or vague word) starts
    lead: int = 0
    hedge: str | None = None
    end_tok: int = 0
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    vague: str | None = None
    is_digits: bool = False
    is_number: bool = False
    noun_idx: int | None = None
    fired: list[str] = field(default_factory=list)


def _fire(d: _Draft, name: str) -> None:
    d.fired.append(name)


@rules.register("numbers.hedge", fields=_FIELDS)
def _hedge(r: _Reader, d: _Draft) -> None:
    """A hedge before the number sets its bounds: about, at least, at most, between (قرابة الـ 50)."""
    if not rules.enabled("numbers.hedge"):
        return
    for rest, kind, lead in _HEDGE_FIRST.get(r.words[d.j], ()):
        k = d.j + 1
        if tuple(r.words[k:k + len(rest)]) == rest:
            d.hedge, d.j, d.lead = kind, k + len(rest), lead
            if r.word(d.j) == ARTICLE:  # قرابة الـ 50
                d.j += 1
            _fire(d, "numbers.hedge")
            return


@rules.register("numbers.vague", fields=_FIELDS)
def _vague_at(words: list[str], j: int) -> tuple[str, int] | None:
    """A vague quantity: عشرات، مئات الآلاف، عدة، عدد من، العديد من (label, index after it)."""
    n = len(words)
    if j >= n or not rules.enabled("numbers.vague"):
        return None
    w = _LEX.get(words[j])
    if w is not None and w.kind in (_VAGUE, _PLURAL_MULT):
        label, k = w.label or "", j + 1
        if label in ("dozens", "hundreds") and k < n:
            nxt = _LEX.get(words[k])
            if nxt is not None and nxt.kind == _PLURAL_MULT and nxt.label == "thousands":
                return f"{'tens' if label == 'dozens' else 'hundreds'} of thousands", k + 1
        if label == "many":
            return ("many", k) if k < n and words[k] in _OF else None
        if label == "some" and w.article:
            return None
        return label, k
    for rest, label, _lead in _VAGUE_FIRST.get(words[j], ()):
        k = j + 1
        if tuple(words[k:k + len(rest)]) == rest:
            return label, k + len(rest) - 1  # the final من stays for the noun
    return None


def _read_vague(r: _Reader, d: _Draft) -> bool:
    vq = _vague_at(r.words, d.j)
    if vq is None:
        return False
    d.vague, d.end_tok = vq
    if d.hedge == _RANGE:
        d.hedge, d.start_tok = None, d.j
    if d.start_tok == d.j:
        d.lead = r.lead_of(d.j)
    _fire(d, "numbers.vague")
    return True


@rules.register("numbers.range", fields=_FIELDS)
def _range_second(r: _Reader, d: _Draft) -> tuple[float, int, bool] | None:
    """The second number of a range: بين 10 و15، من 10 إلى 15، 10-15، ثلاثة أو أربعة.

    After a word of rising (ارتفع عدد القتلى من 5 إلى 10) "to" gives a second figure, not a range.
    """
    joiner = r.word(d.end_tok)
    if not joiner or not rules.enabled("numbers.range"):
        return None
    if d.hedge == _RANGE:
        if joiner in _AND:
            return r.number_at(d.end_tok + 1)
        return r.number_at(d.end_tok) if joiner[:1] in _AND else None  # و15، وعشرين
    if joiner in _RANGE_JOINERS and joiner not in _AND:
        if joiner in _RISE_JOINERS and any(w in _RISE for w in r.words[max(0, d.j - 5):d.j]):
            return None
        return r.number_at(d.end_tok + 1)
    if d.is_digits and _DIGIT_TOKEN.match(joiner):
        gap = r.original[r.orig_span(d.end_tok - 1, d.end_tok)[1]:r.orig_span(d.end_tok, d.end_tok + 1)[0]]
        if gap.strip() in _DASHES:
            return r.number_at(d.end_tok)
    return None


def _read_number(r: _Reader, d: _Draft, num: tuple[float, int, bool]) -> None:
    """The number, its range and the bounds its hedge gives."""
    d.value, d.end_tok, d.is_digits = num
    d.is_number = True
    if d.hedge is None:
        d.start_tok, d.lead = d.j, r.lead_of(d.j)
    second = _range_second(r, d)
    if second is not None and second[0] > d.value:
        d.low, d.high, d.end_tok, kind = d.value, second[0], second[1], _RANGE
        _fire(d, "numbers.range")
    else:
        kind = d.hedge if d.hedge != _RANGE else None
        if d.hedge == _RANGE:
            d.start_tok, d.lead = d.j, r.lead_of(d.j)
    if kind is None:
        d.low = d.high = d.value
    elif kind == _LOW:
        d.low = d.value
    elif kind == _HIGH:
        d.high = d.value
    d.hedge = kind


# Numbers that are not counts. Each rule sees the words around the number.
_CALIBRE_AFTER = frozenset(_Q["calibre_after"])
_CALIBRE_BEFORE = frozenset(_Q["calibre_before"])
_YEAR_BEFORE = frozenset(_Q["year_before"])
_YEAR_AFTER = frozenset(_Q["year_after"])
_YEAR_TWO_BEFORE = frozenset(_Q["year_two_before"]) | TWO_WORD_MONTH_HEADS
_PERCENT_AFTER = frozenset(_Q["percent_after"])
_PERCENT_OF = frozenset(_Q["percent_of"])
_PERCENT_HUNDRED = frozenset(_Q["percent_hundred"])
_TIME_BEFORE = frozenset(_Q["time_before"])
_NAME_BEFORE = frozenset(_Q["name_before"])
_LATIN_WORD = re.compile(r"^[a-z][a-z'’]*$")


@dataclass(frozen=True, slots=True)
class _Around:
    """The words around a number: two before (the first without its clitic), one after."""

    prev: str
    prev2: str
    nxt: str
    whole: bool  # written in digits, a whole number

    @classmethod
    def of(cls, r: _Reader, d: _Draft) -> _Around:
        prev = r.word(d.j - 1)
        if prev not in _YEAR_BEFORE:
            prev = strip_particles(prev)
        whole = d.is_digits and d.value is not None and d.value.is_integer()
        return cls(prev, r.word(d.j - 2), r.word(d.end_tok), whole)


_NotACount = Callable[[_Reader, _Draft, _Around], bool]
_NOT_A_COUNT: list[tuple[str, _NotACount]] = []


def _not_a_count(name: str) -> Callable[[_NotACount], _NotACount]:
    """Register a rule that refuses a number as a count (a calibre, a year …)."""

    def wrap(func: _NotACount) -> _NotACount:
        rules.register(name, fields=_FIELDS)(func)
        _NOT_A_COUNT.append((name, func))
        return func

    return wrap


@_not_a_count("numbers.calibre")
def _calibre(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A calibre, not a count: 23 ملم، عيار 14.5، العيار الـ 57."""
    return a.nxt in _CALIBRE_AFTER or a.prev in _CALIBRE_BEFORE or (a.prev == ARTICLE and a.prev2 in _CALIBRE_BEFORE)


@_not_a_count("numbers.percent")
def _percent(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A percentage: 50%، 30 بالمئة، 30 في المئة."""
    if a.nxt in _PERCENT_AFTER or (a.nxt in _PERCENT_OF and r.word(d.end_tok + 1) in _PERCENT_HUNDRED):
        return True
    e = r.orig_span(d.j, d.end_tok)[1]
    sign = r.original[e:e + 2].lstrip()[:1]
    return bool(sign) and sign in _Q["percent_signs"]


@_not_a_count("numbers.year")
def _year(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A year: عام 2019، آذار 2021، 2019م، منذ 2011."""
    if not (a.whole and 1900 <= (d.value or 0) <= 2100 and d.end_tok - d.j == 1):
        return False
    return (
        a.prev in _YEAR_BEFORE or a.nxt in _YEAR_AFTER or _is_month(r.words, d.j - 1)
        or (d.j > 1 and a.prev2 in _YEAR_TWO_BEFORE)
    )


@_not_a_count("numbers.day_of_month")
def _day_of_month(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A day of the month: 12 آذار، 12 من شباط."""
    if not (a.whole and 1 <= (d.value or 0) <= 31):
        return False
    return _is_month(r.words, d.end_tok) or (a.nxt in _OF and _is_month(r.words, d.end_tok + 1))


@_not_a_count("numbers.foreign")
def _foreign(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A number inside a foreign-language passage (a Latin word on either side)."""
    return _LATIN_WORD.match(a.prev) is not None or _LATIN_WORD.match(a.nxt) is not None


@_not_a_count("numbers.name")
def _name(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A number that is a name: اللواء 93، الفرقة 17، طريق 5."""
    return a.prev in _NAME_BEFORE or (a.prev == ARTICLE and a.prev2 in _NAME_BEFORE)


@_not_a_count("numbers.clock_time")
def _clock_time(r: _Reader, d: _Draft, a: _Around) -> bool:
    """A clock time: الساعة 3، عند 10."""
    return a.prev in _TIME_BEFORE


def _refused(r: _Reader, d: _Draft) -> str | None:
    """The name of the first enabled rule that refuses the number as a count, or None."""
    around = _Around.of(r, d)
    for name, refuses in _NOT_A_COUNT:
        if rules.enabled(name) and refuses(r, d, around):
            return name
    return None


def _after_hedge_at(r: _Reader, k: int) -> str | None:
    """"at least" / "at most" at words[k] (على الأقل، على الأكثر): its bound, or None."""
    return _AFTER_HEDGES.get(tuple(r.words[k:k + 2])) if k + 1 < r.n else None


@rules.register("numbers.after_hedge", fields=_FIELDS)
def _after_hedge(r: _Reader, d: _Draft, k: int) -> int:
    """"at least/at most/about" after the number or its noun (مقتل 5 على الأقل، 40 عنصراً تقريباً)."""
    if not rules.enabled("numbers.after_hedge"):
        return k
    bound = _after_hedge_at(r, k)
    if bound is not None:
        d.low, d.high = (d.value, None) if bound == _LOW else (None, d.value)
        d.approximate = True
        _fire(d, "numbers.after_hedge")
        return k + 2
    if k > d.end_tok and r.word(k) in _AFTER_APPROX:  # after the noun only
        d.approximate, d.low, d.high = True, None, None
        _fire(d, "numbers.after_hedge")
    return k


@rules.register("numbers.noun_before", fields=_FIELDS)
def _noun_before(r: _Reader, d: _Draft, k: int) -> str | None:
    """A single number word after its noun: مقر واحد، عنصران اثنان، العناصر الخمسة.

    Returns "skip" when the number is no count: لم يصب أحد (nobody), اليوم العشرين (an ordinal).
    """
    if not (d.vague is None and d.is_number and not d.is_digits and d.end_tok - d.j == 1 and d.start_tok == d.j > 0):
        return None
    if not rules.enabled("numbers.noun_before"):
        return None
    wd, prev = _LEX[r.words[d.j]], r.words[d.j - 1]
    if wd.base in _ANYONE:
        return "skip" if prev in _NEGATION or r.word(d.j - 2) in _NEGATION else None
    if wd.article and prev.startswith(_ARTICLE_STARTS) and _is_noun(prev):
        if wd.kind not in (_UNIT, _TEN):
            return "skip"
        d.noun_idx = d.j - 1
    elif (
        d.value is not None and d.value <= 2 and prev not in _NEGATION and _is_noun(prev)
        and prev not in _NOT_NOUN_BEFORE and strip_particles(prev) not in _NOT_NOUN_BEFORE
        and r.word(k if k < r.n else d.j) not in _OF and strip_particles(r.word(k)) not in _OTHERS
    ):
        d.noun_idx = d.j - 1
    if d.noun_idx is not None:
        _fire(d, "numbers.noun_before")
    return None


@rules.register("numbers.noun_after", fields=_FIELDS)
def _noun_after(r: _Reader, d: _Draft, k: int) -> None:
    """The counted noun after the number: 5 سيارات، عشرة من العناصر، اثنان آخرون; not across punctuation."""
    if d.noun_idx is not None or k >= r.n or r.punct_between(k - 1) or not rules.enabled("numbers.noun_after"):
        return
    w = r.words[k]
    if strip_particles(w) in _OTHERS or w in _OTHERS:
        d.noun_idx = k  # أصيب اثنان آخرون
    elif w in _OF and k + 1 < r.n and _is_noun(r.words[k + 1]) and not r.punct_between(k):
        d.noun_idx = k + 1
    elif _is_noun(w) and not _is_month(r.words, k):
        d.noun_idx = k
    if d.noun_idx is not None:
        _fire(d, "numbers.noun_after")


@rules.register("numbers.bare_year", fields=_FIELDS)
def _bare_year(r: _Reader, d: _Draft) -> bool:
    """A bare four-digit number with nothing counted is a year (منذ 2011، في 2019)."""
    if not rules.enabled("numbers.bare_year"):
        return False
    counted = d.noun_idx is not None and r.words[d.noun_idx][:1] not in _AND
    return (
        not counted and d.is_digits and d.hedge is None and d.end_tok - d.j == 1
        and d.value is not None and d.value.is_integer() and 1900 <= d.value <= 2100
    )


def _counted_noun_form(r: _Reader, d: _Draft, noun: str) -> str:
    """The noun's dictionary form: the dual's singular (عنصران اثنان), no accusative alif (40 عنصراً)."""
    assert d.noun_idx is not None
    if d.noun_idx < d.start_tok:
        if d.value == 2:
            noun = dual_count(noun) or noun
        elif noun.endswith(_ACCUSATIVE) and r.words[d.start_tok].endswith(_ACCUSATIVE) and len(noun) >= 3:
            noun = noun[:-1]  # مقراً واحداً: both accusative
    if (
        d.value is not None and 11 <= d.value % 100 <= 99 and noun.endswith(_ACCUSATIVE)
        and len(noun) >= 4 and not noun.endswith(_KEEPS_ACCUSATIVE)
    ):
        noun = noun[:-1]  # tamyiz accusative: 40 عنصراً
    return noun


rules.declare(
    "numbers.absurd", f"A number above {MAX_VALUE:g} is no count: kept as text, never as a value.",
    fields=_FIELDS, home="rasid.text.numbers._quantity",
)


def _quantity(r: _Reader, d: _Draft) -> Quantity:
    s, e = r.nt.to_original(r.toks[d.start_tok][0] + d.lead, r.toks[d.end_tok - 1][1])
    noun = ns = ne = None
    if d.noun_idx is not None:
        ns, ne, noun = r.noun_of(d.noun_idx)
        noun = _counted_noun_form(r, d, noun)
    absurd = _absurd(d.value) or _absurd(d.low) or _absurd(d.high)
    if absurd and rules.enabled("numbers.absurd"):
        d.value = d.low = d.high = None
        _fire(d, "numbers.absurd")
    for name in d.fired:
        rules.fired(name, s, e if ne is None else max(e, ne))
    return Quantity(s, e, r.original[s:e], d.value, d.low, d.high, d.approximate, d.vague, ns, ne, noun, absurd)


def _read_at(r: _Reader, i: int) -> tuple[_Draft | None, int]:
    """The quantity starting at words[i], or None; and where to look next."""
    d = _Draft(start_tok=i, j=i)
    _hedge(r, d)
    num = r.number_at(d.j)
    if num is None:
        if not _read_vague(r, d):
            return None, i + 1
    else:
        _read_number(r, d, num)
        refused = _refused(r, d)
        if refused:
            rules.fired(refused, *r.orig_span(d.j, d.end_tok))
            return None, d.end_tok
    d.approximate = d.hedge is not None
    k = _after_hedge(r, d, d.end_tok)
    if _noun_before(r, d, k) == "skip":
        rules.fired("numbers.noun_before", *r.orig_span(d.j - 1, d.end_tok))
        return None, d.end_tok
    _noun_after(r, d, k)
    if d.noun_idx is not None and d.noun_idx >= d.end_tok:
        _after_hedge(r, d, d.noun_idx + 1)
    if _bare_year(r, d):
        rules.fired("numbers.bare_year", *r.orig_span(d.j, d.end_tok))
        return None, d.end_tok
    return d, max(d.end_tok, i + 1)


_STARTERS = frozenset(_LEX) | frozenset(_HEDGE_FIRST) | frozenset(_VAGUE_FIRST)
"""Words that can open a quantity (all else is skipped at the cost of one set lookup)."""


def find_quantities(nt: NormText) -> list[Quantity]:
    """All counts in the text with their hedge, range and counted noun (see module docstring)."""
    r = _Reader(nt)
    out: list[Quantity] = []
    i = 0
    while i < r.n:
        w0 = r.words[i]
        if w0 not in _STARTERS and not w0[-1:].isdigit():
            i += 1
            continue
        draft, i = _read_at(r, i)
        if draft is not None:
            out.append(_quantity(r, draft))
    return out
