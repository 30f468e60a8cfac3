"""Fixing a split in the review: which answers the splitter only guessed, joining two answers.

Moving a passage between answers is an ordinary text edit (`answers.save_review`). Joining
makes two questions share one answer ("gemeinsam beantwortet"): both get the texts of both,
each names the other in `joint_with`, and both are assessed again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from anfrage_desk.lazy import lazy_module
from anfrage_desk.model import Answer
from anfrage_desk.services.answers import reassess
from anfrage_desk.services.common import Changes, ServiceError
from anfrage_desk.store import Database, answers, inquiries

if TYPE_CHECKING:
    from anfrage_desk import segment
else:  # imported on first use (start-up time)
    segment = lazy_module("anfrage_desk.segment")


def unsure_answers(db: Database, letter_id: int) -> frozenset[int]:
    """Ids of the answers of a letter whose split was a guess and that nobody has fixed yet.

    The letter's text is split again: an item the splitter marks as not sure (a letter
    without numbers, answers assigned by order or by shared words) counts while its stored
    text is still the one the splitter gave. A confirmed letter has none.
    """
    letter = answers.get_letter(db, letter_id)
    if letter is None or letter.confirmed_at or not letter.raw_text.strip():
        return frozenset()
    questions = inquiries.get_questions(db, letter.inquiry_id)
    parsed = [segment.ParsedQuestion(q.label, q.text) for q in questions]
    split = segment.split_letter(letter.raw_text, parsed)
    guessed = {it.label: it.answer or "" for it in split.items if not it.sure}
    labels = {q.id: q.label for q in questions}
    out = set()
    for answer in answers.answers_for_letter(db, letter_id):
        label = labels.get(answer.question_id)
        if label in guessed and _same(answer.text or "", guessed[label]):
            assert answer.id is not None
            out.add(answer.id)
    return frozenset(out)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def join_answers(db: Database, answer_id: int, other_id: int) -> Changes:
    """Let two answers of one letter be one joint answer to both questions."""
    if answer_id == other_id:
        raise ServiceError("Eine Antwort kann nicht mit sich selbst verbunden werden.")
    with db.atomic():
        first, second = _answer(db, answer_id), _answer(db, other_id)
        if first.letter_id != second.letter_id:
            raise ServiceError("Nur Antworten aus demselben Schreiben lassen sich verbinden.")
        letter = answers.get_letter(db, first.letter_id)
        assert letter is not None
        labels = {q.id: q.label for q in inquiries.get_questions(db, letter.inquiry_id)}
        text = _joined_text(first.text, second.text)
        group = {labels[first.question_id], labels[second.question_id]}
        group |= set(first.joint_with) | set(second.joint_with)
        updated = [
            replace(
                a,
                text=text,
                joint_with=tuple(sorted(group - {labels[a.question_id]}, key=_label_key)),
            )
            for a in (first, second)
        ]
        touched: set[int] = set()
        mine = {u.id: u for u in updated}
        for answer in reassess(db, updated):
            keep = mine.get(answer.id)
            if keep is not None:
                answer = replace(answer, user_verdict=keep.user_verdict, note=keep.note)
            answers.update_answer(db, answer)
            assert answer.id is not None
            touched.add(answer.id)
        from anfrage_desk.store import search

        search.reindex_inquiry(db, letter.inquiry_id)
    return Changes(inquiries=frozenset({letter.inquiry_id}), answers=frozenset(touched))


def _answer(db: Database, answer_id: int) -> Answer:
    found = answers.get_answer(db, answer_id)
    if found is None:
        raise ServiceError("Die Antwort existiert nicht mehr.")
    return found


def _joined_text(a: str | None, b: str | None) -> str | None:
    parts = [t.strip() for t in (a, b) if t and t.strip()]
    if len(parts) == 2 and _same(parts[0], parts[1]):
        parts = parts[:1]
    return "\n\n".join(parts) or None


def _label_key(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else 0, label)
