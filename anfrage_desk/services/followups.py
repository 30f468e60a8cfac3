"""Follow-ups: a Nachfrage for answers that are not clear, an Erinnerung for overdue inquiries.

A Nachfrage is stored as a new inquiry (kind Nachfrage) linked to its parent, with its own
questions, deadline and later answers: the loop continues. Texts come from the editable
templates in ``anfrage_desk/resources/letters/nachfrage.ini``; the Erinnerung lives in
``reminders.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from anfrage_desk import letters
from anfrage_desk.model import (
    Answer,
    Followup,
    FollowupKind,
    Inquiry,
    InquiryKind,
    Question,
    Reason,
    Status,
    Verdict,
)
from anfrage_desk.services import drafting
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.services.followup_texts import _de, _fill, _with_reference, templates
from anfrage_desk.services.reminders import (  # the Erinnerung, re-exported for callers
    REMINDER_GRACE_DAYS,
    ReminderNotNeeded,
    default_reminder_name,
    export_reminder,
    export_reminders,
    free_path,
    reminder_due,
    reminder_needed,
    reminder_spec,
)
from anfrage_desk.store import Database, answers, followups, inquiries
from anfrage_desk.textclean import clean_text

__all__ = [
    "REMINDER_GRACE_DAYS",
    "DraftItem",
    "ReminderNotNeeded",
    "create_followup",
    "default_followup_name",
    "default_reminder_name",
    "draft_followup",
    "existing_followup",
    "export_followup",
    "export_followup_for_unclear",
    "export_letter",
    "letter_spec",
    "export_reminder",
    "export_reminders",
    "followup_letter_spec",
    "followup_links",
    "free_path",
    "reminder_due",
    "reminder_needed",
    "reminder_spec",
    "templates",
]


# Reason codes of the assessment, most specific first, mapped to template sections.
_CODE_ORDER = (
    "missing",
    "empty",
    "reference_to_unclear",
    "reference",
    "refusal",
    "secrecy",
    "no_date",
    "no_number",
    "no_breakdown",
    "no_actor",
    "yes_no_missing",
    "no_position",
    "no_measures",
    "reason_missing",
    "part_missing",
    "deferral",
    "unavailable",
    "competence",
    "elsewhere",
    "hedge",
    "joint_answer",
)
# Codes that share another code's template.
_SAME_TEXT = {"part_skipped": "part_missing", "parts_open": "part_missing"}


@dataclass(frozen=True)
class DraftItem:
    """One question of the parent inquiry as shown in the Nachfrage dialog."""

    question_id: int
    label: str
    question: str
    answer_id: int | None
    answer: str | None
    verdict: Verdict | None
    reasons: tuple[Reason, ...]
    refers_to: str | None
    selected: bool
    text: str


def template_section(reasons: Sequence[Reason], verdict: Verdict | None) -> str:
    """Which template fits: the most specific reason code that has a section."""
    parser = templates()
    codes = [_SAME_TEXT.get(r.code, r.code) for r in reasons if not r.gives]
    if verdict == Verdict.MISSING and "missing" not in codes:
        codes.insert(0, "missing")
    for code in _CODE_ORDER:
        if any(c == code or c.startswith(code) for c in codes) and parser.has_section(code):
            return code
    for code in codes:
        if parser.has_section(code):
            return code
    return "default"


def draft_question(
    label: str,
    question: str,
    reasons: Sequence[Reason],
    verdict: Verdict | None,
    refers_to: str | None,
) -> str:
    section = template_section(reasons, verdict)
    text = templates().get(section, "text", fallback=templates().get("default", "text"))
    return _fill(text, label=label, question=" ".join(question.split()), refers_to=refers_to or "?")


def draft_followup(db: Database, inquiry_id: int) -> list[DraftItem]:
    """Every question with its latest answer; answers not clear are pre-selected and drafted."""
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    latest = answers.latest_answers(db, inquiry_id)
    if not latest:
        raise ServiceError("Zu dieser Anfrage ist noch keine Antwort erfasst.")
    items = []
    for q in inquiry.questions:
        assert q.id is not None
        a = latest.get(q.id)
        verdict = a.effective_verdict if a else Verdict.MISSING
        reasons = a.reasons if a else ()
        refers_to = a.refers_to if a else None
        items.append(
            DraftItem(
                question_id=q.id,
                label=q.label,
                question=q.text,
                answer_id=a.id if a else None,
                answer=a.text if a else None,
                verdict=verdict,
                reasons=reasons,
                refers_to=refers_to,
                selected=verdict is not None and verdict != Verdict.CLEAR,
                text=draft_question(q.label, q.text, reasons, verdict, refers_to),
            )
        )
    return items


def create_followup(
    db: Database, inquiry_id: int, items: Sequence[DraftItem], out: Path | None = None
) -> tuple[int, Changes]:
    """Store the Nachfrage as a linked child inquiry; optionally export its letter to ``out``."""
    chosen = [i for i in items if i.selected]
    if not chosen:
        raise ServiceError("Bitte wählen Sie mindestens eine Frage für die Nachfrage aus.")
    if any(not clean_text(i.text).strip() for i in chosen):
        raise ServiceError("Eine ausgewählte Nachfrage hat keinen Text.")
    parent = inquiry_service.load_inquiry(db, inquiry_id)
    letter_list = answers.letters_for(db, inquiry_id)
    answer_date = (
        letter_list[-1].letter_date or letter_list[-1].received_on if letter_list else None
    )
    questions = tuple(
        Question(None, str(n), clean_text(i.text).strip(), n - 1) for n, i in enumerate(chosen, 1)
    )
    child = Inquiry(
        None,
        f"Nachfrage: {parent.title}",
        body_id=parent.body_id,
        kind=InquiryKind.NACHFRAGE,
        addressee_name=parent.addressee_name,
        addressee_office=parent.addressee_office,
        addressee_address=parent.addressee_address,
        faction=parent.faction,
        signatories=parent.signatories,
        preamble=_fill(
            templates().get("letter", "intro"),
            answer_date=_de(answer_date),
            inquiry_date=_de(parent.submitted_on or parent.drafted_on),
        ),
        drafted_on=today(),
        reference=parent.reference,
        parent_id=inquiry_id,
        questions=questions,
    )
    answer_ids = tuple(i.answer_id or 0 for i in chosen)
    # One transaction: if the letter cannot be written, no half-made Nachfrage remains.
    with db.atomic():
        child_id, changes = inquiry_service.create_inquiry(db, child)
        followups.insert_followup(
            db,
            Followup(
                None,
                inquiry_id,
                FollowupKind.NACHFRAGE,
                child_inquiry_id=child_id,
                answer_ids=answer_ids,
                file_name=out.name if out else None,
            ),
        )
        inquiries.set_status(db, inquiry_id, Status.FOLLOWED_UP)
        if out is not None:
            export_followup(db, child_id, out)
    return child_id, changes | Changes.of(inquiry_id, child_id)


def followup_letter_spec(db: Database, child_id: int) -> letters.LetterSpec:
    """The Nachfrage letter: quotes each original question and answer, then asks again."""
    child = inquiry_service.load_inquiry(db, child_id)
    link = followups.parent_followup(db, child_id)
    if child.parent_id is None or link is None:
        raise ServiceError("Diese Anfrage ist keine Nachfrage.")
    parent = inquiry_service.load_inquiry(db, child.parent_id)
    parent_questions = {q.id: q for q in parent.questions}
    base = drafting.inquiry_letter_spec(db, child_id)
    parser = templates()
    letter_list = answers.letters_for(db, parent.id or 0)
    last = letter_list[-1] if letter_list else None
    answer_date = (last.letter_date or last.received_on) if last else None
    blocks: list[letters.Block] = [letters.Paragraph(child.preamble)] if child.preamble else []
    rows: list[_Row] = []
    for question, answer_id in zip(child.questions, link.answer_ids, strict=False):
        answer = answers.get_answer(db, answer_id) if answer_id else None
        original = parent_questions.get(answer.question_id) if answer else None
        rows.append((question, answer, original))
    # A joint answer to several of the asked questions is quoted once, below their questions.
    for group in _joint_groups(rows):
        quoted = [(a, o) for _, a, o in group if o is not None]
        for _, original in quoted:
            blocks.append(
                letters.Quote(
                    original.text,
                    _fill(parser.get("letter", "question_source"), label=original.label),
                )
            )
        if quoted:
            answer = quoted[0][0]
            source = parser.get("letter", "answer_source")
            if len(quoted) > 1:
                labels = " und ".join(o.label for _, o in quoted)
                joint = parser.get(
                    "letter", "joint_answer_source", fallback="Ihre Antwort zu den Fragen {labels}"
                )
                source = _fill(joint, labels=labels)
            blocks.append(
                letters.Quote(
                    answer.text
                    if answer and answer.text
                    else parser.get("letter", "missing_answer"),
                    source,
                )
            )
        for question, _, _ in group:
            blocks.append(letters.NumberedItem(question.label, question.text))
    if child.due_on:
        blocks.append(
            letters.Paragraph(_fill(parser.get("letter", "outro"), due=_de(child.due_on)))
        )
    info = [
        ("Ihr Zeichen", last.reference if last else ""),
        ("Ihre Nachricht vom", _de(answer_date) if answer_date else ""),
    ]
    info += [row for row in base.info if row[0] not in ("Ihr Zeichen", "Ihre Nachricht vom")]
    return replace(
        base,
        title=f"Nachfrage – {parent.title}",
        subject=_with_reference(
            db, parent, _fill(parser.get("letter", "subject"), title=parent.title)
        ),
        info=tuple(info),
        blocks=tuple(blocks),
    )


_Row = tuple[Question, Answer | None, Question | None]  # asked again, its answer, the original


def _joint_groups(rows: list[_Row]) -> list[list[_Row]]:
    """Consecutive rows whose answers are one joint answer (same text, marked joint)."""
    groups: list[list[_Row]] = []
    for row in rows:
        _, answer, original = row
        if groups and answer is not None and original is not None:
            _, prev, prev_original = groups[-1][-1]
            if (
                prev is not None
                and prev_original is not None
                and prev_original.label in answer.joint_with
                and prev.text == answer.text
            ):
                groups[-1].append(row)
                continue
        groups.append([row])
    return groups


def export_followup(db: Database, child_id: int, out: Path) -> Path:
    spec = followup_letter_spec(db, child_id)
    try:
        return letters.build_letter(spec, out, drafting.letterhead_path(db))
    except letters.LetterError as exc:
        raise ServiceError(str(exc)) from exc


def existing_followup(db: Database, inquiry_id: int, items: Sequence[DraftItem]) -> int | None:
    """The Nachfrage (not in the Papierkorb) already made for exactly these answers."""
    wanted = {i.answer_id or 0 for i in items if i.selected}
    for link in followups.followups_for(db, inquiry_id):
        child = link.child_inquiry_id
        same = link.kind == FollowupKind.NACHFRAGE and set(link.answer_ids) == wanted
        if same and child and not inquiries.is_deleted(db, child):
            return child
    return None


def export_letter(db: Database, inquiry_id: int, out: Path) -> Path:
    """The letter of any inquiry: a Nachfrage quotes the questions and answers it follows up."""
    if followups.parent_followup(db, inquiry_id) is not None:
        return export_followup(db, inquiry_id, out)
    return drafting.export_inquiry_letter(db, inquiry_id, out)


def letter_spec(db: Database, inquiry_id: int) -> letters.LetterSpec:
    if followups.parent_followup(db, inquiry_id) is not None:
        return followup_letter_spec(db, inquiry_id)
    return drafting.inquiry_letter_spec(db, inquiry_id)


def export_followup_for_unclear(db: Database, inquiry_id: int, out: Path) -> Path:
    """Headless: a Nachfrage for every answer that is not clear, exported to ``out``.

    Run twice, it exports the Nachfrage made the first time instead of a second draft."""
    items = draft_followup(db, inquiry_id)
    if not any(i.selected for i in items):
        raise ServiceError("Alle Antworten dieser Anfrage sind klar; es gibt nichts nachzufragen.")
    child_id = existing_followup(db, inquiry_id, items)
    if child_id is None:
        create_followup(db, inquiry_id, items, out)
    else:
        export_followup(db, child_id, out)
    return out


def default_followup_name(db: Database, inquiry_id: int) -> str:
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    return letters.safe_filename(f"{today().isoformat()} Nachfrage {inquiry.title}")


def followup_links(db: Database, inquiry_id: int) -> tuple[int | None, list[Followup]]:
    """(parent inquiry id, follow-ups of this inquiry) for the links shown in the UI."""
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    return inquiry.parent_id, followups.followups_for(db, inquiry_id)
