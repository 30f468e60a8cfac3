"""Split inquiries and answer letters into numbered items.

Real letters are PDF text: page headers and numbers between the lines, hyphenated line ends,
questions repeated (with other line breaks, sometimes other wording) before each answer,
sub-questions, joint answers and a closing. The splitter works in three steps:

1. `_prepare` cleans the text and removes page furniture (headers, "Seite 2 von 3", footnotes).
2. `_find_markers` collects every line that could start an item ("1.", "Zu Frage 3:", "a)" …).
3. A small dynamic programme picks the consistent sequence of markers: with the inquiry's
   questions given, the one that matches their labels and texts best; without, the longest
   plausible numbering whose blocks look like repeated questions.

Each chosen block is then cut into the repeated question and the answer.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from anfrage_desk.textclean import clean_text


@dataclass(frozen=True)
class ParsedQuestion:
    label: str
    text: str


@dataclass(frozen=True)
class ParsedInquiry:
    title: str
    preamble: str
    questions: tuple[ParsedQuestion, ...]
    date: datetime.date | None


@dataclass(frozen=True)
class LetterMeta:
    date: datetime.date | None
    refers_to_date: datetime.date | None
    sender: str
    reference: str


@dataclass(frozen=True)
class SplitItem:
    label: str
    question: str | None
    answer: str | None
    joint_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class SplitLetter:
    meta: LetterMeta
    items: tuple[SplitItem, ...]
    problems: tuple[str, ...]


NO_ITEMS_PROBLEM = "Im Schreiben wurden keine nummerierten Antworten gefunden."

# --------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_PATTERN = (
    r"(?:(?<!\d)(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)"
    rf"|(?<!\d)(?P<d2>\d{{1,2}})\.\s*(?P<m2>{_MONTH_RE})\.?\s+(?P<y2>\d{{4}})"
    r"|(?<!\d)(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?!\d))"
)
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def _date_from_match(m: re.Match[str]) -> date | None:
    try:
        if m.group("d"):
            year = int(m.group("y"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, int(m.group("m")), int(m.group("d")))
        if m.group("d2"):
            month = _MONTHS[m.group("m2").lower()]
            return date(int(m.group("y2")), month, int(m.group("d2")))
        return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> date | None:
    """The first German date in `text` ("6. Februar 2015", "15.10.2019", "2019-10-15")."""
    for m in _DATE_RE.finditer(text):
        found = _date_from_match(m)
        if found:
            return found
    return None


# --------------------------------------------------------------------------------------------
# Labels

_LABEL_STRIP = re.compile(
    r"^(?:zu\s+|ad\s+)?(?:den\s+)?(?:fragen?|frage-?nr\.?|nr\.|ziffer|punkt)\s*", re.I
)


def normalize_label(raw: str) -> str:
    """ "2.a)" -> "2a", "Frage 3:" -> "3", "G.1" -> "G1", "b)" -> "b".

    Upper-case letters stay upper-case (question groups "A", "G1"), letters after a number are
    lower-case (sub-items "3a").
    """
    s = raw.strip().strip("*").strip()
    s = _LABEL_STRIP.sub("", s)
    s = re.sub(r"[^0-9A-Za-zÄÖÜäöü]", "", s)
    m = re.fullmatch(r"(\d+)([A-Za-z]?)", s)
    if m:
        return m.group(1) + m.group(2).lower()
    return s


def _top(label: str) -> str:
    """The top-level part of a label: "2a" -> "2", "G1" -> "G"."""
    m = re.match(r"\d+|[A-Z]", label)
    return m.group(0) if m else label


# --------------------------------------------------------------------------------------------
# Line preparation: clean text, remove page furniture

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


def _prepare(text: str) -> list[str]:
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
                and not _PLAIN_NUM.match(ln)
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


# --------------------------------------------------------------------------------------------
# Text helpers

_KEEP_HYPHEN_NEXT = {"und", "oder", "bzw", "sowie", "bis", "als", "wie"}
_LIST_START = re.compile(r"^(?:[-–—•▪◦*·]|\u2022|\uf0b7|\(?[a-z0-9]{1,2}[.)]\s|[IVX]{1,4}\.\s)")


def _join(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing end-of-line hyphenation."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if not out:
            out = ln
            continue
        if re.search(r"[A-Za-zäöüßÄÖÜ]-$", out) and not out.endswith(" -"):
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


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
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


def _display(lines: Sequence[str]) -> str:
    """Text for display: PDF line breaks joined, list lines kept, paragraphs as blank lines."""
    paras: list[str] = []
    for para in _paragraphs(lines):
        chunks: list[list[str]] = [[]]
        for ln in para:
            if chunks[-1] and _LIST_START.match(ln):
                chunks.append([])
            chunks[-1].append(ln)
        text = "\n".join(_join(c) for c in chunks if c)
        if (
            paras
            and text
            and text[0].islower()
            and not re.search(r"[.:!?;)\]]$", paras[-1])
            and not _LIST_START.match(text)
        ):
            paras[-1] = _join([paras[-1] + ("" if paras[-1].endswith("-") else ""), text])
        elif text:
            paras.append(text)
    return "\n\n".join(paras).strip()


_TOKEN = re.compile(r"[0-9a-zäöüß]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _match_profile(q_tokens: Sequence[str], p_tokens: Sequence[str]) -> list[int]:
    """Greedy in-order matching of question tokens in a text; matched count after each token."""
    out: list[int] = []
    qi = 0
    matched = 0
    nq = len(q_tokens)
    for tok in p_tokens:
        if qi < nq:
            for k in range(qi, min(nq, qi + 8)):
                if q_tokens[k] == tok:
                    matched += 1
                    qi = k + 1
                    break
        out.append(matched)
    return out


# --------------------------------------------------------------------------------------------
# Markers

_LBL = r"(?:\d{1,2}(?:\s?\.?\s?[a-z](?![a-zäöüß]))?\.?|[A-Z](?:\s?\d{1,2})?\.?|[a-z]\))"
_SEP = r"\s*(?:,|und|bis|–|-|—|u\.|sowie|&|/)\s*"
_ZU_RE = re.compile(
    r"^(?:zu|ad|zur|antwort\s+(?:zu|auf)|beantwortung\s+(?:der\s+)?)\s+"
    r"(?:(?:den|der|die)\s+)?(?P<kw>(?:einzelnen\s+)?(?:fragen?|frage-?nr\.?|nr\.|nummern?|ziffern?|punkte?)\s*)?"
    rf"(?P<labels>{_LBL}(?:{_SEP}{_LBL})*)"
    r"(?P<end>\s*[:.)–-]|\s*$)(?P<rest>.*)$",
    re.I,
)
_FRAGE_RE = re.compile(rf"^frage\s+(?P<labels>{_LBL})\s*[:.)–-]?\s*(?P<rest>.*)$", re.I)
_PLAIN_NUM = re.compile(
    r"^\(?(?P<label>\d{1,2}(?:\s?\.?\s?[a-z](?=[.)]))?)(?:\.\)|\)|\.)(?=\s|$)\s*(?P<rest>.*)$"
)
_PLAIN_UPPER = re.compile(r"^(?P<label>[A-Z](?:\s?\.?\d{1,2})?)[.)](?=\s|$)\s*(?P<rest>.*)$")
_PLAIN_LOWER = re.compile(r"^\(?(?P<label>[a-z])[.)](?=\s|$)\s*(?P<rest>.*)$")
_ANTWORT_RE = re.compile(
    r"^(?:antwort|stellungnahme)(?:\s+(?:der|des)\s+[\wäöüß]+)?\s*:\s*(?P<rest>.*)$", re.I
)
_ABBREV_AFTER = re.compile(r"^[A-Za-zäöü]\.\s")


@dataclass(frozen=True)
class _Marker:
    line: int
    kind: str  # "plain", "zu", "frage"
    labels: tuple[str, ...]
    is_range: bool
    rest: str
    para_start: bool


def _split_labels(raw: str) -> tuple[tuple[str, ...], bool]:
    is_range = bool(re.search(r"\d\s*(?:bis|–|-|—)\s*\d", raw))
    parts = re.split(_SEP, raw)
    labels = tuple(normalize_label(p) for p in parts if normalize_label(p))
    return labels, is_range


_MAX_MARKERS = 1500
"""No letter numbers more lines than this; the cap bounds the work on huge pasted texts."""


def _find_markers(lines: Sequence[str]) -> list[_Marker]:
    markers: list[_Marker] = []
    for i, ln in enumerate(lines):
        if not ln:
            continue
        if len(markers) >= _MAX_MARKERS:
            break
        para_start = i == 0 or not lines[i - 1]
        m = _ZU_RE.match(ln)
        if m and (m.group("kw") or m.group("end").strip() or not m.group("rest").strip()):
            labels, is_range = _split_labels(m.group("labels"))
            if labels and all(re.fullmatch(r"\d{1,2}[a-z]?|[A-Z]\d{0,2}|[a-z]", x) for x in labels):
                markers.append(_Marker(i, "zu", labels, is_range, m.group("rest"), para_start))
                continue
        m = _FRAGE_RE.match(ln)
        if m:
            labels, is_range = _split_labels(m.group("labels"))
            if labels:
                markers.append(_Marker(i, "frage", labels[:1], False, m.group("rest"), para_start))
                continue
        m = _PLAIN_NUM.match(ln)
        if m:
            rest = m.group("rest")
            # "2. Var." / "1. Juni" style continuations are weeded out by sequence and score
            markers.append(
                _Marker(i, "plain", (normalize_label(m.group("label")),), False, rest, para_start)
            )
            continue
        m = _PLAIN_UPPER.match(ln)
        if m and not re.match(r"^[A-Z]\.\s?[A-Z]\.", ln):
            label = normalize_label(m.group("label"))
            markers.append(_Marker(i, "plain", (label,), False, m.group("rest"), para_start))
            continue
        m = _PLAIN_LOWER.match(ln)
        if m and not _ABBREV_AFTER.match(m.group("rest")):
            markers.append(
                _Marker(i, "plain", (m.group("label"),), False, m.group("rest"), para_start)
            )
    return markers


# --------------------------------------------------------------------------------------------
# Closing, body start

_CLOSING = re.compile(
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


def _closing_index(lines: Sequence[str], start: int, strong: bool = False) -> int:
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln:
            continue
        if _END_OF_DOC.match(ln) or (_STRONG_CLOSING if strong else _CLOSING).match(ln):
            return i
    return len(lines)


_SALUTATION = re.compile(r"^(?:sehr\s+geehrte|liebe[rs]?\s|guten\s+tag|hallo)", re.I)
_INTRO = re.compile(
    r"(?:wie\s+folgt|nachstehend|folgendermaßen|nimmt\s+die\s+verwaltung|beantworte\s+ich)"
    r"[^.]*[:.]?$",
    re.I,
)


def _body_start(lines: Sequence[str]) -> int:
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


# --------------------------------------------------------------------------------------------
# Question / answer boundary inside one block

_INTERROGATIVE = {
    "wie",
    "welche",
    "welcher",
    "welches",
    "welchen",
    "welchem",
    "was",
    "wann",
    "wo",
    "wer",
    "wem",
    "wen",
    "wessen",
    "warum",
    "weshalb",
    "wieso",
    "weswegen",
    "inwiefern",
    "inwieweit",
    "womit",
    "wodurch",
    "wofür",
    "wozu",
    "woran",
    "worauf",
    "wovon",
    "wohin",
    "woher",
    "ob",
}
_QUESTION_VERBS = {
    "gibt",
    "gab",
    "ist",
    "sind",
    "war",
    "waren",
    "kann",
    "können",
    "könnte",
    "könnten",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "hat",
    "haben",
    "hatte",
    "hatten",
    "plant",
    "planen",
    "sieht",
    "sehen",
    "liegt",
    "liegen",
    "besteht",
    "bestehen",
    "trifft",
    "teilt",
    "hält",
    "soll",
    "sollen",
    "sollte",
    "muss",
    "müssen",
    "darf",
    "dürfen",
    "will",
    "wollen",
    "beabsichtigt",
    "erwägt",
    "existiert",
    "existieren",
    "stimmt",
    "gedenkt",
    "unterstützt",
    "erfolgt",
    "erfolgen",
    "befindet",
    "wäre",
    "wären",
    "würde",
    "würden",
    "erkennt",
    "kennt",
    "verfügt",
    "nutzt",
    "prüft",
    "wenn",
    "falls",
    "sofern",
    "soweit",
}


def _looks_like_question_start(text: str) -> bool:
    words = _tokens(text)[:3]
    if not words:
        return False
    if words[0] in _QUESTION_VERBS:
        return True
    return any(w in _INTERROGATIVE or w.startswith("welch") for w in words)


def _question_end_heuristic(lines: Sequence[str]) -> int:
    """Number of leading block lines that are the repeated question (0 if none)."""
    limit = min(len(lines), 14)
    end = -1
    for i in range(limit):
        ln = lines[i]
        if not ln:
            # a question paragraph ends at a blank line; look no further than two paragraphs
            if end < 0 and i > 0 and any(lines[:i]):
                first = _join(lines[:i])
                words = _tokens(first)[:3]
                if (
                    any(w in _INTERROGATIVE or w.startswith("welch") for w in words)
                    and any(x for x in lines[i + 1 :])
                    and first.endswith((":", ".", ")"))
                    and len(first.split()) <= 60
                ):
                    end = i
                break
            continue
        if ln.rstrip().endswith("?") or re.search(r"\?[\s\"“”»)]*$", ln):
            end = i + 1
            break
        if re.search(r"\?\s+\(?bitte\b", ln, re.I):
            # "… aufgeführt? Bitte nach Jahren aufschlüsseln …" up to the end of that request
            for k in range(i, min(len(lines), i + 5)):
                if (
                    lines[k].rstrip().endswith((".", ")", "?"))
                    and k > i
                    or (k == i and lines[k].rstrip().endswith((".", ")")))
                ):
                    end = k + 1
                    break
            if end > 0:
                break
    if end < 0:
        return 0
    if end < len(lines) and re.match(r"^\(?bitte\b", lines[end], re.I):
        for k in range(end, min(len(lines), end + 4)):
            if not lines[k]:
                break
            if lines[k].rstrip().endswith((".", ")", "?")):
                end = k + 1
                break
    # continuation: "Wenn ja, welche?" on the next lines, or further "?" paragraphs
    i = end
    while i < len(lines):
        j = i
        while j < len(lines) and not lines[j]:
            j += 1
        if j >= len(lines):
            break
        k = j
        found = -1
        while k < len(lines) and k < j + 4 and lines[k]:
            if lines[k].rstrip().endswith("?"):
                found = k
                break
            if lines[k].rstrip().endswith("."):
                break
            k += 1
        if found < 0:
            # category lines like "a) insgesamt mit Nachleerung" directly after the question
            k = j
            while k < len(lines) and lines[k] and re.match(r"^\(?[a-z][.)]\s", lines[k]):
                k += 1
            if k > j and (k >= len(lines) or not lines[k]):
                i = k
                continue
            break
        if not (_looks_like_question_start(lines[j]) or re.match(r"^\(?[a-z][.)]\s", lines[j])):
            if j == i:  # same paragraph, line does not start a question
                break
            if found - j > 2:
                break
        i = found + 1
    return i


def _question_end_aligned(lines: Sequence[str], question: str) -> int:
    """Number of leading block lines that repeat `question`, found by token alignment."""
    q_tokens = _tokens(_join(question.split("\n")))
    if not q_tokens:
        return 0
    # token stream with line boundaries
    joined: list[str] = []
    ends: list[int] = []  # token count at the end of each line
    limit = min(len(lines), 40)
    prev_hyphen = False
    for ln in lines[:limit]:
        toks = _tokens(ln)
        if prev_hyphen and toks and joined and ln[:1].islower():
            joined[-1] = joined[-1] + toks[0]
            toks = toks[1:]
        joined.extend(toks)
        ends.append(len(joined))
        prev_hyphen = bool(re.search(r"[A-Za-zäöüß]-$", ln))
        if len(joined) > len(q_tokens) * 2 + 40:
            break
    profile = _match_profile(q_tokens, joined)
    best_score = 0.0
    best_line = 0
    for li, n_tok in enumerate(ends):
        if n_tok == 0:
            continue
        matched = profile[n_tok - 1]
        score = 2.0 * matched - n_tok
        ln = lines[li].rstrip()
        if ln.endswith(("?", ":")):
            score += 1.5
        if li + 1 < len(lines) and not lines[li + 1]:
            score += 0.5
        if score > best_score:
            best_score = score
            best_line = li + 1
    if best_line and profile[ends[best_line - 1] - 1] < max(2, 0.3 * len(q_tokens)):
        return 0
    return best_line


def _split_block(
    lines: Sequence[str], question: str | None, kind: str
) -> tuple[str | None, list[str]]:
    """Cut a block into (repeated question text, answer lines)."""
    for i, ln in enumerate(lines):
        m = _ANTWORT_RE.match(ln)
        if m and i > 0 and i < 20:
            q = _join(lines[:i]) or None
            rest = [m.group("rest")] if m.group("rest") else []
            return q, rest + list(lines[i + 1 :])
    if question:
        n = _question_end_aligned(lines, question)
        if n == 0 and kind == "plain":
            n = _question_end_heuristic(lines)
            # a guessed question must resemble the given one at least a little
            if n and _similarity(question, _join(lines[:n])) < 0.25:
                n = 0
    else:
        n = _question_end_heuristic(lines)
    q_text = _question_text(lines[:n]) if n else None
    return q_text, list(lines[n:])


def _question_text(lines: Sequence[str]) -> str:
    chunks: list[list[str]] = [[]]
    for ln in lines:
        if not ln:
            continue
        if chunks[-1] and re.match(r"^\(?[a-z][.)]\s", ln):
            chunks.append([])
        chunks[-1].append(ln)
    return "\n".join(_join(c) for c in chunks if c)


def _similarity(question: str, text: str) -> float:
    q = _tokens(question)
    if not q:
        return 0.0
    prof = _match_profile(q, _tokens(text))
    return (prof[-1] if prof else 0) / len(q)


# --------------------------------------------------------------------------------------------
# Choosing markers


# How many earlier markers the choice looks back at: numbered lists inside one answer rarely
# have more items, and the bound keeps huge pasted texts from taking quadratic time.
_WINDOW = 80


def _block_lines(lines: Sequence[str], marker: _Marker, end: int) -> list[str]:
    block = [marker.rest] if marker.rest else []
    block.extend(lines[marker.line + 1 : end])
    while block and not block[0]:
        block.pop(0)
    return block


def _window_text(lines: Sequence[str], marker: _Marker, n_tokens: int) -> str:
    parts = [marker.rest]
    count = len(_tokens(marker.rest))
    for ln in lines[marker.line + 1 : marker.line + 40]:
        parts.append(ln)
        count += len(_tokens(ln))
        if count >= n_tokens:
            break
    return _join(parts)


def _looks_like_question_block(lines: Sequence[str], marker: _Marker, nxt: int) -> bool:
    block = _block_lines(lines, marker, nxt)
    n = _question_end_heuristic(block[:12])
    return n > 0 and any(ln.strip() for ln in block[n:])


def _expand_range(labels: Sequence[str], order: Sequence[str]) -> list[str]:
    if len(labels) >= 2 and labels[0] in order and labels[-1] in order:
        a, b = order.index(labels[0]), order.index(labels[-1])
        if a <= b:
            return list(order[a : b + 1])
    if all(x.isdigit() for x in labels) and len(labels) >= 2:
        a, b = int(labels[0]), int(labels[-1])
        if a <= b <= a + 40:
            return [str(x) for x in range(a, b + 1)]
    return list(labels)


def _resolve(marker: _Marker, prev_label: str | None, order: Sequence[str] | None) -> list[str]:
    """Labels a marker stands for, given the previously chosen label."""
    raw = list(marker.labels)
    if marker.is_range:
        raw = _expand_range(raw, order or [])
    out: list[str] = []
    top = _top(prev_label) if prev_label else None
    for r in raw:
        if re.fullmatch(r"[a-z]", r):
            if top:
                out.append(top + r)
            else:
                out.append(r)
        elif re.fullmatch(r"\d{1,2}", r) and top and re.fullmatch(r"[A-Z]", top):
            if order is not None:
                out.append(top + r if (top + r) in order and r not in order else r)
            else:
                out.append(r)
        else:
            out.append(r)
    return out


def _choose_with_questions(
    lines: Sequence[str],
    markers: Sequence[_Marker],
    questions: Sequence[ParsedQuestion],
) -> list[tuple[_Marker, list[str]]]:
    order = [q.label for q in questions]
    index = {lab: i for i, lab in enumerate(order)}
    texts = {q.label: q.text for q in questions}
    sim_cache: dict[tuple[int, str], float] = {}

    def sim(mi: int, label: str) -> float:
        key = (mi, label)
        if key not in sim_cache:
            q = texts.get(label, "")
            n = len(_tokens(q)) + 15
            sim_cache[key] = _similarity(q, _window_text(lines, markers[mi], n)) if q else 0.0
        return sim_cache[key]

    # states: (marker index, last question index) -> (score, previous state, labels)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, list[str]]] = {}
    by_marker: dict[int, set[int]] = {}
    start_states: list[tuple[tuple[int, int] | None, float, str | None, int]] = [
        (None, 0.0, None, -1)
    ]
    for mi, marker in enumerate(markers):
        candidates: list[tuple[tuple[int, int] | None, float, str | None, int]] = list(start_states)
        for pmi in range(max(0, mi - _WINDOW), mi):
            for pqi in by_marker.get(pmi, ()):
                score, _, labs = best[(pmi, pqi)]
                candidates.append(((pmi, pqi), score, labs[-1], pqi))
        for prev_state, prev_score, prev_label, prev_qi in candidates:
            labs = _resolve(marker, prev_label, order)
            idxs = [index[x] for x in labs if x in index]
            if not idxs or len(idxs) != len(labs) or min(idxs) <= prev_qi:
                continue
            base = 4.0 if marker.kind in ("zu", "frage") else 2.0
            bonus = max(sim(mi, lab) for lab in labs)
            score = prev_score + base + 4.0 * bonus + (0.5 if marker.para_start else 0.0)
            score += 1.0 * (len(idxs) - 1)
            key = (mi, max(idxs))
            if key not in best or best[key][0] < score:
                best[key] = (score, prev_state, [order[i] for i in sorted(idxs)])
                by_marker.setdefault(mi, set()).add(key[1])
    if not best:
        return []
    state: tuple[int, int] | None = max(best, key=lambda k: (best[k][0], -k[0]))
    chosen: list[tuple[_Marker, list[str]]] = []
    while state is not None:
        score, prev, labs = best[state]
        chosen.append((markers[state[0]], labs))
        state = prev
    chosen.reverse()
    return chosen


def _successor(prev: str | None, raw: str, marker: _Marker) -> tuple[str, float] | None:
    """The label `raw` stands for after `prev` in a letter's own numbering, with a penalty."""
    if prev is None:
        if raw in ("1", "A"):
            return raw, 0.0
        if raw.isdigit() and int(raw) <= 3:
            return raw, 3.0 * (int(raw) - 1)
        return None
    m = re.fullmatch(r"(\d+)([a-z]?)", prev)
    if m:
        n, sub = int(m.group(1)), m.group(2)
        if raw.isdigit():
            gap = int(raw) - n
            if gap == 1:
                return raw, 0.0
            if 2 <= gap <= 3:
                return raw, 3.0 * (gap - 1)
            return None
        if re.fullmatch(r"[a-z]", raw):
            want = chr(ord(sub) + 1) if sub else "a"
            return (f"{n}{raw}", 0.0) if raw == want else None
        m2 = re.fullmatch(r"(\d+)([a-z])", raw)
        if m2 and int(m2.group(1)) == n:
            want = chr(ord(sub) + 1) if sub else "a"
            return (raw, 0.0) if m2.group(2) == want else None
        return None
    m = re.fullmatch(r"([A-Z])(\d*)", prev)
    if m:
        letter, num = m.group(1), m.group(2)
        if re.fullmatch(r"[A-Z]", raw):
            return (raw, 0.0) if ord(raw) == ord(letter) + 1 else None
        if raw.isdigit():
            want_no = int(num) + 1 if num else 1
            return (letter + raw, 0.0) if int(raw) == want_no else None
    return None


