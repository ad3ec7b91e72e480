"""Fixtures for the API tests: the hand-written corpus in a temporary SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_corpus import build_store
from fastapi.testclient import TestClient

from rasid.api import create_app

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api_db") / "web.db"
    build_store(path).close()
    return path


@pytest.fixture(scope="session")
def app(corpus_db: Path) -> Any:
    return create_app(str(corpus_db), token=TOKEN, tiles="")


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
