"""The store on a PostgreSQL server (team mode), through psycopg 3.

``PgDatabase`` offers the part of sqlite-utils' ``Database`` that the store modules use
(``execute``, ``executemany``, ``query``, ``table(...).insert/update/upsert``, ``atomic``), so
every store function runs unchanged on both engines. It derives from the SQLite ``Database``
only so that services and the UI keep one type; it never calls into sqlite-utils (whatever it
does not override fails loudly on the psycopg connection instead of doing something else).

Placeholders are written ``?`` as for SQLite and become ``%s`` here. Outside ``atomic`` each
statement commits by itself, as with sqlite-utils. A connection the server dropped (restart,
network) is reconnected once before the next statement outside a transaction; inside one the
statement fails with a German StoreUnavailable and the transaction is lost as a whole.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from anfrage_desk.store.db import Database
from anfrage_desk.store.errors import StoreUnavailable

ENGINE = "postgres"
T = TypeVar("T")
PRIMARY_KEYS = {"setting": "key", "oparl_body": "body_id", "oparl_paper": "inquiry_id"}
CONNECT_TIMEOUT_S = 10


def is_server_uri(value: object) -> bool:
    return str(value).startswith(("postgresql://", "postgres://"))


class ServerAddress(str):
    """Where a server database is: the URI (without a password) with a ``name`` for messages,
    so code that shows ``db.path.name`` reads "anfrage_desk auf server.example"."""

    def __new__(cls, uri: str) -> ServerAddress:
        parts = urlsplit(uri)
        netloc = parts.hostname or "localhost"
        if parts.port:
            netloc += f":{parts.port}"
        if parts.username:
            netloc = f"{unquote(parts.username)}@{netloc}"
        return super().__new__(cls, f"postgresql://{netloc}{parts.path}")

    @property
    def name(self) -> str:
        parts = urlsplit(self)
        return f"{parts.path.lstrip('/') or 'postgres'} auf {parts.hostname or 'localhost'}"

    @property
    def host(self) -> str:
        return urlsplit(self).hostname or "localhost"

    @property
    def port(self) -> int | None:
        return urlsplit(self).port

    @property
    def database(self) -> str:
        return unquote(urlsplit(self).path.lstrip("/"))

    @property
    def user(self) -> str:
        return unquote(urlsplit(self).username or "")

    def resolve(self) -> ServerAddress:
        return self


@functools.lru_cache(maxsize=1024)
def to_pg(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgCursor:
    """What the store reads of a cursor: rows as tuples, ``rowcount``."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self._rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._rows)


class PgTable:
    """``db.table(name)``: insert (``last_pk``), update by primary key, upsert."""

    def __init__(self, db: PgDatabase, name: str) -> None:
        self.db = db
        self.name = name
        self.pk = PRIMARY_KEYS.get(name, "id")
        self.last_pk: Any = None

    def insert(self, values: dict[str, Any]) -> PgTable:
        columns = list(values)
        sql = (
            f"INSERT INTO {self.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))}) RETURNING {self.pk}"
        )
        row = self.db.execute(sql, [values[c] for c in columns]).fetchone()
        self.last_pk = row[0] if row else None
        return self

    def update(self, pk: Any, values: dict[str, Any]) -> PgTable:
        sets = ", ".join(f"{c} = ?" for c in values)
        self.db.execute(
            f"UPDATE {self.name} SET {sets} WHERE {self.pk} = ?", [*values.values(), pk]
        )
        self.last_pk = pk
        return self

    def upsert(self, values: dict[str, Any], pk: str) -> PgTable:
        columns = list(values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != pk)
        self.db.execute(
            f"INSERT INTO {self.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({pk}) DO UPDATE SET {updates}",
            [values[c] for c in columns],
        )
        self.last_pk = values[pk]
        return self

    @property
    def count(self) -> int:
        row = self.db.execute(f"SELECT count(*) FROM {self.name}").fetchone()
        return int(row[0]) if row else 0


