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

* a Hijri date (12 رمضان 1445 هـ) is converted to the Gregorian calendar (Umm al-Qura,
  through the hijridate package); without a year it takes the Hijri year of `published`.

Spans are original string indices and leave out a leading clitic (وأمس → أمس).

Every way of writing a date is a named rule (``dates.weekday``, ``dates.ago`` …): its
words and pattern live in `rasid/lang/ar/data/dates.yaml`, its resolution (match → date)
is the function of the same name here; `rasid rules dates` lists them and
``--disable dates.<name>`` switches one off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

from rasid import rules
from rasid.lang.ar import load
from rasid.lang.ar.orthography import DIGIT_CLASS, DIGITS_TO_WESTERN
from rasid.text.normalize import NormText

__all__ = ["DateExpr", "find_dates", "MONTHS", "MONTH_WORDS", "TWO_WORD_MONTH_HEADS", "WEEKDAYS"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression: original span, resolved date, ACLED precision, part of day, its rule."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    relative: bool
    part_of_day: str | None
    rule: str = ""


_CAL = load("calendar")
_DATA = load("dates")
MONTHS: dict[str, int] = {**_CAL["months_levantine"], **_CAL["months_standard"], **_CAL["months_maghreb"]}
"""Normalised month name → month number (Levantine/Iraqi, Egyptian/Gulf, Maghreb names)."""
MONTH_WORDS: frozenset[str] = frozenset(
    w for name in MONTHS for w in name.split() if w not in _CAL["month_name_parts"]
)
"""Single tokens that name a month or begin a two-word month name (for one-word lookups)."""
TWO_WORD_MONTH_HEADS: frozenset[str] = frozenset(name.split()[0] for name in MONTHS if " " in name)
"""First words of two-word month names (كانون، تشرين): a month only with the word after."""
WEEKDAYS: dict[str, int] = dict(_CAL["weekdays"])
"""Normalised weekday → Python weekday() (Monday = 0)."""
_HIJRI: dict[str, int] = _CAL["hijri_months"]
_PARTS: dict[str, str] = _CAL["parts_of_day"]
_ORDINALS: dict[str, int] = _CAL["day_ordinals"]
_SMALL_COUNTS: dict[str, int] = _CAL["small_counts"]
_PAST, _CURRENT, _FUTURE = (frozenset(_DATA[k]) for k in ("past", "current", "future"))
_RELATIVE_DAYS: dict[str, int] = _DATA["relative_days"]
_DAY_WORDS = frozenset(_DATA["day_word"])
_PERIOD_UNITS: dict[str, str] = _DATA["period_units"]
_AGO_UNITS: dict[str, str] = _DATA["ago_units"]
_CONJUNCTIONS = load("clitics")["conjunctions"]
_CLITICS = tuple(c + p for c in ("",) + _CONJUNCTIONS for p in ("",) + load("clitics")["common_prepositions"])
"""Clitics a date word may carry: a conjunction, then ب or ل (وبالأمس، لليوم)."""


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SLOTS: dict[str, str] = {
    "C": f"(?:{_alt(c for c in _CLITICS if c)})?",
    "MONTH": _alt(MONTHS),
    "SAFE_MONTH": _alt(m for m in MONTHS if m not in _CAL["ambiguous_months"]),
    "HIJRI": _alt(_HIJRI),
    "HIJRI_MARK": _alt(_CAL["hijri_year_marks"]),
    "GREG_MARK": _alt(_CAL["gregorian_year_marks"]),
    "PART": _alt(_PARTS),
    "ORD": _alt(_ORDINALS),
    "WD": _alt(WEEKDAYS),
    "PAST": _alt(_PAST),
    "CURRENT": _alt(_CURRENT),
    "FUTURE": _alt(_FUTURE),
    "SMALL": _alt(_SMALL_COUNTS),
    "RELATIVE_DAY": _alt(_RELATIVE_DAYS),
    "NOT_AFTER_RELATIVE_DAY": _alt(_DATA["not_after_relative_day"]),
    "AGO_UNIT": _alt(_AGO_UNITS),
}


def _fill(template: str) -> str:
    """A data pattern with its {SLOT}s filled ({1,2}-style quantifiers are left alone)."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{_SLOTS[m.group(1)]})", template)


_SLOTS["YEAR"] = _fill(_DATA["year"])


@dataclass(frozen=True, slots=True)
class _DateRule:
    """A rule of dates.yaml: its compiled pattern and the words that anchor it."""

    name: str
    pattern: re.Pattern[str]
    anchors: frozenset[str]
    year_anchor: bool


def _anchor_words(anchors: Iterable[str]) -> tuple[frozenset[str], bool]:
    named = {"{MONTH_WORDS}": MONTH_WORDS, "{WEEKDAYS}": WEEKDAYS, "{HIJRI_WORDS}": {w.split()[0] for w in _HIJRI}}
    words: set[str] = set()
    for anchor in anchors:
        words.update(named.get(anchor, () if anchor == "{YEAR_DIGITS}" else (anchor,)))
    return frozenset(c + w for w in words for c in _CLITICS), "{YEAR_DIGITS}" in anchors


def _compile_rules() -> dict[str, _DateRule]:
    out = {}
    for name, raw in _DATA["rules"].items():
        anchors, year_anchor = _anchor_words(raw["anchors"])
        out[name] = _DateRule(name, re.compile(_fill(raw["pattern"])), anchors, year_anchor)
        rules.declare(f"dates.{name}", raw["doc"], fields=("event_date",), home=f"rasid/lang/ar/data/dates.yaml:{name}")
    return out


_RULES = _compile_rules()


@dataclass(frozen=True, slots=True)
class _Found:
    """A date read by a rule, on the normalised text."""

    start: int
    end: int
    date: dt.date | None
    precision: int
    relative: bool
    part: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class _Context:
    """What a resolver may read besides its match: the text and the publication date."""

    nt: NormText
    published: dt.date | None


_Resolver = Callable[[re.Match[str], _Context], "list[_Found]"]
_RESOLVERS: dict[str, _Resolver] = {}


def _resolver(name: str) -> Callable[[_Resolver], _Resolver]:
    """Register the function that turns a match of dates.yaml's rule `name` into dates."""

    def wrap(func: _Resolver) -> _Resolver:
        if name not in _RULES:
            raise ValueError(f"dates.yaml has no rule {name!r}")
        _RESOLVERS[name] = func
        return func

    return wrap


def _found(m: re.Match[str], rule: str, date: dt.date | None, precision: int, relative: bool,
           part: str | None = None, group: str = "d") -> list[_Found]:
    label = _PARTS.get(part) if part else None
    return [_Found(m.start(group), m.end(group), date, precision, relative, label, rule)]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


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
    value = int(s) if s.isdigit() else _ORDINALS.get(s)
    return value if value is not None and 1 <= value <= 31 else None


@_resolver("explicit")
def explicit(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Day + month (+ year): the year given, this year's, or last year's if that is later."""
    published = ctx.published
    day, month = _day_value(m.group("day")), MONTHS[m.group("month")]
    if day is None:
        return []
    relative = False
    if m.group("year"):
        date = _safe_date(int(m.group("year")), month, day)
        if date is None:
            return []
    elif m.group("yrel"):  # من العام الجاري / الماضي
        date = _safe_date(published.year - (m.group("yrel") in _PAST), month, day) if published else None
        relative = True
    else:
        date = _fit_year(month, day, published)
    return _found(m, "explicit", date, 1, relative, m.group("part"))


def _hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


@_resolver("hijri")
def hijri(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Day + Hijri month (+ Hijri year) → the Gregorian date (Umm al-Qura)."""
    published = ctx.published
    day, month = _day_value(m.group("day")), _HIJRI[m.group("month")]
    if day is None or day > 30:
        return []
    if m.group("year"):
        date = _hijri_to_gregorian(int(m.group("year")), month, day)
    elif published is not None:
        try:
            year = Gregorian(published.year, published.month, published.day).to_hijri().year
        except (ValueError, OverflowError):
            return []
        date = _hijri_to_gregorian(year, month, day)
        if date is not None and date > published:
            date = _hijri_to_gregorian(year - 1, month, day)
    else:
        return _found(m, "hijri", None, 1, False, m.group("part"))
    return _found(m, "hijri", date, 1, False, m.group("part")) if date else []


@_resolver("day_of_month")
def day_of_month(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """A day of the publication month, or of the month before with "past"."""
    published = ctx.published
    day = _day_value(m.group("day"))
    if day is None:
        return []
    date = None
    if published is not None:
        first = dt.date(published.year, published.month, 1)
        if m.group("rel") in _PAST:
            first = _shift_month(first, -1)
        date = _safe_date(first.year, first.month, day)
    return _found(m, "day_of_month", date, 1, True, m.group("part"))


@_resolver("month_year")
def month_year(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Month + year: the 1st of the month, precision 3."""
    published = ctx.published
    month = MONTHS[m.group("month")]
    if m.group("year"):
        return _found(m, "month_year", dt.date(int(m.group("year")), month, 1), 3, False)
    date = dt.date(published.year - (m.group("yrel") in _PAST), month, 1) if published else None
    return _found(m, "month_year", date, 3, True)


@_resolver("month_only")
def month_only(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """A month alone: the latest such month on or before publication ("next" moves it ahead)."""
    published = ctx.published
    k = "1" if m.group("d1") else "2" if m.group("d2") else "3"
    month, rel = MONTHS[m.group("m" + k)], m.group("r" + k) or ""
    date = None
    if published is not None:
        year = published.year
        if rel in _FUTURE:
            year += month <= published.month
        elif month > published.month or (month == published.month and rel in _PAST):
            year -= 1
        date = dt.date(year, month, 1)
    return _found(m, "month_only", date, 3, False, group="d" + k)


@_resolver("relative_day")
def relative_day(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Today, yesterday, tonight …: publication date plus the word's offset."""
    published = ctx.published
    rel, part = m.group("rel"), m.group("part")
    date = published + dt.timedelta(days=_RELATIVE_DAYS.get(rel, -1)) if published else None
    found = _found(m, "relative_day", date, 1, True, part)
    if rel in _NIGHT_DAYS and not part:
        found = [_Found(f.start, f.end, f.date, f.precision, f.relative, "night", f.rule) for f in found]
    return found


_NIGHT_DAYS = frozenset(_DATA["night_days"])
_NOT_BEFORE_WEEKDAY: dict[str, frozenset[str]] = {w: frozenset(v) for w, v in _DATA["not_before_weekday"].items()}


@_resolver("weekday")
def weekday(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """The most recent such weekday on or before publication; "past" forces earlier, "next" later."""
    published = ctx.published
    rel = m.group("rel") or ""
    blockers = _NOT_BEFORE_WEEKDAY.get(m.group("wd"))
    if blockers and not (m.group("part") or rel or _DAY_WORDS & set(m.group("d").split())):
        before = m.string[max(0, m.start() - 8):m.start()].split()
        if before and before[-1] in blockers:
            return []
    date = None
    if published is not None:
        back = (published.weekday() - WEEKDAYS[m.group("wd2") or m.group("wd")]) % 7
        if rel in _FUTURE:
            date = published + dt.timedelta(days=(7 - back) % 7 or 7)
        else:
            date = published - dt.timedelta(days=7 if back == 0 and rel else back)
    return _found(m, "weekday", date, 1, True, m.group("part"))


@_resolver("period")
def period(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Last/this week (precision 2), month or year (precision 3)."""
    published = ctx.published
    unit = _PERIOD_UNITS[m.group("unit") or m.group("unit2")]
    past = (m.group("rel") or "") in _PAST
    date = None
    if published is not None:
        if unit == "week":
            date = published - dt.timedelta(days=7 if past else 0)
        elif unit == "month":
            date = _shift_month(published, -1 if past else 0)
        else:
            date = dt.date(published.year - past, 1, 1)
    return _found(m, "period", date, 2 if unit == "week" else 3, True)


_AGO_DAYS = {"hour": (0, 1), "day": (1, 1), "week": (7, 2), "month": (30, 3)}
"""Unit → (days per unit, precision); a day count above two lowers precision to 2."""


@_resolver("ago")
def ago(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """N hours/days/weeks/months ago: publication date minus that (precision by unit)."""
    published = ctx.published
    word, num = m.group("unit"), m.group("num")
    unit = _AGO_UNITS[word]
    count = (int(num) if num.isdigit() else _SMALL_COUNTS[num]) if num else _DATA["ago_default_counts"][word]
    per_unit, precision = _AGO_DAYS[unit]
    if unit == "day" and count > 2:
        precision = 2
    date = published - dt.timedelta(days=per_unit * count) if published else None
    return _found(m, "ago", date, precision, True)


@_resolver("hours")
def hours(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Within the past hours: the publication day."""
    published = ctx.published
    return _found(m, "hours", published, 1, True)


@_resolver("year_only")
def year_only(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """A named year: 1 January, precision 3."""
    return _found(m, "year_only", dt.date(int(m.group("year")), 1, 1), 3, False)


@_resolver("days_past")
def days_past(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """Within the past days: the publication date, precision 2."""
    published = ctx.published
    return _found(m, "days_past", published, 2, True)


_AFTER_BARE_YEAR = frozenset(_DATA["after_bare_year"])


@_resolver("bare_year")
def bare_year(m: re.Match[str], ctx: _Context) -> list[_Found]:
    """A bare year after a time preposition, unless a word that could be a counted noun follows."""
    text, end = m.string, m.end("d")
    e = ctx.nt.offsets[end - 1] + 1
    after = ctx.nt.original[e:e + 2].lstrip(" ")
    nxt = text[end + 1:].split(" ", 1)[0] if end < len(text) else ""
    if after and after[0].isalpha() and nxt not in _AFTER_BARE_YEAR and not nxt.startswith(_CONJUNCTIONS):
        return []
    return _found(m, "bare_year", dt.date(int(m.group("year")), 1, 1), 3, False)


_ANCHORED: dict[str, tuple[str, ...]] = {}
for _rule in _RULES.values():
    for _word in _rule.anchors:
        _ANCHORED[_word] = _ANCHORED.get(_word, ()) + (_rule.name,)
_YEAR_ANCHORED = tuple(r.name for r in _RULES.values() if r.year_anchor)
_MISSING = set(_RULES) - set(_RESOLVERS)
if _MISSING:
    raise ValueError(f"dates.yaml rules without a resolver in dates.py: {sorted(_MISSING)}")
_YEAR_MARKS = tuple(_CAL["gregorian_year_marks"])


def _rule_windows(words: list[str], spans: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged windows of ±8 words around its anchor words.

    Each pattern runs only there: a full scan of every pattern over every report costs ten
    times more.
    """
    windows: dict[str, list[tuple[int, int]]] = {}
    n = len(words)
    for i, w in enumerate(words):
        names = _ANCHORED.get(w) or (_YEAR_ANCHORED if _is_year_word(w) else ())
        for name in names:
            lo, hi = spans[max(0, i - 8)][0], spans[min(n, i + 9) - 1][1]
            merged = windows.setdefault(name, [])
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
    return windows


def _is_year_word(word: str) -> bool:
    for mark in _YEAR_MARKS:
        word = word.removesuffix(mark)
    return len(word) >= 4 and word[-4:].isdigit() and word[-4:-2] in ("19", "20")


def _spaced_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words of a normalised text (single spaces) and their spans."""
    words = text.split(" ") if text else []
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    return words, spans


def _read_words(nt: NormText, published: dt.date | None, words: list[str], spans: list[tuple[int, int]]) -> list[DateExpr]:
    """Dates written in words, by every enabled rule of dates.yaml; overlaps go to the earliest, longest."""
    ctx = _Context(nt, published)
    found: list[_Found] = []
    for name, lo_hi in _rule_windows(words, spans).items():
        if not rules.enabled(f"dates.{name}"):
            continue
        resolve = _RESOLVERS[name]
        for lo, hi in lo_hi:
            for m in _RULES[name].pattern.finditer(nt.text, lo, hi):
                found.extend(resolve(m, ctx))
    order = {name: i for i, name in enumerate(_RULES)}
    found.sort(key=lambda f: (f.start, f.start - f.end, order[f.rule]))
    out: list[DateExpr] = []
    taken_end = -1
    for f in found:
        if f.start < taken_end:
            continue
        taken_end = f.end
        s, e = nt.to_original(f.start, f.end)
        out.append(DateExpr(s, e, nt.original[s:e], f.date, f.precision, f.relative, f.part, f"dates.{f.rule}"))
    return out


_D = f"[{DIGIT_CLASS}]"
_NUMERIC = re.compile(
    rf"(?<![{DIGIT_CLASS}/.\-])(?:(?P<y1>{_D}{{4}})(?P<s1>[/\-.]){_D}{{1,2}}(?P=s1){_D}{{1,2}}"
    rf"|{_D}{{1,2}}(?P<s2>[/\-.]){_D}{{1,2}}(?P=s2)(?:{_D}{{4}}|{_D}{{2}}))(?!{_D}|[/\-.]{_D})"
)
_CLITIC_LETTERS = "".join(dict.fromkeys("".join(_CLITICS)))
rules.declare(
    "dates.numeric", "A date in digits (15/3/2021, 2021-03-15, 3.5.2021), day first unless that is impossible.",
    fields=("event_date",), home="rasid.text.dates._numeric_dates",
)


def _numeric_dates(nt: NormText, words: list[str], spans: list[tuple[int, int]]) -> list[DateExpr]:
    """Numeric dates, read off the original text where the separators still stand."""
    if not rules.enabled("dates.numeric"):
        return []
    matches: list[re.Match[str]] = []
    n = len(words)
    for i, w in enumerate(words):
        # Separators / and - became spaces; a dotted date stays one word (3.5.2021).
        if w.lstrip(_CLITIC_LETTERS)[:1].isdigit() and (w.count(".") >= 2 or (i + 1 < n and words[i + 1][:1].isdigit())):
            a = nt.to_original(*spans[i])[0]
            b = nt.to_original(*spans[min(n, i + 3) - 1])[1]
            matches.extend(m for m in _NUMERIC.finditer(nt.original, a, b) if not matches or m.start() >= matches[-1].end())
    out = []
    for m in matches:
        sep = m.group("s1") or m.group("s2")
        parts = [int(p) for p in m.group().translate(DIGITS_TO_WESTERN).split(sep)]
        if m.group("y1"):
            y, mo, d = parts
        else:
            d, mo, y = parts
            if mo > 12 >= d:
                d, mo = mo, d  # month-first (US style) when the day cannot be the month
            y += 2000 if y < 100 else 0
        date = _safe_date(y, mo, d)
        if date is not None:
            out.append(DateExpr(m.start(), m.end(), m.group(), date, 1, False, None, "dates.numeric"))
    return out


def find_dates(nt: NormText, published: dt.date | None) -> list[DateExpr]:
    """All date expressions in the text, resolved against `published` (see module docstring)."""
    words, spans = _spaced_words(nt.text)
    out = _read_words(nt, published, words, spans)
    for numeric in _numeric_dates(nt, words, spans):
        # A full numeric date says more than the bare year or number words it overlaps.
        out = [o for o in out if not (o.start < numeric.end and numeric.start < o.end)]
        out.append(numeric)
    out.sort(key=lambda x: x.start)
    merged = _merge_chains(out, nt.original)
    for d in merged:
        rules.fired(d.rule, d.start, d.end)
    return merged


_GAP = re.compile(f"[\\s{re.escape(load('sentences')['commas'])}\\-–—()/|•]{{0,6}}")


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
                    p.part_of_day or d.part_of_day, best.rule,
                )
                continue
        out.append(d)
    return out
