"""Lay out a DIN 5008 letter in a document prepared by `base.open_base`.

Layout of a letter, DIN 5008 Form B (A4, all measures from the top left corner of the page):
- letterhead 0-45 mm; address field 45-90 mm, 85 mm wide, text from 25 mm: return address at
  the bottom of the 17.7 mm Zusatz- und Vermerkzone, the recipient in the 27.3 mm below;
- information block from 125 mm to the right margin, starting 50 mm from the top;
- subject about two lines below the address field, in bold;
- text between 25 mm (left) and 20 mm (right).
The address field and information block sit side by side in a borderless one-row table, so
they stay in place whatever the document's fonts are. The page top margin stays small for the
follow pages; the first page's 45 mm are reached by spacing inside that table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt

from anfrage_desk.letters import ooxml
from anfrage_desk.letters.base import open_base
from anfrage_desk.letters.body import GAP, add_blocks, clean, one_line, spacing
from anfrage_desk.letters.spec import Block, LetterSpec, Paragraph

# open_base is re-exported: services check a letterhead with it.
__all__ = ["compose_letter", "open_base"]

ADDRESS_TOP = Mm(45)
ZUSATZ_ZONE = Mm(17.7)
INFO_TOP = Mm(50)
INFO_LEFT = Mm(125)
SIGNATURE_SPACE = Pt(40)
WINDOW_TEXT_WIDTH = Mm(80)  # address field 85 mm from 20 mm; text starts at 25 mm


# --- letter -----------------------------------------------------------------------------


def compose_letter(
    doc: DocxDocument, spec: LetterSpec, floating: list[Any], *, plain: bool
) -> None:
    section = doc.sections[0]
    if plain:
        _plain_letterhead(section, spec.sender_line)
    _address_and_info(doc, section, spec)
    subject = doc.add_paragraph()
    spacing(subject, before=Pt(24), after=Pt(20))
    subject.add_run(_subject(spec.subject)).bold = True
    for run in floating:
        subject._p.append(run)
    blocks = spec.blocks
    if spec.salutation.strip():
        spacing(doc.add_paragraph(one_line(spec.salutation)), after=GAP)
        if spec.salutation.rstrip().endswith(","):
            blocks = after_salutation(blocks)
    add_blocks(doc, blocks)
    if spec.closing.strip():
        _keep_last_paragraph_with_next(doc)  # the closing never stands alone on a page
        closing = doc.add_paragraph(one_line(spec.closing))
        spacing(closing, before=Pt(6), keep_next=bool(spec.signatories))
    _signatures(doc, section, spec.signatories)
    count = len([a for a in spec.attachments if a.strip()])
    _labelled_lines(doc, "Anlage" if count == 1 else "Anlagen", spec.attachments)
    _labelled_lines(doc, "Verteiler", spec.distribution)


# Words that start a sentence but are written small after "Sehr geehrte …,". "Sie", "Ihre"
# (the polite form) and nouns keep their capital.
_SMALL_AFTER_SALUTATION = frozenset(
    [
        "die",
        "der",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "wir",
        "ich",
        "es",
        "er",
        "man",
        "mit",
        "in",
        "im",
        "am",
        "an",
        "zu",
        "zur",
        "zum",
        "nach",
        "vor",
        "seit",
        "für",
        "auf",
        "aus",
        "bei",
        "von",
        "vom",
        "über",
        "unter",
        "um",
        "als",
        "da",
        "dass",
        "wie",
        "wenn",
        "bitte",
        "vielen",
        "herzlichen",
        "hiermit",
        "hierzu",
        "gemäß",
        "laut",
        "unsere",
        "unser",
        "unseren",
        "unserer",
        "namens",
        "anbei",
        "zunächst",
        "leider",
        "gerne",
        "gern",
        "aufgrund",
        "angesichts",
    ]
)


def after_salutation(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """DIN 5008: after "Sehr geehrter Herr …," the text goes on in small letters."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return blocks
    text = blocks[0].text.lstrip()
    word = re.match(r"\w+", text)
    if word is None or word.group(0).lower() not in _SMALL_AFTER_SALUTATION:
        return blocks
    if not word.group(0)[0].isupper() or word.group(0).isupper() and len(word.group(0)) > 1:
        return blocks
    return (Paragraph(text[0].lower() + text[1:]), *blocks[1:])


def _keep_last_paragraph_with_next(doc: DocxDocument) -> None:
    paragraphs = doc.paragraphs
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = True


def _plain_letterhead(section: Section, sender_line: str) -> None:
    """Without a letterhead of the user's: the sender's name in the first page's header."""
    parts = [p.strip() for p in re.split(r"[·|]", one_line(sender_line)) if p.strip()]
    section.different_first_page_header_footer = True  # page numbers from page 2 on
    if not parts:
        return
    paragraph = section.first_page_header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name = paragraph.add_run(parts[0])
    name.bold = True
    name.font.size = Pt(14)
    if len(parts) > 1:
        rest = paragraph.add_run("\n" + " · ".join(parts[1:]))
        rest.font.size = Pt(8)


