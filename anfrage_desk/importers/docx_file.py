"""Word files (.docx): body paragraphs and tables in document order, bold runs as **…**."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from anfrage_desk.importers.errors import MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, UnreadableFile
from anfrage_desk.textclean import clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_bytes(data: bytes, name: str = "Das Dokument") -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise UnreadableFile(
            "Word-Dateien können nicht gelesen werden (python-docx fehlt)."
        ) from exc
    _refuse_zip_bomb(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(
            f"„{name}“ ist keine lesbare Word-Datei (.docx). Ist sie beschädigt oder verschlüsselt?"
        ) from exc
    except Exception as exc:  # lxml errors and the like from a broken package
        raise UnreadableFile(f"„{name}“ kann nicht als Word-Datei gelesen werden.") from exc
    blocks = list(_blocks(document.element.body))
    return clean_text("\n\n".join(b for b in blocks if b.strip()))


def _refuse_zip_bomb(data: bytes, name: str) -> None:
    """Check the unpacked sizes the ZIP directory declares before anything is unpacked.

    zipfile never unpacks more than an entry's declared size (a lying entry fails its CRC
    check), so the declared sizes bound the memory python-docx will use.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile(
            f"„{name}“ ist keine lesbare Word-Datei (.docx). Ist sie beschädigt oder verschlüsselt?"
        ) from exc
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"„{name}“ würde entpackt {unpacked / 1_000_000:.0f} MB groß (höchstens "
            f"{MAX_UNPACKED_BYTES // 1_000_000} MB) und wird nicht eingelesen. Ist es wirklich "
            "ein Antwortschreiben? Bitte speichern Sie es in Word neu oder als PDF."
        )


def _blocks(body: object) -> Iterator[str]:
    for child in body.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag
        if tag == f"{_W}p":
            yield _paragraph_text(child)
        elif tag == f"{_W}tbl":
            yield _table_text(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p: object) -> str:
    """Text of a paragraph; runs in bold become **…** (the splitter ignores the markers)."""
    parts: list[tuple[str, bool]] = []
    for run in p.iter(f"{_W}r"):  # type: ignore[attr-defined]
        rpr = run.find(f"{_W}rPr")
        bold = False
        if rpr is not None:
            b = rpr.find(f"{_W}b")
            bold = b is not None and b.get(f"{_W}val") not in ("0", "false", "off")
        text = ""
        for node in run:
            if node.tag == f"{_W}t":
                text += node.text or ""
            elif node.tag == f"{_W}tab":
                text += "\t"
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                text += "\n"
        if text:
            parts.append((text, bold))
    out = ""
    i = 0
    while i < len(parts):
        text, bold = parts[i]
        j = i + 1
        while j < len(parts) and parts[j][1] == bold:
            text += parts[j][0]
            j += 1
        if bold and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out += f"{lead}**{text.strip()}**{trail}"
        else:
            out += text
        i = j
    return out


def _table_text(tbl: object) -> str:
    rows: list[str] = []
    for tr in tbl.iter(f"{_W}tr"):  # type: ignore[attr-defined]
        cells: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            paras = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]
            cells.append(" ".join(x.strip() for x in paras if x.strip()))
        if any(cells):
            rows.append("\t".join(cells))
    return "\n".join(rows)
