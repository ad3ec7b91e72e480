"""Where a frame's happening took place, and the roles of the other places it names.

The location is the most specific place of the frame: the destination of a convoy, the
origin of a withdrawal, the struck village rather than the district around it. Places
named only to say where another lies (35 كم شرقي دير الزور), whole countries, and the
origins of victims are not locations. Several places struck in one frame are several events.
"""

from __future__ import annotations

from rasid.extract.cues import is_one_of, stem_of
from rasid.extract.doc import Doc
from rasid.extract.frames import Frame
from rasid.extract.rules import rule
from rasid.geo.embedded import km
from rasid.geo.region import region
from rasid.lexicon.load import load_grammar
from rasid.model import Mention
from rasid.rules import enabled
from rasid.text.normalize import normalize_key
from rasid.text.tokenize import strip_proclitics

GRAMMAR = load_grammar()

# Prepositions before a place that give its role in a movement (normalised).
_DESTINATION = GRAMMAR["destination"]

_ORIGIN = GRAMMAR["origin"]

_VIA = GRAMMAR["via"]

WITHDRAWAL_STEMS = tuple(GRAMMAR["withdrawal_stems"])

_DIRECTIONS = GRAMMAR["directions"]

_PLACE_ANAPHORA = {k: v or None for k, v in GRAMMAR.place_anaphora.items()}

_FINE_KINDS = frozenset(
    {
        "town",
        "village",
        "city",
        "neighbourhood",
        "camp",
        "crossing",
        "base",
        "airport",
        "oil_field",
        "gas_field",
        "facility",
        "dam",
        "road",
        "locality",
    }
)

_LEVEL = {
    "country": 5,
    "governorate": 4,
    "badia": 3,
    "area": 3,
    "plain": 3,
    "river": 3,
    "district": 3,
    "mountain": 3,
    "subdistrict": 2,
    "city": 1,
}


# Nouns between a preposition and a place name: "من محيط بلدة X", "إلى ريف Y".
_LOCATIVE = GRAMMAR["locative"]

_NEAR = GRAMMAR["near"]

_COORDINATED = "and"


def _preposition(doc: Doc, mention: Mention) -> str | None:
    """The preposition governing a place, looking back over cue nouns (من محيط بلدة X → من).

    Returns "and" when the place is the next item of a list (وبلدة Y), so that it takes
    the role of the item before it.
    """
    before = doc.words_between(max(0, mention.start - 50), mention.start)[-5:]
    attached = doc.text[mention.start - 1 : mention.start] if mention.start else ""
    if attached == "و":
        return _COORDINATED
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        w = strip_proclitics(word)
        if w == "من" or word == "من":
            return "قرب" if i and before[i - 1] in _NEAR else "من"
        for group in (_DESTINATION, _ORIGIN, _VIA):
            if word in group or w in group:
                return word if word in group else w
        if word in ("في", "داخل") or word in _NEAR:
            return word
        if word in _LOCATIVE or stem_of(word) in _LOCATIVE or word.isdigit():
            continue
        if word[:1] in "وب" and (word[1:] in _LOCATIVE or stem_of(word[1:]) in _LOCATIVE):
            if word[0] == "ب":
                return "في"  # ببلدة، بريف
            if i == len(before) - 1:
                return _COORDINATED  # وبلدة Y
            continue
        break
    if attached == "ب":
        return "في"
    return None


def _names_destination(doc: Doc, frame: Frame) -> bool:
    """Whether the frame says where forces went (إلى، نحو …), whatever follows."""
    return any(w in _DESTINATION for w in doc.words_between(frame.start, frame.end)[:12])


def _roles(doc: Doc, places: list[Mention]) -> list[tuple[str | None, Mention]]:
    """Movement role of each place in text order; list items take the role of the item before."""
    out: list[tuple[str | None, Mention]] = []
    for m in places:
        prep = _preposition(doc, m)
        role = out[-1][0] if prep == _COORDINATED and out else _role(prep)
        out.append((role, m))
    return out


def _role(prep: str | None) -> str | None:
    if prep in _DESTINATION:
        return "destination"
    if prep in _ORIGIN:
        return "origin"
    if prep in _VIA:
        return "via"
    return None


