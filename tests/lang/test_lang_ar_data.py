"""The Arabic data files load, fold their words, and refuse malformed content."""

from __future__ import annotations

from typing import Any

import pytest

from rasid.lang.ar import LanguageDataError, load, loader
from rasid.lang.ar.orthography import fold_word
from rasid.lang.ar.schema import SCHEMA


@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_every_data_file_loads_against_its_schema(name: str) -> None:
    data = load(name)
    assert set(data) == set(SCHEMA[name])


def test_words_are_folded_as_the_text_layer_folds_them() -> None:
    assert fold_word("إحدى") == "احدي"
    assert fold_word("مِئَة") == "مئه"
    assert "ال" in load("clitics")["article"]


def _with_file(monkeypatch: pytest.MonkeyPatch, name: str, content: Any) -> None:
    load.cache_clear()
    monkeypatch.setattr(loader, "_read", lambda n: content if n == name else loader._read(n))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"conjunctions": ["و"]}, "missing keys"),
        ({**{k: ["و"] for k in SCHEMA["clitics"]}, "typo": ["و"]}, "unknown keys"),
        ({**{k: ["و"] for k in SCHEMA["clitics"]}, "article": []}, "non-empty list"),
        ({**{k: ["و"] for k in SCHEMA["clitics"]}, "article": ["  "]}, "expected a word"),
        (["و"], "mapping of keys"),
    ],
)
def test_malformed_file_is_refused_with_its_name(
    monkeypatch: pytest.MonkeyPatch, content: Any, message: str
) -> None:
    _with_file(monkeypatch, "clitics", content)
    try:
        with pytest.raises(LanguageDataError, match=message) as info:
            load("clitics")
        assert "clitics.yaml" in str(info.value)
    finally:
        load.cache_clear()


def test_a_file_without_schema_is_refused() -> None:
    with pytest.raises(LanguageDataError, match="no schema"):
        load("no_such_file")
