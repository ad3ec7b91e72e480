"""Normalisation and its offsets map back to the original text."""

from __future__ import annotations

import pytest

from rasid.text.normalize import arabic_ratio, fold_char, normalize, normalize_key


def test_folding() -> None:
    assert normalize_key("أحمد إبراهيم آل مصطفى") == "احمد ابراهيم ال مصطفي"
    assert normalize_key("مدرسة") == "مدرسه"
    assert normalize_key("گرد یک") == "كرد يك"


def test_diacritics_and_tatweel_dropped() -> None:
    assert normalize_key("قُتِلَ شَخْصٌ") == "قتل شخص"
    assert normalize_key("الجيـــش") == "الجيش"
    assert normalize_key("بـ 5") == "ب 5"


def test_digits_folded() -> None:
    assert normalize_key("٢٣ و۴۵") == "23 و45"


def test_punctuation_and_spaces_collapse() -> None:
    assert normalize_key("  قصف،  (إدلب)؛\n\nحماة!  ") == "قصف ادلب حماه"


def test_decimal_point_kept_between_digits_only() -> None:
    assert normalize_key("23.5 و٢٣٫٥ نهاية.") == "23.5 و23.5 نهايه"
    assert normalize_key("5, 6") == "5 6"


def test_offsets_map_back() -> None:
    text = "قَصَفَ  الطيرانُ «سراقب»"
    nt = normalize(text)
    assert len(nt.offsets) == len(nt.text) + 1
    i = nt.text.index("سراقب")
    s, e = nt.to_original(i, i + len("سراقب"))
    assert text[s:e] == "سراقب"
    i = nt.text.index("الطيران")
    s, e = nt.to_original(i, i + len("الطيران"))
    # Trailing diacritics belong to the word.
    assert text[s:e] == "الطيرانُ"


def test_from_original_round_trip() -> None:
    text = "قُتل  ثلاثة"
    nt = normalize(text)
    i = nt.from_original(text.index("ثلاثة"))
    assert nt.text[i:] == "ثلاثه"


def test_empty_span_maps_to_a_point() -> None:
    nt = normalize("قصف")
    assert nt.to_original(1, 1) == (1, 1)


def test_empty_text() -> None:
    nt = normalize("")
    assert nt.text == "" and nt.offsets == (0,)


def test_multi_char_lowercase_keeps_offsets_aligned() -> None:
    # "İ".lower() is two characters; the map must stay one entry per normalised character.
    text = "İdlib قصف"
    nt = normalize(text)
    assert len(nt.offsets) == len(nt.text) + 1
    i = nt.text.index("قصف")
    s, e = nt.to_original(i, i + 3)
    assert text[s:e] == "قصف"


@pytest.mark.parametrize(("ch", "out"), [("َ", ""), ("ـ", ""), ("،", " "), ("إ", "ا"), ("A", "a"), ("\u200f", "")])
def test_fold_char(ch: str, out: str) -> None:
    assert fold_char(ch) == out


def test_arabic_ratio() -> None:
    assert arabic_ratio("قصف الطيران") == 1.0
    assert arabic_ratio("Airstrike") == 0.0
    assert arabic_ratio("123 !") == 0.0
    assert 0.4 < arabic_ratio("قصف air") < 0.7


def test_presentation_forms_fold_like_their_nfkc_form() -> None:
    import unicodedata

    text = "ﻗﺼﻔﺖ ﻗﻮﺍﺕ ﺍﻟﻨﻈﺎﻡ ﺑﻠﺪﺓ ﻻ"  # contextual glyphs and the lam-alif ligature
    folded = normalize(text)
    assert folded.text == normalize(unicodedata.normalize("NFKC", text)).text
    start, end = folded.to_original(0, 4)
    assert text[start:end] == "ﻗﺼﻔﺖ"
    assert folded.to_original(len(folded.text) - 2, len(folded.text)) == (len(text) - 1, len(text))
