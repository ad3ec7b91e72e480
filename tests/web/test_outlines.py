"""The offline map's outlines ship with rasid and cover every country of the region."""

from __future__ import annotations

from rasid.geo.region import region
from rasid.web.outlines import governorate_names, governorate_outlines


def test_every_covered_country_has_its_outline_and_units() -> None:
    features = governorate_outlines()["features"]
    countries = {f["properties"]["iso"] for f in features if f["properties"]["level"] == "country"}
    units = {f["properties"]["iso"] for f in features if f["properties"]["level"] == "admin1"}
    assert region().covered_isos <= countries and region().covered_isos <= units
    iraq = [f for f in features if f["properties"]["iso"] == "IQ" and f["properties"]["level"] == "admin1"]
    assert len(iraq) >= 18  # Iraq's governorates are drawn (it was blank grey before)


def test_outlines_are_closed_polygons_and_credited() -> None:
    gj = governorate_outlines()
    assert "Who's On First" in gj["attribution"]
    for f in gj["features"]:
        assert f["geometry"]["type"] == "MultiPolygon"
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-20 < lon < 60 and -5 < lat < 45 for lon, lat in ring)


def test_filter_lists_units_of_every_country() -> None:
    names = governorate_names()
    assert "Deir ez-Zor" in names and "Al Anbar" in names and len(names) > 150
