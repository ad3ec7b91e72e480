"""Reading the Arabic data files once, checking them against their schema, folding their words.

Every file under `data/` has a schema here: the keys it must have and the shape of each
value. A missing or unknown key, a value of the wrong shape or an empty word raises
`LanguageDataError` naming the file and the key, when the file is first read (the test
suite reads them all, so a broken file fails CI, not a user's run). Words are folded with
`orthography.fold_word`, exactly as the text layer folds report text, so the files are
written as printed (with hamza, ة, ى) and still match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasid.lang.ar.orthography import fold_word


class LanguageDataError(ValueError):
    """A language data file is malformed; the message names the file and the key."""


Check = Callable[[Any, str], Any]


def _fail(where: str, what: str) -> LanguageDataError:
    return LanguageDataError(f"{where}: {what}")


def _word(value: Any, where: str) -> str:
    if not isinstance(value, str | int) or not str(value).strip():
        raise _fail(where, f"expected a word, got {value!r}")
    folded = fold_word(str(value))
    if not folded:
        raise _fail(where, f"{value!r} folds to nothing")
    return folded


def words(value: Any, where: str) -> tuple[str, ...]:
    """A list of words or phrases → folded, in order, without repeats."""
    if not isinstance(value, list) or not value:
        raise _fail(where, "expected a non-empty list of words")
    return tuple(dict.fromkeys(_word(v, where) for v in value))


def characters(value: Any, where: str) -> str:
    """A list of single characters (punctuation), kept as written: never folded."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and len(v) == 1 for v in value):
        raise _fail(where, "expected a non-empty list of single characters")
    return "".join(value)


