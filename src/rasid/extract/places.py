"""Place mentions: find gazetteer names in a report, decide which are places, resolve them.

Three steps, each a pure function of the document and the gazetteer:
1. *Candidates*: every gazetteer name on word boundaries (the shared `PhraseMatcher`:
   clitics, لل, fused ديرالزور), minus spans already taken by actors and weapons, plus
   unknown names right after a cue word (ببلدة أبريهة) that the gazetteer lacks.
2. *Recognition*: a name is accepted by its strength (`_tier`): well-known places stand
   alone; villages need a cue word, a preposition, a coordinated list, or a tie to another
   place ("X شرقي Y"); names that are also common words or people's names need a cue
   word or that tie. Names after an organisation head (لواء القدس) or a first name
   (أبو العز سراقب) are not places.
3. *Resolution*: candidates are ranked by `rasid.geo.resolve` against the report's
   context (its governorates, countries and resolved points), unambiguous names first.
Coordinated areas expand: "ريفي دير الزور الشمالي والشرقي" and "بادية البوكمال والميادين"
give two mentions each.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasid.extract.doc import Doc
from rasid.geo import Gazetteer, Place
from rasid.geo.embedded import DIRECTIONS, cue_names, km, offset
from rasid.geo.place import REGION_KINDS
from rasid.geo.region import region
from rasid.geo.resolve import NEAR_CUES, Context, best, dedupe, geo_precision, prominence
from rasid.geo.store import EMBEDDED_SOURCES
from rasid.lexicon.matcher import PhraseMatch, PhraseMatcher, longest_non_overlapping
from rasid.model import Location, Mention
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import Token

# Tiers: A stands alone; B needs a cue, a preposition, a list or a tie; C (common word or
# person's name) needs a cue word, a list or a tie, or a preposition plus a matching
# governorate in the report; S (ordinary word) needs a cue word, a list or a tie.
A, B, C, S = "A", "B", "C", "S"
# First words that make a two-word name unmistakably a toponym (تل أبيض، كفر نبل): such
# names stand alone. (Not أبو/أم/الشيخ: those also begin people's names.)
_TOPONYM_HEADS = frozenset({"تل", "عين", "دير", "كفر", "خربه", "بئر", "راس", "بيت", "جسر", "قصر", "خان", "مزرعه",
                            "حاوي", "مرج", "معره", "تلول", "جب", "سد", "نبع", "وادي"})
_DIR_MASC = {normalize_key(m): k for k, (m, _f, _b) in DIRECTIONS.items() if " " not in m}
_DIR_FEM = {normalize_key(f): k for k, (_m, f, _b) in DIRECTIONS.items() if " " not in f}
_AREA_HEADS = tuple(normalize_key(h) + " " for h in ("ريف", "ريفي", "بادية", "أرياف"))
_FOREIGN_BASES = re.compile(
    r"(?:ال)?(قاعده|سفاره|قنصليه|نقطه|القاعده|السفاره|القنصليه|النقطه) "
    r"(الروسيه|الامريكيه|الاميركيه|التركيه|الايرانيه|الفرنسيه|البريطانيه|الاسرائيليه|العراقيه|الاردنيه)"
)
# Facility words that name what stands somewhere, not the place's name: "مقر واحد", "فرع الأمن".
_WEAK_FACILITY_CUES = frozenset(normalize_key(w) for w in (
    "مقر", "فرع", "حاجز", "مشفى", "مستشفى", "سجن", "ثكنة", "كتيبة", "مفرزة", "منشأة", "محطة", "معمل", "ميناء",
    "مرفأ", "دير"))
_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "لل", "ولل"})
# Prepositions that also govern ordinary nouns (عن طريق الخطأ، نحو الأفضل، وسط الأهالي).
_GENERIC_PREPS = frozenset(normalize_key(w) for w in ("في", "إلى", "من", "على", "عن", "بين", "حتى", "عبر", "داخل",
                                                      "خارج", "لدى", "مع", "نحو", "طريق", "وسط", "ضمن", "حدود",
                                                      "أنحاء", "صوب"))
# Verbal-noun shapes (إفعال، استفعال، تفعيل، انفعال، افتعال): after a preposition these are
# actions (على إسقاط، إلى استهداف), whatever village shares the spelling.
_VERBAL_NOUN = re.compile(r"ا..ا.|است...ا.|ت..ي.|ان..ا.|ا.ت.ا.")
_PRONOUN_END = re.compile(r"(ها|هم|هما|كم|نا)$")


@dataclass(frozen=True)
class Words:
    """The cue, preposition and stop lists of `rasid/geo/data/words.yaml`, normalised."""

    settlement: frozenset[str]
    facility: frozenset[str]
    unknown_cues: frozenset[str]
    list_cues: frozenset[str]
    name_heads: frozenset[str]
    prepositions: frozenset[str]
    anchor: frozenset[str]
    anchor_core: frozenset[str]
    org_heads: frozenset[str]
    person_heads: frozenset[str]
    common: frozenset[str]
    never: frozenset[str]
    ambiguous: frozenset[str]
    outlets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    spelling: tuple[tuple[str, str], ...] = ()  # normalised cue/preposition → dictionary spelling

    @property
    def cues(self) -> frozenset[str]:
        return self.settlement | self.facility


@cache
def words() -> Words:
    raw = yaml.safe_load(resources.files("rasid.geo").joinpath("data", "words.yaml").read_text(encoding="utf-8"))

    def norm(key: str) -> frozenset[str]:
        return frozenset(normalize_key(w) for w in raw[key])

    return Words(norm("settlement_cues"), norm("facility_cues"), norm("unknown_name_cues"), norm("list_cues"),
                 norm("name_heads"), norm("prepositions"), norm("anchor_words"), norm("anchor_core"), norm("org_heads"),
                 norm("person_heads"), norm("common_words"), norm("never_names"), norm("ambiguous_names"),
                 tuple((normalize_key(k), tuple(v)) for k, v in (raw.get("outlets") or {}).items()),
                 tuple(_first_spellings(raw, ("settlement_cues", "facility_cues", "prepositions")).items()))


def _first_spellings(raw: dict[str, Any], keys: tuple[str, ...]) -> dict[str, str]:
    """Normalised word → its first spelling in the lists (إلى before الى)."""
    out: dict[str, str] = {}
    for key in keys:
        for word in raw[key]:
            out.setdefault(normalize_key(word), word)
    return out


@dataclass
class Recogniser:
    """The gazetteer's names compiled for one process: matcher and per-name tier."""

    matcher: PhraseMatcher
    tiers: dict[str, str]


