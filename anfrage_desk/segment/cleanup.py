"""Lines of PDF text made usable: page furniture out, hyphenation undone, closings found."""

from __future__ import annotations

import re
from collections.abc import Sequence

from anfrage_desk.segment.labels import PLAIN_NUM
from anfrage_desk.textclean import clean_text

_PAGE_NO = re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]$")
_SEITE = re.compile(r"(?:^|\s)(?:Seite|Blatt)\s+\d{1,3}(?:\s*(?:von|/|of)\s*\d{1,3})?\s*$", re.I)
_RULER = re.compile(r"^[_=\-–—.\s]{5,}$")
_HEADER_WORDS = re.compile(
    r"\b(?:Drucksache|Wahlperiode|Landtag|Bundestag|Bürgerschaft|Abgeordnetenhaus|Seite|Vorlage"
    r"|Sitzung)\b",
    re.I,
)  # whole words: "Seitens des Auswärtigen Amts …" is no page header
_BARE_NO = re.compile(r"^\d{1,3}$")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+(?:https?://|www\.|[A-ZÄÖÜ\"„])")
_END_OF_DOC = re.compile(r"^\(\s*(?:verteilt|ausgegeben)\s+am\b", re.I)
# A parliament's note on how the answer was sent, printed as a footer of page 1 (often in the
# middle of the text): "Die Antwort wurde namens der Bundesregierung mit Schreiben des … vom …
# übermittelt." and "Die Drucksache enthält zusätzlich – in kleinerer Schrifttype – den
# Fragetext."; the printer's imprint at the very end ("Gesamtherstellung: …", "ISSN …").
_TRANSMITTAL = re.compile(
    r"^(?:die\s+)?antwort\s+(?:wurde|ist)\s+namens\s+(?:der|des)\s+[\wäöüß\-]*"
    r"(?:regierung|senat[se]?|ministeriums?)\b.*\bschreiben\b",
    re.I,
)
_PRINT_NOTE = re.compile(
    r"^(?:die\s+drucksache\s+enthält\s+zusätzlich\b.*|gesamtherstellung\s*:.*|vertrieb\s*:.*"
    r"|issn\s+\d{4}\s*-\s*\d{3}[\dx])$",
    re.I,
)


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ ]{2,}")


def _norm_header(line: str) -> str:
    # = _DIGITS.sub("#", re.sub(r"\s+", " ", line)).strip().lower(), str.split and \s agreeing
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def prepare_lines(text: str) -> list[str]:
    """Lines of `text`, stripped, with page headers, page numbers and footnotes blanked out.

    Furniture lines become "" (so paragraph structure survives a page break as a blank line).
    """
    text = _INLINE_MARKER.sub("\n", clean_text(text).replace("**", ""))
    # (the substitutions only where they can match: a prefix starts with "#" or ">")
    stripped = [ln.strip() for ln in text.split("\n")]
    rows = [_MAIL_PREFIX.sub("", ln) if ln.startswith(("#", ">")) else ln for ln in stripped]
    lines = [_SPACES.sub(" ", ln) if "  " in ln else ln for ln in _table_rows(rows)]
    keys = [_norm_header(ln) if len(ln) >= 12 else "" for ln in lines]
    counts: dict[str, int] = {}
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    furniture = [False] * len(lines)
    for i, ln in enumerate(lines):
        if not ln:
            continue
        if (
            _PAGE_NO.match(ln)
            or (_SEITE.search(ln) and len(ln) <= 120)
            or _RULER.match(ln)
            or (
                len(ln) >= 12
                and counts.get(keys[i], 0) >= 2
                and _HEADER_WORDS.search(ln)
                and not ln.endswith("?")
            )
        ):
            furniture[i] = True
    headers = [i for i, f in enumerate(furniture) if f]
    near: dict[str, set[int]] = {}
    for h in list(headers):
        # a running header/footer printed on every page next to the page number; a sentence
        # that merely recurs ("Es wird auf die Antwort zu Frage 1 verwiesen.") and once
        # happens to stand above a page break is none
        for k in range(max(0, h - 2), min(len(lines), h + 3)):
            ln = lines[k]
            if (
                ln
                and not furniture[k]
                and len(ln) >= 12
                and counts.get(keys[k], 0) >= 2
                and not ln.endswith("?")
                and not PLAIN_NUM.match(ln)
            ):
                near.setdefault(keys[k], set()).add(k)
    for places in near.values():
        first = lines[min(places)]
        wordy = len(re.findall(r"[A-Za-zÄÖÜäöüß]", first)) >= 12  # not a table row "2023: 5 €"
        if len(places) >= 2 or (wordy and not re.search(r"[.!?]$", first)):
            for k in places:
                furniture[k] = True
    for h in headers:
        # bare page numbers next to a header line
        for k in range(max(0, h - 3), min(len(lines), h + 4)):
            if _BARE_NO.match(lines[k]):
                furniture[k] = True
        # footnotes just above a page header: "1  https://…", "3  Es wird darauf hingewiesen …"
        start = None
        k = h - 1
        seen = 0
        while k >= 0 and seen < 8:
            if furniture[k] or not lines[k]:
                k -= 1
                continue
            seen += 1
            prev_blank = k == 0 or not lines[k - 1] or furniture[k - 1]
            if _FOOTNOTE.match(lines[k]) and prev_blank:
                start = k
            k -= 1
        if start is not None:
            for k in range(start, h):
                furniture[k] = True
    _mark_print_notes(lines, furniture)
    _mark_trailing_footnotes(lines, furniture)
    return ["" if f else ln for ln, f in zip(lines, furniture, strict=True)]