_ADMIN_CUES = GRAMMAR.admin_cues


def place_level(place: Mention) -> int:
    """0 for a point (village, town, base …), higher for larger units; "ناحية X" is the subdistrict."""
    cue = normalize_key(place.attrs.get("cue") or "")
    if cue in _ADMIN_CUES:
        return _ADMIN_CUES[cue]
    kind = place.attrs.get("kind") or "town"
    return 0 if kind in _FINE_KINDS and kind != "city" else _LEVEL.get(kind, 1)


def place_contains(outer: Mention, inner: Mention) -> bool:
    """Whether `outer` is an admin unit or area around `inner` (دير الزور around أبريهة)."""
    if outer is inner or place_level(outer) <= place_level(inner):
        return False
    # "في درعا" may mean the governorate as much as the city, unless the text says مدينة.
    as_region = outer.attrs.get("kind") in ("governorate", "district", "subdistrict", "area", "badia") or (
        outer.attrs.get("kind") == "city"
        and normalize_key(outer.attrs.get("cue") or "") not in ("مدينه", "بمدينه")
        and not normalize_key(outer.text).startswith("مدينه")
    )
    if as_region and any(
        inner.attrs.get(k) and inner.attrs.get(k) == outer.canonical for k in ("admin1", "admin2", "admin3")
    ):
        return True
    if (
        outer.attrs.get("kind") == "country"
        and inner.attrs.get("country")
        and inner.attrs.get("country") == outer.attrs.get("country")
    ):
        return True
    if (
        outer.attrs.get("admin1")
        and outer.attrs.get("admin1") == inner.attrs.get("admin1")
        and place_level(outer) >= 3
    ):
        return True
    return km_apart(outer, inner) < (60 if place_level(outer) >= 3 else 15)


def km_apart(a: Mention, b: Mention) -> float:
    return km(a.lat, a.lon, b.lat, b.lon)


def places_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return doc.mentions_between("place", start, end)


def _anaphoric_place(doc: Doc, frame: Frame) -> Mention | None:
    """ "من البلدة" refers to the last named town before it."""
    words = doc.words_between(frame.start, frame.end)
    for word in words:
        kinds = _PLACE_ANAPHORA.get(strip_proclitics(word), "missing")
        if kinds == "missing":
            continue
        earlier = [m for m in doc.mentions if m.kind == "place" and m.end <= frame.start]
        for m in reversed(earlier):
            if kinds is None or m.attrs.get("kind") in kinds or place_level(m) == 0:
                return m
    return None


