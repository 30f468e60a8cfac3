"""Where the data lives: database, backups and logs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

import platformdirs

from anfrage_desk import APP_NAME

DB_ENV = "ANFRAGE_DESK_DB"
DB_FILE_NAME = "anfrage-desk.sqlite"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``ANFRAGE_DESK_DB`` if set, else the platform's user data folder."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return resolve_db_path(env)
    return data_dir() / DB_FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The file named on the command line, or a ``postgresql://`` server database (team mode).

    A server address stands where a file path does (``open_db`` and messages use only its
    ``name`` and ``resolve()``); a password in it is kept in memory for this process and left
    out of the address, so no title bar or message shows it.
    """
    if cli_value and cli_value.startswith(("postgresql://", "postgres://")):
        from anfrage_desk.store.pg import server_address

        return cast(Path, server_address(cli_value))
    return Path(cli_value).expanduser() if cli_value else default_db_path()


def backup_dir(db_path: Path) -> Path:
    """Backups sit in a folder next to the database file."""
    return db_path.parent / "Sicherungen"


def log_dir(db_path: Path) -> Path:
    return db_path.parent / "Protokolle"
