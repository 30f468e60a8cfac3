"""Phrases the user marked as evasive ("Als ausweichend markieren")."""

from __future__ import annotations

from anfrage_desk.store.db import Database


def evasive_phrases(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute("SELECT phrase FROM evasive_phrase ORDER BY id")]


def add_evasive_phrase(db: Database, phrase: str) -> bool:
    """Add a phrase; False if it was already there."""
    cursor = db.execute(
        "INSERT INTO evasive_phrase (phrase) VALUES (?) ON CONFLICT DO NOTHING", [phrase]
    )
    return cursor.rowcount > 0


def remove_evasive_phrase(db: Database, phrase: str) -> None:
    db.execute("DELETE FROM evasive_phrase WHERE phrase = ?", [phrase])
