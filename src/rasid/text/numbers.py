"""Numbers and counted quantities in Arabic reports.

Fatality counts, force sizes ("40 عنصراً", "عشرات العناصر") and vehicle counts
("5 سيارات", "مقر واحد") are written in digits or in words, often hedged ("نحو",
"أكثر من", "ما لا يقل عن") or given as ranges ("بين 10 و15"). This module reads them
off the normalised text (see `rasid.text.normalize`) and reports original spans.

What `find_quantities` returns and what it leaves out:

* returned: cardinal numbers in digits or words, with their hedge, range and counted
  noun; vague quantities (عدة، عشرات، مئات، آلاف، بضعة، بعض، عدد من، العديد من) with
  ``value None`` and a ``vague`` label;
* left out, because they are never counts of people or things: calibres (23 ملم،
  عيار 14.5), years (عام 2019، آذار 2021، 2019م، منذ 2011), day-of-month numbers
  (12 آذار، 12 من شباط), numeric dates (15/3/2021، 2021-03-15، 3.5.2021), clock
  times (10:30، الساعة 3) and percentages (50%، 30 بالمئة، 30 في المئة).

Bounds: an exact number has ``low == high == value``; "نحو/حوالي/قرابة" set
``approximate`` and leave the bounds None; "أكثر من / ما لا يقل عن / على الأقل" set
``low``; "أقل من / ما لا يزيد عن / على الأكثر" set ``high``; a range sets both,
``approximate`` and ``value = low`` (ACLED codes the lower figure when reports differ).
A vague quantity has ``value``, ``low`` and ``high`` None; its ``vague`` label is one of
several, few, some, many, dozens, hundreds, thousands, millions, billions,
tens of thousands, hundreds of thousands.

The counted noun normally follows the number (optionally after من) and is not taken
across punctuation; with a postposed واحد/اثنان or an article cardinal (مقر واحد،
عنصران اثنان، العناصر الخمسة) it precedes it, so ``noun_end <= start`` there.
Durations, ages and distances (3 أيام، 20 عاماً، 10 كلم) are returned with their
noun; callers filter them by noun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rasid.text.dates import MONTH_WORDS
from rasid.text.normalize import NormText, normalize

__all__ = ["Quantity", "parse_number", "find_quantities", "dual_count", "strip_noun"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count in the text: its span, value or vague label, hedge, and the noun it counts.

    `start`/`end` cover the hedge, the number and a range's second number, not the noun;
    `noun_start`/`noun_end` are the original span of the counted noun's token and `noun`
    its normalised form without proclitics or article ("العناصر" → "عناصر").
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    vague: str | None
    noun_start: int | None
    noun_end: int | None
    noun: str | None


# --- number words (normalised spellings: ة→ه، ى→ي، أإآ→ا) -------------------------

_UNIT = 1
_TEN = 2  # عشر/عشرة: 10 alone, +10 after a unit (teens)
_TENS = 3
_HUNDRED = 4
_MULT = 5  # ألف/مليون: multiplies what comes before
_PLURAL_MULT = 6  # آلاف/ملايين: multiplier after a number, vague on its own
_VAGUE = 7

_UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "واحدا": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثنتان": 2, "ثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
}
_TENS_WORDS: dict[str, int] = {}
for _stem, _v in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
                  ("ثمان", 80), ("تسع", 90)):
    _TENS_WORDS[_stem + "ون"] = _v
    _TENS_WORDS[_stem + "ين"] = _v
_HUNDREDS: dict[str, int] = {}
for _h in ("مئه", "مائه"):
    _HUNDREDS[_h] = 100
    for _stem, _v in (("ثلاث", 3), ("ثلث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                      ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
        _HUNDREDS[_stem + _h] = _v * 100
for _w in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"):
    _HUNDREDS[_w] = 200
_MULTS: dict[str, float] = {"الف": 1e3, "الفا": 1e3, "مليون": 1e6, "مليونا": 1e6, "مليار": 1e9, "مليارا": 1e9}
_DUAL_MULTS: dict[str, float] = {
    "الفان": 2e3, "الفين": 2e3, "الفي": 2e3, "مليونان": 2e6, "مليونين": 2e6, "مليوني": 2e6,
    "ملياران": 2e9, "مليارين": 2e9,
}
_PLURAL_MULTS: dict[str, tuple[float, str]] = {
    "الاف": (1e3, "thousands"), "الوف": (1e3, "thousands"),
    "ملايين": (1e6, "millions"), "مليارات": (1e9, "billions"),
}
_VAGUE_WORDS: dict[str, str] = {
    "عده": "several", "بضعه": "few", "بضع": "few", "بعض": "some", "عشرات": "dozens",
    "مئات": "hundreds", "مءات": "hundreds", "العديد": "many",
}

# Proclitics a number word may carry (وخمسة، بخمسة، لثلاثة) and those that go with the article.
_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "وبال", "لل", "ولل")
# Words that never take the article as numbers: الاحد is Sunday, الاثنين Monday, الست a lady,
# العشر mostly "the ten days"/ordinal use.
_NO_ARTICLE = frozenset({"احد", "احدي", "اثنين", "اثنان", "ست", "عشر"})


@dataclass(frozen=True, slots=True)
class _Word:
    kind: int
    value: float
    base: str
    conj: bool  # carries the conjunction و (joins a compound: خمسة وعشرين)
    article: bool
    label: str | None = None
    lead: int = 0  # length of the leading clitic (و، ب، وب…), left out of spans


def _build_lexicon() -> dict[str, _Word]:
    lex: dict[str, _Word] = {}
    entries: list[tuple[str, int, float, str | None]] = []
    entries += [(w, _UNIT, v, None) for w, v in _UNITS.items()]
    entries += [("عشر", _TEN, 10, None), ("عشره", _TEN, 10, None)]
    entries += [(w, _TENS, v, None) for w, v in _TENS_WORDS.items()]
    entries += [(w, _HUNDRED, v, None) for w, v in _HUNDREDS.items()]
    entries += [(w, _MULT, v, None) for w, v in _MULTS.items()]
    entries += [(w, _HUNDRED if v < 1e3 else _MULT, v, "dual") for w, v in _DUAL_MULTS.items()]
    entries += [(w, _PLURAL_MULT, v, label) for w, (v, label) in _PLURAL_MULTS.items()]
    entries += [(w, _VAGUE, 0, label) for w, label in _VAGUE_WORDS.items()]
    for base, kind, value, label in entries:
        for p in _PREFIXES:
            lex.setdefault(p + base, _Word(kind, value, base, p.startswith("و"), False, label, len(p)))
        if base in _NO_ARTICLE or base in ("مئه", "مائه"):  # بالمئة / في المئة: percent
            continue
        for p in _ARTICLE_PREFIXES:
            surface = p + base[1:] if p.endswith("لل") and base.startswith("ل") else p + base
            lex.setdefault(surface, _Word(kind, value, base, p.startswith("و"), True, label, len(p) - 2))
    return lex


_LEX = _build_lexicon()
_DIGIT_TOKEN = re.compile(r"^(و|ف|ب|ل|وب|ول|فب|فل|ال|وال|بال|لل|ولل)?(\d+(?:[.٬]\d+)*)$")
_WORD = re.compile(r"\S+")
_ORIG_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?$")


def _digits_value(orig: str) -> float | None:
    """Value of a digit string as written in the original (1,500 / 1٬500 / 23.5 / ٢٣٫٥)."""
    s = orig.translate(_ORIG_DIGITS).strip()
    if _THOUSANDS.match(s):
        s = s.replace(",", "").replace("٬", "")
    s = s.replace("٫", ".").replace("٬", "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


# --- compound number phrases -------------------------------------------------------


def _magnitude(kind: int, value: float) -> float:
    if kind == _UNIT:
        return 1
    if kind in (_TEN, _TENS):
        return 10
    if kind == _HUNDRED:
        return 100
    return value


def _parse_words(words: list[str], i: int) -> tuple[float, int] | None:
    """Read a number-word phrase at words[i]; (value, index after it) or None.

    Arabic orders compounds unit + و + tens (خمسة وعشرون) and otherwise from large to
    small (ألف ومئتان وخمسون); a و-joined part must be smaller than what precedes it,
    so "خمسة وعشرة" is two numbers, not fifteen.
    """
    n = len(words)
    w = _LEX.get(words[i])
    if w is None or w.kind in (_VAGUE, _PLURAL_MULT):
        return None
    total = 0.0
    cur = w.value
    last_kind, last_value = w.kind, w.value
    mag = _magnitude(w.kind, w.value)
    if w.kind == _MULT:  # ألف، ألفين، مليون: a multiplier standing alone counts itself
        total, cur, mag = w.value, 0.0, w.value
    j = i + 1
    while j < n:
        tok = words[j]
        standalone_conj = tok == "و" and j + 1 < n
        nxt = _LEX.get(words[j + 1]) if standalone_conj else _LEX.get(tok)
        if nxt is None or nxt.kind == _VAGUE:
            break
        conj = standalone_conj or nxt.conj
        if nxt.article:
            break
        if not conj:
            if nxt.kind == _TEN and last_kind == _UNIT:
                cur += 10  # أحد عشر، خمسة عشر
                last_kind, mag = _TEN, 10
            elif nxt.kind == _HUNDRED and nxt.base in ("مئه", "مائه") and last_kind == _UNIT and last_value >= 3:
                cur += last_value * 99  # ثلاث مئة
                last_kind, mag = _HUNDRED, 100
            elif nxt.kind in (_MULT, _PLURAL_MULT) and cur > 0 and nxt.label != "dual":
                if nxt.kind == _PLURAL_MULT and cur < 3:
                    break  # آلاف follows 3..10 (ثلاثة آلاف), never one or two
                total += cur * nxt.value
                cur, last_kind, mag = 0.0, _MULT, nxt.value
            else:
                break
        else:
            if nxt.kind == _TENS and last_kind == _UNIT and mag == 1:
                cur += nxt.value  # خمسة وعشرون
                last_kind, mag = _TENS, 10
            elif nxt.kind in (_UNIT, _TEN, _TENS, _HUNDRED) and _magnitude(nxt.kind, nxt.value) < mag:
                cur += nxt.value
                last_kind, last_value, mag = nxt.kind, nxt.value, _magnitude(nxt.kind, nxt.value)
            else:
                break
        last_value = nxt.value if last_kind == _UNIT else last_value
        j += 2 if standalone_conj else 1
    return total + cur, j


def parse_number(words: str) -> float | None:
    """The value of a number written in digits ("23.5", "1,500", "٢٣") or Arabic words.

    Accepts all common spellings, genders and cases (ثلاث/ثلاثة، اثنان/اثنين،
    مئة/مائة، ثلاثمئة/ثلاث مئة، ألف/آلاف/ألفين) and compounds ("خمسة وعشرين",
    "مئة وخمسون", "ثلاثة آلاف وخمسمئة", "2.5 مليون"), with a leading clitic
    (وخمسة). Returns None for anything else, including vague words (عشرات).
    """
    nt = normalize(words)
    toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(nt.text)]
    if not toks:
        return None
    words_only = [t[0] for t in toks]
    m = _DIGIT_TOKEN.match(words_only[0])
    if m:
        s, e = nt.to_original(toks[0][1] + m.start(2), toks[0][1] + m.end(2))
        value = _digits_value(nt.original[s:e])
        if value is None:
            return None
        j = 1
        if j < len(words_only):
            w = _LEX.get(words_only[j])
            if w is None or w.kind not in (_MULT, _PLURAL_MULT) or w.conj:
                return None
            value *= w.value
            j += 1
        return value if j == len(words_only) else None
    parsed = _parse_words(words_only, 0)
    if parsed is None or parsed[1] != len(words_only):
        return None
    return parsed[0]


# --- counted nouns ---------------------------------------------------------------

_STRIP_ARTICLE = (
    ("ولل", "ال"), ("فلل", "ال"), ("لل", "ال"),
    ("وبال", "ال"), ("فبال", "ال"), ("وال", "ال"), ("فال", "ال"), ("بال", "ال"), ("كال", "ال"),
)


def strip_noun(word: str) -> str:
    """A normalised noun without proclitics or article (والعناصر → عناصر, للمدنيين → مدنيين).

    Single-letter proclitics are only removed together with the article, because
    without it they are indistinguishable from a root letter (بيوت, وحدات).
    """
    for prefix, repl in _STRIP_ARTICLE:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            word = repl + word[len(prefix):]
            break
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


def dual_count(word: str) -> str | None:
    """The singular stem if `word` looks like a dual (ـتين/ـتان → ـه, ـين/ـان → stem), else None.

    Arabic writes "two groups" as one word (مجموعتين); the caller should confirm the
    returned stem against its lexicon before counting 2, because many words just end
    in ان/ين (مكان، لبنان). Words ending in ـيين are refused: they are far more often
    the plural of a nisba adjective (مدنيين civilians) than its dual.
    """
    w = strip_noun(normalize(word).text) if not word.isascii() else word
    if " " in w:
        return None
    for ending, repl in (("تين", "ه"), ("تان", "ه")):
        if w.endswith(ending) and len(w) - 3 >= 2:
            return w[:-3] + repl
    if w.endswith("يين"):
        return None
    if (w.endswith("ين") or w.endswith("ان")) and len(w) - 2 >= 3:
        return w[:-2]
    return None


# --- finding quantities ----------------------------------------------------------

_APPROX, _LOW, _HIGH, _RANGE = "approx", "low", "high", "range"
_HEDGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ما", "لا", "يقل", "عن"), _LOW), (("ما", "لا", "يقل", "علي"), _LOW),
    (("لا", "يقل", "عن"), _LOW), (("لا", "يقل", "علي"), _LOW),
    (("ما", "لا", "يزيد", "عن"), _HIGH), (("ما", "لا", "يزيد", "علي"), _HIGH),
    (("لا", "يزيد", "عن"), _HIGH), (("لا", "يزيد", "علي"), _HIGH),
    (("ما", "يزيد", "عن"), _LOW), (("ما", "يزيد", "علي"), _LOW),
    (("يزيد", "عن"), _LOW), (("يزيد", "علي"), _LOW),
    (("ما", "يربو", "علي"), _LOW), (("يربو", "علي"), _LOW),
    (("ما", "يقرب", "من"), _APPROX), (("يقرب", "من"), _APPROX),
    (("ما", "يقارب"), _APPROX), (("ما", "يناهز"), _APPROX),
    (("اكثر", "من"), _LOW), (("ازيد", "من"), _LOW), (("اقل", "من"), _HIGH),
    (("ما", "بين"), _RANGE),
    (("حوالي",), _APPROX), (("نحو",), _APPROX), (("قرابه",), _APPROX), (("زهاء",), _APPROX),
    (("يقارب",), _APPROX), (("يناهز",), _APPROX), (("تقريبا",), _APPROX), (("بين",), _RANGE),
)
# First word (with any proclitic: بحوالي، ونحو) → [(rest of the hedge, kind, clitic length)].
_HEDGE_FIRST: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
for _seq, _kind in _HEDGES:
    for _p in _PREFIXES:
        _HEDGE_FIRST.setdefault(_p + _seq[0], []).append((_seq[1:], _kind, len(_p)))

_RANGE_JOINERS = frozenset({"الي", "حتي", "او", "و"})
_CALIBRE_AFTER = frozenset({"ملم", "مم", "ميليمتر", "مليمتر", "ملليمتر", "ميلليمتر", "ملي", "mm", "انش", "إنش"})
_CALIBRE_BEFORE = frozenset({"عيار", "بعيار", "وعيار", "العيار", "قطر"})
_YEAR_BEFORE = frozenset(
    {"عام", "العام", "لعام", "بعام", "سنه", "السنه", "لسنه", "منذ", "ومنذ", "مطلع", "اواخر", "اوائل", "نهايه",
     "بدايه", "منتصف", "خريف", "ربيع", "صيف", "شتاء"}
)
_YEAR_AFTER = frozenset({"م", "ميلادي", "ميلاديه", "ه", "هجري", "هجريه"})
_PERCENT_AFTER = frozenset({"بالمئه", "بالمائه", "بالميه", "%", "٪"})
_TIME_BEFORE = frozenset({"الساعه", "ساعه", "بالساعه", "عند", "تمام"})
_NOUN_STOP = frozenset(
    {"من", "في", "الي", "علي", "عن", "مع", "بين", "بينهم", "بينهن", "بينها", "منهم", "منهن", "منها", "او", "ثم",
     "حتي", "قد", "لا", "لم", "لن", "ما", "كل", "هو", "هي", "هم", "الذي", "التي", "الذين", "ان", "انه", "بعد",
     "قبل", "خلال", "منذ", "عند", "حيث", "و", "ف", "ب", "ل", "ال", "فقط", "تقريبا", "اي", "انها", "انهم",
     "كانوا", "كان", "كانت", "وذلك", "ذلك", "هذا", "هذه", "لدي", "عبر", "ضد", "اثر", "جراء", "بحسب", "اذ", "اما",
     "حسب", "وفق", "وفقا", "نتيجه", "بسبب", "فيما", "بينما", "كما", "وقد", "فقد", "ممن", "مما", "عليه",
     "عليهم", "اليوم", "امس"}
)
# Verbs and verbal nouns that come right before a number, so "قتل واحد" / "إصابة اثنين"
# are not "one قتل" / "two إصابة".
_NOT_NOUN_BEFORE = frozenset(
    {"قتل", "اصيب", "جرح", "اعتقل", "سقط", "توفي", "استشهد", "لقي", "نجا", "بقي", "اسر", "خطف", "فقد", "قضي",
     "اختطف", "اعدم", "ذبح", "هلك", "اسعف", "نقل", "ارتفع", "بلغ", "وصل", "اصبح", "صار", "ظل", "يبلغ", "تجاوز",
     "قتلت", "اصيبت", "جرحت", "اعتقلت", "دمرت", "دمر", "احرق", "ضم", "يضم", "تضم", "ضمت",
     "اصابه", "مقتل", "اعتقال", "استشهاد", "سقوط", "اختطاف", "وفاه", "مصرع", "نجاه",
     "اعدام", "بحياه", "حياه", "اصابات", "مقتلا", "قتلوا", "اصيبوا", "جرحوا", "اعتقلوا", "وصلت"}
)
_OTHERS = frozenset({"اخرين", "اخرون", "اخريات", "اخر", "اخري", "اخرتين", "اخران"})
_ARTICLE_STARTS = ("ال", "وال", "فال", "بال", "وبال", "لل", "ولل", "كال")
# Words before a number that make it a name, not a count: اللواء 93، الفرقة 17، طريق 5.
_NAME_BEFORE = frozenset(
    {"اللواء", "لواء", "الفرقه", "فرقه", "الفوج", "فوج", "الكتيبه", "كتيبه", "الفيلق", "فيلق", "الطريق", "طريق",
     "المحور", "النقطه", "الحاجز", "حاجز", "المفرزه", "البوابه", "بوابه", "الرقم", "رقم", "القرار", "قرار",
     "الماده", "ماده", "المرسوم", "مرسوم", "الكيلو", "الصفحه", "الجوله", "المجموعه", "القطعه", "الحي", "حي",
     "المربع", "الدائره", "البند", "بند", "الفقره", "الاوتستراد", "اوتوستراد", "الاوتوستراد", "المنطقه"}
)
_PUNCT_GAP = re.compile(r"[.,،؛;:!?؟()\[\]{}/\\|…\-–—]")
_LATIN_WORD = re.compile(r"^[a-z][a-z'’]*$")
_RISE = frozenset(
    {"ارتفع", "وارتفع", "ارتفاع", "وارتفاع", "يرتفع", "ليرتفع", "ارتفعت", "زاد", "ازداد", "تضاعف", "انخفض",
     "وانخفض", "تراجع", "ليصل", "ليبلغ", "قفز"}
)
_NEGATION = frozenset({"لم", "ولم", "فلم", "لا", "ولا", "لن", "ليس", "دون", "بدون"})
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{2,}$")
_DATE_NUMERIC = re.compile(
    r"[0-9\u0660-\u0669\u06F0-\u06F9]{1,4}\s?[/\-.]\s?[0-9\u0660-\u0669\u06F0-\u06F9]{1,2}\s?[/\-.]\s?[0-9\u0660-\u0669\u06F0-\u06F9]{2,4}"
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]{1,2}:[0-9\u0660-\u0669\u06F0-\u06F9]{2}"
)
_MONTHS = frozenset(MONTH_WORDS)


def _strip_clitic_once(word: str) -> str:
    for p in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"):
        if word.startswith(p) and len(word) > len(p) + 1:
            return word[len(p):]
    return word


def _is_month(words: list[str], j: int) -> bool:
    if j >= len(words):
        return False
    w = words[j]
    return w in _MONTHS or _strip_clitic_once(w) in _MONTHS or (w in ("كانون", "تشرين") and j + 1 < len(words))


def find_quantities(nt: NormText) -> list[Quantity]:
    """All counts in the text with their hedge, range and counted noun (see module docstring)."""
    text = nt.text
    original = nt.original
    words, toks = _split(text)
    n = len(words)
    blocked: list[tuple[int, int]] | None = None  # numeric dates and clock times, found on first need

    def orig_span(a: int, b: int) -> tuple[int, int]:
        """Original span of tokens a..b-1."""
        return nt.to_original(toks[a][0], toks[b - 1][1])

    def in_blocked(span: tuple[int, int]) -> bool:
        nonlocal blocked
        if blocked is None:
            blocked = [m.span() for m in _DATE_NUMERIC.finditer(original)]
        return any(s < span[1] and span[0] < e for s, e in blocked)

    def number_at(j: int) -> tuple[float, int, bool] | None:
        """(value, index after, written in digits) for a number starting at words[j]."""
        if j >= n:
            return None
        m = _DIGIT_TOKEN.match(words[j])
        if m:
            s, e = nt.to_original(toks[j][0] + m.start(2), toks[j][0] + m.end(2))
            if in_blocked((s, e)):
                return None
            value = _digits_value(original[s:e])
            if value is None:
                return None
            k = j + 1
            if k < n:
                w = _LEX.get(words[k])
                if w is not None and w.kind in (_MULT, _PLURAL_MULT) and not w.conj and not w.article:
                    value *= w.value
                    k += 1
            return value, k, True
        parsed = _parse_words(words, j)
        if parsed is None:
            return None
        return parsed[0], parsed[1], False

    def hedge_at(j: int) -> tuple[str, int, int] | None:
        options = _HEDGE_FIRST.get(words[j])
        if not options:
            return None
        for rest, kind, lead in options:
            k = j + 1
            if words[k:k + len(rest)] == list(rest):
                return kind, k + len(rest), lead
        return None

    def lead_of(j: int) -> int:
        """Length of the leading clitic of words[j] when it starts a number or vague word."""
        w = _LEX.get(words[j])
        if w is not None:
            return w.lead
        m = _DIGIT_TOKEN.match(words[j])
        if m:
            p = m.group(1) or ""
            return len(p) - 2 if p.endswith("ال") or p.endswith("لل") else len(p)
        return len(words[j]) - len(_strip_clitic_once(words[j]))

    def noun_of(j: int) -> tuple[int, int, str]:
        """Original span (clitic left out, article kept) and bare form of the noun words[j]."""
        w = words[j]
        ts, te = toks[j]
        art = -1  # index in w where the surface starts (article ال, or لل kept whole)
        cut = 0  # index in w where the bare noun starts
        for prefix, _ in _STRIP_ARTICLE:
            if w.startswith(prefix) and len(w) > len(prefix) + 1:
                art, cut = len(prefix) - 2, len(prefix)
                break
        else:
            if w.startswith("ال") and len(w) > 3:
                art, cut = 0, 2
        # آلية، أسرى: an alif with hamza or madda is a root letter, not the article.
        if art >= 0 and w[art] == "ا" and original[nt.offsets[ts + art]] not in "اٱ":
            art = -1
        if art < 0:
            s, e = nt.to_original(ts, te)
            return s, e, w
        s, e = nt.to_original(ts + art, te)
        return s, e, w[cut:]

    out: list[Quantity] = []
    i = 0
    while i < n:
        w0 = words[i]
        if w0 not in _STARTERS and not w0[-1:].isdigit():
            i += 1
            continue
        start_tok = i
        hedge: str | None = None
        j = i
        h = hedge_at(i)
        lead = 0
        if h is not None:
            hedge, j, lead = h
            if j < n and words[j] == "ال":  # قرابة الـ 50
                j += 1
        num = number_at(j)
        vague: str | None = None
        value: float | None = None
        low = high = None
        end_tok = j
        if num is None:
            vq = _vague_at(words, j)
            if vq is None:
                i += 1
                continue
            vague, end_tok = vq
            if hedge == _RANGE:
                hedge = None
                start_tok = j
            if start_tok == j:
                lead = lead_of(j)
        else:
            value, end_tok, is_digits = num
            if hedge is None:
                start_tok = j
                lead = lead_of(j)
            # Ranges: بين 10 و15، من 10 إلى 15، 10-15، ثلاثة أو أربعة.
            second: tuple[float, int, bool] | None = None
            if end_tok < n:
                joiner = words[end_tok]
                if hedge == _RANGE:
                    if joiner == "و":
                        second = number_at(end_tok + 1)
                    elif joiner.startswith("و"):
                        second = number_at(end_tok)  # و15، وعشرين
                elif joiner in _RANGE_JOINERS and joiner != "و" and not (
                    joiner in ("الي", "حتي") and any(w in _RISE for w in words[max(0, j - 5):j])
                ):
                    # (ارتفع عدد القتلى من 5 إلى 10 is a rise, not a range: two figures)
                    second = number_at(end_tok + 1)
                elif is_digits and _DIGIT_TOKEN.match(joiner):
                    gap = original[orig_span(end_tok - 1, end_tok)[1]:orig_span(end_tok, end_tok + 1)[0]]
                    if gap.strip() in ("-", "–", "—"):
                        second = number_at(end_tok)
            if second is not None and second[0] > value:
                low, high, end_tok = value, second[0], second[1]
                hedge_kind = _RANGE
            else:
                hedge_kind = hedge if hedge != _RANGE else None
                if hedge == _RANGE:
                    start_tok = j
                    lead = lead_of(j)
            if hedge_kind is None:
                low = high = value
            elif hedge_kind == _LOW:
                low = value
            elif hedge_kind == _HIGH:
                high = value
            if _skip_number(words, j, end_tok, value, is_digits, original, orig_span):
                i = end_tok
                continue
            hedge = hedge_kind
        # The counted noun: usually after the number (optionally after من), for واحد/اثنان
        # after the noun (مقر واحد).
        k = end_tok
        approximate = hedge is not None
        if k + 1 < n and words[k] in ("علي", "وعلي") and words[k + 1] in ("الاقل", "الاكثر"):
            low, high = (value, None) if words[k + 1] == "الاقل" else (None, value)
            approximate, k = True, k + 2
        noun_idx: int | None = None
        if vague is None and num is not None and not num[2] and end_tok - j == 1 and start_tok == j and j > 0:
            # A single number word may follow its noun: مقر واحد، عنصران اثنان، العناصر الخمسة.
            wd = _LEX[words[j]]
            prev = words[j - 1]
            nxt_word = _strip_clitic_once(words[k]) if k < n else ""
            if wd.base in ("احد", "احدي"):
                if prev in _NEGATION or (j > 1 and words[j - 2] in _NEGATION):
                    i = end_tok  # لم يصب أحد: nobody
                    continue
            elif wd.article and prev.startswith(_ARTICLE_STARTS) and _is_noun(prev):
                if wd.kind != _UNIT and wd.kind != _TEN:
                    i = end_tok  # اليوم العشرين: an ordinal
                    continue
                noun_idx = j - 1
            elif (
                value is not None and value <= 2 and prev not in _NEGATION and _is_noun(prev)
                and prev not in _NOT_NOUN_BEFORE and _strip_clitic_once(prev) not in _NOT_NOUN_BEFORE
                and words[k if k < n else j] not in ("من", "ومن") and nxt_word not in _OTHERS
            ):
                noun_idx = j - 1
        if noun_idx is None and k < n and not _PUNCT_GAP.search(original, orig_span(k - 1, k)[1], orig_span(k, k + 1)[0]):
            # (punctuation between the number and the next word: nothing is counted, "بلغ 15، و…")
            if _strip_clitic_once(words[k]) in _OTHERS or words[k] in _OTHERS:
                noun_idx = k  # أصيب اثنان آخرون
            elif words[k] in ("من", "ومن") and k + 1 < n and _is_noun(words[k + 1]) and not _PUNCT_GAP.search(
                original, orig_span(k, k + 1)[1], orig_span(k + 1, k + 2)[0]
            ):
                noun_idx = k + 1
            elif _is_noun(words[k]) and not _is_month(words, k):
                noun_idx = k
        if noun_idx is not None and noun_idx >= end_tok:
            after = noun_idx + 1
            if after + 1 < n and words[after] in ("علي", "وعلي") and words[after + 1] in ("الاقل", "الاكثر"):
                low, high = (value, None) if words[after + 1] == "الاقل" else (None, value)
                approximate = True
            elif after < n and words[after] == "تقريبا":
                approximate, low, high = True, None, None
        if (
            (noun_idx is None or words[noun_idx].startswith("و"))
            and num is not None and num[2] and hedge is None and end_tok - j == 1
            and value is not None and value == int(value) and 1900 <= value <= 2100
        ):
            i = end_tok  # منذ 2011، في 2019: a bare four-digit number with nothing counted is a year
            continue
        s, e = nt.to_original(toks[start_tok][0] + lead, toks[end_tok - 1][1])
        noun = ns = ne = None
        if noun_idx is not None:
            ns, ne, noun = noun_of(noun_idx)
            if noun_idx < start_tok:
                if value == 2:
                    noun = dual_count(noun) or noun  # عنصران اثنان
                elif noun.endswith("ا") and words[start_tok].endswith("ا") and len(noun) >= 3:
                    noun = noun[:-1]  # مقراً واحداً: both accusative
            if value is not None and 11 <= value % 100 <= 99 and noun.endswith("ا") and len(noun) >= 4 \
                    and not noun.endswith("ايا"):
                noun = noun[:-1]  # tamyiz accusative: 40 عنصراً
        out.append(Quantity(s, e, original[s:e], value, low, high, approximate, vague, ns, ne, noun))
        i = max(end_tok, i + 1)
    return out


def _vague_at(words: list[str], j: int) -> tuple[str, int] | None:
    """A vague quantity at words[j]: (label, index after it)."""
    n = len(words)
    if j >= n:
        return None
    w = _LEX.get(words[j])
    base = w.base if w else _CLITIC_FREE.get(words[j], "")
    if w is not None and w.kind in (_VAGUE, _PLURAL_MULT):
        label = w.label or ""
        k = j + 1
        if label in ("dozens", "hundreds") and k < n:
            nxt = _LEX.get(words[k])
            if nxt is not None and nxt.kind == _PLURAL_MULT and nxt.label == "thousands":
                return f"{'tens' if label == 'dozens' else 'hundreds'} of thousands", k + 1
        if label == "many":
            if k < n and words[k] == "من":
                return "many", k
            return None
        if label == "some" and w.article:
            return None
        return label, k
    if base in ("عدد", "العدد") and j + 1 < n:
        if words[j + 1] == "من":
            return "several", j + 1
        if words[j + 1] in ("كبير", "كثير") and j + 2 < n and words[j + 2] == "من":
            return "many", j + 2
        if words[j + 1] in ("قليل", "محدود") and j + 2 < n and words[j + 2] == "من":
            return "few", j + 2
    if base in ("الكثير", "الكثيرين") and j + 1 < n and words[j + 1] == "من":
        return "many", j + 1
    return None


_CLITIC_FREE: dict[str, str] = {
    p + b: b for b in ("عدد", "العدد", "الكثير", "الكثيرين") for p in _PREFIXES
}
# Words that can open a quantity (all else is skipped at the cost of one set lookup).
_STARTERS = frozenset(_LEX) | frozenset(_HEDGE_FIRST) | frozenset(_CLITIC_FREE)


def _split(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words of a normalised text and their spans (normalised text has single spaces)."""
    words = text.split(" ") if text else []
    spans = []
    pos = 0
    for w in words:
        end = pos + len(w)
        spans.append((pos, end))
        pos = end + 1
    return words, spans