def _choose_own(
    lines: Sequence[str], markers: Sequence[_Marker]
) -> list[tuple[_Marker, list[str]]]:
    """Markers forming the letter's own numbering (no questions given)."""
    n = len(markers)
    qlike = []
    for i, mk in enumerate(markers):
        nxt = markers[i + 1].line if i + 1 < n else len(lines)
        qlike.append(_looks_like_question_block(lines, mk, nxt))
    best: dict[int, tuple[float, int | None, list[str]]] = {}
    for mi, marker in enumerate(markers):
        options: list[tuple[int | None, float, str | None]] = [(None, 0.0, None)]
        options.extend(
            (pmi, best[pmi][0], best[pmi][2][-1])
            for pmi in range(max(0, mi - _WINDOW), mi)
            if pmi in best
        )
        for pmi, pscore, plabel in options:
            if marker.kind == "zu" and len(marker.labels) > 1:
                labs = _resolve(marker, plabel, None)
                first = _successor(plabel, labs[0], marker)
                if first is None:
                    continue
                labs[0] = first[0]
                penalty = first[1]
            else:
                raw = marker.labels[0]
                res = _successor(plabel, raw, marker)
                if res is None:
                    continue
                labs, penalty = [res[0]], res[1]
            gain = 2.0 + (3.0 if qlike[mi] else 0.0) + (1.5 if marker.kind != "plain" else 0.0)
            gain += 0.5 if marker.para_start else 0.0
            score = pscore + gain - penalty
            if mi not in best or best[mi][0] < score:
                best[mi] = (score, pmi, labs)
    if not best:
        return []
    last: int | None = max(best, key=lambda k: (best[k][0], -k))
    chosen: list[tuple[_Marker, list[str]]] = []
    while last is not None:
        _, prev, labs = best[last]
        chosen.append((markers[last], labs))
        last = prev
    chosen.reverse()
    # a numbering without a single question-like block and without "Zu" headings is a list
    if not any(qlike[markers.index(m)] or m.kind != "plain" for m, _ in chosen):
        return []
    return chosen


