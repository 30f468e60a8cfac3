"""The document a letter or report is written into: plain A4 page or the user's letterhead.

Also what every output gets at the end: core properties (title, language) and page numbers.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from anfrage_desk.letters import ooxml
from anfrage_desk.letters.body import one_line
from anfrage_desk.letters.spec import LetterError

BODY_FONT = "Arial"
BODY_SIZE = Pt(11)

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
        return deepcopy(_plain_base(report)), []
    doc = _open_letterhead(letterhead)
    floating = _clear_body(doc)
    ooxml.set_language(doc)
    _drop_thumbnail(doc)
    return doc, floating


_PLAIN: dict[bool, DocxDocument] = {}


def _plain_base(report: bool) -> DocxDocument:
    """The set-up plain page (page, styles, language), built once per process: every letter
    gets a deep copy of it (a third of the time of parsing python-docx's template again)."""
    doc = _PLAIN.get(report)
    if doc is None:
        doc = docx.Document()
        _plain_page(doc, report=report)
        ooxml.set_language(doc)
        _drop_thumbnail(doc)
        if not report:  # a letter: the first page's header holds the sender, numbers from page 2
            doc.sections[0].different_first_page_header_footer = True
            doc.sections[0].first_page_header.is_linked_to_previous = False
        add_page_numbers(doc, first_page=report)  # what build_letter/build_report add anyway
        ooxml.forget_lookups(doc)
        _PLAIN[report] = doc
    return doc


def _plain_page(doc: DocxDocument, *, report: bool) -> None:
    # Word 2010 copy of the styles, still in English and unused by later Word versions.
    rels = doc.part.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.endswith("/stylesWithEffects")]:
        del rels[r_id]
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
    props.title = one_line(title)[:255]
    props.subject = one_line(subject)[:255]
    props.author = one_line(author)[:255]
    props.language = ooxml.LANGUAGE
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.last_modified_by = ""
    props.created = now
    props.modified = now
    props.revision = 1


def add_page_numbers(doc: DocxDocument, first_page: bool = True) -> None:
    """ "Seite X von Y" as PAGE/NUMPAGES fields in every footer that has no page number yet.

    Without ``first_page``, a first page with a footer of its own stays without a number:
    a one-page letter then shows no "Seite 1 von 1"."""
    for index, section in enumerate(doc.sections):
        footers = [section.footer]
        if section.different_first_page_header_footer and first_page:
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
