"""Dates in Arabic reports, resolved against the publication date.

Reports rarely give a full date; they say "فجر اليوم", "مساء أمس", "يوم الثلاثاء"
or "12 آذار". `find_dates` finds explicit and relative expressions on the normalised
text and resolves them against `published`, with ACLED's time_precision:
1 = the day is known, 2 = a week or a few days, 3 = only the month (or year).

Conventions (chosen so the output is predictable; the event layer can refine):

* month precision → the 1st of the month; "عام 2019" / "العام الماضي" → 1 January,
  precision 3 (ACLED has no coarser precision);
* an explicit date without a year takes the year of `published`, or the previous
  year if that would fall after `published`; with `published` None its date is None;
* a weekday (يوم الثلاثاء، الخميس، فجر السبت) is the most recent such day on or
  before `published`; "الماضي" after it forces a strictly earlier day, "المقبل" a
  later one;
* "ليلة السبت" resolves to Saturday itself (part_of_day "night"), not Friday the eve:
  the brief rule "most recent weekday on or before published" applies unchanged and
  night attacks reported that way mostly run past midnight; "ليلة أمس" / "الليلة
  الماضية" → yesterday;
* "منذ/قبل يوم|يومين" → published − n (precision 1); "منذ ثلاثة أيام" and more, or
  "منذ أيام" (taken as 3) → precision 2; weeks → precision 2; months → precision 3;
  "خلال الساعات الماضية" / "منذ ساعات" → published, precision 1;
* "الأسبوع الماضي" → published − 7, precision 2; "الشهر الماضي" → 1st of the
  previous month, precision 3;
* relative expressions (everything needing `published` except yearless explicit
  dates) have ``relative=True``; with `published` None their date is None.

Spans are original string indices and leave out a leading clitic (وأمس → أمس).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasid.text.normalize import NormText

__all__ = ["DateExpr", "find_dates", "MONTHS", "MONTH_WORDS", "WEEKDAYS"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression: original span, resolved date, ACLED precision, part of day."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    relative: bool
    part_of_day: str | None


# Normalised month names (ة→ه، أإآ→ا، ى→ي): Levantine/Iraqi, Egyptian/Gulf, Maghreb.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10, "تشرين الثاني": 11,
    "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
# Single tokens that name a month (for callers that look at one word, e.g. numbers.py).
MONTH_WORDS: frozenset[str] = frozenset(w for name in MONTHS for w in name.split() if w not in ("الاول", "الثاني", "اول", "ثاني"))
# Python weekday(): Monday = 0.
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
_PARTS: dict[str, str] = {
    "فجر": "dawn", "صبيحه": "morning", "صباح": "morning", "ظهر": "noon", "ظهيره": "noon", "عصر": "afternoon",
    "مساء": "evening", "ليل": "night", "ليله": "night", "منتصف ليل": "night", "منتصف ليله": "night",
}
_ORDINALS: dict[str, int] = {}
_ORD_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
for _i, _w in enumerate(_ORD_UNITS, start=1):
    _ORDINALS[_w] = _i
    _unit = "الحادي" if _i == 1 else _w
    _ORDINALS[_unit + " عشر"] = 10 + _i
    _ORDINALS[_unit + " والعشرين"] = 20 + _i
_ORDINALS.update({"العاشر": 10, "العشرين": 20, "الثلاثين": 30, "الحادي والثلاثين": 31, "اول": 1})
_SMALL_COUNTS = {
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_C = r"(?:وب|ول|فب|و|ف|ب|ل)?"
_MONTH = _alt(MONTHS)
_PART = _alt(_PARTS)
_ORD = _alt(_ORDINALS)
_WD = _alt(WEEKDAYS)
_PAST = r"الماضي|المنصرم|الفائت|السابق|الماضيه|المنصرمه|الفائته|السابقه"
_CURRENT = r"الجاري|الحالي|الجاريه|الحاليه"
_FUTURE = r"المقبل|القادم|المقبله|القادمه"
_YEAR = (
    r"(?:(?:من )?(?:عام|العام|سنه|لعام)(?: (?:الجاري|الحالي))? )?(?P<year>[12][0-9]{3})(?:م|(?: م(?!\S)))?"
    rf"|من (?:العام|السنه) (?P<yrel>{_PAST}|{_CURRENT})"
)
_MONTH_REL = rf"(?: (?:{_PAST}|{_CURRENT}))?"

_EXPLICIT = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:(?P<part>{_PART}) )?(?:يوم )?(?P<day>[0-9]{{1,2}}|{_ORD})(?: من)?(?: شهر)? "
    rf"(?P<month>{_MONTH})(?: (?:{_MONTH}))?{_MONTH_REL}(?: (?:{_YEAR}))?)(?!\S)"
)
_DAY_OF_MONTH = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:(?P<part>{_PART}) )?(?:يوم )?(?P<day>[0-9]{{1,2}}|{_ORD}) من (?:هذا )?الشهر"
    rf"(?: (?P<rel>{_PAST}|{_CURRENT}))?)(?!\S)"
)
_MONTH_YEAR = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:شهر )?(?P<month>{_MONTH})(?: (?:{_MONTH}))?{_MONTH_REL} (?:{_YEAR}))(?!\S)"
)
_SAFE_MONTH = _alt(m for m in MONTHS if m not in ("اب", "ماي"))
_MONTH_ONLY = re.compile(
    rf"(?<!\S)(?:{_C}(?P<d1>شهر (?P<m1>{_MONTH})(?: (?:{_MONTH}))?(?: (?P<r1>{_PAST}|{_CURRENT}|{_FUTURE}))?)"
    rf"|(?:في|خلال|منذ|حتي|مطلع|اوائل|اواخر|منتصف|بدايه|نهايه|اواسط) (?P<d2>(?P<m2>{_SAFE_MONTH})"
    rf"(?: (?:{_MONTH}))?(?: (?P<r2>{_PAST}|{_CURRENT}|{_FUTURE}))?)"
    rf"|{_C}(?P<d3>(?P<m3>{_SAFE_MONTH}) (?P<r3>{_PAST}|{_FUTURE})))(?!\S)"
)
_RELATIVE_DAY = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:(?P<part>{_PART}) )?(?:يوم )?(?P<rel>اليوم|امس|الامس|البارحه|اول امس|اول من امس"
    rf"|غدا|الليله (?:{_PAST})|الليله|ليله امس|امس الاول))(?!\S)(?! (?:التالي|الاول|الثاني|الثالث|الذي|نفسه|ذاته|السابق|الاخير|العالمي|الوطني))"
)
_WEEKDAY = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:(?P<part>{_PART}) )?(?:يوم )?(?P<wd>{_WD})(?: (?P<wd2>{_WD}))?"
    rf"(?: (?P<rel>{_PAST}|{_FUTURE}))?)(?!\S)"
)
_PERIOD = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:(?P<unit>الاسبوع|الشهر|العام|السنه) (?P<rel>{_PAST}|{_CURRENT}))"
    rf"|هذا (?P<unit2>الاسبوع|الشهر|العام))(?!\S)"
)
_AGO = re.compile(
    rf"(?<!\S){_C}(?P<d>(?:منذ|قبل) (?:(?P<num>[0-9]{{1,3}}|{_alt(_SMALL_COUNTS)}) )?"
    rf"(?P<unit>يوم|يوما|يومين|يومان|ايام|اسبوع|اسبوعا|اسبوعين|اسابيع|شهر|شهرا|شهرين|اشهر|شهور|ساعه|ساعات|ساعتين))(?!\S)(?! (?:امس|الامس))"
)
_HOURS = re.compile(
    rf"(?<!\S){_C}(?:خلال|في|منذ|طيله|طوال) (?P<d>(?:ال ?)?(?:[0-9]{{1,2}} )?(?:الساعات|ساعه)(?: القليله)? "
    rf"(?:{_PAST}|الاخيره))(?!\S)"
)
_YEAR_ONLY = re.compile(rf"(?<!\S){_C}(?P<d>(?:عام|العام|سنه|السنه) (?P<year>[12][0-9]{{3}})(?:م)?)(?!\S)")
_DAYS_PAST = re.compile(
    rf"(?<!\S){_C}(?:خلال|في|طيله|طوال) (?P<d>الايام (?:القليله )?(?:{_PAST}|الاخيره))(?!\S)"
)
# A bare year after a time preposition (منذ 2011، في 2019); the handler refuses it when a
# word that could be a counted noun follows (في 2000 منزل).
_BARE_YEAR = re.compile(
    r"(?<!\S)(?:[وف]?(?:في|منذ|خلال|مطلع|اواخر|اوائل|بدايه|نهايه|منتصف|حتي|قبل|بعد|صيف|شتاء|ربيع|خريف)) "
    r"(?P<d>(?P<year>(?:19|20)[0-9]{2})م?)(?!\S)"
)
_AFTER_YEAR_OK = frozenset(
    {"حتي", "الي", "ضد", "في", "من", "علي", "عن", "ثم", "عندما", "حين", "حيث", "بعد", "قبل", "مع", "كما", "بينما",
     "م", "ميلادي", "ميلاديه", "فيما", "لكن", "اذ", "الا", "قد", "وحتي", "الماضي", "اي", "وهو", "وهي"}
)
_D = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
_NUMERIC = re.compile(
    rf"(?<![0-9\u0660-\u0669\u06F0-\u06F9/.\-])(?:(?P<y1>{_D}{{4}})(?P<s1>[/\-.]){_D}{{1,2}}(?P=s1){_D}{{1,2}}"
    rf"|{_D}{{1,2}}(?P<s2>[/\-.]){_D}{{1,2}}(?P=s2)(?:{_D}{{4}}|{_D}{{2}}))(?![0-9\u0660-\u0669\u06F0-\u06F9]|[/\-.][0-9\u0660-\u0669\u06F0-\u06F9])"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NOT_BEFORE_FRIDAY = frozenset({"صلاه", "خطبه", "صلوات", "خطيب", "جمعه", "يوم"})


def _build_anchors() -> dict[str, tuple[re.Pattern[str], ...]]:
    by_word: dict[str, tuple[re.Pattern[str], ...]] = {}
    for w in MONTH_WORDS | {"كانون", "تشرين"}:
        by_word[w] = (_EXPLICIT, _MONTH_YEAR, _MONTH_ONLY)
    for w in WEEKDAYS:
        by_word[w] = (_WEEKDAY,)
    for w in ("اليوم", "امس", "الامس", "البارحه", "الليله", "غدا"):
        by_word[w] = (_RELATIVE_DAY,)
    by_word["الشهر"] = (_DAY_OF_MONTH, _PERIOD)
    by_word["الاسبوع"] = (_PERIOD,)
    for w in ("العام", "السنه"):
        by_word[w] = (_PERIOD, _YEAR_ONLY)
    for w in ("عام", "سنه"):
        by_word[w] = (_YEAR_ONLY,)
    for w in ("منذ", "قبل"):
        by_word[w] = (_AGO,)
    for w in ("الساعات", "ساعه"):
        by_word[w] = (_HOURS,)
    by_word["الايام"] = (_DAYS_PAST,)
    anchors: dict[str, tuple[re.Pattern[str], ...]] = {}
    for w, pats in by_word.items():
        for p in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب"):
            anchors[p + w] = tuple(dict.fromkeys(anchors.get(p + w, ()) + pats))
    return anchors


_ANCHORS = _build_anchors()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_of(name: str) -> int:
    return MONTHS[name]


def _fit_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The date in published's year, or the year before if it would fall after published."""
    if published is None:
        return None
    d = _safe_date(published.year, month, day)
    if d is None:
        return None
    if d > published:
        d = _safe_date(published.year - 1, month, day)
    return d


