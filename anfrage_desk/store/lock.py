"""One writer per database file: an OS lock on a small file next to the database.

SQLite serialises single transactions, but two Anfrage-Desk windows on the same file would each
keep their own view of an inquiry and overwrite each other's autosaves. So the GUI takes this lock
before it opens the database and keeps it while it runs.

The lock is an exclusive, non-blocking OS lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows) on ``<datenbank>.lock``. The operating system releases it when the process ends, even
after a crash or ``kill -9``, so a stale lock cannot block the next start. The file also holds
the PID, the host and the start time of the owner, only to tell the user who holds it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class LockOwner:
    """Who holds the lock, as written into the lock file (best effort, may be empty)."""

    pid: int | None
    host: str
    since: str


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
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


def _unlock(handle: IO[str]) -> None:
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
    )


class DatabaseLock:
    """Exclusive writer lock for one database file.

    ``acquire()`` returns False when another process holds it; ``owner()`` then says who.
    A folder where no lock file can be created (read-only medium) counts as acquired: nobody can
    write there anyway, and the database is opened read-only.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._handle: IO[str] | None = None
        self.held = False

    def acquire(self) -> bool:
        if self.held:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Append mode creates the file without truncating a holder's information.
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115
        except OSError:
            self.held = True  # read-only location: no writer possible, nothing to protect
            return True
        if not _try_lock(handle):
            handle.close()
            return False
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(
                f"pid={os.getpid()}\nhost={socket.gethostname()}\n"
                f"since={datetime.now().isoformat(timespec='seconds')}\n"
            )
            handle.flush()
        except OSError:
            pass  # the OS lock is what counts; the text only helps the message
        self._handle = handle
        self.held = True
        return True

    def owner(self) -> LockOwner:
        return read_owner(self.db_path)

    def release(self) -> None:
        handle, self._handle = self._handle, None
        self.held = False
        if handle is None:
            return
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
            handle.flush()
        _unlock(handle)
        handle.close()

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def held_elsewhere_message(db_path: Path, owner: LockOwner) -> str:
    """The German sentence for a second instance on the same file."""
    who = ""
    if owner.pid is not None:
        here = owner.host in ("", socket.gethostname())
        where = "" if here else f" auf dem Rechner {owner.host}"
        who = f" (Programm-Nr. {owner.pid}{where}"
        if owner.since:
            with contextlib.suppress(ValueError):
                who += ", seit " + datetime.fromisoformat(owner.since).strftime("%d.%m.%Y %H:%M")
        who += ")"
    return (
        f"Die Datenbank ist bereits in einem anderen Anfrage-Desk-Fenster geöffnet{who}.\n\n"
        f"{db_path}\n\n"
        "Damit keine Änderungen verloren gehen, kann sie nur in einem Fenster bearbeitet werden. "
        "Bitte wechseln Sie zu dem geöffneten Fenster oder schließen Sie es und starten Sie "
        "Anfrage-Desk dann erneut."
    )
