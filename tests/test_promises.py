"""Holding answers: re-ask dates from the answer's words, and the list of promises come due."""

from __future__ import annotations

from datetime import date

import pytest

from anfrage_desk.assess.promise import named_date, reask_date
from anfrage_desk.model import Inquiry, Question, Status
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import promises
from anfrage_desk.store import inquiries

LETTER = date(2024, 5, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Ergebnis wird bis Ende 2024 vorliegen.", date(2025, 1, 1)),
        ("nach Abschluss der Planungen im Herbst", date(2024, 12, 1)),
        ("voraussichtlich im ersten Quartal 2025", date(2025, 4, 1)),
        ("bis zum 30.09.2024", date(2024, 10, 1)),
        ("bis Ende des Jahres", date(2025, 1, 1)),
        ("Mitte 2025", date(2025, 7, 1)),
        ("im März", date(2025, 4, 1)),  # March has passed at the letter: the next one
        ("Die Angelegenheit wird derzeit geprüft.", date(2024, 8, 15)),  # three months
        ("Ende der Planungen", date(2024, 8, 15)),  # "Ende" of something, not of a year
    ],
)
def test_reask_date(text: str, expected: date) -> None:
    assert reask_date(text, LETTER) == expected


def test_a_past_date_is_not_a_promise() -> None:
    assert named_date("Der Antrag wurde am 03.02.2023 gestellt.", LETTER) is None


def _inquiry_with_answer(db, answer: str) -> int:
    with db.atomic():
        inquiry_id = inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                "Sanierung Hallenbad",
                submitted_on=date(2024, 4, 2),
                status=Status.SUBMITTED,
                questions=(Question(None, "1", "Bis wann wird das Hallenbad saniert?", 0),),
            ),
        )
    letter = "Musterstadt, 15.05.2024\n\nZu Frage 1:\n" + answer + "\n"
    answer_service.import_answer(
        db, inquiry_id, answer_service.pasted_letter(letter), date(2024, 5, 16)
    )
    return inquiry_id


def test_holding_answer_comes_due_after_the_named_period(db) -> None:
    inquiry_id = _inquiry_with_answer(
        db, "Die Sanierung wird derzeit geprüft; ein Ergebnis wird bis Ende 2024 vorliegen."
    )
    assert promises.due_promises(db, date(2024, 12, 31)) == []
    due = promises.due_promises(db, date(2025, 1, 2))
    assert [(h.inquiry_id, h.label, h.reask_on) for h in due] == [
        (inquiry_id, "1", date(2025, 1, 1))
    ]
    assert "geprüft" in due[0].quote


def test_clear_answers_and_settled_inquiries_are_no_promises(db) -> None:
    clear_id = _inquiry_with_answer(db, "Die Sanierung ist bis zum 30.06.2025 abgeschlossen.")
    held_id = _inquiry_with_answer(db, "Die Sanierung wird derzeit geprüft.")
    later = date(2025, 1, 2)
    assert [h.inquiry_id for h in promises.due_promises(db, later)] == [held_id]
    with db.atomic():
        inquiries.set_status(db, held_id, Status.DONE)
    assert promises.due_promises(db, later) == []
    assert clear_id != held_id


def test_an_answer_the_user_judged_unclear_is_scanned_for_its_promise(db) -> None:
    """Stored as clear by the machine (no deferral among its reasons); the user's verdict makes
    it a holding answer, found by scanning its text."""
    from dataclasses import replace

    from anfrage_desk.model import Verdict
    from anfrage_desk.store import answers as store

    inquiry_id = _inquiry_with_answer(
        db, "Der Zeitplan wird derzeit geprüft und bis Ende 2024 vorgelegt."
    )
    letter = store.letters_for(db, inquiry_id)[-1]
    (answer,) = store.answers_for_letter(db, letter.id)
    with db.atomic():
        store.update_answer(db, replace(answer, verdict=Verdict.CLEAR, reasons=()))
    assert promises.due_promises(db, date(2025, 1, 2)) == []
    with db.atomic():
        store.update_answer(
            db, replace(answer, verdict=Verdict.CLEAR, reasons=(), user_verdict=Verdict.VAGUE)
        )
    due = promises.due_promises(db, date(2025, 1, 2))
    assert [(h.inquiry_id, h.reask_on) for h in due] == [(inquiry_id, date(2025, 1, 1))]
