"""Follow-ups: a Nachfrage (a linked child inquiry) or an Erinnerung (reminder letter)."""

from __future__ import annotations

from typing import Any

from anfrage_desk.model import Followup, FollowupKind
from anfrage_desk.store.convert import from_list, to_list
from anfrage_desk.store.db import Database, new_id


def _followup(r: dict[str, Any]) -> Followup:
    return Followup(
        id=r["id"],
        inquiry_id=r["inquiry_id"],
        kind=FollowupKind(r["kind"]),
        child_inquiry_id=r["child_inquiry_id"],
        answer_ids=tuple(int(x) for x in to_list(r["answer_ids"])),
        file_name=r["file_name"],
        created=r["created"],
    )


def insert_followup(db: Database, followup: Followup) -> int:
    values = {
        "inquiry_id": followup.inquiry_id,
        "child_inquiry_id": followup.child_inquiry_id,
        "kind": str(followup.kind),
        "answer_ids": from_list(followup.answer_ids),
        "file_name": followup.file_name,
    }
    return new_id(db.table("followup").insert(values))


def followups_for(db: Database, inquiry_id: int) -> list[Followup]:
    rows = db.query("SELECT * FROM followup WHERE inquiry_id = ? ORDER BY id", [inquiry_id])
    return [_followup(r) for r in rows]


def parent_followup(db: Database, child_inquiry_id: int) -> Followup | None:
    rows = list(db.query("SELECT * FROM followup WHERE child_inquiry_id = ?", [child_inquiry_id]))
    return _followup(rows[0]) if rows else None


def last_reminders(db: Database) -> dict[int, str]:
    """Inquiry id -> creation timestamp of its latest Erinnerung (one query for all)."""
    rows = db.query(
        "SELECT inquiry_id, max(created) AS sent FROM followup WHERE kind = ? GROUP BY inquiry_id",
        [str(FollowupKind.ERINNERUNG)],
    )
    return {int(r["inquiry_id"]): str(r["sent"]) for r in rows}