def _tier(key: str, places: list[Place], w: Words, cue_keys: frozenset[str]) -> str:
    """How much support a name needs before it counts as a place (see A, B, C, S above):
    curated places, countries, governorates, cities and towns of 20,000 stand alone."""
    if key in w.common or key in w.person_heads:
        return S
    if key in cue_keys or key in w.ambiguous:
        return C
    top = max(places, key=prominence)
    first = key.split(" ", 1)[0]
    # Towns stand alone from their country's threshold (the region model): reports seldom name
    # small Turkish or Egyptian towns, and their Arabic names are often ordinary words (العبور، الوجه).
    curated = any(p.source == "rasid" for p in places)
    if curated or top.kind in ("country", "governorate") or top.population >= region().standalone_population(top.country):
        return A
    if " " in key and first in _TOPONYM_HEADS:
        return A
    if len(key) <= 3:
        return C
    return B


def recogniser(gaz: Gazetteer) -> Recogniser:
    """Compile (once per gazetteer) the phrase matcher over every Arabic name and the tiers."""

    def build() -> Recogniser:
        w = words()
        cue_keys = cue_names()
        matcher = PhraseMatcher()
        tiers: dict[str, str] = {}
        skip = w.never | w.cues | w.prepositions
        for key in gaz.names:
            if len(key) < 3 or key.isdigit() or key in skip:
                continue
            places = gaz.candidates(key)
            if not places:
                continue
            tiers[key] = _tier(key, places, w, cue_keys)
            # Imported gazetteers drop the article (شحيل for الشحيل); a nisba-shaped name with
            # the article is an adjective (سورية → السورية), so those never take it.
            optional = (len(key) >= 4 and not key.startswith("ال") and not key.endswith(("يه", "ي"))
                        and all(p.source not in EMBEDDED_SOURCES for p in places))
            matcher.add(key, key, article_optional=optional)
        return Recogniser(matcher, tiers)

    return gaz.memo("places.recogniser", build)


@dataclass
class _Cand:
    """One possible place mention on its way through recognition and resolution."""

    start: int
    end: int
    nstart: int
    nend: int
    tok: int  # index of its first token
    last_tok: int
    key: str | None  # gazetteer key; None for an unknown name after a cue
    tier: str
    cue: str | None = None
    prep: str | None = None
    cue_kind: str | None = None  # kind announced by an unknown-name cue
    accepted: bool = False
    via_list: bool = False
    anchor: int | None = None  # index (in the candidate list) of the place it is tied to
    place: Place | None = None
    places: list[Place] = field(default_factory=list)
    near: Place | None = None  # the town a facility is named after (جسر إزرع)
    only_tied: bool = False  # accepted only because "X <في/شرقي> Y" ties it to a place


def _stems(word: str, article: bool = True) -> list[str]:
    """The word and its readings without proclitics or (if `article`) the article (وببلدة → بلدة)."""
    out = [word]
    rest = word
    if rest[:1] in ("و", "ف") and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if article and rest.startswith("لل") and len(rest) > 4:
        out.append(rest[2:])
    if article and rest.startswith("ال") and len(rest) > 3:
        out.append(rest[2:])
    return out


def _first(word: str, vocabulary: frozenset[str], article: bool = True) -> str | None:
    """The first reading of `word` (as is, then without clitics) found in `vocabulary`."""
    for stem in _stems(word, article):
        if stem in vocabulary:
            return stem
    return None


