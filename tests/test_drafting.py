"""Drafting service: sender settings, new drafts, the Anfrage letter as DOCX."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from anfrage_desk.cli import main as cli_main
from anfrage_desk.model import Inquiry, InquiryKind, Question
from anfrage_desk.services import ServiceError, drafting
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database, inquiries

QUESTIONS = (
    ("1", "Wie viele Stellen sind besetzt?"),
    ("2", "Gibt es ein Gesamtkonzept?"),
    ("3", "Wie ist die Zeitplanung?"),
    ("3a", "Wer entscheidet?"),
    ("3b", "Mit welchem Budget?"),
    ("4", "Wer ist federführend?"),
)


@pytest.fixture(autouse=True)
def clock() -> object:
    set_clock(lambda: date(2024, 4, 29))
    yield
    set_clock(None)


def make_inquiry(db: Database, **changes: object) -> int:
    values: dict[str, object] = {
        "title": "Strategie zur KI.",
        "addressee_name": "Herrn Landrat Bodo Klimpel",
        "addressee_office": "Kreis Recklinghausen",
        "addressee_address": "Kurt-Schumacher-Allee 1\n45657 Recklinghausen",
        "faction": "Kreistagsfraktion Bündnis 90/Die Grünen",
        "signatories": ("Dr. Wagener\nFraktionsvorsitzender", "Anna Muster\nstellv. Vorsitzende"),
        "preamble": "Die Verwaltung hat berichtet.\n\nWir bitten um Antwort.",
        "reference": "20/1234",
        "questions": tuple(Question(None, label, text) for label, text in QUESTIONS),
    }
    values.update(changes)
    inquiry_id, _ = service.create_inquiry(db, Inquiry(None, **values))  # type: ignore[arg-type]
    return inquiry_id


def list_labels(doc: DocxDocument) -> list[tuple[str, str]]:
    """(label as Word shows it, text) of every numbered paragraph, e.g. ("3a", "Wer …")."""
    numbering = doc.part.numbering_part.element
    counters: dict[tuple[int, int], int] = {}
    main: dict[int, str] = {}
    out: list[tuple[str, str]] = []
    for paragraph in doc.paragraphs:
        p_pr = paragraph._p.pPr
        if p_pr is None or p_pr.numPr is None:
            continue
        num_id, ilvl = p_pr.numPr.numId.val, p_pr.numPr.ilvl.val
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        (lvl,) = numbering.xpath(
            f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{ilvl}']"
        )
        start = int(lvl.find(qn("w:start")).get(qn("w:val")))
        fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
        value = counters.get((num_id, ilvl), start - 1) + 1
        counters[(num_id, ilvl)] = value
        for deeper in [k for k in counters if k[0] == num_id and k[1] > ilvl]:
            del counters[deeper]
        shown = str(value) if fmt == "decimal" else chr(96 + value)
        if ilvl == 0:
            main[num_id] = shown
            out.append((shown, paragraph.text))
        else:
            out.append((main.get(num_id, "") + shown, paragraph.text))
    return out


def all_text(doc: DocxDocument) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- salutation, names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("addressee", "salutation"),
    [
        ("Herrn Landrat Bodo Klimpel", "Sehr geehrter Herr Landrat,"),
        ("Frau Bürgermeisterin Anna Roth", "Sehr geehrte Frau Bürgermeisterin,"),
        ("Herrn Dr. Max Mustermann", "Sehr geehrter Herr Dr. Mustermann,"),
        ("Frau Erika Beispiel", "Sehr geehrte Frau Beispiel,"),
        ("Kreisverwaltung Recklinghausen", "Sehr geehrte Damen und Herren,"),
        ("", "Sehr geehrte Damen und Herren,"),
    ],
)
def test_salutation_from_addressee(addressee: str, salutation: str) -> None:
    assert drafting.salutation_for(addressee) == salutation


def test_default_letter_name_uses_date_kind_and_safe_title(db: Database) -> None:
    inquiry_id = make_inquiry(db, title="Strategie zur KI: wer/wann?")
    inquiry = service.load_inquiry(db, inquiry_id)
    assert (
        drafting.default_letter_name(inquiry)
        == "2024-04-29 Anfrage Strategie zur KI - wer-wann.docx"
    )
    service.submit_inquiry(db, inquiry_id, date(2024, 5, 3))
    follow = Inquiry(
        None, "Nachfrage KI", kind=InquiryKind.NACHFRAGE, submitted_on=date(2024, 6, 1)
    )
    assert drafting.default_letter_name(service.load_inquiry(db, inquiry_id)).startswith(
        "2024-05-03 "
    )
    assert drafting.default_letter_name(follow) == "2024-06-01 Nachfrage Nachfrage KI.docx"


# --- settings ---------------------------------------------------------------------------


def test_sender_settings_round_trip_and_sender_line(db: Database) -> None:
    assert drafting.load_sender(db) == drafting.SenderSettings()
    sender = drafting.SenderSettings(
        faction="Fraktion X",
        address="Rathausplatz 1\n12345 Stadt\n",
        contact="Lena Beispiel",
        phone="0123 456",
        email="x@example.org",
        signatories=("A\nVorsitz", "  ", "B\nStellv."),
    )
    drafting.save_sender(db, sender)
    loaded = drafting.load_sender(db)
    assert loaded.signatories == ("A\nVorsitz", "B\nStellv.")
    assert loaded.address == "Rathausplatz 1\n12345 Stadt"
    assert drafting.sender_line(loaded) == "Fraktion X · Rathausplatz 1 · 12345 Stadt"
    assert drafting.sender_line(loaded, "Gruppe Y") == "Gruppe Y · Rathausplatz 1 · 12345 Stadt"
    drafting.save_sender(db, drafting.SenderSettings(line="Fraktion X · Postfach 1"))
    assert drafting.sender_line(drafting.load_sender(db)) == "Fraktion X · Postfach 1"


def test_letterhead_that_is_no_word_file_is_refused(db: Database, tmp_path: Path) -> None:
    fake = tmp_path / "kopf.docx"
    fake.write_text("kein Word", encoding="utf-8")
    with pytest.raises(ServiceError, match="keine lesbare Word-Datei"):
        drafting.save_sender(db, drafting.SenderSettings(letterhead=fake))
    with pytest.raises(ServiceError, match="keine Word-Datei"):
        drafting.check_letterhead(tmp_path / "kopf.pdf")
    assert drafting.letterhead_path(db) is None


def test_new_draft_takes_sender_and_last_addressee(db: Database) -> None:
    drafting.save_sender(
        db, drafting.SenderSettings(faction="Fraktion X", signatories=("A\nVorsitz",))
    )
    empty = drafting.new_draft(db)
    assert (empty.faction, empty.signatories, empty.drafted_on) == (
        "Fraktion X",
        ("A\nVorsitz",),
        date(2024, 4, 29),
    )
    body_id, _ = service.save_body(db, service.Body(None, "Kreistag"))
    make_inquiry(db, body_id=body_id)
    draft = drafting.new_draft(db)
    assert draft.body_id == body_id
    assert draft.addressee_name == "Herrn Landrat Bodo Klimpel"
    assert draft.faction == "Fraktion X"  # the settings win over the last inquiry
    assert draft.questions == ()


# --- the letter -------------------------------------------------------------------------


def test_letter_spec_follows_din_5008(db: Database) -> None:
    drafting.save_sender(
        db, drafting.SenderSettings(address="Rathausplatz 1\n12345 Stadt", phone="0123")
    )
    inquiry_id = make_inquiry(
        db, preamble="Sehr geehrter Herr Landrat,\n\nDie Verwaltung hat berichtet."
    )
    service.submit_inquiry(db, inquiry_id, date(2024, 5, 3))
    spec = drafting.inquiry_letter_spec(db, inquiry_id)
    assert spec.recipient == (
        "Kreis Recklinghausen",
        "Herrn Landrat Bodo Klimpel",
        "Kurt-Schumacher-Allee 1",
        "45657 Recklinghausen",
    )
    assert (
        spec.sender_line == "Kreistagsfraktion Bündnis 90/Die Grünen · Rathausplatz 1 · 12345 Stadt"
    )
    info = dict(spec.info)
    assert info["Unser Zeichen"] == "20/1234"
    assert info["Datum"] == "03.05.2024"
    assert info["Telefon"] == "0123"
    assert spec.subject == "Anfrage „Strategie zur KI“\nDrucksache 20/1234"
    # The salutation typed at the top of the preamble is used once, not twice.
    assert spec.salutation == "Sehr geehrter Herr Landrat,"
    texts = [getattr(b, "text", "") for b in spec.blocks]
    assert texts[0] == "Die Verwaltung hat berichtet."
    assert "Sehr geehrter Herr Landrat," not in texts
    assert [(b.label, b.text) for b in spec.blocks[1:]] == list(QUESTIONS)  # type: ignore[union-attr]


def test_exported_letter_reads_back(db: Database, tmp_path: Path) -> None:
    inquiry_id = make_inquiry(db)
    out = drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "brief.docx")
    doc = docx.Document(str(out))
    text = all_text(doc)
    for line in ("Kreis Recklinghausen", "Herrn Landrat Bodo Klimpel", "45657 Recklinghausen"):
        assert line in text
    subject = next(p for p in doc.paragraphs if p.text.startswith("Anfrage „Strategie zur KI“"))
    assert all(run.bold for run in subject.runs)
    assert "Betreff" not in text
    assert "Sehr geehrter Herr Landrat," in text
    assert list_labels(doc) == list(QUESTIONS)
    assert "Dr. Wagener\nFraktionsvorsitzender" in text
    assert "Anna Muster\nstellv. Vorsitzende" in text
    assert "Datum\t29.04.2024" in text


def test_letterhead_keeps_its_header_and_footer(db: Database, tmp_path: Path) -> None:
    head = docx.Document()
    head.sections[0].header.paragraphs[0].add_run("GRÜNE Kreistagsfraktion")
    head.sections[0].footer.paragraphs[0].add_run("IBAN DE12 3456")
    head.add_paragraph("Platzhalter")
    path = tmp_path / "kopf.docx"
    head.save(str(path))
    drafting.save_sender(db, drafting.SenderSettings(letterhead=path))
    out = drafting.export_inquiry_letter(db, make_inquiry(db), tmp_path / "brief.docx")
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert "GRÜNE Kreistagsfraktion" in section.header.paragraphs[0].text
    assert "IBAN DE12 3456" in "\n".join(p.text for p in section.footer.paragraphs)
    assert "Platzhalter" not in all_text(doc)
    assert "Strategie zur KI" in all_text(doc)


def test_missing_letterhead_and_folder_give_german_errors(db: Database, tmp_path: Path) -> None:
    inquiry_id = make_inquiry(db)
    with pytest.raises(ServiceError, match="existiert nicht"):
        drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "fehlt" / "brief.docx")
    head = tmp_path / "kopf.docx"
    docx.Document().save(str(head))
    drafting.save_sender(db, drafting.SenderSettings(letterhead=head))
    head.unlink()
    with pytest.raises(ServiceError, match="Briefkopf .* wurde nicht gefunden"):
        drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "brief.docx")


def test_control_characters_and_huge_fields_export(db: Database, tmp_path: Path) -> None:
    junk = "Wie\x00 viele\x0b\x1f\ud800 Fälle\ufffe?\r\nZeile"
    huge = "Sehr lange Frage " * 6000  # about 100 000 characters
    inquiry_id = make_inquiry(
        db,
        title="Titel\x07 mit Steuerzeichen",
        preamble=junk,
        addressee_address=junk,
        questions=(Question(None, "1", junk), Question(None, "2", huge)),
    )
    out = drafting.export_inquiry_letter(db, inquiry_id, tmp_path / "brief.docx")
    text = all_text(docx.Document(str(out)))
    assert "Wie viele Fälle?" in text
    assert huge.strip()[:200] in text
    stored = inquiries.get_inquiry(db, inquiry_id)
    assert stored is not None and stored.title == "Titel mit Steuerzeichen"


# --- headless add-inquiry ---------------------------------------------------------------


def test_cli_add_inquiry_from_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("anfrage_desk.importers")
    source = docx.Document()
    source.add_paragraph("Radwege in der Innenstadt")
    source.add_paragraph("Die Radwege sind in schlechtem Zustand.")
    for text in ("Wie viele Kilometer sind sanierungsbedürftig?", "Bis wann wird saniert?"):
        source.add_paragraph(text, style="List Number")
    path = tmp_path / "anfrage.docx"
    source.save(str(path))
    db_file = tmp_path / "cli.sqlite"
    code = cli_main(["--db", str(db_file), "add-inquiry", str(path), "--body", "Rat der Stadt"])
    assert code == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    from anfrage_desk.store import open_db

    db = open_db(db_file)
    inquiry = service.load_inquiry(db, inquiry_id)
    assert inquiry.title == "Radwege in der Innenstadt"
    assert [q.text for q in inquiry.questions] == [
        "Wie viele Kilometer sind sanierungsbedürftig?",
        "Bis wann wird saniert?",
    ]
    db.close()


def test_cli_add_inquiry_from_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("anfrage_desk.importers")
    path = tmp_path / "anfrage.txt"
    path.write_text(
        "Kita-Plätze 2025\n\nDer Bedarf steigt.\n\n1. Wie viele Plätze fehlen?\n"
        "2) Wann entstehen neue Plätze?\nFrage 3: Was kostet das?\n",
        encoding="utf-8",
    )
    db_file = tmp_path / "cli.sqlite"
    args = ["--db", str(db_file), "add-inquiry", str(path), "--submitted", "2024-03-04"]
    assert cli_main(args) == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    from anfrage_desk.store import open_db

    db = open_db(db_file)
    inquiry = service.load_inquiry(db, inquiry_id)
    assert inquiry.title == "Kita-Plätze 2025"
    assert inquiry.preamble == "Der Bedarf steigt."
    assert [q.label for q in inquiry.questions] == ["1", "2", "3"]
    assert inquiry.questions[2].text == "Was kostet das?"
    assert (inquiry.submitted_on, inquiry.due_on) == (date(2024, 3, 4), date(2024, 4, 2))
    db.close()
    empty = tmp_path / "leer.txt"
    empty.write_text("Nur ein Satz ohne Fragen.", encoding="utf-8")
    assert cli_main(["--db", str(db_file), "add-inquiry", str(empty)]) != 0
    assert "keine nummerierten Fragen" in capsys.readouterr().err
