"""Letters and reports, written for real and read back with python-docx."""

from __future__ import annotations

import os
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Emu, Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anfrage_desk.letters import (
    Heading,
    LetterError,
    LetterSpec,
    NumberedItem,
    Paragraph,
    Quote,
    Table,
    build_letter,
    build_report,
    safe_filename,
)

QUESTIONS = (
    ("1", "In welcher Projektphase befindet sich die Kreisverwaltung beim Einführungsprozess?"),
    ("2", "Gibt es bereits ein dezidiertes Gesamtkonzept zur Einführung von KI?"),
    ("3", "Falls nein, bis wann soll ein entsprechendes Gesamtkonzept erstellt sein?"),
    ("4", "Wie ist die Zeitplanung für die bereits berichteten „Überlegungen zur KI“?"),
    ("5", "Wer könnte federführend für das „Gesamtkonzept KI“ verantwortlich sein?"),
    ("6", "Gibt es ein Team für Einführung und Nutzung von KI?"),
)


def make_spec(**changes: object) -> LetterSpec:
    values: dict[str, object] = {
        "title": "Anfrage: Strategie zur Künstlichen Intelligenz",
        "sender_line": "Kreistagsfraktion Bündnis 90/Die Grünen · Kurt-Schumacher-Allee 1 · "
        "45657 Recklinghausen",
        "recipient": ("Kreis Recklinghausen", "Herrn Landrat Bodo Klimpel", "45657 Recklinghausen"),
        "info": (
            ("Ihr Zeichen", ""),
            ("Ihre Nachricht vom", "15.05.2024"),
            ("Unser Zeichen", "GRÜ-KT 2024/017"),
            ("Datum", "29.04.2024"),
        ),
        "subject": "Strategie zur Künstlichen Intelligenz",
        "salutation": "Sehr geehrter Herr Landrat,",
        "blocks": (
            Heading("Vorbemerkung"),
            Paragraph("die Verwaltung hat über erste Überlegungen berichtet.\n\nWir fragen daher:"),
            *(NumberedItem(label, text) for label, text in QUESTIONS),
            Quote("Eine konkrete Zeitplanung kann aktuell nicht benannt werden.", "Antwort zu 3"),
        ),
        "signatories": ("Dr. Jan Wagener\nFraktionsvorsitzender", "Petra Schulze\nstellv. Vorsitz"),
        "attachments": ("Bericht vom 11.03.2024",),
        "distribution": ("Kreistagsbüro", "Fraktionen im Kreistag"),
    }
    values.update(changes)
    return LetterSpec(**values)  # type: ignore[arg-type]


def build(tmp_path: Path, spec: LetterSpec | None = None, letterhead: Path | None = None) -> Path:
    return build_letter(spec or make_spec(), tmp_path / "brief.docx", letterhead)


def body_paragraphs(doc: DocxDocument) -> list[docx.text.paragraph.Paragraph]:
    return list(doc.paragraphs)


def numbered(doc: DocxDocument) -> list[tuple[str, int, int]]:
    """(text, numId, ilvl) of every list paragraph in the body."""
    items = []
    for paragraph in doc.paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num_pr is not None:
            items.append((paragraph.text, num_pr.numId.val, num_pr.ilvl.val))
    return items


def abstract_for(doc: DocxDocument, num_id: int) -> object:
    numbering = doc.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    (abstract,) = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract_id}']")
    return abstract


def level(abstract: object, ilvl: int) -> dict[str, str]:
    (lvl,) = abstract.xpath(f"./w:lvl[@w:ilvl='{ilvl}']", namespaces=nsmap)  # type: ignore[attr-defined]
    return {
        tag: lvl.find(qn(f"w:{tag}")).get(qn("w:val")) for tag in ("start", "numFmt", "lvlText")
    }


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"\x40\x90\x30" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))


