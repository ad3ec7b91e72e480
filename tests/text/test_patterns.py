"""Declarative token patterns over normalised words."""

from __future__ import annotations

import pytest

from rasid.lang.ar import LanguageDataError
from rasid.text.normalize import normalize
from rasid.text.patterns import TokenPattern, find_all


def _words(text: str) -> list[str]:
    return normalize(text).text.split()


def test_word_stem_digit_and_optional_specs() -> None:
    pattern = TokenPattern.from_data(
        "agent", [{"stem": ["قبل"]}, {"word": ["قوات"]}, {"word": ["النظام"], "op": "?"}]
    )
    assert pattern.match_at(_words("من قبل قوات النظام"), 1) == 4
    assert pattern.match_at(_words("وقبل قوات الأمن"), 0) == 2  # stem under a clitic, optional word absent
    assert pattern.match_at(_words("بعد قوات النظام"), 0) is None


def test_star_gives_words_back_to_what_follows() -> None:
    pattern = TokenPattern.from_data("n", [{"digit": True}, {"word": ["و", "او"], "op": "*"}, {"word": ["او"]}])
    assert pattern.match_at(_words("5 و او او"), 0) == 4


def test_find_all_takes_the_longest_match_left_to_right() -> None:
    short = TokenPattern.from_data("short", [{"word": ["على"]}])
    long = TokenPattern.from_data("long", [{"word": ["على"]}, {"word": ["الأقل"]}])
    assert find_all([short, long], _words("على الأقل على")) == [("long", 0, 2), ("short", 2, 3)]


def test_data_list_reference_and_bad_specs() -> None:
    pattern = TokenPattern.from_data("art", [{"word": "@clitics.article"}])
    assert pattern.match_at(["ال"], 0) == 1
    with pytest.raises(LanguageDataError):
        TokenPattern.from_data("bad", [{"word": ["x"], "op": "!"}])
    with pytest.raises(LanguageDataError):
        TokenPattern.from_data("bad", [{"word": "@clitics.nothing"}])
