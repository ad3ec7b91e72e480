from rasid.lexicon.matcher import PhraseMatcher
from rasid.text.normalize import normalize


def _found(matcher: PhraseMatcher, text: str) -> list[tuple[str, object]]:
    return [(text[m.start : m.end], m.payloads[0]) for m in matcher.find(normalize(text))]


def test_clitics_article_and_contraction() -> None:
    m = PhraseMatcher()
    m.add("النظام", "regime")
    assert _found(m, "قصفت قوات للنظام قرية") == [("للنظام", "regime")]
    assert _found(m, "وبالنظام نفسه") == [("النظام", "regime")]
    assert _found(m, "النظاميين") == []


def test_never_inside_a_word() -> None:
    m = PhraseMatcher()
    m.add("حلب", "aleppo")
    assert _found(m, "حلبا وحلب") == [("حلب", "aleppo")]
    assert _found(m, "مطحلب") == []


def test_longest_match_wins_and_fused_spelling() -> None:
    m = PhraseMatcher()
    m.add("دير الزور", "dez")
    m.add("ريف دير الزور الشمالي", "north")
    assert _found(m, "في ريف ديرالزور الشمالي أمس") == [("ريف ديرالزور الشمالي", "north")]


def test_offsets_survive_diacritics_and_tatweel() -> None:
    m = PhraseMatcher()
    m.add("الحرس الثوري", "irgc")
    text = "أرسلَ الحـرسُ الثوريُّ رتلاً"
    (surface, payload), = _found(m, text)
    assert payload == "irgc"
    assert surface == "الحـرسُ الثوريُّ"


def test_optional_article_and_suffix() -> None:
    m = PhraseMatcher()
    m.add("هاون", "mortar", article_optional=True)
    m.add("قوات", "forces", suffixes=True)
    assert _found(m, "قصف بالهاون") == [("الهاون", "mortar")]
    assert _found(m, "سحبت قواتها") == [("قوات", "forces")]
    assert _found(m, "قواتنا") == [("قوات", "forces")]


def test_a_printed_ta_marbuta_is_not_a_pronoun_suffix() -> None:
    m = PhraseMatcher()
    m.add("ألقو", "throw", verbal=True, suffixes=True)
    assert [x.payloads for x in m.find(normalize("ألقوه في النهر"))] == [("throw",)]
    assert m.find(normalize("قسم من القوة")) == []


def test_rule_ta_marbuta_not_pronoun() -> None:
    m = PhraseMatcher()
    m.add("رقة", "raqqa")
    assert m.find(normalize("وصلت فرقه إلى المشفى")) == []  # فرق + ه: its teams
    assert [x.payloads for x in m.find(normalize("وصلوا رقه أمس"))] == [("raqqa",)]  # no proclitic: the name
    assert [x.payloads for x in m.find(normalize("وصلوا إلى برقة"))] == [("raqqa",)]  # printed ة: the name


def test_a_proclitic_on_the_first_word_of_a_phrase_ending_in_ha() -> None:
    m = PhraseMatcher()
    m.add("صاروخ موجه", "guided")
    assert [x.payloads for x in m.find(normalize("دمرت دبابة بصاروخ موجه"))] == [("guided",)]
