"""Build letters and reports as python-docx documents, on a plain page or on a letterhead.

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

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import deepcopy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from anfrage_desk.letters import ooxml
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
from anfrage_desk.textclean import clean_text

BODY_FONT = "Arial"
BODY_SIZE = Pt(11)
GAP = Pt(10)  # space after a body paragraph: about one blank line, without a blank line
ADDRESS_TOP = Mm(45)
ZUSATZ_ZONE = Mm(17.7)
INFO_TOP = Mm(50)
INFO_LEFT = Mm(125)
SIGNATURE_SPACE = Pt(40)
WINDOW_TEXT_WIDTH = Mm(80)  # address field 85 mm from 20 mm; text starts at 25 mm

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_FLOATING = {
    qn("wp:anchor"),
    qn("w:pict"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
}


# --- documents --------------------------------------------------------------------------


def open_base(letterhead: Path | None, *, report: bool = False) -> tuple[DocxDocument, list[Any]]:
    """A document to write into, and the floating shapes of the letterhead's body.

    Without a letterhead: python-docx's template set up as A4 with DIN margins and a sober
    style. With one: that document with an empty body; its sections, headers, footers, images
    and styles stay. Floating shapes (logos or fold marks anchored in the body) are returned
    so that they can be anchored again on the first page.
    """
    if letterhead is None:
        doc = docx.Document()
        _plain_page(doc, report=report)
        floating: list[Any] = []
    else:
        doc = _open_letterhead(letterhead)
        floating = _clear_body(doc)
    ooxml.set_language(doc)
    _drop_thumbnail(doc)
    return doc, floating


def _plain_page(doc: DocxDocument, *, report: bool) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin = Mm(20) if report else Mm(27)
    section.bottom_margin = Mm(22)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    ooxml.set_body_font(doc, BODY_FONT, Pt(10) if report else BODY_SIZE)
    normal = ooxml.paragraph_style(doc, "Normal").paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(0), 1.0
    ooxml.plain_heading_styles(doc, BODY_FONT)
    quote = ooxml.paragraph_style(doc, "Quote")
    quote.font.color.rgb = None
    quote.font.italic = True


def _open_letterhead(path: Path) -> DocxDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LetterError(
            f"Der Briefkopf „{path}“ kann nicht gelesen werden. "
            "Bitte in den Einstellungen einen vorhandenen Briefkopf wählen."
        ) from exc
    try:
        return docx.Document(io.BytesIO(_as_document(data)))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise LetterError(
            f"„{path.name}“ ist keine lesbare Word-Datei (.docx oder .dotx) und kann nicht als "
            "Briefkopf dienen."
        ) from exc


def _as_document(data: bytes) -> bytes:
    """A Word template (.dotx) differs from a document only in one content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(item, content)
        return out.getvalue()


def _clear_body(doc: DocxDocument) -> list[Any]:
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    inner = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    floating: list[Any] = []
    for child in list(body):
        if child is final:
            continue
        for run in child.iter(qn("w:r")):
            nested = any(a.tag == qn("w:r") for a in run.iterancestors())
            if not nested and any(e.tag in _FLOATING for e in run.iter()):
                floating.append(run)
        body.remove(child)
    if inner:
        # A letterhead of several sections: its first section carries the first-page design.
        first = deepcopy(inner[0])
        if final is not None:
            body.replace(final, first)
        else:
            body.append(first)
    return floating


def _drop_thumbnail(doc: DocxDocument) -> None:
    """The template's preview picture would show another document in file browsers."""
    rels = doc.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


def set_properties(doc: DocxDocument, title: str, subject: str = "", author: str = "") -> None:
    props = doc.core_properties
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.title = _line(title)[:255]
    props.subject = _line(subject)[:255]
    props.author = _line(author)[:255]
    props.language = ooxml.LANGUAGE
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.last_modified_by = ""
    props.created = now
    props.modified = now
    props.revision = 1


def add_page_numbers(doc: DocxDocument) -> None:
    """ "Seite X von Y" as PAGE/NUMPAGES fields in every footer that has no page number yet."""
    for index, section in enumerate(doc.sections):
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        if doc.settings.odd_and_even_pages_header_footer:
            footers.append(section.even_page_footer)
        for footer in footers:
            if index > 0 and footer.is_linked_to_previous:
                continue
            if ooxml.has_page_field(footer._element):
                continue
            paragraphs = footer.paragraphs
            if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
                paragraph = paragraphs[0]
            else:
                paragraph = footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run_text, field in (("Seite ", "PAGE"), (" von ", "NUMPAGES")):
                paragraph.add_run(run_text)
                ooxml.add_field(paragraph, field, "1")
            for run in paragraph.runs:
                run.font.size = Pt(8)


# --- letter -----------------------------------------------------------------------------


