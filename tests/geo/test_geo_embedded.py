"""The embedded default: coverage the issue asks for, and well-formed curated data."""

from __future__ import annotations

from importlib import resources

import yaml

from rasid.geo import Gazetteer
from rasid.geo.embedded import embedded_places
from rasid.geo.place import KIND_SET


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("rasid.geo").joinpath("data", name).read_text(encoding="utf-8"))


def test_ids_unique_kinds_known_and_points_plausible() -> None:
    places = embedded_places()
    assert len({p.id for p in places}) == len(places)
    for p in places:
        assert p.kind in KIND_SET
        assert p.names_ar or p.names_latin, p.id
        if p.country in ("SY", "IQ") and p.kind != "country":
            assert 29 < p.lat < 38 and 35 < p.lon < 49, p


def test_every_curated_entry_names_a_source() -> None:
    data = _data("curated.yaml")
    for group, items in data.items():
        if group == "towns":
            for rows in items.values():
                for row in rows:
                    assert len(row) >= 6 and row[5], row
        else:
            for e in items:
                assert e.get("wp") or e.get("src"), e


def test_all_syrian_and_iraqi_governorates_and_districts(embedded: Gazetteer) -> None:
    govs = [p for p in embedded.places.values() if p.kind == "governorate"]
    assert sum(p.country == "SY" for p in govs) == 14
    assert sum(p.country == "IQ" for p in govs) == 19
    for iso in ("LB", "JO", "YE", "LY", "TR"):
        assert any(p.country == iso for p in govs), iso
    districts = [p for p in embedded.places.values() if p.kind == "district"]
    assert sum(p.country == "SY" for p in districts) >= 60
    assert sum(p.country == "IQ" for p in districts) >= 90


def test_curated_coverage_of_what_reports_name(embedded: Gazetteer) -> None:
    for name, kind in [
        ("باب الهوى", "crossing"), ("معبر باب السلامة", "crossing"), ("سيمالكا", "crossing"),
        ("معبر اليعربية", "crossing"), ("معبر التنف", "crossing"), ("مطار التيفور", "airport"),
        ("حميميم", "airport"), ("مطار الشعيرات", "airport"), ("مطار دير الزور العسكري", "airport"),
        ("قاعدة التنف", "base"), ("حقل العمر", "oil_field"), ("معمل غاز كونيكو", "gas_field"),
        ("سد تشرين", "dam"), ("جبل الزاوية", "mountain"), ("سهل الغاب", "plain"), ("جبل الأكراد", "mountain"),
        ("الغوطة الشرقية", "area"), ("شرق الفرات", "area"), ("نهر الفرات", "river"),
        ("ريف دير الزور الشرقي", "area"), ("الريف الشمالي لمحافظة درعا", "area"), ("بادية حمص الشرقية", "badia"),
        ("ريف مدينة الباب", "area"), ("البادية الشرقية لحمص", "badia"),
    ]:
        found = embedded.lookup(name)
        assert found, name
        assert found[0].kind == kind, (name, found[0])


def test_derived_towns_have_admin_chain(embedded: Gazetteer) -> None:
    towns = [p for p in embedded.places.values() if p.source == "embedded" and p.country == "SY"]
    assert len(towns) > 200
    assert all(p.admin1 for p in towns)
    assert embedded.lookup("يبرود")[0].admin1 == "Rif Dimashq"


def test_countryside_areas_have_centroids_near_their_centre(embedded: Gazetteer) -> None:
    east = embedded.lookup("ريف دير الزور الشرقي")[0]
    assert east.admin1 == "Deir ez-Zor" and 34.5 < east.lat < 35.3 and 40.3 < east.lon < 41.0
