"""File names that work on every desktop system, and saving without half-written files."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from anfrage_desk.letters.spec import LetterError
from anfrage_desk.os_errors import describe
from anfrage_desk.textclean import clean_text

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

MAX_NAME = 120
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{device}{n}" for device in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_REPLACEMENTS = str.maketrans(
    {":": " -", "/": "-", "\\": "-", "|": "-", '"': "'", "*": "", "?": "", "<": "", ">": ""}
)


def safe_filename(stem: str, suffix: str = ".docx") -> str:
    """A file name valid on Windows, macOS and Linux, at most 120 characters with suffix.

    "2024-04-29 Anfrage: Strategie zur KI?" -> "2024-04-29 Anfrage - Strategie zur KI.docx"
    """
    suffix = "".join(ch for ch in clean_text(suffix) if ch.isalnum() or ch == ".")
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    suffix = suffix[:16]
    stem = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in stem)
    name = unicodedata.normalize("NFC", clean_text(stem)).translate(_REPLACEMENTS)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    name = " ".join(name.split())
    name = _trim(name)
    name = _trim(name[: MAX_NAME - len(suffix)])
    if not name:
        name = "Dokument"
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = "_" + name
    return name + suffix


def _trim(name: str) -> str:
    """No leading dots (hidden files) or spaces, no trailing dots or spaces (Windows)."""
    return name.lstrip(". ").rstrip(". ")


def save_docx(doc: DocxDocument, out: Path) -> Path:
    """Write to a temporary file next to `out`, then replace `out` in one step.

    A crash or a full disk never leaves a half-written letter under the real name, and an
    existing file is only replaced by a complete one. Only a regular file or a new name is a
    target: a pipe, a device or a socket is never replaced by a file, and a symbolic link to
    a letter keeps being a link (the letter it points to is replaced).
    """
    out = export_target(Path(out))
    folder = out.parent
    if not folder.is_dir():
        raise LetterError(
            f"Der Ordner „{folder}“ existiert nicht. Bitte einen vorhandenen Ordner wählen."
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LetterError(
            f"In den Ordner „{folder}“ kann nicht geschrieben werden (keine Berechtigung oder "
            "Datenträger voll). Bitte einen anderen Ordner wählen."
        ) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            doc.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(out, temp)
        os.replace(temp, out)
    except PermissionError as exc:
        raise LetterError(
            f"Die Datei „{out.name}“ ist schreibgeschützt oder gesperrt, vielleicht ist sie "
            "gerade in Word geöffnet. Bitte sie dort schließen und erneut speichern."
        ) from exc
    except OSError as exc:
        raise LetterError(
            f"Die Datei „{out.name}“ konnte nicht gespeichert werden ({describe(exc)}). "
            "Bitte einen anderen Ordner wählen oder Platz auf dem Datenträger schaffen."
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return out


def export_target(out: Path) -> Path:
    """The file a letter may be written to: ``out`` itself, or the file its link points to.

    Raises LetterError for a folder or anything that is not a regular file.
    """
    try:
        info = os.stat(out)  # follows links: what would really be replaced
    except FileNotFoundError:
        return out
    except OSError as exc:
        raise LetterError(f"„{out}“ kann nicht geprüft werden ({describe(exc)}).") from exc
    if stat.S_ISDIR(info.st_mode):
        raise LetterError(f"„{out}“ ist ein Ordner. Bitte einen Dateinamen angeben.")
    if not stat.S_ISREG(info.st_mode):
        raise LetterError(
            f"„{out}“ ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein Gerät) und "
            "wird nicht ersetzt. Bitte einen anderen Dateinamen wählen."
        )
    return out.resolve() if out.is_symlink() else out


def _copy_mode(existing: Path, temp: Path) -> None:
    """mkstemp creates the file readable by its owner only; keep the usual permissions."""
    with contextlib.suppress(OSError):
        mode = existing.stat().st_mode & 0o777 if existing.exists() else 0o644
        os.chmod(temp, mode)
