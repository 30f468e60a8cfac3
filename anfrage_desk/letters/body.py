"""The body blocks of letters and reports: paragraphs, headings, questions, quotes, tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.shared import Emu, Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from anfrage_desk.letters import ooxml
from anfrage_desk.letters.spec import Block, Heading, NumberedItem, Paragraph, Quote, Table
from anfrage_desk.textclean import clean_text

GAP = Pt(10)  # space after a body paragraph: about one blank line, without a blank line


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
        raw = one_line(label).strip()
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
            for text in paragraphs(block.text):
                paragraph = doc.add_paragraph(text)
                spacing(paragraph, after=GAP)
                first = first or paragraph
        elif isinstance(block, Heading):
            text = one_line(block.text)
            if text:
                level = min(max(block.level, 1), 9)
                first = ooxml.add_styled_paragraph(
                    doc, ooxml.paragraph_style(doc, f"Heading {level}"), text
                )
        elif isinstance(block, NumberedItem):
            first = doc.add_paragraph(re.sub(r"\n\s*\n+", "\n", clean(block.text).strip()))
            lists.place(first, block.label)
            spacing(first, after=Pt(6))
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
    texts = paragraphs(block.text)
    source = one_line(block.source)
    style = ooxml.paragraph_style(doc, "Quote")
    first: DocxParagraph | None = None
    for index, text in enumerate(texts):
        paragraph = ooxml.add_formatted_paragraph(doc, "quote", lambda p: _quote_format(p, style))
        ooxml.add_formatted_run(paragraph, text, "quote", _italic)
        if source and index == len(texts) - 1:
            ooxml.add_formatted_run(paragraph, f"\n— {source}", "cite", _cite)
        first = first or paragraph
    return first


def _italic(run: Any) -> None:
    run.italic = True


def _cite(run: Any) -> None:
    run.italic = False
    run.font.size = Pt(9)


def _quote_format(paragraph: DocxParagraph, style: ParagraphStyle) -> None:
    paragraph._p.get_or_add_pPr().style = style.style_id
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Mm(10), Mm(10), Pt(0)
    spacing(paragraph, after=GAP, keep_next=True)  # a quote stays with what it leads to


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
            cell.paragraphs[0].add_run(one_line(text)).bold = True
    for row, values in zip(table.rows[header:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            cell.paragraphs[0].add_run(clean(text).strip())
    ooxml.forbid_row_split(table)
    return True


# --- text -------------------------------------------------------------------------------


def spacing(
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


def clean(text: str) -> str:
    return clean_text(text)


def one_line(text: str) -> str:
    """One line of text: XML-safe, whitespace runs (also newlines) folded to one space."""
    return " ".join(clean(text).split())


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines stay as line breaks."""
    parts = re.split(r"\n[ \t]*\n", clean(text))
    return [part.strip() for part in parts if part.strip()]
