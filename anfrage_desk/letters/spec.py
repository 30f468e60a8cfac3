"""What a letter or report consists of: plain frozen data, no python-docx."""

from __future__ import annotations

from dataclasses import dataclass


class LetterError(Exception):
    """A letter could not be written; the message is a German sentence for the user."""


@dataclass(frozen=True)
class Paragraph:
    """Body text. A blank line starts a new paragraph, a single newline breaks the line."""

    text: str


@dataclass(frozen=True)
class NumberedItem:
    """One question, shown as an item of a real numbered list.

    label: "3" becomes "3.", "3a" becomes the sub-item "a)" below 3. Labels that are no
    number (e.g. "IV") are shown as written.
    """

    label: str
    text: str


@dataclass(frozen=True)
class Quote:
    """An indented, italic quotation, e.g. the original question and answer in a Nachfrage."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading with a real heading style (level 1-9), e.g. "Vorbemerkung"."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Table:
    """A simple grid for reports; the header row repeats on every page."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | NumberedItem | Quote | Heading


@dataclass(frozen=True)
class LetterSpec:
    """A DIN 5008 business letter.

    info: rows of the information block, e.g. ("Ihre Nachricht vom", "15.05.2024");
    rows with an empty value are left out. signatories: "Name\\nFunktion" each, shown side by
    side. attachments / distribution: shown under "Anlage(n)" / "Verteiler" only if given.
    """

    title: str
    sender_line: str
    recipient: tuple[str, ...]
    info: tuple[tuple[str, str], ...]
    subject: str
    salutation: str
    blocks: tuple[Block, ...]
    closing: str = "Mit freundlichen Grüßen"
    signatories: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
