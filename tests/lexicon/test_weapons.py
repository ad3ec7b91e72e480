"""weapons.yaml: size, schema, and that short sentences find the weapons they name."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from rasid.lexicon.entries import WEAPON_CATEGORIES, Weapon
from rasid.lexicon.load import load_lexicon, load_weapons
from rasid.lexicon.matcher import phrase_variants
from rasid.text.normalize import normalize


def weapon_matches(text: str) -> list[tuple[str, str]]:
    """(weapon id, surface) of every weapon the entity matcher finds in `text`."""
    found = []
    for match in load_lexicon().entities.find(normalize(text)):
        for payload in match.payloads:
            if isinstance(payload, Weapon):
                found.append((payload.id, text[match.start : match.end]))
    return found


def weapon_ids(text: str) -> set[str]:
    return {wid for wid, _ in weapon_matches(text)}


def test_at_least_150_entries() -> None:
    assert len(load_weapons()) >= 150


def test_every_category_is_represented() -> None:
    used = {w.category for w in load_weapons().values()}
    assert used == set(WEAPON_CATEGORIES)


def test_ids_names_and_calibres() -> None:
    for weapon in load_weapons().values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", weapon.id), weapon.id
        assert weapon.name.strip(), weapon.id
        assert weapon.aliases, weapon.id
        if weapon.calibre_mm is not None:
            assert 0 < weapon.calibre_mm <= 400, weapon.id


def test_fixed_calibres() -> None:
    weapons = load_weapons()
    assert weapons["zu23"].calibre_mm == 23
    assert weapons["dshk"].calibre_mm == 12.7
    assert weapons["kpv"].calibre_mm == 14.5
    assert weapons["bm21_grad"].calibre_mm == 122
    assert weapons["mortar_120"].calibre_mm == 120
    assert weapons["mortar"].calibre_mm is None  # mortars in general have no fixed calibre


def test_an_alias_belongs_to_one_weapon() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for weapon in load_weapons().values():
        for alias in weapon.aliases:
            for key in phrase_variants(alias):
                owners[key].add(weapon.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared
    # The matcher also reads an alias without ال as standing with it: الهاون = هاون.
    clashes = {
        k: (owners[k], owners[k[2:]])
        for k in owners
        if k.startswith("ال") and k[2:] in owners and owners[k] != owners[k[2:]]
    }
    assert not clashes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت قوات النظام أطراف البلدة بالهاون", {"mortar"}),
        ("انفجرت إحدى العبوات الناسفة قرب الجسر والعبوات الناسفة الأخرى فُككت", {"ied"}),
        ("وصلت 4 سيارات دفع رباعي مزودة برشاشات دوشكا", {"technical", "dshk"}),
        ("استهدفت مسيّرة انتحارية مستودعاً للوقود", {"kamikaze_drone"}),
        ("حلّقت طائرات حربية روسية من طراز سو-24 فوق المنطقة", {"warplane", "su24"}),
        ("ضبطت الدورية كمية من الذخائر وقذائف RPG", {"ammunition", "rpg"}),
        ("أصيب راعٍ بانفجار لغم أرضي من مخلفات الحرب", {"landmine", "uxo"}),
        ("دُمّرت دبابة بصاروخ موجه من نوع كورنيت", {"tank", "guided_missile", "kornet"}),
        ("وألقت المروحيات براميل متفجرة على الحي", {"helicopter", "barrel_bomb"}),
        ("فجّر المهاجم سيارة مفخخة ثم تقدم آخر بحزام ناسف", {"vbied", "suicide_belt"}),
        ("ضم الرتل دبابات من طراز T-72 وعربات BMP", {"tank", "t72", "bmp"}),
        ("نشرت روسيا منظومة بانتسير بعد هجوم بصواريخ أرض-أرض", {"pantsir", "surface_to_surface"}),
        ("4 سيارات دفع رباعي مزودة بمضادات أرضية عيار 23 ملم", {"technical", "zu23"}),
        ("قُصفت القرية بمدفع هاون عيار 120 وقذائف مدفعية", {"mortar_120", "artillery_shells"}),
        ("اشتباكات بالأسلحة الخفيفة والمتوسطة", {"small_arms"}),
        ("عُثر بحوزتهم على بنادق كلاشنكوف ومسدسات", {"kalashnikov", "pistol"}),
        ("اتهامات باستخدام غاز الكلور في القصف", {"chlorine"}),
        ("انسحب رتل من 20 آلية عسكرية وآليتين عسكريتين وناقلات جند", {"military_vehicle", "apc"}),
        ("أصيب عنصر برصاص القناصة الحرارية على خط التماس", {"thermal_sniper"}),
        ("أطلقت الفصائل صواريخ غراد على مواقع النظام", {"bm21_grad"}),
        ("تستخدم القوات مسيرات FPV وطائرات بيرقدار", {"fpv_drone", "bayraktar"}),
        ("رصدت فرقاطة روسية قبالة طرطوس", {"warship"}),
        ("للطائرات المسيرة دور متزايد في المعارك", {"drone"}),
        ("ضُبطت أسلحة وذخائر ومتفجرات في المستودع", {"arms_and_ammunition", "explosives"}),
        ("ألقى مجهولون قنبلة يدوية على المحل", {"hand_grenade"}),
        ("استُخدمت رشاشات 14.5 وشيلكا في التصدي", {"kpv", "shilka"}),
        ("دخلت همرات وعربات برادلي أمريكية إلى القاعدة", {"humvee", "bradley"}),
        ("صواريخ مضادة للدروع وراجمات صواريخ", {"atgm", "mlrs"}),
        ("سيارة مزودة برشاش ١٤٫٥ وأخرى برشاش ٢٣", {"kpv", "zu23"}),
        ("قتل طعناً بسكين على يد مجهولين", {"bladed_weapon"}),
        # the region's print
        ("دمرت القوات طقمين عسكريين وأطقم أخرى", {"technical"}),
        ("اقتحمت عربات قتالية وتاتشرات القرية", {"technical"}),
        ("قصفت الأحياء بالدانات ودانات مدفعية ثقيلة", {"artillery_shells"}),
        ("جرفت جرافات الاحتلال الشارع بجرافة D9", {"engineering_vehicle"}),
        ("أصيب شاب بالرصاص المعدني المغلف بالمطاط", {"rubber_bullets"}),
        ("أطلقت الجماعة صاروخا باليستيا من طراز فلسطين 2", {"ballistic_missile"}),
        ("أعلن المتحدث إطلاق صاروخ فلسطين 2 الفرط صوتي ومسيرات يافا", {"houthi_ballistic_missiles", "houthi_drones"}),
        ("استهدف المقاتلون دبابة بقذيفة الياسين 105 وعبوة شواظ", {"tank", "yassin_105", "shawaz_charge"}),
    ],
)
def test_sentences_find_their_weapons(text: str, expected: set[str]) -> None:
    assert weapon_ids(text) == expected


def test_surface_keeps_the_article_and_drops_the_clitic() -> None:
    assert ("mortar", "الهاون") in weapon_matches("قصفت البلدة بالهاون")
    assert ("ied", "العبوات الناسفة") in weapon_matches("تفكيك والعبوات الناسفة")
    # ل + ال contracts to لل: the surface is the token as it stands (FORMAT.md).
    assert ("drone", "للطائرات المسيرة") in weapon_matches("دور متزايد للطائرات المسيرة في المعارك")


@pytest.mark.parametrize(
    "text",
    [
        "نشرت الصفحة على فيس بوك صورة للموقع",  # بوك (Buk) only as منظومة بوك
        "قال شاهد عيان إن الدخان غطى المكان",  # شاهد (Shahed) only with مسيرة/136
        "سافر اللاعب إلى مدينة ميلان الإيطالية",  # ميلان (MILAN) only as صواريخ ميلان
        "أكدت مصادر طبية أن السيارة مدمرة بالكامل",  # مدمرة (destroyer) only as مدمرة حربية
        "وأشار إليه البيان بالاسم",  # آلية normalises to اليه = إليه
        "نفذت القوات قصفاً صاروخياً مكثفاً",  # the adjective (accusative) is no weapon mention
        "في ذكرى عملية طوفان الأقصى خرج سكان يافا",  # طوفان and يافا name weapons only after a noun
        "زار الوفد مدينة القدس وفلسطين",
    ],
)
def test_common_words_are_not_weapons(text: str) -> None:
    assert weapon_ids(text) == set()
