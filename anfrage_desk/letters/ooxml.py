"""WordprocessingML details python-docx has no API for: lists, fields, language, borders.

Everything here edits the XML of a python-docx document in place. Measures are in twentieths
of a point (twips, "dxa") where WordprocessingML wants them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

LANGUAGE = "de-DE"
LIST_INDENT = Mm(10)

# --- numbering --------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFormat:
    """The look of one numbered list: start values and label formats of level 0 and 1."""

    start0: int = 1
    format0: str = "decimal"
    text0: str = "%1."
    start1: int = 1
    format1: str = "lowerLetter"
    text1: str = "%2)"


def add_list(doc: DocxDocument, fmt: ListFormat) -> int:
    """Add an abstract numbering definition plus a num for it; return the new numId.

    Each list gets its own definition so that start values work in Word and LibreOffice alike
    (LibreOffice does not honour every startOverride).
    """
    numbering = doc.part.numbering_part.element
    ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    _child(abstract, "w:multiLevelType", "hybridMultilevel")
    levels = ((fmt.start0, fmt.format0, fmt.text0), (fmt.start1, fmt.format1, fmt.text1))
    for ilvl, (start, num_fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        _child(lvl, "w:start", str(max(start, 0)))
        _child(lvl, "w:numFmt", num_fmt)
        _child(lvl, "w:lvlText", text)
        _child(lvl, "w:lvlJc", "left")
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(_twips(LIST_INDENT) * (ilvl + 1)))
        ind.set(qn("w:hanging"), str(_twips(LIST_INDENT)))
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: all abstractNum before any num
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    return int(num.numId)


def set_numbering(paragraph: DocxParagraph, num_id: int, level: int) -> None:
    """Make the paragraph an item of list num_id at level (w:numPr) with the list's indent."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    paragraph.paragraph_format.left_indent = Mm(10 * (level + 1))
    paragraph.paragraph_format.first_line_indent = -LIST_INDENT


# --- fields -----------------------------------------------------------------------------


def add_field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """Append a complex field (e.g. PAGE) whose result Word and LibreOffice recompute."""

    def fld_char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


_PAGE_FIELD = re.compile(r"\bPAGE\b")


def has_page_field(element: Any) -> bool:
    """True if the XML element holds a PAGE field (complex or simple)."""
    texts = [t.text or "" for t in element.iter(qn("w:instrText"))]
    texts += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any(_PAGE_FIELD.search(text) for text in texts)


# --- language ---------------------------------------------------------------------------


def set_language(doc: DocxDocument, language: str = LANGUAGE) -> None:
    """German as the proofing and screen-reader language: doc defaults, styles, settings."""
    styles = doc.styles.element
    defaults = _get_or_insert_first(styles, "w:docDefaults")
    rpr_default = _get_or_insert_first(defaults, "w:rPrDefault")
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # w:lang is last but few in rPr; Word accepts it at the end
    for element in styles.iter(qn("w:lang")):
        element.set(qn("w:val"), language)
    for element in doc.settings.element.iter(qn("w:themeFontLang")):
        element.set(qn("w:val"), language)


# --- styles -----------------------------------------------------------------------------


def paragraph_style(doc: DocxDocument, name: str) -> ParagraphStyle:
    """The named built-in paragraph style, added with a plain look if the document lacks it.

    Looked up once per document (python-docx's lookup scans every style of the document)."""
    known: dict[str, ParagraphStyle] | None = getattr(doc, "_anfrage_styles", None)
    if known is None:
        known = {}
        doc._anfrage_styles = known  # type: ignore[attr-defined]
    style = known.get(name)
    if style is None:
        style = known[name] = _paragraph_style(doc, name)
    return style


def _paragraph_style(doc: DocxDocument, name: str) -> ParagraphStyle:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"] if _has_style(doc, "Normal") else None
        match = re.fullmatch(r"Heading (\d)", name)
        if match:
            level = int(match.group(1))
            style.font.bold = True
            style.font.size = Pt(max(11, 15 - level))
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
            _set_outline_level(style, level - 1)
        elif name == "Quote":
            style.font.italic = True
            style.paragraph_format.left_indent = LIST_INDENT
    if not isinstance(style, ParagraphStyle):
        raise TypeError(f"{name} is no paragraph style")
    return style


def add_styled_paragraph(doc: DocxDocument, style: ParagraphStyle, text: str = "") -> DocxParagraph:
    """``doc.add_paragraph(text, style=style)`` without python-docx's style-id lookup.

    Assigning a style makes python-docx scan every style of the document for the default one;
    with the built-in template that was most of a letter's build time. The id is set directly.
    """
    paragraph = doc.add_paragraph(text)
    paragraph._p.get_or_add_pPr().style = style.style_id
    return paragraph


def forget_lookups(doc: DocxDocument) -> None:
    """Drop the per-document caches of paragraph_style and add_formatted_paragraph."""
    for name in ("_anfrage_styles", "_anfrage_formats"):
        if hasattr(doc, name):
            delattr(doc, name)


