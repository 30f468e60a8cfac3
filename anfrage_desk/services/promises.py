"""Holding answers: the administration deferred ("wird derzeit geprüft") and so owes an answer.

Each holding answer gets a re-ask date (the date or period it names, otherwise three months after
the letter, see ``assess.promise``); once that date has come, the Übersicht lists it under
"Zugesagte Antworten fällig" with a one-click Nachfrage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from anfrage_desk.lazy import lazy_module
from anfrage_desk.model import Reason, Verdict
from anfrage_desk.services.answers import phrasebook
from anfrage_desk.store import Database, answers
from anfrage_desk.store.convert import to_date

if TYPE_CHECKING:
    from anfrage_desk.assess import PhraseBook, promise
else:  # imported on first use (start-up time)
    promise = lazy_module("anfrage_desk.assess.promise")


@dataclass(frozen=True)
class HoldingAnswer:
    inquiry_id: int
    title: str
    answer_id: int
    label: str
    quote: str  # the words that defer
    letter_on: date
    reask_on: date


def holding_answers(db: Database, book: PhraseBook | None = None) -> list[HoldingAnswer]:
    """Answers that defer and are not clear, of inquiries without a Nachfrage since.

    The assessment stored where an answer defers (a reason "deferral" with its span); only an
    answer the user judged unclear against the machine is scanned for a deferral again.
    """
    found: list[HoldingAnswer] = []
    for row in answers.newest_answer_rows(db):
        text = row["text"]
        if not text or row["followed_up"]:
            continue
        span = _deferral(answers.reasons_from_json(row["reasons"]), len(text))
        if span is None and row["verdict"] in (None, Verdict.CLEAR.value):
            book = book or phrasebook(db)
            span = promise.deferral_span(text, book)
        if span is None:
            continue
        letter_on = to_date(row["letter_date"]) or to_date(row["received_on"])
        if letter_on is None:
            continue
        found.append(
            HoldingAnswer(
                int(row["inquiry_id"]),
                str(row["title"]),
                int(row["answer_id"]),
                str(row["label"]),
                " ".join(text[span[0] : span[1]].split()),
                letter_on,
                promise.reask_date(text, letter_on),
            )
        )
    return found


def _deferral(reasons: tuple[Reason, ...], length: int) -> tuple[int, int] | None:
    for reason in reasons:
        if reason.code == "deferral" and 0 <= reason.start < reason.end <= length:
            return (reason.start, reason.end)
    return None


def due_promises(db: Database, today: date) -> list[HoldingAnswer]:
    """Holding answers whose re-ask date has come, the longest overdue first."""
    due = [h for h in holding_answers(db) if h.reask_on <= today]
    return sorted(due, key=lambda h: (h.reask_on, h.inquiry_id, h.label))
