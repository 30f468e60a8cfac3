"""The meeting brief (Sitzungsvorbereitung): what one body's administration still owes, as DOCX.

Three sections, each a table or list a faction can read out in its meeting: open and overdue
inquiries, answers that are not clear, follow-ups (Nachfragen) still waiting for an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from anfrage_desk import letters, words
from anfrage_desk.letters import Block, Heading, Paragraph, Table
from anfrage_desk.model import InquiryKind, InquiryRow, Status
from anfrage_desk.services import drafting
from anfrage_desk.services.common import ServiceError
from anfrage_desk.services.common import today as current_day
from anfrage_desk.services.overview import days_overdue
from anfrage_desk.store import Database, bodies, inquiries
from anfrage_desk.store import statistics as store

EXCERPT_CHARS = 240


def de_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def number_of(row: InquiryRow) -> str:
    return row.reference or f"#{row.id}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The text on one line, shortened at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


@dataclass(frozen=True)
class BriefContent:
    """What goes into the brief, computed without python-docx (easy to test and to preview)."""

    body_name: str
    today: date
    open_rows: tuple[tuple[InquiryRow, int], ...]
    unclear: tuple[tuple[InquiryRow, tuple[store.UnclearAnswer, ...]], ...]
    followups: tuple[InquiryRow, ...]
    parents: dict[int, InquiryRow]


def collect(db: Database, body_id: int, today: date) -> BriefContent:
    body = bodies.get_body(db, body_id)
    if body is None:
        raise ServiceError("Das Gremium gibt es nicht mehr. Bitte wählen Sie ein anderes.")
    rows = [r for r in inquiries.list_rows(db) if r.body_id == body_id]
    by_id = {r.id: r for r in rows}
    open_rows = [
        (r, days_overdue(r, today))
        for r in rows
        if r.status == Status.SUBMITTED and r.kind == InquiryKind.ANFRAGE
    ]
    # Overdue first (longest first), then by due date.
    open_rows.sort(key=lambda p: (-p[1], p[0].due_on or date.max, p[0].id))
    grouped: dict[int, list[store.UnclearAnswer]] = {}
    for answer in store.unclear_answers_for_body(db, body_id):
        grouped.setdefault(answer.inquiry_id, []).append(answer)
    unclear = tuple(
        (by_id[inquiry_id], tuple(items))
        for inquiry_id, items in grouped.items()
        if inquiry_id in by_id
    )
    followups = tuple(
        sorted(
            (
                r
                for r in rows
                if r.kind == InquiryKind.NACHFRAGE and r.status in (Status.DRAFT, Status.SUBMITTED)
            ),
            key=lambda r: (r.due_on or date.max, r.id),
        )
    )
    parent_ids = {r.parent_id for r in followups if r.parent_id is not None}
    parents = {r.id: r for r in inquiries.list_rows(db, parent_ids)} if parent_ids else {}
    return BriefContent(body.name, today, tuple(open_rows), unclear, followups, parents)


def _late_text(days: int) -> str:
    if days <= 0:
        return "–"
    return words.count(days, "Tag")


def blocks_for(content: BriefContent) -> list[Block | Table]:
    out: list[Block | Table] = [
        Paragraph(
            f"Stand: {de_date(content.today)}. Offen sind eingereichte Anfragen ohne Antwort; "
            "als unklar gelten Antworten, die teilweise, ausweichend oder gar nicht antworten "
            "(Ihre eigene Bewertung geht der automatischen vor)."
        )
    ]
    overdue = sum(1 for _, days in content.open_rows if days > 0)
    out.append(Heading("Offene und überfällige Anfragen", 2))
    if content.open_rows:
        out.append(
            Paragraph(
                f"{words.count(len(content.open_rows), 'Anfrage')} "
                f"{words.verb(len(content.open_rows), 'ist', 'sind')} offen, davon {overdue} überfällig."
                if len(content.open_rows) != 1
                else f"1 Anfrage ist offen{', sie ist überfällig' if overdue else ''}."
            )
        )
        out.append(
            Table(
                ("Nr.", "Titel", "eingereicht", "fällig", "Tage überfällig"),
                tuple(
                    (
                        number_of(row),
                        row.title or "(ohne Titel)",
                        de_date(row.submitted_on),
                        de_date(row.due_on),
                        _late_text(days),
                    )
                    for row, days in content.open_rows
                ),
            )
        )
    else:
        out.append(Paragraph("Keine: Alle eingereichten Anfragen sind beantwortet."))

    out.append(Heading("Unklare Antworten ohne Nachfrage", 2))
    if not content.unclear:
        out.append(Paragraph("Keine: Alle erfassten Antworten sind klar oder schon nachgefragt."))
    for row, answers in content.unclear:
        out.append(Heading(f"{number_of(row)} {row.title or '(ohne Titel)'}", 3))
        for answer in answers:
            out.append(Paragraph(_answer_text(answer)))
    out.append(Heading("Ausstehende Nachfragen", 2))
    if content.followups:
        out.append(
            Table(
                ("Nr.", "Nachfrage", "zur Anfrage", "eingereicht", "fällig"),
                tuple(
                    (
                        number_of(row),
                        row.title or "(ohne Titel)",
                        _parent_text(content.parents.get(row.parent_id or -1)),
                        de_date(row.submitted_on) if row.submitted_on else "noch nicht",
                        _due_text(row, content.today),
                    )
                    for row in content.followups
                ),
            )
        )
    else:
        out.append(Paragraph("Keine offenen Nachfragen."))
    return out


def _answer_text(answer: store.UnclearAnswer) -> str:
    """Question, answer excerpt with verdict, and why: three lines of one paragraph."""
    verdict = answer.effective_verdict
    label = verdict.label if verdict else "nicht bewertet"
    question = excerpt(answer.question_text, 160) if answer.question_text.strip() else ""
    lines = [f"Frage {answer.question_label}: {question}".rstrip(": ")]
    if answer.answer_text and answer.answer_text.strip():
        lines.append(f"Antwort ({label}): „{excerpt(answer.answer_text)}“")
    else:
        lines.append(f"Antwort ({label}): keine Antwort im Schreiben")
    if answer.user_verdict is not None and answer.user_verdict != answer.verdict:
        lines.append("Bewertung von Ihnen gesetzt.")
    elif answer.reasons:
        lines.append(f"Grund: {answer.reasons[0].message}")
    return "\n".join(lines)


def _parent_text(parent: InquiryRow | None) -> str:
    return number_of(parent) if parent is not None else "–"


def _due_text(row: InquiryRow, today: date) -> str:
    days = days_overdue(row, today)
    return f"{de_date(row.due_on)}, {_late_text(days)} überfällig" if days else de_date(row.due_on)


def export_meeting_brief(db: Database, body_id: int, out: Path, today: date | None = None) -> Path:
    """Write the meeting brief of one body to ``out`` (DOCX) and return the path."""
    content = collect(db, body_id, today or current_day())
    title = f"Sitzungsvorbereitung {content.body_name}"
    try:
        return letters.build_report(
            title, blocks_for(content), Path(out), drafting.letterhead_path(db)
        )
    except letters.LetterError as exc:
        raise ServiceError(str(exc)) from exc
