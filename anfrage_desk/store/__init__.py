"""Storage: a SQLite file through sqlite-utils, or a PostgreSQL server (team mode, ``pg``).
All SQL of the app lives in this package."""

from anfrage_desk.store.db import Database, StoreUnavailable, open_db
from anfrage_desk.store.errors import translate_error, translated

__all__ = ["Database", "StoreUnavailable", "open_db", "translate_error", "translated"]
