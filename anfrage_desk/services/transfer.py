"""Moving in and out of team mode: copy a whole database between a local file and a server.

The copy is one operation with progress that can be cancelled (nothing is left on the
target then), verified table by table (row count and checksum), and it never changes or
deletes anything at the source.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from anfrage_desk.progress import Progress
from anfrage_desk.services.common import ServiceError
from anfrage_desk.store import open_db
from anfrage_desk.store.pg import is_server_uri
from anfrage_desk.store.transfer import TableCheck, copy_all

NAMES = {
    "inquiry": ("Anfrage", "Anfragen"),
    "question": ("Frage", "Fragen"),
    "answer_letter": ("Antwortschreiben", "Antwortschreiben"),
    "answer": ("Antwort", "Antworten"),
    "followup": ("Nachfrage oder Erinnerung", "Nachfragen und Erinnerungen"),
    "body": ("Gremium", "Gremien"),
}


@dataclass(frozen=True)
class TransferReport:
    source: str
    target: str
    checks: tuple[TableCheck, ...]

    def rows(self, table: str) -> int:
        return next((c.rows for c in self.checks if c.table == table), 0)

    def summary(self) -> str:
        """One German paragraph for the user."""
        parts = []
        for table, (one, many) in NAMES.items():
            count = self.rows(table)
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        what = ", ".join(parts) if parts else "eine leere Datenbank"
        return (
            f"Kopiert: {what} – von {self.source} nach {self.target}. Jede Tabelle wurde nach "
            f"dem Kopieren geprüft ({len(self.checks)} Tabellen, Zeilenzahl und Prüfsumme "
            "stimmen überein). Die Quelle ist unverändert."
        )


def _name(location: Path | str) -> str:
    return str(getattr(location, "name", location))


def copy_database(source: Path | str, target: Path | str, progress: Progress) -> TransferReport:
    """Copy all data from ``source`` into the empty ``target`` (a file is created; a server
    database must exist, with the app's schema or none yet). Raises Cancelled, ServiceError
    or StoreUnavailable; on any failure the target holds no data of the copy."""
    if str(source) == str(target):
        raise ServiceError("Quelle und Ziel sind dieselbe Datenbank.")
    new_file = not is_server_uri(target) and not Path(target).exists()
    if not is_server_uri(target) and not new_file:
        raise ServiceError(
            f"Die Datei {target} gibt es schon. Bitte wählen Sie einen neuen Dateinamen; "
            "eine vorhandene Datei wird nicht überschrieben."
        )
    src = open_db(source)
    try:
        dst = open_db(target)
        try:
            checks = copy_all(src, dst, progress.step)
        finally:
            dst.close()
    except BaseException:
        if new_file:  # a cancelled or failed copy leaves no half-made file behind
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{target}{suffix}").unlink()
        raise
    finally:
        src.close()
    return TransferReport(_name(source), _name(target), tuple(checks))
