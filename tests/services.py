"""Services the test suite needs, brought up by the suite itself (a pytest plugin, see conftest.py).

PostgreSQL: unless `RASID_TEST_DATABASE_URL` names a server already, a throwaway cluster is
made with `initdb` in a temporary directory (the server binaries of the distribution's
package, under /usr/lib/postgresql/*/bin), started on a free loopback port, and removed when
the run ends. Chromium: `RASID_CHROMIUM` or the usual paths. `scripts/test-services` installs
both where the machine allows it (`make test` runs it first).

Whatever could not be brought up is announced in one loud line at the start and the end of the
run, so that a skipped PostgreSQL or browser test is never silent.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
PG_DATABASE = "rasid_test"
PG_USER = "rasid"


@dataclass
class Services:
    """What this run has: started services to stop at the end, and what is missing and why."""

    cluster: Path | None = None
    run_as: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (where initdb and pg_ctl live)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _unprivileged() -> list[str]:
    """initdb refuses to run as root: run the server as the `postgres` system user then."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return ["<none>"]
    return [runuser, "-u", "postgres", "--"] if runuser else ["<none>"]


def _start_postgres(services: Services) -> None:
    pg_bin = _pg_bin()
    if pg_bin is None:
        services.missing.append("PostgreSQL: no server binaries (initdb); install the `postgresql` package")
        return
    run_as = _unprivileged()
    if run_as == ["<none>"]:
        services.missing.append("PostgreSQL: running as root without a `postgres` user to run the server")
        return
    cluster = Path(tempfile.mkdtemp(prefix="rasid-pg-"))
    if run_as:
        shutil.chown(cluster, user="postgres")
    port = _free_port()
    log = cluster / "server.log"
    try:
        subprocess.run([*run_as, str(pg_bin / "initdb"), "-D", str(cluster / "data"), "-U", PG_USER,
                        "--auth=trust", "-E", "UTF8", "--no-locale"], check=True, capture_output=True, timeout=120)
        subprocess.run([*run_as, str(pg_bin / "pg_ctl"), "-D", str(cluster / "data"), "-l", str(log), "-w",
                        "-o", f"-p {port} -h 127.0.0.1 -k {cluster}", "start"], check=True, capture_output=True, timeout=120)
        subprocess.run([*run_as, str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", PG_USER, PG_DATABASE],
                       check=True, capture_output=True, timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        services.missing.append(f"PostgreSQL: the throwaway cluster did not start ({exc}; {detail.decode(errors='replace').strip()[:200]})")
        _stop_postgres(Services(cluster=cluster, run_as=run_as))
        return
    services.cluster, services.run_as = cluster, run_as
    os.environ["RASID_TEST_DATABASE_URL"] = f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/{PG_DATABASE}"
    services.started.append(f"PostgreSQL {pg_bin.parent.name} (throwaway cluster on port {port})")


def _stop_postgres(services: Services) -> None:
    cluster = services.cluster
    if cluster is None:
        return
    pg_bin = _pg_bin()
    if pg_bin and (cluster / "data" / "postmaster.pid").exists():
        subprocess.run([*services.run_as, str(pg_bin / "pg_ctl"), "-D", str(cluster / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
        deadline = time.monotonic() + 10
        while (cluster / "data" / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    shutil.rmtree(cluster, ignore_errors=True)


def _find_chromium(services: Services) -> None:
    configured = os.environ.get("RASID_CHROMIUM")
    candidates = [configured] if configured else [*CHROMIUM_CANDIDATES, shutil.which("chromium") or ""]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            os.environ["RASID_CHROMIUM"] = path
            services.started.append(f"Chromium at {path}")
            return
    services.missing.append("browser tests: no Chromium (install the `chromium` package or set RASID_CHROMIUM)")


def _loud(services: Services) -> list[str]:
    return [f"!!! NOT RUN — {why}" for why in services.missing]


_SERVICES = Services()


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("RASID_TEST_DATABASE_URL"):
        _SERVICES.started.append("PostgreSQL from RASID_TEST_DATABASE_URL")
    else:
        _start_postgres(_SERVICES)
    _find_chromium(_SERVICES)
    for line in _loud(_SERVICES):
        print(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    _stop_postgres(_SERVICES)


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"services: {', '.join(_SERVICES.started) or 'none'} (user {getpass.getuser()})"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in _loud(_SERVICES):
        terminalreporter.write_line(line, red=True, bold=True)