def locations(
    doc: Doc, frame: Frame, withdrawal: bool, movement: bool
) -> tuple[list[Mention], list[tuple[str, Mention]]]:
    """The places where the frame's happening took place, and the movement roles of the others."""
    forward = places_in(doc, frame.start, frame.end)
    backward = places_in(doc, frame.back, frame.start)
    candidates = forward + backward
    roles = _roles(doc, forward) + _roles(doc, backward)
    moves = [(r, m) for r, m in roles if r]
    if not candidates:
        anaphor = _anaphoric_place(doc, frame)
        return ([anaphor] if anaphor else []), []
    if movement:
        # Where forces went (or, for a withdrawal, where they left), told after the trigger first.
        wanted = "origin" if withdrawal else "destination"
        chosen = []
        if withdrawal and not [m for r, m in _roles(doc, forward) if r == "origin"]:
            anaphor = _anaphoric_place(doc, frame)  # "انسحاب … من البلدة"
            chosen = [anaphor] if anaphor else []
        for scope in () if chosen else (_roles(doc, forward), _roles(doc, backward)):
            chosen = [m for r, m in scope if r == wanted]
            if not chosen and not withdrawal and _names_destination(doc, frame):
                # "وصل … إلى منطقة النبع ذاتها": the destination is named, just not as a known place.
                anaphor = _anaphoric_place(doc, frame)
                chosen = [anaphor] if anaphor else []
                break
            chosen = chosen or [m for r, m in scope if r is None]
            if chosen:
                break
        if not chosen and withdrawal:
            anaphor = _anaphoric_place(doc, frame)
            chosen = [anaphor] if anaphor else []
        if not chosen or all(too_vague(m) for m in chosen):
            # A shipment "من العراق عبر معبر السكك" is placed at its entry point.
            chosen = [m for r, m in roles if r == "via" and not too_vague(m)] or [
                m for r, m in roles if r != "via"
            ]
    else:
        # "شاب نازح من حطلة": where a victim comes from is not where the event happened;
        # but "تظاهر المئات من أهالي مدينة الباب" protest where they live.
        chosen = [m for r, m in roles if r != "origin"]
        # "قصفت القوات من مواقعها في X قرية Y": the place struck, not the base fired from.
        if enabled("locate.fired_from"):
            chosen = [m for m in chosen if not _fired_from(doc, m)] or chosen
        if not chosen and frame.event_type in ("Protests", "Riots"):
            chosen = candidates
    # A country, or a direction of one (شرقي سوريا), is too vague to place an event; a
    # dateline ("بغداد – شفق نيوز:") says where the outlet wrote, not where it happened.
    told = [m for m in chosen if not _dateline(doc, m) and not _speaks(doc, m)]
    chosen = [m for m in told if not too_vague(m)]
    if not chosen:
        # Outside the region an event is still an event: coded at its country (`location_of`).
        return [m for m in told if outside_region(m)][:1], moves
    # "35 كم شرقي دير الزور": a place named to say where another lies is a reference point.
    chosen = [m for m in chosen if not _distance_reference(doc, m)] or chosen
    anchored = [m for m in chosen if not _after_direction(doc, m)]
    chosen = _between_list(doc, anchored or chosen)
    if enabled("locate.road_ends"):
        # "قرب مفرق دوكركا على طريق القامشلي – المالكية": the road's towns only say where along it.
        ends = _road_ends(doc, candidates)
        chosen = [m for m in chosen if not any(m is e for e in ends)] or chosen
    # Drop the areas and admin units that only say where the specific places lie.
    specific = [
        m for m in chosen if not any(place_contains(m, other) for other in candidates if other is not m)
    ]
    specific = specific or chosen
    finest = min(place_level(m) for m in specific)
    specific = [m for m in specific if place_level(m) == finest]
    # One place named twice is one place.
    unique: list[Mention] = []
    for m in specific:
        if not any(same_place(m, u) for u in unique):
            unique.append(m)
    return unique, moves


def too_vague(m: Mention) -> bool:
    """A country, a part of one named by direction (شرقي سوريا، شمال العراق), or a place outside the
    region (the region model's covered countries; a capital far away, موسكو سحبت …, speaks for a state)."""
    kind = m.attrs.get("kind")
    world = region()
    if kind == "country" or (m.attrs.get("country") and not world.covered(m.attrs["country"])):
        return True
    name = m.canonical or ""
    return kind in ("area", "badia") and (
        not m.attrs.get("admin1") or any(name.endswith(c.name) for c in world.countries.values() if c.covered))


def outside_region(m: Mention) -> bool:
    """A town or site in a country the region model does not cover (coded at that country's level),
    told as a place (after a cue word or a preposition): a bare country or capital says who acts as
    often as where (إيران، موسكو سحبت قواتها)."""
    country = m.attrs.get("country")
    told = bool(m.attrs.get("cue") or m.attrs.get("preposition"))
    return bool(country) and told and m.attrs.get("kind") != "country" and not region().covered(country)


_FIRE_POSITIONS = GRAMMAR["fire_source_positions"]
_FIRE_SOURCES = GRAMMAR["fire_source_words"]
_FROM = GRAMMAR["partitive"]


@rule("locate.fired_from", "location", "a place named as where fire came from is not where it happened")
def _fired_from(doc: Doc, m: Mention) -> bool:
    """A place named as where fire came from: "من مواقعها في X", "مصدرها مواقع في X", "انطلاقا من X"."""
    words = doc.words_between(max(0, m.start - 60), m.start)[-6:]
    for i, word in enumerate(words):
        if is_one_of(word, _FIRE_SOURCES):
            return True
        after_from = i and (words[i - 1] in _FROM or stem_of(words[i - 1]) in _FROM)
        near = i > 1 and words[i - 2] in _NEAR  # "بالقرب من مواقع …" says where, not whence
        if is_one_of(word, _FIRE_POSITIONS) and after_from and not near:
            return True
    return False


