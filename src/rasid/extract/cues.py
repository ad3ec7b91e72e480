"""Word-level helpers the event rules share, and the grammar word lists they read.

The lists (death and injury words, prepositions, markers of agents and targets …) are data
in `rasid/lexicon/data/grammar.yaml`; each module names the ones it uses.
"""

from __future__ import annotations

from functools import cache

from rasid.extract.doc import Doc
from rasid.lexicon.load import load_grammar
from rasid.model import Mention
from rasid.text.tokenize import ARTICLE, analyse, strip_proclitics

GRAMMAR = load_grammar()

# Normalised words (without clitics) that report a death or an injury, not a happening of their own.
DEATH_WORDS = GRAMMAR["death_words"]

INJURY_WORDS = GRAMMAR["injury_words"]


@cache
def casualty_word(word: str) -> frozenset[str] | None:
    """DEATH_WORDS or INJURY_WORDS when the word (with its clitics) reports a casualty, else None."""
    if is_one_of(word, DEATH_WORDS):
        return DEATH_WORDS
    return INJURY_WORDS if is_one_of(word, INJURY_WORDS) else None


@cache
def forms_of(word: str) -> frozenset[str]:
    """The word as written and each reading of it without proclitics (وبمقتل → بمقتل، مقتل), from
    the tokenizer's clitic analysis."""
    forms = {word}
    for reading in analyse(word):
        # Pronoun suffixes stay on: مصدرها ("its source") is not مصدر ("a source" who speaks).
        bare = reading.stem + reading.suffix
        forms.update((bare, ARTICLE + bare) if reading.article else (bare,))
    return frozenset(forms)


def is_one_of(word: str, words: frozenset[str]) -> bool:
    """Whether a word, with or without its clitics (وأصيب، لإصابة، والقتلى), is one of `words`."""
    return not forms_of(word).isdisjoint(words)


@cache
def stem_of(word: str) -> str:
    """A word without proclitics and article, for comparing with the word lists above."""
    w = strip_proclitics(word)
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


def marker_before(doc: Doc, mention: Mention, markers: frozenset[str], span: int = 3) -> bool:
    """Whether one of `markers` stands among the `span` words before the mention."""
    return any(is_one_of(w, markers) for w in doc.words_between(max(0, mention.start - 40), mention.start)[-span:])


def is_personnel(word: str) -> bool:
    """A noun for fighters or members, in any case ending (عنصر، عنصراً، العناصر، مقاتلين)."""
    stem = stem_of(word)
    return any(x in _PERSONNEL_NOUNS for x in (word, stem, stem[:-1] if stem.endswith("ا") else stem))


_PERSONNEL_NOUNS = GRAMMAR["personnel_nouns"]
