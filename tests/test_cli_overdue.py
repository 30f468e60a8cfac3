"""`anfrage-desk overdue [--today]` lists overdue inquiries with their days late."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.cli import main
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as service
from anfrage_desk.store import open_db


def _submitted(db_path: Path, title: str, submitted: date, due: date) -> int:
    db = open_db(db_path)
    try:
        inquiry_id, _ = service.create_inquiry(
            db, Inquiry(None, title, questions=(Question(None, "1", "Wie viele?"),))
        )
        service.submit_inquiry(db, inquiry_id, submitted)
        service.set_due_manually(db, inquiry_id, due)
    finally:
        db.close()
    return inquiry_id


def test_overdue_lists_late_inquiries_as_of_today_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "desk.sqlite"
    late = _submitted(db_path, "Sanierung Hallenbad", date(2024, 1, 2), date(2024, 1, 30))
    later = _submitted(db_path, "Radwege", date(2024, 1, 20), date(2024, 2, 17))
    _submitted(db_path, "Kita-Plätze", date(2024, 2, 1), date(2024, 2, 29))

    assert main(["--db", str(db_path), "overdue", "--today", "2024-02-20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{late}\tSanierung Hallenbad\tfällig 30.01.2024\t21 Tage überfällig",
        f"{later}\tRadwege\tfällig 17.02.2024\t3 Tage überfällig",
    ]

    assert main(["--db", str(db_path), "overdue", "--today", "2024-01-30"]) == 0
    assert capsys.readouterr().out.strip() == "Keine überfälligen Anfragen."
