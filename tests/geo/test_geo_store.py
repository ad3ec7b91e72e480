"""The index under RASID_HOME: built on first use, reopened as is, lookups and stats."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasid.geo import Gazetteer, Place
from rasid.geo.store import connect, get_meta, index_path, set_meta, upsert_places


def test_default_builds_the_index_under_rasid_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASID_HOME", str(tmp_path / "home"))
    Gazetteer.forget_default()
    try:
        gaz = Gazetteer.default()
        assert (tmp_path / "home" / "gazetteer.sqlite").exists()
        assert Gazetteer.default() is gaz  # cached per process
        assert index_path() == tmp_path / "home" / "gazetteer.sqlite"
    finally:
        Gazetteer.forget_default()


def test_rasid_home_is_never_the_real_home_in_tests() -> None:
    assert os.environ.get("RASID_HOME")
    assert not Path(os.environ["RASID_HOME"]).resolve().is_relative_to(Path.home() / ".local" / "share" / "rasid")


def test_index_reopens_without_a_rebuild(embedded_home: Path, embedded: Gazetteer) -> None:
    # How fast it loads is measured by benchmarks/geoparse.py (index_load_s), not here.
    again = Gazetteer.open(embedded_home / "gazetteer.sqlite")
    assert len(again.places) == len(embedded.places) and again.places == embedded.places


def test_lookup_get_and_stats(embedded: Gazetteer) -> None:
    found = embedded.lookup("دير الزور")
    assert found and found[0].name == "Deir ez-Zor" and found[0].kind == "city"
    assert embedded.lookup("ديرالزور")[0].id == found[0].id  # fused spelling
    assert embedded.lookup("شحيل")[0].name == "Al-Shuhayl"  # article optional
    assert embedded.get(found[0].id) == found[0]
    assert embedded.get("no-such-id") is None
    stats = embedded.stats()
    assert stats["places"] == len(embedded.places) > 4000
    assert {"rasid", "embedded"} <= set(stats["by_source"])


def test_place_is_frozen_with_the_agreed_fields() -> None:
    p = Place("x:1", "X", "town", 35.0, 40.0, "Deir ez-Zor", None, None, "SY", 10, ("اكس",), "test")
    assert (p.id, p.name, p.kind, p.lat, p.lon, p.admin1, p.admin2, p.admin3, p.country, p.population,
            p.names_ar, p.source) == ("x:1", "X", "town", 35.0, 40.0, "Deir ez-Zor", None, None, "SY", 10,
                                      ("اكس",), "test")
    try:
        p.name = "Y"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Place must be immutable")


def test_stale_embedded_data_is_rebuilt_and_imported_rows_survive(fresh_home: Path) -> None:
    path = fresh_home / "gazetteer.sqlite"
    imported = Place("test:1", "Testville", "village", 35.0, 40.0, names_ar=("قرية الاختبار",), source="test")
    with connect(path) as conn:
        upsert_places(conn, [imported])
        set_meta(conn, "embedded_version", "old")
    gaz = Gazetteer.open(path)
    assert gaz.get("test:1") == imported
    with connect(path) as conn:
        assert get_meta(conn, "embedded_version") != "old"


def test_in_memory_gazetteer(embedded: Gazetteer) -> None:
    gaz = Gazetteer.from_places([Place("t:1", "T", "town", 1.0, 2.0, names_ar=("تيست",), source="t")])
    assert gaz.lookup("تيست")[0].id == "t:1"
    assert gaz.stats()["places"] == 1


def test_unwritable_home_falls_back_to_the_embedded_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RASID_HOME", str(blocker / "home"))
    Gazetteer.forget_default()
    try:
        with pytest.warns(RuntimeWarning):
            gaz = Gazetteer.default()
        assert gaz.lookup("حطلة")[0].name == "Hatla"
    finally:
        Gazetteer.forget_default()
