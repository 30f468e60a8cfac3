"""Statistics per addressee and body on a small database whose numbers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from anfrage_desk.model import (
    Answer,
    AnswerLetter,
    Body,
    DeadlineRule,
    Inquiry,
    Question,
    Status,
    Verdict,
)
from anfrage_desk.services import statistics as service
from anfrage_desk.services.statistics import Grouping
from anfrage_desk.store import Database, answers, bodies, inquiries
from anfrage_desk.store import statistics as store

TODAY = date(2024, 5, 1)
CITY = ("Herrn Oberbürgermeister Max Mustermann", "Stadt Musterstadt")
COUNTY = ("Herrn Landrat Bodo Klimpel", "Kreis Recklinghausen")


def _inquiry(
    db: Database,
    body_id: int,
    addressee: tuple[str, str],
    submitted: date | None,
    due: date | None,
    status: Status = Status.SUBMITTED,
    questions: int = 2,
) -> int:
    with db.atomic():
        return inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                f"Anfrage vom {submitted}",
                body_id=body_id,
                addressee_name=addressee[0],
                addressee_office=addressee[1],
                submitted_on=submitted,
                due_on=due,
                status=status,
                questions=tuple(
                    Question(None, str(i + 1), "Wie viele?", i) for i in range(questions)
                ),
            ),
        )


def _letter(
    db: Database,
    inquiry_id: int,
    received: date,
    letter_date: date | None,
    verdicts: list[tuple[Verdict, Verdict | None]],
) -> None:
    questions = inquiries.get_questions(db, inquiry_id)
    with db.atomic():
        letter_id = answers.insert_letter(
            db, AnswerLetter(None, inquiry_id, received_on=received, letter_date=letter_date), None
        )
        for question, (verdict, user) in zip(questions, verdicts, strict=True):
            assert question.id is not None
            answers.insert_answer(
                db, Answer(None, question.id, letter_id, "Text", verdict=verdict, user_verdict=user)
            )
        inquiries.set_status(db, inquiry_id, Status.ANSWERED)


@pytest.fixture
def desk(db: Database) -> Database:
    """Stadt Musterstadt (Rat, 2024): answered after 10 days (on time) and after 30 days (late),
    one overdue without answer, one not yet due. Kreis Recklinghausen (Kreistag, 2023): one
    answered after 5 days. Not counted: a draft and an inquiry in the Papierkorb."""
    with db.atomic():
        rat = bodies.save_body(db, Body(None, "Rat der Stadt Musterstadt", rule=DeadlineRule()))
        kreistag = bodies.save_body(db, Body(None, "Kreistag Recklinghausen"))
    a = _inquiry(db, rat, CITY, date(2024, 1, 1), date(2024, 1, 29))
    # Letter dated day 10; received later (the letter date wins). Machine "vague" is overruled
    # by the user's "clear": counts as clear.
    _letter(
        db,
        a,
        date(2024, 1, 15),
        date(2024, 1, 11),
        [(Verdict.CLEAR, None), (Verdict.VAGUE, Verdict.CLEAR)],
    )
    b = _inquiry(db, rat, CITY, date(2024, 2, 1), date(2024, 2, 29))
    # No letter date: received date counts (30 days, after the due date). The user's "vague"
    # overrules the machine's "clear"; "missing" is unclear: 2 of 2 unclear.
    _letter(
        db, b, date(2024, 3, 2), None, [(Verdict.CLEAR, Verdict.VAGUE), (Verdict.MISSING, None)]
    )
    # A second, later letter does not change the first answer date.
    _letter(
        db, b, date(2024, 3, 20), date(2024, 3, 18), [(Verdict.CLEAR, None), (Verdict.CLEAR, None)]
    )
    _inquiry(db, rat, CITY, date(2024, 3, 1), date(2024, 3, 29))  # overdue, no answer
    _inquiry(db, rat, CITY, date(2024, 4, 20), date(2024, 5, 18))  # not yet due
    c = _inquiry(db, kreistag, COUNTY, date(2023, 6, 1), date(2023, 6, 29), questions=1)
    _letter(db, c, date(2023, 6, 6), date(2023, 6, 6), [(Verdict.PARTIAL, None)])
    _inquiry(db, rat, CITY, None, None, status=Status.DRAFT)
    gone = _inquiry(db, rat, CITY, date(2024, 1, 5), date(2024, 2, 2))
    with db.atomic():
        inquiries.move_to_trash(db, gone)
    return db


def test_numbers_per_addressee(desk: Database) -> None:
    rows = service.group_statistics(desk, Grouping.ADDRESSEE, None, TODAY)
    assert [r.name for r in rows] == ["Stadt Musterstadt", "Kreis Recklinghausen"]
    city, county = rows
    assert city.inquiries == 4
    assert city.answered == 2
    assert city.median_days == 20.0  # median of 10 and 30
    assert city.max_days == 30
    # On time: a (yes), b (late), the overdue one (late); the one not yet due is left out.
    assert (city.on_time, city.on_time_basis) == (1, 3)
    assert city.on_time_share == pytest.approx(1 / 3)
    # Answers: a: clear, clear (user); b letter 1: vague (user), missing; b letter 2: clear x2.
    assert (city.unclear_answers, city.rated_answers) == (2, 6)
    assert county.median_days == 5.0
    assert county.on_time_share == 1.0
    assert county.unclear_share == 1.0


def test_year_filter_and_body_grouping(desk: Database) -> None:
    assert service.available_years(desk) == [2024, 2023]
    rows = service.group_statistics(desk, Grouping.BODY, 2023, TODAY)
    assert [(r.name, r.inquiries) for r in rows] == [("Kreistag Recklinghausen", 1)]
    rows = service.group_statistics(desk, Grouping.BODY, 2024, TODAY)
    assert [(r.name, r.inquiries) for r in rows] == [("Rat der Stadt Musterstadt", 4)]
    assert service.group_statistics(desk, Grouping.BODY, 2022, TODAY) == []


def test_addressee_falls_back_to_name_and_empty_shares_are_none(db: Database) -> None:
    with db.atomic():
        body = bodies.save_body(db, Body(None, "Rat"))
    _inquiry(db, body, ("Bürgermeisterin Petra Beispiel", ""), date(2024, 4, 1), None)
    (row,) = service.group_statistics(db, Grouping.ADDRESSEE, None, TODAY)
    assert row.name == "Bürgermeisterin Petra Beispiel"
    assert row.median_days is None and row.max_days is None
    assert row.on_time_share is None and row.unclear_share is None


def test_facts_come_from_one_query(desk: Database) -> None:
    statements: list[str] = []
    desk.conn.set_trace_callback(statements.append)
    try:
        facts = store.inquiry_facts(desk)
    finally:
        desk.conn.set_trace_callback(None)
    assert len(facts) == 5
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
