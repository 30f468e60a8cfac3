"""The Erinnerung: a reminder letter for an overdue inquiry, one or many at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from anfrage_desk import deadlines, letters
from anfrage_desk.model import Followup, FollowupKind, Inquiry, Status
from anfrage_desk.progress import Progress
from anfrage_desk.services import drafting
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import ServiceError, today
from anfrage_desk.services.followup_texts import _de, _fill, _with_reference, templates
from anfrage_desk.store import Database, bodies, followups

REMINDER_GRACE_DAYS = 14


def reminder_due(db: Database, inquiry: Inquiry, now: date) -> date:
    """A new date for the answer: two weeks from today, moved to a working day."""
    body = bodies.get_body(db, inquiry.body_id) if inquiry.body_id else None
    region = body.holiday_region if body else "NW"
    return deadlines.next_working_day(now + timedelta(days=REMINDER_GRACE_DAYS), region)


class ReminderNotNeeded(ServiceError):
    """Not overdue, or already answered: information for the user, not an error."""


def reminder_needed(inquiry: Inquiry, now: date) -> bool:
    return (
        inquiry.status == Status.SUBMITTED
        and inquiry.due_on is not None
        and inquiry.is_overdue(now)
    )


def reminder_spec(db: Database, inquiry_id: int, now: date) -> letters.LetterSpec:
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    if inquiry.status != Status.SUBMITTED or inquiry.due_on is None:
        raise ReminderNotNeeded(
            f"„{inquiry.title}“ ist nicht eingereicht oder schon beantwortet; "
            "eine Erinnerung ist nicht nötig."
        )
    if not inquiry.is_overdue(now):
        raise ReminderNotNeeded(
            f"„{inquiry.title}“ ist noch nicht überfällig (fällig am {_de(inquiry.due_on)})."
        )
    parser = templates()
    days = deadlines.days_overdue(inquiry.due_on, now)
    values = {
        "title": inquiry.title,
        "inquiry_date": _de(inquiry.submitted_on),
        "due_old": _de(inquiry.due_on),
        "days": str(days),
        "due": _de(reminder_due(db, inquiry, now)),
    }
    base = drafting.inquiry_letter_spec(db, inquiry_id)
    blocks = (
        letters.Paragraph(_fill(parser.get("reminder", "text"), **values)),
        letters.Paragraph(_fill(parser.get("reminder", "request"), **values)),
    )
    # The same contact lines as the other letters, the reference, and which letter is meant.
    info = [row for row in base.info if row[0] != "Datum"]
    info += [("Unsere Anfrage vom", _de(inquiry.submitted_on)), ("Datum", _de(now))]
    return replace(
        base,
        title=f"Erinnerung – {inquiry.title}",
        subject=_with_reference(db, inquiry, _fill(parser.get("reminder", "subject"), **values)),
        info=tuple(info),
        blocks=blocks,
    )


def export_reminder(db: Database, inquiry_id: int, out: Path, today: date | None = None) -> Path:
    now = today or _today()
    spec = reminder_spec(db, inquiry_id, now)
    try:
        path = letters.build_letter(spec, out, drafting.letterhead_path(db))
    except letters.LetterError as exc:
        raise ServiceError(str(exc)) from exc
    with db.atomic():
        followups.insert_followup(
            db, Followup(None, inquiry_id, FollowupKind.ERINNERUNG, file_name=Path(out).name)
        )
    return path


def _today() -> date:
    return today()


def default_reminder_name(db: Database, inquiry_id: int) -> str:
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    return letters.safe_filename(f"{_today().isoformat()} Erinnerung {inquiry.title}")


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)``, ``name (3)`` … if taken: never overwrite silently."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def export_reminders(
    db_path: Path, inquiry_ids: Sequence[int], folder: Path, progress: Progress
) -> tuple[list[Path], list[str]]:
    """Batch (worker thread): one reminder per overdue inquiry into ``folder``.

    Returns the written files and a German line for each inquiry that was skipped.
    """
    from anfrage_desk.store import open_db

    if not folder.is_dir():
        raise ServiceError(f"Der Ordner {folder} existiert nicht.")
    db = open_db(db_path)
    written: list[Path] = []
    skipped: list[str] = []
    try:
        for done, inquiry_id in enumerate(inquiry_ids):
            progress.step(done, len(inquiry_ids))
            target = free_path(folder, default_reminder_name(db, inquiry_id))
            try:
                written.append(export_reminder(db, inquiry_id, target))
            except ServiceError as exc:
                skipped.append(str(exc))
                if not written and _is_write_problem(folder):
                    raise
        progress.step(len(inquiry_ids), len(inquiry_ids))
    finally:
        db.close()
    return written, skipped


def _is_write_problem(folder: Path) -> bool:
    import os

    return not os.access(folder, os.W_OK)
