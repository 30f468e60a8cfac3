"""Who changed what of an inquiry, and when (shown on the inquiry page; team mode).

The name is the database login on a server (each person logs in as their own role) and the
operating system's user name for a local file.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from anfrage_desk.store.db import Database, now_iso


@dataclass(frozen=True)
class ChangeEntry:
    at: str
    who: str
    what: str


def who(db: Database) -> str:
    """The name recorded for this connection's changes."""
    cached = getattr(db, "_change_log_who", None)
    if cached is None:
        if db.engine == "postgres":
            row = db.execute("SELECT current_user").fetchone()
            cached = str(row[0]) if row else ""
        else:
            try:
                cached = getpass.getuser()
            except (KeyError, OSError):  # no user name on this system
                cached = ""
        db._change_log_who = cached  # type: ignore[attr-defined]
    return str(cached)


def record(db: Database, inquiry_id: int, what: str) -> None:
    db.execute(
        "INSERT INTO change_log (inquiry_id, at, who, what) VALUES (?, ?, ?, ?)",
        [inquiry_id, now_iso(), who(db), what],
    )


def entries(db: Database, inquiry_id: int, limit: int = 100) -> list[ChangeEntry]:
    """Newest first."""
    rows = db.execute(
        "SELECT at, who, what FROM change_log WHERE inquiry_id = ? ORDER BY id DESC LIMIT ?",
        [inquiry_id, limit],
    ).fetchall()
    return [ChangeEntry(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def last_editor(db: Database, inquiry_id: int) -> str:
    """Who wrote the newest entry ("" if nobody)."""
    found = entries(db, inquiry_id, limit=1)
    return found[0].who if found else ""