class _TokenAt:
    """Index of the token covering a position of the normalised text (bisect over starts)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.starts = [t.nstart for t in tokens]

    def __getitem__(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def __contains__(self, pos: int) -> bool:
        return bool(self.starts) and pos >= self.starts[0]


def _word_before(tokens: list[Token], i: int) -> int:
    """Index of the nearest token before `i` with a letter in it (quotes the normaliser keeps
    as tokens, ‘ ’, are skipped), or -1."""
    i -= 1
    while i >= 0 and not any(ch.isalpha() for ch in tokens[i].norm):
        i -= 1
    return i


_EXAMPLE_WORDS = frozenset({"مثل", "منها", "وهي", "وهم", "كقرى", "ومنها", "مثلا", "بينها", "ومثل", "وهما"})


def _context_before(doc: Doc, c: _Cand, w: Words) -> None:
    """Fill the cue word and the preposition before a candidate (in-word clitics included)."""
    tokens = doc.tokens
    tok = tokens[c.tok]
    inword = doc.norm.text[tok.nstart:c.nstart]
    if inword.endswith("ال"):
        inword = inword[:-2]
    p1 = _word_before(tokens, c.tok)
    p2 = _word_before(tokens, p1) if p1 >= 0 else -1
    prev = tokens[p1].norm if p1 >= 0 else ""
    # A cue word introduces a name in its construct form (بلدة حطلة), never with the article
    # ("المنطقة طوال الليل").
    definite = prev.lstrip("وف")[:1] in ("ب", "ل", "ك") and prev.lstrip("وف")[1:3] == "ال" or \
        prev.lstrip("وف")[:2] in ("ال", "لل")
    cue = _first(prev, w.cues) if prev and inword in ("", "ب", "ل") and not definite else None
    if cue is None and prev in _EXAMPLE_WORDS:
        # "القرى المحيطة بدير الزور مثل الشميطية": the list cue a few words back names the kind.
        for k in range(max(0, p1 - 6), p1):
            hit = _first(tokens[k].norm, w.list_cues)
            if hit:
                cue = hit
    c.cue = cue
    prep = None
    if doc.norm.text[c.nstart:c.nstart + 2] == "لل" and (c.key or "").startswith("ال"):
        prep = "الى"  # the contracted ل+ال stays in the surface (للرقة)
    elif inword.lstrip("وف").startswith("ب"):
        prep = "في"
    elif inword.lstrip("وف").startswith("ل"):
        prep = "الى"
    if prev:
        stem = _first(prev, w.prepositions, article=False)  # الشمالي is an adjective, شمالي a preposition
        if stem:
            prep = stem
            if stem in ("من", "عن") and p2 >= 0:
                before = _first(tokens[p2].norm, w.prepositions)  # بالقرب من → قرب
                if before and before != stem:
                    prep = before
        elif cue and p2 >= 0:
            stem = _first(tokens[p2].norm, w.prepositions, article=False)
            if stem:
                prep = stem
            elif prev[:1] == "ب" or prev[:2] in ("وب", "فب"):
                prep = "في"
    c.prep = prep


def _blocked(doc: Doc, c: _Cand, w: Words, placed: frozenset[int] = frozenset()) -> bool:
    """An organisation or a person named after the place, not the place."""
    if c.tok == 0 or c.cue:
        return False
    tokens = doc.tokens
    if doc.norm.text[tokens[c.tok].nstart:c.nstart] not in ("", "ال"):
        return False  # a clitic (و، ب …) begins a new phrase
    p1 = _word_before(tokens, c.tok)
    if p1 < 0:
        return False
    prev = tokens[p1].norm
    if doc.text[tokens[p1].start:tokens[p1].end] in _TRUE_PREPOSITIONS:
        return False  # على، إلى، في: normalised, على looks like the name علي
    if _first(prev, w.org_heads) and not _first(prev, w.prepositions):
        return True
    if ((c.key or "").startswith("ال") and c.key.endswith(("يه", "ي")) and " " not in c.key
            and prev.startswith(("ال", "لل")) and p1 not in placed and not doc.text[tokens[p1].end:c.start].strip()
            and not _first(prev, w.prepositions) and not _first(prev, w.cues)):
        return True  # an adjective agreeing with the noun before it: الاحتجاجات السلمية، الحدود السورية
    if prev in w.person_heads:
        return True
    p2 = _word_before(tokens, p1)
    return bool(p2 >= 0 and tokens[p2].norm in ("ابو", "ام", "ابن", "بن") and prev not in w.prepositions)


_TRUE_PREPOSITIONS = frozenset({"على", "إلى", "الى", "في", "من", "عن", "حتى", "لدى"})


def _candidates(doc: Doc, rec: Recogniser, gaz: Gazetteer, w: Words) -> list[_Cand]:
    """Foreign bases, then the longest gazetteer names, then unknown names after cues; in
    text order, each with its deduplicated gazetteer readings."""
    tindex = _TokenAt(doc.tokens)
    matches = [m for m in rec.matcher.find_all(doc.norm) if _free(doc, m, rec)]
    cands = _foreign_bases(doc, tindex)
    for m in longest_non_overlapping(matches):
        if any(c.nstart < m.nend and m.nstart < c.nend for c in cands):
            continue
        key = m.payloads[0]
        cands.append(_new_cand(m, key, rec.tiers.get(key, B), tindex))
    unknown, superseded = _unknown_names(doc, cands, w, tindex)
    cands = [c for c in cands if c not in superseded] + unknown
    cands.sort(key=lambda c: c.nstart)
    for c in cands:
        if c.key is not None:
            c.places = dedupe(gaz.candidates(c.key))
    return cands


def _free(doc: Doc, m: PhraseMatch, rec: Recogniser) -> bool:
    """Not inside an actor or weapon name, and not a hashtag (#جبل_الزاوية).

    A country whose name *is* an actor mention (إيران for the Iranian state) stays a place
    too: reports use the one name for both, and the place is what maps need.
    """
    if "_" in doc.text[m.start:m.end] or doc.text[max(0, m.start - 1):m.start] in ("#", "_"):
        return False
    for other in doc.mentions:
        if other.kind in ("actor", "weapon") and other.start < m.end and m.start < other.end:
            if (other.start, other.end) == (m.start, m.end) and rec.tiers.get(m.payloads[0]) == A:
                continue
            return False
    return True


def _new_cand(m: PhraseMatch, key: str | None, tier: str, tindex: _TokenAt) -> _Cand:
    return _Cand(m.start, m.end, m.nstart, m.nend, tindex[m.nstart], tindex[m.nend - 1], key, tier)


def _plausible_name(word: str, w: Words) -> bool:
    """Whether a word after a cue can be an unknown place's name (not a common word,
    preposition, number, pronoun-suffixed noun or indefinite adjective)."""
    if word in w.name_heads:
        return True
    if len(word) < 3 or any(ch.isdigit() for ch in word) or not re.fullmatch(r"[\u0621-\u064a]+", word):
        return False
    if word in w.common or word in w.never or word in w.prepositions or word in w.cues or word in w.org_heads:
        return False
    if _first(word, w.cues) or _first(word, w.prepositions):
        return False
    if not word.startswith("ال") and word.endswith("يه") and len(word) >= 5:
        return False  # an indefinite nisba adjective: قرية حدودية، أحياء سكنية
    if word.startswith(("لل", "بال", "كال", "فال")):
        return False  # a preposition with the article: مخيم للنازحين
    return not (_PRONOUN_END.search(word) and not word.startswith("ال") and len(word) <= 5)


_LIST_GAP = re.compile(r"[\s،,\-–—\"“”«»']*")
_WEAK_CUES = frozenset({"منطقه", "مناطق"})


@cache
def _cue_forms(w: Words) -> dict[str, str]:
    """Every written form of an unknown-name cue (وببلدة، القرى …) → the cue."""
    out: dict[str, str] = {}
    for cue in w.unknown_cues | _WEAK_CUES:
        for conj in ("", "و", "ف"):
            for prep in ("", "ب", "ل", "ك"):
                out.setdefault(conj + prep + cue, cue)
    return out


def _unknown_names(doc: Doc, known: list[_Cand], w: Words, tindex: _TokenAt) -> tuple[list[_Cand], list[_Cand]]:
    """Names after a cue word that the gazetteer lacks (ببلدة أبريهة، قرى الشعاب وخازمة).

    One word, or two when the first is a toponym head (تل السمن، عين علي). After a plural
    or dual cue (or "مثل" after one), the list goes on: items joined by و, a comma or a
    dash, known names stepped over. After a weak cue (منطقة) only two-word names with a
    toponym head count (منطقة كفر عبد, not منطقة عسكرية). Returns the new candidates and the
    known ones they swallow (a head before a known name: أم الحوش).
    """
    tokens = doc.tokens
    owner = {}
    for c in known:
        for k in range(c.tok, c.last_tok + 1):
            owner[k] = c
    out: list[_Cand] = []
    superseded: list[_Cand] = []
    forms = _cue_forms(w)
    for i, t in enumerate(tokens[:-1]):
        cue = forms.get(t.norm)
        if cue is None and t.norm in _EXAMPLE_WORDS:
            for k in range(max(0, i - 6), i):
                cue = _first(tokens[k].norm, w.list_cues) or cue
        if cue is None or t.norm.startswith("ال") or i in owner:
            continue
        is_list = cue in w.list_cues
        j, first = i + 1, True
        while j < len(tokens):
            if not any(ch.isalpha() for ch in tokens[j].norm):
                j += 1
                continue
            word = tokens[j].norm
            head = word
            if not first:
                gap = doc.text[tokens[j - 1].end:tokens[j].start]
                if word.startswith("و") and (len(word) > 3 or word[1:] in w.name_heads) \
                        and gap.strip(" \"“”«»‘’'") == "":
                    head = word[1:]
                elif not (_LIST_GAP.fullmatch(gap) and gap.strip()):
                    break
            if j in owner:  # a known name in the list: step over it
                if not is_list:
                    break
                j, first = owner[j].last_tok + 1, False
                continue
            if not _plausible_name(head, w):
                break
            last = j
            if head in w.name_heads:
                second = tokens[j + 1].norm if j + 1 < len(tokens) else ""
                written = doc.text[tokens[j + 1].start:tokens[j + 1].end] if j + 1 < len(tokens) else ""
                part = owner.get(j + 1)
                if part is not None and part.key is not None and part.tok == part.last_tok == j + 1:
                    superseded.append(part)  # "أم الحوش": the known "الحوش" is part of a longer name
                    del owner[j + 1]
                if (j + 1 not in owner and second.isalpha() and len(second) >= 2 and second not in w.never
                        and written not in _TRUE_PREPOSITIONS and not _first(second, w.cues)
                        and (second not in w.common or second in w.person_heads)):
                    last = j + 1
                else:
                    break
            elif cue in _WEAK_CUES:
                break
            nstart = tokens[j].nstart + (len(word) - len(head))
            nend = tokens[last].nend
            start, end = doc.norm.to_original(nstart, nend)
            if doc.occupied(start, end, ("actor", "weapon")):
                break
            facility = cue in w.facility
            if facility and first:
                nstart = t.nstart + (len(t.norm) - len(cue)) if t.norm.endswith(cue) else t.nstart
                start = doc.norm.to_original(nstart, nend)[0]
            c = _Cand(start, end, nstart, nend, tindex[nstart], last, None, B, cue=cue, cue_kind=cue)
            out.append(c)
            for k in range(j, last + 1):
                owner[k] = c
            if not is_list:
                break
            j, first = last + 1, False
    return out, [c for c in superseded if c not in out]


def _foreign_bases(doc: Doc, tindex: _TokenAt) -> list[_Cand]:
    """"القاعدة الروسية", "السفارة الأمريكية": a foreign base or mission, placed by context."""
    out = []
    for m in _FOREIGN_BASES.finditer(doc.norm.text):
        ns, ne = m.start(), m.end()
        start, end = doc.norm.to_original(ns, ne)
        if doc.occupied(start, end, ("actor", "weapon")) or ns not in tindex:
            continue
        head = m.group(1).removeprefix("ال")
        kind = "facility" if head in ("سفاره", "قنصليه") else "base"
        out.append(_Cand(start, end, ns, ne, tindex[ns], tindex[ne - 1], None, B, cue_kind=kind))
    return out


def _gap_ties(doc: Doc, left: _Cand, right: _Cand, w: Words) -> bool:
    """Whether the words between two candidates tie the first to the second (X شرقي Y)."""
    between = doc.norm.text[left.nend:right.nstart].split()
    head = right.key.split(" ", 1)[0] if right.key else ""
    if between == ["ب"] or (between == ["في"] and (head in w.settlement or head in ("ريف", "ريفي", "باديه"))):
        return True  # "X بالبوكمال", "X بريف Y", "حي X في مدينة Y"
    if not between or len(between) > 5 or all(word in _CLITICS for word in between):
        return False
    core = False
    for word in between:
        if word in _CLITICS:
            continue
        if re.fullmatch(r"\d+(\.\d+)?(كم|كيلو)?", word):
            core = core or not word.isdigit()
            continue
        if not _first(word, w.anchor):
            return False
        core = core or word in w.anchor_core or _first(word, w.anchor_core) is not None
    return core


_COORD_GAP = re.compile(r"[\s،,\-–—\"“”«»‘’']*و?\s*")


def _coordinated(doc: Doc, left: _Cand, right: _Cand) -> bool:
    """"X وY" or "X، Y": the two stand in one list."""
    gap = doc.text[left.end:right.start]
    return bool(_COORD_GAP.fullmatch(gap)) and (
        any(ch in gap for ch in "و،,-–—") or doc.norm.text[right.nstart - 1: right.nstart] == "و")


def _recognise(doc: Doc, cands: list[_Cand], w: Words, prior: Context) -> None:
    """Decide which candidates are places (left to right, lists inherit acceptance)."""
    placed = frozenset(k for c in cands for k in range(c.tok, c.last_tok + 1))
    for c in cands:
        _context_before(doc, c, w)
        if _blocked(doc, c, w, placed):
            c.tier = "X"
    for i, c in enumerate(cands[:-1]):
        nxt = cands[i + 1]
        if _gap_ties(doc, c, nxt, w) and nxt.tier in (A,) and nxt.key is not None:
            c.anchor = i + 1
    accepted_keys: set[str] = set()
    for _round in range(2):
        for i, c in enumerate(cands):
            if c.accepted or c.tier == "X":
                continue
            prev = cands[i - 1] if i > 0 else None
            listed = prev is not None and prev.accepted and _coordinated(doc, prev, c) and (
                prev.via_list or (prev.cue in w.list_cues) or prev.tier == A or c.tier in (A, B))
            tied = c.anchor is not None
            strong = c.cue is not None and c.cue not in _WEAK_FACILITY_CUES
            if c.key is None:
                other = bool(c.cue_kind)
            elif c.tier == A:
                other = True
            elif c.tier == B:
                # After a bare في/من/إلى a village name must also fit the report's governorates:
                # "في الكشف" is an action, not al-Kashf; "قرب/شرقي X" needs no such support.
                by_prep = bool(c.prep) and not _VERBAL_NOUN.fullmatch(c.key) and (
                    c.prep not in _GENERIC_PREPS or " " in c.key or _in_context(c, cands, prior))
                other = bool(c.cue or by_prep or listed or c.key in accepted_keys)
            elif c.tier == C:
                other = bool(strong or listed or (c.prep and _in_context(c, cands, prior)))
            else:
                other, tied = bool(strong or listed), False  # ordinary words are never tied in
            c.accepted = other or tied
            if c.accepted:
                c.only_tied = not other
                c.via_list = listed and not c.cue
                if c.key:
                    accepted_keys.add(c.key)
    live = [c for c in cands if c.accepted]
    for left, right in zip(live, live[1:], strict=False):
        if left.anchor is None and right.key is not None and _gap_ties(doc, left, right, w):
            left.anchor = cands.index(right)


def _in_context(c: _Cand, cands: list[_Cand], prior: Context) -> bool:
    """A country, or a candidate of the same governorate as the report's strong places (or
    its outlet's home region)."""
    if any(p.kind == "country" for p in c.places):
        return True
    admin1 = {p.admin1 for o in cands if o.accepted and o.tier == A for p in o.places[:1] if p.kind != "country"}
    admin1 |= set(prior.admin1)
    return any(p.admin1 in admin1 for p in c.places)


