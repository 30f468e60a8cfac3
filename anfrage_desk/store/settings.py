"""Key/value settings that belong to the data, not to the workstation (sender, letterhead)."""

from __future__ import annotations

from anfrage_desk.store.db import Database, now_iso


def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else default


def get_settings(db: Database) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM setting")}


def set_setting(db: Database, key: str, value: str) -> None:
    db.table("setting").upsert({"key": key, "value": value, "updated": now_iso()}, pk="key")