def _mark_print_notes(lines: Sequence[str], furniture: list[bool]) -> None:
    """The transmittal footer and the printer's imprint of a Drucksache are furniture."""
    for i, ln in enumerate(lines):
        if _PRINT_NOTE.match(ln):
            furniture[i] = True
        elif _TRANSMITTAL.match(ln):
            for k in range(i, min(len(lines), i + 3)):
                furniture[k] = True
                if re.search(r"übermittelt\.?\s*$", lines[k]):
                    break
            else:
                for k in range(i + 1, min(len(lines), i + 3)):
                    furniture[k] = False


# "… beantworte ich gern. Zu 1: Die …" – an answer marker inside a line (mails, pasted text)
_INLINE_MARKER = re.compile(
    r"(?<=[.!?;])[ \t]+(?=(?:Zu|Antwort\s+zu)\s+(?:(?:den\s+)?Fragen?\s+)?\d{1,3}[a-z]?"
    r"(?:\s*(?:und|bis|,|–|-)\s*\d{1,3}[a-z]?)*\s*:\s)"
)
# Markdown headings and mail quoting: "## Zu Frage 1", "> 1. Wie viele …?"
_MAIL_PREFIX = re.compile(r"^(?:#{1,6}\s+|(?:>\s?)+)")
_LIST_CELL = re.compile(r"^(?:\(?[\dA-Za-z]{1,3}[.)]|[-–•▪◦*·\uf0b7])$")


def _cells(line: str) -> list[str] | None:
    """Cells of a Word table row (tab-separated, as the importer writes them); else None.

    Wide gaps in PDF text are not taken for columns: justified lines have them too.
    """
    if "\t" not in line:
        return None
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) < 2 or _LIST_CELL.match(cells[0]):
        return None
    return cells


def _table_rows(rows: list[str]) -> list[str]:
    """Rows of a table keep their cells apart ("\t"); a lone tab is just a space.

    A table is two or more consecutive rows with the same number of cells; everything else
    (a tab after a list number or as a tab stop in one line) is ordinary text.
    """
    out = [r.replace("\t", " ") for r in rows]
    worded = [r for r in rows if "\t" in r or " " in r]
    if 2 * sum(1 for r in worded if " " not in r) > len(worded):
        return out  # PDF text with a tab between every two words: no table to find
    cells = [_cells(r) for r in rows]
    i = 0
    while i < len(rows):
        first = cells[i]
        j = i + 1
        while first is not None and j < len(rows) and len(cells[j] or []) == len(first):
            j += 1
        if first is not None and j - i >= 2:
            for k in range(i, j):
                out[k] = "\t".join(c.strip() or "–" for c in cells[k] or [])
            i = j
        else:
            i += 1
    return out


