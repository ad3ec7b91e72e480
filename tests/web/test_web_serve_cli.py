"""`rasid serve`: starts on the given port, prints its URL, serves pages and API; refuses a bad database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from api_corpus import build_store

RASID = [sys.executable, "-c", "from rasid.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_serves_the_database(tmp_path: Path):
    db = tmp_path / "serve.db"
    build_store(db).close()
    port = _free_port()
    proc = subprocess.Popen(
        [*RASID, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "RASID_API_TOKEN": ""},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(base + "/api/health", timeout=1)
                if r.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "rasid serve did not come up"
            time.sleep(0.2)
        assert httpx.get(base + "/api/events").json()["total"] == 6
        assert "Map of events" in httpx.get(base + "/").text
        # No token configured: writes are refused.
        assert httpx.post(base + "/api/reports", json={"text": "x"}).status_code == 403
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_refuses_a_foreign_file(tmp_path: Path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 64)
    r = subprocess.run(
        [*RASID, "serve", "--db", str(bogus), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert "rasid serve:" in r.stderr
    assert "Traceback" not in r.stderr
