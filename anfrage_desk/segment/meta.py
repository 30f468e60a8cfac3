"""Letter metadata: answer date, the inquiry's date, sender and reference."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from anfrage_desk.segment.dates import DATE_LINE, DATE_PATTERN, date_from_match
from anfrage_desk.segment.model import LetterMeta
from anfrage_desk.textclean import clean_text

_ANSWER_DATE = re.compile(
    r"\b(?:antwort|stellungnahme|beantwortung|schreiben|mitteilung)\b(?P<between>[^\n]{0,220}?)\bvom\s+"
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

_SENDER_WORDS = re.compile(
    r"\b(?:stadt|kreis|landkreis|gemeinde|markt|landeshauptstadt|bezirksamt|landrat|landrätin"
    r"|bürgermeister(?:in)?|oberbürgermeister(?:in)?|ministerium|landesregierung|senat|verwaltung"
    r"|regierungspräsidium|amt)\b",
    re.I,
)


_WIDE_SPACE = re.compile(r"\s{2,}|[^\S ]")


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
    if "A n t w o r t" in collapsed:
        collapsed = re.sub(r"\bA n t w o r t\b", "Antwort", collapsed)
    m = None
    if "Antwort" in collapsed:  # both patterns need it (case-sensitive)
        m = re.search(
            r"Antwort(?<=\bAntwort)\s+(?:des|der)\s+(?P<who>.{5,160}?)\s+namens\s+der\s+(?:Landes|Staats|Bundes)regierung",
            collapsed,
        ) or re.search(
            r"Antwort(?<=\bAntwort)\s+(?:des|der)\s+(?P<who>(?:[A-ZÄÖÜ][\wäöüß-]*\s+)?(?:Ministeriums|Senatsverwaltung"
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
    # Each pattern with the words one of which it needs (case-sensitive, so a plain "in" decides;
    # scanning the whole letter with every pattern cost more than the rest of the metadata).
    # "Word(?<=\bWord)" is "\bWord" with the word first: found by a fast literal scan.
    patterns = [
        (
            ("Drucksache",),
            r"Drucksache(?<=\bDrucksache)\s+(?P<r>\d{1,2}/\d{1,6}|[IVX]+[-/]\d{2,5})",
        ),
        (
            ("Vorlage",),
            r"Vorlage(?<=\bVorlage)(?:n)?(?:-|\s)?(?:Nr\.?|nummer)?\s*:?\s*(?P<r>\d{2,4}/\d{1,5}(?:/\d+)?)",
        ),
        (
            ("Vorlage",),
            r"Vorlage(?<=\bVorlage)(?:n)?(?:-|\s)?(?:Nr\.?|nummer)?\s*:?(?:\s*[A-Za-zäöü.:]+){0,3}\s*(?P<r>\d{4}/\d{3,5})",
        ),
        (
            ("Aktenzeichen", "Az.", "Gesch.-Z.", "Geschäftszeichen"),
            r"\b(?:Aktenzeichen|Az\.|Gesch\.-Z\.|Geschäftszeichen)\s*:?\s*(?P<r>[\w./\-]+(?:\s?[\w./\-]+)?)",
        ),
        (("Drs.",), r"Drs\.(?<=\bDrs\.)\s*(?P<r>\d{1,2}/\d{1,6})"),
    ]
    for needles, p in patterns:
        if not any(n in collapsed for n in needles):
            continue
        m = re.search(p, collapsed)
        if m:
            return m.group("r").strip().rstrip(".,")
    return ""


def letter_meta(text: str, lines: Sequence[str]) -> LetterMeta:
    # = re.sub(r"\s+", " ", …), without replacing every single space by a space
    collapsed = _WIDE_SPACE.sub(" ", clean_text(text).replace("**", ""))
    answered: date | None = None
    for kw in re.finditer(
        r"\b(?=[absm])(?:antwort|stellungnahme|beantwortung|schreiben|mitteilung)\b",
        collapsed,
        re.I,
    ):
        if re.search(
            r"\b(?:ihr|ihre[mnrs]?|eure[mnrs]?|unser(?:e[mnrs]?)?)\s*$",
            collapsed[max(0, kw.start() - 14) : kw.start()],
            re.I,
        ):
            continue
        m = _ANSWER_DATE.match(collapsed, kw.start())
        if m is None or re.search(
            r"anfrage|schreiben\s+vom|antrag|nachricht|mail", m.group("between"), re.I
        ):
            continue
        answered = date_from_match(m)
        if answered:
            break
    refers: date | None = None
    for pattern in _REFERS:
        ref_match = pattern.search(collapsed)
        if ref_match:
            refers = date_from_match(ref_match)
            if refers:
                break
    if answered is None:
        head = lines[: max(30, len(lines) // 3)]
        for i, ln in enumerate(head):
            line_match = DATE_LINE.match(ln)
            if not line_match:
                continue
            before = " ".join(x for x in head[max(0, i - 8) : i] if x).lower()
            if re.search(r"termin|vom:|eingegangen|sitzung|gremium|\btop\b", before):
                continue
            answered = date_from_match(line_match)
            if answered:
                break
    return LetterMeta(answered, refers, _sender(lines, collapsed), _reference(collapsed))
