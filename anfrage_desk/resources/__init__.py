"""The files shipped inside the package: phrase lists, letter texts, the example, the icon.

Every caller finds them through :func:`path`, which asks ``importlib.resources``; so a wheel in
site-packages, an editable install and a PyInstaller bundle all read the same files. The app runs
:func:`check` at start: a missing or unreadable file stops it with a German message instead of
an assessment that silently knows no phrases.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources as _importlib_resources
from pathlib import Path

# What the app cannot work without. ``tests/test_resources.py`` keeps this list equal to the
# files in this folder, so a new phrase list or letter text cannot be forgotten here.
REQUIRED = (
    "phrases/attachment.txt",
    "phrases/competence.txt",
    "phrases/deferral.txt",
    "phrases/elsewhere.txt",
    "phrases/hedge.txt",
    "phrases/moot.txt",
    "phrases/not_known.txt",
    "phrases/premise.txt",
    "phrases/reference.txt",
    "phrases/refusal.txt",
    "phrases/secrecy.txt",
    "phrases/stance.txt",
    "phrases/unavailable.txt",
    "assess/weights.json",
    "letters/anfrage.ini",
    "letters/nachfrage.ini",
    "example/anfrage-2024-04-29.txt",
    "example/antwort-2024-05-15.txt",
    "icons/anfrage-desk.png",
)


class MissingResource(Exception):
    """A shipped file is missing or unreadable; the message is a German sentence for the user."""


def path(*parts: str) -> Path:
    """The file or folder ``parts`` below this package, as a real path on disk.

    Wheels, editable installs and PyInstaller bundles keep package data as plain files; a
    zipped install does not, and is refused here rather than failing later at some read.
    """
    found = _importlib_resources.files(__name__).joinpath(*parts)
    if not isinstance(found, Path):
        raise MissingResource(
            "Anfrage-Desk ist unvollständig installiert: die mitgelieferten Dateien liegen nicht "
            f"als Dateien vor ({found}). Bitte die App neu installieren."
        )
    return found


def check(names: Iterable[str] = REQUIRED) -> None:
    """Raise :class:`MissingResource` naming every required file that is missing or unreadable."""
    problems: list[str] = []
    for name in names:
        file = path(*name.split("/"))
        try:
            data = file.read_bytes()
            if file.suffix in {".txt", ".ini"}:
                data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "fehlt" if isinstance(exc, FileNotFoundError) else "ist nicht lesbar"
            problems.append(f"{name} {reason}")
    if problems:
        raise MissingResource(
            "Anfrage-Desk ist unvollständig installiert, mitgelieferte Dateien fehlen oder sind "
            f"beschädigt: {'; '.join(problems)} (in {path()}). Bitte die App neu installieren."
        )
