"""Backups: consistent copies, daily rotation, validation, restore, damaged files, the lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.paths import backup_dir
from anfrage_desk.services import ServiceError
from anfrage_desk.services import backups as service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.store import backups as store
from anfrage_desk.store.lock import DatabaseLock, held_elsewhere_message
from anfrage_desk.store.migrations import STEPS
from anfrage_desk.store.settings import set_setting


@pytest.fixture(autouse=True)
def _clock() -> object:
    yield
    set_clock(None)


def _add(db: Database, title: str, questions: int = 2) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            title,
            questions=tuple(
                Question(None, str(i + 1), f"Frage {i + 1}?") for i in range(questions)
            ),
        ),
    )
    return inquiry_id


def _titles(db: Database) -> list[str]:
    return [str(row[0]) for row in db.execute("SELECT title FROM inquiry ORDER BY title")]


def test_backup_is_consistent_single_file(db: Database, tmp_path: Path) -> None:
    _add(db, "Radwege")
    target = service.create_backup(db, tmp_path / "out" / "kopie")
    assert target.name == "kopie.sqlite"
    assert not Path(str(target) + "-wal").exists()
    info = service.inspect(target)
    assert info.inquiries == 1 and info.schema_version == len(STEPS)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM question").fetchone()[0] == 2
    conn.close()


def test_backup_over_live_file_is_refused(db: Database) -> None:
    with pytest.raises(ServiceError, match="geöffnete Datenbank"):
        service.create_backup(db, db.path)


def test_daily_backup_once_a_day_and_rotation(db: Database) -> None:
    _add(db, "Radwege")
    start = date(2024, 1, 1)  # a Monday
    made = []
    for offset in range(60):
        day = start + timedelta(days=offset)
        set_clock(lambda day=day: day)
        made.append(service.daily_backup(db))
        assert service.daily_backup(db) is None  # at most once a day
    assert all(p is not None for p in made)
    kept = sorted(store.auto_backups(db.path))
    last = start + timedelta(days=59)
    daily = [last - timedelta(days=i) for i in range(7)]
    assert set(daily) <= set(kept)
    older = [d for d in kept if d not in daily]
    # four older weeks, one backup each: the newest (Sunday) of each week
    assert len(older) == 4
    assert len({d.isocalendar()[:2] for d in older}) == 4
    assert all(d.isoweekday() == 7 for d in older)
    assert min(older) >= last - timedelta(days=7 + 5 * 7)


def test_rotation_is_configurable_and_spares_other_files(db: Database) -> None:
    set_setting(db, service.KEEP_DAILY_KEY, "2")
    set_setting(db, service.KEEP_WEEKLY_KEY, "0")
    folder = backup_dir(db.path)
    folder.mkdir()
    manual = folder / "meine-Sicherung.sqlite"
    service.create_backup(db, manual)
    for offset in range(5):
        day = date(2024, 3, 1) + timedelta(days=offset)
        set_clock(lambda day=day: day)
        service.daily_backup(db)
    assert sorted(store.auto_backups(db.path)) == [date(2024, 3, 4), date(2024, 3, 5)]
    assert manual.exists()
    set_setting(db, service.KEEP_DAILY_KEY, "kaputt")
    assert service.rotation(db) == (service.DEFAULT_KEEP_DAILY, 0)


def test_inspect_rejects_foreign_damaged_and_newer_files(db: Database, tmp_path: Path) -> None:
    text = tmp_path / "brief.sqlite"
    text.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    with pytest.raises(ServiceError, match="keine Anfrage-Desk-Datenbank"):
        service.inspect(text)
    foreign = tmp_path / "fremd.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE kunden (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ServiceError, match="keine Anfrage-Desk-Datenbank"):
        service.inspect(foreign)
    newer = service.create_backup(db, tmp_path / "neu.sqlite")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {len(STEPS) + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ServiceError, match="neueren Version"):
        service.inspect(newer)
    with pytest.raises(ServiceError, match="gibt es nicht"):
        service.inspect(tmp_path / "fehlt.sqlite")


def _fill(db: Database, n: int) -> None:
    for i in range(n):
        _add(db, f"Anfrage {i} " + "x" * 400, questions=3)


def _truncate_half(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def test_damaged_backup_is_reported_not_used(db: Database, tmp_path: Path) -> None:
    _fill(db, 150)
    copy = service.create_backup(db, backup_dir(db.path) / "halb.sqlite")
    _truncate_half(copy)
    with pytest.raises(ServiceError, match="beschädigt"):
        service.inspect(copy)
    good = service.create_backup(db, backup_dir(db.path) / "gut.sqlite")
    os.utime(good, (1, 1))  # older than the damaged one
    found = service.choices(db.path)
    assert [c.path.name for c in found] == ["halb.sqlite", "gut.sqlite"]
    assert found[0].info is None and "beschädigt" in found[0].problem
    best = service.newest_good(db.path)
    assert best is not None and best.path == good


def test_restore_replaces_content_on_live_connection_and_saves_previous(
    db: Database, tmp_path: Path
) -> None:
    _add(db, "Vorher")
    snapshot = service.create_backup(db, tmp_path / "stand.sqlite")
    _add(db, "Danach angelegt")
    other = open_db(db.path)  # e.g. a worker's connection
    previous, changes = service.restore_backup(db, snapshot)
    assert changes.everything
    assert _titles(db) == ["Vorher"]
    assert _titles(other) == ["Vorher"]
    other.close()
    assert previous.parent == backup_dir(db.path)
    assert "vor-Wiederherstellung" in previous.name
    assert sorted(
        str(r[0]) for r in sqlite3.connect(previous).execute("SELECT title FROM inquiry")
    ) == [
        "Danach angelegt",
        "Vorher",
    ]
    # the same connection keeps writing, and the file stays intact after reopening
    _add(db, "Nach der Wiederherstellung")
    db.close()
    again = open_db(db.path, check=True)
    assert _titles(again) == ["Nach der Wiederherstellung", "Vorher"]
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_restore_of_bad_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    _add(db, "Bleibt")
    bad = tmp_path / "kaputt.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    with pytest.raises(ServiceError):
        service.restore_backup(db, bad)
    assert _titles(db) == ["Bleibt"]
    assert not backup_dir(db.path).exists()  # no pre-restore copy either


def test_recover_moves_damaged_file_aside_and_restores(db_path: Path) -> None:
    db = open_db(db_path)
    _fill(db, 150)
    set_clock(lambda: date(2024, 5, 15))
    backup = service.daily_backup(db)
    assert backup is not None
    db.close()
    _truncate_half(db_path)
    damaged_bytes = db_path.read_bytes()
    assert service.is_damaged(db_path)
    with pytest.raises(StoreUnavailable, match="beschädigt"):
        open_db(db_path, check=True)
    restored, moved = service.recover_from_backup(db_path, backup)
    assert moved is not None and "beschädigt-" in moved.name
    assert moved.read_bytes() == damaged_bytes  # never overwritten
    assert restored.execute("SELECT count(*) FROM inquiry").fetchone()[0] == 150
    restored.close()
    assert not service.is_damaged(db_path)


def test_intact_file_is_not_damaged(db: Database, tmp_path: Path) -> None:
    assert not service.is_damaged(db.path)
    assert not service.is_damaged(tmp_path / "gibt-es-nicht.sqlite")


# -- one writer


def test_second_lock_on_same_file_is_refused_and_released(db_path: Path) -> None:
    first = DatabaseLock(db_path)
    assert first.acquire()
    second = DatabaseLock(db_path)
    assert not second.acquire()
    owner = second.owner()
    assert owner.pid == os.getpid()
    message = held_elsewhere_message(db_path, owner)
    assert "bereits in einem anderen Anfrage-Desk-Fenster geöffnet" in message
    assert str(os.getpid()) in message
    first.release()
    assert second.acquire()
    second.release()


def test_lock_of_killed_process_is_not_stale(db_path: Path) -> None:
    """A crashed instance leaves its lock file behind; the OS lock is gone with the process."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from anfrage_desk.store.lock import DatabaseLock\n"
        "lock = DatabaseLock(Path(sys.argv[1]))\n"
        "assert lock.acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        lock = DatabaseLock(db_path)
        assert not lock.acquire()
        assert lock.owner().pid == proc.pid
    finally:
        proc.kill()
        proc.wait(10)
    assert lock.path.exists()
    assert lock.acquire()
    assert lock.owner().pid == os.getpid()
    lock.release()
