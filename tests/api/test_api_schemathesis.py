"""Property-based: Schemathesis generates requests from the OpenAPI schema; none may yield a 5xx.

Bounded: `max_examples=20` per operation (about a dozen operations), well under two minutes.
The app runs in-process over a copy of the corpus, with the write token so that
`POST /api/reports` is exercised past authentication too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from rasid.api import create_app

TOKEN = "schemathesis-token"
MAX_EXAMPLES = 20


@pytest.fixture(scope="module")
def st_schema(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory):
    copy = tmp_path_factory.mktemp("st_db") / "st.db"
    shutil.copy(corpus_db, copy)
    app = create_app(str(copy), token=TOKEN, tiles="")
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_no_server_errors(st_schema):
    operations = [result.ok() for result in st_schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    calls: list[int] = []
    for operation in operations:
        _check(operation, failures, calls)
    assert len(calls) >= 5 * len(operations)
    assert not failures, "\n".join(failures[:20])


def _check(operation, failures: list[str], calls: list[int]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"} if operation.method.upper() == "POST" else None

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    def run(case):
        response = case.call(headers=auth)
        calls.append(response.status_code)
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} query={case.query!r} body={case.body!r}"
                f" -> {response.status_code} {response.text[:300]}"
            )

    run()
