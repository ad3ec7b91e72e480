"""Event confidence: a logistic model of cues read off each event, and the default threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid import extract_report, rules
from rasid.extract.confidence import Cues, load_model, model

DETAILED = (
    "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على قرية كفرنبل جنوبي إدلب، بحسب المرصد السوري لحقوق الإنسان. "
    "وأضاف المرصد أن القصف المدفعي على كفرنبل استهدف منازل المدنيين."
)
VAGUE = "قصف مدفعي على ريف إدلب."


def _cues(**on: bool | int) -> Cues:
    fields = dict.fromkeys(Cues.__dataclass_fields__, False)
    return Cues(**{**fields, **on})  # type: ignore[arg-type]


def test_cues_move_the_chance_their_way() -> None:
    bare = model().chance(_cues(supporting_sentences=0))
    for name in Cues.__dataclass_fields__:
        moved = model().chance(_cues(**{name: 1}))
        assert moved < bare if name == "city" else moved > bare, name


def test_a_detailed_report_is_trusted_more_than_a_vague_line() -> None:
    (detailed,) = extract_report(DETAILED, min_confidence=0).events
    (vague,) = extract_report(VAGUE, min_confidence=0).events
    assert detailed.confidence > 0.8 and vague.confidence < 0.3


def test_events_under_the_threshold_are_left_out_unless_asked_for() -> None:
    for text in (DETAILED, VAGUE, DETAILED + " " + VAGUE):
        every = extract_report(text, min_confidence=0).events
        assert extract_report(text).events == [e for e in every if e.confidence >= model().threshold]
    assert extract_report(DETAILED, min_confidence=0.99).events == []


def test_a_model_file_must_weigh_every_cue(tmp_path: Path) -> None:
    bundled = Path(__file__).parents[2] / "src/rasid/extract/confidence.yaml"
    broken = tmp_path / "confidence.yaml"
    broken.write_text(bundled.read_text(encoding="utf-8").replace("  toll:", "  stated_toll:"), encoding="utf-8")
    with pytest.raises(ValueError, match="stated_toll"):
        load_model(broken)
    assert load_model(bundled) == model()


CUE_SENTENCES = {  # cue: (a report where it holds, one where it does not)
    "supporting_sentences": (DETAILED, "قصفت قوات النظام قرية كفرنبل جنوبي إدلب."),
    "point_place": ("قصفت قوات النظام قرية كفرنبل جنوبي إدلب.", VAGUE),
    "city": ("ألقى مجهولون قنبلة يدوية على منزل في مدينة الباب شرقي حلب.", "قصفت قوات النظام قرية كفرنبل جنوبي إدلب."),
    "sole_event": ("قصفت قوات النظام قرية كفرنبل جنوبي إدلب.",
                   "قصفت قوات النظام قرية كفرنبل جنوبي إدلب. وفي حلب، اعتقلت الشرطة ثلاثة شبان في حي الشيخ مقصود."),
    "attributed": (DETAILED, "قصفت قوات النظام قرية كفرنبل جنوبي إدلب."),
    "actor1": ("قصفت قوات النظام قرية كفرنبل جنوبي إدلب.", VAGUE),
    "actor2": ("اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش قرب قرية كفرنبل.", "قصفت قوات النظام قرية كفرنبل جنوبي إدلب."),
    "toll": (DETAILED, "قصفت قوات النظام قرية كفرنبل جنوبي إدلب."),
}


def _fired(text: str) -> set[str]:
    with rules.tracing() as firings:
        events = extract_report(text, min_confidence=0).events
    assert events, text
    return {f.rule.split(".", 1)[1] for f in firings if f.rule.startswith("confidence.")}


@pytest.mark.parametrize("cue", sorted(CUE_SENTENCES))
def test_each_cue_fires_where_it_holds_and_only_there(cue: str) -> None:
    holds, absent = CUE_SENTENCES[cue]
    assert cue in _fired(holds)
    assert cue not in _fired(absent)


def test_a_cue_switched_off_no_longer_counts() -> None:
    (kept,) = extract_report(DETAILED, min_confidence=0).events
    (switched,) = extract_report(DETAILED, min_confidence=0, disable=["confidence.toll"]).events
    assert switched.confidence < kept.confidence
    assert CUE_SENTENCES.keys() == Cues.__dataclass_fields__.keys()
