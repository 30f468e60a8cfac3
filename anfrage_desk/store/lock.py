"""One writer per database file: an OS lock on a small file next to the database.

SQLite serialises single transactions, but two Anfrage-Desk windows on the same file would each
keep their own view of an inquiry and overwrite each other's autosaves. So the GUI takes this lock
before it opens the database and keeps it while it runs.

The lock is an exclusive, non-blocking OS lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows) on ``<datenbank>.lock`` next to the *resolved* database path, so the same file reached
through a symbolic link or a relative path has one lock. The operating system releases it when
the process ends, even after a crash or ``kill -9``, so a stale lock cannot block the next start.
The file also holds the PID, the host, the start time and the role (``gui`` or ``cli``) of the
owner, only to tell the user who holds it and to let the CLI wait for another CLI writer.

A lock file that cannot be created or opened means "not acquired" (``error`` says why): the
caller decides, e.g. the GUI opens a database on a read-only medium without a lock.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from anfrage_desk.os_errors import describe


@dataclass(frozen=True)
class LockOwner:
    """Who holds the lock, as written into the lock file (best effort, may be empty)."""

    pid: int | None
    host: str
    since: str
    role: str = ""


GUI = "gui"
CLI = "cli"
POLL_SECONDS = 0.05


def lock_path(db_path: Path) -> Path:
    """``<datenbank>.lock`` beside the real file (symbolic links resolved)."""
    real = Path(db_path).expanduser().resolve()
    return real.with_name(real.name + ".lock")


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def read_owner(db_path: Path) -> LockOwner:
    """What the lock file says about its owner (empty fields when unreadable)."""
    try:
        lines = lock_path(db_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    fields = dict(line.split("=", 1) for line in lines if "=" in line)
    pid_text = fields.get("pid", "").strip()
    return LockOwner(
        int(pid_text) if pid_text.isdigit() else None,
        fields.get("host", "").strip(),
        fields.get("since", "").strip(),
        fields.get("role", "").strip(),
    )


class DatabaseLock:
    """Exclusive writer lock for one database file.

    ``acquire()`` returns False when another process holds it (``owner()`` then says who) or
    when the lock file cannot be opened (``error`` holds the OSError).
    """

    def __init__(self, db_path: Path, role: str = GUI) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.role = role
        self.error: OSError | None = None
        self._handle: IO[bytes] | None = None
        self.held = False

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock; with ``wait`` keep trying that many seconds while another holds it."""
        if self.held:
            return True
        self.error = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Append mode creates the file without truncating a holder's information;
            # unbuffered, so no write can be left pending for close() to fail on.
            handle = open(self.path, "ab+", buffering=0)  # noqa: SIM115
        except OSError as exc:
            self.error = exc
            return False
        deadline = time.monotonic() + max(wait, 0.0)
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                return False
            time.sleep(POLL_SECONDS)
        with contextlib.suppress(OSError):  # the OS lock is what counts; the text only informs
            handle.seek(0)
            handle.truncate()
            handle.write(
                f"pid={os.getpid()}\nhost={socket.gethostname()}\n"
                f"since={datetime.now().isoformat(timespec='seconds')}\nrole={self.role}\n".encode()
            )
        self._handle = handle
        self.held = True
        return True

    def owner(self) -> LockOwner:
        return read_owner(self.db_path)

    def release(self) -> None:
        """Give the lock back; never raises (a full or vanished disk must not stop the exit)."""
        handle, self._handle = self._handle, None
        self.held = False
        if handle is None:
            return
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
        _unlock(handle)
        with contextlib.suppress(OSError):
            handle.close()

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def held_elsewhere_message(db_path: Path, owner: LockOwner) -> str:
    """The German sentence for a second instance on the same file."""
    who = _who(owner)
    if owner.role == CLI:
        return (
            f"Die Datenbank wird gerade von einem anderen Anfrage-Desk-Befehl bearbeitet{who}."
            f"\n\n{db_path}\n\nBitte warten Sie, bis er fertig ist, und versuchen Sie es "
            "dann erneut; es wurde nichts gespeichert."
        )
    return (
        f"Die Datenbank ist bereits in einem anderen Anfrage-Desk-Fenster geöffnet{who}.\n\n"
        f"{db_path}\n\n"
        "Damit keine Änderungen verloren gehen, kann sie nur in einem Fenster bearbeitet werden. "
        "Bitte wechseln Sie zu dem geöffneten Fenster oder schließen Sie es und starten Sie "
        "Anfrage-Desk dann erneut."
    )


def unavailable_message(db_path: Path, error: OSError) -> str:
    """The German sentence when the lock file itself cannot be made (no lock, no writing)."""
    return (
        f"Die Sperrdatei {lock_path(db_path)} kann nicht angelegt werden ({describe(error)}). "
        "Ohne sie könnten zwei Programme gleichzeitig in die Datenbank schreiben und "
        "Änderungen verlieren. Bitte prüfen Sie die Zugriffsrechte des Ordners."
    )


def _who(owner: LockOwner) -> str:
    who = ""
    if owner.pid is not None:
        here = owner.host in ("", socket.gethostname())
        where = "" if here else f" auf dem Rechner {owner.host}"
        who = f" (Programm-Nr. {owner.pid}{where}"
        if owner.since:
            with contextlib.suppress(ValueError):
                who += ", seit " + datetime.fromisoformat(owner.since).strftime("%d.%m.%Y %H:%M")
        who += ")"
    return who