# --------------------------------------------------------------------------------------------
# Letter splitting

_JOINT_SENTENCE = re.compile(
    r"(?:die\s+)?fragen\s+(?:nr\.\s*)?(?P<a>\d{1,2}[a-z]?)\.?\s*(?P<sep>und|bis|–|-|sowie|,)\s*"
    r"(?P<b>\d{1,2}[a-z]?)\.?(?:\s*(?:und|,)\s*(?P<c>\d{1,2}[a-z]?))?\s+werden\s+"
    r"(?:[\w\s,]{0,60}?)?(?:gemeinsam|zusammen|zusammenhängend)",
    re.I,
)


def _clean_answer(lines: list[str]) -> list[str]:
    """Drop a trailing section heading ("Karlsruher Innenentwicklung (KAI):") from an answer."""
    while lines and not lines[-1]:
        lines.pop()
    paras = _paragraphs(lines)
    if len(paras) >= 2:
        last = _join(paras[-1])
        if last.endswith(":") and len(last.split()) <= 8:
            idx = len(lines) - 1
            while idx >= 0 and lines[idx]:
                idx -= 1
            lines = lines[: idx + 1]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _strip_announcement(text: str) -> str:
    """Remove a leading "Die Fragen 3 und 4 werden gemeinsam beantwortet." sentence."""
    m = re.match(r"^[^.:]*?" + _JOINT_SENTENCE.pattern + r"[^.:]*[.:]\s*", text, re.I)
    if m and m.end() < len(text):
        return text[m.end() :].strip()
    return text


