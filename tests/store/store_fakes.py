"""A tiny deterministic stand-in for the extraction pipeline, for store tests.

The store's behaviour (idempotence, fusion, filters, posture, exports) must be tested
independently of how well the real pipeline reads Arabic, and fast enough to ingest
thousands of reports. This extractor knows a handful of places, actors and trigger words
and emits one event per sentence that holds a trigger, with evidence spans.
"""

from __future__ import annotations

import re

from rasid.errors import InputError
from rasid.model import ActorRef, Event, Evidence, Extraction, ForceItem, Location, Mention, Movement
from rasid.text.normalize import arabic_ratio

PLACES = {
    "حطلة": Location(
        text="حطلة", name="Hatla", id="sy-hatla", kind="town", lat=35.37, lon=40.19,
        admin1="Deir ez-Zor", admin2="Deir ez-Zor", admin3="Khasham", country="SY", geo_precision=1,
    ),
    "مراط": Location(
        text="مراط", name="Marrat", id="sy-marrat", kind="village", lat=35.40, lon=40.17,
        admin1="Deir ez-Zor", admin2="Deir ez-Zor", admin3="Khasham", country="SY", geo_precision=1,
    ),
    "الميادين": Location(
        text="الميادين", name="Al-Mayadin", id="sy-mayadin", kind="city", lat=35.02, lon=40.45,
        admin1="Deir ez-Zor", admin2="Al-Mayadin", admin3="Al-Mayadin", country="SY", geo_precision=1,
    ),
    "البوكمال": Location(
        text="البوكمال", name="Al-Bukamal", id="sy-bukamal", kind="city", lat=34.45, lon=40.92,
        admin1="Deir ez-Zor", admin2="Al-Bukamal", admin3="Al-Bukamal", country="SY", geo_precision=1,
    ),
    "تدمر": Location(
        text="تدمر", name="Palmyra", id="sy-palmyra", kind="city", lat=34.56, lon=38.28,
        admin1="Homs", admin2="Tadmor", admin3="Tadmor", country="SY", geo_precision=1,
    ),
    "الموصل": Location(
        text="الموصل", name="Mosul", id="iq-mosul", kind="city", lat=36.34, lon=43.13,
        admin1="Nineveh", admin2="Mosul", admin3="Mosul", country="IQ", geo_precision=1,
    ),
}  # fmt: skip
ACTORS = {
    "الحرس الثوري": ActorRef(text="الحرس الثوري", canonical="Islamic Revolutionary Guard Corps (IRGC)", id="irgc", inter="External/Other forces"),
    "لواء فاطميون": ActorRef(text="لواء فاطميون", canonical="Fatemiyoun Brigade", id="fatemiyoun", inter="Political militia"),
    "القوات الروسية": ActorRef(text="القوات الروسية", canonical="Military Forces of Russia", inter="External/Other forces"),
    "قوات النظام": ActorRef(text="قوات النظام", canonical="Military Forces of Syria", inter="State forces"),
    "تنظيم الدولة": ActorRef(text="تنظيم الدولة", canonical="Islamic State (Syria)", inter="Rebel group"),
}  # fmt: skip
TRIGGERS = {
    "قصف": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "اشتباكات": ("Battles", "Armed clash"),
    "تعزيزات": ("Strategic developments", "Change to group/activity"),
    "انسحاب": ("Strategic developments", "Change to group/activity"),
}
WEAPONS = {"دبابات": ("vehicle", "Tank"), "راجمات": ("weapon", "MLRS"), "عنصر": ("personnel", "personnel")}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
_ARABIC_DATE = re.compile(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})")
_KILLED = re.compile(r"مقتل (\d+)")
_COUNT = re.compile(r"(\d+) (دبابات|راجمات|عنصر)")


def _find(text: str, start: int, end: int, names: dict) -> list[tuple[int, str]]:
    out = []
    for name in names:
        pos = text.find(name, start, end)
        if pos >= 0:
            out.append((pos, name))
    return sorted(out)