# Cues naming a part of a town (its square, bridge, checkpoint): the name after them is
# that part's own name, not the town of the same name elsewhere (ساحة الكرامة).
_INNER_CUES = frozenset(normalize_key(w) for w in ("حي", "أحياء", "حيي", "ساحة", "دوار", "شارع", "مشفى",
                                                      "مستشفى", "سجن", "فرع", "حاجز", "مقر", "جسر", "مفرزة"))
_NAMED_AFTER_TOWN = frozenset(normalize_key(w) for w in ("جسر", "دوار", "حاجز", "مفرزة", "فرع", "مقر"))
_INNER_KINDS = frozenset({"neighbourhood", "facility", "base", "camp", "airport"})
FAR_KM = 400.0
_VILLAGE_CUES = frozenset(normalize_key(w) for w in ("بلدة", "بلدات", "بلدتي", "قرية", "قرى", "قريتي", "مزرعة",
                                                     "مزارع", "بلدتا", "قريتا"))
ANCHOR_KM = 120.0
TIED_ONLY_KM = 60.0


OUTLET_WEIGHT = 0.4


def _outlet_prior(outlet: str | None, w: Words) -> Context:
    """The home region of the report's outlet, as weak context (نورث برس → north-east Syria)."""
    ctx = Context()
    key = normalize_key(outlet or "")
    for name, home in w.outlets:
        if key and name in key:
            country, *admin1 = home
            ctx.countries[country] = OUTLET_WEIGHT
            for a1 in admin1:
                ctx.admin1[a1] = OUTLET_WEIGHT
            break
    return ctx


