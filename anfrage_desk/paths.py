"""Where the data lives: database, backups and logs."""

from __future__ import annotations

import os
from pathlib import Path

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
        return Path(env).expanduser()
    return data_dir() / DB_FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_db_path()


def backup_dir(db_path: Path) -> Path:
    """Backups sit in a folder next to the database file."""
    return db_path.parent / "Sicherungen"


def log_dir(db_path: Path) -> Path:
    return db_path.parent / "Protokolle"
