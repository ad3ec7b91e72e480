"""Tokens with original spans and clitic analyses."""

from __future__ import annotations

from rasid.text.normalize import normalize
from rasid.text.tokenize import Analysis, analyse, strip_proclitics, tokenize


def test_tokens_carry_original_spans() -> None:
    text = "قَصَفَ الطيران، وبالقرب من «إدلب»"
    toks = tokenize(normalize(text))
    assert [t.norm for t in toks] == ["قصف", "الطيران", "وبالقرب", "من", "ادلب"]
    assert [text[t.start:t.end] for t in toks] == ["قَصَفَ", "الطيران", "وبالقرب", "من", "إدلب"]
    nt = normalize(text)
    assert all(nt.text[t.nstart:t.nend] == t.norm for t in toks)


def test_analyse_unsplit_reading_first() -> None:
    readings = analyse("قوات")
    assert readings[0] == Analysis("", False, "قوات", "")


def test_analyse_conjunction_preposition_article() -> None:
    assert Analysis("وب", True, "قرب", "") in analyse("وبالقرب")


def test_analyse_contracted_article() -> None:
    assert Analysis("لل", True, "نظام", "") in analyse("للنظام")


def test_analyse_pronoun_suffix() -> None:
    assert Analysis("", False, "قوات", "ها") in analyse("قواتها")
    assert Analysis("و", False, "عناصر", "هم") in analyse("وعناصرهم")


def test_analyse_min_stem() -> None:
    # Every reading keeps at least two letters of stem.
    assert all(len(a.stem) >= 2 for a in analyse("وله"))
    assert all(len(a.stem) >= 3 for a in analyse("وبالقرب", min_stem=3))


def test_analyse_no_duplicates() -> None:
    readings = analyse("والعناصر")
    assert len(readings) == len(set(readings))


def test_strip_proclitics() -> None:
    assert strip_proclitics("والنظام") == "النظام"
    assert strip_proclitics("وبالقرب") == "القرب"
    assert strip_proclitics("للنظام") == "النظام"
    assert strip_proclitics("النظام") == "النظام"
    assert strip_proclitics("قوات") == "قوات"


def test_token_analyses_property() -> None:
    tok = tokenize(normalize("بالمدينة"))[0]
    assert Analysis("ب", True, "مدينه", "") in tok.analyses


def test_clitic_helpers_read_the_tokenizer_data() -> None:
    from rasid.text.tokenize import bare_noun, split_conjunction, strip_particles

    assert strip_particles("وبحلب") == "حلب"
    assert strip_particles("كلم") == "كلم"  # ك is not read off: too many words begin with it
    assert strip_particles("وب") == "وب"
    assert bare_noun("والعناصر") == "عناصر" and bare_noun("للمدنيين") == "مدنيين"
    assert bare_noun("بيوت") == "بيوت" and bare_noun("والد") == "والد"
    assert split_conjunction("وزوجته") == ("و", "زوجته") and split_conjunction("وب") == ("", "وب")
