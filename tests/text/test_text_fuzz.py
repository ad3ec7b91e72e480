"""Property checks: the text layer never raises and always returns valid original spans."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.text.dates import find_dates
from rasid.text.normalize import normalize
from rasid.text.numbers import find_quantities, parse_number
from rasid.text.sentences import split_clauses, split_sentences

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


@settings(max_examples=300, deadline=None)
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
        assert (q.value is None) != (q.vague is None)
    for d in find_dates(nt, published):
        assert _valid((d.start, d.end), n) and d.text == text[d.start:d.end]
        assert d.precision in (1, 2, 3)
    parse_number(text)