def split_letter(text: str, questions: Sequence[ParsedQuestion] | None = None) -> SplitLetter:
    """Split an answer letter into one item per question (or per item the letter numbers)."""
    lines = _prepare(text)
    meta = _letter_meta(text, lines)
    problems: list[str] = []
    markers = _find_markers(lines)
    if markers:
        # annexes after the closing ("Mit freundlichen Grüßen", "(verteilt am …)") are not answers
        doc_end = _closing_index(lines, markers[0].line + 1, strong=True)
        markers = [m for m in markers if m.line < doc_end]
    if questions:
        chosen = _choose_with_questions(lines, markers, questions)
    else:
        chosen = _choose_own(lines, markers)

    q_texts = {q.label: q.text for q in questions or []}
    found: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
    order: list[str] = []

    if chosen:
        end_all = _closing_index(lines, chosen[-1][0].line + 1)
        pending: list[tuple[str, str | None]] = []
        for ci, (marker, labels) in enumerate(chosen):
            nxt = chosen[ci + 1][0].line if ci + 1 < len(chosen) else end_all
            block = _block_lines(lines, marker, min(nxt, end_all))
            given = "\n".join(q_texts[x] for x in labels if x in q_texts) or None
            kind = marker.kind
            q_text, answer_lines = _split_block(block, given, kind)
            if marker.kind == "zu" and not questions and q_text is None:
                q_text = None
            answer = _display(_clean_answer(answer_lines)) or None
            if answer:
                answer = _strip_announcement(answer) if len(labels) > 1 else answer
            for lab in labels:
                pending.append((lab, q_texts.get(lab) or q_text))
            if answer is None and ci + 1 < len(chosen):
                continue  # question printed without an answer: grouped with the next one
            group = tuple(lab for lab, _ in pending)
            if answer and len(group) > 1:
                answer = _strip_announcement(answer)
            for lab, qt in pending:
                others = tuple(x for x in group if x != lab) if answer else ()
                if lab not in found:
                    found[lab] = (qt, answer, others)
                    order.append(lab)
            pending = []
        _apply_joint_sentences(found)
        if not questions and any(found[lab][0] is None for lab in order):
            # "Zu Frage 1:" answers after the questions printed as a list (Landtag layout)
            listed = {q.label: q.text for q in _questions_from_lines(lines[: chosen[0][0].line])[0]}
            for lab in order:
                qt, answer, joint = found[lab]
                if qt is None and lab in listed:
                    found[lab] = (listed[lab], answer, joint)
    elif questions and len(questions) == 1:
        start = _body_start(lines)
        end = _closing_index(lines, start)
        body = _display(_clean_answer(list(lines[start:end])))
        if body:
            lab = questions[0].label
            found[lab] = (questions[0].text, body, ())
            order.append(lab)

    items: list[SplitItem] = []
    if questions:
        for q in questions:
            if q.label in found:
                _, answer, joint = found[q.label]
                items.append(SplitItem(q.label, q.text, answer, joint))
            else:
                items.append(SplitItem(q.label, q.text, None))
        missing = [q.label for q in questions if found.get(q.label, (None, None, ()))[1] is None]
        if not found:
            problems.append(NO_ITEMS_PROBLEM)
        elif missing:
            problems.append(
                "Im Schreiben wurde keine Antwort gefunden zu "
                + _label_list(missing, "Frage", "Fragen")
                + "."
            )
    else:
        for lab in order:
            qt, answer, joint = found[lab]
            items.append(SplitItem(lab, qt, answer, joint))
        if not items:
            problems.append(NO_ITEMS_PROBLEM)
        else:
            empty = [it.label for it in items if it.answer is None]
            if empty:
                problems.append(
                    "Im Schreiben steht keine Antwort zu "
                    + _label_list(empty, "Frage", "Fragen")
                    + "."
                )
    return SplitLetter(meta, tuple(items), tuple(problems))