def texts(value: Any, where: str) -> tuple[str, ...]:
    """A list of sentences, kept as written (example text, not words to match)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, "expected a non-empty list of sentences")
    return tuple(v.strip() for v in value)


def word_pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """A list of [word, word] pairs, kept as written (spellings that folding must not merge)."""
    if not isinstance(value, list) or not value:
        raise _fail(where, "expected a non-empty list of pairs")
    out = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(w, str) and w.strip() for w in pair):
            raise _fail(where, f"expected a pair of words, got {pair!r}")
        out.append((pair[0].strip(), pair[1].strip()))
    return tuple(out)


def _word_mapping(value: Any, where: str, what: str, convert: Callable[[Any], Any | None]) -> dict[str, Any]:
    """A non-empty mapping word → value, each value passed through `convert` (None: not a `what`)."""
    if not isinstance(value, dict) or not value:
        raise _fail(where, f"expected a non-empty mapping of word to {what}")
    out: dict[str, Any] = {}
    for k, v in value.items():
        converted = convert(v)
        if converted is None:
            raise _fail(where, f"{k!r}: expected {what}, got {v!r}")
        out[_word(k, where)] = converted
    return out


def _whole(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _label(v: Any) -> str | None:
    return v if isinstance(v, str) and v.isascii() and v.strip() else None


def word_to_int(value: Any, where: str) -> dict[str, int]:
    """A mapping word → whole number (a month's number, a day's offset)."""
    return _word_mapping(value, where, "a whole number", _whole)


def word_to_number(value: Any, where: str) -> dict[str, float]:
    """A mapping word → number (a multiplier such as 1e6)."""
    return _word_mapping(value, where, "a number", _number)


def word_to_label(value: Any, where: str) -> dict[str, str]:
    """A mapping word → an English label (a vague quantity's label, a part of day)."""
    return _word_mapping(value, where, "an English label", _label)


def word_to_words(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    """A mapping word → list of words (a word and the words that undo it when they follow)."""
    if not isinstance(value, dict) or not value:
        raise _fail(where, "expected a non-empty mapping of word to word list")
    return {_word(k, where): words(v, f"{where}.{k}") for k, v in value.items()}


def labels_from(allowed: frozenset[str]) -> Check:
    """A word → label mapping whose labels come from `allowed` (a unit, a kind)."""

    def check(value: Any, where: str) -> dict[str, str]:
        out = word_to_label(value, where)
        bad = sorted({v for v in out.values() if v not in allowed})
        if bad:
            raise _fail(where, f"unknown labels {bad} (known: {', '.join(sorted(allowed))})")
        return out

    return check


def pattern(value: Any, where: str) -> str:
    """A regular expression template over normalised text (compiled by the module that fills it)."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, "expected a pattern (a non-empty string)")
    return value


def _anchor(value: Any, where: str) -> str:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return value  # a named word set, filled by the reader
    return _word(value, where)


def rule_table(value: Any, where: str) -> dict[str, dict[str, Any]]:
    """Named rules: each {doc, anchors, pattern}; anchors are words or {NAMED} word sets."""
    if not isinstance(value, dict) or not value:
        raise _fail(where, "expected a mapping of rule name to rule")
    out: dict[str, dict[str, Any]] = {}
    for name, rule in value.items():
        here = f"{where}.{name}"
        if not isinstance(rule, dict) or set(rule) != {"doc", "anchors", "pattern"}:
            raise _fail(here, "a rule needs exactly doc, anchors and pattern")
        if not isinstance(rule["doc"], str) or not rule["doc"].strip():
            raise _fail(here, "doc must say what the rule reads")
        if not isinstance(rule["anchors"], list) or not rule["anchors"]:
            raise _fail(here, "anchors must be a non-empty list")
        anchors = tuple(_anchor(a, here) for a in rule["anchors"])
        out[str(name)] = {"doc": rule["doc"], "anchors": anchors, "pattern": pattern(rule["pattern"], here)}
    return out


def word_lists_for(keys: frozenset[str]) -> Check:
    """A mapping from each of `keys` (English names) to a list of words."""

    def check(value: Any, where: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict) or set(value) != keys:
            raise _fail(where, f"expected exactly the keys {', '.join(sorted(keys))}")
        return {k: words(v, f"{where}.{k}") for k, v in value.items()}

    return check


def in_range(low: int, high: int) -> Check:
    """A word → whole number mapping whose numbers lie in [low, high]."""

    def check(value: Any, where: str) -> dict[str, int]:
        out = word_to_int(value, where)
        bad = [k for k, v in out.items() if not low <= v <= high]
        if bad:
            raise _fail(where, f"numbers outside {low}..{high} for {', '.join(bad)}")
        return out

    return check


def phrases_to_labels(labels: frozenset[str]) -> Check:
    """A list of [word, word, …] sequences each with a label from `labels` (hedges)."""

    def check(value: Any, where: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        if not isinstance(value, dict) or not value:
            raise _fail(where, "expected a mapping of label to phrases")
        out = []
        for label, phrases in value.items():
            if label not in labels:
                raise _fail(where, f"unknown label {label!r} (known: {', '.join(sorted(labels))})")
            out += [(tuple(p.split()), label) for p in words(phrases, f"{where}.{label}")]
        return tuple(out)

    return check


def _read(name: str) -> Any:
    path = resources.files("rasid.lang.ar").joinpath("data", f"{name}.yaml")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise LanguageDataError(f"{name}.yaml: no such language data file") from err
    except yaml.YAMLError as err:
        raise LanguageDataError(f"{name}.yaml: not valid YAML: {err}") from err


@cache
def load(name: str) -> Mapping[str, Any]:
    """The data file `data/<name>.yaml`, checked against its schema and folded (read once)."""
    from rasid.lang.ar.schema import SCHEMA

    schema = SCHEMA.get(name)
    if schema is None:
        raise LanguageDataError(f"{name}.yaml: no schema (add one to rasid/lang/ar/schema.py)")
    raw = _read(name)
    if not isinstance(raw, dict):
        raise LanguageDataError(f"{name}.yaml: expected a mapping of keys at the top level")
    unknown = sorted(set(raw) - set(schema))
    missing = sorted(set(schema) - set(raw))
    if unknown or missing:
        raise LanguageDataError(f"{name}.yaml: unknown keys {unknown}, missing keys {missing}")
    return {key: check(raw[key], f"{name}.yaml:{key}") for key, check in schema.items()}
