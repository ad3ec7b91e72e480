"""Sentence and clause splitting: spans into the original text, Arabic punctuation rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.text.dates import find_dates
from rasid.text.normalize import normalize
from rasid.text.numbers import find_quantities, parse_number
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


def test_short_aside_between_commas_stays_in_its_clause() -> None:
    text = "قصفت الطائرات، صباح أمس، مقرا للجيش، وأصيب جنديان، الأحد، في الهجوم"
    assert clauses(text) == ["قصفت الطائرات، صباح أمس، مقرا للجيش", "وأصيب جنديان، الأحد، في الهجوم"]


def test_clauses_split_at_causal_semicolon() -> None:
    assert clauses("أغلقت الطرق؛ لأن القصف مستمر") == ["أغلقت الطرق", "لأن القصف مستمر"]


def test_clause_opener_with_diacritics() -> None:
    assert clauses("اشتعلت النار بَيْنَمَا هرب السكان") == ["اشتعلت النار", "بَيْنَمَا هرب السكان"]


def test_opener_inside_word_not_split() -> None:
    # "كماشة" contains كما but is a different word.
    assert clauses("أطبقت القوات كماشة على البلدة") == ["أطبقت القوات كماشة على البلدة"]


# --- property check over the whole text layer (sentences, numbers, dates) ---
_PIECES = [
    "قتل", "أمس", "الثلاثاء", "الماضي", "عشرات", "العناصر", "نحو", "أكثر من", "ما لا يقل عن", "بين", "و",
    "خمسة", "وعشرين", "مئة", "آلاف", "واحد", "مقر", "عيار", "ملم", "عام", "2021", "12", "٢٣", "3.5", "1,500",
    "آذار", "كانون الثاني", "منذ", "يومين", "فجر", "اليوم", "ليلة", "السبت", "15/3/2021", "2021-03-15", "%",
    ".", "،", "؛", "؟", "!", "...", "\n", " ", "«", "»", '"', "-", "د.", "م.", "U.S.", "َ", "ـ", "بحوالي",
    "الساعة", "10:30", "بالمئة", "من", "إلى", "على الأقل", "قرابة الـ", "40", "عنصرا", "آلية", "اللواء", "غدا",
]

texts = st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join) | st.text(max_size=80)


def _valid(span: tuple[int, int], n: int) -> bool:
    return 0 <= span[0] <= span[1] <= n


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples every CI run
@given(texts, st.sampled_from([None, dt.date(2021, 3, 17), dt.date(2020, 1, 1)]))
def test_never_raises_and_spans_are_valid(text: str, published: dt.date | None) -> None:
    n = len(text)
    sents = split_sentences(text)
    for s, e in sents:
        assert _valid((s, e), n) and e > s
        for cs, ce in split_clauses(text, s, e):
            assert s <= cs < ce <= e
    assert all(a[1] <= b[0] for a, b in zip(sents, sents[1:], strict=False))
    nt = normalize(text)
    for q in find_quantities(nt):
        assert _valid((q.start, q.end), n) and q.text == text[q.start:q.end]
        if q.noun_start is not None:
            assert _valid((q.noun_start, q.noun_end), n)
        assert q.absurd or (q.value is None) != (q.vague is None)  # an absurd number is kept as text only
    for d in find_dates(nt, published):
        assert _valid((d.start, d.end), n) and d.text == text[d.start:d.end]
        assert d.precision in (1, 2, 3)
    parse_number(text)


def test_sentence_rules_fire_and_switch_off() -> None:
    from rasid import rules

    causal = "قصفت القوات البلدة؛ لأن المسلحين تحصنوا فيها."
    assert len(split_sentences(causal)) == 1
    assert len(split_sentences("قصفت القوات البلدة؛ وانسحب المسلحون.")) == 2
    with rules.disabled(["sentences.causal_semicolon"]):
        assert len(split_sentences(causal)) == 2
    clause = "قتل ثلاثة عناصر فيما أصيب خمسة"
    assert len(split_clauses(clause, 0, len(clause))) == 2
    kept = "قتل ثلاثة عناصر كما قال المرصد"
    assert len(split_clauses(kept, 0, len(kept))) == 1
    with rules.disabled(["sentences.clause_opener"]):
        assert len(split_clauses(clause, 0, len(clause))) == 1