def _resolve(cands: list[_Cand], prior: Context) -> None:
    """Pick each accepted candidate's place: unambiguous ones first, then the rest in context
    (the report's own places, and the outlet's home region as a weak prior)."""
    ctx = prior.copy()
    chosen = [c for c in cands if c.accepted and c.places]
    for c in chosen:
        if c.cue in _INNER_CUES:
            inner = [p for p in c.places if p.kind in _INNER_KINDS]
            c.places = inner or ([p for p in c.places if p.kind in ("town", "village", "city")]
                                 if c.cue in _NAMED_AFTER_TOWN and c.tier in (A, B) else [])
            if not inner:
                c.cue_kind = "facility" if c.cue in _NAMED_AFTER_TOWN else c.cue
    chosen = [c for c in chosen if c.places]
    for c in chosen:
        if len(c.places) == 1 or (c.tier == A and prominence(c.places[0]) - prominence(c.places[1]) > 2.5):
            c.place = c.places[0]
            ctx.add(c.place, 1.0 if c.place.kind not in ("area", "badia", "governorate") else 1.5)
    for _round in range(2):
        for c in chosen:
            if c.place is not None and (len(c.places) == 1 or _round == 1):
                continue
            anchor = cands[c.anchor].place if c.anchor is not None else None
            c.place = best(c.places, ctx, c.cue, anchor)
        if _round == 0:
            ctx = prior.copy()
            for c in chosen:
                if c.place is not None:
                    ctx.add(c.place)
    # A name whose reading lies far from everything else the report names, or in a country the
    # report does not otherwise name, takes a namesake that fits; failing that, a weak name (or
    # one a cue or list marks as a village) is an unknown local place sharing a distant
    # namesake's name (خازمة in Suwayda, not Yemen; صيدا in a list of Raqqa villages, not Sidon).
    firm = [c for c in chosen if c.tier == A and not (c.via_list or c.cue in _VILLAGE_CUES)]
    for c in chosen:
        p = c.place
        if p is None or p.lat is None or p.lon is None:
            continue
        # Judge it against the report's well-known places (all the others when it has none).
        pool = [o for o in (firm if any(o is not c for o in firm) else chosen) if o is not c and o.place is not None]
        others = [(o.place.lat, o.place.lon) for o in pool if o.place.lat is not None and o.place.kind != "country"]
        countries = {o.place.country for o in pool if o.place.country}

        def fits(q: Place, others: list[tuple[float, float]] = others, countries: set[str] = countries) -> bool:
            # Curated places are ones reports name across borders (عرسال، الرمثا): only distance counts.
            home = not countries or q.country in countries or q.source == "rasid"
            return q.lat is not None and q.lon is not None and home and (
                not others or min(km(q.lat, q.lon, lat, lon) for lat, lon in others) <= FAR_KM)

        if fits(p) or (c.tier == A and not (c.via_list or c.cue in _VILLAGE_CUES)):
            continue  # a well-known place abroad stands (أنقرة، جنيف) unless a cue or list makes it a village
        alternatives = [q for q in c.places if q is not p and fits(q)]
        if alternatives:
            c.place = best(alternatives, ctx, c.cue, cands[c.anchor].place if c.anchor is not None else None)
        else:
            c.place = None
            c.cue_kind = c.cue_kind or c.cue or "village"
            c.accepted = not c.only_tied
    for c in chosen:
        anchor = cands[c.anchor].place if c.anchor is not None else None
        p = c.place
        reach = TIED_ONLY_KM if c.only_tied else ANCHOR_KM  # a name only the tie supports must lie close
        if (anchor is not None and p is not None and c.tier != A and None not in (p.lat, anchor.lat)
                and anchor.kind not in ("country",) and km(p.lat, p.lon, anchor.lat, anchor.lon) > reach):
            c.place = None  # "X شمالي درعا" but the only X known lies elsewhere: a local X we lack
            c.cue_kind = c.cue_kind or c.cue or "village"
            c.accepted = not c.only_tied  # ... unless only the tie made X a place ("جولة في واشنطن")
    for c in chosen:
        if c.cue_kind and c.place is not None and c.cue in _INNER_CUES and c.place.kind not in _INNER_KINDS:
            c.near = c.place
            c.place = None


