"""The shape of every Arabic data file: its keys and how each value is checked.

A data file without an entry here cannot be loaded; a key not listed is refused. Keeping
the schema next to the data makes a typo in a YAML key an error on load, not a silent miss.
"""

from __future__ import annotations

from collections.abc import Mapping

from rasid.lang.ar.loader import Check, characters, word_to_words, words

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
}
