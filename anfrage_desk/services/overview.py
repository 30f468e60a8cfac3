"""What the administration owes: the overview tiles and the overdue list.

A tile is a named predicate over list rows, so the same definition counts the tile and filters
the list that clicking it opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from anfrage_desk.model import InquiryKind, InquiryRow, Status
from anfrage_desk.store import Database, inquiries

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    hint: str
    matches: Callable[[InquiryRow, date], bool]


def _overdue(row: InquiryRow, today: date) -> bool:
    return row.is_overdue(today)


def _due_soon(row: InquiryRow, today: date) -> bool:
    return (
        row.status == Status.SUBMITTED
        and row.due_on is not None
        and today <= row.due_on <= today + timedelta(days=DUE_SOON_DAYS)
    )


def _to_review(row: InquiryRow, today: date) -> bool:
    return row.unconfirmed_letters > 0


def _unclear_without_followup(row: InquiryRow, today: date) -> bool:
    return row.unclear_count > 0 and row.status == Status.ANSWERED


def _open_followups(row: InquiryRow, today: date) -> bool:
    """A Nachfrage the administration has received and not answered (a draft is not open yet)."""
    return row.kind == InquiryKind.NACHFRAGE and row.status == Status.SUBMITTED


TILES: tuple[Tile, ...] = (
    Tile("overdue", "Überfällig", "Eingereicht, Frist abgelaufen, keine Antwort", _overdue),
    Tile(
        "due_soon",
        "Fällig in den nächsten 7 Tagen",
        "Eingereicht, die Frist endet in den nächsten sieben Tagen",
        _due_soon,
    ),
    Tile("to_review", "Antworten zu prüfen", "Erfasst, aber noch nicht bestätigt", _to_review),
    Tile(
        "unclear",
        "Unklare Antworten ohne Nachfrage",
        "Beantwortet, mindestens eine Antwort unklar, noch nicht nachgefragt",
        _unclear_without_followup,
    ),
    Tile(
        "open_followups",
        "Offene Nachfragen",
        "Eingereichte Nachfragen ohne Antwort",
        _open_followups,
    ),
)
TILE_BY_KEY = {tile.key: tile for tile in TILES}


def tile_counts(rows: list[InquiryRow], today: date) -> dict[str, int]:
    return {tile.key: sum(1 for r in rows if tile.matches(r, today)) for tile in TILES}


def days_overdue(row: InquiryRow, today: date) -> int:
    """Days since the due date passed; 0 when the inquiry is not overdue."""
    if not row.is_overdue(today) or row.due_on is None:
        return 0
    return (today - row.due_on).days


def overdue_among(rows: Iterable[InquiryRow], today: date) -> list[tuple[InquiryRow, int]]:
    """Overdue rows with their days late, most overdue first (pure, for rows already loaded)."""
    out = [(r, days_overdue(r, today)) for r in rows if r.is_overdue(today)]
    return sorted(out, key=lambda pair: (-pair[1], pair[0].id))


def overdue_rows(db: Database, today: date) -> list[tuple[InquiryRow, int]]:
    """Overdue inquiries with their days late, most overdue first."""
    return overdue_among(inquiries.list_rows(db), today)


def reminders_sent(db: Database) -> dict[int, date]:
    """Inquiry id -> the day its latest Erinnerung was written."""
    from anfrage_desk.store import followups

    out: dict[int, date] = {}
    for inquiry_id, created in followups.last_reminders(db).items():
        try:
            out[inquiry_id] = date.fromisoformat(created[:10])
        except ValueError:
            continue
    return out
