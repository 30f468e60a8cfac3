"""Storage faults met for real: read-only media, full disks, damage, concurrent writers.

Every test uses the real thing: a tmpfs mounted and remounted read-only, a 2 MB tmpfs filled
up, ``ulimit -f`` in a child process, an ordinary user via ``setpriv``, several CLI processes
writing at once. Where the system cannot provide one (not root, not Linux), the test is skipped
with the reason.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from anfrage_desk import cli
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.paths import backup_dir
from anfrage_desk.services import ServiceError
from anfrage_desk.services import backups as backup_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.store import errors as store_errors
from anfrage_desk.store.lock import DatabaseLock

INQUIRY = "Anfrage Radwege\n\nWir fragen die Verwaltung:\n\n1. Wie viele?\n2. Bis wann?\n"


def _add(db: Database, title: str) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, title, questions=(Question(None, "1", "Wie viele?"),))
    )
    return inquiry_id


def _titles(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute("SELECT title FROM inquiry ORDER BY id")]


def _cli(*args: str, cwd: Path | None = None, prefix: str = "") -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own (optionally behind a shell prefix)."""
    command = [sys.executable, "-m", "anfrage_desk", *args]
    if prefix:
        command = ["bash", "-c", prefix + ' exec "$@"', "cli", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def _assert_one_german_line(stderr: str) -> None:
    assert stderr.startswith("Fehler: "), stderr
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    words = re.sub(r"/\S+", "", stderr)  # file paths may hold any word
    for english in ("database", "disk", "error", "No space", "readonly", "locked", "unable"):
        assert english not in words, stderr


# -- point 4: read-only media


def test_wal_database_on_read_only_medium_opens_read_only(read_only_medium) -> None:
    path = read_only_medium.root / "desk.sqlite"
    db = open_db(path)  # the app writes WAL databases
    _add(db, "Nur lesen")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    read_only_medium.seal()
    assert not Path(str(path) + "-shm").exists()  # SQLite can make no shared-memory file here

    ro = open_db(path, check=True)
    assert ro.read_only
    assert _titles(ro) == ["Nur lesen"]
    assert backup_service.daily_backup(ro) is None
    with pytest.raises(ServiceError, match="schreibgeschützt"):
        backup_service.restore_backup(ro, path)
    with pytest.raises(sqlite3.Error) as info:
        _add(ro, "Geht nicht")
    assert store_errors.translate_error(info.value, path).kind == store_errors.READ_ONLY_KIND
    ro.close()

    done = _cli("--db", str(path), "overdue", "--today", "2030-01-01")
    assert done.returncode == 0, done.stderr
    (read_only_medium.root.parent / "a.txt").write_text(INQUIRY, encoding="utf-8")
    done = _cli("--db", str(path), "add-inquiry", str(read_only_medium.root.parent / "a.txt"))
    assert done.returncode == cli.EXIT_BAD_INPUT
    _assert_one_german_line(done.stderr)
    assert "schreibgeschützt" in done.stderr


def test_backup_copy_in_rollback_mode_on_read_only_stick(read_only_medium, db: Database) -> None:
    _add(db, "Sicherung")
    copy = backup_service.create_backup(db, read_only_medium.root / "kopie.sqlite")
    read_only_medium.seal()
    text = read_only_medium.root.parent / "a.txt"
    text.write_text(INQUIRY, encoding="utf-8")

    done = _cli("--db", str(copy), "add-inquiry", str(text))
    assert done.returncode == cli.EXIT_BAD_INPUT
    _assert_one_german_line(done.stderr)
    assert "schreibgeschützt" in done.stderr
    ro = open_db(copy)
    assert ro.read_only and _titles(ro) == ["Sicherung"]
    ro.close()


def test_read_only_folder_for_an_ordinary_user(open_folder: Path, as_nobody) -> None:
    folder = open_folder / "nur-lesen"
    folder.mkdir()
    path = folder / "desk.sqlite"
    db = open_db(path)
    _add(db, "Nur lesen")
    db.close()
    for item in folder.iterdir():
        item.chmod(0o644)
    folder.chmod(0o755)  # owned by root: the ordinary user may read, not write
    text = open_folder / "a.txt"
    text.write_text(INQUIRY, encoding="utf-8")
    text.chmod(0o644)

    done = as_nobody([sys.executable, "-m", "anfrage_desk", "--db", str(path), "overdue"])
    assert done.returncode == 0, done.stderr
    done = as_nobody(
        [sys.executable, "-m", "anfrage_desk", "--db", str(path), "add-inquiry", str(text)]
    )
    assert done.returncode == cli.EXIT_BAD_INPUT
    _assert_one_german_line(done.stderr)
    assert "schreibgeschützt" in done.stderr


# -- points 1 and 10: full disks


def _fill(folder: Path, keep_bytes: int = 0) -> None:
    """Fill the file system at ``folder`` up to ``keep_bytes`` of free space."""
    with open(folder / "füllung", "wb") as filler:
        try:
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= keep_bytes:
                    break
                filler.write(b"\0" * min(65536, max(free - keep_bytes, 1)))
                filler.flush()
        except OSError:
            pass


def test_cli_on_a_full_disk_says_so_in_german(small_disk, tmp_path: Path) -> None:
    path = small_disk.root / "desk.sqlite"
    db = open_db(path)
    _add(db, "Vorher")
    db.close()
    big = tmp_path / "gross.txt"
    questions = "\n".join(f"{i}. " + "Wie lang ist der Radweg? " * 40 for i in range(1, 80))
    big.write_text("Anfrage Radwege\n\nWir fragen:\n\n" + questions + "\n", encoding="utf-8")
    _fill(small_disk.root)

    done = _cli("--db", str(path), "add-inquiry", str(big))
    assert done.returncode == cli.EXIT_BAD_INPUT, done.stderr
    _assert_one_german_line(done.stderr)
    assert "voll" in done.stderr
    (small_disk.root / "füllung").unlink()
    check = open_db(path, check=True)
    assert _titles(check) == ["Vorher"]
    check.close()


def test_cli_with_a_file_size_limit_says_so_in_german(tmp_path: Path) -> None:
    """``ulimit -f``: the kernel refuses to let the file grow (EFBIG, "disk I/O error")."""
    path = tmp_path / "desk.sqlite"
    db = open_db(path)
    _add(db, "Vorher")
    db.close()
    big = tmp_path / "gross.txt"
    questions = "\n".join(f"{i}. " + "Wie lang ist der Radweg? " * 100 for i in range(1, 60))
    big.write_text("Anfrage Radwege\n\nWir fragen:\n\n" + questions + "\n", encoding="utf-8")
    limit_blocks = (path.stat().st_size + 64 * 1024) // 1024  # ulimit -f counts 1 KiB blocks

    done = _cli("--db", str(path), "add-inquiry", str(big), prefix=f"ulimit -f {limit_blocks};")
    assert done.returncode == cli.EXIT_BAD_INPUT, done.stderr
    _assert_one_german_line(done.stderr)
    check = open_db(path, check=True)
    assert _titles(check) == ["Vorher"]
    check.close()


def test_failed_backup_on_a_full_disk_leaves_no_part_file(small_disk, tmp_path: Path) -> None:
    db = open_db(tmp_path / "desk.sqlite")
    for i in range(40):
        inquiry_service.create_inquiry(
            db, Inquiry(None, f"Anfrage {i}", preamble="Lange Begründung. " * 400)
        )
    _fill(small_disk.root, keep_bytes=64 * 1024)
    target = small_disk.root / "Sicherungen" / "desk-2024-05-15.sqlite"
    with pytest.raises(ServiceError) as info:
        backup_service.create_backup(db, target)
    assert "voll" in str(info.value)
    assert not list(target.parent.glob("*.part"))
    assert not target.exists()
    db.close()


def test_lock_release_on_a_full_disk_raises_nothing(small_disk) -> None:
    path = small_disk.root / "desk.sqlite"
    _fill(small_disk.root)
    lock = DatabaseLock(path)
    assert lock.acquire()
    lock.release()  # before: the pending owner text failed close() with "No space left"
    assert lock.acquire()
    lock.release()


# -- point 1: several writers at once; BEGIN IMMEDIATE


def test_write_transaction_takes_the_lock_at_its_start(db: Database) -> None:
    """A transaction that reads, then writes, must not fail when another writer commits
    in between (with a deferred BEGIN, SQLite refuses its late upgrade at once, ignoring the
    busy timeout)."""
    _add(db, "Erste")
    other = open_db(db.path)
    read_done = threading.Event()
    outcome: list[object] = []

    def second_writer() -> None:
        read_done.wait(30)
        try:
            _add(other, "Zweite")
            outcome.append("ok")
        except Exception as exc:  # reported to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=second_writer)
    thread.start()
    try:
        with db.atomic():
            count = db.execute("SELECT count(*) FROM inquiry").fetchone()[0]
            read_done.set()
            # give the other writer every chance to commit first (it waits for our lock)
            thread.join(0.5)
            db.execute("INSERT INTO inquiry (title) VALUES (?)", [f"Nach {count}"])
    finally:
        read_done.set()
        thread.join(30)
        other.close()
    assert outcome == ["ok"]
    assert sorted(_titles(db)) == ["Erste", "Nach 1", "Zweite"]


def test_concurrent_cli_writers_all_succeed(db_path: Path, tmp_path: Path) -> None:
    open_db(db_path).close()
    text = tmp_path / "a.txt"
    text.write_text(INQUIRY, encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "anfrage_desk", "--db", str(db_path), "add-inquiry", str(text)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [(p.wait(120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * 6, [err for _, _, err in results]
    ids = sorted(int(out.strip()) for _, out, _ in results)
    assert ids == [1, 2, 3, 4, 5, 6]
    db = open_db(db_path, check=True)
    assert db.execute("SELECT count(*) FROM question").fetchone()[0] == 12
    db.close()


# -- point 2: the CLI checks integrity before it writes


def _damage_middle_page(path: Path) -> None:
    """Garbage over one page in the middle of the file (a table or index page)."""
    page_size = 4096
    size = path.stat().st_size
    assert size >= 6 * page_size
    with open(path, "r+b") as handle:
        handle.seek((size // page_size // 2) * page_size)
        handle.write(os.urandom(page_size))


def test_cli_refuses_to_write_into_a_damaged_file(db_path: Path, tmp_path: Path) -> None:
    db = open_db(db_path)
    for i in range(300):
        _add(db, f"Anfrage {i}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _damage_middle_page(db_path)
    damaged = db_path.read_bytes()
    text = tmp_path / "a.txt"
    text.write_text(INQUIRY, encoding="utf-8")

    done = _cli("--db", str(db_path), "add-inquiry", str(text))
    assert done.returncode == cli.EXIT_BAD_INPUT, done.stdout
    _assert_one_german_line(done.stderr)
    assert "beschädigt" in done.stderr and "Sicherung" in done.stderr
    assert db_path.read_bytes() == damaged
    assert (
        not Path(str(db_path) + "-wal").exists() or not Path(str(db_path) + "-wal").stat().st_size
    )


def test_cli_reading_a_damaged_page_says_so_in_german(db_path: Path) -> None:
    db = open_db(db_path)
    for i in range(300):
        inquiry_service.create_inquiry(
            db,
            Inquiry(None, f"Anfrage {i}", questions=(Question(None, "1", "Wie viele?"),)),
        )
        inquiry_service.submit_inquiry(db, i + 1, date(2020, 1, 1))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        pages = [
            r[0]
            for r in db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'inquiry' AND pagetype = 'leaf'"
            )
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a page of the inquiries")
    db.close()
    with open(db_path, "r+b") as handle:  # garbage over a page the overdue list must read
        handle.seek((pages[len(pages) // 2] - 1) * 4096)
        handle.write(os.urandom(4096))

    done = _cli("--db", str(db_path), "overdue", "--today", "2030-01-01")
    assert done.returncode == cli.EXIT_BAD_INPUT, done.stdout[-300:]
    _assert_one_german_line(done.stderr)
    assert "beschädigt" in done.stderr


# -- point 3: an empty file where the database should be


def test_empty_file_next_to_backups_is_damaged_not_recreated(db: Database) -> None:
    _add(db, "Gesichert")
    backup_service.create_backup(db, backup_dir(db.path) / "desk-2024-05-15.sqlite")
    path = db.path
    db.close()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    path.write_bytes(b"")

    with pytest.raises(StoreUnavailable) as info:
        open_db(path, check=True)
    assert info.value.kind == store_errors.DAMAGED
    assert path.stat().st_size == 0  # kept, not turned into an empty database
    assert backup_service.is_damaged(path)


def test_empty_file_without_backups_becomes_the_new_database(tmp_path: Path) -> None:
    """What an interrupted first start leaves: nothing to lose, nothing to recover."""
    path = tmp_path / "neu.sqlite"
    path.write_bytes(b"")
    db = open_db(path, check=True)
    assert _titles(db) == []
    db.close()


def test_file_that_is_no_database_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    path.write_text("Das ist eine Einkaufsliste, keine Datenbank.\n" * 200, encoding="utf-8")
    with pytest.raises(StoreUnavailable) as info:
        open_db(path, check=True)
    assert info.value.kind == store_errors.DAMAGED
    assert backup_service.is_damaged(path)
    assert path.read_text(encoding="utf-8").startswith("Das ist eine Einkaufsliste")


# -- point 11: smaller things


def test_migration_backup_lies_in_the_backup_folder(db_path: Path) -> None:
    from anfrage_desk.store import migrations

    db = open_db(db_path, migrate=False)
    migrations.STEPS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.close()
    open_db(db_path).close()
    found = list(backup_dir(db_path).glob("desk.vor-migration-v1-*.sqlite"))
    assert len(found) == 1
    assert [c.path for c in backup_service.choices(db_path) if c.info] == found


def test_messages_carry_no_english_sqlite_text(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    for exc in (
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.OperationalError("unable to open database file"),
        sqlite3.DatabaseError("file is not a database"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.IntegrityError("something odd"),
        OSError(28, "No space left on device"),
        OSError(5, "Input/output error"),
    ):
        message = str(store_errors.translate_error(exc, path))
        assert "Bitte" in message
        for english in ("database", "disk", "error", "No space", "unable", "odd", "Input"):
            assert english not in message, message
