"""What a frame counts and when it happened: casualties, force composition, date.

Fatalities follow ACLED's conservative reading: a number next to a death word, one or two
for a named victim, zero where the text says only injuries or damage.
"""

from __future__ import annotations

import datetime as dt

from rasid.extract.cues import (
    DEATH_WORDS,
    INJURY_WORDS,
    casualty_word,
    is_personnel,
    stem_of,
)
from rasid.extract.doc import Doc
from rasid.extract.frames import Frame
from rasid.lexicon.load import load_grammar
from rasid.model import ForceItem, Mention
from rasid.text.normalize import normalize_key

GRAMMAR = load_grammar()

# A singular person noun after a death word means one death (مقتل عنصر، وفاة شاب).
_PERSON_SINGULAR = GRAMMAR["person_singular"]

_PERSON_DUAL = GRAMMAR["person_dual"]
_RELATIVES = GRAMMAR["relatives_of_victims"]


def casualties(
    doc: Doc, frame: Frame, words_set: frozenset[str]
) -> tuple[int | None, tuple[int, int] | None]:
    """Deaths (or injuries) told in a frame: a number next to a death word, or one or two for a named victim.

    The number is looked for just before the word (11 قتيلا) or after it (مقتل ستة مدنيين),
    never across the other kind of casualty ("قتل مدنيان وأصيب ثلاثة").
    """
    other = INJURY_WORDS if words_set is DEATH_WORDS else DEATH_WORDS
    figures: list[tuple[int, tuple[int, int]]] = []
    tokens = doc.tokens_between(frame.back, frame.end)
    for i, tok in enumerate(tokens):
        if casualty_word(tok.norm) is not words_set:
            continue
        # After the word first ("إصابة خمسة آخرين"), else the number right before it ("11 قتيلا").
        window = []
        for t in tokens[i + 1 : i + 5]:
            if casualty_word(t.norm) is other:
                break
            window.append(t)
        window += tokens[i - 1 : i] if i else []
        best = _victims_before(doc, tokens, i) if tok.norm.endswith(("وا", "ا", "ن")) else None
        for q in () if best else doc.quantities:
            if any(t.start <= q.start < t.end for t in window) and q.value is not None and not q.vague:
                noun = q.noun or ""
                if noun.startswith(
                    ("كم", "كلم", "كيلو", "متر", "عام", "ساع", "يوم", "ايام", "سن", "شهر", "اسبوع")
                ):
                    continue
                best = (int(q.value), (q.start, q.end))
                break
        if best is None and i + 1 < len(tokens):
            persons = _persons(stem_of(tokens[i + 1].norm)) or (2 if tokens[i + 1].norm in _PERSON_DUAL else None)
            if persons:
                # "مقتل مواطن وزوجته": each relative named with the victim is one more.
                k = i + 2
                while k < len(tokens) and tokens[k].norm[:1] == "و" and tokens[k].norm[1:] in _RELATIVES:
                    persons, k = persons + 1, k + 1
                best = (persons, (tok.start, tokens[k - 1].end))
        if best:
            figures.append(best)
    if not figures:
        return None, None
    # Several figures in one frame are usually sub-totals of the same dead: the largest stands.
    value, span = max(figures, key=lambda f: f[0])
    return value, span


def _persons(word: str) -> int | None:
    """1 for a singular person noun (شاب), 2 for its dual (شابان، شابين), else None."""
    if word in _PERSON_SINGULAR:
        return 1
    if word in _PERSON_DUAL or any(word.endswith(end) and word[: -len(end)] in _PERSON_SINGULAR for end in ("ان", "ين")):
        return 2
    return None


def _victims_before(doc: Doc, tokens: list, i: int) -> tuple[int, tuple[int, int]] | None:
    """ "إن امرأة وثلاثة أطفال قتلوا": victims listed before a plural verb, added up.

    Each item of the list (joined by و) is a number with its noun or a singular person
    noun; anything else ends the list.
    """
    total, start, j = 0, None, i - 1
    counted = {q.noun_end: q for q in doc.quantities if q.value is not None and not q.vague and q.noun_end}
    while j >= 0 and i - j <= 8:
        t = tokens[j]
        q = counted.get(t.end)
        if q is not None:
            total, start = total + int(q.value), q.start
            j = next((k for k in range(j, -1, -1) if tokens[k].start <= q.start), j) - 1
        elif (persons := _persons(stem_of(t.norm.removeprefix("و")))) is not None:
            total, start = total + persons, t.start
            j -= 1
        else:
            break
        if j < 0 or not tokens[j + 1].norm.startswith("و"):
            break
    return (total, (start, tokens[i].end)) if total and start is not None else None