def _reference(c: _Cand, cands: list[_Cand], doc: Doc, w: Words) -> tuple[Place | None, str]:
    """The place an unknown name is coded to — the place it is tied to, its list's, the next
    place it stands beside, or the last place before it — and the words of the tie ("35كم
    شرقي"), from which `_offset` reads a direction."""
    if c.near is not None:
        return c.near, ""
    i = cands.index(c)

    def gap(left: _Cand, right: _Cand) -> str:
        return doc.norm.text[left.nend:right.nstart]

    if c.anchor is not None and cands[c.anchor].place is not None:
        return cands[c.anchor].place, gap(c, cands[c.anchor])
    j = i
    while j + 1 < len(cands) and _coordinated(doc, cands[j], cands[j + 1]):
        j += 1
        if cands[j].anchor is not None and cands[cands[j].anchor].place is not None:
            return cands[cands[j].anchor].place, gap(cands[j], cands[cands[j].anchor])
        if cands[j].place is not None and cands[j].tier == A:
            break
    for o in cands[j + 1:j + 2]:
        if o.place is not None and o.place.kind != "country" and _gap_ties(doc, cands[j], o, w):
            return o.place, gap(cands[j], o)
    before = [o.place for o in reversed(cands[:i]) if o.accepted and o.place is not None and o.place.kind != "country"]
    towns = [p for p in before if p.kind not in REGION_KINDS]
    return (towns or before or [None])[0], ""


