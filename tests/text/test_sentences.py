"""Sentence and clause splitting: spans into the original text, Arabic punctuation rules."""

from __future__ import annotations

import pytest

from rasid.text.sentences import split_clauses, split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def clauses(text: str) -> list[str]:
    return [text[s:e] for s, e in split_clauses(text, 0, len(text))]


def test_basic_terminators() -> None:
    text = "سقطت قذيفة على الحي. هل أصيب أحد؟ نعم أصيب طفلان! وانتهى الأمر"
    assert sents(text) == ["سقطت قذيفة على الحي.", "هل أصيب أحد؟", "نعم أصيب طفلان!", "وانتهى الأمر"]


def test_spans_are_original_indices_and_stripped() -> None:
    text = "  جُرِحَ رجلٌ.   وقُتِلَ آخر.  "
    spans = split_sentences(text)
    assert spans == [(2, 14), (17, 29)]
    assert text[spans[1][0]] == "و"


def test_decimals_and_dotted_dates_do_not_split() -> None:
    text = "بلغت المسافة 14.5 كم يوم 3.5.2021 قرب البلدة. ثم عادت الدورية"
    assert sents(text) == ["بلغت المسافة 14.5 كم يوم 3.5.2021 قرب البلدة.", "ثم عادت الدورية"]


def test_arabic_indic_decimal() -> None:
    assert len(split_sentences("ارتفع المؤشر ٢٣.٥ نقطة اليوم")) == 1


def test_single_letter_abbreviations() -> None:
    text = "قال د. سامر إن المبنى شيد عام 1975 م. في عهد سابق. وانتهى اللقاء"
    assert sents(text) == ["قال د. سامر إن المبنى شيد عام 1975 م. في عهد سابق.", "وانتهى اللقاء"]


def test_year_suffix_glued_and_latin_abbreviations() -> None:
    text = "وصلت قوات U.S. إلى القاعدة سنة 2019م. وغادرت ص. ب 12 مع Dr. Smith."
    assert sents(text) == [text]


def test_ellipsis() -> None:
    text = "وانتظر الأهالي... ثم بدأ القصف…وتوقف لاحقا"
    assert sents(text) == ["وانتظر الأهالي...", "ثم بدأ القصف…وتوقف لاحقا"]


def test_quote_closing_after_period_stays() -> None:
    text = 'وقال الشاهد: "رأينا الدخان." ثم غادر. «انتهى الأمر.» وبعدها'
    assert sents(text) == ['وقال الشاهد: "رأينا الدخان."', "ثم غادر.", "«انتهى الأمر.»", "وبعدها"]


def test_newlines_always_split_and_empty_lines_dropped() -> None:
    text = "عنوان الخبر\n\nنص الخبر الأول\n...\nسطر"
    assert sents(text) == ["عنوان الخبر", "نص الخبر الأول", "سطر"]


def test_semicolon_splits_unless_causal() -> None:
    text = "قصفت المدفعية القرية؛ وأصيب ثلاثة؛ لأن الملاجئ مغلقة"
    assert sents(text) == ["قصفت المدفعية القرية؛", "وأصيب ثلاثة؛ لأن الملاجئ مغلقة"]


def test_missing_space_after_period_with_arabic() -> None:
    assert sents("انتهى الاجتماع.وبدأ القصف") == ["انتهى الاجتماع.", "وبدأ القصف"]


def test_domain_not_split() -> None:
    assert len(split_sentences("نقل موقع example.com الخبر")) == 1


@pytest.mark.parametrize("text", ["", "   ", "...", "\n\n"])
def test_empty(text: str) -> None:
    assert split_sentences(text) == []


def test_clauses_comma_and_openers() -> None:
    text = "قتل ثلاثة عناصر، وأصيب اثنان بينما فر آخرون في حين وصلت تعزيزات"
    assert clauses(text) == ["قتل ثلاثة عناصر", "وأصيب اثنان", "بينما فر آخرون", "في حين وصلت تعزيزات"]


def test_clauses_fima_kama() -> None:
    text = "استهدفت طائرة سيارة فيما أصيب مدني وكما انفجرت عبوة كما قال الدفاع المدني فيما يتعلق بالقصف"
    assert clauses(text) == [
        "استهدفت طائرة سيارة",
        "فيما أصيب مدني",
        "وكما انفجرت عبوة كما قال الدفاع المدني فيما يتعلق بالقصف",
    ]


def test_clauses_keep_thousands_comma_and_respect_bounds() -> None:
    text = "مقدمة. نزح 1,500 شخص، وعاد 200"
    s, e = split_sentences(text)[1]
    assert [text[a:b] for a, b in split_clauses(text, s, e)] == ["نزح 1,500 شخص", "وعاد 200"]


def test_clause_opener_with_diacritics() -> None:
    assert clauses("اشتعلت النار بَيْنَمَا هرب السكان") == ["اشتعلت النار", "بَيْنَمَا هرب السكان"]


def test_opener_inside_word_not_split() -> None:
    # "كماشة" contains كما but is a different word.
    assert clauses("أطبقت القوات كماشة على البلدة") == ["أطبقت القوات كماشة على البلدة"]
