"""One translation of every SQLite and operating-system error into a German StoreUnavailable.

GUI and CLI show ``str(exc)`` as it is: a German sentence that says what happened and what to
do, without SQLite's or the C library's English text. ``kind`` names the cause for callers that
react differently (the start-up offers a backup only for ``DAMAGED``).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from anfrage_desk.os_errors import DISK_FULL, READ_ONLY, describe

LOCKED = "locked"
FULL = "full"
READ_ONLY_KIND = "read_only"
DAMAGED = "damaged"
UNREACHABLE = "unreachable"
NEWER = "newer"
OTHER = "other"

RECOVERY_HINT = (
    "Bitte starten Sie die Oberfläche von Anfrage-Desk (ohne Befehl): Sie bietet an, eine "
    "Sicherung wiederherzustellen, und legt die beschädigte Datei beiseite."
)
LOW_SPACE_BYTES = 1024 * 1024


class StoreUnavailable(Exception):
    """The database cannot be used; the message is a German sentence that says what to do."""

    def __init__(self, message: str, kind: str = OTHER) -> None:
        super().__init__(message)
        self.kind = kind


def locked(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"Die Datenbank {path.name} wird gerade von einem anderen Programm benutzt. Bitte "
        "schließen Sie das andere Fenster oder warten Sie, bis es fertig ist, und versuchen Sie "
        "es dann erneut; es wurde nichts gespeichert.",
        LOCKED,
    )


def disk_full(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"Der Datenträger mit {path} ist voll. Bitte schaffen Sie Platz und versuchen Sie es "
        "erneut; die letzte Änderung wurde nicht gespeichert, alles Frühere ist erhalten.",
        FULL,
    )


def damaged(path: Path, detail: str = "") -> StoreUnavailable:
    what = f" ({detail})" if detail else ""
    return StoreUnavailable(
        f"Die Datei {path} ist beschädigt oder keine Anfrage-Desk-Datenbank{what}. "
        f"Es wurde nichts hineingeschrieben. {RECOVERY_HINT}",
        DAMAGED,
    )


def read_only(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"Die Datenbank {path.name} ist schreibgeschützt (schreibgeschützter Datenträger oder "
        "Ordner); Änderungen sind nicht möglich. Bitte kopieren Sie die Datei zum Bearbeiten an "
        "einen beschreibbaren Ort.",
        READ_ONLY_KIND,
    )


def _space_is_short(path: Path) -> bool:
    for folder in (path.parent, path.parent.parent):
        with contextlib.suppress(OSError):
            return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    return False


def translate_error(exc: BaseException, path: Path) -> StoreUnavailable:
    """A German StoreUnavailable for an ``sqlite3.Error`` or ``OSError`` about ``path``."""
    path = Path(path)
    if isinstance(exc, StoreUnavailable):
        return exc
    if isinstance(exc, OSError):
        return _from_os_error(exc, path)
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return locked(path)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return disk_full(path)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return read_only(path)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return damaged(path)
    if "not a database" in text:
        return damaged(path)
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        if _space_is_short(path):
            return disk_full(path)
        return StoreUnavailable(
            f"Beim Zugriff auf die Datenbank {path} hat der Datenträger einen Fehler gemeldet "
            "(voll, entfernt oder nicht mehr erreichbar). Bitte prüfen Sie den Datenträger und "
            "versuchen Sie es erneut; die letzte Änderung wurde nicht gespeichert.",
            UNREACHABLE,
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreUnavailable(
            f"Die Datenbank {path} kann nicht geöffnet werden: Der Speicherort ist nicht "
            "erreichbar oder nicht zugänglich. Bitte prüfen Sie den Pfad und die Zugriffsrechte.",
            UNREACHABLE,
        )
    if name == "SQLITE_TOOBIG":
        return StoreUnavailable(
            "Der Text oder die Datei ist zu groß, um in der Datenbank gespeichert zu werden; es "
            "wurde nichts gespeichert.",
            OTHER,
        )
    code = f" (SQLite-Fehlercode {name})" if name else ""
    return StoreUnavailable(
        f"Die Datenbank {path.name} kann gerade nicht benutzt werden{code}. Bitte versuchen "
        "Sie es erneut; es wurde nichts gespeichert.",
        OTHER,
    )


def _from_os_error(exc: OSError, path: Path) -> StoreUnavailable:
    if exc.errno in DISK_FULL:
        return disk_full(path)
    if exc.errno in READ_ONLY:
        return read_only(path)
    return StoreUnavailable(
        f"Auf die Datenbank {path} kann nicht zugegriffen werden ({describe(exc)}). Bitte "
        "prüfen Sie den Datenträger und versuchen Sie es erneut; es wurde nichts gespeichert.",
        UNREACHABLE,
    )


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn SQLite and OS errors inside the block into StoreUnavailable."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise translate_error(exc, path) from exc
