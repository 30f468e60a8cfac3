"""Question labels and the lines that could start an item ("1.", "Zu Frage 3:", "a)")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_LABEL_STRIP = re.compile(
    r"^(?:zu\s+|ad\s+)?(?:den\s+)?(?:fragen?|frage-?nr\.?|nr\.|ziffer|punkt)\s*", re.I
)


# "3.1", "1.3.1": hierarchical numbering keeps its dots (compared on digits elsewhere)
_HIERARCHICAL = re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,2})\.?\)?")


def normalize_label(raw: str) -> str:
    """ "2.a)" -> "2a", "Frage 3:" -> "3", "G.1" -> "G1", "b)" -> "b".

    Upper-case letters stay upper-case (question groups "A", "G1"), letters after a number are
    lower-case (sub-items "3a").
    """
    s = raw.strip().strip("*").strip()
    s = _LABEL_STRIP.sub("", s)
    hier = _HIERARCHICAL.fullmatch(s)
    if hier:
        return re.sub(r"\s+", "", hier.group(1))
    s = re.sub(r"[^0-9A-Za-zÄÖÜäöü]", "", s)
    m = re.fullmatch(r"(\d+)([A-Za-z]?)", s)
    if m:
        return m.group(1) + m.group(2).lower()
    return s


def top_label(label: str) -> str:
    """The top-level part of a label: "2a" -> "2", "G1" -> "G", "II3" -> "II"."""
    m = re.match(r"\d+|[IVX]+(?=\d|$)|[A-Z]", label)
    return m.group(0) if m else label


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(label: str) -> int | None:
    """1 for "I", 4 for "IV", 12 for "XII"; None unless `label` is a well-formed numeral < 40."""
    if not re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", label) or not label:
        return None
    total = 0
    for i, ch in enumerate(label):
        value = _ROMAN[ch]
        nxt = _ROMAN[label[i + 1]] if i + 1 < len(label) else 0
        total += -value if value < nxt else value
    return total


_LBL = (
    r"(?:\d{1,2}(?:\.\d{1,2}){1,2}(?!\d)\.?|\d{1,3}(?:\s?\.?\s?[a-z](?![a-zäöüß]))?\.?"
    r"|[IVX]{2,5}\.?|[A-Z](?:\s?\d{1,2})?\.?|[a-z]\))"
)
_SEP = r"\s*(?:,|und|bis|–|-|—|u\.|sowie|&|/)\s*"
_ZU_RE = re.compile(
    r"^(?:zu|ad|zur|antwort\s+(?:zu|auf)|antwort|beantwortung\s+(?:der\s+)?)\s+"
    r"(?:(?:den|der|die|ihrer|ihren|ihre)\s+)?(?P<kw>(?:einzelnen\s+)?(?:fragen?|frage-?nr\.?|nr\.|nummern?|ziffern?|punkte?)\s*)?"
    rf"(?P<labels>{_LBL}(?:{_SEP}{_LBL})*)"
    r"(?P<end>\s*[:.)–-]|\s*$)(?P<rest>.*)$",
    re.I,
)
_FRAGE_RE = re.compile(rf"^frage\s+(?P<labels>{_LBL})\s*[:.)–-]?\s*(?P<rest>.*)$", re.I)
PLAIN_NUM = re.compile(
    r"^\(?(?:(?P<label>\d{1,3}(?:\s?\.?\s?[a-z](?=[.)]))?)(?:\.\)|\)|\.)"
    r"|(?P<hier>\d{1,2}(?:\.\d{1,2}){1,2})\.?\)?)(?=\s|$)\s*(?P<rest>.*)$"
)
_PLAIN_UPPER = re.compile(
    r"^(?P<label>[IVX]{2,5}|[A-Z](?:\s?\.?\d{1,2})?)[.)](?=\s|$)\s*(?P<rest>.*)$"
)
_PLAIN_LOWER = re.compile(r"^\(?(?P<label>[a-z])[.)](?=\s|$)\s*(?P<rest>.*)$")
ANTWORT_RE = re.compile(
    r"^(?:antwort|stellungnahme)(?:\s+(?:der|des)\s+[\wäöüß]+)?\s*(?::\s*(?P<rest>.*)|$)", re.I
)  # "Antwort:", "Antwort der Landesregierung" alone on its line
_ABBREV_AFTER = re.compile(r"^[A-Za-zäöü]\.\s")


@dataclass(frozen=True)
class Marker:
    line: int
    kind: str  # "plain", "zu", "frage"; "text" for a question repeated without its number
    labels: tuple[str, ...]
    is_range: bool
    rest: str
    para_start: bool
    # questions printed one after another above "Die Fragen 3 und 11 werden gemeinsam
    # beantwortet.": the first marker stands for the group, `joint` holds the others' labels
    # and `tail` the last of them (its question ends where the answer starts)
    joint: tuple[str, ...] = ()
    tail: Marker | None = None


def _split_labels(raw: str) -> tuple[tuple[str, ...], bool]:
    is_range = bool(re.search(r"\d\s*(?:bis|–|-|—)\s*\d", raw))
    parts = re.split(_SEP, raw)
    labels = tuple(normalize_label(p) for p in parts if normalize_label(p))
    return labels, is_range


def _continues_line(prev: str, rest: str) -> bool:
    """ "…_id_25949930" / "1.html)." – a number that continues a broken address is no label."""
    if not prev or not rest or not rest[0].islower():
        return False
    last = prev.split()[-1] if prev.split() else ""
    return bool(re.search(r"[/_=]|https?:|www\.", last)) and not last.endswith((".", ":", "?"))


_MAX_MARKERS = 1500
"""No letter numbers more lines than this; the cap bounds the work on huge pasted texts."""


def find_markers(lines: Sequence[str]) -> list[Marker]:
    markers: list[Marker] = []
    for i, ln in enumerate(lines):
        if not ln:
            continue
        if len(markers) >= _MAX_MARKERS:
            break
        para_start = i == 0 or not lines[i - 1]
        m = _ZU_RE.match(ln)
        if m and (m.group("kw") or m.group("end").strip() or not m.group("rest").strip()):
            labels, is_range = _split_labels(m.group("labels"))
            if labels and all(
                re.fullmatch(r"\d{1,3}(?:\.\d{1,2}){0,2}[a-z]?|[A-Z]\d{0,2}|[IVX]{2,5}|[a-z]", x)
                for x in labels
            ):
                markers.append(Marker(i, "zu", labels, is_range, m.group("rest"), para_start))
                continue
        m = _FRAGE_RE.match(ln)
        if m:
            labels, is_range = _split_labels(m.group("labels"))
            if labels:
                markers.append(Marker(i, "frage", labels[:1], False, m.group("rest"), para_start))
                continue
        m = PLAIN_NUM.match(ln)
        if m:
            rest = m.group("rest")
            if _continues_line(lines[i - 1] if i else "", rest):
                continue
            # "2. Var." / "1. Juni" style continuations are weeded out by sequence and score
            label = normalize_label(m.group("label") or m.group("hier"))
            markers.append(Marker(i, "plain", (label,), False, rest, para_start))
            continue
        m = _PLAIN_UPPER.match(ln)
        if m and not re.match(r"^[A-Z]\.\s?[A-Z]\.", ln):
            label = normalize_label(m.group("label"))
            markers.append(Marker(i, "plain", (label,), False, m.group("rest"), para_start))
            continue
        m = _PLAIN_LOWER.match(ln)
        if m and not _ABBREV_AFTER.match(m.group("rest")):
            markers.append(
                Marker(i, "plain", (m.group("label"),), False, m.group("rest"), para_start)
            )
    return markers
