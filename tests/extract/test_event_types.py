"""One short report per kind of happening, written for these tests: type, sub-type, actor and place."""

from __future__ import annotations

import pytest

from rasid import extract_report

CASES = [
    ("قصفت مسيّرة إسرائيلية سيارة على طريق مطار دمشق الدولي، ما أدى إلى مقتل قيادي في حزب الله اللبناني ومرافقه.",
     "Air/drone strike", "israeli_air_force", "مطار دمشق الدولي", 1),
    ("فجّر انتحاري نفسه بحزام ناسف عند حاجز لقوات الأمن العراقية في قضاء الطارمية شمالي بغداد، ما أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين.",
     "Suicide bomb", None, "قضاء الطارمية", 3),
    ("تمكنت فرق الهندسة في قوات سوريا الديمقراطية من تفكيك عبوة ناسفة زرعها مجهولون على طريق الحسكة - الشدادي.",
     "Disrupted weapons use", "sdf", "الشدادي", 0),
    ("اختطف مسلحون مجهولون طفلاً من أمام منزله في مدينة جرمانا بريف دمشق، وطالبوا ذويه بفدية مالية.",
     "Abduction/forced disappearance", "unidentified_armed_group", "جرمانا", None),
    ("استعادت قوات النظام السيطرة على مدينة معرة النعمان جنوبي إدلب بعد معارك استمرت أسابيع.",
     "Government regains territory", "syrian_government_forces", "معرة النعمان", None),
    ("أقدم عناصر من فصيل السلطان مراد على الاستيلاء على منازل مدنيين في قرية كفرصفرة بناحية جنديرس في ريف عفرين.",
     "Looting/property destruction", "sultan_murad_division", "كفرصفرة", 0),
    ("أعدم تنظيم داعش راعي أغنام ذبحاً في بادية السخنة شرقي حمص، بتهمة التعامل مع قوات النظام.",
     "Attack", "isis", "السخنة", None),
    ("فرقت قوات الأمن العراقية بالغاز المسيل للدموع مئات المتظاهرين في ساحة التحرير وسط بغداد.",
     "Protest with intervention", "protesters", None, 0),
    ("ألقى مجهولون قنبلة يدوية على منزل قيادي في الجيش الوطني بمدينة الباب شرقي حلب، دون أن تسفر عن إصابات.",
     "Grenade", "unidentified_armed_group", "الباب", None),
    ("أسقطت الدفاعات الجوية للقوات الأمريكية طائرة مسيرة مفخخة حاولت استهداف قاعدة حقل العمر النفطي بريف دير الزور الشرقي.",
     "Disrupted weapons use", None, "حقل العمر النفطي", 0),
    ("سلمت قوات سوريا الديمقراطية عدة نقاط في محيط مدينة منبج لقوات النظام، بموجب اتفاق برعاية روسية.",
     "Non-violent transfer of territory", "sdf", "منبج", 0),
    ("بغداد – وكالة محلية: أعلنت خلية الإعلام الأمني عن تدمير ثلاثة أوكار لتنظيم داعش بضربات جوية نفذتها طائرات F-16 العراقية في وادي حوران غربي الأنبار، ما أسفر عن مقتل سبعة إرهابيين.",
     "Air/drone strike", "iraqi_security_forces", "وادي حوران", 7),
    ("سقطت عدة قذائف صاروخية مصدرها مناطق سيطرة قوات النظام على مدينة الأتارب بريف حلب الغربي، ما أدى لإصابة ثلاثة مدنيين بجروح.",
     "Shelling/artillery/missile attack", "syrian_government_forces", "الأتارب", 0),
    ("دمرت وحدات من الجيش العربي السوري تحصينات ومقرات للمجموعات الإرهابية في محيط بلدة كفرنبودة بريف حماة، وقضت على عدد من الإرهابيين.",
     "Armed clash", "syrian_army", "كفرنبودة", None),
    ("وثّق المرصد مقتل مواطن برصاص مسلحين مجهولين اقتحموا منزله في بلدة الشحيل بريف دير الزور الشرقي.",
     "Attack", "unidentified_armed_group", "الشحيل", 1),
    ("سيطرت فصائل الجيش الوطني على مدينة رأس العين بعد اشتباكات عنيفة مع قوات سوريا الديمقراطية، فيما نزح آلاف المدنيين نحو مدينة تل تمر.",
     "Non-state actor overtakes territory", "sna", "رأس العين", None),
]


@pytest.mark.parametrize(("text", "sub_type", "actor1", "place", "fatalities"), CASES, ids=[c[1] for c in CASES])
def test_one_event_of_the_expected_kind(text: str, sub_type: str, actor1: str | None, place: str | None, fatalities: int | None) -> None:
    events = extract_report(text).events
    assert [e.sub_event_type for e in events] == [sub_type]
    (event,) = events
    assert (event.actor1.id if event.actor1 else None) == actor1
    if place is not None:
        assert event.location is not None and event.location.text == place
    assert event.fatalities == fatalities
