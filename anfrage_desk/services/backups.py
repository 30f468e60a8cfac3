"""Use cases around backups: daily copy, backup on request, restore, recovery of a damaged file.

How many automatic backups are kept is data, not workstation preference: the settings
``backup.keep_daily`` (default 7) and ``backup.keep_weekly`` (default 4) in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from anfrage_desk.paths import backup_dir
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.store import backups as store
from anfrage_desk.store.db import quick_check
from anfrage_desk.store.migrations import STEPS, migrate
from anfrage_desk.store.settings import get_setting

KEEP_DAILY_KEY = "backup.keep_daily"
KEEP_WEEKLY_KEY = "backup.keep_weekly"
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4

BackupInfo = store.BackupInfo


@dataclass(frozen=True)
class BackupChoice:
    """A file in the backup folder, with its check result: info when usable, else a problem."""

    path: Path
    info: BackupInfo | None
    problem: str = ""


def _int_setting(db: Database, key: str, default: int, minimum: int) -> int:
    try:
        value = int(get_setting(db, key, str(default)).strip())
    except ValueError:
        return default
    return max(value, minimum)


def rotation(db: Database) -> tuple[int, int]:
    """(daily, weekly) backups to keep; bad values fall back to the defaults."""
    return (
        _int_setting(db, KEEP_DAILY_KEY, DEFAULT_KEEP_DAILY, 1),
        _int_setting(db, KEEP_WEEKLY_KEY, DEFAULT_KEEP_WEEKLY, 0),
    )


def daily_backup(db: Database) -> Path | None:
    """Today's automatic backup, at most one per day; None when it exists or cannot be made
    (a read-only database has no writable folder for it)."""
    if db.read_only:
        return None
    keep_daily, keep_weekly = rotation(db)
    return store.daily_backup(db, today(), keep_daily, keep_weekly)


def create_backup(db: Database, target: Path) -> Path:
    """ "Sicherung erstellen …": a consistent copy at a place the user chose."""
    target = Path(target)
    if target.suffix.lower() != store.SUFFIX:
        target = target.with_name(target.name + store.SUFFIX)
    try:
        return store.write_backup(db, target)
    except StoreUnavailable as exc:
        raise ServiceError(str(exc)) from exc


def inspect(path: Path) -> BackupInfo:
    """Validate a file as a restorable backup; ServiceError says why not."""
    try:
        return store.inspect_backup(Path(path), len(STEPS))
    except StoreUnavailable as exc:
        raise ServiceError(str(exc)) from exc


def choices(db_path: Path) -> list[BackupChoice]:
    """Every file in the backup folder, newest first, each checked."""
    result = []
    for path in store.backup_files(db_path):
        try:
            result.append(BackupChoice(path, inspect(path)))
        except ServiceError as exc:
            result.append(BackupChoice(path, None, str(exc)))
    return result


def newest_good(db_path: Path) -> BackupChoice | None:
    return next((c for c in choices(db_path) if c.info is not None), None)


def pre_restore_path(db_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y-%m-%d-%H%M%S")
    return backup_dir(db_path) / f"{db_path.stem}-vor-Wiederherstellung-{stamp}{store.SUFFIX}"


def restore_backup(db: Database, source: Path) -> tuple[Path, Changes]:
    """Replace the open database with a backup; the current state is saved first.

    Returns the path of the copy of the previous state. The same connection stays open, so
    every view keeps working and shows the restored data after the broadcast of everything.
    """
    if db.read_only:
        raise ServiceError(
            "Die Datenbank ist schreibgeschützt geöffnet; eine Sicherung kann nicht "
            "zurückgespielt werden."
        )
    source = Path(source)
    if source.resolve() == db.path.resolve():
        raise ServiceError("Diese Datei ist die geöffnete Datenbank selbst.")
    inspect(source)
    try:
        previous = store.write_backup(db, pre_restore_path(db.path, datetime.now()))
    except StoreUnavailable as exc:
        raise ServiceError(
            f"{exc} Die Wiederherstellung wurde abgebrochen; es wurde nichts verändert."
        ) from exc
    try:
        store.copy_into(source, db)
        migrate(db)
        quick_check(db)
    except StoreUnavailable as exc:
        raise ServiceError(f"{exc} Der vorherige Stand liegt in {previous}.") from exc
    return previous, Changes(bodies=True, everything=True)


def recover_from_backup(db_path: Path, source: Path) -> tuple[Database, Path | None]:
    """Start-up after damage: move the damaged file aside, put the backup in its place, open.

    Returns the opened database and where the damaged file now lies (None if there was none).
    """
    db_path = Path(db_path)
    inspect(source)
    moved = None
    try:
        if db_path.exists():
            moved = store.move_aside(db_path, datetime.now())
        store.write_file_from(Path(source), db_path)
        return open_db(db_path, check=True), moved
    except StoreUnavailable as exc:
        raise ServiceError(str(exc)) from exc


def is_damaged(db_path: Path) -> bool:
    """True when the file exists but SQLite finds it damaged or not a database at all."""
    return store.is_damaged(Path(db_path))
