"""`rasid gazetteer import | stats | search` on a private RASID_HOME."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.cli import app
from rasid.geo import Gazetteer


@pytest.fixture
def home(fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("RASID_HOME", str(fresh_home))
    Gazetteer.forget_default()
    yield fresh_home
    Gazetteer.forget_default()


def test_search_and_stats(home: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(app, ["gazetteer", "search", "حطلة"])
    assert found.exit_code == 0, found.output
    assert "Hatla" in found.output
    missing = runner.invoke(app, ["gazetteer", "search", "لامكان"])
    assert missing.exit_code == 1
    stats = runner.invoke(app, ["gazetteer", "stats"])
    assert stats.exit_code == 0
    assert json.loads(stats.output)["places"] > 4000


def test_import_twice(home: Path, tmp_path: Path) -> None:
    table = tmp_path / "pcodes.csv"
    table.write_text("admin1Name_en,admin1Name_ar,admin4Name_en,admin4Name_ar,admin4Pcode,Latitude,Longitude\n"
                     "Idleb,إدلب,Testqarya,قرية الامتحان,C8888,35.9,36.6\n", encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["gazetteer", "import", str(table)])
    assert first.exit_code == 0, first.output
    assert "1 written" in first.output
    again = runner.invoke(app, ["gazetteer", "import", str(table)])
    assert "unchanged" in again.output
    found = runner.invoke(app, ["gazetteer", "search", "قرية الامتحان"])
    assert "Idlib" in found.output


def test_import_refuses_unknown_files(home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing here\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "import", str(junk)])
    assert result.exit_code != 0
    assert CliRunner().invoke(app, ["gazetteer", "import", str(tmp_path / "absent.tsv")]).exit_code != 0