def _label_list(labels: Sequence[str], one: str, many: str) -> str:
    if len(labels) == 1:
        return f"{one} {labels[0]}"
    return f"{many} {', '.join(labels[:-1])} und {labels[-1]}"


def _apply_joint_sentences(
    found: dict[str, tuple[str | None, str | None, tuple[str, ...]]],
) -> None:
    """ "Die Fragen 3 und 4 werden gemeinsam beantwortet": give 4 the answer printed under 3."""
    for lab, (_, answer, _joint) in list(found.items()):
        if not answer:
            continue
        m = _JOINT_SENTENCE.search(answer[:400])
        if not m:
            continue
        labels = [m.group("a"), m.group("b")] + ([m.group("c")] if m.group("c") else [])
        if m.group("sep").lower() in ("bis", "–", "-") and all(x.isdigit() for x in labels[:2]):
            labels = [str(x) for x in range(int(labels[0]), int(labels[1]) + 1)]
        if lab not in labels:
            continue
        group = tuple(labels)
        for other in labels:
            if other == lab:
                continue
            q, a, _ = found.get(other, (None, None, ()))
            if a is None:
                found[other] = (q, answer, tuple(x for x in group if x != other))
        found[lab] = (found[lab][0], answer, tuple(x for x in group if x != lab))


