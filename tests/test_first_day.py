"""Issue 15 (a staffer's first day), service side: dates that agree, no silent duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.cli import EXIT_BAD_INPUT, main
from anfrage_desk.model import FollowupKind, InquiryKind, Status
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import drafting, overview
from anfrage_desk.services import followups as followup_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import EXAMPLE_DIR
from anfrage_desk.store import Database, answers, followups, inquiries, open_db

INQUIRY = EXAMPLE_DIR / "anfrage-2024-04-29.txt"
LETTER = EXAMPLE_DIR / "antwort-2024-05-15.txt"


@pytest.fixture(autouse=True)
def clock():
    set_clock(lambda: date(2024, 6, 3))
    yield
    set_clock(None)


def _submitted(db: Database) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(db, inquiry_service.inquiry_from_file(INQUIRY))
    inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 4, 29))
    return inquiry_id


def test_received_defaults_to_the_letter_date(db: Database) -> None:
    inquiry_id = _submitted(db)
    letter_id, _ = answer_service.import_answer(db, inquiry_id, answer_service.read_letter(LETTER))
    letter = answers.get_letter(db, letter_id)
    assert letter is not None and letter.letter_date == date(2024, 5, 15)
    assert letter.received_on == date(2024, 5, 15)  # not "today" (03.06.2024)


def test_letter_dated_in_the_future_is_received_today(db: Database) -> None:
    inquiry_id = _submitted(db)
    text = LETTER.read_text(encoding="utf-8").replace("15.05.2024", "15.05.2025")
    letter_id, _ = answer_service.import_answer(
        db, inquiry_id, answer_service.letter_from_bytes("a.txt", text.encode())
    )
    letter = answers.get_letter(db, letter_id)
    assert letter is not None and letter.received_on == date(2024, 6, 3)


def test_cli_add_answer_without_received_uses_letter_date(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "cli.sqlite"
    assert main(["--db", str(db_path), "add-inquiry", str(INQUIRY)]) == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    assert main(["--db", str(db_path), "add-answer", str(inquiry_id), str(LETTER)]) == 0
    capsys.readouterr()
    db = open_db(db_path)
    assert answers.letters_for(db, inquiry_id)[0].received_on == date(2024, 5, 15)
    db.close()


def test_same_letter_twice_is_refused_until_confirmed(db: Database) -> None:
    inquiry_id = _submitted(db)
    document = answer_service.read_letter(LETTER)
    answer_service.import_answer(db, inquiry_id, document)
    count = db.execute("SELECT count(*) FROM answer").fetchone()[0]
    with pytest.raises(answer_service.DuplicateLetter, match="bereits erfasst"):
        answer_service.import_answer(db, inquiry_id, document)
    assert db.execute("SELECT count(*) FROM answer").fetchone()[0] == count
    answer_service.import_answer(db, inquiry_id, document, allow_duplicate=True)
    assert len(answers.letters_for(db, inquiry_id)) == 2


def test_cli_add_answer_twice_exits_1_with_german_line(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "cli.sqlite"
    assert main(["--db", str(db_path), "add-inquiry", str(INQUIRY)]) == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    args = ["--db", str(db_path), "add-answer", str(inquiry_id), str(LETTER)]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == EXIT_BAD_INPUT
    assert "bereits erfasst" in capsys.readouterr().err
    db = open_db(db_path)
    assert len(answers.letters_for(db, inquiry_id)) == 1
    db.close()


def test_export_followup_twice_keeps_one_nachfrage(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "cli.sqlite"
    assert main(["--db", str(db_path), "add-inquiry", str(INQUIRY)]) == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    assert main(["--db", str(db_path), "add-answer", str(inquiry_id), str(LETTER)]) == 0
    for name in ("eins.docx", "zwei.docx"):
        out = tmp_path / name
        assert main(["--db", str(db_path), "export-followup", str(inquiry_id), str(out)]) == 0
        assert out.exists()
    db = open_db(db_path)
    links = followups.followups_for(db, inquiry_id)
    assert [f.kind for f in links] == [FollowupKind.NACHFRAGE]
    kinds = [r.kind for r in inquiries.list_rows(db)]
    assert kinds.count(InquiryKind.NACHFRAGE) == 1
    db.close()


def test_submitting_makes_the_letter_date_the_submission_date(db: Database) -> None:
    inquiry_id, _ = inquiry_service.create_inquiry(db, inquiry_service.inquiry_from_file(INQUIRY))
    draft = inquiries.get_inquiry(db, inquiry_id)
    assert draft is not None and draft.drafted_on in (None, date(2024, 6, 3))
    inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 4, 29))
    stored = inquiries.get_inquiry(db, inquiry_id)
    assert stored is not None
    assert stored.drafted_on == stored.submitted_on == date(2024, 4, 29)
    assert drafting.default_letter_name(stored).startswith("2024-04-29 ")
    assert drafting.letter_date(stored) == date(2024, 4, 29)


def test_draft_nachfrage_is_not_counted_as_open(db: Database) -> None:
    inquiry_id = _submitted(db)
    answer_service.import_answer(db, inquiry_id, answer_service.read_letter(LETTER))
    items = followup_service.draft_followup(db, inquiry_id)
    child_id, _ = followup_service.create_followup(db, inquiry_id, items)
    today = date(2024, 6, 3)
    assert overview.tile_counts(inquiries.list_rows(db), today)["open_followups"] == 0
    inquiry_service.submit_inquiry(db, child_id, today)
    child = inquiries.get_inquiry(db, child_id)
    assert child is not None and child.status == Status.SUBMITTED
    assert overview.tile_counts(inquiries.list_rows(db), today)["open_followups"] == 1
