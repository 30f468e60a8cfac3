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
    r"Drucksache|Wahlperiode|Landtag|Bundestag|Bürgerschaft|Abgeordnetenhaus|Seite|Vorlage|Sitzung",
    re.I,
)
_BARE_NO = re.compile(r"^\d{1,3}$")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+(?:https?://|www\.|[A-ZÄÖÜ\"„])")
_END_OF_DOC = re.compile(r"^\(\s*(?:verteilt|ausgegeben)\s+am\b", re.I)


def _norm_header(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line)).strip().lower()


def prepare_lines(text: str) -> list[str]:
    """Lines of `text`, stripped, with page headers, page numbers and footnotes blanked out.

    Furniture lines become "" (so paragraph structure survives a page break as a blank line).
    """
    text = clean_text(text).replace("**", "").replace("\t", " ")
    lines = [re.sub(r"[ ]{2,}", " ", ln.strip()) for ln in text.split("\n")]
    counts: dict[str, int] = {}
    for ln in lines:
        if len(ln) >= 12:
            key = _norm_header(ln)
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
                and counts.get(_norm_header(ln), 0) >= 2
                and _HEADER_WORDS.search(ln)
                and not ln.endswith("?")
            )
        ):
            furniture[i] = True
    headers = [i for i, f in enumerate(furniture) if f]
    for h in list(headers):
        # a running header/footer printed on every page next to the page number
        for k in range(max(0, h - 2), min(len(lines), h + 3)):
            ln = lines[k]
            if (
                ln
                and not furniture[k]
                and len(ln) >= 12
                and counts.get(_norm_header(ln), 0) >= 2
                and not ln.endswith("?")
                and not PLAIN_NUM.match(ln)
            ):
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
    return ["" if f else ln for ln, f in zip(lines, furniture, strict=True)]


_KEEP_HYPHEN_NEXT = {"und", "oder", "bzw", "sowie", "bis", "als", "wie"}
_LIST_START = re.compile(r"^(?:[-–—•▪◦*·]|\u2022|\uf0b7|\(?[a-z0-9]{1,2}[.)]\s|[IVX]{1,4}\.\s)")


def join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing end-of-line hyphenation."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if not out:
            out = ln
            continue
        # Only the tail matters; searching all of `out` made long paragraphs quadratic.
        if re.search(r"[A-Za-zäöüßÄÖÜ]-$", out[-2:]) and not out.endswith(" -"):
            first = re.match(r"[\wäöüß]+", ln)
            word = first.group(0) if first else ""
            if word and word[0].islower() and word.lower() not in _KEEP_HYPHEN_NEXT:
                out = out[:-1] + ln
            elif word and word.lower() in _KEEP_HYPHEN_NEXT:
                out = out + " " + ln
            else:
                out = out + ln
        else:
            out = out + " " + ln
    return re.sub(r"\s{2,}", " ", out).strip()


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
            if chunks[-1] and _LIST_START.match(ln):
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
