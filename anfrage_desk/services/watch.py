"""Notice changes another program (the CLI, a script) committed to the open database."""

from __future__ import annotations

from anfrage_desk.store import Database
from anfrage_desk.store.db import data_version


def change_token(db: Database) -> int:
    """A number that changes whenever another connection commits to ``db``'s file.

    Own commits on this connection do not change it, so an app does not react to itself.
    """
    return data_version(db)