class PgDatabase(Database):
    """A store on a PostgreSQL server. ``path`` is its ServerAddress (no password)."""

    engine = ENGINE

    def __init__(self, uri: str, password: str | None = None) -> None:
        # No sqlite-utils initialisation: this object never talks SQLite.
        self.uri = uri
        self.password = password
        self.path = ServerAddress(uri)  # type: ignore[assignment]
        self.read_only = False
        self._checked = threading.Event()
        self._checked.set()
        self._damage = None
        self._lock = threading.RLock()
        self._depth = 0
        self._pg: Any = self._connect(opening=True)
        self.conn = self._pg

    # -- connection ------------------------------------------------------------------------
    def _connect(self, opening: bool = False) -> Any:
        import psycopg

        from anfrage_desk.store.pg_errors import translate

        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S}
        if self.password is not None:
            kwargs["password"] = self.password
        try:
            return psycopg.connect(self.uri, application_name="Anfrage-Desk", **kwargs)
        except psycopg.Error as exc:
            raise translate(exc, self.path, opening) from exc

    def reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self._pg.close()
        self._pg = self._connect()
        self.conn = self._pg

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._pg.close()

    @property
    def server_pid(self) -> int:
        """The server process of this connection (``pg_backend_pid``)."""
        return int(self._pg.info.backend_pid)

    # -- statements ------------------------------------------------------------------------
    def _with_retry(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the connection; outside a transaction, a connection the server has
        dropped since the last statement (restart, idle timeout) is replaced once and ``work``
        runs again. Inside a transaction the failure ends the transaction (German message)."""
        import psycopg

        from anfrage_desk.store.pg_errors import translate

        with self._lock:
            if self._depth == 0 and self._pg.broken:
                self.reconnect()
            try:
                return work()
            except psycopg.OperationalError as exc:
                if self._depth or not self._pg.broken:
                    raise translate(exc, self.path) from exc
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc
            self.reconnect()
            try:
                return work()
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc

    def _run(self, sql: str, params: Sequence[Any] | None, many: bool = False) -> PgCursor:
        def work() -> PgCursor:
            with self._pg.cursor() as cur:
                if many:
                    cur.executemany(to_pg(sql), params or [])
                    return PgCursor([], cur.rowcount)
                cur.execute(to_pg(sql), params)
                rows = cur.fetchall() if cur.description is not None else []
                return PgCursor(rows, cur.rowcount)

        return self._with_retry(work)

    def execute(self, sql: str, parameters: Any = None) -> PgCursor:  # type: ignore[override]
        return self._run(sql, list(parameters) if parameters is not None else None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        return self._run(sql, [list(r) for r in rows], many=True)

    def query(  # type: ignore[override]
        self, sql: str, params: Any = None
    ) -> Generator[dict[str, Any], None, None]:
        from psycopg.rows import dict_row

        def work() -> list[dict[str, Any]]:
            with self._pg.cursor(row_factory=dict_row) as cur:
                cur.execute(to_pg(sql), list(params) if params is not None else None)
                return list(cur.fetchall())

        yield from self._with_retry(work)

    def table(self, table_name: str, **kwargs: Any) -> PgTable:  # type: ignore[override]
        return PgTable(self, table_name)

    def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
        rows = self.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        return [str(r[0]) for r in rows]

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """One transaction (nested: a savepoint), committed at the end, rolled back on error."""
        import psycopg

        from anfrage_desk.store.pg_errors import translate

        with self._lock:
            # BEGIN goes out first: a connection the server dropped is replaced right here,
            # before the caller has written anything.
            tx = self._with_retry(self._begin) if self._depth == 0 else self._pg.transaction()
            if self._depth:
                tx.__enter__()
            self._depth += 1
            try:
                yield self
            except BaseException as exc:
                self._depth -= 1
                try:
                    tx.__exit__(type(exc), exc, exc.__traceback__)
                except psycopg.Error as rollback_error:
                    raise translate(rollback_error, self.path) from exc
                raise
            self._depth -= 1
            try:
                tx.__exit__(None, None, None)
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc

    def _begin(self) -> Any:
        tx = self._pg.transaction()
        tx.__enter__()
        return tx

    def rollback(self) -> None:  # pragma: no cover - atomic rolls back itself
        pass

    def check_integrity(self) -> None:
        """Nothing to do: the server keeps its files consistent."""


def open_server(uri: str, password: str | None = None) -> PgDatabase:
    """Connect; raise StoreUnavailable (German) when the server or the rights are missing."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StoreUnavailable(
            "Für die Verbindung mit einem PostgreSQL-Server fehlt das Paket psycopg. Bitte "
            "installieren Sie Anfrage-Desk mit dem Zusatz für den Teambetrieb: "
            "pip install 'anfrage-desk[team]'."
        ) from exc
    return PgDatabase(uri, password)


_PASSWORDS: dict[str, str] = {}


def remember_password(uri: str, password: str) -> None:
    """Keep a seat's password for this process only (the connect dialog's; worker threads
    open their own connections with it). Never written to the database or the settings."""
    _PASSWORDS[str(ServerAddress(uri))] = password


def password_for(uri: str) -> str | None:
    return _PASSWORDS.get(str(ServerAddress(uri)))


def server_address(uri: str) -> ServerAddress:
    """The address without its password; the password (if the URI has one) is remembered."""
    password = urlsplit(uri).password
    address = ServerAddress(uri)
    if password is not None:
        remember_password(address, unquote(password))
    return address
