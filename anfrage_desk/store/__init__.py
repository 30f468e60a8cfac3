"""SQLite storage through sqlite-utils. All SQL of the app lives in this package."""

from anfrage_desk.store.db import Database, StoreUnavailable, open_db

__all__ = ["Database", "StoreUnavailable", "open_db"]
