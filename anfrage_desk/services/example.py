"""The example for a first start: the Kreis Recklinghausen inquiry and its answer letter.

Loaded through the same use cases a user triggers (file import, submit, answer import).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from anfrage_desk import resources
from anfrage_desk.importers import ImportedText
from anfrage_desk.model import Body, BodyKind, DeadlineRule, Inquiry
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import Changes
from anfrage_desk.store import Database, bodies

EXAMPLE_DIR = resources.path("example")
BODY_NAME = "Kreistag Recklinghausen"


def load_example(db: Database) -> tuple[int, Changes]:
    """One user action, one transaction: a crash leaves either the whole example or nothing."""
    inquiry = inquiry_service.inquiry_from_file(EXAMPLE_DIR / "anfrage-2024-04-29.txt")
    letter = answer_service.read_letter(EXAMPLE_DIR / "antwort-2024-05-15.txt")
    with db.atomic():  # the use cases below nest as savepoints
        return _load_example(db, inquiry, letter)


def _load_example(db: Database, inquiry: Inquiry, letter: ImportedText) -> tuple[int, Changes]:
    body = bodies.find_by_name(db, BODY_NAME)
    if body is None or body.id is None:
        body_id, _ = inquiry_service.save_body(
            db,
            Body(
                None,
                BODY_NAME,
                kind=BodyKind.KREISTAG,
                address="Kreis Recklinghausen\nDer Landrat\nKurt-Schumacher-Allee 1\n45657 Recklinghausen",
                rule=DeadlineRule("weeks", 4),
                holiday_region="NW",
            ),
        )
    else:
        body_id = body.id
    inquiry = replace(
        inquiry,
        body_id=body_id,
        drafted_on=date(2024, 4, 29),
        addressee_name="Herrn Landrat Bodo Klimpel",
        addressee_office="Kreis Recklinghausen",
        addressee_address="Kurt-Schumacher-Allee 1\n45657 Recklinghausen",
        faction="Kreistagsfraktion Bündnis 90 / Die Grünen",
        signatories=("Dr. Wagener\nFraktionsvorsitzender",),
    )
    inquiry_id, changes = inquiry_service.create_inquiry(db, inquiry)
    changes = changes | inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 4, 29))
    _, answered = answer_service.import_answer(db, inquiry_id, letter, date(2024, 5, 16))
    return inquiry_id, changes | answered | Changes(bodies=True)
