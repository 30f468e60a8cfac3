"""Saving an edited inquiry when someone else may have saved it meanwhile (team mode).

The editor keeps the inquiry as it was loaded (``base``, with its row version). On save:
- nobody saved in between: the form is written (the row must still have base's version);
- someone did: a three-way merge per field. What only they changed is taken from them, what
  only this seat changed is kept; a field both changed differently is a conflict, and the
  save raises EditConflict for the merge dialog (theirs / mine / field by field). Nothing is
  ever overwritten silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from anfrage_desk.model import Inquiry
from anfrage_desk.services.common import Changes, ServiceError
from anfrage_desk.services.inquiries import compute_due, sanitize
from anfrage_desk.store import Database, change_log, inquiries

FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Titel"),
    ("body_id", "Gremium"),
    ("drafted_on", "Datum"),
    ("reference", "Drucksache"),
    ("faction", "Fraktion"),
    ("addressee_name", "Adressat"),
    ("addressee_office", "Dienststelle"),
    ("addressee_address", "Anschrift"),
    ("signatories", "Unterzeichnende"),
    ("preamble", "Vortext"),
    ("questions", "Fragen"),
)
LABELS = dict(FIELDS)
MINE = "mine"
THEIRS = "theirs"


def _value(inquiry: Inquiry, name: str) -> Any:
    if name == "questions":  # ids are bookkeeping; the user edits labels and texts
        return tuple((q.label, q.text) for q in inquiry.questions)
    return getattr(inquiry, name)


class EditConflict(Exception):
    """Both this seat and ``who`` changed ``fields`` of the inquiry differently."""

    def __init__(
        self, base: Inquiry, mine: Inquiry, theirs: Inquiry, fields: tuple[str, ...], who: str
    ) -> None:
        super().__init__(", ".join(LABELS[f] for f in fields))
        self.base = base
        self.mine = mine
        self.theirs = theirs
        self.fields = fields
        self.who = who

    def resolved(self, choices: dict[str, str]) -> Inquiry:
        """The inquiry with, per conflicting field, the chosen side (default: theirs); other
        fields as merged. Save it with ``save_edit(db, conflict.theirs, result)``."""
        merged, _ = merge(self.base, self.mine, self.theirs)
        for name in self.fields:
            source = self.mine if choices.get(name, THEIRS) == MINE else self.theirs
            merged = replace(merged, **{name: getattr(source, name)})
        return merged


def merge(base: Inquiry, mine: Inquiry, theirs: Inquiry) -> tuple[Inquiry, tuple[str, ...]]:
    """Their stored inquiry with this seat's changes laid over it; the fields in conflict
    (changed on both sides to different values) keep this seat's value for now."""
    merged = theirs
    conflicts: list[str] = []
    for name, _label in FIELDS:
        b, m, t = _value(base, name), _value(mine, name), _value(theirs, name)
        if m in (b, t):
            continue  # unchanged here (theirs stands) or the same change on both sides
        merged = replace(merged, **{name: getattr(mine, name)})
        if t != b:
            conflicts.append(name)
    return merged, tuple(conflicts)


@dataclass(frozen=True)
class Saved:
    changes: Changes
    inquiry: Inquiry  # as stored now (new version): the editor's next base
    merged: bool  # fields of another seat were taken in: the form must show them


def save_edit(db: Database, base: Inquiry, mine: Inquiry) -> Saved:
    """Write the form ``mine`` edited from ``base``; raise EditConflict when someone else
    changed the same fields since ``base`` was read."""
    inquiry_id = base.id
    if inquiry_id is None:
        raise ServiceError("Die Anfrage wurde noch nicht angelegt.")
    mine = sanitize(mine)
    for _attempt in range(3):  # another seat may save between our read and our write
        try:
            with db.atomic():
                theirs = inquiries.get_inquiry(db, inquiry_id)
                if theirs is None or inquiries.is_deleted(db, inquiry_id):
                    raise ServiceError("Die Anfrage existiert nicht mehr.")
                merged_in = theirs.version != base.version
                result = mine
                if merged_in:
                    result, conflicts = merge(base, mine, theirs)
                    if conflicts:
                        who = change_log.last_editor(db, inquiry_id)
                        raise EditConflict(base, mine, theirs, conflicts, who)
                result = replace(  # not fields of the form: as stored
                    result,
                    status=theirs.status,
                    submitted_on=theirs.submitted_on,
                    due_on=theirs.due_on,
                    due_manual=theirs.due_manual,
                )
                result = replace(result, due_on=compute_due(db, result))
                inquiries.update_inquiry(db, result, expected_version=theirs.version)
        except inquiries.StaleInquiry:
            continue
        stored = inquiries.get_inquiry(db, inquiry_id)
        assert stored is not None
        return Saved(Changes.of(inquiry_id), stored, merged_in)
    raise ServiceError(
        "Die Anfrage wird gerade von mehreren Plätzen zugleich gespeichert. Bitte versuchen "
        "Sie es gleich noch einmal; Ihre Eingaben bleiben im Formular."
    )
