"""Read-only aggregates for the statistics page and the meeting brief.

Each function is one query; the per-inquiry facts are aggregated in SQL (first answer date,
rated and unclear answers), the grouping per addressee or body and the median happen in the
service, because a median is not portable SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from anfrage_desk.model import Reason, Verdict
from anfrage_desk.store.answers import _reasons, _verdict
from anfrage_desk.store.convert import to_date
from anfrage_desk.store.db import Database

UNCLEAR = ("partial", "vague", "missing")


@dataclass(frozen=True)
class InquiryFacts:
    """One submitted inquiry with what the statistics need about its answers."""

    id: int
    body_name: str
    addressee_name: str
    addressee_office: str
    submitted_on: date
    due_on: date | None
    first_answer_on: date | None
    rated_answers: int
    unclear_answers: int


_FACTS_SQL = """
SELECT i.id, coalesce(b.name, '') AS body_name, i.addressee_name, i.addressee_office,
       i.submitted_on, i.due_on, l.first_answer_on,
       coalesce(a.rated, 0) AS rated, coalesce(a.unclear, 0) AS unclear
FROM inquiry i
LEFT JOIN body b ON b.id = i.body_id
LEFT JOIN (
    SELECT inquiry_id, min(coalesce(letter_date, received_on)) AS first_answer_on
    FROM answer_letter GROUP BY inquiry_id
) l ON l.inquiry_id = i.id
LEFT JOIN (
    SELECT q.inquiry_id,
           count(coalesce(a.user_verdict, a.verdict)) AS rated,
           sum(CASE WHEN coalesce(a.user_verdict, a.verdict) IN ('partial', 'vague', 'missing')
               THEN 1 ELSE 0 END) AS unclear
    FROM answer a JOIN question q ON q.id = a.question_id
    GROUP BY q.inquiry_id
) a ON a.inquiry_id = i.id
WHERE i.deleted_at IS NULL AND i.submitted_on IS NOT NULL
"""


def inquiry_facts(db: Database, year: int | None = None) -> list[InquiryFacts]:
    """All submitted, live inquiries (of one submission year, if given), one query."""
    sql = _FACTS_SQL
    params: list[Any] = []
    if year is not None:
        sql += " AND i.submitted_on >= ? AND i.submitted_on < ?"
        params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    out = []
    for r in db.query(sql + " ORDER BY i.id", params):
        submitted = to_date(r["submitted_on"])
        if submitted is None:
            continue
        out.append(
            InquiryFacts(
                id=int(r["id"]),
                body_name=str(r["body_name"]),
                addressee_name=str(r["addressee_name"]),
                addressee_office=str(r["addressee_office"]),
                submitted_on=submitted,
                due_on=to_date(r["due_on"]),
                first_answer_on=to_date(r["first_answer_on"]),
                rated_answers=int(r["rated"]),
                unclear_answers=int(r["unclear"] or 0),
            )
        )
    return out


def submission_years(db: Database) -> list[int]:
    """The years in which inquiries were submitted, newest first."""
    rows = db.execute(
        "SELECT DISTINCT substr(submitted_on, 1, 4) FROM inquiry "
        "WHERE deleted_at IS NULL AND submitted_on IS NOT NULL ORDER BY 1 DESC"
    ).fetchall()
    return [int(r[0]) for r in rows if str(r[0]).isdigit()]


@dataclass(frozen=True)
class UnclearAnswer:
    """An answer (from the newest letter for its question) that is not clear."""

    inquiry_id: int
    question_label: str
    question_text: str
    answer_text: str | None
    verdict: Verdict | None
    user_verdict: Verdict | None
    reasons: tuple[Reason, ...]

    @property
    def effective_verdict(self) -> Verdict | None:
        return self.user_verdict or self.verdict


def unclear_answers_for_body(db: Database, body_id: int) -> list[UnclearAnswer]:
    """Unclear newest answers of the body's answered inquiries not yet followed up, one query.

    Followed-up inquiries are left out: their Nachfrage is listed (and still pending) instead.
    """
    rows = db.query(
        """
        SELECT q.inquiry_id, q.label, q.text AS question_text, a.text, a.verdict,
               a.user_verdict, a.reasons
        FROM answer a
        JOIN question q ON q.id = a.question_id
        JOIN inquiry i ON i.id = q.inquiry_id
        WHERE i.body_id = ? AND i.deleted_at IS NULL AND i.status = 'answered'
          AND coalesce(a.user_verdict, a.verdict) IN ('partial', 'vague', 'missing')
          AND a.letter_id = (SELECT max(a2.letter_id) FROM answer a2
                             WHERE a2.question_id = a.question_id)
        ORDER BY i.id, q.position
        """,
        [body_id],
    )
    return [
        UnclearAnswer(
            inquiry_id=int(r["inquiry_id"]),
            question_label=str(r["label"]),
            question_text=str(r["question_text"]),
            answer_text=r["text"],
            verdict=_verdict(r["verdict"]),
            user_verdict=_verdict(r["user_verdict"]),
            reasons=_reasons(r["reasons"]),
        )
        for r in rows
    ]
