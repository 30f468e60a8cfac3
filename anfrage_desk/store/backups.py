"""Backup files: consistent copies, daily rotation, validation, restore, moving damage aside.

Copies are made with SQLite's online backup API (``db.backup_to``), so a backup taken while the
app writes is still a consistent database. Backups are single self-contained files (rollback
journal mode), which the user can copy, mail or open elsewhere.

Automatic backups live in ``paths.backup_dir(db_path)`` and are called
``<stem>-JJJJ-MM-TT.sqlite``. Rotation keeps the newest ``keep_daily`` days and, of the older
ones, the newest backup of each of the last ``keep_weekly`` ISO weeks. Files with other names in
that folder (manual backups, the copy made before a restore) are never deleted by rotation.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from anfrage_desk.os_errors import describe
from anfrage_desk.paths import backup_dir
from anfrage_desk.store.db import Database, StoreUnavailable, backup_to
from anfrage_desk.store.errors import translate_error

SUFFIX = ".sqlite"
REQUIRED_TABLES = frozenset({"inquiry", "question", "answer_letter", "answer", "setting"})


@dataclass(frozen=True)
class BackupInfo:
    """A backup file that passed validation: what the user sees before restoring it."""

    path: Path
    modified: datetime
    schema_version: int
    inquiries: int


def _auto_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{4}}-\d{{2}}-\d{{2}}){re.escape(SUFFIX)}$")


def auto_backup_path(db_path: Path, day: date) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}-{day.isoformat()}{SUFFIX}"


def auto_backups(db_path: Path) -> dict[date, Path]:
    """The automatic backups of this database by day."""
    folder = backup_dir(db_path)
    pattern = _auto_pattern(db_path)
    found: dict[date, Path] = {}
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match:
            with contextlib.suppress(ValueError):
                found[date.fromisoformat(match.group(1))] = path
    return found


def backup_files(db_path: Path) -> list[Path]:
    """Every ``.sqlite`` file in the backup folder, newest first (by modification time)."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def write_backup(db: Database, target: Path) -> Path:
    """A consistent, self-contained copy of ``db`` at ``target`` (replaced atomically)."""
    target = Path(target)
    if target.resolve() == db.path.resolve():
        raise StoreUnavailable(
            "Die Sicherung kann nicht über die geöffnete Datenbank selbst geschrieben werden. "
            "Bitte wählen Sie einen anderen Dateinamen."
        )
    try:
        backup_to(db, target)
        conn = sqlite3.connect(str(target))
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        cause = translate_error(exc, target)
        raise StoreUnavailable(
            f"Die Sicherung nach {target} ist fehlgeschlagen. {cause}", cause.kind
        ) from exc
    return target


