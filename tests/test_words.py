"""One helper for counted words: no "1 Anfragen", no "1 Tage überfällig"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from anfrage_desk import words
from anfrage_desk.cli import main
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as inquiry_service


def test_count_and_word() -> None:
    assert words.count(1, "Anfrage") == "1 Anfrage"
    assert words.count(0, "Anfrage") == "0 Anfragen"
    assert words.count(2, "Tag") == "2 Tage"
    assert words.count(1, "Tag", "Tagen") == "1 Tag"
    assert words.count(3, "Tag", "Tagen") == "3 Tagen"
    assert words.count(5, "Treffer") == "5 Treffer"
    assert words.verb(1, "ist", "sind") == "ist" and words.verb(2, "ist", "sind") == "sind"


def test_cli_overdue_says_1_tag(tmp_path: Path, capsys) -> None:
    from anfrage_desk.store import open_db

    db_path = tmp_path / "w.sqlite"
    db = open_db(db_path)
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 3, 1))
    due = inquiry_service.inquiries.get_inquiry(db, inquiry_id).due_on
    db.close()
    day_after = date.fromordinal(due.toordinal() + 1)
    assert main(["--db", str(db_path), "overdue", "--today", day_after.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "\t1 Tag überfällig" in out and "1 Tage" not in out