def add_formatted_paragraph(
    doc: DocxDocument, kind: str, format_: Callable[[DocxParagraph], None]
) -> DocxParagraph:
    """A new paragraph with the paragraph properties ``format_`` gives: built through
    python-docx for the first paragraph of each ``kind`` in a document, copied after that."""
    known: dict[str, Any] | None = getattr(doc, "_anfrage_formats", None)
    if known is None:
        known = {}
        doc._anfrage_formats = known  # type: ignore[attr-defined]
    paragraph = doc.add_paragraph()
    properties = known.get(kind)
    if properties is None:
        format_(paragraph)
        known[kind] = deepcopy(paragraph._p.get_or_add_pPr())
    else:
        paragraph._p.insert(0, deepcopy(properties))
    return paragraph


def add_formatted_run(
    paragraph: DocxParagraph, text: str, kind: str, format_: Callable[[Any], None]
) -> Any:
    """``paragraph.add_run(text)`` with the run properties ``format_`` gives, built through
    python-docx once per ``kind`` and document part, copied after that."""
    part = paragraph.part
    known: dict[str, Any] | None = getattr(part, "_anfrage_runs", None)
    if known is None:
        known = {}
        part._anfrage_runs = known  # type: ignore[attr-defined]
    properties = known.get(kind)
    if properties is None:
        run = paragraph.add_run(text)
        format_(run)
        known[kind] = deepcopy(run._r.get_or_add_rPr())
        return run
    run = paragraph.add_run()
    run._r.insert(0, deepcopy(properties))
    run.text = text
    return run


def plain_heading_styles(doc: DocxDocument, font_name: str) -> None:
    """Sober black headings in the body font instead of the template's blue Cambria."""
    for level in range(1, 10):
        style = paragraph_style(doc, f"Heading {level}")
        style.font.name = font_name
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt({1: 14, 2: 12}.get(level, 11))
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        _set_east_asian_font(style, font_name)


def set_body_font(doc: DocxDocument, font_name: str, size: Pt) -> None:
    normal = paragraph_style(doc, "Normal")
    normal.font.name = font_name
    normal.font.size = size
    _set_east_asian_font(normal, font_name)


def _has_style(doc: DocxDocument, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def _set_outline_level(style: ParagraphStyle, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)


def _set_east_asian_font(style: ParagraphStyle, font_name: str) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), font_name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)


# --- tables -----------------------------------------------------------------------------


def set_borders(table: DocxTable, kind: str = "nil", size: int = 4, color: str = "808080") -> None:
    """Set all table borders: "nil" for layout tables, "single" for data grids."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), kind)
        if kind != "nil":
            border.set(qn("w:sz"), str(size))
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), color)
        borders.append(border)
    _insert_in_order(
        tbl_pr,
        borders,
        after=_tbl_pr_before("w:tblBorders"),
    )


# Children of w:tblPr in the order the OOXML schema demands (CT_TblPr).
_TBL_PR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)


def _tbl_pr_before(tag: str) -> tuple[str, ...]:
    """The w:tblPr children that must precede ``tag``."""
    return _TBL_PR_ORDER[: _TBL_PR_ORDER.index(tag)]


def set_cell_margins(
    table: DocxTable, left: int, right: int, top: int = 0, bottom: int = 0
) -> None:
    """Default cell margins of the table in twips."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblCellMar"))
    if old is not None:
        tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _insert_in_order(
        tbl_pr,
        margins,
        after=_tbl_pr_before("w:tblCellMar"),
    )


def set_table_width(table: DocxTable, width_twips: int | None) -> None:
    """Fixed width in twips, or None for 100 % of the text width."""
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        _insert_in_order(
            table._tbl.tblPr,
            tbl_w,
            after=_tbl_pr_before("w:tblW"),
        )
    if width_twips is None:
        tbl_w.set(qn("w:w"), "5000")
        tbl_w.set(qn("w:type"), "pct")
    else:
        tbl_w.set(qn("w:w"), str(width_twips))
        tbl_w.set(qn("w:type"), "dxa")


def mark_header_row(table: DocxTable) -> None:
    """The first row repeats on each page and is announced as header by screen readers."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def forbid_row_split(table: DocxTable) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_table_caption(table: DocxTable, caption: str) -> None:
    """Alternative text of a table (w:tblCaption), read out by screen readers."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    table._tbl.tblPr.append(element)


# --- helpers ----------------------------------------------------------------------------


def twips(length: int) -> int:
    """EMU (python-docx Length) to twips."""
    return _twips(length)


def _twips(length: int) -> int:
    return round(length / 635)


def _child(parent: Any, tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    parent.append(element)
    return element


def _get_or_insert_first(parent: Any, tag: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert(0, element)
    return element


def _insert_in_order(parent: Any, element: Any, after: tuple[str, ...]) -> None:
    """Insert element behind the last child whose tag is one of `after` (schema order)."""
    predecessors = {qn(tag) for tag in after}
    position = 0
    for index, child in enumerate(parent):
        if child.tag in predecessors:
            position = index + 1
    parent.insert(position, element)
