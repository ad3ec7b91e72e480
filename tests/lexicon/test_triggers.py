"""triggers.yaml: every ACLED sub-type has its words, forms are unambiguous, cue rules
pick the sub-types the data promises, and short sentences find the triggers they use."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from rasid.lexicon.entries import Trigger
from rasid.lexicon.load import load_lexicon, load_triggers
from rasid.lexicon.matcher import phrase_variants
from rasid.model import EVENT_TYPES, SUB_EVENT_TYPES
from rasid.text.normalize import normalize, normalize_key

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports.jsonl"

# Trigger phrases that contain a weapon word. The event builder skips a trigger that
# overlaps an entity mention, so these only count once it prefers the longer trigger;
# مسيرة is a drone in weapons.yaml and a march only in these phrases.
_KNOWN_WEAPON_OVERLAPS = {
    normalize_key(p) for p in ("مسيرة احتجاجية", "مسيرات احتجاجية", "مسيرة شعبية", "مسيرات شعبية", "مسيرة سلمية")
}


def trigger_ids(text: str) -> list[str]:
    """Ids of the triggers found in `text`, in text order."""
    return [m.payloads[0].id for m in load_lexicon().trigger_words.find(normalize(text))]


def _cue_in(cue: str, sentence: str) -> bool:
    """A cue stands in the sentence as a word, after a clitic or the article, before a suffix letter."""
    key = normalize_key(cue)
    padded = " " + normalize(sentence).text + " "
    for prefix in ("", "و", "ب", "ل", "ال", "وال", "بال", "لل", "ف", "وب"):
        start = 0
        while (i := padded.find(f" {prefix}{key}", start)) >= 0:
            after = padded[i + 1 + len(prefix) + len(key) :][:1]
            if after in (" ", "ه", "ي", "ا", "ت", "ن", "و"):
                return True
            start = i + 1
    return False


def classify(trigger_id: str, sentence: str) -> tuple[str, str]:
    """(event type, sub-type) of a trigger in a sentence: its first rule whose cue stands there."""
    trigger: Trigger = load_triggers()[trigger_id]
    for rule in trigger.rules:
        if any(_cue_in(cue, sentence) for cue in rule.cues):
            return rule.event_type or SUB_EVENT_TYPES[rule.sub_event_type], rule.sub_event_type
    return trigger.event_type, trigger.sub_event_type


def test_triggers_load() -> None:
    triggers = load_triggers()
    assert len(triggers) >= 40
    for trigger in triggers.values():
        assert trigger.verbs or trigger.nouns, trigger.id
        for rule in trigger.rules:
            assert rule.cues, trigger.id
            assert all(normalize_key(c) for c in rule.cues), trigger.id
            if rule.event_type:
                assert SUB_EVENT_TYPES[rule.sub_event_type] == rule.event_type, trigger.id


def test_every_acled_sub_type_has_a_trigger() -> None:
    defaults = {t.sub_event_type for t in load_triggers().values()}
    missing = [sub for subs in EVENT_TYPES.values() for sub in subs if sub not in defaults]
    assert not missing


def test_a_form_belongs_to_one_trigger() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for trigger in load_triggers().values():
        for form in trigger.verbs + trigger.nouns:
            for key in phrase_variants(form):
                owners[key].add(trigger.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_trigger_forms_contain_no_weapon_word() -> None:
    lexicon = load_lexicon()
    overlapping = []
    for trigger in load_triggers().values():
        for form in trigger.verbs + trigger.nouns:
            if normalize_key(form) in _KNOWN_WEAPON_OVERLAPS:
                continue
            if any(
                p.__class__.__name__ == "Weapon" for m in lexicon.entities.find(normalize(form)) for p in m.payloads
            ):
                overlapping.append((trigger.id, form))
    assert overlapping == []


def test_ambiguous_bare_words_are_not_triggers() -> None:
    forms = {normalize_key(f) for t in load_triggers().values() for f in t.verbs + t.nouns}
    # dawn, reported/transported, published, teams, bare control (مناطق سيطرة), HTS's name;
    # a legal appeal (طعن), a traffic accident (دهس)
    for word in ("فجر", "نقل", "نقلت", "نشرت", "فرق", "سيطرة", "تسيطر", "تحرير", "مواجهة", "طعن", "دهس"):
        assert normalize_key(word) not in forms, word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقصفت قوات النظام بلدة كفرنبل", "bombard"),
        ("شنت طائرات حربية غارات جوية على ريف إدلب", "airstrike"),
        ("القصف الجوي طال الأحياء السكنية", "airstrike"),
        ("اندلعت اشتباكات عنيفة بين الطرفين", "clash"),
        ("تبادل لإطلاق النار على الحاجز", "clash"),
        ("هاجم مسلحون نقطة للجيش", "attack"),
        ("نصب مقاتلو التنظيم كميناً لدورية", "ambush"),
        ("اعتقلت قوات الأمن شابين", "arrest"),
        ("وألقت القبض على ثلاثة مطلوبين", "arrest"),
        ("شنت القوات حملة دهم في الحي", "arrest"),
        ("اختطف مسلحون طفلاً من أمام منزله", "abduct"),
        ("ثم اختطفوه إلى جهة مجهولة", "abduct"),
        ("أرسلت الميليشيات تعزيزات إلى البلدة", "reinforce"),
        ("دخل رتل تركي إلى القرية", "reinforce"),
        ("انسحبت القوات الروسية من القاعدة", "withdraw"),
        ("سيطرت الفصائل على التلة", "control"),
        ("واستعادت السيطرة على القرية بعد ساعات", "regain"),
        ("خرج العشرات في مظاهرة وسط المدينة", "protest"),
        ("نظم الأهالي وقفة احتجاجية أمام المبنى", "protest"),
        ("فرقت الشرطة التجمع", "disperse"),
        ("فجر انتحاري نفسه عند الحاجز", "suicide"),
        ("انفجرت سيارة على الطريق", "explosion"),
        ("فككت فرق الهندسة عبوة قرب المدرسة", "disrupt"),
        ("أسقطت الدفاعات الجوية طائرة مسيرة", "shootdown"),
        ("أنشأت القوات التركية قاعدة عسكرية جديدة", "base_established"),
        ("اتخذت الميليشيا من المدرسة مقراً لها", "base_established"),
        ("أعمال تحصين وحفر خنادق حول المطار", "fortify"),
        ("تسلمت قوات الحكومة المواقع التي أخليت", "transfer"),
        ("توصل الطرفان إلى اتفاق هدنة", "agreement"),
        ("أطلقت الهيئة سراح المحتجزين", "launch"),
        ("أفرجت السلطات عن عشرة موقوفين", "agreement"),
        ("نهب عناصر الفصيل محتويات المنازل", "looting"),
        ("استمرار عمليات التعفيش في الحي", "looting"),
        ("عملية اغتيال جديدة في درعا", "assassinate"),
        ("مقتل شاب برصاص مجهولين", "kill"),
        ("أعدم التنظيم شاباً بتهمة التخابر", "execute"),
        ("ألقى مجهولون قنبلة على المحل", "grenade_throw"),
        ("اندلعت أعمال شغب في السجن", "riot"),
        ("مشاجرة بين عائلتين في الحي", "mob"),
        ("تعرضت فتاة للاغتصاب", "sexual"),
        ("هجوم كيماوي على الغوطة", "chemical"),
        ("فرض حظر التجول في المدينة", "other"),
        ("أطلقت قوات الأمن الرصاص الحي على المحتجين", "launch"),
        ("العثور على جثة شاب قرب النهر", "body_found"),
        ("الكشف عن مقبرة جماعية في البادية", "mass_grave"),
        ("استهدفت مسيرة سيارة على الطريق", "target"),
        ("إطلاق نار على سيارة مدنية", "gunfire"),
        ("تجنيد الأطفال في صفوف الفصيل", "recruit"),
        ("انشقاق عشرات العناصر عن الفصيل", "group_change"),
        ("محاولة تسلل على محور القرية", "infiltration"),
        ("تصدت الدفاعات الجوية لصواريخ معادية", "repel"),
        ("عملية قنص على خط التماس", "sniper"),
        ("أطلقت حملة عسكرية واسعة في البادية", "military_operation"),
        ("مقتل عنصر وإصابة آخر", "kill"),
        ("أصيب طفل بجروح", "injure"),
        ("تبادل الطرفان القصف المدفعي", "bombard"),
        ("سقطت قذيفة على الحي", "fall"),
        ("تحييد خمسة إرهابيين", "eliminate"),
        ("قطع محتجون الطريق احتجاجاً على انقطاع المياه", "protest"),
        # the region's print
        ("تمكن الجيش من صد زحف حوثي على مواقعه", "repel"),
        ("تواصلت الزحوفات على مديرية حريب", "clash"),
        ("التحام مباشر بين القوات والمتمردين", "clash"),
        ("نفذ شاب عملية طعن عند الحاجز", "attack"),
    ],
)
def test_sentences_find_their_triggers(text: str, expected: str) -> None:
    assert expected in trigger_ids(text)


def test_longer_phrases_win_over_their_parts() -> None:
    assert trigger_ids("هجوم انتحاري") == ["suicide"]
    assert trigger_ids("هجوم كيماوي") == ["chemical"]
    assert trigger_ids("قصف جوي") == ["airstrike"]
    assert trigger_ids("وقف إطلاق النار") == ["agreement"]
    assert trigger_ids("ألقت القبض") == ["arrest"]
    assert trigger_ids("القضية السورية") == []
    assert trigger_ids("تلقي العلاج في المستشفى") == []
    assert trigger_ids("أطلق سراح") == ["agreement"]
    assert trigger_ids("العثور على جثة") == ["body_found"]
    assert trigger_ids("تفجير منزل") == ["looting"]


@pytest.mark.parametrize(
    ("trigger_id", "sentence", "expected"),
    [
        ("bombard", "قصفت طائرات حربية روسية أطراف القرية", "Air/drone strike"),
        ("bombard", "قصف مدفعي وصاروخي على البلدة تزامن مع تحليق الطيران", "Shelling/artillery/missile attack"),
        ("bombard", "قصفت قوات النظام البلدة بقذائف الهاون", "Shelling/artillery/missile attack"),
        ("bombard", "قصفت المروحيات الحي بالبراميل المتفجرة", "Air/drone strike"),
        ("bombard", "قصف بغاز الكلور", "Chemical weapon"),
        ("target", "استهدفت طائرة مسيرة سيارة على الطريق", "Air/drone strike"),
        ("target", "استهداف دورية بعبوة ناسفة", "Remote explosive/landmine/IED"),
        ("target", "استهداف دبابة بصاروخ موجه", "Armed clash"),
        ("target", "استهداف الأحياء السكنية بقذائف صاروخية", "Shelling/artillery/missile attack"),
        ("target", "استهداف سيارة مدنية برصاص مجهولين", "Attack"),
        ("target", "استهداف حاجز للأمن العسكري", "Armed clash"),
        ("explosion", "انفجار لغم من مخلفات القصف الجوي", "Remote explosive/landmine/IED"),
        ("explosion", "انفجار عبوة ناسفة بسيارة", "Remote explosive/landmine/IED"),
        ("explosion", "تفجير انتحاري بحزام ناسف", "Suicide bomb"),
        ("explosion", "انفجار قنبلة يدوية داخل المحل", "Grenade"),
        ("explosion", "تفجير العبوة بشكل آمن من قبل فرق الهندسة", "Disrupted weapons use"),
        ("kill", "مقتل شاب برصاص مجهولين", "Attack"),
        ("kill", "مقتل عنصر من قوات النظام برصاص مجهولين", "Armed clash"),
        ("kill", "مقتل مدنيين بغارة جوية", "Air/drone strike"),
        ("kill", "مقتل عناصر في اشتباكات", "Armed clash"),
        ("assassinate", "اغتيال مختار القرية", "Attack"),
        ("assassinate", "اغتيال قيادي بغارة مسيرة", "Air/drone strike"),
        ("assassinate", "اغتيال ضابط في الأمن العسكري", "Armed clash"),
        ("control", "سيطرت قوات النظام على القرية", "Government regains territory"),
        ("control", "سيطرت الفصائل على القرية", "Non-state actor overtakes territory"),
        ("regain", "استعادت هيئة تحرير الشام السيطرة على التلة", "Non-state actor overtakes territory"),
        ("reinforce", "ضبط شحنة أسلحة على الحدود", "Disrupted weapons use"),
        ("reinforce", "وصول شحنة أسلحة جديدة", "Change to group/activity"),
        ("reinforce", "إحباط تهريب شحنة أسلحة", "Disrupted weapons use"),
        ("reinforce", "تهريب شحنة كبتاغون", "Other"),
        ("withdraw", "انسحبت الفصائل من القرية بموجب اتفاق", "Non-violent transfer of territory"),
        ("withdraw", "انسحبت القوات الروسية من النقطة", "Change to group/activity"),
        ("protest", "مظاهرة سلمية في الساحة", "Peaceful protest"),
        ("protest", "فرقت قوات الأمن المظاهرة بالغاز المسيل للدموع", "Protest with intervention"),
        ("protest", "أطلقت قوات الأمن الرصاص الحي على المظاهرة", "Excessive force against protesters"),
        ("protest", "أحرق المحتجون مبنى البلدية خلال المظاهرة", "Violent demonstration"),
        ("storm", "اقتحمت قوات الأمن منزل الشاب واعتقلته", "Arrests"),
        ("storm", "اقتحم محتجون مبنى المحافظة", "Violent demonstration"),
        ("transfer", "تسليم المطلوبين إلى الأمن العام", "Arrests"),
        ("transfer", "تسليم الأسرى ضمن صفقة التبادل", "Agreement"),
        ("transfer", "تسليم السلاح الثقيل إلى وزارة الدفاع", "Disrupted weapons use"),
        ("transfer", "تسليم المواقع لقوات الحكومة", "Non-violent transfer of territory"),
        ("looting", "استولى عناصر الفصيل على منازل المهجرين", "Looting/property destruction"),
        ("looting", "استولى التنظيم على قرية في البادية", "Non-state actor overtakes territory"),
        ("grenade_throw", "ألقى مجهولون قنبلة على المحل", "Grenade"),
        ("grenade_throw", "ألقت مروحيات النظام براميل متفجرة", "Air/drone strike"),
        ("grenade_throw", "ألقى المحافظ كلمة في الحفل", "Other"),
        ("shootdown", "أسقطت الدفاعات الجوية مسيرة", "Disrupted weapons use"),
        ("shootdown", "هتف المتظاهرون بإسقاط النظام", "Peaceful protest"),
        ("suicide", "قتل الحراس الانتحاري قبل أن يفجر نفسه", "Disrupted weapons use"),
        ("launch", "أطلقت قوات النظام صواريخ على البلدة", "Shelling/artillery/missile attack"),
        ("launch", "أطلقت قوات الأمن الغاز المسيل للدموع على المحتجين", "Protest with intervention"),
        ("launch", "أطلقت المنظمة حملة للتبرع", "Other"),
        ("airstrike", "غارات وهمية فوق المدينة", "Other"),
        ("sexual", "اغتصاب الأراضي الزراعية", "Looting/property destruction"),
        ("riot", "أعمال شغب رافقت احتجاجات المعلمين", "Violent demonstration"),
        ("mob", "مشاجرة بالأسلحة بين عائلتين", "Armed clash"),
        ("control", "تمكنت فرق الإطفاء من السيطرة على الحريق", "Other"),
        ("disrupt", "تفكيك خلية تابعة للتنظيم", "Arrests"),
        ("disrupt", "دعا الطرفين إلى ضبط النفس", "Other"),
        ("fall", "سقوط صواريخ كاتيوشا قرب المطار", "Shelling/artillery/missile attack"),
        ("fall", "اشتباكات أدت إلى سقوط قتلى", "Armed clash"),
        ("fall", "منذ سقوط النظام السابق", "Other"),
        ("grenade_throw", "ألقت دورية للشرطة القبض على المتهم", "Arrests"),
        ("reinforce", "أرسلت الخارجية وفدا إلى العاصمة", "Other"),
        ("reinforce", "ضبطت الجمارك شحنة كبتاغون", "Other"),
        ("fall", "بعد سقوط نظام الأسد", "Other"),
        ("eliminate", "قضت وحدات من الجيش على مجموعة إرهابية", "Armed clash"),
        ("eliminate", "خطة حكومية للقضاء على الفساد", "Other"),
        ("disrupt", "عثر الأهالي على جثة شاب", "Attack"),
        ("disrupt", "عثرت دورية على مستودع للذخيرة", "Disrupted weapons use"),
        ("military_operation", "هدد الرئيس بشن عملية عسكرية جديدة", "Other"),
        ("military_operation", "بدأت القوات عملية عسكرية بغطاء جوي من الطيران الحربي", "Air/drone strike"),
        ("bombard", "قصفت قوات الدعم السريع الأحياء بالدانات", "Shelling/artillery/missile attack"),
        ("launch", "أطلقت الجماعة صاروخا باليستيا نحو المدينة", "Shelling/artillery/missile attack"),
        ("attack", "عملية دهس استهدفت جنودا عند المفترق", "Armed clash"),
        ("attack", "عملية طعن أصيب فيها مواطن", "Attack"),
    ],
)
def test_cue_rules_pick_the_sub_type(trigger_id: str, sentence: str, expected: str) -> None:
    assert classify(trigger_id, sentence)[1] == expected


def test_rules_that_leave_the_type_set_their_event_type() -> None:
    assert classify("target", "استهدفت طائرة مسيرة سيارة")[0] == "Explosions/Remote violence"
    assert classify("kill", "مقتل عنصر برصاص قناص")[0] == "Battles"
    assert classify("storm", "اقتحمت قوات الأمن منزل الشاب")[0] == "Strategic developments"


def _samples() -> list[dict]:
    return [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_samples_are_well_formed() -> None:
    reports = _samples()
    assert 10 <= len(reports) <= 14
    assert len({r["id"] for r in reports}) == len(reports)
    for report in reports:
        assert set(report) >= {"id", "text", "published", "outlet"}
        assert len(report["published"]) == 10 and report["published"][4] == "-"
        assert report["text"].count(".") in range(2, 6), report["id"]


def test_samples_tell_every_event_type() -> None:
    """Across the samples, triggers read in their sentences reach every ACLED event type."""
    seen = set()
    for report in _samples():
        for sentence in report["text"].split("."):
            for match in load_lexicon().trigger_words.find(normalize(sentence)):
                seen.add(classify(match.payloads[0].id, sentence)[0])
    assert seen >= set(EVENT_TYPES)
