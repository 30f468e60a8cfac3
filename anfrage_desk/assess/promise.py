"""A deferral is a promise: when to ask again about a holding answer.

"Die Planungen werden bis Ende 2024 abgeschlossen", "wird derzeit geprüft", "nach Abschluss der
Planungen im Herbst": the administration owes the answer later. The re-ask date is the day after
the date or period the answer names (after the letter's date), otherwise three months after the
letter.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from anfrage_desk.assess.phrases import PhraseBook
from anfrage_desk.assess.text import prepare

DEFAULT_MONTHS = 3

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
# Season or part of a year -> the month in which it ends.
_PERIOD_END = {
    "frühjahr": 5,
    "frühling": 5,
    "sommer": 8,
    "sommerpause": 9,
    "herbst": 11,
    "winter": 2,
    "jahresbeginn": 3,
    "jahresanfang": 3,
    "anfang": 3,
    "beginn": 3,
    "mitte": 6,
    "jahresmitte": 6,
    "ende": 12,
    "jahresende": 12,
    "halbjahr": 6,
}
_QUARTER = {"ersten": 3, "1.": 3, "zweiten": 6, "2.": 6, "dritten": 9, "3.": 9, "vierten": 12}
_QUARTER["4."] = 12

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_EXACT = re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)?\d\d)\b")
_QUARTER_RE = re.compile(
    rf"\b(?P<q>ersten|zweiten|dritten|vierten|[1-4]\.)\s+Quartal(?:\s+(?:des\s+Jahres\s+)?{_YEAR})?",
    re.IGNORECASE,
)
_HALF = re.compile(
    rf"\b(?P<h>ersten|zweiten|[12]\.)\s+Halbjahr(?:\s+(?:des\s+Jahres\s+)?{_YEAR})?", re.IGNORECASE
)
_MONTH_RE = re.compile(
    rf"\b(?:(?:Anfang|Mitte|Ende)\s+)?(?P<month>{'|'.join(_MONTHS)})(?:\s+{_YEAR})?\b",
    re.IGNORECASE,
)
_PERIOD_RE = re.compile(
    rf"\b(?P<period>{'|'.join(_PERIOD_END)})\b(?P<this>\s+(?:des|dieses)\s+Jahres)?"
    rf"(?:\s+{_YEAR})?",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(rf"\b(?:bis|in|im\s+Jahr|im\s+Laufe\s+des\s+Jahres)\s+{_YEAR}\b", re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_after(letter: date, month: int, year: int | None) -> date:
    """The end of ``month`` in ``year``, or its next occurrence after the letter."""
    if year is not None:
        return _month_end(year, month)
    end = _month_end(letter.year, month)
    return end if end >= letter else _month_end(letter.year + 1, month)


def named_date(text: str, letter: date) -> date | None:
    """The latest date or end of period the text promises after ``letter`` (None: none named)."""
    found: list[date] = []
    for m in _EXACT.finditer(text):
        y = int(m.group("y"))
        y = y + 2000 if y < 100 else y
        try:
            found.append(date(y, int(m.group("m")), int(m.group("d"))))
        except ValueError:
            continue
    for m in _QUARTER_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        found.append(_next_after(letter, _QUARTER[m.group("q").lower()], year))
    for m in _HALF.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        month = 6 if m.group("h").lower() in ("ersten", "1.") else 12
        found.append(_next_after(letter, month, year))
    for m in _MONTH_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        found.append(_next_after(letter, _MONTHS[m.group("month").lower()], year))
    for m in _PERIOD_RE.finditer(text):
        period = m.group("period").lower()
        year = int(m.group("year")) if m.group("year") else None
        if year is None and not m.group("this") and period in ("anfang", "mitte", "ende", "beginn"):
            continue  # "Ende der Planungen" names no time
        month = _PERIOD_END[period]
        if period == "winter" and year is not None:
            year += 1  # "Winter 2024" ends in February 2025
        found.append(_next_after(letter, month, year))
    for m in _BARE_YEAR.finditer(text):
        found.append(date(int(m.group("year")), 12, 31))
    future = [d for d in found if d >= letter]
    return max(future) if future else None


def reask_date(text: str, letter: date) -> date:
    """When to ask again: the day after the named date, else three months after the letter."""
    named = named_date(text, letter)
    if named is not None:
        return named + timedelta(days=1)
    month = letter.month - 1 + DEFAULT_MONTHS
    year = letter.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(letter.day, calendar.monthrange(year, month)[1]))


def deferral_span(text: str, book: PhraseBook) -> tuple[int, int] | None:
    """Where the answer defers (a span in ``text``), or None when it does not."""
    prep = prepare(text)
    for cue in book.find(prep.text):
        if cue.kind == "deferral":
            return prep.span(cue.start, cue.end)
    return None