# --------------------------------------------------------------------------------------------
# Letter metadata

_ANSWER_DATE = re.compile(
    r"\b(?:antwort|stellungnahme|beantwortung|schreiben)\b(?P<between>[^\n]{0,220}?)\bvom\s+"
    + DATE_PATTERN,
    re.I,
)
_REFERS = [
    re.compile(
        r"\b(?:ihre[mnrs]?|ihr|eure|die)\s+(?:kleine\s+)?(?:anfrage|schreiben|nachricht|mail|e-mail"
        r"|antrag|brief|schriftliche\s+anfrage)\s+(?:vom|von)\s+" + DATE_PATTERN,
        re.I,
    ),
    re.compile(r"\beingegangen(?:\s+am)?\s*:?\s*" + DATE_PATTERN, re.I),
    re.compile(r"\bvom\s*:\s*" + DATE_PATTERN, re.I),
    re.compile(r"\banfrage\b[^.\n]{0,160}?\bvom\s+" + DATE_PATTERN, re.I),
]
_DATE_LINE = re.compile(
    r"^(?:(?:datum|date)\s*:?\s*|[A-ZÄÖÜ][\wäöüß.\- ]{1,40},\s*(?:den\s+)?)?"
    + DATE_PATTERN
    + r"\s*$",
    re.I,
)
_SENDER_WORDS = re.compile(
    r"\b(?:stadt|kreis|landkreis|gemeinde|markt|landeshauptstadt|bezirksamt|landrat|landrätin"
    r"|bürgermeister(?:in)?|oberbürgermeister(?:in)?|ministerium|landesregierung|senat|verwaltung"
    r"|regierungspräsidium|amt)\b",
    re.I,
)


def _titlecase_caps(line: str) -> str:
    if line.upper() != line or not re.search(r"[A-ZÄÖÜ]{3}", line):
        return line
    small = {"der", "die", "das", "des", "und", "für", "von", "zu", "im", "in"}
    words: list[str] = []
    for i, w in enumerate(line.split(" ")):
        lw = w.lower()
        if i > 0 and lw in small and i != 0:
            words.append(
                lw if not words or words[-1] not in ("·", "-", "–", "|") else w.capitalize()
            )
        else:
            words.append(w[:1] + w[1:].lower())
    return " ".join(words)


def _sender(lines: Sequence[str], collapsed: str) -> str:
    collapsed = re.sub(r"\bA n t w o r t\b", "Antwort", collapsed)
    m = re.search(
        r"\bAntwort\s+(?:des|der)\s+(?P<who>.{5,160}?)\s+namens\s+der\s+(?:Landes|Staats|Bundes)regierung",
        collapsed,
    ) or re.search(
        r"\bAntwort\s+(?:des|der)\s+(?P<who>(?:[A-ZÄÖÜ][\wäöüß-]*\s+)?(?:Ministeriums|Senatsverwaltung"
        r"|Staatsministeriums|Landesregierung|Staatskanzlei)\b.{0,120}?)\s+(?:auf|zu|vom)\s",
        collapsed,
    )
    if m:
        who = m.group("who")
        who = re.sub(r"\b(\w+)en\s+(\w*[Mm]inisteriums)\b", r"\1es \2", who, count=1)
        who = re.sub(r"[Mm]inisteriums\b", lambda x: x.group(0)[:-1], who, count=1)
        return who.strip()
    head = [ln for ln in lines[:12] if ln][:4]
    for i, ln in enumerate(head):
        if len(ln) > 80 or not _SENDER_WORDS.search(ln) or re.search(r"fraktion|anfrage", ln, re.I):
            continue
        parts = [_titlecase_caps(ln)]
        if i + 1 < len(head) and re.match(
            r"^(?:der|die)\s+(?:ober)?(?:bürgermeister|landrat|landrätin|präsident)",
            head[i + 1],
            re.I,
        ):
            parts.append(_titlecase_caps(head[i + 1]))
        return " · ".join(p.strip() for p in parts)
    return ""


def _reference(collapsed: str) -> str:
    patterns = [
        r"\bDrucksache\s+(?P<r>\d{1,2}/\d{1,6}|[IVX]+[-/]\d{2,5})",
        r"\bVorlage(?:n)?(?:-|\s)?(?:Nr\.?|nummer)?\s*:?\s*(?P<r>\d{2,4}/\d{1,5}(?:/\d+)?)",
        r"\bVorlage(?:n)?(?:-|\s)?(?:Nr\.?|nummer)?\s*:?(?:\s*[A-Za-zäöü.:]+){0,3}\s*(?P<r>\d{4}/\d{3,5})",
        r"\b(?:Aktenzeichen|Az\.|Gesch\.-Z\.|Geschäftszeichen)\s*:?\s*(?P<r>[\w./\-]+(?:\s?[\w./\-]+)?)",
        r"\bDrs\.\s*(?P<r>\d{1,2}/\d{1,6})",
    ]
    for p in patterns:
        m = re.search(p, collapsed)
        if m:
            return m.group("r").strip().rstrip(".,")
    return ""


