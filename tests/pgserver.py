"""A throw-away PostgreSQL server for the store's tests (not a mock: Debian's real server).

:class:`PostgresServer` runs ``initdb`` and ``pg_ctl`` from the ``postgresql`` package
(installed by ``scripts/ensure_postgresql.sh``, which ``./dev.sh test`` runs) in a
temporary folder: the cluster listens on a Unix socket in that folder only (no TCP port),
trusts local connections, and runs as an unprivileged user (``nobody`` when the tests run
as root, since PostgreSQL refuses to run as root). Each test gets its own database
(:meth:`PostgresServer.database`); the server is stopped and its folder removed at the end
of the session.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: The user the server runs as when the tests run as root.
UNPRIVILEGED = "nobody"


def server_bin() -> Path | None:
    """The folder of Debian's newest PostgreSQL binaries, or None when not installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, on a Unix socket, for one test session."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._as_root = os.geteuid() == 0
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        kwargs = {"user": UNPRIVILEGED} if self._as_root else {}
        done = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
            **kwargs,
        )
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr or done.stdout}\n{tail}")

    def start(self) -> PostgresServer:
        if self._as_root:
            shutil.chown(self.root, user=UNPRIVILEGED)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}'"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The database URL the store takes (``postgresql://`` with the socket folder)."""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def database(self) -> str:
        """A new empty database on the server; its URL."""
        import psycopg

        name = f"store_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(
            host=str(self.socket_dir), user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
