"""The actors knowledge file: coverage, parent chains, alias uniqueness and matching in sentences."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from rasid.lexicon.entries import Actor, LocalName
from rasid.lexicon.load import ancestors, load_actors, load_lexicon, spelling_variants
from rasid.text.normalize import normalize, normalize_key

# Every category the file must cover, by the ids that stand for it.
REQUIRED: dict[str, tuple[str, ...]] = {
    "syrian_government": (
        "syria_regime",
        "syrian_government_forces",
        "syrian_army",
        "syrian_air_force",
        "saa_4th_division",
        "saa_25th_division",
        "republican_guard",
        "saa_17th_division",
        "military_security",
        "air_force_intelligence",
        "state_security",
        "political_security",
        "palestine_branch",
        "ndf",
        "baath_brigades",
        "syrian_police",
        "military_housing_establishment",
        "pro_government_militias",
    ),
    "syrian_transitional": (
        "syria_transitional_government",
        "syrian_mod_2024",
        "syrian_moi_2024",
        "general_security",
        "internal_security_command",
        "military_operations_department",
    ),
    "russia": (
        "russia",
        "russian_forces",
        "russian_military_police",
        "russian_air_force",
        "wagner_group",
        "africa_corps",
        "fifth_corps",
        "liwa_al_quds",
    ),
    "iran_and_backed": (
        "iran",
        "irgc",
        "quds_force",
        "fatemiyoun",
        "zainabiyoun",
        "hezbollah",
        "iran_backed_militias",
        "kataib_hezbollah",
        "nujaba",
        "asaib_ahl_al_haq",
        "kataib_sayyid_al_shuhada",
        "badr_organization",
        "kataib_imam_ali",
        "liwa_al_baqir",
        "liwa_313",
        "local_defence_forces",
        "islamic_resistance_iraq",
    ),
    "sdf": (
        "sdf",
        "ypg",
        "ypj",
        "asayish",
        "sdf_deir_ez_zor_military_council",
        "sdf_manbij_military_council",
        "sdf_al_bab_military_council",
        "jaish_al_thuwar",
        "sanadid",
        "autonomous_administration",
        "pkk",
    ),
    "sna_and_opposition": (
        "sna",
        "sultan_murad_division",
        "hamza_division",
        "sultan_suleiman_shah_division",
        "jabhat_al_shamiya",
        "ahrar_al_sharqiya",
        "jaish_al_islam",
        "faylaq_al_sham",
        "suqour_al_sham",
        "jaish_al_nukhba",
        "nfl",
        "syrian_interim_government",
        "syrian_opposition",
        "fsa",
    ),
    "jihadist": (
        "hts",
        "nusra",
        "hurras_al_din",
        "ansar_al_tawhid",
        "tip",
        "ahrar_al_sham",
        "jaish_al_izza",
        "salvation_government",
        "isis",
    ),
    "south": (
        "eighth_brigade",
        "rijal_al_karama",
        "suwayda_military_council",
        "suwayda_national_guard",
        "suwayda_factions",
    ),
    "tribal": ("tribal_forces", "aqidat_tribe", "baggara_tribe", "shammar_tribe", "tribes_generic"),
    "foreign": (
        "turkey",
        "turkish_forces",
        "turkish_drones",
        "turkish_intelligence",
        "united_states",
        "us_forces",
        "international_coalition",
        "israel",
        "israeli_forces",
        "israeli_air_force",
        "jordan",
        "jordanian_forces",
        "united_nations",
        "undof",
    ),
    "iraq": (
        "iraq_government",
        "iraqi_army",
        "iraqi_cts",
        "iraqi_federal_police",
        "pmf",
        "tribal_mobilization",
        "peshmerga",
        "krg_asayish",
        "kdp",
        "puk",
        "ybs",
        "iraqi_intelligence_service",
        "iraqi_security_forces",
        "joint_operations_command",
        "iraqi_border_guards",
    ),
    "generic": (
        "unidentified_armed_group",
        "members_generic",
        "patrol_generic",
        "civilians",
        "children",
        "women",
        "farmers",
        "shepherds",
        "workers",
        "protesters",
        "residents",
    ),
    "media": ("sohr", "snhr", "sana", "enab_baladi", "north_press", "rudaw", "shafaq_news"),
    "yemen": (
        "houthis",
        "houthi_armed_forces",
        "yemen_government",
        "yemen_government_forces",
        "yemen_national_army",
        "yemen_popular_resistance",
        "stc",
        "security_belt",
        "shabwani_elite",
        "giants_brigades",
        "national_resistance",
        "saudi_coalition",
        "saudi_forces",
        "uae_forces",
        "aqap",
        "isis_yemen",
        "yemen_tribes",
    ),
    "sudan": (
        "sudan_government",
        "saf",
        "sudan_air_force",
        "sudan_police",
        "sudan_gis",
        "sudan_mobilised",
        "baraa_bin_malik",
        "rsf",
        "splm_n",
        "splm_n_hilu",
        "splm_n_agar",
        "darfur_joint_force",
        "jem",
        "sla_minnawi",
        "sla_abdel_wahid",
    ),
    "libya": (
        "libya_presidential_council",
        "libya_gnu",
        "libya_gnu_forces",
        "radaa",
        "ssa",
        "brigade_444",
        "brigade_111",
        "directorates_support_force",
        "misrata_forces",
        "lna",
        "tariq_bin_ziyad_brigade",
        "lna_106_brigade",
        "wagner_group",
        "africa_corps",
        "isis_libya",
    ),
    "somalia": (
        "somalia_government",
        "somali_army",
        "somali_police",
        "nisa",
        "au_mission_somalia",
        "puntland_forces",
        "jubaland_forces",
        "somali_clan_militias",
        "al_shabaab",
        "isis_somalia",
        "africom",
    ),
    "lebanon": ("hezbollah", "amal", "lebanese_army", "lebanese_isf", "unifil", "palestinian_factions_lebanon"),
    "palestine_israel": (
        "israeli_forces",
        "israeli_settlers",
        "hamas",
        "qassam_brigades",
        "palestinian_islamic_jihad",
        "quds_brigades",
        "al_aqsa_martyrs",
        "jenin_brigade",
        "tulkarm_battalion",
        "lions_den",
        "pa_security_forces",
        "palestinian_civilians",
    ),
    "egypt_jordan": ("egyptian_forces", "egyptian_police", "wilayat_sinai", "jordanian_forces", "jordanian_security"),
}

# Words too ordinary to stand alone as a name.
FORBIDDEN_ALIASES = (
    "الجيش",
    "الأمن",
    "الهيئة",
    "القاعدة",
    "الحشد",
    "التنظيم",
    "الحزب",
    "حماس",
    "مزارع",
    "المزارع",
)


@pytest.fixture(scope="module")
def actors() -> dict[str, Actor]:
    return load_actors()


def test_enough_actors(actors: dict[str, Actor]) -> None:
    assert len(actors) >= 300


@pytest.mark.parametrize("category", sorted(REQUIRED))
def test_category_is_covered(actors: dict[str, Actor], category: str) -> None:
    missing = [i for i in REQUIRED[category] if i not in actors]
    assert not missing, f"{category}: missing {missing}"
    for actor_id in REQUIRED[category]:
        assert actors[actor_id].aliases, f"{actor_id} has no aliases"


def test_generic_and_media_kinds(actors: dict[str, Actor]) -> None:
    assert all(actors[i].generic for i in REQUIRED["generic"])
    assert all(actors[i].kind == "media" for i in REQUIRED["media"])
    assert actors["civilians"].inter == "Civilians" and actors["civilians"].kind == "civilians"
    assert actors["protesters"].inter == "Protesters"
    assert actors["unidentified_armed_group"].kind == "other"
    # Named actors are never generic.
    for actor_id in ("sdf", "hts", "isis", "syrian_government_forces", "iran_backed_militias", "pmf"):
        assert not actors[actor_id].generic


def test_ids_and_fields(actors: dict[str, Actor]) -> None:
    for actor in actors.values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", actor.id), actor.id
        assert actor.name.strip() and actor.aliases, actor.id
        assert actor.country is None or re.fullmatch(r"[A-Z]{2}", actor.country), actor.id
        for alias in actor.aliases:
            assert isinstance(alias, str) and alias == alias.strip() and normalize_key(alias), (
                actor.id,
                alias,
            )
    names = [a.name for a in actors.values()]
    assert len(names) == len(set(names)), "English names must be unique"


def test_non_obvious_parents_have_a_source(actors: dict[str, Actor]) -> None:
    armed = {"militia", "rebel", "jihadist", "kurdish_forces"}
    missing = [
        a.id for a in actors.values() if a.parent and a.kind in armed and not a.generic and not a.source
    ]
    assert not missing, missing


def test_parent_chains_terminate(actors: dict[str, Actor]) -> None:
    for actor_id, actor in actors.items():
        seen = [actor_id]
        current = actor.parent
        while current is not None:
            assert current in actors, f"{actor_id}: unknown ancestor {current}"
            assert current not in seen, f"cycle: {' -> '.join([*seen, current])}"
            seen.append(current)
            current = actors[current].parent


@pytest.mark.parametrize(
    ("actor_id", "chain"),
    [
        ("fatemiyoun", ["iran_backed_militias", "irgc", "iran"]),
        ("quds_force", ["irgc", "iran"]),
        ("ypg", ["sdf"]),
        ("sdf_deir_ez_zor_military_council", ["sdf"]),
        ("palestine_branch", ["military_security", "syria_security_services", "syria_regime"]),
        ("saa_4th_division", ["syrian_government_forces", "syria_regime"]),
        ("general_security", ["syrian_moi_2024", "syria_transitional_government"]),
        ("russian_military_police", ["russian_forces", "russia"]),
        ("kataib_hezbollah", ["pmf", "iraq_government"]),
        ("jabhat_al_shamiya", ["sna_third_legion", "sna", "syrian_interim_government"]),
        ("hurras_al_din", ["al_qaeda"]),
        ("salvation_government", ["hts"]),
    ],
)
def test_parent_chain(actors: dict[str, Actor], actor_id: str, chain: list[str]) -> None:
    assert ancestors(actor_id, actors) == chain


def test_no_alias_under_two_named_actors(actors: dict[str, Actor]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in actors.values():
        if actor.generic:
            continue
        for alias in actor.aliases:
            for variant in spelling_variants(alias):
                owners[normalize_key(variant)].add(actor.id)
    shared = {key: sorted(ids) for key, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


def test_local_aliases_resolve_to_one_actor_per_country(actors: dict[str, Actor]) -> None:
    """Where a local alias is shared, each country picks one owner: its own actor first, else one operating there."""
    owners: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors.values():
        assert not actor.local_aliases or actor.operates_in, actor.id
        for alias in actor.local_aliases:
            owners[normalize_key(alias)].append(actor)
    for key, group in owners.items():
        for country in {c for a in group for c in a.operates_in}:
            home = [a.id for a in group if a.country == country]
            present = [a.id for a in group if country in a.operates_in]
            assert len(home) <= 1 and (home or len(present) == 1), (key, country, present)


def test_no_alias_shared_between_generic_and_named(actors: dict[str, Actor]) -> None:
    named = {normalize_key(al) for a in actors.values() if not a.generic for al in a.aliases}
    generic = {normalize_key(al): a.id for a in actors.values() if a.generic for al in a.aliases}
    assert not {k: v for k, v in generic.items() if k in named}


def test_no_ordinary_word_as_alias(actors: dict[str, Actor]) -> None:
    forbidden = {normalize_key(w) for w in FORBIDDEN_ALIASES}
    bad = [(a.id, al) for a in actors.values() for al in a.aliases if normalize_key(al) in forbidden]
    assert not bad, bad


def found(text: str) -> list[tuple[str, set[str]]]:
    """(surface, actor ids) of each longest actor match in `text`."""
    out = []
    for m in load_lexicon().entities.find(normalize(text)):
        ids = {p.id for p in m.payloads if isinstance(p, Actor)}
        if ids:
            out.append((text[m.start : m.end], ids))
    return out


@pytest.mark.parametrize(
    ("text", "surface", "actor_id"),
    [
        # clitics: و + name, ل + ال contracted, ب + name
        (
            "اندلعت اشتباكات بين فصائل المعارضة وقوات النظام في ريف حلب.",
            "قوات النظام",
            "syrian_government_forces",
        ),
        ("قُتل عنصر تابع للنظام قرب مدينة درعا.", "للنظام", "syria_regime"),
        ("التحق عشرات الشبان بالحرس الثوري في مدينة البوكمال.", "الحرس الثوري", "irgc"),
        ("وصلت تعزيزات للحشد الشعبي إلى الحدود.", "للحشد الشعبي", "pmf"),
        ("استهدفت طائرة مسيّرة تركية سيارة لقسد قرب القامشلي.", "قسد", "sdf"),
        ("استهدفت طائرة مسيّرة تركية سيارة لقسد قرب القامشلي.", "طائرة مسيّرة تركية", "turkish_drones"),
        # diacritics and hamza forms
        ("أعلنت قوّاتُ سوريا الدّيمقراطيّة مقتل قيادي.", "قوّاتُ سوريا الدّيمقراطيّة", "sdf"),
        ("قال الجيش الاسرائيلي إنه قصف موقعاً.", "الجيش الاسرائيلي", "israeli_forces"),
        # ميليشيا/مليشيا spelling generated by the loader
        ("انتشرت المليشيات الإيرانية في محيط المطار.", "المليشيات الإيرانية", "iran_backed_militias"),
        (
            "انسحبت الميليشيات الموالية لإيران من الموقع.",
            "الميليشيات الموالية لإيران",
            "iran_backed_militias",
        ),
        # longest match wins over a shorter generic name
        (
            "سيّرت الشرطة العسكرية الروسية دورية في ريف الحسكة.",
            "الشرطة العسكرية الروسية",
            "russian_military_police",
        ),
        ("هاجمت خلايا التنظيم نقطة للميليشيات الإيرانية.", "خلايا التنظيم", "isis"),
        ("هاجمت خلايا التنظيم نقطة للميليشيات الإيرانية.", "للميليشيات الإيرانية", "iran_backed_militias"),
        ("قُتل عنصران من الأمن العام برصاص مسلحين مجهولين.", "الأمن العام", "general_security"),
        ("قُتل عنصران من الأمن العام برصاص مسلحين مجهولين.", "مسلحين مجهولين", "unidentified_armed_group"),
        ("شنّ الطيران الأميركي غارة على سيارة.", "الطيران الأميركي", "us_air_force"),
        ("اعتقلت قوات البشمركة ثلاثة مطلوبين.", "قوات البشمركة", "peshmerga"),
        ("داهمت دورية من الفرقة الرابعة منزلاً.", "الفرقة الرابعة", "saa_4th_division"),
        ("نُقل المعتقل إلى فرع فلسطين في دمشق.", "فرع فلسطين", "palestine_branch"),
        ("أطلق مقاتلو العشائر هجوماً على نقاط قسد.", "مقاتلو العشائر", "tribal_forces"),
        ("اعتقلت هيئة تحرير الشام ناشطاً في إدلب.", "هيئة تحرير الشام", "hts"),
        ("انتشرت قوات الجيش العربي السوري في المدينة.", "قوات الجيش العربي السوري", "syrian_army"),
        ("دخلت قوات التحالف الدولي إلى القاعدة.", "قوات التحالف الدولي", "international_coalition"),
        ("اشتبكت فصائل الجيش الوطني السوري فيما بينها.", "فصائل الجيش الوطني السوري", "sna"),
        ("أعلن جهاز مكافحة الإرهاب مقتل ثلاثة.", "جهاز مكافحة الإرهاب", "iraqi_cts"),
        ("رعى الحرس الوطني في السويداء اتفاقاً.", "الحرس الوطني في السويداء", "suwayda_national_guard"),
        # pronoun suffix on a generic noun (the surface stops before the suffix)
        ("اعتقل الأمن العسكري أحد عناصره.", "عناصر", "members_generic"),
        ("اعتقل الأمن العسكري أحد عناصره.", "الأمن العسكري", "military_security"),
        ("أصيب طفلان وامرأة بانفجار لغم.", "امرأة", "women"),
        ("فرّقت قوات الأمن المتظاهرين بالقوة.", "المتظاهرين", "protesters"),
        # the region's wars
        ("قصفت مليشيا الحوثي الأحياء السكنية في تعز.", "مليشيا الحوثي", "houthis"),
        ("تصدت ألوية العمالقة لهجوم في شبوة.", "ألوية العمالقة", "giants_brigades"),
        ("انتشرت قوات الحزام الأمني في عدن.", "قوات الحزام الأمني", "security_belt"),
        ("شن طيران التحالف العربي غارات على صنعاء.", "طيران التحالف العربي", "saudi_coalition"),
        ("هاجمت عناصر تنظيم القاعدة في جزيرة العرب نقطة أمنية.", "تنظيم القاعدة في جزيرة العرب", "aqap"),
        ("قصفت ميليشيا الدعم السريع المتمردة مدينة الفاشر.", "ميليشيا الدعم السريع المتمردة", "rsf"),
        ("استعاد الجيش السوداني السيطرة على الجسر.", "الجيش السوداني", "saf"),
        ("أعلنت كتائب البراء بن مالك مقتل اثنين من أفرادها.", "كتائب البراء بن مالك", "baraa_bin_malik"),
        ("هاجمت الحركة الشعبية بقيادة عبد العزيز الحلو مدينة الدلنج.", "الحركة الشعبية بقيادة عبد العزيز الحلو", "splm_n_hilu"),
        ("اشتبك جهاز الردع مع جهاز دعم الاستقرار في طرابلس.", "جهاز الردع", "radaa"),
        ("اشتبك جهاز الردع مع جهاز دعم الاستقرار في طرابلس.", "جهاز دعم الاستقرار", "ssa"),
        ("تحركت كتيبة طارق بن زياد نحو الجنوب.", "كتيبة طارق بن زياد", "tariq_bin_ziyad_brigade"),
        ("هاجم مسلحو حركة الشباب قاعدة للجيش الصومالي.", "مسلحو حركة الشباب", "al_shabaab"),
        ("هاجم مسلحو حركة الشباب قاعدة للجيش الصومالي.", "للجيش الصومالي", "somali_army"),
        ("سلمت قوات أتميس قاعدة للجيش.", "قوات أتميس", "au_mission_somalia"),
        ("أطلق حزب الله صواريخ على الجليل.", "حزب الله", "hezbollah"),
        ("تعرضت دورية لقوات اليونيفيل لاعتداء.", "دورية لقوات اليونيفيل", "unifil"),
        ("هاجم مستوطنون مسلحون قرية قرب نابلس.", "مستوطنون مسلحون", "israeli_settlers"),
        ("اشتبك مقاتلو كتيبة جنين مع قوات الاحتلال.", "كتيبة جنين", "jenin_brigade"),
        ("أعلنت سرايا القدس قصف مستوطنة.", "سرايا القدس", "quds_brigades"),
        ("أعلنت كتائب القسام تفجير دبابة.", "كتائب القسام", "qassam_brigades"),
        ("اعتقلت أجهزة أمن السلطة ناشطاً.", "أجهزة أمن السلطة", "pa_security_forces"),
        ("أعلن تنظيم ولاية سيناء مسؤوليته عن الهجوم.", "تنظيم ولاية سيناء", "wilayat_sinai"),
    ],
)
def test_sentence_matches(text: str, surface: str, actor_id: str) -> None:
    matches = found(text)
    assert any(s == surface and actor_id in ids for s, ids in matches), matches


def test_local_aliases_are_matched_as_local_names_only() -> None:
    """Bare الجيش is no name anywhere; it is a local name of the armies of the region's countries."""
    matches = load_lexicon().entities.find(normalize("وصل الجيش إلى القاعدة."))
    assert matches and all(isinstance(p, LocalName) for m in matches for p in m.payloads)
    owners = {p.actor.id for m in matches for p in m.payloads}
    assert {"saf", "lebanese_army", "somali_army"} <= owners


@pytest.mark.parametrize(
    "text",
    [
        "وصل الجيش إلى القاعدة العسكرية.",  # bare الجيش / القاعدة are not names
        "شارك الحشد في المهرجان.",
        "جرى تعزيز الأمن في المدينة.",
    ],
)
def test_ordinary_words_do_not_match_named_actors(text: str) -> None:
    named = [(s, ids) for s, ids in found(text) if not all(load_actors()[i].generic for i in ids)]
    assert not named, named