_NO_DEATHS = GRAMMAR["no_deaths"]


def no_deaths(doc: Doc, frame: Frame, injuries: int | None) -> bool:
    """Only injuries, or only material damage: ACLED codes zero fatalities."""
    s_start, s_end = frame.sentence
    rest = doc.norm.text[doc.norm.from_original(frame.back) :]
    if any(p in rest for p in _NO_DEATHS):
        return True
    sentence = doc.words_between(s_start, s_end)
    return injuries is not None and not any(stem_of(w) in DEATH_WORDS or w in DEATH_WORDS for w in sentence)


def frame_date(doc: Doc, frame: Frame) -> tuple[dt.date | None, int, tuple[int, int] | None]:
    """The date expression nearest the trigger within its sentence, else the publication date."""
    s_start, s_end = frame.sentence
    inside = [d for d in doc.dates if s_start <= d.start < s_end and d.date is not None]
    if inside:
        head = frame.hits[0].start
        d = min(inside, key=lambda d: abs(d.start - head))
        return d.date, d.precision, (d.start, d.end)
    if doc.published:
        return doc.published, 2, None
    return None, 3, None


def force_items(doc: Doc, start: int, end: int) -> list[ForceItem]:
    """Force composition in a span: weapons and vehicles with their counts, and personnel."""
    items: list[ForceItem] = []
    weapons = [m for m in doc.mentions if m.kind == "weapon" and start <= m.start < end]
    quantities = [q for q in doc.quantities if start <= q.start < end]
    used: set[int] = set()
    for w in weapons:
        count = None
        approx = False
        low = high = None
        for qi, q in enumerate(quantities):
            if qi in used:
                continue
            noun_start = getattr(q, "noun_start", None)
            if (noun_start is not None and w.start <= noun_start < w.end) or (0 <= w.start - q.end <= 12):
                count = int(q.value) if q.value is not None else None
                approx = bool(q.approximate) or bool(getattr(q, "vague", None))
                low, high = getattr(q, "low", None), getattr(q, "high", None)
                used.add(qi)
                break
        if count is None and _singular_article_less(w):
            count = 1
        vehicle = w.attrs.get("category") in ("technical", "vehicle", "armoured_vehicle", "tank")
        items.append(
            ForceItem(
                kind="vehicle" if vehicle else "weapon",
                name=w.canonical or w.text,
                category=w.attrs.get("category"),
                count=count,
                count_low=int(low) if low is not None else None,
                count_high=int(high) if high is not None else None,
                approximate=approx,
                calibre_mm=w.attrs.get("calibre_mm"),
                text=w.text,
                start=w.start,
                end=w.end,
            )
        )
    for qi, q in enumerate(quantities):
        if qi in used or q.value is None and not getattr(q, "vague", None):
            continue
        noun = getattr(q, "noun", None) or ""
        if is_personnel(noun):
            items.append(
                ForceItem(
                    kind="personnel",
                    name="fighters",
                    count=int(q.value) if q.value is not None else None,
                    count_low=int(q.low) if getattr(q, "low", None) is not None else None,
                    count_high=int(q.high) if getattr(q, "high", None) is not None else None,
                    approximate=bool(q.approximate) or bool(getattr(q, "vague", None)),
                    text=doc.text[min(q.start, q.noun_start or q.start) : max(q.end, q.noun_end or q.end)],
                    start=min(q.start, q.noun_start or q.start),
                    end=max(q.end, q.noun_end or q.end),
                )
            )
    return items


def _singular_article_less(w: Mention) -> bool:
    """ "وراجمة صواريخ" names one launcher: a singular indefinite weapon noun counts one."""
    first = normalize_key(w.text).split()[0] if w.text else ""
    return (
        bool(first)
        and not first.startswith("ال")
        and first.endswith("ه")
        and w.attrs.get("category")
        in (
            "mlrs",
            "tank",
            "armoured_vehicle",
            "technical",
            "vehicle",
            "artillery",
            "aa_gun",
            "drone",
            "aircraft",
            "helicopter",
        )
    )