def rotate(db_path: Path, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Delete automatic backups beyond the rotation rule; return what was deleted."""
    by_day = auto_backups(db_path)
    days = sorted(by_day, reverse=True)
    keep = set(days[: max(keep_daily, 0)])
    weeks_kept: set[tuple[int, int]] = set()
    for day in days[max(keep_daily, 0) :]:
        week = day.isocalendar()[:2]
        if week in weeks_kept or len(weeks_kept) >= max(keep_weekly, 0):
            continue
        if any(kept.isocalendar()[:2] == week for kept in keep):
            # This week is already represented by a kept daily backup.
            continue
        weeks_kept.add(week)
        keep.add(day)
    removed = []
    for day, path in by_day.items():
        if day not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def daily_backup(db: Database, today: date, keep_daily: int, keep_weekly: int) -> Path | None:
    """Make today's automatic backup unless it exists; then rotate. None if nothing was made."""
    target = auto_backup_path(db.path, today)
    if target.exists():
        return None
    write_backup(db, target)
    rotate(db.path, keep_daily, keep_weekly)
    return target


def _open_untouched(path: Path) -> sqlite3.Connection:
    """Open a file without writing anything next to it (no -wal, no -shm, no locks)."""
    uri = Path(path).resolve().as_uri() + "?immutable=1"
    return sqlite3.connect(uri, uri=True)


def is_damaged(path: Path) -> bool:
    """True when ``path`` exists but is no intact SQLite database (read without touching it).

    An empty (0-byte) file counts as damaged: ``open_db`` refuses it when backups exist.
    """
    if not path.is_file():
        return False
    if path.stat().st_size == 0:
        return True
    try:
        conn = _open_untouched(path)
    except sqlite3.Error:
        return True
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def inspect_backup(path: Path, newest_schema: int) -> BackupInfo:
    """Check that ``path`` is an intact Anfrage-Desk database this version can read.

    Raises StoreUnavailable with a German sentence that names the problem. The file is only
    read, never changed.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise StoreUnavailable(f"Die Datei {name} gibt es nicht (mehr).")
    try:
        conn = _open_untouched(path)
    except sqlite3.Error as exc:
        raise StoreUnavailable(
            f"Die Datei {name} kann nicht geöffnet werden. {translate_error(exc, path)}"
        ) from exc
    try:
        try:
            check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(
                f"Die Datei {name} ist keine Anfrage-Desk-Datenbank oder beschädigt."
            ) from exc
        if check != ["ok"]:
            raise StoreUnavailable(
                f"Die Sicherung {name} ist selbst beschädigt und kann nicht verwendet werden."
            )
        if version < 1 or not tables >= REQUIRED_TABLES:
            raise StoreUnavailable(f"Die Datei {name} ist keine Anfrage-Desk-Datenbank.")
        if version > newest_schema:
            raise StoreUnavailable(
                f"Die Sicherung {name} stammt aus einer neueren Version von Anfrage-Desk "
                f"(Schema {version}, diese Version kennt {newest_schema}). Bitte aktualisieren "
                "Sie Anfrage-Desk, bevor Sie sie wiederherstellen."
            )
        try:
            count = int(
                conn.execute("SELECT count(*) FROM inquiry WHERE deleted_at IS NULL").fetchone()[0]
            )
        except sqlite3.DatabaseError:
            count = int(conn.execute("SELECT count(*) FROM inquiry").fetchone()[0])
    finally:
        conn.close()
    modified = datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, modified, version, count)


def copy_into(source: Path, db: Database) -> None:
    """Replace the whole content of the open database ``db`` with the file ``source``.

    Uses the backup API with the live connection as destination: the change is one write
    transaction on the destination, so other connections never see half a database, and
    ``db`` (and every view holding it) keeps working on the restored content.
    """
    src = _open_untouched(source)
    try:
        src.backup(db.conn)
    except sqlite3.Error as exc:
        raise StoreUnavailable(
            f"Die Sicherung {source.name} konnte nicht zurückgespielt werden. "
            f"{translate_error(exc, db.path)} Die bisherige Datenbank ist unverändert."
        ) from exc
    finally:
        src.close()
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA journal_mode = WAL")


def move_aside(db_path: Path, stamp: datetime) -> Path:
    """Rename a damaged database (with its -wal/-shm) to ``<stem>.beschädigt-<stamp>.sqlite``.

    The damaged file is kept for a specialist or a later attempt, never overwritten.
    """
    target = db_path.with_name(
        f"{db_path.stem}.beschädigt-{stamp.strftime('%Y%m%d-%H%M%S')}{db_path.suffix}"
    )
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(
            f"{db_path.stem}.beschädigt-{stamp.strftime('%Y%m%d-%H%M%S')}-{counter}{db_path.suffix}"
        )
    try:
        os.replace(db_path, target)
        for extra in ("-wal", "-shm"):
            side = Path(str(db_path) + extra)
            if side.exists():
                os.replace(side, Path(str(target) + extra))
    except OSError as exc:
        raise StoreUnavailable(
            f"Die beschädigte Datei {db_path.name} kann nicht beiseitegelegt werden "
            f"({describe(exc)}). Es wurde nichts verändert."
        ) from exc
    return target


def write_file_from(source: Path, target: Path) -> None:
    """Create ``target`` as a copy of the database file ``source`` (backup API, new file)."""
    src = _open_untouched(source)
    part = target.with_name(target.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        part.unlink()
    try:
        dest = sqlite3.connect(str(part))
        try:
            src.backup(dest)
        finally:
            dest.close()
        os.replace(part, target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise StoreUnavailable(
            f"Die Sicherung {source.name} konnte nicht zurückgespielt werden. "
            f"{translate_error(exc, target)}"
        ) from exc
    finally:
        src.close()