_SPEECH = GRAMMAR["speech"] | GRAMMAR["speech_present"]
_THAT = GRAMMAR["that"]


@rule("locate.place_that_speaks", "location", "a capital or country that speaks stands for a state, not a place")
def _speaks(doc: Doc, m: Mention) -> bool:
    if not enabled("locate.place_that_speaks"):
        return False
    before = doc.words_between(max(0, m.start - 20), m.start)[-1:]
    after = doc.words_between(m.end, m.end + 12)[:1]
    return (bool(before) and is_one_of(before[0], _SPEECH)) or (bool(after) and after[0] in _THAT)


def _dateline(doc: Doc, m: Mention) -> bool:
    """A place opening a line and followed by a dash or colon: "بغداد – شفق نيوز:", "دير الزور- نورث برس"."""
    line_start = doc.text.rfind("\n", 0, m.start) + 1
    if doc.text[line_start : m.start].strip(" \t(«\"") != "":
        return False
    after = doc.text[m.end : m.end + 3].lstrip(" ")
    return after[:1] in ("-", "–", "—", ":", "/")


def _after_direction(doc: Doc, m: Mention) -> bool:
    before = doc.words_between(max(0, m.start - 25), m.start)[-2:]
    return any(strip_proclitics(w) in _DIRECTIONS or w in _DIRECTIONS for w in before)


def _distance_reference(doc: Doc, m: Mention) -> bool:
    """ "(370 كم شمال شرق دمشق)": a place given only to measure a distance from."""
    before = doc.words_between(max(0, m.start - 40), m.start)[-5:]
    return (
        any(w in ("كم", "كلم", "كيلو", "كيلومتر", "كيلومترا", "كيلومترات") for w in before)
        and _after_direction(doc, m)
        or (
            len(before) >= 2
            and before[-1] in _DIRECTIONS
            and before[-2] in _DIRECTIONS
            and any(w in ("كم", "كلم") for w in before)
        )
    )


_SPAN_WORDS = GRAMMAR["span_words"]
_ROAD_WORDS = GRAMMAR["road_words"]
_JOINERS = ("-", "–", "—", "", *GRAMMAR["conjunction"])


@rule("locate.road_ends", "location", "towns a road is named after are not where it happened when the clause names another place")
def _road_ends(doc: Doc, places: list[Mention]) -> list[Mention]:
    ends: list[Mention] = []
    for m in sorted(places, key=lambda p: p.start):
        before = doc.words_between(max(0, m.start - 20), m.start)[-2:]
        after_end = bool(ends) and 0 <= m.start - ends[-1].end <= 4 and doc.text[ends[-1].end : m.start].strip() in _JOINERS
        if after_end or any(is_one_of(w, _ROAD_WORDS) for w in before):
            ends.append(m)
    return ends


def _between_list(doc: Doc, places: list[Mention]) -> list[Mention]:
    """ "بين بلدتي محجة والمجيدل", "طريق الحسكة - الشدادي": a stretch is one event, at its finer end
    (the first end when both are alike)."""
    out: list[Mention] = []
    opened: Mention | None = None
    for m in places:
        if opened is not None and out and out[-1] is opened and 0 <= m.start - opened.end <= 12:
            gap = doc.text[opened.end : m.start].strip(" \"'“”«»")
            if gap in ("و", "-", "–", "—", "", "ب") or gap.startswith(("و", "ب")):
                if place_level(m) < place_level(opened):
                    out[-1] = m
                opened = None
                continue
        opened = None
        before = doc.words_between(max(0, m.start - 30), m.start)[-3:]
        if any(w in _SPAN_WORDS for w in before):
            opened = m
        out.append(m)
    return out


def same_place(a: Mention, b: Mention) -> bool:
    if a.id and a.id == b.id:
        return True
    return normalize_key(strip_proclitics(a.text)) == normalize_key(strip_proclitics(b.text))
