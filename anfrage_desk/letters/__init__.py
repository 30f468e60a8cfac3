"""Letters (Anfrage, Nachfrage, Erinnerung) and the meeting brief as accessible DOCX files.

`build_letter` lays out a DIN 5008 business letter, on a plain A4 page or on the user's own
letterhead; `build_report` writes a simple A4 report. Both save atomically and raise
`LetterError` with a German message when the file cannot be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from anfrage_desk.letters.files import safe_filename
from anfrage_desk.letters.spec import (
    Block,
    Heading,
    LetterError,
    LetterSpec,
    NumberedItem,
    Paragraph,
    Quote,
    Table,
)

__all__ = [
    "Block",
    "Heading",
    "LetterError",
    "LetterSpec",
    "NumberedItem",
    "Paragraph",
    "Quote",
    "Table",
    "build_letter",
    "build_report",
    "check_letterhead",
    "safe_filename",
]


def build_letter(spec: LetterSpec, out: Path, letterhead: Path | None = None) -> Path:
    """Write the letter to `out` (replacing it) and return the path."""
    # python-docx is imported on first use: the app's start need not pay for it.
    from anfrage_desk.letters.base import add_page_numbers, open_base, set_properties
    from anfrage_desk.letters.compose import compose_letter
    from anfrage_desk.letters.files import save_docx

    doc, floating = open_base(letterhead)
    compose_letter(doc, spec, floating, plain=letterhead is None)
    author = spec.sender_line.split("·")[0]
    set_properties(doc, spec.title, subject=" ".join(spec.subject.split()), author=author)
    add_page_numbers(doc, first_page=False)  # DIN 5008: numbers on the follow pages
    return save_docx(doc, Path(out))


def build_report(
    title: str,
    blocks: Sequence[Block | Table],
    out: Path,
    letterhead: Path | None = None,
) -> Path:
    """Write a report (e.g. the meeting brief): title as heading 1, then the blocks."""
    from anfrage_desk.letters.base import add_page_numbers, open_base, set_properties
    from anfrage_desk.letters.body import add_blocks
    from anfrage_desk.letters.files import save_docx

    doc, _floating = open_base(letterhead, report=True)
    add_blocks(doc, (Heading(title, 1), *blocks))
    set_properties(doc, title)
    add_page_numbers(doc)
    return save_docx(doc, Path(out))


def check_letterhead(letterhead: Path) -> None:
    """Raise LetterError (German) unless a letter can be built on this file."""
    from anfrage_desk.letters.base import open_base

    open_base(letterhead)