def _address_and_info(doc: DocxDocument, section: Section, spec: LetterSpec) -> None:
    left = section.left_margin if section.left_margin is not None else Mm(25)
    top = section.top_margin if section.top_margin is not None else Mm(25)
    text_width = _text_width(section)
    info_width = max(Mm(50), text_width - max(INFO_LEFT - left, 0))
    address_width = text_width - info_width
    offset = max(ADDRESS_TOP - top, 0)  # page 1 only: from the top margin down to 45 mm

    table = doc.add_table(rows=1, cols=2)
    _layout_table(table, (address_width, info_width))
    row = table.rows[0]
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row.height = Emu(offset + Mm(45))
    ooxml.set_table_caption(table, "Anschrift und Bezugszeichen")
    address, info = row.cells

    lines = [one_line(line) for line in spec.recipient if one_line(line)]
    first = address.paragraphs[0]
    sender = one_line(spec.sender_line)
    window_indent = Emu(max(address_width - WINDOW_TEXT_WIDTH, 0))
    if sender:
        size, line_count = _return_address_size(sender)
        first.add_run(sender).font.size = Pt(size)
        first.paragraph_format.line_spacing = Pt(size + 1)
        first.paragraph_format.right_indent = window_indent
        spacing(first, before=Emu(offset + ZUSATZ_ZONE - line_count * Pt(size + 1)))
    for index, line in enumerate(lines):
        if sender or index:
            paragraph = address.add_paragraph(line)
            spacing(paragraph)
        else:
            paragraph = first
            paragraph.add_run(line)
            spacing(paragraph, before=Emu(offset + ZUSATZ_ZONE))
        paragraph.paragraph_format.right_indent = window_indent

    rows = [(one_line(label), one_line(value)) for label, value in spec.info if one_line(value)]
    label_width = Mm(32) if info_width >= Mm(60) else Emu(info_width // 2)
    for index, (label, value) in enumerate(rows):
        paragraph = info.paragraphs[0] if index == 0 else info.add_paragraph()
        paragraph.add_run(f"{label}\t{value}").font.size = Pt(9)
        fmt = paragraph.paragraph_format
        fmt.tab_stops.add_tab_stop(label_width, WD_TAB_ALIGNMENT.LEFT)
        fmt.left_indent = label_width
        fmt.first_line_indent = Emu(-label_width)
        before = Emu(offset + INFO_TOP - ADDRESS_TOP) if index == 0 else Pt(0)
        spacing(paragraph, before=before, after=Pt(1))


def _return_address_size(sender: str) -> tuple[float, int]:
    """Font size and expected line count of the return address: 7 pt, smaller if long.

    The line must end at the bottom of the Zusatz- und Vermerkzone so that the recipient
    starts at the right height; its width is estimated (half an em per character).
    """
    width_pt = WINDOW_TEXT_WIDTH.pt
    for size in (7.0, 6.5, 6.0):
        if len(sender) * size * 0.5 <= width_pt:
            return size, 1
    return 6.0, min(3, 1 + int(len(sender) * 6.0 * 0.5 // width_pt))


def _subject(text: str) -> str:
    """DIN 5008: no word "Betreff", no full stop."""
    subject = re.sub(r"^\s*betreff\s*:?\s*", "", clean(text), flags=re.IGNORECASE).strip()
    if subject.endswith(".") and not subject.endswith(".."):
        subject = subject[:-1].rstrip()
    return subject


def _signatures(doc: DocxDocument, section: Section, signatories: Sequence[str]) -> None:
    names = [clean(name).strip() for name in signatories if clean(name).strip()]
    if not names:
        return
    per_row = 2 if len(names) == 4 else min(len(names), 3)
    rows = -(-len(names) // per_row)
    width = _text_width(section)
    left = section.left_margin if section.left_margin is not None else Mm(25)
    first_width = INFO_LEFT - left
    widths: tuple[Emu, ...] = tuple(Emu(width // per_row) for _ in range(per_row))
    if per_row == 2 and Mm(60) <= first_width <= width - Mm(50):
        widths = (Emu(first_width), Emu(width - first_width))  # 2nd under the info block
    table = doc.add_table(rows=rows, cols=per_row)
    _layout_table(table, widths)
    ooxml.set_table_caption(table, "Unterschriften")
    ooxml.forbid_row_split(table)
    for index, name in enumerate(names):
        cell = table.cell(index // per_row, index % per_row)
        paragraph = cell.paragraphs[0]
        paragraph.add_run(re.sub(r"\n\s*\n+", "\n", name))
        spacing(paragraph, before=SIGNATURE_SPACE, keep_next=index // per_row < rows - 1)


def _labelled_lines(doc: DocxDocument, label: str, items: Iterable[str]) -> None:
    lines = [one_line(item) for item in items if one_line(item)]
    if not lines:
        return
    heading = doc.add_paragraph()
    heading.add_run(label).bold = True
    spacing(heading, before=Pt(18), keep_next=True)
    for index, line in enumerate(lines):
        spacing(doc.add_paragraph(line), keep_next=index < len(lines) - 1)


# --- helpers ----------------------------------------------------------------------------


def _layout_table(table: Any, widths: tuple[Length | int, ...]) -> None:
    """A borderless table of fixed column widths whose text aligns with the page margin."""
    table.autofit = False
    ooxml.set_borders(table, "nil")
    ooxml.set_cell_margins(table, left=0, right=113)
    ooxml.set_table_width(table, sum(ooxml.twips(w) for w in widths))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
        for cell in column.cells:
            cell.width = Emu(width)


def _text_width(section: Section) -> int:
    page = section.page_width if section.page_width is not None else Mm(210)
    left = section.left_margin if section.left_margin is not None else Mm(25)
    right = section.right_margin if section.right_margin is not None else Mm(20)
    return int(page - left - right)
