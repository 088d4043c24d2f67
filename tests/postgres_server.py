"""A throwaway PostgreSQL server for the tests: Debian's own binaries, a temporary folder, 127.0.0.1.

Standard library only, so ``.ci/run`` can start the server with the system ``python3`` before any
virtual environment exists::

    python3 tests/postgres_server.py start DIR    # prints the server's URL (database "postgres")
    python3 tests/postgres_server.py stop DIR     # stops it by the pid in DIR/postmaster.pid

``initdb`` and ``pg_ctl`` refuse to run as root (and CI runs as root), so as root they run as the
``postgres`` user (``runuser``), in a folder that user owns (its parent folders must let that user
through: a ``mktemp -d`` folder does).  The server listens on 127.0.0.1 only, and on a socket inside the
folder; it trusts every connection but ``PASSWORD_ROLE``'s (the wrong-password test's), and runs with
``fsync=off`` because a test server never has to survive a power cut.  When a server is already running
(``.ci/run`` starts one and exports ``CLAIMSCOPE_TEST_PG``), the tests use that one instead of starting
their own.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SERVER_ENV = "CLAIMSCOPE_TEST_PG"
"""A libpq URL of a running server in which the tests may create and drop databases."""
SERVER_USER = "postgres"
START_TIMEOUT = 30
PASSWORD_ROLE = "claimscope_password_test"
"""The one role that must give a password (every other connection is trusted): the wrong-password test's."""


class NoServer(Exception):
    """No PostgreSQL server could be started here; the message says why (the tests are skipped with it)."""


def _binary(name: str) -> str:
    """The newest installed PostgreSQL's ``name`` (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    for folder in reversed(versions):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise NoServer(f"{name} not found: install PostgreSQL (apt-get install postgresql postgresql-contrib)")
    return found


def _as_server_user() -> list[str]:
    """The command prefix that runs the server tools as a user they accept."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoServer("running as root without runuser: cannot start PostgreSQL as the postgres user")
    return [runuser, "-u", SERVER_USER, "--"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(directory: Path) -> str:
    """Create a cluster in ``directory`` (which must be empty or absent), start it, return its URL."""
    directory.mkdir(parents=True, exist_ok=True)
    prefix = _as_server_user()
    if prefix:
        import pwd

        user = pwd.getpwnam(SERVER_USER)
        os.chown(directory, user.pw_uid, user.pw_gid)
        directory.chmod(0o700)
        # runuser keeps the caller's working directory; the postgres user may not be able to enter it.
    data = directory / "data"
    initdb = [*prefix, _binary("initdb"), "-D", str(data), "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
    _run(initdb, "initdb")
    hba = data / "pg_hba.conf"
    hba.write_text(f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log = directory / "server.log"
    _run([*prefix, _binary("pg_ctl"), "-D", str(data), "-w", "-t", str(START_TIMEOUT), "-l", str(log),
          "-o", options, "start"], "pg_ctl start")
    return f"postgresql://{SERVER_USER}@127.0.0.1:{port}/postgres"


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=START_TIMEOUT + 30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoServer(f"{what} failed: {exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise NoServer(f"{what} failed (exit {done.returncode}): {last[0]}")


def stop(directory: Path) -> None:
    """Stop the server by the pid in its ``postmaster.pid`` (fast shutdown), then delete the folder."""
    pid_file = directory / "data" / "postmaster.pid"
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and pid_file.exists():
            time.sleep(0.05)
    shutil.rmtree(directory, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: postgres_server.py start|stop DIR", file=sys.stderr)
        return 2
    directory = Path(argv[1])
    if argv[0] == "stop":
        stop(directory)
        return 0
    try:
        print(start(directory))
    except NoServer as exc:
        print(f"postgres_server: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
