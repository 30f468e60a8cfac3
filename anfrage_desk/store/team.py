"""Several seats on one server: change notifications and who has an inquiry open.

- Every written row notifies channel ``anfrage_desk`` (triggers of migration step 6) with
  ``inquiry:<id>`` or ``body``; seats telling that they opened an inquiry send ``open:<id>``.
  A ``Listener`` holds a connection of its own that LISTENs; the UI watches its socket and
  reads what arrived without waiting (``pending``).
- Who has an inquiry open: each seat's connection carries the inquiry in its
  ``application_name``; ``pg_stat_activity`` shows the other seats' logins (a seat that
  crashed disappears with its connection, nothing to clean up).

On a SQLite file all of this is a no-op: one seat, the single-seat lock file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from anfrage_desk.store.db import Database

CHANNEL = "anfrage_desk"
APP = "Anfrage-Desk"


@dataclass(frozen=True)
class Notified:
    """What other seats changed (or opened) since the last read."""

    inquiries: frozenset[int] = field(default_factory=frozenset)
    opened: frozenset[int] = field(default_factory=frozenset)
    bodies: bool = False

    @property
    def empty(self) -> bool:
        return not (self.inquiries or self.opened or self.bodies)


def parse(payloads: list[str]) -> Notified:
    changed: set[int] = set()
    opened: set[int] = set()
    bodies = False
    for payload in payloads:
        kind, _, value = payload.partition(":")
        if kind == "body":
            bodies = True
        elif kind in ("inquiry", "open") and value.isdigit():
            (changed if kind == "inquiry" else opened).add(int(value))
    return Notified(frozenset(changed), frozenset(opened), bodies)


class Listener:
    """A connection of its own that LISTENs on the channel (team mode only)."""

    def __init__(self, db: Database) -> None:
        import psycopg

        from anfrage_desk.store.pg import password_for
        from anfrage_desk.store.pg_errors import translate

        self.address = db.path
        try:
            self.ignore_pids = {int(db._pg.info.backend_pid)}  # type: ignore[attr-defined]
        except psycopg.Error as exc:  # the seat's own connection is gone
            raise translate(exc, db.path) from exc
        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": 10}
        password = password_for(str(db.path))
        if password is not None:
            kwargs["password"] = password
        try:
            self.conn = psycopg.connect(db.uri, application_name=APP, **kwargs)  # type: ignore[attr-defined]
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise translate(exc, db.path) from exc

    def fileno(self) -> int:
        return int(self.conn.fileno())

    def pending(self) -> Notified:
        """What arrived, without waiting; own connection's notifications left out."""
        import psycopg

        payloads = []
        with contextlib.suppress(psycopg.Error):
            for note in self.conn.notifies(timeout=0):
                if note.pid not in self.ignore_pids:
                    payloads.append(note.payload)
        return parse(payloads)

    @property
    def broken(self) -> bool:
        return bool(self.conn.broken or self.conn.closed)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


def announce_open(db: Database, inquiry_id: int | None) -> None:
    """Tell the other seats which inquiry this seat has open (None: none)."""
    if db.engine != "postgres":
        return
    name = f"{APP} #{inquiry_id}" if inquiry_id is not None else APP
    db.execute("SELECT set_config('application_name', ?, false)", [name])
    if inquiry_id is not None:
        db.execute("SELECT pg_notify(?, ?)", [CHANNEL, f"open:{inquiry_id}"])


def others_with_open(db: Database, inquiry_id: int) -> list[str]:
    """Logins of the other seats that have ``inquiry_id`` open now (sorted, no duplicates)."""
    if db.engine != "postgres":
        return []
    rows = db.execute(
        "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() "
        "AND application_name = ? AND usename <> current_user ORDER BY usename",
        [f"{APP} #{inquiry_id}"],
    ).fetchall()
    return [str(r[0]) for r in rows if r[0]]
