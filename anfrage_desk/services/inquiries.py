"""Use cases around inquiries: create, autosave, submit, delete and restore, bodies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from anfrage_desk import deadlines
from anfrage_desk.model import Body, DeadlineRule, Inquiry, Question, Status
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.store import Database, bodies, inquiries
from anfrage_desk.textclean import clean_text

MAX_FIELD_CHARS = 200_000


def _clean(text: str) -> str:
    return clean_text(text)[:MAX_FIELD_CHARS]


def sanitize(inquiry: Inquiry) -> Inquiry:
    """Strip characters that XML and SQLite reject; cap absurdly long fields."""
    return replace(
        inquiry,
        title=_clean(inquiry.title).replace("\n", " ").strip(),
        addressee_name=_clean(inquiry.addressee_name),
        addressee_office=_clean(inquiry.addressee_office),
        addressee_address=_clean(inquiry.addressee_address),
        faction=_clean(inquiry.faction),
        signatories=tuple(_clean(s) for s in inquiry.signatories if s.strip()),
        preamble=_clean(inquiry.preamble),
        reference=_clean(inquiry.reference).strip(),
        questions=tuple(
            replace(q, label=_clean(q.label).strip() or str(i + 1), text=_clean(q.text))
            for i, q in enumerate(inquiry.questions)
        ),
    )


def compute_due(db: Database, inquiry: Inquiry) -> date | None:
    """The due date from the body's rule, unless the user set one by hand."""
    if inquiry.due_manual:
        return inquiry.due_on
    if inquiry.submitted_on is None:
        return None
    body = bodies.get_body(db, inquiry.body_id) if inquiry.body_id else None
    if body is None:
        return deadlines.due_date(inquiry.submitted_on, DeadlineRule())
    return deadlines.due_date(
        inquiry.submitted_on, body.rule, body.holiday_region, body.meeting_dates
    )


def create_inquiry(db: Database, draft: Inquiry) -> tuple[int, Changes]:
    draft = sanitize(draft)
    if draft.drafted_on is None:
        draft = replace(draft, drafted_on=today())
    with db.atomic():
        draft = replace(draft, due_on=compute_due(db, draft))
        inquiry_id = inquiries.insert_inquiry(db, draft)
    return inquiry_id, Changes.of(inquiry_id)


def save_inquiry(db: Database, inquiry: Inquiry) -> Changes:
    """Autosave from the editor: fields and questions, due date recomputed."""
    inquiry_id = inquiry.id
    if inquiry_id is None:
        raise ServiceError("Die Anfrage wurde noch nicht angelegt.")
    inquiry = sanitize(inquiry)
    with db.atomic():
        if inquiries.get_inquiry(db, inquiry_id) is None:
            raise ServiceError("Die Anfrage existiert nicht mehr.")
        inquiry = replace(inquiry, due_on=compute_due(db, inquiry))
        inquiries.update_inquiry(db, inquiry)
    return Changes.of(inquiry_id)


def load_inquiry(db: Database, inquiry_id: int) -> Inquiry:
    inquiry = inquiries.get_inquiry(db, inquiry_id)
    if inquiry is None:
        raise ServiceError(f"Es gibt keine Anfrage mit der Nummer {inquiry_id}.")
    return inquiry


def submit_inquiry(db: Database, inquiry_id: int, submitted_on: date) -> Changes:
    """Einreichen: set the submitted date, compute the due date, status Eingereicht.

    The letter went out that day, so its date ("Datum" in the form, the letter, the file
    name) becomes the submission date too: one date, not two that disagree."""
    with db.atomic():
        inquiry = load_inquiry(db, inquiry_id)
        if not inquiry.questions:
            raise ServiceError("Eine Anfrage ohne Fragen kann nicht eingereicht werden.")
        status = inquiry.status if inquiry.status != Status.DRAFT else Status.SUBMITTED
        updated = replace(
            inquiry, submitted_on=submitted_on, drafted_on=submitted_on, status=status
        )
        updated = replace(updated, due_on=compute_due(db, updated))
        inquiries.update_inquiry(db, updated)
    return Changes.of(inquiry_id)


def set_due_manually(db: Database, inquiry_id: int, due: date | None) -> Changes:
    """A due date set by hand overrides the rule; None goes back to the rule."""
    with db.atomic():
        inquiry = load_inquiry(db, inquiry_id)
        updated = replace(inquiry, due_on=due, due_manual=due is not None)
        updated = replace(updated, due_on=compute_due(db, updated))
        inquiries.update_inquiry(db, updated)
    return Changes.of(inquiry_id)


def set_status(db: Database, inquiry_id: int, status: Status) -> Changes:
    with db.atomic():
        load_inquiry(db, inquiry_id)
        inquiries.set_status(db, inquiry_id, status)
    return Changes.of(inquiry_id)


def mark_done(db: Database, ids: list[int]) -> Changes:
    """Erledigt: nothing more is expected from the administration on these inquiries."""
    with db.atomic():
        for inquiry_id in ids:
            load_inquiry(db, inquiry_id)
            inquiries.set_status(db, inquiry_id, Status.DONE)
    return Changes(inquiries=frozenset(ids))


