"""`rasid gazetteer import`: the shared files, GeoNames, WOF and P-code tables; idempotence."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from rasid.geo import Gazetteer
from rasid.geo.importers import ImportFormatError, _pcode_rows, detect_format, import_files


def _checksum(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as conn:
        places = conn.execute("SELECT count(*), total(length(id || name || kind || names_ar)) FROM place").fetchone()
        names = conn.execute("SELECT count(*) FROM name").fetchone()
    return int(places[0]), int(places[1]), int(names[0])


def test_shared_files_detected(shared_paths: list[Path]) -> None:
    formats = {f.name: detect_format(f) for f in shared_paths}
    assert formats["syria_localities_wof.tsv"] == "shared-localities"
    assert formats["iraq_localities_wof.tsv"] == "shared-localities"
    assert formats["syria_admin_units.tsv"] == "shared-admin"
    assert formats["syria_gazetteer_combined.tsv"] == "shared-combined"
    assert formats["syria_aleppo_city_neighbourhoods_ocha.tsv"] == "shared-neighbourhoods"
    assert formats["syria_syrianarchive_locations.tsv"] == "shared-syrianarchive"


def test_shared_import_adds_villages_with_admin_names(shared: Gazetteer) -> None:
    stats = shared.stats()
    assert stats["by_source"]["wof"] > 25_000
    hatla = [p for p in shared.lookup("حطلة") if p.source == "wof"]
    assert hatla and hatla[0].admin1 == "Deir ez-Zor"  # mapped onto rasid's governorate names
    iraqi = [p for p in shared.lookup("داقوق") if p.source == "wof"]
    assert iraqi and iraqi[0].country == "IQ" and iraqi[0].admin1 == "Kirkuk"


def test_importing_again_changes_nothing(shared_home: Path, shared_paths: list[Path]) -> None:
    path = shared_home / "gazetteer.sqlite"
    before = _checksum(path)
    again = import_files(shared_paths, home=shared_home, progress=False)
    assert all(r.skipped_file for r in again)
    forced = import_files(shared_paths, home=shared_home, progress=False, force=True)
    assert sum(r.written for r in forced) == 0
    assert _checksum(path) == before


def test_geonames_dump_alternates_and_admin_codes(tmp_path: Path, fresh_home: Path) -> None:
    admin = tmp_path / "admin1CodesASCII.txt"
    admin.write_text("SY.07\tDayr az Zawr\tDayr az Zawr\t170793\n", encoding="utf-8")
    row = ["999001", "Testqarya", "Testqarya", "Testqarya,تست قرية", "35.2", "40.3", "P", "PPL", "SY", "", "07",
           "", "", "", "1200", "", "200", "Asia/Damascus", "2024-01-01"]
    field = ["999002", "Test Field", "Test Field", "", "35.1", "40.5", "L", "OILF", "SY", "", "07", "", "", "",
             "0", "", "200", "Asia/Damascus", "2024-01-01"]
    dump = tmp_path / "SY.zip"
    with zipfile.ZipFile(dump, "w") as zf:
        zf.writestr("SY.txt", "\t".join(row) + "\n" + "\t".join(field) + "\n")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("1\t999002\tar\tحقل الاختبار\t\t\t\t\t\t\n2\t999001\ten\tTest village\t\t\t\t\t\t\n",
                          encoding="utf-8")
    assert detect_format(dump) == "geonames"
    assert detect_format(alternates) == "geonames-alternates"
    assert detect_format(admin) == "geonames-admin"
    import_files([alternates, dump, admin], home=fresh_home, progress=False)
    gaz = Gazetteer.open(fresh_home / "gazetteer.sqlite")
    village = gaz.get("gn:999001")
    assert village and village.kind == "village" and village.admin1 == "Deir ez-Zor" and village.population == 1200
    field_place = gaz.lookup("حقل الاختبار")
    assert field_place and field_place[0].kind == "oil_field"


def test_wof_geojson(tmp_path: Path, fresh_home: Path) -> None:
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.2, 35.3]},
               "properties": {"wof:id": 123, "wof:name": "Testtown", "wof:placetype": "locality",
                              "name:ara_x_preferred": ["بلدة الاختبار"], "wof:country": "SY",
                              "geom:latitude": 35.3, "geom:longitude": 40.2}}
    path = tmp_path / "123.geojson"
    path.write_text(json.dumps(feature), encoding="utf-8")
    import_files([path], home=fresh_home, progress=False)
    place = Gazetteer.open(fresh_home / "gazetteer.sqlite").get("wof:123")
    assert place and place.admin1 == "Deir ez-Zor" and place.names_ar == ("بلدة الاختبار",)


def test_wof_sqlite_distribution(tmp_path: Path, fresh_home: Path) -> None:
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.63, 35.93]},
               "properties": {"wof:id": 456, "wof:name": "Testville", "wof:placetype": "locality",
                              "name:ara_x_preferred": ["قرية الفحص"], "wof:country": "SY"}}
    db = tmp_path / "whosonfirst-data-admin-sy-latest.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE geojson (id INTEGER, body TEXT)")
        conn.execute("INSERT INTO geojson VALUES (456, ?)", (json.dumps(feature),))
    assert detect_format(db) == "wof"
    import_files([db], home=fresh_home, progress=False)
    place = Gazetteer.open(fresh_home / "gazetteer.sqlite").get("wof:456")
    assert place and place.admin1 == "Idlib" and (place.lat, place.lon) == (35.93, 36.63)


def test_ocha_pcode_table(tmp_path: Path, fresh_home: Path) -> None:
    path = tmp_path / "syr_pplp.csv"
    path.write_text("admin1Name_en,admin1Name_ar,admin1Pcode,admin4Name_en,admin4Name_ar,admin4Pcode,Latitude,Longitude\n"
                    "Deir-ez-Zor,دير الزور,SY09,Testqarya,قرية التجربة,C9999,35.2,40.3\n", encoding="utf-8")
    assert detect_format(path) == "pcodes"
    import_files([path], home=fresh_home, progress=False)
    place = Gazetteer.open(fresh_home / "gazetteer.sqlite").get("ocha:C9999")
    assert place and place.kind == "village" and place.admin1 == "Deir ez-Zor" and place.country == "SY"


def test_ocha_pcode_workbook(tmp_path: Path) -> None:
    strings = ["admin1Name_en", "admin1Name_ar", "admin4Name_en", "admin4Name_ar", "admin4Pcode", "Latitude",
               "Longitude", "Hama", "حماة", "Testqarya", "قرية التجريب", "C7777"]
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = f'<sst xmlns="{ns}">' + "".join(f"<si><t>{x}</t></si>" for x in strings) + "</sst>"

    def cell(ref: str, i: int) -> str:
        return f'<c r="{ref}" t="s"><v>{i}</v></c>'

    header = "".join(cell(f"{chr(65 + k)}1", k) for k in range(7))
    row = "".join(cell(f"{chr(65 + k)}2", 7 + k) for k in range(5)) + '<c r="F2"><v>35.2</v></c><c r="G2"><v>36.7</v></c>'
    sheet = f'<worksheet xmlns="{ns}"><sheetData><row r="1">{header}</row><row r="2">{row}</row></sheetData></worksheet>'
    path = tmp_path / "syr_pplp.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/sharedStrings.xml", sst)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    assert detect_format(path) == "pcodes"
    places = [p for p in _pcode_rows(path) if p]
    assert [(p.id, p.admin1, p.country, p.lat) for p in places] == [("ocha:C7777", "Hama", "SY", 35.2)]


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(ImportFormatError):
        detect_format(path)


def test_subdistricts_fill_admin3_once_imported(shared: Gazetteer, embedded: Gazetteer) -> None:
    assert embedded.lookup("حطلة")[0].admin3 is None  # no subdistrict data shipped
    hatla = shared.lookup("حطلة")[0]
    assert hatla.admin3 == "Khasham"  # the nearest subdistrict seat of its district
    tal_tamr = shared.lookup("تل تمر")[0]
    assert (tal_tamr.admin2, tal_tamr.admin3) == ("Al-Hasakah", "Tal Tamer")  # the subdistrict named after it
