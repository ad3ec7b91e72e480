"""Numbers and counted quantities: parse_number, find_quantities, dual_count."""

from __future__ import annotations

import pytest

from rasid.text.normalize import normalize
from rasid.text.numbers import Quantity, dual_count, find_quantities, parse_number, strip_noun


def quantities(text: str) -> list[Quantity]:
    return find_quantities(normalize(text))


def one(text: str) -> Quantity:
    qs = quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("23", 23),
        ("23.5", 23.5),
        ("1,500", 1500),
        ("1٬500", 1500),
        ("٢٣", 23),
        ("٢٣٫٥", 23.5),
        ("واحد", 1),
        ("واحدة", 1),
        ("إحدى", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("ثَلاثَةُ", 3),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("عشر", 10),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("خمسة عشر", 15),
        ("تسع عشرة", 19),
        ("عشرون", 20),
        ("عشرين", 20),
        ("تسعين", 90),
        ("خمسة وعشرين", 25),
        ("خمسة و عشرين", 25),
        ("ثلاث وأربعون", 43),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مائتين", 200),
        ("ثلاثمئة", 300),
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("تسعمائة", 900),
        ("مئة وخمسون", 150),
        ("مئة وخمسة وعشرون", 125),
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ألفان", 2000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("خمسة عشر ألفا", 15000),
        ("مئة ألف", 100000),
        ("ثلاثة آلاف وخمسمئة", 3500),
        ("ألف ومئتان وخمسون", 1250),
        ("مليون", 1e6),
        ("2.5 مليون", 2.5e6),
        ("3 آلاف", 3000),
        ("وخمسة", 5),
        ("بخمسة", 5),
    ],
)
def test_parse_number(words: str, value: float) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    "words",
    ["", "عشرات", "مئات", "عدة", "سيارة", "خمسة وعشرة", "ثلاثة سيارات", "الأحد", "5 سيارات", "آلاف"],
)
def test_parse_number_rejects(words: str) -> None:
    assert parse_number(words) is None


def test_digits_with_noun_and_span() -> None:
    text = "دمرت الغارة 5 سيارات"
    q = one(text)
    assert (q.value, q.low, q.high, q.approximate, q.vague) == (5, 5, 5, False, None)
    assert text[q.start:q.end] == q.text == "5"
    assert q.noun == "سيارات"
    assert text[q.noun_start:q.noun_end] == "سيارات"


def test_word_number_with_plural_noun() -> None:
    q = one("سقط خمسة قتلى في القصف")
    assert q.value == 5 and q.noun == "قتلي"


def test_tamyiz_accusative_is_stripped() -> None:
    text = "وصل أربعون عنصراً إلى النقطة"
    q = one(text)
    assert q.value == 40 and q.noun == "عنصر"
    assert text[q.noun_start:q.noun_end] == "عنصراً"


def test_plural_ending_in_aya_is_kept() -> None:
    assert one("سقط 15 ضحايا").noun == "ضحايا"


def test_vague_with_article_noun() -> None:
    text = "وصل عشرات العناصر إلى البلدة"
    q = one(text)
    assert q.value is None and q.vague == "dozens"
    assert q.noun == "عناصر"
    assert text[q.noun_start:q.noun_end] == "العناصر"


@pytest.mark.parametrize(
    ("text", "label", "noun"),
    [
        ("نزح مئات المدنيين", "hundreds", "مدنيين"),
        ("فر آلاف السكان", "thousands", "سكان"),
        ("استهدفت عدة مواقع", "several", "مواقع"),
        ("أصيب بضعة أشخاص", "few", "اشخاص"),
        ("اعتقل بعض الشبان", "some", "شبان"),
        ("قتل عدد من العناصر", "several", "عناصر"),
        ("جرح عدد كبير من المدنيين", "many", "مدنيين"),
        ("أصيب العديد من الأطفال", "many", "اطفال"),
        ("نزح عشرات الآلاف من السكان", "tens of thousands", "سكان"),
        ("وصل عشرات من المقاتلين", "dozens", "مقاتلين"),
        ("سقط العشرات من الجرحى", "dozens", "جرحي"),
    ],
)
def test_vague_quantities(text: str, label: str, noun: str) -> None:
    q = one(text)
    assert q.vague == label
    assert q.value is None
    assert q.noun == noun


