"""Joining answers refuses what makes no sense with a German message and changes nothing."""

from __future__ import annotations

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.answer_fixes import join_answers, unsure_answers
from anfrage_desk.services.common import ServiceError
from anfrage_desk.store import answers as answer_store


def _inquiry(db, title: str) -> int:
    questions = ("Wie viele Fälle gab es 2023?", "Bis wann ist mit einer Lösung zu rechnen?")
    inquiry = Inquiry(
        None,
        title,
        questions=tuple(Question(None, str(i + 1), q, i) for i, q in enumerate(questions)),
    )
    inquiry_id, _ = inquiry_service.create_inquiry(db, inquiry)
    return inquiry_id


LETTER = "Zu 1:\nEs gab 48 Fälle.\n\nZu 2:\nIm Herbst 2025.\n"


def test_join_refuses_itself_and_answers_of_other_letters(db) -> None:
    first = _inquiry(db, "Fälle")
    second = _inquiry(db, "Lösungen")
    letter_a, _ = answer_service.import_answer(db, first, answer_service.pasted_letter(LETTER))
    letter_b, _ = answer_service.import_answer(db, second, answer_service.pasted_letter(LETTER))
    a1, a2 = answer_store.answers_for_letter(db, letter_a)
    b1, _ = answer_store.answers_for_letter(db, letter_b)
    with pytest.raises(ServiceError, match="nicht mit sich selbst"):
        join_answers(db, a1.id, a1.id)
    with pytest.raises(ServiceError, match="demselben Schreiben"):
        join_answers(db, a1.id, b1.id)
    assert answer_store.answers_for_letter(db, letter_a) == [a1, a2]
    assert unsure_answers(db, letter_a) == frozenset()  # numbered answers are no guess

    join_answers(db, a1.id, a2.id)
    joined = answer_store.answers_for_letter(db, letter_a)
    assert [a.text for a in joined] == ["Es gab 48 Fälle.\n\nIm Herbst 2025."] * 2
    assert [a.joint_with for a in joined] == [("2",), ("1",)]
