"""Ranking candidates: prominence, duplicates across sources, context, ACLED precision."""

from __future__ import annotations

from rasid.geo import Place
from rasid.geo.resolve import Context, best, dedupe, geo_precision, prominence


def _p(pid: str, kind: str, lat: float, lon: float, admin1: str, pop: int = 0, source: str = "wof") -> Place:
    return Place(pid, pid, kind, lat, lon, admin1, None, None, "SY", pop, ("الصالحية",), source)


SALIHIYA = [
    _p("damascus", "neighbourhood", 33.52, 36.29, "Damascus"),
    _p("deir", "village", 35.41, 40.04, "Deir ez-Zor"),
    _p("hasakah", "village", 36.9, 41.1, "Al-Hasakah"),
]


def test_prominence_prefers_cities_and_population() -> None:
    assert prominence(_p("c", "city", 0, 0, "x", 100_000)) > prominence(_p("v", "village", 0, 0, "x"))
    assert prominence(_p("t", "town", 0, 0, "x", 50_000)) > prominence(_p("t2", "town", 0, 0, "x", 500))


def test_dedupe_merges_records_of_one_place() -> None:
    a = _p("a", "town", 35.0, 40.0, "x", source="rasid")
    b = _p("b", "village", 35.01, 40.01, "x")
    c = _p("c", "village", 36.0, 40.0, "x")
    assert [p.id for p in dedupe([b, a, c])] == ["a", "c"]


def test_context_governorate_picks_the_namesake() -> None:
    ctx = Context()
    ctx.add(_p("dz", "city", 35.336, 40.141, "Deir ez-Zor", 200_000, "rasid"))
    assert best(SALIHIYA, ctx).id == "deir"


def test_anchor_outweighs_governorate_context() -> None:
    ctx = Context()
    ctx.add(_p("dz", "city", 35.336, 40.141, "Deir ez-Zor", 200_000, "rasid"))
    anchor = _p("qamishli", "city", 37.05, 41.23, "Al-Hasakah", 180_000, "rasid")
    assert best(SALIHIYA, ctx, anchor=anchor).id == "hasakah"


def test_geo_precision() -> None:
    assert geo_precision(_p("v", "village", 0, 0, "x")) == 1
    assert geo_precision(_p("v", "village", 0, 0, "x"), near=True) == 2
    assert geo_precision(_p("a", "area", 0, 0, "x")) == 3
    assert geo_precision(_p("g", "governorate", 0, 0, "x")) == 3