@pytest.fixture
def letterhead(tmp_path: Path) -> Path:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes() + b"\x00\x00\x00\x00IEND\xaeB`\x82")
    doc = docx.Document()
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.add_run().add_picture(str(logo), width=Mm(15))
    header.add_run("GRÜNE Kreistagsfraktion Recklinghausen")
    section.footer.paragraphs[0].add_run("Sparkasse Vest · IBAN DE12 4265 0150 0000 1234 56")
    doc.add_paragraph("Platzhaltertext des Briefkopfs")
    path = tmp_path / "briefkopf.docx"
    doc.save(str(path))
    return path


# --- layout and content -----------------------------------------------------------------


def test_address_field_and_information_block(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    address, info = doc.tables[0].rows[0].cells
    lines = [p.text for p in address.paragraphs]
    assert lines == [
        "Kreistagsfraktion Bündnis 90/Die Grünen · Kurt-Schumacher-Allee 1 · 45657 Recklinghausen",
        "Kreis Recklinghausen",
        "Herrn Landrat Bodo Klimpel",
        "45657 Recklinghausen",
    ]
    rows = [p.text for p in info.paragraphs]
    assert rows == [
        "Ihre Nachricht vom\t15.05.2024",
        "Unser Zeichen\tGRÜ-KT 2024/017",
        "Datum\t29.04.2024",
    ]  # "Ihr Zeichen" had no value and is left out


def test_din_page_geometry(tmp_path: Path) -> None:
    spec = make_spec(sender_line="Grüne · Kurt-Schumacher-Allee 1 · 45657 Recklinghausen")
    doc = docx.Document(str(build(tmp_path, spec)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 25
    assert section.right_margin.mm >= 20
    address, info = doc.tables[0].rows[0].cells
    # page 1: top margin + spacing before the return address + the Zusatzzone = 45 mm + 17.7 mm
    sender = address.paragraphs[0].paragraph_format
    top_of_recipient = Emu(section.top_margin + sender.space_before + sender.line_spacing)
    assert abs(top_of_recipient.mm - 62.7) < 0.5
    first_info = info.paragraphs[0].paragraph_format
    assert abs(Emu(section.top_margin + first_info.space_before).mm - 50) < 0.5
    assert abs(section.left_margin.mm + address.width.mm - 125) < 0.5


def test_subject_bold_without_betreff_and_full_stop(tmp_path: Path) -> None:
    spec = make_spec(subject="Betreff: Strategie zur Künstlichen Intelligenz.")
    doc = docx.Document(str(build(tmp_path, spec)))
    (subject,) = [p for p in doc.paragraphs if "Strategie zur" in p.text]
    assert subject.text == "Strategie zur Künstlichen Intelligenz"
    assert subject.runs and all(run.bold for run in subject.runs if run.text)
    assert "Betreff" not in "\n".join(p.text for p in doc.paragraphs)


def test_salutation_follows_subject_and_closing_precedes_signatures(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Strategie zur Künstlichen Intelligenz"
    assert texts[1] == "Sehr geehrter Herr Landrat,"
    closing = texts.index("Mit freundlichen Grüßen")
    assert doc.paragraphs[closing].paragraph_format.keep_with_next
    assert texts[closing + 1] == "Anlage"


def test_questions_are_a_real_numbered_list_in_order(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    items = numbered(doc)
    assert [text for text, _, _ in items] == [text for _, text in QUESTIONS]
    assert len({num_id for _, num_id, _ in items}) == 1
    assert {ilvl for _, _, ilvl in items} == {0}
    fmt = level(abstract_for(doc, items[0][1]), 0)
    assert fmt == {"start": "1", "numFmt": "decimal", "lvlText": "%1."}


def test_sub_questions_and_label_gaps(tmp_path: Path) -> None:
    blocks = (
        NumberedItem("3", "Bis wann?"),
        NumberedItem("3a", "Wer entscheidet?"),
        NumberedItem("3b", "Mit welchem Budget?"),
        NumberedItem("4", "Wie ist die Zeitplanung?"),
        Quote("Siehe Antwort zu 3."),
        NumberedItem("6", "Wer gehört zum Team?"),
        NumberedItem("7c", "Ohne Oberfrage"),
        NumberedItem("IV", "Römisch"),
    )
    doc = docx.Document(str(build(tmp_path, make_spec(blocks=blocks))))
    items = numbered(doc)
    assert [text for text, _, _ in items] == [b.text for b in blocks if isinstance(b, NumberedItem)]
    (_, first, _), (_, sub_a, lvl_a), (_, sub_b, lvl_b), (_, four, _) = items[:4]
    assert first == sub_a == sub_b == four and (lvl_a, lvl_b) == (1, 1)
    abstract = abstract_for(doc, first)
    assert level(abstract, 0) == {"start": "3", "numFmt": "decimal", "lvlText": "%1."}
    assert level(abstract, 1) == {"start": "1", "numFmt": "lowerLetter", "lvlText": "%2)"}
    (_, six, _), (_, seven_c, _), (_, roman, _) = items[4:]
    assert six != first and level(abstract_for(doc, six), 0)["start"] == "6"
    assert level(abstract_for(doc, seven_c), 0) == {
        "start": "3",
        "numFmt": "lowerLetter",
        "lvlText": "7%1)",
    }
    assert level(abstract_for(doc, roman), 0)["lvlText"] == "IV"


def test_headings_and_quotes_use_styles(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    (heading,) = [p for p in doc.paragraphs if p.text == "Vorbemerkung"]
    assert heading.style.name == "Heading 2"
    (quote,) = [p for p in doc.paragraphs if p.text.startswith("Eine konkrete Zeitplanung")]
    assert quote.style.name == "Quote"
    assert quote.runs[0].italic
    assert quote.paragraph_format.left_indent > 0
    assert quote.text.endswith("— Antwort zu 3")


def test_signatories_side_by_side_in_one_row(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    signatures = doc.tables[-1]
    assert len(signatures.rows) == 1
    cells = signatures.rows[0].cells
    assert [c.text for c in cells] == [
        "Dr. Jan Wagener\nFraktionsvorsitzender",
        "Petra Schulze\nstellv. Vorsitz",
    ]
    # borderless layout table
    borders = signatures._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_attachments_and_distribution_bold_below_signature(tmp_path: Path) -> None:
    spec = make_spec(attachments=("Bericht vom 11.03.2024", "Präsentation"))
    doc = docx.Document(str(build(tmp_path, spec)))
    body = list(doc.element.body)
    signature_index = body.index(doc.tables[-1]._tbl)
    after = [
        docx.text.paragraph.Paragraph(e, doc)
        for e in body[signature_index + 1 :]
        if e.tag == qn("w:p")
    ]
    texts = [p.text for p in after]
    assert texts == [
        "Anlagen",
        "Bericht vom 11.03.2024",
        "Präsentation",
        "Verteiler",
        "Kreistagsbüro",
        "Fraktionen im Kreistag",
    ]
    for paragraph in after:
        is_label = paragraph.text in {"Anlagen", "Verteiler"}
        assert all(bool(run.bold) == is_label for run in paragraph.runs)


def test_no_attachment_or_distribution_labels_when_empty(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path, make_spec(attachments=(), distribution=("  ",)))))
    texts = [p.text for p in doc.paragraphs]
    assert not {"Anlage", "Anlagen", "Verteiler"} & set(texts)


def test_footer_has_page_x_of_y_fields(tmp_path: Path) -> None:
    """From page 2 on; the first page has none (no "Seite 1 von 1" on one-page letters)."""
    doc = docx.Document(str(build(tmp_path)))
    section = doc.sections[0]
    footer = section.footer
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[-1].text.startswith("Seite ")
    assert " von " in footer.paragraphs[-1].text
    assert section.different_first_page_header_footer
    assert not list(section.first_page_footer._element.iter(qn("w:instrText")))


def test_title_and_language(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    assert doc.core_properties.title == "Anfrage: Strategie zur Künstlichen Intelligenz"
    assert doc.core_properties.language == "de-DE"
    assert "python-docx" not in doc.core_properties.comments
    langs = {e.get(qn("w:val")) for e in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"de-DE"}
    default = doc.styles.element.find(qn("w:docDefaults"))
    assert default.find(f".//{qn('w:lang')}").get(qn("w:val")) == "de-DE"


def test_no_empty_paragraphs_for_spacing(tmp_path: Path) -> None:
    doc = docx.Document(str(build(tmp_path)))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for cell in table._cells:
            paragraphs.extend(cell.paragraphs)
    assert paragraphs
    assert [p for p in paragraphs if not p.text.strip()] == []


def test_line_breaks_inside_a_paragraph_and_blank_lines_between(tmp_path: Path) -> None:
    blocks = (Paragraph("Erste Zeile\nzweite Zeile\n\n\n\nNeuer Absatz\n\n"),)
    doc = docx.Document(str(build(tmp_path, make_spec(blocks=blocks))))
    texts = [p.text for p in doc.paragraphs]
    assert "Erste Zeile\nzweite Zeile" in texts
    assert "Neuer Absatz" in texts


# --- letterhead -------------------------------------------------------------------------


def test_letterhead_keeps_header_footer_and_logo(tmp_path: Path, letterhead: Path) -> None:
    doc = docx.Document(str(build(tmp_path, letterhead=letterhead)))
    section = doc.sections[0]
    assert "GRÜNE Kreistagsfraktion Recklinghausen" in section.header.paragraphs[0].text
    images = [r for r in section.header.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 1
    assert section.header._element.xpath(".//pic:pic")
    footer_text = "\n".join(p.text for p in section.footer.paragraphs)
    assert "IBAN DE12" in footer_text
    assert "Seite" in footer_text
    instructions = [t.text.strip() for t in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    texts = [p.text for p in doc.paragraphs]
    assert "Platzhaltertext des Briefkopfs" not in texts
    assert texts[0] == "Strategie zur Künstlichen Intelligenz"
    assert doc.core_properties.language == "de-DE"


def test_letterhead_with_page_numbers_gets_no_second_pair(tmp_path: Path) -> None:
    first = build(tmp_path)  # has a page-number footer already
    again = build_letter(make_spec(), tmp_path / "zweiter.docx", first)
    doc = docx.Document(str(again))
    footer = doc.sections[0].footer
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [p.text for p in doc.paragraphs][0] == "Strategie zur Künstlichen Intelligenz"


def test_word_template_dotx_is_accepted(tmp_path: Path, letterhead: Path) -> None:
    template = tmp_path / "briefkopf.dotx"
    with zipfile.ZipFile(letterhead) as source, zipfile.ZipFile(template, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    doc = docx.Document(str(build(tmp_path, letterhead=template)))
    assert "GRÜNE" in doc.sections[0].header.paragraphs[0].text


def test_broken_letterhead_gives_german_error(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.docx"
    broken.write_text("kein Word")
    with pytest.raises(LetterError, match="keine lesbare Word-Datei"):
        build(tmp_path, letterhead=broken)
    with pytest.raises(LetterError, match="Briefkopf"):
        build(tmp_path, letterhead=tmp_path / "fehlt.docx")


# --- robustness -------------------------------------------------------------------------


def test_control_characters_and_lone_surrogates_do_not_crash(tmp_path: Path) -> None:
    junk = "A\x00B\x07C\x1bD\ud800E\ufffeF\x0cG"
    spec = make_spec(
        title=junk,
        sender_line=junk,
        recipient=(junk,),
        info=(("Datum", junk),),
        subject=junk,
        salutation=junk,
        blocks=(Heading(junk), Paragraph(junk), NumberedItem(junk, junk), Quote(junk, junk)),
        signatories=(junk,),
        attachments=(junk,),
        distribution=(junk,),
    )
    doc = docx.Document(str(build(tmp_path, spec)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ABCD" in text
    assert not any(ch in text for ch in "\x00\x07\x1b\ufffe")


def test_hundred_thousand_characters(tmp_path: Path) -> None:
    long_text = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 1800)[:100_000]
    spec = make_spec(
        blocks=(Paragraph(long_text), NumberedItem("1", long_text), Quote(long_text)),
        subject=long_text,
    )
    doc = docx.Document(str(build(tmp_path, spec)))
    lengths = sorted(len(p.text) for p in doc.paragraphs)
    assert lengths[-1] >= 99_000


# --- files ------------------------------------------------------------------------------


def test_missing_folder_gives_german_error(tmp_path: Path) -> None:
    with pytest.raises(LetterError, match="Ordner .* existiert nicht"):
        build_letter(make_spec(), tmp_path / "fehlt" / "brief.docx")


def test_target_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "brief.docx").mkdir()
    with pytest.raises(LetterError, match="ist ein Ordner"):
        build(tmp_path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_read_only_folder_gives_german_error(tmp_path: Path) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LetterError, match="kann nicht geschrieben werden"):
            build_letter(make_spec(), folder / "brief.docx")
    finally:
        folder.chmod(0o700)


def test_unwritable_folder_gives_german_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(LetterError, match="kann nicht geschrieben werden"):
        build(tmp_path)


def test_locked_file_keeps_old_content_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"alte Fassung")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(LetterError, match="gesperrt") as caught:
        build(tmp_path)
    assert "Word" in str(caught.value)
    assert target.read_bytes() == b"alte Fassung"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]


def test_existing_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"alte Fassung")
    build(tmp_path)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2024-04-29 Anfrage Strategie zur KI", "2024-04-29 Anfrage Strategie zur KI.docx"),
        ("Anfrage: KI/Digitalisierung?", "Anfrage - KI-Digitalisierung.docx"),
        ('Antwort "Kreis" <Entwurf> * | \\ ', "Antwort 'Kreis' Entwurf - -.docx"),
        ("Zeile\nmit\tTab\x00und\x1fSteuerzeichen", "Zeile mit Tab und Steuerzeichen.docx"),
        ("Ende mit Punkt...", "Ende mit Punkt.docx"),
        ("  ...versteckt", "versteckt.docx"),
        ("CON", "_CON.docx"),
        ("nul", "_nul.docx"),
        ("com1.backup", "_com1.backup.docx"),
        ("Console", "Console.docx"),
        ("", "Dokument.docx"),
        ("???", "Dokument.docx"),
        ("Überfällig ä ö ü ß", "Überfällig ä ö ü ß.docx"),
    ],
)
def test_safe_filename(stem: str, expected: str) -> None:
    assert safe_filename(stem) == expected


def test_safe_filename_length_and_suffix() -> None:
    name = safe_filename("Anfrage " + "sehr lang " * 40)
    assert len(name) <= 120 and name.endswith(".docx")
    assert not name[:-5].endswith((" ", "."))
    assert safe_filename("Besprechung", ".pdf") == "Besprechung.pdf"
    assert safe_filename("Besprechung", "pdf") == "Besprechung.pdf"
    for bad in '/:*?"<>|\\':
        assert bad not in safe_filename(f"a{bad}b")


# --- report -----------------------------------------------------------------------------


def test_report_with_headings_and_table(tmp_path: Path) -> None:
    out = build_report(
        "Sitzungsvorbereitung Kreistag 12.06.2024",
        (
            Heading("Überfällige Anfragen", 2),
            Table(
                header=("Anfrage", "Fällig am", "Tage überfällig"),
                rows=(("Strategie zur KI", "27.05.2024", "16"), ("Radwege", "01.06.2024", "11")),
            ),
            Paragraph("Stand: 12.06.2024"),
            NumberedItem("1", "Nachfrage zu Frage 3 stellen"),
        ),
        tmp_path / "bericht.docx",
    )
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == "Sitzungsvorbereitung Kreistag 12.06.2024"
    assert doc.paragraphs[0].style.name == "Heading 1"
    assert doc.paragraphs[1].style.name == "Heading 2"
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Anfrage", "Fällig am", "Tage überfällig"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[2].cells] == ["Radwege", "01.06.2024", "11"]
    assert doc.core_properties.title == "Sitzungsvorbereitung Kreistag 12.06.2024"
    assert doc.core_properties.language == "de-DE"
    instructions = [t.text.strip() for t in doc.sections[0].footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert numbered(doc)[0][0] == "Nachfrage zu Frage 3 stellen"
    assert doc.paragraphs[2].paragraph_format.space_before > 0  # gap after the table


def test_report_on_letterhead(tmp_path: Path, letterhead: Path) -> None:
    out = build_report("Überblick", (Paragraph("Text"),), tmp_path / "b.docx", letterhead)
    doc = docx.Document(str(out))
    assert "GRÜNE" in doc.sections[0].header.paragraphs[0].text
    assert [p.text for p in doc.paragraphs] == ["Überblick", "Text"]


def test_floating_shapes_of_the_letterhead_body_stay_on_page_one(tmp_path: Path) -> None:
    doc = docx.Document()
    run = doc.add_paragraph("Faltmarken")._p.add_r()
    run.append(OxmlElement("w:pict"))  # a VML shape, e.g. fold marks anchored in the body
    path = tmp_path / "kopf.docx"
    doc.save(str(path))
    letter = docx.Document(str(build(tmp_path, letterhead=path)))
    subject = letter.paragraphs[0]
    assert subject.text == "Strategie zur Künstlichen Intelligenz"
    assert subject._p.find(f"{qn('w:r')}/{qn('w:pict')}") is not None
    assert "Faltmarken" not in "\n".join(p.text for p in letter.paragraphs)


def test_letterhead_of_two_sections_uses_the_first_page_design(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Briefkopf Seite 1"
    doc.add_paragraph("Seite 1")
    second = doc.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Folgeseiten"
    path = tmp_path / "kopf.docx"
    doc.save(str(path))
    letter = docx.Document(str(build(tmp_path, letterhead=path)))
    assert len(letter.sections) == 1
    assert letter.sections[0].header.paragraphs[0].text == "Briefkopf Seite 1"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(label=st.text(max_size=12), text=st.text(max_size=200))
def test_any_text_and_label_make_a_readable_letter(tmp_path: Path, label: str, text: str) -> None:
    spec = make_spec(
        subject=text or "x",
        blocks=(Paragraph(text), NumberedItem(label, text), Quote(text, text), Heading(text, 7)),
        signatories=(text,),
    )
    out = build_letter(spec, tmp_path / "h.docx")
    doc = docx.Document(str(out))
    assert doc.paragraphs


def test_letters_built_one_after_another_share_nothing_but_the_set_up(tmp_path: Path) -> None:
    """The plain page is set up once and copied: no letter sees another's text or settings."""
    first = build_letter(make_spec(subject="Erster Brief"), tmp_path / "eins.docx")
    report = build_report("Sitzungsübersicht", (Paragraph("Nur im Bericht."),), tmp_path / "r.docx")
    quotes = (Quote("Erstes Zitat.", "Antwort zu 1"), Quote("Zweites Zitat.\n\nAbsatz.", "Zu 2"))
    second = build_letter(make_spec(subject="Zweiter Brief", blocks=quotes), tmp_path / "zwei.docx")
    texts = [" ".join(p.text for p in docx.Document(str(f)).paragraphs) for f in (first, second)]
    assert "Erster Brief" in texts[0] and "Zweiter Brief" not in texts[0]
    assert "Zweiter Brief" in texts[1] and "Erster Brief" not in texts[1]
    assert "Nur im Bericht" not in texts[0] + texts[1]
    letter, brief = docx.Document(str(second)), docx.Document(str(report))
    assert round(letter.sections[0].top_margin.mm) == 27
    assert round(brief.sections[0].top_margin.mm) == 20
    cited = [p for p in letter.paragraphs if p.style.name == "Quote"]
    assert [p.text for p in cited] == [
        "Erstes Zitat.\n— Antwort zu 1",
        "Zweites Zitat.",
        "Absatz.\n— Zu 2",
    ]
    for paragraph in cited:
        assert paragraph.runs[0].italic
        assert round(paragraph.paragraph_format.left_indent.mm) == 10
        assert paragraph.paragraph_format.keep_with_next
    assert cited[0].runs[-1].font.size.pt == 9  # the source in 9 pt, upright
    assert cited[0].runs[-1].italic is False
