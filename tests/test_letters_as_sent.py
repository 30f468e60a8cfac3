"""Letters that go out as they are: address without repetitions, a subject that says what the
letter is, small letters after the salutation, no "Seite 1 von 1", the closing kept with the
signature, the same information block in every kind, warnings for missing address/sender.

The PDF tests render each kind with LibreOffice (skipped when it is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from anfrage_desk.letters import LetterSpec, Paragraph
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import brief, drafting, followups
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import load_example
from anfrage_desk.services.letter_parts import letter_problems, recipient_lines, subject_for
from anfrage_desk.store import Database

SENDER = drafting.SenderSettings(
    faction="Kreistagsfraktion Bündnis 90 / Die Grünen",
    address="Kurt-Schumacher-Allee 1\n45657 Recklinghausen",
    contact="Anna Beispiel",
    phone="02361 53-0",
    email="info@gruene.example",
)


@pytest.fixture(autouse=True)
def clock():
    set_clock(lambda: date(2024, 7, 1))
    yield
    set_clock(None)


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [p.text for cell in table._cells for p in cell.paragraphs]
    return texts


def test_recipient_drops_the_repeated_office() -> None:
    lines = recipient_lines(
        "Kreis Recklinghausen\nDer Landrat",
        "Herrn Landrat Bodo Klimpel",
        "Kreis Recklinghausen\nKurt-Schumacher-Allee 1\n45657 Recklinghausen",
    )
    assert lines == (
        "Kreis Recklinghausen",
        "Herrn Landrat Bodo Klimpel",
        "Kurt-Schumacher-Allee 1",
        "45657 Recklinghausen",
    )
    assert "Die Oberbürgermeisterin" not in recipient_lines(
        "Stadt Münster\nDie Oberbürgermeisterin", "Frau Oberbürgermeisterin Dr. Roth", ""
    )
    assert recipient_lines("Stadt X\nDer Oberbürgermeister", "", "")[1] == "Der Oberbürgermeister"


def test_subject_names_kind_gremium_and_drucksache() -> None:
    assert subject_for("Anfrage", "Radwege.", "Kreistag", "20/1234") == (
        "Anfrage „Radwege“\nKreistag, Drucksache 20/1234"
    )
    assert subject_for("Anfrage", "Radwege") == "Anfrage „Radwege“"


def test_anfrage_letter_as_sent(db: Database, tmp_path: Path) -> None:
    drafting.save_sender(db, SENDER)
    inquiry_id, _ = load_example(db)
    out = drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "a.docx")
    texts = _texts(out)
    assert "Der Landrat" not in texts
    assert any(t.startswith("Anfrage „Strategie zur Künstlichen Intelligenz“") for t in texts)
    assert any("Kreistag Recklinghausen" in t for t in texts if t.startswith("Anfrage „"))
    salutation = texts.index("Sehr geehrter Herr Landrat,")
    assert texts[salutation + 1].startswith("die Kreisverwaltung")
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first_footer = "".join(p._p.xml for p in section.first_page_footer.paragraphs)
    assert "NUMPAGES" not in first_footer  # no "Seite 1 von 1"
    assert "NUMPAGES" in "".join(p._p.xml for p in section.footer.paragraphs)
    closing = next(p for p in doc.paragraphs if p.text == "Mit freundlichen Grüßen")
    before = doc.paragraphs[[p.text for p in doc.paragraphs].index(closing.text) - 1]
    assert closing.paragraph_format.keep_with_next and before.paragraph_format.keep_with_next
    assert letter_problems(drafting.inquiry_letter_spec(db, inquiry_id)) == []


def test_reminder_has_contact_lines_and_names_the_inquiry(db: Database, tmp_path: Path) -> None:
    drafting.save_sender(db, SENDER)
    late, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", reference="X/1", questions=(Question(None, "1", "Wie?"),))
    )
    inquiry_service.submit_inquiry(db, late, date(2024, 3, 1))
    spec = followups.reminder_spec(db, late, date(2024, 7, 1))
    labels = dict(spec.info)
    assert labels["Name"] == "Anna Beispiel" and labels["E-Mail"] == "info@gruene.example"
    assert labels["Unsere Anfrage vom"] == "01.03.2024" and labels["Unser Zeichen"] == "X/1"
    assert spec.subject.endswith("\nDrucksache X/1")


def test_nachfrage_title_is_not_doubled() -> None:
    from anfrage_desk.services.letter_parts import title_without_kind

    assert subject_for("Nachfrage", "Nachfrage: Radwege") == "Nachfrage „Radwege“"
    assert title_without_kind("Nachfrage", "Nachfragen zur Kita") == "Nachfragen zur Kita"


def test_letter_without_settings_is_flagged() -> None:
    spec = LetterSpec(
        title="t",
        sender_line="",
        recipient=(),
        info=(),
        subject="s",
        salutation="Sehr geehrte Damen und Herren,",
        blocks=(Paragraph("x"),),
    )
    problems = letter_problems(spec)
    assert len(problems) == 3
    assert "Anschrift" in problems[0] and "Einstellungen" in problems[1]


# -- rendered with LibreOffice ----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _pdf_pages(docx: Path) -> list[str]:
    assert SOFFICE is not None and PDFTOTEXT is not None
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(docx.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice/pdftotext nicht installiert")
def test_each_kind_renders_as_sent(db: Database, tmp_path: Path) -> None:
    drafting.save_sender(db, SENDER)
    inquiry_id, _ = load_example(db)
    anfrage = drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "anfrage.docx")
    items = followups.draft_followup(db, inquiry_id)
    followups.create_followup(db, inquiry_id, items, tmp_path / "nachfrage.docx")
    late, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            "Radwege",
            body_id=inquiry_service.load_inquiry(db, inquiry_id).body_id,
            addressee_name="Herrn Landrat Bodo Klimpel",
            signatories=("Dr. Wagener\nFraktionsvorsitzender",),
            questions=(Question(None, "1", "Wie viele Kilometer?"),),
        ),
    )
    inquiry_service.submit_inquiry(db, late, date(2024, 3, 1))
    reminder = followups.export_reminder(db, late, tmp_path / "erinnerung.docx")
    body_id = inquiry_service.load_inquiry(db, inquiry_id).body_id
    meeting = brief.export_meeting_brief(db, body_id, tmp_path / "sitzung.docx")

    expected = {
        anfrage: (1, "Anfrage „Strategie zur Künstlichen Intelligenz“"),
        tmp_path / "nachfrage.docx": (2, "Nachfrage zu unserer Anfrage"),
        reminder: (1, "Erinnerung: Anfrage „Radwege“"),
    }
    for path, (count, subject) in expected.items():
        pages = _pdf_pages(path)
        assert len(pages) == count, path.name
        assert subject in pages[0], path.name
        assert "Seite 1 von" not in pages[0], path.name
        last = pages[-1]
        assert "Mit freundlichen Grüßen" in last and "Dr. Wagener" in last, path.name
        before_closing = last.split("Mit freundlichen Grüßen")[0]
        assert len(before_closing.split()) > 8, f"{path.name}: closing alone on its page"
        if count > 1:
            assert f"Seite {count} von {count}" in last
    brief_pages = _pdf_pages(meeting)
    assert len(brief_pages) == 1 and "Sitzungsvorbereitung" in brief_pages[0]
