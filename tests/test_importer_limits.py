"""Importers against hostile or unusual files: ZIP bombs, encrypted PDFs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from anfrage_desk.importers import UnreadableFile, read_document
from anfrage_desk.importers.errors import MAX_UNPACKED_BYTES


def _letter_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Zu 1: Die Verwaltung hat 14 Radwege gebaut.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _padded_docx(path: Path, extra_bytes: int) -> Path:
    """The letter plus a large part (as a big embedded picture would be)."""
    with (
        zipfile.ZipFile(io.BytesIO(_letter_docx())) as good,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in good.infolist():
            out.writestr(item.filename, good.read(item))
        out.writestr("word/media/bild.bin", b"\0" * extra_bytes)
    return path


def test_docx_just_below_the_cap_is_read(tmp_path: Path) -> None:
    path = _padded_docx(tmp_path / "gross.docx", MAX_UNPACKED_BYTES - 1_000_000)
    assert path.stat().st_size < 1_000_000
    assert "14 Radwege" in read_document(path).text


def test_docx_above_the_cap_is_refused(tmp_path: Path) -> None:
    path = _padded_docx(tmp_path / "zu-gross.docx", MAX_UNPACKED_BYTES + 1)
    with pytest.raises(UnreadableFile, match="entpackt"):
        read_document(path)


def test_docx_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "viele.docx"
    with (
        zipfile.ZipFile(io.BytesIO(_letter_docx())) as good,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in good.infolist():
            out.writestr(item.filename, good.read(item))
        for i in range(6000):
            out.writestr(f"word/media/leer{i}.bin", b"")
    with pytest.raises(UnreadableFile, match="entpackt"):
        read_document(path)


def _pdf_with_text(text: str) -> PdfWriter:
    """A one-page PDF with a text line (content stream written by hand)."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    return writer


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdf_with_empty_password_is_read(tmp_path: Path, algorithm: str) -> None:
    writer = _pdf_with_text("Zu 1: Es gibt 14 Radwege.")
    writer.encrypt(user_password="", owner_password="verwaltung", algorithm=algorithm)
    path = tmp_path / "antwort.pdf"
    with open(path, "wb") as out:
        writer.write(out)
    assert "14 Radwege" in read_document(path).text


def test_pdf_with_a_real_password_is_named_encrypted(tmp_path: Path) -> None:
    writer = _pdf_with_text("Geheim")
    writer.encrypt(user_password="geheim", owner_password="verwaltung", algorithm="AES-256")
    path = tmp_path / "antwort.pdf"
    with open(path, "wb") as out:
        writer.write(out)
    with pytest.raises(UnreadableFile, match="verschlüsselt"):
        read_document(path)
