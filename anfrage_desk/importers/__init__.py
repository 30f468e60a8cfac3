"""Read letters and inquiries from .txt, .docx and .pdf files into cleaned text.

Every import path returns text that went through `clean_text`, so what reaches the splitter,
the database and the letter export has no characters that XML or SQLite FTS reject.
Problems are raised as `UnreadableFile` with a German sentence the UI can show as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from anfrage_desk.importers.errors import MAX_BYTES, UnreadableFile
from anfrage_desk.importers.txt import read_text_bytes

Kind = Literal["txt", "docx", "pdf"]

__all__ = [
    "MAX_BYTES",
    "ImportedText",
    "Kind",
    "UnreadableFile",
    "read_document",
    "read_text_bytes",
]


@dataclass(frozen=True)
class ImportedText:
    """Text of an imported file, with the original bytes for storing alongside."""

    text: str
    file_name: str
    data: bytes
    kind: Kind


def _kind_of(path: Path, data: bytes) -> Kind:
    if data.startswith(b"%PDF"):
        return "pdf"
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04") and suffix in (".docx", ".docm", ".dotx", ""):
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".docx", ".docm", ".dotx"):
        return "docx"
    if suffix == ".doc":
        raise UnreadableFile(
            f"„{path.name}“ ist ein altes Word-Dokument (.doc). Bitte in Word als .docx "
            "speichern und erneut einlesen."
        )
    return "txt"


def read_document(path: Path) -> ImportedText:
    """Read a .txt, .docx or .pdf file (decided by content first, then by extension)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile(f"Die Datei „{path.name}“ wurde nicht gefunden.") from None
    except OSError as exc:
        raise UnreadableFile(
            f"Die Datei „{path.name}“ kann nicht gelesen werden ({exc.strerror})."
        ) from exc
    if size > MAX_BYTES:
        raise UnreadableFile(
            f"Die Datei „{path.name}“ ist mit {size / 1_000_000:.0f} MB zu groß "
            f"(höchstens {MAX_BYTES // 1_000_000} MB)."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(
            f"Die Datei „{path.name}“ kann nicht gelesen werden ({exc.strerror})."
        ) from exc
    if not data.strip():
        raise UnreadableFile(f"Die Datei „{path.name}“ ist leer.")
    kind = _kind_of(path, data)
    if kind == "pdf":
        from anfrage_desk.importers.pdf import read_pdf_bytes

        text = read_pdf_bytes(data, path.name)
    elif kind == "docx":
        from anfrage_desk.importers.docx_file import read_docx_bytes

        text = read_docx_bytes(data, path.name)
    else:
        text = read_text_bytes(data, path.name)
    if not text.strip():
        raise UnreadableFile(f"In der Datei „{path.name}“ steht kein Text.")
    return ImportedText(text=text, file_name=path.name, data=data, kind=kind)
