"""Date expressions: explicit, numeric, month/year and relative to the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from rasid.text.dates import DateExpr, find_dates
from rasid.text.normalize import normalize

# A Wednesday.
PUB = dt.date(2021, 3, 17)


def dates(text: str, published: dt.date | None = PUB) -> list[DateExpr]:
    return find_dates(normalize(text), published)


def one(text: str, published: dt.date | None = PUB) -> DateExpr:
    ds = dates(text, published)
    assert len(ds) == 1, ds
    d = ds[0]
    assert text[d.start:d.end] == d.text
    return d


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("قصفت المدفعية البلدة في 12 آذار 2021", "12 آذار 2021", dt.date(2021, 3, 12)),
        ("قصفت المدفعية البلدة في 12 مارس/آذار 2021", "12 مارس/آذار 2021", dt.date(2021, 3, 12)),
        ("قصفت المدفعية البلدة في 12 آذار (مارس) 2021", "12 آذار (مارس) 2021", dt.date(2021, 3, 12)),
        ("قصفت المدفعية البلدة يوم 3 كانون الثاني 2020", "يوم 3 كانون الثاني 2020", dt.date(2020, 1, 3)),
        ("وقع الانفجار في ٢٥ تشرين الأول ٢٠١٩", "٢٥ تشرين الأول ٢٠١٩", dt.date(2019, 10, 25)),
        ("وقع الانفجار في 5 أغسطس 2020م", "5 أغسطس 2020م", dt.date(2020, 8, 5)),
        ("وقع الانفجار في 5 يوليه من عام 2020", "5 يوليه من عام 2020", dt.date(2020, 7, 5)),
        ("وقع الانفجار في 7 جويلية 2020", "7 جويلية 2020", dt.date(2020, 7, 7)),
        ("وقع الانفجار في 9 جانفي 2020", "9 جانفي 2020", dt.date(2020, 1, 9)),
        ("وقع الانفجار في 9 من شهر شباط 2020", "9 من شهر شباط 2020", dt.date(2020, 2, 9)),
        ("وقعت المعركة في الحادي والعشرين من أيلول 2018", "الحادي والعشرين من أيلول 2018", dt.date(2018, 9, 21)),
    ],
)
def test_explicit_dates(text: str, span: str, date: dt.date) -> None:
    d = one(text)
    assert (d.text, d.date, d.precision, d.relative) == (span, date, 1, False)


def test_explicit_without_year_takes_published_year() -> None:
    d = one("وقعت الغارة في الثاني عشر من شباط")
    assert d.date == dt.date(2021, 2, 12) and d.precision == 1 and not d.relative


def test_explicit_without_year_after_published_is_last_year() -> None:
    assert one("وقعت الغارة في 20 كانون الأول").date == dt.date(2020, 12, 20)
    assert one("وقعت الغارة في 18 آذار").date == dt.date(2020, 3, 18)
    assert one("وقعت الغارة في 17 آذار").date == PUB


def test_explicit_without_year_and_no_published() -> None:
    d = one("وقعت الغارة في الأول من أيار", None)
    assert d.date is None and d.text == "الأول من أيار"


def test_explicit_with_part_of_day() -> None:
    d = one("استهدفت الطائرة الموقع فجر 3 آذار")
    assert d.part_of_day == "dawn" and d.date == dt.date(2021, 3, 3) and d.text == "فجر 3 آذار"


def test_invalid_day_falls_back_to_month() -> None:
    d = one("في 31 شباط 2021")
    assert (d.text, d.date, d.precision) == ("شباط 2021", dt.date(2021, 2, 1), 3)


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("بتاريخ 15/3/2021 وقع", "15/3/2021", dt.date(2021, 3, 15)),
        ("بتاريخ 15-3-2021 وقع", "15-3-2021", dt.date(2021, 3, 15)),
        ("بتاريخ 2021-03-15 وقع", "2021-03-15", dt.date(2021, 3, 15)),
        ("بتاريخ 2021/3/5 وقع", "2021/3/5", dt.date(2021, 3, 5)),
        ("بتاريخ 3.5.2021 وقع", "3.5.2021", dt.date(2021, 5, 3)),
        ("بتاريخ ١٥/٣/٢٠٢١ وقع", "١٥/٣/٢٠٢١", dt.date(2021, 3, 15)),
        ("بتاريخ 3/31/2021 وقع", "3/31/2021", dt.date(2021, 3, 31)),
        ("بتاريخ 15/3/21 وقع", "15/3/21", dt.date(2021, 3, 15)),
        ("و15/3/2021", "15/3/2021", dt.date(2021, 3, 15)),
    ],
)
def test_numeric_dates(text: str, span: str, date: dt.date) -> None:
    d = one(text)
    assert (d.text, d.date, d.precision, d.relative) == (span, date, 1, False)


@pytest.mark.parametrize("text", ["بتاريخ 40/40/2021", "سعر 23.5", "الطريق 10-15 كم", "زار الأب الكنيسة"])
def test_not_dates(text: str) -> None:
    assert dates(text) == []


def test_month_year_precision_3() -> None:
    d = one("نزح السكان في آذار 2021")
    assert (d.text, d.date, d.precision) == ("آذار 2021", dt.date(2021, 3, 1), 3)
    d = one("نزح السكان في شهر حزيران من العام 2019")
    assert (d.date, d.precision) == (dt.date(2019, 6, 1), 3)


def test_month_only() -> None:
    d = one("نزح السكان في شهر آب")
    assert (d.text, d.date, d.precision, d.relative) == ("شهر آب", dt.date(2020, 8, 1), 3, False)
    assert one("نزح السكان في شباط").date == dt.date(2021, 2, 1)
    assert one("نزح السكان في آذار الماضي").date == dt.date(2020, 3, 1)
    assert one("نزح السكان خلال نيسان المقبل").date == dt.date(2021, 4, 1)


def test_year_only() -> None:
    d = one("سيطر التنظيم على المدينة عام 2014")
    assert (d.text, d.date, d.precision, d.relative) == ("عام 2014", dt.date(2014, 1, 1), 3, False)


@pytest.mark.parametrize(
    ("text", "span", "date", "part"),
    [
        ("قصفت الطائرات البلدة اليوم", "اليوم", PUB, None),
        ("قصفت الطائرات البلدة أمس", "أمس", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة وأمس", "أمس", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة أَمْسِ", "أَمْسِ", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة بالأمس", "الأمس", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة البارحة", "البارحة", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة يوم أمس", "يوم أمس", dt.date(2021, 3, 16), None),
        ("قصفت الطائرات البلدة أول أمس", "أول أمس", dt.date(2021, 3, 15), None),
        ("قصفت الطائرات البلدة أول من أمس", "أول من أمس", dt.date(2021, 3, 15), None),
        ("قصفت الطائرات البلدة فجر اليوم", "فجر اليوم", PUB, "dawn"),
        ("قصفت الطائرات البلدة صباح اليوم", "صباح اليوم", PUB, "morning"),
        ("قصفت الطائرات البلدة مساء أمس", "مساء أمس", dt.date(2021, 3, 16), "evening"),
        ("قصفت الطائرات البلدة ليلة أمس", "ليلة أمس", dt.date(2021, 3, 16), "night"),
        ("قصفت الطائرات البلدة الليلة الماضية", "الليلة الماضية", dt.date(2021, 3, 16), "night"),
    ],
)
def test_relative_days(text: str, span: str, date: dt.date, part: str | None) -> None:
    d = one(text)
    assert (d.text, d.date, d.precision, d.relative, d.part_of_day) == (span, date, 1, True, part)


def test_next_day_is_not_today() -> None:
    assert dates("وفي اليوم التالي انسحبت القوات") == []


@pytest.mark.parametrize(
    ("text", "span", "date", "part"),
    [
        ("هاجم مسلحون الحاجز يوم الثلاثاء", "يوم الثلاثاء", dt.date(2021, 3, 16), None),
        ("هاجم مسلحون الحاجز الثلاثاء الماضي", "الثلاثاء الماضي", dt.date(2021, 3, 16), None),
        ("هاجم مسلحون الحاجز يوم الأربعاء", "يوم الأربعاء", PUB, None),
        ("هاجم مسلحون الحاجز الأربعاء الماضي", "الأربعاء الماضي", dt.date(2021, 3, 10), None),
        ("هاجم مسلحون الحاجز، الخميس، وانسحبوا", "الخميس", dt.date(2021, 3, 11), None),
        ("هاجم مسلحون الحاجز ليلة السبت", "ليلة السبت", dt.date(2021, 3, 13), "night"),
        ("هاجم مسلحون الحاجز ليل الجمعة السبت", "ليل الجمعة السبت", dt.date(2021, 3, 13), "night"),
        ("هاجم مسلحون الحاجز فجر الإثنين", "فجر الإثنين", dt.date(2021, 3, 15), "dawn"),
        ("هاجم مسلحون الحاجز والأحد", "الأحد", dt.date(2021, 3, 14), None),
    ],
)
def test_weekdays(text: str, span: str, date: dt.date, part: str | None) -> None:
    d = one(text)
    assert (d.text, d.date, d.precision, d.relative, d.part_of_day) == (span, date, 1, True, part)


def test_friday_prayer_is_not_a_date() -> None:
    assert dates("خرج المصلون بعد صلاة الجمعة") == []


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("تصاعد القصف الأسبوع الماضي", dt.date(2021, 3, 10), 2),
        ("تصاعد القصف خلال الأسبوع الجاري", PUB, 2),
        ("تصاعد القصف الشهر الماضي", dt.date(2021, 2, 1), 3),
        ("تصاعد القصف العام الماضي", dt.date(2020, 1, 1), 3),
        ("قتل منذ يومين", dt.date(2021, 3, 15), 1),
        ("قتل قبل يومين", dt.date(2021, 3, 15), 1),
        ("قتل قبل يوم", dt.date(2021, 3, 16), 1),
        ("قتل منذ ثلاثة أيام", dt.date(2021, 3, 14), 2),
        ("قتل منذ 5 أيام", dt.date(2021, 3, 12), 2),
        ("قتل منذ أيام", dt.date(2021, 3, 14), 2),
        ("قتل منذ أسبوع", dt.date(2021, 3, 10), 2),
        ("قتل منذ أسبوعين", dt.date(2021, 3, 3), 2),
        ("قتل قبل شهرين", dt.date(2021, 1, 16), 3),
        ("قتل خلال الساعات الماضية", PUB, 1),
        ("قتل خلال الساعات القليلة الماضية", PUB, 1),
        ("قتل خلال الـ24 ساعة الماضية", PUB, 1),
        ("قتل منذ ساعات", PUB, 1),
    ],
)
def test_relative_periods(text: str, date: dt.date, precision: int) -> None:
    d = one(text)
    assert (d.date, d.precision, d.relative) == (date, precision, True)


def test_last_month_across_new_year() -> None:
    assert one("تصاعد القصف الشهر الماضي", dt.date(2021, 1, 5)).date == dt.date(2020, 12, 1)


def test_relative_without_published_still_returned() -> None:
    ds = dates("قصفت الطائرات مساء أمس ثم يوم الثلاثاء بعد غارة في 5 آذار 2020", None)
    assert [(d.text, d.date) for d in ds] == [
        ("مساء أمس", None),
        ("يوم الثلاثاء", None),
        ("5 آذار 2020", dt.date(2020, 3, 5)),
    ]
    assert [d.relative for d in ds] == [True, True, False]


def test_day_of_current_month() -> None:
    d = one("وقع الهجوم في 5 من الشهر الجاري")
    assert d.date == dt.date(2021, 3, 5) and d.precision == 1
    assert one("وقع الهجوم في 25 من الشهر الماضي").date == dt.date(2021, 2, 25)


def test_several_dates_in_order_no_overlap() -> None:
    text = "قتل أمس شاب، وفي 12 آذار 2021 قصفت الطائرات، وفجر اليوم اعتقل آخر"
    ds = dates(text)
    assert [d.text for d in ds] == ["أمس", "12 آذار 2021", "فجر اليوم"]
    assert all(a.end <= b.start for a, b in zip(ds, ds[1:], strict=False))


def test_chained_expressions_merge_into_one() -> None:
    text = "قصفت الطائرات البلدة اليوم، الثلاثاء، 16 من آذار، ثم انسحبت"
    d = one(text)
    assert d.text == "اليوم، الثلاثاء، 16 من آذار"
    # The explicit part wins over a publication date that is a day off.
    assert d.date == dt.date(2021, 3, 16) and d.precision == 1 and not d.relative


def test_chain_gives_a_date_without_published() -> None:
    d = one("قصفت الطائرات البلدة أمس الأحد 14 آذار 2021", None)
    assert d.date == dt.date(2021, 3, 14)
    assert one("قصفت الطائرات البلدة فجر أمس الأحد", None).part_of_day == "dawn"


def test_month_with_current_year_words() -> None:
    d = one("قتل في 22 من أيار الفائت من العام الجاري 2018")
    assert d.date == dt.date(2018, 5, 22)
    d = one("قتل في 22 من أيار من العام الماضي")
    assert (d.date, d.relative) == (dt.date(2020, 5, 22), True)
    d = one("نزحوا في حزيران من العام الماضي")
    assert (d.date, d.precision) == (dt.date(2020, 6, 1), 3)


def test_last_night_variants() -> None:
    d = one("جرى الهجوم خلال الليلة الفائتة")
    assert (d.date, d.part_of_day) == (dt.date(2021, 3, 16), "night")


def test_since_yesterday_prefers_yesterday() -> None:
    d = one("اندلعت الاشتباكات منذ يوم أمس")
    assert d.text == "يوم أمس" and d.date == dt.date(2021, 3, 16)


@pytest.mark.parametrize(
    ("text", "span", "year"),
    [
        ("نزح السكان منذ 2011 ولم يعودوا", "2011", 2011),
        ("نزح السكان في 2019، ثم عادوا", "2019", 2019),
        ("بدأ البناء في 2012م", "2012م", 2012),
    ],
)
def test_bare_years_after_time_prepositions(text: str, span: str, year: int) -> None:
    d = one(text)
    assert (d.text, d.date, d.precision, d.relative) == (span, dt.date(year, 1, 1), 3, False)


def test_bare_year_refused_before_a_counted_noun() -> None:
    assert dates("احترق في 2000 منزل") == []


def test_day_before_yesterday_levantine_and_recent_days() -> None:
    assert one("وقع الهجوم أمس الأول").date == dt.date(2021, 3, 15)
    d = one("تكررت الهجمات خلال الأيام الماضية")
    assert (d.text, d.date, d.precision) == ("الأيام الماضية", PUB, 2)


def test_iso_date_in_text_beats_the_bare_year() -> None:
    (d,) = find_dates(normalize("وقعت الاشتباكات في 2021-05-03 قرب المدينة"), dt.date(2021, 6, 1))
    assert (d.date, d.precision) == (dt.date(2021, 5, 3), 1)


# One sentence where each named date rule fires and one where it must not.
_RULE_CASES = {
    "explicit": ("وقع الهجوم في 12 آذار 2021", "قتل 12 عنصرا في الهجوم"),
    "hijri": ("وقع الهجوم في 12 رمضان 1445 هـ", "زار رمضان القرية"),
    "day_of_month": ("في العاشر من الشهر الجاري", "خلال الشهر الجاري"),
    "month_year": ("في آذار 2021 قصفت القوات", "في آذار قصفت القوات"),
    "month_only": ("خلال شهر نيسان الماضي", "قال الأب إن ابنه قتل"),
    "relative_day": ("قصفت القوات القرية مساء أمس", "في اليوم التالي عادوا"),
    "weekday": ("قصفت القوات القرية يوم الخميس", "بعد صلاة الجمعة خرجوا"),
    "period": ("خلال الأسبوع الماضي قتل خمسة", "في الأسبوع قتل خمسة"),
    "ago": ("اعتقلته القوات منذ يومين", "اعتقلته القوات منذ البداية"),
    "hours": ("خلال الساعات الماضية قصف الطيران", "بعد ساعات من القصف"),
    "year_only": ("في عام 2019 سيطرت القوات", "قتل 2019 شخصا"),
    "days_past": ("خلال الأيام الماضية قتل عشرة", "في الأيام الأولى"),
    "bare_year": ("تسيطر القوات على البلدة منذ 2011.", "في 2000 منزل"),
    "numeric": ("في 15/3/2021 قصفت القوات", "عيار 14.5 ملم"),
}


@pytest.mark.parametrize("rule", sorted(_RULE_CASES))
def test_each_date_rule_fires_and_holds_back(rule: str) -> None:
    fires, holds = _RULE_CASES[rule]
    published = dt.date(2024, 3, 21)
    assert f"dates.{rule}" in {d.rule for d in find_dates(normalize(fires), published)}
    assert f"dates.{rule}" not in {d.rule for d in find_dates(normalize(holds), published)}


def test_every_registered_date_rule_has_cases() -> None:
    from rasid import rules

    assert {r.name for r in rules.registered("dates")} == {f"dates.{name}" for name in _RULE_CASES}


def test_hijri_date_is_converted_to_gregorian() -> None:
    [d] = find_dates(normalize("وقع الهجوم في 12 رمضان 1445 هـ"), dt.date(2024, 3, 25))
    assert d.date == dt.date(2024, 3, 22) and d.precision == 1 and d.text == "12 رمضان 1445 هـ"
    [d] = find_dates(normalize("وقع الهجوم في الخامس من شوال"), dt.date(2024, 4, 20))
    assert d.date == dt.date(2024, 4, 14)  # the Hijri year of publication, 1445


def test_a_switched_off_date_rule_reads_nothing() -> None:
    from rasid import rules

    with rules.disabled(["dates.relative_day"]):
        assert find_dates(normalize("قصفت القوات القرية مساء أمس"), dt.date(2024, 3, 21)) == []
