"""nationalities.yaml: adjectives map to actors that exist, one actor per adjective."""

from __future__ import annotations

import pytest

from rasid.lexicon.load import load_actors, load_nationalities
from rasid.text.normalize import normalize_key


def test_every_adjective_names_a_known_actor() -> None:
    actors = load_actors()
    assert all(actor_id in actors for actor_id in load_nationalities().values())


@pytest.mark.parametrize(
    ("adjective", "actor_id"),
    [
        ("يمنية", "houthi_armed_forces"),
        ("سوداني", "saf"),
        ("ليبية", "libya_gnu_forces"),
        ("صومالي", "somali_army"),
        ("لبنانية", "lebanese_army"),
        ("فلسطيني", "palestinian_factions"),
        ("مصرياً", "egyptian_forces"),
        ("سعودية", "saudi_forces"),
        ("إماراتي", "uae_forces"),
        ("بريطانية", "british_forces"),
    ],
)
def test_the_regions_adjectives(adjective: str, actor_id: str) -> None:
    assert load_nationalities()[normalize_key(adjective)] == actor_id


def test_plural_nouns_are_not_adjectives() -> None:
    """يمنيون are Yemeni people, not a qualifier of a strike."""
    assert normalize_key("يمنيون") not in load_nationalities()
