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
from rasid.extract.rules import rule
from rasid.lexicon.load import load_grammar
from rasid.model import ForceItem, Mention
from rasid.rules import enabled
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import Token, analyse

GRAMMAR = load_grammar()

# A singular person noun after a death word means one death (مقتل عنصر، وفاة شاب).
_PERSON_SINGULAR = GRAMMAR["person_singular"]

_PERSON_DUAL = GRAMMAR["person_dual"]
_RELATIVES = GRAMMAR["relatives_of_victims"]
_CASUALTY_NOUNS = {w: 1 for w in GRAMMAR["casualty_singular"]} | {w: 2 for w in GRAMMAR["casualty_dual"]}
_SINGULAR_PRONOUNS = GRAMMAR["singular_pronoun_suffixes"]
_DUAL_PRONOUNS = GRAMMAR["dual_pronoun_suffixes"]
_MET_DEATH = GRAMMAR["met_death"]
_MEASURE_NOUNS = tuple(GRAMMAR["measure_nouns"])
_AND = next(iter(GRAMMAR["conjunction"]))
_PLURAL_ENDINGS = tuple(GRAMMAR["plural_verb_endings"])


def casualties(
    doc: Doc, frame: Frame, words_set: frozenset[str]
) -> tuple[int | None, tuple[int, int] | None]:
    """Deaths (or injuries) told in a frame: a number next to a casualty word, the victims it names
    (مقتل شاب وشقيقه، مقتل قيادي واثنين من مرافقيه), a pronoun on it (مقتله، مقتلهما) or a
    singular or dual casualty noun (سقوط قتيل، جريحين).

    Several figures in one frame are usually sub-totals of the same dead: the largest stands.
    """
    figures: list[tuple[int, tuple[int, int]]] = []
    tokens = doc.tokens_between(frame.back, frame.end)
    for i, tok in enumerate(tokens):
        suffix = None
        if casualty_word(tok.norm) is not words_set:
            suffix = _pronoun_on(tok.norm, words_set) if enabled("counts.pronoun") else None
            if suffix is None:
                continue
        best = _victims_before(doc, tokens, i) if tok.norm.endswith(_PLURAL_ENDINGS) and enabled("counts.victims_before") else None
        best = best or (_number_near(doc, tokens, i, words_set) if enabled("counts.number_near") else None)
        if best is None and suffix is None and enabled("counts.named_victims"):
            best = _named_victims(doc, tokens, i)
        count = _pronoun_count(suffix) if suffix is not None else _casualty_noun(tok.norm)
        if best is None and count:
            best = (count, (tok.start, tok.end))
        if best:
            figures.append(best)
    if not figures:
        return None, None
    value, span = max(figures, key=lambda f: f[0])
    return value, span


@rule("counts.pronoun", "fatalities", "a pronoun on a casualty noun counts its victims (maqtaluhu 1, maqtaluhuma 2)")
def _pronoun_on(word: str, words_set: frozenset[str]) -> str | None:
    """The pronoun suffix of a casualty noun that carries one (مقتله، لمقتلهما، مصرعهم), else None."""
    return next((r.suffix for r in analyse(word) if r.suffix and r.stem in words_set), None)


@rule("counts.casualty_noun", "fatalities", "a singular or dual casualty noun with no number counts 1 or 2 (qatil, jarihayn)")
def _casualty_noun(word: str) -> int | None:
    return _CASUALTY_NOUNS.get(word) if enabled("counts.casualty_noun") else None


def _pronoun_count(suffix: str) -> int | None:
    """One victim for مقتله/مقتلها, two for مقتلهما, unknown for a plural pronoun."""
    if suffix in _SINGULAR_PRONOUNS:
        return 1
    return 2 if suffix in _DUAL_PRONOUNS else None


@rule("counts.number_near", "fatalities", "a number after the casualty word, right before it, or between laqiya and masra'ahum; never one counting the other kind")
def _number_near(doc: Doc, tokens: list[Token], i: int, words_set: frozenset[str]) -> tuple[int, tuple[int, int]] | None:
    """A number after the casualty word ("إصابة خمسة آخرين"), else right before it ("11 قتيلا"), else
    between "لقي" and the word ("لقي 21 مدنيا مصرعهم"); never one that counts the other kind
    ("سقوط قتيل وثلاثة جرحى")."""
    other = INJURY_WORDS if words_set is DEATH_WORDS else DEATH_WORDS
    window = []
    for t in tokens[i + 1 : i + 5]:
        if casualty_word(t.norm) is other:
            break
        window.append(t)
    window += tokens[i - 1 : i] if i else []
    met = next((k for k in range(i - 1, max(-1, i - 9), -1) if tokens[k].norm in _MET_DEATH), None)
    window += tokens[met + 1 : i] if met is not None else []
    for q in doc.quantities:
        if not any(t.start <= q.start < t.end for t in window) or q.value is None or q.vague:
            continue
        noun = q.noun or ""
        if noun.startswith(_MEASURE_NOUNS) or casualty_word(noun) is other:
            continue
        return int(q.value), (q.start, q.end)
    return None


@rule("counts.named_victims", "fatalities", "a person noun after the casualty word (past a verb's agent), its relatives and the companions counted with it")
def _named_victims(doc: Doc, tokens: list[Token], i: int) -> tuple[int, tuple[int, int]] | None:
    """ "مقتل مواطن وزوجته", "قتلت الشرطة محتجا", "مقتل قيادي في التنظيم واثنين من مرافقيه": a person
    noun after the casualty word (past the agent of a verb), one more for each relative named
    with it, and the counted companions joined by و within the next few words."""
    k = i + 1
    persons = _person_count(tokens[k]) if k < len(tokens) else None
    actor = next(iter(doc.mentions_between("actor", tokens[k].start, tokens[k].end)), None) if k < len(tokens) else None
    if persons is None and actor is not None:
        while k < len(tokens) and tokens[k].start < actor.end:
            k += 1  # "قتلت الشرطة محتجا": past the subject
        persons = _person_count(tokens[k]) if k < len(tokens) else None
    if not persons:
        return None
    k += 1
    while k < len(tokens) and tokens[k].norm[:1] == _AND and tokens[k].norm[1:] in _RELATIVES:
        persons, k = persons + 1, k + 1
    end = tokens[k - 1].end
    for t in tokens[k : k + 5]:
        if casualty_word(t.norm) is not None:
            break
        q = next((q for q in doc.quantities if t.start <= q.start < t.end), None)
        if t.norm[:1] == _AND and q is not None and q.value is not None and not q.vague:
            persons, end = persons + int(q.value), q.end
            break
    return persons, (tokens[i].start, end)


def _person_count(token: Token) -> int | None:
    return _persons(stem_of(token.norm)) or (2 if token.norm in _PERSON_DUAL else None)


def _persons(word: str) -> int | None:
    """1 for a singular person noun (شاب), 2 for its dual (شابان، شابين), else None."""
    if word in _PERSON_SINGULAR or word.removesuffix("ا") in _PERSON_SINGULAR:
        return 1  # شاب، شابا
    if word in _PERSON_DUAL or any(word.endswith(end) and word[: -len(end)] in _PERSON_SINGULAR for end in ("ان", "ين")):
        return 2
    return None


@rule("counts.victims_before", "fatalities", "victims listed before a plural verb, added up")
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
