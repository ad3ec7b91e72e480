"""The region model: one data file says which countries rasid codes events in.

The fixture region file adds a country (Chad) to the shipped one, with no Python change, and
the gazetteer, event location and the ACLED columns all follow it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rasid.extract.pipeline import Pipeline, extract_report
from rasid.geo import Gazetteer, Place
from rasid.geo.embedded import embedded_places
from rasid.geo.region import load_region, region
from rasid.lexicon.load import load_lexicon
from rasid.model import Location
from rasid.store.ingest import _country

CHAD = {
    "id": "td", "iso": "TD", "iso3": "TCD", "numeric": 148, "name": "Chad", "acled_region": "Middle Africa",
    "lat": 15.4, "lon": 18.7, "ar": ["تشاد"], "adjectives": ["تشادي", "تشادية"], "prior": 0.3,
    "standalone_population": 20000, "admin_levels": {1: {"en": "province", "ar": ["إقليم"]}},
}
ABECHE = Place("test:abeche", "Abeche", "city", 13.83, 20.83, admin1="Ouaddai", country="TD", population=80_000,
               names_ar=("أبشي",), source="test")
SENTENCE = "استهدفت غارة جوية مدينة أبشي في تشاد أمس"


@pytest.fixture
def with_chad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shipped = Path(__file__).resolve().parents[2] / "src" / "rasid" / "geo" / "data" / "regions.yaml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    data["covered"].append(CHAD)
    path = tmp_path / "regions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASID_REGIONS", str(path))
    return path


def _event_location(gaz: Gazetteer) -> Location | None:
    result = extract_report(SENTENCE, pipeline=Pipeline(load_lexicon(), gaz), min_confidence=0)
    assert result.events, "the sentence tells an air strike"
    return result.events[0].location


def test_shipped_region_covers_the_arab_world_conflicts() -> None:
    world = load_region()
    assert {"SY", "IQ", "LB", "PS", "IL", "JO", "EG", "YE", "SD", "LY", "SO", "TR"} <= world.covered_isos
    assert not world.covered("IR") and world.get("IR") is not None
    for iso in world.covered_isos:
        c = world.countries[iso]
        assert c.iso3 and c.numeric and c.acled_region and c.ar and c.adjectives and c.admin_levels, iso
    assert "مديرية" in world.unit_words("YE", 2) and "ولاية" in world.unit_words("SD", 1)
    assert world.lookup("العراق").iso == "IQ" and world.lookup("Somalia").iso == "SO" and world.lookup("YEM").iso == "YE"


def test_a_bad_region_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "regions.yaml"
    path.write_text("covered:\n  - {iso: XX, name: Nowhere}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="regions.yaml"):
        load_region(path)


def test_a_country_added_as_data_is_coded_below_country_level(with_chad: Path) -> None:
    world = region()
    assert world.path == str(with_chad) and world.covered("TD") and "إقليم" in world.unit_words("TD", 1)
    places = embedded_places()
    assert any(p.kind == "country" and p.country == "TD" and "تشاد" in p.names_ar for p in places)
    location = _event_location(Gazetteer.from_places([*places, ABECHE]))
    assert location is not None and location.country == "TD" and location.geo_precision == 1
    assert location.lat is not None and abs(location.lat - ABECHE.lat) < 0.1
    assert _country(location) == ("Chad", 148, "TCD", "Middle Africa")


def test_without_the_entry_the_country_is_outside_the_region() -> None:
    assert not region().covered("TD")
    location = _event_location(Gazetteer.from_places([*embedded_places(), ABECHE]))
    # Still an event, coded at country level (never dropped).
    assert location is not None and location.country == "TD" and location.kind == "country"
    assert location.geo_precision == 3 and location.admin1 is None
    assert _country(Location(text="x", country="TD"))[1] is None


def test_admin_units_answer_to_their_countrys_words() -> None:
    from rasid.geo.region import unit_names

    assert "ولاية الجزيرة" in unit_names("governorate", ("الجزيرة",), "SD")
    assert "مديرية أرحب" in unit_names("district", ("أرحب",), "YE")
    assert unit_names("town", ("أرحب",), "YE") == ("أرحب",)
