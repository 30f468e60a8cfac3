"""Saving a review of answers another seat changed meanwhile (team mode).

Each edit carries the answer as the user found it (``base``, with its row version). If the
stored answer has a newer version, its text, the user's verdict and the note are merged field
by field: what only the other seat changed is kept, what only this seat changed is saved; a
field both changed differently is a conflict (AnswerConflict), which the review resolves by
asking whose state counts. A new machine verdict alone (reassessment) is no conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from anfrage_desk.model import VERDICT_LABELS, Answer
from anfrage_desk.store import Database, change_log

if TYPE_CHECKING:
    from anfrage_desk.services.answers import AnswerEdit, AnswerVerdicts

LABELS = {"text": "Antworttext", "user_verdict": "Bewertung", "note": "Notiz"}


def _mine(edit: AnswerEdit, name: str) -> Any:
    value = getattr(edit, name)
    return (value or "").strip() if name == "text" else value


def _stored(answer: Answer, name: str) -> Any:
    value = getattr(answer, name)
    return (value or "").strip() if name == "text" else value


def _shown(answer: Answer, name: str) -> str:
    value = getattr(answer, name)
    if name == "user_verdict":
        return VERDICT_LABELS.get(value, "keine eigene") if value else "keine eigene"
    return str(value or "")


class AnswerConflict(Exception):
    """Another seat (``who``) changed ``fields`` of answer ``theirs`` as this seat did."""

    def __init__(
        self, edit: AnswerEdit, theirs: Answer, fields: tuple[str, ...], who: str, label: str
    ) -> None:
        self.edit = edit
        self.theirs = theirs
        self.fields = fields
        self.who = who or "Ein anderer Platz"
        self.label = label
        changed = "; ".join(
            f"{LABELS[f]}: jetzt „{_shown(theirs, f)}“, bei Ihnen „{_edit_shown(edit, f)}“"
            for f in fields
        )
        super().__init__(
            f"{self.who} hat die Antwort zu Frage {label} geändert, während Sie sie "
            f"bearbeitet haben ({changed})."
        )

    def mine(self, verdicts: AnswerVerdicts) -> AnswerVerdicts:
        """The review again, this seat's state of the answer counting (checked against the
        state of the other seat, so a third change is noticed again)."""
        return replace(
            verdicts,
            edits=tuple(
                replace(e, base=self.theirs) if e.answer_id == self.edit.answer_id else e
                for e in verdicts.edits
            ),
        )

    def theirs_kept(self, verdicts: AnswerVerdicts) -> AnswerVerdicts:
        """The review again without this seat's edit of the answer (theirs stays)."""
        return replace(
            verdicts, edits=tuple(e for e in verdicts.edits if e.answer_id != self.edit.answer_id)
        )


def _edit_shown(edit: AnswerEdit, name: str) -> str:
    value = getattr(edit, name)
    if name == "user_verdict":
        return VERDICT_LABELS.get(value, "keine eigene") if value else "keine eigene"
    return str(value or "")


def merged_edits(
    db: Database, stored: dict[Any, Answer], edits: Sequence[AnswerEdit], inquiry_id: int
) -> tuple[AnswerEdit, ...]:
    """``edits`` with the other seats' changes taken in; raises AnswerConflict."""
    out = []
    for edit in edits:
        current = stored.get(edit.answer_id)
        base = edit.base
        if current is None or base is None or current.version == base.version:
            out.append(edit)
            continue
        conflicts = []
        for name in LABELS:
            b, m, t = _stored(base, name), _mine(edit, name), _stored(current, name)
            if m == b:  # not changed here: the other seat's state stands
                edit = replace(edit, **{name: getattr(current, name)})
            elif t not in (b, m):
                conflicts.append(name)
        if conflicts:
            label = _question_label(db, current.question_id)
            who = change_log.last_editor(db, inquiry_id)
            raise AnswerConflict(edit, current, tuple(conflicts), who, label)
        out.append(edit)
    return tuple(out)


def _question_label(db: Database, question_id: int) -> str:
    row = db.execute("SELECT label FROM question WHERE id = ?", [question_id]).fetchone()
    return str(row[0]) if row else "?"
