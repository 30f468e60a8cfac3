"""Open the database file: pragmas, locking, integrity, backups.

One connection per thread. Every user action is one ``with db.atomic():``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 5000


class StoreUnavailable(Exception):
    """The database cannot be used; the message is a German sentence that says what to do."""


class Database(sqlite_utils.Database):
    """A sqlite-utils database that knows its file and whether it was opened read-only."""

    path: Path
    read_only: bool

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        super().__init__(conn)
        self.path = path
        self.read_only = read_only


def now_iso() -> str:
    """Timestamp for created/updated columns (local time, seconds)."""
    return datetime.now().isoformat(timespec="seconds")


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _is_read_only_location(path: Path) -> bool:
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return path.parent.exists() and not os.access(path.parent, os.W_OK)


def open_db(path: Path | str, *, migrate: bool = True, check: bool = False) -> Database:
    """Open (and create) the database at ``path`` and bring its schema up to date.

    A file on a read-only medium is opened read-only. With ``check`` a quick integrity check
    runs first. Raises StoreUnavailable with a German message for every problem a user can meet.
    """
    from anfrage_desk.store import migrations

    path = Path(path)
    read_only = _is_read_only_location(path)
    if read_only and not path.exists():
        raise StoreUnavailable(
            f"Die Datenbank {path} kann nicht angelegt werden: Der Ordner ist schreibgeschützt. "
            "Bitte wählen Sie einen anderen Speicherort."
        )
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"Der Ordner für die Datenbank kann nicht angelegt werden ({exc.strerror}). "
                "Bitte prüfen Sie den Pfad und die Zugriffsrechte."
            ) from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, read_only)
        db = Database(conn, path, read_only=read_only)
        if check:
            quick_check(db)
        migrations.refuse_newer(db)
        if not read_only:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            migrations.migrate(db)
        return db
    except BaseException as exc:
        # Close at once: on Windows an open handle would keep a damaged file from being moved.
        if conn is not None:
            conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise translate_error(exc, path) from exc
        raise


def translate_error(exc: sqlite3.Error, path: Path) -> StoreUnavailable:
    """A German sentence for an SQLite error that stops the user."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreUnavailable(
            f"Die Datenbank {path.name} wird gerade von einem anderen Programm benutzt. "
            "Bitte schließen Sie das andere Fenster und versuchen Sie es erneut."
        )
    if "full" in text:
        return StoreUnavailable(
            "Der Datenträger ist voll. Bitte schaffen Sie Platz und versuchen Sie es erneut; "
            "es wurde nichts gespeichert."
        )
    if "readonly" in text or "read-only" in text:
        return StoreUnavailable(
            f"Die Datenbank {path.name} ist schreibgeschützt; Änderungen sind nicht möglich."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreUnavailable(
            f"Die Datei {path} ist beschädigt oder keine Anfrage-Desk-Datenbank. "
            "Bitte stellen Sie eine Sicherung wieder her."
        )
    return StoreUnavailable(f"Die Datenbank {path.name} kann nicht benutzt werden: {exc}")


def quick_check(db: Database) -> None:
    """Raise StoreUnavailable when SQLite's quick_check finds damage."""
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, db.path) from exc
    if rows != ["ok"]:
        raise StoreUnavailable(
            f"Die Datei {db.path} ist beschädigt ({rows[0] if rows else 'unbekannt'}). "
            "Bitte stellen Sie eine Sicherung wieder her."
        )


def backup_to(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` with SQLite's online backup API (consistent copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    dest = sqlite3.connect(str(tmp))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
    return target


def new_id(table: sqlite_utils.db.Table) -> int:
    """The primary key of the row a Table.insert just wrote."""
    pk = table.last_pk
    if pk is None:
        raise RuntimeError("insert wrote no row")
    return int(pk)
