"""PDF files through pypdf's text layer (scanned PDFs without one are refused clearly)."""

from __future__ import annotations

import io
import logging

from anfrage_desk.importers.errors import UnreadableFile
from anfrage_desk.textclean import clean_text


def read_pdf_bytes(data: bytes, name: str = "Die PDF-Datei") -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise UnreadableFile("PDF-Dateien können nicht gelesen werden (pypdf fehlt).") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise UnreadableFile(
                    f"„{name}“ ist verschlüsselt und kann ohne Passwort nicht gelesen werden."
                ) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except DependencyError as exc:  # AES without the cryptography package
        raise UnreadableFile(
            f"„{name}“ ist verschlüsselt (AES); zum Lesen fehlt das Python-Paket „cryptography“. "
            "Bitte installieren Sie Anfrage-Desk vollständig neu."
        ) from exc
    except FileNotDecryptedError as exc:
        raise UnreadableFile(
            f"„{name}“ ist verschlüsselt und kann ohne Passwort nicht gelesen werden."
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableFile(f"„{name}“ ist beschädigt oder keine gültige PDF-Datei.") from exc
    except Exception as exc:
        raise UnreadableFile(f"„{name}“ kann nicht als PDF gelesen werden.") from exc
    text = clean_text("\n\n".join(pages))
    if not text.strip():
        raise UnreadableFile(
            "Die PDF-Datei enthält keinen Text (eingescannt?). Bitte eine Fassung mit "
            "Textebene verwenden oder den Text aus einer Texterkennung (OCR) einfügen."
        )
    return text
