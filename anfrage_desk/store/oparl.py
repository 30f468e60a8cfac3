"""Gremien connected to an OParl body, and the OParl paper behind an imported inquiry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anfrage_desk.store.db import Database, now_iso


@dataclass(frozen=True)
class Connection:
    """A Gremium (body_id) connected to its council's OParl body."""

    body_id: int
    body_name: str
    system_url: str
    body_url: str
    oparl_name: str
    paper_list_url: str
    checked_at: str | None


@dataclass(frozen=True)
class PaperLink:
    """The OParl paper an inquiry came from, with the files already taken from it."""

    inquiry_id: int
    paper_url: str
    body_url: str
    modified: str
    inquiry_file_url: str
    answer_file_url: str | None
    letter_id: int | None


@dataclass(frozen=True)
class WatchItem:
    """A submitted inquiry whose answer has not been published (or not been seen) yet."""

    inquiry_id: int
    body_id: int
    paper_url: str


_CONNECTION_SQL = """
SELECT o.body_id, b.name, o.system_url, o.body_url, o.oparl_name, o.paper_list_url, o.checked_at
FROM oparl_body o JOIN body b ON b.id = o.body_id
"""


def _connection(row: tuple[Any, ...]) -> Connection:
    return Connection(int(row[0]), *row[1:])


def connections(db: Database) -> list[Connection]:
    sql = _CONNECTION_SQL + " ORDER BY lower(b.name), b.id"
    return [_connection(r) for r in db.execute(sql).fetchall()]


def connection(db: Database, body_id: int) -> Connection | None:
    row = db.execute(_CONNECTION_SQL + " WHERE o.body_id = ?", [body_id]).fetchone()
    return _connection(row) if row else None


def connection_for_body_url(db: Database, body_url: str) -> Connection | None:
    row = db.execute(
        _CONNECTION_SQL + " WHERE o.body_url = ? ORDER BY o.body_id LIMIT 1", [body_url]
    ).fetchone()
    return _connection(row) if row else None


def has_connections(db: Database) -> bool:
    return db.execute("SELECT 1 FROM oparl_body LIMIT 1").fetchone() is not None


def connect(
    db: Database,
    body_id: int,
    system_url: str,
    body_url: str,
    oparl_name: str,
    paper_list_url: str,
) -> None:
    db.execute(
        "INSERT INTO oparl_body (body_id, system_url, body_url, oparl_name, paper_list_url) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(body_id) DO UPDATE SET system_url = excluded.system_url, "
        "body_url = excluded.body_url, oparl_name = excluded.oparl_name, "
        "paper_list_url = excluded.paper_list_url, checked_at = NULL, history_key = '', "
        "history_at = NULL, updated = ?",
        [body_id, system_url, body_url, oparl_name, paper_list_url, now_iso()],
    )


def disconnect(db: Database, body_id: int) -> None:
    db.execute("DELETE FROM oparl_body WHERE body_id = ?", [body_id])


def set_checked(db: Database, body_id: int, stamp: str) -> None:
    db.execute(
        "UPDATE oparl_body SET checked_at = ?, updated = ? WHERE body_id = ?",
        [stamp, now_iso(), body_id],
    )


def history_mark(db: Database, body_id: int) -> tuple[str, str | None]:
    """What the last complete history import of the Gremium asked for, and when it started."""
    row = db.execute(
        "SELECT history_key, history_at FROM oparl_body WHERE body_id = ?", [body_id]
    ).fetchone()
    return (str(row[0]), row[1]) if row else ("", None)


def set_history_mark(db: Database, body_id: int, key: str, stamp: str) -> None:
    db.execute(
        "UPDATE oparl_body SET history_key = ?, history_at = ?, updated = ? WHERE body_id = ?",
        [key, stamp, now_iso(), body_id],
    )


_LINK_SQL = (
    "SELECT inquiry_id, paper_url, body_url, modified, inquiry_file_url, answer_file_url, "
    "letter_id FROM oparl_paper"
)


def link_for_paper(db: Database, paper_url: str) -> PaperLink | None:
    row = db.execute(_LINK_SQL + " WHERE paper_url = ?", [paper_url]).fetchone()
    return PaperLink(*row) if row else None


def link_for_inquiry(db: Database, inquiry_id: int) -> PaperLink | None:
    row = db.execute(_LINK_SQL + " WHERE inquiry_id = ?", [inquiry_id]).fetchone()
    return PaperLink(*row) if row else None


def save_link(db: Database, link: PaperLink) -> None:
    db.execute(
        "INSERT INTO oparl_paper (inquiry_id, paper_url, body_url, modified, inquiry_file_url, "
        "answer_file_url, letter_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(inquiry_id) DO UPDATE SET paper_url = excluded.paper_url, "
        "body_url = excluded.body_url, modified = excluded.modified, "
        "inquiry_file_url = excluded.inquiry_file_url, answer_file_url = excluded.answer_file_url, "
        "letter_id = excluded.letter_id, updated = ?",
        [
            link.inquiry_id,
            link.paper_url,
            link.body_url,
            link.modified,
            link.inquiry_file_url,
            link.answer_file_url,
            link.letter_id,
            now_iso(),
        ],
    )


def watch_items(db: Database) -> list[WatchItem]:
    """Submitted, live inquiries of connected Gremien whose OParl answer was not taken yet."""
    rows = db.execute(
        "SELECT p.inquiry_id, i.body_id, p.paper_url FROM oparl_paper p "
        "JOIN inquiry i ON i.id = p.inquiry_id "
        "JOIN oparl_body o ON o.body_id = i.body_id "
        "WHERE p.answer_file_url IS NULL AND i.deleted_at IS NULL AND i.status = 'submitted' "
        "ORDER BY i.body_id, p.inquiry_id"
    ).fetchall()
    return [WatchItem(int(r[0]), int(r[1]), str(r[2])) for r in rows]


def unclear_answers(db: Database, letter_id: int) -> int:
    row = db.execute(
        "SELECT count(*) FROM answer WHERE letter_id = ? "
        "AND coalesce(user_verdict, verdict) IN ('partial', 'vague', 'missing')",
        [letter_id],
    ).fetchone()
    return int(row[0])