def _shift_month(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, 1)


def _day_value(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return _ORDINALS.get(s)


def find_dates(nt: NormText, published: dt.date | None) -> list[DateExpr]:
    """All date expressions in the text, resolved against `published` (see module docstring)."""
    text = nt.text
    cands: list[tuple[int, int, dt.date | None, int, bool, str | None]] = []  # nstart, nend, ...

    words = text.split(" ") if text else []
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    # Each pattern runs only in windows of ±8 words around its anchor words: a full scan
    # of every pattern over every report costs ten times more.
    windows: dict[int, list[tuple[int, int]]] = {}
    n = len(words)
    for i, w in enumerate(words):
        pats = _ANCHORS.get(w)
        if pats is None and len(w) >= 4 and (y := w.removesuffix("م")[-4:]).isdigit() and y[:2] in ("19", "20"):
            pats = (_BARE_YEAR,)
        if pats:
            lo, hi = spans[max(0, i - 8)][0], spans[min(n, i + 9) - 1][1]
            for pat in pats:
                windows.setdefault(id(pat), []).append((lo, hi))

    def hits(pat: re.Pattern[str]) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        wins = windows.get(id(pat))
        if not wins:
            return out
        merged: list[list[int]] = []
        for lo, hi in wins:  # already in text order
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            out.extend(pat.finditer(text, lo, hi))
        return out

    def add(m: re.Match[str], group: str, date: dt.date | None, precision: int, relative: bool,
            part: str | None = None) -> None:
        cands.append((m.start(group), m.end(group), date, precision, relative, _PARTS.get(part) if part else None))

    for m in hits(_EXPLICIT):
        day = _day_value(m.group("day"))
        month = _month_of(m.group("month"))
        if day is None or not 1 <= day <= 31:
            continue
        if m.group("year"):
            date = _safe_date(int(m.group("year")), month, day)
            if date is None:
                continue
            relative = False
        elif m.group("yrel"):  # من العام الجاري / الماضي
            past = re.fullmatch(_PAST, m.group("yrel")) is not None
            date = _safe_date(published.year - past, month, day) if published else None
            relative = True
        else:
            date = _fit_year(month, day, published)
            relative = False
        add(m, "d", date, 1, relative, m.group("part"))
    for m in hits(_DAY_OF_MONTH):
        day = _day_value(m.group("day"))
        if day is None or not 1 <= day <= 31:
            continue
        date = None
        if published is not None:
            first = dt.date(published.year, published.month, 1)
            if m.group("rel") and re.fullmatch(_PAST, m.group("rel")):
                first = _shift_month(first, -1)
            date = _safe_date(first.year, first.month, day)
        add(m, "d", date, 1, True, m.group("part"))
    for m in hits(_MONTH_YEAR):
        month = _month_of(m.group("month"))
        if m.group("year"):
            add(m, "d", dt.date(int(m.group("year")), month, 1), 3, False)
        else:
            past = re.fullmatch(_PAST, m.group("yrel")) is not None
            add(m, "d", dt.date(published.year - past, month, 1) if published else None, 3, True)
    for m in hits(_MONTH_ONLY):
        k = "1" if m.group("d1") else "2" if m.group("d2") else "3"
        month = _month_of(m.group("m" + k))
        rel = m.group("r" + k) or ""
        date = None
        if published is not None:
            year = published.year
            if re.fullmatch(_FUTURE, rel):
                if month <= published.month:
                    year += 1
            elif month > published.month or (month == published.month and re.fullmatch(_PAST, rel)):
                year -= 1
            date = dt.date(year, month, 1)
        add(m, "d" + k, date, 3, False)
    for m in hits(_RELATIVE_DAY):
        rel = m.group("rel")
        part = m.group("part")
        offset = {"اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "اول امس": -2, "اول من امس": -2,
                  "غدا": 1, "الليله": 0, "ليله امس": -1, "امس الاول": -2}.get(rel, -1)  # الليلة الماضية/الفائتة: -1
        if (rel.startswith("الليله") or rel == "ليله امس") and not part:
            part = "ليله"
        date = published + dt.timedelta(days=offset) if published else None
        add(m, "d", date, 1, True, part)
    for m in hits(_WEEKDAY):
        wd_name = m.group("wd2") or m.group("wd")
        if m.group("wd") == "الجمعه" and not (m.group("part") or m.group("rel") or "يوم" in m.group("d")):
            before = text[max(0, m.start() - 8):m.start()].split()
            if before and before[-1] in _NOT_BEFORE_FRIDAY:
                continue
        if m.group("wd") == "الاثنين" and not (m.group("part") or m.group("rel") or "يوم" in m.group("d")):
            before = text[max(0, m.start() - 6):m.start()].split()
            if before and before[-1] in ("بين", "كلا", "من"):
                continue
        rel = m.group("rel") or ""
        date = None
        if published is not None:
            back = (published.weekday() - WEEKDAYS[wd_name]) % 7
            if re.fullmatch(_FUTURE, rel):
                date = published + dt.timedelta(days=(7 - back) % 7 or 7)
            else:
                if back == 0 and rel:
                    back = 7
                date = published - dt.timedelta(days=back)
        add(m, "d", date, 1, True, m.group("part"))
    for m in hits(_PERIOD):
        unit = m.group("unit") or m.group("unit2")
        rel = m.group("rel") or ""
        past = bool(re.fullmatch(_PAST, rel))
        date = None
        if published is not None:
            if unit == "الاسبوع":
                date = published - dt.timedelta(days=7 if past else 0)
            elif unit == "الشهر":
                date = _shift_month(published, -1 if past else 0)
            else:
                date = dt.date(published.year - (1 if past else 0), 1, 1)
        add(m, "d", date, 2 if unit == "الاسبوع" else 3, True)
    for m in hits(_AGO):
        unit = m.group("unit")
        num = m.group("num")
        count = (int(num) if num.isdigit() else _SMALL_COUNTS[num]) if num else None
        if unit.startswith("ساع"):
            days, precision = 0, 1
        elif unit.startswith("يوم") or unit == "ايام":
            if count is None:
                count = 2 if unit in ("يومين", "يومان") else 1 if unit.startswith("يوم") else 3
            days, precision = count, 1 if count <= 2 else 2
        elif unit.startswith("اسبوع") or unit == "اسابيع":
            if count is None:
                count = 2 if unit == "اسبوعين" else 1 if unit.startswith("اسبوع") else 2
            days, precision = 7 * count, 2
        else:
            if count is None:
                count = 2 if unit == "شهرين" else 1 if unit.startswith("شهر") else 3
            days, precision = 30 * count, 3
        date = published - dt.timedelta(days=days) if published else None
        add(m, "d", date, precision, True)
    for m in hits(_HOURS):
        add(m, "d", published, 1, True)
    for m in hits(_YEAR_ONLY):
        add(m, "d", dt.date(int(m.group("year")), 1, 1), 3, False)
    for m in hits(_DAYS_PAST):
        add(m, "d", published, 2, True)
    for m in hits(_BARE_YEAR):
        e = nt.offsets[m.end("d") - 1] + 1
        after = nt.original[e:e + 2].lstrip(" ")
        nxt = text[m.end("d") + 1:].split(" ", 1)[0] if m.end("d") < len(text) else ""
        if not after or not after[0].isalpha() or nxt in _AFTER_YEAR_OK or nxt.startswith("و"):
            add(m, "d", dt.date(int(m.group("year")), 1, 1), 3, False)

    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for ns, ne, date, precision, relative, part in sorted(cands, key=lambda c: (c[0], c[0] - c[1])):
        if taken and ns < taken[-1][1]:
            continue
        taken.append((ns, ne))
        s, e = nt.to_original(ns, ne)
        out.append(DateExpr(s, e, nt.original[s:e], date, precision, relative, part))
    # Numeric dates (15/3/2021, 2021-03-15, 3.5.2021) are read off the original, where
    # the separators still stand.
    original = nt.original
    numeric: list[re.Match[str]] = []
    for i, w in enumerate(words):
        # Separators / and - became spaces; a dotted date stays one word (3.5.2021).
        if w.lstrip("وفبل")[:1].isdigit() and (w.count(".") >= 2 or (i + 1 < n and words[i + 1][:1].isdigit())):
            a = nt.to_original(*spans[i])[0]
            b = nt.to_original(*spans[min(n, i + 3) - 1])[1]
            numeric.extend(m for m in _NUMERIC.finditer(original, a, b) if not numeric or m.start() >= numeric[-1].end())
    for m in numeric:
        s, e = m.span()
        sep = m.group("s1") or m.group("s2")
        parts = [int(p) for p in m.group().translate(_DIGITS).split(sep)]
        if m.group("y1"):
            y, mo, d = parts
        else:
            d, mo, y = parts
            if mo > 12 >= d:
                d, mo = mo, d  # month-first (US style) when the day cannot be the month
            if y < 100:
                y += 2000
        date = _safe_date(y, mo, d)
        if date is None:
            continue
        # A full numeric date says more than the bare year or number words it overlaps.
        out = [o for o in out if not (o.start < e and s < o.end)]
        out.append(DateExpr(s, e, original[s:e], date, 1, False, None))
    out.sort(key=lambda x: x.start)
    return _merge_chains(out, original)


_GAP = re.compile(r"[\s,،\-–—()/|•]{0,6}")


def _merge_chains(exprs: list[DateExpr], original: str) -> list[DateExpr]:
    """Join day-precise expressions that stand side by side ("أمس، السبت، 12 آذار 2021").

    News writes the same day two or three ways in a row; one expression with the whole
    span is what the event layer wants. The date comes from the most explicit part: an
    explicit date (even when `published` is None or off by a day), else the first part.
    """
    out: list[DateExpr] = []
    for d in exprs:
        if out:
            p = out[-1]
            if p.precision == 1 and d.precision == 1 and _GAP.fullmatch(original, p.end, d.start):
                explicit = [x for x in (p, d) if not x.relative and x.date is not None]
                best = explicit[-1] if explicit else (p if p.date is not None else d)
                out[-1] = DateExpr(
                    p.start, d.end, original[p.start:d.end], best.date, 1, p.relative and d.relative,
                    p.part_of_day or d.part_of_day,
                )
                continue
        out.append(d)
    return out
