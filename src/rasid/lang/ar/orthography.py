"""The Arabic script as rasid folds it: which characters drop, which fold together, digits.

`fold_char` is the one definition of how a character looks to the matcher; the text layer
(`rasid.text.normalize`) applies it with an offsets map, and the language data loader
applies it to every word of the data files so that data and text meet in the same form.
The letter folds themselves are data (`data/orthography.yaml`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import yaml

DIACRITICS_RANGE = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
"""Harakat, Quranic annotation marks and superscript alif: dropped for matching."""
TATWEEL = "\u0640"
DIACRITIC_OR_TATWEEL = re.compile(f"[{DIACRITICS_RANGE}{TATWEEL}]")
"""Marks that may follow any letter of a printed word (sentences.py's flexible patterns)."""
DROPPED = re.compile(f"[{DIACRITICS_RANGE}{TATWEEL}\u200c-\u200f\u202a-\u202e\ufeff]")
"""Dropped before matching: diacritics, tatweel, zero-width and bidi controls, the BOM."""
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
"""Arabic presentation forms (contextual glyphs, ligatures): folded through NFKC."""
ARABIC_LETTER = re.compile(
    "(?=[^\\W\\d_])[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
"""A letter of the Arabic script in any of its Unicode blocks."""
ARABIC_WORD = re.compile("^[\u0621-\u064a]{2,}$")
"""A normalised word of two or more basic Arabic letters (no digits, no Latin)."""
DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"
"""Western, Arabic-Indic and Eastern Arabic-Indic (Persian) digits, for character classes."""
DIGITS_TO_WESTERN = str.maketrans(
    "".join(chr(0x0660 + i) for i in range(10)) + "".join(chr(0x06F0 + i) for i in range(10)),
    "0123456789" * 2,
)
"""Arabic-Indic and Persian digits to Western ones."""


@cache
def _orthography() -> dict[str, object]:
    text = resources.files("rasid.lang.ar").joinpath("data", "orthography.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    folds, variants = raw.get("folds"), raw.get("variants")
    if not isinstance(folds, dict) or not all(len(k) == 1 and len(v) == 1 for k, v in folds.items()):
        raise ValueError("orthography.yaml: folds must map single characters to single characters")
    if not isinstance(variants, dict) or not all(len(k) == 1 and k in v for k, v in variants.items()):
        raise ValueError("orthography.yaml: each variants entry must list its own letter among its variants")
    for key in ("punctuation", "decimal_separators"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ValueError(f"orthography.yaml: {key} must be a non-empty string")
    return raw


@cache
def letter_folds() -> dict[str, str]:
    """Letter → the letter it is matched as (أ → ا), digits → Western digits."""
    folds = dict(_orthography()["folds"])  # type: ignore[call-overload]
    for i in range(10):
        folds[chr(0x0660 + i)] = folds[chr(0x06F0 + i)] = str(i)
    return folds


def letter_variants() -> dict[str, str]:
    """Letter → the letters printed in its place (ا → اأإآ)."""
    return dict(_orthography()["variants"])  # type: ignore[call-overload]


def punctuation() -> frozenset[str]:
    """Characters that separate words."""
    return frozenset(str(_orthography()["punctuation"]))


def decimal_separators() -> frozenset[str]:
    """Characters that are a decimal point between two digits."""
    return frozenset(str(_orthography()["decimal_separators"]))


@cache
def fold_char(ch: str) -> str:
    """One character as the matcher sees it: '' when dropped, ' ' for punctuation.

    Presentation forms (ﻻ, ﺑ) go through NFKC first, so a ligature may give two letters;
    any other character gives at most one, which keeps the text layer's offsets aligned.
    """
    compatible = unicodedata.normalize("NFKC", ch) if PRESENTATION_FORMS.match(ch) else ch
    if compatible != ch:  # unassigned code points of the block (and U+FEFF) stay as they are
        return "".join(fold_char(c) for c in compatible)
    if DROPPED.match(ch):
        return ""
    folded = letter_folds().get(ch)
    if folded is not None:
        return folded
    if ch in punctuation() or ch.isspace():
        return " "
    low = ch.lower()
    # A few letters lower-case to two characters (İ → i + combining dot).
    return low if len(low) == 1 else low[0]


def fold_word(text: str) -> str:
    """A word or phrase of the data files in matching form (single spaces, no punctuation)."""
    return " ".join("".join(fold_char(c) for c in text).split())


ARABIC_THOUSANDS_SEPARATOR = "\u066c"
"""٬ between groups of three digits (1٬500)."""
ARABIC_DECIMAL_SEPARATOR = "\u066b"
"""٫ the Arabic decimal point (23٫5)."""
