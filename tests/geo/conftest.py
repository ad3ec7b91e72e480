"""Gazetteers for the geo tests: the embedded default, and the default plus the shared files.

Both live under the session's temporary directory (never the user's RASID_HOME); the shared
import runs once per session (and is skipped when ../shared/gazetteer is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.geo import Gazetteer

SHARED_GAZETTEER = Path(__file__).resolve().parents[2] / ".." / "shared" / "gazetteer"


def shared_files() -> list[Path]:
    """The shared Syria and Iraq files, or skip."""
    if not (SHARED_GAZETTEER / "syria_localities_wof.tsv").exists():
        pytest.skip("../shared/gazetteer is not present")
    return sorted(SHARED_GAZETTEER.glob("*.tsv")) + sorted(SHARED_GAZETTEER.glob("*.geojson"))


@pytest.fixture(scope="session")
def shared_paths() -> list[Path]:
    return shared_files()


@pytest.fixture(scope="session")
def embedded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "geo_embedded_home"


@pytest.fixture(scope="session")
def embedded(embedded_home: Path) -> Gazetteer:
    return Gazetteer.open(embedded_home / "gazetteer.sqlite")


@pytest.fixture
def fresh_home(tmp_path: Path, embedded_home: Path, embedded: Gazetteer) -> Path:
    """A new RASID_HOME holding a copy of the embedded index (saves rebuilding it per test)."""
    import shutil

    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(embedded_home / "gazetteer.sqlite", home / "gazetteer.sqlite")
    return home


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rasid.geo.importers import import_files

    home = tmp_path_factory.getbasetemp() / "geo_shared_home"
    import_files(shared_files(), home=home, progress=False)
    return home


@pytest.fixture(scope="session")
def shared(shared_home: Path) -> Gazetteer:
    return Gazetteer.open(shared_home / "gazetteer.sqlite")
