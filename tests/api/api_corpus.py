"""A small database for the API and browser tests: five reports written for these tests.

The extraction of each report is written by hand here (a fixture extractor handed to
`Store.ingest_text`), so the web tests check the web layer — highlighting, escaping, maps,
filters — against known events and spans, whatever the real extractor currently reads.
One report is hostile: markup in its text, outlet, URL, actor names, place and note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasid.model import ActorRef, Event, Evidence, Extraction, ForceItem, Location, Mention

XSS_TEXT = (
    '<script>window.__pwned=1</script> قصفت طائرة مسيرة مجهولة "><img src=x onerror="window.__pwned=2"> '
    "موقعاً عسكرياً قرب مدينة الرقة </textarea><svg onload=window.__pwned=3> فجر اليوم."
)

REPORTS: list[dict[str, Any]] = [
    {
        "id": "hatla-reinforcement",
        "published": "2024-05-06",
        "outlet": "SY24",
        "url": "https://example.org/sy24/hatla",
        "text": (
            "أرسلت الميليشيات الإيرانية تعزيزات عسكرية إلى بلدة حطلة في ريف دير الزور الشمالي، "
            "بعد انسحاب معظم القوات الروسية من البلدة مع بقاء مقر يضم عناصر من الشرطة العسكرية الروسية.\n"
            "وضمت التعزيزات خمس سيارات دفع رباعي مزودة برشاشات عيار 23 ملم وراجمة صواريخ من نوع غراد، "
            "إضافة إلى 40 عنصراً من ميليشيا فاطميون والحرس الثوري الإيراني."
        ),
    },
    {
        "id": "kansafra-shelling",
        "published": "2024-05-03",
        "outlet": "Enab Baladi",
        "url": None,
        "text": (
            "قصفت قوات النظام السوري بالمدفعية الثقيلة بلدة كنصفرة في جبل الزاوية جنوبي إدلب صباح اليوم، "
            "ما أدى إلى مقتل مدنيين اثنين وإصابة ثلاثة آخرين."
        ),
    },
    {
        "id": "sweida-protest",
        "published": "2024-05-08",
        "outlet": "Suwayda 24",
        "url": None,
        "text": "تظاهر مئات المحتجين في ساحة الكرامة وسط مدينة السويداء للمطالبة بالإفراج عن المعتقلين.",
    },
    {
        "id": "dhiban-clash",
        "published": "2024-05-01",
        "outlet": "Deir Ezzor 24",
        "url": None,
        "text": (
            "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم داعش في بلدة ذيبان "
            "بريف دير الزور الشرقي، أسفرت عن مقتل ثلاثة عناصر من قسد."
        ),
    },
    {
        "id": "xss-report",
        "published": "2024-05-10",
        "outlet": '<b>Evil</b> "outlet"><img src=x onerror="window.__pwned=7">',
        "url": "javascript:window.__pwned=8",
        "text": XSS_TEXT,
    },
]

HATLA = (35.367, 40.183)
PLACES = {
    "حطلة": ("Hatla", 35.367, 40.183, "Deir ez-Zor"),
    "دير الزور": ("Deir ez-Zor", 35.336, 40.141, "Deir ez-Zor"),
    "كنصفرة": ("Kansafra", 35.620, 36.530, "Idlib"),
    "إدلب": ("Idlib", 35.931, 36.632, "Idlib"),
    "السويداء": ("As-Suwayda", 32.709, 36.566, "As-Suwayda"),
    "ذيبان": ("Dhiban", 35.020, 40.500, "Deir ez-Zor"),
    "الرقة": ('<img src=x onerror="window.__pwned=5">', 35.950, 39.010, "Raqqa"),
}


def span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of `sub` in `text`; fails loudly when absent."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def _mention(text: str, kind: str, sub: str, canonical: str | None = None, **extra: Any) -> Mention:
    start, end = span(text, sub)
    return Mention(kind=kind, text=sub, start=start, end=end, canonical=canonical, **extra)


def _place(text: str, sub: str) -> Mention:
    name, lat, lon, _admin1 = PLACES[sub]
    return _mention(text, "place", sub, name, lat=lat, lon=lon)


def _loc(text: str, sub: str) -> Location:
    name, lat, lon, admin1 = PLACES[sub]
    start, end = span(text, sub)
    return Location(
        text=sub,
        start=start,
        end=end,
        name=name,
        lat=lat,
        lon=lon,
        admin1=admin1,
        country="SY",
        geo_precision=1,
    )


def _actor(text: str, sub: str, canonical: str, actor_id: str | None, inter: str | None = None) -> ActorRef:
    start, end = span(text, sub)
    return ActorRef(text=sub, canonical=canonical, id=actor_id, inter=inter, start=start, end=end)


def _ev(text: str, field: str, sub: str) -> Evidence:
    start, end = span(text, sub)
    return Evidence(field=field, text=sub, start=start, end=end)


def _force(text: str, kind: str, name: str, sub: str, count: int | None, **extra: Any) -> ForceItem:
    start, end = span(text, sub)
    return ForceItem(kind=kind, name=name, count=count, text=sub, start=start, end=end, **extra)  # type: ignore[arg-type]


def _hatla(t: str) -> tuple[list[Mention], list[Event]]:
    mentions = [
        _mention(t, "actor", "الميليشيات الإيرانية", "Iran-backed militias", id="iran_backed_militias"),
        _place(t, "حطلة"),
        _place(t, "دير الزور"),
        _mention(t, "actor", "القوات الروسية", "Military Forces of Russia", id="russian_forces"),
        _mention(
            t, "actor", "الشرطة العسكرية الروسية", "Russian Military Police", id="russian_military_police"
        ),
        _mention(t, "quantity", "خمس", "5"),
        _mention(t, "weapon", "سيارات دفع رباعي", "Technical (4x4)"),
        _mention(t, "weapon", "رشاشات عيار 23 ملم", "ZU-23-2 (23 mm)"),
        _mention(t, "weapon", "راجمة صواريخ من نوع غراد", "BM-21 Grad"),
        _mention(t, "quantity", "40", "40"),
        _mention(t, "actor", "فاطميون", "Fatemiyoun Brigade", id="fatemiyoun"),
        _mention(t, "actor", "الحرس الثوري الإيراني", "Islamic Revolutionary Guard Corps (IRGC)", id="irgc"),
    ]
    reinforcement = Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=_actor(
            t, "الميليشيات الإيرانية", "Iran-backed militias", "iran_backed_militias", "Political militia"
        ),
        assoc_actor_1=[
            _actor(t, "فاطميون", "Fatemiyoun Brigade", "fatemiyoun"),
            _actor(t, "الحرس الثوري الإيراني", "Islamic Revolutionary Guard Corps (IRGC)", "irgc"),
        ],
        location=_loc(t, "حطلة"),
        event_date="2024-05-06",
        time_precision=1,
        force=[
            _force(t, "vehicle", "Technical (4x4)", "خمس سيارات دفع رباعي", 5, category="technical"),
            _force(t, "weapon", "ZU-23-2", "رشاشات عيار 23 ملم", None, calibre_mm=23.0),
            _force(t, "weapon", "BM-21 Grad", "راجمة صواريخ من نوع غراد", 1),
            _force(t, "personnel", "fighters", "40 عنصراً", 40),
        ],
        confidence=0.9,
        notes=(
            "On 6 May 2024, Iran-backed militias (with Fatemiyoun and the IRGC) sent reinforcements to "
            "Hatla (Deir ez-Zor): about 5 4x4s with 23 mm guns, a Grad launcher and 40 fighters."
        ),
        evidence=[
            _ev(t, "trigger", "أرسلت الميليشيات الإيرانية تعزيزات عسكرية"),
            _ev(t, "location", "بلدة حطلة"),
            _ev(t, "force", "خمس سيارات دفع رباعي مزودة برشاشات عيار 23 ملم"),
            _ev(t, "force", "راجمة صواريخ من نوع غراد"),
            _ev(t, "force", "40 عنصراً من ميليشيا فاطميون والحرس الثوري الإيراني"),
        ],
    )
    withdrawal = Event(
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        actor1=_actor(
            t, "القوات الروسية", "Military Forces of Russia", "russian_forces", "External/Other forces"
        ),
        location=_loc(t, "حطلة"),
        event_date="2024-05-06",
        time_precision=2,
        confidence=0.7,
        notes="Around 6 May 2024, most Russian forces withdrew from Hatla (Deir ez-Zor), leaving a military police post.",
        evidence=[
            _ev(t, "trigger", "انسحاب معظم القوات الروسية من البلدة"),
            _ev(t, "actor1", "القوات الروسية"),
            _ev(t, "notes", "مع بقاء مقر يضم عناصر من الشرطة العسكرية الروسية"),
        ],
    )
    return mentions, [reinforcement, withdrawal]


def _kansafra(t: str) -> tuple[list[Mention], list[Event]]:
    mentions = [
        _mention(t, "actor", "قوات النظام السوري", "Military Forces of Syria", id="syrian_government_forces"),
        _mention(t, "weapon", "المدفعية الثقيلة", "Heavy artillery"),
        _place(t, "كنصفرة"),
        _place(t, "إدلب"),
        _mention(t, "date", "صباح اليوم", "2024-05-03"),
        _mention(t, "quantity", "مدنيين اثنين", "2"),
    ]
    event = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1=_actor(
            t, "قوات النظام السوري", "Military Forces of Syria", "syrian_government_forces", "State forces"
        ),
        actor2=ActorRef(
            text="مدنيين", canonical="Civilians (Syria)", id="civilians_syria", inter="Civilians"
        ),
        location=_loc(t, "كنصفرة"),
        event_date="2024-05-03",
        time_precision=1,
        fatalities=2,
        injuries=3,
        civilian_targeting=True,
        confidence=0.85,
        notes="On 3 May 2024, Syrian regime forces shelled Kansafra (Idlib) with heavy artillery, killing 2 civilians.",
        evidence=[
            _ev(t, "trigger", "قصفت قوات النظام السوري بالمدفعية الثقيلة"),
            _ev(t, "location", "بلدة كنصفرة"),
            _ev(t, "fatalities", "مقتل مدنيين اثنين"),
        ],
    )
    return mentions, [event]


def _sweida(t: str) -> tuple[list[Mention], list[Event]]:
    mentions = [_mention(t, "quantity", "مئات", "hundreds"), _place(t, "السويداء")]
    event = Event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1=ActorRef(
            text="المحتجين", canonical="Protesters (Syria)", id="protesters_syria", inter="Protesters"
        ),
        location=_loc(t, "السويداء"),
        event_date="2024-05-08",
        time_precision=1,
        confidence=0.8,
        notes="On 8 May 2024, hundreds protested in Karama square in As-Suwayda city demanding the release of detainees.",
        evidence=[_ev(t, "trigger", "تظاهر مئات المحتجين"), _ev(t, "location", "مدينة السويداء")],
    )
    return mentions, [event]


def _dhiban(t: str) -> tuple[list[Mention], list[Event]]:
    mentions = [
        _mention(t, "actor", "قوات سوريا الديمقراطية", "Syrian Democratic Forces (SDF)", id="sdf"),
        _mention(t, "actor", "تنظيم داعش", "Islamic State (ISIS)", id="isis"),
        _place(t, "ذيبان"),
        _place(t, "دير الزور"),
        _mention(t, "quantity", "ثلاثة", "3"),
    ]
    event = Event(
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=_actor(t, "قوات سوريا الديمقراطية", "Syrian Democratic Forces (SDF)", "sdf", "Rebel group"),
        actor2=_actor(t, "تنظيم داعش", "Islamic State (ISIS)", "isis", "Rebel group"),
        location=_loc(t, "ذيبان"),
        event_date="2024-05-01",
        time_precision=1,
        fatalities=3,
        confidence=0.8,
        notes="On 1 May 2024, the SDF clashed with ISIS cells in Dhiban (Deir ez-Zor); 3 SDF members were killed.",
        evidence=[
            _ev(t, "trigger", "اندلعت اشتباكات عنيفة"),
            _ev(t, "fatalities", "مقتل ثلاثة عناصر من قسد"),
        ],
    )
    return mentions, [event]


def _xss(t: str) -> tuple[list[Mention], list[Event]]:
    mentions = [
        _mention(t, "weapon", "طائرة مسيرة", '<b onmouseover="window.__pwned=9">drone</b>'),
        _mention(t, "place", "الرقة", '"><img src=x onerror="window.__pwned=10">', lat=35.95, lon=39.01),
        _mention(
            t, "actor", '"><img src=x onerror="window.__pwned=2">', "<script>window.__pwned=11</script>"
        ),
    ]
    event = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1=ActorRef(
            text="<script>window.__pwned=12</script>",
            canonical='"><img src=x onerror="window.__pwned=13">',
            id="xss_actor",
        ),
        location=_loc(t, "الرقة"),
        event_date="2024-05-10",
        time_precision=1,
        confidence=0.5,
        notes='<script>window.__pwned=14</script> A drone struck near Raqqa. "><img src=x onerror="window.__pwned=15">',
        evidence=[
            _ev(t, "trigger", "قصفت طائرة مسيرة"),
            _ev(t, "notes", "<script>window.__pwned=1</script>"),
        ],
    )
    return mentions, [event]


_BUILDERS = {
    "hatla-reinforcement": _hatla,
    "kansafra-shelling": _kansafra,
    "sweida-protest": _sweida,
    "dhiban-clash": _dhiban,
    "xss-report": _xss,
}


def fixture_extractor(
    text: str, *, id: str | None = None, published: Any = None, outlet: Any = None, url: Any = None
) -> Extraction:  # noqa: A002
    """The hand-written extraction of one corpus report (empty for any other text)."""
    builder = _BUILDERS.get(id or "")
    mentions, events = builder(text) if builder else ([], [])
    return Extraction(
        id=id or "x",
        published=str(published) if published else None,
        outlet=outlet,
        url=url,
        mentions=mentions,
        events=events,
    )


def build_store(path: Path) -> Any:
    """A fresh SQLite store at `path` holding the corpus."""
    from rasid.store import Store

    store = Store.open(str(path))
    for r in REPORTS:
        result = store.ingest_text(
            r["text"],
            id=r["id"],
            published=r["published"],
            outlet=r["outlet"],
            url=r["url"],
            extractor=fixture_extractor,
        )
        assert result.status == "new", result
    return store
