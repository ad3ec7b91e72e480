"""Text typed or converted in unusual Unicode forms yields the events of its plain form."""

from __future__ import annotations

import unicodedata

from rasid import extract_report

# The same short report in Arabic presentation forms (contextual glyphs, as some PDF and
# legacy converters emit them) and in ordinary letters.
_PLAIN = "قصفت قوات النظام بلدة حطلة في ريف دير الزور أمس، ما أدى إلى مقتل ثلاثة مدنيين."


def _presentation_forms(text: str) -> str:
    """`text` rewritten with isolated/final/initial/medial glyphs where Unicode has them."""
    out = []
    for ch in text:
        name = unicodedata.name(ch, "")
        form = None
        for variant in ("ISOLATED FORM", "FINAL FORM", "INITIAL FORM", "MEDIAL FORM"):
            try:
                form = unicodedata.lookup(f"{name} {variant}")
                break
            except KeyError:
                continue
        out.append(form or ch)
    return "".join(out)


def _summary(text: str) -> list[tuple[object, ...]]:
    return [
        (e.sub_event_type, e.actor1 and e.actor1.id, e.location and e.location.name, e.fatalities)
        for e in extract_report(text, published="2024-03-05").events
    ]


def test_presentation_forms_yield_the_events_of_their_nfkc_form() -> None:
    shaped = _presentation_forms(_PLAIN)
    assert shaped != _PLAIN and unicodedata.normalize("NFKC", shaped) == _PLAIN
    expected = _summary(_PLAIN)
    assert expected and expected[0][3] == 3
    assert _summary(shaped) == expected


def test_absurd_toll_is_kept_as_text_with_a_warning() -> None:
    for digits in ("9" * 26, "9" * 309):
        result = extract_report(f"قصفت قوات النظام بلدة حطلة أمس، ما أدى إلى مقتل {digits} مدنيين.")
        assert all(e.fatalities is None for e in result.events)
        assert any("no real count" in w for w in result.warnings)
        quantity = next(m for m in result.mentions if m.kind == "quantity")
        assert quantity.canonical is None and digits in quantity.text