def reopen(db: Database, ids: list[int]) -> Changes:
    """Undo Erledigt: back to the status the inquiry's history gives."""
    from anfrage_desk.store import answers, followups

    with db.atomic():
        for inquiry_id in ids:
            inquiry = load_inquiry(db, inquiry_id)
            if inquiry.status != Status.DONE:
                continue
            if any(f.child_inquiry_id for f in followups.followups_for(db, inquiry_id)):
                status = Status.FOLLOWED_UP
            elif answers.letters_for(db, inquiry_id):
                status = Status.ANSWERED
            elif inquiry.submitted_on is not None:
                status = Status.SUBMITTED
            else:
                status = Status.DRAFT
            inquiries.set_status(db, inquiry_id, status)
    return Changes(inquiries=frozenset(ids))


def discard_if_untouched(db: Database, inquiry_id: int) -> Changes:
    """Drop a draft the user created (Strg+N) but never wrote anything into.

    Prefilled sender and addressee fields do not count: no title, no preamble and no question
    text means nothing typed can be lost.
    """
    with db.atomic():
        inquiry = inquiries.get_inquiry(db, inquiry_id)
        if (
            inquiry is None
            or inquiry.status != Status.DRAFT
            or inquiry.title.strip()
            or inquiry.preamble.strip()
            or any(q.text.strip() for q in inquiry.questions)
            or inquiries.children(db, inquiry_id)
        ):
            return Changes()
        inquiries.purge(db, inquiry_id)
    return Changes.of(inquiry_id)


def trash_inquiries(db: Database, ids: list[int]) -> Changes:
    """Move to the Papierkorb (undoable)."""
    with db.atomic():
        for inquiry_id in ids:
            inquiries.move_to_trash(db, inquiry_id)
    return Changes(inquiries=frozenset(ids))


def restore_inquiries(db: Database, ids: list[int]) -> Changes:
    with db.atomic():
        for inquiry_id in ids:
            inquiries.restore_from_trash(db, inquiry_id)
    return Changes(inquiries=frozenset(ids))


def purge_inquiries(db: Database, ids: list[int]) -> Changes:
    with db.atomic():
        for inquiry_id in ids:
            inquiries.purge(db, inquiry_id)
    return Changes(inquiries=frozenset(ids))


def save_body(db: Database, body: Body) -> tuple[int, Changes]:
    """Insert/update a body and recompute the due dates of its submitted inquiries."""
    name = clean_text(body.name).strip()
    if not name:
        raise ServiceError("Bitte geben Sie einen Namen für das Gremium ein.")
    if body.rule.unit not in deadlines.UNITS:
        raise ServiceError("Unbekannte Fristregel.")
    if body.rule.unit != "next_meeting" and not 0 < body.rule.amount <= 365:
        raise ServiceError("Die Frist muss zwischen 1 und 365 liegen.")
    body = replace(body, name=name, address=clean_text(body.address))
    changed: set[int] = set()
    with db.atomic():
        other = bodies.find_by_name(db, name)
        if other is not None and other.id != body.id:
            raise ServiceError(f"Ein Gremium „{name}“ gibt es schon.")
        body_id = bodies.save_body(db, body)
        for inquiry_id, _submitted, manual in inquiries.submitted_for_body(db, body_id):
            if manual:
                continue
            inquiry = load_inquiry(db, inquiry_id)
            due = compute_due(db, inquiry)
            if due != inquiry.due_on:
                inquiries.set_due(db, inquiry_id, due.isoformat() if due else None, False)
                changed.add(inquiry_id)
    return body_id, Changes(inquiries=frozenset(changed), bodies=True)


def delete_body(db: Database, body_id: int) -> Changes:
    with db.atomic():
        bodies.delete_body(db, body_id)
    return Changes(bodies=True, everything=True)


def ensure_body(db: Database, name: str) -> int:
    """The id of the body with that name, created with the default rule if new."""
    existing = bodies.find_by_name(db, name)
    if existing is not None and existing.id is not None:
        return existing.id
    body_id, _ = save_body(db, Body(None, name))
    return body_id


def inquiry_from_file(path: Path) -> Inquiry:
    """Read a text/DOCX file with a title line, preamble and numbered questions."""
    from anfrage_desk.importers import UnreadableFile, read_document
    from anfrage_desk.segment import parse_inquiry

    try:
        document = read_document(path)
    except UnreadableFile as exc:  # a German sentence already; the CLI and UI show ServiceError
        raise ServiceError(str(exc)) from exc
    if len(document.text) > MAX_FIELD_CHARS:
        raise ServiceError(
            f"„{path.name}“ ist für eine Anfrage viel zu lang. Bitte eine Datei wählen, die nur "
            "die Anfrage enthält (Titel, Begründung und Fragen)."
        )
    parsed = parse_inquiry(document.text)
    if not parsed.questions:
        raise ServiceError(f"In {path.name} wurden keine nummerierten Fragen gefunden.")
    questions = tuple(Question(None, q.label, q.text, i) for i, q in enumerate(parsed.questions))
    return Inquiry(
        None,
        parsed.title or path.stem,
        preamble=parsed.preamble,
        drafted_on=parsed.date,
        questions=questions,
    )
