"""OParl 1.1 objects as plain data, and which file of a Paper is the Anfrage and which the answer.

A Paper of paperType "Anfrage" carries the Anfrage as ``mainFile`` or as an ``auxiliaryFile``
(named "Anfrage", or after the faction and topic: "FW-Runde Tische Bürgersicherheit"). The
administration's answer is another auxiliary file ("Stellungnahme TOP 31", "StN GRÜNE G5-Ausbau",
"Beantwortung") or a ``relatedPaper`` of that kind. Minutes ("Protokoll GR TOP 24") and
attachments ("Anlage 1 …") sit beside them and are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from anfrage_desk.importers.oparl import OparlError

ANSWER_WORDS = re.compile(
    r"\b(stellungnahme\w*|stn|beantwortung\w*|antwort\w*|mitteilung der verwaltung)\b", re.I
)
MINUTES_WORDS = re.compile(r"\b(protokoll\w*|niederschrift\w*|auszug\w*|beschluss\w*)\b", re.I)
ATTACHMENT_WORDS = re.compile(r"\b(anlage\w*|anhang|karte|plan|präsentation)\b", re.I)
INQUIRY_WORDS = re.compile(r"(anfrage|antrag)", re.I)


def _words(name: str) -> str:
    """File names use _ and - between words ("STN_Anfrage_SPD"): make them words again."""
    return re.sub(r"[_\-./]+", " ", name)


@dataclass(frozen=True)
class OparlFile:
    id: str
    name: str
    url: str
    file_name: str
    mime_type: str
    day: date | None
    modified: str

    @property
    def kind(self) -> str:
        """answer, minutes, attachment or other (by the file's name)."""
        words = _words(f"{self.name} {self.file_name}")
        if ANSWER_WORDS.search(words):
            return "answer"
        if MINUTES_WORDS.search(words):
            return "minutes"
        if ATTACHMENT_WORDS.search(words):
            return "attachment"
        return "other"


@dataclass(frozen=True)
class Paper:
    id: str
    body: str
    name: str
    reference: str
    day: date | None
    paper_type: str
    modified: str
    main_file: OparlFile | None
    files: tuple[OparlFile, ...]
    related: tuple[str, ...]
    originators: tuple[str, ...]
    deleted: bool = False

    @property
    def is_inquiry(self) -> bool:
        return "anfrage" in self.paper_type.lower()

    @property
    def is_answer(self) -> bool:
        """A paper that is itself the administration's answer (a relatedPaper)."""
        return bool(ANSWER_WORDS.search(_words(f"{self.paper_type} {self.name}")))

    def all_files(self) -> tuple[OparlFile, ...]:
        return ((self.main_file,) if self.main_file else ()) + self.files


@dataclass(frozen=True)
class OparlBody:
    id: str
    name: str
    short_name: str
    paper_list: str
    system: str


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _type_is(obj: dict[str, Any], kind: str) -> bool:
    return _text(obj.get("type")).rstrip("/").lower().endswith("/" + kind.lower())


def parse_file(obj: Any) -> OparlFile | None:
    if not isinstance(obj, dict):
        return None
    url = _text(obj.get("downloadUrl")) or _text(obj.get("accessUrl"))
    if not url or obj.get("deleted") is True:
        return None
    name = _text(obj.get("name")) or _text(obj.get("fileName")) or "Datei"
    return OparlFile(
        id=_text(obj.get("id")) or url,
        name=name,
        url=url,
        file_name=_text(obj.get("fileName")),
        mime_type=_text(obj.get("mimeType")),
        day=_date(obj.get("date")) or _date(obj.get("created")),
        modified=_text(obj.get("modified")),
    )


def parse_paper(obj: dict[str, Any], where: str = "") -> Paper:
    """A Paper from its JSON object; OparlError if the object is not a Paper."""
    if not _type_is(obj, "Paper") or not _text(obj.get("id")):
        raise OparlError(
            f"Unter {where or 'dieser Adresse'} steht keine Drucksache (OParl-Paper). Bitte die "
            "Adresse einer Drucksache angeben, z. B. …/papers/1234."
        )
    aux = obj.get("auxiliaryFile")
    files = tuple(f for f in (parse_file(x) for x in (aux if isinstance(aux, list) else [])) if f)
    related = obj.get("relatedPaper")
    origins = [obj.get("originatorOrganization"), obj.get("originatorPerson")]
    return Paper(
        id=_text(obj.get("id")),
        body=_text(obj.get("body")),
        name=" ".join(_text(obj.get("name")).split()),
        reference=_text(obj.get("reference")),
        day=_date(obj.get("date")),
        paper_type=_text(obj.get("paperType")),
        modified=_text(obj.get("modified")),
        main_file=parse_file(obj.get("mainFile")),
        files=files,
        related=tuple(r for r in (related if isinstance(related, list) else []) if _text(r)),
        originators=tuple(
            str(o) for group in origins if isinstance(group, list) for o in group if _text(o)
        ),
        deleted=obj.get("deleted") is True,
    )


def parse_body(obj: dict[str, Any], where: str = "") -> OparlBody:
    if not _type_is(obj, "Body") or not _text(obj.get("id")):
        raise OparlError(
            f"Unter {where or 'dieser Adresse'} steht keine Körperschaft (OParl-Body)."
        )
    paper_list = _text(obj.get("paper"))
    if not paper_list:
        raise OparlError(
            f"Die Körperschaft „{_text(obj.get('name'))}“ veröffentlicht keine Drucksachen."
        )
    return OparlBody(
        id=_text(obj.get("id")),
        name=_text(obj.get("name")) or _text(obj.get("shortName")) or "Körperschaft",
        short_name=_text(obj.get("shortName")),
        paper_list=paper_list,
        system=_text(obj.get("system")),
    )


def is_system(obj: dict[str, Any]) -> bool:
    return _type_is(obj, "System")


def inquiry_file(paper: Paper) -> OparlFile | None:
    """The Anfrage itself: the main file, else the auxiliary file that reads like one."""
    if paper.main_file is not None and paper.main_file.kind != "answer":
        return paper.main_file
    candidates = [f for f in paper.files if f.kind in ("other", "attachment")]
    for f in candidates:
        if f.kind == "other" and INQUIRY_WORDS.search(f.name):
            return f
    others = [f for f in candidates if f.kind == "other"]
    return others[0] if others else None


def answer_file(paper: Paper) -> OparlFile | None:
    """The administration's answer among the paper's own files (the first such file)."""
    for f in paper.all_files():
        if f.kind == "answer":
            return f
    return None


def answer_of_related(paper: Paper) -> OparlFile | None:
    """The file of a related paper that is itself the answer (Stellungnahme, Beantwortung)."""
    if not paper.is_answer:
        return None
    return paper.main_file or answer_file(paper) or (paper.files[0] if paper.files else None)


def mentions(paper: Paper, needle: str) -> bool:
    """Whether a faction filter (a name or an organisation's address) fits the paper's data."""
    needle = needle.strip().lower()
    if not needle:
        return True
    haystack = " ".join(
        [paper.name, *paper.originators, *(f"{f.name} {f.file_name}" for f in paper.all_files())]
    ).lower()
    return needle in haystack or needle in _words(haystack)


def read_file_bytes(f: OparlFile, data: bytes, content_type: str) -> tuple[str, str, str]:
    """(text, file name, kind) of a downloaded file, by content first, then by type.

    Raises UnreadableFile (German) for a web page instead of the file, or an unreadable file.
    """
    from anfrage_desk.importers.errors import UnreadableFile
    from anfrage_desk.importers.txt import read_text_bytes

    name = _file_name(f, data)
    if data.startswith(b"%PDF"):
        from anfrage_desk.importers.pdf import read_pdf_bytes

        return read_pdf_bytes(data, name), name, "pdf"
    if data.startswith(b"PK\x03\x04"):
        from anfrage_desk.importers.docx_file import read_docx_bytes

        return read_docx_bytes(data, name), name, "docx"
    head = data[:512].lstrip().lower()
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        raise UnreadableFile(
            f"Statt der Datei „{f.name}“ hat das Ratsinformationssystem eine Webseite geliefert."
        )
    if not data.strip():
        raise UnreadableFile(f"Die Datei „{f.name}“ ist leer.")
    return read_text_bytes(data, name), name, "txt"


def _file_name(f: OparlFile, data: bytes) -> str:
    if f.file_name:
        return f.file_name
    stem = re.sub(r"[^\w\- ]+", "", f.name).strip() or "Datei"
    suffix = ".pdf" if data.startswith(b"%PDF") else ".docx" if data[:2] == b"PK" else ".txt"
    return stem + suffix