@pytest.mark.parametrize(
    ("text", "low", "high", "approx"),
    [
        ("قتل أكثر من 10 عناصر", 10, None, True),
        ("قتل ما لا يقل عن 5 مدنيين", 5, None, True),
        ("قتل ما يزيد عن عشرين مقاتلا", 20, None, True),
        ("قتل ما يزيد على 30 مقاتلا", 30, None, True),
        ("قتل أقل من 4 عناصر", None, 4, True),
        ("قتل نحو 40 عنصرا", None, None, True),
        ("قتل حوالي 40 عنصرا", None, None, True),
        ("قتل قرابة 40 عنصرا", None, None, True),
        ("قتل زهاء 40 عنصرا", None, None, True),
        ("قتل ما يقارب 40 عنصرا", None, None, True),
        ("قتل قرابة الـ40 عنصرا", None, None, True),
        ("قتل قرابة الـ 40 عنصرا", None, None, True),
        ("قتل 40 عنصرا", 40, 40, False),
        ("قتل 5 عناصر على الأقل", 5, None, True),
        ("قتل 5 على الأقل", 5, None, True),
        ("قتل 40 عنصرا تقريبا", None, None, True),
    ],
)
def test_hedges(text: str, low: float | None, high: float | None, approx: bool) -> None:
    q = one(text)
    assert (q.low, q.high, q.approximate) == (low, high, approx)
    assert q.value in (4, 5, 10, 20, 30, 40)


def test_hedge_span_and_clitic() -> None:
    text = "وصلت تعزيزات بحوالي 12 آلية"
    q = one(text)
    assert q.text == "حوالي 12"
    assert q.value == 12 and q.approximate
    # آلية: the madda alif is a root letter, not an article.
    assert q.noun == "اليه"
    assert text[q.noun_start:q.noun_end] == "آلية"


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("قتل بين 10 و15 مقاتلا", "بين 10 و15", 10, 15),
        ("قتل ما بين 10 و 15 مقاتلا", "ما بين 10 و 15", 10, 15),
        ("قتل 10-15 مقاتلا", "10-15", 10, 15),
        ("قتل 10 - 15 مقاتلا", "10 - 15", 10, 15),
        ("قتل ثلاثة أو أربعة عناصر", "ثلاثة أو أربعة", 3, 4),
        ("قتل من 10 إلى 15 مقاتلا", "10 إلى 15", 10, 15),
        ("قتل بين عشرة وعشرين مقاتلا", "بين عشرة وعشرين", 10, 20),
    ],
)
def test_ranges(text: str, span: str, low: float, high: float) -> None:
    q = one(text)
    assert q.text == span
    assert (q.value, q.low, q.high, q.approximate) == (low, low, high, True)
    assert q.noun is not None and q.noun.startswith("مقاتل") or q.noun == "عناصر"


def test_compound_words_and_clitics() -> None:
    text = "قتل خمسة وعشرون عنصرا وخمسة مدنيين"
    qs = quantities(text)
    assert [(q.value, q.noun, q.text) for q in qs] == [(25, "عنصر", "خمسة وعشرون"), (5, "مدنيين", "خمسة")]


def test_two_numbers_joined_by_and_are_separate() -> None:
    qs = quantities("قتل خمسة عناصر وعشرة مدنيين")
    assert [(q.value, q.noun) for q in qs] == [(5, "عناصر"), (10, "مدنيين")]


def test_arabic_indic_digits_and_diacritics() -> None:
    qs = quantities("قُتِلَ ٢٣ مدنياً وأُصيبَ ١٬٥٠٠ شخصٍ")
    assert [(q.value, q.noun) for q in qs] == [(23, "مدني"), (1500, "شخص")]


def test_thousands_separator_and_decimal() -> None:
    assert [q.value for q in quantities("نزح 1,500 شخص وقطعت القافلة 23.5 كيلومتر")] == [1500, 23.5]


def test_words_with_multiplier() -> None:
    q = one("نزح ثلاثة آلاف شخص")
    assert q.value == 3000 and q.text == "ثلاثة آلاف" and q.noun == "شخص"
    assert one("نزح 3 آلاف شخص").value == 3000


def test_noun_after_min() -> None:
    text = "قتل خمسة من عناصر الفرقة"
    q = one(text)
    assert q.noun == "عناصر"
    assert text[q.noun_start:q.noun_end] == "عناصر"


