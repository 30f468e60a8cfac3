"""Reading .txt, .docx and .pdf files (anfrage_desk.importers) with files made in the test."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

import anfrage_desk.importers as importers
from anfrage_desk.importers import UnreadableFile, read_document, read_text_bytes

TEXT = "Anfrage zur Müllabfuhr – „Straße“ für Bürgerinnen\n1. Wie hoch ist der Krankenstand?\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16"],
)
def test_text_encodings(tmp_path: Path, data: bytes) -> None:
    result = read_document(write(tmp_path, "anfrage.txt", data))
    assert result.text == TEXT
    assert result.kind == "txt" and result.file_name == "anfrage.txt" and result.data == data


def test_text_is_cleaned(tmp_path: Path) -> None:
    data = "Zeile\x01eins\r\nZeile\u00a0zwei\x07".encode()
    assert read_document(write(tmp_path, "a.txt", data)).text == "Zeileeins\nZeile zwei"
    assert read_text_bytes("Ab\u00adsatz\r\n".encode()) == "Absatz\n"


def test_binary_renamed_to_txt(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(UnreadableFile, match="keine Textdatei"):
        read_document(write(tmp_path, "bild.txt", png))
    with pytest.raises(UnreadableFile, match="keine Textdatei"):
        read_text_bytes(b"abc\x00\x01\x02def" * 20)


def test_empty_and_missing_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnreadableFile, match="leer"):
        read_document(write(tmp_path, "leer.txt", b" \n "))
    with pytest.raises(UnreadableFile, match="nicht gefunden"):
        read_document(tmp_path / "gibt-es-nicht.pdf")
    monkeypatch.setattr(importers, "MAX_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="zu groß"):
        read_document(write(tmp_path, "gross.txt", b"x" * 2000))


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Stellungnahme zur Anfrage")
    p = document.add_paragraph()
    p.add_run("1. Wie viele Anträge gingen ein?").bold = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Jahr"
    table.cell(0, 1).text = "Anträge"
    table.cell(1, 0).text = "2023"
    table.cell(1, 1).text = "43"
    document.add_paragraph("Mit freundlichen Grüßen")
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_document(write(tmp_path, "antwort.docx", buffer.getvalue()))
    assert result.kind == "docx"
    text = result.text
    assert "**1. Wie viele Anträge gingen ein?**" in text
    assert text.index("Stellungnahme") < text.index("Jahr\tAnträge") < text.index("2023\t43")
    assert text.index("2023\t43") < text.index("Mit freundlichen Grüßen")


def test_docx_detected_by_content_and_corrupt_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Inhalt")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_document(write(tmp_path, "ohne-endung", buffer.getvalue())).kind == "docx"
    with pytest.raises(UnreadableFile, match="Word-Datei"):
        read_document(write(tmp_path, "kaputt.docx", b"PK\x03\x04" + b"nonsense" * 50))


def _pdf_with_text(text: str) -> bytes:
    """A minimal one-page PDF with a Helvetica text line (hand-built, so pypdf can read it)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    result = read_document(write(tmp_path, "antwort.pdf", _pdf_with_text("Zu 1: Nein.")))
    assert result.kind == "pdf"
    assert "Zu 1: Nein." in result.text


def test_pdf_without_text_encrypted_and_corrupt(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableFile, match=r"keinen Text \(eingescannt\?\)"):
        read_document(write(tmp_path, "scan.pdf", buffer.getvalue()))
    writer.encrypt("geheim")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(UnreadableFile, match="verschlüsselt"):
        read_document(write(tmp_path, "geheim.pdf", locked.getvalue()))
    with pytest.raises(UnreadableFile, match="beschädigt|nicht als PDF"):
        read_document(write(tmp_path, "kaputt.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 40))