def _letter_meta(text: str, lines: Sequence[str]) -> LetterMeta:
    collapsed = re.sub(r"\s+", " ", clean_text(text).replace("**", ""))
    answered: date | None = None
    for kw in re.finditer(r"\b(?:antwort|stellungnahme|beantwortung|schreiben)\b", collapsed, re.I):
        if re.search(
            r"\b(?:ihr|ihre[mnrs]?|eure[mnrs]?|unser(?:e[mnrs]?)?)\s*$",
            collapsed[: kw.start()][-14:],
            re.I,
        ):
            continue
        m = _ANSWER_DATE.match(collapsed, kw.start())
        if m is None or re.search(
            r"anfrage|schreiben\s+vom|antrag|nachricht|mail", m.group("between"), re.I
        ):
            continue
        answered = _date_from_match(m)
        if answered:
            break
    refers: date | None = None
    for pattern in _REFERS:
        ref_match = pattern.search(collapsed)
        if ref_match:
            refers = _date_from_match(ref_match)
            if refers:
                break
    if answered is None:
        head = lines[: max(30, len(lines) // 3)]
        for i, ln in enumerate(head):
            line_match = _DATE_LINE.match(ln)
            if not line_match:
                continue
            before = " ".join(x for x in head[max(0, i - 8) : i] if x).lower()
            if re.search(r"termin|vom:|eingegangen|sitzung|gremium|\btop\b", before):
                continue
            answered = _date_from_match(line_match)
            if answered:
                break
    return LetterMeta(answered, refers, _sender(lines, collapsed), _reference(collapsed))


# --------------------------------------------------------------------------------------------
# Inquiries

_STOP_HEADING = re.compile(
    r"^(?:sachverhalt\s*(?:/|und)?\s*(?:begründung)?|begründung|sachstand\s*/\s*begründung"
    r"|erläuterung(?:en)?|hintergrund|unterzeichnet\s+von|unterzeichnet|anlagen?)\s*:?\s*$"
    r"|^(?:begründung|unterzeichnet\s+von)\s*:",
    re.I,
)
_HEADERISH = re.compile(
    r"^(?:stadt|landkreis|kreis|gemeinde|markt|landeshauptstadt)\s+[\wäöüß\-]+(?:\s+[\wäöüß\-]+)?$"
    r"|^(?:der|die)\s+(?:ober)?(?:bürgermeister(?:in)?|landrat|landrätin)\b"
    r"|^(?:anfrage|kleine\s+anfrage|große\s+anfrage|schriftliche\s+anfrage|stellungnahme|antrag"
    r"|fragen|frage)\b[^?]{0,40}$"
    r"|stadtr(?:at|ätin)|ratsherr|ratsfrau|ratsmitglied|fraktion|abgeordnete"
    r"|^(?:vom|eingegangen|gremium|termin|vorlage|top|status|öffentlich|nichtöffentlich"
    r"|nicht\s+öffentlich|verantwortlich|dez\.|ergebnis|x|datum|az\.|aktenzeichen)\b"
    r"|^\d+\.\s*plenarsitzung|^(?:öffentliche|nichtöffentliche)\s+sitzung"
    r"|^[\wäöüß]*(?:rat|rates|tag|tages|ausschuss|ausschusses)$",
    re.I,
)


def _is_headerish(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _HEADERISH.search(s) and len(s.split()) <= 10:
        return True
    if re.fullmatch(r"[\d\s./:\-xX|öÖnN]+", s):
        return True
    if _DATE_RE.search(s) and len(s.split()) <= 6:
        return True
    return bool(re.fullmatch(r"gremium\s+termin.*|.*\btop\s+ö\s+nö.*", s, re.I))


def _is_category_list(subs: Sequence[str]) -> bool:
    """Sub-items that only name categories ("Von der Volkswohnung?") are not questions."""
    return not any(_looks_like_question_start(s) for s in subs)


@dataclass(frozen=True)
class _RawQuestion:
    label: str
    paras: tuple[tuple[str, ...], ...]


def _stop_index(lines: Sequence[str], start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i] and (_STOP_HEADING.match(lines[i]) or _CLOSING.match(lines[i])):
            return i
    return len(lines)


def _question_paragraphs(block: Sequence[str], last: bool) -> tuple[list[list[str]], list[str]]:
    """Paragraphs of a question block; for the last question, stop before the Begründung.

    Returns (paragraphs kept, trailing intro paragraph for the next question).
    """
    paras = _paragraphs(block)
    if not paras:
        return [], []
    kept = [paras[0]]
    for para in paras[1:]:
        text = _join(para)
        if last:
            several = re.search(r"[.!]\s+[A-ZÄÖÜ]", text)
            if (text.endswith("?") and not several) or (
                len(text.split()) <= 20 and not text.endswith(".")
            ):
                kept.append(para)
                continue
            break
        kept.append(para)
    intro: list[str] = []
    if not last and len(kept) >= 2:
        tail = _join(kept[-1])
        if tail.endswith(":") and not re.match(r"^\(?[a-z][.)]\s", kept[-1][0]):
            intro = kept.pop()
    return kept, intro


def _questions_from_lines(lines: Sequence[str]) -> tuple[list[ParsedQuestion], int]:
    """Numbered questions in prepared lines; returns them and the line of the first marker."""
    markers = [m for m in _find_markers(lines) if m.kind in ("plain", "frage")]
    chosen = _choose_inquiry_markers(markers)
    if not chosen:
        return [], -1
    stop = _stop_index(lines, chosen[-1][0].line + 1)
    raw: list[tuple[str, list[list[str]]]] = []
    carry: list[str] = []
    for ci, (marker, label) in enumerate(chosen):
        nxt = chosen[ci + 1][0].line if ci + 1 < len(chosen) else stop
        block = ([marker.rest] if marker.rest else []) + list(lines[marker.line + 1 : nxt])
        paras, intro = _question_paragraphs(block, ci + 1 == len(chosen))
        if carry and paras:
            paras[0] = carry + paras[0]
        carry = intro
        raw.append((label, paras))
    # group sub-items under their parent; categories merge into the parent's text
    out: list[ParsedQuestion] = []
    i = 0
    while i < len(raw):
        label, paras = raw[i]
        subs = []
        j = i + 1
        while j < len(raw) and raw[j][0].startswith(label) and raw[j][0] != label:
            if not re.fullmatch(
                re.escape(label) + r"[a-z]|" + re.escape(label) + r"\d+", raw[j][0]
            ):
                break
            subs.append(raw[j])
            j += 1
        parent_text = "\n".join(_join(p) for p in paras)
        sub_texts = ["\n".join(_join(p) for p in sp) for _, sp in subs]
        if (
            subs
            and all(re.fullmatch(r".*[a-z]", s[0]) for s in subs)
            and _is_category_list(sub_texts)
        ):
            merged = parent_text
            for (slabel, _), stext in zip(subs, sub_texts, strict=True):
                merged += f"\n{slabel[-1]}) {stext}"
            out.append(ParsedQuestion(label, merged.strip()))
        else:
            own_question = "?" in parent_text or not subs
            if own_question and parent_text:
                out.append(ParsedQuestion(label, parent_text))
            for (slabel, _), stext in zip(subs, sub_texts, strict=True):
                out.append(ParsedQuestion(slabel, stext))
        i = j
    return out, chosen[0][0].line


def _choose_inquiry_markers(markers: Sequence[_Marker]) -> list[tuple[_Marker, str]]:
    best: dict[int, tuple[float, int | None, str]] = {}
    for mi, marker in enumerate(markers):
        options: list[tuple[int | None, float, str | None]] = [(None, 0.0, None)]
        options.extend(
            (pmi, best[pmi][0], best[pmi][2])
            for pmi in range(max(0, mi - _WINDOW), mi)
            if pmi in best
        )
        for pmi, pscore, plabel in options:
            res = _successor(plabel, marker.labels[0], marker)
            if res is None:
                continue
            score = pscore + 2.0 - res[1] + (0.5 if "?" in marker.rest else 0.0)
            if mi not in best or best[mi][0] < score:
                best[mi] = (score, pmi, res[0])
    if not best:
        return []
    last: int | None = max(best, key=lambda k: (best[k][0], -k))
    chosen: list[tuple[_Marker, str]] = []
    while last is not None:
        _, prev, lab = best[last]
        chosen.append((markers[last], lab))
        last = prev
    chosen.reverse()
    return chosen


def _unnumbered_questions(lines: Sequence[str], start: int) -> list[ParsedQuestion]:
    """Question paragraphs of an inquiry without numbers, labelled 1, 2, … in order."""
    end = len(lines)
    for i in range(start, len(lines)):
        if lines[i] and _CLOSING.match(lines[i]) or re.match(r"^unterzeichnet", lines[i], re.I):
            end = i
            break
    before: list[str] = []
    after: list[str] = []
    in_reason = False
    for para in _paragraphs(lines[start:end]):
        text = _join(para)
        if _STOP_HEADING.match(para[0]) or re.match(r"^begründung\s*:", para[0], re.I):
            in_reason = True
            rest = _join(para[1:])
            if rest.endswith("?") and _looks_like_question_start(rest):
                after.append(rest)
            continue
        if re.match(r"^(?:anfrage|frage|fragen)\s*:?\s*$", para[0], re.I) and len(para) > 1:
            text = _join(para[1:])
        if text.endswith("?") and (len(text.split()) >= 4 or _looks_like_question_start(text)):
            (after if in_reason else before).append(text)
    # a general question spelled out by the questions of the Begründung gets no entry
    texts = after if len(before) == 1 and len(after) >= 2 else before
    return [ParsedQuestion(str(i + 1), t) for i, t in enumerate(texts)]


def split_questions(text: str) -> list[ParsedQuestion]:
    """Numbered questions of a pasted block ("1. …", "2) …", "Frage 3: …", sub-items)."""
    lines = _prepare(text)
    questions, _ = _questions_from_lines(lines)
    if questions:
        return questions
    return _unnumbered_questions(lines, 0)


def parse_inquiry(text: str) -> ParsedInquiry:
    """Title, preamble, numbered questions and date of an inquiry."""
    lines = _prepare(text)
    questions, first = _questions_from_lines(lines)
    head_end = first if first >= 0 else len(lines)
    title = ""
    preamble_parts: list[str] = []
    title_done = False
    head = lines[:head_end]
    if first < 0:
        stop = _stop_index(lines, 0)
        head = lines[:stop]
    for para in _paragraphs(head):
        rows = [ln for ln in para if not _is_headerish(ln)]
        if not rows:
            continue
        m = re.match(r"^(?:anfrage|betreff|betr\.|thema)\s*[:–-]\s*(.+)$", rows[0], re.I)
        if m and not title:
            title = m.group(1).strip()
            rows = rows[1:]
            title_done = True
            if not rows:
                continue
        text = _join(rows)
        titleish = not re.search(r"[.:!?]$", text) or bool(re.search(r"\b\w{1,3}\.$", text))
        if not title_done and titleish and len(text.split()) <= 25:
            title = text
            title_done = True
            continue
        if first < 0 and text.endswith("?"):
            break
        if re.match(r"^(?:anfrage|fragen?)\s*:?$", text, re.I):
            continue
        preamble_parts.append(text)
    if not questions:
        questions = _unnumbered_questions(lines, 0)
        if questions:
            qset = {q.text for q in questions}
            preamble_parts = [p for p in preamble_parts if p not in qset]
    inquiry_date = _inquiry_date(lines[: head_end if first >= 0 else _stop_index(lines, 0)])
    return ParsedInquiry(title, "\n\n".join(preamble_parts), tuple(questions), inquiry_date)


def _inquiry_date(lines: Sequence[str]) -> date | None:
    collapsed = re.sub(r"\s+", " ", "\n".join(lines))
    m = re.search(r"\bvom\s*:?\s*" + DATE_PATTERN, collapsed, re.I)
    if m:
        found = _date_from_match(m)
        if found:
            return found
    for i, ln in enumerate(lines[:40]):
        m2 = _DATE_LINE.match(ln)
        if m2 and (i < 6 or re.match(r"^(?:datum|[A-ZÄÖÜ][\wäöüß.\- ]+,)", ln, re.I)):
            found = _date_from_match(m2)
            if found:
                return found
    return None