_BEARINGS = {normalize_key(w): b for w, b in (
    ("شرق", 90), ("شرقي", 90), ("غرب", 270), ("غربي", 270), ("شمال", 0), ("شمالي", 0), ("جنوب", 180), ("جنوبي", 180))}
_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:كم|كيلو|كيلومتر|كيلومترات)")
DEFAULT_OFFSET_KM = 8.0


def _offset(ref: Place, tie: str) -> tuple[float | None, float | None]:
    """Where "X <n كم> شرقي Y" puts X: Y moved by the stated distance (else a few kilometres)
    in the stated direction; Y itself when the tie names no direction or Y is a region."""
    bearings = [_BEARINGS[word] for word in tie.split() if word in _BEARINGS]
    if ref.lat is None or ref.lon is None or not bearings or ref.kind in REGION_KINDS:
        return ref.lat, ref.lon
    if len(bearings) >= 2 and {bearings[0], bearings[1]} in ({0, 90}, {0, 270}, {180, 90}, {180, 270}):
        x = sum(math.sin(math.radians(b)) for b in bearings[:2])
        y = sum(math.cos(math.radians(b)) for b in bearings[:2])
        bearing = math.degrees(math.atan2(x, y)) % 360
    else:
        bearing = bearings[0]
    stated = _DISTANCE.search(tie)
    return offset(ref.lat, ref.lon, bearing, float(stated.group(1)) if stated else DEFAULT_OFFSET_KM)


