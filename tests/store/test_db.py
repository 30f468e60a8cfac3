import sqlite3
from pathlib import Path

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.store import StoreUnavailable, inquiries, open_db, search
from anfrage_desk.store.migrations import STEPS, current_version


def test_new_file_is_migrated_without_backup(db_path: Path) -> None:
    db = open_db(db_path)
    assert current_version(db) == len(STEPS)
    assert {"body", "inquiry", "question", "answer_letter", "answer", "followup"} <= set(
        db.table_names()
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
    assert not list(db_path.parent.rglob("*vor-migration*"))


def test_existing_older_file_is_backed_up_before_migration(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE legacy (x TEXT)")
    conn.execute("INSERT INTO legacy VALUES ('alt')")
    conn.commit()
    conn.close()
    db = open_db(db_path)
    assert current_version(db) == len(STEPS)
    db.close()
    backups = list((db_path.parent / "Sicherungen").glob("desk.vor-migration-v0-*.sqlite"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT x FROM legacy").fetchall() == [("alt",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 0
    copy.close()


def test_newer_schema_is_refused_and_file_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {len(STEPS) + 5}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreUnavailable, match="neueren Version"):
        open_db(db_path)
    assert db_path.read_bytes() == before


def test_reopening_keeps_data(db_path: Path) -> None:
    db = open_db(db_path)
    with db.atomic():
        iid = inquiries.insert_inquiry(
            db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
        )
    db.close()
    db = open_db(db_path)
    loaded = inquiries.get_inquiry(db, iid)
    assert loaded is not None and loaded.title == "Radwege"
    assert [q.text for q in loaded.questions] == ["Wie viele?"]
    db.close()


def test_atomic_rolls_back_everything(db_path: Path) -> None:
    db = open_db(db_path)
    with pytest.raises(RuntimeError), db.atomic():
        inquiries.insert_inquiry(db, Inquiry(None, "Halb"))
        raise RuntimeError("boom")
    assert inquiries.count_live(db) == 0
    db.close()


def test_not_a_database_gives_german_message(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreUnavailable, match="beschädigt"):
        open_db(db_path, check=True)


def test_search_index_follows_writes(db) -> None:
    with db.atomic():
        iid = inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                "Sanierung der Kaiserstraße und Straße am Markt",
                questions=(Question(None, "1", "Wann kommt der Müll?"),),
            ),
        )
    assert [h.inquiry_id for h in search.search(db, "strasse")] == [iid]
    assert [h.kind for h in search.search(db, "muell")] == ["question"]
    with db.atomic():
        inquiries.move_to_trash(db, iid)
    assert search.search(db, "strasse") == []
    for bad in ['"', "AND", "*", "OR OR", '"unclosed phrase', "NEAR(", "-", "^"]:
        search.search(db, bad)
