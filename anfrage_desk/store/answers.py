"""Answer letters (with the original file) and the per-question answers with verdicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from anfrage_desk.model import Answer, AnswerLetter, Reason, Verdict
from anfrage_desk.store import search
from anfrage_desk.store.convert import from_date, from_list, to_date, to_list
from anfrage_desk.store.db import Database, new_id, now_iso


def _verdict(value: Any) -> Verdict | None:
    try:
        return Verdict(value) if value else None
    except ValueError:
        return None


def reasons_from_json(value: Any) -> tuple[Reason, ...]:
    """The stored reasons of an answer row."""
    return _reasons(value)


def reasons_to_json(reasons: Sequence[Reason]) -> str:
    return json.dumps(
        [{"code": r.code, "message": r.message, "start": r.start, "end": r.end} for r in reasons],
        ensure_ascii=False,
    )


def _reasons(value: Any) -> tuple[Reason, ...]:
    out = []
    for item in to_list(value):
        if isinstance(item, dict):
            out.append(
                Reason(
                    str(item.get("code", "")),
                    str(item.get("message", "")),
                    int(item.get("start", 0)),
                    int(item.get("end", 0)),
                )
            )
    return tuple(out)


def _answer(r: dict[str, Any]) -> Answer:
    return Answer(
        id=r["id"],
        question_id=r["question_id"],
        letter_id=r["letter_id"],
        text=r["text"],
        verdict=_verdict(r["verdict"]),
        score=r["score"],
        reasons=_reasons(r["reasons"]),
        refers_to=r["refers_to"],
        joint_with=tuple(str(x) for x in to_list(r["joint_with"])),
        user_verdict=_verdict(r["user_verdict"]),
        note=r["note"] or "",
        version=int(r.get("version") or 0),
    )


def _letter(r: dict[str, Any]) -> AnswerLetter:
    return AnswerLetter(
        id=r["id"],
        inquiry_id=r["inquiry_id"],
        received_on=to_date(r["received_on"]),
        letter_date=to_date(r["letter_date"]),
        refers_to_date=to_date(r["refers_to_date"]),
        sender=r["sender"],
        reference=r["reference"],
        raw_text=r["raw_text"],
        file_name=r["file_name"],
        problems=tuple(str(p) for p in to_list(r["problems"])),
        confirmed_at=r["confirmed_at"],
    )


_LETTER_COLUMNS = (
    "id, inquiry_id, received_on, letter_date, refers_to_date, sender, reference, raw_text, "
    "file_name, problems, confirmed_at"
)


def insert_letter(db: Database, letter: AnswerLetter, file_data: bytes | None) -> int:
    """Insert a letter with its original file; the caller holds the transaction."""
    values = {
        "inquiry_id": letter.inquiry_id,
        "received_on": from_date(letter.received_on),
        "letter_date": from_date(letter.letter_date),
        "refers_to_date": from_date(letter.refers_to_date),
        "sender": letter.sender,
        "reference": letter.reference,
        "raw_text": letter.raw_text,
        "file_name": letter.file_name,
        "file_data": file_data,
        "problems": from_list(letter.problems),
        "confirmed_at": letter.confirmed_at,
    }
    return new_id(db.table("answer_letter").insert(values))


def update_letter_meta(db: Database, letter: AnswerLetter) -> None:
    assert letter.id is not None
    db.table("answer_letter").update(
        letter.id,
        {
            "received_on": from_date(letter.received_on),
            "letter_date": from_date(letter.letter_date),
            "refers_to_date": from_date(letter.refers_to_date),
            "sender": letter.sender,
            "reference": letter.reference,
            "updated": now_iso(),
        },
    )


def _answer_values(answer: Answer) -> dict[str, Any]:
    """What the user and the assessment can change of an answer."""
    return {
        "text": answer.text,
        "verdict": str(answer.verdict) if answer.verdict else None,
        "score": answer.score,
        "reasons": reasons_to_json(answer.reasons),
        "refers_to": answer.refers_to,
        "joint_with": from_list(answer.joint_with),
        "user_verdict": str(answer.user_verdict) if answer.user_verdict else None,
        "note": answer.note,
    }


def insert_answer(db: Database, answer: Answer) -> int:
    values = {"question_id": answer.question_id, "letter_id": answer.letter_id}
    values.update(_answer_values(answer))
    return new_id(db.table("answer").insert(values))


def update_answer(db: Database, answer: Answer) -> None:
    """Store text, machine assessment, user verdict and note of one answer."""
    assert answer.id is not None
    db.table("answer").update(answer.id, {**_answer_values(answer), "updated": now_iso()})


def confirm_letter(db: Database, letter_id: int) -> None:
    db.execute(
        "UPDATE answer_letter SET confirmed_at = ?, updated = ? WHERE id = ?",
        [now_iso(), now_iso(), letter_id],
    )


def letters_for(db: Database, inquiry_id: int) -> list[AnswerLetter]:
    rows = db.query(
        f"SELECT {_LETTER_COLUMNS} FROM answer_letter WHERE inquiry_id = ? ORDER BY id",
        [inquiry_id],
    )
    return [_letter(r) for r in rows]


def get_letter(db: Database, letter_id: int) -> AnswerLetter | None:
    rows = list(db.query(f"SELECT {_LETTER_COLUMNS} FROM answer_letter WHERE id = ?", [letter_id]))
    return _letter(rows[0]) if rows else None


def letter_file(db: Database, letter_id: int) -> tuple[str, bytes] | None:
    row = db.execute(
        "SELECT file_name, file_data FROM answer_letter WHERE id = ?", [letter_id]
    ).fetchone()
    if row is None or row[1] is None:
        return None
    return str(row[0] or "antwort.txt"), bytes(row[1])


def answers_for_letter(db: Database, letter_id: int) -> list[Answer]:
    rows = db.query(
        "SELECT a.* FROM answer a JOIN question q ON q.id = a.question_id "
        "WHERE a.letter_id = ? ORDER BY q.position",
        [letter_id],
    )
    return [_answer(r) for r in rows]


def get_answer(db: Database, answer_id: int) -> Answer | None:
    rows = list(db.query("SELECT * FROM answer WHERE id = ?", [answer_id]))
    return _answer(rows[0]) if rows else None


def latest_answers(db: Database, inquiry_id: int) -> dict[int, Answer]:
    """question id → the answer from the newest letter that answers it."""
    rows = db.query(
        "SELECT a.* FROM answer a JOIN question q ON q.id = a.question_id "
        "WHERE q.inquiry_id = ? ORDER BY a.letter_id",
        [inquiry_id],
    )
    result: dict[int, Answer] = {}
    for r in rows:
        result[int(r["question_id"])] = _answer(r)
    return result


def delete_letter(db: Database, letter_id: int) -> int | None:
    row = db.execute("SELECT inquiry_id FROM answer_letter WHERE id = ?", [letter_id]).fetchone()
    if row is None:
        return None
    db.execute("DELETE FROM answer_letter WHERE id = ?", [letter_id])
    search.reindex_inquiry(db, int(row[0]))
    return int(row[0])


def inquiry_of_answer(db: Database, answer_id: int) -> int | None:
    row = db.execute(
        "SELECT q.inquiry_id FROM answer a JOIN question q ON q.id = a.question_id WHERE a.id = ?",
        [answer_id],
    ).fetchone()
    return int(row[0]) if row else None


def answers_containing(db: Database, phrase: str) -> list[Answer]:
    """Answers whose text contains ``phrase`` (case-insensitive, whitespace-tolerant).

    Scans in Python: SQLite's lower() folds ASCII only, and this runs on a rare user action.
    """
    needle = " ".join(phrase.lower().split())
    ids = [
        int(row[0])
        for row in db.execute("SELECT id, text FROM answer WHERE text IS NOT NULL")
        if needle in " ".join(str(row[1]).lower().split())
    ]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [_answer(r) for r in db.query(f"SELECT * FROM answer WHERE id IN ({marks})", ids)]


def newest_answer_rows(db: Database) -> list[dict[str, Any]]:
    """For every live, not yet settled inquiry: each question's answer from the newest letter,
    where that answer is not clear (machine or user verdict).

    With the inquiry's title and status, the question's label, the letter's dates and whether a
    Nachfrage (a child inquiry) was made after that letter. Read by the "Zugesagte Antworten"
    overview; one query.
    """
    # The newest live child per inquiry once (a correlated EXISTS over inquiry.parent_id has
    # no index and scanned all inquiries per answer: 80 s at 10 000 inquiries).
    sql = """
        WITH child AS (SELECT parent_id, max(created) AS newest FROM inquiry
                       WHERE parent_id IS NOT NULL AND deleted_at IS NULL GROUP BY parent_id)
        SELECT i.id AS inquiry_id, i.title, i.status, q.label, q.position,
               a.id AS answer_id, a.text, a.verdict, a.user_verdict, a.reasons,
               l.id AS letter_id, l.letter_date, l.received_on,
               CASE WHEN child.newest >= l.created THEN 1 ELSE 0 END AS followed_up
        FROM answer a
        JOIN question q ON q.id = a.question_id
        JOIN inquiry i ON i.id = q.inquiry_id
        JOIN answer_letter l ON l.id = a.letter_id
        LEFT JOIN child ON child.parent_id = i.id
        WHERE i.deleted_at IS NULL AND i.status != 'done' AND a.text IS NOT NULL
          AND coalesce(a.user_verdict, a.verdict, 'clear') != 'clear'
          AND a.letter_id = (SELECT max(a2.letter_id) FROM answer a2
                             WHERE a2.question_id = a.question_id)
        ORDER BY i.id, q.position
    """
    return list(db.query(sql))


def corrected_answers(db: Database) -> list[tuple[Answer, str, str]]:
    """Answers of live inquiries whose verdict a user set, with the question's label and text."""
    rows = db.query(
        "SELECT a.*, q.label AS q_label, q.text AS q_text FROM answer a "
        "JOIN question q ON q.id = a.question_id JOIN inquiry i ON i.id = q.inquiry_id "
        "WHERE a.user_verdict IS NOT NULL AND i.deleted_at IS NULL ORDER BY a.id"
    )
    return [(_answer(r), str(r["q_label"]), str(r["q_text"])) for r in rows]


def all_letter_ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM answer_letter ORDER BY id")]


def question_titles(db: Database, letter_id: int) -> dict[int, tuple[str, str]]:
    """question id -> (inquiry title, question label) for the answers of one letter."""
    rows = db.query(
        "SELECT q.id, i.title, q.label FROM answer a JOIN question q ON q.id = a.question_id "
        "JOIN inquiry i ON i.id = q.inquiry_id WHERE a.letter_id = ?",
        [letter_id],
    )
    return {int(r["id"]): (str(r["title"]), str(r["label"])) for r in rows}