def fake_extract(
    text: str, *, published=None, outlet=None, id=None, url=None  # noqa: A002
) -> Extraction:
    """One event per sentence with a trigger word; places, actors, dates, deaths and forces by pattern."""
    if not text.strip():
        raise InputError("the report is empty")
    if arabic_ratio(text) < 0.5:
        raise InputError("the report is not in Arabic (too few Arabic letters)")
    mentions: list[Mention] = []
    events: list[Event] = []
    pos = 0
    for sentence in re.split(r"(?<=\.)", text):
        start, end = pos, pos + len(sentence)
        pos = end
        places = _find(text, start, end, PLACES)
        actors = _find(text, start, end, ACTORS)
        for p, name in places:
            loc = PLACES[name]
            mentions.append(Mention(kind="place", text=name, start=p, end=p + len(name), canonical=loc.name, id=loc.id, lat=loc.lat, lon=loc.lon))
        for p, name in actors:
            mentions.append(Mention(kind="actor", text=name, start=p, end=p + len(name), canonical=ACTORS[name].canonical, id=ACTORS[name].id))
        triggers = _find(text, start, end, TRIGGERS)
        if not triggers or not places:
            continue
        tpos, trigger = triggers[0]
        etype, sub = TRIGGERS[trigger]
        p, place = places[0]
        loc = PLACES[place].model_copy(update={"start": p, "end": p + len(place)})
        refs = [ACTORS[a].model_copy(update={"start": q, "end": q + len(a)}) for q, a in actors]
        date = _DATE.search(text, start, end)
        spelled = _ARABIC_DATE.search(text, start, end)
        day = date.group(0) if date else None
        if spelled and not day:
            month = MONTHS.index(spelled.group(2)) + 1
            day = f"{spelled.group(3)}-{month:02d}-{int(spelled.group(1)):02d}"
        killed = _KILLED.search(text, start, end)
        force = [
            ForceItem(kind=WEAPONS[m.group(2)][0], name=WEAPONS[m.group(2)][1], count=int(m.group(1)), text=m.group(0), start=m.start(), end=m.end())
            for m in _COUNT.finditer(text, start, end)
        ]
        events.append(
            Event(
                event_type=etype,
                sub_event_type=sub,
                actor1=refs[0] if refs else None,
                assoc_actor_1=refs[1:2] if etype == "Strategic developments" else [],
                actor2=refs[1] if len(refs) > 1 and etype != "Strategic developments" else None,
                location=loc,
                event_date=day,
                time_precision=1 if day else 3,
                fatalities=int(killed.group(1)) if killed else None,
                force=force,
                movement=[Movement(role="destination" if trigger == "تعزيزات" else "origin", location=loc)] if etype == "Strategic developments" else [],
                confidence=0.6,
                notes=f"{sub} at {loc.name}",
                evidence=[
                    Evidence(field="trigger", text=trigger, start=tpos, end=tpos + len(trigger)),
                    Evidence(field="location", text=place, start=p, end=p + len(place)),
                ],
            )
        )
    return Extraction(
        id=id or "x", published=str(published) if published else None, outlet=outlet, url=url,
        mentions=mentions, events=events,
    )  # fmt: skip


# Short reports written for these tests (not taken from any outlet): two reinforcements of
# Hatla told by two outlets, a later withdrawal from Hatla, two tellings of one shelling of
# al-Mayadin, the same shelling a week later (a look-alike), a clash near Palmyra, and one
# report in English that extraction refuses.
CORPUS = [
    ("r-hatla-1", "SY24", "2021-05-04", "أرسل الحرس الثوري تعزيزات إلى حطلة تضم 5 دبابات و200 عنصر في 2021-05-03."),
    ("r-hatla-2", "عنب بلدي", "2021-05-05", "وصلت تعزيزات من لواء فاطميون والحرس الثوري إلى بلدة حطلة يوم 2021-05-04 بينها 3 راجمات."),
    ("r-hatla-3", "نورث برس", "2021-06-10", "أكملت القوات الروسية انسحاب عناصرها من حطلة في 2021-06-09."),
    ("r-mayadin-1", "نورث برس", "2021-05-03", "قصف قوات النظام مدينة الميادين في 2021-05-03 ما أدى إلى مقتل 3 مدنيين."),
    ("r-mayadin-2", "SY24", "2021-05-04", "قصفت قوات النظام الأحياء السكنية في الميادين يوم 2021-05-03 وأسفر ذلك عن مقتل 4 أشخاص."),
    ("r-mayadin-3", "SY24", "2021-05-11", "جددت قوات النظام قصف الميادين في 2021-05-10 دون أنباء عن ضحايا."),
    ("r-palmyra-1", "الجزيرة", "2021-07-02", "اندلعت اشتباكات بين قوات النظام وتنظيم الدولة قرب تدمر في 2021-07-01 أسفرت عن مقتل 6."),
    ("r-english", "Reuters", "2021-07-02", "Clashes erupted near Palmyra on Thursday, leaving six dead."),
]  # fmt: skip