def _is_noun(word: str) -> bool:
    """Could `word` be the counted noun (an Arabic word that is not a particle or number)?"""
    return (
        word not in _NOUN_STOP
        and _ARABIC_WORD.match(word) is not None
        and _strip_clitic_once(word) not in _NOUN_STOP
        and word not in _LEX
        and word not in _HEDGE_FIRST
    )


def _skip_number(
    words: list[str], j: int, end: int, value: float, is_digits: bool, original: str,
    orig_span: Callable[[int, int], tuple[int, int]],
) -> bool:
    """True for numbers that are not counts: calibres, years, days of month, times, percentages."""
    n = len(words)
    prev = words[j - 1] if j > 0 else ""
    prev2 = words[j - 2] if j > 1 else ""
    nxt = words[end] if end < n else ""
    if prev not in _YEAR_BEFORE:
        prev = _strip_clitic_once(prev)
    if nxt in _CALIBRE_AFTER or prev in _CALIBRE_BEFORE or (prev == "ال" and prev2 in _CALIBRE_BEFORE):
        return True
    if nxt in _PERCENT_AFTER or (nxt in ("في", "بال") and end + 1 < n and words[end + 1] in ("المئه", "المائه")):
        return True
    e = orig_span(j, end)[1]
    tail = original[e:e + 2].lstrip()
    if tail[:1] in ("%", "٪"):
        return True
    whole = is_digits and value == int(value)
    if whole and 1900 <= value <= 2100 and end - j == 1 and (
        prev in _YEAR_BEFORE or nxt in _YEAR_AFTER or _is_month(words, j - 1)
        or (j > 1 and words[j - 2] in ("كانون", "تشرين", "العام", "عام", "لعام", "سنه"))
    ):
        return True
    if whole and 1 <= value <= 31 and (_is_month(words, end) or (nxt == "من" and _is_month(words, end + 1))):
        return True
    if _LATIN_WORD.match(prev) or _LATIN_WORD.match(nxt):
        return True  # a number inside a foreign-language passage
    if prev in _NAME_BEFORE or (prev == "ال" and prev2 in _NAME_BEFORE):
        return True
    return prev in _TIME_BEFORE
