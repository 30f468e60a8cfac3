"""German compounds and inflections: "strasse" finds "Kreisstraße", "Zeitplanungen" finds
"Zeitplanung" (vocabulary with a trigram index beside the word index)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, open_db, search, search_words
from anfrage_desk.store.migrations import STEPS, search_vocabulary


@pytest.fixture
def db(any_db: Database) -> Database:
    """This module's tests run on both engines (ids ``sqlite`` and ``postgres``)."""
    return any_db


def _add(db: Database, title: str, question: str) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, title, questions=(Question(None, "1", question, 0),))
    )
    return inquiry_id


def _ids(db: Database, query: str) -> set[int]:
    return {h.inquiry_id for h in search.search(db, query)}


def test_compound_parts_and_inflections_match(db: Database) -> None:
    road = _add(db, "Ausbau der Kreisstraße 12", "Wann beginnt der Ausbau?")
    plan = _add(db, "Kita-Ausbau", "Wie sieht die Zeitplanung aus?")
    other = _add(db, "Radwege", "Wie viele Kilometer?")
    assert _ids(db, "strasse") == {road}
    assert _ids(db, "Straße") == {road}
    assert _ids(db, "Zeitplanungen") == {plan}
    assert _ids(db, "zeitplan") == {plan}  # typed, not finished
    assert _ids(db, "Radweg") == {other}
    assert _ids(db, "ausbau") == {road, plan}
    assert _ids(db, "kreisstrassen ausbau") == {road}
    assert _ids(db, '"kreisstrasse 12"') == {road}  # phrases stay exact
    assert _ids(db, "strasse radwege") == set()


def test_stem_keeps_short_words_whole() -> None:
    assert search_words.stem("zeitplanungen") == "zeitplanung"
    assert search_words.stem("strasse") == "strass"
    assert search_words.stem("kita") == "kita"
    assert search_words.stem("amt") == "amt"


def test_vocabulary_follows_rebuild_and_renames(db: Database) -> None:
    road = _add(db, "Kreisstraße", "Wann?")
    inquiry = inquiry_service.load_inquiry(db, road)
    inquiry_service.save_inquiry(db, replace(inquiry, title="Landesstraße"))
    assert _ids(db, "strasse") == {road}
    with db.atomic():
        search.rebuild(db)
    assert _ids(db, "strasse") == {road}
    assert (
        db.execute("SELECT count(*) FROM search_word WHERE term = 'kreisstrasse'").fetchone()[0]
        == 0
    )


def test_migration_fills_vocabulary_of_an_older_file(db_path) -> None:
    db = open_db(db_path)
    road = _add(db, "Kreisstraße", "Wann?")
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE search_word")
    conn.execute("DROP TABLE search_word_trigram")
    conn.execute(f"PRAGMA user_version = {STEPS.index(search_vocabulary)}")
    conn.execute("DROP TABLE change_log")  # and what the later step (row versions) made
    for table in ("inquiry", "answer", "body"):
        conn.execute(f"DROP TRIGGER {table}_version")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN version")
    conn.commit()
    conn.close()
    db = open_db(db_path)
    assert _ids(db, "strasse") == {road}
    db.close()


def test_compound_hits_are_highlighted(db: Database) -> None:
    from anfrage_desk.services import search as service

    road = _add(db, "Ausbau", "Wie ist die Zeitplanung für die Kreisstraße 12?")
    result = service.run_search(db, "Zeitplanungen strasse")
    assert [g.inquiry_id for g in result.groups] == [road]
    pattern = service.highlight_pattern(search.parse_query("Zeitplanungen strasse"))
    text = "Ausbau der Kreisstraße 12. Wann beginnt die Zeitplanung?"
    spans = [text[a:b] for a, b in service.find_spans(text, pattern)]
    assert spans == ["Kreisstraße", "Zeitplanung"]


def test_a_first_version_file_gets_its_index_and_vocabulary(db_path) -> None:
    """Step 2 builds the index with its own statements, step 5 the vocabulary from it."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    raw = Database(conn, db_path)
    STEPS[0](raw)
    conn.execute("INSERT INTO inquiry (id, title, preamble) VALUES (7, 'Kreisstraße', 'Müll')")
    conn.execute(
        "INSERT INTO question (inquiry_id, label, position, text) VALUES (7, '1', 0, 'Wann?')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    db = open_db(db_path)
    assert _ids(db, "strasse") == {7}  # a compound part, through the vocabulary
    assert _ids(db, "muell") == {7}
    assert search.entry_count(db) == 2
    db.close()