def _expansions(doc: Doc, cands: list[_Cand], gaz: Gazetteer) -> list[_Cand]:
    """Second members of coordinated areas: ريفي X الشمالي والشرقي، بادية X وY."""
    out: list[_Cand] = []
    tokens = doc.tokens
    for i, c in enumerate(cands):
        if not (c.accepted and c.key and c.place and c.key.startswith(_AREA_HEADS)):
            continue
        words_ = c.key.split(" ")
        j = c.last_tok + 1
        if j < len(tokens) and tokens[j].norm.startswith("و"):
            adj = tokens[j].norm[1:]
            for table in (_DIR_MASC, _DIR_FEM):
                if words_[-1] in table and adj in table:
                    key = " ".join(words_[:-1] + [adj])
                    places = gaz.candidates(key)
                    if places:
                        e = _Cand(tokens[j].start + 1, tokens[j].end, tokens[j].nstart + 1, tokens[j].nend, j, j,
                                  key, A, cue=words_[0], accepted=True, places=places, place=places[0])
                        out.append(e)
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and nxt.key and nxt.accepted and _coordinated(doc, c, nxt) and "و" in doc.text[c.end:nxt.start + 1]:
            head = "ريف" if words_[0] == "ريفي" else words_[0]
            places = gaz.candidates(f"{head} {nxt.key}")
            after = nxt.last_tok + 1
            adj = tokens[after].norm if after < len(tokens) else ""
            directed = gaz.candidates(f"{head} {nxt.key} {adj}") if adj in _DIR_MASC or adj in _DIR_FEM else []
            if directed:  # "ريفي حماة الشمالي وإدلب الجنوبي": the second area keeps its direction
                places = directed
                nxt.end, nxt.nend, nxt.last_tok = tokens[after].end, tokens[after].nend, after
            if places:
                nxt.places = places
                nxt.place = places[0]
                nxt.cue = words_[0]
    return out


_UNKNOWN_KINDS = {
    "حي": "neighbourhood", "احياء": "neighbourhood", "حيي": "neighbourhood", "ساحه": "neighbourhood",
    "مخيم": "camp", "معبر": "crossing", "مطار": "airport", "سد": "facility", "جسر": "facility",
    "نبع": "facility", "حرش": "area", "دوار": "facility", "حاجز": "facility", "مشفي": "facility",
    "سجن": "facility", "فرع": "facility", "base": "base", "facility": "facility", "مدينه": "town",
    "مدينتي": "town", "بلده": "town", "بلدات": "town", "بلدتي": "town", "بلدتا": "town",
}


def _mention(doc: Doc, c: _Cand, cands: list[_Cand]) -> Mention:
    p = c.place
    near = bool(c.prep and c.prep in NEAR_CUES)
    spelled = dict(words().spelling)
    attrs: dict[str, Any] = {"cue": spelled.get(c.cue or "", c.cue), "preposition": spelled.get(c.prep or "", c.prep)}
    if p is not None:
        attrs.update(kind=p.kind, admin1=p.admin1, admin2=p.admin2, admin3=p.admin3, country=p.country,
                     geo_precision=geo_precision(p, near))
        return Mention(kind="place", text=doc.text[c.start:c.end], start=c.start, end=c.end, canonical=p.name,
                       id=p.id, lat=p.lat, lon=p.lon, attrs=attrs)
    # An unknown name: coded to the place it is tied to or stands beside (precision 2).
    ref, tie = _reference(c, cands, doc, words())
    lat, lon = _offset(ref, tie) if ref else (None, None)
    kind = _UNKNOWN_KINDS.get(c.cue_kind or "", "village")
    attrs.update(kind=kind, admin1=ref.admin1 if ref else None, admin2=ref.admin2 if ref else None, admin3=None,
                 country=ref.country if ref else None, geo_precision=2 if ref and ref.kind not in
                 ("governorate", "area", "badia", "country") else 3)
    return Mention(kind="place", text=doc.text[c.start:c.end], start=c.start, end=c.end, canonical=None, id=None,
                   lat=lat, lon=lon, attrs=attrs)


def find_places(doc: Doc, gazetteer: Gazetteer) -> None:
    """Append the report's place mentions to `doc.mentions`, in text order (module docstring)."""
    w = words()
    rec = recogniser(gazetteer)
    cands = _candidates(doc, rec, gazetteer, w)
    if not cands:
        return
    prior = _outlet_prior(doc.outlet, w)
    _recognise(doc, cands, w, prior)
    _resolve(cands, prior)
    extra = _expansions(doc, cands, gazetteer)
    final = sorted([c for c in cands if c.accepted] + extra, key=lambda c: c.start)
    for c in final:
        doc.mentions.append(_mention(doc, c, cands))


def location_of(mention: Mention) -> Location:
    """The event `Location` of a place mention: the mention's resolution, as is, inside the
    region; outside it, the country (its point, no admin units, ACLED precision 3)."""
    a = mention.attrs
    iso = a.get("country")
    if iso and not region().covered(iso):
        country = region().get(iso)
        return Location(text=mention.text, start=mention.start, end=mention.end,
                        name=country.name if country else iso, id=f"rasid:{country.id}" if country else None,
                        kind="country", lat=country.lat if country else None, lon=country.lon if country else None,
                        country=iso, geo_precision=3)
    return Location(text=mention.text, start=mention.start, end=mention.end, name=mention.canonical, id=mention.id,
                    kind=a.get("kind"), lat=mention.lat, lon=mention.lon, admin1=a.get("admin1"),
                    admin2=a.get("admin2"), admin3=a.get("admin3"), country=a.get("country"),
                    geo_precision=a.get("geo_precision"))
