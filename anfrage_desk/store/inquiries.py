"""Inquiries (Anfragen, Nachfragen) with their questions; the list rows; the Papierkorb."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from anfrage_desk.model import Inquiry, InquiryKind, InquiryRow, Question, Status
from anfrage_desk.store import change_log, search
from anfrage_desk.store.convert import from_date, from_list, to_date, to_list
from anfrage_desk.store.db import Database, new_id, now_iso

UNCLEAR = ("partial", "vague", "missing")

_ROW_SQL = """
SELECT i.id, i.reference, i.title, i.body_id, coalesce(b.name, '') AS body_name,
       i.addressee_name, i.addressee_office, i.submitted_on, i.due_on, i.status, i.kind,
       i.parent_id, l.answered_on, coalesce(u.unclear, 0) AS unclear,
       coalesce(l.unconfirmed, 0) AS unconfirmed, coalesce(f.open, 0) AS open_followups
FROM inquiry i
LEFT JOIN body b ON b.id = i.body_id
LEFT JOIN (
    SELECT inquiry_id, max(coalesce(letter_date, received_on)) AS answered_on,
           sum(CASE WHEN confirmed_at IS NULL THEN 1 ELSE 0 END) AS unconfirmed
    FROM answer_letter WHERE TRUE {letters} GROUP BY inquiry_id
) l ON l.inquiry_id = i.id
LEFT JOIN (
    SELECT q.inquiry_id, count(*) AS unclear
    FROM answer a JOIN question q ON q.id = a.question_id
    WHERE coalesce(a.user_verdict, a.verdict) IN ('partial', 'vague', 'missing') {questions}
    GROUP BY q.inquiry_id
) u ON u.inquiry_id = i.id
LEFT JOIN (
    SELECT parent_id, count(*) AS open FROM inquiry
    WHERE parent_id IS NOT NULL AND deleted_at IS NULL AND status IN ('draft', 'submitted') {parents}
    GROUP BY parent_id
) f ON f.parent_id = i.id
"""


_STATUSES = {str(s): s for s in Status}  # dict lookups: Enum() calls are slow for 10 000 rows
_KINDS = {str(k): k for k in InquiryKind}


def _status(value: str) -> Status:
    return _STATUSES.get(value, Status.DRAFT)


def _kind(value: str) -> InquiryKind:
    return _KINDS.get(value, InquiryKind.ANFRAGE)


def _rows(cursor: Iterable[tuple[Any, ...]]) -> list[InquiryRow]:
    """Tuples of _ROW_SQL to rows. Plain tuples and a date memo: 10 000 rows at start-up."""
    dates: dict[Any, Any] = {None: None}

    def day(value: Any) -> Any:
        if value not in dates:
            dates[value] = to_date(value)
        return dates[value]

    out = []
    for (
        id_, reference, title, body_id, body_name, name, office, submitted, due, status, kind,
        parent_id, answered, unclear, unconfirmed, open_followups,
    ) in cursor:  # fmt: skip
        out.append(
            InquiryRow(
                id=id_,
                reference=reference,
                title=title,
                body_id=body_id,
                body_name=body_name,
                addressee=f"{name}, {office}" if name and office else (name or office),
                submitted_on=day(submitted),
                due_on=day(due),
                status=_status(status),
                kind=_kind(kind),
                parent_id=parent_id,
                answered_on=day(answered),
                unclear_count=int(unclear),
                unconfirmed_letters=int(unconfirmed),
                open_followups=int(open_followups),
            )
        )
    return out


def list_rows(
    db: Database, ids: Iterable[int] | None = None, deleted: bool = False
) -> list[InquiryRow]:
    """All live inquiries (or the Papierkorb, or just ``ids``) for the list view, one query.

    The per-inquiry summaries are limited to the rows asked for: refreshing one row after an
    autosave must not aggregate the letters and answers of 10 000 inquiries.
    """
    where = "i.deleted_at IS NOT NULL" if deleted else "i.deleted_at IS NULL"
    params: list[Any] = []
    scope = ""
    scope_params: list[Any] = []
    if ids is not None:
        id_list = list(ids)
        if not id_list:
            return []
        scope = f"IN ({','.join('?' * len(id_list))})"
        scope_params = id_list
    elif deleted:
        scope = "IN (SELECT id FROM inquiry WHERE deleted_at IS NOT NULL)"
    if scope:
        where += f" AND i.id {scope}"
        params = scope_params * 4
    summaries = _ROW_SQL.format(
        letters=f"AND inquiry_id {scope}" if scope else "",
        questions=f"AND q.inquiry_id {scope}" if scope else "",
        parents=f"AND parent_id {scope}" if scope else "",
    )
    sql = (
        f"{summaries} WHERE {where} ORDER BY coalesce(i.submitted_on, i.drafted_on) DESC, i.id DESC"
    )
    return _rows(db.execute(sql, params))


def _inquiry_values(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "title": inquiry.title,
        "body_id": inquiry.body_id,
        "kind": str(inquiry.kind),
        "addressee_name": inquiry.addressee_name,
        "addressee_office": inquiry.addressee_office,
        "addressee_address": inquiry.addressee_address,
        "faction": inquiry.faction,
        "signatories": from_list(inquiry.signatories),
        "preamble": inquiry.preamble,
        "drafted_on": from_date(inquiry.drafted_on),
        "submitted_on": from_date(inquiry.submitted_on),
        "due_on": from_date(inquiry.due_on),
        "due_manual": int(inquiry.due_manual),
        "reference": inquiry.reference,
        "status": str(inquiry.status),
        "parent_id": inquiry.parent_id,
        "updated": now_iso(),
    }


def get_questions(db: Database, inquiry_id: int) -> tuple[Question, ...]:
    rows = db.query(
        "SELECT id, label, text, position FROM question WHERE inquiry_id = ? ORDER BY position",
        [inquiry_id],
    )
    return tuple(Question(r["id"], r["label"], r["text"], r["position"]) for r in rows)


def get_inquiry(db: Database, inquiry_id: int) -> Inquiry | None:
    rows = list(db.query("SELECT * FROM inquiry WHERE id = ?", [inquiry_id]))
    if not rows:
        return None
    r = rows[0]
    return Inquiry(
        id=r["id"],
        title=r["title"],
        body_id=r["body_id"],
        kind=_kind(r["kind"]),
        addressee_name=r["addressee_name"],
        addressee_office=r["addressee_office"],
        addressee_address=r["addressee_address"],
        faction=r["faction"],
        signatories=tuple(str(s) for s in to_list(r["signatories"])),
        preamble=r["preamble"],
        drafted_on=to_date(r["drafted_on"]),
        submitted_on=to_date(r["submitted_on"]),
        due_on=to_date(r["due_on"]),
        due_manual=bool(r["due_manual"]),
        reference=r["reference"],
        status=_status(r["status"]),
        parent_id=r["parent_id"],
        questions=get_questions(db, inquiry_id),
        version=int(r["version"]),
    )


def is_deleted(db: Database, inquiry_id: int) -> bool:
    row = db.execute("SELECT deleted_at FROM inquiry WHERE id = ?", [inquiry_id]).fetchone()
    return bool(row and row[0])


def insert_inquiry(db: Database, inquiry: Inquiry) -> int:
    """Insert an inquiry and its questions; the caller holds the transaction."""
    inquiry_id = new_id(db.table("inquiry").insert(_inquiry_values(inquiry)))
    replace_questions(db, inquiry_id, inquiry.questions, reindex=False)
    search.reindex_inquiry(db, inquiry_id)
    change_log.record(db, inquiry_id, "Angelegt")
    return inquiry_id


class StaleInquiry(Exception):
    """The inquiry was saved by someone else since ``expected_version`` was read."""


FIELD_LABELS = {
    "title": "Titel",
    "body_id": "Gremium",
    "kind": "Art",
    "addressee_name": "Adressat",
    "addressee_office": "Dienststelle",
    "addressee_address": "Anschrift",
    "faction": "Fraktion",
    "signatories": "Unterzeichnende",
    "preamble": "Vortext",
    "drafted_on": "Datum",
    "submitted_on": "Eingereicht am",
    "due_on": "Frist",
    "reference": "Drucksache",
    "status": "Status",
    "parent_id": "Bezug",
}


def update_inquiry(db: Database, inquiry: Inquiry, expected_version: int | None = None) -> None:
    """Update fields and questions; questions keep their ids so answers stay linked.

    With ``expected_version`` the row is written only if it still has that version (the
    caller's transaction is then left to roll back: StaleInquiry). What changed goes into
    the change log.
    """
    assert inquiry.id is not None
    before = get_inquiry(db, inquiry.id)
    values = _inquiry_values(inquiry)
    sets = ", ".join(f"{column} = ?" for column in values)
    params: list[Any] = [*values.values(), inquiry.id]
    sql = f"UPDATE inquiry SET {sets} WHERE id = ?"
    if expected_version is not None:
        sql += " AND version = ?"
        params.append(expected_version)
    if db.execute(sql, params).rowcount == 0 and expected_version is not None:
        raise StaleInquiry(inquiry.id)
    replace_questions(db, inquiry.id, inquiry.questions, reindex=False)
    search.reindex_inquiry(db, inquiry.id)
    if before is not None:
        changed = [
            label
            for column, label in FIELD_LABELS.items()
            if _inquiry_values(before)[column] != values[column]
        ]
        if [(q.label, q.text) for q in before.questions] != [
            (q.label, q.text) for q in inquiry.questions
        ]:
            changed.append("Fragen")
        if changed:
            change_log.record(db, inquiry.id, "Geändert: " + ", ".join(changed))


def replace_questions(
    db: Database, inquiry_id: int, questions: Sequence[Question], reindex: bool = True
) -> tuple[int, ...]:
    """Make the stored questions equal ``questions``: update by id, insert new, delete gone."""
    existing = {q.id for q in get_questions(db, inquiry_id)}
    kept: list[int] = []
    stamp = now_iso()
    for position, q in enumerate(questions):
        values = {"label": q.label, "text": q.text, "position": position, "updated": stamp}
        if q.id is not None and q.id in existing:
            db.table("question").update(q.id, values)
            kept.append(q.id)
        else:
            values["inquiry_id"] = inquiry_id
            kept.append(new_id(db.table("question").insert(values)))
    gone = existing - set(kept)
    for qid in gone:
        db.execute("DELETE FROM question WHERE id = ?", [qid])
    if reindex:
        search.reindex_inquiry(db, inquiry_id)
    return tuple(kept)


def set_status(db: Database, inquiry_id: int, status: Status) -> None:
    db.execute(
        "UPDATE inquiry SET status = ?, updated = ? WHERE id = ?",
        [str(status), now_iso(), inquiry_id],
    )
    change_log.record(db, inquiry_id, f"Status: {status.label}")


def set_due(db: Database, inquiry_id: int, due: str | None, manual: bool) -> None:
    db.execute(
        "UPDATE inquiry SET due_on = ?, due_manual = ?, updated = ? WHERE id = ?",
        [due, int(manual), now_iso(), inquiry_id],
    )


def move_to_trash(db: Database, inquiry_id: int) -> None:
    db.execute(
        "UPDATE inquiry SET deleted_at = ?, updated = ? WHERE id = ?",
        [now_iso(), now_iso(), inquiry_id],
    )
    search.remove_inquiry(db, inquiry_id)
    change_log.record(db, inquiry_id, "In den Papierkorb gelegt")


def restore_from_trash(db: Database, inquiry_id: int) -> None:
    db.execute(
        "UPDATE inquiry SET deleted_at = NULL, updated = ? WHERE id = ?", [now_iso(), inquiry_id]
    )
    search.reindex_inquiry(db, inquiry_id)
    change_log.record(db, inquiry_id, "Aus dem Papierkorb geholt")


def purge(db: Database, inquiry_id: int) -> None:
    """Delete for good (from the Papierkorb): questions, letters and answers go with it."""
    search.remove_inquiry(db, inquiry_id)
    db.execute("DELETE FROM inquiry WHERE id = ?", [inquiry_id])


def children(db: Database, inquiry_id: int) -> list[int]:
    rows = db.execute(
        "SELECT id FROM inquiry WHERE parent_id = ? AND deleted_at IS NULL ORDER BY id",
        [inquiry_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def count_live(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM inquiry WHERE deleted_at IS NULL").fetchone()[0])


def submitted_for_body(db: Database, body_id: int) -> list[tuple[int, str, int]]:
    """(id, submitted_on, due_manual) of submitted inquiries of a body, for due-date updates."""
    rows = db.execute(
        "SELECT id, submitted_on, due_manual FROM inquiry "
        "WHERE body_id = ? AND submitted_on IS NOT NULL AND deleted_at IS NULL",
        [body_id],
    ).fetchall()
    return [(int(r[0]), str(r[1]), int(r[2])) for r in rows]