def test_noun_clitic_left_out_of_span_article_kept() -> None:
    text = "أصيب 3 والمدنيين"
    q = one(text)
    assert text[q.noun_start:q.noun_end] == "المدنيين"
    assert q.noun == "مدنيين"


def test_postposed_one() -> None:
    text = "استهدفت الطائرة مقراً واحداً ثم مقر واحد"
    qs = quantities(text)
    assert [(q.value, q.noun) for q in qs] == [(1, "مقر"), (1, "مقر")]
    assert text[qs[1].noun_start:qs[1].noun_end] == "مقر"
    assert qs[1].noun_end < qs[1].start


def test_postposed_two_gives_singular() -> None:
    q = one("أصيب عنصران اثنان")
    assert q.value == 2 and q.noun == "عنصر"


def test_verb_before_one_is_not_the_noun() -> None:
    q = one("قتل واحد من العناصر")
    assert q.value == 1 and q.noun == "عناصر"


def test_ahad_one_of() -> None:
    q = one("قتل أحد عناصر الحاجز")
    assert q.value == 1 and q.noun == "عناصر"


def test_negated_ahad_is_nobody() -> None:
    assert quantities("لم يصب أحد بأذى") == []


def test_weekdays_are_not_numbers() -> None:
    assert quantities("وقع الهجوم يوم الأحد وتجدد يوم الاثنين") == []


@pytest.mark.parametrize(
    "text",
    [
        "أطلق مدفع عيار 23 ملم",
        "أطلق مدفع 57 مم",
        "رشاش عيار 14.5",
        "رشاش من عيار الـ 12.7",
        "منذ عام 2019",
        "في العام 2015 م",
        "في 2011م",
        "وقع في 12 آذار",
        "وقع في 12 من آذار",
        "في آذار 2021",
        "في تشرين الأول 2020",
        "بتاريخ 15/3/2021",
        "بتاريخ 2021-03-15",
        "بتاريخ 3.5.2021",
        "عند الساعة 10:30",
        "عند الساعة 3 فجرا",
        "ارتفعت الأسعار 50%",
        "ارتفعت 30 بالمئة",
        "ارتفعت 30 في المئة",
        "ارتفعت ٣٠٪",
    ],
)
def test_non_counts_are_left_out(text: str) -> None:
    assert quantities(text) == []


def test_count_of_2000_is_not_a_year() -> None:
    q = one("نزح 2000 شخص")
    assert q.value == 2000 and q.noun == "شخص"


def test_latin_route_names_ignored() -> None:
    assert quantities("على طريق M4") == []


def test_several_quantities_in_order() -> None:
    text = "قتل 3 عناصر وأصيب نحو عشرة آخرين، ودمرت دبابتان و4 عربات"
    qs = quantities(text)
    assert [q.value for q in qs] == [3, 10, 4]
    assert all(text[q.start:q.end] == q.text for q in qs)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("مجموعتين", "مجموعه"),
        ("سيارتان", "سياره"),
        ("عنصرين", "عنصر"),
        ("طفلان", "طفل"),
        ("والعنصرين", "عنصر"),
        ("للسيارتين", "سياره"),
        ("مدنيين", None),
        ("عن", None),
        ("ان", None),
        ("قتلى", None),
    ],
)
def test_dual_count(word: str, stem: str | None) -> None:
    assert dual_count(word) == stem


def test_strip_noun() -> None:
    assert strip_noun("والعناصر") == "عناصر"
    assert strip_noun("للمدنيين") == "مدنيين"
    assert strip_noun("بيوت") == "بيوت"
    assert strip_noun("وحدات") == "وحدات"


def test_verbal_noun_before_two_is_not_the_noun() -> None:
    q = one("قتل شرطي وإصابة اثنين آخرين بجروح")
    assert q.value == 2 and q.noun == "اخرين"


def test_article_cardinal_after_article_noun() -> None:
    text = "أفرج عن العناصر الخمسة"
    q = one(text)
    assert q.value == 5 and q.noun == "عناصر"
    assert text[q.noun_start:q.noun_end] == "العناصر"


def test_article_tens_after_article_noun_is_ordinal() -> None:
    assert quantities("تظاهروا لليوم العشرين على التوالي") == []