_PHRASES = (
    "وأفادت مصادر محلية بأن", "وقال ناشطون إن", "وذكرت شبكة إخبارية أن", "وأكد شهود عيان أن",
    "ولم تعلق الجهات الرسمية على", "وسط حالة من التوتر في", "بعد أيام من الهدوء الحذر في",
    "تزامنا مع تحليق للطيران فوق", "في ظل انقطاع الاتصالات عن", "مع استمرار نزوح الأهالي من",
    "عقب اجتماع لقادة الفصائل في", "بالتزامن مع وصول قافلة مساعدات إلى",
)  # fmt: skip
_SENTENCES = (
    "قصف قوات النظام مدينة {place} في {date} ما أدى إلى مقتل {n} مدنيين.",
    "اندلعت اشتباكات بين قوات النظام وتنظيم الدولة قرب {place} في {date}.",
    "أرسل الحرس الثوري تعزيزات إلى {place} تضم {n} دبابات في {date}.",
)


# Towns and cities of Syria and Iraq, for load tests with the real pipeline (which knows them
# from the gazetteer); the stand-in extractor knows only PLACES.
TOWNS = (
    "حلب", "إدلب", "سراقب", "معرة النعمان", "أريحا", "جسر الشغور", "الرقة", "الطبقة", "منبج", "الباب",
    "عفرين", "اعزاز", "دير الزور", "الميادين", "البوكمال", "حطلة", "الشحيل", "البصيرة", "هجين", "الحسكة",
    "القامشلي", "رأس العين", "تل تمر", "الشدادي", "حمص", "تدمر", "السخنة", "القريتين", "حماة", "السلمية",
    "درعا", "طفس", "جاسم", "نوى", "بصرى الشام", "السويداء", "شهبا", "دوما", "اللاذقية", "جبلة",
    "طرطوس", "بانياس", "الموصل", "تلعفر", "سنجار", "كركوك", "بيجي", "تكريت", "سامراء", "الرمادي",
    "الفلوجة", "القائم", "مخمور",
)  # fmt: skip


def synthetic_reports(
    count: int, seed: int = 7, sentences: int = 1, places: tuple[str, ...] = (), years: int = 1
) -> list[dict[str, str]]:
    """`count` distinct reports of `sentences` event sentences each, at `places` (default PLACES) over `years`."""
    import random

    rng = random.Random(seed)
    places = places or tuple(PLACES)
    out = []
    for i in range(count):
        year, month, mday = 2021 + rng.randrange(years), rng.randint(1, 12), rng.randint(1, 28)
        day = f"{year}-{month:02d}-{mday:02d}"
        spelled = f"{mday} {MONTHS[month - 1]} {year}"
        body = " ".join(
            rng.choice(_SENTENCES).format(place=rng.choice(places), date=spelled, n=rng.randint(1, 60))
            + " "
            + " ".join(rng.sample(_PHRASES, 2))
            for _ in range(sentences)
        )
        extra = " ".join(rng.sample(_PHRASES, 3))
        out.append(
            {
                "id": f"syn-{i:05d}",
                "outlet": rng.choice(["SY24", "عنب بلدي", "نورث برس", "الجزيرة"]),
                "published": day,
                "text": f"{body} {extra} {rng.choice(places)} بحسب البلاغ رقم {i * 7919 % 100003}.",
            }
        )
    return out