def compose_letter(
    doc: DocxDocument, spec: LetterSpec, floating: list[Any], *, plain: bool
) -> None:
    section = doc.sections[0]
    if plain:
        _plain_letterhead(section, spec.sender_line)
    _address_and_info(doc, section, spec)
    subject = doc.add_paragraph()
    _spacing(subject, before=Pt(24), after=Pt(20))
    subject.add_run(_subject(spec.subject)).bold = True
    for run in floating:
        subject._p.append(run)
    if spec.salutation.strip():
        _spacing(doc.add_paragraph(_line(spec.salutation)), after=GAP)
    add_blocks(doc, spec.blocks)
    if spec.closing.strip():
        closing = doc.add_paragraph(_line(spec.closing))
        _spacing(closing, before=Pt(6), keep_next=bool(spec.signatories))
    _signatures(doc, section, spec.signatories)
    count = len([a for a in spec.attachments if a.strip()])
    _labelled_lines(doc, "Anlage" if count == 1 else "Anlagen", spec.attachments)
    _labelled_lines(doc, "Verteiler", spec.distribution)


def _plain_letterhead(section: Section, sender_line: str) -> None:
    """Without a letterhead of the user's: the sender's name in the first page's header."""
    parts = [p.strip() for p in re.split(r"[·|]", _line(sender_line)) if p.strip()]
    if not parts:
        return
    section.different_first_page_header_footer = True
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

    lines = [_line(line) for line in spec.recipient if _line(line)]
    first = address.paragraphs[0]
    sender = _line(spec.sender_line)
    window_indent = Emu(max(address_width - WINDOW_TEXT_WIDTH, 0))
    if sender:
        size, line_count = _return_address_size(sender)
        first.add_run(sender).font.size = Pt(size)
        first.paragraph_format.line_spacing = Pt(size + 1)
        first.paragraph_format.right_indent = window_indent
        _spacing(first, before=Emu(offset + ZUSATZ_ZONE - line_count * Pt(size + 1)))
    for index, line in enumerate(lines):
        if sender or index:
            paragraph = address.add_paragraph(line)
            _spacing(paragraph)
        else:
            paragraph = first
            paragraph.add_run(line)
            _spacing(paragraph, before=Emu(offset + ZUSATZ_ZONE))
        paragraph.paragraph_format.right_indent = window_indent

    rows = [(_line(label), _line(value)) for label, value in spec.info if _line(value)]
    label_width = Mm(32) if info_width >= Mm(60) else Emu(info_width // 2)
    for index, (label, value) in enumerate(rows):
        paragraph = info.paragraphs[0] if index == 0 else info.add_paragraph()
        paragraph.add_run(f"{label}\t{value}").font.size = Pt(9)
        fmt = paragraph.paragraph_format
        fmt.tab_stops.add_tab_stop(label_width, WD_TAB_ALIGNMENT.LEFT)
        fmt.left_indent = label_width
        fmt.first_line_indent = Emu(-label_width)
        before = Emu(offset + INFO_TOP - ADDRESS_TOP) if index == 0 else Pt(0)
        _spacing(paragraph, before=before, after=Pt(1))


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
    subject = re.sub(r"^\s*betreff\s*:?\s*", "", _clean(text), flags=re.IGNORECASE).strip()
    if subject.endswith(".") and not subject.endswith(".."):
        subject = subject[:-1].rstrip()
    return subject


def _signatures(doc: DocxDocument, section: Section, signatories: Sequence[str]) -> None:
    names = [_clean(name).strip() for name in signatories if _clean(name).strip()]
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
        _spacing(paragraph, before=SIGNATURE_SPACE, keep_next=index // per_row < rows - 1)


def _labelled_lines(doc: DocxDocument, label: str, items: Iterable[str]) -> None:
    lines = [_line(item) for item in items if _line(item)]
    if not lines:
        return
    heading = doc.add_paragraph()
    heading.add_run(label).bold = True
    _spacing(heading, before=Pt(18), keep_next=True)
    for index, line in enumerate(lines):
        _spacing(doc.add_paragraph(line), keep_next=index < len(lines) - 1)


# --- blocks -----------------------------------------------------------------------------


class _Lists:
    """Turns question labels into list items: consecutive labels share one list."""

    _LABEL = re.compile(r"(\d{1,4})\s*[.)]?\s*([a-z])?\s*[.)]?", re.IGNORECASE)

    def __init__(self, doc: DocxDocument) -> None:
        self._doc = doc
        self._num_id = 0
        self._kind = ""
        self._last0 = 0
        self._last1 = 0
        self._parent = 0

    def place(self, paragraph: DocxParagraph, label: str) -> None:
        raw = _line(label).strip()
        match = self._LABEL.fullmatch(raw)
        if not raw:
            number, letter = (self._last0 + 1 if self._kind == "main" else 1), None
        elif match is None:
            literal = raw.replace("%", "")[:20]
            self._start("literal", ooxml.ListFormat(format0="none", text0=literal))
            ooxml.set_numbering(paragraph, self._num_id, 0)
            return
        else:
            number = int(match.group(1))
            letter = ord(match.group(2).lower()) - 96 if match.group(2) else None
        if letter is None:
            if not (self._kind == "main" and number == self._last0 + 1):
                self._start("main", ooxml.ListFormat(start0=number))
            self._last0, self._last1 = number, 0
            ooxml.set_numbering(paragraph, self._num_id, 0)
        elif self._kind == "main" and number == self._last0 and letter == self._last1 + 1:
            self._last1 = letter
            ooxml.set_numbering(paragraph, self._num_id, 1)
        else:
            # a sub-question without its parent in front: show "3b)" in full
            if not (self._kind == "sub" and number == self._parent and letter == self._last1 + 1):
                fmt = ooxml.ListFormat(start0=letter, format0="lowerLetter", text0=f"{number}%1)")
                self._start("sub", fmt)
                self._parent = number
            self._last1 = letter
            ooxml.set_numbering(paragraph, self._num_id, 0)

    def _start(self, kind: str, fmt: ooxml.ListFormat) -> None:
        self._num_id = ooxml.add_list(self._doc, fmt)
        self._kind = kind
        self._last0 = fmt.start0 - 1 if kind == "main" else 0
        self._last1 = 0


def add_blocks(doc: DocxDocument, blocks: Sequence[Block | Table]) -> None:
    lists = _Lists(doc)
    after_table = False
    for block in blocks:
        first: DocxParagraph | None = None
        if isinstance(block, Paragraph):
            for text in _paragraphs(block.text):
                paragraph = doc.add_paragraph(text)
                _spacing(paragraph, after=GAP)
                first = first or paragraph
        elif isinstance(block, Heading):
            text = _line(block.text)
            if text:
                level = min(max(block.level, 1), 9)
                first = doc.add_paragraph(
                    text, style=ooxml.paragraph_style(doc, f"Heading {level}")
                )
        elif isinstance(block, NumberedItem):
            first = doc.add_paragraph(re.sub(r"\n\s*\n+", "\n", _clean(block.text).strip()))
            lists.place(first, block.label)
            _spacing(first, after=Pt(6))
        elif isinstance(block, Quote):
            first = _quote(doc, block)
        elif isinstance(block, Table):
            if _table(doc, block):
                after_table = True
            continue
        if first is not None and after_table:
            first.paragraph_format.space_before = Pt(10)
        after_table = after_table and first is None


def _quote(doc: DocxDocument, block: Quote) -> DocxParagraph | None:
    texts = _paragraphs(block.text)
    source = _line(block.source)
    style = ooxml.paragraph_style(doc, "Quote")
    first: DocxParagraph | None = None
    for index, text in enumerate(texts):
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(text).italic = True
        if source and index == len(texts) - 1:
            cite = paragraph.add_run(f"\n— {source}")
            cite.italic = False
            cite.font.size = Pt(9)
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Mm(10), Mm(10), Pt(0)
        _spacing(paragraph, after=GAP)
        first = first or paragraph
    return first


def _table(doc: DocxDocument, block: Table) -> bool:
    columns = max([len(block.header)] + [len(row) for row in block.rows])
    if columns == 0:
        return False
    header = 1 if block.header else 0
    table = doc.add_table(rows=header + len(block.rows), cols=columns)
    ooxml.set_borders(table, "single")
    ooxml.set_cell_margins(table, left=85, right=85, top=28, bottom=28)
    ooxml.set_table_width(table, None)
    if block.header:
        ooxml.mark_header_row(table)
        for cell, text in zip(table.rows[0].cells, block.header, strict=False):
            cell.paragraphs[0].add_run(_line(text)).bold = True
    for row, values in zip(table.rows[header:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            cell.paragraphs[0].add_run(_clean(text).strip())
    ooxml.forbid_row_split(table)
    return True


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


def _spacing(
    paragraph: DocxParagraph,
    before: Length | int = 0,
    after: Length | int = 0,
    keep_next: bool = False,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Emu(before)
    fmt.space_after = Emu(after)
    if keep_next:
        fmt.keep_with_next = True


def _clean(text: str) -> str:
    return clean_text(text)


def _line(text: str) -> str:
    """One line of text: XML-safe, whitespace runs (also newlines) folded to one space."""
    return " ".join(_clean(text).split())


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines stay as line breaks."""
    parts = re.split(r"\n[ \t]*\n", _clean(text))
    return [part.strip() for part in parts if part.strip()]