_FOOTNOTE_MARK = re.compile(r"^(?:(?P<n>\d{1,2})\s+|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*)\S")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _mark_trailing_footnotes(lines: Sequence[str], furniture: list[bool]) -> None:
    """Footnotes at the very end of the text ("1 Vgl. …", "² Quelle: …") are furniture.

    A letter without a closing ends with its last answer; the footnotes printed below it would
    otherwise be part of that answer. Accepted only when the marks count up without gaps and
    each number occurs as a reference in the text above ("Hauptbahnhof.1", "BQFG¹").
    """
    marks: list[tuple[int, int, bool]] = []  # (line, number, superscript)
    loose = 0
    k = len(lines) - 1
    while k >= 0 and loose <= 2:
        if furniture[k] or not lines[k]:
            k -= 1
            continue
        m = _FOOTNOTE_MARK.match(lines[k])
        if m and (m.group("sup") or _FOOTNOTE.match(lines[k])):
            number = int((m.group("n") or m.group("sup")).translate(_SUPERSCRIPT))
            marks.append((k, number, bool(m.group("sup"))))
            loose = 0
        else:
            loose += 1
        k -= 1
    if not marks:
        return
    marks.reverse()
    start = marks[0][0]
    numbers = [n for _, n, _ in marks]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or start == 0:
        return
    above = "\n".join(ln for ln, f in zip(lines[:start], furniture, strict=False) if not f)
    for _, n, sup in marks:
        if sup:
            ref = str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
            if ref not in above:
                return
        elif not re.search(rf"(?<=[A-Za-zäöüß.,;:)“”\"]){n}(?!\d)", above):
            return
    if not marks[0][2] and len(marks) == 1 and lines[start - 1] and not furniture[start - 1]:
        return
    for i in range(start, len(lines)):
        furniture[i] = True


_KEEP_HYPHEN_NEXT = {"und", "oder", "bzw", "sowie", "bis", "als", "wie"}
_LIST_START = re.compile(r"^(?:[-–—•▪◦*·]|\u2022|\uf0b7|\(?[a-z0-9]{1,2}[.)]\s|[IVX]{1,4}\.\s)")


