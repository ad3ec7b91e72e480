"""Near-duplicate signatures: small edits keep two texts close, different stories stay apart."""

from __future__ import annotations

from rasid.store.neardup import BINS, NearDupIndex, signature

STORY = (
    "قصفت قوات النظام بالمدفعية الثقيلة أطراف بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم ما أدى إلى مقتل "
    "مدنيين اثنين وإصابة خمسة آخرين بجروح متفاوتة نقلوا إلى مشفى قريب وسط استنفار للدفاع المدني"
)
REWORDED = STORY.replace("صباح اليوم", "فجر اليوم").replace("بجروح متفاوتة", "بجروح")
OTHER = (
    "اعتقلت دورية للشرطة العسكرية شابين من أبناء مدينة الميادين بتهمة التواصل مع جهات معادية واقتادتهما "
    "إلى جهة مجهولة بحسب ما أفاد به ناشطون من المنطقة في حديث لوسائل إعلام محلية"
)


def test_a_lightly_edited_copy_is_found() -> None:
    index = NearDupIndex()
    index.add("story", signature(STORY))
    index.add("other", signature(OTHER))
    found = index.match(signature(REWORDED))
    assert found is not None and found[0] == "story" and found[1] >= 0.7


def test_a_different_story_is_not_a_copy() -> None:
    index = NearDupIndex()
    index.add("story", signature(STORY))
    assert index.match(signature(OTHER)) is None


def test_signatures_are_stable_and_sized() -> None:
    assert signature(STORY) == signature(STORY)
    assert len(signature("قصف")) == 4 + 4 * BINS  # very short texts fill every bin too


def test_signatures_of_another_scheme_are_ignored() -> None:
    index = NearDupIndex()
    old = bytes(8 * 128)  # a datasketch-era signature: 128 uint64 values, no scheme prefix
    index.add("old", old)
    assert index.match(old) is None and index.match(signature(STORY)) is None
