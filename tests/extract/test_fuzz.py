"""Fuzzing `extract_report`: whatever the text, the only exception allowed is `InputError`.

Texts are built from pieces that reach deep into the pipeline: Arabic words that trigger
events, name actors, places, weapons and dates; numbers of every size in three digit
systems (a toll of 10**400 must not crash the number reader); presentation forms, marks,
controls, lone surrogates and any other character. CI runs `RASID_FUZZ_EXAMPLES` examples
(default 150); run `RASID_FUZZ_EXAMPLES=10000 pytest tests/extract/test_fuzz.py` for a long hunt.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.errors import InputError
from rasid.extract.pipeline import extract_report

EXAMPLES = int(os.environ.get("RASID_FUZZ_EXAMPLES", "150"))

# Words chosen to wake each component: triggers, actors, places, weapons, casualty and date words.
WORDS = (
    "قصف", "قتل", "مقتل", "إصابة", "اشتباكات", "استهدف", "تعزيزات", "انسحاب", "غارة", "مسيرة",
    "قوات", "النظام", "الحرس", "الثوري", "تنظيم", "الدولة", "حزب", "الله", "الجيش", "ميليشيا",
    "حلب", "دير", "الزور", "الميادين", "تدمر", "الموصل", "حمص", "ريف", "بلدة", "قرية", "مدينة",
    "دبابات", "صواريخ", "عنصر", "مدنيين", "أطفال", "شخصا", "آلاف", "مئات", "عشرات",
    "أمس", "اليوم", "الاثنين", "كانون", "الثاني", "شباط", "آذار", "2021", "في", "من", "إلى", "على",
    "و", "ب", "ل", "ال", "،", ".", "؟", "!", "-", ":", "«", "»", "(", ")",
)  # fmt: skip
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
ANY = st.characters(codec=None)
_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@st.composite
def numbers(draw: st.DrawFn) -> str:
    value = draw(st.one_of(st.integers(0, 1000), st.integers(0, 10**30), st.integers(0, 10**400)))
    text = str(value)
    system = draw(st.sampled_from((None, _DIGITS, _PERSIAN)))
    return text.translate(system) if system else text


PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    numbers(),
    st.text(ARABIC, min_size=1, max_size=8),
    st.text(PRESENTATION, min_size=1, max_size=6),
    st.text(st.one_of(ARABIC, SURROGATES), min_size=1, max_size=4),
    st.text(ANY, min_size=1, max_size=6),
    st.sampled_from((" ", "\n", "\t", "\u200f", "\u0640", "\u064b", "\ufeff", "\r\n", "  ")),
)
TEXTS = st.lists(PIECES, min_size=0, max_size=60).map(lambda parts: " ".join(parts))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 1000,  # CI: the same examples every run; long hunts: new ones
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=TEXTS, published=st.one_of(st.none(), st.sampled_from(("2021-05-03", "x", ""))))
def test_extract_report_raises_only_input_error(text: str, published: str | None) -> None:
    try:
        extraction = extract_report(text, published=published)
    except InputError:
        return
    for mention in extraction.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