def join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing end-of-line hyphenation.

    Built from pieces, not by growing one string: a pasted text of one huge paragraph would
    otherwise be copied once per line.
    """
    pieces: list[str] = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if not pieces:
            pieces.append(ln)
            continue
        last = pieces[-1]
        tail = last[-2:] if len(last) >= 2 or len(pieces) < 2 else pieces[-2][-1:] + last
        if _HYPHEN_END.search(tail):
            first = _WORD.match(ln)
            word = first.group(0) if first else ""
            if word and word[0].islower() and word.lower() not in _KEEP_HYPHEN_NEXT:
                pieces[-1] = last[:-1]
                if not pieces[-1]:
                    pieces.pop()
                pieces.append(ln)
            elif word and word.lower() in _KEEP_HYPHEN_NEXT:
                pieces.append(" " + ln)
            else:
                pieces.append(ln)
        else:
            pieces.append(" " + ln)
    return _SPACE_RUN.sub(" ", "".join(pieces)).strip().replace("\t", " | ")


_HYPHEN_END = re.compile(r"[A-Za-zäöüßÄÖÜ]-$")
_WORD = re.compile(r"[\wäöüß]+")
_SPACE_RUN = re.compile(r"\s{2,}")


def paragraphs(lines: Sequence[str]) -> list[list[str]]:
    paras: list[list[str]] = []
    cur: list[str] = []
    for ln in lines:
        if ln.strip():
            cur.append(ln)
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def display_text(lines: Sequence[str]) -> str:
    """Text for display: PDF line breaks joined, list lines kept, paragraphs as blank lines."""
    paras: list[str] = []
    for para in paragraphs(lines):
        chunks: list[list[str]] = [[]]
        for ln in para:
            if chunks[-1] and (_LIST_START.match(ln) or "\t" in ln or "\t" in chunks[-1][-1]):
                chunks.append([])
            chunks[-1].append(ln)
        text = "\n".join(join_lines(c) for c in chunks if c)
        if (
            paras
            and text
            and text[0].islower()
            and not re.search(r"[.:!?;)\]]$", paras[-1])
            and not _LIST_START.match(text)
        ):
            paras[-1] = join_lines([paras[-1] + ("" if paras[-1].endswith("-") else ""), text])
        elif text:
            paras.append(text)
    return "\n\n".join(paras).strip()


CLOSING = re.compile(
    r"^(?:mit\s+(?:den\s+)?(?:freundlichen|besten|herzlichen|kollegialen)\s+gr(?:ü|ue)(?:ß|ss)en"
    r"|mit\s+freundlichem\s+gru(?:ß|ss)|freundliche\s+gr(?:ü|ue)(?:ß|ss)e|beste\s+gr(?:ü|ue)(?:ß|ss)e"
    r"|viele\s+gr(?:ü|ue)(?:ß|ss)e|hochachtungsvoll|in\s+vertretung\b|im\s+auftrag\b|i\.\s?v\.(?:\s|$)"
    r"|i\.\s?a\.(?:\s|$)|gez\.|\(\s*(?:verteilt|ausgegeben)\s+am\b|anlagen?\s*(?:\d+\s*)?:?\s*$"
    r"|anlage\s+(?:\d|kleine\s+anfrage|zu\b)|f(?:ü|ue)r\s+(?:weitere\s+)?r(?:ü|ue)ckfragen\b"
    r"|bei\s+(?:weiteren\s+)?r(?:ü|ue)ckfragen\b|verteiler\s*:?$)",
    re.I,
)


_STRONG_CLOSING = re.compile(
    r"^(?:mit\s+(?:den\s+)?(?:freundlichen|besten|herzlichen|kollegialen)\s+gr|hochachtungsvoll"
    r"|mit\s+freundlichem\s+gru|freundliche\s+gr)",
    re.I,
)


def closing_index(lines: Sequence[str], start: int, strong: bool = False) -> int:
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln:
            continue
        if _END_OF_DOC.match(ln) or (_STRONG_CLOSING if strong else CLOSING).match(ln):
            return i
    return len(lines)


_SALUTATION = re.compile(r"^(?:sehr\s+geehrte|liebe[rs]?\s|guten\s+tag|hallo)", re.I)
_INTRO = re.compile(
    r"(?:wie\s+folgt|nachstehend|folgendermaßen|nimmt\s+die\s+verwaltung|beantworte\s+ich)"
    r"[^.]*[:.]?$",
    re.I,
)


def body_start(lines: Sequence[str]) -> int:
    """Index of the first line of the letter's body (after salutation or an intro sentence)."""
    for i, ln in enumerate(lines):
        if _SALUTATION.match(ln):
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            if (
                j < len(lines)
                and len(lines[j]) < 200
                and (
                    _INTRO.search(lines[j])
                    or (lines[j].endswith(":") and (j + 1 >= len(lines) or not lines[j + 1]))
                )
            ):
                return j + 1
            return j
    for i, ln in enumerate(lines):
        if ln and len(ln.split()) >= 8 and not ln.endswith("?"):
            if _INTRO.search(ln) and ln.endswith(":"):
                return i + 1
            return i
    return 0


def clean_answer(lines: list[str]) -> list[str]:
    """Drop a trailing section heading ("Karlsruher Innenentwicklung (KAI):") from an answer."""
    while lines and not lines[-1]:
        lines.pop()
    paras = paragraphs(lines)
    if len(paras) >= 2:
        last = join_lines(paras[-1])
        if last.endswith(":") and len(last.split()) <= 8:
            idx = len(lines) - 1
            while idx >= 0 and lines[idx]:
                idx -= 1
            lines = lines[: idx + 1]
    while lines and not lines[-1]:
        lines.pop()
    return lines
