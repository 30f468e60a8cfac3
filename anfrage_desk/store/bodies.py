"""Councils and parliaments (Gremien) with their deadline rule and meeting dates."""

from __future__ import annotations

from typing import Any

from anfrage_desk.model import Body, BodyKind, DeadlineRule
from anfrage_desk.store.convert import from_date, from_list, to_date, to_list
from anfrage_desk.store.db import Database, new_id, now_iso


def _from_row(row: dict[str, Any]) -> Body:
    try:
        kind = BodyKind(row["kind"])
    except ValueError:
        kind = BodyKind.RAT
    dates = tuple(d for d in (to_date(v) for v in to_list(row["meeting_dates"])) if d)
    return Body(
        id=row["id"],
        name=row["name"],
        kind=kind,
        address=row["address"],
        rule=DeadlineRule(unit=row["rule_unit"], amount=int(row["rule_amount"])),
        holiday_region=row["holiday_region"],
        meeting_dates=tuple(sorted(dates)),
    )


def _values(body: Body) -> dict[str, Any]:
    return {
        "name": body.name,
        "kind": str(body.kind),
        "address": body.address,
        "rule_unit": body.rule.unit,
        "rule_amount": body.rule.amount,
        "holiday_region": body.holiday_region,
        "meeting_dates": from_list(from_date(d) for d in sorted(body.meeting_dates)),
        "updated": now_iso(),
    }


def list_bodies(db: Database) -> list[Body]:
    return [_from_row(r) for r in db.query("SELECT * FROM body ORDER BY lower(name), id")]


def get_body(db: Database, body_id: int) -> Body | None:
    rows = list(db.query("SELECT * FROM body WHERE id = ?", [body_id]))
    return _from_row(rows[0]) if rows else None


def find_by_name(db: Database, name: str) -> Body | None:
    rows = list(db.query("SELECT * FROM body WHERE lower(name) = lower(?) ORDER BY id", [name]))
    return _from_row(rows[0]) if rows else None


def save_body(db: Database, body: Body) -> int:
    """Insert or update; returns the id."""
    values = _values(body)
    if body.id is None:
        return new_id(db.table("body").insert(values))
    db.table("body").update(body.id, values)
    return body.id


def delete_body(db: Database, body_id: int) -> None:
    db.execute("DELETE FROM body WHERE id = ?", [body_id])


def inquiry_count(db: Database, body_id: int) -> int:
    row = db.execute(
        "SELECT count(*) FROM inquiry WHERE body_id = ? AND deleted_at IS NULL", [body_id]
    ).fetchone()
    return int(row[0])