@pytest.mark.parametrize(
    "text",
    [
        "انسحبت القوات من محيط اللواء 93 أمس",
        "وصلت إلى مقر الفرقة 17 قرب المدينة",
        "قطعت طريق 5 الدولي",
        "وقع الانفجار قرابة الساعة الواحدة فجرا",
        "قتل في 2011، وحده",
        "قتل في 2011 وحده",
        "في العام الجاري 2018 نفسه",
        "killed 30 smugglers",
    ],
)
def test_names_times_years_and_foreign_text_are_left_out(text: str) -> None:
    assert quantities(text) == []


def test_punctuation_blocks_the_noun() -> None:
    qs = quantities("بلغ عدد القتلى 15، وقد سقط 3. المدينة هادئة")
    assert [(q.value, q.noun) for q in qs] == [(15, None), (3, None)]


def test_rise_is_two_figures_not_a_range() -> None:
    qs = quantities("ارتفع عدد القتلى من 5 إلى 10 أشخاص")
    assert [(q.value, q.low, q.high) for q in qs] == [(5, 5, 5), (10, 10, 10)]


def test_year_like_count_with_noun_is_kept() -> None:
    q = one("احترق في 2000 منزل")
    assert q.value == 2000 and q.noun == "منزل"


# One sentence where each named quantity rule fires and one where it must not: the rule's
# name is in the trace of the first and absent from the second.
_RULE_CASES = {
    "numbers.hedge": ("قتل نحو 40 عنصرا", "قتل 40 عنصرا"),
    "numbers.vague": ("أصيب عشرات المدنيين", "أصيب المدنيون"),
    "numbers.range": ("قتل بين 10 و15 عنصرا", "قتل 10 عناصر و15 مدنيا"),
    "numbers.calibre": ("مدفع عيار 23 ملم", "قتل 23 عنصرا"),
    "numbers.percent": ("ارتفعت الأسعار 30 بالمئة", "قتل 30 عنصرا"),
    "numbers.year": ("في عام 2019 قتل", "وصل 2019 مقاتلا"),
    "numbers.day_of_month": ("قتل في 12 آذار", "قتل 12 عنصرا"),
    "numbers.foreign": ("the 5 men", "قتل 5 رجال"),
    "numbers.name": ("قصف اللواء 93", "قتل 93 عنصرا"),
    "numbers.clock_time": ("بدأ القصف الساعة 3", "قتل 3 عناصر"),
    "numbers.after_hedge": ("قتل 5 على الأقل", "قتل 5 عناصر"),
    "numbers.noun_before": ("دمر مقر واحد", "قتل واحد من العناصر"),
    "numbers.noun_after": ("دمرت 5 سيارات", "دمرت 5، وأصيب آخرون"),
    "numbers.bare_year": ("سيطرت القوات على البلدة في 2019.", "قتل 2019 شخصا"),
    "numbers.absurd": ("قتل " + "9" * 26 + " شخصا", "قتل 9 أشخاص"),
}


def _fired(text: str) -> set[str]:
    from rasid import rules

    with rules.tracing() as firings:
        find_quantities(normalize(text))
    return {f.rule for f in firings}


@pytest.mark.parametrize("rule", sorted(_RULE_CASES))
def test_each_quantity_rule_fires_and_holds_back(rule: str) -> None:
    fires, holds = _RULE_CASES[rule]
    assert rule in _fired(fires)
    assert rule not in _fired(holds)


def test_every_registered_quantity_rule_has_cases() -> None:
    from rasid import rules

    assert {r.name for r in rules.registered("numbers")} == set(_RULE_CASES)


def test_absurd_numbers_are_kept_as_text_never_as_values() -> None:
    for digits in ("9" * 26, "9" * 309):
        [q] = find_quantities(normalize(f"قتل {digits} شخصا"))
        assert q.absurd and q.value is None and q.low is None and q.high is None
        assert q.text == digits and q.noun_start is not None
    assert parse_number("9" * 309) is None
    [q] = find_quantities(normalize("قتل 30 شخصا"))
    assert not q.absurd and q.value == 30


def test_switched_off_rule_changes_the_reading() -> None:
    from rasid import rules

    with rules.disabled(["numbers.calibre"]):
        assert [q.value for q in find_quantities(normalize("مدفع عيار 23 ملم"))] == [23]
    assert find_quantities(normalize("مدفع عيار 23 ملم")) == []
