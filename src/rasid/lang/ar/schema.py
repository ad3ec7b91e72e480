"""The shape of every Arabic data file: its keys and how each value is checked.

A data file without an entry here cannot be loaded; a key not listed is refused. Keeping
the schema next to the data makes a typo in a YAML key an error on load, not a silent miss.
"""

from __future__ import annotations

from collections.abc import Mapping

from rasid.lang.ar.loader import (
    Check,
    characters,
    in_range,
    labels_from,
    pattern,
    rule_table,
    word_to_int,
    word_to_label,
    word_to_words,
    words,
)

_MONTH = in_range(1, 12)

SCHEMA: Mapping[str, Mapping[str, Check]] = {
    "clitics": {
        "conjunctions": words,
        "prepositions": words,
        "verb_particles": words,
        "article": words,
        "contracted_article": words,
        "pronoun_suffixes": words,
    },
    "sentences": {
        "terminators": characters,
        "semicolons": characters,
        "commas": characters,
        "causal_connectors": words,
        "clause_openers": words,
        "opener_exceptions": word_to_words,
    },
    "calendar": {
        "months_levantine": _MONTH,
        "months_standard": _MONTH,
        "months_maghreb": _MONTH,
        "month_name_parts": words,
        "ambiguous_months": words,
        "hijri_months": _MONTH,
        "hijri_year_marks": words,
        "gregorian_year_marks": words,
        "weekdays": in_range(0, 6),
        "parts_of_day": word_to_label,
        "day_ordinals": in_range(1, 31),
        "small_counts": in_range(1, 10),
    },
    "dates": {
        "clitic_prepositions": words,
        "past": words,
        "current": words,
        "future": words,
        "relative_days": in_range(-2, 1),
        "night_days": words,
        "not_after_relative_day": words,
        "day_word": words,
        "not_before_weekday": word_to_words,
        "period_units": labels_from(frozenset({"week", "month", "year"})),
        "ago_units": labels_from(frozenset({"hour", "day", "week", "month"})),
        "ago_default_counts": word_to_int,
        "after_bare_year": words,
        "year": pattern,
        "rules": rule_table,
    },
}
