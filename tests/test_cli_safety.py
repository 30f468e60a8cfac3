"""The CLI next to other programs: the writer lock, exports that never replace silently.

Real processes hold the lock (a GUI-like holder, another CLI command); real files, links and
FIFOs are the export targets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from anfrage_desk import cli
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, open_db
from anfrage_desk.store.lock import CLI, GUI, DatabaseLock, lock_path

INQUIRY = "Anfrage Radwege\n\nWir fragen die Verwaltung:\n\n1. Wie viele?\n2. Bis wann?\n"

HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from anfrage_desk.store.lock import DatabaseLock\n"
    "lock = DatabaseLock(Path(sys.argv[1]), role=sys.argv[2])\n"
    "assert lock.acquire()\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "lock.release()\n"
)


class Holder:
    """Another process that holds the database lock until ``let_go()``."""

    def __init__(self, db_path: Path, role: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), role],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def let_go(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            self.proc.wait(30)


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "anfrage_desk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def inquiry_file(tmp_path: Path) -> Path:
    path = tmp_path / "anfrage.txt"
    path.write_text(INQUIRY, encoding="utf-8")
    return path


# -- point 5: one lock, for windows and commands


def test_cli_refuses_to_write_while_a_window_holds_the_database(
    db: Database, inquiry_file: Path
) -> None:
    holder = Holder(db.path, GUI)
    try:
        proc = _cli("--db", str(db.path), "add-inquiry", str(inquiry_file))
        out, err = proc.communicate(timeout=60)
    finally:
        holder.let_go()
    assert proc.returncode == cli.EXIT_BAD_INPUT, out
    assert err.startswith("Fehler: ") and err.count("\n") == 1
    assert "Anfrage-Desk-Fenster geöffnet" in err and str(holder.proc.pid) in err
    assert db.execute("SELECT count(*) FROM inquiry").fetchone()[0] == 0


def _has_open(pid: int, path: Path) -> bool:
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if Path(os.readlink(fd)) == path:
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open files")
def test_cli_waits_for_another_command(db: Database, inquiry_file: Path) -> None:
    holder = Holder(db.path, CLI)
    try:
        proc = _cli("--db", str(db.path), "add-inquiry", str(inquiry_file))
        # wait until the command tries the lock (it holds the lock file open while waiting)
        while proc.poll() is None and not _has_open(proc.pid, lock_path(db.path)):
            pass
        assert proc.poll() is None, proc.communicate()
        holder.let_go()
        out, err = proc.communicate(timeout=90)
    finally:
        holder.let_go()
    assert proc.returncode == 0, err
    assert out.strip() == "1"


def test_reading_commands_need_no_lock(db: Database) -> None:
    holder = Holder(db.path, GUI)
    try:
        proc = _cli("--db", str(db.path), "overdue", "--today", "2030-01-01")
        out, err = proc.communicate(timeout=60)
    finally:
        holder.let_go()
    assert proc.returncode == 0, err


def test_same_file_through_a_symlink_has_one_lock(db_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "verknuepfung.sqlite"
    link.symlink_to(db_path)
    relative = Path(os.path.relpath(db_path))
    first = DatabaseLock(db_path)
    assert first.acquire()
    try:
        assert lock_path(link) == lock_path(db_path) == lock_path(relative)
        assert not DatabaseLock(link).acquire()
        assert not DatabaseLock(relative).acquire()
    finally:
        first.release()


def test_lock_file_that_cannot_be_opened_is_not_acquired(db_path: Path) -> None:
    lock_path(db_path).mkdir(parents=True)  # something that is no file sits in its place
    lock = DatabaseLock(db_path)
    assert not lock.acquire()
    assert lock.error is not None and not lock.held


# -- point 9: exports never replace anything silently


@pytest.fixture
def overdue_db(db: Database) -> Database:
    inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    inquiry_service.submit_inquiry(db, 1, date(2024, 1, 1))
    return db


def _export(db: Database, out: Path, *extra: str) -> tuple[int, str]:
    proc = _cli(
        "--db", str(db.path), "export-reminder", "1", str(out), "--today", "2024-06-01", *extra
    )
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


def test_existing_letter_needs_force(overdue_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "erinnerung.docx"
    out.write_bytes(b"der Brief von gestern")
    code, err = _export(overdue_db, out)
    assert code == cli.EXIT_BAD_INPUT
    assert "--force" in err and err.count("\n") == 1
    assert out.read_bytes() == b"der Brief von gestern"
    code, err = _export(overdue_db, out, "--force")
    assert code == 0, err
    assert "Erinnerung" in " ".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_export_through_a_link_keeps_the_link(overdue_db: Database, tmp_path: Path) -> None:
    real = tmp_path / "ablage" / "erinnerung.docx"
    real.parent.mkdir()
    real.write_bytes(b"alt")
    link = tmp_path / "erinnerung.docx"
    link.symlink_to(real)
    code, err = _export(overdue_db, link, "--force")
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_bytes()[:2] == b"PK"


def test_export_to_a_device_is_refused(overdue_db: Database) -> None:
    null = Path(os.devnull)
    if not null.exists():
        pytest.skip("no null device")
    code, err = _export(overdue_db, null, "--force")
    assert code == cli.EXIT_BAD_INPUT
    assert "keine gewöhnliche Datei" in err
    assert null.is_char_device()
    assert open_db(overdue_db.path).execute("SELECT count(*) FROM followup").fetchone()[0] == 0
