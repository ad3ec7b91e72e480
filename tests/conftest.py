"""Shared test setup: a private RASID_HOME per session, and the path of ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services import (  # noqa: F401  (the suite brings up PostgreSQL and finds Chromium itself)
    pytest_configure,
    pytest_report_header,
    pytest_terminal_summary,
    pytest_unconfigure,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _rasid_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never write to the user's real data directory."""
    if "RASID_HOME_FOR_TESTS" not in os.environ:
        os.environ["RASID_HOME"] = str(tmp_path_factory.mktemp("rasid_home"))


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """`../shared/eval`, or skip when the shared material is absent."""
    path = SHARED / "eval"
    if not (path / "dev.jsonl").exists():
        pytest.skip("../shared/eval is not present")
    return path
