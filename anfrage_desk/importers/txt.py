"""Plain text files and pasted bytes: UTF-8 (with or without BOM), UTF-16, Windows-1252."""

from __future__ import annotations

import codecs

from anfrage_desk.importers.errors import UnreadableFile
from anfrage_desk.textclean import clean_text

_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",  # OLE: .doc, .xls, .msg
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"MZ",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def read_text_bytes(data: bytes, name: str = "Der Text") -> str:
    """Decode text bytes whatever their encoding; raise UnreadableFile for binary data."""
    label = f"„{name}“" if name != "Der Text" else name
    if data.startswith(codecs.BOM_UTF8):
        return clean_text(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return clean_text(data.decode("utf-16", errors="replace"))
    if _looks_binary(data):
        raise UnreadableFile(
            f"{label} ist keine Textdatei. Bitte eine .txt-, .docx- oder .pdf-Datei wählen."
        )
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text: str | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            enc = best.encoding.lower().replace("_", "-")
            # German office text that is not UTF-8 is practically always Windows-1252;
            # the detector sometimes names a close relative that maps umlauts differently.
            if enc not in ("cp1252", "windows-1252", "iso-8859-1", "latin-1", "iso-8859-15"):
                enc = "cp1252" if _cp1252_plausible(data) else enc
            text = data.decode(enc, errors="replace")
    except (ImportError, LookupError):
        text = None
    if text is None:
        text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def _cp1252_plausible(data: bytes) -> bool:
    """True when the high bytes are the usual German letters and quotes of Windows-1252."""
    common = set(b"\xe4\xf6\xfc\xc4\xd6\xdc\xdf\x84\x93\x94\x96\x97\x80\xe9\xa7\xb0\xb2\xb3")
    high = [b for b in data if b >= 0x80]
    return bool(high) and sum(1 for b in high if b in common) >= 0.8 * len(high)
