"""Open the database file: pragmas, locking, integrity, backups.

One connection per thread. Every user action is one ``with db.atomic():``, which takes
SQLite's write lock at its start (``BEGIN IMMEDIATE``): a second writer then waits up to the
busy timeout instead of failing at once when its deferred transaction would upgrade late.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from collections.abc import Generator
from datetime import datetime
from pathlib import Path
from typing import Any

from anfrage_desk.paths import backup_dir
from anfrage_desk.store.errors import StoreUnavailable, damaged, translate_error
from anfrage_desk.store.location import refuse_network_share


def _import_sqlite_utils() -> None:
    """Import sqlite-utils without numpy: it loads numpy (70–100 ms of the start) only to map
    numpy scalar types to columns, and the app stores none. Later imports of numpy (the
    statistics chart) are not affected."""
    if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
        import sqlite_utils  # noqa: F401

        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes "import numpy" fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils()
import sqlite_utils  # noqa: E402

BUSY_TIMEOUT_MS = 5000

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Database",
    "StoreUnavailable",
    "backup_to",
    "data_version",
    "is_read_only_location",
    "new_id",
    "now_iso",
    "open_db",
    "quick_check",
    "translate_error",
]


class Database(sqlite_utils.Database):
    """A sqlite-utils database that knows its file and whether it was opened read-only."""

    path: Path
    read_only: bool
    engine = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        # No sqlite-utils plugins: no third-party code on the connection, and no scan of all
        # installed packages for them at the first open (~20 ms of the start).
        super().__init__(conn, execute_plugins=False)
        self.path = path
        self.read_only = read_only
        self._checked = threading.Event()
        self._checked.set()
        self._damage: StoreUnavailable | None = None

    def executemany(self, sql: str, rows: Any) -> Any:
        """One statement for many parameter rows (both engines offer it)."""
        return self.conn.executemany(sql, rows)

    # -- the integrity check of a start that paints first (see ``open_db(check_later=...)``)
    def integrity_pending(self) -> bool:
        return not self._checked.is_set()

    def check_integrity(self) -> None:
        """Run the pending integrity check on a connection of its own (for a worker thread)
        and release or block the writes waiting for it. Raises StoreUnavailable."""
        try:
            conn = _connect(self.path, self.read_only)
            try:
                quick_check(Database(conn, self.path, self.read_only))
            finally:
                conn.close()
        except (sqlite3.Error, OSError) as exc:
            self._damage = translate_error(exc, self.path)
            raise self._damage from exc
        except StoreUnavailable as exc:
            self._damage = exc
            raise
        finally:
            self._checked.set()

    def _writable(self) -> None:
        """Before the first write: wait for a pending integrity check; refuse a damaged file."""
        self._checked.wait()
        if self._damage is not None:
            raise self._damage

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """One transaction that holds the write lock from its start (nested: a savepoint)."""
        self._writable()
        if self.conn.in_transaction or self.read_only:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def now_iso() -> str:
    """Timestamp for created/updated columns (local time, seconds)."""
    return datetime.now().isoformat(timespec="seconds")


def _uri_connect(path: Path, query: str) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + query
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``; a WAL file on a medium where no ``-shm`` can be made: ``immutable=1``."""
    conn = _uri_connect(path, "?mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        name = str(getattr(exc, "sqlite_errorname", ""))
        if not name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise
        # WAL needs a -shm file it cannot make here. Nobody can write at this place, so the
        # file will not change under us: read it as an unchangeable file.
        return _uri_connect(path, "?immutable=1")
    return conn


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = _connect_read_only(path)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        # Implicit transactions (sqlite-utils writes outside ``atomic``) take the lock at once too.
        conn.isolation_level = "IMMEDIATE"
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def is_read_only_location(path: Path) -> bool:
    """True when the database file (or, for a new one, its folder) cannot be written."""
    path = Path(path)
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return path.parent.exists() and not os.access(path.parent, os.W_OK)


_is_read_only_location = is_read_only_location  # the name older tests patch


def _has_backups(path: Path) -> bool:
    folder = backup_dir(path)
    with contextlib.suppress(OSError):
        return any(p.suffix == ".sqlite" for p in folder.iterdir())
    return False


def _refuse_empty_file_with_backups(path: Path) -> None:
    """A 0-byte file where backups exist is a lost database, not a new one: never re-create it.

    (Without any backup a 0-byte file is what SQLite leaves when a first start was cut short;
    there is nothing to lose, and it becomes the new database.)
    """
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == 0 and _has_backups(path):
            raise damaged(path, "die Datei ist leer")


def open_db(
    path: Path | str, *, migrate: bool = True, check: bool = False, check_later: bool = False
) -> Database:
    """Open (and create) the database at ``path`` and bring its schema up to date.

    A file on a read-only medium is opened read-only. With ``check`` a quick integrity check
    runs first. With ``check_later`` too, it runs first only when a migration must write;
    otherwise it is left to the caller (``Database.run_integrity_check`` in a worker thread)
    and every ``atomic`` write waits for it and is refused on a damaged file.
    Raises StoreUnavailable with a German message for every problem a user can meet.
    """
    from anfrage_desk.store import migrations
    from anfrage_desk.store.pg import is_server_uri, open_server, password_for, server_address

    if is_server_uri(path):
        # A password in the URI is kept in memory (worker threads reopen ``db.path``, which
        # shows none); ``ServerAddress`` values find it there.
        address = server_address(str(path))
        server = open_server(str(path), password_for(address))
        try:
            migrations.refuse_newer(server)
            if migrate:
                migrations.migrate(server)
        except BaseException:
            server.close()
            raise
        return server
    path = Path(path)
    if str(path) in ("", "."):
        raise StoreUnavailable("Es wurde kein Dateiname für die Datenbank angegeben.")
    if path.is_dir():
        raise StoreUnavailable(
            f"{path} ist ein Ordner, keine Datenbankdatei. Bitte geben Sie einen Dateinamen an."
        )
    read_only = is_read_only_location(path)
    if read_only and not path.exists():
        raise StoreUnavailable(
            f"Die Datenbank {path} kann nicht angelegt werden: Der Ordner ist schreibgeschützt. "
            "Bitte wählen Sie einen anderen Speicherort."
        )
    _refuse_empty_file_with_backups(path)
    if not read_only:
        refuse_network_share(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate_error(exc, path) from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, read_only)
        db = Database(conn, path, read_only=read_only)
        if check and check_later and migrations.up_to_date(db):
            db._checked.clear()
        elif check:
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
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise translate_error(exc, path) from exc
        raise


def data_version(db: Database) -> int:
    """SQLite's counter of commits by *other* connections to this file (PRAGMA data_version)."""
    try:
        return int(db.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise translate_error(exc, db.path) from exc


def quick_check(db: Database) -> None:
    """Raise StoreUnavailable when SQLite's quick_check finds damage."""
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, db.path) from exc
    if rows != ["ok"]:
        raise damaged(db.path, "SQLite meldet Fehler beim Prüfen")


def backup_to(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` with SQLite's online backup API (consistent copy).

    The copy is written to ``<target>.part`` first and renamed when complete; a failure (disk
    full) removes the part file, so no empty or half copy is left behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def new_id(table: sqlite_utils.db.Table) -> int:
    """The primary key of the row a Table.insert just wrote."""
    pk = table.last_pk
    if pk is None:
        raise RuntimeError("insert wrote no row")
    return int(pk)
