"""Copy all data from one store into another, empty one: a local file onto the server
(moving in), the server into a local file (moving out, or a consistent server backup).

The copy runs in one transaction on the target and reads the source in one consistent
snapshot. Ids are kept, so links between rows stay as they are; the search index is built
anew on the target (it is derived). Before the target's transaction commits, every table is
read back and compared with the source: same row count and the same checksum over all
values (SHA-256 over a canonical form of each row, in id order). Anything else rolls back.
The source is only read, never changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from anfrage_desk.store import search
from anfrage_desk.store.db import Database
from anfrage_desk.store.errors import StoreUnavailable

# Parents before children (foreign keys); inquiry.parent_id is set in a second pass.
TABLES = (
    ("body", "id"),
    ("inquiry", "id"),
    ("question", "id"),
    ("answer_letter", "id"),
    ("answer", "id"),
    ("followup", "id"),
    ("evasive_phrase", "id"),
    ("setting", "key"),
    ("oparl_body", "body_id"),
    ("oparl_paper", "inquiry_id"),
    ("change_log", "id"),
)
BATCH = 500
DATA_TABLES = ("inquiry", "body", "setting", "evasive_phrase")


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    checksum: str


def columns(db: Database, table: str) -> list[str]:
    if db.engine == "postgres":
        rows = db.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? "
            "AND is_generated = 'NEVER' ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return [str(r[0]) for r in rows]
    return [str(r[1]) for r in db.execute(f"PRAGMA table_info({table})").fetchall()]


def _canonical(value: Any) -> Any:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return "bytes:" + value.hex()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return repr(value)
    return value


def _rows(db: Database, table: str, key: str, names: list[str]) -> Iterator[tuple[Any, ...]]:
    """All rows in key order, in batches (a letter's original file can be large)."""
    last: Any = None
    listed = ", ".join(names)
    while True:
        where = f"WHERE {key} > ? " if last is not None else ""
        batch = db.execute(
            f"SELECT {listed} FROM {table} {where}ORDER BY {key} LIMIT ?",
            [last, BATCH] if last is not None else [BATCH],
        ).fetchall()
        if not batch:
            return
        yield from batch
        last = batch[-1][names.index(key)]


def check_table(db: Database, table: str, key: str, names: list[str]) -> TableCheck:
    digest = hashlib.sha256()
    count = 0
    for row in _rows(db, table, key, names):
        digest.update(json.dumps([_canonical(v) for v in row], ensure_ascii=False).encode())
        digest.update(b"\n")
        count += 1
    return TableCheck(table, count, digest.hexdigest())


def is_empty(db: Database) -> bool:
    return all(
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0 for table in DATA_TABLES
    )


def _snapshot(db: Database) -> None:
    """Make the source's open transaction one consistent snapshot."""
    if db.engine == "postgres":
        db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _advance_ids(db: Database) -> None:
    """After explicit ids: the server's id sequences continue behind the copied rows."""
    if db.engine != "postgres":
        return
    for table, key in TABLES:
        if key != "id":
            continue
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


def _parents_first(rows: Iterator[tuple[Any, ...]], names: list[str]) -> Iterator[tuple[Any, ...]]:
    """Inquiries with their parent (a Nachfrage's Anfrage) already given; rows are not
    changed (an update would bump their version and change the copy)."""
    at_id, at_parent = names.index("id"), names.index("parent_id")
    given: set[Any] = set()
    waiting: dict[Any, list[tuple[Any, ...]]] = {}

    def release(row: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        ready = [row]
        while ready:
            current = ready.pop()
            given.add(current[at_id])
            yield current
            ready.extend(waiting.pop(current[at_id], []))

    for row in rows:
        parent = row[at_parent]
        if parent is None or parent in given:
            yield from release(row)
        else:
            waiting.setdefault(parent, []).append(row)
    for orphans in waiting.values():  # a parent that is not there (cannot happen with FKs)
        yield from orphans


def copy_all(
    source: Database, target: Database, step: Callable[[int, int], None]
) -> list[TableCheck]:
    """Copy every row of ``source`` into the empty ``target``; verified; returns the checks.

    ``step(done, total)`` reports rows copied and may raise to cancel (everything on the
    target rolls back). Raises StoreUnavailable when the target is not empty or the
    read-back differs.
    """
    with source.atomic():
        _snapshot(source)
        plan = []
        total = 0
        for table, key in TABLES:
            names = [c for c in columns(source, table) if c in set(columns(target, table))]
            count = int(source.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            plan.append((table, key, names, count))
            total += count
        with target.atomic():
            if not is_empty(target):
                raise StoreUnavailable(
                    f"Die Zieldatenbank {target.path.name} enthält schon Daten. Kopiert wird nur "
                    "in eine leere Datenbank; es wurde nichts verändert."
                )
            done = 0
            step(done, total)
            checks = []
            for table, key, names, _count in plan:
                insert = (
                    f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})"
                )
                rows = _rows(source, table, key, names)
                if table == "inquiry":
                    rows = _parents_first(rows, names)
                batch: list[tuple[Any, ...]] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        target.executemany(insert, batch)
                        done += len(batch)
                        batch = []
                        step(done, total)
                if batch:
                    target.executemany(insert, batch)
                    done += len(batch)
                    step(done, total)
            _advance_ids(target)
            search.rebuild(target)
            for table, key, names, _count in plan:
                want = check_table(source, table, key, names)
                got = check_table(target, table, key, names)
                if want != got:
                    raise StoreUnavailable(
                        f"Die Kopie der Tabelle {table} stimmt nicht mit dem Original überein "
                        f"({got.rows} statt {want.rows} Zeilen oder andere Inhalte). Es wurde "
                        "nichts kopiert; das Original ist unverändert."
                    )
                checks.append(want)
    return checks
